/*
 * pdf_pages.c - the baseline of tests/bench/incident.sh: bare libharu
 * writing the pages of one breachgen PDF again, with the same text on
 * each page (pdftotext's, pages split at form feeds) and the same
 * embedded fonts, in one process per document as `make reports` makes
 * them. No Markdown, no layout, no line breaking: what any program
 * writing those pages with libharu pays at least.
 *
 *   pdf_pages OUT.pdf TEXTFILE FONT.ttf...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>

static void
on_error(HPDF_STATUS e, HPDF_STATUS detail, void *user)
{
	(void)user;
	fprintf(stderr, "pdf_pages: libharu error 0x%04X (%u)\n", (unsigned)e,
		(unsigned)detail);
	exit(1);
}

int
main(int argc, char **argv)
{
	static char text[1 << 22];
	HPDF_Font font[16];
	HPDF_Doc pdf;
	HPDF_Page page = NULL;
	char *s, *nl;
	size_t len;
	double y = 0;
	int nfonts = 0, line = 0, i;
	FILE *fp;

	if (argc < 4 || argc - 3 > 16) {
		fputs("usage: pdf_pages OUT.pdf TEXTFILE FONT.ttf...\n", stderr);
		return 64;
	}
	if ((fp = fopen(argv[2], "rb")) == NULL)
		return 66;
	len = fread(text, 1, sizeof text - 1, fp);
	fclose(fp);
	text[len] = '\0';
	pdf = HPDF_New(on_error, NULL);
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	for (i = 3; i < argc; i++)
		font[nfonts++] = HPDF_GetFont(pdf,
		    HPDF_LoadTTFontFromFile(pdf, argv[i], HPDF_TRUE), "UTF-8");
	for (s = text; *s != '\0'; s = nl + 1) {
		nl = strchr(s, '\n');
		if (nl == NULL)
			nl = s + strlen(s);
		/* A form feed starts a page (pdftotext puts one after each). */
		if (page == NULL || *s == '\f') {
			if (*s == '\f')
				s++;
			if (*s == '\0')
				break;
			page = HPDF_AddPage(pdf);
			HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4,
					  HPDF_PAGE_PORTRAIT);
			y = 780;
		}
		if (nl > s) {
			char c = *nl;

			*nl = '\0';
			HPDF_Page_BeginText(page);
			HPDF_Page_SetFontAndSize(page, font[line++ % nfonts], 10);
			HPDF_Page_TextOut(page, 72, (HPDF_REAL)y, s);
			HPDF_Page_EndText(page);
			*nl = c;
		}
		y -= 12;
		if (*nl == '\0')
			break;
	}
	if (HPDF_SaveToFile(pdf, argv[1]) != HPDF_OK)
		return 74;
	HPDF_Free(pdf);
	return 0;
}

/*
 * pdf_bench.c - the baseline of tests/bench/pdf.sh: bare libharu writing
 * a three-page document with the same embedded fonts and the same text
 * as the sample report, N times. No layout, no line breaking.
 *
 *   pdf_bench N FONTDIR TEXTFILE OUT.pdf
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>

static const char *const files[] = {
	"DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf",
	"DejaVuSansMono.ttf"
};

static void
on_error(HPDF_STATUS e, HPDF_STATUS detail, void *user)
{
	(void)user;
	fprintf(stderr, "libharu error 0x%04X (%u)\n", (unsigned)e,
		(unsigned)detail);
	exit(1);
}

int
main(int argc, char **argv)
{
	static char text[1 << 20];
	char *lines[4096], path[4096];
	size_t len, nlines = 0, k;
	FILE *fp;
	int n, i;

	if (argc != 5)
		return 64;
	n = atoi(argv[1]);
	fp = fopen(argv[3], "rb");
	if (fp == NULL)
		return 66;
	len = fread(text, 1, sizeof text - 1, fp);
	fclose(fp);
	text[len] = '\0';
	for (char *s = strtok(text, "\n"); s && nlines < 4096;
	     s = strtok(NULL, "\n"))
		if (strlen(s) > 1)
			lines[nlines++] = s;
	for (i = 0; i < n; i++) {
		HPDF_Doc pdf = HPDF_New(on_error, NULL);
		HPDF_Font font[4];
		int f, page;

		HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
		HPDF_UseUTFEncodings(pdf);
		HPDF_SetCurrentEncoder(pdf, "UTF-8");
		for (f = 0; f < 4; f++) {
			const char *name;

			snprintf(path, sizeof path, "%s/%s", argv[2], files[f]);
			name = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
			font[f] = HPDF_GetFont(pdf, name, "UTF-8");
		}
		for (page = 0, k = 0; page < 3; page++) {
			HPDF_Page p = HPDF_AddPage(pdf);
			double y = 770;

			HPDF_Page_SetSize(p, HPDF_PAGE_SIZE_A4,
					  HPDF_PAGE_PORTRAIT);
			for (; y > 70; y -= 14, k++) {
				char line[96];

				/* A report line is about 90 characters. */
				snprintf(line, sizeof line, "%.88s",
					 lines[k % nlines]);
				while (strlen(line) > 0 &&
				       ((unsigned char)line[strlen(line) - 1]
					& 0xC0) == 0x80)
					line[strlen(line) - 1] = '\0';
				while (strlen(line) > 0 &&
				       ((unsigned char)line[strlen(line) - 1]
					& 0xC0) == 0xC0)
					line[strlen(line) - 1] = '\0';
				HPDF_Page_BeginText(p);
				HPDF_Page_SetFontAndSize(p, font[k % 4], 10);
				HPDF_Page_TextOut(p, 72, (HPDF_REAL)y, line);
				HPDF_Page_EndText(p);
			}
		}
		HPDF_SaveToFile(pdf, argv[4]);
		HPDF_Free(pdf);
	}
	return 0;
}

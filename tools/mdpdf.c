/*
 * mdpdf - Markdown to PDF, or to the layout dump, for tests and
 * benchmarks of the PDF back end (breachgen render wires the same calls).
 *
 *   mdpdf [-d] [-n N] [-l lang] [-s style.yaml] [-a addressee]
 *         [-c controller] [-D date] [-r reference] [-p page-pattern]
 *         [-C confidential] [-t title] [-e epoch] in.md out
 *
 * -d writes the dump instead of a PDF ("-" is standard output); -n
 * renders N times (benchmarks). The creation date is -e, else
 * SOURCE_DATE_EPOCH, else none.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "dump.h"
#include "layout.h"
#include "output.h"
#include "pdf.h"
#include "style.h"

static int
slurp(const char *path, struct buf *b)
{
	FILE *fp = fopen(path, "rb");
	char chunk[65536];
	size_t n;

	if (fp == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_put(b, chunk, n);
	fclose(fp);
	return 0;
}

static char *
unescape(const char *s)
{
	/* "\n" in an argument separates lines of the addressee. */
	char *r = xstrdup(s), *w = r;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] == 'n') {
			*w++ = '\n';
			s++;
		} else {
			*w++ = *s;
		}
	}
	*w = '\0';
	return r;
}

int
main(int argc, char **argv)
{
	struct lay_furniture f;
	struct style st;
	struct diags d;
	struct arena *a = arena_new();
	struct buf md = BUF_INIT, out = BUF_INIT;
	const char *lang = "en", *stylefile = NULL, *sde;
	char *addr = NULL;
	int c, rc = 0, dump = 0, times = 1, i;

	memset(&f, 0, sizeof f);
	diag_init(&d);
	style_default(&st);
	sde = getenv("SOURCE_DATE_EPOCH");
	if (sde)
		f.epoch = strtoll(sde, NULL, 10);
	while ((c = getopt(argc, argv, "dn:l:s:a:c:D:r:p:C:t:e:")) != -1) {
		switch (c) {
		case 'd': dump = 1; break;
		case 'n': times = atoi(optarg); break;
		case 'l': lang = optarg; break;
		case 's': stylefile = optarg; break;
		case 'a': f.addressee = addr = unescape(optarg); break;
		case 'c': f.controller = optarg; break;
		case 'D': f.date = optarg; break;
		case 'r': f.reference = optarg; break;
		case 'p': f.page_pattern = optarg; break;
		case 'C': f.confidential = optarg; break;
		case 't': f.title = optarg; break;
		case 'e': f.epoch = strtoll(optarg, NULL, 10); break;
		default: rc = EXIT_USAGE; goto out;
		}
	}
	if (argc - optind != 2) {
		fprintf(stderr, "usage: mdpdf [-d] [-l lang] [-s style] "
			"[-a addressee] [-c controller] [-D date] "
			"[-r reference] [-p pattern] [-C confidential] "
			"[-t title] [-e epoch] in.md out\n");
		rc = EXIT_USAGE;
		goto out;
	}
	f.source = argv[optind];
	if (stylefile && (rc = style_load(&st, a, stylefile, &d)) != 0)
		goto out;
	if (slurp(argv[optind], &md) != 0) {
		perror(argv[optind]);
		rc = EXIT_NOINPUT;
		goto out;
	}
	/* Each round writes its file, as the bare libharu program of the
	 * benchmark does. */
	for (i = 0; i < times && rc == 0; i++) {
		buf_truncate(&out, 0);
		if (dump)
			rc = dump_render_markdown(buf_cstr(&md), md.len, &f,
						  &st, lang, &out, &d);
		else
			rc = pdf_render_buf(buf_cstr(&md), md.len, &f, &st,
					    lang, argv[optind + 1], &out, &d);
		if (rc != 0)
			break;
		if (strcmp(argv[optind + 1], "-") == 0) {
			if (i + 1 == times)
				fwrite(out.s ? out.s : "", 1, out.len, stdout);
		} else
			rc = out_write_atomic(argv[optind + 1], buf_cstr(&out),
					      out.len, &d);
	}
out:
	diag_print(&d, stderr);
	diag_free(&d);
	buf_free(&md);
	buf_free(&out);
	free(addr);
	arena_free(a);
	return rc;
}

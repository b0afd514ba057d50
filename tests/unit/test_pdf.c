/*
 * test_pdf.c - the libharu device on its own: errors recorded and never
 * fatal, glyphs from the subset or the full font, the ToUnicode CMap,
 * identical bytes for identical input, document information, and the
 * font messages a DPO sees.
 *
 * Run from the top of the repository, after `make fonts` (build/fonts).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dlfcn.h>
#include <unistd.h>
#include <zlib.h>

#include <cmocka.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "layout.h"
#include "pdf.h"
#include "style.h"

#define DEJAVU "/usr/share/fonts/truetype/dejavu/"

static const char sample[] =
    "# Notification\n\nLa violation a touché « 1 250 000 » personnes.\n";

/* The style of templates/style.yaml as the tests need it: subsets from
 * build/fonts over the full DejaVu fonts. */
static void
subset_style(struct style *st)
{
	style_default(st);
	st->subset_dir[0] = "build/fonts";
	st->subset_dir[1] = NULL;
	assert_int_equal(access("build/fonts/DejaVuSerif.ttf", R_OK), 0);
}

static void
furniture(struct lay_furniture *f)
{
	memset(f, 0, sizeof *f);
	f->source = "sample.md";
	f->controller = "Exemple Musique SAS";
	f->subject = "Art. 33";
	f->keywords = "GDPR";
	f->epoch = 1741944600;	/* 2025-03-14 09:30:00 UTC */
}

/* The PDF of md, laid out with st, into out; returns lay_render's and
 * pdf_save_buf's status. */
static int
render(const char *md, const struct style *st, const struct lay_furniture *f,
       struct buf *out, struct diags *d)
{
	struct pdf_doc *p = pdf_open(st, "t.pdf", d);
	int rc;

	assert_non_null(p);
	rc = lay_render(md, strlen(md), f, st, "fr", pdf_device(p), NULL, d);
	if (rc == 0) {
		pdf_set_info(p, f, "fr");
		rc = pdf_save_buf(p, out, d);
	}
	pdf_close(p);
	return rc;
}

static bool
has(const struct buf *b, const char *s)
{
	size_t n = strlen(s), i;

	for (i = 0; i + n <= b->len; i++)
		if (memcmp(b->s + i, s, n) == 0)
			return true;
	return false;
}

/*
 * Every stream of the PDF, inflated where it inflates, into out; returns
 * how many do not inflate. zlib is reached through dlopen: libharu
 * already loads it, and the test link line names no zlib.
 */
static size_t
inflate_streams(const struct buf *pdf, struct buf *out)
{
	typedef int (*uncompress_fn)(Bytef *, uLongf *, const Bytef *, uLong);
	uncompress_fn unz;
	void *lib = dlopen("libz.so.1", RTLD_NOW), *sym;
	size_t i = 0, bad = 0;
	static Bytef dst[1 << 20];

	assert_non_null(lib);
	sym = dlsym(lib, "uncompress");
	assert_non_null(sym);
	memcpy(&unz, &sym, sizeof unz);
	while (i + 7 < pdf->len) {
		const char *s = pdf->s + i;
		size_t start, end;
		uLongf n = sizeof dst;

		if (memcmp(s, "stream", 6) != 0 ||
		    (s[6] != '\r' && s[6] != '\n') ||
		    (i > 0 && s[-1] == 'd')) {
			i++;
			continue;
		}
		start = i + 6 + (s[6] == '\r' ? 2 : 1);
		for (end = start; end + 9 <= pdf->len; end++)
			if (memcmp(pdf->s + end, "endstream", 9) == 0)
				break;
		if (unz(dst, &n, (const Bytef *)pdf->s + start,
			(uLong)(end - start)) == Z_OK)
			buf_put(out, (const char *)dst, n);
		else
			bad++;
		i = end;
	}
	dlclose(lib);
	return bad;
}

static void
test_error_recorded_not_fatal(void **state)
{
	struct style st;
	struct diags d;
	struct pdf_doc *p;
	const struct device *dev;
	struct dev_color black = {0, 0, 0};
	char text[512];
	struct buf b = BUF_INIT;
	const char *path = "/tmp/breachgen-test-pdf-error.pdf";

	(void)state;
	subset_style(&st);
	diag_init(&d);
	p = pdf_open(&st, path, &d);
	assert_non_null(p);
	dev = pdf_device(p);
	dev->begin_page(dev->ctx, 1, st.page_width, st.page_height);
	/* A negative line width: libharu raises HPDF_PAGE_OUT_OF_RANGE. */
	dev->line(dev->ctx, 10, 10, 100, 10, -1, &black);
	/* Still here: nothing longjmp'd. Later calls are harmless, even
	 * one that loads the full font (it must not clear the error). */
	dev->text(dev->ctx, DEV_REGULAR, 10, &black, 72, 700, "encore", 6);
	dev->text(dev->ctx, DEV_BOLD, 10, &black, 72, 680, "\xce\xb1", 2);
	dev->end_page(dev->ctx);
	assert_int_equal(d.errors, 0);	/* reported when saving */
	assert_int_equal(pdf_save_buf(p, &b, &d), EXIT_SOFTWARE);
	assert_int_equal(b.len, 0);	/* no bytes for render to stage */
	assert_int_equal(d.errors, 1);
	diag_format(&d.v[0], text, sizeof text);
	assert_non_null(strstr(text, path));
	assert_non_null(strstr(text, "libharu failed"));
	assert_non_null(strstr(text, "no PDF is written"));
	pdf_close(p);
	buf_free(&b);
	diag_free(&d);
}

static void
test_missing_font_is_an_error(void **state)
{
	struct style st;
	struct lay_furniture f;
	struct diags d;
	char text[1024];
	struct buf b = BUF_INIT;

	(void)state;
	style_default(&st);
	st.font[DEV_ITALIC] = DEJAVU "DejaVuSerif-Missing.ttf";
	furniture(&f);
	diag_init(&d);
	/* Faces load on first use: a document without italics is sound. */
	assert_int_equal(pdf_render_buf(sample, strlen(sample), &f, &st, "fr",
					"x.pdf", &b, &d), 0);
	assert_int_equal(d.n, 0);
	assert_true(b.len > 0);
	buf_truncate(&b, 0);
	/* One with italics is refused, with one error, not one a letter. */
	assert_int_equal(pdf_render_buf("Texte *en italique*.\n", 21, &f,
					&st, "fr", "x.pdf", &b, &d),
			 EXIT_NOINPUT);
	assert_int_equal(d.errors, 1);
	assert_int_equal(d.n, 1);
	diag_format(&d.v[0], text, sizeof text);
	assert_non_null(strstr(text, "x.pdf: error: "));
	assert_non_null(strstr(text, "DejaVuSerif-Missing.ttf"));
	assert_non_null(strstr(text, "apt-get install fonts-dejavu-extra"));
	assert_non_null(strstr(text, "fonts.italic"));
	assert_int_equal(b.len, 0);
	buf_free(&b);
	diag_free(&d);
}

/* A file that is not a font, named in a style file: the error points
 * at the style's line and column. */
static void
test_bad_font_file_in_style(void **state)
{
	const char *yaml = "/tmp/breachgen-test-pdf-style.yaml";
	struct arena *a = arena_new();
	struct style st;
	struct lay_furniture f;
	struct diags d;
	struct buf b = BUF_INIT;
	char text[1024];
	FILE *fp;

	(void)state;
	fp = fopen(yaml, "w");
	assert_non_null(fp);
	fputs("fonts:\n  subset_dir: nowhere\n"
	      "  bold: breachgen-test-pdf-style.yaml\n", fp);
	fclose(fp);
	style_default(&st);
	furniture(&f);
	diag_init(&d);
	assert_int_equal(style_load(&st, a, yaml, &d), 0);
	/* Relative to the style file's folder. */
	assert_string_equal(st.font[DEV_BOLD], yaml);
	assert_string_equal(st.subset_dir[0], "/tmp/nowhere");
	assert_int_equal(pdf_render_buf("**Gras.**\n", 10, &f, &st, "fr",
					"x.pdf", &b, &d), EXIT_NOINPUT);
	assert_int_equal(b.len, 0);
	assert_int_equal(d.errors, 1);
	diag_format(&d.v[0], text, sizeof text);
	assert_non_null(strstr(text, "breachgen-test-pdf-style.yaml:3:9: "
				     "error: "));
	assert_non_null(strstr(text, "not a TrueType font"));
	assert_non_null(strstr(text, "correct fonts.bold"));
	buf_free(&b);
	unlink(yaml);
	diag_free(&d);
	arena_free(a);
}

/* Fonts made with their own encoder (font_new), and made again with
 * the widths and map kept from the first document, are byte for byte
 * those libharu makes with HPDF_GetFont: regular, bold, italic, mono,
 * and a full font behind a subset. */
static void
test_fonts_as_libharu_makes_them(void **state)
{
	static const char md[] =
	    "# Titre\n\nTexte *italique* et `code`, \xce\xb1 et \xe2\x82\xac.\n";
	struct style st;
	struct lay_furniture f;
	struct diags d;
	struct buf fast = BUF_INIT, plain = BUF_INIT, kept = BUF_INIT;

	(void)state;
	subset_style(&st);
	furniture(&f);
	diag_init(&d);
	assert_int_equal(render(md, &st, &f, &fast, &d), 0);
	/* Again: widths and map now come from the first document. */
	assert_int_equal(render(md, &st, &f, &kept, &d), 0);
	pdf_test_plain_fonts(true);
	assert_int_equal(render(md, &st, &f, &plain, &d), 0);
	pdf_test_plain_fonts(false);
	assert_int_equal(d.errors + d.warnings, 0);
	assert_true(has(&fast, "DejaVuSansMono-BG"));
	assert_true(has(&fast, "+DejaVuSerif,"));	/* the full font */
	assert_int_equal(fast.len, plain.len);
	assert_memory_equal(fast.s, plain.s, fast.len);
	assert_int_equal(kept.len, plain.len);
	assert_memory_equal(kept.s, plain.s, kept.len);
	buf_free(&kept);
	buf_free(&fast);
	buf_free(&plain);
	diag_free(&d);
}

/* breachgen deflates every stream itself (libharu's level is fixed):
 * none is left raw, each says /FlateDecode, and the 128 KiB CIDToGIDMap
 * of each font is among the streams that inflate. */
static void
test_every_stream_deflated(void **state)
{
	static const char md[] = "# Titre\n\n*Italique* et `code`.\n";
	struct style st;
	struct lay_furniture f;
	struct diags d;
	struct buf pdf = BUF_INIT, raw = BUF_INIT;
	size_t i, nstream = 0, nflate = 0;

	(void)state;
	subset_style(&st);
	furniture(&f);
	diag_init(&d);
	assert_int_equal(render(md, &st, &f, &pdf, &d), 0);
	for (i = 0; i + 9 < pdf.len; i++) {
		if (memcmp(pdf.s + i, "endstream", 9) == 0)
			nstream++;
		if (memcmp(pdf.s + i, "/FlateDecode", 12) == 0)
			nflate++;
	}
	assert_true(nstream >= 10);	/* content, 4 fonts x (file, map, CMap) */
	assert_int_equal(nflate, nstream);
	assert_int_equal(inflate_streams(&pdf, &raw), 0);
	assert_true(raw.len > 4 * 131070);
	buf_free(&pdf);
	buf_free(&raw);
	diag_free(&d);
}

static void
test_glyphs_subset_and_full(void **state)
{
	struct style sub, full;
	struct diags d;
	struct pdf_doc *ps, *pf;
	const struct device *ds, *df;
	const char alpha[] = "\xce\xb1";	/* U+03B1, not in the subset */
	const char resume[] = "R\xc3\xa9sum\xc3\xa9";

	(void)state;
	subset_style(&sub);
	style_default(&full);
	full.subset_dir[0] = NULL;	/* full fonts only */
	diag_init(&d);
	ps = pdf_open(&sub, "s.pdf", &d);
	pf = pdf_open(&full, "f.pdf", &d);
	assert_non_null(ps);
	assert_non_null(pf);
	ds = pdf_device(ps);
	df = pdf_device(pf);
	/* In the subset. */
	assert_true(ds->has_glyph(ds->mctx, DEV_REGULAR, 0xE9));
	assert_true(ds->has_glyph(ds->mctx, DEV_REGULAR, 0x20AC));
	/* Beyond it: the full font has it. */
	assert_true(ds->has_glyph(ds->mctx, DEV_REGULAR, 0x3B1));
	assert_true(ds->has_glyph(ds->mctx, DEV_MONO, 0x3B1));
	/* In no DejaVu font. */
	assert_false(ds->has_glyph(ds->mctx, DEV_REGULAR, 0x4E00));
	assert_false(df->has_glyph(df->mctx, DEV_REGULAR, 0x4E00));
	/* Widths agree whichever font gives the glyph. */
	assert_true(ds->measure(ds->mctx, DEV_REGULAR, 10, "\xc3\xa9", 2) > 1);
	assert_true(ds->measure(ds->mctx, DEV_REGULAR, 10, alpha, 2) > 1);
	assert_true(ds->measure(ds->mctx, DEV_REGULAR, 10, alpha, 2) ==
		    df->measure(df->mctx, DEV_REGULAR, 10, alpha, 2));
	assert_true(ds->measure(ds->mctx, DEV_BOLD, 12, resume, 8) ==
		    df->measure(df->mctx, DEV_BOLD, 12, resume, 8));
	/* Sizes scale linearly; mono is monospaced. */
	assert_true(ds->measure(ds->mctx, DEV_REGULAR, 20, "abc", 3) ==
		    2 * ds->measure(ds->mctx, DEV_REGULAR, 10, "abc", 3));
	assert_true(ds->measure(ds->mctx, DEV_MONO, 10, "iii", 3) ==
		    ds->measure(ds->mctx, DEV_MONO, 10, "MMM", 3));
	assert_int_equal(d.errors + d.warnings, 0);
	pdf_close(ps);
	pdf_close(pf);
	diag_free(&d);
}

/* A character beyond the subset is drawn from the full font, which is
 * then embedded; text with none leaves the full font out. */
static void
test_full_font_embedded_on_demand(void **state)
{
	struct style st;
	struct lay_furniture f;
	struct diags d;
	struct buf plain = BUF_INIT, greek = BUF_INIT;

	(void)state;
	subset_style(&st);
	furniture(&f);
	diag_init(&d);
	assert_int_equal(render(sample, &st, &f, &plain, &d), 0);
	assert_int_equal(render("# T\n\nalpha \xce\xb1 fin\n", &st, &f,
				&greek, &d), 0);
	assert_int_equal(d.errors + d.warnings, 0);
	assert_true(has(&plain, "DejaVuSerif-BG"));
	assert_false(has(&plain, "+DejaVuSerif,"));
	assert_true(has(&greek, "+DejaVuSerif,"));
	buf_free(&plain);
	buf_free(&greek);
	diag_free(&d);
}

/* A subset without its full font: a warning that names the file and
 * the package; a character the subset lacks is named where it is; the
 * PDF is still made. */
static void
test_full_font_missing_is_a_warning(void **state)
{
	struct style st;
	struct lay_furniture f;
	struct diags d;
	struct buf out = BUF_INIT;
	char text[1024];
	size_t i;
	bool named_font = false, named_char = false;

	(void)state;
	subset_style(&st);
	/* The subset is found by file name; the full file is not there. */
	st.font[DEV_REGULAR] = DEJAVU "nowhere/DejaVuSerif.ttf";
	furniture(&f);
	diag_init(&d);
	assert_int_equal(render("# T\n\nalpha \xce\xb1 fin\n", &st, &f, &out,
				&d), 0);
	assert_int_equal(d.errors, 0);
	assert_int_equal(d.warnings, 2);
	for (i = 0; i < d.n; i++) {
		diag_format(&d.v[i], text, sizeof text);
		if (strstr(text, "warning: the full font ") &&
		    strstr(text, "nowhere/DejaVuSerif.ttf") &&
		    strstr(text, "apt-get install fonts-dejavu-extra"))
			named_font = true;
		if (strstr(text, "sample.md:3:7: warning") &&
		    strstr(text, "U+03B1"))
			named_char = true;
	}
	assert_true(named_font);
	assert_true(named_char);
	assert_true(out.len > 1000);
	assert_true(has(&out, "%%EOF"));
	buf_free(&out);
	diag_free(&d);
}

static void
test_tounicode_bfrange(void **state)
{
	struct style st;
	struct lay_furniture f;
	struct diags d;
	struct buf out = BUF_INIT, streams = BUF_INIT;

	(void)state;
	subset_style(&st);
	furniture(&f);
	diag_init(&d);
	assert_int_equal(render("# Titre *italique*\n\n**gras** et `code` "
				"\xce\xb1\n", &st, &f, &out, &d), 0);
	inflate_streams(&out, &streams);
	assert_true(has(&out, "/ToUnicode"));
	assert_true(has(&streams, "beginbfrange"));
	assert_true(has(&streams, "<0000> <00FF> <0000>"));
	assert_true(has(&streams, "/CMapType 2 def"));
	assert_false(has(&streams, "begincidrange"));
	/* The page content was inflated too: the check can see text. */
	assert_true(has(&streams, "Tj"));
	buf_free(&out);
	buf_free(&streams);
	diag_free(&d);
}

static void
test_same_input_same_bytes(void **state)
{
	struct style st;
	struct lay_furniture f;
	struct diags d;
	struct buf a = BUF_INIT, b = BUF_INIT, c = BUF_INIT;

	(void)state;
	subset_style(&st);
	furniture(&f);
	diag_init(&d);
	assert_int_equal(render(sample, &st, &f, &a, &d), 0);
	assert_int_equal(render(sample, &st, &f, &b, &d), 0);
	assert_true(a.len > 0);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.s, b.s, a.len);
	/* The creation date is the only input that changed. */
	f.epoch += 60;
	assert_int_equal(render(sample, &st, &f, &c, &d), 0);
	assert_true(a.len != c.len || memcmp(a.s, c.s, a.len) != 0);
	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
	diag_free(&d);
}

static void
test_info_and_lang(void **state)
{
	struct style st;
	struct lay_furniture f;
	struct diags d;
	struct buf out = BUF_INIT;

	(void)state;
	subset_style(&st);
	furniture(&f);
	diag_init(&d);
	assert_int_equal(render(sample, &st, &f, &out, &d), 0);
	assert_true(has(&out, "/Lang (fr)"));
	assert_true(has(&out, "/CreationDate (D:20250314093000Z"));
	assert_true(has(&out, "/ModDate (D:20250314093000Z"));
	assert_true(has(&out, "/Creator <FEFF0062007200650061006300680067"
			      "0065006E>"));
	/* Text strings in UTF-16BE: the first heading is the title. */
	assert_true(has(&out, "/Title <FEFF004E006F0074006900660069006300610074"
			      "0069006F006E>"));
	assert_true(has(&out, "/Author <FEFF0045"));
	assert_true(has(&out, "/Outlines"));
	assert_true(has(&out, "/PageMode /UseOutlines"));
	buf_free(&out);
	diag_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_error_recorded_not_fatal),
		cmocka_unit_test(test_missing_font_is_an_error),
		cmocka_unit_test(test_bad_font_file_in_style),
		cmocka_unit_test(test_glyphs_subset_and_full),
		cmocka_unit_test(test_fonts_as_libharu_makes_them),
		cmocka_unit_test(test_every_stream_deflated),
		cmocka_unit_test(test_full_font_embedded_on_demand),
		cmocka_unit_test(test_full_font_missing_is_a_warning),
		cmocka_unit_test(test_tounicode_bfrange),
		cmocka_unit_test(test_same_input_same_bytes),
		cmocka_unit_test(test_info_and_lang),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

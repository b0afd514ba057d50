/*
 * test_layout.c - the layout engine through the dump device: golden
 * dumps of the tests/layout documents, and properties checked on every drawn run
 * (inside the margins, table headers repeated, words broken).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "diag.h"
#include "dump.h"
#include "hyph.h"
#include "layout.h"
#include "pdf.h"
#include "style.h"

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;

	assert_non_null(fp);
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_put(&b, chunk, n);
	fclose(fp);
	*len = b.len;
	return b.s ? b.s : xstrdup("");
}

static void
golden(const char *name, const char *lang)
{
	char path[256];
	struct lay_furniture f;
	struct style st;
	struct diags d;
	struct buf out = BUF_INIT;
	char *md, *want;
	size_t len, wlen;

	memset(&f, 0, sizeof f);
	style_default(&st);
	diag_init(&d);
	snprintf(path, sizeof path, "tests/layout/%s.md", name);
	f.source = path;
	md = slurp(path, &len);
	assert_int_equal(dump_render_markdown(md, len, &f, &st, lang, &out,
					      &d), 0);
	assert_int_equal(d.errors, 0);
	snprintf(path, sizeof path, "tests/layout/%s.dump", name);
	want = slurp(path, &wlen);
	if (out.len != wlen || memcmp(out.s, want, wlen) != 0) {
		snprintf(path, sizeof path, "/tmp/%s.dump.got", name);
		FILE *fp = fopen(path, "w");

		if (fp) {
			fwrite(out.s, 1, out.len, fp);
			fclose(fp);
		}
		fail_msg("%s differs from its golden dump; see %s", name,
			 path);
	}
	free(md);
	free(want);
	buf_free(&out);
	diag_free(&d);
}

static void test_golden_table200(void **s) { (void)s; golden("table200", "fr"); }
static void test_golden_longword(void **s) { (void)s; golden("longword", "fr"); }
static void test_golden_nested(void **s) { (void)s; golden("nested", "fr"); }
static void test_golden_widow(void **s) { (void)s; golden("widow", "fr"); }
static void test_golden_orphan(void **s) { (void)s; golden("orphan", "fr"); }
static void test_golden_heading_foot(void **s) { (void)s; golden("heading-foot", "fr"); }
static void test_golden_fr(void **s) { (void)s; golden("notification-fr", "fr"); }
static void test_golden_en(void **s) { (void)s; golden("notification-en", "en"); }
static void test_golden_hyph_cell(void **s) { (void)s; golden("hyph-cell", "fr"); }
static void test_golden_url_break(void **s) { (void)s; golden("url-break", "fr"); }
static void test_golden_email_break(void **s) { (void)s; golden("email-break", "fr"); }
static void test_golden_wide_table(void **s) { (void)s; golden("wide-table", "fr"); }
static void test_golden_hyph_run(void **s) { (void)s; golden("hyph-run", "fr"); }
static void test_golden_names(void **s) { (void)s; golden("names", "fr"); }
static void test_golden_header_foot(void **s) { (void)s; golden("header-foot", "fr"); }
static void test_golden_leadin(void **s) { (void)s; golden("leadin", "fr"); }
static void test_golden_leadin_table(void **s) { (void)s; golden("leadin-table", "fr"); }

/* The dump of tests/layout/<name>.md, as a string to free. */
static char *
dump_of(const char *name)
{
	char path[256];
	struct lay_furniture f;
	struct style st;
	struct diags d;
	struct buf out = BUF_INIT;
	char *md;
	size_t len;

	memset(&f, 0, sizeof f);
	style_default(&st);
	diag_init(&d);
	snprintf(path, sizeof path, "tests/layout/%s.md", name);
	f.source = path;
	md = slurp(path, &len);
	assert_int_equal(dump_render_markdown(md, len, &f, &st, "fr", &out,
					      &d), 0);
	assert_int_equal(d.warnings + d.errors, 0);
	free(md);
	diag_free(&d);
	return out.s;
}

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay++;
	}
	return n;
}

static void
test_hyphenated_cells(void **state)
{
	char *d = dump_of("hyph-cell");

	(void)state;
	/* Hyphens where the patterns put them, never a letter alone. */
	assert_non_null(strstr(d, "confiden[regular 8.5] -"));
	assert_non_null(strstr(d, "disponibi[regular 8.5] -"));
	assert_null(strstr(d, "confidentialit\n"));
	/* The paragraph's last word stays whole. */
	assert_non_null(strstr(d, "anticonstitutionnellement."));
	free(d);
	/* Two hyphenated lines in a row, then one that is not, though
	 * "gouvernementales" would fill it. */
	d = dump_of("hyph-run");
	assert_non_null(strstr(d, "] communication institu[regular 8.5] - | "));
	assert_non_null(strstr(d, "] tionnelle des adminis[regular 8.5] - | "));
	assert_non_null(strstr(d, "] trations | "));
	assert_non_null(strstr(d, "] gouvernementales | "));
	free(d);
}

static void
test_address_breaks(void **state)
{
	char *d = dump_of("url-break");

	(void)state;
	/* Never after the scheme alone; a link on every piece. */
	assert_null(strstr(d, "https://\n"));
	assert_non_null(strstr(d, "https://www.cnil.fr/fr/\n"));
	assert_int_equal(count(d, "link https://www.cnil.fr/"), 2);
	assert_int_equal(count(d, "link https://datenpannen"), 3);
	free(d);
	d = dump_of("email-break");
	/* Never at the address's own hyphen; no hyphen added. */
	assert_null(strstr(d, "lumiere-\n"));
	assert_null(strstr(d, "] -\n"));
	assert_non_null(strstr(d, "donnees@\n"));
	assert_int_equal(count(d, "link mailto:delegue."), 2);
	/* A host name without a scheme breaks as an address, not by
	 * hyphenation. */
	assert_non_null(strstr(d, "] infrastructure-de-diffusion\n"));
	free(d);
}

/* A party's name is not hyphenated to fill a line; another word is. */
static void
test_names_whole(void **state)
{
	const char *path = "tests/layout/names.md";
	struct lay_furniture f;
	struct style st;
	struct diags d;
	struct buf plain = BUF_INIT, named = BUF_INIT;
	char *md;
	size_t len;

	(void)state;
	memset(&f, 0, sizeof f);
	style_default(&st);
	diag_init(&d);
	f.source = path;
	md = slurp(path, &len);
	assert_int_equal(dump_render_markdown(md, len, &f, &st, "fr", &plain,
					      &d), 0);
	f.names = "Exemple SAS\nConstitutionnalisationnelle SA\n";
	assert_int_equal(dump_render_markdown(md, len, &f, &st, "fr", &named,
					      &d), 0);
	assert_non_null(strstr(plain.s, "Constitutionnalisa[regular 10] -\n"));
	assert_null(strstr(named.s, "] -\n"));
	assert_non_null(strstr(named.s, "] Constitutionnalisationnelle et"));
	free(md);
	buf_free(&plain);
	buf_free(&named);
	diag_free(&d);
}

/* A header row that would fit alone at the foot of page 1 goes to page 2
 * with the first row: printed once, not also at the foot of page 1. */
static void
test_header_not_alone(void **state)
{
	char *d = dump_of("header-foot");

	(void)state;
	assert_int_equal(count(d, "[bold 8.5] \xc3\x89v\xc3\xa9nement"), 1);
	assert_true(strstr(d, "[bold 8.5] \xc3\x89v\xc3\xa9nement") >
		    strstr(d, "== page 2"));
	free(d);
}

static void
test_wide_table_landscape(void **state)
{
	char *d = dump_of("wide-table");

	(void)state;
	/* The table, its heading and its lead-in on a landscape page; the
	 * text after it back in portrait. */
	assert_non_null(strstr(d, "== page 1 (841.9 x 595.3)"));
	assert_non_null(strstr(d, "== page 2 (595.3 x 841.9)"));
	assert_non_null(strstr(d, "l\xe2\x80\x99" "annonce :"));
	assert_true(strstr(d, "l\xe2\x80\x99" "annonce :") <
		    strstr(d, "== page 2"));
	free(d);
}

/* A device that checks every run against the page and records the
 * first body line of each page. */
struct check {
	const struct device *m;
	const struct style *st;
	int page;
	double maxright, minbody;
	char first[64][128];
	double firsty[64];
};

static void
c_begin(void *ctx, int page, double w, double h)
{
	struct check *c = ctx;

	(void)w, (void)h;
	c->page = page;
}

static void c_end(void *ctx) { (void)ctx; }

static void
c_text(void *ctx, enum dev_face face, double size, const struct dev_color *col,
       double x, double y, const char *s, size_t len)
{
	struct check *c = ctx;
	double right = x + c->m->measure(c->m->mctx, face, size, s, len);
	int p = c->page < 64 ? c->page : 63;

	(void)col;
	if (right > c->maxright)
		c->maxright = right;
	if (size == c->st->size_small)
		return;		/* furniture lives in the margins */
	if (y < c->minbody)
		c->minbody = y;
	if (y > c->firsty[p]) {
		c->firsty[p] = y;
		snprintf(c->first[p], sizeof c->first[p], "%.*s", (int)len, s);
	}
}

static void c_line(void *ctx, double a, double b, double e, double f, double w,
		   const struct dev_color *col)
{ (void)ctx, (void)a, (void)b, (void)e, (void)f, (void)w, (void)col; }
static void c_rect(void *ctx, double a, double b, double e, double f,
		   const struct dev_color *col)
{ (void)ctx, (void)a, (void)b, (void)e, (void)f, (void)col; }
static void c_link(void *ctx, double a, double b, double e, double f,
		   const char *u)
{ (void)ctx, (void)a, (void)b, (void)e, (void)f, (void)u; }
static void c_outline(void *ctx, int l, const char *t, double y)
{ (void)ctx, (void)l, (void)t, (void)y; }

static const struct device check_ops = {
	.begin_page = c_begin,
	.end_page = c_end,
	.text = c_text,
	.line = c_line,
	.rect = c_rect,
	.link = c_link,
	.outline = c_outline,
};

static int
checked(const char *name, struct check *c)
{
	char path[256];
	struct lay_furniture f;
	struct style st;
	struct diags d;
	struct pdf_doc *p;
	struct device dev;
	char *md;
	size_t len;
	int pages = 0;

	memset(&f, 0, sizeof f);
	memset(c, 0, sizeof *c);
	style_default(&st);
	diag_init(&d);
	snprintf(path, sizeof path, "tests/layout/%s.md", name);
	f.source = path;
	md = slurp(path, &len);
	p = pdf_open(&st, path, &d);
	assert_non_null(p);
	c->m = pdf_device(p);
	c->st = &st;
	c->minbody = 1e9;
	dev = check_ops;
	dev.ctx = c;
	dev.measure = c->m->measure;
	dev.has_glyph = c->m->has_glyph;
	dev.mctx = c->m->mctx;
	assert_int_equal(lay_render(md, len, &f, &st, "fr", &dev, &pages, &d),
			 0);
	assert_true(c->maxright <= st.page_width - st.margin_right + 0.01);
	assert_true(c->minbody >= st.margin_bottom);
	pdf_close(p);
	free(md);
	diag_free(&d);
	return pages;
}

static void
test_table_header_repeats(void **state)
{
	struct check c;
	int pages, i;

	(void)state;
	pages = checked("table200", &c);
	assert_true(pages >= 4);
	for (i = 2; i <= pages; i++)
		assert_string_equal(c.first[i], "N\xc2\xb0");
}

static void
test_long_word_within_margins(void **state)
{
	struct check c;

	(void)state;
	assert_int_equal(checked("longword", &c), 1);
}

static void
test_all_within_margins(void **state)
{
	struct check c;

	(void)state;
	checked("nested", &c);
	checked("notification-fr", &c);
	assert_true(checked("widow", &c) == 2);
	/* The last two lines of the paragraph open page 2. */
	assert_non_null(strstr(c.first[2], "pr\xc3\xa9" "c\xc3\xa9" "dente"));
	checked("orphan", &c);
	assert_non_null(strstr(c.first[2], "quatre lignes"));
	checked("heading-foot", &c);
	assert_string_equal(c.first[2], "Titre en bas de page");
	/* A lead-in paragraph goes with the first two lines of its list,
	 * and of its table. */
	assert_true(checked("leadin", &c) == 2);
	assert_non_null(strstr(c.first[2], "\xc3\x89l\xc3\xa9ments pris en compte"));
	assert_true(checked("leadin-table", &c) == 2);
	assert_non_null(strstr(c.first[2], "Chronologie de la violation"));
}

static void
test_page_label(void **state)
{
	char out[64];

	(void)state;
	lay_page_label("Page {page} sur {pages}", 3, 12, out, sizeof out);
	assert_string_equal(out, "Page 3 sur 12");
	lay_page_label("{page}/{pages} {x}", 1, 2, out, sizeof out);
	assert_string_equal(out, "1/2 {x}");
	lay_page_label("Page {page} of {pages}", 10, 10, out, 8);
	assert_string_equal(out, "Page 10");
}

static void
test_missing_glyph_warns(void **state)
{
	/* U+4E00 is in no DejaVu font: a warning at line 3, column 9. */
	const char *md = "# T\n\nAvant : \xe4\xb8\x80 fin.\n";
	struct lay_furniture f;
	struct style st;
	struct diags d;
	struct buf out = BUF_INIT;
	char text[512];

	(void)state;
	memset(&f, 0, sizeof f);
	f.source = "x.md";
	style_default(&st);
	diag_init(&d);
	assert_int_equal(dump_render_markdown(md, strlen(md), &f, &st, "fr",
					      &out, &d), 0);
	assert_int_equal(d.warnings, 1);
	diag_format(&d.v[0], text, sizeof text);
	assert_non_null(strstr(text, "x.md:3:9: warning"));
	assert_non_null(strstr(text, "'\xe4\xb8\x80' (U+4E00)"));
	buf_free(&out);
	diag_free(&d);
}

/* Measuring through the PDF device, counting the bytes measured. */
static const struct device *count_m;
static size_t counted;

static double
count_measure(void *ctx, enum dev_face face, double size, const char *s,
	      size_t len)
{
	counted += len;
	return count_m->measure(ctx, face, size, s, len);
}

/* Bytes measured to lay out md with furniture f (with the check device,
 * its output dropped); c gets what was drawn, pages the page count. */
static size_t
measured_with(const char *md, const struct lay_furniture *f,
	      const struct style *st, struct check *c, int *pages)
{
	struct diags d;
	struct pdf_doc *p;
	struct device dev;

	memset(c, 0, sizeof *c);
	diag_init(&d);
	p = pdf_open(st, "long.md", &d);
	assert_non_null(p);
	count_m = pdf_device(p);
	c->m = count_m;
	c->st = st;
	c->minbody = 1e9;
	dev = check_ops;
	dev.ctx = c;
	dev.measure = count_measure;
	dev.has_glyph = count_m->has_glyph;
	dev.mctx = count_m->mctx;
	counted = 0;
	assert_int_equal(lay_render(md, strlen(md), f, st, "fr", &dev, pages,
				    &d), 0);
	pdf_close(p);
	diag_free(&d);
	return counted;
}

static size_t
measured(const char *md)
{
	struct lay_furniture f;
	struct check c;
	struct style st;

	memset(&f, 0, sizeof f);
	f.source = "long.md";
	style_default(&st);
	return measured_with(md, &f, &st, &c, NULL);
}

static void
test_long_footer_cut_once(void **state)
{
	/* A 20 000-character controller name and reference: the footer is
	 * cut by binary search, not one character at a time (which
	 * measured about 4e8 bytes per page and took seconds). */
	const char *md = "# T\n\nOne line.\n";
	size_t n = 20000, bytes;
	char *name = xmalloc(n + 1), *ref = xmalloc(n + 1);
	struct lay_furniture f;
	struct check c;
	struct style st;
	int pages = 0;

	(void)state;
	memset(name, 'A', n);
	name[n] = '\0';
	for (size_t i = 0; i < n; i += 2)	/* two-byte characters */
		memcpy(ref + i, "\xc3\xa9", 2);
	ref[n] = '\0';
	memset(&f, 0, sizeof f);
	f.source = "long.md";
	f.controller = name;
	f.reference = ref;
	style_default(&st);
	bytes = measured_with(md, &f, &st, &c, &pages);
	assert_true(pages >= 1);
	/* Everything drawn, footer included, stays inside the page. */
	assert_true(c.maxright <= st.page_width - st.margin_right + 0.01);
	/* About log2(n) measures of each long string, plus the body. */
	assert_true(bytes < 100 * n * (size_t)pages);
	free(name);
	free(ref);
}

/* A long piece (a word of many hyphenation points, a URL of many
 * slashes), in a paragraph and in a table cell: twice as long costs about
 * twice as much, never four times (the hyphenation points are looked for
 * in a window of a line, an address's width is measured once). */
static void
test_long_pieces_linear(void **state)
{
	size_t cost[2], scan[2];

	(void)state;
	for (int k = 0; k < 2; k++) {
		struct buf b = BUF_INIT;
		int n = 600 << k;

		buf_puts(&b, "# T\n\n");
		for (int i = 0; i < n; i++)
			buf_puts(&b, i ? "\xe2\x80\x99" "confidentialit\xc3\xa9"
				 : "confidentialit\xc3\xa9");
		buf_puts(&b, "\n\nhttps://x.example");
		for (int i = 0; i < n; i++)
			buf_puts(&b, "/abcdefgh");
		buf_puts(&b, "\n\n| a | b |\n|---|---|\n| x | ");
		for (int i = 0; i < n / 4; i++)
			buf_puts(&b, i ? "\xe2\x80\x99" "disponibilit\xc3\xa9"
				 : "disponibilit\xc3\xa9");
		buf_puts(&b, " |\n");
		scan[k] = hyph_bytes();
		cost[k] = measured(b.s);
		scan[k] = hyph_bytes() - scan[k];
		buf_free(&b);
	}
	assert_true(cost[1] < 3 * cost[0]);
	assert_true(scan[1] < 3 * scan[0]);
}

/* ---- long documents: laid out page by page ---- */

/* n sections of every kind of block that pages are made of: a heading
 * kept with a lead-in kept with a table (its header repeated on the
 * next page), a list holding a table, a quote, a code block, now and
 * then a table too wide for a portrait page; a table of n rows first. */
static char *
long_doc(int n)
{
	struct buf b = BUF_INIT;
	int i;

	buf_puts(&b, "# Registre\n\nLes violations :\n\n"
		 "| N\xc2\xb0 | \xc3\x89tat | \xc3\x89" "ch\xc3\xa9" "ance |\n"
		 "|---|---|---:|\n");
	for (i = 0; i < n; i++)
		buf_printf(&b, "| reg-%d | notifi\xc3\xa9" "e, compl\xc3\xa8te "
			   "| rien |\n", i);
	for (i = 0; i < n; i++) {
		buf_printf(&b, "\n## Violation reg-%d\n\nCe qui s\xe2\x80\x99"
			   "est pass\xc3\xa9 :\n\n| Champ | Valeur |\n|---|---|\n"
			   "| D\xc3\xa9" "but | %d mars |\n| Fin | inconnue |\n\n"
			   "- un point\n- un autre, avec un tableau :\n\n"
			   "  | a | b |\n  |---|---|\n  | x | y |\n\n"
			   "> Une citation assez longue pour tenir sur plus "
			   "d\xe2\x80\x99une ligne, et davantage quand le texte "
			   "s\xe2\x80\x99" "allonge encore un peu, puis un peu "
			   "plus.\n\n    code %d\n\nUne conclusion.\n",
			   i, i % 28 + 1, i);
		if (i % 50 == 3)	/* a warning, at its line */
			buf_puts(&b, "\nHors police : \xe4\xb8\xad.\n");
		if (i % 40 == 7)
			buf_puts(&b, "\n| Violation | Janvier | F\xc3\xa9vrier "
				 "| Mars | Avril | Mai | Juin | Juillet | "
				 "Ao\xc3\xbbt | Septembre |\n|---|---|---|---|"
				 "---|---|---|---|---|---|\n| SC-IR-2025-041/2 "
				 "| 12/01/2025 | 12/02/2025 | 12/03/2025 | "
				 "12/04/2025 | 12/05/2025 | 12/06/2025 | "
				 "12/07/2025 | 12/08/2025 | 12/09/2025 |\n");
	}
	return b.s;
}

/* The dump of md and its diagnostics, one per line, with the pages
 * held as hold says (lay_test_hold_pages), parsed in pieces of piece
 * bytes (lay_test_piece_bytes). */
static void
dump_held(const char *md, const char *lang, int hold, size_t piece,
	  struct buf *out, struct buf *diags)
{
	struct lay_furniture f;
	struct style st;
	struct diags d;
	char line[1024];
	size_t k;

	memset(&f, 0, sizeof f);
	f.source = "long.md";
	f.controller = "Soci\xc3\xa9t\xc3\xa9 Exemple";
	f.reference = "reg";
	style_default(&st);
	diag_init(&d);
	hold = lay_test_hold_pages(hold);
	piece = lay_test_piece_bytes(piece);
	assert_int_equal(dump_render_markdown(md, strlen(md), &f, &st, lang,
					      out, &d), 0);
	lay_test_hold_pages(hold);
	lay_test_piece_bytes(piece);
	for (k = 0; k < d.n; k++) {
		diag_format(&d.v[k], line, sizeof line);
		buf_printf(diags, "%s\n", line);
	}
	diag_free(&d);
}

/* Pages drawn as soon as they are full (after a first pass that counts
 * them), from Markdown parsed in pieces, are the pages of the whole
 * document parsed and laid out in one piece, as the engine did before:
 * same dump, same diagnostics in the same order and at the same lines,
 * for every golden document and a long one of every block. */
static void
test_stream_same_pages(void **state)
{
	static const char *const names[] = {
		"table200", "longword", "nested", "widow", "orphan",
		"heading-foot", "notification-fr", "notification-en",
		"hyph-cell", "url-break", "email-break", "wide-table",
		"hyph-run", "names", "header-foot", "leadin", "leadin-table",
	};
	/* What a cut before a heading would change: a heading inside fenced
	 * code and inside an HTML comment, a link defined after its use. */
	static const char trap[] =
	    "# A\n\nVoir [la CNIL][c].\n\n```\ncode\n\n# pas un titre\n```\n\n"
	    "<!-- note\n\n# pas un titre non plus\n-->\n\n# B\n\nTexte.\n\n"
	    "[c]: https://www.cnil.fr/\n";
	size_t i, len, n = sizeof names / sizeof *names;

	(void)state;
	for (i = 0; i <= n + 1; i++) {
		char path[256], *md;
		struct buf ref = BUF_INIT, got = BUF_INIT, dref = BUF_INIT,
		    dgot = BUF_INIT;
		static const struct {
			int hold;
			size_t piece;
		} ways[] = {{0, 1}, {1, 1}, {2, SIZE_MAX}, {32, 1}, {0, 4096}};
		size_t w;

		if (i < n) {
			snprintf(path, sizeof path, "tests/layout/%s.md",
				 names[i]);
			md = slurp(path, &len);
		} else if (i == n) {
			snprintf(path, sizeof path, "long_doc(150)");
			md = long_doc(150);
		} else {
			snprintf(path, sizeof path, "trap");
			md = xstrdup(trap);
		}
		dump_held(md, "fr", -1, SIZE_MAX, &ref, &dref);
		if (i == n)	/* one per piece */
			assert_non_null(strstr(buf_cstr(&dref), "U+4E2D"));
		for (w = 0; w < sizeof ways / sizeof *ways; w++) {
			buf_truncate(&got, 0);
			buf_truncate(&dgot, 0);
			dump_held(md, "fr", ways[w].hold, ways[w].piece, &got,
				  &dgot);
			if (got.len != ref.len ||
			    memcmp(got.s, ref.s, ref.len) != 0)
				fail_msg("%s: pages drawn as they fill (hold "
					 "%d, pieces of %zu bytes) differ from "
					 "the whole document's", path,
					 ways[w].hold, ways[w].piece);
			assert_int_equal(dgot.len, dref.len);
			if (dref.len)
				assert_memory_equal(dgot.s, dref.s, dref.len);
		}
		free(md);
		buf_free(&ref);
		buf_free(&got);
		buf_free(&dref);
		buf_free(&dgot);
	}
}

/* The layout's statistics on md, drawn through the check device;
 * first2: the first text of page 2. */
static int
stats_of(const char *md, struct lay_stats *stats, const char *first2)
{
	struct lay_furniture f;
	struct style st;
	struct diags d;
	struct pdf_doc *p;
	struct device dev;
	struct check c;
	int pages = 0;

	memset(&f, 0, sizeof f);
	memset(&c, 0, sizeof c);
	f.source = "long.md";
	style_default(&st);
	diag_init(&d);
	p = pdf_open(&st, "long.md", &d);
	assert_non_null(p);
	c.m = pdf_device(p);
	c.st = &st;
	c.minbody = 1e9;
	dev = check_ops;
	dev.ctx = &c;
	dev.measure = c.m->measure;
	dev.has_glyph = c.m->has_glyph;
	dev.mctx = c.m->mctx;
	assert_int_equal(lay_render_stats(md, strlen(md), &f, &st, "fr", &dev,
					  &pages, stats, &d), 0);
	assert_string_equal(c.first[2], first2);
	pdf_close(p);
	diag_free(&d);
	return pages;
}

/* A document eight times as long holds no more units at once: pages
 * are drawn and freed as they fill, not all kept to the end. A short
 * report is laid out once. */
static void
test_long_document_bounded(void **state)
{
	struct lay_stats s1, s8, s0, sh;
	char *md;
	int p1, p8, hold;

	(void)state;
	md = long_doc(100);
	/* The long table's header, repeated. */
	p1 = stats_of(md, &s1, "N\xc2\xb0");
	free(md);
	md = long_doc(800);
	p8 = stats_of(md, &s8, "N\xc2\xb0");
	hold = lay_test_hold_pages(0);
	stats_of(md, &s0, "N\xc2\xb0");
	lay_test_hold_pages(hold);
	free(md);
	assert_true(p1 > 32);
	assert_true(p8 > 6 * p1);
	assert_true(s8.units > 6 * s1.units);
	assert_int_equal(s1.passes, 2);
	assert_int_equal(s8.passes, 2);
	/* Parsed in pieces of 64 KiB: never the whole tree at once. */
	assert_true(s8.pieces >= 4);
	/* At most the 32 pages held before they are counted (about 30
	 * units a page), whatever the length: not the 11 000 units of
	 * the longer document. */
	assert_true(s8.peak_units < s1.peak_units * 5 / 4);
	assert_true(s8.peak_units * 10 < s8.units);
	/* Counted first: a page or two at a time. */
	assert_int_equal(s0.passes, 2);
	assert_true(s0.peak_units < 100);
	md = long_doc(2);
	stats_of(md, &sh, "Une conclusion.");
	free(md);
	assert_int_equal(sh.passes, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_table200),
		cmocka_unit_test(test_golden_longword),
		cmocka_unit_test(test_golden_nested),
		cmocka_unit_test(test_golden_widow),
		cmocka_unit_test(test_golden_orphan),
		cmocka_unit_test(test_golden_heading_foot),
		cmocka_unit_test(test_golden_fr),
		cmocka_unit_test(test_golden_en),
		cmocka_unit_test(test_golden_hyph_cell),
		cmocka_unit_test(test_golden_url_break),
		cmocka_unit_test(test_golden_email_break),
		cmocka_unit_test(test_golden_wide_table),
		cmocka_unit_test(test_golden_hyph_run),
		cmocka_unit_test(test_golden_names),
		cmocka_unit_test(test_golden_header_foot),
		cmocka_unit_test(test_golden_leadin),
		cmocka_unit_test(test_golden_leadin_table),
		cmocka_unit_test(test_hyphenated_cells),
		cmocka_unit_test(test_address_breaks),
		cmocka_unit_test(test_wide_table_landscape),
		cmocka_unit_test(test_names_whole),
		cmocka_unit_test(test_header_not_alone),
		cmocka_unit_test(test_table_header_repeats),
		cmocka_unit_test(test_long_word_within_margins),
		cmocka_unit_test(test_all_within_margins),
		cmocka_unit_test(test_page_label),
		cmocka_unit_test(test_missing_glyph_warns),
		cmocka_unit_test(test_long_footer_cut_once),
		cmocka_unit_test(test_long_pieces_linear),
		cmocka_unit_test(test_stream_same_pages),
		cmocka_unit_test(test_long_document_bounded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

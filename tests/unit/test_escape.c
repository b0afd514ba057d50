/*
 * test_escape.c - escapers. Markdown escaping is checked by its effect:
 * the escaped value, placed in a Markdown document, is parsed by cmark-gfm
 * with the table, strikethrough and autolink extensions, and the tree must
 * hold nothing but paragraphs, text and line breaks (or the template's own
 * table), whose text is the value itself.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "escape.h"

static const char punct[] = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

static char *
escaped(void (*esc)(struct buf *, const char *, size_t), const char *v)
{
	struct buf b = BUF_INIT;
	char *s;

	esc(&b, v, strlen(v));
	s = strdup(buf_cstr(&b));
	buf_free(&b);
	return s;
}

static cmark_node *
parse(const char *md)
{
	static const char *const exts[] = {"table", "strikethrough",
					   "autolink"};
	cmark_parser *p;
	cmark_node *doc;

	cmark_gfm_core_extensions_ensure_registered();
	p = cmark_parser_new(CMARK_OPT_DEFAULT);
	for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);

		assert_non_null(e);
		assert_int_equal(cmark_parser_attach_syntax_extension(p, e), 1);
	}
	cmark_parser_feed(p, md, strlen(md));
	doc = cmark_parser_finish(p);
	cmark_parser_free(p);
	return doc;
}

/*
 * What the reader must see: every line trimmed of blanks, empty lines at
 * both ends dropped, one line break kept, runs of empty lines one
 * paragraph break; in a cell, every break one space.
 */
static char *
normalize(const char *v, bool cell)
{
	struct buf b = BUF_INIT;
	const char *p = v;
	int pending = 0;	/* 0 none, 1 line break, 2 empty line(s) */
	char *s;

	while (*p != '\0') {
		size_t n = strcspn(p, "\r\n"), a = 0;

		while (a < n && (p[a] == ' ' || p[a] == '\t'))
			a++;
		while (n > a && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		if (n == a) {
			if (pending == 1)
				pending = 2;
		} else {
			if (b.len > 0)
				buf_puts(&b, cell ? " " :
					 pending == 2 ? "\n\n" : "\n");
			buf_put(&b, p + a, n - a);
			pending = 1;
		}
		p += strcspn(p, "\r\n");
		if (p[0] == '\r' && p[1] == '\n')
			p++;
		if (*p != '\0')
			p++;
	}
	s = strdup(buf_cstr(&b));
	buf_free(&b);
	return s;
}

/*
 * cmark-gfm 0.29.0.gfm.6 finds e-mail autolinks in the text after inline
 * parsing, so no escape can stop them (\@ and &#64; both still link).
 * The links accepted: an address whose destination is its own text
 * (with "mailto:" added to a bare address), and an http or https URL
 * that is its own text (the autolinks esc_markdown writes), so that the
 * value still reads as itself and a link never hides where it goes.
 */
static bool
mailto_autolink(cmark_node *link)
{
	const char *url = cmark_node_get_url(link);
	cmark_node *t = cmark_node_first_child(link);

	const char *text;

	if (url == NULL || t == NULL || cmark_node_next(t) != NULL ||
	    cmark_node_get_type(t) != CMARK_NODE_TEXT)
		return false;
	text = cmark_node_get_literal(t);
	if (strcmp(url, text) == 0 && (strncmp(url, "http://", 7) == 0 ||
				       strncmp(url, "https://", 8) == 0))
		return true;
	if (strchr(url, '@') == NULL)
		return false;
	return strcmp(url, text) == 0 ? strncmp(url, "mailto:", 7) == 0 ||
	    strncmp(url, "xmpp:", 5) == 0 :
	    strncmp(url, "mailto:", 7) == 0 && strcmp(url + 7, text) == 0;
}

/* Text of a document made only of paragraphs, text and breaks; NULL if
 * it holds anything else (its type name is put in *bad). */
static char *
plain_text(cmark_node *doc, const char **bad)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	struct buf b = BUF_INIT;
	bool paragraphs = false, ok = true;
	char *s;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);

		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_DOCUMENT:
			break;
		case CMARK_NODE_PARAGRAPH:
			if (paragraphs)
				buf_puts(&b, "\n\n");
			paragraphs = true;
			break;
		case CMARK_NODE_TEXT:
			buf_puts(&b, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_SOFTBREAK:
			buf_putc(&b, ' ');	/* a reader sees a space */
			break;
		case CMARK_NODE_LINEBREAK:
			buf_putc(&b, '\n');
			break;
		case CMARK_NODE_LINK:
			if (mailto_autolink(n))
				break;
			/* FALLTHROUGH */
		default:
			*bad = cmark_node_get_type_string(n);
			ok = false;
			break;
		}
	}
	cmark_iter_free(it);
	s = ok ? strdup(buf_cstr(&b)) : NULL;
	buf_free(&b);
	return s;
}

static int failures;

static void
report(const char *what, const char *v, const char *md, const char *want,
       const char *got)
{
	if (++failures > 20)
		return;
	fprintf(stderr, "%s\n  value:    [%s]\n  markdown: [%s]\n"
		"  want:     [%s]\n  got:      [%s]\n", what, v, md, want,
		got ? got : "(markup)");
}

/* The value in flowing text: alone, after and before template text, after
 * a template line (a setext underline would bite there; the template's
 * own soft break reads as a space), and between template paragraphs. */
static void
check_text(const char *v)
{
	static const char *const ctx[][2] = {
		{"", ""},
		{"Text: ", ""},
		{"", " end"},
		{"Intro\n", ""},
		{"Intro.\n\n", "\n\nOutro."},
	};
	char *esc = escaped(esc_markdown, v), *norm = normalize(v, false);

	for (size_t i = 0; i < sizeof ctx / sizeof ctx[0]; i++) {
		size_t len = strlen(ctx[i][0]) + strlen(esc) +
		    strlen(ctx[i][1]) + 1;
		char *md = malloc(len), *want = malloc(len + strlen(norm));
		const char *bad = NULL;
		cmark_node *doc;
		char *got;

		snprintf(md, len, "%s%s%s", ctx[i][0], esc, ctx[i][1]);
		sprintf(want, "%s%s%s", i == 3 ? "Intro " : ctx[i][0], norm,
			ctx[i][1]);
		/* The template's own text trims the same way. */
		if (*norm == '\0' && i == 1)
			strcpy(want, "Text:");
		if (*norm == '\0' && i == 2)
			strcpy(want, "end");
		if (*norm == '\0' && i == 3)
			strcpy(want, "Intro");
		if (*norm == '\0' && i == 4)
			strcpy(want, "Intro.\n\nOutro.");
		doc = parse(md);
		got = plain_text(doc, &bad);
		if (got == NULL || strcmp(got, want) != 0)
			report(bad ? bad : "text differs", v, md, want, got);
		free(got);
		cmark_node_free(doc);
		free(md);
		free(want);
	}
	free(esc);
	free(norm);
}

/* Text of a node's descendants, NULL if any is not text. */
static char *
cell_text(cmark_node *cell)
{
	struct buf b = BUF_INIT;
	char *s;

	for (cmark_node *c = cmark_node_first_child(cell); c != NULL;
	     c = cmark_node_next(c)) {
		if (cmark_node_get_type(c) == CMARK_NODE_LINK &&
		    mailto_autolink(c)) {
			c = cmark_node_first_child(c);
		} else if (cmark_node_get_type(c) != CMARK_NODE_TEXT) {
			buf_free(&b);
			return NULL;
		}
		buf_puts(&b, cmark_node_get_literal(c));
		if (cmark_node_parent(c) != cell)
			c = cmark_node_parent(c);
	}
	s = strdup(buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* The value in the first cell of a table's body row. */
static void
check_cell(const char *v)
{
	char *esc = escaped(esc_markdown_cell, v), *norm = normalize(v, true);
	const char *want[] = {"h1", "h2", norm, "x"};
	struct buf md = BUF_INIT, got = BUF_INIT;
	cmark_node *doc, *table, *row, *cell;
	int k = 0;
	bool ok = true;

	buf_printf(&md, "| h1 | h2 |\n|----|----|\n| %s | x |\n", esc);
	doc = parse(buf_cstr(&md));
	table = cmark_node_first_child(doc);
	if (table == NULL || cmark_node_next(table) != NULL ||
	    strcmp(cmark_node_get_type_string(table), "table") != 0)
		ok = false;
	for (row = ok ? cmark_node_first_child(table) : NULL; row != NULL;
	     row = cmark_node_next(row)) {
		for (cell = cmark_node_first_child(row); cell != NULL;
		     cell = cmark_node_next(cell), k++) {
			char *t = cell_text(cell);

			if (k >= 4 || t == NULL || strcmp(t, want[k]) != 0)
				ok = false;
			buf_printf(&got, "[%s]", t ? t : "(markup)");
			free(t);
		}
	}
	if (!ok || k != 4)
		report("table cell", v, buf_cstr(&md), norm, buf_cstr(&got));
	cmark_node_free(doc);
	buf_free(&md);
	buf_free(&got);
	free(esc);
	free(norm);
}

static void
check(const char *v)
{
	check_text(v);
	check_cell(v);
}

static void
every_punctuation_character(void **state)
{
	static const char *const shapes[] = {
		"%c", "%c%c%c", "%c x", "x %c", "x %c y", "x%cx", "x\n%c y",
		"%c %c %c", "%c%c%c\n%c%c%c", "%cx%c", "x %c\n\n%c x",
		"1%c x", "12%c x", "x\n1%c y", "%c%cx%c%c", "a%c", "%c\n",
		"   %c", "x:%c", "www%c", "a@b%ccom", "&%c", "%c&amp;",
		"[x%c(y)", "<%c>", "\\%c", "%c\\",
	};
	char v[64];

	(void)state;
	failures = 0;
	for (const char *c = punct; *c != '\0'; c++) {
		for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
			snprintf(v, sizeof v, shapes[i], *c, *c, *c, *c, *c,
				 *c);
			check(v);
		}
	}
	assert_int_equal(failures, 0);
}

static void
hostile_values(void **state)
{
	static const char *const values[] = {
		"*urgent* [click](http://x) <img src=x>",
		"{{id}}", "{{{id}}}", "# title", "###### six", "1. x", "1) x",
		"123456789. x", "- x", "+ x", "* x", "| a | b |",
		"a | b\n--- | ---\nc | d", "|---|---|", "\\", "a\\", "\\\\n",
		"&amp;", "&#65; &#x41; &copy", "AT&T", "Smith & Co",
		"<b>bold</b>", "<!-- c -->", "<http://example.com>",
		"http://example.com", "https://example.com/a?b=c",
		"ftp://x.org", "www.example.com", "see www.example.com.",
		"WWW.EXAMPLE.COM", "dpo@example.com",
		"mailto:dpo@example.com", "xmpp:a@b.org", "![img](x.png)",
		"[ref]: http://x", "[ref]", "[^1]", "[x]\n\n[x]: /u",
		"> quote", ">> q", "```\ncode\n```", "~~~\ncode", "~~gone~~",
		"~one~", "`code`", "``a`b``", "    indented code",
		"\tindented", "a\n    b", "---", "***", "___", "- - -",
		"a\n===", "a\n---", "a\n\n---", "=", "a  \nb", "a\\\nb",
		"line one\nline two", "para one\n\npara two",
		"\n\n  leading and trailing  \n\n", "a\r\nb\r\n\r\nc\rd",
		"- [ ] task", "1986. A great year", "2024) x", ".5 percent",
		"_a_ __b__ *c* **d**", "a_b_c", "snake_case_name",
		"<div>\nx\n</div>", "<script>alert(1)</script>",
		"<?php ?>", "<!DOCTYPE html>", "<![CDATA[x]]>",
		"Setext\n======", "# a\n## b", "+ a\n+ b", "\x01\x7f",
		"caf\xc3\xa9 \xe2\x80\x94 \xc2\xab guillemets \xc2\xbb",
		"!", "![", "a!", "x:", "x&", "www", "www.", "1.", "1)", ")",
		"", " ", "\n", "\n\n\n",
	};

	(void)state;
	failures = 0;
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++)
		check(values[i]);
	assert_int_equal(failures, 0);
}

/* Values made of syntax fragments, from a fixed seed. */
static void
random_values(void **state)
{
	static const char *const tok[] = {
		"*", "_", "`", "[", "]", "(", ")", "<", ">", "!", "#", "-",
		"+", "=", "|", "~", "\\", "&", "amp;", "#65;", ":", "//",
		"www.", "http", "@", "x.com", " ", "  ", "\n", "\n\n", "1.",
		"1)", "    ", "\t", "a", "b", "{{", "}}", "---", "```", "~~",
		".", "\r\n", "&#", "<a ", "/>", "\"", "'", "$", "%", "^",
		"?", ",", ";", "{", "}", "\xc3\xa9",
	};
	char v[512];
	uint32_t seed = 12345;

	(void)state;
	failures = 0;
	for (int i = 0; i < 3000; i++) {
		int n;

		seed = seed * 1103515245u + 12345u;
		n = 1 + (int)((seed >> 16) % 10);
		v[0] = '\0';
		for (int k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			strcat(v, tok[(seed >> 16) %
				      (sizeof tok / sizeof tok[0])]);
		}
		check(v);
	}
	assert_int_equal(failures, 0);
}

static void
expect(void (*esc)(struct buf *, const char *, size_t), const char *v,
       const char *want)
{
	char *got = escaped(esc, v);

	if (strcmp(got, want) != 0)
		fail_msg("escaping [%s]: want [%s], got [%s]", v, want, got);
	free(got);
}

/* Escapes only where needed, so the .md file stays readable. */
static void
readable_output(void **state)
{
	(void)state;
	expect(esc_markdown, "Smith & Co, e-mail: 3.5% (est.)",
	       "Smith & Co, e-mail: 3.5% (est.)");
	expect(esc_markdown, "AT&T &amp; &#64; R&", "AT&T \\&amp; \\&#64; R\\&");
	/* Addresses and http(s) URLs as autolinks, other schemes inert. */
	expect(esc_markdown, "dpo@example.com", "<dpo@example.com>");
	expect(esc_markdown, "see www.x.org or https://x.org",
	       "see www\\.x.org or <https://x.org>");
	expect(esc_markdown, "(https://www.cnil.fr/), privacy@sc.example.",
	       "(<https://www.cnil.fr/>), <privacy@sc.example>.");
	expect(esc_markdown, "ftp://x.org javascript://x",
	       "ftp\\://x.org javascript\\://x");
	expect(esc_markdown, "https://x.org/<b> https://x.org/a&amp;b",
	       "https\\://x.org/\\<b> https\\://x.org/a\\&amp;b");
	expect(esc_markdown, "a@b a@b.c- a@-b.c", "a@b a@b.c- a@-b.c");
	/* Line starts only where they would make a block. */
	expect(esc_markdown, "+33 1 23 45 67 89", "+33 1 23 45 67 89");
	expect(esc_markdown, "+ x\n-5 \xc2\xb0" "C\n--\n==\n#5\n## b",
	       "\\+ x\\\n-5 \xc2\xb0" "C\\\n\\--\\\n\\==\\\n#5\\\n\\## b");
	expect(esc_markdown, "1.5 million, 2) y", "1.5 million, 2) y");
	expect(esc_markdown, "dpo_contact _x_", "dpo_contact \\_x\\_");
	expect(esc_markdown, "1. x\n2) y\n- z", "1\\. x\\\n2\\) y\\\n\\- z");
	expect(esc_markdown, "# a #", "\\# a #");
	expect(esc_markdown, "{{id}}", "\\{\\{id\\}\\}");
	expect(esc_markdown, "a\n\n\n  b  \n", "a\n\nb");
	expect(esc_markdown, "  x  ", "x");
	expect(esc_markdown, "", "");
	expect(esc_markdown, "end!", "end\\!");
	expect(esc_markdown_cell, "a | b\nc\n\nd", "a \\| b c d");
	expect(esc_html, "& \" < > ' &amp;",
	       "&amp; &quot; &lt; &gt; ' &amp;amp;");
	expect(esc_html, "plain", "plain");
	expect(esc_html, "", "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_punctuation_character),
		cmocka_unit_test(hostile_values),
		cmocka_unit_test(random_values),
		cmocka_unit_test(readable_output),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_load.c - the YAML loader on hostile buffers: every refusal with
 * its position, the limits exactly at their edge, scalar resolution.
 *
 * Every buffer is copied into a heap block of exactly its length, with no
 * NUL after it, so that AddressSanitizer catches a read past the end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "arena.h"
#include "diag.h"
#include "load.h"
#include "node.h"

#define NAME "t.yaml"

struct fx {
	struct arena *a;
	struct diags d;
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	if (f == NULL)
		return -1;
	f->a = arena_new();
	diag_init(&f->d);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	diag_free(&f->d);
	arena_free(f->a);
	free(f);
	return 0;
}

/* Loads len bytes from an exact-size copy. */
static struct node *
load_n(struct fx *f, const char *s, size_t len)
{
	char *copy = malloc(len ? len : 1);
	struct node *n;

	assert_non_null(copy);
	memcpy(copy, s, len);
	n = load_buffer(f->a, NAME, copy, len, &f->d);
	free(copy);
	return n;
}

static struct node *
load_s(struct fx *f, const char *s)
{
	return load_n(f, s, strlen(s));
}

/* The one diagnostic of a refused buffer: an error at line:col whose
 * text contains want. Clears the diagnostics for the next case. */
static void
refused_at(struct fx *f, const char *s, size_t len, unsigned line,
	   unsigned col, const char *want)
{
	struct node *n = load_n(f, s, len);

	if (n != NULL || f->d.n != 1 || f->d.errors != 1)
		fail_msg("%.40s: expected one error, got %zu diagnostics "
		    "(%s)", s, f->d.n, n ? "loaded" : "refused");
	assert_string_equal(f->d.v[0].pos.file, NAME);
	if (f->d.v[0].pos.line != line || f->d.v[0].pos.col != col ||
	    strstr(f->d.v[0].text, want) == NULL)
		fail_msg("%.40s: got %u:%u: %s; expected %u:%u: ...%s...", s,
		    f->d.v[0].pos.line, f->d.v[0].pos.col, f->d.v[0].text,
		    line, col, want);
	diag_free(&f->d);
	diag_init(&f->d);
}

#define REFUSED(f, lit, line, col, want) \
	refused_at((f), (lit), sizeof(lit) - 1, (line), (col), (want))

static void
assert_clean(struct fx *f, const struct node *n)
{
	if (n == NULL || f->d.n != 0)
		fail_msg("expected a clean load, got %zu diagnostics: %s",
		    f->d.n, f->d.n ? f->d.v[0].text : "(none)");
}

/* ---- scalar resolution ---- */

static void
booleans_and_null(void **state)
{
	struct fx *f = *state;
	static const char *const t[] = {"true", "True", "TRUE"};
	static const char *const fl[] = {"false", "False", "FALSE"};
	static const char *const nul[] = {"null", "Null", "NULL", "~", ""};
	/* YAML 1.1 booleans and numbers stay strings (Norway is "no"). */
	static const char *const str[] = {"yes", "no", "on", "off", "y",
	    "n", "tRUE", "nULL", "0", "1", "0x1F", "1e3", ".nan", "-.inf"};
	char buf[64];
	struct node *root;
	size_t i;

	for (i = 0; i < 3; i++) {
		snprintf(buf, sizeof buf, "k: %s\n", t[i]);
		root = load_s(f, buf);
		assert_clean(f, root);
		assert_int_equal(node_get(root, "k")->kind, NODE_BOOL);
		assert_true(node_get(root, "k")->u.b);
		snprintf(buf, sizeof buf, "k: %s\n", fl[i]);
		root = load_s(f, buf);
		assert_clean(f, root);
		assert_int_equal(node_get(root, "k")->kind, NODE_BOOL);
		assert_false(node_get(root, "k")->u.b);
	}
	for (i = 0; i < sizeof nul / sizeof nul[0]; i++) {
		snprintf(buf, sizeof buf, "k: %s\nz: 1\n", nul[i]);
		root = load_s(f, buf);
		assert_clean(f, root);
		assert_int_equal(node_get(root, "k")->kind, NODE_NULL);
	}
	for (i = 0; i < sizeof str / sizeof str[0]; i++) {
		snprintf(buf, sizeof buf, "k: %s\n", str[i]);
		root = load_s(f, buf);
		assert_clean(f, root);
		assert_int_equal(node_get(root, "k")->kind, NODE_STRING);
		assert_string_equal(node_get(root, "k")->u.str.s, str[i]);
		assert_true(node_get(root, "k")->plain);
	}
	/* Quoted, the same words are strings. */
	root = load_s(f, "a: 'true'\nb: \"null\"\nc: \"\"\nd: '~'\n");
	assert_clean(f, root);
	assert_int_equal(node_get(root, "a")->kind, NODE_STRING);
	assert_string_equal(node_get(root, "a")->u.str.s, "true");
	assert_int_equal(node_get(root, "b")->kind, NODE_STRING);
	assert_int_equal(node_get(root, "c")->kind, NODE_STRING);
	assert_int_equal(node_get(root, "c")->u.str.len, 0);
	assert_int_equal(node_get(root, "d")->kind, NODE_STRING);
	/* Flow and block collections hold the same resolution. */
	root = load_s(f, "l: [true, ~, x, 'false']\n");
	assert_clean(f, root);
	assert_int_equal(node_get(root, "l")->u.list.n, 4);
	assert_int_equal(node_get(root, "l")->u.list.items[0]->kind, NODE_BOOL);
	assert_int_equal(node_get(root, "l")->u.list.items[1]->kind, NODE_NULL);
	assert_int_equal(node_get(root, "l")->u.list.items[2]->kind,
	    NODE_STRING);
	assert_int_equal(node_get(root, "l")->u.list.items[3]->kind,
	    NODE_STRING);
}

static void
plain_flag(void **state)
{
	struct fx *f = *state;
	struct node *root = load_s(f,
	    "p: 120\n"
	    "s: '120'\n"
	    "d: \"120\"\n"
	    "lit: |\n  120\n"
	    "fold: >\n  120\n"
	    "multi: two\n  words\n");

	assert_clean(f, root);
	assert_true(node_get(root, "p")->plain);
	assert_false(node_get(root, "s")->plain);
	assert_false(node_get(root, "d")->plain);
	assert_false(node_get(root, "lit")->plain);
	assert_string_equal(node_get(root, "lit")->u.str.s, "120\n");
	assert_false(node_get(root, "fold")->plain);
	assert_true(node_get(root, "multi")->plain);
	assert_string_equal(node_get(root, "multi")->u.str.s, "two words");
	assert_int_equal(node_get(root, "multi")->u.str.len, 9);
	/* Escapes are decoded; the length counts bytes. */
	root = load_s(f, "e: \"caf\\u00e9\\n\"\n");
	assert_clean(f, root);
	assert_string_equal(node_get(root, "e")->u.str.s, "caf\xC3\xA9\n");
	assert_int_equal(node_get(root, "e")->u.str.len, 6);
}

/* ---- positions ---- */

static void
positions_one_based(void **state)
{
	struct fx *f = *state;
	struct node *root = load_s(f,
	    "# comment\n"
	    "top: 1\n"
	    "group:\n"
	    "  inner: value\n"
	    "  list:\n"
	    "    - a\n"
	    "    - {k: v}\n"
	    "\xC3\xA9t\xC3\xA9: \"x\"\n");
	struct node *group, *list;
	const struct node_pair *p;

	assert_clean(f, root);
	assert_int_equal(root->kind, NODE_MAP);
	assert_string_equal(root->pos.file, NAME);
	assert_int_equal(root->pos.line, 2);
	assert_int_equal(root->pos.col, 1);
	/* Source order is kept. */
	assert_int_equal(root->u.map.n, 3);
	assert_string_equal(root->u.map.pairs[0].key, "top");
	assert_string_equal(root->u.map.pairs[1].key, "group");
	p = node_pair_get(root, "top");
	assert_int_equal(p->key_pos.line, 2);
	assert_int_equal(p->key_pos.col, 1);
	assert_int_equal(p->value->pos.line, 2);
	assert_int_equal(p->value->pos.col, 6);
	group = node_get(root, "group");
	p = node_pair_get(group, "inner");
	assert_int_equal(p->key_pos.line, 4);
	assert_int_equal(p->key_pos.col, 3);
	assert_int_equal(p->value->pos.col, 10);
	list = node_get(group, "list");
	assert_int_equal(list->kind, NODE_LIST);
	assert_int_equal(list->pos.line, 6);
	assert_int_equal(list->pos.col, 5);
	assert_int_equal(list->u.list.items[0]->pos.line, 6);
	assert_int_equal(list->u.list.items[0]->pos.col, 7);
	assert_int_equal(list->u.list.items[1]->pos.line, 7);
	assert_int_equal(list->u.list.items[1]->pos.col, 7);
	p = node_pair_get(list->u.list.items[1], "k");
	assert_int_equal(p->key_pos.col, 8);
	assert_int_equal(p->value->pos.col, 11);
	/* Columns count characters, not bytes: "été" is three. */
	p = node_pair_get(root, "\xC3\xA9t\xC3\xA9");
	assert_non_null(p);
	assert_int_equal(p->key_pos.line, 8);
	assert_int_equal(p->value->pos.col, 6);
}

static void
bom_accepted(void **state)
{
	struct fx *f = *state;
	struct node *root = load_s(f, "\xEF\xBB\xBF" "a: 1\nb: x\n");

	assert_clean(f, root);
	assert_int_equal(root->pos.line, 1);
	assert_int_equal(root->pos.col, 1);
	assert_string_equal(root->u.map.pairs[0].key, "a");
	assert_int_equal(node_get(root, "a")->pos.col, 4);
	/* After a BOM, errors on line 1 are at the column an editor shows. */
	REFUSED(f, "\xEF\xBB\xBF" "a: \xFF\n", 1, 4, "invalid UTF-8 byte 0xFF");
	REFUSED(f, "\xEF\xBB\xBF" "ab: \x00\n", 1, 5, "NUL byte");
	REFUSED(f, "\xEF\xBB\xBF" "a: *x\n", 1, 4, "alias '*x'");
	REFUSED(f, "\xEF\xBB\xBF", 1, 1, "the file is empty");
	/* A BOM that is not at the start is a character like any other:
	 * libyaml refuses it inside a document. */
	assert_null(load_s(f, "a: 1\n\xEF\xBB\xBF" "b: 2\n"));
	assert_int_equal(f->d.errors, 1);
	assert_int_equal(f->d.v[0].pos.line, 2);
}

/* ---- refusals ---- */

static void
invalid_utf8(void **state)
{
	struct fx *f = *state;

	REFUSED(f, "k: \x80\n", 1, 4, "invalid UTF-8 byte 0x80");
	REFUSED(f, "k: caf\xE9\n", 1, 7, "invalid UTF-8 byte 0xE9");
	REFUSED(f, "a: 1\nk: \xC3\xA9\xE9\n", 2, 5, "0xE9");
	/* Overlong forms, surrogates, past U+10FFFF, bytes never valid. */
	REFUSED(f, "k: \xC0\xAF\n", 1, 4, "0xC0");
	REFUSED(f, "k: \xC1\xBF\n", 1, 4, "0xC1");
	REFUSED(f, "k: \xE0\x80\xAF\n", 1, 4, "0xE0");
	REFUSED(f, "k: \xF0\x80\x80\xAF\n", 1, 4, "0xF0");
	REFUSED(f, "k: \xED\xA0\x80\n", 1, 4, "0xED");
	REFUSED(f, "k: \xF4\x90\x80\x80\n", 1, 4, "0xF4");
	REFUSED(f, "k: \xF5\x80\x80\x80\n", 1, 4, "0xF5");
	REFUSED(f, "k: \xFE\n", 1, 4, "0xFE");
	/* A sequence cut short, inside the text and at its very end. */
	REFUSED(f, "k: \xE2\x82x\n", 1, 4, "0xE2");
	REFUSED(f, "k: x\xE2\x82", 1, 5, "0xE2");
	REFUSED(f, "k: \xF0", 1, 4, "0xF0");
	/* The largest code points of each length are fine. */
	assert_clean(f, load_s(f, "k: \xDF\xBF \xEF\xBF\xBD \xF4\x8F\xBF\xBF "
	    "\xED\x9F\xBF \xEE\x80\x80\n"));
}

static void
nul_bytes(void **state)
{
	struct fx *f = *state;

	REFUSED(f, "k: a\0b\n", 1, 5, "NUL byte");
	REFUSED(f, "\0", 1, 1, "NUL byte");
	REFUSED(f, "a: 1\nb: 2\n\0\n", 3, 1, "NUL byte");
	/* UTF-16 text is full of NULs: the first one is reported. */
	REFUSED(f, "a\0:\0 \0" "1\0", 1, 2, "NUL byte");
	/* Whichever comes first of a NUL and a bad byte is reported. */
	REFUSED(f, "k: \xFF\0\n", 1, 4, "invalid UTF-8");
	REFUSED(f, "k: \0\xFF\n", 1, 4, "NUL byte");
	/* A NUL after len is not read. */
	assert_clean(f, load_buffer(f->a, NAME, "k: v\0\xFF", 4, &f->d));
}

static void
tabs(void **state)
{
	struct fx *f = *state;

	/* Tabs that libyaml trips on, and those it would take. */
	REFUSED(f, "a:\n\tb: 1\n", 2, 1, "tab character");
	REFUSED(f, "a:\n  b: 1\n \tc: 2\n", 3, 2, "tab character");
	REFUSED(f, "a: [x,\n\ty]\n", 2, 1, "tab character used for "
	    "indentation");
	REFUSED(f, "a: \"x\n\ty\"\n", 2, 1, "tab character used for "
	    "indentation");
	/* A tab inside a line, and inside a block scalar, is content. */
	assert_clean(f, load_s(f, "a: x\ty\nb: |\n  one\n  \ttwo\nc: 1\n"));
	assert_string_equal(node_get(load_s(f, "b: |\n  one\n  \ttwo\n"),
	    "b")->u.str.s, "one\n\ttwo\n");
	assert_int_equal(f->d.n, 0);
}

static void
anchors_aliases_tags(void **state)
{
	struct fx *f = *state;

	REFUSED(f, "a: &x 1\n", 1, 4, "anchor '&x' is not allowed");
	REFUSED(f, "a: &m\n  b: 1\n", 1, 4, "anchor '&m'");
	REFUSED(f, "a: &l [1]\n", 1, 4, "anchor '&l'");
	REFUSED(f, "a: 1\nb: *x\n", 2, 4, "alias '*x' is not allowed");
	REFUSED(f, "a: [1, *x]\n", 1, 8, "alias '*x'");
	REFUSED(f, "a: !!int 1\n", 1, 4, "tag '!!int' is not allowed: remove "
	    "it and write the plain value");
	REFUSED(f, "a: !custom 1\n", 1, 4, "tag '!custom'");
	REFUSED(f, "a: !!map {b: 1}\n", 1, 4, "tag '!!map'");
	REFUSED(f, "a: !!seq [1]\n", 1, 4, "tag '!!seq'");
	REFUSED(f, "!!str a: 1\n", 1, 1, "tag");
	/* Anchored keys are refused too. */
	REFUSED(f, "&k a: 1\n", 1, 1, "anchor '&k'");
}

static void
documents(void **state)
{
	struct fx *f = *state;
	struct node *root;

	REFUSED(f, "", 1, 1, "the file is empty: it holds no YAML document");
	REFUSED(f, "# only\n# comments\n", 1, 1, "the file is empty");
	REFUSED(f, "\n\n   \n", 1, 1, "the file is empty");
	REFUSED(f, "---\n", 2, 1, "the file is empty: it holds no YAML "
	    "value");
	REFUSED(f, "~\n", 1, 1, "no YAML value");
	REFUSED(f, "a: 1\n---\nb: 2\n", 2, 1, "a second YAML document");
	REFUSED(f, "a: 1\n...\n---\nb: 2\n", 3, 1, "a second YAML document");
	REFUSED(f, "--- a\n--- b\n", 2, 1, "a second YAML document");
	/* One explicit document, with its markers and a directive. */
	root = load_s(f, "%YAML 1.1\n---\na: 1\n...\n");
	assert_clean(f, root);
	assert_int_equal(node_get(root, "a")->pos.line, 3);
	/* The root may be any node: the incident stage wants a map. */
	root = load_s(f, "- 1\n- 2\n");
	assert_clean(f, root);
	assert_int_equal(root->kind, NODE_LIST);
	root = load_s(f, "just text");
	assert_clean(f, root);
	assert_int_equal(root->kind, NODE_STRING);
}

static void
keys(void **state)
{
	struct fx *f = *state;
	struct node *root;

	REFUSED(f, "a: 1\nb: 2\na: 3\n", 3, 1, "duplicate key 'a' (first "
	    "given at line 1)");
	REFUSED(f, "g:\n  x: 1\n  y: 2\n  x: 3\n", 4, 3, "duplicate key 'x' "
	    "(first given at line 2)");
	REFUSED(f, "{a: 1, a: 2}\n", 1, 8, "duplicate key 'a'");
	/* Quoting does not make a different key. */
	REFUSED(f, "a: 1\n'a': 2\n", 2, 1, "duplicate key 'a'");
	REFUSED(f, "? [a, b]\n: c\n", 1, 3, "a key must be a name, not a "
	    "list");
	REFUSED(f, "? {a: b}\n: c\n", 1, 3, "not a map");
	REFUSED(f, "~: c\n", 1, 1, "not a null");
	REFUSED(f, "true: c\n", 1, 1, "not a boolean");
	/* The same key in two maps, or differing in case, is fine. */
	root = load_s(f, "a: {x: 1}\nb: {x: 2}\nA: 3\n'true': 4\n");
	assert_clean(f, root);
	assert_int_equal(root->u.map.n, 4);
	assert_non_null(node_get(root, "true"));
}

static void
syntax_errors(void **state)
{
	struct fx *f = *state;

	REFUSED(f, "a: \"open\n", 2, 1, "YAML syntax error: found "
	    "unexpected end of stream");
	REFUSED(f, "a: [1, 2\n", 2, 1, "YAML syntax error");
	REFUSED(f, "a: 1\n b: 2\n", 2, 3, "YAML syntax error");
	REFUSED(f, "- a\nb: 1\n", 2, 1, "YAML syntax error");
	REFUSED(f, "a: @x\n", 1, 4, "YAML syntax error");
}

/* ---- limits, exactly at their edge ---- */

static char *
nested(size_t depth, size_t *len)
{
	char *s = malloc(2 * depth);
	size_t i;

	assert_non_null(s);
	for (i = 0; i < depth; i++) {
		s[i] = '[';
		s[2 * depth - 1 - i] = ']';
	}
	*len = 2 * depth;
	return s;
}

static void
depth_limit(void **state)
{
	struct fx *f = *state;
	struct node *n;
	size_t len, i;
	char *s;

	assert_int_equal(LOAD_MAX_DEPTH, 64);
	s = nested(LOAD_MAX_DEPTH, &len);
	n = load_n(f, s, len);
	free(s);
	assert_clean(f, n);
	for (i = 1; i < LOAD_MAX_DEPTH; i++) {
		assert_int_equal(n->kind, NODE_LIST);
		assert_int_equal(n->u.list.n, 1);
		n = n->u.list.items[0];
	}
	assert_int_equal(n->kind, NODE_LIST);
	assert_int_equal(n->u.list.n, 0);

	s = nested(LOAD_MAX_DEPTH + 1, &len);
	refused_at(f, s, len, 1, LOAD_MAX_DEPTH + 1, "nesting deeper than "
	    "64 levels");
	free(s);
	/* Far deeper: refused at the same place, without recursion
	 * trouble. */
	s = nested(100000, &len);
	refused_at(f, s, len, 1, LOAD_MAX_DEPTH + 1, "nesting deeper");
	free(s);

	/* Block maps count the same: 64 levels of "k:" then a value. */
	{
		char *m = malloc(64 * 70 + 16);
		size_t k = 0, lvl, sp;

		assert_non_null(m);
		for (lvl = 0; lvl < 64; lvl++) {
			for (sp = 0; sp < lvl; sp++)
				m[k++] = ' ';
			memcpy(m + k, "k:\n", 3);
			k += 3;
		}
		for (sp = 0; sp < 64; sp++)
			m[k++] = ' ';
		memcpy(m + k, "v\n", 2);
		k += 2;
		assert_clean(f, load_n(f, m, k));
		/* One level more: the 65th map starts at line 65. */
		k -= 2;
		memcpy(m + k, "k:\n", 3);
		k += 3;
		for (sp = 0; sp < 65; sp++)
			m[k++] = ' ';
		memcpy(m + k, "v\n", 2);
		k += 2;
		refused_at(f, m, k, 65, 65, "nesting deeper than 64");
		free(m);
	}
}

static void
scalar_limit(void **state)
{
	struct fx *f = *state;
	size_t max = LOAD_MAX_SCALAR, len;
	char *s = malloc(max + 16);
	struct node *n;

	assert_int_equal(LOAD_MAX_SCALAR, 1u << 20);
	assert_non_null(s);
	memcpy(s, "k: ", 3);
	memset(s + 3, 'x', max);
	len = 3 + max;
	n = load_n(f, s, len);
	assert_clean(f, n);
	assert_int_equal(node_get(n, "k")->u.str.len, max);
	memset(s + 3, 'x', max + 1);
	refused_at(f, s, len + 1, 1, 4, "value of 1048577 bytes is over the "
	    "limit of 1048576 bytes");
	/* Quoted, and as a key: the same limit. */
	s[3] = '"';
	memset(s + 4, 'y', max + 1);
	s[max + 5] = '"';
	refused_at(f, s, max + 6, 1, 4, "value of 1048577 bytes");
	memset(s, 'z', max + 1);
	memcpy(s + max + 1, ": 1\n", 4);
	refused_at(f, s, max + 5, 1, 1, "value of 1048577 bytes");
	/* The limit counts bytes: 2-byte characters reach it sooner. */
	memcpy(s, "k: ", 3);
	for (len = 3; len < 3 + max + 2; len += 2)
		memcpy(s + len, "\xC3\xA9", 2);
	refused_at(f, s, len, 1, 4, "value of 1048578 bytes");
	free(s);
}

static void
file_limit(void **state)
{
	struct fx *f = *state;
	size_t max = LOAD_MAX_FILE;
	char *s = malloc(max + 1);

	assert_int_equal(LOAD_MAX_FILE, 16u << 20);
	assert_non_null(s);
	/* A comment line of exactly 16 MiB after "k: v". */
	memcpy(s, "k: v\n#", 6);
	memset(s + 6, 'c', max - 6);
	assert_clean(f, load_n(f, s, max));
	s[max] = 'c';
	refused_at(f, s, max + 1, 1, 1, "file of 16777217 bytes is over the "
	    "limit of 16 MiB");
	free(s);
}

/* Errors already in d do not make a good buffer fail. */
static void
diags_accumulate(void **state)
{
	struct fx *f = *state;
	struct pos p = {"other.yaml", 3, 4};

	diag_add(&f->d, DIAG_ERROR, &p, "earlier problem");
	diag_add(&f->d, DIAG_WARNING, &p, "earlier warning");
	assert_non_null(load_s(f, "a: 1\n"));
	assert_int_equal(f->d.n, 2);
	assert_null(load_s(f, "a: [\n"));
	assert_int_equal(f->d.errors, 2);
	assert_string_equal(f->d.v[2].pos.file, NAME);
}

/* load_file: statuses and the path kept in every position. */
static void
files(void **state)
{
	struct fx *f = *state;
	char dir[] = "/tmp/test_load.XXXXXX";
	char path[64];
	FILE *fp;
	int st = -1;
	struct node *n;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/ok.yaml", dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("a: 1\nb: [x, y]\n", fp);
	fclose(fp);
	n = load_file(f->a, path, &f->d, &st);
	assert_clean(f, n);
	assert_int_equal(st, 0);
	assert_string_equal(n->pos.file, path);
	assert_string_equal(node_get(n, "b")->u.list.items[1]->pos.file, path);
	/* The name is copied: the caller's buffer may go. */
	assert_true(n->pos.file != path);

	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("a: 1\na: 2\n", fp);
	fclose(fp);
	assert_null(load_file(f->a, path, &f->d, &st));
	assert_int_equal(st, EXIT_DATAERR);
	assert_int_equal(f->d.v[0].pos.line, 2);
	diag_free(&f->d);
	diag_init(&f->d);

	assert_null(load_file(f->a, dir, &f->d, &st));
	assert_int_equal(st, EXIT_NOINPUT);
	assert_int_equal(f->d.errors, 1);
	assert_non_null(strstr(f->d.v[0].text, "directory"));
	assert_int_equal(f->d.v[0].pos.line, 0);
	diag_free(&f->d);
	diag_init(&f->d);

	unlink(path);
	assert_null(load_file(f->a, path, &f->d, &st));
	assert_int_equal(st, EXIT_NOINPUT);
	assert_non_null(strstr(f->d.v[0].text, "cannot open"));
	diag_free(&f->d);
	diag_init(&f->d);

	/* Empty file: data error, not missing input. */
	fp = fopen(path, "w");
	assert_non_null(fp);
	fclose(fp);
	assert_null(load_file(f->a, path, &f->d, &st));
	assert_int_equal(st, EXIT_DATAERR);
	unlink(path);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(booleans_and_null, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(plain_flag, setup, teardown),
		cmocka_unit_test_setup_teardown(positions_one_based, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(bom_accepted, setup, teardown),
		cmocka_unit_test_setup_teardown(invalid_utf8, setup, teardown),
		cmocka_unit_test_setup_teardown(nul_bytes, setup, teardown),
		cmocka_unit_test_setup_teardown(tabs, setup, teardown),
		cmocka_unit_test_setup_teardown(anchors_aliases_tags, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(documents, setup, teardown),
		cmocka_unit_test_setup_teardown(keys, setup, teardown),
		cmocka_unit_test_setup_teardown(syntax_errors, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(depth_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(scalar_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(file_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(diags_accumulate, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(files, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

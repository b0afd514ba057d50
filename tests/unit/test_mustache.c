/*
 * test_mustache.c - the Mustache engine: the spec's required modules, run
 * from the spec's own YAML files through our loader, and our additions
 * (diagnostics, partial cache and depth, node semantics).
 *
 * The spec folder is ../shared/mustache-spec from the repository top, or
 * $BREACHGEN_MUSTACHE_SPEC. Prints "mustache spec: N of 136 passed".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "escape.h"
#include "load.h"
#include "mustache.h"

#define SPEC_TESTS 136

static const char *const spec_files[] = {
	"comments", "delimiters", "interpolation", "inverted", "partials",
	"sections",
};

/* Partials of one spec test: a map from name to template text. */
static int
map_partial(void *ctx, const char *name, const char **text, size_t *len,
	    const char **file)
{
	const struct node_pair *p = node_pair_get(ctx, name);

	if (p == NULL || p->value->kind != NODE_STRING)
		return -1;
	*text = p->value->u.str.s;
	*len = p->value->u.str.len;
	*file = p->key;
	return 0;
}

/*
 * The spec's data is written for languages that read 1.210 as a number
 * and print it as 1.21. Our loader keeps plain scalars as text, so give
 * numeric ones their shortest round-trip form.
 */
static bool
numeric(const char *s)
{
	const char *p = s;

	if (*p == '-' || *p == '+')
		p++;
	if (*p < '0' || *p > '9')
		return false;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.') {
		p++;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '-' || *p == '+')
			p++;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0';
}

static void
coerce_numbers(struct arena *a, struct node *n)
{
	size_t i;

	switch (n->kind) {
	case NODE_STRING:
		if (n->plain && numeric(n->u.str.s)) {
			double v = strtod(n->u.str.s, NULL);
			char tmp[64];

			for (int prec = 15; prec <= 17; prec++) {
				snprintf(tmp, sizeof tmp, "%.*g", prec, v);
				if (strtod(tmp, NULL) == v)
					break;
			}
			n->u.str.s = arena_strdup(a, tmp);
			n->u.str.len = strlen(tmp);
		}
		break;
	case NODE_LIST:
		for (i = 0; i < n->u.list.n; i++)
			coerce_numbers(a, n->u.list.items[i]);
		break;
	case NODE_MAP:
		for (i = 0; i < n->u.map.n; i++)
			coerce_numbers(a, n->u.map.pairs[i].value);
		break;
	default:
		break;
	}
}

static const char *
str_of(const struct node *map, const char *key)
{
	const struct node *v = node_get(map, key);

	return v != NULL && v->kind == NODE_STRING ? v->u.str.s : NULL;
}

/* Runs one spec file; returns the number of tests passed, adds to *total. */
static int
run_spec_file(const char *dir, const char *base, int *total)
{
	struct arena *a = arena_new();
	struct diags d;
	struct node *root, *tests;
	char path[4096];
	int status, passed = 0;
	size_t i;

	diag_init(&d);
	snprintf(path, sizeof path, "%s/%s.yml", dir, base);
	root = load_file(a, arena_strdup(a, path), &d, &status);
	if (root == NULL) {
		diag_print(&d, stderr);
		fail_msg("%s does not load", path);
	}
	tests = node_get(root, "tests");
	assert_non_null(tests);
	assert_int_equal(tests->kind, NODE_LIST);
	for (i = 0; i < tests->u.list.n; i++) {
		struct node *t = tests->u.list.items[i];
		struct node *data = node_get(t, "data");
		const char *name = str_of(t, "name");
		const char *tmpl = str_of(t, "template");
		const char *want = str_of(t, "expected");
		char *tname = arena_printf(a, "%s.yml: %s", base, name);
		struct mus_partials *parts;
		struct mus_opts opts;
		struct mus_template *mt;
		struct buf out = BUF_INIT;
		struct diags td;

		(*total)++;
		assert_non_null(tmpl);
		assert_non_null(want);
		if (data != NULL)
			coerce_numbers(a, data);
		diag_init(&td);
		parts = mus_partials_new(map_partial, node_get(t, "partials"));
		opts.escape = esc_html;
		opts.partials = parts;
		mt = mus_compile(tname, tmpl, strlen(tmpl), &td);
		if (mt != NULL && mus_render(mt, data, &opts, &out, &td) == 0 &&
		    strcmp(buf_cstr(&out), want) == 0) {
			passed++;
		} else {
			fprintf(stderr, "spec failure: %s\n  expected: [%s]\n"
				"  got:      [%s]\n", tname, want,
				buf_cstr(&out));
			diag_print(&td, stderr);
		}
		buf_free(&out);
		mus_free(mt);
		mus_partials_free(parts);
		diag_free(&td);
	}
	diag_free(&d);
	arena_free(a);
	return passed;
}

static void
spec_conformance(void **state)
{
	const char *dir = getenv("BREACHGEN_MUSTACHE_SPEC");
	char path[4096];
	int passed = 0, total = 0;
	FILE *fp;

	(void)state;
	if (dir == NULL || *dir == '\0')
		dir = "../shared/mustache-spec";
	snprintf(path, sizeof path, "%s/interpolation.yml", dir);
	if ((fp = fopen(path, "r")) == NULL) {
		/* cmocka's skip() reads as "not ok" in TAP: pass, and say so. */
		printf("# mustache spec: skipped, no %s\n", path);
		return;
	}
	fclose(fp);
	for (size_t i = 0; i < sizeof spec_files / sizeof spec_files[0]; i++)
		passed += run_spec_file(dir, spec_files[i], &total);
	fflush(stdout);
	printf("mustache spec: %d of %d passed\n", passed, SPEC_TESTS);
	fflush(stdout);
	assert_int_equal(total, SPEC_TESTS);
	assert_int_equal(passed, SPEC_TESTS);
}

/* Helpers for our own cases. */

struct fixture {
	struct arena *a;
	struct diags d;
	struct buf out;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	f->a = arena_new();
	diag_init(&f->d);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	buf_free(&f->out);
	diag_free(&f->d);
	arena_free(f->a);
	free(f);
	return 0;
}

/* Renders text with data; returns mus_render's result, or -2 when the
 * template does not compile. */
static int
render(struct fixture *f, const char *text, const struct node *data,
       const struct mus_opts *opts)
{
	struct mus_template *t = mus_compile("t.md", text, strlen(text),
					     &f->d);
	int rc;

	buf_truncate(&f->out, 0);
	if (t == NULL)
		return -2;
	rc = mus_render(t, data, opts, &f->out, &f->d);
	mus_free(t);
	return rc;
}

/* The only diagnostic has this level, position and text fragment. */
static void
one_diag(struct fixture *f, enum diag_level level, const char *file,
	 unsigned line, unsigned col, const char *fragment)
{
	char text[512];

	if (f->d.n != 1) {
		diag_print(&f->d, stderr);
		fail_msg("%zu diagnostics, wanted 1 (%s)", f->d.n, fragment);
	}
	diag_format(&f->d.v[0], text, sizeof text);
	if (f->d.v[0].level != level || f->d.v[0].pos.line != line ||
	    f->d.v[0].pos.col != col || strcmp(f->d.v[0].pos.file, file) != 0 ||
	    strstr(f->d.v[0].text, fragment) == NULL)
		fail_msg("unexpected diagnostic: %s (wanted %s:%u:%u ... %s)",
			 text, file, line, col, fragment);
	diag_free(&f->d);
	diag_init(&f->d);
}

static struct node *
map_of(struct arena *a, const char *const *kv)
{
	struct node *m = node_map(a, NULL);

	for (; kv[0] != NULL; kv += 2)
		node_map_set(a, m, kv[0], node_cstr(a, kv[1]));
	return m;
}

static void
compiled_once_rendered_many(void **state)
{
	struct fixture *f = *state;
	static const char *const names[] = {"Ada", "Grace", "Barbara"};
	struct mus_template *t;
	const char *text = "Dear {{name}},\n{{#late}}late{{/late}}\n";

	t = mus_compile("t.md", text, strlen(text), &f->d);
	assert_non_null(t);
	for (int i = 0; i < 3; i++) {
		const char *kv[] = {"name", names[i], NULL};
		char want[64];

		buf_truncate(&f->out, 0);
		assert_int_equal(mus_render(t, map_of(f->a, kv), NULL,
					    &f->out, &f->d), 0);
		snprintf(want, sizeof want, "Dear %s,\n\n", names[i]);
		assert_string_equal(buf_cstr(&f->out), want);
	}
	mus_free(t);
	assert_int_equal(f->d.n, 0);
}

static void
node_semantics(void **state)
{
	struct fixture *f = *state;
	struct node *m = node_map(f->a, NULL), *list = node_list(f->a, NULL);
	struct node *inner = node_map(f->a, NULL);

	node_map_set(f->a, m, "yes", node_bool(f->a, true, NULL));
	node_map_set(f->a, m, "no", node_bool(f->a, false, NULL));
	node_map_set(f->a, m, "nil", node_null(f->a, NULL));
	node_map_set(f->a, m, "empty", node_cstr(f->a, ""));
	node_map_set(f->a, m, "word", node_cstr(f->a, "w"));
	node_map_set(f->a, m, "none", node_list(f->a, NULL));
	node_list_push(f->a, list, node_cstr(f->a, "a"));
	node_list_push(f->a, list, node_cstr(f->a, "b"));
	node_map_set(f->a, m, "list", list);
	node_map_set(f->a, inner, "k", node_cstr(f->a, "v"));
	node_map_set(f->a, m, "inner", inner);

	assert_int_equal(render(f, "{{yes}} {{no}} [{{nil}}] [{{missing}}]",
				m, NULL), 0);
	assert_string_equal(buf_cstr(&f->out), "true false [] []");
	/* Falsey: false, null, missing, "", []. */
	assert_int_equal(render(f, "{{#no}}1{{/no}}{{#nil}}2{{/nil}}"
				"{{#missing}}3{{/missing}}{{#empty}}4{{/empty}}"
				"{{#none}}5{{/none}}|{{^no}}a{{/no}}{{^nil}}b"
				"{{/nil}}{{^missing}}c{{/missing}}{{^empty}}d"
				"{{/empty}}{{^none}}e{{/none}}", m, NULL), 0);
	assert_string_equal(buf_cstr(&f->out), "|abcde");
	/* Truthy: a non-empty string is pushed, a map too, a list iterates. */
	assert_int_equal(render(f, "{{#word}}<{{.}}>{{/word}}"
				"{{#inner}}{{k}}{{word}}{{/inner}}"
				"{{#list}}({{.}}){{/list}}{{^yes}}x{{/yes}}",
				m, NULL), 0);
	assert_string_equal(buf_cstr(&f->out), "<w>vw(a)(b)");
	assert_int_equal(f->d.n, 0);
	/* A map cannot be printed: nothing, and a warning at the tag. */
	assert_int_equal(render(f, "x\n  {{inner}}", m, NULL), 0);
	assert_string_equal(buf_cstr(&f->out), "x\n  ");
	one_diag(f, DIAG_WARNING, "t.md", 2, 3, "map");
	/* No data at all. */
	assert_int_equal(render(f, "[{{x}}{{.}}]", NULL, NULL), 0);
	assert_string_equal(buf_cstr(&f->out), "[]");
}

static void
brackets(struct buf *out, const char *s, size_t len)
{
	buf_putc(out, '[');
	buf_put(out, s, len);
	buf_putc(out, ']');
}

static void
escaper_parameter(void **state)
{
	struct fixture *f = *state;
	const char *kv[] = {"x", "*a*", NULL};
	struct mus_opts opts = {brackets, NULL};
	struct mus_opts md = {esc_markdown, NULL};

	assert_int_equal(render(f, "{{x}} {{{x}}} {{&x}} {{ x }}",
				map_of(f->a, kv), &opts), 0);
	assert_string_equal(buf_cstr(&f->out), "[*a*] *a* *a* [*a*]");
	assert_int_equal(render(f, "{{x}} {{{x}}}", map_of(f->a, kv), NULL),
			 0);
	assert_string_equal(buf_cstr(&f->out), "*a* *a*");
	assert_int_equal(render(f, "{{x}} {{{x}}}", map_of(f->a, kv), &md), 0);
	assert_string_equal(buf_cstr(&f->out), "\\*a\\* *a*");
}

static void
template_errors(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(render(f, "a\n  {{#s}}x", NULL, NULL), -2);
	one_diag(f, DIAG_ERROR, "t.md", 2, 3, "{{/s}}");
	assert_int_equal(render(f, "{{#a}}\n{{#b}}{{/a}}", NULL, NULL), -2);
	one_diag(f, DIAG_ERROR, "t.md", 2, 7, "write {{/b}}");
	assert_int_equal(render(f, "x {{/a}}", NULL, NULL), -2);
	one_diag(f, DIAG_ERROR, "t.md", 1, 3, "closes no section");
	assert_int_equal(render(f, "{{=<% %>=}}\n<%x", NULL, NULL), -2);
	one_diag(f, DIAG_ERROR, "t.md", 2, 1, "%>");
	assert_int_equal(render(f, "ok {{x", NULL, NULL), -2);
	one_diag(f, DIAG_ERROR, "t.md", 1, 4, "never closed");
	assert_int_equal(render(f, "{{{x}}", NULL, NULL), -2);
	one_diag(f, DIAG_ERROR, "t.md", 1, 1, "}}}");
	assert_int_equal(render(f, "\n\n {{= a =}}", NULL, NULL), -2);
	one_diag(f, DIAG_ERROR, "t.md", 3, 2, "bad delimiter");
	assert_int_equal(render(f, "{{=<% % %>=}}", NULL, NULL), -2);
	one_diag(f, DIAG_ERROR, "t.md", 1, 1, "bad delimiter");
	assert_int_equal(render(f, "{{=a= b=}}", NULL, NULL), -2);
	one_diag(f, DIAG_ERROR, "t.md", 1, 1, "bad delimiter");
	assert_int_equal(render(f, "{{ }}", NULL, NULL), -2);
	one_diag(f, DIAG_ERROR, "t.md", 1, 1, "empty tag");
	assert_int_equal(render(f, "{{a b}}", NULL, NULL), -2);
	one_diag(f, DIAG_ERROR, "t.md", 1, 1, "blank");
	assert_int_equal(render(f, "{{a..b}}", NULL, NULL), -2);
	one_diag(f, DIAG_ERROR, "t.md", 1, 1, "empty part");
	/* Columns count characters, not bytes. */
	assert_int_equal(render(f, "\xc3\xa9t\xc3\xa9 {{/x}}", NULL, NULL),
			 -2);
	one_diag(f, DIAG_ERROR, "t.md", 1, 5, "closes no section");
	/* With custom delimiters, messages show them. */
	assert_int_equal(render(f, "{{=<% %>=}}<%#a%><%/b%>", NULL, NULL), -2);
	one_diag(f, DIAG_ERROR, "t.md", 1, 18, "write <%/a%>");
}

static void
nesting_limit(void **state)
{
	struct fixture *f = *state;
	struct buf t = BUF_INIT;
	int i;

	for (i = 0; i < MUS_MAX_NESTING; i++)
		buf_puts(&t, "{{#a}}");
	for (i = 0; i < MUS_MAX_NESTING; i++)
		buf_puts(&t, "{{/a}}");
	assert_int_equal(render(f, buf_cstr(&t), NULL, NULL), 0);
	assert_int_equal(f->d.n, 0);
	buf_truncate(&t, 0);
	for (i = 0; i <= MUS_MAX_NESTING; i++)
		buf_puts(&t, "{{#a}}");
	assert_int_equal(render(f, buf_cstr(&t), NULL, NULL), -2);
	one_diag(f, DIAG_ERROR, "t.md", 1, 6 * MUS_MAX_NESTING + 1, "nested");
	buf_free(&t);
}

struct counted {
	int calls;
	const char *const *kv;	/* name, text, ..., NULL */
};

static int
counted_partial(void *ctx, const char *name, const char **text, size_t *len,
		const char **file)
{
	struct counted *c = ctx;

	c->calls++;
	for (const char *const *kv = c->kv; kv[0] != NULL; kv += 2) {
		if (strcmp(kv[0], name) == 0) {
			*text = kv[1];
			*len = strlen(kv[1]);
			*file = kv[0];
			return 0;
		}
	}
	return -1;
}

static void
partials_cached(void **state)
{
	struct fixture *f = *state;
	static const char *const kv[] = {
		"p", "<{{x}}>", "q", "{{>p}}{{>p}}", NULL,
	};
	const char *data[] = {"x", "1", NULL};
	struct counted c = {0, kv};
	struct mus_opts opts = {NULL, mus_partials_new(counted_partial, &c)};

	for (int i = 0; i < 3; i++) {
		assert_int_equal(render(f, "{{>q}}{{>p}}", map_of(f->a, data),
					&opts), 0);
		assert_string_equal(buf_cstr(&f->out), "<1><1><1>");
	}
	assert_int_equal(c.calls, 2);	/* p and q, once each */
	/* A missing partial prints nothing, warns, is looked up once. */
	assert_int_equal(render(f, "a\n {{>nope}}b", NULL, &opts), 0);
	assert_string_equal(buf_cstr(&f->out), "a\n b");
	one_diag(f, DIAG_WARNING, "t.md", 2, 2, "nope");
	assert_int_equal(render(f, "{{>nope}}", NULL, &opts), 0);
	one_diag(f, DIAG_WARNING, "t.md", 1, 1, "nope");
	assert_int_equal(c.calls, 3);
	mus_partials_free(opts.partials);
	/* Without a cache, every partial is missing. */
	assert_int_equal(render(f, "[{{>p}}]", NULL, NULL), 0);
	assert_string_equal(buf_cstr(&f->out), "[]");
	one_diag(f, DIAG_WARNING, "t.md", 1, 2, "no partial");
}

static void
partial_errors(void **state)
{
	struct fixture *f = *state;
	static const char *const kv[] = {
		"bad", "ok\n{{#x}}", "self", "[{{>self}}]", NULL,
	};
	static const char *const twice[] = {
		"two", "{{#c}}{{>two}}{{>two}}{{/c}}", NULL,
	};
	struct node *deep = node_map(f->a, NULL);
	struct counted c = {0, kv};
	struct mus_opts opts = {NULL, mus_partials_new(counted_partial, &c)};

	/* Each render that uses a broken partial fails with its error. */
	for (int i = 0; i < 2; i++) {
		assert_int_equal(render(f, "x{{>bad}}", NULL, &opts), -1);
		assert_int_equal(f->d.n, 2);
		assert_string_equal(f->d.v[0].pos.file, "bad");
		assert_int_equal(f->d.v[0].pos.line, 2);
		assert_int_equal(f->d.v[0].pos.col, 1);
		assert_non_null(strstr(f->d.v[0].text, "{{/x}}"));
		assert_string_equal(f->d.v[1].pos.file, "t.md");
		assert_int_equal(f->d.v[1].pos.col, 2);
		assert_int_equal(f->d.errors, 2);
		diag_free(&f->d);
		diag_init(&f->d);
	}
	/* Endless recursion stops at the depth limit with an error. */
	assert_int_equal(render(f, "{{>self}}", NULL, &opts), -1);
	assert_int_equal(strlen(buf_cstr(&f->out)), MUS_MAX_PARTIAL_DEPTH);
	one_diag(f, DIAG_ERROR, "self", 1, 2, "nested more than 32");
	mus_partials_free(opts.partials);

	/* Twice itself over data 30 deep: 2^30 expansions within the depth
	 * limit, stopped early. */
	c.kv = twice;
	opts.partials = mus_partials_new(counted_partial, &c);
	node_map_set(f->a, deep, "c", node_bool(f->a, false, NULL));
	for (int i = 0; i < 30; i++) {
		struct node *m = node_map(f->a, NULL);

		node_map_set(f->a, m, "c", deep);
		deep = m;
	}
	assert_int_equal(render(f, "{{>two}}", deep, &opts), -1);
	assert_int_equal(f->d.n, 1);
	assert_non_null(strstr(f->d.v[0].text, "expanded more than"));
	diag_free(&f->d);
	diag_init(&f->d);
	mus_partials_free(opts.partials);
}

static void
partial_indentation(void **state)
{
	struct fixture *f = *state;
	static const char *const kv[] = {
		"outer", "o1\n  {{>inner}}\no2 {{>inner}}\n",
		"inner", "i1\n{{#s}}\ni2 {{v}}\n{{/s}}\n", NULL,
	};
	struct counted c = {0, kv};
	struct mus_opts opts = {NULL, mus_partials_new(counted_partial, &c)};
	struct node *data = node_map(f->a, NULL);

	node_map_set(f->a, data, "s", node_bool(f->a, true, NULL));
	node_map_set(f->a, data, "v", node_cstr(f->a, "a\nb"));
	assert_int_equal(render(f, "<\n  {{>outer}}\n>", data, &opts), 0);
	assert_string_equal(buf_cstr(&f->out),
			    "<\n"
			    "  o1\n"
			    "    i1\n"
			    "    i2 a\nb\n"
			    "  o2 i1\n"
			    "i2 a\nb\n"
			    "\n"
			    ">");
	node_map_set(f->a, data, "s", node_bool(f->a, false, NULL));
	assert_int_equal(render(f, " {{>inner}}", data, &opts), 0);
	assert_string_equal(buf_cstr(&f->out), " i1\n");
	assert_int_equal(f->d.n, 0);
	mus_partials_free(opts.partials);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(spec_conformance),
		cmocka_unit_test_setup_teardown(compiled_once_rendered_many,
						setup, teardown),
		cmocka_unit_test_setup_teardown(node_semantics, setup,
						teardown),
		cmocka_unit_test_setup_teardown(escaper_parameter, setup,
						teardown),
		cmocka_unit_test_setup_teardown(template_errors, setup,
						teardown),
		cmocka_unit_test_setup_teardown(nesting_limit, setup,
						teardown),
		cmocka_unit_test_setup_teardown(partials_cached, setup,
						teardown),
		cmocka_unit_test_setup_teardown(partial_errors, setup,
						teardown),
		cmocka_unit_test_setup_teardown(partial_indentation, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

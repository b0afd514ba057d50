/*
 * fuzz_mustache.c - libFuzzer harness of the Mustache engine: the input
 * is a template, then a line "---", then a YAML view (the node tree
 * every stage shares); without the line, the whole input is the
 * template over a fixed view. Partials name other parts of the input.
 */
#include <string.h>

#include "buf.h"
#include "escape.h"
#include "mustache.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The "\n---\n" that ends the template, or NULL. */
static const char *
find_sep(const char *s, size_t n)
{
	for (size_t i = 0; i + 5 <= n; i++)
		if (memcmp(s + i, "\n---\n", 5) == 0)
			return s + i;
	return NULL;
}

static const char fixed_view[] =
    "id: x\nlist: [a, b, {c: d}]\nmap: {k: v, t: true, f: false}\n"
    "text: \"<a href='x'>*y*</a> | [z](javascript:1)\"\nempty: []\n";

/* Every partial is the template itself: recursion is the engine's to
 * bound. */
static const char *self_text;
static size_t self_len;

static int
partial(void *ctx, const char *name, const char **text, size_t *len,
	const char **file)
{
	(void)ctx;
	if (strcmp(name, "missing") == 0)
		return -1;
	*text = self_text;
	*len = self_len;
	*file = "partial";
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	const char *s = (const char *)data, *sep;
	size_t tlen = size;
	struct node *view;
	struct mus_template *t;
	struct mus_partials *parts;
	struct mus_opts opts;
	struct buf out = BUF_INIT;
	struct diags d;
	char *tpl;

	diag_init(&d);
	sep = find_sep(s, size);
	if (sep != NULL) {
		tlen = (size_t)(sep - s);
		view = load_buffer(a, "view.yaml", sep + 5,
		    size - tlen - 5, &d);
	} else {
		view = load_buffer(a, "view.yaml", fixed_view,
		    sizeof fixed_view - 1, &d);
	}
	tpl = arena_strndup(a, s, tlen);
	self_text = tpl;
	self_len = tlen;
	t = mus_compile("fuzz.md", tpl, tlen, &d);
	if (t != NULL && view != NULL) {
		parts = mus_partials_new(partial, NULL);
		opts.escape = esc_markdown;
		opts.partials = parts;
		mus_render(t, view, &opts, &out, &d);
		mus_partials_free(parts);
	}
	mus_free(t);
	buf_free(&out);
	diag_free(&d);
	arena_free(a);
	return 0;
}

/*
 * render.c - Mustache template + view tree -> Markdown.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "fmt.h"
#include "mustache.h"
#include "render.h"

/* Reads a whole file; NULL with errno set. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char chunk[8192];
	size_t n;

	if (fp == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_put(&b, chunk, n);
	if (ferror(fp)) {
		fclose(fp);
		buf_free(&b);
		errno = EIO;
		return NULL;
	}
	fclose(fp);
	*len = b.len;
	if (b.s == NULL)
		buf_putc(&b, '\0'), b.len = 0;
	return b.s;
}

struct pctx {
	struct arena *a;
	const char *dir, *lang;
	char *text;	/* last partial read; freed on the next call */
};

static int
partial(void *ctx, const char *name, const char **text, size_t *len,
	const char **file)
{
	struct pctx *p = ctx;
	char path[4096];

	/* A partial names a file of the same folder, nothing else. */
	if (strchr(name, '/') || strchr(name, '\\') || name[0] == '.')
		return -1;
	snprintf(path, sizeof path, "%s/%s/%s.md", p->dir, p->lang, name);
	free(p->text);
	p->text = slurp(path, len);
	if (p->text == NULL)
		return -1;
	*text = p->text;
	*file = arena_strdup(p->a, path);
	return 0;
}

int
rnd_markdown_text(struct arena *a, const char *name, const char *text, size_t len,
		  const char *dir, const char *lang, const struct node *view,
		  struct buf *out, struct diags *d)
{
	struct pctx pc = { a, dir, lang, NULL };
	struct mus_template *t = NULL;
	struct mus_partials *parts = NULL;
	struct mus_opts opts;
	struct buf md = BUF_INIT;
	struct pos pos = { name, 0, 0 };
	int rc = EXIT_DATAERR, e;

	t = mus_compile(name, text, len, d);
	if (t == NULL)
		goto out;
	parts = mus_partials_new(partial, &pc);
	opts.escape = esc_markdown;
	opts.partials = parts;
	if (mus_render(t, view, &opts, &md, d) != 0)
		goto out;
	if (strcmp(lang, "fr") == 0) {
		e = fmt_typo_fr(buf_cstr(&md), md.len, out);
		if (e != FMT_OK) {
			diag_add(d, DIAG_ERROR, &pos,
				 "French typography failed: %s",
				 fmt_error_text(e));
			rc = EXIT_SOFTWARE;
			goto out;
		}
	} else {
		buf_put(out, buf_cstr(&md), md.len);
	}
	rc = 0;
out:
	mus_partials_free(parts);
	mus_free(t);
	free(pc.text);
	buf_free(&md);
	return rc;
}

int
rnd_markdown(struct arena *a, const char *dir, const char *lang, const char *audience,
	     const struct node *view, struct buf *out, struct diags *d)
{
	char path[4096];
	char *text, *name;
	size_t len = 0;
	int rc;

	snprintf(path, sizeof path, "%s/%s/%s.md", dir, lang, audience);
	name = arena_strdup(a, path);
	text = slurp(path, &len);
	if (text == NULL) {
		struct pos pos = { name, 0, 0 };

		diag_add(d, DIAG_ERROR, &pos,
			 "cannot read the template: %s; it should be in "
			 "%s/%s/", strerror(errno), dir, lang);
		return EXIT_NOINPUT;
	}
	rc = rnd_markdown_text(a, name, text, len, dir, lang, view, out, d);
	free(text);
	return rc;
}

/*
 * render.c - Mustache template + view tree -> Markdown.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "escape.h"
#include "fmt.h"
#include "mustache.h"
#include "render.h"

/* Reads a whole file; NULL with errno set. A symbolic link is not
 * followed (ELOOP): a template is a file of its folder, and a link
 * could print any file of the machine into a report. */
static char *
slurp(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW);
	FILE *fp = fd >= 0 ? fdopen(fd, "rb") : NULL;
	struct buf b = BUF_INIT;
	char chunk[8192];
	size_t n;

	if (fp == NULL) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
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

/* Partials: files of the set's folder and language, read on first use. */
struct pctx {
	struct arena *a;
	const char *dir, *lang;
	char *text;	/* last partial read; freed on the next call */
	const char *refused;	/* a partial that is a link: every render
				 * of the set fails (the partials cache
				 * keeps it as missing) */
};

static const char link_refused[] = "is a symbolic link: templates are "
    "read only from files of their folder (a link could print any file "
    "of this machine into a report); put a copy of the file there";

/* The compiled templates of one folder and language. Names used in
 * diagnostics live in the caller's arena a. */
#define RND_MAX_TEMPLATES 8

struct rnd_set {
	struct pctx pc;		/* pc.a: the caller's arena */
	struct mus_partials *parts;
	struct {
		const char *audience, *name;
		struct mus_template *t;
	} tpl[RND_MAX_TEMPLATES];
	size_t ntpl;
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
	if (p->text == NULL) {
		if (errno == ELOOP)
			p->refused = arena_strdup(p->a, path);
		return -1;
	}
	*text = p->text;
	*file = arena_strdup(p->a, path);
	return 0;
}

struct rnd_set *
rnd_set_new(struct arena *a, const char *dir, const char *lang)
{
	struct rnd_set *s = xmalloc(sizeof *s);

	memset(s, 0, sizeof *s);
	s->pc.a = a;
	s->pc.dir = arena_strdup(s->pc.a, dir);
	s->pc.lang = arena_strdup(s->pc.a, lang);
	s->parts = mus_partials_new(partial, &s->pc);
	return s;
}

void
rnd_set_free(struct rnd_set *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->ntpl; i++)
		mus_free(s->tpl[i].t);
	mus_partials_free(s->parts);
	free(s->pc.text);
	free(s);
}

/* Mustache with Markdown escaping: over view into out, or for item only
 * (mus_render_item) when item is not NULL. 0 or EXIT_DATAERR. */
static int
run_mustache(struct rnd_set *s, const struct mus_template *t,
	     const struct node *view, const struct node *item,
	     const struct mus_stream *st, struct buf *out, struct diags *d)
{
	struct mus_opts opts;
	int e;

	opts.escape = esc_markdown;
	opts.partials = s->parts;
	opts.stream = st;
	e = item ? mus_render_item(t, view, item, &opts, d) :
	    mus_render(t, view, &opts, out, d);
	if (s->pc.refused) {
		struct pos rp = { s->pc.refused, 0, 0 };

		diag_add(d, DIAG_ERROR, &rp, "%s", link_refused);
		return EXIT_DATAERR;
	}
	return e != 0 ? EXIT_DATAERR : 0;
}

/* Renders t into out: Mustache with Markdown escaping, then the
 * language's typography pass (fmt_typo). */
static int
render_template(struct rnd_set *s, const struct mus_template *t,
		const char *name, const struct node *view, struct buf *out,
		struct diags *d)
{
	struct buf md = BUF_INIT;
	struct pos pos = { name, 0, 0 };
	int rc, e;

	rc = run_mustache(s, t, view, NULL, NULL, &md, d);
	if (rc != 0)
		goto out;
	/* A set that is not a language folder (templates/forms) has no
	 * typography of its own. */
	e = fmt_lang_ok(s->pc.lang) ?
	    fmt_typo(s->pc.lang, buf_cstr(&md), md.len, out) :
	    (buf_put(out, buf_cstr(&md), md.len), FMT_OK);
	if (e != FMT_OK) {
		diag_add(d, DIAG_ERROR, &pos, "typography failed: %s",
			 fmt_error_text(e));
		rc = EXIT_SOFTWARE;
	}
out:
	buf_free(&md);
	return rc;
}

/* The compiled template of audience, kept in s when there is room
 * (else *owned: the caller frees it). 0 or an exit status. */
static int
get_template(struct rnd_set *s, const char *audience,
	     struct mus_template **tp, const char **namep, bool *owned,
	     struct diags *d)
{
	struct mus_template *t;
	char path[4096];
	const char *name;
	char *text;
	size_t i, len = 0;

	*owned = false;
	for (i = 0; i < s->ntpl; i++)
		if (strcmp(s->tpl[i].audience, audience) == 0) {
			*tp = s->tpl[i].t;
			*namep = s->tpl[i].name;
			return 0;
		}
	snprintf(path, sizeof path, "%s/%s/%s.md", s->pc.dir, s->pc.lang,
		 audience);
	name = arena_strdup(s->pc.a, path);
	text = slurp(path, &len);
	if (text == NULL) {
		struct pos pos = { name, 0, 0 };

		if (errno == ELOOP)
			diag_add(d, DIAG_ERROR, &pos, "%s", link_refused);
		else
			diag_add(d, DIAG_ERROR, &pos,
				 "cannot read the template: %s; it should be "
				 "in %s/%s/", strerror(errno), s->pc.dir,
				 s->pc.lang);
		return EXIT_NOINPUT;
	}
	t = mus_compile(name, text, len, d);
	free(text);
	if (t == NULL)
		return EXIT_DATAERR;	/* not kept: each use says why */
	if (s->ntpl < RND_MAX_TEMPLATES) {
		s->tpl[s->ntpl].audience = arena_strdup(s->pc.a, audience);
		s->tpl[s->ntpl].name = name;
		s->tpl[s->ntpl++].t = t;
	} else {
		*owned = true;
	}
	*tp = t;
	*namep = name;
	return 0;
}

int
rnd_render(struct rnd_set *s, const char *audience, const struct node *view,
	   struct buf *out, struct diags *d)
{
	struct mus_template *t;
	const char *name;
	bool owned;
	int rc = get_template(s, audience, &t, &name, &owned, d);

	if (rc != 0)
		return rc;
	rc = render_template(s, t, name, view, out, d);
	if (owned)
		mus_free(t);
	return rc;
}

/* The template of audience run over view, streamed through st: one
 * item's shares of the loops (item), or the rest of it (out). */
static int
render_stream(struct rnd_set *s, const char *audience,
	      const struct node *view, const struct node *item,
	      const struct mus_stream *st, struct buf *out, struct diags *d)
{
	struct mus_template *t;
	const char *name;
	bool owned;
	int rc = get_template(s, audience, &t, &name, &owned, d);

	if (rc != 0)
		return rc;
	rc = run_mustache(s, t, view, item, st, out, d);
	if (owned)
		mus_free(t);
	return rc;
}

int
rnd_render_item(struct rnd_set *s, const char *audience,
		const struct node *view, const struct node *item,
		const struct mus_stream *st, struct diags *d)
{
	return render_stream(s, audience, view, item, st, NULL, d);
}

int
rnd_render_streamed(struct rnd_set *s, const char *audience,
		    const struct node *view, const struct mus_stream *st,
		    struct buf *out, struct diags *d)
{
	return render_stream(s, audience, view, NULL, st, out, d);
}

int
rnd_markdown(struct arena *a, const char *dir, const char *lang,
	     const char *audience, const struct node *view, struct buf *out,
	     struct diags *d)
{
	struct rnd_set *s = rnd_set_new(a, dir, lang);
	int rc = rnd_render(s, audience, view, out, d);

	rnd_set_free(s);
	return rc;
}

bool
rnd_lang_ok(const char *dir, const char *lang)
{
	char path[4096];

	/* A tag, not a path: "../x" or "" is no language. */
	if (lang == NULL || *lang == '\0' || strchr(lang, '/') != NULL ||
	    lang[0] == '.')
		return false;
	snprintf(path, sizeof path, "%s/%s/labels.yaml", dir, lang);
	return access(path, R_OK) == 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
rnd_languages(const char *dir, struct buf *out)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	char *v[64];
	size_t n = 0;

	if (dp == NULL)
		return;
	while ((e = readdir(dp)) != NULL && n < 64)
		if (rnd_lang_ok(dir, e->d_name))
			v[n++] = strdup(e->d_name);
	closedir(dp);
	qsort(v, n, sizeof v[0], cmp_str);
	for (size_t i = 0; i < n; i++) {
		buf_puts(out, i ? ", " : "");
		buf_puts(out, v[i]);
		free(v[i]);
	}
}

/*
 * mustache.c - Mustache compiler and renderer over node trees.
 *
 * Compiling turns the text into a tree of nodes; standalone lines are
 * resolved then, so rendering only walks the tree. Partial indentation
 * follows the spec's model of prefixing every line of the partial's source:
 * the compiler marks each line start that survives standalone stripping
 * with an INDENT node, which prints the indentation in force (nothing
 * outside of an indented partial).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "mustache.h"

enum mus_kind {
	MUS_TEXT,	/* literal text, at most one line */
	MUS_INDENT,	/* a line start of the source */
	MUS_VAR,	/* {{x}}: escaped */
	MUS_RAW,	/* {{{x}}} and {{&x}} */
	MUS_SECTION,	/* {{#x}} */
	MUS_INVERTED,	/* {{^x}} */
	MUS_PARTIAL	/* {{>x}} */
};

struct mus_node {
	enum mus_kind kind;
	bool standalone;	/* partial alone on its line */
	struct pos pos;		/* of the opening delimiter */
	const char *s;		/* text, or the tag's name (NUL-terminated) */
	size_t len;
	const char **parts;	/* name split at dots; none for "." */
	size_t nparts;
	const char *indent;	/* standalone partial: blanks before the tag */
	size_t indent_len;
	struct mus_node *kids;	/* section body */
	size_t nkids;
};

struct mus_template {
	struct arena *a;
	const char *name;
	struct mus_node *kids;
	size_t nkids;
};

/* Compiler. */

struct seq {
	struct mus_node *v;
	size_t n, cap;
};

/* An open section (or the top level when depth is 0). */
struct level {
	struct seq seq;
	struct mus_node tag;
};

struct parser {
	struct mus_template *t;
	struct diags *d;
	const char *src;
	size_t len;
	const char *open, *close;	/* delimiters, pointing into src */
	size_t olen, clen;
	bool bol;			/* a line started, nothing of it yet */
	struct level *lv;
	size_t depth;
	/* Position cursor: tags are met in source order. */
	size_t c_off, c_line, c_col;
};

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\f' || c == '\v';
}

static struct pos
pos_at(struct parser *p, size_t off)
{
	struct pos pos;
	size_t i;

	if (off < p->c_off) {
		p->c_off = 0;
		p->c_line = 1;
		p->c_col = 1;
	}
	for (i = p->c_off; i < off; i++) {
		if (p->src[i] == '\n') {
			p->c_line++;
			p->c_col = 1;
		} else if (((unsigned char)p->src[i] & 0xC0) != 0x80) {
			p->c_col++;	/* columns count characters */
		}
	}
	p->c_off = off;
	pos.file = p->t->name;
	pos.line = (unsigned)p->c_line;
	pos.col = (unsigned)p->c_col;
	return pos;
}

static struct mus_node *
push(struct parser *p, enum mus_kind kind)
{
	struct seq *s = &p->lv[p->depth].seq;
	struct mus_node *m;

	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 8;

		s->v = arena_grow(p->t->a, s->v, s->cap * sizeof *s->v,
				  cap * sizeof *s->v);
		s->cap = cap;
	}
	m = &s->v[s->n++];
	memset(m, 0, sizeof *m);
	m->kind = kind;
	return m;
}

static void
mark_line(struct parser *p)
{
	if (p->bol) {
		push(p, MUS_INDENT);
		p->bol = false;
	}
}

/* Adds src[a, b) as text nodes of one line each. */
static void
add_text(struct parser *p, size_t a, size_t b)
{
	while (a < b) {
		const char *nl = memchr(p->src + a, '\n', b - a);
		size_t e = nl ? (size_t)(nl - p->src) + 1 : b;
		struct mus_node *m;

		mark_line(p);
		m = push(p, MUS_TEXT);
		m->s = p->src + a;
		m->len = e - a;
		if (nl != NULL && e < p->len)
			p->bol = true;
		a = e;
	}
}

static const char *
find(const char *s, size_t len, const char *pat, size_t plen)
{
	const char *end = s + len;

	while ((size_t)(end - s) >= plen) {
		const char *c = memchr(s, pat[0], (size_t)(end - s) - plen + 1);

		if (c == NULL)
			return NULL;
		if (memcmp(c, pat, plen) == 0)
			return c;
		s = c + 1;
	}
	return NULL;
}

/*
 * Sets the tag's name from src[a, b) (already trimmed). Names hold no
 * blanks; dotted names are split, "." names the top of the stack.
 */
static int
set_name(struct parser *p, struct mus_node *m, size_t a, size_t b,
	 bool dotted, const char *shown)
{
	size_t i, k, start;

	if (a == b) {
		diag_add(p->d, DIAG_ERROR, &m->pos,
			 "empty tag %s: write a name between the delimiters",
			 shown);
		return -1;
	}
	for (i = a; i < b; i++) {
		if (is_space(p->src[i])) {
			diag_add(p->d, DIAG_ERROR, &m->pos,
				 "tag name '%.*s' holds a blank: write one "
				 "name without spaces (a missing '%s'?)",
				 (int)(b - a), p->src + a, p->close);
			return -1;
		}
	}
	m->s = arena_strndup(p->t->a, p->src + a, b - a);
	m->len = b - a;
	if (!dotted || (b - a == 1 && p->src[a] == '.'))
		return 0;
	m->nparts = 1;
	for (i = a; i < b; i++)
		if (p->src[i] == '.')
			m->nparts++;
	m->parts = arena_alloc(p->t->a, m->nparts * sizeof *m->parts);
	for (k = 0, start = a, i = a; i <= b; i++) {
		if (i < b && p->src[i] != '.')
			continue;
		if (i == start) {
			diag_add(p->d, DIAG_ERROR, &m->pos,
				 "name '%s' has an empty part: write names "
				 "such as 'a.b.c', or '.' alone", m->s);
			return -1;
		}
		m->parts[k++] = arena_strndup(p->t->a, p->src + start,
					      i - start);
		start = i + 1;
	}
	return 0;
}

/* {{=<% %>=}}: src[a, b) is the trimmed text between the equal signs. */
static int
set_delims(struct parser *p, const struct pos *pos, size_t a, size_t b)
{
	size_t i = a, o, ol, c, cl;

	while (i < b && !is_space(p->src[i]))
		i++;
	o = a;
	ol = i - a;
	while (i < b && is_space(p->src[i]))
		i++;
	c = i;
	while (i < b && !is_space(p->src[i]))
		i++;
	cl = i - c;
	if (ol == 0 || cl == 0 || i != b ||
	    memchr(p->src + o, '=', ol) != NULL ||
	    memchr(p->src + c, '=', cl) != NULL) {
		diag_add(p->d, DIAG_ERROR, pos,
			 "bad delimiter change: write two delimiters without "
			 "'=' separated by a space, such as %s=<%% %%>=%s",
			 p->open, p->close);
		return -1;
	}
	p->open = arena_strndup(p->t->a, p->src + o, ol);
	p->olen = ol;
	p->close = arena_strndup(p->t->a, p->src + c, cl);
	p->clen = cl;
	return 0;
}

static int
open_section(struct parser *p, const struct mus_node *tag)
{
	struct level *l;

	if (p->depth >= MUS_MAX_NESTING) {
		diag_add(p->d, DIAG_ERROR, &tag->pos,
			 "sections nested more than %d deep: close some "
			 "before opening more", MUS_MAX_NESTING);
		return -1;
	}
	l = &p->lv[++p->depth];
	memset(l, 0, sizeof *l);
	l->tag = *tag;
	return 0;
}

static int
close_section(struct parser *p, const struct mus_node *tag)
{
	struct level *l = &p->lv[p->depth];
	struct mus_node *m;

	if (p->depth == 0) {
		diag_add(p->d, DIAG_ERROR, &tag->pos,
			 "%s/%s%s closes no section: remove it, or open the "
			 "section with %s#%s%s before it", p->open, tag->s,
			 p->close, p->open, tag->s, p->close);
		return -1;
	}
	if (strcmp(l->tag.s, tag->s) != 0) {
		diag_add(p->d, DIAG_ERROR, &tag->pos,
			 "%s/%s%s does not match the section '%s' opened at "
			 "line %u, column %u: write %s/%s%s", p->open, tag->s,
			 p->close, l->tag.s, l->tag.pos.line, l->tag.pos.col,
			 p->open, l->tag.s, p->close);
		return -1;
	}
	p->depth--;
	m = push(p, l->tag.kind);
	*m = l->tag;
	m->kids = l->seq.v;
	m->nkids = l->seq.n;
	return 0;
}

/*
 * One tag at src[ts, ...). Sets *next past the tag, and past its whole
 * line when it stands alone.
 */
static int
tag(struct parser *p, size_t ts, size_t *text_start, size_t *next)
{
	const char *src = p->src;
	size_t k = ts + p->olen, a, b, te, ls, j, end = 0;
	struct mus_node m;
	const char *hit;
	char type = k < p->len ? src[k] : '\0';
	char shown[64];
	bool standalone = false;

	memset(&m, 0, sizeof m);
	m.pos = pos_at(p, ts);
	switch (type) {
	case '#': case '^': case '/': case '!': case '>': case '=':
	case '{': case '&':
		k++;
		break;
	default:
		type = 'v';
		break;
	}
	/* The end: the closing delimiter, after '}' or '=' for those. */
	for (j = k;; j = (size_t)(hit - src) + 1) {
		hit = find(src + j, p->len - j, p->close, p->clen);
		if (hit == NULL) {
			diag_add(p->d, DIAG_ERROR, &m.pos,
				 "tag opened with '%s' is never closed: add "
				 "'%s%s' after its name", p->open,
				 type == '{' ? "}" : type == '=' ? "=" : "",
				 p->close);
			return -1;
		}
		if (type != '{' && type != '=')
			break;
		if ((size_t)(hit - src) > k &&
		    hit[-1] == (type == '{' ? '}' : '='))
			break;
	}
	b = (size_t)(hit - src) - (type == '{' || type == '=');
	te = (size_t)(hit - src) + p->clen;
	a = k;
	while (a < b && is_space(src[a]))
		a++;
	while (b > a && is_space(src[b - 1]))
		b--;
	snprintf(shown, sizeof shown, "%s%s", p->open, p->close);

	/* Standalone: only blanks around it on its line. */
	if (strchr("#^/!>=", type) != NULL) {
		ls = ts;
		while (ls > 0 && is_blank(src[ls - 1]))
			ls--;
		j = te;
		while (j < p->len && is_blank(src[j]))
			j++;
		if (ls == 0 || src[ls - 1] == '\n') {
			if (j == p->len)
				end = j;
			else if (src[j] == '\n')
				end = j + 1;
			else if (src[j] == '\r' && j + 1 < p->len &&
				 src[j + 1] == '\n')
				end = j + 2;
			standalone = end != 0;
		}
	}
	if (standalone) {
		add_text(p, *text_start, ls);
		*text_start = *next = end;
		p->bol = end < p->len;
		m.standalone = true;
		m.indent = src + ls;
		m.indent_len = ts - ls;
	} else {
		add_text(p, *text_start, ts);
		mark_line(p);
		*text_start = *next = te;
	}

	switch (type) {
	case '!':
		return 0;
	case '=':
		return set_delims(p, &m.pos, a, b);
	case '#':
	case '^':
		m.kind = type == '#' ? MUS_SECTION : MUS_INVERTED;
		if (set_name(p, &m, a, b, true, shown) < 0)
			return -1;
		return open_section(p, &m);
	case '/':
		if (set_name(p, &m, a, b, false, shown) < 0)
			return -1;
		return close_section(p, &m);
	case '>':
		m.kind = MUS_PARTIAL;
		if (set_name(p, &m, a, b, false, shown) < 0)
			return -1;
		break;
	case 'v':
		m.kind = MUS_VAR;
		if (set_name(p, &m, a, b, true, shown) < 0)
			return -1;
		break;
	default:
		m.kind = MUS_RAW;
		if (set_name(p, &m, a, b, true, shown) < 0)
			return -1;
		break;
	}
	*push(p, m.kind) = m;
	return 0;
}

struct mus_template *
mus_compile(const char *name, const char *text, size_t len, struct diags *d)
{
	struct mus_template *t;
	struct parser p;
	size_t i = 0, text_start = 0, errors = d->errors;
	const char *hit;

	t = xmalloc(sizeof *t);
	t->a = arena_new();
	t->name = name;
	t->kids = NULL;
	t->nkids = 0;

	memset(&p, 0, sizeof p);
	p.t = t;
	p.d = d;
	p.src = arena_strndup(t->a, text, len);	/* nodes point into it */
	p.len = len;
	p.open = "{{";
	p.olen = 2;
	p.close = "}}";
	p.clen = 2;
	p.bol = len > 0;
	p.lv = arena_alloc(t->a, (MUS_MAX_NESTING + 1) * sizeof *p.lv);
	p.c_line = p.c_col = 1;

	while ((hit = find(p.src + i, len - i, p.open, p.olen)) != NULL) {
		if (tag(&p, (size_t)(hit - p.src), &text_start, &i) < 0)
			goto fail;
	}
	add_text(&p, text_start, len);
	if (p.depth > 0) {
		const struct mus_node *open = &p.lv[p.depth].tag;

		diag_add(d, DIAG_ERROR, &open->pos,
			 "section '%s' is never closed: add %s/%s%s where it "
			 "ends", open->s, p.open, open->s, p.close);
		goto fail;
	}
	t->kids = p.lv[0].seq.v;
	t->nkids = p.lv[0].seq.n;
	return t;
fail:
	if (d->errors == errors)	/* never fail silently */
		diag_add(d, DIAG_ERROR, NULL, "template %s does not compile",
			 name);
	mus_free(t);
	return NULL;
}

void
mus_free(struct mus_template *t)
{
	if (t == NULL)
		return;
	arena_free(t->a);
	free(t);
}

/* Partials cache. */

struct mus_pentry {
	char *name;
	bool missing;
	struct mus_template *t;	/* NULL when missing or broken */
	struct diags diags;	/* from compiling, replayed on each use */
};

struct mus_partials {
	mus_partial_fn fn;
	void *ctx;
	struct mus_pentry *v;
	size_t n, cap;
};

struct mus_partials *
mus_partials_new(mus_partial_fn fn, void *ctx)
{
	struct mus_partials *p = xmalloc(sizeof *p);

	memset(p, 0, sizeof *p);
	p->fn = fn;
	p->ctx = ctx;
	return p;
}

void
mus_partials_free(struct mus_partials *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++) {
		free(p->v[i].name);
		mus_free(p->v[i].t);
		diag_free(&p->v[i].diags);
	}
	free(p->v);
	free(p);
}

static struct mus_pentry *
partial_get(struct mus_partials *p, const char *name)
{
	struct mus_pentry *e;
	const char *text = NULL, *file = NULL;
	size_t i, len = 0;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->v[i].name, name) == 0)
			return &p->v[i];
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 8;
		p->v = xrealloc(p->v, p->cap * sizeof *p->v);
	}
	e = &p->v[p->n++];
	memset(e, 0, sizeof *e);
	e->name = xstrdup(name);
	diag_init(&e->diags);
	if (p->fn == NULL || p->fn(p->ctx, name, &text, &len, &file) != 0) {
		e->missing = true;
		return e;
	}
	e->t = mus_compile(file ? file : name, text ? text : "", len,
			   &e->diags);
	return e;
}

/* Renderer. */

struct render {
	const struct mus_opts *opts;
	struct buf *out;
	struct diags *d;
	const struct node **stack;
	size_t n, cap;
	struct buf ind;		/* indentation in force: ind.s[istart, ilen) */
	size_t istart, ilen;
	unsigned depth;		/* partials */
	unsigned long expansions;
	/* mus_render_item: the item, and where its loop runs (the item's
	 * place on the stack, 0 outside); d_item gets the diagnostics
	 * made inside a loop, d the others (not kept). */
	const struct node *item;
	bool in_loop;
	const char *loop;	/* its name */
	struct diags *d_item;
	size_t nloops;
};

static const struct node *
lookup(const struct render *r, const struct mus_node *m)
{
	const struct node *v = NULL;
	size_t i, k;

	if (m->nparts == 0)
		return r->n > 0 ? r->stack[r->n - 1] : NULL;
	for (i = r->n; i-- > 0;) {
		const struct node_pair *pr;

		if (r->stack[i] == NULL || r->stack[i]->kind != NODE_MAP)
			continue;
		pr = node_pair_get(r->stack[i], m->parts[0]);
		if (pr != NULL) {
			v = pr->value;
			break;
		}
	}
	for (k = 1; k < m->nparts && v != NULL; k++)
		v = v->kind == NODE_MAP ? node_get(v, m->parts[k]) : NULL;
	return v;
}

static void
stack_push(struct render *r, const struct node *v)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 16;
		r->stack = xrealloc(r->stack, r->cap * sizeof *r->stack);
	}
	r->stack[r->n++] = v;
}

static void
interpolate(struct render *r, const struct mus_node *m, const struct node *v)
{
	const char *s;
	size_t len;

	if (v == NULL)
		return;
	switch (v->kind) {
	case NODE_NULL:
		return;
	case NODE_BOOL:
		s = v->u.b ? "true" : "false";
		len = strlen(s);
		break;
	case NODE_STRING:
		s = v->u.str.s;
		len = v->u.str.len;
		break;
	default:
		diag_add(r->d, DIAG_WARNING, &m->pos,
			 "'%s' is a %s and prints as nothing: name one of its "
			 "fields, or loop over it with a section", m->s,
			 node_kind_name(v->kind));
		return;
	}
	if (m->kind == MUS_VAR && r->opts->escape != NULL)
		r->opts->escape(r->out, s, len);
	else
		buf_put(r->out, s, len);
}

static int render_nodes(struct render *r, const struct mus_node *v, size_t n);

static int
render_partial(struct render *r, const struct mus_node *m)
{
	struct mus_pentry *e = NULL;
	size_t istart = r->istart, ilen = r->ilen, i;
	int rc;

	if (r->opts->partials != NULL)
		e = partial_get(r->opts->partials, m->s);
	if (e == NULL || e->missing) {
		diag_add(r->d, DIAG_WARNING, &m->pos,
			 "no partial named '%s': it prints as nothing; check "
			 "the name", m->s);
		return 0;
	}
	if (e->t == NULL) {
		for (i = 0; i < e->diags.n; i++)
			diag_add(r->d, e->diags.v[i].level, &e->diags.v[i].pos,
				 "%s", e->diags.v[i].text);
		diag_add(r->d, DIAG_ERROR, &m->pos,
			 "partial '%s' does not compile (see above)", m->s);
		return -1;
	}
	if (r->depth >= MUS_MAX_PARTIAL_DEPTH) {
		diag_add(r->d, DIAG_ERROR, &m->pos,
			 "partials nested more than %d deep at '%s': does a "
			 "partial include itself without a section that ends?",
			 MUS_MAX_PARTIAL_DEPTH, m->s);
		return -1;
	}
	if (++r->expansions > MUS_MAX_EXPANSIONS) {
		diag_add(r->d, DIAG_ERROR, &m->pos,
			 "partials expanded more than %lu times in one "
			 "document at '%s': does a partial include itself more "
			 "than once?", MUS_MAX_EXPANSIONS, m->s);
		return -1;
	}
	if (m->standalone) {
		/* Outer indentation plus this tag's own. */
		buf_truncate(&r->ind, r->ilen);
		buf_put(&r->ind, m->indent, m->indent_len);
		r->ilen += m->indent_len;
	} else {
		r->istart = r->ilen;
	}
	r->depth++;
	rc = render_nodes(r, e->t->kids, e->t->nkids);
	r->depth--;
	r->istart = istart;
	r->ilen = ilen;
	return rc;
}

/* A section over the streamed list: loop number k. */
static int
stream_loop(struct render *r, const struct mus_node *m)
{
	const struct mus_stream *st = r->opts->stream;
	size_t k = r->nloops++;
	struct buf *out = r->out, piece = BUF_INIT;
	struct diags *d = r->d;
	int rc;

	if (r->in_loop) {
		diag_add(r->d, DIAG_ERROR, &m->pos, "'%s' is looped over "
			 "inside its own loop: its items are written one at "
			 "a time; use a name of the item instead", m->s);
		return -1;
	}
	if (m->kind == MUS_INVERTED)
		return r->item != NULL || st->n > 0 ? 0 :
		    render_nodes(r, m->kids, m->nkids);
	if (r->item == NULL)
		return st->n > 0 && st->fill(st->ctx, k, r->out) != 0 ? -1 : 0;
	stack_push(r, r->item);
	r->in_loop = true;
	r->loop = m->s;
	r->out = &piece;
	r->d = r->d_item;
	rc = render_nodes(r, m->kids, m->nkids);
	r->d = d;
	r->out = out;
	r->in_loop = false;
	r->n--;
	if (rc == 0 && st->put(st->ctx, k, buf_cstr(&piece), piece.len) != 0)
		rc = -1;
	buf_free(&piece);
	return rc;
}

/* Inside a streamed loop: a late name that only the bottom of the
 * stack could give (it is not final yet). */
static int
late_read(struct render *r, const struct mus_node *m)
{
	const char *const *late = r->opts->stream->late;

	if (m->nparts == 0 || late == NULL)
		return 0;
	for (; *late; late++)
		if (strcmp(*late, m->parts[0]) == 0)
			break;
	if (*late == NULL)
		return 0;
	for (size_t i = r->n; i-- > 1;)
		if (r->stack[i] && r->stack[i]->kind == NODE_MAP &&
		    node_pair_get(r->stack[i], m->parts[0]) != NULL)
			return 0;
	diag_add(r->d, DIAG_ERROR, &m->pos, "'%s' is read inside the loop "
		 "over '%s', whose items are written one at a time: it is "
		 "not known yet there; read it outside the loop", m->s,
		 r->loop);
	return -1;
}

static int
render_section(struct render *r, const struct mus_node *m)
{
	const struct node *v = lookup(r, m);
	size_t i;
	int rc = 0;

	if (r->opts->stream != NULL && v != NULL &&
	    v == r->opts->stream->list)
		return stream_loop(r, m);
	if (r->in_loop && late_read(r, m) != 0)
		return -1;
	if (m->kind == MUS_INVERTED)
		return node_truthy(v) ? 0 : render_nodes(r, m->kids, m->nkids);
	if (!node_truthy(v))
		return 0;
	if (v->kind != NODE_LIST) {
		stack_push(r, v);
		rc = render_nodes(r, m->kids, m->nkids);
		r->n--;
		return rc;
	}
	for (i = 0; i < v->u.list.n && rc == 0; i++) {
		stack_push(r, v->u.list.items[i]);
		rc = render_nodes(r, m->kids, m->nkids);
		r->n--;
	}
	return rc;
}

static int
render_nodes(struct render *r, const struct mus_node *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct mus_node *m = &v[i];

		switch (m->kind) {
		case MUS_TEXT:
			buf_put(r->out, m->s, m->len);
			break;
		case MUS_INDENT:
			if (r->ilen > r->istart)
				buf_put(r->out, r->ind.s + r->istart,
					r->ilen - r->istart);
			break;
		case MUS_VAR:
		case MUS_RAW:
			if (r->in_loop && late_read(r, m) != 0)
				return -1;
			interpolate(r, m, lookup(r, m));
			break;
		case MUS_SECTION:
		case MUS_INVERTED:
			if (render_section(r, m) < 0)
				return -1;
			break;
		case MUS_PARTIAL:
			if (render_partial(r, m) < 0)
				return -1;
			break;
		}
	}
	return 0;
}

int
mus_render(const struct mus_template *t, const struct node *data,
	   const struct mus_opts *opts, struct buf *out, struct diags *d)
{
	static const struct mus_opts none;
	struct render r;
	int rc;

	memset(&r, 0, sizeof r);
	r.opts = opts ? opts : &none;
	r.out = out;
	r.d = d;
	if (data != NULL)
		stack_push(&r, data);
	rc = render_nodes(&r, t->kids, t->nkids);
	free(r.stack);
	buf_free(&r.ind);
	return rc;
}

int
mus_render_item(const struct mus_template *t, const struct node *data,
		const struct node *item, const struct mus_opts *opts,
		struct diags *d)
{
	struct render r;
	struct buf scratch = BUF_INIT;
	struct diags outside;
	int rc;

	if (opts == NULL || opts->stream == NULL || item == NULL)
		return -1;
	diag_init(&outside);
	memset(&r, 0, sizeof r);
	r.opts = opts;
	r.out = &scratch;
	r.d = &outside;
	r.d_item = d;
	r.item = item;
	if (data != NULL)
		stack_push(&r, data);
	rc = render_nodes(&r, t->kids, t->nkids);
	/* The text around the loops is the final render's, and so are
	 * its warnings; an error there stops this one too. */
	for (size_t i = 0; i < outside.n; i++)
		if (outside.v[i].level == DIAG_ERROR)
			diag_add(d, DIAG_ERROR, &outside.v[i].pos, "%s",
				 outside.v[i].text);
	diag_free(&outside);
	free(r.stack);
	buf_free(&r.ind);
	buf_free(&scratch);
	return rc;
}

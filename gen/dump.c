/*
 * dump.c - the layout dump device.
 *
 * Runs of a page are collected, then printed sorted by baseline from the
 * top, so the furniture (drawn first) lands where it is on paper.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "dump.h"
#include "pdf.h"

struct run {
	double x, y, w, size;
	enum dev_face face;
	char *s;
	size_t seq;
};

struct dump {
	const struct device *m;
	struct buf *out;
	struct device dev;
	struct run *r;
	size_t n, cap;
	int page;
};

static const char *const face_names[DEV_NFACES] = {
	"regular", "bold", "italic", "bold-italic", "mono"
};

static void
d_begin_page(void *ctx, int page, double width, double height)
{
	struct dump *dp = ctx;

	dp->page = page;
	buf_printf(dp->out, "== page %d (%.1f x %.1f)\n", page, width,
		   height);
}

static int
by_position(const void *a, const void *b)
{
	const struct run *x = a, *y = b;

	if (x->y != y->y)
		return x->y > y->y ? -1 : 1;
	if (x->x != y->x)
		return x->x < y->x ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void
d_end_page(void *ctx)
{
	struct dump *dp = ctx;
	size_t i;

	qsort(dp->r, dp->n, sizeof *dp->r, by_position);
	for (i = 0; i < dp->n; i++) {
		const struct run *r = &dp->r[i];

		if (i == 0 || r->y != dp->r[i - 1].y)
			buf_printf(dp->out, "%6.1f ", r->y);
		else if (r->x > dp->r[i - 1].x + dp->r[i - 1].w + 1)
			buf_puts(dp->out, " | ");
		buf_printf(dp->out, "[%s %g] %s", face_names[r->face],
			   r->size, r->s);
		if (i + 1 == dp->n || dp->r[i + 1].y != r->y)
			buf_putc(dp->out, '\n');
		free(r->s);
	}
	dp->n = 0;
}

static void
d_text(void *ctx, enum dev_face face, double size, const struct dev_color *c,
       double x, double y, const char *s, size_t len)
{
	struct dump *dp = ctx;
	struct run *r;

	(void)c;
	if (dp->n == dp->cap) {
		dp->cap = dp->cap ? dp->cap * 2 : 128;
		dp->r = xrealloc(dp->r, dp->cap * sizeof *dp->r);
	}
	r = &dp->r[dp->n];
	/* Rounded, so runs of one line share their y exactly. */
	r->y = (double)(long)(y * 10 + (y >= 0 ? 0.5 : -0.5)) / 10;
	r->x = x;
	r->w = dp->m->measure(dp->m->mctx, face, size, s, len);
	r->size = size;
	r->face = face;
	r->s = xmalloc(len + 1);
	memcpy(r->s, s, len);
	r->s[len] = '\0';
	r->seq = dp->n++;
}

static void
d_line(void *ctx, double x0, double y0, double x1, double y1, double width,
       const struct dev_color *c)
{
	(void)ctx, (void)x0, (void)y0, (void)x1, (void)y1, (void)width;
	(void)c;
}

static void
d_rect(void *ctx, double x, double y, double w, double h,
       const struct dev_color *c)
{
	(void)ctx, (void)x, (void)y, (void)w, (void)h, (void)c;
}

static void
d_link(void *ctx, double x, double y, double w, double h, const char *uri)
{
	struct dump *dp = ctx;

	(void)x, (void)y, (void)w, (void)h;
	buf_printf(dp->out, "  link %s\n", uri);
}

static void
d_outline(void *ctx, int level, const char *title, double y)
{
	struct dump *dp = ctx;

	buf_printf(dp->out, "  outline %d %.1f %s\n", level, y, title);
}

static const struct device dump_ops = {
	.begin_page = d_begin_page,
	.end_page = d_end_page,
	.text = d_text,
	.line = d_line,
	.rect = d_rect,
	.link = d_link,
	.outline = d_outline,
};

struct dump *
dump_new(const struct device *measurer, struct buf *out)
{
	struct dump *dp = xmalloc(sizeof *dp);

	memset(dp, 0, sizeof *dp);
	dp->m = measurer;
	dp->out = out;
	dp->dev = dump_ops;
	dp->dev.ctx = dp;
	/* Measured by the PDF device, so that the breaks are the PDF's. */
	dp->dev.measure = measurer->measure;
	dp->dev.has_glyph = measurer->has_glyph;
	dp->dev.mctx = measurer->mctx;
	return dp;
}

const struct device *
dump_device(struct dump *dp)
{
	return &dp->dev;
}

void
dump_free(struct dump *dp)
{
	size_t i;

	if (dp == NULL)
		return;
	for (i = 0; i < dp->n; i++)
		free(dp->r[i].s);
	free(dp->r);
	free(dp);
}

int
dump_render_markdown(const char *md, size_t len,
		     const struct lay_furniture *f, const struct style *st,
		     const char *lang, struct buf *out, struct diags *d)
{
	struct pdf_doc *p;
	struct dump *dp;
	int rc;

	p = pdf_open(st, f->source, d);
	if (p == NULL)
		return EXIT_NOINPUT;	/* a font file */
	dp = dump_new(pdf_device(p), out);
	rc = lay_render(md, len, f, st, lang, dump_device(dp), NULL, d);
	dump_free(dp);
	pdf_close(p);
	return rc;
}

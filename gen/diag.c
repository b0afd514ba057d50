/*
 * diag.c - the diagnostics catalogue: collect, sort, print.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"

static const char *const level_names[] = {"note", "warning", "error"};

void
diag_init(struct diags *d)
{
	memset(d, 0, sizeof *d);
}

void
diag_free(struct diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->v[i].text);
	free(d->v);
	memset(d, 0, sizeof *d);
}

static void
diag_push(struct diags *d, const struct diag *dg)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->v = xrealloc(d->v, d->cap * sizeof *d->v);
	}
	d->v[d->n++] = *dg;
	if (dg->level == DIAG_ERROR)
		d->errors++;
	else if (dg->level == DIAG_WARNING)
		d->warnings++;
}

void
diag_add(struct diags *d, enum diag_level level, const struct pos *pos,
	 const char *fmt, ...)
{
	struct diag dg;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	dg.text = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	dg.text[0] = '\0';
	if (n > 0) {
		va_start(ap, fmt);
		vsnprintf(dg.text, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	dg.level = level;
	if (pos != NULL)
		dg.pos = *pos;
	else
		memset(&dg.pos, 0, sizeof dg.pos);
	diag_push(d, &dg);
}

void
diag_move(struct diags *dst, struct diags *src)
{
	size_t i;

	for (i = 0; i < src->n; i++)
		diag_push(dst, &src->v[i]);
	free(src->v);
	memset(src, 0, sizeof *src);
}

static int
pos_cmp(const struct diag *a, const struct diag *b)
{
	int c = strcmp(a->pos.file ? a->pos.file : "",
		       b->pos.file ? b->pos.file : "");

	if (c != 0)
		return c;
	if (a->pos.line != b->pos.line)
		return a->pos.line < b->pos.line ? -1 : 1;
	if (a->pos.col != b->pos.col)
		return a->pos.col < b->pos.col ? -1 : 1;
	return 0;
}

void
diag_sort(struct diags *d)
{
	size_t i, j;

	/* Insertion sort: stable, and lists are short. */
	for (i = 1; i < d->n; i++) {
		struct diag t = d->v[i];

		for (j = i; j > 0 && pos_cmp(&d->v[j - 1], &t) > 0; j--)
			d->v[j] = d->v[j - 1];
		d->v[j] = t;
	}
}

static int
diag_fmt(const struct diag *dg, char *buf, size_t size)
{
	const char *file = dg->pos.file ? dg->pos.file : "breachgen";

	if (dg->pos.line > 0)
		return snprintf(buf, size, "%s:%u:%u: %s: %s", file,
				dg->pos.line, dg->pos.col ? dg->pos.col : 1,
				level_names[dg->level], dg->text);
	return snprintf(buf, size, "%s: %s: %s", file,
			level_names[dg->level], dg->text);
}

void
diag_format(const struct diag *dg, char *buf, size_t size)
{
	diag_fmt(dg, buf, size);
}

static void
print_if(const struct diags *d, FILE *fp, bool errors_only)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		int n;
		char *line;

		if (errors_only && d->v[i].level != DIAG_ERROR)
			continue;
		n = diag_fmt(&d->v[i], NULL, 0);
		line = xmalloc((size_t)(n > 0 ? n : 0) + 1);
		diag_fmt(&d->v[i], line, (size_t)(n > 0 ? n : 0) + 1);
		fprintf(fp, "%s\n", line);
		free(line);
	}
}

void
diag_print(const struct diags *d, FILE *fp)
{
	print_if(d, fp, false);
}

void
diag_print_errors(const struct diags *d, FILE *fp)
{
	print_if(d, fp, true);
}

/*
 * arena.c - region allocator: chunks chained, freed all at once.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

#define ARENA_CHUNK (64u * 1024u)
#define ARENA_ALIGN (sizeof(max_align_t))

struct chunk {
	struct chunk *next;
	size_t size, used;
	max_align_t data[]; /* aligned for any type */
};

struct arena {
	struct chunk *head;
	size_t total;
};

static void
oom(void)
{
	fputs("breachgen: out of memory\n", stderr);
	exit(71);
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);

	if (q == NULL)
		oom();
	return q;
}

char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

struct arena *
arena_new(void)
{
	struct arena *a = xmalloc(sizeof *a);

	a->head = NULL;
	a->total = 0;
	return a;
}

void
arena_free(struct arena *a)
{
	struct chunk *c, *next;

	if (a == NULL)
		return;
	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

void *
arena_alloc(struct arena *a, size_t size)
{
	struct chunk *c = a->head;
	size_t need = (size + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
	void *p;

	if (need < size)
		oom();
	if (c == NULL || c->size - c->used < need) {
		/* Large requests get a chunk of their own, put behind the
		 * current one so its free space is not wasted. */
		size_t csize = need > ARENA_CHUNK / 4 ? need : ARENA_CHUNK;

		if (csize > SIZE_MAX - sizeof *c)
			oom();
		c = xmalloc(sizeof *c + csize);
		c->size = csize;
		c->used = 0;
		if (a->head != NULL && need > ARENA_CHUNK / 4) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	p = (char *)c->data + c->used;
	c->used += need;
	a->total += need;
	memset(p, 0, size);
	return p;
}

void *
arena_grow(struct arena *a, void *old, size_t old_size, size_t new_size)
{
	void *p = arena_alloc(a, new_size);

	if (old != NULL && old_size > 0)
		memcpy(p, old, old_size < new_size ? old_size : new_size);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t len)
{
	char *p = arena_alloc(a, len + 1);

	if (len > 0)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	char small[256];
	int n;
	char *p;

	/* Most results are short keys and paths: one pass, not two
	 * (issue 14: the view makes hundreds per file). */
	va_copy(ap2, ap);
	n = vsnprintf(small, sizeof small, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return arena_strdup(a, "");
	p = arena_alloc(a, (size_t)n + 1);
	if ((size_t)n < sizeof small)
		memcpy(p, small, (size_t)n + 1);
	else
		vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

size_t
arena_used(const struct arena *a)
{
	return a->total;
}

/*
 * arena.h - region allocator: one arena per incident job, freed at once.
 *
 * Allocation failure is fatal (the process prints a message and exits 71):
 * a half-built report is worse than none, and every caller would otherwise
 * need an error path for a condition it cannot recover from.
 */
#ifndef BREACHGEN_ARENA_H
#define BREACHGEN_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena;

struct arena *arena_new(void);
void arena_free(struct arena *a);

/* Zeroed, aligned for any type. */
void *arena_alloc(struct arena *a, size_t size);
/* Grows an array allocated in the arena (old contents copied). */
void *arena_grow(struct arena *a, void *old, size_t old_size, size_t new_size);
/* NUL-terminated copies. */
char *arena_strndup(struct arena *a, const char *s, size_t len);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap);

/* Bytes handed out so far (for benchmarks and tests). */
size_t arena_used(const struct arena *a);

/* malloc that exits on failure; for code outside arenas. */
void *xmalloc(size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);

#endif

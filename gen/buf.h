/*
 * buf.h - growable byte buffer, always NUL-terminated.
 */
#ifndef BREACHGEN_BUF_H
#define BREACHGEN_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *s;	/* NUL-terminated; NULL until the first write */
	size_t len, cap;
};

#define BUF_INIT {NULL, 0, 0}

void buf_put(struct buf *b, const char *s, size_t len);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
void buf_truncate(struct buf *b, size_t len);
/* The contents ("" when empty); valid until the next write. */
const char *buf_cstr(const struct buf *b);
void buf_free(struct buf *b);

#endif

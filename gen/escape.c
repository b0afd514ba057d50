/*
 * escape.c - HTML and Markdown escapers for Mustache values.
 *
 * See escape.h for what esc_markdown escapes and why; the unit tests
 * check every rule by parsing the output with cmark-gfm.
 */
#include <stdbool.h>
#include <string.h>

#include "escape.h"

void
esc_html(struct buf *out, const char *s, size_t len)
{
	size_t i, run = 0;

	for (i = 0; i < len; i++) {
		const char *e;

		switch (s[i]) {
		case '&': e = "&amp;"; break;
		case '<': e = "&lt;"; break;
		case '>': e = "&gt;"; break;
		case '"': e = "&quot;"; break;
		default: continue;
		}
		buf_put(out, s + run, i - run);
		buf_puts(out, e);
		run = i + 1;
	}
	buf_put(out, s + run, len - run);
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool
is_nl(char c)
{
	return c == '\n' || c == '\r';
}

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_www(const char *t)
{
	return (t[0] | 0x20) == 'w' && (t[1] | 0x20) == 'w' &&
	    (t[2] | 0x20) == 'w';
}

/*
 * Escapes one line t[0, n), blanks already trimmed, so t[0] starts a
 * Markdown line. first: the value's first line; last: its last line.
 */
static void
md_line(struct buf *out, const char *t, size_t n, bool first, bool last)
{
	size_t i, run = 0, digits = 0;

	for (i = 0; i < n; i++) {
		char c = t[i];
		bool end = last && i + 1 == n;
		char next = i + 1 < n ? t[i + 1] : '\0';
		bool esc = false;

		switch (c) {
		case '\\': case '`': case '*': case '_': case '[': case ']':
		case '<': case '|': case '~': case '{': case '}': case '@':
			esc = true;	/* inline syntax anywhere */
			break;
		case '&':
			esc = end || next == '#' || is_alpha(next);
			break;
		case ':':
			esc = end || next == '/';
			break;
		case '!':
			esc = end;
			break;
		case '.':
			esc = (i >= 3 && is_www(t + i - 3)) ||
			    (i == 0 && first) || (i > 0 && i == digits);
			break;
		case ')':
			esc = (i == 0 && first) || (i > 0 && i == digits);
			break;
		case '#': case '-': case '+': case '=': case '>':
			esc = i == 0;	/* block syntax at line start */
			break;
		default:
			if (c >= '0' && c <= '9' && digits == i)
				digits++;
			break;
		}
		if (esc) {
			buf_put(out, t + run, i - run);
			buf_putc(out, '\\');
			run = i;
		}
	}
	buf_put(out, t + run, n - run);
}

static void
md(struct buf *out, const char *s, size_t len, bool cell)
{
	size_t i = 0, end = len, a, b, e;
	bool any = false, para = false;

	while (end > 0 && (is_blank(s[end - 1]) || is_nl(s[end - 1])))
		end--;
	while (i < end) {
		for (e = i; e < end && !is_nl(s[e]); e++)
			;
		a = i;
		b = e;
		while (a < b && is_blank(s[a]))
			a++;
		while (b > a && is_blank(s[b - 1]))
			b--;
		if (a == b) {
			para = any;
		} else {
			if (any && cell)
				buf_putc(out, ' ');
			else if (any)
				buf_puts(out, para ? "\n\n" : "\\\n");
			md_line(out, s + a, b - a, !any, b == end);
			any = true;
			para = false;
		}
		i = e + 1;
		if (e + 1 < end && s[e] == '\r' && s[e + 1] == '\n')
			i++;
	}
}

void
esc_markdown(struct buf *out, const char *s, size_t len)
{
	md(out, s, len, false);
}

void
esc_markdown_cell(struct buf *out, const char *s, size_t len)
{
	md(out, s, len, true);
}

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

static bool
is_alnum(char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

static bool
has_scheme(const char *t, size_t n, const char *s)
{
	size_t k = strlen(s), i;

	if (n <= k)
		return false;
	for (i = 0; i < k; i++)
		if ((t[i] | 0x20) != s[i])
			return false;
	return true;
}

/* A URL that may stand as a CommonMark autolink and reads as itself:
 * http or https, a host, then only characters of RFC 3986 that neither
 * an autolink (< > space), an entity (&) nor a table cell (|) changes. */
static bool
is_url(const char *t, size_t n)
{
	size_t i, k;

	if (has_scheme(t, n, "https://"))
		k = 8;
	else if (has_scheme(t, n, "http://"))
		k = 7;
	else
		return false;
	if (!is_alnum(t[k]))
		return false;
	for (i = k; i < n; i++)
		if (!is_alnum(t[i]) && !strchr("-._~:/?#@!$'()*+,;=%", t[i]))
			return false;
	return true;
}

/* An e-mail address CommonMark's autolink takes as one: a plain local
 * part, then host labels of letters, digits and inner hyphens. */
static bool
is_mail(const char *t, size_t n)
{
	size_t i = 0, label = 0, dots = 0;

	while (i < n && (is_alnum(t[i]) || strchr("._%+-", t[i])))
		i++;
	if (i == 0 || i >= n || t[i] != '@')
		return false;
	for (i++; i < n; i++) {
		if (is_alnum(t[i])) {
			label++;
		} else if ((t[i] == '.' || t[i] == '-') && label > 0 &&
			   i + 1 < n && is_alnum(t[i + 1])) {
			if (t[i] == '.') {
				dots++;
				label = 0;
			}
		} else {
			return false;
		}
	}
	return dots > 0 && label > 0;
}

/* Length of the URL or e-mail address that starts t[0, n), ending
 * before trailing punctuation, or 0. */
static size_t
link_at(const char *t, size_t n)
{
	size_t e = 0;

	while (e < n && !is_blank(t[e]))
		e++;
	while (e > 0 && strchr(".,;:!?)'", t[e - 1]))
		e--;
	return e > 0 && (is_url(t, e) || is_mail(t, e)) ? e : 0;
}

/* Whether '&' at t[0] (n left) could start an entity: a name or number
 * and ';', or letters that reach the end, where the template goes on. */
static bool
entity_like(const char *t, size_t n, bool last)
{
	size_t i = 1;

	if (i < n && t[i] == '#')
		i++;
	while (i < n && is_alnum(t[i]))
		i++;
	if (i == n)
		return last;
	return t[i] == ';' && i > 1;
}

/* Whether line t[0, n) is only c and blanks: a setext underline or a
 * thematic break. */
static bool
only(const char *t, size_t n, char c)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i] != c && !is_blank(t[i]))
			return false;
	return true;
}

static bool
heading(const char *t, size_t n)
{
	size_t k = 0;

	while (k < n && t[k] == '#')
		k++;
	return k <= 6 && (k == n || is_blank(t[k]));
}

/*
 * Escapes one line t[0, n), blanks already trimmed, so t[0] starts a
 * Markdown line. first: the value's first line; last: its last line.
 * A URL or e-mail address starting a word is written as an autolink.
 */
static void
md_line(struct buf *out, const char *t, size_t n, bool first, bool last)
{
	size_t i, run = 0, digits = 0;

	for (i = 0; i < n; i++) {
		char c = t[i];
		bool end = last && i + 1 == n;
		char next = i + 1 < n ? t[i + 1] : '\0';
		bool blank_next = next == '\0' || is_blank(next), esc = false;
		size_t link;

		if ((i == 0 || is_blank(t[i - 1]) || t[i - 1] == '(') &&
		    (link = link_at(t + i, n - i)) > 0) {
			buf_put(out, t + run, i - run);
			buf_putc(out, '<');
			buf_put(out, t + i, link);
			buf_putc(out, '>');
			i += link - 1;
			run = i + 1;
			continue;
		}
		switch (c) {
		case '\\': case '`': case '*': case '[': case ']':
		case '<': case '|': case '~': case '{': case '}':
			esc = true;	/* inline syntax anywhere */
			break;
		case '_':	/* not inside a word, where it is no emphasis */
			esc = i == 0 || !is_alnum(t[i - 1]) || !is_alnum(next);
			break;
		case '&':
			esc = entity_like(t + i, n - i, last);
			break;
		case ':':
			esc = end || next == '/';
			break;
		case '!':
			esc = end;
			break;
		case '.':
		case ')':
			esc = (c == '.' && i >= 3 && is_www(t + i - 3)) ||
			    (i == 0 && first) ||
			    (i > 0 && i == digits && blank_next);
			break;
		case '#':	/* an ATX heading: 1 to 6 '#', then a blank */
			esc = i == 0 && heading(t, n);
			break;
		case '-': case '+':	/* a list item, an underline */
			esc = i == 0 && (blank_next ||
					 (c == '-' && only(t, n, '-')));
			break;
		case '=':
			esc = i == 0 && only(t, n, '=');
			break;
		case '>':
			esc = i == 0;	/* a block quote */
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

/*
 * layout.c - Markdown into lines and pages, drawn through a device.
 *
 * The walk turns the cmark-gfm tree into "units": the smallest things a
 * page break may fall between (one line of a paragraph, one table row,
 * a rule), each with its drawing operations relative to its own top.
 * Pagination places units on pages as they become final, honouring
 * keep-with-next chains (headings, first and last lines of paragraphs)
 * and repeating table headers. A page is drawn once full and the number
 * of pages is known (the footer's "page X of Y"), then freed. A short
 * document is held until its end; a long one is walked twice, the
 * first time only to count its pages, and is parsed in pieces cut
 * before headings: memory stays that of a few pages, whatever the
 * length.
 */
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <unicode/ubrk.h>

#include "arena.h"
#include "buf.h"
#include "hyph.h"
#include "layout.h"

#define MAX_GLYPH_WARNINGS 50
#define PAD 4.0			/* table cell and code block padding */
#define HYPH_WINDOW 2048	/* bytes of a piece looked at for one line */

enum op_kind { OP_TEXT, OP_LINE, OP_RECT, OP_LINK, OP_OUTLINE, OP_BAR };

struct op {
	struct op *next;
	enum op_kind kind;
	enum dev_face face;
	int level;
	double size;
	const struct dev_color *color;
	double x, y, w, h;	/* y below the unit's top; text: baseline */
	const char *s;
	size_t len;
};

struct unit {
	double space;		/* before; dropped at the top of a page */
	double height;
	double baseline;	/* of the first line, below the top */
	bool keep;		/* keep on the page of the next unit */
	bool header;		/* a table's header row */
	bool land;		/* on a landscape page (a wide table) */
	struct pin *head;	/* its table's header row, repeated atop a
				 * page the table continues on; NULL: none */
	struct op *first, *last;
};

/* A copy of a table's header row that outlives the units drawn: rows
 * far below it repeat it after a page break. */
struct pin {
	struct pin *next;
	struct arena *a;	/* of its operations and their text */
	struct unit u;
	size_t end;		/* unit after its table's last row */
	int page;		/* last page it was placed on */
};

/* What the first of two passes found, in the order it found it, for
 * the second to replay rather than break and measure again: per
 * paragraph its lines (8 bytes a line), per table its columns' widths.
 * The walk is the same twice, so the order is. In blocks, each freed
 * once replayed. */
#define MEMO_BYTES (64u * 1024u)

struct memo_block {
	struct memo_block *next;
	size_t n;		/* bytes put */
	unsigned char v[MEMO_BYTES];
};

struct memo {
	struct memo_block *head, *tail;
	size_t at;		/* bytes of head read */
	size_t put, got;	/* bytes in all */
	bool record, replay, bad;
};

/* An arena of operations and their text, of units before end only:
 * freed once those are drawn. */
struct gen {
	struct arena *a;
	size_t end;
};

enum { SP_LINK = 1, SP_CODE = 2, SP_STRIKE = 4 };

struct span {
	enum dev_face face;
	double size;
	const struct dev_color *color;
	const char *uri;
	unsigned flags;
	size_t start, end;	/* bytes of the paragraph's text */
};

struct para {
	struct buf text;
	struct span *sp;
	size_t n, cap;
	double size;		/* base size: line height */
};

enum { MK_NONE, MK_HYPHEN, MK_CONT };	/* drawn at a line's end */

struct line {
	size_t start, end;
	int mark;
};

/* What a word is, for where it may break. */
enum tok_kind { TK_WORD, TK_WHOLE, TK_REF, TK_URL, TK_MAIL };

/* Text between two break opportunities: s to e, ce where its trailing
 * spaces start; hard: a line break follows. Its word is ts to te. */
struct piece {
	size_t s, ce, e, ts, te;
	bool hard;
	enum tok_kind kind;
};

struct brk {
	size_t at;
	bool hard;
};

/* Inline style while walking. */
struct istyle {
	bool bold, italic, code, strike;
	const char *uri;
	double size;
	const struct dev_color *color;
};

struct place {
	size_t unit;
	const struct pin *pin;	/* a repeated header row, else NULL */
	int page;
	double top;		/* y of the unit's top, after its space */
	bool at_top;
};

struct lay {
	const struct style *st;
	const struct device *dev;
	const struct lay_furniture *f;
	struct diags *d;
	struct arena *a;
	const char *md;
	size_t mdlen;
	unsigned line0;		/* lines of md before the piece parsed */
	const char *lang;
	UBreakIterator *brk;
	UChar *u16;
	int32_t *map;		/* UTF-16 index -> byte offset */
	size_t cap16;
	struct line *lines;
	size_t nlines, caplines;
	struct piece *pc;
	size_t npc, cappc;
	struct brk *bk;
	size_t nbk, capbk;
	/* Units ubase to nu - 1 (numbered from the document's start):
	 * those not yet drawn. u[k] is unit ubase + k. */
	struct unit *u;
	size_t ubase, nu, capu;
	struct arena *ga;	/* of the operations being made */
	struct gen *gens;	/* older generations, oldest first */
	size_t ngens, capgens;
	struct pin *pins;
	int hold;		/* inside a list or quote: no unit is final */
	double x0, width;	/* the current column */
	bool landscape;		/* every page landscape (f->landscape) */
	bool whole;		/* headings, furniture: hyphenate only a word
				 * wider than the line */
	bool quiet;		/* text seen before: no glyph warning */
	bool *pland;		/* per page: landscape */
	size_t cappland;
	double pw, ph;		/* size of the page being drawn */
	unsigned glyph_warnings;
	int depth;		/* of nested lists */
	/* Placements of the pages not yet drawn, pl0 to npl - 1. */
	struct place *pl;
	size_t pl0, npl, cappl;
	/* Pagination, unit by unit as units become final. */
	struct {
		size_t next;	/* first unit not placed */
		double y, ptop, body;
		int page;
		bool fresh, warned, land;
	} pg;
	int drawn;		/* pages drawn */
	int pages;		/* of the document; 0 while unknown */
	bool counting;		/* first of two passes: pages dropped, not
				 * drawn, until their number is known */
	struct lay_stats *stats;
	struct memo memo;
};

/* Unit i (counted from the document's start), which is not drawn yet. */
#define UNIT(l, i) (&(l)->u[(i) - (l)->ubase])

/* ---- units and operations ---- */

/* v, an arena array of *cap elements of size bytes, with room for
 * element n: doubled when full, first elements at the start. */
static void *
reserve(struct lay *l, void *v, size_t n, size_t *cap, size_t size,
	size_t first)
{
	size_t c;

	if (n < *cap)
		return v;
	c = *cap ? *cap * 2 : first;
	v = arena_grow(l->a, v, *cap * size, c * size);
	*cap = c;
	return v;
}

/* v, a malloc'd array of *cap elements of size bytes, with room for
 * element n: the working sets that shrink as pages are drawn. */
static void *
grow(void *v, size_t n, size_t *cap, size_t size, size_t first)
{
	if (n < *cap)
		return v;
	while (*cap <= n)
		*cap = *cap ? *cap * 2 : first;
	return xrealloc(v, *cap * size);
}

static size_t
new_unit(struct lay *l, double space, double height, double baseline)
{
	struct unit *u;
	size_t live = l->nu - l->ubase + 1;

	l->u = grow(l->u, live - 1, &l->capu, sizeof *l->u, 256);
	u = UNIT(l, l->nu);
	memset(u, 0, sizeof *u);
	u->space = space;
	u->height = height;
	u->baseline = baseline;
	if (l->stats && live > l->stats->peak_units)
		l->stats->peak_units = live;
	return l->nu++;
}

static struct op *
add_op(struct lay *l, size_t unit, enum op_kind kind, bool front)
{
	struct op *o = arena_alloc(l->ga, sizeof *o);
	struct unit *u = UNIT(l, unit);

	o->kind = kind;
	if (front) {
		o->next = u->first;
		u->first = o;
		if (u->last == NULL)
			u->last = o;
	} else {
		if (u->last != NULL)
			u->last->next = o;
		else
			u->first = o;
		u->last = o;
	}
	return o;
}

static void
op_text(struct lay *l, size_t unit, enum dev_face face, double size,
	const struct dev_color *c, double x, double y, const char *s,
	size_t len)
{
	struct op *o = add_op(l, unit, OP_TEXT, false);

	o->face = face;
	o->size = size;
	o->color = c;
	o->x = x;
	o->y = y;
	o->s = s;
	o->len = len;
}

/* A line from (x, y) to (w, h), or a rectangle (x, y, w, h). */
static struct op *
op_geom(struct lay *l, size_t unit, enum op_kind kind, bool front, double x,
	double y, double w, double h, const struct dev_color *c)
{
	struct op *o = add_op(l, unit, kind, front);

	o->x = x;
	o->y = y;
	o->w = w;
	o->h = h;
	o->color = c;
	return o;
}

static void
op_line(struct lay *l, size_t unit, double x0, double y0, double x1,
	double y1, double width, const struct dev_color *c)
{
	op_geom(l, unit, OP_LINE, false, x0, y0, x1, y1, c)->size = width;
}

static void
op_rect(struct lay *l, size_t unit, double x, double y, double w, double h,
	const struct dev_color *c, bool front)
{
	op_geom(l, unit, OP_RECT, front, x, y, w, h, c);
}

/* ---- paragraphs: styled text ---- */

static enum dev_face
face_of(const struct istyle *is)
{
	if (is->code)
		return DEV_MONO;
	if (is->bold && is->italic)
		return DEV_BOLD_ITALIC;
	if (is->bold)
		return DEV_BOLD;
	return is->italic ? DEV_ITALIC : DEV_REGULAR;
}

/* Column in characters of byte column bcol (1-based) of line. */
static unsigned
char_col(const struct lay *l, unsigned line, unsigned bcol)
{
	size_t i = 0, end;
	unsigned ln = 1, col = 1;

	while (ln < line && i < l->mdlen)
		if (l->md[i++] == '\n')
			ln++;
	end = i + (bcol ? bcol - 1 : 0);
	while (i < end && i < l->mdlen) {
		if (((unsigned char)l->md[i] & 0xC0) != 0x80)
			col++;
		i++;
	}
	return col;
}

/* Warns about characters without a glyph; node gives the position, NULL
 * for caller strings (furniture), which have none. */
static void
check_glyphs(struct lay *l, enum dev_face face, const char *s, size_t len,
	     cmark_node *node)
{
	size_t i = 0, chars = 0;

	while (i < len) {
		size_t at = i;
		uint32_t cp = dev_u8_next(s, len, &i);
		struct pos pos;
		cmark_node *n = node;

		chars++;
		if (cp < 0x20 || l->dev->has_glyph(l->dev->mctx, face, cp))
			continue;
		if (++l->glyph_warnings > MAX_GLYPH_WARNINGS)
			continue;
		while (n != NULL && cmark_node_get_start_line(n) == 0)
			n = cmark_node_parent(n);
		pos.file = l->f->source ? l->f->source : "<report>";
		pos.line = n ? l->line0 +
		    (unsigned)cmark_node_get_start_line(n) : 0;
		pos.col = n ? char_col(l, pos.line, (unsigned)
				       cmark_node_get_start_column(n)) : 0;
		if (n == node && pos.col)
			pos.col += (unsigned)chars - 1;
		/* The character itself and its code: a DPO finds the
		 * first in the text, an editor the second. */
		diag_add(l->d, DIAG_WARNING, &pos,
			 "character '%.*s' (U+%04X) is in no font of the "
			 "PDF style and prints as a replacement mark: write "
			 "it another way, or name a font that has it in "
			 "templates/style.yaml", (int)(i - at), s + at,
			 (unsigned)cp);
	}
}

static void
para_add(struct lay *l, struct para *p, const char *s, size_t len,
	 const struct istyle *is, cmark_node *node)
{
	struct span *sp;
	enum dev_face face = face_of(is);
	unsigned flags = (is->uri ? SP_LINK : 0) | (is->code ? SP_CODE : 0) |
	    (is->strike ? SP_STRIKE : 0);

	if (len == 0)
		return;
	/* Warned once: not for table cells read again, nor in a second
	 * pass. */
	if (!l->quiet && !l->memo.replay &&
	    (len > 1 || (s[0] != ' ' && s[0] != '\n')))
		check_glyphs(l, face, s, len, node);
	if (p->n > 0) {
		sp = &p->sp[p->n - 1];
		if (sp->face == face && sp->size == is->size &&
		    sp->color == is->color && sp->uri == is->uri &&
		    sp->flags == flags && sp->end == p->text.len) {
			buf_put(&p->text, s, len);
			sp->end = p->text.len;
			return;
		}
	}
	p->sp = grow(p->sp, p->n, &p->cap, sizeof *p->sp, 8);
	sp = &p->sp[p->n++];
	sp->face = face;
	sp->size = is->size;
	sp->color = is->color;
	sp->uri = is->uri;
	sp->flags = flags;
	sp->start = p->text.len;
	buf_put(&p->text, s, len);
	sp->end = p->text.len;
}

static void
inlines(struct lay *l, struct para *p, cmark_node *n, struct istyle is)
{
	for (; n != NULL; n = cmark_node_next(n)) {
		cmark_node_type t = cmark_node_get_type(n);
		const char *lit = cmark_node_get_literal(n);
		struct istyle sub = is;

		switch (t) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_HTML_INLINE:
			if (lit)
				para_add(l, p, lit, strlen(lit), &is, n);
			break;
		case CMARK_NODE_SOFTBREAK:
			para_add(l, p, " ", 1, &is, NULL);
			break;
		case CMARK_NODE_LINEBREAK:
			para_add(l, p, "\n", 1, &is, NULL);
			break;
		case CMARK_NODE_CODE:
			sub.code = true;
			sub.size = is.size * 0.9;
			if (lit)
				para_add(l, p, lit, strlen(lit), &sub, n);
			break;
		case CMARK_NODE_EMPH:
			sub.italic = !is.italic;
			inlines(l, p, cmark_node_first_child(n), sub);
			break;
		case CMARK_NODE_STRONG:
			sub.bold = true;
			inlines(l, p, cmark_node_first_child(n), sub);
			break;
		case CMARK_NODE_LINK: {
			const char *url = cmark_node_get_url(n);

			if (url && *url) {
				sub.uri = arena_strdup(l->ga, url);
				sub.color = &l->st->color[STYLE_LINK];
			}
			inlines(l, p, cmark_node_first_child(n), sub);
			break;
		}
		case CMARK_NODE_IMAGE:
			sub.italic = true;
			inlines(l, p, cmark_node_first_child(n), sub);
			break;
		default:
			if (strcmp(cmark_node_get_type_string(n),
				   "strikethrough") == 0)
				sub.strike = true;
			inlines(l, p, cmark_node_first_child(n), sub);
			break;
		}
	}
}

static void
para_init(struct para *p, double size)
{
	memset(p, 0, sizeof *p);
	p->size = size;
}

/* Moves the text into the arena: operations point into it until the
 * pages are drawn. The spans stay until para_free. NULL while pages
 * are only counted: no line is drawn (line_ops). */
static const char *
para_keep(struct lay *l, struct para *p)
{
	const char *s = NULL;

	if (!l->counting)
		s = arena_strndup(l->ga, buf_cstr(&p->text), p->text.len);
	buf_free(&p->text);
	return s;
}

static void
para_free(struct para *p)
{
	buf_free(&p->text);
	free(p->sp);
	p->sp = NULL;
	p->n = p->cap = 0;
}

static double
measure(struct lay *l, const struct para *p, const char *text, size_t s,
	size_t e)
{
	double w = 0;
	size_t lo = 0, hi = p->n;

	if (e <= s)
		return 0;
	/* First span that ends after s. */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (p->sp[mid].end <= s)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < p->n && p->sp[lo].start < e; lo++) {
		const struct span *sp = &p->sp[lo];
		size_t a = sp->start > s ? sp->start : s;
		size_t b = sp->end < e ? sp->end : e;

		if (b > a)
			w += l->dev->measure(l->dev->mctx, sp->face, sp->size,
					     text + a, b - a);
	}
	return w;
}

static void
push_line(struct lay *l, const char *text, size_t s, size_t e, int mark)
{
	while (e > s && (text[e - 1] == ' ' || text[e - 1] == '\n'))
		e--;
	if (l->nlines == l->caplines) {
		l->caplines = l->caplines ? l->caplines * 2 : 64;
		l->lines = xrealloc(l->lines, l->caplines * sizeof *l->lines);
	}
	l->lines[l->nlines].start = s;
	l->lines[l->nlines].end = e;
	l->lines[l->nlines].mark = mark;
	l->nlines++;
}

/* Sets the break iterator on text; returns the number of UTF-16 units. */
static int32_t
set_text(struct lay *l, const char *text, size_t len)
{
	size_t i = 0, n = 0;
	UErrorCode err = U_ZERO_ERROR;

	if (len + 1 > l->cap16) {
		l->cap16 = len + 64;
		l->u16 = xrealloc(l->u16, l->cap16 * sizeof *l->u16);
		l->map = xrealloc(l->map, l->cap16 * sizeof *l->map);
	}
	while (i < len) {
		size_t at = i;
		uint32_t cp = dev_u8_next(text, len, &i);

		if (cp >= 0x10000) {
			l->map[n] = (int32_t)at;
			l->u16[n++] = (UChar)(0xD7C0 + (cp >> 10));
			l->map[n] = (int32_t)at;
			l->u16[n++] = (UChar)(0xDC00 | (cp & 0x3FF));
		} else {
			l->map[n] = (int32_t)at;
			l->u16[n++] = (UChar)cp;
		}
	}
	l->map[n] = (int32_t)len;
	ubrk_setText(l->brk, l->u16, (int32_t)n, &err);
	return U_FAILURE(err) ? -1 : (int32_t)n;
}

static bool
hard_break(struct lay *l)
{
	int32_t st = ubrk_getRuleStatus(l->brk);

	return st >= UBRK_LINE_HARD && st < UBRK_LINE_HARD_LIMIT;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\n';
}

static bool
has_prefix(const char *s, size_t n, const char *pre)
{
	size_t k = strlen(pre), i;

	if (n < k)
		return false;
	for (i = 0; i < k; i++)
		if ((s[i] | 0x20) != pre[i])
			return false;
	return true;
}

/*
 * Kind of the word text[ts, te) (surrounding punctuation taken off): a
 * URL or a host name, an e-mail address, a reference (digits with a hyphen or a slash:
 * sc-2025-001-initial, never broken, since a hyphen at a line's end would
 * read as added), a word that is never hyphenated (a number, an acronym)
 * or a plain word.
 */
static enum tok_kind
tok_kind(const char *t, size_t n)
{
	size_t i, upper = 0, lower = 0, at = 0;
	bool digit = false, dot_after_at = false, joined = false;

	if (has_prefix(t, n, "http://") || has_prefix(t, n, "https://") ||
	    has_prefix(t, n, "www.") || has_prefix(t, n, "mailto:"))
		return TK_URL;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)t[i];

		if (c >= '0' && c <= '9')
			digit = true;
		else if (c >= 'A' && c <= 'Z')
			upper++;
		else if (c >= 'a' && c <= 'z')
			lower++;
		else if (c == '@' && i > 0 && at == 0)
			at = i;
		else if (c == '.' && at)
			dot_after_at = true;
		else if (c == '-' || c == '/')
			joined = true;
	}
	if (at && dot_after_at && at + 1 < n)
		return TK_MAIL;
	for (i = 1; i + 1 < n; i++)	/* a host name: soundcloud.example */
		if (t[i] == '.' && ((t[i - 1] | 0x20) >= 'a' &&
				    (t[i - 1] | 0x20) <= 'z') &&
		    ((t[i + 1] | 0x20) >= 'a' && (t[i + 1] | 0x20) <= 'z'))
			return TK_URL;
	if (digit && joined && !at)
		return TK_REF;
	if (digit || (upper >= 2 && lower == 0) || at)
		return TK_WHOLE;
	return TK_WORD;
}

/* Whether a break may go before t[i] of a URL or address t[0, n): after
 * a slash (not the scheme's own "//"), before a dot (not a host's last),
 * before or after '@', before ? # & =; never at a hyphen of the address.
 * A dot after the host's last slash (a file name) counts as a host's.
 * after: where the scheme ("https://") ends, 0 without one. */
static bool
url_point(const char *t, size_t n, size_t i, size_t after)
{
	char a = t[i - 1], b = t[i];

	if (i + 1 >= n || i <= after)
		return false;
	if (a == '/' && b != '/')
		return true;
	if (b == '.') {
		/* Never the last dot of a host: ".fr" alone reads badly. */
		size_t k;

		for (k = i + 1; k < n && t[k] != '/'; k++)
			if (t[k] == '.')
				return true;
		return false;
	}
	return b == '@' || a == '@' || b == '?' || b == '#' || b == '&' ||
	    b == '=';
}

static bool
opening(char c)
{
	return c == '(' || c == '[' || c == '<' || c == '"' || c == '\'';
}

static bool
closing(char c)
{
	return c == ')' || c == ']' || c == '>' || c == '"' || c == '\'' ||
	    c == '.' || c == ',' || c == ';' || c == ':' || c == '!' ||
	    c == '?';
}

static void
add_bk(struct lay *l, size_t at, bool hard)
{
	l->bk = reserve(l, l->bk, l->nbk, &l->capbk, sizeof *l->bk, 64);
	l->bk[l->nbk].at = at;
	l->bk[l->nbk].hard = hard;
	l->nbk++;
}

/*
 * Cuts text into l->pc, pieces between break opportunities: ICU's,
 * except inside a URL or an e-mail address, which break only at the
 * points of url_point. Each piece knows its word, for hyphenation.
 */
static void
pieces(struct lay *l, const char *text, size_t len)
{
	size_t i = 0, s = 0, ts = 0, te = 0, after = 0;
	enum tok_kind kind = TK_WORD;
	const char *sch;
	int32_t b;

	l->nbk = l->npc = 0;
	if (set_text(l, text, len) >= 0) {
		ubrk_first(l->brk);
		while ((b = ubrk_next(l->brk)) != UBRK_DONE)
			if ((size_t)l->map[b] > 0)
				add_bk(l, (size_t)l->map[b], hard_break(l));
	}
	if (l->nbk == 0 || l->bk[l->nbk - 1].at != len)
		add_bk(l, len, false);
	while (s < len && i < l->nbk) {
		size_t e = l->bk[i].at;
		bool hard = l->bk[i].hard;
		struct piece *pc;

		if (s >= te) {	/* the word at s */
			size_t a = s;

			while (a < len && is_space(text[a]))
				a++;
			ts = a;
			for (te = a; te < len && !is_space(text[te]); te++)
				;
			while (ts < te && opening(text[ts]))
				ts++;
			while (te > ts && closing(text[te - 1]))
				te--;
			kind = te > ts ? tok_kind(text + ts, te - ts) : TK_WORD;
			sch = kind == TK_URL ? memchr(text + ts, ':', te - ts)
					     : NULL;
			after = sch ? (size_t)(sch - (text + ts)) + 3 : 0;
		}
		if ((kind == TK_URL || kind == TK_MAIL || kind == TK_REF) &&
		    s < te && e > ts) {
			size_t q = (s > ts ? s : ts) + 1;

			while (q < te && (kind == TK_REF ||
					  !url_point(text + ts, te - ts, q - ts,
						     after)))
				q++;
			if (q < te) {
				e = q;
				hard = false;
				while (i < l->nbk && l->bk[i].at <= e)
					i++;
			} else {
				while (l->bk[i].at < te)
					i++;
				e = l->bk[i].at;
				hard = l->bk[i].hard;
				i++;
			}
		} else {
			i++;
		}
		if (e <= s)
			continue;
		l->pc = reserve(l, l->pc, l->npc, &l->cappc, sizeof *l->pc, 64);
		pc = &l->pc[l->npc++];
		pc->s = s;
		pc->e = pc->ce = e;
		while (pc->ce > s && is_space(text[pc->ce - 1]))
			pc->ce--;
		pc->hard = hard && text[e - 1] == '\n';
		pc->kind = s < te ? kind : TK_WORD;
		pc->ts = ts;
		pc->te = te;
		s = e;
	}
}

static const struct span *
span_at(const struct para *p, size_t at)
{
	size_t lo = 0, hi = p->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (p->sp[mid].end <= at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < p->n ? &p->sp[lo] : p->n ? &p->sp[p->n - 1] : NULL;
}

static const char *const marks[] = {"", "-", "\xe2\x86\x92"};

/* Width of the mark drawn after text[0, at) in its last character's
 * span. */
static double
mark_width(struct lay *l, const struct para *p, size_t at, int mark)
{
	const struct span *sp;

	if (mark == MK_NONE || at == 0 || (sp = span_at(p, at - 1)) == NULL)
		return 0;
	return l->dev->measure(l->dev->mctx, sp->face, sp->size, marks[mark],
			       strlen(marks[mark]));
}

static bool
word_byte(char c)
{
	unsigned char u = (unsigned char)c;

	return u >= 0x80 || (u >= '0' && u <= '9') || ((u | 0x20) >= 'a' &&
							(u | 0x20) <= 'z');
}

/* Whether w[0, n) is a word of one of the names ('\n' between them)
 * that are never hyphenated: the parties' names. */
static bool
is_name_word(const char *names, const char *w, size_t n)
{
	const char *q;

	if (names == NULL || n == 0)
		return false;
	for (q = names; *q; q++)
		if (strncmp(q, w, n) == 0 &&
		    (q == names || !word_byte(q[-1])) && !word_byte(q[n]))
			return true;
	return false;
}

/* Hyphenation points of piece pc from byte from (pts[k]: before
 * from + k), NULL when it has none or is not to be hyphenated. forced:
 * the word is wider than any line, so only addresses and code stay
 * whole. */
static unsigned char *
word_points(struct lay *l, const struct para *p, const char *text,
	    const struct piece *pc, size_t from, bool forced, size_t max,
	    size_t *np)
{
	const struct span *sp = span_at(p, from);
	unsigned char *pts;
	size_t n = pc->ce > from ? pc->ce - from : 0;

	if (n > max) {
		/* No line holds more: a window, so that a very long piece
		 * is not read again for every line. It ends after a run of
		 * letters (runs of more than 64 are never hyphenated). */
		size_t m = max;

		while (m < n && m < max + 256 &&
		       (((unsigned char)text[from + m] & 0x80) ||
			((text[from + m] | 0x20) >= 'a' &&
			 (text[from + m] | 0x20) <= 'z')))
			m++;
		n = m;
	}

	if (pc->kind >= TK_REF || n < 4 || sp == NULL ||
	    (sp->flags & SP_CODE))
		return NULL;
	if (!forced && (pc->kind == TK_WHOLE || (sp->flags & SP_LINK) ||
			is_name_word(l->f->names, text + pc->ts,
				     pc->te - pc->ts)))
		return NULL;
	pts = xmalloc(n);
	memset(pts, 0, n);
	*np = n;
	if (!hyph_points(l->lang, text + from, n, pts)) {
		free(pts);
		return NULL;
	}
	return pts;	/* the caller frees it */
}

/*
 * The last hyphenation point of piece pc after which text[from, point)
 * and a hyphen are at most room wide; 0 if none.
 */
static size_t
hyphen_point(struct lay *l, const struct para *p, const char *text,
	     const struct piece *pc, size_t from, double room, bool forced)
{
	size_t k, best = 0, n = 0;
	unsigned char *pts = word_points(l, p, text, pc, from, forced,
					 HYPH_WINDOW, &n);

	for (k = 1; pts && k < n; k++) {
		if (!pts[k])
			continue;
		if (measure(l, p, text, from, from + k) +
		    mark_width(l, p, from + k, MK_HYPHEN) > room)
			break;
		best = from + k;
	}
	free(pts);
	return best;
}

/* A word cut without a hyphenation point: the document and the word. */
static void
warn_cut(struct lay *l, const char *text, const struct piece *pc)
{
	struct pos pos = {l->f->source ? l->f->source : "<report>", 0, 0};
	size_t s = pc->te > pc->ts ? pc->ts : pc->s;
	size_t e = pc->te > pc->ts ? pc->te : pc->ce, n = e - s;

	if (n > 60) {	/* enough to find it */
		n = 60;
		while (n > 0 && ((unsigned char)text[s + n] & 0xC0) == 0x80)
			n--;
	}
	diag_add(l->d, DIAG_WARNING, &pos, "the word '%.*s%s' is wider than "
		 "its line and has no hyphenation point: it is cut with a "
		 "continuation mark (%s); shorten it, or give it spaces or "
		 "hyphens", (int)n, text + s, n < e - s ? "\xe2\x80\xa6" : "",
		 marks[MK_CONT]);
}

/*
 * Breaks p into lines no wider than width, into l->lines. Breaks fall
 * at ICU's opportunities (addresses: url_point); a word that does not
 * fit is hyphenated when the line would otherwise stay short by more
 * than a fifth, never the paragraph's last word nor a third line in a
 * row; a word wider than the line is hyphenated wherever it must, and
 * without any hyphenation point is cut between characters, with a
 * visible continuation mark and a warning.
 */
static void
break_lines(struct lay *l, const struct para *p, double width)
{
	const char *text = buf_cstr(&p->text);
	size_t len = p->text.len, ls = 0, i;
	double lw = 0;
	bool have = false;
	int run = 0;		/* hyphenated lines in a row */

	size_t tok = 0;		/* where the current word's first piece starts */
	double tokw = -1;	/* its width, once measured */

	l->nlines = 0;
	pieces(l, text, len);
	for (i = 0; i < l->npc; i++) {
		const struct piece *pc = &l->pc[i];
		size_t s = pc->s, q;
		double wc = measure(l, p, text, s, pc->ce);

		if (s <= pc->ts) {
			tok = s;
			tokw = -1;
		}
		if (have && lw + wc > width && pc->s > pc->ts && tok > ls &&
		    (pc->kind == TK_URL || pc->kind == TK_MAIL) &&
		    (tokw >= 0 ? tokw :
		     (tokw = measure(l, p, text, tok, pc->te))) <= width &&
		    width - measure(l, p, text, ls, tok) <= width / 5) {
			/* An address that fits a line whole goes whole to
			 * the next one, unless that leaves this one short. */
			push_line(l, text, ls, tok, MK_NONE);
			run = 0;
			ls = tok;
			lw = measure(l, p, text, tok, s);
		}
		if (have && lw + wc > width) {
			q = 0;
			if (run < 2 && i + 1 < l->npc && !l->whole &&
			    width - lw > width / 5)
				q = hyphen_point(l, p, text, pc, s, width - lw,
						 false);
			if (q) {
				push_line(l, text, ls, q, MK_HYPHEN);
				run++;
				s = q;
				wc = measure(l, p, text, s, pc->ce);
			} else {
				push_line(l, text, ls, s, MK_NONE);
				run = 0;
			}
			ls = s;
			lw = 0;
			have = false;
		}
		while (!have && wc > width) {
			q = hyphen_point(l, p, text, pc, s, width, true);
			if (q) {
				push_line(l, text, s, q, MK_HYPHEN);
				run++;
			} else {
				double mw = mark_width(l, p, s + 1, MK_CONT);
				double w = 0;

				q = s;
				while (q < pc->ce) {
					size_t nq = q;
					double cw;

					dev_u8_next(text, pc->ce, &nq);
					cw = measure(l, p, text, q, nq);
					if (w + cw + mw > width && q > s)
						break;
					w += cw;
					q = nq;
				}
				if (q >= pc->ce)
					break;
				if (s == pc->s || l->nlines == 0 ||
				    l->lines[l->nlines - 1].mark != MK_CONT)
					warn_cut(l, text, pc);
				push_line(l, text, s, q, MK_CONT);
				run = 0;
			}
			/* The rest's width without measuring it again:
			 * once per cut would be quadratic in the word. */
			wc -= measure(l, p, text, s, q);
			s = ls = q;
		}
		if (!have)
			ls = s;
		lw += wc + measure(l, p, text, pc->ce, pc->e);
		have = true;
		if (pc->hard) {
			push_line(l, text, ls, pc->e, MK_NONE);
			run = 0;
			ls = pc->e;
			lw = 0;
			have = false;
		}
	}
	if (have || l->nlines == 0)
		push_line(l, text, ls, len, MK_NONE);
}

static void
memo_put(struct lay *l, const void *v, size_t n)
{
	struct memo *m = &l->memo;
	const unsigned char *p = v;

	while (n > 0) {
		size_t k;

		if (m->tail == NULL || m->tail->n == MEMO_BYTES) {
			struct memo_block *b = xmalloc(sizeof *b);

			b->next = NULL;
			b->n = 0;
			if (m->tail)
				m->tail->next = b;
			else
				m->head = b;
			m->tail = b;
		}
		k = MEMO_BYTES - m->tail->n < n ? MEMO_BYTES - m->tail->n : n;
		memcpy(m->tail->v + m->tail->n, p, k);
		m->tail->n += k;
		m->put += k;
		p += k;
		n -= k;
	}
}

/* The next n bytes of the memo into v; false (and the memo is not to
 * be trusted) past its end. */
static bool
memo_get(struct lay *l, void *v, size_t n)
{
	struct memo *m = &l->memo;
	unsigned char *p = v;

	if (m->bad || m->put - m->got < n) {
		m->bad = true;
		return false;
	}
	while (n > 0) {
		size_t k = m->head->n - m->at < n ? m->head->n - m->at : n;

		memcpy(p, m->head->v + m->at, k);
		m->at += k;
		m->got += k;
		p += k;
		n -= k;
		if (m->at == m->head->n) {
			struct memo_block *b = m->head;

			m->head = b->next;
			if (m->head == NULL)
				m->tail = NULL;
			m->at = 0;
			free(b);
		}
	}
	return true;
}

static void
memo_free(struct memo *m)
{
	while (m->head != NULL) {
		struct memo_block *b = m->head;

		m->head = b->next;
		free(b);
	}
	m->tail = NULL;
}

/* Lines of p, broken (break_lines) or replayed from the first pass. */
static void
break_para(struct lay *l, const struct para *p, double width)
{
	uint32_t n, x[2];
	size_t i;

	/* n = 0: not kept (break_lines makes one line at least). */
	if (l->memo.replay && memo_get(l, &n, sizeof n) && n > 0) {
		if (l->caplines < n) {
			l->caplines = n;
			l->lines = xrealloc(l->lines,
					    l->caplines * sizeof *l->lines);
		}
		for (i = 0; i < n && memo_get(l, x, sizeof x); i++) {
			l->lines[i].start = x[0];
			l->lines[i].end = x[1] & 0x3FFFFFFF;
			l->lines[i].mark = (int)(x[1] >> 30);
		}
		l->nlines = n;
		if (!l->memo.bad)
			return;
	}
	break_lines(l, p, width);
	if (!l->memo.record)
		return;
	/* Offsets of 30 bits: no paragraph is a gigabyte. */
	n = p->text.len < 0x3FFFFFFF ? (uint32_t)l->nlines : 0;
	memo_put(l, &n, sizeof n);
	for (i = 0; i < n; i++) {
		x[0] = (uint32_t)l->lines[i].start;
		x[1] = (uint32_t)l->lines[i].end |
		    (uint32_t)l->lines[i].mark << 30;
		memo_put(l, x, sizeof x);
	}
}

/* Widths of the widest piece that cannot be broken (a word's widest
 * syllable once hyphenated), of the widest word and of the whole text on
 * one line. */
static void
para_widths(struct lay *l, const struct para *p, double *minw,
	    double *wordw, double *maxw)
{
	const char *text = buf_cstr(&p->text);
	double line = 0;
	size_t i;

	*minw = *wordw = *maxw = 0;
	pieces(l, text, p->text.len);
	for (i = 0; i < l->npc; i++) {
		const struct piece *pc = &l->pc[i];
		double wc = measure(l, p, text, pc->s, pc->ce);

		if (line + wc > *maxw)
			*maxw = line + wc;
		line += measure(l, p, text, pc->s, pc->e);
		if (pc->hard)
			line = 0;
		if (wc > *wordw)
			*wordw = wc;
		if (wc > *minw) {
			/* Its widest syllable once hyphenated everywhere
			 * (names, numbers and references stay whole). */
			size_t k, s = pc->s, n;
			unsigned char *pts = word_points(l, p, text, pc, pc->s,
							 false, SIZE_MAX, &n);

			if (pts) {
				wc = 0;
				for (k = 1; pc->s + k <= pc->ce; k++) {
					size_t e = pc->s + k;
					double f;

					if (e < pc->ce && !pts[k])
						continue;
					f = measure(l, p, text, s, e) +
					    (e < pc->ce ? mark_width(l, p, e,
						MK_HYPHEN) : 0);
					if (f > wc)
						wc = f;
					s = e;
				}
				free(pts);
			}
			if (wc > *minw)
				*minw = wc;
		}
	}
}

static double
line_height(const struct lay *l, double size)
{
	return size * l->st->leading;
}

static double
baseline_of(const struct lay *l, double size)
{
	/* Centres the DejaVu ascent-descent box in the line. */
	return line_height(l, size) / 2 + size * 0.345;
}

enum align { AL_LEFT, AL_CENTER, AL_RIGHT };

/* Draws line i of p into unit at (x, baseline y), aligned in width. */
static void
line_ops(struct lay *l, size_t unit, const struct para *p, const char *text,
	 const struct line *ln, double x, double y, double width,
	 enum align al)
{
	size_t k;
	double lw = 0, cx;

	if (l->counting)
		return;	/* the text was measured whole when broken */
	if (al != AL_LEFT) {
		lw = measure(l, p, text, ln->start, ln->end) +
		    mark_width(l, p, ln->end, ln->mark);
		x += al == AL_RIGHT ? width - lw : (width - lw) / 2;
	}
	cx = x;
	for (k = 0; k < p->n; k++) {
		const struct span *sp = &p->sp[k];
		size_t a = sp->start > ln->start ? sp->start : ln->start;
		size_t b = sp->end < ln->end ? sp->end : ln->end;
		double w;

		if (b <= a)
			continue;
		w = l->dev->measure(l->dev->mctx, sp->face, sp->size, text + a,
				    b - a);
		if (sp->flags & SP_CODE)
			op_rect(l, unit, cx - 1, y - sp->size * 0.85, w + 2,
				sp->size * 1.15,
				&l->st->color[STYLE_CODE_BACKGROUND], true);
		op_text(l, unit, sp->face, sp->size, sp->color, cx, y,
			text + a, b - a);
		if (sp->flags & SP_LINK) {
			struct op *o = add_op(l, unit, OP_LINK, false);

			o->x = cx;
			o->y = y - sp->size * 0.85;
			o->w = w;
			o->h = sp->size * 1.15;
			o->s = sp->uri;
			op_line(l, unit, cx, y + sp->size * 0.12, cx + w,
				y + sp->size * 0.12, 0.4, sp->color);
		}
		if (sp->flags & SP_STRIKE)
			op_line(l, unit, cx, y - sp->size * 0.3, cx + w,
				y - sp->size * 0.3, 0.5, sp->color);
		cx += w;
	}
	if (ln->mark != MK_NONE && ln->end > ln->start) {
		const struct span *sp = span_at(p, ln->end - 1);

		op_text(l, unit, sp->face, sp->size, sp->color, cx, y,
			marks[ln->mark], strlen(marks[ln->mark]));
	}
}

/* A paragraph as one unit per line; the first and last two lines are
 * kept together so no line stands alone (keep_all: headings). */
static size_t
para_units(struct lay *l, struct para *p, double space, bool keep_all)
{
	double lh = line_height(l, p->size), bl = baseline_of(l, p->size);
	size_t i, first = l->nu, n;
	const char *text;

	break_para(l, p, l->width);
	n = l->nlines;
	text = para_keep(l, p);
	for (i = 0; i < n; i++) {
		size_t u = new_unit(l, i == 0 ? space : 0, lh, bl);

		line_ops(l, u, p, text, &l->lines[i], l->x0, bl, l->width,
			 AL_LEFT);
		UNIT(l, u)->keep = keep_all || (n >= 2 && (i == 0 ||
							   i == n - 2));
	}
	para_free(p);
	return first;
}

static struct istyle
body_style(const struct lay *l)
{
	struct istyle is;

	memset(&is, 0, sizeof is);
	is.size = l->st->size_body;
	is.color = &l->st->color[STYLE_TEXT];
	return is;
}

/* Plain text of a node's inlines, for outline titles. */
static void
plain_text(cmark_node *n, struct buf *b)
{
	for (; n != NULL; n = cmark_node_next(n)) {
		const char *lit = cmark_node_get_literal(n);
		cmark_node_type t = cmark_node_get_type(n);

		if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
			buf_putc(b, ' ');
		else if (lit && (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE))
			buf_puts(b, lit);
		else
			plain_text(cmark_node_first_child(n), b);
	}
}

/* ---- blocks ---- */

static void blocks(struct lay *l, cmark_node *n, bool tight);

static void
heading(struct lay *l, cmark_node *n)
{
	int level = cmark_node_get_heading_level(n);
	struct istyle is = body_style(l);
	static const double space[] = {20, 16, 12, 10};
	struct para p;
	struct buf title = BUF_INIT;
	struct op *o;
	size_t u;

	if (level < 1)
		level = 1;
	if (level > 4)
		level = 4;
	is.size = l->st->size_heading[level - 1];
	is.bold = true;
	is.italic = level == 4;
	is.color = &l->st->color[STYLE_HEADING];
	para_init(&p, is.size);
	inlines(l, &p, cmark_node_first_child(n), is);
	l->whole = true;
	u = para_units(l, &p, space[level - 1], true);
	l->whole = false;
	plain_text(cmark_node_first_child(n), &title);
	if (u < l->nu) {
		o = add_op(l, u, OP_OUTLINE, false);
		o->level = level;
		o->s = arena_strdup(l->ga, buf_cstr(&title));
		o->len = title.len;
		if (level == 1) {
			size_t v = new_unit(l, 0, 6, 0);

			op_line(l, v, l->x0, 2, l->x0 + l->width, 2, 0.8,
				&l->st->color[STYLE_HEADING]);
			UNIT(l, v)->keep = true;
		}
	}
	buf_free(&title);
}

static void
code_block(struct lay *l, cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);
	double size = l->st->size_code, lh = line_height(l, size);
	double bl = baseline_of(l, size), x0 = l->x0, w0 = l->width;
	struct istyle is = body_style(l);
	size_t first = l->nu, i, s = 0, len = lit ? strlen(lit) : 0;

	is.code = true;
	is.size = size;
	l->x0 += PAD;
	l->width -= 2 * PAD;
	/* One paragraph per source line: keeps spaces and never joins
	 * lines; long ones wrap inside the box. */
	while (s < len) {
		size_t e = s;
		struct para p;
		struct buf tabs = BUF_INIT;

		while (e < len && lit[e] != '\n')
			e++;
		for (i = s; i < e; i++)
			if (lit[i] == '\t')
				buf_puts(&tabs, "    ");
			else
				buf_putc(&tabs, lit[i]);
		if (tabs.len == 0)
			buf_putc(&tabs, ' ');
		para_init(&p, size);
		para_add(l, &p, buf_cstr(&tabs), tabs.len, &is, n);
		buf_free(&tabs);
		para_units(l, &p, 0, false);
		s = e + 1;
	}
	l->x0 = x0;
	l->width = w0;
	if (first == l->nu)
		return;
	UNIT(l, first)->space = 8;
	UNIT(l, first)->height += PAD;
	UNIT(l, l->nu - 1)->height += PAD;
	for (i = first; i < l->nu; i++) {
		struct op *o;

		if (i == first)
			for (o = UNIT(l, i)->first; o; o = o->next)
				o->y += PAD;
		op_rect(l, i, x0, 0, w0, UNIT(l, i)->height,
			&l->st->color[STYLE_CODE_BACKGROUND], true);
	}
	(void)lh;
	(void)bl;
}

static void
rule(struct lay *l, double space, double height, double width)
{
	size_t u = new_unit(l, space, height, height / 2);

	op_line(l, u, l->x0, height / 2, l->x0 + l->width, height / 2, width,
		&l->st->color[STYLE_RULE]);
}

static void
list(struct lay *l, cmark_node *n)
{
	bool ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
	bool tight = cmark_node_get_list_tight(n);
	int num = cmark_node_get_list_start(n);
	bool paren = cmark_node_get_list_delim(n) == CMARK_PAREN_DELIM;
	static const char *const bullets[] = {"\xe2\x80\xa2", "\xe2\x97\xa6",
					      "\xe2\x96\xaa"};
	double hang = ordered ? 20 : 14, x0 = l->x0, w0 = l->width;
	double size = l->st->size_body;
	cmark_node *item;

	for (item = cmark_node_first_child(n); item;
	     item = cmark_node_next(item), num++) {
		size_t first = l->nu;
		const char *mark;
		double mw;

		l->x0 = x0 + hang;
		l->width = w0 - hang;
		l->depth++;
		l->hold++;	/* its first unit gets the mark below */
		blocks(l, cmark_node_first_child(item), tight);
		l->hold--;
		l->depth--;
		l->x0 = x0;
		l->width = w0;
		if (first == l->nu)
			first = new_unit(l, 4, line_height(l, size),
					 baseline_of(l, size));
		if (ordered)
			mark = arena_printf(l->ga, "%d%c", num,
					    paren ? ')' : '.');
		else
			mark = bullets[l->depth % 3];
		mw = l->dev->measure(l->dev->mctx, DEV_REGULAR, size, mark,
				     strlen(mark));
		op_text(l, first, DEV_REGULAR, size,
			&l->st->color[STYLE_TEXT], x0 + hang - 5 - mw,
			UNIT(l, first)->baseline, mark, strlen(mark));
		if (tight && item != cmark_node_first_child(n))
			UNIT(l, first)->space = 2;
	}
}

static void
quote(struct lay *l, cmark_node *n)
{
	double x0 = l->x0, w0 = l->width;
	size_t first = l->nu, i;

	l->x0 += 14;
	l->width -= 14;
	l->hold++;	/* each unit gets its bar below */
	blocks(l, cmark_node_first_child(n), false);
	l->hold--;
	l->x0 = x0;
	l->width = w0;
	for (i = first; i < l->nu; i++) {
		struct op *o = add_op(l, i, OP_BAR, false);

		o->x = x0 + 3;
		o->size = 1.6;
		o->color = &l->st->color[STYLE_QUOTE_BAR];
	}
}

/*
 * Column widths w[] sharing avail, after the automatic table layout of
 * CSS: every column gets its widest word and the rest goes in proportion
 * to what each would still like; when the words do not fit, every column
 * gets its widest syllable and the rest goes in proportion to its words.
 */
static void
col_widths(const double *minw, const double *wordw, const double *maxw,
	   size_t ncols, double avail, double *w)
{
	double smin = 0, sword = 0, smax = 0;
	size_t c;

	for (c = 0; c < ncols; c++) {
		smin += minw[c];
		sword += wordw[c];
		smax += maxw[c];
	}
	for (c = 0; c < ncols; c++) {
		if (smax <= avail)
			w[c] = smax > 0 ? maxw[c] * avail / smax
				       : avail / (double)ncols;
		else if (sword <= avail)
			w[c] = wordw[c] + (maxw[c] - wordw[c]) *
			    (avail - sword) / (smax - sword);
		else if (smin <= avail)
			w[c] = minw[c] + (wordw[c] - minw[c]) *
			    (avail - smin) / (sword - smin);
		else
			w[c] = minw[c] * avail / smin;
	}
}

/* The cells of row as ncols paragraphs (para_free each). */
static void
row_cells(struct lay *l, cmark_node *row, int ncols, double size,
	  struct para *cells)
{
	bool head = cmark_gfm_extensions_get_table_row_is_header(row);
	cmark_node *cell = cmark_node_first_child(row);
	int c;

	for (c = 0; c < ncols; c++) {
		struct istyle is = body_style(l);

		is.size = size;
		is.bold = head;
		para_init(&cells[c], size);
		if (cell != NULL) {
			inlines(l, &cells[c], cmark_node_first_child(cell), is);
			cell = cmark_node_next(cell);
		}
	}
}

static struct pin *
pin_new(struct lay *l)
{
	struct pin *p = xmalloc(sizeof *p);

	memset(p, 0, sizeof *p);
	p->a = arena_new();
	p->end = SIZE_MAX;
	p->next = l->pins;
	l->pins = p;
	return p;
}

/* Copies the header row u, final once placed, into its pin. */
static void
pin_fill(struct pin *p, const struct unit *u)
{
	const struct op *o;
	struct op **tail = &p->u.first;

	p->u = *u;
	p->u.first = p->u.last = NULL;
	for (o = u->first; o != NULL; o = o->next) {
		struct op *c = arena_alloc(p->a, sizeof *c);

		*c = *o;
		c->next = NULL;
		if (o->s != NULL)
			c->s = o->kind == OP_LINK ? arena_strdup(p->a, o->s)
						  : arena_strndup(p->a, o->s,
								  o->len);
		*tail = p->u.last = c;
		tail = &c->next;
	}
}

static void settle(struct lay *l, bool final);

/*
 * A table: column widths from every row's widths (only each column's
 * widest are kept), then one unit per row, each final as soon as made
 * (the rows of a long table are drawn while the next are laid out).
 */
static void
table(struct lay *l, cmark_node *n)
{
	int ncols = cmark_gfm_extensions_get_table_columns(n);
	uint8_t *aligns = cmark_gfm_extensions_get_table_alignments(n);
	double size = l->st->size_table, lh = line_height(l, size);
	double bl = baseline_of(l, size);
	size_t r, c, first = l->nu;
	struct para *cells;
	double *minw, *wordw, *maxw, *w, smin = 0, avail, x, x0 = l->x0;
	cmark_node *row;
	bool land = l->landscape;
	struct pin *pin = NULL;

	if (ncols <= 0)
		return;
	cells = xmalloc((size_t)ncols * sizeof *cells);
	minw = xmalloc(4 * (size_t)ncols * sizeof *minw);
	wordw = minw + ncols;
	maxw = wordw + ncols;
	w = maxw + ncols;
	memset(minw, 0, 3 * (size_t)ncols * sizeof *minw);
	row = cmark_node_first_child(n);
	if (l->memo.replay &&
	    memo_get(l, minw, 3 * (size_t)ncols * sizeof *minw))
		row = NULL;	/* the first pass's widths */
	for (; row; row = cmark_node_next(row)) {
		row_cells(l, row, ncols, size, cells);
		for (c = 0; c < (size_t)ncols; c++) {
			double mn, wd, mx;

			para_widths(l, &cells[c], &mn, &wd, &mx);
			para_free(&cells[c]);
			if (mn > minw[c])
				minw[c] = mn;
			if (wd > wordw[c])
				wordw[c] = wd;
			if (mx > maxw[c])
				maxw[c] = mx;
		}
	}
	if (l->memo.record)
		memo_put(l, minw, 3 * (size_t)ncols * sizeof *minw);
	avail = l->width - 2 * PAD * ncols;
	for (c = 0; c < (size_t)ncols; c++)
		smin += minw[c];
	/* A table whose syllables do not fit across a portrait page but
	 * fit across a landscape one goes on landscape pages of its own,
	 * at the left margin. */
	if (smin > avail && !land && l->depth == 0) {
		const struct style *st = l->st;
		double wide = st->page_height - st->margin_left -
		    st->margin_right - 2 * PAD * ncols;

		if (smin <= wide) {
			land = true;
			x0 = st->margin_left;
			avail = wide;
		}
	}
	if (smin > avail)
		/* Even the syllables do not fit: a column claims its widest
		 * word only up to a fair share, so that one very long word
		 * cannot squeeze the others to a letter; what it lacks is
		 * cut with a continuation mark. */
		for (c = 0; c < (size_t)ncols; c++) {
			double fair = avail / ncols;

			minw[c] = minw[c] < fair ? minw[c] : fair;
			wordw[c] = wordw[c] < fair ? wordw[c] : fair;
		}
	col_widths(minw, wordw, maxw, (size_t)ncols, avail, w);
	land = land && !l->landscape;
	/* With what is kept with it: a heading, a lead-in (not final
	 * yet: they keep with this table). */
	while (land && first > l->ubase && UNIT(l, first - 1)->keep)
		UNIT(l, --first)->land = true;
	l->quiet = true;	/* the cells warned in the first pass */
	for (r = 0, row = cmark_node_first_child(n); row;
	     row = cmark_node_next(row), r++) {
		bool head = cmark_gfm_extensions_get_table_row_is_header(row);
		size_t u = new_unit(l, r == 0 ? 10 : 0, 0, PAD + bl);
		double h = 0;

		if (head)
			pin = pin_new(l);
		UNIT(l, u)->header = head;
		UNIT(l, u)->keep = head;
		UNIT(l, u)->land = land;
		UNIT(l, u)->head = pin;
		row_cells(l, row, ncols, size, cells);
		x = x0;
		for (c = 0; c < (size_t)ncols; c++) {
			struct para *p = &cells[c];
			const char *text;
			enum align al = AL_LEFT;
			size_t i;

			if (aligns && aligns[c] == 'r')
				al = AL_RIGHT;
			else if (aligns && aligns[c] == 'c')
				al = AL_CENTER;
			break_para(l, p, w[c]);
			text = para_keep(l, p);
			for (i = 0; i < l->nlines; i++)
				line_ops(l, u, p, text, &l->lines[i], x + PAD,
					 PAD + bl + i * lh, w[c], al);
			para_free(p);
			if (l->nlines * lh > h)
				h = l->nlines * lh;
			x += w[c] + 2 * PAD;
		}
		UNIT(l, u)->height = h + 2 * PAD;
		if (head) {
			op_rect(l, u, x0, 0, x - x0, h + 2 * PAD,
				&l->st->color[STYLE_TABLE_HEADER], true);
			op_line(l, u, x0, 0, x, 0, 0.8,
				&l->st->color[STYLE_RULE]);
		}
		op_line(l, u, x0, h + 2 * PAD, x, h + 2 * PAD,
			head || cmark_node_next(row) == NULL ? 0.8 : 0.3,
			&l->st->color[STYLE_RULE]);
		if (l->hold == 0)
			settle(l, false);
	}
	l->quiet = false;
	if (pin != NULL)
		pin->end = l->nu;
	free(cells);
	free(minw);
}

/* Whether n is a paragraph that ends with a colon: a lead-in. */
static bool
lead_in(cmark_node *n)
{
	cmark_node *t = n ? cmark_node_last_child(n) : NULL;
	const char *lit;
	size_t k;

	if (n == NULL || cmark_node_get_type(n) != CMARK_NODE_PARAGRAPH ||
	    t == NULL || cmark_node_get_type(t) != CMARK_NODE_TEXT ||
	    (lit = cmark_node_get_literal(t)) == NULL)
		return false;
	k = strlen(lit);
	while (k > 0 && lit[k - 1] == ' ')
		k--;
	return k > 0 && lit[k - 1] == ':';
}

/* Whether n is a list or a table. */
static bool
list_or_table(cmark_node *n)
{
	return n != NULL && (cmark_node_get_type(n) == CMARK_NODE_LIST ||
			     strcmp(cmark_node_get_type_string(n), "table") ==
			     0);
}

static void
blocks(struct lay *l, cmark_node *n, bool tight)
{
	for (; n != NULL; n = cmark_node_next(n)) {
		cmark_node_type t = cmark_node_get_type(n);
		const char *ts = cmark_node_get_type_string(n);
		bool first = cmark_node_previous(n) == NULL;
		struct para p;

		switch (t) {
		case CMARK_NODE_PARAGRAPH:
			para_init(&p, l->st->size_body);
			inlines(l, &p, cmark_node_first_child(n), body_style(l));
			para_units(l, &p, tight ? (first ? 2 : 3) : 7, false);
			/* A lead-in stays with what it introduces. */
			if (lead_in(n) && list_or_table(cmark_node_next(n)))
				UNIT(l, l->nu - 1)->keep = true;
			break;
		case CMARK_NODE_HEADING:
			heading(l, n);
			break;
		case CMARK_NODE_CODE_BLOCK:
			code_block(l, n);
			break;
		case CMARK_NODE_HTML_BLOCK: {
			const char *lit = cmark_node_get_literal(n);
			struct istyle is = body_style(l);

			para_init(&p, l->st->size_body);
			if (lit)
				para_add(l, &p, lit, strlen(lit), &is, n);
			para_units(l, &p, 7, false);
			break;
		}
		case CMARK_NODE_THEMATIC_BREAK:
			rule(l, 8, 10, 0.5);
			break;
		case CMARK_NODE_LIST: {
			size_t f = l->nu;

			list(l, n);
			/* Its first two lines, after a lead-in (a table's
			 * header row keeps with its first row anyway). */
			if (lead_in(cmark_node_previous(n)) && f + 1 < l->nu)
				UNIT(l, f)->keep = true;
			break;
		}
		case CMARK_NODE_BLOCK_QUOTE:
			quote(l, n);
			break;
		default:
			if (strcmp(ts, "table") == 0)
				table(l, n);
			else
				blocks(l, cmark_node_first_child(n), tight);
			break;
		}
		/* Outside a list or a quote, what is laid out is final. */
		if (l->hold == 0)
			settle(l, false);
	}
}

/* ---- page furniture ---- */

/* Lays plain text ('\n' breaks lines) into unit at top; returns its
 * height. */
static double
text_block(struct lay *l, size_t u, const char *s, enum dev_face face,
	   double size, const struct dev_color *c, double x, double width,
	   double top)
{
	struct istyle is = body_style(l);
	struct para p;
	const char *text;
	double lh = line_height(l, size), bl = baseline_of(l, size);
	size_t i, n;

	if (s == NULL || *s == '\0')
		return 0;
	is.size = size;
	is.color = c;
	is.bold = face == DEV_BOLD || face == DEV_BOLD_ITALIC;
	is.italic = face == DEV_ITALIC || face == DEV_BOLD_ITALIC;
	para_init(&p, size);
	para_add(l, &p, s, strlen(s), &is, NULL);
	l->whole = true;
	break_para(l, &p, width);
	l->whole = false;
	n = l->nlines;
	text = para_keep(l, &p);
	for (i = 0; i < n; i++)
		line_ops(l, u, &p, text, &l->lines[i], x, top + bl + i * lh,
			 width, AL_LEFT);
	para_free(&p);
	return n * lh;
}

static const char *
label(const struct lay *l, const char *given, const char *fr, const char *en)
{
	if (given != NULL)
		return given;
	return strncmp(l->lang, "fr", 2) == 0 ? fr : en;
}

/* Two labelled columns: left label and value, right label and value. */
static void
pair_unit(struct lay *l, double space, const char *lab1, const char *v1,
	  enum dev_face f1, const char *lab2, const char *v2,
	  enum dev_face f2)
{
	const struct style *st = l->st;
	const struct dev_color *muted = &st->color[STYLE_MUTED];
	const struct dev_color *text = &st->color[STYLE_TEXT];
	double cw = l->width * 0.46, x2 = l->x0 + l->width * 0.54, h1 = 0,
	    h2 = 0;
	size_t u = new_unit(l, space, 0, baseline_of(l, st->size_small));

	if (v1 != NULL) {
		h1 = text_block(l, u, lab1, DEV_REGULAR, st->size_small, muted,
				l->x0, cw, 0);
		h1 += text_block(l, u, v1, f1, st->size_body, text, l->x0, cw,
				 h1);
	}
	if (v2 != NULL) {
		h2 = text_block(l, u, lab2, DEV_REGULAR, st->size_small, muted,
				x2, cw, 0);
		h2 += text_block(l, u, v2, f2, st->size_body, text, x2, cw,
				 h2);
	}
	UNIT(l, u)->height = h1 > h2 ? h1 : h2;
}

static void
front_matter(struct lay *l)
{
	const struct lay_furniture *f = l->f;

	if (f->controller || f->addressee)
		pair_unit(l, 0,
			  label(l, f->label_controller,
				"Responsable du traitement", "Controller"),
			  f->controller, DEV_BOLD,
			  label(l, f->label_addressee, "Destinataire",
				"Addressee"), f->addressee, DEV_REGULAR);
	if (f->date || f->reference)
		pair_unit(l, 10,
			  label(l, f->label_date, "Date de la notification",
				"Date of the notification"), f->date,
			  DEV_REGULAR,
			  label(l, f->label_reference,
				"R\xc3\xa9" "f\xc3\xa9rence de l\xe2\x80\x99"
				"incident", "Incident reference"),
			  f->reference, DEV_BOLD);
	if (l->nu > 0)
		rule(l, 8, 12, 0.5);
}

void
lay_page_label(const char *pattern, int page, int pages, char *out,
	       size_t size)
{
	struct buf b = BUF_INIT;
	const char *p = pattern ? pattern : "{page} / {pages}";

	while (*p) {
		if (strncmp(p, "{pages}", 7) == 0) {
			buf_printf(&b, "%d", pages);
			p += 7;
		} else if (strncmp(p, "{page}", 6) == 0) {
			buf_printf(&b, "%d", page);
			p += 6;
		} else {
			buf_putc(&b, *p++);
		}
	}
	if (size > 0) {
		size_t n = b.len < size - 1 ? b.len : size - 1;

		/* Never cut a UTF-8 sequence in two. */
		while (n > 0 && n < b.len &&
		       ((unsigned char)b.s[n] & 0xC0) == 0x80)
			n--;
		memcpy(out, buf_cstr(&b), n);
		out[n] = '\0';
	}
	buf_free(&b);
}

/* Draws s at most maxw wide, cut with an ellipsis if need be. */
static double
fit_text(struct lay *l, enum dev_face face, double size,
	 const struct dev_color *c, double x, double y, const char *s,
	 double maxw, bool draw)
{
	const struct device *dev = l->dev;
	size_t len = strlen(s), n = len;
	double w = dev->measure(dev->mctx, face, size, s, len);
	char *cut = NULL;

	if (w > maxw) {
		double ell = dev->measure(dev->mctx, face, size,
					  "\xe2\x80\xa6", 3);
		size_t lo = 0, hi = len;

		/* The longest prefix that fits with the ellipsis, by binary
		 * search over character boundaries: O(n log n) measuring,
		 * where trimming one character at a time was O(n^2) (a
		 * 100 000-character reference took minutes per PDF).
		 * Invariant: prefix lo fits (or is empty), prefix hi not. */
		while (hi - lo > 1) {
			size_t mid = lo + (hi - lo) / 2;

			while (mid > lo && ((unsigned char)s[mid] & 0xC0) == 0x80)
				mid--;
			if (mid == lo) {
				mid = lo + 1;
				while (mid < hi &&
				    ((unsigned char)s[mid] & 0xC0) == 0x80)
					mid++;
				if (mid == hi)
					break;
			}
			if (dev->measure(dev->mctx, face, size, s, mid) + ell <=
			    maxw)
				lo = mid;
			else
				hi = mid;
		}
		n = lo;
		w = dev->measure(dev->mctx, face, size, s, n) + ell;
		cut = xmalloc(n + 4);
		memcpy(cut, s, n);
		memcpy(cut + n, "\xe2\x80\xa6", 4);
		s = cut;
		len = n + 3;
	}
	if (draw)
		dev->text(dev->ctx, face, size, c, x, y, s, len);
	free(cut);
	return w;
}

static void
furniture(struct lay *l, int page)
{
	const struct style *st = l->st;
	const struct lay_furniture *f = l->f;
	const struct device *dev = l->dev;
	const struct dev_color *muted = &st->color[STYLE_MUTED];
	double x0 = st->margin_left;
	double w = l->pw - st->margin_left - st->margin_right;
	/* Well below the body: a footer close under the last line reads
	 * as part of the text. */
	double y = st->margin_bottom - 30, size = st->size_small, rw;
	char pl[256];
	struct buf left = BUF_INIT;

	if (f->confidential && *f->confidential) {
		double cy = l->ph - st->margin_top + 24;
		double tw = dev->measure(dev->mctx, DEV_BOLD, size,
					 f->confidential,
					 strlen(f->confidential));

		if (tw > w)
			tw = w;
		fit_text(l, DEV_BOLD, size, muted, x0 + (w - tw) / 2, cy,
			 f->confidential, w, true);
	}
	dev->line(dev->ctx, x0, y + 10, x0 + w, y + 10, 0.4, muted);
	lay_page_label(f->page_pattern ? f->page_pattern :
		       strncmp(l->lang, "fr", 2) == 0 ?
		       "Page {page} sur {pages}" : "Page {page} of {pages}",
		       page, l->pages, pl, sizeof pl);
	rw = dev->measure(dev->mctx, DEV_REGULAR, size, pl, strlen(pl));
	dev->text(dev->ctx, DEV_REGULAR, size, muted, x0 + w - rw, y, pl,
		  strlen(pl));
	if (f->controller)
		buf_puts(&left, f->controller);
	if (f->controller && f->reference)
		buf_puts(&left, " \xe2\x80\x94 ");
	if (f->reference)
		buf_puts(&left, f->reference);
	if (left.len > 0)
		fit_text(l, DEV_REGULAR, size, muted, x0, y, buf_cstr(&left),
			 w - rw - 12, true);
	buf_free(&left);
}

/* ---- pages ---- */

/* Full pages kept, not drawn, while the number of pages (the footer's)
 * is unknown. Past it, a first pass only counts the pages and a second
 * draws each as soon as it is full, so a long document never holds more
 * than a page or two of operations; a report is laid out once. Static
 * as pdf.c's plain_fonts: a test's knob, set before any thread. */
static int hold_pages = 32;	/* lay_test_hold_pages() */

int
lay_test_hold_pages(int pages)
{
	int was = hold_pages;

	hold_pages = pages;
	return was;
}

/* Bytes of operations after which a new generation starts. */
#define GEN_BYTES (32u * 1024u)

static void
place(struct lay *l, size_t unit, const struct pin *pin, int page,
      double top, bool at_top)
{
	struct place *p;

	l->pl = grow(l->pl, l->npl, &l->cappl, sizeof *l->pl, 256);
	p = &l->pl[l->npl++];
	p->unit = unit;
	p->pin = pin;
	p->page = page;
	p->top = top;
	p->at_top = at_top;
}

/* Records whether page is landscape. */
static void
page_land(struct lay *l, int page, bool land)
{
	l->pland = grow(l->pland, (size_t)page, &l->cappland,
			sizeof *l->pland, 16);
	l->pland[page] = land;
}

static void
paginate_init(struct lay *l)
{
	const struct style *st = l->st;

	memset(&l->pg, 0, sizeof l->pg);
	l->pg.ptop = st->page_height - st->margin_top;
	l->pg.body = l->pg.ptop - st->margin_bottom;
	l->pg.y = l->pg.ptop;
	l->pg.page = 1;
	l->pg.fresh = true;
	page_land(l, 1, false);
}

/* Places the units up to end (final: neither they nor what they keep
 * with will change). */
static void
paginate(struct lay *l, size_t end)
{
	const struct style *st = l->st;
	double bottom = st->margin_bottom;

	for (; l->pg.next < end; l->pg.next++) {
		size_t i = l->pg.next;
		const struct unit *u = UNIT(l, i);
		double need = (l->pg.fresh ? 0 : u->space) + u->height;
		bool brk = false;

		if (u->land != l->pg.land) {
			/* A wide table turns the page: a page of its own. */
			l->pg.land = u->land;
			l->pg.ptop = (l->pg.land ? st->page_width :
				      st->page_height) - st->margin_top;
			l->pg.body = l->pg.ptop - bottom;
			if (!l->pg.fresh)
				l->pg.page++;
			page_land(l, l->pg.page, l->pg.land);
			l->pg.y = l->pg.ptop;
			l->pg.fresh = true;
			need = u->height;
		}
		if (!l->pg.fresh && l->pg.y - need < bottom - 0.01) {
			brk = true;
		} else if (!l->pg.fresh && u->keep) {
			/* The chain of kept units must fit here, unless it
			 * could not fit on any page. */
			double h = need;
			size_t j = i;

			while (UNIT(l, j)->keep && j + 1 < l->nu &&
			       h <= l->pg.body &&
			       UNIT(l, j + 1)->land == l->pg.land) {
				j++;
				h += UNIT(l, j)->space + UNIT(l, j)->height;
			}
			brk = l->pg.y - h < bottom - 0.01 && h <= l->pg.body;
		}
		if (brk) {
			l->pg.page++;
			page_land(l, l->pg.page, l->pg.land);
			l->pg.y = l->pg.ptop;
			l->pg.fresh = true;
			need = u->height;
			if (u->head != NULL && !u->header) {
				place(l, 0, u->head, l->pg.page, l->pg.y, true);
				u->head->page = l->pg.page;
				l->pg.y -= u->head->u.height;
				l->pg.fresh = false;
			}
		}
		if (l->pg.fresh && u->height > l->pg.body)
			l->pg.warned = true;	/* said once the walk is over */
		place(l, i, NULL, l->pg.page, l->pg.y -
		      (l->pg.fresh ? 0 : u->space), l->pg.fresh);
		if (u->header && u->head != NULL) {
			pin_fill(u->head, u);
			u->head->page = l->pg.page;
		}
		l->pg.y -= need;
		l->pg.fresh = false;
	}
}

static void
draw_unit(struct lay *l, const struct place *pl)
{
	const struct unit *u = pl->pin ? &pl->pin->u : UNIT(l, pl->unit);
	const struct device *dev = l->dev;
	double top = pl->top;
	const struct op *o;

	for (o = u->first; o != NULL; o = o->next) {
		switch (o->kind) {
		case OP_TEXT:
			dev->text(dev->ctx, o->face, o->size, o->color, o->x,
				  top - o->y, o->s, o->len);
			break;
		case OP_LINE:
			dev->line(dev->ctx, o->x, top - o->y, o->w, top - o->h,
				  o->size, o->color);
			break;
		case OP_RECT:
			dev->rect(dev->ctx, o->x, top - o->y - o->h, o->w, o->h,
				  o->color);
			break;
		case OP_LINK:
			dev->link(dev->ctx, o->x, top - o->y - o->h, o->w, o->h,
				  o->s);
			break;
		case OP_OUTLINE:
			dev->outline(dev->ctx, o->level, o->s, top);
			break;
		case OP_BAR:
			dev->line(dev->ctx, o->x,
				  top + (pl->at_top ? 0 : u->space), o->x,
				  top - u->height, o->size, o->color);
			break;
		}
	}
}

/* Draws page (its placements come first), or drops it while counting. */
static void
page_out(struct lay *l, int page)
{
	const struct style *st = l->st;
	bool land = l->pland[page];

	if (l->counting) {
		while (l->pl0 < l->npl && l->pl[l->pl0].page == page)
			l->pl0++;
		return;
	}
	l->pw = land ? st->page_height : st->page_width;
	l->ph = land ? st->page_width : st->page_height;
	l->dev->begin_page(l->dev->ctx, page, l->pw, l->ph);
	furniture(l, page);
	for (; l->pl0 < l->npl && l->pl[l->pl0].page == page; l->pl0++)
		draw_unit(l, &l->pl[l->pl0]);
	l->dev->end_page(l->dev->ctx);
}

/* Frees the units, operations and header copies of the pages gone. */
static void
release(struct lay *l)
{
	size_t keep = l->pg.next, k, n;
	struct pin **pp;

	for (k = l->pl0; k < l->npl; k++)
		if (l->pl[k].pin == NULL) {
			if (l->pl[k].unit < keep)
				keep = l->pl[k].unit;
			break;
		}
	if (keep > l->ubase) {
		memmove(l->u, UNIT(l, keep), (l->nu - keep) * sizeof *l->u);
		l->ubase = keep;
	}
	if (l->pl0 > 0) {
		memmove(l->pl, l->pl + l->pl0,
			(l->npl - l->pl0) * sizeof *l->pl);
		l->npl -= l->pl0;
		l->pl0 = 0;
	}
	for (n = 0; n < l->ngens && l->gens[n].end <= keep; n++)
		arena_free(l->gens[n].a);
	if (n > 0) {
		memmove(l->gens, l->gens + n, (l->ngens - n) * sizeof *l->gens);
		l->ngens -= n;
	}
	for (pp = &l->pins; *pp != NULL;) {
		struct pin *p = *pp;

		if (l->pg.next >= p->end && p->page <= l->drawn) {
			*pp = p->next;
			arena_free(p->a);
			free(p);
		} else {
			pp = &p->next;
		}
	}
}

/*
 * Places the units that are final and draws the pages that are full.
 * A unit is final once a later one is not kept with the next: units
 * kept together are placed together, and the last unit may still be
 * kept with what follows (a lead-in). In a list or a quote (hold) the
 * caller does not settle: it adds to units already made. final: the
 * document is over.
 */
static void
settle(struct lay *l, bool final)
{
	size_t end = l->nu, k;
	int last;

	if (!final && hold_pages < 0)
		return;		/* the reference: nothing placed before all */
	if (!final) {
		end = l->pg.next;
		for (k = l->nu; k > l->pg.next + 1; k--)
			if (!UNIT(l, k - 2)->keep) {
				end = k - 1;
				break;
			}
	}
	paginate(l, end);
	if (arena_used(l->ga) > GEN_BYTES) {
		l->gens = grow(l->gens, l->ngens, &l->capgens,
			       sizeof *l->gens, 16);
		l->gens[l->ngens].a = l->ga;
		l->gens[l->ngens].end = l->nu;
		l->ngens++;
		l->ga = arena_new();
	}
	if (l->pages == 0 && !l->counting) {
		if (final)
			l->pages = l->pg.page;
		else if (l->pg.page - 1 - l->drawn >= hold_pages)
			l->counting = true;
		else
			return;
	}
	last = final ? l->pg.page : l->pg.page - 1;
	while (l->drawn < last)
		page_out(l, ++l->drawn);
	release(l);
}

/* Frees what a pass leaves, for the next. */
static void
pass_free(struct lay *l)
{
	size_t k;

	while (l->pins != NULL) {
		struct pin *p = l->pins;

		l->pins = p->next;
		arena_free(p->a);
		free(p);
	}
	for (k = 0; k < l->ngens; k++)
		arena_free(l->gens[k].a);
	l->ngens = 0;
	arena_free(l->ga);
	l->ga = NULL;
	l->ubase = l->nu = 0;
	l->pl0 = l->npl = 0;
}

/* ---- the Markdown, in pieces ---- */

/* Bytes of Markdown parsed at once, at least: a long document is cut
 * before headings into pieces parsed, laid out and freed one after the
 * other, so that the cmark tree of the whole is never held. */
static size_t piece_bytes = 64 * 1024;	/* lay_test_piece_bytes() */

size_t
lay_test_piece_bytes(size_t bytes)
{
	size_t was = piece_bytes;

	piece_bytes = bytes;
	return was;
}

static bool
contains(const char *s, size_t len, const char *what)
{
	size_t k = strlen(what), i;

	for (i = 0; i + k <= len; i++)
		if (s[i] == what[0] && memcmp(s + i, what, k) == 0)
			return true;
	return false;
}

/*
 * Whether md parses in pieces as it does whole when cut before a
 * heading that starts a line after a blank line: a blank line ends a
 * paragraph and a table, a line at column 0 ends a list item and a
 * quote. Not so for what may run over a blank line and a heading
 * (fenced code, a raw HTML block such as a comment) or refers across
 * pieces (a link reference definition): with any of these, or CR line
 * ends, md is parsed whole.
 */
static bool
cuttable(const char *md, size_t len)
{
	size_t i = 0;

	if (memchr(md, '\r', len) != NULL || contains(md, len, "]:") ||
	    contains(md, len, "```") || contains(md, len, "~~~"))
		return false;
	while (i < len) {
		const char *nl;

		while (i < len && (md[i] == ' ' || md[i] == '\t'))
			i++;
		if (i < len && md[i] == '<')
			return false;
		nl = i < len ? memchr(md + i, '\n', len - i) : NULL;
		if (nl == NULL)
			break;
		i = (size_t)(nl - md) + 1;
	}
	return true;
}

/* Where the piece starting at from ends: before the first ATX heading
 * at a line's start after a blank line, piece_bytes on; len if none. */
static size_t
next_cut(const char *md, size_t len, size_t from)
{
	size_t s = from;
	bool blank = false;

	while (s < len) {
		const char *nl = memchr(md + s, '\n', len - s);
		size_t e = nl ? (size_t)(nl - md) : len, k = s, h = 0;

		if (blank && s - from >= piece_bytes) {
			while (s + h < e && md[s + h] == '#')
				h++;
			if (h >= 1 && h <= 6 && (s + h == e || md[s + h] == ' ' ||
						 md[s + h] == '\t'))
				return s;
		}
		while (k < e && (md[k] == ' ' || md[k] == '\t'))
			k++;
		blank = k == e;
		s = e + 1;
	}
	return len;
}

static cmark_node *
parse(const char *md, size_t len)
{
	cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT);
	cmark_node *doc;

	cmark_parser_attach_syntax_extension(parser,
	    cmark_find_syntax_extension("table"));
	cmark_parser_attach_syntax_extension(parser,
	    cmark_find_syntax_extension("strikethrough"));
	cmark_parser_attach_syntax_extension(parser,
	    cmark_find_syntax_extension("autolink"));
	cmark_parser_feed(parser, md, len);
	doc = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	return doc;
}

/*
 * One pass over the document: the walk, one piece of Markdown and one
 * top-level block at a time, placing and drawing what is final after
 * each block (and after each row of a table). Ends with every page
 * drawn, or counted (l->counting). Returns 0 or EXIT_DATAERR.
 */
static int
lay_pass(struct lay *l)
{
	const struct style *st = l->st;
	bool cut = cuttable(l->md, l->mdlen);
	size_t from = 0, to;

	l->ga = arena_new();
	l->drawn = 0;
	l->glyph_warnings = 0;
	l->line0 = 0;
	paginate_init(l);
	l->x0 = st->margin_left;
	l->width = st->page_width - st->margin_left - st->margin_right;
	front_matter(l);
	do {
		cmark_node *doc;
		size_t k;

		to = cut ? next_cut(l->md, l->mdlen, from) : l->mdlen;
		doc = parse(l->md + from, to - from);
		if (doc == NULL) {
			struct pos pos = {l->f->source, 0, 0};

			diag_add(l->d, DIAG_ERROR, &pos, "the Markdown could "
				 "not be parsed");
			return EXIT_DATAERR;
		}
		blocks(l, cmark_node_first_child(doc), false);
		cmark_node_free(doc);
		if (l->stats && l->stats->passes == 0)
			l->stats->pieces++;
		for (k = from; k < to; k++)
			if (l->md[k] == '\n')
				l->line0++;
		from = to;
	} while (from < l->mdlen);
	if (l->glyph_warnings > MAX_GLYPH_WARNINGS) {
		struct pos pos = {l->f->source, 0, 0};

		diag_add(l->d, DIAG_NOTE, &pos, "%u more characters have no "
			 "glyph", l->glyph_warnings - MAX_GLYPH_WARNINGS);
	}
	settle(l, true);
	if (l->pg.warned) {
		struct pos pos = {l->f->source, 0, 0};

		diag_add(l->d, DIAG_WARNING, &pos,
			 "a table row is taller than a page and runs "
			 "past the bottom margin: shorten its cells");
	}
	if (l->stats) {
		l->stats->units = l->nu;
		l->stats->passes++;
	}
	return 0;
}

int
lay_render(const char *md, size_t len, const struct lay_furniture *f,
	   const struct style *st, const char *lang,
	   const struct device *dev, int *npages, struct diags *d)
{
	return lay_render_stats(md, len, f, st, lang, dev, npages, NULL, d);
}

int
lay_render_stats(const char *md, size_t len, const struct lay_furniture *f,
		 const struct style *st, const char *lang,
		 const struct device *dev, int *npages,
		 struct lay_stats *stats, struct diags *d)
{
	struct lay L, *l = &L;
	struct style turned;
	struct diags again;
	UErrorCode err = U_ZERO_ERROR;
	int rc = 0;

	memset(l, 0, sizeof *l);
	diag_init(&again);
	if (stats)
		memset(stats, 0, sizeof *stats);
	l->stats = stats;
	if (f->landscape) {
		/* Every page turned: the same margins on a wider page. */
		turned = *st;
		turned.page_width = st->page_height;
		turned.page_height = st->page_width;
		st = &turned;
		l->landscape = true;
	}
	l->st = st;
	l->dev = dev;
	l->f = f;
	l->d = d;
	l->md = md;
	l->mdlen = len;
	l->lang = lang && *lang ? lang : "en";
	l->a = arena_new();
	l->brk = ubrk_open(UBRK_LINE, l->lang, NULL, 0, &err);
	if (U_FAILURE(err)) {
		struct pos pos = {f->source, 0, 0};

		diag_add(d, DIAG_ERROR, &pos, "ICU has no line breaking for "
			 "'%s' (%s): check the ICU data files", l->lang,
			 u_errorName(err));
		rc = EXIT_SOFTWARE;
		goto out;
	}
	cmark_gfm_core_extensions_ensure_registered();
	l->memo.record = true;
	rc = lay_pass(l);
	l->memo.record = false;
	if (rc != 0)
		goto out;
	if (l->counting) {
		/* The same walk again, now that the footer's page count is
		 * known; its diagnostics were given by the first. */
		int pages = l->pg.page;

		pass_free(l);
		l->counting = false;
		l->pages = pages;
		l->d = &again;
		l->memo.replay = true;
		rc = lay_pass(l);
		l->d = d;
		if (rc != 0 || l->pg.page != pages || l->memo.bad ||
		    l->memo.got != l->memo.put) {
			struct pos pos = {f->source, 0, 0};

			diag_add(d, DIAG_ERROR, &pos, "internal error: the "
				 "second layout pass made %d pages, the first "
				 "%d, and read %zu of %zu memo bytes",
				 l->pg.page, pages, l->memo.got, l->memo.put);
			rc = EXIT_SOFTWARE;
		}
	}
	if (npages)
		*npages = l->pages;
out:
	if (l->brk)
		ubrk_close(l->brk);
	pass_free(l);
	diag_free(&again);
	memo_free(&l->memo);
	free(l->gens);
	free(l->u);
	free(l->pl);
	free(l->pland);
	free(l->u16);
	free(l->map);
	free(l->lines);
	arena_free(l->a);
	return rc;
}

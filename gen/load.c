/*
 * load.c - YAML into a node tree through libyaml's event parser.
 *
 * The checks that libyaml does not make (UTF-8 validity, NUL bytes, size,
 * depth, duplicate keys, anchors) are made here, so every later stage can
 * trust the tree. libyaml marks are 0-based; pos_of() is the one place
 * they become 1-based positions.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

#include "load.h"
#include "tcache.h"

struct loader {
	struct arena *a;
	struct diags *d;
	const char *name;
	const char *data;
	size_t len;
	yaml_parser_t parser;
	unsigned depth;
	/* Line spans of block scalars, where a leading tab is content. */
	unsigned *block_first, *block_last;
	size_t nblock, capblock;
};

static struct pos
pos_of(const struct loader *l, yaml_mark_t m)
{
	struct pos p;

	p.file = l->name;
	p.line = (unsigned)m.line + 1;
	p.col = (unsigned)m.column + 1;
	return p;
}

/* Position of byte offset off, column counted in characters as libyaml
 * counts them. */
static struct pos
pos_at_offset(const struct loader *l, size_t off)
{
	struct pos p = {l->name, 1, 1};
	size_t i;

	for (i = 0; i < off && i < l->len; i++) {
		unsigned char c = (unsigned char)l->data[i];

		if (c == '\n') {
			p.line++;
			p.col = 1;
		} else if ((c & 0xC0) != 0x80) {
			p.col++;
		}
	}
	return p;
}

/* Returns the offset of the first invalid UTF-8 sequence, or len. */
static size_t
utf8_invalid(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t n, k;
		uint32_t cp;
		uint64_t w;

		/* ASCII, most of a file, eight bytes at a time. */
		if (len - i >= 8) {
			memcpy(&w, s + i, 8);
			if ((w & UINT64_C(0x8080808080808080)) == 0) {
				i += 8;
				continue;
			}
		}
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			cp = c & 0x07;
		} else {
			return i;
		}
		if (len - i <= n)
			return i;
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		/* Overlong forms, surrogates and values past U+10FFFF. */
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += n + 1;
	}
	return len;
}

/* Whether the eight bytes at s are all printable ASCII (0x20..0x7E):
 * none of them a control, DEL or part of a longer character. */
static bool
printable8(const unsigned char *s)
{
	const uint64_t ones = UINT64_C(0x0101010101010101);
	const uint64_t high = UINT64_C(0x8080808080808080);
	uint64_t w, del;

	memcpy(&w, s, 8);
	del = w ^ (0x7F * ones);
	/* No high bit; no byte below 0x20; no byte equal to 0x7F. */
	return (w & high) == 0 && ((w - 0x20 * ones) & high) == 0 &&
	    ((del - ones) & ~del & high) == 0;
}

/* Whether byte x is in the word w (the bit-twiddling "has zero byte"). */
static uint64_t
has_byte(uint64_t w, unsigned char x)
{
	const uint64_t ones = UINT64_C(0x0101010101010101);
	const uint64_t high = UINT64_C(0x8080808080808080);
	uint64_t v = w ^ (x * ones);

	return (v - ones) & ~v & high;
}

/*
 * Whether no character that unprintable() refuses starts in the eight
 * bytes at s, of valid UTF-8: no control but tab, LF and CR, no DEL,
 * and no 0xC2 or 0xEF byte (the lead bytes of the C1 controls and of
 * U+FFFE and U+FFFF). Accented letters pass, so that French or German
 * text does not go byte by byte (issue 14).
 */
static bool
clean8(const unsigned char *s)
{
	const uint64_t ones = UINT64_C(0x0101010101010101);
	const uint64_t high = UINT64_C(0x8080808080808080);
	uint64_t w;

	memcpy(&w, s, 8);
	if (has_byte(w, 0x7F) | has_byte(w, 0xC2) | has_byte(w, 0xEF))
		return false;
	if (((w - 0x20 * ones) & ~w & high) == 0)
		return true;
	for (int k = 0; k < 8; k++)
		if (s[k] < 0x20 && s[k] != '\t' && s[k] != '\n' &&
		    s[k] != '\r')
			return false;
	return true;
}

/*
 * Offset of the first character that YAML does not allow raw in a file
 * (C0 controls but tab, LF and CR; DEL; C1 controls but NEL; U+FFFE and
 * U+FFFF), in valid UTF-8 of len bytes; len when none. *cp gets it.
 * libyaml refuses the same set, but reports it at 1:1.
 */
static size_t
unprintable(const unsigned char *s, size_t len, uint32_t *cp)
{
	size_t i = 0, next_wide = 0;

	while (i < len) {
		unsigned char c = s[i];
		uint32_t v;
		size_t n;

		/* Most of a file, eight bytes at a time (issue 14); a word
		 * with another control or a non-ASCII byte goes one
		 * character at a time. */
		if (i >= next_wide && len - i >= 8) {
			if (clean8(s + i)) {
				/* On to the next character's start. */
				for (i += 8; i < len && (s[i] & 0xC0) == 0x80;
				     i++)
					;
				continue;
			}
			next_wide = i + 8;
		}
		if (c < 0x80) {
			v = c;
			n = 1;
		} else if (c < 0xE0) {
			v = (uint32_t)(c & 0x1F) << 6 | (s[i + 1] & 0x3F);
			n = 2;
		} else if (c < 0xF0) {
			v = (uint32_t)(c & 0x0F) << 12 |
			    (uint32_t)(s[i + 1] & 0x3F) << 6 | (s[i + 2] & 0x3F);
			n = 3;
		} else {
			v = 0x10000;
			n = 4;
		}
		if ((v < 0x20 && v != '\t' && v != '\n' && v != '\r') ||
		    v == 0x7F || (v >= 0x80 && v <= 0x9F && v != 0x85) ||
		    v == 0xFFFE || v == 0xFFFF) {
			*cp = v;
			return i;
		}
		i += n;
	}
	return len;
}

/* Checks the raw bytes, for a file libyaml did not parse to its end. */
static bool
check_bytes(struct loader *l)
{
	const char *nul = memchr(l->data, '\0', l->len);
	size_t bad = utf8_invalid((const unsigned char *)l->data, l->len);
	struct pos p;
	uint32_t cp;

	if (nul != NULL && (size_t)(nul - l->data) <= bad) {
		p = pos_at_offset(l, (size_t)(nul - l->data));
		diag_add(l->d, DIAG_ERROR, &p,
		    "NUL byte in the file: save it as plain UTF-8 text");
		return false;
	}
	if (bad < l->len) {
		p = pos_at_offset(l, bad);
		diag_add(l->d, DIAG_ERROR, &p,
		    "invalid UTF-8 byte 0x%02X: save the file as UTF-8 "
		    "(not Latin-1 or Windows-1252)",
		    (unsigned char)l->data[bad]);
		return false;
	}
	bad = unprintable((const unsigned char *)l->data, l->len, &cp);
	if (bad < l->len) {
		p = pos_at_offset(l, bad);
		diag_add(l->d, DIAG_ERROR, &p,
		    "invisible character U+%04X (a control character or a "
		    "non-character) is not allowed in a "
		    "YAML file: delete it (it often comes with text pasted "
		    "from another program)", (unsigned)cp);
		return false;
	}
	return true;
}

/* Byte offset of a libyaml mark (whose index counts characters). */
static size_t
offset_of_mark(const struct loader *l, yaml_mark_t m)
{
	size_t off = 0, line = 0, col = 0;

	while (off < l->len && line < m.line)
		if (l->data[off++] == '\n')
			line++;
	while (off < l->len && col < m.column && l->data[off] != '\n') {
		off++;
		while (off < l->len &&
		    ((unsigned char)l->data[off] & 0xC0) == 0x80)
			off++;
		col++;
	}
	return off;
}

/* A character a value may not hold: C0 controls but tab and the line
 * ends (LF, and CR of CRLF: the Mustache spec's files need "\r\n"),
 * DEL, C1 controls. A NUL would cut the text short at every later
 * stage; the others are invisible in a report. */
static bool
bad_control(uint32_t v)
{
	return (v < 0x20 && v != '\t' && v != '\n' && v != '\r') ||
	    v == 0x7F ||
	    (v >= 0x80 && v <= 0x9F);
}

/* The position of the escape of a double-quoted scalar that makes a
 * control character; the scalar's start when none is found. */
static struct pos
escape_pos(const struct loader *l, const yaml_event_t *ev)
{
	size_t i = offset_of_mark(l, ev->start_mark);
	size_t end = offset_of_mark(l, ev->end_mark);

	for (; i + 1 < end && i + 1 < l->len; i++) {
		size_t at = i, digits = 0, k;
		uint32_t v = 0x20;

		if (l->data[i] != '\\')
			continue;
		switch (l->data[++i]) {
		case '0': v = 0; break;
		case 'a': v = 7; break;
		case 'b': v = 8; break;
		case 'v': v = 11; break;
		case 'f': v = 12; break;
		case 'r': v = 13; break;
		case 'e': v = 27; break;
		case 'N': v = 0x85; break;
		case 'x': digits = 2; break;
		case 'u': digits = 4; break;
		case 'U': digits = 8; break;
		default: break;
		}
		for (k = 0, v = digits ? 0 : v; k < digits && i + 1 < end; k++) {
			char c = l->data[++i];

			v = v << 4 | (uint32_t)(c <= '9' ? c - '0' :
			    (c | 0x20) - 'a' + 10);
		}
		if (bad_control(v))
			return pos_at_offset(l, at);
	}
	return pos_of(l, ev->start_mark);
}

/* Refuses a value holding a control character (from an escape such
 * as "\0" or "\x1B" in a double-quoted scalar: the raw characters are
 * refused by check_bytes). */
static bool
check_controls(struct loader *l, const yaml_event_t *ev)
{
	const unsigned char *v = ev->data.scalar.value;
	size_t len = ev->data.scalar.length, i;

	for (i = 0; i < len; i++) {
		uint32_t c = v[i];
		struct pos p;

		while (len - i > 8 && printable8(v + i))
			i += 8;
		c = v[i];
		if (c >= 0x80) {
			/* U+0080..U+00BF; other characters cannot be
			 * controls (their bytes are skipped one by one). */
			if (c != 0xC2 || i + 1 >= len)
				continue;
			c = 0x80 | (v[++i] & 0x3F);
		}
		if (!bad_control(c))
			continue;
		p = escape_pos(l, ev);
		diag_add(l->d, DIAG_ERROR, &p, c == 0 ?
		    "the escape makes a NUL character, which would cut the "
		    "text short: remove it" :
		    "the escape makes the invisible control character U+%04X: "
		    "remove it (write \\t for a tab, \\n for a new line)",
		    (unsigned)c);
		return false;
	}
	return true;
}

static bool
in_block_scalar(const struct loader *l, unsigned line)
{
	size_t i;

	for (i = 0; i < l->nblock; i++)
		if (line > l->block_first[i] && line <= l->block_last[i])
			return true;
	return false;
}

/* A tab in a line's leading white space is indentation, which YAML
 * forbids; libyaml accepts some of these silently. */
static bool
check_tabs(struct loader *l)
{
	size_t i = 0;
	unsigned line = 1;
	bool ok = true;
	const char *nl;

	/* Most files hold no tab at all: one memchr says so. */
	if (memchr(l->data, '\t', l->len) == NULL)
		return true;
	while (i < l->len) {
		size_t j = i;

		while (j < l->len && l->data[j] == ' ')
			j++;
		if (j < l->len && l->data[j] == '\t' &&
		    !in_block_scalar(l, line)) {
			struct pos p = pos_at_offset(l, j);

			diag_add(l->d, DIAG_ERROR, &p,
			    "tab character used for indentation: indent "
			    "with spaces");
			ok = false;
		}
		/* The rest of the line, at memchr's speed. */
		nl = j < l->len ? memchr(l->data + j, '\n', l->len - j) : NULL;
		j = nl != NULL ? (size_t)(nl - l->data) : l->len;
		i = j + 1;
		line++;
	}
	return ok;
}

static void
syntax_error(struct loader *l)
{
	yaml_parser_t *pr = &l->parser;
	struct pos p = pos_of(l, pr->problem_mark);
	size_t off = pr->problem_mark.index;

	if (off < l->len && l->data[off] == '\t') {
		diag_add(l->d, DIAG_ERROR, &p,
		    "tab character where YAML expects indentation or a "
		    "value: use spaces");
		return;
	}
	if (pr->context != NULL)
		diag_add(l->d, DIAG_ERROR, &p,
		    "YAML syntax error: %s %s that starts at line %u", pr->problem,
		    pr->context, (unsigned)pr->context_mark.line + 1);
	else
		diag_add(l->d, DIAG_ERROR, &p, "YAML syntax error: %s",
		    pr->problem ? pr->problem : "unknown problem");
}

/* Pulls the next event; false (with a diagnostic) on a syntax error. */
static bool
next_event(struct loader *l, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&l->parser, ev)) {
		syntax_error(l);
		return false;
	}
	return true;
}

static bool
refuse_anchor_tag(struct loader *l, const yaml_event_t *ev,
		  const yaml_char_t *anchor, const yaml_char_t *tag,
		  bool implicit)
{
	struct pos p = pos_of(l, ev->start_mark);

	if (anchor != NULL) {
		diag_add(l->d, DIAG_ERROR, &p,
		    "anchor '&%s' is not allowed: incident files have no use "
		    "for anchors and aliases; write the value out in full",
		    (const char *)anchor);
		return false;
	}
	if (tag != NULL && !implicit) {
		/* Show the tag as written: !!int, not its expanded URI. */
		const char *t = (const char *)tag;
		const char *core = "tag:yaml.org,2002:";
		bool short_form = strncmp(t, core, strlen(core)) == 0;

		diag_add(l->d, DIAG_ERROR, &p,
		    "tag '%s%s' is not allowed: remove it and write the plain "
		    "value", short_form ? "!!" : "",
		    short_form ? t + strlen(core) : t);
		return false;
	}
	return true;
}

static struct node *parse_node(struct loader *l, yaml_event_t *ev);

static struct node *
make_scalar(struct loader *l, const yaml_event_t *ev)
{
	struct pos p = pos_of(l, ev->start_mark);
	const char *v = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length;
	yaml_scalar_style_t st = ev->data.scalar.style;
	struct node *n;

	if (!refuse_anchor_tag(l, ev, ev->data.scalar.anchor,
	    ev->data.scalar.tag, ev->data.scalar.plain_implicit ||
	    ev->data.scalar.quoted_implicit))
		return NULL;
	if (len > LOAD_MAX_SCALAR) {
		diag_add(l->d, DIAG_ERROR, &p,
		    "value of %zu bytes is over the limit of %u bytes: "
		    "shorten it or attach the text as a document", len,
		    LOAD_MAX_SCALAR);
		return NULL;
	}
	/* Only an escape makes a control character: the raw ones are
	 * refused by check_bytes, and escapes are in double quotes only. */
	if (st == YAML_DOUBLE_QUOTED_SCALAR_STYLE && !check_controls(l, ev))
		return NULL;
	if (st == YAML_LITERAL_SCALAR_STYLE || st == YAML_FOLDED_SCALAR_STYLE) {
		if (l->nblock == l->capblock) {
			l->capblock = l->capblock ? l->capblock * 2 : 16;
			l->block_first = xrealloc(l->block_first,
			    l->capblock * sizeof *l->block_first);
			l->block_last = xrealloc(l->block_last,
			    l->capblock * sizeof *l->block_last);
		}
		l->block_first[l->nblock] = (unsigned)ev->start_mark.line + 1;
		l->block_last[l->nblock] = (unsigned)ev->end_mark.line + 1;
		l->nblock++;
	}
	/* Only a short word starting so can be one of the words below:
	 * most scalars are spared the comparisons, and the others are
	 * made by length (memcmp of a constant size, no call). */
	if (st == YAML_PLAIN_SCALAR_STYLE &&
	    (len == 0 || (len <= 5 && strchr("~nNtTfF", v[0]) != NULL))) {
		/* The YAML 1.2 core schema, restricted to booleans and null:
		 * numbers stay strings, read by the stage that knows their
		 * type. */
		if (len == 0 || (len == 1 && v[0] == '~') || (len == 4 &&
		    (memcmp(v, "null", 4) == 0 || memcmp(v, "Null", 4) == 0 ||
		    memcmp(v, "NULL", 4) == 0)))
			return node_null(l->a, &p);
		if (len == 4 && (memcmp(v, "true", 4) == 0 ||
		    memcmp(v, "True", 4) == 0 || memcmp(v, "TRUE", 4) == 0))
			return node_bool(l->a, true, &p);
		if (len == 5 && (memcmp(v, "false", 5) == 0 ||
		    memcmp(v, "False", 5) == 0 || memcmp(v, "FALSE", 5) == 0))
			return node_bool(l->a, false, &p);
	}
	n = node_string(l->a, v, len, &p);
	n->plain = st == YAML_PLAIN_SCALAR_STYLE;
	return n;
}

static bool
enter(struct loader *l, const yaml_event_t *ev)
{
	if (++l->depth > LOAD_MAX_DEPTH) {
		struct pos p = pos_of(l, ev->start_mark);

		diag_add(l->d, DIAG_ERROR, &p,
		    "nesting deeper than %d levels: flatten the structure",
		    LOAD_MAX_DEPTH);
		return false;
	}
	return true;
}

static struct node *
make_sequence(struct loader *l, yaml_event_t *start)
{
	struct pos p = pos_of(l, start->start_mark);
	struct node *list = NULL;
	yaml_event_t ev;

	if (!refuse_anchor_tag(l, start, start->data.sequence_start.anchor,
	    start->data.sequence_start.tag,
	    start->data.sequence_start.implicit) || !enter(l, start))
		return NULL;
	list = node_list(l->a, &p);
	for (;;) {
		struct node *item;

		if (!next_event(l, &ev))
			return NULL;
		if (ev.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		item = parse_node(l, &ev);
		yaml_event_delete(&ev);
		if (item == NULL)
			return NULL;
		node_list_push(l->a, list, item);
	}
	l->depth--;
	return list;
}

static struct node *
make_mapping(struct loader *l, yaml_event_t *start)
{
	struct pos p = pos_of(l, start->start_mark);
	struct node *map;
	yaml_event_t ev;

	if (!refuse_anchor_tag(l, start, start->data.mapping_start.anchor,
	    start->data.mapping_start.tag,
	    start->data.mapping_start.implicit) || !enter(l, start))
		return NULL;
	map = node_map(l->a, &p);
	for (;;) {
		struct node *key, *value;
		const struct node_pair *prev;

		if (!next_event(l, &ev))
			return NULL;
		if (ev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		key = parse_node(l, &ev);
		yaml_event_delete(&ev);
		if (key == NULL)
			return NULL;
		if (key->kind != NODE_STRING) {
			diag_add(l->d, DIAG_ERROR, &key->pos,
			    "a key must be a name, not a %s",
			    node_kind_name(key->kind));
			return NULL;
		}
		prev = node_pair_get(map, key->u.str.s);
		if (prev != NULL) {
			/* libyaml keeps both; the second would silently
			 * replace the first, and data would be lost. */
			diag_add(l->d, DIAG_ERROR, &key->pos,
			    "duplicate key '%s' (first given at line %u): "
			    "keep one and remove the other", key->u.str.s,
			    prev->key_pos.line);
			return NULL;
		}
		if (!next_event(l, &ev))
			return NULL;
		value = parse_node(l, &ev);
		yaml_event_delete(&ev);
		if (value == NULL)
			return NULL;
		node_map_set(l->a, map, key->u.str.s, value);
		map->u.map.pairs[map->u.map.n - 1].key_pos = key->pos;
	}
	l->depth--;
	return map;
}

static struct node *
parse_node(struct loader *l, yaml_event_t *ev)
{
	struct pos p = pos_of(l, ev->start_mark);

	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		return make_scalar(l, ev);
	case YAML_SEQUENCE_START_EVENT:
		return make_sequence(l, ev);
	case YAML_MAPPING_START_EVENT:
		return make_mapping(l, ev);
	case YAML_ALIAS_EVENT:
		diag_add(l->d, DIAG_ERROR, &p,
		    "alias '*%s' is not allowed: incident files have no use "
		    "for anchors and aliases; write the value out in full",
		    (const char *)ev->data.alias.anchor);
		return NULL;
	default:
		diag_add(l->d, DIAG_ERROR, &p, "unexpected YAML event");
		return NULL;
	}
}

static struct node *
parse_stream(struct loader *l)
{
	struct node *root = NULL;
	yaml_event_t ev;
	bool ok = false;

	if (!next_event(l, &ev))
		return NULL;
	yaml_event_delete(&ev); /* STREAM-START */
	if (!next_event(l, &ev))
		return NULL;
	if (ev.type == YAML_STREAM_END_EVENT) {
		struct pos p = {l->name, 1, 1};

		yaml_event_delete(&ev);
		diag_add(l->d, DIAG_ERROR, &p,
		    "the file is empty: it holds no YAML document");
		return NULL;
	}
	yaml_event_delete(&ev); /* DOCUMENT-START */
	if (!next_event(l, &ev))
		return NULL;
	root = parse_node(l, &ev);
	yaml_event_delete(&ev);
	if (root == NULL)
		return NULL;
	if (!next_event(l, &ev))
		return NULL;
	yaml_event_delete(&ev); /* DOCUMENT-END */
	if (!next_event(l, &ev))
		return NULL;
	if (ev.type == YAML_DOCUMENT_START_EVENT) {
		struct pos p = pos_of(l, ev.start_mark);

		diag_add(l->d, DIAG_ERROR, &p,
		    "a second YAML document starts here: a file holds one "
		    "incident; remove the '---' and what follows, or move it "
		    "to its own file");
	} else {
		ok = true;
	}
	yaml_event_delete(&ev);
	if (ok && root->kind == NODE_NULL) {
		diag_add(l->d, DIAG_ERROR, &root->pos,
		    "the file is empty: it holds no YAML value");
		ok = false;
	}
	return ok ? root : NULL;
}

struct node *
load_buffer(struct arena *a, const char *name, const char *data, size_t len,
	    struct diags *d)
{
	struct loader l;
	struct node *root = NULL;
	struct diags pd;
	size_t errors = d->errors;

	/* A UTF-8 byte-order mark is accepted and skipped, so that columns
	 * on the first line count as an editor shows them. */
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	memset(&l, 0, sizeof l);
	l.a = a;
	l.d = d;
	l.name = name;
	l.data = data;
	l.len = len;
	if (len > LOAD_MAX_FILE) {
		struct pos p = {name, 1, 1};

		diag_add(d, DIAG_ERROR, &p,
		    "file of %zu bytes is over the limit of %u MiB", len,
		    LOAD_MAX_FILE >> 20);
		return NULL;
	}
	if (!yaml_parser_initialize(&l.parser)) {
		struct pos p = {name, 0, 0};

		diag_add(d, DIAG_ERROR, &p, "cannot start the YAML parser");
		return NULL;
	}
	yaml_parser_set_encoding(&l.parser, YAML_UTF8_ENCODING);
	yaml_parser_set_input_string(&l.parser, (const unsigned char *)data,
	    len);
	/* libyaml refuses the bytes check_bytes refuses, but reads only as
	 * far as it parses and reports them at 1:1. A file it parses to the
	 * end has none; only one it stops in is scanned, and a bad byte
	 * anywhere in it is the one error, as if scanned first (issue 14:
	 * the scan cost a tenth of check). */
	diag_init(&pd);
	l.d = &pd;
	root = parse_stream(&l);
	yaml_parser_delete(&l.parser);
	l.d = d;
	if (root == NULL || pd.errors > 0) {
		root = NULL;
		if (check_bytes(&l))
			diag_move(d, &pd);
	}
	diag_free(&pd);
	if (root != NULL && !check_tabs(&l))
		root = NULL;
	free(l.block_first);
	free(l.block_last);
	return d->errors > errors ? NULL : root;
}

/* A template file: a symbolic link refused (nofollow), the tree taken
 * from the cache of parsed templates (tcache.h) and kept there. */
enum { LOAD_NOFOLLOW = 1 << 0, LOAD_CACHE = 1 << 1 };

static struct node *
load_path(struct arena *a, const char *path, unsigned flags, struct diags *d,
	  int *status)
{
	bool nofollow = (flags & LOAD_NOFOLLOW) != 0;
	struct pos p = {NULL, 0, 0};
	struct stat st;
	struct node *root = NULL;
	char *data = NULL;
	size_t len = 0;
	int fd;

	/* read(2), not stdio: a batch reads thousands of files, and stdio
	 * adds calls and a buffer to each (issue 14). */
	p.file = arena_strdup(a, path);
	*status = EXIT_NOINPUT;
	fd = open(path, O_RDONLY | (nofollow ? O_NOFOLLOW : 0));
	if (fd < 0) {
		if (nofollow && errno == ELOOP)
			diag_add(d, DIAG_ERROR, &p, "is a symbolic link: "
			    "template files are read only from files of their "
			    "folder; put a copy of the file there");
		else
			diag_add(d, DIAG_ERROR, &p, "cannot open: %s",
			    strerror(errno));
		goto out;
	}
	if (fstat(fd, &st) != 0) {
		diag_add(d, DIAG_ERROR, &p, "cannot read: %s", strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_add(d, DIAG_ERROR, &p, S_ISDIR(st.st_mode) ?
		    "is a directory, not a YAML file" :
		    "is not a regular file");
		goto out;
	}
	if ((uintmax_t)st.st_size > LOAD_MAX_FILE) {
		*status = EXIT_DATAERR;
		p.line = p.col = 1;
		diag_add(d, DIAG_ERROR, &p,
		    "file of %jd bytes is over the limit of %u MiB",
		    (intmax_t)st.st_size, LOAD_MAX_FILE >> 20);
		goto out;
	}
	/* Read one byte past the limit: the file may grow after fstat. */
	data = xmalloc((size_t)st.st_size + 2);
	while (len < (size_t)st.st_size + 1) {
		ssize_t k = read(fd, data + len, (size_t)st.st_size + 1 - len);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			diag_add(d, DIAG_ERROR, &p, "read error: %s",
			    strerror(errno));
			goto out;
		}
		if (k == 0)
			break;
		len += (size_t)k;
	}
	data[len] = '\0';
	*status = EXIT_DATAERR;
	if ((flags & LOAD_CACHE) &&
	    (root = tc_get(a, p.file, data, len)) != NULL) {
		*status = 0;
		goto out;
	}
	root = load_buffer(a, p.file, data, len, d);
	if (root != NULL)
		*status = 0;
	if (root != NULL && (flags & LOAD_CACHE))
		tc_put(data, len, root);
out:
	if (fd >= 0)
		close(fd);
	free(data);
	return root;
}

struct node *
load_file(struct arena *a, const char *path, struct diags *d, int *status)
{
	return load_path(a, path, 0, d, status);
}

struct node *
load_template(struct arena *a, const char *path, struct diags *d,
	      int *status)
{
	return load_path(a, path, LOAD_CACHE, d, status);
}

struct node *
load_file_nofollow(struct arena *a, const char *path, struct diags *d,
		   int *status)
{
	return load_path(a, path, LOAD_NOFOLLOW | LOAD_CACHE, d, status);
}

/* Skips the node whose first event is ev (a collection to its end). */
static bool
peek_skip(yaml_parser_t *pr, const yaml_event_t *ev)
{
	yaml_event_t e;
	int depth;

	if (ev->type != YAML_MAPPING_START_EVENT &&
	    ev->type != YAML_SEQUENCE_START_EVENT)
		return true;
	for (depth = 1; depth > 0;) {
		if (!yaml_parser_parse(pr, &e))
			return false;
		if (e.type == YAML_MAPPING_START_EVENT ||
		    e.type == YAML_SEQUENCE_START_EVENT)
			depth++;
		else if (e.type == YAML_MAPPING_END_EVENT ||
			 e.type == YAML_SEQUENCE_END_EVENT ||
			 e.type == YAML_STREAM_END_EVENT)
			depth--;
		yaml_event_delete(&e);
	}
	return true;
}

/* libyaml's file reader, in short reads: libyaml decodes all it is
 * given, and the id is near the top of the file (issue 14). */
static int
peek_read(void *data, unsigned char *buf, size_t size, size_t *size_read)
{
	FILE *fp = data;

	*size_read = fread(buf, 1, size < 1024 ? size : 1024, fp);
	return !ferror(fp);
}

char *
load_peek_string(struct arena *a, const char *path, const char *key)
{
	yaml_parser_t pr;
	yaml_event_t ev, val;
	FILE *fp = fopen(path, "rb");
	char *res = NULL;
	int opened = 0;
	bool done = false;

	if (fp == NULL || !yaml_parser_initialize(&pr))
		goto out;
	yaml_parser_set_input(&pr, peek_read, fp);
	/* Stream, document, then the root map. */
	while (!done && opened < 3 && yaml_parser_parse(&pr, &ev)) {
		done = ev.type != (opened == 0 ? YAML_STREAM_START_EVENT :
				   opened == 1 ? YAML_DOCUMENT_START_EVENT :
				   YAML_MAPPING_START_EVENT);
		opened++;
		yaml_event_delete(&ev);
	}
	while (!done && opened == 3 && yaml_parser_parse(&pr, &ev)) {
		bool is_key = ev.type == YAML_SCALAR_EVENT &&
		    strcmp((const char *)ev.data.scalar.value, key) == 0;

		done = ev.type == YAML_MAPPING_END_EVENT || !peek_skip(&pr, &ev);
		yaml_event_delete(&ev);
		if (done || !yaml_parser_parse(&pr, &val))
			break;
		if (is_key) {
			const char *v = (const char *)val.data.scalar.value;
			size_t len = val.data.scalar.length;

			/* What load_file makes a string (not null nor a
			 * boolean: as make_scalar makes them). */
			if (val.type == YAML_SCALAR_EVENT &&
			    (val.data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
			     (len > 0 && strcmp(v, "~") != 0 &&
			      strcmp(v, "null") != 0 && strcmp(v, "Null") != 0 &&
			      strcmp(v, "NULL") != 0 && strcmp(v, "true") != 0 &&
			      strcmp(v, "True") != 0 && strcmp(v, "TRUE") != 0 &&
			      strcmp(v, "false") != 0 && strcmp(v, "False") != 0 &&
			      strcmp(v, "FALSE") != 0)))
				res = arena_strndup(a, v, len);
			done = true;
		} else {
			done = !peek_skip(&pr, &val);
		}
		yaml_event_delete(&val);
	}
	yaml_parser_delete(&pr);
out:
	if (fp != NULL)
		fclose(fp);
	return res;
}

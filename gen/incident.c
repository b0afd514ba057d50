/*
 * incident.c - node tree -> struct incident, validated against the
 * schema tables of schema.c.
 *
 * Every problem of a file is reported in one run, each at its position
 * and with what to write instead; the struct is returned only when there
 * is no error. Only the tables decide which keys exist, their types and
 * when they are required; the checks that relate several fields (dates
 * in order, tbd only in an incomplete notification) follow the table
 * pass.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/uloc.h>

#include "datetime.h"
#include "incident.h"
#include "load.h"
#include "schema.h"
#include "tz.h"

#define MAX_COUNT 10000000000LL	/* 10^10: more than any breach */

struct ctx {
	struct arena *a;
	struct diags *d;
	struct incident *inc;
	const struct node *root;
	bool incomplete, withdraw;
	struct inc_tbd *tbd;
	size_t ntbd, captbd;
};

static void fill_map(struct ctx *c, const struct sch_field *table,
		     const struct node *map, char *base, const char *path,
		     bool in_list);

/* Edit distance, for "did you mean". */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, r = 0;
	size_t *row;

	if (la > 64 || lb > 64)
		return 99;
	row = xmalloc((lb + 1) * sizeof *row);
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t up = row[j], best = diag +
			    (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	r = row[lb];
	free(row);
	return r;
}

/* The closest name within reach of a typo, or NULL. */
static const char *
near_miss(const char *word, const char *const *names, size_t n)
{
	const char *best = NULL;
	size_t i, bestd = 99, wl = strlen(word);
	size_t limit = wl <= 4 ? 1 : wl <= 8 ? 2 : 3;

	for (i = 0; i < n; i++) {
		size_t dd = distance(word, names[i]);

		if (dd < bestd) {
			bestd = dd;
			best = names[i];
		}
	}
	return bestd <= limit ? best : NULL;
}

static const char *
join_keys(struct ctx *c, const struct sch_enum *en)
{
	struct buf b = BUF_INIT;
	const char *s;
	size_t i;

	for (i = 0; i < en->n; i++) {
		if (strcmp(en->opts[i].key, "tbd") == 0 && !c->incomplete)
			continue;
		if (b.len > 0)
			buf_puts(&b, ", ");
		buf_puts(&b, en->opts[i].key);
	}
	s = arena_strdup(c->a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* Made for every field read: copies, not a printf (issue 14). */
static const char *
join_path(struct ctx *c, const char *path, const char *name)
{
	size_t lp = strlen(path), ln = strlen(name);
	char *s;

	if (lp == 0)
		return arena_strndup(c->a, name, ln);
	s = arena_alloc(c->a, lp + ln + 2);
	memcpy(s, path, lp);
	s[lp] = '.';
	memcpy(s + lp + 1, name, ln + 1);
	return s;
}

/* "When did the breach occur? (EDPB field 44, Art. 33(1))" */
static const char *
field_ref(struct ctx *c, const struct sch_field *f)
{
	const char *art = f->article && *f->article ? f->article : NULL;

	if (f->edpb && art)
		return arena_printf(c->a, "%s (EDPB field %u, %s)", f->title,
		    f->edpb, art);
	if (f->edpb)
		return arena_printf(c->a, "%s (EDPB field %u)", f->title,
		    f->edpb);
	if (art)
		return arena_printf(c->a, "%s (%s)", f->title, art);
	return f->title;
}

static bool
is_tbd(const struct node *n)
{
	return n->kind == NODE_STRING && strcmp(n->u.str.s, "tbd") == 0;
}

static void
record_tbd(struct ctx *c, const char *path, const struct sch_field *f,
	   const struct node *n)
{
	if (!c->incomplete) {
		diag_add(c->d, DIAG_ERROR, &n->pos,
		    "'%s' is tbd, which only an incomplete notification may "
		    "say (Art. 33(4)): give the value, or set "
		    "notification.subtype: incomplete", path);
		return;
	}
	if (c->ntbd == c->captbd) {
		c->captbd = c->captbd ? c->captbd * 2 : 8;
		c->tbd = arena_grow(c->a, c->tbd, c->ntbd * sizeof *c->tbd,
		    c->captbd * sizeof *c->tbd);
	}
	c->tbd[c->ntbd].path = path;
	c->tbd[c->ntbd].edpb = f->edpb;
	c->tbd[c->ntbd].pos = n->pos;
	c->ntbd++;
}

static bool
expect(struct ctx *c, const struct node *n, enum node_kind kind,
       const char *path, const char *hint)
{
	if (n->kind == kind)
		return true;
	diag_add(c->d, DIAG_ERROR, &n->pos, "'%s' must be a %s, not a %s: %s",
	    path, node_kind_name(kind), node_kind_name(n->kind), hint);
	return false;
}

static bool
check_string(struct ctx *c, const struct node *n, const char *path)
{
	if (!expect(c, n, NODE_STRING, path, "write text"))
		return false;
	if (n->u.str.len == 0) {
		diag_add(c->d, DIAG_ERROR, &n->pos,
		    "'%s' is empty: write the value, or remove the line", path);
		return false;
	}
	return true;
}

/* A short field holds at most max characters (schema.c). */
static bool
check_length(struct ctx *c, const struct node *n, const char *path,
	     size_t max)
{
	size_t chars = 0;

	for (size_t i = 0; i < n->u.str.len; i++)
		chars += ((unsigned char)n->u.str.s[i] & 0xC0) != 0x80;
	if (max == 0 || chars <= max)
		return true;
	diag_add(c->d, DIAG_ERROR, &n->pos,
	    "'%s' has %zu characters, over the %zu a form takes: shorten it "
	    "(a long explanation belongs in a description field)", path,
	    chars, max);
	return false;
}

/* Is the primary subtag tag[0..len) an ISO 639 code ICU knows? */
static bool
known_language(const char *tag, size_t len)
{
	const char *const *iso = uloc_getISOLanguages();
	char low[4];
	size_t i;

	for (i = 0; i < len; i++)
		low[i] = (char)(tag[i] | 0x20);
	low[len] = '\0';
	for (i = 0; iso[i] != NULL; i++)
		if (strcmp(iso[i], low) == 0)
			return true;
	return false;
}

/* Tags found valid: every text of a file names the same two or three,
 * and ICU's list costs a tenth of a check (issue 14). Per thread, as
 * the caches of tz.c, so that it needs no lock. */
#define LANG_MEMO 4
static _Thread_local char lang_memo[LANG_MEMO][36];
static _Thread_local unsigned lang_memo_next;

static bool
valid_lang_icu(const char *tag, size_t len);

static bool
valid_lang(const char *tag)
{
	size_t i, len = strlen(tag);

	if (len < 2 || len > 35)
		return false;
	for (i = 0; i < LANG_MEMO; i++)
		if (lang_memo[i][0] == tag[0] && strcmp(lang_memo[i], tag) == 0)
			return true;
	if (!valid_lang_icu(tag, len))
		return false;
	memcpy(lang_memo[lang_memo_next++ % LANG_MEMO], tag, len + 1);
	return true;
}

static bool
valid_lang_icu(const char *tag, size_t len)
{
	char buf[64];
	int32_t parsed = 0;
	UErrorCode err = U_ZERO_ERROR;
	size_t i;

	for (i = 0; i < len; i++) {
		char ch = tag[i];

		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '-'))
			return false;
	}
	/* The primary subtag is letters only, 2-3 of them (or 5-8). */
	for (i = 0; i < len && tag[i] != '-'; i++)
		if (!((tag[i] >= 'a' && tag[i] <= 'z') ||
		    (tag[i] >= 'A' && tag[i] <= 'Z')))
			return false;
	/* 4-8 letters are reserved or registered-only subtags, and none is
	 * registered: "english" is a word, not a tag. */
	if (i < 2 || i > 3 || !known_language(tag, i))
		return false;
	uloc_forLanguageTag(tag, buf, sizeof buf, &parsed, &err);
	return U_SUCCESS(err) && (size_t)parsed == len;
}

static const char *
country_code(struct ctx *c, const struct node *n, const char *path)
{
	const char *const *iso = uloc_getISOCountries();
	char up[3];
	size_t i;

	if (!check_string(c, n, path))
		return NULL;
	if (n->u.str.len == 2) {
		up[0] = (char)(n->u.str.s[0] & ~0x20);
		up[1] = (char)(n->u.str.s[1] & ~0x20);
		up[2] = '\0';
		for (i = 0; iso[i] != NULL; i++)
			if (iso[i][0] == up[0] && iso[i][1] == up[1] &&
			    iso[i][2] == '\0') {
				char *lc = arena_strdup(c->a, up);

				lc[0] = (char)(lc[0] | 0x20);
				lc[1] = (char)(lc[1] | 0x20);
				return lc;
			}
	}
	diag_add(c->d, DIAG_ERROR, &n->pos,
	    "'%s' is not an ISO 3166 country code: write two letters such "
	    "as de, fr or se", n->u.str.s);
	return NULL;
}

static bool
parse_count(struct ctx *c, const struct node *n, const char *path,
	    int64_t lo, int64_t hi, int64_t *out)
{
	const char *s;
	bool neg = false;
	int64_t v = 0;

	if (n->kind != NODE_STRING || !n->plain) {
		diag_add(c->d, DIAG_ERROR, &n->pos,
		    "'%s' must be a whole number written without quotes, "
		    "such as 28000000", path);
		return false;
	}
	s = n->u.str.s;
	if (*s == '-' || *s == '+') {
		neg = *s == '-';
		s++;
	}
	if (*s == '\0')
		goto bad;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			goto bad;
		if (v > (INT64_MAX - 9) / 10) {
			v = INT64_MAX;
			break;
		}
		v = v * 10 + (*s - '0');
	}
	if (neg)
		v = -v;
	if (v < lo) {
		if (lo == 0)
			diag_add(c->d, DIAG_ERROR, &n->pos,
			    "'%s' is negative: a count is 0 or more", path);
		else
			diag_add(c->d, DIAG_ERROR, &n->pos,
			    "'%s' is %s, below the smallest allowed value "
			    "%lld", path, n->u.str.s, (long long)lo);
		return false;
	}
	if (v > hi) {
		diag_add(c->d, DIAG_ERROR, &n->pos,
		    "'%s' is %s, above the largest allowed value %lld: check "
		    "the number", path, n->u.str.s, (long long)hi);
		return false;
	}
	*out = v;
	return true;
bad:
	diag_add(c->d, DIAG_ERROR, &n->pos,
	    "'%s' is '%s', not a whole number: write digits only, without "
	    "spaces, separators or decimals (e.g. 28000000)", path,
	    n->u.str.s);
	return false;
}

static bool
parse_time(struct ctx *c, const struct node *n, const char *path,
	   struct inc_time *t)
{
	struct dt v;
	size_t off = 0;
	enum dt_error e;
	struct pos p = n->pos;

	if (n->kind != NODE_STRING) {
		diag_add(c->d, DIAG_ERROR, &n->pos,
		    "'%s' must be a date and time such as "
		    "2025-12-14T08:30:00+01:00", path);
		return false;
	}
	e = dt_parse(n->u.str.s, n->u.str.len, &v, &off);
	if (e == DT_OK && v.date_only) {
		diag_add(c->d, DIAG_ERROR, &p,
		    "'%s' is a date without a time: the 72-hour clock needs "
		    "the time and its UTC offset; write e.g. "
		    "%sT08:30:00+01:00", path, n->u.str.s);
		return false;
	}
	if (e == DT_ENOOFFSET) {
		diag_add(c->d, DIAG_ERROR, &p,
		    "'%s' has no UTC offset: the 72-hour clock needs one; "
		    "write e.g. %.*sT08:30:00+01:00 (local time with its "
		    "offset) or ...Z for UTC", path,
		    (int)(n->u.str.len >= 10 ? 10 : n->u.str.len),
		    n->u.str.s);
		return false;
	}
	if (e != DT_OK) {
		/* Quoted scalars start one column after the quote. */
		p.col += (unsigned)off + (n->plain ? 0 : 1);
		diag_add(c->d, DIAG_ERROR, &p,
		    "'%s': %s: write a date and time such as "
		    "2025-12-14T08:30:00+01:00", path, dt_error_text(e));
		return false;
	}
	/* A day's margin: the reports read it in the authority's zone. */
	if (v.epoch_sec < TZ_EPOCH_MIN + 86400 ||
	    v.epoch_sec > TZ_EPOCH_MAX - 86400) {
		diag_add(c->d, DIAG_ERROR, &p,
		    "'%s': the reports can print dates from 0001-01-02 to "
		    "9999-12-30 only; write the real date and time, such as "
		    "2025-12-14T08:30:00+01:00", path);
		return false;
	}
	t->set = true;
	t->epoch = v.epoch_sec;
	t->offset_min = v.offset_min;
	t->pos = n->pos;
	return true;
}

static bool
parse_text(struct ctx *c, const struct node *n, const char *path,
	   struct inc_text *t)
{
	size_t i;
	bool ok = true;

	t->pos = n->pos;
	if (n->kind == NODE_STRING) {
		if (!check_string(c, n, path))
			return false;
		t->plain = n->u.str.s;
		return true;
	}
	if (n->kind != NODE_MAP) {
		diag_add(c->d, DIAG_ERROR, &n->pos,
		    "'%s' must be text, or a map of texts by language such "
		    "as {en: ..., fr: ...}, not a %s", path,
		    node_kind_name(n->kind));
		return false;
	}
	if (n->u.map.n == 0) {
		diag_add(c->d, DIAG_ERROR, &n->pos,
		    "'%s' is an empty map: give at least one language", path);
		return false;
	}
	t->tr = arena_alloc(c->a, n->u.map.n * sizeof *t->tr);
	for (i = 0; i < n->u.map.n; i++) {
		const struct node_pair *p = &n->u.map.pairs[i];
		const char *sub = join_path(c, path, p->key);

		if (!valid_lang(p->key)) {
			diag_add(c->d, DIAG_ERROR, &p->key_pos,
			    "'%s' is not a BCP 47 language tag: the keys of a "
			    "text are languages such as en, fr, de-CH", p->key);
			ok = false;
			continue;
		}
		if (!check_string(c, p->value, sub)) {
			ok = false;
			continue;
		}
		t->tr[t->ntr].lang = p->key;
		t->tr[t->ntr].text = p->value->u.str.s;
		t->ntr++;
	}
	return ok;
}

static int
parse_enum(struct ctx *c, const struct node *n, const char *path,
	   const struct sch_enum *en)
{
	const char **names;
	const char *hint;
	size_t i;
	int v;

	if (n->kind != NODE_STRING) {
		diag_add(c->d, DIAG_ERROR, &n->pos,
		    "'%s' must be one of: %s", path, join_keys(c, en));
		return 0;
	}
	v = sch_value(en, n->u.str.s);
	if (v != 0)
		return v;
	names = arena_alloc(c->a, en->n * sizeof *names);
	for (i = 0; i < en->n; i++)
		names[i] = en->opts[i].key;
	hint = near_miss(n->u.str.s, names, en->n);
	if (hint != NULL)
		diag_add(c->d, DIAG_ERROR, &n->pos,
		    "'%s' is not a value of '%s': did you mean '%s'? (allowed: "
		    "%s)", n->u.str.s, path, hint, join_keys(c, en));
	else
		diag_add(c->d, DIAG_ERROR, &n->pos,
		    "'%s' is not a value of '%s': write one of %s",
		    n->u.str.s, path, join_keys(c, en));
	return 0;
}

static void
fill_set(struct ctx *c, const struct node *n, const char *path,
	 const struct sch_field *f, inc_set *out)
{
	size_t i;

	if (n->kind == NODE_STRING) {
		diag_add(c->d, DIAG_ERROR, &n->pos,
		    "'%s' must be a list: write [%s]", path, n->u.str.s);
		return;
	}
	if (!expect(c, n, NODE_LIST, path, "write a list such as [a, b]"))
		return;
	if (n->u.list.n == 0) {
		diag_add(c->d, DIAG_ERROR, &n->pos,
		    "'%s' is an empty list: give at least one of %s", path,
		    join_keys(c, f->en));
		return;
	}
	for (i = 0; i < n->u.list.n; i++) {
		const struct node *it = n->u.list.items[i];
		int v = parse_enum(c, it, path, f->en);

		if (v == 0)
			continue;
		if (INC_HAS(*out, v))
			diag_add(c->d, DIAG_WARNING, &it->pos,
			    "'%s' is listed twice in '%s': remove one",
			    it->u.str.s, path);
		if (strcmp(it->u.str.s, "tbd") == 0) {
			if (n->u.list.n > 1)
				diag_add(c->d, DIAG_ERROR, &it->pos,
				    "'%s' lists tbd with other values: write "
				    "[tbd] alone, or only the known values",
				    path);
			record_tbd(c, path, f, it);
		}
		*out |= (inc_set)1 << v;
	}
}

static const char **
fill_string_list(struct ctx *c, const struct node *n, const char *path,
		 enum sch_type type, size_t *count)
{
	const char **v;
	size_t i, k = 0;

	if (!expect(c, n, NODE_LIST, path, "write a list such as [a, b]"))
		return NULL;
	v = arena_alloc(c->a, (n->u.list.n + 1) * sizeof *v);
	for (i = 0; i < n->u.list.n; i++) {
		const struct node *it = n->u.list.items[i];
		const char *s = NULL;
		size_t j;

		if (type == SCH_COUNTRY_LIST) {
			s = country_code(c, it, path);
		} else if (check_string(c, it, path)) {
			s = it->u.str.s;
			if (type == SCH_LANG_LIST && !valid_lang(s)) {
				diag_add(c->d, DIAG_ERROR, &it->pos,
				    "'%s' is not a BCP 47 language tag: write "
				    "e.g. fr or en", s);
				s = NULL;
			}
		}
		if (s == NULL)
			continue;
		for (j = 0; j < k; j++)
			if (strcmp(v[j], s) == 0)
				break;
		if (j < k) {
			diag_add(c->d, DIAG_WARNING, &it->pos,
			    "'%s' is listed twice in '%s': remove one", s,
			    path);
			continue;
		}
		v[k++] = s;
	}
	*count = k;
	return v;
}

static void
fill_country_counts(struct ctx *c, const struct node *n, const char *path,
		    struct inc_country_count **out, size_t *count)
{
	size_t i;

	if (!expect(c, n, NODE_MAP, path,
	    "write a map from country to number, e.g. {de: 9000000}"))
		return;
	*out = arena_alloc(c->a, (n->u.map.n + 1) * sizeof **out);
	for (i = 0; i < n->u.map.n; i++) {
		const struct node_pair *p = &n->u.map.pairs[i];
		struct node key = {0};
		const char *cc;
		int64_t v;

		key.kind = NODE_STRING;
		key.pos = p->key_pos;
		key.u.str.s = p->key;
		key.u.str.len = strlen(p->key);
		cc = country_code(c, &key, path);
		if (cc == NULL || !parse_count(c, p->value,
		    join_path(c, path, p->key), 0, MAX_COUNT, &v))
			continue;
		(*out)[*count].country = cc;
		(*out)[*count].count = v;
		(*out)[*count].pos = p->key_pos;
		(*count)++;
	}
}

static bool
valid_id(const char *s)
{
	const char *p;

	if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
		return false;
	for (p = s + 1; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '.' || *p == '_' || *p == '-'))
			return false;
	return p - s <= 64;
}

static void
fill_list(struct ctx *c, const struct sch_field *f, const struct node *n,
	  char *base, const char *path)
{
	char *items;
	size_t i;

	if (!expect(c, n, NODE_LIST, path,
	    "write a list of entries, each starting with '- '"))
		return;
	items = arena_alloc(c->a, (n->u.list.n + 1) * f->item_size);
	for (i = 0; i < n->u.list.n; i++) {
		const struct node *it = n->u.list.items[i];
		const char *sub = arena_printf(c->a, "%s[%zu]", path, i + 1);

		if (!expect(c, it, NODE_MAP, sub, "write the entry's fields"))
			continue;
		fill_map(c, f->sub, it, items + i * f->item_size, sub, true);
		*(struct pos *)(items + i * f->item_size + f->item_pos) =
		    it->pos;
	}
	*(void **)(base + f->off) = items;
	*(size_t *)(base + f->count_off) = n->u.list.n;
}

/* Converts one present value into its member of base. */
static void
fill_value(struct ctx *c, const struct sch_field *f, const struct node *n,
	   char *base, const char *path, bool in_list)
{
	void *dst = base + f->off;
	int64_t v;

	if (f->tbd && f->type != SCH_ENUM && f->type != SCH_SET &&
	    is_tbd(n)) {
		record_tbd(c, path, f, n);
		return;
	}
	/* Other types refuse the word themselves; text would print it. */
	if (!f->tbd && (f->type == SCH_TEXT || f->type == SCH_STRING) &&
	    is_tbd(n)) {
		diag_add(c->d, DIAG_ERROR, &n->pos,
		    "'%s' cannot be tbd, not even in an incomplete "
		    "notification: write the text", path);
		return;
	}
	switch (f->type) {
	case SCH_GROUP:
		if (expect(c, n, NODE_MAP, path, "write its fields indented "
		    "below it"))
			fill_map(c, f->sub, n, dst, path, in_list);
		break;
	case SCH_LIST:
		fill_list(c, f, n, base, path);
		break;
	case SCH_STRING:
		if (n->kind == NODE_STRING && check_string(c, n, path) &&
		    check_length(c, n, path, sch_max_length(f)))
			*(const char **)dst = n->u.str.s;
		else if (n->kind != NODE_STRING)
			expect(c, n, NODE_STRING, path, "write text");
		break;
	case SCH_TEXT:
		parse_text(c, n, path, dst);
		break;
	case SCH_TEXT_LIST: {
		struct inc_text *t;
		size_t i, k = 0;

		if (!expect(c, n, NODE_LIST, path,
		    "write a list, one item per line starting with '- '"))
			break;
		t = arena_alloc(c->a, (n->u.list.n + 1) * sizeof *t);
		for (i = 0; i < n->u.list.n; i++)
			if (parse_text(c, n->u.list.items[i], path, &t[k]))
				k++;
		*(struct inc_text **)dst = t;
		*(size_t *)(base + f->count_off) = k;
		break;
	}
	case SCH_BOOL:
		if (n->kind == NODE_BOOL)
			*(bool *)dst = n->u.b;
		else
			diag_add(c->d, DIAG_ERROR, &n->pos,
			    "'%s' must be true or false%s", path,
			    n->kind == NODE_STRING ? arena_printf(c->a,
			    ", not '%s'", n->u.str.s) : "");
		break;
	case SCH_COUNT:
		if (parse_count(c, n, path, 0, MAX_COUNT, &v)) {
			((struct inc_count *)dst)->value = v;
			((struct inc_count *)dst)->pos = n->pos;
		}
		break;
	case SCH_DELTA:
		if (parse_count(c, n, path, -3, 3, &v))
			*(int *)dst = (int)v;
		break;
	case SCH_TIME:
		parse_time(c, n, path, dst);
		break;
	case SCH_ENUM: {
		int e = parse_enum(c, n, path, f->en);

		*(int *)dst = e;
		if (e != 0 && strcmp(n->u.str.s, "tbd") == 0)
			record_tbd(c, path, f, n);
		break;
	}
	case SCH_SET:
		fill_set(c, n, path, f, dst);
		break;
	case SCH_LANG:
		if (check_string(c, n, path)) {
			if (valid_lang(n->u.str.s))
				*(const char **)dst = n->u.str.s;
			else
				diag_add(c->d, DIAG_ERROR, &n->pos,
				    "'%s' is not a BCP 47 language tag: write "
				    "e.g. fr or en", n->u.str.s);
		}
		break;
	case SCH_LANG_LIST:
	case SCH_COUNTRY_LIST:
	case SCH_CODE_LIST:
		*(const char ***)dst = fill_string_list(c, n, path, f->type,
		    (size_t *)(base + f->count_off));
		break;
	case SCH_COUNTRY:
		*(const char **)dst = country_code(c, n, path);
		break;
	case SCH_COUNTRY_COUNTS:
		fill_country_counts(c, n, path, dst,
		    (size_t *)(base + f->count_off));
		break;
	case SCH_ID:
		if (check_string(c, n, path)) {
			if (valid_id(n->u.str.s))
				*(const char **)dst = n->u.str.s;
			else
				diag_add(c->d, DIAG_ERROR, &n->pos,
				    "id '%s' must be lower-case letters, digits, "
				    "'.', '_' or '-', starting with a letter or "
				    "digit, at most 64 of them (e.g. "
				    "sc-2025-001): it names the output files",
				    n->u.str.s);
		}
		break;
	case SCH_VERSION:
		if (n->kind == NODE_STRING && n->plain &&
		    strcmp(n->u.str.s, "1") == 0)
			*(int *)dst = 1;
		else
			diag_add(c->d, DIAG_ERROR, &n->pos,
			    "this breachgen reads version 1 of the incident "
			    "format: write 'breachgen: 1'");
		break;
	}
}

/* Does the value at path (from the root) equal or contain one of the
 * '|'-separated keys? */
static bool
value_matches(const struct node *root, const char *paths, const char *keys)
{
	char path[128];
	const char *pp = paths;

	while (*pp) {
		size_t plen = strcspn(pp, "|");
		const struct node *n;
		const char *kp = keys;

		if (plen >= sizeof path)
			return false;
		memcpy(path, pp, plen);
		path[plen] = '\0';
		pp += plen + (pp[plen] == '|');
		n = node_path(root, path);
		if (n == NULL)
			continue;
		while (*kp) {
			size_t klen = strcspn(kp, "|");
			size_t i;

			if (n->kind == NODE_STRING && n->u.str.len == klen &&
			    strncmp(n->u.str.s, kp, klen) == 0)
				return true;
			if (n->kind == NODE_BOOL && klen ==
			    (n->u.b ? 4u : 5u) && strncmp(kp, n->u.b ?
			    "true" : "false", klen) == 0)
				return true;
			for (i = 0; n->kind == NODE_LIST &&
			    i < n->u.list.n; i++) {
				const struct node *it = n->u.list.items[i];

				if (it->kind == NODE_STRING &&
				    it->u.str.len == klen &&
				    strncmp(it->u.str.s, kp, klen) == 0)
					return true;
			}
			kp += klen + (kp[klen] == '|');
		}
	}
	return false;
}

static bool
required(const struct ctx *c, const struct sch_field *f)
{
	if (f->req == REQ_NO || (f->req == REQ_YES && c->withdraw))
		return false;
	if (f->when_path == NULL)
		return true;
	return value_matches(c->root, f->when_path, f->when_value) &&
	    (f->and_path == NULL ||
	    value_matches(c->root, f->and_path, f->and_value));
}

static void
unknown_key(struct ctx *c, const struct sch_field *table,
	    const struct node_pair *p, const char *path)
{
	const char *names[64];
	const char *hint;
	size_t n = 0;
	const struct sch_field *f;
	struct buf all = BUF_INIT;

	for (f = table; f->name != NULL && n < 64; f++) {
		names[n++] = f->name;
		if (all.len)
			buf_puts(&all, ", ");
		buf_puts(&all, f->name);
	}
	hint = near_miss(p->key, names, n);
	if (hint != NULL)
		diag_add(c->d, DIAG_ERROR, &p->key_pos,
		    "unknown key '%s'%s%s: did you mean '%s'?", p->key,
		    *path ? " in " : "", path, hint);
	else
		diag_add(c->d, DIAG_ERROR, &p->key_pos,
		    "unknown key '%s'%s%s: the keys here are %s", p->key,
		    *path ? " in " : "", path, buf_cstr(&all));
	buf_free(&all);
}

/* Fields of a schema table that fill_map matches in one pass. */
#define FILL_MAX 64

static void
fill_map(struct ctx *c, const struct sch_field *table, const struct node *map,
	 char *base, const char *path, bool in_list)
{
	const struct node_pair *hit[FILL_MAX];	/* each field's pair */
	const struct sch_field *f;
	size_t i, nf = 0;

	for (f = table; f->name != NULL; f++)
		nf++;
	if (nf <= FILL_MAX)
		memset(hit, 0, nf * sizeof *hit);
	/* Each key is matched once, and the fields below take their
	 * values from the match (issue 14: a look-up per field was a
	 * tenth of check). */
	for (i = 0; i < map->u.map.n; i++) {
		const struct node_pair *p = &map->u.map.pairs[i];

		for (f = table; f->name != NULL; f++)
			if (f->name[0] == p->key[0] &&
			    strcmp(f->name, p->key) == 0)
				break;
		if (f->name == NULL)
			unknown_key(c, table, p, path);
		else if (nf <= FILL_MAX)
			hit[f - table] = p;
	}
	for (f = table; f->name != NULL; f++) {
		const struct node *v = nf > FILL_MAX ? node_get(map, f->name) :
		    hit[f - table] ? hit[f - table]->value : NULL;
		const char *sub;

		if (v != NULL && v->kind != NODE_NULL) {
			sub = join_path(c, path, f->name);
			fill_value(c, f, v, base, sub, in_list);
			continue;
		}
		/* Conditions name paths from the root; inside list entries
		 * only unconditional requirements apply. */
		if ((in_list && f->when_path != NULL) || !required(c, f))
			continue;
		sub = join_path(c, path, f->name);
		if (v != NULL) {
			diag_add(c->d, DIAG_ERROR, &v->pos,
			    "'%s' is empty: %s is required here; write its "
			    "value%s", sub, field_ref(c, f),
			    f->type == SCH_LIST ? " ([] when there are none)" :
			    "");
			continue;
		}
		diag_add(c->d, DIAG_ERROR, &map->pos,
		    "missing '%s', %s: add '%s:' %s%s%s", sub, field_ref(c, f),
		    f->name, *path ? "under '" : "at the top level",
		    path, *path ? "'" : "");
		if (f->tbd && c->incomplete)
			diag_add(c->d, DIAG_NOTE, &map->pos,
			    "while it is not known, an incomplete notification "
			    "may say '%s: tbd'", f->name);
	}
}

static void
time_order(struct ctx *c, const struct inc_time *early,
	   const struct inc_time *late, const char *msg)
{
	if (early->set && late->set && late->epoch < early->epoch)
		diag_add(c->d, DIAG_ERROR, &late->pos, "%s", msg);
}

/* Checks that relate several fields. */
static void
cross_checks(struct ctx *c)
{
	struct incident *inc = c->inc;
	size_t i;

	if (inc->notification.subtype == NS_WITHDRAW &&
	    inc->notification.type != notif_type_unset &&
	    inc->notification.type != NT_FOLLOW_UP) {
		struct pos p = inc_pos(inc, "notification.subtype");

		diag_add(c->d, DIAG_ERROR, &p,
		    "only a follow-up can withdraw a notification (EDPB field "
		    "4): write 'type: follow_up' with previous_reference");
	}
	time_order(c, &inc->timeline.start, &inc->timeline.end,
	    "the breach ends before it began: 'timeline.end' is earlier "
	    "than 'timeline.start'");
	time_order(c, &inc->timeline.start, &inc->timeline.aware_at,
	    "awareness before the breach began: 'timeline.aware_at' is "
	    "earlier than 'timeline.start'; correct one of them");
	time_order(c, &inc->timeline.aware_at, &inc->notification.sent_at,
	    "the notification is dated before the controller became aware: "
	    "'notification.sent_at' is earlier than 'timeline.aware_at'");
	time_order(c, &inc->timeline.start, &inc->communication.sent_at,
	    "the people were told before the breach began: "
	    "'communication.sent_at' is earlier than 'timeline.start'");
	time_order(c, &inc->notification.sent_at,
	    &inc->notification.expected_completion,
	    "the rest is expected before this notification is sent: "
	    "'notification.expected_completion' is earlier than "
	    "'notification.sent_at'");
	for (i = 0; i < inc->nparties; i++)
		time_order(c, &inc->parties[i].aware_at,
		    &inc->parties[i].informed_controller_at,
		    "the processor told the controller before it became "
		    "aware: 'informed_controller_at' is earlier than "
		    "'aware_at'");
}

struct pos
inc_pos(const struct incident *inc, const char *path)
{
	const struct node *n = inc->root, *next;
	struct pos p = inc->root ? inc->root->pos : (struct pos){0};
	char part[128];

	p.file = inc->file;
	while (n != NULL && *path) {
		size_t len = strcspn(path, ".");
		const struct node_pair *pr;

		if (len >= sizeof part)
			break;
		memcpy(part, path, len);
		part[len] = '\0';
		pr = node_pair_get(n, part);
		if (pr == NULL)
			break;
		next = pr->value;
		p = pr->key_pos;
		n = next;
		path += len;
		if (*path == '.')
			path++;
	}
	return p;
}

const char *
inc_text_get(const struct incident *inc, const struct inc_text *t,
	     const char *lang)
{
	size_t i;

	if (t->plain != NULL)
		return inc->language && strcmp(inc->language, lang) == 0 ?
		    t->plain : NULL;
	for (i = 0; i < t->ntr; i++)
		if (t->tr[i].lang[0] == lang[0] &&
		    strcmp(t->tr[i].lang, lang) == 0)
			return t->tr[i].text;
	return NULL;
}

struct incident *
incident_from_node(struct arena *a, const struct node *root, const char *file,
		   struct diags *d)
{
	struct ctx c;
	struct incident *inc = arena_alloc(a, sizeof *inc);
	const struct node *sub;
	size_t errors = d->errors;

	memset(&c, 0, sizeof c);
	c.a = a;
	c.d = d;
	c.inc = inc;
	c.root = root;
	inc->file = file;
	inc->root = root;
	inc->subjects.count.value = -1;
	inc->data.records.value = -1;
	inc->risk.outage.hours.value = -1;
	if (root->kind != NODE_MAP) {
		diag_add(d, DIAG_ERROR, &root->pos,
		    "an incident file is a map of fields, starting with "
		    "'breachgen: 1', not a %s", node_kind_name(root->kind));
		return NULL;
	}
	/* The sub-type decides what is required: read it first. */
	sub = node_path(root, "notification.subtype");
	if (sub != NULL && sub->kind == NODE_STRING) {
		c.incomplete = strcmp(sub->u.str.s, "incomplete") == 0;
		c.withdraw = strcmp(sub->u.str.s, "withdraw") == 0;
	}
	fill_map(&c, sch_root, root, (char *)inc, "", false);
	inc->tbd = c.tbd;
	inc->ntbd = c.ntbd;
	cross_checks(&c);
	if (inc->nlanguages == 0 && inc->language != NULL) {
		inc->languages = arena_alloc(a, sizeof *inc->languages);
		inc->languages[0] = inc->language;
		inc->nlanguages = 1;
	}
	return d->errors > errors ? NULL : inc;
}

struct incident *
incident_load(struct arena *a, const char *path, struct diags *d,
	      int *status)
{
	struct node *root = load_file(a, path, d, status);
	struct incident *inc;

	if (root == NULL)
		return NULL;
	inc = incident_from_node(a, root, root->pos.file, d);
	*status = inc ? 0 : EXIT_DATAERR;
	return inc;
}

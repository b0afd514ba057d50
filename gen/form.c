/*
 * form.c - an authority's online form as data, and the companion that
 * answers it question by question from the incident.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include "fmt.h"
#include "form.h"
#include "load.h"
#include "render.h"
#include "schema.h"
#include "tz.h"

const char *const form_words[] = {
	"heading", "intro", "form", "incident", "time_zone", "summary",
	"answered", "partly", "unanswered", "not_applicable", "no_answer",
	"partial", "tbd", "no_option", "in_language", "unanswered_heading",
	"unanswered_intro", "field", "no_field", "attach_heading",
	"attach_intro", "unchecked", "source", "page", "confidential",
	"controller", "addressee", "date", "reference", "to_translate", NULL
};

/* Where an answer comes from: a schema field, maybe in the items of a
 * list (parties.role). */
struct fsrc {
	const char *path;
	const char *label;		/* printed before the value, or NULL */
	bool optional;			/* a detail: its absence leaves the
					 * answer whole */
	const struct sch_field *f;
	const struct sch_field *list;	/* the list holding f, or NULL */
	size_t off;			/* of f in struct incident, or in an
					 * item of list */
	size_t list_off;		/* of the list in struct incident */
	struct pos pos;
};

struct fopt {
	const char *label;
	struct fsrc *keysrc;		/* per key: its field */
	const char **keys;
	size_t nkeys;
	bool none, rest;
};

struct fq {
	const char *label, *source, *note;
	const char *if_value;
	struct fsrc *cond;		/* the field if: tests, or NULL */
	bool checked, tbd;
	bool subset;			/* the options ask about some keys
					 * only: the others do not bear on it */
	struct fsrc *from;
	size_t nfrom;
	struct fopt *opts;
	size_t nopts;
	struct pos pos;
};

struct fsec {
	const char *title;
	const char *if_value;
	struct fsrc *cond;
	struct fq *q;
	size_t nq;
};

struct form {
	const char *file, *authority, *language, *title, *url, *source;
	const char *date_pat, *datetime_pat;
	const struct node *words;
	struct fsec *s;
	size_t ns;
};

/* ---- loading ---------------------------------------------------------- */

struct lctx {
	struct arena *a;
	struct diags *d;
	size_t errors;
};

/* An error of the form file; the load goes on to find the others. */
#define ERR(c, pos, ...) \
	(diag_add((c)->d, DIAG_ERROR, (pos), __VA_ARGS__), (c)->errors++)

/* Every key of map is one of keys (a space-separated list). */
static void
known_keys(struct lctx *c, const struct node *map, const char *keys)
{
	for (size_t i = 0; i < map->u.map.n; i++) {
		const struct node_pair *p = &map->u.map.pairs[i];
		const char *k = keys;
		size_t len = strlen(p->key);
		bool ok = false;

		while (*k && !ok) {
			size_t n = strcspn(k, " ");

			ok = n == len && strncmp(k, p->key, n) == 0;
			k += n;
			k += *k == ' ';
		}
		if (!ok)
			ERR(c, &p->key_pos, "unknown key '%s' in a form file: "
			    "the keys here are %s", p->key, keys);
	}
}

static const char *
str(struct lctx *c, const struct node *map, const char *key, bool required)
{
	const struct node *n = node_get(map, key);

	if (n == NULL || n->kind == NODE_NULL) {
		if (required)
			ERR(c, &map->pos, "'%s' is missing here: add '%s: ...'",
			    key, key);
		return NULL;
	}
	if (n->kind != NODE_STRING || n->u.str.len == 0) {
		ERR(c, &n->pos, "'%s' must be a text", key);
		return NULL;
	}
	return n->u.str.s;
}

static bool
flag(struct lctx *c, const struct node *map, const char *key, bool dflt)
{
	const struct node *n = node_get(map, key);

	if (n == NULL)
		return dflt;
	if (n->kind != NODE_BOOL) {
		ERR(c, &n->pos, "'%s' must be true or false", key);
		return dflt;
	}
	return n->u.b;
}

static const struct node *
list(struct lctx *c, const struct node *map, const char *key, bool required)
{
	const struct node *n = node_get(map, key);

	if (n == NULL) {
		if (required)
			ERR(c, &map->pos, "'%s' is missing here: add '%s:' and "
			    "a list below it", key, key);
		return NULL;
	}
	if (n->kind != NODE_LIST) {
		ERR(c, &n->pos, "'%s' must be a list, one entry per line "
		    "starting with '- '", key);
		return NULL;
	}
	return n;
}

/* The absolute offset of a field path, and its list when the path goes
 * through one. Fills s; false with an error when the path is unknown. */
static bool
resolve(struct lctx *c, const char *path, const struct pos *pos,
	struct fsrc *s)
{
	const struct sch_field *t = sch_root, *f = NULL;
	const char *p = path;
	size_t off = 0;

	memset(s, 0, sizeof *s);
	s->path = path;
	s->pos = *pos;
	while (*p != '\0') {
		size_t len = strcspn(p, ".");

		if (t == NULL)
			break;
		for (f = t; f->name != NULL; f++)
			if (strlen(f->name) == len &&
			    strncmp(f->name, p, len) == 0)
				break;
		if (f->name == NULL) {
			f = NULL;
			break;
		}
		off += f->off;
		if (f->type == SCH_LIST) {
			s->list = f;
			s->list_off = off;
			off = 0;
		}
		t = f->sub;
		p += len;
		if (*p == '.')
			p++;
	}
	if (f == NULL || *p != '\0' || f->type == SCH_GROUP ||
	    (f->type == SCH_LIST && f->sub == NULL)) {
		ERR(c, pos, "'%s' is not a field of the incident file%s: name "
		    "one of docs/incident.md, e.g. timeline.aware_at", path,
		    f && f->type == SCH_GROUP ? " but a group" : "");
		return false;
	}
	if (f->type == SCH_LIST) {
		ERR(c, pos, "'%s' is a list: name one of its fields, e.g. "
		    "%s.name", path, path);
		return false;
	}
	s->f = f;
	s->off = off;
	return true;
}

/* A key that an option names: "key" of the question's first field, or
 * "path=key". */
static bool
option_key(struct lctx *c, const struct fq *q, const struct node *n,
	   struct fsrc *s, const char **key)
{
	const char *eq;

	if (n->kind != NODE_STRING) {
		ERR(c, &n->pos, "a key must be a text such as customers or "
		    "subjects.categories=customers");
		return false;
	}
	eq = strchr(n->u.str.s, '=');
	if (eq != NULL) {
		char *path = arena_printf(c->a, "%.*s",
		    (int)(eq - n->u.str.s), n->u.str.s);

		if (!resolve(c, path, &n->pos, s))
			return false;
		*key = eq + 1;
	} else {
		if (q->nfrom == 0) {
			ERR(c, &n->pos, "key '%s' names no field: the question "
			    "has no 'from'; write path=key", n->u.str.s);
			return false;
		}
		*s = q->from[0];
		s->pos = n->pos;
		*key = n->u.str.s;
	}
	switch (s->f->type) {
	case SCH_ENUM:
	case SCH_SET:
		if (sch_value(s->f->en, *key) != 0)
			return true;
		ERR(c, &n->pos, "'%s' is not a key of '%s': see its keys in "
		    "docs/incident.md", *key, s->path);
		return false;
	case SCH_BOOL:
		if (strcmp(*key, "true") == 0 || strcmp(*key, "false") == 0)
			return true;
		ERR(c, &n->pos, "'%s' is true or false, not '%s'", s->path,
		    *key);
		return false;
	default:
		ERR(c, &n->pos, "'%s' has no keys: options map keys of "
		    "enumerations, sets and booleans (here: %s)", s->path,
		    *key);
		return false;
	}
}

/* "path=key|key": the condition of a section or question; every key
 * is checked like an option's. */
static void
condition(struct lctx *c, const struct node *map, struct fsrc **cond,
	  const char **value)
{
	const char *s = str(c, map, "if", false), *eq, *v;
	const struct pos *pos;
	char *path;

	*cond = NULL;
	*value = NULL;
	if (s == NULL)
		return;
	pos = &node_get(map, "if")->pos;
	eq = strchr(s, '=');
	if (eq == NULL) {
		ERR(c, pos, "write the condition as path=key or "
		    "path=key|key, not '%s'", s);
		return;
	}
	path = arena_printf(c->a, "%.*s", (int)(eq - s), s);
	*cond = arena_alloc(c->a, sizeof **cond);
	if (!resolve(c, path, pos, *cond)) {
		*cond = NULL;
		return;
	}
	if ((*cond)->list != NULL || ((*cond)->f->type != SCH_ENUM &&
	    (*cond)->f->type != SCH_SET && (*cond)->f->type != SCH_BOOL)) {
		ERR(c, pos, "a condition tests the key of a field outside "
		    "lists: '%s' is not an enumeration, a set or a "
		    "boolean", path);
		*cond = NULL;
		return;
	}
	for (v = eq + 1; *v;) {
		size_t n = strcspn(v, "|");
		char *key = arena_printf(c->a, "%.*s", (int)n, v);

		if ((*cond)->f->type == SCH_BOOL ? strcmp(key, "true") &&
		    strcmp(key, "false") : sch_value((*cond)->f->en, key) == 0)
			ERR(c, pos, "'%s' is not a key of '%s': see its keys "
			    "in docs/incident.md", key, path);
		v += n;
		v += *v == '|';
	}
	*value = eq + 1;
}

static void
load_options(struct lctx *c, struct fq *q, const struct node *ol)
{
	q->nopts = ol->u.list.n;
	q->opts = arena_alloc(c->a, (q->nopts + 1) * sizeof *q->opts);
	memset(q->opts, 0, (q->nopts + 1) * sizeof *q->opts);
	for (size_t i = 0; i < ol->u.list.n; i++) {
		const struct node *o = ol->u.list.items[i], *kl;
		struct fopt *op = &q->opts[i];

		if (o->kind != NODE_MAP) {
			ERR(c, &o->pos, "an option is a map: label: ... and "
			    "keys: [...]");
			continue;
		}
		known_keys(c, o, "label keys none rest");
		op->label = str(c, o, "label", true);
		op->none = flag(c, o, "none", false);
		op->rest = flag(c, o, "rest", false);
		kl = list(c, o, "keys", !op->none && !op->rest);
		/* keys: [] lists an option of the form that no key of the
		 * file stands for: the DPO chooses it. */
		if (kl == NULL)
			continue;
		op->keys = arena_alloc(c->a, (kl->u.list.n + 1) *
				       sizeof *op->keys);
		op->keysrc = arena_alloc(c->a, (kl->u.list.n + 1) *
					 sizeof *op->keysrc);
		for (size_t k = 0; k < kl->u.list.n; k++)
			if (option_key(c, q, kl->u.list.items[k],
				       &op->keysrc[op->nkeys],
				       &op->keys[op->nkeys]))
				op->nkeys++;
	}
}

static void
load_question(struct lctx *c, const struct node *n, bool checked,
	      struct fq *q)
{
	const struct node *fr, *ol;

	memset(q, 0, sizeof *q);
	q->pos = n->pos;
	if (n->kind != NODE_MAP) {
		ERR(c, &n->pos, "a question is a map: label: ..., from: ...");
		return;
	}
	known_keys(c, n, "label source checked note if tbd subset from "
		   "options");
	q->label = str(c, n, "label", true);
	q->source = str(c, n, "source", false);
	q->note = str(c, n, "note", false);
	q->checked = flag(c, n, "checked", checked);
	q->tbd = flag(c, n, "tbd", false);
	q->subset = flag(c, n, "subset", false);
	condition(c, n, &q->cond, &q->if_value);
	fr = node_get(n, "from");
	if (fr != NULL) {
		struct node one, *tmp[1];
		const struct node *items = fr;

		if (fr->kind == NODE_STRING || fr->kind == NODE_MAP) {
			/* One source: a list of one. */
			tmp[0] = (struct node *)fr;
			one = *fr;
			one.kind = NODE_LIST;
			one.u.list.items = tmp;
			one.u.list.n = 1;
			items = &one;
			q->from = arena_alloc(c->a, sizeof *q->from);
		} else if (fr->kind != NODE_LIST) {
			ERR(c, &fr->pos, "'from' names a field, or a list of "
			    "fields");
			items = NULL;
		} else {
			q->from = arena_alloc(c->a, (fr->u.list.n + 1) *
					      sizeof *q->from);
		}
		for (size_t i = 0; items && i < items->u.list.n; i++) {
			const struct node *it = items->u.list.items[i];
			const char *path = NULL, *label = NULL;
			bool optional = false;

			if (it->kind == NODE_STRING) {
				path = it->u.str.s;
			} else if (it->kind == NODE_MAP) {
				known_keys(c, it, "field label optional");
				path = str(c, it, "field", true);
				label = str(c, it, "label", false);
				optional = flag(c, it, "optional", false);
			} else {
				ERR(c, &it->pos, "write a field path such as "
				    "controller.name");
			}
			if (path && resolve(c, path, &it->pos,
					    &q->from[q->nfrom])) {
				q->from[q->nfrom].label = label;
				q->from[q->nfrom].optional = optional;
				q->nfrom++;
			}
		}
	}
	ol = list(c, n, "options", false);
	if (ol != NULL)
		load_options(c, q, ol);
	/* A detail that is a key only tells whether the answer is still
	 * tbd (subjects.count_basis beside subjects.count). */
	for (size_t i = 0; i < q->nfrom && ol == NULL; i++) {
		enum sch_type t = q->from[i].f->type;

		if ((t == SCH_ENUM || t == SCH_SET || t == SCH_BOOL) &&
		    !q->from[i].optional)
			ERR(c, &q->from[i].pos, "'%s' is answered from the "
			    "form's list: add options: with the form's labels "
			    "and the keys of %s each one stands for",
			    q->from[i].path, q->from[i].path);
	}
}

struct form *
form_from_node(struct arena *a, const struct node *root, struct diags *d)
{
	struct lctx c = { a, d, 0 };
	struct form *f;
	const struct node *secs, *w, *v;
	bool checked;

	if (root == NULL || root->kind != NODE_MAP) {
		if (root)
			ERR(&c, &root->pos, "a form file is a map: form: 1, "
			    "authority: ..., sections: ...");
		return NULL;
	}
	f = arena_alloc(a, sizeof *f);
	memset(f, 0, sizeof *f);
	f->file = root->pos.file;
	known_keys(&c, root, "form authority language title url source "
		   "checked date datetime words sections");
	v = node_get(root, "form");
	if (v == NULL || v->kind != NODE_STRING || strcmp(v->u.str.s, "1"))
		ERR(&c, v ? &v->pos : &root->pos, "this breachgen reads "
		    "version 1 of the form format: write 'form: 1'");
	f->authority = str(&c, root, "authority", true);
	f->language = str(&c, root, "language", true);
	f->title = str(&c, root, "title", true);
	f->url = str(&c, root, "url", true);
	f->source = str(&c, root, "source", true);
	f->date_pat = str(&c, root, "date", true);
	f->datetime_pat = str(&c, root, "datetime", true);
	checked = flag(&c, root, "checked", false);
	w = node_get(root, "words");
	if (w == NULL || w->kind != NODE_MAP) {
		ERR(&c, w ? &w->pos : &root->pos, "'words' is missing: the "
		    "companion's wording in the form's language, one key "
		    "each (heading, intro, ...)");
	} else {
		f->words = w;
		for (size_t i = 0; form_words[i]; i++)
			str(&c, w, form_words[i], true);
	}
	secs = list(&c, root, "sections", true);
	if (secs != NULL) {
		f->s = arena_alloc(a, (secs->u.list.n + 1) * sizeof *f->s);
		for (size_t i = 0; i < secs->u.list.n; i++) {
			const struct node *sn = secs->u.list.items[i], *ql;
			struct fsec *s = &f->s[f->ns++];

			memset(s, 0, sizeof *s);
			if (sn->kind != NODE_MAP) {
				ERR(&c, &sn->pos, "a section is a map: title: "
				    "... and questions: ...");
				continue;
			}
			known_keys(&c, sn, "title if questions");
			s->title = str(&c, sn, "title", true);
			condition(&c, sn, &s->cond, &s->if_value);
			ql = list(&c, sn, "questions", true);
			if (ql == NULL)
				continue;
			s->q = arena_alloc(a, (ql->u.list.n + 1) *
					   sizeof *s->q);
			for (size_t k = 0; k < ql->u.list.n; k++)
				load_question(&c, ql->u.list.items[k], checked,
					      &s->q[s->nq++]);
		}
	}
	return c.errors ? NULL : f;
}

struct form *
form_load(struct arena *a, const char *path, struct diags *d, int *status)
{
	struct node *root = load_template(a, arena_strdup(a, path), d, status);
	struct form *f;

	if (root == NULL)
		return NULL;
	f = form_from_node(a, root, d);
	if (f == NULL)
		*status = EXIT_DATAERR;
	return f;
}

const char *
form_authority(const struct form *f)
{
	return f->authority;
}

const char *
form_language(const struct form *f)
{
	return f->language;
}

size_t
form_nquestions(const struct form *f)
{
	size_t n = 0;

	for (size_t i = 0; i < f->ns; i++)
		n += f->s[i].nq;
	return n;
}

/* ---- answering -------------------------------------------------------- */

struct actx {
	size_t ntranslate;		/* answers in another language */
	struct arena *a;
	const struct form *f;
	const struct incident *inc;
	const struct auth_dir *dir;
	const char *zone;
	struct diags *d;
};

static const char *
word(const struct form *f, const char *key)
{
	const struct node *n = node_get(f->words, key);

	return n && n->kind == NODE_STRING ? n->u.str.s : "";
}

/* The address of the field in the incident; for a field of a list's
 * items, of item i. */
static const char *
at(const struct incident *inc, const struct fsrc *s, size_t i)
{
	if (s->list != NULL) {
		const char *items = *(const char *const *)
		    ((const char *)inc + s->list_off);

		return items + i * s->list->item_size + s->off;
	}
	return (const char *)inc + s->off;
}

/* How many values: the items of the list, or one. */
static size_t
nvalues(const struct incident *inc, const struct fsrc *s)
{
	if (s->list == NULL)
		return 1;
	return *(const size_t *)((const char *)inc + s->list_off -
				 s->list->off + s->list->count_off);
}

/* The count member of a list-valued field (code lists, countries). */
static size_t
count_of(const struct incident *inc, const struct fsrc *s, size_t i)
{
	return *(const size_t *)(at(inc, s, i) - s->f->off +
				 s->f->count_off);
}

/* The set of keys of an enumeration or set field (over every item of a
 * list). */
static inc_set
keys_of(const struct incident *inc, const struct fsrc *s)
{
	inc_set set = 0;

	for (size_t i = 0; i < nvalues(inc, s); i++) {
		const char *p = at(inc, s, i);

		if (s->f->type == SCH_SET) {
			set |= *(const inc_set *)p;
		} else if (s->f->type == SCH_ENUM) {
			int v = *(const int *)p;

			if (v > 0 && v < 64)
				set |= 1ull << v;
		}
	}
	return set;
}

static bool
tbd_of(const struct incident *inc, const struct fsrc *s)
{
	for (size_t i = 0; i < inc->ntbd; i++)
		if (strcmp(inc->tbd[i].path, s->path) == 0)
			return true;
	if (s->f->en != NULL && (s->f->type == SCH_ENUM ||
				 s->f->type == SCH_SET)) {
		int t = sch_value(s->f->en, "tbd");

		return t != 0 && INC_HAS(keys_of(inc, s), t);
	}
	return false;
}

/* Is a value given (tbd aside)? */
static bool
given(const struct incident *inc, const struct fsrc *s)
{
	size_t n = nvalues(inc, s);

	if (s->f->type == SCH_BOOL)
		return s->list ? n > 0 : node_path(inc->root, s->path) != NULL;
	for (size_t i = 0; i < n; i++) {
		const char *p = at(inc, s, i);

		switch (s->f->type) {
		case SCH_STRING:
		case SCH_COUNTRY:
		case SCH_ID:
		case SCH_LANG:
			if (*(const char *const *)p != NULL)
				return true;
			break;
		case SCH_TEXT:
			if (INC_TEXT_SET(*(const struct inc_text *)p))
				return true;
			break;
		case SCH_TIME:
			if (((const struct inc_time *)p)->set)
				return true;
			break;
		case SCH_COUNT:
			if (((const struct inc_count *)p)->value >= 0)
				return true;
			break;
		case SCH_ENUM:
		case SCH_SET:
			if (keys_of(inc, s) != 0)
				return !tbd_of(inc, s);
			break;
		case SCH_TEXT_LIST:
		case SCH_LANG_LIST:
		case SCH_COUNTRY_LIST:
		case SCH_CODE_LIST:
		case SCH_COUNTRY_COUNTS:
			if (count_of(inc, s, i) > 0)
				return true;
			break;
		default:
			break;
		}
	}
	return false;
}

/* Replaces each {name} in pattern by value. */
static const char *
subst(struct arena *a, const char *pattern, const char *name,
      const char *value)
{
	struct buf b = BUF_INIT;
	size_t nl = strlen(name);
	const char *p = pattern, *r;

	while (*p) {
		if (*p == '{' && strncmp(p + 1, name, nl) == 0 &&
		    p[1 + nl] == '}') {
			buf_puts(&b, value);
			p += nl + 2;
		} else {
			buf_putc(&b, *p++);
		}
	}
	r = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return r;
}

/* The instant as the form writes it: dd MM yyyy HH mm in the zone. */
static const char *
form_time(struct actx *c, const char *pattern, int64_t epoch)
{
	struct tz_local l;
	struct buf b = BUF_INIT;
	const char *p = pattern, *r;

	if (tz_local(epoch, c->zone, &l) != TZ_OK)
		return NULL;
	while (*p) {
		if (strncmp(p, "yyyy", 4) == 0)
			buf_printf(&b, "%04d", l.year), p += 4;
		else if (strncmp(p, "dd", 2) == 0)
			buf_printf(&b, "%02d", l.day), p += 2;
		else if (strncmp(p, "MM", 2) == 0)
			buf_printf(&b, "%02d", l.month), p += 2;
		else if (strncmp(p, "HH", 2) == 0)
			buf_printf(&b, "%02d", l.hour), p += 2;
		else if (strncmp(p, "mm", 2) == 0)
			buf_printf(&b, "%02d", l.minute), p += 2;
		else
			buf_putc(&b, *p++);
	}
	r = arena_strdup(c->a, buf_cstr(&b));
	buf_free(&b);
	return r;
}

/* A language's or country's name in the form's language (ICU). */
static const char *
display(struct actx *c, const char *code, bool country)
{
	char loc[32], out[256];
	UChar name[128];
	UErrorCode e = U_ZERO_ERROR;
	int32_t n;

	if (country) {
		snprintf(loc, sizeof loc, "und_%s", code);
		for (char *p = loc + 4; *p; p++)
			if (*p >= 'a' && *p <= 'z')
				*p = (char)(*p - 'a' + 'A');
		n = uloc_getDisplayCountry(loc, c->f->language, name, 128, &e);
	} else {
		snprintf(loc, sizeof loc, "%s", code);
		n = uloc_getDisplayLanguage(loc, c->f->language, name, 128,
					    &e);
	}
	if (U_FAILURE(e) || n <= 0)
		return code;
	u_strToUTF8(out, sizeof out, NULL, name, n, &e);
	return U_FAILURE(e) ? code : arena_strdup(c->a, out);
}

static void
line(struct actx *c, struct node *lines, const char *prefix,
     const char *text, const char *note)
{
	struct node *m = node_map(c->a, NULL);

	if (prefix)
		node_map_set(c->a, m, "prefix", node_cstr(c->a, prefix));
	node_map_set(c->a, m, "text", node_cstr(c->a, text));
	if (note) {
		node_map_set(c->a, m, "lang_note", node_cstr(c->a, note));
		c->ntranslate++;
	}
	node_list_push(c->a, lines, m);
}

/* Free text in the form's language, else in a language the file has,
 * said so. */
static void
text_line(struct actx *c, struct node *lines, const char *prefix,
	  const struct inc_text *t)
{
	const struct incident *inc = c->inc;
	const char *s = inc_text_get(inc, t, c->f->language), *lang = NULL;

	if (s == NULL && (s = inc_text_get(inc, t, inc->language)) != NULL)
		lang = inc->language;
	for (size_t i = 0; s == NULL && i < inc->nlanguages; i++)
		if ((s = inc_text_get(inc, t, inc->languages[i])) != NULL)
			lang = inc->languages[i];
	if (s == NULL && t->ntr > 0)
		s = t->tr[0].text, lang = t->tr[0].lang;
	if (s == NULL)
		return;
	line(c, lines, prefix, s, lang ? subst(c->a, word(c->f,
	     "in_language"), "language", display(c, lang, false)) : NULL);
}

/* An authority's name in the form's language, else its own name, else
 * the English one. */
static const char *
auth_label(struct actx *c, const struct authority *au)
{
	const char *n = auth_name(au, c->f->language);

	if (n == NULL)
		n = au->name_native;
	return n ? n : au->name_en;
}

/* The lines of one source that is not answered from options. */
static void
value_lines(struct actx *c, const struct fsrc *s, struct node *lines)
{
	const struct incident *inc = c->inc;

	for (size_t i = 0; i < nvalues(inc, s); i++) {
		const char *p = at(inc, s, i);
		char num[32];

		switch (s->f->type) {
		case SCH_STRING:
		case SCH_ID:
		case SCH_LANG:
			if (*(const char *const *)p == NULL)
				break;
			/* An authority's code: its name. */
			if (strcmp(s->f->name, "lead_authority") == 0 && c->dir &&
			    auth_find(c->dir, *(const char *const *)p)) {
				const struct authority *au = auth_find(c->dir,
				    *(const char *const *)p);
				line(c, lines, s->label, auth_label(c, au), NULL);
				break;
			}
			line(c, lines, s->label, *(const char *const *)p,
			     NULL);
			break;
		case SCH_COUNTRY:
			if (*(const char *const *)p)
				line(c, lines, s->label, display(c,
				     *(const char *const *)p, true), NULL);
			break;
		case SCH_TEXT:
			text_line(c, lines, s->label,
				  (const struct inc_text *)p);
			break;
		case SCH_TEXT_LIST:
			for (size_t k = 0; k < count_of(inc, s, i); k++)
				text_line(c, lines, s->label,
				    &(*(struct inc_text *const *)p)[k]);
			break;
		case SCH_TIME: {
			const struct inc_time *t = (const struct inc_time *)p;
			const char *v;

			if (t->set && (v = form_time(c, c->f->datetime_pat,
						     t->epoch)) != NULL)
				line(c, lines, s->label, v, NULL);
			break;
		}
		case SCH_COUNT:
			if (((const struct inc_count *)p)->value >= 0) {
				snprintf(num, sizeof num, "%lld", (long long)
				    ((const struct inc_count *)p)->value);
				line(c, lines, s->label,
				     arena_strdup(c->a, num), NULL);
			}
			break;
		case SCH_COUNTRY_LIST:
		case SCH_CODE_LIST:
			for (size_t k = 0; k < count_of(inc, s, i); k++) {
				const char *code =
				    (*(const char *const *const *)p)[k];
				const struct authority *au;
				const char *name = NULL;

				if (s->f->type == SCH_COUNTRY_LIST) {
					name = display(c, code, true);
				} else if (c->dir &&
				    (au = auth_find(c->dir, code)) != NULL) {
					name = auth_label(c, au);
				}
				line(c, lines, s->label, name ? name : code,
				     NULL);
			}
			break;
		case SCH_COUNTRY_COUNTS:
			for (size_t k = 0; k < count_of(inc, s, i); k++) {
				const struct inc_country_count *cc =
				    &(*(const struct inc_country_count *
					const *)p)[k];

				line(c, lines, s->label, arena_printf(c->a,
				     "%s: %lld", display(c, cc->country, true),
				     (long long)cc->count), NULL);
			}
			break;
		default:
			break;
		}
	}
}

/* Does the key hold for the incident? */
static bool
key_holds(const struct incident *inc, const struct fsrc *s, const char *key)
{
	if (s->f->type == SCH_BOOL) {
		const struct node *n = node_path(inc->root, s->path);

		return n && n->kind == NODE_BOOL &&
		    n->u.b == (strcmp(key, "true") == 0);
	}
	return INC_HAS(keys_of(inc, s), sch_value(s->f->en, key));
}

/* Is the key of the field s named by some option? */
static bool
key_named(const struct fq *q, const struct fsrc *s, const char *key)
{
	for (size_t i = 0; i < q->nopts; i++)
		for (size_t k = 0; k < q->opts[i].nkeys; k++)
			if (strcmp(q->opts[i].keys[k], key) == 0 &&
			    strcmp(q->opts[i].keysrc[k].path, s->path) == 0)
				return true;
	return false;
}

enum qstate { Q_ANSWERED, Q_PARTLY, Q_UNANSWERED, Q_NA };

/* Selects the options that hold; *unmatched gets the keys of the first
 * field no option names. Returns whether any option holds. */
static bool
option_lines(struct actx *c, const struct fq *q, struct node *lines,
	     const char **unmatched)
{
	const struct incident *inc = c->inc;
	const struct fsrc *first = &q->from[0];
	bool any = false, rest_used = false;
	const char *um = "";

	for (size_t i = 0; i < q->nopts; i++) {
		const struct fopt *o = &q->opts[i];
		bool holds = false;

		for (size_t k = 0; k < o->nkeys && !holds; k++)
			holds = key_holds(inc, &o->keysrc[k], o->keys[k]);
		if (o->rest && first->f->en != NULL) {
			inc_set set = keys_of(inc, first);

			for (size_t v = 1; v <= first->f->en->n && v < 64; v++)
				if (INC_HAS(set, v) && strcmp(sch_key(
				    first->f->en, (int)v), "tbd") != 0 &&
				    !key_named(q, first, sch_key(first->f->en,
							  (int)v)))
					holds = true;
			rest_used = true;
		}
		if (holds) {
			line(c, lines, NULL, o->label, NULL);
			any = true;
		}
	}
	if (!rest_used && !q->subset && first->f->en != NULL) {
		inc_set set = keys_of(inc, first);

		for (size_t v = 1; v <= first->f->en->n && v < 64; v++) {
			const char *k = sch_key(first->f->en, (int)v);

			if (INC_HAS(set, v) && strcmp(k, "tbd") != 0 &&
			    !key_named(q, first, k))
				um = arena_printf(c->a, "%s%s%s", um,
						  *um ? ", " : "", k);
		}
	}
	for (size_t i = 0; i < q->nopts && !any; i++)
		if (q->opts[i].none && (first->list ?
		    node_path(inc->root, first->list->name) != NULL :
		    given(inc, first))) {
			line(c, lines, NULL, q->opts[i].label, NULL);
			any = true;
		}
	*unmatched = *um ? um : NULL;
	return any;
}

/* Does the field hold one of the '|'-separated keys (no field: yes)? */
static bool
cond_holds(const struct incident *inc, const struct fsrc *s,
	   const char *value)
{
	const char *v = value;

	if (s == NULL)
		return true;
	while (*v) {
		size_t n = strcspn(v, "|");
		char key[64];

		snprintf(key, sizeof key, "%.*s", (int)n, v);
		if (key_holds(inc, s, key))
			return true;
		v += n;
		v += *v == '|';
	}
	return false;
}

/* One question: its view, and its state. */
static struct node *
answer(struct actx *c, const struct fq *q, enum qstate *st,
       struct node *todo, const char *section)
{
	const struct incident *inc = c->inc;
	struct node *m = node_map(c->a, NULL), *lines = node_list(c->a, NULL);
	size_t ngiven = 0, ntbd = 0;
	size_t nneeded = 0;
	const char *unmatched = NULL;
	bool options = q->nopts > 0;

	node_map_set(c->a, m, "label", node_cstr(c->a, q->label));
	if (q->note)
		node_map_set(c->a, m, "hint", node_cstr(c->a, q->note));
	if (!q->checked)
		node_map_set(c->a, m, "unchecked", node_bool(c->a, true, NULL));
	if (!cond_holds(inc, q->cond, q->if_value)) {
		*st = Q_NA;
		node_map_set(c->a, m, "not_applicable",
			     node_bool(c->a, true, NULL));
		return m;
	}
	if (options) {
		if (tbd_of(inc, &q->from[0]))
			ntbd++;
		else if (option_lines(c, q, lines, &unmatched))
			ngiven++;
	}
	for (size_t i = options ? 1 : 0; i < q->nfrom; i++) {
		const struct fsrc *s = &q->from[i];
		enum sch_type t = s->f->type;

		if (s->optional)
			ntbd += tbd_of(inc, s);
		else if (tbd_of(inc, s))
			ntbd++;
		else if (given(inc, s))
			ngiven++;
		if (t != SCH_ENUM && t != SCH_SET && t != SCH_BOOL)
			value_lines(c, s, lines);
	}
	if (ntbd > 0 && q->tbd)
		line(c, lines, NULL, word(c->f, "tbd"), NULL);
	if (unmatched) {
		line(c, lines, NULL, word(c->f, "no_option"), NULL);
		node_map_set(c->a, lines->u.list.items[lines->u.list.n - 1],
			     "keys", node_cstr(c->a, unmatched));
	}
	for (size_t i = 0; i < q->nfrom; i++)
		nneeded += !q->from[i].optional;
	if (q->nfrom > 0 && nneeded == 0 && lines->u.list.n == 0) {
		/* Only details, none given: nothing applies here. */
		*st = Q_NA;
		node_map_set(c->a, m, "not_applicable",
			     node_bool(c->a, true, NULL));
		return m;
	}
	if (q->nfrom > 0 && ngiven + (q->tbd ? ntbd : 0) >= nneeded &&
	    unmatched == NULL)
		*st = Q_ANSWERED;
	else if (ngiven + ntbd > 0 || unmatched != NULL)
		*st = Q_PARTLY;
	else
		*st = Q_UNANSWERED;
	if (lines->u.list.n > 0)
		node_map_set(c->a, m, "lines", lines);
	node_map_set(c->a, m, *st == Q_ANSWERED ? "answered" :
		     *st == Q_PARTLY ? "partly" : "unanswered",
		     node_bool(c->a, true, NULL));
	if (*st != Q_ANSWERED) {
		struct node *u = node_map(c->a, NULL), *fl;

		fl = node_list(c->a, NULL);
		for (size_t i = 0; i < q->nfrom; i++) {
			struct node *k = node_map(c->a, NULL);

			if (given(inc, &q->from[i]) || q->from[i].optional)
				continue;
			node_map_set(c->a, k, "path",
				     node_cstr(c->a, q->from[i].path));
			node_map_set(c->a, k, "title",
				     node_cstr(c->a, q->from[i].f->title));
			node_list_push(c->a, fl, k);
		}
		node_map_set(c->a, u, "label", node_cstr(c->a, q->label));
		node_map_set(c->a, u, "section", node_cstr(c->a, section));
		if (*st == Q_PARTLY)
			node_map_set(c->a, u, "partly",
				     node_bool(c->a, true, NULL));
		if (fl->u.list.n > 0)
			node_map_set(c->a, u, "fields", fl);
		/* A value the form's list has no option for: the DPO
		 * chooses on the form. */
		if (unmatched)
			node_map_set(c->a, u, "choose",
				     node_cstr(c->a, unmatched));
		else if (fl->u.list.n == 0)
			node_map_set(c->a, u, "no_field",
				     node_bool(c->a, true, NULL));
		node_list_push(c->a, todo, u);
	}
	return m;
}

static void
set_count(struct arena *a, struct node *m, const char *key, size_t n)
{
	node_map_set(a, m, key, node_cstr(a, arena_printf(a, "%zu", n)));
}

struct node *
form_view(struct arena *a, const struct form *f, const struct incident *inc,
	  const struct authority *au, const struct auth_dir *dir,
	  const char *const *langs, size_t nlangs, struct form_counts *counts,
	  struct diags *d)
{
	struct actx c = { 0, a, f, inc, dir, au && au->time_zone ?
			  au->time_zone : "UTC", d };
	struct node *v = node_map(a, NULL), *secs = node_list(a, NULL);
	struct node *todo = node_list(a, NULL), *att = node_list(a, NULL);
	struct node *cm = node_map(a, NULL);
	struct form_counts k;
	const char *name;

	memset(&k, 0, sizeof k);
	node_map_set(a, v, "words", (struct node *)f->words);
	node_map_set(a, v, "id", node_cstr(a, inc->id));
	node_map_set(a, v, "title", node_cstr(a, f->title));
	node_map_set(a, v, "url", node_cstr(a, f->url));
	node_map_set(a, v, "source", node_cstr(a, f->source));
	node_map_set(a, v, "time_zone", node_cstr(a, c.zone));
	name = au ? auth_name(au, f->language) : NULL;
	if (name == NULL && au)
		name = au->name_en;
	if (name)
		node_map_set(a, v, "authority", node_cstr(a, name));
	if (inc->notification.sent_at.set) {
		const char *dt = form_time(&c, f->date_pat,
					   inc->notification.sent_at.epoch);

		if (dt)
			node_map_set(a, v, "date", node_cstr(a, dt));
	}
	for (size_t i = 0; i < f->ns; i++) {
		const struct fsec *s = &f->s[i];
		struct node *sm = node_map(a, NULL), *ql = node_list(a, NULL);

		if (!cond_holds(inc, s->cond, s->if_value)) {
			k.total += s->nq;
			k.not_applicable += s->nq;
			continue;
		}
		for (size_t j = 0; j < s->nq; j++) {
			enum qstate st;

			node_list_push(a, ql, answer(&c, &s->q[j], &st, todo,
						     s->title));
			if (!s->q[j].checked)
				node_map_set(a, v, "unchecked_any",
					     node_bool(a, true, NULL));
			k.total++;
			if (st == Q_ANSWERED)
				k.answered++;
			else if (st == Q_PARTLY)
				k.partly++;
			else if (st == Q_UNANSWERED)
				k.unanswered++;
			else
				k.not_applicable++;
		}
		node_map_set(a, sm, "title", node_cstr(a, s->title));
		node_map_set(a, sm, "questions", ql);
		node_list_push(a, secs, sm);
	}
	node_map_set(a, v, "sections", secs);
	if (todo->u.list.n > 0)
		node_map_set(a, v, "todo", todo);
	set_count(a, cm, "total", k.total);
	set_count(a, cm, "answered", k.answered);
	set_count(a, cm, "partly", k.partly);
	set_count(a, cm, "unanswered", k.unanswered);
	set_count(a, cm, "not_applicable", k.not_applicable);
	if (c.ntranslate > 0)
		set_count(a, cm, "to_translate", c.ntranslate);
	node_map_set(a, v, "counts", cm);
	/* The report in the form's language first, then the others. */
	for (size_t pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < nlangs; i++) {
			bool same = strcmp(langs[i], f->language) == 0;

			if (same == (pass == 0))
				node_list_push(a, att, node_cstr(a, arena_printf(
				    a, "%s.authority.%s.pdf", inc->id,
				    langs[i])));
		}
	node_map_set(a, v, "attach", att);
	if (counts)
		*counts = k;
	(void)d;
	return v;
}

int
form_markdown(struct arena *a, const char *tpl_dir, const struct form *f,
	      const struct node *view, struct buf *out, struct diags *d)
{
	struct buf md = BUF_INIT;
	int rc;

	rc = rnd_markdown(a, tpl_dir, "forms", "companion", view, &md, d);
	if (rc == 0 && strcmp(f->language, "fr") == 0) {
		int e = fmt_typo_fr(buf_cstr(&md), md.len, out);

		if (e != FMT_OK) {
			struct pos pos = { f->file, 0, 0 };

			diag_add(d, DIAG_ERROR, &pos, "French typography "
				 "failed: %s", fmt_error_text(e));
			rc = EXIT_SOFTWARE;
		}
	} else if (rc == 0) {
		buf_put(out, buf_cstr(&md), md.len);
	}
	buf_free(&md);
	return rc;
}

static void
add_code(const char **codes, size_t *n, size_t max, const char *code)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(codes[i], code) == 0)
			return;
	if (*n < max)
		codes[(*n)++] = code;
}

size_t
form_notified(const struct incident *inc, const struct auth_dir *dir,
	      const char **codes, size_t max)
{
	size_t n = 0;

	if (inc->cross_border.lead_authority) {
		add_code(codes, &n, max, inc->cross_border.lead_authority);
	} else if (dir && inc->controller.country) {
		const struct authority *au =
		    auth_for_country(dir, inc->controller.country, NULL);

		if (au)
			add_code(codes, &n, max, au->code);
	}
	for (size_t i = 0; i < inc->cross_border.nauthorities; i++)
		add_code(codes, &n, max, inc->cross_border.authorities[i]);
	for (size_t i = 0; i < inc->outside_eea.nauthorities; i++)
		add_code(codes, &n, max, inc->outside_eea.authorities[i]);
	return n;
}

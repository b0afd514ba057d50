/*
 * output.c - report names, atomic writes, and the render job of one
 * incident: view, Markdown and PDF of every document in memory first,
 * so that an incident with an error writes nothing.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "fmt.h"
#include "layout.h"
#include "output.h"
#include "pdf.h"
#include "render.h"
#include "schema.h"
#include "view.h"

/* Folder part of path ("." when none), in a malloc'd string. */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	dir = xmalloc((size_t)(slash - path) + 1);
	memcpy(dir, path, (size_t)(slash - path));
	dir[slash - path] = '\0';
	return dir;
}

/*
 * Writes data to a new temporary file beside path, synced; *tmpp gets
 * its malloc'd name. Nothing is left on failure.
 */
static int
stage(const char *path, const char *data, size_t len, char **tmpp,
      struct diags *d)
{
	struct pos pos = { path, 0, 0 };
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	size_t dlen = slash ? (size_t)(slash - path) + 1 : 0;
	char *tmp;
	int fd, rc = 0;
	size_t off = 0;

	*tmpp = NULL;
	tmp = xmalloc(strlen(path) + 16);
	sprintf(tmp, "%.*s.%s.XXXXXX", (int)dlen, path, base);
	fd = mkstemp(tmp);
	if (fd < 0) {
		diag_add(d, DIAG_ERROR, &pos, "cannot create a file in the "
			 "folder of %s: %s; choose another folder with -o",
			 path, strerror(errno));
		free(tmp);
		return EXIT_CANTCREAT;
	}
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			diag_add(d, DIAG_ERROR, &pos, "cannot write: %s",
				 n < 0 ? strerror(errno) : "no progress");
			rc = EXIT_IOERR;
			goto out;
		}
		off += (size_t)n;
	}
	/* mkstemp makes 0600; reports are ordinary files. */
	if (fchmod(fd, 0644) != 0 || fsync(fd) != 0) {
		diag_add(d, DIAG_ERROR, &pos, "cannot write: %s",
			 strerror(errno));
		rc = EXIT_IOERR;
		goto out;
	}
out:
	if (close(fd) != 0 && rc == 0) {
		diag_add(d, DIAG_ERROR, &pos, "cannot write: %s",
			 strerror(errno));
		rc = EXIT_IOERR;
	}
	if (rc != 0) {
		unlink(tmp);
		free(tmp);
		return rc;
	}
	*tmpp = tmp;
	return 0;
}

/* Renames tmp onto path and syncs the folder, so the rename itself
 * survives a crash. */
static int
commit(const char *path, const char *tmp, struct diags *d)
{
	struct pos pos = { path, 0, 0 };
	char *dir;
	int dfd;

	if (rename(tmp, path) != 0) {
		diag_add(d, DIAG_ERROR, &pos, "cannot put the file in place: "
			 "%s", strerror(errno));
		return EXIT_CANTCREAT;
	}
	dir = dir_of(path);
	dfd = open(dir, O_RDONLY);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(dir);
	return 0;
}

int
out_write_atomic(const char *path, const char *data, size_t len,
		 struct diags *d)
{
	char *tmp;
	int rc;

	rc = stage(path, data, len, &tmp, d);
	if (rc != 0)
		return rc;
	rc = commit(path, tmp, d);
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

/* mkdir -p; diagnostics are at label, which outlives d. */
static int
mkdirs(const char *dir, const char *label, struct diags *d)
{
	struct pos pos = { label, 0, 0 };
	char *p = xstrdup(dir), *s;
	struct stat sb;
	int rc = 0;

	for (s = p + 1;; s++) {
		char c = *s;

		if (c != '/' && c != '\0')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			diag_add(d, DIAG_ERROR, &pos, "cannot create the "
				 "folder %s: %s; choose another folder with "
				 "-o", p, strerror(errno));
			rc = EXIT_CANTCREAT;
			goto out;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		diag_add(d, DIAG_ERROR, &pos, "%s is not a folder; choose "
			 "another folder with -o", dir);
		rc = EXIT_CANTCREAT;
	}
out:
	free(p);
	return rc;
}

int
out_mkdirs(const char *dir, struct diags *d)
{
	return mkdirs(dir, dir, d);
}

static const char *const audience_names[] = {
	RND_AUTHORITY, RND_SUBJECTS, RND_REGISTER
};

const char *
out_audience_name(unsigned bit)
{
	for (size_t i = 0; i < 3; i++)
		if (bit == 1u << i)
			return audience_names[i];
	return NULL;
}

unsigned
out_audience_bit(const char *name)
{
	for (size_t i = 0; i < 3; i++)
		if (strcmp(name, audience_names[i]) == 0)
			return 1u << i;
	return 0;
}

char *
out_report_path(struct arena *a, const char *dir, const char *id,
		const char *audience, const char *lang, const char *ext)
{
	return arena_printf(a, "%s/%s/%s.%s.%s.%s", dir, id, id, audience,
			    lang, ext);
}

void
out_set_add(struct out_set *s, const char *path, const char *data,
	    size_t len)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 8;
		s->v = xrealloc(s->v, s->cap * sizeof *s->v);
	}
	s->v[s->n].path = path;
	s->v[s->n].data = data;
	s->v[s->n].len = len;
	s->n++;
}

int
out_set_write(struct out_set *s, struct diags *d)
{
	char **tmp = NULL;
	size_t i, staged = 0;
	int rc = 0;

	if (s->n == 0)
		return 0;
	tmp = xmalloc(s->n * sizeof *tmp);
	for (i = 0; i < s->n && rc == 0; i++) {
		char *dir = dir_of(s->v[i].path);

		rc = mkdirs(dir, s->v[i].path, d);
		free(dir);
		if (rc == 0)
			rc = stage(s->v[i].path, s->v[i].data, s->v[i].len,
				   &tmp[i], d);
		if (rc == 0)
			staged++;
	}
	/* Only when every file is on disk does any of them replace the
	 * old one: a full disk leaves the earlier reports whole. */
	for (i = 0; i < staged; i++) {
		if (rc == 0)
			rc = commit(s->v[i].path, tmp[i], d);
		if (rc != 0)
			unlink(tmp[i]);
		free(tmp[i]);
	}
	free(tmp);
	return rc;
}

void
out_set_free(struct out_set *s)
{
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

/* ---- the render job ---- */

/* A word of the page furniture: document.<key> of the labels (view.c
 * checks that every one is there). */
static const char *
word(const struct node *labels, const char *key)
{
	const struct node *n = node_get(node_get(labels, "document"), key);

	return n && n->kind == NODE_STRING ? n->u.str.s : "";
}

static const char *
vget(const struct node *view, const char *path)
{
	const struct node *n = node_path(view, path);

	return n && n->kind == NODE_STRING ? n->u.str.s : NULL;
}

/* The creation date of the documents: the notification's, else
 * SOURCE_DATE_EPOCH, else awareness; never the clock. */
static long long
doc_epoch(const struct out_opts *o, const struct incident *inc)
{
	if (inc->notification.sent_at.set)
		return inc->notification.sent_at.epoch;
	if (o->has_sde)
		return o->sde;
	if (inc->timeline.aware_at.set)
		return inc->timeline.aware_at.epoch;
	return 0;
}

/* Adds the Markdown and/or PDF of one document to set. */
static int
add_doc(struct arena *a, const struct out_opts *o, const char *base,
	const char *lang, const struct buf *md,
	const struct lay_furniture *f, struct out_set *set, struct diags *d)
{
	struct buf pdf = BUF_INIT;
	int rc = 0;

	if (o->formats & OUT_MD)
		out_set_add(set, arena_printf(a, "%s.md", base),
			    arena_strndup(a, buf_cstr(md), md->len), md->len);
	if (o->formats & OUT_PDF) {
		const char *path = arena_printf(a, "%s.pdf", base);

		rc = pdf_render_buf(buf_cstr(md), md->len, f, o->style, lang,
				    path, &pdf, d);
		if (rc == 0)
			out_set_add(set, path,
				    arena_strndup(a, buf_cstr(&pdf), pdf.len),
				    pdf.len);
	}
	buf_free(&pdf);
	return rc;
}

static void
furniture(struct arena *a, const struct out_opts *o,
	  const struct incident *inc, const struct node *view,
	  const struct node *labels, const char *lang, unsigned audience,
	  const char *source, struct lay_furniture *f)
{
	const char *zone = vget(view, "time_zone");
	struct buf b = BUF_INIT;

	memset(f, 0, sizeof *f);
	f->source = source;
	f->controller = inc->controller.name;
	f->reference = inc->notification.reference ? inc->notification.reference
						   : inc->id;
	f->keywords = inc->id;
	f->page_pattern = word(labels, "page");
	f->label_controller = word(labels, "controller");
	f->label_addressee = word(labels, "addressee");
	f->label_date = word(labels, "date");
	f->label_reference = word(labels, "reference");
	f->epoch = doc_epoch(o, inc);
	if (inc->notification.sent_at.set &&
	    fmt_date(lang, zone ? zone : "UTC", inc->notification.sent_at.epoch,
		     &b) == FMT_OK)
		f->date = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	switch (audience) {
	case OUT_AUTHORITY: {
		const char *name = vget(view, "authority.name");
		const char *addr = vget(view, "authority.address");

		if (name && addr)
			f->addressee = arena_printf(a, "%s\n%s", name, addr);
		else
			f->addressee = name;
		f->confidential = word(labels, "confidential_authority");
		break;
	}
	case OUT_SUBJECTS:
		f->addressee = word(labels, "to_subjects");
		break;
	default:
		f->confidential = word(labels, "confidential_register");
		break;
	}
}

/* Why no subjects document is made, as a note at the decision. */
static void
note_no_subjects(const struct incident *inc, const struct assessment *as,
		 struct diags *d)
{
	struct pos pos = inc_pos(inc, "decision.communicate_subjects");
	const char *why;
	char tmp[512];

	switch (inc->communication.status) {
	case CS_EXEMPT:
		snprintf(tmp, sizeof tmp, "an exemption applies, %s",
			 inc->communication.exemption > 0 ?
			 sch_exemption.opts[inc->communication.exemption - 1]
			 .desc : "Art. 34(3)");
		why = tmp;
		break;
	case CS_NOT_HIGH_RISK:
		why = "no high risk, Art. 34(1)";
		break;
	default:
		snprintf(tmp, sizeof tmp, "communication.status is %s; %s",
			 inc->communication.status > 0 ?
			 sch_key(&sch_comm_status, inc->communication.status) :
			 "not given",
			 as && as->rec_communicate ?
			 "the assessment finds a likely high risk: tell them "
			 "without undue delay, Art. 34(1)" :
			 "the assessment finds no high risk, Art. 34(1)");
		why = tmp;
		break;
	}
	diag_add(d, DIAG_NOTE, &pos, "no communication to the people "
		 "concerned is written: decision.communicate_subjects is false "
		 "(%s); add -a subjects to write one anyway", why);
}

/* A deep copy of a node tree into another arena. */
static struct node *
node_copy(struct arena *a, const struct node *n)
{
	struct node *c;
	size_t i;

	switch (n->kind) {
	case NODE_NULL:
		return node_null(a, &n->pos);
	case NODE_BOOL:
		return node_bool(a, n->u.b, &n->pos);
	case NODE_STRING:
		return node_string(a, n->u.str.s, n->u.str.len, &n->pos);
	case NODE_LIST:
		c = node_list(a, &n->pos);
		for (i = 0; i < n->u.list.n; i++)
			node_list_push(a, c, node_copy(a, n->u.list.items[i]));
		return c;
	case NODE_MAP:
	default:
		c = node_map(a, &n->pos);
		for (i = 0; i < n->u.map.n; i++)
			node_map_set(a, c, arena_strdup(a,
						n->u.map.pairs[i].key),
				     node_copy(a, n->u.map.pairs[i].value));
		return c;
	}
}

/* A date without its time, for a narrow table cell. */
static void
date_cell(struct arena *ra, struct node *cells, const char *key,
	  const char *lang, const char *zone, const struct inc_time *t)
{
	struct buf b = BUF_INIT;

	if (t->set && fmt_date(lang, zone ? zone : "UTC", t->epoch, &b) ==
	    FMT_OK)
		node_map_set(ra, cells, key, node_cstr(ra, buf_cstr(&b)));
	buf_free(&b);
}

/* The register row: the view copied, with "entry" and a few cells
 * that a table needs short and on one line. */
static struct node *
make_row(struct arena *ra, const struct incident *inc,
	 const struct node *view, const struct node *labels, const char *lang,
	 const struct buf *entry)
{
	struct node *row = node_copy(ra, view), *cells = node_map(ra, NULL);
	const char *zone = vget(view, "time_zone");
	const char *s;

	date_cell(ra, cells, "aware", lang, zone, &inc->timeline.aware_at);
	date_cell(ra, cells, "notified_on", lang, zone,
		  &inc->notification.sent_at);
	date_cell(ra, cells, "told_on", lang, zone,
		  &inc->communication.sent_at);

	node_map_set(ra, row, "entry",
		     node_string(ra, buf_cstr(entry), entry->len, NULL));
	{
		struct buf b = BUF_INIT;

		for (int v = BR_CONFIDENTIALITY; v <= BR_AVAILABILITY; v++) {
			if (!INC_HAS(inc->nature.breach, v))
				continue;
			if (b.len)
				buf_puts(&b, ", ");
			buf_puts(&b, word(labels, sch_key(&sch_breach, v)));
		}
		if (b.len)
			node_map_set(ra, cells, "nature",
				     node_cstr(ra, buf_cstr(&b)));
		buf_free(&b);
	}
	s = vget(view, "authority.short_name");
	if (s == NULL)
		s = vget(view, "authority.name");
	if (s)
		node_map_set(ra, cells, "authority", node_cstr(ra, s));
	node_map_set(ra, cells, "notified",
		     node_bool(ra, inc->decision.notify_authority &&
			       inc->notification.sent_at.set, NULL));
	node_map_set(ra, cells, "told",
		     node_bool(ra, inc->communication.sent_at.set, NULL));
	node_map_set(ra, row, "row", cells);
	return row;
}

#define OUT_CACHE_LANGS 16

struct out_cache {
	struct arena *a;
	struct {
		const char *lang;
		struct node *labels;
		struct rnd_set *set;
	} v[OUT_CACHE_LANGS];
	size_t n;
};

struct out_cache *
out_cache_new(void)
{
	struct out_cache *c = xmalloc(sizeof *c);

	memset(c, 0, sizeof *c);
	c->a = arena_new();
	return c;
}

void
out_cache_free(struct out_cache *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->n; i++)
		rnd_set_free(c->v[i].set);
	arena_free(c->a);
	free(c);
}

/*
 * The labels and templates of lang, from o's cache when it has them,
 * else read now (into the cache when there is room). *owned says the
 * caller frees the set. NULL with *st set when the labels do not load.
 */
static struct rnd_set *
templates_for(struct arena *a, const struct out_opts *o, const char *lang,
	      struct node **labels, bool *owned, struct diags *d, int *st)
{
	struct out_cache *c = o->cache;
	struct arena *keep = c ? c->a : a;
	struct rnd_set *set;

	*owned = false;
	for (size_t i = 0; c && i < c->n; i++)
		if (strcmp(c->v[i].lang, lang) == 0) {
			*labels = c->v[i].labels;
			return c->v[i].set;
		}
	*labels = view_labels_load(keep, o->tpl_dir, lang, d, st);
	if (*labels == NULL)
		return NULL;
	set = rnd_set_new(keep, o->tpl_dir, lang);
	if (c && c->n < OUT_CACHE_LANGS) {
		c->v[c->n].lang = arena_strdup(c->a, lang);
		c->v[c->n].labels = *labels;
		c->v[c->n++].set = set;
	} else {
		*owned = true;
	}
	return set;
}

static bool
has_lang(const char *const *v, size_t n, const char *lang)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], lang) == 0)
			return true;
	return false;
}

int
out_check_language(const char *tpl_dir, const struct incident *inc,
		   const char *lang, struct diags *d)
{
	struct buf have = BUF_INIT;
	struct pos p;

	if (rnd_lang_ok(tpl_dir, lang))
		return 0;
	/* A language is a folder of templates: say so at the line that
	 * names it, with the folders there are. */
	p = inc_pos(inc, inc->nlanguages > 1 || (inc->root != NULL &&
	    node_path(inc->root, "languages") != NULL) ? "languages" :
	    "language");
	rnd_languages(tpl_dir, &have);
	diag_add(d, DIAG_ERROR, &p, "no reports can be written in '%s': "
	    "%s/%s/ has no labels.yaml (languages there: %s); copy %s/en/ "
	    "to %s/%s/ and translate it, or remove '%s'", lang, tpl_dir,
	    lang, have.len ? buf_cstr(&have) : "none", tpl_dir, tpl_dir,
	    lang, lang);
	buf_free(&have);
	return EXIT_DATAERR;
}

int
out_render_incident(struct arena *a, const struct out_opts *o,
		    const struct incident *inc, const struct assessment *as,
		    struct out_set *set, struct arena *reg_arena,
		    const char *const *reg_langs, size_t nreg_langs,
		    struct out_row **rows, size_t *nrows, struct diags *d)
{
	const char *const *langs = o->langs;
	size_t nlangs = o->nlangs, i;
	unsigned aud = o->audiences;
	int rc = 0;

	if (langs == NULL) {
		langs = inc->nlanguages ? inc->languages : &inc->language;
		nlangs = inc->nlanguages ? inc->nlanguages : 1;
	}
	if (o->rows_only) {
		aud = 0;
	} else if (aud == 0) {
		aud = OUT_REGISTER;
		if (inc->decision.notify_authority)
			aud |= OUT_AUTHORITY;
		if (inc->decision.communicate_subjects)
			aud |= OUT_SUBJECTS;
		else
			note_no_subjects(inc, as, d);
	}
	for (i = 0; i < nlangs; i++) {
		const char *lang = langs[i];
		struct node *labels, *view;
		struct rnd_set *tpl;
		bool want_row = rows != NULL && (reg_langs == NULL ||
		    has_lang(reg_langs, nreg_langs, lang)), owned;
		int st = 0;

		if (out_check_language(o->tpl_dir, inc, lang, d) != 0) {
			rc = rc ? rc : EXIT_DATAERR;
			continue;
		}
		tpl = templates_for(a, o, lang, &labels, &owned, d, &st);
		if (tpl == NULL) {
			rc = rc ? rc : (st ? st : EXIT_DATAERR);
			continue;
		}
		view = view_build(a, inc, as, labels, lang, o->dir, d);
		if (view == NULL) {
			/* Go on: the other languages' gaps are listed too. */
			rc = rc ? rc : EXIT_DATAERR;
			if (owned)
				rnd_set_free(tpl);
			continue;
		}
		for (unsigned bit = 1; bit <= OUT_REGISTER; bit <<= 1) {
			const char *name = out_audience_name(bit);
			struct buf md = BUF_INIT;
			struct lay_furniture f;
			const char *base;
			bool doc = (aud & bit) != 0;

			if (!doc && !(bit == OUT_REGISTER && want_row))
				continue;
			st = rnd_render(tpl, name, view, &md, d);
			if (st == 0 && doc) {
				base = arena_printf(a, "%s/%s/%s.%s.%s",
						    o->out_dir, inc->id, inc->id,
						    name, lang);
				furniture(a, o, inc, view, labels, lang, bit,
					  arena_printf(a, "%s.md", base), &f);
				st = add_doc(a, o, base, lang, &md, &f, set, d);
			}
			if (st == 0 && bit == OUT_REGISTER && want_row) {
				*rows = xrealloc(*rows, (*nrows + 1) *
						 sizeof **rows);
				(*rows)[*nrows].lang =
				    arena_strdup(reg_arena, lang);
				(*rows)[*nrows].view = make_row(reg_arena, inc,
				    view, labels, lang, &md);
				(*rows)[*nrows].epoch = doc_epoch(o, inc);
				(*nrows)++;
			}
			buf_free(&md);
			if (st != 0 && rc == 0)
				rc = st;
		}
		if (owned)
			rnd_set_free(tpl);
	}
	return rc;
}

int
out_render_register(struct arena *a, const struct out_opts *o,
		    const char *lang, const struct out_row *rows,
		    size_t nrows, struct out_set *set, struct diags *d)
{
	struct node *view = node_map(a, NULL), *list = node_list(a, NULL);
	struct node *labels;
	struct rnd_set *tpl;
	struct buf md = BUF_INIT, b = BUF_INIT;
	struct lay_furniture f;
	const char *controller = NULL, *base;
	bool one_controller = true, owned;
	long long epoch = o->has_sde ? o->sde : 0;
	size_t n = 0;
	int rc = 0;

	for (size_t i = 0; i < nrows; i++) {
		const char *c;

		if (strcmp(rows[i].lang, lang) != 0)
			continue;
		node_list_push(a, list, rows[i].view);
		n++;
		c = vget(rows[i].view, "controller.name");
		if (controller == NULL)
			controller = c;
		else if (c == NULL || strcmp(c, controller) != 0)
			one_controller = false;
		/* Without SOURCE_DATE_EPOCH, the latest incident dates it. */
		if (!o->has_sde && rows[i].epoch > epoch)
			epoch = rows[i].epoch;
	}
	node_map_set(a, view, "lang", node_cstr(a, lang));
	node_map_set(a, view, "incidents", list);
	fmt_int(lang, (long long)n, &b);
	node_map_set(a, view, "count", node_cstr(a, buf_cstr(&b)));
	buf_free(&b);
	tpl = templates_for(a, o, lang, &labels, &owned, d, &rc);
	if (tpl == NULL) {
		rc = rc ? rc : EXIT_DATAERR;
		goto out;
	}
	rc = rnd_render(tpl, "registry", view, &md, d);
	if (owned)
		rnd_set_free(tpl);
	if (rc != 0)
		goto out;
	base = arena_printf(a, "%s/register.%s", o->out_dir, lang);
	memset(&f, 0, sizeof f);
	f.source = arena_printf(a, "%s.md", base);
	f.title = word(labels, "register_title");
	f.controller = one_controller ? controller : NULL;
	f.label_controller = word(labels, "controller");
	f.page_pattern = word(labels, "page");
	f.confidential = word(labels, "confidential_register");
	f.epoch = epoch;
	rc = add_doc(a, o, base, lang, &md, &f, set, d);
out:
	buf_free(&md);
	return rc;
}

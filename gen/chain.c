/*
 * chain.c - the notifications of one breach: compact records, links
 * checked across the files read, and where the breach stands.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chain.h"

void
chn_init(struct chn_set *s)
{
	memset(s, 0, sizeof *s);
	s->a = arena_new();
}

void
chn_free(struct chn_set *s)
{
	free(s->by_id);
	free(s->by_file);
	free(s->v);
	arena_free(s->a);
	memset(s, 0, sizeof *s);
}

/* FNV-1a: a hash for the indexes. */
static size_t
hash(const char *k)
{
	uint64_t h = 1469598103934665603ull;

	for (; *k; k++)
		h = (h ^ (unsigned char)*k) * 1099511628211ull;
	return (size_t)h;
}

/* The slot of key in index ix (of ids, or of files): where it is, or
 * the free one where it would go. */
static size_t
slot(const struct chn_set *s, const size_t *ix, const char *key,
     bool by_file)
{
	size_t i = hash(key) & (s->nslots - 1);

	while (ix[i] != 0) {
		const struct chn_rec *r = &s->v[ix[i] - 1];

		if (strcmp(by_file ? r->file : r->id, key) == 0)
			break;
		i = (i + 1) & (s->nslots - 1);
	}
	return i;
}

/* Adds record k to both indexes; the first record of a key stays. */
static void
index_add(struct chn_set *s, size_t k)
{
	size_t i;

	if (2 * (s->n + 1) > s->nslots) {
		size_t old = s->nslots, *oid = s->by_id, *ofile = s->by_file;

		s->nslots = old ? 2 * old : 64;
		s->by_id = xmalloc(s->nslots * sizeof *s->by_id);
		s->by_file = xmalloc(s->nslots * sizeof *s->by_file);
		memset(s->by_id, 0, s->nslots * sizeof *s->by_id);
		memset(s->by_file, 0, s->nslots * sizeof *s->by_file);
		for (i = 0; i < old; i++) {
			if (oid[i])
				s->by_id[slot(s, s->by_id,
				    s->v[oid[i] - 1].id, false)] = oid[i];
			if (ofile[i])
				s->by_file[slot(s, s->by_file,
				    s->v[ofile[i] - 1].file, true)] = ofile[i];
		}
		free(oid);
		free(ofile);
	}
	i = slot(s, s->by_id, s->v[k].id, false);
	if (s->by_id[i] == 0)
		s->by_id[i] = k + 1;
	i = slot(s, s->by_file, s->v[k].file, true);
	if (s->by_file[i] == 0)
		s->by_file[i] = k + 1;
}

static const char *
cdup(struct arena *a, const char *s)
{
	return s ? arena_strdup(a, s) : NULL;
}

size_t
chn_add(struct chn_set *s, const struct incident *inc, bool extra)
{
	const char *const *langs = inc->nlanguages ? inc->languages
						   : &inc->language;
	size_t nl = inc->nlanguages ? inc->nlanguages : 1, i;
	struct chn_rec *r;

	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->v = xrealloc(s->v, s->cap * sizeof *s->v);
	}
	r = &s->v[s->n];
	memset(r, 0, sizeof *r);
	r->file = cdup(s->a, inc->file);
	r->id = cdup(s->a, inc->id);
	r->follows = cdup(s->a, inc->notification.follows);
	r->id_pos = inc_pos(inc, "id");
	r->id_pos.file = r->file;
	r->follows_pos = inc_pos(inc, "notification.follows");
	r->follows_pos.file = r->file;
	r->controller = cdup(s->a, inc->controller.name);
	r->languages = arena_alloc(s->a, nl * sizeof *r->languages);
	for (i = 0; i < nl; i++)
		r->languages[i] = cdup(s->a, langs[i]);
	r->nlanguages = nl;
	r->type = inc->notification.type;
	r->subtype = inc->notification.subtype;
	r->reference = cdup(s->a, inc->notification.reference);
	r->previous_reference = cdup(s->a, inc->notification.previous_reference);
	r->sent_at = inc->notification.sent_at;
	r->aware_at = inc->timeline.aware_at;
	r->expected_completion = inc->notification.expected_completion;
	r->notify = inc->decision.notify_authority;
	r->communicate = inc->decision.communicate_subjects;
	r->outcome = inc->risk.outcome;
	r->comm = inc->communication.status;
	r->comm_sent = inc->communication.sent_at;
	r->comm_planned = inc->communication.planned_at;
	r->ntbd = inc->ntbd;
	r->tbd = arena_alloc(s->a, (inc->ntbd + 1) * sizeof *r->tbd);
	for (i = 0; i < inc->ntbd; i++)
		r->tbd[i] = cdup(s->a, inc->tbd[i].path);
	r->prev = r->next = CHN_NONE;
	r->extra = extra;
	index_add(s, s->n);
	return s->n++;
}

size_t
chn_find(const struct chn_set *s, const char *id)
{
	size_t i;

	if (s->nslots == 0)
		return CHN_NONE;
	i = s->by_id[slot(s, s->by_id, id, false)];
	return i ? i - 1 : CHN_NONE;
}

static bool
has_file(const struct chn_set *s, const char *path)
{
	return s->nslots > 0 &&
	    s->by_file[slot(s, s->by_file, path, true)] != 0;
}

/* Loads path and adds it as an extra record; its diagnostics are
 * dropped (check on that file shows them). */
static void
add_file(struct chn_set *s, const char *path)
{
	struct arena *a;
	struct diags d;
	struct incident *inc;
	int st = 0;

	if (has_file(s, path) || access(path, R_OK) != 0)
		return;
	a = arena_new();
	diag_init(&d);
	inc = incident_load(a, path, &d, &st);
	if (inc != NULL && inc->id != NULL)
		chn_add(s, inc, true);
	diag_free(&d);
	arena_free(a);
}

/* Every *.yaml of dir not read yet, in name order. */
static void
add_folder(struct chn_set *s, const char *dir)
{
	struct dirent **ents = NULL;
	int n = scandir(dir, &ents, NULL, alphasort);

	for (int i = 0; i < n; i++) {
		const char *nm = ents[i]->d_name;
		size_t len = strlen(nm);

		if (len > 5 && nm[0] != '.' &&
		    strcmp(nm + len - 5, ".yaml") == 0) {
			char *p = arena_printf(s->a, "%s/%s", dir, nm);

			add_file(s, p);
		}
		free(ents[i]);
	}
	free(ents);
}

void
chn_resolve(struct chn_set *s)
{
	const char **scanned = NULL;
	size_t nscanned = 0;

	/* s->n grows while we go: extra records are resolved in turn. */
	for (size_t i = 0; i < s->n; i++) {
		const char *slash, *dir;
		size_t j;

		if (s->v[i].follows == NULL ||
		    chn_find(s, s->v[i].follows) != CHN_NONE)
			continue;
		slash = strrchr(s->v[i].file, '/');
		dir = slash ? arena_strndup(s->a, s->v[i].file,
		    (size_t)(slash - s->v[i].file)) : ".";
		add_file(s, arena_printf(s->a, "%s/%s.yaml", dir,
		    s->v[i].follows));
		if (chn_find(s, s->v[i].follows) != CHN_NONE)
			continue;
		for (j = 0; j < nscanned; j++)
			if (strcmp(scanned[j], dir) == 0)
				break;
		if (j < nscanned)
			continue;
		scanned = xrealloc(scanned, (nscanned + 1) * sizeof *scanned);
		scanned[nscanned++] = dir;
		add_folder(s, dir);
	}
	free(scanned);
}

size_t
chn_head(const struct chn_set *s, size_t i)
{
	size_t steps = 0;

	while (s->v[i].prev != CHN_NONE && steps++ < s->n)
		i = s->v[i].prev;
	return i;
}

size_t
chn_latest(const struct chn_set *s, size_t i)
{
	size_t steps = 0;

	while (s->v[i].next != CHN_NONE && steps++ < s->n)
		i = s->v[i].next;
	return i;
}

static void
link_error(struct chn_set *s, size_t i, struct diags *d, size_t nd,
	   size_t *nerr, const char *text)
{
	s->v[i].broken = true;
	if (i < nd && !s->v[i].extra) {
		diag_add(&d[i], DIAG_ERROR, &s->v[i].follows_pos, "%s", text);
		(*nerr)++;
	}
}

size_t
chn_link(struct chn_set *s, struct diags *d, size_t nd)
{
	size_t nerr = 0, i;
	char msg[1024];

	for (i = 0; i < s->n; i++) {
		struct chn_rec *r = &s->v[i], *e;
		size_t j;

		if (r->follows == NULL)
			continue;
		if (r->type != NT_FOLLOW_UP) {
			snprintf(msg, sizeof msg, "a new notification follows "
			    "no earlier one: set notification.type: "
			    "follow_up, or remove notification.follows");
			link_error(s, i, d, nd, &nerr, msg);
			continue;
		}
		j = chn_find(s, r->follows);
		if (j == CHN_NONE) {
			snprintf(msg, sizeof msg, "no incident file read has "
			    "id '%s' (a file with errors has none): name the "
			    "id of the file this one follows, and keep that "
			    "file beside it (in the same folder)",
			    r->follows);
			link_error(s, i, d, nd, &nerr, msg);
			continue;
		}
		e = &s->v[j];
		if (j == i) {
			link_error(s, i, d, nd, &nerr, "a file cannot follow "
			    "itself: name the id of the earlier file");
			continue;
		}
		if (e->controller && r->controller &&
		    strcmp(e->controller, r->controller) != 0) {
			snprintf(msg, sizeof msg, "'%s' (%s) is a breach of "
			    "another controller ('%s', not '%s'): a chain "
			    "is one breach of one controller",
			    r->follows, e->file, e->controller,
			    r->controller);
			link_error(s, i, d, nd, &nerr, msg);
			continue;
		}
		if (e->sent_at.set && r->sent_at.set &&
		    e->sent_at.epoch > r->sent_at.epoch) {
			snprintf(msg, sizeof msg, "'%s' (%s) was sent after "
			    "this one: a follow-up comes after the "
			    "notification it follows; check both "
			    "notification.sent_at", r->follows, e->file);
			link_error(s, i, d, nd, &nerr, msg);
			continue;
		}
		if (e->next != CHN_NONE) {
			snprintf(msg, sizeof msg, "'%s' is already followed "
			    "by %s: a notification has one follow-up; "
			    "follow '%s' instead", r->follows,
			    s->v[e->next].file, s->v[e->next].id);
			link_error(s, i, d, nd, &nerr, msg);
			continue;
		}
		e->next = i;
		r->prev = j;
		/* The authority files one case under one reference. */
		if (e->previous_reference && r->previous_reference &&
		    strcmp(e->previous_reference, r->previous_reference) != 0 &&
		    i < nd && !r->extra)
			diag_add(&d[i], DIAG_WARNING, &r->follows_pos, "the "
			    "authority's reference '%s' differs from '%s' in "
			    "%s, the file this one follows: give the "
			    "reference the authority gave to this breach in "
			    "both notification.previous_reference",
			    r->previous_reference, e->previous_reference,
			    e->file);
	}
	/* A cycle has no head: break it at its first record read. */
	for (i = 0; i < s->n; i++) {
		size_t k = i, steps = 0;

		while (s->v[k].prev != CHN_NONE && steps++ <= s->n) {
			k = s->v[k].prev;
			if (k == i)
				break;
		}
		if (k != i || s->v[i].prev == CHN_NONE)
			continue;
		snprintf(msg, sizeof msg, "the files following each other "
		    "from here come back to this one: a chain starts with a "
		    "new notification; make the first one's "
		    "notification.type new, without follows");
		s->v[s->v[i].prev].next = CHN_NONE;
		s->v[i].prev = CHN_NONE;
		link_error(s, i, d, nd, &nerr, msg);
	}
	return nerr;
}

struct diags *
chn_check(struct chn_set *s, size_t *nd, size_t *nerr)
{
	size_t n = s->n, e;
	struct diags *d = xmalloc((n ? n : 1) * sizeof *d);

	for (size_t i = 0; i < n; i++)
		diag_init(&d[i]);
	chn_resolve(s);
	e = chn_link(s, d, n);
	if (nerr)
		*nerr = e;
	*nd = n;
	return d;
}

void
chn_diags_free(struct diags *d, size_t nd)
{
	for (size_t i = 0; i < nd; i++)
		diag_free(&d[i]);
	free(d);
}

/* Sent by now: the notification was on or before the instant. */
static bool
sent_by(const struct inc_time *t, int64_t now)
{
	return t->set && t->epoch <= now;
}

void
chn_status(const struct chn_set *s, size_t latest, int64_t now,
	   struct chn_status *st)
{
	const struct chn_rec *l = &s->v[latest], *sent = NULL;
	size_t i;

	memset(st, 0, sizeof *st);
	st->latest = latest;
	st->head = chn_head(s, latest);
	/* The latest notification actually sent stands for the breach. */
	for (i = latest; i != CHN_NONE; i = s->v[i].prev) {
		if (sent_by(&s->v[i].sent_at, now)) {
			sent = &s->v[i];
			break;
		}
	}
	if (l->subtype == NS_WITHDRAW && sent == l) {
		st->stand = CHN_WITHDRAWN;
		return;
	}
	if (!l->notify) {
		st->stand = CHN_NOT_TO_NOTIFY;
	} else if (sent == NULL) {
		st->stand = CHN_NOT_NOTIFIED;
		st->due = CHN_DUE_NOTIFICATION;
		if (l->aware_at.set) {
			st->has_by = true;
			st->by = l->aware_at.epoch + 72 * 3600;
			st->by_offset_min = l->aware_at.offset_min;
		}
	} else if (sent->subtype == NS_INCOMPLETE) {
		st->stand = CHN_INITIAL_FILED;
		st->due = CHN_DUE_FOLLOW_UP;
		if (sent->expected_completion.set) {
			st->has_by = true;
			st->by = sent->expected_completion.epoch;
			st->by_offset_min =
			    sent->expected_completion.offset_min;
		}
	} else if (sent->subtype == NS_WITHDRAW) {
		st->stand = CHN_WITHDRAWN;
		return;
	} else {
		st->stand = CHN_COMPLETE;
	}
	st->overdue = st->has_by && now > st->by;
	/* Art. 34(1): once the people are to be told (the decision, or a
	 * high risk found with no Art. 34(3) exemption), without undue
	 * delay; a date planned or recorded is the one held to. */
	if ((l->communicate || (l->outcome == RISK_HIGH &&
	    l->comm != CS_EXEMPT)) && !sent_by(&l->comm_sent, now)) {
		st->tell = true;
		if (l->comm_planned.set || l->comm_sent.set) {
			const struct inc_time *t = l->comm_sent.set ?
			    &l->comm_sent : &l->comm_planned;

			st->has_tell_by = true;
			st->tell_by = t->epoch;
			st->tell_overdue = now > t->epoch;
		}
		if (st->due == CHN_DUE_NONE) {
			st->due = CHN_DUE_COMMUNICATION;
			st->has_by = st->has_tell_by;
			st->by = st->tell_by;
			st->by_offset_min = l->comm_sent.set ?
			    l->comm_sent.offset_min :
			    l->comm_planned.offset_min;
			st->overdue = st->tell_overdue;
		}
	}
}

const char *
chn_stand_key(enum chn_stand st)
{
	static const char *const keys[] = {
		"not_notified", "not_to_notify", "initial_filed", "complete",
		"withdrawn"
	};

	return keys[st];
}

const char *
chn_due_key(enum chn_due due)
{
	static const char *const keys[] = {
		"none", "notification", "follow_up", "communication"
	};

	return keys[due];
}

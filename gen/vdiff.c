/*
 * vdiff.c - a follow-up against the notification it follows, over view
 * trees: values compared as the reports print them, in one language.
 */
#include <string.h>

#include "buf.h"
#include "vdiff.h"

const char *const vdf_paths[] = {
	"timeline.occurred", "timeline.start", "timeline.end",
	"timeline.aware_at",
	"nature.breach", "nature.confidentiality", "nature.unintelligible",
	"nature.integrity", "nature.availability", "nature.kind",
	"nature.cause",
	"subjects.categories", "subjects.count_basis", "subjects.count",
	"data.types", "data.records_basis", "data.records",
	"consequences.confidentiality", "consequences.integrity",
	"consequences.availability", "consequences.impacts",
	"consequences.severity", "risk.outcome",
	"communication.status", "communication.planned_at",
	"communication.sent_at",
	"other_notifications.police", "other_notifications.other_authorities",
	"cross_border.countries_total",
	"decision.notify_authority", "decision.communicate_subjects",
	NULL
};

static const char *
title(const struct node *labels, const char *group, const char *key)
{
	const struct node *l = node_get(node_get(labels, group), key);

	return l && l->kind == NODE_STRING ? l->u.str.s : NULL;
}

size_t
vdf_labels_check(const struct node *labels, struct diags *d)
{
	const struct node *g = node_get(labels, "changes");
	size_t missing = 0;

	for (size_t i = 0; vdf_paths[i]; i++) {
		if (title(labels, "changes", vdf_paths[i]))
			continue;
		diag_add(d, DIAG_ERROR, g ? &g->pos : &labels->pos,
			 "no title changes.%s in the labels; add "
			 "'%s: \"...\"' under changes:", vdf_paths[i],
			 vdf_paths[i]);
		missing++;
	}
	for (const char *const *k = (const char *const[]){"yes", "no",
	    NULL}; *k; k++)
		if (title(labels, "changes", *k) == NULL) {
			diag_add(d, DIAG_ERROR, g ? &g->pos : &labels->pos,
				 "no word changes.%s in the labels", *k);
			missing++;
		}
	return missing;
}

/* A value as printed: a string, a list joined, a decision in words;
 * NULL when the view has none. */
static const char *
value(struct arena *a, const struct node *labels, const struct node *view,
      const char *path)
{
	const struct node *n = node_path(view, path);
	struct buf b = BUF_INIT;
	const char *s = NULL;

	if (n == NULL)
		return NULL;
	switch (n->kind) {
	case NODE_STRING:
		return n->u.str.s;
	case NODE_BOOL:
		return title(labels, "changes", n->u.b ? "yes" : "no");
	case NODE_LIST:
		for (size_t i = 0; i < n->u.list.n; i++) {
			const struct node *it = n->u.list.items[i];

			if (it->kind != NODE_STRING)
				continue;
			buf_puts(&b, b.len ? "; " : "");
			buf_puts(&b, it->u.str.s);
		}
		if (b.len)
			s = arena_strdup(a, buf_cstr(&b));
		buf_free(&b);
		return s;
	default:
		return NULL;
	}
}

static bool
was_tbd(const struct incident *inc, const char *path)
{
	for (size_t i = 0; i < inc->ntbd; i++)
		if (strcmp(inc->tbd[i].path, path) == 0)
			return true;
	return false;
}

static void
put(struct arena *a, struct node *m, const char *key, const char *s)
{
	if (s != NULL)
		node_map_set(a, m, key, node_cstr(a, s));
}

struct node *
vdf_follows(struct arena *a, const struct node *labels,
	    const struct incident *prev_inc, const struct node *prev,
	    const struct incident *cur_inc, const struct node *cur)
{
	struct node *m = node_map(a, NULL);
	struct node *answered = node_list(a, NULL);
	struct node *changed = node_list(a, NULL);
	size_t i;

	put(a, m, "id", prev_inc->id);
	put(a, m, "sent_at", value(a, labels, prev, "notification.sent_at"));
	put(a, m, "reference", prev_inc->notification.reference);
	put(a, m, "authority_reference",
	    cur_inc->notification.previous_reference);
	/* What was tbd and is known now. */
	for (i = 0; i < prev_inc->ntbd; i++) {
		const char *path = prev_inc->tbd[i].path;
		struct node *k;
		const char *t;

		if (was_tbd(cur_inc, path))
			continue;
		t = title(labels, "fields", path);
		if (t == NULL)
			t = title(labels, "changes", path);
		k = node_map(a, NULL);
		put(a, k, "title", t ? t : path);
		put(a, k, "value", value(a, labels, cur, path));
		node_list_push(a, answered, k);
	}
	/* Every other fact that changed, old beside new. */
	for (i = 0; vdf_paths[i]; i++) {
		const char *p = vdf_paths[i];
		const char *o = value(a, labels, prev, p);
		const char *n = value(a, labels, cur, p);
		struct node *k;

		if (was_tbd(prev_inc, p) && !was_tbd(cur_inc, p))
			continue;
		if ((o == NULL && n == NULL) ||
		    (o != NULL && n != NULL && strcmp(o, n) == 0))
			continue;
		k = node_map(a, NULL);
		put(a, k, "title", title(labels, "changes", p));
		put(a, k, "old", o);
		put(a, k, "new", n);
		node_list_push(a, changed, k);
	}
	if (answered->u.list.n > 0) {
		node_map_set(a, m, "answered", answered);
		node_map_set(a, m, "has_answered", node_bool(a, true, NULL));
	}
	if (changed->u.list.n > 0) {
		node_map_set(a, m, "changed", changed);
		node_map_set(a, m, "has_changed", node_bool(a, true, NULL));
	}
	if (answered->u.list.n == 0 && changed->u.list.n == 0)
		node_map_set(a, m, "nothing_new", node_bool(a, true, NULL));
	return m;
}

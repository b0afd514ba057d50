/*
 * vdiff.h - what a follow-up adds to the notification it follows, as a
 * view: the two incidents' views compared over the facts of a table
 * (counts, data types, dates, decisions), and each field that was `tbd`
 * and is now answered. The reports' templates word it; no sentence is
 * made here.
 *
 * Labels (templates/<lang>/labels.yaml):
 *   changes:  <view path>: title, for every path of vdf_paths[]; yes, no
 *   fields:   titles of the fields that may be tbd (as view.h)
 */
#ifndef BREACHGEN_VDIFF_H
#define BREACHGEN_VDIFF_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "incident.h"
#include "node.h"

/* The view paths compared, NULL-terminated (each needs a title). */
extern const char *const vdf_paths[];

/* Adds an error per title missing under changes:; returns how many. */
size_t vdf_labels_check(const struct node *labels, struct diags *d);

/*
 * The map "follows" of the follow-up's view: id, sent_at, reference (the
 * earlier file's), authority_reference (the follow-up's
 * previous_reference), answered: [{title, value}], changed: [{title,
 * old, new}], has_answered, has_changed, nothing_new (true when both
 * are empty). prev and cur are the two views in one language; prev_inc
 * and cur_inc their incidents (for the tbd fields).
 */
struct node *vdf_follows(struct arena *a, const struct node *labels,
			 const struct incident *prev_inc,
			 const struct node *prev,
			 const struct incident *cur_inc,
			 const struct node *cur);

#endif

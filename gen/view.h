/*
 * view.h - the view model: one incident, one language, as a node tree of
 * strings already localized and formatted (dates in words in the time
 * zone of the authority concerned, grouped numbers, plurals, vocabulary
 * labels, free text in the language asked for, NFC). The Mustache
 * templates read nothing else.
 *
 * Labels come from templates/<lang>/labels.yaml:
 *
 *   enums:    <enum name>: {<key>: label, ...}   for every sch_enums[] entry
 *   messages: people, records, countries, hours, items
 *             ICU MessageFormat, count n
 *   grounds:  <ground key>: ICU message (the keys of rules.c), count n (people
 *             affected), strings band, se, types, who ("minors" or
 *             "vulnerable")
 *   bands:    low, medium, high, very_high (ENISA severity)
 *   levels:   note, warning, error (findings)
 *   fields:   "<dotted path>": title, for every field that may be tbd
 *
 * Keys of the view (absent when the incident has no value, so that
 * {{#x}} sections test presence): see templates/en/authority.md. Every
 * enumeration value gives "<field>" (its label) and "<field>_<key>": true;
 * every set gives a list of labels; every count "<field>" (grouped) and
 * "<field>_words" (through a plural message).
 */
#ifndef BREACHGEN_VIEW_H
#define BREACHGEN_VIEW_H

#include <stddef.h>

#include "arena.h"
#include "assess.h"
#include "authority.h"
#include "diag.h"
#include "incident.h"
#include "node.h"

/* The ground keys that assess.c gives (struct assess_ground.key),
 * NULL-terminated: each needs a message under grounds:. */

/*
 * Loads <dir>/<lang>/labels.yaml (dir is usually "templates"). Returns
 * NULL with diagnostics; *status as load_file().
 */
struct node *view_labels_load(struct arena *a, const char *dir,
			      const char *lang, struct diags *d, int *status);

/*
 * Adds an error for every enumeration key of sch_enums[] that has no
 * label, every message, ground, band, level and field title missing;
 * returns how many are missing.
 */
size_t view_labels_check(const struct node *labels, struct diags *d);

/*
 * Builds the view of inc in lang. as (may be NULL: no "assessment" key)
 * is assess_run()'s result for inc; it gives the "assessment" map. dir
 * (may be NULL) gives the lead or national authority: its name, address,
 * portal and time zone (UTC when none is found). Returns NULL when a free
 * text lacks lang or a label is missing, with one error per missing item,
 * all of them at once.
 */
struct node *view_build(struct arena *a, const struct incident *inc,
			const struct assessment *as,
			const struct node *labels, const char *lang,
			const struct auth_dir *dir, struct diags *d);

/* view_build with flags: VIEW_FALLBACK (the register's rows, the
 * notification a follow-up follows): a free text missing in lang is
 * given in the language the incident has, marked with the label
 * document.untranslated, instead of an error. VIEW_CHECK (`check`):
 * the same walk and the same errors, but no value is formatted (fmt.h
 * with out NULL) nor kept: the map returned (NULL on error) holds only
 * the view's groups. */
enum { VIEW_FALLBACK = 1 << 0, VIEW_CHECK = 1 << 1 };
struct node *view_build_opts(struct arena *a, const struct incident *inc,
			     const struct assessment *as,
			     const struct node *labels, const char *lang,
			     const struct auth_dir *dir, unsigned flags,
			     struct diags *d);

#endif

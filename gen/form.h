/*
 * form.h - an authority's online notification form, described as data
 * (templates/forms/<authority>.yaml), and the form companion made from
 * it: the form's sections in order, each question with the form's own
 * label and the answer to copy, taken from the incident through the
 * schema (schema.c), then the questions the file does not answer and
 * what to attach.
 *
 * A form file:
 *
 *   form: 1
 *   authority: de-be            code of templates/authorities.yaml
 *   language: de                the form's language (the companion's)
 *   title, url, source          the form, its address, where its labels
 *                               were read
 *   checked: false              default of every question: true only when
 *                               the label was read on the live form
 *   date, datetime              patterns: dd MM yyyy HH mm
 *   words: {...}                the companion's fixed wording, in the
 *                               form's language (FORM_WORDS below)
 *   sections:
 *     - title: ...
 *       if: notification.type=follow_up     (optional: shown only then)
 *       questions:
 *         - label: ...                       the form's own label
 *           source: ...                      where it was read
 *           checked: true|false
 *           note: ...                        a hint for the DPO
 *           if: path=key|key                 (optional)
 *           tbd: true                        the form offers "not known"
 *           subset: true                     the options ask about some
 *                                            keys only (special categories)
 *           from: [path, {field: path, label: ...}, ...]
 *           options:                         for keys, sets and booleans
 *             - label: ...                   the form's option
 *               keys: [key, other.path=key]  keys of the first field, or
 *                                            of the field named
 *             - {label: ..., none: true}     when nothing else matches
 *             - {label: ..., rest: true}     keys no other option names
 *
 * A path names a field of the schema ("timeline.aware_at"), or a field of
 * the items of a list ("parties.role"). Every path and key is checked
 * against the schema tables when the file is loaded.
 */
#ifndef BREACHGEN_FORM_H
#define BREACHGEN_FORM_H

#include <stddef.h>

#include "arena.h"
#include "authority.h"
#include "buf.h"
#include "diag.h"
#include "incident.h"
#include "node.h"

/* The words every form file gives under words:, NULL-terminated. */
extern const char *const form_words[];

struct form;

/* Loads and validates templates/forms/<code>.yaml. NULL with diagnostics
 * at file:line:col; *status 0, EXIT_NOINPUT or EXIT_DATAERR. */
struct form *form_load(struct arena *a, const char *path, struct diags *d,
		       int *status);
/* The same from a tree already loaded (tests). */
struct form *form_from_node(struct arena *a, const struct node *root,
			    struct diags *d);

const char *form_authority(const struct form *f);
const char *form_language(const struct form *f);
size_t form_nquestions(const struct form *f);

/* How many questions the companion answers for one incident. */
struct form_counts {
	size_t total, answered, partly, unanswered, not_applicable;
};

/*
 * The companion's view of inc: the Mustache view of
 * templates/forms/companion.md. au is the form's authority (its time zone
 * dates the answers); dir names the authorities of code lists; langs are
 * the languages the reports are written in (the PDF to attach). Counts
 * are filled when not NULL. NULL on an internal error, with a diagnostic.
 */
struct node *form_view(struct arena *a, const struct form *f,
		       const struct incident *inc,
		       const struct authority *au, const struct auth_dir *dir,
		       const char *const *langs, size_t nlangs,
		       struct form_counts *counts, struct diags *d);

/* The view rendered with <tpl_dir>/forms/companion.md, with the
 * typography of the form's language. 0 or an EXIT_ code. */
int form_markdown(struct arena *a, const char *tpl_dir, const struct form *f,
		  const struct node *view, struct buf *out, struct diags *d);

/*
 * The authorities inc is notified to: the lead authority (or the
 * national one of the controller's country), then cross_border.authorities
 * and outside_eea.authorities, each once. Returns how many codes were put
 * in codes[0..max).
 */
size_t form_notified(const struct incident *inc, const struct auth_dir *dir,
		     const char **codes, size_t max);

#endif

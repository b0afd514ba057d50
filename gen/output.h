/*
 * output.h - the last stage: names of the reports, atomic writes, and
 * the render job that turns one incident into all its documents in
 * memory before anything is written.
 *
 * Files are written beside their final name (".<name>.XXXXXX" in the
 * same folder), synced, then renamed into place, so a crash or a full
 * disk never leaves a truncated report. A set of files (one incident's
 * reports) is staged whole before the first rename: when one of them
 * cannot be written, none replaces the file already there.
 */
#ifndef BREACHGEN_OUTPUT_H
#define BREACHGEN_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "arena.h"
#include "assess.h"
#include "authority.h"
#include "buf.h"
#include "chain.h"
#include "diag.h"
#include "incident.h"
#include "node.h"
#include "style.h"

/*
 * Writes len bytes to path through a temporary file of the same folder,
 * synced and renamed; the folder must exist. On failure nothing is left
 * and the old file, if any, is untouched. Returns 0, EXIT_CANTCREAT
 * (cannot create or rename) or EXIT_IOERR (write or sync failed).
 */
int out_write_atomic(const char *path, const char *data, size_t len,
		     struct diags *d);

/* Creates dir and its parents (mode 0777 less umask). 0 or
 * EXIT_CANTCREAT with an error added at dir (which must live as long
 * as d). */
int out_mkdirs(const char *dir, struct diags *d);

/* Audiences and formats, as bit sets. */
enum {
	OUT_AUTHORITY = 1 << 0,
	OUT_SUBJECTS = 1 << 1,
	OUT_REGISTER = 1 << 2,
	OUT_FORMS = 1 << 3	/* the companions of out_opts.forms */
};
enum { OUT_MD = 1 << 0, OUT_PDF = 1 << 1 };

/* "authority", "subjects", "register"; the bit of a name, 0 if none. */
const char *out_audience_name(unsigned bit);
unsigned out_audience_bit(const char *name);

/* <dir>/<id>/<id>.<audience>.<lang>.<ext>, in a. */
char *out_report_path(struct arena *a, const char *dir, const char *id,
		      const char *audience, const char *lang, const char *ext);

/* Files waiting to be written together. Paths and data must outlive
 * the set (usually the job's arena). A staged file is already written,
 * synced, at its temporary name tmp (malloc'd, the set's). */
struct out_doc {
	const char *path;
	const char *data;
	size_t len;
	char *tmp;
};
struct out_set {
	struct out_doc *v;
	size_t n, cap;
};

void out_set_add(struct out_set *s, const char *path, const char *data,
		 size_t len);
/* Creates the folders, writes every file to its temporary name, and
 * renames them only when all were written. Returns 0 or the EXIT_ code
 * of the first failure (nothing of the set is then in place). */
int out_set_write(struct out_set *s, struct diags *d);
/* Adds a file written already at tmp (from out_temp_beside), which the
 * set now owns: renamed by out_set_write, removed if never renamed. */
void out_set_add_staged(struct out_set *s, const char *path, char *tmp);
/* Frees the set and removes its staged files not put in place. */
void out_set_free(struct out_set *s);

/* A new temporary file beside path (".<name>.XXXXXX", mode 0644): its
 * descriptor, and its malloc'd name in *tmpp; after an error at path,
 * -1 (cannot create: the folder must exist) or -2 (cannot write). */
int out_temp_beside(const char *path, char **tmpp, struct diags *d);

/*
 * The labels and compiled templates of each language, and the form
 * files (templates/forms/), kept across the incidents of a run so that
 * each is read once. An error (a label file
 * that does not load, a template that does not compile) is not kept:
 * every incident that needs it reports it.
 */
struct out_cache;

struct out_cache *out_cache_new(void);
void out_cache_free(struct out_cache *c);

/* What a render job needs besides the incident. */
struct out_opts {
	const char *out_dir;		/* "out" */
	const char *tpl_dir;		/* "templates" */
	struct out_cache *cache;	/* NULL: read per incident */
	const char *const *langs;	/* NULL: the incident's languages */
	size_t nlangs;
	unsigned audiences;		/* 0: what the decision calls for */
	const char *const *forms;	/* with OUT_FORMS: authority codes */
	size_t nforms;
	unsigned formats;		/* OUT_MD | OUT_PDF */
	const struct style *style;
	const struct auth_dir *dir;
	bool rows_only;			/* register rows, no documents */
	bool has_sde;			/* SOURCE_DATE_EPOCH was set */
	long long sde;
	struct timespec run_start;	/* temporaries older than this are
					 * from killed runs */
	/* One breach across its notifications (chain.c): the chains of
	 * the files read, the incident this one follows (its report says
	 * what changed), and the instant the register's status is at. */
	const struct chn_set *chain;
	const struct incident *prev;
	long long status_now;
};

/*
 * True when name is one breachgen writes in out/<id>/:
 * <id>.<audience>.<lang>.<md|pdf>, audience authority, subjects,
 * register or form-<authority>. Only such files are ever removed.
 */
bool out_is_report_name(const char *id, const char *name);

/*
 * Replaces the reports of one incident, <out_dir>/<id>/, by the set
 * (whose paths are in that folder) as one step: the set is written
 * whole into a fresh sibling folder ".breachgen-<id>.XXXXXX", every
 * file of the old folder that this run neither replaces nor removes
 * (names breachgen does not write; reports of formats, documents or
 * languages not asked for with -f, -a, -l) is hard-linked into it,
 * and the two folders are exchanged
 * (renameat2 RENAME_EXCHANGE), so a reader sees the old set or the
 * new one, never a mix. Reports the incident no longer produces go
 * with the old set (a note names each). Where the exchange cannot be
 * made (not Linux, a file system without it, a folder inside
 * out/<id>/ that cannot be hard-linked), the files are moved in one
 * by one, and an error says exactly which were replaced. Refused
 * before anything is written: out/<id> a symbolic link or not a
 * folder; something not a file under a report's name. Staging
 * folders of id left by killed runs (older than o->run_start) are
 * removed first. Returns 0 or an EXIT_ code.
 */
int out_incident_write(struct arena *a, const struct out_opts *o,
		       const char *id, struct out_set *set, struct diags *d);

/* Removes the register's temporary files that killed runs left in
 * out_dir (".register.*.XXXXXX" older than start). */
void out_clean_register_temps(const char *out_dir,
			      const struct timespec *start);

/*
 * The register over all incidents, written as a stream: each incident's
 * share of each loop of templates/<lang>/registry.md over "incidents"
 * (its row of each table, its entry) is rendered when the incident is
 * (out_render_incident) and appended, once the incident has succeeded
 * (out_register_keep), to a spool of that loop: an unlinked temporary
 * file of the output folder. At the end (out_register_write) the
 * template is rendered with each loop's place filled from its spool,
 * through the typography pass, into the register's temporary file.
 * Memory does not grow with the incidents: per language, the count,
 * the controller (one or several) and the latest date.
 */
struct out_register;

/* The register in langs (copied), for o's run (o->out_dir, o->chain,
 * o->status_now must be set). */
struct out_register *out_register_new(const struct out_opts *o,
				      const char *const *langs,
				      size_t nlangs);
void out_register_free(struct out_register *reg);

/* The shares rendered since the last call: appended to the spools
 * (0, or an EXIT_ code with an error at the output folder), or
 * dropped (an incident that failed adds nothing). */
int out_register_keep(struct out_register *reg, struct diags *d);
void out_register_drop(struct out_register *reg);

/*
 * Writes <out_dir>/register.<lang>.md of every language to a temporary
 * file and adds it to set, staged (out_set_add_staged); the PDF is laid
 * out from that file, in memory, and added to set. 0 or an EXIT_ code.
 */
int out_register_write(struct out_register *reg, struct arena *a,
		       const struct out_opts *o, struct out_set *set,
		       struct diags *d);

/*
 * Renders every document of inc (assessed as as) in memory and adds
 * them to set: load errors are the caller's, this reports missing
 * translations, template and layout errors. When reg is not NULL,
 * inc's share of the register in each of its languages is rendered
 * and held until out_register_keep or _drop: its row (a summary of the
 * view with its register entry, its chain's notifications and status);
 * a language inc lacks gives its texts in the language it has, marked.
 * A note is added when the people are not told and no subjects
 * document is made. Returns 0 or an EXIT_ code; on error set may hold
 * some documents, which the caller must not write.
 */
int out_render_incident(struct arena *a, const struct out_opts *o,
			const struct incident *inc,
			const struct assessment *as, struct out_set *set,
			struct out_register *reg, struct diags *d);

/*
 * What render needs of the data, checked without rendering, for every
 * language the incident declares: its templates folder exists, dates
 * and numbers can be written in it, every free text has it and every
 * date can be formatted (the view builds); and the form file of every
 * authority notified that has one loads. `check` runs it, so that what
 * check accepts, render renders. 0 or an EXIT_ code.
 */
int out_check_incident(struct arena *a, const struct out_opts *o,
		       const struct incident *inc,
		       const struct assessment *as, struct diags *d);

#endif

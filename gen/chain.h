/*
 * chain.h - one breach across its notifications. A follow-up or a
 * withdrawal names the incident file it follows (notification.follows,
 * by id); the files of one breach form a chain, initial first. Each file
 * stays the record of what was sent; the latest one stands for the
 * breach (register row, status).
 *
 * The chain keeps a compact record per file (a few dates, keys and
 * references copied into its own arena), never the incidents themselves,
 * so a batch of many files holds little.
 */
#ifndef BREACHGEN_CHAIN_H
#define BREACHGEN_CHAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "incident.h"

#define CHN_NONE ((size_t)-1)

struct chn_rec {
	const char *file, *id, *follows;
	struct pos id_pos;		/* of id */
	struct pos follows_pos;		/* of notification.follows */
	const char *controller;
	const char **languages;		/* the incident's languages */
	size_t nlanguages;
	enum notif_type type;
	enum notif_subtype subtype;
	const char *reference, *previous_reference;
	struct inc_time sent_at, aware_at, expected_completion;
	bool notify, communicate;	/* the decision */
	enum risk outcome;
	enum comm_status comm;
	struct inc_time comm_sent, comm_planned;
	const char **tbd;		/* paths answered tbd */
	size_t ntbd;
	size_t prev, next;		/* CHN_NONE at the ends */
	bool extra;	/* read only to resolve a chain: not reported */
	bool broken;	/* its link is in error: a chain of its own */
};

struct chn_set {
	struct arena *a;
	struct chn_rec *v;
	size_t n, cap;
	/* Open-addressed indexes of ids and files (slot: record + 1, 0
	 * free), so that a batch of many files links in linear time. */
	size_t *by_id, *by_file;
	size_t nslots;
};

void chn_init(struct chn_set *s);
void chn_free(struct chn_set *s);

/* Adds the record of inc (copied); returns its index. extra: a file
 * read only to find the one a named file follows. */
size_t chn_add(struct chn_set *s, const struct incident *inc, bool extra);

/*
 * For every record whose earlier file is not among those added, reads
 * <folder>/<follows>.yaml, else every *.yaml of the record's folder, and
 * adds what it finds as extra records (their diagnostics are not kept:
 * `check` on that file shows them).
 */
void chn_resolve(struct chn_set *s);

/*
 * Links the records into chains and checks every link: the earlier file
 * is among those read, a new notification follows nothing, same
 * controller, not sent after this one, one follow-up per notification,
 * no cycle; a warning when the authority's reference changes along
 * the chain. Errors for record i go to d[i] (i < nd; extra records have
 * none); a broken link leaves the record at the head of a chain of its
 * own. Returns the number of errors.
 */
size_t chn_link(struct chn_set *s, struct diags *d, size_t nd);

/*
 * The usual run: chn_resolve, then chn_link with one diagnostics list
 * per record added so far (the files read); returns that array, of
 * *nd lists, for chn_diags_free. *nerr (may be NULL) gets the errors.
 */
struct diags *chn_check(struct chn_set *s, size_t *nd, size_t *nerr);
void chn_diags_free(struct diags *d, size_t nd);

/* Index of the record of id, CHN_NONE if none. */
size_t chn_find(const struct chn_set *s, const char *id);
/* First and latest record of i's chain. */
size_t chn_head(const struct chn_set *s, size_t i);
size_t chn_latest(const struct chn_set *s, size_t i);

/* Where a breach stands at an instant, from its chain (latest is its
 * last record). */
enum chn_stand {
	CHN_NOT_NOTIFIED,	/* to be notified, not sent yet */
	CHN_NOT_TO_NOTIFY,	/* the controller decided not to notify */
	CHN_INITIAL_FILED,	/* incomplete notification sent */
	CHN_COMPLETE,		/* complete notification sent */
	CHN_WITHDRAWN
};
enum chn_due {
	CHN_DUE_NONE,
	CHN_DUE_NOTIFICATION,	/* the 72 hours of Art. 33(1) */
	CHN_DUE_FOLLOW_UP,	/* promised in expected_completion */
	CHN_DUE_COMMUNICATION	/* Art. 34(1), without undue delay */
};
struct chn_status {
	size_t head, latest;
	enum chn_stand stand;
	enum chn_due due;
	bool has_by;		/* due has a date */
	int64_t by;
	int by_offset_min;	/* offset to print it with */
	bool overdue;
	bool tell;		/* the people are still to be told */
	bool tell_overdue;
	int64_t tell_by;
	bool has_tell_by;
};

void chn_status(const struct chn_set *s, size_t latest, int64_t now,
		struct chn_status *st);
/* "initial_filed", ... and "notification", ...: stable keys. */
const char *chn_stand_key(enum chn_stand st);
const char *chn_due_key(enum chn_due due);

#endif

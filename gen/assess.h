/*
 * assess.h - the assessment of an incident: the 72-hour clock, the
 * ENISA severity, what the law asks (notify the authority, tell the
 * people) with the facts that drive it, the controller's decision beside
 * it, the recipients of the notification and what is still missing.
 *
 * A pure function of the incident and the authority directory: no I/O,
 * no locale, no wall clock. Findings are added to the diagnostics and
 * kept in the assessment, so that the `assess` YAML and the reports can
 * print them.
 */
#ifndef BREACHGEN_ASSESS_H
#define BREACHGEN_ASSESS_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "authority.h"
#include "buf.h"
#include "diag.h"
#include "enisa.h"
#include "incident.h"

/* Art. 33(1): 72 hours after awareness. */
#define ASSESS_DEADLINE_SEC (72 * 3600)
/* From this many people, the number affected is a ground of its own
 * (weighed after the ENISA score, as the method says). */
#define ASSESS_MANY_PEOPLE 1000
/* Below this many people, a low ENISA severity with no aggravating fact
 * may be unlikely to result in a risk (G 9/2022 Annex B, example x). */
#define ASSESS_FEW_PEOPLE 100

/* A finding: a diagnostic kept in the assessment. */
struct assess_finding {
	enum diag_level level;
	const char *article;	/* "Art. 33(1)", "" if none */
	struct pos pos;
	const char *text;	/* without the article */
};

enum assess_rec { REC_NOTIFY, REC_COMMUNICATE };

/* A fact that a recommendation rests on. */
struct assess_ground {
	enum assess_rec rec;	/* which recommendation */
	bool pro;		/* argues for notifying / communicating */
	const char *key;	/* stable: "special_categories", ... */
	const char *article;
	struct pos pos;		/* the line of the file it rests on */
	const char *text;
};

/* A processor's awareness (Art. 33(2)). */
struct assess_processor {
	const struct inc_party *party;
	bool has_delay;
	int64_t delay_sec;	/* informed_controller_at - aware_at */
	bool over_contract;	/* delay beyond contract_hours */
};

/* An item still missing in a phased notification (Art. 33(4)). */
struct assess_missing {
	const char *path;
	unsigned edpb;
	struct pos pos;
};

struct assessment {
	const struct incident *inc;

	/* Art. 33(1): the 72-hour clock. */
	bool has_deadline;
	int64_t deadline;		/* aware_at + 72 h, UTC epoch */
	bool has_local;			/* deadline_local_offset is valid */
	int deadline_offset_min;	/* offset of the authority's zone then */
	bool late;			/* this new notification sent after it */
	int64_t sent_after_sec;		/* sent_at - aware_at, when sent */
	bool late_reason_given;

	struct assess_processor *processors;
	size_t nprocessors;

	/* Art. 33(4). */
	struct assess_missing *missing;
	size_t nmissing;

	struct enisa_score enisa;

	/* The law's answer from the facts, and the controller's decision. */
	bool rec_notify, rec_communicate;
	bool high_risk;			/* facts point to a likely high risk */
	bool exempt_34_3;		/* an Art. 34(3) ground holds */
	struct assess_ground *grounds;
	size_t ngrounds;

	/* Recipients (Arts. 55, 56, 3(2)): authority codes; the first is
	 * the competent or lead authority whose zone dates are shown in. */
	const char **authorities;
	size_t nauthorities;
	const char *time_zone;		/* NULL when unknown */
	const char *authority_basis;	/* "lead", "establishment",
					 * "public_body", "non_eea" */

	struct assess_finding *findings;
	size_t nfindings;
};

/*
 * Assesses a validated incident. dir may be NULL (no authority checks,
 * no time zone: the local deadline is then not computed). Never returns
 * NULL; findings are added to d as well.
 */
struct assessment *assess_run(struct arena *a, const struct incident *inc,
			      const struct auth_dir *dir, struct diags *d);

/*
 * For `check --now`: seconds left before the deadline at now (negative:
 * that late). Returns false when there is no deadline (no aware_at).
 */
bool assess_time_left(const struct assessment *as, int64_t now,
		      int64_t *left_sec);

/* Level names as printed: "note", "warning", "error". */
const char *assess_level_name(enum diag_level l);

/* The assessment as YAML (libyaml emitter), keys stable for scripts:
 * id, deadline, deadline_local, authority, authorities, late, severity,
 * recommend, decision, missing, processors, findings. Returns 0, or -1
 * when the emitter fails. */
int assess_emit_yaml(const struct assessment *as, const struct incident *inc,
		     struct buf *out);

#endif

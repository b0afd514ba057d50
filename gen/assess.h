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
#include "rules.h"

/* Art. 33(1): 72 hours after awareness. */
#define ASSESS_DEADLINE_SEC (72 * 3600)
/* From this many people, the number affected is a ground of its own
 * (weighed after the ENISA score, as the method says). */
#define ASSESS_MANY_PEOPLE 1000
/* Below this many people, a low ENISA severity with no aggravating fact
 * may be unlikely to result in a risk (G 9/2022 Annex B, example x). */
#define ASSESS_FEW_PEOPLE 100

/* The findings the reports can show, each with a message of that name
 * under findings: in the labels (view.c checks they are all there). */
#define ASSESS_FINDING_KEYS(X) \
	X(AF_NON_EEA_LEAD, "non_eea_lead") \
	X(AF_UNKNOWN_COUNTRY, "unknown_country") \
	X(AF_PUBLIC_BODY_LEAD, "public_body_lead") \
	X(AF_LEAD_NOT_MAIN, "lead_not_main") \
	X(AF_LATE_WITH_REASONS, "late_with_reasons") \
	X(AF_PROCESSOR_NO_DATES, "processor_no_dates") \
	X(AF_PROCESSOR_NO_LIMIT, "processor_no_limit") \
	X(AF_PROCESSOR_OVER_LIMIT, "processor_over_limit") \
	X(AF_AWARE_AFTER_PROCESSOR, "aware_after_processor") \
	X(AF_INCOMPLETE_NO_TBD, "incomplete_no_tbd") \
	X(AF_PUBLIC_NOT_ADJUSTED, "public_not_adjusted") \
	X(AF_AVAILABILITY_UNKNOWN, "availability_unknown") \
	X(AF_OTHER_TYPE, "other_type") \
	X(AF_DPC_CLAMPED, "dpc_clamped") \
	X(AF_NO_SEVERITY, "no_severity") \
	X(AF_DEPARTS_NO_RATIONALE, "departs_no_rationale") \
	X(AF_DEPARTS, "departs") \
	X(AF_OUTCOME_DIFFERS, "outcome_differs") \
	X(AF_OUTCOME_DIFFERS_NO_RATIONALE, "outcome_differs_no_rationale") \
	X(AF_NOTIFY_NOT_REQUIRED, "notify_not_required") \
	X(AF_VOLUNTARY_HIGH, "voluntary_high") \
	X(AF_FACT_UNUSED, "fact_unused")

#define ASSESS_FKEY_ENUM(name, key) name,
enum assess_fkey {
	AF_NONE,	/* an error: it stops the reports */
	ASSESS_FINDING_KEYS(ASSESS_FKEY_ENUM)
	AF_COUNT
};
#undef ASSESS_FKEY_ENUM

/* The message names, by enum assess_fkey; [AF_NONE] is NULL, and so is
 * [AF_COUNT], which ends the list that starts at [1]. */
extern const char *const assess_finding_keys[AF_COUNT + 1];

/*
 * A finding: a diagnostic kept in the assessment. text is English, for
 * check and assess. The reports say it in their language: the message
 * findings.<key> of the labels, with {a} {b} {c}, {duration} (secs in
 * the reader's words) and {ground} (the text of grounds[ground]). Errors
 * have no key: they stop the reports.
 */
struct assess_finding {
	enum diag_level level;
	const char *article;	/* "Art. 33(1)", "" if none */
	struct pos pos;
	const char *text;	/* without the article */
	const char *key;
	const char *a, *b, *c;
	int64_t secs;
	long ground;		/* index in grounds, -1 for none */
};

enum assess_rec { REC_NOTIFY, REC_COMMUNICATE };

/* A fact that a recommendation rests on: one rule of rules.c that held. */
struct assess_ground {
	const struct rule *rule;
	struct rule_hit hit;	/* the arguments of its wording */
	enum assess_rec rec;	/* which recommendation */
	bool pro;		/* argues for notifying / communicating */
	const char *key;	/* the rule's wording key */
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

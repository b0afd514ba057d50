/*
 * rules.h - the recommendation rules as one reviewable table: what the
 * facts of the incident file say about notifying the authority (Art.
 * 33(1)), telling the people (Art. 34(1)) and the Art. 34(3) conditions.
 *
 * Like the schema table, the table is the single source: assess.c runs
 * it, `breachgen schema --rules` writes docs/assessment.md from it, the
 * reports name each ground by its rule id, and the labels of every
 * language hold the wording under grounds.<key>.
 */
#ifndef BREACHGEN_RULES_H
#define BREACHGEN_RULES_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "enisa.h"
#include "incident.h"
#include "schema.h"

/* What a rule bears on. */
enum rule_bears { RB_NOTIFY, RB_COMMUNICATE, RB_EXEMPT };

/* Which way it weighs. RD_UNKNOWN: a fact it needs is not known, which
 * holds the recommendation back (and leans to notifying). RD_NOTE: said
 * in the reports, weighs nothing. */
enum rule_dir { RD_FOR, RD_AGAINST, RD_UNKNOWN, RD_NOTE };

/*
 * How the rules of a group combine (rules.c, rules_run):
 *   RG_CONF, RG_INTEG, RG_AVAIL  one per breach type, tried in table
 *       order: the first rule against stops the group (the breach type
 *       is neutralised) unless a rule for held before it; the type then
 *       weighs for notifying when a rule for or unknown held.
 *   RG_AGGRAVATE  grounds for notifying that add weight, never decide.
 *   RG_HIGH       each one that holds makes a high risk likely.
 *   RG_LOWER      lowers the risk, or says why no high risk is found.
 *   RG_EXEMPT     an Art. 34(3) condition.
 *   RG_NOTE       said, not weighed.
 */
enum rule_group {
	RG_CONF, RG_INTEG, RG_AVAIL, RG_AGGRAVATE, RG_HIGH, RG_LOWER,
	RG_EXEMPT, RG_NOTE
};

/* The arguments a ground's wording can use. */
struct rule_hit {
	int64_t n;			/* {n}: a count or hours; -1 none */
	const char *a;			/* {a}: an enum key, or a path list */
	const struct sch_enum *a_enum;	/* a's enum, to say it in words */
	const struct inc_text *reason;	/* {reason}: the file's own words */
	inc_set types;			/* {types}: data types concerned */
};

/* What the rules read, worked out once from the incident. */
struct rule_in {
	const struct incident *inc;
	const struct enisa_score *s;
	bool conf, integ, avail;	/* nature.breach */
	bool exposed;			/* conf weighs for notifying */
	bool effect;			/* some breach type weighs for it */
	bool high;			/* some RG_HIGH rule held */
	int conf_state, integ_state, avail_state;	/* enum rule_dir+1,
							 * 0: not weighed */
};

struct rule {
	const char *id;		/* stable: "N08" */
	const char *key;	/* wording: grounds.<key> of the labels */
	enum rule_bears bears;
	enum rule_dir dir;
	enum rule_group group;
	const char *condition;	/* in words, for docs/assessment.md */
	/* The facts the condition reads, space-separated paths; a|b are
	 * alternatives (the rule holds on either). */
	const char *reads;
	const char *at;		/* where the ground points in the file */
	const char *article;
	const char *source;	/* guideline, paragraph or example */
	const char *text;	/* English wording for check and assess */
	bool (*holds)(const struct rule_in *in, struct rule_hit *hit);
};

extern const struct rule rules_table[];

/*
 * The facts a ground may name as its argument a while they are not
 * known yet (U01-U05): dotted paths of the incident file. A filing
 * prints their titles (fields: in the labels), never the paths, so
 * each needs one in every language.
 */
extern const char *const rules_open_facts[];
extern const size_t rules_count;

/* A rule by id, or NULL. */
const struct rule *rules_find(const char *id);

/* One rule that held, with its arguments. */
struct rules_fired {
	const struct rule *rule;
	struct rule_hit hit;
};

struct rules_result {
	struct rules_fired fired[64];
	size_t nfired;
	bool notify, high_risk, exempt, communicate;
};

/* Runs the table on the incident. Pure. */
void rules_run(const struct incident *inc, const struct enisa_score *s,
	       struct rules_result *out);

/* The ground's English text, its {..} filled from hit. */
const char *rules_text(struct arena *a, const struct incident *inc,
		       const struct rules_fired *f);

/* The wording of a ground in a language (grounds.<key> of its labels),
 * or NULL. */
typedef const char *rules_wording_fn(void *ctx, const char *lang,
				     const char *key);

/* docs/assessment.md: the table for a lawyer's review, then the wording
 * of every ground in each of langs (NULL-terminated; may be NULL). */
void rules_markdown(struct buf *out, const char *const *langs,
		    rules_wording_fn *wording, void *ctx);

#endif

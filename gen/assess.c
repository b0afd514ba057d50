/*
 * assess.c - from a validated incident to its assessment: the 72-hour
 * clock, the ENISA severity, the recommendation of the law with its
 * grounds, the consistency of the controller's decision, the recipients
 * of the notification and what a phased notification still owes.
 *
 * Sources relied on (cited at each rule below):
 *   GDPR         Regulation (EU) 2016/679, Arts. 3(2), 27, 33, 34, 55, 56.
 *   G 9/2022     EDPB Guidelines 9/2022 on personal data breach
 *                notification, v2.0 (28 March 2023), which take over
 *                WP250 rev.01: section II.A (awareness, processors),
 *                II.C (cross-border, para. 73 for non-EEA controllers),
 *                III.C (Art. 34(3) conditions), IV.B (risk factors,
 *                para. 102: damage presumed likely for Art. 9 and 10
 *                data), Annex B (ten examples).
 *   ENISA 2013   severity method (enisa.c).
 *
 * The tool recommends; the controller decides. Where the decision
 * departs from the recommendation without a recorded rationale, a
 * warning names the fact that drove the recommendation.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <yaml.h>

#include "assess.h"
#include "datetime.h"
#include "rules.h"
#include "schema.h"
#include "tz.h"

struct ctx {
	struct arena *a;
	const struct incident *inc;
	const struct auth_dir *dir;
	struct diags *d;
	struct assessment *as;
	size_t cap_findings, cap_grounds, cap_auth;
};

#define GROW(c, arr, n, cap) do { \
	if ((n) == (cap)) { \
		size_t nc_ = (cap) ? (cap) * 2 : 8; \
		(arr) = arena_grow((c)->a, (arr), (cap) * sizeof *(arr), \
		    nc_ * sizeof *(arr)); \
		(cap) = nc_; \
	} \
} while (0)

#define ASSESS_FKEY_NAME(name, key) key,
const char *const assess_finding_keys[AF_COUNT + 1] = {
	NULL, ASSESS_FINDING_KEYS(ASSESS_FKEY_NAME) NULL
};
#undef ASSESS_FKEY_NAME

static struct assess_finding *finding(struct ctx *c, enum diag_level level,
				      const char *article, struct pos pos,
				      enum assess_fkey key, const char *fmt,
				      ...)
	__attribute__((format(printf, 6, 7)));

static struct assess_finding *
finding(struct ctx *c, enum diag_level level, const char *article,
	struct pos pos, enum assess_fkey key, const char *fmt, ...)
{
	struct assessment *as = c->as;
	struct assess_finding *f;
	va_list ap;

	GROW(c, as->findings, as->nfindings, c->cap_findings);
	f = &as->findings[as->nfindings++];
	va_start(ap, fmt);
	f->text = arena_vprintf(c->a, fmt, ap);
	va_end(ap);
	f->level = level;
	f->article = article ? article : "";
	f->pos = pos;
	f->key = assess_finding_keys[key];
	f->a = f->b = f->c = NULL;
	f->secs = 0;
	f->ground = -1;
	if (*f->article)
		diag_add(c->d, level, &pos, "%s (%s)", f->text, f->article);
	else
		diag_add(c->d, level, &pos, "%s", f->text);
	return f;
}

/* The arguments of a finding's message in the reports. */
static void
fargs(struct assess_finding *f, const char *a, const char *b, const char *c,
      int64_t secs)
{
	f->a = a;
	f->b = b;
	f->c = c;
	f->secs = secs;
}

static struct pos
pos_of(const struct ctx *c, const char *path)
{
	return inc_pos(c->inc, path);
}

/* "71 h 59 min": durations in the messages a DPO reads. */
static const char *
duration(struct ctx *c, int64_t sec)
{
	int64_t m = (sec < 0 ? -sec : sec) / 60;

	return arena_printf(c->a, "%s%lld h %02lld min", sec < 0 ? "-" : "",
	    (long long)(m / 60), (long long)(m % 60));
}

static const char *
utc(struct ctx *c, int64_t t)
{
	char buf[DT_FMT_MAX];

	return arena_strdup(c->a, dt_format_utc(t, buf));
}

/* ---- Recipients: Arts. 55, 56, 3(2) and 27 ---------------------------- */

static void
add_authority(struct ctx *c, const char *code)
{
	struct assessment *as = c->as;
	size_t i;

	for (i = 0; i < as->nauthorities; i++)
		if (strcasecmp(as->authorities[i], code) == 0)
			return;
	GROW(c, as->authorities, as->nauthorities, c->cap_auth);
	as->authorities[as->nauthorities++] = code;
}

static const char *
lower(struct ctx *c, const char *s)
{
	char *r = arena_strdup(c->a, s);
	char *p;

	for (p = r; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return r;
}

/* An authority code given in the file, checked against the directory. */
static const struct authority *
known_code(struct ctx *c, const char *code, struct pos pos)
{
	const struct authority *au;

	if (c->dir == NULL)
		return NULL;
	au = auth_find(c->dir, code);
	if (au == NULL)
		finding(c, DIAG_ERROR, "Art. 55", pos, AF_NONE,
		    "unknown authority code '%s': write a code of "
		    "templates/authorities.yaml, such as fr, ie, se or de-be "
		    "(a German Land)", code);
	return au;
}

/* Germany has one authority per Land: the file names it, as the lead
 * authority or among cross_border.authorities. */
static const struct authority *
regional_from_file(struct ctx *c, const char *country)
{
	const struct incident *inc = c->inc;
	const struct authority *au;
	size_t i;

	if (inc->cross_border.lead_authority != NULL) {
		au = auth_find(c->dir, inc->cross_border.lead_authority);
		if (au != NULL && strcasecmp(au->country, country) == 0 &&
		    au->scope != AUTH_FEDERAL)
			return au;
	}
	for (i = 0; i < inc->cross_border.nauthorities; i++) {
		au = auth_find(c->dir, inc->cross_border.authorities[i]);
		if (au != NULL && strcasecmp(au->country, country) == 0)
			return au;
	}
	return NULL;
}

/* The authority of the controller's own country (Art. 55(1), 55(2)). */
static const struct authority *
national(struct ctx *c, const char *article)
{
	const struct incident *inc = c->inc;
	const struct authority *au;
	bool needs_region = false;
	const char *country = inc->controller.country;

	if (country == NULL)
		return NULL;
	au = auth_for_country(c->dir, country, &needs_region);
	if (au == NULL && needs_region)
		au = regional_from_file(c, country);
	if (au == NULL && needs_region)
		finding(c, DIAG_ERROR, article,
		    pos_of(c, "controller.country"), AF_NONE,
		    "%s has one supervisory authority per region: name the "
		    "one of your seat in 'cross_border.lead_authority' (e.g. "
		    "de-be for Berlin, de-by for Bavaria)", country);
	else if (au == NULL)
		finding(c, DIAG_ERROR, article,
		    pos_of(c, "controller.country"), AF_NONE,
		    "no supervisory authority of country '%s' in the "
		    "directory: check 'controller.country' (the country of "
		    "the main establishment)", country);
	return au;
}

/* G 9/2022 para. 73: a controller not established in the EEA notifies
 * every authority of a Member State where people affected live; its Art.
 * 27 representative does not bring the one-stop shop. */
static void
recipients_non_eea(struct ctx *c)
{
	const struct incident *inc = c->inc;
	const struct authority *au;
	bool needs_region;
	size_t i;

	c->as->authority_basis = "non_eea";
	if (inc->cross_border.lead_authority != NULL)
		finding(c, DIAG_WARNING, "Art. 56, Art. 3(2)",
		    pos_of(c, "cross_border.lead_authority"), 
		    AF_NON_EEA_LEAD,
		    "a controller not established in the EEA has no lead "
		    "authority, even with a representative (EDPB Guidelines "
		    "9/2022, para. 73): remove 'lead_authority' and list the "
		    "countries where the people live in "
		    "'cross_border.countries'");
	if (inc->cross_border.ncountries == 0)
		finding(c, DIAG_ERROR, "Art. 3(2), Art. 33(1)",
		    pos_of(c, "controller.eea_established"), AF_NONE,
		    "a controller not established in the EEA notifies the "
		    "authority of every Member State where people affected "
		    "live (EDPB Guidelines 9/2022, para. 73): list them in "
		    "'cross_border.countries' with approximate numbers");
	for (i = 0; i < inc->cross_border.ncountries; i++) {
		const struct inc_country_count *cc =
		    &inc->cross_border.countries[i];

		if (c->dir == NULL) {
			add_authority(c, lower(c, cc->country));
			continue;
		}
		needs_region = false;
		au = auth_for_country(c->dir, cc->country, &needs_region);
		if (au == NULL && needs_region)
			au = regional_from_file(c, cc->country);
		if (au != NULL) {
			add_authority(c, au->code);
		} else if (needs_region) {
			finding(c, DIAG_ERROR, "Art. 3(2), Art. 33(1)", cc->pos,
			    AF_NONE,
			    "people affected live in %s, where each region "
			    "has its own authority: list the authorities "
			    "of their regions in 'cross_border.authorities' "
			    "(e.g. de-be, de-by)", cc->country);
		} else {
			fargs(finding(c, DIAG_WARNING, "Art. 3(2)", cc->pos,
			    AF_UNKNOWN_COUNTRY, "no EEA supervisory authority "
			    "for country '%s' in the directory: check the code",
			    cc->country), cc->country, NULL, NULL, 0);
		}
	}
}

static void
recipients(struct ctx *c)
{
	const struct incident *inc = c->inc;
	struct assessment *as = c->as;
	const struct authority *au = NULL;
	const struct node *list;
	size_t i;

	if (!inc->controller.eea_established) {
		recipients_non_eea(c);
	} else if (inc->controller.public_body) {
		/* Art. 55(2): no one-stop shop for public bodies. */
		as->authority_basis = "public_body";
		if (c->dir != NULL)
			au = national(c, "Art. 55(2)");
		else if (inc->controller.country)
			add_authority(c, lower(c, inc->controller.country));
		if (au != NULL && inc->cross_border.lead_authority != NULL &&
		    strcasecmp(au->code, inc->cross_border.lead_authority))
			fargs(finding(c, DIAG_WARNING, "Art. 55(2)",
			    pos_of(c, "cross_border.lead_authority"),
			    AF_PUBLIC_BODY_LEAD, "a public body notifies the "
			    "authority of its own Member State (%s); the "
			    "one-stop shop and its lead authority do not apply "
			    "to it", au->code), au->code, NULL, NULL, 0);
	} else if (inc->cross_border.processing == YN_YES &&
	    inc->cross_border.lead_authority != NULL) {
		/* Art. 56(1), G 9/2022 section II.C.1: the lead authority. */
		as->authority_basis = "lead";
		if (c->dir == NULL) {
			add_authority(c, inc->cross_border.lead_authority);
		} else {
			au = known_code(c, inc->cross_border.lead_authority,
			    pos_of(c, "cross_border.lead_authority"));
			if (au != NULL && inc->controller.country != NULL &&
			    strcasecmp(au->country, inc->controller.country))
				fargs(finding(c, DIAG_WARNING, "Art. 56(1)",
				    pos_of(c, "cross_border.lead_authority"),
				    AF_LEAD_NOT_MAIN, "the lead authority is "
				    "the one of the main establishment: '%s' "
				    "is in %s but 'controller.country' is %s; "
				    "correct one of them", au->code, au->country,
				    inc->controller.country), au->code,
				    au->country, inc->controller.country, 0);
		}
	} else {
		as->authority_basis = "establishment";
		if (c->dir != NULL)
			au = national(c, "Art. 55(1)");
		else if (inc->controller.country)
			add_authority(c, lower(c, inc->controller.country));
	}
	if (au != NULL) {
		add_authority(c, au->code);
		as->time_zone = au->time_zone;
	}
	/* Other authorities named in the file (Art. 56, 60). */
	list = inc->root ? node_path(inc->root, "cross_border.authorities") :
	    NULL;
	for (i = 0; i < inc->cross_border.nauthorities; i++) {
		const char *code = inc->cross_border.authorities[i];
		struct pos p = list && list->kind == NODE_LIST &&
		    i < list->u.list.n ? list->u.list.items[i]->pos :
		    pos_of(c, "cross_border.authorities");

		if (c->dir == NULL)
			add_authority(c, code);
		else if ((au = known_code(c, code, p)) != NULL)
			add_authority(c, au->code);
	}
	/* Without the competent authority's zone, the first known one. */
	if (as->time_zone == NULL && c->dir != NULL && as->nauthorities > 0 &&
	    (au = auth_find(c->dir, as->authorities[0])) != NULL)
		as->time_zone = au->time_zone;
}

/*
 * Each authority takes filings in its own language (authorities.yaml
 * language and accepts): a report in none of them is not one the DPO
 * can file. Warned at languages, naming the one to add.
 */
static void
filing_languages(struct ctx *c)
{
	const struct incident *inc = c->inc;
	const char *const *l = inc->nlanguages ? inc->languages :
	    &inc->language;
	size_t n = inc->nlanguages ? inc->nlanguages : inc->language != NULL;

	/* Only a file that lists the languages of its reports: "language"
	 * alone names the language its texts are written in. */
	if (c->dir == NULL || inc->root == NULL ||
	    node_path(inc->root, "languages") == NULL)
		return;
	/* The authority filed with: the lead or competent one, first in
	 * the list (the others get copies, in the same report); outside the
	 * EEA, each authority where people are (Art. 3(2)). */
	size_t nfiled = c->as->authority_basis != NULL &&
	    strcmp(c->as->authority_basis, "non_eea") == 0 ?
	    c->as->nauthorities : 1;

	for (size_t i = 0; i < c->as->nauthorities && i < nfiled; i++) {
		const struct authority *au = auth_find(c->dir,
		    c->as->authorities[i]);
		const char *name, *takes;
		size_t k;

		if (au == NULL || au->language == NULL)
			continue;
		for (k = 0; k < n && !auth_takes_language(au, l[k]); k++)
			;
		if (k < n)
			continue;
		name = au->short_name ? au->short_name : au->code;
		takes = au->language;
		for (k = 0; k < au->naccepts; k++)
			takes = arena_printf(c->a, "%s or %s", takes,
			    au->accepts[k]);
		if (au->naccepts == 0)
			finding(c, DIAG_WARNING, "", pos_of(c, "languages"),
			    AF_NONE, "%s (%s) takes filings in %s, which "
			    "'languages' does not list: add %s to it, with a "
			    "%s: text beside every translated text, so that "
			    "the report to %s can be filed", name, au->code,
			    takes, au->language, au->language, name);
		else
			finding(c, DIAG_WARNING, "", pos_of(c, "languages"),
			    AF_NONE, "%s (%s) takes filings in %s, none of "
			    "which 'languages' lists: add one of them to it, "
			    "with a text in that language beside every "
			    "translated text, so that the report to %s can be "
			    "filed", name, au->code, takes, name);
	}
}

/* ---- Art. 33(1) and 33(2): the clock ---------------------------------- */

static void
clock(struct ctx *c)
{
	const struct incident *inc = c->inc;
	struct assessment *as = c->as;
	const struct inc_time *aware = &inc->timeline.aware_at;
	const struct inc_time *sent = &inc->notification.sent_at;
	int off;

	if (!aware->set)
		return;
	as->has_deadline = true;
	as->deadline = aware->epoch + ASSESS_DEADLINE_SEC;
	/* The local reading is taken at the deadline itself, so a DST
	 * change within the 72 hours shows as it falls. */
	if (as->time_zone != NULL &&
	    tz_offset_at(as->time_zone, as->deadline, &off) == TZ_OK) {
		as->has_local = true;
		as->deadline_offset_min = off;
	}
	as->late_reason_given = INC_TEXT_SET(inc->timeline.late_reason);
	if (!sent->set)
		return;
	as->sent_after_sec = sent->epoch - aware->epoch;
	/* A follow-up completes a notification in phases "without undue
	 * further delay" (Art. 33(4)): the 72 hours bind the first one. */
	if (inc->notification.type == NT_FOLLOW_UP)
		return;
	as->late = sent->epoch > as->deadline;
	if (as->late && !as->late_reason_given)
		finding(c, DIAG_ERROR, "Art. 33(1)", sent->pos, AF_NONE,
		    "the notification is sent %s after awareness, past the "
		    "72-hour deadline (%s): give the reasons for the delay in "
		    "'timeline.late_reason'", duration(c, as->sent_after_sec),
		    utc(c, as->deadline));
	else if (as->late)
		fargs(finding(c, DIAG_NOTE, "Art. 33(1)", sent->pos,
		    AF_LATE_WITH_REASONS, "the notification is sent %s after "
		    "awareness, past the 72-hour deadline; the reasons for "
		    "the delay are in 'timeline.late_reason'",
		    duration(c, as->sent_after_sec)), NULL, NULL, NULL,
		    as->sent_after_sec);
}

static void
processors(struct ctx *c)
{
	const struct incident *inc = c->inc;
	struct assessment *as = c->as;
	size_t i;

	as->processors = arena_alloc(c->a, (inc->nparties + 1) *
	    sizeof *as->processors);
	for (i = 0; i < inc->nparties; i++) {
		const struct inc_party *p = &inc->parties[i];
		struct assess_processor *ap;
		const char *name = p->name ? p->name : "the processor";

		if (p->role != PR_PROCESSOR && p->role != PR_SUB_PROCESSOR)
			continue;
		ap = &as->processors[as->nprocessors++];
		ap->party = p;
		if (!p->aware_at.set || !p->informed_controller_at.set) {
			fargs(finding(c, DIAG_WARNING, "Art. 33(2)", p->pos,
			    AF_PROCESSOR_NO_DATES, "the file does not say when "
			    "%s became aware and when it told the controller: "
			    "write 'aware_at' and 'informed_controller_at' in "
			    "this entry", name), name, NULL, NULL, 0);
			continue;
		}
		ap->has_delay = true;
		ap->delay_sec = p->informed_controller_at.epoch -
		    p->aware_at.epoch;
		if (p->contract_hours.value < 0) {
			fargs(finding(c, DIAG_WARNING,
			    "Art. 33(2), Art. 28(3)(f)", p->pos,
			    AF_PROCESSOR_NO_LIMIT, "%s told the controller %s "
			    "after it became aware; the file does not give the "
			    "contract's time limit: write 'contract_hours'",
			    name, duration(c, ap->delay_sec)), name, NULL, NULL,
			    ap->delay_sec);
		} else if (ap->delay_sec > p->contract_hours.value * 3600) {
			ap->over_contract = true;
			fargs(finding(c, DIAG_WARNING,
			    "Art. 33(2), Art. 28(3)(f)",
			    p->informed_controller_at.pos,
			    AF_PROCESSOR_OVER_LIMIT, "%s told the controller "
			    "%s after it became aware, beyond the %lld hours "
			    "of its contract", name, duration(c, ap->delay_sec),
			    (long long)p->contract_hours.value), name,
			    arena_printf(c->a, "%lld",
			    (long long)p->contract_hours.value), NULL,
			    ap->delay_sec);
		}
		/* G 9/2022 section II.A.4: the controller is aware, in
		 * principle, once its processor has told it. A short
		 * investigation may come first (paras. 33-34): when the file
		 * explains the awareness, that explanation is the record. */
		if (inc->timeline.aware_at.set &&
		    inc->timeline.aware_at.epoch >
		    p->informed_controller_at.epoch &&
		    !INC_TEXT_SET(inc->timeline.awareness_description))
			fargs(finding(c, DIAG_WARNING,
			    "Art. 33(1), Art. 33(2)",
			    inc->timeline.aware_at.pos,
			    AF_AWARE_AFTER_PROCESSOR, "the controller is in "
			    "principle aware once its processor has told it "
			    "(EDPB Guidelines 9/2022, section II.A.4): "
			    "'timeline.aware_at' is %s later than %s's "
			    "'informed_controller_at'; the 72 hours may have "
			    "started then: correct 'aware_at', or say in "
			    "'awareness_description' what had to be "
			    "confirmed", duration(c,
			    inc->timeline.aware_at.epoch -
			    p->informed_controller_at.epoch), name), name,
			    NULL, NULL, inc->timeline.aware_at.epoch -
			    p->informed_controller_at.epoch);
	}
}

/* ---- Art. 33(4): phased notification --------------------------------- */

static void
phases(struct ctx *c)
{
	const struct incident *inc = c->inc;
	struct assessment *as = c->as;
	size_t i;

	as->missing = arena_alloc(c->a, (inc->ntbd + 1) * sizeof *as->missing);
	for (i = 0; i < inc->ntbd; i++) {
		as->missing[i].path = inc->tbd[i].path;
		as->missing[i].edpb = inc->tbd[i].edpb;
		as->missing[i].pos = inc->tbd[i].pos;
	}
	as->nmissing = inc->ntbd;
	if (inc->notification.subtype == NS_INCOMPLETE && inc->ntbd == 0)
		finding(c, DIAG_NOTE, "Art. 33(4)",
		    pos_of(c, "notification.subtype"), AF_INCOMPLETE_NO_TBD,
		    "an incomplete notification with no field marked 'tbd': "
		    "mark what is still missing, or make it 'complete'");
}

/* ---- ENISA: inputs the method wants stated ---------------------------- */

static void
severity(struct ctx *c)
{
	const struct incident *inc = c->inc;
	struct enisa_score *s = &c->as->enisa;

	enisa_score(inc, s);
	if (s->public_unstated)
		finding(c, DIAG_NOTE, "Art. 33(1)",
		    pos_of(c, "data.already_public"), AF_PUBLIC_NOT_ADJUSTED,
		    "the data were public before the breach: the ENISA method "
		    "lowers DPC for that; state it in 'risk.enisa.adjustments' "
		    "(factor: public, with delta and reason), or say there why "
		    "it does not apply");
	if (s->av_undetermined)
		finding(c, DIAG_NOTE, "", pos_of(c, "nature.availability"),
		    AF_AVAILABILITY_UNKNOWN, "availability loss not "
		    "determined: counted as temporary (ENISA CB +0.25); if it "
		    "proves permanent, CB rises by 0.25");
	if (s->other_as_simple)
		finding(c, DIAG_NOTE, "", pos_of(c, "data.types"),
		    AF_OTHER_TYPE, "data type 'other' is counted as simple "
		    "data (ENISA basic score 1): if it is more sensitive, add "
		    "a 'risk.enisa.adjustments' entry with its reason");
	if (s->scored && s->clamped)
		fargs(finding(c, DIAG_NOTE, "",
		    pos_of(c, "risk.enisa.adjustments"), AF_DPC_CLAMPED,
		    "the adjustments add %+d to a basic DPC of %d; DPC stays "
		    "within 1..4 and is %d", s->adjust, s->base, s->dpc),
		    arena_printf(c->a, "%+d", s->adjust),
		    arena_printf(c->a, "%d", s->base),
		    arena_printf(c->a, "%d", s->dpc), 0);
	/* An incomplete notification lists what is missing already. */
	if (!s->scored && inc->notification.subtype == NS_COMPLETE)
		fargs(finding(c, DIAG_NOTE, "", pos_of(c, "risk.enisa"),
		    AF_NO_SEVERITY, "no ENISA severity: %s", s->ei_q == 0 ?
		    "'risk.enisa.ei' is not given" :
		    "no data type of 'data.types' has a known category"),
		    s->ei_q == 0 ? "ei" : "types", NULL, NULL, 0);
}

/* ---- Arts. 33(1) and 34: the recommendation --------------------------- */

/* What the facts say: the rule table (rules.c) sets rec_notify,
 * rec_communicate, high_risk and exempt_34_3, each ground naming its
 * rule. Misused exemptions are errors here: they stop the reports. */
static void
recommend(struct ctx *c)
{
	const struct incident *inc = c->inc;
	struct assessment *as = c->as;
	struct rules_result *rr = arena_alloc(c->a, sizeof *rr);
	size_t i;

	switch (inc->communication.exemption) {
	case EX_PROTECTED:
		if (!(INC_HAS(inc->nature.breach, BR_CONFIDENTIALITY) &&
		    inc->nature.unintelligible == UNI_PROTECTED))
			finding(c, DIAG_ERROR, "Art. 34(3)(a)",
			    pos_of(c, "communication.exemption"), AF_NONE,
			    "exemption 'protected' needs data unintelligible to "
			    "others with the protection intact, but "
			    "'nature.unintelligible' is '%s': write "
			    "'protected' there only if the encryption held "
			    "and the key is safe, or choose another status",
			    inc->nature.unintelligible ?
			    sch_key(&sch_unintelligible,
			    inc->nature.unintelligible) : "not given");
		break;
	case EX_DISPROPORTIONATE:
		if (!INC_HAS(inc->communication.means, MEANS_PUBLIC))
			finding(c, DIAG_ERROR, "Art. 34(3)(c)",
			    pos_of(c, "communication.exemption"), AF_NONE,
			    "disproportionate effort only exempts from "
			    "individual messages when a public communication "
			    "informs the people as effectively: add 'public' to "
			    "'communication.means' and describe it");
		break;
	default:
		break;
	}
	rules_run(inc, &as->enisa, rr);
	for (i = 0; i < rr->nfired; i++) {
		const struct rules_fired *f = &rr->fired[i];
		struct assess_ground *g;

		GROW(c, as->grounds, as->ngrounds, c->cap_grounds);
		g = &as->grounds[as->ngrounds++];
		g->rule = f->rule;
		g->hit = f->hit;
		g->rec = f->rule->bears == RB_NOTIFY ? REC_NOTIFY :
		    REC_COMMUNICATE;
		g->pro = f->rule->dir == RD_FOR;
		g->key = f->rule->key;
		g->article = f->rule->article;
		g->pos = inc_pos(inc, f->rule->at);
		g->text = rules_text(c->a, inc, f);
	}
	as->rec_notify = rr->notify;
	as->high_risk = rr->high_risk;
	as->exempt_34_3 = rr->exempt;
	as->rec_communicate = rr->communicate;
}

/* The first ground of a recommendation in the given direction. */
static const struct assess_ground *
driver(const struct assessment *as, enum assess_rec rec, bool pro)
{
	size_t i;

	for (i = 0; i < as->ngrounds; i++)
		if (as->grounds[i].rec == rec && as->grounds[i].pro == pro)
			return &as->grounds[i];
	/* A fact not known yet leans to notifying: it is the ground. */
	for (i = 0; pro && i < as->ngrounds; i++)
		if (as->grounds[i].rec == rec &&
		    as->grounds[i].rule->dir == RD_UNKNOWN)
			return &as->grounds[i];
	return NULL;
}

static void
departs(struct ctx *c, enum assess_rec rec, bool decided, bool recommended)
{
	const struct assess_ground *g;
	struct assess_finding *f;
	const char *article = rec == REC_NOTIFY ? "Art. 33(1)" : "Art. 34(1)";
	const char *field = rec == REC_NOTIFY ? "decision.notify_authority" :
	    "decision.communicate_subjects";

	if (decided == recommended)
		return;
	g = driver(c->as, rec, recommended);
	if (g == NULL && rec == REC_COMMUNICATE)
		g = driver(c->as, rec, !recommended);
	if (!INC_TEXT_SET(c->inc->decision.rationale)) {
		f = finding(c, DIAG_WARNING, article, pos_of(c, field),
		    AF_DEPARTS_NO_RATIONALE, "'%s' is %s but the facts point "
		    "the other way (%s%s%s): record why in "
		    "'decision.rationale'", field, decided ? "true" : "false",
		    g ? g->text : "", g ? ", line " : "",
		    g ? arena_printf(c->a, "%u, rule %s", g->pos.line,
		    g->rule->id) : "");
		fargs(f, rec == REC_NOTIFY ? "notify" : "communicate",
		      decided ? "true" : "false", NULL, 0);
		f->ground = g ? g - c->as->grounds : -1;
	} else
		fargs(finding(c, DIAG_NOTE, article, pos_of(c, field),
		    AF_DEPARTS, "'%s' departs from the recommendation; the "
		    "reasons are in 'decision.rationale'", field),
		    rec == REC_NOTIFY ? "notify" : "communicate", NULL, NULL,
		    0);
}

/* The ground that best says why the facts do (or do not) point to a
 * likely high risk. */
static const struct assess_ground *
high_risk_driver(const struct assessment *as)
{
	static const char *const against[] = {"no_high_risk",
	    "unintelligible", "av_quick", "av_backup_stated", "already_public",
	    "special_lowered"};
	size_t i, k;

	if (as->high_risk)
		return driver(as, REC_COMMUNICATE, true);
	for (k = 0; k < sizeof against / sizeof against[0]; k++)
		for (i = 0; i < as->ngrounds; i++)
			if (strcmp(as->grounds[i].key, against[k]) == 0)
				return &as->grounds[i];
	return NULL;
}

/* Art. 34(1): the controller's own risk level against the tool's
 * conclusion on a likely high risk. Only a note: the level is the
 * controller's call, but a reader of the register should see the gap and
 * where its reasons are. */
static void
outcome_gap(struct ctx *c)
{
	const struct incident *inc = c->inc;
	const struct assessment *as = c->as;
	enum risk outcome = inc->risk.outcome;
	const struct assess_ground *g;
	struct assess_finding *f;
	const char *okey, *facts;

	if (outcome != RISK_HIGH && outcome != RISK_RISK &&
	    outcome != RISK_NONE)
		return;		/* not set, or tbd: nothing to compare */
	if ((outcome == RISK_HIGH) == as->high_risk)
		return;
	okey = sch_key(&sch_risk, outcome);
	/* {b} of the reports' message: where the facts point. */
	facts = as->high_risk ? "high" : "not_high";
	if (INC_TEXT_SET(inc->decision.rationale)) {
		fargs(finding(c, DIAG_NOTE, "Art. 34(1)",
		    pos_of(c, "risk.outcome"), AF_OUTCOME_DIFFERS,
		    "'risk.outcome' is %s while the facts point %s a likely "
		    "high risk; the reasons are in 'decision.rationale'",
		    okey, as->high_risk ? "to" : "away from"), okey, facts,
		    NULL, 0);
		return;
	}
	g = high_risk_driver(as);
	f = finding(c, DIAG_NOTE, "Art. 34(1)", pos_of(c, "risk.outcome"),
	    AF_OUTCOME_DIFFERS_NO_RATIONALE,
	    "'risk.outcome' is %s but the facts point %s a likely high risk "
	    "(%s%s%s): say why in 'decision.rationale', or write "
	    "'outcome: %s'", okey, as->high_risk ? "to" : "away from",
	    g ? g->text : "no fact found", g ? ", line " : "",
	    g ? arena_printf(c->a, "%u, rule %s", g->pos.line, g->rule->id) :
	    "",
	    as->high_risk ? "high_risk" : as->rec_notify ? "risk" :
	    "no_risk");
	fargs(f, okey, facts, NULL, 0);
	f->ground = g ? g - as->grounds : -1;
}

/* A decisive fact given for a breach type the breach does not have: it
 * weighs nothing, which the DPO should know (a note, not an error).
 * risk.certainty is not one: logs that prove nothing left are what
 * makes a ransomware attack an availability breach only. */
static void
unused_facts(struct ctx *c)
{
	static const struct {
		const char *path;
		enum breach type;
	} facts[] = {
		{"risk.holder", BR_CONFIDENTIALITY},
		{"risk.device", BR_CONFIDENTIALITY},
		{"risk.outage", BR_AVAILABILITY},
	};
	const struct incident *inc = c->inc;
	const struct node *risk;
	const struct node_pair *n;
	size_t i;

	if (inc->root == NULL ||
	    (risk = node_get(inc->root, "risk")) == NULL)
		return;
	for (i = 0; i < sizeof facts / sizeof facts[0]; i++) {
		/* The key's line: where the DPO wrote the fact. */
		if (INC_HAS(inc->nature.breach, facts[i].type) ||
		    (n = node_pair_get(risk, facts[i].path +
		    strlen("risk."))) == NULL)
			continue;
		fargs(finding(c, DIAG_NOTE, "", n->key_pos, AF_FACT_UNUSED,
		    "'%s' is given but 'nature.breach' has no %s: it weighs "
		    "nothing; add %s to 'nature.breach' if the data were "
		    "affected that way", facts[i].path,
		    sch_key(&sch_breach, facts[i].type),
		    sch_key(&sch_breach, facts[i].type)), facts[i].path,
		    sch_key(&sch_breach, facts[i].type), NULL, 0);
	}
}

/* A notice called voluntary while the facts point to a likely high
 * risk: it is then the communication Art. 34(1) requires. */
static void
voluntary_high(struct ctx *c)
{
	const struct assess_ground *g = driver(c->as, REC_COMMUNICATE, true);
	struct assess_finding *f;

	f = finding(c, DIAG_WARNING, "Art. 34(1)",
	    pos_of(c, "communication.voluntary"), AF_VOLUNTARY_HIGH,
	    "'communication.voluntary' is true but the facts point to a "
	    "likely high risk (%s%s%s): the notice is then the communication "
	    "Art. 34(1) requires; remove 'voluntary', or say in "
	    "'decision.rationale' why the risk is not high",
	    g ? g->text : "", g ? ", rule " : "", g ? g->rule->id : "");
	f->ground = g ? g - c->as->grounds : -1;
}

/* The controller's decision against the facts and against itself. */
static void
consistency(struct ctx *c)
{
	const struct incident *inc = c->inc;
	struct assessment *as = c->as;
	enum comm_status st = inc->communication.status;
	enum risk outcome = inc->risk.outcome;
	bool tell = inc->decision.communicate_subjects;
	bool telling = st == CS_DONE || st == CS_PLANNED || st == CS_PLANNED_TBD;
	bool not_telling = st == CS_NOT_HIGH_RISK || st == CS_EXEMPT;
	const char *stkey = sch_key(&sch_comm_status, st);

	departs(c, REC_NOTIFY, inc->decision.notify_authority, as->rec_notify);
	/* A voluntary notice is the record of why people are told without
	 * a high risk: no departure to explain. */
	if (!(tell && !as->rec_communicate && !as->high_risk &&
	    inc->communication.voluntary))
		departs(c, REC_COMMUNICATE, tell, as->rec_communicate);
	if (inc->communication.voluntary && !tell)
		finding(c, DIAG_ERROR, "Art. 34(1)",
		    pos_of(c, "communication.voluntary"), AF_NONE,
		    "'communication.voluntary' is true but "
		    "'decision.communicate_subjects' is false: a voluntary "
		    "notice tells the people; set 'communicate_subjects: true' "
		    "with 'communication.status', or remove 'voluntary'");
	else if (inc->communication.voluntary && as->high_risk)
		voluntary_high(c);
	outcome_gap(c);

	if (telling && !tell)
		finding(c, DIAG_ERROR, "Art. 34(1)",
		    pos_of(c, "decision.communicate_subjects"), AF_NONE,
		    "'decision.communicate_subjects' is false but "
		    "'communication.status' is '%s': make them agree", stkey);
	else if (not_telling && tell)
		finding(c, DIAG_ERROR, "Art. 34(1)",
		    pos_of(c, "decision.communicate_subjects"), AF_NONE,
		    "'decision.communicate_subjects' is true but "
		    "'communication.status' is '%s': make them agree", stkey);
	if (outcome == RISK_HIGH && st == CS_NOT_HIGH_RISK)
		finding(c, DIAG_ERROR, "Art. 34(1)",
		    pos_of(c, "communication.status"), AF_NONE,
		    "'risk.outcome' is high_risk but 'communication.status' "
		    "says there is no high risk: tell the people (done, "
		    "planned) or name an Art. 34(3) exemption");
	else if (outcome == RISK_HIGH && !tell && !telling &&
	    st != CS_INVESTIGATING && !as->exempt_34_3)
		finding(c, DIAG_ERROR, "Art. 34(1)",
		    pos_of(c, "decision.communicate_subjects"), AF_NONE,
		    "a breach likely to result in a high risk must be "
		    "communicated to the people affected without undue delay, "
		    "unless an Art. 34(3) condition is met: set "
		    "'communicate_subjects: true' with 'communication.status', "
		    "or 'status: exempt' with the exemption that applies");
	if (outcome == RISK_NONE && inc->decision.notify_authority)
		finding(c, DIAG_NOTE, "Art. 33(1)",
		    pos_of(c, "decision.notify_authority"),
		    AF_NOTIFY_NOT_REQUIRED,
		    "notifying a breach judged unlikely to result in a risk is "
		    "not required; doing so is the cautious choice");
	if ((outcome == RISK_RISK || outcome == RISK_HIGH) &&
	    !inc->decision.notify_authority)
		finding(c, DIAG_ERROR, "Art. 33(1)",
		    pos_of(c, "decision.notify_authority"), AF_NONE,
		    "'risk.outcome' is %s, so the authority must be notified: "
		    "set 'notify_authority: true', or revise the risk "
		    "assessment", sch_key(&sch_risk, outcome));
}

struct assessment *
assess_run(struct arena *a, const struct incident *inc,
	   const struct auth_dir *dir, struct diags *d)
{
	struct ctx c;
	struct assessment *as = arena_alloc(a, sizeof *as);

	memset(&c, 0, sizeof c);
	c.a = a;
	c.inc = inc;
	c.dir = dir;
	c.d = d;
	c.as = as;
	as->inc = inc;
	recipients(&c);
	filing_languages(&c);
	clock(&c);
	processors(&c);
	phases(&c);
	/* A withdrawal cancels: nothing left to weigh. */
	if (inc->notification.subtype != NS_WITHDRAW) {
		severity(&c);
		recommend(&c);
		unused_facts(&c);
		consistency(&c);
	}
	return as;
}

bool
assess_time_left(const struct assessment *as, int64_t now, int64_t *left)
{
	if (!as->has_deadline)
		return false;
	*left = as->deadline - now;
	return true;
}

const char *
assess_level_name(enum diag_level l)
{
	return l == DIAG_ERROR ? "error" : l == DIAG_WARNING ? "warning" :
	    "note";
}

/* ---- YAML ------------------------------------------------------------ */

struct emit {
	yaml_emitter_t em;
	yaml_event_t ev;
	bool ok;
};

static int
write_buf(void *data, unsigned char *s, size_t len)
{
	buf_put(data, (const char *)s, len);
	return 1;
}

static void
e_event(struct emit *e)
{
	if (e->ok && !yaml_emitter_emit(&e->em, &e->ev))
		e->ok = false;
}

/* A scalar that a YAML 1.1 reader would not take for a string is
 * quoted: numbers, dates, booleans ("no" is Norway's code), null. */
static bool
needs_quotes(const char *s)
{
	static const char *const words[] = {"y", "n", "yes", "no", "true",
	    "false", "on", "off", "null", "~", NULL};
	size_t i;

	if (*s == '\0' || strchr("0123456789+-.", *s) != NULL)
		return true;
	for (i = 0; words[i]; i++)
		if (strcasecmp(s, words[i]) == 0)
			return true;
	return false;
}

static void
e_raw(struct emit *e, const char *s, yaml_scalar_style_t style)
{
	if (!e->ok)
		return;
	yaml_scalar_event_initialize(&e->ev, NULL, NULL,
	    (yaml_char_t *)(uintptr_t)s, (int)strlen(s), 1, 1, style);
	e_event(e);
}

static void
e_str(struct emit *e, const char *s)
{
	if (s == NULL)
		e_raw(e, "null", YAML_PLAIN_SCALAR_STYLE);
	else
		e_raw(e, s, needs_quotes(s) ? YAML_DOUBLE_QUOTED_SCALAR_STYLE :
		    YAML_ANY_SCALAR_STYLE);
}

static void
e_bool(struct emit *e, bool b)
{
	e_raw(e, b ? "true" : "false", YAML_PLAIN_SCALAR_STYLE);
}

static void
e_int(struct emit *e, long long v)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", v);
	e_raw(e, buf, YAML_PLAIN_SCALAR_STYLE);
}

static void
e_quarters(struct emit *e, int q)
{
	char buf[ENISA_Q_MAX];

	e_raw(e, enisa_quarters(q, buf), YAML_PLAIN_SCALAR_STYLE);
}

static void
e_map(struct emit *e, bool flow)
{
	if (!e->ok)
		return;
	yaml_mapping_start_event_initialize(&e->ev, NULL, NULL, 1,
	    flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE);
	e_event(e);
}

static void
e_map_end(struct emit *e)
{
	if (!e->ok)
		return;
	yaml_mapping_end_event_initialize(&e->ev);
	e_event(e);
}

static void
e_seq(struct emit *e, bool flow)
{
	if (!e->ok)
		return;
	yaml_sequence_start_event_initialize(&e->ev, NULL, NULL, 1,
	    flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);
	e_event(e);
}

static void
e_seq_end(struct emit *e)
{
	if (!e->ok)
		return;
	yaml_sequence_end_event_initialize(&e->ev);
	e_event(e);
}

static void
e_time(struct emit *e, const struct inc_time *t)
{
	char buf[DT_FMT_MAX];

	e_str(e, t->set ? dt_format_offset(t->epoch, t->offset_min, buf) :
	    NULL);
}

static void
e_pos(struct emit *e, const struct pos *p)
{
	char buf[512];

	snprintf(buf, sizeof buf, "%s:%u:%u", p->file ? p->file : "",
	    p->line, p->col);
	e_str(e, buf);
}

/* Free text in the incident's language, or the first translation. */
static const char *
text_of(const struct incident *inc, const struct inc_text *t)
{
	const char *s;

	if (t->plain != NULL)
		return t->plain;
	if (inc->language && (s = inc_text_get(inc, t, inc->language)))
		return s;
	return t->ntr > 0 ? t->tr[0].text : NULL;
}

static void
emit_severity(struct emit *e, const struct assessment *as)
{
	const struct enisa_score *s = &as->enisa;
	const struct incident *inc = as->inc;
	size_t i;

	e_str(e, "severity");
	if (!s->scored) {
		e_str(e, NULL);
		return;
	}
	e_map(e, false);
	e_str(e, "dpc"); e_int(e, s->dpc);
	e_str(e, "ei"); e_quarters(e, s->ei_q);
	e_str(e, "cb"); e_quarters(e, s->cb_q);
	e_str(e, "se"); e_quarters(e, s->se_q);
	e_str(e, "band"); e_str(e, enisa_band_key(s->band));
	e_str(e, "dpc_base"); e_int(e, s->base);
	e_str(e, "dpc_base_type"); e_str(e, sch_key(&sch_data_type,
	    s->base_type));
	e_str(e, "dpc_base_category"); e_str(e, sch_key(&sch_enisa_cat,
	    s->base_cat));
	e_str(e, "adjustments");
	e_seq(e, false);
	for (i = 0; i < inc->risk.enisa.nadjustments; i++) {
		const struct inc_adjustment *ad =
		    &inc->risk.enisa.adjustments[i];

		e_map(e, false);
		e_str(e, "factor"); e_str(e, sch_key(&sch_enisa_factor,
		    ad->factor));
		e_str(e, "delta"); e_int(e, ad->delta);
		e_str(e, "reason"); e_str(e, text_of(inc, &ad->reason));
		e_str(e, "at"); e_pos(e, &ad->pos);
		e_map_end(e);
	}
	e_seq_end(e);
	e_str(e, "cb_parts");
	e_map(e, true);
	e_str(e, "confidentiality"); e_quarters(e, s->cb_conf_q);
	e_str(e, "integrity"); e_quarters(e, s->cb_int_q);
	e_str(e, "availability"); e_quarters(e, s->cb_av_q);
	e_str(e, "malicious"); e_quarters(e, s->cb_mal_q);
	e_map_end(e);
	e_map_end(e);
}

static void
emit_body(struct emit *e, const struct assessment *as)
{
	const struct incident *inc = as->inc;
	char buf[DT_FMT_MAX];
	size_t i;

	e_map(e, false);
	e_str(e, "id"); e_str(e, inc->id);
	e_str(e, "deadline");
	e_str(e, as->has_deadline ? dt_format_utc(as->deadline, buf) : NULL);
	e_str(e, "deadline_local");
	e_str(e, as->has_local ? dt_format_offset(as->deadline,
	    as->deadline_offset_min, buf) : NULL);
	e_str(e, "time_zone"); e_str(e, as->time_zone);
	e_str(e, "authority");
	e_str(e, as->nauthorities ? as->authorities[0] : NULL);
	e_str(e, "authority_basis"); e_str(e, as->authority_basis);
	e_str(e, "authorities");
	e_seq(e, true);
	for (i = 0; i < as->nauthorities; i++)
		e_str(e, as->authorities[i]);
	e_seq_end(e);
	e_str(e, "sent_at"); e_time(e, &inc->notification.sent_at);
	e_str(e, "sent_after_seconds");
	if (inc->notification.sent_at.set && as->has_deadline)
		e_int(e, as->sent_after_sec);
	else
		e_str(e, NULL);
	e_str(e, "late"); e_bool(e, as->late);
	e_str(e, "late_reason"); e_bool(e, as->late_reason_given);
	emit_severity(e, as);

	e_str(e, "recommend");
	e_map(e, false);
	e_str(e, "notify_authority"); e_bool(e, as->rec_notify);
	e_str(e, "communicate_subjects"); e_bool(e, as->rec_communicate);
	e_str(e, "high_risk"); e_bool(e, as->high_risk);
	e_str(e, "exempt_34_3"); e_bool(e, as->exempt_34_3);
	e_str(e, "grounds");
	e_seq(e, false);
	for (i = 0; i < as->ngrounds; i++) {
		const struct assess_ground *g = &as->grounds[i];

		e_map(e, false);
		e_str(e, "for"); e_str(e, g->rec == REC_NOTIFY ?
		    "notify_authority" : "communicate_subjects");
		e_str(e, "rule"); e_str(e, g->rule->id);
		e_str(e, "weighs"); e_str(e, g->rule->dir == RD_FOR ? "for" :
		    g->rule->dir == RD_AGAINST ? "against" :
		    g->rule->dir == RD_UNKNOWN ? "not_known" : "note");
		e_str(e, "pro"); e_bool(e, g->pro);
		e_str(e, "key"); e_str(e, g->key);
		e_str(e, "article"); e_str(e, g->article);
		e_str(e, "at"); e_pos(e, &g->pos);
		e_str(e, "text"); e_str(e, g->text);
		e_map_end(e);
	}
	e_seq_end(e);
	e_map_end(e);

	e_str(e, "decision");
	e_map(e, false);
	e_str(e, "notify_authority"); e_bool(e, inc->decision.notify_authority);
	e_str(e, "communicate_subjects");
	e_bool(e, inc->decision.communicate_subjects);
	e_str(e, "rationale");
	e_bool(e, INC_TEXT_SET(inc->decision.rationale));
	e_map_end(e);

	e_str(e, "notification");
	e_map(e, false);
	e_str(e, "type"); e_str(e, sch_key(&sch_notif_type,
	    inc->notification.type));
	e_str(e, "subtype"); e_str(e, sch_key(&sch_notif_subtype,
	    inc->notification.subtype));
	e_str(e, "previous_reference");
	e_str(e, inc->notification.previous_reference);
	e_str(e, "expected_completion");
	e_time(e, &inc->notification.expected_completion);
	e_str(e, "withdraw_reason");
	e_str(e, text_of(inc, &inc->notification.withdraw_reason));
	e_map_end(e);

	e_str(e, "missing");
	e_seq(e, false);
	for (i = 0; i < as->nmissing; i++) {
		e_map(e, true);
		e_str(e, "path"); e_str(e, as->missing[i].path);
		e_str(e, "edpb"); e_int(e, as->missing[i].edpb);
		e_str(e, "at"); e_pos(e, &as->missing[i].pos);
		e_map_end(e);
	}
	e_seq_end(e);

	e_str(e, "processors");
	e_seq(e, false);
	for (i = 0; i < as->nprocessors; i++) {
		const struct assess_processor *p = &as->processors[i];

		e_map(e, false);
		e_str(e, "name"); e_str(e, p->party->name);
		e_str(e, "aware_at"); e_time(e, &p->party->aware_at);
		e_str(e, "informed_controller_at");
		e_time(e, &p->party->informed_controller_at);
		e_str(e, "delay_seconds");
		if (p->has_delay)
			e_int(e, p->delay_sec);
		else
			e_str(e, NULL);
		e_str(e, "contract_hours");
		if (p->party->contract_hours.value >= 0)
			e_int(e, p->party->contract_hours.value);
		else
			e_str(e, NULL);
		e_str(e, "over_contract"); e_bool(e, p->over_contract);
		e_map_end(e);
	}
	e_seq_end(e);

	e_str(e, "findings");
	e_seq(e, false);
	for (i = 0; i < as->nfindings; i++) {
		const struct assess_finding *f = &as->findings[i];

		e_map(e, false);
		e_str(e, "level"); e_str(e, assess_level_name(f->level));
		e_str(e, "article"); e_str(e, f->article);
		e_str(e, "at"); e_pos(e, &f->pos);
		e_str(e, "text"); e_str(e, f->text);
		e_map_end(e);
	}
	e_seq_end(e);
	e_map_end(e);
}

int
assess_emit_yaml(const struct assessment *as, const struct incident *inc,
		 struct buf *out)
{
	struct emit e;
	int rc = -1;

	(void)inc;	/* as->inc; kept for callers that hold both */
	memset(&e, 0, sizeof e);
	if (!yaml_emitter_initialize(&e.em))
		return -1;
	e.ok = true;
	yaml_emitter_set_output(&e.em, write_buf, out);
	yaml_emitter_set_unicode(&e.em, 1);
	yaml_emitter_set_width(&e.em, -1);
	yaml_stream_start_event_initialize(&e.ev, YAML_UTF8_ENCODING);
	e_event(&e);
	if (e.ok) {
		/* Explicit '---': several files make one YAML stream of
		 * documents, not one mapping with every key repeated. */
		yaml_document_start_event_initialize(&e.ev, NULL, NULL, NULL,
		    0);
		e_event(&e);
	}
	emit_body(&e, as);
	if (e.ok) {
		yaml_document_end_event_initialize(&e.ev, 1);
		e_event(&e);
	}
	if (e.ok) {
		yaml_stream_end_event_initialize(&e.ev);
		e_event(&e);
	}
	if (e.ok && yaml_emitter_flush(&e.em))
		rc = 0;
	if (rc == 0 && out->len > 0 && out->s[out->len - 1] != '\n')
		buf_putc(out, '\n');
	yaml_emitter_delete(&e.em);
	return rc;
}

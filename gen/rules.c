/*
 * rules.c - the recommendation rules (Arts. 33(1), 34(1), 34(3)) as one
 * table, and the few lines that combine them.
 *
 * Sources, and how they were read (issue 9 asks this to be said):
 *   GDPR Arts. 33, 34, Recitals 75, 85, 86: the Regulation's wording as
 *       known, and the article-by-article paraphrase of the project's
 *       reference note (gdpr-requirements.md); not re-read in the
 *       Official Journal for this table.
 *   EDPB Guidelines 9/2022 v2.0 (WP250 rev.01 taken over): section IV
 *       (risk factors: type of breach, nature, sensitivity and volume of
 *       data, ease of identification, severity and permanence of
 *       consequences, special characteristics of the people and of the
 *       controller, number of people) and Annex B: read only through the
 *       project's research note (section 2.6, and 2.8 marked [verify])
 *       and secondary summaries; the primary PDF could not be found with
 *       the search tool. The one paragraph number below (para. 102) is
 *       the note's, not checked.
 *   EDPB Guidelines 01/2021 on examples regarding personal data breach
 *       notification, v2.0: the primary text could not be opened; the
 *       eighteen cases and their outcomes come from secondary summaries
 *       (law-firm notes, a tabulated summary of the cases) and from
 *       memory of the text. Case numbers are the guidelines'; outcomes
 *       not confirmed by a summary are marked [unverified] in
 *       tests/assess/edpb/.
 *   ENISA 2013 severity method: see enisa.c (partly secondary).
 *   CNIL advice to notify when in doubt: secondary (its public guidance
 *       pages, as summarised), not checked here.
 *
 * Every condition reads facts the file states; a fact that is missing,
 * tbd or not assessable makes the rule not hold, and the RD_UNKNOWN rules
 * then say which fact holds the recommendation back. tests/unit/
 * test_rules.c checks that property for every rule.
 */
#include <string.h>

#include "rules.h"

/* From this many people, the number is a ground of its own. */
#define MANY 1000
/* Below this many, a breach among the people themselves is minor
 * (G 9/2022 Annex B x: "a minor number"). */
#define FEW 100
/* An outage back within this many hours with no effect is unlikely to
 * result in a risk (01/2021 case 01: restored "within a few hours"). */
#define QUICK_HOURS 24

#define HAS(set, v) INC_HAS(set, v)

static bool
types_known(const struct incident *inc)
{
	return inc->data.types != 0 && !HAS(inc->data.types, DT_TBD);
}

static bool
counted(const struct incident *inc)
{
	enum count_basis b = inc->subjects.count_basis;

	return (b == CB_EXACT || b == CB_APPROXIMATE || b == CB_AT_LEAST) &&
	    inc->subjects.count.value >= 0;
}

static bool
malicious_cause(const struct incident *inc)
{
	return inc->nature.cause == CAUSE_INTERNAL_MALICIOUS ||
	    inc->nature.cause == CAUSE_EXTERNAL_MALICIOUS;
}

/* An attacker or a thief holds readable data: someone who sought them,
 * or an unknown party after a malicious act. A stranger who received a
 * misdelivered letter is unknown, not hostile. */
static bool
hostile_holder(const struct incident *inc)
{
	if (inc->risk.holder == HOLD_MALICIOUS)
		return true;
	if (!malicious_cause(inc))
		return false;
	return inc->risk.holder == HOLD_UNKNOWN ||
	    (inc->risk.holder == holder_unset &&
	    (inc->risk.enisa.recipients == RCP_UNKNOWN ||
	    inc->risk.device == DEV_MISSING));
}

/* A `nature` adjustment that lowers the DPC: the controller's reasoned
 * view that the data reveal less than their category says. */
static const struct inc_adjustment *
lowered(const struct incident *inc)
{
	size_t i;

	for (i = 0; i < inc->risk.enisa.nadjustments; i++)
		if (inc->risk.enisa.adjustments[i].factor == EF_NATURE &&
		    inc->risk.enisa.adjustments[i].delta < 0)
			return &inc->risk.enisa.adjustments[i];
	return NULL;
}

static inc_set
all_types(const struct incident *inc)
{
	inc_set t = inc->data.types;
	size_t i;

	for (i = 0; i < inc->subjects.ngroups; i++)
		t |= inc->subjects.groups[i].types;
	return t;
}

/* ---- Confidentiality: first rule against stops ------------------------ */

static bool
r_unintelligible(const struct rule_in *in, struct rule_hit *h)
{
	(void)h;
	return in->conf && in->inc->nature.unintelligible == UNI_PROTECTED;
}

static bool
r_public(const struct rule_in *in, struct rule_hit *h)
{
	(void)h;
	return in->conf && in->inc->data.already_public;
}

static bool
r_retrieved(const struct rule_in *in, struct rule_hit *h)
{
	(void)h;
	return in->conf && in->inc->risk.holder == HOLD_RETRIEVED;
}

static bool
r_trusted_deleted(const struct rule_in *in, struct rule_hit *h)
{
	const struct incident *inc = in->inc;

	(void)h;
	return in->conf && inc->risk.holder == HOLD_TRUSTED_DELETED &&
	    types_known(inc) && (inc->data.types & INC_ART9_10) == 0;
}

static bool
r_device_safe(const struct rule_in *in, struct rule_hit *h)
{
	if (!in->conf || (in->inc->risk.device != DEV_WIPED &&
	    in->inc->risk.device != DEV_RECOVERED))
		return false;
	h->a = sch_key(&sch_lost_device, in->inc->risk.device);
	h->a_enum = &sch_lost_device;
	return true;
}

static bool
r_not_disclosed(const struct rule_in *in, struct rule_hit *h)
{
	enum certainty ct = in->inc->risk.certainty;

	(void)h;
	/* Someone inside who read what they had no need to read has
	 * disclosed nothing outward, and still breached confidentiality. */
	return in->conf &&
	    in->inc->nature.confidentiality == CONF_NOT_EXFILTRATED &&
	    ct != CT_CANNOT_ASSESS && ct != CT_TRACES_ERASABLE &&
	    !HAS(in->inc->nature.kind, K_EMPLOYEE_ABUSE);
}

static bool
r_among_subjects(const struct rule_in *in, struct rule_hit *h)
{
	const struct incident *inc = in->inc;

	if (!in->conf || inc->risk.holder != HOLD_SUBJECTS ||
	    !types_known(inc) || !counted(inc) ||
	    inc->subjects.count_basis == CB_AT_LEAST ||
	    inc->subjects.count.value >= FEW ||
	    (all_types(inc) & (INC_ART9_10 | INC_ID_FIN |
	    (1ull << DT_CREDENTIALS))) != 0)
		return false;
	h->n = inc->subjects.count.value;
	return true;
}

/* Files that do not say who holds the data: G 9/2022 Annex B x as the
 * tool applied it before risk.holder existed. A few people, low ENISA
 * severity, nothing sensitive, an accident, known recipients. */
static bool
r_few_known(const struct rule_in *in, struct rule_hit *h)
{
	const struct incident *inc = in->inc;
	inc_set c = inc->subjects.categories;

	if (!in->conf || inc->risk.holder != holder_unset ||
	    inc->risk.enisa.recipients != RCP_KNOWN ||
	    (inc->nature.cause != CAUSE_INTERNAL_ACCIDENTAL &&
	    inc->nature.cause != CAUSE_EXTERNAL_ACCIDENTAL) ||
	    !types_known(inc) || !counted(inc) ||
	    inc->subjects.count_basis == CB_AT_LEAST ||
	    inc->subjects.count.value >= FEW ||
	    !in->s->scored || in->s->band != ENISA_LOW ||
	    HAS(c, SC_MINORS) || HAS(c, SC_VULNERABLE) ||
	    (all_types(inc) & (INC_ART9_10 | INC_ID_FIN |
	    (1ull << DT_CREDENTIALS))) != 0)
		return false;
	h->n = inc->subjects.count.value;
	return true;
}

static bool
r_unknown_readable(const struct rule_in *in, struct rule_hit *h)
{
	enum unintelligible u = in->inc->nature.unintelligible;

	h->a = "nature.unintelligible";
	return in->conf && u != UNI_NO && u != UNI_SUBVERTIBLE;
}

static bool
r_unknown_left(const struct rule_in *in, struct rule_hit *h)
{
	const struct incident *inc = in->inc;
	enum confidentiality cf = inc->nature.confidentiality;

	if (!in->conf)
		return false;
	if (cf == CONF_NOT_EXFILTRATED) {
		h->a = "risk.certainty";
		return inc->risk.certainty == CT_CANNOT_ASSESS ||
		    inc->risk.certainty == CT_TRACES_ERASABLE;
	}
	h->a = "nature.confidentiality";
	return cf != CONF_EXFILTRATED && cf != CONF_LIKELY_EXFILTRATED;
}

static bool
r_exposed(const struct rule_in *in, struct rule_hit *h)
{
	const struct incident *inc = in->inc;
	enum confidentiality cf = inc->nature.confidentiality;
	enum unintelligible u = inc->nature.unintelligible;

	if (!in->conf || (cf != CONF_EXFILTRATED &&
	    cf != CONF_LIKELY_EXFILTRATED) ||
	    (u != UNI_NO && u != UNI_SUBVERTIBLE))
		return false;
	h->a = sch_key(&sch_confidentiality, cf);
	h->a_enum = &sch_confidentiality;
	return true;
}

/* ---- Integrity ------------------------------------------------------- */

static bool
r_integrity_restored(const struct rule_in *in, struct rule_hit *h)
{
	(void)h;
	return in->integ && in->inc->nature.integrity == INT_NO_MISUSE &&
	    in->inc->data.restored_from_backup;
}

static bool
r_integrity(const struct rule_in *in, struct rule_hit *h)
{
	if (!in->integ || in->inc->nature.integrity == integrity_unset)
		return false;
	h->a = sch_key(&sch_integrity, in->inc->nature.integrity);
	h->a_enum = &sch_integrity;
	return true;
}

static bool
r_integrity_unknown(const struct rule_in *in, struct rule_hit *h)
{
	h->a = "nature.integrity";
	return in->integ && in->inc->nature.integrity == integrity_unset;
}

/* ---- Availability: rules for first, then against, then unknown -------- */

static bool
outage_given(const struct incident *inc)
{
	return inc->risk.outage.hours.value >= 0 ||
	    inc->risk.outage.restored_by != restore_unset ||
	    inc->risk.outage.effect != outage_effect_unset;
}

static bool
r_av_lost(const struct rule_in *in, struct rule_hit *h)
{
	(void)h;
	return in->avail && (in->inc->nature.availability == AV_PERMANENT ||
	    in->inc->risk.outage.restored_by == RS_NEVER);
}

static bool
r_av_long(const struct rule_in *in, struct rule_hit *h)
{
	if (!in->avail || in->inc->risk.outage.hours.value <= QUICK_HOURS)
		return false;
	h->n = in->inc->risk.outage.hours.value;
	return true;
}

static bool
r_av_hard(const struct rule_in *in, struct rule_hit *h)
{
	enum restore r = in->inc->risk.outage.restored_by;

	if (!in->avail || (r != RS_PAPER && r != RS_REBUILT && r != RS_NOT_YET))
		return false;
	h->a = sch_key(&sch_restore, r);
	h->a_enum = &sch_restore;
	return true;
}

static bool
r_av_effect(const struct rule_in *in, struct rule_hit *h)
{
	enum outage_effect e = in->inc->risk.outage.effect;

	if (!in->avail || (e != OE_DELAYS && e != OE_SERVICE_DENIED &&
	    e != OE_CARE))
		return false;
	h->a = sch_key(&sch_outage_effect, e);
	h->a_enum = &sch_outage_effect;
	return true;
}

/* Without risk.outage, the consequences the file foresees. */
static bool
r_av_harm(const struct rule_in *in, struct rule_hit *h)
{
	(void)h;
	return in->avail && !outage_given(in->inc) &&
	    HAS(in->inc->consequences.impacts, IM_PHYSICAL_MENTAL);
}

/* Without risk.outage: the file says people could not reach a service,
 * and they are people who depend on it (patients, minors, vulnerable). */
static bool
r_av_dependent(const struct rule_in *in, struct rule_hit *h)
{
	const struct incident *inc = in->inc;
	inc_set c = inc->subjects.categories;

	if (!in->avail || outage_given(inc) ||
	    !HAS(inc->consequences.availability, CA_NO_ACCESS))
		return false;
	if (HAS(c, SC_PATIENTS))
		h->a = "patients";
	else if (HAS(c, SC_MINORS))
		h->a = "minors";
	else if (HAS(c, SC_VULNERABLE))
		h->a = "vulnerable";
	else
		return false;
	h->a_enum = &sch_subject_cat;
	return true;
}

static bool
r_av_quick(const struct rule_in *in, struct rule_hit *h)
{
	const struct incident *inc = in->inc;
	enum restore r = inc->risk.outage.restored_by;

	if (!in->avail || (r != RS_BACKUP && r != RS_NO_LOSS) ||
	    inc->risk.outage.hours.value < 0 ||
	    inc->risk.outage.effect != OE_NONE)
		return false;
	h->n = inc->risk.outage.hours.value;
	h->a = sch_key(&sch_restore, r);
	h->a_enum = &sch_restore;
	return true;
}

/* The same without the length: the decisive fact, that people noticed
 * nothing, is given; the ground says the length is not. */
static bool
r_av_no_effect(const struct rule_in *in, struct rule_hit *h)
{
	const struct incident *inc = in->inc;
	enum restore r = inc->risk.outage.restored_by;

	if (!in->avail || (r != RS_BACKUP && r != RS_NO_LOSS) ||
	    inc->risk.outage.hours.value >= 0 ||
	    inc->risk.outage.effect != OE_NONE)
		return false;
	h->a = sch_key(&sch_restore, r);
	h->a_enum = &sch_restore;
	return true;
}

static bool
r_av_backup_stated(const struct rule_in *in, struct rule_hit *h)
{
	(void)h;
	return in->avail && !outage_given(in->inc) &&
	    in->inc->data.restored_from_backup &&
	    in->inc->nature.availability == AV_TEMPORARY;
}

static bool
r_av_recoverable(const struct rule_in *in, struct rule_hit *h)
{
	(void)h;
	return in->avail && in->inc->risk.enisa.availability_recoverable &&
	    in->inc->nature.availability == AV_TEMPORARY &&
	    in->inc->risk.outage.effect == OE_NONE;
}

static bool
r_av_unknown(const struct rule_in *in, struct rule_hit *h)
{
	h->a = "risk.outage";
	return in->avail;
}

/* ---- Weight for notifying --------------------------------------------- */

static bool
r_many(const struct rule_in *in, struct rule_hit *h)
{
	if (!in->effect || !counted(in->inc) ||
	    in->inc->subjects.count.value < MANY)
		return false;
	h->n = in->inc->subjects.count.value;
	h->a = sch_key(&sch_count_basis, in->inc->subjects.count_basis);
	h->a_enum = &sch_count_basis;
	return true;
}

static bool
r_malice(const struct rule_in *in, struct rule_hit *h)
{
	if (!in->effect || !malicious_cause(in->inc))
		return false;
	h->a = sch_key(&sch_cause, in->inc->nature.cause);
	h->a_enum = &sch_cause;
	return true;
}

static bool
r_traces(const struct rule_in *in, struct rule_hit *h)
{
	(void)h;
	return in->exposed && in->inc->risk.certainty == CT_TRACES_ERASABLE;
}

static bool
r_attacker_knew(const struct rule_in *in, struct rule_hit *h)
{
	inc_set t = in->inc->risk.attacker_knew & ~((inc_set)1 << DT_TBD);

	if (!in->effect || t == 0)
		return false;
	h->types = t;
	return true;
}

/* ---- Art. 34(1): a likely high risk ------------------------------------ */

static bool
r_special(const struct rule_in *in, struct rule_hit *h)
{
	inc_set t = all_types(in->inc) & INC_ART9_10;

	if (!in->effect || t == 0 || lowered(in->inc) != NULL)
		return false;
	h->types = t;
	return true;
}

static bool
r_special_lowered(const struct rule_in *in, struct rule_hit *h)
{
	inc_set t = all_types(in->inc) & INC_ART9_10;
	const struct inc_adjustment *ad = lowered(in->inc);

	if (!in->effect || t == 0 || ad == NULL)
		return false;
	h->types = t;
	h->reason = &ad->reason;
	return true;
}

static bool
r_idfin(const struct rule_in *in, struct rule_hit *h)
{
	const struct incident *inc = in->inc;
	inc_set t = all_types(inc) & INC_ID_FIN;

	if (!in->exposed || t == 0 || !(hostile_holder(inc) ||
	    (counted(inc) && inc->subjects.count.value >= MANY)))
		return false;
	h->types = t;
	return true;
}

static bool
r_credentials(const struct rule_in *in, struct rule_hit *h)
{
	(void)h;
	return in->exposed && HAS(all_types(in->inc), DT_CREDENTIALS);
}

static bool
r_vulnerable(const struct rule_in *in, struct rule_hit *h)
{
	const struct incident *inc = in->inc;
	inc_set c = inc->subjects.categories;
	size_t i;

	for (i = 0; i < inc->subjects.ngroups; i++)
		c |= inc->subjects.groups[i].categories;
	if (!in->effect || !(HAS(c, SC_MINORS) || HAS(c, SC_VULNERABLE)))
		return false;
	if (!((in->s->scored && in->s->band >= ENISA_MEDIUM) ||
	    (in->exposed && hostile_holder(inc))))
		return false;
	h->a = HAS(c, SC_MINORS) ? "minors" : "vulnerable";
	h->a_enum = &sch_subject_cat;
	return true;
}

/* ENISA high or very high. When the score rests on a special category
 * whose weight the controller lowered with a reason (C02), "high" is
 * that same category speaking: the reasoned adjustment prevails, and
 * only "very high" decides. */
static bool
r_enisa_high(const struct rule_in *in, struct rule_hit *h)
{
	if (!in->effect || !in->s->scored || in->s->band < ENISA_HIGH)
		return false;
	if (in->s->band == ENISA_HIGH && in->s->base_cat == EC_SENSITIVE &&
	    lowered(in->inc) != NULL)
		return false;
	h->a = enisa_band_key(in->s->band);
	return true;
}

static bool
r_care(const struct rule_in *in, struct rule_hit *h)
{
	(void)h;
	return in->avail_state == RD_FOR + 1 &&
	    (in->inc->risk.outage.effect == OE_CARE ||
	    (!outage_given(in->inc) &&
	    HAS(in->inc->consequences.impacts, IM_PHYSICAL_MENTAL)));
}

static bool
r_identity_theft(const struct rule_in *in, struct rule_hit *h)
{
	(void)h;
	return in->exposed && malicious_cause(in->inc) &&
	    HAS(in->inc->consequences.impacts, IM_IDENTITY_THEFT);
}

static bool
r_identity_fraud(const struct rule_in *in, struct rule_hit *h)
{
	const struct incident *inc = in->inc;
	inc_set t = all_types(inc);

	/* Outsiders after the data: an insider who took contacts to a
	 * competitor is a risk, not this one (01/2021 case 08). */
	if (!in->exposed || inc->nature.cause != CAUSE_EXTERNAL_MALICIOUS ||
	    !hostile_holder(inc) || !HAS(t, DT_BASIC) || !HAS(t, DT_CONTACT))
		return false;
	h->types = t & ((1ull << DT_BASIC) | (1ull << DT_CONTACT));
	return true;
}

/* What keeps the Art. 34 answer open: the breach types not known yet, or
 * the data or people still tbd. */
static bool
r_high_unknown(const struct rule_in *in, struct rule_hit *h)
{
	const struct incident *inc = in->inc;
	const char *p[6];
	size_t n = 0;

	if (in->high)
		return false;
	/* The fact U01 or U02 named, exactly. */
	if (in->conf_state == RD_UNKNOWN + 1) {
		struct rule_hit u;

		memset(&u, 0, sizeof u);
		if (r_unknown_readable(in, &u) || r_unknown_left(in, &u))
			p[n++] = u.a;
	}
	if (in->avail_state == RD_UNKNOWN + 1 ||
	    in->integ_state == RD_UNKNOWN + 1)
		p[n++] = in->avail_state == RD_UNKNOWN + 1 ? "risk.outage" :
		    "nature.integrity";
	if (in->exposed && inc->risk.holder == HOLD_NOT_KNOWN)
		p[n++] = "risk.holder";
	if (in->exposed && inc->risk.device == DEV_NOT_KNOWN)
		p[n++] = "risk.device";
	if (HAS(inc->data.types, DT_TBD))
		p[n++] = "data.types";
	if (HAS(inc->subjects.categories, SC_TBD))
		p[n++] = "subjects.categories";
	if (n == 0)
		return false;
	/* The first open question; the notification's own "not known"
	 * grounds name the others. */
	h->a = p[0];
	return true;
}

/* A group whose own data make the risk high: the one to tell. */
static bool
r_group_high(const struct rule_in *in, struct rule_hit *h)
{
	const struct incident *inc = in->inc;
	size_t i;

	if (!in->high)
		return false;
	for (i = 0; i < inc->subjects.ngroups; i++) {
		const struct inc_group *g = &inc->subjects.groups[i];
		inc_set t = g->types & (INC_ART9_10 | INC_ID_FIN |
		    ((inc_set)1 << DT_CREDENTIALS));

		if (t == 0)
			continue;
		h->reason = &g->description;
		h->n = g->count.value;
		h->types = t;
		return true;
	}
	return false;
}

/* An impostor passed a check with what they knew of the person and got
 * the data: identity theft has happened, not merely become possible. */
static bool
r_impersonation(const struct rule_in *in, struct rule_hit *h)
{
	inc_set t = in->inc->risk.attacker_knew & ~((inc_set)1 << DT_TBD);

	if (!in->exposed || !malicious_cause(in->inc) || t == 0)
		return false;
	h->types = t;
	return true;
}

/* ---- Art. 34(3) ------------------------------------------------------ */

static bool
r_exempt_protected(const struct rule_in *in, struct rule_hit *h)
{
	(void)h;
	return in->inc->communication.exemption == EX_PROTECTED &&
	    in->conf && in->inc->nature.unintelligible == UNI_PROTECTED;
}

static bool
r_exempt_mitigated(const struct rule_in *in, struct rule_hit *h)
{
	(void)h;
	return in->inc->communication.exemption == EX_MITIGATED;
}

static bool
r_exempt_public(const struct rule_in *in, struct rule_hit *h)
{
	(void)h;
	return in->inc->communication.exemption == EX_DISPROPORTIONATE &&
	    HAS(in->inc->communication.means, MEANS_PUBLIC);
}

static bool
r_voluntary(const struct rule_in *in, struct rule_hit *h)
{
	(void)h;
	return in->inc->communication.voluntary && !in->high;
}

const char *const rules_open_facts[] = {
	"nature.unintelligible", "nature.confidentiality", "nature.integrity",
	"risk.certainty", "risk.outage", "risk.holder", "risk.device",
	"data.types", "subjects.categories", NULL
};

#define G9 "EDPB Guidelines 9/2022"
#define E1 "EDPB Guidelines 01/2021"

const struct rule rules_table[] = {
	/* Confidentiality, in order: what neutralises it first. */
	{"N01", "unintelligible", RB_NOTIFY, RD_AGAINST, RG_CONF,
	 "a loss of confidentiality of data unintelligible to whoever got "
	 "them (state-of-the-art encryption or hashing, key or salt safe)",
	 "nature.breach nature.unintelligible", "nature.unintelligible",
	 "Art. 33(1), Art. 34(3)(a)",
	 G9 " Annex B example i; " E1 " cases 06 and 10",
	 "the data were unintelligible to whoever got them and the "
	 "protection held (nature.unintelligible: protected)",
	 r_unintelligible},
	{"N02", "already_public", RB_NOTIFY, RD_AGAINST, RG_CONF,
	 "every item concerned was public before the breach",
	 "nature.breach data.already_public", "data.already_public",
	 "Art. 33(1)", G9 " section IV (nature of the data)",
	 "the data were public before the breach (data.already_public)",
	 r_public},
	{"N03", "retrieved", RB_NOTIFY, RD_AGAINST, RG_CONF,
	 "the data were retrieved or recalled before anyone read them",
	 "nature.breach risk.holder", "risk.holder", "Art. 33(1)",
	 G9 " section IV (who holds the data)",
	 "the data were retrieved before anyone read them (risk.holder: "
	 "retrieved)", r_retrieved},
	{"N04", "trusted_deleted", RB_NOTIFY, RD_AGAINST, RG_CONF,
	 "a known recipient bound by professional secrecy or a contract "
	 "reported the error and deleted the data, confirmed in writing, "
	 "and no special category (Art. 9, 10) was sent",
	 "nature.breach risk.holder data.types",
	 "risk.holder", "Art. 33(1)",
	 E1 " case 09; " G9 " section IV (trusted recipient)",
	 "a trusted recipient, bound by secrecy or contract, deleted the "
	 "data and confirmed it in writing (risk.holder: trusted_deleted); "
	 "no special category was sent", r_trusted_deleted},
	{"N05", "device_safe", RB_NOTIFY, RD_AGAINST, RG_CONF,
	 "a lost or stolen device was wiped remotely (wipe confirmed) or "
	 "recovered with no sign of access",
	 "nature.breach risk.device", "risk.device", "Art. 33(1)",
	 E1 " case 10",
	 "the device is {a} (risk.device)", r_device_safe},
	{"N06", "not_disclosed", RB_NOTIFY, RD_AGAINST, RG_CONF,
	 "reasonable evidence that nothing was exfiltrated or disclosed, the "
	 "controller does not record that this cannot be assessed or that "
	 "traces could be erased, and no employee abused their access",
	 "nature.breach nature.confidentiality", "nature.confidentiality",
	 "Art. 33(1)", E1 " case 01",
	 "reasonable evidence shows nothing was exfiltrated or disclosed "
	 "(nature.confidentiality: not_exfiltrated)", r_not_disclosed},
	{"N07", "among_subjects", RB_NOTIFY, RD_AGAINST, RG_CONF,
	 "the people concerned themselves received each other's data, "
	 "fewer than 100 of them (counted), with no special, identity, "
	 "financial or credential data",
	 "nature.breach risk.holder data.types subjects.count_basis "
	 "subjects.count", "risk.holder", "Art. 33(1)",
	 G9 " Annex B example x; " E1 " case 13",
	 "the {n} people concerned received each other's data, which hold "
	 "nothing sensitive (risk.holder: subjects)", r_among_subjects},
	{"U01", "unknown_readable", RB_NOTIFY, RD_UNKNOWN, RG_CONF,
	 "whether the data were intelligible is not known (tbd, not "
	 "assessable, or not given)", "", "nature.unintelligible",
	 "Art. 33(1), Art. 33(4)", G9 " section II (phased notification); "
	 "CNIL: in doubt, notify",
	 "whether the data were readable is not known yet ({a}): in doubt, "
	 "the authority is notified", r_unknown_readable},
	{"U02", "unknown_left", RB_NOTIFY, RD_UNKNOWN, RG_CONF,
	 "whether the data left is not known: confidentiality tbd or not "
	 "assessable, or no exfiltration found but it cannot be assessed or "
	 "traces could be erased", "", "nature.confidentiality",
	 "Art. 33(1), Art. 33(4)", E1 " case 04; CNIL: in doubt, notify",
	 "whether the data left is not known ({a}): in doubt, the authority "
	 "is notified", r_unknown_left},
	{"N09", "few_known", RB_NOTIFY, RD_AGAINST, RG_CONF,
	 "risk.holder not given; an accident disclosed the data to known "
	 "recipients (risk.enisa.recipients: known); fewer than 100 people "
	 "(counted); low ENISA severity; no special, identity, financial or "
	 "credential data; no minors or vulnerable people",
	 "nature.breach risk.enisa.recipients nature.cause "
	 "subjects.count_basis subjects.count data.types risk.enisa.ei",
	 "risk.enisa.recipients", "Art. 33(1)",
	 G9 " Annex B example x; " E1 " cases 09 and 13",
	 "an accident disclosed the data of {n} people, nothing sensitive, "
	 "to known recipients, with a low ENISA severity: unlikely to result "
	 "in a risk (risk.holder would say who they are)", r_few_known},
	{"N08", "exposed", RB_NOTIFY, RD_FOR, RG_CONF,
	 "data exfiltrated or disclosed (or likely so), readable by "
	 "whoever got them, and nothing above neutralises it",
	 "nature.breach nature.confidentiality nature.unintelligible",
	 "nature.confidentiality", "Art. 33(1)",
	 E1 " cases 04, 05, 07, 08, 11; " G9 " section IV",
	 "the data were {a} and readable by whoever got them "
	 "(nature.confidentiality, nature.unintelligible)", r_exposed},

	{"N40", "conf_default", RB_NOTIFY, RD_FOR, RG_CONF,
	 "a loss of confidentiality that no rule above settles (e.g. an "
	 "employee who read records without need): the default of Art. "
	 "33(1)", "nature.breach", "nature.breach", "Art. 33(1)",
	 G9 " section IV (notify unless unlikely to result in a risk)",
	 "a loss of confidentiality that nothing in the file shows to be "
	 "harmless (nature.breach)", NULL},

	/* Integrity. */
	{"N10", "integrity_restored", RB_NOTIFY, RD_AGAINST, RG_INTEG,
	 "data altered, no evidence of misuse, and restored from a backup",
	 "nature.breach nature.integrity data.restored_from_backup",
	 "nature.integrity", "Art. 33(1)", G9 " section IV",
	 "the altered data were not misused and were restored from a "
	 "backup (nature.integrity, data.restored_from_backup)",
	 r_integrity_restored},
	{"N11", "integrity", RB_NOTIFY, RD_FOR, RG_INTEG,
	 "data altered and not simply restored",
	 "nature.breach nature.integrity", "nature.integrity", "Art. 33(1)",
	 G9 " section IV",
	 "personal data were altered (nature.integrity: {a})", r_integrity},
	{"U03", "integrity_unknown", RB_NOTIFY, RD_UNKNOWN, RG_INTEG,
	 "the kind of alteration is not given", "", "nature.integrity",
	 "Art. 33(1)", "CNIL: in doubt, notify",
	 "what the alteration did is not known ({a}): in doubt, the "
	 "authority is notified", r_integrity_unknown},

	/* Availability: what weighs for first. */
	{"N20", "av_lost", RB_NOTIFY, RD_FOR, RG_AVAIL,
	 "data lost for good",
	 "nature.breach nature.availability|risk.outage.restored_by",
	 "nature.availability", "Art. 33(1)",
	 G9 " section IV (permanence); " E1 " case 02",
	 "the data were lost for good", r_av_lost},
	{"N21", "av_long", RB_NOTIFY, RD_FOR, RG_AVAIL,
	 "data unavailable for more than 24 hours",
	 "nature.breach risk.outage.hours", "risk.outage.hours",
	 "Art. 33(1)", E1 " cases 02 and 03",
	 "the data were unavailable for {n} hours (risk.outage.hours)",
	 r_av_long},
	{"N22", "av_hard", RB_NOTIFY, RD_FOR, RG_AVAIL,
	 "data re-entered from paper, rebuilt, or not back yet",
	 "nature.breach risk.outage.restored_by", "risk.outage.restored_by",
	 "Art. 33(1)", E1 " case 02",
	 "the data came back only the hard way, or not yet "
	 "(risk.outage.restored_by: {a})", r_av_hard},
	{"N23", "av_effect", RB_NOTIFY, RD_FOR, RG_AVAIL,
	 "the outage did something to the people meanwhile (delays, a "
	 "service denied, care affected)",
	 "nature.breach risk.outage.effect", "risk.outage.effect",
	 "Art. 33(1)", E1 " cases 02 and 03",
	 "what the outage did to the people meanwhile: {a} "
	 "(risk.outage.effect)",
	 r_av_effect},
	{"N24", "av_harm", RB_NOTIFY, RD_FOR, RG_AVAIL,
	 "no risk.outage given, and the file foresees physical or mental "
	 "harm from the loss",
	 "nature.breach consequences.impacts", "consequences.impacts",
	 "Art. 33(1)", E1 " case 03",
	 "the file foresees physical or mental harm from the loss "
	 "(consequences.impacts)", r_av_harm},
	{"N28", "av_dependent", RB_NOTIFY, RD_FOR, RG_AVAIL,
	 "no risk.outage given; the file says people could not access "
	 "services (consequences.availability: no_access), and they are "
	 "patients, minors or vulnerable people, who depend on them",
	 "nature.breach consequences.availability subjects.categories",
	 "consequences.availability", "Art. 33(1)", E1 " case 03",
	 "people could not access services they depend on ({a}; "
	 "consequences.availability: no_access)", r_av_dependent},
	{"N25", "av_quick", RB_NOTIFY, RD_AGAINST, RG_AVAIL,
	 "back within 24 hours, from a backup or with nothing lost, with "
	 "nothing noticeable for the people",
	 "nature.breach risk.outage.restored_by risk.outage.hours "
	 "risk.outage.effect", "risk.outage", "Art. 33(1)",
	 E1 " case 01; " G9 " Annex B example iii",
	 "the data were back within {n} h ({a}), with nothing "
	 "noticeable for the people (risk.outage)", r_av_quick},
	{"N29", "av_no_effect", RB_NOTIFY, RD_AGAINST, RG_AVAIL,
	 "back from a backup or with nothing lost, with nothing noticeable "
	 "for the people; how long is not given",
	 "nature.breach risk.outage.restored_by risk.outage.effect",
	 "risk.outage", "Art. 33(1)", E1 " case 01",
	 "the data came back ({a}) with nothing noticeable for the people; "
	 "how long they were unavailable is not given (risk.outage)",
	 r_av_no_effect},
	{"N26", "av_backup_stated", RB_NOTIFY, RD_AGAINST, RG_AVAIL,
	 "no risk.outage given; the file states a temporary loss restored "
	 "in time from a backup, without lasting effect",
	 "nature.breach data.restored_from_backup nature.availability",
	 "data.restored_from_backup", "Art. 33(1)", E1 " case 01",
	 "the file states the data were restored in time from a backup, "
	 "without lasting effect (data.restored_from_backup)",
	 r_av_backup_stated},
	{"N27", "av_recoverable", RB_NOTIFY, RD_AGAINST, RG_AVAIL,
	 "a temporary loss, recoverable without difficulty, with nothing "
	 "noticeable for the people",
	 "nature.breach risk.enisa.availability_recoverable "
	 "nature.availability risk.outage.effect",
	 "risk.enisa.availability_recoverable", "Art. 33(1)",
	 G9 " Annex B example iii",
	 "the loss was temporary and recoverable without difficulty, with "
	 "nothing noticeable for the people", r_av_recoverable},
	{"U04", "av_unknown", RB_NOTIFY, RD_UNKNOWN, RG_AVAIL,
	 "a loss of availability whose length, restore or effect on the "
	 "people the file does not give", "", "nature.availability",
	 "Art. 33(1)", E1 " cases 01-03; CNIL: in doubt, notify",
	 "how long the data were unavailable, how they came back and what "
	 "it did to the people is not known ({a}): in doubt, the authority "
	 "is notified", r_av_unknown},

	/* Weight for notifying. */
	{"N30", "many_people", RB_NOTIFY, RD_FOR, RG_AGGRAVATE,
	 "1000 people or more (counted)",
	 "subjects.count_basis subjects.count", "subjects.count",
	 "Art. 33(1)", G9 " section IV (number of people)",
	 "{n} people are affected (subjects.count, {a})", r_many},
	{"N31", "malicious", RB_NOTIFY, RD_FOR, RG_AGGRAVATE,
	 "someone meant harm", "nature.cause", "nature.cause",
	 "Art. 33(1)", E1 " section 2 (ransomware), 3 (exfiltration)",
	 "the cause is {a}: someone meant harm (nature.cause)", r_malice},
	{"N32", "traces_erasable", RB_NOTIFY, RD_FOR, RG_AGGRAVATE,
	 "the attacker could erase traces or went unseen for weeks",
	 "risk.certainty", "risk.certainty", "Art. 33(1)", E1 " case 18",
	 "the attacker could erase traces: that nothing else left cannot be "
	 "shown (risk.certainty)", r_traces},
	{"N33", "attacker_knew", RB_NOTIFY, RD_FOR, RG_AGGRAVATE,
	 "an impostor already knew data of the person and used them to "
	 "pass a check", "risk.attacker_knew", "risk.attacker_knew",
	 "Art. 33(1)", E1 " case 17",
	 "the impostor already knew {types} and used them to pass a check "
	 "(risk.attacker_knew)", r_attacker_knew},

	/* Art. 34(1): a likely high risk. */
	{"C01", "special_categories", RB_COMMUNICATE, RD_FOR, RG_HIGH,
	 "special categories (Art. 9) or criminal data (Art. 10) affected, "
	 "with no reasoned downward adjustment of their weight",
	 "data.types|subjects.groups", "data.types", "Art. 34(1), Art. 9, Art. 10",
	 G9 " section IV (para. 102 in the project's note); " E1
	 " cases 03, 12",
	 "special categories of data ({types}): damage is presumed likely",
	 r_special},
	{"C02", "special_lowered", RB_COMMUNICATE, RD_AGAINST, RG_LOWER,
	 "special categories affected, but the controller lowered their "
	 "weight with a reason (risk.enisa.adjustments, factor nature)",
	 "data.types|subjects.groups risk.enisa.adjustments",
	 "risk.enisa.adjustments",
	 "Art. 34(1)", E1 " case 15; ENISA 2013 (DPC adjustment)",
	 "special categories of data ({types}), whose weight the controller "
	 "lowered: {reason} (risk.enisa.adjustments)", r_special_lowered},
	{"C03", "identity_financial", RB_COMMUNICATE, RD_FOR, RG_HIGH,
	 "readable identity or financial data, held by an attacker or a "
	 "thief (or an unknown party after a malicious act), or of 1000 "
	 "people or more",
	 "data.types|subjects.groups nature.confidentiality "
	 "nature.unintelligible", "data.types", "Art. 34(1), Recital 85",
	 E1 " cases 07, 14, 18; " G9 " Annex B examples v, vi",
	 "identity or financial data ({types}) readable by others: identity "
	 "theft or fraud is possible", r_idfin},
	{"C04", "credentials", RB_COMMUNICATE, RD_FOR, RG_HIGH,
	 "readable credentials", "data.types|subjects.groups "
	 "nature.unintelligible",
	 "data.types", "Art. 34(1)", E1 " case 07; " G9 " Annex B example vi",
	 "login credentials readable by others: the accounts they open are "
	 "at risk", r_credentials},
	{"C05", "vulnerable", RB_COMMUNICATE, RD_FOR, RG_HIGH,
	 "minors or vulnerable people, with a medium ENISA severity or "
	 "readable data in hostile hands",
	 "subjects.categories|subjects.groups", "subjects.categories",
	 "Art. 34(1)", G9 " section IV (vulnerable people); " E1 " case 10",
	 "{a} are among the people affected (subjects.categories)",
	 r_vulnerable},
	{"C06", "enisa_severity", RB_COMMUNICATE, RD_FOR, RG_HIGH,
	 "ENISA severity very high; or high, unless it rests on a special "
	 "category whose weight the controller lowered with a reason (C02)",
	 "risk.enisa.ei data.types",
	 "risk.enisa", "Art. 34(1)", "ENISA 2013; " E1 " case 15",
	 "the ENISA severity is {a}", r_enisa_high},
	{"C07", "care_affected", RB_COMMUNICATE, RD_FOR, RG_HIGH,
	 "an outage that affected care or safety (risk.outage.effect: "
	 "care_affected, or without risk.outage the file foresees physical "
	 "or mental harm)",
	 "nature.breach risk.outage.effect|consequences.impacts",
	 "risk.outage.effect", "Art. 34(1)", E1 " case 03",
	 "care or safety was affected while the data were unavailable",
	 r_care},
	{"C08", "identity_theft", RB_COMMUNICATE, RD_FOR, RG_HIGH,
	 "readable data taken by someone who meant harm, and the file "
	 "foresees identity theft",
	 "nature.cause consequences.impacts nature.confidentiality",
	 "consequences.impacts", "Art. 34(1), Recital 85", E1 " case 17",
	 "someone who meant harm took the data, and the file foresees "
	 "identity theft (consequences.impacts)", r_identity_theft},
	{"C09", "identity_fraud", RB_COMMUNICATE, RD_FOR, RG_HIGH,
	 "readable names, dates of birth and contact details taken on "
	 "purpose by an outsider (cause external_malicious) and held by an "
	 "attacker, a thief or an unknown party: fraud and targeted "
	 "phishing",
	 "data.types|subjects.groups nature.cause "
	 "risk.holder|risk.enisa.recipients|risk.device "
	 "nature.confidentiality", "data.types",
	 "Art. 34(1), Recital 85", E1 " cases 05 and 11",
	 "identity and contact data ({types}) are in hostile hands, taken on "
	 "purpose: fraud and targeted phishing are likely", r_identity_fraud},

	{"U05", "high_unknown", RB_COMMUNICATE, RD_UNKNOWN, RG_LOWER,
	 "no rule of a likely high risk holds, and facts that could make "
	 "one hold are not known yet", "", "risk.outcome", "Art. 34(1), "
	 "Art. 33(4)", G9 " section II (information in phases)",
	 "whether the risk to people is high cannot be settled yet: {a} "
	 "is not known", r_high_unknown},
	{"C10", "impersonation", RB_COMMUNICATE, RD_FOR, RG_HIGH,
	 "someone who meant harm passed for the person with data they "
	 "already knew, and got readable data",
	 "risk.attacker_knew nature.cause nature.confidentiality",
	 "risk.attacker_knew", "Art. 34(1), Recital 85", E1 " case 17",
	 "an impostor passed for the person with what they already knew "
	 "({types}) and obtained the data: the identity was usurped",
	 r_impersonation},
	/* Said when no rule of a likely high risk holds: it reads no fact,
	 * it is the absence of one (rules_run fires it). */
	{"C00", "no_high_risk", RB_COMMUNICATE, RD_AGAINST, RG_LOWER,
	 "a breach type weighs for notifying, and no rule of a likely high "
	 "risk holds", "", "risk.outcome", "Art. 34(1)", G9 " section IV",
	 "no fact in the file points to a likely high risk", NULL},

	/* Art. 34(3). */
	{"E01", "exempt_protected", RB_EXEMPT, RD_AGAINST, RG_EXEMPT,
	 "exemption protected, and the data were unintelligible",
	 "communication.exemption nature.unintelligible",
	 "communication.exemption", "Art. 34(3)(a)", G9 " section III.C",
	 "the data are unintelligible to anyone not authorised",
	 r_exempt_protected},
	{"E02", "exempt_mitigated", RB_EXEMPT, RD_AGAINST, RG_EXEMPT,
	 "exemption mitigated: measures since make the high risk no longer "
	 "likely", "communication.exemption", "communication.exemption",
	 "Art. 34(3)(b)", G9 " section III.C",
	 "measures taken since make the high risk no longer likely to "
	 "materialise (communication.exemption_description)",
	 r_exempt_mitigated},
	{"E03", "exempt_disproportionate", RB_EXEMPT, RD_AGAINST, RG_EXEMPT,
	 "exemption disproportionate, with a public communication",
	 "communication.exemption communication.means",
	 "communication.means", "Art. 34(3)(c)", G9 " section III.C",
	 "telling each person would take disproportionate effort; a public "
	 "communication informs them instead", r_exempt_public},

	/* Said, not weighed. */
	{"V02", "group_high", RB_COMMUNICATE, RD_NOTE, RG_NOTE,
	 "a high risk is likely, and one group of subjects.groups holds the "
	 "special, identity, financial or credential data",
	 "subjects.groups", "subjects.groups", "Art. 34(1), Art. 34(2)",
	 E1 " case 07",
	 "the group \"{reason}\" ({n} people) holds the data that make the "
	 "risk high ({types})", r_group_high},
	{"V01", "voluntary", RB_COMMUNICATE, RD_NOTE, RG_NOTE,
	 "the controller tells the people as a precaution, and no rule of a "
	 "likely high risk holds",
	 "communication.voluntary", "communication.voluntary",
	 "Art. 34(1)", "Art. 34(1) itself: a duty only for a likely high "
	 "risk",
	 "the controller tells the people as a precaution: a voluntary "
	 "notice, not an Art. 34 communication", r_voluntary},
};

const size_t rules_count = sizeof rules_table / sizeof rules_table[0];

const struct rule *
rules_find(const char *id)
{
	size_t i;

	for (i = 0; i < rules_count; i++)
		if (strcmp(rules_table[i].id, id) == 0)
			return &rules_table[i];
	return NULL;
}

static void
fire(struct rules_result *out, const struct rule *r,
     const struct rule_hit *h)
{
	if (out->nfired < sizeof out->fired / sizeof out->fired[0]) {
		out->fired[out->nfired].rule = r;
		out->fired[out->nfired].hit = *h;
		out->nfired++;
	}
}

static void
hit_init(struct rule_hit *h)
{
	memset(h, 0, sizeof *h);
	h->n = -1;
}

/* A breach type's group: returns its state, enum rule_dir + 1, or 0
 * when the type is not in the breach. */
static int
run_group(struct rule_in *in, enum rule_group g, bool present,
	  struct rules_result *out)
{
	bool any_for = false, any_unknown = false;
	const struct rule *dflt = NULL;
	struct rule_hit h;
	size_t i;

	for (i = 0; i < rules_count; i++) {
		const struct rule *r = &rules_table[i];

		if (r->group != g)
			continue;
		if (r->holds == NULL) {
			dflt = r;
			continue;
		}
		if (r->dir != RD_FOR && any_for)
			continue;
		hit_init(&h);
		if (!r->holds(in, &h))
			continue;
		fire(out, r, &h);
		if (r->dir == RD_FOR)
			any_for = true;
		else if (r->dir == RD_UNKNOWN)
			any_unknown = true;
		else if (r->dir == RD_AGAINST)
			return RD_AGAINST + 1;
		/* In an ordered group, one unknown is enough to say. */
		if (r->dir == RD_UNKNOWN && g == RG_CONF)
			break;
	}
	/* Art. 33(1): a breach type nothing settles weighs for notifying. */
	if (present && !any_for && !any_unknown && dflt != NULL) {
		hit_init(&h);
		fire(out, dflt, &h);
		any_for = true;
	}
	return any_for ? RD_FOR + 1 : any_unknown ? RD_UNKNOWN + 1 : 0;
}

static void
run_all(struct rule_in *in, enum rule_group g, struct rules_result *out,
	bool *any)
{
	struct rule_hit h;
	size_t i;

	for (i = 0; i < rules_count; i++) {
		if (rules_table[i].group != g || rules_table[i].holds == NULL)
			continue;
		hit_init(&h);
		if (rules_table[i].holds(in, &h)) {
			fire(out, &rules_table[i], &h);
			if (any)
				*any = true;
		}
	}
}

void
rules_run(const struct incident *inc, const struct enisa_score *s,
	  struct rules_result *out)
{
	struct rule_in in;
	struct rule_hit h;
	bool high = false, exempt = false;

	memset(out, 0, sizeof *out);
	memset(&in, 0, sizeof in);
	in.inc = inc;
	in.s = s;
	in.conf = HAS(inc->nature.breach, BR_CONFIDENTIALITY);
	in.integ = HAS(inc->nature.breach, BR_INTEGRITY);
	in.avail = HAS(inc->nature.breach, BR_AVAILABILITY);
	in.conf_state = run_group(&in, RG_CONF, in.conf, out);
	in.integ_state = run_group(&in, RG_INTEG, in.integ, out);
	in.avail_state = run_group(&in, RG_AVAIL, in.avail, out);
	in.exposed = in.conf_state == RD_FOR + 1;
	in.effect = in.exposed || in.integ_state == RD_FOR + 1 ||
	    in.avail_state == RD_FOR + 1;
	/* Art. 33(1): notify unless unlikely to result in a risk; an
	 * unknown is never taken as benign. */
	out->notify = in.effect || in.conf_state == RD_UNKNOWN + 1 ||
	    in.integ_state == RD_UNKNOWN + 1 ||
	    in.avail_state == RD_UNKNOWN + 1;
	run_all(&in, RG_AGGRAVATE, out, NULL);
	run_all(&in, RG_HIGH, out, &high);
	in.high = high;
	run_all(&in, RG_LOWER, out, NULL);
	if (in.effect && !high) {
		hit_init(&h);
		fire(out, rules_find("C00"), &h);
	}
	run_all(&in, RG_EXEMPT, out, &exempt);
	run_all(&in, RG_NOTE, out, NULL);
	out->high_risk = high;
	out->exempt = exempt;
	out->communicate = high && !exempt;
}

/* ---- Wording --------------------------------------------------------- */

static const char *
text_of(const struct incident *inc, const struct inc_text *t)
{
	const char *s;

	if (t == NULL)
		return "";
	if (t->plain != NULL)
		return t->plain;
	if (inc->language && (s = inc_text_get(inc, t, inc->language)))
		return s;
	return t->ntr > 0 ? t->tr[0].text : "";
}

static const char *
type_keys(struct arena *a, inc_set set)
{
	const char *s = "";
	int v;

	for (v = 1; v <= (int)sch_data_type.n; v++)
		if (INC_HAS(set, v))
			s = arena_printf(a, "%s%s%s", s, *s ? ", " : "",
			    sch_key(&sch_data_type, v));
	return s;
}

const char *
rules_text(struct arena *a, const struct incident *inc,
	   const struct rules_fired *f)
{
	const char *p = f->rule->text, *q;
	const char *s = "";

	while ((q = strchr(p, '{')) != NULL) {
		const char *e = strchr(q, '}');
		const char *v = NULL;

		if (e == NULL)
			break;
		if (strncmp(q, "{a}", 3) == 0)
			v = f->hit.a ? f->hit.a : "";
		else if (strncmp(q, "{n}", 3) == 0)
			v = arena_printf(a, "%lld", (long long)f->hit.n);
		else if (strncmp(q, "{types}", 7) == 0)
			v = type_keys(a, f->hit.types);
		else if (strncmp(q, "{reason}", 8) == 0)
			v = text_of(inc, f->hit.reason);
		s = arena_printf(a, "%s%.*s%s", s, (int)(q - p), p,
		    v ? v : "");
		p = e + 1;
	}
	return arena_printf(a, "%s%s", s, p);
}

/* ---- docs/assessment.md ---------------------------------------------- */

static const char *const bears_words[] = {
	"notify the authority (Art. 33(1))",
	"tell the people (Art. 34(1))",
	"Art. 34(3) exemption",
};
static const char *const dir_words[] = {
	"for", "against", "not known: holds back, leans to notifying",
	"said, not weighed"
};

/* A table cell: '|' would end it. */
static void
cell(struct buf *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			buf_puts(out, "\\|");
		else
			buf_putc(out, *s);
	}
}

static void
md_rule(struct buf *out, const struct rule *r)
{
	buf_printf(out, "| %s | %s | %s | ", r->id, bears_words[r->bears],
	    dir_words[r->dir]);
	cell(out, r->condition);
	buf_puts(out, " | ");
	if (*r->reads) {
		const char *p = r->reads;

		while (*p) {
			size_t n = strcspn(p, " ");

			buf_puts(out, "`");
			for (size_t k = 0; k < n; k++) {
				if (p[k] == '|')
					buf_puts(out, "` or `");
				else
					buf_putc(out, p[k]);
			}
			buf_puts(out, "`");
			p += n;
			while (*p == ' ')
				p++;
			if (*p)
				buf_puts(out, ", ");
		}
	} else {
		buf_puts(out, "(none: says what is missing)");
	}
	buf_printf(out, " | %s | ", r->article);
	cell(out, r->source);
	buf_printf(out, " | `grounds.%s` |\n", r->key);
}

void
rules_markdown(struct buf *out, const char *const *langs,
	       rules_wording_fn *wording, void *ctx)
{
	static const struct {
		enum rule_group g;
		const char *title, *how;
	} groups[] = {
		{RG_CONF, "Loss of confidentiality", "Tried in this order. "
		 "The first rule against neutralises the loss; a rule "
		 "\"not known\" stops the search and leans to notifying; "
		 "otherwise N08 weighs for notifying, or, when no rule "
		 "holds at all, N40 (the default of Art. 33(1)). N09 applies "
		 "only to "
		 "files that do not give `risk.holder`: it keeps the answer "
		 "such files had before that field existed."},
		{RG_INTEG, "Loss of integrity", "Same order of trial."},
		{RG_AVAIL, "Loss of availability", "Rules for first: when "
		 "one holds, the loss weighs for notifying. Otherwise the "
		 "first rule against neutralises it, and if none holds the "
		 "facts are missing (U04)."},
		{RG_AGGRAVATE, "Further weight for notifying", "Said when "
		 "some breach type weighs for notifying; they add weight, "
		 "they never decide alone."},
		{RG_HIGH, "A likely high risk (Art. 34(1))", "Weighed when "
		 "some breach type weighs for notifying. Any one that holds "
		 "makes a high risk likely; the people are then told unless "
		 "an Art. 34(3) condition holds. C00 says when none holds."},
		{RG_LOWER, "What lowers the risk to people", "Shown beside "
		 "the rules above."},
		{RG_EXEMPT, "Art. 34(3) conditions", "Considered apart from "
		 "the risk: each one lifts the duty to tell people "
		 "individually."},
		{RG_NOTE, "Said, not weighed", ""},
	};
	size_t g, i;

	buf_puts(out,
	    "# The assessment rules\n"
	    "\n"
	    "Generated by `breachgen schema --rules` from the rule table in "
	    "`gen/rules.c`; do not edit. Every ground that `breachgen "
	    "assess` and the reports print names its rule id.\n"
	    "\n"
	    "The tool recommends; the controller decides. The reports "
	    "print the controller's decision (`decision:`) and show the "
	    "recommendation beside it.\n"
	    "\n"
	    "How the rules combine:\n"
	    "\n"
	    "- **Notify the authority (Art. 33(1))** unless the breach is "
	    "unlikely to result in a risk: recommended when a breach type "
	    "of `nature.breach` weighs for notifying, or when a fact that "
	    "would decide it is not known (tbd, not assessable, not "
	    "given): an unknown is never taken as benign.\n"
	    "- **Tell the people (Art. 34(1))** when a high risk is likely "
	    "(a rule of that section holds) and no Art. 34(3) condition "
	    "holds.\n"
	    "- A rule reads only the facts listed beside it. When one of "
	    "them is missing or unknown the rule does not hold, and a rule "
	    "\"not known\" names the missing fact instead "
	    "(`tests/unit/test_rules.c` checks this for every rule).\n"
	    "- The wording of each ground is under `grounds.<key>` in "
	    "`templates/<lang>/labels.yaml`, one per language.\n"
	    "\n"
	    "Sources: the GDPR (its wording as known and the project's "
	    "paraphrase, not re-read in the Official Journal); EDPB "
	    "Guidelines 9/2022 (WP250 rev.01) section IV and Annex B, EDPB "
	    "Guidelines 01/2021 cases 01 to 18, ENISA 2013 and the CNIL's "
	    "advice: read through secondary summaries, not checked against "
	    "their primary text "
	    "(see the comment at the top of `gen/rules.c`). Fixtures for "
	    "each example, with what comes from the source and what is "
	    "invented, are in `tests/assess/edpb/` and "
	    "`tests/assess/annexb/`.\n");
	for (g = 0; g < sizeof groups / sizeof groups[0]; g++) {
		buf_printf(out, "\n## %s\n\n", groups[g].title);
		if (*groups[g].how)
			buf_printf(out, "%s\n\n", groups[g].how);
		buf_puts(out, "| id | bears on | weighs | condition | facts "
		    "read | article | source | wording |\n"
		    "|---|---|---|---|---|---|---|---|\n");
		for (i = 0; i < rules_count; i++)
			if (rules_table[i].group == groups[g].g)
				md_rule(out, &rules_table[i]);
	}
	if (langs == NULL || langs[0] == NULL || wording == NULL)
		return;
	buf_puts(out, "\n## The wording of each ground\n\n"
	    "As the reports print it, from `grounds.<key>` of "
	    "`templates/<lang>/labels.yaml` (ICU MessageFormat: `{n}` a "
	    "number, `{a}` a value of the file in words, `{types}` data "
	    "types, `{reason}` the controller's own words).\n\n| id |");
	for (g = 0; langs[g]; g++)
		buf_printf(out, " %s |", langs[g]);
	buf_puts(out, "\n|---|");
	for (g = 0; langs[g]; g++)
		buf_puts(out, "---|");
	buf_putc(out, '\n');
	for (i = 0; i < rules_count; i++) {
		buf_printf(out, "| %s |", rules_table[i].id);
		for (g = 0; langs[g]; g++) {
			const char *w = wording(ctx, langs[g],
			    rules_table[i].key);

			buf_putc(out, ' ');
			cell(out, w ? w : "(missing)");
			buf_puts(out, " |");
		}
		buf_putc(out, '\n');
	}
}

/*
 * enisa.c - the ENISA 2013 severity score in exact quarter arithmetic.
 *
 * Category of each data type (ENISA 2013, Annex A1; the method's own
 * examples are given in brackets):
 *
 *   simple 1       basic, contact (biographical data, contact details,
 *                  full name), identification and official_documents
 *                  (identity data: ENISA classes them as simple; their
 *                  weight for identity theft is a separate ground in
 *                  assess.c, and a `nature` or `volume` adjustment can
 *                  raise them), other (counted as simple, and said so)
 *   behavioural 2  location (location, traffic data), profile (personal
 *                  preferences and habits; a credit score is a profile)
 *   financial 3    financial, payment (income, transactions, bank
 *                  statements, credit cards)
 *   sensitive 4    every Art. 9 type (biometric, political, ethnic_origin,
 *                  religious, sex_life, trade_union, genetic, health,
 *                  employment_health) and criminal (Art. 10)
 *   credentials    "not a specific data category": scored as the data
 *                  they give access to (risk.enisa.credentials_open)
 *
 * When several types are breached, the highest basic score counts (ENISA
 * 2013, DPC step 1). The adjustments of risk.enisa.adjustments are then
 * added (step 2) and the result kept within 1..4.
 *
 * What was checked, and against what (search of public copies):
 *   - EI: four levels, negligible, limited, significant, maximum, "with a
 *     linear increase in score" (0.25, 0.5, 0.75, 1): the method's own
 *     text as reproduced at knowledge.co-dex.eu/mod/page/view.php?id=387.
 *   - CB: the four elements (confidentiality by scope of disclosure,
 *     integrity, availability temporary or permanent, malicious intent)
 *     match knowledge.co-dex.eu/mod/page/view.php?id=388. Their values
 *     (0, 0.25, 0.5 each; 0.5 for malice) and the bands (low < 2 <=
 *     medium < 3 <= high < 4 <= very high) come from a calculator
 *     (myprivacy.tools/tool-enisascore.html), not from the ENISA PDF: the
 *     PDF's CB table and severity table could not be read through the
 *     search tool (only the cover of the scribd and fdocuments copies),
 *     so these numbers stay unverified against the primary text.
 */
#include <stdio.h>
#include <string.h>

#include "enisa.h"

enum enisa_cat
enisa_category(enum data_type t)
{
	switch (t) {
	case DT_BASIC:
	case DT_CONTACT:
	case DT_IDENTIFICATION:
	case DT_OFFICIAL_DOCUMENTS:
	case DT_OTHER:
	/* The finer keys of the national forms score as the EDPB
	 * category they refine. */
	case DT_CIVIL_STATUS:
	case DT_SOCIAL_SECURITY:
	case DT_IP_ADDRESS:
		return EC_SIMPLE;
	case DT_LOCATION:
	case DT_PROFILE:
	case DT_CONNECTION:
	case DT_BEHAVIOURAL:
		return EC_BEHAVIOURAL;
	case DT_FINANCIAL:
	case DT_PAYMENT:
	case DT_TRANSACTION:
		return EC_FINANCIAL;
	case DT_BIOMETRIC:
	case DT_CRIMINAL:
	case DT_POLITICAL:
	case DT_ETHNIC_ORIGIN:
	case DT_RELIGIOUS:
	case DT_SEX_LIFE:
	case DT_TRADE_UNION:
	case DT_GENETIC:
	case DT_HEALTH:
	case DT_EMPLOYMENT_HEALTH:
		return EC_SENSITIVE;
	default:
		return enisa_cat_unset;
	}
}

/* The enum values are the basic scores: simple 1 ... sensitive 4. */
static int
cat_score(enum enisa_cat c)
{
	return c >= EC_SIMPLE && c <= EC_SENSITIVE ? (int)c : 0;
}

enum enisa_band
enisa_band_of(int se_q)
{
	if (se_q < 2 * 4)
		return ENISA_LOW;
	if (se_q < 3 * 4)
		return ENISA_MEDIUM;
	if (se_q < 4 * 4)
		return ENISA_HIGH;
	return ENISA_VERY_HIGH;
}

const char *
enisa_band_key(enum enisa_band b)
{
	static const char *const keys[] = {"", "low", "medium", "high",
	    "very_high"};

	return b <= ENISA_VERY_HIGH ? keys[b] : "";
}

char *
enisa_quarters(int q, char *buf)
{
	static const char *const frac[] = {"", ".25", ".5", ".75"};
	int neg = q < 0;

	if (neg)
		q = -q;
	snprintf(buf, ENISA_Q_MAX, "%s%d%s", neg ? "-" : "", q / 4,
	    frac[q % 4]);
	return buf;
}

/* DPC step 1: the highest basic score over the data types breached. */
static void
dpc_base(const struct incident *inc, struct enisa_score *s)
{
	int t, score;
	enum enisa_cat c;

	for (t = 1; t < data_type_count_; t++) {
		if (!INC_HAS(inc->data.types, t))
			continue;
		c = t == DT_CREDENTIALS ? inc->risk.enisa.credentials_open :
		    enisa_category((enum data_type)t);
		score = cat_score(c);
		if (t == DT_OTHER && score > s->base)
			s->other_as_simple = true;
		if (score > s->base) {
			s->base = score;
			s->base_cat = c;
			s->base_type = (enum data_type)t;
		}
	}
	/* `other` only matters when nothing scores higher. */
	if (s->base_type != DT_OTHER)
		s->other_as_simple = false;
}

/* CB: ENISA 2013 section 3.3, each element 0, 0.25 or 0.5. */
static void
circumstances(const struct incident *inc, struct enisa_score *s)
{
	bool restored = inc->risk.enisa.availability_recoverable ||
	    inc->data.restored_from_backup;

	if (INC_HAS(inc->nature.breach, BR_CONFIDENTIALITY)) {
		switch (inc->risk.enisa.recipients) {
		case RCP_KNOWN: s->cb_conf_q = 1; break;
		case RCP_UNKNOWN: s->cb_conf_q = 2; break;
		default: s->cb_conf_q = 0; break;
		}
	}
	if (INC_HAS(inc->nature.breach, BR_INTEGRITY)) {
		switch (inc->nature.integrity) {
		case INT_MISUSE_RECOVERABLE: s->cb_int_q = 1; break;
		case INT_MISUSE_UNRECOVERABLE: s->cb_int_q = 2; break;
		default: s->cb_int_q = 0; break;
		}
	}
	if (INC_HAS(inc->nature.breach, BR_AVAILABILITY) && !restored) {
		switch (inc->nature.availability) {
		case AV_TEMPORARY: s->cb_av_q = 1; break;
		case AV_PERMANENT: s->cb_av_q = 2; break;
		case AV_UNDETERMINED:
			/* Counted as temporary and said so: permanent would
			 * add another 0.25. */
			s->cb_av_q = 1;
			s->av_undetermined = true;
			break;
		default: s->cb_av_q = 0; break;
		}
	}
	if (inc->nature.cause == CAUSE_INTERNAL_MALICIOUS ||
	    inc->nature.cause == CAUSE_EXTERNAL_MALICIOUS)
		s->cb_mal_q = 2;
	s->cb_q = s->cb_conf_q + s->cb_int_q + s->cb_av_q + s->cb_mal_q;
}

void
enisa_score(const struct incident *inc, struct enisa_score *s)
{
	size_t i;
	bool public_stated = false;
	int dpc;

	memset(s, 0, sizeof *s);
	dpc_base(inc, s);
	for (i = 0; i < inc->risk.enisa.nadjustments; i++) {
		s->adjust += inc->risk.enisa.adjustments[i].delta;
		if (inc->risk.enisa.adjustments[i].factor == EF_PUBLIC)
			public_stated = true;
	}
	s->public_unstated = inc->data.already_public && !public_stated;
	circumstances(inc, s);
	s->ei_q = inc->risk.enisa.ei >= EI_NEGLIGIBLE &&
	    inc->risk.enisa.ei <= EI_MAXIMUM ? (int)inc->risk.enisa.ei : 0;
	if (s->base == 0 || s->ei_q == 0)
		return;
	dpc = s->base + s->adjust;
	s->clamped = dpc < 1 || dpc > 4;
	s->dpc = dpc < 1 ? 1 : dpc > 4 ? 4 : dpc;
	s->se_q = s->dpc * s->ei_q + s->cb_q;
	s->band = enisa_band_of(s->se_q);
	s->scored = true;
}

/*
 * test_enisa.c - the ENISA 2013 severity score: SE = DPC x EI + CB, each
 * input, the adjustments and their clamping, and the band edges at SE
 * exactly 2, 3 and 4 (exact quarter arithmetic). These feed the Art. 34(1)
 * high-risk recommendation.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "enisa.h"

#define BIT(v) ((inc_set)1 << (v))

/* A confidentiality breach of contact data, identity evident, nothing
 * else: DPC 1, EI 1, CB 0, SE 1. */
static void
base(struct incident *inc)
{
	memset(inc, 0, sizeof *inc);
	inc->data.types = BIT(DT_CONTACT);
	inc->nature.breach = BIT(BR_CONFIDENTIALITY);
	inc->risk.enisa.ei = EI_MAXIMUM;
	inc->risk.enisa.recipients = RCP_NONE;
	inc->nature.cause = CAUSE_INTERNAL_ACCIDENTAL;
}

static struct enisa_score
score(const struct incident *inc)
{
	struct enisa_score s;

	enisa_score(inc, &s);
	return s;
}

/* ENISA 2013 Annex A1: the basic category of every data type. */
static void
categories(void **state)
{
	static const struct {
		enum data_type t;
		enum enisa_cat c;
	} tab[] = {
		{DT_BASIC, EC_SIMPLE}, {DT_CONTACT, EC_SIMPLE},
		{DT_IDENTIFICATION, EC_SIMPLE},
		{DT_OFFICIAL_DOCUMENTS, EC_SIMPLE}, {DT_OTHER, EC_SIMPLE},
		{DT_LOCATION, EC_BEHAVIOURAL}, {DT_PROFILE, EC_BEHAVIOURAL},
		{DT_FINANCIAL, EC_FINANCIAL}, {DT_PAYMENT, EC_FINANCIAL},
		{DT_BIOMETRIC, EC_SENSITIVE}, {DT_CRIMINAL, EC_SENSITIVE},
		{DT_POLITICAL, EC_SENSITIVE}, {DT_ETHNIC_ORIGIN, EC_SENSITIVE},
		{DT_RELIGIOUS, EC_SENSITIVE}, {DT_SEX_LIFE, EC_SENSITIVE},
		{DT_TRADE_UNION, EC_SENSITIVE}, {DT_GENETIC, EC_SENSITIVE},
		{DT_HEALTH, EC_SENSITIVE},
		{DT_EMPLOYMENT_HEALTH, EC_SENSITIVE},
		{DT_CREDENTIALS, enisa_cat_unset}, {DT_TBD, enisa_cat_unset},
		/* The finer keys of the national forms. */
		{DT_CIVIL_STATUS, EC_SIMPLE}, {DT_SOCIAL_SECURITY, EC_SIMPLE},
		{DT_IP_ADDRESS, EC_SIMPLE}, {DT_CONNECTION, EC_BEHAVIOURAL},
		{DT_BEHAVIOURAL, EC_BEHAVIOURAL},
		{DT_TRANSACTION, EC_FINANCIAL},
	};
	size_t i;
	int t;
	bool seen[data_type_count_] = {false};

	(void)state;
	for (i = 0; i < sizeof tab / sizeof tab[0]; i++) {
		assert_int_equal(enisa_category(tab[i].t), tab[i].c);
		seen[tab[i].t] = true;
	}
	/* Every data type of the schema is in the table above. */
	for (t = 1; t < data_type_count_; t++)
		assert_true(seen[t]);
}

/* DPC step 1: the highest basic score counts. */
static void
highest_category(void **state)
{
	struct incident inc;
	struct enisa_score s;

	(void)state;
	base(&inc);
	inc.data.types = BIT(DT_CONTACT) | BIT(DT_LOCATION) | BIT(DT_HEALTH) |
	    BIT(DT_PAYMENT);
	s = score(&inc);
	assert_true(s.scored);
	assert_int_equal(s.base, 4);
	assert_int_equal(s.base_type, DT_HEALTH);
	assert_int_equal(s.base_cat, EC_SENSITIVE);
	inc.data.types = BIT(DT_CONTACT) | BIT(DT_PROFILE);
	assert_int_equal(score(&inc).base, 2);
	inc.data.types = BIT(DT_FINANCIAL);
	assert_int_equal(score(&inc).base, 3);
}

/* Credentials count as the data they open (ENISA 2013, DPC step 1). */
static void
credentials(void **state)
{
	struct incident inc;
	struct enisa_score s;

	(void)state;
	base(&inc);
	inc.data.types = BIT(DT_CREDENTIALS);
	assert_false(score(&inc).scored);
	inc.risk.enisa.credentials_open = EC_FINANCIAL;
	s = score(&inc);
	assert_true(s.scored);
	assert_int_equal(s.base, 3);
	assert_int_equal(s.base_type, DT_CREDENTIALS);
	inc.data.types |= BIT(DT_CONTACT);
	assert_int_equal(score(&inc).base, 3);
}

/* `other` counts as simple and says so, unless something scores more. */
static void
other_type(void **state)
{
	struct incident inc;

	(void)state;
	base(&inc);
	inc.data.types = BIT(DT_OTHER);
	assert_true(score(&inc).other_as_simple);
	assert_int_equal(score(&inc).base, 1);
	inc.data.types = BIT(DT_OTHER) | BIT(DT_LOCATION);
	assert_false(score(&inc).other_as_simple);
	inc.data.types = BIT(DT_TBD);
	assert_false(score(&inc).scored);
}

/* DPC step 2: adjustments add up, then DPC is kept within 1..4. */
static void
adjustments(void **state)
{
	struct incident inc;
	struct inc_adjustment adj[3];
	struct enisa_score s;

	(void)state;
	memset(adj, 0, sizeof adj);
	base(&inc);
	inc.data.types = BIT(DT_FINANCIAL);
	inc.risk.enisa.adjustments = adj;

	adj[0].factor = EF_VOLUME;
	adj[0].delta = 2;
	adj[1].factor = EF_INVALID;
	adj[1].delta = -1;
	inc.risk.enisa.nadjustments = 2;
	s = score(&inc);
	/* 3 + 2 - 1 = 4: the order does not matter, nothing clamped. */
	assert_int_equal(s.adjust, 1);
	assert_int_equal(s.dpc, 4);
	assert_false(s.clamped);

	inc.risk.enisa.nadjustments = 1;
	s = score(&inc);
	assert_int_equal(s.dpc, 4);
	assert_true(s.clamped);

	inc.data.types = BIT(DT_CONTACT);
	adj[0].factor = EF_NATURE;
	adj[0].delta = -2;
	s = score(&inc);
	assert_int_equal(s.dpc, 1);
	assert_true(s.clamped);

	adj[0].factor = EF_INDIVIDUALS;
	adj[0].delta = 3;
	s = score(&inc);
	assert_int_equal(s.dpc, 4);
	assert_false(s.clamped);
}

/* Data public before the breach: the `public` factor must be stated. */
static void
already_public(void **state)
{
	struct incident inc;
	struct inc_adjustment adj;

	(void)state;
	memset(&adj, 0, sizeof adj);
	base(&inc);
	assert_false(score(&inc).public_unstated);
	inc.data.already_public = true;
	assert_true(score(&inc).public_unstated);
	/* Not applied silently: the DPC is untouched. */
	assert_int_equal(score(&inc).dpc, 1);
	adj.factor = EF_PUBLIC;
	adj.delta = 0;
	inc.risk.enisa.adjustments = &adj;
	inc.risk.enisa.nadjustments = 1;
	assert_false(score(&inc).public_unstated);
}

/* EI: 0.25, 0.5, 0.75, 1 multiply the DPC. */
static void
ease_of_identification(void **state)
{
	struct incident inc;
	struct enisa_score s;
	int ei;

	(void)state;
	base(&inc);
	inc.data.types = BIT(DT_HEALTH);
	for (ei = EI_NEGLIGIBLE; ei <= EI_MAXIMUM; ei++) {
		inc.risk.enisa.ei = (enum enisa_ei)ei;
		s = score(&inc);
		assert_int_equal(s.ei_q, ei);
		assert_int_equal(s.se_q, 4 * ei);
	}
	inc.risk.enisa.ei = enisa_ei_unset;
	assert_false(score(&inc).scored);
}

/* CB, loss of confidentiality: none 0, known 0.25, unknown 0.5; only for
 * a confidentiality breach. */
static void
cb_confidentiality(void **state)
{
	struct incident inc;

	(void)state;
	base(&inc);
	inc.risk.enisa.recipients = RCP_NONE;
	assert_int_equal(score(&inc).cb_conf_q, 0);
	inc.risk.enisa.recipients = RCP_KNOWN;
	assert_int_equal(score(&inc).cb_conf_q, 1);
	inc.risk.enisa.recipients = RCP_UNKNOWN;
	assert_int_equal(score(&inc).cb_conf_q, 2);
	assert_int_equal(score(&inc).se_q, 4 + 2);
	inc.nature.breach = BIT(BR_AVAILABILITY);
	assert_int_equal(score(&inc).cb_conf_q, 0);
}

/* CB, loss of integrity: 0, 0.25 recoverable misuse, 0.5 unrecoverable. */
static void
cb_integrity(void **state)
{
	struct incident inc;

	(void)state;
	base(&inc);
	inc.nature.breach = BIT(BR_INTEGRITY);
	inc.nature.integrity = INT_NO_MISUSE;
	assert_int_equal(score(&inc).cb_int_q, 0);
	inc.nature.integrity = INT_MISUSE_RECOVERABLE;
	assert_int_equal(score(&inc).cb_int_q, 1);
	inc.nature.integrity = INT_MISUSE_UNRECOVERABLE;
	assert_int_equal(score(&inc).cb_int_q, 2);
}

/* CB, loss of availability: temporary 0.25, permanent 0.5, and 0 when
 * another copy made recovery easy or a backup restored it in time. */
static void
cb_availability(void **state)
{
	struct incident inc;

	(void)state;
	base(&inc);
	inc.nature.breach = BIT(BR_AVAILABILITY);
	inc.nature.availability = AV_TEMPORARY;
	assert_int_equal(score(&inc).cb_av_q, 1);
	inc.nature.availability = AV_PERMANENT;
	assert_int_equal(score(&inc).cb_av_q, 2);
	inc.nature.availability = AV_UNDETERMINED;
	assert_int_equal(score(&inc).cb_av_q, 1);
	assert_true(score(&inc).av_undetermined);
	inc.nature.availability = AV_PERMANENT;
	inc.risk.enisa.availability_recoverable = true;
	assert_int_equal(score(&inc).cb_av_q, 0);
	inc.risk.enisa.availability_recoverable = false;
	inc.data.restored_from_backup = true;
	assert_int_equal(score(&inc).cb_av_q, 0);
}

/* CB, malicious intent: +0.5 for internal or external malice only. */
static void
cb_malicious(void **state)
{
	struct incident inc;
	int cause;

	(void)state;
	base(&inc);
	for (cause = 1; cause < cause_count_; cause++) {
		inc.nature.cause = (enum cause)cause;
		assert_int_equal(score(&inc).cb_mal_q,
		    cause == CAUSE_INTERNAL_MALICIOUS ||
		    cause == CAUSE_EXTERNAL_MALICIOUS ? 2 : 0);
	}
}

/* Every CB element at once: 0.5 + 0.5 + 0.5 + 0.5 = 2. */
static void
cb_maximum(void **state)
{
	struct incident inc;
	struct enisa_score s;

	(void)state;
	base(&inc);
	inc.data.types = BIT(DT_HEALTH);
	inc.nature.breach = BIT(BR_CONFIDENTIALITY) | BIT(BR_INTEGRITY) |
	    BIT(BR_AVAILABILITY);
	inc.risk.enisa.recipients = RCP_UNKNOWN;
	inc.nature.integrity = INT_MISUSE_UNRECOVERABLE;
	inc.nature.availability = AV_PERMANENT;
	inc.nature.cause = CAUSE_EXTERNAL_MALICIOUS;
	s = score(&inc);
	assert_int_equal(s.cb_q, 8);
	assert_int_equal(s.se_q, 24);	/* SE 6, the maximum */
	assert_int_equal(s.band, ENISA_VERY_HIGH);
}

/* Band edges: low < 2 <= medium < 3 <= high < 4 <= very high. */
static void
band_edges(void **state)
{
	(void)state;
	assert_int_equal(enisa_band_of(1), ENISA_LOW);
	assert_int_equal(enisa_band_of(7), ENISA_LOW);		/* 1.75 */
	assert_int_equal(enisa_band_of(8), ENISA_MEDIUM);	/* 2 */
	assert_int_equal(enisa_band_of(11), ENISA_MEDIUM);	/* 2.75 */
	assert_int_equal(enisa_band_of(12), ENISA_HIGH);	/* 3 */
	assert_int_equal(enisa_band_of(15), ENISA_HIGH);	/* 3.75 */
	assert_int_equal(enisa_band_of(16), ENISA_VERY_HIGH);	/* 4 */
	assert_int_equal(enisa_band_of(24), ENISA_VERY_HIGH);	/* 6 */
	assert_string_equal(enisa_band_key(ENISA_VERY_HIGH), "very_high");
	assert_string_equal(enisa_band_key(ENISA_NONE), "");
}

/* SE exactly 2, 3 and 4 from whole incidents, where floating point
 * (0.75 * 4 / 3 ...) could land a hair below the edge. */
static void
band_edges_scored(void **state)
{
	struct incident inc;
	struct enisa_score s;

	(void)state;
	/* 2 x 0.75 + 0.5 = 2: medium. */
	base(&inc);
	inc.data.types = BIT(DT_LOCATION);
	inc.risk.enisa.ei = EI_SIGNIFICANT;
	inc.risk.enisa.recipients = RCP_UNKNOWN;
	s = score(&inc);
	assert_int_equal(s.se_q, 8);
	assert_int_equal(s.band, ENISA_MEDIUM);
	/* 3 x 0.75 + 0.25 + 0.5 = 3: high. */
	inc.data.types = BIT(DT_PAYMENT);
	inc.risk.enisa.recipients = RCP_KNOWN;
	inc.nature.cause = CAUSE_EXTERNAL_MALICIOUS;
	s = score(&inc);
	assert_int_equal(s.se_q, 12);
	assert_int_equal(s.band, ENISA_HIGH);
	/* 3 x 0.75 + 0.25 = 2.5, minus nothing: medium just below. */
	inc.nature.cause = CAUSE_EXTERNAL_ACCIDENTAL;
	assert_int_equal(score(&inc).band, ENISA_MEDIUM);
	/* 4 x 0.75 + 0.5 + 0.5 = 4: very high. */
	inc.data.types = BIT(DT_SEX_LIFE);
	inc.risk.enisa.recipients = RCP_UNKNOWN;
	inc.nature.cause = CAUSE_INTERNAL_MALICIOUS;
	s = score(&inc);
	assert_int_equal(s.se_q, 16);
	assert_int_equal(s.band, ENISA_VERY_HIGH);
	/* 1 x 1 + 0.5 + 0.25 = 1.75: low. */
	base(&inc);
	inc.risk.enisa.recipients = RCP_UNKNOWN;
	inc.nature.breach |= BIT(BR_INTEGRITY);
	inc.nature.integrity = INT_MISUSE_RECOVERABLE;
	s = score(&inc);
	assert_int_equal(s.se_q, 7);
	assert_int_equal(s.band, ENISA_LOW);
}

/* Canonical decimals for the YAML output, locale-free. */
static void
quarters_text(void **state)
{
	static const struct {
		int q;
		const char *s;
	} tab[] = {
		{0, "0"}, {1, "0.25"}, {2, "0.5"}, {3, "0.75"}, {4, "1"},
		{6, "1.5"}, {8, "2"}, {11, "2.75"}, {24, "6"}, {-2, "-0.5"},
	};
	char buf[ENISA_Q_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof tab / sizeof tab[0]; i++)
		assert_string_equal(enisa_quarters(tab[i].q, buf), tab[i].s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(categories),
		cmocka_unit_test(highest_category),
		cmocka_unit_test(credentials),
		cmocka_unit_test(other_type),
		cmocka_unit_test(adjustments),
		cmocka_unit_test(already_public),
		cmocka_unit_test(ease_of_identification),
		cmocka_unit_test(cb_confidentiality),
		cmocka_unit_test(cb_integrity),
		cmocka_unit_test(cb_availability),
		cmocka_unit_test(cb_malicious),
		cmocka_unit_test(cb_maximum),
		cmocka_unit_test(band_edges),
		cmocka_unit_test(band_edges_scored),
		cmocka_unit_test(quarters_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

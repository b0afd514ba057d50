/*
 * enisa.h - severity of a personal-data breach by the ENISA method
 * (ENISA, "Recommendations for a methodology of the assessment of
 * severity of personal data breaches", working document v1.0, Dec. 2013):
 *
 *	SE = DPC x EI + CB
 *
 * DPC (data processing context, 1..4), EI (ease of identification,
 * 0.25..1) and CB (circumstances of the breach, 0..2). Every value is
 * kept in quarters, as an integer, so the band edges (SE exactly 2, 3
 * and 4) are compared exactly: SE quarters = DPC * EI quarters + CB
 * quarters.
 *
 * The number of people affected and the unintelligibility of the data
 * are weighed after the score, as the method says; they are not part of
 * it (assess.c does that).
 */
#ifndef BREACHGEN_ENISA_H
#define BREACHGEN_ENISA_H

#include <stdbool.h>

#include "incident.h"

enum enisa_band {
	ENISA_NONE = 0,		/* not scored: inputs missing */
	ENISA_LOW,		/* SE < 2 */
	ENISA_MEDIUM,		/* 2 <= SE < 3 */
	ENISA_HIGH,		/* 3 <= SE < 4 */
	ENISA_VERY_HIGH		/* SE >= 4 */
};

struct enisa_score {
	bool scored;		/* false when no data type or no EI */
	/* DPC step 1: the data type with the highest basic score. */
	enum data_type base_type;
	enum enisa_cat base_cat;
	int base;		/* 1..4 */
	/* DPC step 2: the sum of every adjustment, then clamped. */
	int adjust;		/* sum of the deltas */
	int dpc;		/* 1..4 */
	bool clamped;		/* base + adjust fell outside 1..4 */
	int ei_q;		/* EI in quarters, 1..4 */
	int cb_conf_q, cb_int_q, cb_av_q, cb_mal_q;
	int cb_q;		/* sum of the four, 0..8 */
	int se_q;		/* dpc * ei_q + cb_q, 1..24 */
	enum enisa_band band;
	/* Things the method wants stated, not applied silently. */
	bool public_unstated;	/* data.already_public, no `public` factor */
	bool av_undetermined;	/* availability undetermined: counted as
				 * temporary */
	bool other_as_simple;	/* data type `other` counted as simple */
};

/* Basic DPC category of a data type; 0 for tbd (not known yet) and for
 * credentials, which count as what they open. */
enum enisa_cat enisa_category(enum data_type t);

/* Scores the incident. Never fails: out->scored tells whether it could. */
void enisa_score(const struct incident *inc, struct enisa_score *out);

/* Band of an SE given in quarters. */
enum enisa_band enisa_band_of(int se_q);
/* "low", "medium", "high", "very_high", or "" for ENISA_NONE. */
const char *enisa_band_key(enum enisa_band b);

/* Longest text of enisa_quarters(), with its NUL. */
#define ENISA_Q_MAX 16
/* A quarter count in canonical decimal form: 2 -> "0.5", 6 -> "1.5",
 * 8 -> "2", 11 -> "2.75". Locale-free. Returns buf. */
char *enisa_quarters(int q, char *buf);

#endif

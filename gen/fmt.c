/*
 * fmt.c - locale formatting for the reports (ICU).
 *
 * ICU works in UTF-16; the rest of breachgen in UTF-8. Each function
 * converts at its edges, and keeps the ICU objects it opens in a small
 * per-thread cache because opening a formatter costs far more than
 * using it.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/udat.h>
#include <unicode/udatpg.h>
#include <unicode/uloc.h>
#include <unicode/ucal.h>
#include <unicode/ulistformatter.h>
#include <unicode/umsg.h>
#include <unicode/unorm2.h>
#include <unicode/unum.h>
#include <unicode/unumberformatter.h>
#include <unicode/ustring.h>

#include "arena.h"
#include "fmt.h"
#include "tz.h"

/*
 * What ICU's data does not say about a language: how the reports write a
 * date, whether digits are grouped with a narrow no-break space, whether a
 * number and its unit are joined by a no-break space, and which
 * typography pass its Markdown gets. A language without an entry is
 * written with ICU's own patterns for its locale, and no pass.
 */
enum { DF_DATETIME, DF_DATETIME_1ER, DF_DATE, DF_DATE_1ER, DF_VARIANTS,
       DF_ZONE = DF_VARIANTS };
enum typo_kind { TYPO_NONE, TYPO_FR, TYPO_DE };

struct lang_rules {
	const char *tag;
	const char *df[DF_VARIANTS];	/* ICU date patterns */
	bool narrow_group;		/* 28 000 000 with U+202F */
	bool unit_nbsp;			/* "1 minute" with U+00A0 */
	enum typo_kind typo;
};

static const struct lang_rules lang_rules[] = {
	{"fr", {
		/* "8 h 30": one way of writing a time throughout. */
		"d MMMM y '\xc3\xa0' H'\xc2\xa0h\xc2\xa0'mm '(UTC'xxx')'",
		"d'er' MMMM y '\xc3\xa0' H'\xc2\xa0h\xc2\xa0'mm '(UTC'xxx')'",
		"d MMMM y",
		"d'er' MMMM y",
	}, true, true, TYPO_FR},
	{"en", {
		"d MMMM y 'at' HH:mm '(UTC'xxx')'",
		"d MMMM y 'at' HH:mm '(UTC'xxx')'",
		"d MMMM y",
		"d MMMM y",
	}, false, false, TYPO_NONE},
	{"de", {
		"d. MMMM y, HH:mm 'Uhr (UTC'xxx')'",
		"d. MMMM y, HH:mm 'Uhr (UTC'xxx')'",
		"d. MMMM y",
		"d. MMMM y",
	}, false, false, TYPO_DE},
};

static const struct lang_rules no_rules = {NULL, {NULL}, false, false,
					   TYPO_NONE};

/* Languages a thread has formatted in: the caches are per language. */
#define NLANG 16
#define TAG_MAX 16

/* Larger than any text a report formats in one call. */
#define TEXT_MAX (INT32_MAX / 4)

#define NBSP "\xc2\xa0"		/* U+00A0 NO-BREAK SPACE */
#define NNBSP "\xe2\x80\xaf"	/* U+202F NARROW NO-BREAK SPACE */

struct lang_slot {
	char tag[TAG_MAX];
	const struct lang_rules *rules;
};

static _Thread_local struct lang_slot langs[NLANG];

/* A language is any ISO 639 language ICU has data for, with or without
 * a region ("de", "de-CH"); its folder of templates is what makes the
 * reports exist in it. */
static bool
lang_known(const char *lang)
{
	const char *const *iso = uloc_getISOLanguages();
	size_t n = strcspn(lang, "-");

	/* BCP 47 as folders are named: "de", "de-CH", never "DE" or
	 * "de_CH", which would be other folders. */
	if (n < 2 || n > 3 || strlen(lang) >= TAG_MAX ||
	    strchr(lang, '_') != NULL)
		return false;
	for (size_t i = 0; i < n; i++)
		if (lang[i] < 'a' || lang[i] > 'z')
			return false;
	for (size_t i = 0; iso[i] != NULL; i++)
		if (strlen(iso[i]) == n && strncmp(iso[i], lang, n) == 0)
			return true;
	return false;
}

static const struct lang_rules *
rules_for(const char *lang)
{
	size_t n = strcspn(lang, "-");

	for (size_t i = 0; i < sizeof lang_rules / sizeof lang_rules[0]; i++)
		if (strlen(lang_rules[i].tag) == n &&
		    strncmp(lang, lang_rules[i].tag, n) == 0)
			return &lang_rules[i];
	return &no_rules;
}

/* The thread's slot for lang, taken on first use; -1 when lang is not a
 * language or every slot is taken. */
static int
lang_index(const char *lang)
{
	if (lang == NULL)
		return -1;
	for (int i = 0; i < NLANG; i++) {
		if (langs[i].rules == NULL) {
			if (!lang_known(lang))
				return -1;
			strcpy(langs[i].tag, lang);
			langs[i].rules = rules_for(lang);
			return i;
		}
		if (strcmp(lang, langs[i].tag) == 0)
			return i;
	}
	return -1;
}

bool
fmt_lang_ok(const char *lang)
{
	return lang_index(lang) >= 0;
}

/* --- UTF-16 scratch strings ------------------------------------------ */

struct ustr {
	UChar *s;
	int32_t cap;
	UChar stack[256];
};

static void
ustr_init(struct ustr *u)
{
	u->s = u->stack;
	u->cap = (int32_t)(sizeof u->stack / sizeof u->stack[0]);
}

/* Room for n units and a NUL. */
static void
ustr_reserve(struct ustr *u, int32_t n)
{
	if (n < u->cap)
		return;
	if (u->s != u->stack)
		free(u->s);
	u->cap = n + 1;
	u->s = xmalloc((size_t)u->cap * sizeof(UChar));
}

static void
ustr_free(struct ustr *u)
{
	if (u->s != u->stack)
		free(u->s);
	ustr_init(u);
}

/* Strict UTF-8 to UTF-16: ill-formed input is FMT_EUTF8. */
static int
ustr_from_utf8(struct ustr *u, const char *s, size_t len, int32_t *ulen)
{
	UErrorCode st = U_ZERO_ERROR;

	if (len > TEXT_MAX)
		return FMT_ERANGE;
	u_strFromUTF8(u->s, u->cap, ulen, s, (int32_t)len, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR || st == U_STRING_NOT_TERMINATED_WARNING) {
		ustr_reserve(u, *ulen);
		st = U_ZERO_ERROR;
		u_strFromUTF8(u->s, u->cap, ulen, s, (int32_t)len, &st);
	}
	if (st == U_INVALID_CHAR_FOUND)
		return FMT_EUTF8;
	return U_FAILURE(st) ? FMT_EICU : FMT_OK;
}

static int
put_u16(struct buf *out, const UChar *u, int32_t n)
{
	char stack[512], *p = stack;
	int32_t len;
	UErrorCode st = U_ZERO_ERROR;
	int rc = FMT_OK;

	u_strToUTF8(p, sizeof stack, &len, u, n, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR ||
	    st == U_STRING_NOT_TERMINATED_WARNING) {
		p = xmalloc((size_t)len + 1);
		st = U_ZERO_ERROR;
		u_strToUTF8(p, len + 1, &len, u, n, &st);
	}
	if (U_FAILURE(st))
		rc = FMT_EICU;
	else
		buf_put(out, p, (size_t)len);
	if (p != stack)
		free(p);
	return rc;
}

/*
 * French groups digits with U+202F (CLDR since 2018); older ICU data used
 * U+00A0. Whatever the data, a no-break space between two digits becomes
 * the narrow one, so that numbers read the same in every sentence.
 */
static void
fix_grouping(int lang, UChar *u, int32_t n)
{
	if (!langs[lang].rules->narrow_group)
		return;
	for (int32_t i = 1; i + 1 < n; i++)
		if (u[i] == 0x00A0 && u[i - 1] >= '0' && u[i - 1] <= '9' &&
		    u[i + 1] >= '0' && u[i + 1] <= '9')
			u[i] = 0x202F;
}

/* --- per-thread cache ------------------------------------------------ */

#define DF_N 16
#define MSG_N 32
#define ZONE_MAX 64

struct df_slot {
	int lang, variant;
	char zone[ZONE_MAX];
	UDateFormat *df;
};

struct msg_slot {
	int lang;
	char *pattern;
	size_t len;
	UMessageFormat *mf;
	bool uses_n;
	int nnames;
	char *names[FMT_MSG_ARGS];
	size_t first[FMT_MSG_ARGS];	/* where each name is first used */
};

struct cache {
	UNumberFormat *num[NLANG];
	UNumberFormatter *unit[NLANG][3];
	UFormattedNumber *unit_result;
	UListFormatter *list[NLANG];
	struct df_slot df[DF_N];
	unsigned df_next;
	struct msg_slot msg[MSG_N];
	unsigned msg_next;
};

static _Thread_local struct cache cache;

static void
msg_slot_clear(struct msg_slot *m)
{
	if (m->mf != NULL)
		umsg_close(m->mf);
	free(m->pattern);
	for (int i = 0; i < m->nnames; i++)
		free(m->names[i]);
	memset(m, 0, sizeof *m);
}

void
fmt_cleanup(void)
{
	for (int l = 0; l < NLANG; l++) {
		if (cache.num[l] != NULL)
			unum_close(cache.num[l]);
		for (int u = 0; u < 3; u++)
			if (cache.unit[l][u] != NULL)
				unumf_close(cache.unit[l][u]);
		if (cache.list[l] != NULL)
			ulistfmt_close(cache.list[l]);
	}
	if (cache.unit_result != NULL)
		unumf_closeResult(cache.unit_result);
	for (int i = 0; i < DF_N; i++)
		if (cache.df[i].df != NULL)
			udat_close(cache.df[i].df);
	for (int i = 0; i < MSG_N; i++)
		msg_slot_clear(&cache.msg[i]);
	memset(&cache, 0, sizeof cache);
	memset(langs, 0, sizeof langs);
}

/* --- dates ----------------------------------------------------------- */

/*
 * The pattern of a date variant: the language's own, or ICU's best
 * pattern for the skeleton, followed by the offset as the others show it.
 */
static int
date_pattern(int lang, int variant, struct ustr *pat, int32_t *plen)
{
	static const char *const offset = " '(UTC'xxx')'";
	const char *own = variant == DF_ZONE ? "vvvv" :
		langs[lang].rules->df[variant];
	const char *skel = variant < DF_DATE ? "dMMMMyHHmm" : "dMMMMy";
	struct ustr sk;
	UDateTimePatternGenerator *g = NULL;
	UErrorCode st = U_ZERO_ERROR;
	int32_t n, k;
	int rc = FMT_EICU;

	if (own != NULL)
		return ustr_from_utf8(pat, own, strlen(own), plen);
	ustr_init(&sk);
	if (ustr_from_utf8(&sk, skel, strlen(skel), &k) != FMT_OK)
		goto out;
	g = udatpg_open(langs[lang].tag, &st);
	n = udatpg_getBestPattern(g, sk.s, k, pat->s, pat->cap, &st);
	if (U_FAILURE(st) || n + 16 >= pat->cap)
		goto out;
	if (variant < DF_DATE)
		for (const char *p = offset; *p; p++)
			pat->s[n++] = (UChar)*p;
	pat->s[n] = 0;
	*plen = n;
	rc = FMT_OK;
out:
	if (g != NULL)
		udatpg_close(g);
	ustr_free(&sk);
	return rc;
}

static UDateFormat *
date_format(int lang, int variant, const char *zone)
{
	struct df_slot *slot;
	struct ustr pat, uzone;
	int32_t plen, zlen;
	UErrorCode st = U_ZERO_ERROR;
	UDateFormat *df = NULL;
	UCalendar *cal = NULL;

	for (int i = 0; i < DF_N; i++) {
		slot = &cache.df[i];
		if (slot->df != NULL && slot->lang == lang &&
		    slot->variant == variant && strcmp(slot->zone, zone) == 0)
			return slot->df;
	}
	ustr_init(&pat);
	ustr_init(&uzone);
	if (strlen(zone) >= ZONE_MAX ||
	    date_pattern(lang, variant, &pat, &plen) != FMT_OK ||
	    ustr_from_utf8(&uzone, zone, strlen(zone), &zlen) != FMT_OK)
		goto out;
	df = udat_open(UDAT_PATTERN, UDAT_PATTERN, langs[lang].tag, uzone.s,
	    zlen, pat.s, plen, &st);
	if (U_FAILURE(st))
		goto out;
	/* Proleptic Gregorian, as in tz.c and datetime.c. */
	cal = ucal_clone(udat_getCalendar(df), &st);
	ucal_setGregorianChange(cal, -8.64e15, &st);
	if (U_FAILURE(st))
		goto out;
	udat_setCalendar(df, cal);
	slot = &cache.df[cache.df_next++ % DF_N];
	if (slot->df != NULL)
		udat_close(slot->df);
	slot->lang = lang;
	slot->variant = variant;
	strcpy(slot->zone, zone);
	slot->df = df;
out:
	if (U_FAILURE(st) && df != NULL) {
		udat_close(df);
		df = NULL;
	}
	if (cal != NULL)
		ucal_close(cal);
	ustr_free(&pat);
	ustr_free(&uzone);
	return df;
}

static int
format_date(const char *lang, const char *zone, int64_t epoch, bool time,
	    struct buf *out)
{
	struct tz_local l;
	struct ustr u;
	UDateFormat *df;
	UErrorCode st = U_ZERO_ERROR;
	int32_t n;
	int li = lang_index(lang), variant, rc;

	ustr_init(&u);
	if (li < 0) {
		rc = FMT_ELANG;
		goto out;
	}
	/* Validates the zone (ICU would fall back to GMT) and the range. */
	switch (tz_local(epoch, zone, &l)) {
	case TZ_OK:
		break;
	case TZ_EZONE:
		rc = FMT_EZONE;
		goto out;
	case TZ_ERANGE:
		rc = FMT_ERANGE;
		goto out;
	default:
		rc = FMT_EICU;
		goto out;
	}
	variant = (time ? DF_DATETIME : DF_DATE) + (l.day == 1);
	if ((df = date_format(li, variant, zone)) == NULL) {
		rc = FMT_EICU;
		goto out;
	}
	n = udat_format(df, (UDate)epoch * 1000.0, u.s, u.cap, NULL, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR) {
		ustr_reserve(&u, n);
		st = U_ZERO_ERROR;
		n = udat_format(df, (UDate)epoch * 1000.0, u.s, u.cap, NULL,
		    &st);
	}
	rc = U_FAILURE(st) ? FMT_EICU : put_u16(out, u.s, n);
out:
	ustr_free(&u);
	return rc;
}

int
fmt_datetime(const char *lang, const char *zone, int64_t epoch,
	     struct buf *out)
{
	return format_date(lang, zone, epoch, true, out);
}

int
fmt_date(const char *lang, const char *zone, int64_t epoch, struct buf *out)
{
	return format_date(lang, zone, epoch, false, out);
}

int
fmt_zone_name(const char *lang, const char *zone, int64_t epoch,
	      struct buf *out)
{
	struct tz_local l;
	struct ustr u;
	UDateFormat *df;
	UErrorCode st = U_ZERO_ERROR;
	int32_t n;
	int li = lang_index(lang), rc;

	if (li < 0)
		return FMT_ELANG;
	if (tz_local(epoch, zone, &l) != TZ_OK)
		return FMT_EZONE;
	/* UTC has no generic name in CLDR: "vvvv" would give "GMT". */
	if (strcmp(zone, "UTC") == 0 || strcmp(zone, "Etc/UTC") == 0) {
		buf_puts(out, "UTC");
		return FMT_OK;
	}
	if ((df = date_format(li, DF_ZONE, zone)) == NULL)
		return FMT_EICU;
	ustr_init(&u);
	n = udat_format(df, (UDate)epoch * 1000.0, u.s, u.cap, NULL, &st);
	rc = U_FAILURE(st) ? FMT_EICU : put_u16(out, u.s, n);
	ustr_free(&u);
	return rc;
}

/* --- numbers --------------------------------------------------------- */

static UNumberFormat *
number_format(int lang)
{
	static const UChar nnbsp[] = {0x202F};
	UErrorCode st = U_ZERO_ERROR;
	UNumberFormat *nf;

	if (cache.num[lang] != NULL)
		return cache.num[lang];
	nf = unum_open(UNUM_DECIMAL, NULL, 0, langs[lang].tag, NULL, &st);
	if (langs[lang].rules->narrow_group)
		unum_setSymbol(nf, UNUM_GROUPING_SEPARATOR_SYMBOL, nnbsp, 1,
		    &st);
	if (U_FAILURE(st)) {
		if (nf != NULL)
			unum_close(nf);
		return NULL;
	}
	return cache.num[lang] = nf;
}

int
fmt_int(const char *lang, int64_t v, struct buf *out)
{
	UChar u[64];
	UNumberFormat *nf;
	UErrorCode st = U_ZERO_ERROR;
	int32_t n;
	int li = lang_index(lang);

	if (li < 0)
		return FMT_ELANG;
	if ((nf = number_format(li)) == NULL)
		return FMT_EICU;
	n = unum_formatInt64(nf, v, u, 64, NULL, &st);
	if (U_FAILURE(st))
		return FMT_EICU;
	return put_u16(out, u, n);
}

int
fmt_decimal(const char *lang, double v, int max_frac, struct buf *out)
{
	UChar u[512];
	UNumberFormat *nf;
	UErrorCode st = U_ZERO_ERROR;
	int32_t n;
	int li = lang_index(lang);

	if (li < 0)
		return FMT_ELANG;
	if (!isfinite(v) || fabs(v) > 1e15 || max_frac < 0 || max_frac > 15)
		return FMT_ERANGE;
	if ((nf = number_format(li)) == NULL)
		return FMT_EICU;
	unum_setAttribute(nf, UNUM_MIN_FRACTION_DIGITS, 0);
	unum_setAttribute(nf, UNUM_MAX_FRACTION_DIGITS, max_frac);
	n = unum_formatDouble(nf, v, u, 512, NULL, &st);
	if (U_FAILURE(st))
		return FMT_EICU;
	return put_u16(out, u, n);
}

/* --- durations ------------------------------------------------------- */

static const char *const unit_skeletons[3] = {
	"measure-unit/duration-day unit-width-full-name",
	"measure-unit/duration-hour unit-width-full-name",
	"measure-unit/duration-minute unit-width-full-name",
};

static const int64_t unit_seconds[3] = {86400, 3600, 60};

static UNumberFormatter *
unit_format(int lang, int unit)
{
	struct ustr sk;
	int32_t n;
	UErrorCode st = U_ZERO_ERROR;
	UNumberFormatter *f = NULL;

	if (cache.unit[lang][unit] != NULL)
		return cache.unit[lang][unit];
	ustr_init(&sk);
	if (ustr_from_utf8(&sk, unit_skeletons[unit],
	    strlen(unit_skeletons[unit]), &n) != FMT_OK)
		goto out;
	f = unumf_openForSkeletonAndLocale(sk.s, n, langs[lang].tag, &st);
	if (U_FAILURE(st)) {
		if (f != NULL)
			unumf_close(f);
		f = NULL;
		goto out;
	}
	cache.unit[lang][unit] = f;
out:
	ustr_free(&sk);
	return f;
}

int
fmt_duration(const char *lang, int64_t seconds, unsigned units,
	     struct buf *out)
{
	struct ustr part[3], u;
	const UChar *items[3];
	int32_t lens[3], n;
	int64_t q[3] = {0, 0, 0}, rem = seconds;
	int which[3], count = 0, smallest = -1, li = lang_index(lang), rc;
	UErrorCode st = U_ZERO_ERROR;
	UNumberFormatter *f;

	for (int i = 0; i < 3; i++)
		ustr_init(&part[i]);
	ustr_init(&u);
	if (li < 0) {
		rc = FMT_ELANG;
		goto out;
	}
	if (seconds < 0 || (units & (FMT_DAYS | FMT_HOURS | FMT_MINUTES)) == 0) {
		rc = FMT_ERANGE;
		goto out;
	}
	for (int i = 0; i < 3; i++) {
		if (!(units & (1u << i)))
			continue;
		q[i] = rem / unit_seconds[i];
		rem %= unit_seconds[i];
		smallest = i;
		if (q[i] > 0)
			which[count++] = i;
	}
	if (count == 0)
		which[count++] = smallest;
	if (cache.unit_result == NULL &&
	    (cache.unit_result = unumf_openResult(&st)) == NULL) {
		rc = FMT_EICU;
		goto out;
	}
	for (int k = 0; k < count; k++) {
		int i = which[k];

		if ((f = unit_format(li, i)) == NULL) {
			rc = FMT_EICU;
			goto out;
		}
		unumf_formatInt(f, q[i], cache.unit_result, &st);
		n = unumf_resultToString(cache.unit_result, part[k].s,
		    part[k].cap, &st);
		if (st == U_BUFFER_OVERFLOW_ERROR) {
			ustr_reserve(&part[k], n);
			st = U_ZERO_ERROR;
			n = unumf_resultToString(cache.unit_result, part[k].s,
			    part[k].cap, &st);
		}
		/* CLDR writes "1 minute" with a plain space but "1 jour"
		 * with a no-break one: French wants it for every unit. */
		if (langs[li].rules->unit_nbsp && U_SUCCESS(st))
			for (int32_t j = 1; j < n; j++)
				if (part[k].s[j] == ' ' &&
				    part[k].s[j - 1] >= '0' &&
				    part[k].s[j - 1] <= '9')
					part[k].s[j] = 0x00A0;
		items[k] = part[k].s;
		lens[k] = n;
	}
	if (cache.list[li] == NULL)
		cache.list[li] = ulistfmt_openForType(langs[li].tag,
		    ULISTFMT_TYPE_AND, ULISTFMT_WIDTH_WIDE, &st);
	if (U_FAILURE(st)) {
		rc = FMT_EICU;
		goto out;
	}
	n = ulistfmt_format(cache.list[li], items, lens, count, u.s, u.cap,
	    &st);
	if (st == U_BUFFER_OVERFLOW_ERROR) {
		ustr_reserve(&u, n);
		st = U_ZERO_ERROR;
		n = ulistfmt_format(cache.list[li], items, lens, count, u.s,
		    u.cap, &st);
	}
	if (U_FAILURE(st)) {
		rc = FMT_EICU;
		goto out;
	}
	fix_grouping(li, u.s, n);
	rc = put_u16(out, u.s, n);
out:
	for (int i = 0; i < 3; i++)
		ustr_free(&part[i]);
	ustr_free(&u);
	return rc;
}

/* --- messages -------------------------------------------------------- */

/*
 * ICU's C API formats messages by argument number only, through varargs
 * typed by the pattern. So the pattern is scanned here first: names
 * become dense numbers (n is 0 and a double; strings follow, as UChar *),
 * and each argument's type is checked against what will be passed, which
 * keeps the varargs call well-typed whatever the label file says.
 */

#define MSG_DEPTH 16
#define ARG_N (-1)	/* the count argument */

struct span {
	size_t start, end;	/* the name in the pattern */
	int arg;		/* ARG_N or an index into names */
	bool add_number;	/* {n} becomes {0,number} */
};

struct scan {
	const char *s;
	size_t len, i;
	struct span *sp;
	size_t nsp, capsp;
	size_t name_off[FMT_MSG_ARGS], name_len[FMT_MSG_ARGS];
	int nnames;
	bool uses_n;
	bool has_style;
	size_t first_style;	/* where the first number style begins */
	int err;
	size_t err_off;
};

static int
scan_fail(struct scan *sc, int err, size_t off)
{
	if (sc->err == FMT_OK) {
		sc->err = err;
		sc->err_off = off;
	}
	return -1;
}

static bool
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static void
skip_ws(struct scan *sc)
{
	while (sc->i < sc->len && is_ws(sc->s[sc->i]))
		sc->i++;
}

static bool
word_is(const struct scan *sc, size_t a, size_t b, const char *w)
{
	return b - a == strlen(w) && memcmp(sc->s + a, w, b - a) == 0;
}

/* Skips a quoted literal starting at the apostrophe at sc->i. */
static void
skip_quoted(struct scan *sc)
{
	sc->i += 2;	/* the apostrophe and the character it quotes */
	while (sc->i < sc->len) {
		if (sc->s[sc->i] == '\'') {
			if (sc->i + 1 < sc->len && sc->s[sc->i + 1] == '\'') {
				sc->i += 2;
				continue;
			}
			sc->i++;
			return;
		}
		sc->i++;
	}
}

static int scan_arg(struct scan *sc, int depth);

/* Message text up to an unquoted '}' (left unread) or the end. */
static int
scan_message(struct scan *sc, int depth, bool in_plural)
{
	while (sc->i < sc->len) {
		char c = sc->s[sc->i], d;

		if (c == '\'') {
			d = sc->i + 1 < sc->len ? sc->s[sc->i + 1] : '\0';
			if (d == '\'')
				sc->i += 2;
			else if (d == '{' || d == '}' || d == '|' ||
			    (in_plural && d == '#'))
				skip_quoted(sc);
			else
				sc->i++;
		} else if (c == '{') {
			if (scan_arg(sc, depth) < 0)
				return -1;
		} else if (c == '}' && depth > 0) {
			return 0;
		} else {
			sc->i++;
		}
	}
	return 0;
}

enum argtype { T_BAD = -1, T_NONE, T_PLURAL, T_SELECT, T_SIMPLE_NUM, T_OTHER };

static enum argtype
arg_type(const struct scan *sc, size_t a, size_t b)
{
	if (word_is(sc, a, b, "plural") || word_is(sc, a, b, "selectordinal"))
		return T_PLURAL;
	if (word_is(sc, a, b, "select"))
		return T_SELECT;
	if (word_is(sc, a, b, "number") || word_is(sc, a, b, "spellout") ||
	    word_is(sc, a, b, "ordinal"))
		return T_SIMPLE_NUM;
	if (word_is(sc, a, b, "date") || word_is(sc, a, b, "time") ||
	    word_is(sc, a, b, "duration") || word_is(sc, a, b, "choice"))
		return T_OTHER;
	return T_BAD;
}

static int
name_index(struct scan *sc, size_t a, size_t b)
{
	if (word_is(sc, a, b, "n")) {
		sc->uses_n = true;
		return ARG_N;
	}
	for (int k = 0; k < sc->nnames; k++)
		if (sc->name_len[k] == b - a &&
		    memcmp(sc->s + sc->name_off[k], sc->s + a, b - a) == 0)
			return k;
	if (sc->nnames == FMT_MSG_ARGS) {
		scan_fail(sc, FMT_EARG, a);
		return -2;
	}
	sc->name_off[sc->nnames] = a;
	sc->name_len[sc->nnames] = b - a;
	return sc->nnames++;
}

static bool
same_ascii_ci(const char *a, const char *b, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		char c = a[k];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != b[k])
			return false;
	}
	return true;
}

/* The style of a simple argument: up to its '}' (left unread). */
static int
scan_simple_style(struct scan *sc, size_t open)
{
	int nest = 0;

	while (sc->i < sc->len) {
		char c = sc->s[sc->i];

		if (c == '\'') {
			size_t q = sc->i;

			sc->i++;
			while (sc->i < sc->len && sc->s[sc->i] != '\'')
				sc->i++;
			if (sc->i == sc->len)
				return scan_fail(sc, FMT_ESYNTAX, q);
			sc->i++;
		} else if (c == '{') {
			nest++, sc->i++;
		} else if (c == '}') {
			if (nest == 0)
				return 0;
			nest--, sc->i++;
		} else {
			sc->i++;
		}
	}
	return scan_fail(sc, FMT_ESYNTAX, open);
}

/* plural, selectordinal and select: selector {message} ... up to '}'. */
static int
scan_cases(struct scan *sc, int depth, size_t open, bool plural)
{
	bool other = false, first = true;

	for (;;) {
		size_t sel, a;

		skip_ws(sc);
		if (sc->i >= sc->len)
			return scan_fail(sc, FMT_ESYNTAX, open);
		if (sc->s[sc->i] == '}')
			break;
		sel = sc->i;
		if (plural && first && sc->len - sc->i >= 7 &&
		    memcmp(sc->s + sc->i, "offset:", 7) == 0) {
			sc->i += 7;
			skip_ws(sc);
			a = sc->i;
			while (sc->i < sc->len && is_digit(sc->s[sc->i]))
				sc->i++;
			if (sc->i == a)
				return scan_fail(sc, FMT_ESYNTAX, a);
			first = false;
			continue;
		}
		first = false;
		if (plural && sc->s[sc->i] == '=') {
			sc->i++;
			a = sc->i;
			while (sc->i < sc->len && (is_digit(sc->s[sc->i]) ||
			    sc->s[sc->i] == '.'))
				sc->i++;
			if (sc->i == a)
				return scan_fail(sc, FMT_ESYNTAX, a);
		} else {
			while (sc->i < sc->len && (is_alpha(sc->s[sc->i]) ||
			    is_digit(sc->s[sc->i]) || sc->s[sc->i] == '_' ||
			    sc->s[sc->i] == '-'))
				sc->i++;
			if (sc->i == sel)
				return scan_fail(sc, FMT_ESYNTAX, sel);
			if (word_is(sc, sel, sc->i, "other"))
				other = true;
		}
		skip_ws(sc);
		if (sc->i >= sc->len || sc->s[sc->i] != '{')
			return scan_fail(sc, FMT_ESYNTAX, sc->i);
		a = sc->i++;
		if (scan_message(sc, depth + 1, plural) < 0)
			return -1;
		if (sc->i >= sc->len)
			return scan_fail(sc, FMT_ESYNTAX, a);
		sc->i++;
	}
	if (!other)
		return scan_fail(sc, FMT_EOTHER, open);
	return 0;
}

/* An argument, from its '{' through its '}'. */
static int
scan_arg(struct scan *sc, int depth)
{
	size_t open = sc->i, a, b;
	struct span sp;
	enum argtype t;
	int arg;

	if (depth >= MSG_DEPTH)
		return scan_fail(sc, FMT_ESYNTAX, open);
	sc->i++;
	skip_ws(sc);
	a = sc->i;
	if (a < sc->len && is_digit(sc->s[a]))
		return scan_fail(sc, FMT_EARG, a);
	if (a >= sc->len || !(is_alpha(sc->s[a]) || sc->s[a] == '_'))
		return scan_fail(sc, FMT_ESYNTAX, a);
	while (sc->i < sc->len && (is_alpha(sc->s[sc->i]) ||
	    is_digit(sc->s[sc->i]) || sc->s[sc->i] == '_'))
		sc->i++;
	b = sc->i;
	if ((arg = name_index(sc, a, b)) < ARG_N)
		return -1;
	sp = (struct span){a, b, arg, false};
	skip_ws(sc);
	if (sc->i >= sc->len)
		return scan_fail(sc, FMT_ESYNTAX, open);
	if (sc->s[sc->i] == '}') {
		t = T_NONE;
		sp.add_number = arg == ARG_N;
		sc->i++;
		goto push;
	}
	if (sc->s[sc->i] != ',')
		return scan_fail(sc, FMT_ESYNTAX, sc->i);
	sc->i++;
	skip_ws(sc);
	a = sc->i;
	while (sc->i < sc->len && is_alpha(sc->s[sc->i]))
		sc->i++;
	if ((t = arg_type(sc, a, sc->i)) == T_BAD)
		return scan_fail(sc, FMT_ESYNTAX, a);
	/* What will be passed: a double for n, a string for the others. */
	if (t == T_OTHER || (arg == ARG_N && t == T_SELECT) ||
	    (arg != ARG_N && (t == T_PLURAL || t == T_SIMPLE_NUM)))
		return scan_fail(sc, FMT_EARG, a);
	skip_ws(sc);
	if (sc->i < sc->len && sc->s[sc->i] == '}' && t == T_SIMPLE_NUM) {
		sc->i++;
		goto push;
	}
	if (sc->i >= sc->len || sc->s[sc->i] != ',')
		return scan_fail(sc, FMT_ESYNTAX, sc->i);
	sc->i++;
	if (t == T_SIMPLE_NUM) {
		size_t st = sc->i, e;

		if (scan_simple_style(sc, open) < 0)
			return -1;
		/* ICU passes "integer" an int32_t, not our double. */
		while (st < sc->i && is_ws(sc->s[st]))
			st++;
		if (!sc->has_style) {
			sc->has_style = true;
			sc->first_style = st;
		}
		for (e = sc->i; e > st && is_ws(sc->s[e - 1]); e--)
			;
		if (e - st == 7 && same_ascii_ci(sc->s + st, "integer", 7))
			return scan_fail(sc, FMT_EARG, st);
	} else if (scan_cases(sc, depth, open, t == T_PLURAL) < 0) {
		return -1;
	}
	sc->i++;	/* the closing '}' */
push:
	if (sc->nsp == sc->capsp) {
		sc->capsp = sc->capsp ? sc->capsp * 2 : 8;
		sc->sp = xrealloc(sc->sp, sc->capsp * sizeof *sc->sp);
	}
	sc->sp[sc->nsp++] = sp;
	return 0;
}

static int
span_cmp(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	return (x->start > y->start) - (x->start < y->start);
}

/*
 * Compiles a pattern into a cache slot: the rewritten pattern is opened
 * by ICU, and an error ICU finds is mapped back to the caller's bytes.
 */
static int
msg_compile(int lang, const char *pat, size_t len, struct msg_slot *m,
	    size_t *err_off)
{
	struct scan sc = {0};
	struct buf rw = BUF_INIT;
	size_t *map = NULL, mapcap = 0, from = 0;
	struct ustr u;
	int32_t ulen, blen;
	UParseError pe;
	UErrorCode st = U_ZERO_ERROR;
	int rc = FMT_OK;

	ustr_init(&u);
	sc.s = pat;
	sc.len = len;
	scan_message(&sc, 0, false);
	if (sc.err != FMT_OK) {
		rc = sc.err;
		*err_off = sc.err_off;
		goto out;
	}
	/* An argument is recorded after those nested in it: sort. */
	if (sc.nsp > 1)
		qsort(sc.sp, sc.nsp, sizeof *sc.sp, span_cmp);
	/* Rewrites names into numbers; map[k]: pattern offset of rw[k]. */
	mapcap = len + 16 * sc.nsp + 1;
	map = xmalloc(mapcap * sizeof *map);
	for (size_t k = 0; k <= sc.nsp; k++) {
		size_t to = k < sc.nsp ? sc.sp[k].start : len;
		char num[24];
		int nlen = 0;

		for (size_t j = from; j < to; j++)
			map[rw.len + j - from] = j;
		buf_put(&rw, pat + from, to - from);
		if (k == sc.nsp)
			break;
		if (sc.sp[k].arg == ARG_N)
			nlen = snprintf(num, sizeof num, "0%s",
			    sc.sp[k].add_number ? ",number" : "");
		else
			nlen = snprintf(num, sizeof num, "%d",
			    sc.sp[k].arg + (sc.uses_n ? 1 : 0));
		for (int j = 0; j < nlen; j++)
			map[rw.len + (size_t)j] = sc.sp[k].start;
		buf_put(&rw, num, (size_t)nlen);
		from = sc.sp[k].end;
	}
	map[rw.len] = len;
	if ((rc = ustr_from_utf8(&u, buf_cstr(&rw), rw.len, &ulen)) != FMT_OK)
		goto out;
	m->mf = umsg_open(u.s, ulen, langs[lang].tag, &pe, &st);
	if (U_FAILURE(st)) {
		UErrorCode st2 = U_ZERO_ERROR;

		if (m->mf != NULL)
			umsg_close(m->mf);

		rc = st == U_DEFAULT_KEYWORD_MISSING ? FMT_EOTHER :
		    st == U_MEMORY_ALLOCATION_ERROR ? FMT_EICU : FMT_ESYNTAX;
		if (pe.offset < 0 || pe.offset > ulen)
			pe.offset = 0;
		u_strToUTF8(NULL, 0, &blen, u.s, pe.offset, &st2);
		*err_off = map[(size_t)blen <= rw.len ? (size_t)blen : rw.len];
		/* A bad number pattern or skeleton comes without position:
		 * then the first style is the likely culprit. */
		if (pe.offset == 0 && sc.has_style)
			*err_off = sc.first_style;
		m->mf = NULL;
		goto out;
	}
	m->lang = lang;
	m->pattern = xmalloc(len + 1);
	memcpy(m->pattern, pat, len);
	m->pattern[len] = '\0';
	m->len = len;
	m->uses_n = sc.uses_n;
	m->nnames = sc.nnames;
	for (int k = 0; k < sc.nnames; k++) {
		m->names[k] = xmalloc(sc.name_len[k] + 1);
		memcpy(m->names[k], pat + sc.name_off[k], sc.name_len[k]);
		m->names[k][sc.name_len[k]] = '\0';
		m->first[k] = sc.name_off[k];
	}
out:
	if (rc != FMT_OK && m->mf != NULL) {
		umsg_close(m->mf);
		m->mf = NULL;
	}
	ustr_free(&u);
	buf_free(&rw);
	free(map);
	free(sc.sp);
	return rc;
}

static struct msg_slot *
msg_lookup(int lang, const char *pat, size_t len, int *rc, size_t *err_off)
{
	struct msg_slot tmp = {0}, *m;

	for (int i = 0; i < MSG_N; i++) {
		m = &cache.msg[i];
		if (m->mf != NULL && m->lang == lang && m->len == len &&
		    memcmp(m->pattern, pat, len) == 0)
			return m;
	}
	if ((*rc = msg_compile(lang, pat, len, &tmp, err_off)) != FMT_OK)
		return NULL;
	m = &cache.msg[cache.msg_next++ % MSG_N];
	msg_slot_clear(m);
	*m = tmp;
	return m;
}

int
fmt_message(const char *lang, const char *pattern, size_t len, int64_t n,
	    const struct fmt_arg *args, size_t nargs, struct buf *out,
	    size_t *err_off)
{
	static const UChar empty[1] = {0};
	struct ustr val[FMT_MSG_ARGS], u;
	const UChar *v[FMT_MSG_ARGS];
	struct msg_slot *m;
	size_t off = 0;
	int32_t vlen, rlen = 0;
	int li = lang_index(lang), rc = FMT_OK;
	UErrorCode st;

	for (int k = 0; k < FMT_MSG_ARGS; k++) {
		ustr_init(&val[k]);
		v[k] = empty;
	}
	ustr_init(&u);
	if (li < 0) {
		rc = FMT_ELANG;
		goto out;
	}
	if (pattern == NULL || len > TEXT_MAX) {
		rc = FMT_ERANGE;
		goto out;
	}
	if ((m = msg_lookup(li, pattern, len, &rc, &off)) == NULL)
		goto out;
	for (int k = 0; k < m->nnames; k++) {
		size_t a;

		for (a = 0; a < nargs; a++)
			if (args[a].name != NULL &&
			    strcmp(args[a].name, m->names[k]) == 0)
				break;
		if (a == nargs || args[a].value == NULL) {
			rc = FMT_EARG;
			off = m->first[k];
			goto out;
		}
		rc = ustr_from_utf8(&val[k], args[a].value,
		    strlen(args[a].value), &vlen);
		if (rc != FMT_OK)
			goto out;
		val[k].s[vlen] = 0;
		v[k] = val[k].s;
	}
	/* Twice at most: the second time with the length ICU asked for. */
	for (int pass = 0; pass < 2; pass++) {
		st = U_ZERO_ERROR;
		if (m->uses_n)
			rlen = umsg_format(m->mf, u.s, u.cap, &st, (double)n,
			    v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
		else
			rlen = umsg_format(m->mf, u.s, u.cap, &st,
			    v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
		if (st != U_BUFFER_OVERFLOW_ERROR)
			break;
		ustr_reserve(&u, rlen);
	}
	if (U_FAILURE(st)) {
		rc = FMT_EICU;
		goto out;
	}
	fix_grouping(li, u.s, rlen);
	rc = put_u16(out, u.s, rlen);
out:
	if (rc != FMT_OK && err_off != NULL)
		*err_off = off;
	for (int k = 0; k < FMT_MSG_ARGS; k++)
		ustr_free(&val[k]);
	ustr_free(&u);
	return rc;
}

/* --- NFC ------------------------------------------------------------- */

int
fmt_nfc(const char *s, size_t len, struct buf *out)
{
	struct ustr in, res;
	const UNormalizer2 *nfc;
	UErrorCode st = U_ZERO_ERROR;
	int32_t ulen, n;
	size_t i;
	int rc;

	/* ASCII is always NFC: the common case costs one scan. So is any
	 * text of U+0080..U+017F (Latin-1, Latin Extended-A: œ), U+2002..
	 * U+203F (spaces, dashes, quotes, …; U+2000 and U+2001 are not
	 * NFC) and €: each has NFC_Quick_Check=Yes and combining class 0,
	 * so French text needs no trip through UTF-16 and ICU (issue 14). */
	for (i = 0; i < len;) {
		const unsigned char *u = (const unsigned char *)s + i;
		uint64_t w;

		/* ASCII eight bytes at a time. */
		if (len - i >= 8) {
			memcpy(&w, u, 8);
			if ((w & UINT64_C(0x8080808080808080)) == 0) {
				i += 8;
				continue;
			}
		}
		if (u[0] < 0x80)
			i++;
		else if (u[0] >= 0xC2 && u[0] <= 0xC5 && i + 1 < len &&
			 (u[1] & 0xC0) == 0x80)
			i += 2;
		else if (u[0] == 0xE2 && i + 2 < len && (u[2] & 0xC0) == 0x80 &&
			 ((u[1] == 0x80 && u[2] >= 0x82) ||
			  (u[1] == 0x82 && u[2] == 0xAC)))
			i += 3;
		else
			break;
	}
	if (i == len) {
		buf_put(out, s, len);
		return FMT_OK;
	}
	ustr_init(&in);
	ustr_init(&res);
	if ((rc = ustr_from_utf8(&in, s, len, &ulen)) != FMT_OK)
		goto out;
	if ((nfc = unorm2_getNFCInstance(&st)) == NULL || U_FAILURE(st)) {
		rc = FMT_EICU;
		goto out;
	}
	if (unorm2_isNormalized(nfc, in.s, ulen, &st) && U_SUCCESS(st)) {
		buf_put(out, s, len);
		goto out;
	}
	st = U_ZERO_ERROR;
	n = unorm2_normalize(nfc, in.s, ulen, res.s, res.cap, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR) {
		ustr_reserve(&res, n);
		st = U_ZERO_ERROR;
		n = unorm2_normalize(nfc, in.s, ulen, res.s, res.cap, &st);
	}
	rc = U_FAILURE(st) ? FMT_EICU : put_u16(out, res.s, n);
out:
	ustr_free(&in);
	ustr_free(&res);
	return rc;
}

/* --- typography: French, German ------------------------------------ */

struct typo {
	const char *s;
	size_t len, i;
	enum typo_kind kind;
	struct buf *out;
	size_t line_out;	/* out->len where the current line began */
	size_t link_end;	/* out->len just after a URL or address */
	bool hit_end;	/* a look-ahead met len undecided: more input
			 * could decide otherwise */
};

static bool
is_alnum(char c)
{
	return is_alpha(c) || is_digit(c);
}

/* Length of a no-break or plain space ending out at end, or 0. */
static size_t
trailing_space(const struct buf *b, size_t from, size_t end)
{
	if (end >= from + 1 && b->s[end - 1] == ' ')
		return 1;
	if (end >= from + 2 && memcmp(b->s + end - 2, NBSP, 2) == 0)
		return 2;
	if (end >= from + 3 && memcmp(b->s + end - 3, NNBSP, 3) == 0)
		return 3;
	return 0;
}

/*
 * Whether the character ending out at end may carry a space before
 * punctuation: not the line start, not a space, not an opening bracket
 * or a table pipe (where the punctuation stands alone).
 */
static bool
word_before(const struct typo *t, size_t end)
{
	const struct buf *b = t->out;
	char c;

	if (end <= t->line_out)
		return false;
	if (trailing_space(b, t->line_out, end) > 0)
		return false;
	if (end >= t->line_out + 2 && memcmp(b->s + end - 2, "\xc2\xab", 2) == 0)
		return false;	/* « */
	c = b->s[end - 1];
	return strchr(" \t|([{</\\", c) == NULL;
}

/*
 * Puts the no-break space sp before what comes next: replaces a space
 * already there, or inserts one after a word. Returns false when the
 * place is not one for a space (line start, after a URL).
 */
static bool
space_before(struct typo *t, const char *sp)
{
	struct buf *b = t->out;
	size_t n = trailing_space(b, t->line_out, b->len);

	if (b->len - n == t->link_end || !word_before(t, b->len - n))
		return false;
	buf_truncate(b, b->len - n);
	buf_puts(b, sp);
	return true;
}

/* Length of a URL starting at i (scheme://, mailto:, www.), or 0. */
static size_t
url_at(const struct typo *t, size_t i)
{
	const char *s = t->s;
	size_t j = i, end;

	if (i > 0 && (is_alnum(s[i - 1]) || s[i - 1] == '@'))
		return 0;
	if (t->len - i >= 4 && memcmp(s + i, "www.", 4) == 0) {
		j = i + 4;
	} else if (t->len - i >= 7 && memcmp(s + i, "mailto:", 7) == 0) {
		j = i + 7;
	} else {
		while (j < t->len && (is_alnum(s[j]) || s[j] == '+' ||
		    s[j] == '.' || s[j] == '-'))
			j++;
		if (j == i || !is_alpha(s[i]) || t->len - j < 3 ||
		    memcmp(s + j, "://", 3) != 0)
			return 0;
		j += 3;
	}
	for (end = j; end < t->len; end++) {
		unsigned char c = (unsigned char)s[end];

		if (c <= ' ' || c == '<' || c == '>')
			break;
	}
	return end - i;
}

static bool
is_email_local(char c)
{
	return is_alnum(c) || (c != '\0' && strchr("._%+-", c) != NULL);
}

/* Length of an e-mail address starting at i, or 0. */
static size_t
email_at(const struct typo *t, size_t i)
{
	const char *s = t->s;
	size_t j = i, at, dot = 0;

	if (i > 0 && is_email_local(s[i - 1]))
		return 0;
	while (j < t->len && is_email_local(s[j]))
		j++;
	if (j == i || j >= t->len || s[j] != '@')
		return 0;
	at = j++;
	while (j < t->len && (is_alnum(s[j]) || s[j] == '-' || s[j] == '.')) {
		if (s[j] == '.' && j + 1 < t->len && is_alpha(s[j + 1]))
			dot = j;
		j++;
	}
	if (dot == 0 || dot <= at + 1)
		return 0;
	/* A final dot ends the sentence, not the address. */
	while (s[j - 1] == '.' || s[j - 1] == '-')
		j--;
	return j - i;
}

/* Length of a code span opened by the backticks at i, or 0. */
static size_t
code_span_at(struct typo *t, size_t i)
{
	const char *s = t->s;
	size_t run = 0, j;

	while (i + run < t->len && s[i + run] == '`')
		run++;
	for (j = i + run; j < t->len; j++) {
		if (s[j] == '\n') {
			size_t k = j + 1;

			while (k < t->len && (s[k] == ' ' || s[k] == '\t'))
				k++;
			if (k >= t->len) {
				t->hit_end = true;
				return 0;
			}
			if (s[k] == '\n')
				return 0;	/* a blank line ends the paragraph */
		} else if (s[j] == '`') {
			size_t r = 0;

			while (j + r < t->len && s[j + r] == '`')
				r++;
			if (r == run)
				return j + r - i;
			j += r - 1;
		}
	}
	t->hit_end = true;
	return 0;
}

/* Length of an autolink, HTML tag or comment at the '<' at i, or 0. */
static size_t
tag_at(struct typo *t, size_t i)
{
	const char *s = t->s;
	size_t j;

	if (t->len - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
		for (j = i + 4; j + 3 <= t->len; j++)
			if (memcmp(s + j, "-->", 3) == 0)
				return j + 3 - i;
		t->hit_end = true;
		return 0;
	}
	if (i + 1 >= t->len ||
	    !(is_alpha(s[i + 1]) || s[i + 1] == '/' || s[i + 1] == '!'))
		return 0;
	for (j = i + 1; j < t->len && s[j] != '\n' && s[j] != '<'; j++)
		if (s[j] == '>')
			return j + 1 - i;
	return 0;
}

/* Length of an entity such as &amp; or &#160; at i, or 0. */
static size_t
entity_at(const struct typo *t, size_t i)
{
	size_t j = i + 1;

	if (j < t->len && t->s[j] == '#')
		j++;
	while (j < t->len && j - i < 34 && is_alnum(t->s[j]))
		j++;
	if (j < t->len && t->s[j] == ';' && j > i + 1 && is_alnum(t->s[j - 1]))
		return j + 1 - i;
	return 0;
}

/* Length of a link destination "(...)" after "]" at i, or 0. */
static size_t
link_dest_at(const struct typo *t, size_t i)
{
	int depth = 0;

	for (size_t j = i; j < t->len && t->s[j] != '\n'; j++) {
		if (t->s[j] == '\\' && j + 1 < t->len)
			j++;
		else if (t->s[j] == '(')
			depth++;
		else if (t->s[j] == ')' && --depth == 0)
			return j + 1 - i;
	}
	return 0;
}

static size_t
line_end(const struct typo *t, size_t i)
{
	const char *nl = memchr(t->s + i, '\n', t->len - i);

	return nl ? (size_t)(nl - t->s) : t->len;
}

/* A fence ``` or ~~~ (3 or more) after up to 3 spaces: its length. */
static size_t
fence_at(const struct typo *t, size_t i, char *ch)
{
	size_t j = i, n = 0;

	while (j < t->len && j - i < 3 && t->s[j] == ' ')
		j++;
	if (j >= t->len || (t->s[j] != '`' && t->s[j] != '~'))
		return 0;
	*ch = t->s[j];
	while (j + n < t->len && t->s[j + n] == *ch)
		n++;
	return n >= 3 ? n : 0;
}

/* |:---|---:| and the like, or "[label]: destination". */
static bool
verbatim_line(const struct typo *t, size_t i, size_t e)
{
	bool dash = false, other = false;
	size_t j = i;

	for (size_t k = i; k < e; k++) {
		char c = t->s[k];

		if (c == '-')
			dash = true;
		else if (c != '|' && c != ':' && c != ' ' && c != '\t')
			other = true;
	}
	if (dash && !other)
		return true;
	while (j < e && j - i < 3 && t->s[j] == ' ')
		j++;
	if (j < e && t->s[j] == '[') {
		for (; j < e; j++) {
			if (t->s[j] == '\\')
				j++;
			else if (t->s[j] == ']')
				return j + 1 < e && t->s[j + 1] == ':';
		}
	}
	return false;
}

static bool
blank(const struct typo *t, size_t i, size_t e)
{
	for (; i < e; i++)
		if (t->s[i] != ' ' && t->s[i] != '\t' && t->s[i] != '\r')
			return false;
	return true;
}

static void
copy(struct typo *t, size_t n)
{
	buf_put(t->out, t->s + t->i, n);
	t->i += n;
}

/* ; : ! ? at i (p is the mark itself, i may be its backslash). */
static void
punct(struct typo *t, size_t p)
{
	const char *s = t->s;
	char c = s[p], before = t->i > 0 ? s[t->i - 1] : '\0';
	char after = p + 1 < t->len ? s[p + 1] : '\0';
	bool plain = true;

	/* 08:30, a?b, foo::bar, :-), ![image], [ref]:, C:\, x://, ?! */
	if (is_alnum(before) && is_alnum(after))
		plain = false;
	else if (c == ':' && (after == ':' || before == ':' || after == '-' ||
	    before == '-' || before == ']' || after == '/' || after == '\\'))
		plain = false;
	else if (c == '!' && after == '[')
		plain = false;
	else if (before != '\0' && strchr(";:!?", before) != NULL)
		plain = false;
	if (plain)
		space_before(t, c == ':' ? NBSP : NNBSP);
	copy(t, p + 1 - t->i);
}

/* « : a no-break space after it, replacing a space or inserted. */
static void
open_quote(struct typo *t)
{
	copy(t, 2);
	if (t->i >= t->len || t->s[t->i] == '\n' || t->s[t->i] == '\r')
		return;
	if (t->s[t->i] == ' ')
		t->i += 1;
	else if (t->len - t->i >= 2 && memcmp(t->s + t->i, NBSP, 2) == 0)
		t->i += 2;
	else if (t->len - t->i >= 3 && memcmp(t->s + t->i, NNBSP, 3) == 0)
		t->i += 3;
	buf_puts(t->out, NBSP);
}

/* Inline text of one line, [t->i, e). */
/* Length of a space (plain or no-break) at i, or 0. */
static size_t
space_at(const struct typo *t, size_t i, size_t e)
{
	if (i < e && t->s[i] == ' ')
		return 1;
	if (i + 2 <= e && memcmp(t->s + i, NBSP, 2) == 0)
		return 2;
	return 0;
}

static size_t
digits_at(const struct typo *t, size_t i, size_t e)
{
	size_t n = 0;

	while (i + n < e && is_digit(t->s[i + n]))
		n++;
	return n;
}

/*
 * A citation at i, "art. 33", "art. 33, § 3" or "art. 33, § 3, b)", or
 * "§ 3" alone, written with no-break spaces so that it never breaks
 * across lines. Returns the input length used, 0 when there is none.
 */
static size_t
citation(struct typo *t, size_t i, size_t e)
{
	struct buf *b = t->out;
	size_t j = i, n, sp, start = b->len;

	if (j + 4 <= e && memcmp(t->s + j, "art.", 4) == 0 &&
	    (j == 0 || !is_alnum(t->s[j - 1]))) {
		if ((sp = space_at(t, j + 4, e)) == 0 ||
		    (n = digits_at(t, j + 4 + sp, e)) == 0)
			return 0;
		buf_puts(b, "art." NBSP);
		buf_put(b, t->s + j + 4 + sp, n);
		j += 4 + sp + n;
		/* ", § 3" follows? */
		if (j < e && t->s[j] == ',' && (sp = space_at(t, j + 1, e)) &&
		    j + 1 + sp + 2 <= e &&
		    memcmp(t->s + j + 1 + sp, "\xc2\xa7", 2) == 0) {
			buf_puts(b, "," NBSP);
			j += 1 + sp;
		} else {
			return j - i;
		}
	}
	if (j + 2 > e || memcmp(t->s + j, "\xc2\xa7", 2) != 0 ||
	    (sp = space_at(t, j + 2, e)) == 0 ||
	    (n = digits_at(t, j + 2 + sp, e)) == 0) {
		buf_truncate(b, start);
		return 0;
	}
	buf_puts(b, "\xc2\xa7" NBSP);
	buf_put(b, t->s + j + 2 + sp, n);
	j += 2 + sp + n;
	/* ", b)": a point of the paragraph. */
	if (j < e && t->s[j] == ',' && (sp = space_at(t, j + 1, e)) &&
	    j + 1 + sp + 2 <= e && is_alpha(t->s[j + 1 + sp]) &&
	    t->s[j + 2 + sp] == ')') {
		buf_puts(b, "," NBSP);
		buf_put(b, t->s + j + 1 + sp, 2);
		j += 1 + sp + 2;
	}
	return j - i;
}

/* Length of the word w at i, followed by a space and a digit or a
 * letter (what Abs. and lit. take), or 0. */
static size_t
de_part(const struct typo *t, size_t i, size_t e, const char *w,
	size_t *sp)
{
	size_t n = strlen(w);

	if (i + n > e || memcmp(t->s + i, w, n) != 0 ||
	    (*sp = space_at(t, i + n, e)) == 0 || i + n + *sp >= e ||
	    !is_alnum(t->s[i + n + *sp]))
		return 0;
	return n;
}

/*
 * A German citation at i, "Art. 33 Abs. 3 lit. b DSGVO", "§ 51 BlnDSG":
 * no-break spaces throughout, so that it never breaks across lines (the
 * law's name too, when an upper-case word follows). Returns the input
 * length used, 0 when there is none.
 */
static size_t
citation_de(struct typo *t, size_t i, size_t e)
{
	static const char *const parts[] = {"Abs.", "UAbs.", "Satz", "lit.",
					    "Nr.", NULL};
	struct buf *b = t->out;
	size_t j = i, n, sp;

	if (i > 0 && is_alnum(t->s[i - 1]))
		return 0;
	if ((n = de_part(t, j, e, "Art.", &sp)) == 0 &&
	    (n = de_part(t, j, e, "\xc2\xa7", &sp)) == 0)
		return 0;
	if (digits_at(t, j + n + sp, e) == 0)
		return 0;
	buf_put(b, t->s + j, n);
	buf_puts(b, NBSP);
	j += n + sp;
	n = digits_at(t, j, e);
	buf_put(b, t->s + j, n);
	j += n;
	for (;;) {
		size_t k, m = 0;

		if ((sp = space_at(t, j, e)) == 0)
			break;
		for (k = 0; parts[k] && (m = de_part(t, j + sp, e, parts[k],
		    &n)) == 0; k++)
			;
		if (parts[k] != NULL) {
			size_t v = j + sp + m + n, w = 0;

			while (v + w < e && is_alnum(t->s[v + w]) && w < 4)
				w++;
			if (v + w < e && is_alnum(t->s[v + w]))
				break;
			buf_puts(b, NBSP);
			buf_put(b, t->s + j + sp, m);
			buf_puts(b, NBSP);
			buf_put(b, t->s + v, w);
			j = v + w;
			continue;
		}
		/* The law's name: DSGVO, BDSG, BlnDSG. */
		for (k = j + sp; k < e && is_alpha(t->s[k]); k++)
			;
		if (k - (j + sp) >= 3 && t->s[j + sp] >= 'A' &&
		    t->s[j + sp] <= 'Z' && t->s[k - 1] >= 'A' &&
		    t->s[k - 1] <= 'Z' && (k == e || !is_alnum(t->s[k]))) {
			buf_puts(b, NBSP);
			buf_put(b, t->s + j + sp, k - (j + sp));
			j = k;
		}
		break;
	}
	return j - i;
}

/* A straight double quote: „ after a space, a bracket or the line start,
 * “ after anything else. */
static void
quote_de(struct typo *t)
{
	const struct buf *b = t->out;
	bool open = b->len == t->line_out ||
		trailing_space(b, t->line_out, b->len) > 0 ||
		strchr("([/\t", b->s[b->len - 1]) != NULL ||
		(b->len - t->line_out >= 3 &&
		 memcmp(b->s + b->len - 3, "\xe2\x80\x94", 3) == 0);

	buf_puts(t->out, open ? "\xe2\x80\x9e" : "\xe2\x80\x9c");
	t->i++;
}

static void
typo_inline(struct typo *t, size_t e)
{
	const char *s = t->s;
	size_t n;

	while (t->i < e) {
		char c = s[t->i];

		if (c == '\\' && t->i + 1 < e && strchr(";:!?", s[t->i + 1])) {
			punct(t, t->i + 1);
		} else if (c == '\\' && t->i + 1 < e) {
			copy(t, 2);
		} else if (c == '`') {
			size_t run = 0;

			if ((n = code_span_at(t, t->i)) > 0) {
				copy(t, n);
				continue;
			}
			while (t->i + run < e && s[t->i + run] == '`')
				run++;
			copy(t, run);
		} else if (c == '<' && (n = tag_at(t, t->i)) > 0) {
			copy(t, n);
		} else if (c == '&' && (n = entity_at(t, t->i)) > 0) {
			copy(t, n);
		} else if (c == ']' && t->i + 1 < e && s[t->i + 1] == '(' &&
		    (n = link_dest_at(t, t->i + 1)) > 0) {
			copy(t, n + 1);
		} else if (is_alnum(c) && (n = url_at(t, t->i)) > 0) {
			/* GFM autolinks run to the next ASCII space: a
			 * no-break space after one would join the link. */
			copy(t, n);
			t->link_end = t->out->len;
		} else if (is_alnum(c) && (n = email_at(t, t->i)) > 0) {
			copy(t, n);
		} else if (t->kind == TYPO_DE) {
			if ((c == 'A' || c == '\xc2') &&
			    (n = citation_de(t, t->i, e)) > 0)
				t->i += n;
			else if (c == '"')
				quote_de(t);
			else
				copy(t, 1);
		} else if ((c == 'a' || c == '\xc2') &&
		    (n = citation(t, t->i, e)) > 0) {
			t->i += n;
		} else if (c == ';' || c == ':' || c == '!' || c == '?') {
			punct(t, t->i);
		} else if (e - t->i >= 2 && memcmp(s + t->i, "\xc2\xab", 2) == 0) {
			open_quote(t);
		} else if (e - t->i >= 2 && memcmp(s + t->i, "\xc2\xbb", 2) == 0) {
			space_before(t, NBSP);
			copy(t, 2);
		} else {
			copy(t, 1);
		}
	}
}

/* What the pass carries from one line to the next. */
struct typo_state {
	size_t fence;		/* in a fenced block opened this long */
	char fch;		/* its character */
	bool prev_blank, in_code;
};

/* The lines of t->s from t->i to t->len, from state st (updated). */
static void
typo_lines(struct typo *t, struct typo_state *st)
{
	const char *s = t->s;
	struct buf *out = t->out;
	size_t n;
	char ch;

	while (t->i < t->len) {
		size_t e = line_end(t, t->i);
		bool is_blank = blank(t, t->i, e);

		t->line_out = out->len;
		t->link_end = (size_t)-1;
		if (st->fence > 0) {
			/* Inside a fenced block until a fence as long. */
			if ((n = fence_at(t, t->i, &ch)) >= st->fence &&
			    ch == st->fch)
				st->fence = 0;
			copy(t, e - t->i);
		} else if ((st->fence = fence_at(t, t->i, &st->fch)) > 0) {
			copy(t, e - t->i);
		} else if (!is_blank && (s[t->i] == '\t' ||
		    (e - t->i >= 4 && memcmp(s + t->i, "    ", 4) == 0)) &&
		    (st->prev_blank || st->in_code)) {
			/* An indented code block (or a list's own paragraph,
			 * which then stays as written). */
			st->in_code = true;
			copy(t, e - t->i);
		} else if (verbatim_line(t, t->i, e)) {
			copy(t, e - t->i);
		} else {
			if (!is_blank)
				st->in_code = false;
			/* Block quote markers are not words to space from. */
			while (t->i < e && (s[t->i] == '>' || s[t->i] == ' '))
				copy(t, 1);
			t->line_out = out->len;
			typo_inline(t, e);
		}
		st->prev_blank = is_blank;
		/* A code span or comment may have run past the newline. */
		if (t->i < t->len && s[t->i] == '\n')
			copy(t, 1);
	}
}

static int
typo(enum typo_kind kind, const char *s, size_t len, struct buf *out)
{
	struct typo t = {s, len, 0, kind, out, 0, (size_t)-1, false};
	struct typo_state st = {0, 0, true, false};

	typo_lines(&t, &st);
	return FMT_OK;
}

int
fmt_typo_fr(const char *s, size_t len, struct buf *out)
{
	return typo(TYPO_FR, s, len, out);
}

int
fmt_typo_de(const char *s, size_t len, struct buf *out)
{
	return typo(TYPO_DE, s, len, out);
}

int
fmt_typo(const char *lang, const char *s, size_t len, struct buf *out)
{
	int li = lang_index(lang);

	if (li < 0)
		return FMT_ELANG;
	if (langs[li].rules->typo == TYPO_NONE) {
		buf_put(out, s, len);
		return FMT_OK;
	}
	return typo(langs[li].rules->typo, s, len, out);
}

/*
 * The stream cuts its input only after a newline, and keeps that
 * newline as the one byte before the next chunk (what the pass reads
 * behind a line start). A chunk gives the bytes the whole would when
 * the state is carried and no look-ahead ran into the cut (hit_end):
 * every other look-ahead stops at the newline the chunk ends with.
 * When one did, the output is dropped and the chunk waits for more
 * input, twice as much before the next try, so that a backtick never
 * closed costs linear time, not quadratic.
 */
struct fmt_typo_stream {
	enum typo_kind kind;
	struct typo_state st;
	struct buf in;		/* in.s[0, base): the byte before */
	size_t base, tried;
};

struct fmt_typo_stream *
fmt_typo_stream_new(const char *lang)
{
	struct fmt_typo_stream *ts;
	int li = lang_index(lang);

	if (li < 0)
		return NULL;
	ts = xmalloc(sizeof *ts);
	memset(ts, 0, sizeof *ts);
	ts->kind = langs[li].rules->typo;
	ts->st.prev_blank = true;
	return ts;
}

/* Runs the pass over in[base, end); false (nothing kept) when a
 * look-ahead needed what comes after end. */
static bool
typo_chunk(struct fmt_typo_stream *ts, size_t end, bool last,
	   struct buf *out)
{
	struct typo t = {ts->in.s, end, ts->base, ts->kind, out, 0,
			 (size_t)-1, false};
	struct typo_state st = ts->st;
	size_t mark = out->len;

	typo_lines(&t, &st);
	if (t.hit_end && !last) {
		buf_truncate(out, mark);
		return false;
	}
	ts->st = st;
	/* Keep the newline before the rest, and the rest. */
	memmove(ts->in.s, ts->in.s + end - 1, ts->in.len - end + 1);
	buf_truncate(&ts->in, ts->in.len - end + 1);
	ts->base = 1;
	ts->tried = 0;
	return true;
}

int
fmt_typo_stream_put(struct fmt_typo_stream *ts, const char *s, size_t len,
		    struct buf *out)
{
	size_t end;

	if (ts->kind == TYPO_NONE) {
		buf_put(out, s, len);
		return FMT_OK;
	}
	buf_put(&ts->in, s, len);
	/* The last newline: of what came now, the rest has none. */
	for (end = ts->in.len; end > ts->in.len - len && end > ts->base &&
	    ts->in.s[end - 1] != '\n'; end--)
		;
	if (end <= ts->in.len - len || end <= ts->base)
		return FMT_OK;
	if (end - ts->base >= 2 * ts->tried && !typo_chunk(ts, end, false,
	    out))
		ts->tried = end - ts->base;
	return FMT_OK;
}

int
fmt_typo_stream_end(struct fmt_typo_stream *ts, struct buf *out)
{
	if (ts->kind != TYPO_NONE && ts->in.len > ts->base)
		typo_chunk(ts, ts->in.len, true, out);
	return FMT_OK;
}

void
fmt_typo_stream_free(struct fmt_typo_stream *ts)
{
	if (ts == NULL)
		return;
	buf_free(&ts->in);
	free(ts);
}

const char *
fmt_error_text(int e)
{
	switch (e) {
	case FMT_OK:
		return "no error";
	case FMT_ELANG:
		return "not a language ICU knows; write an ISO 639 code such as "
		    "fr, en or de";
	case FMT_EZONE:
		return "unknown time zone; write an IANA zone name such as "
		    "Europe/Paris";
	case FMT_ERANGE:
		return "value out of range";
	case FMT_EUTF8:
		return "text is not valid UTF-8";
	case FMT_ESYNTAX:
		return "message pattern syntax error";
	case FMT_EARG:
		return "message uses an argument that is not given or not of "
		    "that type; use {n} for the count and {name} for text";
	case FMT_EOTHER:
		return "plural or select needs an \"other\" case";
	case FMT_EICU:
		return "ICU formatting failed";
	}
	return "unknown error";
}

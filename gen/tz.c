/*
 * tz.c - IANA time zones through ICU's calendar (ucal).
 */
#include <string.h>

#include <unicode/ucal.h>
#include <unicode/ustring.h>

#include "datetime.h"
#include "tz.h"

/* 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z. */
#define EPOCH_MIN TZ_EPOCH_MIN
#define EPOCH_MAX TZ_EPOCH_MAX

/* Longer than any IANA id (the longest has 32 characters). */
#define ZONE_MAX 64
#define CACHE_N 8

struct cal_slot {
	char zone[ZONE_MAX];
	UCalendar *cal;
};

/* Per thread, so that the cache needs no lock. */
static _Thread_local struct cal_slot cache[CACHE_N];
static _Thread_local unsigned cache_next;

/* Copies an ASCII zone id to UTF-16; false when it cannot be one. */
static bool
zone_u16(const char *zone, UChar *u, int32_t *ulen)
{
	size_t n;

	if (zone == NULL || (n = strlen(zone)) == 0 || n >= ZONE_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)zone[i];

		if (c <= ' ' || c >= 0x7f)
			return false;
		u[i] = c;
	}
	*ulen = (int32_t)n;
	return true;
}

static bool
valid_u16(const UChar *u, int32_t ulen)
{
	UChar canon[ZONE_MAX];
	UBool sys = false;
	UErrorCode st = U_ZERO_ERROR;

	ucal_getCanonicalTimeZoneID(u, ulen, canon, ZONE_MAX, &sys, &st);
	return U_SUCCESS(st) && sys;
}

bool
tz_valid(const char *zone)
{
	UChar u[ZONE_MAX];
	int32_t ulen;

	return zone_u16(zone, u, &ulen) && valid_u16(u, ulen);
}

/* The cached calendar of a zone, opened on first use. */
static int
calendar(const char *zone, UCalendar **out)
{
	UChar u[ZONE_MAX];
	int32_t ulen;
	UErrorCode st = U_ZERO_ERROR;
	UCalendar *cal = NULL;
	struct cal_slot *slot;
	int rc = TZ_OK;

	if (zone == NULL) {
		rc = TZ_EZONE;
		goto out;
	}
	for (unsigned i = 0; i < CACHE_N; i++)
		if (cache[i].cal != NULL && strcmp(cache[i].zone, zone) == 0) {
			*out = cache[i].cal;
			goto out;
		}
	/* ICU falls back to GMT on an unknown id: check it first. */
	if (!zone_u16(zone, u, &ulen) || !valid_u16(u, ulen)) {
		rc = TZ_EZONE;
		goto out;
	}
	cal = ucal_open(u, ulen, "und", UCAL_GREGORIAN, &st);
	if (U_FAILURE(st))
		goto icu;
	/* Proleptic Gregorian, like datetime.c, for years before 1582. */
	ucal_setGregorianChange(cal, -8.64e15, &st);
	if (U_FAILURE(st))
		goto icu;
	ucal_setAttribute(cal, UCAL_LENIENT, 1);
	ucal_setAttribute(cal, UCAL_REPEATED_WALL_TIME, UCAL_WALLTIME_FIRST);
	ucal_setAttribute(cal, UCAL_SKIPPED_WALL_TIME, UCAL_WALLTIME_LAST);
	slot = &cache[cache_next++ % CACHE_N];
	if (slot->cal != NULL)
		ucal_close(slot->cal);
	memcpy(slot->zone, zone, (size_t)ulen + 1);
	slot->cal = cal;
	*out = cal;
	cal = NULL;
	goto out;
icu:
	rc = TZ_EICU;
out:
	if (cal != NULL)
		ucal_close(cal);
	return rc;
}

int
tz_local(int64_t epoch, const char *zone, struct tz_local *out)
{
	UCalendar *cal;
	UErrorCode st = U_ZERO_ERROR;
	int rc;

	if ((rc = calendar(zone, &cal)) != TZ_OK)
		goto out;
	if (epoch < EPOCH_MIN || epoch > EPOCH_MAX) {
		rc = TZ_ERANGE;
		goto out;
	}
	if (out == NULL)
		goto out;
	ucal_setMillis(cal, (UDate)epoch * 1000.0, &st);
	out->year = ucal_get(cal, UCAL_EXTENDED_YEAR, &st);
	out->month = ucal_get(cal, UCAL_MONTH, &st) + 1;
	out->day = ucal_get(cal, UCAL_DATE, &st);
	out->hour = ucal_get(cal, UCAL_HOUR_OF_DAY, &st);
	out->minute = ucal_get(cal, UCAL_MINUTE, &st);
	out->second = ucal_get(cal, UCAL_SECOND, &st);
	out->offset_min = (ucal_get(cal, UCAL_ZONE_OFFSET, &st) +
	    ucal_get(cal, UCAL_DST_OFFSET, &st)) / 60000;
	out->wday = ucal_get(cal, UCAL_DAY_OF_WEEK, &st) - UCAL_SUNDAY;
	if (U_FAILURE(st))
		rc = TZ_EICU;
out:
	return rc;
}

int
tz_offset_at(const char *zone, int64_t epoch, int *offset_min)
{
	struct tz_local l;
	int rc;

	if ((rc = tz_local(epoch, zone, &l)) == TZ_OK)
		*offset_min = l.offset_min;
	return rc;
}

int
tz_from_local(const char *zone, const struct tz_local *w, int64_t *epoch)
{
	UCalendar *cal;
	UErrorCode st = U_ZERO_ERROR;
	UDate ms;
	int rc;

	if ((rc = calendar(zone, &cal)) != TZ_OK)
		goto out;
	/* ICU is lenient (Feb 30 would become Mar 2): check first. */
	if (w->year < 1 || w->year > 9999 || w->month < 1 || w->month > 12 ||
	    w->day < 1 ||
	    (unsigned)w->day > dt_days_in_month(w->year, (unsigned)w->month) ||
	    w->hour < 0 || w->hour > 23 || w->minute < 0 || w->minute > 59 ||
	    w->second < 0 || w->second > 59) {
		rc = TZ_ERANGE;
		goto out;
	}
	ucal_clear(cal);
	ucal_setDateTime(cal, w->year, w->month - 1, w->day, w->hour,
	    w->minute, w->second, &st);
	ms = ucal_getMillis(cal, &st);
	if (U_FAILURE(st)) {
		rc = TZ_EICU;
		goto out;
	}
	*epoch = (int64_t)(ms / 1000.0);
out:
	return rc;
}

const char *
tz_error_text(int e)
{
	switch (e) {
	case TZ_OK:
		return "no error";
	case TZ_EZONE:
		return "unknown time zone; write an IANA zone name such as "
		    "Europe/Paris";
	case TZ_ERANGE:
		return "date outside the years 0001 to 9999";
	case TZ_EICU:
		return "ICU time zone data failed";
	}
	return "unknown error";
}

void
tz_cleanup(void)
{
	for (unsigned i = 0; i < CACHE_N; i++) {
		if (cache[i].cal != NULL)
			ucal_close(cache[i].cal);
		cache[i].cal = NULL;
		cache[i].zone[0] = '\0';
	}
	cache_next = 0;
}

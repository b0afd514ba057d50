/*
 * tz.h - IANA time zones through ICU's calendar (ucal).
 *
 * Zones are always named by the caller ("Europe/Paris"): neither TZ nor
 * ICU's default zone is ever consulted. Calendars are proleptic Gregorian,
 * like datetime.h, and instants lie in years 0001..9999.
 *
 * Opened calendars are cached per thread (a batch formats many dates in
 * the same few zones); tz_cleanup() closes the calling thread's cache.
 */
#ifndef BREACHGEN_TZ_H
#define BREACHGEN_TZ_H

#include <stdbool.h>
#include <stdint.h>

/* The instants that can be read in a zone: 0001-01-01T00:00:00Z to
 * 9999-12-31T23:59:59Z. */
#define TZ_EPOCH_MIN INT64_C(-62135596800)
#define TZ_EPOCH_MAX INT64_C(253402300799)

enum tz_error {
	TZ_OK = 0,
	TZ_EZONE,	/* not an IANA zone id ICU knows ("Europe/Paris") */
	TZ_ERANGE,	/* instant or wall-clock reading outside 0001..9999 */
	TZ_EICU		/* ICU failed (missing data, out of memory) */
};

/* A wall-clock reading in a zone. */
struct tz_local {
	int year, month, day;		/* month and day 1-based */
	int hour, minute, second;
	int offset_min;			/* raw + daylight saving, east positive;
					 * offsets with seconds (LMT) truncated */
	int wday;			/* 0 = Sunday ... 6 = Saturday */
};

/*
 * True when zone_id is a zone of ICU's database, canonical or an alias
 * ("UTC", "Europe/Kiev"). Custom ids such as "GMT+01:00", "Etc/Unknown",
 * abbreviations ("CET" is a zone, "CEST" is not) and wrong case are refused.
 */
bool tz_valid(const char *zone_id);

/* Total offset (raw + DST) of the zone at that instant, in minutes. */
int tz_offset_at(const char *zone_id, int64_t epoch_sec, int *offset_min);

/* The wall-clock reading of that instant in the zone; with out NULL,
 * only whether the zone and the instant are valid. */
int tz_local(int64_t epoch_sec, const char *zone_id, struct tz_local *out);

/*
 * The instant at which the zone's clocks read wall (its offset_min and
 * wday are ignored). On the night clocks go forward, a skipped reading
 * such as 02:30 counts with the offset in force before the change (so it
 * means 03:30 after it); on the night clocks go back, a reading that
 * occurs twice means the first one. A day that does not exist in its
 * month (Feb 30) is TZ_ERANGE.
 */
int tz_from_local(const char *zone_id, const struct tz_local *wall,
		  int64_t *epoch_sec);

const char *tz_error_text(int e);

/* Closes the calendars cached by the calling thread. */
void tz_cleanup(void);

#endif

/*
 * datetime.h - ISO 8601 / RFC 3339 date-times as a DPO writes them in YAML.
 *
 * Pure C arithmetic on the proleptic Gregorian calendar: no time.h, no TZ,
 * no locale. Accepted forms (T or t or one space between date and time;
 * seconds optional; Z or z or an offset, optionally after spaces):
 *
 *	2025-12-14T08:30:00+01:00	2025-12-14T07:30:00Z
 *	2025-12-14T08:30+01:00		2025-12-14 08:30:00+01:00
 *	2025-12-14T08:30:00.250Z	(fraction accepted, dropped: the
 *					 72-hour clock counts in seconds)
 *	2025-12-14			(a date alone: date_only)
 *
 * Offsets may be written +01:00, +0100 or +01, up to +/-18:00; -00:00
 * counts as UTC. A leap second (:60) and hour 24 are refused.
 */
#ifndef BREACHGEN_DATETIME_H
#define BREACHGEN_DATETIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* An instant, or a calendar date when date_only. */
struct dt {
	int64_t epoch_sec;	/* seconds since 1970-01-01T00:00:00Z; for a
				 * date alone or a date-time without offset,
				 * the wall-clock reading taken as UTC */
	int offset_min;		/* offset written in the text, east positive */
	bool has_offset;
	bool date_only;
};

enum dt_error {
	DT_OK = 0,
	DT_ESYNTAX,	/* not a date nor a date-time */
	DT_ENOOFFSET,	/* date-time without a UTC offset; *out still filled */
	DT_EMONTH,	/* month not in 01..12 */
	DT_EDAY,	/* day beyond the month's length (Feb 30, Apr 31) */
	DT_EHOUR,	/* hour not in 00..23 */
	DT_EMINUTE,	/* minute not in 00..59 */
	DT_ESECOND,	/* second not in 00..59 */
	DT_EOFFSET,	/* offset beyond +/-18:00 or its minutes beyond 59 */
	DT_ETRAILING	/* something after a complete date-time */
};

/* Longest text dt_format_* writes, with its NUL. */
#define DT_FMT_MAX 40

/*
 * Parses s[0..len). On error, *err_off (if not NULL) is the byte offset
 * of the bad part: the month for DT_EMONTH, the end of the text where the
 * offset is missing for DT_ENOOFFSET, and so on.
 */
enum dt_error dt_parse(const char *s, size_t len, struct dt *out,
		       size_t *err_off);
/* A short English description of the error, without position. */
const char *dt_error_text(enum dt_error e);

/* "2025-12-17T08:30:00Z" into buf[DT_FMT_MAX]; returns buf. */
char *dt_format_utc(int64_t epoch_sec, char *buf);
/* "2025-12-17T09:30:00+01:00" (the instant as read at that offset). */
char *dt_format_offset(int64_t epoch_sec, int offset_min, char *buf);
/* "2025-12-17" (the date of a date_only value, or of epoch in UTC). */
char *dt_format_date(int64_t epoch_sec, char *buf);

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
int64_t dt_days_from_civil(int64_t y, unsigned m, unsigned d);
void dt_civil_from_days(int64_t days, int64_t *y, unsigned *m, unsigned *d);
bool dt_is_leap(int64_t y);
unsigned dt_days_in_month(int64_t y, unsigned m);
/* 0 = Sunday ... 6 = Saturday. */
unsigned dt_weekday(int64_t days);

/* Seconds since the epoch of a UTC wall-clock reading. */
int64_t dt_epoch(int64_t y, unsigned m, unsigned d, unsigned hh,
		 unsigned mm, unsigned ss);

#endif

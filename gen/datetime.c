/*
 * datetime.c - ISO 8601 / RFC 3339 parsing and day arithmetic.
 *
 * Deliberately free of time.h: mktime and localtime read TZ, and the
 * 72-hour clock must not depend on the machine that runs the generator.
 */
#include <stdio.h>

#include "datetime.h"

#define DAY_SEC INT64_C(86400)

bool
dt_is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned
dt_days_in_month(int64_t y, unsigned m)
{
	static const unsigned char len[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && dt_is_leap(y))
		return 29;
	return len[m - 1];
}

/* Floor division, so that dates before 1970 land on the right day. */
static int64_t
floordiv(int64_t a, int64_t b)
{
	int64_t q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

/*
 * Howard Hinnant's days_from_civil: eras of 400 years (146097 days) make
 * the Gregorian rules exact without tables.
 */
int64_t
dt_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = floordiv(y, 400);
	yoe = y - era * 400;
	doy = (153 * (int64_t)(m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
dt_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = floordiv(z, 146097);
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	*m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

unsigned
dt_weekday(int64_t days)
{
	/* 1970-01-01 was a Thursday. */
	int64_t w = (days + 4) % 7;

	return (unsigned)(w < 0 ? w + 7 : w);
}

int64_t
dt_epoch(int64_t y, unsigned m, unsigned d, unsigned hh, unsigned mm,
	 unsigned ss)
{
	return dt_days_from_civil(y, m, d) * DAY_SEC +
	    (int64_t)hh * 3600 + (int64_t)mm * 60 + ss;
}

/* Value of exactly n ASCII digits at s[i], or -1. */
static int
digits(const char *s, size_t len, size_t i, int n)
{
	int v = 0;

	if (i + (size_t)n > len)
		return -1;
	for (int k = 0; k < n; k++) {
		unsigned char c = (unsigned char)s[i + k];

		if (c < '0' || c > '9')
			return -1;
		v = v * 10 + (c - '0');
	}
	return v;
}

static bool
at(const char *s, size_t len, size_t i, char c)
{
	return i < len && s[i] == c;
}

enum dt_error
dt_parse(const char *s, size_t len, struct dt *out, size_t *err_off)
{
	enum dt_error e = DT_OK;
	size_t i = 0, bad = 0, end_time;
	int y, mo, d, hh, mi, ss = 0, off = 0;

	out->epoch_sec = 0;
	out->offset_min = 0;
	out->has_offset = false;
	out->date_only = false;

	if ((y = digits(s, len, 0, 4)) < 0 || !at(s, len, 4, '-') ||
	    (mo = digits(s, len, 5, 2)) < 0 || !at(s, len, 7, '-') ||
	    (d = digits(s, len, 8, 2)) < 0) {
		e = DT_ESYNTAX;
		goto out;
	}
	if (mo < 1 || mo > 12) {
		e = DT_EMONTH, bad = 5;
		goto out;
	}
	if (d < 1 || (unsigned)d > dt_days_in_month(y, (unsigned)mo)) {
		e = DT_EDAY, bad = 8;
		goto out;
	}
	i = 10;
	if (i == len) {
		out->epoch_sec = dt_epoch(y, (unsigned)mo, (unsigned)d, 0, 0, 0);
		out->date_only = true;
		goto out;
	}
	if (s[i] != 'T' && s[i] != 't' && s[i] != ' ') {
		e = DT_ETRAILING, bad = i;
		goto out;
	}
	i++;
	if ((hh = digits(s, len, i, 2)) < 0 || !at(s, len, i + 2, ':') ||
	    (mi = digits(s, len, i + 3, 2)) < 0) {
		e = DT_ESYNTAX, bad = i;
		goto out;
	}
	if (hh > 23) {
		e = DT_EHOUR, bad = i;
		goto out;
	}
	if (mi > 59) {
		e = DT_EMINUTE, bad = i + 3;
		goto out;
	}
	i += 5;
	if (at(s, len, i, ':')) {
		if ((ss = digits(s, len, i + 1, 2)) < 0) {
			e = DT_ESYNTAX, bad = i + 1;
			goto out;
		}
		if (ss > 59) {
			e = DT_ESECOND, bad = i + 1;
			goto out;
		}
		i += 3;
		/* A fraction is read and dropped: the clock counts seconds. */
		if (at(s, len, i, '.')) {
			i++;
			if (digits(s, len, i, 1) < 0) {
				e = DT_ESYNTAX, bad = i;
				goto out;
			}
			while (digits(s, len, i, 1) >= 0)
				i++;
		}
	}
	end_time = i;
	out->epoch_sec = dt_epoch(y, (unsigned)mo, (unsigned)d, (unsigned)hh,
	    (unsigned)mi, (unsigned)ss);
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i == len) {
		e = DT_ENOOFFSET, bad = end_time;
		goto out;
	}
	if (s[i] == 'Z' || s[i] == 'z') {
		i++;
	} else if (s[i] == '+' || s[i] == '-') {
		size_t sign = i;
		int oh, om = 0;

		if ((oh = digits(s, len, i + 1, 2)) < 0) {
			e = DT_ESYNTAX, bad = i + 1;
			goto out;
		}
		i += 3;
		if (at(s, len, i, ':')) {
			if ((om = digits(s, len, i + 1, 2)) < 0) {
				e = DT_ESYNTAX, bad = i + 1;
				goto out;
			}
			i += 3;
		} else if ((om = digits(s, len, i, 2)) >= 0) {
			i += 2;
		} else {
			om = 0;
		}
		if (om > 59) {
			e = DT_EOFFSET, bad = i - 2;
			goto out;
		}
		if (oh > 18 || (oh == 18 && om > 0)) {
			e = DT_EOFFSET, bad = sign;
			goto out;
		}
		off = oh * 60 + om;
		if (s[sign] == '-')
			off = -off;
	} else {
		e = DT_ETRAILING, bad = i;
		goto out;
	}
	if (i != len) {
		e = DT_ETRAILING, bad = i;
		goto out;
	}
	out->epoch_sec -= (int64_t)off * 60;
	out->offset_min = off;
	out->has_offset = true;
out:
	if (err_off != NULL)
		*err_off = bad;
	return e;
}

const char *
dt_error_text(enum dt_error e)
{
	switch (e) {
	case DT_OK:
		return "no error";
	case DT_ESYNTAX:
		return "not a date (2025-12-14) nor a date-time "
		    "(2025-12-14T08:30:00+01:00)";
	case DT_ENOOFFSET:
		return "date-time without a UTC offset; add one such as "
		    "+01:00 or Z";
	case DT_EMONTH:
		return "month must lie between 01 and 12";
	case DT_EDAY:
		return "that day does not exist in that month";
	case DT_EHOUR:
		return "hour must lie between 00 and 23";
	case DT_EMINUTE:
		return "minute must lie between 00 and 59";
	case DT_ESECOND:
		return "second must lie between 00 and 59";
	case DT_EOFFSET:
		return "UTC offset must lie between -18:00 and +18:00";
	case DT_ETRAILING:
		return "unexpected text after the date-time";
	}
	return "unknown error";
}

/* Splits an epoch into a civil date and the seconds of that day. */
static void
split(int64_t epoch, int64_t *y, unsigned *m, unsigned *d, int *sod)
{
	int64_t r = epoch % DAY_SEC;

	*sod = (int)(r < 0 ? r + DAY_SEC : r);
	dt_civil_from_days(floordiv(epoch, DAY_SEC), y, m, d);
}

char *
dt_format_utc(int64_t epoch, char *buf)
{
	int64_t y;
	unsigned m, d;
	int sod;

	split(epoch, &y, &m, &d, &sod);
	snprintf(buf, DT_FMT_MAX, "%04lld-%02u-%02uT%02d:%02d:%02dZ",
	    (long long)y, m, d, sod / 3600, sod / 60 % 60, sod % 60);
	return buf;
}

char *
dt_format_offset(int64_t epoch, int offset_min, char *buf)
{
	int64_t y;
	unsigned m, d;
	int sod, a = offset_min < 0 ? -offset_min : offset_min;

	/* Saturate rather than overflow at the ends of int64_t. */
	if (offset_min > 0 && epoch > INT64_MAX - (int64_t)offset_min * 60)
		epoch = INT64_MAX - (int64_t)offset_min * 60;
	else if (offset_min < 0 && epoch < INT64_MIN - (int64_t)offset_min * 60)
		epoch = INT64_MIN - (int64_t)offset_min * 60;
	split(epoch + (int64_t)offset_min * 60, &y, &m, &d, &sod);
	snprintf(buf, DT_FMT_MAX, "%04lld-%02u-%02uT%02d:%02d:%02d%c%02d:%02d",
	    (long long)y, m, d, sod / 3600, sod / 60 % 60, sod % 60,
	    offset_min < 0 ? '-' : '+', a / 60 % 100, a % 60);
	return buf;
}

char *
dt_format_date(int64_t epoch, char *buf)
{
	int64_t y;
	unsigned m, d;
	int sod;

	split(epoch, &y, &m, &d, &sod);
	snprintf(buf, DT_FMT_MAX, "%04lld-%02u-%02u", (long long)y, m, d);
	return buf;
}

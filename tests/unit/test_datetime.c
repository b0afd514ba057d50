/*
 * test_datetime.c - ISO 8601 / RFC 3339 parsing, formatting, day arithmetic.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "datetime.h"

/* 2025-12-14T07:30:00Z */
#define T0 INT64_C(1765697400)

static enum dt_error
parse(const char *s, struct dt *d, size_t *off)
{
	return dt_parse(s, strlen(s), d, off);
}

static void
accepted_forms(void **state)
{
	static const char *const same[] = {
		"2025-12-14T08:30:00+01:00",
		"2025-12-14T07:30:00Z",
		"2025-12-14t07:30:00z",
		"2025-12-14T08:30+01:00",
		"2025-12-14 08:30:00+01:00",
		"2025-12-14 08:30 +01:00",
		"2025-12-14T08:30:00+0100",
		"2025-12-14T08:30:00+01",
		"2025-12-14T07:30:00.999Z",
		"2025-12-14T07:30:00-00:00",
		"2025-12-14T02:00:00-05:30",
	};
	struct dt d;
	size_t off;

	(void)state;
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
		assert_int_equal(parse(same[i], &d, &off), DT_OK);
		assert_true(d.has_offset);
		assert_false(d.date_only);
		assert_int_equal(d.epoch_sec, T0);
	}
	assert_int_equal(parse("2025-12-14T08:30:00+01:00", &d, &off), DT_OK);
	assert_int_equal(d.offset_min, 60);
	assert_int_equal(parse("2025-12-14T02:00:00-05:30", &d, &off), DT_OK);
	assert_int_equal(d.offset_min, -330);
	assert_int_equal(parse("2025-12-14T21:30:00+14:00", &d, &off), DT_OK);
	assert_int_equal(d.epoch_sec, T0);
	assert_int_equal(parse("2025-12-14T07:30:00+18:00", &d, &off), DT_OK);
	assert_int_equal(d.offset_min, 18 * 60);
	assert_int_equal(parse("2025-12-14T07:30:00-18:00", &d, &off), DT_OK);
	assert_int_equal(d.offset_min, -18 * 60);
}

static void
date_only(void **state)
{
	struct dt d;
	size_t off = 99;

	(void)state;
	assert_int_equal(parse("2025-12-14", &d, &off), DT_OK);
	assert_true(d.date_only);
	assert_false(d.has_offset);
	assert_int_equal(d.epoch_sec, T0 - 7 * 3600 - 30 * 60);
	assert_int_equal(parse("2024-02-29", &d, &off), DT_OK);
	assert_int_equal(parse("2000-02-29", &d, &off), DT_OK);
	assert_int_equal(parse("1970-01-01", &d, &off), DT_OK);
	assert_int_equal(d.epoch_sec, 0);
	assert_int_equal(parse("1969-12-31", &d, &off), DT_OK);
	assert_int_equal(d.epoch_sec, -86400);
}

static void
missing_offset(void **state)
{
	struct dt d;
	size_t off;

	(void)state;
	assert_int_equal(parse("2025-12-14T08:30:00", &d, &off), DT_ENOOFFSET);
	assert_int_equal(off, 19);
	/* The reading is still there, taken as UTC, for a zone to fix. */
	assert_false(d.has_offset);
	assert_int_equal(d.epoch_sec, T0 + 3600);
	assert_int_equal(parse("2025-12-14 08:30", &d, &off), DT_ENOOFFSET);
	assert_int_equal(off, 16);
	assert_int_equal(parse("2025-12-14T08:30:00  ", &d, &off),
	    DT_ENOOFFSET);
	assert_int_equal(off, 19);
	assert_string_equal(dt_error_text(DT_ENOOFFSET),
	    "date-time without a UTC offset; add one such as +01:00 or Z");
}

struct bad {
	const char *s;
	enum dt_error e;
	size_t off;
};

static void
refused(void **state)
{
	static const struct bad bad[] = {
		{"2025-02-30", DT_EDAY, 8},
		{"2025-02-29T10:00:00Z", DT_EDAY, 8},
		{"1900-02-29", DT_EDAY, 8},
		{"2025-04-31", DT_EDAY, 8},
		{"2025-12-00", DT_EDAY, 8},
		{"2025-13-01", DT_EMONTH, 5},
		{"2025-00-01", DT_EMONTH, 5},
		{"2025-12-14T24:00:00Z", DT_EHOUR, 11},
		{"2025-12-14 08:60:00Z", DT_EMINUTE, 14},
		{"2025-12-14T08:30:60Z", DT_ESECOND, 17},
		{"2025-12-14T08:30:00+18:01", DT_EOFFSET, 19},
		{"2025-12-14T08:30:00-19:00", DT_EOFFSET, 19},
		{"2025-12-14T08:30:00+01:60", DT_EOFFSET, 23},
		{"2025-12-14T08:30+0175", DT_EOFFSET, 19},
		{"14/12/2025", DT_ESYNTAX, 0},
		{"2025-1-14", DT_ESYNTAX, 0},
		{"", DT_ESYNTAX, 0},
		{"2025-12-14T8:30Z", DT_ESYNTAX, 11},
		{"2025-12-14T08:30:0Z", DT_ESYNTAX, 17},
		{"2025-12-14T08:30:00.Z", DT_ESYNTAX, 20},
		{"2025-12-14T08:30:00+1", DT_ESYNTAX, 20},
		{"2025-12-14T08:30:00+01:0", DT_ESYNTAX, 23},
		{"2025-12-14T08:30:00Z ", DT_ETRAILING, 20},
		{"2025-12-14T08:30:00 CET", DT_ETRAILING, 20},
		{"2025-12-14T08:30:00+01:00x", DT_ETRAILING, 25},
		{"2025-12-14x", DT_ETRAILING, 10},
		{"2025-12-14T", DT_ESYNTAX, 11},
	};
	struct dt d;
	size_t off;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		enum dt_error e = parse(bad[i].s, &d, &off);

		if (e != bad[i].e || off != bad[i].off)
			fail_msg("%s: got error %d at %zu, want %d at %zu",
			    bad[i].s, e, off, bad[i].e, bad[i].off);
		assert_non_null(dt_error_text(e));
	}
}

/* The length bounds the text: nothing past it is read. */
static void
length_bounds(void **state)
{
	const char *s = "2025-12-14T08:30:00+01:00";
	struct dt d;
	size_t off;

	(void)state;
	assert_int_equal(dt_parse(s, 10, &d, &off), DT_OK);
	assert_true(d.date_only);
	assert_int_equal(dt_parse(s, 19, &d, &off), DT_ENOOFFSET);
	assert_int_equal(dt_parse(s, 21, &d, &off), DT_ESYNTAX);
	assert_int_equal(dt_parse(s, 4, &d, &off), DT_ESYNTAX);
	assert_int_equal(dt_parse(s, 10, &d, NULL), DT_OK);
}

static void
formatting(void **state)
{
	char buf[DT_FMT_MAX];

	(void)state;
	assert_string_equal(dt_format_utc(T0 + 3 * 86400, buf),
	    "2025-12-17T07:30:00Z");
	assert_string_equal(dt_format_offset(T0 + 3 * 86400, 60, buf),
	    "2025-12-17T08:30:00+01:00");
	assert_string_equal(dt_format_offset(T0, -330, buf),
	    "2025-12-14T02:00:00-05:30");
	assert_string_equal(dt_format_offset(T0, 0, buf),
	    "2025-12-14T07:30:00+00:00");
	assert_string_equal(dt_format_utc(0, buf), "1970-01-01T00:00:00Z");
	assert_string_equal(dt_format_utc(-1, buf), "1969-12-31T23:59:59Z");
	assert_string_equal(dt_format_date(T0, buf), "2025-12-14");
	/* Extreme values stay inside the buffer. */
	dt_format_utc(INT64_MIN, buf);
	assert_true(strlen(buf) < DT_FMT_MAX);
	dt_format_offset(INT64_MAX, 18 * 60, buf);
	assert_true(strlen(buf) < DT_FMT_MAX);
}

static void
round_trip(void **state)
{
	static const char *const s[] = {
		"2025-03-30T01:30:00+01:00", "2024-02-29T23:59:59-11:00",
		"2000-01-01T00:00:00+00:00", "1999-12-31T23:59:59+14:00",
		"0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59+00:00",
	};
	char buf[DT_FMT_MAX];
	struct dt d;
	size_t off;

	(void)state;
	for (size_t i = 0; i < sizeof s / sizeof s[0]; i++) {
		assert_int_equal(parse(s[i], &d, &off), DT_OK);
		assert_string_equal(dt_format_offset(d.epoch_sec,
		    d.offset_min, buf), s[i]);
	}
}

static void
day_arithmetic(void **state)
{
	int64_t y;
	unsigned m, d;

	(void)state;
	assert_int_equal(dt_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(dt_days_from_civil(2000, 3, 1), 11017);
	assert_int_equal(dt_days_from_civil(1969, 12, 31), -1);
	assert_int_equal(dt_days_from_civil(0, 3, 1), -719468);
	/* Every day of 1600..2400 goes there and back, one day apart. */
	int64_t prev = dt_days_from_civil(1599, 12, 31);
	for (int64_t yy = 1600; yy <= 2400; yy++)
		for (unsigned mm = 1; mm <= 12; mm++)
			for (unsigned dd = 1; dd <= dt_days_in_month(yy, mm);
			    dd++) {
				int64_t z = dt_days_from_civil(yy, mm, dd);

				assert_int_equal(z, prev + 1);
				dt_civil_from_days(z, &y, &m, &d);
				assert_int_equal(y, yy);
				assert_int_equal(m, mm);
				assert_int_equal(d, dd);
				prev = z;
			}
	assert_true(dt_is_leap(2000));
	assert_false(dt_is_leap(1900));
	assert_true(dt_is_leap(2024));
	assert_false(dt_is_leap(2025));
	assert_int_equal(dt_days_in_month(2025, 2), 28);
	assert_int_equal(dt_days_in_month(2025, 13), 0);
	/* 2025-12-14 was a Sunday, 1970-01-01 a Thursday. */
	assert_int_equal(dt_weekday(dt_days_from_civil(2025, 12, 14)), 0);
	assert_int_equal(dt_weekday(0), 4);
	assert_int_equal(dt_weekday(-1), 3);
	/* 72 hours after awareness, in plain UTC arithmetic. */
	assert_int_equal(dt_epoch(2025, 12, 14, 7, 30, 0) + 72 * 3600,
	    dt_epoch(2025, 12, 17, 7, 30, 0));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(accepted_forms),
		cmocka_unit_test(date_only),
		cmocka_unit_test(missing_offset),
		cmocka_unit_test(refused),
		cmocka_unit_test(length_bounds),
		cmocka_unit_test(formatting),
		cmocka_unit_test(round_trip),
		cmocka_unit_test(day_arithmetic),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

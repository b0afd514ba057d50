/*
 * test_tz.c - zone offsets and the 72-hour deadline across daylight saving.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <unicode/ucal.h>
#include <unicode/ustring.h>

#include "datetime.h"
#include "tz.h"

#define HOURS_72 (72 * 3600)

static int64_t
instant(const char *s)
{
	struct dt d;
	size_t off;

	if (dt_parse(s, strlen(s), &d, &off) != DT_OK)
		fail_msg("bad test date %s", s);
	return d.epoch_sec;
}

/* The local reading as "2025-04-02T02:30:00+02:00". */
static const char *
local(const char *zone, int64_t t, char *buf)
{
	struct tz_local l;

	assert_int_equal(tz_local(t, zone, &l), TZ_OK);
	snprintf(buf, DT_FMT_MAX, "%04d-%02d-%02dT%02d:%02d:%02d%+03d:%02d",
	    l.year, l.month, l.day, l.hour, l.minute, l.second,
	    l.offset_min / 60, abs(l.offset_min) % 60);
	/* The reading agrees with the offset it states. */
	assert_int_equal(instant(buf), t);
	return buf;
}

struct deadline {
	const char *zone;
	const char *aware;	/* as written in the incident file */
	const char *aware_local;
	const char *due_local;	/* 72 h later, read in the zone */
};

static void
deadlines_across_dst(void **state)
{
	static const struct deadline c[] = {
		/* Clocks go forward: the deadline reads one hour later. */
		{"Europe/Paris", "2025-03-30T01:30:00+01:00",
		    "2025-03-30T01:30:00+01:00", "2025-04-02T02:30:00+02:00"},
		{"Europe/Paris", "2025-03-29T20:30:00-04:00",
		    "2025-03-30T01:30:00+01:00", "2025-04-02T02:30:00+02:00"},
		{"Europe/Paris", "2025-03-30T00:30:00Z",
		    "2025-03-30T01:30:00+01:00", "2025-04-02T02:30:00+02:00"},
		{"Europe/Stockholm", "2025-03-29T23:59:00-01:00",
		    "2025-03-30T01:59:00+01:00", "2025-04-02T02:59:00+02:00"},
		{"Europe/Berlin", "2026-03-29T00:30:00Z",
		    "2026-03-29T01:30:00+01:00", "2026-04-01T02:30:00+02:00"},
		{"Europe/Paris", "2026-03-28T12:00:00+01:00",
		    "2026-03-28T12:00:00+01:00", "2026-03-31T13:00:00+02:00"},
		{"Europe/Stockholm", "2026-03-29T08:59:59+08:00",
		    "2026-03-29T01:59:59+01:00", "2026-04-01T02:59:59+02:00"},
		/* Clocks go back: the deadline reads one hour earlier. */
		{"Europe/Paris", "2025-10-26T01:30:00+02:00",
		    "2025-10-26T01:30:00+02:00", "2025-10-29T00:30:00+01:00"},
		{"Europe/Paris", "2025-10-26T08:30:00+09:00",
		    "2025-10-26T01:30:00+02:00", "2025-10-29T00:30:00+01:00"},
		{"Europe/Berlin", "2025-10-25T12:00:00+02:00",
		    "2025-10-25T12:00:00+02:00", "2025-10-28T11:00:00+01:00"},
		/* 02:30 happens twice on 2026-10-25; both are kept apart. */
		{"Europe/Stockholm", "2026-10-25T06:00:00+05:30",
		    "2026-10-25T02:30:00+02:00", "2026-10-28T01:30:00+01:00"},
		{"Europe/Stockholm", "2026-10-25T01:30:00Z",
		    "2026-10-25T02:30:00+01:00", "2026-10-28T02:30:00+01:00"},
		{"Europe/Berlin", "2026-10-25T02:59:59+02:00",
		    "2026-10-25T02:59:59+02:00", "2026-10-28T01:59:59+01:00"},
		/* Both readings after the change: no shift. */
		{"Europe/Berlin", "2025-10-26T03:30:00+01:00",
		    "2025-10-26T03:30:00+01:00", "2025-10-29T03:30:00+01:00"},
	};
	char buf[DT_FMT_MAX];

	(void)state;
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		int64_t t = instant(c[i].aware);

		if (strcmp(local(c[i].zone, t, buf), c[i].aware_local) != 0)
			fail_msg("%s in %s: aware %s, want %s", c[i].aware,
			    c[i].zone, buf, c[i].aware_local);
		if (strcmp(local(c[i].zone, t + HOURS_72, buf),
		    c[i].due_local) != 0)
			fail_msg("%s in %s: due %s, want %s", c[i].aware,
			    c[i].zone, buf, c[i].due_local);
	}
}

struct off {
	const char *zone;
	const char *at;
	int min;
};

static void
offsets(void **state)
{
	static const struct off c[] = {
		{"Europe/Paris", "2025-03-30T00:59:59Z", 60},
		{"Europe/Paris", "2025-03-30T01:00:00Z", 120},
		{"Europe/Paris", "2025-10-26T00:59:59Z", 120},
		{"Europe/Paris", "2025-10-26T01:00:00Z", 60},
		{"Europe/Berlin", "2026-03-29T01:00:00Z", 120},
		{"Europe/Stockholm", "2026-10-25T01:00:00Z", 60},
		{"Europe/Stockholm", "2026-10-25T00:59:59Z", 120},
		{"America/New_York", "2025-03-09T06:59:59Z", -300},
		{"America/New_York", "2025-03-09T07:00:00Z", -240},
		{"Asia/Kolkata", "2025-12-14T07:30:00Z", 330},
		{"Australia/Lord_Howe", "2025-12-14T07:30:00Z", 660},
		{"Australia/Lord_Howe", "2025-06-14T07:30:00Z", 630},
		{"UTC", "2025-06-14T07:30:00Z", 0},
		{"Europe/Kiev", "2025-06-14T07:30:00Z", 180},
		/* Paris mean time, +00:09:21, truncated to minutes. */
		{"Europe/Paris", "1900-01-01T00:00:00Z", 9},
	};
	int m;

	(void)state;
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		assert_int_equal(tz_offset_at(c[i].zone, instant(c[i].at), &m),
		    TZ_OK);
		if (m != c[i].min)
			fail_msg("%s at %s: %d, want %d", c[i].zone, c[i].at,
			    m, c[i].min);
	}
}

static void
zone_ids(void **state)
{
	static const char *const bad[] = {
		"", "Europe/Pariss", "europe/paris", "GMT+01:00", "Etc/Unknown",
		"CEST", "Europe/Paris ", " Europe/Paris", "../../etc/passwd",
		"Europe/Par\xc3\xafs",
		"Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	};
	struct tz_local l;
	int m = 12345;

	(void)state;
	assert_true(tz_valid("Europe/Paris"));
	assert_true(tz_valid("UTC"));
	assert_true(tz_valid("Etc/UTC"));
	assert_true(tz_valid("CET"));
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (tz_valid(bad[i]))
			fail_msg("zone \"%s\" accepted", bad[i]);
		assert_int_equal(tz_offset_at(bad[i], 0, &m), TZ_EZONE);
		assert_int_equal(tz_local(0, bad[i], &l), TZ_EZONE);
	}
	assert_false(tz_valid(NULL));
	assert_int_equal(tz_offset_at(NULL, 0, &m), TZ_EZONE);
	assert_int_equal(m, 12345);
	assert_string_equal(tz_error_text(TZ_EZONE),
	    "unknown time zone; write an IANA zone name such as Europe/Paris");
}

static void
ranges(void **state)
{
	struct tz_local l;
	int m;

	(void)state;
	assert_int_equal(tz_local(instant("9999-12-31T23:59:59Z"), "UTC", &l),
	    TZ_OK);
	assert_int_equal(l.year, 9999);
	assert_int_equal(tz_local(instant("9999-12-31T23:59:59Z") + 1, "UTC",
	    &l), TZ_ERANGE);
	assert_int_equal(tz_local(instant("0001-01-01T00:00:00Z"), "UTC", &l),
	    TZ_OK);
	/* Proleptic Gregorian, like datetime.c, before 1582. */
	assert_int_equal(l.year, 1);
	assert_int_equal(l.month, 1);
	assert_int_equal(l.day, 1);
	assert_int_equal(l.wday, (int)dt_weekday(dt_days_from_civil(1, 1, 1)));
	assert_int_equal(tz_offset_at("UTC", INT64_MIN, &m), TZ_ERANGE);
	assert_int_equal(tz_offset_at("UTC", INT64_MAX, &m), TZ_ERANGE);
}

static void
weekday(void **state)
{
	struct tz_local l;

	(void)state;
	/* Sunday 2025-12-14 00:30 in Paris is still Saturday in UTC. */
	assert_int_equal(tz_local(instant("2025-12-13T23:30:00Z"),
	    "Europe/Paris", &l), TZ_OK);
	assert_int_equal(l.wday, 0);
	assert_int_equal(l.day, 14);
	assert_int_equal(tz_local(instant("2025-12-13T23:30:00Z"), "UTC", &l),
	    TZ_OK);
	assert_int_equal(l.wday, 6);
}

static void
from_local(void **state)
{
	struct tz_local w = {2025, 12, 14, 8, 30, 0, 0, 0};
	int64_t t = 0;

	(void)state;
	assert_int_equal(tz_from_local("Europe/Paris", &w, &t), TZ_OK);
	assert_int_equal(t, instant("2025-12-14T07:30:00Z"));
	/* Skipped: 02:30 does not exist and means 03:30 CEST. */
	w = (struct tz_local){2025, 3, 30, 2, 30, 0, 0, 0};
	assert_int_equal(tz_from_local("Europe/Paris", &w, &t), TZ_OK);
	assert_int_equal(t, instant("2025-03-30T03:30:00+02:00"));
	/* Repeated: the first 02:30, still CEST. */
	w = (struct tz_local){2025, 10, 26, 2, 30, 0, 0, 0};
	assert_int_equal(tz_from_local("Europe/Paris", &w, &t), TZ_OK);
	assert_int_equal(t, instant("2025-10-26T02:30:00+02:00"));
	/* Midnight of a date in the zone: date-only fields. */
	w = (struct tz_local){2026, 3, 29, 0, 0, 0, 0, 0};
	assert_int_equal(tz_from_local("Europe/Stockholm", &w, &t), TZ_OK);
	assert_int_equal(t, instant("2026-03-28T23:00:00Z"));
	w = (struct tz_local){2025, 2, 29, 0, 0, 0, 0, 0};
	assert_int_equal(tz_from_local("Europe/Paris", &w, &t), TZ_ERANGE);
	w = (struct tz_local){2025, 2, 28, 24, 0, 0, 0, 0};
	assert_int_equal(tz_from_local("Europe/Paris", &w, &t), TZ_ERANGE);
	w = (struct tz_local){2025, 2, 28, 0, 0, 0, 0, 0};
	assert_int_equal(tz_from_local("Mars/Olympus", &w, &t), TZ_EZONE);
}

/* More zones than the cache holds, then the first ones again. */
static void
cache_eviction(void **state)
{
	static const char *const zones[] = {
		"Europe/Paris", "Europe/Berlin", "Europe/Stockholm",
		"America/New_York", "Asia/Kolkata", "Asia/Tokyo", "UTC",
		"Europe/Dublin", "Europe/Lisbon", "Africa/Casablanca",
		"Pacific/Auckland", "America/Sao_Paulo",
	};
	static const int want[] = {
		60, 60, 60, -300, 330, 540, 0, 0, 0, 60, 780, -180,
	};
	int64_t t = instant("2025-12-14T07:30:00Z");
	int m;

	(void)state;
	for (int round = 0; round < 3; round++)
		for (size_t i = 0; i < sizeof zones / sizeof zones[0]; i++) {
			assert_int_equal(tz_offset_at(zones[i], t, &m), TZ_OK);
			if (m != want[i])
				fail_msg("%s: %d, want %d", zones[i], m,
				    want[i]);
		}
	tz_cleanup();
	assert_int_equal(tz_offset_at("Europe/Paris", t, &m), TZ_OK);
	assert_int_equal(m, 60);
}

/* Neither TZ nor ICU's default zone changes anything. */
static void
no_ambient_zone(void **state)
{
	UChar tokyo[16];
	UErrorCode st = U_ZERO_ERROR;
	char buf[DT_FMT_MAX];
	int64_t t = instant("2025-03-30T00:30:00Z");

	(void)state;
	tz_cleanup();
	u_uastrcpy(tokyo, "Asia/Tokyo");
	setenv("TZ", "America/Los_Angeles", 1);
	ucal_setDefaultTimeZone(tokyo, &st);
	assert_int_equal(st, U_ZERO_ERROR);
	assert_string_equal(local("Europe/Paris", t, buf),
	    "2025-03-30T01:30:00+01:00");
	assert_string_equal(local("Europe/Paris", t + HOURS_72, buf),
	    "2025-04-02T02:30:00+02:00");
	unsetenv("TZ");
}

static int
teardown(void **state)
{
	(void)state;
	tz_cleanup();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(deadlines_across_dst),
		cmocka_unit_test(offsets),
		cmocka_unit_test(zone_ids),
		cmocka_unit_test(ranges),
		cmocka_unit_test(weekday),
		cmocka_unit_test(from_local),
		cmocka_unit_test(cache_eviction),
		cmocka_unit_test(no_ambient_zone),
	};

	return cmocka_run_group_tests(tests, NULL, teardown);
}

/*
 * test_fmt.c - dates in words, durations, numbers, plurals, NFC and
 * French typography, in both languages.
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
#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include "datetime.h"
#include "fmt.h"
#include "tz.h"

#define NBSP "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf"

static struct buf out = BUF_INIT, again = BUF_INIT;

static int64_t
instant(const char *s)
{
	struct dt d;
	size_t off;
	enum dt_error e = dt_parse(s, strlen(s), &d, &off);

	if (e != DT_OK && !(e == DT_ENOOFFSET && d.date_only))
		fail_msg("bad test date %s", s);
	return d.epoch_sec;
}

/* Shows bytes outside ASCII as \xNN so that a failure is readable. */
static const char *
visible(const char *s, char *v, size_t size)
{
	size_t k = 0;

	for (; *s != '\0' && k + 5 < size; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 0x80 || c < 0x20)
			k += (size_t)snprintf(v + k, size - k, "\\x%02x", c);
		else
			v[k++] = (char)c;
	}
	v[k] = '\0';
	return v;
}

/* Checks rc and the text appended to the shared buffer, then clears it. */
#define expect(call, want) check_out((call), (want), #call, __LINE__)

static void
check_out(int rc, const char *want, const char *call, int line)
{
	char a[1024], b[1024];

	if (rc != FMT_OK)
		fail_msg("line %d: %s returned %d (%s)", line, call, rc,
		    fmt_error_text(rc));
	if (strcmp(buf_cstr(&out), want) != 0)
		fail_msg("line %d: %s\n  got  \"%s\"\n  want \"%s\"", line, call,
		    visible(buf_cstr(&out), a, sizeof a),
		    visible(want, b, sizeof b));
	buf_truncate(&out, 0);
}

/* --- dates ----------------------------------------------------------- */

static void
dates_in_words(void **state)
{
	int64_t t = instant("2025-12-14T07:30:00Z");

	(void)state;
	expect(fmt_datetime("fr", "Europe/Paris", t, &out),
	    "14 d\xc3\xa9" "cembre 2025 \xc3\xa0 8" NBSP "h" NBSP "30 (UTC+01:00)");
	expect(fmt_datetime("en", "Europe/Paris", t, &out),
	    "14 December 2025 at 08:30 (UTC+01:00)");
	expect(fmt_date("fr", "Europe/Paris", t, &out),
	    "14 d\xc3\xa9" "cembre 2025");
	expect(fmt_date("en", "Europe/Paris", t, &out), "14 December 2025");
	/* Another zone, another offset, another day. */
	expect(fmt_datetime("en", "America/New_York", t, &out),
	    "14 December 2025 at 02:30 (UTC-05:00)");
	expect(fmt_datetime("fr", "Asia/Kolkata", t, &out),
	    "14 d\xc3\xa9" "cembre 2025 \xc3\xa0 13" NBSP "h" NBSP "00 (UTC+05:30)");
	expect(fmt_datetime("fr", "UTC", t, &out),
	    "14 d\xc3\xa9" "cembre 2025 \xc3\xa0 7" NBSP "h" NBSP "30 (UTC+00:00)");
	/* Every French month in lower case. */
	expect(fmt_date("fr", "UTC", instant("2026-02-14"), &out),
	    "14 f\xc3\xa9vrier 2026");
	expect(fmt_date("fr", "UTC", instant("2026-08-14"), &out),
	    "14 ao\xc3\xbbt 2026");
	expect(fmt_date("en", "UTC", instant("2026-08-14"), &out),
	    "14 August 2026");
}

static void
first_of_month(void **state)
{
	/* 23:30 UTC on 30 November is already 1 December in Paris. */
	int64_t t = instant("2025-11-30T23:30:00Z");

	(void)state;
	expect(fmt_datetime("fr", "Europe/Paris", t, &out),
	    "1er d\xc3\xa9" "cembre 2025 \xc3\xa0 0" NBSP "h" NBSP "30 (UTC+01:00)");
	expect(fmt_datetime("fr", "UTC", t, &out),
	    "30 novembre 2025 \xc3\xa0 23" NBSP "h" NBSP "30 (UTC+00:00)");
	expect(fmt_date("fr", "UTC", instant("2025-12-01"), &out),
	    "1er d\xc3\xa9" "cembre 2025");
	expect(fmt_date("en", "UTC", instant("2025-12-01"), &out),
	    "1 December 2025");
	expect(fmt_datetime("en", "Europe/Paris", t, &out),
	    "1 December 2025 at 00:30 (UTC+01:00)");
	/* Only the first: 11 and 21 stay as they are. */
	expect(fmt_date("fr", "UTC", instant("2025-12-11"), &out),
	    "11 d\xc3\xa9" "cembre 2025");
	expect(fmt_date("fr", "UTC", instant("2025-12-21"), &out),
	    "21 d\xc3\xa9" "cembre 2025");
}

/* The 72-hour deadline read in words, across both changes of clock. */
static void
deadlines_in_words(void **state)
{
	int64_t spring = instant("2025-03-29T20:30:00-04:00") + 72 * 3600;
	int64_t autumn = instant("2026-10-25T06:00:00+05:30") + 72 * 3600;

	(void)state;
	expect(fmt_datetime("fr", "Europe/Paris",
	    instant("2025-03-29T20:30:00-04:00"), &out),
	    "30 mars 2025 \xc3\xa0 1" NBSP "h" NBSP "30 (UTC+01:00)");
	expect(fmt_datetime("fr", "Europe/Paris", spring, &out),
	    "2 avril 2025 \xc3\xa0 2" NBSP "h" NBSP "30 (UTC+02:00)");
	expect(fmt_datetime("en", "Europe/Berlin", spring, &out),
	    "2 April 2025 at 02:30 (UTC+02:00)");
	expect(fmt_datetime("fr", "Europe/Stockholm",
	    instant("2026-10-25T06:00:00+05:30"), &out),
	    "25 octobre 2026 \xc3\xa0 2" NBSP "h" NBSP "30 (UTC+02:00)");
	expect(fmt_datetime("fr", "Europe/Stockholm", autumn, &out),
	    "28 octobre 2026 \xc3\xa0 1" NBSP "h" NBSP "30 (UTC+01:00)");
	expect(fmt_datetime("en", "Europe/Stockholm", autumn, &out),
	    "28 October 2026 at 01:30 (UTC+01:00)");
	/* The second 02:30 of that night, an hour later. */
	expect(fmt_datetime("en", "Europe/Stockholm",
	    instant("2026-10-25T01:30:00Z"), &out),
	    "25 October 2026 at 02:30 (UTC+01:00)");
}

static void
date_errors(void **state)
{
	(void)state;
	buf_puts(&out, "kept");
	assert_int_equal(fmt_datetime("xx", "Europe/Paris", 0, &out),
	    FMT_ELANG);
	assert_int_equal(fmt_datetime(NULL, "Europe/Paris", 0, &out),
	    FMT_ELANG);
	assert_int_equal(fmt_datetime("fr", "Europe/Pariss", 0, &out),
	    FMT_EZONE);
	assert_int_equal(fmt_date("en", "GMT+01:00", 0, &out), FMT_EZONE);
	assert_int_equal(fmt_date("en", NULL, 0, &out), FMT_EZONE);
	assert_int_equal(fmt_date("en", "UTC", INT64_C(253402300800), &out),
	    FMT_ERANGE);
	/* Nothing appended on error; earlier text kept on success. */
	assert_string_equal(buf_cstr(&out), "kept");
	expect(fmt_date("en", "UTC", 0, &out), "kept1 January 1970");
	assert_true(fmt_lang_ok("fr"));
	assert_true(fmt_lang_ok("en"));
	assert_false(fmt_lang_ok("FR"));
	assert_false(fmt_lang_ok("fr_FR"));
}

/* --- durations ------------------------------------------------------- */

static void
durations(void **state)
{
	const unsigned dh = FMT_DAYS | FMT_HOURS;
	const unsigned dhm = FMT_DAYS | FMT_HOURS | FMT_MINUTES;

	(void)state;
	expect(fmt_duration("fr", 3 * 86400 + 4 * 3600, dh, &out),
	    "3" NBSP "jours et 4" NBSP "heures");
	expect(fmt_duration("en", 3 * 86400 + 4 * 3600, dh, &out),
	    "3 days and 4 hours");
	expect(fmt_duration("fr", 86400, dhm, &out), "1" NBSP "jour");
	expect(fmt_duration("en", 86400, dhm, &out), "1 day");
	expect(fmt_duration("fr", 72 * 3600, FMT_HOURS, &out),
	    "72" NBSP "heures");
	expect(fmt_duration("en", 72 * 3600, FMT_HOURS, &out), "72 hours");
	expect(fmt_duration("fr", 72 * 3600, dh, &out), "3" NBSP "jours");
	expect(fmt_duration("fr", 45 * 60, dhm, &out), "45" NBSP "minutes");
	expect(fmt_duration("en", 45 * 60, dhm, &out), "45 minutes");
	expect(fmt_duration("fr", 3600 + 60, dhm, &out),
	    "1" NBSP "heure et 1" NBSP "minute");
	expect(fmt_duration("en", 2 * 86400 + 3600 + 120, dhm, &out),
	    "2 days, 1 hour, and 2 minutes");
	expect(fmt_duration("fr", 2 * 86400 + 3600 + 120, dhm, &out),
	    "2" NBSP "jours, 1" NBSP "heure et 2" NBSP "minutes");
	/* Below the smallest unit: dropped, not rounded. */
	expect(fmt_duration("en", 3600 + 59 * 60 + 59, FMT_HOURS, &out),
	    "1 hour");
	/* Days and minutes only: the hours go into the minutes. */
	expect(fmt_duration("en", 86400 + 2 * 3600, FMT_DAYS | FMT_MINUTES,
	    &out), "1 day and 120 minutes");
	/* Nothing left: zero of the smallest unit, with the plural rule
	 * of each language (French 0 is singular). */
	expect(fmt_duration("fr", 30, dhm, &out), "0" NBSP "minute");
	expect(fmt_duration("en", 30, dhm, &out), "0 minutes");
	/* Grouped like other numbers. */
	expect(fmt_duration("fr", INT64_C(1000) * 3600, FMT_HOURS, &out),
	    "1" NNBSP "000" NBSP "heures");
	expect(fmt_duration("en", INT64_C(1000) * 3600, FMT_HOURS, &out),
	    "1,000 hours");
	assert_int_equal(fmt_duration("fr", -1, dh, &out), FMT_ERANGE);
	assert_int_equal(fmt_duration("fr", 60, 0, &out), FMT_ERANGE);
	assert_int_equal(fmt_duration("qq", 60, dh, &out), FMT_ELANG);
	assert_string_equal(buf_cstr(&out), "");
}

/* --- numbers --------------------------------------------------------- */

struct num {
	int64_t v;
	const char *fr, *en;
};

static void
numbers(void **state)
{
	static const struct num c[] = {
		{0, "0", "0"},
		{1, "1", "1"},
		{2, "2", "2"},
		{999, "999", "999"},
		{1000, "1" NNBSP "000", "1,000"},
		{1000000, "1" NNBSP "000" NNBSP "000", "1,000,000"},
		{28000000, "28" NNBSP "000" NNBSP "000", "28,000,000"},
		{-1234, "-1" NNBSP "234", "-1,234"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		expect(fmt_int("fr", c[i].v, &out), c[i].fr);
		expect(fmt_int("en", c[i].v, &out), c[i].en);
	}
	expect(fmt_decimal("fr", 1.5, 2, &out), "1,5");
	expect(fmt_decimal("en", 1.5, 2, &out), "1.5");
	expect(fmt_decimal("fr", 2.0, 2, &out), "2");
	expect(fmt_decimal("fr", 12345.678, 2, &out), "12" NNBSP "345,68");
	expect(fmt_decimal("en", 12345.678, 2, &out), "12,345.68");
	expect(fmt_decimal("en", 12345.678, 0, &out), "12,346");
	/* fmt_int after fmt_decimal: no fraction digits left behind. */
	expect(fmt_int("fr", 7, &out), "7");
	assert_int_equal(fmt_decimal("fr", 0.0 / 0.0, 2, &out), FMT_ERANGE);
	assert_int_equal(fmt_decimal("fr", 1.5, -1, &out), FMT_ERANGE);
	assert_int_equal(fmt_int("english", 1, &out), FMT_ELANG);
	assert_string_equal(buf_cstr(&out), "");
}

/* --- messages -------------------------------------------------------- */

#define PEOPLE_FR "{n, plural, one {# personne concern\xc3\xa9" "e} " \
	"other {# personnes concern\xc3\xa9" "es}}"
#define PEOPLE_EN "{n, plural, one {# person affected} " \
	"other {# people affected}}"

static int
msg(const char *lang, const char *pat, int64_t n)
{
	size_t off;

	return fmt_message(lang, pat, strlen(pat), n, NULL, 0, &out, &off);
}

static void
plurals(void **state)
{
	(void)state;
	/* French: 0 and 1 are both "one". */
	expect(msg("fr", PEOPLE_FR, 0), "0 personne concern\xc3\xa9" "e");
	expect(msg("fr", PEOPLE_FR, 1), "1 personne concern\xc3\xa9" "e");
	expect(msg("fr", PEOPLE_FR, 2), "2 personnes concern\xc3\xa9" "es");
	expect(msg("fr", PEOPLE_FR, 28000000),
	    "28" NNBSP "000" NNBSP "000 personnes concern\xc3\xa9" "es");
	expect(msg("en", PEOPLE_EN, 0), "0 people affected");
	expect(msg("en", PEOPLE_EN, 1), "1 person affected");
	expect(msg("en", PEOPLE_EN, 2), "2 people affected");
	expect(msg("en", PEOPLE_EN, 28000000), "28,000,000 people affected");
	/* Exact matches, offset, {n} shown grouped like #. */
	expect(msg("fr", "{n, plural, =0 {aucune} one {une} other {{n}}}", 0),
	    "aucune");
	expect(msg("fr", "{n, plural, =0 {aucune} one {une} other {{n}}}",
	    1500), "1" NNBSP "500");
	expect(msg("en", "{n, plural, offset:1 =0 {nobody} =1 {you} "
	    "one {you and # other} other {you and # others}}", 3),
	    "you and 2 others");
	expect(msg("en", "{n, selectordinal, one {#st} two {#nd} few {#rd} "
	    "other {#th}}", 22), "22nd");
	expect(msg("fr", "{n, spellout}", 21), "vingt-et-un");
	expect(msg("en", "{n} records", 1234567), "1,234,567 records");
	/* No argument at all. */
	expect(msg("fr", "Aucune donn\xc3\xa9" "e", 5), "Aucune donn\xc3\xa9" "e");
	expect(msg("fr", "", 5), "");
}

static void
apostrophes(void **state)
{
	(void)state;
	/* A lone apostrophe is text; '' is one; '{' quotes. */
	expect(msg("fr", "{n, plural, one {# adresse d'e-mail} "
	    "other {# adresses d'e-mail}}", 2), "2 adresses d'e-mail");
	expect(msg("en", "it''s {n}", 3), "it's 3");
	expect(msg("en", "'{n}' is {n}", 3), "{n} is 3");
	expect(msg("en", "{n, plural, other {'#' is #}}", 3), "# is 3");
}

static void
string_args(void **state)
{
	static const char pat[] = "{who} a perdu {n, plural, one {# adresse} "
	    "other {# adresses}} ({kind, select, email {e-mail} "
	    "other {autre}})";
	struct fmt_arg a[] = {
		{"kind", "email"},
		{"who", "Spotifaux \xc2\xab" " SAS " "\xc2\xbb"},
		{"unused", "x"},
	};
	size_t off = 77;

	(void)state;
	expect(fmt_message("fr", pat, strlen(pat), 28000000, a, 3, &out,
	    &off), "Spotifaux \xc2\xab SAS \xc2\xbb a perdu 28" NNBSP "000"
	    NNBSP "000 adresses (e-mail)");
	a[0].value = "phone";
	expect(fmt_message("fr", pat, strlen(pat), 1, a, 3, &out, &off),
	    "Spotifaux \xc2\xab SAS \xc2\xbb a perdu 1 adresse (autre)");
	/* Only strings, no count. */
	expect(fmt_message("en", "{a} and {b}", 11, 0,
	    (struct fmt_arg[]){{"b", "B"}, {"a", "A"}}, 2, &out, &off),
	    "A and B");
	/* A missing one is named by its first use. */
	assert_int_equal(fmt_message("fr", pat, strlen(pat), 1, a + 1, 1,
	    &out, &off), FMT_EARG);
	assert_int_equal(off, (size_t)(strstr(pat, "kind") - pat));
	assert_string_equal(buf_cstr(&out), "");
}

struct bad_msg {
	const char *pat;
	int rc;
	size_t off;
};

static void
message_errors(void **state)
{
	static const struct bad_msg c[] = {
		{"{n, plural, one {x}}", FMT_EOTHER, 0},
		{"ab {n, select, other {x}}", FMT_EARG, 7},
		{"{n, plural, one {x} other {y}", FMT_ESYNTAX, 0},
		{"ok {n, plural, one {x} other {y}} {", FMT_ESYNTAX, 35},
		{"{0}", FMT_EARG, 1},
		{"{ 1, plural, other {x}}", FMT_EARG, 2},
		{"{n, plurl, other {x}}", FMT_ESYNTAX, 4},
		{"{n, date}", FMT_EARG, 4},
		{"{n, number, integer}", FMT_EARG, 12},
		{"{n, number,  Integer }", FMT_EARG, 13},
		{"{x, plural, other {#}}", FMT_EARG, 4},
		{"{n; plural}", FMT_ESYNTAX, 2},
		{"{n, plural, one x other {y}}", FMT_ESYNTAX, 16},
		{"{n, plural, one {x} {y}}", FMT_ESYNTAX, 20},
		{"{n, plural}", FMT_ESYNTAX, 10},
		{"{}", FMT_ESYNTAX, 1},
		{"{n, plural, one {x} other {y {bad}}}", FMT_EARG, 30},
		{"{a}{b}{c}{d}{e}{f}{g}{h}{i}", FMT_EARG, 25},
		/* ICU's own check, mapped back to the caller's bytes. */
		{"\xc3\xa9t\xc3\xa9 {n, number, #,##0.0.0}", FMT_ESYNTAX, 18},
	};
	size_t off;

	(void)state;
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		int rc;

		off = 999;
		rc = fmt_message("fr", c[i].pat, strlen(c[i].pat), 1, NULL, 0,
		    &out, &off);
		if (rc != c[i].rc || off != c[i].off)
			fail_msg("%s: got %d at %zu, want %d at %zu", c[i].pat,
			    rc, off, c[i].rc, c[i].off);
		assert_string_equal(buf_cstr(&out), "");
	}
	assert_int_equal(fmt_message("zz", "x", 1, 1, NULL, 0, &out, NULL),
	    FMT_ELANG);
	assert_int_equal(fmt_message("fr", "\xff{n}", 4, 1, NULL, 0, &out,
	    NULL), FMT_EUTF8);
	assert_int_equal(fmt_message("fr", "{n}", 3, 1,
	    (struct fmt_arg[]){{"v", "\xc3"}}, 1, &out, NULL), FMT_OK);
	buf_truncate(&out, 0);
	assert_int_equal(fmt_message("fr", "{v}", 3, 1,
	    (struct fmt_arg[]){{"v", "\xc3"}}, 1, &out, NULL), FMT_EUTF8);
}

/* More patterns than the cache holds, then the first again. */
static void
message_cache(void **state)
{
	char pat[64], want[64];

	(void)state;
	for (int round = 0; round < 2; round++)
		for (int i = 0; i < 80; i++) {
			snprintf(pat, sizeof pat, "p%d {n, plural, one {#} "
			    "other {#s}}", i);
			snprintf(want, sizeof want, "p%d %ds", i, i + 2);
			expect(msg("en", pat, i + 2), want);
		}
	fmt_cleanup();
	expect(msg("fr", PEOPLE_FR, 1), "1 personne concern\xc3\xa9" "e");
}

/*
 * Pseudo-random patterns from the pieces of the syntax: each one either
 * formats or fails with a position inside the pattern, and never crashes
 * (the varargs call must stay well typed whatever the pattern says).
 */
static void
message_robustness(void **state)
{
	static const char *const piece[] = {
		"{", "}", "n", "who", "0", ",", " ", "plural", "select",
		"selectordinal", "number", "integer", "spellout", "date",
		"other", "one", "=0", "offset:1", "#", "'", "''", "::percent",
		"x", "\xc3\xa9", "{n}", "{who}", "other {#}", " one {# a}",
		"{n, plural, other {", "{who, select, other {", "}}",
	};
	struct fmt_arg args[] = {{"who", "Spotifaux"}};
	char pat[512], v[1024];
	uint32_t seed = 424242;
	int ok = 0;

	(void)state;
	for (int round = 0; round < 3000; round++) {
		size_t len = 0, off = 99999;
		int rc;

		seed = seed * 1103515245u + 12345u;
		for (unsigned k = 0, n = 1 + (seed >> 16) % 16; k < n; k++) {
			const char *p;

			seed = seed * 1103515245u + 12345u;
			p = piece[(seed >> 16) % (sizeof piece / sizeof piece[0])];
			if (len + strlen(p) >= sizeof pat)
				break;
			memcpy(pat + len, p, strlen(p));
			len += strlen(p);
		}
		pat[len] = '\0';
		rc = fmt_message(round & 1 ? "fr" : "en", pat, len, round, args,
		    1, &out, &off);
		if (rc == FMT_OK)
			ok++;
		else if (off > len || rc == FMT_EICU)
			fail_msg("\"%s\": error %d at %zu",
			    visible(pat, v, sizeof v), rc, off);
		buf_truncate(&out, 0);
	}
	/* Enough of them are valid for the format path to be exercised. */
	assert_true(ok > 100);
}

/* --- NFC ------------------------------------------------------------- */

static void
nfc(void **state)
{
	(void)state;
	expect(fmt_nfc("Cre\xcc\x81teil", 9, &out), "Cr\xc3\xa9teil");
	expect(fmt_nfc("Cr\xc3\xa9teil", 8, &out), "Cr\xc3\xa9teil");
	expect(fmt_nfc("plain ascii", 11, &out), "plain ascii");
	expect(fmt_nfc("", 0, &out), "");
	/* Å as A + ring, and the angstrom sign, both become U+00C5. */
	expect(fmt_nfc("A\xcc\x8a \xe2\x84\xab", 7, &out),
	    "\xc3\x85 \xc3\x85");
	/* French text is NFC as it is (no trip through ICU): « œuvre »,
	 * NNBSP, NBSP, em dash, €. */
	expect(fmt_nfc("\xc2\xab\xe2\x80\xaf\xc5\x93uvre\xc2\xa0\xc2\xbb"
	    "\xe2\x80\x94 2\xe2\x80\xaf\xe2\x82\xac", 26, &out),
	    "\xc2\xab\xe2\x80\xaf\xc5\x93uvre\xc2\xa0\xc2\xbb"
	    "\xe2\x80\x94 2\xe2\x80\xaf\xe2\x82\xac");
	/* ...but U+2000 and U+2001 are not: NFC makes them U+2002, U+2003;
	 * and a combining mark after an accented letter goes to ICU. */
	expect(fmt_nfc("a\xe2\x80\x80" "b\xe2\x80\x81", 8, &out),
	    "a\xe2\x80\x82" "b\xe2\x80\x83");
	expect(fmt_nfc("\xc3\xa9" "e\xcc\x81", 5, &out), "\xc3\xa9\xc3\xa9");
	/* Only the given length is read. */
	expect(fmt_nfc("e\xcc\x81xyz", 3, &out), "\xc3\xa9");
	assert_int_equal(fmt_nfc("caf\xc3", 4, &out), FMT_EUTF8);
	assert_int_equal(fmt_nfc("\xed\xa0\x80", 3, &out), FMT_EUTF8);
	assert_string_equal(buf_cstr(&out), "");
}

/* --- French typography ----------------------------------------------- */

struct typo {
	const char *in, *want;
};

static void
typography(void **state)
{
	static const struct typo c[] = {
		/* Inserted where none, replacing a plain space. */
		{"Attention!", "Attention" NNBSP "!"},
		{"Attention !", "Attention" NNBSP "!"},
		{"Pourquoi? Parce que; enfin", "Pourquoi" NNBSP "? Parce que"
		    NNBSP "; enfin"},
		{"Note: lire", "Note" NBSP ": lire"},
		{"Note : lire", "Note" NBSP ": lire"},
		{"\xc2\xab" "Bonjour" "\xc2\xbb", "\xc2\xab" NBSP "Bonjour" NBSP
		    "\xc2\xbb"},
		{"\xc2\xab Bonjour \xc2\xbb", "\xc2\xab" NBSP "Bonjour" NBSP
		    "\xc2\xbb"},
		/* A wrong no-break space becomes the right one. */
		{"Quoi" NBSP "?", "Quoi" NNBSP "?"},
		{"Note" NNBSP ":", "Note" NBSP ":"},
		/* Doubled marks: one space. */
		{"Vraiment?!", "Vraiment" NNBSP "?!"},
		/* Times, URLs, addresses, code: untouched. */
		{"\xc3\xa0 08:30 ou 8:30:15", "\xc3\xa0 08:30 ou 8:30:15"},
		{"Voir https://example.fr/a?b=1;c=2!", "Voir "
		    "https://example.fr/a?b=1;c=2!"},
		{"Voir https://example.fr :", "Voir https://example.fr :"},
		{"Site www.cnil.fr?", "Site www.cnil.fr?"},
		{"mailto:dpo@x.fr", "mailto:dpo@x.fr"},
		{"\xc3\x89" "crire \xc3\xa0 dpo@example.fr: merci",
		    "\xc3\x89" "crire \xc3\xa0 dpo@example.fr" NBSP ": merci"},
		{"Lancer `a: b; c!` puis ``x ` y: z``", "Lancer `a: b; c!` "
		    "puis ``x ` y: z``"},
		{"[Lire !](http://x.fr/?q=1) : fin", "[Lire" NNBSP
		    "!](http://x.fr/?q=1)" NBSP ": fin"},
		{"Voir <https://x.fr/a:b>; et <b>gras</b>:",
		    "Voir <https://x.fr/a:b>" NNBSP "; et <b>gras</b>" NBSP ":"},
		{"&amp; &#160; &nbsp;", "&amp; &#160; &nbsp;"},
		{"![logo](a.png) std::vector :-) C:\\x a?b",
		    "![logo](a.png) std::vector :-) C:\\x a?b"},
		/* Markdown escapes keep their backslash after the space. */
		{"Attention\\!", "Attention" NNBSP "\\!"},
		/* Line starts, table cells and delimiter rows. */
		{"? seul\n: seul\n! seul", "? seul\n: seul\n! seul"},
		{"| Champ | Valeur |\n|:---|---:|\n| Date: | 1 |\n| : | ? |",
		    "| Champ | Valeur |\n|:---|---:|\n| Date" NBSP ": | 1 |\n"
		    "| : | ? |"},
		{"> Note: ici\n>? non", "> Note" NBSP ": ici\n>? non"},
		{"[cnil]: https://cnil.fr\n[^1]: note", "[cnil]: "
		    "https://cnil.fr\n[^1]: note"},
		/* Code blocks. */
		{"```yaml\nid: x\n```\nid: y", "```yaml\nid: x\n```\nid" NBSP
		    ": y"},
		{"Texte:\n\n    code: x\n\nTexte:", "Texte" NBSP ":\n\n    "
		    "code: x\n\nTexte" NBSP ":"},
		{"~~~~\na: b\n~~~\nc: d\n~~~~\ne: f", "~~~~\na: b\n~~~\nc: d\n"
		    "~~~~\ne" NBSP ": f"},
		/* Lists and emphasis. */
		{"- **Risque :** \xc3\xa9lev\xc3\xa9", "- **Risque" NBSP
		    ":** \xc3\xa9lev\xc3\xa9"},
		{"*Note*: x", "*Note*" NBSP ": x"},
		{"(?) [!]", "(?) [!]"},
		/* Spans that cross a line end. */
		{"`a\nb: c` d: e", "`a\nb: c` d" NBSP ": e"},
		{"<!-- a: b\nc: d --> e: f\ng: h", "<!-- a: b\nc: d --> e" NBSP
		    ": f\ng" NBSP ": h"},
		{"`a\n\nb: c`", "`a\n\nb" NBSP ": c`"},
		{"", ""},
		{"a\r\nb: c\r\n", "a\r\nb" NBSP ": c\r\n"},
		/* Citations stay on one line. */
		{"(art. 33, \xc2\xa7 3, b))", "(art." NBSP "33," NBSP "\xc2\xa7"
		    NBSP "3," NBSP "b))"},
		{"art. 33, \xc2\xa7 1 ; art. 9", "art." NBSP "33," NBSP
		    "\xc2\xa7" NBSP "1" NNBSP "; art." NBSP "9"},
		{"art. 56, et", "art." NBSP "56, et"},
		{"\xc2\xa7 5, du RGPD", "\xc2\xa7" NBSP "5, du RGPD"},
		{"Part. 3 ; l'art. x", "Part. 3" NNBSP "; l'art. x"},
	};
	char a[1024], b[1024];

	(void)state;
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		assert_int_equal(fmt_typo_fr(c[i].in, strlen(c[i].in), &out),
		    FMT_OK);
		if (strcmp(buf_cstr(&out), c[i].want) != 0)
			fail_msg("case %zu\n  got  \"%s\"\n  want \"%s\"", i,
			    visible(buf_cstr(&out), a, sizeof a),
			    visible(c[i].want, b, sizeof b));
		/* Idempotent: a second pass changes nothing. */
		fmt_typo_fr(out.s, out.len, &again);
		if (strcmp(buf_cstr(&again), buf_cstr(&out)) != 0)
			fail_msg("case %zu not idempotent: \"%s\"", i,
			    visible(buf_cstr(&again), a, sizeof a));
		buf_truncate(&out, 0);
		buf_truncate(&again, 0);
	}
}

/* Text without its spaces of any kind: what typography may not change. */
static void
strip_spaces(const char *s, struct buf *b)
{
	buf_truncate(b, 0);
	while (*s != '\0') {
		if (*s == ' ')
			s++;
		else if (strncmp(s, NBSP, 2) == 0)
			s += 2;
		else if (strncmp(s, NNBSP, 3) == 0)
			s += 3;
		else
			buf_putc(b, *s++);
	}
}

/*
 * Pseudo-random Markdown made of the pieces that matter: the pass only
 * ever adds, removes or swaps spaces, and a second pass changes nothing.
 */
static void
typography_properties(void **state)
{
	static const char *const piece[] = {
		"mot", "\xc3\xa9t\xc3\xa9", " ", " ", ":", ";", "!", "?",
		"\xc2\xab", "\xc2\xbb", NBSP, NNBSP, "\n", "`", "``",
		"http://a.fr/b?c=1", "www.x.fr", "dpo@x.fr", "08:30", "12",
		"|", "-", "---", "[", "](", ")", "(", "<", ">", "<b>",
		"&amp;", "\\", "```", "    ", "*", "**", "\t", "\r",
	};
	struct buf text = BUF_INIT, a = BUF_INIT, b = BUF_INIT;
	uint32_t seed = 12345;
	char v1[1024], v2[1024];

	(void)state;
	for (int round = 0; round < 5000; round++) {
		buf_truncate(&text, 0);
		seed = seed * 1103515245u + 12345u;
		for (unsigned k = 0, n = 1 + (seed >> 16) % 24; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			buf_puts(&text, piece[(seed >> 16) %
			    (sizeof piece / sizeof piece[0])]);
		}
		assert_int_equal(fmt_typo_fr(text.s, text.len, &out), FMT_OK);
		fmt_typo_fr(out.s, out.len, &again);
		if (strcmp(buf_cstr(&again), buf_cstr(&out)) != 0)
			fail_msg("not idempotent on \"%s\"",
			    visible(text.s, v1, sizeof v1));
		strip_spaces(text.s, &a);
		strip_spaces(out.s, &b);
		if (strcmp(buf_cstr(&a), buf_cstr(&b)) != 0)
			fail_msg("\"%s\" became \"%s\"",
			    visible(text.s, v1, sizeof v1),
			    visible(out.s, v2, sizeof v2));
		buf_truncate(&out, 0);
		buf_truncate(&again, 0);
	}
	buf_free(&text);
	buf_free(&a);
	buf_free(&b);
}

/* --- no ambient state ------------------------------------------------ */

static void
no_ambient_locale(void **state)
{
	UChar tokyo[16];
	UErrorCode st = U_ZERO_ERROR;
	int64_t t = instant("2025-12-14T07:30:00Z");

	(void)state;
	fmt_cleanup();
	tz_cleanup();
	setenv("LC_ALL", "de_DE.UTF-8", 1);
	setenv("LANG", "ar_EG.UTF-8", 1);
	setenv("TZ", "Pacific/Kiritimati", 1);
	uloc_setDefault("ar_EG", &st);
	u_uastrcpy(tokyo, "Asia/Tokyo");
	ucal_setDefaultTimeZone(tokyo, &st);
	assert_int_equal(st, U_ZERO_ERROR);
	expect(fmt_datetime("fr", "Europe/Paris", t, &out),
	    "14 d\xc3\xa9" "cembre 2025 \xc3\xa0 8" NBSP "h" NBSP "30 (UTC+01:00)");
	expect(fmt_int("en", 28000000, &out), "28,000,000");
	expect(fmt_decimal("fr", 1.5, 1, &out), "1,5");
	expect(msg("fr", PEOPLE_FR, 28000000),
	    "28" NNBSP "000" NNBSP "000 personnes concern\xc3\xa9" "es");
	expect(fmt_duration("en", 3 * 86400 + 4 * 3600, FMT_DAYS | FMT_HOURS,
	    &out), "3 days and 4 hours");
}

static int
reset(void **state)
{
	(void)state;
	buf_truncate(&out, 0);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	fmt_cleanup();
	tz_cleanup();
	buf_free(&out);
	buf_free(&again);
	return 0;
}

/* --- other languages: German, ICU's own patterns, zone names ---------- */

#define LDQ "\xe2\x80\x9e"	/* „ */
#define RDQ "\xe2\x80\x9c"	/* “ */

static void
german(void **state)
{
	int64_t t = instant("2025-12-15T09:00:00Z");

	(void)state;
	expect(fmt_datetime("de", "Europe/Berlin", t, &out),
	    "15. Dezember 2025, 10:00 Uhr (UTC+01:00)");
	expect(fmt_date("de", "Europe/Berlin", t, &out), "15. Dezember 2025");
	/* The 1st is written like any other day. */
	expect(fmt_date("de", "UTC", instant("2026-03-01"), &out),
	    "1. M\xc3\xa4rz 2026");
	/* Grouping with a dot, decimal comma. */
	expect(fmt_int("de", 28000000, &out), "28.000.000");
	expect(fmt_decimal("de", 1.25, 2, &out), "1,25");
	expect(fmt_decimal("de", 0.5, 2, &out), "0,5");
	expect(fmt_duration("de", 3 * 86400 + 4 * 3600, FMT_DAYS | FMT_HOURS,
	    &out), "3 Tage und 4 Stunden");
	{
		static const char pat[] = "{n, plural, one {# Person} other "
		    "{# Personen}}";

		expect(fmt_message("de", pat, sizeof pat - 1, 28000000, NULL,
		    0, &out, NULL), "28.000.000 Personen");
	}
	/* A region keeps the language's rules, with its own words. */
	expect(fmt_datetime("de-AT", "Europe/Vienna",
	    instant("2026-01-15T09:00:00Z"), &out),
	    "15. J\xc3\xa4nner 2026, 10:00 Uhr (UTC+01:00)");
}

/* French writes every time "10 h 00", with no-break spaces. */
static void
french_times(void **state)
{
	(void)state;
	expect(fmt_datetime("fr", "Europe/Paris",
	    instant("2025-12-15T09:00:00Z"), &out),
	    "15 d\xc3\xa9" "cembre 2025 \xc3\xa0 10" NBSP "h" NBSP "00 "
	    "(UTC+01:00)");
	expect(fmt_datetime("fr", "Europe/Paris",
	    instant("2025-12-15T12:30:00Z"), &out),
	    "15 d\xc3\xa9" "cembre 2025 \xc3\xa0 13" NBSP "h" NBSP "30 "
	    "(UTC+01:00)");
}

/* A language without rules of its own: ICU's patterns, the offset kept. */
static void
icu_patterns(void **state)
{
	(void)state;
	expect(fmt_date("it", "UTC", instant("2025-12-15"), &out),
	    "15 dicembre 2025");
	expect(fmt_datetime("it", "Europe/Rome",
	    instant("2025-12-15T09:00:00Z"), &out),
	    "15 dicembre 2025 alle ore 10:00 (UTC+01:00)");
	expect(fmt_int("it", 28000000, &out), "28.000.000");
	assert_true(fmt_lang_ok("de"));
	assert_true(fmt_lang_ok("de-CH"));
	assert_false(fmt_lang_ok("xx"));
	assert_false(fmt_lang_ok("de_CH"));
}

static void
zone_names(void **state)
{
	int64_t t = instant("2025-12-15T09:00:00Z");

	(void)state;
	expect(fmt_zone_name("fr", "Europe/Berlin", t, &out),
	    "heure d\xe2\x80\x99" "Europe centrale");
	expect(fmt_zone_name("en", "Europe/Berlin", t, &out),
	    "Central European Time");
	expect(fmt_zone_name("de", "Europe/Berlin", t, &out),
	    "Mitteleurop\xc3\xa4ische Zeit");
	expect(fmt_zone_name("de", "Europe/Stockholm", t, &out),
	    "Mitteleurop\xc3\xa4ische Zeit");
	expect(fmt_zone_name("fr", "UTC", t, &out), "UTC");
	assert_int_equal(fmt_zone_name("fr", "Europe/Pariss", t, &out),
	    FMT_EZONE);
	assert_string_equal(buf_cstr(&out), "");
}

static void
typography_de(void **state)
{
	static const struct { const char *in, *want; } c[] = {
		{"Art. 33 Abs. 3 lit. b DSGVO", "Art." NBSP "33" NBSP "Abs."
		    NBSP "3" NBSP "lit." NBSP "b" NBSP "DSGVO"},
		{"(Art. 34 Abs. 1 DSGVO)", "(Art." NBSP "34" NBSP "Abs." NBSP
		    "1" NBSP "DSGVO)"},
		{"Art. 9; Art. 10", "Art." NBSP "9; Art." NBSP "10"},
		{"nach \xc2\xa7 51 BlnDSG.", "nach \xc2\xa7" NBSP "51" NBSP
		    "BlnDSG."},
		{"Art. 33 und", "Art." NBSP "33 und"},
		{"Start. 3", "Start. 3"},
		{"die Art. des Vorfalls", "die Art. des Vorfalls"},
		/* Quotes: „ opens after a space or the line start. */
		{"Daten der Art \"Sonstige\".", "Daten der Art " LDQ "Sonstige"
		    RDQ "."},
		{"\"a\" (\"b\")", LDQ "a" RDQ " (" LDQ "b" RDQ ")"},
		/* Left alone: code, URLs, HTML, French punctuation. */
		{"`\"x\"` <a href=\"y\">", "`\"x\"` <a href=\"y\">"},
		{"siehe https://x.example/?a=\"b\" dort: ja",
		    "siehe https://x.example/?a=\"b\" dort: ja"},
		{"Frist: 72 Stunden; ja!", "Frist: 72 Stunden; ja!"},
	};
	char a[1024], b[1024];

	(void)state;
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		assert_int_equal(fmt_typo("de", c[i].in, strlen(c[i].in),
		    &out), FMT_OK);
		if (strcmp(buf_cstr(&out), c[i].want) != 0)
			fail_msg("case %zu\n  got  \"%s\"\n  want \"%s\"", i,
			    visible(buf_cstr(&out), a, sizeof a),
			    visible(c[i].want, b, sizeof b));
		fmt_typo_de(out.s, out.len, &again);
		if (strcmp(buf_cstr(&again), buf_cstr(&out)) != 0)
			fail_msg("case %zu not idempotent: \"%s\"", i,
			    visible(buf_cstr(&again), a, sizeof a));
		buf_truncate(&out, 0);
		buf_truncate(&again, 0);
	}
	/* English has no pass; French has its own. */
	expect(fmt_typo("en", "a: \"b\"", 6, &out), "a: \"b\"");
	expect(fmt_typo("fr", "a: b", 4, &out), "a" NBSP ": b");
	assert_int_equal(fmt_typo("xx", "a", 1, &out), FMT_ELANG);
}

/* --- typography over a stream ------------------------------------------ */

/* The pass over text cut into pieces of step bytes (0: one line each)
 * must give the bytes of the pass over the whole. */
static void
stream_same(const char *lang, const char *text, size_t len, size_t step,
	    const char *what)
{
	struct fmt_typo_stream *ts = fmt_typo_stream_new(lang);
	struct buf whole = BUF_INIT, got = BUF_INIT;
	size_t i = 0;

	assert_non_null(ts);
	assert_int_equal(fmt_typo(lang, text, len, &whole), FMT_OK);
	while (i < len) {
		size_t n = step;

		if (step == 0) {
			const char *nl = memchr(text + i, '\n', len - i);

			n = nl ? (size_t)(nl - text - i) + 1 : len - i;
		}
		if (n > len - i)
			n = len - i;
		assert_int_equal(fmt_typo_stream_put(ts, text + i, n, &got),
				 FMT_OK);
		i += n;
	}
	assert_int_equal(fmt_typo_stream_end(ts, &got), FMT_OK);
	if (got.len != whole.len || memcmp(got.s, whole.s, got.len) != 0) {
		size_t k = 0;

		while (k < got.len && k < whole.len && got.s[k] == whole.s[k])
			k++;
		fail_msg("%s (%s, pieces of %zu): differs at byte %zu of %zu",
			 what, lang, step, k, whole.len);
	}
	fmt_typo_stream_free(ts);
	buf_free(&whole);
	buf_free(&got);
}

static void
typography_stream(void **state)
{
	static const char *const texts[] = {
		"a `b\nc` d: e\n\nf `g\n\nh: i\n",
		"x <!-- c\n\nd: -->\ne: f ?\n",
		"x <!-- never closed: a\n\nb: c\n",
		"```\na: b\n\n```\nc: d\n~~~~\n```\ne: f\n~~~~\ng: h",
		"    code: x\n\n    more: y\n|a|b|\n|---|---|\n    z: w\nv: u\n",
		"p\n|---|\n    q: r\n\n    s: t\n",
		"\xc2\xab a \xc2\xbb\n\"b\" Art. 33 Abs. 3 lit. b DSGVO: \"c\"\n",
		("art. 33, \xc2\xa7 3, b) ; voir https://x.example/a:b ; "
		    "m@x.example: &amp; [l](u:v) <b>t: u</b>\n"),
		"| a: b | c ? |\n| d | `e |\n| f: g | h` |\n\ni ! j\n",
		"no newline at the end: x",
		"\n\n\n: a\n? b\n",
	};
	static const char *const langs[] = { "fr", "de", "en" };
	static const char *const golden[] = {
		"tests/golden/md/register.fr.md",
		"tests/golden/md/register.de.md",
		"tests/golden/md/sc-2025-001.authority.fr.md",
		"tests/golden/md/sc-2025-001.authority.de.md",
	};
	static const size_t steps[] = { 0, 1, 2, 3, 5, 17, 64, 4096 };
	struct buf big = BUF_INIT;

	(void)state;
	for (size_t t = 0; t < sizeof texts / sizeof *texts; t++)
		for (size_t l = 0; l < 3; l++)
			for (size_t s = 0; s < sizeof steps / sizeof *steps;
			    s++)
				stream_same(langs[l], texts[t],
				    strlen(texts[t]), steps[s], texts[t]);
	/* A backtick never closed in a long table: still the same bytes
	 * (and the wait doubles, so this stays linear). */
	for (int i = 0; i < 3000; i++)
		buf_puts(&big, i == 5 ? "| `a: b |\n" : "| c: d ! |\n");
	buf_puts(&big, "\ne: f\n");
	stream_same("fr", big.s, big.len, 0, "open backtick");
	stream_same("fr", big.s, big.len, 7, "open backtick");
	buf_truncate(&big, 0);
	for (size_t g = 0; g < sizeof golden / sizeof *golden; g++) {
		FILE *fp = fopen(golden[g], "rb");
		char chunk[4096];
		size_t n;

		if (fp == NULL)
			fail_msg("cannot read %s (run from the top folder)",
				 golden[g]);
		buf_truncate(&big, 0);
		while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
			buf_put(&big, chunk, n);
		fclose(fp);
		for (size_t l = 0; l < 2; l++)
			for (size_t s = 0; s < sizeof steps / sizeof *steps;
			    s++)
				stream_same(langs[l], big.s, big.len,
				    steps[s], golden[g]);
	}
	buf_free(&big);
	assert_null(fmt_typo_stream_new("xx"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(dates_in_words, reset),
		cmocka_unit_test_setup(first_of_month, reset),
		cmocka_unit_test_setup(deadlines_in_words, reset),
		cmocka_unit_test_setup(date_errors, reset),
		cmocka_unit_test_setup(durations, reset),
		cmocka_unit_test_setup(numbers, reset),
		cmocka_unit_test_setup(plurals, reset),
		cmocka_unit_test_setup(apostrophes, reset),
		cmocka_unit_test_setup(string_args, reset),
		cmocka_unit_test_setup(message_errors, reset),
		cmocka_unit_test_setup(message_cache, reset),
		cmocka_unit_test_setup(message_robustness, reset),
		cmocka_unit_test_setup(nfc, reset),
		cmocka_unit_test_setup(typography, reset),
		cmocka_unit_test_setup(typography_properties, reset),
		cmocka_unit_test_setup(no_ambient_locale, reset),
		cmocka_unit_test_setup(german, reset),
		cmocka_unit_test_setup(french_times, reset),
		cmocka_unit_test_setup(icu_patterns, reset),
		cmocka_unit_test_setup(zone_names, reset),
		cmocka_unit_test_setup(typography_de, reset),
		cmocka_unit_test_setup(typography_stream, reset),
	};

	return cmocka_run_group_tests(tests, NULL, teardown);
}

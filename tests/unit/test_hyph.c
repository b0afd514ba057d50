/*
 * test_hyph.c - hyphenation points from Debian's patterns, with the
 * minimums of each language.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "hyph.h"

/* The word with '-' at every point, into out. */
static const char *
marked(const char *lang, const char *w, char *out)
{
	unsigned char pts[128];
	size_t i, k = 0, n = strlen(w);

	memset(pts, 0, sizeof pts);
	hyph_points(lang, w, n, pts);
	for (i = 0; i < n; i++) {
		if (pts[i])
			out[k++] = '-';
		out[k++] = w[i];
	}
	out[k] = '\0';
	return out;
}

static void
french(void **state)
{
	char out[256];

	(void)state;
	/* Three letters at least after the hyphen: not "confidentiali-té". */
	assert_string_equal(marked("fr", "confidentialité", out),
			    "confi-den-tia-lité");
	assert_string_equal(marked("fr-FR", "enregistrements", out),
			    "en-re-gis-tre-ments");
	assert_string_equal(marked("fr", "Disponibilité", out),
			    "Dis-po-ni-bi-lité");
	/* Each run of letters on its own: "l" is too short. */
	assert_string_equal(marked("fr", "l\xe2\x80\x99informatique", out),
			    "l\xe2\x80\x99in-for-ma-tique");
}

static void
english_and_german(void **state)
{
	char out[256];

	(void)state;
	assert_string_equal(marked("en", "notification", out),
			    "no-ti-fi-ca-tion");
	assert_string_equal(marked("en-GB", "availability", out),
			    "avail-abil-ity");
	/* Latin-1 patterns, UTF-8 word. */
	assert_true(hyph_has("de"));
	assert_non_null(strstr(marked("de", "Datenschutzbeh\xc3\xb6rde", out),
			       "-"));
	assert_null(strstr(marked("de", "Datenschutzbeh\xc3\xb6rde", out),
			   "\xc3\xb6-rde"));
	/* hyphen-de is read from its patterns level only (hyph.c,
	 * load_dict): compounds still break at their joins. */
	assert_string_equal(marked("de", "Datenschutzbeh\xc3\xb6rde", out),
			    "Daten-schutz-be-h\xc3\xb6r-de");
	assert_string_equal(marked("de", "Aufsichtsbeh\xc3\xb6rde", out),
			    "Auf-sichts-be-h\xc3\xb6r-de");
	assert_string_equal(marked("de", "Benachrichtigung", out),
			    "Be-nach-rich-ti-gung");
}

static void
none(void **state)
{
	unsigned char pts[32];

	(void)state;
	memset(pts, 0, sizeof pts);
	assert_int_equal(hyph_points("xx", "confidentiality", 15, pts), 0);
	assert_int_equal(hyph_points("fr", "2025", 4, pts), 0);
	assert_int_equal(hyph_points("fr", "abc", 3, pts), 0);
	assert_false(hyph_has("ja"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(french),
		cmocka_unit_test(english_and_german),
		cmocka_unit_test(none),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_authority.c - the supervisory-authority directory: the shipped
 * templates/authorities.yaml loads cleanly and holds what the reports
 * need; a broken directory gets each diagnostic at its line and column.
 * The shipped directory is checked here against ICU's zones of each
 * country (auth_load_strict), which runs skip to start in milliseconds.
 * Runs from the top of the repository.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "arena.h"
#include "authority.h"
#include "diag.h"
#include "load.h"

/* The 27 EU member states and Iceland, Liechtenstein, Norway. */
static const char *const eea[] = {
	"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI",
	"FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT",
	"NL", "PL", "PT", "RO", "SE", "SI", "SK", "IS", "LI", "NO",
};

struct fixture {
	struct arena *a;
	struct diags d;
	struct auth_dir *dir;
	int status;
	char tmp[64];
};

static void
dump(const struct diags *d)
{
	diag_print(d, stderr);
}

static int
setup_real(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	if (f == NULL)
		return -1;
	f->a = arena_new();
	diag_init(&f->d);
	f->dir = auth_load_strict(f->a, AUTH_DEFAULT_PATH, &f->d,
				  &f->status);
	if (f->d.n != 0)
		dump(&f->d);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	if (f->tmp[0] != '\0')
		unlink(f->tmp);
	diag_free(&f->d);
	arena_free(f->a);
	free(f);
	return 0;
}

static void
real_loads_cleanly(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(f->d.n, 0);
	assert_int_equal(f->status, 0);
	assert_non_null(f->dir);
	/* 26 national EU authorities besides Germany, BfDI, 16 Länder,
	 * 3 EEA EFTA, the ICO. */
	assert_int_equal(f->dir->n, 47);
}

static void
real_has_every_eea_country(void **state)
{
	struct fixture *f = *state;
	const struct authority *au;
	bool needs_region;
	size_t i;

	assert_non_null(f->dir);
	for (i = 0; i < sizeof eea / sizeof *eea; i++) {
		au = auth_for_country(f->dir, eea[i], &needs_region);
		if (strcmp(eea[i], "DE") == 0) {
			assert_null(au);
			assert_true(needs_region);
			continue;
		}
		if (au == NULL)
			fail_msg("no national authority for %s", eea[i]);
		assert_false(needs_region);
		assert_true(au->eea);
		assert_int_equal(au->scope, AUTH_NATIONAL);
		assert_string_equal(au->country, eea[i]);
		assert_non_null(au->name_fr);
		assert_non_null(au->name_en);
		assert_non_null(au->time_zone);
		assert_non_null(au->language);
	}
}

static void
real_has_every_land(void **state)
{
	static const char *const lands[] = {
		"BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV",
		"NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH",
	};
	struct fixture *f = *state;
	const struct authority *au;
	char region[8], code[8];
	size_t i;

	assert_non_null(f->dir);
	for (i = 0; i < sizeof lands / sizeof *lands; i++) {
		snprintf(region, sizeof region, "DE-%s", lands[i]);
		snprintf(code, sizeof code, "de-%c%c", lands[i][0] + 32,
			 lands[i][1] + 32);
		au = auth_for_region(f->dir, region);
		if (au == NULL)
			fail_msg("no authority for %s", region);
		assert_string_equal(au->code, code);
		assert_int_equal(au->scope, AUTH_REGIONAL);
		assert_string_equal(au->time_zone, "Europe/Berlin");
		assert_string_equal(au->language, "de");
	}
}

static void
real_worked_examples(void **state)
{
	struct fixture *f = *state;
	const struct authority *fr, *be, *bund, *ie, *pt, *gb;

	assert_non_null(f->dir);
	fr = auth_find(f->dir, "fr");
	assert_non_null(fr);
	assert_string_equal(fr->time_zone, "Europe/Paris");
	assert_string_equal(fr->short_name, "CNIL");
	assert_string_equal(auth_name(fr, "fr"),
			    "Commission nationale de l’informatique et des "
			    "libertés");
	assert_string_equal(auth_name(fr, "fr-BE"), auth_name(fr, "fr"));
	assert_string_equal(fr->address,
			    "3 place de Fontenoy\nTSA 80715\n"
			    "75334 Paris Cedex 07");
	assert_ptr_equal(auth_for_country(f->dir, "fr", NULL), fr);

	be = auth_find(f->dir, "DE-BE");
	assert_non_null(be);
	assert_string_equal(be->code, "de-be");
	assert_string_equal(be->time_zone, "Europe/Berlin");
	assert_string_equal(be->short_name, "BlnBDI");
	assert_string_equal(be->region, "DE-BE");
	assert_string_equal(auth_name(be, "de"),
			    "Berliner Beauftragte für Datenschutz und "
			    "Informationsfreiheit");
	assert_non_null(auth_name(be, "en"));
	assert_null(auth_name(be, "es"));
	assert_ptr_equal(auth_for_region(f->dir, "de-be"), be);

	bund = auth_find(f->dir, "de-bund");
	assert_non_null(bund);
	assert_int_equal(bund->scope, AUTH_FEDERAL);
	assert_null(bund->region);

	ie = auth_find(f->dir, "ie");
	assert_non_null(ie);
	assert_string_equal(ie->time_zone, "Europe/Dublin");
	assert_string_equal(ie->portal,
			    "https://forms.dataprotection.ie/"
			    "report-a-breach-of-personal-data");
	pt = auth_find(f->dir, "pt");
	assert_non_null(pt);
	assert_string_equal(pt->time_zone, "Europe/Lisbon");
	assert_string_equal(auth_find(f->dir, "es")->time_zone,
			    "Europe/Madrid");

	gb = auth_for_country(f->dir, "gb", NULL);
	assert_non_null(gb);
	assert_false(gb->eea);
	assert_string_equal(gb->short_name, "ICO");

	assert_null(auth_find(f->dir, "zz"));
	assert_null(auth_for_country(f->dir, "US", NULL));
	assert_null(auth_for_region(f->dir, "FR-IDF"));
}

/* Writes text to a temporary file and loads it as a directory, as the
 * tests do (strict) or as a run does. */
static void
load_text_as(struct fixture *f, const char *text, bool strict)
{
	FILE *fp;
	int fd;

	strcpy(f->tmp, "/tmp/test_authority.XXXXXX");
	fd = mkstemp(f->tmp);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	assert_int_equal(fputs(text, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
	f->dir = (strict ? auth_load_strict : auth_load)(f->a, f->tmp, &f->d,
							 &f->status);
}

static void
load_text(struct fixture *f, const char *text)
{
	load_text_as(f, text, true);
}

static int
setup_empty(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	if (f == NULL)
		return -1;
	f->a = arena_new();
	diag_init(&f->d);
	*state = f;
	return 0;
}

/* Asserts that a diagnostic at line:col of that level holds text. */
static void
expect(const struct fixture *f, unsigned line, unsigned col,
       enum diag_level level, const char *text)
{
	char buf[512];
	size_t i;

	for (i = 0; i < f->d.n; i++) {
		const struct diag *dg = &f->d.v[i];

		if (dg->pos.line != line || dg->pos.col != col ||
		    dg->level != level)
			continue;
		assert_non_null(dg->pos.file);
		assert_string_equal(dg->pos.file, f->tmp);
		if (strstr(dg->text, text) != NULL)
			return;
	}
	for (i = 0; i < f->d.n; i++) {
		diag_format(&f->d.v[i], buf, sizeof buf);
		fprintf(stderr, "# got: %s\n", buf);
	}
	fail_msg("no diagnostic at %u:%u with \"%s\"", line, col, text);
}

static const char bad_entries[] =
	"authorities:\n"				/* 1 */
	"  - code: fr\n"				/* 2 */
	"    country: FR\n"
	"    name:\n"
	"      fr: Un\n"				/* 5 */
	"      en: One\n"
	"    time_zone: Europe/Paris\n"
	"    language: fr\n"
	"  - code: fr\n"				/* 9 */
	"    country: FR\n"				/* 10 */
	"    name: {fr: Deux, en: Two}\n"
	"    time_zone: Europe/Pariss\n"		/* 12 */
	"    language: fr\n"
	"    timezone: Europe/Paris\n"			/* 14 */
	"  - code: xx\n"				/* 15 */
	"    country: XX\n"				/* 16 */
	"    name:\n"
	"      en: Only English\n"			/* 18 */
	"    language: fr_FR\n"				/* 19 */
	"  - code: de-be\n"				/* 20 */
	"    country: DE\n"
	"    region: DE-BE\n"				/* 22 */
	"    scope: national\n"
	"    name: {fr: Berlin, en: Berlin}\n"
	"    time_zone: GMT+1\n"			/* 25 */
	"    language: de\n"
	"    portal: http://example.org/\n";		/* 27 */

static void
bad_entries_diagnosed(void **state)
{
	struct fixture *f = *state;

	load_text(f, bad_entries);
	assert_null(f->dir);
	assert_int_equal(f->status, EXIT_DATAERR);
	expect(f, 9, 11, DIAG_ERROR, "code 'fr' is used twice");
	expect(f, 2, 5, DIAG_NOTE, "'fr' is first used here");
	expect(f, 12, 16, DIAG_ERROR, "time zone 'Europe/Pariss' is unknown");
	expect(f, 14, 5, DIAG_ERROR,
	       "unknown key 'timezone' in an authority; did you mean "
	       "'time_zone'?");
	expect(f, 15, 5, DIAG_ERROR, "authority 'xx' has no 'time_zone'");
	expect(f, 16, 14, DIAG_ERROR, "XX is not in the EU or EEA");
	expect(f, 18, 7, DIAG_ERROR, "'name' has no French name");
	expect(f, 19, 15, DIAG_ERROR, "language 'fr_FR' is not a BCP 47");
	expect(f, 22, 13, DIAG_ERROR, "a national authority has no region");
	expect(f, 25, 16, DIAG_ERROR, "time zone 'GMT+1' is unknown");
	expect(f, 27, 13, DIAG_ERROR, "portal 'http://example.org/' is not");
	assert_int_equal(f->d.errors, 10);
	assert_int_equal(f->d.n, 11);
}

static void
bad_top_level(void **state)
{
	struct fixture *f = *state;

	load_text(f, "authority:\n  - code: fr\n");
	assert_null(f->dir);
	expect(f, 1, 1, DIAG_ERROR,
	       "unknown key 'authority' in the directory; did you mean "
	       "'authorities'?");
	expect(f, 1, 1, DIAG_ERROR, "no 'authorities:' list");
	assert_int_equal(f->d.n, 2);
}

static void
bad_kinds(void **state)
{
	struct fixture *f = *state;

	load_text(f,
		  "authorities:\n"
		  "  - code: [fr]\n"			/* 2 */
		  "    country: FR\n"
		  "    name: CNIL\n"			/* 4 */
		  "    time_zone: Europe/Paris\n"
		  "    language: fr\n"
		  "    eea: yes\n"			/* 7 */
		  "  - plain text\n");			/* 8 */
	assert_null(f->dir);
	expect(f, 2, 11, DIAG_ERROR, "'code' is a list");
	expect(f, 4, 11, DIAG_ERROR, "'name' is a string");
	expect(f, 7, 10, DIAG_ERROR, "'eea' is true or false, not a string");
	expect(f, 8, 5, DIAG_ERROR, "an authority is a map");
	assert_int_equal(f->d.n, 4);
}

static void
two_nationals_refused(void **state)
{
	struct fixture *f = *state;

	load_text(f,
		  "authorities:\n"
		  "  - code: de\n"
		  "    country: DE\n"
		  "    name: {fr: A, en: A}\n"
		  "    time_zone: Europe/Berlin\n"
		  "    language: de\n"
		  "  - code: de-be\n"			/* 7 */
		  "    country: DE\n"
		  "    region: DE-BE\n"
		  "    name: {fr: B, en: B}\n"
		  "    time_zone: Europe/Berlin\n"
		  "    language: de\n");
	assert_null(f->dir);
	expect(f, 7, 5, DIAG_ERROR,
	       "DE has both a national authority and regional ones");
	assert_int_equal(f->d.n, 1);
}

static const char zone_of_neighbour[] =
	"authorities:\n"
	"  - code: pt\n"
	"    country: PT\n"
	"    name: {fr: CNPD, en: CNPD}\n"
	"    time_zone: Europe/Madrid\n"		/* 5 */
	"    language: pt\n"
	"  - code: cy\n"
	"    country: CY\n"
	"    name: {fr: C, en: C}\n"
	"    time_zone: Europe/Nicosia\n"		/* alias: fine */
	"    language: el\n";

static void
zone_outside_country(void **state)
{
	struct fixture *f = *state;

	load_text(f, zone_of_neighbour);
	assert_null(f->dir);
	expect(f, 5, 16, DIAG_ERROR,
	       "time zone 'Europe/Madrid' is not a zone of PT; write the zone "
	       "of the authority's seat: ");
	expect(f, 5, 16, DIAG_ERROR, "Europe/Lisbon");
	assert_int_equal(f->d.n, 1);
}

/* A run skips the walk of ICU's zone list (the tests above made sure of
 * the shipped file) but still refuses a zone ICU does not know. */
static void
run_load_skips_country_zones(void **state)
{
	struct fixture *f = *state;

	load_text_as(f, zone_of_neighbour, false);
	assert_non_null(f->dir);
	assert_int_equal(f->d.n, 0);
	assert_string_equal(auth_find(f->dir, "pt")->time_zone,
			    "Europe/Madrid");
	unlink(f->tmp);
	load_text_as(f, bad_entries, false);
	assert_null(f->dir);
	expect(f, 12, 16, DIAG_ERROR, "time zone 'Europe/Pariss' is unknown");
	expect(f, 25, 16, DIAG_ERROR, "time zone 'GMT+1' is unknown");
}

static void
missing_file(void **state)
{
	struct fixture *f = *state;

	f->dir = auth_load(f->a, "/nonexistent/authorities.yaml", &f->d,
			   &f->status);
	assert_null(f->dir);
	assert_int_equal(f->status, EXIT_NOINPUT);
	assert_true(f->d.errors >= 1);
}

/* Names in other languages, articles and accepted filing languages. */
static void
articles_and_languages(void **state)
{
	struct fixture *f = *state;
	const struct authority *au;

	load_text(f,
	    "authorities:\n"
	    "  - code: se\n"
	    "    country: SE\n"
	    "    name:\n"
	    "      fr: Autorit\xc3\xa9 su\xc3\xa9" "doise\n"
	    "      en: Swedish Authority\n"
	    "      de: Schwedische Datenschutzbeh\xc3\xb6rde\n"
	    "    article:\n"
	    "      fr: \"l\xe2\x80\x99\"\n"
	    "      de: die\n"
	    "    time_zone: Europe/Stockholm\n"
	    "    language: sv\n"
	    "    accepts: [en]\n");
	dump(&f->d);
	assert_non_null(f->dir);
	au = auth_find(f->dir, "se");
	assert_string_equal(auth_name(au, "de-AT"),
			    "Schwedische Datenschutzbeh\xc3\xb6rde");
	assert_string_equal(auth_name_with_article(f->a, au, "fr"),
			    "l\xe2\x80\x99" "Autorit\xc3\xa9 su\xc3\xa9" "doise");
	assert_string_equal(auth_name_with_article(f->a, au, "de"),
			    "die Schwedische Datenschutzbeh\xc3\xb6rde");
	assert_null(auth_name_with_article(f->a, au, "en"));
	assert_true(auth_takes_language(au, "sv"));
	assert_true(auth_takes_language(au, "en-GB"));
	assert_false(auth_takes_language(au, "fr"));
}

static void
bad_articles(void **state)
{
	struct fixture *f = *state;

	load_text(f,
	    "authorities:\n"
	    "  - code: se\n"
	    "    country: SE\n"
	    "    name: {fr: a, en: b, french: c}\n"
	    "    article: le\n"
	    "    time_zone: Europe/Stockholm\n"
	    "    language: sv\n"
	    "    accepts: [1x]\n");
	assert_null(f->dir);
	expect(f, 4, 34, DIAG_ERROR, "'french' under 'name' is not a language");
	expect(f, 5, 14, DIAG_ERROR, "'article' is a string; write a map");
	expect(f, 8, 15, DIAG_ERROR, "'accepts' lists languages");
}

int
main(void)
{
	const struct CMUnitTest real[] = {
		cmocka_unit_test(real_loads_cleanly),
		cmocka_unit_test(real_has_every_eea_country),
		cmocka_unit_test(real_has_every_land),
		cmocka_unit_test(real_worked_examples),
	};
	const struct CMUnitTest bad[] = {
		cmocka_unit_test_setup_teardown(bad_entries_diagnosed,
						setup_empty, teardown),
		cmocka_unit_test_setup_teardown(bad_top_level, setup_empty,
						teardown),
		cmocka_unit_test_setup_teardown(bad_kinds, setup_empty,
						teardown),
		cmocka_unit_test_setup_teardown(two_nationals_refused,
						setup_empty, teardown),
		cmocka_unit_test_setup_teardown(zone_outside_country,
						setup_empty, teardown),
		cmocka_unit_test_setup_teardown(run_load_skips_country_zones,
						setup_empty, teardown),
		cmocka_unit_test_setup_teardown(missing_file, setup_empty,
						teardown),
		cmocka_unit_test_setup_teardown(articles_and_languages,
						setup_empty, teardown),
		cmocka_unit_test_setup_teardown(bad_articles, setup_empty,
						teardown),
	};
	int failed;

	failed = cmocka_run_group_tests_name("authority directory", real,
					     setup_real, teardown);
	failed += cmocka_run_group_tests_name("authority diagnostics", bad,
					      NULL, NULL);
	return failed ? 1 : 0;
}

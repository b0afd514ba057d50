/*
 * test_rules.c - the property of issue 9, point 4: a ground never
 * asserts a fact the file does not give.
 *
 * For every fixture (tests/assess/ and incidents/) and every rule that
 * holds on it, each fact the rule reads (its `reads` in rules.c) is set
 * to unknown in turn: removed, and tbd / not_known / cannot_assess where
 * the field has that answer. The rule must then no longer hold (a rule
 * "not known" names the fact instead). Every rule of the table must hold
 * in at least one fixture, so that no rule escapes the check.
 */
#include <glob.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "enisa.h"
#include "incident.h"
#include "rules.h"
#include "schema.h"

/* The field at a dotted path and its offset from the incident's start;
 * NULL for a path through a list. */
static const struct sch_field *
locate(const char *path, size_t *off)
{
	const struct sch_field *t = sch_root, *f = NULL;
	size_t base = 0;

	while (*path) {
		size_t len = strcspn(path, ".");

		if (t == NULL)
			return NULL;
		for (f = t; f->name; f++)
			if (strlen(f->name) == len &&
			    strncmp(f->name, path, len) == 0)
				break;
		if (f->name == NULL)
			return NULL;
		base += f->off;
		t = f->type == SCH_GROUP ? f->sub : NULL;
		path += len;
		if (*path == '.')
			path++;
	}
	*off = base;
	return f;
}

/* The "unknown" answers an enum offers, besides leaving it out. */
static int
unknown_value(const struct sch_enum *en, int k)
{
	static const char *const words[] = {"tbd", "not_known",
	    "cannot_assess", "undetermined"};
	int found = 0;

	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		int v = sch_value(en, words[i]);

		if (v != 0 && found++ == k)
			return v;
	}
	return -1;
}

/* Sets the fact at path to unknown in inc; variant 0 removes it, 1 and
 * 2 write an enum's tbd-like answers. Returns false when there is no
 * such variant. */
static bool
make_unknown(struct incident *inc, const char *path, int variant)
{
	size_t off = 0;
	const struct sch_field *f = locate(path, &off);
	char *p = (char *)inc + off;
	int v;

	if (f == NULL)
		fail_msg("no field %s", path);
	if (variant > 0 && f->type != SCH_ENUM && f->type != SCH_SET)
		return false;
	switch (f->type) {
	case SCH_ENUM:
		if (variant == 0) {
			*(int *)p = 0;
			return true;
		}
		if ((v = unknown_value(f->en, variant - 1)) < 0)
			return false;
		*(int *)p = v;
		return true;
	case SCH_SET:
		if (variant == 0) {
			*(inc_set *)p = 0;
			return true;
		}
		if (variant > 1 || (v = sch_value(f->en, "tbd")) == 0)
			return false;
		*(inc_set *)p = (inc_set)1 << v;
		return true;
	case SCH_BOOL:
		*(bool *)p = false;
		return true;
	case SCH_COUNT:
		((struct inc_count *)p)->value = -1;
		return true;
	case SCH_TIME:
		((struct inc_time *)p)->set = false;
		return true;
	case SCH_TEXT:
		memset(p, 0, sizeof(struct inc_text));
		return true;
	case SCH_LIST:
		*(size_t *)((char *)inc + off - f->off + f->count_off) = 0;
		return true;
	default:
		fail_msg("rule reads %s, of a type the test cannot blank",
		    path);
	}
	return false;
}

static bool
holds(const struct incident *inc, const struct rule *r)
{
	struct enisa_score s;
	struct rules_result rr;

	enisa_score(inc, &s);
	rules_run(inc, &s, &rr);
	for (size_t i = 0; i < rr.nfired; i++)
		if (rr.fired[i].rule == r)
			return true;
	return false;
}

/* Blanks every path of one alternative group ("a|b|c") in inc. */
static bool
blank_group(struct incident *inc, const char *grp, size_t len, int variant)
{
	bool any = false;
	char path[128];

	while (len > 0) {
		size_t n = strcspn(grp, "|");

		if (n > len)
			n = len;
		assert_true(n < sizeof path);
		memcpy(path, grp, n);
		path[n] = '\0';
		/* An alternative without this answer is left out. */
		if (make_unknown(inc, path, variant))
			any = true;
		else
			make_unknown(inc, path, 0);
		grp += n;
		len -= n;
		if (len > 0 && *grp == '|') {
			grp++;
			len--;
		}
	}
	return any;
}

/* A fixture's header may give the outcome its source gives:
 * "# Expected: notify_authority B, communicate_subjects B". */
static size_t nexpected;

static void
expected(const char *file, const struct rules_result *rr)
{
	FILE *fp = fopen(file, "r");
	char line[512];

	assert_non_null(fp);
	while (fgets(line, sizeof line, fp) != NULL && line[0] == '#') {
		char n[8], c[8];

		if (sscanf(line, "# Expected: notify_authority %7[a-z], "
		    "communicate_subjects %7s", n, c) != 2)
			continue;
		if ((strcmp(n, "true") == 0) != rr->notify ||
		    (strcmp(c, "true") == 0) != rr->communicate)
			fail_msg("%s: notify %d communicate %d, the source "
			    "says %s %s", file, rr->notify, rr->communicate,
			    n, c);
		nexpected++;
	}
	fclose(fp);
}

/* A ground that names a fact by its path names one that the labels
 * title (rules_open_facts): a filing never prints the path. */
static void
open_fact(const char *file, const struct rules_fired *f)
{
	const char *a = f->hit.a;
	size_t i;

	if (a == NULL || f->hit.a_enum != NULL || strchr(a, '.') == NULL)
		return;
	for (i = 0; rules_open_facts[i]; i++)
		if (strcmp(rules_open_facts[i], a) == 0)
			return;
	fail_msg("%s: rule %s names %s, which is not in rules_open_facts: "
	    "add it there and its title under fields: in every labels.yaml",
	    file, f->rule->id, a);
}

static void
check_file(const char *file, bool *covered, size_t *checks)
{
	struct arena *a = arena_new();
	struct diags d;
	struct incident *inc;
	struct enisa_score s;
	struct rules_result rr;
	int st;

	diag_init(&d);
	inc = incident_load(a, file, &d, &st);
	if (inc == NULL) {
		diag_print(&d, stderr);
		fail_msg("%s does not load", file);
	}
	enisa_score(inc, &s);
	rules_run(inc, &s, &rr);
	expected(file, &rr);
	for (size_t i = 0; i < rr.nfired; i++) {
		const struct rule *r = rr.fired[i].rule;
		const char *p = r->reads;

		covered[r - rules_table] = true;
		open_fact(file, &rr.fired[i]);
		while (*p) {
			size_t len = strcspn(p, " ");

			for (int variant = 0; variant < 4; variant++) {
				struct incident copy = *inc;

				if (!blank_group(&copy, p, len, variant))
					continue;
				(*checks)++;
				if (holds(&copy, r))
					fail_msg("%s: rule %s still holds with "
					    "%.*s unknown (variant %d): its "
					    "ground would assert it", file,
					    r->id, (int)len, p, variant);
			}
			p += len;
			while (*p == ' ')
				p++;
		}
	}
	diag_free(&d);
	arena_free(a);
}

static void
no_ground_outruns_the_file(void **state)
{
	static const char *const pats[] = {"tests/assess/*.yaml",
	    "tests/assess/*/*.yaml", "incidents/*.yaml"};
	bool covered[128] = {false};
	size_t checks = 0, nfiles = 0, missing = 0;

	(void)state;
	assert_true(rules_count < 128);
	for (size_t k = 0; k < sizeof pats / sizeof pats[0]; k++) {
		glob_t g;

		if (glob(pats[k], 0, NULL, &g) != 0)
			continue;
		for (size_t i = 0; i < g.gl_pathc; i++, nfiles++)
			check_file(g.gl_pathv[i], covered, &checks);
		globfree(&g);
	}
	assert_true(nfiles >= 49);
	/* Every rule that reads facts held somewhere and was checked. */
	for (size_t i = 0; i < rules_count; i++)
		if (*rules_table[i].reads && !covered[i]) {
			fprintf(stderr, "rule %s (%s) holds in no fixture\n",
			    rules_table[i].id, rules_table[i].key);
			missing++;
		}
	if (missing)
		fail_msg("%zu rules hold in no fixture: add one under "
		    "tests/assess/rules/", missing);
	assert_true(checks >= 200);
	/* The Annex B, 01/2021 and coverage fixtures all state theirs. */
	assert_true(nexpected >= 42);
}

/* The wording never prints a placeholder: every {..} of the English
 * text is filled. */
static void
english_text_filled(void **state)
{
	struct arena *a = arena_new();
	struct rules_fired f;
	struct incident inc;

	(void)state;
	memset(&inc, 0, sizeof inc);
	for (size_t i = 0; i < rules_count; i++) {
		const char *t;

		memset(&f, 0, sizeof f);
		f.rule = &rules_table[i];
		f.hit.n = 3;
		f.hit.a = "x";
		t = rules_text(a, &inc, &f);
		if (strchr(t, '{') != NULL)
			fail_msg("rule %s: '%s'", rules_table[i].id, t);
	}
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(no_ground_outruns_the_file),
		cmocka_unit_test(english_text_filled),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

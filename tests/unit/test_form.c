/* test_form.c - the form files load and name only fields and keys of the
 * schema; a bad form file is refused at file:line:col; every question of
 * every form is answered or listed as unanswered for the examples; the
 * answers follow the form's lists, dates and tbd wording. */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <dirent.h>

#include <cmocka.h>

#include "authority.h"
#include "form.h"
#include "incident.h"
#include "load.h"

static const char *const forms[] = { "fr", "de-be", "se", "ie", "gb", NULL };
static const char *const incidents[] = {
	"incidents/sc-2025-001.yaml", "incidents/sc-2025-001-initial.yaml",
	"incidents/sp-2026-001.yaml", "tests/fixtures/valid-full.yaml",
	"tests/fixtures/valid-uk.yaml", "tests/fixtures/valid-minimal.yaml",
	"tests/fixtures/valid-incomplete.yaml", NULL
};

static struct form *
load_form(struct arena *a, const char *code)
{
	struct diags d;
	struct form *f;
	int st = 0;

	diag_init(&d);
	f = form_load(a, arena_printf(a, "templates/forms/%s.yaml", code), &d,
		      &st);
	diag_print(&d, stderr);
	assert_int_equal(d.n, 0);
	diag_free(&d);
	return f;
}

/* Every file of templates/forms/ loads, and names its authority. */
static void
test_forms_load(void **s)
{
	struct arena *a = arena_new();
	DIR *dir = opendir("templates/forms");
	struct dirent *e;
	size_t n = 0;

	(void)s;
	assert_non_null(dir);
	while ((e = readdir(dir)) != NULL) {
		size_t len = strlen(e->d_name);
		struct form *f;
		char *code;

		if (len < 6 || strcmp(e->d_name + len - 5, ".yaml") != 0)
			continue;
		code = arena_printf(a, "%.*s", (int)(len - 5), e->d_name);
		f = load_form(a, code);
		assert_non_null(f);
		assert_string_equal(form_authority(f), code);
		assert_true(form_nquestions(f) > 10);
		n++;
	}
	closedir(dir);
	assert_true(n >= 5);
	arena_free(a);
}

/* The diagnostics of a bad form file, one string. */
static char *
bad(struct arena *a, const char *yaml)
{
	static const char head[] =
	    "form: 1\nauthority: fr\nlanguage: fr\ntitle: T\nurl: U\n"
	    "source: S\ndate: dd\ndatetime: dd\nwords: {heading: h, intro: i,"
	    " form: f, incident: i, time_zone: t, summary: s, answered: a,"
	    " partly: p, unanswered: u, not_applicable: n, no_answer: n,"
	    " partial: p, tbd: t, no_option: n, in_language: i,"
	    " unanswered_heading: u, unanswered_intro: u, field: f,"
	    " no_field: n, attach_heading: a, attach_intro: a, unchecked: u,"
	    " source: s, page: p, confidential: c, controller: c,"
	    " addressee: a, date: d, reference: r, to_translate: t}\n";
	char *text = arena_printf(a, "%s%s", head, yaml);
	struct diags d;
	struct node *root;
	char msg[512], *all = "";

	diag_init(&d);
	root = load_buffer(a, "bad.yaml", text, strlen(text), &d);
	assert_non_null(root);
	assert_null(form_from_node(a, root, &d));
	for (size_t i = 0; i < d.n; i++) {
		diag_format(&d.v[i], msg, sizeof msg);
		all = arena_printf(a, "%s%s\n", all, msg);
	}
	diag_free(&d);
	if (getenv("FORM_TEST_DEBUG"))
		fputs(all, stderr);
	return all;
}

static void
test_bad_forms(void **s)
{
	struct arena *a = arena_new();
	char *m;

	(void)s;
	/* A field the schema does not have. */
	m = bad(a, "sections:\n- title: A\n  questions:\n"
		"  - label: Q\n    from: timeline.awareness_at\n");
	assert_non_null(strstr(m, "bad.yaml:14:11: error: "
	    "'timeline.awareness_at' is not a field of the incident file"));
	/* An option naming a key its field does not have. */
	m = bad(a, "sections:\n- title: A\n  questions:\n"
		"  - label: Q\n    from: nature.cause\n    options:\n"
		"    - {label: O, keys: [external_malicious, hacker]}\n");
	assert_non_null(strstr(m, "bad.yaml:16:45: error: 'hacker' is not "
	    "a key of 'nature.cause'"));
	/* A key of another field, named path=key. */
	m = bad(a, "sections:\n- title: A\n  questions:\n"
		"  - label: Q\n    from: nature.cause\n    options:\n"
		"    - {label: O, keys: [data.types=emails]}\n");
	assert_non_null(strstr(m, "'emails' is not a key of 'data.types'"));
	/* A closed list needs the form's options. */
	m = bad(a, "sections:\n- title: A\n  questions:\n"
		"  - label: Q\n    from: nature.breach\n");
	assert_non_null(strstr(m, "bad.yaml:14:11: error: 'nature.breach' "
	    "is answered from the form's list: add options:"));
	/* Options on free text, a group, an unknown key, a bad condition. */
	m = bad(a, "sections:\n- title: A\n  questions:\n"
		"  - label: Q\n    from: nature.description\n    options:\n"
		"    - {label: O, keys: [x]}\n");
	assert_non_null(strstr(m, "'nature.description' has no keys"));
	m = bad(a, "sections:\n- title: A\n  questions:\n"
		"  - label: Q\n    from: controller.contact\n");
	assert_non_null(strstr(m, "'controller.contact' is not a field of the "
	    "incident file but a group"));
	m = bad(a, "sections:\n- title: A\n  if: nature.cause=rain\n"
		"  questions:\n  - label: Q\n    lable: R\n");
	assert_non_null(strstr(m, "'rain' is not a key of 'nature.cause'"));
	assert_non_null(strstr(m, "bad.yaml:15:5: error: unknown key 'lable'"));
	arena_free(a);
}

/* Counts the questions of a view by state, and the todo list. */
static void
walk(const struct node *v, size_t *lines_na, size_t *todo)
{
	const struct node *secs = node_get(v, "sections"), *t;

	*lines_na = 0;
	for (size_t i = 0; secs && i < secs->u.list.n; i++) {
		const struct node *ql = node_get(secs->u.list.items[i],
						 "questions");

		for (size_t k = 0; k < ql->u.list.n; k++) {
			const struct node *q = ql->u.list.items[k];
			int states = (node_get(q, "answered") != NULL) +
			    (node_get(q, "partly") != NULL) +
			    (node_get(q, "unanswered") != NULL) +
			    (node_get(q, "not_applicable") != NULL);

			/* Exactly one state per question. */
			assert_int_equal(states, 1);
			/* An answered question has something to copy. */
			if (node_get(q, "answered"))
				assert_non_null(node_get(q, "lines"));
			*lines_na += node_get(q, "not_applicable") != NULL;
		}
	}
	t = node_get(v, "todo");
	*todo = t ? t->u.list.n : 0;
}

/* Every question of every form is answered, partly answered, not
 * applicable, or listed at the end with the field to fill. */
static void
test_every_question(void **s)
{
	struct arena *a = arena_new();
	struct diags d;
	struct auth_dir *dir;
	int st;

	(void)s;
	diag_init(&d);
	dir = auth_load(a, "templates/authorities.yaml", &d, &st);
	assert_non_null(dir);
	for (size_t i = 0; incidents[i]; i++) {
		struct incident *inc = incident_load(a, incidents[i], &d, &st);

		assert_non_null(inc);
		for (size_t k = 0; forms[k]; k++) {
			struct form *f = load_form(a, forms[k]);
			struct form_counts c;
			const char *langs[] = { "en" };
			struct node *v;
			size_t na, todo;

			v = form_view(a, f, inc, auth_find(dir, forms[k]), dir,
				      langs, 1, &c, &d);
			assert_non_null(v);
			assert_int_equal(c.total, form_nquestions(f));
			assert_int_equal(c.answered + c.partly + c.unanswered +
					 c.not_applicable, c.total);
			walk(v, &na, &todo);
			assert_int_equal(todo, c.partly + c.unanswered);
			assert_true(na <= c.not_applicable);
		}
	}
	diag_print(&d, stderr);
	diag_free(&d);
	arena_free(a);
}

/* The text of the answer lines of the question labelled label. */
static const char *
answer_of(struct arena *a, const struct node *v, const char *label)
{
	const struct node *secs = node_get(v, "sections");

	for (size_t i = 0; i < secs->u.list.n; i++) {
		const struct node *ql = node_get(secs->u.list.items[i],
						 "questions");

		for (size_t k = 0; k < ql->u.list.n; k++) {
			const struct node *q = ql->u.list.items[k];
			const struct node *l = node_get(q, "lines");
			const char *r = "";

			if (strcmp(node_get(q, "label")->u.str.s, label) != 0)
				continue;
			for (size_t j = 0; l && j < l->u.list.n; j++) {
				const struct node *n = l->u.list.items[j];
				const struct node *note = node_get(n,
								   "lang_note");

				r = arena_printf(a, "%s%s%s%s|", r,
				    node_get(n, "text")->u.str.s,
				    note ? " / " : "",
				    note ? note->u.str.s : "");
			}
			return r;
		}
	}
	return NULL;
}

static struct node *
view_of(struct arena *a, const char *file, const char *code)
{
	struct diags d;
	struct auth_dir *dir;
	struct incident *inc;
	const char *langs[] = { "fr", "en" };
	int st;
	struct node *v;

	diag_init(&d);
	dir = auth_load(a, "templates/authorities.yaml", &d, &st);
	inc = incident_load(a, file, &d, &st);
	assert_non_null(inc);
	v = form_view(a, load_form(a, code), inc, auth_find(dir, code), dir,
		      langs, 2, NULL, &d);
	diag_free(&d);
	return v;
}

/* The form's options for the incident's keys, its date format, its
 * wording for tbd, and free text marked with its language. */
static void
test_answers(void **s)
{
	struct arena *a = arena_new();
	struct node *v;

	(void)s;
	v = view_of(a, "incidents/sc-2025-001.yaml", "fr");
	assert_string_equal(answer_of(a, v, "Circonstances de la violation"),
	    "Perte de confidentialité (divulgation ou accès non autorisé(e) ou "
	    "accidentel(le) à des données à caractère personnel)|Perte de "
	    "disponibilité (destruction ou perte accidentelle ou non autorisée "
	    "de données à caractère personnel)|");
	assert_string_equal(answer_of(a, v, "Cause(s) de la violation"),
	    "Acte externe malveillant|");
	assert_string_equal(answer_of(a, v, "Date et heure du début de la "
	    "violation"), "09/12/2025 03:12|");
	assert_string_equal(answer_of(a, v, "Existence d’un ou de plusieurs "
	    "sous-traitant(s) des données visées par la violation"), "Non|");
	/* users has no option of its own on the CNIL list: "Autre", with
	 * the file's description. */
	assert_non_null(strstr(answer_of(a, v, "Catégorie(s) de personnes"),
	    "Autre (à préciser)|Titulaires de comptes SoundCloud"));
	/* The integrity and availability consequences share one list. */
	assert_non_null(strstr(answer_of(a, v, "Conséquences probables de la "
	    "violation"), "|Autre (à préciser)|"));

	v = view_of(a, "incidents/sc-2025-001-initial.yaml", "fr");
	assert_string_equal(answer_of(a, v, "Cause(s) de la violation"),
	    "Ne sait pas pour l’instant|");
	assert_string_equal(answer_of(a, v, "Nombre (éventuellement "
	    "approximatif) de personnes concernées"),
	    "Ne sait pas pour l’instant|");

	v = view_of(a, "incidents/sc-2025-001.yaml", "de-be");
	assert_string_equal(answer_of(a, v, "Zeitpunkt der Kenntnisnahme "
	    "durch den Verantwortlichen"), "12.12.2025, 13:30|");
	/* The example is filed in German too (issue 11, languages): the
	 * answer is its German text, with no note on the language. */
	assert_non_null(strstr(answer_of(a, v, "Beschreibung des Vorfalls"),
	    "Ein unbefugter Dritter verschaffte sich Zugang"));
	assert_null(strstr(answer_of(a, v, "Beschreibung des Vorfalls"),
	    "nur auf Englisch"));
	assert_string_equal(answer_of(a, v, "Sind besondere Kategorien "
	    "personenbezogener Daten (Art. 9 DSGVO) oder Daten über Straftaten "
	    "(Art. 10 DSGVO) betroffen?"), "Nein|");

	v = view_of(a, "tests/fixtures/valid-full.yaml", "ie");
	assert_non_null(strstr(answer_of(a, v, "Was a processor involved?"),
	    "Yes|Cloud Hosting Ltd|"));
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forms_load),
		cmocka_unit_test(test_bad_forms),
		cmocka_unit_test(test_every_question),
		cmocka_unit_test(test_answers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

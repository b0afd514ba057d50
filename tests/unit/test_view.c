/* test_view.c - labels complete in both languages; the view of the
 * worked example; missing translations all reported at once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "authority.h"
#include "fmt.h"
#include "incident.h"
#include "load.h"
#include "view.h"

static void
labels_complete(const char *lang)
{
	struct arena *a = arena_new();
	struct diags d;
	int st;
	struct node *l;

	diag_init(&d);
	l = view_labels_load(a, "templates", lang, &d, &st);
	diag_print(&d, stderr);
	assert_non_null(l);
	assert_int_equal(view_labels_check(l, &d), 0);
	diag_free(&d);
	arena_free(a);
}

static void test_labels_fr(void **s) { (void)s; labels_complete("fr"); }
static void test_labels_en(void **s) { (void)s; labels_complete("en"); }

/* A label file lacking one key is caught, naming the key. */
static void
test_labels_missing(void **s)
{
	static const char y[] = "enums:\n  yes_no:\n    yes: Oui\n"
				"messages:\n  people: x\n";
	struct arena *a = arena_new();
	struct diags d;
	struct node *l;
	char msg[512];
	bool found = false;

	(void)s;
	diag_init(&d);
	l = load_buffer(a, "labels.yaml", y, sizeof y - 1, &d);
	assert_non_null(l);
	assert_true(view_labels_check(l, &d) > 100);
	for (size_t i = 0; i < d.n; i++) {
		diag_format(&d.v[i], msg, sizeof msg);
		if (strstr(msg, "labels.yaml:3:5: error: no label for "
				"enums.yes_no.no"))
			found = true;
	}
	assert_true(found);
	diag_free(&d);
	arena_free(a);
}

static const char *
str_at(const struct node *v, const char *path)
{
	const struct node *n = node_path(v, path);

	return n && n->kind == NODE_STRING ? n->u.str.s : NULL;
}

static void
test_view_example(void **s)
{
	struct arena *a = arena_new();
	struct diags d;
	int st;
	struct incident *inc;
	struct auth_dir *dir;
	struct node *l, *v;

	(void)s;
	diag_init(&d);
	inc = incident_load(a, "incidents/sc-2025-001.yaml", &d, &st);
	dir = auth_load(a, AUTH_DEFAULT_PATH, &d, &st);
	l = view_labels_load(a, "templates", "fr", &d, &st);
	diag_print(&d, stderr);
	assert_non_null(inc);
	assert_non_null(dir);
	v = view_build(a, inc, NULL, l, "fr", dir, &d);
	diag_print(&d, stderr);
	assert_non_null(v);
	/* Berlin's authority: dates in Europe/Berlin, counts grouped the
	 * French way (U+202F), plural message, labels, country names. */
	assert_string_equal(str_at(v, "time_zone"), "Europe/Berlin");
	assert_string_equal(str_at(v, "timeline.aware_at"),
			    "12 décembre 2025 à 13:30 (UTC+01:00)");
	assert_string_equal(str_at(v, "subjects.count"),
			    "28\u202f000\u202f000");
	assert_string_equal(str_at(v, "subjects.count_words"),
			    "28\u202f000\u202f000 personnes");
	assert_string_equal(str_at(v, "consequences.severity"), "Modérée");
	assert_true(node_truthy(node_path(v, "communication.status_done")));
	assert_string_equal(str_at(v, "controller.country"), "Allemagne");
	assert_true(node_path(v, "nature.kind")->u.list.n == 3);
	diag_free(&d);
	arena_free(a);
	fmt_cleanup();
}

/* Two texts lose a translation: both are named, each at its line. */
static void
test_view_missing(void **s)
{
	struct arena *a = arena_new();
	struct diags d;
	int st;
	struct incident *inc;
	struct node *l, *v, *root;
	size_t errs = 0;
	char msg[512];

	(void)s;
	diag_init(&d);
	root = load_file(a, "incidents/sc-2025-001.yaml", &d, &st);
	assert_non_null(root);
	inc = incident_from_node(a, root, "x.yaml", &d);
	assert_non_null(inc);
	inc->nature.description.ntr = 1;	/* keeps only the first */
	inc->timeline.comments.ntr = 1;
	l = view_labels_load(a, "templates", "fr", &d, &st);
	v = view_build(a, inc, NULL, l, inc->nature.description.tr[0].lang[0] == 'f'
		       ? "en" : "fr", NULL, &d);
	assert_null(v);
	for (size_t i = 0; i < d.n; i++) {
		diag_format(&d.v[i], msg, sizeof msg);
		if (d.v[i].level == DIAG_ERROR) {
			errs++;
			assert_non_null(strstr(msg, " has no "));
		}
	}
	assert_int_equal(errs, 2);
	diag_free(&d);
	arena_free(a);
	fmt_cleanup();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_labels_fr),
		cmocka_unit_test(test_labels_en),
		cmocka_unit_test(test_labels_missing),
		cmocka_unit_test(test_view_example),
		cmocka_unit_test(test_view_missing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

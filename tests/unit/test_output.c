/*
 * test_output.c - the output module: which names breachgen writes (and
 * may remove), and the register's compact summary of an incident (what
 * the register template reads, not the whole view).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "assess.h"
#include "authority.h"
#include "fmt.h"
#include "incident.h"
#include "output.h"
#include "style.h"
#include "tz.h"

static void
test_report_names(void **s)
{
	(void)s;
	assert_true(out_is_report_name("sc-1", "sc-1.authority.en.md"));
	assert_true(out_is_report_name("sc-1", "sc-1.subjects.fr.pdf"));
	assert_true(out_is_report_name("sc-1", "sc-1.register.de-CH.pdf"));
	assert_true(out_is_report_name("sc-1", "sc-1.form-cnil.fr.md"));
	/* Not ours: kept whatever happens. */
	assert_false(out_is_report_name("sc-1", "notes.txt"));
	assert_false(out_is_report_name("sc-1", "sc-1.authority.en.docx"));
	assert_false(out_is_report_name("sc-1", "sc-1.letter.en.md"));
	assert_false(out_is_report_name("sc-1", "sc-2.authority.en.md"));
	assert_false(out_is_report_name("sc-1", "sc-1.authority.en.md.bak"));
	assert_false(out_is_report_name("sc-1", "sc-10.authority.en.md"));
	assert_false(out_is_report_name("sc-1", "sc-1.form-.en.md"));
}

/* A value at a dotted path of a node tree, or NULL. */
static const struct node *
at(const struct node *n, const char *path)
{
	return node_path(n, path);
}

static void
test_register_summary(void **s)
{
	struct arena *a = arena_new(), *ra = arena_new();
	struct out_set set = {NULL, 0, 0};
	struct out_row *rows = NULL;
	struct out_opts o;
	struct style st;
	struct diags d;
	struct incident *inc;
	struct assessment *as;
	struct auth_dir *dir;
	size_t nrows = 0;
	int rc;

	(void)s;
	diag_init(&d);
	inc = incident_load(a, "incidents/sc-2025-001.yaml", &d, &rc);
	dir = auth_load(a, AUTH_DEFAULT_PATH, &d, &rc);
	assert_non_null(inc);
	assert_non_null(dir);
	as = assess_run(a, inc, dir, &d);
	style_default(&st);
	memset(&o, 0, sizeof o);
	o.out_dir = "out";
	o.tpl_dir = "templates";
	o.formats = OUT_MD;
	o.style = &st;
	o.dir = dir;
	o.rows_only = true;
	rc = out_render_incident(a, &o, inc, as, &set, ra, NULL, 0, &rows,
				 &nrows, &d);
	diag_print(&d, stderr);
	assert_int_equal(rc, 0);
	assert_true(nrows >= 1);
	/* What the register prints: there. */
	assert_non_null(at(rows[0].view, "id"));
	assert_non_null(at(rows[0].view, "controller.name"));
	assert_non_null(at(rows[0].view, "entry"));
	assert_non_null(at(rows[0].view, "row.aware"));
	assert_non_null(at(rows[0].view, "subjects.count"));
	/* The long texts the entry already holds: not kept twice. */
	assert_null(at(rows[0].view, "nature.description"));
	assert_null(at(rows[0].view, "measures_taken"));
	assert_null(at(rows[0].view, "risk.rationale"));
	free(rows);
	out_set_free(&set);
	diag_free(&d);
	arena_free(ra);
	arena_free(a);
	fmt_cleanup();
	tz_cleanup();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report_names),
		cmocka_unit_test(test_register_summary),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

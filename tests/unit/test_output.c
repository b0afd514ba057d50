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

#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* ---- renames that fail on purpose ---- */

int __real_renameat(int, const char *, int, const char *);
int __wrap_renameat(int, const char *, int, const char *);
int __real_renameat2(int, const char *, int, const char *, unsigned);
int __wrap_renameat2(int, const char *, int, const char *, unsigned);

static int fail_exchange;	/* errno for renameat2, 0: the real one */
static int fail_rename_at;	/* this renameat call fails (1-based) */
static int renames;

int
__wrap_renameat(int a, const char *b, int c, const char *e)
{
	if (++renames == fail_rename_at) {
		errno = EIO;
		return -1;
	}
	return __real_renameat(a, b, c, e);
}

int
__wrap_renameat2(int a, const char *b, int c, const char *e, unsigned f)
{
	if (fail_exchange) {
		errno = fail_exchange;
		return -1;
	}
	return __real_renameat2(a, b, c, e, f);
}

static char tmpdir[] = "/tmp/test_output.XXXXXX";

static void
put(const char *name, const char *text)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof path, "%s/x-1/%s", tmpdir, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void
expect(const char *name, const char *text)
{
	char path[512], got[64] = "";
	FILE *fp;

	snprintf(path, sizeof path, "%s/x-1/%s", tmpdir, name);
	fp = fopen(path, "r");
	assert_non_null(fp);
	assert_non_null(fgets(got, sizeof got, fp));
	fclose(fp);
	assert_string_equal(got, text);
}

/* Writes the new set (a, b, c: "new") over the old one ("old"). */
static int
write_new(struct arena *a, struct diags *d)
{
	static const char *const names[] = { "x-1.authority.en.md",
		"x-1.register.en.md", "x-1.subjects.en.md" };
	struct out_set set = {NULL, 0, 0};
	struct out_opts o;
	int rc;

	memset(&o, 0, sizeof o);
	o.out_dir = tmpdir;
	o.formats = OUT_MD;
	for (size_t i = 0; i < 3; i++)
		out_set_add(&set, arena_printf(a, "%s/x-1/%s", tmpdir,
					       names[i]), "new", 3);
	renames = 0;
	rc = out_incident_write(a, &o, "x-1", &set, d);
	out_set_free(&set);
	return rc;
}

static void
old_set(void)
{
	char path[512];

	snprintf(path, sizeof path, "%s/x-1", tmpdir);
	mkdir(path, 0755);
	put("x-1.authority.en.md", "old");
	put("x-1.register.en.md", "old");
	put("x-1.subjects.en.md", "old");
}

static void
test_failed_exchange(void **s)
{
	struct arena *a = arena_new();
	struct diags d;
	char text[1024];

	(void)s;
	assert_non_null(mkdtemp(tmpdir));
	old_set();
	/* The exchange fails: the old set stays whole, and it says so. */
	diag_init(&d);
	fail_exchange = EIO;
	assert_int_equal(write_new(a, &d), EXIT_CANTCREAT);
	fail_exchange = 0;
	expect("x-1.authority.en.md", "old");
	expect("x-1.register.en.md", "old");
	expect("x-1.subjects.en.md", "old");
	diag_format(&d.v[0], text, sizeof text);
	assert_non_null(strstr(text, "nothing was replaced"));
	diag_free(&d);

	/* Without an exchange (EINVAL: the file system has none), file by
	 * file; the second rename fails: the message names exactly what
	 * was replaced, and what is on disk agrees. */
	diag_init(&d);
	fail_exchange = EINVAL;
	fail_rename_at = 2;
	assert_int_equal(write_new(a, &d), EXIT_CANTCREAT);
	fail_exchange = 0;
	fail_rename_at = 0;
	expect("x-1.authority.en.md", "new");
	expect("x-1.register.en.md", "old");
	expect("x-1.subjects.en.md", "old");
	diag_format(&d.v[0], text, sizeof text);
	assert_non_null(strstr(text, "replaced: x-1.authority.en.md; not "
				     "replaced: x-1.register.en.md, "
				     "x-1.subjects.en.md"));
	diag_free(&d);

	/* And the next run puts the whole new set in place. */
	diag_init(&d);
	assert_int_equal(write_new(a, &d), 0);
	expect("x-1.register.en.md", "new");
	expect("x-1.subjects.en.md", "new");
	diag_free(&d);
	arena_free(a);
	/* Nothing else is left: the folder empties and goes. */
	{
		char path[512];
		static const char *const names[] = { "x-1.authority.en.md",
			"x-1.register.en.md", "x-1.subjects.en.md" };

		for (size_t i = 0; i < 3; i++) {
			snprintf(path, sizeof path, "%s/x-1/%s", tmpdir,
				 names[i]);
			assert_int_equal(unlink(path), 0);
		}
		snprintf(path, sizeof path, "%s/x-1", tmpdir);
		assert_int_equal(rmdir(path), 0);
		assert_int_equal(rmdir(tmpdir), 0);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report_names),
		cmocka_unit_test(test_register_summary),
		cmocka_unit_test(test_failed_exchange),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

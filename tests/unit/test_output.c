/*
 * test_output.c - the output module: which names breachgen writes (and
 * may remove), and the register written as a stream (an incident's share
 * kept or dropped, no visible temporary file).
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

/* Renders the register share of the incident in file; 0 or its
 * status. */
static int
share_of(struct arena *a, const struct out_opts *o, const char *file,
	 struct out_register *reg, struct diags *d)
{
	struct out_set set = {NULL, 0, 0};
	struct incident *inc;
	struct assessment *as;
	int rc = 0;

	inc = incident_load(a, file, d, &rc);
	assert_non_null(inc);
	as = assess_run(a, inc, o->dir, d);
	rc = out_render_incident(a, o, inc, as, &set, reg, d);
	out_set_free(&set);
	return rc;
}

/* What the folder holds, names joined by spaces, hidden ones too. */
static void
listing(const char *dir, char *out, size_t size)
{
	char cmd[512];
	FILE *p;
	size_t n;

	snprintf(cmd, sizeof cmd, "ls -A %s | tr '\\n' ' '", dir);
	p = popen(cmd, "r");
	assert_non_null(p);
	n = fread(out, 1, size - 1, p);
	out[n] = '\0';
	pclose(p);
}

/* The register written as a stream: an incident's share joins it only
 * when kept, the spools are never visible, and the file appears when
 * the set is written. */
static void
test_register_stream(void **s)
{
	struct arena *a = arena_new();
	struct out_set set = {NULL, 0, 0};
	const char *const langs[] = { "en" };
	struct out_register *reg;
	struct out_opts o;
	struct style st;
	struct diags d;
	char dir[] = "/tmp/test_register.XXXXXX", seen[512], *text;
	FILE *fp;
	long len;
	int rc;

	(void)s;
	assert_non_null(mkdtemp(dir));
	diag_init(&d);
	style_default(&st);
	memset(&o, 0, sizeof o);
	o.out_dir = dir;
	o.tpl_dir = "templates";
	o.formats = OUT_MD;
	o.style = &st;
	o.dir = auth_load(a, AUTH_DEFAULT_PATH, &d, &rc);
	o.rows_only = true;
	assert_non_null(o.dir);
	reg = out_register_new(&o, langs, 1);
	assert_int_equal(share_of(a, &o, "incidents/sc-2025-001.yaml", reg,
				  &d), 0);
	assert_int_equal(out_register_keep(reg, &d), 0);
	/* Rendered, then dropped (as after a failed write): not listed. */
	assert_int_equal(share_of(a, &o, "incidents/sp-2026-001.yaml", reg,
				  &d), 0);
	out_register_drop(reg);
	assert_int_equal(share_of(a, &o, "tests/fixtures/valid-minimal.yaml",
				  reg, &d), 0);
	assert_int_equal(out_register_keep(reg, &d), 0);
	listing(dir, seen, sizeof seen);
	assert_string_equal(seen, "");	/* the spools are unlinked */
	assert_int_equal(out_register_write(reg, a, &o, &set, &d), 0);
	listing(dir, seen, sizeof seen);
	assert_int_equal(strncmp(seen, ".register.en.md.", 16), 0);
	assert_int_equal(out_set_write(&set, &d), 0);
	out_set_free(&set);
	listing(dir, seen, sizeof seen);
	assert_string_equal(seen, "register.en.md ");
	if (d.errors > 0)
		diag_print(&d, stderr);
	assert_int_equal(d.errors, 0);

	text = arena_printf(a, "%s/register.en.md", dir);
	fp = fopen(text, "rb");
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	len = ftell(fp);
	rewind(fp);
	text = arena_alloc(a, (size_t)len + 1);
	assert_int_equal(fread(text, 1, (size_t)len, fp), (size_t)len);
	text[len] = '\0';
	fclose(fp);
	assert_non_null(strstr(text, "Breaches recorded: 2."));
	assert_non_null(strstr(text, "\n| sc-2025-001 |"));
	assert_non_null(strstr(text, "\n| min-2025-001 |"));
	assert_null(strstr(text, "sp-2026-001"));
	/* Rows in the order kept: the table, then the entries. */
	assert_true(strstr(text, "| sc-2025-001 |") <
		    strstr(text, "| min-2025-001 |"));

	out_register_free(reg);
	unlink(arena_printf(a, "%s/register.en.md", dir));
	rmdir(dir);
	diag_free(&d);
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
		cmocka_unit_test(test_register_stream),
		cmocka_unit_test(test_failed_exchange),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

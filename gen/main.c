/*
 * main.c - the breachgen command: subcommands that stop at successive
 * stages of one pipeline (DESIGN.md), so that what `check` says is what
 * `render` uses.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "assess.h"
#include "authority.h"
#include "buf.h"
#include "datetime.h"
#include "diag.h"
#include "fmt.h"
#include "incident.h"
#include "schema.h"
#include "tz.h"

#ifndef BREACHGEN_VERSION
#define BREACHGEN_VERSION "0.1.0"
#endif

#define INCIDENT_DIR "incidents"

static const char usage_text[] =
    "usage: breachgen check [--now TIME] [FILE...]\n"
    "       breachgen assess [--now TIME] [FILE...]\n"
    "       breachgen schema [--markdown]\n"
    "       breachgen --help | --version\n";

static const char help_text[] =
    "breachgen turns a personal-data breach described in a YAML file into\n"
    "the documents the GDPR asks for, and checks the file against the law.\n"
    "\n"
    "Commands:\n"
    "  check [FILE...]    validate incident files; print diagnostics\n"
    "                     as file:line:col: error|warning: text\n"
    "  assess [FILE...]   print the assessment of each incident as YAML:\n"
    "                     deadline, severity, recommendation, findings\n"
    "  --now TIME         with check: time left before the 72-hour\n"
    "                     deadline, or how late (default: the clock)\n"
    "  schema             print the JSON Schema of the incident file\n"
    "  schema --markdown  print the field reference in Markdown\n"
    "\n"
    "Without FILE, every incidents/*.yaml is read.\n"
    "Exit status: 0 ok, 64 usage, 65 bad incident data, 66 input missing,\n"
    "73 cannot create output, 74 I/O error.\n";

struct files {
	char **v;
	size_t n;
};

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every .yaml file of incidents/, sorted, so runs are reproducible. */
static int
default_files(struct files *fl)
{
	DIR *dir = opendir(INCIDENT_DIR);
	struct dirent *e;

	if (dir == NULL) {
		fprintf(stderr, "breachgen: %s: %s\n", INCIDENT_DIR,
		    strerror(errno));
		return EXIT_NOINPUT;
	}
	while ((e = readdir(dir)) != NULL) {
		size_t len = strlen(e->d_name);

		if (len < 6 || e->d_name[0] == '.' ||
		    strcmp(e->d_name + len - 5, ".yaml") != 0)
			continue;
		fl->v = xrealloc(fl->v, (fl->n + 1) * sizeof *fl->v);
		fl->v[fl->n] = xmalloc(sizeof INCIDENT_DIR + len + 1);
		sprintf(fl->v[fl->n], "%s/%s", INCIDENT_DIR, e->d_name);
		fl->n++;
	}
	closedir(dir);
	qsort(fl->v, fl->n, sizeof *fl->v, cmp_str);
	return 0;
}

static void
free_files(struct files *fl)
{
	size_t i;

	for (i = 0; i < fl->n; i++)
		free(fl->v[i]);
	free(fl->v);
}

static int
collect_files(int argc, char **argv, struct files *fl)
{
	int i;

	if (argc == 0)
		return default_files(fl);
	for (i = 0; i < argc; i++) {
		fl->v = xrealloc(fl->v, (fl->n + 1) * sizeof *fl->v);
		fl->v[fl->n++] = xstrdup(argv[i]);
	}
	return 0;
}

/* The worse of two exit statuses: input missing beats bad data. */
static int
worse(int a, int b)
{
	if (a == EXIT_NOINPUT || b == EXIT_NOINPUT)
		return EXIT_NOINPUT;
	return a ? a : b;
}

/* "3 days and 4 hours left" / "late by 5 hours" for check --now. */
static void
print_time_left(const struct incident *inc, const struct assessment *as,
		int64_t now)
{
	struct buf b = BUF_INIT;
	int64_t left;

	if (!assess_time_left(as, now, &left))
		return;
	fmt_duration("en", left < 0 ? -left : left,
	    FMT_DAYS | FMT_HOURS | FMT_MINUTES, &b);
	if (left >= 0)
		fprintf(stderr, "%s: note: %s left before the 72-hour deadline "
		    "(Art. 33(1))\n", inc->file, buf_cstr(&b));
	else
		fprintf(stderr, "%s: note: the 72-hour deadline passed %s ago: "
		    "notify without further delay and give the reasons for "
		    "the delay in timeline.late_reason (Art. 33(1))\n",
		    inc->file, buf_cstr(&b));
	buf_free(&b);
}

struct run {
	struct auth_dir *dir;
	struct arena *dir_arena;
	bool emit;		/* assess: print the YAML */
	bool has_now;
	int64_t now;
};

/* load -> incident -> assess for one file; prints diagnostics. */
static int
run_one(struct run *r, const char *path, size_t *nerr, size_t *nwarn)
{
	struct arena *a = arena_new();
	struct diags d;
	struct incident *inc;
	struct assessment *as = NULL;
	int st = 0;

	diag_init(&d);
	inc = incident_load(a, path, &d, &st);
	if (inc != NULL) {
		as = assess_run(a, inc, r->dir, &d);
		if (d.errors > 0)
			st = EXIT_DATAERR;
	}
	diag_sort(&d);
	diag_print(&d, stderr);
	if (as != NULL && r->has_now && st == 0)
		print_time_left(inc, as, r->now);
	if (as != NULL && r->emit && st == 0) {
		struct buf b = BUF_INIT;

		if (assess_emit_yaml(as, inc, &b) != 0 ||
		    fwrite(buf_cstr(&b), 1, b.len, stdout) != b.len)
			st = EXIT_IOERR;
		buf_free(&b);
	}
	*nerr += d.errors;
	*nwarn += d.warnings;
	diag_free(&d);
	arena_free(a);
	return st;
}

static int
cmd_run(int argc, char **argv, bool emit)
{
	struct files fl = {NULL, 0};
	struct run r;
	struct diags dd;
	size_t i, nerr = 0, nwarn = 0, nbad = 0;
	int status = 0, rc;

	memset(&r, 0, sizeof r);
	r.emit = emit;
	r.now = (int64_t)time(NULL);
	while (argc > 0 && argv[0][0] == '-') {
		if (strcmp(argv[0], "--") == 0) {
			argc--, argv++;
			break;
		}
		if (strcmp(argv[0], "--now") == 0 && argc > 1) {
			struct dt t;

			if (dt_parse(argv[1], strlen(argv[1]), &t, NULL) !=
			    DT_OK || t.date_only) {
				fprintf(stderr, "breachgen: --now '%s': write a "
				    "date and time with its offset, such as "
				    "2025-12-15T10:00:00+01:00\n", argv[1]);
				return EXIT_USAGE;
			}
			r.now = t.epoch_sec;
			r.has_now = true;
			argc -= 2, argv += 2;
			continue;
		}
		fprintf(stderr, "breachgen: unknown option '%s'\n%s",
		    argv[0], usage_text);
		return EXIT_USAGE;
	}
	rc = collect_files(argc, argv, &fl);
	if (rc != 0)
		return rc;
	/* The authority directory names recipients and their time zones;
	 * it is loaded once for the whole batch. */
	diag_init(&dd);
	r.dir_arena = arena_new();
	r.dir = auth_load(r.dir_arena, AUTH_DEFAULT_PATH, &dd, &rc);
	diag_print(&dd, stderr);
	diag_free(&dd);
	if (r.dir == NULL) {
		status = rc ? rc : EXIT_DATAERR;
		goto out;
	}
	for (i = 0; i < fl.n; i++) {
		int st = run_one(&r, fl.v[i], &nerr, &nwarn);

		if (st != 0)
			nbad++;
		status = worse(status, st);
	}
	fprintf(stderr, "%zu file%s checked: %zu error%s, %zu warning%s%s\n",
	    fl.n, fl.n == 1 ? "" : "s", nerr, nerr == 1 ? "" : "s", nwarn,
	    nwarn == 1 ? "" : "s", nbad ? "; fix the errors above and run "
	    "again" : "");
out:
	arena_free(r.dir_arena);
	free_files(&fl);
	fmt_cleanup();
	tz_cleanup();
	return status;
}

static int
cmd_schema(int argc, char **argv)
{
	struct buf b = BUF_INIT;
	int rc = 0;

	if (argc == 1 && strcmp(argv[0], "--markdown") == 0) {
		sch_markdown(&b);
	} else if (argc == 0) {
		sch_json_schema(&b);
	} else {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	if (fwrite(buf_cstr(&b), 1, b.len, stdout) != b.len ||
	    fflush(stdout) != 0)
		rc = EXIT_IOERR;
	buf_free(&b);
	return rc;
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(usage_text, stdout);
		fputs("\n", stdout);
		fputs(help_text, stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		puts("breachgen " BREACHGEN_VERSION);
		return 0;
	}
	if (strcmp(argv[1], "check") == 0)
		return cmd_run(argc - 2, argv + 2, false);
	if (strcmp(argv[1], "assess") == 0)
		return cmd_run(argc - 2, argv + 2, true);
	if (strcmp(argv[1], "schema") == 0)
		return cmd_schema(argc - 2, argv + 2);
	fprintf(stderr, "breachgen: unknown command '%s'\n%s", argv[1],
	    usage_text);
	return EXIT_USAGE;
}

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

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "incident.h"
#include "schema.h"

#ifndef BREACHGEN_VERSION
#define BREACHGEN_VERSION "0.1.0"
#endif

#define INCIDENT_DIR "incidents"

static const char usage_text[] =
    "usage: breachgen check [--now TIME] [FILE...]\n"
    "       breachgen schema [--markdown]\n"
    "       breachgen --help | --version\n";

static const char help_text[] =
    "breachgen turns a personal-data breach described in a YAML file into\n"
    "the documents the GDPR asks for, and checks the file against the law.\n"
    "\n"
    "Commands:\n"
    "  check [FILE...]    validate incident files; print diagnostics\n"
    "                     as file:line:col: error|warning: text\n"
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

static int
cmd_check(int argc, char **argv)
{
	struct files fl = {NULL, 0};
	size_t i, nerr = 0, nwarn = 0, nbad = 0;
	int status = 0, rc;

	while (argc > 0 && argv[0][0] == '-') {
		if (strcmp(argv[0], "--") == 0) {
			argc--, argv++;
			break;
		}
		fprintf(stderr, "breachgen: check: unknown option '%s'\n%s",
		    argv[0], usage_text);
		return EXIT_USAGE;
	}
	rc = collect_files(argc, argv, &fl);
	if (rc != 0)
		return rc;
	for (i = 0; i < fl.n; i++) {
		struct arena *a = arena_new();
		struct diags d;
		int st = 0;

		diag_init(&d);
		incident_load(a, fl.v[i], &d, &st);
		diag_sort(&d);
		diag_print(&d, stderr);
		nerr += d.errors;
		nwarn += d.warnings;
		if (st != 0)
			nbad++;
		status = worse(status, st);
		diag_free(&d);
		arena_free(a);
	}
	fprintf(stderr, "%zu file%s checked: %zu error%s, %zu warning%s%s\n",
	    fl.n, fl.n == 1 ? "" : "s", nerr, nerr == 1 ? "" : "s", nwarn,
	    nwarn == 1 ? "" : "s", nbad ? "; fix the errors above and run "
	    "again" : "");
	free_files(&fl);
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
		return cmd_check(argc - 2, argv + 2);
	if (strcmp(argv[1], "schema") == 0)
		return cmd_schema(argc - 2, argv + 2);
	fprintf(stderr, "breachgen: unknown command '%s'\n%s", argv[1],
	    usage_text);
	return EXIT_USAGE;
}

/*
 * diag.h - the diagnostics catalogue.
 *
 * Every message is "file:line:col: error|warning|note: text", 1-based,
 * the form editors and CI parse. Stages add diagnostics; they never print
 * directly. Errors stop the outputs of an incident; warnings do not.
 */
#ifndef BREACHGEN_DIAG_H
#define BREACHGEN_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* A source position; line and col are 1-based, 0 when unknown. */
struct pos {
	const char *file;
	unsigned line;
	unsigned col;
};

enum diag_level { DIAG_NOTE, DIAG_WARNING, DIAG_ERROR };

struct diag {
	enum diag_level level;
	struct pos pos;
	char *text; /* owned */
};

struct diags {
	struct diag *v;
	size_t n, cap;
	size_t errors, warnings;
};

/* sysexits(3) values used by every command. */
enum {
	EXIT_OK_ = 0,
	EXIT_USAGE = 64,
	EXIT_DATAERR = 65,
	EXIT_NOINPUT = 66,
	EXIT_SOFTWARE = 70,
	EXIT_OSERR = 71,
	EXIT_CANTCREAT = 73,
	EXIT_IOERR = 74
};

void diag_init(struct diags *d);
void diag_free(struct diags *d);
void diag_add(struct diags *d, enum diag_level level, const struct pos *pos,
	      const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Sorts by file, line, column (stable), so output follows the file. */
void diag_sort(struct diags *d);
/* Prints every diagnostic, one per line. */
void diag_print(const struct diags *d, FILE *fp);
/* Prints the errors only: a run that leaves warnings and notes to
 * another (check, or the run writing the incident's reports). */
void diag_print_errors(const struct diags *d, FILE *fp);
/* Formats one diagnostic as it is printed, into buf (truncated to size). */
void diag_format(const struct diag *dg, char *buf, size_t size);
/* Moves every diagnostic of src to the end of dst. */
void diag_move(struct diags *dst, struct diags *src);

#endif

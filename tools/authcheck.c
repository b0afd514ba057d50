/*
 * authcheck - the authority directory checked as the tests check it:
 * everything auth_load checks at each run, and also that each time zone
 * is a zone of its authority's country in ICU (auth_load_strict), which
 * runs skip because ICU walks its whole zone list for it. make runs it
 * when templates/authorities.yaml changes, before any report.
 *
 *   authcheck [FILE]     (default templates/authorities.yaml)
 */
#include <stdio.h>

#include "arena.h"
#include "authority.h"
#include "diag.h"

int
main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : AUTH_DEFAULT_PATH;
	struct arena *a = arena_new();
	struct diags d;
	int status = 0;

	diag_init(&d);
	if (auth_load_strict(a, path, &d, &status) == NULL && status == 0)
		status = EXIT_DATAERR;
	diag_sort(&d);
	diag_print(&d, stderr);
	diag_free(&d);
	arena_free(a);
	return status;
}

/*
 * fuzz_render.c - libFuzzer harness of render in memory: an incident
 * that check accepts goes through view, Mustache, Markdown, layout and
 * PDF (both formats, every language it declares), nothing written. An
 * input that check accepts must render: the differential test of
 * tests/checks/fuzzdiff.sh holds the same over the committed corpus,
 * and here it aborts, so that libFuzzer keeps the input.
 */
#include <stdio.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_env *env = fuzz_env();
	struct arena *a = arena_new();
	struct out_set set = {NULL, 0, 0};
	struct assessment *as;
	struct incident *inc;
	struct diags d;

	diag_init(&d);
	inc = fuzz_check(a, data, size, &as, &d);
	if (inc != NULL) {
		int rc = out_render_incident(a, &env->o, inc, as, &set, NULL,
		    &d);

		if (rc != 0 || d.errors > 0) {
			diag_print(&d, stderr);
			fprintf(stderr, "check accepted this input, render "
			    "refused it (exit %d)\n", rc);
			abort();
		}
	}
	out_set_free(&set);
	diag_free(&d);
	arena_free(a);
	return 0;
}

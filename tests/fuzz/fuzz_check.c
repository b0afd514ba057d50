/*
 * fuzz_check.c - libFuzzer harness of the loader and validator: bytes as
 * an incident file through load, incident, assess and the checks of
 * what render needs (`breachgen check`). Any input may be refused; none
 * may crash, leak or read out of bounds.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	struct assessment *as;
	struct diags d;

	diag_init(&d);
	fuzz_check(a, data, size, &as, &d);
	diag_free(&d);
	arena_free(a);
	return 0;
}

/*
 * fuzz_common.h - what the libFuzzer harnesses of tests/fuzz/ share: the
 * authority directory and style, loaded once from templates/ (run from
 * the top of the repository), and the check pipeline of one buffer.
 */
#ifndef BREACHGEN_FUZZ_COMMON_H
#define BREACHGEN_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "assess.h"
#include "authority.h"
#include "diag.h"
#include "incident.h"
#include "load.h"
#include "output.h"
#include "style.h"

struct fuzz_env {
	struct arena *a;
	struct auth_dir *dir;
	struct style st;
	struct out_opts o;
};

/* Loaded on first use; a harness cannot run without it. */
static inline struct fuzz_env *
fuzz_env(void)
{
	static struct fuzz_env env;
	static int ready;
	struct diags d;
	int st = 0;

	if (ready)
		return &env;
	diag_init(&d);
	env.a = arena_new();
	env.dir = auth_load(env.a, "templates/authorities.yaml", &d, &st);
	style_default(&env.st);
	if (env.dir == NULL || style_load(&env.st, env.a,
	    "templates/style.yaml", &d) != 0) {
		diag_print(&d, stderr);
		abort();	/* run from the top of the repository */
	}
	diag_free(&d);
	env.o.out_dir = "out";
	env.o.tpl_dir = "templates";
	env.o.cache = out_cache_new();
	env.o.formats = OUT_MD | OUT_PDF;
	env.o.style = &env.st;
	env.o.dir = env.dir;
	ready = 1;
	return &env;
}

/* load -> incident -> assess -> what render needs: `check` on a buffer.
 * Returns the incident when check would accept it, else NULL. */
static inline struct incident *
fuzz_check(struct arena *a, const uint8_t *data, size_t size,
	   struct assessment **as, struct diags *d)
{
	struct fuzz_env *env = fuzz_env();
	struct node *root = load_buffer(a, "fuzz.yaml", (const char *)data,
	    size, d);
	struct incident *inc;

	*as = NULL;
	if (root == NULL)
		return NULL;
	inc = incident_from_node(a, root, "fuzz.yaml", d);
	if (inc == NULL)
		return NULL;
	*as = assess_run(a, inc, env->dir, d);
	if (d->errors == 0)
		out_check_incident(a, &env->o, inc, *as, d);
	return d->errors == 0 ? inc : NULL;
}

#endif

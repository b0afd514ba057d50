/*
 * tcache.h - parsed template files kept between runs (issue 14).
 *
 * Every process reads the same label files, forms and authority
 * directory, and parsing them with libyaml was most of the time of a
 * one-file `check`. The tree of a template file that loaded without an
 * error is kept in the user's cache folder ($XDG_CACHE_HOME/breachgen,
 * else ~/.cache/breachgen), named by a hash of the file's bytes. An entry
 * holds those bytes and is used only when they are the file's bytes now,
 * and only by the program file that wrote it (a rebuilt or other
 * breachgen has its own entries): an edit, a new loader or a damaged
 * entry is a miss, and the file is parsed as before. BREACHGEN_CACHE=off
 * turns the cache off; it is never needed for a result.
 */
#ifndef BREACHGEN_TCACHE_H
#define BREACHGEN_TCACHE_H

#include <stddef.h>

#include "arena.h"
#include "node.h"

/* The tree of the file whose bytes are data[0..len), named name in
 * every position (kept by reference), or NULL when not cached. */
struct node *tc_get(struct arena *a, const char *name, const char *data,
		    size_t len);

/* Keeps root as the tree of data[0..len); silent on failure. */
void tc_put(const char *data, size_t len, const struct node *root);

#endif

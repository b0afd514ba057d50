/*
 * load.h - YAML into a node tree (libyaml), refusing hostile input.
 *
 * Refused, each with a diagnostic at its position: invalid UTF-8, NUL
 * bytes, characters YAML does not allow raw (C0/C1 controls, U+FFFE),
 * escapes that make a control character ("\0", "\x1B": only tab and
 * line ends are kept), tabs in indentation, files over 16 MiB, nesting over 64 levels,
 * scalars over 1 MiB, anchors and aliases, tags, more than one document,
 * an empty file, duplicate keys, non-scalar keys. A UTF-8 byte-order mark
 * is accepted. Plain scalars true/false become booleans, null/~/empty
 * become null; every other scalar is a string (plain flag kept).
 */
#ifndef BREACHGEN_LOAD_H
#define BREACHGEN_LOAD_H

#include "arena.h"
#include "diag.h"
#include "node.h"

#define LOAD_MAX_FILE (16u << 20)
#define LOAD_MAX_SCALAR (1u << 20)
#define LOAD_MAX_DEPTH 64

/*
 * Loads a file. Returns the root node, or NULL with diagnostics added.
 * *status is set to 0, EXIT_NOINPUT (missing or unreadable file, a
 * directory) or EXIT_DATAERR (bad YAML). name is kept by reference in
 * every position: it must outlive the tree (copy it into the arena).
 */
struct node *load_file(struct arena *a, const char *path, struct diags *d,
		       int *status);
/* A file of the templates folder, its tree taken from the cache of
 * parsed templates when it holds the file's bytes (tcache.h). */
struct node *load_template(struct arena *a, const char *path,
			   struct diags *d, int *status);
/* The same with a symbolic link refused (EXIT_NOINPUT), not followed. */
struct node *load_file_nofollow(struct arena *a, const char *path,
				struct diags *d, int *status);
/*
 * The value of a top-level key of the file at path when it is a string,
 * read no further than that key (a copy in a), else NULL: for a scan of
 * many files (the ids of a batch) at a small part of a parse. It is no
 * validation: a caller that acts on the value confirms it with load_file.
 */
char *load_peek_string(struct arena *a, const char *path, const char *key);
/* Loads a buffer named name (for tests and fuzzing). */
struct node *load_buffer(struct arena *a, const char *name, const char *data,
			 size_t len, struct diags *d);

#endif

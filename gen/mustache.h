/*
 * mustache.h - Mustache templates over node trees.
 *
 * The required modules of the Mustache spec: interpolation (dotted names,
 * the implicit iterator "."), sections, inverted sections, comments,
 * partials and set delimiters, with the spec's standalone-line rules.
 * A template is parsed once into a compiled form and can then render any
 * number of node trees.
 *
 * Values: a string interpolates its text, a boolean "true" or "false",
 * null and missing names nothing. A list or a map cannot be interpolated
 * (a warning at the tag). Falsey for sections: missing, null, false, the
 * empty string and the empty list. A section over a list renders once per
 * item; over any other truthy value it renders once with that value pushed
 * on the context stack.
 *
 * Template errors are diagnostics at template:line:col (1-based, columns
 * in characters). Names given here are kept by reference in positions:
 * they must outlive the template and every diagnostic made with it.
 */
#ifndef BREACHGEN_MUSTACHE_H
#define BREACHGEN_MUSTACHE_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "node.h"

/* Partials may include partials up to this depth; deeper is an error. */
#define MUS_MAX_PARTIAL_DEPTH 32
/* One render may expand this many partials in all (a partial that
 * includes itself twice would otherwise run for ages within the depth). */
#define MUS_MAX_EXPANSIONS 10000000ul
/* Sections may nest up to this depth inside one template. */
#define MUS_MAX_NESTING 100

struct mus_template;
struct mus_partials;

/* Appends s (len bytes) to out, escaped for the output language. */
typedef void (*mus_escape_fn)(struct buf *out, const char *s, size_t len);

/*
 * Finds the partial called name. On success sets *text and *len to its
 * template text and *file to the name used in its diagnostics, and
 * returns 0; returns -1 when there is no such partial. The text is copied;
 * file is kept by reference (see above).
 */
typedef int (*mus_partial_fn)(void *ctx, const char *name, const char **text,
			      size_t *len, const char **file);

struct mus_stream;

struct mus_opts {
	mus_escape_fn escape;		/* for {{x}}; NULL: copied as is */
	struct mus_partials *partials;	/* NULL: no partial exists */
	const struct mus_stream *stream; /* NULL: no list is streamed */
};

/*
 * A list written as a stream, one item at a time (the register over
 * many incidents), instead of a list held whole. The sections whose
 * value is the node list (that very node: a stand-in in the data) are
 * its loops, numbered 0, 1, ... in the order a render meets them.
 * mus_render_item renders, for one item, what each loop prints for it,
 * and hands each loop's share to put; mus_render with opts->stream
 * prints in place of loop k what fill appends: the items' shares, in
 * order. Over the same data and n items, this gives the bytes of a
 * render over the real list. Inside a loop, the list itself and the
 * names of late that would be read from the bottom of the stack (data
 * not final while items are rendered, such as their count) are an
 * error at the tag: an item's share would not be what the whole prints.
 */
struct mus_stream {
	const struct node *list;
	size_t n;			/* the items: {{^list}} is for none */
	const char *const *late;	/* NULL-terminated; NULL: none */
	/* The share of the item being rendered in loop k; 0 or -1 after
	 * a diagnostic. */
	int (*put)(void *ctx, size_t k, const char *s, size_t len);
	/* Appends to out what loop k prints. out holds what the render
	 * printed since it began or since fill last took it: fill may
	 * write those bytes elsewhere and truncate out first, so that the
	 * whole text never sits in memory. 0 or -1 after a diagnostic. */
	int (*fill)(void *ctx, size_t k, struct buf *out);
	void *ctx;
};

/*
 * Compiles a template. Returns NULL with diagnostics added on a template
 * error (unclosed tag or section, mismatched closing tag, bad delimiter
 * change, empty or malformed name, nesting too deep).
 */
struct mus_template *mus_compile(const char *name, const char *text,
				 size_t len, struct diags *d);
void mus_free(struct mus_template *t);

/*
 * Renders t with data as the bottom of the context stack, appending to
 * out. Returns 0, or -1 after an error diagnostic (a partial that does not
 * compile, partials nested or expanded too much); out then holds a partial
 * result.
 * Warnings (a missing partial, a map or list interpolated) do not fail.
 */
int mus_render(const struct mus_template *t, const struct node *data,
	       const struct mus_opts *opts, struct buf *out, struct diags *d);

/*
 * One item's shares of the loops over opts->stream->list (see above):
 * walks t over data, with item as the loop's value where the loop is;
 * what t prints outside the loops is not kept, nor its warnings.
 * Returns 0 or -1 after an error diagnostic.
 */
int mus_render_item(const struct mus_template *t, const struct node *data,
		    const struct node *item, const struct mus_opts *opts,
		    struct diags *d);

/*
 * A cache of compiled partials, filled lazily through fn. Reuse one for
 * every render that shares the same partials so that each is compiled
 * once. A partial that fails to compile fails every render that uses it,
 * each time with its diagnostics. Rendering fills the cache: do not share
 * one between threads.
 */
struct mus_partials *mus_partials_new(mus_partial_fn fn, void *ctx);
void mus_partials_free(struct mus_partials *p);

#endif

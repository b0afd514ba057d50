/*
 * render.h - Mustache template + view tree -> Markdown.
 *
 * The template is <dir>/<lang>/<audience>.md; {{> name}} loads
 * <dir>/<lang>/<name>.md. {{x}} is escaped with esc_markdown, so no value
 * of the view can become markup. The output then goes through the
 * language's typography pass (fmt_typo). A language is a folder of
 * <dir> that holds labels.yaml: no list of languages lives in C.
 */
#ifndef BREACHGEN_RENDER_H
#define BREACHGEN_RENDER_H

#include <stdbool.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "mustache.h"
#include "node.h"

/* Audiences: the three reports. */
#define RND_AUTHORITY "authority"
#define RND_SUBJECTS "subjects"
#define RND_REGISTER "register"

/*
 * The templates of <dir>/<lang>/, each compiled on first use and kept, and
 * their partials: one set serves every incident of a run. Names used in
 * diagnostics are allocated in a, which must outlive the diagnostics.
 */
struct rnd_set;

struct rnd_set *rnd_set_new(struct arena *a, const char *dir,
			    const char *lang);
void rnd_set_free(struct rnd_set *s);

/*
 * Appends the report <audience> rendered over view to out. Returns 0, or
 * an exit status after diagnostics: EXIT_NOINPUT (template missing),
 * EXIT_DATAERR (template error), EXIT_SOFTWARE (formatting failure).
 */
int rnd_render(struct rnd_set *s, const char *audience,
	       const struct node *view, struct buf *out, struct diags *d);

/*
 * A report over a list written one item at a time (the register; see
 * mus_stream in mustache.h): rnd_render_item hands st->put one item's
 * shares of the loops; rnd_render_streamed renders the rest with the
 * loops filled by st->fill. Mustache only: the caller runs the
 * language's typography over the text as it is written
 * (fmt_typo_stream), which gives the bytes of rnd_render. Exit
 * statuses as rnd_render.
 */
int rnd_render_item(struct rnd_set *s, const char *audience,
		    const struct node *view, const struct node *item,
		    const struct mus_stream *st, struct diags *d);
int rnd_render_streamed(struct rnd_set *s, const char *audience,
			const struct node *view, const struct mus_stream *st,
			struct buf *out, struct diags *d);

/* Whether <dir>/<lang>/labels.yaml exists: reports can be written in
 * lang. */
bool rnd_lang_ok(const char *dir, const char *lang);

/* Appends the languages of dir, sorted, joined by ", " ("de, en, fr"). */
void rnd_languages(const char *dir, struct buf *out);

/* The same with a set made for one report. */
int rnd_markdown(struct arena *a, const char *dir, const char *lang,
		 const char *audience, const struct node *view,
		 struct buf *out, struct diags *d);

#endif

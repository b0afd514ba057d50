/*
 * render.h - Mustache template + view tree -> Markdown.
 *
 * The template is <dir>/<lang>/<audience>.md; {{> name}} loads
 * <dir>/<lang>/<name>.md. {{x}} is escaped with esc_markdown, so no value
 * of the view can become markup. French output then goes through the
 * French typography pass (fmt_typo_fr).
 */
#ifndef BREACHGEN_RENDER_H
#define BREACHGEN_RENDER_H

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "node.h"

/* Audiences: the three reports. */
#define RND_AUTHORITY "authority"
#define RND_SUBJECTS "subjects"
#define RND_REGISTER "register"

/*
 * Appends the report to out. Template names used in diagnostics live
 * in a (keep it as long as the diagnostics). Returns 0, or an exit status after
 * diagnostics: EXIT_NOINPUT (template missing), EXIT_DATAERR (template
 * error), EXIT_SOFTWARE (formatting failure).
 */
int rnd_markdown(struct arena *a, const char *dir, const char *lang, const char *audience,
		 const struct node *view, struct buf *out, struct diags *d);

/* The same from a template text already read (tests). */
int rnd_markdown_text(struct arena *a, const char *name, const char *text, size_t len,
		      const char *dir, const char *lang,
		      const struct node *view, struct buf *out,
		      struct diags *d);

#endif

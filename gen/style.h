/*
 * style.h - the PDF style: font files, sizes, colours and margins, read
 * from templates/style.yaml over built-in defaults.
 */
#ifndef BREACHGEN_STYLE_H
#define BREACHGEN_STYLE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "device.h"
#include "diag.h"

#define STYLE_SUBSET_DIRS 4

/* Style keys of the faces, as in style.yaml ("bold_italic"). */
extern const char *const style_face_key[DEV_NFACES];

enum style_color {
	STYLE_TEXT,
	STYLE_HEADING,
	STYLE_LINK,
	STYLE_RULE,
	STYLE_TABLE_HEADER,	/* header row background */
	STYLE_CODE_BACKGROUND,
	STYLE_QUOTE_BAR,
	STYLE_MUTED,		/* footer and first-page labels */
	STYLE_NCOLORS
};

struct style {
	/* Font file per face (TrueType), and where the style named it
	 * (file NULL: the built-in default). */
	const char *font[DEV_NFACES];
	struct pos font_pos[DEV_NFACES];
	/* Folders of build-time subsets named like the font files, tried
	 * in order, NULL after the last: a checkout's build/fonts, an
	 * installed share/breachgen/fonts. A folder that is not there is
	 * skipped; a font in none of them, or a character a subset lacks,
	 * falls back to the full font. None: full fonts only. */
	const char *subset_dir[STYLE_SUBSET_DIRS + 1];

	double page_width, page_height;
	double margin_top, margin_right, margin_bottom, margin_left;

	double size_body;
	double size_heading[4];	/* levels 1 to 4 */
	double size_code;
	double size_table;
	double size_small;	/* footer, first-page block labels */
	double leading;		/* line height as a multiple of the size */

	struct dev_color color[STYLE_NCOLORS];
};

/* The built-in style: A4, DejaVu fonts from Debian's fonts-dejavu-core
 * and fonts-dejavu-extra, subsets from ../share/breachgen/fonts beside
 * the running program's folder (an installed copy) when it is there. */
void style_default(struct style *st);

/* <folder of the running program>/../share/breachgen/<sub>, where make
 * install puts the templates and font subsets: an installed breachgen
 * finds them with no path fixed at build time. False when unknown. */
bool style_installed_path(const char *sub, char *out, size_t n);

/*
 * Reads a style file over the defaults already in st. Strings live in a.
 * A relative path in it is taken from the folder of the file, so the
 * same file serves a checkout and an installed copy.
 * Returns 0, EXIT_NOINPUT or EXIT_DATAERR, with diagnostics added; an
 * unknown key is a warning, a bad value an error.
 */
int style_load(struct style *st, struct arena *a, const char *path,
	       struct diags *d);

#endif

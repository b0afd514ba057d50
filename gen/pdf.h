/*
 * pdf.h - the libharu device: embedded TrueType fonts, UTF-8 text,
 * links, outline, document information, deterministic bytes; the
 * caller writes them (output.c).
 */
#ifndef BREACHGEN_PDF_H
#define BREACHGEN_PDF_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "device.h"
#include "diag.h"
#include "layout.h"
#include "style.h"

struct pdf_doc;

/*
 * A new document with the fonts of st (subsets from the first of
 * st->subset_dir that has them, full fonts otherwise and for characters
 * a subset lacks), each face loaded on its first character. A face with
 * no font at all is an error naming the file and the Debian package to
 * install, said when the face is first needed, and pdf_save_buf then
 * refuses the document (EXIT_NOINPUT); a full font missing behind a
 * subset is only a warning when a character needs it. NULL only when
 * libharu cannot start. name labels diagnostics (the output path).
 */
struct pdf_doc *pdf_open(const struct style *st, const char *name,
			 struct diags *d);
/* The device drawing into the document (also measures for others). */
const struct device *pdf_device(struct pdf_doc *p);
/* Title (or the first heading), author (controller), subject,
 * keywords, /Lang, creation date from f->epoch. Call after drawing. */
void pdf_set_info(struct pdf_doc *p, const struct lay_furniture *f,
		  const char *lang);
/* The finished PDF bytes. Returns 0, EXIT_NOINPUT (a face had no font)
 * or EXIT_SOFTWARE. */
int pdf_save_buf(struct pdf_doc *p, struct buf *out, struct diags *d);
void pdf_close(struct pdf_doc *p);

/* For the tests: fonts made by HPDF_GetFont, as libharu alone makes
 * them, so that the bytes of the faster way can be compared. */
void pdf_test_plain_fonts(bool on);

/* Markdown to PDF bytes appended to out: pdf_open, lay_render,
 * pdf_set_info, pdf_save_buf. name labels diagnostics. Returns 0 or an
 * EXIT_ code (EXIT_NOINPUT: a font file), with diagnostics added. */
int pdf_render_buf(const char *md, size_t len, const struct lay_furniture *f,
		   const struct style *st, const char *lang, const char *name,
		   struct buf *out, struct diags *d);

#endif

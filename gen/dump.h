/*
 * dump.h - the layout dump device: where every line and page break fell,
 * as plain text, for golden tests.
 *
 * Widths come from a measuring device (the PDF device, so the breaks are
 * the real ones); drawing prints instead. Per page, every text line is
 * one output line: its baseline y, then each run as [face size] text,
 * with " | " where a gap separates runs (table cells, columns).
 */
#ifndef BREACHGEN_DUMP_H
#define BREACHGEN_DUMP_H

#include <stddef.h>

#include "buf.h"
#include "device.h"
#include "diag.h"
#include "layout.h"
#include "style.h"

struct dump;

/* A dump device appending to out, measuring through measurer. */
struct dump *dump_new(const struct device *measurer, struct buf *out);
const struct device *dump_device(struct dump *dp);
void dump_free(struct dump *dp);

/* Markdown to its dump, with the fonts of st. Returns 0 or an EXIT_
 * code, with diagnostics added. */
int dump_render_markdown(const char *md, size_t len,
			 const struct lay_furniture *f,
			 const struct style *st, const char *lang,
			 struct buf *out, struct diags *d);

#endif

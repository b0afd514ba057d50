/*
 * layout.h - Markdown (cmark-gfm AST) into lines and pages.
 *
 * The engine parses the Markdown of a report, breaks its text into lines
 * with ICU's line-break rules for the report's language, measures every
 * piece through a device (device.h), puts lines on pages (headings kept
 * with what follows, no widow or orphan line, table rows whole, table
 * headers repeated) and then draws the pages with the page furniture:
 * first-page block, running footer "page X of Y", confidentiality line.
 */
#ifndef BREACHGEN_LAYOUT_H
#define BREACHGEN_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "device.h"
#include "diag.h"
#include "style.h"

/* Strings given by the caller, already in the report's language. NULL
 * leaves a field out; the labels default to built-in French or English
 * ones after lang. */
struct lay_furniture {
	const char *source;	/* name of the Markdown in diagnostics */
	const char *title;	/* metadata title; NULL: the first heading */
	const char *subject;	/* metadata */
	const char *keywords;	/* metadata */
	const char *addressee;	/* '\n' separates lines */
	const char *controller;
	const char *date;	/* date of the notification */
	const char *reference;	/* incident reference */
	/* Names never hyphenated (the parties'), '\n' between them. */
	const char *names;
	const char *page_pattern;	/* "Page {page} of {pages}" */
	const char *confidential;	/* printed atop every page */
	const char *label_addressee, *label_controller, *label_date,
	    *label_reference;
	long long epoch;	/* creation date, seconds since 1970 UTC */
	bool landscape;		/* every page landscape (a register) */
};

/*
 * Lays out and draws md (len bytes of UTF-8 Markdown) on dev. lang is a
 * BCP 47 tag such as "fr" or "en-GB" (line breaking, default labels).
 * Returns 0, or EXIT_DATAERR with an error added. A character that no
 * font of its face has is a warning at its position. *npages, when not
 * NULL, receives the number of pages.
 */
int lay_render(const char *md, size_t len, const struct lay_furniture *f,
	       const struct style *st, const char *lang,
	       const struct device *dev, int *npages, struct diags *d);

/* What a layout held at most, for tests: a long document is laid out
 * page by page, so neither grows with its length. */
struct lay_stats {
	size_t units;		/* units (lines, rows) of the document */
	size_t peak_units;	/* of them alive at once */
	int passes;		/* 2: the pages were counted first */
	size_t pieces;		/* of Markdown parsed one after the other */
};

/* lay_render, with its statistics into *stats when not NULL. */
int lay_render_stats(const char *md, size_t len,
		     const struct lay_furniture *f, const struct style *st,
		     const char *lang, const struct device *dev, int *npages,
		     struct lay_stats *stats, struct diags *d);

/* For tests: pages held before the layout counts them in a first pass
 * (default 32; 0 counts first whatever the length; -1 places nothing
 * before the whole document is laid out, the one-piece reference).
 * Returns the value it replaces. */
int lay_test_hold_pages(int pages);

/* For tests: bytes of Markdown parsed at once at least, before the
 * document is cut at a heading (default 64 KiB; SIZE_MAX parses it
 * whole). Returns the value it replaces. */
size_t lay_test_piece_bytes(size_t bytes);

/* Pattern with {page} and {pages} replaced, into out (truncated to
 * size). For the footer, and for tests. */
void lay_page_label(const char *pattern, int page, int pages, char *out,
		    size_t size);

#endif

/*
 * device.h - what the layout engine draws through.
 *
 * The layout engine measures and draws only through this table of
 * function pointers, so it never depends on libharu: the PDF device
 * (pdf.c) puts the marks on paper, the dump device (dump.c) prints where
 * every line and page break fell, for golden tests.
 *
 * Coordinates are PDF points (1/72 inch), origin at the bottom left of
 * the page, y growing upwards; x and y of text are the left end of the
 * baseline. Text is UTF-8.
 */
#ifndef BREACHGEN_DEVICE_H
#define BREACHGEN_DEVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The faces a document uses; style.yaml names a font file for each. */
enum dev_face {
	DEV_REGULAR,
	DEV_BOLD,
	DEV_ITALIC,
	DEV_BOLD_ITALIC,
	DEV_MONO,
	DEV_NFACES
};

struct dev_color {
	double r, g, b; /* 0..1 */
};

struct device {
	void *ctx;		/* of the drawing functions */
	/* Of measure and has_glyph: a device that draws elsewhere (the
	 * dump, a test) measures with another device's functions and
	 * context, so that its breaks are the PDF's. */
	void *mctx;

	/* Advance width of text in points. */
	double (*measure)(void *ctx, enum dev_face face, double size,
			  const char *s, size_t len);
	/* Whether some font of the face has a glyph for code point cp. */
	bool (*has_glyph)(void *ctx, enum dev_face face, uint32_t cp);

	/* Pages are numbered from 1; a page is open between the calls. */
	void (*begin_page)(void *ctx, int page, double width, double height);
	void (*end_page)(void *ctx);

	void (*text)(void *ctx, enum dev_face face, double size,
		     const struct dev_color *c, double x, double y,
		     const char *s, size_t len);
	void (*line)(void *ctx, double x0, double y0, double x1, double y1,
		     double width, const struct dev_color *c);
	/* A filled rectangle; (x, y) is the bottom left corner. */
	void (*rect)(void *ctx, double x, double y, double w, double h,
		     const struct dev_color *fill);
	/* A clickable area on the current page that opens uri. */
	void (*link)(void *ctx, double x, double y, double w, double h,
		     const char *uri);
	/* An outline (bookmark) entry pointing at y on the current page;
	 * level 1 is the top. title is UTF-8 plain text. */
	void (*outline)(void *ctx, int level, const char *title, double y);
};

/*
 * The code point at s[*i] (len bytes in all), moving *i past it. Text
 * reaching a device is valid UTF-8 (cmark replaces what is not); a
 * sequence cut short by len gives U+FFFD.
 */
static inline uint32_t
dev_u8_next(const char *s, size_t len, size_t *i)
{
	const unsigned char *u = (const unsigned char *)s + *i;
	size_t left = len - *i;

	if (u[0] < 0x80 || left < 2) {
		*i += 1;
		return u[0];
	}
	if (u[0] < 0xE0) {
		*i += 2;
		return ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
	}
	if (u[0] < 0xF0) {
		if (left < 3) {
			*i += left;
			return 0xFFFD;
		}
		*i += 3;
		return ((uint32_t)(u[0] & 0x0F) << 12) |
		    ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
	}
	if (left < 4) {
		*i += left;
		return 0xFFFD;
	}
	*i += 4;
	return ((uint32_t)(u[0] & 0x07) << 18) |
	    ((uint32_t)(u[1] & 0x3F) << 12) |
	    ((uint32_t)(u[2] & 0x3F) << 6) | (u[3] & 0x3F);
}

#endif

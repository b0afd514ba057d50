/*
 * pdf.c - the libharu device.
 *
 * Text goes through libharu's UTF-8 encoder into Type0 fonts with the
 * TrueType files embedded. Each face has two fonts: the build-time
 * subset, and the full file, loaded only when a character is missing
 * from the subset. libharu 2.3.0 gives those fonts a ToUnicode CMap
 * made of "begincidrange" operators, which a ToUnicode CMap may not
 * hold (poppler warns at every extraction); its codes are Unicode code
 * points, so every font gets an identity bfrange CMap instead, before
 * anything is written.
 *
 * Fonts cost most of a document's time, so a face is loaded on its first
 * character (a report without code never loads the mono face), and each
 * file is read once per process and parsed from memory afterwards:
 * libharu would otherwise keep the file open and seek through it again
 * at every save. Subset tags follow the face order, not the order of
 * first use, so the bytes do not depend on which face came first. A
 * font's widths and CIDToGIDMap are made once per process too, and
 * libharu's walk of all 65 536 code points is avoided (font_new).
 *
 * Every stream is deflated here, not by libharu, at DEFLATE_LEVEL (see
 * "compression" below); a font's CIDToGIDMap and CMap are the same in
 * every document, so they are deflated once per process.
 *
 * libharu's error handler only records the first error: a failed call
 * returns, the document is refused at save time, nothing longjmps.
 * Nothing depends on the clock or on chance: libharu writes no /ID
 * without encryption, font tags are counters, dates come from the
 * caller.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_pages.h>
#include <zlib.h>

#include "arena.h"
#include "pdf.h"

#define CACHE 0x3000		/* code points with cached metrics */

enum { IN_NONE, IN_SUBSET, IN_FULL, IN_MISSING };

struct face {
	const char *path[2];	/* subset (or full), full (or NULL) */
	HPDF_FontDef def[2];
	HPDF_Font font[2];	/* made on first use: unused ones cost bytes */
	HPDF_Encoder enc[2];	/* the fonts' encoders (font_new), ours */
	const char *name[2];
	int rank;		/* among the faces with their own file */
	bool loaded, tried_full;
	unsigned char in[CACHE];
	int16_t width[CACHE];
};

struct pdf_doc {
	HPDF_Doc pdf;
	const struct style *st;
	const char *name;
	struct diags *d;
	struct face face[DEV_NFACES];
	int alias[DEV_NFACES];	/* face whose fonts a face uses */
	char *owned[DEV_NFACES];
	HPDF_Page page;
	HPDF_Encoder utf8;
	HPDF_Outline outline[5];
	char *first_title;
	HPDF_STATUS err, detail;
	bool reported;
	bool font_failed;	/* a face has no font: no PDF (EXIT_NOINPUT) */
	int nfaces, nfull;	/* for subset tags */
	struct buf tmp;
	struct device dev;
};

static void
on_error(HPDF_STATUS err, HPDF_STATUS detail, void *user)
{
	struct pdf_doc *p = user;

	if (p->err == 0) {
		p->err = err;
		p->detail = detail;
	}
}

/* Reports a recorded libharu error once; true if there was one. */
static bool
failed(struct pdf_doc *p, const char *what)
{
	struct pos pos = {p->name, 0, 0};

	if (p->err == 0)
		return false;
	if (!p->reported)
		diag_add(p->d, DIAG_ERROR, &pos, "libharu failed while %s "
			 "(error 0x%04X, detail %u), so no PDF is written: "
			 "a defect of breachgen; please report it with the "
			 "incident file", what, (unsigned)p->err,
			 (unsigned)p->detail);
	p->reported = true;
	return true;
}

/* ---- compression ---- */

/* The bytes of the font files, read once per process (per thread, as
 * the caches of tz.c and fmt.c, so that they need no lock). */
#define NFILES (2 * DEV_NFACES)
struct zbytes {
	unsigned char *data;	/* deflated; NULL until made */
	size_t len;
};

static _Thread_local struct font_file {
	char *path;
	HPDF_BYTE *data;	/* NULL: unreadable */
	size_t len;
	struct zbytes map;	/* its fonts' CIDToGIDMap, deflated */
	HPDF_INT32 *w;		/* their W array: cid, n, n widths, ... */
	size_t nw;
} files[NFILES];


/*
 * libharu 2.3.0 deflates each stream at zlib's default level, 6, and
 * has no setting for it. So breachgen deflates every stream itself and
 * gives libharu the deflated bytes with libharu's filter off; a hook
 * writes the /Filter entry libharu then leaves out. A font's
 * CIDToGIDMap (128 KiB) and CMap are the same in every document: they
 * are deflated once per process. Measured on sc-2025-001's six PDFs
 * (callgrind, whole render; bytes of the six files):
 *
 *   level 1: 346.6 M instructions, 389 268 bytes
 *   level 2: 347.0 M, 381 470
 *   level 3: 349.1 M, 373 306
 *   level 6: 395.6 M, 351 070 (libharu's level; 508.2 M before the
 *            maps were deflated once per process)
 *
 * Level 3: 12 % fewer instructions than level 6 for 6 % more bytes;
 * levels 1 and 2 save under 1 % more and cost 2 to 4 % more bytes.
 */
#define DEFLATE_LEVEL 3

static bool
deflate_bytes(const unsigned char *in, size_t n, struct zbytes *z)
{
	uLongf len = compressBound((uLong)n);

	z->data = xmalloc(len);
	if (compress2(z->data, &len, in, (uLong)n, DEFLATE_LEVEL) != Z_OK) {
		free(z->data);
		z->data = NULL;
		return false;
	}
	z->len = len;
	return true;
}

/* The bytes of a stream (malloc'd), or NULL. */
static unsigned char *
stream_bytes(HPDF_Stream s, HPDF_UINT *n)
{
	unsigned char *b;

	*n = s->size;
	b = xmalloc(*n ? *n : 1);
	if (*n > 0 && (HPDF_Stream_Seek(s, 0, HPDF_SEEK_SET) != HPDF_OK ||
	    HPDF_Stream_Read(s, b, n) != HPDF_OK || *n != s->size)) {
		free(b);
		return NULL;
	}
	return b;
}

static HPDF_STATUS
write_filter(HPDF_Dict d, HPDF_Stream out)
{
	(void)d;
	return HPDF_Stream_WriteStr(out, "/Filter [/FlateDecode]\012");
}

/* Before a deflated stream is written: libharu's own filter off (a
 * font sets its streams' filter when the font is written). */
static HPDF_STATUS
keep_deflated(HPDF_Dict d)
{
	d->filter = HPDF_STREAM_FILTER_NONE;
	return HPDF_OK;
}

/* The stream of d becomes the deflated bytes z. */
static HPDF_STATUS
put_deflated(HPDF_Dict d, const struct zbytes *z)
{
	HPDF_MemStream_FreeData(d->stream);
	if (HPDF_Stream_Write(d->stream, z->data, (HPDF_UINT)z->len) !=
	    HPDF_OK)
		return HPDF_Error_GetCode(d->error);
	d->filter = HPDF_STREAM_FILTER_NONE;
	d->before_write_fn = keep_deflated;
	d->write_fn = write_filter;
	return HPDF_OK;
}

/* Before a stream is written, when its bytes are final: deflates them. */
static HPDF_STATUS
deflate_now(HPDF_Dict d)
{
	struct zbytes z;
	unsigned char *raw;
	HPDF_UINT n;
	HPDF_STATUS rc;

	raw = stream_bytes(d->stream, &n);
	if (raw == NULL || !deflate_bytes(raw, n, &z)) {
		free(raw);
		return HPDF_SetError(d->error, HPDF_FAILD_TO_ALLOC_MEM, 0);
	}
	rc = put_deflated(d, &z);
	free(raw);
	free(z.data);
	return rc;
}

/* libharu's hook that makes a font's descriptor and FontFile2 stream
 * when the font is written (the same function for every font). */
static HPDF_Dict_BeforeWriteFunc font_made_fn;

static HPDF_STATUS
font_before_write(HPDF_Dict font)
{
	HPDF_FontAttr a = (HPDF_FontAttr)font->attr;
	HPDF_STATUS rc = font_made_fn(font);
	HPDF_Dict desc, data;

	if (rc != HPDF_OK)
		return rc;
	desc = a->fontdef->descriptor;
	data = desc ? HPDF_Dict_GetItem(desc, "FontFile2", HPDF_OCLASS_DICT)
		    : NULL;
	/* Once: a face used by two fonts shares the descriptor. */
	if (data != NULL && data->before_write_fn == NULL)
		data->before_write_fn = deflate_now;
	return HPDF_OK;
}

/* Every stream of a new font is deflated by breachgen: the CIDToGIDMap
 * and CMap from the process's copies, the font file when written. */
static void
deflate_font(struct pdf_doc *p, HPDF_Font font, struct font_file *ff)
{
	static _Thread_local struct zbytes cmap; /* fix_tounicode's: one for
						  * every font */
	HPDF_FontAttr a = (HPDF_FontAttr)font->attr;
	unsigned char *raw;
	HPDF_UINT n;

	if (p->err)
		return;
	if (font->before_write_fn != NULL &&
	    font->before_write_fn != font_before_write) {
		font_made_fn = font->before_write_fn;
		font->before_write_fn = font_before_write;
	}
	if (a->map_stream != NULL && ff->map.data == NULL &&
	    (raw = stream_bytes(a->map_stream->stream, &n)) != NULL) {
		deflate_bytes(raw, n, &ff->map);
		free(raw);
	}
	if (a->map_stream != NULL && ff->map.data != NULL)
		put_deflated(a->map_stream, &ff->map);
	else if (a->map_stream != NULL)
		a->map_stream->before_write_fn = deflate_now;
	if (a->cmap_stream != NULL && cmap.data == NULL &&
	    (raw = stream_bytes(a->cmap_stream->stream, &n)) != NULL) {
		deflate_bytes(raw, n, &cmap);
		free(raw);
	}
	if (a->cmap_stream != NULL && cmap.data != NULL)
		put_deflated(a->cmap_stream, &cmap);
	else if (a->cmap_stream != NULL)
		a->cmap_stream->before_write_fn = deflate_now;
}

/* ---- fonts ---- */

/* The Debian package that ships a DejaVu file, NULL for other files. */
static const char *
deb_package(const char *path)
{
	static const char dir[] = "/usr/share/fonts/truetype/dejavu/";
	static const char *const core[] = {
		"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansMono.ttf",
		"DejaVuSansMono-Bold.ttf", "DejaVuSerif.ttf",
		"DejaVuSerif-Bold.ttf"
	};
	size_t i;

	if (strncmp(path, dir, sizeof dir - 1) != 0)
		return NULL;
	for (i = 0; i < sizeof core / sizeof core[0]; i++)
		if (strcmp(path + sizeof dir - 1, core[i]) == 0)
			return "fonts-dejavu-core";
	return "fonts-dejavu-extra";
}

/* Why path gave no font, and what to do, into out. */
static void
font_problem(int face, const char *path, HPDF_STATUS err,
	     char *out, size_t size)
{
	const char *pkg = deb_package(path);
	char why[160];

	if (access(path, R_OK) != 0)
		snprintf(why, sizeof why, "%s", strerror(errno));
	else
		snprintf(why, sizeof why, "not a TrueType font that libharu "
			 "can embed (error 0x%04X)", (unsigned)err);
	if (pkg)
		snprintf(out, size, "%s: %s; install it with 'apt-get install "
			 "%s', or name another TrueType file at fonts.%s in "
			 "the PDF style", path, why, pkg,
			 style_face_key[face]);
	else
		snprintf(out, size, "%s: %s; correct fonts.%s in the PDF "
			 "style, or remove the key to use DejaVu", path, why,
			 style_face_key[face]);
}

/* Where the style named the font of face, else the document. */
static struct pos
font_pos(const struct pdf_doc *p, int face)
{
	struct pos pos = {p->name, 0, 0};

	if (p->st->font_pos[face].file)
		pos = p->st->font_pos[face];
	return pos;
}

/* The copy of a font file, read on its first use in the process. */
static struct font_file *
font_file(const char *path)
{
	struct font_file *ff = NULL;
	FILE *fp;
	long n;
	int i;

	for (i = 0; i < NFILES && files[i].path != NULL; i++)
		if (strcmp(files[i].path, path) == 0)
			return &files[i];
	/* A style names at most two files a face; should there ever be
	 * more, the last entry gives way (callers copy what they take). */
	ff = &files[i < NFILES ? i : NFILES - 1];
	free(ff->path);
	free(ff->data);
	free(ff->map.data);
	free(ff->w);
	memset(ff, 0, sizeof *ff);
	ff->path = xstrdup(path);
	if ((fp = fopen(path, "rb")) == NULL)
		return ff;
	if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) > 0 &&
	    n < (1L << 30) && fseek(fp, 0, SEEK_SET) == 0) {
		ff->data = xmalloc((size_t)n);
		ff->len = fread(ff->data, 1, (size_t)n, fp);
		if (ff->len != (size_t)n) {
			free(ff->data);
			ff->data = NULL;
		}
	}
	fclose(fp);
	return ff;
}

/* The tag the k-th font loaded gets from HPDF_LoadTTFontFromFile. */
static void
tag_name(int k, char tag[7])
{
	memcpy(tag, "HPDFAA", 7);
	tag[5] = (char)('A' + k % 26);
	tag[4] = (char)('A' + k / 26 % 26);
	tag[3] = (char)('F' + k / 676);
}

/*
 * Loads a TrueType file as HPDF_LoadTTFontFromFile does (Debian's
 * libharu 2.3.0 has no load from memory), from the process's copy, with
 * the k-th tag. NULL, with libharu's error cleared (and kept in *err)
 * so that the document stays usable, when it cannot.
 */
static HPDF_FontDef
load_def(struct pdf_doc *p, const char *path, int k, const char **name,
	 HPDF_STATUS *err)
{
	const struct font_file *ff = font_file(path);
	HPDF_FontDef def = NULL;
	HPDF_Stream s;
	char tag[7];

	*name = NULL;
	*err = p->err;
	if (p->err)		/* an earlier failure stays recorded */
		return NULL;
	if (ff->data == NULL) {
		*err = HPDF_FILE_OPEN_ERROR;
		return NULL;
	}
	s = HPDF_MemStream_New(p->pdf->mmgr, (HPDF_UINT)ff->len);
	if (s != NULL && HPDF_Stream_Write(s, ff->data, (HPDF_UINT)ff->len) !=
	    HPDF_OK) {
		HPDF_Stream_Free(s);
		s = NULL;
	}
	if (s != NULL)
		def = HPDF_TTFontDef_Load(p->pdf->mmgr, s, HPDF_TRUE);
	if (def != NULL && HPDF_Doc_FindFontDef(p->pdf, def->base_font)) {
		HPDF_FontDef_Free(def);
		def = NULL;
		HPDF_SetError(&p->pdf->error, HPDF_FONT_EXISTS, 0);
	}
	if (def != NULL && HPDF_List_Add(p->pdf->fontdef_list, def) !=
	    HPDF_OK) {
		HPDF_FontDef_Free(def);
		def = NULL;
	}
	if (def == NULL) {
		HPDF_CheckError(&p->pdf->error);
		*err = p->err ? p->err : HPDF_INVALID_FONTDEF_DATA;
		HPDF_ResetError(p->pdf);
		p->err = p->detail = 0;
		return NULL;
	}
	tag_name(k, tag);
	HPDF_TTFontDef_SetTagName(def, tag);
	*name = def->base_font;
	return def;
}

/* The fonts of a face, on its first character; false (and the
 * document refused) when it has none. */
static bool
load_face(struct pdf_doc *p, struct face *f)
{
	HPDF_STATUS err;
	int i = (int)(f - p->face);

	if (f->loaded)
		return f->def[0] != NULL;
	f->loaded = true;
	if (p->err)		/* the document is refused already */
		return false;
	f->def[0] = load_def(p, f->path[0], f->rank, &f->name[0], &err);
	if (f->def[0] == NULL && f->path[1] != NULL) {
		/* A damaged subset: the full font serves alone. */
		struct pos pos = {f->path[0], 0, 0};

		diag_add(p->d, DIAG_WARNING, &pos, "this font subset is "
			 "unreadable and is skipped; run 'make fonts' to make "
			 "it again");
		f->path[0] = f->path[1];
		f->path[1] = NULL;
		f->def[0] = load_def(p, f->path[0], f->rank, &f->name[0],
				     &err);
	}
	if (f->def[0] == NULL) {
		struct pos pos = font_pos(p, i);
		char msg[512];

		font_problem(i, f->path[0], err, msg, sizeof msg);
		diag_add(p->d, DIAG_ERROR, &pos, "the font %s", msg);
		p->font_failed = true;
	}
	return f->def[0] != NULL;
}

/* The full font behind a subset, on the first character the subset
 * lacks. Without it such characters print as a replacement mark, which
 * the layout names one by one: a warning, the rest of the document is
 * sound. */
static void
load_full(struct pdf_doc *p, struct face *f)
{
	HPDF_STATUS err;
	char msg[512];
	int i = (int)(f - p->face);

	if (f->tried_full || f->path[1] == NULL)
		return;
	f->tried_full = true;
	f->def[1] = load_def(p, f->path[1], p->nfaces + p->nfull++,
			     &f->name[1], &err);
	if (f->def[1] == NULL && p->err == 0) {
		struct pos pos = font_pos(p, i);

		font_problem(i, f->path[1], err, msg, sizeof msg);
		diag_add(p->d, DIAG_WARNING, &pos, "the full font %s; until "
			 "then, characters outside the built-in subset print "
			 "as empty boxes", msg);
	}
}

static int
where(struct pdf_doc *p, struct face *f, uint32_t cp)
{
	int r = IN_MISSING;

	if (cp < CACHE && f->in[cp] != IN_NONE)
		return f->in[cp];
	if (!load_face(p, f))
		return IN_SUBSET;	/* nothing is drawn; the error is said
					 * once, not once a character */
	/* No font draws a control character: asking the full font about
	 * one (a line break measured with its line) would parse it for
	 * nothing. */
	if (cp <= 0xFFFF && cp >= 0x20) {
		if (f->def[0] && HPDF_TTFontDef_GetGlyphid(f->def[0],
							  (HPDF_UINT16)cp))
			r = IN_SUBSET;
		else {
			load_full(p, f);
			if (f->def[1] && HPDF_TTFontDef_GetGlyphid(f->def[1],
			    (HPDF_UINT16)cp))
				r = IN_FULL;
		}
	}
	if (cp < CACHE)
		f->in[cp] = (unsigned char)r;
	return r;
}

/* The font and code point that print cp: U+FFFD when no font has it. */
static int
resolve(struct pdf_doc *p, struct face *f, uint32_t *cp)
{
	int r = where(p, f, *cp);

	if (r == IN_MISSING) {
		*cp = 0xFFFD;
		r = where(p, f, *cp);
		if (r == IN_MISSING)
			r = IN_SUBSET;	/* .notdef, still a visible box */
	}
	return r;
}

static int
glyph_width(struct pdf_doc *p, struct face *f, uint32_t cp)
{
	uint32_t c = cp;
	int r, w;

	if (cp < CACHE && f->in[cp] != IN_NONE && f->width[cp] >= 0)
		return f->width[cp];
	r = resolve(p, f, &c);
	w = f->def[r - 1] ? HPDF_TTFontDef_GetCharWidth(f->def[r - 1],
						     (HPDF_UINT16)c) : 0;
	if (cp < CACHE)
		f->width[cp] = (int16_t)w;
	return w;
}

static void
u8_put(struct buf *b, uint32_t cp)
{
	char s[3];

	if (cp < 0x80) {
		buf_putc(b, (char)cp);
	} else if (cp < 0x800) {
		s[0] = (char)(0xC0 | (cp >> 6));
		s[1] = (char)(0x80 | (cp & 0x3F));
		buf_put(b, s, 2);
	} else {
		s[0] = (char)(0xE0 | (cp >> 12));
		s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[2] = (char)(0x80 | (cp & 0x3F));
		buf_put(b, s, 3);
	}
}

/* Replaces the font's ToUnicode CMap with an identity map of 2-byte
 * codes to UTF-16, in bfrange blocks that never cross a high byte. */
static void
fix_tounicode(HPDF_Font font)
{
	HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
	HPDF_Dict cm = attr ? attr->cmap_stream : NULL;
	HPDF_Stream s;
	char line[40];
	int blk, i;

	if (cm == NULL || cm->stream == NULL)
		return;
	s = cm->stream;
	HPDF_MemStream_FreeData(s);
	HPDF_Dict_RemoveElement(cm, "Type");
	HPDF_Dict_RemoveElement(cm, "CMapName");
	HPDF_Dict_RemoveElement(cm, "CIDSystemInfo");
	HPDF_Dict_RemoveElement(cm, "WMode");
	HPDF_Stream_WriteStr(s, "/CIDInit /ProcSet findresource begin\n"
	    "12 dict begin\nbegincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	for (blk = 0; blk < 256; blk += 100) {
		int end = blk + 100 < 256 ? blk + 100 : 256;

		snprintf(line, sizeof line, "%d beginbfrange\n", end - blk);
		HPDF_Stream_WriteStr(s, line);
		for (i = blk; i < end; i++) {
			/* Surrogate codes map to nothing printable. */
			if (i >= 0xD8 && i <= 0xDF)
				snprintf(line, sizeof line,
					 "<%02X00> <%02XFF> <FFFD>\n", i, i);
			else
				snprintf(line, sizeof line,
					 "<%02X00> <%02XFF> <%02X00>\n", i, i,
					 i);
			HPDF_Stream_WriteStr(s, line);
		}
		HPDF_Stream_WriteStr(s, "endbfrange\n");
	}
	HPDF_Stream_WriteStr(s, "endcmap\nCMapName currentdict /CMap "
	    "defineresource pop\nend\nend\n");
}

/*
 * The font of def, as HPDF_GetFont(pdf, name, "UTF-8") makes it, with
 * the same bytes, at a fraction of the cost. For the UTF-8 encoder,
 * libharu 2.3.0 builds a font's CIDToGIDMap by asking the font for
 * every one of the 65 536 code points (a fifth of a render's
 * instructions); for any other CMap encoder it asks only for the codes
 * of the encoder's cid_map. So the font gets its own copy of the UTF-8
 * encoder whose map holds the code points of the font's cmap, cid =
 * code point as UTF-8 gives, and U+FFFF so that the map keeps its
 * length; the UTF-8 functions are put back before any text is written.
 * A code point outside the cmap has glyph 0 either way. The widths (W)
 * and the map depend on the font file alone: from the second document
 * of a process on, the encoder holds a space alone, and the W array and
 * map kept from the first replace the ones libharu made for it. Only
 * the installed headers and exported functions are used: libharu is
 * neither copied nor patched (test_pdf compares the bytes with
 * HPDF_GetFont's).
 */
static bool plain_fonts;	/* pdf_test_plain_fonts() */

void
pdf_test_plain_fonts(bool on)
{
	plain_fonts = on;
}

/* The W array (widths) of a font's CIDFont, kept for the process. */
static void
w_keep(HPDF_Font font, struct font_file *ff)
{
	HPDF_Font desc = ((HPDF_FontAttr)font->attr)->descendant_font;
	HPDF_Array w, sub;
	HPDF_Number n;
	HPDF_UINT i, k;
	size_t len = 0, cap = 64;

	w = desc ? HPDF_Dict_GetItem(desc, "W", HPDF_OCLASS_ARRAY) : NULL;
	if (w == NULL)
		return;
	ff->w = xmalloc(cap * sizeof *ff->w);
	for (i = 0; i + 1 < w->list->count; i += 2) {
		n = HPDF_Array_GetItem(w, i, HPDF_OCLASS_NUMBER);
		sub = HPDF_Array_GetItem(w, i + 1, HPDF_OCLASS_ARRAY);
		if (n == NULL || sub == NULL)
			goto bad;
		if (len + 2 + sub->list->count > cap) {
			cap = 2 * (len + 2 + sub->list->count);
			ff->w = xrealloc(ff->w, cap * sizeof *ff->w);
		}
		ff->w[len++] = n->value;
		ff->w[len++] = (HPDF_INT32)sub->list->count;
		for (k = 0; k < sub->list->count; k++) {
			n = HPDF_Array_GetItem(sub, k, HPDF_OCLASS_NUMBER);
			if (n == NULL)
				goto bad;
			ff->w[len++] = n->value;
		}
	}
	ff->nw = len;
	return;
bad:
	free(ff->w);
	ff->w = NULL;
}

/* The W array kept by w_keep, made again in the document. */
static HPDF_STATUS
w_put(HPDF_Font font, const struct font_file *ff)
{
	HPDF_Font desc = ((HPDF_FontAttr)font->attr)->descendant_font;
	HPDF_Array w = HPDF_Array_New(font->mmgr), sub;
	HPDF_STATUS rc = w ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
	size_t i = 0;
	HPDF_INT32 k;

	while (rc == HPDF_OK && i + 1 < ff->nw) {
		rc = HPDF_Array_AddNumber(w, ff->w[i]);
		sub = HPDF_Array_New(font->mmgr);
		if (rc == HPDF_OK)
			rc = HPDF_Array_Add(w, sub);
		for (k = 0; rc == HPDF_OK && k < ff->w[i + 1]; k++)
			rc = HPDF_Array_AddNumber(sub, ff->w[i + 2 + k]);
		i += 2 + (size_t)ff->w[i + 1];
	}
	/* In place of the one made for a space alone: the keys keep their
	 * order, so the bytes are those of the full walk. */
	return rc == HPDF_OK ? HPDF_Dict_Add(desc, "W", w) : rc;
}

static HPDF_Font
font_new(struct pdf_doc *p, HPDF_FontDef def, struct font_file *ff,
	 HPDF_Encoder *encp)
{
	HPDF_TTFontDefAttr da = (HPDF_TTFontDefAttr)def->attr;
	const HPDF_TTF_CmapRange *cm = &da->cmap;
	HPDF_CMapEncoderAttr ua = (HPDF_CMapEncoderAttr)p->utf8->attr, ea;
	HPDF_Encoder e;
	HPDF_Font font;
	unsigned seg, cp;
	/* Widths and map from an earlier document: libharu need not make
	 * them again (deflate_font puts the map). */
	bool kept = ff->w != NULL && ff->map.data != NULL;

	if (plain_fonts || cm->format != 4 || cm->seg_count_x2 == 0)
		return HPDF_GetFont(p->pdf, def->base_font, "UTF-8");
	e = xmalloc(sizeof *e);
	*e = *p->utf8;
	/* calloc: the two 128 KiB maps stay untouched pages but for the
	 * font's code points. */
	if ((ea = calloc(1, sizeof *ea)) == NULL) {
		free(e);
		return NULL;
	}
	memcpy(ea->jww_line_head, ua->jww_line_head,
	       sizeof *ea - offsetof(HPDF_CMapEncoderAttr_Rec, jww_line_head));
	e->attr = ea;
	if (kept)
		ea->cid_map[0][0x20] = ea->unicode_map[0][0x20] = 0x20;
	for (seg = 0; !kept && seg < cm->seg_count_x2 / 2u; seg++)
		for (cp = cm->start_count[seg]; cp <= cm->end_count[seg] &&
		     cp <= 0xFFFF; cp++)
			if (cp != 0) {
				ea->cid_map[cp >> 8][cp & 0xFF] = (HPDF_UINT16)cp;
				ea->unicode_map[cp >> 8][cp & 0xFF] =
				    (HPDF_UNICODE)cp;
			}
	if (!kept)
		ea->cid_map[0xFF][0xFF] = ea->unicode_map[0xFF][0xFF] = 0xFFFF;
	e->to_unicode_fn = HPDF_CMapEncoder_ToUnicode;
	font = HPDF_Type0Font_New(p->pdf->mmgr, def, e, p->pdf->xref);
	e->to_unicode_fn = p->utf8->to_unicode_fn;
	if (font == NULL || HPDF_List_Add(p->pdf->font_mgr, font) != HPDF_OK) {
		HPDF_CheckError(&p->pdf->error);
		font = NULL;
	} else if (kept && w_put(font, ff) != HPDF_OK) {
		HPDF_CheckError(&p->pdf->error);
		font = NULL;
	} else if (p->pdf->compression_mode & HPDF_COMP_METADATA) {
		font->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	}
	*encp = e;		/* the font uses it until the document goes */
	return font;
}

static HPDF_Font
font_of(struct pdf_doc *p, struct face *f, int r)
{
	int k = r - 1;

	if (f->font[k] == NULL && f->def[k] != NULL && p->err == 0) {
		struct font_file *ff = font_file(f->path[k]);

		f->font[k] = font_new(p, f->def[k], ff, &f->enc[k]);
		if (f->font[k]) {
			if (ff->w == NULL)
				w_keep(f->font[k], ff);
			fix_tounicode(f->font[k]);
			deflate_font(p, f->font[k], ff);
		}
	}
	return f->font[k];
}

/* ---- device ---- */

static double
dev_measure(void *ctx, enum dev_face face, double size, const char *s,
	    size_t len)
{
	struct pdf_doc *p = ctx;
	struct face *f = &p->face[p->alias[face]];
	size_t i = 0;
	long w = 0;

	while (i < len)
		w += glyph_width(p, f, dev_u8_next(s, len, &i));
	return (double)w * size / 1000.0;
}

static bool
dev_has_glyph(void *ctx, enum dev_face face, uint32_t cp)
{
	struct pdf_doc *p = ctx;

	return where(p, &p->face[p->alias[face]], cp) != IN_MISSING;
}

static void
dev_begin_page(void *ctx, int page, double width, double height)
{
	struct pdf_doc *p = ctx;

	(void)page;
	p->page = HPDF_AddPage(p->pdf);
	if (p->page == NULL)
		return;
	((HPDF_PageAttr)p->page->attr)->contents->before_write_fn =
	    deflate_now;
	HPDF_Page_SetWidth(p->page, (HPDF_REAL)width);
	HPDF_Page_SetHeight(p->page, (HPDF_REAL)height);
}

static void
dev_end_page(void *ctx)
{
	struct pdf_doc *p = ctx;

	/* Its content is final (every text and path drawn is closed):
	 * deflated now, as it would be on saving, a long document holds
	 * its pages deflated rather than raw. A failure leaves the raw
	 * bytes, deflated (or refused) on saving. */
	if (p->page != NULL)
		deflate_now(((HPDF_PageAttr)p->page->attr)->contents);
	p->page = NULL;
}

static void
show(struct pdf_doc *p, HPDF_Font font, double size, double *x, double y,
     struct face *f, int r)
{
	const char *s = buf_cstr(&p->tmp);
	size_t i = 0;
	long w = 0;

	if (p->tmp.len == 0 || font == NULL)
		return;
	HPDF_Page_SetFontAndSize(p->page, font, (HPDF_REAL)size);
	HPDF_Page_TextOut(p->page, (HPDF_REAL)*x, (HPDF_REAL)y, s);
	while (i < p->tmp.len) {
		uint32_t c = dev_u8_next(s, p->tmp.len, &i);

		w += HPDF_TTFontDef_GetCharWidth(f->def[r - 1],
						 (HPDF_UINT16)c);
	}
	*x += (double)w * size / 1000.0;
	buf_truncate(&p->tmp, 0);
}

static void
dev_text(void *ctx, enum dev_face face, double size,
	 const struct dev_color *c, double x, double y, const char *s,
	 size_t len)
{
	struct pdf_doc *p = ctx;
	struct face *f = &p->face[p->alias[face]];
	size_t i = 0;
	int cur = 0;

	if (p->page == NULL || len == 0)
		return;
	HPDF_Page_BeginText(p->page);
	HPDF_Page_SetRGBFill(p->page, (HPDF_REAL)c->r, (HPDF_REAL)c->g,
			     (HPDF_REAL)c->b);
	buf_truncate(&p->tmp, 0);
	while (i < len) {
		uint32_t cp = dev_u8_next(s, len, &i);
		int r = resolve(p, f, &cp);

		if (r != cur && cur != 0)
			show(p, font_of(p, f, cur), size, &x, y, f, cur);
		cur = r;
		u8_put(&p->tmp, cp);
	}
	if (cur != 0)
		show(p, font_of(p, f, cur), size, &x, y, f, cur);
	HPDF_Page_EndText(p->page);
}

static void
dev_line(void *ctx, double x0, double y0, double x1, double y1,
	 double width, const struct dev_color *c)
{
	struct pdf_doc *p = ctx;

	if (p->page == NULL)
		return;
	HPDF_Page_SetLineWidth(p->page, (HPDF_REAL)width);
	HPDF_Page_SetRGBStroke(p->page, (HPDF_REAL)c->r, (HPDF_REAL)c->g,
			       (HPDF_REAL)c->b);
	HPDF_Page_MoveTo(p->page, (HPDF_REAL)x0, (HPDF_REAL)y0);
	HPDF_Page_LineTo(p->page, (HPDF_REAL)x1, (HPDF_REAL)y1);
	HPDF_Page_Stroke(p->page);
}

static void
dev_rect(void *ctx, double x, double y, double w, double h,
	 const struct dev_color *c)
{
	struct pdf_doc *p = ctx;

	if (p->page == NULL)
		return;
	HPDF_Page_SetRGBFill(p->page, (HPDF_REAL)c->r, (HPDF_REAL)c->g,
			     (HPDF_REAL)c->b);
	HPDF_Page_Rectangle(p->page, (HPDF_REAL)x, (HPDF_REAL)y,
			    (HPDF_REAL)w, (HPDF_REAL)h);
	HPDF_Page_Fill(p->page);
}

static void
dev_link(void *ctx, double x, double y, double w, double h, const char *uri)
{
	struct pdf_doc *p = ctx;
	static const char hex[] = "0123456789ABCDEF";
	HPDF_Rect r;
	HPDF_Annotation a;
	struct buf u = BUF_INIT;
	const unsigned char *s;

	if (p->page == NULL)
		return;
	/* A URI is 7-bit ASCII: escape the rest as RFC 3986 says. */
	for (s = (const unsigned char *)uri; *s; s++) {
		if (*s > 0x20 && *s < 0x7F) {
			buf_putc(&u, (char)*s);
		} else {
			buf_putc(&u, '%');
			buf_putc(&u, hex[*s >> 4]);
			buf_putc(&u, hex[*s & 15]);
		}
	}
	r.left = (HPDF_REAL)x;
	r.bottom = (HPDF_REAL)y;
	r.right = (HPDF_REAL)(x + w);
	r.top = (HPDF_REAL)(y + h);
	a = HPDF_Page_CreateURILinkAnnot(p->page, r, buf_cstr(&u));
	if (a)
		HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
	buf_free(&u);
}

static void
dev_outline(void *ctx, int level, const char *title, double y)
{
	struct pdf_doc *p = ctx;
	HPDF_Outline parent = NULL, o;
	HPDF_Destination dst;
	int k;

	if (p->page == NULL || level < 1)
		return;
	if (level > 4)
		level = 4;
	if (p->first_title == NULL)
		p->first_title = xstrdup(title);
	for (k = level - 1; k >= 1 && parent == NULL; k--)
		parent = p->outline[k];
	o = HPDF_CreateOutline(p->pdf, parent, title, p->utf8);
	if (o == NULL)
		return;
	HPDF_Outline_SetOpened(o, level < 2 ? HPDF_TRUE : HPDF_FALSE);
	dst = HPDF_Page_CreateDestination(p->page);
	if (dst) {
		/* [page /XYZ left top null]: libharu refuses a null zoom,
		 * which keeps the reader's zoom. */
		HPDF_Array_Clear(dst);
		HPDF_Array_Add(dst, p->page);
		HPDF_Array_AddName(dst, "XYZ");
		HPDF_Array_AddReal(dst, 0);
		HPDF_Array_AddReal(dst, (HPDF_REAL)(y + 12));
		HPDF_Array_Add(dst, HPDF_Null_New(p->pdf->mmgr));
		HPDF_Outline_SetDestination(o, dst);
	}
	p->outline[level] = o;
	for (k = level + 1; k < 5; k++)
		p->outline[k] = NULL;
}

static const struct device pdf_ops = {
	.measure = dev_measure,
	.has_glyph = dev_has_glyph,
	.begin_page = dev_begin_page,
	.end_page = dev_end_page,
	.text = dev_text,
	.line = dev_line,
	.rect = dev_rect,
	.link = dev_link,
	.outline = dev_outline,
};

/* ---- document ---- */

/* The first subset of font in the style's subset folders, or NULL. */
static char *
subset_path(const struct style *st, const char *font)
{
	const char *base = strrchr(font, '/');
	char *path;
	int i;

	base = base ? base + 1 : font;
	for (i = 0; i < STYLE_SUBSET_DIRS && st->subset_dir[i]; i++) {
		path = xmalloc(strlen(st->subset_dir[i]) + strlen(base) + 2);
		sprintf(path, "%s/%s", st->subset_dir[i], base);
		if (access(path, R_OK) == 0)
			return path;
		free(path);
	}
	return NULL;
}

struct pdf_doc *
pdf_open(const struct style *st, const char *name, struct diags *d)
{
	struct pdf_doc *p = xmalloc(sizeof *p);
	int i, k;

	memset(p, 0, sizeof *p);
	p->st = st;
	p->name = name;
	p->d = d;
	p->pdf = HPDF_New(on_error, p);
	if (p->pdf == NULL) {
		struct pos pos = {name, 0, 0};

		diag_add(d, DIAG_ERROR, &pos, "libharu could not start");
		free(p);
		return NULL;
	}
	HPDF_SetCompressionMode(p->pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(p->pdf);
	HPDF_SetCurrentEncoder(p->pdf, "UTF-8");
	p->utf8 = HPDF_GetEncoder(p->pdf, "UTF-8");
	p->pdf->pdf_version = HPDF_VER_14;	/* /Lang */
	for (i = 0; i < DEV_NFACES; i++) {
		struct face *f = &p->face[i];

		/* A face naming the file of an earlier one uses its fonts:
		 * libharu registers a font name once. */
		p->alias[i] = i;
		for (k = 0; k < i; k++)
			if (strcmp(st->font[k], st->font[i]) == 0)
				p->alias[i] = k;
		if (p->alias[i] != i)
			continue;
		p->owned[i] = subset_path(st, st->font[i]);
		f->path[0] = p->owned[i] ? p->owned[i] : st->font[i];
		f->path[1] = p->owned[i] ? st->font[i] : NULL;
		memset(f->width, 0xff, sizeof f->width);
		f->rank = p->nfaces++;
	}
	p->dev = pdf_ops;
	p->dev.ctx = p->dev.mctx = p;
	return p;
}

const struct device *
pdf_device(struct pdf_doc *p)
{
	return &p->dev;
}

void
pdf_set_info(struct pdf_doc *p, const struct lay_furniture *f,
	     const char *lang)
{
	const char *title = f->title ? f->title : p->first_title;

	if (title)
		HPDF_SetInfoAttr(p->pdf, HPDF_INFO_TITLE, title);
	if (f->controller)
		HPDF_SetInfoAttr(p->pdf, HPDF_INFO_AUTHOR, f->controller);
	if (f->subject)
		HPDF_SetInfoAttr(p->pdf, HPDF_INFO_SUBJECT, f->subject);
	if (f->keywords)
		HPDF_SetInfoAttr(p->pdf, HPDF_INFO_KEYWORDS, f->keywords);
	HPDF_SetInfoAttr(p->pdf, HPDF_INFO_CREATOR, "breachgen");
	if (f->epoch > 0) {
		time_t t = (time_t)f->epoch;
		struct tm tm;
		HPDF_Date dt;

		if (gmtime_r(&t, &tm) != NULL) {
			memset(&dt, 0, sizeof dt);
			dt.year = tm.tm_year + 1900;
			dt.month = tm.tm_mon + 1;
			dt.day = tm.tm_mday;
			dt.hour = tm.tm_hour;
			dt.minutes = tm.tm_min;
			dt.seconds = tm.tm_sec;
			dt.ind = 'Z';
			HPDF_SetInfoDateAttr(p->pdf, HPDF_INFO_CREATION_DATE,
					     dt);
			HPDF_SetInfoDateAttr(p->pdf, HPDF_INFO_MOD_DATE, dt);
		}
	}
	if (lang && *lang)
		HPDF_Dict_Add(p->pdf->catalog, "Lang",
			      HPDF_String_New(p->pdf->mmgr, lang, NULL));
	if (p->first_title)
		HPDF_SetPageMode(p->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
}

int
pdf_save_buf(struct pdf_doc *p, struct buf *out, struct diags *d)
{
	HPDF_UINT32 size;
	char chunk[8192];

	p->d = d;
	if (p->font_failed)
		return EXIT_NOINPUT;	/* said when the face was needed */
	if (failed(p, "drawing the pages"))
		return EXIT_SOFTWARE;
	if (HPDF_SaveToStream(p->pdf) != HPDF_OK || failed(p, "saving"))
		return EXIT_SOFTWARE;
	size = HPDF_GetStreamSize(p->pdf);
	HPDF_ResetStream(p->pdf);
	while (size > 0) {
		HPDF_UINT32 n = size < sizeof chunk ? size : sizeof chunk;
		HPDF_STATUS st = HPDF_ReadFromStream(p->pdf,
						     (HPDF_BYTE *)chunk, &n);

		if (n > 0)
			buf_put(out, chunk, n);
		size -= n;
		if (st != HPDF_OK || n == 0)
			break;
	}
	if (size != 0) {
		struct pos pos = {p->name, 0, 0};

		p->err = 0;
		diag_add(d, DIAG_ERROR, &pos, "libharu returned a short "
			 "document");
		return EXIT_SOFTWARE;
	}
	return 0;
}

void
pdf_close(struct pdf_doc *p)
{
	int i;

	if (p == NULL)
		return;
	if (p->pdf)
		HPDF_Free(p->pdf);
	for (i = 0; i < DEV_NFACES; i++) {
		free(p->owned[i]);
		for (int k = 0; k < 2; k++) {
			if (p->face[i].enc[k] != NULL)
				free(p->face[i].enc[k]->attr);
			free(p->face[i].enc[k]);
		}
	}
	free(p->first_title);
	buf_free(&p->tmp);
	free(p);
}

int
pdf_render_buf(const char *md, size_t len, const struct lay_furniture *f,
	       const struct style *st, const char *lang, const char *name,
	       struct buf *out, struct diags *d)
{
	struct pdf_doc *p;
	int rc;

	p = pdf_open(st, name, d);
	if (p == NULL)
		return EXIT_NOINPUT;	/* a font file */
	rc = lay_render(md, len, f, st, lang, pdf_device(p), NULL, d);
	if (rc == 0) {
		pdf_set_info(p, f, lang);
		rc = pdf_save_buf(p, out, d);
	}
	pdf_close(p);
	return rc;
}

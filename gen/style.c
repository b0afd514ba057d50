/*
 * style.c - templates/style.yaml into struct style.
 *
 * The file has four maps (page, fonts, sizes, colors); every key is
 * optional and overrides the built-in default, so a user who only wants
 * other margins writes only those.
 */
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "load.h"
#include "style.h"

#define DEJAVU "/usr/share/fonts/truetype/dejavu/"

enum kind { K_POINTS, K_SIZE, K_FACTOR, K_PATH, K_DIRS, K_COLOR };

struct key {
	const char *section;
	const char *name;
	enum kind kind;
	size_t off;
};

#define F(m) offsetof(struct style, m)

static const struct key keys[] = {
	{"page", "width", K_POINTS, F(page_width)},
	{"page", "height", K_POINTS, F(page_height)},
	{"page", "margin_top", K_POINTS, F(margin_top)},
	{"page", "margin_right", K_POINTS, F(margin_right)},
	{"page", "margin_bottom", K_POINTS, F(margin_bottom)},
	{"page", "margin_left", K_POINTS, F(margin_left)},
	{"fonts", "subset_dir", K_DIRS, F(subset_dir)},
	{"fonts", "regular", K_PATH, F(font[DEV_REGULAR])},
	{"fonts", "bold", K_PATH, F(font[DEV_BOLD])},
	{"fonts", "italic", K_PATH, F(font[DEV_ITALIC])},
	{"fonts", "bold_italic", K_PATH, F(font[DEV_BOLD_ITALIC])},
	{"fonts", "mono", K_PATH, F(font[DEV_MONO])},
	{"sizes", "body", K_SIZE, F(size_body)},
	{"sizes", "h1", K_SIZE, F(size_heading[0])},
	{"sizes", "h2", K_SIZE, F(size_heading[1])},
	{"sizes", "h3", K_SIZE, F(size_heading[2])},
	{"sizes", "h4", K_SIZE, F(size_heading[3])},
	{"sizes", "code", K_SIZE, F(size_code)},
	{"sizes", "table", K_SIZE, F(size_table)},
	{"sizes", "small", K_SIZE, F(size_small)},
	{"sizes", "leading", K_FACTOR, F(leading)},
	{"colors", "text", K_COLOR, F(color[STYLE_TEXT])},
	{"colors", "heading", K_COLOR, F(color[STYLE_HEADING])},
	{"colors", "link", K_COLOR, F(color[STYLE_LINK])},
	{"colors", "rule", K_COLOR, F(color[STYLE_RULE])},
	{"colors", "table_header", K_COLOR, F(color[STYLE_TABLE_HEADER])},
	{"colors", "code_background", K_COLOR, F(color[STYLE_CODE_BACKGROUND])},
	{"colors", "quote_bar", K_COLOR, F(color[STYLE_QUOTE_BAR])},
	{"colors", "muted", K_COLOR, F(color[STYLE_MUTED])},
};

const char *const style_face_key[DEV_NFACES] = {
	"regular", "bold", "italic", "bold_italic", "mono"
};

static const char *const sections[] = {"page", "fonts", "sizes", "colors"};

static struct dev_color
rgb(unsigned v)
{
	struct dev_color c;

	c.r = ((v >> 16) & 0xff) / 255.0;
	c.g = ((v >> 8) & 0xff) / 255.0;
	c.b = (v & 0xff) / 255.0;
	return c;
}

bool
style_installed_path(const char *sub, char *out, size_t n)
{
	char exe[4096], *slash;
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);

	if (len <= 0)
		return false;
	exe[len] = '\0';
	slash = strrchr(exe, '/');
	if (slash == NULL)
		return false;
	*slash = '\0';
	return snprintf(out, n, "%s/../share/breachgen/%s", exe, sub) <
	    (int)n;
}

void
style_default(struct style *st)
{
	static char fonts[4096];

	memset(st, 0, sizeof *st);
	st->font[DEV_REGULAR] = DEJAVU "DejaVuSerif.ttf";
	st->font[DEV_BOLD] = DEJAVU "DejaVuSerif-Bold.ttf";
	st->font[DEV_ITALIC] = DEJAVU "DejaVuSerif-Italic.ttf";
	st->font[DEV_BOLD_ITALIC] = DEJAVU "DejaVuSerif-BoldItalic.ttf";
	st->font[DEV_MONO] = DEJAVU "DejaVuSansMono.ttf";
	st->subset_dir[0] = style_installed_path("fonts", fonts, sizeof fonts)
	    ? fonts : NULL;
	st->page_width = 595.276;	/* A4 */
	st->page_height = 841.89;
	st->margin_top = 68;
	st->margin_bottom = 68;
	st->margin_left = 72;
	st->margin_right = 68;
	st->size_body = 10;
	st->size_heading[0] = 16;
	st->size_heading[1] = 12.5;
	st->size_heading[2] = 11;
	st->size_heading[3] = 10;
	st->size_code = 8.5;
	st->size_table = 8.5;
	st->size_small = 7.5;
	st->leading = 1.4;
	st->color[STYLE_TEXT] = rgb(0x1a1a1a);
	st->color[STYLE_HEADING] = rgb(0x1f2f4f);
	st->color[STYLE_LINK] = rgb(0x1f4e8c);
	st->color[STYLE_RULE] = rgb(0x8a8f98);
	st->color[STYLE_TABLE_HEADER] = rgb(0xe6e9ef);
	st->color[STYLE_CODE_BACKGROUND] = rgb(0xf2f2f2);
	st->color[STYLE_QUOTE_BAR] = rgb(0xb8bec8);
	st->color[STYLE_MUTED] = rgb(0x5a5f66);
}

/* Digits with at most one '.', parsed by hand: strtod would follow
 * LC_NUMERIC, and a style file means the same in every locale. */
static int
parse_number(const char *s, double *out)
{
	double v = 0, scale = 1;
	int digits = 0, frac = 0;

	for (; *s; s++) {
		if (*s == '.' && !frac) {
			frac = 1;
		} else if (isdigit((unsigned char)*s) && digits < 9) {
			v = v * 10 + (*s - '0');
			if (frac)
				scale *= 10;
			digits++;
		} else {
			return -1;
		}
	}
	if (digits == 0)
		return -1;
	*out = v / scale;
	return 0;
}

static int
parse_color(const char *s, struct dev_color *c)
{
	unsigned v = 0;
	int i;

	if (s[0] != '#' || strlen(s) != 7)
		return -1;
	for (i = 1; i < 7; i++) {
		int ch = (unsigned char)s[i];

		if (!isxdigit(ch))
			return -1;
		v = v * 16 + (unsigned)(isdigit(ch) ? ch - '0'
				       : tolower(ch) - 'a' + 10);
	}
	*c = rgb(v);
	return 0;
}

/* path, taken from dir (the style file's folder, "" for the current
 * one) unless absolute. */
static const char *
resolve_path(struct arena *a, const char *dir, const struct node *v)
{
	char *r;
	size_t n = strlen(dir);

	if (v->u.str.s[0] == '/' || n == 0)
		return arena_strndup(a, v->u.str.s, v->u.str.len);
	r = arena_alloc(a, n + v->u.str.len + 2);
	memcpy(r, dir, n);
	r[n] = '/';
	memcpy(r + n + 1, v->u.str.s, v->u.str.len);
	r[n + 1 + v->u.str.len] = '\0';
	return r;
}

/* subset_dir: one folder or a list of them. */
static void
set_dirs(struct style *st, struct arena *a, const char *dir,
	 const struct node *v, struct diags *d)
{
	const struct node *one = v;
	size_t i, n = v->kind == NODE_LIST ? v->u.list.n : 1;

	if (n > STYLE_SUBSET_DIRS) {
		diag_add(d, DIAG_ERROR, &v->pos, "fonts.subset_dir lists %zu "
			 "folders: name at most %d", n, STYLE_SUBSET_DIRS);
		return;
	}
	for (i = 0; i < n; i++) {
		if (v->kind == NODE_LIST)
			one = v->u.list.items[i];
		if (one->kind != NODE_STRING || one->u.str.len == 0) {
			diag_add(d, DIAG_ERROR, &one->pos, "fonts.subset_dir: "
				 "write a folder, or a list of folders such "
				 "as [../build/fonts, ../fonts]");
			return;
		}
	}
	for (i = 0; i < n; i++)
		st->subset_dir[i] = resolve_path(a, dir, v->kind == NODE_LIST
						 ? v->u.list.items[i] : v);
	st->subset_dir[n] = NULL;
}

static void
set_value(struct style *st, struct arena *a, const char *dir,
	  const struct key *k, const struct node *v, struct diags *d)
{
	char *base = (char *)st;
	double x;

	if (k->kind == K_DIRS) {
		set_dirs(st, a, dir, v, d);
		return;
	}
	if (v->kind != NODE_STRING) {
		diag_add(d, DIAG_ERROR, &v->pos,
			 "%s.%s is a %s: write a single value", k->section,
			 k->name, node_kind_name(v->kind));
		return;
	}
	switch (k->kind) {
	case K_POINTS:
	case K_SIZE:
	case K_FACTOR:
		if (parse_number(v->u.str.s, &x) != 0 || x < 0 ||
		    (k->kind == K_SIZE && (x < 4 || x > 72)) ||
		    (k->kind == K_FACTOR && (x < 1 || x > 3)) ||
		    (k->kind == K_POINTS && x > 5000)) {
			diag_add(d, DIAG_ERROR, &v->pos,
				 "%s.%s: '%s' is not usable; write %s",
				 k->section, k->name, v->u.str.s,
				 k->kind == K_SIZE ? "a font size in points "
				 "between 4 and 72, such as 10.5" :
				 k->kind == K_FACTOR ? "a factor between 1 "
				 "and 3, such as 1.4" :
				 "a length in points (72 = 1 inch), such "
				 "as 56.7 for 2 cm");
			return;
		}
		*(double *)(base + k->off) = x;
		break;
	case K_PATH:
		if (v->u.str.len == 0) {
			diag_add(d, DIAG_ERROR, &v->pos,
				 "%s.%s is empty: write the path of a "
				 "TrueType file", k->section, k->name);
			return;
		}
		*(const char **)(base + k->off) = resolve_path(a, dir, v);
		/* Font keys: keep where the file was named. */
		st->font_pos[(k->off - F(font)) / sizeof st->font[0]] = v->pos;
		break;
	case K_DIRS:		/* set_dirs */
	case K_COLOR:
		if (parse_color(v->u.str.s,
				(struct dev_color *)(base + k->off)) != 0)
			diag_add(d, DIAG_ERROR, &v->pos,
				 "%s.%s: '%s' is not a colour; write it as "
				 "\"#rrggbb\", such as \"#1f2f4f\" (quoted)",
				 k->section, k->name, v->u.str.s);
		break;
	}
}

static void
read_section(struct style *st, struct arena *a, const char *dir,
	     const char *section, const struct node *map, struct diags *d)
{
	size_t i, j;

	if (map->kind != NODE_MAP) {
		diag_add(d, DIAG_ERROR, &map->pos,
			 "'%s' must be a map of keys and values", section);
		return;
	}
	for (i = 0; i < map->u.map.n; i++) {
		const struct node_pair *p = &map->u.map.pairs[i];
		const struct key *k = NULL;

		for (j = 0; j < sizeof keys / sizeof keys[0]; j++)
			if (strcmp(keys[j].section, section) == 0 &&
			    strcmp(keys[j].name, p->key) == 0)
				k = &keys[j];
		if (k == NULL) {
			diag_add(d, DIAG_WARNING, &p->key_pos,
				 "unknown key '%s' in '%s' is ignored; see "
				 "templates/style.yaml for the keys",
				 p->key, section);
			continue;
		}
		set_value(st, a, dir, k, p->value, d);
	}
}

int
style_load(struct style *st, struct arena *a, const char *path,
	   struct diags *d)
{
	struct node *root;
	const char *slash, *dir;
	size_t i, j, errors = d->errors;
	int status = 0;

	slash = strrchr(path, '/');
	dir = slash ? arena_strndup(a, path, (size_t)(slash - path)) : "";
	if (slash == path)
		dir = "/";
	root = load_template(a, arena_strdup(a, path), d, &status);
	if (root == NULL)
		return status ? status : EXIT_DATAERR;
	if (root->kind != NODE_MAP) {
		diag_add(d, DIAG_ERROR, &root->pos,
			 "a style file is a map with page, fonts, sizes and "
			 "colors");
		return EXIT_DATAERR;
	}
	for (i = 0; i < root->u.map.n; i++) {
		const struct node_pair *p = &root->u.map.pairs[i];

		for (j = 0; j < sizeof sections / sizeof sections[0]; j++)
			if (strcmp(sections[j], p->key) == 0)
				break;
		if (j == sizeof sections / sizeof sections[0]) {
			diag_add(d, DIAG_WARNING, &p->key_pos,
				 "unknown section '%s' is ignored; write "
				 "page, fonts, sizes or colors", p->key);
			continue;
		}
		read_section(st, a, dir, sections[j], p->value, d);
	}
	if (st->margin_left + st->margin_right > st->page_width - 72 ||
	    st->margin_top + st->margin_bottom > st->page_height - 144)
		diag_add(d, DIAG_ERROR, &root->pos,
			 "the margins leave too little room on the page; "
			 "make them smaller");
	return d->errors > errors ? EXIT_DATAERR : 0;
}

/*
 * hyph.c - hyphenation points from libhyphen's patterns.
 *
 * The dictionaries are read lazily and kept for the process: a run of
 * reports pays once for the patterns of each language it hyphenates.
 * libhyphen's result is indexed by character for a UTF-8 dictionary and
 * by byte for a Latin-1 one (hyphen-de); both map back to the UTF-8 word.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hyphen.h>
#include <unicode/uchar.h>

#include "device.h"
#include "hyph.h"

#define MAX_RUN 64		/* longer letter runs are not words */

struct lang_rule {
	const char *lang;	/* primary subtag */
	const char *file;	/* under HYPH_DIR */
	int left, right;	/* letters before and after a hyphen */
};

/* French: Imprimerie nationale, Lexique des règles typographiques;
 * English: Chicago Manual of Style (two before, three after); German:
 * Duden (two and two). */
static const struct lang_rule rules[] = {
	{"fr", "hyph_fr.dic", 2, 3},
	{"en", "hyph_en_US.dic", 2, 3},
	{"de", "hyph_de_DE.dic", 2, 2},
};

#define NRULES (sizeof rules / sizeof rules[0])

static struct {
	bool tried;
	HyphenDict *dict;
} cache[NRULES];

static size_t scanned;

size_t
hyph_bytes(void)
{
	return scanned;
}

/*
 * Reads a dictionary. A two-level one (hyphen-de: some 69 000 whole
 * compound words, then NEXTLEVEL, then the patterns) takes libhyphen
 * about 2.4 s to read, against a few milliseconds for its patterns
 * alone, and every process that sets a German table would pay it; the
 * layout hyphenates only words that do not fit, so the standard patterns
 * are enough: the charset line, then what follows the last NEXTLEVEL.
 */
static HyphenDict *
load_dict(const char *path)
{
	static const char mark[] = "\nNEXTLEVEL\n";
	FILE *f = fopen(path, "rb"), *m = NULL;
	HyphenDict *dict = NULL;
	char *data = NULL, *buf = NULL, *at, *last = NULL, *nl;
	long size;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) <= 0 ||
	    fseek(f, 0, SEEK_SET) != 0)
		goto out;
	data = malloc((size_t)size + 1);
	if (data == NULL || fread(data, 1, (size_t)size, f) != (size_t)size)
		goto out;
	data[size] = '\0';
	for (at = data; (at = strstr(at, mark)) != NULL; at++)
		last = at;
	nl = strchr(data, '\n');
	if (last == NULL || nl == NULL || nl > last) {
		rewind(f);
		dict = hnj_hyphen_load_file(f);
		goto out;
	}
	last += sizeof mark - 1;
	buf = malloc((size_t)(nl + 1 - data) + strlen(last) + 1);
	if (buf == NULL)
		goto out;
	memcpy(buf, data, (size_t)(nl + 1 - data));
	strcpy(buf + (nl + 1 - data), last);
	m = fmemopen(buf, strlen(buf), "r");
	if (m != NULL)
		dict = hnj_hyphen_load_file(m);
out:
	if (m != NULL)
		fclose(m);
	fclose(f);
	free(buf);
	free(data);
	return dict;
}

static const struct lang_rule *
rule_of(const char *lang, HyphenDict **dict)
{
	size_t i;

	*dict = NULL;
	if (lang == NULL)
		return NULL;
	for (i = 0; i < NRULES; i++) {
		size_t n = strlen(rules[i].lang);

		if (strncmp(lang, rules[i].lang, n) != 0 ||
		    (lang[n] != '\0' && lang[n] != '-' && lang[n] != '_'))
			continue;
		if (!cache[i].tried) {
			char path[256];

			cache[i].tried = true;
			strcpy(path, HYPH_DIR "/");
			strcat(path, rules[i].file);
			cache[i].dict = load_dict(path);
		}
		*dict = cache[i].dict;
		return *dict ? &rules[i] : NULL;
	}
	return NULL;
}

bool
hyph_has(const char *lang)
{
	HyphenDict *d;

	return rule_of(lang, &d) != NULL;
}

/* Hyphenates one run of n letters (code points cp, starting at byte
 * offsets off of the word); marks pts. */
static size_t
run_points(HyphenDict *d, const struct lang_rule *r, const uint32_t *cp,
	   const size_t *off, size_t n, unsigned char *pts)
{
	char word[MAX_RUN * 4 + 1], hy[MAX_RUN * 4 + 5];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	size_t i, k = 0, found = 0;

	if (n < (size_t)(r->left + r->right))
		return 0;
	for (i = 0; i < n; i++) {
		uint32_t lc = (uint32_t)u_tolower((UChar32)cp[i]);

		if (!d->utf8) {	/* Latin-1 patterns */
			if (lc > 0xFF)
				return 0;
			word[k++] = (char)lc;
		} else if (lc < 0x80) {
			word[k++] = (char)lc;
		} else if (lc < 0x800) {
			word[k++] = (char)(0xC0 | (lc >> 6));
			word[k++] = (char)(0x80 | (lc & 0x3F));
		} else if (lc < 0x10000) {
			word[k++] = (char)(0xE0 | (lc >> 12));
			word[k++] = (char)(0x80 | ((lc >> 6) & 0x3F));
			word[k++] = (char)(0x80 | (lc & 0x3F));
		} else {
			return 0;
		}
	}
	word[k] = '\0';
	memset(hy, 0, sizeof hy);
	if (hnj_hyphen_hyphenate2(d, word, (int)k, hy, NULL, &rep, &pos,
				  &cut) != 0)
		goto out;
	/* hy[i] odd: a break after letter i (by character in UTF-8). */
	for (i = (size_t)r->left - 1; i + (size_t)r->right < n; i++) {
		if (!(hy[i] & 1) || (rep && rep[i]))
			continue;
		pts[off[i + 1]] = 1;
		found++;
	}
out:
	if (rep) {
		for (i = 0; i < k; i++)
			free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
	return found;
}

size_t
hyph_points(const char *lang, const char *word, size_t len,
	    unsigned char *pts)
{
	HyphenDict *d;
	const struct lang_rule *r = rule_of(lang, &d);
	uint32_t cp[MAX_RUN];
	size_t off[MAX_RUN + 1], n = 0, i = 0, found = 0;
	bool skip = false;

	if (r == NULL)
		return 0;
	scanned += len;
	while (i <= len) {
		size_t at = i;
		uint32_t c = i < len ? dev_u8_next(word, len, &i) : 0;

		if (i <= len && at < len && u_isalpha((UChar32)c)) {
			if (n == MAX_RUN)
				skip = true;	/* no word is that long */
			else
				cp[n] = c, off[n] = at;
			n += n < MAX_RUN;
			off[n] = i;
			continue;
		}
		if (n > 0 && !skip)
			found += run_points(d, r, cp, off, n, pts);
		n = 0;
		skip = false;
		if (at == len)
			break;
	}
	return found;
}

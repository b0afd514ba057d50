/*
 * hyph.h - where a word may be hyphenated, after the patterns of
 * Debian's hyphen-fr, hyphen-en-us and hyphen-de, read with libhyphen
 * (Hunspell's hyphenation library, the one every office suite uses).
 *
 * Only the letters are looked at: a word is cut into runs of letters
 * (l'informatique: "l", "informatique") and each run is hyphenated on its
 * own, with the minimums of its language (French and English: two letters
 * before the hyphen, three after; German: two and two). Which words to
 * leave whole (numbers, names, addresses) is the caller's choice.
 */
#ifndef BREACHGEN_HYPH_H
#define BREACHGEN_HYPH_H

#include <stdbool.h>
#include <stddef.h>

/* Folder of the pattern files, as Debian installs them. */
#define HYPH_DIR "/usr/share/hyphen"

/*
 * Sets pts[i] (len bytes, zeroed by the caller) for every byte i of word
 * (UTF-8) before which a hyphen may go, for language lang (BCP 47: "fr",
 * "en-GB", "de"). Returns the number of points: 0 for a language without
 * patterns or a pattern file that is not installed. The patterns of a
 * language are read once, on first use, and kept for the process.
 */
size_t hyph_points(const char *lang, const char *word, size_t len,
		   unsigned char *pts);

/* Whether lang has patterns installed (reads them if not yet done). */
bool hyph_has(const char *lang);

/* Bytes of words looked at by hyph_points since the process started:
 * for tests of the layout's cost. */
size_t hyph_bytes(void);

#endif

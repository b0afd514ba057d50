/*
 * fmt.h - locale formatting for the reports (ICU): dates in words,
 * durations, grouped numbers, plural messages, NFC, French typography.
 *
 * A language is any ISO 639 code ICU knows ("fr", "de", "de-CH"); the
 * table lang_rules in fmt.c gives what ICU's data does not (the reports'
 * date patterns, French and German typography). Every zone and locale is given by the
 * caller: neither the process locale, TZ, nor ICU's defaults are read.
 *
 * Every function appends UTF-8 to out and returns FMT_OK or an error; on
 * error nothing is appended. ICU objects are cached per thread (a batch
 * formats many values with the same few formatters); fmt_cleanup()
 * closes the calling thread's cache, and tz_cleanup() the calendars that
 * the date functions open through tz.h.
 */
#ifndef BREACHGEN_FMT_H
#define BREACHGEN_FMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

enum fmt_error {
	FMT_OK = 0,
	FMT_ELANG,	/* not an ISO 639 language ICU knows */
	FMT_EZONE,	/* not an IANA zone id */
	FMT_ERANGE,	/* value out of range: negative duration, NaN,
			 * a date outside 0001..9999, a huge text */
	FMT_EUTF8,	/* input text is not valid UTF-8 */
	FMT_ESYNTAX,	/* message pattern syntax; *err_off says where */
	FMT_EARG,	/* message names an argument not given, a numbered
			 * argument, or uses an argument with the wrong type */
	FMT_EOTHER,	/* plural or select without its "other" case */
	FMT_EICU	/* ICU failed (missing data, out of memory) */
};

bool fmt_lang_ok(const char *lang);

/*
 * The instant in words, read in an IANA zone, with the offset in force:
 *   fr "14 décembre 2025 à 8 h 30 (UTC+01:00)", "1er mars 2026 à ..."
 *   en "14 December 2025 at 08:30 (UTC+01:00)"
 *   de "14. Dezember 2025, 08:30 Uhr (UTC+01:00)"
 * A language without its own patterns gets ICU's best pattern.
 */
int fmt_datetime(const char *lang, const char *zone, int64_t epoch_sec,
		 struct buf *out);
/*
 * The date alone: "14 décembre 2025", "1er décembre 2025",
 * "14 December 2025". For a date written without time (struct dt with
 * date_only), pass zone "UTC": its epoch is midnight UTC of that date.
 */
int fmt_date(const char *lang, const char *zone, int64_t epoch_sec,
	     struct buf *out);

/*
 * The zone's name in words, as ICU's data writes it in lang at that
 * instant: "heure d’Europe centrale", "Central European Time",
 * "Mitteleuropäische Zeit"; "UTC" for UTC.
 */
int fmt_zone_name(const char *lang, const char *zone, int64_t epoch_sec,
		  struct buf *out);

/* Units a duration may be written in, largest first. */
enum {
	FMT_DAYS = 1 << 0,
	FMT_HOURS = 1 << 1,
	FMT_MINUTES = 1 << 2
};

/*
 * A duration in words, split into the units asked for (zero parts left
 * out, what is left below the smallest unit dropped), joined the way the
 * language lists things:
 *   FMT_DAYS|FMT_HOURS, 3 d 4 h: "3 jours et 4 heures", "3 days and 4 hours"
 *   FMT_HOURS, 72 h: "72 heures"; FMT_MINUTES, 45 min: "45 minutes"
 * Nothing left: "0 <smallest unit>". ICU puts a no-break space (U+00A0)
 * between number and unit in French. Negative seconds: FMT_ERANGE.
 */
int fmt_duration(const char *lang, int64_t seconds, unsigned units,
		 struct buf *out);

/*
 * Numbers grouped the local way: fr "28 000 000" with U+202F narrow
 * no-break spaces, en "28,000,000". fmt_decimal shows at most max_frac
 * fraction digits (trailing zeros dropped): fr "1,5", en "1.5".
 */
int fmt_int(const char *lang, int64_t v, struct buf *out);
int fmt_decimal(const char *lang, double v, int max_frac, struct buf *out);

/* A named string argument of a message. */
struct fmt_arg {
	const char *name;
	const char *value;	/* UTF-8 */
};

#define FMT_MSG_ARGS 8	/* string arguments a message may use */

/*
 * An ICU MessageFormat pattern (from a label file) with one count
 * argument named n and up to FMT_MSG_ARGS named string arguments:
 *
 *   {n, plural, one {# personne concernée} other {# personnes concernées}}
 *
 * n may be used as {n} (grouped number), {n, number, ...}, plural,
 * selectordinal, spellout or ordinal; string arguments as {name} or
 * {name, select, ...}. The # and {n} use the grouping of fmt_int.
 * Apostrophes follow ICU: '' is one apostrophe, '{' quotes a brace, and
 * a lone apostrophe (d'adresse) is literal.
 *
 * On FMT_ESYNTAX, FMT_EARG or FMT_EOTHER, *err_off (if not NULL) is the
 * byte offset in pattern of the problem.
 */
int fmt_message(const char *lang, const char *pattern, size_t len,
		int64_t n, const struct fmt_arg *args, size_t nargs,
		struct buf *out, size_t *err_off);

/* Unicode NFC of s[0..len): "e" + U+0301 becomes "é". */
int fmt_nfc(const char *s, size_t len, struct buf *out);

/*
 * French typography on Markdown text: U+202F before ; ! ?, U+00A0 before
 * : and inside « », replacing a plain space there or inserting one where
 * none. Left alone: code spans and fenced or indented code blocks, URLs
 * and e-mail addresses and the space after them, link destinations,
 * autolinks and HTML tags, entities, table delimiter rows, link reference
 * definitions, times (08:30), and punctuation at the start of a line or
 * cell, between two letters or digits (a?b), or doubled (?!). Running it
 * twice changes nothing more.
 */
int fmt_typo_fr(const char *s, size_t len, struct buf *out);

/*
 * German typography on Markdown text, with the same places left alone:
 * straight double quotes become „ and “, and a citation "Art. 33 Abs. 3
 * lit. b DSGVO" or "§ 51 BlnDSG" is joined by no-break spaces.
 */
int fmt_typo_de(const char *s, size_t len, struct buf *out);

/* The typography pass of lang (French, German, or a plain copy). */
int fmt_typo(const char *lang, const char *s, size_t len, struct buf *out);

/*
 * The typography pass of lang over a text given in pieces (the register,
 * written as it is made): the bytes appended to out, over all the calls,
 * are those fmt_typo gives on the whole text, however it is cut. Only
 * what follows the last newline given, and a paragraph whose code span
 * or comment is still open, wait for more. NULL when lang is unknown.
 */
struct fmt_typo_stream;

struct fmt_typo_stream *fmt_typo_stream_new(const char *lang);
int fmt_typo_stream_put(struct fmt_typo_stream *ts, const char *s,
			size_t len, struct buf *out);
/* The rest, at the end of the text. */
int fmt_typo_stream_end(struct fmt_typo_stream *ts, struct buf *out);
void fmt_typo_stream_free(struct fmt_typo_stream *ts);

const char *fmt_error_text(int e);

/* Closes the ICU objects cached by the calling thread. */
void fmt_cleanup(void);

#endif

/*
 * authority.h - the directory of data-protection supervisory authorities
 * (templates/authorities.yaml): who receives an Art. 33 notification,
 * in which language, in which time zone its dates are shown.
 *
 * Codes: the ISO 3166-1 alpha-2 country code in lower case for a national
 * authority ("fr", "se"); for a German Land, "de-" and the ISO 3166-2
 * subdivision suffix ("de-be" Berlin, "de-by" Bavaria's private-sector
 * authority BayLDA); "de-bund" for the federal BfDI.
 */
#ifndef BREACHGEN_AUTHORITY_H
#define BREACHGEN_AUTHORITY_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "node.h"

#define AUTH_DEFAULT_PATH "templates/authorities.yaml"

/*
 * national: the one authority for controllers of its country.
 * regional: competent for controllers seated in one region (a German Land).
 * federal:  a federal authority beside regional ones (the BfDI: federal
 *           public bodies, telecommunications and postal services); never
 *           the answer to "which authority for a company in Germany".
 */
enum auth_scope { AUTH_NATIONAL, AUTH_REGIONAL, AUTH_FEDERAL };

/* A text in one language (a name or an article). */
struct auth_text {
	const char *lang;
	const char *text;
};

struct authority {
	const char *code;	/* "fr", "de-be", "de-bund" */
	const char *country;	/* ISO 3166-1 alpha-2, upper case: "FR" */
	const char *region;	/* ISO 3166-2 ("DE-BE") or NULL */
	enum auth_scope scope;
	bool eea;		/* false for the UK ICO */
	const char *name_fr;
	const char *name_en;
	const char *name_native; /* in .language; NULL when not given */
	const char *short_name;	/* "CNIL"; NULL when not given */
	const char *time_zone;	/* IANA id known to ICU: "Europe/Paris" */
	const char *language;	/* BCP 47 language of filings: "fr" */
	const char **accepts;	/* other languages of filings, or NULL */
	size_t naccepts;
	struct auth_text *names;	/* names in other languages */
	size_t nnames;
	struct auth_text *articles;	/* "le", "la", "l’", "die" */
	size_t narticles;
	const char *address;	/* postal, lines split by '\n'; or NULL */
	const char *portal;	/* breach notification page (https) or NULL */
	struct pos pos;		/* where the entry starts */
};

struct auth_dir {
	struct authority *v;	/* in file order */
	size_t n;
};

/*
 * Loads and validates a directory file. Returns NULL when the file is
 * missing or has any error, with diagnostics added; *status is then
 * EXIT_NOINPUT or EXIT_DATAERR, else 0. Warnings do not fail the load.
 * Everything returned lives in the arena.
 */
struct auth_dir *auth_load(struct arena *a, const char *path,
			   struct diags *d, int *status);
/* The same from a node tree already loaded (NULL with diagnostics on error). */
struct auth_dir *auth_from_node(struct arena *a, const struct node *root,
				struct diags *d);
/*
 * auth_load, and also each time zone against the zones ICU gives its
 * country (Portugal with Europe/Madrid is an error). ICU walks its whole
 * zone list for that, some 80 ms: the tests (tests/unit/test_authority.c)
 * and make (tools/authcheck.c, when the file changes) run it, runs never
 * do, so that start-up stays in milliseconds. auth_load still refuses a
 * zone ICU does not know.
 */
struct auth_dir *auth_load_strict(struct arena *a, const char *path,
				  struct diags *d, int *status);

/* Entry with that code (ASCII case ignored), or NULL. */
const struct authority *auth_find(const struct auth_dir *dir,
				  const char *code);

/*
 * The authority for controllers established in a country (ISO alpha-2,
 * case ignored): its national authority. Returns NULL when the country
 * has none in the directory, and also when its authorities are regional
 * (Germany): then *needs_region (when not NULL) is set to true and the
 * caller must name the region with auth_for_region(). The federal BfDI is
 * never returned here: it is not competent for private companies.
 */
const struct authority *auth_for_country(const struct auth_dir *dir,
					 const char *country,
					 bool *needs_region);
/* The regional authority for an ISO 3166-2 code ("DE-BE"), or NULL. */
const struct authority *auth_for_region(const struct auth_dir *dir,
					const char *region);

/*
 * Name in a language: "fr" and "en" always exist; the authority's own
 * filing language (e.g. "de" for "de-be") gives the native name when the
 * file has one. Only the primary subtag counts ("fr-BE" is "fr"). NULL
 * for any other language: callers report the missing translation rather
 * than print a name in a language the reader did not ask for.
 */
const char *auth_name(const struct authority *a, const char *lang);

/*
 * The name as a sentence names it, with its article in that language
 * ("le Commissaire ...", "l’Autorité ...", "die Berliner Beauftragte
 * ..."), allocated in a; NULL when the file gives no article for lang or
 * no name.
 */
const char *auth_name_with_article(struct arena *a, const struct authority *au,
				   const char *lang);

/* Whether the authority takes filings in lang (its language or one it
 * accepts; primary subtags compared). */
bool auth_takes_language(const struct authority *au, const char *lang);

/* "national", "regional", "federal". */
const char *auth_scope_name(enum auth_scope s);

#endif

/*
 * authority.c - load, validate and search the supervisory-authority
 * directory.
 *
 * The file is small and edited by hand, so every problem is reported
 * (not only the first), each at the key or value it concerns, and the
 * directory is refused as a whole when any error remains: a report must
 * never go out with half an authority.
 */
#include <stdio.h>
#include <string.h>

#include <unicode/ucal.h>
#include <unicode/uenum.h>
#include <unicode/ustring.h>

#include "authority.h"
#include "load.h"

/* EU member states and the EEA EFTA states (Iceland, Liechtenstein,
 * Norway), ISO 3166-1 alpha-2. */
static const char *const eea_countries[] = {
	"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI",
	"FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT",
	"NL", "PL", "PT", "RO", "SE", "SI", "SK", "IS", "LI", "NO",
};

static const char *const top_keys[] = {"authorities", NULL};
static const char *const entry_keys[] = {
	"code", "country", "region", "scope", "eea", "name", "short",
	"time_zone", "language", "address", "portal", "accepts", "article",
	NULL,
};
static const char *const name_keys[] = {"fr", "en", "native", NULL};
static const char *const scope_names[] = {"national", "regional",
					  "federal"};

static int
ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int
ascii_upper(int c)
{
	return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

static bool
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool
same_ascii_case(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++)
		if (ascii_lower((unsigned char)*a) !=
		    ascii_lower((unsigned char)*b))
			return false;
	return *a == *b;
}

static char *
upper_dup(struct arena *a, const char *s)
{
	char *r = arena_strdup(a, s);
	char *p;

	for (p = r; *p != '\0'; p++)
		*p = (char)ascii_upper((unsigned char)*p);
	return r;
}

/* Levenshtein distance of two short keys, for "did you mean". */
static size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t row[32], prev, tmp, best;

	if (la >= 32 || lb >= 32)
		return (size_t)-1;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			best = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = tmp;
		}
	}
	return row[lb];
}

static void
unknown_key(struct diags *d, const struct node_pair *p, const char *where,
	    const char *const *known)
{
	const char *near = NULL;
	size_t best = (size_t)-1, dist, limit, i;
	char list[256];
	size_t len = 0;

	list[0] = '\0';
	for (i = 0; known[i] != NULL; i++) {
		/* Typos only: two edits, or a third of a long key. */
		dist = edit_distance(p->key, known[i]);
		limit = strlen(known[i]) / 3 > 2 ? strlen(known[i]) / 3 : 2;
		if (dist <= limit && dist < best) {
			best = dist;
			near = known[i];
		}
		if (len < sizeof list)
			len += (size_t)snprintf(list + len, sizeof list - len,
						"%s%s", i ? ", " : "",
						known[i]);
	}
	if (near != NULL)
		diag_add(d, DIAG_ERROR, &p->key_pos,
			 "unknown key '%s' in %s; did you mean '%s'?",
			 p->key, where, near);
	else
		diag_add(d, DIAG_ERROR, &p->key_pos,
			 "unknown key '%s' in %s; the keys are: %s",
			 p->key, where, list);
}

static bool
key_known(const char *key, const char *const *known)
{
	size_t i;

	for (i = 0; known[i] != NULL; i++)
		if (strcmp(key, known[i]) == 0)
			return true;
	return false;
}

/*
 * A non-empty string value, or NULL with a diagnostic. A null value
 * counts as absent (NULL, no diagnostic): the caller decides whether
 * absence is an error.
 */
static char *
get_string(struct arena *a, const struct node_pair *p, struct diags *d,
	   bool *bad)
{
	const struct node *v = p->value;
	const char *s, *e;

	if (v == NULL || v->kind == NODE_NULL)
		return NULL;
	if (v->kind != NODE_STRING) {
		diag_add(d, DIAG_ERROR, &v->pos,
			 "'%s' is a %s; write a single text value, "
			 "e.g. %s: text", p->key, node_kind_name(v->kind),
			 p->key);
		*bad = true;
		return NULL;
	}
	/* Blank text would print an empty address or name. */
	for (s = v->u.str.s, e = s + v->u.str.len; s < e; s++)
		if (*s != ' ' && *s != '\n' && *s != '\r')
			break;
	if (s == e) {
		diag_add(d, DIAG_ERROR, &v->pos,
			 "'%s' is blank; write its value or delete the line",
			 p->key);
		*bad = true;
		return NULL;
	}
	return arena_strndup(a, v->u.str.s, v->u.str.len);
}

/* Strips the one trailing newline that a YAML "|" block leaves. */
static char *
chomp(char *s)
{
	size_t n;

	if (s == NULL)
		return NULL;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' '))
		s[--n] = '\0';
	return s;
}

static bool
valid_code(const char *s)
{
	const char *p;

	if (!(s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z'))
		return false;
	for (p = s + 2; *p != '\0'; p++) {
		if (*p == '-' && (p[1] == '\0' || p[1] == '-'))
			return false;
		if (*p != '-' && !(*p >= 'a' && *p <= 'z') && !is_digit(*p))
			return false;
		if (p == s + 2 && *p != '-')
			return false;
	}
	return true;
}

/* BCP 47 in its common shape: 2-3 letter language, then subtags of
 * 1-8 letters or digits ("fr", "de-AT", "sr-Latn"). */
static bool
valid_language(const char *s)
{
	size_t n = 0;

	while (s[n] >= 'a' && s[n] <= 'z')
		n++;
	if (n < 2 || n > 3)
		return false;
	s += n;
	while (*s == '-') {
		s++;
		for (n = 0; is_alpha((unsigned char)s[n]) || is_digit(s[n]);
		     n++)
			;
		if (n < 1 || n > 8)
			return false;
		s += n;
	}
	return *s == '\0';
}

static bool
valid_country(const char *s)
{
	return is_alpha((unsigned char)s[0]) &&
	       is_alpha((unsigned char)s[1]) && s[2] == '\0';
}

/* ISO 3166-2: country, '-', 1 to 3 letters or digits. */
static bool
valid_region(const char *s)
{
	size_t n;

	if (!is_alpha((unsigned char)s[0]) || !is_alpha((unsigned char)s[1]) ||
	    s[2] != '-')
		return false;
	for (n = 0; is_alpha((unsigned char)s[3 + n]) || is_digit(s[3 + n]);
	     n++)
		;
	return n >= 1 && n <= 3 && s[3 + n] == '\0';
}

static bool
in_eea(const char *country)
{
	size_t i;

	for (i = 0; i < sizeof eea_countries / sizeof *eea_countries; i++)
		if (same_ascii_case(country, eea_countries[i]))
			return true;
	return false;
}

/* Whether ICU knows the IANA id; custom ids such as "GMT+1" do not
 * count, since they ignore summer time. */
static bool
tz_known(const char *id)
{
	UChar uid[64], canon[64];
	UErrorCode err = U_ZERO_ERROR;
	UBool system = 0;
	size_t n = strlen(id), i;

	if (n == 0 || n >= sizeof uid / sizeof *uid)
		return false;
	/* u_charsToUChars wants invariant characters only. */
	for (i = 0; i < n; i++)
		if (!is_alpha((unsigned char)id[i]) && !is_digit(id[i]) &&
		    strchr("/_-+", id[i]) == NULL)
			return false;
	u_charsToUChars(id, uid, (int32_t)n);
	ucal_getCanonicalTimeZoneID(uid, (int32_t)n, canon,
				    (int32_t)(sizeof canon / sizeof *canon),
				    &system, &err);
	return U_SUCCESS(err) && system;
}

/* A key that is not there or has no value. */
static bool
absent(const struct node *m, const char *key)
{
	const struct node *v = node_get(m, key);

	return v == NULL || v->kind == NODE_NULL;
}

/*
 * Whether ICU places the zone in the country, so that Portugal with
 * Europe/Madrid is caught; the zones of the country go to list for the
 * message. A country ICU does not know is not held against the file.
 * ICU answers by walking its whole zone list (about 80 ms): only
 * auth_load_strict() asks, never a run.
 */
static bool
tz_in_country(const char *id, const char *country, char *list, size_t size)
{
	UErrorCode err = U_ZERO_ERROR;
	UEnumeration *en;
	const char *z;
	int32_t len;
	size_t used = 0;
	bool found = false, any = false;

	list[0] = '\0';
	en = ucal_openTimeZoneIDEnumeration(UCAL_ZONE_TYPE_CANONICAL_LOCATION,
					    country, NULL, &err);
	if (U_FAILURE(err))
		return true;
	while ((z = uenum_next(en, &len, &err)) != NULL && U_SUCCESS(err)) {
		any = true;
		if (used < size)
			used += (size_t)snprintf(list + used, size - used,
						 "%s%s", used ? ", " : "", z);
	}
	uenum_close(en);
	if (!any)
		return true;
	/* Any id, aliases too ("Europe/Nicosia" for Asia/Nicosia). */
	err = U_ZERO_ERROR;
	en = ucal_openTimeZoneIDEnumeration(UCAL_ZONE_TYPE_ANY, country, NULL,
					    &err);
	if (U_FAILURE(err))
		return true;
	while (!found && (z = uenum_next(en, &len, &err)) != NULL &&
	       U_SUCCESS(err))
		found = strcmp(z, id) == 0;
	uenum_close(en);
	return found;
}

static void
missing(struct diags *d, const struct pos *pos, const char *code,
	const char *key, const char *example)
{
	if (code != NULL)
		diag_add(d, DIAG_ERROR, pos,
			 "authority '%s' has no '%s'; add e.g. %s", code,
			 key, example);
	else
		diag_add(d, DIAG_ERROR, pos,
			 "authority has no '%s'; add e.g. %s", key, example);
}

static bool valid_language(const char *s);

/* Appends (lang, text) to an arena array of n texts. */
static void
add_text(struct arena *a, struct auth_text **v, size_t *n, const char *lang,
	 const char *text)
{
	struct auth_text *w = arena_alloc(a, (*n + 1) * sizeof *w);

	if (*n > 0)
		memcpy(w, *v, *n * sizeof *w);
	w[*n].lang = arena_strdup(a, lang);
	w[*n].text = text;
	*v = w;
	(*n)++;
}

/* article: a map from language to the article before the name. */
static void
parse_article(struct arena *a, struct authority *au,
	      const struct node_pair *p, struct diags *d, bool *bad)
{
	const struct node *v = p->value;

	if (v->kind != NODE_MAP) {
		diag_add(d, DIAG_ERROR, &v->pos,
			 "'article' is a %s; write a map with the article "
			 "before the name in each language, e.g. 'fr: le' "
			 "and 'de: die'", node_kind_name(v->kind));
		*bad = true;
		return;
	}
	for (size_t i = 0; i < v->u.map.n; i++) {
		const struct node_pair *q = &v->u.map.pairs[i];
		char *s;

		if (!valid_language(q->key)) {
			diag_add(d, DIAG_ERROR, &q->value->pos,
				 "'%s' under 'article' is not a language; "
				 "write e.g. 'fr: la'", q->key);
			*bad = true;
			continue;
		}
		if ((s = get_string(a, q, d, bad)) != NULL)
			add_text(a, &au->articles, &au->narticles, q->key, s);
	}
}

/* accepts: a list of other languages the authority takes filings in. */
static void
parse_accepts(struct arena *a, struct authority *au,
	      const struct node_pair *p, struct diags *d, bool *bad)
{
	const struct node *v = p->value;

	if (v->kind != NODE_LIST) {
		diag_add(d, DIAG_ERROR, &v->pos,
			 "'accepts' is a %s; write a list of languages such "
			 "as [en]", node_kind_name(v->kind));
		*bad = true;
		return;
	}
	au->accepts = arena_alloc(a, (v->u.list.n + 1) * sizeof *au->accepts);
	for (size_t i = 0; i < v->u.list.n; i++) {
		const struct node *it = v->u.list.items[i];

		if (it->kind != NODE_STRING || !valid_language(it->u.str.s)) {
			diag_add(d, DIAG_ERROR, &it->pos,
				 "'accepts' lists languages: write BCP 47 "
				 "tags such as en or de");
			*bad = true;
			continue;
		}
		au->accepts[au->naccepts++] = arena_strdup(a, it->u.str.s);
	}
}

static void
parse_name(struct arena *a, struct authority *au, const struct node_pair *p,
	   struct diags *d, bool *bad)
{
	const struct node *v = p->value;
	size_t i;

	if (v->kind != NODE_MAP) {
		diag_add(d, DIAG_ERROR, &v->pos,
			 "'name' is a %s; write a map with one name per "
			 "language: 'fr:', 'en:' and optionally 'native:'",
			 node_kind_name(v->kind));
		*bad = true;
		return;
	}
	for (i = 0; i < v->u.map.n; i++) {
		const struct node_pair *q = &v->u.map.pairs[i];
		char *s;

		if (!key_known(q->key, name_keys) && !valid_language(q->key)) {
			diag_add(d, DIAG_ERROR, &q->value->pos,
				 "'%s' under 'name' is not a language; the "
				 "keys are fr, en, native, or a language such "
				 "as de", q->key);
			*bad = true;
			continue;
		}
		s = get_string(a, q, d, bad);
		if (strcmp(q->key, "fr") == 0) {
			au->name_fr = s;
		} else if (strcmp(q->key, "en") == 0) {
			au->name_en = s;
		} else if (strcmp(q->key, "native") == 0) {
			au->name_native = s;
		} else {
			/* A name in another language: "de: ...". */
			add_text(a, &au->names, &au->nnames, q->key, s);
		}
	}
	if (au->name_fr == NULL)
		diag_add(d, DIAG_ERROR, &v->pos,
			 "'name' has no French name; add 'fr:' with the name "
			 "as a French reader should see it");
	if (au->name_en == NULL)
		diag_add(d, DIAG_ERROR, &v->pos,
			 "'name' has no English name; add 'en:' with the name "
			 "as an English reader should see it");
	if (au->name_fr == NULL || au->name_en == NULL)
		*bad = true;
}

/* Fills au from one list item; false when the entry has an error.
 * strict: also the zone against the country's zones in ICU. */
static bool
parse_entry(struct arena *a, struct authority *au, const struct node *m,
	    struct diags *d, bool strict)
{
	const struct node_pair *p;
	const struct node *v;
	char *s, zones[160];
	bool bad = false, has_scope = false;
	size_t i, k;

	memset(au, 0, sizeof *au);
	au->pos = m->pos;
	au->eea = true;
	if (m->kind != NODE_MAP) {
		diag_add(d, DIAG_ERROR, &m->pos,
			 "an authority is a map of keys (code, name, "
			 "time_zone, ...), not a %s", node_kind_name(m->kind));
		return false;
	}
	p = node_pair_get(m, "code");
	if (p != NULL)
		au->code = get_string(a, p, d, &bad);
	for (i = 0; i < m->u.map.n; i++) {
		p = &m->u.map.pairs[i];
		v = p->value;
		if (!key_known(p->key, entry_keys)) {
			unknown_key(d, p, "an authority", entry_keys);
			bad = true;
			continue;
		}
		if (strcmp(p->key, "code") == 0) {
			if (au->code != NULL && !valid_code(au->code)) {
				diag_add(d, DIAG_ERROR, &v->pos,
					 "code '%s' is not of the form 'fr' or "
					 "'de-be': a lower-case country code, "
					 "then '-' and lower-case letters or "
					 "digits", au->code);
				bad = true;
			}
		} else if (strcmp(p->key, "name") == 0) {
			if (v->kind != NODE_NULL)
				parse_name(a, au, p, d, &bad);
		} else if (strcmp(p->key, "article") == 0) {
			parse_article(a, au, p, d, &bad);
		} else if (strcmp(p->key, "accepts") == 0) {
			parse_accepts(a, au, p, d, &bad);
		} else if (strcmp(p->key, "eea") == 0) {
			if (v->kind != NODE_BOOL) {
				diag_add(d, DIAG_ERROR, &v->pos,
					 "'eea' is true or false, not a %s",
					 node_kind_name(v->kind));
				bad = true;
			} else {
				au->eea = v->u.b;
			}
		} else if (strcmp(p->key, "scope") == 0) {
			s = get_string(a, p, d, &bad);
			if (s == NULL)
				continue;
			for (k = 0; k < 3; k++)
				if (strcmp(s, scope_names[k]) == 0)
					break;
			if (k == 3) {
				diag_add(d, DIAG_ERROR, &v->pos,
					 "scope '%s' is unknown; write "
					 "national, regional or federal", s);
				bad = true;
			} else {
				au->scope = (enum auth_scope)k;
				has_scope = true;
			}
		} else {
			s = get_string(a, p, d, &bad);
			if (strcmp(p->key, "country") == 0)
				au->country = s;
			else if (strcmp(p->key, "region") == 0)
				au->region = s;
			else if (strcmp(p->key, "short") == 0)
				au->short_name = s;
			else if (strcmp(p->key, "time_zone") == 0)
				au->time_zone = s;
			else if (strcmp(p->key, "language") == 0)
				au->language = s;
			else if (strcmp(p->key, "address") == 0)
				au->address = chomp(s);
			else if (strcmp(p->key, "portal") == 0)
				au->portal = s;
		}
	}

	/* Required keys, reported at the start of the entry. */
	if (absent(m, "code")) {
		missing(d, &m->pos, NULL, "code", "'code: fr'");
		bad = true;
	}
	if (absent(m, "country")) {
		missing(d, &m->pos, au->code, "country", "'country: FR'");
		bad = true;
	}
	if (absent(m, "name")) {
		missing(d, &m->pos, au->code, "name",
			"'name:' with 'fr:' and 'en:' below it");
		bad = true;
	}
	if (absent(m, "time_zone")) {
		missing(d, &m->pos, au->code, "time_zone",
			"'time_zone: Europe/Paris'");
		bad = true;
	}
	if (absent(m, "language")) {
		missing(d, &m->pos, au->code, "language", "'language: fr'");
		bad = true;
	}

	/* Values. */
	if (au->country != NULL) {
		v = node_get(m, "country");
		if (!valid_country(au->country)) {
			diag_add(d, DIAG_ERROR, &v->pos,
				 "country '%s' is not an ISO 3166-1 alpha-2 "
				 "code; write two letters, e.g. FR",
				 au->country);
			bad = true;
		} else {
			au->country = upper_dup(a, au->country);
			if (au->code != NULL &&
			    (ascii_lower((unsigned char)au->country[0]) !=
				     au->code[0] ||
			     ascii_lower((unsigned char)au->country[1]) !=
				     au->code[1])) {
				diag_add(d, DIAG_ERROR, &node_get(m, "code")->pos,
					 "code '%s' does not start with its "
					 "country '%s'; write e.g. '%c%c'",
					 au->code, au->country,
					 ascii_lower((unsigned char)au->country[0]),
					 ascii_lower((unsigned char)au->country[1]));
				bad = true;
			}
			if (au->eea && !in_eea(au->country)) {
				diag_add(d, DIAG_ERROR, &v->pos,
					 "%s is not in the EU or EEA; add "
					 "'eea: false' to this authority",
					 au->country);
				bad = true;
			} else if (!au->eea && in_eea(au->country)) {
				diag_add(d, DIAG_ERROR,
					 &node_get(m, "eea")->pos,
					 "%s is in the EU or EEA; delete "
					 "'eea: false'", au->country);
				bad = true;
			}
		}
	}
	if (au->region != NULL) {
		v = node_get(m, "region");
		if (!valid_region(au->region)) {
			diag_add(d, DIAG_ERROR, &v->pos,
				 "region '%s' is not an ISO 3166-2 code; "
				 "write e.g. DE-BE", au->region);
			bad = true;
		} else {
			au->region = upper_dup(a, au->region);
			if (au->country != NULL &&
			    strncmp(au->region, au->country, 2) != 0) {
				diag_add(d, DIAG_ERROR, &v->pos,
					 "region '%s' is not in country '%s'",
					 au->region, au->country);
				bad = true;
			}
		}
	}
	if (!has_scope)
		au->scope = au->region != NULL ? AUTH_REGIONAL : AUTH_NATIONAL;
	if (au->scope == AUTH_REGIONAL && au->region == NULL && has_scope) {
		diag_add(d, DIAG_ERROR, &node_get(m, "scope")->pos,
			 "a regional authority needs 'region:' with its "
			 "ISO 3166-2 code, e.g. 'region: DE-BE'");
		bad = true;
	} else if (au->scope != AUTH_REGIONAL && au->region != NULL) {
		diag_add(d, DIAG_ERROR, &node_get(m, "region")->pos,
			 "a %s authority has no region; delete 'region:' "
			 "or write 'scope: regional'",
			 scope_names[au->scope]);
		bad = true;
	}
	if (au->time_zone != NULL && !tz_known(au->time_zone)) {
		diag_add(d, DIAG_ERROR, &node_get(m, "time_zone")->pos,
			 "time zone '%s' is unknown%s; write an IANA zone "
			 "name such as Europe/Paris or Europe/Lisbon",
			 au->time_zone,
			 strpbrk(au->time_zone, "+-0123456789") != NULL &&
				 strchr(au->time_zone, '/') == NULL
			 ? " (a fixed offset would ignore summer time)" : "");
		bad = true;
	} else if (strict && au->time_zone != NULL && au->country != NULL &&
		   valid_country(au->country) &&
		   !tz_in_country(au->time_zone, au->country, zones,
				  sizeof zones)) {
		diag_add(d, DIAG_ERROR, &node_get(m, "time_zone")->pos,
			 "time zone '%s' is not a zone of %s; write the zone of "
			 "the authority's seat: %s", au->time_zone,
			 au->country, zones);
		bad = true;
	}
	if (au->language != NULL && !valid_language(au->language)) {
		diag_add(d, DIAG_ERROR, &node_get(m, "language")->pos,
			 "language '%s' is not a BCP 47 tag; write e.g. fr, "
			 "de or sv%s", au->language,
			 strchr(au->language, '_') != NULL
			 ? ", with '-' rather than '_' before a region" : "");
		bad = true;
	}
	if (au->portal != NULL && strncmp(au->portal, "https://", 8) != 0) {
		diag_add(d, DIAG_ERROR, &node_get(m, "portal")->pos,
			 "portal '%s' is not an https:// address; write the "
			 "full address of the notification page",
			 au->portal);
		bad = true;
	}
	return !bad;
}

/* Cross-entry checks: one entry per code, per region, per national. */
static bool
check_unique(const struct auth_dir *dir, const struct node *list,
	     const bool *ok, struct diags *d)
{
	bool good = true;
	size_t i, j;

	for (i = 0; i < dir->n; i++) {
		const struct authority *x = &dir->v[i];
		const struct node *xm = list->u.list.items[i];

		for (j = 0; j < i; j++) {
			const struct authority *y = &dir->v[j];

			if (x->code != NULL && y->code != NULL &&
			    same_ascii_case(x->code, y->code)) {
				diag_add(d, DIAG_ERROR,
					 &node_get(xm, "code")->pos,
					 "code '%s' is used twice; give each "
					 "authority its own code",
					 x->code);
				diag_add(d, DIAG_NOTE, &y->pos,
					 "'%s' is first used here", y->code);
				good = false;
				break;
			}
			if (!ok[i] || !ok[j])
				continue;
			if (x->region != NULL && y->region != NULL &&
			    strcmp(x->region, y->region) == 0) {
				diag_add(d, DIAG_ERROR,
					 &node_get(xm, "region")->pos,
					 "region %s already has authority "
					 "'%s'; keep one authority per region",
					 x->region, y->code);
				good = false;
				break;
			}
			if (x->scope == AUTH_NATIONAL &&
			    y->scope == AUTH_NATIONAL &&
			    strcmp(x->country, y->country) == 0) {
				diag_add(d, DIAG_ERROR, &x->pos,
					 "%s already has national authority "
					 "'%s'; mark other ones with "
					 "'scope: federal' or 'scope: "
					 "regional'", x->country, y->code);
				good = false;
				break;
			}
			if (x->scope != AUTH_FEDERAL && y->scope !=
			    AUTH_FEDERAL && x->scope != y->scope &&
			    strcmp(x->country, y->country) == 0) {
				diag_add(d, DIAG_ERROR, &x->pos,
					 "%s has both a national authority "
					 "and regional ones ('%s', '%s'); "
					 "write 'scope: federal' for the "
					 "one beside the regional ones",
					 x->country, y->code, x->code);
				good = false;
				break;
			}
		}
	}
	return good;
}

static struct auth_dir *
from_node(struct arena *a, const struct node *root, struct diags *d,
	  bool strict)
{
	struct auth_dir *dir = NULL, *res = NULL;
	const struct node *list = NULL;
	bool good = true, *ok = NULL;
	size_t i;

	if (root == NULL)
		goto out;
	if (root->kind != NODE_MAP) {
		diag_add(d, DIAG_ERROR, &root->pos,
			 "the directory is a map with one key, "
			 "'authorities:', holding a list; found a %s",
			 node_kind_name(root->kind));
		goto out;
	}
	for (i = 0; i < root->u.map.n; i++)
		if (!key_known(root->u.map.pairs[i].key, top_keys)) {
			unknown_key(d, &root->u.map.pairs[i],
				    "the directory", top_keys);
			good = false;
		}
	list = node_get(root, "authorities");
	if (list == NULL) {
		diag_add(d, DIAG_ERROR, &root->pos,
			 "no 'authorities:' list; start the file with "
			 "'authorities:' and one '- code: ...' per authority");
		goto out;
	}
	if (list->kind != NODE_LIST) {
		diag_add(d, DIAG_ERROR, &list->pos,
			 "'authorities' is a %s; write a list, one "
			 "'- code: ...' item per authority",
			 node_kind_name(list->kind));
		goto out;
	}
	dir = arena_alloc(a, sizeof *dir);
	dir->n = list->u.list.n;
	dir->v = arena_alloc(a, (dir->n ? dir->n : 1) * sizeof *dir->v);
	ok = arena_alloc(a, (dir->n ? dir->n : 1) * sizeof *ok);
	for (i = 0; i < dir->n; i++) {
		ok[i] = parse_entry(a, &dir->v[i], list->u.list.items[i], d,
				    strict);
		if (!ok[i])
			good = false;
	}
	if (!check_unique(dir, list, ok, d))
		good = false;
	if (good)
		res = dir;
out:
	return res;
}

struct auth_dir *
auth_from_node(struct arena *a, const struct node *root, struct diags *d)
{
	return from_node(a, root, d, false);
}

static struct auth_dir *
load(struct arena *a, const char *path, struct diags *d, int *status,
     bool strict)
{
	struct auth_dir *dir = NULL;
	struct node *root;
	int st = 0;

	root = load_template(a, arena_strdup(a, path), d, &st);
	if (root == NULL) {
		if (st == 0)
			st = EXIT_DATAERR;
		goto out;
	}
	dir = from_node(a, root, d, strict);
	if (dir == NULL)
		st = EXIT_DATAERR;
out:
	if (status != NULL)
		*status = st;
	return dir;
}

struct auth_dir *
auth_load(struct arena *a, const char *path, struct diags *d, int *status)
{
	return load(a, path, d, status, false);
}

struct auth_dir *
auth_load_strict(struct arena *a, const char *path, struct diags *d,
		 int *status)
{
	return load(a, path, d, status, true);
}

const struct authority *
auth_find(const struct auth_dir *dir, const char *code)
{
	size_t i;

	if (dir == NULL || code == NULL)
		return NULL;
	for (i = 0; i < dir->n; i++)
		if (same_ascii_case(dir->v[i].code, code))
			return &dir->v[i];
	return NULL;
}

const struct authority *
auth_for_country(const struct auth_dir *dir, const char *country,
		 bool *needs_region)
{
	const struct authority *found = NULL;
	bool regional = false;
	size_t i;

	if (dir != NULL && country != NULL) {
		for (i = 0; i < dir->n; i++) {
			if (!same_ascii_case(dir->v[i].country, country))
				continue;
			if (dir->v[i].scope == AUTH_NATIONAL)
				found = &dir->v[i];
			else if (dir->v[i].scope == AUTH_REGIONAL)
				regional = true;
		}
	}
	if (needs_region != NULL)
		*needs_region = found == NULL && regional;
	return found;
}

const struct authority *
auth_for_region(const struct auth_dir *dir, const char *region)
{
	size_t i;

	if (dir == NULL || region == NULL)
		return NULL;
	for (i = 0; i < dir->n; i++)
		if (dir->v[i].region != NULL &&
		    same_ascii_case(dir->v[i].region, region))
			return &dir->v[i];
	return NULL;
}

/* "de" and "de-CH" share their primary subtag. */
static bool
same_primary(const char *x, const char *y)
{
	size_t n = strcspn(x, "-_");

	return n == strcspn(y, "-_") && strncmp(x, y, n) == 0;
}

const char *
auth_name(const struct authority *a, const char *lang)
{
	size_t n;

	if (a == NULL || lang == NULL)
		return NULL;
	n = strcspn(lang, "-_");
	if (n == 2 && strncmp(lang, "fr", 2) == 0)
		return a->name_fr;
	if (n == 2 && strncmp(lang, "en", 2) == 0)
		return a->name_en;
	if (a->name_native != NULL && a->language != NULL &&
	    strcspn(a->language, "-") == n &&
	    strncmp(a->language, lang, n) == 0)
		return a->name_native;
	for (size_t i = 0; i < a->nnames; i++)
		if (same_primary(a->names[i].lang, lang))
			return a->names[i].text;
	return NULL;
}

const char *
auth_name_with_article(struct arena *ar, const struct authority *au,
		       const char *lang)
{
	const char *name = auth_name(au, lang), *art = NULL;
	size_t n;

	if (name == NULL)
		return NULL;
	for (size_t i = 0; i < au->narticles; i++)
		if (same_primary(au->articles[i].lang, lang))
			art = au->articles[i].text;
	if (art == NULL)
		return NULL;
	n = strlen(art);
	/* An elided article ("l’", "l'") joins the name without a space. */
	if ((n >= 3 && strcmp(art + n - 3, "\xe2\x80\x99") == 0) ||
	    (n >= 1 && art[n - 1] == '\''))
		return arena_printf(ar, "%s%s", art, name);
	return arena_printf(ar, "%s %s", art, name);
}

bool
auth_takes_language(const struct authority *au, const char *lang)
{
	if (au->language != NULL && same_primary(au->language, lang))
		return true;
	for (size_t i = 0; i < au->naccepts; i++)
		if (same_primary(au->accepts[i], lang))
			return true;
	return false;
}

const char *
auth_scope_name(enum auth_scope s)
{
	return (unsigned)s < 3 ? scope_names[s] : "unknown";
}

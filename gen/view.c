/*
 * view.c - incident + language -> view tree of formatted strings.
 */
#include <stdio.h>
#include <string.h>

#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include "buf.h"
#include "fmt.h"
#include "load.h"
#include "schema.h"
#include "rules.h"
#include "vdiff.h"
#include "view.h"

/* Messages every label file must define. */
static const char *const view_messages[] = {
	"people", "records", "countries", "hours", "items", NULL
};

/* The words of the page furniture (output.c), and the short names of
 * the breach types for the register's table. */
static const char *const view_document_keys[] = {
	"to_subjects", "page", "confidential_authority",
	"confidential_register", "register_title", "controller", "addressee",
	"date", "reference", "confidentiality", "integrity", "availability",
	"date_letter", "authority_reference", "untranslated",
	NULL
};

/* The DPO's function by gender (roles.<key>_<female|male|neutral>). */
static const char *const view_roles[] = {
	"dpo_female", "dpo_male", "dpo_neutral", "the_dpo_female",
	"the_dpo_male", "the_dpo_neutral", "to_dpo_female", "to_dpo_male",
	"to_dpo_neutral", "legal_representative_female",
	"legal_representative_male", "legal_representative_neutral",
	"the_reporter_female", "the_reporter_male", "the_reporter_neutral",
	NULL
};

/* Other vocabulary of the assessment: ENISA bands, finding levels. */
static const char *const view_bands[] = {
	"low", "medium", "high", "very_high", NULL
};
static const char *const view_levels[] = {
	"note", "warning", "error", NULL
};

#define VIEW_ENUMS 64

struct vctx {
	struct arena *a;
	const struct incident *inc;
	const struct node *labels;
	const char *lang;
	const char *zone;
	struct diags *d;
	size_t missing;
	struct buf tmp;
	const struct auth_dir *dir;	/* names of other authorities */
	bool fallback;	/* register: text in the language it has, marked */
	bool check;	/* VIEW_CHECK: errors only, no values */
	struct buf *out;	/* &tmp, or NULL when check: what fmt_ fills */
	/* The labels of the enumerations met so far: a file asks for
	 * hundreds, from a map of some sixty (issue 14). */
	const struct node *enums;
	struct {
		const struct sch_enum *en;
		const struct node *m;
	} seen[VIEW_ENUMS];
	size_t nseen;
};

struct node *
view_labels_load(struct arena *a, const char *dir, const char *lang,
		 struct diags *d, int *status)
{
	char *path = arena_printf(a, "%s/%s/labels.yaml", dir, lang);

	return load_file_nofollow(a, path, d, status);
}

static bool
has_label(const struct node *l)
{
	return l && l->kind == NODE_STRING && l->u.str.len > 0;
}

static size_t
check_keys(const struct node *labels, const char *group,
	   const char *const *keys, struct diags *d, const char *what)
{
	const struct node *m = node_get(labels, group);
	size_t missing = 0;

	for (size_t i = 0; keys[i]; i++) {
		if (has_label(node_get(m, keys[i])))
			continue;
		diag_add(d, DIAG_ERROR, m ? &m->pos : &labels->pos,
			 "no label for %s.%s; add the line '%s: \"...\"' "
			 "under %s: (%s)", group, keys[i], keys[i], group,
			 what);
		missing++;
	}
	return missing;
}

/* A field the report may list as still missing: tbd allowed, or an
 * enumeration with a tbd key. */
static bool
may_be_tbd(const struct sch_field *f)
{
	return f->tbd || (f->en && sch_value(f->en, "tbd") != 0);
}

/* Every field that may be tbd needs its title under fields:, keyed by
 * its dotted path. Lists are not walked: their items are never tbd. */
static size_t
check_fields(const struct node *labels, const struct sch_field *f,
	     const char *prefix, struct diags *d)
{
	const struct node *m = node_get(labels, "fields");
	size_t missing = 0;

	for (; f->name; f++) {
		char path[256];

		snprintf(path, sizeof path, "%s%s%s", prefix,
			 *prefix ? "." : "", f->name);
		if (f->type == SCH_GROUP && f->sub)
			missing += check_fields(labels, f->sub, path, d);
		if (!may_be_tbd(f) || has_label(node_get(m, path)))
			continue;
		diag_add(d, DIAG_ERROR, m ? &m->pos : &labels->pos,
			 "no title for fields.%s; add the line '%s: \"...\"' "
			 "under fields: (the field's name as the report shows "
			 "it when it is still missing)", path, path);
		missing++;
	}
	return missing;
}

size_t
view_labels_check(const struct node *labels, struct diags *d)
{
	const struct node *enums = node_get(labels, "enums");
	const struct node *msgs = node_get(labels, "messages");
	size_t missing = 0;

	for (const struct sch_enum *const *e = sch_enums; *e; e++) {
		const struct node *m = node_get(enums, (*e)->name);

		for (size_t i = 0; i < (*e)->n; i++) {
			const struct node *l = node_get(m, (*e)->opts[i].key);

			if (l && l->kind == NODE_STRING && l->u.str.len > 0)
				continue;
			diag_add(d, DIAG_ERROR, m ? &m->pos : &labels->pos,
				 "no label for enums.%s.%s; add the line "
				 "'%s: \"...\"' under enums: %s:",
				 (*e)->name, (*e)->opts[i].key,
				 (*e)->opts[i].key, (*e)->name);
			missing++;
		}
	}
	{
		/* The wording keys of the rule table (rules.c). */
		static const char *gk[128];
		size_t ng = 0;

		for (size_t i = 0; i < rules_count && ng + 1 < 128; i++)
			gk[ng++] = rules_table[i].key;
		gk[ng] = NULL;
		missing += check_keys(labels, "grounds", gk, d,
				      "an ICU message (arguments n, a, band, "
				      "se, types, reason)");
	}
	missing += check_keys(labels, "fields", rules_open_facts, d,
			      "the title of a fact not known yet, as a "
			      "filing names it");
	missing += check_keys(labels, "findings", assess_finding_keys + 1, d,
			      "an ICU message (arguments a, b, c, duration, "
			      "ground, has_ground)");
	missing += check_keys(labels, "document", view_document_keys, d,
			      "a word of the PDF page furniture");
	missing += check_keys(labels, "bands", view_bands, d, "a label");
	missing += check_keys(labels, "levels", view_levels, d, "a label");
	missing += check_keys(labels, "roles", view_roles, d,
			      "the DPO's function in that gender");
	missing += check_fields(labels, sch_root, "", d);
	missing += vdf_labels_check(labels, d);
	for (size_t i = 0; view_messages[i]; i++) {
		const struct node *l = node_get(msgs, view_messages[i]);

		if (l && l->kind == NODE_STRING)
			continue;
		diag_add(d, DIAG_ERROR, msgs ? &msgs->pos : &labels->pos,
			 "no message messages.%s; add an ICU plural pattern "
			 "such as '{n, plural, one {# ...} other {# ...}}'",
			 view_messages[i]);
		missing++;
	}
	return missing;
}

/* A string value, NFC-normalized; nothing for NULL or "". */
static void
vstr(struct vctx *c, struct node *map, const char *key, const char *s)
{
	/* check: every text here comes from a file the loader found to be
	 * valid UTF-8, or from ICU, so NFC cannot fail on it. */
	if (s == NULL || *s == '\0' || c->check)
		return;
	buf_truncate(&c->tmp, 0);
	if (fmt_nfc(s, strlen(s), &c->tmp) != FMT_OK) {
		diag_add(c->d, DIAG_ERROR, &map->pos,
			 "%s: text is not valid UTF-8", key);
		c->missing++;
		return;
	}
	node_map_set(c->a, map, key,
		     node_string(c->a, c->tmp.s, c->tmp.len, NULL));
}

static void
vbool(struct vctx *c, struct node *map, const char *key, bool b)
{
	if (!c->check)
		node_map_set(c->a, map, key, node_bool(c->a, b, NULL));
}

/*
 * The register prints every breach in its languages: a text the
 * incident lacks in the view's language is given in the language it
 * has, after the mark document.untranslated ({lang}: that language's
 * name in the view's language).
 */
static void
vtext_fallback(struct vctx *c, struct node *map, const char *key,
	       const struct inc_text *t)
{
	const char *s = t->plain, *lang = c->inc->language;
	const struct node *pat = node_get(node_get(c->labels, "document"),
					  "untranslated");
	char lname[128] = "";
	UChar name[64];
	UErrorCode err = U_ZERO_ERROR;
	int32_t n;
	struct fmt_arg arg = { "lang", lname };
	struct buf b = BUF_INIT;

	if (s == NULL && t->ntr > 0) {
		s = t->tr[0].text;
		lang = t->tr[0].lang;
	}
	if (s == NULL || lang == NULL)
		return;
	n = uloc_getDisplayLanguage(lang, c->lang, name, 64, &err);
	if (U_SUCCESS(err) && n > 0)
		u_strToUTF8(lname, sizeof lname, NULL, name, n, &err);
	if (U_FAILURE(err) || lname[0] == '\0')
		snprintf(lname, sizeof lname, "%s", lang);
	if (pat && pat->kind == NODE_STRING &&
	    fmt_message(c->lang, pat->u.str.s, pat->u.str.len, 0, &arg, 1,
			&b, NULL) == FMT_OK)
		buf_puts(&b, " ");
	buf_puts(&b, s);
	vstr(c, map, key, buf_cstr(&b));
	buf_free(&b);
}

/* Free text in the view's language; a missing translation is an error
 * at the text's position, and the build goes on to find the others. */
static void
vtext(struct vctx *c, struct node *map, const char *key,
      const struct inc_text *t, const char *path)
{
	const char *s;

	if (!INC_TEXT_SET(*t))
		return;
	s = inc_text_get(c->inc, t, c->lang);
	if (s == NULL && c->fallback) {
		vtext_fallback(c, map, key, t);
		return;
	}
	if (s == NULL) {
		diag_add(c->d, DIAG_ERROR, &t->pos,
			 "%s has no %s text; add '%s: ...' to it (the "
			 "text translated into that language)",
			 path, c->lang, c->lang);
		c->missing++;
		return;
	}
	vstr(c, map, key, s);
}

static const char *
label(struct vctx *c, const struct sch_enum *en, int v)
{
	const char *key = sch_key(en, v);
	const struct node *l, *m;
	size_t i;

	for (i = 0; i < c->nseen && c->seen[i].en != en; i++)
		;
	if (i < c->nseen) {
		m = c->seen[i].m;
	} else {
		if (c->enums == NULL)
			c->enums = node_get(c->labels, "enums");
		m = node_get(c->enums, en->name);
		if (c->nseen < VIEW_ENUMS) {
			c->seen[c->nseen].en = en;
			c->seen[c->nseen++].m = m;
		}
	}
	l = node_get(m, key);
	if (l == NULL || l->kind != NODE_STRING) {
		diag_add(c->d, DIAG_ERROR, &c->labels->pos,
			 "no label for enums.%s.%s in the %s labels",
			 en->name, key, c->lang);
		c->missing++;
		return NULL;
	}
	return l->u.str.s;
}

/* An enumeration value: its label, and "<key>_<value key>": true. */
static void
venum(struct vctx *c, struct node *map, const char *key,
      const struct sch_enum *en, int v)
{
	if (v <= 0)
		return;
	vstr(c, map, key, label(c, en, v));
	if (!c->check)
		vbool(c, map, arena_printf(c->a, "%s_%s", key, sch_key(en, v)),
		      true);
}

/* A set: the list of its labels in schema order, and a flag per key. */
static void
vset(struct vctx *c, struct node *map, const char *key,
     const struct sch_enum *en, inc_set set)
{
	struct node *list;

	if (set == 0)
		return;
	list = node_list(c->a, NULL);
	for (size_t v = 1; v <= en->n && v < 64; v++) {
		const char *l;

		if (!INC_HAS(set, v))
			continue;
		l = label(c, en, (int)v);
		if (c->check)
			continue;
		if (l)
			node_list_push(c->a, list, node_cstr(c->a, l));
		vbool(c, map, arena_printf(c->a, "%s_%s", key,
					   sch_key(en, (int)v)), true);
	}
	node_map_set(c->a, map, key, list);
}

/* The formatted text under key, or an error at at (the labels' line of
 * a message, the incident's of a date; else the view's). */
static void
vfmt_at(struct vctx *c, struct node *map, const char *key,
	const struct pos *at, int e)
{
	if (e != FMT_OK) {
		diag_add(c->d, DIAG_ERROR, at && at->file ? at : &map->pos,
			 "%s: cannot format: %s", key, fmt_error_text(e));
		c->missing++;
		return;
	}
	if (!c->check)
		node_map_set(c->a, map, key, node_string(c->a,
			     c->tmp.s ? c->tmp.s : "", c->tmp.len, NULL));
}

static void
vfmt_done(struct vctx *c, struct node *map, const char *key, int e)
{
	vfmt_at(c, map, key, NULL, e);
}

static void
vtime(struct vctx *c, struct node *map, const char *key,
      const struct inc_time *t)
{
	if (!t->set)
		return;
	buf_truncate(&c->tmp, 0);
	vfmt_at(c, map, key, &t->pos, fmt_datetime(c->lang, c->zone,
		t->epoch, c->out));
}

/* "<key>": grouped number; "<key>_words": the plural message msg. */
static void
vcount(struct vctx *c, struct node *map, const char *key, int64_t n,
       const char *msg)
{
	const struct node *pat;

	if (n < 0)
		return;
	buf_truncate(&c->tmp, 0);
	vfmt_done(c, map, key, fmt_int(c->lang, n, c->out));
	if (msg == NULL)
		return;
	pat = node_get(node_get(c->labels, "messages"), msg);
	if (pat == NULL || pat->kind != NODE_STRING)
		return;	/* view_labels_check reports it */
	buf_truncate(&c->tmp, 0);
	vfmt_at(c, map, arena_printf(c->a, "%s_words", key), &pat->pos,
		fmt_message(c->lang, pat->u.str.s, pat->u.str.len, n, NULL, 0,
			    c->out, NULL));
}

static void
vcontact(struct vctx *c, struct node *map, const struct inc_contact *k)
{
	vstr(c, map, "address", k->address);
	vstr(c, map, "email", k->email);
	vstr(c, map, "phone", k->phone);
	vstr(c, map, "url", k->url);
}

static struct node *
vsub(struct vctx *c, struct node *parent, const char *key)
{
	struct node *m = node_map(c->a, NULL);

	node_map_set(c->a, parent, key, m);
	return m;
}

/* The country names asked for so far in this process: ICU's look-up
 * costs more than the rest of a country's view (issue 14). */
struct country_memo {
	char lang[16];
	char cc[4];
	char name[256];
};

static _Thread_local struct {
	struct country_memo v[64];
	size_t n;
} countries;

/* Country name in the view's language ("Allemagne", "Germany"). */
static const char *
country_name(struct vctx *c, const char *cc)
{
	char loc[16], out[256];
	UChar name[128];
	UErrorCode err = U_ZERO_ERROR;
	int32_t n;
	bool memo = strlen(c->lang) < sizeof countries.v[0].lang &&
	    strlen(cc) < sizeof countries.v[0].cc;

	if (c->check)	/* a name, or the code: it cannot fail */
		return cc;
	for (size_t i = 0; memo && i < countries.n; i++)
		if (strcmp(countries.v[i].cc, cc) == 0 &&
		    strcmp(countries.v[i].lang, c->lang) == 0)
			return arena_strdup(c->a, countries.v[i].name);
	snprintf(loc, sizeof loc, "und_%s", cc);
	for (char *p = loc + 4; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	n = uloc_getDisplayCountry(loc, c->lang, name, 128, &err);
	if (U_FAILURE(err) || n <= 0)
		return cc;
	u_strToUTF8(out, sizeof out, NULL, name, n, &err);
	if (U_FAILURE(err))
		return cc;
	if (memo && countries.n < sizeof countries.v / sizeof countries.v[0]) {
		struct country_memo *m = &countries.v[countries.n++];

		strcpy(m->lang, c->lang);
		strcpy(m->cc, cc);
		snprintf(m->name, sizeof m->name, "%s", out);
	}
	return arena_strdup(c->a, out);
}

static const char *plain_label(struct vctx *c, const char *group,
			       const char *key);

/* A NACE Rev. 2 code as written in the file: an optional section letter,
 * two digits, and a group or class after a dot ("J63.12", "59.2"). */
static bool
is_nace(const char *s)
{
	size_t i = 0, n;

	if (*s >= 'A' && *s <= 'U')
		i++;
	for (n = 0; s[i + n] >= '0' && s[i + n] <= '9'; n++)
		;
	if (n != 2)
		return false;
	i += n;
	if (s[i] == '\0')
		return true;
	if (s[i++] != '.')
		return false;
	for (n = 0; s[i + n] >= '0' && s[i + n] <= '9'; n++)
		;
	return (n == 1 || n == 2) && s[i + n] == '\0';
}

/* The activity: a NACE code becomes its label in the view's language,
 * so that no English label reaches a French or German report. */
static void
vactivity(struct vctx *c, struct node *m, const char *act)
{
	const char *l;

	if (act == NULL || !is_nace(act)) {
		vstr(c, m, "activity", act);
		return;
	}
	if ((l = plain_label(c, "nace", act)) == NULL || c->check)
		return;
	vstr(c, m, "activity", arena_printf(c->a, "%s (NACE %s)", l, act));
}

static const struct authority *
authority_of(const struct incident *inc, const struct auth_dir *dir)
{
	const struct authority *au = NULL;

	if (dir == NULL)
		return NULL;
	if (inc->cross_border.lead_authority)
		au = auth_find(dir, inc->cross_border.lead_authority);
	if (au == NULL && inc->controller.country)
		au = auth_for_country(dir, inc->controller.country, NULL);
	return au;
}

static void
v_notification(struct vctx *c, struct node *v)
{
	const struct incident *inc = c->inc;
	struct node *m = vsub(c, v, "notification");

	venum(c, m, "type", &sch_notif_type, inc->notification.type);
	venum(c, m, "subtype", &sch_notif_subtype, inc->notification.subtype);
	vstr(c, m, "previous_reference", inc->notification.previous_reference);
	vtext(c, m, "withdraw_reason", &inc->notification.withdraw_reason,
	      "notification.withdraw_reason");
	vstr(c, m, "reference", inc->notification.reference);
	vtime(c, m, "sent_at", &inc->notification.sent_at);
	vtime(c, m, "expected_completion",
	      &inc->notification.expected_completion);
}

static void
v_people(struct vctx *c, struct node *v)
{
	const struct incident *inc = c->inc;
	struct node *m, *k, *rep;
	const char *g, *rg;

	m = vsub(c, v, "controller");
	vstr(c, m, "name", inc->controller.name);
	venum(c, m, "identifier_type", &sch_id_type,
	      inc->controller.identifier_type);
	vstr(c, m, "identifier", inc->controller.identifier);
	vcontact(c, m, &inc->controller.contact);
	venum(c, m, "sector", &sch_sector, inc->controller.sector);
	venum(c, m, "size", &sch_org_size, inc->controller.size);
	vtext(c, m, "size_description", &inc->controller.size_description,
	      "controller.size_description");
	vactivity(c, m, inc->controller.activity);
	if (inc->controller.country)
		vstr(c, m, "country", country_name(c, inc->controller.country));
	if (inc->controller.representative.name) {
		k = vsub(c, m, "representative");
		vstr(c, k, "name", inc->controller.representative.name);
		vcontact(c, k, &inc->controller.representative.contact);
	}

	m = rep = vsub(c, v, "reporter");
	vstr(c, m, "name", inc->reporter.name);
	venum(c, m, "function", &sch_reporter_fn, inc->reporter.function);
	vtext(c, m, "function_description",
	      &inc->reporter.function_description,
	      "reporter.function_description");
	vcontact(c, m, &inc->reporter.contact);

	m = vsub(c, v, "dpo");
	vbool(c, m, "designated", inc->dpo.designated);
	vstr(c, m, "name", inc->dpo.name);
	vcontact(c, m, &inc->dpo.contact);
	/* The function in the gender the file gives, else neutral. */
	g = inc->dpo.gender > 0 ? sch_key(&sch_gender, inc->dpo.gender) :
	    "neutral";
	vstr(c, m, "role", plain_label(c, "roles",
	     arena_printf(c->a, "dpo_%s", g)));
	vstr(c, m, "to_dpo", plain_label(c, "roles",
	     arena_printf(c->a, "to_dpo_%s", g)));
	/* The reporter's function in the reporter's gender (a reporter
	 * who is the DPO: the DPO's, when the reporter's is not given). */
	rg = inc->reporter.gender > 0 ?
	    sch_key(&sch_gender, inc->reporter.gender) : NULL;
	if (inc->reporter.function == RF_DPO)
		vstr(c, rep, "function", plain_label(c, "roles",
		     arena_printf(c->a, "dpo_%s", rg ? rg : g)));
	else if (inc->reporter.function == RF_LEGAL_REPRESENTATIVE)
		vstr(c, rep, "function", plain_label(c, "roles",
		     arena_printf(c->a, "legal_representative_%s",
				  rg ? rg : "neutral")));

	m = vsub(c, v, "contact_point");
	venum(c, m, "who", &sch_contact_who, inc->contact_point.who);
	if (inc->contact_point.who == CW_DPO)
		vstr(c, m, "who", plain_label(c, "roles",
		     arena_printf(c->a, "the_dpo_%s", g)));
	else if (inc->contact_point.who == CW_REPORTER)
		vstr(c, m, "who", plain_label(c, "roles",
		     arena_printf(c->a, "the_reporter_%s", rg ? rg :
		     inc->reporter.function == RF_DPO ? g : "neutral")));
	vstr(c, m, "name", inc->contact_point.name);
	vstr(c, m, "function", inc->contact_point.function);
	vcontact(c, m, &inc->contact_point.contact);

	if (inc->nparties > 0) {
		struct node *list = node_list(c->a, NULL);

		for (size_t i = 0; i < inc->nparties; i++) {
			const struct inc_party *p = &inc->parties[i];

			k = node_map(c->a, NULL);
			venum(c, k, "role", &sch_party_role, p->role);
			vstr(c, k, "name", p->name);
			vcontact(c, k, &p->contact);
			vtime(c, k, "aware_at", &p->aware_at);
			vtime(c, k, "informed_controller_at",
			      &p->informed_controller_at);
			vcount(c, k, "contract_hours", p->contract_hours.value,
			       "hours");
			node_list_push(c->a, list, k);
		}
		node_map_set(c->a, v, "parties", list);
	}
}

static const char *type_list(struct vctx *c, inc_set set, inc_set mask);

/* Issue 9: the facts the recommendation turns on, each shown only when
 * the file gives it; "facts_any" lets a template skip the block. */
static void
v_decisive(struct vctx *c, struct node *m)
{
	const struct incident *inc = c->inc;
	bool any = false;

	if (inc->risk.holder) {
		venum(c, m, "holder", &sch_holder, inc->risk.holder);
		any = true;
	}
	vtime(c, m, "deleted_at", &inc->risk.deleted_at);
	if (inc->risk.device) {
		venum(c, m, "device", &sch_lost_device, inc->risk.device);
		any = true;
	}
	if (inc->risk.certainty) {
		venum(c, m, "certainty", &sch_certainty, inc->risk.certainty);
		any = true;
	}
	if (inc->risk.outage.hours.value >= 0) {
		vcount(c, m, "outage_hours", inc->risk.outage.hours.value,
		       "hours");
		any = true;
	}
	if (inc->risk.outage.restored_by) {
		venum(c, m, "restored_by", &sch_restore,
		      inc->risk.outage.restored_by);
		any = true;
	}
	if (inc->risk.outage.effect) {
		venum(c, m, "outage_effect", &sch_outage_effect,
		      inc->risk.outage.effect);
		any = true;
	}
	if (inc->risk.attacker_knew) {
		vstr(c, m, "attacker_knew", type_list(c,
		     inc->risk.attacker_knew, ~(inc_set)0));
		any = true;
	}
	vbool(c, m, "facts_any", any);
}

/* subjects.count_description and subjects.groups. */
static void
v_groups(struct vctx *c, struct node *m)
{
	const struct incident *inc = c->inc;
	struct node *list;

	vtext(c, m, "count_description", &inc->subjects.count_description,
	      "subjects.count_description");
	vbool(c, m, "at_least", inc->subjects.count_basis == CB_AT_LEAST);
	if (inc->subjects.ngroups == 0)
		return;
	list = node_list(c->a, NULL);
	for (size_t i = 0; i < inc->subjects.ngroups; i++) {
		const struct inc_group *g = &inc->subjects.groups[i];
		struct node *j = node_map(c->a, NULL);

		vtext(c, j, "description", &g->description, arena_printf(c->a,
		      "subjects.groups[%zu].description", i + 1));
		vcount(c, j, "count", g->count.value, "people");
		vbool(c, j, "at_least", g->count_basis == CB_AT_LEAST);
		vset(c, j, "categories", &sch_subject_cat, g->categories);
		vset(c, j, "types", &sch_data_type, g->types);
		vstr(c, j, "types_text", type_list(c, g->types, ~(inc_set)0));
		node_list_push(c->a, list, j);
	}
	node_map_set(c->a, m, "groups", list);
	vbool(c, m, "groups_any", true);
}

static void
v_facts(struct vctx *c, struct node *v)
{
	const struct incident *inc = c->inc;
	struct node *m;

	m = vsub(c, v, "timeline");
	venum(c, m, "occurred", &sch_occurred, inc->timeline.occurred);
	vbool(c, m, "estimated", inc->timeline.estimated);
	vtime(c, m, "start", &inc->timeline.start);
	vtime(c, m, "end", &inc->timeline.end);
	vtime(c, m, "aware_at", &inc->timeline.aware_at);
	vtime(c, m, "reported_at", &inc->timeline.reported_at);
	vtext(c, m, "awareness_description",
	      &inc->timeline.awareness_description,
	      "timeline.awareness_description");
	vtext(c, m, "late_reason", &inc->timeline.late_reason,
	      "timeline.late_reason");
	venum(c, m, "discovery", &sch_discovery, inc->timeline.discovery);
	vtext(c, m, "discovery_description",
	      &inc->timeline.discovery_description,
	      "timeline.discovery_description");
	vtext(c, m, "comments", &inc->timeline.comments, "timeline.comments");

	m = vsub(c, v, "nature");
	vset(c, m, "breach", &sch_breach, inc->nature.breach);
	venum(c, m, "confidentiality", &sch_confidentiality,
	      inc->nature.confidentiality);
	venum(c, m, "unintelligible", &sch_unintelligible,
	      inc->nature.unintelligible);
	vtext(c, m, "unintelligible_description",
	      &inc->nature.unintelligible_description,
	      "nature.unintelligible_description");
	venum(c, m, "integrity", &sch_integrity, inc->nature.integrity);
	venum(c, m, "availability", &sch_availability,
	      inc->nature.availability);
	vset(c, m, "kind", &sch_kind, inc->nature.kind);
	vtext(c, m, "kind_description", &inc->nature.kind_description,
	      "nature.kind_description");
	venum(c, m, "cause", &sch_cause, inc->nature.cause);
	vtext(c, m, "description", &inc->nature.description,
	      "nature.description");
	vtext(c, m, "systems", &inc->nature.systems, "nature.systems");

	m = vsub(c, v, "subjects");
	vset(c, m, "categories", &sch_subject_cat, inc->subjects.categories);
	vtext(c, m, "description", &inc->subjects.description,
	      "subjects.description");
	venum(c, m, "count_basis", &sch_count_basis, inc->subjects.count_basis);
	vcount(c, m, "count", inc->subjects.count.value, "people");
	v_groups(c, m);

	m = vsub(c, v, "data");
	vset(c, m, "types", &sch_data_type, inc->data.types);
	vtext(c, m, "description", &inc->data.description, "data.description");
	venum(c, m, "records_basis", &sch_count_basis, inc->data.records_basis);
	vcount(c, m, "records", inc->data.records.value, "records");
	vbool(c, m, "already_public", inc->data.already_public);
	vbool(c, m, "restored_from_backup", inc->data.restored_from_backup);
	/* Art. 9 and Art. 10 data: the report says so up front. */
	vbool(c, m, "special", (inc->data.types & INC_ART9_10) != 0);

	m = vsub(c, v, "measures_in_place");
	vset(c, m, "measures", &sch_measure_before,
	     inc->measures_in_place.measures);
	vtext(c, m, "description", &inc->measures_in_place.description,
	      "measures_in_place.description");
}

static void
v_effects(struct vctx *c, struct node *v)
{
	const struct incident *inc = c->inc;
	struct node *m, *list;

	m = vsub(c, v, "consequences");
	vset(c, m, "confidentiality", &sch_cons_conf,
	     inc->consequences.confidentiality);
	vset(c, m, "integrity", &sch_cons_int, inc->consequences.integrity);
	vset(c, m, "availability", &sch_cons_av,
	     inc->consequences.availability);
	vset(c, m, "impacts", &sch_impact, inc->consequences.impacts);
	vtext(c, m, "confidentiality_description",
	      &inc->consequences.confidentiality_description,
	      "consequences.confidentiality_description");
	vtext(c, m, "integrity_description",
	      &inc->consequences.integrity_description,
	      "consequences.integrity_description");
	vtext(c, m, "availability_description",
	      &inc->consequences.availability_description,
	      "consequences.availability_description");
	vtext(c, m, "impacts_description",
	      &inc->consequences.impacts_description,
	      "consequences.impacts_description");
	vtext(c, m, "description", &inc->consequences.description,
	      "consequences.description");
	venum(c, m, "severity", &sch_severity, inc->consequences.severity);

	m = vsub(c, v, "risk");
	venum(c, m, "outcome", &sch_risk, inc->risk.outcome);
	vtext(c, m, "rationale", &inc->risk.rationale, "risk.rationale");
	v_decisive(c, m);

	m = vsub(c, v, "measures_taken");
	vtext(c, m, "description", &inc->measures_taken.description,
	      "measures_taken.description");
	vtext(c, m, "planned", &inc->measures_taken.planned,
	      "measures_taken.planned");

	m = vsub(c, v, "prevention");
	vset(c, m, "measures", &sch_prevention, inc->prevention.measures);
	vtext(c, m, "description", &inc->prevention.description,
	      "prevention.description");

	m = vsub(c, v, "communication");
	venum(c, m, "status", &sch_comm_status, inc->communication.status);
	vtime(c, m, "sent_at", &inc->communication.sent_at);
	vtime(c, m, "planned_at", &inc->communication.planned_at);
	venum(c, m, "exemption", &sch_exemption, inc->communication.exemption);
	vtext(c, m, "exemption_description",
	      &inc->communication.exemption_description,
	      "communication.exemption_description");
	venum(c, m, "reach", &sch_reach, inc->communication.reach);
	vtext(c, m, "reach_description", &inc->communication.reach_description,
	      "communication.reach_description");
	vset(c, m, "means", &sch_means, inc->communication.means);
	vtext(c, m, "means_description", &inc->communication.means_description,
	      "communication.means_description");
	vtext(c, m, "content", &inc->communication.content,
	      "communication.content");
	vtext(c, m, "what_happened", &inc->communication.what_happened,
	      "communication.what_happened");
	vtext(c, m, "what_it_means", &inc->communication.what_it_means,
	      "communication.what_it_means");
	vtext(c, m, "what_we_did", &inc->communication.what_we_did,
	      "communication.what_we_did");
	vbool(c, m, "voluntary", inc->communication.voluntary);
	vtext(c, m, "delay_reason", &inc->communication.delay_reason,
	      "communication.delay_reason");
	if (inc->communication.nadvice > 0) {
		list = node_list(c->a, NULL);
		for (size_t i = 0; i < inc->communication.nadvice; i++) {
			struct node *k = node_map(c->a, NULL);
			char *path = arena_printf(c->a,
						  "communication.advice[%zu]",
						  i + 1);

			vtext(c, k, "text", &inc->communication.advice[i],
			      path);
			node_list_push(c->a, list, k);
		}
		node_map_set(c->a, m, "advice", list);
	}

	m = vsub(c, v, "other_notifications");
	venum(c, m, "police", &sch_yes_no, inc->other_notifications.police);
	venum(c, m, "other_authorities", &sch_yes_no,
	      inc->other_notifications.other_authorities);
	vtext(c, m, "description", &inc->other_notifications.description,
	      "other_notifications.description");

	m = vsub(c, v, "cross_border");
	venum(c, m, "processing", &sch_yes_no, inc->cross_border.processing);
	if (inc->cross_border.nestablishments > 0) {
		list = node_list(c->a, NULL);
		for (size_t i = 0; i < inc->cross_border.nestablishments; i++)
			node_list_push(c->a, list, node_cstr(c->a,
			    country_name(c, inc->cross_border.establishments[i])));
		node_map_set(c->a, m, "establishments", list);
	}
	if (inc->cross_border.ncountries > 0) {
		int64_t total = 0;

		list = node_list(c->a, NULL);
		for (size_t i = 0; i < inc->cross_border.ncountries; i++) {
			const struct inc_country_count *cc =
				&inc->cross_border.countries[i];
			struct node *k = node_map(c->a, NULL);

			vstr(c, k, "country", country_name(c, cc->country));
			vcount(c, k, "count", cc->count, NULL);
			total += cc->count;
			node_list_push(c->a, list, k);
		}
		node_map_set(c->a, m, "countries", list);
		vcount(c, m, "countries_total", total, "people");
		vcount(c, m, "countries_n",
		       (int64_t)inc->cross_border.ncountries, "countries");
	}

	m = vsub(c, v, "attachments");
	vset(c, m, "items", &sch_attachment, inc->attachments.items);
	vtext(c, m, "description", &inc->attachments.description,
	      "attachments.description");

	m = vsub(c, v, "decision");
	vbool(c, m, "notify_authority", inc->decision.notify_authority);
	vbool(c, m, "communicate_subjects", inc->decision.communicate_subjects);
	vtext(c, m, "rationale", &inc->decision.rationale,
	      "decision.rationale");

	if (inc->ntbd > 0) {
		list = node_list(c->a, NULL);
		for (size_t i = 0; i < inc->ntbd; i++) {
			struct node *k = node_map(c->a, NULL);

			vstr(c, k, "path", inc->tbd[i].path);
			if (inc->tbd[i].edpb)
				vstr(c, k, "edpb", arena_printf(c->a, "%u",
							inc->tbd[i].edpb));
			node_list_push(c->a, list, k);
		}
		node_map_set(c->a, v, "tbd", list);
	}
}

/* The fields the national forms ask for (issue 11), added to the maps
 * made above, and the EDPB section 6.3 for a controller outside the
 * EEA. */
static void
v_form_fields(struct vctx *c, struct node *v, const struct auth_dir *dir)
{
	const struct incident *inc = c->inc;
	struct node *m;

	m = node_get(v, "controller");
	venum(c, m, "headcount", &sch_headcount, inc->controller.headcount);
	m = node_get(v, "reporter");
	vstr(c, m, "national_id", inc->reporter.national_id);
	vbool(c, m, "accuracy", inc->reporter.accuracy);
	m = node_get(v, "timeline");
	vtime(c, m, "discovered_at", &inc->timeline.discovered_at);
	m = node_get(v, "nature");
	venum(c, m, "established", &sch_established, inc->nature.established);
	m = node_get(v, "subjects");
	venum(c, m, "identifiable", &sch_yes_no, inc->subjects.identifiable);
	m = node_get(v, "data");
	vset(c, m, "media", &sch_media, inc->data.media);
	if (inc->data.media)
		vbool(c, m, "has_media", true);
	m = node_get(v, "measures_taken");
	vtext(c, m, "medium_term", &inc->measures_taken.medium_term,
	      "measures_taken.medium_term");

	if (inc->outside_eea.processing == yes_no_unset)
		return;
	m = vsub(c, v, "outside_eea");
	venum(c, m, "processing", &sch_yes_no, inc->outside_eea.processing);
	if (inc->outside_eea.ncountries > 0) {
		struct node *list = node_list(c->a, NULL);

		for (size_t i = 0; i < inc->outside_eea.ncountries; i++) {
			const struct inc_country_count *cc =
				&inc->outside_eea.countries[i];
			struct node *k = node_map(c->a, NULL);

			vstr(c, k, "country", country_name(c, cc->country));
			vcount(c, k, "count", cc->count, NULL);
			node_list_push(c->a, list, k);
		}
		node_map_set(c->a, m, "countries", list);
	}
	if (inc->outside_eea.nauthorities > 0) {
		struct node *list = node_list(c->a, NULL);

		for (size_t i = 0; i < inc->outside_eea.nauthorities; i++) {
			const char *code = inc->outside_eea.authorities[i];
			const struct authority *au = dir ?
			    auth_find(dir, code) : NULL;
			const char *name = au ? auth_name(au, c->lang) : NULL;

			node_list_push(c->a, list, node_cstr(c->a,
			    name ? name : code));
		}
		node_map_set(c->a, m, "authorities", list);
	}
}

/* ---- the assessment ---------------------------------------------------- */

/* One part of a citation: the pattern of citation.<key> in the labels
 * with {} replaced by v[0..n). */
static void
cite_part(struct buf *b, const struct node *cit, const char *key,
	  const char *v, size_t n)
{
	const struct node *l = node_get(cit, key);
	const char *p, *q;

	if (l == NULL || l->kind != NODE_STRING)
		return;
	p = l->u.str.s;
	if ((q = strstr(p, "{}")) == NULL) {
		buf_puts(b, p);
		return;
	}
	buf_put(b, p, (size_t)(q - p));
	buf_put(b, v, n);
	buf_puts(b, q + 2);
}

/*
 * "Art. 34(3)(a), Art. 9" as the language cites it, from citation: in
 * the labels (article, paragraph, point: patterns with {}; join between
 * two citations): French "art. 34, § 3, a) ; art. 9", German "Art. 34
 * Abs. 3 lit. a; Art. 9". The typography pass keeps each one on a line.
 */
static const char *
cite(struct vctx *c, const char *art)
{
	const struct node *cit = node_get(c->labels, "citation");
	const struct node *join = node_get(cit, "join");
	struct buf b = BUF_INIT;
	const char *p = art, *r;

	if (art == NULL || *art == '\0' || cit == NULL || c->check)
		return art;
	while (*p) {
		if (strncmp(p, "Art. ", 5) == 0) {
			const char *num = p += 5;

			while (*p >= '0' && *p <= '9')
				p++;
			cite_part(&b, cit, "article", num, (size_t)(p - num));
			while (*p == '(') {
				const char *q = strchr(p, ')');

				if (q == NULL)
					break;
				cite_part(&b, cit, p[1] >= '0' && p[1] <= '9' ?
					  "paragraph" : "point", p + 1,
					  (size_t)(q - p - 1));
				p = q + 1;
			}
		} else if (strncmp(p, "Recital ", 8) == 0 ||
			   strncmp(p, "recital ", 8) == 0) {
			const char *num = p += 8;

			while (*p >= '0' && *p <= '9')
				p++;
			cite_part(&b, cit, "recital", num, (size_t)(p - num));
		} else if (strncmp(p, ", ", 2) == 0 && join &&
			   join->kind == NODE_STRING) {
			buf_puts(&b, join->u.str.s);
			p += 2;
		} else {
			buf_putc(&b, *p++);
		}
	}
	r = arena_strdup(c->a, buf_cstr(&b));
	buf_free(&b);
	return r;
}

/* A decimal kept in quarters, with the language's separator. */
static void
vquarters(struct vctx *c, struct node *map, const char *key, int q)
{
	buf_truncate(&c->tmp, 0);
	vfmt_done(c, map, key, fmt_decimal(c->lang, q / 4.0, 2, c->out));
}

static const char *
plain_label(struct vctx *c, const char *group, const char *key)
{
	const struct node *l = node_get(node_get(c->labels, group), key);

	if (l == NULL || l->kind != NODE_STRING) {
		diag_add(c->d, DIAG_ERROR, &c->labels->pos,
			 "no label for %s.%s in the %s labels", group, key,
			 c->lang);
		c->missing++;
		return NULL;
	}
	return l->u.str.s;
}

/* Labels of the data types of set among mask, joined by ", ". */
static const char *
type_list(struct vctx *c, inc_set set, inc_set mask)
{
	const char *s = "";

	for (size_t v = 1; v <= sch_data_type.n && v < 64; v++) {
		const char *l;

		if (!INC_HAS(set & mask, v))
			continue;
		if ((l = label(c, &sch_data_type, (int)v)) != NULL &&
		    !c->check)
			s = arena_printf(c->a, "%s%s%s", s, *s ? ", " : "", l);
	}
	return s;
}

/* k.text: the message <section>.<key> of the labels with n and args. */
static bool
vmessage(struct vctx *c, struct node *k, const char *section,
	 const char *key, int64_t n, const struct fmt_arg *args, size_t nargs)
{
	const struct node *pat;
	size_t off = 0;
	int e;

	pat = node_get(node_get(c->labels, section), key);
	if (pat == NULL || pat->kind != NODE_STRING) {
		diag_add(c->d, DIAG_ERROR, &c->labels->pos,
			 "no message %s.%s in the %s labels", section, key,
			 c->lang);
		c->missing++;
		return false;
	}
	buf_truncate(&c->tmp, 0);
	e = fmt_message(c->lang, pat->u.str.s, pat->u.str.len, n, args, nargs,
			c->out, &off);
	if (e != FMT_OK) {
		diag_add(c->d, DIAG_ERROR, &pat->pos,
			 "%s.%s: %s at byte %zu of the message", section, key,
			 fmt_error_text(e), off);
		c->missing++;
		return false;
	}
	if (!c->check)
		node_map_set(c->a, k, "text", node_string(c->a, c->tmp.s,
			     c->tmp.len, NULL));
	return true;
}

/* A ground in the view's language, from its rule's message, with the
 * rule id so that a reader finds it in docs/assessment.md. */
static struct node *
vground(struct vctx *c, const struct assessment *as,
	const struct assess_ground *g)
{
	const struct incident *inc = c->inc;
	const struct rule_hit *h = &g->hit;
	struct node *k = node_map(c->a, NULL);
	struct fmt_arg args[5];
	const char *av = h->a ? h->a : "";
	int64_t n;

	if (h->a_enum != NULL && h->a != NULL) {
		int v = sch_value(h->a_enum, h->a);
		const char *l = v ? label(c, h->a_enum, v) : NULL;

		av = l ? l : h->a;
	} else if (h->a != NULL && strchr(h->a, '.') != NULL) {
		/* A fact not known yet: its title, not its path. */
		av = plain_label(c, "fields", h->a);
		if (av == NULL)
			av = "";
	} else if (g->rule->group == RG_HIGH && h->a != NULL &&
		   strcmp(g->key, "enisa_severity") == 0) {
		av = plain_label(c, "bands", h->a);
		if (av == NULL)
			av = "";
	}
	buf_truncate(&c->tmp, 0);
	fmt_decimal(c->lang, as->enisa.se_q / 4.0, 2, c->out);
	args[0].name = "se";
	args[0].value = arena_strndup(c->a, buf_cstr(&c->tmp), c->tmp.len);
	args[1].name = "types";
	args[1].value = type_list(c, h->types, ~(inc_set)0);
	args[2].name = "a";
	args[2].value = av;
	args[3].name = "reason";
	args[3].value = "";
	if (h->reason != NULL) {
		const char *r = inc_text_get(inc, h->reason, c->lang);

		args[3].value = r ? r : "";
	}
	args[4].name = "band";
	args[4].value = as->enisa.band != ENISA_NONE ?
		plain_label(c, "bands", enisa_band_key(as->enisa.band)) : "";
	if (args[4].value == NULL)
		args[4].value = "";
	n = h->n >= 0 ? h->n : inc->subjects.count.value < 0 ? 0 :
		inc->subjects.count.value;
	if (!vmessage(c, k, "grounds", g->key, n, args, 5))
		return k;
	vstr(c, k, "key", g->key);
	vstr(c, k, "rule", g->rule->id);
	vstr(c, k, "article", cite(c, g->article));
	vbool(c, k, "pro", g->pro);
	vbool(c, k, "against", g->rule->dir == RD_AGAINST);
	vbool(c, k, "unknown", g->rule->dir == RD_UNKNOWN);
	vbool(c, k, "note", g->rule->dir == RD_NOTE);
	vcount(c, k, "line", g->pos.line, NULL);
	return k;
}

/* A finding in the view's language: findings.<key> of the labels with
 * {a} {b} {c}, {duration}, {ground} and {has_ground} (yes or no). */
static struct node *
vfinding(struct vctx *c, const struct assessment *as,
	 const struct assess_finding *fi)
{
	const char *lv = assess_level_name(fi->level);
	struct node *k = node_map(c->a, NULL), *g;
	struct fmt_arg args[6] = {
		{"a", fi->a ? fi->a : ""}, {"b", fi->b ? fi->b : ""},
		{"c", fi->c ? fi->c : ""}, {"duration", ""}, {"ground", ""},
		{"has_ground", "no"},
	};

	if (fi->secs > 0) {
		int e;

		buf_truncate(&c->tmp, 0);
		e = fmt_duration(c->lang, fi->secs, FMT_DAYS | FMT_HOURS |
				 FMT_MINUTES, c->out);
		if (e != FMT_OK) {
			diag_add(c->d, DIAG_ERROR, &fi->pos, "findings.%s: "
				 "cannot format the duration: %s", fi->key,
				 fmt_error_text(e));
			c->missing++;
		}
		args[3].value = arena_strndup(c->a, buf_cstr(&c->tmp),
					      c->tmp.len);
	}
	if (fi->ground >= 0 && (size_t)fi->ground < as->ngrounds &&
	    (g = node_get(vground(c, as, &as->grounds[fi->ground]),
			  "text")) != NULL) {
		args[4].value = g->u.str.s;
		args[5].value = "yes";
	}
	vstr(c, k, "level", plain_label(c, "levels", lv));
	vbool(c, k, arena_printf(c->a, "level_%s", lv), true);
	vstr(c, k, "article", cite(c, fi->article));
	vcount(c, k, "line", fi->pos.line, NULL);
	vmessage(c, k, "findings", fi->key, 0, args, 6);
	return k;
}

static void
v_severity(struct vctx *c, struct node *m, const struct assessment *as)
{
	const struct enisa_score *s = &as->enisa;
	const struct incident *inc = c->inc;
	struct node *k, *list;

	if (!s->scored)
		return;
	k = vsub(c, m, "severity");
	vquarters(c, k, "dpc", s->dpc * 4);
	vquarters(c, k, "base", s->base * 4);
	venum(c, k, "base_type", &sch_data_type, s->base_type);
	venum(c, k, "base_category", &sch_enisa_cat, s->base_cat);
	vbool(c, k, "clamped", s->clamped);
	vquarters(c, k, "ei", s->ei_q);
	vquarters(c, k, "cb", s->cb_q);
	vquarters(c, k, "cb_confidentiality", s->cb_conf_q);
	vquarters(c, k, "cb_integrity", s->cb_int_q);
	vquarters(c, k, "cb_availability", s->cb_av_q);
	vquarters(c, k, "cb_malicious", s->cb_mal_q);
	vquarters(c, k, "se", s->se_q);
	vstr(c, k, "band", plain_label(c, "bands", enisa_band_key(s->band)));
	vbool(c, k, arena_printf(c->a, "band_%s", enisa_band_key(s->band)),
	      true);
	vbool(c, k, "public_unstated", s->public_unstated);
	vbool(c, k, "av_undetermined", s->av_undetermined);
	vbool(c, k, "other_as_simple", s->other_as_simple);
	if (inc->risk.enisa.nadjustments == 0)
		return;
	list = node_list(c->a, NULL);
	for (size_t i = 0; i < inc->risk.enisa.nadjustments; i++) {
		const struct inc_adjustment *ad =
			&inc->risk.enisa.adjustments[i];
		struct node *j = node_map(c->a, NULL);

		venum(c, j, "factor", &sch_enisa_factor, ad->factor);
		/* U+2212 MINUS SIGN: a hyphen would read as a list mark. */
		vstr(c, j, "delta", arena_printf(c->a, "%s%d", ad->delta < 0 ?
				   "\u2212" : "+", ad->delta < 0 ? -ad->delta :
				   ad->delta));
		vtext(c, j, "reason", &ad->reason, arena_printf(c->a,
		      "risk.enisa.adjustments[%zu].reason", i + 1));
		node_list_push(c->a, list, j);
	}
	node_map_set(c->a, k, "adjustments", list);
}

static void
v_grounds(struct vctx *c, struct node *m, const struct assessment *as,
	  enum assess_rec rec, const char *key)
{
	struct node *list = node_list(c->a, NULL);

	for (size_t i = 0; i < as->ngrounds; i++)
		if (as->grounds[i].rec == rec)
			node_list_push(c->a, list,
				       vground(c, as, &as->grounds[i]));
	if (list->u.list.n == 0)
		return;
	node_map_set(c->a, m, key, list);
	/* Templates test presence with a flag: a list section loops. */
	vbool(c, m, arena_printf(c->a, "%s_any", key), true);
}

static void
v_assessment(struct vctx *c, struct node *v, const struct assessment *as)
{
	const struct incident *inc = c->inc;
	struct node *m = vsub(c, v, "assessment"), *k, *list;
	bool dn = inc->decision.notify_authority;
	bool dc = inc->decision.communicate_subjects;

	/* Art. 33(1): the clock, in the zone of the report's authority. */
	if (as->has_deadline) {
		buf_truncate(&c->tmp, 0);
		vfmt_done(c, m, "deadline", fmt_datetime(c->lang,
			  as->time_zone ? as->time_zone : c->zone,
			  as->deadline, c->out));
		buf_truncate(&c->tmp, 0);
		vfmt_done(c, m, "deadline_utc", fmt_datetime(c->lang, "UTC",
			  as->deadline, c->out));
	}
	vbool(c, m, "follow_up", inc->notification.type == NT_FOLLOW_UP);
	if (inc->notification.sent_at.set && as->has_deadline &&
	    as->sent_after_sec >= 0) {
		buf_truncate(&c->tmp, 0);
		vfmt_done(c, m, "sent_after", fmt_duration(c->lang,
			  as->sent_after_sec, FMT_DAYS | FMT_HOURS |
			  FMT_MINUTES, c->out));
		vbool(c, m, "on_time", !as->late &&
		      inc->notification.type != NT_FOLLOW_UP);
	}
	vbool(c, m, "late", as->late);
	if (as->late) {
		buf_truncate(&c->tmp, 0);
		vfmt_done(c, m, "late_by", fmt_duration(c->lang,
			  as->sent_after_sec - ASSESS_DEADLINE_SEC,
			  FMT_DAYS | FMT_HOURS | FMT_MINUTES, c->out));
		vtext(c, m, "late_reason", &inc->timeline.late_reason,
		      "timeline.late_reason");
		vbool(c, m, "late_reason_missing", !as->late_reason_given);
	}

	v_severity(c, m, as);

	/* What the tool recommends, beside what the controller decided. */
	k = vsub(c, m, "recommend");
	vbool(c, k, "notify_authority", as->rec_notify);
	vbool(c, k, "communicate_subjects", as->rec_communicate);
	vbool(c, k, "high_risk", as->high_risk);
	vbool(c, k, "exempt", as->exempt_34_3);
	v_grounds(c, k, as, REC_NOTIFY, "notify_grounds");
	v_grounds(c, k, as, REC_COMMUNICATE, "communicate_grounds");
	k = vsub(c, m, "agrees");
	vbool(c, k, "notify_authority", dn == as->rec_notify);
	vbool(c, k, "communicate_subjects", dc == as->rec_communicate);
	vbool(c, k, "all", dn == as->rec_notify && dc == as->rec_communicate);
	vbool(c, m, "departs", !(dn == as->rec_notify &&
				 dc == as->rec_communicate));

	/* Art. 33(4): what an incomplete notification still lacks. */
	if (as->nmissing > 0) {
		list = node_list(c->a, NULL);
		for (size_t i = 0; i < as->nmissing; i++) {
			const struct assess_missing *mi = &as->missing[i];
			const struct sch_field *f = sch_find(mi->path);

			k = node_map(c->a, NULL);
			vstr(c, k, "path", mi->path);
			vstr(c, k, "title", plain_label(c, "fields", mi->path));
			if (mi->edpb)
				vcount(c, k, "edpb", mi->edpb, NULL);
			if (f && f->article)
				vstr(c, k, "article", cite(c, f->article));
			node_list_push(c->a, list, k);
		}
		node_map_set(c->a, m, "missing", list);
		vcount(c, m, "missing_n", (int64_t)as->nmissing, "items");
	}
	vtime(c, m, "expected_completion",
	      &inc->notification.expected_completion);

	/* Findings: the register shows them as the DPO's working notes,
	 * with the article and the line. Errors have no message: an
	 * incident with errors has no report. */
	list = node_list(c->a, NULL);
	for (size_t i = 0; i < as->nfindings; i++) {
		const struct assess_finding *fi = &as->findings[i];

		if (fi->key != NULL)
			node_list_push(c->a, list, vfinding(c, as, fi));
	}
	if (list->u.list.n > 0) {
		node_map_set(c->a, m, "findings", list);
		vbool(c, m, "has_findings", true);
	}
}

/* One authority of the directory as the reports name it. */
static struct node *
vauthority(struct vctx *c, const struct authority *au, const char *code)
{
	struct node *k = node_map(c->a, NULL);

	if (au == NULL) {
		vstr(c, k, "name", code);
		return k;
	}
	vstr(c, k, "name", auth_name(au, c->lang));
	vstr(c, k, "short_name", au->short_name);
	vstr(c, k, "country", country_name(c, au->country));
	return k;
}

/*
 * EDPB fields 114 and 118 (Art. 56): the lead authority, to which this
 * notification goes, and every other authority to which the breach has
 * been or will be notified.
 */
static void
v_authorities(struct vctx *c, struct node *v, const struct authority *au)
{
	const struct incident *inc = c->inc;
	struct node *m = (struct node *)node_get(v, "cross_border"), *list;

	if (m == NULL)
		return;
	if (inc->cross_border.lead_authority)
		node_map_set(c->a, m, "lead", vauthority(c, au,
		    inc->cross_border.lead_authority));
	if (inc->cross_border.nauthorities == 0)
		return;
	list = node_list(c->a, NULL);
	for (size_t i = 0; i < inc->cross_border.nauthorities; i++) {
		const char *code = inc->cross_border.authorities[i];

		node_list_push(c->a, list, vauthority(c, c->dir ?
		    auth_find(c->dir, code) : NULL, code));
	}
	node_map_set(c->a, m, "others", list);
}

struct node *
view_build(struct arena *a, const struct incident *inc,
	   const struct assessment *as, const struct node *labels,
	   const char *lang, const struct auth_dir *dir, struct diags *d)
{
	return view_build_opts(a, inc, as, labels, lang, dir, 0, d);
}

struct node *
view_build_opts(struct arena *a, const struct incident *inc,
		const struct assessment *as, const struct node *labels,
		const char *lang, const struct auth_dir *dir, unsigned flags,
		struct diags *d)
{
	struct vctx c = { a, inc, labels, lang, "UTC", d, 0, BUF_INIT, NULL,
	    (flags & VIEW_FALLBACK) != 0, (flags & VIEW_CHECK) != 0, NULL,
	    NULL, {{NULL, NULL}}, 0 };
	const struct authority *au = authority_of(inc, dir);
	struct node *v = NULL, *m;

	c.dir = dir;
	c.out = c.check ? NULL : &c.tmp;
	if (!fmt_lang_ok(lang)) {
		diag_add(d, DIAG_ERROR, &labels->pos,
			 "cannot write reports in '%s': ICU knows no such "
			 "language; name the folder with an ISO 639 code", lang);
		goto out;
	}
	v = node_map(a, NULL);
	vstr(&c, v, "id", inc->id);
	vstr(&c, v, "lang", lang);
	if (au) {
		c.zone = au->time_zone;
		m = vsub(&c, v, "authority");
		vstr(&c, m, "name", auth_name(au, lang));
		vstr(&c, m, "in_sentence", auth_name_with_article(a, au,
		     lang));
		vstr(&c, m, "short_name", au->short_name);
		vstr(&c, m, "address", au->address);
		vstr(&c, m, "portal", au->portal);
		vstr(&c, m, "time_zone", au->time_zone);
	}
	vstr(&c, v, "time_zone", c.zone);
	/* The zone in the reader's words, not its IANA id. */
	buf_truncate(&c.tmp, 0);
	vfmt_done(&c, v, "time_zone_name", fmt_zone_name(lang, c.zone,
		  inc->timeline.aware_at.set ? inc->timeline.aware_at.epoch :
		  0, c.out));
	v_notification(&c, v);
	v_people(&c, v);
	v_facts(&c, v);
	v_effects(&c, v);
	v_authorities(&c, v, au);
	v_form_fields(&c, v, dir);
	if (as)
		v_assessment(&c, v, as);
	if (c.missing > 0)
		v = NULL;
out:
	buf_free(&c.tmp);
	return v;
}

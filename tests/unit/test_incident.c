/*
 * test_incident.c - node tree -> struct incident.
 *
 * The property test walks the schema table: for each valid fixture, it
 * removes one required field at a time from the loaded node tree and
 * expects exactly one error, naming that field's dotted path at the
 * position of the map that lacks it; removing an optional field must
 * leave the file valid. The rest checks typed values: enums, sets as
 * bitmasks, counts, times, free texts, positions and the tbd list.
 *
 * Run from the top of the repository (tests/run does): the fixtures are
 * read from tests/fixtures/.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "arena.h"
#include "datetime.h"
#include "diag.h"
#include "incident.h"
#include "load.h"
#include "node.h"
#include "schema.h"

#define FULL "tests/fixtures/valid-full.yaml"
#define MINIMAL "tests/fixtures/valid-minimal.yaml"
#define WITHDRAW "tests/fixtures/valid-withdraw.yaml"
#define INCOMPLETE "tests/fixtures/valid-incomplete.yaml"
#define NON_EEA "tests/fixtures/valid-non-eea.yaml"

struct fixture {
	const char *file;
	struct arena *a;	/* the tree */
	struct node *root;
	bool withdraw, incomplete;	/* as the intact file says */
	/* What the walk saw, so a walk that tests nothing fails. */
	size_t nrequired, nconditional, noptional, nnotes, nswitch;
	size_t nreplaced;
};

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *s;
	long n;

	if (fp == NULL)
		fail_msg("cannot open %s (run from the top of the repository)",
		    path);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	assert_true(n > 0);
	rewind(fp);
	s = malloc((size_t)n);
	assert_non_null(s);
	assert_int_equal(fread(s, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	*len = (size_t)n;
	return s;
}

static struct node *
load_fixture(struct arena *a, const char *path)
{
	struct diags d;
	struct node *root;
	size_t len;
	char *s = slurp(path, &len);

	diag_init(&d);
	root = load_buffer(a, path, s, len, &d);
	free(s);
	if (root == NULL || d.n != 0)
		fail_msg("%s does not load: %s", path, d.n ? d.v[0].text : "");
	diag_free(&d);
	return root;
}

static void
print_diags(const struct diags *d)
{
	char line[512];
	size_t i;

	for (i = 0; i < d->n; i++) {
		diag_format(&d->v[i], line, sizeof line);
		print_message("  %s\n", line);
	}
}

/* The incident of a tree, in its own arena; the diagnostics in d. */
static struct incident *
convert(struct arena *a, const struct node *root, const char *file,
	struct diags *d)
{
	diag_init(d);
	return incident_from_node(a, root, file, d);
}

/* The rule of incident.c: does the value at one of the '|'-separated
 * paths equal, or list, one of the '|'-separated keys? */
static bool
condition_holds(const struct node *root, const char *paths, const char *keys)
{
	char path[128], key[64];
	const char *pp = paths;

	while (*pp) {
		size_t plen = strcspn(pp, "|");
		const struct node *n;
		const char *kp = keys;

		assert_true(plen < sizeof path);
		memcpy(path, pp, plen);
		path[plen] = '\0';
		pp += plen + (pp[plen] == '|');
		n = node_path(root, path);
		while (n != NULL && *kp) {
			size_t klen = strcspn(kp, "|"), i;

			assert_true(klen < sizeof key);
			memcpy(key, kp, klen);
			key[klen] = '\0';
			kp += klen + (kp[klen] == '|');
			if (n->kind == NODE_STRING && strcmp(n->u.str.s, key) == 0)
				return true;
			if (n->kind == NODE_BOOL &&
			    strcmp(key, n->u.b ? "true" : "false") == 0)
				return true;
			for (i = 0; n->kind == NODE_LIST && i < n->u.list.n; i++)
				if (n->u.list.items[i]->kind == NODE_STRING &&
				    strcmp(n->u.list.items[i]->u.str.s, key) == 0)
					return true;
		}
	}
	return false;
}

static bool
is_required(const struct fixture *fx, const struct sch_field *f,
	    bool in_list)
{
	if (f->req == REQ_NO || (f->req == REQ_YES && fx->withdraw))
		return false;
	if (f->when_path == NULL)
		return true;
	/* Conditions name paths from the root: not applied in lists. */
	if (in_list)
		return false;
	return condition_holds(fx->root, f->when_path, f->when_value) &&
	    (f->and_path == NULL ||
	    condition_holds(fx->root, f->and_path, f->and_value));
}

/* Does removing path change what the rest of the file is checked as? */
static bool
switches_mode(const struct fixture *fx, const char *path)
{
	if (!fx->withdraw && !fx->incomplete)
		return false;
	return strcmp(path, "notification") == 0 ||
	    strcmp(path, "notification.subtype") == 0;
}

/* Removes pair i of map, runs the conversion, puts the pair back. */
static void
without(struct fixture *fx, struct node *map, size_t i, const char *path,
	const struct sch_field *f, bool required)
{
	struct node_pair saved = map->u.map.pairs[i];
	struct arena *a = arena_new();
	struct diags d;
	struct incident *inc;
	char want[256];
	size_t notes = 0, k;

	memmove(&map->u.map.pairs[i], &map->u.map.pairs[i + 1],
	    (map->u.map.n - i - 1) * sizeof *map->u.map.pairs);
	map->u.map.n--;
	inc = convert(a, fx->root, fx->file, &d);
	for (k = 0; k < d.n; k++)
		notes += d.v[k].level == DIAG_NOTE;
	if (!required) {
		if (inc == NULL || d.errors != 0) {
			print_diags(&d);
			fail_msg("%s without optional '%s': %zu errors", fx->file,
			    path, d.errors);
		}
		goto out;
	}
	snprintf(want, sizeof want, "missing '%s', ", path);
	for (k = 0; k < d.n; k++)
		if (strstr(d.v[k].text, want) != NULL)
			break;
	/* Without its sub-type, a withdrawal or an incomplete notification
	 * is read as a complete one, and what that mode requires or
	 * forbids is reported too. Everywhere else: that one error. */
	if (inc != NULL || k == d.n || d.warnings != 0 ||
	    (d.errors != 1 && !switches_mode(fx, path))) {
		print_diags(&d);
		fail_msg("%s without '%s': expected one error \"%s...\"",
		    fx->file, path, want);
	}
	/* At the map that lacks the field. */
	assert_string_equal(d.v[k].pos.file, fx->file);
	assert_int_equal(d.v[k].pos.line, map->pos.line);
	assert_int_equal(d.v[k].pos.col, map->pos.col);
	assert_int_equal(d.v[k].level, DIAG_ERROR);
	fx->nswitch += d.errors != 1;
	/* A tbd-able field of an incomplete notification gets a note. */
	if (notes != (f->tbd && fx->incomplete ? 1u : 0u)) {
		print_diags(&d);
		fail_msg("%s without '%s': %zu notes", fx->file, path, notes);
	}
	fx->nnotes += notes;
out:
	diag_free(&d);
	arena_free(a);
	memmove(&map->u.map.pairs[i + 1], &map->u.map.pairs[i],
	    (map->u.map.n - i) * sizeof *map->u.map.pairs);
	map->u.map.pairs[i] = saved;
	map->u.map.n++;
}

/* A node of a kind that field f never takes, at the position of old. */
static struct node *
wrong_kind(struct arena *a, const struct sch_field *f, const struct node *old)
{
	struct node *n;

	switch (f->type) {
	case SCH_GROUP:
	case SCH_LIST:
	case SCH_SET:
	case SCH_TEXT_LIST:
	case SCH_LANG_LIST:
	case SCH_COUNTRY_LIST:
	case SCH_CODE_LIST:
	case SCH_COUNTRY_COUNTS:
		n = node_string(a, "x", 1, &old->pos);
		n->plain = true;
		return n;
	default:
		/* Scalars and free text: a list. */
		n = node_list(a, &old->pos);
		node_list_push(a, n, node_string(a, "x", 1, &old->pos));
		return n;
	}
}

/* Replaces the value of pair i by a wrong kind of node, then by null:
 * one error at the value, naming the path (null: only if required). */
static void
replaced(struct fixture *fx, struct node *map, size_t i, const char *path,
	 const struct sch_field *f, bool required)
{
	struct node *saved = map->u.map.pairs[i].value;
	struct node *bad[2];
	size_t round;

	if (switches_mode(fx, path) || (fx->withdraw &&
	    strcmp(path, "notification.type") == 0))
		return;
	bad[0] = wrong_kind(fx->a, f, saved);
	bad[1] = node_null(fx->a, &saved->pos);
	for (round = 0; round < 2; round++) {
		struct arena *a = arena_new();
		struct diags d;
		struct incident *inc;
		char quoted[256];
		bool want_error = round == 0 || required;

		map->u.map.pairs[i].value = bad[round];
		inc = convert(a, fx->root, fx->file, &d);
		snprintf(quoted, sizeof quoted, "'%s'", path);
		if (want_error ? (inc != NULL || d.errors != 1 ||
		    d.warnings != 0 || d.v[0].pos.line != saved->pos.line ||
		    d.v[0].pos.col != saved->pos.col ||
		    (strstr(d.v[0].text, quoted) == NULL &&
		    strcmp(path, "breachgen") != 0)) :
		    (inc == NULL || d.errors != 0)) {
			print_diags(&d);
			fail_msg("%s: '%s' as %s: expected %s at %u:%u",
			    fx->file, path, round ? "null" : "a wrong kind",
			    want_error ? "one error naming it" : "no error",
			    saved->pos.line, saved->pos.col);
		}
		fx->nreplaced++;
		diag_free(&d);
		arena_free(a);
	}
	map->u.map.pairs[i].value = saved;
}

static void
walk(struct fixture *fx, const struct sch_field *table, struct node *map,
     const char *path, bool in_list)
{
	const struct sch_field *f;
	char sub[200];
	size_t i, k;

	assert_int_equal(map->kind, NODE_MAP);
	for (f = table; f->name != NULL; f++) {
		bool req = is_required(fx, f, in_list);
		struct node *v = NULL;

		snprintf(sub, sizeof sub, "%s%s%s", path, *path ? "." : "",
		    f->name);
		for (i = 0; i < map->u.map.n; i++)
			if (strcmp(map->u.map.pairs[i].key, f->name) == 0) {
				v = map->u.map.pairs[i].value;
				break;
			}
		if (v == NULL) {
			if (req)
				fail_msg("%s: required '%s' is absent from the "
				    "fixture", fx->file, sub);
			continue;
		}
		if (req) {
			fx->nrequired++;
			fx->nconditional += f->when_path != NULL;
		} else {
			fx->noptional++;
		}
		without(fx, map, i, sub, f, req);
		replaced(fx, map, i, sub, f, req);
		if (f->type == SCH_GROUP) {
			walk(fx, f->sub, v, sub, in_list);
		} else if (f->type == SCH_LIST) {
			assert_int_equal(v->kind, NODE_LIST);
			for (k = 0; k < v->u.list.n; k++) {
				char item[300];

				snprintf(item, sizeof item, "%s[%zu]", sub, k + 1);
				walk(fx, f->sub, v->u.list.items[k], item, true);
			}
		}
	}
}

static void
remove_each(const char *file, struct fixture *fx)
{
	struct arena *a = arena_new();
	struct diags d;

	memset(fx, 0, sizeof *fx);
	fx->file = file;
	fx->a = arena_new();
	fx->root = load_fixture(fx->a, file);
	fx->withdraw = condition_holds(fx->root, "notification.subtype",
	    "withdraw");
	fx->incomplete = condition_holds(fx->root, "notification.subtype",
	    "incomplete");
	/* The fixture itself is valid, without any diagnostic. */
	if (convert(a, fx->root, file, &d) == NULL || d.n != 0) {
		print_diags(&d);
		fail_msg("%s is not valid", file);
	}
	diag_free(&d);
	arena_free(a);
	walk(fx, sch_root, fx->root, "", false);
	print_message("# %s: %zu required fields (%zu conditional) removed "
	    "one at a time, %zu optional ones too; %zu values replaced by "
	    "a wrong kind or null\n", file, fx->nrequired, fx->nconditional,
	    fx->noptional, fx->nreplaced);
	arena_free(fx->a);
}

static void
remove_required_full(void **state)
{
	struct fixture fx;

	(void)state;
	remove_each(FULL, &fx);
	/* The full fixture answers every conditional field that can be
	 * reached outside lists: a walk that tests little is a failure. */
	assert_true(fx.nrequired >= 100);
	assert_true(fx.nconditional >= 40);
	assert_true(fx.noptional >= 20);
	assert_int_equal(fx.nnotes, 0);
}

static void
remove_required_minimal(void **state)
{
	struct fixture fx;

	(void)state;
	remove_each(MINIMAL, &fx);
	assert_true(fx.nrequired >= 60);
	assert_true(fx.nconditional >= 5);
}

static void
remove_required_withdraw(void **state)
{
	struct fixture fx;

	(void)state;
	remove_each(WITHDRAW, &fx);
	/* breachgen, id, language, the 3 groups, type, subtype,
	 * previous_reference, withdraw_reason, 4 of controller, 3 of
	 * reporter. */
	assert_int_equal(fx.nrequired, 17);
	assert_int_equal(fx.nconditional, 2);
}

static void
remove_required_non_eea(void **state)
{
	struct fixture fx;

	(void)state;
	remove_each(NON_EEA, &fx);
	assert_true(fx.nrequired >= 70);
}

/* The representative of a controller outside the EEA. */
static void
representative(void **state)
{
	struct arena *a = arena_new();
	struct diags d;
	const struct incident *inc = convert(a, load_fixture(a, NON_EEA),
	    NON_EEA, &d);

	(void)state;
	assert_non_null(inc);
	assert_false(inc->controller.eea_established);
	assert_string_equal(inc->controller.country, "us");
	assert_string_equal(inc->controller.representative.name, "EU Rep GmbH");
	assert_string_equal(inc->controller.representative.contact.email,
	    "rep@example.eu");
	assert_int_equal(inc->cross_border.processing, YN_NO);
	assert_int_equal(inc->cross_border.ncountries, 2);
	assert_string_equal(inc->cross_border.countries[1].country, "be");
	assert_int_equal(inc->cross_border.countries[1].count, 20);
	diag_free(&d);
	arena_free(a);
}

static void
remove_required_incomplete(void **state)
{
	struct fixture fx;

	(void)state;
	remove_each(INCOMPLETE, &fx);
	assert_true(fx.nrequired >= 50);
	/* occurred, confidentiality, unintelligible, kind, cause,
	 * description, systems (nature), outcome, measures_taken. */
	assert_true(fx.nnotes >= 9);
}

/* ---- typed values ---- */

struct loaded {
	struct arena *a;
	struct incident *inc;
};

static int
setup_full(void **state)
{
	struct loaded *l = calloc(1, sizeof *l);
	struct diags d;

	if (l == NULL)
		return -1;
	l->a = arena_new();
	l->inc = convert(l->a, load_fixture(l->a, FULL), FULL, &d);
	diag_free(&d);
	*state = l;
	return l->inc ? 0 : -1;
}

static int
setup_incomplete(void **state)
{
	struct loaded *l = calloc(1, sizeof *l);
	struct diags d;

	if (l == NULL)
		return -1;
	l->a = arena_new();
	l->inc = convert(l->a, load_fixture(l->a, INCOMPLETE), INCOMPLETE,
	    &d);
	diag_free(&d);
	*state = l;
	return l->inc ? 0 : -1;
}

static int
teardown_loaded(void **state)
{
	struct loaded *l = *state;

	arena_free(l->a);
	free(l);
	return 0;
}

#define BIT(v) ((inc_set)1 << (v))

static void
enums_and_scalars(void **state)
{
	const struct incident *inc = ((struct loaded *)*state)->inc;

	assert_int_equal(inc->version, 1);
	assert_string_equal(inc->id, "full-2025.002_b");
	assert_string_equal(inc->language, "en");
	assert_int_equal(inc->nlanguages, 1);
	assert_string_equal(inc->languages[0], "en");
	assert_string_equal(inc->file, FULL);

	assert_int_equal(inc->notification.type, NT_FOLLOW_UP);
	assert_int_equal(inc->notification.subtype, NS_COMPLETE);
	assert_string_equal(inc->notification.previous_reference,
	    "CNIL-2025-0001");
	assert_string_equal(inc->notification.reference, "SEC-42");
	assert_int_equal(inc->controller.identifier_type, IDT_COMPANY_ID);
	/* A string that looks like a number stays the text written. */
	assert_string_equal(inc->controller.identifier, "123 456 789");
	assert_string_equal(inc->controller.contact.phone, "+353 1 555 0100");
	assert_string_equal(inc->controller.contact.url,
	    "https://example.net/privacy");
	assert_int_equal(inc->controller.sector, SEC_PRIVATE);
	assert_int_equal(inc->controller.size, SIZE_OTHER);
	assert_string_equal(inc->controller.country, "ie");
	assert_true(inc->controller.eea_established);
	assert_false(inc->controller.public_body);
	assert_null(inc->controller.representative.name);
	assert_int_equal(inc->reporter.function, RF_OTHER);
	assert_true(inc->dpo.designated);
	assert_int_equal(inc->contact_point.who, CW_OTHER);
	assert_string_equal(inc->contact_point.function, "Incident manager");

	assert_int_equal(inc->nparties, 1);
	assert_int_equal(inc->parties[0].role, PR_PROCESSOR);
	assert_string_equal(inc->parties[0].name, "Cloud Hosting Ltd");
	assert_string_equal(inc->parties[0].contact.email,
	    "security@cloud.example");
	assert_int_equal(inc->parties[0].contract_hours.value, 24);

	assert_int_equal(inc->timeline.occurred, OCC_BETWEEN);
	assert_true(inc->timeline.estimated);
	assert_int_equal(inc->timeline.discovery, DISC_PROCESSOR);
	assert_int_equal(inc->nature.confidentiality, CONF_LIKELY_EXFILTRATED);
	assert_int_equal(inc->nature.unintelligible, UNI_SUBVERTIBLE);
	assert_int_equal(inc->nature.integrity, INT_NO_MISUSE);
	assert_int_equal(inc->nature.availability, AV_TEMPORARY);
	assert_int_equal(inc->nature.cause, CAUSE_EXTERNAL_MALICIOUS);
	assert_int_equal(inc->subjects.count_basis, CB_APPROXIMATE);
	assert_int_equal(inc->data.records_basis, CB_EXACT);
	assert_false(inc->data.already_public);
	assert_true(inc->data.restored_from_backup);
	assert_int_equal(inc->consequences.severity, SEV_MODERATE);
	assert_int_equal(inc->risk.outcome, RISK_HIGH);
	assert_int_equal(inc->risk.enisa.credentials_open, EC_BEHAVIOURAL);
	assert_int_equal(inc->risk.enisa.ei, EI_MAXIMUM);
	assert_int_equal(inc->risk.enisa.recipients, RCP_UNKNOWN);
	assert_true(inc->risk.enisa.availability_recoverable);
	assert_int_equal(inc->risk.enisa.nadjustments, 1);
	assert_int_equal(inc->risk.enisa.adjustments[0].factor, EF_INDIVIDUALS);
	/* "+1" is read as 1. */
	assert_int_equal(inc->risk.enisa.adjustments[0].delta, 1);
	assert_int_equal(inc->communication.status, CS_DONE);
	assert_int_equal(inc->communication.reach, REACH_PARTIAL);
	assert_int_equal(inc->other_notifications.police, YN_YES);
	assert_int_equal(inc->other_notifications.other_authorities, YN_NO);
	assert_int_equal(inc->cross_border.processing, YN_YES);
	assert_string_equal(inc->cross_border.lead_authority, "ie");
	assert_int_equal(inc->cross_border.nestablishments, 2);
	assert_string_equal(inc->cross_border.establishments[0], "ie");
	assert_string_equal(inc->cross_border.establishments[1], "de");
	assert_int_equal(inc->cross_border.nauthorities, 1);
	assert_string_equal(inc->cross_border.authorities[0], "de-be");
	assert_true(inc->decision.notify_authority);
	assert_true(inc->decision.communicate_subjects);
	/* No tbd in a complete notification. */
	assert_int_equal(inc->ntbd, 0);
	/* The enum values are the schema's keys. */
	assert_string_equal(sch_key(&sch_risk, inc->risk.outcome), "high_risk");
	assert_int_equal(sch_value(&sch_cause, "external_malicious"),
	    CAUSE_EXTERNAL_MALICIOUS);
}

static void
sets_as_bitmasks(void **state)
{
	const struct incident *inc = ((struct loaded *)*state)->inc;

	assert_int_equal(inc->nature.breach, BIT(BR_CONFIDENTIALITY) |
	    BIT(BR_INTEGRITY) | BIT(BR_AVAILABILITY));
	assert_int_equal(inc->nature.kind, BIT(K_MALWARE) | BIT(K_OTHER));
	assert_true(INC_HAS(inc->nature.kind, K_OTHER));
	assert_false(INC_HAS(inc->nature.kind, K_PHISHING));
	/* The last value of the longest enumeration still fits. */
	assert_true(K_OTHER < 64);
	assert_int_equal(inc->subjects.categories, BIT(SC_USERS) |
	    BIT(SC_MINORS));
	assert_int_equal(inc->data.types, BIT(DT_CONTACT) |
	    BIT(DT_CREDENTIALS));
	assert_int_equal(inc->measures_in_place.measures, BIT(MB_ENCRYPTION) |
	    BIT(MB_BACKUP));
	assert_int_equal(inc->consequences.confidentiality, BIT(CC_MISUSE) |
	    BIT(CC_OTHER));
	assert_int_equal(inc->consequences.integrity, BIT(CI_OTHER));
	assert_int_equal(inc->consequences.availability, BIT(CA_OTHER));
	assert_int_equal(inc->consequences.impacts, BIT(IM_FRAUD) |
	    BIT(IM_OTHER));
	assert_int_equal(inc->prevention.measures, BIT(PV_ENCRYPTION) |
	    BIT(PV_OTHER));
	assert_int_equal(inc->communication.means, BIT(MEANS_INDIVIDUAL) |
	    BIT(MEANS_PUBLIC));
	assert_int_equal(inc->attachments.items, BIT(AT_OTHER));
	/* Bit 0 is "not given": never set. */
	assert_false(INC_HAS(inc->nature.breach, 0));
}

static void
counts(void **state)
{
	const struct incident *inc = ((struct loaded *)*state)->inc;
	struct pos p;

	assert_int_equal(inc->subjects.count.value, 2800000);
	p = inc_pos(inc, "subjects.count");
	assert_int_equal(inc->subjects.count.pos.line, p.line);
	assert_int_equal(inc->subjects.count.pos.col, p.col + 7);
	assert_int_equal(inc->data.records.value, 3100000);
	assert_int_equal(inc->cross_border.ncountries, 2);
	assert_string_equal(inc->cross_border.countries[0].country, "ie");
	assert_int_equal(inc->cross_border.countries[0].count, 1000000);
	assert_string_equal(inc->cross_border.countries[1].country, "de");
	assert_int_equal(inc->cross_border.countries[1].count, 1800000);
	assert_int_equal(inc->cross_border.countries[1].pos.line,
	    inc->cross_border.countries[0].pos.line + 1);
}

static void
times(void **state)
{
	const struct incident *inc = ((struct loaded *)*state)->inc;
	const struct inc_time *t;

	/* aware_at: 2025-06-01T15:00:00+02:00 */
	t = &inc->timeline.aware_at;
	assert_true(t->set);
	assert_int_equal(t->epoch, dt_epoch(2025, 6, 1, 13, 0, 0));
	assert_int_equal(t->offset_min, 120);
	assert_int_equal(t->pos.line, inc_pos(inc, "timeline.aware_at").line);
	/* Written in UTC: offset 0, same clock. */
	t = &inc->parties[0].aware_at;
	assert_true(t->set);
	assert_int_equal(t->epoch, dt_epoch(2025, 6, 1, 9, 0, 0));
	assert_int_equal(t->offset_min, 0);
	assert_int_equal(inc->parties[0].informed_controller_at.epoch -
	    inc->parties[0].aware_at.epoch, 4 * 3600);
	assert_int_equal(inc->timeline.start.epoch,
	    dt_epoch(2025, 5, 30, 20, 0, 0));
	assert_int_equal(inc->timeline.end.epoch - inc->timeline.start.epoch,
	    8 * 3600);
	assert_int_equal(inc->notification.sent_at.epoch,
	    dt_epoch(2025, 6, 3, 7, 30, 0));
	assert_int_equal(inc->communication.sent_at.offset_min, 120);
	/* Times not written are not set. */
	assert_false(inc->communication.planned_at.set);
	assert_false(inc->notification.expected_completion.set);
}

static void
texts(void **state)
{
	const struct incident *inc = ((struct loaded *)*state)->inc;
	const struct inc_text *t;

	/* The map form: one string per language, in source order. */
	t = &inc->reporter.function_description;
	assert_null(t->plain);
	assert_int_equal(t->ntr, 2);
	assert_string_equal(t->tr[0].lang, "en");
	assert_string_equal(t->tr[1].lang, "fr");
	assert_string_equal(inc_text_get(inc, t, "en"),
	    "Head of information security");
	assert_string_equal(inc_text_get(inc, t, "fr"),
	    "Responsable de la s\xC3\xA9" "curit\xC3\xA9 des syst\xC3\xA8mes "
	    "d'information");
	assert_null(inc_text_get(inc, t, "de"));
	assert_true(INC_TEXT_SET(*t));
	/* The plain form belongs to the incident's language only. */
	t = &inc->nature.systems;
	assert_string_equal(t->plain, "User database, hosted in Ireland.");
	assert_int_equal(t->ntr, 0);
	assert_string_equal(inc_text_get(inc, t, "en"),
	    "User database, hosted in Ireland.");
	assert_null(inc_text_get(inc, t, "fr"));
	/* A text not given. */
	assert_false(INC_TEXT_SET(inc->communication.delay_reason));
	assert_null(inc_text_get(inc, &inc->communication.delay_reason, "en"));
	/* A list of texts mixes both forms. */
	assert_int_equal(inc->communication.nadvice, 2);
	assert_string_equal(inc_text_get(inc, &inc->communication.advice[0],
	    "en"), "Change your password.");
	assert_null(inc_text_get(inc, &inc->communication.advice[0], "fr"));
	assert_non_null(inc_text_get(inc, &inc->communication.advice[1],
	    "fr"));
	/* Positions of texts are those of their values. */
	assert_int_equal(inc->nature.description.pos.line,
	    inc_pos(inc, "nature.description").line + 1);
}

static void
positions(void **state)
{
	const struct incident *inc = ((struct loaded *)*state)->inc;
	struct pos p;

	/* A path given: the position of its key. */
	p = inc_pos(inc, "timeline.aware_at");
	assert_string_equal(p.file, FULL);
	assert_int_equal(p.col, 3);
	assert_int_equal(p.line, inc_pos(inc, "timeline").line + 5);
	p = inc_pos(inc, "id");
	assert_int_equal(p.line, 7);
	assert_int_equal(p.col, 1);
	p = inc_pos(inc, "risk.enisa.ei");
	assert_int_equal(p.col, 5);
	/* An absent path: its nearest given parent. */
	p = inc_pos(inc, "timeline.no_such_field");
	assert_int_equal(p.line, inc_pos(inc, "timeline").line);
	assert_int_equal(p.col, 1);
	p = inc_pos(inc, "communication.planned_at");
	assert_int_equal(p.line, inc_pos(inc, "communication").line);
	/* Nothing of the path given: the root. */
	p = inc_pos(inc, "nowhere.at.all");
	assert_string_equal(p.file, FULL);
	assert_int_equal(p.line, 6);
	assert_int_equal(p.col, 1);
	p = inc_pos(inc, "");
	assert_int_equal(p.line, 6);
}

static void
tbd_list(void **state)
{
	const struct incident *inc = ((struct loaded *)*state)->inc;
	/* In the order of the schema table, which is the file's. */
	static const struct {
		const char *path;
		unsigned edpb;
	} want[] = {
		{"timeline.occurred", 44},
		{"nature.confidentiality", 56},
		{"nature.unintelligible", 57},
		{"nature.kind", 60},
		{"nature.cause", 61},
		{"nature.description", 62},
		{"subjects.categories", 65},
		{"subjects.count_basis", 67},
		{"data.records_basis", 72},
		{"consequences.confidentiality", 79},
		{"consequences.impacts", 85},
		{"consequences.severity", 87},
		{"risk.outcome", 89},
		{"measures_taken.description", 92},
	};
	size_t i, n = sizeof want / sizeof want[0];

	assert_int_equal(inc->notification.subtype, NS_INCOMPLETE);
	assert_int_equal(inc->notification.expected_completion.epoch -
	    inc->notification.sent_at.epoch, 7 * 86400);
	for (i = 0; i < inc->ntbd && i < n; i++) {
		struct pos key = inc_pos(inc, want[i].path);

		assert_string_equal(inc->tbd[i].path, want[i].path);
		assert_int_equal(inc->tbd[i].edpb, want[i].edpb);
		assert_string_equal(inc->tbd[i].pos.file, INCOMPLETE);
		/* At the word tbd: on the key's line, after it. */
		assert_int_equal(inc->tbd[i].pos.line, key.line);
		assert_true(inc->tbd[i].pos.col > key.col);
	}
	assert_int_equal(inc->ntbd, n);
	/* tbd values are the enum's tbd key, and a set [tbd] its bit. */
	assert_int_equal(inc->timeline.occurred, OCC_TBD);
	assert_int_equal(inc->nature.cause, CAUSE_TBD);
	assert_int_equal(inc->nature.kind, BIT(K_TBD));
	assert_int_equal(inc->risk.outcome, RISK_TBD);
	/* A tbd text is not a text; a count not given is -1. */
	assert_false(INC_TEXT_SET(inc->nature.description));
	assert_int_equal(inc->subjects.count.value, -1);
	assert_int_equal(inc->data.records.value, -1);
	/* Without languages, the reports are in the incident's language. */
	assert_int_equal(inc->nlanguages, 1);
	assert_string_equal(inc->languages[0], "en");
	assert_false(inc->dpo.designated);
}

/* Values changed on the node tree: the conversions at their edges. */
static void
edited_values(void **state)
{
	struct arena *a = arena_new();
	struct node *root = load_fixture(a, MINIMAL);
	struct node *count = node_path(root, "subjects.count");
	struct node *country = node_path(root, "controller.country");
	struct node *aware = node_path(root, "timeline.aware_at");
	static const struct {
		const char *text;
		bool plain;
		int64_t value;	/* -1: refused */
	} cases[] = {
		{"0", true, 0},
		{"10000000000", true, 10000000000LL},
		{"10000000001", true, -1},
		{"99999999999999999999999", true, -1},
		{"007", true, 7},
		{"+5", true, 5},
		{"-1", true, -1},
		{"1.0", true, -1},
		{"1e3", true, -1},
		{"0x10", true, -1},
		{"", true, -1},
		{"12", false, -1},
	};
	struct arena *b;
	struct incident *inc;
	struct diags d;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		count->u.str.s = cases[i].text;
		count->u.str.len = strlen(cases[i].text);
		count->plain = cases[i].plain;
		b = arena_new();
		inc = convert(b, root, MINIMAL, &d);
		if (cases[i].value < 0) {
			if (inc != NULL || d.errors != 1)
				fail_msg("count '%s' accepted", cases[i].text);
			assert_int_equal(d.v[0].pos.line, count->pos.line);
		} else {
			if (inc == NULL)
				fail_msg("count '%s' refused", cases[i].text);
			assert_int_equal(inc->subjects.count.value,
			    cases[i].value);
		}
		diag_free(&d);
		arena_free(b);
	}
	count->u.str.s = "120";
	count->u.str.len = 3;
	count->plain = true;

	/* Country codes are kept in lower case, whatever was written. */
	country->u.str.s = "De";
	country->u.str.len = 2;
	b = arena_new();
	inc = convert(b, root, MINIMAL, &d);
	assert_non_null(inc);
	assert_string_equal(inc->controller.country, "de");
	diag_free(&d);
	arena_free(b);

	/* Offsets: the same instant written three ways. */
	{
		static const char *const same[] = {
			"2025-03-11T14:00:00+01:00", "2025-03-11T13:00:00Z",
			"2025-03-11 08:00:00-05:00",
		};
		static const int off[] = {60, 0, -300};

		for (i = 0; i < 3; i++) {
			aware->u.str.s = same[i];
			aware->u.str.len = strlen(same[i]);
			b = arena_new();
			inc = convert(b, root, MINIMAL, &d);
			assert_non_null(inc);
			assert_int_equal(inc->timeline.aware_at.epoch,
			    dt_epoch(2025, 3, 11, 13, 0, 0));
			assert_int_equal(inc->timeline.aware_at.offset_min,
			    off[i]);
			diag_free(&d);
			arena_free(b);
		}
	}
	arena_free(a);
}

/* The root must be a map; every error is reported in one run. */
static void
whole_file(void **state)
{
	struct arena *a = arena_new();
	struct node *root = load_fixture(a, MINIMAL);
	struct node list = {0};
	struct diags d;
	struct arena *b = arena_new();

	(void)state;
	list.kind = NODE_LIST;
	list.pos = root->pos;
	assert_null(convert(b, &list, MINIMAL, &d));
	assert_int_equal(d.errors, 1);
	assert_non_null(strstr(d.v[0].text, "not a list"));
	diag_free(&d);

	/* Three independent defects: three errors, nothing stops early. */
	node_path(root, "consequences.severity")->u.str.s = "minr";
	node_path(root, "nature.cause")->u.str.s = "hackers";
	node_path(root, "subjects.count")->u.str.s = "-3";
	assert_null(convert(b, root, MINIMAL, &d));
	assert_int_equal(d.errors, 3);
	diag_free(&d);
	arena_free(b);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(remove_required_full),
		cmocka_unit_test(remove_required_minimal),
		cmocka_unit_test(remove_required_withdraw),
		cmocka_unit_test(remove_required_incomplete),
		cmocka_unit_test(remove_required_non_eea),
		cmocka_unit_test(representative),
		cmocka_unit_test_setup_teardown(enums_and_scalars, setup_full,
		    teardown_loaded),
		cmocka_unit_test_setup_teardown(sets_as_bitmasks, setup_full,
		    teardown_loaded),
		cmocka_unit_test_setup_teardown(counts, setup_full,
		    teardown_loaded),
		cmocka_unit_test_setup_teardown(times, setup_full,
		    teardown_loaded),
		cmocka_unit_test_setup_teardown(texts, setup_full,
		    teardown_loaded),
		cmocka_unit_test_setup_teardown(positions, setup_full,
		    teardown_loaded),
		cmocka_unit_test_setup_teardown(tbd_list, setup_incomplete,
		    teardown_loaded),
		cmocka_unit_test(edited_values),
		cmocka_unit_test(whole_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

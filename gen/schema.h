/*
 * schema.h - the one table-driven description of the incident file.
 *
 * Validation and filling of struct incident (incident.c), the JSON Schema
 * (`breachgen schema`) and the field reference (docs/incident.md) all
 * come from the tables in schema.c: there is no second copy to keep in
 * step.
 */
#ifndef BREACHGEN_SCHEMA_H
#define BREACHGEN_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

enum sch_type {
	SCH_GROUP,		/* map described by .sub */
	SCH_LIST,		/* list of maps described by .sub */
	SCH_STRING,		/* one-line string: names, addresses, e-mail */
	SCH_TEXT,		/* free text: string, or map language -> string */
	SCH_TEXT_LIST,		/* list of free texts */
	SCH_BOOL,
	SCH_COUNT,		/* whole number 0 .. 10^10 */
	SCH_DELTA,		/* whole number -3 .. +3 */
	SCH_TIME,		/* date-time with a UTC offset */
	SCH_ENUM,		/* one key of .en */
	SCH_SET,		/* list of keys of .en */
	SCH_LANG,		/* BCP 47 language tag */
	SCH_LANG_LIST,
	SCH_COUNTRY,		/* ISO 3166-1 alpha-2 */
	SCH_COUNTRY_LIST,
	SCH_COUNTRY_COUNTS,	/* map country -> whole number */
	SCH_CODE_LIST,		/* list of authority codes */
	SCH_ID,			/* [a-z0-9][a-z0-9._-]* */
	SCH_VERSION		/* the schema version: 1 */
};

struct sch_option {
	const char *key;	/* stable snake_case key */
	const char *letter;	/* EDPB template answer letter, "" if none */
	const char *desc;	/* English meaning, for docs and schema */
};

struct sch_enum {
	const char *name;
	const struct sch_option *opts;	/* value v is opts[v - 1] */
	size_t n;
};

enum sch_req {
	REQ_NO,		/* optional */
	REQ_YES,	/* required, except in a withdrawal */
	REQ_ALWAYS	/* required in every notification */
};

struct sch_field {
	const char *name;
	enum sch_type type;
	size_t off;		/* offset in the parent struct */
	size_t count_off;	/* lists: offset of the element count */
	size_t item_size;	/* SCH_LIST: size of one element */
	size_t item_pos;	/* SCH_LIST: offset of its struct pos */
	const struct sch_enum *en;
	const struct sch_field *sub;	/* SCH_GROUP, SCH_LIST */
	enum sch_req req;
	/* Required only when the value at when_path (from the file's root)
	 * is, or contains, one of the '|'-separated keys of when_value. */
	const char *when_path, *when_value;
	/* And, when set, the value at and_path is one of and_value. */
	const char *and_path, *and_value;
	bool tbd;		/* may be `tbd` in an incomplete notification */
	unsigned edpb;		/* EDPB template field number, 0 if none */
	unsigned edpb2;		/* a second EDPB field the same key answers */
	const char *article;	/* GDPR article, "" if none */
	const char *title;
	const char *desc;
};

/* The root table (terminated by a field with a NULL name). */
extern const struct sch_field sch_root[];

/*
 * The most characters a short field (SCH_STRING: names, references,
 * identifiers, contact details) may hold, as a form would limit it: a
 * document pasted into a name is an error at its line, and no page
 * footer has to cut 100 000 characters. SCH_ID: 64.
 */
size_t sch_max_length(const struct sch_field *f);

/* Looks up a dotted path ("timeline.aware_at"); NULL if unknown. */
const struct sch_field *sch_find(const char *path);
/* The key of an enum value, or "" for 0 / out of range. */
const char *sch_key(const struct sch_enum *en, int v);
/* The enum value of a key, or 0. */
int sch_value(const struct sch_enum *en, const char *key);

/* The enumerations, for code that names them (labels, assess). */
#define SCH_ENUM_DECL(name, list) extern const struct sch_enum sch_##name;
SCH_ENUM_DECL(notif_type, x)
SCH_ENUM_DECL(notif_subtype, x)
SCH_ENUM_DECL(id_type, x)
SCH_ENUM_DECL(sector, x)
SCH_ENUM_DECL(org_size, x)
SCH_ENUM_DECL(reporter_fn, x)
SCH_ENUM_DECL(contact_who, x)
SCH_ENUM_DECL(party_role, x)
SCH_ENUM_DECL(occurred, x)
SCH_ENUM_DECL(discovery, x)
SCH_ENUM_DECL(breach, x)
SCH_ENUM_DECL(confidentiality, x)
SCH_ENUM_DECL(unintelligible, x)
SCH_ENUM_DECL(integrity, x)
SCH_ENUM_DECL(availability, x)
SCH_ENUM_DECL(kind, x)
SCH_ENUM_DECL(cause, x)
SCH_ENUM_DECL(subject_cat, x)
SCH_ENUM_DECL(count_basis, x)
SCH_ENUM_DECL(data_type, x)
SCH_ENUM_DECL(measure_before, x)
SCH_ENUM_DECL(cons_conf, x)
SCH_ENUM_DECL(cons_int, x)
SCH_ENUM_DECL(cons_av, x)
SCH_ENUM_DECL(impact, x)
SCH_ENUM_DECL(severity, x)
SCH_ENUM_DECL(risk, x)
SCH_ENUM_DECL(prevention, x)
SCH_ENUM_DECL(comm_status, x)
SCH_ENUM_DECL(exemption, x)
SCH_ENUM_DECL(reach, x)
SCH_ENUM_DECL(means, x)
SCH_ENUM_DECL(yes_no, x)
SCH_ENUM_DECL(enisa_cat, x)
SCH_ENUM_DECL(enisa_factor, x)
SCH_ENUM_DECL(enisa_ei, x)
SCH_ENUM_DECL(recipients, x)
SCH_ENUM_DECL(attachment, x)
SCH_ENUM_DECL(gender, x)
SCH_ENUM_DECL(established, x)
SCH_ENUM_DECL(media, x)
SCH_ENUM_DECL(headcount, x)
SCH_ENUM_DECL(holder, x)
SCH_ENUM_DECL(lost_device, x)
SCH_ENUM_DECL(restore, x)
SCH_ENUM_DECL(outage_effect, x)
SCH_ENUM_DECL(certainty, x)
#undef SCH_ENUM_DECL

/* Every enumeration, for the labels check (terminated by NULL). */
extern const struct sch_enum *const sch_enums[];

/* JSON Schema (draft 2020-12) of the incident file. */
void sch_json_schema(struct buf *out);
/* The field reference in Markdown (docs/incident.md). */
void sch_markdown(struct buf *out);

#endif

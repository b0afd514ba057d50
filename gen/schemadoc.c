/*
 * schemadoc.c - the schema tables written out: JSON Schema (draft
 * 2020-12) for editors, and the Markdown field reference.
 */
#include <stdio.h>
#include <string.h>

#include "schema.h"

static void
json_str(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			buf_printf(b, "\\%c", ch);
		else if (ch == '\n')
			buf_puts(b, "\\n");
		else if (ch < 0x20)
			buf_printf(b, "\\u%04x", ch);
		else
			buf_putc(b, (char)ch);
	}
	buf_putc(b, '"');
}

static void
indent(struct buf *b, int depth)
{
	buf_putc(b, '\n');
	while (depth-- > 0)
		buf_puts(b, "  ");
}

static const char *
required_text(const struct sch_field *f)
{
	switch (f->req) {
	case REQ_ALWAYS:
		return f->when_path ? "required when" : "required";
	case REQ_YES:
		return f->when_path ? "required when" :
		    "required (except in a withdrawal)";
	case REQ_NO:
		break;
	}
	return "optional";
}

static void json_fields(struct buf *b, const struct sch_field *t, int depth);

static void
json_enum(struct buf *b, const struct sch_enum *en)
{
	size_t i;

	buf_puts(b, "\"enum\": [");
	for (i = 0; i < en->n; i++) {
		if (i)
			buf_puts(b, ", ");
		json_str(b, en->opts[i].key);
	}
	buf_putc(b, ']');
}

/* The JSON Schema of one value (without title and description). */
static void
json_type(struct buf *b, const struct sch_field *f, int depth)
{
	static const char time_re[] =
	    "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}"
	    "(:[0-9]{2}(\\\\.[0-9]+)?)?[ ]*([Zz]|[+-][0-9]{2}(:?[0-9]{2})?)$";
	static const char text_def[] = "\"$ref\": \"#/$defs/text\"";

	switch (f->type) {
	case SCH_GROUP:
		buf_puts(b, "\"type\": \"object\", \"additionalProperties\": "
		    "false,");
		json_fields(b, f->sub, depth);
		break;
	case SCH_LIST:
		buf_puts(b, "\"type\": \"array\", \"items\": {\"type\": "
		    "\"object\", \"additionalProperties\": false,");
		json_fields(b, f->sub, depth + 1);
		buf_putc(b, '}');
		break;
	case SCH_STRING:
		buf_printf(b, "\"type\": [\"string\", \"number\"], "
		    "\"minLength\": 1, \"maxLength\": %zu", sch_max_length(f));
		break;
	case SCH_TEXT:
		buf_puts(b, text_def);
		break;
	case SCH_TEXT_LIST:
		buf_printf(b, "\"type\": \"array\", \"items\": {%s}", text_def);
		break;
	case SCH_BOOL:
		buf_puts(b, "\"type\": \"boolean\"");
		break;
	case SCH_COUNT:
		buf_puts(b, "\"type\": \"integer\", \"minimum\": 0, "
		    "\"maximum\": 10000000000");
		break;
	case SCH_DELTA:
		buf_puts(b, "\"type\": \"integer\", \"minimum\": -3, "
		    "\"maximum\": 3");
		break;
	case SCH_TIME:
		buf_printf(b, "\"type\": \"string\", \"pattern\": \"%s\"",
		    time_re);
		break;
	case SCH_ENUM:
		json_enum(b, f->en);
		break;
	case SCH_SET:
		buf_puts(b, "\"type\": \"array\", \"minItems\": 1, "
		    "\"items\": {");
		json_enum(b, f->en);
		buf_putc(b, '}');
		break;
	case SCH_LANG:
		buf_puts(b, "\"$ref\": \"#/$defs/language\"");
		break;
	case SCH_LANG_LIST:
		buf_puts(b, "\"type\": \"array\", \"items\": {\"$ref\": "
		    "\"#/$defs/language\"}");
		break;
	case SCH_COUNTRY:
		buf_puts(b, "\"$ref\": \"#/$defs/country\"");
		break;
	case SCH_COUNTRY_LIST:
		buf_puts(b, "\"type\": \"array\", \"items\": {\"$ref\": "
		    "\"#/$defs/country\"}");
		break;
	case SCH_COUNTRY_COUNTS:
		buf_puts(b, "\"type\": \"object\", \"propertyNames\": "
		    "{\"$ref\": \"#/$defs/country\"}, "
		    "\"additionalProperties\": {\"type\": \"integer\", "
		    "\"minimum\": 0}");
		break;
	case SCH_CODE_LIST:
		buf_puts(b, "\"type\": \"array\", \"items\": {\"type\": "
		    "\"string\"}");
		break;
	case SCH_ID:
		buf_puts(b, "\"type\": \"string\", \"pattern\": "
		    "\"^[a-z0-9][a-z0-9._-]*$\", \"maxLength\": 64");
		break;
	case SCH_VERSION:
		buf_puts(b, "\"const\": 1");
		break;
	}
}

static void
json_field(struct buf *b, const struct sch_field *f, int depth)
{
	struct buf d = BUF_INIT;
	size_t i;

	json_str(b, f->name);
	buf_puts(b, ": {");
	indent(b, depth + 1);
	buf_puts(b, "\"title\": ");
	json_str(b, f->title);
	buf_puts(b, ",");
	indent(b, depth + 1);
	buf_puts(&d, f->desc);
	if (f->en != NULL) {
		buf_puts(&d, " Values:");
		for (i = 0; i < f->en->n; i++)
			buf_printf(&d, " %s = %s;", f->en->opts[i].key,
			    f->en->opts[i].desc);
	}
	if (f->when_path != NULL)
		buf_printf(&d, " Required when %s is %s%s%s%s%s.", f->when_path,
		    f->when_value, f->and_path ? " and " : "",
		    f->and_path ? f->and_path : "", f->and_path ? " is " : "",
		    f->and_path ? f->and_value : "");
	if (f->edpb && f->edpb2)
		buf_printf(&d, " EDPB template fields %u and %u.", f->edpb,
		    f->edpb2);
	else if (f->edpb)
		buf_printf(&d, " EDPB template field %u.", f->edpb);
	if (f->article && *f->article)
		buf_printf(&d, " GDPR: %s.", f->article);
	if (f->tbd)
		buf_puts(&d, " May be tbd in an incomplete notification.");
	buf_puts(b, "\"description\": ");
	json_str(b, buf_cstr(&d));
	buf_free(&d);
	if (f->edpb) {
		buf_puts(b, ",");
		indent(b, depth + 1);
		buf_printf(b, "\"x-edpb-field\": %u", f->edpb);
	}
	buf_puts(b, ",");
	indent(b, depth + 1);
	if (f->tbd && f->type != SCH_ENUM && f->type != SCH_SET) {
		buf_puts(b, "\"anyOf\": [{\"const\": \"tbd\"}, {");
		json_type(b, f, depth + 1);
		buf_puts(b, "}]");
	} else {
		json_type(b, f, depth + 1);
	}
	indent(b, depth);
	buf_putc(b, '}');
}

/* "properties" and "required" of a table (unconditional requirements
 * only: the conditional ones are in the descriptions and checked by
 * `breachgen check`). */
static void
json_fields(struct buf *b, const struct sch_field *t, int depth)
{
	const struct sch_field *f;
	bool first = true;

	indent(b, depth + 1);
	buf_puts(b, "\"properties\": {");
	for (f = t; f->name != NULL; f++) {
		if (f != t)
			buf_putc(b, ',');
		indent(b, depth + 2);
		json_field(b, f, depth + 2);
	}
	indent(b, depth + 1);
	buf_puts(b, "},");
	indent(b, depth + 1);
	buf_puts(b, "\"required\": [");
	for (f = t; f->name != NULL; f++) {
		if (f->req != REQ_ALWAYS || f->when_path != NULL)
			continue;
		if (!first)
			buf_puts(b, ", ");
		json_str(b, f->name);
		first = false;
	}
	buf_putc(b, ']');
}

void
sch_json_schema(struct buf *b)
{
	buf_puts(b, "{\n  \"$schema\": "
	    "\"https://json-schema.org/draft/2020-12/schema\",\n"
	    "  \"$id\": \"https://breachgen.example/incident.schema.json\",\n"
	    "  \"title\": \"breachgen incident file\",\n"
	    "  \"description\": \"A personal-data breach, described once: "
	    "the source of the Art. 33 notification, the Art. 34 "
	    "communication and the Art. 33(5) register entry. Generated by "
	    "'breachgen schema'; conditional requirements are checked by "
	    "'breachgen check'.\",\n"
	    "  \"type\": \"object\",\n  \"additionalProperties\": false,");
	json_fields(b, sch_root, 0);
	buf_puts(b, ",\n  \"$defs\": {\n"
	    "    \"language\": {\"type\": \"string\", \"pattern\": "
	    "\"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$\"},\n"
	    "    \"country\": {\"type\": \"string\", \"pattern\": "
	    "\"^[A-Za-z]{2}$\"},\n"
	    "    \"text\": {\"description\": \"Free text: a string in the "
	    "incident's language, or a map from language tag to string.\", "
	    "\"oneOf\": [{\"type\": \"string\", \"minLength\": 1}, "
	    "{\"type\": \"object\", \"minProperties\": 1, "
	    "\"propertyNames\": {\"$ref\": \"#/$defs/language\"}, "
	    "\"additionalProperties\": {\"type\": \"string\", "
	    "\"minLength\": 1}}]}\n  }\n}\n");
}

static const char *const type_names[] = {
	[SCH_GROUP] = "group", [SCH_LIST] = "list of entries",
	[SCH_STRING] = "string", [SCH_TEXT] = "text",
	[SCH_TEXT_LIST] = "list of texts", [SCH_BOOL] = "true/false",
	[SCH_COUNT] = "whole number", [SCH_DELTA] = "-3..+3",
	[SCH_TIME] = "date-time with offset", [SCH_ENUM] = "one key",
	[SCH_SET] = "list of keys", [SCH_LANG] = "language tag",
	[SCH_LANG_LIST] = "list of language tags",
	[SCH_COUNTRY] = "country code",
	[SCH_COUNTRY_LIST] = "list of country codes",
	[SCH_COUNTRY_COUNTS] = "map country: number",
	[SCH_CODE_LIST] = "list of authority codes", [SCH_ID] = "identifier",
	[SCH_VERSION] = "1",
};

static void
md_cell(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			buf_puts(b, "\\|");
		else if (*s != '\n')
			buf_putc(b, *s);
	}
}

static void
md_table(struct buf *b, const struct sch_field *t, const char *path)
{
	const struct sch_field *f;
	size_t i;

	buf_puts(b, "| field | type | required | EDPB | GDPR | meaning |\n"
	    "|---|---|---|---|---|---|\n");
	for (f = t; f->name != NULL; f++) {
		buf_printf(b, "| `%s%s%s` | %s | %s", path, *path ? "." : "",
		    f->name, type_names[f->type], required_text(f));
		if (f->when_path != NULL) {
			buf_printf(b, " `%s` is ", f->when_path);
			md_cell(b, f->when_value);
			if (f->and_path != NULL) {
				buf_printf(b, " and `%s` is ", f->and_path);
				md_cell(b, f->and_value);
			}
		}
		if (f->tbd)
			buf_puts(b, "; tbd allowed");
		if (f->type == SCH_STRING)
			buf_printf(b, "; at most %zu characters",
			    sch_max_length(f));
		if (f->edpb && f->edpb2)
			buf_printf(b, " | %u, %u | ", f->edpb, f->edpb2);
		else if (f->edpb)
			buf_printf(b, " | %u | ", f->edpb);
		else
			buf_puts(b, " | | ");
		md_cell(b, f->article ? f->article : "");
		buf_puts(b, " | **");
		md_cell(b, f->title);
		buf_puts(b, ".** ");
		md_cell(b, f->desc);
		if (f->en != NULL) {
			buf_puts(b, " Keys: ");
			for (i = 0; i < f->en->n; i++) {
				buf_printf(b, "%s`%s` ", i ? "; " : "",
				    f->en->opts[i].key);
				md_cell(b, f->en->opts[i].desc);
				if (*f->en->opts[i].letter)
					buf_printf(b, " (%s)",
					    f->en->opts[i].letter);
			}
			buf_putc(b, '.');
		}
		buf_puts(b, " |\n");
	}
	buf_putc(b, '\n');
	for (f = t; f->name != NULL; f++) {
		char sub[128];

		if (f->sub == NULL || f->sub == t)
			continue;
		snprintf(sub, sizeof sub, "%s%s%s", path, *path ? "." : "",
		    f->name);
		if (f->sub[0].name && strcmp(f->sub[0].name, "address") == 0 &&
		    strcmp(f->name, "contact") == 0 && strcmp(path,
		    "controller") != 0)
			continue; /* contact blocks are documented once */
		buf_printf(b, "### `%s`%s\n\n", sub,
		    f->type == SCH_LIST ? " (each entry)" : "");
		md_table(b, f->sub, sub);
	}
}

void
sch_markdown(struct buf *b)
{
	buf_puts(b,
	    "# The incident file (breachgen-incident)\n\n"
	    "<!-- Generated by `breachgen schema --markdown` from gen/schema.c; "
	    "do not edit. -->\n\n"
	    "One YAML file per breach, `incidents/<id>.yaml`. Field names are "
	    "`snake_case`; enumerated values are the keys listed below, never "
	    "labels, so that one file renders in every language. Free text "
	    "(type *text*) is either a string in the incident's `language` or "
	    "a map by language, `{fr: ..., en: ...}`. Date-times carry their "
	    "UTC offset (`2025-12-14T08:30:00+01:00` or `...Z`). Numbers are "
	    "written as digits only (`28000000`).\n\n"
	    "*Required* follows the notification: `complete` needs every "
	    "field marked required; `incomplete` may answer `tbd` where the "
	    "EDPB template allows it (marked *tbd allowed*); `withdraw` needs "
	    "only the fields marked *required* without the words *except in a "
	    "withdrawal*, plus the earlier reference and the reason.\n\n"
	    "The tool recommends; the controller decides. The `decision` group "
	    "holds what you decided; `breachgen assess` prints its own "
	    "recommendation and its grounds beside it, and `breachgen check` "
	    "warns where the two part without a `decision.rationale`.\n\n"
	    "## Top level\n\n");
	md_table(b, sch_root, "");
}

/*
 * schema.c - the tables of the incident file. Each field names its
 * struct member, its type, when it is required, its EDPB template field
 * number and its GDPR article; incident.c, the JSON Schema and the field
 * reference read these tables and nothing else.
 */
#include <stddef.h>
#include <string.h>

#include "incident.h"
#include "schema.h"

#define OPT(id, key, letter, desc) {key, letter, desc},
#define DEFINE_ENUM(name, list) \
	static const struct sch_option name##_opts[] = {list(OPT)}; \
	const struct sch_enum sch_##name = {#name, name##_opts, \
	    sizeof name##_opts / sizeof name##_opts[0]};

DEFINE_ENUM(notif_type, ENUM_NOTIF_TYPE)
DEFINE_ENUM(notif_subtype, ENUM_NOTIF_SUBTYPE)
DEFINE_ENUM(id_type, ENUM_ID_TYPE)
DEFINE_ENUM(sector, ENUM_SECTOR)
DEFINE_ENUM(org_size, ENUM_ORG_SIZE)
DEFINE_ENUM(reporter_fn, ENUM_REPORTER_FN)
DEFINE_ENUM(contact_who, ENUM_CONTACT_WHO)
DEFINE_ENUM(party_role, ENUM_PARTY_ROLE)
DEFINE_ENUM(occurred, ENUM_OCCURRED)
DEFINE_ENUM(discovery, ENUM_DISCOVERY)
DEFINE_ENUM(breach, ENUM_BREACH)
DEFINE_ENUM(confidentiality, ENUM_CONFIDENTIALITY)
DEFINE_ENUM(unintelligible, ENUM_UNINTELLIGIBLE)
DEFINE_ENUM(integrity, ENUM_INTEGRITY)
DEFINE_ENUM(availability, ENUM_AVAILABILITY)
DEFINE_ENUM(kind, ENUM_KIND)
DEFINE_ENUM(cause, ENUM_CAUSE)
DEFINE_ENUM(subject_cat, ENUM_SUBJECT_CAT)
DEFINE_ENUM(count_basis, ENUM_COUNT_BASIS)
DEFINE_ENUM(data_type, ENUM_DATA_TYPE)
DEFINE_ENUM(measure_before, ENUM_MEASURE_BEFORE)
DEFINE_ENUM(cons_conf, ENUM_CONS_CONF)
DEFINE_ENUM(cons_int, ENUM_CONS_INT)
DEFINE_ENUM(cons_av, ENUM_CONS_AV)
DEFINE_ENUM(impact, ENUM_IMPACT)
DEFINE_ENUM(severity, ENUM_SEVERITY)
DEFINE_ENUM(risk, ENUM_RISK)
DEFINE_ENUM(prevention, ENUM_PREVENTION)
DEFINE_ENUM(comm_status, ENUM_COMM_STATUS)
DEFINE_ENUM(exemption, ENUM_EXEMPTION)
DEFINE_ENUM(reach, ENUM_REACH)
DEFINE_ENUM(means, ENUM_MEANS)
DEFINE_ENUM(yes_no, ENUM_YES_NO)
DEFINE_ENUM(enisa_cat, ENUM_ENISA_CAT)
DEFINE_ENUM(enisa_factor, ENUM_ENISA_FACTOR)
DEFINE_ENUM(enisa_ei, ENUM_ENISA_EI)
DEFINE_ENUM(recipients, ENUM_RECIPIENTS)
DEFINE_ENUM(attachment, ENUM_ATTACHMENT)
DEFINE_ENUM(gender, ENUM_GENDER)
DEFINE_ENUM(established, ENUM_ESTABLISHED)
DEFINE_ENUM(media, ENUM_MEDIA)
DEFINE_ENUM(headcount, ENUM_HEADCOUNT)
DEFINE_ENUM(holder, ENUM_HOLDER)
DEFINE_ENUM(lost_device, ENUM_DEVICE)
DEFINE_ENUM(restore, ENUM_RESTORE)
DEFINE_ENUM(outage_effect, ENUM_OUTAGE_EFFECT)
DEFINE_ENUM(certainty, ENUM_CERTAINTY)

const struct sch_enum *const sch_enums[] = {
	&sch_notif_type, &sch_notif_subtype, &sch_id_type, &sch_sector,
	&sch_org_size, &sch_reporter_fn, &sch_contact_who, &sch_party_role,
	&sch_occurred, &sch_discovery, &sch_breach, &sch_confidentiality,
	&sch_unintelligible, &sch_integrity, &sch_availability, &sch_kind,
	&sch_cause, &sch_subject_cat, &sch_count_basis, &sch_data_type,
	&sch_measure_before, &sch_cons_conf, &sch_cons_int, &sch_cons_av,
	&sch_impact, &sch_severity, &sch_risk, &sch_prevention,
	&sch_comm_status, &sch_exemption, &sch_reach, &sch_means,
	&sch_yes_no, &sch_enisa_cat, &sch_enisa_factor, &sch_enisa_ei,
	&sch_recipients, &sch_attachment,
	&sch_holder, &sch_lost_device, &sch_restore, &sch_outage_effect,
	&sch_certainty,
	&sch_established, &sch_media, &sch_headcount, &sch_gender, NULL
};

/* Offset of member m of group g, relative to the group. */
#define IN(g, m) (offsetof(struct incident, g.m) - offsetof(struct incident, g))
#define TOP(m) offsetof(struct incident, m)
#define END {.name = NULL}

static const struct sch_field contact_fields[] = {
	{.name = "address", .type = SCH_STRING,
	 .off = offsetof(struct inc_contact, address),
	 .title = "Postal address", .desc = "Postal address, on one line."},
	{.name = "email", .type = SCH_STRING,
	 .off = offsetof(struct inc_contact, email),
	 .title = "E-mail address", .desc = "E-mail address."},
	{.name = "phone", .type = SCH_STRING,
	 .off = offsetof(struct inc_contact, phone),
	 .title = "Telephone", .desc = "Telephone number, international form."},
	{.name = "url", .type = SCH_STRING,
	 .off = offsetof(struct inc_contact, url),
	 .title = "Web address", .desc = "Web page or form for contact."},
	END
};

static const struct sch_field notification_fields[] = {
	{.name = "type", .type = SCH_ENUM, .off = IN(notification, type),
	 .en = &sch_notif_type, .req = REQ_ALWAYS, .edpb = 3,
	 .article = "Art. 33(1)", .title = "Type of notification",
	 .desc = "A new notification, or a follow-up that completes, amends "
	 "or withdraws an earlier one."},
	{.name = "subtype", .type = SCH_ENUM, .off = IN(notification, subtype),
	 .en = &sch_notif_subtype, .req = REQ_ALWAYS, .edpb = 4,
	 .article = "Art. 33(4)", .title = "Sub-type of notification",
	 .desc = "complete: everything is known; incomplete: first "
	 "notification in phases, `tbd` allowed where the template allows "
	 "it; withdraw: cancels an earlier notification (follow-up only)."},
	{.name = "previous_reference", .type = SCH_STRING,
	 .off = IN(notification, previous_reference), .req = REQ_ALWAYS,
	 .when_path = "notification.type", .when_value = "follow_up",
	 .edpb = 6, .article = "Art. 33(4)",
	 .title = "ID of the earlier notification",
	 .desc = "The reference the authority gave to the notification this "
	 "one completes, amends or withdraws."},
	{.name = "withdraw_reason", .type = SCH_TEXT,
	 .off = IN(notification, withdraw_reason), .req = REQ_ALWAYS,
	 .when_path = "notification.subtype", .when_value = "withdraw",
	 .edpb = 5, .article = "Art. 33(4)",
	 .title = "Reasons for withdrawing",
	 .desc = "Why the earlier notification is withdrawn (e.g. a "
	 "duplicate, or no personal data breach after all)."},
	{.name = "reference", .type = SCH_STRING,
	 .off = IN(notification, reference), .edpb = 7,
	 .title = "Controller's internal reference",
	 .desc = "Your own reference for this breach."},
	{.name = "sent_at", .type = SCH_TIME, .off = IN(notification, sent_at),
	 .req = REQ_ALWAYS, .when_path = "decision.notify_authority",
	 .when_value = "true", .article = "Art. 33(1)",
	 .title = "Date of this notification",
	 .desc = "When this notification is (or will be) sent to the "
	 "authority, with its UTC offset; checked against the 72-hour "
	 "deadline and printed on the report."},
	{.name = "expected_completion", .type = SCH_TIME,
	 .off = IN(notification, expected_completion), .req = REQ_ALWAYS,
	 .when_path = "notification.subtype", .when_value = "incomplete",
	 .article = "Art. 33(4)", .title = "When the rest will follow",
	 .desc = "For an incomplete notification: when you expect to send "
	 "the information still missing."},
	/* The chain of one breach's notifications (gen/chain.c). */
	{.name = "follows", .type = SCH_ID, .off = IN(notification, follows),
	 .article = "Art. 33(4), Art. 33(5)",
	 .title = "Incident file this one follows",
	 .desc = "For a follow-up or a withdrawal: the `id` of the incident "
	 "file of the notification it completes, amends or withdraws. That "
	 "file stays as the record of what was sent; `check` verifies the "
	 "chain, the follow-up report says what changed since it, and the "
	 "register shows the breach once, with every notification."},
	END
};

static const struct sch_field representative_fields[] = {
	{.name = "name", .type = SCH_STRING,
	 .off = IN(controller.representative, name), .req = REQ_YES,
	 .edpb = 18, .article = "Art. 27",
	 .title = "Name of the representative in the EEA",
	 .desc = "Required when the controller is not established in the "
	 "EEA."},
	{.name = "contact", .type = SCH_GROUP, .sub = contact_fields,
	 .off = IN(controller.representative, contact), .edpb = 19,
	 .article = "Art. 27", .title = "Contact details of the representative",
	 .desc = "How to reach the representative."},
	END
};

static const struct sch_field controller_fields[] = {
	{.name = "name", .type = SCH_STRING, .off = IN(controller, name),
	 .req = REQ_ALWAYS, .edpb = 12, .article = "Art. 33(3)(a)",
	 .title = "Name of the organisation",
	 .desc = "Legal name of the controller."},
	{.name = "identifier_type", .type = SCH_ENUM,
	 .off = IN(controller, identifier_type), .en = &sch_id_type,
	 .edpb = 10, .article = "Art. 33(3)(a)", .title = "Type of identifier",
	 .desc = "Which kind of registration number `identifier` is."},
	{.name = "identifier", .type = SCH_STRING,
	 .off = IN(controller, identifier), .req = REQ_YES,
	 .when_path = "controller.identifier_type",
	 .when_value = "company_id|organisation_number|vat_number|other|"
	 "siren|siret|company_number",
	 .edpb = 11, .article = "Art. 33(3)(a)", .title = "Identifier",
	 .desc = "Registration number of the controller."},
	{.name = "contact", .type = SCH_GROUP, .sub = contact_fields,
	 .off = IN(controller, contact), .req = REQ_ALWAYS, .edpb = 13,
	 .article = "Art. 33(3)(a)", .title = "Contact details",
	 .desc = "Postal address, e-mail and telephone of the controller."},
	{.name = "sector", .type = SCH_ENUM, .off = IN(controller, sector),
	 .en = &sch_sector, .edpb = 14, .article = "Art. 55(2)",
	 .title = "Sector", .desc = "Private or public sector."},
	{.name = "size", .type = SCH_ENUM, .off = IN(controller, size),
	 .en = &sch_org_size, .edpb = 15, .article = "Art. 33(3)(a)",
	 .title = "Type of organisation",
	 .desc = "Size band, for a private organisation."},
	{.name = "size_description", .type = SCH_TEXT,
	 .off = IN(controller, size_description), .req = REQ_YES,
	 .when_path = "controller.size", .when_value = "other", .edpb = 16,
	 .title = "Further description of the organisation type",
	 .desc = "When `size` is other."},
	{.name = "activity", .type = SCH_STRING,
	 .off = IN(controller, activity), .edpb = 17,
	 .title = "Classification of economic activity",
	 .desc = "NACE Rev. 2 code, e.g. \"J59.20\": each report prints the "
	 "code's label in its own language, from nace: in the language's "
	 "labels.yaml. Any other text is printed as written."},
	{.name = "country", .type = SCH_COUNTRY, .off = IN(controller, country),
	 .req = REQ_ALWAYS, .article = "Art. 4(16), Art. 56",
	 .title = "Country of the main establishment",
	 .desc = "ISO 3166 code of the country of the main (or only) "
	 "establishment, or of the seat outside the EEA."},
	{.name = "eea_established", .type = SCH_BOOL,
	 .off = IN(controller, eea_established), .req = REQ_ALWAYS,
	 .edpb = 113, .article = "Art. 3, Art. 56",
	 .title = "Established in the EEA",
	 .desc = "true when the controller has an establishment in the EEA; "
	 "false for a controller under Art. 3(2), which notifies every "
	 "authority where people affected live."},
	{.name = "public_body", .type = SCH_BOOL,
	 .off = IN(controller, public_body), .article = "Art. 55(2)",
	 .title = "Public authority or body",
	 .desc = "true for a public authority or a body acting under Art. "
	 "6(1)(c) or (e): it notifies its own national authority, without "
	 "the one-stop shop."},
	{.name = "representative", .type = SCH_GROUP,
	 .sub = representative_fields, .off = IN(controller, representative),
	 .req = REQ_YES, .when_path = "controller.eea_established",
	 .when_value = "false", .edpb = 18, .article = "Art. 27",
	 .title = "Representative in the EEA",
	 .desc = "For a controller not established in the EEA."},
	/* Asked by the national forms (templates/forms/). */
	{.name = "headcount", .type = SCH_ENUM,
	 .off = IN(controller, headcount), .en = &sch_headcount,
	 .title = "Head-count band",
	 .desc = "How many people the organisation employs (CNIL form, "
	 "section Organisme: taille)."},
	END
};

static const struct sch_field reporter_fields[] = {
	{.name = "name", .type = SCH_STRING, .off = IN(reporter, name),
	 .req = REQ_ALWAYS, .edpb = 21, .article = "Art. 33(3)(a)",
	 .title = "Name of the reporting person", .desc = "Who files."},
	{.name = "function", .type = SCH_ENUM, .off = IN(reporter, function),
	 .en = &sch_reporter_fn, .req = REQ_ALWAYS, .edpb = 23,
	 .article = "Art. 33(3)(a)", .title = "Function of the reporting person",
	 .desc = "The reporter's capacity."},
	{.name = "function_description", .type = SCH_TEXT,
	 .off = IN(reporter, function_description), .req = REQ_ALWAYS,
	 .when_path = "reporter.function", .when_value = "other", .edpb = 24,
	 .article = "Art. 33(3)(a)", .title = "Description of the function",
	 .desc = "When `function` is other, e.g. \"Head of Information "
	 "Security, mandated by the management\"."},
	{.name = "contact", .type = SCH_GROUP, .sub = contact_fields,
	 .off = IN(reporter, contact), .req = REQ_ALWAYS, .edpb = 22,
	 .article = "Art. 33(3)(a)", .title = "Contact details",
	 .desc = "How the authority reaches the reporter."},
	{.name = "gender", .type = SCH_ENUM, .off = IN(reporter, gender),
	 .en = &sch_gender, .title = "Gender of the reporter's function",
	 .desc = "female or male: \"représentante légale\", \"l’autrice de "
	 "la notification\", \"gesetzliche Vertreterin\"... Absent, a "
	 "neutral wording; a reporter who is the DPO takes dpo.gender."},
	/* EDPB fields the template keeps optional ("implement only if
	 * required"). */
	{.name = "national_id", .type = SCH_STRING,
	 .off = IN(reporter, national_id), .edpb = 25,
	 .article = "Art. 33(3)(a)",
	 .title = "National identification number of the reporter",
	 .desc = "Only where the authority asks for it."},
	{.name = "accuracy", .type = SCH_BOOL, .off = IN(reporter, accuracy),
	 .edpb = 26, .article = "Art. 33(3)(a)",
	 .title = "Accuracy and responsibility",
	 .desc = "true when the reporter confirms that the information given "
	 "is accurate and that they are authorised to file it (EDPB field "
	 "26; ICO form: the information you provide must be accurate)."},
	END
};

static const struct sch_field dpo_fields[] = {
	{.name = "designated", .type = SCH_BOOL, .off = IN(dpo, designated),
	 .req = REQ_YES, .edpb = 29, .article = "Art. 33(3)(b), Art. 37",
	 .title = "Is a data protection officer designated?",
	 .desc = "true or false."},
	{.name = "name", .type = SCH_STRING, .off = IN(dpo, name),
	 .req = REQ_YES, .when_path = "dpo.designated", .when_value = "true",
	 .edpb = 30, .article = "Art. 33(3)(b)", .title = "Name of the DPO",
	 .desc = "Person or organisation designated as DPO."},
	{.name = "contact", .type = SCH_GROUP, .sub = contact_fields,
	 .off = IN(dpo, contact), .req = REQ_YES, .when_path = "dpo.designated",
	 .when_value = "true", .edpb = 31, .article = "Art. 33(3)(b), Art. 34(2)",
	 .title = "Contact details of the DPO",
	 .desc = "Printed in the notification and in the communication to "
	 "the people affected."},
	{.name = "gender", .type = SCH_ENUM, .off = IN(dpo, gender),
	 .en = &sch_gender, .title = "Gender of the DPO's title",
	 .desc = "female or male: the French and German reports write "
	 "\"déléguée\" or \"délégué\", \"Datenschutzbeauftragte\" or "
	 "\"Datenschutzbeauftragter\". Absent, they use a neutral wording "
	 "(\"la personne déléguée à la protection des données\")."},
	END
};

static const struct sch_field contact_point_fields[] = {
	{.name = "who", .type = SCH_ENUM, .off = IN(contact_point, who),
	 .en = &sch_contact_who, .req = REQ_YES, .edpb = 33,
	 .article = "Art. 33(3)(b)",
	 .title = "More information can be obtained from",
	 .desc = "The DPO, the reporting person or someone else."},
	{.name = "name", .type = SCH_STRING, .off = IN(contact_point, name),
	 .req = REQ_YES, .when_path = "contact_point.who", .when_value = "other",
	 .edpb = 34, .article = "Art. 33(3)(b)",
	 .title = "Name of the contact person", .desc = "When `who` is other."},
	{.name = "function", .type = SCH_STRING,
	 .off = IN(contact_point, function), .req = REQ_YES,
	 .when_path = "contact_point.who", .when_value = "other", .edpb = 35,
	 .article = "Art. 33(3)(b)", .title = "Function of the contact person",
	 .desc = "When `who` is other."},
	{.name = "contact", .type = SCH_GROUP, .sub = contact_fields,
	 .off = IN(contact_point, contact), .req = REQ_YES,
	 .when_path = "contact_point.who", .when_value = "other", .edpb = 36,
	 .article = "Art. 33(3)(b)", .title = "Contact details",
	 .desc = "When `who` is other."},
	END
};

static const struct sch_field party_fields[] = {
	{.name = "role", .type = SCH_ENUM,
	 .off = offsetof(struct inc_party, role), .en = &sch_party_role,
	 .req = REQ_YES, .edpb = 39, .article = "Art. 26, Art. 28",
	 .title = "Qualification of the other party", .desc = "Its role."},
	{.name = "name", .type = SCH_STRING,
	 .off = offsetof(struct inc_party, name), .req = REQ_YES, .edpb = 40,
	 .article = "Art. 26, Art. 28", .title = "Name of the other party",
	 .desc = "Legal name."},
	{.name = "contact", .type = SCH_GROUP, .sub = contact_fields,
	 .off = offsetof(struct inc_party, contact), .edpb = 41,
	 .article = "Art. 26, Art. 28", .title = "Contact details",
	 .desc = "How to reach the party."},
	{.name = "aware_at", .type = SCH_TIME,
	 .off = offsetof(struct inc_party, aware_at), .article = "Art. 33(2)",
	 .title = "When the processor became aware",
	 .desc = "For a processor: when it became aware of the breach."},
	{.name = "informed_controller_at", .type = SCH_TIME,
	 .off = offsetof(struct inc_party, informed_controller_at),
	 .article = "Art. 33(2)", .title = "When the processor told the controller",
	 .desc = "For a processor: when it told the controller."},
	{.name = "contract_hours", .type = SCH_COUNT,
	 .off = offsetof(struct inc_party, contract_hours),
	 .article = "Art. 28(3)(f)",
	 .title = "Hours the contract allows to tell the controller",
	 .desc = "The processing agreement's time limit for reporting a "
	 "breach to the controller, in hours."},
	END
};

static const struct sch_field timeline_fields[] = {
	{.name = "occurred", .type = SCH_ENUM, .off = IN(timeline, occurred),
	 .en = &sch_occurred, .req = REQ_YES, .tbd = true, .edpb = 44,
	 .article = "Art. 33(1)", .title = "When did the breach occur?",
	 .desc = "On a day, between two dates, since a date and still "
	 "going on, or cannot be determined."},
	{.name = "estimated", .type = SCH_BOOL, .off = IN(timeline, estimated),
	 .edpb = 45, .article = "Art. 33(1)", .title = "Only estimated dates",
	 .desc = "true when start and end are estimates; say how in "
	 "`comments`."},
	{.name = "start", .type = SCH_TIME, .off = IN(timeline, start),
	 .req = REQ_YES, .when_path = "timeline.occurred",
	 .when_value = "on_day|between|since", .edpb = 46,
	 .article = "Art. 33(1)", .title = "Beginning of the breach",
	 .desc = "Date and time with UTC offset."},
	{.name = "end", .type = SCH_TIME, .off = IN(timeline, end),
	 .req = REQ_YES, .when_path = "timeline.occurred",
	 .when_value = "between", .edpb = 47, .article = "Art. 33(1)",
	 .title = "End of the breach", .desc = "Date and time with UTC offset."},
	{.name = "aware_at", .type = SCH_TIME, .off = IN(timeline, aware_at),
	 .req = REQ_YES, .edpb = 48, .article = "Art. 33(1)",
	 .title = "When the controller became aware",
	 .desc = "The moment the controller had a reasonable degree of "
	 "certainty that personal data were compromised (EDPB Guidelines "
	 "9/2022): the 72-hour clock starts here. Give the UTC offset."},
	{.name = "awareness_description", .type = SCH_TEXT,
	 .off = IN(timeline, awareness_description), .article = "Art. 33(1)",
	 .title = "How awareness was established",
	 .desc = "What made the breach certain at aware_at (e.g. the end of "
	 "a short investigation)."},
	{.name = "late_reason", .type = SCH_TEXT,
	 .off = IN(timeline, late_reason), .edpb = 49, .article = "Art. 33(1)",
	 .title = "Reasons for late notification",
	 .desc = "Required when the notification is sent more than 72 hours "
	 "after aware_at (checked by `breachgen check`)."},
	{.name = "discovery", .type = SCH_ENUM, .off = IN(timeline, discovery),
	 .en = &sch_discovery, .req = REQ_YES, .edpb = 50,
	 .article = "Art. 33(1)", .title = "How was the breach discovered?",
	 .desc = "Who found it."},
	{.name = "discovery_description", .type = SCH_TEXT,
	 .off = IN(timeline, discovery_description), .req = REQ_YES,
	 .edpb = 51, .article = "Art. 33(1)",
	 .title = "Further description of the discovery",
	 .desc = "E.g. an intrusion detection alert, a report by a user."},
	{.name = "reported_at", .type = SCH_TIME,
	 .off = IN(timeline, reported_at), .req = REQ_YES,
	 .when_path = "timeline.discovery",
	 .when_value = "processor|data_subject|third_party|press|other",
	 .edpb = 52, .article = "Art. 33(1)",
	 .title = "Date of notification by the other party",
	 .desc = "When the outside party told you."},
	{.name = "comments", .type = SCH_TEXT, .off = IN(timeline, comments),
	 .edpb = 53, .article = "Art. 33(1)",
	 .title = "Further comments on the timeline",
	 .desc = "Relevant events, durations of impact, how dates were "
	 "estimated."},
	/* Asked by the national forms (templates/forms/). */
	{.name = "discovered_at", .type = SCH_TIME,
	 .off = IN(timeline, discovered_at), .article = "Art. 33(1)",
	 .title = "When the breach was discovered",
	 .desc = "When the incident was first noticed, which may come before "
	 "aware_at (certainty that personal data were compromised). The "
	 "CNIL form (date de découverte) and the ICO form (when did you "
	 "discover the breach) ask for it apart from awareness."},
	END
};

static const struct sch_field nature_fields[] = {
	{.name = "breach", .type = SCH_SET, .off = IN(nature, breach),
	 .en = &sch_breach, .req = REQ_YES, .edpb = 55,
	 .article = "Art. 4(12), Art. 33(3)(a)",
	 .title = "Nature of the breach",
	 .desc = "One or more of confidentiality, integrity, availability."},
	{.name = "confidentiality", .type = SCH_ENUM,
	 .off = IN(nature, confidentiality), .en = &sch_confidentiality,
	 .req = REQ_YES, .when_path = "nature.breach",
	 .when_value = "confidentiality", .tbd = true, .edpb = 56,
	 .article = "Art. 33(3)(a)", .title = "Type of confidentiality breach",
	 .desc = "Whether data were exfiltrated or disclosed."},
	{.name = "unintelligible", .type = SCH_ENUM,
	 .off = IN(nature, unintelligible), .en = &sch_unintelligible,
	 .req = REQ_YES, .when_path = "nature.breach",
	 .when_value = "confidentiality", .tbd = true, .edpb = 57,
	 .article = "Art. 33(3)(a), Art. 34(3)(a)",
	 .title = "Were the data unintelligible to unauthorised persons?",
	 .desc = "protected only when the protection is intact (e.g. "
	 "state-of-the-art encryption with the key safe)."},
	{.name = "unintelligible_description", .type = SCH_TEXT,
	 .off = IN(nature, unintelligible_description), .req = REQ_YES,
	 .when_path = "nature.unintelligible",
	 .when_value = "protected|subvertible|cannot_assess", .edpb = 57,
	 .article = "Art. 34(3)(a)", .title = "Protection of the data",
	 .desc = "The protection (algorithm, where the key is) or why it "
	 "cannot be assessed."},
	{.name = "integrity", .type = SCH_ENUM, .off = IN(nature, integrity),
	 .en = &sch_integrity, .req = REQ_YES, .when_path = "nature.breach",
	 .when_value = "integrity", .edpb = 58, .article = "Art. 33(3)(a)",
	 .title = "Type of integrity breach", .desc = "Altered, and misused?"},
	{.name = "availability", .type = SCH_ENUM,
	 .off = IN(nature, availability), .en = &sch_availability,
	 .req = REQ_YES, .when_path = "nature.breach",
	 .when_value = "availability", .edpb = 59, .article = "Art. 33(3)(a)",
	 .title = "Type of availability breach",
	 .desc = "From the people's point of view."},
	{.name = "kind", .type = SCH_SET, .off = IN(nature, kind),
	 .en = &sch_kind, .req = REQ_YES, .tbd = true, .edpb = 60,
	 .article = "Art. 33(3)(a)", .title = "Nature of the incident",
	 .desc = "What happened, one or more keys."},
	{.name = "kind_description", .type = SCH_TEXT,
	 .off = IN(nature, kind_description), .req = REQ_YES,
	 .when_path = "nature.kind", .when_value = "other", .edpb = 60,
	 .article = "Art. 33(3)(a)", .title = "Other kind of incident",
	 .desc = "When `kind` lists other."},
	{.name = "cause", .type = SCH_ENUM, .off = IN(nature, cause),
	 .en = &sch_cause, .req = REQ_YES, .tbd = true, .edpb = 61,
	 .article = "Art. 33(3)(a)", .title = "Cause of the breach",
	 .desc = "Internal or external, malicious or not."},
	{.name = "description", .type = SCH_TEXT, .off = IN(nature, description),
	 .req = REQ_YES, .tbd = true, .edpb = 62, .article = "Art. 33(3)(a)",
	 .title = "Further description of the incident",
	 .desc = "What happened, how it was detected, the root cause if "
	 "known, and the facts your assessment rests on."},
	{.name = "systems", .type = SCH_TEXT, .off = IN(nature, systems),
	 .req = REQ_YES, .tbd = true, .edpb = 63, .article = "Art. 33(3)(a)",
	 .title = "Systems involved and their location",
	 .desc = "Systems, software, services and infrastructure involved, "
	 "and where they are."},
	/* Asked by the national forms (templates/forms/). */
	{.name = "established", .type = SCH_ENUM,
	 .off = IN(nature, established), .en = &sch_established,
	 .article = "Art. 33(1), Art. 33(4)",
	 .title = "Breach established or suspected",
	 .desc = "The CNIL form asks whether the breach is established "
	 "(avérée) or only suspected."},
	END
};

/* Issue 9: one group of people (subjects.groups). */
static const struct sch_field group_fields[] = {
	{.name = "description", .type = SCH_TEXT,
	 .off = offsetof(struct inc_group, description), .req = REQ_YES,
	 .article = "Art. 33(3)(a)", .title = "Who they are",
	 .desc = "E.g. \"accounts the attacker logged into\"."},
	{.name = "count_basis", .type = SCH_ENUM,
	 .off = offsetof(struct inc_group, count_basis), .en = &sch_count_basis,
	 .article = "Art. 33(3)(a)", .title = "How the number is known",
	 .desc = "exact, approximate, at_least or undetermined."},
	{.name = "count", .type = SCH_COUNT,
	 .off = offsetof(struct inc_group, count), .req = REQ_YES,
	 .article = "Art. 33(3)(a)", .title = "Number of people in the group",
	 .desc = "A whole number (a lower bound with at_least)."},
	{.name = "categories", .type = SCH_SET,
	 .off = offsetof(struct inc_group, categories), .en = &sch_subject_cat,
	 .article = "Art. 33(3)(a)", .title = "Categories of people",
	 .desc = "Keys of subjects.categories."},
	{.name = "types", .type = SCH_SET,
	 .off = offsetof(struct inc_group, types), .en = &sch_data_type,
	 .article = "Art. 33(3)(a), Art. 9", .title = "Their data concerned",
	 .desc = "Keys of data.types."},
	END
};

static const struct sch_field subjects_fields[] = {
	{.name = "categories", .type = SCH_SET, .off = IN(subjects, categories),
	 .en = &sch_subject_cat, .req = REQ_YES, .edpb = 65,
	 .article = "Art. 33(3)(a)", .title = "Categories of data subjects",
	 .desc = "Who is affected; `tbd` only in an incomplete notification."},
	{.name = "description", .type = SCH_TEXT,
	 .off = IN(subjects, description), .req = REQ_YES, .edpb = 66,
	 .article = "Art. 33(3)(a)", .title = "Further description",
	 .desc = "Who they are; for vulnerable people, in what way."},
	{.name = "count_basis", .type = SCH_ENUM,
	 .off = IN(subjects, count_basis), .en = &sch_count_basis,
	 .req = REQ_YES, .edpb = 67, .article = "Art. 33(3)(a)",
	 .title = "Number of data subjects: how known",
	 .desc = "exact, approximate, undetermined (give the current "
	 "estimate in `count` if any), or tbd."},
	{.name = "count", .type = SCH_COUNT, .off = IN(subjects, count),
	 .req = REQ_YES, .when_path = "subjects.count_basis",
	 .when_value = "exact|approximate|at_least", .edpb = 68,
	 .article = "Art. 33(3)(a)", .title = "Number of data subjects",
	 .desc = "A whole number, without separators; with count_basis "
	 "at_least, a lower bound."},
	/* Issue 9: counts in words, groups with different data. */
	{.name = "count_description", .type = SCH_TEXT,
	 .off = IN(subjects, count_description), .article = "Art. 33(3)(a)",
	 .title = "The number in words",
	 .desc = "An estimate the file cannot write as a number (\"a few "
	 "dozen\", \"more than 2 000 accounts\"), printed beside the "
	 "count; no number is made up from it. Art. 33(3)(a) asks for the "
	 "approximate number \"where possible\"."},
	{.name = "groups", .type = SCH_LIST, .sub = group_fields,
	 .off = IN(subjects, groups), .count_off = IN(subjects, ngroups),
	 .item_size = sizeof(struct inc_group),
	 .item_pos = offsetof(struct inc_group, pos),
	 .article = "Art. 33(3)(a), Art. 34(2)",
	 .title = "Groups of people with different data",
	 .desc = "When the breach touches several groups (accounts actually "
	 "entered and data leaked for many more; a few full files and "
	 "many single lines): each group with its count, categories and "
	 "data types. The assessment weighs each group; the top-level "
	 "count and types stay the totals (EDPB Guidelines 01/2021, "
	 "case 07)."},
	/* Asked by the national forms (templates/forms/). */
	{.name = "identifiable", .type = SCH_ENUM,
	 .off = IN(subjects, identifiable), .en = &sch_yes_no,
	 .article = "Art. 4(1)", .title = "Directly identifiable",
	 .desc = "Whether the people can be identified directly from the "
	 "data concerned (CNIL form, section Personnes concernées)."},
	END
};

static const struct sch_field data_fields[] = {
	{.name = "types", .type = SCH_SET, .off = IN(data, types),
	 .en = &sch_data_type, .req = REQ_YES, .edpb = 70,
	 .article = "Art. 33(3)(a), Art. 9, Art. 10",
	 .title = "Types of personal data",
	 .desc = "Every type concerned; special categories (Art. 9) and "
	 "criminal data (Art. 10) weigh on the risk."},
	{.name = "description", .type = SCH_TEXT, .off = IN(data, description),
	 .req = REQ_YES, .edpb = 71, .article = "Art. 33(3)(a)",
	 .title = "Further description of the data",
	 .desc = "The fields of each record, and what was not affected."},
	{.name = "records_basis", .type = SCH_ENUM, .off = IN(data, records_basis),
	 .en = &sch_count_basis, .req = REQ_YES, .edpb = 72,
	 .article = "Art. 33(3)(a)", .title = "Number of records: how known",
	 .desc = "exact, approximate, undetermined or tbd."},
	{.name = "records", .type = SCH_COUNT, .off = IN(data, records),
	 .req = REQ_YES, .when_path = "data.records_basis",
	 .when_value = "exact|approximate", .edpb = 73,
	 .article = "Art. 33(3)(a)", .title = "Number of records",
	 .desc = "Single entries concerned, without separators."},
	{.name = "already_public", .type = SCH_BOOL,
	 .off = IN(data, already_public), .article = "Art. 33(1)",
	 .title = "Data already public",
	 .desc = "true when every affected item was public before the "
	 "breach (lowers the severity; EDPB Guidelines 9/2022)."},
	{.name = "restored_from_backup", .type = SCH_BOOL,
	 .off = IN(data, restored_from_backup), .article = "Art. 32(1)(c)",
	 .title = "Restored in time from a backup",
	 .desc = "For an availability breach: the data were restored "
	 "from a backup in time, without lasting effect."},
	/* Asked by the national forms (templates/forms/). */
	{.name = "media", .type = SCH_SET, .off = IN(data, media),
	 .en = &sch_media, .article = "Art. 33(3)(a)",
	 .title = "Storage media concerned",
	 .desc = "Where the data were held (CNIL form, section Données: "
	 "supports)."},
	END
};

static const struct sch_field measures_in_place_fields[] = {
	{.name = "measures", .type = SCH_SET,
	 .off = IN(measures_in_place, measures), .en = &sch_measure_before,
	 .req = REQ_YES, .edpb = 75, .article = "Art. 32, Art. 33(3)",
	 .title = "Measures in place when the breach occurred",
	 .desc = "Technical and organisational measures in place."},
	{.name = "description", .type = SCH_TEXT,
	 .off = IN(measures_in_place, description), .req = REQ_YES,
	 .edpb = 76, .article = "Art. 32, Art. 33(3)",
	 .title = "Further description of the measures in place",
	 .desc = "Detail, in particular of protections that could be "
	 "subverted."},
	END
};

static const struct sch_field consequences_fields[] = {
	{.name = "confidentiality", .type = SCH_SET,
	 .off = IN(consequences, confidentiality), .en = &sch_cons_conf,
	 .req = REQ_YES, .when_path = "nature.breach",
	 .when_value = "confidentiality", .edpb = 79,
	 .article = "Art. 33(3)(c)",
	 .title = "Likely consequences of the loss of confidentiality",
	 .desc = "One or more keys."},
	{.name = "confidentiality_description", .type = SCH_TEXT,
	 .off = IN(consequences, confidentiality_description), .req = REQ_YES,
	 .when_path = "consequences.confidentiality", .when_value = "other",
	 .edpb = 80, .article = "Art. 33(3)(c)",
	 .title = "Other confidentiality consequences", .desc = "When other."},
	{.name = "integrity", .type = SCH_SET,
	 .off = IN(consequences, integrity), .en = &sch_cons_int,
	 .req = REQ_YES, .when_path = "nature.breach", .when_value = "integrity",
	 .edpb = 81, .article = "Art. 33(3)(c)",
	 .title = "Likely consequences of the loss of integrity",
	 .desc = "One or more keys."},
	{.name = "integrity_description", .type = SCH_TEXT,
	 .off = IN(consequences, integrity_description), .req = REQ_YES,
	 .when_path = "consequences.integrity", .when_value = "other",
	 .edpb = 82, .article = "Art. 33(3)(c)",
	 .title = "Other integrity consequences", .desc = "When other."},
	{.name = "availability", .type = SCH_SET,
	 .off = IN(consequences, availability), .en = &sch_cons_av,
	 .req = REQ_YES, .when_path = "nature.breach",
	 .when_value = "availability", .edpb = 83, .article = "Art. 33(3)(c)",
	 .title = "Likely consequences of the loss of availability",
	 .desc = "One or more keys."},
	{.name = "availability_description", .type = SCH_TEXT,
	 .off = IN(consequences, availability_description), .req = REQ_YES,
	 .when_path = "consequences.availability", .when_value = "other",
	 .edpb = 84, .article = "Art. 33(3)(c)",
	 .title = "Other availability consequences", .desc = "When other."},
	{.name = "impacts", .type = SCH_SET, .off = IN(consequences, impacts),
	 .en = &sch_impact, .req = REQ_YES, .edpb = 85,
	 .article = "Art. 33(3)(c)",
	 .title = "Nature of the potential impact on the people",
	 .desc = "One or more keys."},
	{.name = "impacts_description", .type = SCH_TEXT,
	 .off = IN(consequences, impacts_description), .req = REQ_YES,
	 .when_path = "consequences.impacts", .when_value = "other",
	 .edpb = 86, .article = "Art. 33(3)(c)", .title = "Other impacts",
	 .desc = "When other."},
	{.name = "description", .type = SCH_TEXT,
	 .off = IN(consequences, description), .article = "Art. 33(3)(c)",
	 .title = "Likely consequences in plain words",
	 .desc = "What could happen to the people, as the communication to "
	 "them will say it (Art. 34(2))."},
	{.name = "severity", .type = SCH_ENUM, .off = IN(consequences, severity),
	 .en = &sch_severity, .req = REQ_YES, .edpb = 87,
	 .article = "Art. 33(3)(c)", .title = "Severity of the potential impacts",
	 .desc = "Your own estimate; the highest if several."},
	END
};

static const struct sch_field adjustment_fields[] = {
	{.name = "factor", .type = SCH_ENUM,
	 .off = offsetof(struct inc_adjustment, factor),
	 .en = &sch_enisa_factor, .req = REQ_YES,
	 .title = "ENISA adjustment factor",
	 .desc = "Which contextual factor of the ENISA method applies."},
	{.name = "delta", .type = SCH_DELTA,
	 .off = offsetof(struct inc_adjustment, delta), .req = REQ_YES,
	 .title = "Adjustment", .desc = "+1, +2, -1 ...; DPC stays in 1..4."},
	{.name = "reason", .type = SCH_TEXT,
	 .off = offsetof(struct inc_adjustment, reason), .req = REQ_YES,
	 .title = "Reason", .desc = "Why the factor applies here."},
	END
};

static const struct sch_field enisa_fields[] = {
	{.name = "credentials_open", .type = SCH_ENUM,
	 .off = IN(risk.enisa, credentials_open), .en = &sch_enisa_cat,
	 .req = REQ_YES, .when_path = "data.types", .when_value = "credentials",
	 .title = "What the credentials give access to",
	 .desc = "ENISA scores credentials by the data they open."},
	{.name = "adjustments", .type = SCH_LIST, .sub = adjustment_fields,
	 .off = IN(risk.enisa, adjustments),
	 .count_off = IN(risk.enisa, nadjustments),
	 .item_size = sizeof(struct inc_adjustment),
	 .item_pos = offsetof(struct inc_adjustment, pos),
	 .title = "Adjustments of the data processing context",
	 .desc = "Each with factor, delta and reason."},
	{.name = "ei", .type = SCH_ENUM, .off = IN(risk.enisa, ei),
	 .en = &sch_enisa_ei, .req = REQ_YES,
	 .title = "Ease of identification",
	 .desc = "How easily the people can be identified from the data."},
	{.name = "recipients", .type = SCH_ENUM,
	 .off = IN(risk.enisa, recipients), .en = &sch_recipients,
	 .req = REQ_YES, .when_path = "nature.breach",
	 .when_value = "confidentiality",
	 .title = "Who received the data",
	 .desc = "Circumstances of a loss of confidentiality."},
	{.name = "availability_recoverable", .type = SCH_BOOL,
	 .off = IN(risk.enisa, availability_recoverable),
	 .title = "Recoverable without difficulty",
	 .desc = "For a loss of availability: another copy made recovery "
	 "easy."},
	END
};

/* Issue 9: a loss of availability (risk.outage). */
static const struct sch_field outage_fields[] = {
	{.name = "hours", .type = SCH_COUNT, .off = IN(risk.outage, hours),
	 .article = "Art. 33(1)", .title = "How long the data were unavailable",
	 .desc = "In whole hours (0 for minutes); for an outage still "
	 "going on, the hours so far."},
	{.name = "restored_by", .type = SCH_ENUM,
	 .off = IN(risk.outage, restored_by), .en = &sch_restore,
	 .article = "Art. 32(1)(c)", .title = "How the data came back",
	 .desc = "no_loss, backup, paper_records, rebuilt, not_yet, never "
	 "or not_known."},
	{.name = "effect", .type = SCH_ENUM, .off = IN(risk.outage, effect),
	 .en = &sch_outage_effect, .article = "Art. 34(1)",
	 .title = "What the outage did to the people meanwhile",
	 .desc = "none, delays, service_denied, care_affected or not_known."},
	END
};

static const struct sch_field risk_fields[] = {
	{.name = "outcome", .type = SCH_ENUM, .off = IN(risk, outcome),
	 .en = &sch_risk, .req = REQ_YES, .tbd = true, .edpb = 89,
	 .article = "Art. 33(1), Art. 34(1)",
	 .title = "Outcome of the risk assessment",
	 .desc = "The controller's own conclusion."},
	{.name = "rationale", .type = SCH_TEXT, .off = IN(risk, rationale),
	 .req = REQ_YES, .edpb = 90, .article = "Art. 33(1), Art. 34(1)",
	 .title = "Description of the risk assessment",
	 .desc = "Method used and the factors weighed."},
	{.name = "enisa", .type = SCH_GROUP, .sub = enisa_fields,
	 .off = IN(risk, enisa), .req = REQ_YES,
	 .title = "Inputs of the ENISA severity method",
	 .desc = "Data processing context adjustments, ease of "
	 "identification, circumstances."},
	/* Issue 9: the facts the EDPB's answers turn on (see
	 * docs/assessment.md for the rules that read them). */
	{.name = "holder", .type = SCH_ENUM, .off = IN(risk, holder),
	 .en = &sch_holder, .article = "Art. 33(1), Art. 34(1)",
	 .title = "Who holds the data now, and how far they can be trusted",
	 .desc = "For a loss of confidentiality. A trusted recipient who "
	 "deleted the data, or data retrieved before anyone read them, "
	 "lower the risk (EDPB Guidelines 01/2021, case 09); an attacker "
	 "or a thief raises it."},
	{.name = "deleted_at", .type = SCH_TIME, .off = IN(risk, deleted_at),
	 .article = "Art. 33(1), Art. 33(5)",
	 .title = "When the recipient confirmed deletion in writing",
	 .desc = "With risk.holder trusted_deleted: the date of the written "
	 "confirmation, with its UTC offset; the reports print it, and the "
	 "register keeps it as the evidence."},
	{.name = "device", .type = SCH_ENUM, .off = IN(risk, device),
	 .en = &sch_lost_device, .article = "Art. 33(1), Art. 34(3)(a)",
	 .title = "A lost or stolen device or file: what became of it",
	 .desc = "Wiped, recovered, or still missing. Unless the data were "
	 "unintelligible (nature.unintelligible: protected) or the wipe is "
	 "confirmed, a missing device is in unknown hands (EDPB Guidelines "
	 "01/2021, cases 10-12)."},
	{.name = "certainty", .type = SCH_ENUM, .off = IN(risk, certainty),
	 .en = &sch_certainty, .article = "Art. 33(1)",
	 .title = "How certain it is that nothing left",
	 .desc = "Logs that prove no outbound flow, nothing found so far, "
	 "not assessable, or an attacker able to erase traces (EDPB "
	 "Guidelines 01/2021, cases 01 and 04)."},
	{.name = "outage", .type = SCH_GROUP, .sub = outage_fields,
	 .off = IN(risk, outage), .article = "Art. 33(1), Art. 34(1)",
	 .title = "A loss of availability: how long, how it ended, what it did",
	 .desc = "A restore within hours from a backup and a week of "
	 "re-entry from paper while people wait are not the same breach "
	 "(EDPB Guidelines 01/2021, cases 01-03)."},
	{.name = "attacker_knew", .type = SCH_SET,
	 .off = IN(risk, attacker_knew), .en = &sch_data_type,
	 .article = "Art. 33(3)(a)",
	 .title = "What the attacker already knew",
	 .desc = "For social engineering: the data the impostor already had "
	 "and used to pass a check (EDPB Guidelines 01/2021, case 17)."},
	END
};

static const struct sch_field measures_taken_fields[] = {
	{.name = "description", .type = SCH_TEXT,
	 .off = IN(measures_taken, description), .req = REQ_YES, .tbd = true,
	 .edpb = 92, .article = "Art. 33(3)(d)",
	 .title = "Measures taken to address the breach",
	 .desc = "What was done to contain it and mitigate its effects, and "
	 "how far it resolves the issue."},
	{.name = "planned", .type = SCH_TEXT, .off = IN(measures_taken, planned),
	 .article = "Art. 33(3)(d)", .title = "Measures proposed",
	 .desc = "Measures still to be taken."},
	/* Asked by the national forms (templates/forms/). */
	{.name = "medium_term", .type = SCH_TEXT,
	 .off = IN(measures_taken, medium_term), .article = "Art. 33(3)(d)",
	 .title = "Medium-term measures",
	 .desc = "Measures between the immediate ones (description) and the "
	 "lasting ones (prevention): the CNIL form asks for immediate, "
	 "medium-term and long-term measures."},
	END
};

static const struct sch_field prevention_fields[] = {
	{.name = "measures", .type = SCH_SET, .off = IN(prevention, measures),
	 .en = &sch_prevention, .req = REQ_YES, .edpb = 94,
	 .article = "Art. 33(3)(d)",
	 .title = "Measures to prevent a similar breach",
	 .desc = "One or more keys."},
	{.name = "description", .type = SCH_TEXT,
	 .off = IN(prevention, description), .req = REQ_YES, .edpb = 95,
	 .article = "Art. 33(3)(d)",
	 .title = "Further description of the lasting measures",
	 .desc = "What changes for good."},
	END
};

static const struct sch_field communication_fields[] = {
	{.name = "status", .type = SCH_ENUM, .off = IN(communication, status),
	 .en = &sch_comm_status, .req = REQ_YES, .edpb = 97,
	 .article = "Art. 34(1)",
	 .title = "Has the breach been communicated to the people?",
	 .desc = "investigating only in an incomplete notification."},
	{.name = "sent_at", .type = SCH_TIME, .off = IN(communication, sent_at),
	 .req = REQ_YES, .when_path = "communication.status",
	 .when_value = "done", .edpb = 98, .article = "Art. 34(1)",
	 .title = "When the people were told",
	 .desc = "When the communication started."},
	{.name = "planned_at", .type = SCH_TIME,
	 .off = IN(communication, planned_at), .req = REQ_YES,
	 .when_path = "communication.status", .when_value = "planned",
	 .edpb = 99, .article = "Art. 34(1)",
	 .title = "When the people will be told", .desc = "A future date."},
	{.name = "exemption", .type = SCH_ENUM,
	 .off = IN(communication, exemption), .en = &sch_exemption,
	 .req = REQ_YES, .when_path = "communication.status",
	 .when_value = "exempt", .edpb = 100, .article = "Art. 34(3)",
	 .title = "Art. 34(3) condition met", .desc = "Which one."},
	{.name = "exemption_description", .type = SCH_TEXT,
	 .off = IN(communication, exemption_description), .req = REQ_YES,
	 .when_path = "communication.status", .when_value = "exempt",
	 .edpb = 101, .article = "Art. 34(3)",
	 .title = "Why the condition is met",
	 .desc = "The facts and the measures that meet it."},
	{.name = "reach", .type = SCH_ENUM, .off = IN(communication, reach),
	 .en = &sch_reach, .req = REQ_YES, .when_path = "communication.status",
	 .when_value = "done", .edpb = 102, .article = "Art. 34(1)",
	 .title = "Number of people informed", .desc = "All or not all."},
	{.name = "reach_description", .type = SCH_TEXT,
	 .off = IN(communication, reach_description), .req = REQ_YES,
	 .when_path = "communication.reach", .when_value = "partial",
	 .edpb = 103, .article = "Art. 34(1)",
	 .title = "Why not everyone was informed", .desc = "The reasons."},
	{.name = "means", .type = SCH_SET, .off = IN(communication, means),
	 .en = &sch_means, .req = REQ_YES, .when_path = "communication.status",
	 .when_value = "done|planned|planned_tbd", .edpb = 104,
	 .article = "Art. 34(1), Art. 34(3)(c)",
	 .title = "Means of communication", .desc = "One or more keys."},
	{.name = "means_description", .type = SCH_TEXT,
	 .off = IN(communication, means_description), .edpb = 105,
	 .article = "Art. 34(1)", .title = "Further description of the means",
	 .desc = "E.g. the e-mail and in-app message used."},
	{.name = "content", .type = SCH_TEXT, .off = IN(communication, content),
	 .edpb = 106, .article = "Art. 34(2)",
	 .title = "Content of the information given",
	 .desc = "Summary or reference; the full text is the generated "
	 "communication."},
	{.name = "what_happened", .type = SCH_TEXT,
	 .off = IN(communication, what_happened), .article = "Art. 34(2)",
	 .title = "What happened, in plain words for the people",
	 .desc = "A few sentences in clear and plain language, addressed to "
	 "the reader: when, what, and which of their data. The communication "
	 "prints them instead of nature.description, the timeline and the "
	 "data section, which are written for the authority."},
	{.name = "what_it_means", .type = SCH_TEXT,
	 .off = IN(communication, what_it_means), .article = "Art. 34(2)",
	 .title = "The likely consequences, in plain words for the people",
	 .desc = "Addressed to the reader; the communication prints it "
	 "instead of consequences.description."},
	{.name = "what_we_did", .type = SCH_TEXT,
	 .off = IN(communication, what_we_did), .article = "Art. 34(2)",
	 .title = "What the controller did, in plain words for the people",
	 .desc = "The communication prints it instead of "
	 "measures_taken.description."},
	{.name = "advice", .type = SCH_TEXT_LIST,
	 .off = IN(communication, advice),
	 .count_off = IN(communication, nadvice), .req = REQ_YES,
	 .when_path = "decision.communicate_subjects", .when_value = "true",
	 .article = "Art. 34(2), recital 86",
	 .title = "Advice to the people",
	 .desc = "What each person can do to protect themselves, one item "
	 "each."},
	{.name = "delay_reason", .type = SCH_TEXT,
	 .off = IN(communication, delay_reason), .article = "Recital 88",
	 .title = "Reason the communication is delayed",
	 .desc = "E.g. at the request of a law-enforcement authority."},
	/* Issue 9. */
	{.name = "voluntary", .type = SCH_BOOL,
	 .off = IN(communication, voluntary), .article = "Art. 34(1)",
	 .title = "A voluntary notice, outside Art. 34",
	 .desc = "true when the people are told as a precaution although no "
	 "high risk is found: the reports call it a voluntary notice, not "
	 "an Art. 34 communication (Art. 34(1) requires one only for a "
	 "likely high risk; telling more is the controller's choice)."},
	END
};

static const struct sch_field other_notifications_fields[] = {
	{.name = "police", .type = SCH_ENUM,
	 .off = IN(other_notifications, police), .en = &sch_yes_no,
	 .edpb = 109, .title = "Reported to the police or judicial authorities",
	 .desc = "yes, no or unknown."},
	{.name = "other_authorities", .type = SCH_ENUM,
	 .off = IN(other_notifications, other_authorities), .en = &sch_yes_no,
	 .edpb = 110, .title = "Notified to other authorities",
	 .desc = "E.g. the national cyber-security centre under NIS2."},
	{.name = "description", .type = SCH_TEXT,
	 .off = IN(other_notifications, description), .req = REQ_YES,
	 .when_path = "other_notifications.police|other_notifications."
	 "other_authorities", .when_value = "yes", .edpb = 111,
	 .title = "Further information on other notifications",
	 .desc = "Which authority, and its case reference."},
	END
};

static const struct sch_field cross_border_fields[] = {
	{.name = "processing", .type = SCH_ENUM,
	 .off = IN(cross_border, processing), .en = &sch_yes_no,
	 .req = REQ_YES, .edpb = 113, .article = "Art. 4(23), Art. 56",
	 .title = "Cross-border processing",
	 .desc = "Does the breach involve cross-border processing?"},
	{.name = "lead_authority", .type = SCH_STRING,
	 .off = IN(cross_border, lead_authority), .req = REQ_YES,
	 .when_path = "cross_border.processing", .when_value = "yes",
	 .and_path = "controller.eea_established", .and_value = "true",
	 .edpb = 114, .article = "Art. 56(1)",
	 .title = "Lead supervisory authority",
	 .desc = "Code from templates/authorities.yaml, e.g. de-be. A "
	 "controller outside the EEA has no lead authority (EDPB Guidelines "
	 "9/2022, para. 73)."},
	{.name = "establishments", .type = SCH_COUNTRY_LIST,
	 .off = IN(cross_border, establishments),
	 .count_off = IN(cross_border, nestablishments), .req = REQ_YES,
	 .when_path = "cross_border.processing", .when_value = "yes",
	 .edpb = 115, .article = "Art. 56",
	 .title = "EEA countries with an establishment", .desc = "ISO codes."},
	{.name = "countries", .type = SCH_COUNTRY_COUNTS,
	 .off = IN(cross_border, countries),
	 .count_off = IN(cross_border, ncountries), .req = REQ_YES,
	 .when_path = "cross_border.processing", .when_value = "yes",
	 .edpb = 116, .article = "Art. 56, Art. 3(2)",
	 .edpb2 = 117, .title = "People affected per EEA country",
	 .desc = "Map from ISO country code to an approximate number: the "
	 "countries (field 116) and the number in each (field 117)."},
	{.name = "authorities", .type = SCH_CODE_LIST,
	 .off = IN(cross_border, authorities),
	 .count_off = IN(cross_border, nauthorities), .edpb = 118,
	 .article = "Art. 56, Art. 60",
	 .title = "Other authorities notified or to be notified",
	 .desc = "Codes from templates/authorities.yaml."},
	END
};

/* EDPB section 6.3: a controller not established in the EEA. */
static const struct sch_field outside_eea_fields[] = {
	{.name = "processing", .type = SCH_ENUM,
	 .off = IN(outside_eea, processing), .en = &sch_yes_no, .edpb = 120,
	 .article = "Art. 3(2)",
	 .title = "Processing by a controller outside the EEA",
	 .desc = "Does the breach involve processing to which the GDPR "
	 "applies, carried out by a controller not established in the "
	 "EEA?"},
	{.name = "countries", .type = SCH_COUNTRY_COUNTS,
	 .off = IN(outside_eea, countries),
	 .count_off = IN(outside_eea, ncountries), .req = REQ_YES,
	 .when_path = "outside_eea.processing", .when_value = "yes",
	 .edpb = 121, .edpb2 = 122, .article = "Art. 3(2)",
	 .title = "People affected per EEA country",
	 .desc = "Map from ISO country code to an approximate number: the "
	 "countries (field 121) and the number in each (field 122)."},
	{.name = "authorities", .type = SCH_CODE_LIST,
	 .off = IN(outside_eea, authorities),
	 .count_off = IN(outside_eea, nauthorities), .req = REQ_YES,
	 .when_path = "outside_eea.processing", .when_value = "yes",
	 .edpb = 123, .article = "Art. 3(2)",
	 .title = "EEA authorities notified or to be notified",
	 .desc = "Codes from templates/authorities.yaml: every authority "
	 "where people affected live."},
	END
};

static const struct sch_field attachments_fields[] = {
	{.name = "items", .type = SCH_SET, .off = IN(attachments, items),
	 .en = &sch_attachment, .edpb = 125,
	 .title = "Attachments to this notification", .desc = "Keys."},
	{.name = "description", .type = SCH_TEXT,
	 .off = IN(attachments, description), .req = REQ_YES,
	 .when_path = "attachments.items", .when_value = "other", .edpb = 126,
	 .title = "Other attachments", .desc = "When other."},
	END
};

static const struct sch_field decision_fields[] = {
	{.name = "notify_authority", .type = SCH_BOOL,
	 .off = IN(decision, notify_authority), .req = REQ_YES,
	 .article = "Art. 33(1)", .title = "The controller notifies the authority",
	 .desc = "Your decision; `breachgen assess` shows its own "
	 "recommendation beside it."},
	{.name = "communicate_subjects", .type = SCH_BOOL,
	 .off = IN(decision, communicate_subjects), .req = REQ_YES,
	 .article = "Art. 34(1)",
	 .title = "The controller tells the people affected",
	 .desc = "Your decision; must agree with communication.status."},
	{.name = "rationale", .type = SCH_TEXT, .off = IN(decision, rationale),
	 .article = "Art. 33(5)", .title = "Reasoning behind the decision",
	 .desc = "Recorded in the register; required in substance where the "
	 "decision departs from the recommendation."},
	END
};

#define GROUP(nm, tbl, rq, art, ttl, dsc) \
	{.name = #nm, .type = SCH_GROUP, .sub = tbl, .off = TOP(nm), \
	 .req = rq, .article = art, .title = ttl, .desc = dsc}

const struct sch_field sch_root[] = {
	{.name = "breachgen", .type = SCH_VERSION, .off = TOP(version),
	 .req = REQ_ALWAYS, .title = "Schema version",
	 .desc = "Always 1 for this version of the format."},
	{.name = "id", .type = SCH_ID, .off = TOP(id), .req = REQ_ALWAYS,
	 .title = "Incident identifier",
	 .desc = "Lower-case letters, digits, '.', '_' and '-', starting "
	 "with a letter or digit; names the output files."},
	{.name = "language", .type = SCH_LANG, .off = TOP(language),
	 .req = REQ_ALWAYS, .title = "Language of plain free text",
	 .desc = "BCP 47 tag (fr, en, ...) of every free text written as a "
	 "plain string."},
	{.name = "languages", .type = SCH_LANG_LIST, .off = TOP(languages),
	 .count_off = TOP(nlanguages), .title = "Languages of the reports",
	 .desc = "Languages to render, each a folder of templates/ (fr, en, "
	 "de); defaults to `language`. check warns when the authority the "
	 "incident is notified to takes filings in none of them (its "
	 "`language` and `accepts` in templates/authorities.yaml)."},
	GROUP(notification, notification_fields, REQ_ALWAYS, "Art. 33",
	      "Notification", "EDPB section 1.1: type and references."),
	GROUP(controller, controller_fields, REQ_ALWAYS, "Art. 33(3)(a)",
	      "Controller", "EDPB section 1.1: who is responsible."),
	GROUP(reporter, reporter_fields, REQ_ALWAYS, "Art. 33(3)(a)",
	      "Reporting person", "EDPB section 2.2."),
	GROUP(dpo, dpo_fields, REQ_YES, "Art. 33(3)(b)",
	      "Data protection officer", "EDPB section 2.3.1."),
	GROUP(contact_point, contact_point_fields, REQ_YES, "Art. 33(3)(b)",
	      "Contact point", "EDPB section 2.3.1: who gives more "
	      "information."),
	{.name = "parties", .type = SCH_LIST, .sub = party_fields,
	 .off = TOP(parties), .count_off = TOP(nparties),
	 .item_size = sizeof(struct inc_party),
	 .item_pos = offsetof(struct inc_party, pos), .req = REQ_YES, .edpb = 38,
	 .article = "Art. 33(2), Art. 26, Art. 28",
	 .title = "Other parties involved",
	 .desc = "Processors, joint controllers; write [] when none."},
	GROUP(timeline, timeline_fields, REQ_YES, "Art. 33(1)", "Timeline",
	      "EDPB section 3.1."),
	GROUP(nature, nature_fields, REQ_YES, "Art. 33(3)(a)",
	      "Nature of the breach", "EDPB section 3.2."),
	GROUP(subjects, subjects_fields, REQ_YES, "Art. 33(3)(a)",
	      "Data subjects", "EDPB section 3.3."),
	GROUP(data, data_fields, REQ_YES, "Art. 33(3)(a)", "Personal data",
	      "EDPB section 3.4."),
	GROUP(measures_in_place, measures_in_place_fields, REQ_YES,
	      "Art. 32", "Measures in place", "EDPB section 3.5."),
	GROUP(consequences, consequences_fields, REQ_YES, "Art. 33(3)(c)",
	      "Likely consequences", "EDPB section 4.1."),
	GROUP(risk, risk_fields, REQ_YES, "Art. 33(1), Art. 34(1)",
	      "Risk assessment", "EDPB section 4.2."),
	GROUP(measures_taken, measures_taken_fields, REQ_YES, "Art. 33(3)(d)",
	      "Measures taken", "EDPB section 4.3."),
	GROUP(prevention, prevention_fields, REQ_YES, "Art. 33(3)(d)",
	      "Prevention", "EDPB section 4.4."),
	GROUP(communication, communication_fields, REQ_YES, "Art. 34",
	      "Communication to the people", "EDPB section 4.4 (fields "
	      "97-106)."),
	GROUP(other_notifications, other_notifications_fields, REQ_NO, "",
	      "Other notifications", "EDPB section 6.1."),
	GROUP(cross_border, cross_border_fields, REQ_YES, "Art. 56",
	      "Cross-border processing", "EDPB sections 6.2 and 6.3."),
	GROUP(outside_eea, outside_eea_fields, REQ_NO, "Art. 3(2)",
	      "Controller outside the EEA", "EDPB section 6.3 (fields "
	      "120-123)."),
	GROUP(attachments, attachments_fields, REQ_NO, "", "Attachments",
	      "EDPB section 6.3 (fields 125-126)."),
	GROUP(decision, decision_fields, REQ_YES, "Art. 33(1), Art. 34(1)",
	      "The controller's decision", "What you decided; the tool "
	      "recommends, you decide."),
	END
};

const char *
sch_key(const struct sch_enum *en, int v)
{
	if (v <= 0 || (size_t)v > en->n)
		return "";
	return en->opts[v - 1].key;
}

int
sch_value(const struct sch_enum *en, const char *key)
{
	size_t i;

	for (i = 0; i < en->n; i++)
		if (en->opts[i].key[0] == key[0] &&
		    strcmp(en->opts[i].key, key) == 0)
			return (int)i + 1;
	return 0;
}

const struct sch_field *
sch_find(const char *path)
{
	const struct sch_field *t = sch_root, *f = NULL;

	while (*path != '\0') {
		size_t len = strcspn(path, ".");

		if (t == NULL)
			return NULL;
		for (f = t; f->name != NULL; f++)
			if (strlen(f->name) == len &&
			    strncmp(f->name, path, len) == 0)
				break;
		if (f->name == NULL)
			return NULL;
		t = f->sub;
		path += len;
		if (*path == '.')
			path++;
	}
	return f;
}

/* ---- maximum lengths of the short fields, by field name ---- */

static const struct {
	const char *name;
	size_t max;
} max_lengths[] = {
	{ "name", 200 },
	{ "reference", 100 },
	{ "previous_reference", 100 },
	{ "identifier", 100 },
	{ "function", 100 },
	{ "lead_authority", 100 },
	{ "email", 254 },		/* RFC 5321 path limit */
	{ "phone", 40 },
	{ "url", 500 },
	{ "address", 500 },
	{ "activity", 300 },
	{ NULL, 0 }
};

size_t
sch_max_length(const struct sch_field *f)
{
	if (f->type == SCH_ID)
		return 64;
	if (f->type != SCH_STRING)
		return 0;
	for (size_t i = 0; max_lengths[i].name; i++)
		if (strcmp(f->name, max_lengths[i].name) == 0)
			return max_lengths[i].max;
	return 300;	/* a short field another table adds */
}

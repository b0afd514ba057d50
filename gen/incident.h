/*
 * incident.h - the typed incident: one struct per group of the incident
 * file, following the sections of the EDPB common notification template
 * v1.0. Every enumeration is a C enum made from the same X-macro list as
 * the schema table (schema.c), so keys, EDPB letters and values cannot
 * drift apart. Value 0 of every enum means "not given".
 */
#ifndef BREACHGEN_INCIDENT_H
#define BREACHGEN_INCIDENT_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "node.h"

/* X(ID, "key", "EDPB letter", "English meaning") */
#define ENUM_NOTIF_TYPE(X) \
	X(NT_NEW, "new", "a", "a new notification") \
	X(NT_FOLLOW_UP, "follow_up", "b", "a follow-up to an earlier notification")
#define ENUM_NOTIF_SUBTYPE(X) \
	X(NS_COMPLETE, "complete", "a", "all required information is given") \
	X(NS_INCOMPLETE, "incomplete", "b", "preliminary: the rest will follow (Art. 33(4))") \
	X(NS_WITHDRAW, "withdraw", "c", "cancels an earlier notification")
#define ENUM_ID_TYPE(X) \
	X(IDT_COMPANY_ID, "company_id", "a", "company identifier") \
	X(IDT_ORGANISATION_NUMBER, "organisation_number", "b", "organisation number") \
	X(IDT_VAT_NUMBER, "vat_number", "c", "VAT number") \
	X(IDT_OTHER, "other", "", "another identifier") \
	X(IDT_SIREN, "siren", "a", "French SIREN number (9 digits; CNIL form)") \
	X(IDT_SIRET, "siret", "a", "French SIRET number of the establishment (14 digits; CNIL form)") \
	X(IDT_COMPANY_NUMBER, "company_number", "a", "company registration number (UK Companies House, Irish CRO; ICO and DPC forms)")
#define ENUM_SECTOR(X) \
	X(SEC_PRIVATE, "private", "a", "private sector") \
	X(SEC_PUBLIC, "public", "b", "public sector")
#define ENUM_ORG_SIZE(X) \
	X(SIZE_MICRO, "micro", "a", "freelance or micro-enterprise") \
	X(SIZE_SME, "sme", "b", "small or medium-sized enterprise") \
	X(SIZE_LARGE, "large", "c", "large enterprise") \
	X(SIZE_OTHER, "other", "d", "another type, described in size_description")
#define ENUM_REPORTER_FN(X) \
	X(RF_DPO, "dpo", "a", "the data protection officer") \
	X(RF_LEGAL_REPRESENTATIVE, "legal_representative", "b", "a legal representative") \
	X(RF_OTHER, "other", "c", "another function, described in function_description")
#define ENUM_CONTACT_WHO(X) \
	X(CW_DPO, "dpo", "a", "the data protection officer") \
	X(CW_REPORTER, "reporter", "b", "the reporting person") \
	X(CW_OTHER, "other", "c", "another person, named here")
#define ENUM_PARTY_ROLE(X) \
	X(PR_PROCESSOR, "processor", "", "a processor (Art. 28)") \
	X(PR_SUB_PROCESSOR, "sub_processor", "", "a sub-processor (Art. 28(4))") \
	X(PR_JOINT_CONTROLLER, "joint_controller", "", "a joint controller (Art. 26)") \
	X(PR_OTHER, "other", "", "another party")
#define ENUM_OCCURRED(X) \
	X(OCC_ON_DAY, "on_day", "a", "on one day (start)") \
	X(OCC_BETWEEN, "between", "b", "from start to end") \
	X(OCC_SINCE, "since", "c", "from start and still going on") \
	X(OCC_UNDETERMINED, "undetermined", "d", "cannot be determined") \
	X(OCC_TBD, "tbd", "e", "to be determined (incomplete notification only)")
#define ENUM_DISCOVERY(X) \
	X(DISC_CONTROLLER, "controller", "a", "detected by the controller") \
	X(DISC_PROCESSOR, "processor", "b", "detected and reported by a processor") \
	X(DISC_DATA_SUBJECT, "data_subject", "c", "reported by a data subject") \
	X(DISC_THIRD_PARTY, "third_party", "d", "reported by an external party") \
	X(DISC_PRESS, "press", "e", "learnt from the press") \
	X(DISC_OTHER, "other", "f", "other, described in discovery_description")
#define ENUM_BREACH(X) \
	X(BR_CONFIDENTIALITY, "confidentiality", "a", "unauthorised or accidental disclosure of, or access to, personal data") \
	X(BR_INTEGRITY, "integrity", "b", "unauthorised or accidental alteration of personal data") \
	X(BR_AVAILABILITY, "availability", "c", "accidental or unauthorised loss of access to, or destruction of, personal data")
#define ENUM_CONFIDENTIALITY(X) \
	X(CONF_EXFILTRATED, "exfiltrated", "a", "data exfiltrated or disclosed") \
	X(CONF_LIKELY_EXFILTRATED, "likely_exfiltrated", "b", "likely exfiltrated or disclosed, no evidence") \
	X(CONF_NOT_EXFILTRATED, "not_exfiltrated", "c", "not exfiltrated nor disclosed, with reasonable evidence") \
	X(CONF_CANNOT_ASSESS, "cannot_assess", "d", "not possible to assess") \
	X(CONF_TBD, "tbd", "e", "to be determined (incomplete notification only)")
#define ENUM_UNINTELLIGIBLE(X) \
	X(UNI_PROTECTED, "protected", "a", "yes, and the protection is intact (e.g. strong encryption, key safe)") \
	X(UNI_SUBVERTIBLE, "subvertible", "b", "protected, but the protection could likely be subverted") \
	X(UNI_NO, "no", "c", "no") \
	X(UNI_CANNOT_ASSESS, "cannot_assess", "d", "not possible to assess") \
	X(UNI_TBD, "tbd", "e", "to be determined (incomplete notification only)")
#define ENUM_INTEGRITY(X) \
	X(INT_NO_MISUSE, "no_misuse", "a", "data altered, no evidence of unlawful use") \
	X(INT_MISUSE_RECOVERABLE, "misuse_recoverable", "b", "altered and misused, damage can be reversed") \
	X(INT_MISUSE_UNRECOVERABLE, "misuse_unrecoverable", "c", "altered and misused, damage cannot be reversed")
#define ENUM_AVAILABILITY(X) \
	X(AV_TEMPORARY, "temporary", "a", "temporary loss of availability") \
	X(AV_PERMANENT, "permanent", "b", "permanent loss of availability") \
	X(AV_UNDETERMINED, "undetermined", "c", "not determined")
#define ENUM_KIND(X) \
	X(K_EMPLOYEE_ABUSE, "employee_abuse", "a", "abuse of access privileges by an employee") \
	X(K_RANSOMWARE, "ransomware", "b", "encrypted device or ransomware") \
	X(K_MALWARE, "malware", "c", "hacking or malware activity") \
	X(K_PHISHING, "phishing", "d", "phishing or social engineering") \
	X(K_VULNERABILITY, "vulnerability", "e", "security vulnerability exploited (known CVE or zero day)") \
	X(K_UNAUTHORISED_ACCESS, "unauthorised_access", "f", "unauthorised access to personal data in IT systems") \
	X(K_EXFILTRATION, "exfiltration", "g", "data exfiltration or unauthorised extraction") \
	X(K_WRONG_DATA_SUBJECT, "wrong_data_subject", "h", "data of the wrong data subject shown") \
	X(K_DEVICE_LOST, "device_lost", "i", "device lost or stolen") \
	X(K_E_WASTE, "e_waste", "j", "personal data left on an obsolete device") \
	X(K_PAPER_DISPOSAL, "paper_disposal", "k", "incorrect disposal of paper") \
	X(K_MAIL_LOST, "mail_lost", "l", "mail lost, opened or misdelivered") \
	X(K_MISCONFIGURATION, "misconfiguration", "m", "misconfiguration") \
	X(K_ACCESS_PERMISSIONS, "access_permissions", "n", "incorrect access permissions") \
	X(K_PAPER_LOST, "paper_lost", "o", "paper lost, stolen or left in an insecure place") \
	X(K_DELETED, "deleted", "p", "personal data deleted or destroyed") \
	X(K_WRONG_RECIPIENT, "wrong_recipient", "q", "personal data displayed to the wrong recipient") \
	X(K_SENT_BY_MISTAKE, "sent_by_mistake", "r", "personal data sent by mistake") \
	X(K_NO_BCC, "no_bcc", "s", "e-mail to many recipients without blind copy") \
	X(K_MALFUNCTION, "malfunction", "t", "technical malfunction") \
	X(K_UNAUTHORISED_MODIFICATION, "unauthorised_modification", "u", "unauthorised modification of data") \
	X(K_UNINTENDED_PUBLICATION, "unintended_publication", "v", "unintended publication") \
	X(K_VERBAL_DISCLOSURE, "verbal_disclosure", "w", "verbal unauthorised disclosure") \
	X(K_TBD, "tbd", "x", "to be determined (incomplete notification only)") \
	X(K_OTHER, "other", "y", "other, described in kind_description")
#define ENUM_CAUSE(X) \
	X(CAUSE_INTERNAL_ACCIDENTAL, "internal_accidental", "a", "internal, not malicious") \
	X(CAUSE_INTERNAL_MALICIOUS, "internal_malicious", "b", "internal, malicious") \
	X(CAUSE_EXTERNAL_ACCIDENTAL, "external_accidental", "c", "external, not malicious") \
	X(CAUSE_EXTERNAL_MALICIOUS, "external_malicious", "d", "external, malicious") \
	X(CAUSE_TBD, "tbd", "e", "to be determined (incomplete notification only)") \
	X(CAUSE_UNKNOWN, "unknown", "f", "unknown")
#define ENUM_SUBJECT_CAT(X) \
	X(SC_CUSTOMERS, "customers", "a", "customers, current and prospective") \
	X(SC_EMPLOYEES, "employees", "b", "employees, former, current and candidates") \
	X(SC_MILITARY_POLICE, "military_police", "c", "military or law-enforcement staff") \
	X(SC_MINORS, "minors", "d", "minors") \
	X(SC_PATIENTS, "patients", "e", "patients") \
	X(SC_STUDENTS, "students", "f", "students") \
	X(SC_SUBSCRIBERS, "subscribers", "g", "subscribers") \
	X(SC_USERS, "users", "h", "users") \
	X(SC_VULNERABLE, "vulnerable", "i", "vulnerable people (elderly, refugees, disabled people, victims...)") \
	X(SC_OTHER, "other", "j", "others, described in description") \
	X(SC_TBD, "tbd", "k", "not yet known (incomplete notification only)") \
	X(SC_PROSPECTS, "prospects", "a", "prospective customers (finer than customers; CNIL, ICO forms)") \
	X(SC_CORPORATE_OFFICERS, "corporate_officers", "j", "corporate officers (finer than others; CNIL form)") \
	X(SC_SERVICE_PROVIDERS, "service_providers", "j", "service providers (finer than others; CNIL form)") \
	X(SC_SUPPLIERS, "suppliers", "j", "suppliers (finer than others; CNIL form)")
#define ENUM_COUNT_BASIS(X) \
	X(CB_EXACT, "exact", "a", "exact number") \
	X(CB_APPROXIMATE, "approximate", "b", "approximate number") \
	X(CB_UNDETERMINED, "undetermined", "c", "the number cannot be determined") \
	X(CB_TBD, "tbd", "d", "to be determined (incomplete notification only)") \
	X(CB_AT_LEAST, "at_least", "", "at least this number: a lower bound (\"more than N\")")
#define ENUM_DATA_TYPE(X) \
	X(DT_BASIC, "basic", "a", "basic data (name, date of birth)") \
	X(DT_CONTACT, "contact", "b", "contact details (address, phone, e-mail)") \
	X(DT_BIOMETRIC, "biometric", "c", "biometric data (Art. 9)") \
	X(DT_CRIMINAL, "criminal", "d", "criminal convictions and offences (Art. 10)") \
	X(DT_POLITICAL, "political", "e", "political opinions (Art. 9)") \
	X(DT_ETHNIC_ORIGIN, "ethnic_origin", "f", "racial or ethnic origin (Art. 9)") \
	X(DT_RELIGIOUS, "religious", "g", "religious or philosophical beliefs (Art. 9)") \
	X(DT_SEX_LIFE, "sex_life", "h", "sex life or sexual orientation (Art. 9)") \
	X(DT_TRADE_UNION, "trade_union", "i", "trade-union membership (Art. 9)") \
	X(DT_GENETIC, "genetic", "j", "genetic data (Art. 9)") \
	X(DT_HEALTH, "health", "k", "health data (Art. 9)") \
	X(DT_FINANCIAL, "financial", "l", "economic and financial data") \
	X(DT_EMPLOYMENT_HEALTH, "employment_health", "m", "employment-related health data (Art. 9)") \
	X(DT_IDENTIFICATION, "identification", "n", "identification numbers (national ID...)") \
	X(DT_LOCATION, "location", "o", "location data") \
	X(DT_OFFICIAL_DOCUMENTS, "official_documents", "p", "official documents (scanned copies)") \
	X(DT_PAYMENT, "payment", "q", "payment means (cards, bank accounts)") \
	X(DT_PROFILE, "profile", "r", "profile data (social network, credit score...)") \
	X(DT_CREDENTIALS, "credentials", "s", "user credentials (user names, passwords, tokens)") \
	X(DT_TBD, "tbd", "t", "not yet known (incomplete notification only)") \
	X(DT_OTHER, "other", "u", "other types, described in description") \
	X(DT_CIVIL_STATUS, "civil_status", "a", "civil status, family situation, filiation (finer than basic; CNIL form)") \
	X(DT_SOCIAL_SECURITY, "social_security_number", "n", "social security number (finer than identification; CNIL form)") \
	X(DT_IP_ADDRESS, "ip_address", "u", "IP addresses (CNIL form)") \
	X(DT_CONNECTION, "connection_data", "u", "connection data: logs, time stamps (CNIL form)") \
	X(DT_TRANSACTION, "transaction_data", "l", "transaction data: purchases, orders (finer than financial; CNIL form)") \
	X(DT_BEHAVIOURAL, "behavioural", "r", "behavioural data: habits, preferences, listening history (finer than profile; CNIL form)")
#define ENUM_MEASURE_BEFORE(X) \
	X(MB_PSEUDONYMISATION, "pseudonymisation", "a", "pseudonymisation") \
	X(MB_BACKUP, "backup", "b", "backup and recovery plan") \
	X(MB_ENCRYPTION, "encryption", "c", "data encryption") \
	X(MB_POLICIES, "policies", "d", "data protection and security policies") \
	X(MB_TRAINING, "training", "e", "data protection and security training") \
	X(MB_INCIDENT_LOG, "incident_log", "f", "incident log") \
	X(MB_ACCESS_LEVELS, "access_levels", "g", "levels of access to data") \
	X(MB_ACCESS_CONTROL, "access_control", "h", "logical access control (e.g. MFA)") \
	X(MB_AUDITS, "audits", "i", "periodic audits") \
	X(MB_PHYSICAL_ACCESS, "physical_access", "j", "physical access control") \
	X(MB_UP_TO_DATE, "up_to_date", "k", "up-to-date IT systems") \
	X(MB_OTHER, "other", "l", "other measures, described in description")
#define ENUM_CONS_CONF(X) \
	X(CC_BEYOND_SCOPE, "beyond_scope", "a", "data disclosed beyond the privacy policy or the law") \
	X(CC_LINKABLE, "linkable", "b", "data may be linked with other information on the people") \
	X(CC_MISUSE, "misuse", "c", "data may be used for other purposes or unlawfully") \
	X(CC_OTHER, "other", "d", "other, described in confidentiality_description") \
	X(CC_TBD, "tbd", "e", "under assessment (incomplete notification only)")
#define ENUM_CONS_INT(X) \
	X(CI_INVALID_USED, "invalid_used", "a", "data may have been modified and used though no longer valid") \
	X(CI_REPURPOSED, "repurposed", "b", "data may have been modified into other valid data and used") \
	X(CI_OTHER, "other", "c", "other, described in integrity_description") \
	X(CI_TBD, "tbd", "d", "under assessment (incomplete notification only)")
#define ENUM_CONS_AV(X) \
	X(CA_NO_ACCESS, "no_access", "a", "people cannot access services") \
	X(CA_DISRUPTION, "disruption", "b", "service disrupted or hard to use") \
	X(CA_OTHER, "other", "c", "other, described in availability_description") \
	X(CA_TBD, "tbd", "d", "under assessment (incomplete notification only)")
#define ENUM_IMPACT(X) \
	X(IM_LOSS_OF_CONTROL, "loss_of_control", "a", "loss of control over their personal data") \
	X(IM_LIMITATION_OF_RIGHTS, "limitation_of_rights", "b", "limitation of their rights") \
	X(IM_DISCRIMINATION, "discrimination", "c", "discrimination") \
	X(IM_IDENTITY_THEFT, "identity_theft", "d", "identity theft or usurpation") \
	X(IM_FRAUD, "fraud", "e", "fraud") \
	X(IM_FINANCIAL_LOSS, "financial_loss", "f", "financial loss") \
	X(IM_PSEUDONYMISATION_REVERSAL, "pseudonymisation_reversal", "g", "unauthorised reversal of pseudonymisation") \
	X(IM_REPUTATION, "reputation", "h", "damage to reputation") \
	X(IM_PROFESSIONAL_SECRECY, "professional_secrecy", "i", "loss of confidentiality of data under professional secrecy") \
	X(IM_THIRD_PARTY_DISCLOSURE, "third_party_disclosure", "j", "disclosure to unauthorised third parties") \
	X(IM_ECONOMIC_SOCIAL, "economic_social", "k", "significant economic or social disadvantage") \
	X(IM_PHYSICAL_MENTAL, "physical_mental", "l", "physical or mental harm") \
	X(IM_PROPERTY, "property", "m", "material or non-material damage to property") \
	X(IM_OTHER, "other", "n", "other, described in impacts_description") \
	X(IM_TBD, "tbd", "o", "to be determined (incomplete notification only)")
#define ENUM_SEVERITY(X) \
	X(SEV_MINOR, "minor", "a", "minor") \
	X(SEV_MODERATE, "moderate", "b", "moderate") \
	X(SEV_SEVERE, "severe", "c", "severe") \
	X(SEV_TBD, "tbd", "d", "to be determined (incomplete notification only)")
#define ENUM_RISK(X) \
	X(RISK_HIGH, "high_risk", "a", "likely to result in a high risk (Art. 34(1))") \
	X(RISK_RISK, "risk", "b", "likely to result in a risk, not high (Art. 33(1))") \
	X(RISK_NONE, "no_risk", "c", "unlikely to result in a risk (Art. 33(1))") \
	X(RISK_TBD, "tbd", "d", "more information is needed (incomplete notification only)")
#define ENUM_PREVENTION(X) \
	X(PV_ANONYMISATION, "anonymisation", "a", "anonymisation") \
	X(PV_BACKUP, "backup", "b", "backup and recovery plan") \
	X(PV_PROCESS_CHANGE, "process_change", "c", "change of processes") \
	X(PV_ENCRYPTION, "encryption", "d", "data encryption") \
	X(PV_POLICIES, "policies", "e", "data protection and security policies") \
	X(PV_TRAINING, "training", "f", "data protection and security training") \
	X(PV_ERASURE, "erasure", "g", "erasure of the data") \
	X(PV_INCIDENT_LOG, "incident_log", "h", "incident log") \
	X(PV_ACCESS_LEVELS, "access_levels", "i", "levels of access to data") \
	X(PV_ACCESS_CONTROL, "access_control", "j", "logical access control (e.g. MFA)") \
	X(PV_AUDITS, "audits", "k", "periodic audits") \
	X(PV_PHYSICAL_ACCESS, "physical_access", "l", "physical access control") \
	X(PV_PSEUDONYMISATION, "pseudonymisation", "m", "pseudonymisation") \
	X(PV_UP_TO_DATE, "up_to_date", "n", "up-to-date IT systems") \
	X(PV_OTHER, "other", "o", "other measures, described in description")
#define ENUM_COMM_STATUS(X) \
	X(CS_DONE, "done", "a", "the people have been told") \
	X(CS_PLANNED, "planned", "b", "not yet; they will be told on planned_at") \
	X(CS_PLANNED_TBD, "planned_tbd", "b1", "not yet; they will be told, date to be determined") \
	X(CS_INVESTIGATING, "investigating", "c", "not yet; the investigation goes on (incomplete notification only)") \
	X(CS_NOT_HIGH_RISK, "not_high_risk", "d", "they will not be told: no high risk (Art. 34(1))") \
	X(CS_EXEMPT, "exempt", "e", "they will not be told: an Art. 34(3) condition is met")
#define ENUM_EXEMPTION(X) \
	X(EX_PROTECTED, "protected", "a", "Art. 34(3)(a): data unintelligible to others, e.g. encrypted, key safe") \
	X(EX_MITIGATED, "mitigated", "b", "Art. 34(3)(b): later measures make the high risk no longer likely") \
	X(EX_DISPROPORTIONATE, "disproportionate", "c", "Art. 34(3)(c): disproportionate effort; a public communication instead")
#define ENUM_REACH(X) \
	X(REACH_ALL, "all", "a", "all data subjects have been told") \
	X(REACH_PARTIAL, "partial", "b", "not all data subjects have been told")
#define ENUM_MEANS(X) \
	X(MEANS_INDIVIDUAL, "individual", "a", "individual communication (letter, e-mail, message)") \
	X(MEANS_PUBLIC, "public", "b", "public announcement (website, press, social network)") \
	X(MEANS_OTHER, "other", "c", "other, described in means_description")
#define ENUM_YES_NO(X) \
	X(YN_YES, "yes", "a", "yes") \
	X(YN_NO, "no", "b", "no") \
	X(YN_UNKNOWN, "unknown", "c", "unknown")
#define ENUM_ENISA_CAT(X) \
	X(EC_SIMPLE, "simple", "", "simple data (ENISA basic score 1)") \
	X(EC_BEHAVIOURAL, "behavioural", "", "behavioural data (ENISA basic score 2)") \
	X(EC_FINANCIAL, "financial", "", "financial data (ENISA basic score 3)") \
	X(EC_SENSITIVE, "sensitive", "", "sensitive data (ENISA basic score 4)")
#define ENUM_ENISA_FACTOR(X) \
	X(EF_VOLUME, "volume", "", "volume of data per person (raises)") \
	X(EF_CONTROLLER, "controller", "", "special characteristics of the controller (raises)") \
	X(EF_INDIVIDUALS, "individuals", "", "special characteristics of the people (raises)") \
	X(EF_INVALID, "invalid", "", "invalid or inaccurate data (lowers)") \
	X(EF_PUBLIC, "public", "", "data publicly available before the breach (lowers)") \
	X(EF_NATURE, "nature", "", "the data reveal less than their category suggests (lowers)")
#define ENUM_ENISA_EI(X) \
	X(EI_NEGLIGIBLE, "negligible", "", "0.25: extremely hard to link the data to a person") \
	X(EI_LIMITED, "limited", "", "0.5: identification needs significant effort") \
	X(EI_SIGNIFICANT, "significant", "", "0.75: identification with limited effort") \
	X(EI_MAXIMUM, "maximum", "", "1: identity evident from the data")
#define ENUM_RECIPIENTS(X) \
	X(RCP_NONE, "none", "", "no evidence of unlawful processing (ENISA CB 0)") \
	X(RCP_KNOWN, "known", "", "disclosed to a known number of recipients (ENISA CB +0.25)") \
	X(RCP_UNKNOWN, "unknown", "", "disclosed to an unknown number of recipients (ENISA CB +0.5)")
/* Asked by the national online forms (templates/forms/), not by the EDPB
 * template. */
#define ENUM_ESTABLISHED(X) \
	X(EST_ESTABLISHED, "established", "", "the breach is established (CNIL form: violation avérée)") \
	X(EST_SUSPECTED, "suspected", "", "the breach is suspected, not yet established (CNIL form: violation suspectée)")
#define ENUM_MEDIA(X) \
	X(MD_SERVER, "server", "", "server, database or cloud service") \
	X(MD_WORKSTATION, "workstation", "", "desktop computer") \
	X(MD_LAPTOP, "laptop", "", "laptop computer") \
	X(MD_REMOVABLE, "removable_media", "", "removable media: USB key, external or backup disk") \
	X(MD_PHONE, "phone", "", "mobile phone or tablet") \
	X(MD_BACKUP, "backup", "", "backup copy") \
	X(MD_PAPER, "paper", "", "paper documents")
#define ENUM_HEADCOUNT(X) \
	X(HC_UP_TO_9, "up_to_9", "", "fewer than 10 people") \
	X(HC_10_49, "from_10_to_49", "", "10 to 49 people") \
	X(HC_50_249, "from_50_to_249", "", "50 to 249 people") \
	X(HC_250_999, "from_250_to_999", "", "250 to 999 people") \
	X(HC_1000_4999, "from_1000_to_4999", "", "1,000 to 4,999 people") \
	X(HC_OVER_5000, "over_5000", "", "more than 5,000 people")
#define ENUM_ATTACHMENT(X) \
	X(AT_SUBJECT_COMMUNICATION, "subject_communication", "a", "dated copy of the communication to the data subjects") \
	X(AT_RISK_ASSESSMENT, "risk_assessment", "b", "dated copy of the risk assessment") \
	X(AT_INVESTIGATION_REPORT, "investigation_report", "c", "dated copy of the investigation report") \
	X(AT_RANSOM_NOTE, "ransom_note", "d", "dated copy of the ransom note") \
	X(AT_PHISHING_MESSAGE, "phishing_message", "e", "dated copy of the phishing message") \
	X(AT_NOTIFICATION_PROCEDURE, "notification_procedure", "f", "internal breach notification procedure") \
	X(AT_DELETION_POLICY, "deletion_policy", "g", "internal deletion policy") \
	X(AT_WRONG_RECIPIENTS, "wrong_recipients", "h", "communication to the wrong recipients") \
	X(AT_EXTERNAL_NOTICE, "external_notice", "i", "external notice of the breach") \
	X(AT_OTHER, "other", "j", "other, described in description")
/* Grammatical gender of a person's function, where the file gives it
 * (issue 11: "déléguée", "Datenschutzbeauftragte"); absent, the reports
 * use a neutral wording. */
#define ENUM_GENDER(X) \
	X(GEN_FEMALE, "female", "", "feminine forms: déléguée, Datenschutzbeauftragte") \
	X(GEN_MALE, "male", "", "masculine forms: délégué, Datenschutzbeauftragter")

/* The facts that decide the assessment (issue 9): who holds the data,
 * lost devices, outages, how certain the controller is. "not_known" is
 * a lawful answer at any stage, unlike tbd. */
#define ENUM_HOLDER(X) \
	X(HOLD_RETRIEVED, "retrieved", "", "retrieved or recalled before anyone read them") \
	X(HOLD_TRUSTED_DELETED, "trusted_deleted", "", "a known recipient bound by professional secrecy or a contract, who reported the error and deleted the data, deletion confirmed in writing (deleted_at)") \
	X(HOLD_TRUSTED, "trusted", "", "a known recipient bound by professional secrecy or a contract; deletion not confirmed") \
	X(HOLD_SUBJECTS, "subjects", "", "the people concerned themselves, who received each other's data") \
	X(HOLD_KNOWN, "known", "", "a known recipient with no such tie") \
	X(HOLD_UNKNOWN, "unknown", "", "an unknown party (e.g. whoever finds a lost device or letter)") \
	X(HOLD_MALICIOUS, "malicious", "", "an attacker, a thief, or anyone who sought the data") \
	X(HOLD_NOT_KNOWN, "not_known", "", "not known yet")
#define ENUM_DEVICE(X) \
	X(DEV_WIPED, "wiped", "", "wiped remotely, the wipe confirmed") \
	X(DEV_RECOVERED, "recovered", "", "recovered, with no sign that anyone read the data") \
	X(DEV_MISSING, "missing", "", "still missing, neither wiped nor recovered") \
	X(DEV_NOT_KNOWN, "not_known", "", "not known yet")
#define ENUM_RESTORE(X) \
	X(RS_NO_LOSS, "no_loss", "", "nothing was lost: the service came back with the data (e.g. after a power cut or a denial of service)") \
	X(RS_BACKUP, "backup", "", "restored from a backup") \
	X(RS_PAPER, "paper_records", "", "re-entered from paper records") \
	X(RS_REBUILT, "rebuilt", "", "rebuilt from other sources") \
	X(RS_NOT_YET, "not_yet", "", "not back yet") \
	X(RS_NEVER, "never", "", "lost for good") \
	X(RS_NOT_KNOWN, "not_known", "", "not known yet")
#define ENUM_OUTAGE_EFFECT(X) \
	X(OE_NONE, "none", "", "nothing noticeable for the people") \
	X(OE_DELAYS, "delays", "", "delays (orders, answers, payments)") \
	X(OE_SERVICE_DENIED, "service_denied", "", "people could not use a service they depend on") \
	X(OE_CARE, "care_affected", "", "care or safety affected (treatment postponed or cancelled)") \
	X(OE_NOT_KNOWN, "not_known", "", "not known yet")
#define ENUM_CERTAINTY(X) \
	X(CT_LOGS_PROVE_NONE, "logs_prove_none", "", "complete logs show no outbound flow") \
	X(CT_NONE_FOUND, "none_found", "", "nothing found so far, without proof") \
	X(CT_CANNOT_ASSESS, "cannot_assess", "", "not possible to assess") \
	X(CT_TRACES_ERASABLE, "traces_erasable", "", "the attacker could erase traces, or went unseen for weeks")

#define INC_ENUM_ID(id, key, letter, desc) id,
#define INC_DECLARE_ENUM(name, list) \
	enum name { name##_unset = 0, list(INC_ENUM_ID) name##_count_ };

INC_DECLARE_ENUM(notif_type, ENUM_NOTIF_TYPE)
INC_DECLARE_ENUM(notif_subtype, ENUM_NOTIF_SUBTYPE)
INC_DECLARE_ENUM(id_type, ENUM_ID_TYPE)
INC_DECLARE_ENUM(sector, ENUM_SECTOR)
INC_DECLARE_ENUM(org_size, ENUM_ORG_SIZE)
INC_DECLARE_ENUM(reporter_fn, ENUM_REPORTER_FN)
INC_DECLARE_ENUM(contact_who, ENUM_CONTACT_WHO)
INC_DECLARE_ENUM(party_role, ENUM_PARTY_ROLE)
INC_DECLARE_ENUM(occurred, ENUM_OCCURRED)
INC_DECLARE_ENUM(discovery, ENUM_DISCOVERY)
INC_DECLARE_ENUM(breach, ENUM_BREACH)
INC_DECLARE_ENUM(confidentiality, ENUM_CONFIDENTIALITY)
INC_DECLARE_ENUM(unintelligible, ENUM_UNINTELLIGIBLE)
INC_DECLARE_ENUM(integrity, ENUM_INTEGRITY)
INC_DECLARE_ENUM(availability, ENUM_AVAILABILITY)
INC_DECLARE_ENUM(kind, ENUM_KIND)
INC_DECLARE_ENUM(cause, ENUM_CAUSE)
INC_DECLARE_ENUM(subject_cat, ENUM_SUBJECT_CAT)
INC_DECLARE_ENUM(count_basis, ENUM_COUNT_BASIS)
INC_DECLARE_ENUM(data_type, ENUM_DATA_TYPE)
INC_DECLARE_ENUM(measure_before, ENUM_MEASURE_BEFORE)
INC_DECLARE_ENUM(cons_conf, ENUM_CONS_CONF)
INC_DECLARE_ENUM(cons_int, ENUM_CONS_INT)
INC_DECLARE_ENUM(cons_av, ENUM_CONS_AV)
INC_DECLARE_ENUM(impact, ENUM_IMPACT)
INC_DECLARE_ENUM(severity, ENUM_SEVERITY)
INC_DECLARE_ENUM(risk, ENUM_RISK)
INC_DECLARE_ENUM(prevention, ENUM_PREVENTION)
INC_DECLARE_ENUM(comm_status, ENUM_COMM_STATUS)
INC_DECLARE_ENUM(exemption, ENUM_EXEMPTION)
INC_DECLARE_ENUM(reach, ENUM_REACH)
INC_DECLARE_ENUM(means, ENUM_MEANS)
INC_DECLARE_ENUM(yes_no, ENUM_YES_NO)
INC_DECLARE_ENUM(enisa_cat, ENUM_ENISA_CAT)
INC_DECLARE_ENUM(enisa_factor, ENUM_ENISA_FACTOR)
INC_DECLARE_ENUM(enisa_ei, ENUM_ENISA_EI)
INC_DECLARE_ENUM(recipients, ENUM_RECIPIENTS)
INC_DECLARE_ENUM(attachment, ENUM_ATTACHMENT)
INC_DECLARE_ENUM(gender, ENUM_GENDER)
INC_DECLARE_ENUM(established, ENUM_ESTABLISHED)
INC_DECLARE_ENUM(media, ENUM_MEDIA)
INC_DECLARE_ENUM(headcount, ENUM_HEADCOUNT)
INC_DECLARE_ENUM(holder, ENUM_HOLDER)
INC_DECLARE_ENUM(lost_device, ENUM_DEVICE)
INC_DECLARE_ENUM(restore, ENUM_RESTORE)
INC_DECLARE_ENUM(outage_effect, ENUM_OUTAGE_EFFECT)
INC_DECLARE_ENUM(certainty, ENUM_CERTAINTY)

/* A set of enum values: bit v is set when value v was listed. */
typedef uint64_t inc_set;
#define INC_HAS(set, v) (((set) >> (v)) & 1u)

/* The special categories of Art. 9 and the criminal data of Art. 10. */
#define INC_ART9_10 ((1ull << DT_BIOMETRIC) | (1ull << DT_CRIMINAL) | \
	(1ull << DT_POLITICAL) | (1ull << DT_ETHNIC_ORIGIN) | \
	(1ull << DT_RELIGIOUS) | (1ull << DT_SEX_LIFE) | \
	(1ull << DT_TRADE_UNION) | (1ull << DT_GENETIC) | \
	(1ull << DT_HEALTH) | (1ull << DT_EMPLOYMENT_HEALTH))
/* Financial and identity data (G 9/2022: a risk of fraud or identity
 * theft when unencrypted). */
#define INC_ID_FIN ((1ull << DT_FINANCIAL) | (1ull << DT_PAYMENT) | \
	(1ull << DT_IDENTIFICATION) | (1ull << DT_OFFICIAL_DOCUMENTS) | \
	(1ull << DT_SOCIAL_SECURITY) | (1ull << DT_TRANSACTION))

/* Free text: a plain string in the incident's language, or one string
 * per language. */
struct inc_tr {
	const char *lang;
	const char *text;
};
struct inc_text {
	const char *plain;	/* set for the plain-string form */
	struct inc_tr *tr;	/* set for the map form */
	size_t ntr;
	struct pos pos;
};
#define INC_TEXT_SET(t) ((t).plain != NULL || (t).ntr > 0)

/* An instant with the UTC offset it was written with. */
struct inc_time {
	bool set;
	int64_t epoch;	/* seconds since 1970-01-01T00:00:00Z */
	int offset_min;	/* offset as written */
	struct pos pos;
};

/* A count of people or records: -1 when not given. */
struct inc_count {
	int64_t value;
	struct pos pos;
};

struct inc_contact {
	const char *address, *email, *phone, *url;
};

struct inc_party {
	enum party_role role;
	const char *name;
	struct inc_contact contact;
	struct inc_time aware_at, informed_controller_at;
	struct inc_count contract_hours;
	struct pos pos;
};

struct inc_adjustment {
	enum enisa_factor factor;
	int delta;
	struct inc_text reason;
	struct pos pos;
};

struct inc_country_count {
	const char *country;	/* ISO 3166-1 alpha-2, lower case */
	int64_t count;
	struct pos pos;
};

/* One group of people with its own data (subjects.groups). */
struct inc_group {
	struct inc_text description;
	enum count_basis count_basis;
	struct inc_count count;
	inc_set categories;
	inc_set types;
	struct pos pos;
};

/* A field answered `tbd` in an incomplete notification (Art. 33(4)). */
struct inc_tbd {
	const char *path;	/* e.g. "subjects.count" */
	unsigned edpb;		/* EDPB field number, 0 if none */
	struct pos pos;
};

struct incident {
	const char *file;
	const struct node *root;	/* the loaded tree, for positions */
	int version;
	const char *id;
	const char *language;
	const char **languages;
	size_t nlanguages;

	struct {
		enum notif_type type;
		enum notif_subtype subtype;
		const char *previous_reference;
		struct inc_text withdraw_reason;
		const char *reference;
		struct inc_time sent_at;
		struct inc_time expected_completion;
		const char *follows;	/* id of the file followed */
	} notification;

	struct {
		const char *name;
		enum id_type identifier_type;
		const char *identifier;
		struct inc_contact contact;
		enum sector sector;
		enum org_size size;
		struct inc_text size_description;
		const char *activity;
		const char *country;
		bool eea_established;
		bool public_body;
		enum headcount headcount;	/* forms */
		struct {
			const char *name;
			struct inc_contact contact;
		} representative;
	} controller;

	struct {
		const char *name;
		enum reporter_fn function;
		struct inc_text function_description;
		struct inc_contact contact;
		enum gender gender;
		const char *national_id;	/* EDPB 25 */
		bool accuracy;			/* EDPB 26 */
	} reporter;

	struct {
		bool designated;
		const char *name;
		struct inc_contact contact;
		enum gender gender;
	} dpo;

	struct {
		enum contact_who who;
		const char *name;
		const char *function;
		struct inc_contact contact;
	} contact_point;

	struct inc_party *parties;
	size_t nparties;

	struct {
		enum occurred occurred;
		bool estimated;
		struct inc_time start, end, aware_at, reported_at;
		struct inc_text awareness_description;
		struct inc_text late_reason;
		enum discovery discovery;
		struct inc_text discovery_description;
		struct inc_text comments;
		struct inc_time discovered_at;	/* forms */
	} timeline;

	struct {
		inc_set breach;
		enum confidentiality confidentiality;
		enum unintelligible unintelligible;
		struct inc_text unintelligible_description;
		enum integrity integrity;
		enum availability availability;
		inc_set kind;
		struct inc_text kind_description;
		enum cause cause;
		struct inc_text description;
		struct inc_text systems;
		enum established established;	/* forms */
	} nature;

	struct {
		inc_set categories;
		struct inc_text description;
		enum count_basis count_basis;
		struct inc_count count;
		enum yes_no identifiable;	/* forms */
		/* Issue 9: bounds in words, groups with their own data. */
		struct inc_text count_description;
		struct inc_group *groups;
		size_t ngroups;
	} subjects;

	struct {
		inc_set types;
		struct inc_text description;
		enum count_basis records_basis;
		struct inc_count records;
		bool already_public;
		bool restored_from_backup;
		inc_set media;			/* forms */
	} data;

	struct {
		inc_set measures;
		struct inc_text description;
	} measures_in_place;

	struct {
		inc_set confidentiality, integrity, availability, impacts;
		struct inc_text confidentiality_description;
		struct inc_text integrity_description;
		struct inc_text availability_description;
		struct inc_text impacts_description;
		struct inc_text description;
		enum severity severity;
	} consequences;

	struct {
		enum risk outcome;
		struct inc_text rationale;
		struct {
			enum enisa_cat credentials_open;
			struct inc_adjustment *adjustments;
			size_t nadjustments;
			enum enisa_ei ei;
			enum recipients recipients;
			bool availability_recoverable;
		} enisa;
		/* Issue 9: the facts the EDPB's answers turn on. */
		enum holder holder;
		struct inc_time deleted_at;
		enum lost_device device;
		enum certainty certainty;
		struct {
			struct inc_count hours;
			enum restore restored_by;
			enum outage_effect effect;
		} outage;
		inc_set attacker_knew;
	} risk;

	struct {
		struct inc_text description;
		struct inc_text planned;
		struct inc_text medium_term;	/* forms */
	} measures_taken;

	struct {
		inc_set measures;
		struct inc_text description;
	} prevention;

	struct {
		enum comm_status status;
		struct inc_time sent_at, planned_at;
		enum exemption exemption;
		struct inc_text exemption_description;
		enum reach reach;
		struct inc_text reach_description;
		inc_set means;
		struct inc_text means_description;
		struct inc_text content;
		struct inc_text what_happened, what_it_means, what_we_did;
		struct inc_text *advice;
		size_t nadvice;
		struct inc_text delay_reason;
		bool voluntary;		/* a notice outside Art. 34 */
	} communication;

	struct {
		enum yes_no police;
		enum yes_no other_authorities;
		struct inc_text description;
	} other_notifications;

	struct {
		enum yes_no processing;
		const char *lead_authority;
		const char **establishments;
		size_t nestablishments;
		struct inc_country_count *countries;
		size_t ncountries;
		const char **authorities;
		size_t nauthorities;
	} cross_border;

	/* EDPB 120-123: a controller not established in the EEA. */
	struct {
		enum yes_no processing;
		struct inc_country_count *countries;
		size_t ncountries;
		const char **authorities;
		size_t nauthorities;
	} outside_eea;

	struct {
		inc_set items;
		struct inc_text description;
	} attachments;

	struct {
		bool notify_authority;
		bool communicate_subjects;
		struct inc_text rationale;
	} decision;

	struct inc_tbd *tbd;
	size_t ntbd;
};

/*
 * Loads and validates an incident file. Returns NULL when the file has
 * errors (all of them added to d, each at its position); warnings do not
 * stop it. *status is 0, EXIT_NOINPUT or EXIT_DATAERR.
 */
struct incident *incident_load(struct arena *a, const char *path,
			       struct diags *d, int *status);
/* The same from a node tree already loaded (tests, fuzzing). */
struct incident *incident_from_node(struct arena *a, const struct node *root,
				    const char *file, struct diags *d);

/* Text in a language: the map entry, or the plain string when lang is the
 * incident's language; NULL when missing. */
const char *inc_text_get(const struct incident *inc, const struct inc_text *t,
			 const char *lang);
/* Position of a dotted path in the source (the nearest given parent when
 * the path is absent). */
struct pos inc_pos(const struct incident *inc, const char *path);

#endif

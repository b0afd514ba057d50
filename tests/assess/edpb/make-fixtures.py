#!/usr/bin/env python3
"""Writes the EDPB Guidelines 01/2021 fixtures of this folder (run once;
the YAML files are committed, this script documents how they were made).

Each case: the guidelines' scenario in the file's terms, the outcome the
guidelines give (notify the authority / tell the people) and the case it
rests on. What comes from the source and what is invented is said in each
file's header. The primary text of 01/2021 could not be opened with the
project's search tool: scenarios and outcomes come from secondary
summaries (law-firm notes; a tabulated summary of cases 09, 13-16) and
from memory of the text; outcomes no summary confirms are marked
[unverified]."""
import sys

CASES = []

def case(**k):
    CASES.append(k)

# ---- Ransomware (section 2) ------------------------------------------------
case(id="e01-ransomware-backup", case="01", notify=False, tell=False,
     title="Ransomware with proper backup and without exfiltration",
     source="a small manufacturer's files encrypted by ransomware; logs show "
     "no exfiltration; restored from a backup within a few hours; no effect "
     "on people",
     invented="the count (40), the 3 hours, the data types",
     breach=["availability"], availability="temporary", kind=["ransomware"],
     cause="external_malicious", categories=["employees", "customers"],
     count=40, types=["basic", "contact", "financial"],
     cons_av=["disruption"],
     risk_extra={"outage": {"hours": 3, "restored_by": "backup",
                            "effect": "none"},
                 "certainty": "logs_prove_none"},
     verified="summaries (Baker McKenzie, 2021) confirm: neither")
case(id="e02-ransomware-no-backup", case="02", notify=True, tell=False,
     title="Ransomware without proper backup",
     source="an agricultural company's data encrypted, no backup; re-entered "
     "from paper records over five days; minor delays in orders",
     invented="the count, the data types",
     breach=["availability"], availability="temporary", kind=["ransomware"],
     cause="external_malicious", categories=["customers", "employees"],
     count=60, types=["basic", "contact"], cons_av=["disruption"],
     risk_extra={"outage": {"hours": 120, "restored_by": "paper_records",
                            "effect": "delays"},
                 "certainty": "logs_prove_none"},
     verified="[unverified] outcome from memory of the text")
case(id="e03-ransomware-hospital", case="03", notify=True, tell=True,
     title="Ransomware with backup and without exfiltration in a hospital",
     source="a hospital's systems encrypted; no exfiltration; restore from "
     "backup took two days; operations postponed",
     invented="the count, the data types",
     breach=["availability"], availability="temporary", kind=["ransomware"],
     cause="external_malicious", categories=["patients"], count=1800,
     types=["basic", "health"], cons_av=["no_access"],
     impacts=["physical_mental"],
     risk_extra={"outage": {"hours": 48, "restored_by": "backup",
                            "effect": "care_affected"},
                 "certainty": "logs_prove_none"},
     verified="summaries (Baker McKenzie, 2021) confirm: both")
case(id="e04-ransomware-exfiltration", case="04", notify=True, tell=True,
     title="Ransomware without backup and with exfiltration",
     source="a transport company's server encrypted and its data "
     "exfiltrated; no backup",
     invented="the count, the data types (identity numbers among them)",
     breach=["confidentiality", "availability"],
     confidentiality="exfiltrated", unintelligible="no",
     availability="permanent", kind=["ransomware", "exfiltration"],
     cause="external_malicious", categories=["customers", "employees"],
     count=5000, types=["basic", "contact", "identification"],
     cons_conf=["misuse"], cons_av=["no_access"], recipients="unknown",
     risk_extra={"holder": "malicious", "outage": {"restored_by": "never"},
                 "certainty": "traces_erasable"},
     verified="[unverified] outcome from memory of the text")
# ---- Data exfiltration (section 3) ----------------------------------------
case(id="e05-job-applications", case="05", notify=True, tell=True,
     title="Exfiltration of job application data from a website",
     source="malicious code on an employment agency's site exposed the "
     "application forms of 213 people; no special categories",
     invented="the data types as the file names them",
     breach=["confidentiality"], confidentiality="exfiltrated",
     unintelligible="no", kind=["malware", "exfiltration"],
     cause="external_malicious", categories=["customers"], count=213,
     types=["basic", "contact"], cons_conf=["misuse"], recipients="unknown",
     risk_extra={"holder": "malicious"},
     verified="[unverified] outcome from memory of the text")
case(id="e06-hashed-passwords", case="06", notify=False, tell=False,
     title="Exfiltration of hashed passwords from a website",
     source="SQL injection on a recipe site; user names and passwords "
     "hashed with a state-of-the-art salted algorithm, salt not taken",
     invented="the count",
     breach=["confidentiality"], confidentiality="exfiltrated",
     unintelligible="protected", kind=["vulnerability", "exfiltration"],
     cause="external_malicious", categories=["users"], count=1200,
     types=["credentials"], cons_conf=["misuse"], recipients="unknown",
     risk_extra={"holder": "malicious"}, credentials_open="simple",
     verified="[unverified] outcome from memory of the text")
case(id="e07-credential-stuffing", case="07", notify=True, tell=True,
     title="Credential stuffing attack on a banking website",
     source="leaked credentials tried on a bank's site; some accounts "
     "entered, with their personal and financial data",
     invented="the counts of both groups",
     breach=["confidentiality"], confidentiality="exfiltrated",
     unintelligible="no", kind=["unauthorised_access"],
     cause="external_malicious", categories=["customers"], count=2000,
     count_basis="at_least", types=["basic", "contact", "financial"],
     cons_conf=["misuse"], recipients="unknown",
     risk_extra={"holder": "malicious"},
     groups=[("accounts the attacker logged into", 2000,
              ["basic", "contact", "financial"])],
     verified="[unverified] outcome from memory of the text")
# ---- Internal human risk (section 4) ---------------------------------------
case(id="e08-employee-exfiltration", case="08", notify=True, tell=False,
     title="Exfiltration of business data by an employee",
     source="a leaving employee copied customer contact data to use at a "
     "competitor",
     invented="the count, the data types",
     breach=["confidentiality"], confidentiality="exfiltrated",
     unintelligible="no", kind=["employee_abuse"],
     cause="internal_malicious", categories=["customers"], count=600,
     types=["basic", "contact"], cons_conf=["misuse"], recipients="known",
     risk_extra={"holder": "known"},
     verified="[unverified] outcome from memory of the text")
case(id="e09-trusted-third-party", case="09", notify=False, tell=False,
     title="Accidental transmission of data to a trusted third party",
     source="an insurance agent received other agents' customer lists by "
     "mistake, reported it, deleted them and confirmed in writing",
     invented="the count, the dates",
     breach=["confidentiality"], confidentiality="exfiltrated",
     unintelligible="no", kind=["sent_by_mistake"],
     cause="internal_accidental", categories=["customers"], count=30,
     types=["basic", "contact"], cons_conf=["beyond_scope"],
     recipients="known",
     risk_extra={"holder": "trusted_deleted",
                 "deleted_at": "'2025-12-14T16:00:00+01:00'"},
     verified="a tabulated summary of the cases (ije.be) confirms: neither, "
     "if secrecy, deletion and no sensitive data")
# ---- Lost or stolen devices and paper (section 5) --------------------------
case(id="e10-stolen-encrypted", case="10", notify=False, tell=False,
     title="Stolen material storing encrypted personal data",
     source="tablets stolen from a day-care centre; the data encrypted with "
     "the key safe; wiped remotely",
     invented="the count",
     breach=["confidentiality"], confidentiality="likely_exfiltrated",
     unintelligible="protected", kind=["device_lost"],
     cause="external_malicious", categories=["minors"], count=50,
     types=["basic", "health"], cons_conf=["misuse"], recipients="unknown",
     risk_extra={"holder": "malicious", "device": "wiped"},
     verified="[unverified] outcome from memory of the text")
case(id="e11-stolen-unencrypted", case="11", notify=True, tell=True,
     title="Stolen material storing non-encrypted personal data",
     source="an employee's unencrypted notebook stolen, holding names, sex, "
     "addresses and dates of birth of over 100 000 customers",
     invented="nothing beyond the file's terms",
     breach=["confidentiality"], confidentiality="likely_exfiltrated",
     unintelligible="no", kind=["device_lost"], cause="external_malicious",
     categories=["customers"], count=100000, count_basis="at_least",
     types=["basic", "contact"], cons_conf=["misuse"], recipients="unknown",
     risk_extra={"holder": "malicious", "device": "missing"},
     verified="[unverified] outcome from memory of the text")
case(id="e12-stolen-paper", case="12", notify=True, tell=True,
     title="Stolen paper files with sensitive data",
     source="a paper logbook stolen from a drug-rehabilitation centre, with "
     "identity and health data of patients",
     invented="the count",
     breach=["confidentiality", "availability"],
     confidentiality="likely_exfiltrated", unintelligible="no",
     availability="permanent", kind=["paper_lost"],
     cause="external_malicious", categories=["patients"], count=150,
     types=["basic", "health"], cons_conf=["misuse"], cons_av=["no_access"],
     recipients="unknown",
     risk_extra={"holder": "malicious", "device": "missing",
                 "outage": {"restored_by": "never"}},
     verified="[unverified] outcome from memory of the text")
# ---- Mispostal (section 6) ------------------------------------------------
case(id="e13-swapped-invoices", case="13", notify=False, tell=False,
     title="Postal mail mistake: two customers' invoices swapped",
     source="two shoe orders packed with each other's invoice (name, "
     "address, items, price)",
     invented="nothing beyond the file's terms",
     breach=["confidentiality"], confidentiality="exfiltrated",
     unintelligible="no", kind=["mail_lost"], cause="internal_accidental",
     categories=["customers"], count=2, types=["basic", "contact"],
     cons_conf=["beyond_scope"], recipients="known",
     risk_extra={"holder": "subjects"},
     verified="a tabulated summary of the cases (ije.be) confirms: neither")
case(id="e14-job-seekers-ssn", case="14", notify=True, tell=True,
     title="Highly confidential personal data sent by e-mail by mistake",
     source="a public employment service e-mailed job seekers a file with "
     "every job seeker's name, addresses and social security number",
     invented="the count",
     breach=["confidentiality"], confidentiality="exfiltrated",
     unintelligible="no", kind=["sent_by_mistake"],
     cause="internal_accidental", categories=["customers"], count=60000,
     types=["basic", "contact", "identification"],
     cons_conf=["beyond_scope"], recipients="known",
     risk_extra={"holder": "subjects"},
     verified="a tabulated summary of the cases (ije.be) confirms: both")
case(id="e15-participants-list", case="15", notify=True, tell=False,
     title="Personal data sent by e-mail by mistake",
     source="a course's participant list (names, e-mail addresses, two "
     "noting lactose intolerance) sent to 15 former participants, who "
     "were asked to delete it",
     invented="the adjustment's wording",
     breach=["confidentiality"], confidentiality="exfiltrated",
     unintelligible="no", kind=["sent_by_mistake"],
     cause="internal_accidental", categories=["customers"], count=15,
     types=["basic", "contact", "health"], cons_conf=["beyond_scope"],
     recipients="known", risk_extra={"holder": "known"},
     adjust=("nature", -2, "The only health detail is a lactose "
             "intolerance given as a meal preference."),
     verified="[unverified] outcome from memory of the text")
case(id="e16-insurance-letter", case="16", notify=True, tell=False,
     title="Snail mail mistake: an insurance letter to the wrong address",
     source="a car-insurance letter (name, address, date of birth, plate, "
     "premium, mileage) delivered to another household; no bank, payment "
     "or other financial data, no health data (from memory of the text)",
     invented="nothing beyond the file's terms",
     breach=["confidentiality"], confidentiality="exfiltrated",
     unintelligible="no", kind=["mail_lost"], cause="internal_accidental",
     categories=["customers"], count=1, types=["basic", "contact", "other"],
     cons_conf=["beyond_scope"], recipients="known",
     risk_extra={"holder": "known"},
     verified="a tabulated summary of the cases (ije.be) confirms: authority "
     "only")
# ---- Social engineering (section 7) ----------------------------------------
case(id="e17-identity-theft", case="17", notify=True, tell=True,
     title="Identity theft through a call centre",
     source="an impostor who knew a customer's name and address had the "
     "contact e-mail changed and received the customer's invoices and call "
     "records",
     invented="the data types as the file names them",
     breach=["confidentiality", "integrity"], confidentiality="exfiltrated",
     unintelligible="no", integrity="misuse_recoverable",
     kind=["phishing"], cause="external_malicious", categories=["customers"],
     count=1, types=["basic", "contact", "location", "financial"],
     cons_conf=["misuse"], cons_int=["repurposed"],
     impacts=["identity_theft", "fraud"], recipients="known",
     risk_extra={"holder": "malicious", "attacker_knew": "[basic, contact]"},
     verified="[unverified] outcome from memory of the text")
case(id="e18-mailbox-exfiltration", case="18", notify=True, tell=True,
     title="Mailbox exfiltration",
     source="an attacker read a retailer's mailboxes for months, holding "
     "employees' salary and bank details",
     invented="the count, the data types",
     breach=["confidentiality"], confidentiality="exfiltrated",
     unintelligible="no", kind=["phishing", "unauthorised_access"],
     cause="external_malicious", categories=["employees"], count=99,
     types=["basic", "contact", "financial"], cons_conf=["misuse"],
     recipients="unknown",
     risk_extra={"holder": "malicious", "certainty": "traces_erasable"},
     verified="[unverified] outcome from memory of the text")

# ---- Rule coverage (not from a source) ----------------------------------
def cov(rule, id, title, **k):
    k.update(rule=rule, id=id, title=title, case="", invented="",
             verified="")
    CASES.append(k)

CONF = dict(breach=["confidentiality"], confidentiality="exfiltrated",
            unintelligible="no", cause="external_malicious",
            categories=["customers"], count=500, types=["contact"],
            cons_conf=["misuse"], recipients="unknown")
cov("N02", "r-n02-already-public", "every item was public before",
    notify=False, tell=False, kind=["exfiltration"],
    data_extra={"already_public": "true"}, **CONF)
cov("N09", "r-n09-few-known", "a file without risk.holder, a few "
    "addresses e-mailed by mistake to known recipients",
    notify=False, tell=False, kind=["sent_by_mistake"],
    **dict(CONF, cause="internal_accidental", recipients="known",
           count=12))
cov("N03", "r-n03-retrieved", "an e-mail recalled before anyone read it",
    notify=False, tell=False, kind=["sent_by_mistake"],
    risk_extra={"holder": "retrieved"},
    **dict(CONF, cause="internal_accidental", recipients="known"))
cov("N05", "r-n05-device-wiped", "a stolen laptop wiped remotely",
    notify=False, tell=False, kind=["device_lost"],
    risk_extra={"device": "wiped"},
    **dict(CONF, confidentiality="likely_exfiltrated"))
cov("N06", "r-n06-not-disclosed", "an intrusion with logs proving nothing left",
    notify=False, tell=False, kind=["unauthorised_access"],
    risk_extra={"certainty": "logs_prove_none"},
    **dict(CONF, confidentiality="not_exfiltrated"))
cov("N40", "r-n40-snooping", "an employee read patients' records with no "
    "need, nothing copied out",
    notify=True, tell=True, kind=["employee_abuse"],
    risk_extra={"certainty": "logs_prove_none"},
    **dict(CONF, confidentiality="not_exfiltrated",
           cause="internal_malicious", recipients="known",
           categories=["patients"], count=40, types=["basic", "health"]))
cov("N10", "r-n10-integrity-restored", "records altered, not misused, restored",
    notify=False, tell=False, breach=["integrity"], integrity="no_misuse",
    kind=["unauthorised_modification"], cause="external_malicious",
    categories=["customers"], count=500, types=["contact"],
    cons_int=["invalid_used"], data_extra={"restored_from_backup": "true"})
cov("N24", "r-n24-av-harm", "patients' records unavailable, harm foreseen",
    notify=True, tell=True, breach=["availability"],
    availability="temporary", kind=["malfunction"],
    cause="internal_accidental", categories=["patients"], count=300,
    types=["basic", "health"], cons_av=["disruption"],
    impacts=["physical_mental"])
cov("N28", "r-n28-av-dependent", "a care home's records unreachable",
    notify=True, tell=True, breach=["availability"],
    availability="temporary", kind=["malfunction"],
    cause="internal_accidental", categories=["vulnerable"], count=80,
    types=["basic", "health"], cons_av=["no_access"])
cov("N27", "r-n27-av-recoverable", "a short outage of a shop, nothing noticed",
    notify=False, tell=False, breach=["availability"],
    availability="temporary", kind=["malfunction"],
    cause="external_accidental", categories=["customers"], count=500,
    types=["contact"], cons_av=["disruption"],
    enisa_extra={"availability_recoverable": "true"},
    risk_extra={"outage": {"effect": "none"}})
cov("N29", "r-n29-av-no-effect", "a shop's outage, restored from backup, "
    "nothing noticed, length not given",
    notify=False, tell=False, breach=["availability"],
    availability="temporary", kind=["malfunction"],
    cause="internal_accidental", categories=["customers"], count=500,
    types=["contact"], cons_av=["disruption"],
    risk_extra={"outage": {"restored_by": "backup", "effect": "none"}})
cov("C05", "r-c05-vulnerable", "a school's pupil contacts taken by an attacker",
    notify=True, tell=True, kind=["exfiltration"],
    risk_extra={"holder": "malicious"},
    **dict(CONF, categories=["minors"], count=200))
cov("E01", "r-e01-exempt-protected", "encrypted backup lost, exemption noted",
    notify=False, tell=False, kind=["device_lost"],
    comm="  status: exempt\n  exemption: protected\n  exemption_description: AES-256, key kept apart.\n",
    **dict(CONF, unintelligible="protected",
           confidentiality="likely_exfiltrated"))
cov("E02", "r-e02-exempt-mitigated", "card numbers taken, cards all cancelled",
    notify=True, tell=False, outcome="high_risk", kind=["exfiltration"],
    comm="  status: exempt\n  exemption: mitigated\n  exemption_description: Every card was cancelled before use.\n",
    **dict(CONF, types=["payment"]))
cov("E03", "r-e03-exempt-public", "bank data of unreachable people, public notice",
    notify=True, tell=False, outcome="high_risk", kind=["exfiltration"],
    comm="  status: exempt\n  exemption: disproportionate\n  exemption_description: No contact details are held.\n  means: [public]\n  means_description: A notice on the home page and in the press.\n",
    **dict(CONF, types=["financial"]))

HEAD = """breachgen: 1
id: {id}
language: en
notification:
  type: new
  subtype: complete
  sent_at: 2025-12-15T10:00:00+01:00
controller:
  name: Exemple SAS
  contact:
    address: 1 rue de l'Exemple, 75001 Paris
    email: privacy@example.fr
  country: fr
  eea_established: true
reporter:
  name: Claire Martin
  function: dpo
  contact:
    email: dpo@example.fr
dpo:
  designated: true
  name: Claire Martin
  contact:
    email: dpo@example.fr
contact_point:
  who: dpo
parties: []
timeline:
  occurred: on_day
  start: 2025-12-13T22:00:00+01:00
  aware_at: 2025-12-14T09:30:00+01:00
  discovery: controller
  discovery_description: Found by the controller.
"""

def flow(xs):
    return "[" + ", ".join(xs) + "]"

def write(c):
    L = []
    if "rule" in c:
        L.append("# Rule coverage for %s (tests/unit/test_rules.c): %s." % (c["rule"], c["title"]))
        L.append("# Not from a source: every fact is invented to make the rule hold.")
    else:
        L.append("# EDPB Guidelines 01/2021, case %s: %s." % (c["case"], c["title"]))
        L.append("# From the source: %s." % c["source"])
        L.append("# Invented, in the file's terms: %s." % c["invented"])
        L.append("# Outcome checked against: %s." % c["verified"])
        L.append("# Primary text not read (see gen/rules.c).")
    L.append("# Expected: notify_authority %s, communicate_subjects %s" %
             (str(c["notify"]).lower(), str(c["tell"]).lower()))
    s = "\n".join(L) + "\n" + HEAD.format(id=c["id"])
    c.setdefault("source", c["title"])
    s += "nature:\n  breach: %s\n" % flow(c["breach"])
    if "confidentiality" in c:
        s += "  confidentiality: %s\n  unintelligible: \"%s\"\n" % (
            c["confidentiality"], c["unintelligible"])
        if c["unintelligible"] != "no":
            s += "  unintelligible_description: As the case describes.\n"
    if "integrity" in c:
        s += "  integrity: %s\n" % c["integrity"]
    if "availability" in c:
        s += "  availability: %s\n" % c["availability"]
    s += "  kind: %s\n  cause: %s\n" % (flow(c["kind"]), c["cause"])
    s += "  description: %s.\n  systems: The systems of the case.\n" % c["source"].capitalize()
    s += "subjects:\n  categories: %s\n  description: As the case describes.\n" % flow(c["categories"])
    s += "  count_basis: %s\n  count: %d\n" % (c.get("count_basis", "approximate"), c["count"])
    for g in c.get("groups", []):
        s += "  groups:\n  - description: %s\n    count_basis: exact\n    count: %d\n    types: %s\n" % (g[0], g[1], flow(g[2]))
    s += "data:\n  types: %s\n  description: As the case describes.\n" % flow(c["types"])
    s += "  records_basis: approximate\n  records: %d\n" % c["count"]
    for k, v in c.get("data_extra", {}).items():
        s += "  %s: %s\n" % (k, v)
    s += "measures_in_place:\n  measures: [policies]\n  description: As the case describes.\n"
    s += "consequences:\n"
    if "cons_conf" in c:
        s += "  confidentiality: %s\n" % flow(c["cons_conf"])
    if "cons_int" in c:
        s += "  integrity: %s\n" % flow(c["cons_int"])
    if "cons_av" in c:
        s += "  availability: %s\n" % flow(c["cons_av"])
    s += "  impacts: %s\n  severity: moderate\n" % flow(c.get("impacts", ["loss_of_control"]))
    outcome = c.get("outcome") or ("high_risk" if c["tell"] else "risk" if c["notify"] else "no_risk")
    s += "risk:\n  outcome: %s\n  rationale: As the guidelines reason.\n  enisa:\n" % outcome
    if "credentials_open" in c:
        s += "    credentials_open: %s\n" % c["credentials_open"]
    if "adjust" in c:
        a = c["adjust"]
        s += "    adjustments:\n    - factor: %s\n      delta: %d\n      reason: %s\n" % a
    s += "    ei: maximum\n"
    for k, v in c.get("enisa_extra", {}).items():
        s += "    %s: %s\n" % (k, v)
    if "recipients" in c:
        s += "    recipients: %s\n" % c["recipients"]
    for k, v in c.get("risk_extra", {}).items():
        if isinstance(v, dict):
            s += "  %s:\n" % k + "".join("    %s: %s\n" % kv for kv in v.items())
        else:
            s += "  %s: %s\n" % (k, v)
    s += "measures_taken:\n  description: Contained.\n"
    s += "prevention:\n  measures: [training]\n  description: Training.\n"
    if "comm" in c:
        s += "communication:\n" + c["comm"]
    elif c["tell"]:
        s += ("communication:\n  status: done\n  sent_at: 2025-12-15T12:00:00+01:00\n"
              "  reach: all\n  means: [individual]\n  advice:\n  - Be wary of messages that mention this breach.\n")
    else:
        s += "communication:\n  status: not_high_risk\n"
    s += "cross_border:\n  processing: \"no\"\n"
    s += "decision:\n  notify_authority: %s\n  communicate_subjects: %s\n" % (
        str(c["notify"]).lower(), str(c["tell"]).lower())
    d = "../rules/" if "rule" in c else ""
    open("%s%s.yaml" % (d, c["id"]), "w").write(s)

for c in CASES:
    write(c)

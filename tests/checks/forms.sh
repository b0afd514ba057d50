#!/bin/sh
# Form companions: the golden companions of the test fixtures notified to
# the DPC and the ICO (the examples' companions are goldens of render.sh),
# the German companion's PDF text, -a form-<code>, and a bad form file
# refused at file:line:col with nothing written. Prints TAP lines; run
# from the top with $BUILD set.
#
# After a deliberate change: UPDATE_GOLDEN=1 sh tests/checks/forms.sh
# rewrites tests/golden/forms/ (review the diff before committing it).
BUILD=${BUILD:-build}
bg=$PWD/$BUILD/breachgen
golden=tests/golden/forms
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1765791000

tap_name=forms
. tests/lib/tap.sh

# 1. Goldens: the DPC (valid-full, Ireland) and the ICO (valid-uk).
"$bg" render -f md -l en -a form-ie -o "$tmp/g" tests/fixtures/valid-full.yaml \
    >"$tmp/g.log" 2>&1 || { nok "DPC companion renders"; cat "$tmp/g.log" >&2; }
"$bg" render -f md -l en -o "$tmp/g" tests/fixtures/valid-uk.yaml \
    >>"$tmp/g.log" 2>&1 || { nok "ICO companion renders"; cat "$tmp/g.log" >&2; }
check "-a form-ie writes the DPC companion only" sh -c \
    "test \"\$(ls '$tmp/g/full-2025.002_b')\" = full-2025.002_b.form-ie.en.md"
check "a UK controller gets the ICO companion by default" \
    test -s "$tmp/g/uk-2026-001/uk-2026-001.form-gb.en.md"
# The fields the forms ask for, in the authority report where they belong.
rep=$tmp/g/uk-2026-001/uk-2026-001.authority.en.md
"$bg" render -f md -a authority -o "$tmp/g" tests/fixtures/valid-uk.yaml \
    >>"$tmp/g.log" 2>&1
for line in "- Head count: 50 to 249 people" \
    "- National identification number of the person notifying: QQ123456C" \
    "- The person notifying confirms that the information given is accurate" \
    "Every support mailbox moves to the managed mail service." \
    "- Processing by a controller not established in the EEA (Art. 3(2)): Yes" \
    "- People concerned in Belgium: 20" \
    "- Authority notified or to be notified: Belgian Data Protection Authority"
do
	check "the authority report shows: $line" grep -qF -- "$line" "$rep"
done
check "outside_eea.authorities get their form companion (the CNIL)" \
    test -s "$tmp/g/uk-2026-001/uk-2026-001.form-fr.fr.md"
if [ -n "$UPDATE_GOLDEN" ]; then
	mkdir -p "$golden"
	cp "$tmp/g/full-2025.002_b/full-2025.002_b.form-ie.en.md" \
	    "$tmp/g/uk-2026-001/uk-2026-001.form-gb.en.md" "$golden/"
fi
for g in "$golden"/*.md; do
	name=${g##*/}
	f=$(find "$tmp/g" -name "$name" | head -1)
	golden_is "$name" "$g" "$f"
done

# 2. The German companion as PDF: the form's words, its date format.
"$bg" render -a form-de-be -o "$tmp/p" incidents/sc-2025-001.yaml \
    >"$tmp/p.log" 2>&1
pdf=$tmp/p/sc-2025-001/sc-2025-001.form-de-be.de.pdf
text=$(pdftotext -enc UTF-8 "$pdf" - 2>/dev/null | tr '\n' ' ')
case $text in
*"Zeitpunkt der Kenntnisnahme"*"12.12.2025, 13:30"*)
	ok "the Berlin companion's PDF has the form's labels and dates" ;;
*)	nok "the Berlin companion's PDF has the form's labels and dates" ;;
esac
case $text in
*"Verantwortlicher"*"Seite 1 von"*)
	ok "its page furniture is in German" ;;
*)	nok "its page furniture is in German" ;;
esac
# 3. An unknown form, and a bad form file: an error at file:line:col,
#    exit 65 or 66, nothing written for the incident.
"$bg" render -f md -a form-xx -o "$tmp/x" incidents/sp-2026-001.yaml \
    >"$tmp/x.log" 2>&1
rc=$?
check "-a form-xx without a form file exits 66" test "$rc" = 66
check "and says which file to write" grep -q \
    "templates/forms/xx.yaml: error: no form description for 'xx'" "$tmp/x.log"
mkdir -p "$tmp/t"
cp -R templates "$tmp/t/"
sed 's/from: nature.description$/from: nature.descr/' templates/forms/se.yaml \
    >"$tmp/t/templates/forms/se.yaml"
(cd "$tmp/t" && "$bg" render -f md -o "$tmp/t/out" \
    "$OLDPWD/incidents/sp-2026-001.yaml" >"$tmp/t.log" 2>&1)
rc=$?
check "a form naming an unknown field exits 65" test "$rc" = 65
check "with the form file's line and column" grep -q \
    "templates/forms/se.yaml:[0-9]*:[0-9]*: error: 'nature.descr' is not a field of the incident file" \
    "$tmp/t.log"
check "and writes nothing for the incident" test ! -e "$tmp/t/out/sp-2026-001"
(cd "$tmp/t" && "$bg" check "$OLDPWD/incidents/sp-2026-001.yaml" \
    >"$tmp/c.log" 2>&1)
rc=$?
check "check says the same as render: exit 65" test "$rc" = 65
check "with the same error" grep -q \
    "templates/forms/se.yaml:[0-9]*:[0-9]*: error: 'nature.descr' is not a field" \
    "$tmp/c.log"

# A companion the incident no longer produces goes with the next run,
# even one limited to other languages (the companion's is the form's).
"$bg" render -f md -o "$tmp/r" incidents/sp-2026-001.yaml >/dev/null 2>&1
sed 's/^  lead_authority: se$/  lead_authority: dk/' incidents/sp-2026-001.yaml \
    >"$tmp/sp.yaml"
"$bg" render -f md -l en -o "$tmp/r" "$tmp/sp.yaml" >/dev/null 2>&1
check "a companion no longer produced is removed, whatever -l" \
    test ! -e "$tmp/r/sp-2026-001/sp-2026-001.form-se.en.md"
exit 0

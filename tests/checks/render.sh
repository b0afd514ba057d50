#!/bin/sh
# breachgen render: golden Markdown of the worked examples, Markdown that
# cmark-gfm parses without raw HTML, identical bytes across runs, time
# zones and locales, key facts in the PDF text, nothing written for an
# incident with an error, exit 73 without a temporary file left, and the
# note when the people are not told. Prints TAP lines; run from the top
# with $BUILD set.
#
# After a deliberate template change: UPDATE_GOLDEN=1 sh tests/checks/render.sh
# rewrites tests/golden/md/ (review the diff before committing it).
BUILD=${BUILD:-build}
bg=$BUILD/breachgen
mdparse=$BUILD/md_parse
golden=tests/golden/md
tmp=$(mktemp -d) || exit 1
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1765791000

tap_name=render
. tests/lib/tap.sh
# Text of a PDF on one line, no-break spaces as plain ones.
pdftext() {
	pdftotext -enc UTF-8 "$1" - 2>"$tmp/pdferr" |
	    sed 's/\xc2\xa0/ /g; s/\xe2\x80\xaf/ /g' | tr '\n' ' ' | tr -s ' '
}

# 1. The worked examples, every audience and language, Markdown only.
if ! "$bg" render -f md -o "$tmp/a" >"$tmp/a.log" 2>&1; then
	nok "the examples render"; cat "$tmp/a.log" >&2
	exit 0
fi
ok "the examples render"
# Golden names: <id>.<audience>.<lang>.md and register.<lang>.md.
(cd "$tmp/a" && find . -name '*.md' | sed 's|.*/||' | sort) >"$tmp/got"
if [ -n "$UPDATE_GOLDEN" ]; then
	rm -f "$golden"/*.md
	mkdir -p "$golden"
	find "$tmp/a" -name '*.md' -exec cp {} "$golden/" \;
fi
(cd "$golden" && ls *.md 2>/dev/null | sort) >"$tmp/want"
check "the documents written are the golden ones" cmp -s "$tmp/got" "$tmp/want" ||
    diff "$tmp/want" "$tmp/got" >&2
for g in "$golden"/*.md; do
	name=${g##*/}
	case $name in
	register.*) f=$tmp/a/$name ;;
	*) id=${name%%.*}; f=$(find "$tmp/a" -name "$name" | head -1) ;;
	esac
	golden_is "$name" "$g" "$f"
done
files=$(find "$tmp/a" -name '*.md' | sort)
# shellcheck disable=SC2086
check "every document parses with cmark-gfm without raw HTML" \
    "$mdparse" -c $files
# Escapes only where they change the meaning; links only as autolinks
# of http, https or an e-mail address.
# shellcheck disable=SC2086
check "no escape a reader would see (https\\:, \\@, \\+)" \
    sh -c '! grep -n -e "https\\\\:" -e "\\\\@" -e "\\\\+" "$@" >&2' - $files
# shellcheck disable=SC2086
check "every link is an autolink to http, https or an e-mail address" \
    sh -c '! grep -ho "<[^>]*>" "$@" |
	grep -vE "^<(https?://[^ <>&|]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+)>\$" >&2' - $files
# shellcheck disable=SC2086
check "e-mail addresses and URLs of the examples are links" \
    sh -c 'grep -q "<dpo@soundcloud.example>" "$@" &&
	grep -q "<https://datenpannen.datenschutz-berlin.de/>" "$@"' - $files

# 2. The note when the people are not told, and no subjects document.
"$bg" render -f md -o "$tmp/n" incidents/sc-2025-001-initial.yaml \
    >"$tmp/n.log" 2>&1
check "a note says why the people are not told" grep -q \
    "sc-2025-001-initial.yaml:[0-9]*:[0-9]*: note: no communication to the people concerned is written: decision.communicate_subjects is false (communication.status is investigating" \
    "$tmp/n.log"
check "a superseded file gives one note instead of its findings" sh -c \
    "grep -q '^incidents/sc-2025-001-initial.yaml:[0-9]*:[0-9]*: note: superseded by incidents/sc-2025-001.yaml (id sc-2025-001)' '$tmp/a.log' && ! grep -q 'sc-2025-001-initial.yaml.*no communication' '$tmp/a.log'"
check "no subjects document when they are not told" test ! -e \
    "$tmp/a/sc-2025-001-initial/sc-2025-001-initial.subjects.en.md"
"$bg" render -f md -a subjects -o "$tmp/s" incidents/sc-2025-001-initial.yaml \
    >"$tmp/s.log" 2>&1
check "-a subjects writes it anyway, without the note" sh -c \
    "test -s '$tmp/s/sc-2025-001-initial/sc-2025-001-initial.subjects.fr.md' && ! grep -q 'no communication' '$tmp/s.log'"
check "named files write no register unless asked" test ! -e "$tmp/s/register.en.md"

# 3. Same inputs, same bytes: twice, under other zones and locales.
TZ=Pacific/Kiritimati LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8 \
    "$bg" render -o "$tmp/b" >/dev/null 2>&1
TZ=America/Los_Angeles LANG=C LC_ALL=C "$bg" render -o "$tmp/c" \
    >/dev/null 2>&1
check "same bytes under other TZ and LANG" diff -r "$tmp/b" "$tmp/c"
check "Markdown same as the first run" sh -c \
    "cd '$tmp/a' && for f in \$(find . -name '*.md'); do cmp -s \"\$f\" '$tmp/b/'\"\$f\" || exit 1; done"

# 4. The PDF text holds the key facts; poppler prints no warning.
facts() { # pdf, strings...
	_pdf=$1; shift
	_t=$(pdftext "$_pdf")
	if [ -s "$tmp/pdferr" ]; then
		nok "${_pdf#$tmp/b/}: pdftotext prints no warning"
		cat "$tmp/pdferr" >&2
		return
	fi
	for _s in "$@"; do
		case $_t in
		*"$_s"*) ;;
		*) nok "${_pdf#$tmp/b/}: lacks '$_s'"; return ;;
		esac
	done
	ok "${_pdf#$tmp/b/}: $*"
}
facts "$tmp/b/sc-2025-001/sc-2025-001.authority.en.pdf" SoundCloud \
    SC-IR-2025-041/2 "15 December 2025 at 13:30" "Page 1 of" Confidential \
    "Authority’s reference" BLNBDI-DP-2025-004711
facts "$tmp/b/sc-2025-001/sc-2025-001.subjects.en.pdf" \
    "To the people concerned" "14 December 2025"
facts "$tmp/b/sc-2025-001/sc-2025-001.authority.fr.pdf" SoundCloud \
    SC-IR-2025-041/2 "15 décembre 2025 à 13 h 30" "Page 1 sur" Confidentiel
facts "$tmp/b/sc-2025-001/sc-2025-001.authority.de.pdf" SoundCloud \
    SC-IR-2025-041/2 "15. Dezember 2025, 13:30 Uhr" "Seite 1 von" \
    Vertraulich "Mitteleuropäische Zeit" "Art. 33 Abs. 3 lit. b DSGVO" \
    "Webportale (NACE J63.12)" "Anna Beispiel, Datenschutzbeauftragte"
facts "$tmp/b/sc-2025-001/sc-2025-001.subjects.de.pdf" SoundCloud \
    "An die betroffenen Personen" "unsere Datenschutzbeauftragte" \
    "Berliner Beauftragte für Datenschutz und Informationsfreiheit"
facts "$tmp/b/sp-2026-001/sp-2026-001.authority.de.pdf" Spotify \
    "7. November 2026, 11:20 Uhr" "Schwedische Datenschutzbehörde (IMY)" \
    "Erik Exempel, Datenschutzbeauftragte/r"
facts "$tmp/b/register.de.pdf" \
    "Verzeichnis der Verletzungen des Schutzes personenbezogener Daten" \
    sc-2025-001-initial sp-2026-001 "Internes Dokument" "Seite 1 von"
facts "$tmp/b/sc-2025-001-initial/sc-2025-001-initial.authority.de.pdf" \
    SC-IR-2025-041/1 "13. Dezember 2025, 09:30 Uhr" "Erstmeldung" \
    "Ursache der Verletzung"
facts "$tmp/b/sc-2025-001-initial/sc-2025-001-initial.authority.en.pdf" \
    SoundCloud SC-IR-2025-041/1 "15 December 2025 at 13:30" \
    "13 December 2025"
facts "$tmp/b/sp-2026-001/sp-2026-001.authority.fr.pdf" Spotify \
    SP-PDB-2026-017 "7 novembre 2026 à 11 h 20" "6 novembre 2026"
facts "$tmp/b/sp-2026-001/sp-2026-001.subjects.en.pdf" Spotify \
    SP-PDB-2026-017 "To the people concerned"
facts "$tmp/b/register.en.pdf" "Register of personal data breaches" \
    sp-2026-001 "Internal document" "Breaches recorded: 2" \
    "Notifications to the supervisory authority"
facts "$tmp/b/register.fr.pdf" "Registre des violations" sc-2025-001 \
    "7 novembre 2026" "Document interne" "Page 1 sur"
facts "$tmp/b/sp-2026-001/sp-2026-001.subjects.fr.pdf" \
    "Aux personnes concernées" "Référence de l’incident"

# The register in German, over the two files of one breach (a chain): one breach.
"$bg" render -l de -f md --register -o "$tmp/d" \
    incidents/sc-2025-001-initial.yaml incidents/sc-2025-001.yaml \
    >/dev/null 2>&1
check "-l de writes the German register" sh -c \
    "sed 's/\xc2\xa0/ /g' '$tmp/d/register.de.md' | grep -q '^Geführt nach Art. 33 Abs. 5 DSGVO.*Erfasste Verletzungen: 1\.\$'"

# The Art. 34 letter of each example fits on one page.
for f in "$tmp"/b/*/*.subjects.*.pdf; do
	check "${f#$tmp/b/}: one page" sh -c \
	    "pdfinfo '$f' 2>/dev/null | grep -q '^Pages: *1\$'"
done

# 5. An incident with an error writes nothing and exits 65.
# A French text removed: the French view cannot be built.
# drop_fr N: the example without the French of its first N texts.
drop_fr() {
	awk -v n="$1" '
	    skip && /^      / { next }
	    { skip = 0 }
	    /^    fr: >-$/ && done < n { skip = 1; done++; next }
	    { print }' incidents/sp-2026-001.yaml
}
drop_fr 1 >"$tmp/bad.yaml"
"$bg" render -o "$tmp/e" "$tmp/bad.yaml" >"$tmp/e.log" 2>&1
rc=$?
check "a missing translation exits 65" test "$rc" -eq 65
check "a missing translation names the field and the language" \
    grep -q "bad.yaml:[0-9]*:[0-9]*: error: .* has no fr text" "$tmp/e.log"
check "an incident with an error writes nothing" sh -c \
    "! find '$tmp/e' -type f 2>/dev/null | grep -q ."
# Earlier reports stay as they were, and a note says they are stale.
"$bg" render -o "$tmp/e" -f md incidents/sp-2026-001.yaml >/dev/null 2>&1
cp -r "$tmp/e" "$tmp/e.before"
sed 's/^id: .*/id: sp-2026-001/' "$tmp/bad.yaml" >"$tmp/sp-2026-001.yaml"
"$bg" render -o "$tmp/e" -f md "$tmp/sp-2026-001.yaml" >"$tmp/e2.log" 2>&1
check "a failing incident leaves its earlier reports untouched" \
    diff -r "$tmp/e.before" "$tmp/e"
check "and says they are from an earlier run" grep -q \
    "note: nothing written; the reports in .* are from an earlier run" \
    "$tmp/e2.log"
# Every missing translation at once: two texts lack French.
n=$(grep -c "error: .* has no fr text" "$tmp/e.log")
drop_fr 3 >"$tmp/bad2.yaml"
"$bg" render -o "$tmp/e3" "$tmp/bad2.yaml" >"$tmp/e3.log" 2>&1
n2=$(grep -c "error: .* has no fr text" "$tmp/e3.log")
check "every missing translation is listed at once" \
    test "$n" -eq 1 -a "$n2" -eq 3
# With a good incident in the batch, the register is not written.
"$bg" render -o "$tmp/e4" -f md --register incidents/sc-2025-001.yaml \
    "$tmp/bad.yaml" >"$tmp/e4.log" 2>&1
check "the register waits for every incident to render" sh -c \
    "test -s '$tmp/e4/sc-2025-001/sc-2025-001.authority.en.md' && test ! -e '$tmp/e4/register.en.md' && grep -q 'register is not written' '$tmp/e4.log'"

# 6. Cannot create output: 73, and no temporary file left.
if [ "$(id -u)" -ne 0 ]; then
	mkdir "$tmp/ro" && chmod 555 "$tmp/ro"
	"$bg" render -f md -o "$tmp/ro" incidents/sp-2026-001.yaml \
	    >"$tmp/ro.log" 2>&1
	check "a read-only output folder exits 73" test $? -eq 73
	check "a read-only output folder is left empty" sh -c \
	    "test -z \"\$(ls -A '$tmp/ro')\""
fi
# Also as root: an output folder that is a file.
: >"$tmp/file"
"$bg" render -f md -o "$tmp/file" incidents/sp-2026-001.yaml >"$tmp/f.log" 2>&1
check "an output folder that is a file exits 73" test $? -eq 73
grep -q "error: cannot create the folder" "$tmp/f.log" ||
    nok "exit 73 says which folder"
# A report whose name is taken by a folder: the rename fails after the
# temporary files were written; none of them may stay.
mkdir -p "$tmp/t/sp-2026-001/sp-2026-001.subjects.en.md"
"$bg" render -f md -o "$tmp/t" incidents/sp-2026-001.yaml >"$tmp/t.log" 2>&1
check "a rename that fails exits 73" test $? -eq 73
check "no temporary file is left" sh -c \
    "! find '$tmp/t' -name '.*.XXXXXX' -o -name '.sp-2026-001*' | grep -q ."

# 7. Usage errors.
"$bg" render -a nobody >/dev/null 2>&1
check "an unknown audience is a usage error" test $? -eq 64
"$bg" render -l xx >/dev/null 2>"$tmp/l.err"
check "a language without a folder is a usage error" test $? -eq 64
check "... that names the folder and the languages there are" grep -q \
    "^breachgen: -l: cannot write reports in 'xx': templates/xx/labels.yaml does not exist; languages: de, en, fr\$" \
    "$tmp/l.err"
SOURCE_DATE_EPOCH=yesterday "$bg" render -o "$tmp/x" >/dev/null 2>&1
check "a bad SOURCE_DATE_EPOCH is a usage error" test $? -eq 64

#!/bin/sh
# Every example report, as a reader of its PDF sees it: no line (nor
# table column) of `pdftotext -layout` ends inside a word without a
# hyphen, and the French register is set landscape. Prints TAP lines.
BUILD=${BUILD:-build}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

tap_name=linebreaks
. tests/lib/tap.sh

if ! SOURCE_DATE_EPOCH=1741944600 "$BUILD/breachgen" render -o "$tmp/out" \
    >"$tmp/log" 2>&1; then
	nok "the examples render"; cat "$tmp/log" >&2
	exit 0
fi
if grep -q ': warning:' "$tmp/log"; then
	nok "the examples render without a cut word"; grep ': warning:' "$tmp/log" >&2
else
	ok "the examples render without a cut word"
fi
pdfs=$(find "$tmp/out" -name '*.pdf' | sort)
# shellcheck disable=SC2086
# The form companions' page furniture comes from their form files.
if python3 tests/checks/linebreaks.py templates/*/labels.yaml \
    templates/forms/*.yaml templates/authorities.yaml incidents/*.yaml \
    -- $pdfs >"$tmp/faults"; then
	ok "no line of the $(echo "$pdfs" | wc -l) example PDFs ends inside a word without a hyphen"
else
	nok "no line of the example PDFs ends inside a word without a hyphen"
	cat "$tmp/faults" >&2
fi

# The check itself: a word cut without a hyphen is found.
printf '# Essai\n\nUn mot entier : confidentialité.\n' >"$tmp/cut.md"
if "$BUILD/mdpdf" -l fr "$tmp/cut.md" "$tmp/cut.pdf" 2>/dev/null &&
    python3 tests/checks/linebreaks.py -- "$tmp/cut.pdf" >/dev/null; then
	ok "a whole word passes"
else
	nok "a whole word passes"
fi
# A PDF that prints "confidentialit" at a line's end, beside a Markdown
# that has only the whole word.
printf '# Essai\n\nconfidentialit\n' >"$tmp/cut2.md"
"$BUILD/mdpdf" -l fr "$tmp/cut2.md" "$tmp/cut2.pdf" 2>/dev/null
printf '# Essai\n\nconfidentialité\n' >"$tmp/cut2.md"
if python3 tests/checks/linebreaks.py -- "$tmp/cut2.pdf" >/dev/null; then
	nok "a line ending inside a word is found"
else
	ok "a line ending inside a word is found"
fi

# The register over all incidents is landscape.
if pdfinfo "$tmp/out/register.fr.pdf" | grep -q 'Page size: *841.89 x 595.276'; then
	ok "the register over all incidents is landscape"
else
	nok "the register over all incidents is landscape"
fi

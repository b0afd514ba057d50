#!/bin/sh
# PDF output of the sample reports: extracted text, validity under four
# readers, embedded fonts, identical bytes across runs, time zones and
# locales, atomic writes. Prints TAP lines; run from the top, $BUILD set.
BUILD=${BUILD:-build}
mdpdf=$BUILD/mdpdf
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

tap_name=pdf
. tests/lib/tap.sh

if [ ! -x "$mdpdf" ]; then
	nok "$mdpdf is not built (make $mdpdf)"
	exit 0
fi

render() { # lang, md, out
	SOURCE_DATE_EPOCH=1741944600 "$mdpdf" -l "$1" -s templates/style.yaml \
	    -c 'Exemple Musique SAS' -D '14 mars 2025' -r 'EM-2025-001' \
	    -a 'Commission nationale de l’informatique et des libertés\n3 place de Fontenoy\nTSA 80715\n75334 Paris Cedex 07' \
	    -C "CONFIDENTIEL — document destiné à l’autorité de contrôle" \
	    "$2" "$3"
}

for doc in notification-fr:fr notification-en:en table200:fr longword:fr nested:fr; do
	name=${doc%%:*} lang=${doc#*:}
	pdf=$tmp/$name.pdf
	if ! render "$lang" "tests/layout/$name.md" "$pdf" 2>"$tmp/err"; then
		nok "$name renders"; cat "$tmp/err" >&2
		continue
	fi
	if [ "$name" = longword ]; then
		# No hyphenation point in 300 letters: cut with a mark, and
		# the warning names the document and the word.
		check "$name: the cut word is named with its document" grep -q \
		    "^tests/layout/longword.md: warning: the word 'Anticonstitutionnellement.*continuation mark" \
		    "$tmp/err"
	elif [ -s "$tmp/err" ]; then
		nok "$name renders without diagnostics"; cat "$tmp/err" >&2
		continue
	else
		ok "$name renders without diagnostics"
	fi

	pdftotext -enc UTF-8 "$pdf" "$tmp/$name.txt" 2>"$tmp/err"
	check "$name: pdftotext prints no warning" test ! -s "$tmp/err"
	if [ -f "tests/layout/$name.txt" ]; then
		check "$name: extracted text as expected" \
		    cmp -s "$tmp/$name.txt" "tests/layout/$name.txt"
	fi
	check "$name: qpdf --check" sh -c \
	    "qpdf --check '$pdf' >'$tmp/q' 2>&1 && ! grep -qi warning '$tmp/q'"
	check "$name: mutool reads every page" sh -c \
	    "mutool draw -q -F txt -o /dev/null '$pdf' 2>'$tmp/m' && ! grep -v 'ICC support is not available' '$tmp/m' | grep -q ."
	check "$name: ghostscript renders" sh -c \
	    "gs -q -dBATCH -dNOPAUSE -dPDFSTOPONERROR -sDEVICE=nullpage '$pdf' >'$tmp/g' 2>&1 && ! test -s '$tmp/g'"
	check "$name: every font embedded" sh -c \
	    "pdffonts '$pdf' | awk 'NR>2 && \$(NF-4) != \"yes\" {bad=1} NR>2 {n++} END {exit bad || n == 0}'"
done

# Text survives extraction: accents, guillemets, no-break spaces, €, œ.
txt=$tmp/notification-fr.txt
check "French characters extract" sh -c \
    "grep -q '« RGPD »' '$txt' && grep -q '1 250 000 €' '$txt' && grep -q 'œuvres' '$txt' && grep -q 'l’Œuvre' '$txt'"
check "no ligature or replacement character in extracted text" sh -c \
    "! grep -qF -e ﬀ -e ﬁ -e ﬂ -e ﬃ -e ﬄ -e � '$txt'"
check "footer page X of Y" grep -q 'Page 2 sur 2' "$txt"
check "confidentiality line" grep -q 'CONFIDENTIEL' "$txt"
check "document information" sh -c \
    "pdfinfo '$tmp/notification-fr.pdf' | grep -q '^Author: *Exemple Musique SAS' &&
     pdfinfo '$tmp/notification-fr.pdf' | grep -q '^CreationDate: *Fri Mar 14 09:30:00 2025 UTC'"
check "outline from headings" sh -c \
    "mutool show '$tmp/notification-fr.pdf' outline | grep -q 'Nature de la violation'"
check "clickable link" sh -c \
    "qpdf --qdf --object-streams=disable '$tmp/notification-fr.pdf' - | grep -aq 'URI (https://www.exemple-musique.fr/securite)'"

# Same inputs, same bytes: twice, and under other time zones and locales.
render fr tests/layout/notification-fr.md "$tmp/a.pdf" 2>/dev/null
TZ=Pacific/Auckland LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8 \
    render fr tests/layout/notification-fr.md "$tmp/b.pdf" 2>/dev/null
TZ=America/Los_Angeles LANG=C LC_ALL=C \
    render fr tests/layout/notification-fr.md "$tmp/c.pdf" 2>/dev/null
check "identical bytes twice" cmp -s "$tmp/notification-fr.pdf" "$tmp/a.pdf"
check "identical bytes under other TZ and LANG" sh -c \
    "cmp -s '$tmp/a.pdf' '$tmp/b.pdf' && cmp -s '$tmp/a.pdf' '$tmp/c.pdf'"

# Atomic writes: no temporary file left; a failure leaves nothing.
check "no temporary file left beside the PDF" sh -c \
    "! ls -A '$tmp' | grep -q '^\\.'"
mkdir "$tmp/ro" && chmod 555 "$tmp/ro"
if [ "$(id -u)" != 0 ]; then
	render fr tests/layout/nested.md "$tmp/ro/x.pdf" 2>/dev/null
	check "unwritable folder: exit 73, nothing written" sh -c \
	    "test \$? -ne 0 && ! ls -A '$tmp/ro' | grep -q ."
fi
render fr tests/layout/nested.md "$tmp/missing/x.pdf" 2>"$tmp/err"
rc=$?
check "missing folder: exit 73 with a diagnostic" sh -c \
    "test $rc -eq 73 && grep -q 'missing/x.pdf' '$tmp/err'"
printf 'fonts:\n  regular: /nonexistent/Font.ttf\n' >"$tmp/bad.yaml"
"$mdpdf" -s "$tmp/bad.yaml" tests/layout/nested.md "$tmp/bad.pdf" 2>"$tmp/err"
rc=$?
check "missing font: an error naming it, no PDF" sh -c \
    "test $rc -ne 0 && grep -q '/nonexistent/Font.ttf' '$tmp/err' && test ! -e '$tmp/bad.pdf'"
# An installed copy finds its subsets beside its templates, from any folder.
if ${MAKE:-make} -s install-fonts DESTDIR="$tmp/inst" PREFIX=/usr >/dev/null 2>"$tmp/err"; then
	case $mdpdf in /*) abs=$mdpdf ;; *) abs=$PWD/$mdpdf ;; esac
	md=$PWD/tests/layout/nested.md
	(cd "$tmp" && "$abs" -l fr \
	    -s inst/usr/share/breachgen/templates/style.yaml "$md" inst.pdf) \
	    2>"$tmp/err"
	check "installed style uses the installed subsets" sh -c \
	    "test ! -s '$tmp/err' && pdffonts '$tmp/inst.pdf' | grep -q 'DejaVuSerif-BG'"
	# Without a style file: beside the program, ../share/breachgen/fonts.
	mkdir -p "$tmp/inst/usr/bin" && cp "$mdpdf" "$tmp/inst/usr/bin/mdpdf"
	(cd "$tmp" && inst/usr/bin/mdpdf -l fr "$md" inst2.pdf) 2>"$tmp/err"
	check "installed program finds its subsets without a style file" sh -c \
	    "test ! -s '$tmp/err' && pdffonts '$tmp/inst2.pdf' | grep -q 'DejaVuSerif-BG'"
else
	nok "make install-fonts"; cat "$tmp/err" >&2
fi
# The installed breachgen renders from any folder: authorities, templates
# and style from share/breachgen, the same Markdown as the checkout.
if ${MAKE:-make} -s install BUILD="$BUILD" DESTDIR="$tmp/full" PREFIX=/usr \
    >/dev/null 2>"$tmp/err"; then
	inc=$PWD/incidents/sp-2026-001.yaml
	"$BUILD/breachgen" render -o "$tmp/here" "$inc" >/dev/null 2>&1
	(cd "$tmp" && full/usr/bin/breachgen render -o there "$inc") \
	    >/dev/null 2>"$tmp/err"
	check "installed breachgen renders from another folder" sh -c \
	    "cmp -s '$tmp/here/sp-2026-001/sp-2026-001.authority.fr.md' '$tmp/there/sp-2026-001/sp-2026-001.authority.fr.md' && pdffonts '$tmp/there/sp-2026-001/sp-2026-001.authority.fr.pdf' | grep -q 'DejaVuSerif-BG'"
else
	nok "make install"; cat "$tmp/err" >&2
fi
printf 'sizes:\n  body: huge\ncolors:\n  text: red\n' >"$tmp/bad2.yaml"
"$mdpdf" -s "$tmp/bad2.yaml" tests/layout/nested.md "$tmp/bad2.pdf" 2>"$tmp/err"
check "bad style values: file:line:col errors" sh -c \
    "grep -q 'bad2.yaml:2:9: error' '$tmp/err' && grep -q 'bad2.yaml:4:9: error' '$tmp/err' && test ! -e '$tmp/bad2.pdf'"
exit 0

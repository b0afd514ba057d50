#!/bin/sh
# The whole incident, as a user waits for it: every example incident's
# full set (Markdown and PDF, every audience and language), one
# breachgen process per incident as `make reports` runs it; against bare
# libharu writing the same pages (pdftotext's text of each page, the
# fonts each PDF embeds), one process per PDF. Both in this run, best of
# BENCH_REPEAT rounds taken in turn. Goal: ratio <= 1.30.
BUILD=${BUILD:-build}
R=${BENCH_REPEAT:-5}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
for f in "$BUILD/breachgen" "$BUILD/pdf_pages"; do
	[ -x "$f" ] || { echo "incident: $f missing (make bench builds it)"; exit 1; }
done
now() { date +%s%N; }

# The documents, and for each PDF its text and fonts.
for inc in incidents/*.yaml; do
	"$BUILD/breachgen" render --no-register -o "$tmp/ref" "$inc" \
	    >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
done
n=0
for pdf in "$tmp"/ref/*/*.pdf; do
	n=$((n + 1))
	pdftotext -enc UTF-8 "$pdf" "$tmp/$n.txt" 2>/dev/null || exit 1
	# "HPDFAB+DejaVuSerif-Bold-BG,Bold": a -BG name is a subset.
	pdffonts "$pdf" 2>/dev/null | awk 'NR > 2 {
		name = $1; sub(/^[A-Z]+\+/, "", name); sub(/,.*/, "", name)
		if (name ~ /-BG$/) { sub(/-BG$/, "", name); print "build/fonts/" name ".ttf" }
		else print "/usr/share/fonts/truetype/dejavu/" name ".ttf"
	}' >"$tmp/$n.fonts"
	pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
	echo "$pages" >>"$tmp/pages"
done
ninc=$(ls incidents/*.yaml | wc -l)
ndocs=$(ls "$tmp"/ref/*/* | wc -l)
npages=$(awk '{ s += $1 } END { print s }' "$tmp/pages")

# Each side as one script, timed by GNU time: wall clock, and the CPU
# time of its processes (user + system), steadier on a shared machine.
{
	echo 'for inc in incidents/*.yaml; do'
	echo "	\"$BUILD/breachgen\" render --no-register -o \"$tmp/out\" \"\$inc\" >/dev/null 2>&1 || exit 1"
	echo 'done'
} >"$tmp/ours.sh"
i=1
while [ $i -le "$n" ]; do
	echo "\"$BUILD/pdf_pages\" \"$tmp/bare.pdf\" \"$tmp/$i.txt\" $(tr '\n' ' ' <"$tmp/$i.fonts") || exit 1"
	i=$((i + 1))
done >"$tmp/bare.sh"
run() { # script -> "wall cpu" in microseconds
	/usr/bin/time -f '%e %U %S' -o "$tmp/time" sh "$1" || return 1
	awk '{ printf "%d %d\n", $1 * 1e6, ($2 + $3) * 1e6 }' "$tmp/time"
}
bo= bb= co= cb=
r=0
while [ $r -lt "$R" ]; do
	o=$(run "$tmp/ours.sh") || exit 1
	b=$(run "$tmp/bare.sh") || exit 1
	ow=${o% *} oc=${o#* } bw=${b% *} bc=${b#* }
	{ [ -z "$bo" ] || [ "$ow" -lt "$bo" ]; } && bo=$ow
	{ [ -z "$bb" ] || [ "$bw" -lt "$bb" ]; } && bb=$bw
	{ [ -z "$co" ] || [ "$oc" -lt "$co" ]; } && co=$oc
	{ [ -z "$cb" ] || [ "$bc" -lt "$cb" ]; } && cb=$bc
	r=$((r + 1))
done
awk -v ni="$ninc" -v nd="$ndocs" -v np="$npages" -v n="$n" -v o="$bo" \
    -v b="$bb" -v co="$co" -v cb="$cb" 'BEGIN {
	if (b <= 0) b = 1; if (cb <= 0) cb = 1
	printf "incident: breachgen, %d incidents, %d files (%d PDF, %d pages): %.0f ms wall, %.0f ms CPU (%.1f ms CPU per incident)\n", ni, nd, n, np, o / 1000, co / 1000, co / 1000 / ni
	printf "incident: bare libharu, the same %d PDF, one process each: %.0f ms wall, %.0f ms CPU\n", n, b / 1000, cb / 1000
	printf "incident: ratio %.2f CPU, %.2f wall (goal <= 1.30)\n", co / cb, o / b
}'

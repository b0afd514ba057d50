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

ours() {
	for inc in incidents/*.yaml; do
		"$BUILD/breachgen" render --no-register -o "$tmp/out" "$inc" \
		    >/dev/null 2>&1 || return 1
	done
}
bare() {
	i=1
	while [ $i -le "$n" ]; do
		# shellcheck disable=SC2046
		"$BUILD/pdf_pages" "$tmp/bare.pdf" "$tmp/$i.txt" \
		    $(cat "$tmp/$i.fonts") || return 1
		i=$((i + 1))
	done
}
bo= bb=
r=0
while [ $r -lt "$R" ]; do
	t0=$(now); ours || exit 1; t1=$(now); bare || exit 1; t2=$(now)
	o=$(( (t1 - t0) / 1000 )) b=$(( (t2 - t1) / 1000 ))
	[ -z "$bo" ] || [ "$o" -lt "$bo" ] && bo=$o
	[ -z "$bb" ] || [ "$b" -lt "$bb" ] && bb=$b
	r=$((r + 1))
done
awk -v ni="$ninc" -v nd="$ndocs" -v np="$npages" -v n="$n" -v o="$bo" \
    -v b="$bb" 'BEGIN {
	printf "incident: breachgen, %d incidents, %d files (%d PDF, %d pages): %.1f ms (%.1f ms per incident)\n", ni, nd, n, np, o / 1000, o / 1000 / ni
	printf "incident: bare libharu, the same %d PDF, one process each: %.1f ms\n", n, b / 1000
	printf "incident: ratio %.2f (goal <= 1.30)\n", o / b
}'

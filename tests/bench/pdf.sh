#!/bin/sh
# PDF benchmark: our pipeline (Markdown -> layout -> PDF, atomic write)
# against bare libharu writing three pages with the same fonts and text,
# both run here, now. Prints both times and the ratio (goal: <= 1.3).
BUILD=${BUILD:-build}
N=${PDF_BENCH_N:-50}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

for f in "$BUILD/mdpdf" "$BUILD/pdf_bench" build/fonts/DejaVuSerif.ttf; do
	[ -e "$f" ] || { echo "pdf bench: $f missing (make bench builds it)"; exit 1; }
done

# A three-page report: the French sample, twice.
cat tests/layout/notification-fr.md tests/layout/notification-fr.md \
    >"$tmp/report.md"
now() { date +%s%N; }

"$BUILD/pdf_bench" 1 build/fonts "$tmp/report.md" "$tmp/base.pdf" # warm up
t0=$(now)
"$BUILD/pdf_bench" "$N" build/fonts "$tmp/report.md" "$tmp/base.pdf" || exit 1
t1=$(now)
"$BUILD/mdpdf" -n 1 -l fr -s templates/style.yaml -c 'Exemple Musique SAS' \
    -r EM-2025-001 -e 1741944600 "$tmp/report.md" "$tmp/ours.pdf" || exit 1
t2=$(now)
"$BUILD/mdpdf" -n "$N" -l fr -s templates/style.yaml -c 'Exemple Musique SAS' \
    -r EM-2025-001 -e 1741944600 "$tmp/report.md" "$tmp/ours.pdf" || exit 1
t3=$(now)

base=$(( (t1 - t0) / N / 1000 ))
ours=$(( (t3 - t2) / N / 1000 ))
pages=$(pdfinfo "$tmp/ours.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
echo "pdf: bare libharu, 3 pages:        ${base} us/document, $(wc -c <"$tmp/base.pdf") bytes"
echo "pdf: breachgen, ${pages:-?} pages from Markdown: ${ours} us/document, $(wc -c <"$tmp/ours.pdf") bytes"
awk -v a="$ours" -v b="$base" 'BEGIN { printf "pdf: ratio %.2f (goal <= 1.30)\n", a / b }'

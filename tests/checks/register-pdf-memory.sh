#!/bin/sh
# register-pdf-memory.sh - the register's PDF (`render --register-only
# -f pdf`, one landscape PDF over every incident) must not be laid out
# whole in memory again: between 300 and 1 500 incidents its peak RSS
# may grow by what the PDF library holds of each incident's pages (its
# objects and deflated contents, the saved file: about 45 KiB an
# incident), not by a layout of every page and the Markdown's whole
# tree (158 KiB an incident when they were held; 91 with the tree parsed
# in pieces but every page held). The limit (70 KiB an incident) leaves
# room for a machine's noise. The PDF written has the pages of every
# incident. BREACHGEN=path runs it on another binary.
BUILD=${BUILD:-build}
bin=${BREACHGEN:-$BUILD/breachgen}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
limit=70	# KiB of peak RSS per incident

mkdir "$tmp/in"
awk -v dir="$tmp/in" '
	{ line[NR] = $0 }
	END {
		for (i = 0; i < 1500; i++) {
			f = sprintf("%s/reg-%06d.yaml", dir, i)
			for (k = 1; k <= NR; k++)
				print (line[k] ~ /^id: / ? "id: reg-" i : \
				    line[k]) > f
			close(f)
		}
	}' tests/fixtures/valid-minimal.yaml

# AddressSanitizer: a redzone and its shadow around every allocation
# (94 KiB an incident measured with no quarantine).
if nm "$bin" 2>/dev/null | grep -q __asan_init; then
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0"
	export ASAN_OPTIONS
	limit=150
fi

# peak N: peak RSS in KiB of the register's PDF over the first N files
peak() {
	rm -rf "$tmp/out"
	# shellcheck disable=SC2046
	/usr/bin/time -f %M -o "$tmp/rss" "$bin" render --register-only \
	    -f pdf -o "$tmp/out" $(ls "$tmp/in"/*.yaml | head -n "$1") \
	    >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; return 1; }
	cat "$tmp/rss"
}

if small=$(peak 300) && large=$(peak 1500); then
	per=$(( (large - small) * 10 / 1200 ))
	if [ $((per)) -le $((limit * 10)) ]; then
		echo "ok - register PDF: peak RSS $small KiB at 300" \
		    "incidents, $large KiB at 1500 ($((per / 10)).$((per % 10))" \
		    "KiB an incident, $limit or less)"
	else
		echo "not ok - register PDF: peak RSS $small KiB at 300" \
		    "incidents, $large KiB at 1500:" \
		    "$((per / 10)).$((per % 10)) KiB an incident, more" \
		    "than $limit: is every page laid out before any is drawn?"
	fi
else
	echo "not ok - register PDF: the run over 1500 incidents failed"
fi

# Every incident's entry is in the PDF: its heading is an outline entry
# (pdftotext would take seconds on 2 700 pages).
n=$(grep -ac '/Title <FEFF007200650067002D0031003400390039' \
    "$tmp/out/register.en.pdf" 2>/dev/null)
pages=$(pdfinfo "$tmp/out/register.en.pdf" 2>/dev/null |
    awk '/^Pages:/ { print $2 }')
if [ "${n:-0}" -ge 1 ] && [ "${pages:-0}" -gt 1500 ]; then
	echo "ok - register PDF: $pages pages, the last incident's" \
	    "entry among them"
else
	echo "not ok - register PDF: $pages pages, the last incident's" \
	    "entry found ${n:-0} times"
fi

#!/bin/sh
# register-memory.sh - the register run (`render --register-only`, what
# `make reports` runs over every incident) must not hold the register in
# memory again. Its peak RSS between two batch sizes may grow by:
# - Markdown (300 and 3 000 incidents): the little each file costs the
#   run (its id and name, about 0.1 KiB; a chain record only for the
#   files of a chain), not its rows (14 KiB an incident when the
#   register was built in memory); limit 3 KiB an incident;
# - PDF (300 and 1 500): what the PDF library holds of each incident's
#   pages (its objects and deflated contents, the saved file: about
#   45 KiB an incident), not a layout of every page and the Markdown's
#   whole tree (158 KiB an incident when they were held; 91 with the
#   tree parsed in pieces but every page held); limit 70 KiB.
# The margins leave room for a machine's noise. Also: the register has
# every row, the PDF every incident, and no temporary file is left.
# BREACHGEN=path runs it on another binary (an older one fails it).
BUILD=${BUILD:-build}
bin=${BREACHGEN:-$BUILD/breachgen}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
md_limit=3 pdf_limit=70	# KiB of peak RSS per incident

mkdir "$tmp/in"
awk -v dir="$tmp/in" '
	{ line[NR] = $0 }
	END {
		for (i = 0; i < 3000; i++) {
			f = sprintf("%s/reg-%06d.yaml", dir, i)
			for (k = 1; k <= NR; k++)
				print (line[k] ~ /^id: / ? "id: reg-" i : \
				    line[k]) > f
			close(f)
		}
	}' tests/fixtures/valid-minimal.yaml

# AddressSanitizer keeps freed memory in quarantine, and a redzone and
# its shadow around every allocation (measured with no quarantine: 5.7
# KiB an incident in Markdown, 94 in PDF): wider limits there, still
# below a register held in memory.
if nm "$bin" 2>/dev/null | grep -q __asan_init; then
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0"
	export ASAN_OPTIONS
	md_limit=10 pdf_limit=150
fi

# peak FORMAT N: peak RSS in KiB of the register over the first N files
peak() {
	rm -rf "$tmp/out"
	# shellcheck disable=SC2046
	/usr/bin/time -f %M -o "$tmp/rss" "$bin" render --register-only \
	    -f "$1" -o "$tmp/out" $(ls "$tmp/in"/*.yaml | head -n "$2") \
	    >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; return 1; }
	cat "$tmp/rss"
}

# grows FORMAT SMALL LARGE LIMIT WHAT: the growth per incident, checked
grows() {
	if small=$(peak "$1" "$2") && large=$(peak "$1" "$3"); then
		per=$(( (large - small) * 10 / ($3 - $2) ))
		if [ $((per)) -le $(($4 * 10)) ]; then
			echo "ok - register ($1): peak RSS $small KiB at $2" \
			    "incidents, $large KiB at $3" \
			    "($((per / 10)).$((per % 10)) KiB an incident," \
			    "$4 or less)"
		else
			echo "not ok - register ($1): peak RSS $small KiB at" \
			    "$2 incidents, $large KiB at $3:" \
			    "$((per / 10)).$((per % 10)) KiB an incident," \
			    "more than $4: $5"
		fi
	else
		echo "not ok - register ($1): the run over $3 incidents failed"
	fi
}

grows md 300 3000 "$md_limit" "are rows kept in memory again?"
rows=$(grep -c '^| reg-[0-9]* | .* | .* | .* | .* | .* | .* |$' \
    "$tmp/out/register.en.md" 2>/dev/null)
left=$(ls -A "$tmp/out" | tr '\n' ' ')
if [ "$rows" = 3000 ] && [ "$left" = "register.en.md " ]; then
	echo "ok - register (md): 3000 rows, no temporary file left"
else
	echo "not ok - register (md): $rows rows of 3000; folder holds: $left"
fi

grows pdf 300 1500 "$pdf_limit" \
    "is every page laid out before any is drawn?"
# Every incident's entry is in the PDF: its heading is an outline entry
# (pdftotext would take seconds on 2 700 pages).
n=$(grep -ac '/Title <FEFF007200650067002D0031003400390039' \
    "$tmp/out/register.en.pdf" 2>/dev/null)
pages=$(pdfinfo "$tmp/out/register.en.pdf" 2>/dev/null |
    awk '/^Pages:/ { print $2 }')
if [ "${n:-0}" -ge 1 ] && [ "${pages:-0}" -gt 1500 ]; then
	echo "ok - register (pdf): $pages pages, the last incident's" \
	    "entry among them"
else
	echo "not ok - register (pdf): $pages pages, the last incident's" \
	    "entry found ${n:-0} times"
fi

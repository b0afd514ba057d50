#!/bin/sh
# register-memory.sh - the register run (`render --register-only`, what
# `make reports` runs over every incident) must not hold the register
# in memory again: its peak RSS at 300 and 3 000 incidents may grow by
# the little each file costs the run (its id and name, about 0.1 KiB;
# a chain record only for the files of a chain), not by its rows (14 KiB an incident when the register
# was built in memory). The margin is wide (3 KiB an incident) so that
# no machine's noise fails it; a register that keeps its rows again
# does. Also: the register written has every row, and nothing else is
# left in the output folder (the spools are unlinked). BREACHGEN=path
# runs it on another binary (an older one fails it: 15 KiB an incident).
BUILD=${BUILD:-build}
bin=${BREACHGEN:-$BUILD/breachgen}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
limit=3	# KiB of peak RSS per incident

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
# its shadow around every allocation (5.7 KiB an incident measured with
# no quarantine): a wider limit there, still below a register in memory.
if nm "$bin" 2>/dev/null | grep -q __asan_init; then
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0"
	export ASAN_OPTIONS
	limit=10
fi

# peak N: peak RSS in KiB of the register over the first N files
peak() {
	rm -rf "$tmp/out"
	# shellcheck disable=SC2046
	/usr/bin/time -f %M -o "$tmp/rss" "$bin" render --register-only \
	    -f md -o "$tmp/out" $(ls "$tmp/in"/*.yaml | head -n "$1") \
	    >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; return 1; }
	cat "$tmp/rss"
}

if small=$(peak 300) && large=$(peak 3000); then
	per=$(( (large - small) * 10 / 2700 ))
	if [ $((per)) -le $((limit * 10)) ]; then
		echo "ok - register: peak RSS $small KiB at 300 incidents," \
		    "$large KiB at 3000 ($((per / 10)).$((per % 10)) KiB an" \
		    "incident, $limit or less)"
	else
		echo "not ok - register: peak RSS $small KiB at 300" \
		    "incidents, $large KiB at 3000:" \
		    "$((per / 10)).$((per % 10)) KiB an incident, more" \
		    "than $limit: are rows kept in memory again?"
	fi
else
	echo "not ok - register: the run over 3000 incidents failed"
fi

rows=$(grep -c '^| reg-[0-9]* | .* | .* | .* | .* | .* | .* |$' \
    "$tmp/out/register.en.md" 2>/dev/null)
left=$(ls -A "$tmp/out" | tr '\n' ' ')
if [ "$rows" = 3000 ] && [ "$left" = "register.en.md " ]; then
	echo "ok - register: 3000 rows, no temporary file left"
else
	echo "not ok - register: $rows rows of 3000; folder holds: $left"
fi

#!/bin/sh
# What each process pays before and around its work: `breachgen
# --version`, `check` of one file, `render` of one file (its whole
# set), each the mean of BENCH_STARTUP_N runs, best of three. Goal:
# start-up (--version, and check of one file) under 5 ms.
BUILD=${BUILD:-build}
N=${BENCH_STARTUP_N:-50}
inc=incidents/sc-2025-001.yaml
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
now() { date +%s%N; }

mean() { # runs, command...
	k=$1; shift
	best=
	for _ in 1 2 3; do
		i=0; t0=$(now)
		while [ $i -lt "$k" ]; do
			"$@" >/dev/null 2>&1 || return 1
			i=$((i + 1))
		done
		t=$(( ($(now) - t0) / k / 1000 ))
		[ -z "$best" ] || [ "$t" -lt "$best" ] && best=$t
	done
	echo "$best"
}
v=$(mean "$N" "$BUILD/breachgen" --version) || exit 1
c=$(mean "$N" "$BUILD/breachgen" check "$inc") || exit 1
r=$(mean $((N / 10 + 1)) "$BUILD/breachgen" render --no-register \
    -o "$tmp/out" "$inc") || exit 1
awk -v v="$v" -v c="$c" -v r="$r" 'BEGIN {
	printf "startup: breachgen --version: %.2f ms\n", v / 1000
	printf "startup: check of one file: %.2f ms (goal < 5)\n", c / 1000
	printf "startup: render of one file (12 reports): %.1f ms\n", r / 1000
}'

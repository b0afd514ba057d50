#!/bin/sh
# What each process pays around its work: `breachgen --version`, `check`
# of one file, `render` of one file (its whole set of 12 reports), each
# run BENCH_STARTUP_N times in a row under GNU time: wall clock and CPU
# time (user + system, steadier on a shared machine) per run, best of
# three. Goal: start-up (--version, and check of one file) under 5 ms.
# The templates come from the cache of parsed templates (gen/tcache.h),
# as in every run after the first; check without it is shown beside.
BUILD=${BUILD:-build}
N=${BENCH_STARTUP_N:-50}
inc=incidents/sc-2025-001.yaml
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
unset BREACHGEN_CACHE
XDG_CACHE_HOME=$tmp/cache
export XDG_CACHE_HOME
"$BUILD/breachgen" check "$inc" >/dev/null 2>&1

per_run() { # runs, command... -> "wall cpu" in microseconds per run
	k=$1; shift
	{
		echo "i=0; while [ \$i -lt $k ]; do"
		printf ' "%s"' "$@"
		echo ' >/dev/null 2>&1 || exit 1; i=$((i + 1)); done'
	} >"$tmp/run.sh"
	bw= bc=
	for _ in 1 2 3; do
		/usr/bin/time -f '%e %U %S' -o "$tmp/time" sh "$tmp/run.sh" ||
			return 1
		set -- $(awk -v k="$k" '{ printf "%d %d", $1 * 1e6 / k, ($2 + $3) * 1e6 / k }' "$tmp/time")
		{ [ -z "$bw" ] || [ "$1" -lt "$bw" ]; } && bw=$1
		{ [ -z "$bc" ] || [ "$2" -lt "$bc" ]; } && bc=$2
	done
	echo "$bw $bc"
}
v=$(per_run "$N" "$BUILD/breachgen" --version) || exit 1
c=$(per_run "$N" "$BUILD/breachgen" check "$inc") || exit 1
u=$(BREACHGEN_CACHE=off; export BREACHGEN_CACHE
    per_run "$N" "$BUILD/breachgen" check "$inc") || exit 1
r=$(per_run $((N / 5 + 1)) "$BUILD/breachgen" render --no-register \
    -o "$tmp/out" "$inc") || exit 1
awk -v v="$v" -v c="$c" -v r="$r" -v u="$u" 'BEGIN {
	split(v, V, " "); split(c, C, " "); split(r, R, " "); split(u, U, " ")
	printf "startup: breachgen --version: %.2f ms wall, %.2f ms CPU " \
	    "(goal <= 5): %s\n", V[1] / 1000, V[2] / 1000,
	    V[1] <= 5000 ? "met" : "NOT met"
	printf "startup: check of one file: %.2f ms wall, %.2f ms CPU " \
	    "(goal <= 5): %s\n", C[1] / 1000, C[2] / 1000,
	    C[1] <= 5000 ? "met" : "NOT met"
	printf "startup: check of one file, templates parsed " \
	    "(BREACHGEN_CACHE=off): %.2f ms wall, %.2f ms CPU\n",
	    U[1] / 1000, U[2] / 1000
	printf "startup: render of one file (12 reports): %.1f ms wall, %.1f ms CPU\n", R[1] / 1000, R[2] / 1000
}'

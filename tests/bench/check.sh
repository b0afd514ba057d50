#!/bin/sh
# `breachgen check` on a batch of 10 000 incidents, as a ratio to a bare
# libyaml parse of the same files, and the peak memory of each.
N=${BENCH_N:-10000}
src=incidents/sc-2025-001.yaml
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
# The example follows sc-2025-001-initial: that file is beside the
# copies, and each copy follows the one before (a chain), so that check
# passes and the run measures a clean batch, not a failed one.
cp incidents/sc-2025-001-initial.yaml "$dir/" || exit 1
prev=sc-2025-001-initial
i=0
while [ $i -lt "$N" ]; do
	sed -e "s/^id: .*/id: bench-$i/" -e "s/^\(  follows: \).*/\1$prev/" \
		"$src" > "$dir/bench-$i.yaml"
	prev=bench-$i
	i=$((i + 1))
done

# Best of three runs: wall clock with its peak RSS, and CPU time (user
# + system, steadier on a shared machine), from GNU time.
measure() {
	best= cpu=
	for _ in 1 2 3; do
		/usr/bin/time -f '%e %M %U %S' -o "$dir/time" "$@" \
			>/dev/null 2>"$dir/err" || { cat "$dir/err" >&2; return 1; }
		t=$(cut -d' ' -f1 "$dir/time")
		c=$(awk '{ print $3 + $4 }' "$dir/time")
		if [ -z "$best" ] || awk -v a="$t" -v b="$best" \
		    'BEGIN { exit !(a < b) }'; then
			best=$t
			rss=$(cut -d' ' -f2 "$dir/time")
		fi
		if [ -z "$cpu" ] || awk -v a="$c" -v b="$cpu" \
		    'BEGIN { exit !(a < b) }'; then
			cpu=$c
		fi
	done
	echo "$best $rss $cpu"
}
files=$(ls "$dir"/*.yaml)
set -f
base=$(measure "$BUILD/bench_yaml" $files) || exit 1
check=$(measure "$BUILD/breachgen" check $files) || exit 1
set +f
set -- $base; bt=$1 br=$2 bc=$3
set -- $check; ct=$1 cr=$2 cc=$3
awk -v n="$N" -v bt="$bt" -v ct="$ct" -v br="$br" -v cr="$cr" -v bc="$bc" \
    -v cc="$cc" 'BEGIN {
	r = ct / (bt > 0 ? bt : 0.001)
	printf "check: %d incidents in %.2f s (%.0f per second)\n", n, ct, n / (ct > 0 ? ct : 0.001)
	printf "libyaml parse alone: %.2f s\n", bt
	printf "ratio check / libyaml parse: %.2f wall, %.2f CPU " \
	    "(goal <= 1.50): %s\n", r, cc / (bc > 0 ? bc : 0.001),
	    r <= 1.5 ? "met" : "NOT met"
	printf "peak RSS: check %d KiB, libyaml parse %d KiB\n", cr, br
}'

#!/bin/sh
# Peak memory of the register run (`render --register-only`, what
# `make reports` runs over every incident) on 1 000 and 10 000
# incidents, Markdown, and on 1 000 without the register as the base.
# The register keeps a compact summary per incident; what still grows
# is the register itself (its Markdown is built in memory).
#   BENCH_REG_N="1000 10000" sizes; BENCH_REG_FORMATS (md) -f value.
BUILD=${BUILD:-build}
sizes=${BENCH_REG_N:-1000 10000}
formats=${BENCH_REG_FORMATS:-md}
src=tests/fixtures/valid-minimal.yaml
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
max=0
for n in $sizes; do
	[ "$n" -gt "$max" ] && max=$n
done
mkdir "$dir/in"
i=0
while [ $i -lt "$max" ]; do
	sed "s/^id: .*/id: reg-$i/" "$src" >"$dir/in/reg-$(printf %06d $i).yaml"
	i=$((i + 1))
done
ls "$dir/in"/*.yaml >"$dir/all"

rss() {
	# $1 count, rest: render options; prints peak RSS in KiB
	n=$1
	shift
	head -n "$n" "$dir/all" >"$dir/list"
	rm -rf "$dir/out"
	# shellcheck disable=SC2046
	/usr/bin/time -f '%M %e' -o "$dir/time" "$BUILD/breachgen" render "$@" \
	    -f "$formats" -o "$dir/out" $(cat "$dir/list") >/dev/null 2>"$dir/err" ||
	    { tail -n 3 "$dir/err" >&2; return 1; }
	cat "$dir/time"
}
first=
for n in $sizes; do
	r=$(rss "$n" --register-only) || exit 1
	echo "register ($formats): $n incidents, peak RSS ${r% *} KiB in ${r#* } s"
	[ -z "$first" ] && first=${r% *}
	last=${r% *}
done
awk -v a="$first" -v b="$last" 'BEGIN {
	printf "register peak RSS, largest / smallest batch: %.2f (flat: 1.10 or less)\n", b / a }'

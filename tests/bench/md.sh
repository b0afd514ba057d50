#!/bin/sh
# `breachgen render -f md` on a batch of copies of one incident (every
# stage up to the Markdown: load, assess, view, templates, writes), as a
# ratio to cmark-gfm parsing the same documents in the same run.
N=${BENCH_N:-300}
src=incidents/sc-2025-001.yaml
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/in"
# The example follows sc-2025-001-initial: that file is beside the
# copies and each copy follows the one before (as check.sh does), so
# that every copy renders.
cp incidents/sc-2025-001-initial.yaml "$dir/in/" || exit 1
prev=sc-2025-001-initial
i=0
while [ $i -lt "$N" ]; do
	sed -e "s/^id: .*/id: bench-$i/" -e "s/^\(  follows: \).*/\1$prev/" \
		"$src" > "$dir/in/bench-$i.yaml"
	prev=bench-$i
	i=$((i + 1))
done

# Best of three wall-clock runs (GNU time).
best() {
	b=
	for _ in 1 2 3; do
		/usr/bin/time -f '%e' -o "$dir/time" "$@" \
			>/dev/null 2>"$dir/err" || { cat "$dir/err" >&2; return 1; }
		t=$(cat "$dir/time")
		if [ -z "$b" ] || awk -v a="$t" -v b="$b" 'BEGIN { exit !(a < b) }'
		then b=$t; fi
	done
	echo "$b"
}
files=$(ls "$dir"/in/*.yaml)
set -f
rt=$(best "$BUILD/breachgen" render -f md --no-register -o "$dir/out" $files) ||
	exit 1
docs=$(find "$dir/out" -name '*.md')
ndocs=$(echo "$docs" | wc -l)
# The parse is fast: repeat it R times and divide, for a time well
# above the clock's resolution.
R=${BENCH_PARSE_REPEAT:-20}
pt=$(best "$BUILD/md_parse" -n "$R" $docs) || exit 1
set +f
awk -v n="$N" -v d="$ndocs" -v rt="$rt" -v pt="$pt" -v r="$R" 'BEGIN {
	if (rt <= 0) rt = 0.001; if (pt <= 0) pt = 0.001; pt = pt / r
	printf "render -f md: %d incidents, %d documents in %.2f s (%.2f ms per incident)\n", n, d, rt, 1000 * rt / n
	printf "cmark-gfm parse of the same documents: %.3f s\n", pt
	printf "ratio render / cmark-gfm parse: %.1f\n", rt / pt
}'

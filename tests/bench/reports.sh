#!/bin/sh
# `make reports` on BENCH_REPORTS (200) generated incidents, copies of
# the examples under their own ids: serial, then with -j (one job per
# core), each from an empty out/; the time per incident, the register's
# run included.
BUILD=${BUILD:-build}
N=${BENCH_REPORTS:-200}
J=${BENCH_JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)}
top=$(pwd)
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
case $BUILD in /*) build=$BUILD ;; *) build=$top/$BUILD ;; esac

# A checkout of its own: the same Makefile, templates and build, its
# own incidents/ and out/.
for f in Makefile mk gen templates tools tests docs; do
	ln -s "$top/$f" "$tmp/$f"
done
ln -s "$top/build" "$tmp/build"
mkdir "$tmp/incidents"
set -- incidents/*.yaml
i=0
while [ $i -lt "$N" ]; do
	# A follow-up's copy follows the copy of its file in the same
	# round (the file it follows sorts before it: "-initial").
	k=$i
	for src in "$@"; do
		id=$(sed -n 's/^id: *//p' "$src")
		printf 's/^\\(  follows: \\)%s$/\\1gen-%s/\n' "$id" "$k"
		k=$((k + 1))
	done >"$tmp/map.sed"
	for src in "$@"; do
		[ $i -lt "$N" ] || break
		sed -e "s/^id: .*/id: gen-$i/" -f "$tmp/map.sed" "$src" \
		    >"$tmp/incidents/gen-$i.yaml"
		i=$((i + 1))
	done
done

now() { date +%s%N; }
run() { # make flags...
	rm -rf "$tmp/out"
	t0=$(now)
	make -s -C "$tmp" BUILD="$build" "$@" reports >/dev/null 2>"$tmp/err" ||
		{ cat "$tmp/err" >&2; return 1; }
	t1=$(now)
	echo $(( (t1 - t0) / 1000 ))
}
s=$(run) || exit 1
p=$(run -j"$J") || exit 1
docs=$(find "$tmp/out" -type f ! -path '*/.stamps/*' | wc -l)
awk -v n="$N" -v d="$docs" -v s="$s" -v p="$p" -v j="$J" 'BEGIN {
	printf "reports: make reports, %d incidents, %d files: %.2f s (%.1f ms per incident)\n", n, d, s / 1e6, s / 1e3 / n
	printf "reports: make -j%d reports: %.2f s (%.1f ms per incident, %.2f x)\n", j, p / 1e6, p / 1e3 / n, s / p
}'

#!/bin/sh
# Peak memory of the register run (`render --register-only`, what
# `make reports` runs over every incident) on 1 000 and 10 000
# incidents, Markdown, with the size of the register's text beside it.
# The register is written as a stream (gen/output.c): each incident's
# share of each loop of registry.md is rendered with the incident and
# appended to an unlinked spool file of the output folder; at the end
# the template is rendered with the loops filled from the spools,
# through the typography pass in pieces, into the register's file. So
# the register's rows cost no memory. A chain record (chain.c) is kept
# for the files of a chain only (a follow-up and what it follows); a
# file in no chain is its own chain when its row is made. What still
# grows is what the run keeps per file read: its id (to find the file
# a follow-up follows and name the folders of no incident) and the
# pointer to its name, about 0.1 KiB a file, and the command line.
# tests/checks/register-memory.sh fails if rows are kept again.
# With -f pdf the PDF is laid out from the finished Markdown file,
# mapped; its layout's own memory is gen/layout.c's.
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
# The register's own file grows with the batch (it is the output);
# the rest of the peak is state. Prints both, per incident, and the
# ratio of the peaks with its verdict (exit 0 either way: a figure).
first=
for n in $sizes; do
	r=$(rss "$n" --register-only) || exit 1
	out=$(cat "$dir/out"/register.*."${formats%%,*}" | wc -c)
	echo "register ($formats): $n incidents, peak RSS ${r% *} KiB in" \
	    "${r#* } s, register file $((out / 1024)) KiB"
	if [ -z "$first" ]; then
		first=${r% *} n0=$n out0=$out
	fi
	last=${r% *} n1=$n out1=$out
done
awk -v a="$first" -v b="$last" -v n0="$n0" -v n1="$n1" -v o0="$out0" \
    -v o1="$out1" 'BEGIN {
	r = b / a
	printf "register peak RSS, largest / smallest batch: %.2f " \
	    "(flat: 1.10 or less): %s\n", r, r <= 1.10 ? "flat" : "NOT flat"
	if (n1 > n0)
		printf "per incident: %.1f KiB of peak RSS, of which the " \
		    "register file %.1f KiB\n", (b - a) / (n1 - n0),
		    (o1 - o0) / 1024 / (n1 - n0)
}'

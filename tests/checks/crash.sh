#!/bin/sh
# crash.sh - kill -9 during render, at random points (seeded), at least
# 50 times: every report is then byte for byte the old render's or the
# new one's, each incident's folder is all old or all new, and the next
# run leaves no temporary file (issue 12, crash safety).
#
#   CRASH_SEED (default 12) picks the kill instants; CRASH_KILLS (50);
#   CRASH_FORMATS ("md"; "md,pdf" for PDFs too: slower, same mechanism).
# Bounded in time: each kill comes within one render's duration.
BUILD=${BUILD:-build}
bg=$(pwd)/$BUILD/breachgen
seed=${CRASH_SEED:-12}
kills=${CRASH_KILLS:-50}
FMT="-f ${CRASH_FORMATS:-md}"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

min=tests/fixtures/valid-minimal.yaml
ex=incidents/sp-2026-001.yaml
mkdir "$tmp/old" "$tmp/new"
# Old: the minimal incident with a letter to the people; new: without
# it (a report goes), and the example with another controller name
# (every report changes).
sed 's/^  status: not_high_risk/  status: planned\
  planned_at: 2025-03-13T10:00:00+01:00\
  means: [individual]\
  advice: [Change your password.]/
s/^  communicate_subjects: false/  communicate_subjects: true/' "$min" \
    >"$tmp/old/a.yaml"
cp "$ex" "$tmp/old/b.yaml"
cp "$min" "$tmp/new/a.yaml"
sed '/^controller:$/,/^  name:/s/^  name: \(.*\)$/  name: \1 Group/' "$ex" \
    >"$tmp/new/b.yaml"

render() {
	# $1 output folder, $2 version
	"$bg" render --register $FMT -o "$1" "$tmp/$2/a.yaml" "$tmp/$2/b.yaml" \
	    >/dev/null 2>&1
}
if ! render "$tmp/ref-old" old || ! render "$tmp/ref-new" new; then
	echo "not ok - crash: the two versions render"
	exit 0
fi
if diff -rq "$tmp/ref-old" "$tmp/ref-new" >/dev/null; then
	echo "not ok - crash: the two versions differ"
	exit 0
fi

# One render's duration, in milliseconds (at least 50).
start=$(date +%s%N)
cp -a "$tmp/ref-old" "$tmp/time"
render "$tmp/time" new
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$ms" -lt 50 ] && ms=50

# same_as DIR REF: every file of DIR (temporaries aside) is REF's
same_as() {
	(cd "$1" && find . -type f ! -name '.*' ! -path './.*' | sort) \
	    >"$tmp/l1"
	(cd "$2" && find . -type f | sort) >"$tmp/l2"
	cmp -s "$tmp/l1" "$tmp/l2" || return 1
	while read -r f; do
		cmp -s "$1/$f" "$2/$f" || return 1
	done <"$tmp/l1"
}

bad=0 mixed=0 killed=0
awk -v s="$seed" -v n="$kills" -v ms="$ms" 'BEGIN { srand(s);
    for (i = 0; i < n; i++) printf "%.3f\n", rand() * ms / 1000 }' \
    >"$tmp/delays"
i=0
while read -r delay; do
	i=$((i + 1))
	w=$tmp/w
	rm -rf "$w"
	cp -a "$tmp/ref-old" "$w"
	"$bg" render --register $FMT -o "$w" "$tmp/new/a.yaml" "$tmp/new/b.yaml" \
	    >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null && killed=$((killed + 1))
	wait "$pid" 2>/dev/null
	# Each incident's folder, and each register file, old or new whole.
	for id in min-2025-001 sp-2026-001; do
		if ! same_as "$w/$id" "$tmp/ref-old/$id" &&
		    ! same_as "$w/$id" "$tmp/ref-new/$id"; then
			mixed=$((mixed + 1))
			echo "kill $i after ${delay}s: $id is neither old nor new" >&2
		fi
	done
	for f in "$tmp/ref-old"/register.*; do
		b=$(basename "$f")
		cmp -s "$w/$b" "$f" || cmp -s "$w/$b" "$tmp/ref-new/$b" || {
			bad=$((bad + 1))
			echo "kill $i after ${delay}s: $b is neither old nor new" >&2
		}
	done
	# The next run finishes the job and leaves nothing behind.
	"$bg" render --register $FMT -o "$w" "$tmp/new/a.yaml" "$tmp/new/b.yaml" \
	    >/dev/null 2>&1
	if ! same_as "$w" "$tmp/ref-new" ||
	    [ -n "$(find "$w" -name '.*' ! -name . | head -n 1)" ]; then
		bad=$((bad + 1))
		echo "kill $i after ${delay}s: the next run left:" \
		    "$(find "$w" -name '.*' ! -name .)" >&2
	fi
done <"$tmp/delays"

if [ "$i" -ge 50 ] && [ "$mixed" -eq 0 ]; then
	echo "ok - crash: $i kills (seed $seed, $killed mid-run), every incident's reports all old or all new"
else
	echo "not ok - crash: $mixed of $i kills left an incident's reports mixed"
fi
if [ "$bad" -eq 0 ]; then
	echo "ok - crash: every register file whole, and the next run leaves no temporary file"
else
	echo "not ok - crash: $bad failures (register files, temporaries left)"
fi

#!/bin/sh
# bad.sh - the bad-input corpus: `breachgen check` on every file of
# tests/bad/ must print exactly the diagnostics of NAME.expected (its
# stderr, summary line included) and exit with the status written on the
# last line of that file ("exit: 65").
#
#   NAME.yaml   an incident with one defect, checked as given on the
#               command line (tests/bad/NAME.yaml)
#   NAME.gen    a shell script that makes the input at "$1" in a temporary
#               directory (files too big to commit, NUL bytes, a
#               directory, a missing or unreadable file); in the expected
#               text that directory is written @TMP@. A script that exits
#               77 skips its case (e.g. chmod 000 means nothing to root).
#   NAME.todo   the case shows a known bug of the checker: the expectation
#               is what it should print; until the fix, a mismatch is
#               reported as a skip (run `breachgen check` on it to see).
#
# Also: the valid fixtures check clean (exit 0, no warning).
# Run from the top of the repository; $BUILD names the build directory.
BUILD=${BUILD:-build}
bin=$BUILD/breachgen
dir=tests/bad

if [ ! -x "$bin" ]; then
	echo "not ok - bad: $bin is not built"
	exit 1
fi
tmp=$(mktemp -d) || exit 1
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT

# compare NAME EXPECTED-FILE ACTUAL-FILE
compare() {
	if diff -u "$2" "$3" >"$tmp/diff"; then
		echo "ok - bad/$1"
		if [ -f "$dir/$1.todo" ]; then
			echo "bad/$1 passes now: remove $dir/$1.todo" >&2
		fi
	elif [ -f "$dir/$1.todo" ]; then
		echo "ok - bad/$1 # SKIP known bug: $(head -n 1 "$dir/$1.todo")"
	else
		echo "not ok - bad/$1"
		cat "$tmp/diff" >&2
	fi
}

# run NAME FILE: checks FILE, writes stderr and the exit line to
# $tmp/actual, with the temporary directory written @TMP@.
run() {
	"$bin" check "$2" 2>"$tmp/stderr" >/dev/null
	rc=$?
	sed "s|$tmp/in|@TMP@|g" "$tmp/stderr" >"$tmp/actual"
	echo "exit: $rc" >>"$tmp/actual"
}

for f in "$dir"/*.yaml "$dir"/*.gen; do
	[ -e "$f" ] || continue
	case $f in
	*.yaml) name=$(basename "$f" .yaml) ;;
	*.gen) name=$(basename "$f" .gen) ;;
	esac
	exp=$dir/$name.expected
	if [ ! -f "$exp" ]; then
		echo "not ok - bad/$name: no $exp"
		continue
	fi
	case $f in
	*.yaml)
		run "$name" "$f"
		;;
	*.gen)
		chmod -R u+rwx "$tmp/in" 2>/dev/null
		rm -rf "$tmp/in"
		mkdir "$tmp/in" || exit 1
		sh "$f" "$tmp/in/$name.yaml"
		grc=$?
		if [ "$grc" -eq 77 ]; then
			echo "ok - bad/$name # SKIP $(sed -n 's/^# *//p' "$f" |
			    tail -n 1)"
			continue
		elif [ "$grc" -ne 0 ]; then
			echo "not ok - bad/$name: $f exited $grc"
			continue
		fi
		run "$name" "$tmp/in/$name.yaml"
		;;
	esac
	compare "$name" "$exp" "$tmp/actual"
done

# An expectation without its input is a case that silently stopped running.
for e in "$dir"/*.expected; do
	name=$(basename "$e" .expected)
	if [ ! -f "$dir/$name.yaml" ] && [ ! -f "$dir/$name.gen" ]; then
		echo "not ok - bad/$name: $e has no $name.yaml nor $name.gen"
	fi
done

# The valid fixtures: no diagnostic at all, exit 0.
for f in tests/fixtures/valid-*.yaml; do
	[ -f "$f" ] || continue
	name=$(basename "$f" .yaml)
	printf '1 file checked: 0 errors, 0 warnings\nexit: 0\n' >"$tmp/exp"
	run "$name" "$f"
	if diff -u "$tmp/exp" "$tmp/actual" >"$tmp/diff"; then
		echo "ok - bad/fixture $name checks clean"
	else
		echo "not ok - bad/fixture $name checks clean"
		cat "$tmp/diff" >&2
	fi
done

# Several files in one run: every file's diagnostics, one summary, and
# the worst status (a missing file, 66, beats bad data, 65). The files
# have ids of their own (a shared id is an error of its own, below).
printf '%s\n' \
	"tests/bad/enum-near.yaml:59:13: error: 'minr' is not a value of 'consequences.severity': did you mean 'minor'? (allowed: minor, moderate, severe)" \
	"$tmp/none.yaml: error: cannot open: No such file or directory" \
	"3 files checked: 2 errors, 0 warnings; fix the errors above and run again" \
	"exit: 66" >"$tmp/exp"
"$bin" check tests/fixtures/valid-full.yaml tests/bad/enum-near.yaml \
	"$tmp/none.yaml" 2>"$tmp/stderr" >/dev/null
echo "exit: $?" >>"$tmp/stderr"
if diff -u "$tmp/exp" "$tmp/stderr" >"$tmp/diff"; then
	echo "ok - bad/several files, worst status"
else
	echo "not ok - bad/several files, worst status"
	cat "$tmp/diff" >&2
fi

# Two files with one id: both are named at their id, before anything
# else, and the run fails; `check --ids` checks only that.
printf '%s\n' \
	"tests/fixtures/valid-minimal.yaml:5:5: error: id 'min-2025-001' is also the id of tests/bad/enum-near.yaml: give each incident its own id (it names the output folder); none of them is written" \
	"tests/bad/enum-near.yaml:3:5: error: id 'min-2025-001' is also the id of tests/fixtures/valid-minimal.yaml: give each incident its own id (it names the output folder); none of them is written" \
	"2 files: ids shared, nothing of those files is written" \
	"exit: 65" >"$tmp/exp"
"$bin" check --ids tests/fixtures/valid-minimal.yaml tests/bad/enum-near.yaml \
	2>"$tmp/stderr" >/dev/null
echo "exit: $?" >>"$tmp/stderr"
if diff -u "$tmp/exp" "$tmp/stderr" >"$tmp/diff"; then
	echo "ok - bad/check --ids names every file of a shared id"
else
	echo "not ok - bad/check --ids names every file of a shared id"
	cat "$tmp/diff" >&2
fi
"$bin" check tests/fixtures/valid-minimal.yaml tests/fixtures/valid-minimal.yaml \
	>/dev/null 2>"$tmp/stderr"
rc=$?
if [ "$rc" -eq 65 ] && grep -q "also the id of" "$tmp/stderr"; then
	echo "ok - bad/check refuses a shared id as render does"
else
	echo "not ok - bad/check refuses a shared id as render does (exit $rc)"
fi

#!/bin/sh
# chains.sh - chains of notifications across files: `breachgen check` on
# every *.yaml of tests/chains/CASE/ (in name order) must print exactly
# tests/chains/CASE.expected (stderr, summary included) and end with the
# exit status written on its last line ("exit: 65"). One case per chain
# error (missing earlier file, a new notification that follows, another
# controller, sent later, a fork, a cycle, a file following itself) and
# a good chain of three, where the superseded files say so once.
#
# After a deliberate change of wording: UPDATE_GOLDEN=1 sh tests/checks/chains.sh
BUILD=${BUILD:-build}
bin=$BUILD/breachgen
dir=tests/chains
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

for c in "$dir"/*/; do
	name=$(basename "$c")
	# shellcheck disable=SC2086
	"$bin" check "$c"*.yaml 2>"$tmp/actual" >/dev/null
	echo "exit: $?" >>"$tmp/actual"
	if [ -n "$UPDATE_GOLDEN" ]; then
		cp "$tmp/actual" "$dir/$name.expected"
	fi
	if diff -u "$dir/$name.expected" "$tmp/actual" >"$tmp/diff" 2>&1; then
		echo "ok - chains/$name"
	else
		echo "not ok - chains/$name"
		cat "$tmp/diff" >&2
	fi
done

# A follow-up checked alone finds the file it follows beside it.
"$bin" check "$dir/ok/b-follow-up.yaml" 2>"$tmp/one" >/dev/null
rc=$?
if [ "$rc" -eq 0 ] && ! grep -q ": error:" "$tmp/one"; then
	echo "ok - chains/a follow-up checked alone finds its earlier file"
else
	echo "not ok - chains/a follow-up checked alone finds its earlier file"
	cat "$tmp/one" >&2
fi

# render refuses what check refuses: a file whose link is in error
# writes nothing, and the run exits 65.
"$bin" render -f md --no-register -o "$tmp/r" "$dir"/fork/*.yaml \
    >"$tmp/r.log" 2>&1
rc=$?
if [ "$rc" -eq 65 ] && [ ! -e "$tmp/r/fk-3" ] && [ -d "$tmp/r/fk-2" ] &&
    grep -q "^$dir/fork/c-follow-up.yaml:8:3: error: 'fk-1' is already followed" \
    "$tmp/r.log"; then
	echo "ok - chains/render refuses a fork, writes the rest"
else
	echo "not ok - chains/render refuses a fork, writes the rest"
	cat "$tmp/r.log" >&2
fi

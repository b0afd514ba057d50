#!/bin/sh
# The id scan before a batch reads each file only as far as its id
# (load_peek_string) and loads whole only the files whose id another
# has: the result is the full load's. Prints TAP lines; run from the
# top, $BUILD set.
BUILD=${BUILD:-build}
bin=$BUILD/breachgen
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
ok() { echo "ok - ids: $1"; }
nok() { echo "not ok - ids: $1"; }

src=tests/fixtures/valid-minimal.yaml
cp "$src" "$tmp/a.yaml"
cp "$src" "$tmp/b.yaml"
# The same id, then a YAML error: no id to load_file, so none shared.
{ cat "$src"; printf 'extra: [unclosed\n'; } >"$tmp/broken.yaml"

"$bin" check "$tmp/a.yaml" "$tmp/b.yaml" >/dev/null 2>"$tmp/err"
if [ "$(grep -c "is also the id of" "$tmp/err")" -eq 2 ] &&
    grep -q "^$tmp/a.yaml:5:5: error: id 'min-2025-001' is also the id of $tmp/b.yaml" "$tmp/err"; then
	ok "two files with one id: both named at the id's line and column"
else
	nok "two files with one id: both named at the id's line and column"
	cat "$tmp/err" >&2
fi
"$bin" check "$tmp/a.yaml" "$tmp/broken.yaml" >/dev/null 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 65 ] && ! grep -q "is also the id of" "$tmp/err" &&
    grep -q "^$tmp/broken.yaml:" "$tmp/err" &&
    ! grep -q "^$tmp/a.yaml:.*error" "$tmp/err"; then
	ok "a file that does not load shares its id with none"
else
	nok "a file that does not load shares its id with none"
	cat "$tmp/err" >&2
fi

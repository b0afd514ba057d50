#!/bin/sh
# The id scan before a batch reads each file only as far as its id
# (load_peek_string) and loads whole only the files whose id another
# has: the result is the full load's. Prints TAP lines; run from the
# top, $BUILD set.
BUILD=${BUILD:-build}
bin=$BUILD/breachgen
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
tap_name=ids
. tests/lib/tap.sh

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
# check takes the ids from its own reading of each file (issue 14): the
# shared ones are still reported first, before the errors of the files
# and of the authority directory, which stays in its place after them.
top=$(pwd)
mkdir "$tmp/ad" && cp -r templates "$tmp/ad/" &&
    cp "$src" "$tmp/ad/a.yaml" && cp "$src" "$tmp/ad/b.yaml" &&
    { cat "$src"; printf 'extra: [unclosed\n'; } >"$tmp/ad/c.yaml"
(cd "$tmp/ad" && "$top/$bin" check a.yaml b.yaml c.yaml >/dev/null \
    2>"$tmp/err1")
printf 'x: [\n' >>"$tmp/ad/templates/authorities.yaml"
(cd "$tmp/ad" && "$top/$bin" check a.yaml b.yaml c.yaml >/dev/null \
    2>"$tmp/err2")
first=$(sed -n 1p "$tmp/err1" | cut -d: -f1)
last2=$(sed -n 3p "$tmp/err2" | cut -d: -f1)
if [ "$first" = a.yaml ] && grep -q "^c.yaml:.*YAML syntax" "$tmp/err1" &&
    [ "$(sed -n 2p "$tmp/err2" | cut -d: -f1)" = b.yaml ] &&
    [ "$last2" = templates/authorities.yaml ] &&
    ! grep -q "^c.yaml" "$tmp/err2"; then
	ok "shared ids come first, also before a directory that does not load"
else
	nok "shared ids come first, also before a directory that does not load"
	cat "$tmp/err1" "$tmp/err2" >&2
fi

#!/bin/sh
# checkview.sh - check finds what the view of render fails on without
# formatting the view (VIEW_CHECK, issue 14): with label files broken
# in the ways the view can fail (a message's syntax, an argument it
# names that is not given, a plural without "other", a missing role,
# a missing enumeration label), check and render print the same errors
# and both exit 65.
BUILD=${BUILD:-build}
top=$(pwd)
bg=$top/$BUILD/breachgen
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

check() {
	name=$1; shift
	if "$@" >/dev/null 2>&1; then echo "ok - checkview: $name"
	else echo "not ok - checkview: $name"; fi
}

cp -r templates "$tmp/templates" || exit 1
mkdir "$tmp/incidents" && cp incidents/sc-2025-001*.yaml "$tmp/incidents/"
fr=$tmp/templates/fr/labels.yaml
de=$tmp/templates/de/labels.yaml
sed -i -e 's/^\(  people: .*personnes}\)}"$/\1"/' \
    -e 's/^\(  many_people: .*\)({a})"$/\1({nope})"/' \
    -e '/^  dpo_female: /d' -e '/^    external_malicious: /d' "$fr"
sed -i 's/^  records: .*$/  records: "{n, plural, one {# Datensatz}}"/' "$de"

cd "$tmp" || exit 1
"$bg" check incidents/sc-2025-001.yaml >/dev/null 2>"$tmp/check.log"
crc=$?
"$bg" render --no-register -o "$tmp/out" incidents/sc-2025-001.yaml \
    >/dev/null 2>"$tmp/render.log"
rrc=$?
grep ': error: ' "$tmp/check.log" | sort >"$tmp/check.err"
grep ': error: ' "$tmp/render.log" | sort >"$tmp/render.err"

check "check exits 65 on broken labels" test "$crc" -eq 65
check "render exits 65 on them too" test "$rrc" -eq 65
l=$(grep -n '^  people: ' "$fr" | cut -d: -f1)
m="count_words: cannot format: message pattern syntax error"
check "a message syntax error, at its line of the labels" grep -q \
    "fr/labels.yaml:$l:[0-9]*: error: $m" "$tmp/check.err"
m="grounds.many_people: message uses an argument that is not given"
check "an argument the message names but is not given, at its line" \
    grep -q "fr/labels.yaml:391:16: error: $m" "$tmp/check.err"
m='records_words: cannot format: plural or select needs an "other" case'
l=$(grep -n '^  records: ' "$de" | cut -d: -f1)
check "a plural without other, at its line" grep -q \
    "de/labels.yaml:$l:[0-9]*: error: $m" "$tmp/check.err"
check "a missing role" grep -q "no label for roles.dpo_female" \
    "$tmp/check.err"
check "a missing enumeration label" grep -q \
    "no label for enums.cause.external_malicious" "$tmp/check.err"
check "check and render print the same errors" \
    cmp "$tmp/check.err" "$tmp/render.err"
check "and nothing is written" sh -c \
    "! find '$tmp/out' -type f 2>/dev/null | grep -q ."

#!/bin/sh
# The build-time check of the authority directory (tools/authcheck.c):
# the shipped file passes; a zone of a neighbouring country, which runs
# no longer look for, is refused with its line and the zones to choose.
# Prints TAP lines; run from the top, $BUILD set.
BUILD=${BUILD:-build}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
tap_name=authcheck
. tests/lib/tap.sh

if [ ! -x "$BUILD/authcheck" ]; then
	nok "$BUILD/authcheck is not built"
	exit 0
fi
if "$BUILD/authcheck" templates/authorities.yaml 2>"$tmp/err" &&
    [ ! -s "$tmp/err" ]; then
	ok "the shipped directory passes"
else
	nok "the shipped directory passes"; cat "$tmp/err" >&2
fi
sed 's#time_zone: Europe/Lisbon#time_zone: Europe/Madrid#' \
    templates/authorities.yaml >"$tmp/a.yaml"
line=$(grep -n 'time_zone: Europe/Lisbon' templates/authorities.yaml | cut -d: -f1)
"$BUILD/authcheck" "$tmp/a.yaml" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 65 ] && grep -q "a.yaml:$line:16: error: time zone 'Europe/Madrid' is not a zone of PT; .*Europe/Lisbon" "$tmp/err"; then
	ok "a zone outside the country: exit 65, its line, the zones of PT"
else
	nok "a zone outside the country: exit 65, its line, the zones of PT"
	cat "$tmp/err" >&2
fi
# A run reads the same file without walking ICU's zone list.
if "$BUILD/breachgen" check incidents/sc-2025-001.yaml >/dev/null 2>&1; then
	ok "a run accepts the shipped directory"
else
	nok "a run accepts the shipped directory"
fi

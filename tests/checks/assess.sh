#!/bin/sh
# `breachgen assess` on every example equals its golden YAML, exits 0,
# and is the same twice (no wall clock, no locale).
BUILD=${BUILD:-build}
tmp=$(mktemp) || exit 1
trap 'rm -f "$tmp"' EXIT
for f in incidents/*.yaml; do
	id=$(basename "$f" .yaml)
	gold=tests/golden/assess/$id.yaml
	if ! TZ=Pacific/Kiritimati LANG=C "$BUILD/breachgen" assess "$f" \
	    >"$tmp" 2>/dev/null; then
		echo "not ok - assess $f exits non-zero"
	elif cmp -s "$tmp" "$gold"; then
		echo "ok - assess $f matches $gold"
	else
		echo "not ok - assess $f differs from $gold"
		diff "$gold" "$tmp" | head -20 >&2
	fi
done

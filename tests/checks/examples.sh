#!/bin/sh
# Every example in incidents/ passes check with no error and no warning.
BUILD=${BUILD:-build}
for f in incidents/*.yaml; do
	out=$("$BUILD/breachgen" check "$f" 2>&1)
	rc=$?
	if [ $rc -eq 0 ] && ! printf '%s\n' "$out" | grep -q ': \(error\|warning\): '; then
		echo "ok - $f passes check with no warning"
	else
		echo "not ok - $f: check exited $rc"
		printf '%s\n' "$out" >&2
	fi
done

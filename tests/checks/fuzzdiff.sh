#!/bin/sh
# fuzzdiff.sh - the differential test of check and render: every input
# of the committed fuzz corpus (tests/fuzz/corpus/check and render, the
# harnesses' findings) and of the seeds that `check` accepts renders
# with exit 0, in Markdown and PDF. What check accepts, render renders.
BUILD=${BUILD:-build}
bg=$BUILD/breachgen
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

for f in tests/fuzz/corpus/check/* tests/fuzz/corpus/render/* \
    incidents/*.yaml tests/fixtures/*.yaml tests/bad/*.yaml; do
	[ -f "$f" ] && printf '%s\n' "$f"
done >"$tmp/all"
n=$(wc -l <"$tmp/all")
# Which ones check accepts, two at a time.
BG=$bg xargs -P 2 -n 16 sh -c 'for f; do
	"$BG" check "$f" >/dev/null 2>&1 && printf "%s\n" "$f"; done' sh \
    <"$tmp/all" | sort >"$tmp/accepted"
accepted=$(wc -l <"$tmp/accepted")
failed=0
while read -r f; do
	rm -rf "$tmp/out"
	if ! "$bg" render --no-register -o "$tmp/out" "$f" >"$tmp/log" 2>&1
	then
		failed=$((failed + 1))
		echo "check accepts $f, render refuses it:" >&2
		tail -n 5 "$tmp/log" >&2
	fi
done <"$tmp/accepted"
if [ "$n" -gt 0 ] && [ "$accepted" -gt 0 ] && [ "$failed" -eq 0 ]; then
	echo "ok - fuzzdiff: the $accepted of $n inputs that check accepts render"
else
	echo "not ok - fuzzdiff: $failed of $accepted inputs that check accepts do not render"
fi

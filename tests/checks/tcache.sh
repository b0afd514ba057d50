#!/bin/sh
# tcache.sh - the cache of parsed templates (gen/tcache.h) changes no
# result: check of every example and render of one give the same
# diagnostics and the same bytes with the cache cold, warm and off; a
# label file edited after its tree was kept is read again.
BUILD=${BUILD:-build}
top=$(pwd)
bg=$top/$BUILD/breachgen
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
unset BREACHGEN_CACHE
XDG_CACHE_HOME=$tmp/cache
export XDG_CACHE_HOME

check() {
	name=$1; shift
	if "$@" >/dev/null 2>&1; then echo "ok - tcache: $name"
	else echo "not ok - tcache: $name"; fi
}

run() { # label: check and render, their messages and exit statuses
	"$bg" check incidents/*.yaml >"$tmp/$1.check" 2>&1
	echo "exit $?" >>"$tmp/$1.check"
	"$bg" render --no-register -f md -o "$tmp/out" \
	    incidents/sc-2025-001.yaml >"$tmp/$1.render" 2>&1
	echo "exit $?" >>"$tmp/$1.render"
	mv "$tmp/out" "$tmp/$1.out"
}
run cold
check "the first run keeps the trees" sh -c \
    "ls '$XDG_CACHE_HOME'/breachgen/*.tree >/dev/null"
run warm
BREACHGEN_CACHE=off run off
for w in warm off; do
	check "check: cold and $w alike" cmp "$tmp/cold.check" "$tmp/$w.check"
	check "render: cold and $w alike" cmp "$tmp/cold.render" \
	    "$tmp/$w.render"
	check "reports: cold and $w alike" diff -r "$tmp/cold.out" \
	    "$tmp/$w.out"
done

# An edit after the tree was kept: the label is gone for check.
mkdir "$tmp/t" "$tmp/t/incidents" && cp -r templates "$tmp/t/" &&
    cp incidents/sc-2025-001*.yaml "$tmp/t/incidents/" || exit 1
cd "$tmp/t" || exit 1
"$bg" check incidents/sc-2025-001.yaml >/dev/null 2>&1
sed -i '/^  dpo_female: /d' templates/fr/labels.yaml
"$bg" check incidents/sc-2025-001.yaml >"$tmp/edit.log" 2>&1
check "a label file edited after it was kept is read again" \
    grep -q "no label for roles.dpo_female" "$tmp/edit.log"

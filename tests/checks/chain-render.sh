#!/bin/sh
# chain-render.sh - one breach across its notifications, rendered: the
# golden Markdown of an initial, its follow-up (what it adds: the fields
# answered, the facts changed) and a withdrawal (tests/chains/ok/), and
# the register of that chain (one row, its three notifications); then a
# French-only incident added to an English register: listed all the
# same, its texts in French, marked.
#
# After a deliberate change: UPDATE_GOLDEN=1 sh tests/checks/chain-render.sh
BUILD=${BUILD:-build}
bg=$BUILD/breachgen
golden=tests/golden/chain
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1765791000

tap_name=chain-render
. tests/lib/tap.sh

if ! "$bg" render -f md --register -o "$tmp/c" tests/chains/ok/*.yaml \
    >"$tmp/c.log" 2>&1; then
	nok "the chain renders"; cat "$tmp/c.log" >&2
	exit 0
fi
ok "the chain renders"
if [ -n "$UPDATE_GOLDEN" ]; then
	rm -rf "$golden"
	mkdir -p "$golden"
	find "$tmp/c" -name '*.md' -exec cp {} "$golden/" \;
fi
(cd "$tmp/c" && find . -name '*.md' | sed 's|.*/||' | sort) >"$tmp/got"
(cd "$golden" && ls ./*.md | sed 's|.*/||' | sort) >"$tmp/want"
if cmp -s "$tmp/got" "$tmp/want"; then
	ok "the documents written are the golden ones"
else
	nok "the documents written are the golden ones"
	diff "$tmp/want" "$tmp/got" >&2
fi
for g in "$golden"/*.md; do
	name=${g##*/}
	f=$(find "$tmp/c" -name "$name" | head -1)
	golden_is "$name" "$g" "$f"
done
reg=$tmp/c/register.en.md
if grep -q "Breaches recorded: 1\." "$reg" &&
    [ "$(grep -c '^| ok-[0-9] | 1[29] March 2025 | \(new\|follow-up\), ' "$reg")" -eq 2 ] &&
    grep -q '^| ok-3 | 25 March 2025 | follow-up, withdrawal |' "$reg" &&
    [ "$(grep -c '^| ok-3 |' "$reg")" -eq 3 ] &&
    ! grep -q '^## ok-[12] ' "$reg"; then
	ok "the register counts one breach: one row, one entry, its three notifications"
else
	nok "the register counts one breach: one row, one entry, its three notifications"
fi

# A French-only incident in an English register.
if "$bg" render -f md --register --register-languages en -o "$tmp/f" \
    tests/fixtures/valid-minimal.yaml tests/register/fr-only.yaml \
    >"$tmp/f.log" 2>&1 && [ ! -e "$tmp/f/register.fr.md" ] &&
    grep -q "Breaches recorded: 2\." "$tmp/f/register.en.md" &&
    grep -q '^| fr-2025-001 | 11 March 2025 |' "$tmp/f/register.en.md" &&
    grep -q '^\\\[in French, not translated\\\] Une boîte de support' \
    "$tmp/f/register.en.md"; then
	ok "a French-only incident is in the English register, its texts marked"
else
	nok "a French-only incident is in the English register, its texts marked"
	cat "$tmp/f.log" >&2
fi
# Without the option, the register is written in every language read.
if "$bg" render -f md --register-only -o "$tmp/g" \
    tests/fixtures/valid-minimal.yaml tests/register/fr-only.yaml \
    >"$tmp/g.log" 2>&1 && grep -q "Violations inscrites.*: 2\." \
    "$tmp/g/register.fr.md" && grep -q "Breaches recorded: 2\." \
    "$tmp/g/register.en.md"; then
	ok "by default the register is in every language of the files read"
else
	nok "by default the register is in every language of the files read"
	cat "$tmp/g.log" >&2
fi

# make reports renders one file at a time: the follow-up alone finds the
# notification it follows beside it, and its report is the golden one.
if "$bg" render -f md --no-register -o "$tmp/one" incidents/sc-2025-001.yaml \
    >"$tmp/one.log" 2>&1 && cmp -s tests/golden/md/sc-2025-001.authority.en.md \
    "$tmp/one/sc-2025-001/sc-2025-001.authority.en.md"; then
	ok "a follow-up rendered alone says what it adds, as in a full run"
else
	nok "a follow-up rendered alone says what it adds, as in a full run"
	cat "$tmp/one.log" >&2
fi

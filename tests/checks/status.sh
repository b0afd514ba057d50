#!/bin/sh
# status.sh - `breachgen status` at several instants: before the 72-hour
# deadline, after it (overdue, exit 1), the promised follow-up overdue, a
# chain that ends in a withdrawal, the examples as one line per breach,
# YAML for scripts, and --now without its value (exit 64). The expected
# lines are written here in full: ordering (most urgent first) included.
BUILD=${BUILD:-build}
bin=$BUILD/breachgen
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# expect LABEL EXIT-STATUS EXPECTED-STDOUT -- ARGS...
expect() {
	label=$1 want_rc=$2 want=$3
	shift 4
	"$bin" status "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ -n "$want" ]; then printf '%s\n' "$want"; fi >"$tmp/want"
	if [ "$rc" -eq "$want_rc" ] && diff -u "$tmp/want" "$tmp/out" \
	    >"$tmp/diff"; then
		echo "ok - status: $label"
	else
		echo "not ok - status: $label (exit $rc, want $want_rc)"
		cat "$tmp/diff" "$tmp/err" >&2
	fi
}

a=tests/chains/ok/a-initial.yaml
late=tests/status/late.yaml
expect "before the deadline, nothing overdue" 0 \
"late-2025-001: not notified yet; next: notify the authority within 72 hours of awareness (Art. 33(1)) by 2025-03-14T14:00:00+01:00 [$late]
ok-1: not notified yet; next: notify the authority within 72 hours of awareness (Art. 33(1)) by 2025-03-14T14:00:00+01:00; still to supply: subjects.count_basis, data.types, consequences.severity [$a]" \
    -- --now 2025-03-12T09:00:00+01:00 $a $late

expect "after the deadline: overdue first, exit 1" 1 \
"late-2025-001: not notified yet; next: notify the authority within 72 hours of awareness (Art. 33(1)) by 2025-03-14T14:00:00+01:00 (overdue by 19 hours) [$late]
ok-1: initial notification filed, to be completed; next: the follow-up promised in notification.expected_completion (Art. 33(4)) by 2025-03-20T12:00:00+01:00; still to supply: subjects.count_basis, data.types, consequences.severity [$a]" \
    -- --now 2025-03-15T09:00:00+01:00 $a $late

expect "the promised follow-up overdue" 1 \
"ok-1: initial notification filed, to be completed; next: the follow-up promised in notification.expected_completion (Art. 33(4)) by 2025-03-20T12:00:00+01:00 (overdue by 21 hours); still to supply: subjects.count_basis, data.types, consequences.severity [$a]
late-2025-001: notified, complete; next: nothing due [$late]" \
    -- --now 2025-03-21T09:00:00+01:00 $a $late

expect "a chain ending in a withdrawal is one breach, withdrawn" 0 \
"ok-3: withdrawn (3 notifications, first ok-1); next: nothing due [tests/chains/ok/c-withdraw.yaml]" \
    -- --now 2025-03-26T09:00:00+01:00 tests/chains/ok/*.yaml

expect "the examples: one line per breach, the chain at its latest file" 0 \
"sp-2026-001: not notified yet; next: notify the authority within 72 hours of awareness (Art. 33(1)) by 2026-11-07T11:20:00+01:00; then tell the people without undue delay (Art. 34(1)) by 2026-11-04T17:30:00+01:00 [incidents/sp-2026-001.yaml]
sc-2025-001: notified, complete (2 notifications, first sc-2025-001-initial); next: nothing due [incidents/sc-2025-001.yaml]" \
    -- --now 2025-12-16T11:00:00+01:00

expect "--format yaml" 1 \
"- breach: ok-1
  file: $a
  notifications: [ok-1]
  stands: initial_filed
  due: follow_up
  due_by: 2025-03-20T12:00:00+01:00
  tell_people: false
  overdue: true
  lacks: [subjects.count_basis, data.types, consequences.severity]" \
    -- --format yaml --now 2025-03-21T09:00:00+01:00 $a

expect "--now without its value is a usage error" 64 "" -- --now
expect "an unknown format is a usage error" 64 "" -- --format xml $a
if grep -q "^breachgen: status: --format 'xml': write --format text or --format yaml" "$tmp/err"; then
	echo "ok - status: the usage error names the formats"
else
	echo "not ok - status: the usage error names the formats"
	cat "$tmp/err" >&2
fi

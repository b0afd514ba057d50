#!/bin/sh
# Command-line behaviour and exit statuses (sysexits, DESIGN.md).
BUILD=${BUILD:-build}
bg=$BUILD/breachgen
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

expect() {
	# $1 name, $2 expected status, $3 pattern expected in the output
	name=$1 want=$2 pat=$3
	shift 3
	"$@" >"$tmp/out" 2>&1
	got=$?
	if [ "$got" -ne "$want" ]; then
		echo "not ok - $name: exit $got, expected $want"
		cat "$tmp/out" >&2
	elif ! grep -q -- "$pat" "$tmp/out"; then
		echo "not ok - $name: output lacks '$pat'"
		cat "$tmp/out" >&2
	else
		echo "ok - $name"
	fi
}

expect "no command is a usage error" 64 "usage:" "$bg"
expect "unknown command is a usage error" 64 "unknown command 'frobnicate'" "$bg" frobnicate
expect "unknown option is a usage error" 64 "unknown option '--bogus'" "$bg" check --bogus
expect "--version" 0 "^breachgen [0-9]" "$bg" --version
expect "--help lists the commands" 0 "check \[FILE" "$bg" --help
expect "a missing file exits 66" 66 "nope.yaml: error: cannot open" "$bg" check "$tmp/nope.yaml"
expect "a directory exits 66" 66 "is a directory" "$bg" check "$tmp"
printf 'breachgen: 1\nid: x\n' > "$tmp/bad.yaml"
expect "bad data exits 65" 65 "bad.yaml:1:1: error: missing 'language'" "$bg" check "$tmp/bad.yaml"
expect "missing beats bad data" 66 "1 error\|2 files checked" "$bg" check "$tmp/bad.yaml" "$tmp/nope.yaml"
expect "schema --markdown" 0 "^# The incident file" "$bg" schema --markdown
expect "schema takes no file" 64 "usage:" "$bg" schema extra
expect "check --now says the time left" 0 "left before the 72-hour deadline" \
	"$bg" check --now 2025-12-13T10:00:00+01:00 incidents/sc-2025-001-initial.yaml
expect "check --now says how late" 0 "deadline passed" \
	"$bg" check --now 2025-12-19T10:00:00+01:00 incidents/sc-2025-001-initial.yaml
expect "a bad --now is a usage error" 64 "date and time with its offset" \
	"$bg" check --now tomorrow incidents/sc-2025-001.yaml
expect "assess prints the deadline" 0 "^deadline: " "$bg" assess incidents/sc-2025-001.yaml

# Options after the files, as GNU tools take them (issue 12, point 9):
# "--register" after a file is the option, not a file name.
cp tests/fixtures/valid-minimal.yaml "$tmp/late.yaml"
# (the notification, the register entry, the CNIL form companion and
# the register over all incidents)
expect "render takes options after the files" 0 "4 reports written" \
	"$bg" render -o "$tmp/late" "$tmp/late.yaml" --register -f md
if [ -f "$tmp/late/register.en.md" ] && [ ! -e "$tmp/late/en" ]; then
	echo "ok - an option after the files applies (the register is written)"
else
	echo "not ok - an option after the files applies (the register is written)"
fi
expect "check takes --now after the files" 0 "left before the 72-hour" \
	"$bg" check incidents/sc-2025-001-initial.yaml --now 2025-12-13T10:00:00+01:00
expect "an option without its value after the files is a usage error" 64 \
	"'-o' without its value" "$bg" render "$tmp/late.yaml" -o
expect "after --, a name that starts with - is a file" 66 \
	"^--register: error: cannot open" "$bg" render -o "$tmp/late" -- --register

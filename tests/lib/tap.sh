# tap.sh - sourced by the scripts of tests/checks/ (run from the top of
# the checkout): their TAP lines, named "<check>: <label>", and the
# comparison of a file written with its golden copy. Set tap_name first.
ok() { echo "ok - $tap_name: $1"; }
nok() { echo "not ok - $tap_name: $1"; }
check() { # label, command...
	_label=$1; shift
	if "$@"; then ok "$_label"; else nok "$_label"; fi
}
# golden_is LABEL WANT GOT: GOT (empty when none was written) has the
# bytes of the golden WANT; the first lines of the difference otherwise.
golden_is() {
	if [ -n "$3" ] && cmp -s "$2" "$3"; then
		ok "golden $1"
	else
		nok "golden $1"
		[ -n "$3" ] && diff -u "$2" "$3" | head -20 >&2
	fi
}

#!/bin/sh
# The committed JSON Schema, field reference and rule table match what the schema
# tables generate now: a stale copy fails here.
BUILD=${BUILD:-build}
committed() {
	# The committed copy when in a git checkout (make regenerates the
	# working file), the working file otherwise.
	git show "HEAD:$1" 2>/dev/null || cat "$1"
}
for f in docs/incident.schema.json docs/incident.md docs/assessment.md; do
	case $f in
	*.json) "$BUILD/breachgen" schema > "$f.now" ;;
	*/assessment.md) "$BUILD/breachgen" schema --rules > "$f.now" ;;
	*) "$BUILD/breachgen" schema --markdown > "$f.now" ;;
	esac
	if committed "$f" | cmp -s - "$f.now"; then
		echo "ok - $f is up to date"
	else
		echo "not ok - $f is stale: run make and commit it"
		committed "$f" | diff - "$f.now" | head -20 >&2
	fi
	rm -f "$f.now"
done

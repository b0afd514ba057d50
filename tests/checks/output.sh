#!/bin/sh
# output.sh - out/<id>/ holds exactly the reports the incident now
# produces, replaced as one set (issue 12 points 5 to 8, issue 10
# point 4): a report no longer produced goes, a file breachgen does not
# write stays, a failure replaces nothing and says so, links are not
# followed, temporaries of killed runs go, shared ids write nothing.
BUILD=${BUILD:-build}
bg=$BUILD/breachgen
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

check() {
	name=$1
	shift
	if "$@" >/dev/null 2>&1; then
		echo "ok - $name"
	else
		echo "not ok - $name"
	fi
}

min=tests/fixtures/valid-minimal.yaml
id=min-2025-001
# The same incident, with the decision to tell the people: one more
# report (the letter), in Markdown and PDF.
sed 's/^  status: not_high_risk/  status: planned\
  planned_at: 2025-03-13T10:00:00+01:00\
  means: [individual]\
  advice: [Change your password.]/
s/^  communicate_subjects: false/  communicate_subjects: true/' "$min" \
    >"$tmp/told.yaml"
o=$tmp/out
"$bg" render -o "$o" "$tmp/told.yaml" 2>/dev/null
check "the letter is written when the decision says so" \
    test -s "$o/$id/$id.subjects.en.pdf"
echo "my notes" >"$o/$id/notes.txt"
ino=$(ls -i "$o/$id/notes.txt" | cut -d' ' -f1)
"$bg" render -o "$o" "$min" >"$tmp/1.log" 2>&1
check "a changed decision: exit 0" test $? -eq 0
ls "$o/$id" >"$tmp/ls"
printf '%s\n' "$id.authority.en.md" "$id.authority.en.pdf" \
    "$id.form-fr.fr.md" "$id.form-fr.fr.pdf" \
    "$id.register.en.md" "$id.register.en.pdf" notes.txt >"$tmp/want"
check "a changed decision removes the letter, and only it" \
    diff "$tmp/want" "$tmp/ls"
check "each removed report is named in a note" sh -c \
    "grep -c 'note: removed: the incident no longer produces' '$tmp/1.log' | grep -qx 2"
check "a file breachgen does not write is left alone" sh -c \
    "test \"\$(cat '$o/$id/notes.txt')\" = 'my notes' &&
     test \"\$(ls -i '$o/$id/notes.txt' | cut -d' ' -f1)\" = '$ino'"
check "no staging folder is left" sh -c "! ls -A '$o' | grep -q '^\\.'"

# A run for Markdown only decides about Markdown: the PDFs stay.
"$bg" render -o "$o" "$tmp/told.yaml" 2>/dev/null
"$bg" render -f md -o "$o" "$min" 2>/dev/null
check "render -f md removes the letter's Markdown, keeps its PDF" sh -c \
    "test ! -e '$o/$id/$id.subjects.en.md' && test -s '$o/$id/$id.subjects.en.pdf'"

# A folder inside out/<id>/ cannot be hard-linked: the reports are then
# put in one by one; the set is still exact and the folder stays.
o=$tmp/sub
"$bg" render -f md -o "$o" "$tmp/told.yaml" 2>/dev/null
mkdir "$o/$id/drafts" && echo draft >"$o/$id/drafts/a.txt"
"$bg" render -f md -o "$o" "$min" 2>/dev/null
ls "$o/$id" >"$tmp/ls"
printf '%s\n' drafts "$id.authority.en.md" "$id.form-fr.fr.md" \
    "$id.register.en.md" >"$tmp/want"
check "with a folder inside: the set is exact and the folder stays" sh -c \
    "diff '$tmp/want' '$tmp/ls' && test \"\$(cat '$o/$id/drafts/a.txt')\" = draft"

# A folder where a report goes (mkdir -p out/<id>/<id>.subjects.en.md/x):
# nothing is replaced, and the message says so.
o=$tmp/taken
"$bg" render -o "$o" "$tmp/told.yaml" 2>/dev/null
rm "$o/$id/$id.subjects.en.md"
mkdir -p "$o/$id/$id.subjects.en.md/x"
(cd "$o/$id" && cksum ./*.pdf ./*.en.md 2>/dev/null) >"$tmp/before"
"$bg" render -o "$o" "$min" >"$tmp/2.log" 2>&1
rc=$?
(cd "$o/$id" && cksum ./*.pdf ./*.en.md 2>/dev/null) >"$tmp/after"
check "a report's name taken by a folder: exit 73" test "$rc" -eq 73
check "and the earlier set is whole, byte for byte" \
    diff "$tmp/before" "$tmp/after"
check "and the message says nothing was replaced" grep -q \
    "$id.subjects.en.md: error: is not a file but has the name of a report: .*nothing was replaced" \
    "$tmp/2.log"
check "and no report count claims a write" grep -q "0 reports written" \
    "$tmp/2.log"
check "and no staging folder is left" sh -c "! ls -A '$o' | grep -q '^\\.'"

# out/<id> as a symbolic link: refused, nothing lands where it points.
o=$tmp/link
mkdir -p "$o" "$tmp/elsewhere"
ln -s "$tmp/elsewhere" "$o/$id"
"$bg" render -f md -o "$o" "$min" >"$tmp/3.log" 2>&1
rc=$?
check "out/<id> as a symbolic link: exit 73" test "$rc" -eq 73
check "and nothing is written where it points" sh -c \
    "test -z \"\$(ls -A '$tmp/elsewhere')\""
check "and the message says it is a link" grep -q \
    "$id: error: is a symbolic link" "$tmp/3.log"

# Temporaries of killed runs: the next run removes those it owns (its
# id's staging folders, the register's temporary files) when they are
# older than the run; a newer one (another run's) and others' files stay.
o=$tmp/stale
"$bg" render -f md -o "$o" --register "$min" 2>/dev/null
mkdir "$o/.breachgen-$id.AbC123" "$o/.breachgen-$id.New123"
echo old >"$o/.breachgen-$id.AbC123/$id.authority.en.md"
echo x >"$o/.register.en.md.Zz9876"
echo x >"$o/.other.file.Zz9876"
touch -d '2020-01-01' "$o/.breachgen-$id.AbC123" "$o/.register.en.md.Zz9876" \
    "$o/.other.file.Zz9876"
touch -d '2099-01-01' "$o/.breachgen-$id.New123"
"$bg" render -f md -o "$o" --register "$min" 2>/dev/null
check "a killed run's staging folder is removed" \
    test ! -e "$o/.breachgen-$id.AbC123"
check "a killed run's register temporary is removed" \
    test ! -e "$o/.register.en.md.Zz9876"
check "a staging folder newer than the run stays" \
    test -d "$o/.breachgen-$id.New123"
check "a hidden file breachgen did not make stays" \
    test -e "$o/.other.file.Zz9876"

# Two files with one id: neither is written, before anything is.
o=$tmp/dup
sed 's/^  name: Example Music SAS/  name: Other Music SAS/' "$min" >"$tmp/dup.yaml"
"$bg" render -f md -o "$o" "$min" "$tmp/dup.yaml" >"$tmp/4.log" 2>&1
rc=$?
check "two files with one id: exit 65" test "$rc" -eq 65
check "and neither is written" test ! -e "$o/$id"
check "and both are named" sh -c \
    "grep -c \"id '$id' is also the id of\" '$tmp/4.log' | grep -qx 2"

# A folder whose incident file is gone stays, and the register run over
# every incident says that it matches no incident.
o=$tmp/orphan
mkdir -p "$o/gone-2024-001"
echo sent >"$o/gone-2024-001/gone-2024-001.authority.en.md"
"$bg" render --register-only -f md -o "$o" "$min" >"$tmp/5.log" 2>&1
check "a folder of no incident is left in place" \
    test -s "$o/gone-2024-001/gone-2024-001.authority.en.md"
check "and the register run says it matches no incident" grep -q \
    "gone-2024-001: note: matches no incident file" "$tmp/5.log"
check "a folder of an incident is not named" sh -c \
    "! grep -q '$id: note: matches no incident' '$tmp/5.log'"

# A template or a label file that is a symbolic link is refused, not
# followed: {{> assessment}} must not print another file of the machine.
w=$tmp/work
mkdir -p "$w"
cp -r templates "$w/templates"
echo "SECRET-LEAK" >"$tmp/secret.md"
rm "$w/templates/en/assessment.md"
ln -s "$tmp/secret.md" "$w/templates/en/assessment.md"
top=$(pwd)
(cd "$w" && "$top/$bg" render -f md -o out "$top/$min") >"$tmp/6.log" 2>&1
rc=$?
check "a partial that is a link: render fails" test "$rc" -ne 0
check "and says the partial is a link" grep -q \
    "templates/en/assessment.md: error: is a symbolic link" "$tmp/6.log"
check "and prints it nowhere" sh -c "! grep -rq SECRET-LEAK '$w/out'"
rm "$w/templates/en/assessment.md"
cp templates/en/assessment.md "$w/templates/en/assessment.md"
mv "$w/templates/en/labels.yaml" "$tmp/labels.yaml"
ln -s "$tmp/labels.yaml" "$w/templates/en/labels.yaml"
(cd "$w" && "$top/$bg" check "$top/$min") >"$tmp/7.log" 2>&1
check "a label file that is a link is refused by check too" grep -q \
    "templates/en/labels.yaml: error: is a symbolic link" "$tmp/7.log"

# make reports checks every id against the others before it renders any
# incident (under -j, each file is rendered by its own process).
first=$(make -n -B reports 2>/dev/null |
    grep 'breachgen \(check --ids\|render\)' | head -n 1)
case $first in
*"check --ids"*) echo "ok - make reports checks the ids before rendering" ;;
*) echo "not ok - make reports checks the ids before rendering: $first" ;;
esac

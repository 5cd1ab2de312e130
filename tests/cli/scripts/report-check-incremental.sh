#!/bin/sh
# zi-report check --staged and check PATH... report, for the files a change
# touches, exactly what the whole check reports for them: for each kind of
# change (a roster, a signatures file, units.csv, stages.csv, zi.json's model,
# the model file, a removed roster) the whole check's diagnostics about the
# affected files (listed here by hand, from what depends on what) equal the
# incremental check's, both ways, with the same exit code; and no other file
# is reported.
set -eu
root=$(cd "$(dirname "$0")/../../.." && pwd)
fail() { echo "FAIL: $*"; exit 1; }
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
unset ZI_RECORDS
R=$d/records
sh "$root/examples/build.sh" "$R" > "$d/build.log" 2>&1 || { cat "$d/build.log"; fail "examples/build.sh"; }
cd "$R"
git init -q . && git add -A && git commit -qm base
zi-report -q check || fail "the example records do not pass the check"

# scenario NAME CHANGED AFFECTED...: after the change is made and staged
scenario() {
  name=$1 changed=$2; shift 2
  rc=0; zi-report -q check > "$d/full" 2>&1 || rc=$?
  : > "$d/want"
  for f in "$@"; do grep -F "zi-report: ./$f:" "$d/full" >> "$d/want" || true; done
  sort "$d/want" -o "$d/want"
  [ -s "$d/want" ] || fail "$name: the change made no problem to find"
  [ -z "${says:-}" ] || grep -q "$says" "$d/want" || { cat "$d/want"; fail "$name: no '$says'"; }
  says=
  src=0; zi-report -q check --staged > "$d/staged" 2>&1 || src=$?
  prc=0; zi-report -q check $changed > "$d/paths" 2>&1 || prc=$?
  for way in staged paths; do
    sort "$d/$way" -o "$d/$way"
    cmp -s "$d/want" "$d/$way" || { diff -u "$d/want" "$d/$way"; fail "$name: check --$way differs from the whole check"; }
  done
  [ "$src" = "$rc" ] && [ "$prc" = "$rc" ] || fail "$name: exit codes $src and $prc, the whole check $rc"
  git reset -q --hard && git clean -fdq
}

u=bws-dinkes
# a roster: its unit's signatures
sed -i 2d staff/$u.csv && git add -A
says='is not on the roster'
scenario roster "staff/$u.csv" staff/$u.csv signatures/$u.csv
# a removed roster: the signatures lose their roster
git rm -q staff/$u.csv
scenario roster-removed "staff/$u.csv" staff/$u.csv signatures/$u.csv
# a signatures file alone
printf '199999999999999999,pakta,2026-01-01,Orang Asing,,staff,,,\n' >> signatures/$u.csv && git add -A
scenario signatures "signatures/$u.csv" signatures/$u.csv
# units.csv: every file naming the unit removed
grep -v "^$u," units.csv > x && mv x units.csv && git add -A
scenario units units.csv units.csv staff/$u.csv signatures/$u.csv lke/2026/$u.csv \
  surveys/2026/$u-ikm.csv declarations.csv stages.csv complaints.csv
# units.csv: a unit's stage date no longer its history's (history-differs)
python3 - "$u" <<'PY'
import csv, sys
rows = list(csv.reader(open('units.csv', newline='')))
d = rows[0].index('stage_date')
for r in rows[1:]:
    if r[0] == sys.argv[1]:
        r[d] = '2020-01-01'
with open('units.csv', 'w', newline='') as f:
    csv.writer(f, lineterminator='\n').writerows(rows)
PY
git add -A
says='but the stage history of'
scenario units-history units.csv units.csv staff/$u.csv signatures/$u.csv lke/2026/$u.csv \
  surveys/2026/$u-ikm.csv declarations.csv stages.csv complaints.csv
# stages.csv: the stage histories join it to units.csv
printf 'zz-unit,2026-01-01,calon,,\n' >> stages.csv && git add -A
scenario stages stages.csv stages.csv units.csv
# stages.csv: a unit's history ends elsewhere than units.csv says
grep -v "^$u," stages.csv > x && mv x stages.csv && git add -A
says="unit $u has no stage history"
scenario stages-history stages.csv stages.csv units.csv
# zi.json names another model (a file here, lacking soal 1): every answer file
mkdir model
sed 's/{"id": 1, "type"/{"id": 9001, "type"/' "$root/schemas/lke/lke-2026.json" > model/lke-test.json
sed -i 's|"model": "lke-2026"|"model": "model/lke-test.json"|' zi.json && git add -A
says='soal 1 is not a question'
scenario model-named zi.json zi.json $(ls lke/2026/*.csv)
# the model file itself changes
mkdir model
cp "$root/schemas/lke/lke-2026.json" model/lke-test.json
sed -i 's|"model": "lke-2026"|"model": "model/lke-test.json"|' zi.json && git add -A && git commit -qm model
sed -i 's/{"id": 1, "type"/{"id": 9001, "type"/' model/lke-test.json && git add -A
scenario model-file model/lke-test.json $(ls lke/2026/*.csv)
git reset -q --hard HEAD~1 && git clean -fdq

# nothing staged: nothing checked, nothing said
zi-report -q check --staged > "$d/out" 2>&1 || fail "nothing staged: not 0"
[ ! -s "$d/out" ] || fail "nothing staged: output"
# a staged file with changes not staged: a warning that the working tree is checked
printf '199999999999999999,pakta,2026-01-01,Orang Asing,,staff,,,\n' >> signatures/$u.csv && git add -A
sed -i '$d' signatures/$u.csv
zi-report check --staged > "$d/out" 2>&1 || fail "unstaged: not 0"
grep -q "signatures/$u.csv: warning: has changes not staged" "$d/out" || { cat "$d/out"; fail "unstaged: no warning"; }
echo ok

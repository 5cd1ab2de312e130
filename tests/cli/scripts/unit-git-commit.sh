#!/bin/sh
# --commit: each change is exactly one git commit of the records directory
# whose message names the command, what changed and the actor; the lock file
# is ignored; a failed command commits nothing. Without --commit (and without
# "commit": true in zi.json) zi never touches git.
set -eu
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cd "$t"
export ZI_ACTOR="Rina (Inspektorat)"
fail() { echo "FAIL: $*"; exit 1; }
count() { git -C records rev-list --count HEAD; }

# 1. without --commit: no repository appears, nothing is run through git
zi-unit init -q
zi-unit add -q dinkes --name "Dinas Kesehatan"
zi-unit stage -q dinkes pencanangan --date 2026-11-25
zi-unit set -q dinkes kind=dinas
zi-unit retire -q dinkes
[ ! -e records/.git ] || fail "a repository was made without --commit"
# and git is not even run: a git that notes its calls sees none
mkdir fakebin
printf '#!/bin/sh\necho "$@" >> "%s/git-calls"\nexit 1\n' "$t" > fakebin/git
chmod +x fakebin/git
printf 'Kode,Nama\nbappeda,Bappeda\n' > u.csv
printf 'NIP,Nama\n198503152010011002,Budi Santoso\n' > s.csv
PATH="$t/fakebin:$PATH" sh -c 'zi-unit import -q u.csv && zi-unit staff import -q bappeda s.csv --replace &&
  zi-unit add -q pkm-1 --name P && zi-unit set -q pkm-1 name=Q && zi-unit retire -q pkm-1 &&
  zi-unit list >/dev/null && zi-unit init -q -C other' || fail "a command failed with git unavailable"
[ ! -e git-calls ] || { cat git-calls; fail "git was run without --commit"; }
rm -rf other
git -C records rev-parse --git-dir >/dev/null 2>&1 && fail "records is in a repository"
grep -qx '.zi.lock' records/.gitignore || fail ".gitignore does not name the lock"

# 2. inside a repository, still without --commit: HEAD and the index stay
rm -rf records
mkdir repo && cd repo && git init -q
zi-unit init -q
git add -A && git commit -qm "start"
head=$(git rev-parse HEAD)
zi-unit add -q dinkes --name "Dinas Kesehatan"
[ "$(git rev-parse HEAD)" = "$head" ] || fail "a commit was made without --commit"
[ -z "$(git diff --cached --name-only)" ] || fail "something was staged without --commit"
[ -n "$(git status --porcelain records)" ] || fail "the change is not in the work tree"
git add -A && git commit -qm "by hand"
cd ..

# 3. --commit: one commit per change, with command, change and actor
zi-unit init -q -C c --commit
[ "$(git -C c rev-list --count HEAD)" = 1 ] || fail "init --commit made no commit"
git -C c ls-files | grep -q zi.lock && fail "the lock file was committed"
zi-unit -C c add rsud --name "RSUD Kota" --commit -q
zi-unit -C c add pkm-1 --name "Puskesmas 1" --kind puskesmas -q  # "commit": true in zi.json
zi-unit -C c stage rsud pencanangan --date 2026-11-25 --ref "SK 12/2026" -q
zi-unit -C c set rsud kind=rsud short_name=RSUD -q
zi-unit -C c retire pkm-1 -q
printf 'NIP,Nama\n198503152010011002,Budi Santoso\n' > staff.csv
zi-unit -C c staff import rsud staff.csv -q
printf 'Kode,Nama\nrsud,RSUD Kota Contoh\n' > units.csv
zi-unit -C c import units.csv -q
[ "$(git -C c rev-list --count HEAD)" = 8 ] || { git -C c log --oneline; fail "not one commit per change"; }
[ -z "$(git -C c status --porcelain)" ] || { git -C c status; fail "changes left uncommitted"; }
git -C c log --format='%s|%an' > log
cat log
grep -q "^zi-unit add rsud: new unit 'RSUD Kota'|Rina (Inspektorat)$" log || fail "add message"
grep -q "^zi-unit add pkm-1: new unit 'Puskesmas 1'|" log || fail "add message (zi.json commit)"
grep -q "^zi-unit stage rsud: calon -> pencanangan on 2026-11-25|" log || fail "stage message"
grep -q "^zi-unit set rsud: kind '' -> 'rsud', short_name '' -> 'RSUD'|" log || fail "set message"
grep -q "^zi-unit retire pkm-1: unit 'Puskesmas 1' retired|" log || fail "retire message"
grep -q "^zi-unit staff import staff.csv: staff/rsud.csv: added 1, updated 0, unchanged 0|" log || fail "staff import message"
grep -q "^zi-unit import units.csv: units.csv: added 0, updated 1, unchanged 0|" log || fail "import message"
git -C c log -1 --format=%b | grep -qx "Actor: Rina (Inspektorat)" || fail "no Actor: line"
# each commit touches only what the command changed
git -C c show --stat --format= HEAD~1 | grep -q "staff/rsud.csv" || fail "staff commit"
[ "$(git -C c show --name-only --format= HEAD~2)" = "units.csv" ] || fail "retire touched more than units.csv"

# 4. a failing or unchanged command commits nothing
n=$(git -C c rev-list --count HEAD)
zi-unit -C c stage rsud penetapan --date 2026-12-01 --predicate WBK -q 2>/dev/null && fail "a forbidden stage went through"
zi-unit -C c set rsud kind=rsud -q
zi-unit -C c import units.csv -q
zi-unit -C c add rsud-2 --name X --dry-run -q
[ "$(git -C c rev-list --count HEAD)" = "$n" ] || fail "a failed, unchanged or dry run made a commit"
echo ok

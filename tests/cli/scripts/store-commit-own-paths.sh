#!/bin/sh
# --commit commits only the files the command wrote. A command that died
# between its write and its commit (here: git failing) leaves its change
# uncommitted; the next --commit does not sweep it in under its own message
# and actor; check warns about it; check --fix commits it saying why.
set -eu
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cd "$t"
: > gitconfig
export ZI_TODAY=2026-12-06 GIT_CONFIG_GLOBAL="$t/gitconfig" GIT_CONFIG_NOSYSTEM=1
export GIT_COMMITTER_NAME=zi GIT_COMMITTER_EMAIL=zi@localhost GIT_AUTHOR_EMAIL=zi@localhost
fail() { echo "FAIL: $*"; exit 1; }
ZI_ACTOR=Rina zi-unit init -q --commit
ZI_ACTOR=Rina zi-unit add -q dpkp --name "Dinas Perumahan"
[ "$(git -C records rev-list --count HEAD)" = 2 ] || fail "not one commit per change"
# git fails for this one: the complaint is written, not committed
mkdir fakebin
printf '#!/bin/sh\nexit 1\n' > fakebin/git
chmod +x fakebin/git
rc=0
PATH="$t/fakebin:$PATH" ZI_ACTOR=Rina zi-eval complaint add -q dpkp --date 2026-07-25 --summary "Pungli" >/dev/null 2>err || rc=$?
[ $rc = 3 ] || { cat err; fail "a failed commit: exit $rc"; }
[ -f records/complaints.csv ] || fail "the complaint was not written"
# someone else's change: only its own files in its commit
ZI_ACTOR=Budi zi-unit add -q b1 --name "Badan Satu"
files=$(git -C records show --name-only --format= HEAD | sort | tr '\n' ' ')
[ "$files" = "stages.csv units.csv " ] || fail "Budi's commit holds: $files"
git -C records log -1 --format=%b | grep -qx "Actor: Budi" || fail "no Actor: Budi"
# check sees what was left
zi-report check > out 2> err || { cat err; fail "check fails on an uncommitted change"; }
grep -q "complaints.csv: warning: changed since the last git commit" err || { cat err; fail "check does not warn"; }
n=$(git -C records rev-list --count HEAD)
zi-report check --fix > out 2> err || { cat err; fail "check --fix failed"; }
grep -q "committed records/complaints.csv" out || { cat out err; fail "check --fix does not say what it committed"; }
[ "$(git -C records rev-list --count HEAD)" = $((n + 1)) ] || fail "check --fix made no commit"
git -C records log -1 --format=%s | grep -q "interrupted command" || fail "the message does not say why"
[ "$(git -C records show --name-only --format= HEAD)" = complaints.csv ] || fail "check --fix committed more"
[ -z "$(git -C records status --porcelain)" ] || { git -C records status; fail "something is left"; }
zi-report check 2> err
grep -q "uncommitted\|since the last git commit" err && fail "check still warns"
# a change cut short between its renames is completed by the next command
# that writes, and becomes the commit it was to be
if strace -f -qq -o /dev/null true 2>/dev/null; then
  strace -f -qq -o /dev/null -e trace=rename,renameat,renameat2 \
    -e inject=rename,renameat,renameat2:signal=KILL:when=3 \
    sh -c 'ZI_ACTOR=Rina exec zi-unit add -q b2 --name "Badan Dua"' 2>/dev/null && fail "the kill did not happen"
  [ -f records/.zi.journal ] || fail "no journal after a kill between the renames"
  ZI_ACTOR=Budi zi-unit set b1 short_name=B1 >/dev/null 2> err
  grep -q "completed a change" err || { cat err; fail "the completion was not said"; }
  git -C records log --format=%s | grep -q "^zi-unit add b2: new unit 'Badan Dua' (completed after an interruption)$" ||
    { git -C records log --format=%s; fail "the completed change is not a commit"; }
  git -C records log -1 --format=%s | grep -q "^zi-unit set b1" || fail "the set was not committed last"
  [ -z "$(git -C records status --porcelain)" ] || { git -C records status; fail "something is left uncommitted"; }
  zi-unit list | grep -q b2 || fail "b2 is not there"
fi
echo ok

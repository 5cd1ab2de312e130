#!/bin/sh
# README's "The first hour" works as written: every indented line of that
# section is run, in order, by one shell with -e, in a stand-in checkout
# (build/ holding the commands, examples/, a fresh $HOME) after make demo.
set -eu
root=$(cd "$(dirname "$0")/../../.." && pwd)
fail() { echo "FAIL: $*"; exit 1; }
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
mkdir "$t/build" "$t/home"
for b in $(dirname "$(command -v zi-unit)")/zi-*; do ln -s "$b" "$t/build/"; done
ln -s "$root/examples" "$t/examples"
awk '/^## The first hour/ {on = 1; next} on && /^## / {exit} on && /^    / {print substr($0, 5)}' \
  "$root/README.md" > "$t/walk.sh"
n=$(wc -l < "$t/walk.sh")
[ "$n" -ge 20 ] || fail "only $n lines in README's first hour"
cd "$t"
sh "$root/examples/demo.sh" build > demo.out 2>&1 || { cat demo.out; fail "make demo"; }
HOME=$t/home sh -ex walk.sh > walk.out 2>&1 || { tail -20 walk.out; fail "a line of README's first hour"; }
grep -q '^dpkp  pakta' walk.out || fail "zi-sign status on your records"
[ -s build/demo/2026-10.html ] || fail "the HTML report"
echo "ok: $n lines"

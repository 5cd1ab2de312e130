#!/bin/sh
# make demo leaves the example records in a known place and ends with
# commands to try on them: each one printed must work exactly as written,
# run from the directory make demo ran in.
set -eu
root=$(cd "$(dirname "$0")/../../.." && pwd)
fail() { echo "FAIL: $*"; exit 1; }
b=$(dirname "$(command -v zi-unit)")
cd "$b/.."
B=$(basename "$b")
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
sh "$root/examples/demo.sh" "$B" "$d/demo" > "$d/out" 2>&1 || { cat "$d/out"; fail "demo.sh"; }
grep -q "records are in $d/demo/records" "$d/out" || fail "no word of where the records are"
[ -f "$d/demo/records/zi.json" ] || fail "the records are not left in $d/demo/records"
grep "^  $B/zi-" "$d/out" > "$d/cmds" || fail "no commands to try"
n=$(wc -l < "$d/cmds")
[ "$n" -ge 3 ] || fail "only $n commands to try"
while IFS= read -r c; do
  sh -c "$c" > "$d/c.out" 2> "$d/c.err" || { cat "$d/c.err"; fail "$c"; }
  [ -s "$d/c.out" ] || [ -s "$d/demo/2026-10.html" ] || fail "$c: no output"
done < "$d/cmds"
grep -q '<svg' "$d/demo/2026-10.html" || fail "the HTML report"
# run again: the records are made anew, not added to
sh "$root/examples/demo.sh" "$B" "$d/demo" > "$d/out2" 2>&1 || { cat "$d/out2"; fail "demo.sh again"; }
cmp -s "$d/out" "$d/out2" || fail "a second run prints something else"
echo "ok: $n commands"

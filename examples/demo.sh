#!/bin/sh
# make demo: builds the example programme from examples/import/ with the zi
# commands into $2/records (default $1/demo/records, replaced by each run),
# prints the monthly report for a fixed month, and ends with commands to try
# on those records, written out with their paths (tests/cli/scripts/
# demo-commands.sh runs each one as printed). $1 is the build directory
# (default build).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
B=${1:-build}
out=${2:-$B/demo}
bin=$(cd "$B" && pwd)
export PATH="$bin:$PATH" ZI_TODAY=2026-11-22 ZI_ACTOR=demo
export ZI_LOCALEDIR="$bin/locale"
unset ZI_RECORDS ZI_LANG
R=$out/records
rm -rf "$R" "$out/build.log"
mkdir -p "$out"
sh "$here/build.sh" "$R" >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
if [ -x "$bin/zi-report" ]; then
  zi-report -C "$R" monthly --month 2026-10
else
  zi-unit -C "$R" list
fi
cat <<MSG

The example records are in $R (made again by each make demo).
Try, from this directory:

  $B/zi-sign -C $R status
  $B/zi-eval -C $R score tanbu-disdukcapil --year 2026 --explain
  $B/zi-report -C $R readiness
  $B/zi-report -C $R monthly --month 2026-10 --format html -o $out/2026-10.html

MSG

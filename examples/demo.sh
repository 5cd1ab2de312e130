#!/bin/sh
# make demo: builds the example programme from examples/import/ in a temporary
# directory with the zi commands, then prints the monthly report for a fixed
# month. $1 is the build directory (default build).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=$(cd "${1:-build}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PATH="$bin:$PATH" ZI_TODAY=2026-11-22 ZI_ACTOR=demo
export ZI_LOCALEDIR="$bin/locale"
unset ZI_RECORDS ZI_LANG
sh "$here/build.sh" "$work/records" >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
if [ -x "$bin/zi-report" ]; then
  zi-report -C "$work/records" monthly --month 2026-10
else
  zi-unit -C "$work/records" list
fi

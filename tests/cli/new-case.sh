#!/bin/sh
# tests/cli/new-case.sh NAME 'command line' [setup-lines]: makes a case and
# records what the built command does now as its golden output (review it!).
set -e
d=$(dirname "$0")/cases/$1
mkdir -p "$d"
printf '%s\n' "$2" > "$d/cmd"
[ -n "${3:-}" ] && printf '%s\n' "$3" > "$d/setup"
UPDATE=1 EXACT="$1" sh "$(dirname "$0")/run.sh" >/dev/null || true
echo "== $d"; for f in rc stdout stderr; do echo "-- $f"; cat "$d/$f"; done

#!/bin/sh
# The map of lib/ in README.md's Layout section names every module, and every
# module says its job in a top comment (of lib/NAME.h, else of lib/NAME.c,
# also when the header says only "see NAME.c"):
# the map is written from those comments and must not fall behind the tree.
#   sh tests/cli/scripts/lib-map.sh           check
#   sh tests/cli/scripts/lib-map.sh --print   the map drafted from the top
#                                             comments (their first sentence),
#                                             to paste into README.md and trim
set -eu
root=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$root"

# The top comment of a file (its first line opens a /* comment), as one line.
top_comment() {
  sed -n '1{/^\/\*/!q;};p;/\*\//q' "$1" |
    sed 's/^\/\* \{0,1\}//; s/^ \* \{0,1\}//; s/ *\*\/.*//' | tr '\n' ' ' |
    sed 's/  */ /g; s/ $//'
}

job() {
  for f in "lib/$1.h" "lib/$1.c"; do
    [ -f "$f" ] || continue
    t=$(top_comment "$f")
    # a header that sends the reader to the .c file ("see lke.c") does not
    # say the job: the .c file's comment does
    case "$t" in *"see $1.c"*) continue ;; esac
    [ -n "$t" ] && { printf '%s\n' "$t"; return; }
  done
}

if [ "${1:-}" = --print ]; then
  for c in lib/*.c; do
    n=$(basename "$c" .c)
    # the first sentence
    printf -- '- `lib/%s.c` %s\n' "$n" "$(job "$n" | sed 's/\([.]\) .*/\1/')"
  done
  exit 0
fi

# README's Layout section: from "## Layout" to the next "## "
awk '/^## Layout/ { on = 1; next } on && /^## / { exit } on' README.md > "${TMPDIR:-/tmp}/lib-map.$$"
trap 'rm -f "${TMPDIR:-/tmp}/lib-map.$$"' EXIT
map="${TMPDIR:-/tmp}/lib-map.$$"
fail=0
for c in lib/*.c; do
  n=$(basename "$c" .c)
  if [ -z "$(job "$n")" ]; then
    echo "lib/$n.c: no top comment saying its job (in lib/$n.h or lib/$n.c)"; fail=1
  fi
  grep -q "^- \`lib/$n\.c\`" "$map" ||
    { echo "lib/$n.c: not in the map of lib/ in README.md (Layout); '$0 --print' drafts its line"; fail=1; }
done
# and no line for a module that is gone
for n in $(sed -n 's/^- `lib\/\([a-z0-9_-]*\)\.c`.*/\1/p' "$map"); do
  [ -f "lib/$n.c" ] || { echo "README.md maps lib/$n.c, which does not exist"; fail=1; }
done
[ $fail = 0 ] && echo ok
exit $fail

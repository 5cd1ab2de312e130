#!/bin/sh
# Every message shown to people has an Indonesian translation: extract the
# messages of lib/ and bin/ (keywords _ and N_) into a .pot and compare it with
# po/id.po and po/id-*.po merged the way the Makefile merges them. A message
# without one fails the test and is named with its source line.
set -eu
root=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$root"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --add-location \
  -o "$tmp/zi.pot" lib/*.c lib/*.h bin/*.c
n=$(grep -c '^msgid ' "$tmp/zi.pot")
# the .pot holds the header entry and hundreds of messages: an empty one means
# the extraction, not the translations, failed
[ "$n" -gt 100 ] || { echo "only $n messages extracted"; exit 1; }
msgcat --use-first po/id.po po/id-*.po > "$tmp/id.po"
msgmerge --quiet --no-fuzzy-matching -o "$tmp/merged.po" "$tmp/id.po" "$tmp/zi.pot"
msgattrib --untranslated --no-obsolete "$tmp/merged.po" > "$tmp/missing.po"
# the header entry (msgid "") is always there; every other one is a gap
missing=$(grep -c '^msgid ' "$tmp/missing.po" || true)
if [ "${missing:-0}" -gt 1 ]; then
  echo "$((missing - 1)) of $((n - 1)) messages have no Indonesian translation"
  echo "(put them in po/id-<yourname>.po):"
  grep -v '^"' "$tmp/missing.po" | sed -n '/^#:/,$p'
  exit 1
fi
# a fuzzy translation is not used by msgfmt: it is as good as none
fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$tmp/id.po" | grep -c '^msgid ' || true)
if [ "${fuzzy:-0}" -gt 0 ]; then
  echo "fuzzy translations in po/:"; msgattrib --only-fuzzy --no-obsolete "$tmp/id.po"; exit 1
fi
echo "all $((n - 1)) messages translated"

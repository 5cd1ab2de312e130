#!/bin/sh
# A newcomer's clone: the committed state (HEAD) of this checkout, cloned
# into an empty temporary directory with nothing beside it, builds and passes
# its unit tests there (so no test reads outside the checkout: no ../shared,
# no $SHARED), and its zi-unit finds the records from inside a records
# directory and from below it, and refuses to init one inside another.
# Nothing of the outer build is used. Skipped outside a git checkout.
set -eu
root=$(cd "$(dirname "$0")/../../.." && pwd)
fail() { echo "FAIL: $*"; exit 1; }
if ! command -v git >/dev/null 2>&1 || ! git -C "$root" rev-parse --verify -q HEAD >/dev/null; then
  echo "skipped: $root is not a git checkout"; exit 0
fi
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
# HEAD of the checkout, whatever branch (or none) it is on
git init -q "$d/zi"
git -C "$d/zi" fetch -q --depth 1 "file://$root" HEAD
git -C "$d/zi" checkout -q FETCH_HEAD
cd "$d/zi"
if grep -rn -e '\.\./shared' -e 'getenv("SHARED")' -e '\$SHARED' -e '\${SHARED' tests bench Makefile .ci 2>/dev/null | grep -v '^tests/cli/scripts/newcomer-clone.sh:'; then
  fail "a test still reads outside the checkout"
fi
# only what this test needs, unoptimised to save time; not the outer make's settings
units=$(ls tests/unit/test_*.c | sed 's|^tests/unit/\(.*\)\.c$|build/tests/\1|')
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u SHARED -u CFLAGS -u LDLIBS \
  -u B -u OPT -u SAN make -s -j2 B=build OPT=-O0 SAN= build/zi-unit $units build/locale/id/LC_MESSAGES/zi.mo > "$d/make.log" 2>&1 ||
  { tail -30 "$d/make.log"; fail "the clone does not build"; }
for t in $units; do
  env -u SHARED "$t" > "$d/unit.log" 2>&1 || { tail -30 "$d/unit.log"; fail "$t in the clone"; }
done
echo "unit tests pass in the clone: $(echo $units | wc -w) programs"
# the commands find their records the way git finds its repository
zu=$d/zi/build/zi-unit
w=$(mktemp -d); trap 'rm -rf "$d" "$w"' EXIT
cd "$w"
unset ZI_RECORDS
$zu init -q --name "Kota Contoh" --code 9999
$zu add dpkp --name "Dinas Pemadam Kebakaran" -q
cd records
$zu list -f csv | grep -q '^dpkp,' || fail "zi-unit list inside the records directory"
mkdir -p staff/notes && cd staff/notes
$zu show dpkp -f csv | grep -q 'Dinas Pemadam' || fail "zi-unit show below the records directory"
rc=0; $zu init 2> "$d/init.err" || rc=$?
[ "$rc" = 1 ] || fail "zi-unit init inside a records directory: exit $rc, not 1"
grep -q "inside the records directory $(cd "$w" && pwd -P)/records" "$d/init.err" || { cat "$d/init.err"; fail "the refusal does not name the records directory"; }
[ ! -e records ] || fail "zi-unit init made a records directory inside another"
echo ok

#!/bin/sh
# zi-report site replaces DIR whole or not at all: a write, sync or the final
# rename made to fail (strace's fault injection) leaves the old site exactly
# as it was, with no temporary directory left beside it; where renameat2 has
# no RENAME_EXCHANGE the two-rename fallback gives the same tree. The same
# records and month give the same bytes whatever day it runs; a directory
# that cannot be written is refused (exit 3) with nothing written.
# (LeakSanitizer does not run under ptrace: off for the runs under strace.)
set -eu
root=$(cd "$(dirname "$0")/../../.." && pwd)
d=$(mktemp -d); trap 'chmod -R u+w "$d" 2>/dev/null; rm -rf "$d"' EXIT
cd "$d"
cp -R "$root/tests/cli/cases/site-data-json/in/records" records
sum() { (cd "$1" && find . -type f -o -type l | LC_ALL=C sort | xargs sha256sum); }
zi-report -q site site --month 2026-09
sum site > old.sum
# byte-identical: again, another day, another month first
ZI_TODAY=2030-01-01 zi-report -q site again --month 2026-09
sum again > again.sum
cmp old.sum again.sum || { echo "not byte-identical"; diff old.sum again.sum | head; exit 1; }
leftovers() { ls -A | grep -E '\.zi-' && { echo "temporary directory left"; exit 1; } || true; }
if command -v strace >/dev/null 2>&1 && strace -f -o /dev/null true 2>/dev/null; then
  for inj in 'write:error=ENOSPC:when=20' 'fsync:error=EIO:when=12' 'renameat2:error=EIO' 'mkdir:error=EACCES'; do
    set +e
    ASAN_OPTIONS=detect_leaks=0 strace -f -o /dev/null -e trace=write,fsync,renameat2,mkdir -e inject=$inj \
      zi-report site site --month 2026-10 > out.txt 2> err.txt
    rc=$?
    set -e
    [ $rc = 3 ] || { echo "$inj: exit $rc, want 3"; cat err.txt; exit 1; }
    sum site > now.sum
    cmp old.sum now.sum || { echo "$inj: the old site changed"; diff old.sum now.sum | head; exit 1; }
    leftovers
    echo "ok: $inj: exit 3, old site intact ($(head -1 err.txt))"
  done
  # no RENAME_EXCHANGE: the fallback of two renames
  ASAN_OPTIONS=detect_leaks=0 strace -f -o /dev/null -e trace=renameat2 -e inject=renameat2:error=EINVAL:when=1 \
    zi-report -q site site --month 2026-10
  zi-report -q site fresh --month 2026-10
  sum site > a.sum; sum fresh > b.sum
  cmp a.sum b.sum || { echo "the fallback wrote another tree"; exit 1; }
  leftovers
  echo "ok: the fallback without RENAME_EXCHANGE"
else
  echo "skipped the fault injection: strace cannot run here"
fi
# a directory that cannot be written (not as root: root writes anywhere)
if [ "$(id -u)" != 0 ]; then
  mkdir ro && chmod 555 ro
  set +e; zi-report site ro/site --month 2026-10 2> err.txt; rc=$?; set -e
  [ $rc = 3 ] || { echo "read-only parent: exit $rc"; exit 1; }
  [ -z "$(ls -A ro)" ] || { echo "written into a read-only directory"; exit 1; }
  echo "ok: read-only: $(cat err.txt)"
fi

#!/bin/sh
# CLI golden tests. Each case is a directory tests/cli/cases/NAME/ with
#   cmd        the command line under test (one line, run by sh in a fresh
#              temporary directory holding a copy of in/)
#   in/        input files (optional)
#   setup      shell lines run before cmd, same directory (optional)
#   after      shell lines run after cmd; their output must equal after.out
#              (optional: use it to show what was, or was not, written)
#   stdout stderr rc   the expected output and exit code
# The command's output goes to files, never into a pipe, so a crash shows as
# its exit code. UPDATE=1 rewrites the expected files from what the command did.
# ZI_BIN is the directory of the binaries; ZI_VALGRIND=1 runs them under valgrind.
# Only cases whose name contains $ONLY run, when it is set.
set -u
here=$(cd "$(dirname "$0")" && pwd)
bin=$(cd "${ZI_BIN:-build}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
for b in "$bin"/zi-*; do
  [ -x "$b" ] || continue
  n=$(basename "$b")
  if [ "${ZI_VALGRIND:-0}" = 1 ]; then
    printf '#!/bin/sh\nexec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite "%s" "$@"\n' "$b" > "$work/bin/$n"
  else
    printf '#!/bin/sh\nexec "%s" "$@"\n' "$b" > "$work/bin/$n"
  fi
  chmod +x "$work/bin/$n"
done
# what every case sees: a fixed day, a fixed actor, English, no records dir set
export PATH="$work/bin:$PATH" ZI_TODAY=2026-11-22 ZI_ACTOR=tester LANG=C.UTF-8 LC_ALL=
export GIT_AUTHOR_NAME=tester GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=tester GIT_COMMITTER_EMAIL=t@example.org
export ZI_LOCALEDIR="$bin/locale"
unset ZI_LANG ZI_RECORDS LANGUAGE
# third-party test data lives in the tree: no test reads outside the checkout
unset SHARED
export CORPORA="$(cd "$here/../corpora" && pwd)"
# tests/: a case's setup makes its spreadsheets with "$ZI_TESTS/sheets/make.py"
export ZI_TESTS="$(cd "$here/.." && pwd)"
pass=0; fail=0; failed=""
for case in "$here"/cases/*/; do
  name=$(basename "$case")
  if [ -n "${ONLY:-}" ]; then case "$name" in *"$ONLY"*) ;; *) continue ;; esac; fi
  if [ -n "${EXACT:-}" ] && [ "$name" != "$EXACT" ]; then continue; fi
  t="$work/case-$name"; mkdir -p "$t"
  [ -d "$case/in" ] && cp -R "$case/in/." "$t/"
  ok=1
  if [ -f "$case/setup" ]; then
    (cd "$t" && sh -e "$case/setup") > "$work/setup.out" 2>&1 || { ok=0; echo "FAIL $name: setup failed"; cat "$work/setup.out"; }
  fi
  (cd "$t" && sh "$case/cmd") > "$work/stdout" 2> "$work/stderr"
  echo $? > "$work/rc"
  if [ -f "$case/after" ]; then
    (cd "$t" && sh "$case/after") > "$work/after.out" 2>&1
  fi
  if [ "${UPDATE:-0}" = 1 ]; then
    cp "$work/stdout" "$case/stdout"; cp "$work/stderr" "$case/stderr"; cp "$work/rc" "$case/rc"
    [ -f "$case/after" ] && cp "$work/after.out" "$case/after.out"
  fi
  for f in stdout stderr rc; do
    if ! cmp -s "$case/$f" "$work/$f"; then
      ok=0; echo "FAIL $name: $f differs"; diff -u "$case/$f" "$work/$f" | head -30
    fi
  done
  if [ -f "$case/after" ] && ! cmp -s "$case/after.out" "$work/after.out"; then
    ok=0; echo "FAIL $name: after.out differs"; diff -u "$case/after.out" "$work/after.out" | head -30
  fi
  if [ $ok = 1 ]; then pass=$((pass+1)); else fail=$((fail+1)); failed="$failed $name"; fi
  rm -rf "$t"
done
# the scripted tests: safety under kill and concurrency, and the like
for s in "$here"/scripts/*.sh; do
  [ -f "$s" ] || continue
  name=$(basename "$s" .sh)
  if [ -n "${ONLY:-}" ]; then case "$name" in *"$ONLY"*) ;; *) continue ;; esac; fi
  if (cd "$work" && sh "$s") > "$work/script.out" 2>&1; then pass=$((pass+1)); else
    fail=$((fail+1)); failed="$failed $name"; echo "FAIL $name"; tail -20 "$work/script.out"; fi
done
[ -n "$failed" ] && echo "failed:$failed"
echo "cli: $pass passed, $fail failed"
[ $fail = 0 ]

#!/bin/sh
# Builds the example records directory $1 (default ./records) from the
# spreadsheets in examples/import/ with the zi commands on PATH, so that the
# example is always valid for the current code. Rosters, signature lists,
# surveys and LKE answers are generated (examples/gen-sample.awk): SAMPLE DATA,
# invented people. The units, declarations and their dates come from public
# news where the notes say so (see examples/README.md).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
R=${1:-records}
I=$here/import
gen=$(mktemp -d)
trap 'rm -rf "$gen"' EXIT
has() { command -v "$1" >/dev/null 2>&1; }
# Each step runs on the day it happened, so stage dates are right.
at() { d=$1; shift; ZI_TODAY=$d "$@"; }

at 2020-01-02 zi-unit -C "$R" init --name "Contoh program ZI (gabungan kasus berita publik; data contoh)" --code 0000 --lang en --kind pemda
at 2020-01-02 zi-unit -C "$R" -q import "$I/units.csv"
# the yearly facts of the proposal prerequisites (5/2024 Tabel 5): SAMPLE DATA
at 2026-11-22 zi-unit -C "$R" -q instansi import "$I/fakta-instansi.csv"
at 2026-11-22 zi-unit -C "$R" -q facts import "$I/fakta-unit.csv"
awk -v OUT="$gen" -f "$here/gen-sample.awk" "$I/declarations.csv"
# rosters first: the pacts are signed by people on them
for f in "$gen"/staff-*.csv; do
  u=${f##*/staff-}; u=${u%.csv}
  at 2020-01-02 zi-unit -C "$R" -q staff import "$u" "$f"
done
if has zi-declare; then
  at 2026-11-22 zi-declare -C "$R" -q import "$I/declarations.csv"
else
  # no zi-declare yet: the stage change alone
  tail -n +2 "$I/declarations.csv" | while IFS=';' read -r u d _; do
    at 2026-11-22 zi-unit -C "$R" -q stage "$u" pencanangan --date "$d"
  done
fi
# the stage changes after the declarations, as a spreadsheet: each goes where
# its date puts it in the unit's history
at 2026-11-22 zi-unit -C "$R" -q stage import "$I/stages.csv"
if has zi-sign; then
  for f in "$gen"/sign-*.csv; do
    u=${f##*/sign-}; u=${u%.csv}
    [ "$(wc -l < "$f")" -gt 1 ] || continue
    at 2026-11-22 zi-sign -C "$R" -q import "$u" "$f"
  done
  at 2026-11-22 zi-sign -C "$R" -q import tanjungbalai-skipm "$I/pakta-eksternal-tanjungbalai.csv"
fi
if has zi-eval; then
  for f in "$gen"/ikm-*.csv; do
    u=${f##*/ikm-}; u=${u%.csv}
    at 2026-11-22 zi-eval -C "$R" -q survey ikm "$u" --year 2026 "$f" >/dev/null
  done
  tail -n +2 "$I/complaints.csv" | while IFS=';' read -r u recv ch cat sum res ref; do
    at 2026-11-22 zi-eval -C "$R" -q complaint add "$u" --date "$recv" --summary "$sum" --channel "$ch" --category "$cat" >/dev/null
    if [ -n "$res" ]; then
      iso=$(echo "$recv" | awk -F/ '{print $3 "-" $2 "-" $1}')
      id=$(at 2026-11-22 zi-eval -C "$R" complaint list --unit "$u" --format csv | awk -F, -v d="$iso" 'NR>1 && $3==d {print $1}' | tail -n 1)
      at 2026-11-22 zi-eval -C "$R" -q complaint resolve "$id" --date "$res" --ref "$ref" >/dev/null
    fi
  done
  # LKE 2026 answers (SAMPLE DATA) for the units evaluated this year: the
  # template filled by a fixed rule, so some pass WBK and some do not
  n=0
  for u in tanbu-disdukcapil tanbu-dpmptsp tanbu-rsud tanbu-dinkes tanbu-disdik tanbu-bkpsdm \
           tanbu-bapenda bws-disdukcapil bws-rsud bws-dpmptsp bws-dinkes bws-pkm-kota; do
    n=$((n + 1))
    at 2026-11-22 zi-eval -C "$R" template "$u" --year 2026 > "$gen/lke-$u.csv"
    awk -F, -v k="$n" -f "$here/fill-lke.awk" "$gen/lke-$u.csv" > "$gen/lke-$u-filled.csv"
    at 2026-11-22 zi-eval -C "$R" -q import "$u" --year 2026 "$gen/lke-$u-filled.csv" >/dev/null
  done
fi

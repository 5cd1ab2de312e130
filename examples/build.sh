#!/bin/sh
# Builds the example records directory $1 (default ./records) from the
# spreadsheets in examples/import/ with the zi commands on PATH.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
R=${1:-records}
export ZI_TODAY=${ZI_TODAY:-2026-11-22}
zi-unit -C "$R" init --name "Contoh Program Zona Integritas (data contoh)" --code 0000 --lang en
zi-unit -C "$R" -q import "$here/import/units.csv"

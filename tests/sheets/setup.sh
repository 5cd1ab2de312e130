# Sourced by the setup of the spreadsheet cases: makes the spreadsheets (with
# openpyxl, never with zi) and a programme with one unit and its roster.
"${ZI_PYTHON:-/usr/bin/python3}" "$ZI_TESTS/sheets/make.py" . >/dev/null
zi-unit init -q --name "Pemerintah Kota Contoh" --code 9999
zi-unit add -q dinkes --name "Dinas Kesehatan" --kind dinas --target WBK --date 2026-01-05

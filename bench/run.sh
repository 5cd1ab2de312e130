#!/bin/sh
# make bench: national-scale timings with hyperfine, written to bench/RESULTS.md.
#
#   sh bench/run.sh [BUILD_DIR]          (make bench B=... passes it)
#
# Environment: ZI_BENCH_DATA (default bench/data), ZI_BENCH_RUNS (default 5),
# ZI_BENCH_OUT (default bench/RESULTS.md), ZI_BENCH_GEN (gen options; default
# "--all", the data of every section; ZI_BENCH_GEN= for the base data alone:
# the records and the roster of the zi-unit section).
#
# One section per command. A section whose binary is not built yet is
# skipped and says so in the results. To add a section: write a function
# section_NAME that starts with `have zi-NAME || return 0`, call `bench`
# (hyperfine with the common options) and `peak` (memory), and add it to
# SECTIONS below (ZI_BENCH_SECTIONS="eval" runs only that one). Data: bench/gen.c (see its header for the layout; add
# generators there behind flags so the base run stays quick).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
B=${1:-build}
case $B in /*) ;; *) B=$root/$B ;; esac
DATA=${ZI_BENCH_DATA:-bench/data}
case $DATA in /*) ;; *) DATA=$root/$DATA ;; esac
RUNS=${ZI_BENCH_RUNS:-5}
OUT=${ZI_BENCH_OUT:-$root/bench/RESULTS.md}
SECTIONS=${ZI_BENCH_SECTIONS:-"unit sheet sign eval report check"}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# --- tools -----------------------------------------------------------------
need_pkgs=""
command -v hyperfine >/dev/null 2>&1 || need_pkgs="$need_pkgs hyperfine"
command -v mlr >/dev/null 2>&1 || need_pkgs="$need_pkgs miller"
[ -x /usr/bin/time ] || need_pkgs="$need_pkgs time"
if [ -n "$need_pkgs" ]; then
	echo "bench: installing$need_pkgs"
	if [ "$(id -u)" = 0 ]; then s=; else s=sudo; fi
	$s apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $s apt-get install -y -qq $need_pkgs >/dev/null
fi

# --- data ------------------------------------------------------------------
GEN=$B/gen
if [ ! -x "$GEN" ] || [ bench/gen.c -nt "$GEN" ]; then
	${CC:-cc} -std=c17 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -o "$GEN" bench/gen.c
fi
GEN_OPTS=${ZI_BENCH_GEN-"--all"}
stamp="gen $GEN_OPTS $(cksum < bench/gen.c)"
if [ ! -f "$DATA/.stamp" ] || [ "$(cat "$DATA/.stamp")" != "$stamp" ]; then
	echo "bench: generating data in $DATA"
	rm -rf "$DATA"
	# shellcheck disable=SC2086
	"$GEN" -o "$DATA" $GEN_OPTS
	echo "$stamp" > "$DATA/.stamp"
fi
REC=$DATA/records

# --- helpers ---------------------------------------------------------------
have() { [ -x "$B/$1" ]; }

# bench NAME ARGS...: hyperfine with the common options; results appended to
# $TMP/NAME.csv and the markdown table to the report.
bench() {
	name=$1
	shift
	if ! hyperfine --style basic --runs "$RUNS" --export-markdown "$TMP/$name.md" \
		--export-csv "$TMP/$name.csv" "$@" >&2; then
		# one failing command does not cost the other sections their results
		say "**hyperfine failed** in \`$name\` (a command exited non-zero; see the make bench output)."
		say
		: > "$TMP/$name.csv"
		return 1
	fi
	cat "$TMP/$name.md" >> "$TMP/report"
	echo >> "$TMP/report"
}

# mean NAME COMMAND-NAME: the mean time in seconds of one command of a bench.
mean() {
	awk -F, -v n="$2" 'NR > 1 && $1 == n { print $2 }' "$TMP/$1.csv"
}

# peak LABEL COMMAND...: peak resident memory (MiB) of one run.
peak() {
	label=$1
	shift
	/usr/bin/time -f %M -o "$TMP/mem" "$@" >/dev/null 2>"$TMP/mem.err" ||
		{ cat "$TMP/mem.err" >&2; echo "bench: $label failed" >&2; return 1; }
	kb=$(tail -n 1 "$TMP/mem")
	echo "| $label | $(awk -v k="$kb" 'BEGIN { printf "%.0f", k / 1024 }') |" >> "$TMP/mem.md"
	echo "$kb"
}

# bench/csvread: the floors (the CSV reader alone, or libcsv alone)
build_csvread() {
	${CC:-cc} -std=c17 -D_GNU_SOURCE -O2 -Ilib -o "$B/csvread" bench/csvread.c "$B/libzi.a" \
		-lcsv $(pkg-config --libs jansson libcrypto 2>/dev/null || echo -ljansson -lcrypto) -lm -lpthread
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# DuckDB, what an analyst would use for the same numbers: npm @duckdb/node-api
# in bench/node_modules (git ignores it), installed here for the bench only;
# bench/duckdb.mjs runs one SQL statement per query. DUCK is empty when it
# cannot be had (no node or npm, no network): the comparisons are left out.
DUCK_VERSION=1.5.6-r.1
duck_setup() {
	DUCK=
	command -v node >/dev/null 2>&1 || return 0
	if [ ! -d "$root/bench/node_modules/@duckdb/node-api" ]; then
		command -v npm >/dev/null 2>&1 || return 0
		echo "bench: installing @duckdb/node-api@$DUCK_VERSION into bench/node_modules"
		npm install --no-save --no-package-lock --silent --prefix "$root/bench" \
			"@duckdb/node-api@$DUCK_VERSION" >/dev/null 2>&1 || return 0
	fi
	DUCK="node $root/bench/duckdb.mjs"
}
say() { echo "$*" >> "$TMP/report"; }
skipped() { say "Skipped: $B/$1 is not built yet."; say; }
mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }

# --- zi-unit staff import (issue 2) ----------------------------------------
section_unit() {
	f=$DATA/roster.csv
	say "## zi-unit staff import: $(($(wc -l < "$f") - 1)) rows"
	say
	have zi-unit || { skipped zi-unit; return 0; }
	size=$(stat -c %s "$f")
	target=$REC/staff/bench-import.csv
	imp="$B/zi-unit -C $REC staff import bench-import $f"
	say "Input: \`roster.csv\`, $(mib "$size") MiB (BOM, \`;\`, CRLF, dd/mm/yyyy dates,"
	say "a \"No\" column, rows not in NIP order), into the unit \`bench-import\` of a records"
	say "directory of $(($(wc -l < "$REC/units.csv") - 2)) other units with their rosters. Commands (in \`${DATA#"$root"/}\`):"
	say
	say "- first-import: \`zi-unit -C records staff import bench-import roster.csv\`, roster file removed before each run"
	say "- re-import: the same command again (nothing changes, no byte is written)"
	say "- gnu-sort: \`LC_ALL=C sort -t';' -k2,2 roster.csv\` (output to /dev/null)"
	say "- miller: \`mlr --icsv --ifs ';' --ocsv sort -f NIP roster.csv\` (Miller reads the BOM; NIP is the header)"
	say
	rm -f "$target"
	bench unit \
		-n first-import --prepare "rm -f $target" "$imp" \
		-n re-import --prepare "$imp" "$imp" \
		-n gnu-sort --prepare : "LC_ALL=C sort -t';' -k2,2 $f" \
		-n miller --prepare : "mlr --icsv --ifs ';' --ocsv sort -f NIP $f"
	first=$(mean unit first-import)
	again=$(mean unit re-import)
	sorted=$(mean unit gnu-sort)
	mlr_t=$(mean unit miller)
	rm -f "$target"
	echo "| command | peak MiB |" > "$TMP/mem.md"
	echo "|---|---|" >> "$TMP/mem.md"
	m1=$(peak "zi-unit staff import (first)" $imp)
	m2=$(peak "zi-unit staff import (again)" $imp)
	peak "sort" env LC_ALL=C sort -t';' -k2,2 "$f" >/dev/null
	peak "mlr" mlr --icsv --ifs ';' --ocsv sort -f NIP "$f" >/dev/null
	# the million-staff unit is this section's alone: the other sections
	# measure the national data, whose largest unit has a few hundred staff
	rm -f "$target"
	cat "$TMP/mem.md" >> "$TMP/report"
	say
	limit=$((size * 3 / 1024))
	worst=$m1
	[ "$m2" -gt "$worst" ] && worst=$m2
	say "| goal | measured | met |"
	say "|---|---|---|"
	r1=$(ratio "$first" "$sorted")
	r2=$(ratio "$again" "$sorted")
	r3=$(ratio "$mlr_t" "$first")
	r4=$(ratio "$mlr_t" "$again")
	ok() { awk -v a="$1" -v op="$2" -v b="$3" 'BEGIN { r = op == "<=" ? a <= b : a >= b; print r ? "yes" : "**no**" }'; }
	say "| first import within 1.5x of GNU sort | ${r1}x | $(ok "$r1" '<=' 1.5) |"
	say "| re-import within 1.5x of GNU sort | ${r2}x | $(ok "$r2" '<=' 1.5) |"
	say "| Miller / first import at least 10x | ${r3}x | $(ok "$r3" '>=' 10) |"
	say "| Miller / re-import at least 10x | ${r4}x | $(ok "$r4" '>=' 10) |"
	say "| peak memory under 3x the file ($(mib $((size * 3))) MiB) | $(awk -v k="$worst" 'BEGIN { printf "%.0f", k / 1024 }') MiB | $(ok "$limit" '>=' "$worst") |"
	say
}

# --- the roster as .xlsx (issue 10) ----------------------------------------
# roster.csv written as an .xlsx workbook by libxlsxwriter (bench/csv2xlsx.c:
# constant-memory mode, inline strings, dates as date cells), imported as the
# CSV is: within 3x the CSV import's time, peak memory within 1.5x.
section_sheet() {
	f=$DATA/roster.csv
	x=$DATA/roster.xlsx
	say "## zi-unit staff import of an .xlsx roster: $(($(wc -l < "$f") - 1)) rows"
	say
	have zi-unit || { skipped zi-unit; return 0; }
	pkg-config --exists xlsxwriter || { say "Skipped: libxlsxwriter-dev is not installed."; say; return 0; }
	if [ ! -x "$B/csv2xlsx" ] || [ bench/csv2xlsx.c -nt "$B/csv2xlsx" ]; then
		# shellcheck disable=SC2046
		${CC:-cc} -std=c17 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -o "$B/csv2xlsx" \
			bench/csv2xlsx.c $(pkg-config --cflags --libs xlsxwriter)
	fi
	if [ ! -f "$x" ] || [ "$f" -nt "$x" ]; then
		"$B/csv2xlsx" "$f" "$x"
	fi
	target=$REC/staff/bench-import.csv
	csv="$B/zi-unit -C $REC staff import bench-import $f"
	xlsx="$B/zi-unit -C $REC staff import bench-import $x"
	say "Input: \`roster.csv\` ($(mib "$(stat -c %s "$f")") MiB) and the same roster as \`roster.xlsx\`"
	say "($(mib "$(stat -c %s "$x")") MiB, written by libxlsxwriter: inline strings, TMT as date cells)."
	say "Each a first import into the unit \`bench-import\` (its roster file removed before each run)."
	say
	bench sheet \
		-n csv-import --prepare "rm -f $target" "$csv" \
		-n xlsx-import --prepare "rm -f $target" "$xlsx"
	tc=$(mean sheet csv-import)
	tx=$(mean sheet xlsx-import)
	echo "| command | peak MiB |" > "$TMP/mem.md"
	echo "|---|---|" >> "$TMP/mem.md"
	rm -f "$target"
	mc=$(peak "zi-unit staff import roster.csv" $csv)
	rm -f "$target"
	mx=$(peak "zi-unit staff import roster.xlsx" $xlsx)
	rm -f "$target"
	cat "$TMP/mem.md" >> "$TMP/report"
	say
	ok() { awk -v a="$1" -v b="$2" 'BEGIN { print a <= b ? "yes" : "**no**" }'; }
	rt=$(ratio "$tx" "$tc")
	rm_=$(ratio "$mx" "$mc")
	say "| goal | measured | met |"
	say "|---|---|---|"
	say "| .xlsx import within 3x of the CSV import's time | ${rt}x | $(ok "$rt" 3) |"
	say "| .xlsx import's peak memory within 1.5x of the CSV import's | ${rm_}x | $(ok "$rm_" 1.5) |"
	say
	# CPU time too: on a loaded machine the wall clock mostly measures the others
	cpu() { awk -F, -v n="$2" 'NR > 1 && $1 == n { printf "%.3f", $5 + $6 }' "$TMP/$1.csv"; }
	say "CPU time (user + system, mean): CSV $(cpu sheet csv-import) s, .xlsx $(cpu sheet xlsx-import) s"
	say "($(ratio "$(cpu sheet xlsx-import)" "$(cpu sheet csv-import)")x); load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs."
	say
}

# --- zi-sign (issue 3) -----------------------------------------------------
# Data: ZI_BENCH_GEN=--signatures gives records/signatures/UNIT.csv (about 3
# million rows) and sign-import.csv (the 500 pacts of the first unit, left
# out of its records file). To write: `zi-sign status --format json` over
# everything and `zi-sign import` of sign-import.csv, beside
# `cat $REC/signatures/*.csv | wc -l` and mlr computing the per-unit counts.
section_sign() {
	say "## zi-sign"
	say
	have zi-sign || { skipped zi-sign; return 0; }
	[ -d "$REC/signatures" ] && [ -f "$DATA/sign-import.csv" ] ||
		{ say "Skipped: no signatures in the data (ZI_BENCH_GEN=--signatures or --all)."; say; return 0; }
	# the unit whose pacts sign-import.csv holds: the first one generated
	unit=$(cd "$REC/signatures" && ls | grep -e '-0001\.csv$' | head -n 1)
	unit=${unit%.csv}
	ncpu=$(nproc)
	nsig=$(cat "$REC"/signatures/*.csv | wc -l)
	nstaff=$(cat "$REC"/staff/*.csv | wc -l)
	units=$(ls "$REC/signatures" | wc -l)
	say "$units units, $nstaff roster lines and $nsig signature lines (\`staff/*.csv\`,"
	say "\`signatures/*.csv\`). Commands (in \`${DATA#"$root"/}\`):"
	say
	say "- cat: \`cat records/staff/*.csv records/signatures/*.csv | wc -l\` (the floor: the files status reads)"
	say "- status: \`zi-sign -C records status --format json\` (every unit, four documents, who is missing)"
	say "- miller: \`mlr --icsv --ojson put '\$unit = FILENAME' then count -g unit,doc records/signatures/*.csv\`"
	say "  (signature counts per unit and document only: no roster, no dates, no missing list)"
	say "- libcsv: \`csvread -j $ncpu --bare\` over the files status reads: libcsv alone, on every CPU, with"
	say "  callbacks that only count rows (bench/csvread.c): what parsing these bytes costs at the least"
	duck_setup
	day=${ZI_TODAY:-$(date +%F)}
	[ -n "$DUCK" ] && say "- duckdb: \`node bench/duckdb.mjs status records $day\`: one SQL statement (DuckDB $DUCK_VERSION) over the same files,
  per unit and document the roster people owing it that day, who signed and who is missing (bench/duckdb.mjs)"
	say
	build_csvread
	bench sign \
		-n cat "cat $REC/staff/*.csv $REC/signatures/*.csv | wc -l" \
		-n libcsv "$B/csvread -j $ncpu --bare $REC/staff/*.csv $REC/signatures/*.csv" \
		-n status "$B/zi-sign -C $REC status --format json > /dev/null" \
		-n miller "mlr --icsv --ojson put '\$unit = FILENAME' then count -g unit,doc $REC/signatures/*.csv > /dev/null" \
		${DUCK:+-n duckdb "$DUCK status $REC $day > /dev/null"}
	c=$(mean sign cat)
	st=$(mean sign status)
	m=$(mean sign miller)
	# CPU time too: on a loaded machine the wall clock mostly measures the others
	cpu() { awk -F, -v n="$2" 'NR > 1 && $1 == n { printf "%.3f", $5 + $6 }' "$TMP/$1.csv"; }
	say "CPU time (user + system, mean): status $(cpu sign status) s, miller $(cpu sign miller) s,"
	say "cat $(cpu sign cat) s; Miller / status in CPU time: $(ratio "$(cpu sign miller)" "$(cpu sign status)")x."
	[ -n "$DUCK" ] && say "DuckDB: $(cpu sign duckdb) s of CPU time; DuckDB / status in CPU time: $(ratio "$(cpu sign duckdb)" "$(cpu sign status)")x."
	say
	# one unit's 500 pacts, from the spreadsheet; the generator also signs for
	# people who had left the unit by then, rows zi-sign refuses: --reject
	# sets them aside so that the good rows are imported
	sig=$REC/signatures/$unit.csv
	cp "$sig" "$TMP/sig.orig"
	imp="$B/zi-sign -C $REC -q import $unit $DATA/sign-import.csv --reject $TMP/rejected.csv"
	say "Import: \`zi-sign -C records import $unit sign-import.csv --reject FILE\` ($(($(wc -l < "$DATA/sign-import.csv") - 1)) rows: BOM, \`;\`, CRLF,"
	say "dd/mm/yyyy, \"Pakta Integritas\"; into a file of $(($(wc -l < "$sig") - 1)) signatures), first and again:"
	say
	bench sign-import \
		-n first-import --prepare "cp $TMP/sig.orig $sig" "$imp" \
		-n re-import --prepare "$imp" "$imp"
	$imp >/dev/null 2>&1 || true
	rejected=$(($(wc -l < "$TMP/rejected.csv") - 1))
	say "Rows set aside by --reject: $rejected (signed after the person left the unit)."
	say
	echo "| command | peak MiB |" > "$TMP/mem.md"
	echo "|---|---|" >> "$TMP/mem.md"
	ms=$(peak "zi-sign status --format json" "$B/zi-sign" -C "$REC" status --format json)
	# what any command holds before reading a record (its shared libraries:
	# libxml2 brings ICU and libstdc++): the goal is about what grows with data
	ms0=$(peak "zi-sign --version (the libraries alone)" "$B/zi-sign" --version)
	cp "$TMP/sig.orig" "$sig"
	peak "zi-sign import (first)" $imp >/dev/null
	cp "$TMP/sig.orig" "$sig"
	peak "mlr count" sh -c "mlr --icsv --ojson put '\$unit = FILENAME' then count -g unit,doc $REC/signatures/*.csv" >/dev/null
	cat "$TMP/mem.md" >> "$TMP/report"
	say
	big=$(ls -S "$REC/signatures" | head -n 1)
	bigb=$(($(stat -c %s "$REC/signatures/$big") + $(stat -c %s "$REC/staff/$big")))
	allb=$(cat "$REC"/staff/*.csv "$REC"/signatures/*.csv | wc -c)
	ok_sign() { awk -v a="$1" -v op="$2" -v b="$3" 'BEGIN { r = op == "<=" ? a <= b : a >= b; print r ? "yes" : "**no**" }'; }
	r1=$(ratio "$m" "$st")
	r2=$(ratio "$st" "$c")
	say "| goal | measured | met |"
	say "|---|---|---|"
	say "| Miller / status (the 10x goal is retired, issue 15: status runs at libcsv's speed) | ${r1}x | - |"
	[ -n "$DUCK" ] && { r4=$(ratio "$(mean sign duckdb)" "$st"); say "| DuckDB / status at least 1x | ${r4}x | $(ok_sign "$r4" '>=' 1) |"; }
	lf=$(mean sign libcsv)
	say "| (libcsv alone on $ncpu CPUs: Miller / libcsv) | $(ratio "$m" "$lf")x | the ceiling of the line above |"
	say "| status within 5x of cat | ${r2}x | $(ok_sign "$r2" '<=' 5) |"
	say "| status peak memory bounded by the largest unit, not the whole: above the command's own start, at most 8 MiB + 8x the largest unit's files ($(mib "$bigb") MiB; all files: $(mib "$allb") MiB) | $(awk -v k="$ms" -v s="$ms0" 'BEGIN { printf "%.0f - %.0f = %.1f", k / 1024, s / 1024, (k - s) / 1024 }') MiB | $(ok_sign $((ms - ms0)) '<=' $((bigb * 8 / 1024 + 8192))) |"
	say
}

# --- zi-eval (issue 4) -----------------------------------------------------
# Data: ZI_BENCH_GEN="--lke --surveys 500" gives records/lke/2026/UNIT.csv for
# every unit, records/surveys/2026/UNIT-ikm.csv and ikm-1m.csv (1,000,000
# responses, BOM, `;`, CRLF).
section_eval() {
	say "## zi-eval"
	say
	have zi-eval || { skipped zi-eval; return 0; }
	lke=$REC/lke/2026
	if [ ! -d "$lke" ] || [ ! -f "$DATA/ikm-1m.csv" ]; then
		say "Skipped: no LKE answers or survey file in the data (ZI_BENCH_GEN=\"--lke --surveys 500\" or --all)."
		say
		return 0
	fi
	build_csvread
	n=$(ls "$lke" | wc -l)
	say "### score: $n units in one run"
	say
	say "- score: \`zi-eval -C records score --year 2026 --format csv\` (every unit: answers, complaints, rosters, surveys, verdicts)"
	say "- csvread: bench/csvread.c reads the $n answer files with lib/csvio and does nothing (the floor)"
	say "- miller: \`mlr --icsv --ocsv put '\$f=FILENAME' then stats1 -a sum,count -f soal_id -g f records/lke/2026/*.csv\` (per-unit sums)"
	duck_setup
	[ -n "$DUCK" ] && say "- duckdb: \`node bench/duckdb.mjs score records 2026\`: one SQL statement, per unit the sum of the answers (choices as multipliers) and their count"
	say
	bench eval-score \
		-n score "$B/zi-eval -C $REC score --year 2026 --format csv > /dev/null" \
		-n csvread "$B/csvread $lke/*.csv" \
		-n miller "mlr --icsv --ocsv put '\$f=FILENAME' then stats1 -a sum,count -f soal_id -g f $lke/*.csv" \
		${DUCK:+-n duckdb "$DUCK score $REC 2026 > /dev/null"}
	sc=$(mean eval-score score)
	cr=$(mean eval-score csvread)
	ml=$(mean eval-score miller)
	ikm=$DATA/ikm-1m.csv
	say "### survey ikm: 1,000,000 responses"
	say
	say "- survey: \`zi-eval -C records survey ikm bench-import --year 2026 ikm-1m.csv\` (every response checked, stored canonical, IKM)"
	say "- miller: \`mlr --icsv --ifs ';' --ojson stats1 -a mean -f U1,...,U9 ikm-1m.csv\` (the nine element means)"
	[ -n "$DUCK" ] && say "- duckdb: \`node bench/duckdb.mjs survey ikm-1m.csv\`: one SQL statement, the nine element means"
	say
	bench eval-survey \
		-n survey "$B/zi-eval -C $REC -q survey ikm bench-import --year 2026 $ikm" \
		-n miller "mlr --icsv --ifs ';' --ojson stats1 -a mean -f U1,U2,U3,U4,U5,U6,U7,U8,U9 $ikm" \
		${DUCK:+-n duckdb "$DUCK survey $ikm > /dev/null"}
	sv=$(mean eval-survey survey)
	mv=$(mean eval-survey miller)
	: > "$TMP/mem.md"
	peak "zi-eval score (all units)" "$B/zi-eval" -C "$REC" score --year 2026 --format csv >/dev/null
	peak "zi-eval survey ikm (1M)" "$B/zi-eval" -C "$REC" -q survey ikm bench-import --year 2026 "$ikm" >/dev/null
	say "| peak memory | MiB |"
	say "|---|---|"
	cat "$TMP/mem.md" >> "$TMP/report"
	say
	ok() { awk -v a="$1" -v op="$2" -v b="$3" 'BEGIN { r = op == "<=" ? a <= b : a >= b; print r ? "yes" : "**no**" }'; }
	r1=$(ratio "$ml" "$sc")
	r2=$(ratio "$sc" "$cr")
	r3=$(ratio "$mv" "$sv")
	say "| goal | measured | met |"
	say "|---|---|---|"
	say "| Miller / score at least 10x | ${r1}x | $(ok "$r1" '>=' 10) |"
	say "| score at most 3x reading the answer files | ${r2}x | $(ok "$r2" '<=' 3) |"
	say "| Miller / survey ikm at least 10x | ${r3}x | $(ok "$r3" '>=' 10) |"
	if [ -n "$DUCK" ]; then
		r5=$(ratio "$(mean eval-score duckdb)" "$sc")
		r6=$(ratio "$(mean eval-survey duckdb)" "$sv")
		say "| DuckDB / score at least 1x | ${r5}x | $(ok "$r5" '>=' 1) |"
		say "| DuckDB / survey ikm at least 1x | ${r6}x | $(ok "$r6" '>=' 1) |"
	fi
	say
}

# --- zi-report (issue 5) ---------------------------------------------------
# Data: ZI_BENCH_GEN=--all.
section_report() {
	say "## zi-report"
	say
	have zi-report || { skipped zi-report; return 0; }
	[ -d "$REC/signatures" ] || { say "Skipped: no signatures in the data (ZI_BENCH_GEN=--all)."; say; return 0; }
	files=$(find "$REC" -name '*.csv' | wc -l)
	say "$files record files, $(cat $(find "$REC" -name '*.csv') | wc -l) lines. Commands (in \`${DATA#"$root"/}\`):"
	say
	say "- cat: \`find records -name '*.csv' | xargs cat | wc -l\` (the floor)"
	say "- monthly: \`zi-report -C records monthly --month 2026-10 --format json\`"
	say "- check: \`zi-report -C records check\` (every file against its schema, references, canonical form)"
	say
	bench report \
		-n cat "find $REC -name '*.csv' | xargs cat | wc -l" \
		-n monthly "$B/zi-report -C $REC monthly --month 2026-10 --format json -o /dev/null" \
		-n check "$B/zi-report -C $REC -q check"
	c=$(mean report cat)
	say "monthly / cat: $(ratio "$(mean report monthly)" "$c"), check / cat: $(ratio "$(mean report check)" "$c") (goal: each at most 5)."
	say
	: > "$TMP/mem.md"
	peak monthly "$B/zi-report" -C "$REC" monthly --month 2026-10 --format json -o /dev/null >/dev/null
	peak check "$B/zi-report" -C "$REC" -q check >/dev/null
	say "| peak memory | MiB |"
	say "|---|---|"
	cat "$TMP/mem.md" >> "$TMP/report"
	say
}

# --- zi-report check --staged: the pre-commit hook (issue 15) ---------------
# The records as a git repository, committed once and kept (with a stamp) in
# the data directory: a git add of every file takes a while.
git_records() {
	gstamp="git $(cat "$DATA/.stamp")"
	if [ ! -d "$REC/.git" ] || [ ! -f "$DATA/.git-stamp" ] || [ "$(cat "$DATA/.git-stamp")" != "$gstamp" ]; then
		echo "bench: committing the records to git (once)"
		rm -rf "$REC/.git"
		git -C "$REC" init -q
		git -C "$REC" add -A
		git -C "$REC" -c user.name=bench -c user.email=bench@localhost commit -q -m "bench records"
		echo "$gstamp" > "$DATA/.git-stamp"
	fi
	# what other sections changed (an imported roster, ...) is put back
	git -C "$REC" reset -q --hard
	git -C "$REC" clean -fdq
}

section_check() {
	say "## zi-report check --staged (the pre-commit hook)"
	say
	have zi-report || { skipped zi-report; return 0; }
	[ -d "$REC/signatures" ] || { say "Skipped: no signatures in the data (ZI_BENCH_GEN=--all)."; say; return 0; }
	command -v git >/dev/null 2>&1 || { say "Skipped: no git."; say; return 0; }
	git_records
	# one unit's roster and signatures change: a wealth report now owed, a signature
	# removed (the files stay valid and canonical, so both checks pass)
	unit=$(sed -n 2p "$REC/units.csv" | cut -d, -f1)
	sed -i '2s/,false,\([0-9-]*\),\([0-9-]*\)$/,true,\1,\2/' "$REC/staff/$unit.csv"
	sed -i '$d' "$REC/signatures/$unit.csv"
	git -C "$REC" add "staff/$unit.csv" "signatures/$unit.csv"
	say "$(git -C "$REC" ls-files | wc -l) files in git; the roster and signatures of \`$unit\` changed and staged"
	say "($(git -C "$REC" diff --cached --shortstat | sed "s/^ *//")). Commands (in \`${DATA#"$root"/}\`):"
	say
	say "- full: \`zi-report -C records -q check\` (every file)"
	say "- staged: \`zi-report -C records -q check --staged\` (the staged files and what depends on them)"
	say
	bench check \
		-n full "$B/zi-report -C $REC -q check" \
		-n staged "$B/zi-report -C $REC -q check --staged"
	f=$(mean check full)
	st=$(mean check staged)
	r=$(ratio "$f" "$st")
	ok_check() { awk -v a="$1" -v op="$2" -v b="$3" 'BEGIN { r = op == "<=" ? a <= b : a >= b; print r ? "yes" : "**no**" }'; }
	say "| goal | measured | met |"
	say "|---|---|---|"
	say "| check --staged within 0.3 s | $(awk -v a="$st" 'BEGIN { printf "%.3f", a }') s | $(ok_check "$st" '<=' 0.3) |"
	say "| full check / check --staged at least 20x | ${r}x | $(ok_check "$r" '>=' 20) |"
	say "| load average when measured | $(cut -d' ' -f1-3 /proc/loadavg) | (2 CPUs: above 2, the wall clock mostly measures the others) |"
	say
	git -C "$REC" reset -q --hard
}

: > "$TMP/report"
for s in $SECTIONS; do
	"section_$s" || { say "Section $s did not finish."; say; }
done

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
{
	echo "# Benchmark results"
	echo
	echo "Written by \`make bench\` (bench/run.sh); do not edit by hand: the notes on where"
	echo "the time goes are in bench/PROFILE.md, included at the end."
	echo
	echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "- Machine: $(nproc) CPUs ($cpu), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) memory, $(uname -sr)"
	echo "- Commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- lib bin 2>/dev/null || echo ' (with local changes)')"
	echo "- Tools: $(hyperfine --version), $(mlr --version), $(sort --version | head -n 1)"
	echo "- hyperfine: $RUNS runs per command; times in the tables are wall-clock"
	echo "- Peak memory: maximum resident set from \`/usr/bin/time -f %M\`, one run"
	echo
	cat "$TMP/report"
	[ -f bench/PROFILE.md ] && cat bench/PROFILE.md
} > "$OUT"
echo "bench: results in $OUT"

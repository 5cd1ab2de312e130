#!/bin/sh
# Before and after on a busy machine: the commands of the bench sections that
# read in parts, sort, re-import, keep survey vectors and load every records
# file (zi-unit import, zi-sign, zi-eval, zi-report check and monthly, the
# .xlsx import), each timed with
# hyperfine over several builds in one run, so that they share the load;
# user + system CPU time is what to compare when others use the CPUs too.
#
#   sh bench/compare.sh OUTDIR NAME=BUILD_DIR ...   (e.g. base=/work/base/build after=build)
#
# Environment: RUNS (default 5), SECT (the commands to run, by name; default
# all), ZI_BENCH_DATA (default bench/data: make bench generates it; the
# records there are written to, as make bench does).
set -eu
out=$1
shift
RUNS=${RUNS:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
D=${ZI_BENCH_DATA:-$root/bench/data}
REC=$D/records
mkdir -p "$out"
unit=$(cd "$REC/signatures" && ls | grep -e '-0001\.csv$' | head -n 1)
unit=${unit%.csv}
sig=$REC/signatures/$unit.csv
cp "$sig" "$out/sig.orig"
target=$REC/staff/bench-import.csv
BUILDS="$*"
# run NAME PREPARE COMMAND: @B in both is each build's directory
run() {
	name=$1 prep=$2 cmd=$3
	case " ${SECT:-$name} " in *" $name "*) ;; *) return 0 ;; esac
	set --
	for nb in $BUILDS; do
		n=${nb%%=*} b=${nb#*=}
		p=$(echo "$prep" | sed "s#@B#$b#g")
		c=$(echo "$cmd" | sed "s#@B#$b#g")
		set -- "$@" -n "$n" --prepare "$p" "$c"
	done
	hyperfine -N --style basic --runs "$RUNS" --export-csv "$out/$name.csv" "$@" \
		> "$out/$name.log" 2>&1 || { echo "FAILED $name (see $out/$name.log)"; return 0; }
	awk -F, -v t="$name" 'NR > 1 { printf "%-13s %-8s wall %.3f ± %.3f s  cpu %.3f s (user %.3f sys %.3f)\n", t, $1, $2, $3, $5 + $6, $5, $6 }' "$out/$name.csv"
}
imp="@B/zi-unit -C $REC staff import bench-import $D/roster.csv"
run first-import "rm -f $target" "$imp"
run re-import "$imp" "$imp"
rm -f "$target"
run sign-status "true" "sh -c '@B/zi-sign -C $REC status --format json > /dev/null'"
run sign-import "cp $out/sig.orig $sig" "@B/zi-sign -C $REC -q import $unit $D/sign-import.csv --reject $out/rejected.csv"
cp "$out/sig.orig" "$sig"
run eval-score "true" "sh -c '@B/zi-eval -C $REC score --year 2026 --format csv > /dev/null'"
run eval-survey "true" "@B/zi-eval -C $REC -q survey ikm bench-import --year 2026 $D/ikm-1m.csv"
rm -f "$REC/surveys/2026/bench-import-ikm.csv"
run check "true" "@B/zi-report -C $REC -q check"
run report-monthly "true" "sh -c '@B/zi-report -C $REC monthly --month 2026-10 > /dev/null'"
run report-html "true" "sh -c '@B/zi-report -C $REC monthly --month 2026-10 --format html > /dev/null'"
# the sheet section's workbook (bench/csv2xlsx.c), when make bench has made it
if [ -f "$D/roster.xlsx" ]; then
	run xlsx-import "rm -f $target" "@B/zi-unit -C $REC staff import bench-import $D/roster.xlsx"
	rm -f "$target"
fi

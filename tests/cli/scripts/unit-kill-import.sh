#!/bin/sh
# A staff import killed with SIGKILL at random moments leaves the roster as it
# was or as the import makes it, whole: never a mix, never a torn file. The
# lock dies with the process, so the next import goes through.
set -eu
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cd "$t"
rows=${ZI_KILL_ROWS:-200000}
runs=${ZI_KILL_RUNS:-8}
# a roster of $rows people with valid, distinct NIPs; $1 picks the version
gen() {
  awk -v n="$rows" -v v="$1" 'BEGIN {
    print "NIP,Nama Pegawai,Jabatan,Golongan,Wajib LHKPN,TMT"
    for (i = 0; i < n; i++) {
      y = 1960 + int(i / 5000) % 40; m = 1 + int(i / 400) % 12; d = 1 + int(i / 1000) % 28
      printf "%04d%02d%02d%04d%02d%d%03d,Pegawai %d %s,Staf,III/a,%s,01/03/2021\n",
        y, m, d, y + 25, m, 1 + i % 2, i % 1000, i, v, (i % 7 ? "tidak" : "ya")
    }
  }'
}
gen lama > old.csv
gen baru > new.csv
zi-unit init -q
zi-unit add -q dinas-besar --name "Dinas Besar"
zi-unit staff import -q dinas-besar old.csv
f=records/staff/dinas-besar.csv
cp "$f" old.records
old=$(sha256sum < "$f")
# the new version, made without interruption, and how long that takes
cp -R records ref
start=$(date +%s.%N)
zi-unit -C ref staff import -q dinas-besar new.csv
end=$(date +%s.%N)
new=$(sha256sum < ref/staff/dinas-besar.csv)
[ "$old" != "$new" ] || { echo "old and new rosters are the same"; exit 1; }
lines=$(wc -l < ref/staff/dinas-besar.csv)
[ "$lines" -eq $((rows + 1)) ] || { echo "the reference roster has $lines lines"; exit 1; }
took=$(echo "$start $end" | awk '{ print $2 - $1 }')
echo "one import of $rows rows: ${took}s"
n_old=0; n_new=0; i=0
while [ $i -lt "$runs" ]; do
  i=$((i + 1))
  cp old.records "$f"
  # a random moment in the i-th slice of the time an import takes (and a
  # little after), so that the kills spread from start to rename
  pause=$(awk -v i="$i" -v n="$runs" -v t="$took" -v seed="$$" \
    'BEGIN { srand(seed + i); printf "%.3f", (i - 1 + rand()) / n * t * 1.1 }')
  zi-unit staff import -q dinas-besar new.csv &
  pid=$!
  sleep "$pause"
  kill -9 $pid 2>/dev/null || true
  wait $pid 2>/dev/null || true
  got=$(sha256sum < "$f")
  if [ "$got" = "$old" ]; then n_old=$((n_old + 1)); what=old
  elif [ "$got" = "$new" ]; then n_new=$((n_new + 1)); what=new
  else echo "run $i: killed after ${pause}s: the roster is neither the old nor the new one"; exit 1; fi
  echo "run $i: killed after ${pause}s: $what roster, whole"
done
echo "old $n_old, new $n_new"
# nothing is stuck: the lock went with the killed processes
cp old.records "$f"
zi-unit staff import -q --wait 2 dinas-besar new.csv
[ "$(sha256sum < "$f")" = "$new" ] || { echo "the import after the kills did not give the new roster"; exit 1; }
# what a kill leaves behind is only temporary files that git ignores
ls -A records records/staff
echo ok

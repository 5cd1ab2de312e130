#!/bin/sh
# A large import is read in parts on several threads (lib/csvio
# zi_csv_read_parts): with one thread or many, the same roster, the same
# diagnostics in file order (lines and all), the same --reject file. The file
# has bad rows in every part, quoted fields with line ends, CRLF and blank
# lines, and is imported over an existing roster (the re-import path).
set -eu
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cd "$t"
gen() {
  awk -v v="$1" 'BEGIN {
    printf "No;NIP;Nama Pegawai;Jabatan;Golongan;Wajib LHKPN;TMT\r\n"
    for (i = 0; i < 60000; i++) {
      y = 1960 + int(i / 5000) % 40; m = 1 + int(i / 400) % 12; d = 1 + int(i / 1000) % 28
      nip = sprintf("%04d%02d%02d%04d%02d%d%03d", y, m, d, y + 25, m, 1 + i % 2, i % 1000)
      if (i % 9973 == 17) nip = "12345"                 # a bad NIP, in every part
      if (i % 15013 == 5) printf "\r\n"                 # a blank line
      if (i % 3 == 0)
        printf "%d;%s;\"Pegawai %d\r\n%s\";\"Staf; \"\"umum\"\"\";III/a;%s;01/03/2021\r\n", i, nip, i, v, (i % 7 ? "tidak" : "ya")
      else
        printf "%d;%s;Pegawai %d %s;Staf;III/a;%s;1/3/2021\r\n", i, nip, i, v, (i % 7 ? "tidak" : "ya")
    }
  }'
}
gen lama > old.csv
gen baru > new.csv
[ "$(wc -c < new.csv)" -gt 4200000 ] || { echo "the test file is too small to be read in parts"; exit 1; }
zi-unit init -q
zi-unit add -q dinas-besar --name "Dinas Besar"
zi-unit staff import -q dinas-besar old.csv --reject /dev/null
cp -R records one
cp -R records many
for n in one many; do
  threads=1; [ $n = many ] && threads=4
  # every bad row refused: nothing written, exit 1
  rc=0
  ZI_THREADS=$threads zi-unit -C $n staff import dinas-besar new.csv --diagnostics json \
    > $n.out 2> $n.err || rc=$?
  [ $rc -eq 1 ] || { echo "$n: exit $rc, not 1"; exit 1; }
  cmp -s records/staff/dinas-besar.csv $n/staff/dinas-besar.csv ||
    { echo "$n: the roster changed on a refused import"; exit 1; }
  # with --reject the good rows go in
  ZI_THREADS=$threads zi-unit -C $n staff import dinas-besar new.csv --reject $n.rej \
    > $n.out2 2> $n.err2
  # and again: every row is the records file's own (the shared-row path)
  cp $n/staff/dinas-besar.csv $n.before
  ZI_THREADS=$threads zi-unit -C $n staff import dinas-besar new.csv --reject /dev/null \
    > $n.out3 2> $n.err3
  grep -q "^added 0, updated 0, unchanged 59993, rejected 7$" $n.out3 ||
    { echo "$n: the re-import said: $(cat $n.out3)"; exit 1; }
  cmp -s $n.before $n/staff/dinas-besar.csv || { echo "$n: a re-import changed the roster"; exit 1; }
done
for f in err out2 err2 rej out3 err3; do
  cmp one.$f many.$f || { echo "one thread and four differ in $f"; diff one.$f many.$f | head; exit 1; }
done
cmp one/staff/dinas-besar.csv many/staff/dinas-besar.csv ||
  { echo "one thread and four made different rosters"; exit 1; }
# the bad rows are all there, in file order
bad=$(grep -c '"code":"nip-' one.err || true)
[ "$bad" -eq 7 ] || { echo "expected 7 bad NIPs, got $bad"; cat one.err | head; exit 1; }
grep -o '"line":[0-9]*' one.err | cut -d: -f2 | sort -n -c ||
  { echo "diagnostics not in line order"; exit 1; }
[ "$(($(wc -l < one.rej)))" -ge 8 ] || { echo "the reject file misses rows"; exit 1; }
echo "ok: $(wc -l < one/staff/dinas-besar.csv) roster lines, $bad bad rows, same with 1 and 4 threads"

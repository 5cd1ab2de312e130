#!/bin/sh
# Signatures added at once by several writers all land (the lock), evidence
# copies included; an import and a status running beside them see whole files.
set -eu
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cd "$t"
zi-unit init -q
zi-unit add -q dpkp --name "Dinas" --date 2020-01-01
{
  echo "nip,name,lhkpn,start"
  for i in 1 2 3 4 5 6 7 8; do echo "19850312201001100$i,Pegawai $i,false,2020-01-01"; done
} > roster.csv
zi-unit staff import -q dpkp roster.csv
pids=""
for i in 1 2 3 4 5 6 7 8; do
  echo "scan $i" > "scan-$i.pdf"
  zi-sign add -q dpkp --doc pakta --date 2022-07-25 --nip "19850312201001100$i" \
    --evidence "scan-$i.pdf" --wait 30 > "out-$i" 2>&1 &
  pids="$pids $!"
done
{
  echo "NIP;Dokumen;Tanggal"
  for i in 1 2 3 4 5 6 7 8; do echo "19850312201001100$i;Pernyataan Gratifikasi;01/02/2026"; done
} > gratifikasi.csv
zi-sign import -q dpkp gratifikasi.csv --wait 30 > out-import 2>&1 &
pids="$pids $!"
for k in 1 2 3; do zi-sign status --format csv > "status-$k" 2>&1 || { cat "status-$k"; exit 1; }; done
fail=0
for p in $pids; do wait "$p" || fail=1; done
[ $fail = 0 ] || { echo "a writer failed"; cat out-*; exit 1; }
n=$(grep -c ',pakta,' records/signatures/dpkp.csv)
g=$(grep -c ',gratifikasi,' records/signatures/dpkp.csv)
e=$(ls records/evidence/dpkp | wc -l)
echo "pakta $n, gratifikasi $g, evidence files $e"
[ "$n" = 8 ] && [ "$g" = 8 ] && [ "$e" = 8 ] || { cat records/signatures/dpkp.csv; exit 1; }
zi-sign verify -q
zi-sign status --format csv > final
grep -q '^dpkp,pakta,8,8,100.00,$' final || { cat final; exit 1; }
grep -q '^dpkp,gratifikasi,8,8,100.00,$' final || { cat final; exit 1; }
tail -n +2 records/signatures/dpkp.csv | cut -d, -f1-3 > keys
sort keys | cmp -s - keys || { echo "signatures are not sorted"; exit 1; }
echo ok

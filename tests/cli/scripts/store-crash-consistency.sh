#!/bin/sh
# Crash consistency of every command that writes: each is killed (SIGKILL)
# at its renames and fsyncs and at random moments, and given failing
# renames, fsyncs and writes (strace's fault injection). After each, the
# records are the old ones or the new ones as a whole (every file compared),
# once 'zi-report check --fix' or the next command that writes has completed
# a change cut short; then check passes, and a retry gives what the command
# gives on the old records (or, when the change was made, what running it
# twice gives). ZI_CRASH_SECONDS bounds the time (default 50).
set -eu
strace -f -qq -o /dev/null true 2>/dev/null || { echo "skip: strace missing or not allowed to trace"; exit 0; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cd "$t"
export ZI_TODAY=2026-12-06 ZI_ACTOR=tester
budget=${ZI_CRASH_SECONDS:-50}
begin=$(date +%s)
fail() { echo "FAIL: $*"; exit 1; }

# the old records: two units, a roster, a declaration; canonical
zi-unit init -q --name "Pemerintah Kota Contoh" --code 9999
zi-unit add dpkp -q --name "Dinas Perumahan" --date 2022-01-03
zi-unit add rsud -q --name "RSUD Kota" --date 2022-01-03
cat > roster.csv <<'EOF'
nip,name,position,grade,category,lhkpn,start,end
198503122010011002,Budi Santoso,Kepala Dinas,IV/b,pimpinan,true,2020-01-01,
199001012015032001,Siti Aminah,Analis Kebijakan,III/c,fungsional,false,2021-03-01,
EOF
zi-unit staff import -q dpkp roster.csv
zi-eval complaint add -q dpkp --date 2026-07-25 --summary "Antrian lama" >/dev/null
zi-eval template dpkp --year 2026 > lke.csv
printf 'Kode,Nama\nbappeda,Bappeda\ndpkp,Dinas Perumahan dan Kawasan Permukiman\n' > units-in.csv
printf 'nip,name,position,grade,category,lhkpn,start,end\n198807072012121003,Andi Wijaya,Pengelola Data,III/a,pelaksana,false,2024-06-01,\n' > roster2.csv
printf 'Kode Unit;Tanggal;Saksi\ndpkp;25/07/2022;Wali Kota\nrsud;01/08/2022;Sekda\n' > decl.csv
printf 'NIP;Jenis Dokumen;Tanggal Tanda Tangan\n198503122010011002;Pakta Integritas;25/07/2022\n199001012015032001;LHKPN;31/03/2026\n' > pakta.csv
printf 'Responden;Tanggal;Unsur 1;Unsur 2;Unsur 3;Unsur 4;Unsur 5;Unsur 6;Unsur 7;Unsur 8;Unsur 9\n1;02/02/2026;3;3;4;4;3;3;3;3;4\n' > ikm.csv
echo "scan of a signed pact" > scan.pdf
zi-report check -q || fail "the starting records do not pass check"
cp -R records base
# a variant with a file out of canonical form, for check --fix
cp -R records base-fix
printf 'id,name,short_name,parent,kind,target,afirmasi,stage,stage_date,predicate,predicate_date,predicate_ref,retired\r\n' > hdr
{ cat hdr; tail -n +2 base/units.csv | sort -r; } > base-fix/units.csv

# every file (not the lock) with its digest
snap() { (cd "$1" && find . -type f ! -name .zi.lock -exec sha256sum {} + | LC_ALL=C sort -k2); }

cmds='zi-unit add b1 --name "Badan Satu" --date 2026-12-01
zi-unit set dpkp short_name=DPKP
zi-unit stage dpkp pencanangan --date 2022-07-25 --ref "SK 1/2022"
zi-unit retire rsud
zi-unit import units-in.csv
zi-unit staff import rsud roster2.csv
zi-declare add dpkp --date 25/07/2022 --witness "Wali Kota"
zi-declare import decl.csv
zi-sign add dpkp --doc "Pakta Integritas" --date 25/07/2022 --nip 198503122010011002 --evidence scan.pdf
zi-sign import dpkp pakta.csv
zi-eval import dpkp --year 2026 lke.csv
zi-eval survey ikm dpkp --year 2026 ikm.csv
zi-eval complaint add dpkp --date 01/08/2026 --summary "Pungli"
zi-report check --fix'

# the faults: "kill SYSCALLS N" (SIGKILL on entering the N-th call),
# "fail SYSCALLS ERRNO N" (the N-th call fails), "random" (a kill after a
# random pause)
R=rename,renameat,renameat2
# (the most telling first: each command gets an equal share of the time)
faults="kill $R 2
fail $R EIO 2
kill $R 3
fail $R EIO 3
kill $R 1
fail fsync EIO 1
random
kill fsync 2
fail write ENOSPC 1
fail $R EIO 1
kill fsync 1
fail fsync EIO 2
kill fsync 3
fail write ENOSPC 2
random"

runs=0; olds=0; news=0; i=0
echo "$cmds" > cmds.txt
while IFS= read -r cmd; do
  i=$((i + 1))
  from=base
  case "$cmd" in *check*) from=base-fix ;; esac
  # the new records, and the records after the command twice
  rm -rf ref ref2; cp -R "$from" ref
  (eval "$cmd -q -C ref") >/dev/null 2>&1 || fail "$cmd: fails without faults"
  cp -R ref ref2
  (eval "$cmd -q -C ref2") >/dev/null 2>&1 || true
  snap "$from" > old.snap; snap ref > new.snap; snap ref2 > new2.snap
  cmp -s old.snap new.snap && fail "$cmd: changes nothing"
  j=0
  share=$(( budget * i / 14 ))
  echo "$faults" > faults.txt
  while IFS= read -r fault; do
    j=$((j + 1))
    [ $j -le 4 ] || [ $(( $(date +%s) - begin )) -lt "$share" ] || break
    rm -rf records; cp -R "$from" records
    set -- $fault
    case $1 in
    kill) (eval "strace -f -qq -o /dev/null -e trace=$2 -e inject=$2:signal=KILL:when=$3 $cmd -q") >/dev/null 2>&1 || true ;;
    fail) (eval "strace -f -qq -o /dev/null -e trace=$2 -e inject=$2:error=$3:when=$4 $cmd -q") >/dev/null 2>&1 || true ;;
    random)
      (eval "exec $cmd -q") >/dev/null 2>&1 &
      pid=$!
      sleep "$(awk -v s="$$$i$j" 'BEGIN { srand(s); printf "%.3f", rand() * 0.03 }')"
      kill -9 $pid 2>/dev/null || true
      wait $pid 2>/dev/null || true ;;
    esac
    runs=$((runs + 1))
    if [ $((j % 2)) = 1 ]; then
      # check --fix completes or removes what was cut short
      zi-report check --fix -q >fix.out 2>&1 || { cat fix.out; fail "$cmd, $fault: check --fix failed"; }
      snap records > mid.snap
      if cmp -s mid.snap old.snap; then olds=$((olds + 1)); want=new.snap
      elif cmp -s mid.snap new.snap; then news=$((news + 1)); want=new2.snap
      else diff old.snap mid.snap || true; diff new.snap mid.snap || true
        fail "$cmd, $fault: the records are neither the old nor the new ones"; fi
      (eval "$cmd -q") >/dev/null 2>&1 || true
    else
      # the retry itself (it takes the lock) completes a change cut short
      (eval "$cmd -q") >/dev/null 2>&1 || true
      zi-report check --fix -q >/dev/null 2>&1 || true
      want=new.snap
      snap records > end.snap
      cmp -s end.snap new.snap || want=new2.snap
    fi
    snap records > end.snap
    cmp -s end.snap "$want" || { diff "$want" end.snap || true; fail "$cmd, $fault: the retry did not give the new records"; }
    zi-report check -q >chk.out 2>&1 || { cat chk.out; fail "$cmd, $fault: check fails afterwards"; }
    ls -A records | grep -q '\.zi\.journal' && fail "$cmd, $fault: a journal is left"
  done < faults.txt
done < cmds.txt
echo "$runs faulty runs of $i commands: $olds left the old records, $news the new ones (after check --fix), in $(( $(date +%s) - begin ))s"
[ "$runs" -ge "$i" ] || fail "too few runs in the time"
echo ok

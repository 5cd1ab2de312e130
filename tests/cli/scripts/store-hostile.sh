#!/bin/sh
# Hostile records: symbolic links planted at the guessable temporary names
# and at .zi.lock, records files and directories that are links, named pipes
# and devices, a model that is /dev/zero. zi writes nothing outside the
# records, never shows a file it reached through a link, never hangs, never
# eats memory, and check names each odd entry. Also: a rewrite keeps the
# file's mode, a new file takes the directory's; a report is not written over
# a records file.
set -eu
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cd "$t"
export ZI_TODAY=2026-12-06
fail() { echo "FAIL: $*"; exit 1; }
mkdir outside
zi-unit init -q --name "Kota Contoh"
zi-unit add -q dpkp --name "Dinas Perumahan" --date 2022-01-03

# 1. links at every name the old temporary files had (NAME.tmp-PID-N for
# the next few hundred process ids) and at .zi.lock's place
# (planted by one process: the next command's id follows its own)
python3 -c '
import os
me = os.getpid()
for p in range(me + 1, me + 3000):
    for f in ("units.csv", "stages.csv"):
        for n in (0, 1):
            os.symlink("%s/outside/%s-%d-%d" % (os.getcwd(), f, p, n), "records/%s.tmp-%d-%d" % (f, p, n))
'
zi-unit add -q b1 --name "Badan Satu"
zi-unit add -q b2 --name "Badan Dua"
[ -z "$(ls outside)" ] || { ls outside; fail "a file was written outside the records"; }
[ -f records/units.csv ] && [ ! -L records/units.csv ] || fail "units.csv is no longer a regular file"
[ -f records/stages.csv ] && [ ! -L records/stages.csv ] || fail "stages.csv is no longer a regular file"
zi-unit list | grep -q b2 || fail "the units were not added"
find records -name '*.tmp-*' -type l -delete
rm -f records/.zi.lock
ln -s "$t/outside/lock" records/.zi.lock
zi-unit add -q b3 --name "Badan Tiga" 2> err && fail "a linked .zi.lock was used"
[ ! -e outside/lock ] || fail "the lock file was created outside the records"
grep -q "symbolic link" err || { cat err; fail "no word of the link at .zi.lock"; }
rm records/.zi.lock

# 2. a records file that is a link to a secret: refused, never shown
echo "root:x:0:0:secret-line" > outside/passwd
cp records/units.csv units.keep
ln -sf "$t/outside/passwd" records/units.csv
zi-unit list > out 2> err && fail "a linked units.csv was read"
grep -q secret-line out err && fail "the linked file was shown"
grep -q "units.csv: a symbolic link" err || { cat err; fail "no word of the link"; }
zi-report check > out 2> err && fail "check passed a linked records file"
grep -q "units.csv: a symbolic link" err || { cat err; fail "check does not name the link"; }
grep -q secret-line out err && fail "check showed the linked file"
rm records/units.csv

# 3. a named pipe as a records file: refused at once, no hang
mkfifo records/units.csv
rc=0; timeout 10 zi-unit list > out 2> err || rc=$?
[ $rc = 124 ] && fail "zi-unit list hangs on a named pipe"
[ $rc = 1 ] || { cat err; fail "a named pipe: exit $rc"; }
grep -q "named pipe" err || { cat err; fail "no word of the pipe"; }
rc=0; timeout 10 zi-report check > out 2> err || rc=$?
[ $rc = 1 ] || { cat err; fail "check on a named pipe: exit $rc"; }
grep -q "units.csv: a named pipe" err || { cat err; fail "check does not name the pipe"; }
rm records/units.csv
mv units.keep records/units.csv

# 4. /dev/zero as a records file (through a link) and as zi.json's model:
# no memory eaten (1 GB of address space is plenty, but not for a sanitizer
# build, which reserves terabytes), a message
limit="ulimit -v 1000000"
( $limit; zi-eval --version ) >/dev/null 2>&1 || limit=:
ln -s /dev/zero records/complaints.csv
rc=0; ( $limit; timeout 20 zi-eval complaint list ) > out 2> err || rc=$?
[ $rc = 1 ] || { cat err; fail "/dev/zero as complaints.csv: exit $rc"; }
rm records/complaints.csv
printf 'soal_id,answer\n1,Ya\n' > lke.csv
zi-eval import -q dpkp --year 2026 lke.csv
cp records/zi.json zi.keep
sed 's|"model": "lke-2026"|"model": "/dev/zero"|' zi.keep > records/zi.json
grep -q /dev/zero records/zi.json || fail "the model was not set"
rc=0; ( $limit; timeout 20 zi-report check ) > out 2> err || rc=$?
[ $rc = 124 ] && fail "check hangs on a /dev/zero model"
grep -q "not a regular file" err || { cat err; fail "no word of the /dev/zero model (exit $rc)"; }
cp zi.keep records/zi.json
rm -rf records/lke

# 5. a linked directory: nothing written through it
mkdir outside/ev
ln -s "$t/outside/ev" records/evidence
printf '%s\n' 'nip,name,position,grade,category,lhkpn,start,end' \
  '198503122010011002,Budi Santoso,Kepala Dinas,IV/b,pimpinan,true,2020-01-01,' > roster.csv
zi-unit staff import -q dpkp roster.csv
echo scan > scan.pdf
zi-sign add dpkp --doc "Pakta Integritas" --date 25/07/2022 --nip 198503122010011002 \
  --evidence scan.pdf 2> err && fail "evidence was written through a linked directory"
[ -z "$(ls -A outside/ev)" ] || fail "a file was written through the linked evidence directory"
grep -q "evidence: a symbolic link" err || { cat err; fail "no word of the linked directory"; }
zi-report check > out 2> err && fail "check passed a linked evidence directory"
grep -q "evidence: a symbolic link" err || { cat err; fail "check does not name the linked directory"; }
rm records/evidence
ln -s "$t/outside/ev" records/staff2
mkdir -p records/signatures
zi-report check > out 2> err && fail "check passed a linked directory"
grep -q "staff2: a symbolic link" err || { cat err; fail "check does not name staff2"; }
rm records/staff2

# 6. modes: a rewrite keeps the file's; a new file takes the directory's
# without execute bits
chmod 600 records/staff/dpkp.csv
printf '%s\n' 'nip,name,position,grade,category,lhkpn,start,end' \
  '199001012015032001,Siti Aminah,Analis,III/c,fungsional,false,2021-03-01,' > roster2.csv
zi-unit staff import -q dpkp roster2.csv
[ "$(stat -c %a records/staff/dpkp.csv)" = 600 ] || fail "the roster's mode became $(stat -c %a records/staff/dpkp.csv)"
grep -q 199001012015032001 records/staff/dpkp.csv || fail "the import did not happen"
chmod 750 records
( umask 022; zi-unit add -q b4 --name "Badan Empat"; zi-unit staff import -q b4 roster2.csv )
[ "$(stat -c %a records/staff/b4.csv)" = 640 ] || fail "a new file in a 0750 directory is $(stat -c %a records/staff/b4.csv)"
chmod 700 records
( umask 000; zi-eval complaint add -q dpkp --date 2026-07-25 --summary "Antrian" >/dev/null )
[ "$(stat -c %a records/complaints.csv)" = 600 ] || fail "a new file in a 0700 directory is $(stat -c %a records/complaints.csv)"
chmod 755 records
# the group too, when this user has a second one (root may give any)
g2=$(id -G | tr ' ' '\n' | grep -vx "$(id -g)" | head -1 || true)
[ -n "$g2" ] || [ "$(id -u)" != 0 ] || g2=$(( $(id -g) + 1 ))
if [ -n "$g2" ]; then
  chgrp "$g2" records/units.csv
  zi-unit set -q dpkp short_name=DPKP
  [ "$(stat -c %g records/units.csv)" = "$g2" ] || fail "the group of units.csv was not kept"
fi

# 7. a report is not written into the records directory
cp records/units.csv units.keep
rc=0; zi-report monthly -o records/units.csv > out 2> err || rc=$?
[ $rc = 2 ] || fail "monthly -o records/units.csv: exit $rc"
cmp -s units.keep records/units.csv || fail "units.csv was replaced by the report"
grep -q "inside the records directory" err || { cat err; fail "no word of why"; }
ln -s records rec-link
zi-report monthly -o rec-link/new-report.txt 2>/dev/null && fail "a report through a link into the records was written"
[ ! -e records/new-report.txt ] || fail "the report was written into the records"
zi-report monthly -o report.txt && [ -s report.txt ] || fail "a report outside the records is refused"
# an output that is no regular file (a pipe; /dev/null alike) is written to,
# not replaced by a file renamed over it
mkfifo out.fifo
timeout 10 cat out.fifo > got &
zi-report monthly -o out.fifo || fail "monthly -o a pipe failed"
wait
[ -p out.fifo ] || fail "the pipe was replaced by a file"
cmp -s got report.txt || fail "the report did not come through the pipe"
chmod 640 report.txt
zi-report monthly -o report.txt
[ "$(stat -c %a report.txt)" = 640 ] || fail "the report's mode was not kept"
zi-report check -q || fail "check fails at the end"
echo ok

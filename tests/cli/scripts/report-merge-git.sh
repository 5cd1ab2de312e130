#!/bin/sh
# zi-report merge as a real git merge driver: rows added on both branches
# merge cleanly, the same row changed differently is a conflict with markers.
set -eu
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
cd "$d"
git init -q repo && cd repo
git config user.email t@example.org && git config user.name tester
git config merge.zi.name "zi records: three-way merge by primary key"
git config merge.zi.driver "zi-report merge %O %A %B %P"
printf '*.csv merge=zi\n' > .gitattributes
zi-unit -q init --name Test
zi-unit -q add dpkp --name "Dinas Pemadam" --date 2026-01-02
zi-unit -q add dinsos --name "Dinas Sosial" --date 2026-01-02
git add -A && git commit -qm base
git checkout -qb office-b
zi-unit -q add zz --name "Unit Z" --date 2026-02-01
zi-unit -q set dpkp kind=dinas
git commit -qam "office b"
git checkout -q -
zi-unit -q add aa --name "Unit A" --date 2026-02-01
zi-unit -q set dpkp target=WBK
git add -A && git commit -qm "office a"
git merge -q office-b -m merged
grep -q '^dpkp,Dinas Pemadam,,,dinas,WBK,' records/units.csv
grep -q '^aa,' records/units.csv && grep -q '^zz,' records/units.csv
zi-report check
[ "$(grep -c calon records/stages.csv)" = 4 ]
# a conflict: both change the same field
git checkout -qb c1 && zi-unit -q set dinsos name="Dinsos Satu" && git commit -qam c1
git checkout -q - && zi-unit -q set dinsos name="Dinsos Dua" && git commit -qam c2
if git merge -q c1 -m conflict > ../merge.out 2>&1; then echo "merge should conflict"; exit 1; fi
grep -q '^<<<<<<< ours' records/units.csv
grep -q "'dinsos' changed on both sides" ../merge.out
if zi-report check > /dev/null 2>&1; then echo "check should fail on markers"; exit 1; fi
echo ok

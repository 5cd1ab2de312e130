#!/bin/sh
# The transparency site of the example programme in a real browser:
# tests/browser/site-check.js opens every page in headless Chromium at 390
# and 1280 px (screenshots kept in build/test-artifacts/site/), runs axe-core
# (no serious or critical violation), checks that no page is wider than the
# phone and that every internal link names a file of the tree. Before that,
# here: the site is self-contained (no script, nothing fetched from outside)
# and names no NIP and no staff name of the records (read with python3's
# csv module, not zi). Chromium (Debian package) and the npm packages
# puppeteer-core and axe-core (tests/browser/package-lock.json, installed
# into build/npm by `make browser-deps`) are needed; without them the browser
# part is skipped, saying so.
set -eu
root=$(cd "$(dirname "$0")/../../.." && pwd)
art=$root/build/test-artifacts/site
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
cd "$d"
ZI_TODAY=2026-11-22 sh "$root/examples/build.sh" records > build.log 2>&1 || { cat build.log; exit 1; }
zi-report -C records -q site site --month 2026-10
# self-contained and script free
if grep -rlE --include='*.html' '<script|<iframe|<object|<embed' site; then echo "a page has a script or embeds"; exit 1; fi
if grep -rEl '(src|href)="(https?:)?//' site/index.html site/complaints.html site/units site/archive/index.html; then
  echo "a page fetches or links outside the site"; exit 1
fi
# no NIP and no staff name anywhere in the tree
python3 - records site <<'PY'
import csv, glob, os, sys
rec, site = sys.argv[1], sys.argv[2]
words = set()
for f in glob.glob(os.path.join(rec, 'staff', '*.csv')):
    with open(f, newline='', encoding='utf-8') as fh:
        for row in csv.DictReader(fh):
            for k in ('nip', 'name'):
                if row.get(k):
                    words.add(row[k])
for f in glob.glob(os.path.join(rec, 'signatures', '*.csv')):
    with open(f, newline='', encoding='utf-8') as fh:
        for row in csv.DictReader(fh):
            if row.get('nip'):
                words.add(row['nip'])
assert len(words) > 100, "too few NIPs and names read: %d" % len(words)
bad = 0
for dp, _, fs in os.walk(site):
    for f in fs:
        text = open(os.path.join(dp, f), encoding='utf-8').read()
        for w in words:
            if w in text:
                print("%s names %r" % (os.path.join(dp, f), w)); bad += 1
print("%d NIPs and names searched in the site: %d found" % (len(words), bad))
sys.exit(1 if bad else 0)
PY
browser=$(command -v chromium || command -v chromium-browser || true)
mods=$root/build/npm/node_modules
if [ -z "$browser" ] || ! command -v node >/dev/null 2>&1 || [ ! -d "$mods/puppeteer-core" ] || [ ! -d "$mods/axe-core" ]; then
  echo "skipped the browser part: chromium, node or build/npm (make browser-deps) is missing"; exit 0
fi
rm -rf "$art"
NODE_PATH=$mods timeout 900 node "$root/tests/browser/site-check.js" site "$art" "$browser"

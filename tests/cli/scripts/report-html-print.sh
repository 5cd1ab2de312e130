#!/bin/sh
# The monthly HTML report in a real browser: headless Chromium prints a long
# one (--detail) to an A4 PDF, and pdftotext (poppler-utils) finds the page
# number "N / TOTAL" on every page and the header of a table that spans pages
# repeated at the top of a later page. In the page as laid out, no two text
# labels of a chart overlap (their boxes measured with getBBox). Skips with a
# message where chromium or pdftotext is missing and cannot be installed.
set -eu
root=$(cd "$(dirname "$0")/../../.." && pwd)
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
if [ "$(id -u)" = 0 ]; then s=; else s=sudo; fi
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  { $s apt-get update -qq && DEBIAN_FRONTEND=noninteractive $s apt-get install -y -qq chromium; } >/dev/null 2>&1 || true
  browser=$(command -v chromium || true)
fi
if ! command -v pdftotext >/dev/null 2>&1; then
  { $s apt-get update -qq && DEBIAN_FRONTEND=noninteractive $s apt-get install -y -qq poppler-utils; } >/dev/null 2>&1 || true
fi
if [ -z "$browser" ]; then echo "skipped: chromium is not installed and apt could not install it"; exit 0; fi
if ! command -v pdftotext >/dev/null 2>&1; then echo "skipped: pdftotext (poppler-utils) is not installed and apt could not install it"; exit 0; fi
cd "$d"
export ZI_TODAY=2026-11-22
sh "$root/examples/build.sh" records > build.log 2>&1 || { cat build.log; exit 1; }
zi-report monthly --month 2026-10 --detail --format html -o report.html
flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --no-pdf-header-footer"
timeout 180 "$browser" $flags --user-data-dir="$d/prof1" --print-to-pdf="$d/report.pdf" "file://$d/report.html" > /dev/null 2> chromium.err || { tail chromium.err; exit 1; }
pdftotext -layout report.pdf report.txt
python3 - report.txt <<'PY'
import re, sys
pages = open(sys.argv[1], encoding="utf-8").read().split("\f")
if pages and not pages[-1].strip():
    pages.pop()
n = len(pages)
if n < 2:
    sys.exit("the report fits one page: it cannot show page numbers and repeated headers")
for i, p in enumerate(pages, 1):
    if not re.search(r"\b%d / %d\b" % (i, n), p):
        sys.exit("page %d of %d has no page number '%d / %d'" % (i, n, i, n))
# the table of who is missing spans pages: its header starts a later page too
hdr = re.compile(r"^\s*unit\s+id\s+document\s+NIP\s+name\s*$")
with_hdr = [i for i, p in enumerate(pages, 1) if any(hdr.match(l) for l in p.splitlines())]
if len(with_hdr) < 2:
    sys.exit("the header of 'Who is missing' is not repeated (pages %s)" % with_hdr)
later = [i for i in with_hdr[1:]
         if hdr.match(next(l for l in pages[i - 1].splitlines() if l.strip()))]
if not later:
    sys.exit("no page starts with the repeated header (pages %s)" % with_hdr)
print("pages: %d, header repeated on pages %s" % (n, with_hdr))
PY
# the labels of each chart, measured where the browser draws them
sed 's#</body>#<script>\
var out = [];\
document.querySelectorAll("svg.chart").forEach(function (svg) {\
  var t = Array.prototype.slice.call(svg.querySelectorAll("text")).map(function (e) {\
    var b = e.getBBox(); return {s: e.textContent, x0: b.x, x1: b.x + b.width, y0: b.y, y1: b.y + b.height};\
  });\
  for (var i = 0; i < t.length; i++) for (var j = 0; j < i; j++) {\
    var a = t[i], c = t[j];\
    if (a.x0 < c.x1 - 0.5 \&\& c.x0 < a.x1 - 0.5 \&\& a.y0 < c.y1 - 0.5 \&\& c.y0 < a.y1 - 0.5)\
      out.push(svg.id + ": " + a.s + " / " + c.s);\
  }\
  out.push(svg.id + " labels " + t.length);\
});\
var p = document.createElement("pre"); p.id = "overlaps"; p.textContent = out.join("\\n");\
document.body.appendChild(p);\
</script></body>#' report.html > measure.html
timeout 180 "$browser" $flags --user-data-dir="$d/prof2" --dump-dom "file://$d/measure.html" > dom.html 2>> chromium.err || { tail chromium.err; exit 1; }
sed -n '/<pre id="overlaps">/,/<\/pre>/p' dom.html > overlaps.txt
grep -q 'chart-scores labels' overlaps.txt || { echo "no measure of the scores chart"; cat overlaps.txt | head; exit 1; }
if grep -v ' labels [0-9]*' overlaps.txt | grep -q ': '; then
  echo "chart labels overlap:"; grep -v ' labels [0-9]*' overlaps.txt; exit 1
fi
grep -q 'no data (nobody owes it)' report.html || { echo "the legend does not explain 'no data'"; exit 1; }
echo ok

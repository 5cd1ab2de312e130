#!/bin/sh
# Renders the monthly HTML report in headless Chromium: it must load, show
# the expected headings and the three SVG charts; the screenshot is kept as
# a test artifact in build/report-artifacts/. Chromium is installed (Debian
# package chromium) when missing; without it the test is skipped.
set -eu
root=$(cd "$(dirname "$0")/../../.." && pwd)
art=$root/build/report-artifacts
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  if [ "$(id -u)" = 0 ]; then s=; else s=sudo; fi
  { $s apt-get update -qq && DEBIAN_FRONTEND=noninteractive $s apt-get install -y -qq chromium; } >/dev/null 2>&1 || true
  browser=$(command -v chromium || true)
fi
if [ -z "$browser" ]; then echo "skipped: chromium is not installed and apt could not install it"; exit 0; fi
cd "$d"
ZI_TODAY=2026-11-22 sh "$root/examples/build.sh" records > build.log 2>&1 || { cat build.log; exit 1; }
zi-report monthly --month 2026-10 --format html -o report.html
grep -q '<svg' report.html
if grep -Eq '<script|https?://[^"]*\.(js|css|png)' report.html; then echo "not self-contained"; exit 1; fi
flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"
timeout 120 "$browser" $flags --user-data-dir="$(mktemp -d)" --dump-dom "file://$d/report.html" > dom.html 2> chromium.err || { tail chromium.err; exit 1; }
for h in 'Units by stage' 'Pacts, gratification statements and wealth reports' 'Public complaints' 'Trend of the last 12 months'; do
  grep -q "<h2>$h</h2>" dom.html || { echo "heading missing: $h"; exit 1; }
done
for c in chart-coverage chart-scores chart-trend; do
  if ! grep -q "id=\"$c\"" dom.html; then
    [ "$c" = chart-scores ] && ! grep -q 'id="chart-scores"' report.html && continue
    echo "chart missing: $c"; exit 1
  fi
done
mkdir -p "$art"
timeout 120 "$browser" $flags --user-data-dir="$(mktemp -d)" --window-size=1000,1400 --screenshot="$art/monthly-2026-10.png" "file://$d/report.html" > /dev/null 2>> chromium.err || { tail chromium.err; exit 1; }
[ -s "$art/monthly-2026-10.png" ] || { echo "no screenshot"; exit 1; }
cp report.html "$art/monthly-2026-10.html"
echo "ok: $art/monthly-2026-10.png"

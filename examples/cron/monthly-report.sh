#!/bin/sh
# Runs the monthly report for the month before today in every format and
# commits it beside the records. $1: the git repository holding records/.
# The same records give the same bytes, so re-running changes nothing.
set -eu
repo=${1:-.}
cd "$repo"
month=$(date -d "$(date +%Y-%m-01) -1 day" +%Y-%m 2>/dev/null || date -v-1m +%Y-%m)
mkdir -p reports
zi-report -C records check
for f in text md csv json html; do
  ext=$f; [ "$f" = text ] && ext=txt
  zi-report -C records monthly --month "$month" --format "$f" -o "reports/$month.$ext"
done
git add reports
if ! git diff --cached --quiet -- reports; then
  git commit -q -m "monthly report $month" -- reports
fi

#!/bin/sh
# Each command's --help and its man page's SYNOPSIS name the same subcommands
# and options (the idea of git's t0450-cmd-usage: what --help says and what
# the manual says are written in two places and drift apart).
#   - the subcommands of `zi-X --help` and the SYNOPSIS entries of man/zi-X.1
#     are the same set;
#   - every option of a subcommand's own "Options:" in `zi-X SUB --help` is in
#     that subcommand's SYNOPSIS entry;
#   - every option a SYNOPSIS entry names is accepted by that subcommand, in
#     one of the sections of its --help (its own, reading, writing, CSV or
#     common options);
#   - every option of the reading and CSV sections of any --help is
#     somewhere in the man page (the common and writing options are described
#     in zi-unit(1) and zi(7), where the other pages point).
# The SYNOPSIS is read from the groff source: entries between .br lines, each
# `.B zi-X`, `.RI [ options ]`, `.B SUB` (one or two words; `.BR a | b` after
# it: one subcommand per word, as `survey ikm|ipak|ipkp`), then the options as
# \-\-long or \-s in any macro. A subcommand may have several entries (export
# --portalrb and export --lhkan): their options add up.
set -eu
root=$(cd "$(dirname "$0")/../../.." && pwd)
command -v zi-unit >/dev/null 2>&1 || PATH="$root/${ZI_BIN:-build}:$PATH"
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
cd "$d"   # no records directory here: --help in English whatever zi.json says
export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset ZI_LANG ZI_RECORDS LANGUAGE

# SECTION TAB LONG TAB SHORT for each option line of a --help (SHORT may be empty)
help_opts() {
  awk '
    /^[A-Z][^:]*:$/ { sec = $0; sub(/:$/, "", sec); next }
    /^  (-[A-Za-z0-9], |    )--[a-z0-9]/ {
      s = ""; l = $1
      if (l ~ /^-[A-Za-z0-9],$/) { s = substr(l, 1, 2); l = $2 }
      print sec "\t" l "\t" s
    }'
}

# The subcommands of `zi-X --help`: the first word, and the second when it is
# a lower-case word (stage import; not stage ID).
help_subs() {
  awk '
    /^Subcommands:$/ { on = 1; next }
    on && /^$/ { exit }
    on {
      # the name and arguments end where two spaces (or one, on a long line)
      # begin the summary
      line = $0; sub(/^  /, "", line); split(line, a, /  +/); k = split(a[1], w, / /)
      n = w[1]; if (k > 1 && w[2] ~ /^[a-z][a-z-]*$/) n = n " " w[2]; print n
    }'
}

# SUB TAB OPTION for every option of every SYNOPSIS entry of a man page
# (OPTION "-" for an entry that names none, so that the subcommand is listed)
man_synopsis() {
  awk -v cmd="$1" '
    function flush() { if (nsub) { for (i = 1; i <= nsub; i++) print subs[i] "\t-" } }
    function opts(line,   t) {
      gsub(/\\f[BIRP]/, "", line)
      while (match(line, /\\-\\-[a-z0-9](\\-|[a-z0-9])*/)) {
        t = substr(line, RSTART, RLENGTH); gsub(/\\-/, "-", t)
        for (i = 1; i <= nsub; i++) print subs[i] "\t" t
        line = substr(line, RSTART + RLENGTH)
      }
      while (match(line, /\\-[A-Za-z0-9]([^A-Za-z0-9]|$)/)) {
        t = substr(line, RSTART + 2, 1)
        for (i = 1; i <= nsub; i++) print subs[i] "\t-" t
        line = substr(line, RSTART + 3)
      }
    }
    /^\.SH SYNOPSIS/ { on = 1; next }
    on && /^\.SH/ { flush(); exit }
    !on { next }
    /^\.br/ { flush(); nsub = 0; want = 0; alt = 0; next }
    $1 == ".B" && $2 == cmd && nsub == 0 && !want {
      # `.B zi-report merge`: the subcommand on the same line
      if (NF > 2) { rest = $0; sub(/^\.B [^ ]* /, "", rest); setsub(rest) } else want = 1
      next
    }
    want && $1 == ".B" { rest = $0; sub(/^\.B /, "", rest); setsub(rest); want = 0; next }
    alt && $1 == ".BR" && $0 ~ /\|/ {
      # survey ikm|ipak|ipkp: one subcommand per alternative
      base = subs[1]; n = 0; line = $0; sub(/^\.BR /, "", line)
      k = split(line, w, /[ |]+/)
      for (j = 1; j <= k; j++) if (w[j] ~ /^[a-z][a-z-]*$/) subs[++n] = base " " w[j]
      nsub = n; alt = 0; next
    }
    { alt = 0; if (nsub) opts($0) }
    function setsub(text,   k, w, j, name) {
      k = split(text, w, / +/); name = ""
      for (j = 1; j <= k && w[j] ~ /^[a-z][a-z-]*$/; j++) name = name (name == "" ? "" : " ") w[j]
      nsub = 1; subs[1] = name; alt = (j > k)
      rest2 = ""; for (; j <= k; j++) rest2 = rest2 " " w[j]
      opts(rest2)
    }'
}

fail=0
problem() { echo "$*"; fail=1; }

for c in unit declare sign eval report; do
  page="$root/man/zi-$c.1"
  zi-$c --help > help.txt
  help_subs < help.txt | sort -u > help-subs
  man_synopsis "zi-$c" < "$page" | sort -u > man-all
  cut -f1 man-all | sort -u > man-subs
  comm -23 help-subs man-subs | while read -r s; do
    echo "zi-$c $s: a subcommand of --help, without a SYNOPSIS entry in man/zi-$c.1"; done > miss
  comm -13 help-subs man-subs | while read -r s; do
    echo "zi-$c $s: a SYNOPSIS entry of man/zi-$c.1, not a subcommand of --help"; done >> miss
  [ -s miss ] && { cat miss; fail=1; }
  # every option shown anywhere: it must be somewhere in the page
  help_opts < help.txt > every
  while read -r s; do
    # shellcheck disable=SC2086
    zi-$c $s --help > sub.txt || problem "zi-$c $s --help failed"
    help_opts < sub.txt > sub-opts
    cat sub-opts >> every
    awk -F'\t' -v s="$s" '$1 == s && $2 != "-" { print $2 }' man-all | sort -u > man-opts
    # short options of the page stand for their long names
    awk -F'\t' 'NR == FNR { if ($3 != "") long[$3] = $2; next }
      { print ($1 in long) ? long[$1] : $1 }' sub-opts man-opts | sort -u > man-long
    awk -F'\t' '$1 == "Options" { print $2 }' sub-opts | sort -u > own
    cut -f2 sub-opts | sort -u > accepted
    comm -23 own man-long | while read -r o; do
      echo "zi-$c $s: $o is in --help (Options), not in the SYNOPSIS of man/zi-$c.1"; done > miss
    comm -13 accepted man-long | while read -r o; do
      echo "zi-$c $s: $o is in the SYNOPSIS of man/zi-$c.1, not in --help"; done >> miss
    [ -s miss ] && { cat miss; fail=1; }
  done < help-subs
  # the options of the other sections (reading the spreadsheet, CSV for
  # spreadsheets): named somewhere in the page, by the long or the short name.
  # The common and writing options are described once, in zi-unit(1), which
  # the other pages point to.
  sed 's/\\-/-/g; s/\\f[BIRP]//g' "$page" > page.txt
  awk -F'\t' '$1 != "Common options" && $1 != "Writing" { print $2 "\t" $3 }' every | sort -u |
  while IFS="$(printf '\t')" read -r o s; do
    grep -q -e "$o\\([^a-z0-9-]\\|\$\\)" page.txt && continue
    [ -n "$s" ] && grep -q -e "$s\\([^A-Za-z0-9-]\\|\$\\)" page.txt && continue
    echo "zi-$c: $o is in --help, nowhere in man/zi-$c.1"
  done > miss
  [ -s miss ] && { cat miss; fail=1; }
done
[ $fail = 0 ] && echo ok
exit $fail

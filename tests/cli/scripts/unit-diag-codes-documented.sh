#!/bin/sh
# Every diagnostic code in the sources is documented in man/zi.7: codes are a
# stable interface (--diagnostics json), and zi.7 is where users look them up.
set -eu
root=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$root"
# The code is argument 5 of zi_diag_error/warn, 6 of zi_diag_add, 4 of
# zi_import_fail, 2 of the values' fail(), or what is put in an error's code.
codes=$(perl -e '
  my %at = (zi_diag_error => 4, zi_diag_warn => 4, zi_diag_add => 5, zi_import_fail => 3,
            fail => 1, vfail => 1);
  my %codes;
  for my $f (@ARGV) {
    local $/; open my $h, "<", $f or die; my $s = <$h>;
    while ($s =~ /\b(zi_diag_error|zi_diag_warn|zi_diag_add|zi_import_fail|fail|vfail)\s*(\((?:[^()"]++|"(?:[^"\\]|\\.)*"|(?2))*\))/g) {
      my ($name, $args) = ($1, substr($2, 1, -1));
      my @a; my $cur = ""; my $depth = 0;
      while ($args =~ /\G("(?:[^"\\]|\\.)*"|[()]|,|[^(),"]+)/gc) {
        my $t = $1;
        if ($t eq "(") { $depth++ } elsif ($t eq ")") { $depth-- }
        if ($t eq "," && $depth == 0) { push @a, $cur; $cur = ""; next }
        $cur .= $t;
      }
      push @a, $cur;
      next unless defined $a[$at{$name}];
      $codes{$1} = 1 while $a[$at{$name}] =~ /"([a-z][a-z0-9-]*)"/g;
    }
    $codes{$1} = 1 while $s =~ /(?:->|\.|\*)code\s*=\s*[^;]*?"([a-z][a-z0-9-]*)"/g;
    while ($s =~ /(?:->|\.|\*)code\s*=\s*([^;]*);/g) { my $e = $1; $codes{$1} = 1 while $e =~ /"([a-z][a-z0-9-]*)"/g }
  }
  print "$_\n" for sort keys %codes;
' lib/*.c bin/*.c)
missing=""
n=0
for c in $codes; do
  n=$((n + 1))
  grep -q "^\.B $c\$" man/zi.7 || missing="$missing $c"
done
echo "$n codes in the sources"
if [ -n "$missing" ]; then
  echo "not documented in man/zi.7 (add a .TP/.B entry under DIAGNOSTICS):$missing"
  exit 1
fi
echo ok

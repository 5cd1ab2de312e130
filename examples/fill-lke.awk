# SAMPLE DATA: fills an LKE template (zi-eval template) by a fixed rule, so
# the example has scores: unit number k answers better or worse. Counts that
# zi-eval derives from the records (complaints, LHKPN/LHKASN) are left empty.
function rnd() { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648 }
# splits a CSV line into f[1..n] (quotes honoured; no line breaks in cells)
function csvsplit(s, f,    n, i, c, q, cur) {
  n = 0; cur = ""; q = 0
  for (i = 1; i <= length(s); i++) {
    c = substr(s, i, 1)
    if (q) { if (c == "\"") { if (substr(s, i + 1, 1) == "\"") { cur = cur c; i++ } else q = 0 } else cur = cur c }
    else if (c == "\"") q = 1
    else if (c == ",") { f[++n] = cur; cur = "" }
    else cur = cur c
  }
  f[++n] = cur
  return n
}
BEGIN { seed = 7 * k + 3; q = 0.97 - (k % 5) * 0.07; print "soal_id,answer,note" }
NR == 1 { next }
{
  csvsplit($0, f); id = f[1]; type = f[5]; ch = f[6]
  ans = ""
  if (type == "JUMLAH") {
    if (id >= 110 && id <= 120) ans = ""
    else if (id == 102) ans = 4
    else if (id == 103 || id == 104) ans = 1
    else ans = (rnd() < q ? 10 : 8)
    if (id == 88 || id == 90 || id == 105 || id == 122) ans = 10
  } else if (type == "0-4") {
    ans = sprintf("%.2f", 3.0 + q * 0.85)
  } else {
    nk = split(ch, keys, /[^A-Za-z]+/)
    m = 0; for (j = 1; j <= nk; j++) if (keys[j] != "") opt[++m] = keys[j]
    pick = 1; while (pick < m && rnd() > q) pick++
    ans = opt[pick]
  }
  printf "%s,%s,%s\n", id, ans, "data contoh"
}

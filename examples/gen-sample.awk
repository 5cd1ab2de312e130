# DATA CONTOH / SAMPLE DATA. Makes the rosters, signature lists and survey
# responses of the example programme: invented people with valid-looking NIPs,
# deterministic (the same files every run). Input: import/declarations.csv.
# Writes OUT/staff-UNIT.csv, OUT/sign-UNIT.csv, OUT/ikm-UNIT.csv.
function rnd() { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648 }
function dmy(iso) { return substr(iso, 9, 2) "/" substr(iso, 6, 2) "/" substr(iso, 1, 4) }
BEGIN { FS = ";"; seed = 20261022 }
NR == 1 { next }
{
  unit = $1; d = $2
  decl = substr(d, 7, 4) "-" substr(d, 4, 2) "-" substr(d, 1, 2)
  n = 6 + int(rnd() * 7)
  staff = OUT "/staff-" unit ".csv"; sign = OUT "/sign-" unit ".csv"
  print "NIP;Nama;Jabatan;Golongan;Kategori;Wajib LHKPN;TMT" > staff
  print "NIP;Nama;Dokumen;Tanggal;Konflik Kepentingan" > sign
  for (i = 1; i <= n; i++) {
    by = 1968 + int(rnd() * 28); bm = 1 + int(rnd() * 12); bd = 1 + int(rnd() * 28)
    ay = by + 22 + int(rnd() * 6); am = 1 + int(rnd() * 12); sx = 1 + int(rnd() * 2)
    nip = sprintf("%04d%02d%02d%04d%02d%d%03d", by, bm, bd, ay, am, sx, i)
    cat = i == 1 ? "pimpinan" : i <= 3 ? "eselon4" : rnd() < 0.5 ? "fungsional" : "pelaksana"
    pos = i == 1 ? "Kepala Unit" : i <= 3 ? "Kepala Seksi" : cat == "fungsional" ? "Pejabat Fungsional" : "Pelaksana"
    gol = i == 1 ? "IV/b" : i <= 3 ? "III/d" : rnd() < 0.5 ? "III/a" : "II/c"
    lhkpn = i <= 3 ? "Ya" : "Tidak"
    start = "02/01/2019"
    # the last one of some units joined after the pacts were signed
    late = (i == n && rnd() < 0.4)
    if (late) start = "01/09/2026"
    printf "%s;Pegawai Contoh %s %02d;%s;%s;%s;%s;%s\n", nip, unit, i, pos, gol, cat, lhkpn, start > staff
    if (late) continue
    if (rnd() < 0.93) printf "%s;Pegawai Contoh %s %02d;Pakta Integritas;%s;\n", nip, unit, i, dmy(decl) > sign
    if (rnd() < 0.85) printf "%s;Pegawai Contoh %s %02d;Pernyataan Gratifikasi;%s;\n", nip, unit, i, dmy(decl) > sign
    if (decl < "2026-03-31" && rnd() < 0.8)
      printf "%s;Pegawai Contoh %s %02d;%s;31/03/2026;\n", nip, unit, i, (lhkpn == "Ya" ? "LHKPN" : "LHKASN") > sign
    # conflict-of-interest declarations (17/2024): two in three, by a fixed
    # rule so that the other sample data stays as it was; one actual
    # conflict declared in each Bondowoso unit
    if (i % 3 != 0)
      printf "%s;Pegawai Contoh %s %02d;Pernyataan Potensi Konflik Kepentingan;05/01/2026;%s\n", nip, unit, i, (i == 2 && unit ~ /^bws-/) ? "Ya" : "Tidak" > sign
  }
  close(staff); close(sign)
  if (unit ~ /^bws-/) {
    ikm = OUT "/ikm-" unit ".csv"
    print "Responden;Tanggal;U1;U2;U3;U4;U5;U6;U7;U8;U9" > ikm
    base = 2.6 + rnd() * 1.2
    for (r = 1; r <= 30; r++) {
      line = sprintf("R%03d;%02d/%02d/2026", r, 1 + int(rnd() * 28), 2 + int(rnd() * 8))
      for (e = 1; e <= 9; e++) { v = int(base + rnd() * 1.4); if (v > 4) v = 4; if (v < 1) v = 1; line = line ";" v }
      print line > ikm
    }
    close(ikm)
  }
}

/* bench/gen: national-scale benchmark data for zi, deterministic (the same
 * options always give the same bytes).
 *
 *   gen [-o DIR] [--units N] [--staff N] [--roster N] [--signatures] [--lke]
 *       [--surveys N] [--all]
 *
 * Always written (the base run):
 *   DIR/records/zi.json, .gitignore, units.csv   N units (2,000), plus the unit
 *                                                 "bench-import" with no roster
 *   DIR/records/staff/UNIT.csv                    --staff per unit (500), canonical
 *   DIR/roster.csv                                --roster rows (1,000,000): the
 *       spreadsheet for `zi-unit staff import bench-import`: UTF-8 BOM, ';',
 *       CRLF, a "No" column, dd/mm/yyyy dates (leading zeros not always), Ya/Tidak
 * Optional:
 *   --signatures  DIR/records/signatures/UNIT.csv (pakta, gratifikasi and lhkpn
 *                 or lhkasn for each staff member, a few missing), and
 *                 DIR/sign-import.csv: the 500 pacts of the first unit (left out
 *                 of its records file) as a spreadsheet
 *   --lke         DIR/records/lke/2026/UNIT.csv: an answer set for every unit
 *   --surveys N   DIR/records/surveys/2026/UNIT-ikm.csv with N responses per
 *                 unit, and DIR/ikm-1m.csv: 1,000,000 responses as a spreadsheet
 *
 * Canonical files are written exactly as zi writes them: comma, LF, quotes
 * only where needed, rows sorted by primary key with strcmp. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static uint64_t mix(uint64_t x)
{
	x += 0x9E3779B97F4A7C15ull;
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
	x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
	return x ^ (x >> 31);
}

/* A random number for (stream, index, salt), below n. */
static unsigned rnd(unsigned stream, uint64_t i, unsigned salt, unsigned n)
{
	return (unsigned)(mix(((uint64_t)stream << 56) ^ (i << 8) ^ salt) % n);
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *first_names[] = {
	"Agus",		 "Budi",     "Dewi",	"Siti",	   "Rina",    "Andi",	  "Eko",
	"Sri",		 "Wahyu",    "Yuliana", "Bambang", "Ratna",   "Hendra",	  "Fitri",
	"Rudi",		 "Nur",	     "Dian",	"Joko",	   "Indah",   "Teguh",	  "Lestari",
	"Arif",		 "Putri",    "Slamet",	"Yanti",   "Hadi",    "Rahmat",	  "Endang",
	"Fajar",	 "Kartika",  "Made",	"Ketut",   "Wayan",   "Nyoman",	  "Maria",
	"Yohanes",	 "Muhammad", "Ahmad",	"Rizky",   "Ayu",     "Dedi",	  "Sulastri",
	"Heru",		 "Novi",     "Irfan",	"Wulan",   "Taufik",  "Rosa",	  "Bayu",
	"Citra",	 "Gede",     "Puspita", "Syamsul", "Marlina", "Yusuf",	  "Intan",
	"Darmawan",	 "Anisa",    "Ferry",	"Suharti", "Benny",   "Theresia", "La Ode",
	"Andi Muhammad",
};
static const char *last_names[] = {
	"Santoso",   "Wijaya",	    "Saputra",	   "Lestari",	"Hidayat",
	"Kurniawan", "Setiawan",    "Pratama",	   "Siregar",	"Nasution",
	"Harahap",   "Simanjuntak", "Sitompul",	   "Lubis",	"Wibowo",
	"Susanto",   "Rahayu",	    "Purnomo",	   "Gunawan",	"Halim",
	"Tanjung",   "Pangaribuan", "Manurung",	   "Sinaga",	"Rangkuti",
	"Hutapea",   "Suryadi",	    "Permana",	   "Hakim",	"Utami",
	"Astuti",    "Maharani",    "Mahendra",	   "Daulay",	"Ginting",
	"Tarigan",   "Sembiring",   "Lumban Gaol", "Wonda",	"Kogoya",
	"Rumbiak",   "Mandagi",	    "Lapian",	   "Pattimura", "Latuconsina",
	"",
};
static const char *titles_after[] = {
	"",
	"",
	"",
	"",
	"",
	"",
	", S.E.",
	", S.Sos.",
	", S.H.",
	", S.Kom.",
	", S.E., M.M.",
	", S.T.",
	", A.Md.",
	", S.Kep., Ns.",
	", M.Si.",
	", S.Pd.",
};

enum cat { PIMPINAN, ESELON3, ESELON4, FUNGSIONAL, PELAKSANA };
static const char *cat_names[] = {"pimpinan", "eselon3", "eselon4", "fungsional", "pelaksana"};
static const char *cat_sheet[] = {"Pimpinan", "Eselon3", "ESELON4", "Fungsional", "pelaksana"};
static const char *grades[] = {"II/a",	"II/b",	 "II/c", "II/d", "III/a", "III/b",
			       "III/c", "III/d", "IV/a", "IV/b", "IV/c"};
static const char *pos_e3[] = {"Sekretaris", "Kepala Bidang Pelayanan", "Kepala Bidang Perencanaan",
			       "Kepala Bagian Umum"};
static const char *pos_e4[] = {"Kepala Subbagian Umum dan Kepegawaian", "Kepala Subbagian Keuangan",
			       "Kepala Seksi Pengawasan", "Kepala Seksi Data dan Informasi"};
static const char *pos_fung[] = {"Analis Kebijakan Ahli Muda",	 "Auditor Ahli Pertama",
				 "Perencana Ahli Muda",		 "Pranata Komputer Ahli Pertama",
				 "Arsiparis Terampil",		 "Perawat Ahli Pertama",
				 "Penyuluh Kesehatan Masyarakat"};
static const char *pos_pel[] = {"Pengadministrasi Umum",	"Pengelola Keuangan",
				"Pengadministrasi Perkantoran", "Pengolah Data",
				"Operator Layanan Operasional", "Pengemudi",
				"Penata Layanan Operasional"};

static const char *unit_kinds[] = {"dinas",	  "badan",     "kantor", "sekretariat",
				   "inspektorat", "bagian",    "rsud",	 "puskesmas",
				   "kecamatan",	  "kelurahan", "satker", "lainnya"};
static const char *unit_kind_names[] = {
	"Dinas Kesehatan",
	"Badan Pendapatan Daerah",
	"Kantor Pertanahan",
	"Sekretariat DPRD",
	"Inspektorat",
	"Bagian Organisasi",
	"RSUD",
	"Puskesmas",
	"Kecamatan",
	"Kelurahan",
	"Satuan Kerja",
	"Unit Pelaksana Teknis",
};
static const char *regions[] = {
	"Kabupaten Bondowoso",
	"Kota Bontang",
	"Kota Pekalongan",
	"Kota Tanjungbalai",
	"Kabupaten Tanah Bumbu",
	"Kabupaten Sleman",
	"Kota Makassar",
	"Kabupaten Jayapura",
	"Kota Ambon",
	"Kabupaten Badung",
	"Kota Medan",
	"Kabupaten Banyuwangi",
};
static const char *stages[] = {"calon",	     "pencanangan",  "pembangunan", "penilaian-tpi",
			       "pengusulan", "evaluasi-tpn", "penetapan"};

/* One person, from their global index (0 .. total-1); the NIP is unique for
 * every index below 13,000,000 (the index is spread over the NIP's birth date
 * and serial). */
struct person {
	char nip[32];
	char name[96];
	const char *position;
	const char *grade;
	enum cat cat;
	int lhkpn;
	int sy, sm, sd; /* start on the roster */
	int end; /* an end date: sy+1 */
};

static void day_to_date(int day, int *y, int *m, int *d)
{
	/* day 0 = 1960-01-01, 3653 days before 1970-01-01; civil from days */
	long z = (long)day - 3653 + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long yy = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long dd = doy - (153 * mp + 2) / 5 + 1;
	long mm = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)(yy + (mm <= 2));
	*m = (int)mm;
	*d = (int)dd;
}

static void make_person(uint64_t i, struct person *p)
{
	/* spread the index over the birth days (1960 .. ~1995), about 75
	 * people a day in 1,000,000 as in a real roster; the serial tells
	 * people born the same day apart */
	int day = (int)(i % 13000);
	unsigned serial = (unsigned)(i / 13000 % 1000);
	unsigned extra = (unsigned)(i / 13000000);
	int by, bm, bd;
	day_to_date(day, &by, &bm, &bd);
	int ay = by + 20 + (int)rnd(1, i, 1, 12) + (int)(extra % 3);
	if (ay > 2025)
		ay = 2025;
	int am = 1 + (int)rnd(1, i, 2, 12);
	int sex = 1 + (int)rnd(1, i, 3, 2);
	snprintf(p->nip, sizeof(p->nip), "%04d%02d%02d%04d%02d%d%03u", by, bm, bd, ay, am, sex,
		 serial);
	unsigned c = rnd(1, i, 4, 100);
	p->cat = c < 1	  ? PIMPINAN
		 : c < 5  ? ESELON3
		 : c < 15 ? ESELON4
		 : c < 50 ? FUNGSIONAL
			  : PELAKSANA;
	switch (p->cat) {
	case PIMPINAN:
		p->position = "Kepala";
		p->grade = grades[8 + rnd(1, i, 5, 3)];
		break;
	case ESELON3:
		p->position = pos_e3[rnd(1, i, 5, NELEM(pos_e3))];
		p->grade = grades[7 + rnd(1, i, 6, 3)];
		break;
	case ESELON4:
		p->position = pos_e4[rnd(1, i, 5, NELEM(pos_e4))];
		p->grade = grades[5 + rnd(1, i, 6, 3)];
		break;
	case FUNGSIONAL:
		p->position = pos_fung[rnd(1, i, 5, NELEM(pos_fung))];
		p->grade = grades[4 + rnd(1, i, 6, 5)];
		break;
	default:
		p->position = pos_pel[rnd(1, i, 5, NELEM(pos_pel))];
		p->grade = grades[rnd(1, i, 6, 7)];
	}
	p->lhkpn = p->cat <= ESELON4 || (p->cat == FUNGSIONAL && rnd(1, i, 7, 5) == 0);
	const char *fn = first_names[rnd(1, i, 8, NELEM(first_names))];
	const char *ln = last_names[rnd(1, i, 9, NELEM(last_names))];
	const char *tt = titles_after[rnd(1, i, 10, NELEM(titles_after))];
	snprintf(p->name, sizeof(p->name), "%s%s%s%s", rnd(1, i, 11, 20) == 0 ? "dr. " : "", fn,
		 *ln ? " " : "", ln);
	strncat(p->name, tt, sizeof(p->name) - strlen(p->name) - 1);
	p->sy = ay + (int)rnd(1, i, 12, 2026 - ay > 0 ? (unsigned)(2026 - ay) : 1);
	if (p->sy > 2026)
		p->sy = 2026;
	p->sm = 1 + (int)rnd(1, i, 13, p->sy == 2026 ? 10 : 12);
	p->sd = 1 + (int)rnd(1, i, 14, 28);
	p->end = p->sy < 2025 && rnd(1, i, 15, 25) == 0;
}

static int need(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "gen: %s: %s\n", what, strerror(errno));
		exit(3);
	}
	return ok;
}

static void mkdirs(const char *path)
{
	char tmp[4096];
	snprintf(tmp, sizeof(tmp), "%s", path);
	for (char *p = tmp + 1; *p; p++)
		if (*p == '/') {
			*p = 0;
			mkdir(tmp, 0755);
			*p = '/';
		}
	mkdir(tmp, 0755);
}

/* Large stdio buffers, one per open file. */
static struct {
	FILE *f;
	char *buf;
} pool[8];

static FILE *create(const char *dir, const char *rel)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	char *slash = strrchr(path, '/');
	*slash = 0;
	mkdirs(path);
	*slash = '/';
	FILE *f = fopen(path, "w");
	need(f != NULL, path);
	for (int i = 0; i < 8; i++)
		if (!pool[i].f) {
			if (!pool[i].buf)
				pool[i].buf = malloc(1 << 20);
			pool[i].f = f;
			setvbuf(f, pool[i].buf, _IOFBF, 1 << 20);
			break;
		}
	return f;
}

static void done(FILE *f, const char *what)
{
	need(!ferror(f) && fclose(f) == 0, what);
	for (int i = 0; i < 8; i++)
		if (pool[i].f == f)
			pool[i].f = NULL;
}

/* Canonical CSV field: quoted when it holds , " CR LF or has edge spaces. */
static void put_field(FILE *f, const char *s)
{
	size_t n = strlen(s);
	if (!n)
		return;
	if (s[0] != ' ' && s[n - 1] != ' ' && !strpbrk(s, ",\"\r\n")) {
		fwrite(s, 1, n, f);
		return;
	}
	putc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', f);
		putc(*s, f);
	}
	putc('"', f);
}

static char *unit_id(unsigned u, char *out, size_t n)
{
	snprintf(out, n, "%s-%04u", unit_kinds[u % NELEM(unit_kinds)], u + 1);
	return out;
}

struct opts {
	const char *dir;
	unsigned units, staff;
	unsigned long roster;
	int signatures, lke;
	unsigned surveys;
};

static void gen_units(const struct opts *o)
{
	FILE *f = create(o->dir, "records/zi.json");
	fputs("{\n  \"format\": 1,\n  \"instansi\": \"Benchmark: national scale (generated)\",\n"
	      "  \"code\": \"bench\",\n  \"model\": \"lke-2026\",\n  \"language\": \"en\",\n"
	      "  \"commit\": false\n}\n",
	      f);
	done(f, "zi.json");
	f = create(o->dir, "records/.gitignore");
	fputs("# zi's lock file and interrupted writes\n.zi.lock\n*.tmp-*\n", f);
	done(f, ".gitignore");
	/* ids sort as "badan-0002" < "bagian-0006" ...: build them all, sort */
	unsigned n = o->units + 1;
	char(*ids)[40] = calloc(n, 40);
	unsigned *order = calloc(n, sizeof(unsigned));
	for (unsigned u = 0; u < o->units; u++)
		unit_id(u, ids[u], 40);
	snprintf(ids[o->units], 40, "bench-import");
	for (unsigned u = 0; u < n; u++)
		order[u] = u;
	/* insertion-friendly: a simple qsort through a static pointer */
	for (unsigned a = 1; a < n; a++) {
		unsigned v = order[a], b = a;
		while (b > 0 && strcmp(ids[order[b - 1]], ids[v]) > 0) {
			order[b] = order[b - 1];
			b--;
		}
		order[b] = v;
	}
	f = create(o->dir, "records/units.csv");
	fputs("id,name,short_name,parent,kind,target,afirmasi,stage,stage_date,predicate,"
	      "predicate_date,predicate_ref,retired\n",
	      f);
	for (unsigned k = 0; k < n; k++) {
		unsigned u = order[k];
		if (u == o->units) {
			fputs("bench-import,Unit for the import "
			      "benchmark,,,lainnya,WBK,false,calon,"
			      "2026-01-02,,,,false\n",
			      f);
			continue;
		}
		char name[160];
		snprintf(name, sizeof(name), "%s %s %u", unit_kind_names[u % NELEM(unit_kinds)],
			 regions[rnd(2, u, 1, NELEM(regions))], u + 1);
		unsigned st = rnd(2, u, 2, NELEM(stages));
		int wbbm = st == 6 && rnd(2, u, 3, 4) == 0;
		fprintf(f, "%s,", ids[u]);
		put_field(f, name);
		fprintf(f, ",,%s,%s,%s,%s,%s,2025-%02u-%02u,%s,%s,%s,false\n", "",
			unit_kinds[u % NELEM(unit_kinds)], wbbm ? "WBBM" : "WBK",
			rnd(2, u, 4, 10) == 0 ? "true" : "false", stages[st], 1 + rnd(2, u, 5, 12),
			1 + rnd(2, u, 6, 28), st == 6 ? "WBK" : "", st == 6 ? "2025-12-10" : "",
			st == 6 ? "SK MENPANRB 100/2025" : "");
	}
	done(f, "units.csv");
	/* each unit's stage history, ending where units.csv says it is:
	 * registered in January 2024, a step a month through 2024, the last
	 * step on the unit's stage_date (zi-report check holds them together) */
	f = create(o->dir, "records/stages.csv");
	fputs("unit,date,stage,ref,note,predicate\n", f);
	for (unsigned k = 0; k < n; k++) {
		unsigned u = order[k];
		if (u == o->units) {
			fputs("bench-import,2026-01-02,calon,,,\n", f);
			continue;
		}
		unsigned st = rnd(2, u, 2, NELEM(stages));
		for (unsigned i = 0; i <= st; i++) {
			char date[11];
			if (i < st)
				snprintf(date, sizeof(date), "2024-%02u-02", i + 1);
			else
				snprintf(date, sizeof(date), "2025-%02u-%02u", 1 + rnd(2, u, 5, 12),
					 1 + rnd(2, u, 6, 28));
			fprintf(f, "%s,%s,%s,%s,,%s\n", ids[u], date, stages[i],
				i == 6 ? "SK MENPANRB 100/2025" : "", i == 6 ? "WBK" : "");
		}
	}
	done(f, "stages.csv");
	free(ids);
	free(order);
}

struct prow {
	char nip[19];
	uint64_t idx;
};

static int cmp_prow(const void *a, const void *b)
{
	return strcmp(((const struct prow *)a)->nip, ((const struct prow *)b)->nip);
}

/* The staff of unit u, sorted by NIP, into rows[]. */
static void unit_people(const struct opts *o, unsigned u, struct prow *rows)
{
	for (unsigned k = 0; k < o->staff; k++) {
		struct person p;
		rows[k].idx = (uint64_t)u * o->staff + k;
		make_person(rows[k].idx, &p);
		memcpy(rows[k].nip, p.nip, 19);
	}
	qsort(rows, o->staff, sizeof(*rows), cmp_prow);
}

static void put_staff_row(FILE *f, const struct person *p)
{
	fprintf(f, "%s,", p->nip);
	put_field(f, p->name);
	fprintf(f, ",%s,%s,%s,%s,%04d-%02d-%02d,", p->position, p->grade, cat_names[p->cat],
		p->lhkpn ? "true" : "false", p->sy, p->sm, p->sd);
	if (p->end)
		fprintf(f, "%04d-%02d-%02d", p->sy + 1, p->sm, p->sd);
	putc('\n', f);
}

static void gen_staff(const struct opts *o, struct prow *rows)
{
	char rel[256], id[40];
	for (unsigned u = 0; u < o->units; u++) {
		unit_people(o, u, rows);
		snprintf(rel, sizeof(rel), "records/staff/%s.csv", unit_id(u, id, sizeof(id)));
		FILE *f = create(o->dir, rel);
		fputs("nip,name,position,grade,category,lhkpn,start,end\n", f);
		for (unsigned k = 0; k < o->staff; k++) {
			struct person p;
			make_person(rows[k].idx, &p);
			put_staff_row(f, &p);
		}
		done(f, rel);
	}
}

/* The spreadsheet: people from a range of their own (after every unit's), in
 * an order that is not sorted by NIP. */
static void gen_roster(const struct opts *o)
{
	FILE *f = create(o->dir, "roster.csv");
	fputs("\xEF\xBB\xBFNo;NIP;Nama Pegawai;Jabatan;Gol. Ruang;Jenis Jabatan;Wajib LHKPN;TMT;"
	      "Selesai\r\n",
	      f);
	uint64_t base = (uint64_t)o->units * o->staff;
	/* a permutation of 0..n-1: multiply by a constant prime to n */
	uint64_t n = o->roster, a = 0x9E3779B1ull % (n ? n : 1);
	while (n > 1) {
		uint64_t x = a, y = n;
		while (y) {
			uint64_t t = x % y;
			x = y;
			y = t;
		}
		if (x == 1 && a > 1)
			break;
		a++;
	}
	for (uint64_t r = 0; r < n; r++) {
		uint64_t k = (r * a) % n;
		struct person p;
		make_person(base + k, &p);
		const char *grade = p.grade;
		char gbuf[16];
		if (rnd(3, k, 1, 4) == 0) { /* "III-a", "iii/a" */
			snprintf(gbuf, sizeof(gbuf), "%s", grade);
			*strchr(gbuf, '/') = '-';
			grade = gbuf;
		}
		int zeros = rnd(3, k, 2, 3) != 0;
		char start[40], end[40] = "";
		snprintf(start, sizeof(start), zeros ? "%02d/%02d/%04d" : "%d/%d/%04d", p.sd, p.sm,
			 p.sy);
		if (p.end)
			snprintf(end, sizeof(end), "%02d/%02d/%04d", p.sd, p.sm, p.sy + 1);
		fprintf(f, "%llu;%s%s;%s;%s;%s;%s;%s;%s;%s\r\n", (unsigned long long)r + 1,
			rnd(3, k, 3, 10) == 0 ? "'" : "", p.nip, p.name, p.position, grade,
			cat_sheet[p.cat], p.lhkpn ? "Ya" : "Tidak", start, end);
	}
	done(f, "roster.csv");
}

/* signatures/UNIT.csv, key (nip, name, doc, date): per person gratifikasi,
 * lhkasn or lhkpn, pakta (that is the strcmp order of the doc names). */
/* Days since 1960-01-01 (day_to_date's day 0). */
static int date_to_day(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int)(era * 146097 + doe - 719468 + 3653);
}

/* A date while the person is on the roster (start .. the day before the end,
 * or 2026-11-22),
 * mostly since the 2021 declarations. */
static void sig_date(uint64_t idx, unsigned doc, const struct person *p, char out[32])
{
	int from = date_to_day(p->sy, p->sm, p->sd);
	/* on the end date the person is no longer on the roster */
	int to = p->end ? date_to_day(p->sy + 1, p->sm, p->sd) - 1 : date_to_day(2026, 11, 22);
	int since = date_to_day(2021, 1, 1);
	if (from < since && to > since)
		from = since;
	int day = from + (int)rnd(4, idx, doc, (unsigned)(to - from + 1));
	int y, m, d;
	day_to_date(day, &y, &m, &d);
	snprintf(out, 32, "%04d-%02d-%02d", y, m, d);
}

static const char *witnesses[] = {"",		"", "", "Inspektur Daerah", "Sekretaris Daerah",
				  "Kepala Unit"};

static void gen_signatures(const struct opts *o, struct prow *rows)
{
	char rel[256], id[40], date[32];
	FILE *imp = create(o->dir, "sign-import.csv");
	fputs("\xEF\xBB\xBFNo;NIP;Nama;Jabatan;Dokumen;Tanggal;Saksi\r\n", imp);
	for (unsigned u = 0; u < o->units; u++) {
		unit_people(o, u, rows);
		snprintf(rel, sizeof(rel), "records/signatures/%s.csv", unit_id(u, id, sizeof(id)));
		FILE *f = create(o->dir, rel);
		fputs("nip,doc,date,name,position,role,witness,evidence,sha256,conflict\n", f);
		for (unsigned k = 0; k < o->staff; k++) {
			struct person p;
			uint64_t idx = rows[k].idx;
			make_person(idx, &p);
			const char *docs[3] = {"gratifikasi", p.lhkpn ? "lhkpn" : "lhkasn", "pakta"};
			for (unsigned dn = 0; dn < 3; dn++) {
				if (rnd(5, idx, dn, 40) == 0) /* about 2.5% not yet signed */
					continue;
				sig_date(idx, dn, &p, date);
				const char *w = witnesses[rnd(5, idx, dn + 3, NELEM(witnesses))];
				if (u == 0 && dn == 2) {
					fprintf(imp, "%u;%s;%s;%s;Pakta Integritas;%c%c/%c%c/%.4s;%s\r\n",
						k + 1, p.nip, p.name, p.position, date[8], date[9],
						date[5], date[6], date, w);
					continue;
				}
				fprintf(f, "%s,%s,%s,", p.nip, docs[dn], date);
				put_field(f, p.name);
				fprintf(f, ",%s,staff,%s,,,\n", p.position, w);
			}
		}
		done(f, rel);
	}
	done(imp, "sign-import.csv");
}

/* The question types of the 2026 model, soal 1..127: Y Ya/Tidak, 3/4/5 A..C/D/E,
 * N a count, V a survey value 0-4. */
static const char lke_types[] =
	"Y3Y33444Y334455333333Y4YY5YY44443445Y43334YYY4Y3Y33455333Y3333344433544Y5444455335344"
	"Y3NNNN5443355533NNNNN445NNNNNNNNNNN4NN4V5V";

static void lke_answer(unsigned u, unsigned id, const unsigned *cnt, char *out, size_t n)
{
	char t = lke_types[id - 1];
	unsigned r = rnd(6, u, id, 100);
	if (t == 'Y')
		snprintf(out, n, "%s", r < 85 ? "Ya" : "Tidak");
	else if (t >= '3' && t <= '5')
		snprintf(out, n, "%c",
			 'A' + (r < 50	 ? 0
				: r < 80 ? 1
					 : (int)(r % (unsigned)(t - '0'))));
	else if (t == 'V')
		snprintf(out, n, "%u.%02u", 3, r);
	else
		snprintf(out, n, "%u", cnt[id]);
}

static void gen_lke(const struct opts *o)
{
	char *ids[127];
	for (unsigned i = 0; i < 127; i++) {
		ids[i] = malloc(4);
		snprintf(ids[i], 4, "%u", i + 1);
	}
	/* soal_id is an integer key: rows in numeric order */
	char rel[256], id[40], ans[32], tpi[32];
	for (unsigned u = 0; u < o->units; u++) {
		/* counts that hang together: numerators below denominators */
		unsigned cnt[128] = {0};
		for (unsigned i = 1; i <= 127; i++)
			cnt[i] = 1 + rnd(7, u, i, 40);
		cnt[89] = cnt[88] - rnd(7, u, 200, cnt[88]);
		cnt[91] = cnt[90] - rnd(7, u, 201, cnt[90]);
		cnt[103] = cnt[102] - rnd(7, u, 202, cnt[102]);
		cnt[104] = cnt[103];
		cnt[106] = cnt[105] - rnd(7, u, 203, cnt[105]);
		cnt[112] = cnt[110] - rnd(7, u, 204, cnt[110]);
		cnt[111] = cnt[110] - cnt[112];
		cnt[113] = 1;
		cnt[115] = 0;
		cnt[116] = cnt[113] + cnt[114] - rnd(7, u, 205, 2);
		cnt[120] = cnt[117] + cnt[118] + cnt[119] - rnd(7, u, 206, 3);
		cnt[123] = cnt[122] - rnd(7, u, 207, cnt[122]);
		snprintf(rel, sizeof(rel), "records/lke/2026/%s.csv", unit_id(u, id, sizeof(id)));
		FILE *f = create(o->dir, rel);
		fputs("soal_id,unit_answer,unit_note,unit_evidence,tpi_answer,tpi_note,tpn_"
		      "answer\n",
		      f);
		for (unsigned k = 0; k < 127; k++) {
			unsigned s = (unsigned)atoi(ids[k]);
			lke_answer(u, s, cnt, ans, sizeof(ans));
			int checked = rnd(8, u, s, 3) == 0;
			if (checked)
				lke_answer(u * 7 + 1, s, cnt, tpi, sizeof(tpi));
			fprintf(f, "%u,%s,%s,%s,%s,%s,\n", s, ans,
				rnd(8, u, s + 200, 5) == 0 ? "sudah dilaksanakan" : "",
				rnd(8, u, s + 400, 4) == 0 ? "bukti/dukung.pdf" : "",
				checked ? tpi : "",
				checked && rnd(8, u, s + 600, 3) == 0 ? "\"cek ulang, lengkapi\""
								      : "");
		}
		done(f, rel);
	}
	for (unsigned i = 0; i < 127; i++)
		free(ids[i]);
}

static unsigned ikm_value(uint64_t r, unsigned e)
{
	unsigned x = rnd(9, r, e, 100);
	return x < 5 ? 1 : x < 20 ? 2 : x < 70 ? 3 : 4;
}

static void gen_surveys(const struct opts *o)
{
	char rel[256], id[40];
	for (unsigned u = 0; o->surveys && u < o->units; u++) {
		snprintf(rel, sizeof(rel), "records/surveys/2026/%s-ikm.csv",
			 unit_id(u, id, sizeof(id)));
		FILE *f = create(o->dir, rel);
		fputs("respondent,date,u1,u2,u3,u4,u5,u6,u7,u8,u9\n", f);
		for (unsigned k = 0; k < o->surveys; k++) {
			uint64_t r = (uint64_t)u * o->surveys + k;
			/* zero-padded: the order of the responses is also the
			 * order of the text, whichever a reader expects */
			fprintf(f, "%06u,2026-%02u-%02u", k + 1, 1 + rnd(9, r, 20, 10),
				1 + rnd(9, r, 21, 28));
			for (unsigned e = 0; e < 9; e++)
				fprintf(f, ",%u", ikm_value(r, e));
			putc('\n', f);
		}
		done(f, rel);
	}
	FILE *f = create(o->dir, "ikm-1m.csv");
	fputs("\xEF\xBB\xBFNo Responden;Tanggal;U1;U2;U3;U4;U5;U6;U7;U8;U9\r\n", f);
	for (uint64_t r = 0; r < 1000000; r++) {
		uint64_t k = r + 1000000000ull;
		fprintf(f, "%llu;%u/%u/2026", (unsigned long long)r + 1, 1 + rnd(9, k, 21, 28),
			1 + rnd(9, k, 20, 10));
		for (unsigned e = 0; e < 9; e++)
			fprintf(f, ";%u", ikm_value(k, e));
		fputs("\r\n", f);
	}
	done(f, "ikm-1m.csv");
}

static void usage(void)
{
	fputs("usage: gen [-o DIR] [--units N] [--staff N] [--roster N] [--signatures] [--lke]\n"
	      "           [--surveys N] [--all]\n",
	      stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	struct opts o = {.dir = "bench/data", .units = 2000, .staff = 500, .roster = 1000000};
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "-o") && v)
			o.dir = argv[++i];
		else if (!strcmp(a, "--units") && v)
			o.units = (unsigned)strtoul(argv[++i], NULL, 10);
		else if (!strcmp(a, "--staff") && v)
			o.staff = (unsigned)strtoul(argv[++i], NULL, 10);
		else if (!strcmp(a, "--roster") && v)
			o.roster = strtoul(argv[++i], NULL, 10);
		else if (!strcmp(a, "--signatures"))
			o.signatures = 1;
		else if (!strcmp(a, "--lke"))
			o.lke = 1;
		else if (!strcmp(a, "--surveys") && v)
			o.surveys = (unsigned)strtoul(argv[++i], NULL, 10);
		else if (!strcmp(a, "--all"))
			o.signatures = o.lke = 1, o.surveys = o.surveys ? o.surveys : 500;
		else
			usage();
	}
	if (o.staff == 0 || o.units == 0 || o.units > 9999)
		usage();
	mkdirs(o.dir);
	struct prow *rows = calloc(o.staff, sizeof(*rows));
	gen_units(&o);
	gen_staff(&o, rows);
	gen_roster(&o);
	if (o.signatures)
		gen_signatures(&o, rows);
	if (o.lke)
		gen_lke(&o);
	if (o.surveys)
		gen_surveys(&o);
	free(rows);
	return 0;
}

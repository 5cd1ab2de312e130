/* lib/import: spreadsheet imports (issue 2): every bad row reported with its
 * line, --reject keeps the good rows and writes the reasons, duplicate keys,
 * blank trailing rows, then a merge that a second import leaves unchanged. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "import.h"
#include "units.h"
#include "zitest.h"

struct fixture {
	char *dir;
	struct zi_schema *staff, *units;
	struct zi_diag d;
};

static int setup(void **state)
{
	struct fixture *f = zi_xcalloc(1, sizeof(*f));
	f->dir = zt_tmpdir();
	zi_diag_init(&f->d);
	f->staff = zi_schema_get("staff", &f->d);
	f->units = zi_schema_get("units", &f->d);
	if (!f->staff || !f->units)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	zi_schema_free(f->staff);
	zi_schema_free(f->units);
	zi_diag_release(&f->d);
	zt_rmtree(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

/* Writes text to NAME in the fixture's directory; the caller frees the path. */
static char *file(struct fixture *f, const char *name, const char *text)
{
	char *p = zi_xasprintf("%s/%s", f->dir, name);
	zt_writes(p, text);
	return p;
}

static const char *get(const struct zi_import *im, size_t r, const char *field)
{
	int i = zi_schema_field(im->rows.schema, field);
	assert_true(i >= 0);
	return zi_table_get(&im->rows, r, (size_t)i);
}

static void test_good_file(void **state)
{
	struct fixture *f = *state;
	char *p = file(f, "roster.csv",
		       "\xEF\xBB\xBFNo;NIP;Nama Pegawai;Jabatan;Gol;Wajib LHKPN;TMT\r\n"
		       "1;19850315 201001 1 001;Budi Santoso;Kepala Dinas;iv/b;ya;1/6/2021\r\n"
		       "2;198703222011012002; Sari Dewi ;Analis;III-a;tidak;25 Juli 2022\r\n");
	struct zi_import im;
	zi_import_init(&im, f->staff);
	struct zi_import_opts o = {0};
	int rc = zi_import_read(&im, p, &o, &f->d);
	if (rc || f->d.n != 1)
		zt_diag_dump(&f->d);
	assert_int_equal(rc, 0);
	assert_int_equal(f->d.errors, 0);
	assert_int_equal(f->d.warnings, 1); /* the "No" column */
	assert_non_null(zt_diag_find(&f->d, "column-unknown", 1));
	assert_int_equal(im.csv.used_delimiter, ';');
	assert_int_equal(im.rows.n, 2);
	assert_int_equal(im.bad_rows, 0);
	assert_str(get(&im, 0, "nip"), "198503152010011001");
	assert_str(get(&im, 0, "grade"), "IV/b");
	assert_str(get(&im, 0, "lhkpn"), "true");
	assert_str(get(&im, 0, "start"), "2021-06-01");
	assert_str(get(&im, 0, "end"), "");
	assert_str(get(&im, 0, "category"), "");
	assert_str(get(&im, 1, "name"), "Sari Dewi");
	assert_str(get(&im, 1, "grade"), "III/a");
	assert_str(get(&im, 1, "lhkpn"), "false");
	assert_str(get(&im, 1, "start"), "2022-07-25");
	assert_int_equal(im.rows.lines[0], 2);
	assert_int_equal(im.rows.lines[1], 3);
	/* which fields the file has: absent ones keep their value on merge */
	assert_true(im.present[ZI_S_NIP]);
	assert_true(im.present[ZI_S_LHKPN]);
	assert_false(im.present[ZI_S_CATEGORY]);
	assert_false(im.present[ZI_S_END]);
	zi_import_release(&im);
	free(p);
}

static void test_every_bad_row_reported(void **state)
{
	struct fixture *f = *state;
	char *p = file(f, "bad.csv",
		       "nip,nama,golongan,tmt,wajib lhkpn\n"
		       "198503152010011001,Budi,III/a,1/6/2021,ya\n" /* 2 good */
		       "1,98503E+17,Sari,III/b,1/6/2021,ya\n" /* 3 long row */
		       "\"1,98503E+17\",Sari,III/b,1/6/2021,ya\n" /* 4 scientific */
		       "198703222011012002,Andi,III/a,31/02/2022,ya\n" /* 5 date */
		       "198703222011012003,Dodi,V/z,1/6/2021,mungkin\n" /* 6 two fields */
		       "198703222011011004,,III/a\n" /* 7 short row */
		       "198703222011011005,Eka,II/c,2/6/2021,t\n"); /* 8 good */
	struct zi_import im;
	zi_import_init(&im, f->staff);
	struct zi_import_opts o = {0};
	assert_int_equal(zi_import_read(&im, p, &o, &f->d), ZI_EDATA);
	if (f->d.errors != 6)
		zt_diag_dump(&f->d);
	assert_int_equal(im.bad_rows, 5);
	assert_int_equal(f->d.errors, 6);
	assert_non_null(zt_diag_find(&f->d, "row-long", 3));
	const struct zi_diag_entry *e = zt_diag_find(&f->d, "nip-scientific", 4);
	assert_non_null(e);
	assert_str(e->field, "nip");
	assert_str(e->file, p);
	assert_int_equal(e->severity, ZI_ERROR);
	e = zt_diag_find(&f->d, "date-invalid", 5);
	assert_non_null(e);
	assert_str(e->field, "start");
	e = zt_diag_find(&f->d, "enum-invalid", 6);
	assert_non_null(e);
	assert_str(e->field, "grade");
	e = zt_diag_find(&f->d, "bool-invalid", 6);
	assert_non_null(e);
	assert_str(e->field, "lhkpn");
	assert_non_null(zt_diag_find(&f->d, "row-short", 7));
	/* the good rows are still there, for the later checks */
	assert_int_equal(im.rows.n, 2);
	assert_int_equal(im.rows.lines[0], 2);
	assert_int_equal(im.rows.lines[1], 8);
	assert_str(get(&im, 1, "lhkpn"), "false");
	assert_int_equal(im.rejects.len, 0); /* no --reject, nothing set aside */
	zi_import_release(&im);
	free(p);
}

static void test_required_value_missing(void **state)
{
	struct fixture *f = *state;
	char *p = file(f, "req.csv", "nip,nama\n198503152010011001,\n,Sari\n");
	struct zi_import im;
	zi_import_init(&im, f->staff);
	struct zi_import_opts o = {0};
	assert_int_equal(zi_import_read(&im, p, &o, &f->d), ZI_EDATA);
	const struct zi_diag_entry *e = zt_diag_find(&f->d, "required", 2);
	assert_non_null(e);
	assert_str(e->field, "name");
	e = zt_diag_find(&f->d, "required", 3);
	assert_non_null(e);
	assert_str(e->field, "nip");
	assert_int_equal(im.rows.n, 0);
	zi_import_release(&im);
	free(p);
}

static void test_reject_keeps_good_rows(void **state)
{
	struct fixture *f = *state;
	char *p = file(f, "bad.csv",
		       "nip;nama;tmt\n"
		       "198503152010011001;Budi;1/6/2021\n"
		       "1,98503E+17;Sari;1/6/2021\n"
		       "198703222011012002;\"Andi, S.E.\";31/02/2022\n"
		       "198703222011012003;Short\n"
		       "198703222011011005;Eka;2/6/2021\n");
	struct zi_import im;
	zi_import_init(&im, f->staff);
	struct zi_import_opts o = {.keep_rejected = 1};
	assert_int_equal(zi_import_read(&im, p, &o, &f->d), 0);
	/* problems are warnings now: nothing fails */
	assert_int_equal(f->d.errors, 0);
	assert_int_equal(f->d.warnings, 3);
	assert_false(zi_import_failed(&im, &f->d));
	assert_non_null(zt_diag_find(&f->d, "nip-scientific", 3));
	assert_non_null(zt_diag_find(&f->d, "date-invalid", 4));
	assert_non_null(zt_diag_find(&f->d, "row-short", 5));
	assert_int_equal(im.bad_rows, 3);
	assert_int_equal(im.rows.n, 2);
	assert_str(get(&im, 0, "name"), "Budi");
	assert_str(get(&im, 1, "name"), "Eka");
	/* the reject file: the header plus reason, the bad rows as read plus why */
	struct zi_csv_opts co = {.delimiter = ','};
	struct zt_rows rows = {0};
	struct zi_diag d2;
	zi_diag_init(&d2);
	assert_non_null(im.rejects.data);
	assert_int_equal(zi_csv_read_mem(im.rejects.data, im.rejects.len, "rejects", &co,
					 zt_collect, &rows, &d2),
			 0);
	assert_int_equal(d2.n, 0);
	assert_int_equal(rows.n, 4);
	zt_assert_row(&rows, 0, 1, "nip", "nama", "tmt", "reason");
	assert_int_equal(rows.v[1].n, 4);
	assert_str(rows.v[1].f[0], "1,98503E+17");
	assert_str(rows.v[1].f[1], "Sari");
	assert_non_null(strstr(rows.v[1].f[3], "nip"));
	assert_non_null(strstr(rows.v[1].f[3], "text")); /* the hint travels along */
	assert_str(rows.v[2].f[1], "Andi, S.E.");
	assert_non_null(strstr(rows.v[2].f[3], "start"));
	/* a short row is padded to the header's width */
	assert_int_equal(rows.v[3].n, 4);
	assert_str(rows.v[3].f[1], "Short");
	assert_str(rows.v[3].f[2], "");
	assert_non_null(strstr(rows.v[3].f[3], "short"));
	zt_rows_free(&rows);
	zi_diag_release(&d2);
	zi_import_release(&im);
	free(p);
}

static void test_duplicate_keys_in_one_file(void **state)
{
	struct fixture *f = *state;
	char *p = file(f, "dup.csv",
		       "nip,nama\n"
		       "198503152010011001,Budi\n"
		       "198703222011012002,Sari\n"
		       "19850315 201001 1 001,Budi lagi\n" /* the same NIP, spelled apart */
		       "198703222011011005,Eka\n");
	struct zi_import im;
	zi_import_init(&im, f->staff);
	struct zi_import_opts o = {0};
	assert_int_equal(zi_import_read(&im, p, &o, &f->d), 0);
	zi_import_check_duplicates(&im, &f->d);
	assert_true(zi_import_failed(&im, &f->d));
	/* both rows are named, each pointing at the other */
	const struct zi_diag_entry *e = zt_diag_find(&f->d, "duplicate-key", 4);
	assert_non_null(e);
	assert_str(e->field, "nip");
	assert_non_null(strstr(e->message, "line 2"));
	e = zt_diag_find(&f->d, "duplicate-key", 2);
	assert_non_null(e);
	assert_non_null(strstr(e->message, "line 4"));
	assert_int_equal(zt_diag_count(&f->d, "duplicate-key"), 2);
	assert_int_equal(im.bad_rows, 2);
	zi_import_release(&im);
	zi_diag_release(&f->d);

	/* with --reject both are set aside and the rest goes on */
	zi_import_init(&im, f->staff);
	o.keep_rejected = 1;
	assert_int_equal(zi_import_read(&im, p, &o, &f->d), 0);
	zi_import_check_duplicates(&im, &f->d);
	assert_false(zi_import_failed(&im, &f->d));
	zi_import_compact(&im);
	assert_int_equal(im.rows.n, 2);
	assert_str(get(&im, 0, "name"), "Sari");
	assert_str(get(&im, 1, "name"), "Eka");
	assert_non_null(strstr(im.rejects.data, "Budi lagi"));
	zi_import_release(&im);
	free(p);
}

static void test_three_times_the_same_key(void **state)
{
	struct fixture *f = *state;
	char *p = file(f, "dup3.csv",
		       "nip,nama\n"
		       "198503152010011001,A\n"
		       "198503152010011001,B\n"
		       "198503152010011001,C\n");
	struct zi_import im;
	zi_import_init(&im, f->staff);
	struct zi_import_opts o = {0};
	assert_int_equal(zi_import_read(&im, p, &o, &f->d), 0);
	zi_import_check_duplicates(&im, &f->d);
	/* every row with the key fails, once each */
	assert_int_equal(im.bad_rows, 3);
	assert_non_null(zt_diag_find(&f->d, "duplicate-key", 2));
	assert_non_null(zt_diag_find(&f->d, "duplicate-key", 3));
	assert_non_null(zt_diag_find(&f->d, "duplicate-key", 4));
	zi_import_release(&im);
	free(p);
}

static void test_blank_trailing_rows(void **state)
{
	struct fixture *f = *state;
	char *p = file(f, "blank.csv",
		       "nip;nama;jabatan\r\n"
		       "198503152010011001;Budi;Kepala\r\n"
		       ";;\r\n"
		       " ; ;\r\n"
		       "\r\n"
		       ";;;;\r\n");
	struct zi_import im;
	zi_import_init(&im, f->staff);
	struct zi_import_opts o = {0};
	int rc = zi_import_read(&im, p, &o, &f->d);
	zt_diag_dump(&f->d);
	assert_int_equal(rc, 0);
	assert_int_equal(f->d.n, 0);
	assert_int_equal(im.rows.n, 1);
	assert_int_equal(im.blank_rows, 3);
	assert_int_equal(im.bad_rows, 0);
	zi_import_release(&im);
	free(p);
}

static void test_trailing_empty_cells(void **state)
{
	struct fixture *f = *state;
	/* spreadsheets add empty cells past the header: harmless */
	char *p = file(f, "wide.csv", "nip,nama\n198503152010011001,Budi,,\n");
	struct zi_import im;
	zi_import_init(&im, f->staff);
	struct zi_import_opts o = {0};
	assert_int_equal(zi_import_read(&im, p, &o, &f->d), 0);
	assert_int_equal(im.rows.n, 1);
	zi_import_release(&im);
	free(p);
}

static void test_header_problems(void **state)
{
	struct fixture *f = *state;
	char *p = file(f, "hdr.csv", "nama,jabatan\nBudi,Kepala\n");
	struct zi_import im;
	zi_import_init(&im, f->staff);
	struct zi_import_opts o = {0};
	assert_int_equal(zi_import_read(&im, p, &o, &f->d), ZI_EDATA);
	const struct zi_diag_entry *e = zt_diag_find(&f->d, "column-missing", 1);
	assert_non_null(e);
	assert_str(e->field, "nip");
	assert_int_equal(im.rows.n, 0);
	zi_import_release(&im);
	zi_diag_release(&f->d);
	free(p);

	p = file(f, "empty.csv", "");
	zi_import_init(&im, f->staff);
	assert_int_equal(zi_import_read(&im, p, &o, &f->d), ZI_EDATA);
	assert_non_null(zt_diag_find(&f->d, "empty-file", 0));
	zi_import_release(&im);
	zi_diag_release(&f->d);
	free(p);

	char *missing = zi_xasprintf("%s/missing.csv", f->dir);
	zi_import_init(&im, f->staff);
	assert_int_equal(zi_import_read(&im, missing, &o, &f->d), ZI_EIO);
	zi_import_release(&im);
	free(missing);
}

static void test_encoding_problems_fail(void **state)
{
	struct fixture *f = *state;
	char *p = file(f, "enc.csv", "nip,nama\n198503152010011001,Andr\xE9\n");
	struct zi_import im;
	zi_import_init(&im, f->staff);
	struct zi_import_opts o = {.csv = {.encoding = ZI_ENC_UTF8}};
	assert_int_equal(zi_import_read(&im, p, &o, &f->d), ZI_EDATA);
	assert_non_null(zt_diag_find(&f->d, "encoding-invalid", 2));
	zi_import_release(&im);
	zi_diag_release(&f->d);
	/* found automatically without --encoding */
	zi_import_init(&im, f->staff);
	struct zi_import_opts o2 = {0};
	assert_int_equal(zi_import_read(&im, p, &o2, &f->d), 0);
	assert_int_equal(im.csv.used_encoding, ZI_ENC_CP1252);
	assert_str(get(&im, 0, "name"), "Andr\xC3\xA9");
	zi_import_release(&im);
	free(p);
}

static void test_ignored_and_mapped_columns(void **state)
{
	struct fixture *f = *state;
	char *p = file(f, "units.csv",
		       "Kode,Nama Unit,Tahap,Nomor Urut Unit\n"
		       "dinkes,Dinas Kesehatan,penetapan,1\n");
	static const char *const ignore[] = {"stage", NULL};
	static const char *const map[] = {"Nomor Urut Unit", "short_name", NULL};
	struct zi_import im;
	zi_import_init(&im, f->units);
	struct zi_import_opts o = {.ignore = ignore, .map = map};
	assert_int_equal(zi_import_read(&im, p, &o, &f->d), 0);
	const struct zi_diag_entry *e = zt_diag_find(&f->d, "column-managed", 1);
	assert_non_null(e);
	assert_int_equal(e->severity, ZI_WARNING);
	assert_str(e->field, "stage");
	assert_false(im.present[ZI_U_STAGE]);
	assert_true(im.present[ZI_U_SHORT]);
	assert_str(get(&im, 0, "stage"), "");
	assert_str(get(&im, 0, "short_name"), "1");
	assert_str(get(&im, 0, "afirmasi"), "false"); /* absent booleans are false */
	zi_import_release(&im);
	free(p);
}

static void test_import_fail_later(void **state)
{
	struct fixture *f = *state;
	char *p = file(f, "u.csv", "id,name,parent\ndinkes,Dinkes,\nrsud,RSUD,nope\n");
	struct zi_import im;
	zi_import_init(&im, f->units);
	struct zi_import_opts o = {.keep_rejected = 1};
	assert_int_equal(zi_import_read(&im, p, &o, &f->d), 0);
	assert_int_equal(im.rows.n, 2);
	/* a reference check fails the second row: set aside with the reason */
	zi_import_fail(&im, 1, "parent", "parent-unknown", &f->d, "no unit '%s'", "nope");
	zi_import_fail(&im, 1, "parent", "parent-unknown", &f->d, "again");
	assert_int_equal(im.bad_rows, 1); /* counted once */
	const struct zi_diag_entry *e = zt_diag_find(&f->d, "parent-unknown", 3);
	assert_non_null(e);
	assert_int_equal(e->severity, ZI_WARNING);
	assert_non_null(strstr(im.rejects.data, "parent: no unit 'nope'"));
	zi_import_compact(&im);
	assert_int_equal(im.rows.n, 1);
	assert_str(get(&im, 0, "id"), "dinkes");
	zi_import_release(&im);
	zi_diag_release(&f->d);
	/* without --reject the same is an error */
	zi_import_init(&im, f->units);
	struct zi_import_opts o2 = {0};
	assert_int_equal(zi_import_read(&im, p, &o2, &f->d), 0);
	zi_import_fail(&im, 1, "parent", "parent-unknown", &f->d, "no unit");
	assert_true(zi_import_failed(&im, &f->d));
	assert_int_equal(f->d.errors, 1);
	zi_import_release(&im);
	free(p);
}

static void test_import_then_merge_is_idempotent(void **state)
{
	struct fixture *f = *state;
	char *p = file(f, "roster.csv",
		       "nip,nama,jabatan\n"
		       "198703222011012002,Sari,Analis\n"
		       "198503152010011001,Budi,Kepala\n");
	struct zi_table stored;
	zi_table_init(&stored, f->staff);
	/* someone already there, with an end date the file does not carry */
	const char *old[8] = {"198503152010011001", "Budi", "Staf",	  "III/a",
			      "pimpinan",	    "true", "2020-01-01", ""};
	zi_table_add(&stored, old, 2);
	const char *other[8] = {"199001012015031001", "Lama", "", "", "", "false", "",
				"2023-01-01"};
	zi_table_add(&stored, other, 3);
	unsigned long added[2], updated[2], unchanged[2];
	for (int round = 0; round < 2; round++) {
		struct zi_import im;
		zi_import_init(&im, f->staff);
		struct zi_import_opts o = {0};
		assert_int_equal(zi_import_read(&im, p, &o, &f->d), 0);
		zi_import_check_duplicates(&im, &f->d);
		assert_false(zi_import_failed(&im, &f->d));
		zi_import_compact(&im);
		struct zi_merge_counts c;
		assert_int_equal(zi_table_merge(&stored, &im.rows, im.present, p, &c, &f->d), 0);
		added[round] = c.added;
		updated[round] = c.updated;
		unchanged[round] = c.unchanged;
		zi_import_release(&im);
	}
	assert_int_equal(added[0], 1);
	assert_int_equal(updated[0], 1);
	assert_int_equal(unchanged[0], 0);
	assert_int_equal(added[1], 0);
	assert_int_equal(updated[1], 0);
	assert_int_equal(unchanged[1], 2);
	assert_int_equal(stored.n, 3);
	/* Budi: position from the file, everything else kept */
	const char *key[1] = {"198503152010011001"};
	long r = zi_table_find(&stored, key);
	assert_true(r >= 0);
	assert_str(zi_table_get(&stored, (size_t)r, ZI_S_POSITION), "Kepala");
	assert_str(zi_table_get(&stored, (size_t)r, ZI_S_GRADE), "III/a");
	assert_str(zi_table_get(&stored, (size_t)r, ZI_S_LHKPN), "true");
	assert_str(zi_table_get(&stored, (size_t)r, ZI_S_START), "2020-01-01");
	/* someone not in the file stays: the roster is history */
	key[0] = "199001012015031001";
	assert_true(zi_table_find(&stored, key) >= 0);
	zi_table_release(&stored);
	free(p);
}

static void test_read_map(void **state)
{
	struct fixture *f = *state;
	char *p = file(f, "map.csv", "column,field\n Nomor Pegawai ,nip\nNama Lengkap,name\n");
	char **pairs = NULL;
	assert_int_equal(zi_import_read_map(p, &pairs, &f->d), 0);
	assert_non_null(pairs);
	assert_str(pairs[0], "Nomor Pegawai");
	assert_str(pairs[1], "nip");
	assert_str(pairs[2], "Nama Lengkap");
	assert_str(pairs[3], "name");
	assert_null(pairs[4]);
	zi_import_free_map(pairs);
	free(p);
	p = file(f, "badmap.csv", "column,field\nonly one\n");
	pairs = NULL;
	assert_int_equal(zi_import_read_map(p, &pairs, &f->d), ZI_EDATA);
	assert_non_null(zt_diag_find(&f->d, "map-invalid", 2));
	zi_import_free_map(pairs);
	free(p);
	p = file(f, "emptymap.csv", "column,field\n");
	pairs = NULL;
	assert_int_equal(zi_import_read_map(p, &pairs, &f->d), 0);
	assert_non_null(pairs);
	assert_null(pairs[0]);
	zi_import_free_map(pairs);
	free(p);
}

/* Issue 10: title rows above the header, a header over two rows, columns not
 * imported named with their first values, --strict, defaults and a presence
 * (signature) column. */
static void test_header_found_below_titles(void **state)
{
	struct fixture *f = *state;
	char *p = file(f, "t.csv",
		       "DAFTAR PEGAWAI\n"
		       "\n"
		       "Dinas Kesehatan;;\n"
		       "NIP;Nama;;Ket\n"
		       "198503152010011001;Budi;2021-06-01;\n"
		       "198703222011012002;Sari;;x\n");
	struct zi_import im;
	zi_import_init(&im, f->staff);
	struct zi_import_opts o = {0};
	int rc = zi_import_read(&im, p, &o, &f->d);
	if (rc)
		zt_diag_dump(&f->d);
	assert_int_equal(rc, 0);
	assert_int_equal(im.header_line, 4);
	assert_int_equal(im.rows.n, 2);
	assert_str(get(&im, 1, "name"), "Sari");
	assert_non_null(zt_diag_find(&f->d, "header-found", 4));
	const struct zi_diag_entry *e = zt_diag_find(&f->d, "column-unnamed", 4);
	assert_non_null(e);
	assert_non_null(strstr(e->message, "column C"));
	assert_non_null(strstr(e->message, "'2021-06-01'"));
	e = zt_diag_find(&f->d, "column-unknown", 4);
	assert_non_null(e);
	assert_non_null(strstr(e->message, "column D 'Ket'"));
	assert_non_null(strstr(e->message, "'x'"));
	assert_int_equal(f->d.errors, 0);
	zi_import_release(&im);
	/* --strict: the same columns are errors */
	zi_diag_release(&f->d);
	zi_diag_init(&f->d);
	zi_import_init(&im, f->staff);
	o.strict = 1;
	assert_int_equal(zi_import_read(&im, p, &o, &f->d), ZI_EDATA);
	assert_int_equal(f->d.errors, 2);
	zi_import_release(&im);
	/* --header-row */
	zi_diag_release(&f->d);
	zi_diag_init(&f->d);
	zi_import_init(&im, f->staff);
	o.strict = 0;
	o.header_row = 4;
	assert_int_equal(zi_import_read(&im, p, &o, &f->d), 0);
	assert_null(zt_diag_find(&f->d, "header-found", 0));
	assert_int_equal(im.rows.n, 2);
	zi_import_release(&im);
	free(p);
}

static void test_header_over_two_rows(void **state)
{
	struct fixture *f = *state;
	char *p = file(f, "t.csv",
		       "NIP,Nama,Jabatan,\n"
		       ",,Nama Jabatan,TMT\n"
		       "198503152010011001,Budi,Kepala,1/6/2021\n");
	struct zi_import im;
	zi_import_init(&im, f->staff);
	struct zi_import_opts o = {0};
	int rc = zi_import_read(&im, p, &o, &f->d);
	if (rc)
		zt_diag_dump(&f->d);
	assert_int_equal(rc, 0);
	assert_int_equal(im.rows.n, 1);
	assert_str(get(&im, 0, "position"), "Kepala");
	assert_str(get(&im, 0, "start"), "2021-06-01");
	zi_import_release(&im);
	free(p);
}

static void test_defaults_and_presence(void **state)
{
	struct fixture *f = *state;
	struct zi_schema *sig = zi_schema_get("signatures", &f->d);
	assert_non_null(sig);
	char *p = file(f, "h.csv",
		       "No,NIP,Nama,TTD\n"
		       "1,198503152010011001,Budi,ttd\n"
		       "2,198703222011012002,Siti Aminah,\n"
		       "3,199001012015031003,Andi,v\n");
	struct zi_import im;
	zi_import_init(&im, sig);
	const char *defaults[] = {"date", "12/01/2026", NULL};
	const char *presence[] = {"Tanda Tangan", "TTD", NULL};
	struct zi_import_opts o = {.defaults = defaults, .presence = presence};
	int rc = zi_import_read(&im, p, &o, &f->d);
	if (rc)
		zt_diag_dump(&f->d);
	assert_int_equal(rc, 0);
	assert_int_equal(im.rows.n, 2);
	assert_int_equal(im.absent_rows, 1);
	assert_str(get(&im, 0, "date"), "2026-01-12");
	assert_str(get(&im, 1, "nip"), "199001012015031003");
	const struct zi_diag_entry *e = zt_diag_find(&f->d, "no-signature", 3);
	assert_non_null(e);
	assert_non_null(strstr(e->message, "198703222011012002 Siti Aminah"));
	/* the TTD column is no unknown column */
	assert_null(zt_diag_find(&f->d, "column-unknown", 0) &&
				    strstr(zt_diag_find(&f->d, "column-unknown", 0)->message, "TTD")
			    ? (void *)1
			    : NULL);
	zi_import_release(&im);
	zi_schema_free(sig);
	free(p);
}

/* The hooks a command adds to the common path: its header check, its check
 * of each row (a value rewritten, a heading left out, a bad row said and set
 * aside like any other), and short CSV rows padded. */
struct hook_ctx {
	int headers;
};

static int hook_header(void *ctx, struct zi_import *im, char **fields, size_t n, unsigned long line,
		       struct zi_diag *d)
{
	struct hook_ctx *h = ctx;
	h->headers++;
	if (!im->present[ZI_S_GRADE]) {
		zi_diag_error(d, im->file, line, "grade", "column-missing", "no grade");
		return 1;
	}
	return 0;
}

static int hook_row(void *ctx, unsigned long line, const char **vals, struct zi_buf *scratch,
		    struct zi_verr *err, const char **field)
{
	if (!strcmp(vals[ZI_S_NAME], "Heading"))
		return 1; /* a heading */
	if (!strcmp(vals[ZI_S_NAME], "Bad")) {
		*field = "name";
		err->code = "name-bad";
		snprintf(err->msg, sizeof(err->msg), "a bad name on %lu", line);
		return -1;
	}
	zi_buf_reset(scratch);
	zi_buf_printf(scratch, "%s!", vals[ZI_S_NAME]);
	vals[ZI_S_NAME] = scratch->data;
	return 0;
}

static void test_hooks(void **state)
{
	struct fixture *f = *state;
	char *p = file(f, "hooks.csv",
		       "nip,nama,golongan,jabatan\n"
		       "198503152010011001,Budi,III/a,Analis\n" /* 2 */
		       "198503152010011009,Heading,,\n" /* 3 */
		       "198703222011012002,Bad,III/a,Analis\n" /* 4 */
		       "198703222011012003,Sari,III/b\n"); /* 5 short */
	struct hook_ctx h = {0};
	struct zi_import im;
	zi_import_init(&im, f->staff);
	struct zi_import_opts o = {.keep_rejected = 1,
				   .header = hook_header,
				   .row = hook_row,
				   .ctx = &h};
	/* without pad_short, the short row is bad */
	assert_int_equal(zi_import_read(&im, p, &o, &f->d), 0);
	assert_int_equal(h.headers, 1);
	assert_int_equal(im.rows.n, 1);
	assert_int_equal(im.bad_rows, 2);
	assert_non_null(zt_diag_find(&f->d, "row-short", 5));
	zi_import_release(&im);
	zi_diag_release(&f->d);
	zi_diag_init(&f->d);
	o.pad_short = 1;
	zi_import_init(&im, f->staff);
	assert_int_equal(zi_import_read(&im, p, &o, &f->d), 0);
	assert_int_equal(im.rows.n, 2);
	assert_int_equal(im.bad_rows, 1);
	assert_int_equal(im.rows.lines[1], 5);
	assert_str(get(&im, 0, "name"), "Budi!");
	assert_str(get(&im, 1, "name"), "Sari!");
	assert_str(get(&im, 1, "position"), "");
	const struct zi_diag_entry *e = zt_diag_find(&f->d, "name-bad", 4);
	assert_non_null(e);
	assert_int_equal(e->severity, ZI_WARNING);
	assert_str(e->field, "name");
	assert_non_null(strstr(im.rejects.data, "Bad,III/a,Analis,name: a bad name on 4\n"));
	zi_import_release(&im);
	/* the header hook's error stops the read: no row is read */
	zi_diag_release(&f->d);
	zi_diag_init(&f->d);
	char *q = file(f, "nograde.csv", "nip,nama\n198503152010011001,Bad\n");
	o.keep_rejected = 0;
	zi_import_init(&im, f->staff);
	assert_int_equal(zi_import_read(&im, q, &o, &f->d), ZI_EDATA);
	assert_int_equal(im.rows.n, 0);
	assert_int_equal(f->d.errors, 1);
	assert_non_null(zt_diag_find(&f->d, "column-missing", 1));
	zi_import_release(&im);
	free(q);
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_good_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_bad_row_reported, setup, teardown),
		cmocka_unit_test_setup_teardown(test_required_value_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reject_keeps_good_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_keys_in_one_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_three_times_the_same_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_blank_trailing_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_trailing_empty_cells, setup, teardown),
		cmocka_unit_test_setup_teardown(test_header_problems, setup, teardown),
		cmocka_unit_test_setup_teardown(test_encoding_problems_fail, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ignored_and_mapped_columns, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_fail_later, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_then_merge_is_idempotent, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_read_map, setup, teardown),
		cmocka_unit_test_setup_teardown(test_header_found_below_titles, setup, teardown),
		cmocka_unit_test_setup_teardown(test_header_over_two_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_defaults_and_presence, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hooks, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

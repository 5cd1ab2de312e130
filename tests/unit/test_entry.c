/* Records entered one at a time: lib/entry (the date not after today), zi-sign add's record
 * (zi_sign_add), zi-declare add's (zi_declare_add), zi-sign coi's output
 * (zi_coi_render), the units a command works on (lib/pick), the map
 * file an option names (zi_cli_read_map_opt) and a date option that
 * defaults to today (zi_cli_date). Bad input: the error code
 * and the field it names, nothing written. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cli.h"
#include "declare.h"
#include "entry.h"
#include "units.h"
#include "records.h"
#include "sign.h"
#include "zitest.h"

#define NIP_A "198503122010011002" /* on dpkp's roster from 2020-01-01 */
#define NIP_B "199001012015032001" /* from 2021-03-01 */

/* A records directory: dpkp (a calon since 2022-01-03, two on its roster),
 * rsud, and lama (retired). */
static int setup(void **state)
{
	static const struct zt_file files[] = {
		{"units.csv",
		 ZT_UNITS_HEADER "dpkp,Dinas Perumahan,,,,,,calon,2022-01-03,,,,false\n"
				 "lama,Dinas Lama,,,,,,calon,2022-01-03,,,,true\n"
				 "rsud,RSUD Kota,,,,,,calon,2022-01-03,,,,false\n"},
		{"stages.csv",
		 ZT_STAGES_HEADER "dpkp,2022-01-03,calon,,,\nlama,2022-01-03,calon,,,\n"
				  "rsud,2022-01-03,calon,,,\n"},
		{"staff/dpkp.csv", ZT_STAFF_HEADER NIP_A
		 ",Budi Santoso,Kepala Dinas,IV/b,pimpinan,true,2020-01-01,\n" NIP_B
		 ",Siti Aminah,Analis,III/c,fungsional,false,2021-03-01,\n"},
	};
	*state = zt_fx_new(files, ZT_NFILES(files), 0);
	return 0;
}

static int teardown(void **state)
{
	zt_fx_free(*state);
	return 0;
}

/* The one error in d: its code and field (no file, line 0). */
static void one_error(const struct zi_diag *d, const char *code, const char *field)
{
	if (d->errors != 1 || d->n < 1)
		zt_diag_dump(d);
	assert_int_equal(d->errors, 1);
	const struct zi_diag_entry *e = zt_diag_find(d, code, 0);
	if (!e)
		zt_diag_dump(d);
	assert_non_null(e);
	assert_null(e->file);
	assert_int_equal(e->line, 0);
	if (field)
		assert_str(e->field, field);
	else
		assert_null(e->field);
}

static char *file_of(struct zt_fx *f, const char *rel)
{
	char *p = zi_xasprintf("%s/%s", f->dir, rel);
	char *text = zt_read(p, NULL);
	free(p);
	return text;
}

static void test_entry_date(void **state)
{
	(void)state;
	struct zi_diag d;
	zi_diag_init(&d);
	assert_int_equal(zi_entry_date_check("2026-11-22", "why", &d), 0);
	assert_int_equal(zi_entry_date_check("2020-01-01", "why", &d), 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(zi_entry_date_check("2026-11-23", "it had not happened", &d), ZI_EDATA);
	one_error(&d, "date-future", "date");
	assert_str(d.v[0].message, "2026-11-23 is after today (2026-11-22): it had not happened");
	zi_diag_release(&d);
	zi_diag_init(&d);
	assert_int_equal(zi_sign_date_check("2027-01-01", &d), ZI_EDATA);
	assert_str(d.v[0].message, "2027-01-01 is after today (2026-11-22): a document is "
				   "recorded once it is signed");
	zi_diag_release(&d);
}

static void test_sign_add(void **state)
{
	struct zt_fx *f = *state;
	struct zi_sign_entry e = {.unit = "dpkp",
				  .doc = "Pakta Integritas",
				  .date = "2026-01-05",
				  .nip = "1985 0312 2010 01 1 002",
				  .name = "budi",
				  .witness = "Sekda",
				  .conflict = NULL};
	assert_int_equal(zi_sign_add(&f->st, &e, 0, &f->d), 0);
	assert_int_equal(f->d.n, 0);
	assert_str(e.doc_id, "pakta");
	assert_str(e.nip_id, NIP_A);
	/* the roster's name and position, whatever was typed */
	assert_str(e.signer.data, "Budi Santoso");
	assert_int_equal(e.what, ZI_SIGN_ADDED);
	zi_sign_entry_release(&e);
	assert_int_equal(zi_store_commit(&f->st, "t", &f->d), 0);
	char *text = file_of(f, "signatures/dpkp.csv");
	assert_str(text, ZT_SIGNATURES_HEADER NIP_A
		   ",pakta,2026-01-05,Budi Santoso,Kepala Dinas,staff,Sekda,,,\n");
	free(text);
	/* the same again: unchanged; a coi with a conflict: added */
	assert_int_equal(zi_sign_add(&f->st, &e, 0, &f->d), 0);
	assert_int_equal(e.what, ZI_SIGN_UNCHANGED);
	zi_sign_entry_release(&e);
	struct zi_sign_entry c = {.unit = "dpkp",
				  .doc = "coi",
				  .date = "2026-01-06",
				  .nip = NIP_B,
				  .conflict = "ya"};
	assert_int_equal(zi_sign_add(&f->st, &c, 0, &f->d), 0);
	assert_int_equal(c.what, ZI_SIGN_ADDED);
	zi_sign_entry_release(&c);
	assert_int_equal(zi_store_commit(&f->st, "t", &f->d), 0);
	/* someone outside the roster: the name as given, no NIP */
	struct zi_sign_entry x = {.unit = "dpkp",
				  .doc = "pakta",
				  .date = "2026-01-05",
				  .name = "Wali Kota",
				  .external = 1};
	assert_int_equal(zi_sign_add(&f->st, &x, 0, &f->d), 0);
	assert_str(x.nip_id, "");
	assert_str(x.signer.data, "Wali Kota");
	zi_sign_entry_release(&x);
	assert_int_equal(zi_store_commit(&f->st, "t", &f->d), 0);
	text = file_of(f, "signatures/dpkp.csv");
	assert_non_null(strstr(text, "\n,pakta,2026-01-05,Wali Kota,,external,,,,\n"));
	assert_non_null(strstr(text, NIP_B ",coi,2026-01-06,Siti Aminah,Analis,staff,,,,true\n"));
	free(text);
	assert_int_equal(f->d.n, 0);
}

/* One bad entry: its error code and field, and signatures/UNIT.csv not
 * written. */
static void sign_bad(struct zt_fx *f, struct zi_sign_entry e, int rc, const char *code,
		     const char *field)
{
	zi_diag_release(&f->d);
	zi_diag_init(&f->d);
	assert_int_equal(zi_sign_add(&f->st, &e, 0, &f->d), rc);
	zi_sign_entry_release(&e);
	one_error(&f->d, code, field);
	assert_int_equal(zi_store_commit(&f->st, "t", &f->d), 0);
	char *p = zi_xasprintf("%s/signatures/%s.csv", f->dir, e.unit);
	assert_false(zt_exists(p));
	free(p);
}

static void test_sign_add_bad(void **state)
{
	struct zt_fx *f = *state;
	const struct zi_sign_entry ok = {.unit = "dpkp",
					 .doc = "pakta",
					 .date = "2026-01-05",
					 .nip = NIP_A};
	struct zi_sign_entry e = ok;
	e.doc = "pakx";
	sign_bad(f, e, ZI_EDATA, "doc-unknown", "doc");
	e = ok;
	e.doc = "coi";
	e.conflict = "perhaps";
	sign_bad(f, e, ZI_EDATA, "bool-invalid", "conflict");
	e = ok;
	e.nip = "1985";
	sign_bad(f, e, ZI_EDATA, "nip-length", "nip");
	e = ok;
	e.date = "2026-11-23";
	sign_bad(f, e, ZI_EDATA, "date-future", "date");
	e = ok;
	e.unit = "nope";
	sign_bad(f, e, ZI_EDATA, "unit-unknown", NULL);
	e = ok;
	e.unit = "lama";
	sign_bad(f, e, ZI_EDATA, "unit-retired", NULL);
	e = ok;
	e.nip = "199901012020011001";
	sign_bad(f, e, ZI_EDATA, "nip-not-on-roster", "nip");
	e = ok;
	e.nip = NIP_B;
	e.date = "2021-01-05";
	sign_bad(f, e, ZI_EDATA, "date-before-start", "nip");
	/* evidence that cannot be read: the error names the file */
	e = ok;
	e.evidence = "/nonexistent/scan.pdf";
	zi_diag_release(&f->d);
	zi_diag_init(&f->d);
	assert_true(zi_sign_add(&f->st, &e, 0, &f->d) < 0);
	zi_sign_entry_release(&e);
	assert_int_equal(f->d.errors, 1);
	assert_non_null(f->d.v[0].file);
	assert_non_null(strstr(f->d.v[0].file, "scan.pdf"));
}

static void test_coi_render(void **state)
{
	(void)state;
	struct zi_coi_unit per[2] = {{"dpkp", {3, 1, 1}, ZI_COI_ALL},
				     {"rsud", {0, 0, 0}, ZI_COI_NONE}};
	struct zi_coi_counts total = {3, 1, 1};
	struct zi_buf b;
	zi_buf_init(&b);
	zi_coi_render(&b, per, 2, &total, "2026-11-22", "Kota", "text");
	assert_str(b.data, "unit  owed  declared  percent  conflicts\n"
			   "dpkp  3     1         33.33    1\n"
			   "rsud  0     0         -        0\n"
			   "instansi on 2026-11-22: must declare 3, declared 1, actual conflicts "
			   "declared 1\n");
	zi_buf_reset(&b);
	zi_coi_render(&b, per, 2, &total, "2026-11-22", "Kota", "csv");
	/* nobody owes: no percent, never 100 */
	assert_str(b.data, "unit,owed,declared,percent,conflicts\n"
			   "dpkp,3,1,33.33,1\nrsud,0,0,,0\n,3,1,33.33,1\n");
	zi_buf_reset(&b);
	zi_coi_render(&b, per, 2, &total, "2026-11-22", NULL, "json");
	json_error_t je;
	json_t *o = json_loads(b.data, 0, &je);
	assert_non_null(o);
	assert_str(json_string_value(json_object_get(o, "instansi")), "");
	assert_int_equal(json_integer_value(json_object_get(o, "owed")), 3);
	json_t *u = json_array_get(json_object_get(o, "units"), 1);
	assert_str(json_string_value(json_object_get(u, "owed_by")), "none");
	json_decref(o);
	/* no unit: the totals alone */
	struct zi_coi_counts none = {0};
	zi_buf_reset(&b);
	zi_coi_render(&b, NULL, 0, &none, "2026-11-22", "Kota", "csv");
	assert_str(b.data, "unit,owed,declared,percent,conflicts\n,0,0,,0\n");
	zi_buf_release(&b);
}

static void test_declare_add(void **state)
{
	struct zt_fx *f = *state;
	const char *w[] = {"Wali Kota", "Sekda; Inspektur"};
	struct zi_declare_entry e = {.unit = "dpkp",
				     .date = "2022-07-25",
				     .venue = " Aula ",
				     .witnesses = w,
				     .nwitnesses = 2};
	assert_int_equal(zi_declare_add(&f->st, &e, 0, &f->d), 0);
	assert_int_equal(f->d.n, 0);
	assert_str(e.id, "dpkp-2022-07-25");
	assert_false(e.redeclaration);
	/* the first declaration: the unit is at pencanangan */
	assert_true(e.moved);
	assert_true(e.at_pencanangan);
	assert_str(e.first_date, "2022-07-25");
	zi_declare_entry_release(&e);
	assert_int_equal(zi_store_commit(&f->st, "t", &f->d), 0);
	char *text = file_of(f, "declarations.csv");
	assert_str(text, "id,unit,date,venue,head,witnesses,basis,note,redeclaration\n"
			 "dpkp-2022-07-25,dpkp,2022-07-25,Aula,,Wali Kota | Sekda | Inspektur,,,"
			 "false\n");
	free(text);
	text = file_of(f, "stages.csv");
	assert_non_null(strstr(text, "dpkp,2022-07-25,pencanangan,dpkp-2022-07-25,"));
	free(text);
	/* the same day again: the next id, a re-declaration, no move */
	struct zi_declare_entry again = {.unit = "dpkp", .date = "2022-07-25"};
	assert_int_equal(zi_declare_add(&f->st, &again, 0, &f->d), 0);
	assert_str(again.id, "dpkp-2022-07-25-2");
	assert_true(again.redeclaration);
	assert_false(again.moved);
	zi_declare_entry_release(&again);
	/* before the registration: it moves back */
	struct zi_declare_entry early = {.unit = "rsud", .date = "2021-05-03"};
	assert_int_equal(zi_declare_add(&f->st, &early, 0, &f->d), 0);
	assert_true(early.moved);
	assert_str(early.mv.from, "2022-01-03");
	assert_str(early.mv.to, "2021-05-03");
	zi_declare_entry_release(&early);
	assert_int_equal(f->d.n, 0);
}

static void declare_bad(struct zt_fx *f, struct zi_declare_entry e, const char *code,
			const char *field)
{
	zi_diag_release(&f->d);
	zi_diag_init(&f->d);
	assert_int_equal(zi_declare_add(&f->st, &e, 0, &f->d), ZI_EDATA);
	zi_declare_entry_release(&e);
	one_error(&f->d, code, field);
	assert_int_equal(zi_store_commit(&f->st, "t", &f->d), 0);
	char *p = zi_xasprintf("%s/declarations.csv", f->dir);
	assert_false(zt_exists(p));
	free(p);
}

static void test_declare_add_bad(void **state)
{
	struct zt_fx *f = *state;
	declare_bad(f, (struct zi_declare_entry){.unit = "dpkp", .date = "2026-11-23"},
		    "date-future", "date");
	declare_bad(f, (struct zi_declare_entry){.unit = "nope", .date = "2022-07-25"},
		    "unit-unknown", NULL);
	declare_bad(f, (struct zi_declare_entry){.unit = "lama", .date = "2022-07-25"},
		    "unit-retired", NULL);
}

static void test_pick(void **state)
{
	struct zt_fx *f = *state;
	struct zi_table units;
	assert_int_equal(zi_records_load(&f->st, "units", NULL, &units, &f->d), 0);
	const char *ids[4];
	size_t n;
	assert_int_equal(zi_units_pick(&units, NULL, ids, &n, &f->d), 0);
	assert_int_equal(n, 2);
	assert_str(ids[0], "dpkp");
	assert_str(ids[1], "rsud");
	/* one named: retired or not */
	assert_int_equal(zi_units_pick(&units, "lama", ids, &n, &f->d), 0);
	assert_int_equal(n, 1);
	assert_str(ids[0], "lama");
	assert_int_equal(f->d.n, 0);
	assert_int_equal(zi_units_pick(&units, "nope", ids, &n, &f->d), ZI_EDATA);
	assert_int_equal(n, 0);
	one_error(&f->d, "unit-unknown", NULL);
	zi_diag_release(&f->d);
	zi_diag_init(&f->d);
	assert_int_equal(zi_units_pick(&units, "Not A Slug", ids, &n, &f->d), ZI_EUSAGE);
	assert_int_equal(f->d.errors, 1);
	zi_table_release(&units);
}

static void test_read_map_opt(void **state)
{
	struct zt_fx *f = *state;
	char *path = zi_xasprintf("%s/map.csv", f->dir);
	zt_writes(path, "name,unit\nDINAS PERUMAHAN,dpkp\n");
	struct zi_opt opt = {"unit-map", 0, ZI_VALUE, "FILE", ""};
	struct zi_cli_value v = {&opt, path};
	struct zi_cli cli = {.vals = &v, .nvals = 1};
	zi_diag_init(&cli.diag);
	char **map;
	assert_int_equal(zi_cli_read_map_opt(&cli, "unit-map", &map), 0);
	assert_non_null(map);
	assert_str(map[0], "DINAS PERUMAHAN");
	assert_str(map[1], "dpkp");
	assert_null(map[2]);
	zi_import_free_map(map);
	/* not given: no map, no error */
	assert_int_equal(zi_cli_read_map_opt(&cli, "map", &map), 0);
	assert_null(map);
	/* missing: an error naming the file, no map */
	v.value = "/nonexistent/map.csv";
	assert_true(zi_cli_read_map_opt(&cli, "unit-map", &map) < 0);
	assert_null(map);
	assert_int_equal(cli.diag.errors, 1);
	assert_str(cli.diag.v[0].file, "/nonexistent/map.csv");
	zi_diag_release(&cli.diag);
	free(path);
}

/* --as-of, --date of a recording: today when not given */
static void test_cli_date_today(void **state)
{
	(void)state;
	struct zi_opt opt = {"as-of", 0, ZI_VALUE, "DATE", ""};
	struct zi_cli_value v = {&opt, "25/07/2022"};
	struct zi_cli cli = {.prog = "zi-test", .vals = &v, .nvals = 0};
	zi_diag_init(&cli.diag);
	char out[11];
	assert_int_equal(zi_cli_date(&cli, "as-of", out, ZI_CLI_TODAY), 0);
	assert_str(out, "2026-11-22");
	assert_int_equal(zi_cli_date(&cli, "as-of", out, 0), 0);
	assert_str(out, "");
	assert_int_equal(zi_cli_date(&cli, "as-of", out, 1), ZI_EUSAGE);
	cli.nvals = 1;
	assert_int_equal(zi_cli_date(&cli, "as-of", out, ZI_CLI_TODAY), 0);
	assert_str(out, "2022-07-25");
	v.value = "31/02/2022";
	assert_int_equal(zi_cli_date(&cli, "as-of", out, ZI_CLI_TODAY), ZI_EUSAGE);
	zi_diag_release(&cli.diag);
}

int main(void)
{
	setenv("ZI_TODAY", "2026-11-22", 1);
	setenv("LC_ALL", "C", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_entry_date),
		cmocka_unit_test(test_coi_render),
		cmocka_unit_test(test_cli_date_today),
		cmocka_unit_test_setup_teardown(test_sign_add, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sign_add_bad, setup, teardown),
		cmocka_unit_test_setup_teardown(test_declare_add, setup, teardown),
		cmocka_unit_test_setup_teardown(test_declare_add_bad, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pick, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_map_opt, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

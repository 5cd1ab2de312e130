/* lib/unit_edit: zi-unit's one-at-a-time changes on a small records
 * directory: a new unit (a duplicate on its line, a bad value, its own
 * parent), FIELD=VALUE arguments, setting fields (every bad value, nothing
 * pending), a stage change (unknown, retired, without history, at the end
 * of the history and before it), retiring, a year's facts (a new row, the
 * follow-up above the findings), instansi set's arguments and a new records
 * directory; and lib/units' selection, lib/stages' as-of table and history
 * up to a date, which zi-unit list and show print; units.csv and
 * stages.csv loaded, and what a file that does not load says. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "records.h"
#include "unit_edit.h"
#include "units.h"
#include "zitest.h"

static const struct zt_file files[] = {
	{"units.csv",
	 ZT_UNITS_HEADER "dkk,Dinas B,,,dinas,WBK,false,pencanangan,2026-02-01,,,,false\n"
			 "leg,Dinas L,,,dinas,WBK,false,pembangunan,2026-01-01,,,,false\n"
			 "old,Dinas C,,,dinas,WBK,false,calon,2026-01-01,,,,true\n"},
	{"stages.csv", ZT_STAGES_HEADER "dkk,2026-01-01,calon,,,\n"
					"dkk,2026-02-01,pencanangan,SK 1,,\n"
					"old,2026-01-01,calon,,,\n"},
};

static int setup(void **state)
{
	*state = zt_fx_new(files, ZT_NFILES(files), 1);
	return 0;
}

static int teardown(void **state)
{
	zt_fx_free(*state);
	return 0;
}

/* The file rel of the records directory, after the pending change is in. */
static char *committed(struct zt_fx *f, const char *rel)
{
	assert_int_equal(zi_store_commit(&f->st, "test", &f->d), 0);
	char *p = zi_xasprintf("%s/%s", f->dir, rel);
	char *text = zt_read(p, NULL);
	free(p);
	assert_non_null(text);
	return text;
}

/* The one error: its code, field and a piece of its message. */
static void one_error(struct zt_fx *f, const char *code, const char *field, const char *says)
{
	if (f->d.errors != 1)
		zt_diag_dump(&f->d);
	assert_int_equal(f->d.errors, 1);
	assert_str(f->d.v[0].code, code);
	if (field)
		assert_str(f->d.v[0].field, field);
	else
		assert_null(f->d.v[0].field);
	assert_non_null(strstr(f->d.v[0].message, says));
	assert_int_equal(f->st.npending, 0);
}

static void test_value(void **state)
{
	struct zt_fx *f = *state;
	struct zi_schema *s = zi_schema_get("units", &f->d);
	struct zi_buf b;
	zi_buf_init(&b);
	assert_int_equal(zi_edit_value(s, ZI_U_NAME, "  Dinas X  ", &b, &f->d), 0);
	assert_str(b.data, "Dinas X");
	assert_int_equal(zi_edit_value(s, ZI_U_SHORT, NULL, &b, &f->d), 0);
	assert_str(b.data, ""); /* none typed: an empty string, never NULL */
	assert_int_equal(zi_edit_value(s, ZI_U_KIND, "sekolah", &b, &f->d), ZI_EDATA);
	one_error(f, "enum-invalid", "kind", "'sekolah' is not one of");
	zi_buf_release(&b);
	zi_schema_free(s);
}

static void test_add(void **state)
{
	struct zt_fx *f = *state;
	struct zi_unit_new u = {.id = "pkm",
				.name = " Puskesmas 1 ",
				.parent = "dkk",
				.kind = "Puskesmas",
				.afirmasi = 1,
				.date = "2026-03-01",
				.note = " new "};
	struct zi_buf name;
	zi_buf_init(&name);
	assert_int_equal(zi_unit_add(&f->st, &u, &name, &f->d), 0);
	assert_str(name.data, "Puskesmas 1");
	assert_int_equal(f->st.npending, 2);
	char *units = committed(f, "units.csv");
	assert_non_null(strstr(units, "\npkm,Puskesmas 1,,dkk,puskesmas,,true,calon,2026-03-01,"
				      ",,,false\n"));
	char *p = zi_xasprintf("%s/stages.csv", f->dir);
	char *stages = zt_read(p, NULL);
	assert_non_null(strstr(stages, "\npkm,2026-03-01,calon,,new,\n"));
	free(p);
	free(stages);
	free(units);
	zi_buf_release(&name);
}

static void test_add_faults(void **state)
{
	struct zt_fx *f = *state;
	struct zi_buf name;
	zi_buf_init(&name);
	/* a unit already there: on its line of units.csv */
	struct zi_unit_new u = {.id = "leg", .name = "Again", .date = "2026-03-01"};
	assert_int_equal(zi_unit_add(&f->st, &u, &name, &f->d), ZI_EDATA);
	one_error(f, "duplicate-key", "id", "unit 'leg' exists already");
	assert_int_equal(f->d.v[0].line, 3);
	assert_non_null(strstr(f->d.v[0].file, "units.csv"));
	/* the first bad value only: kind before target */
	zi_diag_release(&f->d);
	struct zi_unit_new b = {.id = "pkm",
				.name = "P",
				.kind = "sekolah",
				.target = "WBX",
				.date = "2026-03-01"};
	assert_int_equal(zi_unit_add(&f->st, &b, &name, &f->d), ZI_EDATA);
	one_error(f, "enum-invalid", "kind", "sekolah");
	/* its own parent */
	zi_diag_release(&f->d);
	struct zi_unit_new p = {.id = "pkm", .name = "P", .parent = "pkm", .date = "2026-03-01"};
	assert_int_equal(zi_unit_add(&f->st, &p, &name, &f->d), ZI_EDATA);
	one_error(f, "parent-self", "parent", "its own parent");
	/* a registration after the changes an orphan stage row already has */
	zi_diag_release(&f->d);
	zt_put(f->dir, "stages.csv", ZT_STAGES_HEADER "pkm,2026-01-01,pencanangan,,,\n");
	struct zi_unit_new late = {.id = "pkm", .name = "P", .date = "2026-03-01"};
	assert_int_equal(zi_unit_add(&f->st, &late, &name, &f->d), ZI_EDATA);
	assert_int_equal(f->d.errors, 1);
	assert_str(f->d.v[0].field, "date");
	zi_buf_release(&name);
}

static void test_set_check(void **state)
{
	(void)state;
	struct zi_buf why;
	zi_buf_init(&why);
	const char *ok[] = {"name=X", "short_name=", "afirmasi=true"};
	assert_int_equal(zi_unit_set_check(ok, 3, &why), 0);
	assert_int_equal(why.len, 0);
	const char *noeq[] = {"name=X", "kind"};
	assert_int_equal(zi_unit_set_check(noeq, 2, &why), ZI_EUSAGE);
	assert_str(why.data, "'kind': FIELD=VALUE expected");
	zi_buf_reset(&why);
	const char *stage[] = {"stage=penetapan"};
	assert_int_equal(zi_unit_set_check(stage, 1, &why), ZI_EUSAGE);
	assert_non_null(strstr(why.data, "'stage' cannot be set: fields are name,"));
	zi_buf_reset(&why);
	const char *prefix[] = {"nam=X"}; /* a prefix of a field is no field */
	assert_int_equal(zi_unit_set_check(prefix, 1, &why), ZI_EUSAGE);
	zi_buf_release(&why);
}

static void test_set(void **state)
{
	struct zt_fx *f = *state;
	struct zi_edit e;
	zi_edit_init(&e);
	const char *same[] = {"name=Dinas B"};
	assert_int_equal(zi_unit_set(&f->st, "dkk", same, 1, &e, &f->d), 0);
	assert_int_equal(e.changed, 0);
	assert_int_equal(f->st.npending, 0);
	const char *args[] = {"name= Dinas Baru ", "parent=leg", "kind=Badan"};
	assert_int_equal(zi_unit_set(&f->st, "dkk", args, 3, &e, &f->d), 0);
	assert_int_equal(e.changed, 1);
	assert_str(e.what.data,
		   "name 'Dinas B' -> 'Dinas Baru', parent '' -> 'leg', kind 'dinas' -> 'badan'");
	char *units = committed(f, "units.csv");
	assert_non_null(strstr(units, "\ndkk,Dinas Baru,,leg,badan,"));
	free(units);
	zi_edit_release(&e);
}

static void test_set_faults(void **state)
{
	struct zt_fx *f = *state;
	struct zi_edit e;
	zi_edit_init(&e);
	/* every bad value is reported; nothing pending */
	const char *args[] = {"kind=sekolah", "name=Good", "target=WBX"};
	assert_int_equal(zi_unit_set(&f->st, "dkk", args, 3, &e, &f->d), ZI_EDATA);
	assert_int_equal(f->d.errors, 2);
	assert_str(f->d.v[0].field, "kind");
	assert_str(f->d.v[1].field, "target");
	assert_int_equal(f->st.npending, 0);
	/* a parent below the unit: a circle, checked against the new values */
	zi_diag_release(&f->d);
	const char *up[] = {"parent=dkk"};
	if (zi_unit_set(&f->st, "leg", up, 1, &e, &f->d))
		zt_diag_dump(&f->d);
	assert_int_equal(f->d.errors, 0);
	assert_int_equal(zi_store_commit(&f->st, "t", &f->d), 0);
	const char *circle[] = {"parent=leg"};
	assert_int_equal(zi_unit_set(&f->st, "dkk", circle, 1, &e, &f->d), ZI_EDATA);
	assert_non_null(zt_diag_find(&f->d, "parent-cycle", 0));
	zi_diag_release(&f->d);
	assert_int_equal(zi_unit_set(&f->st, "nope", up, 1, &e, &f->d), ZI_EDATA);
	assert_non_null(zt_diag_find(&f->d, "unit-unknown", 0));
	zi_edit_release(&e);
}

static int stage(struct zt_fx *f, const char *unit, const char *date, int to, const char *pred,
		 struct zi_stage_done *done)
{
	struct zi_stage_change c = {.unit = unit,
				    .date = date,
				    .stage = to,
				    .predicate = pred,
				    .ref = " SK 2 ",
				    .note = NULL};
	return zi_unit_stage(&f->st, &c, done, &f->d);
}

static void test_stage(void **state)
{
	struct zt_fx *f = *state;
	struct zi_stage_done done;
	assert_int_equal(stage(f, "dkk", "2026-03-01", ZI_STAGE_PEMBANGUNAN, "", &done), 0);
	assert_str(done.from, "pencanangan");
	assert_str(done.now, "pembangunan");
	assert_int_equal(done.last, 1);
	assert_str(done.moved.to, "");
	assert_int_equal(f->st.npending, 2);
	char *stages = committed(f, "stages.csv");
	assert_non_null(strstr(stages, "\ndkk,2026-03-01,pembangunan,SK 2,,\n"));
	free(stages);
	/* a change before the registration moves it back */
	assert_int_equal(stage(f, "dkk", "2025-12-01", ZI_STAGE_CALON, "", &done), 0);
	assert_int_equal(done.last, 0);
	assert_str(done.now, "pembangunan");
	assert_int_equal(zi_store_commit(&f->st, "t", &f->d), 0);
}

static void test_stage_faults(void **state)
{
	struct zt_fx *f = *state;
	struct zi_stage_done done;
	assert_int_equal(stage(f, "nope", "2026-03-01", ZI_STAGE_PEMBANGUNAN, "", &done), ZI_EDATA);
	one_error(f, "unit-unknown", NULL, "no unit 'nope'");
	zi_diag_release(&f->d);
	assert_int_equal(stage(f, "old", "2026-03-01", ZI_STAGE_PENCANANGAN, "", &done), ZI_EDATA);
	one_error(f, "unit-retired", NULL, "unit 'old' is retired");
	zi_diag_release(&f->d);
	assert_int_equal(stage(f, "leg", "2026-03-01", ZI_STAGE_PENILAIAN_TPI, "", &done), ZI_EDATA);
	one_error(f, "history-missing", NULL, "unit leg has no stage history");
	/* at the end of the history: the rule alone, on the stage */
	zi_diag_release(&f->d);
	assert_int_equal(stage(f, "dkk", "2026-03-01", ZI_STAGE_PENGUSULAN, "", &done), ZI_EDATA);
	one_error(f, "stage-invalid", "stage", "stages move forward one at a time");
	/* before a later change: the history would break, on the date */
	zi_diag_release(&f->d);
	assert_int_equal(stage(f, "dkk", "2026-01-15", ZI_STAGE_PEMBANGUNAN, "", &done), ZI_EDATA);
	one_error(f, "stage-invalid", "date",
		  "the stage history would not be a valid sequence: pembangunan on 2026-01-15 "
		  "after calon on 2026-01-01");
	/* a predicate before penetapan */
	zi_diag_release(&f->d);
	assert_int_equal(stage(f, "dkk", "2026-03-01", ZI_STAGE_PEMBANGUNAN, "WBK", &done),
			 ZI_EDATA);
	one_error(f, "stage-invalid", "stage", "a predicate is given only at penetapan");
}

static void test_retire(void **state)
{
	struct zt_fx *f = *state;
	struct zi_edit e;
	struct zi_buf name;
	zi_edit_init(&e);
	zi_buf_init(&name);
	assert_int_equal(zi_unit_retire(&f->st, "old", &e, &name, &f->d), 0);
	assert_int_equal(e.changed, 0); /* retired already */
	assert_int_equal(f->st.npending, 0);
	assert_int_equal(zi_unit_retire(&f->st, "dkk", &e, &name, &f->d), 0);
	assert_int_equal(e.changed, 1);
	assert_str(name.data, "Dinas B");
	char *units = committed(f, "units.csv");
	assert_non_null(strstr(units, "\ndkk,Dinas B,,,dinas,WBK,false,pencanangan,2026-02-01,,,,"
				      "true\n"));
	free(units);
	assert_int_equal(zi_unit_retire(&f->st, "nope", &e, &name, &f->d), ZI_EDATA);
	assert_non_null(zt_diag_find(&f->d, "unit-unknown", 0));
	zi_buf_release(&name);
	zi_edit_release(&e);
}

static void test_facts(void **state)
{
	struct zt_fx *f = *state;
	struct zi_schema *s = zi_schema_get("unit-years", &f->d);
	struct zi_buf why;
	zi_buf_init(&why);
	const char *ok[] = {"findings=10", "followed_up=4", "sakip=BB"};
	assert_int_equal(zi_facts_assign_check(s, ok, 3, &why), 0);
	const char *key[] = {"unit=x"};
	assert_int_equal(zi_facts_assign_check(s, key, 1, &why), ZI_EUSAGE);
	assert_str(why.data, "'unit' cannot be set: fields are sakip, sakip_ref, findings, "
			     "followed_up, tlhp_ref, note");
	zi_buf_reset(&why);
	const char *noeq[] = {"findings"};
	assert_int_equal(zi_facts_assign_check(s, noeq, 1, &why), ZI_EUSAGE);
	assert_str(why.data, "'findings': FIELD=VALUE expected");

	struct zi_edit e;
	zi_edit_init(&e);
	const char *k[] = {"dkk", "2026"};
	assert_int_equal(zi_facts_set(&f->st, s, "unit-years.csv", k, ok, 3, &e, &f->d), 0);
	assert_int_equal(e.added, 1);
	assert_str(e.what.data, "findings '' -> '10', followed_up '' -> '4', sakip '' -> 'BB'");
	char *text = committed(f, "unit-years.csv");
	assert_non_null(strstr(text, "\ndkk,2026,BB,,10,4,,\n"));
	free(text);
	/* followed up above the findings; every bad value first */
	zi_edit_release(&e);
	zi_edit_init(&e);
	const char *above[] = {"followed_up=11"};
	assert_int_equal(zi_facts_set(&f->st, s, "unit-years.csv", k, above, 1, &e, &f->d),
			 ZI_EDATA);
	one_error(f, "tlhp-above-findings", "followed_up",
		  "11 findings followed up, more than "
		  "the 10 findings");
	assert_int_equal(e.added, 0);
	zi_diag_release(&f->d);
	const char *bad[] = {"findings=-1", "sakip=Z"};
	assert_int_equal(zi_facts_set(&f->st, s, "unit-years.csv", k, bad, 2, &e, &f->d), ZI_EDATA);
	assert_int_equal(f->d.errors, 2);
	assert_int_equal(f->st.npending, 0);
	zi_edit_release(&e);
	zi_buf_release(&why);
	zi_schema_free(s);
}

static void test_manifest_check(void **state)
{
	struct zt_fx *f = *state;
	struct zi_buf why;
	zi_buf_init(&why);
	const char *ok[] = {"kind=kl", "name=X", "code=1", "coi=all", "coi.dkk=none"};
	assert_int_equal(zi_manifest_assign_check(ok, 5, &why, &f->d), 0);
	const char *other[] = {"kindx=1"};
	assert_int_equal(zi_manifest_assign_check(other, 1, &why, &f->d), ZI_EUSAGE);
	assert_non_null(strstr(why.data, "'kindx' cannot be set without --year"));
	zi_buf_reset(&why);
	const char *badunit[] = {"coi.A/B=all"};
	assert_int_equal(zi_manifest_assign_check(badunit, 1, &why, &f->d), ZI_EUSAGE);
	assert_int_equal(why.len, 0); /* the id's own diagnostic says it */
	assert_non_null(zt_diag_find(&f->d, "id-not-slug", 0));
	zi_buf_release(&why);
}

static void test_instansi_create(void **state)
{
	struct zt_fx *f = *state;
	int created;
	char *inner = zi_xasprintf("%s/sub", f->dir);
	assert_int_equal(zi_instansi_create(inner, "N", "C", "en", NULL, 0, 0, &created, &f->d),
			 ZI_EDATA);
	one_error(f, "inside-records", NULL, "inside the records directory");
	assert_int_equal(created, 0);
	zi_diag_release(&f->d);
	char *fresh = zi_xasprintf("%s/fresh", f->top);
	assert_int_equal(zi_instansi_create(fresh, "N", "C", "id", "kl", 0, 1, &created, &f->d), 0);
	assert_int_equal(created, 1);
	char *m = zi_xasprintf("%s/zi.json", fresh);
	assert_false(zt_exists(m)); /* a dry run writes nothing */
	assert_int_equal(zi_instansi_create(fresh, "N", "C", "id", "kl", 0, 0, &created, &f->d), 0);
	char *json = zt_read(m, NULL);
	assert_non_null(strstr(json, "\"kind\": \"kl\""));
	free(json);
	assert_int_equal(zi_instansi_create(fresh, "N", "C", "id", NULL, 0, 1, &created, &f->d),
			 ZI_EDATA);
	assert_non_null(zt_diag_find(&f->d, "exists", 0));
	assert_int_equal(created, 0);
	free(m);
	free(fresh);
	free(inner);
}

static void test_select_as_of(void **state)
{
	struct zt_fx *f = *state;
	struct zi_table u, st;
	assert_int_equal(zi_units_load(&f->st, &u, &f->d), 0);
	assert_int_equal(zi_stages_load(&f->st, &st, &f->d), 0);
	assert_int_equal(u.n, 3);
	assert_int_equal(st.n, 3);
	size_t rows[4];
	assert_int_equal(zi_units_select(&u, NULL, NULL, NULL, 0, rows), 2);
	assert_int_equal(zi_units_select(&u, NULL, NULL, NULL, 1, rows), 3);
	assert_int_equal(zi_units_select(&u, NULL, "PEMBANGUNAN", "dinas", 0, rows), 1);
	assert_str(zi_table_get(&u, rows[0], ZI_U_ID), "leg");
	unsigned char in[4];
	zi_units_as_of(&u, &st, "2026-01-15", in);
	assert_int_equal(in[0], 1); /* dkk: calon that day */
	assert_str(zi_table_get(&u, 0, ZI_U_STAGE), "calon");
	assert_int_equal(in[1], 1); /* leg, without history: as units.csv says */
	assert_str(zi_table_get(&u, 1, ZI_U_STAGE), "pembangunan");
	assert_int_equal(zi_units_select(&u, in, "calon", NULL, 1, rows), 2);
	zi_units_as_of(&u, &st, "2025-12-31", in);
	assert_int_equal(in[0] + in[1] + in[2], 0); /* none in the programme yet */
	assert_int_equal(zi_units_select(&u, in, NULL, NULL, 1, rows), 0);
	size_t *h;
	assert_int_equal(zi_stage_history_to(&st, "dkk", "2026-01-31", &h), 1);
	free(h);
	assert_int_equal(zi_stage_history_to(&st, "dkk", "", &h), 2);
	free(h);
	assert_int_equal(zi_stage_history_to(&st, "dkk", NULL, &h), 2);
	free(h);
	zi_table_release(&u);
	zi_table_release(&st);
}

/* A records file that does not load: its error, on its line, and no
 * change made on top of it. */
static void test_load_faults(void **state)
{
	struct zt_fx *f = *state;
	zt_put(f->dir, "units.csv", ZT_UNITS_HEADER "dkk,Dinas B\n");
	zt_put(f->dir, "stages.csv", ZT_STAGES_HEADER "dkk,2026-02-01\n");
	struct zi_table t;
	assert_int_not_equal(zi_units_load(&f->st, &t, &f->d), 0);
	zi_table_release(&t);
	const struct zi_diag_entry *e = &f->d.v[0];
	assert_non_null(strstr(e->file, "units.csv"));
	if (e->line != 2)
		zt_diag_dump(&f->d);
	assert_int_equal(e->line, 2);
	zi_diag_release(&f->d);
	assert_int_not_equal(zi_stages_load(&f->st, &t, &f->d), 0);
	zi_table_release(&t);
	assert_non_null(strstr(f->d.v[0].file, "stages.csv"));
	assert_int_equal(f->d.v[0].line, 2);
	zi_diag_release(&f->d);
	struct zi_edit e2;
	zi_edit_init(&e2);
	const char *args[] = {"name=X"};
	assert_int_not_equal(zi_unit_set(&f->st, "dkk", args, 1, &e2, &f->d), 0);
	assert_int_equal(f->st.npending, 0);
	zi_edit_release(&e2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_value, setup, teardown),
		cmocka_unit_test_setup_teardown(test_add, setup, teardown),
		cmocka_unit_test_setup_teardown(test_add_faults, setup, teardown),
		cmocka_unit_test_setup_teardown(test_set_check, setup, teardown),
		cmocka_unit_test_setup_teardown(test_set, setup, teardown),
		cmocka_unit_test_setup_teardown(test_set_faults, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stage, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stage_faults, setup, teardown),
		cmocka_unit_test_setup_teardown(test_retire, setup, teardown),
		cmocka_unit_test_setup_teardown(test_facts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_manifest_check, setup, teardown),
		cmocka_unit_test_setup_teardown(test_instansi_create, setup, teardown),
		cmocka_unit_test_setup_teardown(test_select_as_of, setup, teardown),
		cmocka_unit_test_setup_teardown(test_load_faults, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

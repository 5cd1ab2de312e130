/* lib/records: the path of each record type, the type of a file, loading
 * records by type from the store and reading a records file (through csvio);
 * the built-in schemas lent once per process (lib/schema). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/stat.h>
#include <unistd.h>

#include "complaint.h"
#include "declare.h"
#include "lhkpn.h"
#include "model.h"
#include "pool.h"
#include "prereq.h"
#include "records.h"
#include "sign.h"
#include "stages.h"
#include "survey.h"
#include "units.h"
#include "zitest.h"

#define NIP_A "198503122010011002"
#define NIP_B "199001012015032001"

struct fixture {
	struct zi_diag d;
};

static int setup(void **state)
{
	struct fixture *f = zi_xcalloc(1, sizeof(*f));
	zi_diag_init(&f->d);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	zi_diag_release(&f->d);
	free(f);
	return 0;
}

/* Every record type with a file: its path, and back from the path to it. */
static void test_paths(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *type, *unit;
		int year;
		const char *rel;
	} types[] = {
		{"units", NULL, 0, "units.csv"},
		{"stages", NULL, 0, "stages.csv"},
		{"declarations", NULL, 0, "declarations.csv"},
		{"complaints", NULL, 0, "complaints.csv"},
		{"instansi", NULL, 0, "instansi.csv"},
		{"unit-years", NULL, 0, "unit-years.csv"},
		{"staff", "dpkp", 0, "staff/dpkp.csv"},
		{"signatures", "dpkp", 0, "signatures/dpkp.csv"},
		{"lke-answers", "dpkp", 2026, "lke/2026/dpkp.csv"},
		{"survey", "dpkp", 2026, "surveys/2026/dpkp-ikm.csv"},
	};
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		char *rel = zi_records_rel(types[i].type, types[i].unit, types[i].year, &f->d);
		assert_non_null(rel);
		assert_str(rel, types[i].rel);
		char unit[72], year[8];
		const char *type = zi_records_type_of(rel, unit, sizeof(unit), year, sizeof(year));
		assert_non_null(type);
		assert_str(type, types[i].type);
		assert_str(unit, types[i].unit ? types[i].unit : "");
		if (types[i].year)
			assert_int_equal(atoi(year), types[i].year);
		else
			assert_str(year, "");
		free(rel);
	}
	assert_int_equal(f->d.n, 0);
	/* a path in a git repository: the tail decides */
	char unit[72];
	assert_str(zi_records_type_of("kota/records/staff/dpkp.csv", unit, sizeof(unit), NULL, 0),
		   "staff");
	assert_str(unit, "dpkp");
	assert_null(zi_records_type_of("notes.txt", NULL, 0, NULL, 0));
	assert_null(zi_records_type_of("staff/Not A Slug.csv", NULL, 0, NULL, 0));
	/* a type kept per unit needs the unit; per year the year */
	assert_null(zi_records_rel("staff", NULL, 0, &f->d));
	assert_non_null(zt_diag_find(&f->d, "internal", 0));
	size_t n = f->d.n;
	assert_null(zi_records_rel("lke-answers", "dpkp", 0, &f->d));
	assert_true(f->d.n > n);
	/* a schema without files (a form of import) and no schema at all */
	n = f->d.n;
	assert_null(zi_records_rel("elhkpn", NULL, 0, &f->d));
	assert_null(zi_records_rel("no-such-type", NULL, 0, &f->d));
	assert_int_equal(f->d.n, n + 2);
	/* without a diagnostic list: NULL alone */
	assert_null(zi_records_rel("staff", "", 0, NULL));
	assert_null(zi_records_rel("no-such-type", NULL, 0, NULL));
	assert_int_equal(f->d.n, n + 2);
}

static char *store_dir(void)
{
	char *dir = zt_bare_records();
	char *p = zi_xasprintf("%s/staff", dir);
	mkdir(p, 0777);
	free(p);
	return dir;
}

static void test_load(void **state)
{
	struct fixture *f = *state;
	char *dir = store_dir();
	struct zi_store st;
	assert_int_equal(zi_store_open(&st, dir, &f->d), 0);
	char *p = zi_xasprintf("%s/staff/dpkp.csv", dir);
	/* columns in any order, a column missing: read by name */
	zt_writes(p, "name,nip,lhkpn\nSiti," NIP_B ",false\nBudi," NIP_A ",true\n");
	struct zi_table t;
	assert_int_equal(zi_records_load(&st, "staff", "dpkp", &t, &f->d), 0);
	assert_int_equal(f->d.n, 0);
	assert_str(t.schema->name, "staff");
	assert_int_equal(t.n, 2);
	/* sorted by key */
	assert_str(zi_table_get(&t, 0, ZI_S_NIP), NIP_A);
	assert_str(zi_table_get(&t, 0, ZI_S_NAME), "Budi");
	assert_int_equal(t.lines[0], 3);
	assert_str(zi_table_get(&t, 1, ZI_S_LHKPN), "false");
	assert_str(zi_table_get(&t, 1, ZI_S_START), "");
	zi_table_release(&t);
	/* a missing file has no records */
	assert_int_equal(zi_records_load(&st, "staff", "lain", &t, &f->d), 0);
	assert_int_equal(t.n, 0);
	assert_int_equal(f->d.n, 0);
	zi_table_release(&t);
	assert_int_equal(zi_records_load(&st, "units", NULL, &t, &f->d), 0);
	assert_int_equal(t.n, 0);
	zi_table_release(&t);
	/* a bad header: the file, the line and the column are named */
	zt_writes(p, "nip,nama\n" NIP_A ",Budi\n");
	assert_int_equal(zi_records_load(&st, "staff", "dpkp", &t, &f->d), ZI_EDATA);
	const struct zi_diag_entry *e = zt_diag_find(&f->d, "column-unknown", 1);
	assert_non_null(e);
	assert_non_null(strstr(e->file, "staff/dpkp.csv"));
	assert_str(e->field, "nama");
	zi_table_release(&t);
	/* a row of the wrong width */
	zi_diag_release(&f->d);
	zi_diag_init(&f->d);
	zt_writes(p, "nip,name\n" NIP_A ",Budi,extra\n");
	assert_int_equal(zi_records_load(&st, "staff", "dpkp", &t, &f->d), ZI_EDATA);
	assert_non_null(zt_diag_find(&f->d, "row-width", 2));
	zi_table_release(&t);
	/* a link is refused, never read */
	zi_diag_release(&f->d);
	zi_diag_init(&f->d);
	char *link = zi_xasprintf("%s/staff/link.csv", dir);
	assert_int_equal(symlink(p, link), 0);
	assert_true(zi_records_load(&st, "staff", "link", &t, &f->d) < 0);
	assert_true(f->d.errors > 0);
	zi_table_release(&t);
	/* an unknown type, a missing unit: the caller's mistake */
	assert_int_equal(zi_records_load(&st, "no-such-type", NULL, &t, &f->d), ZI_EINTERNAL);
	zi_table_release(&t);
	assert_int_equal(zi_records_load(&st, "staff", NULL, &t, &f->d), ZI_EINTERNAL);
	zi_table_release(&t);
	zi_store_close(&st);
	zt_rmtree(dir);
	free(link);
	free(p);
	free(dir);
}

static void test_read(void **state)
{
	struct fixture *f = *state;
	char *dir = zt_tmpdir();
	char *path = zi_xasprintf("%s/s.csv", dir);
	zt_writes(path,
		  "nip,doc,date,name,position,role,witness,evidence,sha256\n" NIP_B
		  ",pakta,2022-07-25,\"Aminah, Siti\",\"Kepala \"\"Seksi\"\"\",staff,,,\n" NIP_A
		  ",pakta,2022-07-25,Budi,\"two\nlines\",staff,,,\r\n"
		  ",pakta,2022-07-25,Wali Kota,,external,,,\n");
	struct zi_table t;
	zi_table_init(&t, zi_schema_get("signatures", &f->d));
	assert_int_equal(zi_records_read(&t, path, NULL, &f->d), 0);
	assert_int_equal(t.n, 3);
	/* sorted by key: the empty NIP first */
	assert_str(zi_table_get(&t, 0, ZI_G_NAME), "Wali Kota");
	assert_int_equal(t.lines[0], 5);
	assert_str(zi_table_get(&t, 1, ZI_G_POSITION), "two\nlines");
	assert_int_equal(t.lines[1], 3);
	assert_str(zi_table_get(&t, 2, ZI_G_NAME), "Aminah, Siti");
	assert_str(zi_table_get(&t, 2, ZI_G_POSITION), "Kepala \"Seksi\"");
	zi_table_release(&t);
	/* a missing file is an empty table */
	char *none = zi_xasprintf("%s/none.csv", dir);
	assert_int_equal(zi_records_read(&t, none, NULL, &f->d), 0);
	assert_int_equal(t.n, 0);
	/* a short row and an unknown column are reported */
	zt_writes(path, "nip,doc,date,bogus\n" NIP_A ",pakta\n");
	assert_int_equal(zi_records_read(&t, path, "s.csv", &f->d), ZI_EDATA);
	assert_non_null(zt_diag_find(&f->d, "column-unknown", 1));
	assert_non_null(zt_diag_find(&f->d, "row-width", 2));
	/* once each: the file is read once */
	assert_int_equal(zt_diag_count(&f->d, "column-unknown"), 1);
	assert_int_equal(zt_diag_count(&f->d, "row-width"), 1);
	zi_table_release(&t);
	/* malformed quotes: csvio reports them */
	zi_diag_release(&f->d);
	zi_diag_init(&f->d);
	zt_writes(path, "nip,doc\n\"" NIP_A "\"x,pakta\n");
	assert_int_equal(zi_records_read(&t, path, "s.csv", &f->d), ZI_EDATA);
	assert_true(f->d.errors > 0);
	zi_table_release(&t);
	zt_rmtree(dir);
	free(none);
	free(path);
	free(dir);
}

/* zi_records_each: values in schema order, "" for a column the file lacks */
struct seen {
	size_t n;
	char nip[2][32], doc[2][16];
};

static void each_fn(void *ctx, unsigned long line, const char *const *v)
{
	struct seen *s = ctx;
	(void)line;
	if (s->n < 2) {
		snprintf(s->nip[s->n], sizeof(s->nip[0]), "%s", v[ZI_G_NIP]);
		snprintf(s->doc[s->n], sizeof(s->doc[0]), "%s", v[ZI_G_CONFLICT]);
	}
	s->n++;
}

static void test_each(void **state)
{
	struct fixture *f = *state;
	char *dir = zt_tmpdir();
	char *path = zi_xasprintf("%s/s.csv", dir);
	zt_writes(path, "date,nip,doc\n2022-07-25," NIP_B ",pakta\n2022-07-25," NIP_A ",coi\n");
	struct zi_buf raw;
	zi_buf_init(&raw);
	struct seen s = {0};
	const struct zi_schema *sch = zi_schema_get("signatures", &f->d);
	assert_int_equal(zi_records_each(sch, path, NULL, &raw, each_fn, &s, &f->d), 0);
	assert_int_equal(s.n, 2);
	/* file order, not key order */
	assert_str(s.nip[0], NIP_B);
	assert_str(s.doc[1], "");
	/* after a bad header nothing more is read */
	zt_writes(path, "nip,wat\n" NIP_A ",x\n");
	s.n = 0;
	assert_int_equal(zi_records_each(sch, path, "s.csv", &raw, each_fn, &s, &f->d), ZI_EDATA);
	assert_int_equal(s.n, 0);
	zi_buf_release(&raw);
	zt_rmtree(dir);
	free(path);
	free(dir);
}

/* The first use of the built-in schemas from several threads at once (as
 * zi-sign status's workers make it): every thread is lent the same one. */
#define NGETS 64
struct gets {
	const struct zi_schema *got[NGETS];
};

static const char *const get_names[] = {"staff", "signatures", "units", "stages"};

static int get_work(void *ctx, unsigned worker, size_t i)
{
	struct gets *g = ctx;
	struct zi_diag d;
	(void)worker;
	zi_diag_init(&d);
	g->got[i] = zi_schema_get(get_names[i % 4], &d);
	zi_diag_release(&d);
	return 0;
}

static void test_schemas_threads(void **state)
{
	(void)state;
	struct gets g = {{0}};
	assert_int_equal(zi_pool_run(NGETS, 4, NGETS, get_work, NULL, &g), 0);
	for (size_t i = 0; i < NGETS; i++) {
		assert_non_null(g.got[i]);
		assert_ptr_equal(g.got[i], g.got[i % 4]);
		assert_str(g.got[i]->name, get_names[i % 4]);
	}
}

/* The built-in schemas are parsed once and lent: the same one each time,
 * and zi_schema_free leaves it be. */
static void test_schemas_lent(void **state)
{
	struct fixture *f = *state;
	struct zi_schema *a = zi_schema_get("staff", &f->d);
	assert_non_null(a);
	zi_schema_free(a);
	struct zi_schema *b = zi_schema_get("staff", &f->d);
	assert_ptr_equal(a, b);
	assert_str(b->name, "staff");
	assert_int_equal(zi_schema_field(b, "nip"), ZI_S_NIP);
	assert_null(zi_schema_get("no-such-schema", &f->d));
	assert_non_null(zt_diag_find(&f->d, "internal", 0));
	/* the walk over them finds every record type */
	size_t n = zi_schema_builtin_count(), with_path = 0;
	for (size_t i = 0; i < n; i++) {
		const struct zi_schema *s = zi_schema_builtin(i, &f->d);
		assert_non_null(s);
		with_path += *s->path != 0;
	}
	assert_true(with_path >= 10);
}

/* Every record type's field enum names its schema's fields in order (fields
 * are read by these names, never by number); NULL: the number of fields. */
static void test_field_enums(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *type, *field;
		int index;
	} enums[] = {
		{"units", "id", ZI_U_ID},
		{"units", "name", ZI_U_NAME},
		{"units", "short_name", ZI_U_SHORT},
		{"units", "parent", ZI_U_PARENT},
		{"units", "kind", ZI_U_KIND},
		{"units", "target", ZI_U_TARGET},
		{"units", "afirmasi", ZI_U_AFIRMASI},
		{"units", "stage", ZI_U_STAGE},
		{"units", "stage_date", ZI_U_STAGE_DATE},
		{"units", "predicate", ZI_U_PREDICATE},
		{"units", "predicate_date", ZI_U_PREDICATE_DATE},
		{"units", "predicate_ref", ZI_U_PREDICATE_REF},
		{"units", "retired", ZI_U_RETIRED},
		{"units", NULL, 13},
		{"staff", "nip", ZI_S_NIP},
		{"staff", "name", ZI_S_NAME},
		{"staff", "position", ZI_S_POSITION},
		{"staff", "grade", ZI_S_GRADE},
		{"staff", "category", ZI_S_CATEGORY},
		{"staff", "lhkpn", ZI_S_LHKPN},
		{"staff", "start", ZI_S_START},
		{"staff", "end", ZI_S_END},
		{"staff", NULL, 8},
		{"signatures", "nip", ZI_G_NIP},
		{"signatures", "doc", ZI_G_DOC},
		{"signatures", "date", ZI_G_DATE},
		{"signatures", "name", ZI_G_NAME},
		{"signatures", "position", ZI_G_POSITION},
		{"signatures", "role", ZI_G_ROLE},
		{"signatures", "witness", ZI_G_WITNESS},
		{"signatures", "evidence", ZI_G_EVIDENCE},
		{"signatures", "sha256", ZI_G_SHA256},
		{"signatures", "conflict", ZI_G_CONFLICT},
		{"signatures", NULL, 10},
		{"stages", "unit", ZI_ST_UNIT},
		{"stages", "date", ZI_ST_DATE},
		{"stages", "stage", ZI_ST_STAGE},
		{"stages", "ref", ZI_ST_REF},
		{"stages", "note", ZI_ST_NOTE},
		{"stages", "predicate", ZI_ST_PREDICATE},
		{"stages", NULL, 6},
		{"declarations", "id", ZI_D_ID},
		{"declarations", "unit", ZI_D_UNIT},
		{"declarations", "date", ZI_D_DATE},
		{"declarations", "venue", ZI_D_VENUE},
		{"declarations", "head", ZI_D_HEAD},
		{"declarations", "witnesses", ZI_D_WITNESSES},
		{"declarations", "basis", ZI_D_BASIS},
		{"declarations", "note", ZI_D_NOTE},
		{"declarations", "redeclaration", ZI_D_REDECLARATION},
		{"declarations", NULL, 9},
		{"complaints", "id", ZI_K_ID},
		{"complaints", "unit", ZI_K_UNIT},
		{"complaints", "received", ZI_K_RECEIVED},
		{"complaints", "channel", ZI_K_CHANNEL},
		{"complaints", "category", ZI_K_CATEGORY},
		{"complaints", "summary", ZI_K_SUMMARY},
		{"complaints", "status", ZI_K_STATUS},
		{"complaints", "resolved", ZI_K_RESOLVED},
		{"complaints", "ref", ZI_K_REF},
		{"complaints", NULL, 9},
		{"instansi", "year", ZI_I_YEAR},
		{"instansi", "bpk_opinion", ZI_I_BPK},
		{"instansi", "bpk_ref", ZI_I_BPK_REF},
		{"instansi", "sakip", ZI_I_SAKIP},
		{"instansi", "sakip_ref", ZI_I_SAKIP_REF},
		{"instansi", "rb_index", ZI_I_RB},
		{"instansi", "rb_ref", ZI_I_RB_REF},
		{"instansi", "spip", ZI_I_SPIP},
		{"instansi", "spip_ref", ZI_I_SPIP_REF},
		{"instansi", "note", ZI_I_NOTE},
		{"instansi", NULL, 10},
		{"unit-years", "unit", ZI_Y_UNIT},
		{"unit-years", "year", ZI_Y_YEAR},
		{"unit-years", "sakip", ZI_Y_SAKIP},
		{"unit-years", "sakip_ref", ZI_Y_SAKIP_REF},
		{"unit-years", "findings", ZI_Y_FINDINGS},
		{"unit-years", "followed_up", ZI_Y_FOLLOWED},
		{"unit-years", "tlhp_ref", ZI_Y_TLHP_REF},
		{"unit-years", "note", ZI_Y_NOTE},
		{"unit-years", NULL, 8},
		{"lke-answers", "soal_id", ZI_A_SOAL},
		{"lke-answers", "unit_answer", ZI_A_UNIT},
		{"lke-answers", "unit_note", ZI_A_UNIT_NOTE},
		{"lke-answers", "unit_evidence", ZI_A_UNIT_EVIDENCE},
		{"lke-answers", "tpi_answer", ZI_A_TPI},
		{"lke-answers", "tpi_note", ZI_A_TPI_NOTE},
		{"lke-answers", "tpn_answer", ZI_A_TPN},
		{"lke-answers", NULL, 7},
		{"elhkpn", "nik", ZI_E_NIK},
		{"elhkpn", "name", ZI_E_NAME},
		{"elhkpn", "position", ZI_E_POSITION},
		{"elhkpn", "unit_kerja", ZI_E_UNIT_KERJA},
		{"elhkpn", "sub_unit_kerja", ZI_E_SUB_UNIT_KERJA},
		{"elhkpn", "status", ZI_E_STATUS},
		{"elhkpn", NULL, 6},
	};
	for (size_t i = 0; i < sizeof(enums) / sizeof(enums[0]); i++) {
		const struct zi_schema *s = zi_schema_get(enums[i].type, &f->d);
		assert_non_null(s);
		if (enums[i].field)
			assert_int_equal(zi_schema_field(s, enums[i].field), enums[i].index);
		else
			assert_int_equal(s->nfields, enums[i].index);
	}
	assert_int_equal(ZI_ST_NFIELDS, 6);
	assert_int_equal(ZI_K_NFIELDS, 9);
	assert_int_equal(ZI_A_NFIELDS, 7);
	assert_int_equal(ZI_E_NFIELDS, 6);
}

/* Every type's file through zi_records_rel_kind: without a kind as
 * zi_records_rel; the survey kinds each their file, IPAK and IPKP files of
 * no record type (their form is zi-eval's to check); a kind is no part of
 * the other types' paths. */
static void test_paths_kinds(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *type, *unit;
		int year;
	} types[] = {
		{"units", NULL, 0},	  {"stages", NULL, 0},	     {"declarations", NULL, 0},
		{"complaints", NULL, 0},  {"instansi", NULL, 0},     {"unit-years", NULL, 0},
		{"staff", "dpkp", 0},	  {"signatures", "dpkp", 0}, {"lke-answers", "dpkp", 2026},
		{"survey", "dpkp", 2026},
	};
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		char *a = zi_records_rel(types[i].type, types[i].unit, types[i].year, &f->d);
		char *b = zi_records_rel_kind(types[i].type, types[i].unit, types[i].year, NULL,
					      &f->d);
		assert_non_null(a);
		assert_non_null(b);
		assert_str(a, b);
		free(a);
		free(b);
	}
	/* the LKE worksheet of a unit and year (zi_lke_put writes it there) */
	char *rel = zi_records_rel("lke-answers", "dinas-x", 2025, &f->d);
	assert_str(rel, "lke/2025/dinas-x.csv");
	free(rel);
	static const struct {
		enum zi_survey_kind k;
		const char *rel, *type;
	} kinds[] = {
		{ZI_SURVEY_IKM, "surveys/2026/dpkp-ikm.csv", "survey"},
		{ZI_SURVEY_IPAK, "surveys/2026/dpkp-ipak.csv", NULL},
		{ZI_SURVEY_IPKP, "surveys/2026/dpkp-ipkp.csv", NULL},
	};
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		rel = zi_records_rel_kind("survey", "dpkp", 2026, zi_survey_kind_name(kinds[i].k),
					  &f->d);
		assert_non_null(rel);
		assert_str(rel, kinds[i].rel);
		char unit[72], year[8];
		const char *type = zi_records_type_of(rel, unit, sizeof(unit), year, sizeof(year));
		if (kinds[i].type) {
			assert_non_null(type);
			assert_str(type, kinds[i].type);
			assert_str(unit, "dpkp");
			assert_str(year, "2026");
		} else {
			assert_null(type);
		}
		free(rel);
	}
	/* a unit whose name ends like a kind */
	rel = zi_records_rel_kind("survey", "kota-ikm", 2026, "ikm", &f->d);
	assert_str(rel, "surveys/2026/kota-ikm-ikm.csv");
	char unit[72];
	assert_str(zi_records_type_of(rel, unit, sizeof(unit), NULL, 0), "survey");
	assert_str(unit, "kota-ikm");
	free(rel);
	assert_int_equal(f->d.n, 0);
	/* a kind of a type without kinds, a kind with a slash, an empty one */
	assert_null(zi_records_rel_kind("staff", "dpkp", 0, "ikm", &f->d));
	assert_non_null(zt_diag_find(&f->d, "internal", 0));
	size_t n = f->d.n;
	assert_null(zi_records_rel_kind("survey", "dpkp", 2026, "../ikm", &f->d));
	assert_null(zi_records_rel_kind("survey", "dpkp", 2026, "", &f->d));
	assert_null(zi_records_rel_kind("survey", "dpkp", 0, "ipak", &f->d));
	assert_null(zi_records_rel_kind("survey", NULL, 2026, "ipak", &f->d));
	assert_int_equal(f->d.n, n + 4);
	assert_null(zi_records_rel_kind("survey", "dpkp", 2026, "", NULL));
}

/* The survey's field enum names the survey schema's fields in order: the
 * respondent, the date, the nine elements of an IKM file. */
static void test_survey_enum(void **state)
{
	struct fixture *f = *state;
	const struct zi_schema *s = zi_schema_get("survey", &f->d);
	assert_non_null(s);
	assert_int_equal(zi_schema_field(s, "respondent"), ZI_SV_RESPONDENT);
	assert_int_equal(zi_schema_field(s, "date"), ZI_SV_DATE);
	for (int e = 1; e <= ZI_IKM_ELEMENTS; e++) {
		char name[16];
		snprintf(name, sizeof(name), "u%d", e);
		assert_int_equal(zi_schema_field(s, name), ZI_SV_U1 + e - 1);
	}
	assert_int_equal(s->nfields, ZI_SV_NFIELDS);
	assert_int_equal(ZI_SV_NFIELDS, 11);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_schemas_threads), /* first: the first use */
		cmocka_unit_test_setup_teardown(test_paths, setup, teardown),
		cmocka_unit_test_setup_teardown(test_load, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_each, setup, teardown),
		cmocka_unit_test_setup_teardown(test_schemas_lent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_field_enums, setup, teardown),
		cmocka_unit_test_setup_teardown(test_paths_kinds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_survey_enum, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

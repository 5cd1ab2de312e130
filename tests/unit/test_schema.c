/* lib/schema: the built-in Table Schema files, header matching (issue 2,
 * "Headers match field names or these aliases..."), normalising values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>

#include "schema.h"
#include "zitest.h"

static struct zi_schema *get(const char *name)
{
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_schema *s = zi_schema_get(name, &d);
	zt_diag_dump(&d);
	assert_non_null(s);
	assert_int_equal(d.n, 0);
	zi_diag_release(&d);
	return s;
}

static void assert_fields(const struct zi_schema *s, const char *const *names, size_t n)
{
	assert_int_equal(s->nfields, n);
	for (size_t i = 0; i < n; i++) {
		assert_str(s->fields[i].name, names[i]);
		assert_int_equal(zi_schema_field(s, names[i]), (int)i);
	}
}

static void test_units_schema(void **state)
{
	(void)state;
	struct zi_schema *s = get("units");
	static const char *const names[] = {"id",	 "name",	   "short_name",
					    "parent",	 "kind",	   "target",
					    "afirmasi",	 "stage",	   "stage_date",
					    "predicate", "predicate_date", "predicate_ref",
					    "retired"};
	assert_fields(s, names, 13);
	assert_str(s->name, "units");
	assert_str(s->path, "units.csv");
	assert_int_equal(s->nkey, 1);
	assert_int_equal(s->key[0], 0);
	assert_true(s->fields[0].required);
	assert_true(s->fields[1].required);
	assert_false(s->fields[2].required);
	assert_int_equal(s->fields[6].type, ZI_T_BOOLEAN);
	assert_int_equal(s->fields[12].type, ZI_T_BOOLEAN);
	assert_int_equal(s->fields[8].type, ZI_T_DATE);
	assert_int_equal(s->fields[10].type, ZI_T_DATE);
	/* kind: the twelve kinds of the issue */
	static const char *const kinds[] = {"dinas",	   "badan",	"kantor", "sekretariat",
					    "inspektorat", "bagian",	"rsud",	  "puskesmas",
					    "kecamatan",   "kelurahan", "satker", "lainnya"};
	assert_int_equal(s->fields[4].nenums, 12);
	for (size_t i = 0; i < 12; i++)
		assert_str(s->fields[4].enums[i], kinds[i]);
	static const char *const stages[] = {"calon",	      "pencanangan", "pembangunan",
					     "penilaian-tpi", "pengusulan",  "evaluasi-tpn",
					     "penetapan"};
	assert_int_equal(s->fields[7].nenums, 7);
	for (size_t i = 0; i < 7; i++)
		assert_str(s->fields[7].enums[i], stages[i]);
	assert_int_equal(s->fields[5].nenums, 2);
	assert_int_equal(s->fields[9].nenums, 2);
	/* parent refers to another unit's id */
	assert_int_equal(s->nfks, 1);
	assert_int_equal(s->fks[0].field, 3);
	assert_str(s->fks[0].resource, "");
	assert_str(s->fks[0].ref_field, "id");
	assert_int_equal(zi_schema_field(s, "nope"), -1);
	zi_schema_free(s);
}

static void test_staff_and_stages_schemas(void **state)
{
	(void)state;
	struct zi_schema *s = get("staff");
	static const char *const names[] = {"nip",	"name",	 "position", "grade",
					    "category", "lhkpn", "start",    "end"};
	assert_fields(s, names, 8);
	assert_int_equal(s->nkey, 1);
	assert_int_equal(s->key[0], 0);
	assert_true(s->fields[0].required);
	assert_true(s->fields[1].required);
	assert_int_equal(s->fields[5].type, ZI_T_BOOLEAN);
	assert_int_equal(s->fields[6].type, ZI_T_DATE);
	assert_int_equal(s->fields[7].type, ZI_T_DATE);
	static const char *const cats[] = {"pimpinan", "eselon3", "eselon4", "fungsional",
					   "pelaksana"};
	assert_int_equal(s->fields[4].nenums, 5);
	for (size_t i = 0; i < 5; i++)
		assert_str(s->fields[4].enums[i], cats[i]);
	zi_schema_free(s);

	s = get("stages");
	static const char *const snames[] = {"unit", "date", "stage", "ref", "note", "predicate"};
	assert_fields(s, snames, 6);
	assert_int_equal(s->nkey, 3);
	assert_int_equal(s->key[0], 0);
	assert_int_equal(s->key[1], 1);
	assert_int_equal(s->key[2], 2);
	zi_schema_free(s);
}

static void test_embedded_files(void **state)
{
	(void)state;
	const char *t = zi_embedded_file("units");
	assert_non_null(t);
	json_error_t je;
	json_t *j = json_loads(t, 0, &je);
	assert_non_null(j);
	assert_str(json_string_value(json_object_get(j, "name")), "units");
	json_decref(j);
	assert_non_null(zi_embedded_file("staff"));
	assert_non_null(zi_embedded_file("lke/lke-2026"));
	assert_null(zi_embedded_file("no-such-schema"));
	assert_null(zi_embedded_file("units.json"));
	struct zi_diag d;
	zi_diag_init(&d);
	assert_null(zi_schema_get("no-such-schema", &d));
	assert_int_equal(d.errors, 1);
	zi_diag_release(&d);
}

static void test_parse_errors(void **state)
{
	(void)state;
	struct zi_diag d;
	zi_diag_init(&d);
	assert_null(zi_schema_parse("{\"fields\": [", "broken", &d));
	assert_non_null(zt_diag_find(&d, "schema-invalid", 0));
	zi_diag_release(&d);
	assert_null(
		zi_schema_parse("{\"fields\": [{\"name\": \"a\", \"type\": \"money\"}]}", "t", &d));
	assert_non_null(zt_diag_find(&d, "schema-invalid", 0));
	zi_diag_release(&d);
	assert_null(zi_schema_parse("{\"fields\": [{\"name\": \"a\", \"constraints\": "
				    "{\"pattern\": \"(\"}}]}",
				    "t", &d));
	assert_non_null(zt_diag_find(&d, "schema-invalid", 0));
	zi_diag_release(&d);
	assert_null(zi_schema_parse("{\"fields\": [{\"name\": \"a\"}], \"primaryKey\": [\"b\"]}",
				    "t", &d));
	assert_non_null(zt_diag_find(&d, "schema-invalid", 0));
	zi_diag_release(&d);
	assert_null(
		zi_schema_parse("{\"fields\": [{\"name\": \"a\"}], \"foreignKeys\": "
				"[{\"fields\": [\"zz\"], \"reference\": {\"fields\": [\"a\"]}}]}",
				"t", &d));
	zi_diag_release(&d);
	/* a string primary key is one field */
	struct zi_schema *s = zi_schema_parse("{\"name\": \"x\", \"fields\": [{\"name\": \"a\"}, "
					      "{\"name\": \"b\"}], "
					      "\"primaryKey\": \"b\"}",
					      "t", &d);
	assert_non_null(s);
	assert_int_equal(s->nkey, 1);
	assert_int_equal(s->key[0], 1);
	assert_int_equal(d.n, 0);
	zi_schema_free(s);
	zi_schema_free(NULL);
	zi_diag_release(&d);
}

/* Maps a header given as a NULL-terminated list; returns the status. */
static int map(const struct zi_schema *s, const char *const *hdr, const char *const *extra,
	       int *out, struct zi_diag *d)
{
	size_t n = 0;
	while (hdr[n])
		n++;
	char **cols = zi_xcalloc(n + 1, sizeof(char *));
	for (size_t i = 0; i < n; i++)
		cols[i] = zi_xstrdup(hdr[i]);
	zi_diag_init(d);
	int rc = zi_schema_map_header(s, cols, n, extra, out, "in.csv", 1, d);
	for (size_t i = 0; i < n; i++)
		free(cols[i]);
	free(cols);
	return rc;
}

static int fidx(const struct zi_schema *s, const char *name)
{
	int i = zi_schema_field(s, name);
	assert_true(i >= 0);
	return i;
}

/* Each alias {header, field} maps to its field, given beside the required
 * columns ({header, field}) other than that field. */
static void check_aliases(const struct zi_schema *s, const char *const (*aliases)[2], size_t n,
			  const char *const (*required)[2])
{
	struct zi_diag d;
	int m[16];
	for (size_t i = 0; i < n; i++) {
		const char *h[4] = {aliases[i][0]};
		size_t k = 1;
		for (size_t r = 0; r < 2; r++)
			if (strcmp(required[r][1], aliases[i][1]))
				h[k++] = required[r][0];
		h[k] = NULL;
		int rc = map(s, h, NULL, m, &d);
		int want = fidx(s, aliases[i][1]);
		if (rc || m[0] != want)
			zt_diag_dump(&d);
		zt_case_int(rc, 0, "header '%s' should give %s", aliases[i][0], aliases[i][1]);
		zt_case_int(m[0], want, "header '%s' should give %s", aliases[i][0], aliases[i][1]);
		zi_diag_release(&d);
	}
}

static void test_header_aliases_units(void **state)
{
	(void)state;
	struct zi_schema *s = get("units");
	struct zi_diag d;
	int m[16];
	/* the aliases of issue 2, in any case, with spaces and punctuation */
	const char *const hdr[] = {"Kode Unit",	 "NAMA UNIT KERJA", "singkatan", "Induk",
				   "Jenis Unit", "Target Predikat", NULL};
	assert_int_equal(map(s, hdr, NULL, m, &d), 0);
	assert_int_equal(d.n, 0);
	const char *const want[] = {"id", "name", "short_name", "parent", "kind", "target"};
	for (int i = 0; i < 6; i++)
		zt_case_int(m[i], fidx(s, want[i]), "header '%s' should give %s", hdr[i], want[i]);
	zi_diag_release(&d);
	const char *const aliases[][2] = {
		{"Kode", "id"},
		{"ID", "id"},
		{"kode-unit", "id"},
		{"Nama", "name"},
		{"Nama Unit", "name"},
		{"Unit Kerja", "name"},
		{"nama_unit_kerja", "name"},
		{"Jenis", "kind"},
		{"Target", "target"},
		{" Kode  Unit. ", "id"},
		{"SHORT_NAME", "short_name"},
		{"Short Name", "short_name"},
		{"stage-date", "stage_date"},
	};
	/* name and id are required: given unless what is tested */
	const char *const required[][2] = {{"name", "name"}, {"id", "id"}};
	check_aliases(s, aliases, sizeof(aliases) / sizeof(*aliases), required);
	zi_schema_free(s);
}

static void test_header_aliases_staff(void **state)
{
	(void)state;
	struct zi_schema *s = get("staff");
	struct zi_diag d;
	int m[16];
	const char *const hdr[] = {"No",
				   "NIP",
				   "Nama Pegawai",
				   "Jabatan",
				   "Pangkat/Golongan",
				   "Jenis Jabatan",
				   "Wajib LHKPN",
				   "TMT",
				   "Berhenti",
				   NULL};
	assert_int_equal(map(s, hdr, NULL, m, &d), 0);
	/* "No" matches nothing: a warning, not an error */
	assert_int_equal(d.errors, 0);
	assert_int_equal(d.warnings, 1);
	const struct zi_diag_entry *w = zt_diag_find(&d, "column-unknown", 1);
	assert_non_null(w);
	assert_int_equal(w->severity, ZI_WARNING);
	assert_non_null(strstr(w->message, "No"));
	assert_int_equal(m[0], -1);
	const char *const want[] = {"nip",	"name",	 "position", "grade",
				    "category", "lhkpn", "start",    "end"};
	for (int i = 0; i < 8; i++)
		zt_case_int(m[i + 1], fidx(s, want[i]), "header '%s' should give %s", hdr[i + 1],
			    want[i]);
	zi_diag_release(&d);
	const char *const aliases[][2] = {
		{"Nama", "name"},	  {"Golongan", "grade"},
		{"Gol", "grade"},	  {"Gol.", "grade"},
		{"Kategori", "category"}, {"Mulai", "start"},
		{"Selesai", "end"},	  {"wajib lhkpn", "lhkpn"},
		{"tmt", "start"},	  {"PANGKAT / GOLONGAN", "grade"},
	};
	const char *const required[][2] = {{"nip", "nip"}, {"nama", "name"}};
	check_aliases(s, aliases, sizeof(aliases) / sizeof(*aliases), required);
	zi_schema_free(s);
}

static void test_header_errors(void **state)
{
	(void)state;
	struct zi_schema *s = get("staff");
	struct zi_diag d;
	int m[16];
	/* a missing required column: an error naming the field */
	const char *const h1[] = {"Nama", "Jabatan", NULL};
	assert_int_equal(map(s, h1, NULL, m, &d), ZI_EDATA);
	const struct zi_diag_entry *e = zt_diag_find(&d, "column-missing", 1);
	assert_non_null(e);
	assert_int_equal(e->severity, ZI_ERROR);
	assert_str(e->field, "nip");
	assert_str(e->file, "in.csv");
	assert_int_equal(d.errors, 1);
	zi_diag_release(&d);
	/* both required columns missing: both reported */
	const char *const h2[] = {"Jabatan", NULL};
	assert_int_equal(map(s, h2, NULL, m, &d), ZI_EDATA);
	assert_int_equal(zt_diag_count(&d, "column-missing"), 2);
	zi_diag_release(&d);
	/* the same field twice, by name and by alias */
	const char *const h3[] = {"nip", "Nama", "NIP", NULL};
	assert_int_equal(map(s, h3, NULL, m, &d), ZI_EDATA);
	e = zt_diag_find(&d, "column-duplicate", 1);
	assert_non_null(e);
	assert_str(e->field, "nip");
	assert_non_null(strstr(e->message, "3"));
	zi_diag_release(&d);
	const char *const h4[] = {"nip", "Nama", "Nama Pegawai", NULL};
	assert_int_equal(map(s, h4, NULL, m, &d), ZI_EDATA);
	assert_non_null(zt_diag_find(&d, "column-duplicate", 1));
	zi_diag_release(&d);
	/* an empty last header cell (a trailing delimiter) is not worth a warning;
	 * an empty one in the middle is */
	const char *const h5[] = {"nip", "", "nama", "", NULL};
	assert_int_equal(map(s, h5, NULL, m, &d), 0);
	assert_int_equal(d.warnings, 1);
	assert_int_equal(m[1], -1);
	assert_int_equal(m[3], -1);
	zi_diag_release(&d);
	zi_schema_free(s);
}

static void test_header_extra_map(void **state)
{
	(void)state;
	struct zi_schema *s = get("staff");
	struct zi_diag d;
	int m[16];
	const char *const extra[] = {"Nomor Pegawai", "nip", "Nama Lengkap Pegawai", "name", NULL};
	const char *const h[] = {"NOMOR PEGAWAI", "nama lengkap pegawai", NULL};
	assert_int_equal(map(s, h, extra, m, &d), 0);
	assert_int_equal(m[0], 0);
	assert_int_equal(m[1], 1);
	zi_diag_release(&d);
	/* the map comes first, even over a field name */
	const char *const extra2[] = {"name", "position", NULL};
	const char *const h2[] = {"nip", "name", "nama", NULL};
	assert_int_equal(map(s, h2, extra2, m, &d), 0);
	assert_int_equal(m[1], fidx(s, "position"));
	assert_int_equal(m[2], fidx(s, "name"));
	zi_diag_release(&d);
	/* a map naming a field that does not exist */
	const char *const extra3[] = {"Nomor", "no_such_field", NULL};
	const char *const h3[] = {"nip", "nama", "Nomor", NULL};
	assert_int_equal(map(s, h3, extra3, m, &d), ZI_EDATA);
	assert_non_null(zt_diag_find(&d, "map-unknown-field", 1));
	zi_diag_release(&d);
	zi_schema_free(s);
}

/* Normalises raw through field name of s; returns the status, out the result
 * or the error code. */
static int norm(const struct zi_schema *s, const char *field, const char *raw, char *out,
		size_t outsz)
{
	struct zi_buf b;
	zi_buf_init(&b);
	char *copy = zi_xstrdup(raw);
	struct zi_verr err = {0};
	int rc = zi_schema_normalise(s, (size_t)fidx(s, field), copy, &b, &err);
	if (rc == 0)
		snprintf(out, outsz, "%s", b.data ? b.data : "");
	else
		snprintf(out, outsz, "%s", err.code ? err.code : "(no code)");
	if (rc)
		assert_true(strlen(err.msg) > 0);
	free(copy);
	zi_buf_release(&b);
	return rc;
}

/* A value of field normalised to want, or refused with code. */
#define NORM_OK(s, field, raw, want)                                                              \
	do {                                                                                      \
		char o_[300];                                                                     \
		zt_case_int(norm(s, field, raw, o_, sizeof(o_)), 0, "%s '%s' refused: %s", field, \
			    raw, o_);                                                             \
		zt_case_str(o_, want, "%s '%s'", field, raw);                                     \
	} while (0)

#define NORM_BAD(s, field, raw, code)                                                            \
	do {                                                                                     \
		char o_[300];                                                                    \
		zt_case_int(norm(s, field, raw, o_, sizeof(o_)), -1, "%s '%s' accepted as '%s'", \
			    field, raw, o_);                                                     \
		zt_case_str(o_, code, "%s '%s'", field, raw);                                    \
	} while (0)

static void test_normalise_units(void **state)
{
	(void)state;
	struct zi_schema *s = get("units");
	NORM_OK(s, "id", "dinkes", "dinkes");
	NORM_OK(s, "id", "  dinkes  ", "dinkes");
	/* codes as people type them become slugs (with a note) */
	NORM_OK(s, "id", "Dinkes", "dinkes");
	NORM_OK(s, "id", "BWS-DINKES", "bws-dinkes");
	NORM_OK(s, "id", "bws dinkes", "bws-dinkes");
	NORM_OK(s, "id", "Bws_Dinkes  Kota", "bws-dinkes-kota");
	NORM_BAD(s, "id", "Kantor/Pusat!", "id-not-slug");
	NORM_BAD(s, "id", "-", "id-not-slug");
	NORM_BAD(s, "id", "../x", "id-not-slug");
	NORM_BAD(s, "id", "a/b", "id-not-slug");
	NORM_BAD(s, "id", "", "required");
	NORM_BAD(s, "id", "   ", "required");
	NORM_BAD(s, "parent", "../x", "id-not-slug");
	NORM_OK(s, "parent", "", "");
	NORM_OK(s, "name", " Dinas Kesehatan ", "Dinas Kesehatan");
	NORM_OK(s, "name",
		"\xC2\xA0"
		"Dinas\xC2\xA0",
		"Dinas");
	NORM_OK(s, "name",
		"a\x01"
		"b",
		"a b"); /* no control bytes in records */
	/* a line break inside a cell is kept as LF, whatever the spreadsheet wrote */
	NORM_OK(s, "name", "Jl. A\r\nRT 01", "Jl. A\nRT 01");
	NORM_OK(s, "name", "Jl. A\nRT 01\r\nBandung", "Jl. A\nRT 01\nBandung");
	NORM_OK(s, "name", "Jl. A\rRT 01", "Jl. A\nRT 01");
	NORM_OK(s, "name", "tab\tkept", "tab\tkept");
	NORM_OK(s, "name", "x\x1b[31my\x7f", "x [31my\x7f");
	/* what becomes a space at an end is trimmed, as a space is (found by
	 * fuzz_values: "atp183\x04" gave "atp183 ", which check refuses) */
	NORM_OK(s, "name", "atp183\x04", "atp183");
	NORM_OK(s, "name",
		"\x02"
		"Dinas\x1f",
		"Dinas");
	NORM_OK(s, "name", "Dinas\r", "Dinas");
	NORM_BAD(s, "name", "\x04", "required");
	NORM_OK(s, "kind", "DINAS", "dinas");
	NORM_OK(s, "kind", "Puskesmas", "puskesmas");
	NORM_BAD(s, "kind", "kementerian", "enum-invalid");
	NORM_OK(s, "kind", "", "");
	NORM_OK(s, "target", "wbk", "WBK");
	NORM_OK(s, "target", "Wbbm", "WBBM");
	NORM_BAD(s, "target", "WBX", "enum-invalid");
	NORM_OK(s, "stage", "Penilaian-TPI", "penilaian-tpi");
	NORM_OK(s, "afirmasi", "ya", "true");
	NORM_OK(s, "afirmasi", "T", "false");
	NORM_OK(s, "afirmasi", "", "false"); /* empty booleans become false */
	NORM_BAD(s, "afirmasi", "mungkin", "bool-invalid");
	NORM_OK(s, "stage_date", "25 Juli 2022", "2022-07-25");
	NORM_OK(s, "stage_date", "1/6/2021", "2021-06-01");
	NORM_BAD(s, "stage_date", "31/02/2022", "date-invalid");
	NORM_OK(s, "stage_date", "", "");
	zi_schema_free(s);
}

static void test_normalise_staff(void **state)
{
	(void)state;
	struct zi_schema *s = get("staff");
	NORM_OK(s, "nip", "19850315 201001 1 001", "198503152010011001");
	NORM_BAD(s, "nip", "1,98503E+17", "nip-scientific");
	NORM_BAD(s, "nip", "19850315201001100", "nip-length");
	NORM_BAD(s, "nip", "198502302010011001", "nip-birth-date");
	NORM_BAD(s, "nip", "198503152010013001", "nip-sex");
	NORM_BAD(s, "nip", "", "required");
	NORM_OK(s, "grade", "III/a", "III/a");
	NORM_OK(s, "grade", "iii/a", "III/a");
	NORM_OK(s, "grade", "III-a", "III/a");
	NORM_OK(s, "grade", "iv b", "IV/b");
	NORM_OK(s, "grade", "Penata Muda, III/a", "III/a");
	NORM_BAD(s, "grade", "V/a", "enum-invalid");
	NORM_OK(s, "grade", "", "");
	NORM_OK(s, "category", "Pelaksana", "pelaksana");
	NORM_OK(s, "lhkpn", "Y", "true");
	NORM_OK(s, "lhkpn", "tidak", "false");
	/* who owes an LHKPN is a fact: left empty it stays unknown, not false */
	NORM_OK(s, "lhkpn", "", "");
	struct zi_schema *u = get("units");
	NORM_OK(u, "afirmasi", "", "false"); /* other booleans: empty is false */
	zi_schema_free(u);
	NORM_OK(s, "start", "01-06-2021", "2021-06-01");
	NORM_OK(s, "end", "", "");
	zi_schema_free(s);
}

static void test_normalise_numbers(void **state)
{
	(void)state;
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_schema *s = zi_schema_parse(
		"{\"name\": \"n\", \"fields\": ["
		"{\"name\": \"k\", \"type\": \"integer\", \"constraints\": {\"minimum\": 1, "
		"\"maximum\": 100}},"
		"{\"name\": \"x\", \"type\": \"number\", \"constraints\": {\"minimum\": 0, "
		"\"maximum\": 1}},"
		"{\"name\": \"code\", \"type\": \"string\", \"constraints\": {\"pattern\": "
		"\"[A-Z]{2}[0-9]\"}}],"
		"\"primaryKey\": [\"k\"]}",
		"n", &d);
	zt_diag_dump(&d);
	assert_non_null(s);
	NORM_OK(s, "k", "42", "42");
	NORM_OK(s, "k", "+7", "7");
	NORM_BAD(s, "k", "0", "out-of-range");
	NORM_BAD(s, "k", "101", "out-of-range");
	NORM_BAD(s, "k", "4,5", "integer-invalid");
	NORM_OK(s, "x", "0,5", "0.5");
	NORM_OK(s, "x", "1", "1");
	NORM_OK(s, "x", "0.25", "0.25");
	NORM_BAD(s, "x", "1,5", "out-of-range");
	NORM_BAD(s, "x", "-0,1", "out-of-range");
	NORM_BAD(s, "x", "abc", "number-invalid");
	NORM_OK(s, "code", "AB1", "AB1");
	NORM_BAD(s, "code", "AB12", "pattern"); /* anchored */
	NORM_BAD(s, "code", "xAB1", "pattern");
	zi_schema_free(s);
	zi_diag_release(&d);
}

static void test_check_canonical(void **state)
{
	(void)state;
	struct zi_schema *s = get("units");
	struct zi_verr err = {0};
	assert_int_equal(zi_schema_check(s, 8, "2022-07-25", &err), 0);
	assert_int_equal(zi_schema_check(s, 8, "25/07/2022", &err), -1);
	assert_str(err.code, "not-canonical");
	assert_int_equal(zi_schema_check(s, 6, "true", &err), 0);
	assert_int_equal(zi_schema_check(s, 6, "ya", &err), -1);
	assert_str(err.code, "not-canonical");
	assert_int_equal(zi_schema_check(s, 4, "Dinas", &err), -1);
	assert_str(err.code, "not-canonical");
	assert_int_equal(zi_schema_check(s, 4, "dinas", &err), 0);
	assert_int_equal(zi_schema_check(s, 4, "kementerian", &err), -1);
	assert_str(err.code, "enum-invalid");
	assert_int_equal(zi_schema_check(s, 0, "Dinkes", &err), -1);
	assert_str(err.code, "not-canonical");
	assert_int_equal(zi_schema_check(s, 0, "a/b", &err), -1);
	assert_str(err.code, "id-not-slug");
	assert_int_equal(zi_schema_check(s, 1, " padded", &err), -1);
	assert_str(err.code, "not-canonical");
	zi_schema_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_units_schema),
		cmocka_unit_test(test_staff_and_stages_schemas),
		cmocka_unit_test(test_embedded_files),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_header_aliases_units),
		cmocka_unit_test(test_header_aliases_staff),
		cmocka_unit_test(test_header_errors),
		cmocka_unit_test(test_header_extra_map),
		cmocka_unit_test(test_normalise_units),
		cmocka_unit_test(test_normalise_staff),
		cmocka_unit_test(test_normalise_numbers),
		cmocka_unit_test(test_check_canonical),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

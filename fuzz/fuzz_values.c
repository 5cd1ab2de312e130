/* The values people type: dates, NIPs, numbers, booleans, slugs, document
 * kinds, and every field of every record type through the schema. A value
 * that normalises must be canonical when checked (else zi would write what
 * 'zi-report check' refuses), and normalising it again changes nothing. */
#include "fuzz.h"
#include "schema.h"
#include "values.h"

static struct zi_schema *schemas[8];
static size_t nschemas;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	static const char *const names[] = {"units",	  "staff",	 "stages", "declarations",
					    "signatures", "lke-answers", "survey", "complaints"};
	struct zi_diag d;
	zi_diag_init(&d);
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		schemas[nschemas] = zi_schema_get(names[i], &d);
		if (!schemas[nschemas])
			abort();
		nschemas++;
	}
	zi_diag_release(&d);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	char *s = fz_str(data + 2, size - 2);
	char *orig = fz_str(data + 2, size - 2);
	struct zi_verr err = {0};
	char out[64];
	switch (data[0] % 9) {
	case 0:
		if (zi_value_date(s, out, &err) == 0) {
			char again[11];
			FZ_ASSERT(zi_value_date(out, again, &err) == 0 && !strcmp(out, again));
		}
		break;
	case 1:
		if (zi_value_nip(s, out, &err) == 0) {
			FZ_ASSERT(strlen(out) == 18);
			char again[19];
			FZ_ASSERT(zi_value_nip(out, again, &err) == 0 && !strcmp(out, again));
		}
		break;
	case 2: {
		double v;
		if (zi_value_number(s, &v, &err) == 0) {
			zi_format_number(v, out, sizeof(out));
			double w;
			FZ_ASSERT(zi_value_number(out, &w, &err) == 0 && (w == v || v != v));
		}
		break;
	}
	case 3: {
		long long v;
		zi_value_integer(s, &v, &err);
		break;
	}
	case 4: {
		int b;
		zi_value_bool(s, &b, &err);
		break;
	}
	case 5:
		zi_value_slug(s, &err);
		break;
	case 6: {
		const char *doc;
		if (zi_value_doc(s, &doc, &err) == 0)
			FZ_ASSERT(zi_value_doc(doc, &doc, &err) == 0);
		break;
	}
	case 7:
		zi_date_days(s);
		break;
	default: {
		/* a field of a schema, as an import normalises it */
		const struct zi_schema *sc = schemas[data[1] % nschemas];
		size_t f = (size_t)(data[1] / nschemas) % sc->nfields;
		struct zi_buf b;
		zi_buf_init(&b);
		if (zi_schema_normalise(sc, f, s, &b, &err) == 0) {
			const char *v = b.data ? b.data : "";
			FZ_ASSERT(zi_is_utf8(v, strlen(v), NULL) ||
				  !zi_is_utf8(orig, strlen(orig), NULL));
			struct zi_verr e2 = {0};
			if (zi_schema_check(sc, f, v, &e2) != 0) {
				fprintf(stderr, "%s.%s: '%s' -> '%s': %s\n", sc->name,
					sc->fields[f].name, orig, v, e2.msg);
				FZ_ASSERT(!"a normalised value is canonical");
			}
		}
		zi_buf_release(&b);
		break;
	}
	}
	free(s);
	free(orig);
	return 0;
}

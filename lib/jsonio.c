#include "jsonio.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"
#include "values.h"

json_t *zi_json_load(const char *path, struct zi_diag *d)
{
	json_error_t e;
	json_t *v = json_load_file(path, JSON_REJECT_DUPLICATES, &e);
	if (!v) {
		if (e.line < 0)
			zi_diag_error(d, path, 0, NULL, "json-invalid", "%s", e.text);
		else
			zi_diag_error(d, path, (unsigned long)e.line, NULL, "json-invalid",
				      _("column %d: %s"), e.column, e.text);
	}
	return v;
}

static void dump(const json_t *v, struct zi_buf *b, int indent, int pretty)
{
	char num[64];
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		if (json_object_size(v) == 0) {
			zi_buf_adds(b, "{}");
			return;
		}
		zi_buf_addc(b, '{');
		const char *k;
		json_t *x;
		int first = 1;
		json_object_foreach((json_t *)v, k, x)
		{
			if (!first)
				zi_buf_addc(b, ',');
			first = 0;
			if (pretty) {
				zi_buf_addc(b, '\n');
				for (int i = 0; i < indent + 2; i++)
					zi_buf_addc(b, ' ');
			}
			json_t *ks = json_string(k);
			char *s = json_dumps(ks, JSON_ENCODE_ANY);
			zi_buf_adds(b, s);
			free(s);
			json_decref(ks);
			zi_buf_adds(b, pretty ? ": " : ":");
			dump(x, b, indent + 2, pretty);
		}
		if (pretty) {
			zi_buf_addc(b, '\n');
			for (int i = 0; i < indent; i++)
				zi_buf_addc(b, ' ');
		}
		zi_buf_addc(b, '}');
		return;
	}
	case JSON_ARRAY: {
		if (json_array_size(v) == 0) {
			zi_buf_adds(b, "[]");
			return;
		}
		zi_buf_addc(b, '[');
		for (size_t i = 0; i < json_array_size(v); i++) {
			if (i)
				zi_buf_addc(b, ',');
			if (pretty) {
				zi_buf_addc(b, '\n');
				for (int j = 0; j < indent + 2; j++)
					zi_buf_addc(b, ' ');
			}
			dump(json_array_get(v, i), b, indent + 2, pretty);
		}
		if (pretty) {
			zi_buf_addc(b, '\n');
			for (int i = 0; i < indent; i++)
				zi_buf_addc(b, ' ');
		}
		zi_buf_addc(b, ']');
		return;
	}
	case JSON_REAL: {
		double r = json_real_value(v);
		if (!isfinite(r)) {
			zi_buf_adds(b, "null");
			return;
		}
		zi_format_number(r, num, sizeof(num));
		zi_buf_adds(b, num);
		return;
	}
	default: {
		char *s = json_dumps(v, JSON_ENCODE_ANY);
		zi_buf_adds(b, s);
		free(s);
	}
	}
}

void zi_json_dump(const json_t *v, struct zi_buf *b)
{
	dump(v, b, 0, 1);
	zi_buf_addc(b, '\n');
}

void zi_json_dump_compact(const json_t *v, struct zi_buf *b)
{
	dump(v, b, 0, 0);
}

json_t *zi_json_real(double v, int decimals)
{
	double p = pow(10, decimals);
	return json_real(round(v * p) / p);
}

json_t *zi_json_row(const struct zi_table *t, size_t r)
{
	const struct zi_schema *s = t->schema;
	json_t *o = json_object();
	for (size_t f = 0; f < s->nfields; f++) {
		const char *v = zi_table_get(t, r, f);
		if (!*v)
			continue;
		json_t *x;
		switch (s->fields[f].type) {
		case ZI_T_BOOLEAN:
			x = json_boolean(!strcmp(v, "true"));
			break;
		case ZI_T_INTEGER:
			x = json_integer(strtoll(v, NULL, 10));
			break;
		case ZI_T_NUMBER:
			x = json_real(strtod(v, NULL));
			break;
		default:
			x = json_string(v);
		}
		json_object_set_new(o, s->fields[f].name, x);
	}
	return o;
}

json_t *zi_json_table(const struct zi_table *t)
{
	json_t *a = json_array();
	for (size_t r = 0; r < t->n; r++)
		json_array_append_new(a, zi_json_row(t, r));
	return a;
}

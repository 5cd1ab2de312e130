/* lib/prereq: every row of Tabel 5 (5/2024) toward WBK and WBBM, the RB index
 * minimum of a Pemda against a K/L, audit follow-up of 9 of 10, and facts not
 * recorded, which are never met. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "prereq.h"
#include "zitest.h"

static void facts(struct zi_prq_facts *f, const char *kind, const char *const *inst,
		  const char *const *years)
{
	struct zi_diag d;
	zi_diag_init(&d);
	memset(f, 0, sizeof(*f));
	f->is = zi_schema_get("instansi", &d);
	f->ys = zi_schema_get("unit-years", &d);
	assert_non_null(f->is);
	assert_non_null(f->ys);
	zi_table_init(&f->inst, f->is);
	zi_table_init(&f->years, f->ys);
	if (inst)
		zi_table_add(&f->inst, inst, 0);
	if (years)
		zi_table_add(&f->years, years, 0);
	snprintf(f->kind, sizeof(f->kind), "%s", kind);
	zi_diag_release(&d);
}

static struct zi_prq_unit unit(const char *pred)
{
	return (struct zi_prq_unit){.unit = "dpkp",
				    .year = 2026,
				    .predicate = pred,
				    .building_since = "2025-01-10",
				    .as_of = "2026-05-01",
				    .lhkpn_required = 1,
				    .lhkpn_signed = 1,
				    .lhkasn_required = 2,
				    .lhkasn_signed = 2};
}

static const char *const good_inst[] = {"2026", "WTP", "LHP 1", "BB", "", "B", "", "3", "", ""};
static const char *const good_unit[] = {"dpkp", "2026", "BB", "", "10", "10", "", ""};

static void test_all_met(void **state)
{
	(void)state;
	struct zi_prq_facts f;
	facts(&f, "pemda", good_inst, good_unit);
	struct zi_prq_row rows[ZI_PRQ_COUNT];
	struct zi_prq_unit u = unit("WBBM");
	assert_int_equal(zi_prq_check(&f, &u, rows), 0);
	assert_string_equal(rows[ZI_PRQ_BPK].ref, "LHP 1");
	assert_string_equal(rows[ZI_PRQ_RB].min, "B (Pemda)");
	zi_prq_release(&f);
}

static void test_kl_rb_minimum(void **state)
{
	(void)state;
	struct zi_prq_facts f;
	const char *inst[] = {"2026", "WTP", "", "BB", "", "CC", "", "3", "", ""};
	facts(&f, "pemda", inst, good_unit);
	struct zi_prq_row rows[ZI_PRQ_COUNT];
	struct zi_prq_unit u = unit("WBK");
	/* CC is enough for a Pemda toward WBK, not for a K/L */
	assert_int_equal(zi_prq_check(&f, &u, rows), 0);
	snprintf(f.kind, sizeof(f.kind), "kl");
	assert_int_equal(zi_prq_check(&f, &u, rows), 1);
	assert_int_equal(rows[ZI_PRQ_RB].status, ZI_PRQ_NOT_MET);
	assert_string_equal(rows[ZI_PRQ_RB].value, "CC");
	assert_string_equal(rows[ZI_PRQ_RB].min, "B (K/L)");
	/* no kind: the minimum is unknown, the row not met */
	f.kind[0] = 0;
	assert_int_equal(zi_prq_check(&f, &u, rows), 1);
	assert_int_equal(rows[ZI_PRQ_RB].status, ZI_PRQ_NOT_RECORDED);
	zi_prq_release(&f);
}

static void test_instansi_sakip_only(void **state)
{
	(void)state;
	struct zi_prq_facts f;
	const char *inst[] = {"2026", "WTP", "", "CC", "", "B", "", "3", "", ""};
	facts(&f, "pemda", inst, good_unit);
	struct zi_prq_row rows[ZI_PRQ_COUNT];
	struct zi_prq_unit u = unit("WBK");
	assert_int_equal(zi_prq_check(&f, &u, rows), 1);
	assert_int_equal(rows[ZI_PRQ_SAKIP].status, ZI_PRQ_NOT_MET);
	assert_string_equal(rows[ZI_PRQ_SAKIP].min, "B");
	zi_prq_release(&f);
}

static void test_tlhp_9_of_10(void **state)
{
	(void)state;
	struct zi_prq_facts f;
	const char *y[] = {"dpkp", "2026", "B", "", "10", "9", "", ""};
	facts(&f, "pemda", good_inst, y);
	struct zi_prq_row rows[ZI_PRQ_COUNT];
	struct zi_prq_unit u = unit("WBK");
	assert_int_equal(zi_prq_check(&f, &u, rows), 1);
	assert_int_equal(rows[ZI_PRQ_TLHP].status, ZI_PRQ_NOT_MET);
	assert_string_equal(rows[ZI_PRQ_TLHP].value, "9 of 10 (90.00%)");
	/* toward WBBM the unit's B is short of BB as well */
	u = unit("WBBM");
	assert_int_equal(zi_prq_check(&f, &u, rows), 2);
	assert_int_equal(rows[ZI_PRQ_UNIT_SAKIP].status, ZI_PRQ_NOT_MET);
	zi_prq_release(&f);
}

static void test_not_recorded(void **state)
{
	(void)state;
	struct zi_prq_facts f;
	facts(&f, "pemda", NULL, NULL);
	struct zi_prq_row rows[ZI_PRQ_COUNT];
	struct zi_prq_unit u = unit("WBK");
	u.lhkpn_required = u.lhkasn_required = u.lhkpn_signed = u.lhkasn_signed = 0;
	u.building_since = "2026-01-10"; /* not a year yet on 2026-05-01 */
	assert_int_equal(zi_prq_check(&f, &u, rows), ZI_PRQ_COUNT);
	for (int k = 0; k < ZI_PRQ_COUNT; k++)
		if (k != ZI_PRQ_BUILDING)
			assert_int_equal(rows[k].status, ZI_PRQ_NOT_RECORDED);
	assert_int_equal(rows[ZI_PRQ_BUILDING].status, ZI_PRQ_NOT_MET);
	zi_prq_release(&f);
}

static void test_kind_parse(void **state)
{
	(void)state;
	assert_string_equal(zi_prq_kind_parse("K/L"), "kl");
	assert_string_equal(zi_prq_kind_parse("Pemda"), "pemda");
	assert_null(zi_prq_kind_parse("desa"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_met),
		cmocka_unit_test(test_kl_rb_minimum),
		cmocka_unit_test(test_instansi_sakip_only),
		cmocka_unit_test(test_tlhp_9_of_10),
		cmocka_unit_test(test_not_recorded),
		cmocka_unit_test(test_kind_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

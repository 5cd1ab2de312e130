/* lib/evidence: SHA-256, stored copies named by digest, paths kept inside
 * the records directory, verification. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "evidence.h"
#include "zitest.h"

static void test_sha256(void **state)
{
	(void)state;
	char hex[65];
	zi_sha256_mem("abc", 3, hex);
	assert_str(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	zi_sha256_mem("", 0, hex);
	assert_str(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	char *dir = zt_tmpdir();
	char *p = zi_xasprintf("%s/a.txt", dir);
	zt_writes(p, "abc");
	struct zi_diag d;
	zi_diag_init(&d);
	assert_int_equal(zi_sha256_file(p, hex, &d), 0);
	assert_str(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	char *none = zi_xasprintf("%s/none", dir);
	assert_int_equal(zi_sha256_file(none, hex, &d), ZI_EIO);
	assert_non_null(zt_diag_find(&d, "io-read", 0));
	zi_diag_release(&d);
	zt_rmtree(dir);
	free(none);
	free(p);
	free(dir);
}

static void test_ext(void **state)
{
	(void)state;
	char e[9];
	zi_evidence_ext("scan/Pakta.PDF", e);
	assert_str(e, "pdf");
	zi_evidence_ext("foto.jpeg", e);
	assert_str(e, "jpeg");
	zi_evidence_ext("README", e);
	assert_str(e, "bin");
	zi_evidence_ext(".hidden", e);
	assert_str(e, "bin");
	zi_evidence_ext("x.tar;rm", e);
	assert_str(e, "bin");
	zi_evidence_ext("x.verylongextension", e);
	assert_str(e, "bin");
}

static void test_resolve(void **state)
{
	(void)state;
	char *dir = zt_tmpdir();
	char *rec = zi_xasprintf("%s/records", dir);
	char *ev = zi_xasprintf("%s/records/evidence", dir);
	mkdir(rec, 0777);
	mkdir(ev, 0777);
	char *f = zi_xasprintf("%s/a.pdf", ev);
	zt_writes(f, "x");
	char *outside = zi_xasprintf("%s/secret.pdf", dir);
	zt_writes(outside, "s");
	char *link = zi_xasprintf("%s/link.pdf", ev);
	assert_int_equal(symlink(outside, link), 0);
	char *rel;
	struct zi_verr err;
	assert_int_equal(zi_evidence_resolve(rec, "evidence/a.pdf", &rel, &err), 0);
	assert_str(rel, "evidence/a.pdf");
	free(rel);
	assert_int_equal(zi_evidence_resolve(rec, "./evidence/../evidence//a.pdf", &rel, &err), 0);
	assert_str(rel, "evidence/a.pdf");
	free(rel);
	assert_int_equal(zi_evidence_resolve(rec, f, &rel, &err), 0); /* absolute, inside */
	assert_str(rel, "evidence/a.pdf");
	free(rel);
	assert_int_equal(zi_evidence_resolve(rec, "../secret.pdf", &rel, &err), ZI_EDATA);
	assert_str(err.code, "evidence-outside");
	assert_null(rel);
	assert_int_equal(zi_evidence_resolve(rec, "/etc/passwd", &rel, &err), ZI_EDATA);
	assert_str(err.code, "evidence-outside");
	assert_int_equal(zi_evidence_resolve(rec, "evidence/link.pdf", &rel, &err), ZI_EDATA);
	assert_str(err.code, "evidence-outside");
	assert_int_equal(zi_evidence_resolve(rec, "../../nowhere.pdf", &rel, &err), ZI_EDATA);
	assert_str(err.code, "evidence-outside");
	assert_int_equal(zi_evidence_resolve(rec, "evidence/none.pdf", &rel, &err), ZI_EDATA);
	assert_str(err.code, "evidence-missing");
	assert_int_equal(zi_evidence_resolve(rec, "evidence", &rel, &err), ZI_EDATA);
	assert_str(err.code, "evidence-missing");
	assert_int_equal(zi_evidence_resolve(rec, "", &rel, &err), ZI_EDATA);
	/* in the records, but not in the evidence folder: said so, whether the
	 * path's directories exist or not */
	char *manifest = zi_xasprintf("%s/zi.json", rec);
	zt_writes(manifest, "{}\n");
	char *u = zi_xasprintf("%s/u", ev);
	mkdir(u, 0777);
	assert_int_equal(zi_evidence_resolve(rec, "evidence/u/../../zi.json", &rel, &err), ZI_EDATA);
	assert_str(err.code, "evidence-outside");
	assert_non_null(strstr(err.msg, "outside the evidence folder"));
	assert_int_equal(zi_evidence_resolve(rec, "evidence/v/../../zi.json", &rel, &err), ZI_EDATA);
	assert_str(err.code, "evidence-outside");
	assert_non_null(strstr(err.msg, "outside the evidence folder"));
	/* a link inside the folder to a file inside it: no links at all */
	char *inner = zi_xasprintf("%s/inner.pdf", ev);
	assert_int_equal(symlink("a.pdf", inner), 0);
	assert_int_equal(zi_evidence_resolve(rec, "evidence/inner.pdf", &rel, &err), ZI_EDATA);
	assert_str(err.code, "not-regular");
	free(inner);
	free(u);
	free(manifest);
	zt_rmtree(dir);
	free(link);
	free(outside);
	free(f);
	free(ev);
	free(rec);
	free(dir);
}

static void test_put_verify(void **state)
{
	(void)state;
	char *dir = zt_bare_records();
	char *scan = zi_xasprintf("%s/../zi-scan-%d.PDF", dir, (int)getpid());
	zt_writes(scan, "abc");
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_store st;
	assert_int_equal(zi_store_open(&st, dir, &d), 0);
	char *rel, hex[65], got[65];
	assert_int_equal(zi_evidence_put(&st, "dpkp", scan, &rel, hex, &d), 0);
	assert_str(rel, "evidence/dpkp/"
			"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad.pdf");
	/* nothing visible before the commit */
	assert_int_equal(zi_evidence_verify(dir, rel, hex, got), ZI_EVIDENCE_MISSING);
	assert_int_equal(zi_store_commit(&st, "test", &d), 0);
	assert_int_equal(zi_evidence_verify(dir, rel, hex, got), ZI_EVIDENCE_OK);
	assert_str(got, hex);
	char *full = zi_xasprintf("%s/%s", dir, rel);
	zt_writes(full, "abd");
	assert_int_equal(zi_evidence_verify(dir, rel, hex, got), ZI_EVIDENCE_CHANGED);
	assert_string_not_equal(got, hex);
	unlink(full);
	assert_int_equal(zi_evidence_verify(dir, rel, hex, got), ZI_EVIDENCE_MISSING);
	assert_int_equal(zi_evidence_verify(dir, "../x.pdf", hex, got), ZI_EVIDENCE_OUTSIDE);
	/* an unreadable source is an input/output problem */
	char *rel2;
	assert_int_equal(zi_evidence_put(&st, "dpkp", "/nonexistent/x.pdf", &rel2, hex, &d), ZI_EIO);
	assert_null(rel2);
	assert_non_null(zt_diag_find(&d, "evidence-unreadable", 0));
	zi_store_close(&st);
	zi_diag_release(&d);
	unlink(scan);
	zt_rmtree(dir);
	free(full);
	free(rel);
	free(scan);
	free(dir);
}

/* zi-sign verify's work for one unit: each row with evidence counted, each
 * missing, changed or undigested file an error at its signatures line. */
static void test_verify_unit(void **state)
{
	(void)state;
	char *dir = zt_bare_records();
	zt_put(dir, "evidence/dpkp/a.pdf", "abc");
	zt_put(dir, "signatures/dpkp.csv",
	       ZT_SIGNATURES_HEADER
	       "198503122010011002,gratifikasi,2026-01-05,Budi,,staff,,evidence/dpkp/a.pdf,"
	       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad,\n"
	       "198503122010011002,lhkpn,2026-03-31,Budi,,staff,,evidence/dpkp/none.pdf,,\n"
	       "198503122010011002,pakta,2026-01-02,Budi,,staff,,evidence/dpkp/a.pdf,,\n"
	       "198503122010011002,coi,2026-01-02,Budi,,staff,,,,\n");
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_store st;
	assert_int_equal(zi_store_open(&st, dir, &d), 0);
	unsigned long files = 1, bad = 0;
	assert_int_equal(zi_evidence_verify_unit(&st, "dpkp", &files, &bad, &d), 0);
	assert_int_equal(files, 4);
	assert_int_equal(bad, 2);
	const struct zi_diag_entry *e = zt_diag_find(&d, "evidence-missing", 0);
	assert_non_null(e);
	assert_int_equal(e->line, 3);
	assert_non_null(zt_diag_find(&d, "evidence-no-digest", 0));
	assert_null(zt_diag_find(&d, "evidence-changed", 0));
	/* a unit without a signatures file has nothing to check */
	files = bad = 0;
	assert_int_equal(zi_evidence_verify_unit(&st, "bkpsdm", &files, &bad, &d), 0);
	assert_int_equal(files, 0);
	zi_store_close(&st);
	zi_diag_release(&d);
	zt_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256),	    cmocka_unit_test(test_ext),
		cmocka_unit_test(test_resolve),	    cmocka_unit_test(test_put_verify),
		cmocka_unit_test(test_verify_unit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

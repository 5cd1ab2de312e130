/* Every import, through the commands themselves (their main, renamed at
 * build time): the first byte chooses the import, the rest is the file. The
 * commands run with --dry-run on a records directory made once, with a unit
 * and its roster, so that every input meets the same records. The LKE
 * worksheet and PortalRB's jawaban-unit JSON both go through
 * 'zi-eval import' (a file beginning with '{' is JSON). */
#include "fuzz.h"

int zi_unit_main(int argc, char **argv);
int zi_declare_main(int argc, char **argv);
int zi_sign_main(int argc, char **argv);
int zi_eval_main(int argc, char **argv);

static const char *records;

static int run(int (*m)(int, char **), const char *const *args)
{
	char *argv[32];
	int argc = 0;
	argv[argc++] = (char *)"zi";
	argv[argc++] = (char *)"-C";
	argv[argc++] = (char *)records;
	for (; *args && argc < 31; args++)
		argv[argc++] = (char *)*args;
	argv[argc] = NULL;
	return m(argc, argv);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setenv("ZI_TODAY", "2026-11-22", 1);
	setenv("ZI_ACTOR", "fuzz", 1);
	setenv("ZI_THREADS", "1", 1);
	setenv("ZI_LANG", "en", 1);
	static char dir[600];
	snprintf(dir, sizeof(dir), "%s/records", fz_dir());
	records = dir;
	static const char roster[] = "NIP,Nama,Jabatan,Golongan,Wajib LHKPN,TMT\n"
				     "198503122010011002,Budi,Kepala,IV/a,ya,2010-01-01\n"
				     "199001012015032001,Sari,Staf,III/a,tidak,2015-03-01\n";
	const char *init[] = {"-q", "init", "--name", "Kota Fuzz", "--code", "1", NULL};
	const char *add[] = {"-q",	  "add",    "u1",	  "--name",
			     "Unit Satu", "--date", "2020-01-05", NULL};
	const char *staff[] = {"-q",
			       "staff",
			       "import",
			       "u1",
			       fz_file(0, "roster.csv", roster, sizeof(roster) - 1),
			       NULL};
	if (run(zi_unit_main, init) || run(zi_unit_main, add) || run(zi_unit_main, staff)) {
		fprintf(stderr, "fuzz_import: cannot make the records\n");
		abort();
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const char *file = fz_file(1, "in.csv", data + 1, size - 1);
	const char *reject = fz_file(2, "rejected.csv", "", 0);
	const char *a[16] = {"-q", "--dry-run"};
	int (*m)(int, char **) = zi_unit_main;
	size_t n = 2;
	switch (data[0] % 9) {
	case 0: /* units */
		a[n++] = "import";
		break;
	case 1: /* a roster */
		a[n++] = "staff";
		a[n++] = "import";
		a[n++] = "u1";
		break;
	case 2: /* declarations */
		m = zi_declare_main;
		a[n++] = "import";
		break;
	case 3: /* signatures, checked against the roster */
		m = zi_sign_main;
		a[n++] = "import";
		a[n++] = "u1";
		break;
	case 4: /* the LKE worksheet, or PortalRB JSON */
		m = zi_eval_main;
		a[n++] = "import";
		a[n++] = "u1";
		a[n++] = "--year";
		a[n++] = "2026";
		break;
	case 5: /* surveys */
	case 6:
	case 7:
		m = zi_eval_main;
		a[n++] = "survey";
		a[n++] = data[0] % 9 == 5 ? "ikm" : data[0] % 9 == 6 ? "ipak" : "ipkp";
		a[n++] = "u1";
		a[n++] = "--year";
		a[n++] = "2026";
		break;
	case 8: /* units with --reject: the bad rows set aside */
		a[n++] = "import";
		a[n++] = "--reject";
		a[n++] = reject;
		break;
	}
	a[n++] = file;
	a[n] = NULL;
	int rc = run(m, a);
	/* 0 done, 1 invalid data, 2 usage (a PortalRB file with --reject);
	 * never 4 (internal) */
	FZ_ASSERT(rc >= 0 && rc <= 3);
	return 0;
}

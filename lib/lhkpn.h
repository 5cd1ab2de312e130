/* The e-LHKPN list of who must file (KPK's "Daftar Wajib Lapor"): a person's
 * name reduced to what a roster and the list share, and which statuses are a
 * complete filing. zi-sign import-lhkpn matches the list to the rosters. */
#ifndef ZI_LHKPN_H
#define ZI_LHKPN_H

#include <stddef.h>

/* Field indexes of the e-LHKPN list (schemas/elhkpn.json), in schema order. */
enum zi_elhkpn_field {
	ZI_E_NIK, ZI_E_NAME, ZI_E_POSITION, ZI_E_UNIT_KERJA, ZI_E_SUB_UNIT_KERJA, ZI_E_STATUS,
	ZI_E_NFIELDS
};

/* The name without titles and degrees, folded: "dr. H. BUDI Santoso, M.Kes"
 * and "Budi Santoso" both give "budi santoso". Everything after the first
 * comma is degrees; before it, a word with a full stop (dr., H., Ir., S.Kom)
 * or a known title written without one (dr, drs, hj, ir, prof...) is set
 * aside; the other words are folded to lower-case letters and digits and
 * joined by one space. */
void zi_person_key(const char *name, char *out, size_t outsz);

/* Is an e-LHKPN status a complete filing? Diumumkan Lengkap and
 * Terverifikasi Lengkap (any case and spacing) are; Draft, Belum Lapor,
 * Diumumkan Tidak Lengkap and the rest are not. */
int zi_lhkpn_complete(const char *status);

#endif

/* The settings of a records directory kept in zi.json (language, instansi,
 * logo, signer, place, csv dialect; instansi set's kind, name, code and
 * coi): each key checked before it is written,
 * zi.json rewritten through the store (lock, temporary file, rename). */
#ifndef ZI_CONFIG_H
#define ZI_CONFIG_H

#include "diag.h"
#include "store.h"

/* The keys zi-unit config knows, NULL-terminated, in the order shown. */
extern const char *const zi_config_keys[];

/* The value of key in zi.json ("" when unset); ZI_EUSAGE naming it for an
 * unknown key. */
int zi_config_get(const struct zi_store *st, const char *key, const char **value, struct zi_diag *d);

/* Checks value for key and puts the new zi.json pending in the store (the
 * caller holds the lock and commits). An empty value unsets an optional key.
 * ZI_EUSAGE with a diagnostic naming the key or the value when either is
 * wrong; nothing is written then. *changed is 0 when zi.json already says
 * so. */
int zi_config_set(struct zi_store *st, const char *key, const char *value, int *changed,
		  struct zi_diag *d);

/* zi-unit instansi set without --year: the FIELD=VALUE assignments (already
 * checked to name kind, name, code, coi or coi.UNIT) applied to zi.json, and
 * the new zi.json put pending in the store when it changed (the caller holds
 * the lock and commits). kind is pemda or kl ("" unsets it); coi=WHO for
 * every unit, coi.UNIT=WHO for one, WHO all, lhkpn or none ("" for the
 * default). ZI_EDATA with a diagnostic for a bad value; nothing is written
 * then. *changed is 0 when zi.json already says so. */
int zi_config_assign(struct zi_store *st, const char *const *assign, size_t n, int *changed,
		     struct zi_diag *d);

#endif

/* Private to libzi's scoring files (lkescore.c, explain.c); commands use
 * model.h. */
#ifndef ZI_EXPLAIN_H
#define ZI_EXPLAIN_H

#include <stddef.h>

#include "model.h"

/* A score's number as explanations and messages show it: at most six
 * decimals, no trailing zeros ("0.75", "17.5"). */
void zi_explain_number(double v, char *out, size_t n);

#endif

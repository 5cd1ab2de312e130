/* Explanation output: see explain.c (zi_score_json and zi_score_text are
 * declared in model.h). This header is private to libzi's scoring files. */
#ifndef ZI_EXPLAIN_H
#define ZI_EXPLAIN_H

#include <stddef.h>

#include "model.h"

/* A score's number as explanations and messages show it: at most six
 * decimals, no trailing zeros ("0.75", "17.5"). */
void zi_explain_number(double v, char *out, size_t n);

#endif

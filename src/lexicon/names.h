/* names.h: human-readable names for CAMEO actor codes ("RUSGOV" -> "Russia:
 * government", "IGOWSTNAT" -> "NATO"), from dict/names.txt, the first phrase of
 * the bare country entries of actors/countries.txt and of the IGO, NGO and IMG
 * entries of actors/igos.txt and actors/groups.txt, and Debian's iso-codes
 * (ISO 3166-1) for countries we do not name. rl_names_new/rl_names_free own the
 * table; the strings returned are written into the caller's buffer. */
#ifndef RL_NAMES_H
#define RL_NAMES_H

#include "base/rl.h"
#include <stddef.h>

typedef struct rl_names rl_names;

rl_names *rl_names_new(void);
void rl_names_free(rl_names *n);   /* NULL-safe */
/* Loads the files above from a dict/ folder; iso NULL: the iso-codes default
 * path. A missing file is reported to dg as a warning and skipped. Returns
 * RL_OK or RL_ENOMEM. */
int rl_names_load_dir(rl_names *n, const char *dir, const char *iso, rl_diag *dg);
/* Adds one name: of a whole actor (a code's prefix: "RUS", "IGOWSTNAT") or, with
 * RL_NAMES_PART, of a three-letter part after it ("GOV"); an earlier name of the
 * code is kept unless RL_NAMES_REPLACE. RL_OK or RL_ENOMEM. */
enum { RL_NAMES_PART = 1, RL_NAMES_REPLACE = 2 };
int rl_names_add(rl_names *n, const char *code, const char *name, unsigned flags);
/* Writes the name of code into buf (cap > 0 bytes, truncated to fit) and returns
 * buf: the longest named prefix of the code, then the names of the three-letter
 * codes after it (": government, military"); codes without a name are kept as
 * written. "" when n is NULL or no part of the code has a name. */
const char *rl_names_format(const rl_names *n, const char *code, char *buf, size_t cap);

#endif

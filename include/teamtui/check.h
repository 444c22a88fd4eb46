/* check: lint a roster. The loader's own diagnostics plus what only a
 * resolved roster shows: unknown manager slugs, regexes that match nobody,
 * reports_to cycles, regexes that gave up backtracking. */
#ifndef TEAMTUI_CHECK_H
#define TEAMTUI_CHECK_H

#include "teamtui/diag.h"
#include "teamtui/resolve.h"
#include "teamtui/roster.h"

/* Append the rule warnings for r to out (the loader's are already there). */
void check_roster(const roster *r, resolver *rs, diag_list *out);

#endif

/* fuzz-roster: the checks a loaded roster must pass, shared by the
 * harnesses that load whole rosters (fuzz-team, fuzz-groups). */
#ifndef TEAMTUI_FUZZ_ROSTER_H
#define TEAMTUI_FUZZ_ROSTER_H

#include "teamtui/diag.h"
#include "teamtui/roster.h"

/* Check r's indexes, resolve every group, every person's groups and
 * manager chain (and cross-check the two views of membership), lint it
 * (check_roster), build the search index and run a few fixed queries;
 * then check every diagnostic list. Frees nothing of r. */
void fz_check_roster(roster *r, diag_list *diags);

#endif

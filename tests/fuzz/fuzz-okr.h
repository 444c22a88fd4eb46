/* fuzz-okr: checks shared by the two OKR answer harnesses. */
#ifndef TEAMTUI_FUZZ_OKR_H
#define TEAMTUI_FUZZ_OKR_H

#include "teamtui/okr.h"

/* The list as the program uses it after a fetch: okr_order must place
 * every item exactly once at a sane depth; the cache's round trip
 * (okr_to_json, printed, parsed, okr_from_json) must give the same items
 * back; health words and progress stay in range. */
void fz_check_okrs(const okr_list *l);

#endif

/* suggest: "did you mean" for unknown group ids and slugs. */
#ifndef TEAMTUI_SUGGEST_H
#define TEAMTUI_SUGGEST_H

#include <stddef.h>

/* Up to `max` candidates closest to `query` (edit distance, with
 * substring matches counted as close), best first. Returns how many. */
size_t suggest_closest(const char *query, const char *const *cands, size_t n,
		       const char **out, size_t max);

#endif

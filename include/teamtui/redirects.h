/* redirects: the handbook's page moves, layouts/index.redirects (the
 * static `old new 301` lines after its template part; `*` at the end of
 * `old` matches any rest, which `:splat` in `new` repeats, as Netlify's
 * _redirects format the file follows). */
#ifndef TEAMTUI_REDIRECTS_H
#define TEAMTUI_REDIRECTS_H

#include <stdbool.h>
#include <stddef.h>

#include "teamtui/arena.h"

typedef struct redirect {
	const char *from, *to; /* from ends in '*' for a prefix rule */
	int line;
} redirect;

typedef struct redirects {
	redirect *v;
	size_t n;
} redirects;

/* Parse text[0..len) (lines with "{{", blank lines and '#' comments are
 * skipped; a line needs at least two fields). Strings in arena a. False
 * only when out of memory. */
bool redirects_parse(const char *text, size_t len, arena *a, redirects *out);

/* p[0..n) with a '/' added unless it ends in one, malloc'd (NULL when out
 * of memory): the form every handbook path is compared in. */
char *redirects_slashed(const char *p, size_t n);

/* Follow path through the rules (the first rule that matches, up to 16
 * hops; a loop stops). Paths compare with a trailing '/' added to both
 * sides. Returns a malloc'd path (path itself when nothing matches), or
 * NULL when out of memory. */
char *redirects_follow(const redirects *rd, const char *path);

#endif

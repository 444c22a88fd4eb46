/* pattern: role regexes as the handbook evaluates them.
 *
 * The handbook uses Hugo's `where ... "like"`, i.e. Go's RE2 syntax,
 * unanchored and case-sensitive unless (?i). We compile with PCRE2 in UTF
 * mode, refuse the PCRE-only constructs RE2 would reject (so a roster that
 * works here also works in the handbook), and cap backtracking so a
 * catastrophic pattern cannot hang the program. */
#ifndef TEAMTUI_PATTERN_H
#define TEAMTUI_PATTERN_H

#include <stdbool.h>
#include <stddef.h>

typedef struct pattern pattern;

typedef enum {
	PATTERN_NO_MATCH = 0,
	PATTERN_MATCH = 1,
	PATTERN_LIMIT = -1, /* gave up: the match or depth limit was hit */
} pattern_result;

/* Compile re (NUL-terminated UTF-8): the RE2 check, then PCRE2's parse,
 * which finds every syntax error. The JIT and the match data are made on
 * the first pattern_match, so a regex never matched costs only the parse.
 * On failure returns NULL and writes "message" into err[errsize] and the
 * 1-based byte offset in re where it went wrong into *erroffset. The
 * pattern is owned by the caller: pattern_free. */
pattern *pattern_compile(const char *re, char *err, size_t errsize,
			 size_t *erroffset);
void pattern_free(pattern *p);
/* Does subject[0..len) match? subject[len] must be NUL (the literal
 * pre-check uses strstr). The first call prepares p (JIT, match data):
 * not thread-safe, as the model is single-threaded. PATTERN_LIMIT also
 * when that preparation is out of memory. */
pattern_result pattern_match(const pattern *p, const char *subject,
			     size_t len);
/* pattern_match for a subject known to contain pattern_required(p) (a
 * literal index found it there): the same answer without the strstr. */
pattern_result pattern_match_candidate(const pattern *p, const char *subject,
				       size_t len);
/* The literal a subject must contain to match (a fast pre-check), or NULL;
 * exposed for tests. */
const char *pattern_required(const pattern *p);

/* The RE2 check alone (exposed for tests): NULL when the pattern is RE2
 * syntax, else what RE2 would reject; *offset is 0-based. */
const char *pattern_re2_problem(const char *re, size_t *offset);

#endif

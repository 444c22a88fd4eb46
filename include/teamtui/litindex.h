/* litindex: which of many literal strings occur in a text, in one pass.
 *
 * An Aho-Corasick automaton (Aho and Corasick, "Efficient string
 * matching", CACM 18(6), 1975): a trie of the literals with failure links,
 * so a text of L bytes is scanned in O(L + occurrences) whatever the number
 * of literals. The resolver builds one over the literal each role regex
 * requires (pattern_required) and scans every distinct role once, so a
 * role is tested only against the regexes whose literal it contains. */
#ifndef TEAMTUI_LITINDEX_H
#define TEAMTUI_LITINDEX_H

#include <stddef.h>

typedef struct litindex litindex;

/* An index of lits[0..n): byte strings, NUL-terminated; NULL and empty
 * entries are skipped (they never occur), equal strings are each reported
 * under their own id. The strings are copied into the index. Returns NULL
 * when out of memory. Free with litindex_free. */
litindex *litindex_new(const char *const *lits, size_t n);
void litindex_free(litindex *ix);

/* Calls hit(ctx, id) for every occurrence of every literal in
 * text[0..len) (bytes; NULs are ordinary bytes), in order of where the
 * occurrence ends; a literal occurring twice is reported twice. */
void litindex_scan(const litindex *ix, const char *text, size_t len,
		   void (*hit)(void *ctx, size_t id), void *ctx);

/* The trie's number of states, the root included (for tests). */
size_t litindex_states(const litindex *ix);

#endif

/* arena: one allocation region freed in one call, plus string interning.
 *
 * The loaded model lives in a single arena so it is immutable after load
 * and released with arena_free(). Interned strings are shared: two equal
 * strings interned in the same arena are the same pointer, which lets the
 * resolver compare slugs by address. */
#ifndef TEAMTUI_ARENA_H
#define TEAMTUI_ARENA_H

#include <stddef.h>

typedef struct arena arena;

arena *arena_new(void);
void arena_free(arena *a);

/* Zeroed memory aligned for any object; NULL only when out of memory. */
void *arena_alloc(arena *a, size_t size);
void *arena_calloc(arena *a, size_t count, size_t size);
char *arena_strndup(arena *a, const char *s, size_t len);
char *arena_strdup(arena *a, const char *s);

/* The canonical copy of s[0..len): equal strings give the same pointer. */
const char *arena_intern(arena *a, const char *s, size_t len);

/* Roll an arena back to an earlier point, to reuse memory for the next
 * record of a stream. Not for arenas that intern strings. */
typedef struct arena_mark {
	void *block;
	size_t used, total;
} arena_mark;
arena_mark arena_save(const arena *a);
void arena_restore(arena *a, arena_mark m);

/* Bytes handed out so far (for the benchmark's memory report). */
size_t arena_used(const arena *a);

#endif

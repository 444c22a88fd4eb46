/* arena: one allocation region freed in one call, plus string interning.
 *
 * The loaded model lives in a single arena so it is immutable after load
 * and released with arena_free(). Interned strings are shared: two equal
 * strings interned in the same arena are the same pointer, which lets the
 * resolver compare slugs by address. */
#ifndef TEAMTUI_ARENA_H
#define TEAMTUI_ARENA_H

#include <stdbool.h>
#include <stddef.h>

typedef struct arena arena;

arena *arena_new(void);
void arena_free(arena *a);

/* Zeroed memory aligned for any object; NULL only when out of memory. */
void *arena_alloc(arena *a, size_t size);
void *arena_calloc(arena *a, size_t count, size_t size);
char *arena_strndup(arena *a, const char *s, size_t len);
char *arena_strdup(arena *a, const char *s);

/* The canonical copy of s[0..len): equal strings give the same pointer.
 * NULL only when out of memory. */
const char *arena_intern(arena *a, const char *s, size_t len);
/* arena_intern of each s[i] (NULL gives NULL) into out[i], in order: the
 * same pointers as n calls, faster for strings that are likely not in
 * cache (the table's slots for all of them are fetched at once). */
void arena_intern_n(arena *a, size_t n, const char *const *s,
		    const size_t *len, const char **out);
/* The hash arena_intern files s[0..len) under: fast for short strings,
 * good in its low bits (for power-of-two tables), not keyed (not for
 * input an adversary picks to collide, on large tables). */
size_t arena_hash(const char *s, size_t len);
/* A hash of an address, for tables keyed by pointer (good in its low
 * bits, as arena_hash). */
size_t arena_hash_ptr(const void *p);

/* Give the arena a malloc'd block p: it is freed with the arena (so a
 * large array built with realloc joins the arena without a copy). False,
 * p still the caller's, when out of memory. arena_restore does not undo
 * it: never adopt into an arena that is rolled back. */
bool arena_adopt(arena *a, void *p);

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

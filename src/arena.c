/* arena.c: bump allocator in growing blocks, and an open-addressing string
 * table for interning. */
#include "teamtui/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { BLOCK_MIN = 64 * 1024, ALIGN = 16 };

struct block {
	struct block *next;
	size_t size, used;
	_Alignas(ALIGN) unsigned char data[];
};

struct arena {
	struct block *head;
	size_t total;
	/* intern table: slots hold interned strings, NULL when empty */
	const char **slots;
	size_t *lens;
	size_t nslots, nused;
};

arena *arena_new(void)
{
	return calloc(1, sizeof(arena));
}

void arena_free(arena *a)
{
	if (!a)
		return;
	for (struct block *b = a->head, *n; b; b = n) {
		n = b->next;
		free(b);
	}
	free(a->slots);
	free(a->lens);
	free(a);
}

void *arena_alloc(arena *a, size_t size)
{
	size = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	struct block *b = a->head;
	if (!b || b->size - b->used < size) {
		size_t bs = BLOCK_MIN;
		if (b && b->size < 16 * 1024 * 1024)
			bs = b->size * 2; /* fewer, larger blocks for large rosters */
		else if (b)
			bs = b->size;
		if (bs < size)
			bs = size;
		/* calloc: fresh pages come zeroed from the kernel, so the
		 * arena never has to clear memory itself */
		struct block *nb = calloc(1, sizeof(*nb) + bs);
		if (!nb)
			return NULL;
		nb->size = bs;
		nb->used = 0;
		/* a one-off large allocation goes behind the current block so the
		 * current block's free space is not wasted */
		if (b && size > bs / 2 && b->size - b->used > 1024) {
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			a->head = nb;
		}
		b = nb;
	}
	void *p = b->data + b->used;
	b->used += size;
	a->total += size;
	return p; /* zero: blocks are calloc'd and never reused */
}

void *arena_calloc(arena *a, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		return NULL;
	return arena_alloc(a, count * size);
}

char *arena_strndup(arena *a, const char *s, size_t len)
{
	char *p = arena_alloc(a, len + 1);
	if (p) {
		if (len)
			memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

char *arena_strdup(arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

/* Eight bytes a step, then a final mix so the low bits (the table index)
 * depend on every input byte. */
static uint64_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = 0x9E3779B97F4A7C15ull ^ len, w;
	for (; len >= 8; s += 8, len -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 32;
	}
	w = 0;
	memcpy(&w, s, len);
	h = (h ^ w) * 0xff51afd7ed558ccdull;
	h ^= h >> 29;
	h *= 0xc4ceb9fe1a85ec53ull;
	return h ^ (h >> 32);
}

static int intern_grow(arena *a)
{
	size_t n = a->nslots ? a->nslots * 2 : 1024;
	const char **slots = calloc(n, sizeof(*slots));
	size_t *lens = calloc(n, sizeof(*lens));
	if (!slots || !lens) {
		free(slots);
		free(lens);
		return -1;
	}
	for (size_t i = 0; i < a->nslots; i++) {
		if (!a->slots[i])
			continue;
		size_t j = hash_bytes(a->slots[i], a->lens[i]) & (n - 1);
		while (slots[j])
			j = (j + 1) & (n - 1);
		slots[j] = a->slots[i];
		lens[j] = a->lens[i];
	}
	free(a->slots);
	free(a->lens);
	a->slots = slots;
	a->lens = lens;
	a->nslots = n;
	return 0;
}

const char *arena_intern(arena *a, const char *s, size_t len)
{
	if ((a->nused + 1) * 2 > a->nslots && intern_grow(a) < 0)
		return NULL;
	size_t mask = a->nslots - 1;
	size_t j = hash_bytes(s, len) & mask;
	for (; a->slots[j]; j = (j + 1) & mask)
		if (a->lens[j] == len && memcmp(a->slots[j], s, len) == 0)
			return a->slots[j];
	char *p = arena_strndup(a, s, len);
	if (!p)
		return NULL;
	a->slots[j] = p;
	a->lens[j] = len;
	a->nused++;
	return p;
}

arena_mark arena_save(const arena *a)
{
	return (arena_mark){a->head, a->head ? a->head->used : 0, a->total};
}

void arena_restore(arena *a, arena_mark m)
{
	while (a->head && a->head != m.block) {
		struct block *b = a->head;
		a->head = b->next;
		free(b);
	}
	if (a->head) {
		/* handed-out memory must read as zero again */
		memset(a->head->data + m.used, 0, a->head->used - m.used);
		a->head->used = m.used;
	}
	a->total = m.total;
}

size_t arena_used(const arena *a)
{
	return a->total;
}

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

/* A slot of the intern table: the string, its length and the low 32 bits
 * of its hash, side by side, so a probe compares hash and length without
 * touching the string, and growing never rehashes a string. */
struct islot {
	const char *s; /* NULL: empty */
	uint32_t hash, len;
};

/* A malloc'd block the arena owns (arena_adopt). */
struct adopted {
	struct adopted *next;
	void *p;
};

struct arena {
	struct block *head;
	size_t total;
	struct islot *slots; /* intern table, open addressing */
	size_t nslots, nused;
	struct adopted *adopted;
};

arena *arena_new(void)
{
	return calloc(1, sizeof(arena));
}

void arena_free(arena *a)
{
	if (!a)
		return;
	for (struct adopted *d = a->adopted; d; d = d->next)
		free(d->p);
	free(a->slots);
	for (struct block *b = a->head, *n; b; b = n) {
		n = b->next;
		free(b);
	}
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

static inline uint64_t load64(const char *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

static inline uint64_t load32(const char *p)
{
	uint32_t v;
	memcpy(&v, p, 4);
	return v;
}

/* Short strings (most interned ones: slugs, keys, places) take two
 * overlapping loads and three multiplications; longer ones 16 bytes a
 * step in two independent lanes. The final mix makes the low bits (the
 * table index) depend on every input bit. Not for adversaries: probing
 * is linear, but a table stays at most half full. */
static uint64_t hash_bytes(const char *s, size_t len)
{
	const uint64_t k1 = 0x9E3779B97F4A7C15ull, k2 = 0xff51afd7ed558ccdull,
		       k3 = 0xc4ceb9fe1a85ec53ull;
	uint64_t a, b;
	if (len <= 16) {
		if (len >= 8) {
			a = load64(s);
			b = load64(s + len - 8);
		} else if (len >= 4) {
			a = load32(s);
			b = load32(s + len - 4);
		} else if (len) {
			a = (uint64_t)(unsigned char)s[0] << 16 |
			    (uint64_t)(unsigned char)s[len >> 1] << 8 |
			    (unsigned char)s[len - 1];
			b = 0;
		} else {
			a = b = 0;
		}
	} else {
		uint64_t h1 = k1, h2 = k2;
		const char *p = s, *end = s + len - 16;
		for (; p < end; p += 16) {
			h1 = (h1 ^ load64(p)) * k3;
			h2 = (h2 ^ load64(p + 8)) * k1;
			h1 ^= h1 >> 31;
			h2 ^= h2 >> 29;
		}
		a = h1 ^ load64(end);
		b = h2 ^ load64(end + 8);
	}
	uint64_t h = (a ^ k2 ^ len) * k1;
	h ^= (b ^ k3) * k2;
	h ^= h >> 29;
	h *= k3;
	return h ^ (h >> 32);
}

size_t arena_hash(const char *s, size_t len)
{
	return (size_t)hash_bytes(s, len);
}

size_t arena_hash_ptr(const void *p)
{
	uint64_t h = (uint64_t)(uintptr_t)p;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	return (size_t)h;
}

static int intern_grow(arena *a)
{
	size_t n = a->nslots ? a->nslots * 2 : 1024;
	struct islot *slots = calloc(n, sizeof(*slots));
	if (!slots)
		return -1;
	for (size_t i = 0; i < a->nslots; i++) {
		if (!a->slots[i].s)
			continue;
		size_t j = a->slots[i].hash & (n - 1);
		while (slots[j].s)
			j = (j + 1) & (n - 1);
		slots[j] = a->slots[i];
	}
	free(a->slots);
	a->slots = slots;
	a->nslots = n;
	return 0;
}

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

/* arena_intern with s's hash h known (the table has room for one more) */
static const char *intern_hashed(arena *a, const char *s, size_t len, uint32_t h)
{
	uint32_t n = (uint32_t)len;
	size_t mask = a->nslots - 1, j = h & mask;
	for (; a->slots[j].s; j = (j + 1) & mask)
		if (a->slots[j].hash == h && a->slots[j].len == n &&
		    memcmp(a->slots[j].s, s, len) == 0)
			return a->slots[j].s;
	char *p = arena_strndup(a, s, len);
	if (!p)
		return NULL;
	a->slots[j] = (struct islot){p, h, n};
	a->nused++;
	return p;
}

const char *arena_intern(arena *a, const char *s, size_t len)
{
	if (len >= UINT32_MAX) /* never from a roster (files are capped far
				  below): a copy of its own */
		return arena_strndup(a, s, len);
	if ((a->nused + 1) * 2 > a->nslots && intern_grow(a) < 0)
		return NULL;
	return intern_hashed(a, s, len, (uint32_t)hash_bytes(s, len));
}

void arena_intern_n(arena *a, size_t n, const char *const *s,
		    const size_t *len, const char **out)
{
	enum { BATCH = 16 };
	for (; n > BATCH; n -= BATCH, s += BATCH, len += BATCH, out += BATCH)
		arena_intern_n(a, BATCH, s, len, out);
	/* room for all first: no slot moves between the passes */
	while ((a->nused + n) * 2 > a->nslots)
		if (intern_grow(a) < 0)
			break;
	bool room = (a->nused + n) * 2 <= a->nslots;
	uint32_t h[BATCH];
	size_t mask = a->nslots - 1;
	for (size_t i = 0; room && i < n; i++)
		if (s[i] && len[i] < UINT32_MAX) {
			h[i] = (uint32_t)hash_bytes(s[i], len[i]);
			PREFETCH(&a->slots[h[i] & mask]);
		}
	/* the slots are on their way: fetch the strings they may hold */
	for (size_t i = 0; room && i < n; i++)
		if (s[i] && len[i] < UINT32_MAX) {
			const struct islot *t = &a->slots[h[i] & mask];
			if (t->s && t->hash == h[i])
				PREFETCH(t->s);
		}
	for (size_t i = 0; i < n; i++)
		out[i] = !s[i] ? NULL
			 : room && len[i] < UINT32_MAX ? intern_hashed(a, s[i], len[i], h[i])
						       : arena_intern(a, s[i], len[i]);
}

bool arena_adopt(arena *a, void *p)
{
	struct adopted *d = arena_alloc(a, sizeof(*d));
	if (!d)
		return false;
	d->p = p;
	d->next = a->adopted;
	a->adopted = d;
	return true;
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

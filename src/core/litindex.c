/* litindex.c: Aho-Corasick over a set of literals (see litindex.h). */
#include "teamtui/litindex.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* State 0 is the root. Its transitions are a full table; every other
 * state's are a sorted run of edges (most states have one child). */
struct litindex {
	size_t nstates;
	int32_t root_next[256]; /* -1: stay at the root */
	uint32_t *edge_start;	/* per state: its edges, edge_start[s + 1] ends */
	unsigned char *edge_byte;
	uint32_t *edge_to;
	uint32_t *fail;	 /* the longest proper suffix that is a state */
	int64_t *out;	 /* the first literal ending here, or -1 */
	int64_t *dict;	 /* the nearest state down the failure chain with
			    an out, or -1 */
	int64_t *same;	 /* per literal: the next literal equal to it, -1 */
};

struct edge {
	uint32_t from, to;
	unsigned char byte;
};

/* While building: (state, byte) -> child, open addressing. */
struct map {
	uint64_t *keys; /* (state << 8 | byte) + 1; 0 is empty */
	uint32_t *vals;
	size_t mask;
};

static size_t slot(const struct map *m, uint64_t key)
{
	size_t h = (size_t)((key * 0x9E3779B97F4A7C15ull) >> 17) & m->mask;
	while (m->keys[h] && m->keys[h] != key)
		h = (h + 1) & m->mask;
	return h;
}

static int cmp_edge(const void *a, const void *b)
{
	const struct edge *x = a, *y = b;
	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	return (x->byte > y->byte) - (x->byte < y->byte);
}

static int64_t child(const litindex *ix, uint32_t s, unsigned char c)
{
	if (s == 0)
		return ix->root_next[c];
	uint32_t lo = ix->edge_start[s], hi = ix->edge_start[s + 1];
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (ix->edge_byte[mid] < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ix->edge_start[s + 1] && ix->edge_byte[lo] == c
		   ? (int64_t)ix->edge_to[lo]
		   : -1;
}

void litindex_free(litindex *ix)
{
	if (!ix)
		return;
	free(ix->edge_start);
	free(ix->edge_byte);
	free(ix->edge_to);
	free(ix->fail);
	free(ix->out);
	free(ix->dict);
	free(ix->same);
	free(ix);
}

/* The trie: states numbered in creation order, edges in a list. */
static bool build_trie(litindex *ix, const char *const *lits, size_t n,
		       struct edge **edges, size_t *nedges)
{
	size_t bytes = 0;
	for (size_t i = 0; i < n; i++)
		bytes += lits[i] ? strlen(lits[i]) : 0;
	if (bytes >= UINT32_MAX - 1)
		return false;
	size_t cap = 64;
	while (cap < 2 * (bytes + 1))
		cap *= 2;
	struct map m = {calloc(cap, sizeof(uint64_t)), malloc(cap * sizeof(uint32_t)),
			cap - 1};
	*edges = malloc((bytes + 1) * sizeof(**edges));
	ix->out = malloc((bytes + 1) * sizeof(int64_t));
	ix->same = malloc((n + 1) * sizeof(int64_t));
	bool ok = m.keys && m.vals && *edges && ix->out && ix->same;
	if (ok) {
		ix->nstates = 1;
		ix->out[0] = -1;
		*nedges = 0;
	}
	for (size_t i = 0; ok && i < n; i++) {
		ix->same[i] = -1;
		const unsigned char *s = (const unsigned char *)lits[i];
		if (!s || !*s)
			continue;
		uint32_t at = 0;
		for (; *s; s++) {
			uint64_t key = ((uint64_t)at << 8 | *s) + 1;
			size_t h = slot(&m, key);
			if (!m.keys[h]) {
				uint32_t to = (uint32_t)ix->nstates++;
				m.keys[h] = key;
				m.vals[h] = to;
				ix->out[to] = -1;
				(*edges)[(*nedges)++] = (struct edge){at, to, *s};
			}
			at = m.vals[h];
		}
		/* equal literals chain from the state's first one */
		if (ix->out[at] < 0) {
			ix->out[at] = (int64_t)i;
		} else {
			int64_t k = ix->out[at];
			while (ix->same[k] >= 0)
				k = ix->same[k];
			ix->same[k] = (int64_t)i;
		}
	}
	free(m.keys);
	free(m.vals);
	return ok;
}

litindex *litindex_new(const char *const *lits, size_t n)
{
	litindex *ix = calloc(1, sizeof(*ix));
	if (!ix)
		return NULL;
	struct edge *edges = NULL;
	size_t nedges = 0;
	uint32_t *queue = NULL;
	if (!build_trie(ix, lits, n, &edges, &nedges))
		goto fail;
	size_t ns = ix->nstates;
	qsort(edges, nedges, sizeof(*edges), cmp_edge);
	ix->edge_start = calloc(ns + 1, sizeof(uint32_t));
	ix->edge_byte = malloc(nedges + 1);
	ix->edge_to = malloc((nedges + 1) * sizeof(uint32_t));
	ix->fail = calloc(ns, sizeof(uint32_t));
	ix->dict = malloc(ns * sizeof(int64_t));
	queue = malloc(ns * sizeof(uint32_t));
	if (!ix->edge_start || !ix->edge_byte || !ix->edge_to || !ix->fail ||
	    !ix->dict || !queue)
		goto fail;
	for (size_t i = 0; i < 256; i++)
		ix->root_next[i] = -1;
	for (size_t e = 0; e < nedges; e++) {
		ix->edge_start[edges[e].from + 1]++;
		ix->edge_byte[e] = edges[e].byte;
		ix->edge_to[e] = edges[e].to;
		if (edges[e].from == 0)
			ix->root_next[edges[e].byte] = (int32_t)edges[e].to;
	}
	for (size_t s = 0; s < ns; s++)
		ix->edge_start[s + 1] += ix->edge_start[s];
	free(edges);
	edges = NULL;
	/* failure links breadth first: a state's are set before its
	 * children's */
	size_t head = 0, tail = 0;
	ix->dict[0] = -1;
	queue[tail++] = 0;
	while (head < tail) {
		uint32_t u = queue[head++];
		for (uint32_t e = ix->edge_start[u]; e < ix->edge_start[u + 1]; e++) {
			uint32_t v = ix->edge_to[e];
			unsigned char c = ix->edge_byte[e];
			uint32_t f = 0;
			if (u != 0) {
				uint32_t g = ix->fail[u];
				int64_t t;
				while ((t = child(ix, g, c)) < 0 && g != 0)
					g = ix->fail[g];
				f = t >= 0 ? (uint32_t)t : 0;
			}
			ix->fail[v] = f;
			ix->dict[v] = ix->out[f] >= 0 ? (int64_t)f : ix->dict[f];
			queue[tail++] = v;
		}
	}
	free(queue);
	return ix;
fail:
	free(edges);
	free(queue);
	litindex_free(ix);
	return NULL;
}

void litindex_scan(const litindex *ix, const char *text, size_t len,
		   void (*hit)(void *ctx, size_t id), void *ctx)
{
	uint32_t s = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		int64_t t;
		while ((t = child(ix, s, c)) < 0 && s != 0)
			s = ix->fail[s];
		s = t >= 0 ? (uint32_t)t : 0;
		for (int64_t at = ix->out[s] >= 0 ? (int64_t)s : ix->dict[s]; at >= 0;
		     at = ix->dict[at])
			for (int64_t id = ix->out[at]; id >= 0; id = ix->same[id])
				hit(ctx, (size_t)id);
	}
}

size_t litindex_states(const litindex *ix)
{
	return ix->nstates;
}

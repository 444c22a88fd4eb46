/* fuzz-litindex: the Aho-Corasick automaton of litindex.h (litindex_new,
 * litindex_scan, litindex_states), checked against brute force.
 *
 * Feeds: the input split on '\n'. The last piece is the text, scanned
 * with its length (NUL bytes are ordinary bytes there); the pieces before
 * it are the literals (at most MAX_LITS, each cut to MAX_LIT bytes and
 * passed as a NUL-terminated copy, so a literal ends at its first NUL; an
 * empty piece is the empty literal, a piece that starts with a NUL is
 * passed as NULL: neither may ever be reported).
 * Asserts: no memory error, leak or undefined behaviour; the ids
 * litindex_scan reports are exactly the occurrences brute force finds, in
 * its order: by where the occurrence ends, then longest first, equal
 * literals in id order (as tests/test-text.c's test_litindex); where they
 * end too, by scanning prefixes of the text (every prefix of a short
 * text, a few cuts of a long one: what a prefix reports must be the
 * occurrences that end inside it); the trie has one state per distinct
 * prefix of the literals, the root included. */
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"
#include "teamtui/litindex.h"

enum { MAX_LITS = 200, MAX_LIT = 64, ALL_CUTS = 64, SOME_CUTS = 8 };

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

/* A growing list of literal ids. */
struct ids {
	size_t *v;
	size_t n, cap;
};

static void push(struct ids *l, size_t id)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 64;
		size_t *v = realloc(l->v, cap * sizeof(*v));
		FZ_CHECK(v != NULL, "out of memory");
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = id;
}

static void on_hit(void *ctx, size_t id)
{
	push(ctx, id);
}

static const char *const *sort_lits; /* for by_length */

/* Longest first, then by id: the order brute force reports one end in. */
static int by_length(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	size_t lx = strlen(sort_lits[x]), ly = strlen(sort_lits[y]);
	if (lx != ly)
		return lx > ly ? -1 : 1;
	return (x > y) - (x < y);
}

static int by_bytes(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* What a scan of text[0..len) reports. */
static void scan(const litindex *ix, const char *text, size_t len, struct ids *out)
{
	out->n = 0;
	litindex_scan(ix, text, len, on_hit, out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* the last '\n' ends the literals */
	const uint8_t *nl = NULL;
	for (size_t i = size; i-- > 0;)
		if (data[i] == '\n') {
			nl = data + i;
			break;
		}
	const char *text = nl ? (const char *)nl + 1 : (const char *)data;
	size_t len = size - (size_t)((const uint8_t *)text - data);

	char *store[MAX_LITS];
	const char *lits[MAX_LITS];
	size_t n = 0;
	for (const uint8_t *p = data; nl && p <= nl && n < MAX_LITS;) {
		const uint8_t *e = memchr(p, '\n', (size_t)(nl - p) + 1);
		size_t l = (size_t)(e - p);
		if (l > MAX_LIT)
			l = MAX_LIT;
		store[n] = fz_cstr(p, l);
		lits[n] = l && !p[0] ? NULL : store[n];
		n++;
		p = e + 1;
	}

	litindex *ix = litindex_new(n ? lits : NULL, n);
	FZ_CHECK(ix != NULL, "litindex_new: out of memory");

	/* the trie: one state per distinct non-empty prefix, plus the root */
	const char *sorted[MAX_LITS];
	size_t ns = 0, want_states = 1;
	for (size_t i = 0; i < n; i++)
		if (lits[i] && *lits[i])
			sorted[ns++] = lits[i];
	qsort(sorted, ns, sizeof(*sorted), by_bytes);
	for (size_t i = 0; i < ns; i++) {
		size_t common = 0;
		if (i)
			while (sorted[i][common] && sorted[i][common] == sorted[i - 1][common])
				common++;
		want_states += strlen(sorted[i]) - common;
	}
	FZ_CHECK(litindex_states(ix) == want_states, "%zu states, %zu distinct prefixes + 1",
		 litindex_states(ix), want_states);

	/* brute force: every end, the literals longest first, equal ones by
	 * id; ends[k] is where the k-th occurrence ends */
	size_t order[MAX_LITS], no = 0;
	for (size_t i = 0; i < n; i++)
		if (lits[i] && *lits[i])
			order[no++] = i;
	sort_lits = lits;
	qsort(order, no, sizeof(*order), by_length);
	size_t litlen[MAX_LITS];
	for (size_t i = 0; i < n; i++)
		litlen[i] = lits[i] ? strlen(lits[i]) : 0;
	struct ids want = {0}, ends = {0}, got = {0};
	for (size_t end = 1; end <= len; end++)
		for (size_t k = 0; k < no; k++) {
			size_t i = order[k], l = litlen[i];
			if (l <= end && !memcmp(text + end - l, lits[i], l)) {
				push(&want, i);
				push(&ends, end);
			}
		}

	scan(ix, text, len, &got);
	size_t diff = 0;
	while (diff < got.n && diff < want.n && got.v[diff] == want.v[diff])
		diff++;
	FZ_CHECK(got.n == want.n && diff == want.n,
		 "%zu occurrences reported, %zu by brute force; they differ at #%zu "
		 "(id %zu, brute force: id %zu ending at %zu)",
		 got.n, want.n, diff, diff < got.n ? got.v[diff] : (size_t)-1,
		 diff < want.n ? want.v[diff] : (size_t)-1,
		 diff < want.n ? ends.v[diff] : (size_t)-1);

	/* where they end: a prefix reports what ends inside it, no more */
	size_t ncuts = len <= ALL_CUTS ? len : SOME_CUTS;
	for (size_t c = 0; c < ncuts; c++) {
		size_t cut = len <= ALL_CUTS ? c : (len * c) / SOME_CUTS + (c & 1);
		size_t inside = 0;
		while (inside < ends.n && ends.v[inside] <= cut)
			inside++;
		scan(ix, text, cut, &got);
		FZ_CHECK(got.n == inside &&
			     (!inside || !memcmp(got.v, want.v, inside * sizeof(size_t))),
			 "the first %zu bytes report %zu occurrences, %zu end there", cut,
			 got.n, inside);
	}

	free(want.v);
	free(ends.v);
	free(got.v);
	litindex_free(ix);
	for (size_t i = 0; i < n; i++)
		free(store[i]);
	return 0;
}

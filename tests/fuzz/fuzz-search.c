/* fuzz-search: the who-search query parser and ranking, search_query,
 * over the index of a fixed roster: the sample organisation, data/ of the
 * source tree ($FUZZ_ROSTER, else the srcdir this harness was configured
 * from), loaded and indexed once in LLVMFuzzerInitialize.
 *
 * Feeds: the input up to its first NUL as what the user typed.
 * Asserts: no memory error, leak or undefined behaviour; at most `max`
 * hits, each a person or group of the roster, best first, with a
 * terminated reason; none for a query search_query_problem refuses; the same query twice gives the same hits (the
 * per-query scratch state is reset), and a fixed query afterwards gives
 * exactly what it gave before any fuzzed query. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"
#include "teamtui/roster.h"
#include "teamtui/search.h"

#ifndef FUZZ_ROSTER_DIR
#error FUZZ_ROSTER_DIR must name the sample roster (Makefile.am sets it)
#endif

enum { MAX_HITS = 20 };

static roster *r;
static search_index *idx;
static search_hit baseline[MAX_HITS];
static size_t nbaseline;
/* two words, each too short for the (costly) typo search */
static const char BASELINE_QUERY[] = "sean carr";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	const char *dir = fz_roster_dir(FUZZ_ROSTER_DIR);
	diag_list diags;
	diag_init(&diags);
	r = roster_load(dir, &diags);
	FZ_CHECK(r && r->npeople && r->ngroups && !diags.errors,
		 "cannot load the roster %s (%zu errors)", dir, diags.errors);
	diag_free(&diags);
	idx = search_build(r);
	FZ_CHECK(idx != NULL, "search_build: out of memory");
	nbaseline = search_query(idx, BASELINE_QUERY, baseline, MAX_HITS);
	FZ_CHECK(nbaseline > 0, "the baseline query finds nothing in %s", dir);
	/* the index and roster live until exit: LeakSanitizer sees them as
	 * still reachable, not leaked */
	return 0;
}

static int same_hits(const search_hit *a, size_t na, const search_hit *b,
		     size_t nb)
{
	if (na != nb)
		return 0;
	for (size_t i = 0; i < na; i++)
		if (a[i].kind != b[i].kind || a[i].person != b[i].person ||
		    a[i].group != b[i].group || a[i].score != b[i].score ||
		    strcmp(a[i].reason, b[i].reason))
			return 0;
	return 1;
}

static void check_hits(const search_hit *h, size_t n, size_t max)
{
	FZ_CHECK(n <= max, "%zu hits for max %zu", n, max);
	for (size_t i = 0; i < n; i++) {
		if (h[i].kind == SEARCH_PERSON)
			FZ_CHECK(h[i].person >= r->people &&
				     h[i].person < r->people + r->npeople &&
				     !h[i].group,
				 "hit %zu: not a person of the roster", i);
		else
			FZ_CHECK(h[i].kind == SEARCH_GROUP && h[i].group >= r->groups &&
				     h[i].group < r->groups + r->ngroups &&
				     !h[i].person,
				 "hit %zu: not a group of the roster", i);
		FZ_CHECK(memchr(h[i].reason, 0, sizeof(h[i].reason)) != NULL,
			 "hit %zu: reason not terminated", i);
		FZ_CHECK(!i || h[i - 1].score >= h[i].score, "hit %zu: not best first",
			 i);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *q = fz_cstr(data, size);
	search_hit a[MAX_HITS], b[MAX_HITS], c[MAX_HITS];
	size_t na = search_query(idx, q, a, MAX_HITS);
	check_hits(a, na, MAX_HITS);
	FZ_CHECK(!search_query_problem(q) || !na, "a refused query found %zu hits", na);
	size_t nb = search_query(idx, q, b, MAX_HITS);
	FZ_CHECK(same_hits(a, na, b, nb), "the same query twice gave different hits");
	size_t one = search_query(idx, q, c, 1); /* the TUI's "jump" asks for one */
	check_hits(c, one, 1);
	FZ_CHECK(one == (na ? 1 : 0) && (!one || same_hits(a, 1, c, 1)),
		 "max 1 does not give the best hit");
	size_t nc = search_query(idx, BASELINE_QUERY, c, MAX_HITS);
	FZ_CHECK(same_hits(baseline, nbaseline, c, nc),
		 "the fixed query changed after '%s'", q);
	free(q);
	return 0;
}

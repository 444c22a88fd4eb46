/* bench-search: the cost of "who do I ask?" per keystroke.
 *
 *   bench-search DIR
 *
 * Builds the index once (timed), then types a few queries one character at
 * a time, running the search after each as the TUI does (200 results), and
 * prints the mean and worst time per keystroke. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "teamtui/roster.h"
#include "teamtui/search.h"
#include "teamtui/utf8.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: bench-search DIR\n");
		return 2;
	}
	utf8_locale_init();
	static const char *const queries[] = {
	    "custom models", "graphql", "sean carroll", "maintainer gitaly",
	    "kubernets", "product manager plan", "szasz", "source code 12",
	    "e", "engineer"};
	diag_list d;
	diag_init(&d);
	roster *r = roster_load(argv[1], &d);
	double t0 = now_ms();
	search_index *s = search_build(r);
	double t1 = now_ms();
	static search_hit hits[200];
	double total = 0, worst = 0;
	size_t keys = 0;
	for (size_t q = 0; q < sizeof(queries) / sizeof(*queries); q++) {
		char typed[64];
		for (size_t n = 1; n <= strlen(queries[q]); n++) {
			memcpy(typed, queries[q], n);
			typed[n] = '\0';
			double a = now_ms();
			search_query(s, typed, hits, 200);
			double b = now_ms() - a;
			total += b;
			worst = b > worst ? b : worst;
			keys++;
		}
	}
	printf("people=%zu index_ms=%.1f keystrokes=%zu mean_ms=%.3f worst_ms=%.3f\n",
	       r->npeople, t1 - t0, keys, total / (double)keys, worst);
	search_free(s);
	roster_free(r);
	diag_free(&d);
	return 0;
}

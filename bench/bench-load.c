/* bench-load: time the real loader and resolver on a roster directory.
 *
 *   bench-load DIR [REPEAT] [GROUP]
 *
 * Prints best-of-REPEAT times for roster_load, for resolving every group,
 * and (with GROUP) for resolving one group as `teamtui show` does, plus the
 * process's peak RSS and the model arena's size. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "teamtui/resolve.h"
#include "teamtui/roster.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: bench-load DIR [REPEAT] [GROUP]\n");
		return 2;
	}
	int repeat = argc > 2 ? atoi(argv[2]) : 5;
	const char *gid = argc > 3 ? argv[3] : NULL;
	double best_load = 1e30, best_all = 1e30, best_one = 1e30;
	size_t people = 0, groups = 0, arena_bytes = 0, errors = 0, members = 0;
	for (int i = 0; i < (repeat > 0 ? repeat : 1); i++) {
		diag_list d;
		diag_init(&d);
		double t0 = now_ms();
		roster *r = roster_load(argv[1], &d);
		double t1 = now_ms();
		if (!r)
			return 1;
		resolver *rs = resolver_new(r);
		if (gid) {
			const group *g = roster_group(r, gid);
			const group_team *t = g ? resolve_group(rs, g) : NULL;
			double t2 = now_ms();
			if (!t) {
				fprintf(stderr, "bench-load: no group %s\n", gid);
				return 1;
			}
			members = t->members.n + t->counterparts.n;
			best_one = t2 - t1 < best_one ? t2 - t1 : best_one;
			resolver_free(rs);
			rs = resolver_new(r);
		}
		double t3 = now_ms();
		resolve_all(rs);
		double t4 = now_ms();
		best_load = t1 - t0 < best_load ? t1 - t0 : best_load;
		best_all = t4 - t3 < best_all ? t4 - t3 : best_all;
		people = r->npeople;
		groups = r->ngroups;
		arena_bytes = arena_used(r->arena);
		errors = d.errors;
		resolver_free(rs);
		roster_free(r);
		diag_free(&d);
	}
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("people=%zu groups=%zu errors=%zu load_ms=%.3f resolve_all_ms=%.3f "
	       "load_resolve_ms=%.3f peak_rss_kb=%ld arena_kb=%zu",
	       people, groups, errors, best_load, best_all, best_load + best_all,
	       ru.ru_maxrss, arena_bytes / 1024);
	if (gid)
		printf(" resolve_one_ms=%.3f one_group_people=%zu", best_one, members);
	putchar('\n');
	return 0;
}

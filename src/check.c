/* check.c: roster-wide warnings. */
#include "teamtui/check.h"

#include <stdlib.h>
#include <string.h>

static void warn_at(diag_list *out, srcloc at, const char *msg, const char *arg)
{
	diag_add(out, DIAG_WARNING, at.file, at.line, at.col, msg, arg);
}

static void check_managers(const roster *r, diag_list *out)
{
	for (size_t i = 0; i < r->ngroups; i++) {
		const group *g = &r->groups[i];
		if (g->team && !roster_person(r, g->team->manager))
			warn_at(out, g->team->manager_loc,
				"manager '%s' is not in the roster; the team is empty",
				g->team->manager);
		for (size_t k = 0; k < g->ncounterparts; k++) {
			const counterpart_rule *cr = &g->counterparts[k];
			if (cr->manager && !cr->manager_role &&
			    !roster_person(r, cr->manager))
				warn_at(out, cr->manager_loc,
					"manager '%s' is not in the roster; nobody is excluded",
					cr->manager);
		}
	}
}

static void check_regexes(const roster *r, resolver *rs, diag_list *out)
{
	for (size_t k = 0; k < r->npatterns; k++) {
		const role_regex *rx = r->patterns[k];
		if (!rx->re)
			continue; /* already an error */
		size_t i = 0;
		while (i < r->npeople && !resolve_role_matches(rs, rx, &r->people[i]))
			i++;
		if (i == r->npeople)
			warn_at(out, rx->loc, "regex '%s' matches nobody's role",
				rx->source);
	}
}

/* Each person has at most one manager, so the reports_to graph is a set of
 * chains that may end in a loop: colour it once, report each loop once. */
static void check_cycles(const roster *r, diag_list *out)
{
	size_t n = r->npeople;
	unsigned char *colour = calloc(n + 1, 1); /* 0 new, 1 on path, 2 done */
	size_t *path = malloc((n + 1) * sizeof(size_t));
	if (!colour || !path) {
		free(colour);
		free(path);
		return;
	}
	for (size_t start = 0; start < n; start++) {
		size_t len = 0, i = start;
		while (colour[i] == 0) {
			colour[i] = 1;
			path[len++] = i;
			const person *m = roster_person(r, r->people[i].reports_to);
			if (!m)
				break;
			i = m->index;
		}
		if (colour[i] == 1 && len && r->people[path[len - 1]].reports_to &&
		    roster_person(r, r->people[path[len - 1]].reports_to) ==
			&r->people[i]) {
			/* the loop is path[j..len) where path[j] == i */
			size_t j = 0;
			while (path[j] != i)
				j++;
			size_t first = path[j];
			for (size_t q = j; q < len; q++)
				if (path[q] < first)
					first = path[q];
			char msg[1024];
			size_t o = 0;
			/* print the loop starting from its first person in roster order */
			size_t at = j;
			while (path[at] != first)
				at++;
			for (size_t q = 0; q <= len - j && o < sizeof(msg) - 64; q++) {
				size_t idx = path[j + (at - j + q) % (len - j)];
				o += (size_t)snprintf(msg + o, sizeof(msg) - o, "%s%s",
						      q ? " -> " : "", r->people[idx].slug);
			}
			const person *f = &r->people[first];
			diag_add(out, DIAG_WARNING, f->reports_to_loc.file,
				 f->reports_to_loc.line, f->reports_to_loc.col,
				 "reports_to cycle: %s", msg);
		}
		for (size_t q = 0; q < len; q++)
			colour[path[q]] = 2;
	}
	free(colour);
	free(path);
}

void check_roster(const roster *r, resolver *rs, diag_list *out)
{
	check_managers(r, out);
	check_regexes(r, rs, out);
	check_cycles(r, out);
	resolve_all(rs);
	const diag_list *rd = resolve_diags(rs);
	for (size_t i = 0; i < rd->count; i++) {
		const diag *d = &rd->items[i];
		diag_add(out, d->severity, d->file, d->line, d->column, "%s",
			 d->message);
	}
}

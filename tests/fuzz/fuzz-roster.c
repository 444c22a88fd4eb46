/* fuzz-roster.c: deep checks of a loaded roster (see fuzz-roster.h). */
#include "fuzz-roster.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"
#include "teamtui/check.h"
#include "teamtui/resolve.h"
#include "teamtui/search.h"

static void check_plist(const roster *r, const plist *l, int ordered,
			const char *what)
{
	for (size_t i = 0; i < l->n; i++) {
		const person *p = l->v[i];
		FZ_CHECK(p >= r->people && p < r->people + r->npeople,
			 "%s: item %zu is not a person of the roster", what, i);
		FZ_CHECK(!ordered || !i || l->v[i - 1]->index < p->index,
			 "%s: not in roster order at item %zu", what, i);
	}
}

static int in_plist(const plist *l, const person *p)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i] == p)
			return 1;
	return 0;
}

static void check_indexes(const roster *r)
{
	for (size_t i = 0; i < r->npeople; i++) {
		const person *p = &r->people[i];
		FZ_CHECK(p->index == i, "person %zu has index %zu", i, p->index);
		FZ_CHECK(p->slug && *p->slug, "person %zu without a slug", i);
		const person *first = roster_person(r, p->slug);
		FZ_CHECK(first && first->index <= i && !strcmp(first->slug, p->slug),
			 "slug index: '%s' finds another person", p->slug);
		FZ_CHECK(p->role_id < 0 || (size_t)p->role_id < r->nroles,
			 "role id %d out of range", p->role_id);
		size_t n;
		const size_t *reps = roster_reports(r, p, &n);
		for (size_t k = 0; k < n; k++) {
			FZ_CHECK(reps[k] < r->npeople, "report index out of range");
			const person *q = &r->people[reps[k]];
			FZ_CHECK(q->reports_to && roster_person(r, q->reports_to) == p,
				 "'%s' listed as a report of '%s'", q->slug, p->slug);
		}
	}
	for (size_t i = 0; i < r->ngroups; i++) {
		const group *g = &r->groups[i];
		FZ_CHECK(g->index == i && g->id && g->name, "group %zu malformed", i);
		FZ_CHECK(roster_group(r, g->id) != NULL, "group '%s' not found by id",
			 g->id);
		for (size_t k = 0; k < g->ntables; k++)
			FZ_CHECK(g->tables[k].id < r->ntables &&
				     g->tables[k].group == i,
				 "group '%s': table %zu has id %zu (of %zu), group %zu",
				 g->id, k, g->tables[k].id, r->ntables,
				 g->tables[k].group);
	}
	for (size_t k = 0; k < r->npatterns; k++)
		FZ_CHECK(r->patterns[k]->id == k, "pattern %zu has id %zu", k,
			 r->patterns[k]->id);
}

/* resolve_group and resolve_person_groups must agree on who is in which
 * group, and as what (manager, then member, then counterpart). */
static void check_membership(const roster *r, resolver *rs)
{
	for (size_t i = 0; i < r->ngroups; i++) {
		const group *g = &r->groups[i];
		const group_team *t = resolve_group(rs, g);
		FZ_CHECK(t != NULL, "resolve_group: out of memory");
		FZ_CHECK(resolve_group(rs, g) == t, "resolve_group is not cached");
		check_plist(r, &t->members, 0, "members");
		/* a group without a members table may still have a manager:
		 * the one stages.yml names for it */
		FZ_CHECK(!g->team || !t->manager ||
			     (t->members.n && t->members.v[0] == t->manager),
			 "group '%s': the manager is not listed first", g->id);
		FZ_CHECK(g->team || !t->members.n,
			 "group '%s': members without a members table", g->id);
		FZ_CHECK(t->ntables == g->ntables, "one resolved table per table");
		/* stable-counterparts and members-by-role rows are in roster
		 * order; the team tables put a manager first or sort */
		for (size_t k = 0; k < t->ntables; k++) {
			table_kind kind = g->tables[k].kind;
			FZ_CHECK(t->tables[k].table == &g->tables[k],
				 "group '%s': resolved table %zu is another", g->id, k);
			check_plist(r, &t->tables[k].people,
				    kind == TABLE_STABLE_COUNTERPARTS ||
					kind == TABLE_MEMBERS_BY_ROLE,
				    "table");
		}
		check_plist(r, &t->counterparts, 0, "counterparts");
	}
	for (size_t j = 0; j < r->npeople; j++) {
		const person *p = &r->people[j];
		size_t n;
		const membership *m = resolve_person_groups(rs, p, &n);
		FZ_CHECK(m != NULL, "resolve_person_groups: out of memory");
		FZ_CHECK(n <= r->ngroups, "more memberships than groups");
		size_t k = 0;
		for (size_t i = 0; i < r->ngroups; i++) {
			const group *g = &r->groups[i];
			const group_team *t = resolve_group(rs, g);
			int want = -1;
			if (g->team && t->manager == p)
				want = MEMBERSHIP_MANAGER;
			else if (in_plist(&t->members, p))
				want = MEMBERSHIP_MEMBER;
			else if (in_plist(&t->counterparts, p))
				want = MEMBERSHIP_COUNTERPART;
			for (size_t q = 0; want < 0 && q < g->nstaff; q++)
				if (g->staff[q].person == p)
					want = MEMBERSHIP_NAMED;
			int got = k < n && m[k].group == g ? (int)m[k++].kind : -1;
			FZ_CHECK(got == want,
				 "person '%s' in group '%s': resolve_person_groups "
				 "says %d, resolve_group says %d", p->slug, g->id,
				 got, want);
		}
		FZ_CHECK(k == n, "memberships out of group order");
		manager_chain ch = resolve_manager_chain(rs, p);
		check_plist(r, &ch.people, 0, "manager chain");
		FZ_CHECK(ch.people.n <= r->npeople, "chain longer than the roster");
		FZ_CHECK(!(ch.dangling && ch.cycle), "chain both dangling and a cycle");
		const person *last = ch.people.n ? ch.people.v[ch.people.n - 1] : p;
		FZ_CHECK(ch.cycle || ch.dangling || !last->reports_to,
			 "chain of '%s' stops early", p->slug);
	}
}

static void check_search(const roster *r)
{
	search_index *s = search_build(r);
	FZ_CHECK(s != NULL, "search_build: out of memory");
	static const char *const queries[] = {"custom models", "who owns graphql?",
					      "pm", "sean carol", "@", ""};
	search_hit hits[8];
	for (size_t q = 0; q < sizeof(queries) / sizeof(*queries); q++) {
		size_t n = search_query(s, queries[q], hits, 8);
		FZ_CHECK(n <= 8, "search returned %zu > max hits", n);
		for (size_t i = 0; i < n; i++) {
			const search_hit *h = &hits[i];
			FZ_CHECK(h->kind == SEARCH_PERSON
				     ? h->person >= r->people &&
					   h->person < r->people + r->npeople
				     : h->group >= r->groups &&
					   h->group < r->groups + r->ngroups,
				 "search hit %zu is not in the roster", i);
			FZ_CHECK(!i || hits[i - 1].score >= h->score,
				 "search hits not best first");
			FZ_CHECK(memchr(h->reason, 0, sizeof(h->reason)) != NULL,
				 "reason not terminated");
		}
	}
	search_free(s);
}

void fz_check_roster(roster *r, diag_list *diags)
{
	check_indexes(r);
	resolver *rs = resolver_new(r);
	FZ_CHECK(rs != NULL, "resolver_new: out of memory");
	check_membership(r, rs);
	FZ_CHECK(resolve_all(rs), "resolve_all failed");
	check_roster(r, rs, diags);
	fz_check_diags(resolve_diags(rs));
	resolver_free(rs);
	check_search(r);
	fz_check_diags(diags);
}

/* resolve: the handbook's team shortcodes evaluated over a roster.
 *
 * team-by-manager-slug and stable-counterparts are resolved exactly as the
 * handbook renders them (see docs/roster-format.md). Results are computed
 * on demand and cached, so showing one group of a 100,000-person roster
 * does not wait for every other group. The roster itself stays untouched:
 * all caches live in the resolver. */
#ifndef TEAMTUI_RESOLVE_H
#define TEAMTUI_RESOLVE_H

#include <stdbool.h>
#include <stddef.h>

#include "teamtui/diag.h"
#include "teamtui/roster.h"

typedef struct resolver resolver;

typedef struct plist {
	const person **v;
	size_t n;
} plist;

typedef struct counterpart_table {
	const counterpart_rule *rule;
	const char *manager_slug; /* after manager-role; NULL: nobody excluded */
	plist people;		  /* roster order */
} counterpart_table;

typedef struct group_team {
	const person *manager; /* team-by-manager-slug's manager, or NULL */
	plist members;	       /* the manager first, then the reports */
	counterpart_table *tables;
	size_t ntables;
	plist counterparts; /* the tables joined, each person once */
} group_team;

typedef enum {
	MEMBERSHIP_MANAGER,
	MEMBERSHIP_MEMBER,
	MEMBERSHIP_COUNTERPART,
} membership_kind;

typedef struct membership {
	const group *group;
	membership_kind kind;
} membership;

typedef struct manager_chain {
	plist people;		/* nearest manager first */
	const char *dangling;	/* a reports_to slug that names nobody */
	bool cycle;		/* the chain came back on itself */
} manager_chain;

resolver *resolver_new(const roster *r);
void resolver_free(resolver *rs);

/* The resolved team of g (cached; NULL only when out of memory). */
const group_team *resolve_group(resolver *rs, const group *g);
/* Every group, e.g. for the benchmark or for `check`. */
bool resolve_all(resolver *rs);

/* Does person p's raw role match regex rx? (memoised per distinct role;
 * an invalid regex matches nobody) */
bool resolve_role_matches(resolver *rs, const role_regex *rx, const person *p);

/* The groups p belongs to, in group order (array owned by the resolver). */
const membership *resolve_person_groups(resolver *rs, const person *p,
					size_t *n);
/* p's managers up the reports_to chain; stops at a dangling slug or a
 * cycle. The returned chain is owned by the resolver. */
manager_chain resolve_manager_chain(resolver *rs, const person *p);

/* Warnings found while resolving (a regex that hit the match limit). */
const diag_list *resolve_diags(const resolver *rs);

#endif

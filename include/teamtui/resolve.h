/* resolve: the handbook's team shortcodes evaluated over a roster.
 *
 * Every people-table shortcode (table.h) is resolved exactly as the
 * handbook's Hugo templates render it (see docs/roster-format.md): Go RE2
 * `like` matches on the raw role, nil rules, rows in roster order unless
 * the template sorts (team-by-departments sorts by name with ICU's CLDR
 * collator, as Hugo does with Go's x/text/collate). Results are computed
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

/* One people table as the handbook renders it. */
typedef struct table_rows {
	const people_table *table;
	const person *manager; /* the manager row shown first, or NULL */
	/* stable-counterparts: the slug whose reports are left out, after
	 * manager-role (NULL with manager_nil, or when none was given) */
	const char *excluded;
	bool manager_nil; /* manager-role matched nobody: Hugo's nil manager,
			     so everyone without a reports_to drops out */
	plist people;	  /* the rows in rendered order, manager row first */
} table_rows;

typedef struct group_team {
	const person *manager; /* the members table's manager row, or NULL */
	plist members;	       /* rows of the group's first team table */
	table_rows *tables;    /* every table of the group, page order */
	size_t ntables;
	size_t ncounterpart_tables; /* how many are stable-counterparts */
	plist counterparts; /* the stable-counterparts tables joined, each
			       person once, in table then row order */
} group_team;

typedef enum {
	MEMBERSHIP_MANAGER,
	MEMBERSHIP_MEMBER,
	MEMBERSHIP_COUNTERPART,
	MEMBERSHIP_NAMED, /* only named by stages.yml (field says as what) */
} membership_kind;

typedef struct membership {
	const group *group;
	membership_kind kind;
	const char *field; /* MEMBERSHIP_NAMED: the stages.yml key ("pm") */
} membership;

/* "manager", "member", "counterpart", or the stages.yml key a group names
 * the person by ("pm", "backend_engineering_manager"). */
const char *resolve_membership_name(const membership *m);

typedef struct manager_chain {
	plist people;		/* nearest manager first */
	const char *dangling;	/* a reports_to slug that names nobody */
	bool cycle;		/* the chain came back on itself */
} manager_chain;

resolver *resolver_new(const roster *r);
void resolver_free(resolver *rs);

/* The rows of one table (cached; NULL only when out of memory). Rules,
 * per template (layouts/_shortcodes/ of the handbook): docs/roster-format.md
 * section 4. */
const table_rows *resolve_table(resolver *rs, const people_table *t);
/* The resolved team of g (cached; NULL only when out of memory). */
const group_team *resolve_group(resolver *rs, const group *g);
/* Every group, e.g. for the benchmark or for `check`. */
bool resolve_all(resolver *rs);

/* Does person p's raw role match regex rx? Once a table has needed
 * everyone rx matches, a lookup in that set; before, p's role is tested
 * alone. An invalid regex (rx->re NULL) and a person without a role match
 * nothing. */
bool resolve_role_matches(resolver *rs, const role_regex *rx, const person *p);

/* How many people's raw roles match rx, and (first, when not NULL) the
 * earliest of them in roster order or NULL. Finds the set of distinct
 * roles rx matches, once: by testing each distinct role, or, once more
 * than a few regexes have needed theirs, only the roles that hold the
 * literal rx requires (one Aho-Corasick pass over every role for every
 * regex's literal: litindex.h). 0 when out of memory. */
size_t resolve_role_count(resolver *rs, const role_regex *rx,
			  const person **first);

/* The groups p belongs to, in group order (array owned by the resolver):
 * manager or member of the members table, else a counterpart, else named
 * for the group in stages.yml. */
const membership *resolve_person_groups(resolver *rs, const person *p,
					size_t *n);
/* p's managers up the reports_to chain; stops at a dangling slug or a
 * cycle. The returned chain is owned by the resolver. */
manager_chain resolve_manager_chain(resolver *rs, const person *p);

/* Warnings found while resolving (a regex that hit the match limit). */
const diag_list *resolve_diags(const resolver *rs);

#endif

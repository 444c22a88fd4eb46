/* table: the handbook's people-table shortcodes, by name, and what each
 * template reads from its parameters.
 *
 * Every rule here is read off the handbook's templates
 * (layouts/_shortcodes/<name>.html in gitlab-com/content-sites/handbook):
 * which parameters a template reads with .Get, positional or named, how it
 * splits them. Evaluation is resolve.h's job. */
#ifndef TEAMTUI_TABLE_H
#define TEAMTUI_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "teamtui/roster.h"

/* The kind of a shortcode name as written ("team-by-manager-slug",
 * "engineering/stable-counterparts", "stable-counterparts", ...); false
 * when the name is not a people table (any other shortcode: ignored). */
bool table_kind_of(const char *shortcode, table_kind *out);
/* The template's name: "team-by-manager-slug", ...,
 * "engineering/stable-counterparts". */
const char *table_kind_name(table_kind k);
/* Is it a team table (the group's members come from the first one), as
 * opposed to stable-counterparts? */
bool table_is_team(table_kind k);
/* The named parameters the template reads, NULL-terminated. */
const char *const *table_known_params(table_kind k);
/* How many positional parameters the template reads (SIZE_MAX: all). */
size_t table_positional_params(table_kind k);

/* Regexes compiled while loading, gathered for roster.patterns. */
typedef struct table_regexes {
	role_regex **v;
	size_t n, cap;
} table_regexes;

/* Compile `src` (RE2 syntax, pattern.h) as a role regex located at `loc`
 * and register it in rx (its id is its index). On a syntax error the
 * regex is kept with re == NULL (it matches nobody) and false is returned
 * with the message in err[0..errsize) and the byte offset of the problem
 * in *erroff. NULL only when out of memory. */
role_regex *table_regex(arena *a, table_regexes *rx, const char *src,
			srcloc loc, char *err, size_t errsize, size_t *erroff,
			bool *ok);
/* Hand the gathered regexes to r->patterns (copied into r's arena; rx is
 * emptied). False when out of memory. */
bool table_regexes_finish(roster *r, table_regexes *rx);

/* A problem found while decoding a call, for the loader to report. */
typedef void (*table_report)(void *ctx, srcloc at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Decode t->params (kind, named, params, loc already set) into the fields
 * the template reads: manager, manager_role, role, team,
 * other_manager_roles, departments, values, term; regexes compiled into
 * rx. Invalid regexes are reported through `error` (Hugo would stop the
 * build). Strings are copied into arena a; slugs interned. False only
 * when out of memory. */
bool table_decode(people_table *t, arena *a, table_regexes *rx,
		  table_report error, void *ctx);

/* The department-members template's Group column for p: the first
 * department containing "Group", with "Group" removed; else the first
 * containing "Team", with "BE", "FE", "Fullstack" and " Team" removed;
 * else "None". malloc'd; NULL when out of memory. */
char *table_department_group(const person *p);

#endif

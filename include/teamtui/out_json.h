/* out_json: the --json output of every command, built with cJSON.
 * Strings pass through sanitize like the text output, so a pipe into
 * `jq -r` cannot carry an escape sequence to a terminal either. */
#ifndef TEAMTUI_OUT_JSON_H
#define TEAMTUI_OUT_JSON_H

#include <stdio.h>

#include "teamtui/awake.h"
#include "teamtui/diag.h"
#include "teamtui/escalate.h"
#include "teamtui/org.h"
#include "teamtui/resolve.h"
#include "teamtui/roster.h"
#include "teamtui/search.h"

/* Each prints one JSON document and a newline; false when out of memory. */
/* Building blocks for commands that make their own objects (cJSON's
 * types, forward-declared: only users that include cJSON.h call them). */
struct cJSON;
/* A string sanitized with sanitize()'s flags, or JSON null for NULL;
 * NULL when out of memory. */
struct cJSON *out_json_str(const char *s, int flags);
/* obj[key] = val, unless val is NULL (a failed allocation). */
void out_json_add(struct cJSON *obj, const char *key, struct cJSON *val);

bool out_json_groups(FILE *f, const roster *r);
/* A group. With aw (`show --awake`): members, counterparts and every
 * table's rows keep only the people awake at aw's moment, each with the
 * time fields below, and "awake" says {"at": UTC time, "working_hours",
 * "members": {"awake", "off_hours", "unknown"}, "counterparts": {...}}. */
bool out_json_group(FILE *f, const roster *r, resolver *rs, const group *g,
		    const awake_ctx *aw);
/* A person. With aw, the time fields: "timezone" (the zone: the field's,
 * or derived; null when unknown), "timezone_source" ("field", "country",
 * "locality" or null), "timezone_unknown" (why, or null), "utc_offset"
 * ("+02:00"), "local_time" ("2026-11-18T11:06:40+01:00"),
 * "working_hours" ("09:00-17:00 Mon-Fri", theirs), "awake" (true, false,
 * or null when the zone is unknown). */
bool out_json_person(FILE *f, const roster *r, resolver *rs, const person *p,
		     const awake_ctx *aw);
/* `teamtui tables --json`: a list of {file, line, column, shortcode,
 * params (named as given, positional as "0", "1", ...), heading, group,
 * rows: [{slug, name, role}]} (department-members rows add group and
 * departments), in the order of v. False on a write error or out of
 * memory. */
bool out_json_tables(FILE *f, const roster *r, resolver *rs,
		     const people_table *const *v, size_t n);
/* A lookup that found nothing, for scripts: {"error": MESSAGE, "kind":
 * "group"|"person", "query": QUERY, "suggestions": [...]} (sanitized).
 * False on a write error or out of memory. */
bool out_json_error(FILE *f, const char *message, const char *kind,
		    const char *query, const char *const *suggestions, size_t n);
/* `teamtui org --json`: the root as {person: {slug, name, role, ...} as
 * `show` lists people, kind (org_kind_name's plural key), depth, direct,
 * size, levels, vacancies, mix: {engineers, managers, product, design,
 * quality, writers, other}, reports: [the same for each direct report]},
 * nested to max_depth levels (1..ORG_MAX_DEPTH); a node whose reports
 * were cut there has "more_below": N (people and vacancies) and reports
 * []; the person of a reports_to cycle (already above) has "cycle": true,
 * zeros and no reports. Built without recursion. False on a write error or out of
 * memory. */
bool out_json_org(FILE *f, const org_tree *t, size_t max_depth);
bool out_json_diags(FILE *f, const diag_list *d);
/* `teamtui escalate --json`: {"kind": "person"|"group", "of": the person
 * (as `show` lists people) or the group ({id, name}), "at": the moment
 * (UTC, with aw), "steps": [{"person": {...}, "why", "function"
 * (escalate_function_name), "level", with aw a person's time fields
 * (above) but "awake" is "awake", "off hours" or "unknown" (awake_name),
 * "over_vacancy": the vacant manager skipped below, or null,
 * "note": how the chain ended, or null}], "end": "top", "dangling",
 * "cycle" or "no_manager", "dangling": the slug or null, "cycle_at": the
 * person or null, "skipped": [the vacancies left out]}. False when out
 * of memory. */
bool out_json_escalate(FILE *f, const escalate_path *p, const awake_ctx *aw);
/* who's hits; with aw, person hits also have the time fields. */
bool out_json_hits(FILE *f, resolver *rs, const search_hit *hits, size_t n,
		   const awake_ctx *aw);

#endif

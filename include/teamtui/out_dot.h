/* out_dot: `teamtui org SLUG --dot`, the org as a Graphviz DOT graph
 * (`teamtui org SLUG --dot | dot -Tsvg > org.svg`). */
#ifndef TEAMTUI_OUT_DOT_H
#define TEAMTUI_OUT_DOT_H

#include <stdbool.h>
#include <stdio.h>

#include "teamtui/org.h"
#include "teamtui/resolve.h"
#include "teamtui/roster.h"

/* One `digraph org`, drawn left to right: a box per person (name, then role; a vacancy
 * dashed), an edge from each manager to each report, a dashed red edge
 * "cycle" back to the person a reports_to cycle returns to, and a
 * "… N more below" box where max_depth (1..ORG_MAX_DEPTH) cuts. Each
 * person is drawn in one `subgraph cluster_N` labelled with a group's
 * name: the first group (groups' order) whose members table has them
 * (as manager or member), else the first they are a stable counterpart
 * of, else the first stages.yml names them for (the memberships of
 * resolve_person_groups); people in no group are outside every cluster.
 * Node ids are the people's roster indexes (p12), never their strings;
 * every string is sanitized and escaped for a DOT quoted string. False
 * when out of memory. */
bool out_dot_org(FILE *f, const roster *r, resolver *rs, const org_tree *t,
		 size_t max_depth);

/* s as the inside of a DOT quoted string: sanitized (one line), then '"'
 * and '\' escaped with a backslash, so that no character of s ends the
 * string or starts an escape (\n, \l, \N) of DOT's labels. malloc'd;
 * NULL when out of memory. */
char *out_dot_escape(const char *s);

#endif

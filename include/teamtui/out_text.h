/* out_text: the plain-text cards of the command line (groups, show,
 * person, check). Every roster string goes through sanitize. */
#ifndef TEAMTUI_OUT_TEXT_H
#define TEAMTUI_OUT_TEXT_H

#include <stdio.h>

#include "teamtui/awake.h"
#include "teamtui/diag.h"
#include "teamtui/escalate.h"
#include "teamtui/org.h"
#include "teamtui/resolve.h"
#include "teamtui/roster.h"
#include "teamtui/search.h"

/* The terminal's width in columns (0, the default: no limit, as for a
 * pipe). With a width, people and search rows shrink their name and role
 * columns (cut with "…") so that handles still fit. */
void out_text_set_columns(size_t cols);
void out_text_groups(FILE *f, const roster *r);
/* A group card. With aw (not NULL: `show --awake`), each list of people
 * keeps only those awake at aw's moment, each with their local time, its
 * heading says how many of how many, and a line after it how many were
 * off hours and how many had no known time zone. */
void out_text_group(FILE *f, const roster *r, resolver *rs, const group *g,
		    const awake_ctx *aw);
/* `teamtui tables`: each table's file:line, the call as written (every
 * value shown quoted), its group and heading, then its rows as rendered
 * (name, role as text, @handle, slug), in the order of v. */
void out_text_tables(FILE *f, const roster *r, resolver *rs,
		     const people_table *const *v, size_t n);
/* A person card; with aw (not NULL), its "Local time" line: the time in
 * their zone at aw's moment, the UTC offset, the zone (and "by country"
 * or "by locality" when derived), whether that is inside their working
 * hours; or "time zone unknown: " and why. */
void out_text_person(FILE *f, const roster *r, resolver *rs, const person *p,
		     const awake_ctx *aw);
/* "14:05 Tue UTC+02:00" (buf: 32 bytes) */
void out_text_local_brief(const tz_local *l, char *buf, size_t size);
/* who: one line per hit (kind, name, why, whom to contact); a group also
 * gets its manager and counterparts on a second line. */
void out_text_hits(FILE *f, resolver *rs, const search_hit *hits, size_t n,
		   const awake_ctx *aw);
/* `teamtui org`: the root's line (name, slug, role), a line of totals
 * (in org, direct, levels, the role mix, vacancies), then the tree as
 * tree(1) draws it, one person a line: name (slug)  role  · N direct,
 * M in org. Levels past max_depth (1..ORG_MAX_DEPTH) are one "… N more
 * below" line. Box drawing, "·" and "…" become ASCII ("|-- ", "-",
 * "...") when the user's locale is not UTF-8 (utf8_user_codeset). */
void out_text_org(FILE *f, const org_tree *t, size_t max_depth);
/* `teamtui escalate`: whom the path is about ("Whom to ask about Ada
 * Quill (ada-quill), in order"; a group: "the group NAME (id)"), with aw
 * the moment, then one numbered line a step: "Name (slug)  role  — why"
 * and with aw "· awake 14:05 Wed UTC+02:00", "· off hours ..." or "·
 * time zone unknown"; under a step, the vacancy it was reached over and
 * how the chain ended; last, the vacancies left out. */
void out_text_escalate(FILE *f, const escalate_path *p, const awake_ctx *aw);
/* One compiler-style line per diagnostic, then "N errors, M warnings". */
void out_text_diags(FILE *f, const diag_list *d);
/* "Dev › AI-powered › Custom Models" (sanitized, malloc'd) */
char *out_text_breadcrumb(const group *g);

#endif

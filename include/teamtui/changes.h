/* changes: what changed between two digests (digest.h) of a roster:
 * joiners, leavers, likely renames, moves (a new reports_to), title
 * changes, group moves (a person who entered or left a group's members or
 * counterparts), and tables that became empty or lost their manager row.
 * Pure: no curses, no curl. */
#ifndef TEAMTUI_CHANGES_H
#define TEAMTUI_CHANGES_H

#include <stdbool.h>
#include <stddef.h>

#include "teamtui/digest.h"

typedef enum {
	CHANGE_JOINED,	      /* slug only in the new version */
	CHANGE_LEFT,	      /* slug only in the old version */
	CHANGE_RENAMED,	      /* a slug left while a new one with the same
				 gitlab handle (case-insensitive) joined:
				 old_value/new_value are the slugs, and
				 neither is also listed as JOINED or LEFT */
	CHANGE_MOVED,	      /* reports_to changed: old/new slugs ("" none) */
	CHANGE_TITLE,	      /* role text changed: old/new roles */
	CHANGE_GROUP_ENTERED, /* in a group's members (or counterparts) now */
	CHANGE_GROUP_LEFT,    /* and no longer */
	CHANGE_TABLE_EMPTIED, /* a table that listed people lists nobody */
	CHANGE_TABLE_LOST_MANAGER, /* a table whose manager row was shown
				      shows none (the manager slug names
				      nobody now) */
	CHANGE_NKINDS
} change_kind;

typedef struct change {
	change_kind kind;
	/* the person (NULL for TABLE_*): the new version's record, else the
	 * old one's (LEFT) */
	const char *slug, *name;
	const char *old_value, *new_value; /* RENAMED, MOVED, TITLE */
	/* GROUP_* and TABLE_*: the group and the table (the new version's,
	 * else the old one's) */
	const char *group, *group_name;
	digest_table_kind table;
	const char *file; /* GROUP_* and TABLE_*: the table's call */
	int line;
	/* TABLE_*: the call as the new version has it, to say which one it
	 * is: its shortcode ("team-by-manager-slug") and the manager slug it
	 * gives ("" none). (Added: the contract had no field for them.) */
	const char *shortcode, *manager;
} change;

typedef struct change_list {
	change *v; /* by kind, then slug (or group), then group */
	size_t n;
	size_t count[CHANGE_NKINDS];
	struct arena *arena; /* the values are copies: valid after the
				digests are freed */
} change_list;

/* The changes from `old` to `now`, in out (initialised here; free with
 * changes_free, also after a failure). False only when out of memory.
 * Rules:
 * - a slug in only one version is JOINED or LEFT, unless a slug only in
 *   the old one and a slug only in the new one have the same non-empty
 *   gitlab handle (ASCII case and a leading '@' ignored), each the only
 *   such slug on its side: then one RENAMED (a handle shared by several
 *   leavers or joiners renames nobody);
 * - for a person in both (or renamed): TITLE when the role text differs,
 *   MOVED when reports_to does, a manager's rename aside (reports_to
 *   "jo-lee" then "jo-lee-kim", jo-lee renamed jo-lee-kim, is no move);
 * - group moves only for a person in both versions (or renamed): per
 *   group and kind (the rows of every members table of a group joined,
 *   and those of every counterparts table), GROUP_LEFT when listed before
 *   and not now, GROUP_ENTERED the other way; a joiner's or a leaver's
 *   groups are not listed (their JOINED or LEFT says it);
 * - tables are matched by group id, index and kind: TABLE_EMPTIED when
 *   it listed people and lists nobody, else TABLE_LOST_MANAGER when its
 *   manager row was shown and is not (an emptied table lost its manager
 *   row too: it is said once).
 * Where a GROUP_* or TABLE_* change points (file, line) is the new
 * version's table when there is one, else the old one's. */
bool changes_between(const digest *old, const digest *now, change_list *out);
void changes_free(change_list *c);

/* One line for a status bar, at most size bytes: "4 joined, 2 left, 3
 * moved, 1 new title, 5 group moves, 1 table emptied"; kinds with no
 * changes are left out (renames count with moves? no: "1 renamed"; a
 * table that lost its manager row: "1 table lost its manager").
 * "no changes" when there are none. Order: as change_kind. */
void changes_summary(const change_list *c, char *buf, size_t size);

/* The kind's name in text and JSON output: "joined", "left", "renamed",
 * "moved", "title", "group-entered", "group-left", "table-emptied",
 * "table-lost-manager". */
const char *change_kind_name(change_kind k);

#endif

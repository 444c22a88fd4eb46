/* rosterdiff: what changed between two loaded rosters (a reload), by id:
 * people by slug, groups by id. Pure: no curses. */
#ifndef TEAMTUI_ROSTERDIFF_H
#define TEAMTUI_ROSTERDIFF_H

#include <stddef.h>

#include "teamtui/resolve.h"
#include "teamtui/roster.h"

typedef struct roster_changes {
	size_t people_added, people_removed;
	/* in both: moved (another reports_to, or other groups as the
	 * resolver places them), else changed (name, role, GitLab handle) */
	size_t people_moved, people_changed;
	size_t groups_added, groups_removed;
} roster_changes;

/* Compare `old` (resolved by ors) with `now` (by nrs). */
void roster_diff(const roster *old, resolver *ors, const roster *now, resolver *nrs,
		 roster_changes *out);
/* The changes as the status line says them, at most `size` bytes:
 * "+2 people, 1 moved, 1 group removed"; "no changes" when none. */
void roster_diff_text(const roster *old, resolver *ors, const roster *now,
		      resolver *nrs, char *buf, size_t size);

#endif

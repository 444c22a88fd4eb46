/* rosterdiff: what changed between two loaded rosters (a reload), by id:
 * people by slug, groups by id. The people's changes are those of
 * changes.h over the two rosters' digests (digest.h), counted per person.
 * Pure: no curses. */
#ifndef TEAMTUI_ROSTERDIFF_H
#define TEAMTUI_ROSTERDIFF_H

#include <stddef.h>

#include "teamtui/digest.h"
#include "teamtui/resolve.h"
#include "teamtui/roster.h"

typedef struct roster_changes {
	size_t people_added, people_removed;
	/* a slug gone while a new one has its GitLab handle (changes.h
	 * CHANGE_RENAMED): neither added nor removed */
	size_t people_renamed;
	/* in both: moved (another reports_to, or in or out of a group's
	 * members or counterparts tables), else changed (name, role, GitLab
	 * handle) */
	size_t people_moved, people_changed;
	size_t groups_added, groups_removed;
} roster_changes;

/* Compare `old` (resolved by ors) with `now` (by nrs): both digested
 * (digest_of resolves every table). Out of memory: only the groups are
 * counted. */
void roster_diff(const roster *old, resolver *ors, const roster *now, resolver *nrs,
		 roster_changes *out);
/* The changes as the status line says them, at most `size` bytes:
 * "+2 people, 1 moved, 1 group removed" (also "1 renamed"); "no
 * changes" when none. */
void roster_diff_text(const roster *old, resolver *ors, const roster *now,
		      resolver *nrs, char *buf, size_t size);
/* As roster_diff and roster_diff_text, with both digests already made
 * (digest_of(old), digest_of(now)): a caller that keeps the shown
 * roster's digest (the TUI) makes each once. A NULL digest (out of
 * memory) counts only the groups. */
void roster_diff_digests(const roster *old, const digest *a, const roster *now,
			 const digest *b, roster_changes *out);
void roster_diff_digests_text(const roster *old, const digest *a, const roster *now,
			      const digest *b, char *buf, size_t size);
/* c as the status line says it (roster_diff_text's words). */
void roster_changes_text(const roster_changes *c, char *buf, size_t size);

#endif

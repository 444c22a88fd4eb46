/* snapstore: where snapshots (snapshot.h) live, and when one is used.
 *
 * A command that reads the roster starts from a snapshot when one stands
 * for it: first the shared directory's (`snapshot_dir:` in the system
 * config, or the user's; teamtui-config(5)), which a user trusts only when
 * the directory and the file belong to root or to that user and nobody
 * else may write them; then the user's own, in
 * ${XDG_CACHE_HOME:-~/.cache}/teamtui/. Otherwise it loads the files, and
 * when it is done a detached child process writes the user's snapshot for
 * next time (so a cold start is never slower for it).
 *
 * `check`, --no-snapshot and TEAMTUI_NO_SNAPSHOT=1 read the files and
 * leave no snapshot. TEAMTUI_SNAPSHOT_LOG=FILE appends one line per
 * decision to FILE ("used PATH", "refused PATH: why", "loaded the files",
 * "wrote PATH"), for tests and for whoever wonders; with
 * TEAMTUI_SNAPSHOT_WAIT=1 the snapshot is written before the command
 * exits, in the process itself (tests). */
#ifndef TEAMTUI_SNAPSTORE_H
#define TEAMTUI_SNAPSTORE_H

#include <stdbool.h>

#include "teamtui/diag.h"
#include "teamtui/roster.h"

/* Where the roster's own diagnostics start in a list that held others
 * first (the config's): its count and counters before the load. */
typedef struct snapstore_mark {
	size_t count, errors, warnings, suppressed;
} snapstore_mark;
snapstore_mark snapstore_mark_of(const diag_list *d);

/* Are snapshots on? False when TEAMTUI_NO_SNAPSHOT is set to anything
 * but "" or "0". */
bool snapstore_enabled(void);

/* The roster for in: a current snapshot's when `use`, else the files'
 * (roster_load_input). Diagnostics of the load (stored in the snapshot,
 * or made by loading) are appended to d; problems of the config's
 * snapshot_dir too. NULL only when out of memory. */
roster *snapstore_load(const roster_input *in, bool use, diag_list *d);

/* When r was loaded from files (not a snapshot) and snapshots are on,
 * write the user's snapshot of it in a detached child process and return
 * at once; d holds the load's diagnostics from `first` on (what came
 * before is the config's, not the roster's). Call it once the
 * answer is out. */
void snapstore_save_later(const roster_input *in, const roster *r,
			  const diag_list *d, const snapstore_mark *first);

/* `teamtui snapshot`: write the snapshot for r now into dir (NULL: the
 * user's cache directory), readable by all when dir is given (a shared
 * directory), else by the user only. The file's path in *path
 * (malloc'd). False with the reason in err. */
bool snapstore_save_now(const char *dir, const roster_input *in,
			const roster *r, const diag_list *d,
			const snapstore_mark *first,
			char **path, char *err, size_t errsize);

#endif

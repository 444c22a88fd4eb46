/* datadir: the layout of the data directory `teamtui sync` fills
 * (config_data_dir), shared by the writer (sync.h) and the readers (the
 * roster loader, `teamtui changes`). Pure: no curses, no curl.
 *
 *   DATA/team.yml, stages.yml, sections.yml, categories.yml
 *                          the current files (what rosters load)
 *   DATA/history/STAMP/    one directory per sync that changed anything:
 *                          the whole set as it was from then on (files
 *                          that did not change are hard links, so a
 *                          version costs only what changed); STAMP is
 *                          UTC "YYYYMMDDTHHMMSSZ"; the newest
 *                          DATADIR_KEEP are kept
 *   DATA/.sync/state.json  per file: URL, ETag, Last-Modified, size, when
 *   DATA/.sync/lock        held (flock) while a sync runs
 *
 * Files are written to a temporary file in the same directory, then
 * renamed. */
#ifndef TEAMTUI_DATADIR_H
#define TEAMTUI_DATADIR_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

enum { DATADIR_KEEP = 10 };

/* The files a sync fetches, in this order. */
extern const char *const datadir_files[];
enum { DATADIR_NFILES = 4 };

typedef struct datadir_version {
	char stamp[17]; /* "20261130T150203Z" */
	time_t when;	/* the stamp as a time */
	char *path;	/* DATA/history/STAMP, malloc'd */
} datadir_version;

/* The history of data directory `dir`, newest first (*n of them; *out
 * malloc'd, free with datadir_versions_free). Entries whose name is not a
 * stamp are ignored. False with one line in err when the history exists
 * but cannot be read; true with *n 0 when there is none. */
bool datadir_history(const char *dir, datadir_version **out, size_t *n,
		     char *err, size_t errsize);
void datadir_versions_free(datadir_version *v, size_t n);

#endif

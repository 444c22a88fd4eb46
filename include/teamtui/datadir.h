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

/* ---- the writer's side: `teamtui sync` (sync.h) ---------------------------
 * Every function below reports a failure as one line in err naming the
 * path and the strerror() of the call that failed ("cannot create
 * /d/history: Permission denied"). Every descriptor is close-on-exec.
 * Directories the writer creates are 0755 in a shared data directory
 * (`shared`: data_dir: named it, for every user of the machine) and 0700
 * in a personal one (XDG Base Directory Specification 0.8); the files it
 * writes are 0644 (a personal directory's 0700 keeps them to its owner). */

/* The mode of the directories the writer creates. */
#define DATADIR_DIR_MODE(shared) ((shared) ? 0755 : 0700)
#define DATADIR_FILE_MODE 0644

/* t (UTC) as a stamp, "YYYYMMDDTHHMMSSZ". */
void datadir_stamp(time_t t, char out[17]);

/* Create dir (and its missing parents), dir/.sync and dir/history when
 * they do not exist, with DATADIR_DIR_MODE(shared) whatever the umask;
 * directories that exist are left as they are. */
bool datadir_prepare(const char *dir, bool shared, char *err, size_t errsize);

/* Take dir/.sync/lock (created 0644 when missing): flock(2), exclusive,
 * without waiting. Returns the descriptor that holds it (close it to let
 * go; the kernel lets go when the process ends, however it ends). -1 when
 * it cannot be had: *busy true when another process holds it (err
 * empty), false with the reason in err. */
int datadir_lock(const char *dir, bool *busy, char *err, size_t errsize);

/* A temporary file for dir/name in dir: "dir/.NAME.XXXXXX" (mkstemp,
 * close-on-exec), its path in *tmp (malloc'd). The descriptor, or -1. */
int datadir_temp(const char *dir, const char *name, char **tmp, char *err,
		 size_t errsize);
/* The last steps of an atomic write, for this module and cache.h's: fchmod
 * fd to `mode`, fsync, close, rename tmp (fd's path) to final. The
 * descriptor is closed either way; on failure tmp is removed and err says
 * which call failed on which path ("cannot sync /d/.x.Ab12Cd: No space
 * left on device", "cannot rename A to B: Is a directory"). */
bool datadir_finish(int fd, const char *tmp, const char *final, unsigned mode,
		    char *err, size_t errsize);
/* Finish temporary file `tmp` (fd, from datadir_temp): DATADIR_FILE_MODE,
 * fsync, close, then rename it onto dir/name. The descriptor is closed
 * either way; on failure the temporary file is removed. */
bool datadir_commit(int fd, const char *tmp, const char *dir, const char *name,
		    char *err, size_t errsize);
/* write(2) all len bytes to fd, again after EINTR: 0, or the errno of
 * the write that failed. */
int datadir_write_all(int fd, const char *data, size_t len);
/* datadir_temp, write len bytes, datadir_commit: dir/name replaced
 * atomically by data (state.json). */
bool datadir_write(const char *dir, const char *name, const char *data,
		   size_t len, char *err, size_t errsize);
/* Remove what an interrupted writer left: temporary files of
 * datadir_files and of .sync/state.json, and unfinished history
 * directories ("history/.new-*"). Call it holding the lock. */
void datadir_clean(const char *dir);

/* Record the current files of dir as a new version, history/STAMP: each
 * of datadir_files that exists, hard-linked (copied where the file system
 * refuses a link), built in a temporary directory and renamed into place,
 * so a reader sees a version whole or not at all. STAMP is `when`'s; when
 * a version of that second exists, the next free second (two syncs in one
 * second keep both, in order). The stamp used in stamp[]. */
bool datadir_record(const char *dir, time_t when, bool shared, char stamp[17],
		    char *err, size_t errsize);
/* Remove every version of dir's history but the newest `keep`. */
bool datadir_prune(const char *dir, size_t keep, char *err, size_t errsize);

#endif

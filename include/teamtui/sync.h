/* sync: the transfers of `teamtui sync`: the data files of a handbook
 * build (datadir_files) fetched in parallel (libcurl's multi interface)
 * into the data directory (datadir.h), each only when it changed, and each
 * in place only once checked (syncdata.h). The network layer: knows
 * nothing of curses; the command's face (progress bars, result lines, the
 * exit code) is cli_sync.c's.
 *
 * Sources (config.h, config_sync): one URL per file, or a GitLab project
 * through GitLab's Repository files API, "Get raw file from repository"
 * (docs.gitlab.com/ee/api/repository_files.html):
 * GET /api/v4/projects/:id/repository/files/:file_path/raw?ref=REF, the id
 * and the path URL-encoded, REF "HEAD" when none is configured (the
 * project's default branch), with the host and token of gitlab.h.
 *
 * The rules:
 *   - conditional requests: If-None-Match with the ETag (RFC 9110 section
 *     13.1.2) and If-Modified-Since with the Last-Modified (13.1.3) of the
 *     copy the data directory holds, when state.json (syncstate.h) says
 *     they came from the same source and the copy still has the size they
 *     belong to; an unchanged file costs one 304 (section 15.4.5), whose
 *     new validators, if any, are kept;
 *   - https only; plain http only to this machine (http_parse_url);
 *   - a token only with the project form's API requests, to the GitLab
 *     host; a request that carries one never follows a redirect. One that
 *     carries none follows at most SYNC_MAX_REDIRECTS, each target judged
 *     as the first URL was (https, or http to this machine), and never
 *     from https down to http;
 *   - a body over SYNC_MAX_BYTES is refused: by its Content-Length before
 *     any byte (CURLOPT_MAXFILESIZE_LARGE), and by counting what arrives
 *     (a chunked or compressed one);
 *   - time-outs: connect and stall as the GitLab client's
 *     (http_default_timeouts: 10 s, 20 s, TEAMTUI_GITLAB_STALL for tests),
 *     but SYNC_TOTAL_TIMEOUT in all instead of 60 s: a 64 MB file must be
 *     able to arrive over a slow link (64 MB in 10 minutes is 110 kB/s),
 *     while a dead one is still given up after the stall time-out;
 *   - the body goes to a temporary file in the data directory; checked,
 *     it is renamed over the old file. A file that failed or was refused
 *     leaves the old one byte for byte, and its state (validators) as it
 *     was;
 *   - a sync that replaced anything records the set as it now is as a new
 *     version in history/ (datadir_record; the first time, the files that
 *     were there before it too) and keeps the newest DATADIR_KEEP;
 *   - one sync at a time per data directory (datadir_lock). */
#ifndef TEAMTUI_SYNC_H
#define TEAMTUI_SYNC_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "teamtui/config.h"
#include "teamtui/datadir.h"
#include "teamtui/gitlab.h"
#include "teamtui/syncdata.h"

enum {
	SYNC_MAX_BYTES = 64 * 1024 * 1024,
	SYNC_MAX_REDIRECTS = 5,
	SYNC_TOTAL_TIMEOUT = 600, /* seconds, per file */
};

typedef enum {
	SYNC_WAITING,	/* not finished yet */
	SYNC_UNCHANGED, /* 304: the data directory's copy is current */
	SYNC_UPDATED,	/* a new version, checked and in place */
	SYNC_FAILED,	/* error says why; the previous file stays */
} sync_outcome;

/* One data file's fetch. */
typedef struct sync_file {
	const char *name;     /* datadir_files[i] */
	sync_outcome outcome;
	/* FAILED: one line, in part from the network (sanitize it before
	 * it reaches a terminal): "404 not found", "cannot connect to H",
	 * "the answer is over 64 MB; refused", or, when `refused`, why the
	 * downloaded bytes were not taken (syncdata_check's reasons) */
	char *error;
	bool refused;	      /* downloaded whole, and refused */
	long status;	      /* the last HTTP status, 0 none */
	char *where;	      /* the host asked last, with its port as
				 written ("gitlab.com", "127.0.0.1:8080");
				 NULL when no request was made */
	long long got;	      /* bytes of the current answer so far */
	long long total;      /* its announced size; -1 unknown */
	long long size;	      /* UPDATED: the new file's bytes */
	syncdata_info now;    /* UPDATED: what the new file holds */
	syncdata_info before; /* UPDATED and had_before: the old one */
	bool had_before;
	bool kept;	      /* FAILED, and a previous file is in place */
	time_t kept_since;    /* ... written then (its mtime) */
} sync_file;

/* A whole sync's results. */
typedef struct sync_run {
	sync_file file[DATADIR_NFILES];
	char stamp[17];	 /* the version recorded in history/, "" none */
	char **warnings; /* nwarnings lines: not failures ("DIR/.sync/
			    state.json: not JSON (near byte 3); every file
			    is fetched whole") */
	size_t nwarnings;
	char **errors;	 /* nerrors lines: failures after the transfers
			    (history, state.json not written) */
	size_t nerrors;
} sync_run;

typedef struct sync_options {
	const char *dir; /* the data directory (config_data_dir) */
	bool shared;	 /* named by data_dir: (directory modes, datadir.h) */
	const config_sync_source *src;
	/* the project form's host (base) and token; for both forms the CA
	 * bundle and the connect and stall time-outs */
	const gitlab_config *gitlab;
	/* called about ten times a second while transfers run (run->file's
	 * got, total and outcome), and once when they have all ended;
	 * NULL: none */
	void (*progress)(const sync_run *run, void *ctx);
	void *ctx;
} sync_options;

/* Fetch every file of o->src into o->dir. True when the sync ran: each
 * file's outcome is in run (free it with sync_run_free), and any failure
 * after the transfers in run->errors. False when it could not start, with
 * run empty (still free it) and one line in err: *busy true when another
 * sync holds the lock (err is then "another sync is running on DIR"),
 * else why: "cannot create DIR: Permission denied", "cannot load
 * libcurl.so.4: ...", "out of memory". */
bool sync_run_all(const sync_options *o, sync_run *run, bool *busy, char *err,
		  size_t errsize);
void sync_run_free(sync_run *run);

#endif

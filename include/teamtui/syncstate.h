/* syncstate: DATA/.sync/state.json (datadir.h), what `teamtui sync` knows
 * of each data file it fetched: where from, the validators of the copy the
 * data directory holds (RFC 9110 section 8.8: ETag and Last-Modified, sent
 * back as If-None-Match and If-Modified-Since, section 13.1), its size,
 * and when. JSON read and written with cJSON:
 *
 *   {"version": 1, "files": {"team.yml": {"source": "https://...",
 *     "key": "0123...", "etag": "\"abc\"", "last_modified": "Tue, 01 Dec
 *     2026 10:00:00 GMT", "size": 8400000, "synced": 1796119200,
 *     "checked": 1796205600}, ...}}
 *
 * No secret is ever in it: the source is shown without a query, and the
 * key is a hash (cache_key). A file of the data directory whose entry is
 * missing is fetched whole. */
#ifndef TEAMTUI_SYNCSTATE_H
#define TEAMTUI_SYNCSTATE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "teamtui/datadir.h"

typedef struct syncstate_file {
	char *source;	     /* what was asked, as it may be shown (no
				query), malloc'd; NULL: nothing known */
	char key[33];	     /* cache_key of the whole request (the URL
				with its query; or host, project, ref and
				path): validators go only to the same
				source. "" none */
	char *etag;	     /* the copy's ETag, as the server sent it */
	char *last_modified; /* its Last-Modified, an HTTP date */
	long long size;	     /* the copy's size in bytes; -1 unknown */
	time_t synced;	     /* when the copy was written; 0 unknown */
	time_t checked;	     /* when a server last said it is current */
} syncstate_file;

/* One entry per datadir_files[i]. */
typedef struct syncstate {
	syncstate_file file[DATADIR_NFILES];
} syncstate;

/* An empty state: nothing known of any file. */
void syncstate_init(syncstate *st);
void syncstate_free(syncstate *st);

/* Read state.json's text (len bytes, NUL not needed). True with *st
 * filled; false with one line in err ("not JSON (near byte 12)", "not a
 * sync state: no \"files\" object") and *st empty. Entries of other names
 * and fields of the wrong type are skipped, and so are numbers that are
 * negative or not below 10^15 (cJSON would not write them back exactly);
 * a key that is not 32 hex digits is dropped, and so are an ETag or
 * Last-Modified holding a control character (they go back into request
 * headers) or longer than 1024 bytes. */
bool syncstate_parse(const char *text, size_t len, syncstate *st, char *err,
		     size_t errsize);
/* st as state.json's text, malloc'd; NULL when out of memory. */
char *syncstate_format(const syncstate *st);

/* DIR/.sync/state.json into *st. A missing file is an empty state (true).
 * False with one line in err, and an empty state, when it cannot be read
 * or is not a state (cache_read's reasons, with the path; or
 * syncstate_parse's, after the path). */
bool syncstate_load(const char *dir, syncstate *st, char *err, size_t errsize);
/* Replace DIR/.sync/state.json with st (datadir_write: atomically, 0644). */
bool syncstate_save(const char *dir, const syncstate *st, char *err,
		    size_t errsize);

/* Whether a header value may be kept and sent back: at most 1024 bytes,
 * no control character. */
bool syncstate_header_ok(const char *v);

#endif

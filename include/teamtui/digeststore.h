/* digeststore: the versions of a roster this user has seen, as digests
 * (digest.h), and which one the user last looked at.
 *
 * Per user and per roster input, in
 * ${XDG_CACHE_HOME:-~/.cache}/teamtui/changes/KEY/ (KEY: the roster
 * input's hash, as snapshots name theirs), directory 0700, files 0600,
 * written to a temporary file and renamed. A version is recorded after a
 * load whose digest differs from the newest one's; the last
 * DIGESTSTORE_KEEP are kept (older ones are dropped), each with the time
 * it was recorded. Recording never changes what a command prints.
 *
 * Versions are numbered from the newest: 0 is the newest recorded, 1 the
 * one before, ...
 *
 * On disk (digeststore.c says it in full): an index of a few hundred
 * bytes (the versions' numbers, content hashes and times, the inputs the
 * newest stands for, the version last looked at), the newest version's
 * full digest, and each older one as a delta (digest_delta) from the next
 * newer: only the records that differ. Writers lock the store (fcntl) and
 * write every file to a temporary file renamed into place, the index
 * last; a reader never sees a torn file. A corrupt file is dropped (the
 * version it holds and the older ones, reached through it), and said
 * once (digeststore_warning). */
#ifndef TEAMTUI_DIGESTSTORE_H
#define TEAMTUI_DIGESTSTORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "teamtui/digest.h"
#include "teamtui/resolve.h"
#include "teamtui/roster.h"

enum { DIGESTSTORE_KEEP = 10 };

typedef struct digeststore digeststore;

/* The store of roster input `in` (created when missing). NULL with one
 * line in err when there is no usable cache directory (cache_dir's
 * reasons) or memory runs out. */
digeststore *digeststore_open(const roster_input *in, char *err, size_t errsize);
void digeststore_close(digeststore *s);

/* Does the newest version stand for r as loaded: r->inputs (every file
 * the load read, with size and mtime) are those it was recorded from?
 * Cheap: reads one small file, computes no digest. */
bool digeststore_current(digeststore *s, const roster *r);

/* Record r (digest_of with rs): a new newest version, unless its digest
 * equals the newest one's (then only the inputs it stands for are
 * updated). Drops versions past DIGESTSTORE_KEEP. False with one line in
 * err ("cannot rename A to B: No space left on device"). */
bool digeststore_record(digeststore *s, const roster *r, resolver *rs,
			char *err, size_t errsize);

/* As digeststore_record, with r's digest d already made (by digest_of):
 * r gives the inputs it stands for (r->inputs). */
bool digeststore_record_digest(digeststore *s, const roster *r, const digest *d,
			       char *err, size_t errsize);

size_t digeststore_count(const digeststore *s);
/* Version i's content hash (digest.hash), without reading it; 0 when
 * there is no version i. */
uint64_t digeststore_hash(const digeststore *s, size_t i);
/* When version i was recorded. */
time_t digeststore_when(const digeststore *s, size_t i);
/* Version i's digest (caller frees). NULL with one line in err when it
 * cannot be read or is corrupt (a corrupt version is dropped). */
digest *digeststore_load(digeststore *s, size_t i, char *err, size_t errsize);

/* The version this user last looked at (the TUI's What's new view), as
 * its index, and when they looked (*when, when not NULL). -1 when never,
 * or when that version is no longer kept. */
long digeststore_looked(const digeststore *s, time_t *when);
/* Note that the user has now seen version i. False with one line in err. */
bool digeststore_mark_looked(digeststore *s, size_t i, char *err, size_t errsize);

/* What the store dropped since it was opened (a corrupt index or version
 * file), as one line for a warning ("dropped the version list PATH: line
 * 3: not understood"); "" when nothing. */
const char *digeststore_warning(const digeststore *s);
/* The store's directory (CACHE/changes/KEY), for messages and tests. */
const char *digeststore_dir(const digeststore *s);

/* "Now" for the times versions are recorded and looked at, in seconds
 * since the epoch: $TEAMTUI_NOW when it is a number (tests), else
 * time(NULL). */
time_t digeststore_now(void);

#endif

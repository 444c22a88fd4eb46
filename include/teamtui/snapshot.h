/* snapshot: a loaded roster, resolved and indexed, kept as one file that
 * the next start maps instead of reading the roster's files.
 *
 * The file is an image (image.h) of the model: the roster (people,
 * groups, every people table of every page, the slug and reports indexes,
 * the load's diagnostics), every group's resolved team, and the
 * who-search index, in four sections each with its own XXH3-64 checksum:
 * 0 the identity (every input the load looked at, inputs.h), 1 the
 * model, 2 the teams, 3 the search index. A header gives a magic number,
 * the format, teamtui's version, a fingerprint of the structures' layout,
 * the file's size and the address the image prefers; the header has its
 * own checksum.
 *
 * Opening checks the header, then section 0, then each input with one
 * stat (any change: the snapshot is stale), then section 1 and every
 * offset in it; sections 2 and 3 are checked when first used (a `show`
 * never reads the search index). Mapped at the address it prefers (the
 * usual case), the image is used in place, read-only and shared between
 * processes; elsewhere it is mapped privately and its pointers moved.
 *
 * A snapshot is written to a temporary file in its directory and renamed
 * over the old one, so a reader never sees a torn file, whoever else is
 * writing. */
#ifndef TEAMTUI_SNAPSHOT_H
#define TEAMTUI_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>

#include "teamtui/diag.h"
#include "teamtui/image.h"
#include "teamtui/resolve.h"
#include "teamtui/roster.h"
#include "teamtui/search.h"

/* Bumped whenever what a snapshot holds changes shape. */
enum { SNAPSHOT_FORMAT = 2 };

typedef struct snapshot snapshot;

/* The arrays other parts of an image point into, for the visitors of
 * search.c and resolve's teams: the people, the groups, the regexes, and
 * each group's tables (ngroups spans). */
typedef struct snapshot_refs {
	image_span people, groups, regexes;
	image_span *tables;
} snapshot_refs;

/* The key of roster input `in`: a 128-bit hash of the real paths
 * (realpath(3)) of its directory, people and data (a path that cannot be
 * resolved counts as written), of the synced data directory it may fall
 * back on, and of `salt` (NULL as ""). Snapshots salt it with this
 * build's version (snapshot_path); the digest store (digeststore.h) with
 * a name of its own, so its versions outlive an upgrade. False when
 * in->dir cannot be resolved or out of memory. */
bool snapshot_roster_key(const roster_input *in, const char *salt, uint64_t key[2]);

/* The file that stands for the roster input `in` in directory dir:
 * "DIR/roster-KEY.snap", KEY a hash of the real paths of in's
 * directory, people and data (realpath(3)) and of this build's version.
 * malloc'd; NULL when dir or in->dir cannot be resolved or out of
 * memory. */
char *snapshot_path(const char *dir, const roster_input *in);

/* Write r, loaded from files (roster_load_input: not itself from a
 * snapshot, r->inputs_complete) for roster input `in`, with its load
 * diagnostics d, every group's team (resolved here through rs:
 * resolve_all), its lint counts (check_counts) and, when s is not NULL,
 * the who-search index s, to path: a temporary file beside it (mode 0644
 * when `shared`, else 0600), renamed over path. The header names `in`, so
 * a snapshot copied to another roster's name is refused. False with
 * "cannot write PATH: strerror" or why the roster cannot be kept ("the
 * load's inputs were not all noted") in err; no temporary file is left
 * behind. */
bool snapshot_write(const char *path, const roster_input *in, const roster *r,
		    const diag_list *d, resolver *rs, search_index *s, bool shared,
		    char *err, size_t errsize);

/* Map the snapshot at path for roster input `in` and return the roster it
 * holds (free it with roster_free as any roster; the mapping goes with
 * it), its load diagnostics added to diags. The file must be a regular
 * file owned by this user or by root and writable by nobody else, and
 * pass every check of the header, section 0, the inputs and section 1.
 * NULL otherwise, with why set: "" when there is no file, else one line
 * ("stale: /x/team.yml changed", "checksum of the model does not
 * match", "owned by uid 1001", "made by teamtui 0.0.9"). */
roster *snapshot_open(const char *path, const roster_input *in,
		      diag_list *diags, char *why, size_t whysize);

/* Internal, for resolve.c and search.c: every group's team from the
 * snapshot r was mapped from (r->ngroups of them, in group order), after
 * checking section 2; NULL when r has no snapshot or the section fails
 * its checks (then the teams are resolved as usual, and the file, when it
 * is this user's, is removed: the next start writes it anew). */
const group_team *snapshot_teams(const roster *r);
/* The who-search index from r's snapshot after checking section 3, owned
 * by the snapshot (search_free knows not to free it); NULL as above. */
search_index *snapshot_search(const roster *r);
/* check_counts() of the roster as it was written (its lints, without its
 * load diagnostics); false when r has no snapshot. */
bool snapshot_lint_counts(const roster *r, size_t *errors, size_t *warnings);
/* For tests and fuzzing: check an image held in memory (buf, len bytes;
 * copied first) as snapshot_open checks a file, the lazy sections too and
 * without the inputs' stats or the roster key; true when every check
 * passes. */
bool snapshot_check_buffer(const void *buf, size_t len);
/* For tests and fuzzing: recompute the checksums of an image in memory
 * (after changing bytes on purpose), so the checks behind them are
 * reached. False when buf is shorter than a header. */
bool snapshot_reseal(void *buf, size_t len);
/* Unmap; called by roster_free. */
void snapshot_close(snapshot *s);

#endif

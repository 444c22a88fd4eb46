/* inputs: the files and directories a load looked at, as it saw them, so
 * a snapshot of what it loaded (snapshot.h) can tell whether it is still
 * true with one stat of each.
 *
 * The loaders call inputs_stat() where they would call stat(): for every
 * file they open (yload_open), every directory they list and every path
 * whose presence decides what they read (team.yml or team_members/,
 * content/handbook/). While a recording is open each call notes the path
 * (made absolute against the working directory) with what stat said:
 * type, size, modification time in ns, inode and device, or that it was
 * missing. The first look at a path is kept. Loads are single-threaded:
 * one recording at a time. */
#ifndef TEAMTUI_INPUTS_H
#define TEAMTUI_INPUTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

typedef struct input_file {
	const char *path; /* absolute */
	bool exists;
	uint32_t mode;	  /* st_mode */
	uint64_t size, ino, dev;
	int64_t mtime_ns;
} input_file;

typedef struct inputs {
	input_file *v;
	size_t n, cap;
	struct inputs_slot *slots; /* path -> index + 1, open addressing */
	size_t nslots;
	char *cwd;
	bool failed; /* out of memory: the list is incomplete */
} inputs;

/* Start recording into rec (zeroed by the caller); inputs_stop ends it.
 * Nested recordings are not supported: a second start while one is open
 * records into the newer one until it stops. */
void inputs_start(inputs *rec);
void inputs_stop(void);
/* Free what rec holds (paths included). */
void inputs_free(inputs *rec);

/* stat(2), noted in the open recording (missing paths too). */
int inputs_stat(const char *path, struct stat *st);

/* Is f as it was? One stat (following links, as the loaders do). */
bool inputs_unchanged(const input_file *f);

/* A 128-bit hash (XXH3) of what n inputs were: each one's path, whether
 * it existed, its mode, size and modification time (ns), in order (not
 * its inode or device: what a load read is its path's content). Two loads
 * of unchanged files give the same value; out is {0, 0} when out of
 * memory. The digest store (digeststore.h) keeps it to tell, without a
 * digest, whether a load stands for the version it recorded last. */
void inputs_identity(const input_file *v, size_t n, uint64_t out[2]);

#endif

/* cache: small files in ${XDG_CACHE_HOME:-~/.cache}/teamtui, the directory
 * 0700 and every file 0600, written to a temporary file and renamed so a
 * crash never leaves a torn one. Keys are hashes: no query text, host or
 * token appears in a file name, and the token never in a file. Every
 * descriptor is close-on-exec. Every failure is reported as one line that
 * names the path and the strerror() of the call that failed. */
#ifndef TEAMTUI_CACHE_H
#define TEAMTUI_CACHE_H

#include <stdbool.h>
#include <stddef.h>

/* The cache directory (malloc'd): $XDG_CACHE_HOME/teamtui when
 * $XDG_CACHE_HOME is an absolute path naming an existing directory, else
 * $HOME/.cache/teamtui when $HOME is an absolute path naming an existing
 * directory. A relative $XDG_CACHE_HOME is ignored (XDG Base Directory
 * Specification 0.8). Only the missing components below that existing
 * directory are created, mode 0700: never $XDG_CACHE_HOME or $HOME
 * themselves, nor their parents. A teamtui directory looser than 0700 is
 * made 0700; one owned by another user is refused.
 * NULL when there is no usable directory: err then says why, in one line,
 * e.g. "HOME=/nonexistent: No such file or directory" or
 * "cannot create /h/.cache/teamtui: Permission denied". */
char *cache_dir(char *err, size_t errsize);
/* A 32-hex-digit key for the parts (joined unambiguously). */
void cache_key(const char *const *parts, size_t n, char out[33]);
/* Replace dir/key.json with text (NUL-terminated), atomically (a temporary
 * file in dir, fsync, rename). False with the failing call's path and
 * strerror in err ("cannot rename A to B: Is a directory"); no temporary
 * file is left behind. */
bool cache_write(const char *dir, const char *key, const char *text,
		 char *err, size_t errsize);
/* The text of dir/key.json (malloc'd, NUL-terminated; its length in *len).
 * NULL with err "" when there is no such file; NULL with a reason in err
 * when it cannot be used: "cannot open PATH: strerror", "PATH is not a
 * regular file", "PATH belongs to another user", "PATH is over 16 MB",
 * "cannot read PATH: strerror". Symbolic links are not followed and a FIFO
 * never blocks. */
char *cache_read(const char *dir, const char *key, size_t *len, char *err,
		 size_t errsize);
/* Replace dir/name with text[0..len) as cache_write does (a temporary
 * file in dir, mode 0600, fsync, rename; its failures said the same way).
 * For files that are not a key's JSON (the digest store's). */
bool cache_write_file(const char *dir, const char *name, const char *text,
		      size_t len, char *err, size_t errsize);
/* dir/name as cache_read reads a key's file, at most max bytes (else
 * "PATH is over N MB", N = max in MiB): NULL with err "" when there is no
 * such file. */
char *cache_read_file(const char *dir, const char *name, size_t max, size_t *len,
		      char *err, size_t errsize);
/* Remove an entry found corrupt: it is never trusted again. True when it
 * is gone (or was never there); false with "cannot remove PATH: strerror". */
bool cache_drop(const char *dir, const char *key, char *err, size_t errsize);

#endif

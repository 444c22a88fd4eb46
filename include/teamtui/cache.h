/* cache: small files in ${XDG_CACHE_HOME:-~/.cache}/teamtui, the directory
 * 0700 and every file 0600, written to a temporary file and renamed so a
 * crash never leaves a torn one. Keys are hashes: no query text, host or
 * token appears in a file name, and the token never in a file. */
#ifndef TEAMTUI_CACHE_H
#define TEAMTUI_CACHE_H

#include <stdbool.h>
#include <stddef.h>

/* The cache directory (malloc'd), created 0700 when missing and made 0700
 * when looser. NULL with a reason in err. */
char *cache_dir(char *err, size_t errsize);
/* A 32-hex-digit key for the parts (joined unambiguously). */
void cache_key(const char *const *parts, size_t n, char out[33]);
bool cache_write(const char *dir, const char *key, const char *text,
		 char *err, size_t errsize);
/* The file's text (malloc'd, NUL-terminated), or NULL when absent or
 * unreadable. */
char *cache_read(const char *dir, const char *key, size_t *len);
/* Remove an entry found corrupt: it is never trusted again. */
void cache_drop(const char *dir, const char *key);

#endif

/* utf8: decoding, repair of invalid input, and display widths. */
#ifndef TEAMTUI_UTF8_H
#define TEAMTUI_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { UTF8_REPLACEMENT = 0xFFFD };

/* Decode one code point from s[0..len), len > 0. Returns the bytes used
 * (at least 1); an invalid or truncated sequence yields U+FFFD for its
 * first byte only, so decoding always makes progress. */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encode cp into out (4 bytes room); returns the length. */
size_t utf8_encode(uint32_t cp, char *out);

/* Where s[0..len) first stops being valid UTF-8 (or holds a raw control
 * byte other than tab, newline and carriage return, which YAML forbids);
 * len when it is clean. */
size_t utf8_first_bad(const char *s, size_t len);
/* A malloc'd copy with each bad byte replaced by U+FFFD; *outlen is set.
 * *nbad counts the replacements. NULL when out of memory. */
char *utf8_repair(const char *s, size_t len, size_t *outlen, size_t *nbad);

/* Terminal columns of a string (wcwidth; 0 for unprintable). */
size_t utf8_width(const char *s);
/* The value of an ASCII hexadecimal digit (0-9, a-f, A-F): 0..15; -1 for
 * any other byte. (Shared by the escapes of digests and of URLs.) */
int utf8_hex_digit(char c);

/* Make sure wcwidth speaks UTF-8 even under LANG=C: switch LC_CTYPE to a
 * UTF-8 locale when the current one is not. Returns false if none exists. */
bool utf8_locale_init(void);
/* The codeset of the user's own locale, as utf8_locale_init found it
 * before it fell back on a UTF-8 one ("ANSI_X3.4-1968" for LANG=C):
 * what the terminal can be assumed to show. "UTF-8" before that call. */
const char *utf8_user_codeset(void);

#endif

/* strbuf: growable text in one malloc'd block, always NUL-terminated, that
 * remembers running out of memory instead of failing each call: the
 * writer appends freely and checks `oom` once at the end. Pure. */
#ifndef TEAMTUI_STRBUF_H
#define TEAMTUI_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct strbuf {
	char *p;	/* malloc'd, NUL-terminated once anything was put; the
			   owner frees it */
	size_t n, cap;	/* bytes used (without the NUL), allocated */
	bool oom;	/* a growth failed: p holds what came before it */
} strbuf;

/* Room for `more` bytes after the n used, and the NUL (the block at
 * least doubled, from 256 bytes); false once out of memory. */
bool strbuf_reserve(strbuf *b, size_t more);
/* Append len bytes of s (len 0: p is at least ""). Doubles the block as
 * needed, from 256 bytes. */
void strbuf_put(strbuf *b, const char *s, size_t len);
void strbuf_putc(strbuf *b, char c);
/* printf-style, whole however long. */
void strbuf_printf(strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* a + b in a new malloc'd string (the caller frees it); NULL when out of
 * memory. */
char *strbuf_concat(const char *a, const char *b);

#endif

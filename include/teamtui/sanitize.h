/* sanitize: the one gate every untrusted string passes before it reaches
 * a terminal or stdout. Roster and network strings may carry escape
 * sequences (ESC [ ... m, OSC 52 clipboard writes, title changes), raw
 * control characters, bidi overrides that reorder the rest of a line, and
 * invalid UTF-8. All of them are removed or replaced here. */
#ifndef TEAMTUI_SANITIZE_H
#define TEAMTUI_SANITIZE_H

#include <stdio.h>

#include "teamtui/strbuf.h"

enum {
	SANITIZE_LINE = 0,	 /* newlines and tabs become spaces */
	SANITIZE_KEEP_LINES = 1, /* newlines are kept (multi-line text) */
	/* controls are shown as \xHH / \u{HHHH} instead of removed: for
	 * diagnostics and echoed arguments, where the reader must see what is
	 * really in the data ("stage 'build\x1b[31m'", not "stage 'build'") */
	SANITIZE_VISIBLE = 2,
};

/* A clean, malloc'd copy of s (NULL in gives ""); NULL only when out of
 * memory. The result is valid UTF-8 with no C0/C1 control characters
 * (except '\n' with SANITIZE_KEEP_LINES), no escape sequences and no bidi
 * controls. */
char *sanitize(const char *s, int flags);

/* Appends sanitize(s, flags) to b (NULL in appends nothing), without a
 * copy of its own: printable ASCII as it is, the rest cleaned in b's
 * room (up to 8 bytes a byte, as sanitize). Out of memory is b->oom. */
void sanitize_put(strbuf *b, const char *s, int flags);

/* fputs(sanitize(s, SANITIZE_LINE)) without the caller owning a copy. */
int sanitize_fputs(const char *s, FILE *out);
int sanitize_fputs_flags(const char *s, int flags, FILE *out);

#endif

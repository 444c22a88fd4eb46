/* diag: errors as values. A diagnostic is a severity plus a location
 * (file:line:column, 1-based) and a message; libraries append to a list,
 * only main decides what to print and which exit code follows. */
#ifndef TEAMTUI_DIAG_H
#define TEAMTUI_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum { DIAG_WARNING, DIAG_ERROR } diag_severity;

typedef struct diag {
	diag_severity severity;
	const char *file; /* owned by the list */
	int line, column; /* 0 when unknown */
	char *message;
} diag;

typedef struct diag_list {
	diag *items;
	size_t count, cap;
	size_t errors, warnings;
	size_t suppressed; /* dropped past the per-list cap */
} diag_list;

enum { DIAG_MAX = 10000 }; /* a hostile file must not flood memory */

void diag_init(diag_list *l);
void diag_free(diag_list *l);
void diag_add(diag_list *l, diag_severity sev, const char *file, int line,
	      int column, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* A point in a list to come back to: diag_rewind(l, m) drops every
 * diagnostic added after diag_save(l) returned m, and their counts (what
 * was suppressed since included), as if they had never been added. For
 * a loader that reads a file again another way. */
typedef struct diag_mark {
	size_t count, errors, warnings, suppressed;
} diag_mark;
diag_mark diag_save(const diag_list *l);
void diag_rewind(diag_list *l, diag_mark m);

/* Stable sort by file, then line, then column (the order a reader expects). */
void diag_sort(diag_list *l);
/* "file:line:column: error: message" (message already plain text). */
void diag_format(const diag *d, char *buf, size_t size);
const char *diag_severity_name(diag_severity sev);
/* diag_format into a malloc'd string of the length it needs (no path or
 * message is ever cut); NULL when out of memory. */
char *diag_string(const diag *d);
/* One diagnostic line on `out`, sanitized with SANITIZE_VISIBLE (controls
 * shown as \x1b), then a newline. */
void diag_print(const diag *d, FILE *out);
/* diag_string sanitized with SANITIZE_VISIBLE: exactly the line diag_print
 * writes, without its newline (malloc'd, the caller frees it); NULL when
 * out of memory. */
char *diag_line(const diag *d);

/* Append copies of src's diagnostics to dst, and src's totals: dst's
 * errors, warnings and suppressed count afterwards are what they would be
 * had every diag_add made on src been made on dst (what src dropped past
 * its cap is counted, not copied). src is only read; dst owns the copies. */
void diag_append(diag_list *dst, const diag_list *src);
/* Rename every diagnostic's file: map(file, ctx) returns a malloc'd new
 * name, which the list then owns, or NULL to keep the old one (as when
 * memory runs out). Order and totals are unchanged. */
void diag_map_files(diag_list *l, char *(*map)(const char *file, void *ctx),
		    void *ctx);

#endif

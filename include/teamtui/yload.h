/* yload: read roster YAML files and their typed fields, reporting every
 * wrong type at its position and carrying on with the rest. Shared by the
 * people and groups loaders and by the config reader. */
#ifndef TEAMTUI_YLOAD_H
#define TEAMTUI_YLOAD_H

#include <stdbool.h>

#include "teamtui/arena.h"
#include "teamtui/diag.h"
#include "teamtui/roster.h"
#include "teamtui/ydoc.h"

typedef struct yload {
	arena *model;  /* strings and records that outlive the load */
	arena *nodes;  /* the current file's tree: freed after each file */
	diag_list *diags;
	const char *file; /* display name of the current file, interned */
	/* a loader's field names interned in `model`, so keys compare by
	 * address; keys_owner says whose names they are */
	const void *keys_owner;
	const char *keys[32];
	/* the current file's text, kept until the next file so messages can
	 * point inside a scalar */
	char *src;
	size_t srclen;
} yload;

/* Read and parse `path` (shown as `display`); repairs invalid UTF-8 with a
 * warning, refuses files over ROSTER_MAX_FILE_BYTES. Sets c->file.
 * Returns the root node (NULL: empty, unreadable or failed early; the
 * reason is in diags). `missing_ok`: a missing file is silent. */
ynode *yload_file(yload *c, const char *path, const char *display,
		  bool missing_ok);

/* Free what the context still holds of the last file. */
void yload_release(yload *c);

/* The column of byte `value_off` of scalar n's value, counted in the
 * source (quotes, YAML escapes and multi-byte characters accounted for);
 * n's own column when that cannot be known (a multi-line scalar). */
int yload_value_column(const yload *c, const ynode *n, size_t value_off);

/* yload_file for a list: each item of a root sequence goes to item(ctx,
 * node) as soon as it is parsed (see ydoc_parse_items). */
ynode *yload_file_items(yload *c, const char *path, const char *display,
			void (*item)(void *ctx, const ynode *node), void *ctx);

void yload_error(yload *c, const ynode *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void yload_warning(yload *c, const ynode *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
srcloc yload_loc(const yload *c, const ynode *at);

/* A scalar field as a string (NULL for null or a wrong type, which is
 * reported naming `field`). */
const char *yload_str(yload *c, const ynode *n, const char *field);
/* A list of strings; a single string counts as a one-item list. */
strlist yload_strlist(yload *c, const ynode *n, const char *field);
/* A boolean, or `dflt` when null or wrong (reported). */
bool yload_bool(yload *c, const ynode *n, const char *field, bool dflt);
/* True when n is a map; else reports "`field` must be a map". */
bool yload_expect_map(yload *c, const ynode *n, const char *field);

#endif

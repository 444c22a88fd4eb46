/* yload: read roster YAML files and their typed fields, reporting every
 * wrong type at its position and carrying on with the rest. Shared by the
 * people and groups loaders and by the config reader. */
#ifndef TEAMTUI_YLOAD_H
#define TEAMTUI_YLOAD_H

#include <stdbool.h>
#include <sys/types.h>

#include "teamtui/arena.h"
#include "teamtui/diag.h"
#include "teamtui/roster.h"
#include "teamtui/ydoc.h"

typedef struct yload {
	arena *model;  /* strings and records that outlive the load */
	arena *nodes;  /* the current file's tree: freed after each file */
	diag_list *diags;
	const char *file; /* display name of the current file, interned */
	/* the current file's text, kept until the next file so messages can
	 * point inside a scalar: the file mapped read-only, or a malloc'd
	 * copy (a repaired text, or a file that cannot be mapped) */
	const char *src;
	size_t srclen;
	void *src_block;   /* what to release: the mapping or the copy */
	size_t src_maplen; /* bytes mapped; 0 for a malloc'd copy */
	/* Scalar values parse into `nodes` (recycled with each tree), not
	 * into `model`: for a loader that copies into the model only what it
	 * keeps (people.c). Keys are interned in `model` either way. */
	bool values_in_nodes;
	/* A loader's cache that lives as long as the context (people.c's
	 * text of HTML fields), freed by yload_release with memo_free. */
	void *memo;
	void (*memo_free)(void *memo);
} yload;

/* Read and parse `path` (shown as `display`); repairs invalid UTF-8 with a
 * warning, refuses files over ROSTER_MAX_FILE_BYTES, anything that is not
 * a regular file ("is a FIFO", "is a device": never opened in a way that
 * blocks) and UTF-16 or UTF-32 text (one error; nothing is half-read). A
 * UTF-8 byte-order mark is skipped; CRLF and CR line ends are read as
 * line ends. Sets c->file.
 * The file is mapped (read once, by the parser; libyaml checks its
 * UTF-8): only when libyaml refuses a character that a repair would
 * replace is it read again, repaired, with what the first reading
 * reported taken back. A file that shrinks while mapped is read again
 * with read(2) instead of killing the process (SIGBUS).
 * Returns the root node (NULL: empty, unreadable or failed early; the
 * reason is in diags). `missing_ok`: a missing file is silent. */
ynode *yload_file(yload *c, const char *path, const char *display,
		  bool missing_ok);

/* Open `path` for reading without blocking (a FIFO or device is never
 * opened: stat first, then fstat on the descriptor), close-on-exec.
 * Returns the descriptor, or -1 with errno set, or -1 with *why set to
 * what the path is instead of a regular file ("is a FIFO", ...). */
int yload_open(const char *path, const char **why);
/* "dir/name", malloc'd; NULL when out of memory. */
char *yload_join(const char *dir, const char *name);
/* "is a directory", "is a FIFO", "is a device", "is a socket", ... for a
 * mode that is not a regular file; NULL for a regular file. */
const char *yload_file_kind(mode_t mode);
/* "UTF-16 text; save it as UTF-8" (or UTF-32) when buf is UTF-16 or
 * UTF-32 by its byte-order mark or by YAML's NUL pattern (YAML 1.2,
 * section 5.2); NULL otherwise. */
const char *yload_encoding_problem(const char *buf, size_t len);
/* True when s is empty or only white space (ASCII, Unicode spaces, and
 * invisible characters such as U+200B and U+FEFF): such a value counts as
 * absent in every field. */
bool yload_blank(const char *s);

/* Free what the context still holds of the last file, and its memo. */
void yload_release(yload *c);

/* The column of byte `value_off` of scalar n's value, counted in the
 * source (quotes, YAML escapes and multi-byte characters accounted for);
 * n's own column when that cannot be known (a multi-line scalar). */
int yload_value_column(const yload *c, const ynode *n, size_t value_off);

/* yload_file for a list: each item of a root sequence goes to item(ctx,
 * node) as soon as it is parsed (see ydoc_parse_items). When the file has
 * to be read again (see yload_file), item(ctx, NULL) says so first: forget
 * every item of this file handed over so far; they all come again. */
ynode *yload_file_items(yload *c, const char *path, const char *display,
			void (*item)(void *ctx, const ynode *node), void *ctx);

void yload_error(yload *c, const ynode *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void yload_warning(yload *c, const ynode *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
srcloc yload_loc(const yload *c, const ynode *at);

/* A scalar field as a string (NULL for null, blank, or a wrong type, which
 * is reported naming `field`). The node's own text: with values_in_nodes
 * it lasts only as long as the tree (copy what the model keeps). */
const char *yload_str(yload *c, const ynode *n, const char *field);
/* An identifier (slug, handle, id) must print as itself: no control,
 * C1 or bidi characters (the sanitizer would remove them and show one id
 * as another), no spaces at its ends. */
bool yload_id_clean(const char *s);
/* yload_str for an identifier: one that is not clean is an error naming
 * `field`, and NULL. */
const char *yload_id(yload *c, const ynode *n, const char *field);
/* A list of strings; a single string counts as a one-item list; blank
 * items are left out. The list is in the model; so are its strings (with
 * values_in_nodes, interned there). */
strlist yload_strlist(yload *c, const ynode *n, const char *field);
/* A boolean, or `dflt` when null or wrong (reported). */
bool yload_bool(yload *c, const ynode *n, const char *field, bool dflt);
/* True when n is a map; else reports "`field` must be a map". */
bool yload_expect_map(yload *c, const ynode *n, const char *field);

#endif

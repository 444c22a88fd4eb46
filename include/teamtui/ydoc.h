/* ydoc: a YAML document as a small tree with source positions.
 *
 * Built from libyaml's event stream. Aliases share the anchored node
 * instead of copying it, so alias bombs cost nothing until something walks
 * them, and the loaders only walk the roster schema, which is shallow.
 * On a syntax error the tree holds everything parsed before it: callers
 * keep the complete entries and report the rest. */
#ifndef TEAMTUI_YDOC_H
#define TEAMTUI_YDOC_H

#include <stdbool.h>
#include <stddef.h>

#include "teamtui/arena.h"
#include "teamtui/diag.h"

typedef enum { YNODE_SCALAR, YNODE_SEQ, YNODE_MAP } ynode_kind;

typedef struct ynode {
	ynode_kind kind;
	bool plain;    /* an unquoted scalar: may mean null or a boolean */
	bool complete; /* the container was closed before any error */
	bool interned; /* str is interned: equal keys share one pointer */
	bool overridden; /* a map key repeated later in the same map (the
			    later pair wins; reported as a warning) */
	int line, col; /* 1-based, as editors count: lines end at \n, \r\n
			  or \r only; col counts characters */
	size_t offset; /* libyaml's index: characters before the node */
	const char *str; /* scalar value, NUL-terminated and free of NULs
			    (a \0 escape becomes U+FFFD, with a warning);
			    "" for a list or map; map keys no longer than
			    YDOC_INTERN_MAX bytes are interned */
	size_t len;
	struct ynode **items; /* seq: n items; map: n pairs, key then value */
	size_t n;
} ynode;

enum { YDOC_MAX_DEPTH = 200, YDOC_INTERN_MAX = 160 };

/* Parse buf (valid UTF-8, no byte-order mark) named `file` in
 * diagnostics. Nodes come from `nodes`, scalar strings from `strings`.
 * Returns the root of the first document, or NULL for an empty stream or
 * an early error.
 *
 * Beyond libyaml's own checks, every map is checked as it closes: a key
 * that is not a string (a map or a list) is an error and its pair is
 * dropped, so every key a loader sees is a scalar; a key repeated in the
 * same map is a warning naming both lines (the later pair wins, as in
 * Ruby's and Go's readings), however large the map. Positions count
 * lines as editors and `grep -n` do (U+0085, U+2028 and U+2029, which
 * YAML 1.1 takes for line breaks, are warned about where they stand and
 * do not shift later lines); a syntax error also names where the
 * construct it broke began; git conflict markers left in the text are
 * errors on their own lines. */
ynode *ydoc_parse(const char *file, const char *buf, size_t len, arena *nodes,
		  arena *strings, diag_list *diags);

/* The same, but when the root is a sequence each of its items is handed
 * to item(ctx, node) as soon as it is complete (or cut short by an error)
 * and not kept: a 100,000-entry team.yml never sits in memory as a tree.
 * The node is valid only during the call. */
ynode *ydoc_parse_items(const char *file, const char *buf, size_t len,
			arena *nodes, arena *strings, diag_list *diags,
			void (*item)(void *ctx, const ynode *node), void *ctx);

/* Options of a parse (a zeroed struct is ydoc_parse). */
typedef struct ydoc_opts {
	/* Where scalar values (and keys too long to intern) are copied:
	 * NULL for `strings`. A loader that copies what it keeps into its
	 * model passes `nodes`, so values are recycled with the tree. */
	arena *values;
	/* Items of a root sequence, as ydoc_parse_items. */
	void (*item)(void *ctx, const ynode *node);
	void *ctx;
	/* Out: libyaml's reader refused a character of buf (invalid UTF-8,
	 * or a control character): the parse stopped there with a syntax
	 * error. A caller that repairs such text reads it again. */
	bool reader_error;
} ydoc_opts;

/* ydoc_parse or ydoc_parse_items with options (o may be NULL). buf need
 * not be valid UTF-8 here: libyaml checks every character, and the first
 * it refuses ends the parse as a syntax error with o->reader_error set. */
ynode *ydoc_parse_opts(const char *file, const char *buf, size_t len,
		       arena *nodes, arena *strings, diag_list *diags,
		       ydoc_opts *o);

/* Null: a missing node, or a plain "", "~", "null", "Null", "NULL". */
bool ynode_is_null(const ynode *n);
/* 1 true, 0 false, -1 not a boolean (YAML 1.1 words, as Ruby reads them). */
int ynode_bool(const ynode *n);
/* The value of the LAST pair whose key is `key` (Ruby's reading). */
const ynode *ynode_get(const ynode *map, const char *key);
/* "a string", "a list", "a map" or "null": for type errors. */
const char *ynode_kind_name(const ynode *n);

#endif

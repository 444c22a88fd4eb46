/* rows: the content of a list or card as lines of cells, plus the cursor,
 * scrolling and search over them. Views fill rows; one drawing routine
 * (ui_draw_rows) shows them; no curses here, so tests can drive it. */
#ifndef TEAMTUI_ROWS_H
#define TEAMTUI_ROWS_H

#include <stdbool.h>
#include <stddef.h>

#include "teamtui/roster.h"

typedef enum {
	ROW_TEXT,     /* not selectable: headings, blank lines, plain text */
	ROW_SECTION,  /* tree: a section or stage (expandable) */
	ROW_GROUP,
	ROW_PERSON,
	ROW_LINK,     /* a URL */
	ROW_LABEL,    /* a label with its issue-list URL */
	ROW_CHANNEL,
	ROW_DANGLING, /* a reports_to slug that names nobody */
} row_kind;

typedef enum {
	STYLE_NORMAL, STYLE_HEADING, STYLE_DIM, STYLE_ACCENT, STYLE_WARNING,
	STYLE_ERROR, STYLE_TITLE,
} row_style;

enum { ROW_CELLS = 4 };

typedef struct row {
	row_kind kind;
	row_style style;
	int indent;
	const char *cells[ROW_CELLS]; /* raw strings; drawing sanitizes */
	const void *item;	      /* person, group, section or stage */
	/* The item's id (a slug, a group, section or stage id): what names
	 * the row across a reload, when `item` points into a freed roster. */
	const char *id;
	const char *copy;	      /* what `y` copies */
	const char *url;	      /* what `o` opens */
	int tag;		      /* view-specific (tree node, section) */
	/* Where the row's subject is in a file (a diagnostic): the path as
	 * an editor started in teamtui's directory opens it (raw: sanitize
	 * before showing), 1-based line and column, 0 when unknown; file
	 * NULL on rows that are about no file. */
	const char *file;
	int line, column;
	/* A column before the cells, as wide as the widest in the rows (the
	 * awake marker of a people list: "\u25cf 14:05 Wed"); NULL: none.
	 * It is at the row's indent, or in a tree at the left edge (one
	 * column, whatever the depth). */
	const char *lead;
	row_style lead_style;
	bool quiet; /* every cell dim (a vacancy in the org tree) */
} row;

typedef struct rows {
	row *v;
	size_t n, cap;
	size_t cursor, top; /* cursor row, first row on screen */
	char **owned; /* strings the view allocated for its rows */
	size_t nowned, capowned;
	int colw[4][ROW_CELLS]; /* column widths by class, for colw_w columns */
	int colw_w;		/* -1 or 0: to be measured */
	int lead_w;		/* the lead column's width (0: no row has one) */
	bool tree;		/* names indented as a tree: their column may be wider */
	bool cursor_cut;	/* the cursor's row did not fit at the last draw */
} rows;

void rows_clear(rows *r);
void rows_free(rows *r);
row *rows_add(rows *r, row_kind kind, row_style style, int indent);
/* Keep a malloc'd string alive as long as the rows (returns it). */
const char *rows_own(rows *r, char *s);

bool rows_selectable(const row *rw);
/* Cursor moves that skip unselectable rows; false when nothing moved. */
bool rows_move(rows *r, long delta);
void rows_first(rows *r);
void rows_last(rows *r);
/* Keep the cursor inside a window of `height` rows. */
void rows_scroll(rows *r, size_t height);
/* Next (dir 1) or previous (dir -1) selectable row from `from` whose cells
 * contain `needle` (case-insensitive, ASCII folding); -1 if none. With
 * `include_from` the start row itself counts. */
long rows_find(const rows *r, const char *needle, size_t from, int dir,
	       bool include_from);
/* The next/previous ROW_TEXT heading's first selectable row: Tab. */
bool rows_next_section(rows *r, int dir);

/* Where a cursor is, as text of its own: the row's kind and tag, and its
 * id (else what it copies, else its first cell), plus the row number.
 * Taken before the rows' strings go away (a reload frees the roster they
 * point into), put back once the rows are rebuilt. */
typedef struct row_anchor {
	bool set;
	row_kind kind;
	int tag;
	char *key; /* malloc'd; NULL for a row with no text */
	size_t index, top;
} row_anchor;

/* Record r's cursor in *a (a must be free: zeroed or released). Without
 * memory the key is NULL and only the row number is kept. */
void rows_anchor_take(const rows *r, row_anchor *a);
/* The cursor on the first row the anchor names; when none is left, on the
 * same row number (clamped to the rows, moved onto a selectable row). A
 * row_anchor that was never set leaves r alone. */
void rows_anchor_restore(rows *r, const row_anchor *a);
void rows_anchor_free(row_anchor *a);

#endif

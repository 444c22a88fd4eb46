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
	const void *item;	      /* person, group, section/stage id */
	const char *copy;	      /* what `y` copies */
	const char *url;	      /* what `o` opens */
	int tag;		      /* view-specific (tree node, section) */
} row;

typedef struct rows {
	row *v;
	size_t n, cap;
	size_t cursor, top; /* cursor row, first row on screen */
	char **owned; /* strings the view allocated for its rows */
	size_t nowned, capowned;
	int colw[4][ROW_CELLS]; /* column widths by class, for colw_w columns */
	int colw_w;		/* -1 or 0: to be measured */
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

#endif

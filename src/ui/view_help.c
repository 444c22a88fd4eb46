/* view_help.c: the keys, generated from the key table itself, section by
 * section; one column on a narrow terminal, as many columns of sections
 * as fit on a wide one. It is a text: j, k and the page keys scroll it,
 * and the status line says which lines are shown. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "teamtui/screen.h"
#include "teamtui/ui.h"

enum { COL_W = 64, GAP = 3 };

struct help_state {
	size_t top;	   /* the first line shown */
	size_t lines;	   /* lines in the tallest column at the last draw */
	int height;	   /* lines shown at the last draw */
	int keys_w;	   /* the key column's width */
};

static bool build(view *v, tui *t)
{
	(void)t;
	struct help_state *st = v->state;
	rows_clear(&v->rows);
	int section = -1;
	st->keys_w = 0;
	for (const key_binding *k = keys_table; k->name; k++) {
		if (k->section) {
			section++;
			row *gap = section > 0 ? rows_add(&v->rows, ROW_TEXT, STYLE_NORMAL, 0)
					       : NULL;
			if (gap) /* NULL: out of memory, or the first section */
				gap->tag = section;
			row *h = rows_add(&v->rows, ROW_TEXT, STYLE_HEADING, 0);
			if (h) {
				h->cells[0] = k->section;
				h->tag = section;
			}
		}
		if (!k->help)
			continue; /* an alias: listed with the first key */
		char names[128];
		keys_line_names(k, names, sizeof(names));
		row *rw = rows_add(&v->rows, ROW_TEXT, STYLE_NORMAL, 1);
		if (rw) {
			rw->cells[0] = rows_own(&v->rows, strdup(names));
			rw->cells[1] = k->help;
			rw->tag = section;
			int w = ui_cell_width(names);
			st->keys_w = w > st->keys_w ? w : st->keys_w;
		}
	}
	row *rw = rows_add(&v->rows, ROW_TEXT, STYLE_NORMAL, 0);
	if (rw)
		rw->tag = section;
	rw = rows_add(&v->rows, ROW_TEXT, STYLE_DIM, 0);
	if (rw) {
		rw->cells[0] = "More in teamtui(1): man teamtui";
		rw->tag = section;
	}
	if (st->keys_w > 20)
		st->keys_w = 20;
	return true;
}

/* The column each row goes to when there are `ncols`: sections stay
 * whole, the columns about even. Returns the tallest column's height and
 * fills col[] and line[] (the row's line within its column). */
static size_t layout(const rows *r, int ncols, int *col, size_t *line)
{
	size_t target = (r->n + (size_t)ncols - 1) / (size_t)ncols, tallest = 0;
	int c = 0;
	size_t at = 0;
	for (size_t i = 0; i < r->n; i++) {
		const row *rw = &r->v[i];
		/* a section starts a new column when this one is full */
		bool starts = rw->style == STYLE_HEADING;
		if (starts && at >= target && c + 1 < ncols) {
			c++;
			at = 0;
		}
		if (at == 0 && !rw->cells[0] && rw->style != STYLE_HEADING && i > 0) {
			col[i] = -1; /* no blank line at the top of a column */
			continue;
		}
		col[i] = c;
		line[i] = at++;
		tallest = at > tallest ? at : tallest;
	}
	return tallest;
}

static void draw(view *v, tui *t, int y, int x, int h, int w)
{
	(void)t;
	struct help_state *st = v->state;
	int ncols = w / (COL_W + GAP);
	ncols = ncols < 1 ? 1 : ncols > 3 ? 3 : ncols;
	int colw = ncols == 1 ? w : (w - GAP * (ncols - 1)) / ncols;
	int *col = malloc((v->rows.n + 1) * sizeof(int));
	size_t *line = malloc((v->rows.n + 1) * sizeof(size_t));
	if (!col || !line) {
		free(col);
		free(line);
		return;
	}
	st->lines = layout(&v->rows, ncols, col, line);
	st->height = h;
	size_t max_top = st->lines > (size_t)h ? st->lines - (size_t)h : 0;
	if (st->top > max_top)
		st->top = max_top;
	for (size_t i = 0; i < v->rows.n; i++) {
		const row *rw = &v->rows.v[i];
		if (col[i] < 0 || line[i] < st->top || line[i] >= st->top + (size_t)h)
			continue;
		int ly = y + (int)(line[i] - st->top);
		int lx = x + col[i] * (colw + GAP);
		if (!rw->cells[1]) {
			screen_put(ly, lx, colw, rw->cells[0] ? rw->cells[0] : "", rw->style,
				   false, false);
			continue;
		}
		int kw = st->keys_w + 2;
		screen_put(ly, lx + 2, kw, rw->cells[0], STYLE_ACCENT, false, false);
		screen_put(ly, lx + 2 + kw, colw - 2 - kw, rw->cells[1], STYLE_NORMAL, false,
			   false);
	}
	free(col);
	free(line);
	/* for the status line's position: the lines shown */
	v->rows.top = st->top;
}

static bool request_help(view *v, tui *t, request req)
{
	struct help_state *st = v->state;
	long page = st->height > 2 ? st->height - 1 : 1, by = 0;
	switch (req) {
	case REQ_DOWN: by = 1; break;
	case REQ_UP: by = -1; break;
	case REQ_PAGE_DOWN: by = page; break;
	case REQ_PAGE_UP: by = -page; break;
	case REQ_HALF_DOWN: by = page / 2 ? page / 2 : 1; break;
	case REQ_HALF_UP: by = -(page / 2 ? page / 2 : 1); break;
	case REQ_TOP: st->top = 0; return true;
	case REQ_BOTTOM: st->top = st->lines; return true; /* draw clamps */
	case REQ_HELP: /* ? again closes it */
		ui_back(t);
		return true;
	default:
		return false;
	}
	if (by < 0 && (size_t)-by > st->top)
		st->top = 0;
	else
		st->top = (size_t)((long)st->top + by);
	return true;
}

static char *title(view *v, tui *t)
{
	(void)v;
	(void)t;
	return strdup("Help: keys");
}

/* "lines 1-22 of 60" */
static void position(view *v, char *buf, size_t size)
{
	struct help_state *st = v->state;
	size_t last = st->top + (size_t)st->height;
	if (last > st->lines)
		last = st->lines;
	if (st->lines > (size_t)st->height)
		snprintf(buf, size, "lines %zu-%zu of %zu", st->top + 1, last, st->lines);
	else
		buf[0] = '\0';
}

const view_ops view_help_ops = {
	.name = "help",
	.state_size = sizeof(struct help_state),
	.build = build,
	.request = request_help,
	.draw = draw,
	.title = title,
	.position = position,
	.hint = "j, k, Space scroll \u00b7 q or Esc closes the help",
};

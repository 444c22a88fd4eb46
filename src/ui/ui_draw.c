/* ui_draw.c: how rows and panes look: columns sized to their text and
 * the width they are given, the cursor bar, pane titles. Everything goes
 * through screen_put (which sanitizes and fits). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "teamtui/sanitize.h"
#include "teamtui/screen.h"
#include "teamtui/ui.h"
#include "teamtui/utf8.h"

int ui_column_class(row_kind k)
{
	switch (k) {
	case ROW_PERSON: case ROW_GROUP: case ROW_DANGLING:
		return 0;
	case ROW_TEXT: case ROW_LINK: case ROW_CHANNEL:
		return 1;
	case ROW_LABEL: /* label, count, link: columns of its own */
		return 3;
	default:
		return 2;
	}
}

/* Columns of a text as shown: sanitized first, as screen_put does. */
int ui_cell_width(const char *s)
{
	char *clean = sanitize(s, SANITIZE_LINE);
	int w = clean ? (int)utf8_width(clean) : 0;
	free(clean);
	return w;
}

/* Column widths for one class of rows in `w` columns: each cell as wide
 * as its widest text (capped); when that is too wide, the role gives way
 * first (to 14), then handles (to 12), names (to 16), tags (to 8), and
 * the role last of all (it goes when less than 8 would be left): who it
 * is matters more than what the title says. Lines of one cell span the
 * width and do not count. */
static void column_widths(const rows *r, int class, int w, int *cols)
{
	/* caps grow with the width: a wide terminal shows whole names and
	 * roles (300 columns: names to 60, roles to 150) */
	int names = r->tree ? w * 2 / 5 : w / 5; /* a tree's names are indented */
	const int cap[ROW_CELLS] = {names > 24 ? names : 24, w / 2 > 60 ? w / 2 : 60,
				    w / 6 > 24 ? w / 6 : 24, w / 8 > 20 ? w / 8 : 20};
	int need[ROW_CELLS] = {0};
	for (size_t i = 0; i < r->n; i++) {
		const row *rw = &r->v[i];
		if (ui_column_class(rw->kind) != class || !rw->cells[1])
			continue;
		for (int c = 0; c < ROW_CELLS; c++)
			if (rw->cells[c]) {
				int cw = ui_cell_width(rw->cells[c]) + (c == 0 ? rw->indent * 2 : 0);
				need[c] = cw > need[c] ? cw : need[c];
			}
	}
	int total = 0;
	for (int c = 0; c < ROW_CELLS; c++) {
		cols[c] = need[c] < cap[c] ? need[c] : cap[c];
		total += cols[c] + (cols[c] ? 2 : 0);
	}
	static const int order[] = {1, 2, 0, 3, 1}, floor[] = {14, 12, 16, 8, 0};
	for (int k = 0; k < 5 && total > w; k++) {
		int c = order[k];
		int can = cols[c] - floor[k] > 0 ? cols[c] - floor[k] : 0;
		int by = total - w < can ? total - w : can;
		cols[c] -= by;
		total -= by;
		if (c == 1 && cols[1] < 8 && cols[1] > 0) { /* a useless sliver */
			total -= cols[1] + 2;
			cols[1] = 0;
		}
	}
}

void ui_draw_rows(rows *r, int y, int x, int h, int w, cursor_mode mode)
{
	bool focused = mode == CURSOR_BAR;
	r->cursor_cut = false;
	rows_scroll(r, (size_t)h);
	if (r->colw_w != w) { /* widths change only with the rows or the width */
		r->lead_w = 0; /* the lead column: the widest lead */
		for (size_t i = 0; i < r->n; i++)
			if (r->v[i].lead) {
				int lw = ui_cell_width(r->v[i].lead);
				r->lead_w = lw > r->lead_w ? lw : r->lead_w;
			}
		int cw = r->lead_w ? w - r->lead_w - 2 : w;
		for (int k = 0; k < 4; k++)
			column_widths(r, k, cw, r->colw[k]);
		r->colw_w = w;
	}
	for (int line = 0; line < h; line++) {
		size_t i = r->top + (size_t)line;
		if (i >= r->n)
			break;
		const row *rw = &r->v[i];
		bool sel = focused && i == r->cursor && rows_selectable(rw);
		/* the other pane's cursor stays visible, quieter: bold */
		bool mark = mode == CURSOR_MARK && i == r->cursor && rows_selectable(rw);
		int cx = x + rw->indent * 2, end = x + w;
		const int *cols = r->colw[ui_column_class(rw->kind)];
		if (sel) /* the bar spans the pane */
			screen_put(y + line, x, w, "", STYLE_NORMAL, true, true);
		if (rw->lead && r->lead_w) { /* its column, then the cells */
			int lx = r->tree ? x : cx; /* a tree's lines up at the edge */
			if (lx < end)
				screen_put(y + line, lx, r->lead_w < end - lx ? r->lead_w : end - lx,
					   rw->lead, rw->lead_style, sel, false);
			cx += r->lead_w + 2;
		}
		if (!rw->cells[1]) { /* one cell: the whole line */
			screen_put(y + line, cx, end - cx, rw->cells[0],
				   mark ? STYLE_HEADING : rw->style, sel, false);
			if (i == r->cursor && ui_cell_width(rw->cells[0]) > end - cx)
				r->cursor_cut = true;
			continue;
		}
		for (int c = 0; c < ROW_CELLS && cx < end; c++) {
			if (!rw->cells[c])
				continue;
			bool last = c == ROW_CELLS - 1 || !rw->cells[c + 1];
			int cw = c == 0 ? cols[0] - rw->indent * 2 : cols[c];
			if (!last && cw <= 0)
				continue; /* a column given up for lack of room */
			if (last)
				cw = end - cx;
			row_style style = c == 0 ? (mark ? STYLE_HEADING : rw->style)
					  : c == 2 ? STYLE_ACCENT
					  : c == 3 ? STYLE_DIM
						   : STYLE_NORMAL;
			if (rw->kind == ROW_LINK || rw->kind == ROW_LABEL)
				style = c == 0 ? (mark ? STYLE_HEADING : rw->style)
					: c == 1 ? STYLE_ACCENT : STYLE_DIM;
			if (rw->quiet && !(c == 0 && mark))
				style = STYLE_DIM;
			int room = cw < end - cx ? cw : end - cx;
			screen_put(y + line, cx, room, rw->cells[c], style, sel, false);
			if (i == r->cursor && ui_cell_width(rw->cells[c]) > room)
				r->cursor_cut = true; /* the status line shows it whole */
			cx += cw + 2;
		}
	}
}


void ui_draw_pane_title(int y, int x, int w, const char *title, bool focused)
{
	/* focused: the title bar's reverse video (also under NO_COLOR and on
	 * a vt100); else dim, with a quieter rule */
	screen_put(y, x, w, title, focused ? STYLE_TITLE : STYLE_DIM, focused, true);
}

/* The next line of `s` in `width` columns: its length in bytes (a word
 * longer than the width is cut inside, at a character); *next is where
 * the line after starts (spaces at the break skipped). */
static size_t wrap_line(const char *s, int width, const char **next)
{
	size_t len = strlen(s), i = 0, brk = 0;
	int w = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		int cw = wcwidth((wchar_t)cp);
		cw = cw < 0 ? 1 : cw;
		if (cp == ' ')
			brk = i;
		if (w + cw > width && i > 0)
			break;
		w += cw;
		i += n;
	}
	if (i < len && brk > 0)
		i = brk; /* at the last space */
	const char *after = s + i;
	while (*after == ' ')
		after++;
	*next = after;
	return i;
}

static char *dup_n(const char *s, size_t n)
{
	char *d = malloc(n + 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

void ui_wrap(rows *out, const char *text, int width, row_style style, int indent)
{
	int w = width - indent * 2;
	const char *s = text ? text : "";
	if (w < 10) /* too narrow to wrap usefully: one line, cut */
		w = 1 << 20;
	do {
		const char *next;
		size_t n = wrap_line(s, w, &next);
		row *rw = rows_add(out, ROW_TEXT, style, indent);
		if (!rw)
			return;
		rw->cells[0] = rows_own(out, dup_n(s, n));
		s = next;
	} while (*s);
}

void ui_wrap_field(rows *out, const char *label, const char *value, int width,
		   int label_w, int indent)
{
	int w = width - indent * 2 - label_w - 2;
	const char *s = value ? value : "";
	if (w < 10)
		w = 1 << 20;
	bool first = true;
	do {
		const char *next;
		size_t n = wrap_line(s, w, &next);
		row *rw = rows_add(out, ROW_TEXT, STYLE_NORMAL, indent);
		if (!rw)
			return;
		rw->cells[0] = first ? label : "";
		rw->cells[1] = rows_own(out, dup_n(s, n));
		first = false;
		s = next;
	} while (*s);
}

int ui_columns(void)
{
	int h, w;
	screen_size(&h, &w);
	return w > 0 ? w : 80;
}

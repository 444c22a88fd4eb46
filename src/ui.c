/* ui.c: the interactive directory's main loop: the view stack (history),
 * the title and status lines, prompts (search, jump, filter), and the
 * requests every view shares (copy, open, reload, help, quit). */
#include "teamtui/ui.h"
#include "teamtui/check.h"

#include <curses.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "teamtui/clipboard.h"
#include "teamtui/sanitize.h"
#include "teamtui/launch.h"
#include "teamtui/screen.h"
#include "teamtui/search.h"
#include "teamtui/utf8.h"

enum { MIN_W = 40, MIN_H = 8 };

typedef enum {
	PROMPT_NONE, PROMPT_SEARCH, PROMPT_JUMP, PROMPT_FILTER, PROMPT_FIND
} prompt_kind;

struct prompt {
	prompt_kind kind;
	char text[256];
	size_t len;
	size_t saved_cursor, saved_top; /* Esc puts the cursor back */
};

void ui_message(tui *t, row_style style, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->status, sizeof(t->status), fmt, ap);
	va_end(ap);
	t->status_tail[0] = '\0';
	t->status_style = style;
}

time_t ui_now(void)
{
	const char *fixed = getenv("TEAMTUI_NOW");
	return fixed && *fixed ? (time_t)strtoll(fixed, NULL, 10) : time(NULL);
}

view *ui_top(tui *t)
{
	return t->depth ? t->stack[t->depth - 1] : NULL;
}

static void view_free(view *v)
{
	if (!v)
		return;
	if (v->ops->free)
		v->ops->free(v);
	free(v->state);
	rows_free(&v->rows);
	free(v->subject);
	free(v);
}

view *ui_view_new(tui *t, const view_ops *ops, const char *subject,
		  size_t state_size)
{
	view *v = calloc(1, sizeof(*v));
	if (!v)
		return NULL;
	v->ops = ops;
	if ((subject && !(v->subject = strdup(subject))) ||
	    (state_size && !(v->state = calloc(1, state_size))) || !ops->build(v, t)) {
		view_free(v);
		return NULL;
	}
	rows_first(&v->rows);
	return v;
}

void ui_push(tui *t, view *v)
{
	if (!v)
		return;
	if (t->depth == (int)(sizeof(t->stack) / sizeof(*t->stack))) {
		/* the oldest step past the directory falls off the history */
		view_free(t->stack[1]);
		memmove(t->stack + 1, t->stack + 2,
			(size_t)(t->depth - 2) * sizeof(*t->stack));
		t->depth--;
	}
	t->stack[t->depth++] = v;
}

void ui_back(tui *t)
{
	if (t->depth > 1)
		view_free(t->stack[--t->depth]);
}

bool ui_open_row(tui *t, const row *rw)
{
	switch (rw->kind) {
	case ROW_PERSON:
		ui_push(t, view_person_new(t, rw->item));
		return true;
	case ROW_GROUP:
		ui_push(t, view_group_new(t, rw->item));
		return true;
	case ROW_DANGLING:
		ui_message(t, STYLE_WARNING, "'%s' is not in the roster", rw->cells[0]);
		return true;
	default:
		return false;
	}
}

static int column_class(row_kind k)
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
static int cell_width(const char *s)
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
	static const int cap[ROW_CELLS] = {24, 60, 24, 20};
	int need[ROW_CELLS] = {0};
	for (size_t i = 0; i < r->n; i++) {
		const row *rw = &r->v[i];
		if (column_class(rw->kind) != class || !rw->cells[1])
			continue;
		for (int c = 0; c < ROW_CELLS; c++)
			if (rw->cells[c]) {
				int cw = cell_width(rw->cells[c]) + (c == 0 ? rw->indent * 2 : 0);
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
	rows_scroll(r, (size_t)h);
	if (r->colw_w != w) { /* widths change only with the rows or the width */
		for (int k = 0; k < 4; k++)
			column_widths(r, k, w, r->colw[k]);
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
		const int *cols = r->colw[column_class(rw->kind)];
		if (sel) /* the bar spans the pane */
			screen_put(y + line, x, w, "", STYLE_NORMAL, true, true);
		if (!rw->cells[1]) { /* one cell: the whole line */
			screen_put(y + line, cx, end - cx, rw->cells[0],
				   mark ? STYLE_HEADING : rw->style, sel, false);
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
			screen_put(y + line, cx, cw < end - cx ? cw : end - cx,
				   rw->cells[c], style, sel, false);
			cx += cw + 2;
		}
	}
}

static const row *selected_row(tui *t)
{
	view *v = ui_top(t);
	if (view_is_dir(v) && view_dir_focused_row(v))
		return view_dir_focused_row(v);
	return v->rows.cursor < v->rows.n ? &v->rows.v[v->rows.cursor] : NULL;
}

static void copy_selected(tui *t)
{
	const row *rw = selected_row(t);
	const char *text = rw ? (rw->copy ? rw->copy : rw->url) : NULL;
	if (!text) {
		ui_message(t, STYLE_WARNING, "nothing to copy here");
		return;
	}
	/* teamtui cannot know whether the terminal (or tmux, with
	 * set-clipboard off) took it: say what was done, not "copied" */
	char *seq = clipboard_osc52(text, clipboard_wrap_from_env());
	bool sent = seq && screen_raw(seq);
	free(seq);
	if (sent)
		ui_message(t, STYLE_NORMAL, "sent %s to the terminal's clipboard (OSC 52)", text);
	else
		ui_message(t, STYLE_WARNING, "could not send %s to the terminal's clipboard", text);
}

static void open_selected(tui *t)
{
	const row *rw = selected_row(t);
	if (!rw || !rw->url) {
		ui_message(t, STYLE_WARNING, "no link here");
		return;
	}
	const char *prog;
	int e = launch_url(rw->url, &prog);
	if (e)
		ui_message(t, STYLE_WARNING, "could not run %s: %s (y copies the link)",
			   prog, strerror(e));
	else /* it started; whether a page opened is the program's business */
		ui_message(t, STYLE_NORMAL, "started %s for %s", prog, rw->url);
}

enum { MAX_DEPTH = (int)(sizeof(((tui *)0)->stack) / sizeof(view *)) };

/* Before the rows' strings go away (a reload frees the roster; a GitLab
 * answer replaces what a card showed): every view's cursor as text in
 * anchors[], then no row and no view state left pointing at the old. */
static void release_views(tui *t, row_anchor *anchors)
{
	for (int i = 0; i < t->depth; i++) {
		view *v = t->stack[i];
		rows_anchor_take(&v->rows, &anchors[i]);
		if (v->ops->release)
			v->ops->release(v);
		rows_clear(&v->rows);
	}
}

/* After: every view built again from its subject's id, its cursor back on
 * the same item (else the same row). A view whose subject is gone is
 * dropped; the last such is named in gone ("group forge"), else "". */
static void rebuild_views(tui *t, row_anchor *anchors, char *gone, size_t size)
{
	int kept = 0;
	if (size)
		gone[0] = '\0';
	for (int i = 0; i < t->depth; i++) {
		view *v = t->stack[i];
		if (!v->ops->build(v, t) && i > 0) {
			if (size)
				snprintf(gone, size, "%s %s", v->ops->name,
					 v->subject ? v->subject : "");
			view_free(v);
		} else {
			rows_anchor_restore(&v->rows, &anchors[i]);
			t->stack[kept++] = v;
		}
		rows_anchor_free(&anchors[i]);
	}
	t->depth = kept;
}

/* Rebuild every view on the same roster (GitLab answered). */
static void rebuild(tui *t)
{
	row_anchor anchors[MAX_DEPTH];
	release_views(t, anchors);
	rebuild_views(t, anchors, NULL, 0);
}

/* "groups.yml:1:11: 'sections' must be a map" for the first error in file
 * order (d gets sorted). */
static void first_error(diag_list *d, char *buf, size_t size)
{
	diag_sort(d);
	for (size_t i = 0; i < d->count; i++) {
		const diag *e = &d->items[i];
		if (e->severity != DIAG_ERROR)
			continue;
		if (e->line > 0)
			snprintf(buf, size, "%s:%d:%d: %s", e->file ? e->file : "", e->line,
				 e->column, e->message);
		else
			snprintf(buf, size, "%s: %s", e->file ? e->file : "", e->message);
		return;
	}
	snprintf(buf, size, "errors");
}

/* Reload the roster. The rule for what is shown: a roster that loaded
 * without errors is kept when the new one has errors (the status line says
 * what is wrong with it and when the shown one was loaded); a roster with
 * errors is replaced by the new one (whose errors `!` lists). On a swap
 * every view is rebuilt from its subject's id (release_views: nothing may
 * point into the old roster once it is freed), and a view whose subject is
 * gone is dropped. */
static void reload(tui *t)
{
	diag_list d;
	diag_init(&d);
	roster *r = roster_load_input(t->input, &d);
	resolver *rs = r ? resolver_new(r) : NULL;
	if (!rs) {
		roster_free(r);
		diag_free(&d);
		ui_message(t, STYLE_ERROR, "reload failed: out of memory");
		return;
	}
	if (d.errors && !t->diags.errors) {
		char what[400], at[16] = "?";
		first_error(&d, what, sizeof(what));
		struct tm tm;
		if (localtime_r(&t->loaded_at, &tm))
			strftime(at, sizeof(at), "%H:%M", &tm);
		resolver_free(rs);
		roster_free(r);
		diag_free(&d);
		ui_message(t, STYLE_ERROR, "reload failed: %s", what);
		snprintf(t->status_tail, sizeof(t->status_tail),
			 "; showing the roster loaded at %s", at);
		return;
	}
	row_anchor anchors[MAX_DEPTH];
	release_views(t, anchors);
	resolver_free(t->rs);
	search_free(t->index);
	t->index = NULL; /* rebuilt from the new roster on the next search */
	ui_fetch_free(t); /* requests name the old roster's groups */
	roster_free(t->r);
	diag_free(&t->diags);
	t->r = r;
	t->rs = rs;
	t->diags = d;
	t->loaded_at = ui_now();
	check_counts(r, &d, &t->check_errors, &t->check_warnings);
	char gone[100];
	rebuild_views(t, anchors, gone, sizeof(gone));
	ui_message(t, d.errors ? STYLE_ERROR : STYLE_NORMAL,
		   "reloaded: %zu people, %zu groups, %zu errors, %zu warnings",
		   r->npeople, r->ngroups, t->check_errors, t->check_warnings);
	if (*gone)
		snprintf(t->status_tail, sizeof(t->status_tail), "; %s is gone", gone);
}

static bool do_search(tui *t, const char *needle, int dir, bool include_from)
{
	view *v = ui_top(t);
	if (view_is_dir(v) && view_dir_search(v, t, needle, dir, include_from))
		return true;
	if (view_is_dir(v))
		return false;
	long i = rows_find(&v->rows, needle, v->rows.cursor, dir, include_from);
	if (i < 0)
		return false;
	v->rows.cursor = (size_t)i;
	return true;
}

/* p / ':' : a slug, a @handle, or part of a name. One match opens the
 * card; several open the people list filtered by the text. */
static void jump_to_person(tui *t, const char *q)
{
	const person *hit = roster_person(t->r, q);
	if (!hit)
		hit = roster_person_by_handle(t->r, q);
	size_t n = 0;
	for (size_t i = 0; !hit && i < t->r->npeople && n < 2; i++) {
		const person *p = &t->r->people[i];
		const char *name = ui_person_name(p);
		size_t len = strlen(q);
		bool m = false;
		for (const char *h = name; *h && !m; h++)
			m = !strncasecmp(h, q, len);
		n += m;
	}
	if (!hit && n == 1) /* exactly one name matches: open it */
		for (size_t i = 0; !hit && i < t->r->npeople; i++) {
			const char *name = ui_person_name(&t->r->people[i]);
			for (const char *h = name; *h && !hit; h++)
				if (!strncasecmp(h, q, strlen(q)))
					hit = &t->r->people[i];
		}
	if (n > 1) {
		ui_push(t, view_people_new(t, q));
		return;
	}
	if (!hit) {
		ui_message(t, STYLE_WARNING, "nobody matches '%s'", q);
		return;
	}
	ui_push(t, view_person_new(t, hit));
}

static void page(view *v, request req)
{
	long hpage = v->height > 2 ? v->height - 1 : 1;
	switch (req) {
	case REQ_UP: rows_move(&v->rows, -1); break;
	case REQ_DOWN: rows_move(&v->rows, 1); break;
	case REQ_PAGE_UP: rows_move(&v->rows, -hpage); break;
	case REQ_PAGE_DOWN: rows_move(&v->rows, hpage); break;
	case REQ_HALF_UP: rows_move(&v->rows, -(hpage / 2 ? hpage / 2 : 1)); break;
	case REQ_HALF_DOWN: rows_move(&v->rows, hpage / 2 ? hpage / 2 : 1); break;
	case REQ_TOP: rows_first(&v->rows); break;
	case REQ_BOTTOM: rows_last(&v->rows); break;
	default: break;
	}
}

static void prompt_apply(tui *t, struct prompt *p)
{
	view *v = ui_top(t);
	if (p->kind == PROMPT_SEARCH) {
		/* incremental: from where the search started (in the tree, also
		 * with the nodes opened by the last keystroke's match closed) */
		if (view_is_dir(v))
			view_dir_restore(v, t);
		else
			v->rows.cursor = p->saved_cursor;
		if (p->len && !do_search(t, p->text, 1, true))
			ui_message(t, STYLE_WARNING, "no match for '%s'", p->text);
		else
			t->status[0] = '\0';
	} else if (p->kind == PROMPT_FILTER && view_is_people(v)) {
		view_people_filter(v, t, p->text);
	} else if (p->kind == PROMPT_FIND && view_is_search(v)) {
		view_search_set(v, t, p->text);
	}
}

static void prompt_key(tui *t, struct prompt *p, const key_event *k)
{
	view *v = ui_top(t);
	if (p->kind == PROMPT_FIND && k->fn) { /* arrows move in the results */
		request req = keys_lookup(k->code, true);
		if (req >= REQ_UP && req <= REQ_BOTTOM) {
			page(v, req);
			return;
		}
	}
	if (p->kind == PROMPT_FIND && !k->fn && k->code == 27) {
		p->kind = PROMPT_NONE; /* Esc closes the search */
		ui_back(t);
		return;
	}
	if (!k->fn && k->code == 27) { /* Esc: cancel, back where we were */
		if (p->kind == PROMPT_SEARCH && view_is_dir(v)) {
			view_dir_restore(v, t);
		} else if (p->kind == PROMPT_SEARCH) {
			v->rows.cursor = p->saved_cursor;
			v->rows.top = p->saved_top;
		} else if (p->kind == PROMPT_FILTER && view_is_people(v)) {
			view_people_filter(v, t, "");
		}
		p->kind = PROMPT_NONE;
		return;
	}
	if ((!k->fn && (k->code == '\r' || k->code == '\n')) ||
	    (k->fn && k->code == KEY_ENTER)) {
		prompt_kind kind = p->kind;
		p->kind = PROMPT_NONE;
		if (kind == PROMPT_SEARCH)
			snprintf(t->search, sizeof(t->search), "%s", p->text);
		else if (kind == PROMPT_JUMP && p->len)
			jump_to_person(t, p->text);
		else if (kind == PROMPT_FIND && v->rows.cursor < v->rows.n &&
			 !ui_open_row(t, &v->rows.v[v->rows.cursor]))
			ui_message(t, STYLE_WARNING, "no match to open");
		return;
	}
	if ((k->fn && k->code == KEY_BACKSPACE) ||
	    (!k->fn && (k->code == 127 || k->code == 8))) {
		while (p->len && ((unsigned char)p->text[p->len - 1] & 0xC0) == 0x80)
			p->len--; /* a whole character, not a byte */
		if (p->len)
			p->len--;
		p->text[p->len] = '\0';
	} else if (!k->fn && k->code == 21) { /* Ctrl-U */
		p->len = 0;
		p->text[0] = '\0';
	} else if (!k->fn && k->code >= 32 && k->code != 127 &&
		   p->len + 4 < sizeof(p->text)) {
		p->len += utf8_encode((uint32_t)k->code, p->text + p->len);
		p->text[p->len] = '\0';
	} else if (!k->fn && k->code >= 32 && k->code != 127) {
		screen_beep(); /* full: the prompt line says "(full)" */
		return;
	} else {
		return;
	}
	prompt_apply(t, p);
}

static void prompt_start(tui *t, struct prompt *p, prompt_kind kind)
{
	view *v = ui_top(t);
	p->kind = kind;
	p->len = 0;
	p->text[0] = '\0';
	if (kind == PROMPT_FIND && view_is_search(v)) { /* edit the last query */
		snprintf(p->text, sizeof(p->text), "%s", view_search_query(v));
		p->len = strlen(p->text);
	}
	p->saved_cursor = v->rows.cursor;
	p->saved_top = v->rows.top;
	if (kind == PROMPT_SEARCH && view_is_dir(v))
		view_dir_mark(v);
	t->status[0] = '\0';
}

static void draw(tui *t, const struct prompt *p)
{
	int h, w;
	screen_size(&h, &w);
	screen_erase();
	if (h < MIN_H || w < MIN_W) {
		char msg[64];
		snprintf(msg, sizeof(msg), "terminal too small (%dx%d)", w, h);
		screen_put(h / 2 > 0 ? h / 2 - 1 : 0, 0, w, msg, STYLE_WARNING, false, false);
		snprintf(msg, sizeof(msg), "need %dx%d", MIN_W, MIN_H);
		screen_put(h / 2, 0, w, msg, STYLE_NORMAL, false, false);
		screen_cursor(-1, 0);
		screen_flush();
		return;
	}
	view *v = ui_top(t);
	char *title = v->ops->title(v, t);
	char bar[512];
	snprintf(bar, sizeof(bar), " teamtui \u2502 %s", title ? title : "");
	free(title);
	screen_put(0, 0, w, bar, STYLE_TITLE, false, true);
	v->height = h - 2;
	if (v->ops->draw)
		v->ops->draw(v, t, 1, 0, h - 2, w);
	else
		ui_draw_rows(&v->rows, 1, 0, h - 2, w, CURSOR_BAR);
	if (p->kind != PROMPT_NONE) {
		const char *lead = p->kind == PROMPT_SEARCH ? "/"
				   : p->kind == PROMPT_JUMP ? "person: "
				   : p->kind == PROMPT_FIND ? "who: "
							    : "filter: ";
		/* a full prompt says so where the eye is: the keys past it
		 * are not taken (see prompt_key) */
		bool full = p->len + 4 >= sizeof(p->text);
		char line[320];
		snprintf(line, sizeof(line), "%s%s%s", full ? "(full) " : "", lead, p->text);
		int used = screen_put(h - 1, 0, w, line, STYLE_NORMAL, false, false);
		screen_cursor(h - 1, used < w ? used : w - 1);
	} else {
		char left[600];
		if (t->status[0])
			snprintf(left, sizeof(left), "%s", t->status);
		else
			snprintf(left, sizeof(left), "%s \u00b7 %zu people \u00b7 %zu groups%s",
				 t->dir, t->r->npeople, t->r->ngroups,
				 t->check_errors + t->check_warnings ? "" : " \u00b7 ? help");
		char right[160] = "";
		size_t o = 0;
		if (ui_fetching(t)) { /* background work, with a spinner */
			static const char *const spin[] = {"|", "/", "-", "\\"};
			o = (size_t)snprintf(right, sizeof(right), "%s fetching from GitLab  ",
					     spin[t->spinner++ % 4]);
		}
		if (t->check_errors + t->check_warnings && o < sizeof(right))
			snprintf(right + o, sizeof(right) - o,
				 "%zu error%s, %zu warning%s (!) \u00b7 ? help",
				 t->check_errors, t->check_errors == 1 ? "" : "s",
				 t->check_warnings, t->check_warnings == 1 ? "" : "s");
		int rw = (int)utf8_width(right);
		row_style st = t->status[0] ? t->status_style : STYLE_DIM;
		int room = w - rw - 1, used = 0;
		/* a tail ("; showing the roster loaded at 10:42") is said in
		 * full: the message before it is cut to make room */
		int tw = t->status[0] && t->status_tail[0] ? cell_width(t->status_tail) : 0;
		if (tw && tw < room)
			used = screen_put(h - 1, 0, room - tw, left, st, false, false);
		else
			tw = 0;
		if (tw)
			screen_put(h - 1, used, tw, t->status_tail, st, false, false);
		else
			screen_put(h - 1, 0, room, left, st, false, false);
		if (rw && rw < w)
			screen_put(h - 1, w - rw, rw, right,
				   t->check_errors ? STYLE_ERROR : STYLE_WARNING, false, false);
		screen_cursor(-1, 0);
	}
	screen_flush();
}


/* The keys the directory tree keeps when typing starts a search. */
static bool tree_key(int c)
{
	return c < 128 && strchr("jkhlgGnNq?/:!", c);
}

static void handle(tui *t, struct prompt *p, request req)
{
	view *v = ui_top(t);
	t->status[0] = '\0';
	if (v->ops->request && v->ops->request(v, t, req))
		return;
	switch (req) {
	case REQ_UP: case REQ_DOWN: case REQ_PAGE_UP: case REQ_PAGE_DOWN:
	case REQ_HALF_UP: case REQ_HALF_DOWN: case REQ_TOP: case REQ_BOTTOM:
		page(v, req);
		break;
	case REQ_ENTER:
	case REQ_EXPAND:
		if (v->rows.cursor < v->rows.n)
			ui_open_row(t, &v->rows.v[v->rows.cursor]);
		break;
	case REQ_BACK:
	case REQ_COLLAPSE:
		ui_back(t);
		break;
	case REQ_NEXT_PANE:
		rows_next_section(&v->rows, 1);
		break;
	case REQ_PREV_PANE:
		rows_next_section(&v->rows, -1);
		break;
	case REQ_SEARCH:
		prompt_start(t, p, PROMPT_SEARCH);
		break;
	case REQ_SEARCH_NEXT:
	case REQ_SEARCH_PREV:
		if (!t->search[0])
			ui_message(t, STYLE_WARNING, "no search yet: / to search");
		else if (!do_search(t, t->search, req == REQ_SEARCH_NEXT ? 1 : -1, false))
			ui_message(t, STYLE_WARNING, "no match for '%s'", t->search);
		break;
	case REQ_JUMP_PERSON:
		prompt_start(t, p, PROMPT_JUMP);
		break;
	case REQ_FIND:
		if (!view_is_search(v))
			ui_push(t, view_search_new(t));
		if (view_is_search(ui_top(t)))
			prompt_start(t, p, PROMPT_FIND);
		break;
	case REQ_PEOPLE:
		ui_push(t, view_people_new(t, NULL));
		break;
	case REQ_FILTER:
		if (!view_is_people(v)) {
			ui_push(t, view_people_new(t, NULL));
			v = ui_top(t);
		}
		prompt_start(t, p, PROMPT_FILTER);
		break;
	case REQ_COPY:
		copy_selected(t);
		break;
	case REQ_OPEN:
		open_selected(t);
		break;
	case REQ_RELOAD:
		reload(t);
		break;
	case REQ_WARNINGS:
		ui_push(t, view_diags_new(t));
		break;
	case REQ_HELP:
		ui_push(t, view_help_new(t));
		break;
	case REQ_REDRAW:
		clearok(stdscr, TRUE);
		break;
	case REQ_QUIT:
		t->quit = true;
		break;
	case REQ_SUSPEND: /* only in raw mode does Ctrl-Z reach us as a key */
		screen_pause();
		raise(SIGTSTP);
		screen_resume();
		break;
	default:
		break;
	}
}

int ui_run(const roster_input *in, roster **r, diag_list *diags, char *why,
	   size_t whysize)
{
	tui t = {.dir = in->dir, .input = in, .r = *r, .diags = *diags};
	t.loaded_at = ui_now(); /* the caller loaded it a moment ago */
	diag_init(diags); /* the tui owns them now (reload replaces them) */
	if (whysize)
		why[0] = '\0';
	t.rs = resolver_new(t.r);
	check_counts(t.r, &t.diags, &t.check_errors, &t.check_warnings);
	if (!t.rs && whysize)
		snprintf(why, whysize, "out of memory");
	if (!t.rs || !screen_open(why, whysize)) {
		resolver_free(t.rs);
		*diags = t.diags;
		return -1;
	}
	ui_push(&t, view_dir_new(&t));
	struct prompt p = {0};
	if (!t.depth)
		t.quit = true;
	/* the benchmark's hook: keys from the environment instead of the
	 * terminal, then quit and report the cost of each redraw */
	const char *bench = getenv("TEAMTUI_BENCH_KEYS");
	size_t nbench = 0;
	bool gone = false; /* the terminal went away (or a signal came) */
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (!t.quit) {
		draw(&t, &p);
		if (bench) {
			if (!bench[nbench])
				break;
			handle(&t, &p, keys_lookup((unsigned char)bench[nbench++], false));
			continue;
		}
		key_event k;
		/* while GitLab is being asked, wake every 100 ms to move the
		 * transfers on; keys are still answered the moment they come */
		int rc = screen_getkey(&k, ui_fetching(&t) ? 100 : -1);
		if (rc == SCREEN_EOF) {
			gone = true;
			break;
		}
		if (ui_fetch_step(&t))
			rebuild(&t);
		if (rc != SCREEN_KEY || (k.fn && k.code == KEY_RESIZE))
			continue; /* the next draw uses the new size */
		if (p.kind != PROMPT_NONE) {
			prompt_key(&t, &p, &k);
			continue;
		}
		request req = keys_lookup(k.code, k.fn);
		if (!k.fn && k.code > ' ' && k.code != 127 && view_is_dir(ui_top(&t)) &&
		    !view_dir_focused_row(ui_top(&t)) && !tree_key(k.code)) {
			/* typing on the opening screen searches: "sean", "@sean";
			 * only the tree's own keys keep their meaning there */
			handle(&t, &p, REQ_FIND);
			if (p.kind == PROMPT_FIND)
				prompt_key(&t, &p, &k);
			continue;
		}
		handle(&t, &p, req);
	}
	screen_close(why, whysize);
	if (bench) {
		clock_gettime(CLOCK_MONOTONIC, &t1);
		double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
			    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
		fprintf(stderr, "keys=%zu ms_per_key=%.3f\n", nbench,
			nbench ? ms / (double)nbench : 0.0);
	}
	while (t.depth)
		view_free(t.stack[--t.depth]);
	ui_fetch_free(&t);
	search_free(t.index);
	resolver_free(t.rs);
	*r = t.r; /* the caller frees the roster and its diagnostics */
	*diags = t.diags;
	if (screen_signal())
		return 128 + screen_signal();
	return gone ? 1 : 0; /* a terminal that vanished is no success */
}

/* ui.c: the interactive directory's loop: the history (back and forward),
 * the prompts, the dispatch of requests, the title and status lines. It
 * knows the views only through ui_views[] (src/ui/views.c) and their
 * view_ops; what a view shows is the view's own file. */
#include "teamtui/ui.h"
#include "teamtui/check.h"

#include <curses.h>
#include <errno.h>
#include <sys/wait.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "teamtui/clipboard.h"
#include "teamtui/config.h"
#include "teamtui/launch.h"
#include "teamtui/digest.h"
#include "teamtui/rosterdiff.h"
#include "teamtui/screen.h"
#include "teamtui/search.h"
#include "teamtui/utf8.h"

enum { MIN_W = 40, MIN_H = 8, MAX_STACK = (int)(sizeof(((tui *)0)->stack) / sizeof(view *)) };

void ui_message(tui *t, row_style style, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->status, sizeof(t->status), fmt, ap);
	va_end(ap);
	t->status_tail[0] = '\0';
	t->status_style = style;
}

void ui_ask(tui *t, void (*answer)(tui *t, bool yes), const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->status, sizeof(t->status), fmt, ap);
	va_end(ap);
	t->status_tail[0] = '\0';
	t->status_style = STYLE_WARNING;
	t->question = answer;
}

bool ui_question_key(tui *t, int code, bool fn, bool meta)
{
	void (*answer)(tui *, bool) = t->question;
	if (!answer)
		return false;
	t->question = NULL;
	t->status[0] = '\0';
	if (fn || meta)
		return false;
	if (code == 'y' || code == 'Y' || code == 'n' || code == 'N') {
		answer(t, code == 'y' || code == 'Y');
		return true;
	}
	return code == 27; /* Esc: withdrawn, nothing else */
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

rows *ui_focus(view *v)
{
	rows *r = v && v->ops->focus ? v->ops->focus(v) : NULL;
	return r ? r : &v->rows;
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

view *ui_view_new(tui *t, const view_ops *ops, const char *subject)
{
	view *v = calloc(1, sizeof(*v));
	if (!v)
		return NULL;
	v->ops = ops;
	if ((subject && !(v->subject = strdup(subject))) ||
	    (ops->state_size && !(v->state = calloc(1, ops->state_size))) ||
	    !ops->build(v, t)) {
		view_free(v);
		return NULL;
	}
	rows_first(&v->rows);
	if (ops->init)
		ops->init(v, t);
	return v;
}

/* ---- the prompts ------------------------------------------------------ */

static void handle(tui *t, request req);
static void open_org(tui *t);
static void open_escalation(tui *t);

static lineedit_history *history_of(tui *t, prompt_kind kind, const view *owner)
{
	if (kind == PROMPT_SEARCH)
		return &t->hist_search;
	if (kind == PROMPT_JUMP)
		return &t->hist_jump;
	return owner && owner->ops->prompt_request == REQ_FIND ? &t->hist_find
							       : &t->hist_filter;
}

static void prompt_clear(struct ui_prompt *p)
{
	free(p->saved);
	p->saved = NULL;
	rows_anchor_free(&p->anchor);
	p->kind = PROMPT_NONE;
	p->owner = NULL;
}

/* The view's own prompt, active: its text to edit, the cursor at the end. */
static void prompt_start_view(tui *t, view *v)
{
	struct ui_prompt *p = &t->prompt;
	prompt_clear(p);
	const char *text = v->ops->prompt_text ? v->ops->prompt_text(v) : "";
	p->kind = PROMPT_VIEW;
	p->owner = v;
	p->saved = strdup(text);
	rows_anchor_take(&v->rows, &p->anchor);
	lineedit_init(&p->ed, history_of(t, PROMPT_VIEW, v), text);
	v->prompt_was_active = false;
	t->status[0] = '\0';
}

static void prompt_start(tui *t, prompt_kind kind)
{
	struct ui_prompt *p = &t->prompt;
	view *v = ui_top(t);
	rows *r = ui_focus(v);
	prompt_clear(p);
	p->kind = kind;
	lineedit_init(&p->ed, history_of(t, kind, NULL), "");
	p->saved_cursor = r->cursor;
	p->saved_top = r->top;
	if (kind == PROMPT_SEARCH && v->ops->find_begin)
		v->ops->find_begin(v);
	t->status[0] = '\0';
}

/* ---- the history -------------------------------------------------------- */

/* The views `]` could go forward to: dropped when a new view opens. */
static void drop_forward(tui *t)
{
	while (t->nstack > t->depth)
		view_free(t->stack[--t->nstack]);
}

void ui_push(tui *t, view *v)
{
	if (!v)
		return;
	view *top = ui_top(t);
	if (top && t->prompt.kind == PROMPT_VIEW && t->prompt.owner == top)
		top->prompt_was_active = true; /* coming back, it is again */
	if (t->prompt.kind != PROMPT_NONE)
		prompt_clear(&t->prompt);
	drop_forward(t);
	if (t->depth == MAX_STACK) {
		/* the oldest step past the directory falls off the history */
		view_free(t->stack[1]);
		memmove(t->stack + 1, t->stack + 2,
			(size_t)(t->depth - 2) * sizeof(*t->stack));
		t->depth--;
	}
	t->stack[t->depth++] = v;
	t->nstack = t->depth;
}

/* The view now on top again: its prompt as it was left. */
static void arrive(tui *t)
{
	view *v = ui_top(t);
	if (t->prompt.kind != PROMPT_NONE)
		prompt_clear(&t->prompt);
	if (v && v->prompt_was_active)
		prompt_start_view(t, v);
}

void ui_close_views(tui *t)
{
	while (t->nstack)
		view_free(t->stack[--t->nstack]);
	t->depth = 0;
}

void ui_back(tui *t)
{
	if (t->depth <= 1)
		return;
	view *v = ui_top(t);
	v->prompt_was_active = false;
	t->depth--; /* kept above depth for `]` */
	arrive(t);
}

static void forward(tui *t)
{
	if (t->nstack <= t->depth) {
		ui_message(t, STYLE_WARNING, "nothing to go forward to");
		return;
	}
	t->depth++;
	arrive(t);
}

view *ui_open(tui *t, view_kind kind, const char *subject)
{
	/* the view on top already: no second copy of it in the history */
	view *top = ui_top(t);
	if (top && top->ops == ui_views[kind] &&
	    (subject && top->subject ? !strcmp(subject, top->subject) : !subject && !top->subject)) {
		ui_message(t, STYLE_NORMAL, "already open: %s%s%s", ui_views[kind]->name,
			   subject ? " " : "", subject ? subject : "");
		return top;
	}
	view *v = ui_view_new(t, ui_views[kind], subject);
	if (!v) {
		ui_message(t, STYLE_WARNING, "could not open the %s%s%s", ui_views[kind]->name,
			   subject ? " of " : "", subject ? subject : "");
		return NULL;
	}
	ui_push(t, v);
	return v;
}

/* ---- acting on rows ----------------------------------------------------- */

/* Run a launch plan; a text-mode program gets the terminal (curses
 * paused, then the screen redrawn at its size now). The status line says
 * what happened; `what` names the thing opened ("the link"). */
static void run_plan(tui *t, launch_plan *plan, const char *what, const char *shown)
{
	launch_hooks hooks = {screen_pause, screen_resume};
	launch_result res;
	int e = launch_run(plan, &hooks, &res);
	bool fg = res.index >= 0 && (size_t)res.index < plan->count &&
		  plan->cmds[res.index].foreground;
	if (e)
		ui_message(t, STYLE_WARNING, "could not run %s: %s (y copies %s)",
			   *res.what ? res.what : "a program", strerror(e), what);
	else if (fg && WIFEXITED(res.status) && WEXITSTATUS(res.status))
		ui_message(t, STYLE_WARNING, "%s ended with status %d", res.what,
			   WEXITSTATUS(res.status));
	else if (fg)
		ui_message(t, STYLE_NORMAL, "back from %s", res.what);
	else /* it started; whether a page opened is the program's business */
		ui_message(t, STYLE_NORMAL, "started %s for %s", res.what, shown);
}

void ui_open_url(tui *t, const char *url)
{
	launch_env env;
	launch_env_get(&env);
	launch_plan plan;
	int e = launch_plan_url(url, &env, &plan);
	if (e) {
		ui_message(t, STYLE_WARNING, "cannot open %s: %s (y copies it)", url,
			   e == EINVAL ? "not an http(s) link" : strerror(e));
		return;
	}
	run_plan(t, &plan, "the link", url);
	launch_plan_free(&plan);
}

void ui_edit(tui *t, const char *file, int line, int column)
{
	launch_env env;
	launch_env_get(&env);
	launch_plan plan;
	int e = launch_plan_editor(file, line, column, &env, &plan);
	if (e) {
		ui_message(t, STYLE_WARNING, "cannot start an editor: %s (set $EDITOR)",
			   strerror(e));
		return;
	}
	run_plan(t, &plan, "the location", file);
	launch_plan_free(&plan);
}

bool ui_open_row(tui *t, const row *rw)
{
	switch (rw->kind) {
	case ROW_PERSON:
		ui_open(t, VIEW_PERSON, rw->id);
		return true;
	case ROW_GROUP:
		ui_open(t, VIEW_GROUP, rw->id);
		return true;
	case ROW_DANGLING:
		ui_message(t, STYLE_WARNING, "'%s' is not in the roster", rw->cells[0]);
		return true;
	case ROW_LINK:
	case ROW_LABEL:
	case ROW_CHANNEL:
		if (!rw->url)
			return false;
		ui_open_url(t, rw->url);
		return true;
	default:
		return false;
	}
}

static const row *selected_row(tui *t)
{
	rows *r = ui_focus(ui_top(t));
	return r->cursor < r->n && rows_selectable(&r->v[r->cursor]) ? &r->v[r->cursor]
									: NULL;
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

/* o: the row's link (a person's: their GitLab profile). */
static void open_selected(tui *t)
{
	const row *rw = selected_row(t);
	if (!rw || !rw->url) {
		if (rw && rw->kind == ROW_PERSON)
			ui_message(t, STYLE_WARNING, "no GitLab handle for %s", rw->cells[0]);
		else if (rw && rw->kind == ROW_CHANNEL && rw->copy)
			ui_message(t, STYLE_WARNING,
				   "the roster gives no Slack link for %s (y copies the name)",
				   rw->copy);
		else
			ui_message(t, STYLE_WARNING, "no link here");
		return;
	}
	ui_open_url(t, rw->url);
}

/* ---- reload ------------------------------------------------------------- */

/* Before the rows' strings go away (a reload frees the roster; a GitLab
 * answer replaces what a card showed): every view's cursor as text in
 * anchors[], then no row and no view state left pointing at the old. The
 * views `]` goes forward to are views too. */
static void release_views(tui *t, row_anchor *anchors)
{
	for (int i = 0; i < t->nstack; i++) {
		view *v = t->stack[i];
		rows_anchor_take(&v->rows, &anchors[i]);
		if (v->ops->release)
			v->ops->release(v);
		rows_clear(&v->rows);
	}
}

/* After: every view built again from its subject's id, its cursor back on
 * the same item (else the same row). A view whose subject is gone is
 * dropped; `gone` says whether the one on screen was, and names it
 * ("group forge"), else "". */
static void rebuild_views(tui *t, row_anchor *anchors, char *gone, size_t size)
{
	int kept = 0, depth = t->depth;
	view *top = ui_top(t);
	if (size)
		gone[0] = '\0';
	for (int i = 0; i < t->nstack; i++) {
		view *v = t->stack[i];
		if (!v->ops->build(v, t) && i > 0) {
			if (v == top && size)
				snprintf(gone, size, "the %s %s", v->ops->name,
					 v->subject ? v->subject : "");
			if (t->prompt.owner == v)
				prompt_clear(&t->prompt);
			view_free(v);
			if (i < t->depth)
				depth--;
		} else {
			rows_anchor_restore(&v->rows, &anchors[i]);
			t->stack[kept++] = v;
		}
		rows_anchor_free(&anchors[i]);
	}
	t->nstack = kept;
	t->depth = depth;
}

/* One view built again on the same roster, its cursor on the same item
 * and its scroll kept: a new width (relayout), or the OKR spinner's turn
 * (only the view on screen shows it). */
static void rebuild_view(tui *t, view *v)
{
	row_anchor a = {0};
	rows_anchor_take(&v->rows, &a);
	size_t top = v->rows.top;
	if (v->ops->release)
		v->ops->release(v);
	rows_clear(&v->rows);
	if (v->ops->build(v, t)) {
		rows_anchor_restore(&v->rows, &a);
		v->rows.top = top < v->rows.n ? top : 0;
	}
	rows_anchor_free(&a);
}

const char *ui_spinner(const tui *t)
{
	static const char *const spin[] = {"|", "/", "-", "\\"};
	return spin[t->spinner % 4];
}

/* Rebuild every view on the same roster (GitLab answered). */
static void rebuild(tui *t)
{
	row_anchor anchors[MAX_STACK];
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
 * point into the old roster once it is freed), a view whose subject is
 * gone is dropped, and the status line says what changed (roster_diff). */
static void reload(tui *t)
{
	diag_list d;
	diag_init(&d);
	/* the config file's own problems, read again as check reads them
	 * (its settings stay as they were at start) */
	char *people = NULL, *data = NULL;
	config_data_paths(&people, &data, &d);
	free(people);
	free(data);
	config_theme theme;
	bool mouse;
	config_interface(&theme, &mouse, &d);
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
	/* the shown roster's digest, kept from its recording (else made
	 * now), and the new one's, made once for this line and What's new */
	char changes[200];
	if (t->changes) {
		const digest *was = ui_changes_digest(t);
		digest *now = digest_of(r, rs);
		roster_diff_digests_text(t->r, was, r, now, changes, sizeof(changes));
		ui_changes_set_digest(t, now);
	} else {
		roster_diff_text(t->r, t->rs, r, rs, changes, sizeof(changes));
	}
	row_anchor anchors[MAX_STACK];
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
	t->roster_gen++; /* what views built from the old one is not this one's */
	t->loaded_at = ui_now();
	check_counts(r, &d, &t->check_errors, &t->check_warnings);
	if (t->changes) /* the reloaded roster is the newest version */
		ui_changes_update(t, false);
	char gone[80];
	rebuild_views(t, anchors, gone, sizeof(gone));
	if (d.errors)
		ui_message(t, STYLE_ERROR, "reloaded: %s; %zu error%s (!)", changes,
			   t->check_errors, t->check_errors == 1 ? "" : "s");
	else
		ui_message(t, STYLE_NORMAL, "reloaded: %s", changes);
	if (*gone)
		snprintf(t->status_tail, sizeof(t->status_tail),
			 "; %s was removed: back to where you were", gone);
}

/* ---- finding ------------------------------------------------------------ */

static bool do_find(tui *t, const char *needle, int dir, bool include_from)
{
	view *v = ui_top(t);
	if (v->ops->find)
		return v->ops->find(v, t, needle, dir, include_from);
	rows *r = ui_focus(v);
	long i = rows_find(r, needle, r->cursor, dir, include_from);
	if (i < 0)
		return false;
	r->cursor = (size_t)i;
	return true;
}

/* p / ':' : one person opens their card; several, the people list
 * filtered by the text (search_person_lookup: the who-search's rules). */
/* p / ':' : the person the text names (search_person_lookup: a slug, a
 * handle, a whole or partial name, accents folded) opens their card;
 * several open the people list filtered by the text; none, the
 * who-search on it. */
static void jump_to_person(tui *t, const char *q)
{
	if (!t->index)
		t->index = search_build(t->r);
	const person *cands[2];
	search_lookup l = search_person_lookup(t->r, t->index, q, cands, 2);
	if (l.person && l.level != SEARCH_LOOKUP_FUZZY) {
		ui_open(t, VIEW_PERSON, l.person->slug);
		return;
	}
	if (l.count > 1 && l.level != SEARCH_LOOKUP_FUZZY) {
		view *v = ui_open(t, VIEW_PEOPLE, NULL);
		if (v && v->ops->prompt_set)
			v->ops->prompt_set(v, t, q);
		if (v && v->rows.n <= 1) /* the filter is narrower than the lookup */
			v->ops->prompt_set(v, t, "");
		if (v)
			ui_message(t, STYLE_NORMAL, "%zu people match '%s': Enter opens one",
				   l.count, q);
		return;
	}
	view *v = ui_open(t, VIEW_SEARCH, NULL);
	if (v) {
		v->ops->prompt_set(v, t, q);
		ui_message(t, STYLE_WARNING, "no name or handle is '%s': the who-search finds these", q);
	}
}

static void page(rows *r, int height, request req)
{
	long hpage = height > 2 ? height - 1 : 1;
	switch (req) {
	case REQ_UP: rows_move(r, -1); break;
	case REQ_DOWN: rows_move(r, 1); break;
	case REQ_PAGE_UP: rows_move(r, -hpage); break;
	case REQ_PAGE_DOWN: rows_move(r, hpage); break;
	case REQ_HALF_UP: rows_move(r, -(hpage / 2 ? hpage / 2 : 1)); break;
	case REQ_HALF_DOWN: rows_move(r, hpage / 2 ? hpage / 2 : 1); break;
	case REQ_TOP: rows_first(r); break;
	case REQ_BOTTOM: rows_last(r); break;
	default: break;
	}
}

/* The text changed: a live search moves, a filter or query rebuilds. */
static void prompt_changed(tui *t)
{
	struct ui_prompt *p = &t->prompt;
	view *v = ui_top(t);
	if (p->kind == PROMPT_SEARCH) {
		/* incremental: from where the search started (in the tree, also
		 * with the nodes opened by the last keystroke's match closed) */
		rows *r = ui_focus(v);
		if (v->ops->find_cancel)
			v->ops->find_cancel(v, t);
		else
			r->cursor = p->saved_cursor;
		if (p->ed.len && !do_find(t, p->ed.text, 1, true))
			ui_message(t, STYLE_WARNING, "no match for '%s'", p->ed.text);
		else
			t->status[0] = '\0';
	} else if (p->kind == PROMPT_VIEW && p->owner->ops->prompt_set) {
		p->owner->ops->prompt_set(p->owner, t, p->ed.text);
	}
}

/* Esc in a prompt: leave it. `/` puts the cursor back, a filter its old
 * text; the who-search keeps its query (an empty one leaves the search). */
static void prompt_cancel(tui *t)
{
	struct ui_prompt *p = &t->prompt;
	view *v = ui_top(t);
	if (p->kind == PROMPT_SEARCH) {
		rows *r = ui_focus(v);
		if (v->ops->find_cancel) {
			v->ops->find_cancel(v, t);
		} else {
			r->cursor = p->saved_cursor;
			r->top = p->saved_top;
		}
	} else if (p->kind == PROMPT_VIEW && p->owner->ops->prompt_request == REQ_FIND) {
		if (!p->ed.len) {
			prompt_clear(p);
			ui_back(t);
			return;
		}
	} else if (p->kind == PROMPT_VIEW && p->owner->ops->prompt_set && p->saved) {
		p->owner->ops->prompt_set(p->owner, t, p->saved);
		/* on the row it was on, even if the text matched nobody */
		rows_anchor_restore(&p->owner->rows, &p->anchor);
	}
	prompt_clear(p);
}

static void prompt_enter(tui *t)
{
	struct ui_prompt *p = &t->prompt;
	view *v = ui_top(t);
	prompt_kind kind = p->kind;
	char text[LINEEDIT_MAX];
	snprintf(text, sizeof(text), "%s", p->ed.text);
	lineedit_history_add(history_of(t, kind, p->owner), text);
	if (kind == PROMPT_VIEW && p->owner->ops->prompt_request == REQ_FIND) {
		/* open the selected result; the query stays, and the prompt is
		 * active again when the user comes back */
		const row *rw = selected_row(t);
		if (!rw)
			ui_message(t, STYLE_WARNING, "no match to open: edit the query, or Esc");
		else
			ui_open_row(t, rw); /* ui_push remembers the prompt */
		return;
	}
	prompt_clear(p);
	if (kind == PROMPT_SEARCH)
		snprintf(t->search, sizeof(t->search), "%s", text);
	else if (kind == PROMPT_JUMP && *text)
		jump_to_person(t, text);
	(void)v;
}

static void prompt_key(tui *t, const key_event *k)
{
	struct ui_prompt *p = &t->prompt;
	t->status[0] = '\0'; /* a message lasts until the next key */
	view *v = ui_top(t);
	bool results = p->kind == PROMPT_VIEW; /* a list under the prompt */
	if (k->fn && results) { /* arrows and pages move in the list */
		request req = keys_lookup(k->code, true);
		if (req >= REQ_UP && req <= REQ_BOTTOM && req != REQ_TOP &&
		    req != REQ_BOTTOM) {
			page(ui_focus(v), v->height, req);
			return;
		}
	}
	if (!k->fn && !k->meta && k->code == 27) {
		prompt_cancel(t);
		return;
	}
	if ((!k->fn && (k->code == '\r' || k->code == '\n')) ||
	    (k->fn && k->code == KEY_ENTER)) {
		prompt_enter(t);
		return;
	}
	if (!k->fn && k->code == '\t' && results) { /* to the results */
		prompt_clear(p);
		return;
	}
	lineedit_op op = lineedit_key(k->code, k->fn, k->meta, !results);
	if (op == LE_NONE) {
		/* the control keys that are not editing keep their meaning */
		request req = k->meta ? REQ_NONE : keys_lookup(k->code, k->fn);
		if (req == REQ_RELOAD || req == REQ_REDRAW || req == REQ_SUSPEND) {
			handle(t, req);
			return;
		}
		screen_beep();
		return;
	}
	int changed = lineedit_apply(&p->ed, op, (uint32_t)k->code);
	if (p->ed.refused)
		screen_beep(); /* full: the text is as it was */
	else if (changed)
		prompt_changed(t);
}

/* ---- drawing ------------------------------------------------------------ */

/* "12/140" of the focused rows' selectable ones (the cursor's place); for
 * rows with none (a text), the lines shown: "1-22/60". */
static void position(rows *r, int height, char *buf, size_t size)
{
	size_t n = 0, at = 0;
	for (size_t i = 0; i < r->n; i++)
		if (rows_selectable(&r->v[i])) {
			n++;
			if (i <= r->cursor)
				at = n;
		}
	if (n)
		snprintf(buf, size, "%zu/%zu", at ? at : 1, n);
	else if (r->n > (size_t)height)
		snprintf(buf, size, "%zu-%zu/%zu", r->top + 1,
			 r->top + (size_t)height < r->n ? r->top + (size_t)height : r->n, r->n);
	else
		buf[0] = '\0';
}

/* A prompt line: the label highlighted and the terminal's cursor shown
 * when it is being edited; dim, with how to edit it, when not. */
static int draw_prompt(int y, int w, const char *label, const lineedit *ed,
			bool active, const char *hint)
{
	/* a full prompt says so where the eye is: the keys past it are
	 * refused (with a beep) */
	int lw = 0;
	if (active && ed->len + 4 >= LINEEDIT_MAX)
		lw = screen_put(y, 0, w, "(full) ", STYLE_WARNING, false, false);
	lw += screen_put(y, lw, w - lw, label, active ? STYLE_TITLE : STYLE_DIM, active, false);
	int room = w - lw - 1;
	if (room < 1)
		return active ? lw : -1;
	if (active) {
		size_t first = 0;
		int col = 0;
		lineedit_view(ed, room, &first, &col);
		screen_put(y, lw, room, ed->text + first, STYLE_NORMAL, false, false);
		return lw + col;
	}
	int used = screen_put(y, lw, room, ed->text, STYLE_NORMAL, false, false);
	int hw = hint ? (int)utf8_width(hint) : 0;
	if (hint && lw + used + 4 + hw <= w)
		screen_put(y, w - hw, hw, hint, STYLE_DIM, false, false);
	return -1;
}

static void draw_status(tui *t, view *v, int h, int w, int area_h)
{
	char left[600];
	const row *sel = selected_row(t);
	rows *fr = ui_focus(v);
	if (t->status[0])
		snprintf(left, sizeof(left), "%s", t->status);
	else if (sel && fr->cursor_cut) { /* the selected row's whole text */
		size_t o = 0;
		left[0] = '\0';
		for (int c = 0; c < ROW_CELLS && o < sizeof(left); c++)
			if (sel->cells[c] && *sel->cells[c]) {
				int n = snprintf(left + o, sizeof(left) - o, "%s%s",
						 o ? " \u00b7 " : "", sel->cells[c]);
				o += n > 0 ? (size_t)n : 0;
			}
	}
	else if (t->prompt.kind == PROMPT_VIEW && t->prompt.owner == v)
		/* typing goes to the prompt: say how to get out of it */
		snprintf(left, sizeof(left), "%s",
			 v->ops->prompt_request == REQ_FIND
				 ? "Enter opens \u00b7 Up, Down move \u00b7 Tab: the results \u00b7 Esc leaves the prompt"
				 : "Enter keeps the filter \u00b7 Esc puts it back as it was");
	else if (v->ops->hint && t->depth > 1)
		snprintf(left, sizeof(left), "%s", v->ops->hint);
	else /* the opening screen: where the roster is, and how to search */
		snprintf(left, sizeof(left), "%s \u00b7 %zu people \u00b7 %zu groups%s%s", t->dir,
			 t->r->npeople, t->r->ngroups, v->ops->hint ? " \u00b7 " : "",
			 v->ops->hint ? v->ops->hint : "");
	char right[200] = "";
	size_t o = 0;
	if (ui_fetching(t)) { /* background work, with a spinner */
		o = (size_t)snprintf(right, sizeof(right), "%s fetching from GitLab  ",
				     ui_spinner(t));
	}
	if (t->check_errors + t->check_warnings && o < sizeof(right))
		o += (size_t)snprintf(right + o, sizeof(right) - o,
				      "%zu error%s, %zu warning%s (!)  ", t->check_errors,
				      t->check_errors == 1 ? "" : "s", t->check_warnings,
				      t->check_warnings == 1 ? "" : "s");
	char pos[48] = "";
	if (t->status[0])
		; /* a message needs the room more than the position */
	else if (v->ops->position)
		v->ops->position(v, pos, sizeof(pos));
	else
		position(fr, area_h, pos, sizeof(pos));
	if (o < sizeof(right) && !t->status[0]) /* a message needs the room */
		snprintf(right + o, sizeof(right) - o, "%s%s? help", pos, *pos ? "  " : "");
	int rw = (int)utf8_width(right);
	row_style st = t->status[0] ? t->status_style : STYLE_DIM;
	int room = w - rw - 1, used = 0;
	/* a tail ("; showing the roster loaded at 10:42") is said in full:
	 * the message before it is cut to make room */
	int tw = t->status[0] && t->status_tail[0] ? ui_cell_width(t->status_tail) : 0;
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
			   t->check_errors		       ? STYLE_ERROR
			   : t->check_warnings ? STYLE_WARNING
					       : STYLE_DIM,
			   false, false);
}

static void draw(tui *t)
{
	int h, w;
	screen_size(&h, &w);
	screen_erase();
	screen_cursor(-1, 0);
	if (h < MIN_H || w < MIN_W) {
		char msg[64];
		snprintf(msg, sizeof(msg), "terminal too small (%dx%d)", w, h);
		screen_put(h / 2 > 0 ? h / 2 - 1 : 0, 0, w, msg, STYLE_WARNING, false, false);
		snprintf(msg, sizeof(msg), "need %dx%d", MIN_W, MIN_H);
		screen_put(h / 2, 0, w, msg, STYLE_NORMAL, false, false);
		screen_flush();
		return;
	}
	view *v = ui_top(t);
	struct ui_prompt *p = &t->prompt;
	char *title = v->ops->title(v, t);
	char bar[512];
	snprintf(bar, sizeof(bar), " teamtui \u2502 %s",
		 title ? title : "");
	free(title);
	screen_put(0, 0, w, bar, STYLE_TITLE, false, true);
	int y = 1, area = h - 2;
	int cursor_y = -1, cursor_x = 0; /* an active prompt's cursor */
	/* the view's own prompt, under the title while it holds text */
	bool own_active = p->kind == PROMPT_VIEW && p->owner == v;
	const char *own = v->ops->prompt_text ? v->ops->prompt_text(v) : NULL;
	if (v->ops->prompt_label && (own_active || (own && *own))) {
		lineedit shown;
		if (!own_active)
			lineedit_init(&shown, NULL, own);
		char hint[64];
		char keys[32];
		keys_names(v->ops->prompt_request, keys, sizeof(keys));
		keys[strcspn(keys, ",")] = '\0'; /* the first key says it */
		snprintf(hint, sizeof(hint), "%s: edit \u00b7 Esc: %s", keys,
			 v->ops->prompt_request == REQ_FIND ? "leave" : "clear");
		int x = draw_prompt(1, w, v->ops->prompt_label, own_active ? &p->ed : &shown,
				    own_active, hint);
		if (x >= 0) {
			cursor_y = 1;
			cursor_x = x;
		}
		y++;
		area--;
	}
	if (v->ops->relayout && v->built_w != w) /* laid out for another width */
		rebuild_view(t, v);
	v->height = area;
	v->top_y = y;
	if (v->ops->draw)
		v->ops->draw(v, t, y, 0, area, w);
	else
		/* the bar shows what Enter opens, also while the prompt has
		 * the keys (its highlight and cursor say that it has them) */
		ui_draw_rows(&v->rows, y, 0, area, w, CURSOR_BAR);
	if (p->kind == PROMPT_SEARCH || p->kind == PROMPT_JUMP) {
		const char *label = p->kind == PROMPT_SEARCH ? "/" : "person: ";
		cursor_y = h - 1;
		cursor_x = draw_prompt(h - 1, w, label, &p->ed, true, NULL);
	} else {
		draw_status(t, v, h, w, area);
	}
	/* last: what was drawn after the prompt moved curses' cursor */
	if (cursor_y >= 0)
		screen_cursor(cursor_y, cursor_x);
	screen_flush();
}

/* ---- dispatch ----------------------------------------------------------- */

static void suspend(void)
{
	screen_pause();
	raise(SIGTSTP);
	screen_resume(); /* at the size the terminal has now */
}

static void handle(tui *t, request req)
{
	view *v = ui_top(t);
	t->status[0] = '\0';
	if (v->ops->request && v->ops->request(v, t, req))
		return;
	rows *fr = ui_focus(v);
	switch (req) {
	case REQ_UP: case REQ_DOWN: case REQ_PAGE_UP: case REQ_PAGE_DOWN:
	case REQ_HALF_UP: case REQ_HALF_DOWN: case REQ_TOP: case REQ_BOTTOM:
		page(fr, v->height, req);
		break;
	case REQ_ENTER:
	case REQ_EXPAND:
		if (selected_row(t) && !ui_open_row(t, selected_row(t)) && req == REQ_ENTER)
			open_selected(t); /* says why there is nothing to open */
		break;
	case REQ_COLLAPSE:
	case REQ_BACK:
		if (t->depth > 1)
			ui_back(t);
		else if (req == REQ_BACK)
			ui_message(t, STYLE_NORMAL, "this is the directory: q quits");
		break;
	case REQ_CANCEL: /* the view had nothing to step back from */
		if (t->depth > 1)
			ui_back(t);
		else
			ui_message(t, STYLE_NORMAL, "q quits");
		break;
	case REQ_QUIT:
		if (t->depth > 1)
			ui_back(t);
		else
			t->quit = true;
		break;
	case REQ_QUIT_ALL:
		t->quit = true;
		break;
	case REQ_FORWARD:
		forward(t);
		break;
	case REQ_NEXT_PANE:
		rows_next_section(fr, 1);
		break;
	case REQ_PREV_PANE:
		rows_next_section(fr, -1);
		break;
	case REQ_SEARCH:
		prompt_start(t, PROMPT_SEARCH);
		break;
	case REQ_SEARCH_NEXT:
	case REQ_SEARCH_PREV:
		if (!t->search[0])
			ui_message(t, STYLE_WARNING, "no search yet: / to search");
		else if (!do_find(t, t->search, req == REQ_SEARCH_NEXT ? 1 : -1, false))
			ui_message(t, STYLE_WARNING, "no match for '%s'", t->search);
		break;
	case REQ_JUMP_PERSON:
		prompt_start(t, PROMPT_JUMP);
		break;
	case REQ_FIND:
	case REQ_FILTER:
		if (v->ops->prompt_request == req) {
			prompt_start_view(t, v);
		} else {
			view *nv = ui_open(t, req == REQ_FIND ? VIEW_SEARCH : VIEW_PEOPLE, NULL);
			if (nv)
				prompt_start_view(t, nv);
		}
		break;
	case REQ_PEOPLE:
		ui_open(t, VIEW_PEOPLE, NULL);
		break;
	case REQ_ORG:
		open_org(t);
		break;
	case REQ_ESCALATE:
		open_escalation(t);
		break;
	case REQ_ME:
		ui_me_open(t);
		break;
	case REQ_AWAKE:
		if (!v->ops->people_list) {
			ui_message(t, STYLE_WARNING,
				   "a marks who is awake on lists of people: a group, P, O");
			break;
		}
		ui_awake_cycle(t);
		rebuild(t); /* every list: the mode is one for all */
		break;
	case REQ_SORT:
	case REQ_SORT_REVERSE:
		ui_message(t, STYLE_WARNING, "%s sorts the people list: P opens it",
			   req == REQ_SORT ? "S" : "R");
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
		ui_open(t, VIEW_DIAGS, NULL);
		break;
	case REQ_CHANGES:
		if (!t->changes) /* before the first screen was drawn */
			ui_changes_update(t, false);
		ui_open(t, VIEW_CHANGES, NULL);
		break;
	case REQ_HELP:
		ui_open(t, VIEW_HELP, NULL);
		break;
	case REQ_REDRAW:
		clearok(stdscr, TRUE);
		break;
	case REQ_SUSPEND: /* only in raw mode does Ctrl-Z reach us as a key */
		suspend();
		break;
	default:
		break;
	}
}

/* O: the org under the person on screen (ui_org_subject says whom). */
static void open_org(tui *t)
{
	char why[200];
	const person *p = ui_org_subject(t, why, sizeof(why));
	if (!p) {
		ui_message(t, STYLE_WARNING, "no org to show: everyone is in a reports_to cycle");
		return;
	}
	if (ui_open(t, VIEW_ORG, p->slug) && *why)
		ui_message(t, STYLE_NORMAL, "%s", why);
}

/* e: whom to ask, in order, about the person or group on screen: the
 * person of a person card, else the person or group row under the
 * cursor, else the group of a group card. */
static void open_escalation(tui *t)
{
	view *v = ui_top(t);
	rows *fr = ui_focus(v);
	const row *rw = fr->cursor < fr->n && rows_selectable(&fr->v[fr->cursor])
				? &fr->v[fr->cursor]
				: NULL;
	const person *p = NULL;
	const group *g = NULL;
	if (v->ops == ui_views[VIEW_PERSON])
		p = roster_person(t->r, v->subject);
	else if (rw && rw->kind == ROW_PERSON && rw->id)
		p = roster_person(t->r, rw->id);
	else if (rw && rw->kind == ROW_GROUP && rw->id)
		g = roster_group(t->r, rw->id);
	else if (v->ops == ui_views[VIEW_GROUP])
		g = roster_group(t->r, v->subject);
	if (!p && !g) {
		ui_message(t, STYLE_WARNING,
			   "e escalates a person or a group: select one (a card, a people row, a group)");
		return;
	}
	char *subject = ui_escalate_subject(p, g);
	if (subject)
		ui_open(t, VIEW_ESCALATE, subject);
	else
		ui_message(t, STYLE_ERROR, "out of memory");
	free(subject);
}

/* A key with no binding. Where the view takes typing (the opening screen,
 * the search), a printable one starts or edits the who-search; else the
 * status line says the key does nothing. */
static void unbound(tui *t, const key_event *k)
{
	view *v = ui_top(t);
	bool printable = !k->fn && !k->meta && k->code > ' ' && k->code != 127 &&
			 (k->code < 0x80 || k->code > 0x9f);
	if (printable && v->ops->type_to_search) {
		if (v->ops->prompt_request == REQ_FIND)
			prompt_start_view(t, v);
		else if (!(v = ui_open(t, VIEW_SEARCH, NULL)))
			return;
		else
			prompt_start_view(t, v);
		prompt_key(t, k);
		return;
	}
	if (printable) {
		char ch[8];
		ch[utf8_encode((uint32_t)k->code, ch)] = '\0';
		ui_message(t, STYLE_WARNING, "'%s' does nothing here: ? lists the keys", ch);
	}
}

/* `a` is text where typing searches (the opening screen: "amelie"): the
 * directory lists no people of its own to mark. */
static request typed(tui *t, request req)
{
	view *v = ui_top(t);
	return req == REQ_AWAKE && v && v->ops->type_to_search ? REQ_NONE : req;
}

static void mouse(tui *t, const key_event *k)
{
	view *v = ui_top(t);
	if (t->prompt.kind != PROMPT_NONE && t->prompt.kind != PROMPT_VIEW)
		return;
	if (k->mouse == MOUSE_WHEEL_UP || k->mouse == MOUSE_WHEEL_DOWN) {
		rows *r = ui_focus(v);
		int by = k->mouse == MOUSE_WHEEL_UP ? -3 : 3;
		if (v->ops->click && v->ops->click(v, t, k->y, k->x, k->mouse))
			return;
		rows_move(r, by);
		return;
	}
	if (v->ops->click && v->ops->click(v, t, k->y, k->x, k->mouse))
		return;
	/* the rows, full width, from v->top_y */
	rows *r = &v->rows;
	if (k->y < v->top_y || k->y >= v->top_y + v->height)
		return;
	size_t i = r->top + (size_t)(k->y - v->top_y);
	if (i >= r->n || !rows_selectable(&r->v[i]))
		return;
	if (t->prompt.kind == PROMPT_VIEW && k->mouse == MOUSE_CLICK)
		prompt_clear(&t->prompt); /* focus goes to the list */
	r->cursor = i;
	if (k->mouse == MOUSE_DOUBLE)
		ui_open_row(t, &r->v[i]);
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
	lineedit_set_word_keys(screen_key_code("kLFT5"), screen_key_code("kRIT5"),
			       screen_key_code("kLFT3"), screen_key_code("kRIT3"));
	t.defer_cache = true; /* the first screen waits for the roster only */
	ui_open(&t, VIEW_DIR, NULL);
	if (!t.depth)
		t.quit = true;
	/* the benchmark's hook: keys from the environment instead of the
	 * terminal, then quit and report the cost of each redraw */
	const char *bench = getenv("TEAMTUI_BENCH_KEYS");
	size_t nbench = 0;
	double key_ms[64]; /* each replayed key, handled and drawn */
	bool gone = false; /* the terminal went away (or a signal came) */
	struct timespec t0, t1, k0 = {0}, k1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (!t.quit) {
		draw(&t);
		if (t.defer_cache && !(bench && !*bench)) { /* now the cache's part */
			t.defer_cache = false;
			if (t.cache_deferred) {
				t.cache_deferred = false;
				rebuild(&t);
				continue;
			}
		}
		if (!t.changes && !bench) { /* what changed since the last look */
			ui_changes_update(&t, true);
			if (*t.status)
				continue;
		}
		if (bench) {
			clock_gettime(CLOCK_MONOTONIC, &k1);
			if (nbench && nbench <= 64) /* the key before, handled and drawn */
				key_ms[nbench - 1] = (double)(k1.tv_sec - k0.tv_sec) * 1e3 +
						     (double)(k1.tv_nsec - k0.tv_nsec) / 1e6;
			if (!bench[nbench])
				break;
			k0 = k1;
			key_event bk = {.code = (unsigned char)bench[nbench++]};
			request req = typed(&t, keys_lookup(bk.code, false));
			/* as from the terminal: an unbound letter starts the who
			 * search, a key in a prompt is text */
			if (t.prompt.kind != PROMPT_NONE)
				prompt_key(&t, &bk);
			else if (req == REQ_NONE)
				unbound(&t, &bk);
			else
				handle(&t, req);
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
		if (ui_fetch_step(&t)) {
			rebuild(&t); /* an answer: every view that shows it */
		} else if (rc == SCREEN_TIMEOUT && ui_fetching(&t)) {
			t.spinner++; /* the OKR section's spinner turns in place */
			rebuild_view(&t, ui_top(&t));
		}
		if (rc != SCREEN_KEY || (k.fn && k.code == KEY_RESIZE))
			continue; /* the next draw uses the new size */
		if (k.mouse != MOUSE_NONE) {
			mouse(&t, &k);
			continue;
		}
		if (t.question && ui_question_key(&t, k.code, k.fn, k.meta))
			continue; /* the status line's question was answered */
		if (t.prompt.kind != PROMPT_NONE) {
			prompt_key(&t, &k);
			continue;
		}
		request req = k.meta ? REQ_NONE : typed(&t, keys_lookup(k.code, k.fn));
		if (req == REQ_NONE)
			unbound(&t, &k);
		else
			handle(&t, req);
	}
	screen_close(why, whysize);
	if (bench) {
		clock_gettime(CLOCK_MONOTONIC, &t1);
		double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
			    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
		fprintf(stderr, "keys=%zu ms_per_key=%.3f key_ms=", nbench,
			nbench ? ms / (double)nbench : 0.0);
		for (size_t i = 0; i < nbench && i < 64; i++)
			fprintf(stderr, "%s%.3f", i ? "," : "", key_ms[i]);
		fputc('\n', stderr);
	}
	prompt_clear(&t.prompt);
	ui_close_views(&t);
	lineedit_history_free(&t.hist_search);
	lineedit_history_free(&t.hist_jump);
	lineedit_history_free(&t.hist_find);
	lineedit_history_free(&t.hist_filter);
	ui_fetch_free(&t);
	ui_changes_free(&t);
	ui_awake_free(&t);
	ui_me_free(&t);
	search_free(t.index);
	resolver_free(t.rs);
	*r = t.r; /* the caller frees the roster and its diagnostics */
	*diags = t.diags;
	if (screen_signal())
		return 128 + screen_signal();
	return gone ? 1 : 0; /* a terminal that vanished is no success */
}

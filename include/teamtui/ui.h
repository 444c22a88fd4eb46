/* ui: the interactive directory's state and the interface every view
 * implements (one view per file: view_dir.c, view_group.c, ...). */
#ifndef TEAMTUI_UI_H
#define TEAMTUI_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "teamtui/awake.h"
#include "teamtui/diag.h"
#include "teamtui/keys.h"
#include "teamtui/lineedit.h"
#include "teamtui/org.h"
#include "teamtui/resolve.h"
#include "teamtui/roster.h"
#include "teamtui/rows.h"

typedef struct tui tui;
typedef struct view view;

/* Who is awake, on people lists (`a` cycles it: off, marked, only the
 * awake, off): one setting for every list. */
typedef enum { UI_AWAKE_OFF, UI_AWAKE_MARKED, UI_AWAKE_ONLY } ui_awake_mode;

/* The roster rule: a view's rows point into t->r (names, roles, ...), and
 * a reload frees it. So a view keeps nothing of the roster in its state
 * (only ids: slugs, group, section and stage ids, text it copied), and
 * before the roster is freed ui.c records every cursor as text
 * (rows_anchor_take), calls release, clears the rows, and after the swap
 * builds each view again and puts its cursor back. */
/* The views, by kind: src/ui/views.c holds the one table of their
 * operations (adding a view touches its own file and that table). */
typedef enum {
	VIEW_DIR, VIEW_GROUP, VIEW_PERSON, VIEW_PEOPLE, VIEW_SEARCH, VIEW_HELP,
	VIEW_DIAGS, VIEW_CHANGES, VIEW_ORG, VIEW_ESCALATE, VIEW_ME, VIEW_KINDS
} view_kind;

/* The loop knows a view only through these (as tig's view_ops). */
typedef struct view_ops {
	const char *name;
	size_t state_size; /* zeroed bytes of state a new view gets */
	/* (Re)fill the rows from t->r; false when the subject is gone (after
	 * a reload). Called with empty rows after a reload. */
	bool (*build)(view *v, tui *t);
	/* Once, after the first build (the cursor's first place; optional). */
	void (*init)(view *v, tui *t);
	/* A request the view handles itself; false: the global handling. */
	bool (*request)(view *v, tui *t, request req);
	/* Custom drawing (split panes); NULL: the rows, full width. */
	void (*draw)(view *v, tui *t, int y, int x, int h, int w);
	/* The breadcrumb shown on the title line (malloc'd). */
	char *(*title)(view *v, tui *t);
	/* Before the roster is freed: drop whatever else the view built from
	 * it (rows of its own beyond v->rows), keeping cursors as text; the
	 * next build or draw fills them again (optional). */
	void (*release)(view *v);
	/* What the view holds beyond its state block (optional). */
	void (*free)(view *v);
	/* The rows that have the keyboard (a card pane beside a tree);
	 * NULL or returning NULL: v->rows. Copy, open, paging, `/` and the
	 * position indicator act on them. */
	rows *(*focus)(view *v);
	/* `/`, n, N in a view whose rows are not all there is (the tree's
	 * collapsed groups): move to the next (dir 1) or previous (-1) match
	 * of needle; false when none. NULL: rows_find over the focused rows.
	 * find_begin before an incremental search, find_cancel on Esc: back
	 * to how the view was. */
	bool (*find)(view *v, tui *t, const char *needle, int dir, bool include_from);
	void (*find_begin)(view *v);
	void (*find_cancel)(view *v, tui *t);
	/* A prompt of the view's own that stays on screen, under the title,
	 * while it holds text (the who-search's query, the people filter):
	 * its label ("who: "), the request that edits it (REQ_FIND, REQ_FILTER),
	 * its text, and what to do when the text changes. */
	const char *prompt_label;
	request prompt_request;
	const char *(*prompt_text)(const view *v);
	void (*prompt_set)(view *v, tui *t, const char *text);
	/* A printable key with no binding starts the who-search here (the
	 * opening screen), or edits the view's prompt (the search itself). */
	bool type_to_search;
	/* What the status line says when there is nothing else (optional). */
	const char *hint;
	/* A mouse event at screen (y, x) (kind: a screen_mouse value); false:
	 * the loop's handling (the rows, full width, from v->top_y). */
	bool (*click)(view *v, tui *t, int y, int x, int kind);
	/* The status line's position indicator, for a view whose rows are
	 * not a list ("lines 1-22 of 60"); NULL: "n/N" of the focused rows. */
	void (*position)(view *v, char *buf, size_t size);
	/* The rows wrap text to the width: built again (the cursor kept)
	 * when the terminal's width is not v->built_w any more. */
	bool relayout;
	/* A list of people (a group's card, P, the org): `a` marks who is
	 * awake on it (ui_awake.c); elsewhere `a` only says where it works. */
	bool people_list;
} view_ops;

extern const view_ops *const ui_views[VIEW_KINDS];

struct view {
	const view_ops *ops;
	rows rows;
	char *subject; /* group id or person slug: survives a reload */
	void *state;   /* the view's own */
	int height;    /* rows shown at the last draw (paging) */
	int top_y;     /* the screen line of its first row at the last draw */
	int built_w;   /* the width its rows were laid out for (relayout) */
	/* the view's prompt was being edited when another view opened on top
	 * of it: coming back, it is again */
	bool prompt_was_active;
};

/* A prompt line being edited: the view's own (who, filter: owner set) or
 * the loop's (`/` and `p`, on the status line). */
typedef enum {
	PROMPT_NONE, PROMPT_SEARCH, PROMPT_JUMP, PROMPT_VIEW, PROMPT_KINDS
} prompt_kind;

struct ui_prompt {
	prompt_kind kind;
	view *owner;   /* PROMPT_VIEW */
	lineedit ed;
	char *saved;   /* the text when it opened (Esc on a filter puts it back) */
	row_anchor anchor; /* and the owner's cursor then */
	size_t saved_cursor, saved_top; /* Esc puts the cursor back (`/`) */
};

struct tui {
	const char *dir;
	const roster_input *input; /* what to reload from */
	roster *r;
	resolver *rs;
	diag_list diags;
	/* the history: stack[0..depth) back to the directory, then
	 * stack[depth..nstack) the views `]` goes forward to */
	size_t check_errors, check_warnings; /* check_counts */
	view *stack[64];
	int depth, nstack;
	struct ui_prompt prompt;
	/* per prompt: `/`, `p`, who, filter (by the view's prompt_request) */
	lineedit_history hist_search, hist_jump, hist_find, hist_filter;
	char status[512];     /* one-shot message for the status line */
	char status_tail[160]; /* said in full after it: status is cut first */
	row_style status_style;
	time_t loaded_at;     /* when the shown roster was loaded (ui_now) */
	char search[256];     /* the last search, for n / N */
	struct search_index *index; /* for `s`, built on first use */
	struct gitlab_client *gl;   /* GitLab, on first use (ui_fetch.c) */
	bool gl_tried;
	/* until the first screen is drawn the preview leaves GitLab's cache
	 * alone (reading it loads libcurl: 10 ms): defer_cache, and
	 * cache_deferred once a card wanted it, to be redrawn after */
	bool defer_cache, cache_deferred;
	char gl_why[256];	    /* why there is no client (said in place) */
	struct ui_fetch *fetches;
	size_t nfetches, capfetches;
	/* what changed since this user last looked (ui_changes.c): worked
	 * out after the first screen is drawn; NULL until then */
	struct ui_changes *changes;
	unsigned spinner;
	bool quit;
	/* one more at each reload: what a view built from the roster (the
	 * org view's tree) is this roster's while it is the same */
	unsigned roster_gen;
	/* who is awake, on every people list (`a`, ui_awake.c): the mode,
	 * and what it is worked out with: tzdata's tables and the working
	 * hours (read on the first `a`) and the clock of the last `a` */
	ui_awake_mode awake_mode;
	awake_ctx awake;
	struct tz_db *tzdb;
	bool awake_ready;
	struct ui_awake_memo *awake_memo; /* each place's local time, once */
	/* one more each time the clock above is replaced (what was worked
	 * out at the old one is stale: the who-search's "ask now") */
	unsigned awake_clock_gen;
	/* a yes/no question on the status line (ui_ask): the next key
	 * answers it; NULL when none is pending */
	void (*question)(tui *t, bool yes);
	/* who the user is (view_me.c): resolved once per roster load */
	struct ui_me *me;
};

/* A new view of `ops` on `subject` (its id, kept for reloads: a group
 * id, a person slug; may be NULL), built once, its cursor on the first
 * selectable row (or where ops->init puts it). NULL when the subject is
 * not in the roster or memory runs out. */
view *ui_view_new(tui *t, const view_ops *ops, const char *subject);
/* ui_view_new of ui_views[kind], pushed on the history. Returns the view
 * (now on top), or NULL, with the status line saying why. When the view
 * on top is that view already (the same kind and subject), nothing is
 * pushed: the status line says so and that view is returned. */
view *ui_open(tui *t, view_kind kind, const char *subject);

/* The history: push (Enter) drops the views `]` could go forward to;
 * back (Backspace) keeps the view it leaves for `]`. */
void ui_push(tui *t, view *v);
void ui_back(tui *t);
view *ui_top(tui *t);
/* Every view of the history freed (the end of the loop, tests). */
void ui_close_views(tui *t);
/* The rows that have the keyboard in v (ops->focus, else v->rows). */
rows *ui_focus(view *v);
/* The status line's message until the next key: printf-style, copied
 * (roster strings in it are sanitized when drawn). */
void ui_message(tui *t, row_style style, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Now, in seconds since the epoch: TEAMTUI_NOW when set (tests fix the
 * clock with it), else time(NULL). */
time_t ui_now(void);

/* Act on a row: a person or group opens its card; a link, label or
 * channel opens its URL in the browser (ui_open_url); true when the row
 * was one of those. */
bool ui_open_row(tui *t, const row *rw);
/* Open a URL with launch's browser plan; a text-mode browser gets the
 * terminal (curses paused) until it ends. The status line says what
 * happened. */
void ui_open_url(tui *t, const char *url);
/* Open `file` (a path from the start directory) at line and column in
 * $VISUAL / $EDITOR (launch_plan_editor), curses paused while it runs. */
void ui_edit(tui *t, const char *file, int line, int column);
/* Draw rows in a rectangle: the cursor as a bar (the focused pane), in
 * bold (the tree while its card has the focus), or not at all. */
typedef enum { CURSOR_NONE, CURSOR_BAR, CURSOR_MARK } cursor_mode;
void ui_draw_rows(rows *r, int y, int x, int h, int w, cursor_mode mode);
/* Long text for a card `width` columns wide: word-wrapped into one-cell
 * text rows (ui_wrap), or, beside a label in the first line's first
 * column `label_w` wide, into two-cell rows whose later lines have an
 * empty label (ui_wrap_field). A word wider than the line is cut inside.
 * The rows own their text. */
void ui_wrap(rows *out, const char *text, int width, row_style style, int indent);
void ui_wrap_field(rows *out, const char *label, const char *value, int width,
		   int label_w, int indent);
/* The terminal's width now, in columns (80 before curses is up). */
int ui_columns(void);
/* Rows of one class share their column widths (rows.colw[class]):
 * people, groups and dangling slugs; text, links, channels; labels; the
 * rest. A view drawing column headers reads its widths through this. */
int ui_column_class(row_kind k);
/* Columns of a text as drawn (sanitized first, as screen_put does). */
int ui_cell_width(const char *s);
/* A pane's title line at (y, x), `w` columns: highlighted when the pane
 * has the focus (reverse video, so it shows without colour too). */
void ui_draw_pane_title(int y, int x, int w, const char *title, bool focused);

/* The cards' rows, shared by the directory's preview pane. */
/* `online`: ask GitLab for the OKRs and label counts (a card that was
 * opened); else show only what the cache has (the directory's preview). */
void view_group_rows(rows *out, tui *t, const group *g, bool online, int width);
void view_person_rows(rows *out, tui *t, const person *p, int width);
const char *ui_person_name(const person *p);
/* Row builders the cards share. */
void ui_heading(rows *out, const char *title, size_t count);
void ui_person_row(rows *out, const person *p, const char *tag);
char *ui_concat(const char *a, const char *b); /* malloc'd a + b */

/* Who is awake (ui_awake.c), for every view that lists people: each
 * person's row gets a lead column (rows.h's `lead`): "\u25cf 14:05 Wed"
 * awake (in working hours), "\u25cb 03:05 Thu" dim off hours, "?" when
 * their time zone is unknown (never a guess); the terminal's ASCII
 * fallback shows "+", "-", "?". Times are at the clock of the last `a`. */
ui_awake_mode ui_awake_next(ui_awake_mode m);
/* `a`: the next mode, the clock set to now (tzdata's tables and the
 * working hours read the first time); the status line says it. The
 * caller rebuilds the views. */
void ui_awake_cycle(tui *t);
void ui_awake_free(tui *t);
/* p's time as awake.h works it out (the person card's "Local time", as
 * the CLI's card says it): at the clock of the last `a` when the marks
 * are on, else now (ui_now). tzdata's tables and the working hours are
 * read the first time. */
void ui_person_time(tui *t, const person *p, person_time *out);
/* The lead of a row in a state, local time `local` (NULL when unknown):
 * "\u25cf 14:05 Wed", "\u25cb 03:05 Thu", "?"; its style into *style. */
void ui_awake_lead_text(awake_state s, const struct tm *local, char *buf,
			size_t size, row_style *style);
/* Under the mode: whether p is listed (false only when the mode lists
 * the awake alone and p is not awake), and the lead for p's row (NULL
 * when the mode is off; set even when p is not listed), owned by out. Counts p's state in *count (may
 * be NULL) unless the mode is off. */
bool ui_awake_lead(tui *t, const person *p, rows *out, const char **lead,
		   row_style *style, awake_count *count);
/* ui_person_row under the mode: the row with its lead, or NULL when p is
 * not listed. */
row *ui_people_row(rows *out, tui *t, const person *p, const char *tag,
		   awake_count *count);
/* A people list's heading, "Title (N)" (ui_heading); once its rows are
 * made, ui_people_heading_done says, when only the awake are listed,
 * "Title \u00b7 awake now: 4 of 9" (and "nobody is awake now" under it
 * when nobody is). ui_people_heading returns the heading's index. */
size_t ui_people_heading(rows *out, const char *title, size_t total);
void ui_people_heading_done(rows *out, tui *t, size_t at, const char *title,
			    const awake_count *count);
/* Whether a person is awake whatever the mode (the escalation view, the
 * who-search's "ask now"): tzdata's tables read if they were not, and
 * the clock of the last `a` while `a` is on, else now (renewed when it
 * is over a minute old). NULL when out of memory. */
const awake_ctx *ui_awake_now(tui *t);
/* p's state at that clock (through the places' memo), and their local
 * time into *local (may be NULL) when the state is not AWAKE_UNKNOWN. */
awake_state ui_awake_state(tui *t, const person *p, tz_local *local);
/* "awake now: 4 of 9" (of every state counted). */
void ui_awake_count_text(const awake_count *c, char *buf, size_t size);

/* The org view's pieces (view_org.c) that the person card shares. */
/* What a person card says of the org under its person: its totals, and
 * the (up to 3) direct reports with the largest orgs under them, largest
 * first, ties in the tree's order (roster order). */
typedef struct ui_org_summary {
	size_t size, vacancies, levels, direct, direct_vacancies;
	size_t mix[ORG_NKINDS];
	size_t nlargest;
	const person *largest[3];
	size_t largest_size[3];
} ui_org_summary;
void ui_org_summary_of(const org_tree *tree, ui_org_summary *out);
/* The mix as the CLI's org header says it: "83 engineers, 25 managers,
 * 1 other" ("" for nobody). */
void ui_org_mix_text(const size_t *mix, char *buf, size_t size);
/* The person `O` opens the org of, from what is on screen: the person of
 * a person card, else the person row under the cursor, else the manager
 * of the group under the cursor or on screen, else the top of the
 * roster (ui_org_top). NULL when there is none; *why says what was
 * chosen instead of the asked ("" when nothing was). */
const person *ui_org_subject(tui *t, char *why, size_t size);
/* The top of the roster: of the people whose reports_to names nobody in
 * it (or nobody at all), the one with the largest org; ties in roster
 * order. NULL when everyone is in a reports_to cycle (or nobody is). */
const person *ui_org_top(const roster *r);
/* The rows of an org tree shown: its nodes in pre-order but the subtrees
 * of closed nodes (open[i] false; a cycle's node has none), into vis
 * (room for tree->n); returns how many. Only what is shown is walked. */
size_t ui_org_visible(const org_tree *tree, const unsigned char *open, size_t *vis);

/* The escalation view's pieces (view_escalate.c). */
/* Its subject for a person or a group (g wins): "person SLUG",
 * "group ID" (malloc'd; a reload that removes it says "the escalation
 * about group ID was removed"), what ui_open(t, VIEW_ESCALATE, ...) takes. */
char *ui_escalate_subject(const person *p, const group *g);
/* The who-search's line under a group: the first step of g's path who is
 * awake (ui_awake_state), "ask now: Name (why)", else "nobody on the
 * path is awake now" (malloc'd; NULL when out of memory). */
char *ui_escalate_ask_now(tui *t, const group *g);

/* Me (view_me.c): `m` opens the view of who the user is (mestate.h's
 * resolution, once per roster load); a guess not confirmed yet is asked
 * about first (ui_ask); nobody, or a config me: that names nobody, is
 * said on the status line. */
void ui_me_open(tui *t);
void ui_me_free(tui *t);

/* A yes/no question on the status line: `answer` gets the next key's
 * answer (y or n); any other key withdraws it (Esc quietly; the others
 * then act as always). */
void ui_ask(tui *t, void (*answer)(tui *t, bool yes), const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The pending question's answer from a key: true when the key was used
 * up (y, n, Esc); false when it is to be handled as usual (the question,
 * if any, withdrawn). */
bool ui_question_key(tui *t, int code, bool fn, bool meta);

/* GitLab from the interface (ui_fetch.c): a group's OKRs and a label's
 * open-issue count; `online` false reads the cache only. NULL when GitLab
 * is not usable (the status line says why). */
struct gitlab_fetch *ui_okrs(tui *t, const group *g, bool online);
/* True (and noted) when a preview (online false) must not read GitLab's
 * cache yet: before the first screen is drawn; the caller shows what it
 * shows when nothing is cached, and the view is rebuilt after. */
bool ui_cache_deferred(tui *t, bool online);
struct gitlab_fetch *ui_label_count(tui *t, const char *label, bool online);
bool ui_fetching(const tui *t);
/* The spinner's glyph now ("|", "/", "-", "\\"): the loop turns it while
 * GitLab is being asked. */
const char *ui_spinner(const tui *t);
/* Move the transfers on without waiting; true when one finished. */
bool ui_fetch_step(tui *t);
void ui_fetch_free(tui *t);

/* What changed (ui_changes.c). The versions are the digest store's
 * (digeststore.h): the roster on screen is recorded as the newest, and
 * compared with the version this user last looked at. */
/* After the first screen (and after a reload): record the roster on
 * screen, and work out what changed since the user last looked; the
 * status line says it in one line ("since Tuesday: 4 joined, 2 left, 3
 * moved; press c") unless it is already saying something. */
void ui_changes_update(tui *t, bool notice);
/* The changes the What's new view lists (possibly none), when the older
 * version they are measured from was seen or recorded (*since) and which
 * version that is (*from): the one the user last looked at; the oldest
 * kept, when they never looked; or, when nothing changed since they
 * looked, the one before the newest (the last change there was). NULL
 * before ui_changes_update, without an earlier version, or when the store
 * is unusable (*why then says why; else NULL). */
typedef enum {
	UI_CHANGES_SINCE_LOOKED, UI_CHANGES_SINCE_FIRST, UI_CHANGES_LAST
} ui_changes_from;
const struct change_list *ui_changes_list(tui *t, time_t *since,
					  ui_changes_from *from, const char **why);
/* The user has now seen the newest version (the view was opened). */
void ui_changes_looked(tui *t);
/* The digest of the roster on screen (digest_of(t->r, t->rs)), made once
 * and kept for recording, What's new and a reload's line; NULL when out of
 * memory. Owned by t. */
const struct digest *ui_changes_digest(tui *t);
/* A reload: d (made by digest_of, or NULL) is the digest of the roster
 * about to be shown; t takes it and drops the one it kept. */
void ui_changes_set_digest(tui *t, struct digest *d);
void ui_changes_free(tui *t);
/* "14:05" today, "yesterday", "Tuesday" within a week, else "28 Oct"
 * (or "28 Oct 2025" in another year): when `then` was, as the status
 * line says it. */
void ui_when_text(time_t then, time_t now, char *buf, size_t size);

/* Run the interactive directory. It takes *r and *diags and hands back
 * what it ends with (a reload replaces both). Returns -1 when the
 * terminal could not be set up (nothing was drawn; `why`, `whysize` bytes,
 * says why in a few words, e.g. "TERM 'xyz' has no terminfo entry"),
 * 128 + N after signal N (SIGHUP, SIGTERM, SIGINT), 1 when the terminal
 * went away (its input ended or failed without a signal), else 0. When it
 * ran but fell back on something (no colours), `why` says so, to be
 * printed once the terminal is restored; else it is "". The texts are
 * not sanitized (TERM comes from the environment): the caller does that. */
int ui_run(const roster_input *in, roster **r, diag_list *diags, char *why,
	   size_t whysize);

#endif

/* ui: the interactive directory's state and the interface every view
 * implements (one view per file: view_dir.c, view_group.c, ...). */
#ifndef TEAMTUI_UI_H
#define TEAMTUI_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "teamtui/diag.h"
#include "teamtui/keys.h"
#include "teamtui/resolve.h"
#include "teamtui/roster.h"
#include "teamtui/rows.h"

typedef struct tui tui;
typedef struct view view;

/* The roster rule: a view's rows point into t->r (names, roles, ...), and
 * a reload frees it. So a view keeps nothing of the roster in its state
 * (only ids: slugs, group, section and stage ids, text it copied), and
 * before the roster is freed ui.c records every cursor as text
 * (rows_anchor_take), calls release, clears the rows, and after the swap
 * builds each view again and puts its cursor back. */
typedef struct view_ops {
	const char *name;
	/* (Re)fill the rows from t->r; false when the subject is gone (after
	 * a reload). Called with empty rows after a reload. */
	bool (*build)(view *v, tui *t);
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
} view_ops;

struct view {
	const view_ops *ops;
	rows rows;
	char *subject; /* group id or person slug: survives a reload */
	void *state;   /* the view's own */
	int height;    /* rows shown at the last draw (paging) */
};

struct tui {
	const char *dir;
	const roster_input *input; /* what to reload from */
	roster *r;
	resolver *rs;
	diag_list diags;
	size_t check_errors, check_warnings; /* check_counts */
	view *stack[64];
	int depth;
	char status[512];     /* one-shot message for the status line */
	char status_tail[128]; /* said in full after it: status is cut first */
	row_style status_style;
	time_t loaded_at;     /* when the shown roster was loaded (ui_now) */
	char search[256];     /* the last search, for n / N */
	struct search_index *index; /* for `s`, built on first use */
	struct gitlab_client *gl;   /* GitLab, on first use (ui_fetch.c) */
	bool gl_tried;
	struct ui_fetch *fetches;
	size_t nfetches, capfetches;
	unsigned spinner;
	bool quit;
};

/* A new view: `state_size` zeroed bytes of state, the subject's id kept
 * for reloads, built once, cursor on the first selectable row. NULL when
 * the subject is not in the roster or memory runs out. */
view *ui_view_new(tui *t, const view_ops *ops, const char *subject,
		  size_t state_size);

/* The view stack: open pushes (Enter), back pops (Backspace). */
void ui_push(tui *t, view *v);
void ui_back(tui *t);
view *ui_top(tui *t);
/* The status line's message until the next key: printf-style, copied
 * (roster strings in it are sanitized when drawn). */
void ui_message(tui *t, row_style style, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Now, in seconds since the epoch: TEAMTUI_NOW when set (tests fix the
 * clock with it), else time(NULL). */
time_t ui_now(void);

/* Open the card of the item under the cursor of `rows`, if any. */
bool ui_open_row(tui *t, const row *rw);
/* Draw rows in a rectangle: the cursor as a bar (the focused pane), in
 * bold (the tree while its card has the focus), or not at all. */
typedef enum { CURSOR_NONE, CURSOR_BAR, CURSOR_MARK } cursor_mode;
void ui_draw_rows(rows *r, int y, int x, int h, int w, cursor_mode mode);

view *view_dir_new(tui *t);
view *view_group_new(tui *t, const group *g);
view *view_person_new(tui *t, const person *p);
view *view_people_new(tui *t, const char *filter);
view *view_help_new(tui *t);
view *view_diags_new(tui *t);
view *view_search_new(tui *t);
bool view_is_search(const view *v);
/* The query of a search view; results are rebuilt on every change. */
void view_search_set(view *v, tui *t, const char *query);
const char *view_search_query(const view *v);

/* What a few views expose to the main loop. */
bool view_is_dir(const view *v);
bool view_dir_search(view *v, tui *t, const char *needle, int dir,
		     bool include_from);
const row *view_dir_focused_row(view *v);
/* Before a search that may open collapsed nodes, and on Esc: back to how
 * the tree was, the cursor on the same item. */
void view_dir_mark(view *v);
void view_dir_restore(view *v, tui *t);
bool view_is_people(const view *v);
void view_people_filter(view *v, tui *t, const char *filter);

/* The cards' rows, shared by the directory's preview pane. */
/* `online`: ask GitLab for the OKRs and label counts (a card that was
 * opened); else show only what the cache has (the directory's preview). */
void view_group_rows(rows *out, tui *t, const group *g, bool online);
void view_person_rows(rows *out, tui *t, const person *p);
const char *ui_person_name(const person *p);
/* Row builders the cards share. */
void ui_heading(rows *out, const char *title, size_t count);
void ui_person_row(rows *out, const person *p, const char *tag);
char *ui_concat(const char *a, const char *b); /* malloc'd a + b */

/* GitLab from the interface (ui_fetch.c): a group's OKRs and a label's
 * open-issue count; `online` false reads the cache only. NULL when GitLab
 * is not usable (the status line says why). */
struct gitlab_fetch *ui_okrs(tui *t, const group *g, bool online);
struct gitlab_fetch *ui_label_count(tui *t, const char *label, bool online);
bool ui_fetching(const tui *t);
/* Move the transfers on without waiting; true when one finished. */
bool ui_fetch_step(tui *t);
void ui_fetch_free(tui *t);

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

/* view_dir.c: the directory: sections > stages > groups as a tree on the
 * left, the group under the cursor as a card on the right. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "teamtui/screen.h"
#include "teamtui/ui.h"

enum node { NODE_SECTION, NODE_STAGE, NODE_GROUP };

/* A set of sections and stages, by id: what is collapsed survives a
 * reload, even when the new roster orders its sections differently. */
struct node_ref {
	int tag; /* NODE_SECTION or NODE_STAGE */
	char *id;
};
struct node_set {
	struct node_ref *v;
	size_t n, cap;
};

struct dir_state {
	struct node_set collapsed;
	rows card;		 /* preview of the row under the cursor */
	const void *card_of;	 /* what the card shows (this roster's) */
	bool card_stale;	 /* rebuilt on the next draw, whatever card_of says */
	row_anchor card_anchor;	 /* the card's cursor across a reload */
	int focus;		 /* 0 tree, 1 card */
	bool card_shown;	 /* wide enough for the card at the last draw */
	int card_w;		 /* the card's width when it was built */
	int tree_w, top_y;	 /* the layout of the last draw (mouse) */
	/* before a search: what Esc puts back (the cursor's row, and which
	 * nodes were collapsed, since the search may open some) */
	row_anchor saved_cursor;
	struct node_set saved;
	bool saved_set;
};

static bool set_has(const struct node_set *s, int tag, const char *id)
{
	for (size_t i = 0; id && i < s->n; i++)
		if (s->v[i].tag == tag && !strcmp(s->v[i].id, id))
			return true;
	return false;
}

static void set_remove(struct node_set *s, int tag, const char *id)
{
	for (size_t i = 0; id && i < s->n; i++)
		if (s->v[i].tag == tag && !strcmp(s->v[i].id, id)) {
			free(s->v[i].id);
			s->v[i] = s->v[--s->n];
			return;
		}
}

/* Out of memory: the node simply stays open. */
static void set_add(struct node_set *s, int tag, const char *id)
{
	if (!id || set_has(s, tag, id))
		return;
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 8;
		struct node_ref *v = realloc(s->v, cap * sizeof(*v));
		if (!v)
			return;
		s->v = v;
		s->cap = cap;
	}
	char *copy = strdup(id);
	if (copy)
		s->v[s->n++] = (struct node_ref){tag, copy};
}

static void set_clear(struct node_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].id);
	s->n = 0;
}

static void set_free(struct node_set *s)
{
	set_clear(s);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

/* dst = src; false (dst cleared) without memory. */
static bool set_copy(struct node_set *dst, const struct node_set *src)
{
	set_clear(dst);
	for (size_t i = 0; i < src->n; i++) {
		set_add(dst, src->v[i].tag, src->v[i].id);
		if (dst->n != i + 1) {
			set_clear(dst);
			return false;
		}
	}
	return true;
}

static size_t section_index(const roster *r, const section *s)
{
	return s ? (size_t)(s - r->sections) : r->nsections;
}

static void add_node(rows *out, enum node kind, int indent, const char *name,
		     const char *id, const void *item, bool collapsed, size_t count)
{
	row *rw = rows_add(out, kind == NODE_GROUP ? ROW_GROUP : ROW_SECTION,
			   kind == NODE_GROUP ? STYLE_NORMAL : STYLE_HEADING, indent);
	if (!rw)
		return;
	rw->tag = kind;
	rw->item = item;
	rw->id = id;
	if (kind == NODE_GROUP) {
		rw->cells[0] = name;
		rw->copy = id;
		return;
	}
	char buf[256];
	snprintf(buf, sizeof(buf), "%s %s (%zu)", collapsed ? "+" : "-", name, count);
	rw->cells[0] = rows_own(out, strdup(buf));
}

static size_t groups_in_stage(const roster *r, const stage *st)
{
	size_t n = 0;
	for (size_t i = 0; i < r->ngroups; i++)
		n += r->groups[i].stage == st;
	return n;
}

/* The tree in the order of `teamtui groups`; what is collapsed is hidden,
 * and groups of unknown stages come last under "(no stage)". */
static bool build(view *v, tui *t)
{
	struct dir_state *st = v->state;
	const roster *r = t->r;
	rows_clear(&v->rows);
	for (size_t s = 0; s < r->nsections; s++) {
		const section *sec = &r->sections[s];
		size_t count = 0;
		for (size_t k = 0; k < r->nstages; k++)
			if (r->stages[k].section == sec)
				count += groups_in_stage(r, &r->stages[k]);
		bool shut = set_has(&st->collapsed, NODE_SECTION, sec->id);
		add_node(&v->rows, NODE_SECTION, 0, sec->name, sec->id, sec, shut, count);
		if (shut)
			continue;
		for (size_t k = 0; k < r->nstages; k++) {
			const stage *sg = &r->stages[k];
			if (sg->section != sec)
				continue;
			shut = set_has(&st->collapsed, NODE_STAGE, sg->id);
			add_node(&v->rows, NODE_STAGE, 1, sg->name, sg->id, sg, shut,
				 groups_in_stage(r, sg));
			if (shut)
				continue;
			for (size_t i = 0; i < r->ngroups; i++)
				if (r->groups[i].stage == sg)
					add_node(&v->rows, NODE_GROUP, 2, r->groups[i].name,
						 r->groups[i].id, &r->groups[i], false, 0);
		}
	}
	bool header = false;
	for (size_t i = 0; i < r->ngroups; i++) {
		const group *g = &r->groups[i];
		if (g->stage && g->stage->section)
			continue;
		if (!header) {
			row *rw = rows_add(&v->rows, ROW_TEXT, STYLE_HEADING, 0);
			if (rw)
				rw->cells[0] = "(no section or stage)";
			header = true;
		}
		add_node(&v->rows, NODE_GROUP, 1, g->name, g->id, g, false, 0);
	}
	st->card_stale = true;
	return true;
}

static const row *cursor_row(view *v)
{
	return v->rows.cursor < v->rows.n ? &v->rows.v[v->rows.cursor] : NULL;
}

/* Put the cursor on group g, expanding its section and stage. */
static bool select_group(view *v, tui *t, const group *g)
{
	struct dir_state *st = v->state;
	if (g->stage) {
		set_remove(&st->collapsed, NODE_STAGE, g->stage->id);
		if (g->stage->section)
			set_remove(&st->collapsed, NODE_SECTION, g->stage->section->id);
	}
	build(v, t);
	for (size_t i = 0; i < v->rows.n; i++)
		if (v->rows.v[i].item == g) {
			v->rows.cursor = i;
			return true;
		}
	return false;
}

static void toggle(view *v, tui *t, const row *rw, bool collapse)
{
	struct dir_state *st = v->state;
	const void *item = rw->item; /* this roster's: no reload in between */
	if (collapse)
		set_add(&st->collapsed, rw->tag, rw->id);
	else
		set_remove(&st->collapsed, rw->tag, rw->id);
	build(v, t);
	for (size_t i = 0; i < v->rows.n; i++)
		if (v->rows.v[i].item == item)
			v->rows.cursor = i;
}

/* The row of the section or stage that holds the cursor's row. */
static void to_parent(view *v)
{
	const row *rw = cursor_row(v);
	if (!rw)
		return;
	for (size_t i = v->rows.cursor; i-- > 0;)
		if (v->rows.v[i].indent < rw->indent && rows_selectable(&v->rows.v[i])) {
			v->rows.cursor = i;
			return;
		}
}

static bool request_dir(view *v, tui *t, request req)
{
	struct dir_state *st = v->state;
	if (st->focus == 1) { /* the card pane */
		if (req == REQ_NEXT_PANE && rows_next_section(&st->card, 1))
			return true;
		if (req == REQ_PREV_PANE && rows_next_section(&st->card, -1))
			return true;
		switch (req) {
		case REQ_NEXT_PANE:
		case REQ_PREV_PANE:
		case REQ_COLLAPSE:
		case REQ_BACK:
		case REQ_CANCEL:
			st->focus = 0;
			return true;
		case REQ_UP: rows_move(&st->card, -1); return true;
		case REQ_DOWN: rows_move(&st->card, 1); return true;
		case REQ_TOP: rows_first(&st->card); return true;
		case REQ_BOTTOM: rows_last(&st->card); return true;
		case REQ_PAGE_DOWN: rows_move(&st->card, v->height - 1); return true;
		case REQ_PAGE_UP: rows_move(&st->card, -(v->height - 1)); return true;
		case REQ_HALF_DOWN: rows_move(&st->card, v->height / 2); return true;
		case REQ_HALF_UP: rows_move(&st->card, -(v->height / 2)); return true;
		case REQ_ENTER:
		case REQ_EXPAND:
			if (st->card.cursor < st->card.n)
				ui_open_row(t, &st->card.v[st->card.cursor]);
			return true;
		default:
			return false;
		}
	}
	const row *rw = cursor_row(v);
	switch (req) {
	case REQ_NEXT_PANE:
	case REQ_PREV_PANE:
		if (st->card.n && st->card_shown) {
			st->focus = 1;
			if (!rows_selectable(&st->card.v[st->card.cursor]))
				rows_first(&st->card);
		}
		return true;
	case REQ_ENTER:
	case REQ_EXPAND:
		if (!rw)
			return true;
		if (rw->kind == ROW_SECTION) {
			bool collapsed = rw->cells[0][0] == '+';
			if (req == REQ_EXPAND && !collapsed)
				rows_move(&v->rows, 1); /* into the open node */
			else
				toggle(v, t, rw, !collapsed);
			return true;
		}
		return ui_open_row(t, rw);
	case REQ_COLLAPSE:
		if (rw && rw->kind == ROW_SECTION && rw->cells[0][0] == '-')
			toggle(v, t, rw, true);
		else if (rw && rw->indent > 0)
			to_parent(v);
		return true; /* the directory is the bottom of the history */
	default:
		return false;
	}
}

static const roster *tree_roster; /* qsort has no context argument */

/* Where a group sits in the tree: (section, stage, group) indexes, groups
 * of unknown stages or sections last. */
static void tree_key(const group *g, size_t *key)
{
	const roster *r = tree_roster;
	bool orphan = !g->stage || !g->stage->section;
	key[0] = orphan ? r->nsections : section_index(r, g->stage->section);
	key[1] = orphan ? r->nstages : (size_t)(g->stage - r->stages);
	key[2] = g->index;
}

static int tree_cmp(const void *a, const void *b)
{
	size_t ka[3], kb[3];
	tree_key(&tree_roster->groups[*(const size_t *)a], ka);
	tree_key(&tree_roster->groups[*(const size_t *)b], kb);
	for (int i = 0; i < 3; i++)
		if (ka[i] != kb[i])
			return ka[i] < kb[i] ? -1 : 1;
	return 0;
}

/* `/` in the tree: every group, collapsed or not, by name or id, from the
 * cursor on; the path to a match is opened. */
static bool search_dir(view *v, tui *t, const char *needle, int dir,
		       bool include_from)
{
	const roster *r = t->r;
	if (!r->ngroups || !*needle)
		return false;
	/* groups in tree order: by section, then stage, then file order */
	size_t n = r->ngroups;
	size_t *order = malloc(n * sizeof(size_t));
	if (!order)
		return false;
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	tree_roster = r;
	qsort(order, n, sizeof(*order), tree_cmp);
	const row *rw = cursor_row(v);
	size_t from = 0;
	for (size_t i = 0; rw && rw->kind == ROW_GROUP && i < n; i++)
		if (&r->groups[order[i]] == rw->item)
			from = i;
	bool found = false;
	for (size_t k = include_from ? 0 : 1; k <= n && !found; k++) {
		size_t i = (from + (dir > 0 ? k : n - k % n)) % n;
		const group *g = &r->groups[order[i]];
		size_t len = strlen(needle);
		for (const char *h = g->name; *h && !found; h++)
			found = !strncasecmp(h, needle, len);
		for (const char *h = g->id; *h && !found; h++)
			found = !strncasecmp(h, needle, len);
		if (found)
			select_group(v, t, g);
	}
	free(order);
	return found;
}

/* The card of a section or stage: its groups and their managers. */
static void summary_rows(rows *out, tui *t, const row *node)
{
	const roster *r = t->r;
	const section *sec = node->tag == NODE_SECTION ? node->item : NULL;
	const stage *stg = node->tag == NODE_STAGE ? node->item : NULL;
	row *rw = rows_add(out, ROW_TEXT, STYLE_HEADING, 0);
	if (rw)
		rw->cells[0] = sec ? sec->name : stg->name;
	if (stg && stg->section && (rw = rows_add(out, ROW_TEXT, STYLE_DIM, 0)))
		rw->cells[0] = rows_own(out, ui_concat("Stage of ", stg->section->name));
	size_t n = 0, total = 0;
	for (size_t i = 0; i < r->ngroups; i++) {
		const group *g = &r->groups[i];
		total += stg ? g->stage == stg : g->stage && g->stage->section == sec;
	}
	for (size_t i = 0; i < r->ngroups; i++) {
		const group *g = &r->groups[i];
		if (!(stg ? g->stage == stg : g->stage && g->stage->section == sec))
			continue;
		if (!n++)
			ui_heading(out, "Groups", total);
		const person *m = g->team && g->team->kind == TABLE_TEAM_BY_MANAGER_SLUG
					  ? roster_person(r, g->team->manager)
					  : NULL;
		if ((rw = rows_add(out, ROW_GROUP, STYLE_NORMAL, 1))) {
			rw->item = g;
			rw->id = g->id;
			rw->cells[0] = g->name;
			rw->cells[1] = m ? ui_person_name(m) : "";
			rw->copy = g->id;
		}
	}
}

static void draw(view *v, tui *t, int y, int x, int h, int w)
{
	struct dir_state *st = v->state;
	const row *rw = cursor_row(v);
	const void *subject = rw ? rw->item : NULL;
	int tree_w = w >= 80 ? (w / 3 > 48 ? 48 : w / 3) : w;
	int card_w = w - tree_w - 2;
	if (st->card_stale || subject != st->card_of || card_w != st->card_w) {
		/* the card follows the cursor, and is laid out for its width
		 * (a new width keeps the card's cursor where it was) */
		bool same = subject == st->card_of && !st->card_stale;
		if (same) {
			rows_anchor_free(&st->card_anchor);
			rows_anchor_take(&st->card, &st->card_anchor);
		}
		rows_clear(&st->card);
		st->card.cursor = st->card.top = 0;
		if (rw && rw->kind == ROW_GROUP)
			view_group_rows(&st->card, t, subject, false, card_w);
		else if (rw && rw->kind == ROW_SECTION)
			summary_rows(&st->card, t, rw);
		st->card_of = subject;
		st->card_stale = false;
		st->card_w = card_w;
		rows_first(&st->card);
		rows_anchor_restore(&st->card, &st->card_anchor); /* after a reload */
		rows_anchor_free(&st->card_anchor);
		if (st->focus == 1 && !st->card.n)
			st->focus = 0;
	}
	st->card_shown = tree_w < w;
	st->tree_w = tree_w;
	st->top_y = y + 1;
	if (!st->card_shown)
		st->focus = 0;
	/* which pane has the keys: its title in reverse video, its cursor a
	 * bar; the other's title dim, its cursor bold */
	ui_draw_pane_title(y, x, tree_w, " Sections \u203a stages \u203a groups", st->focus == 0);
	ui_draw_rows(&v->rows, y + 1, x, h - 1, tree_w,
		     st->focus == 0 ? CURSOR_BAR : CURSOR_MARK);
	if (tree_w < w) {
		screen_vline(y, x + tree_w, h);
		const char *what = rw && rw->kind == ROW_GROUP	 ? " Group"
				   : rw && rw->kind == ROW_SECTION ? " Summary"
								   : " ";
		char head[96];
		snprintf(head, sizeof(head), "%s%s", what,
			 st->focus == 1 ? "" : "  (Tab: into the card)");
		ui_draw_pane_title(y, x + tree_w + 2, card_w, head, st->focus == 1);
		ui_draw_rows(&st->card, y + 1, x + tree_w + 2, h - 1, card_w,
			     st->focus == 1 ? CURSOR_BAR : CURSOR_NONE);
	}
}

/* A click focuses the pane it is in and selects the row; a double-click
 * opens it; the wheel scrolls the pane under the pointer. */
static bool click(view *v, tui *t, int y, int x, int kind)
{
	struct dir_state *st = v->state;
	bool in_card = st->card_shown && x > st->tree_w;
	rows *r = in_card ? &st->card : &v->rows;
	if (kind == MOUSE_WHEEL_UP || kind == MOUSE_WHEEL_DOWN) {
		rows_move(r, kind == MOUSE_WHEEL_UP ? -3 : 3);
		return true;
	}
	st->focus = in_card;
	if (y < st->top_y)
		return true;
	size_t i = r->top + (size_t)(y - st->top_y);
	if (i >= r->n || !rows_selectable(&r->v[i]))
		return true;
	r->cursor = i;
	if (kind == MOUSE_DOUBLE)
		request_dir(v, t, REQ_ENTER);
	return true;
}

static char *title(view *v, tui *t)
{
	(void)v;
	char buf[256];
	snprintf(buf, sizeof(buf), "Directory \u00b7 %zu groups, %zu people",
		 t->r->ngroups, t->r->npeople);
	return strdup(buf);
}

/* Before the roster goes: the card's rows point into it (the tree's rows
 * are cleared by ui.c); its cursor is kept as text. */
static void release(view *v)
{
	struct dir_state *st = v->state;
	if (!st)
		return;
	if (st->card.n) { /* else the anchor of a release not drawn since */
		rows_anchor_free(&st->card_anchor);
		rows_anchor_take(&st->card, &st->card_anchor);
	}
	rows_clear(&st->card);
	st->card_of = NULL;
	st->card_stale = true;
}

static void free_view(view *v)
{
	struct dir_state *st = v->state;
	if (!st)
		return;
	rows_free(&st->card);
	rows_anchor_free(&st->card_anchor);
	rows_anchor_free(&st->saved_cursor);
	set_free(&st->collapsed);
	set_free(&st->saved);
}

static void find_begin(view *v)
{
	struct dir_state *st = v->state;
	rows_anchor_free(&st->saved_cursor);
	rows_anchor_take(&v->rows, &st->saved_cursor);
	st->saved_set = set_copy(&st->saved, &st->collapsed);
}

static void find_cancel(view *v, tui *t)
{
	struct dir_state *st = v->state;
	if (st->saved_set)
		set_copy(&st->collapsed, &st->saved);
	build(v, t);
	rows_anchor_restore(&v->rows, &st->saved_cursor);
}

static bool find(view *v, tui *t, const char *needle, int dir, bool include_from)
{
	struct dir_state *st = v->state;
	if (st->focus == 1) { /* in the card: its rows */
		long i = rows_find(&st->card, needle, st->card.cursor, dir, include_from);
		if (i >= 0)
			st->card.cursor = (size_t)i;
		return i >= 0;
	}
	return search_dir(v, t, needle, dir, include_from);
}

/* The card pane's rows when it has the keys (y, o, paging). */
static rows *focus(view *v)
{
	struct dir_state *st = v->state;
	return st->focus == 1 ? &st->card : &v->rows;
}

/* Start on the first group: its card is what the user came for. */
static void init(view *v, tui *t)
{
	(void)t;
	for (size_t i = 0; i < v->rows.n; i++)
		if (v->rows.v[i].kind == ROW_GROUP) {
			v->rows.cursor = i;
			break;
		}
}

const view_ops view_dir_ops = {
	.name = "directory",
	.state_size = sizeof(struct dir_state),
	.build = build,
	.init = init,
	.request = request_dir,
	.draw = draw,
	.title = title,
	.release = release,
	.free = free_view,
	.focus = focus,
	.find = find,
	.find_begin = find_begin,
	.find_cancel = find_cancel,
	.type_to_search = true,
	.hint = "s: who do I ask?",
	.click = click,
};

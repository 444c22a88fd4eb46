/* view_people.c: everyone, in columns under a header line (Name, Role,
 * GitLab, Manager), sorted by name, role or manager in either direction
 * (`S` cycles the key, `R` reverses it), filtered as you type (`f`): case
 * and accents folded as the who-search folds them, every word of the
 * filter somewhere in the name, slug, handle or role. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "teamtui/screen.h"
#include "teamtui/search.h"
#include "teamtui/ui.h"

enum sort_key { SORT_NAME, SORT_ROLE, SORT_MANAGER, SORT_COUNT };
static const char *const sort_names[] = {"name", "role", "manager"};
/* The cell each key sorts by, in the rows build() fills. */
static const int sort_cell[] = {0, 1, 3};
static const char *const column_labels[ROW_CELLS] = {"Name", "Role", "GitLab",
						     "Manager"};
/* A filter has at most this many words (256 bytes: fewer in practice). */
enum { MAX_FILTER_WORDS = 128 };

/* Sort and filter: text of its own, nothing of the roster's. */
struct people_state {
	enum sort_key sort;
	bool descending;
	char filter[256];
	size_t shown; /* people listed at the last build */
	size_t matched; /* of whom the filter keeps (before `a` keeps the awake) */
	awake_count awake; /* the filter's people by state (`a`) */
};

/* The mark of the sort's direction, in the header and the title: the one
 * place that says how it looks. */
static const char *sort_arrow(bool descending)
{
	return descending ? "\u25bc" : "\u25b2";
}

/* What the manager column sorts by: the manager's name, a reports_to slug
 * that names nobody as itself, "" for nobody. */
static const char *manager_key(const roster *r, const person *p)
{
	const person *m = p->reports_to ? roster_person(r, p->reports_to) : NULL;
	return m ? ui_person_name(m) : p->reports_to ? p->reports_to : "";
}

/* What the manager column shows: the manager's name; a slug that names
 * nobody, after a "?" (seen even when the column cuts it); a dash for no
 * manager at all. */
static const char *manager_cell(rows *out, const roster *r, const person *p)
{
	const person *m = p->reports_to ? roster_person(r, p->reports_to) : NULL;
	if (m)
		return ui_person_name(m);
	if (!p->reports_to || !*p->reports_to)
		return "\u2014";
	const char *s = rows_own(out, ui_concat("? ", p->reports_to));
	return s ? s : p->reports_to;
}

/* A person listed, with the folded texts it sorts by. */
struct entry {
	const person *p;
	char *key, *name;
	const char *lead; /* the awake marker (`a`), or NULL */
	row_style lead_style;
};

static char no_text[1]; /* a fold that ran out of memory: sorts as "" */

static char *fold(const char *s)
{
	char *f = search_fold(s ? s : "");
	return f ? f : no_text;
}

static void unfold(char *s)
{
	if (s != no_text)
		free(s);
}

/* qsort has no context argument: set for the length of one sort */
static bool sorting_descending;

/* By the folded key (case and accents aside: Álvaro among the A's), in
 * the direction asked for, nothing to sort by (no role, no manager) last
 * either way; ties by name, then roster order, always ascending. */
static int by_key(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	bool ex = !*x->key, ey = !*y->key;
	if (ex != ey)
		return ex ? 1 : -1;
	int c = strcmp(x->key, y->key);
	if (sorting_descending)
		c = -c;
	if (!c)
		c = strcmp(x->name, y->name);
	if (!c)
		c = strcmp(ui_person_name(x->p), ui_person_name(y->p));
	return c ? c : (x->p->index > y->p->index) - (x->p->index < y->p->index);
}

/* The words of a folded filter, split in place on blanks. */
static size_t filter_words(char *folded, const char **words, size_t max)
{
	size_t n = 0;
	for (char *c = folded; c && *c && n < max;) {
		while (*c == ' ' || *c == '\t' || *c == '\n')
			*c++ = '\0';
		if (!*c)
			break;
		words[n++] = c;
		while (*c && *c != ' ' && *c != '\t' && *c != '\n')
			c++;
	}
	return n;
}

/* Whether every word is in one of p's name, slug, @handle and role, all
 * folded as the words are (a line each: no word spans two). */
static bool matches(const person *p, const char *const *words, size_t nwords)
{
	if (!nwords)
		return true;
	const char *fields[] = {ui_person_name(p), p->slug, p->gitlab ? "@" : "",
				p->gitlab, p->role};
	size_t len = 1;
	for (size_t i = 0; i < sizeof(fields) / sizeof(*fields); i++)
		len += (fields[i] ? strlen(fields[i]) : 0) + 1;
	char *joined = malloc(len);
	if (!joined)
		return false;
	size_t o = 0;
	for (size_t i = 0; i < sizeof(fields) / sizeof(*fields); i++) {
		size_t n = fields[i] ? strlen(fields[i]) : 0;
		memcpy(joined + o, fields[i] ? fields[i] : "", n);
		o += n;
		if (i != 2) /* "@" and the handle are one field */
			joined[o++] = '\n';
	}
	joined[o] = '\0';
	char *hay = search_fold(joined);
	free(joined);
	bool all = hay != NULL;
	for (size_t i = 0; all && i < nwords; i++)
		all = strstr(hay, words[i]) != NULL;
	free(hay);
	return all;
}

static bool build(view *v, tui *t)
{
	struct people_state *st = v->state;
	const roster *r = t->r;
	/* a new sort or filter keeps the cursor on the same person, on the
	 * same line of the screen (after a reload the rows come empty and
	 * ui.c puts the cursor back) */
	row_anchor keep = {0};
	if (v->rows.n)
		rows_anchor_take(&v->rows, &keep);
	rows_clear(&v->rows);
	struct entry *list = malloc((r->npeople + 1) * sizeof(*list));
	char *folded = *st->filter ? search_fold(st->filter) : NULL;
	const char *words[MAX_FILTER_WORDS];
	size_t nwords = filter_words(folded, words, MAX_FILTER_WORDS);
	size_t n = 0;
	st->awake = (awake_count){0};
	st->matched = 0;
	for (size_t i = 0; list && i < r->npeople; i++) {
		const person *p = &r->people[i];
		if (!matches(p, words, nwords))
			continue;
		st->matched++;
		const char *lead;
		row_style lead_style;
		if (!ui_awake_lead(t, p, &v->rows, &lead, &lead_style, &st->awake))
			continue; /* only the awake are listed */
		const char *key = st->sort == SORT_ROLE      ? p->role
				  : st->sort == SORT_MANAGER ? manager_key(r, p)
							     : ui_person_name(p);
		list[n++] = (struct entry){p, fold(key), fold(ui_person_name(p)), lead,
					   lead_style};
	}
	free(folded);
	sorting_descending = st->descending;
	if (n > 1)
		qsort(list, n, sizeof(*list), by_key);
	st->shown = n;
	row *rw;
	for (size_t i = 0; i < n; i++) {
		const person *p = list[i].p;
		unfold(list[i].key);
		unfold(list[i].name);
		if (!(rw = rows_add(&v->rows, ROW_PERSON, STYLE_NORMAL, 0)))
			continue;
		rw->item = p;
		rw->id = p->slug;
		rw->lead = list[i].lead;
		rw->lead_style = list[i].lead_style;
		rw->cells[0] = ui_person_name(p);
		rw->cells[1] = p->role ? p->role : "";
		rw->cells[2] = p->gitlab ? rows_own(&v->rows, ui_concat("@", p->gitlab)) : NULL;
		if (!rw->cells[2])
			rw->cells[2] = "";
		rw->cells[3] = manager_cell(&v->rows, r, p);
		rw->copy = *rw->cells[2] ? rw->cells[2] : p->slug;
	}
	free(list);
	if (!n && (rw = rows_add(&v->rows, ROW_TEXT, STYLE_DIM, 0)))
		rw->cells[0] = t->awake_mode == UI_AWAKE_ONLY && st->matched
				   ? "nobody is awake now (a: everyone)"
			       : *st->filter ? "nobody matches the filter (f to change it)"
					     : "nobody in the roster";
	rows_first(&v->rows);
	/* the same person if still listed; else the first row, not a number */
	for (size_t i = 0; keep.key && i < v->rows.n; i++)
		if (v->rows.v[i].id && !strcmp(v->rows.v[i].id, keep.key)) {
			size_t line = keep.index >= keep.top ? keep.index - keep.top : 0;
			v->rows.cursor = i;
			v->rows.top = i > line ? i - line : 0;
			break;
		}
	rows_anchor_free(&keep);
	return true;
}

/* The rows under a header line naming the columns, lined up with them as
 * ui_draw_rows laid them out, the sorted one marked. */
static void draw(view *v, tui *t, int y, int x, int h, int w)
{
	struct people_state *st = v->state;
	(void)t;
	if (!st->shown || h < 2) { /* no columns to name */
		ui_draw_rows(&v->rows, y, x, h, w, CURSOR_BAR);
		return;
	}
	v->height = h - 1; /* paging: the rows under the header */
	v->top_y = y + 1; /* the mouse: rows start under it */
	ui_draw_rows(&v->rows, y + 1, x, h - 1, w, CURSOR_BAR);
	/* as ui_draw_rows places the cells of a person row: each column
	 * as wide as it measured, two blanks apart, a column given up for
	 * lack of room skipped, the last one to the edge */
	const int *cols = v->rows.colw[ui_column_class(ROW_PERSON)];
	int cx = x, end = x + w;
	if (v->rows.lead_w) { /* the awake markers' column (`a`) */
		screen_put(y, cx, v->rows.lead_w, "Local time", STYLE_HEADING, false, false);
		cx += v->rows.lead_w + 2;
	}
	for (int c = 0; c < ROW_CELLS && cx < end; c++) {
		bool last = c == ROW_CELLS - 1;
		int cw = last ? end - cx : cols[c];
		if (cw <= 0)
			continue;
		char label[32];
		bool sorted = c == sort_cell[st->sort];
		snprintf(label, sizeof(label), "%s%s%s", column_labels[c],
			 sorted ? " " : "", sorted ? sort_arrow(st->descending) : "");
		screen_put(y, cx, cw < end - cx ? cw : end - cx, label, STYLE_HEADING,
			   false, false);
		cx += cw + 2;
	}
}

static bool request_people(view *v, tui *t, request req)
{
	struct people_state *st = v->state;
	if (req == REQ_CANCEL && st->filter[0]) { /* Esc: the filter first */
		st->filter[0] = '\0';
		build(v, t);
		return true;
	}
	if (req == REQ_SORT) { /* the next key, ascending */
		st->sort = (st->sort + 1) % SORT_COUNT;
		st->descending = false;
	} else if (req == REQ_SORT_REVERSE) {
		st->descending = !st->descending;
	} else {
		return false;
	}
	build(v, t);
	ui_message(t, STYLE_NORMAL, "sorted by %s %s", sort_names[st->sort],
		   sort_arrow(st->descending));
	return true;
}

/* "People · all 183 · sorted by name ▲", or with a filter
 * "People · filter: ame — 3 of 183 · sorted by name ▲". */
static char *title(view *v, tui *t)
{
	struct people_state *st = v->state;
	char buf[sizeof(st->filter) + 200], aw[80] = "";
	if (t->awake_mode == UI_AWAKE_ONLY) { /* said before the sort: it matters more */
		ui_awake_count_text(&st->awake, aw + 4, sizeof(aw) - 4);
		memcpy(aw, " \u00b7 ", 4);
	}
	if (*st->filter)
		snprintf(buf, sizeof(buf),
			 "People \u00b7 filter: %s \u2014 %zu of %zu%s \u00b7 sorted by %s %s",
			 st->filter, st->matched, t->r->npeople, aw, sort_names[st->sort],
			 sort_arrow(st->descending));
	else
		snprintf(buf, sizeof(buf), "People \u00b7 all %zu%s \u00b7 sorted by %s %s",
			 t->r->npeople, aw, sort_names[st->sort], sort_arrow(st->descending));
	return strdup(buf);
}

static const char *prompt_text(const view *v)
{
	return ((const struct people_state *)v->state)->filter;
}

/* The filter is the view's own, edited by the `f` prompt through this. */
static void prompt_set(view *v, tui *t, const char *filter)
{
	struct people_state *st = v->state;
	snprintf(st->filter, sizeof(st->filter), "%s", filter);
	build(v, t);
}

const view_ops view_people_ops = {
	.name = "people",
	.state_size = sizeof(struct people_state),
	.build = build,
	.request = request_people,
	.draw = draw,
	.title = title,
	.prompt_label = "filter: ",
	.prompt_request = REQ_FILTER,
	.prompt_text = prompt_text,
	.prompt_set = prompt_set,
	.hint = "f filters \u00b7 S sorts, R reverses \u00b7 Enter opens",
	.people_list = true,
};

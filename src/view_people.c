/* view_people.c: everyone, sortable by name, role or manager, filtered as
 * you type (`f`). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "teamtui/ui.h"

enum sort_key { SORT_NAME, SORT_ROLE, SORT_MANAGER, SORT_COUNT };
static const char *const sort_names[] = {"name", "role", "manager"};

/* Sort and filter: text of its own, nothing of the roster's. */
struct people_state {
	enum sort_key sort;
	char filter[256];
};

static const char *manager_name(const roster *r, const person *p)
{
	const person *m = p->reports_to ? roster_person(r, p->reports_to) : NULL;
	return m ? ui_person_name(m) : p->reports_to ? p->reports_to : "";
}

/* qsort has no context argument: set for the length of one sort */
static struct {
	enum sort_key sort;
	const roster *r;
} sorting;

static int by_key(const void *a, const void *b)
{
	const person *x = *(const person *const *)a, *y = *(const person *const *)b;
	const char *kx, *ky;
	switch (sorting.sort) {
	case SORT_ROLE:
		kx = x->role ? x->role : "";
		ky = y->role ? y->role : "";
		break;
	case SORT_MANAGER:
		kx = manager_name(sorting.r, x);
		ky = manager_name(sorting.r, y);
		break;
	default:
		kx = ui_person_name(x);
		ky = ui_person_name(y);
	}
	int c = strcasecmp(kx, ky);
	if (!c)
		c = strcasecmp(ui_person_name(x), ui_person_name(y));
	return c ? c : (x->index > y->index) - (x->index < y->index);
}

static bool icontains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; hay && *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return true;
	return false;
}

static bool matches(const person *p, const char *f)
{
	return !*f || icontains(ui_person_name(p), f) || icontains(p->slug, f) ||
	       icontains(p->gitlab, f) || icontains(p->role, f);
}

static bool build(view *v, tui *t)
{
	struct people_state *st = v->state;
	/* a new sort or filter keeps the cursor on the same person (after a
	 * reload the rows come empty and ui.c puts the cursor back) */
	row_anchor keep = {0};
	if (v->rows.n)
		rows_anchor_take(&v->rows, &keep);
	rows_clear(&v->rows);
	const person **list = malloc((t->r->npeople + 1) * sizeof(*list));
	size_t n = 0;
	for (size_t i = 0; list && i < t->r->npeople; i++)
		if (matches(&t->r->people[i], st->filter))
			list[n++] = &t->r->people[i];
	sorting.sort = st->sort;
	sorting.r = t->r;
	if (n > 1)
		qsort(list, n, sizeof(*list), by_key);
	sorting.r = NULL;
	char head[320];
	snprintf(head, sizeof(head), "%zu of %zu people, by %s%s%s", n,
		 t->r->npeople, sort_names[st->sort], *st->filter ? ", matching " : "",
		 st->filter);
	row *rw = rows_add(&v->rows, ROW_TEXT, STYLE_HEADING, 0);
	if (rw)
		rw->cells[0] = rows_own(&v->rows, strdup(head));
	for (size_t i = 0; i < n; i++) {
		if ((rw = rows_add(&v->rows, ROW_PERSON, STYLE_NORMAL, 0))) {
			rw->item = list[i];
			rw->id = list[i]->slug;
			rw->cells[0] = ui_person_name(list[i]);
			rw->cells[1] = list[i]->role ? list[i]->role : "";
			rw->cells[2] = list[i]->gitlab
					   ? rows_own(&v->rows, ui_concat("@", list[i]->gitlab))
					   : "";
			rw->cells[3] = manager_name(t->r, list[i]);
			rw->copy = *rw->cells[2] ? rw->cells[2] : list[i]->slug;
		}
	}
	rows_first(&v->rows);
	/* the same person if still listed; else the first row, not a number */
	if (keep.key)
		for (size_t i = 0; i < v->rows.n; i++)
			if (v->rows.v[i].id && !strcmp(v->rows.v[i].id, keep.key))
				v->rows.cursor = i;
	rows_anchor_free(&keep);
	free(list);
	return true;
}

static bool request_people(view *v, tui *t, request req)
{
	struct people_state *st = v->state;
	if (req == REQ_CANCEL && st->filter[0]) { /* Esc: the filter first */
		st->filter[0] = '\0';
		build(v, t);
		return true;
	}
	if (req != REQ_SORT)
		return false;
	st->sort = (st->sort + 1) % SORT_COUNT;
	build(v, t);
	ui_message(t, STYLE_NORMAL, "sorted by %s", sort_names[st->sort]);
	return true;
}

static char *title(view *v, tui *t)
{
	(void)v;
	(void)t;
	return strdup("People");
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
	.title = title,
	.prompt_label = "filter: ",
	.prompt_request = REQ_FILTER,
	.prompt_text = prompt_text,
	.prompt_set = prompt_set,
	.hint = "f filters \u00b7 S sorts, R reverses \u00b7 Enter opens",
};

/* view_search.c: "who do I ask?" in the TUI: ranked people and groups,
 * updated on every keystroke, each with why it matched. */
#include <stdlib.h>
#include <string.h>

#include "teamtui/search.h"
#include "teamtui/ui.h"

enum { MAX_HITS = 200 };

/* Only the query: the hits point into the roster, so they live in build
 * alone (the rows keep copies of what else they show). */
struct search_state {
	char query[256];
};

static bool build(view *v, tui *t)
{
	struct search_state *st = v->state;
	rows_clear(&v->rows);
	v->rows.cursor = v->rows.top = 0;
	if (!t->index)
		t->index = search_build(t->r);
	/* a query the search refuses is said, never searched cut short */
	const char *problem = st->query[0] ? search_query_problem(st->query) : NULL;
	search_hit *hits = st->query[0] && !problem ? malloc(MAX_HITS * sizeof(*hits)) : NULL;
	size_t nhits = t->index && hits ? search_query(t->index, st->query, hits, MAX_HITS)
					: 0;
	row *rw = rows_add(&v->rows, ROW_TEXT, STYLE_HEADING, 0);
	if (rw) {
		char head[320];
		if (!st->query[0])
			snprintf(head, sizeof(head), "Type a name, @handle, role, expertise, project, label or channel");
		else if (problem)
			snprintf(head, sizeof(head), "%s", problem);
		else
			snprintf(head, sizeof(head), "%zu%s match%s for '%s'", nhits,
				 nhits == MAX_HITS ? "+" : "", nhits == 1 ? "" : "es",
				 st->query);
		rw->cells[0] = rows_own(&v->rows, strdup(head));
	}
	for (size_t i = 0; i < nhits; i++) {
		const search_hit *h = &hits[i];
		bool person = h->kind == SEARCH_PERSON;
		if (!(rw = rows_add(&v->rows, person ? ROW_PERSON : ROW_GROUP,
				    STYLE_NORMAL, 0)))
			break;
		rw->item = person ? (const void *)h->person : (const void *)h->group;
		rw->id = person ? h->person->slug : h->group->id;
		rw->cells[0] = person ? ui_person_name(h->person) : h->group->name;
		/* "name: Sean Carroll" beside Sean Carroll says nothing: the role
		 * tells more (the reason stays in `teamtui who`) */
		if (person && h->person->role && !strncmp(h->reason, "name: ", 6))
			rw->cells[1] = h->person->role;
		else /* the hit is gone after build: the rows keep a copy */
			rw->cells[1] = rows_own(&v->rows, strdup(h->reason));
		if (person)
			rw->cells[2] = h->person->gitlab
					   ? rows_own(&v->rows, ui_concat("@", h->person->gitlab))
					   : "";
		else
			rw->cells[2] = h->group->channels.n ? h->group->channels.v[0] : "";
		rw->cells[3] = person ? "person" : "group";
		rw->copy = *rw->cells[2] ? rw->cells[2]
			   : person     ? h->person->slug
					: h->group->id;
	}
	free(hits);
	rows_first(&v->rows);
	return true;
}

static char *title(view *v, tui *t)
{
	(void)v;
	(void)t;
	return strdup("Who do I ask?");
}

static const view_ops search_ops = {
	.name = "search", .build = build, .title = title,
};

bool view_is_search(const view *v)
{
	return v->ops == &search_ops;
}

void view_search_set(view *v, tui *t, const char *query)
{
	struct search_state *st = v->state;
	snprintf(st->query, sizeof(st->query), "%s", query);
	build(v, t);
}

const char *view_search_query(const view *v)
{
	return ((const struct search_state *)v->state)->query;
}

view *view_search_new(tui *t)
{
	return ui_view_new(t, &search_ops, NULL, sizeof(struct search_state));
}

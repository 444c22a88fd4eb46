/* view_search.c: "who do I ask?" in the TUI: ranked people and groups,
 * updated on every keystroke, each with why it matched, and under each
 * group whom to ask now: the first awake step of its escalation path
 * (ui_escalate_ask_now), worked out only for the rows on screen, when
 * they are drawn, and kept per group while the roster and the clock are
 * the same. */
#include <stdlib.h>
#include <string.h>

#include "teamtui/search.h"
#include "teamtui/ui.h"

enum { MAX_HITS = 200 };
enum { ASK_TAG = 1 }; /* the tag of a group's "ask now" line */

/* Only the query: the hits point into the roster, so they live in build
 * alone (the rows keep copies of what else they show). And the "ask
 * now" lines worked out, by group index (text of their own), for the
 * roster and clock of generations gen and clock_gen. */
struct search_state {
	char query[256];
	char **ask;
	size_t nask;
	unsigned gen, clock_gen;
};

static void ask_clear(struct search_state *st)
{
	for (size_t i = 0; i < st->nask; i++)
		free(st->ask[i]);
	free(st->ask);
	st->ask = NULL;
	st->nask = 0;
}

/* Characters other than spaces (continuation bytes are not counted). */
static size_t letters(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s != ' ' && ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static bool build(view *v, tui *t)
{
	struct search_state *st = v->state;
	rows_clear(&v->rows);
	v->rows.cursor = v->rows.top = 0;
	if (!t->index)
		t->index = search_build(t->r);
	/* a query the search refuses is said, never searched cut short; one
	 * letter would match half the roster */
	const char *problem = st->query[0] ? search_query_problem(st->query) : NULL;
	if (!problem && st->query[0] && letters(st->query) < 2)
		problem = "Type at least 2 characters";
	search_hit *hits = st->query[0] && !problem ? malloc(MAX_HITS * sizeof(*hits)) : NULL;
	size_t nhits = t->index && hits ? search_query_team(t->index, t->rs, st->query, hits, MAX_HITS)
					: 0;
	row *rw = rows_add(&v->rows, ROW_TEXT, STYLE_HEADING, 0);
	if (rw) {
		char head[400];
		if (!st->query[0])
			snprintf(head, sizeof(head), "Type a name, @handle, role, expertise, project, label or channel");
		else if (problem)
			snprintf(head, sizeof(head), "%s", problem);
		else if (!nhits)
			snprintf(head, sizeof(head),
				 "Nothing matches '%s': try fewer or shorter words, a handle (@name), "
				 "a skill, or P for everyone", st->query);
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
		/* whom to ask now: filled when the line is drawn */
		if (!person && (rw = rows_add(&v->rows, ROW_TEXT, STYLE_DIM, 1))) {
			rw->cells[0] = "";
			rw->tag = ASK_TAG;
			rw->item = h->group;
		}
	}
	free(hits);
	rows_first(&v->rows);
	return true;
}

/* The "ask now" lines of the rows about to be drawn (ui_draw_rows shows
 * from where rows_scroll puts the top), from the cache or worked out. */
static void draw(view *v, tui *t, int y, int x, int h, int w)
{
	struct search_state *st = v->state;
	rows *r = &v->rows;
	bool ready = false;
	rows_scroll(r, h > 0 ? (size_t)h : 0);
	for (size_t i = r->top; i < r->n && i < r->top + (size_t)(h > 0 ? h : 0); i++) {
		row *rw = &r->v[i];
		if (rw->kind != ROW_TEXT || rw->tag != ASK_TAG || *rw->cells[0] || !rw->item)
			continue;
		if (!ready) { /* the clock now (it may be renewed), then the cache */
			ready = true;
			ui_awake_now(t);
			if (st->ask && (st->gen != t->roster_gen || st->clock_gen != t->awake_clock_gen))
				ask_clear(st);
			if (!st->ask && (st->ask = calloc(t->r->ngroups + 1, sizeof(char *)))) {
				st->nask = t->r->ngroups;
				st->gen = t->roster_gen;
				st->clock_gen = t->awake_clock_gen;
			}
		}
		const group *g = rw->item;
		size_t gi = (size_t)(g - t->r->groups);
		bool cached = st->ask && gi < st->nask;
		char *text = cached ? st->ask[gi] : NULL;
		if (!text && (text = ui_escalate_ask_now(t, g)) && cached)
			st->ask[gi] = text;
		/* the rows' own copy: the cache may be emptied before they are */
		rw->cells[0] = text ? rows_own(r, cached ? strdup(text) : text) : "";
		if (!rw->cells[0])
			rw->cells[0] = "";
	}
	ui_draw_rows(r, y, x, h, w, CURSOR_BAR);
}

/* Before the roster goes: the cached lines name its people. */
static void release(view *v)
{
	struct search_state *st = v->state;
	if (st)
		ask_clear(st);
}

static void free_view(view *v)
{
	release(v);
}

static char *title(view *v, tui *t)
{
	(void)v;
	(void)t;
	return strdup("Who do I ask?");
}

static const char *prompt_text(const view *v)
{
	return ((const struct search_state *)v->state)->query;
}

/* The query changed: the results follow at once. */
static void prompt_set(view *v, tui *t, const char *query)
{
	struct search_state *st = v->state;
	snprintf(st->query, sizeof(st->query), "%s", query);
	build(v, t);
}

const view_ops view_search_ops = {
	.name = "search",
	.state_size = sizeof(struct search_state),
	.build = build,
	.draw = draw,
	.release = release,
	.free = free_view,
	.title = title,
	.prompt_label = "who: ",
	.prompt_request = REQ_FIND,
	.prompt_text = prompt_text,
	.prompt_set = prompt_set,
	.type_to_search = true,
	.hint = "Enter opens \u00b7 s edits the query \u00b7 Esc leaves",
};

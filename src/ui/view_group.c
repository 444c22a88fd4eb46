/* view_group.c: a group's card: members, stable counterparts, channels,
 * labels with their issue lists, links and the OKR source. */
#include <stdlib.h>
#include <string.h>

#include "teamtui/gitlab.h"
#include "teamtui/labelurl.h"
#include "teamtui/out_okrs.h"
#include "teamtui/out_text.h"
#include "teamtui/sanitize.h"
#include "teamtui/strbuf.h"
#include "teamtui/ui.h"

const char *ui_person_name(const person *p)
{
	return p->name && *p->name ? p->name : p->slug;
}

char *ui_concat(const char *a, const char *b)
{
	return strbuf_concat(a, b);
}

/* A blank line and "Title (count)"; count (size_t)-1 shows no count. */
/* a + b with b's control characters shown (\x1b), as check shows them:
 * a page's value that differs from what it looks like must look
 * different. malloc'd. */
static char *visible_concat(const char *a, const char *b)
{
	char *v = sanitize(b, SANITIZE_VISIBLE);
	char *s = v ? ui_concat(a, v) : NULL;
	free(v);
	return s;
}

void ui_heading(rows *out, const char *title, size_t count)
{
	rows_add(out, ROW_TEXT, STYLE_NORMAL, 0);
	row *h = rows_add(out, ROW_TEXT, STYLE_HEADING, 0);
	if (!h)
		return;
	char buf[96];
	if (count == (size_t)-1)
		snprintf(buf, sizeof(buf), "%s", title);
	else
		snprintf(buf, sizeof(buf), "%s (%zu)", title, count);
	h->cells[0] = rows_own(out, strdup(buf));
}

void ui_person_row(rows *out, const person *p, const char *tag)
{
	row *rw = rows_add(out, ROW_PERSON, STYLE_NORMAL, 1);
	if (!rw)
		return;
	rw->item = p;
	rw->id = p->slug;
	rw->cells[0] = ui_person_name(p);
	rw->cells[1] = p->role ? p->role : "";
	rw->cells[2] = p->gitlab ? rows_own(out, ui_concat("@", p->gitlab)) : "";
	rw->cells[3] = tag ? tag
		       : p->type == PERSON_VACANCY ? "vacancy"
		       : !p->public_		 ? "not public"
						 : NULL;
	rw->copy = rw->cells[2] && *rw->cells[2] ? rw->cells[2] : p->slug;
	/* o: their GitLab profile (as the card's GitLab line) */
	if (p->gitlab)
		rw->url = rows_own(out, ui_concat("https://gitlab.com/", p->gitlab));
}

/* The OKR section: the source, where the data stands, then objectives
 * with their key results under them. */
static void okr_rows(rows *out, tui *t, const group *g, bool online)
{
	ui_heading(out, "OKRs", (size_t)-1);
	row *rw = rows_add(out, ROW_LINK, STYLE_NORMAL, 1);
	if (rw) {
		rw->cells[0] = g->okrs.project;
		char *url = labelurl_project(t->r->issues_url, g->okrs.project,
					     g->okrs.labels.v, g->okrs.labels.n);
		rw->cells[1] = rw->url = rw->copy = rows_own(out, url);
	}
	if (ui_cache_deferred(t, online)) { /* until the first screen is up */
		if ((rw = rows_add(out, ROW_TEXT, STYLE_DIM, 1)))
			rw->cells[0] = "Enter opens the group and asks GitLab";
		return;
	}
	gitlab_fetch *f = ui_okrs(t, g, online);
	if (!f) { /* the reason, here where the OKRs would be */
		if ((rw = rows_add(out, ROW_TEXT, STYLE_WARNING, 1)))
			rw->cells[0] = rows_own(out, ui_concat("GitLab: ", *t->gl_why ? t->gl_why
									: "not available"));
		return;
	}
	char status[600];
	out_okrs_status(f, status, sizeof(status));
	bool never = !online && !gitlab_fetched_at(f); /* the preview asks nobody */
	bool running = gitlab_state(f) == FETCH_RUNNING;
	if (running) { /* the spinner turns in place while the answer comes */
		snprintf(status, sizeof(status), "fetching from GitLab %s", ui_spinner(t));
	}
	if ((rw = rows_add(out, ROW_TEXT,
			   gitlab_error(f) && !never ? STYLE_WARNING : STYLE_DIM, 1)))
		rw->cells[0] = never ? "Enter opens the group and asks GitLab"
				     : rows_own(out, strdup(status));
	const okr_list *l = gitlab_items(f);
	size_t *order = malloc((l->n + 1) * sizeof(size_t));
	int *depth = malloc((l->n + 1) * sizeof(int));
	size_t n = order && depth ? okr_order(l, order, depth) : 0;
	for (size_t k = 0; k < n; k++) {
		const okr_item *it = &l->v[order[k]];
		if (!(rw = rows_add(out, ROW_LINK, depth[k] ? STYLE_NORMAL : STYLE_ACCENT,
				    1 + depth[k])))
			break;
		char head[96], facts[512];
		snprintf(head, sizeof(head), "%s #%s",
			 it->type && !strcmp(it->type, "Key Result") ? "KR"
			 : it->type ? it->type : "Item",
			 it->iid ? it->iid : "?");
		const char *health = okr_health_text(it->health);
		snprintf(facts, sizeof(facts), "%s%s%s", it->state ? it->state : "",
			 health ? " \u00b7 " : "", health ? health : "");
		size_t fl = strlen(facts);
		if (it->progress >= 0)
			fl += (size_t)snprintf(facts + fl, sizeof(facts) - fl, " \u00b7 %d%%",
					       it->progress);
		if (it->due && fl < sizeof(facts))
			fl += (size_t)snprintf(facts + fl, sizeof(facts) - fl, " \u00b7 due %s",
					       it->due);
		if (it->assignees && fl < sizeof(facts))
			snprintf(facts + fl, sizeof(facts) - fl, " \u00b7 %s", it->assignees);
		rw->cells[0] = rows_own(out, strdup(head));
		rw->cells[1] = it->title ? it->title : "";
		rw->cells[2] = rows_own(out, strdup(facts));
		rw->url = rw->copy = it->url;
	}
	free(order);
	free(depth);
}

void view_group_rows(rows *out, tui *t, const group *g, bool online, int width)
{
	const group_team *team = resolve_group(t->rs, g);
	row *rw = rows_add(out, ROW_TEXT, STYLE_HEADING, 0);
	if (rw) {
		char *a = ui_concat(g->name, " (");
		char *b = a ? ui_concat(a, g->id) : NULL;
		rw->cells[0] = rows_own(out, b ? ui_concat(b, ")") : NULL);
		free(a);
		free(b);
	}
	if (g->description) /* the whole text, in lines of the card's width */
		ui_wrap(out, g->description, width, STYLE_DIM, 0);
	if (g->handbook && (rw = rows_add(out, ROW_LINK, STYLE_ACCENT, 0))) {
		rw->cells[0] = "Handbook";
		rw->cells[1] = g->handbook;
		rw->url = rw->copy = g->handbook;
	}
	if (!team)
		return;
	if (g->page) { /* a handbook page: every table under its heading */
		for (size_t k = 0; k < team->ntables; k++) {
			const table_rows *tr = &team->tables[k];
			const people_table *pt = tr->table;
			const char *head = pt->heading ? pt->heading : pt->shortcode;
			size_t at = ui_people_heading(out, head, tr->people.n);
			awake_count aw = {0};
			if (pt->kind == TABLE_TEAM_BY_MANAGER_SLUG && pt->manager &&
			    !tr->manager && (rw = rows_add(out, ROW_TEXT, STYLE_WARNING, 1)))
				rw->cells[0] = rows_own(out, visible_concat(
				    "manager not in the roster: ", pt->manager));
			if (pt->kind == TABLE_TEAM_BY_MANAGER_ROLE && pt->manager_role &&
			    !tr->manager && (rw = rows_add(out, ROW_TEXT, STYLE_WARNING, 1)))
				rw->cells[0] = rows_own(out, visible_concat(
				    "no role matches the manager role: ",
				    pt->manager_role->source));
			for (size_t i = 0; i < tr->people.n; i++)
				ui_people_row(out, t, tr->people.v[i],
					      tr->people.v[i] == tr->manager ? "manager" : NULL,
					      &aw);
			ui_people_heading_done(out, t, at, head, &aw);
		}
	} else {
		if (g->team) {
			size_t at = ui_people_heading(out, "Members", team->members.n);
			awake_count aw = {0};
			if (!team->manager &&
			    (rw = rows_add(out, ROW_TEXT, STYLE_WARNING, 1)))
				rw->cells[0] = rows_own(out, ui_concat(
				    "manager not in the roster: ", g->team->manager));
			for (size_t i = 0; i < team->members.n; i++)
				ui_people_row(out, t, team->members.v[i],
					      team->members.v[i] == team->manager
						  ? "manager"
						  : NULL,
					      &aw);
			ui_people_heading_done(out, t, at, "Members", &aw);
		}
		if (team->ncounterpart_tables) {
			size_t at = ui_people_heading(out, "Stable counterparts",
						      team->counterparts.n);
			awake_count aw = {0};
			for (size_t i = 0; i < team->counterparts.n; i++)
				ui_people_row(out, t, team->counterparts.v[i], NULL, &aw);
			ui_people_heading_done(out, t, at, "Stable counterparts", &aw);
		}
	}
	if (g->nstaff) {
		size_t at = ui_people_heading(out, "Named in stages.yml", g->nstaff);
		awake_count aw = {0};
		for (size_t i = 0; i < g->nstaff; i++) {
			const staff_entry *se = &g->staff[i];
			if (se->person)
				ui_people_row(out, t, se->person, se->field, &aw);
			else if ((rw = rows_add(out, ROW_TEXT, STYLE_WARNING, 1)))
				rw->cells[0] = rows_own(out, ui_concat(
				    se->name, " (nobody in the roster)"));
		}
		ui_people_heading_done(out, t, at, "Named in stages.yml", &aw);
	}
	if (g->channels.n) {
		ui_heading(out, "Channels", g->channels.n);
		for (size_t i = 0; i < g->channels.n; i++)
			if ((rw = rows_add(out, ROW_CHANNEL, STYLE_ACCENT, 1))) {
				rw->cells[0] = g->channels.v[i];
				rw->copy = g->channels.v[i];
				/* Enter and o: the Slack link the page gives */
				rw->url = g->channel_urls ? g->channel_urls[i] : NULL;
				if (rw->url)
					rw->cells[1] = rw->url;
			}
	}
	if (g->labels.n) {
		ui_heading(out, "Labels", g->labels.n);
		for (size_t i = 0; i < g->labels.n; i++)
			if ((rw = rows_add(out, ROW_LABEL, STYLE_NORMAL, 1))) {
				/* label, open issues, link: the count's column is
				 * there from the start, so nothing moves when it comes */
				rw->cells[0] = g->labels.v[i];
				rw->url = rw->cells[2] = rows_own(
				    out, labelurl_issues(t->r->issues_url, g->labels.v[i]));
				rw->copy = g->labels.v[i];
				gitlab_fetch *f = ui_cache_deferred(t, online)
						      ? NULL
						      : ui_label_count(t, g->labels.v[i], online);
				rw->cells[1] = "";
				if (f && gitlab_count(f) >= 0) {
					char n[32];
					snprintf(n, sizeof(n), "%ld open", gitlab_count(f));
					rw->cells[1] = rows_own(out, strdup(n));
				} else if (f && gitlab_state(f) == FETCH_RUNNING) {
					rw->cells[1] = "\u2026";
				}
			}
	}
	if (g->nlinks) {
		ui_heading(out, "Links", g->nlinks);
		for (size_t i = 0; i < g->nlinks; i++)
			if ((rw = rows_add(out, ROW_LINK, STYLE_NORMAL, 1))) {
				rw->cells[0] = g->links[i].title;
				rw->cells[1] = rw->url = rw->copy = g->links[i].url;
			}
	}
	if (g->okrs.project)
		okr_rows(out, t, g, online);
}

static bool build(view *v, tui *t)
{
	const group *g = roster_group(t->r, v->subject);
	if (!g)
		return false;
	rows_clear(&v->rows);
	v->built_w = ui_columns();
	view_group_rows(&v->rows, t, g, true, v->built_w);
	return true;
}

static char *title(view *v, tui *t)
{
	const group *g = roster_group(t->r, v->subject);
	return g ? out_text_breadcrumb(g) : strdup(v->subject);
}

const view_ops view_group_ops = {
	.name = "group", .build = build, .title = title, .relayout = true,
	.people_list = true,
};

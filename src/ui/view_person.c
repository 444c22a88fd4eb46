/* view_person.c: a person's card: role, handles, local time, manager
 * chain (each step selectable), reports, groups, expertise, projects. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "teamtui/ui.h"

/* The card's layout while it is built: its width, and the label column
 * as ui_draw_rows will size it (the widest label or project name). */
static int card_w, label_w;

static void field(rows *out, const char *label, const char *value)
{
	if (!value || !*value)
		return;
	ui_wrap_field(out, label, value, card_w, label_w, 1);
}

static char *join(const strlist *l, const char *sep)
{
	size_t n = 1;
	for (size_t i = 0; i < l->n; i++)
		n += strlen(l->v[i]) + strlen(sep);
	char *s = calloc(1, n);
	for (size_t i = 0; s && i < l->n; i++) {
		if (i)
			strcat(s, sep);
		strcat(s, l->v[i]);
	}
	return s;
}

/* The org under p, in a few lines, when p has reports: its size, levels,
 * direct reports, the largest sub-teams and the mix of roles (the CLI's
 * org header, and `O` for the tree). The summary of the last person is
 * kept: a card is built again at every relayout and GitLab answer, and
 * the top of a 100,000-person roster has most of it under them. */
static void org_rows(rows *out, tui *t, const person *p)
{
	static struct {
		bool set;
		unsigned gen;
		const person *p;
		ui_org_summary s;
	} last;
	size_t nreports;
	roster_reports(t->r, p, &nreports);
	if (!nreports)
		return;
	if (!last.set || last.gen != t->roster_gen || last.p != p) {
		org_tree *tree = org_build(t->r, p);
		if (!tree)
			return;
		ui_org_summary_of(tree, &last.s);
		org_free(tree);
		last.set = true;
		last.gen = t->roster_gen;
		last.p = p;
	}
	const ui_org_summary *s = &last.s;
	if (!s->size && !s->vacancies) /* only themselves, by a cycle */
		return;
	char buf[512];
	ui_heading(out, "Org", (size_t)-1);
	int n = snprintf(buf, sizeof(buf), "%zu %s", s->size, s->size == 1 ? "person" : "people");
	if (s->vacancies && n > 0 && (size_t)n < sizeof(buf))
		snprintf(buf + n, sizeof(buf) - (size_t)n, " \u00b7 %zu %s", s->vacancies,
			 s->vacancies == 1 ? "vacancy" : "vacancies");
	field(out, "Size", rows_own(out, strdup(buf)));
	snprintf(buf, sizeof(buf), "%zu", s->levels);
	field(out, "Levels", rows_own(out, strdup(buf)));
	n = snprintf(buf, sizeof(buf), "%zu direct", s->direct);
	if (s->direct_vacancies && n > 0 && (size_t)n < sizeof(buf))
		snprintf(buf + n, sizeof(buf) - (size_t)n, " \u00b7 %zu %s", s->direct_vacancies,
			 s->direct_vacancies == 1 ? "vacancy" : "vacancies");
	field(out, "Reports", rows_own(out, strdup(buf)));
	size_t o = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < s->nlargest && o < sizeof(buf); i++) {
		n = snprintf(buf + o, sizeof(buf) - o, "%s%s (%zu)", i ? ", " : "",
			     ui_person_name(s->largest[i]), s->largest_size[i]);
		o += n > 0 ? (size_t)n : 0;
	}
	field(out, "Sub-teams", rows_own(out, strdup(buf)));
	ui_org_mix_text(s->mix, buf, sizeof(buf));
	field(out, "Mix", rows_own(out, strdup(buf)));
}

static void text_list(rows *out, const char *title, const strlist *l)
{
	if (!l->n)
		return;
	ui_heading(out, title, l->n);
	for (size_t i = 0; i < l->n; i++)
		ui_wrap(out, l->v[i], card_w, STYLE_NORMAL, 1);
}

void view_person_rows(rows *out, tui *t, const person *p, int width)
{
	card_w = width;
	label_w = 11; /* "Departments" */
	for (size_t i = 0; i < p->nprojects; i++) {
		int pw = ui_cell_width(p->projects[i].project);
		label_w = pw > label_w ? pw : label_w;
	}
	int cap = width / 5 > 24 ? width / 5 : 24; /* as ui_draw_rows caps it */
	label_w = label_w < cap ? label_w : cap;
	row *rw = rows_add(out, ROW_TEXT, STYLE_HEADING, 0);
	if (rw) {
		char *a = ui_concat(ui_person_name(p), " (");
		char *b = a ? ui_concat(a, p->slug) : NULL;
		rw->cells[0] = rows_own(out, b ? ui_concat(b, ")") : NULL);
		free(a);
		free(b);
	}
	field(out, "Role", p->role);
	field(out, "Job title", p->job_title);
	if (p->gitlab && (rw = rows_add(out, ROW_LINK, STYLE_ACCENT, 1))) {
		rw->cells[0] = "GitLab";
		rw->cells[1] = rw->copy = rows_own(out, ui_concat("@", p->gitlab));
		rw->url = rows_own(out, ui_concat("https://gitlab.com/", p->gitlab));
	}
	field(out, "Pronouns", p->pronouns);
	if (p->locality || p->country) {
		char *loc = ui_concat(p->locality ? p->locality : "",
				      p->locality && p->country ? ", " : "");
		char *full = loc ? ui_concat(loc, p->country ? p->country : "") : NULL;
		free(loc);
		field(out, "Location", rows_own(out, full));
	}
	/* as the CLI's card: the zone from the timezone field, else the
	 * country or locality by tzdata's tables, or why it is unknown */
	person_time pt;
	ui_person_time(t, p, &pt);
	char lt[400];
	if (pt.known)
		awake_local_text(&pt, lt, sizeof(lt));
	else
		snprintf(lt, sizeof(lt), "time zone unknown: %s", pt.zone.why);
	field(out, "Local time", rows_own(out, strdup(lt)));
	field(out, "Timezone", p->timezone);
	if (p->type == PERSON_VACANCY)
		field(out, "Type", "vacancy");
	if (!p->public_)
		field(out, "Public", "no");
	field(out, "Departments", rows_own(out, join(&p->departments, ", ")));
	field(out, "Specialty", rows_own(out, join(&p->specialty, ", ")));

	manager_chain ch = resolve_manager_chain(t->rs, p);
	if (ch.people.n || ch.dangling) {
		ui_heading(out, "Manager chain", (size_t)-1);
		for (size_t i = 0; i < ch.people.n; i++)
			ui_person_row(out, ch.people.v[i], NULL);
		if (ch.dangling && (rw = rows_add(out, ROW_DANGLING, STYLE_DIM, 1))) {
			rw->cells[0] = ch.dangling;
			rw->cells[1] = "not in the roster";
			rw->copy = ch.dangling;
		}
		if (ch.cycle && (rw = rows_add(out, ROW_TEXT, STYLE_WARNING, 1)))
			rw->cells[0] = "(reports_to loops back here)";
	}
	org_rows(out, t, p);
	size_t n;
	const size_t *reps = roster_reports(t->r, p, &n);
	if (n) {
		ui_heading(out, "Direct reports", n);
		for (size_t i = 0; i < n; i++)
			ui_person_row(out, &t->r->people[reps[i]], NULL);
	}
	const membership *ms = resolve_person_groups(t->rs, p, &n);
	if (ms && n) {
		ui_heading(out, "Groups", n);
		for (size_t i = 0; i < n; i++)
			if ((rw = rows_add(out, ROW_GROUP, STYLE_NORMAL, 1))) {
				rw->item = ms[i].group;
				rw->id = ms[i].group->id;
				rw->cells[0] = ms[i].group->name;
				rw->cells[1] = resolve_membership_name(&ms[i]);
				rw->copy = ms[i].group->id;
			}
	}
	text_list(out, "Expertise", &p->expertise);
	text_list(out, "Domain expertise", &p->domain_expertise);
	if (p->nprojects) {
		ui_heading(out, "Projects", p->nprojects);
		for (size_t i = 0; i < p->nprojects; i++)
			if ((rw = rows_add(out, ROW_TEXT, STYLE_NORMAL, 1))) {
				rw->cells[0] = p->projects[i].project;
				rw->cells[1] = rows_own(out, roster_project_roles_text(&p->projects[i].roles));
			}
	}
}

static bool build(view *v, tui *t)
{
	const person *p = roster_person(t->r, v->subject);
	if (!p)
		return false;
	rows_clear(&v->rows);
	v->built_w = ui_columns();
	view_person_rows(&v->rows, t, p, v->built_w);
	return true;
}

static char *title(view *v, tui *t)
{
	const person *p = roster_person(t->r, v->subject);
	return ui_concat("People \u203a ", p ? ui_person_name(p) : v->subject);
}

const view_ops view_person_ops = {
	.name = "person", .build = build, .title = title, .relayout = true,
};

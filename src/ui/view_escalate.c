/* view_escalate.c: whom to ask about a person or a group, in order (`e`):
 * escalate.h's path, one numbered row a step ("1. Name  role  — why"),
 * each with whether they are awake and their local time in the lead
 * column (the glyphs of `a`, shown here whatever its mode: whether each
 * step is awake is the point), the vacant manager a step went over and
 * how the chain ended as dim lines under their step, and the vacancies
 * passed over at the end. Enter opens a step's card; o and y act as on
 * people rows everywhere. The view keeps only its subject ("person SLUG"
 * or "group ID": a group's id may be someone's slug too) and builds the
 * path again from the roster each time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "teamtui/escalate.h"
#include "teamtui/textwidth.h"
#include "teamtui/ui.h"

static const char person_prefix[] = "person ", group_prefix[] = "group ";

char *ui_escalate_subject(const person *p, const group *g)
{
	return g ? ui_concat(group_prefix, g->id) : p ? ui_concat(person_prefix, p->slug) : NULL;
}

/* The person or group a subject names now; false when it is gone. */
static bool subject_of(tui *t, const char *subject, const person **p, const group **g)
{
	*p = NULL;
	*g = NULL;
	if (!subject)
		return false;
	if (!strncmp(subject, person_prefix, sizeof(person_prefix) - 1))
		*p = roster_person(t->r, subject + sizeof(person_prefix) - 1);
	else if (!strncmp(subject, group_prefix, sizeof(group_prefix) - 1))
		*g = roster_group(t->r, subject + sizeof(group_prefix) - 1);
	return *p || *g;
}

/* The id in a subject, for the title when the subject is gone. */
static const char *subject_id(const char *subject)
{
	const char *space = subject ? strchr(subject, ' ') : NULL;
	return space ? space + 1 : subject ? subject : "";
}

char *ui_escalate_ask_now(tui *t, const group *g)
{
	escalate_path path;
	if (!escalate_group(t->r, t->rs, g, NULL, &path))
		return NULL;
	char buf[600];
	size_t i = 0;
	while (i < path.n && ui_awake_state(t, path.steps[i].person, NULL) != AWAKE_YES)
		i++;
	if (!path.n)
		snprintf(buf, sizeof(buf), "nobody to ask: no manager row and no counterparts");
	else if (i < path.n)
		snprintf(buf, sizeof(buf), "ask now: %s (%s)", ui_person_name(path.steps[i].person),
			 path.steps[i].why ? path.steps[i].why : "");
	else
		snprintf(buf, sizeof(buf), "nobody on the path is awake now");
	escalate_free(&path);
	return strdup(buf);
}

/* A dim line under a step, lined up with the step's name (its lead
 * column left blank, the number's width skipped). */
static void note_row(rows *out, int num, const char *text)
{
	row *rw = text ? rows_add(out, ROW_TEXT, STYLE_DIM, 1) : NULL;
	if (!rw)
		return;
	rw->lead = "";
	char *s = malloc((size_t)num + 3 + strlen(text) + 1);
	if (s)
		sprintf(s, "%*s  %s", num, "", text);
	rw->cells[0] = s ? rows_own(out, s) : text;
}

static char *name_slug(const char *prefix, const person *p)
{
	const char *name = ui_person_name(p);
	size_t n = strlen(prefix) + strlen(name) + strlen(p->slug) + 4;
	char *s = malloc(n);
	if (s)
		snprintf(s, n, "%s%s (%s)", prefix, name, p->slug);
	return s;
}

/* The lead of a step: "\u25cf 14:05 Wed", "\u25cb 03:05 Thu", "?". */
static void step_lead(const escalate_step *st, char *buf, size_t size, row_style *style)
{
	ui_awake_lead_text(st->timed ? st->time.awake : AWAKE_UNKNOWN,
			   st->timed && st->time.known ? &st->time.local.tm : NULL, buf, size, style);
}

/* The role, cut to `max` columns (the why after it is the point of the
 * row: the role gives way to it). */
static const char *role_cell(rows *out, const person *p, int max)
{
	const char *role = p->role ? p->role : "";
	if (ui_cell_width(role) <= max)
		return role;
	size_t size = strlen(role) + 8;
	char *cut = malloc(size);
	if (!cut)
		return role;
	textwidth_fit(role, (size_t)max, cut, size);
	return rows_own(out, cut);
}

static void step_row(rows *out, const escalate_step *st, size_t i, int num, int role_max)
{
	const person *p = st->person;
	row *rw = rows_add(out, ROW_PERSON, STYLE_NORMAL, 1);
	if (!rw)
		return;
	char buf[600];
	row_style ls;
	step_lead(st, buf, sizeof(buf), &ls);
	rw->lead = rows_own(out, strdup(buf));
	rw->lead_style = ls;
	rw->item = p;
	rw->id = p->slug;
	snprintf(buf, sizeof(buf), "%*zu. %s", num, i + 1, ui_person_name(p));
	rw->cells[0] = rows_own(out, strdup(buf));
	rw->cells[1] = role_cell(out, p, role_max);
	rw->cells[2] = rows_own(out, ui_concat("\u2014 ", st->why ? st->why : ""));
	rw->cells[3] = !p->public_ ? "not public" : NULL;
	rw->copy = p->gitlab ? rows_own(out, ui_concat("@", p->gitlab)) : p->slug;
	if (p->gitlab) /* o: their GitLab profile, as on a people row */
		rw->url = rows_own(out, ui_concat("https://gitlab.com/", p->gitlab));
}

static void text_row(rows *out, row_style style, int indent, const char *text)
{
	row *rw = rows_add(out, ROW_TEXT, style, indent);
	if (rw)
		rw->cells[0] = rows_own(out, strdup(text));
}

static bool build(view *v, tui *t)
{
	const person *p;
	const group *g;
	if (!subject_of(t, v->subject, &p, &g))
		return false;
	rows_clear(&v->rows);
	const awake_ctx *aw = ui_awake_now(t);
	escalate_path path;
	if (!(g ? escalate_group(t->r, t->rs, g, aw, &path)
		: escalate_person(t->r, t->rs, p, aw, &path))) {
		text_row(&v->rows, STYLE_ERROR, 0, "out of memory");
		return true;
	}
	char at[32] = "?", line[300];
	struct tm tm;
	time_t now = aw ? tz_clock_time(aw->clock) : ui_now();
	if (localtime_r(&now, &tm))
		strftime(at, sizeof(at), "%H:%M %Z", &tm);
	snprintf(line, sizeof(line),
		 "Whom to ask, in order \u00b7 at %s: \u25cf in working hours, \u25cb off hours, "
		 "? no known time zone", at);
	text_row(&v->rows, STYLE_DIM, 0, line);
	rows_add(&v->rows, ROW_TEXT, STYLE_NORMAL, 0);
	int num = path.n >= 10 ? 2 : 1;
	/* the columns' widths as ui_draw_rows will find them, for the room
	 * left to the roles: the lead, "10. Name", the why */
	int lead_w = 0, name_w = 0, why_w = 0, w = v->built_w = ui_columns();
	for (size_t i = 0; i < path.n; i++) {
		char buf[64];
		row_style ls;
		step_lead(&path.steps[i], buf, sizeof(buf), &ls);
		int lw = ui_cell_width(buf), nw = num + 2 + ui_cell_width(ui_person_name(path.steps[i].person)),
		    ww = 2 + ui_cell_width(path.steps[i].why ? path.steps[i].why : "");
		lead_w = lw > lead_w ? lw : lead_w;
		name_w = nw > name_w ? nw : name_w;
		why_w = ww > why_w ? ww : why_w;
	}
	for (size_t i = 0; i < path.nskipped; i++) { /* listed under the steps */
		int nw = ui_cell_width(ui_person_name(path.skipped[i]));
		name_w = nw > name_w ? nw : name_w;
	}
	int name_cap = (w - lead_w - 2) / 5 > 24 ? (w - lead_w - 2) / 5 : 24; /* ui_draw_rows' cap */
	name_w = name_w < name_cap ? name_w : name_cap;
	int role_max = w - 2 - (lead_w + 2) - (name_w + 2) - (why_w + 2) - 2;
	role_max = role_max > 16 ? role_max : 16;
	for (size_t i = 0; i < path.n; i++) {
		const escalate_step *st = &path.steps[i];
		step_row(&v->rows, st, i, num, role_max);
		if (st->over_vacancy)
			note_row(&v->rows, num,
				 rows_own(&v->rows, name_slug("over a vacancy: ", st->over_vacancy)));
		if (st->note)
			note_row(&v->rows, num, rows_own(&v->rows, strdup(st->note)));
	}
	if (path.end == ESCALATE_END_NO_MANAGER)
		text_row(&v->rows, STYLE_DIM, 1,
			 path.n ? "(no manager: the group's team table has no manager row)"
				: "nobody to ask: the group's team table has no manager row, "
				  "and it has no counterparts");
	else if (!path.n)
		text_row(&v->rows, STYLE_DIM, 1, "nobody to ask");
	if (path.nskipped) {
		ui_heading(&v->rows, "Not asked (vacancies)", (size_t)-1);
		for (size_t i = 0; i < path.nskipped; i++) {
			const person *sk = path.skipped[i];
			row *rw = rows_add(&v->rows, ROW_PERSON, STYLE_NORMAL, 1);
			if (!rw)
				break;
			rw->lead = ""; /* lined up with the steps' names */
			rw->quiet = true;
			rw->item = sk;
			rw->id = rw->copy = sk->slug;
			rw->cells[0] = ui_person_name(sk);
			rw->cells[1] = role_cell(&v->rows, sk, role_max);
			rw->cells[2] = "\u2014 vacancy";
		}
	}
	escalate_free(&path);
	return true;
}

static char *title(view *v, tui *t)
{
	const person *p;
	const group *g;
	subject_of(t, v->subject, &p, &g);
	const char *name = g ? (g->name && *g->name ? g->name : g->id)
			   : p ? ui_person_name(p)
			       : subject_id(v->subject);
	return ui_concat("Escalate \u203a ", name);
}

const view_ops view_escalate_ops = {
	.name = "escalation about",
	.build = build,
	.title = title,
	.relayout = true,
	.hint = "Enter: the card \u00b7 o: their GitLab \u00b7 y copies the handle \u00b7 q back",
};

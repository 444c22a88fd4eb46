/* view_changes.c: What's new (`c`): who joined, left, was renamed, moved
 * or got a new title, who entered or left a group, and the tables that
 * became empty or lost their manager row, since the user last looked
 * (ui_changes.c). Each line opens the person or the group; a person who
 * left has no card. Opening the view is looking: the next start's notice
 * counts from here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "teamtui/changes.h"
#include "teamtui/ui.h"

static const char *const headings[CHANGE_NKINDS] = {
	[CHANGE_JOINED] = "Joined",
	[CHANGE_LEFT] = "Left",
	[CHANGE_RENAMED] = "Renamed",
	[CHANGE_MOVED] = "Moved (new manager)",
	[CHANGE_TITLE] = "New title",
	[CHANGE_GROUP_ENTERED] = "Entered a group",
	[CHANGE_GROUP_LEFT] = "Left a group",
	[CHANGE_TABLE_EMPTIED] = "Tables that became empty",
	[CHANGE_TABLE_LOST_MANAGER] = "Tables that lost their manager row",
};

static char *printf_dup(const char *fmt, const char *a, const char *b)
{
	size_t n = strlen(fmt) + strlen(a) + strlen(b) + 1;
	char *s = malloc(n);
	if (s)
		snprintf(s, n, fmt, a, b);
	return s;
}

static const char *table_name(const change *c)
{
	return c->table == DIGEST_COUNTERPARTS ? "counterparts" : "members";
}

/* One change as a row: a person (or a group) that Enter opens. */
static void change_row(rows *out, tui *t, const change *c)
{
	bool table = c->kind == CHANGE_TABLE_EMPTIED || c->kind == CHANGE_TABLE_LOST_MANAGER;
	const person *p = c->slug ? roster_person(t->r, c->slug) : NULL;
	const group *g = c->group ? roster_group(t->r, c->group) : NULL;
	row_kind kind = table ? (g ? ROW_GROUP : ROW_DANGLING)
			: p   ? ROW_PERSON
			      : ROW_DANGLING; /* left: no card */
	row *rw = rows_add(out, kind, STYLE_NORMAL, 1);
	if (!rw)
		return;
	rw->item = table ? (const void *)g : (const void *)p;
	rw->id = table ? c->group : c->slug;
	rw->copy = rw->id;
	const char *who = c->name && *c->name ? c->name : c->slug ? c->slug : "";
	const char *gname = c->group_name && *c->group_name ? c->group_name
							       : c->group ? c->group : "";
	rw->cells[0] = table ? gname : who;
	const char *o = c->old_value && *c->old_value ? c->old_value : "nobody";
	const char *n = c->new_value && *c->new_value ? c->new_value : "nobody";
	char *what = NULL;
	switch (c->kind) {
	case CHANGE_JOINED:
		what = p && p->reports_to ? printf_dup("%s, reports to %s", p->role ? p->role : "",
						      p->reports_to)
					  : strdup(p && p->role ? p->role : "");
		break;
	case CHANGE_LEFT:
		what = printf_dup("(%s) left the roster%s", c->slug, "");
		break;
	case CHANGE_RENAMED:
		what = printf_dup("slug %s \u2192 %s", c->old_value, c->new_value);
		break;
	case CHANGE_MOVED:
		what = printf_dup("reports to %s \u2192 %s", o, n);
		break;
	case CHANGE_TITLE:
		what = printf_dup("%s \u2192 %s", c->old_value, c->new_value);
		break;
	case CHANGE_GROUP_ENTERED:
	case CHANGE_GROUP_LEFT:
		what = printf_dup(c->kind == CHANGE_GROUP_ENTERED ? "entered %s (%s)" : "left %s (%s)",
				  gname, table_name(c));
		break;
	case CHANGE_TABLE_EMPTIED:
		what = printf_dup("the %s table lists nobody now%s", table_name(c), "");
		break;
	case CHANGE_TABLE_LOST_MANAGER:
		what = printf_dup("the %s table has no manager row now%s", table_name(c), "");
		break;
	default:
		break;
	}
	rw->cells[1] = what ? rows_own(out, what) : "";
	if (c->file && *c->file) { /* where the table's call is */
		char at[32];
		snprintf(at, sizeof(at), ":%d", c->line);
		rw->cells[2] = rows_own(out, printf_dup("%s%s", c->file, c->line > 0 ? at : ""));
		rw->file = c->file;
		rw->line = c->line;
	}
}

static void text_row(rows *out, row_style style, char *text)
{
	row *rw = rows_add(out, ROW_TEXT, style, 0);
	if (rw)
		rw->cells[0] = rows_own(out, text);
	else
		free(text);
}

static bool build(view *v, tui *t)
{
	rows_clear(&v->rows);
	time_t since;
	ui_changes_from from;
	const char *why;
	const change_list *cl = ui_changes_list(t, &since, &from, &why);
	char when[64] = "", line[256];
	if (since)
		ui_when_text(since, ui_now(), when, sizeof(when));
	if (!cl) {
		if (why)
			snprintf(line, sizeof(line), "No changes to show: %s", why);
		else
			snprintf(line, sizeof(line), "No earlier version of this roster yet: "
						     "teamtui records one each time it loads it.");
		text_row(&v->rows, why ? STYLE_WARNING : STYLE_DIM, strdup(line));
		return true;
	}
	const char *s = cl->n == 1 ? "" : "s";
	if (from == UI_CHANGES_SINCE_LOOKED)
		snprintf(line, sizeof(line), "Since you last looked (%s): %zu change%s", when,
			 cl->n, s);
	else if (from == UI_CHANGES_SINCE_FIRST)
		snprintf(line, sizeof(line), "Since teamtui first recorded this roster (%s): %zu change%s",
			 when, cl->n, s);
	else
		snprintf(line, sizeof(line),
			 "Nothing new since you last looked; the last change (since %s): %zu change%s",
			 when, cl->n, s);
	text_row(&v->rows, STYLE_HEADING, strdup(line));
	for (int k = 0; k < CHANGE_NKINDS; k++) {
		if (!cl->count[k])
			continue;
		ui_heading(&v->rows, headings[k], cl->count[k]);
		for (size_t i = 0; i < cl->n; i++)
			if (cl->v[i].kind == (change_kind)k)
				change_row(&v->rows, t, &cl->v[i]);
	}
	if (!cl->n)
		text_row(&v->rows, STYLE_DIM, strdup("No changes."));
	return true;
}

static void init(view *v, tui *t)
{
	(void)v;
	ui_changes_looked(t); /* the notice counts from here next time */
}

static char *title(view *v, tui *t)
{
	(void)v;
	(void)t;
	return strdup("What's new");
}

/* Enter on a person who left (or a group that is gone): no card to open,
 * say so; the rest as everywhere. */
static bool request_changes(view *v, tui *t, request req)
{
	if (req != REQ_ENTER && req != REQ_OPEN && req != REQ_EXPAND)
		return false;
	const row *rw = v->rows.cursor < v->rows.n ? &v->rows.v[v->rows.cursor] : NULL;
	if (!rw || rw->kind != ROW_DANGLING)
		return false;
	ui_message(t, STYLE_WARNING, "%s is not in the roster any more", rw->cells[0]);
	return true;
}

const view_ops view_changes_ops = {
	.name = "changes",
	.build = build,
	.init = init,
	.request = request_changes,
	.title = title,
	.hint = "Enter opens the person or group \u00b7 q back",
};

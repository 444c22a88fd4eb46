/* view_diags.c: what `teamtui check` reports, line for line: the loader's
 * diagnostics and the lints (check_report), compiler style, in file order,
 * files named where an editor started here opens them. */
#include <stdlib.h>
#include <string.h>

#include "teamtui/check.h"
#include "teamtui/ui.h"

/* Built afresh each time (opened, reloaded, rebuilt): the lints belong to
 * the roster on screen, and nothing here points into it. */
static bool build(view *v, tui *t)
{
	rows_clear(&v->rows);
	v->built_w = ui_columns();
	diag_list rep;
	char *cwd = check_cwd();
	check_report(t->input, t->r, &t->diags, cwd, &rep);
	free(cwd);
	char head[128];
	snprintf(head, sizeof(head), "%zu error%s, %zu warning%s in %s",
		 rep.errors, rep.errors == 1 ? "" : "s", rep.warnings,
		 rep.warnings == 1 ? "" : "s", t->dir);
	row *rw = rows_add(&v->rows, ROW_TEXT, STYLE_HEADING, 0);
	if (rw)
		rw->cells[0] = rows_own(&v->rows, strdup(head));
	for (size_t i = 0; i < rep.count; i++) {
		const diag *d = &rep.items[i];
		char *line = diag_line(d); /* as `check` prints it */
		char *file = d->file[0] ? strdup(d->file) : NULL;
		row_style style = d->severity == DIAG_ERROR ? STYLE_ERROR : STYLE_WARNING;
		size_t first = v->rows.n;
		/* the whole line, wrapped to the width (later lines indented):
		 * the first is the one to select, copy and open */
		if (line)
			ui_wrap(&v->rows, line, v->built_w - 2, style, 0);
		if (line && v->rows.n > first) {
			rw = &v->rows.v[first];
			rw->kind = ROW_CHANNEL;
			rw->copy = rows_own(&v->rows, line);
			rw->file = file ? rows_own(&v->rows, file) : NULL;
			rw->line = d->line;
			rw->column = d->column;
			for (size_t k = first + 1; k < v->rows.n; k++)
				v->rows.v[k].indent = 1;
			line = file = NULL;
		}
		free(line);
		free(file);
	}
	if (rep.suppressed) { /* as `check` says it */
		char more[64];
		snprintf(more, sizeof(more), "(%zu more not shown)", rep.suppressed);
		if ((rw = rows_add(&v->rows, ROW_TEXT, STYLE_DIM, 0)))
			rw->cells[0] = rows_own(&v->rows, strdup(more));
	}
	diag_free(&rep);
	return true;
}

static char *title(view *v, tui *t)
{
	(void)v;
	(void)t;
	return strdup("Roster errors and warnings");
}

/* Enter (or o) on a diagnostic: $EDITOR at its file:line:column. */
static bool request_diags(view *v, tui *t, request req)
{
	if (req != REQ_ENTER && req != REQ_OPEN && req != REQ_EXPAND)
		return false;
	const row *rw = v->rows.cursor < v->rows.n ? &v->rows.v[v->rows.cursor] : NULL;
	if (!rw || !rw->file) {
		ui_message(t, STYLE_WARNING, "no file to open here");
		return true;
	}
	ui_edit(t, rw->file, rw->line, rw->column);
	return true;
}

const view_ops view_diags_ops = {
	.name = "warnings",
	.build = build,
	.request = request_diags,
	.title = title,
	.relayout = true,
	.hint = "Enter opens $EDITOR at the line \u00b7 y copies \u00b7 q back",
};

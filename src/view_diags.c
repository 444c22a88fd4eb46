/* view_diags.c: what the loader reported, compiler style, in file order. */
#include <stdlib.h>
#include <string.h>

#include "teamtui/ui.h"

static bool build(view *v, tui *t)
{
	rows_clear(&v->rows);
	diag_sort(&t->diags);
	char head[128];
	snprintf(head, sizeof(head), "%zu error%s, %zu warning%s in %s",
		 t->diags.errors, t->diags.errors == 1 ? "" : "s", t->diags.warnings,
		 t->diags.warnings == 1 ? "" : "s", t->dir);
	row *rw = rows_add(&v->rows, ROW_TEXT, STYLE_HEADING, 0);
	if (rw)
		rw->cells[0] = rows_own(&v->rows, strdup(head));
	for (size_t i = 0; i < t->diags.count; i++) {
		char *line = diag_string(&t->diags.items[i]);
		if ((rw = rows_add(&v->rows, ROW_CHANNEL,
				   t->diags.items[i].severity == DIAG_ERROR ? STYLE_ERROR
									    : STYLE_WARNING,
				   0))) {
			rw->cells[0] = rw->copy = rows_own(&v->rows, line);
			line = NULL;
		}
		free(line);
	}
	return true;
}

static char *title(view *v, tui *t)
{
	(void)v;
	(void)t;
	return strdup("Roster errors and warnings");
}

const view_ops view_diags_ops = {
	.name = "warnings", .build = build, .title = title,
};

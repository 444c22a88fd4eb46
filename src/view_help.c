/* view_help.c: the keys, generated from the key table itself. */
#include <stdlib.h>
#include <string.h>

#include "teamtui/ui.h"

static bool build(view *v, tui *t)
{
	(void)t;
	rows_clear(&v->rows);
	row *rw = rows_add(&v->rows, ROW_TEXT, STYLE_HEADING, 0);
	if (rw)
		rw->cells[0] = "Keys";
	for (const key_binding *k = keys_table; k->name; k++) {
		if (!k->help)
			continue; /* an alias: listed with the first key */
		char names[128];
		keys_names(k->req, names, sizeof(names));
		if ((rw = rows_add(&v->rows, ROW_CHANNEL, STYLE_NORMAL, 1))) {
			rw->cells[0] = rows_own(&v->rows, strdup(names));
			rw->cells[1] = k->help;
		}
	}
	rows_add(&v->rows, ROW_TEXT, STYLE_NORMAL, 0);
	if ((rw = rows_add(&v->rows, ROW_TEXT, STYLE_DIM, 0)))
		rw->cells[0] = "On the directory, typing starts a search.";
	if ((rw = rows_add(&v->rows, ROW_TEXT, STYLE_DIM, 0)))
		rw->cells[0] = "There only j k h l g G n N q ? / : ! keep their meaning; Ctrl-R reloads.";
	if ((rw = rows_add(&v->rows, ROW_TEXT, STYLE_DIM, 0)))
		rw->cells[0] = "Esc, q or Backspace closes this help.";
	return true;
}

static char *title(view *v, tui *t)
{
	(void)v;
	(void)t;
	return strdup("Help");
}

static bool request_help(view *v, tui *t, request req)
{
	(void)v;
	if (req == REQ_QUIT || req == REQ_HELP) { /* q closes the help only */
		ui_back(t);
		return true;
	}
	return false;
}

static const view_ops help_ops = {
	.name = "help", .build = build, .request = request_help, .title = title,
};

view *view_help_new(tui *t)
{
	return ui_view_new(t, &help_ops, NULL, 0);
}

/* keys.c: the key table. Order is the order of the help screen. */
#include "teamtui/keys.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#define CTRL(c) ((c) & 0x1f)

const key_binding keys_table[] = {
	{'j', REQ_DOWN, "j", "move down"},
	{KEY_DOWN, REQ_DOWN, "Down", NULL},
	{'k', REQ_UP, "k", "move up"},
	{KEY_UP, REQ_UP, "Up", NULL},
	{KEY_NPAGE, REQ_PAGE_DOWN, "PgDn", "page down"},
	{' ', REQ_PAGE_DOWN, "Space", NULL},
	{KEY_PPAGE, REQ_PAGE_UP, "PgUp", "page up"},
	{CTRL('d'), REQ_HALF_DOWN, "Ctrl-D", "half a page down"},
	{CTRL('u'), REQ_HALF_UP, "Ctrl-U", "half a page up"},
	{'g', REQ_TOP, "g", "first line"},
	{KEY_HOME, REQ_TOP, "Home", NULL},
	{'G', REQ_BOTTOM, "G", "last line"},
	{KEY_END, REQ_BOTTOM, "End", NULL},
	{'\n', REQ_ENTER, "Enter", "open the selected group, person or section"},
	{'\r', REQ_ENTER, "Enter", NULL},
	{KEY_ENTER, REQ_ENTER, "Enter", NULL},
	{'l', REQ_EXPAND, "l", "expand (tree) or open"},
	{KEY_RIGHT, REQ_EXPAND, "Right", NULL},
	{'h', REQ_COLLAPSE, "h", "collapse (tree) or go back"},
	{KEY_LEFT, REQ_COLLAPSE, "Left", NULL},
	{KEY_BACKSPACE, REQ_BACK, "Backspace", "go back to where you were; cancel a prompt"},
	{27, REQ_BACK, "Esc", NULL},
	{127, REQ_BACK, "Backspace", NULL},
	{CTRL('h'), REQ_BACK, "Backspace", NULL},
	{'\t', REQ_NEXT_PANE, "Tab", "next pane or section"},
	{KEY_BTAB, REQ_PREV_PANE, "Shift-Tab", "previous pane or section"},
	{'s', REQ_FIND, "s", "who do I ask? search people and groups (or type on the directory)"},
	{CTRL('f'), REQ_FIND, "Ctrl-F", NULL},
	{'/', REQ_SEARCH, "/", "search this list (the tree: every group)"},
	{'n', REQ_SEARCH_NEXT, "n", "next match"},
	{'N', REQ_SEARCH_PREV, "N", "previous match"},
	{'p', REQ_JUMP_PERSON, "p", "jump to a person by name or handle"},
	{':', REQ_JUMP_PERSON, ":", NULL},
	{'P', REQ_PEOPLE, "P", "everyone: the people list"},
	{'f', REQ_FILTER, "f", "filter the people list"},
	{'S', REQ_SORT, "S", "sort the people list (name, role, manager)"},
	{'R', REQ_SORT_REVERSE, "R", "reverse the sort"},
	{'y', REQ_COPY, "y", "copy the selected handle, channel, label or URL"},
	{'o', REQ_OPEN, "o", "open the selected link ($BROWSER or xdg-open)"},
	{'r', REQ_RELOAD, "r", "reload the roster"},
	{CTRL('r'), REQ_RELOAD, "Ctrl-R", NULL},
	{'w', REQ_WARNINGS, "w", "roster errors and warnings"},
	{'!', REQ_WARNINGS, "!", NULL},
	{'?', REQ_HELP, "?", "this help"},
	{CTRL('l'), REQ_REDRAW, "Ctrl-L", "redraw the screen"},
	{'q', REQ_QUIT, "q", "quit"},
	{CTRL('z'), REQ_SUSPEND, "Ctrl-Z", "suspend (fg resumes)"},
	{0, REQ_NONE, NULL, NULL},
};

request keys_lookup(int code, bool fn)
{
	/* a typed U+0102 must not be taken for KEY_DOWN (0402) */
	for (const key_binding *k = keys_table; k->name; k++)
		if (k->key == code && (k->key >= KEY_MIN) == fn)
			return k->req;
	return REQ_NONE;
}

const char *keys_names(request req, char *buf, unsigned long size)
{
	size_t o = 0;
	buf[0] = '\0';
	for (const key_binding *k = keys_table; k->name; k++) {
		if (k->req != req)
			continue;
		/* the same name twice (Enter for \n, \r, KEY_ENTER) shows once */
		const key_binding *prev = keys_table;
		while (prev < k && !(prev->req == req && !strcmp(prev->name, k->name)))
			prev++;
		if (prev < k)
			continue;
		int n = snprintf(buf + o, size - o, "%s%s", o ? ", " : "", k->name);
		if (n < 0 || (size_t)n >= size - o)
			break;
		o += (size_t)n;
	}
	return buf;
}

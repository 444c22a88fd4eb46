/* keys.c: the key table. Order is the order of the help screen: what
 * leaves and goes back first (the first screen of the help at 80x24 must
 * say how to get out), then moving, finding, acting, prompts, the mouse. */
#include "teamtui/keys.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#define CTRL(c) ((c) & 0x1f)
#define L KEYS_LIST
#define P KEYS_PROMPT
#define M KEYS_MOUSE

const key_binding keys_table[] = {
	{'q', REQ_QUIT, "q", "go back; on the directory, quit", "Leaving and going back", L},
	{'Q', REQ_QUIT_ALL, "Q", "quit from anywhere", NULL, L},
	{27, REQ_CANCEL, "Esc", "step back: leave the prompt, clear the filter, go back", NULL, L},
	{KEY_BACKSPACE, REQ_BACK, "Backspace", "go back to where you were", NULL, L},
	{127, REQ_BACK, "Backspace", NULL, NULL, L},
	{CTRL('h'), REQ_BACK, "Backspace", NULL, NULL, L},
	{'[', REQ_BACK, "[", NULL, NULL, L},
	{CTRL('o'), REQ_BACK, "Ctrl-O", NULL, NULL, L},
	{']', REQ_FORWARD, "]", "forward again (after going back)", NULL, L},
	{'?', REQ_HELP, "?", "this help (q or Esc closes it)", NULL, L},

	{'j', REQ_DOWN, "j", "move down", "Moving", L},
	{KEY_DOWN, REQ_DOWN, "Down", NULL, NULL, L},
	{'k', REQ_UP, "k", "move up", NULL, L},
	{KEY_UP, REQ_UP, "Up", NULL, NULL, L},
	{KEY_NPAGE, REQ_PAGE_DOWN, "PgDn", "page down", NULL, L},
	{' ', REQ_PAGE_DOWN, "Space", NULL, NULL, L},
	{KEY_PPAGE, REQ_PAGE_UP, "PgUp", "page up", NULL, L},
	{CTRL('d'), REQ_HALF_DOWN, "Ctrl-D", "half a page down", NULL, L},
	{CTRL('u'), REQ_HALF_UP, "Ctrl-U", "half a page up", NULL, L},
	{'g', REQ_TOP, "g", "first line", NULL, L},
	{KEY_HOME, REQ_TOP, "Home", NULL, NULL, L},
	{'G', REQ_BOTTOM, "G", "last line", NULL, L},
	{KEY_END, REQ_BOTTOM, "End", NULL, NULL, L},
	{'\t', REQ_NEXT_PANE, "Tab", "next pane or section", NULL, L},
	{KEY_BTAB, REQ_PREV_PANE, "Shift-Tab", "previous pane or section", NULL, L},
	{'\n', REQ_ENTER, "Enter", "open it: a card, a link, a label, a channel", NULL, L},
	{'\r', REQ_ENTER, "Enter", NULL, NULL, L},
	{KEY_ENTER, REQ_ENTER, "Enter", NULL, NULL, L},
	{'l', REQ_EXPAND, "l", "expand (tree) or open", NULL, L},
	{KEY_RIGHT, REQ_EXPAND, "Right", NULL, NULL, L},
	{'h', REQ_COLLAPSE, "h", "collapse (tree) or go back", NULL, L},
	{KEY_LEFT, REQ_COLLAPSE, "Left", NULL, NULL, L},

	{'s', REQ_FIND, "s", "who do I ask? search people and groups", "Finding", L},
	{CTRL('f'), REQ_FIND, "Ctrl-F", NULL, NULL, L},
	{-1, REQ_NONE, "a-z", "on the directory, a letter with no key of its own starts it too", NULL, P},
	{'/', REQ_SEARCH, "/", "search this list (the tree: every group)", NULL, L},
	{'n', REQ_SEARCH_NEXT, "n", "next match", NULL, L},
	{'N', REQ_SEARCH_PREV, "N", "previous match", NULL, L},
	{'p', REQ_JUMP_PERSON, "p", "jump to a person by name, slug or handle", NULL, L},
	{':', REQ_JUMP_PERSON, ":", NULL, NULL, L},
	{'P', REQ_PEOPLE, "P", "everyone: the people list", NULL, L},
	{'f', REQ_FILTER, "f", "filter the people list", NULL, L},
	{'S', REQ_SORT, "S", "people list: sort by the next column", NULL, L},
	{'R', REQ_SORT_REVERSE, "R", "people list: reverse the sort", NULL, L},
	{'O', REQ_ORG, "O", "the org under this person, as a tree (a group: its manager's)", NULL, L},
	{'a', REQ_AWAKE, "a", "people lists: mark who is awake, then only them, off", NULL, L},
	{'e', REQ_ESCALATE, "e", "whom to ask about it, in order (escalate)", NULL, L},
	{'m', REQ_ME, "m", "me: my card, manager, groups and team", NULL, L},

	{'o', REQ_OPEN, "o", "open the link, label, channel or profile ($BROWSER)", "Acting", L},
	{'y', REQ_COPY, "y", "copy the selected handle, channel, label or URL", NULL, L},
	{'r', REQ_RELOAD, "r", "reload the roster", NULL, L},
	{CTRL('r'), REQ_RELOAD, "Ctrl-R", NULL, NULL, L},
	{'!', REQ_WARNINGS, "!", "what check reports; Enter opens $EDITOR there", NULL, L},
	{'w', REQ_WARNINGS, "w", NULL, NULL, L},
	{'c', REQ_CHANGES, "c", "what's new: who joined, left or moved since you last looked", NULL, L},
	{CTRL('l'), REQ_REDRAW, "Ctrl-L", "redraw the screen", NULL, L},
	{CTRL('z'), REQ_SUSPEND, "Ctrl-Z", "suspend (fg resumes)", NULL, L},

	{-1, REQ_NONE, "Enter", "who: open the selected result; others: done", "In a prompt", P},
	{-1, REQ_NONE, "Esc", "leave the prompt (a filter or / search: as it was)", NULL, P},
	{-1, REQ_NONE, "Tab", "who: to the results (s comes back)", NULL, P},
	{-1, REQ_NONE, "Left", "a character left or right", NULL, P},
	{-1, REQ_NONE, "Right", NULL, NULL, P},
	{-1, REQ_NONE, "Home", "to the start of the line", NULL, P},
	{-1, REQ_NONE, "Ctrl-A", NULL, NULL, P},
	{-1, REQ_NONE, "End", "to the end of the line", NULL, P},
	{-1, REQ_NONE, "Ctrl-E", NULL, NULL, P},
	{-1, REQ_NONE, "Alt-B", "a word left or right", NULL, P},
	{-1, REQ_NONE, "Alt-F", NULL, NULL, P},
	{-1, REQ_NONE, "Backspace", "delete the character before the cursor", NULL, P},
	{-1, REQ_NONE, "Delete", "delete the character under the cursor", NULL, P},
	{-1, REQ_NONE, "Ctrl-D", NULL, NULL, P},
	{-1, REQ_NONE, "Ctrl-W", "delete the word before (to a space)", NULL, P},
	{-1, REQ_NONE, "Alt-Backspace", "delete the word before (to punctuation)", NULL, P},
	{-1, REQ_NONE, "Ctrl-U", "delete to the start of the line", NULL, P},
	{-1, REQ_NONE, "Ctrl-K", "delete to the end of the line", NULL, P},
	{-1, REQ_NONE, "Up", "the entry before (who: Ctrl-P; Up moves)", NULL, P},
	{-1, REQ_NONE, "Ctrl-P", NULL, NULL, P},
	{-1, REQ_NONE, "Down", "the entry after (who: Ctrl-N)", NULL, P},
	{-1, REQ_NONE, "Ctrl-N", NULL, NULL, P},

	{-1, REQ_NONE, "click", "select; on a pane: focus it", "Mouse (unless mouse: false in the config)", M},
	{-1, REQ_NONE, "double-click", "open", NULL, M},
	{-1, REQ_NONE, "wheel", "scroll", NULL, M},
	{0, REQ_NONE, NULL, NULL, NULL, L},
};

request keys_lookup(int code, bool fn)
{
	/* a typed U+0102 must not be taken for KEY_DOWN (0402) */
	for (const key_binding *k = keys_table; k->name; k++)
		if (k->context == KEYS_LIST && k->key >= 0 && k->key == code &&
		    (k->key >= KEY_MIN) == fn)
			return k->req;
	return REQ_NONE;
}

/* Append ", name" (or "name" first) when it fits whole. */
static void add_name(char *buf, unsigned long size, size_t *o, const char *name)
{
	int n = snprintf(buf + *o, size - *o, "%s%s", *o ? ", " : "", name);
	if (n < 0 || (size_t)n >= size - *o)
		buf[*o] = '\0'; /* cut at a whole name */
	else
		*o += (size_t)n;
}

const char *keys_names(request req, char *buf, unsigned long size)
{
	size_t o = 0;
	buf[0] = '\0';
	for (const key_binding *k = keys_table; k->name; k++) {
		if (k->req != req || k->context != KEYS_LIST || req == REQ_NONE)
			continue;
		/* the same name twice (Enter for \n, \r, KEY_ENTER) shows once */
		const key_binding *prev = keys_table;
		while (prev < k && !(prev->req == req && prev->context == KEYS_LIST &&
				     !strcmp(prev->name, k->name)))
			prev++;
		if (prev < k)
			continue;
		add_name(buf, size, &o, k->name);
	}
	return buf;
}

const char *keys_line_names(const key_binding *k, char *buf, unsigned long size)
{
	if (k->req != REQ_NONE)
		return keys_names(k->req, buf, size);
	size_t o = 0;
	buf[0] = '\0';
	add_name(buf, size, &o, k->name);
	for (const key_binding *a = k + 1; a->name && !a->help && a->req == REQ_NONE; a++)
		add_name(buf, size, &o, a->name);
	return buf;
}

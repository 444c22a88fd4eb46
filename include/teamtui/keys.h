/* keys: every key binding as one table of data. Input dispatch and the
 * help screen both read it, so the help can never drift from the keys. */
#ifndef TEAMTUI_KEYS_H
#define TEAMTUI_KEYS_H

#include <stdbool.h>

typedef enum {
	REQ_NONE,
	REQ_UP, REQ_DOWN, REQ_PAGE_UP, REQ_PAGE_DOWN, REQ_HALF_UP,
	REQ_HALF_DOWN, REQ_TOP, REQ_BOTTOM,
	REQ_ENTER, REQ_BACK, REQ_EXPAND, REQ_COLLAPSE,
	REQ_NEXT_PANE, REQ_PREV_PANE,
	REQ_SEARCH, REQ_SEARCH_NEXT, REQ_SEARCH_PREV, REQ_FIND,
	REQ_JUMP_PERSON, REQ_PEOPLE, REQ_FILTER, REQ_SORT, REQ_SORT_REVERSE,
	REQ_FORWARD, REQ_QUIT_ALL,
	REQ_COPY, REQ_OPEN, REQ_RELOAD, REQ_WARNINGS, REQ_HELP, REQ_QUIT,
	REQ_REDRAW, REQ_SUSPEND,
} request;

typedef struct key_binding {
	int key;	  /* curses key code or character */
	request req;
	const char *name; /* how the help shows the key */
	const char *help; /* NULL: an alias, listed on the first binding's line */
} key_binding;

extern const key_binding keys_table[];

/* The request bound to a key: `fn` for a curses KEY_* code, else a
 * character. REQ_NONE if none. */
request keys_lookup(int code, bool fn);
/* Every key bound to req, joined: "j, Down". */
const char *keys_names(request req, char *buf, unsigned long size);

#endif

/* keys: every key binding as one table of data. Input dispatch and the
 * help screen both read it, so the help can never drift from the keys. */
#ifndef TEAMTUI_KEYS_H
#define TEAMTUI_KEYS_H

#include <stdbool.h>

typedef enum {
	REQ_NONE,
	REQ_UP, REQ_DOWN, REQ_PAGE_UP, REQ_PAGE_DOWN, REQ_HALF_UP,
	REQ_HALF_DOWN, REQ_TOP, REQ_BOTTOM,
	REQ_ENTER, REQ_BACK, REQ_CANCEL, REQ_EXPAND, REQ_COLLAPSE,
	REQ_NEXT_PANE, REQ_PREV_PANE,
	REQ_SEARCH, REQ_SEARCH_NEXT, REQ_SEARCH_PREV, REQ_FIND,
	REQ_JUMP_PERSON, REQ_PEOPLE, REQ_ORG, REQ_AWAKE, REQ_ESCALATE, REQ_ME, REQ_FILTER, REQ_SORT, REQ_SORT_REVERSE,
	REQ_FORWARD, REQ_QUIT_ALL,
	REQ_COPY, REQ_OPEN, REQ_RELOAD, REQ_WARNINGS, REQ_CHANGES, REQ_HELP, REQ_QUIT,
	REQ_REDRAW, REQ_SUSPEND,
} request;

/* Where a binding applies: the lists and cards (dispatched through
 * keys_lookup), or a prompt (the line editor's keys, lineedit_key: listed
 * here for the help only). */
typedef enum { KEYS_LIST, KEYS_PROMPT, KEYS_MOUSE } keys_context;

typedef struct key_binding {
	int key;	  /* curses key code or character; -1: help text only */
	request req;
	const char *name; /* how the help shows the key */
	const char *help; /* NULL: an alias, listed on the first binding's line */
	const char *section; /* set on the first binding of a help section */
	keys_context context;
} key_binding;

/* In help order; ends with an entry whose name is NULL. */
extern const key_binding keys_table[];

/* The request bound to a key in the lists and cards: `fn` for a curses
 * KEY_* code, else a character. REQ_NONE if none. */
request keys_lookup(int code, bool fn);
/* Every key bound to req in the lists, joined: "j, Down" (at most `size`
 * bytes with the NUL; cut at a whole name). Returns buf. */
const char *keys_names(request req, char *buf, unsigned long size);
/* The names of the bindings that share `k`'s help line: k itself and its
 * aliases after it ("Left, Ctrl-B"), for the prompt and mouse sections
 * whose entries have no request. Returns buf. */
const char *keys_line_names(const key_binding *k, char *buf, unsigned long size);

#endif

/* pager: long text on a terminal goes through the user's pager, as git
 * does (git's pager.c and its run-command conventions): $TEAMTUI_PAGER,
 * else $PAGER, else "less"; LESS=FRX (quit at once when it fits, keep the
 * colours, do not clear the screen) and LV=-c when they are unset; "" or
 * "cat" means no pager. */
#ifndef TEAMTUI_PAGER_H
#define TEAMTUI_PAGER_H

#include <stdbool.h>

/* When standard output is a terminal (and TERM is set and not "dumb"),
 * start the pager with `sh -c` and
 * make standard output the pipe to it. True when a pager now reads
 * stdout; false (stdout untouched) when stdout is not a terminal, the
 * pager is "" or "cat", or it could not be started. */
bool pager_start(void);

/* The pager as set: $TEAMTUI_PAGER when set (even to ""), else $PAGER,
 * else "less"; *from is the variable's name (static), or NULL for the
 * default. The text is the environment's own (not copied). */
const char *pager_setting(const char **from);

/* Flush and close the pipe, then wait for the pager to end (the user
 * reads at their pace). A no-op without pager_start(). */
void pager_finish(void);

#endif

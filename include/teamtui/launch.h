/* launch: open a URL in the user's browser, through an argv (never a
 * shell), detached, its output discarded so it cannot scribble over the
 * screen. */
#ifndef TEAMTUI_LAUNCH_H
#define TEAMTUI_LAUNCH_H

/* $BROWSER (its first word is the program), else xdg-open, on `url` (an
 * http or https URL; anything else is EINVAL). The program gets default
 * signal dispositions, an empty signal mask, /dev/null as 0, 1 and 2 and
 * no other descriptor, in a session of its own. Returns 0 once it has
 * started (exec succeeded: what it does then is its own business), or an
 * errno-style code when nothing could be started; *what names the program
 * tried (static storage, valid until the next call). */
int launch_url(const char *url, const char **what);

#endif

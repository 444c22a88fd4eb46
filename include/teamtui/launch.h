/* launch: open a URL in the user's browser, through an argv (never a
 * shell), detached, its output discarded so it cannot scribble over the
 * screen. */
#ifndef TEAMTUI_LAUNCH_H
#define TEAMTUI_LAUNCH_H

/* $BROWSER (its first word is the program), else xdg-open. Returns 0, or
 * an errno-style code when nothing could be started; *what names the
 * program tried. */
int launch_url(const char *url, const char **what);

#endif

/* later: work that happens after a command's answer is out, in a detached
 * process, so that no command waits for it (writing the next start's
 * snapshot, recording the roster's version for `teamtui changes`). */
#ifndef TEAMTUI_LATER_H
#define TEAMTUI_LATER_H

#include <stdbool.h>

/* Should work "later" be done now, in this process, before it exits?
 * True when TEAMTUI_SNAPSHOT_WAIT is set to anything but "" or "0" (tests,
 * which must not race a background writer). */
bool later_inline(void);

/* Fork a detached worker: returns true in the worker (a new session, no
 * terminal, stdin/stdout/stderr on /dev/null, every other descriptor
 * closed: a reader of our output never waits for it), which must end with
 * _exit(0); false in the caller, at once (the intermediate child is
 * reaped), or when fork fails. Buffered output is flushed first, so
 * nothing is written twice. */
bool later_detach(void);

#endif

/* mestate: what `me` (me.h) is found from outside the roster: the
 * confirmed guess kept in ${XDG_STATE_HOME:-$HOME/.local/state}/teamtui/me,
 * $USER, and git's user.email; and the whole resolution, for the command
 * line and the interactive directory. */
#ifndef TEAMTUI_MESTATE_H
#define TEAMTUI_MESTATE_H

#include <stdbool.h>
#include <stddef.h>

#include "teamtui/config.h"
#include "teamtui/diag.h"
#include "teamtui/me.h"
#include "teamtui/roster.h"

/* The state file's path (malloc'd): $XDG_STATE_HOME/teamtui/me when
 * XDG_STATE_HOME is absolute, else $HOME/.local/state/teamtui/me; NULL
 * without either (or out of memory). */
char *mestate_path(void);

/* The confirmed slug: the state file's first line, blanks trimmed
 * (malloc'd), or NULL when there is none (no file, empty). A file that
 * cannot be read, or is no regular file or over 4 KB, is NULL with the
 * reason in err (else err is ""). */
char *mestate_read(char *err, size_t errsize);

/* Keep `slug` as the confirmed one: one line, written to a temporary
 * file beside the state file and renamed over it (atomic: a reader sees
 * the old line or the new, never half), the directories made (0700) as
 * needed, the file 0600. False with the reason in err. */
bool mestate_write(const char *slug, char *err, size_t errsize);

/* `git config user.email`, as git answers in the current directory
 * (stdin /dev/null, stderr discarded): the first line, at most 255
 * bytes read, the child given 2 seconds; malloc'd, or NULL when git is
 * missing, fails, says nothing or takes too long. */
char *mestate_git_email(void);

/* Everything `me` is resolved from, gathered. */
typedef struct mestate {
	config_me_value config; /* config.yml's me: */
	char *confirmed;	/* the state file's slug, or NULL */
	const char *user;	/* $USER, or NULL */
	char *email;		/* git's user.email, or NULL (asked only when
				   the rest name nobody) */
	char email_local[256];	/* its local part, or "" */
	char state_err[512];	/* why the state file could not be read, or "" */
	me_answer answer;
} mestate;

/* Gather and resolve (me_resolve): config (its problems to diags), the
 * state file (a problem reading it in state_err), $USER, and
 * only when those name nobody, git. True when answer.person is someone.
 * Free with mestate_free. */
bool mestate_resolve(const roster *r, mestate *m, diag_list *diags);
void mestate_free(mestate *m);

#endif

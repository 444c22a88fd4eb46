/* me: which person of the roster the user is (issue 13, "Me").
 *
 * Pure: the caller gathers the candidates (config.yml's `me:` with
 * config_me, the confirmed guess from the state file, $USER, the local
 * part of `git config user.email`: src/cli/mestate.c) and this module
 * says whom they name and by which, in this order, the first that gives
 * someone:
 *
 *   1. config.yml's `me:` (ME_FROM_CONFIG). It is the user's word: when
 *      it names nobody, that is the answer (an error for the caller to
 *      say at the key's line), never a guess instead.
 *   2. the confirmed guess (ME_FROM_CONFIRMED): the state file's slug. A
 *      slug that names nobody now (they left, the roster is another) is
 *      passed over (stale_confirmed).
 *   3. $USER (ME_FROM_USER), then 4. the local part of git's user.email
 *      (ME_FROM_GIT_EMAIL): guesses, to be said and confirmed.
 *
 * A candidate names the person whose slug is exactly it, else whose
 * GitLab handle is it (a leading '@' ignored, ASCII case ignored, as
 * GitLab's handles), never a vacancy. The rules' source: issue 13 ("me:
 * a slug or GitLab handle; unset, guess from $USER, then from git's
 * user.email"). */
#ifndef TEAMTUI_ME_H
#define TEAMTUI_ME_H

#include <stdbool.h>

#include "teamtui/roster.h"

typedef enum {
	ME_NONE,	   /* nobody: no candidate names anyone */
	ME_FROM_CONFIG,	   /* config.yml's me: */
	ME_FROM_CONFIRMED, /* the state file: a guess confirmed before */
	ME_FROM_USER,	   /* guessed from $USER */
	ME_FROM_GIT_EMAIL, /* guessed from git config user.email */
} me_source;

typedef struct me_answer {
	const person *person; /* NULL with ME_NONE, and when config_unknown */
	me_source source;
	const char *matched;  /* the candidate that named them (one of the
				 arguments), or NULL */
	bool config_unknown;  /* config_me was given and names nobody */
	bool stale_confirmed; /* the state file's slug names nobody now */
} me_answer;

/* Whom the candidates name in r (each may be NULL or empty: absent).
 * Returns true when out->person is someone; false otherwise (then
 * out->config_unknown says whether me: named nobody, and source is
 * ME_NONE). Pointers in *out point into r or at the arguments. */
bool me_resolve(const roster *r, const char *config_me, const char *confirmed,
		const char *user, const char *email_local, me_answer *out);

/* The person one candidate names (slug, else handle; no vacancy), or
 * NULL. */
const person *me_match(const roster *r, const char *candidate);

/* Is the answer a guess (ME_FROM_USER, ME_FROM_GIT_EMAIL), to be said
 * and confirmed? */
bool me_is_guess(me_source s);

/* "config", "confirmed", "$USER", "git user.email", or "none". */
const char *me_source_name(me_source s);

/* The local part of an e-mail address ("ada.quill" of
 * "Ada.Quill@example.com", as written; blanks around it trimmed) into
 * buf; false when there is none (no '@', empty, or longer than size-1). */
bool me_email_local(const char *email, char *buf, size_t size);

#endif

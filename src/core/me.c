/* me.c: which person the user is (me.h). */
#include "teamtui/me.h"

#include <string.h>
#include <strings.h>

const person *me_match(const roster *r, const char *candidate)
{
	if (!candidate || !*candidate)
		return NULL;
	if (candidate[0] != '@') {
		const person *p = roster_person(r, candidate);
		/* the first person with the slug; a vacancy is nobody to be */
		if (p && p->type != PERSON_VACANCY)
			return p;
	}
	const char *h = candidate[0] == '@' ? candidate + 1 : candidate;
	if (!*h)
		return NULL;
	for (size_t i = 0; i < r->npeople; i++) {
		const person *p = &r->people[i];
		if (p->gitlab && p->type != PERSON_VACANCY && !strcasecmp(p->gitlab, h))
			return p;
	}
	return NULL;
}

bool me_resolve(const roster *r, const char *config_me, const char *confirmed,
		const char *user, const char *email_local, me_answer *out)
{
	memset(out, 0, sizeof(*out));
	if (config_me && *config_me) {
		out->person = me_match(r, config_me);
		out->matched = config_me;
		if (out->person) {
			out->source = ME_FROM_CONFIG;
			return true;
		}
		out->config_unknown = true;
		return false;
	}
	const char *cand[] = {confirmed, user, email_local};
	static const me_source from[] = {ME_FROM_CONFIRMED, ME_FROM_USER,
					 ME_FROM_GIT_EMAIL};
	for (size_t i = 0; i < 3; i++) {
		const person *p = me_match(r, cand[i]);
		if (p) {
			out->person = p;
			out->source = from[i];
			out->matched = cand[i];
			return true;
		}
		if (i == 0 && cand[0] && *cand[0])
			out->stale_confirmed = true;
	}
	return false;
}

bool me_is_guess(me_source s)
{
	return s == ME_FROM_USER || s == ME_FROM_GIT_EMAIL;
}

const char *me_source_name(me_source s)
{
	switch (s) {
	case ME_FROM_CONFIG:
		return "config";
	case ME_FROM_CONFIRMED:
		return "confirmed";
	case ME_FROM_USER:
		return "$USER";
	case ME_FROM_GIT_EMAIL:
		return "git user.email";
	default:
		return "none";
	}
}

bool me_email_local(const char *email, char *buf, size_t size)
{
	if (!email || !size)
		return false;
	while (*email == ' ' || *email == '\t' || *email == '<')
		email++;
	const char *at = strchr(email, '@');
	if (!at || at == email || (size_t)(at - email) >= size)
		return false;
	size_t n = (size_t)(at - email);
	memcpy(buf, email, n);
	buf[n] = '\0';
	return true;
}

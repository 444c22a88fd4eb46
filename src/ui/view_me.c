/* view_me.c: "my" view (`m`): who the user is (mestate.h: config.yml's
 * me:, a confirmed guess, $USER, git's user.email), found once per
 * roster load, and around them: the Me line (name, role, local time:
 * Enter opens the card), my manager, my groups (those whose resolved
 * members or counterparts include me) and my team (direct reports, with
 * who is awake under `a`). A guess is asked about on the status line the
 * first time (y keeps it in the state file, as the CLI does); nobody, or
 * a me: that names nobody, is said there instead of opening the view. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "teamtui/config.h"
#include "teamtui/mestate.h"
#include "teamtui/suggest.h"
#include "teamtui/ui.h"

/* What the resolution found, as text of its own (a reload frees the
 * roster): whom, by which source, and what the messages need. */
struct ui_me {
	bool resolved;
	unsigned gen;	       /* the roster it was resolved on */
	char *slug;	       /* whom me names, or NULL */
	me_source source;
	char *matched;	       /* the candidate that named them */
	bool config_unknown;   /* me: names nobody */
	char *config_value, *config_file;
	int config_line;
	char *user, *email;    /* $USER, git's user.email (NULL: none) */
	char state_err[512];   /* why the state file could not be read */
	char *declined;	       /* a guess the user said is not them */
};

static void me_clear(struct ui_me *m)
{
	free(m->slug);
	free(m->matched);
	free(m->config_value);
	free(m->config_file);
	free(m->user);
	free(m->email);
	char *declined = m->declined;
	memset(m, 0, sizeof(*m));
	m->declined = declined; /* the user's word outlives a reload */
}

void ui_me_free(tui *t)
{
	if (!t->me)
		return;
	me_clear(t->me);
	free(t->me->declined);
	free(t->me);
	t->me = NULL;
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* The resolution for the roster on screen: done once per load. */
static struct ui_me *me_now(tui *t)
{
	if (!t->me && !(t->me = calloc(1, sizeof(*t->me))))
		return NULL;
	struct ui_me *m = t->me;
	if (m->resolved && m->gen == t->roster_gen)
		return m;
	me_clear(m);
	mestate ms;
	diag_list d;
	diag_init(&d);
	mestate_resolve(t->r, &ms, &d); /* me:'s own problems are check's (!) */
	m->resolved = true;
	m->gen = t->roster_gen;
	m->slug = ms.answer.person ? strdup(ms.answer.person->slug) : NULL;
	m->source = ms.answer.source;
	m->matched = dup_or_null(ms.answer.matched);
	m->config_unknown = ms.answer.config_unknown;
	m->config_value = dup_or_null(ms.config.value);
	m->config_file = dup_or_null(ms.config.file);
	m->config_line = ms.config.line;
	m->user = dup_or_null(ms.user);
	m->email = dup_or_null(ms.email);
	snprintf(m->state_err, sizeof(m->state_err), "%s", ms.state_err);
	mestate_free(&ms);
	diag_free(&d);
	return m;
}

/* A path as the user would type it: $HOME as ~ (malloc'd). */
static char *shown_path(const char *path)
{
	const char *home = getenv("HOME");
	size_t n = home ? strlen(home) : 0;
	if (path && n && n > 1 && !strncmp(path, home, n) && path[n] == '/')
		return ui_concat("~", path + n);
	return strdup(path ? path : "config.yml");
}

static void answer(tui *t, bool yes)
{
	struct ui_me *m = t->me;
	if (!m || !m->slug)
		return;
	const person *p = roster_person(t->r, m->slug);
	if (!yes) {
		free(m->declined);
		m->declined = strdup(m->slug);
		char *cfg = config_path(), *shown = shown_path(cfg);
		ui_message(t, STYLE_NORMAL, "put \"me: YOUR-SLUG\" in %s", shown ? shown : "config.yml");
		free(cfg);
		free(shown);
		return;
	}
	char err[512];
	bool kept = mestate_write(m->slug, err, sizeof(err));
	m->source = ME_FROM_CONFIRMED;
	if (!p || !ui_open(t, VIEW_ME, m->slug))
		return;
	if (kept) {
		char *path = mestate_path(), *shown = shown_path(path);
		ui_message(t, STYLE_NORMAL, "kept: you are %s (in %s)", ui_person_name(p),
			   shown ? shown : "the state file");
		free(path);
		free(shown);
	} else {
		ui_message(t, STYLE_WARNING, "me: the guess is not kept: %s", err);
	}
}

/* me: names nobody: said with its file:line and the closest slugs. */
static void say_config_unknown(tui *t, const struct ui_me *m)
{
	const char **all = malloc((t->r->npeople + 1) * sizeof(*all));
	const char *best[3];
	size_t k = 0;
	for (size_t i = 0; all && i < t->r->npeople; i++)
		all[i] = t->r->people[i].slug;
	if (all && m->config_value)
		k = suggest_closest(m->config_value, all, t->r->npeople, best, 3);
	char hint[400] = "";
	size_t o = 0;
	for (size_t i = 0; i < k && o < sizeof(hint); i++)
		o += (size_t)snprintf(hint + o, sizeof(hint) - o, "%s'%s'",
				      i ? ", " : "; did you mean ", best[i]);
	if (k && o < sizeof(hint))
		snprintf(hint + o, sizeof(hint) - o, "?");
	char *shown = shown_path(m->config_file);
	ui_message(t, STYLE_ERROR, "%s:%d: me: '%s' names nobody in the roster (a slug or a GitLab handle)",
		   shown ? shown : "config.yml", m->config_line,
		   m->config_value ? m->config_value : "");
	snprintf(t->status_tail, sizeof(t->status_tail), "%s", hint); /* said in full */
	free(shown);
	free(all);
}

/* Nobody: the CLI's words, how to set me: said in full (the tail). */
static void say_nobody(tui *t, const struct ui_me *m)
{
	char *cfg = config_path(), *shown = shown_path(cfg);
	char user[300] = "", email[300] = "";
	if (m->user)
		snprintf(user, sizeof(user), " '%s'", m->user);
	if (m->email)
		snprintf(email, sizeof(email), " '%s'", m->email);
	ui_message(t, STYLE_WARNING,
		   "me: who you are is not known: no 'me:' in the config file, and neither "
		   "$USER%s nor git's user.email%s names anyone in the roster", user, email);
	snprintf(t->status_tail, sizeof(t->status_tail), "; put \"me: YOUR-SLUG\" in %s",
		 shown ? shown : "config.yml");
	free(cfg);
	free(shown);
}

void ui_me_open(tui *t)
{
	struct ui_me *m = me_now(t);
	if (!m) {
		ui_message(t, STYLE_ERROR, "out of memory");
		return;
	}
	const person *p = m->slug ? roster_person(t->r, m->slug) : NULL;
	if (!p) {
		if (m->config_unknown)
			say_config_unknown(t, m);
		else
			say_nobody(t, m);
		return;
	}
	if (me_is_guess(m->source)) {
		if (m->declined && !strcmp(m->declined, m->slug)) {
			char *cfg = config_path(), *shown = shown_path(cfg);
			ui_message(t, STYLE_NORMAL,
				   "you are not %s (%s), you said: put \"me: YOUR-SLUG\" in %s",
				   ui_person_name(p), p->slug, shown ? shown : "config.yml");
			free(cfg);
			free(shown);
			return;
		}
		ui_ask(t, answer, "Are you %s (%s)? guessed from %s '%s'. y: yes, n: no",
		       ui_person_name(p), p->slug, me_source_name(m->source),
		       m->matched ? m->matched : "");
		return;
	}
	ui_open(t, VIEW_ME, m->slug);
}

/* ---- the view ------------------------------------------------------------ */

/* "14:05 Wed UTC+01:00 · in working hours" at the clock ui_awake_now
 * gives (malloc'd). */
static char *local_text(tui *t, const person *p)
{
	tz_local local;
	awake_state s = ui_awake_state(t, p, &local);
	if (s == AWAKE_UNKNOWN)
		return strdup("time zone unknown");
	char hm[32] = "", off[16], buf[128];
	strftime(hm, sizeof(hm), "%H:%M %a", &local.tm);
	tz_offset_text(local.utc_offset, off, sizeof(off));
	snprintf(buf, sizeof(buf), "%s UTC%s \u00b7 %s", hm, off,
		 s == AWAKE_YES ? "in working hours" : "off hours");
	return strdup(buf);
}

static void text_row(rows *out, row_style style, int indent, char *text)
{
	row *rw = rows_add(out, ROW_TEXT, style, indent);
	if (rw)
		rw->cells[0] = rows_own(out, text);
	else
		free(text);
}

/* Where the answer came from, in words. */
static char *source_text(const struct ui_me *m)
{
	char buf[600];
	char *path = NULL, *shown = NULL;
	switch (m->source) {
	case ME_FROM_CONFIG:
		shown = shown_path(m->config_file);
		snprintf(buf, sizeof(buf), "who you are: from me: in %s", shown ? shown : "config.yml");
		break;
	case ME_FROM_CONFIRMED:
		path = mestate_path();
		shown = shown_path(path);
		snprintf(buf, sizeof(buf), "who you are: a guess you confirmed (%s)",
			 shown ? shown : "the state file");
		break;
	default:
		snprintf(buf, sizeof(buf), "who you are: guessed from %s '%s'",
			 me_source_name(m->source), m->matched ? m->matched : "");
		break;
	}
	free(path);
	free(shown);
	return strdup(buf);
}

static bool build(view *v, tui *t)
{
	const person *p = roster_person(t->r, v->subject);
	if (!p)
		return false;
	rows *out = &v->rows;
	rows_clear(out);
	row *rw = rows_add(out, ROW_TEXT, STYLE_HEADING, 0);
	if (rw)
		rw->cells[0] = "Me";
	const char *lead;
	row_style lead_style;
	ui_awake_lead(t, p, out, &lead, &lead_style, NULL); /* listed, awake or not */
	if ((rw = rows_add(out, ROW_PERSON, STYLE_NORMAL, 1))) {
		rw->lead = lead;
		rw->lead_style = lead_style;
		rw->item = p;
		rw->id = p->slug;
		rw->cells[0] = ui_person_name(p);
		rw->cells[1] = p->role ? p->role : "";
		rw->cells[2] = rows_own(out, local_text(t, p));
		rw->copy = p->gitlab ? rows_own(out, ui_concat("@", p->gitlab)) : p->slug;
		if (p->gitlab)
			rw->url = rows_own(out, ui_concat("https://gitlab.com/", p->gitlab));
	}
	if (t->me && t->me->resolved && t->me->slug && !strcmp(t->me->slug, p->slug))
		text_row(out, STYLE_DIM, 1, source_text(t->me));

	ui_heading(out, "My manager", (size_t)-1);
	const person *mgr = p->reports_to && *p->reports_to ? roster_person(t->r, p->reports_to)
							    : NULL;
	if (mgr) {
		if (!ui_people_row(out, t, mgr, NULL, NULL))
			text_row(out, STYLE_DIM, 1, strdup("not awake now"));
	} else if (p->reports_to && *p->reports_to) {
		if ((rw = rows_add(out, ROW_DANGLING, STYLE_DIM, 1))) {
			rw->cells[0] = p->reports_to;
			rw->cells[1] = "not in the roster";
			rw->copy = p->reports_to;
		}
	} else {
		text_row(out, STYLE_DIM, 1, strdup("nobody: you report to no one (no reports_to)"));
	}

	size_t n, mine = 0;
	const membership *ms = resolve_person_groups(t->rs, p, &n);
	for (size_t i = 0; ms && i < n; i++)
		mine += ms[i].kind != MEMBERSHIP_NAMED;
	ui_heading(out, "My groups", mine);
	for (size_t i = 0; ms && i < n; i++) {
		if (ms[i].kind == MEMBERSHIP_NAMED) /* named by stages.yml only */
			continue;
		if ((rw = rows_add(out, ROW_GROUP, STYLE_NORMAL, 1))) {
			rw->item = ms[i].group;
			rw->id = ms[i].group->id;
			rw->cells[0] = ms[i].group->name && *ms[i].group->name ? ms[i].group->name
									   : ms[i].group->id;
			rw->cells[1] = resolve_membership_name(&ms[i]);
			rw->copy = ms[i].group->id;
		}
	}
	if (!mine)
		text_row(out, STYLE_DIM, 1,
			 strdup("no group's members or counterparts table lists you"));

	const size_t *reps = roster_reports(t->r, p, &n);
	size_t at = ui_people_heading(out, "My team", n);
	awake_count count = {0};
	for (size_t i = 0; i < n; i++)
		ui_people_row(out, t, &t->r->people[reps[i]], NULL, &count);
	ui_people_heading_done(out, t, at, "My team", &count);
	if (!n)
		text_row(out, STYLE_DIM, 1, strdup("nobody reports to you"));
	return true;
}

static char *title(view *v, tui *t)
{
	const person *p = roster_person(t->r, v->subject);
	return ui_concat("Me \u203a ", p ? ui_person_name(p) : v->subject);
}

const view_ops view_me_ops = {
	.name = "me view",
	.build = build,
	.title = title,
	.hint = "Enter opens \u00b7 e: whom to ask \u00b7 a: who is awake \u00b7 q back",
	.people_list = true,
};

/* ui_changes.c: what changed since this user last looked, for the start-up
 * notice and the What's new view (view_changes.c). The versions are the
 * digest store's (digeststore.h); this file only decides which two to
 * compare and when to say so. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "teamtui/changes.h"
#include "teamtui/digest.h"
#include "teamtui/digeststore.h"
#include "teamtui/ui.h"

struct ui_changes {
	digeststore *store; /* NULL when unusable: why says why */
	char why[256];
	bool unrecorded;    /* the roster on screen is no version (errors) */
	change_list list;   /* since `since` */
	bool have;	    /* list holds a comparison */
	time_t since;	    /* when the older version was seen/recorded */
	ui_changes_from from; /* which older version that is */
	digest *now;	    /* of the roster on screen, once made */
	bool now_made;	    /* now was made (NULL: out of memory) */
};

/* t->changes, made on first use (NULL when out of memory). */
static struct ui_changes *changes_of(tui *t)
{
	struct ui_changes *c = t->changes;
	if (!c) {
		c = t->changes = calloc(1, sizeof(*c));
		if (c)
			c->store = digeststore_open(t->input, c->why, sizeof(c->why));
	}
	return c;
}

const digest *ui_changes_digest(tui *t)
{
	struct ui_changes *c = changes_of(t);
	if (!c)
		return NULL;
	if (!c->now_made) {
		c->now = digest_of(t->r, t->rs);
		c->now_made = true;
	}
	return c->now;
}

void ui_changes_set_digest(tui *t, digest *d)
{
	struct ui_changes *c = changes_of(t);
	if (!c) {
		digest_free(d);
		return;
	}
	digest_free(c->now);
	c->now = d;
	c->now_made = true;
}

static void drop_list(struct ui_changes *c)
{
	if (c->have)
		changes_free(&c->list);
	memset(&c->list, 0, sizeof(c->list));
	c->have = false;
	c->since = 0;
	c->from = UI_CHANGES_SINCE_LOOKED;
}

/* Compare stored version `from` with the newest (0): the roster on
 * screen's digest when it was made (it is version 0: recorded, or its
 * inputs are version 0's), else version 0 as stored; false when either
 * cannot be read (why says so). */
static bool compare(struct ui_changes *c, size_t from)
{
	char err[256] = "";
	digest *old = digeststore_load(c->store, from, err, sizeof(err));
	digest *loaded = NULL;
	const digest *now = c->now;
	if (old && !now)
		now = loaded = digeststore_load(c->store, 0, err, sizeof(err));
	bool ok = old && now && changes_between(old, now, &c->list);
	if (!ok && !*err)
		snprintf(err, sizeof(err), "out of memory");
	if (!ok)
		snprintf(c->why, sizeof(c->why), "%s", err);
	c->have = ok;
	digest_free(old);
	digest_free(loaded);
	return ok;
}

void ui_when_text(time_t then, time_t now, char *buf, size_t size)
{
	struct tm a, b;
	if (!localtime_r(&then, &a) || !localtime_r(&now, &b)) {
		snprintf(buf, size, "?");
		return;
	}
	/* days apart by the calendar, not by 24-hour spans */
	struct tm da = a, db = b;
	da.tm_hour = db.tm_hour = 12;
	da.tm_min = db.tm_min = da.tm_sec = db.tm_sec = 0;
	da.tm_isdst = db.tm_isdst = -1;
	double days = difftime(mktime(&db), mktime(&da)) / 86400.0;
	long d = (long)(days + (days < 0 ? -0.5 : 0.5));
	if (d == 0)
		strftime(buf, size, "%H:%M", &a);
	else if (d == 1)
		snprintf(buf, size, "yesterday");
	else if (d > 1 && d < 7)
		strftime(buf, size, "%A", &a);
	else if (a.tm_year == b.tm_year)
		strftime(buf, size, "%-d %b", &a);
	else
		strftime(buf, size, "%-d %b %Y", &a);
}

void ui_changes_update(tui *t, bool notice)
{
	struct ui_changes *c = changes_of(t);
	if (!c)
		return;
	drop_list(c);
	if (!c->store)
		return;
	char err[256] = "";
	if (digeststore_current(c->store, t->r)) {
		*c->why = '\0';
	} else if ((c->unrecorded = t->diags.errors > 0)) {
		/* no version of the organisation: what could not be read would
		 * count as left (the view says so) */
		snprintf(c->why, sizeof(c->why), "the roster on screen has errors (!), so "
						 "it is not recorded as a version");
		return;
	} else if (!ui_changes_digest(t)) {
		snprintf(c->why, sizeof(c->why), "out of memory");
		return;
	} else if (!digeststore_record_digest(c->store, t->r, c->now, err, sizeof(err))) {
		snprintf(c->why, sizeof(c->why), "%s", err);
		return;
	} else {
		*c->why = '\0';
	}
	size_t n = digeststore_count(c->store);
	time_t when = 0;
	long looked = digeststore_looked(c->store, &when);
	if (looked < 0 && n < 2) {
		/* a first start: this is what the user sees from now on */
		digeststore_mark_looked(c->store, 0, err, sizeof(err));
		return;
	}
	/* never looked (or that version is gone): since the oldest kept */
	size_t from = looked >= 0 ? (size_t)looked : n - 1;
	if (from == 0) /* nothing new since */
		return;
	if (!compare(c, from))
		return;
	c->from = looked >= 0 ? UI_CHANGES_SINCE_LOOKED : UI_CHANGES_SINCE_FIRST;
	c->since = looked >= 0 && when ? when : digeststore_when(c->store, from);
	if (!notice || !c->list.n || *t->status)
		return;
	char ago[64], what[200];
	ui_when_text(c->since, ui_now(), ago, sizeof(ago));
	changes_summary(&c->list, what, sizeof(what));
	ui_message(t, STYLE_ACCENT, "since %s: %s", ago, what);
	/* the key is what the line is for: the summary is cut first */
	snprintf(t->status_tail, sizeof(t->status_tail), "; press c");
}

const change_list *ui_changes_list(tui *t, time_t *since, ui_changes_from *from,
				   const char **why)
{
	struct ui_changes *c = t->changes;
	*since = 0;
	*from = UI_CHANGES_SINCE_LOOKED;
	*why = NULL;
	if (!c)
		return NULL;
	if (!c->store || c->unrecorded) {
		*why = c->why;
		return NULL;
	}
	/* nothing since the last look: the last change there was */
	if ((!c->have || !c->list.n) && digeststore_count(c->store) >= 2) {
		drop_list(c);
		if (compare(c, 1)) {
			c->since = digeststore_when(c->store, 1);
			c->from = UI_CHANGES_LAST;
		}
	}
	if (!c->have) {
		if (*c->why)
			*why = c->why;
		return NULL;
	}
	*since = c->since;
	*from = c->from;
	return &c->list;
}

void ui_changes_looked(tui *t)
{
	struct ui_changes *c = t->changes;
	char err[256];
	if (c && c->store && digeststore_count(c->store))
		digeststore_mark_looked(c->store, 0, err, sizeof(err));
}

void ui_changes_free(tui *t)
{
	struct ui_changes *c = t->changes;
	if (!c)
		return;
	drop_list(c);
	digeststore_close(c->store);
	digest_free(c->now);
	free(c);
	t->changes = NULL;
}

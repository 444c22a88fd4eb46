/* ui_awake.c: who is awake, on every list of people (`a`): one mode for
 * all of them (off, marked, only the awake), and each person's marker
 * and local time at the clock of the last `a`, from awake.h as the CLI's
 * --awake works it out. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "teamtui/config.h"
#include "teamtui/ui.h"

static void memo_clear(tui *t);

ui_awake_mode ui_awake_next(ui_awake_mode m)
{
	return m == UI_AWAKE_OFF ? UI_AWAKE_MARKED
	       : m == UI_AWAKE_MARKED ? UI_AWAKE_ONLY
				    : UI_AWAKE_OFF;
}

/* The first `a`: tzdata's tables and the working hours, as the CLI reads
 * them (the config file's problems are check's to list: `!`). False,
 * with the status line saying why, when the tables cannot be read: then
 * only timezone fields tell zones, as in the CLI. */
static void awake_setup(tui *t, char *why, size_t size)
{
	if (t->awake_ready)
		return;
	t->awake_ready = true;
	t->awake.hours = WORK_HOURS_DEFAULT;
	diag_list d;
	diag_init(&d);
	config_working_hours(&t->awake.hours, &d);
	diag_free(&d);
	char err[512] = "";
	t->awake.db = t->tzdb = tz_db_open(NULL, err, sizeof(err));
	if (!t->tzdb)
		snprintf(why, size, "; %s: only timezone fields tell time zones", err);
}

void ui_awake_cycle(tui *t)
{
	char why[600] = "";
	awake_setup(t, why, sizeof(why));
	t->awake_mode = ui_awake_next(t->awake_mode);
	memo_clear(t); /* times of the old clock */
	tz_clock_free(t->awake.clock);
	t->awake.clock = NULL;
	t->awake_clock_gen++;
	time_t now = ui_now();
	if (t->awake_mode != UI_AWAKE_OFF && !(t->awake.clock = tz_clock_new(now))) {
		t->awake_mode = UI_AWAKE_OFF;
		ui_message(t, STYLE_ERROR, "who is awake: out of memory");
		return;
	}
	char at[32] = "?";
	struct tm tm;
	if (localtime_r(&now, &tm))
		strftime(at, sizeof(at), "%H:%M %Z", &tm);
	switch (t->awake_mode) {
	case UI_AWAKE_MARKED:
		ui_message(t, STYLE_NORMAL,
			   "who is awake at %s: \u25cf yes, \u25cb off hours, ? no known zone "
			   "\u00b7 a: only them%s", at, why);
		break;
	case UI_AWAKE_ONLY:
		ui_message(t, STYLE_NORMAL,
			   "only who is awake at %s is listed \u00b7 a: everyone, unmarked%s", at, why);
		break;
	default:
		ui_message(t, STYLE_NORMAL, "who is awake: not marked \u00b7 a marks it");
		break;
	}
}

void ui_person_time(tui *t, const person *p, person_time *out)
{
	char why[600];
	awake_setup(t, why, sizeof(why));
	if (t->awake.clock) { /* the marks' moment: the card agrees with them */
		awake_person(&t->awake, p, out);
		return;
	}
	awake_ctx now = t->awake;
	now.clock = tz_clock_new(ui_now());
	awake_person(&now, p, out);
	tz_clock_free(now.clock);
}

void ui_awake_free(tui *t)
{
	memo_clear(t);
	tz_clock_free(t->awake.clock);
	tz_db_free(t->tzdb);
	t->awake.clock = NULL;
	t->awake.db = t->tzdb = NULL;
	t->awake_ready = false;
}

void ui_awake_lead_text(awake_state s, const struct tm *local, char *buf,
			size_t size, row_style *style)
{
	char hm[32] = "";
	if (local && s != AWAKE_UNKNOWN && !strftime(hm, sizeof(hm), "%H:%M %a", local))
		hm[0] = '\0';
	if (s == AWAKE_UNKNOWN || !*hm) { /* no zone: no time, never a guess */
		snprintf(buf, size, "?");
		*style = STYLE_NORMAL;
		return;
	}
	snprintf(buf, size, "%s %s", s == AWAKE_YES ? "\u25cf" : "\u25cb", hm);
	*style = s == AWAKE_YES ? STYLE_ACCENT : STYLE_DIM;
}

/* Where people are, worked out once per place: a list of 100,000 people
 * has a few thousand (timezone, country, locality) triples, and finding a
 * country's zones costs more than the rest of a row. Keyed by the texts;
 * emptied at each `a` (a new clock) and reload (its strings are gone). */
struct place {
	const char *tz, *country, *locality; /* the key: the roster's strings */
	bool used, known;
	tz_local local;
};
struct ui_awake_memo {
	struct place *v;
	size_t cap, n;
	unsigned gen;
};

static bool same(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* FNV-1a over the texts, each ended by a byte no text has */
static uint64_t hash_text(uint64_t h, const char *s)
{
	for (; s && *s; s++)
		h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
	return (h ^ 0xff) * UINT64_C(1099511628211);
}

static size_t place_hash(const char *tz, const char *country, const char *locality)
{
	return (size_t)hash_text(hash_text(hash_text(UINT64_C(14695981039346656037), tz),
					   country), locality);
}

static void memo_clear(tui *t)
{
	if (t->awake_memo) {
		free(t->awake_memo->v);
		free(t->awake_memo);
		t->awake_memo = NULL;
	}
}

/* p's local time (false: no known zone) from the memo, worked out with
 * awake.h on the first person of each place. */
static bool place_time(tui *t, const person *p, tz_local *local)
{
	struct ui_awake_memo *m = t->awake_memo;
	if (m && m->gen != t->roster_gen) {
		memo_clear(t);
		m = NULL;
	}
	if (!m && (m = t->awake_memo = calloc(1, sizeof(*m))))
		m->gen = t->roster_gen;
	if (m && m->n * 2 >= m->cap) { /* grow: at most half full */
		size_t cap = m->cap ? m->cap * 2 : 256;
		struct place *v = calloc(cap, sizeof(*v));
		if (v) {
			for (size_t i = 0; i < m->cap; i++) {
				if (!m->v[i].used)
					continue;
				size_t h = place_hash(m->v[i].tz, m->v[i].country, m->v[i].locality);
				size_t k = h & (cap - 1);
				while (v[k].used)
					k = (k + 1) & (cap - 1);
				v[k] = m->v[i];
			}
			free(m->v);
			m->v = v;
			m->cap = cap;
		}
	}
	struct place *slot = NULL;
	if (m && m->cap && m->n * 2 < m->cap) {
		size_t h = place_hash(p->timezone, p->country, p->locality);
		size_t k = h & (m->cap - 1);
		while (m->v[k].used && !(same(m->v[k].tz, p->timezone) &&
					 same(m->v[k].country, p->country) &&
					 same(m->v[k].locality, p->locality)))
			k = (k + 1) & (m->cap - 1);
		if (m->v[k].used) {
			*local = m->v[k].local;
			return m->v[k].known;
		}
		slot = &m->v[k];
	}
	person_time pt;
	awake_person(&t->awake, p, &pt);
	if (slot) {
		*slot = (struct place){p->timezone, p->country, p->locality, true, pt.known,
				       pt.local};
		m->n++;
	}
	*local = pt.local;
	return pt.known;
}

/* p's state: their own working_hours when it parses (as awake.h reads
 * it), else everyone's. */
static awake_state state_of(tui *t, const person *p, bool known, const tz_local *local)
{
	if (!known)
		return AWAKE_UNKNOWN;
	work_hours h = t->awake.hours;
	char err[160];
	if (p->working_hours && !work_hours_parse(p->working_hours, &h, err, sizeof(err)))
		h = t->awake.hours;
	return work_hours_contains(&h, local->tm.tm_wday, local->tm.tm_hour * 60 + local->tm.tm_min)
		       ? AWAKE_YES
		       : AWAKE_OFF_HOURS;
}

bool ui_awake_lead(tui *t, const person *p, rows *out, const char **lead,
		   row_style *style, awake_count *count)
{
	*lead = NULL;
	*style = STYLE_NORMAL;
	if (t->awake_mode == UI_AWAKE_OFF || !t->awake.clock)
		return true;
	person_time pt;
	pt.known = place_time(t, p, &pt.local);
	pt.awake = state_of(t, p, pt.known, &pt.local);
	if (count)
		*(pt.awake == AWAKE_YES	       ? &count->awake
		  : pt.awake == AWAKE_OFF_HOURS ? &count->off_hours
						: &count->unknown) += 1;
	char buf[64];
	ui_awake_lead_text(pt.awake, pt.known ? &pt.local.tm : NULL, buf, sizeof(buf), style);
	*lead = rows_own(out, strdup(buf));
	return t->awake_mode != UI_AWAKE_ONLY || pt.awake == AWAKE_YES;
}

const awake_ctx *ui_awake_now(tui *t)
{
	char why[600];
	awake_setup(t, why, sizeof(why)); /* an unreadable tzdata: timezone fields only */
	time_t now = ui_now();
	/* under `a` the clock is the last `a`'s, as on every list; else now
	 * (a clock more than a minute old is renewed, its times with it) */
	if (t->awake.clock && (t->awake_mode != UI_AWAKE_OFF ||
			       now - tz_clock_time(t->awake.clock) < 60))
		return &t->awake;
	memo_clear(t);
	tz_clock_free(t->awake.clock);
	t->awake.clock = tz_clock_new(now);
	t->awake_clock_gen++;
	return t->awake.clock ? &t->awake : NULL;
}

awake_state ui_awake_state(tui *t, const person *p, tz_local *local)
{
	tz_local here;
	if (!ui_awake_now(t)) {
		return AWAKE_UNKNOWN;
	}
	bool known = place_time(t, p, local ? local : &here);
	return state_of(t, p, known, local ? local : &here);
}

row *ui_people_row(rows *out, tui *t, const person *p, const char *tag,
		   awake_count *count)
{
	const char *lead;
	row_style style;
	if (!ui_awake_lead(t, p, out, &lead, &style, count))
		return NULL;
	ui_person_row(out, p, tag);
	row *rw = out->n ? &out->v[out->n - 1] : NULL;
	if (rw && rw->item == p) {
		rw->lead = lead;
		rw->lead_style = style;
	}
	return rw;
}

void ui_awake_count_text(const awake_count *c, char *buf, size_t size)
{
	snprintf(buf, size, "awake now: %zu of %zu", c->awake,
		 c->awake + c->off_hours + c->unknown);
}

size_t ui_people_heading(rows *out, const char *title, size_t total)
{
	ui_heading(out, title, total);
	return out->n ? out->n - 1 : 0;
}

void ui_people_heading_done(rows *out, tui *t, size_t at, const char *title,
			    const awake_count *count)
{
	if (t->awake_mode != UI_AWAKE_ONLY || at >= out->n)
		return;
	char n[64], buf[256];
	ui_awake_count_text(count, n, sizeof(n));
	snprintf(buf, sizeof(buf), "%s \u00b7 %s", title, n);
	out->v[at].cells[0] = rows_own(out, strdup(buf));
	row *rw;
	if (!count->awake && (rw = rows_add(out, ROW_TEXT, STYLE_DIM, 1)))
		rw->cells[0] = "nobody is awake now";
}

/* awake.c: see awake.h. */
#include "teamtui/awake.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

void awake_person(const awake_ctx *c, const person *p, person_time *out)
{
	memset(out, 0, sizeof(*out));
	out->hours = c->hours;
	char err[160];
	if (p->working_hours && work_hours_parse(p->working_hours, &out->hours, err, sizeof(err)))
		out->own_hours = true;
	tz_person_zone(c->db, p->timezone, p->country, p->locality, &out->zone);
	if (out->zone.zone && !tz_clock_local(c->clock, out->zone.zone, &out->local)) {
		snprintf(out->zone.why, sizeof(out->zone.why),
			 "the time in %.100s cannot be computed", out->zone.zone);
		out->zone.zone = NULL;
		out->zone.source = TZ_FROM_NONE;
	}
	out->known = out->zone.zone != NULL;
	if (!out->known)
		out->awake = AWAKE_UNKNOWN;
	else
		out->awake = work_hours_contains(&out->hours, out->local.tm.tm_wday,
						 out->local.tm.tm_hour * 60 + out->local.tm.tm_min)
				 ? AWAKE_YES
				 : AWAKE_OFF_HOURS;
}

size_t awake_filter(const awake_ctx *c, const person **v, size_t n,
		    awake_count *count)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		person_time t;
		awake_person(c, v[i], &t);
		if (t.awake == AWAKE_YES) {
			count->awake++;
			v[k++] = v[i];
		} else if (t.awake == AWAKE_OFF_HOURS) {
			count->off_hours++;
		} else {
			count->unknown++;
		}
	}
	return k;
}

const char *awake_name(awake_state s)
{
	return s == AWAKE_YES ? "awake" : s == AWAKE_OFF_HOURS ? "off hours" : "unknown";
}

void awake_local_text(const person_time *t, char *buf, size_t size)
{
	if (!size)
		return;
	buf[0] = '\0';
	if (!t->known)
		return;
	char hm[16], off[16], hours[48];
	if (!strftime(hm, sizeof(hm), "%H:%M %a", &t->local.tm))
		hm[0] = '\0';
	tz_offset_text(t->local.utc_offset, off, sizeof(off));
	work_hours_text(&t->hours, hours, sizeof(hours));
	snprintf(buf, size, "%s (UTC%s, %s%s) \u00b7 %s (%s%s)", hm, off, t->zone.zone,
		 t->zone.source == TZ_FROM_COUNTRY    ? " by country"
		 : t->zone.source == TZ_FROM_LOCALITY ? " by locality"
						      : "",
		 t->awake == AWAKE_YES ? "in working hours" : "off hours", hours,
		 t->own_hours ? ", their own" : "");
}

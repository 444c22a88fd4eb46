/* awake.c: see awake.h. */
#include "teamtui/awake.h"

#include <stdio.h>
#include <string.h>

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

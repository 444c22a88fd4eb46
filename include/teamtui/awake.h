/* awake: a person's local time and whether it is inside their working
 * hours: the time zone of tzinfo.h, the hours of workhours.h. */
#ifndef TEAMTUI_AWAKE_H
#define TEAMTUI_AWAKE_H

#include <stdbool.h>

#include "teamtui/roster.h"
#include "teamtui/tzinfo.h"
#include "teamtui/workhours.h"

typedef enum {
	AWAKE_UNKNOWN,	 /* no known time zone */
	AWAKE_YES,	 /* inside their working hours */
	AWAKE_OFF_HOURS, /* outside them */
} awake_state;

/* What every answer of one command shares. */
typedef struct awake_ctx {
	const tz_db *db;  /* tzdata's tables, or NULL when unreadable */
	tz_clock *clock;  /* the moment asked about, and the zones' cache */
	work_hours hours; /* everyone's without a working_hours field:
			     config.yml's working_hours:, else
			     WORK_HOURS_DEFAULT */
} awake_ctx;

typedef struct person_time {
	tz_answer zone;	   /* the zone and where it came from, or why none */
	bool known;	   /* local is the time there */
	tz_local local;
	work_hours hours;  /* theirs */
	bool own_hours;	   /* from their working_hours field */
	awake_state awake;
} person_time;

/* p's zone, local time at the clock's moment, hours and state. A
 * working_hours field that does not parse counts as absent (the loader
 * warned at its line). A zone whose time cannot be computed is unknown,
 * and why says so. */
void awake_person(const awake_ctx *c, const person *p, person_time *out);

/* How many of a list were in each state. */
typedef struct awake_count {
	size_t awake, off_hours, unknown;
} awake_count;

/* Keep, in order, the people of v[0..n) who are awake at the clock's
 * moment (the rest move out; v is the caller's own array). Returns how
 * many are kept; adds each person's state to *count. */
size_t awake_filter(const awake_ctx *c, const person **v, size_t n,
		    awake_count *count);

/* A known local time as person cards say it (out_text's and the TUI's),
 * into buf (at most size bytes): "14:05 Tue (UTC+01:00, Europe/Berlin by
 * country) · in working hours (09:00-17:00 Mon-Fri)", "... off hours
 * (22:00-06:00 Sun-Thu, their own)". The zone as the roster or tzdata
 * wrote it: the caller sanitizes. Nothing (buf "") when !t->known. */
void awake_local_text(const person_time *t, char *buf, size_t size);

/* "awake", "off hours", "unknown" */
const char *awake_name(awake_state s);

#endif

/* workhours: working hours, "09:00-17:00 Mon-Fri", and whether a local
 * time falls inside them.
 *
 * The text (config.yml's `working_hours:`, a person's `working_hours`
 * field) is a span of the day, then optionally the days it starts on:
 *
 *   HH:MM-HH:MM [DAYS]
 *
 * HH:MM from 00:00 to 23:59; the end may also be 24:00 (the day's end;
 * an end of 00:00 is read as 24:00).
 * An end at or before the start runs across midnight: "22:00-06:00"
 * starts at 22:00 and ends at 06:00 the next morning. DAYS are the days
 * a span STARTS on, separated by commas, each a day or a range of days,
 * by their English names or first three letters, without regard to case
 * ("Mon-Fri", "Sun-Thu", "Mon,Wed,Fri", "Fri-Mon" wraps round the week);
 * left out, Monday to Friday. So "22:00-06:00 Mon-Fri" covers Monday
 * 22:00 to Saturday 06:00 in five nights, and Monday 03:00 is off. */
#ifndef TEAMTUI_WORKHOURS_H
#define TEAMTUI_WORKHOURS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct work_hours {
	int start, end;	    /* minutes after midnight: 0..1439, 1..1440 */
	unsigned char days; /* bit d: the span starts on day d (0 Sunday, as
			       struct tm's tm_wday) */
} work_hours;

/* 09:00-17:00, Monday to Friday: the default unless config.yml says
 * otherwise (issue 13). */
#define WORK_HOURS_DEFAULT ((work_hours){9 * 60, 17 * 60, 0x3e})

/* Parse `text` (the format above; spaces around it and around '-' and ','
 * are allowed). False, with why in err (one line, naming the part that
 * is wrong, e.g. "'25:00' is not a time (HH:MM, 00:00 to 24:00)"), when
 * it is not that; *out is then untouched. */
bool work_hours_parse(const char *text, work_hours *out, char *err, size_t errsize);

/* Is the local time (day of the week 0-6, Sunday 0; minute of the day
 * 0-1439) inside the hours? A span across midnight counts for the day it
 * starts on: its morning part is inside when the day before is one of
 * the days. */
bool work_hours_contains(const work_hours *h, int wday, int minute);

/* The hours written back in the format above, as short as it reads
 * ("09:00-17:00 Mon-Fri", "22:00-06:00 Sun-Thu", "00:00-24:00 Mon,Wed"),
 * into buf (40 bytes suffice). */
void work_hours_text(const work_hours *h, char *buf, size_t size);

#endif

/* workhours.c: see workhours.h. */
#include "teamtui/workhours.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const day_names[7] = {"Sunday", "Monday", "Tuesday", "Wednesday",
					 "Thursday", "Friday", "Saturday"};

static const char *skip_spaces(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* "HH:MM" at s (end 24:00 allowed when `end`); *next past it */
static bool hhmm(const char *s, bool end, int *minutes, const char **next)
{
	if (!(s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] == ':' &&
	      s[3] >= '0' && s[3] <= '9' && s[4] >= '0' && s[4] <= '9'))
		return false;
	int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
	if (m > 59 || h > 24 || (h == 24 && (m || !end)))
		return false;
	*minutes = h * 60 + m;
	*next = s + 5;
	return true;
}

/* The length of the token at s: up to a space, '-' or ','. */
static size_t token(const char *s)
{
	return strcspn(s, " \t-,");
}

/* A day's name or its first three letters, without regard to case. */
static int day(const char *s, size_t n)
{
	for (int d = 0; d < 7; d++)
		if ((n == 3 || n == strlen(day_names[d])) &&
		    !strncasecmp(s, day_names[d], n))
			return d;
	return -1;
}

bool work_hours_parse(const char *text, work_hours *out, char *err, size_t errsize)
{
	const char *s = skip_spaces(text ? text : "");
	work_hours h = {0, 0, 0};
	const char *next;
	size_t n = token(s);
	if (!hhmm(s, false, &h.start, &next) || (*next && !strchr(" \t-", *next))) {
		snprintf(err, errsize, "'%.*s' is not a start time (HH:MM, 00:00 to 23:59); "
				       "working hours are written like '09:00-17:00 Mon-Fri'",
			 (int)(n ? n : strlen(s) > 20 ? 20 : strlen(s)), s);
		return false;
	}
	s = skip_spaces(next);
	if (*s != '-') {
		snprintf(err, errsize, "no end time after the start: write HH:MM-HH:MM, "
				       "like '09:00-17:00 Mon-Fri'");
		return false;
	}
	s = skip_spaces(s + 1);
	n = token(s);
	if (!hhmm(s, true, &h.end, &next) || (*next && !strchr(" \t", *next))) {
		snprintf(err, errsize, "'%.*s' is not an end time (HH:MM, 00:00 to 24:00)",
			 (int)(n ? n : strlen(s) > 20 ? 20 : strlen(s)), s);
		return false;
	}
	if (h.end == h.start) {
		snprintf(err, errsize, "the span starts and ends at the same time: "
				       "write 00:00-24:00 for the whole day");
		return false;
	}
	if (!h.end) /* "18:00-00:00": to midnight, the day's end */
		h.end = 1440;
	s = skip_spaces(next);
	if (!*s) {
		h.days = 0x3e;
		*out = h;
		return true;
	}
	for (;;) {
		n = token(s);
		int a = day(s, n);
		if (a < 0) {
			snprintf(err, errsize, "'%.*s' is not a day (Mon, Tue, Wed, Thu, Fri, "
					       "Sat, Sun, or a range like Mon-Fri)",
				 (int)(n ? n : 1), s);
			return false;
		}
		s = skip_spaces(s + n);
		int b = a;
		if (*s == '-') {
			s = skip_spaces(s + 1);
			n = token(s);
			if ((b = day(s, n)) < 0) {
				snprintf(err, errsize, "'%.*s' is not a day (Mon, Tue, Wed, Thu, "
						       "Fri, Sat, Sun)",
					 (int)(n ? n : 1), s);
				return false;
			}
			s = skip_spaces(s + n);
		}
		for (int d = a;; d = (d + 1) % 7) { /* Fri-Mon wraps round */
			h.days |= (unsigned char)(1u << d);
			if (d == b)
				break;
		}
		if (!*s)
			break;
		if (*s != ',') {
			snprintf(err, errsize, "'%.*s' after the days: separate days with ',' "
					       "(Mon,Wed,Fri)",
				 (int)(token(s) ? token(s) : 1), s);
			return false;
		}
		s = skip_spaces(s + 1);
	}
	*out = h;
	return true;
}

bool work_hours_contains(const work_hours *h, int wday, int minute)
{
	if (wday < 0 || wday > 6 || minute < 0 || minute >= 1440)
		return false;
	bool today = h->days >> wday & 1, yesterday = h->days >> ((wday + 6) % 7) & 1;
	if (h->start < h->end)
		return today && minute >= h->start && minute < h->end;
	/* across midnight: from start to 24:00 today, 00:00 to end tomorrow */
	return (today && minute >= h->start) || (yesterday && minute < h->end);
}

void work_hours_text(const work_hours *h, char *buf, size_t size)
{
	int o = snprintf(buf, size, "%02d:%02d-%02d:%02d", h->start / 60, h->start % 60,
			 h->end / 60, h->end % 60);
	if (o < 0 || (size_t)o >= size)
		return;
	size_t at = (size_t)o;
	if (h->days == 0x7f) {
		snprintf(buf + at, size - at, " Mon-Sun");
		return;
	}
	/* runs of days round the week, as people write them: from the
	 * first day after Sunday that starts one (Mon-Fri, Sun-Thu, Fri-Mon) */
	int from = 1;
	for (int k = 0; k < 7; k++) {
		int d = (1 + k) % 7;
		if (h->days >> d & 1 && !(h->days >> ((d + 6) % 7) & 1)) {
			from = d;
			break;
		}
	}
	int order[7];
	for (int k = 0; k < 7; k++)
		order[k] = (from + k) % 7;
	bool first = true;
	for (int i = 0; i < 7;) {
		if (!(h->days >> order[i] & 1)) {
			i++;
			continue;
		}
		int j = i;
		while (j + 1 < 7 && h->days >> order[j + 1] & 1)
			j++;
		char part[16];
		if (j - i >= 2)
			snprintf(part, sizeof(part), "%.3s-%.3s", day_names[order[i]],
				 day_names[order[j]]);
		else if (j > i)
			snprintf(part, sizeof(part), "%.3s,%.3s", day_names[order[i]],
				 day_names[order[j]]);
		else
			snprintf(part, sizeof(part), "%.3s", day_names[order[i]]);
		o = snprintf(buf + at, size - at, "%s%s", first ? " " : ",", part);
		if (o < 0 || (size_t)o >= size - at)
			return;
		at += (size_t)o;
		first = false;
		i = j + 1;
	}
}

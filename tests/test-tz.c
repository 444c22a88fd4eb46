/* test-tz.c: time zones from tzdata's tables (tests/tz/, a few rows of
 * the real ones), local times through the C library (the zone files of
 * the machine's tzdata), working hours, who is awake, --at's times, and
 * working_hours in config.yml and team.yml. Nothing depends on the
 * machine's own TZ or clock: every moment is fixed, TZ set here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tap.h"
#include "teamtui/awake.h"
#include "teamtui/config.h"
#include "teamtui/tzinfo.h"
#include "teamtui/workhours.h"

static tz_db *db;

/* A moment in UTC: "2026-11-18T11:06:40Z" */
static time_t utc(int y, int mo, int d, int h, int mi)
{
	char s[40];
	time_t t = 0;
	char err[160];
	snprintf(s, sizeof(s), "%04d-%02d-%02dT%02d:%02dZ", y, mo, d, h, mi);
	if (!tz_parse_moment(s, 0, &t, err, sizeof(err)))
		tap_ok(false, "moment %s: %s", s, err);
	return t;
}

static void code(const char *country, const char *want)
{
	char name[160];
	snprintf(name, sizeof(name), "country '%s' is %s", country, want ? want : "none");
	tap_is_str(tz_country_code(db, country), want, name);
}

/* tz_person_zone's answer as "ZONE (source)" or "? why" */
static const char *zone(const char *timezone, const char *country, const char *locality)
{
	static char buf[400];
	tz_answer a;
	tz_person_zone(db, timezone, country, locality, &a);
	if (a.zone)
		snprintf(buf, sizeof(buf), "%s (%s)", a.zone, tz_source_name(a.source));
	else
		snprintf(buf, sizeof(buf), "? %s", a.why);
	return buf;
}

/* The time in `z` at t as "YYYY-MM-DD HH:MM:SS Www ABBR +HH:MM" */
static const char *local(tz_clock *c, const char *z)
{
	static char buf[80];
	tz_local l;
	if (!tz_clock_local(c, z, &l))
		return "(none)";
	char when[40], off[16];
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S %a", &l.tm);
	tz_offset_text(l.utc_offset, off, sizeof(off));
	snprintf(buf, sizeof(buf), "%s %s %s", when, l.abbr, off);
	return buf;
}

static const char *at(const char *z, time_t t)
{
	tz_clock *c = tz_clock_new(t);
	const char *s = local(c, z);
	tz_clock_free(c);
	return s;
}

static void tables(void)
{
	tap_ok(db != NULL, "the fixture tables load");
	tap_is_int((long long)tz_db_nzones(db), 15, "15 zones (the row without a TZ is none)");
	tap_is_int((long long)tz_db_skipped(db), 1, "one line skipped");
	const char *codes, *comment;
	tap_is_str(tz_db_zone(db, 2, &codes, &comment), "Europe/Zurich", "third row's zone");
	tap_is_str(codes, "CH,DE,LI", "its countries, as written");
	tap_is_str(comment, "B\xc3\xbcsingen", "its comment");
	tz_db_zone(db, 4, &codes, &comment);
	tap_ok(comment == NULL, "a row without comments has none");

	/* formats that are not tables */
	const char *iso = "DE\tGermany\n";
	tz_db *d = tz_db_parse("", 0, iso, strlen(iso), NULL);
	tap_ok(d == NULL, "no zone rows: no tables");
	const char *zt = "# c\nDE\t+1+2\tEurope/Berlin\nde\t+1+2\tEurope/Berlin\n"
			 "DE\t+1+2\t../etc/passwd\nDE\t+1+2\t/abs\nD\t+1+2\tA/B\n"
			 "DE,\t+1+2\tA/B\nDE\t+1+2\tA/B\tc\textra\n\r\n";
	d = tz_db_parse(zt, strlen(zt), iso, strlen(iso), NULL);
	tap_is_int((long long)tz_db_nzones(d), 1, "only the one well-formed row");
	tap_is_int((long long)tz_db_skipped(d), 6, "the others skipped (a line of CR alone is blank)");
	tz_db_free(d);
	char err[300] = "";
	d = tz_db_open("/nonexistent-teamtui", err, sizeof(err));
	tap_ok(d == NULL && strstr(err, "/nonexistent-teamtui/zone1970.tab") != NULL,
	       "a missing table is said, with its path: %s", err);
}

static void countries(void)
{
	code("Germany", "DE");
	code("  germany ", "DE");
	code("DE", "DE");
	code("de", "DE");
	code("United States", "US");
	code("USA", "US");
	code("U.S.A.", "US");
	code("United States of America", "US");
	code("UK", "GB");
	code("United Kingdom", "GB");
	code("Britain (UK)", "GB");
	code("Britain", "GB"); /* without its parenthesis */
	code("Korea", NULL);   /* North or South? */
	code("South Korea", "KR");
	code("Korea (South)", "KR");
	code("Virgin Islands", NULL);
	code("Netherlands", "NL");
	code("The Netherlands", "NL");
	code("Netherlands, The", "NL");
	code("Bosnia and Herzegovina", "BA");
	code("T\xc3\xbcrkiye", "TR");
	code("Turkey", "TR");
	code("Atlantis", NULL);
	code("XX", NULL); /* a code in zone1970.tab, not iso3166.tab */
	code("", NULL);
	code(NULL, NULL);
	tap_is_str(tz_country_name(db, "GB"), "Britain (UK)", "a code's name");
}

static void zones(void)
{
	/* the field first, when it is a zone */
	tap_is_str(zone("Asia/Tokyo", "Germany", "Berlin"), "Asia/Tokyo (field)",
		   "the timezone field wins");
	tap_is_str(zone("Mars/Olympus_Mons", "Germany", "Berlin"),
		   "? timezone 'Mars/Olympus_Mons' is no zone of tzdata",
		   "a field that is no zone is unknown, not the country's");
	tap_is_str(zone("../../etc/passwd", NULL, NULL),
		   "? timezone '../../etc/passwd' is no zone of tzdata",
		   "a path is no zone");
	tap_ok(!tz_zone_exists("/etc/passwd") && !tz_zone_exists("Europe/../../etc") &&
		       !tz_zone_exists("Europe") && !tz_zone_exists("") &&
		       tz_zone_exists("Europe/Berlin") && tz_zone_exists("UTC"),
	       "tz_zone_exists: names of zone files only");
	/* a single-zone country */
	tap_is_str(zone(NULL, "Denmark", "Aarhus"), "Europe/Berlin (country)",
		   "one zone (shared, named for Berlin)");
	tap_is_str(zone("", "India", NULL), "Asia/Kolkata (country)",
		   "an empty field is none");
	tap_is_str(zone(NULL, "gb", "Leeds"), "Europe/London (country)", "a code");
	tap_is_str(zone(NULL, "Japan", NULL), "Asia/Tokyo (country)",
		   "Japan: one row, which also lists Australia");
	/* a multi-zone country */
	tap_is_str(zone(NULL, "United States", "New York, NY"),
		   "America/New_York (locality)", "the locality names the zone's city");
	tap_is_str(zone(NULL, "USA", " los angeles "), "America/Los_Angeles (locality)",
		   "without regard to case, '_' as a space");
	tap_is_str(zone(NULL, "US", "Hawaii"), "Pacific/Honolulu (locality)",
		   "a comment's phrase");
	tap_is_str(zone(NULL, "Germany", "B\xc3\xbcsingen am Hochrhein"),
		   "? Germany has 2 time zones; locality 'B\xc3\xbcsingen am Hochrhein' "
		   "names none of them; no timezone field",
		   "a longer name is not the phrase");
	tap_is_str(zone(NULL, "Germany", "B\xc3\xbcsingen"), "Europe/Zurich (locality)",
		   "a comment's phrase, not ASCII");
	tap_is_str(zone(NULL, "Germany", "Berlin"), "Europe/Berlin (locality)",
		   "Germany, Berlin");
	tap_is_str(zone(NULL, "United States", "Portland, OR"),
		   "? United States has 5 time zones; locality 'Portland, OR' names none "
		   "of them; no timezone field",
		   "a locality that names no zone: unknown, and why");
	tap_is_str(zone(NULL, "United States", NULL),
		   "? United States has 5 time zones; no locality to tell which; no "
		   "timezone field",
		   "no locality: unknown");
	tap_is_str(zone(NULL, "United States", "most areas"),
		   "? United States has 5 time zones; locality 'most areas' names more "
		   "than one of them; no timezone field",
		   "a phrase of several zones' comments names none");
	tap_is_str(zone(NULL, "Australia", "Eyre Bird Observatory"),
		   "Asia/Tokyo (locality)", "a comment of a shared row");
	tap_is_str(zone(NULL, "Germany", "Munich"),
		   "? Germany has 2 time zones; locality 'Munich' names none of them; "
		   "no timezone field",
		   "never guessed");
	tap_is_str(zone(NULL, "US", "OR"),
		   "? United States has 5 time zones; locality 'OR' names none of them; "
		   "no timezone field",
		   "a comment phrase needs three letters");
	/* unknown */
	tap_is_str(zone(NULL, "Atlantis", NULL),
		   "? country 'Atlantis' is none of tzdata's (iso3166.tab); no timezone field",
		   "an unknown country");
	tap_is_str(zone(NULL, "Netherlands", NULL),
		   "? Netherlands has no zone in zone1970.tab; no timezone field",
		   "a country without a zone row");
	tap_is_str(zone(NULL, NULL, "Berlin"), "? no timezone or country field",
		   "nothing to go on");
	const tz_db *keep = db;
	db = NULL;
	tap_is_str(zone(NULL, "Germany", NULL),
		   "? no timezone field, and tzdata's tables could not be read to find "
		   "the zone of 'Germany'",
		   "no tables: only the field counts");
	tap_is_str(zone("Europe/Paris", "Germany", NULL), "Europe/Paris (field)",
		   "no tables: the field still does");
	db = (tz_db *)keep;
}

static void local_times(void)
{
	/* standard and summer time */
	tap_is_str(at("Europe/Berlin", utc(2026, 1, 15, 12, 0)),
		   "2026-01-15 13:00:00 Thu CET +01:00", "Berlin in winter");
	tap_is_str(at("Europe/Berlin", utc(2026, 7, 15, 12, 0)),
		   "2026-07-15 14:00:00 Wed CEST +02:00", "Berlin in summer");
	/* the spring change: 2026-03-29 01:00 UTC */
	tap_is_str(at("Europe/Berlin", utc(2026, 3, 29, 1, 0) - 1),
		   "2026-03-29 01:59:59 Sun CET +01:00", "a second before the change");
	tap_is_str(at("Europe/Berlin", utc(2026, 3, 29, 1, 0)),
		   "2026-03-29 03:00:00 Sun CEST +02:00", "at the change");
	tap_is_str(at("America/New_York", utc(2026, 3, 8, 7, 0)),
		   "2026-03-08 03:00:00 Sun EDT -04:00", "New York's spring change");
	tap_is_str(at("America/New_York", utc(2026, 11, 1, 6, 0)),
		   "2026-11-01 01:00:00 Sun EST -05:00", "New York's autumn change");
	tap_is_str(at("Asia/Kolkata", utc(2026, 11, 18, 11, 6)),
		   "2026-11-18 16:36:00 Wed IST +05:30", "half an hour");
	tap_is_str(at("Australia/Lord_Howe", utc(2026, 1, 15, 0, 0)),
		   "2026-01-15 11:00:00 Thu +11 +11:00", "Lord Howe in its summer");
	tap_is_str(at("Australia/Lord_Howe", utc(2026, 7, 15, 0, 0)),
		   "2026-07-15 10:30:00 Wed +1030 +10:30", "and winter: a half-hour change");
	tap_is_str(at("Pacific/Chatham", utc(2026, 7, 15, 0, 0)),
		   "2026-07-15 12:45:00 Wed +1245 +12:45", "Chatham: 45 minutes");
	tap_is_str(at("Pacific/Auckland", utc(2026, 11, 22, 20, 0)),
		   "2026-11-23 09:00:00 Mon NZDT +13:00", "Sunday in UTC is Monday there");
	tap_is_str(at("Mars/Olympus_Mons", 0), "(none)", "no such zone");

	/* TZ is put back as it was, or left unset */
	setenv("TZ", "Asia/Tokyo", 1);
	tzset();
	tz_clock *c = tz_clock_new(utc(2026, 1, 15, 12, 0));
	tap_is_str(local(c, "Europe/London"), "2026-01-15 12:00:00 Thu GMT +00:00", "London");
	tap_is_str(getenv("TZ"), "Asia/Tokyo", "TZ restored");
	time_t t0 = utc(2026, 1, 15, 12, 0);
	struct tm tm;
	localtime_r(&t0, &tm);
	tap_is_int(tm.tm_hour, 21, "and the process's local time is Tokyo's again");
	unsetenv("TZ");
	tzset();
	tap_is_str(local(c, "Europe/Paris"), "2026-01-15 13:00:00 Thu CET +01:00", "Paris");
	tap_ok(getenv("TZ") == NULL, "an unset TZ stays unset");
	/* the cache answers the same */
	tap_is_str(local(c, "Europe/London"), "2026-01-15 12:00:00 Thu GMT +00:00",
		   "London again, from the cache");
	tap_is_str(local(c, "Nowhere/Else"), "(none)", "no zone, cached too");
	tap_is_str(local(c, "Nowhere/Else"), "(none)", "still none");
	tz_clock_free(c);
	setenv("TZ", "UTC", 1);
	tzset();

	char off[16];
	tz_offset_text(-12600, off, sizeof(off));
	tap_is_str(off, "-03:30", "offset -3:30");
	tz_offset_text(0, off, sizeof(off));
	tap_is_str(off, "+00:00", "offset 0");
	tz_offset_text(45900, off, sizeof(off));
	tap_is_str(off, "+12:45", "offset +12:45");
}

static void hours_ok(const char *text, const char *want)
{
	work_hours h;
	char err[200] = "", buf[48] = "";
	bool ok = work_hours_parse(text, &h, err, sizeof(err));
	if (ok)
		work_hours_text(&h, buf, sizeof(buf));
	char name[120];
	snprintf(name, sizeof(name), "hours '%s'", text);
	tap_is_str(ok ? buf : err, want, name);
}

static void hours_bad(const char *text, const char *want)
{
	work_hours h = {1, 2, 3};
	char err[200] = "";
	bool ok = work_hours_parse(text, &h, err, sizeof(err));
	char name[120];
	snprintf(name, sizeof(name), "hours '%s' refused", text);
	tap_is_str(ok ? "(accepted)" : err, want, name);
	tap_ok(h.start == 1 && h.end == 2 && h.days == 3, "and *out untouched");
}

/* in(hours, "Mon 09:00") */
static bool in(const char *text, const char *when)
{
	work_hours h;
	char err[200];
	if (!work_hours_parse(text, &h, err, sizeof(err)))
		return false;
	static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	int d = 0;
	while (d < 7 && strncmp(days[d], when, 3))
		d++;
	int hh = atoi(when + 4), mm = atoi(when + 7);
	return work_hours_contains(&h, d, hh * 60 + mm);
}

static void hours(void)
{
	hours_ok("09:00-17:00", "09:00-17:00 Mon-Fri");
	hours_ok("  08:30 - 16:30   Monday-Friday ", "08:30-16:30 Mon-Fri");
	hours_ok("22:00-06:00 sun-thu", "22:00-06:00 Sun-Thu");
	hours_ok("00:00-24:00 Mon,Wed", "00:00-24:00 Mon,Wed");
	hours_ok("10:00-18:00 Mon, Tue ,Wed", "10:00-18:00 Mon-Wed");
	hours_ok("10:00-18:00 Fri-Mon", "10:00-18:00 Fri-Mon");
	hours_ok("10:00-18:00 Sat,Sun", "10:00-18:00 Sat,Sun");
	hours_ok("10:00-18:00 Sun-Sat", "10:00-18:00 Mon-Sun");
	hours_ok("10:00-18:00 Tue,Thu,Sat", "10:00-18:00 Tue,Thu,Sat");
	hours_ok("18:00-00:00", "18:00-24:00 Mon-Fri");
	hours_bad("9-5", "'9' is not a start time (HH:MM, 00:00 to 23:59); working hours "
			 "are written like '09:00-17:00 Mon-Fri'");
	hours_bad("09:00", "no end time after the start: write HH:MM-HH:MM, like "
			   "'09:00-17:00 Mon-Fri'");
	hours_bad("09:00-09:00", "the span starts and ends at the same time: write "
				 "00:00-24:00 for the whole day");
	hours_bad("24:00-06:00", "'24:00' is not a start time (HH:MM, 00:00 to 23:59); "
				 "working hours are written like '09:00-17:00 Mon-Fri'");
	hours_bad("09:60-10:00", "'09:60' is not a start time (HH:MM, 00:00 to 23:59); "
				 "working hours are written like '09:00-17:00 Mon-Fri'");
	hours_bad("09:00-24:01", "'24:01' is not an end time (HH:MM, 00:00 to 24:00)");
	hours_bad("09:00-17:00 Funday", "'Funday' is not a day (Mon, Tue, Wed, Thu, Fri, "
					"Sat, Sun, or a range like Mon-Fri)");
	hours_bad("09:00-17:00 Mon-", "'' is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)");
	hours_bad("09:00-17:00 Mon Fri", "'Fri' after the days: separate days with ',' "
					 "(Mon,Wed,Fri)");
	hours_bad("", "'' is not a start time (HH:MM, 00:00 to 23:59); working hours are "
		      "written like '09:00-17:00 Mon-Fri'");

	const char *d = "09:00-17:00";
	tap_ok(in(d, "Mon 09:00") && in(d, "Fri 16:59") && !in(d, "Mon 08:59") &&
		       !in(d, "Wed 17:00") && !in(d, "Sat 10:00") && !in(d, "Sun 10:00"),
	       "the default: 09:00 to 17:00, Monday to Friday");
	const char *n = "22:00-06:00 Sun-Thu";
	tap_ok(in(n, "Sun 22:00") && in(n, "Mon 03:00") && in(n, "Thu 23:59"),
	       "across midnight: from the start days' evening");
	tap_ok(in(n, "Fri 05:59") && !in(n, "Fri 06:00"), "to the next morning");
	tap_ok(!in(n, "Fri 22:00") && !in(n, "Sat 03:00") && !in(n, "Sun 03:00"),
	       "Friday's and Saturday's nights are off; so is Sunday's morning");
	tap_ok(!in(n, "Thu 21:59") && !in(n, "Mon 12:00"), "the days are off");
	tap_ok(in("00:00-24:00 Sat", "Sat 23:59") && !in("00:00-24:00 Sat", "Sun 00:00") &&
		       !in("00:00-24:00 Sat", "Fri 23:59"),
	       "a whole day");
	tap_ok(in("18:00-02:00 Fri-Mon", "Tue 01:00") && !in("18:00-02:00 Fri-Mon", "Tue 18:00"),
	       "a wrapping range of days, across midnight");
	work_hours h = WORK_HOURS_DEFAULT;
	tap_ok(!work_hours_contains(&h, 7, 600) && !work_hours_contains(&h, 1, 1440) &&
		       !work_hours_contains(&h, -1, 600),
	       "out of range: outside");
}

/* who is awake, a person at a time */
static const char *state(const char *timezone, const char *country, const char *hrs,
			 time_t t)
{
	static char buf[200];
	person p = {.slug = "p", .timezone = timezone, .country = country,
		    .working_hours = hrs};
	awake_ctx c = {db, tz_clock_new(t), WORK_HOURS_DEFAULT};
	person_time pt;
	awake_person(&c, &p, &pt);
	char when[40] = "";
	if (pt.known)
		strftime(when, sizeof(when), " %a %H:%M", &pt.local.tm);
	snprintf(buf, sizeof(buf), "%s%s%s", awake_name(pt.awake), when,
		 pt.own_hours ? " (own)" : "");
	tz_clock_free(c.clock);
	return buf;
}

static void awake(void)
{
	/* Friday 2026-11-20 */
	tap_is_str(state("Europe/London", NULL, "22:00-06:00 Sun-Thu", utc(2026, 11, 20, 5, 59)),
		   "awake Fri 05:59 (own)", "Thursday's night shift, Friday morning");
	tap_is_str(state("Europe/London", NULL, "22:00-06:00 Sun-Thu", utc(2026, 11, 20, 23, 30)),
		   "off hours Fri 23:30 (own)", "no night shift starts on Friday");
	tap_is_str(state(NULL, "India", NULL, utc(2026, 11, 21, 6, 0)),
		   "off hours Sat 11:30", "Saturday: off");
	tap_is_str(state(NULL, "New Zealand", NULL, utc(2026, 11, 22, 20, 0)),
		   "unknown", "New Zealand has two zones");
	tap_is_str(state("Pacific/Auckland", NULL, NULL, utc(2026, 11, 22, 20, 0)),
		   "awake Mon 09:00", "Sunday in UTC, Monday morning in Auckland");
	tap_is_str(state("Pacific/Honolulu", NULL, NULL, utc(2026, 11, 21, 2, 0)),
		   "awake Fri 16:00", "Saturday in UTC, Friday afternoon in Honolulu");
	tap_is_str(state("America/New_York", NULL, NULL, utc(2026, 7, 15, 13, 0)),
		   "awake Wed 09:00", "summer time: 13:00 UTC is 09:00 in New York");
	tap_is_str(state("America/New_York", NULL, NULL, utc(2026, 1, 15, 13, 0)),
		   "off hours Thu 08:00", "and 08:00 in winter");
	tap_is_str(state("Asia/Tokyo", NULL, "9-5", utc(2026, 11, 18, 1, 0)),
		   "awake Wed 10:00", "hours that do not parse: the default");
	tap_is_str(state(NULL, "Atlantis", NULL, utc(2026, 11, 18, 11, 0)), "unknown",
		   "an unknown country: unknown");

	const person a = {.slug = "a", .country = "India"},
		     b = {.slug = "b", .country = "Atlantis"},
		     c = {.slug = "c", .timezone = "America/Los_Angeles"},
		     d = {.slug = "d", .country = "DK"};
	const person *v[] = {&a, &b, &c, &d};
	awake_ctx ctx = {db, tz_clock_new(utc(2026, 11, 18, 11, 6)), WORK_HOURS_DEFAULT};
	awake_count cnt = {0};
	size_t k = awake_filter(&ctx, v, 4, &cnt);
	tap_ok(k == 2 && v[0] == &a && v[1] == &d, "awake_filter keeps the awake, in order");
	tap_ok(cnt.awake == 2 && cnt.off_hours == 1 && cnt.unknown == 1,
	       "and counts the others");
	tz_clock_free(ctx.clock);
}

static void moment(const char *s, time_t now, const char *want)
{
	time_t t = 0;
	char err[200] = "", buf[64];
	bool ok = tz_parse_moment(s, now, &t, err, sizeof(err));
	struct tm tm;
	if (ok && gmtime_r(&t, &tm))
		strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	char name[100];
	snprintf(name, sizeof(name), "--at %s", s);
	tap_is_str(ok ? buf : err, want, name);
}

static void moments(void)
{
	time_t now = 1795000000; /* 2026-11-18T11:06:40Z, a Wednesday */
	setenv("TZ", "UTC", 1);
	tzset();
	moment("now", now, "2026-11-18T11:06:40Z");
	moment("10:30", now, "2026-11-18T10:30:00Z");
	moment("23:59:59", now, "2026-11-18T23:59:59Z");
	moment("2026-11-21T12:00Z", now, "2026-11-21T12:00:00Z");
	moment("2026-11-21 12:00", now, "2026-11-21T12:00:00Z");
	moment("2028-02-29T10:00:05Z", now, "2028-02-29T10:00:05Z");
	moment("2026-02-29T10:00Z", now, "'2026-02-29T10:00Z' is no date");
	moment("2026-13-01T10:00Z", now, "'2026-13-01T10:00Z' is no date");
	moment("24:00", now, "'24:00' is not a time: now, HH:MM, YYYY-MM-DDTHH:MM or "
			     "YYYY-MM-DDTHH:MMZ");
	moment("10:3", now, "'10:3' is not a time: now, HH:MM, YYYY-MM-DDTHH:MM or "
			    "YYYY-MM-DDTHH:MMZ");
	moment("2026-11-21T12:00+01:00", now, "'2026-11-21T12:00+01:00' is not a time: "
					      "now, HH:MM, YYYY-MM-DDTHH:MM or "
					      "YYYY-MM-DDTHH:MMZ");
	moment("tomorrow", now, "'tomorrow' is not a time: now, HH:MM, YYYY-MM-DDTHH:MM "
				"or YYYY-MM-DDTHH:MMZ");
	/* local forms are the process's local time */
	setenv("TZ", "Europe/Berlin", 1);
	tzset();
	moment("10:30", now, "2026-11-18T09:30:00Z");
	moment("2026-07-01T10:30", now, "2026-07-01T08:30:00Z");
	moment("2026-07-01T10:30Z", now, "2026-07-01T10:30:00Z");
	moment("2026-03-29T02:30", now, "'2026-03-29T02:30' does not exist here (a "
					"daylight saving time gap)");
	moment("00:30", 1795000000 - 11 * 3600, "2026-11-17T23:30:00Z");
	setenv("TZ", "UTC", 1);
	tzset();
}

/* working_hours in config.yml, and a person's */
static void settings(void)
{
	char *home = t_mkdir();
	setenv("XDG_CONFIG_HOME", home, 1);
	work_hours h;
	diag_list d;
	diag_init(&d);
	config_working_hours(&h, &d);
	char buf[48];
	work_hours_text(&h, buf, sizeof(buf));
	tap_is_str(buf, "09:00-17:00 Mon-Fri", "no config file: the default");
	tap_is_int((long long)d.count, 0, "and nothing said");
	t_write(home, "teamtui/config.yml", "theme: dark\nworking_hours: 08:00-16:00 Sun-Thu\n");
	config_working_hours(&h, &d);
	work_hours_text(&h, buf, sizeof(buf));
	tap_is_str(buf, "08:00-16:00 Sun-Thu", "config.yml's working_hours");
	t_write(home, "teamtui/config.yml", "working_hours: 8-4\n");
	config_working_hours(&h, &d);
	work_hours_text(&h, buf, sizeof(buf));
	tap_is_str(buf, "09:00-17:00 Mon-Fri", "a bad one: the default");
	char want[400];
	snprintf(want, sizeof(want),
		 "%s/teamtui/config.yml:1:16: warning: working_hours: '8' is not a start "
		 "time (HH:MM, 00:00 to 23:59); working hours are written like '09:00-17:00 "
		 "Mon-Fri'; using 09:00-17:00 Mon-Fri",
		 home);
	tap_is_str(t_diags(&d), want, "and a warning at its place");
	diag_free(&d);
	unsetenv("XDG_CONFIG_HOME");

	diag_init(&d);
	roster *r = t_roster("- slug: a\n  working_hours: 22:00-06:00 Sun-Thu\n"
			     "- slug: b\n  working_hours: all day\n",
			     "groups: {}\n", &d);
	const person *a = roster_person(r, "a"), *b = roster_person(r, "b");
	tap_is_str(a ? a->working_hours : NULL, "22:00-06:00 Sun-Thu",
		   "a person's working_hours is kept");
	tap_is_str(b ? b->working_hours : NULL, "all day", "as written, even when bad");
	tap_ok(strstr(t_diags(&d), "team.yml:4:18: warning: working_hours: 'all' is not a "
				   "start time") != NULL,
	       "and the bad one warned at its line: %s", t_diags(&d));
	roster_free(r);
	diag_free(&d);
}

int main(void)
{
	const char *src = getenv("srcdir");
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s/tests/tz", src && *src ? src : ".");
	char err[512] = "";
	setenv("TZ", "UTC", 1);
	unsetenv("TZDIR"); /* the zone files of the machine's tzdata */
	tzset();
	db = tz_db_open(dir, err, sizeof(err));
	if (!db) {
		printf("Bail out! %s\n", err);
		return 1;
	}
	tables();
	countries();
	zones();
	local_times();
	hours();
	awake();
	moments();
	settings();
	tz_db_free(db);
	return tap_done();
}

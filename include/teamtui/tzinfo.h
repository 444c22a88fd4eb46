/* tzinfo: a person's time zone, and the time there.
 *
 * The zone is the person's `timezone` field (an IANA name) when present;
 * otherwise it is derived from `country` (and `locality`) with tzdata's
 * own tables, zone1970.tab and iso3166.tab, and only when they make it
 * certain; else it is unknown, with the reason. Nothing is guessed.
 *
 * The tables' format is their headers' (tzdata, zone1970.tab: "Columns
 * are separated by a single tab. Lines beginning with '#' are comments.
 * All text uses UTF-8"; column 1 the comma-separated ISO 3166 codes of
 * the countries that overlap the zone, 2 its coordinates, 3 its TZ name,
 * 4 comments, "present if and only if countries have multiple
 * timezones"; iso3166.tab: code, tab, the country's name as tzdata
 * spells it, "Britain (UK)", "Korea (South)"). A zone of zone1970.tab is
 * one where "civil timestamps have agreed since 1970" (theory.html), so
 * a country with one row is one zone, named for its most populous city
 * even when that city is in another country (Denmark, Norway and Sweden
 * share Europe/Berlin).
 *
 * Local times come from the C library's own tz code (localtime_r under a
 * TZ set for the zone, tzset), which reads the compiled zone files of
 * the same tzdata; see tz_clock. */
#ifndef TEAMTUI_TZINFO_H
#define TEAMTUI_TZINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* Where tzdata lives: $TEAMTUI_ZONEINFO for the tables (tests point it at
 * fixture copies), else $TZDIR (as the C library reads it), else this. */
#define TZ_DEFAULT_DIR "/usr/share/zoneinfo"

/* The tables of one tzdata, read once. Immutable after loading. */
typedef struct tz_db tz_db;

/* Read DIR/zone1970.tab and DIR/iso3166.tab (dir NULL: tz_tables_dir()).
 * NULL when either cannot be read or is not a table (err, errsize: why,
 * naming the file) or when out of memory ("out of memory"). Malformed
 * lines are skipped and counted (tz_db_skipped). Free with tz_db_free. */
tz_db *tz_db_open(const char *dir, char *err, size_t errsize);
/* The same from two texts in memory (not NUL-terminated; copied): for
 * tests and the fuzzer. NULL only when out of memory or when either text
 * has no row at all. `dir` is what messages name as the tables' place
 * (copied; NULL: "zone1970.tab"). */
tz_db *tz_db_parse(const char *zone1970, size_t zlen, const char *iso3166,
		   size_t ilen, const char *dir);
void tz_db_free(tz_db *db);
/* Lines of either table that were neither comments nor rows. */
size_t tz_db_skipped(const tz_db *db);
/* How many zones the tables have, and zone i's name, countries ("DE,CH"
 * as written) and comment (NULL when none), i < tz_db_nzones. */
size_t tz_db_nzones(const tz_db *db);
const char *tz_db_zone(const tz_db *db, size_t i, const char **codes,
		       const char **comment);

/* The directory of the tables: $TEAMTUI_ZONEINFO, else $TZDIR, else
 * TZ_DEFAULT_DIR (a pointer into the environment or a literal). */
const char *tz_tables_dir(void);
/* The directory of the compiled zone files the C library reads: $TZDIR,
 * else TZ_DEFAULT_DIR. */
const char *tz_zones_dir(void);

/* The two-letter ISO 3166 code of a country as team.yml writes it, or
 * NULL. Matched without regard to ASCII case, spaces at the ends, a
 * leading "The " or trailing ", The", dots ("U.S.") and "&" written
 * "and": a code ("DE", "us"); tzdata's name ("Germany", "Britain (UK)");
 * that name without its parenthesis when no other country's is the
 * same ("Britain"); and these common names tzdata spells otherwise:
 * USA, United States of America, America; UK, United Kingdom, Great
 * Britain, England, Scotland, Wales, Northern Ireland; South Korea,
 * Republic of Korea; North Korea; Türkiye, Turkiye; Czechia; Russian
 * Federation; Viet Nam; Ivory Coast, Cote d'Ivoire; DR Congo, Democratic
 * Republic of the Congo; Republic of the Congo; Macedonia; Holy See,
 * Vatican; Lao PDR; Swaziland; Burma; East Timor; Cabo Verde; UAE.
 * The result points into db, or is static. */
const char *tz_country_code(const tz_db *db, const char *country);
/* tzdata's name of a code ("United States"), or NULL. */
const char *tz_country_name(const tz_db *db, const char *code);

/* Where a person's zone came from. */
typedef enum {
	TZ_FROM_NONE,	  /* unknown: tz_answer.why says why */
	TZ_FROM_FIELD,	  /* the `timezone` field */
	TZ_FROM_COUNTRY,  /* the country has one zone */
	TZ_FROM_LOCALITY, /* one of the country's zones, named by locality */
} tz_source;

/* "field", "country", "locality", or NULL for TZ_FROM_NONE (the JSON
 * output's timezone_source). */
const char *tz_source_name(tz_source s);

typedef struct tz_answer {
	const char *zone; /* NULL when unknown; else the field's own string
			     or a name in db: valid while both are */
	tz_source source;
	/* when unknown, why, one line, from the roster's strings as they
	 * are (sanitize it for output): "United States has 29 time zones;
	 * locality 'Portland, OR' names none of them; no timezone field" */
	char why[320];
} tz_answer;

/* A person's zone (each argument may be NULL or empty: absent):
 *   1. `timezone`, when it names a zone file (tz_zone_exists); a name
 *      that does not is unknown, not replaced by the country's;
 *   2. the country's only zone in zone1970.tab;
 *   3. with several, the one zone `locality` names: its first part
 *      before a comma, without regard to ASCII case, equal to a zone's
 *      city (the TZ name's last part, '_' read as a space: "New York" is
 *      America/New_York), else, three characters or more, a whole phrase
 *      of exactly one zone's comment ("Hawaii", "Crimea", "Canary
 *      Islands"); a locality two zones match names none;
 *   4. else unknown, and why.
 * db may be NULL (the tables could not be read): then only the field
 * counts, and why says the tables are missing. */
void tz_person_zone(const tz_db *db, const char *timezone, const char *country,
		    const char *locality, tz_answer *out);

/* Is `zone` a safe TZ name (letters, digits, '/', '_', '+', '-'; no
 * leading '/', no ".." part; at most 255 bytes) whose compiled file
 * exists as a regular file under tz_zones_dir()? */
bool tz_zone_exists(const char *zone);

/* The time somewhere at one moment. */
typedef struct tz_local {
	struct tm tm;	  /* the civil time there (tm_wday: 0 is Sunday) */
	long utc_offset;  /* seconds east of UTC, DST included */
	char abbr[16];	  /* "CEST", "+0530" as tzdata gives it */
} tz_local;

/* A clock fixed at one moment, with the answers per zone cached: many
 * people share a zone, and each is worked out once.
 *
 * The C library computes them: each new zone sets TZ (":DIR/ZONE", the
 * file of tz_zone_exists), calls tzset and localtime_r, then puts TZ back
 * as it was (or unset) and calls tzset again. TZ is process-global: not
 * thread-safe; no other thread may read or change TZ or the local time
 * meanwhile. */
typedef struct tz_clock tz_clock;
tz_clock *tz_clock_new(time_t at); /* NULL when out of memory */
void tz_clock_free(tz_clock *c);
time_t tz_clock_time(const tz_clock *c);
/* The time in `zone` (an IANA name) at the clock's moment; false when
 * the zone is not tz_zone_exists() or the time cannot be represented. */
bool tz_clock_local(tz_clock *c, const char *zone, tz_local *out);

/* "+02:00", "-03:30", "+00:00" (buf: at least 8 bytes). */
void tz_offset_text(long seconds, char *buf, size_t size);

/* A moment as `--at` takes it, into *out (seconds since the epoch):
 *   now                 `now`
 *   HH:MM               that time today, in the process's local time
 *                       zone (TZ), "today" being now's day there
 *   YYYY-MM-DDTHH:MM    in the local time zone ('T' or one space)
 *   YYYY-MM-DDTHH:MMZ   in UTC
 * (":SS" may follow any HH:MM). False, with why in err, otherwise: an
 * impossible date or time (2026-02-30, 24:10) is refused, never moved. */
bool tz_parse_moment(const char *s, time_t now, time_t *out, char *err,
		     size_t errsize);

#endif

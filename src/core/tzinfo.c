/* tzinfo.c: see tzinfo.h. */
#include "teamtui/tzinfo.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

enum {
	TABLE_MAX_BYTES = 4 * 1024 * 1024, /* the real ones are 20 KB */
	ZONE_NAME_MAX = 255,
	FOLD_MAX = 128, /* a country name longer than this is none */
};

struct zone_row {
	const char *codes;   /* "DE,DK,NO,SE,SJ" */
	const char *name;    /* "Europe/Berlin" */
	const char *comment; /* NULL when none */
};

struct country_row {
	char code[3];
	const char *name;
	char fold[FOLD_MAX];  /* the name as compared (fold()) */
	char plain[FOLD_MAX]; /* and without its "(...)", or "" */
};

struct tz_db {
	char *ztext, *itext; /* the tables' text, cut into fields */
	char *dir;
	struct zone_row *zones;
	size_t nzones;
	struct country_row *countries;
	size_t ncountries;
	size_t skipped;
};

const char *tz_tables_dir(void)
{
	const char *d = getenv("TEAMTUI_ZONEINFO");
	if (d && *d)
		return d;
	return tz_zones_dir();
}

const char *tz_zones_dir(void)
{
	const char *d = getenv("TZDIR");
	return d && *d ? d : TZ_DEFAULT_DIR;
}

/* Split `text` into lines; each line that is not blank or a comment is
 * handed to row() (its tab-separated fields NUL-terminated in place);
 * false from row() counts it as skipped, and so does a line with a
 * control character other than tab. */
static void each_line(char *text, tz_db *db, bool (*row)(tz_db *, char **, size_t))
{
	char *p = text;
	while (*p) {
		char *nl = strchr(p, '\n');
		char *next = nl ? nl + 1 : p + strlen(p);
		if (nl)
			*nl = '\0';
		size_t len = strlen(p);
		if (len && p[len - 1] == '\r')
			p[--len] = '\0';
		bool controls = false; /* a row's text is shown: none may hide */
		for (const char *c = p; *c; c++)
			controls |= (*c != '\t' && (unsigned char)*c < 0x20) || *c == 0x7f;
		if (*p && *p != '#' && controls) {
			db->skipped++;
		} else if (*p && *p != '#') {
			char *f[5];
			size_t n = 0;
			char *s = p;
			for (;;) {
				char *tab = strchr(s, '\t');
				if (n < 5)
					f[n++] = s;
				if (!tab)
					break;
				*tab = '\0';
				s = tab + 1;
			}
			if (!row(db, f, n))
				db->skipped++;
		}
		p = next;
	}
}

static bool ascii_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

/* A TZ name as theory.html allows ("File names", "Time zone names"):
 * what tz_zone_exists also requires. */
static bool zone_name_ok(const char *z)
{
	size_t n = strlen(z);
	if (!n || n > ZONE_NAME_MAX || z[0] == '/' || z[n - 1] == '/')
		return false;
	if (strspn(z, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		      "0123456789/_+-.") != n)
		return false;
	/* no "." or ".." part, no empty part */
	for (const char *s = z; *s;) {
		const char *e = strchr(s, '/');
		size_t l = e ? (size_t)(e - s) : strlen(s);
		if (!l || (s[0] == '.' && (l == 1 || (l == 2 && s[1] == '.'))))
			return false;
		s += l + (e ? 1 : 0);
	}
	return true;
}

/* codes: two capital letters each, comma-separated */
static bool codes_ok(const char *s)
{
	for (;;) {
		if (!ascii_upper(s[0]) || !ascii_upper(s[1]))
			return false;
		if (!s[2])
			return true;
		if (s[2] != ',')
			return false;
		s += 3;
	}
}

static bool zone_row(tz_db *db, char **f, size_t n)
{
	if (n < 3 || n > 4 || !codes_ok(f[0]) || !*f[1] || !zone_name_ok(f[2]))
		return false;
	db->zones[db->nzones++] = (struct zone_row){f[0], f[2], n == 4 && *f[3] ? f[3] : NULL};
	return true;
}

/* A name as compared: ASCII lower case, "&" as "and", dots and
 * apostrophes dropped, runs of spaces as one, no "the " in front and no
 * ", the" behind. False when it does not fit. */
static bool fold(const char *s, char *out, size_t size)
{
	size_t o = 0;
	while (*s == ' ' || *s == '\t')
		s++;
	if (!strncasecmp(s, "the ", 4))
		s += 4;
	for (; *s; s++) {
		char c = *s;
		const char *add = NULL;
		char one[2] = {0, 0};
		if (c == '.' || c == '\'')
			continue;
		if (c == '&')
			add = (o && out[o - 1] != ' ') ? " and" : "and";
		else if (c == ' ' || c == '\t')
			add = o && out[o - 1] != ' ' ? " " : "";
		else
			one[0] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c, add = one;
		size_t l = strlen(add);
		if (o + l + 1 > size)
			return false;
		memcpy(out + o, add, l);
		o += l;
	}
	while (o && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
	if (o > 5 && !strcmp(out + o - 5, ", the")) {
		o -= 5;
		out[o] = '\0';
	}
	while (o && (out[o - 1] == ' ' || out[o - 1] == ','))
		out[--o] = '\0';
	return true;
}

static bool country_row(tz_db *db, char **f, size_t n)
{
	if (n != 2 || strlen(f[0]) != 2 || !ascii_upper(f[0][0]) ||
	    !ascii_upper(f[0][1]) || !*f[1])
		return false;
	struct country_row *c = &db->countries[db->ncountries];
	memcpy(c->code, f[0], 3);
	c->name = f[1];
	if (!fold(f[1], c->fold, sizeof(c->fold)))
		return false;
	c->plain[0] = '\0';
	char *par = strstr(c->fold, " (");
	if (par && c->fold[strlen(c->fold) - 1] == ')') {
		size_t l = (size_t)(par - c->fold);
		memcpy(c->plain, c->fold, l);
		c->plain[l] = '\0';
	}
	db->ncountries++;
	return true;
}

static size_t count_lines(const char *s)
{
	size_t n = 1;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

tz_db *tz_db_parse(const char *zone1970, size_t zlen, const char *iso3166,
		   size_t ilen, const char *dir)
{
	tz_db *db = calloc(1, sizeof(*db));
	if (!db)
		return NULL;
	db->ztext = malloc(zlen + 1);
	db->itext = malloc(ilen + 1);
	db->dir = strdup(dir ? dir : "zone1970.tab");
	if (!db->ztext || !db->itext || !db->dir) {
		tz_db_free(db);
		return NULL;
	}
	memcpy(db->ztext, zone1970, zlen);
	db->ztext[zlen] = '\0';
	memcpy(db->itext, iso3166, ilen);
	db->itext[ilen] = '\0';
	/* a NUL inside ends the text: no row hides behind one */
	db->zones = calloc(count_lines(db->ztext), sizeof(*db->zones));
	db->countries = calloc(count_lines(db->itext), sizeof(*db->countries));
	if (!db->zones || !db->countries) {
		tz_db_free(db);
		return NULL;
	}
	each_line(db->ztext, db, zone_row);
	each_line(db->itext, db, country_row);
	if (!db->nzones || !db->ncountries) {
		tz_db_free(db);
		return NULL;
	}
	return db;
}

/* The whole of a table file, malloc'd, or NULL (err says why). */
static char *slurp(const char *path, size_t *len, char *err, size_t errsize)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	if (!f || fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		snprintf(err, errsize, "%s: %s", path,
			 f ? "not a file" : strerror(errno));
		if (f)
			fclose(f);
		return NULL;
	}
	if (st.st_size > TABLE_MAX_BYTES) {
		snprintf(err, errsize, "%s: larger than %d bytes; not a tzdata table",
			 path, TABLE_MAX_BYTES);
		fclose(f);
		return NULL;
	}
	char *buf = malloc((size_t)st.st_size + 1);
	size_t n = buf ? fread(buf, 1, (size_t)st.st_size, f) : 0;
	bool bad = buf && ferror(f);
	fclose(f);
	if (!buf || bad) {
		snprintf(err, errsize, "%s: %s", path, buf ? "read error" : "out of memory");
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

tz_db *tz_db_open(const char *dir, char *err, size_t errsize)
{
	if (!dir)
		dir = tz_tables_dir();
	size_t n = strlen(dir) + 16;
	char *zp = malloc(n), *ip = malloc(n);
	char *zt = NULL, *it = NULL;
	size_t zl = 0, il = 0;
	tz_db *db = NULL;
	if (!zp || !ip) {
		snprintf(err, errsize, "out of memory");
		goto out;
	}
	snprintf(zp, n, "%s/zone1970.tab", dir);
	snprintf(ip, n, "%s/iso3166.tab", dir);
	if (!(zt = slurp(zp, &zl, err, errsize)) || !(it = slurp(ip, &il, err, errsize)))
		goto out;
	db = tz_db_parse(zt, zl, it, il, dir);
	if (!db)
		snprintf(err, errsize, "%s/zone1970.tab, iso3166.tab: no rows, or out of memory",
			 dir);
out:
	free(zp);
	free(ip);
	free(zt);
	free(it);
	return db;
}

void tz_db_free(tz_db *db)
{
	if (!db)
		return;
	free(db->ztext);
	free(db->itext);
	free(db->dir);
	free(db->zones);
	free(db->countries);
	free(db);
}

size_t tz_db_skipped(const tz_db *db)
{
	return db ? db->skipped : 0;
}

size_t tz_db_nzones(const tz_db *db)
{
	return db ? db->nzones : 0;
}

const char *tz_db_zone(const tz_db *db, size_t i, const char **codes,
		       const char **comment)
{
	if (!db || i >= db->nzones)
		return NULL;
	if (codes)
		*codes = db->zones[i].codes;
	if (comment)
		*comment = db->zones[i].comment;
	return db->zones[i].name;
}

/* Common names that tzdata spells otherwise (tzinfo.h), folded. */
static const struct alias {
	const char *name, *code;
} aliases[] = {
	{"usa", "US"}, {"united states of america", "US"}, {"america", "US"},
	{"us of a", "US"},
	{"uk", "GB"}, {"united kingdom", "GB"}, {"great britain", "GB"},
	{"england", "GB"}, {"scotland", "GB"}, {"wales", "GB"},
	{"northern ireland", "GB"},
	{"south korea", "KR"}, {"republic of korea", "KR"}, {"korea, republic of", "KR"},
	{"north korea", "KP"},
	{"t\xc3\xbcrkiye", "TR"}, {"turkiye", "TR"},
	{"czechia", "CZ"},
	{"russian federation", "RU"},
	{"viet nam", "VN"},
	{"ivory coast", "CI"}, {"cote divoire", "CI"},
	{"dr congo", "CD"}, {"democratic republic of the congo", "CD"},
	{"republic of the congo", "CG"},
	{"macedonia", "MK"},
	{"holy see", "VA"}, {"vatican", "VA"},
	{"lao pdr", "LA"},
	{"swaziland", "SZ"},
	{"burma", "MM"},
	{"timor-leste", "TL"},
	{"cabo verde", "CV"},
	{"uae", "AE"},
};

const char *tz_country_code(const tz_db *db, const char *country)
{
	char f[FOLD_MAX];
	if (!db || !country || !fold(country, f, sizeof(f)) || !*f)
		return NULL;
	if (strlen(f) == 2) /* a code */
		for (size_t i = 0; i < db->ncountries; i++)
			if (!strcasecmp(db->countries[i].code, f))
				return db->countries[i].code;
	for (size_t i = 0; i < db->ncountries; i++)
		if (!strcmp(db->countries[i].fold, f))
			return db->countries[i].code;
	for (size_t i = 0; i < sizeof(aliases) / sizeof(*aliases); i++)
		if (!strcmp(aliases[i].name, f))
			return tz_country_name(db, aliases[i].code) ? aliases[i].code : NULL;
	const char *found = NULL;
	for (size_t i = 0; i < db->ncountries; i++)
		if (db->countries[i].plain[0] && !strcmp(db->countries[i].plain, f)) {
			if (found) /* "Korea", "Virgin Islands": which? */
				return NULL;
			found = db->countries[i].code;
		}
	return found;
}

const char *tz_country_name(const tz_db *db, const char *code)
{
	for (size_t i = 0; db && code && i < db->ncountries; i++)
		if (!strcmp(db->countries[i].code, code))
			return db->countries[i].name;
	return NULL;
}

const char *tz_source_name(tz_source s)
{
	switch (s) {
	case TZ_FROM_FIELD:
		return "field";
	case TZ_FROM_COUNTRY:
		return "country";
	case TZ_FROM_LOCALITY:
		return "locality";
	default:
		return NULL;
	}
}

static bool has_code(const char *codes, const char *code)
{
	for (const char *s = codes; s[0] && s[1]; s += s[2] ? 3 : 2) {
		if (s[0] == code[0] && s[1] == code[1])
			return true;
		if (!s[2])
			break;
	}
	return false;
}

/* The zone's city: its name's last part, '_' as ' ' (buf). */
static const char *city(const char *zone, char *buf, size_t size)
{
	const char *slash = strrchr(zone, '/');
	snprintf(buf, size, "%s", slash ? slash + 1 : zone);
	for (char *p = buf; *p; p++)
		if (*p == '_')
			*p = ' ';
	return buf;
}

static bool word_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c >= 0x80;
}

/* Is `phrase` in `text` as a whole phrase (ASCII case ignored)? */
static bool has_phrase(const char *text, const char *phrase)
{
	size_t n = strlen(phrase);
	if (!n)
		return false;
	for (const char *s = text; *s; s++)
		if (!strncasecmp(s, phrase, n) && (s == text || !word_char((unsigned char)s[-1])) &&
		    !word_char((unsigned char)s[n]))
			return true;
	return false;
}

/* locality's first part, trimmed (buf) */
static const char *place(const char *locality, char *buf, size_t size)
{
	while (*locality == ' ' || *locality == '\t')
		locality++;
	size_t n = strcspn(locality, ",");
	while (n && (locality[n - 1] == ' ' || locality[n - 1] == '\t'))
		n--;
	if (n >= size)
		n = size - 1;
	memcpy(buf, locality, n);
	buf[n] = '\0';
	return buf;
}

static void say(tz_answer *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(tz_answer *out, const char *fmt, ...)
{
	size_t l = strlen(out->why);
	if (l + 1 >= sizeof(out->why))
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(out->why + l, sizeof(out->why) - l, fmt, ap);
	va_end(ap);
}

void tz_person_zone(const tz_db *db, const char *timezone, const char *country,
		    const char *locality, tz_answer *out)
{
	memset(out, 0, sizeof(*out));
	if (timezone && *timezone) {
		if (tz_zone_exists(timezone)) {
			out->zone = timezone;
			out->source = TZ_FROM_FIELD;
		} else {
			say(out, "timezone '%.100s' is no zone of tzdata", timezone);
		}
		return;
	}
	if (!country || !*country) {
		say(out, "no timezone or country field");
		return;
	}
	if (!db) {
		say(out, "no timezone field, and tzdata's tables could not be read "
			 "to find the zone of '%.100s'", country);
		return;
	}
	const char *code = tz_country_code(db, country);
	if (!code) {
		say(out, "country '%.100s' is none of tzdata's (iso3166.tab); "
			 "no timezone field", country);
		return;
	}
	size_t n = 0, last = 0;
	for (size_t i = 0; i < db->nzones; i++)
		if (has_code(db->zones[i].codes, code))
			n++, last = i;
	if (n == 1) {
		out->zone = db->zones[last].name;
		out->source = TZ_FROM_COUNTRY;
		return;
	}
	const char *cname = tz_country_name(db, code);
	if (!n) {
		say(out, "%s has no zone in zone1970.tab; no timezone field", cname);
		return;
	}
	char want[128], buf[128];
	const char *loc = locality ? place(locality, want, sizeof(want)) : "";
	size_t by_city = 0, by_comment = 0, ci = 0, mi = 0;
	for (size_t i = 0; *loc && i < db->nzones; i++) {
		if (!has_code(db->zones[i].codes, code))
			continue;
		if (!strcasecmp(city(db->zones[i].name, buf, sizeof(buf)), loc))
			by_city++, ci = i;
		if (strlen(loc) >= 3 && db->zones[i].comment &&
		    has_phrase(db->zones[i].comment, loc))
			by_comment++, mi = i;
	}
	if (by_city == 1 || (!by_city && by_comment == 1)) {
		out->zone = db->zones[by_city ? ci : mi].name;
		out->source = TZ_FROM_LOCALITY;
		return;
	}
	say(out, "%s has %zu time zones; ", cname, n);
	if (!*loc)
		say(out, "no locality to tell which; ");
	else if (by_city + by_comment > 1)
		say(out, "locality '%.100s' names more than one of them; ", locality);
	else
		say(out, "locality '%.100s' names none of them; ", locality);
	say(out, "no timezone field");
}

bool tz_zone_exists(const char *zone)
{
	if (!zone || !zone_name_ok(zone))
		return false;
	const char *dir = tz_zones_dir();
	size_t n = strlen(dir) + strlen(zone) + 2;
	char *path = malloc(n);
	if (!path)
		return false;
	snprintf(path, n, "%s/%s", dir, zone);
	struct stat st;
	bool ok = stat(path, &st) == 0 && S_ISREG(st.st_mode);
	free(path);
	return ok;
}

/* Days since 1970-01-01 of a civil date (proleptic Gregorian; H. Hinnant's
 * days_from_civil). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Seconds since the epoch of a broken-down civil time read as UTC. */
static int64_t civil_seconds(const struct tm *tm)
{
	return days_from_civil((int64_t)tm->tm_year + 1900, tm->tm_mon + 1, tm->tm_mday) * 86400 +
	       tm->tm_hour * 3600 + tm->tm_min * 60 + tm->tm_sec;
}

struct cached {
	char *zone;
	bool ok;
	tz_local local;
	struct cached *next;
};

enum { CLOCK_SLOTS = 256 };

struct tz_clock {
	time_t at;
	struct cached *slot[CLOCK_SLOTS];
};

tz_clock *tz_clock_new(time_t at)
{
	tz_clock *c = calloc(1, sizeof(*c));
	if (c)
		c->at = at;
	return c;
}

void tz_clock_free(tz_clock *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < CLOCK_SLOTS; i++)
		for (struct cached *e = c->slot[i], *next; e; e = next) {
			next = e->next;
			free(e->zone);
			free(e);
		}
	free(c);
}

time_t tz_clock_time(const tz_clock *c)
{
	return c->at;
}

/* The C library's answer for `zone` at `at` (TZ set, then put back). */
static bool compute(const char *zone, time_t at, tz_local *out)
{
	if (!tz_zone_exists(zone))
		return false;
	const char *dir = tz_zones_dir();
	size_t n = strlen(dir) + strlen(zone) + 3;
	char *tz = malloc(n);
	const char *old_env = getenv("TZ");
	char *old = old_env ? strdup(old_env) : NULL;
	if (!tz || (old_env && !old)) {
		free(tz);
		free(old);
		return false;
	}
	snprintf(tz, n, ":%s/%s", dir, zone);
	bool ok = setenv("TZ", tz, 1) == 0;
	if (ok) {
		tzset();
		ok = localtime_r(&at, &out->tm) != NULL;
		if (ok && !strftime(out->abbr, sizeof(out->abbr), "%Z", &out->tm))
			out->abbr[0] = '\0';
	}
	if (old)
		setenv("TZ", old, 1);
	else
		unsetenv("TZ");
	tzset();
	free(old);
	free(tz);
	if (ok)
		out->utc_offset = (long)(civil_seconds(&out->tm) - (int64_t)at);
	return ok;
}

bool tz_clock_local(tz_clock *c, const char *zone, tz_local *out)
{
	if (!c || !zone)
		return false;
	uint32_t h = 2166136261u;
	for (const char *s = zone; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	struct cached **head = &c->slot[h % CLOCK_SLOTS];
	for (struct cached *e = *head; e; e = e->next)
		if (!strcmp(e->zone, zone)) {
			if (e->ok)
				*out = e->local;
			return e->ok;
		}
	struct cached *e = calloc(1, sizeof(*e));
	if (e && !(e->zone = strdup(zone))) {
		free(e);
		e = NULL;
	}
	tz_local l;
	bool ok = compute(zone, c->at, &l);
	if (e) {
		e->ok = ok;
		e->local = l;
		e->next = *head;
		*head = e;
	}
	if (ok)
		*out = l;
	return ok;
}

void tz_offset_text(long seconds, char *buf, size_t size)
{
	char sign = seconds < 0 ? '-' : '+';
	long a = seconds < 0 ? -seconds : seconds;
	snprintf(buf, size, "%c%02ld:%02ld", sign, a / 3600 % 100, a / 60 % 60);
}

/* n digits at s into *v */
static bool digits(const char *s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		*v = *v * 10 + (s[i] - '0');
	}
	return true;
}

/* "HH:MM[:SS]" at s; *end past it */
static bool clock_time(const char *s, int *h, int *m, int *sec, const char **end)
{
	if (!digits(s, 2, h) || s[2] != ':' || !digits(s + 3, 2, m))
		return false;
	*sec = 0;
	s += 5;
	if (*s == ':') {
		if (!digits(s + 1, 2, sec))
			return false;
		s += 3;
	}
	*end = s;
	return *h <= 23 && *m <= 59 && *sec <= 59;
}

static int month_days(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : d[m - 1];
}

/* mktime of a local civil time, refusing one that does not exist (a DST
 * gap) or was normalised. */
static bool local_moment(int y, int mo, int d, int h, int mi, int s, time_t *out)
{
	struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d,
			.tm_hour = h, .tm_min = mi, .tm_sec = s, .tm_isdst = -1};
	time_t t = mktime(&tm);
	if (t == (time_t)-1 && !(y == 1969 && mo == 12 && d == 31))
		return false;
	*out = t;
	return tm.tm_hour == h && tm.tm_min == mi && tm.tm_mday == d;
}

bool tz_parse_moment(const char *s, time_t now, time_t *out, char *err,
		     size_t errsize)
{
	int y, mo, d, h, mi, sec;
	const char *end;
	if (!strcmp(s, "now")) {
		*out = now;
		return true;
	}
	if (clock_time(s, &h, &mi, &sec, &end) && !*end) {
		struct tm today;
		if (!localtime_r(&now, &today) ||
		    !local_moment(today.tm_year + 1900, today.tm_mon + 1, today.tm_mday,
				  h, mi, sec, out)) {
			snprintf(err, errsize, "'%.40s' does not exist today here (a "
					       "daylight saving time gap)", s);
			return false;
		}
		return true;
	}
	if (digits(s, 4, &y) && s[4] == '-' && digits(s + 5, 2, &mo) && s[7] == '-' &&
	    digits(s + 8, 2, &d) && (s[10] == 'T' || s[10] == ' ') &&
	    clock_time(s + 11, &h, &mi, &sec, &end) && (!*end || !strcmp(end, "Z"))) {
		if (mo < 1 || mo > 12 || d < 1 || d > month_days(y, mo) || y < 1970) {
			snprintf(err, errsize, "'%.40s' is no date", s);
			return false;
		}
		if (*end == 'Z') {
			struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d,
					.tm_hour = h, .tm_min = mi, .tm_sec = sec};
			*out = (time_t)civil_seconds(&tm);
			return true;
		}
		if (!local_moment(y, mo, d, h, mi, sec, out)) {
			snprintf(err, errsize, "'%.40s' does not exist here (a daylight "
					       "saving time gap)", s);
			return false;
		}
		return true;
	}
	snprintf(err, errsize, "'%.40s' is not a time: now, HH:MM, "
			       "YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MMZ", s);
	return false;
}

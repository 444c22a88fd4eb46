/* fuzz-tzdata: tzdata's tables as tzinfo reads them (tz_db_parse), and
 * what they then answer (tz_country_code, tz_person_zone).
 *
 * Feeds: the first byte picks the table the rest is (even: zone1970.tab,
 * next to a fixed iso3166.tab; odd: iso3166.tab, next to a fixed
 * zone1970.tab); the rest's first line is also used as a country and a
 * locality.
 * Asserts: no memory error, leak or undefined behaviour; the same bytes
 * give the same tables twice; every zone kept is a safe TZ name (no
 * leading '/', no "." or ".." part, theory.html's characters) with
 * well-formed country codes; every country code found (for each name
 * of the table, and for the first line) names a country of the tables;
 * the zone answered for a country is
 * one of the tables' zones that lists it, an unknown one says why,
 * one line once through the output gate (it quotes the roster's text as
 * it is); no row with a control character is kept. */
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"
#include "teamtui/sanitize.h"
#include "teamtui/tzinfo.h"

static const char fixed_zones[] =
    "#codes\tcoordinates\tTZ\tcomments\n"
    "CH,DE,LI\t+4723+00832\tEurope/Zurich\tB\xc3\xbcsingen\n"
    "DE,DK,NO,SE,SJ\t+5230+01322\tEurope/Berlin\tmost of Germany\n"
    "GB,GG,IM,JE\t+513030-0000731\tEurope/London\n"
    "US\t+404251-0740023\tAmerica/New_York\tEastern (most areas)\n"
    "US\t+211825-1575130\tPacific/Honolulu\tHawaii\n";
static const char fixed_countries[] =
    "#code\tname\n"
    "CH\tSwitzerland\nDE\tGermany\nDK\tDenmark\nGB\tBritain (UK)\n"
    "KR\tKorea (South)\nKP\tKorea (North)\nUS\tUnited States\n";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static bool zone_ok(const char *z)
{
	size_t n = strlen(z);
	if (!n || z[0] == '/' || z[n - 1] == '/' || strstr(z, "//") || !strcmp(z, ".") ||
	    !strncmp(z, "./", 2) || !strncmp(z, "../", 3) || strstr(z, "/./") ||
	    strstr(z, "/../") || (n >= 2 && !strcmp(z + n - 2, "/.")) ||
	    (n >= 3 && !strcmp(z + n - 3, "/..")) || !strcmp(z, ".."))
		return false;
	return strspn(z, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			 "0123456789/_+-.") == n;
}

static bool codes_ok(const char *s)
{
	for (;;) {
		if (!(s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'))
			return false;
		if (!s[2])
			return true;
		if (s[2] != ',')
			return false;
		s += 3;
	}
}

static bool lists(const char *codes, const char *code)
{
	for (const char *s = codes; *s; s += 3) {
		if (s[0] == code[0] && s[1] == code[1])
			return true;
		if (!s[2])
			break;
	}
	return false;
}

static void check_answer(const tz_db *db, const char *country, const char *locality)
{
	tz_answer a, b;
	tz_person_zone(db, NULL, country, locality, &a);
	tz_person_zone(db, NULL, country, locality, &b);
	FZ_CHECK(a.zone == b.zone && a.source == b.source && !strcmp(a.why, b.why),
		 "two answers differ");
	if (!a.zone) {
		FZ_CHECK(a.source == TZ_FROM_NONE && *a.why, "unknown without a reason");
		/* it quotes the roster as it is; as shown, it is one line */
		char *shown = sanitize(a.why, SANITIZE_VISIBLE);
		FZ_CHECK(shown != NULL, "out of memory");
		fz_check_clean(shown, 0, "the reason, as shown");
		free(shown);
		return;
	}
	FZ_CHECK(a.source == TZ_FROM_COUNTRY || a.source == TZ_FROM_LOCALITY,
		 "a zone from nowhere");
	const char *code = tz_country_code(db, country);
	FZ_CHECK(code != NULL, "a zone for a country that is none");
	bool found = false;
	for (size_t i = 0; i < tz_db_nzones(db) && !found; i++) {
		const char *codes;
		found = tz_db_zone(db, i, &codes, NULL) == a.zone && lists(codes, code);
	}
	FZ_CHECK(found, "zone '%s' is not one of %s's rows", a.zone, code);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	bool zones = !(data[0] & 1);
	const char *text = (const char *)data + 1;
	size_t len = size - 1;
	const char *zt = zones ? text : fixed_zones, *it = zones ? fixed_countries : text;
	size_t zl = zones ? len : sizeof(fixed_zones) - 1;
	size_t il = zones ? sizeof(fixed_countries) - 1 : len;
	tz_db *db = tz_db_parse(zt, zl, it, il, NULL);
	tz_db *db2 = tz_db_parse(zt, zl, it, il, NULL);
	FZ_CHECK(!db == !db2, "two readings differ");
	if (!db)
		return 0;
	FZ_CHECK(tz_db_nzones(db) == tz_db_nzones(db2) && tz_db_skipped(db) == tz_db_skipped(db2),
		 "two readings differ");
	for (size_t i = 0; i < tz_db_nzones(db); i++) {
		const char *codes, *comment;
		const char *z = tz_db_zone(db, i, &codes, &comment);
		FZ_CHECK(z && zone_ok(z), "an unsafe zone name: '%s'", z ? z : "(null)");
		FZ_CHECK(codes_ok(codes), "bad country codes '%s'", codes);
		FZ_CHECK(!comment || *comment, "an empty comment kept");
		for (const char *c = comment ? comment : ""; *c; c++)
			FZ_CHECK((unsigned char)*c >= 0x20 && *c != 0x7f, "a control kept");
		const char *codes2, *comment2;
		FZ_CHECK(!strcmp(z, tz_db_zone(db2, i, &codes2, &comment2)) &&
			     !strcmp(codes, codes2) && !comment == !comment2,
			 "two readings differ");
	}
	/* every country of the fuzzed table: its name finds a country of
	 * that name */
	if (!zones) {
		char *copy = fz_cstr(data + 1, len);
		for (char *line = copy, *next; line; line = next) {
			next = strchr(line, '\n');
			if (next)
				*next++ = '\0';
			char *tab = strchr(line, '\t');
			if (line[0] == '#' || !tab || strlen(line) != 2 + strlen(tab))
				continue;
			const char *code = tz_country_code(db, tab + 1);
			if (code)
				FZ_CHECK(tz_country_name(db, code) != NULL,
					 "code '%s' names nothing", code);
			check_answer(db, tab + 1, NULL);
		}
		free(copy);
	}
	/* the first line as a country and as a locality */
	char *first = fz_cstr(data + 1, len);
	first[strcspn(first, "\n")] = '\0';
	const char *code = tz_country_code(db, first);
	FZ_CHECK(!code || (strlen(code) == 2 && tz_country_name(db, code)),
		 "a code that is none");
	check_answer(db, first, NULL);
	check_answer(db, "United States", first);
	check_answer(db, "Germany", first);
	check_answer(db, first, first);
	free(first);
	tz_db_free(db);
	tz_db_free(db2);
	return 0;
}

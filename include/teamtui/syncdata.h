/* syncdata: is a downloaded data file what a handbook build reads? The
 * check `teamtui sync` makes before a download may replace a file of the
 * data directory (datadir.h): a truncated, empty, HTML or invalid-YAML
 * answer never takes the place of a good file. Pure: bytes in, a verdict
 * out; no curses, no curl, no files. The YAML is read by libyaml (ydoc.h).
 *
 * What each file must be (the shapes the handbook's own build reads, see
 * handbook.h and stages.h):
 *   team.yml        a list of people: a sequence, and at least one entry
 *                   a map with a non-blank `slug`
 *   stages.yml      a map whose `stages:` is a map with at least one stage
 *   sections.yml    a map with at least one section (a key whose value is
 *                   a map)
 *   categories.yml  a map with at least one category (likewise) */
#ifndef TEAMTUI_SYNCDATA_H
#define TEAMTUI_SYNCDATA_H

#include <stdbool.h>
#include <stddef.h>

/* What a file that passed holds. */
typedef struct syncdata_info {
	size_t count;  /* team.yml: entries with a slug (people); stages.yml:
			  stages; sections.yml: sections; categories.yml:
			  categories */
	size_t groups; /* stages.yml: product groups (each stage's `groups:`
			  map); 0 for the other files */
} syncdata_info;

/* Check `len` bytes (need not be NUL-terminated, may hold NULs) as the
 * data file `name`, one of datadir_files. True with *info filled; false
 * with one line in why (info zeroed), one of:
 *   "empty file"                      no bytes, only white space, or no
 *                                     YAML document (only comments, `~`)
 *   "UTF-16 text; save it as UTF-8"   (or UTF-32; yload_encoding_problem)
 *   "an HTML page, not YAML"          the first non-blank character is
 *                                     '<' before '!', '?' or a letter: an
 *                                     error page served with status 200
 *   "not YAML: line 3 column 5: M"    libyaml's first error (syntax, a
 *                                     character it refuses, invalid UTF-8),
 *                                     or ydoc's (a key that is a map)
 *   "not a list of people"            team.yml whose document is no list
 *   "no entry has a slug"             team.yml: a list, but of no person
 *   "no stages: map"                  stages.yml without a non-empty
 *                                     `stages:` map
 *   "not a map of sections", "no sections" (and likewise categories)
 *   "not a file teamtui syncs"        name is none of datadir_files
 *   "out of memory"
 * A UTF-8 byte-order mark is skipped; warnings (a repeated key) pass. */
bool syncdata_check(const char *name, const char *buf, size_t len,
		    syncdata_info *info, char *why, size_t whysize);

/* What *now holds, in words, for `name`: "2,013 people", "52 stages, 140
 * groups", "4 sections", "312 categories" (thousands grouped with
 * commas). With `before` (NULL: none), a count that changed says what it
 * was: "2,013 people (was 2,010)", "52 stages, 141 groups (was 140)". */
void syncdata_describe(const char *name, const syncdata_info *now,
		       const syncdata_info *before, char *buf, size_t size);

/* n with its thousands grouped by commas: "2,013", "8", "1,000,000". */
void syncdata_count(size_t n, char *buf, size_t size);

#endif

/* digest: a compact record of a roster as its readers see it: who is in
 * it (slug, name, role, reports_to, GitLab handle) and who every people
 * table lists, so that two versions can be compared (changes.h) without
 * keeping either roster. Pure: no curses, no curl.
 *
 * A digest owns its strings (one arena). Its text form (digest_format,
 * digest_parse) is what the digest store (digeststore.h) keeps on disk:
 * line-based, UTF-8, versioned, every field escaped, so a digest read back
 * is equal to the one written. */
#ifndef TEAMTUI_DIGEST_H
#define TEAMTUI_DIGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "teamtui/resolve.h"
#include "teamtui/roster.h"

typedef struct digest_person {
	const char *slug;
	const char *name;
	const char *role;	/* plain text (person.role), "" when none */
	const char *reports_to; /* "" when none */
	const char *gitlab;	/* "" when none */
} digest_person;

typedef enum { DIGEST_MEMBERS, DIGEST_COUNTERPARTS } digest_table_kind;

/* One people table as resolved (resolve_table). */
typedef struct digest_table {
	const char *group;	/* group id */
	const char *group_name;
	digest_table_kind kind; /* stable-counterparts: COUNTERPARTS */
	size_t index;		/* its place among the group's tables */
	const char *shortcode;	/* as written: "team-by-manager-slug" */
	const char *file;	/* the call's file (page or groups.yml, as
				   roster srcloc.file) and line */
	int line;
	const char *manager;	/* the manager slug the call gives, "" none */
	bool manager_row;	/* the manager row is shown */
	const char **slugs;	/* the rows, rendered order (manager first) */
	size_t n;
} digest_table;

typedef struct digest {
	struct arena *arena;
	digest_person *people; /* sorted by slug (byte order), unique */
	size_t npeople;
	digest_table *tables;  /* sorted by group id, then index */
	size_t ntables;
	uint64_t hash;	       /* of the content (not of when or where:
				  every field but a table's file and line,
				  which move with any edit above a call) */
} digest;

/* The digest of r, every table resolved with rs. NULL only when out of
 * memory. Cost: resolve_all plus one pass over people and tables (and a
 * sort of each). A slug the roster has twice, or a group id, counts once:
 * the first, as roster_person and roster_group find it. Strings are
 * copies: the digest outlives r. */
digest *digest_of(const roster *r, resolver *rs);

/* The text form, malloc'd, NUL-terminated (its length in *len). NULL when
 * out of memory. The format is described at the top of digest.c: a header
 * line "teamtui-digest 1 people N tables M", then one line a record, its
 * fields separated by tabs, each escaped (\\, \t, \n, \r, \xHH for other
 * controls and for bytes that are not valid UTF-8). */
char *digest_format(const digest *d, size_t *len);
/* Read a text form (len bytes, untrusted: any byte may be anything).
 * NULL with one line in err when it is not one ("line 12: bad escape
 * '\q'"), or when out of memory ("out of memory"). Records must be in
 * the order digest_format writes them (sorted, no key twice) and as many
 * as the header says. */
digest *digest_parse(const char *text, size_t len, char *err, size_t errsize);

/* A delta: the text that turns `base` into `d` (digest_patch): d's
 * records that base lacks or has otherwise, and the keys of base's
 * records d lacks, under a header that names both versions' hashes.
 * malloc'd, NUL-terminated, its length in *len; NULL when out of memory.
 * The digest store keeps older versions this way (digeststore.h). */
char *digest_delta(const digest *base, const digest *d, size_t *len);
/* Apply a delta (len bytes, untrusted) to d in place: d becomes the
 * version the delta was made for. False with one line in err when the
 * text is not a delta, is one against another version (its base hash is
 * not d->hash), or the result's hash is not the one it names; d is then
 * unchanged. */
bool digest_patch(digest *d, const char *text, size_t len, char *err,
		  size_t errsize);

/* The person with this slug, or NULL (binary search). */
const digest_person *digest_person_of(const digest *d, const char *slug);
/* The table of group `group` at `index`, or NULL (binary search). */
const digest_table *digest_table_of(const digest *d, const char *group,
				    size_t index);
void digest_free(digest *d);

#endif

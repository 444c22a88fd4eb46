/* okr: a group's OKRs as GitLab returns them, parsed and normalised:
 * objectives with their key results nested under them. Parsing is cJSON
 * with a type check before every read (JSON nulls are normal); the same
 * normalised form goes to the disk cache and to --json. */
#ifndef TEAMTUI_OKR_H
#define TEAMTUI_OKR_H

#include <stdbool.h>
#include <stddef.h>

struct cJSON;

typedef struct okr_user {
	char *username; /* GitLab handle, never NULL */
	char *name;	/* display name, or NULL when GitLab gave none */
} okr_user;

typedef struct okr_item {
	char *iid, *title, *state, *url, *type; /* type: "Objective", ... */
	char *health;	/* "onTrack", "needsAttention", "atRisk" or NULL */
	int progress;	/* percent, -1 when unknown */
	char *due;	/* YYYY-MM-DD or NULL */
	char *assignees; /* "@alice, @bob" or NULL (text views) */
	okr_user *users; /* the same assignees with their names (JSON) */
	size_t nusers;
	char *parent;	/* parent iid or NULL */
} okr_item;

typedef struct okr_list {
	okr_item *v;
	size_t n, cap;
} okr_list;

void okr_list_free(okr_list *l);

/* Parse JSON from outside (a server's answer, a cache file) with cJSON,
 * `len` bytes of `json` (no NUL needed). A "\u0000" escape inside a string
 * becomes U+FFFD instead of silently ending the string there (cJSON's
 * strings are NUL-terminated); a raw NUL byte, never valid JSON (RFC 8259
 * section 7), is refused. The document (cJSON_Delete it), or NULL with
 * "invalid JSON from the server (near byte N)" in err. */
struct cJSON *okr_json_parse(const char *json, size_t len, char *err,
			     size_t errsize);

/* One page of a GraphQL workItems answer (parsed by okr_json_parse):
 * appends its items; sets *next_cursor (malloc'd, NULL on the last page).
 * False with a reason in err when the document is not what GitLab answers
 * ("errors": [...]). */
bool okr_parse_graphql(const char *json, size_t len, okr_list *out,
		       char **next_cursor, char *err, size_t errsize);
/* One page of the REST issue list. */
bool okr_parse_issues(const char *json, size_t len, okr_list *out, char *err,
		      size_t errsize);

/* The items in display order: each objective (or parentless item) then
 * the items whose parent it is, recursively; orphans (a parent not in the
 * list) at the top level. Fills order[] with indexes and depth[] with the
 * nesting level; returns the count (== l->n). */
size_t okr_order(const okr_list *l, size_t *order, int *depth);

/* The normalised list as JSON (for the cache and --json), and back. */
struct cJSON *okr_to_json(const okr_list *l);
bool okr_from_json(const struct cJSON *a, okr_list *out);

/* "on track", "needs attention", "at risk" */
const char *okr_health_text(const char *health);

#endif

/* gitlab: the GitLab client, libcurl's multi interface so a caller can
 * drive it from its own loop (the TUI's input loop) and never block.
 * Knows nothing of curses. Fetches a group's OKRs (GraphQL work items, or
 * the REST issue list) and open-issue counts per label, with a disk cache
 * (cache.h), ETags, pagination, timeouts, a size cap, and one-line reasons
 * when it fails. */
#ifndef TEAMTUI_GITLAB_H
#define TEAMTUI_GITLAB_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "teamtui/diag.h"
#include "teamtui/okr.h"
#include "teamtui/roster.h"

typedef struct gitlab_config {
	char *base;    /* "https://gitlab.com"; plain http only on loopback */
	char *token;   /* NULL: anonymous */
	char *ca_cert; /* NULL: the system's */
	long connect_timeout, stall_timeout, total_timeout; /* seconds */
} gitlab_config;

/* GITLAB_HOST / GITLAB_TOKEN (glab's names), then gitlab_host,
 * gitlab_token and ca_cert in config.yml (a token only from a file nobody
 * else can read). Problems go to diags; false when the host is unusable. */
bool gitlab_config_load(gitlab_config *c, diag_list *diags);
void gitlab_config_free(gitlab_config *c);

typedef struct gitlab_client gitlab_client;
typedef struct gitlab_fetch gitlab_fetch;

typedef enum { FETCH_RUNNING, FETCH_DONE, FETCH_FAILED } fetch_state;

/* NULL when libcurl cannot start or there is no usable cache directory. */
gitlab_client *gitlab_new(const gitlab_config *cfg, char *err, size_t errsize);
void gitlab_free(gitlab_client *c);

/* Start fetching a group's OKRs. `offline`: the cache only. Without
 * `refresh`, a cache younger than 15 minutes answers without a request.
 * The fetch belongs to the client (freed with it). */
gitlab_fetch *gitlab_fetch_okrs(gitlab_client *c, const okr_source *src,
				bool offline, bool refresh);
/* Open issues carrying `label` in the group of `issues_url`. */
gitlab_fetch *gitlab_fetch_count(gitlab_client *c, const char *issues_url,
				 const char *label, bool offline);

/* Run transfers; wait at most timeout_ms for network activity (0: just
 * what is ready). Returns how many fetches are still running. */
int gitlab_step(gitlab_client *c, int timeout_ms);

fetch_state gitlab_state(const gitlab_fetch *f);
/* The items (DONE, or FAILED with a cached copy); never NULL. */
const okr_list *gitlab_items(const gitlab_fetch *f);
long gitlab_count(const gitlab_fetch *f); /* -1 when unknown */
/* Why it failed: "401 bad or missing token (GITLAB_TOKEN)"; NULL if not. */
const char *gitlab_error(const gitlab_fetch *f);
/* When the data was fetched (0: never); whether it came from the cache. */
time_t gitlab_fetched_at(const gitlab_fetch *f);
bool gitlab_from_cache(const gitlab_fetch *f);
/* "just now", "4 min ago", "3 h ago", "2 days ago" */
void gitlab_age(time_t then, time_t now, char *buf, size_t size);

#endif

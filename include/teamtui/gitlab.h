/* gitlab: the GitLab client, libcurl's multi interface so a caller can
 * drive it from its own loop (the TUI's input loop) and never block.
 * libcurl is loaded when first needed (curlso.h), not linked: a command
 * that never calls this module never loads it.
 * Knows nothing of curses. Fetches a group's OKRs (GraphQL work items, or
 * the REST issue list) and open-issue counts per label, with a disk cache
 * (cache.h), ETags, pagination, timeouts, a size cap, and one-line reasons
 * when it fails. */
#ifndef TEAMTUI_GITLAB_H
#define TEAMTUI_GITLAB_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "teamtui/config.h"
#include "teamtui/diag.h"
#include "teamtui/okr.h"
#include "teamtui/roster.h"

typedef struct gitlab_config {
	char *base;    /* "https://gitlab.com": gitlab_parse_host's normal form */
	bool plain_http; /* base is http:// (to this machine only) */
	char *token;   /* NULL: anonymous */
	const char *token_from; /* "GITLAB_TOKEN", "gitlab_token in config.yml"
				   (static text) or NULL */
	char *ca_cert; /* NULL: the system's */
	long connect_timeout, stall_timeout, total_timeout; /* seconds */
} gitlab_config;

/* Where the token may go: GITLAB_HOST's text (`text`) as a base URL.
 * The text is parsed by libcurl's URL API (curl_url_set with
 * CURLU_DEFAULT_SCHEME, so a bare "gitlab.com" is https://gitlab.com; no
 * CURLU_NON_SUPPORT_SCHEME) and judged on what libcurl normalises it to,
 * which is also the URL requested:
 *   - a user name or password (even empty: "http://@h") is refused: it
 *     would be sent as credentials, and a token belongs in GITLAB_TOKEN;
 *   - the scheme must be https, or http (any case) when the host is
 *     exactly "localhost" (any case; "localhost." with its trailing dot and
 *     "localhost.example" are other names), an IPv4 address in 127.0.0.0/8
 *     as libcurl normalises it (a dotted quad: "127.1", "0x7f000001" and
 *     "2130706433" become "127.0.0.1", which is then the address asked;
 *     "127.0.0.1.nip.io" is a name), or [::1] (without a zone; the
 *     IPv4-mapped [::ffff:127.0.0.1] is refused);
 *   - no query and no fragment (request paths are appended to the base).
 * On success *base is the normal form, malloc'd: scheme and host in lower
 * case, the path without trailing slashes ("http://127.0.0.1:8080",
 * "https://gitlab.example.com/gitlab"), and *plain_http says whether it is
 * http. Otherwise false with one line in err; the text is echoed only when
 * it holds no '@' (it could hold a password). Loads libcurl: when it
 * cannot, false with curlso_load's line in err. */
bool gitlab_parse_host(const char *text, char **base, bool *plain_http,
		       char *err, size_t errsize);

/* The rel="next" target of a Link header value (RFC 8288; GitLab's REST
 * pagination), only when it stays where the token may go: read by
 * libcurl's URL API, no user name, password or zone, and the scheme, host
 * (any case) and port (default ports made explicit) of `base` (a
 * gitlab_parse_host normal form), with a path under base's path. Its
 * normal form (curl_url_get), malloc'd. NULL when there is no next page,
 * or when there is one elsewhere: *refused (when not NULL) is then that
 * target, malloc'd, as written (else NULL). Loads libcurl: NULL also
 * when it cannot (gitlab_new says why). */
char *gitlab_next_link(const char *link, const char *base, char **refused);

/* The GitLab settings as given, before gitlab_config_load judges them:
 * each malloc'd or NULL, with where it came from (config.h). */
typedef struct gitlab_settings {
	char *host;    /* $GITLAB_HOST when not empty, else gitlab_host: of the
			  config file, else "https://gitlab.com" (DEFAULT) */
	char *token;   /* $GITLAB_TOKEN when not empty, else gitlab_token: of a
			  config file only its owner can read, else NULL */
	char *ca_cert; /* ca_cert: of the config file (a path), else NULL */
	config_origin host_at, token_at, ca_cert_at;
} gitlab_settings;

/* Fill *s (free with gitlab_settings_free); the config file's problems go
 * to diags. Loads nothing: no libcurl, no network. */
void gitlab_settings_read(gitlab_settings *s, diag_list *diags);
void gitlab_settings_free(gitlab_settings *s);

/* GITLAB_HOST / GITLAB_TOKEN (glab's names), then gitlab_host,
 * gitlab_token and ca_cert in config.yml (a token only from a file nobody
 * else can read). Problems go to diags, filed under GITLAB_HOST or the
 * config file, whichever gave the value; false when the host is unusable
 * (gitlab_parse_host). When libcurl cannot be loaded, no host can be
 * judged: true, with c->base NULL and no diagnostic for it; gitlab_new
 * then fails and says why. */
bool gitlab_config_load(gitlab_config *c, diag_list *diags);
/* (gitlab_settings_read decides the values, then they are judged.) */
void gitlab_config_free(gitlab_config *c);

typedef struct gitlab_client gitlab_client;
typedef struct gitlab_fetch gitlab_fetch;

typedef enum { FETCH_RUNNING, FETCH_DONE, FETCH_FAILED } fetch_state;

/* A client for cfg (copied). NULL when libcurl cannot be loaded
 * (curlso_load's line in err: "cannot load libcurl.so.4: libcurl.so.4:
 * cannot open shared object file: No such file or directory"), cannot
 * start, or memory runs out, with the reason in err. Without a usable cache directory
 * (cache_dir) the client works without a cache: err then holds a one-line
 * notice for the user, "running without a cache: HOME=/x: No such file or
 * directory"; otherwise err is "". Every descriptor the client opens
 * (libcurl's sockets and its internal socket pairs, cache files) is
 * close-on-exec. */
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
/* Why it failed: "401 unauthorized: GitLab refused the token from
 * GITLAB_TOKEN"; NULL if not. */
const char *gitlab_error(const gitlab_fetch *f);
/* Something the user should know although the fetch may have succeeded:
 * the answer is incomplete (a next page on another host, the page cap), or
 * the cache could not be read or written ("not cached: cannot rename A to
 * B: No space left on device"); NULL if none. */
const char *gitlab_warning(const gitlab_fetch *f);
/* When the data was fetched (0: never); whether it came from the cache. */
time_t gitlab_fetched_at(const gitlab_fetch *f);
bool gitlab_from_cache(const gitlab_fetch *f);
/* "just now", "4 min ago", "3 h ago", "2 days ago" */
void gitlab_age(time_t then, time_t now, char *buf, size_t size);

#endif

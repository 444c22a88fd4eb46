/* gitlab.c: requests, pagination, caching and error reasons. */
#include "teamtui/gitlab.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "teamtui/cache.h"
#include "teamtui/config.h"
/* libcurl is loaded when first needed (curlso.h): its functions are called
 * by their names, through the table curlso_load fills */
#define CURLSO_NAMES
#include "teamtui/curlso.h"
#include "teamtui/http.h"
#include "teamtui/yload.h"

enum {
	MAX_BODY = 8 * 1024 * 1024, /* a larger answer is refused, not parsed */
	FRESH_SECONDS = 15 * 60,
	MAX_PAGES = 50,
};

static const char graphql_query[] =
    "query($fullPath: ID!, $labels: [String!], $after: String) { "
    "project(fullPath: $fullPath) { workItems(types: [OBJECTIVE, KEY_RESULT], "
    "labelName: $labels, state: opened, first: 100, after: $after) { "
    "pageInfo { hasNextPage endCursor } nodes { iid title state webUrl "
    "workItemType { name } widgets { type "
    "... on WorkItemWidgetHierarchy { parent { iid } } "
    "... on WorkItemWidgetProgress { progress } "
    "... on WorkItemWidgetHealthStatus { healthStatus } "
    "... on WorkItemWidgetAssignees { assignees { nodes { username name } } } "
    "... on WorkItemWidgetStartAndDueDate { dueDate } } } } } }";

typedef enum { KIND_WORK_ITEMS, KIND_ISSUES, KIND_COUNT } fetch_kind;

struct gitlab_fetch {
	gitlab_client *client;
	fetch_kind kind;
	fetch_state state;
	char key[33];	      /* cache key */
	char *project, *group; /* what is asked */
	strlist labels;
	CURL *easy;
	struct curl_slist *headers;
	char *body;	       /* the request's body (GraphQL) */
	char *buf;	       /* the answer so far */
	size_t len;
	bool too_big;
	char *cursor;	       /* GraphQL: the next page */
	char *next_url;	       /* REST: the next page */
	char *etag;	       /* of the cached copy */
	int pages;
	okr_list items, fresh;
	long count;
	char *error;
	char *warning;	       /* see gitlab_warning */
	bool incomplete;       /* not every page was read: never cached */
	bool oom;	       /* on_data ran out of memory */
	char errbuf[CURL_ERROR_SIZE]; /* libcurl's detail of a failure */
	time_t fetched_at;
	bool from_cache;
	struct gitlab_fetch *next;
};

struct gitlab_client {
	gitlab_config cfg;
	CURLM *multi;
	char *cache;	/* NULL: running without one */
	char *token_id; /* a hash of the token: part of cache keys, not a secret */
	char *host;	/* of cfg.base, for messages (curl_free) */
	char *hostport; /* "gitlab.com", "127.0.0.1:8080": for messages */
	time_t rate_limited_until; /* also kept in the cache, when there is one */
	gitlab_fetch *fetches;
	int running;
};

static char *xstrdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* ---- configuration ---------------------------------------------------- */

bool gitlab_parse_host(const char *text, char **base, bool *plain_http,
		       char *err, size_t errsize)
{
	*base = NULL;
	*plain_http = false;
	if (!text || !*text) {
		snprintf(err, errsize, "GitLab host is empty");
		return false;
	}
	if (!curlso_load(err, errsize)) /* the URL is libcurl's to read */
		return false;
	static const http_url_rules rules = {"GitLab host", true,
					     " (a token belongs in GITLAB_TOKEN)"};
	http_url u;
	if (!http_parse_url(text, &rules, &u, err, errsize))
		return false;
	*base = u.url;
	*plain_http = u.plain_http;
	return true;
}

void gitlab_settings_read(gitlab_settings *s, diag_list *diags)
{
	config_origin at[3];
	memset(s, 0, sizeof(*s));
	config_gitlab_at(&s->host, &s->token, &s->ca_cert, at, diags);
	s->host_at = at[0];
	s->token_at = at[1];
	s->ca_cert_at = at[2];
	const char *env_host = getenv("GITLAB_HOST"), *env_token = getenv("GITLAB_TOKEN");
	if (env_host && *env_host) {
		free(s->host);
		s->host = strdup(env_host);
		config_origin_free(&s->host_at);
		s->host_at = (config_origin){CONFIG_FROM_ENV, "GITLAB_HOST", NULL, 0, 0};
	} else if (!s->host) {
		s->host = strdup("https://gitlab.com");
	}
	if (env_token && *env_token) {
		free(s->token);
		s->token = strdup(env_token);
		config_origin_free(&s->token_at);
		s->token_at = (config_origin){CONFIG_FROM_ENV, "GITLAB_TOKEN", NULL, 0, 0};
	}
}

void gitlab_settings_free(gitlab_settings *s)
{
	free(s->host);
	free(s->token);
	free(s->ca_cert);
	config_origin_free(&s->host_at);
	config_origin_free(&s->token_at);
	config_origin_free(&s->ca_cert_at);
	memset(s, 0, sizeof(*s));
}

bool gitlab_config_load(gitlab_config *c, diag_list *diags)
{
	memset(c, 0, sizeof(*c));
	http_default_timeouts(&c->connect_timeout, &c->stall_timeout, &c->total_timeout);
	gitlab_settings s;
	gitlab_settings_read(&s, diags);
	char *host = s.host, *token = s.token;
	c->ca_cert = s.ca_cert;
	s.host = s.token = s.ca_cert = NULL;
	c->token_from = !token || !*token		       ? NULL
			: s.token_at.kind == CONFIG_FROM_ENV ? "GITLAB_TOKEN"
							     : "gitlab_token in config.yml";
	char err[512];
	/* without libcurl no host can be judged, nor anything fetched: no
	 * base, and gitlab_new says why, as when libcurl cannot start */
	bool have_curl = curlso_load(NULL, 0);
	if (have_curl && !gitlab_parse_host(host, &c->base, &c->plain_http, err,
					    sizeof(err))) {
		/* filed under what gave the host: gitlab_host in the config
		 * file, else GITLAB_HOST (or the default) */
		const char *file = s.host_at.kind == CONFIG_FROM_FILE ? s.host_at.file
								      : "GITLAB_HOST";
		diag_add(diags, DIAG_ERROR, file, 0, 0, "%s", err);
	}
	gitlab_settings_free(&s);
	/* a token goes into a request header: a control character (a CR or
	 * LF from a pasted token) would end that header and start another */
	for (const char *p = token; p && *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			diag_add(diags, DIAG_ERROR, c->token_from ? c->token_from : "GITLAB_TOKEN",
				 0, 0, "the token holds a control character (byte 0x%02x at "
				       "offset %zu); not sent", (unsigned char)*p,
				 (size_t)(p - token));
			*token = '\0';
			break;
		}
	c->token = token && *token ? token : NULL;
	if (!c->token) {
		free(token);
		c->token_from = NULL;
	}
	free(host);
	return c->base != NULL || !have_curl;
}

void gitlab_config_free(gitlab_config *c)
{
	free(c->base);
	free(c->token);
	free(c->ca_cert);
	memset(c, 0, sizeof(*c));
}

/* ---- client ------------------------------------------------------------- */

/* c->host and c->hostport ("gitlab.com", "127.0.0.1:8080"), for messages. */
static bool host_of_base(gitlab_client *c)
{
	return http_url_host(c->cfg.base, &c->host, &c->hostport);
}

gitlab_client *gitlab_new(const gitlab_config *cfg, char *err, size_t errsize)
{
	static bool inited;
	*err = '\0';
	if (!curlso_load(err, errsize))
		return NULL;
	http_fds before = http_fds_inheritable();
	if (!inited) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
			free(before.v);
			snprintf(err, errsize, "libcurl could not start");
			return NULL;
		}
		inited = true;
	}
	gitlab_client *c = calloc(1, sizeof(*c));
	if (!c) {
		free(before.v);
		snprintf(err, errsize, "out of memory");
		return NULL;
	}
	c->cfg.base = xstrdup(cfg->base);
	c->cfg.plain_http = cfg->plain_http;
	c->cfg.token = xstrdup(cfg->token);
	c->cfg.token_from = cfg->token_from;
	c->cfg.ca_cert = xstrdup(cfg->ca_cert);
	c->cfg.connect_timeout = cfg->connect_timeout;
	c->cfg.stall_timeout = cfg->stall_timeout;
	c->cfg.total_timeout = cfg->total_timeout;
	c->multi = curl_multi_init();
	http_fds_cloexec_new(&before);
	char why[768];
	c->cache = cache_dir(why, sizeof(why));
	if (!c->cache)
		snprintf(err, errsize, "running without a cache: %s", why);
	const char *tp[] = {"token", cfg->token ? cfg->token : ""};
	char tid[33];
	cache_key(tp, 2, tid);
	c->token_id = strdup(tid);
	if (!c->multi || !c->cfg.base || !c->token_id || !host_of_base(c)) {
		snprintf(err, errsize, !c->multi ? "libcurl could not start" : "out of memory");
		gitlab_free(c);
		return NULL;
	}
	return c;
}

static void fetch_free(gitlab_fetch *f)
{
	if (f->easy) {
		curl_multi_remove_handle(f->client->multi, f->easy);
		curl_easy_cleanup(f->easy);
	}
	curl_slist_free_all(f->headers);
	free(f->body);
	free(f->buf);
	free(f->cursor);
	free(f->next_url);
	free(f->etag);
	free(f->project);
	free(f->group);
	for (size_t i = 0; i < f->labels.n; i++)
		free((char *)f->labels.v[i]);
	free(f->labels.v);
	okr_list_free(&f->items);
	okr_list_free(&f->fresh);
	free(f->error);
	free(f->warning);
	free(f);
}

void gitlab_free(gitlab_client *c)
{
	if (!c)
		return;
	for (gitlab_fetch *f = c->fetches, *n; f; f = n) {
		n = f->next;
		fetch_free(f);
	}
	if (c->multi)
		curl_multi_cleanup(c->multi);
	free(c->cache);
	free(c->token_id);
	free(c->host);
	free(c->hostport);
	free(c->cfg.base);
	free(c->cfg.token);
	free(c->cfg.ca_cert);
	free(c);
}

/* ---- messages ------------------------------------------------------------ */

static void failf(gitlab_fetch *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void failf(gitlab_fetch *f, const char *fmt, ...)
{
	char msg[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	free(f->error);
	f->error = strdup(msg);
	f->state = FETCH_FAILED;
}

/* The first warning is kept: later ones mostly repeat its cause. */
static void warnf(gitlab_fetch *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void warnf(gitlab_fetch *f, const char *fmt, ...)
{
	if (f->warning)
		return;
	char msg[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	f->warning = strdup(msg);
}

/* ---- the cache entry: {"fetched_at", "etag", "items" | "count"} -------- */

/* The cached copy into f. False when there is none; err then says why when
 * it exists but cannot be read ("" otherwise). A corrupt entry is removed
 * and never trusted. */
static bool load_cached(gitlab_fetch *f, char *err, size_t errsize)
{
	*err = '\0';
	const char *dir = f->client->cache;
	if (!dir)
		return false;
	size_t len;
	char *text = cache_read(dir, f->key, &len, err, errsize);
	if (!text)
		return false;
	char perr[256];
	cJSON *doc = okr_json_parse(text, len, perr, sizeof(perr));
	free(text);
	const cJSON *at = cJSON_GetObjectItemCaseSensitive(doc, "fetched_at");
	const cJSON *etag = cJSON_GetObjectItemCaseSensitive(doc, "etag");
	const cJSON *items = cJSON_GetObjectItemCaseSensitive(doc, "items");
	const cJSON *count = cJSON_GetObjectItemCaseSensitive(doc, "count");
	okr_list l = {0};
	bool ok = cJSON_IsObject(doc) && cJSON_IsNumber(at) &&
		  (f->kind == KIND_COUNT ? cJSON_IsNumber(count)
					 : okr_from_json(items, &l));
	if (!ok) { /* corrupt: discarded, never trusted */
		okr_list_free(&l);
		cJSON_Delete(doc);
		char derr[600];
		if (!cache_drop(dir, f->key, derr, sizeof(derr)))
			warnf(f, "cache: %s", derr);
		return false;
	}
	okr_list_free(&f->items);
	f->items = l;
	f->count = f->kind == KIND_COUNT ? (long)count->valuedouble : -1;
	f->fetched_at = (time_t)at->valuedouble;
	free(f->etag);
	f->etag = cJSON_IsString(etag) ? xstrdup(etag->valuestring) : NULL;
	f->from_cache = true;
	cJSON_Delete(doc);
	return true;
}

static void save_cache(gitlab_fetch *f)
{
	if (!f->client->cache || f->incomplete)
		return;
	cJSON *doc = cJSON_CreateObject();
	cJSON_AddNumberToObject(doc, "fetched_at", (double)f->fetched_at);
	if (f->etag)
		cJSON_AddStringToObject(doc, "etag", f->etag);
	if (f->kind == KIND_COUNT)
		cJSON_AddNumberToObject(doc, "count", (double)f->count);
	else
		cJSON_AddItemToObject(doc, "items", okr_to_json(&f->items));
	char *text = cJSON_PrintUnformatted(doc);
	char err[600];
	if (!text)
		warnf(f, "not cached: out of memory");
	else if (!cache_write(f->client->cache, f->key, text, err, sizeof(err)))
		warnf(f, "not cached: %s", err);
	cJSON_free(text);
	cJSON_Delete(doc);
}

/* ---- requests ------------------------------------------------------------ */

static size_t on_data(char *data, size_t size, size_t n, void *user)
{
	gitlab_fetch *f = user;
	size_t bytes = size * n;
	if (f->len + bytes > MAX_BODY) {
		f->too_big = true;
		return 0; /* abort the transfer */
	}
	char *b = realloc(f->buf, f->len + bytes + 1);
	if (!b) {
		f->oom = true;
		return 0;
	}
	memcpy(b + f->len, data, bytes);
	f->len += bytes;
	b[f->len] = '\0';
	f->buf = b;
	return bytes;
}

/* Start one HTTP request for f: url (the base's normal form and a path, or
 * a next-page link that same_origin let through), and a body when POST. */
static bool start(gitlab_fetch *f, const char *url)
{
	gitlab_client *c = f->client;
	if (f->easy) {
		curl_multi_remove_handle(c->multi, f->easy);
		curl_easy_cleanup(f->easy);
		f->easy = NULL;
	}
	curl_slist_free_all(f->headers);
	f->headers = NULL;
	free(f->buf);
	f->buf = NULL;
	f->len = 0;
	f->too_big = f->oom = false;
	f->headers = curl_slist_append(f->headers, "Accept: application/json");
	if (f->etag && f->pages == 0) {
		size_t n = strlen(f->etag) + 32;
		char *h = malloc(n);
		if (h) {
			snprintf(h, n, "If-None-Match: %s", f->etag);
			f->headers = curl_slist_append(f->headers, h);
			free(h);
		}
	}
	if (f->kind == KIND_WORK_ITEMS)
		f->headers = curl_slist_append(f->headers, "Content-Type: application/json");
	/* Redirects are reported, never followed (http_error): the token goes
	 * to the GitLab host alone. */
	http_transfer t = {
	    .url = url, .plain_http = c->cfg.plain_http, .token = c->cfg.token,
	    .ca_cert = c->cfg.ca_cert, .connect_timeout = c->cfg.connect_timeout,
	    .stall_timeout = c->cfg.stall_timeout, .total_timeout = c->cfg.total_timeout,
	    .max_bytes = MAX_BODY, .headers = f->headers, .on_data = on_data, .ctx = f,
	    .errbuf = f->errbuf};
	f->easy = http_easy_new(&t);
	if (!f->easy) {
		failf(f, "out of memory");
		return false;
	}
	if (f->kind == KIND_WORK_ITEMS)
		curl_easy_setopt(f->easy, CURLOPT_POSTFIELDS, f->body);
	if (curl_multi_add_handle(c->multi, f->easy) != CURLM_OK) {
		failf(f, "libcurl refused the request");
		return false;
	}
	c->running++;
	return true;
}

static char *graphql_body(const gitlab_fetch *f)
{
	cJSON *doc = cJSON_CreateObject(), *vars = cJSON_CreateObject();
	cJSON *labels = cJSON_CreateArray();
	for (size_t i = 0; i < f->labels.n; i++)
		cJSON_AddItemToArray(labels, cJSON_CreateString(f->labels.v[i]));
	cJSON_AddStringToObject(doc, "query", graphql_query);
	cJSON_AddStringToObject(vars, "fullPath", f->project);
	cJSON_AddItemToObject(vars, "labels", labels);
	cJSON_AddItemToObject(vars, "after", f->cursor ? cJSON_CreateString(f->cursor)
						       : cJSON_CreateNull());
	cJSON_AddItemToObject(doc, "variables", vars);
	char *s = cJSON_PrintUnformatted(doc);
	cJSON_Delete(doc);
	char *out = xstrdup(s);
	cJSON_free(s);
	return out;
}

/* The request URL: the base (gitlab_parse_host's normal form, from
 * curl_url_get) and a path of escaped parts. */
static char *first_url(gitlab_fetch *f)
{
	const char *base = f->client->cfg.base;
	char *url = NULL;
	if (f->kind == KIND_WORK_ITEMS) {
		free(f->body);
		f->body = graphql_body(f);
		size_t n = strlen(base) + 16;
		url = malloc(n);
		if (url && f->body)
			snprintf(url, n, "%s/api/graphql", base);
		else {
			free(url);
			url = NULL;
		}
		return url;
	}
	/* REST: /projects/:id/issues or /groups/:id/issues with labels a,b */
	char *path = http_escape(f->kind == KIND_COUNT ? f->group : f->project);
	size_t llen = 1;
	for (size_t i = 0; i < f->labels.n; i++)
		llen += strlen(f->labels.v[i]) * 3 + 4;
	char *labels = calloc(1, llen);
	for (size_t i = 0; labels && i < f->labels.n; i++) {
		char *e = http_escape(f->labels.v[i]);
		if (i)
			strcat(labels, ",");
		strcat(labels, e ? e : "");
		free(e);
	}
	size_t n = strlen(base) + (path ? strlen(path) : 0) + llen + 96;
	url = malloc(n);
	if (url && path && labels)
		snprintf(url, n, "%s/api/v4/%s/%s/issues?labels=%s&state=opened&per_page=%d",
			 base, f->kind == KIND_COUNT ? "groups" : "projects", path,
			 labels, f->kind == KIND_COUNT ? 1 : 100);
	else {
		free(url);
		url = NULL;
	}
	free(path);
	free(labels);
	return url;
}

static gitlab_fetch *new_fetch(gitlab_client *c, fetch_kind kind)
{
	gitlab_fetch *f = calloc(1, sizeof(*f));
	if (!f)
		return NULL;
	f->client = c;
	f->kind = kind;
	f->count = -1;
	f->next = c->fetches;
	c->fetches = f;
	return f;
}

/* 429's Retry-After is remembered (in the client, and in the cache
 * directory per host and token) so that no request goes out before it,
 * from this process or the next one. */
static void rate_limit_key(const gitlab_client *c, char key[33])
{
	const char *parts[] = {"rate-limit", c->cfg.base, c->token_id};
	cache_key(parts, 3, key);
}

static time_t rate_limited_until(gitlab_fetch *f)
{
	gitlab_client *c = f->client;
	time_t until = c->rate_limited_until;
	if (!until && c->cache) {
		char key[33], err[600];
		size_t len;
		rate_limit_key(c, key);
		char *text = cache_read(c->cache, key, &len, err, sizeof(err));
		if (text)
			until = (time_t)atoll(text);
		else if (*err)
			warnf(f, "cache: %s", err);
		free(text);
	}
	return until > time(NULL) ? until : 0;
}

static void remember_rate_limit(gitlab_fetch *f, time_t until)
{
	gitlab_client *c = f->client;
	c->rate_limited_until = until;
	if (!c->cache)
		return;
	char key[33], text[32], err[600];
	rate_limit_key(c, key);
	snprintf(text, sizeof(text), "%lld", (long long)until);
	if (!cache_write(c->cache, key, text, err, sizeof(err)))
		warnf(f, "the rate limit is not remembered: %s", err);
}

static void fail_rate_limited(gitlab_fetch *f, time_t until)
{
	char buf[16];
	struct tm tm;
	localtime_r(&until, &tm);
	strftime(buf, sizeof(buf), "%H:%M", &tm);
	failf(f, "429 rate limited until %s", buf);
}

static void begin(gitlab_fetch *f, bool offline, bool refresh)
{
	char err[600];
	bool cached = load_cached(f, err, sizeof(err));
	if (offline) {
		if (cached)
			f->state = FETCH_DONE;
		else if (!f->client->cache)
			failf(f, "offline, and running without a cache");
		else if (*err)
			failf(f, "offline, and the cache cannot be read: %s", err);
		else
			failf(f, "offline, and nothing cached yet");
		return;
	}
	if (*err) /* asked anyway; the user should know the cache is not used */
		warnf(f, "cache: %s", err);
	if (cached && !refresh && time(NULL) - f->fetched_at < FRESH_SECONDS) {
		f->state = FETCH_DONE;
		return;
	}
	time_t until = rate_limited_until(f);
	if (until) { /* GitLab asked us to wait: the cache meanwhile */
		fail_rate_limited(f, until);
		return;
	}
	char *url = first_url(f);
	f->state = FETCH_RUNNING;
	if (!url)
		failf(f, "out of memory");
	else
		start(f, url); /* says why when it cannot */
	free(url);
}

static strlist copy_labels(const char *const *v, size_t n)
{
	strlist l = {calloc(n + 1, sizeof(char *)), 0};
	for (size_t i = 0; l.v && i < n; i++)
		l.v[l.n++] = strdup(v[i]);
	return l;
}

gitlab_fetch *gitlab_fetch_okrs(gitlab_client *c, const okr_source *src,
				bool offline, bool refresh)
{
	bool issues = src->kind && !strcmp(src->kind, "issues");
	gitlab_fetch *f = new_fetch(c, issues ? KIND_ISSUES : KIND_WORK_ITEMS);
	if (!f)
		return NULL;
	f->project = xstrdup(src->project);
	f->labels = copy_labels(src->labels.v, src->labels.n);
	size_t n = 0;
	const char *parts[40] = {c->cfg.base, c->token_id, issues ? "issues" : "work_items",
				 src->project};
	n = 4;
	for (size_t i = 0; i < src->labels.n && n < 40; i++)
		parts[n++] = src->labels.v[i];
	cache_key(parts, n, f->key);
	begin(f, offline, refresh);
	return f;
}

/* "gitlab-org" from ".../groups/gitlab-org/-/issues" */
static char *group_of(const char *issues_url)
{
	const char *g = strstr(issues_url, "/groups/");
	if (!g)
		return NULL;
	g += 8;
	const char *end = strstr(g, "/-/");
	return end ? strndup(g, (size_t)(end - g)) : NULL;
}

gitlab_fetch *gitlab_fetch_count(gitlab_client *c, const char *issues_url,
				 const char *label, bool offline)
{
	gitlab_fetch *f = new_fetch(c, KIND_COUNT);
	if (!f)
		return NULL;
	f->group = group_of(issues_url);
	f->labels = copy_labels(&label, 1);
	const char *parts[] = {c->cfg.base, c->token_id, "count", f->group, label};
	cache_key(parts, 5, f->key);
	if (!f->group) {
		failf(f, "no group in the issues URL %s", issues_url);
		return f;
	}
	begin(f, offline, false);
	return f;
}

/* ---- answers ------------------------------------------------------------- */

/* The scheme, host, port (default ports made explicit) and path (no
 * trailing '/') of url as libcurl reads it, curl_free'd by the caller;
 * the normal form in *normal when asked. False when it has a user name,
 * password, login options or zone, or cannot be read. */
typedef struct origin {
	char *scheme, *host, *port, *path;
} origin;

static void origin_free(origin *o)
{
	curl_free(o->scheme);
	curl_free(o->host);
	curl_free(o->port);
	curl_free(o->path);
	memset(o, 0, sizeof(*o));
}

static bool origin_of(const char *url, origin *o, char **normal)
{
	memset(o, 0, sizeof(*o));
	CURLU *u = curl_url();
	bool ok = u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
		  !http_url_has_part(u, CURLUPART_USER) && !http_url_has_part(u, CURLUPART_PASSWORD) &&
		  !http_url_has_part(u, CURLUPART_OPTIONS) && !http_url_has_part(u, CURLUPART_ZONEID) &&
		  curl_url_get(u, CURLUPART_SCHEME, &o->scheme, 0) == CURLUE_OK &&
		  curl_url_get(u, CURLUPART_HOST, &o->host, 0) == CURLUE_OK &&
		  curl_url_get(u, CURLUPART_PORT, &o->port, CURLU_DEFAULT_PORT) == CURLUE_OK &&
		  curl_url_get(u, CURLUPART_PATH, &o->path, 0) == CURLUE_OK &&
		  (!normal || curl_url_get(u, CURLUPART_URL, normal, 0) == CURLUE_OK);
	if (ok) {
		size_t n = strlen(o->path);
		while (n && o->path[n - 1] == '/')
			o->path[--n] = '\0';
	} else {
		origin_free(o);
	}
	curl_url_cleanup(u);
	return ok;
}

/* target stays where the token may go (see gitlab_next_link): its normal
 * form, malloc'd, or NULL. */
static char *same_origin(const char *target, const char *base)
{
	origin b, t;
	char *normal = NULL, *out = NULL;
	if (!origin_of(base, &b, NULL))
		return NULL;
	if (origin_of(target, &t, &normal)) {
		size_t n = strlen(b.path);
		/* t.path lost its trailing '/'s: compare with the normal form's */
		const char *tp = strstr(normal, "://");
		tp = tp ? strchr(tp + 3, '/') : NULL;
		if (!strcmp(t.scheme, b.scheme) && !strcasecmp(t.host, b.host) &&
		    !strcmp(t.port, b.port) && tp && !strncmp(tp, b.path, n) && tp[n] == '/')
			out = strdup(normal);
		origin_free(&t);
	}
	curl_free(normal);
	origin_free(&b);
	return out;
}

char *gitlab_next_link(const char *link, const char *base, char **refused)
{
	if (refused)
		*refused = NULL;
	if (!link || !curlso_load(NULL, 0))
		return NULL;
	for (const char *p = link; (p = strchr(p, '<'));) {
		const char *end = strchr(p, '>');
		if (!end)
			break;
		const char *rel = strstr(end, "rel=\"next\"");
		const char *comma = strchr(end, ',');
		if (rel && (!comma || rel < comma)) {
			char *target = strndup(p + 1, (size_t)(end - p - 1));
			char *url = target ? same_origin(target, base) : NULL;
			if (target && !url && refused)
				*refused = target;
			else
				free(target);
			return url;
		}
		p = end;
	}
	return NULL;
}

/* The next page of f's answer (gitlab_next_link); one elsewhere is not
 * asked for, and the list is then incomplete. */
static char *next_link(gitlab_fetch *f)
{
	char *refused;
	const char *link = http_header(f->easy, "Link");
	char *url = gitlab_next_link(link, f->client->cfg.base, &refused);
	if (refused) {
		f->incomplete = true;
		warnf(f, "the list is incomplete: the next page, %.300s, is not on the "
			 "GitLab host; not asked for", refused);
		free(refused);
	}
	return url;
}

static void http_error(gitlab_fetch *f, long code)
{
	gitlab_client *c = f->client;
	char *said = http_server_message(f->buf, f->len);
	char msg[768];
	if (code == 404) {
		/* GraphQL answers a project it cannot see with 200 and a null
		 * project (okr.c); a 404 means no GraphQL API at that address */
		if (f->kind == KIND_WORK_ITEMS)
			failf(f, "404: no GitLab GraphQL API at %s/api/graphql", c->cfg.base);
		else if (f->kind == KIND_COUNT)
			failf(f, "404 not found, or private to you: group %s", f->group);
		else
			failf(f, "404 not found, or private to you: project %s", f->project);
	} else if (code == 429) {
		const char *ra = http_header(f->easy, "Retry-After");
		time_t until = 0;
		if (ra && strspn(ra, "0123456789") == strlen(ra) && *ra)
			until = time(NULL) + atol(ra);
		else if (ra)
			until = curl_getdate(ra, NULL); /* an HTTP date */
		if (until > 0) {
			remember_rate_limit(f, until);
			fail_rate_limited(f, until);
		} else {
			failf(f, "429 rate limited");
		}
	} else {
		http_status s = {.code = code, .api = true, .token = c->cfg.token != NULL,
				 .token_from = c->cfg.token_from, .said = said,
				 .location = http_header(f->easy, "Location")};
		http_status_error(&s, msg, sizeof(msg));
		failf(f, "%s", msg);
	}
	free(said);
}

static void curl_error(gitlab_fetch *f, CURLcode rc)
{
	gitlab_client *c = f->client;
	http_failure why = {.host = c->host, .hostport = c->hostport,
			    .total_timeout = c->cfg.total_timeout, .cap = "8 MB",
			    .too_big = f->too_big, .oom = f->oom, .errbuf = f->errbuf};
	char msg[768];
	http_transfer_error(f->easy, rc, &why, msg, sizeof(msg));
	failf(f, "%s", msg);
}

static void finish_ok(gitlab_fetch *f)
{
	okr_list_free(&f->items);
	f->items = f->fresh;
	memset(&f->fresh, 0, sizeof(f->fresh));
	f->fetched_at = time(NULL);
	f->from_cache = false;
	f->state = FETCH_DONE;
	save_cache(f);
}

/* One transfer of f ended: parse, go to the next page, or stop. */
static void on_done(gitlab_fetch *f, CURLcode rc)
{
	gitlab_client *c = f->client;
	c->running--;
	if (rc != CURLE_OK) {
		curl_error(f, rc);
		return;
	}
	long code = 0;
	curl_easy_getinfo(f->easy, CURLINFO_RESPONSE_CODE, &code);
	if (code == 304) { /* the cached copy is current */
		f->fetched_at = time(NULL);
		f->from_cache = true;
		f->state = FETCH_DONE;
		save_cache(f);
		return;
	}
	if (code != 200) {
		http_error(f, code);
		return;
	}
	char err[256];
	if (f->pages == 0) {
		free(f->etag);
		f->etag = xstrdup(http_header(f->easy, "ETag"));
	}
	f->pages++;
	if (f->kind == KIND_COUNT) {
		const char *total = http_header(f->easy, "X-Total");
		if (!total) {
			failf(f, "no X-Total header in the answer");
			return;
		}
		f->count = atol(total);
		finish_ok(f);
		return;
	}
	char *url = NULL;
	if (f->kind == KIND_WORK_ITEMS) {
		free(f->cursor);
		if (!okr_parse_graphql(f->buf ? f->buf : "", f->len, &f->fresh,
				       &f->cursor, err, sizeof(err))) {
			failf(f, "%s", err);
			return;
		}
		if (f->cursor && !(url = first_url(f))) { /* same endpoint, the new cursor */
			failf(f, "out of memory");
			return;
		}
	} else {
		if (!okr_parse_issues(f->buf ? f->buf : "", f->len, &f->fresh, err,
				      sizeof(err))) {
			failf(f, "%s", err);
			return;
		}
		url = next_link(f);
	}
	if (url && f->pages >= MAX_PAGES) {
		free(url);
		url = NULL;
		f->incomplete = true;
		warnf(f, "the list is incomplete: stopped after %d pages", MAX_PAGES);
	}
	if (!url) {
		finish_ok(f);
		return;
	}
	start(f, url);
	free(url);
}

/* http_multi_step's `done`: one transfer of a fetch ended. */
static void fetch_done(void *priv, CURLcode rc, void *arg)
{
	(void)arg;
	if (priv)
		on_done(priv, rc);
}

int gitlab_step(gitlab_client *c, int timeout_ms)
{
	if (!c->running)
		return 0;
	http_multi_step(c->multi, timeout_ms, fetch_done, NULL);
	/* a failed fetch keeps what the cache had: better stale than nothing */
	return c->running;
}

fetch_state gitlab_state(const gitlab_fetch *f)
{
	return f->state;
}

const okr_list *gitlab_items(const gitlab_fetch *f)
{
	return &f->items;
}

long gitlab_count(const gitlab_fetch *f)
{
	return f->count;
}

const char *gitlab_error(const gitlab_fetch *f)
{
	return f->state == FETCH_FAILED ? f->error : NULL;
}

const char *gitlab_warning(const gitlab_fetch *f)
{
	return f->warning;
}

time_t gitlab_fetched_at(const gitlab_fetch *f)
{
	return f->fetched_at;
}

bool gitlab_from_cache(const gitlab_fetch *f)
{
	return f->from_cache;
}

void gitlab_age(time_t then, time_t now, char *buf, size_t size)
{
	long s = (long)(now - then);
	if (s < 60)
		snprintf(buf, size, "just now");
	else if (s < 3600)
		snprintf(buf, size, "%ld min ago", s / 60);
	else if (s < 2 * 86400)
		snprintf(buf, size, "%ld h ago", s / 3600);
	else
		snprintf(buf, size, "%ld days ago", s / 86400);
}

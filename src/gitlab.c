/* gitlab.c: requests, pagination, caching and error reasons. */
#include "teamtui/gitlab.h"

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "config.h"
#include "teamtui/cache.h"
#include "teamtui/config.h"
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
	time_t fetched_at;
	bool from_cache;
	struct gitlab_fetch *next;
};

struct gitlab_client {
	gitlab_config cfg;
	CURLM *multi;
	char *cache;
	char *token_id; /* a hash of the token: part of cache keys, not a secret */
	gitlab_fetch *fetches;
	int running;
};

static char *xstrdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* ---- configuration ---------------------------------------------------- */

static bool is_loopback_url(const char *url)
{
	const char *h = strstr(url, "://");
	h = h ? h + 3 : url;
	return !strncmp(h, "127.", 4) || !strncmp(h, "localhost", 9) ||
	       !strncmp(h, "[::1]", 5);
}

/* "gitlab.com", "https://gitlab.example.com/", "http://127.0.0.1:8080" */
static char *normalise_host(const char *host, char *err, size_t errsize)
{
	char *base;
	if (strstr(host, "://"))
		base = strdup(host);
	else {
		size_t n = strlen(host) + 9;
		base = malloc(n);
		if (base)
			snprintf(base, n, "https://%s", host);
	}
	if (!base)
		return NULL;
	size_t n = strlen(base);
	while (n && base[n - 1] == '/')
		base[--n] = '\0';
	bool https = !strncmp(base, "https://", 8);
	bool local_http = !strncmp(base, "http://", 7) && is_loopback_url(base);
	if (!https && !local_http) {
		snprintf(err, errsize, "GitLab host '%s' must be https:// (plain http only "
				       "to this machine, for tests)", host);
		free(base);
		return NULL;
	}
	return base;
}

bool gitlab_config_load(gitlab_config *c, diag_list *diags)
{
	memset(c, 0, sizeof(*c));
	c->connect_timeout = 10;
	c->stall_timeout = 20;
	c->total_timeout = 60;
	const char *stall = getenv("TEAMTUI_GITLAB_STALL"); /* tests: shorter */
	if (stall && atol(stall) > 0)
		c->stall_timeout = atol(stall);
	char *host = NULL, *token = NULL;
	config_gitlab(&host, &token, &c->ca_cert, diags);
	const char *env_host = getenv("GITLAB_HOST"), *env_token = getenv("GITLAB_TOKEN");
	if (env_host && *env_host) {
		free(host);
		host = strdup(env_host);
	}
	if (env_token && *env_token) {
		free(token);
		token = strdup(env_token);
	}
	char err[256];
	c->base = normalise_host(host ? host : "gitlab.com", err, sizeof(err));
	if (!c->base)
		diag_add(diags, DIAG_ERROR, "GITLAB_HOST", 0, 0, "%s", err);
	c->token = token && *token ? token : NULL;
	if (!c->token)
		free(token);
	free(host);
	return c->base != NULL;
}

void gitlab_config_free(gitlab_config *c)
{
	free(c->base);
	free(c->token);
	free(c->ca_cert);
	memset(c, 0, sizeof(*c));
}

/* ---- client ------------------------------------------------------------- */

gitlab_client *gitlab_new(const gitlab_config *cfg, char *err, size_t errsize)
{
	static bool inited;
	if (!inited) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
			snprintf(err, errsize, "libcurl could not start");
			return NULL;
		}
		inited = true;
	}
	gitlab_client *c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	c->cfg.base = xstrdup(cfg->base);
	c->cfg.token = xstrdup(cfg->token);
	c->cfg.ca_cert = xstrdup(cfg->ca_cert);
	c->cfg.connect_timeout = cfg->connect_timeout;
	c->cfg.stall_timeout = cfg->stall_timeout;
	c->cfg.total_timeout = cfg->total_timeout;
	c->multi = curl_multi_init();
	c->cache = cache_dir(err, errsize);
	const char *tp[] = {"token", cfg->token ? cfg->token : ""};
	char tid[33];
	cache_key(tp, 2, tid);
	c->token_id = strdup(tid);
	if (!c->multi || !c->cache || !c->cfg.base || !c->token_id) {
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
	free(c->cfg.base);
	free(c->cfg.token);
	free(c->cfg.ca_cert);
	free(c);
}

/* ---- the cache entry: {"fetched_at", "etag", "items" | "count"} -------- */

static bool load_cached(gitlab_fetch *f)
{
	size_t len;
	char *text = cache_read(f->client->cache, f->key, &len);
	if (!text)
		return false;
	cJSON *doc = cJSON_ParseWithLength(text, len);
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
		cache_drop(f->client->cache, f->key);
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
	cJSON *doc = cJSON_CreateObject();
	cJSON_AddNumberToObject(doc, "fetched_at", (double)f->fetched_at);
	if (f->etag)
		cJSON_AddStringToObject(doc, "etag", f->etag);
	if (f->kind == KIND_COUNT)
		cJSON_AddNumberToObject(doc, "count", (double)f->count);
	else
		cJSON_AddItemToObject(doc, "items", okr_to_json(&f->items));
	char *text = cJSON_PrintUnformatted(doc);
	char err[256];
	if (text)
		cache_write(f->client->cache, f->key, text, err, sizeof(err));
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
	if (!b)
		return 0;
	memcpy(b + f->len, data, bytes);
	f->len += bytes;
	b[f->len] = '\0';
	f->buf = b;
	return bytes;
}

static void fail(gitlab_fetch *f, const char *fmt, const char *arg)
{
	char msg[512];
	snprintf(msg, sizeof(msg), fmt, arg ? arg : "");
	free(f->error);
	f->error = strdup(msg);
	f->state = FETCH_FAILED;
}

static char *escape(const char *s)
{
	char *e = curl_easy_escape(NULL, s, 0);
	char *out = xstrdup(e);
	curl_free(e);
	return out;
}

/* Start one HTTP request for f: url, and a body when POST. */
static bool start(gitlab_fetch *f, const char *url)
{
	gitlab_client *c = f->client;
	if (f->easy) {
		curl_multi_remove_handle(c->multi, f->easy);
		curl_easy_cleanup(f->easy);
	}
	curl_slist_free_all(f->headers);
	f->headers = NULL;
	free(f->buf);
	f->buf = NULL;
	f->len = 0;
	f->easy = curl_easy_init();
	if (!f->easy) {
		fail(f, "out of memory%s", NULL);
		return false;
	}
	CURL *e = f->easy;
	curl_easy_setopt(e, CURLOPT_URL, url);
	/* https only; plain http is allowed to this machine alone (tests) */
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR,
			 is_loopback_url(c->cfg.base) ? "http,https" : "https");
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L); /* the token stays home */
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, c->cfg.connect_timeout);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, c->cfg.stall_timeout);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, c->cfg.total_timeout);
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)MAX_BODY);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, f);
	curl_easy_setopt(e, CURLOPT_PRIVATE, f);
	curl_easy_setopt(e, CURLOPT_USERAGENT, PACKAGE_NAME "/" PACKAGE_VERSION);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	if (c->cfg.ca_cert)
		curl_easy_setopt(e, CURLOPT_CAINFO, c->cfg.ca_cert);
	f->headers = curl_slist_append(f->headers, "Accept: application/json");
	if (c->cfg.token) { /* a header, never the URL */
		size_t n = strlen(c->cfg.token) + 32;
		char *h = malloc(n);
		if (h) {
			snprintf(h, n, "Authorization: Bearer %s", c->cfg.token);
			f->headers = curl_slist_append(f->headers, h);
			memset(h, 0, n);
			free(h);
		}
	}
	if (f->etag && f->pages == 0) {
		size_t n = strlen(f->etag) + 32;
		char *h = malloc(n);
		if (h) {
			snprintf(h, n, "If-None-Match: %s", f->etag);
			f->headers = curl_slist_append(f->headers, h);
			free(h);
		}
	}
	if (f->kind == KIND_WORK_ITEMS) {
		f->headers = curl_slist_append(f->headers, "Content-Type: application/json");
		curl_easy_setopt(e, CURLOPT_POSTFIELDS, f->body);
	}
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, f->headers);
	if (curl_multi_add_handle(c->multi, e) != CURLM_OK) {
		fail(f, "libcurl refused the request%s", NULL);
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

static char *first_url(gitlab_fetch *f)
{
	const char *base = f->client->cfg.base;
	char *url = NULL;
	if (f->kind == KIND_WORK_ITEMS) {
		free(f->body);
		f->body = graphql_body(f);
		size_t n = strlen(base) + 16;
		url = malloc(n);
		if (url)
			snprintf(url, n, "%s/api/graphql", base);
		return url;
	}
	/* REST: /projects/:id/issues or /groups/:id/issues with labels a,b */
	char *path = escape(f->kind == KIND_COUNT ? f->group : f->project);
	size_t llen = 1;
	for (size_t i = 0; i < f->labels.n; i++)
		llen += strlen(f->labels.v[i]) * 3 + 4;
	char *labels = calloc(1, llen);
	for (size_t i = 0; labels && i < f->labels.n; i++) {
		char *e = escape(f->labels.v[i]);
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

/* 429's Retry-After is remembered (in the cache directory, per host and
 * token) so that no request goes out before it, from this process or the
 * next one. */
static void rate_limit_key(const gitlab_client *c, char key[33])
{
	const char *parts[] = {"rate-limit", c->cfg.base, c->token_id};
	cache_key(parts, 3, key);
}

static time_t rate_limited_until(const gitlab_client *c)
{
	char key[33];
	size_t len;
	rate_limit_key(c, key);
	char *text = cache_read(c->cache, key, &len);
	time_t until = text ? (time_t)atoll(text) : 0;
	free(text);
	return until > time(NULL) ? until : 0;
}

static void remember_rate_limit(const gitlab_client *c, time_t until)
{
	char key[33], text[32], err[256];
	rate_limit_key(c, key);
	snprintf(text, sizeof(text), "%lld", (long long)until);
	cache_write(c->cache, key, text, err, sizeof(err));
}

static void fail_rate_limited(gitlab_fetch *f, time_t until)
{
	char buf[16];
	struct tm tm;
	localtime_r(&until, &tm);
	strftime(buf, sizeof(buf), "%H:%M", &tm);
	fail(f, "429 rate limited until %s", buf);
}

static void begin(gitlab_fetch *f, bool offline, bool refresh)
{
	bool cached = load_cached(f);
	if (offline) {
		if (cached)
			f->state = FETCH_DONE;
		else
			fail(f, "offline, and nothing cached yet%s", NULL);
		return;
	}
	if (cached && !refresh && time(NULL) - f->fetched_at < FRESH_SECONDS) {
		f->state = FETCH_DONE;
		return;
	}
	time_t until = rate_limited_until(f->client);
	if (until) { /* GitLab asked us to wait: the cache meanwhile */
		fail_rate_limited(f, until);
		return;
	}
	char *url = first_url(f);
	f->state = FETCH_RUNNING;
	if (!url || !start(f, url))
		fail(f, "out of memory%s", NULL);
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
		fail(f, "no group in the issues URL %s", issues_url);
		return f;
	}
	begin(f, offline, false);
	return f;
}

/* ---- answers ------------------------------------------------------------- */

static const char *header(CURL *e, const char *name)
{
	struct curl_header *h;
	if (curl_easy_header(e, name, 0, CURLH_HEADER, -1, &h) == CURLHE_OK)
		return h->value;
	return NULL;
}

/* The Link header's rel="next" URL, only when it stays on our host: the
 * token must not be sent anywhere else. */
static char *next_link(CURL *e, const char *base)
{
	const char *link = header(e, "Link");
	if (!link)
		return NULL;
	for (const char *p = link; (p = strchr(p, '<'));) {
		const char *end = strchr(p, '>');
		if (!end)
			break;
		const char *rel = strstr(end, "rel=\"next\"");
		const char *comma = strchr(end, ',');
		if (rel && (!comma || rel < comma)) {
			size_t n = strlen(base);
			if ((size_t)(end - p - 1) > n && !strncmp(p + 1, base, n) &&
			    p[1 + n] == '/')
				return strndup(p + 1, (size_t)(end - p - 1));
			return NULL;
		}
		p = end;
	}
	return NULL;
}

static void http_error(gitlab_fetch *f, long code)
{
	char buf[128];
	switch (code) {
	case 401:
		fail(f, "401 bad or missing token (GITLAB_TOKEN)%s", NULL);
		return;
	case 403:
		fail(f, "403 forbidden: the token lacks read_api%s", NULL);
		return;
	case 404:
		fail(f, "404 project not found, or private to you: %s",
		     f->project ? f->project : f->group);
		return;
	case 429: {
		const char *ra = header(f->easy, "Retry-After");
		time_t until = 0;
		if (ra && strspn(ra, "0123456789") == strlen(ra) && *ra)
			until = time(NULL) + atol(ra);
		else if (ra)
			until = curl_getdate(ra, NULL); /* an HTTP date */
		if (until > 0) {
			remember_rate_limit(f->client, until);
			fail_rate_limited(f, until);
		} else {
			fail(f, "429 rate limited%s", NULL);
		}
		return;
	}
	default:
		if (code >= 300 && code < 400) {
			const char *loc = header(f->easy, "Location");
			fail(f, "redirected to %s; not followed (the token stays with GITLAB_HOST)",
			     loc ? loc : "another address");
		} else {
			snprintf(buf, sizeof(buf), "%ld", code);
			fail(f, "the server answered %s", buf);
		}
	}
}

static void curl_error(gitlab_fetch *f, CURLcode rc)
{
	char host[256] = "";
	const char *h = strstr(f->client->cfg.base, "://");
	snprintf(host, sizeof(host), "%s", h ? h + 3 : f->client->cfg.base);
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
		fail(f, "no network: cannot resolve %s", host);
		break;
	case CURLE_COULDNT_CONNECT:
		fail(f, "cannot connect to %s", host);
		break;
	case CURLE_OPERATION_TIMEDOUT:
		fail(f, "timed out: %s stopped answering", host);
		break;
	case CURLE_FILESIZE_EXCEEDED:
		fail(f, "the answer is over 8 MB; refused%s", NULL);
		break;
	case CURLE_PARTIAL_FILE:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
		fail(f, "the connection closed in the middle of the answer%s", NULL);
		break;
	case CURLE_UNSUPPORTED_PROTOCOL:
		fail(f, "refused: GitLab must be reached over https%s", NULL);
		break;
	default:
		if (f->too_big)
			fail(f, "the answer is over 8 MB; refused%s", NULL);
		else
			fail(f, "network: %s", curl_easy_strerror(rc));
	}
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
		f->etag = xstrdup(header(f->easy, "ETag"));
	}
	f->pages++;
	if (f->kind == KIND_COUNT) {
		const char *total = header(f->easy, "X-Total");
		if (!total) {
			fail(f, "no X-Total header in the answer%s", NULL);
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
			fail(f, "%s", err);
			return;
		}
		if (f->cursor)
			url = first_url(f); /* same endpoint, the new cursor */
	} else {
		if (!okr_parse_issues(f->buf ? f->buf : "", f->len, &f->fresh, err,
				      sizeof(err))) {
			fail(f, "%s", err);
			return;
		}
		url = next_link(f->easy, c->cfg.base);
	}
	if (url && f->pages >= MAX_PAGES) {
		free(url);
		url = NULL;
	}
	if (!url) {
		finish_ok(f);
		return;
	}
	start(f, url);
	free(url);
}

int gitlab_step(gitlab_client *c, int timeout_ms)
{
	if (!c->running)
		return 0;
	int still = 0;
	curl_multi_perform(c->multi, &still);
	if (timeout_ms > 0 && still) {
		curl_multi_poll(c->multi, NULL, 0, timeout_ms, NULL);
		curl_multi_perform(c->multi, &still);
	}
	CURLMsg *m;
	int left;
	while ((m = curl_multi_info_read(c->multi, &left)))
		if (m->msg == CURLMSG_DONE) {
			gitlab_fetch *f = NULL;
			curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&f);
			if (f)
				on_done(f, m->data.result);
		}
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

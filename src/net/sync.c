/* sync.c: `teamtui sync`'s transfers (sync.h). */
/* libcurl's functions by their names, through curlso's table (defined
 * before any header brings curlso.h in) */
#define CURLSO_NAMES
#include "teamtui/sync.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "teamtui/cache.h"
#include "teamtui/curlso.h"
#include "teamtui/http.h"
#include "teamtui/syncstate.h"
#include "teamtui/yload.h"

enum {
	ERROR_BODY_MAX = 64 * 1024, /* of an answer that is not the file */
	PROGRESS_MS = 100,
};

/* One file's transfer. */
typedef struct xfer {
	sync_file *f;
	int index;		/* into datadir_files */
	CURL *easy;
	struct curl_slist *headers;
	char *url;		/* asked now (after any redirects) */
	bool plain_http;	/* url is http:// to this machine */
	bool api;		/* the project form: the token goes with it */
	bool conditional;	/* validators were sent */
	int redirects;
	char *source;		/* for state.json: the URL without query */
	char key[33];		/* for state.json: the request's identity */
	int fd;			/* the temporary file, -1 none */
	char *tmp;
	char *body;		/* an answer that is not the file, capped */
	size_t blen;
	long long got;		/* bytes of the file written */
	bool too_big;		/* stopped at SYNC_MAX_BYTES */
	int write_errno;	/* a write to the temporary file failed */
	char errbuf[CURL_ERROR_SIZE];
	char *host;		/* of url: for libcurl's failures */
	bool running;
} xfer;

struct ctx {
	const sync_options *o;
	sync_run *run;
	syncstate state;
	CURLM *multi;
	xfer x[DATADIR_NFILES];
	bool recorded_before; /* the files as they were, kept (first sync) */
	time_t now;
};

static void fail(xfer *x, bool refused, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void fail(xfer *x, bool refused, const char *fmt, ...)
{
	char msg[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	free(x->f->error);
	x->f->error = strdup(msg);
	x->f->refused = refused;
	x->f->outcome = SYNC_FAILED;
}

static void note(char ***v, size_t *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void note(char ***v, size_t *n, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	char **grown = realloc(*v, (*n + 1) * sizeof(**v));
	if (!grown)
		return;
	*v = grown;
	if ((grown[*n] = strdup(msg)))
		(*n)++;
}

/* ---- the request ---------------------------------------------------------- */

/* The project form's API URL of file i: BASE/api/v4/projects/ID/
 * repository/files/PATH/raw?ref=REF (GitLab's Repository files API). */
static char *api_url(const struct ctx *c, int i)
{
	const config_sync_source *s = c->o->src;
	const char *path = s->file[i];
	while (*path == '/') /* paths are from the repository's root */
		path++;
	char *id = http_escape(s->project), *p = http_escape(path);
	char *ref = http_escape(s->ref ? s->ref : "HEAD");
	const char *base = c->o->gitlab->base;
	char *url = NULL;
	if (id && p && ref) {
		size_t n = strlen(base) + strlen(id) + strlen(p) + strlen(ref) + 64;
		if ((url = malloc(n)))
			snprintf(url, n, "%s/api/v4/projects/%s/repository/files/%s/raw?ref=%s",
				 base, id, p, ref);
	}
	free(id);
	free(p);
	free(ref);
	return url;
}

/* x->url, x->plain_http, x->api, x->source and x->key of file i; false
 * (the file failed, saying why) when its URL is refused. */
static bool source_of(struct ctx *c, xfer *x, int i)
{
	const config_sync_source *s = c->o->src;
	char err[600];
	if (s->project) {
		x->api = true;
		x->url = api_url(c, i);
		x->plain_http = c->o->gitlab->plain_http;
		x->source = x->url ? strdup(x->url) : NULL; /* no secret in it */
		const char *parts[] = {"api", c->o->gitlab->base, s->project,
				       s->ref ? s->ref : "HEAD", s->file[i]};
		cache_key(parts, 5, x->key);
	} else {
		static const http_url_rules rules = {"URL", false, ""};
		http_url u;
		if (!http_parse_url(s->file[i], &rules, &u, err, sizeof(err))) {
			fail(x, false, "%s", err);
			return false;
		}
		x->url = u.url;
		x->plain_http = u.plain_http;
		x->source = http_url_shown(x->url);
		const char *parts[] = {"url", x->url};
		cache_key(parts, 2, x->key);
	}
	if (!x->url || !x->source) {
		fail(x, false, "out of memory");
		return false;
	}
	return true;
}

static size_t on_data(char *data, size_t size, size_t n, void *user)
{
	xfer *x = user;
	size_t bytes = size * n;
	long code = 0;
	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &code);
	if (code != 200) { /* an error page or a redirect's body: its start */
		size_t keep = x->blen < ERROR_BODY_MAX ? ERROR_BODY_MAX - x->blen : 0;
		keep = keep < bytes ? keep : bytes;
		char *b = keep ? realloc(x->body, x->blen + keep + 1) : x->body;
		if (keep && b) {
			memcpy(b + x->blen, data, keep);
			x->blen += keep;
			b[x->blen] = '\0';
			x->body = b;
		}
		return bytes;
	}
	if (x->got + (long long)bytes > SYNC_MAX_BYTES) {
		x->too_big = true;
		return 0; /* abort the transfer */
	}
	if ((x->write_errno = datadir_write_all(x->fd, data, bytes)))
		return 0;
	x->got += (long long)bytes;
	return bytes;
}

/* Start (or, after a redirect, start again) x's request for x->url. */
static bool start(struct ctx *c, xfer *x)
{
	if (x->easy) {
		curl_multi_remove_handle(c->multi, x->easy);
		curl_easy_cleanup(x->easy);
		x->easy = NULL;
	}
	free(x->body);
	x->body = NULL;
	x->blen = 0;
	x->got = 0;
	x->too_big = false;
	x->write_errno = 0;
	x->f->got = 0;
	x->f->total = -1;
	if (ftruncate(x->fd, 0) != 0 || lseek(x->fd, 0, SEEK_SET) != 0) {
		fail(x, false, "cannot write %s: %s", x->tmp, strerror(errno));
		return false;
	}
	free(x->host);
	free(x->f->where);
	if (!http_url_host(x->url, &x->host, &x->f->where)) {
		fail(x, false, "out of memory");
		return false;
	}
	const gitlab_config *g = c->o->gitlab;
	http_transfer t = {
	    .url = x->url, .plain_http = x->plain_http,
	    .token = x->api ? g->token : NULL, .ca_cert = g->ca_cert,
	    .connect_timeout = g->connect_timeout, .stall_timeout = g->stall_timeout,
	    .total_timeout = SYNC_TOTAL_TIMEOUT, .max_bytes = SYNC_MAX_BYTES,
	    .headers = x->headers, .on_data = on_data, .ctx = x, .errbuf = x->errbuf};
	x->easy = http_easy_new(&t);
	if (!x->easy || curl_multi_add_handle(c->multi, x->easy) != CURLM_OK) {
		fail(x, false, x->easy ? "libcurl refused the request" : "out of memory");
		return false;
	}
	x->running = true;
	return true;
}

/* The request headers: the validators of the copy in the data directory,
 * when they belong to this source and the copy is still what they
 * describe (RFC 9110 section 13.1). */
static void conditions(struct ctx *c, xfer *x, int i)
{
	const syncstate_file *s = &c->state.file[i];
	char *path = yload_join(c->o->dir, datadir_files[i]);
	struct stat st;
	bool same = path && !strcmp(s->key, x->key) && lstat(path, &st) == 0 &&
		    S_ISREG(st.st_mode) && (long long)st.st_size == s->size;
	free(path);
	if (!same)
		return;
	const char *names[] = {"If-None-Match", "If-Modified-Since"};
	const char *vals[] = {s->etag, s->last_modified};
	for (int k = 0; k < 2; k++) {
		if (!vals[k])
			continue;
		size_t n = strlen(names[k]) + strlen(vals[k]) + 3;
		char *h = malloc(n);
		if (!h)
			continue;
		snprintf(h, n, "%s: %s", names[k], vals[k]);
		struct curl_slist *l = curl_slist_append(x->headers, h);
		free(h);
		if (l) {
			x->headers = l;
			x->conditional = true;
		}
	}
}

static void begin(struct ctx *c, int i)
{
	xfer *x = &c->x[i];
	x->f = &c->run->file[i];
	x->index = i;
	x->fd = -1;
	x->f->name = datadir_files[i];
	x->f->total = -1;
	x->f->outcome = SYNC_WAITING;
	if (!source_of(c, x, i))
		return;
	char err[600];
	if ((x->fd = datadir_temp(c->o->dir, datadir_files[i], &x->tmp, err, sizeof(err))) < 0) {
		fail(x, false, "%s", err);
		return;
	}
	conditions(c, x, i);
	start(c, x);
}

/* ---- the answer ------------------------------------------------------------ */

/* The file at path: mapped read-only (*len bytes; NULL and 0 for an empty
 * file); false with errno set when it cannot be read. */
static bool map_file(const char *path, void **map, size_t *len)
{
	*map = NULL;
	*len = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	struct stat st;
	if (fd < 0)
		return false;
	bool ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
	if (ok && st.st_size > 0) {
		*map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		ok = *map != MAP_FAILED;
		if (ok)
			*len = (size_t)st.st_size;
		else
			*map = NULL;
	}
	int e = errno;
	close(fd);
	errno = e;
	return ok;
}

/* Check the bytes at path as data file `name`. */
static bool check_file(const char *path, const char *name, syncdata_info *info,
		       char *why, size_t whysize)
{
	void *map;
	size_t len;
	if (!map_file(path, &map, &len)) {
		snprintf(why, whysize, "cannot read %s: %s", path, strerror(errno));
		return false;
	}
	bool ok = syncdata_check(name, map ? map : "", len, info, why, whysize);
	if (map)
		munmap(map, len);
	return ok;
}

/* Whether files a and b hold the same bytes. */
static bool same_bytes(const char *a, const char *b)
{
	void *ma, *mb;
	size_t la, lb;
	if (!map_file(a, &ma, &la))
		return false;
	bool same = false;
	if (map_file(b, &mb, &lb)) {
		same = la == lb && (!la || !memcmp(ma, mb, la));
		if (mb)
			munmap(mb, lb);
	}
	if (ma)
		munmap(ma, la);
	return same;
}

/* The state of file x: the validators of the answer just taken (RFC 9110
 * section 8.8; a 304 carries those a 200 would, section 15.4.5). */
static void remember(struct ctx *c, xfer *x, bool written)
{
	syncstate_file *s = &c->state.file[x->index];
	const char *etag = http_header(x->easy, "ETag");
	const char *lm = http_header(x->easy, "Last-Modified");
	bool full = x->f->status == 200;
	if (full || (etag && *etag)) {
		free(s->etag);
		s->etag = etag && *etag && syncstate_header_ok(etag) ? strdup(etag) : NULL;
	}
	if (full || (lm && *lm)) {
		free(s->last_modified);
		s->last_modified = lm && *lm && syncstate_header_ok(lm) ? strdup(lm) : NULL;
	}
	if (full) {
		free(s->source);
		s->source = strdup(x->source);
		memcpy(s->key, x->key, 33);
		s->size = x->got;
	}
	if (written)
		s->synced = c->now;
	s->checked = c->now;
}

/* The first sync that replaces a file of a directory without history
 * keeps the files as they were first, as a version of their own (stamped
 * with the newest one's mtime): `teamtui changes` can then compare. */
static void keep_what_was(struct ctx *c)
{
	if (c->recorded_before)
		return;
	c->recorded_before = true;
	datadir_version *v;
	size_t n;
	char err[600];
	if (!datadir_history(c->o->dir, &v, &n, err, sizeof(err)))
		return; /* datadir_record below says what is wrong */
	datadir_versions_free(v, n);
	time_t newest = 0;
	for (int i = 0; i < DATADIR_NFILES; i++) {
		char *p = yload_join(c->o->dir, datadir_files[i]);
		struct stat st;
		if (p && lstat(p, &st) == 0 && S_ISREG(st.st_mode) && st.st_mtime > newest)
			newest = st.st_mtime;
		free(p);
	}
	char stamp[17];
	if (!n && newest && !datadir_record(c->o->dir, newest, c->o->shared, stamp, err,
					    sizeof(err)))
		note(&c->run->errors, &c->run->nerrors, "the files as they were are not "
			"kept: %s", err);
}

/* A 200 whose body is in x->tmp: check it, then put it in place. */
static void take(struct ctx *c, xfer *x)
{
	sync_file *f = x->f;
	char why[600], err[600];
	const char *type = http_header(x->easy, "Content-Type");
	size_t tl = type ? strcspn(type, "; \t") : 0;
	if (type && ((tl == 9 && !strncasecmp(type, "text/html", 9)) ||
		     (tl == 21 && !strncasecmp(type, "application/xhtml+xml", 21)))) {
		fail(x, true, "an HTML page, not YAML");
		return;
	}
	syncdata_info info;
	if (!check_file(x->tmp, f->name, &info, why, sizeof(why))) {
		fail(x, true, "%s", why);
		return;
	}
	char *path = yload_join(c->o->dir, f->name);
	if (path && same_bytes(x->tmp, path)) { /* a server without validators */
		free(path);
		f->outcome = SYNC_UNCHANGED;
		remember(c, x, false);
		return;
	}
	f->had_before = path && check_file(path, f->name, &f->before, why, sizeof(why));
	free(path);
	keep_what_was(c);
	int fd = x->fd;
	x->fd = -1;
	if (!datadir_commit(fd, x->tmp, c->o->dir, f->name, err, sizeof(err))) {
		fail(x, false, "%s", err);
		return;
	}
	free(x->tmp);
	x->tmp = NULL;
	f->outcome = SYNC_UPDATED;
	f->size = x->got;
	f->now = info;
	remember(c, x, true);
}

/* A 304: the copy is current (RFC 9110 section 15.4.5). */
static void unchanged(struct ctx *c, xfer *x)
{
	if (!x->conditional) {
		fail(x, false, "304 not modified, to a request that was not conditional");
		return;
	}
	x->f->outcome = SYNC_UNCHANGED;
	remember(c, x, false);
}

/* A 3xx: follow it when no token goes with the request, at most
 * SYNC_MAX_REDIRECTS times, to a URL judged as the first was. True when
 * the request started again. */
static bool redirect(struct ctx *c, xfer *x, long code)
{
	char *target = NULL, err[600];
	curl_easy_getinfo(x->easy, CURLINFO_REDIRECT_URL, &target);
	char *shown = target ? http_url_shown(target) : NULL;
	bool again = false;
	if (x->api) {
		http_status s = {.code = code, .api = true, .location = shown};
		http_status_error(&s, err, sizeof(err));
		fail(x, false, "%s", err);
	} else if (!target) {
		fail(x, false, "%ld redirect without a Location", code);
	} else if (x->redirects >= SYNC_MAX_REDIRECTS) {
		fail(x, false, "more than %d redirects; stopped before %s", SYNC_MAX_REDIRECTS,
		     shown ? shown : "the next");
	} else {
		static const http_url_rules rules = {"redirect target", false, ""};
		http_url u;
		if (!http_parse_url(target, &rules, &u, err, sizeof(err))) {
			fail(x, false, "%s; not followed", err);
		} else if (u.plain_http && !x->plain_http) { /* never down to http */
			fail(x, false, "redirected from https to %s; not followed",
			     shown ? shown : "plain http");
			http_url_free(&u);
		} else {
			free(x->url);
			x->url = u.url;
			x->plain_http = u.plain_http;
			x->redirects++;
			again = start(c, x);
		}
	}
	free(shown);
	return again;
}

static void status_error(struct ctx *c, xfer *x, long code)
{
	char msg[768];
	const config_sync_source *s = c->o->src;
	if (code == 404 && x->api) {
		fail(x, false, "404 not found, or private to you: %s in %s at %s",
		     s->file[x->index], s->project, s->ref ? s->ref : "HEAD");
		return;
	}
	char *said = x->api ? http_server_message(x->body, x->blen) : NULL;
	const gitlab_config *g = c->o->gitlab;
	http_status st = {.code = code, .api = x->api, .token = x->api && g->token,
			  .token_from = g->token_from, .said = said};
	http_status_error(&st, msg, sizeof(msg));
	fail(x, false, "%s", msg);
	free(said);
}

/* One transfer of x ended with rc. */
static void on_done(struct ctx *c, xfer *x, CURLcode rc)
{
	x->running = false;
	long code = 0;
	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &code);
	x->f->status = code;
	if (rc != CURLE_OK) {
		if (x->write_errno) {
			fail(x, false, "cannot write %s: %s", x->tmp, strerror(x->write_errno));
			return;
		}
		http_failure why = {.host = x->host, .hostport = x->f->where,
				    .total_timeout = SYNC_TOTAL_TIMEOUT, .cap = "64 MB",
				    .too_big = x->too_big, .errbuf = x->errbuf};
		char msg[768];
		http_transfer_error(x->easy, rc, &why, msg, sizeof(msg));
		fail(x, false, "%s", msg);
		return;
	}
	if (code == 200)
		take(c, x);
	else if (code == 304)
		unchanged(c, x);
	else if (code >= 300 && code < 400 && code != 304)
		redirect(c, x, code);
	else
		status_error(c, x, code);
}

/* ---- the run ---------------------------------------------------------------- */

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void progress(struct ctx *c)
{
	for (int i = 0; i < DATADIR_NFILES; i++) {
		xfer *x = &c->x[i];
		if (!x->running)
			continue;
		curl_off_t got = 0, total = -1;
		long code = 0;
		curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &code);
		curl_easy_getinfo(x->easy, CURLINFO_SIZE_DOWNLOAD_T, &got);
		curl_easy_getinfo(x->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &total);
		x->f->got = code == 200 ? (long long)got : 0;
		x->f->total = code == 200 ? (long long)total : -1;
	}
	if (c->o->progress)
		c->o->progress(c->run, c->o->ctx);
}

static bool any_running(const struct ctx *c)
{
	for (int i = 0; i < DATADIR_NFILES; i++)
		if (c->x[i].running)
			return true;
	return false;
}

/* http_multi_step's `done`: one transfer ended. */
static void xfer_done(void *priv, CURLcode rc, void *arg)
{
	if (priv)
		on_done(arg, priv, rc);
}

static void transfer(struct ctx *c)
{
	long long last = 0;
	while (any_running(c)) {
		http_multi_step(c->multi, PROGRESS_MS, xfer_done, c);
		if (now_ms() - last >= PROGRESS_MS) {
			progress(c);
			last = now_ms();
		}
	}
	progress(c);
}

static void xfer_free(struct ctx *c, xfer *x)
{
	if (x->easy) {
		curl_multi_remove_handle(c->multi, x->easy);
		curl_easy_cleanup(x->easy);
	}
	curl_slist_free_all(x->headers);
	if (x->fd >= 0)
		close(x->fd);
	if (x->tmp)
		unlink(x->tmp);
	free(x->tmp);
	free(x->url);
	free(x->source);
	free(x->body);
	free(x->host);
}

/* After the transfers: the kept files' dates, the new version, the state. */
static void finish(struct ctx *c)
{
	sync_run *run = c->run;
	char err[600];
	bool changed = false;
	for (int i = 0; i < DATADIR_NFILES; i++) {
		sync_file *f = &run->file[i];
		changed |= f->outcome == SYNC_UPDATED;
		if (f->outcome != SYNC_FAILED)
			continue;
		char *p = yload_join(c->o->dir, f->name);
		struct stat st;
		if (p && lstat(p, &st) == 0 && S_ISREG(st.st_mode)) {
			f->kept = true;
			f->kept_since = st.st_mtime;
		}
		free(p);
	}
	if (changed) {
		if (!datadir_record(c->o->dir, c->now, c->o->shared, run->stamp, err, sizeof(err))) {
			run->stamp[0] = '\0';
			note(&run->errors, &run->nerrors, "no version recorded in history: %s", err);
		} else if (!datadir_prune(c->o->dir, DATADIR_KEEP, err, sizeof(err))) {
			note(&run->errors, &run->nerrors, "old versions not removed: %s", err);
		}
	}
	if (!syncstate_save(c->o->dir, &c->state, err, sizeof(err)))
		note(&run->errors, &run->nerrors, "the sync state is not saved (the next "
			"sync fetches every file whole): %s", err);
}

bool sync_run_all(const sync_options *o, sync_run *run, bool *busy, char *err,
		  size_t errsize)
{
	memset(run, 0, sizeof(*run));
	*busy = false;
	*err = '\0';
	for (int i = 0; i < DATADIR_NFILES; i++) {
		run->file[i].name = datadir_files[i];
		run->file[i].total = -1;
	}
	if (!curlso_load(err, errsize))
		return false;
	static bool inited;
	if (!inited && curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		snprintf(err, errsize, "libcurl could not start");
		return false;
	}
	inited = true;
	if (!datadir_prepare(o->dir, o->shared, err, errsize))
		return false;
	int lock = datadir_lock(o->dir, busy, err, errsize);
	if (lock < 0) {
		if (*busy)
			snprintf(err, errsize, "another sync is running on %s", o->dir);
		return false;
	}
	datadir_clean(o->dir); /* what an interrupted sync left */
	struct ctx *c = calloc(1, sizeof(*c));
	if (!c) {
		close(lock);
		snprintf(err, errsize, "out of memory");
		return false;
	}
	c->o = o;
	c->run = run;
	c->now = time(NULL);
	char why[700];
	if (!syncstate_load(o->dir, &c->state, why, sizeof(why)))
		note(&run->warnings, &run->nwarnings, "%s; every file is fetched whole", why);
	http_fds before = http_fds_inheritable();
	c->multi = curl_multi_init();
	http_fds_cloexec_new(&before);
	if (!c->multi) {
		syncstate_free(&c->state);
		free(c);
		close(lock);
		snprintf(err, errsize, "libcurl could not start");
		return false;
	}
	for (int i = 0; i < DATADIR_NFILES; i++)
		begin(c, i);
	transfer(c);
	finish(c);
	for (int i = 0; i < DATADIR_NFILES; i++)
		xfer_free(c, &c->x[i]);
	curl_multi_cleanup(c->multi);
	syncstate_free(&c->state);
	free(c);
	close(lock);
	return true;
}

void sync_run_free(sync_run *run)
{
	for (int i = 0; i < DATADIR_NFILES; i++) {
		free(run->file[i].error);
		free(run->file[i].where);
	}
	for (size_t i = 0; i < run->nwarnings; i++)
		free(run->warnings[i]);
	for (size_t i = 0; i < run->nerrors; i++)
		free(run->errors[i]);
	free(run->warnings);
	free(run->errors);
	memset(run, 0, sizeof(*run));
}

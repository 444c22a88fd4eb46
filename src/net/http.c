/* http.c: URL judging, transfer set-up and failure wording (http.h). */
/* libcurl is loaded when first needed (curlso.h): its functions are called
 * by their names, through the table curlso_load fills (defined before
 * http.h brings curlso.h in) */
#define CURLSO_NAMES
#include "teamtui/http.h"

#include <arpa/inet.h>
#include <cjson/cJSON.h>
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "config.h"
#include "teamtui/okr.h"

/* ---- URLs ---------------------------------------------------------------- */

bool http_url_has_part(CURLU *u, CURLUPart part)
{
	char *v = NULL;
	bool present = curl_url_get(u, part, &v, 0) == CURLUE_OK;
	curl_free(v);
	return present;
}

/* The host as libcurl normalised it, lower-cased (RFC 4343: DNS names are
 * case-insensitive), is this machine: "localhost" exactly, a dotted quad
 * in 127.0.0.0/8 (inet_pton accepts nothing else: no "127.1", no hex, no
 * leading zeros -- libcurl has already rewritten those to dotted quads),
 * or [::1] without a zone. */
static bool is_loopback_host(CURLU *u, const char *host)
{
	if (!strcmp(host, "localhost"))
		return true;
	struct in_addr a4;
	if (inet_pton(AF_INET, host, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	size_t n = strlen(host);
	char inner[INET6_ADDRSTRLEN + 1];
	if (n < 3 || host[0] != '[' || host[n - 1] != ']' || n - 2 >= sizeof(inner) ||
	    http_url_has_part(u, CURLUPART_ZONEID))
		return false;
	memcpy(inner, host + 1, n - 2);
	inner[n - 2] = '\0';
	struct in6_addr a6;
	return inet_pton(AF_INET6, inner, &a6) == 1 && IN6_IS_ADDR_LOOPBACK(&a6);
}

bool http_parse_url(const char *text, const http_url_rules *rules,
		    http_url *out, char *err, size_t errsize)
{
	const char *what = rules->what;
	out->url = NULL;
	out->plain_http = false;
	if (!text || !*text) {
		snprintf(err, errsize, "%s is empty", what);
		return false;
	}
	/* 'TEXT' in the messages, unless it may carry a password (or, in a
	 * URL that is not a base, a token in its query) */
	char shown[300] = "";
	if (!strchr(text, '@') && (rules->base || !strpbrk(text, "?#")))
		snprintf(shown, sizeof(shown), " '%s'", text);
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *path = NULL, *url = NULL;
	bool ok = false, plain = false;
	if (!u) {
		snprintf(err, errsize, "out of memory");
		return false;
	}
	CURLUcode rc = curl_url_set(u, CURLUPART_URL, text, CURLU_DEFAULT_SCHEME);
	if (rc != CURLUE_OK) {
		snprintf(err, errsize, "%s%s is not a URL (%s)", what, shown,
			 curl_url_strerror(rc));
		goto done;
	}
	if (http_url_has_part(u, CURLUPART_USER) || http_url_has_part(u, CURLUPART_PASSWORD) ||
	    http_url_has_part(u, CURLUPART_OPTIONS)) {
		snprintf(err, errsize, "%s holds a user name or password: refused%s", what,
			 rules->credentials_hint);
		goto done;
	}
	if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK)
		goto oom;
	if (strcmp(scheme, "https") && strcmp(scheme, "http")) {
		snprintf(err, errsize, "%s%s must be https:// (not %s://)", what, shown,
			 scheme);
		goto done;
	}
	if (rules->base && (http_url_has_part(u, CURLUPART_QUERY) || http_url_has_part(u, CURLUPART_FRAGMENT))) {
		snprintf(err, errsize, "%s%s has a query or fragment: give the "
				       "server's address alone", what, shown);
		goto done;
	}
	if (curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK)
		goto oom;
	/* a host name is letters, digits, '-', '.' (and '_' in practice),
	 * or an IPv6 literal in brackets; a percent-encoded or raw control
	 * byte would make a URL that libcurl itself refuses to read back */
	bool v6 = host[0] == '[';
	for (const unsigned char *h = (const unsigned char *)host; *h; h++)
		if (*h < 0x21 || *h == 0x7f || (*h == '%' && !v6) ||
		    strchr("\"<>\\^`{|}", *h)) {
			snprintf(err, errsize, "%s%s has a character no host name "
					       "has (byte 0x%02x)", what, shown, *h);
			goto done;
		}
	bool upper = false;
	for (char *h = host; *h; h++)
		if (*h >= 'A' && *h <= 'Z') {
			*h = (char)(*h - 'A' + 'a');
			upper = true;
		}
	if (upper && curl_url_set(u, CURLUPART_HOST, host, 0) != CURLUE_OK)
		goto oom;
	plain = !strcmp(scheme, "http");
	if (plain && !is_loopback_host(u, host)) {
		snprintf(err, errsize, "%s%s must be https:// (plain http only to "
				       "localhost, 127.0.0.0/8 or [::1], for tests)", what, shown);
		goto done;
	}
	if (rules->base) { /* the path without trailing slashes: paths are appended */
		if (curl_url_get(u, CURLUPART_PATH, &path, 0) != CURLUE_OK)
			goto oom;
		size_t n = strlen(path);
		while (n && path[n - 1] == '/')
			path[--n] = '\0';
		if (curl_url_set(u, CURLUPART_PATH, n ? path : "/", 0) != CURLUE_OK)
			goto oom;
	}
	if (curl_url_get(u, CURLUPART_URL, &url, 0) != CURLUE_OK)
		goto oom;
	size_t n = strlen(url);
	while (rules->base && n && url[n - 1] == '/')
		url[--n] = '\0';
	if (!(out->url = strdup(url)))
		goto oom;
	out->plain_http = plain;
	ok = true;
	goto done;
oom:
	snprintf(err, errsize, "out of memory");
done:
	curl_free(scheme);
	curl_free(host);
	curl_free(path);
	curl_free(url);
	curl_url_cleanup(u);
	return ok;
}

void http_url_free(http_url *u)
{
	free(u->url);
	u->url = NULL;
	u->plain_http = false;
}

bool http_url_host(const char *url, char **host, char **hostport)
{
	*host = *hostport = NULL;
	CURLU *u = curl_url();
	char *h = NULL, *port = NULL;
	bool ok = u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
		  curl_url_get(u, CURLUPART_HOST, &h, 0) == CURLUE_OK;
	if (ok) { /* the port as written: none for the scheme's default */
		bool explicit_port = curl_url_get(u, CURLUPART_PORT, &port, 0) == CURLUE_OK;
		size_t len = strlen(h) + (explicit_port ? strlen(port) : 0) + 2;
		*host = strdup(h);
		if ((*hostport = malloc(len)))
			snprintf(*hostport, len, "%s%s%s", h, explicit_port ? ":" : "",
				 explicit_port ? port : "");
		for (char *p = *host; p && *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		ok = *host && *hostport;
	}
	if (!ok) {
		free(*host);
		free(*hostport);
		*host = *hostport = NULL;
	}
	curl_free(h);
	curl_free(port);
	curl_url_cleanup(u);
	return ok;
}

char *http_escape(const char *s)
{
	char *e = curl_easy_escape(NULL, s, 0);
	char *out = e ? strdup(e) : NULL;
	curl_free(e);
	return out;
}

char *http_url_shown(const char *url)
{
	CURLU *u = curl_url();
	char *shown = NULL, *s = NULL;
	if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_USER, NULL, 0) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_PASSWORD, NULL, 0) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_OPTIONS, NULL, 0) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_QUERY, NULL, 0) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_FRAGMENT, NULL, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_URL, &s, 0) == CURLUE_OK)
		shown = strdup(s);
	curl_free(s);
	curl_url_cleanup(u);
	return shown;
}

/* ---- transfers ----------------------------------------------------------- */

void http_default_timeouts(long *connect, long *stall, long *total)
{
	*connect = 10;
	*stall = 20;
	*total = 60;
	const char *env = getenv("TEAMTUI_GITLAB_STALL"); /* tests: shorter */
	if (env && atol(env) > 0)
		*stall = atol(env);
}

/* CURLOPT_OPENSOCKETFUNCTION: libcurl's own socket(), close-on-exec from
 * the start (SOCK_CLOEXEC: no window in which it is inheritable). */
static curl_socket_t open_socket(void *user, curlsocktype purpose,
				 struct curl_sockaddr *a)
{
	(void)user;
	(void)purpose;
	return socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
}

CURL *http_easy_new(const http_transfer *t)
{
	CURL *e = curl_easy_init();
	if (!e)
		return NULL;
	curl_easy_setopt(e, CURLOPT_URL, t->url);
	/* https only; plain http only to this machine (http_parse_url) */
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, t->plain_http ? "http" : "https");
	/* Redirects are the caller's to judge, never libcurl's to follow.
	 * Were one ever followed: https only, and libcurl's own rule that
	 * credentials never go to another host. */
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, 0L);
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "https");
	curl_easy_setopt(e, CURLOPT_UNRESTRICTED_AUTH, 0L);
	/* plain http is for this machine: a proxy (http_proxy, all_proxy)
	 * would carry the request, in clear, somewhere else */
	if (t->plain_http)
		curl_easy_setopt(e, CURLOPT_PROXY, "");
	curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, open_socket);
	if (t->errbuf) {
		t->errbuf[0] = '\0';
		curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errbuf);
	}
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, t->connect_timeout);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, t->stall_timeout);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, t->total_timeout);
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, t->max_bytes);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, t->on_data);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, t->ctx);
	curl_easy_setopt(e, CURLOPT_PRIVATE, t->ctx);
	curl_easy_setopt(e, CURLOPT_USERAGENT, PACKAGE_NAME "/" PACKAGE_VERSION);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	if (t->ca_cert)
		curl_easy_setopt(e, CURLOPT_CAINFO, t->ca_cert);
	if (t->token) {
		/* "Authorization: Bearer" (RFC 6750 section 2.1), a header, never
		 * the URL. Given to libcurl as credentials rather than as a custom
		 * header: libcurl knows credentials and keeps them from other
		 * hosts; a custom header it cannot tell from any other. */
		curl_easy_setopt(e, CURLOPT_HTTPAUTH, (long)CURLAUTH_BEARER);
		curl_easy_setopt(e, CURLOPT_XOAUTH2_BEARER, t->token);
	}
	if (t->headers)
		curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
	return e;
}

const char *http_header(CURL *e, const char *name)
{
	struct curl_header *h;
	if (curl_easy_header(e, name, 0, CURLH_HEADER, -1, &h) == CURLHE_OK)
		return h->value;
	return NULL;
}

int http_multi_step(CURLM *multi, int timeout_ms,
		    void (*done)(void *priv, CURLcode rc, void *arg), void *arg)
{
	int still = 0;
	http_fds before = http_fds_inheritable();
	curl_multi_perform(multi, &still);
	http_fds_cloexec_new(&before);
	if (timeout_ms > 0 && still) {
		curl_multi_poll(multi, NULL, 0, timeout_ms, NULL);
		before = http_fds_inheritable();
		curl_multi_perform(multi, &still);
		http_fds_cloexec_new(&before);
	}
	CURLMsg *m;
	int left;
	while ((m = curl_multi_info_read(multi, &left)))
		if (m->msg == CURLMSG_DONE) {
			void *priv = NULL;
			curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&priv);
			done(priv, m->data.result, arg);
		}
	return still;
}

/* ---- why it failed --------------------------------------------------------- */

void http_transfer_error(CURL *e, CURLcode rc, const http_failure *f,
			 char *out, size_t outsize)
{
	const char *detail = f->errbuf && f->errbuf[0] ? f->errbuf : curl_easy_strerror(rc);
	curl_off_t connect = 0, total = 0;
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
		snprintf(out, outsize, "cannot resolve %s", f->host);
		break;
	case CURLE_COULDNT_RESOLVE_PROXY:
		snprintf(out, outsize, "cannot resolve the proxy (%s)", detail);
		break;
	case CURLE_COULDNT_CONNECT:
		snprintf(out, outsize, "cannot connect to %s", f->hostport);
		break;
	case CURLE_OPERATION_TIMEDOUT:
		curl_easy_getinfo(e, CURLINFO_CONNECT_TIME_T, &connect);
		curl_easy_getinfo(e, CURLINFO_TOTAL_TIME_T, &total);
		if (!connect)
			snprintf(out, outsize, "timed out connecting to %s", f->hostport);
		else if (total >= (curl_off_t)f->total_timeout * 1000000)
			snprintf(out, outsize, "timed out: %s did not finish answering within %ld s",
				 f->hostport, f->total_timeout);
		else
			snprintf(out, outsize, "timed out: %s stopped answering", f->hostport);
		break;
	case CURLE_FILESIZE_EXCEEDED:
		snprintf(out, outsize, "the answer is over %s; refused", f->cap);
		break;
	case CURLE_PARTIAL_FILE:
		snprintf(out, outsize, "the connection closed in the middle of the answer");
		break;
	case CURLE_GOT_NOTHING:
		snprintf(out, outsize, "%s closed the connection without answering",
			 f->hostport);
		break;
	default:
		if (f->too_big)
			snprintf(out, outsize, "the answer is over %s; refused", f->cap);
		else if (f->oom)
			snprintf(out, outsize, "out of memory");
		else
			snprintf(out, outsize, "network: %s", detail);
	}
}

void http_status_error(const http_status *s, char *out, size_t outsize)
{
	long code = s->code;
	if (code == 401 && s->api && s->token)
		snprintf(out, outsize, "401 unauthorized: GitLab refused the token from %s",
			 s->token_from ? s->token_from : "the settings");
	else if (code == 401 && s->api)
		snprintf(out, outsize, "401 unauthorized: no token was sent (set GITLAB_TOKEN)");
	else if (code == 401)
		snprintf(out, outsize, "401 unauthorized");
	else if (code == 403 && s->said) /* many causes (scope, role, IP allow-list) */
		snprintf(out, outsize, "403 forbidden: %s", s->said);
	else if (code == 403)
		snprintf(out, outsize, "403 forbidden");
	else if (code == 404)
		snprintf(out, outsize, "404 not found");
	else if (code == 429)
		snprintf(out, outsize, "429 rate limited");
	else if (code >= 300 && code < 400)
		snprintf(out, outsize, "redirected to %.300s; not followed (the token goes to "
				       "the GitLab host alone)",
			 s->location ? s->location : "another address");
	else
		snprintf(out, outsize, "the server answered %ld", code);
}

char *http_server_message(const char *body, size_t len)
{
	if (!body || !len)
		return NULL;
	char err[256];
	cJSON *doc = okr_json_parse(body, len, err, sizeof(err));
	const char *keys[] = {"error_description", "message", "error"}, *msg = NULL;
	for (size_t i = 0; !msg && i < 3; i++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(doc, keys[i]);
		if (cJSON_IsString(v) && v->valuestring && *v->valuestring)
			msg = v->valuestring;
	}
	char *out = msg ? strdup(msg) : NULL;
	cJSON_Delete(doc);
	size_t n = out ? strlen(out) : 0;
	if (n > 200) {
		n = 200;
		while (n && ((unsigned char)out[n] & 0xC0) == 0x80)
			n--;
		out[n] = '\0';
	}
	return out;
}

/* ---- descriptors ------------------------------------------------------------ */

static void fds_add(http_fds *l, int fd)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		int *v = realloc(l->v, cap * sizeof(*v));
		if (!v)
			return;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = fd;
}

static bool is_inheritable(int fd)
{
	int fl = fcntl(fd, F_GETFD);
	return fl >= 0 && !(fl & FD_CLOEXEC);
}

http_fds http_fds_inheritable(void)
{
	http_fds l = {0};
	DIR *d = opendir("/dev/fd"); /* opened close-on-exec itself */
	if (d) {
		struct dirent *e;
		while ((e = readdir(d))) {
			char *end;
			long fd = strtol(e->d_name, &end, 10);
			if (end != e->d_name && !*end && fd >= 0 && fd <= INT_MAX &&
			    fd != dirfd(d) && is_inheritable((int)fd))
				fds_add(&l, (int)fd);
		}
		closedir(d);
		return l;
	}
	long max = sysconf(_SC_OPEN_MAX);
	if (max < 0 || max > 65536)
		max = 65536;
	for (int fd = 0; fd < (int)max; fd++)
		if (is_inheritable(fd))
			fds_add(&l, fd);
	return l;
}

void http_fds_cloexec_new(http_fds *before)
{
	http_fds now = http_fds_inheritable();
	for (size_t i = 0; i < now.n; i++) {
		bool old = false;
		for (size_t k = 0; k < before->n && !old; k++)
			old = before->v[k] == now.v[i];
		if (!old)
			fcntl(now.v[i], F_SETFD, FD_CLOEXEC);
	}
	free(now.v);
	free(before->v);
	memset(before, 0, sizeof(*before));
}

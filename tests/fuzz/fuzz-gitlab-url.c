/* fuzz-gitlab-url: the GitLab client's two URL gates, which decide where
 * the token may be sent: gitlab_parse_host (GITLAB_HOST / gitlab_host to a
 * base URL: https://, plain http only to this machine) and
 * gitlab_next_link (the Link header's rel="next" URL, followed only while
 * it stays on the base). No transfer is started: no network.
 *
 * Feeds: the input up to its first NUL; its first line is the host as a
 * user would configure it, the rest is the Link header's value (the next
 * link is read against the parsed base, or https://gitlab.com when the
 * host is refused).
 * Asserts: no memory error, leak or undefined behaviour; a refused host
 * comes with a reason, no base, and no '@' of the text echoed (it could
 * be a password); an accepted base is https://, or http:// to a loopback
 * host as libcurl's own URL parser reads it, with no user, password,
 * query, fragment or trailing '/', and is accepted again as the same
 * kind (https or plain http) when given back; a next-page URL comes
 * without a refused one, and libcurl reads in it the base's scheme, host
 * and port, no user or password, and a path under the base's path. */
#include <ctype.h>
#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fuzz-common.h"
#include "teamtui/gitlab.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

typedef struct parts {
	char *scheme, *host, *port, *path;
	int userinfo; /* a user, password or login options */
	int rest;     /* a query or fragment */
} parts;

static int has(CURLU *u, CURLUPart what)
{
	char *v = NULL;
	int yes = curl_url_get(u, what, &v, 0) == CURLUE_OK;
	curl_free(v);
	return yes;
}

static void parts_free(parts *p)
{
	curl_free(p->scheme);
	curl_free(p->host);
	curl_free(p->port);
	curl_free(p->path);
	memset(p, 0, sizeof(*p));
}

/* url as libcurl reads it; false if it cannot */
static int url_parts(const char *url, parts *p)
{
	memset(p, 0, sizeof(*p));
	CURLU *u = curl_url();
	FZ_CHECK(u != NULL, "out of memory");
	int ok = curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
		 curl_url_get(u, CURLUPART_SCHEME, &p->scheme, 0) == CURLUE_OK &&
		 curl_url_get(u, CURLUPART_HOST, &p->host, 0) == CURLUE_OK &&
		 curl_url_get(u, CURLUPART_PORT, &p->port, CURLU_DEFAULT_PORT) == CURLUE_OK &&
		 curl_url_get(u, CURLUPART_PATH, &p->path, 0) == CURLUE_OK;
	if (ok) {
		p->userinfo = has(u, CURLUPART_USER) || has(u, CURLUPART_PASSWORD) ||
			      has(u, CURLUPART_OPTIONS);
		p->rest = has(u, CURLUPART_QUERY) || has(u, CURLUPART_FRAGMENT);
	} else {
		parts_free(p);
	}
	curl_url_cleanup(u);
	return ok;
}

static int loopback_host(const char *h)
{
	if (!strcasecmp(h, "localhost") || !strcmp(h, "[::1]"))
		return 1;
	if (strncmp(h, "127.", 4))
		return 0;
	for (const char *p = h; *p; p++)
		if (!isdigit((unsigned char)*p) && *p != '.')
			return 0;
	return 1;
}

static void check_base(const char *text, const char *base, bool plain)
{
	size_t n = strlen(base);
	FZ_CHECK(n && base[n - 1] != '/', "base '%s' ends with '/'", base);
	FZ_CHECK(!strncmp(base, plain ? "http://" : "https://", plain ? 7 : 8),
		 "host '%s' gave base '%s' (plain_http %d)", text, base, (int)plain);
	parts p;
	FZ_CHECK(url_parts(base, &p), "libcurl cannot read the base '%s'", base);
	FZ_CHECK(!plain || loopback_host(p.host),
		 "host '%s' gave plain-http base '%s', whose host '%s' is not this "
		 "machine", text, base, p.host);
	FZ_CHECK(!p.userinfo && !p.rest,
		 "base '%s' has a user, password, query or fragment", base);
	parts_free(&p);
	char *again = NULL, err[512] = "";
	bool plain2;
	FZ_CHECK(gitlab_parse_host(base, &again, &plain2, err, sizeof(err)),
		 "the base '%s' is refused when given again: %s", base, err);
	/* not compared as text: libcurl normalises some hosts only on a
	 * second reading ("%3000" gives "000", then "0.0.0.0") */
	FZ_CHECK(plain2 == plain, "base '%s' gives plain_http %d the second time",
		 base, (int)plain2);
	free(again);
}

static void check_next(const char *base, const char *next)
{
	parts b, x;
	FZ_CHECK(url_parts(base, &b), "libcurl cannot read the base '%s'", base);
	FZ_CHECK(url_parts(next, &x), "libcurl cannot read the next page '%s'", next);
	FZ_CHECK(!strcasecmp(b.scheme, x.scheme) && !strcasecmp(b.host, x.host) &&
		     !strcmp(b.port, x.port),
		 "next page '%s' goes to %s://%s:%s, the base '%s' is %s://%s:%s",
		 next, x.scheme, x.host, x.port, base, b.scheme, b.host, b.port);
	FZ_CHECK(!x.userinfo, "next page '%s' carries a user or password", next);
	size_t n = strlen(b.path);
	while (n && b.path[n - 1] == '/')
		n--;
	FZ_CHECK(!strncmp(x.path, b.path, n) && x.path[n] == '/',
		 "next page '%s' has path '%s', not under the base's '%s'", next,
		 x.path, b.path);
	parts_free(&b);
	parts_free(&x);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fz_cstr(data, size);
	char *link = NULL, *nl = strchr(text, '\n');
	if (nl) {
		*nl = '\0';
		link = nl + 1;
	}
	char *base = (char *)"unset", err[512] = "";
	bool plain = true;
	if (gitlab_parse_host(text, &base, &plain, err, sizeof(err))) {
		FZ_CHECK(base != NULL, "accepted without a base");
		check_base(text, base, plain);
	} else {
		FZ_CHECK(!base && !plain && *err,
			 "host '%s' refused without a reason, or with a base", text);
		FZ_CHECK(!strchr(text, '@') || !strchr(err, '@'),
			 "the refusal echoes a text with '@': %s", err);
	}
	const char *b = base ? base : "https://gitlab.com";
	static char unset[] = "unset";
	char *refused = unset;
	char *next = gitlab_next_link(link, b, &refused);
	FZ_CHECK(refused != unset, "*refused left unset");
	if (next) {
		FZ_CHECK(!refused, "a next page, and a refused one too");
		check_next(b, next);
	}
	free(refused);
	free(next);
	free(base);
	free(text);
	return 0;
}

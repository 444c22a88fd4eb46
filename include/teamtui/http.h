/* http: what the GitLab client (gitlab.h) and the data sync (sync.h)
 * share of libcurl, so that both judge URLs, set up transfers and word
 * their failures one way:
 *   - a URL is https, or plain http to this machine only;
 *   - libcurl never follows a redirect by itself: each caller decides
 *     (the GitLab client never follows one, a sync without a token
 *     follows a few, each judged like the first URL);
 *   - a token goes as bearer credentials (RFC 6750 section 2.1), never in
 *     a URL, and a plain-http transfer never goes through a proxy;
 *   - connect, stall and total time-outs and a size cap on every transfer;
 *   - every descriptor is close-on-exec.
 * The caller loads libcurl first (curlso_load); nothing here does. Knows
 * nothing of curses. */
#ifndef TEAMTUI_HTTP_H
#define TEAMTUI_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "teamtui/curlso.h"

/* ---- URLs ---------------------------------------------------------------- */

/* How http_parse_url judges a text, and names it in messages. */
typedef struct http_url_rules {
	const char *what; /* starts every message: "GitLab host", "URL" */
	/* a base URL that request paths are appended to: no query and no
	 * fragment, trailing '/'s dropped. Otherwise a query is allowed (a
	 * signed download URL) but never echoed: it may hold a secret. */
	bool base;
	const char *credentials_hint; /* ends the refusal of a user name or
					 password (" (a token belongs in ...)"),
					 "" for none */
} http_url_rules;

/* A URL as http_parse_url accepted it. */
typedef struct http_url {
	char *url;	/* libcurl's normal form (scheme and host in lower
			   case), malloc'd */
	bool plain_http; /* http:// (to this machine only) */
} http_url;

/* Judge `text` as a URL to send requests to. It is read by libcurl's URL
 * API (curl_url_set with CURLU_DEFAULT_SCHEME: a bare "gitlab.com" is
 * https://gitlab.com; no CURLU_NON_SUPPORT_SCHEME) and judged on what
 * libcurl normalises it to, which is also what is requested:
 *   - a user name or password (even empty: "http://@h") is refused;
 *   - the scheme must be https, or http (any case) when the host is
 *     exactly "localhost" (any case), an IPv4 address in 127.0.0.0/8 as
 *     libcurl normalises it ("127.1", "0x7f000001" and "2130706433"
 *     become "127.0.0.1"; "127.0.0.1.nip.io" is a name), or [::1]
 *     without a zone (the IPv4-mapped [::ffff:127.0.0.1] is refused);
 *   - the host holds no control, space, '%' (outside an IPv6 literal) or
 *     any of "<>\^`{|} (libcurl could not read such a URL back);
 *   - rules->base: no query and no fragment, trailing '/'s dropped.
 * True with out->url malloc'd; otherwise false with one line in err that
 * starts with rules->what and echoes the text in quotes only when it holds
 * no '@' (a password) and, unless rules->base, no '?' or '#' (a query may
 * hold a token). */
bool http_parse_url(const char *text, const http_url_rules *rules,
		    http_url *out, char *err, size_t errsize);
void http_url_free(http_url *u);

/* Whether `part` of u is present, even empty ("http://@h" has a user). */
bool http_url_has_part(CURLU *u, CURLUPart part);

/* The host of `url` as libcurl reads it, in lower case (*host), and the
 * host with its port as written, none for the scheme's default
 * (*hostport: "gitlab.com", "127.0.0.1:8080"): both malloc'd, for
 * messages. False (both NULL) when the URL cannot be read or memory runs
 * out. */
bool http_url_host(const char *url, char **host, char **hostport);

/* s percent-encoded as one path segment or query value (every byte but
 * RFC 3986's unreserved ones, as curl_easy_escape does), malloc'd; NULL
 * when memory runs out. */
char *http_escape(const char *s);

/* What of `url` may be shown: scheme, host, port as written and path,
 * with no user name, password, query or fragment (malloc'd); NULL when
 * libcurl cannot read it or memory runs out. */
char *http_url_shown(const char *url);

/* ---- transfers ----------------------------------------------------------- */

/* The time-outs of every transfer, in seconds: connect 10, stall 20 (less
 * than 1 byte/s for that long ends it; $TEAMTUI_GITLAB_STALL, a positive
 * number of seconds, shortens it for tests), total 60. */
void http_default_timeouts(long *connect, long *stall, long *total);

/* One request, as http_easy_new sets it up. */
typedef struct http_transfer {
	const char *url;      /* accepted by http_parse_url */
	bool plain_http;      /* the url's http_url.plain_http */
	const char *token;    /* bearer credentials; NULL: none */
	const char *ca_cert;  /* CA bundle; NULL: the system's */
	long connect_timeout, stall_timeout, total_timeout; /* seconds */
	curl_off_t max_bytes; /* a larger announced body is refused */
	struct curl_slist *headers; /* request headers, or NULL (not copied:
				       kept alive by the caller) */
	curl_write_callback on_data;
	void *ctx;	      /* on_data's, and CURLINFO_PRIVATE */
	char *errbuf;	      /* CURL_ERROR_SIZE bytes: libcurl's detail */
} http_transfer;

/* A new easy handle for t (the caller adds it to its multi handle and
 * cleans it up): GET (the caller may set a body), protocols https only
 * (http only when t->plain_http), no redirect followed, no proxy for plain
 * http, close-on-exec sockets, no signals, the time-outs and the size cap,
 * teamtui's User-Agent, any content encoding libcurl decodes, and the
 * token as "Authorization: Bearer" credentials, which libcurl keeps from
 * other hosts. NULL when libcurl cannot make one (out of memory). */
CURL *http_easy_new(const http_transfer *t);

/* The value of response header `name` of e's last answer, NULL if none
 * (libcurl's storage: valid until the handle's next transfer). */
const char *http_header(CURL *e, const char *name);

/* Run the transfers of `multi`: curl_multi_perform (bracketed as
 * "descriptors" below says), then, when timeout_ms > 0 and transfers still
 * run, wait at most that long for activity (curl_multi_poll) and perform
 * again; then hand each finished transfer to done(its CURLINFO_PRIVATE,
 * its result, arg), which may start others. Returns how many transfers
 * curl_multi_perform left running. */
int http_multi_step(CURLM *multi, int timeout_ms,
		    void (*done)(void *priv, CURLcode rc, void *arg), void *arg);

/* ---- why it failed --------------------------------------------------------- */

/* What http_transfer_error needs to know of a failed transfer. */
typedef struct http_failure {
	const char *host, *hostport; /* http_url_host's */
	long total_timeout;	     /* seconds */
	const char *cap;	     /* the size cap in words: "8 MB" */
	bool too_big;		     /* the write callback stopped at the cap */
	bool oom;		     /* the write callback ran out of memory */
	const char *errbuf;	     /* libcurl's detail, "" none */
} http_failure;

/* One line for a transfer that ended with rc (not CURLE_OK): "cannot
 * resolve gitlab.com", "cannot connect to 127.0.0.1:8080", "timed out
 * connecting to H", "timed out: H did not finish answering within 60 s",
 * "timed out: H stopped answering", "the answer is over 8 MB; refused",
 * "the connection closed in the middle of the answer", "H closed the
 * connection without answering", "network: <libcurl's detail>". */
void http_transfer_error(CURL *e, CURLcode rc, const http_failure *f,
			 char *out, size_t outsize);

/* What the status line of an unsuccessful answer says. */
typedef struct http_status {
	long code;
	bool api;	   /* a GitLab API request: a 401 speaks of the token */
	bool token;	   /* a token was sent */
	const char *token_from; /* where it came from ("GITLAB_TOKEN") */
	const char *said;  /* the server's own message (http_server_message),
			      or NULL */
	const char *location; /* a redirect's target as it may be shown */
} http_status;

/* One line for an answer that is not a success: "401 unauthorized: GitLab
 * refused the token from GITLAB_TOKEN" (api, token), "401 unauthorized: no
 * token was sent (set GITLAB_TOKEN)" (api, no token), "401 unauthorized",
 * "403 forbidden: <said>", "403 forbidden", "404 not found", "429 rate
 * limited", "redirected to <location>; not followed (the token goes to
 * the GitLab host alone)" (a 3xx), else "the server answered <code>".
 * Callers that know more (the GitLab client's 404s and Retry-After) say it
 * themselves. */
void http_status_error(const http_status *s, char *out, size_t outsize);

/* What GitLab said about a failure, from a JSON body: error_description
 * (OAuth, e.g. insufficient_scope), message, or error, at most 200 bytes
 * (cut on a character boundary), malloc'd; NULL when there is none. */
char *http_server_message(const char *body, size_t len);

/* ---- descriptors ------------------------------------------------------------ */

/* libcurl opens socket pairs of its own (the multi handle's wake-up pair,
 * the threaded resolver's) that no callback sees and that it leaves
 * inheritable. A call that may open them is bracketed:
 *     http_fds before = http_fds_inheritable();
 *     curl_multi_perform(...);
 *     http_fds_cloexec_new(&before);
 * and every inheritable descriptor that was not there before is made
 * close-on-exec. Descriptors the process had are never touched. */
typedef struct http_fds {
	int *v;
	size_t n, cap;
} http_fds;

/* The open descriptors without FD_CLOEXEC: from /dev/fd where it lists
 * them, else by asking each possible one. */
http_fds http_fds_inheritable(void);
/* Close-on-exec for each inheritable descriptor not in *before; frees it. */
void http_fds_cloexec_new(http_fds *before);

#endif

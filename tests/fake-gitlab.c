/*
 * fake-gitlab: a scripted HTTP/1.1 server that plays GitLab in the tests.
 *
 *   fake-gitlab ROUTES-FILE LOG-FILE
 *
 * Binds 127.0.0.1 on an ephemeral port, prints "port=N" on stdout (then
 * points stdout at /dev/null, so `$(fake-gitlab ... &)` returns) and serves
 * until SIGTERM/SIGINT, or until 120 s pass without a connection: a crashed
 * test never leaves it running. Each connection gets a forked child, so a
 * delayed or trickled response never blocks another request, and is closed
 * after one response ("Connection: close"). On shutdown the children are
 * killed and reaped; a child also exits if the server vanishes.
 *
 * Every request appends ONE JSON line to LOG-FILE (one write() on an
 * O_APPEND descriptor, so concurrent children never interleave):
 *   {"method":"POST","target":"/api/graphql","authorization":"Bearer x",
 *    "if_none_match":null,"body":"..."}
 * (a connection that sends no byte at all is not logged).
 *
 * ROUTES-FILE: one rule per line, first match wins, '#' starts a comment:
 *
 *   METHOD TARGET-PREFIX BODY-SUBSTRING -> STATUS FILE [option ...]
 *
 *   METHOD          GET, POST, ... or * (any)
 *   TARGET-PREFIX   the request target (path and query) starts with it; * any
 *   BODY-SUBSTRING  the request body contains it; * any
 *   STATUS          the HTTP status code
 *   FILE            the response body, relative to the routes file's
 *                   directory; - is an empty body
 * options:
 *   header=Name:Value  add a response header (repeatable); the text PORT in
 *                      Value becomes the server's port
 *   if-none-match=V    the rule matches only if the request's If-None-Match
 *                      is exactly V (quotes included: if-none-match="v1")
 *   delay=MS           wait MS milliseconds before the status line
 *   trickle=RATE       send the body at RATE bytes/s (RATE may be below 1:
 *                      0.2 sends one byte every 5 s)
 *   close-after=N      announce the full Content-Length, send only N bytes
 *                      of the body, then close the connection
 *   size=BYTES         a body of BYTES of generated filler instead of FILE
 *                      ({"data":{"filler":"xxx..."}}), streamed
 *   status-text=TEXT   reason phrase instead of the standard one
 *
 * Words are separated by blanks; '...' quotes part of a word literally, for
 * spaces: 'header=Link:<http://127.0.0.1:PORT/x>; rel="next"'.
 * Content-Type: application/json is sent unless a header= sets one.
 * Unmatched requests get 404 {"message":"404 Not Found"}.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum {
	REQ_MAX = 1 << 20,        /* cap on request head + body */
	READ_TIMEOUT_MS = 10000,  /* to receive the whole request */
	IDLE_TIMEOUT_MS = 120000, /* exit after this long without a connection */
	MAX_HEADERS = 16,
	MAX_WORDS = 6 + MAX_HEADERS + 8,
	MAX_KIDS = 256,
};

struct rule {
	const char *method, *target, *body; /* "*" matches anything */
	int status;
	const char *reason;                 /* NULL: the standard text */
	const char *headers[MAX_HEADERS];   /* "Name:Value" */
	int nheaders;
	const char *inm;                    /* if-none-match=, NULL: any */
	const char *data;                   /* FILE's contents */
	size_t data_len;
	long long delay_ms, close_after, size; /* the last two -1 when unset */
	double trickle;                     /* bytes/s, 0: full speed */
};

struct request {
	const char *method, *target, *auth, *inm, *body;
	size_t body_len;
};

struct buf {
	char *p;
	size_t len, cap;
};

static char *routes_text;        /* the rules point into it */
static struct rule *rules;
static int nrules;
static int port, log_fd = -1, wake[2] = {-1, -1};
static pid_t server_pid, kids[MAX_KIDS];
static volatile sig_atomic_t stopping;

static _Noreturn void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("fake-gitlab: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

static void *xrealloc(void *p, size_t n)
{
	if (!(p = realloc(p, n ? n : 1)))
		die("out of memory");
	return p;
}

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void puts_(struct buf *b, const char *s) { put(b, s, strlen(s)); }

__attribute__((format(printf, 2, 3)))
static void putf(struct buf *b, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	put(b, tmp, n < 0 ? 0 : (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* A JSON string (or null): control characters escaped, UTF-8 kept. */
static void put_json(struct buf *b, const char *s, size_t n)
{
	if (!s) {
		puts_(b, "null");
		return;
	}
	put(b, "\"", 1);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			putf(b, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			putf(b, "\\u%04x", c);
		else
			put(b, s + i, 1);
	}
	put(b, "\"", 1);
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static bool num(const char *s, long long *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v < 0)
		return false;
	*out = v;
	return true;
}

static char *read_whole(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct buf b = {0};
	char tmp[8192];
	ssize_t n;
	put(&b, "", 0);
	while ((n = read(fd, tmp, sizeof tmp)) > 0)
		put(&b, tmp, (size_t)n);
	int saved = errno;
	close(fd);
	if (n < 0) {
		free(b.p);
		errno = saved;
		return NULL;
	}
	*len = b.len;
	return b.p;
}

/* Splits a line into words in place: blanks separate, '...' quotes, '#' at
 * a word's start ends the line. Returns the count, -1 if too many, -2 for an
 * unterminated quote. */
static int split(char *s, char **w, int max)
{
	for (int n = 0;; n++) {
		s += strspn(s, " \t");
		if (*s == '\0' || *s == '#')
			return n;
		if (n == max)
			return -1;
		char *out = w[n] = s;
		while (*s && *s != ' ' && *s != '\t') {
			if (*s != '\'') {
				*out++ = *s++;
				continue;
			}
			for (s++; *s && *s != '\''; )
				*out++ = *s++;
			if (!*s)
				return -2;
			s++;
		}
		bool more = *s != '\0';
		*out = '\0'; /* out <= s: may overwrite the blank we stopped at */
		s += more;
	}
}

static void option(struct rule *r, char *opt, const char *path, int line)
{
	char *val = strchr(opt, '='), *end;
	long long v;
	if (!val)
		goto bad;
	*val++ = '\0';
	if (!strcmp(opt, "header")) {
		if (!strchr(val, ':') || *val == ':' || r->nheaders == MAX_HEADERS)
			goto bad;
		r->headers[r->nheaders++] = val;
	} else if (!strcmp(opt, "if-none-match")) {
		r->inm = val;
	} else if (!strcmp(opt, "status-text")) {
		r->reason = val;
	} else if (!strcmp(opt, "delay") && num(val, &v)) {
		r->delay_ms = v;
	} else if (!strcmp(opt, "close-after") && num(val, &v)) {
		r->close_after = v;
	} else if (!strcmp(opt, "size") && num(val, &v)) {
		r->size = v;
	} else if (!strcmp(opt, "trickle")) {
		r->trickle = strtod(val, &end);
		if (end == val || *end || !(r->trickle > 0))
			goto bad;
	} else {
		goto bad;
	}
	return;
bad:
	die("%s:%d: bad option '%s'", path, line, opt);
}

static void load_routes(const char *path)
{
	size_t len;
	if (!(routes_text = read_whole(path, &len)))
		die("%s: %s", path, strerror(errno));
	const char *slash = strrchr(path, '/'); /* FILEs are relative to it */
	char *next = routes_text;
	for (int line = 1; next; line++) {
		char *s = next, *w[MAX_WORDS];
		if ((next = strchr(s, '\n')))
			*next++ = '\0';
		s[strcspn(s, "\r")] = '\0';
		int n = split(s, w, MAX_WORDS);
		if (n == 0)
			continue;
		if (n < 0)
			die("%s:%d: %s", path, line, n == -1 ? "too many words" : "unterminated quote");
		if (n < 6 || strcmp(w[3], "->"))
			die("%s:%d: want METHOD TARGET BODY -> STATUS FILE [option ...]", path, line);
		rules = xrealloc(rules, (size_t)(nrules + 1) * sizeof *rules);
		struct rule *r = &rules[nrules++];
		long long st;
		*r = (struct rule){.method = w[0], .target = w[1], .body = w[2],
			.data = "", .close_after = -1, .size = -1};
		if (!num(w[4], &st) || st < 100 || st > 999)
			die("%s:%d: bad status '%s'", path, line, w[4]);
		r->status = (int)st;
		if (strcmp(w[5], "-")) {
			struct buf f = {0};
			if (w[5][0] != '/') {
				put(&f, slash ? path : ".", slash ? (size_t)(slash - path) : 1);
				put(&f, "/", 1);
			}
			puts_(&f, w[5]);
			if (!(r->data = read_whole(f.p, &r->data_len)))
				die("%s:%d: %s: %s", path, line, f.p, strerror(errno));
			free(f.p);
		}
		for (int i = 6; i < n; i++)
			option(r, w[i], path, line);
	}
}

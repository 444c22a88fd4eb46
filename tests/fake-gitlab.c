/*
 * fake-gitlab: a scripted HTTP/1.1 server that plays GitLab in the tests.
 *
 *   fake-gitlab ROUTES-FILE LOG-FILE [PORT]
 *
 * Binds 127.0.0.1 on PORT or an ephemeral port, prints "port=N" on stdout, then
 * points stdout at /dev/null (so `$(fake-gitlab ... &)` returns), and serves
 * until SIGTERM/SIGINT or until 120 s pass without a connection (a crashed
 * test never leaves it running). Each connection is served by a forked child,
 * so a slow response never blocks another request, and is closed after one
 * response. Children die with the server.
 *
 * Every request appends ONE JSON line to LOG-FILE (a single write() on an
 * O_APPEND descriptor, so concurrent children never interleave lines):
 *   {"method":"POST","target":"/api/graphql","authorization":"Bearer x",
 *    "if_none_match":null,"if_modified_since":null,"body":"..."}
 * A connection that sends no byte at all is not a request and is not logged.
 *
 * ROUTES-FILE: one rule per line, first match wins, '#' starts a comment.
 *
 *   METHOD TARGET-PREFIX BODY-SUBSTRING -> STATUS FILE [option ...]
 *
 *   METHOD          GET, POST, ... or * (any)
 *   TARGET-PREFIX   the request target (path + query) starts with it; * any
 *   BODY-SUBSTRING  the request body contains it; * any
 *   STATUS          the HTTP status
 *   FILE            the response body, relative to the routes file's
 *                   directory; - for an empty body
 * options:
 *   header=Name:Value  a response header (repeatable); the text PORT in the
 *                      value becomes the server's port
 *   if-none-match=V    match only when the request's If-None-Match is exactly
 *                      V, quotes included: if-none-match="v1"
 *   if-modified-since=V  match only when the request's If-Modified-Since is
 *                      exactly V (an HTTP date: quote it, it has blanks)
 *   transfer=chunked   send the body chunked, with no Content-Length
 *   delay=MS           wait MS milliseconds before the status line
 *   trickle=RATE       send the body at RATE bytes/s; RATE may be below 1
 *                      (0.2 = one byte every 5 s)
 *   close-after=N      announce the full Content-Length, send N bytes of the
 *                      body, close the connection
 *   size=BYTES         BYTES of generated filler, {"data":{"filler":"xx.."}},
 *                      streamed, instead of FILE
 *   status-text=TEXT   the reason phrase instead of the standard one
 * Blanks separate words; '...' quotes part of a word (for spaces):
 *   'header=Link:<http://127.0.0.1:PORT/x?page=2>; rel="next"'
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
	const char *reason;                 /* NULL: the standard one */
	const char *headers[MAX_HEADERS];   /* "Name:Value" */
	int nheaders;
	const char *inm;                    /* if-none-match=, NULL: any */
	const char *ims;                    /* if-modified-since=, NULL: any */
	bool chunked;                       /* transfer=chunked */
	const char *data;                   /* FILE's contents */
	size_t data_len;
	long long delay_ms, close_after, size; /* the last two -1 if unset */
	double trickle;                     /* bytes/s, 0: full speed */
};

struct request {
	const char *method, *target, *auth, *inm, *ims, *body;
	size_t body_len;
};

static char *routes_text; /* the rules point into it */
static struct rule *rules;
static int nrules, port, log_fd, wake[2];
static pid_t server_pid, kids[MAX_KIDS];
static volatile sig_atomic_t stopping;
static const int caught[] = {SIGTERM, SIGINT, SIGHUP, SIGCHLD};

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

static bool send_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t k = write(fd, p, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return false;
		p += k;
		n -= (size_t)k;
	}
	return true;
}

/* A whole file, NUL-terminated; NULL with errno set on failure. */
static char *read_whole(const char *path, size_t *len)
{
	char *p = NULL, tmp[8192];
	FILE *out = open_memstream(&p, len);
	int fd = out ? open(path, O_RDONLY | O_CLOEXEC) : -1;
	ssize_t n = fd < 0 ? -1 : 0;
	while (fd >= 0 && (n = read(fd, tmp, sizeof tmp)) > 0)
		fwrite(tmp, 1, (size_t)n, out);
	int saved = errno;
	if (out)
		fclose(out);
	if (fd >= 0)
		close(fd);
	if (n < 0) {
		free(p);
		errno = saved;
		return NULL;
	}
	return p;
}

/* Splits a line into words in place: blanks separate, '...' quotes, '#' at
 * a word's start ends the line. Returns the count, -1 if too many, -2 for
 * an unterminated quote. */
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
			for (s++; *s && *s != '\'';)
				*out++ = *s++;
			if (!*s++)
				return -2;
		}
		bool more = *s != '\0';
		*out = '\0'; /* out <= s: this may overwrite the blank at s */
		s += more;
	}
}

static void option(struct rule *r, char *opt, const char *path, int line)
{
	char *val = strchr(opt, '='), *end;
	long long v = 0;
	if (!val)
		die("%s:%d: bad option '%s'", path, line, opt);
	*val++ = '\0';
	if (!strcmp(opt, "header") && *val != ':' && strchr(val, ':') && r->nheaders < MAX_HEADERS)
		r->headers[r->nheaders++] = val;
	else if (!strcmp(opt, "if-none-match"))
		r->inm = val;
	else if (!strcmp(opt, "if-modified-since"))
		r->ims = val;
	else if (!strcmp(opt, "transfer") && !strcmp(val, "chunked"))
		r->chunked = true;
	else if (!strcmp(opt, "status-text"))
		r->reason = val;
	else if (!strcmp(opt, "delay") && num(val, &v))
		r->delay_ms = v;
	else if (!strcmp(opt, "close-after") && num(val, &v))
		r->close_after = v;
	else if (!strcmp(opt, "size") && num(val, &v))
		r->size = v;
	else if (!strcmp(opt, "trickle") && (r->trickle = strtod(val, &end)) > 0 && !*end)
		return;
	else
		die("%s:%d: bad option '%s=%s'", path, line, opt, val);
}

static void load_routes(const char *path)
{
	size_t len;
	if (!(routes_text = read_whole(path, &len)))
		die("%s: %s", path, strerror(errno));
	const char *slash = strrchr(path, '/'); /* FILEs are relative to it */
	int dirlen = slash ? (int)(slash - path) : 1;
	char *next = routes_text, *w[MAX_WORDS];
	for (int line = 1; next; line++) {
		char *s = next, file[4096];
		long long st;
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
		if (!num(w[4], &st) || st < 100 || st > 999)
			die("%s:%d: bad status '%s'", path, line, w[4]);
		if (!(rules = realloc(rules, (size_t)(nrules + 1) * sizeof *rules)))
			die("out of memory");
		struct rule *r = &rules[nrules++];
		*r = (struct rule){.method = w[0], .target = w[1], .body = w[2],
			.status = (int)st, .data = "", .close_after = -1, .size = -1};
		if (strcmp(w[5], "-")) {
			snprintf(file, sizeof file, "%.*s/%s", w[5][0] == '/' ? 0 : dirlen,
				 slash ? path : ".", w[5] + (w[5][0] == '/'));
			if (!(r->data = read_whole(file, &r->data_len)))
				die("%s:%d: %s: %s", path, line, file, strerror(errno));
		}
		for (int i = 6; i < n; i++)
			option(r, w[i], path, line);
	}
}

static const char *reason(int status)
{
	static const struct { int code; const char *text; } t[] = {
		{200, "OK"}, {201, "Created"}, {204, "No Content"}, {302, "Found"},
		{304, "Not Modified"}, {400, "Bad Request"}, {401, "Unauthorized"},
		{403, "Forbidden"}, {404, "Not Found"}, {408, "Request Timeout"},
		{413, "Content Too Large"}, {429, "Too Many Requests"},
		{500, "Internal Server Error"}, {501, "Not Implemented"},
		{502, "Bad Gateway"}, {503, "Service Unavailable"}};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++)
		if (t[i].code == status)
			return t[i].text;
	return "Unknown";
}

/* Sleeps in short slices, so that a child whose server was killed outright
 * (no chance to take its children down) does not linger. */
static void nap(long long ms)
{
	for (; ms > 0; ms -= 200) {
		long long d = ms < 200 ? ms : 200;
		nanosleep(&(struct timespec){.tv_sec = d / 1000, .tv_nsec = d % 1000 * 1000000}, NULL);
		if (getppid() != server_pid)
			_exit(0);
	}
}

static const struct rule *route(const struct request *q)
{
	for (int i = 0; i < nrules; i++) {
		const struct rule *r = &rules[i];
		size_t m = strlen(r->body);
		bool body = !strcmp(r->body, "*");
		for (size_t j = 0; !body && j + m <= q->body_len; j++)
			body = !memcmp(q->body + j, r->body, m);
		if (body && (!strcmp(r->method, "*") || !strcmp(r->method, q->method)) &&
		    (!strcmp(r->target, "*") || !strncmp(q->target, r->target, strlen(r->target))) &&
		    (!r->inm || (q->inm && !strcmp(r->inm, q->inm))) &&
		    (!r->ims || (q->ims && !strcmp(r->ims, q->ims))))
			return r;
	}
	return NULL;
}

/* Byte i of a generated body of `total` bytes: {"data":{"filler":"xx..."}} */
static char filler_at(long long i, long long total)
{
	static const char head[] = "{\"data\":{\"filler\":\"", tail[] = "\"}}";
	long long h = sizeof head - 1, t = sizeof tail - 1;
	if (total < h + t)
		return 'x';
	return i < h ? head[i] : i >= total - t ? tail[i - (total - t)] : 'x';
}

static void respond(int c, const struct rule *r)
{
	nap(r->delay_ms);
	bool bodyless = r->status < 200 || r->status == 204 || r->status == 304;
	long long total = bodyless ? 0 : r->size >= 0 ? r->size : (long long)r->data_len;
	bool typed = false;
	char *head = NULL;
	size_t head_len;
	FILE *h = open_memstream(&head, &head_len);
	fprintf(h, "HTTP/1.1 %d %s\r\n", r->status, r->reason ? r->reason : reason(r->status));
	for (int i = 0; i < r->nheaders; i++) {
		const char *name = r->headers[i], *v = strchr(name, ':') + 1, *p;
		typed |= !strncasecmp(name, "Content-Type:", 13);
		fprintf(h, "%.*s: ", (int)(v - 1 - name), name);
		for (v += strspn(v, " \t"); (p = strstr(v, "PORT")); v = p + 4)
			fprintf(h, "%.*s%d", (int)(p - v), v, port);
		fprintf(h, "%s\r\n", v);
	}
	if (!typed)
		fputs("Content-Type: application/json\r\n", h);
	if (!bodyless && r->chunked)
		fputs("Transfer-Encoding: chunked\r\n", h);
	else if (!bodyless)
		fprintf(h, "Content-Length: %lld\r\n", total);
	fputs("Connection: close\r\n\r\n", h);
	fclose(h);
	bool ok = send_all(c, head, head_len);
	free(head);

	/* The body: whole, cut short by close-after, or trickled. */
	long long n = r->close_after >= 0 && r->close_after < total ? r->close_after : total;
	char chunk[65536];
	long long step = sizeof chunk, pause = 0;
	if (r->trickle > 0) { /* sends of >= 1 byte, >= 100 ms apart */
		step = r->trickle < 10 ? 1 : r->trickle < 10.0 * step ? (long long)(r->trickle / 10) : step;
		pause = (long long)((double)step * 1000 / r->trickle);
	}
	for (long long off = 0; ok && off < n; off += step) {
		step = step < n - off ? step : n - off;
		for (long long i = 0; i < step; i++)
			chunk[i] = r->size >= 0 ? filler_at(off + i, total) : r->data[off + i];
		nap(pause);
		char size[24];
		int sl = snprintf(size, sizeof size, "%llx\r\n", step);
		ok = (!r->chunked || send_all(c, size, (size_t)sl)) &&
		     send_all(c, chunk, (size_t)step) && (!r->chunked || send_all(c, "\r\n", 2));
	}
	if (ok && r->chunked && !bodyless && n == total) /* the last chunk, unless cut */
		send_all(c, "0\r\n\r\n", 5);
}

/* A JSON string, or null: quotes, backslashes and controls escaped. */
static void json(FILE *f, const char *s, size_t n)
{
	if (!s) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void log_request(const struct request *q)
{
	static const char *const keys[] = {"method", "target", "authorization", "if_none_match",
					   "if_modified_since", "body"};
	const char *vals[] = {q->method, q->target, q->auth, q->inm, q->ims, q->body};
	char *line = NULL;
	size_t len;
	FILE *f = open_memstream(&line, &len);
	for (int i = 0; i < 6; i++) {
		fprintf(f, "%s\"%s\":", i ? "," : "{", keys[i]);
		json(f, vals[i], i == 5 ? q->body_len : vals[i] ? strlen(vals[i]) : 0);
	}
	fputs("}\n", f);
	fclose(f);
	send_all(log_fd, line, len); /* one write(): O_APPEND keeps it whole */
	free(line);
}

/* Reads more of the request: 1 if bytes came, 0 at EOF, -1 on timeout. */
static int fill(int c, char *buf, size_t *len, long long deadline)
{
	long long left = deadline - now_ms();
	struct pollfd p = {.fd = c, .events = POLLIN};
	if (left <= 0 || poll(&p, 1, (int)left) <= 0)
		return -1;
	ssize_t n = read(c, buf + *len, REQ_MAX - *len);
	if (n < 0)
		return -1;
	*len += (size_t)n;
	buf[*len] = '\0';
	return n > 0;
}

/* Parses the request line and the headers we care about, in place.
 * Returns 0, or the status to answer with. */
static int parse_head(char *s, struct request *q, long long *clen, bool *expect)
{
	char *sp1 = strchr(s, ' '), *sp2 = sp1 ? strchr(sp1 + 1, ' ') : NULL;
	char *eol = strstr(s, "\r\n");
	if (!sp2 || sp2 > eol || sp1 == s || sp2 == sp1 + 1)
		return 400;
	*sp1 = *sp2 = '\0';
	q->method = s;
	q->target = sp1 + 1;
	for (s = eol + 2; (eol = strstr(s, "\r\n")) && eol > s; s = eol + 2) {
		char *v = strchr(s, ':'), *e = eol;
		if (!v || v > eol)
			return 400;
		*v++ = '\0';
		for (v += strspn(v, " \t"); e > v && (e[-1] == ' ' || e[-1] == '\t');)
			e--;
		*e = '\0';
		if (!strcasecmp(s, "Authorization") && !q->auth)
			q->auth = v;
		if (!strcasecmp(s, "If-None-Match") && !q->inm)
			q->inm = v;
		if (!strcasecmp(s, "If-Modified-Since") && !q->ims)
			q->ims = v;
		if (!strcasecmp(s, "Content-Length") && !num(v, clen))
			return 400;
		if (!strcasecmp(s, "Transfer-Encoding"))
			return 501; /* no chunked uploads: libcurl sends a length */
		if (!strcasecmp(s, "Expect"))
			*expect = !strcasecmp(v, "100-continue");
	}
	return 0;
}

static void serve(int c)
{
	char *buf = malloc(REQ_MAX + 1), *end = NULL;
	size_t len = 0, head = 0;
	long long deadline = now_ms() + READ_TIMEOUT_MS, clen = 0;
	struct request q = {.method = "", .target = "", .body = ""};
	bool expect = false;
	int fail = buf ? 0 : 500, got;
	if (buf)
		buf[0] = '\0';
	while (!fail && !(end = strstr(buf, "\r\n\r\n")))
		if (len == REQ_MAX)
			fail = 413;
		else if ((got = fill(c, buf, &len, deadline)) <= 0)
			fail = len == 0 ? -1 : got < 0 ? 408 : 400;
	if (fail < 0) /* connected, sent nothing: not a request */
		goto out;
	if (!fail) {
		head = (size_t)(end - buf) + 4;
		end[2] = '\0';
		fail = parse_head(buf, &q, &clen, &expect);
	}
	if (!fail && clen > (long long)(REQ_MAX - head))
		fail = 413;
	if (!fail) {
		if (expect && len - head < (size_t)clen)
			send_all(c, "HTTP/1.1 100 Continue\r\n\r\n", 25);
		while (!fail && len - head < (size_t)clen)
			if ((got = fill(c, buf, &len, deadline)) <= 0)
				fail = got < 0 ? 408 : 400;
		q.body = buf + head;
		q.body_len = len - head < (size_t)clen ? len - head : (size_t)clen;
	}
	log_request(&q);
	char msg[64];
	snprintf(msg, sizeof msg, "{\"message\":\"%d %s\"}", fail ? fail : 404, reason(fail ? fail : 404));
	const struct rule *r = fail ? NULL : route(&q);
	respond(c, r ? r : &(struct rule){.status = fail ? fail : 404, .data = msg,
		.data_len = strlen(msg), .close_after = -1, .size = -1});
out:
	free(buf);
	close(c);
}

static void on_signal(int sig)
{
	int saved = errno;
	if (sig != SIGCHLD)
		stopping = 1;
	if (write(wake[1], "", 1) < 0) { /* pipe full: poll() will wake anyway */
	}
	errno = saved;
}

static void spawn(int ls, int c)
{
	int slot = 0;
	while (slot < MAX_KIDS && kids[slot])
		slot++;
	sigset_t all, old;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old); /* no server handler runs in a child */
	pid_t pid = slot < MAX_KIDS ? fork() : -1;
	if (pid == 0) {
		struct sigaction dfl = {.sa_handler = SIG_DFL};
		for (size_t i = 0; i < sizeof caught / sizeof *caught; i++)
			sigaction(caught[i], &dfl, NULL);
		sigprocmask(SIG_SETMASK, &old, NULL);
		close(ls);
		close(wake[0]);
		close(wake[1]);
		serve(c);
		_exit(0);
	}
	if (pid > 0)
		kids[slot] = pid;
	else
		fprintf(stderr, "fake-gitlab: connection dropped: %s\n",
			slot < MAX_KIDS ? strerror(errno) : "too many children");
	sigprocmask(SIG_SETMASK, &old, NULL);
	close(c);
}

int main(int argc, char **argv)
{
	if (argc != 3 && argc != 4) {
		fputs("usage: fake-gitlab ROUTES-FILE LOG-FILE [PORT]\n", stderr);
		return 2;
	}
	load_routes(argv[1]);
	if ((log_fd = open(argv[2], O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644)) < 0)
		die("%s: %s", argv[2], strerror(errno));

	/* PORT (optional): the port of an earlier server, so a test can
	 * change scenarios while the client's cache key (host:port) stays */
	struct sockaddr_in a = {.sin_family = AF_INET,
				.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
				.sin_port = htons(argc == 4 ? (uint16_t)atoi(argv[3]) : 0)};
	socklen_t alen = sizeof a;
	int ls = socket(AF_INET, SOCK_STREAM, 0), one = 1;
	if (ls >= 0)
		setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (ls < 0 || bind(ls, (struct sockaddr *)&a, sizeof a) || listen(ls, 64) ||
	    getsockname(ls, (struct sockaddr *)&a, &alen))
		die("listen: %s", strerror(errno));
	port = ntohs(a.sin_port);

	/* Self-pipe: a signal wakes poll() with no check-then-sleep race. */
	if (pipe(wake))
		die("pipe: %s", strerror(errno));
	fcntl(wake[0], F_SETFL, O_NONBLOCK);
	fcntl(wake[1], F_SETFL, O_NONBLOCK);
	struct sigaction sa = {.sa_handler = on_signal};
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof caught / sizeof *caught; i++)
		sigaction(caught[i], &sa, NULL);
	signal(SIGPIPE, SIG_IGN); /* a client gone mid-body: write() just fails */
	server_pid = getpid();

	printf("port=%d\n", port);
	fflush(stdout);
	int devnull = open("/dev/null", O_WRONLY);
	if (devnull >= 0 && dup2(devnull, STDOUT_FILENO) >= 0)
		close(devnull);

	for (long long last = now_ms(); !stopping;) {
		pid_t pid;
		while ((pid = waitpid(-1, NULL, WNOHANG)) > 0)
			for (int i = 0; i < MAX_KIDS; i++)
				kids[i] = kids[i] == pid ? 0 : kids[i];
		long long left = last + IDLE_TIMEOUT_MS - now_ms();
		if (left <= 0) {
			fprintf(stderr, "fake-gitlab: no request for %d s, exiting\n", IDLE_TIMEOUT_MS / 1000);
			break;
		}
		struct pollfd p[2] = {{.fd = ls, .events = POLLIN}, {.fd = wake[0], .events = POLLIN}};
		if (poll(p, 2, (int)left) < 0 && errno != EINTR)
			die("poll: %s", strerror(errno));
		char drain[64];
		while (read(wake[0], drain, sizeof drain) > 0) {
		}
		int c = p[0].revents & POLLIN ? accept(ls, NULL, NULL) : -1;
		if (c >= 0) {
			last = now_ms();
			spawn(ls, c);
		}
	}
	/* No child may outlive the server. Signals stay blocked from here on: a
	 * second SIGTERM (timeout(1) sends two) must not disturb LeakSanitizer's
	 * exit-time scan, which it can hang. */
	sigset_t all;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, NULL);
	for (int i = 0; i < MAX_KIDS; i++)
		if (kids[i])
			kill(kids[i], SIGTERM);
	for (int i = 0; i < MAX_KIDS; i++)
		if (kids[i])
			waitpid(kids[i], NULL, 0);
	return 0;
}

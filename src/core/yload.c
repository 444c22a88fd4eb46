/* yload.c: file reading and typed field access for roster YAML. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#endif
#include "teamtui/yload.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "teamtui/sanitize.h"
#include "teamtui/utf8.h"
#include "teamtui/inputs.h"

static void vreport(yload *c, diag_severity sev, const ynode *at,
		    const char *fmt, va_list ap)
{
	va_list again;
	va_copy(again, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	char *msg = n >= 0 ? malloc((size_t)n + 1) : NULL;
	if (msg)
		vsnprintf(msg, (size_t)n + 1, fmt, again);
	va_end(again);
	diag_add(c->diags, sev, c->file, at ? at->line : 0, at ? at->col : 0,
		 "%s", msg ? msg : fmt);
	free(msg);
}

void yload_error(yload *c, const ynode *at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(c, DIAG_ERROR, at, fmt, ap);
	va_end(ap);
}

void yload_warning(yload *c, const ynode *at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(c, DIAG_WARNING, at, fmt, ap);
	va_end(ap);
}

srcloc yload_loc(const yload *c, const ynode *at)
{
	return (srcloc){c->file, at ? at->line : 0, at ? at->col : 0};
}

const char *yload_file_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return "is a directory";
	if (S_ISFIFO(mode))
		return "is a FIFO";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "is a device";
	if (S_ISSOCK(mode))
		return "is a socket";
	if (S_ISLNK(mode))
		return "is a symbolic link";
	return S_ISREG(mode) ? NULL : "is not a regular file";
}

int yload_open(const char *path, const char **why)
{
	*why = NULL;
	struct stat st;
	if (inputs_stat(path, &st) < 0) /* before open: opening a FIFO or a device
				    can block or act */
		return -1;
	if ((*why = yload_file_kind(st.st_mode)))
		return -1;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return -1;
	/* it may have been replaced since the stat: ask the descriptor */
	if (fstat(fd, &st) < 0 || (*why = yload_file_kind(st.st_mode))) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

/* The rest of a file from fd into memory (st_size is a hint: 0 for /proc
 * files, and a file may grow while it is read); NULL with errno set, or
 * *too_big set. NUL-terminated. */
static char *read_fd(int fd, size_t hint, size_t *len, bool *too_big)
{
	size_t cap = hint + 4096, n = 0;
	char *buf = malloc(cap);
	while (buf) {
		ssize_t r = read(fd, buf + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			free(buf);
			buf = NULL;
			break;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n + 1 == cap) { /* the file grew while we read it */
			if (cap > ROSTER_MAX_FILE_BYTES) {
				*too_big = true;
				free(buf);
				buf = NULL;
				break;
			}
			char *nb = realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
	}
	if (!buf)
		return NULL;
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* A mapped file that shrinks while it is mapped (an editor rewriting it
 * in place) would end the process with SIGBUS at the next read of a page
 * it lost. While a file is mapped, a handler maps zero pages over the
 * rest of the mapping instead and notes it: the load then reads the file
 * again with read(2). One mapping at a time (loading is single-threaded);
 * a file opened while another is mapped is read. */
static struct {
	char *base;
	size_t len, page; /* bytes mapped, a whole number of pages */
	volatile sig_atomic_t hit;
	struct sigaction old;
} guard;

static void on_sigbus(int sig, siginfo_t *si, void *uctx)
{
	(void)uctx;
	char *at = si->si_addr;
	if (guard.base && si->si_code > 0 && at >= guard.base &&
	    at < guard.base + guard.len) {
		char *from = guard.base + (size_t)(at - guard.base) / guard.page * guard.page;
		if (mmap(from, (size_t)(guard.base + guard.len - from), PROT_READ,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != MAP_FAILED) {
			guard.hit = 1;
			return; /* the read is made again, of zeros */
		}
	}
	/* not ours: as if this handler had never been set */
	sigaction(SIGBUS, &guard.old, NULL);
	if (si->si_code <= 0) /* sent, not a fault that repeats */
		raise(sig);
}

/* Smaller files are read: one read(2) costs less than mapping, the guard
 * and unmapping (a team_members/ tree has thousands of small files). */
enum { MAP_MIN_BYTES = 64 * 1024 };

/* Map fd's st_size bytes read-only, under the guard; NULL when it cannot
 * (another file is mapped, a small file, or mmap refused). */
static char *map_fd(int fd, size_t size, size_t *maplen)
{
	if (guard.base || size < MAP_MIN_BYTES)
		return NULL;
	long ps = sysconf(_SC_PAGESIZE);
	size_t page = ps > 0 ? (size_t)ps : 4096;
	size_t len = (size + page - 1) / page * page;
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sigbus;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGBUS, &sa, &guard.old) < 0)
		return NULL;
	char *p = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED) {
		sigaction(SIGBUS, &guard.old, NULL);
		return NULL;
	}
	guard.base = p;
	guard.len = len;
	guard.page = page;
	guard.hit = 0;
	*maplen = size;
	return p;
}

static void unmap(void *p, size_t len)
{
	munmap(p, len);
	if (p == guard.base) {
		guard.base = NULL;
		guard.len = 0;
		sigaction(SIGBUS, &guard.old, NULL);
	}
}

/* A file's text as the loader holds it. */
struct text {
	void *block;   /* what to release */
	size_t maplen; /* bytes mapped, or 0: block is malloc'd */
	const char *buf; /* the text (after a byte-order mark) */
	size_t len;
};

static void text_release(struct text *t)
{
	if (t->maplen)
		unmap(t->block, t->maplen);
	else
		free(t->block);
	*t = (struct text){0};
}

/* The whole file, mapped when `map` and it can be, else read; false on
 * failure with errno set, or *why set (not a regular file), or *too_big
 * set. */
static bool read_text(const char *path, bool map, struct text *t,
		      bool *too_big, const char **why)
{
	*too_big = false;
	*t = (struct text){0};
	int fd = yload_open(path, why);
	if (fd < 0)
		return false;
	struct stat st;
	if (fstat(fd, &st) < 0) {
		int e = errno;
		close(fd);
		errno = e;
		return false;
	}
	if (st.st_size > ROSTER_MAX_FILE_BYTES) {
		close(fd);
		*too_big = true;
		t->len = (size_t)st.st_size;
		return false;
	}
	char *p = map ? map_fd(fd, (size_t)st.st_size, &t->maplen) : NULL;
	if (p) {
		t->len = t->maplen;
	} else {
		p = read_fd(fd, (size_t)st.st_size, &t->len, too_big);
		t->maplen = 0;
	}
	int e = errno;
	close(fd);
	if (!p) {
		errno = e;
		return false;
	}
	t->block = p;
	t->buf = p;
	return true;
}

const char *yload_encoding_problem(const char *buf, size_t len)
{
	const unsigned char *b = (const unsigned char *)buf;
	if (len >= 4 && ((b[0] == 0xFF && b[1] == 0xFE && !b[2] && !b[3]) ||
			 (!b[0] && !b[1] && b[2] == 0xFE && b[3] == 0xFF)))
		return "UTF-32 text; save it as UTF-8";
	if (len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)))
		return "UTF-16 text; save it as UTF-8";
	/* no byte-order mark: YAML's own rule, the pattern of NULs around
	 * the first character (YAML 1.2, 5.2) */
	if (len >= 4 && ((!b[0] && !b[1] && !b[2] && b[3]) || (b[0] && !b[1] && !b[2] && !b[3])))
		return "UTF-32 text; save it as UTF-8";
	if (len >= 2 && ((!b[0] && b[1]) || (b[0] && !b[1])))
		return "UTF-16 text; save it as UTF-8";
	return NULL;
}

static ynode *load(yload *c, const char *path, const char *display,
		   bool missing_ok, void (*item)(void *, const ynode *), void *ctx);
static void release_text(yload *c);

/* 1-based line and column of byte `off` (columns count characters;
 * lines end at \n, \r\n or \r, as editors count them). */
static void position_of(const char *buf, size_t off, int *line, int *col)
{
	int l = 1, c = 1;
	for (size_t i = 0; i < off; i++) {
		if (buf[i] == '\n' || (buf[i] == '\r' && buf[i + 1] != '\n')) {
			l++;
			c = 1;
		} else if (buf[i] != '\r' && ((unsigned char)buf[i] & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

ynode *yload_file(yload *c, const char *path, const char *display,
		  bool missing_ok)
{
	return load(c, path, display, missing_ok, NULL, NULL);
}

ynode *yload_file_items(yload *c, const char *path, const char *display,
			void (*item)(void *ctx, const ynode *node), void *ctx)
{
	return load(c, path, display, false, item, ctx);
}

/* The file's text (mapped when `map`), checked for UTF-16 and UTF-32 and
 * without its UTF-8 byte-order mark; false (reported) when there is none
 * to parse. */
static bool open_text(yload *c, const char *path, bool missing_ok, bool map,
		      struct text *t)
{
	bool too_big;
	const char *why;
	if (!read_text(path, map, t, &too_big, &why)) {
		if (too_big)
			diag_add(c->diags, DIAG_ERROR, c->file, 0, 0,
				 "file is larger than %d MB; skipped",
				 ROSTER_MAX_FILE_BYTES / (1024 * 1024));
		else if (why)
			diag_add(c->diags, DIAG_ERROR, c->file, 0, 0,
				 "%s, not a file; skipped", why);
		else if (!(missing_ok && errno == ENOENT))
			diag_add(c->diags, DIAG_ERROR, c->file, 0, 0,
				 "cannot read: %s", strerror(errno));
		return false;
	}
	const char *enc = yload_encoding_problem(t->buf, t->len);
	if (enc) { /* never half-read: refuse the whole file */
		diag_add(c->diags, DIAG_ERROR, c->file, 0, 0, "%s", enc);
		text_release(t);
		return false;
	}
	if (t->len >= 3 && !memcmp(t->buf, "\xEF\xBB\xBF", 3)) {
		/* a UTF-8 byte-order mark: editors show nothing there, and
		 * positions are counted as if it were not */
		t->buf += 3;
		t->len -= 3;
	}
	return true;
}

/* Parse t, which the context then holds as its current text. `checked`:
 * invalid UTF-8 and control bytes are first replaced, with a warning,
 * and t becomes the repaired copy. Else libyaml checks every character
 * as it reads, and *again says that the text needs the checked reading
 * (libyaml refused a character that a repair replaces, or the mapped
 * file shrank). NULL: nothing parsed (reported). */
static ynode *parse_text(yload *c, struct text *t, bool checked,
			 void (*item)(void *, const ynode *), void *ctx,
			 bool *again)
{
	if (checked) {
		size_t bad = utf8_first_bad(t->buf, t->len);
		if (bad < t->len) {
			int line, col;
			position_of(t->buf, bad, &line, &col);
			size_t fixed_len, nbad;
			char *fixed = utf8_repair(t->buf, t->len, &fixed_len, &nbad);
			text_release(t);
			if (!fixed) {
				diag_add(c->diags, DIAG_ERROR, c->file, 0, 0,
					 "out of memory");
				return NULL;
			}
			diag_add(c->diags, DIAG_WARNING, c->file, line, col,
				 "%zu invalid UTF-8 or control byte%s replaced by U+FFFD",
				 nbad, nbad == 1 ? "" : "s");
			*t = (struct text){fixed, 0, fixed, fixed_len};
		}
	}
	c->src = t->buf;
	c->srclen = t->len;
	c->src_block = t->block;
	c->src_maplen = t->maplen;
	ydoc_opts o = {.values = c->values_in_nodes ? c->nodes : NULL,
		       .item = item, .ctx = ctx};
	ynode *root = ydoc_parse_opts(c->file, t->buf, t->len, c->nodes, c->model,
				      c->diags, &o);
	if (again)
		*again = (t->maplen && guard.hit) ||
			 (o.reader_error && utf8_first_bad(t->buf, t->len) < t->len);
	return root;
}

static ynode *load(yload *c, const char *path, const char *display,
		   bool missing_ok, void (*item)(void *, const ynode *), void *ctx)
{
	release_text(c); /* the last file's */
	c->file = arena_intern(c->model, display, strlen(display));
	struct text t;
	if (!open_text(c, path, missing_ok, true, &t))
		return NULL;
	diag_mark dm = diag_save(c->diags);
	arena_mark nm = arena_save(c->nodes);
	bool again = false;
	ynode *root = parse_text(c, &t, !t.maplen, item, ctx, &again);
	if (!again)
		return root;
	/* read it again the checked way, as if the first reading had not
	 * been: what it reported and handed over is taken back (what it
	 * interned in the model stays, unused) */
	diag_rewind(c->diags, dm);
	arena_restore(c->nodes, nm);
	if (item)
		item(ctx, NULL);
	bool shrank = guard.hit;
	c->src = NULL;
	c->srclen = 0;
	c->src_block = NULL;
	c->src_maplen = 0;
	if (shrank) {
		text_release(&t);
		if (!open_text(c, path, missing_ok, false, &t))
			return NULL;
	}
	return parse_text(c, &t, true, item, ctx, NULL);
}

static void release_text(yload *c)
{
	struct text t = {c->src_block, c->src_maplen, c->src, c->srclen};
	text_release(&t);
	c->src = NULL;
	c->srclen = 0;
	c->src_block = NULL;
	c->src_maplen = 0;
}

void yload_release(yload *c)
{
	release_text(c);
	if (c->memo && c->memo_free)
		c->memo_free(c->memo);
	c->memo = NULL;
	c->memo_free = NULL;
}

/* Bytes a double-quoted escape at s[0] == '\\' spans in the source, and
 * how many bytes its value has. */
static size_t escape_span(const char *s, const char *end, size_t *produced)
{
	size_t hex = s[1] == 'x' ? 2 : s[1] == 'u' ? 4 : s[1] == 'U' ? 8 : 0;
	if (hex > (size_t)(end - s) - 2) /* cut short (the text is mapped:
					     nothing may be read past it) */
		hex = (size_t)(end - s) - 2;
	if (hex) {
		char digits[9] = {0};
		memcpy(digits, s + 2, hex);
		unsigned long cp = strtoul(digits, NULL, 16);
		*produced = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
		return 2 + hex;
	}
	*produced = s[1] == 'N' || s[1] == '_' ? 2 : s[1] == 'L' || s[1] == 'P' ? 3 : 1;
	return 2;
}

int yload_value_column(const yload *c, const ynode *n, size_t value_off)
{
	if (!c->src || n->kind != YNODE_SCALAR)
		return n->col;
	/* libyaml counts characters, not bytes: find the node's first byte
	 * (only on an error path, so a walk from the start is fine) */
	const char *p = c->src, *end = c->src + c->srclen;
	for (size_t i = 0; i < n->offset && p < end; i++) {
		uint32_t cp;
		p += utf8_decode(p, (size_t)(end - p), &cp);
	}
	if (p >= end)
		return n->col;
	if (*p == '*')
		return n->col; /* an alias: the text is elsewhere */
	char quote = *p == '"' || *p == '\'' ? *p : 0;
	if (!quote && (*p == '|' || *p == '>'))
		return n->col; /* block scalars span lines */
	int col = n->col;
	if (quote) {
		p++;
		col++;
	}
	for (size_t v = 0; v < value_off && p < end;) {
		if (*p == '\n' || *p == '\r')
			return n->col; /* folded over lines: give the start */
		if (quote == '"' && *p == '\\' && p + 1 < end) {
			size_t produced, span = escape_span(p, end, &produced);
			p += span;
			col += (int)span;
			v += produced;
		} else if (quote == '\'' && *p == '\'' && p + 1 < end && p[1] == '\'') {
			p += 2;
			col += 2;
			v++;
		} else {
			uint32_t cp;
			size_t k = utf8_decode(p, (size_t)(end - p), &cp);
			p += k;
			v += k;
			col++;
		}
	}
	return col;
}

static void wrong_type(yload *c, const ynode *n, const char *field,
		       const char *want)
{
	yload_error(c, n, "'%s' must be %s, not %s", field, want,
		    ynode_kind_name(n));
}

bool yload_blank(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		if (*p == ' ' || (*p >= '\t' && *p <= '\r')) {
			p++;
			continue;
		}
		/* U+00A0, U+1680, U+2000-U+200B, U+2028/9, U+202F, U+205F,
		 * U+3000, U+FEFF: spaces, or invisible */
		if (p[0] == 0xC2 && (p[1] == 0xA0 || p[1] == 0x85)) {
			p += 2;
		} else if ((p[0] == 0xE1 && p[1] == 0x9A && p[2] == 0x80) ||
			   (p[0] == 0xE2 && p[1] == 0x80 &&
			    ((p[2] >= 0x80 && p[2] <= 0x8B) || p[2] == 0xA8 ||
			     p[2] == 0xA9 || p[2] == 0xAF)) ||
			   (p[0] == 0xE2 && p[1] == 0x81 && p[2] == 0x9F) ||
			   (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) ||
			   (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)) {
			p += 3;
		} else {
			return false;
		}
	}
	return true;
}

bool yload_id_clean(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	for (; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return false;
		if (*p >= 0x80) { /* C1 or bidi controls: ask the one sanitizer */
			char *clean = sanitize(s, SANITIZE_LINE);
			bool same = clean && !strcmp(clean, s);
			free(clean);
			return same;
		}
	}
	/* padded ids look like the unpadded one and never match it */
	return s[0] != ' ' && (p == (const unsigned char *)s || p[-1] != ' ');
}

const char *yload_id(yload *c, const ynode *n, const char *field)
{
	const char *s = yload_str(c, n, field);
	if (s && !yload_id_clean(s)) {
		yload_error(c, n, "'%s' has control characters or spaces at its ends "
				  "('%s'): it would show as another; ignored",
			    field, s);
		return NULL;
	}
	return s;
}

const char *yload_str(yload *c, const ynode *n, const char *field)
{
	if (ynode_is_null(n))
		return NULL;
	if (n->kind != YNODE_SCALAR) {
		wrong_type(c, n, field, "a string");
		return NULL;
	}
	return yload_blank(n->str) ? NULL : n->str;
}

/* A scalar's text where the model can keep it: as it is, or interned in
 * the model when values are parsed into the tree's arena. */
static const char *in_model(yload *c, const ynode *n)
{
	return c->values_in_nodes ? arena_intern(c->model, n->str, n->len) : n->str;
}

strlist yload_strlist(yload *c, const ynode *n, const char *field)
{
	strlist out = {0};
	if (ynode_is_null(n))
		return out;
	if (n->kind == YNODE_SCALAR) {
		if (yload_blank(n->str))
			return out;
		const char *s = in_model(c, n);
		out.v = s ? arena_alloc(c->model, sizeof(char *)) : NULL;
		if (out.v) {
			out.v[0] = s;
			out.n = 1;
		}
		return out;
	}
	if (n->kind != YNODE_SEQ) {
		wrong_type(c, n, field, "a list of strings");
		return out;
	}
	out.v = arena_calloc(c->model, n->n ? n->n : 1, sizeof(char *));
	if (!out.v)
		return out;
	for (size_t i = 0; i < n->n; i++) {
		const ynode *it = n->items[i];
		if (ynode_is_null(it))
			continue;
		if (it->kind != YNODE_SCALAR) {
			yload_error(c, it, "items of '%s' must be strings, not %s",
				    field, ynode_kind_name(it));
			continue;
		}
		const char *s = yload_blank(it->str) ? NULL : in_model(c, it);
		if (s)
			out.v[out.n++] = s;
	}
	return out;
}

bool yload_bool(yload *c, const ynode *n, const char *field, bool dflt)
{
	if (ynode_is_null(n))
		return dflt;
	int b = ynode_bool(n);
	if (b < 0) {
		wrong_type(c, n, field, "true or false");
		return dflt;
	}
	return b;
}

bool yload_expect_map(yload *c, const ynode *n, const char *field)
{
	if (n && n->kind == YNODE_MAP)
		return true;
	wrong_type(c, n, field, "a map");
	return false;
}

char *yload_join(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 2;
	char *s = malloc(n);
	if (s)
		snprintf(s, n, "%s/%s", a, b);
	return s;
}

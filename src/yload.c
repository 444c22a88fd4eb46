/* yload.c: file reading and typed field access for roster YAML. */
#include "teamtui/yload.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
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

/* Whole file into memory; NULL on failure with errno set, or *why set
 * (not a regular file), or *too_big set. */
static char *read_all(const char *path, size_t *len, bool *too_big,
		      const char **why)
{
	*too_big = false;
	int fd = yload_open(path, why);
	if (fd < 0)
		return NULL;
	struct stat st;
	if (fstat(fd, &st) < 0) {
		int e = errno;
		close(fd);
		errno = e;
		return NULL;
	}
	if (st.st_size > ROSTER_MAX_FILE_BYTES) {
		close(fd);
		*too_big = true;
		*len = (size_t)st.st_size;
		return NULL;
	}
	/* st_size is a hint (0 for /proc files): read until EOF regardless */
	size_t cap = (size_t)st.st_size + 4096, n = 0;
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
	int e = errno;
	close(fd);
	if (!buf) {
		errno = e;
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
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

static ynode *load(yload *c, const char *path, const char *display,
		   bool missing_ok, void (*item)(void *, const ynode *), void *ctx)
{
	c->file = arena_intern(c->model, display, strlen(display));
	size_t len = 0;
	bool too_big;
	const char *why;
	char *buf = read_all(path, &len, &too_big, &why);
	if (!buf) {
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
		return NULL;
	}
	const char *enc = yload_encoding_problem(buf, len);
	if (enc) { /* never half-read: refuse the whole file */
		diag_add(c->diags, DIAG_ERROR, c->file, 0, 0, "%s", enc);
		free(buf);
		return NULL;
	}
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
		/* a UTF-8 byte-order mark: editors show nothing there, and
		 * positions are counted as if it were not */
		memmove(buf, buf + 3, len - 3 + 1);
		len -= 3;
	}
	size_t bad = utf8_first_bad(buf, len);
	if (bad < len) {
		int line, col;
		position_of(buf, bad, &line, &col);
		size_t fixed_len, nbad;
		char *fixed = utf8_repair(buf, len, &fixed_len, &nbad);
		free(buf);
		if (!fixed) {
			diag_add(c->diags, DIAG_ERROR, c->file, 0, 0, "out of memory");
			return NULL;
		}
		diag_add(c->diags, DIAG_WARNING, c->file, line, col,
			 "%zu invalid UTF-8 or control byte%s replaced by U+FFFD",
			 nbad, nbad == 1 ? "" : "s");
		buf = fixed;
		len = fixed_len;
	}
	ynode *root = ydoc_parse_items(c->file, buf, len, c->nodes, c->model,
				       c->diags, item, ctx);
	yload_release(c);
	c->src = buf;
	c->srclen = len;
	return root;
}

void yload_release(yload *c)
{
	free(c->src);
	c->src = NULL;
	c->srclen = 0;
}

/* Bytes a double-quoted escape at s[0] == '\\' spans in the source, and
 * how many bytes its value has. */
static size_t escape_span(const char *s, size_t *produced)
{
	size_t hex = s[1] == 'x' ? 2 : s[1] == 'u' ? 4 : s[1] == 'U' ? 8 : 0;
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
			size_t produced, span = escape_span(p, &produced);
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

strlist yload_strlist(yload *c, const ynode *n, const char *field)
{
	strlist out = {0};
	if (ynode_is_null(n))
		return out;
	if (n->kind == YNODE_SCALAR) {
		if (yload_blank(n->str))
			return out;
		out.v = arena_alloc(c->model, sizeof(char *));
		if (out.v) {
			out.v[0] = n->str;
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
		if (!yload_blank(it->str))
			out.v[out.n++] = it->str;
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

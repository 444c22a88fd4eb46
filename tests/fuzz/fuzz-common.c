/* fuzz-common.c: scratch files and shared checks for the harnesses. */
#include "fuzz-common.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "teamtui/sanitize.h"
#include "teamtui/utf8.h"

static char *tmpdir;

void fz_fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("fuzz check failed: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	abort();
}

static int remove_one(const char *path, const struct stat *st, int flag,
		      struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static void remove_tmpdir(void)
{
	if (tmpdir)
		nftw(tmpdir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	free(tmpdir);
	tmpdir = NULL;
}

const char *fz_tmpdir(void)
{
	if (tmpdir)
		return tmpdir;
	const char *base = getenv("TMPDIR");
	if (!base || !*base)
		base = "/tmp";
	char *t = fz_path(base, "teamtui-fuzz-XXXXXX");
	if (!mkdtemp(t))
		fz_fail("mkdtemp %s: %s", t, strerror(errno));
	tmpdir = t;
	atexit(remove_tmpdir);
	return tmpdir;
}

char *fz_path(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);
	if (!p)
		fz_fail("out of memory");
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

void fz_mkdirs(const char *path)
{
	char *p = strdup(path);
	if (!p)
		fz_fail("out of memory");
	for (char *s = p + 1;; s++) {
		if (*s && *s != '/')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0700) && errno != EEXIST)
			fz_fail("mkdir %s: %s", p, strerror(errno));
		*s = c;
		if (!c)
			break;
	}
	free(p);
}

void fz_write(const char *path, const uint8_t *data, size_t size)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		fz_fail("open %s: %s", path, strerror(errno));
	for (size_t off = 0; off < size;) {
		ssize_t w = write(fd, data + off, size - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			fz_fail("write %s: %s", path, strerror(errno));
		off += (size_t)w;
	}
	if (close(fd))
		fz_fail("close %s: %s", path, strerror(errno));
}

char *fz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		fz_fail("out of memory");
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

static int is_bidi_control(uint32_t cp)
{
	return cp == 0x061C || cp == 0x200E || cp == 0x200F ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

void fz_check_clean(const char *s, int keep_newlines, const char *what)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		FZ_CHECK(!(cp == UTF8_REPLACEMENT && n == 1),
			 "%s: invalid UTF-8 at byte %zu", what, i);
		FZ_CHECK(!(cp < 0x20 && !(cp == '\n' && keep_newlines)),
			 "%s: control U+%04X at byte %zu", what, (unsigned)cp, i);
		FZ_CHECK(!(cp >= 0x7F && cp < 0xA0),
			 "%s: control U+%04X at byte %zu", what, (unsigned)cp, i);
		FZ_CHECK(cp != 0xFEFF && !is_bidi_control(cp),
			 "%s: U+%04X at byte %zu", what, (unsigned)cp, i);
		i += n;
	}
}

void fz_check_diags(const diag_list *d)
{
	FZ_CHECK(d->errors + d->warnings == d->count + d->suppressed,
		 "diag counters: %zu errors + %zu warnings != %zu kept + %zu suppressed",
		 d->errors, d->warnings, d->count, d->suppressed);
	FZ_CHECK(d->count <= DIAG_MAX, "%zu diagnostics kept, over DIAG_MAX",
		 d->count);
	for (size_t i = 0; i < d->count; i++) {
		const diag *x = &d->items[i];
		FZ_CHECK(x->file && x->message, "diagnostic %zu without file or message", i);
		FZ_CHECK(x->line >= 0 && x->column >= 0,
			 "diagnostic %zu at line %d column %d", i, x->line, x->column);
		FZ_CHECK(x->line == 0 || x->column > 0,
			 "diagnostic %zu at line %d has column %d", i, x->line,
			 x->column);
		char buf[2048];
		diag_format(x, buf, sizeof(buf));
		char *clean = sanitize(buf, SANITIZE_VISIBLE);
		FZ_CHECK(clean != NULL, "sanitize: out of memory");
		fz_check_clean(clean, 0, "diagnostic");
		free(clean);
	}
}

const char *fz_roster_dir(const char *dflt)
{
	const char *dir = getenv("FUZZ_ROSTER");
	return dir && *dir ? dir : dflt;
}

/* cache.c: see cache.h. */
#include "teamtui/cache.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "teamtui/datadir.h"

enum { CACHE_MAX_BYTES = 16 * 1024 * 1024 };

static char *path_of(const char *dir, const char *key, const char *suffix)
{
	size_t n = strlen(dir) + strlen(key) + strlen(suffix) + 8;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s/%s%s", dir, key, suffix);
	return p;
}

/* The environment variable `name` when it is an absolute path naming an
 * existing directory; otherwise NULL, with why appended to why[] (nothing
 * when it is unset or empty and `quiet_unset`). */
static const char *existing_dir(const char *name, bool quiet_unset, char *why,
				size_t whysize)
{
	const char *v = getenv(name);
	size_t used = strlen(why);
	const char *sep = used ? "; " : "";
	struct stat st;
	if (!v || !*v) {
		if (!quiet_unset)
			snprintf(why + used, whysize - used, "%s%s is not set", sep, name);
		return NULL;
	}
	if (v[0] != '/')
		snprintf(why + used, whysize - used, "%s%s=%s is not an absolute path",
			 sep, name, v);
	else if (stat(v, &st) < 0)
		snprintf(why + used, whysize - used, "%s%s=%s: %s", sep, name, v,
			 strerror(errno));
	else if (!S_ISDIR(st.st_mode))
		snprintf(why + used, whysize - used, "%s%s=%s is not a directory", sep,
			 name, v);
	else
		return v;
	return NULL;
}

/* mkdir(path, 0700) unless it exists; the reason in err when it fails. */
static bool make_dir(const char *path, char *err, size_t errsize)
{
	if (mkdir(path, 0700) == 0 || errno == EEXIST)
		return true;
	snprintf(err, errsize, "cannot create %s: %s", path, strerror(errno));
	return false;
}

char *cache_dir(char *err, size_t errsize)
{
	char buf[4096], why[1024] = "";
	*err = '\0';
	/* XDG: "If $XDG_CACHE_HOME is either not set or empty, a default equal
	 * to $HOME/.cache should be used"; relative paths are invalid there and
	 * ignored. Either way only what lies below an existing directory is
	 * ever created. */
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *base = xdg && xdg[0] == '/'
				   ? existing_dir("XDG_CACHE_HOME", true, why, sizeof(why))
				   : NULL;
	if (base) {
		if ((size_t)snprintf(buf, sizeof(buf), "%s/teamtui", base) >= sizeof(buf)) {
			snprintf(err, errsize, "XDG_CACHE_HOME is too long");
			return NULL;
		}
	} else {
		const char *home = existing_dir("HOME", false, why, sizeof(why));
		if (!home) {
			snprintf(err, errsize, "%s", why);
			return NULL;
		}
		if ((size_t)snprintf(buf, sizeof(buf), "%s/.cache", home) >= sizeof(buf) - 8) {
			snprintf(err, errsize, "HOME is too long");
			return NULL;
		}
		if (!make_dir(buf, err, errsize))
			return NULL;
		strcat(buf, "/teamtui");
	}
	if (!make_dir(buf, err, errsize))
		return NULL;
	struct stat st;
	if (stat(buf, &st) < 0) {
		snprintf(err, errsize, "cannot stat %s: %s", buf, strerror(errno));
		return NULL;
	}
	if (!S_ISDIR(st.st_mode)) {
		snprintf(err, errsize, "%s is not a directory", buf);
		return NULL;
	}
	if (st.st_uid != getuid()) {
		snprintf(err, errsize, "%s belongs to another user", buf);
		return NULL;
	}
	if ((st.st_mode & 0777) != 0700 && chmod(buf, 0700) < 0) {
		snprintf(err, errsize, "cannot chmod 700 %s: %s", buf, strerror(errno));
		return NULL;
	}
	char *dir = strdup(buf);
	if (!dir)
		snprintf(err, errsize, "out of memory");
	return dir;
}

static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
}

void cache_key(const char *const *parts, size_t n, char out[33])
{
	/* two 64-bit FNV-1a streams with different seeds: 128 bits is plenty
	 * to keep distinct queries apart; this is a name, not a secret */
	uint64_t a = 1469598103934665603ull, b = 0x84222325cbf29ce4ull;
	for (size_t i = 0; i < n; i++) {
		const char *p = parts[i] ? parts[i] : "";
		char len[24];
		int k = snprintf(len, sizeof(len), "%zu:", strlen(p));
		a = fnv(fnv(a, len, (size_t)k), p, strlen(p));
		b = fnv(fnv(b ^ 0x9E3779B97F4A7C15ull, p, strlen(p)), len, (size_t)k);
	}
	snprintf(out, 33, "%016llx%016llx", (unsigned long long)a,
		 (unsigned long long)b);
}

/* Replace dir/BASE+SUFFIX through the temporary file dir/BASE.tmpXXXXXX. */
static bool write_at(const char *dir, const char *base, const char *suffix,
		     const char *text, size_t len, char *err, size_t errsize)
{
	char *final = path_of(dir, base, suffix);
	char *tmp = path_of(dir, base, ".tmpXXXXXX");
	if (!final || !tmp) {
		snprintf(err, errsize, "out of memory");
		free(final);
		free(tmp);
		return false;
	}
	/* mkstemp: O_EXCL, mode 0600 (POSIX.1-2008). It has no close-on-exec
	 * flag there (mkostemp is not POSIX.1-2008), so it is set at once; the
	 * TUI starts programs from this same thread, never in between. */
	int fd = mkstemp(tmp);
	bool ok = false;
	if (fd < 0) {
		snprintf(err, errsize, "cannot create a temporary file in %s: %s", dir,
			 strerror(errno));
		goto done;
	}
	const char *failed = NULL;
	int e = 0;
	if (fcntl(fd, F_SETFD, FD_CLOEXEC) < 0)
		failed = "cannot set close-on-exec on", e = errno;
	if (!failed && (e = datadir_write_all(fd, text, len)))
		failed = "cannot write";
	if (failed) {
		snprintf(err, errsize, "%s %s: %s", failed, tmp, strerror(e));
		close(fd);
		unlink(tmp);
		goto done;
	}
	if (!datadir_finish(fd, tmp, final, 0600, err, errsize))
		goto done;
	ok = true;
done:
	free(final);
	free(tmp);
	return ok;
}

bool cache_write_file(const char *dir, const char *name, const char *text,
		      size_t len, char *err, size_t errsize)
{
	return write_at(dir, name, "", text, len, err, errsize);
}

bool cache_write(const char *dir, const char *key, const char *text,
		 char *err, size_t errsize)
{
	return write_at(dir, key, ".json", text, strlen(text), err, errsize);
}

/* dir/BASE+SUFFIX, at most max bytes. */
static char *read_at(const char *dir, const char *base, const char *suffix, size_t max,
		     size_t *len, char *err, size_t errsize)
{
	*err = '\0';
	char *path = path_of(dir, base, suffix);
	if (!path) {
		snprintf(err, errsize, "out of memory");
		return NULL;
	}
	/* O_NONBLOCK: a FIFO planted there must not hang the open */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	char *buf = NULL;
	struct stat st;
	if (fd < 0) {
		if (errno != ENOENT)
			snprintf(err, errsize, "cannot open %s: %s", path, strerror(errno));
		free(path);
		return NULL;
	}
	if (fstat(fd, &st) < 0)
		snprintf(err, errsize, "cannot stat %s: %s", path, strerror(errno));
	else if (!S_ISREG(st.st_mode))
		snprintf(err, errsize, "%s is not a regular file", path);
	else if (st.st_uid != getuid())
		snprintf(err, errsize, "%s belongs to another user", path);
	else if ((uint64_t)st.st_size > max)
		snprintf(err, errsize, "%s is over %zu MB", path, max / (1024 * 1024));
	else if (!(buf = malloc((size_t)st.st_size + 1)))
		snprintf(err, errsize, "out of memory");
	size_t got = 0, want = buf ? (size_t)st.st_size : 0;
	while (buf && got < want) {
		ssize_t r = read(fd, buf + got, want - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (r < 0)
				snprintf(err, errsize, "cannot read %s: %s", path,
					 strerror(errno));
			else
				snprintf(err, errsize, "cannot read %s: %zu of %zu bytes",
					 path, got, want);
			free(buf);
			buf = NULL;
			break;
		}
		got += (size_t)r;
	}
	if (buf) {
		buf[got] = '\0';
		*len = got;
	}
	close(fd);
	free(path);
	return buf;
}

char *cache_read_file(const char *dir, const char *name, size_t max, size_t *len,
		      char *err, size_t errsize)
{
	return read_at(dir, name, "", max, len, err, errsize);
}

char *cache_read(const char *dir, const char *key, size_t *len, char *err,
		 size_t errsize)
{
	return read_at(dir, key, ".json", CACHE_MAX_BYTES, len, err, errsize);
}

bool cache_drop(const char *dir, const char *key, char *err, size_t errsize)
{
	char *path = path_of(dir, key, ".json");
	bool ok = path && (unlink(path) == 0 || errno == ENOENT);
	if (!path)
		snprintf(err, errsize, "out of memory");
	else if (!ok)
		snprintf(err, errsize, "cannot remove %s: %s", path, strerror(errno));
	free(path);
	return ok;
}

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

enum { CACHE_MAX_BYTES = 16 * 1024 * 1024 };

static char *path_of(const char *dir, const char *key, const char *suffix)
{
	size_t n = strlen(dir) + strlen(key) + strlen(suffix) + 8;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s/%s%s", dir, key, suffix);
	return p;
}

/* mkdir -p with mode 0700 for the last component */
static bool make_dirs(char *path)
{
	for (char *s = path + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		int rc = mkdir(path, 0700);
		*s = '/';
		if (rc < 0 && errno != EEXIST)
			return false;
	}
	return mkdir(path, 0700) == 0 || errno == EEXIST;
}

char *cache_dir(char *err, size_t errsize)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char buf[4096];
	if (xdg && xdg[0] == '/')
		snprintf(buf, sizeof(buf), "%s/teamtui", xdg);
	else if (home && *home)
		snprintf(buf, sizeof(buf), "%s/.cache/teamtui", home);
	else {
		snprintf(err, errsize, "no cache directory: HOME is not set");
		return NULL;
	}
	struct stat st;
	if (!make_dirs(buf) || stat(buf, &st) < 0 || !S_ISDIR(st.st_mode)) {
		snprintf(err, errsize, "cache directory %s: %s", buf, strerror(errno));
		return NULL;
	}
	if (st.st_uid != getuid()) {
		snprintf(err, errsize, "cache directory %s belongs to someone else", buf);
		return NULL;
	}
	if ((st.st_mode & 0777) != 0700 && chmod(buf, 0700) < 0) {
		snprintf(err, errsize, "cache directory %s: %s", buf, strerror(errno));
		return NULL;
	}
	return strdup(buf);
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

bool cache_write(const char *dir, const char *key, const char *text,
		 char *err, size_t errsize)
{
	char *final = path_of(dir, key, ".json");
	char *tmp = path_of(dir, key, ".tmpXXXXXX");
	bool ok = false;
	int fd = final && tmp ? mkstemp(tmp) : -1; /* mkstemp: 0600, O_EXCL */
	if (fd < 0) {
		snprintf(err, errsize, "cache: %s", strerror(errno));
		goto done;
	}
	size_t len = strlen(text), off = 0;
	while (off < len) {
		ssize_t w = write(fd, text + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			break;
		off += (size_t)w;
	}
	bool written = off == len && fchmod(fd, 0600) == 0 && fsync(fd) == 0;
	if (close(fd) != 0 || !written || rename(tmp, final) != 0) {
		snprintf(err, errsize, "cache: %s", strerror(errno));
		unlink(tmp);
		goto done;
	}
	ok = true;
done:
	free(final);
	free(tmp);
	return ok;
}

char *cache_read(const char *dir, const char *key, size_t *len)
{
	char *path = path_of(dir, key, ".json");
	int fd = path ? open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW) : -1;
	free(path);
	if (fd < 0)
		return NULL;
	struct stat st;
	char *buf = NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == getuid() &&
	    st.st_size <= CACHE_MAX_BYTES && (buf = malloc((size_t)st.st_size + 1))) {
		ssize_t n = read(fd, buf, (size_t)st.st_size);
		if (n != st.st_size) {
			free(buf);
			buf = NULL;
		} else {
			buf[n] = '\0';
			*len = (size_t)n;
		}
	}
	close(fd);
	return buf;
}

void cache_drop(const char *dir, const char *key)
{
	char *path = path_of(dir, key, ".json");
	if (path)
		unlink(path);
	free(path);
}

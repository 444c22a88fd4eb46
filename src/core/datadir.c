/* datadir.c: the synced data directory's layout (datadir.h). */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE /* timegm (POSIX.1-2024; glibc and musl have it) */
#endif
#include "teamtui/datadir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "teamtui/yload.h"

const char *const datadir_files[DATADIR_NFILES] = {"team.yml", "stages.yml",
						   "sections.yml", "categories.yml"};

/* "YYYYMMDDTHHMMSSZ" as a UTC time; false when name is not one. */
static bool parse_stamp(const char *name, time_t *when)
{
	if (strlen(name) != 16 || name[8] != 'T' || name[15] != 'Z')
		return false;
	for (int i = 0; i < 15; i++)
		if (i != 8 && (name[i] < '0' || name[i] > '9'))
			return false;
	struct tm tm = {0};
	int v[6];
	static const int at[6] = {0, 4, 6, 9, 11, 13}, len[6] = {4, 2, 2, 2, 2, 2};
	for (int k = 0; k < 6; k++) {
		v[k] = 0;
		for (int i = 0; i < len[k]; i++)
			v[k] = v[k] * 10 + (name[at[k] + i] - '0');
	}
	if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31 || v[3] > 23 || v[4] > 59 ||
	    v[5] > 60)
		return false;
	tm.tm_year = v[0] - 1900;
	tm.tm_mon = v[1] - 1;
	tm.tm_mday = v[2];
	tm.tm_hour = v[3];
	tm.tm_min = v[4];
	tm.tm_sec = v[5];
	*when = timegm(&tm);
	return *when != (time_t)-1;
}

static int newest_first(const void *x, const void *y)
{
	const datadir_version *a = x, *b = y;
	return strcmp(b->stamp, a->stamp);
}

bool datadir_history(const char *dir, datadir_version **out, size_t *n,
		     char *err, size_t errsize)
{
	*out = NULL;
	*n = 0;
	size_t plen = strlen(dir) + sizeof("/history");
	char *hist = malloc(plen);
	if (!hist) {
		snprintf(err, errsize, "out of memory");
		return false;
	}
	snprintf(hist, plen, "%s/history", dir);
	DIR *d = opendir(hist);
	if (!d) {
		bool none = errno == ENOENT || errno == ENOTDIR;
		if (!none)
			snprintf(err, errsize, "cannot read %s: %s", hist, strerror(errno));
		free(hist);
		return none;
	}
	size_t cap = 0;
	bool ok = true;
	struct dirent *e;
	while (ok && (e = readdir(d))) {
		time_t when;
		if (!parse_stamp(e->d_name, &when))
			continue;
		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			datadir_version *v = realloc(*out, cap * sizeof(**out));
			if (!v) {
				ok = false;
				break;
			}
			*out = v;
		}
		datadir_version *v = &(*out)[*n];
		memcpy(v->stamp, e->d_name, 17);
		v->when = when;
		size_t len = plen + 17;
		v->path = malloc(len);
		if (!v->path) {
			ok = false;
			break;
		}
		snprintf(v->path, len, "%s/%s", hist, e->d_name);
		(*n)++;
	}
	closedir(d);
	free(hist);
	if (!ok) {
		datadir_versions_free(*out, *n);
		*out = NULL;
		*n = 0;
		snprintf(err, errsize, "out of memory");
		return false;
	}
	if (*n)
		qsort(*out, *n, sizeof(**out), newest_first);
	return true;
}

void datadir_versions_free(datadir_version *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].path);
	free(v);
}

/* ---- the writer's side ---------------------------------------------------- */

void datadir_stamp(time_t t, char out[17])
{
	struct tm tm;
	if (!gmtime_r(&t, &tm) || !strftime(out, 17, "%Y%m%dT%H%M%SZ", &tm))
		memcpy(out, "19700101T000000Z", 17);
}

/* mkdir path with `mode` whatever the umask, unless it exists. */
static bool make_dir(const char *path, mode_t mode, char *err, size_t errsize)
{
	if (mkdir(path, mode) == 0) {
		if (chmod(path, mode) == 0)
			return true;
		snprintf(err, errsize, "cannot chmod %03o %s: %s", (unsigned)mode, path,
			 strerror(errno));
		return false;
	}
	struct stat st;
	if (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return true;
	if (errno == EEXIST)
		snprintf(err, errsize, "%s is not a directory", path);
	else
		snprintf(err, errsize, "cannot create %s: %s", path, strerror(errno));
	return false;
}

bool datadir_prepare(const char *dir, bool shared, char *err, size_t errsize)
{
	mode_t mode = DATADIR_DIR_MODE(shared);
	char *p = strdup(dir);
	bool ok = p != NULL;
	if (!p)
		snprintf(err, errsize, "out of memory");
	/* each missing parent in turn, as mkdir -p */
	for (char *s = p && *p == '/' ? p + 1 : p; ok && s && (s = strchr(s, '/')); s++) {
		*s = '\0';
		struct stat st;
		if (stat(p, &st) != 0)
			ok = make_dir(p, mode, err, errsize);
		*s = '/';
	}
	const char *const subs[] = {"", ".sync", "history"};
	for (size_t i = 0; ok && i < 3; i++) {
		char *d = *subs[i] ? yload_join(dir, subs[i]) : strdup(dir);
		ok = d && make_dir(d, mode, err, errsize);
		if (!d)
			snprintf(err, errsize, "out of memory");
		free(d);
	}
	free(p);
	return ok;
}

int datadir_lock(const char *dir, bool *busy, char *err, size_t errsize)
{
	*busy = false;
	*err = '\0';
	char *path = yload_join(dir, ".sync/lock");
	if (!path) {
		snprintf(err, errsize, "out of memory");
		return -1;
	}
	/* read-only is enough for flock, and works on a lock file another
	 * user of a shared directory created */
	int fd = open(path, O_RDONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, DATADIR_FILE_MODE);
	if (fd < 0)
		snprintf(err, errsize, "cannot open %s: %s", path, strerror(errno));
	else if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno == EWOULDBLOCK)
			*busy = true;
		else
			snprintf(err, errsize, "cannot lock %s: %s", path, strerror(errno));
		close(fd);
		fd = -1;
	}
	free(path);
	return fd;
}

int datadir_temp(const char *dir, const char *name, char **tmp, char *err,
		 size_t errsize)
{
	size_t n = strlen(dir) + strlen(name) + 16;
	*tmp = malloc(n);
	if (!*tmp) {
		snprintf(err, errsize, "out of memory");
		return -1;
	}
	snprintf(*tmp, n, "%s/.%s.XXXXXX", dir, name);
	/* mkstemp: O_EXCL, mode 0600 (POSIX.1-2008), close-on-exec at once */
	int fd = mkstemp(*tmp);
	if (fd < 0) {
		snprintf(err, errsize, "cannot create a temporary file in %s: %s", dir,
			 strerror(errno));
		free(*tmp);
		*tmp = NULL;
		return -1;
	}
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	return fd;
}

bool datadir_finish(int fd, const char *tmp, const char *final, unsigned mode,
		    char *err, size_t errsize)
{
	const char *failed = NULL;
	int e = 0;
	if (fchmod(fd, (mode_t)mode) < 0)
		failed = "cannot chmod", e = errno;
	if (!failed && fsync(fd) < 0)
		failed = "cannot sync", e = errno;
	if (close(fd) < 0 && !failed)
		failed = "cannot close", e = errno;
	if (failed) {
		snprintf(err, errsize, "%s %s: %s", failed, tmp, strerror(e));
		unlink(tmp);
		return false;
	}
	if (rename(tmp, final) < 0) {
		snprintf(err, errsize, "cannot rename %s to %s: %s", tmp, final,
			 strerror(errno));
		unlink(tmp);
		return false;
	}
	return true;
}

bool datadir_commit(int fd, const char *tmp, const char *dir, const char *name,
		    char *err, size_t errsize)
{
	char *final = yload_join(dir, name);
	if (!final) {
		close(fd);
		unlink(tmp);
		snprintf(err, errsize, "out of memory");
		return false;
	}
	bool ok = datadir_finish(fd, tmp, final, DATADIR_FILE_MODE, err, errsize);
	free(final);
	return ok;
}

int datadir_write_all(int fd, const char *data, size_t len)
{
	for (size_t off = 0; off < len;) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return errno;
		off += (size_t)w;
	}
	return 0;
}

bool datadir_write(const char *dir, const char *name, const char *data,
		   size_t len, char *err, size_t errsize)
{
	char *tmp;
	int fd = datadir_temp(dir, name, &tmp, err, errsize);
	if (fd < 0)
		return false;
	int e = datadir_write_all(fd, data, len);
	bool ok = !e && datadir_commit(fd, tmp, dir, name, err, errsize);
	if (e) {
		snprintf(err, errsize, "cannot write %s: %s", tmp, strerror(e));
		close(fd);
		unlink(tmp);
	}
	free(tmp);
	return ok;
}

/* Remove directory d and the files in it (a version holds no directory). */
static bool remove_tree(const char *d, char *err, size_t errsize)
{
	DIR *h = opendir(d);
	if (!h) {
		if (errno == ENOENT)
			return true;
		snprintf(err, errsize, "cannot read %s: %s", d, strerror(errno));
		return false;
	}
	bool ok = true;
	struct dirent *e;
	while (ok && (e = readdir(h))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char *p = yload_join(d, e->d_name);
		if (!p || (unlink(p) != 0 && errno != ENOENT)) {
			if (p)
				snprintf(err, errsize, "cannot remove %s: %s", p, strerror(errno));
			else
				snprintf(err, errsize, "out of memory");
			ok = false;
		}
		free(p);
	}
	closedir(h);
	if (ok && rmdir(d) != 0 && errno != ENOENT) {
		snprintf(err, errsize, "cannot remove %s: %s", d, strerror(errno));
		ok = false;
	}
	return ok;
}

/* Entries of directory d whose name starts with `prefix`: removed (files
 * or, with `trees`, directories of files). */
static void remove_prefixed(const char *d, const char *prefix, bool trees)
{
	DIR *h = opendir(d);
	if (!h)
		return;
	size_t n = strlen(prefix);
	struct dirent *e;
	while ((e = readdir(h))) {
		if (strncmp(e->d_name, prefix, n))
			continue;
		char *p = yload_join(d, e->d_name), err[8];
		if (p && trees)
			remove_tree(p, err, sizeof(err));
		else if (p)
			unlink(p);
		free(p);
	}
	closedir(h);
}

void datadir_clean(const char *dir)
{
	char prefix[64];
	for (int i = 0; i < DATADIR_NFILES; i++) {
		snprintf(prefix, sizeof(prefix), ".%s.", datadir_files[i]);
		remove_prefixed(dir, prefix, false);
	}
	char *sync = yload_join(dir, ".sync"), *hist = yload_join(dir, "history");
	if (sync)
		remove_prefixed(sync, ".state.json.", false);
	if (hist)
		remove_prefixed(hist, ".new-", true);
	free(sync);
	free(hist);
}

/* Copy file `from` to `to` (created exclusively, DATADIR_FILE_MODE): for a
 * file system or a kernel setting (fs.protected_hardlinks) that refuses
 * a hard link. */
static bool copy_file(const char *from, const char *to, char *err, size_t errsize)
{
	int in = open(from, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	int out = in < 0 ? -1 : open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
				     DATADIR_FILE_MODE);
	int e = in < 0 || out < 0 ? errno : 0;
	char buf[65536];
	while (!e) {
		ssize_t r = read(in, buf, sizeof(buf));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			e = r < 0 ? errno : 0;
			break;
		}
		e = datadir_write_all(out, buf, (size_t)r);
	}
	if (out >= 0 && fchmod(out, DATADIR_FILE_MODE) < 0 && !e)
		e = errno;
	if (out >= 0 && close(out) < 0 && !e)
		e = errno;
	if (in >= 0)
		close(in);
	if (e)
		snprintf(err, errsize, "cannot copy %s to %s: %s", from, to, strerror(e));
	return !e;
}

bool datadir_record(const char *dir, time_t when, bool shared, char stamp[17],
		    char *err, size_t errsize)
{
	char *hist = yload_join(dir, "history");
	size_t n = (hist ? strlen(hist) : 0) + 32;
	char *tmp = malloc(n), *final = malloc(n);
	bool ok = hist && tmp && final;
	if (!ok)
		snprintf(err, errsize, "out of memory");
	if (ok) {
		snprintf(tmp, n, "%s/.new-XXXXXX", hist);
		if (!mkdtemp(tmp)) {
			snprintf(err, errsize, "cannot create a directory in %s: %s", hist,
				 strerror(errno));
			ok = false;
		} else if (chmod(tmp, DATADIR_DIR_MODE(shared)) != 0) {
			snprintf(err, errsize, "cannot chmod %s: %s", tmp, strerror(errno));
			ok = false;
		}
	}
	for (int i = 0; ok && i < DATADIR_NFILES; i++) {
		char *from = yload_join(dir, datadir_files[i]), *to = yload_join(tmp, datadir_files[i]);
		struct stat st;
		if (!from || !to) {
			snprintf(err, errsize, "out of memory");
			ok = false;
		} else if (lstat(from, &st) != 0 || !S_ISREG(st.st_mode)) {
			; /* not (yet) synced: not in the version either */
		} else if (link(from, to) != 0) {
			ok = copy_file(from, to, err, errsize);
		}
		free(from);
		free(to);
	}
	/* the next free second: rename(2) onto an existing version fails
	 * (it is not empty), so no version is ever replaced */
	for (int tries = 0; ok; tries++, when++) {
		datadir_stamp(when, stamp);
		snprintf(final, n, "%s/%s", hist, stamp);
		if (rename(tmp, final) == 0)
			break;
		if ((errno != EEXIST && errno != ENOTEMPTY) || tries > 3600) {
			snprintf(err, errsize, "cannot rename %s to %s: %s", tmp, final,
				 strerror(errno));
			ok = false;
		}
	}
	if (!ok && tmp && hist) {
		char e2[8];
		remove_tree(tmp, e2, sizeof(e2));
	}
	free(hist);
	free(tmp);
	free(final);
	return ok;
}

bool datadir_prune(const char *dir, size_t keep, char *err, size_t errsize)
{
	datadir_version *v;
	size_t n;
	if (!datadir_history(dir, &v, &n, err, errsize))
		return false;
	bool ok = true;
	for (size_t i = keep; ok && i < n; i++)
		ok = remove_tree(v[i].path, err, errsize);
	datadir_versions_free(v, n);
	return ok;
}

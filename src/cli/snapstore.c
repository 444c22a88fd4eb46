/* snapstore.c: see snapstore.h. */
#include "teamtui/snapstore.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "teamtui/cache.h"
#include "teamtui/config.h"
#include "teamtui/later.h"
#include "teamtui/resolve.h"
#include "teamtui/search.h"
#include "teamtui/snapshot.h"

bool snapstore_enabled(void)
{
	const char *e = getenv("TEAMTUI_NO_SNAPSHOT");
	return !e || !*e || !strcmp(e, "0");
}

static void logf_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void logf_(const char *fmt, ...)
{
	const char *path = getenv("TEAMTUI_SNAPSHOT_LOG");
	if (!path || !*path)
		return;
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return;
	char line[8192];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if ((size_t)n > sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	ssize_t w = write(fd, line, (size_t)n); /* one write: lines never mix */
	(void)w;
	close(fd);
}

/* A shared directory is trusted when root or this user owns it and
 * nobody else may write it (else anyone could plant a snapshot there);
 * NULL, or why not. */
static const char *untrusted_dir(const char *dir)
{
	static char why[128];
	struct stat st;
	if (stat(dir, &st) != 0) {
		snprintf(why, sizeof(why), "%s", strerror(errno));
		return why;
	}
	if (!S_ISDIR(st.st_mode))
		return "not a directory";
	if (st.st_uid != 0 && st.st_uid != getuid()) {
		snprintf(why, sizeof(why), "the directory is owned by uid %lu",
			 (unsigned long)st.st_uid);
		return why;
	}
	if (st.st_mode & 022)
		return "the directory is writable by others";
	return NULL;
}

static roster *try_dir(const char *dir, const roster_input *in, diag_list *d,
		       bool shared)
{
	if (shared) {
		const char *bad = untrusted_dir(dir);
		if (bad) {
			logf_("refused %s: %s", dir, bad);
			return NULL;
		}
	}
	char *path = snapshot_path(dir, in);
	if (!path)
		return NULL;
	char why[512];
	diag_list mine;
	diag_init(&mine);
	roster *r = snapshot_open(path, in, &mine, why, sizeof(why));
	if (r) {
		diag_append(d, &mine);
		logf_("used %s", path);
	} else if (*why) {
		logf_("refused %s: %s", path, why);
	} else {
		logf_("none %s", path);
	}
	diag_free(&mine);
	free(path);
	return r;
}

roster *snapstore_load(const roster_input *in, bool use, diag_list *d)
{
	if (use && snapstore_enabled()) {
		char *shared = config_snapshot_dir(d);
		roster *r = shared ? try_dir(shared, in, d, true) : NULL;
		free(shared);
		if (r)
			return r;
		char err[512];
		char *mine = cache_dir(err, sizeof(err));
		if (mine)
			r = try_dir(mine, in, d, false);
		free(mine);
		if (r)
			return r;
	}
	logf_("loaded the files");
	return roster_load_input(in, d);
}

snapstore_mark snapstore_mark_of(const diag_list *d)
{
	return (snapstore_mark){d->count, d->errors, d->warnings, d->suppressed};
}

/* d from `first` on: the roster's own diagnostics, with the counts of
 * those past the list's cap. */
static void roster_diags(const diag_list *d, const snapstore_mark *first,
			 diag_list *out)
{
	diag_init(out);
	for (size_t i = first->count; i < d->count; i++) {
		const diag *x = &d->items[i];
		diag_add(out, x->severity, x->file, x->line, x->column, "%s", x->message);
	}
	out->errors = d->errors - first->errors;
	out->warnings = d->warnings - first->warnings;
	out->suppressed = out->errors + out->warnings - out->count;
}

static bool save(const char *dir, const roster_input *in, const roster *r,
		 const diag_list *d, const snapstore_mark *first, bool shared, char **path,
		 char *err, size_t errsize)
{
	*path = snapshot_path(dir, in);
	if (!*path) {
		snprintf(err, errsize, "cannot name a snapshot for %s in %s", in->dir, dir);
		return false;
	}
	diag_list mine;
	roster_diags(d, first, &mine);
	resolver *rs = resolver_new(r);
	search_index *s = search_build(r);
	bool ok = rs && s;
	if (!ok)
		snprintf(err, errsize, "out of memory");
	else
		ok = snapshot_write(*path, in, r, &mine, rs, s, shared, err, errsize);
	if (ok)
		logf_("wrote %s", *path);
	else
		logf_("could not write: %s", err);
	search_free(s);
	resolver_free(rs);
	diag_free(&mine);
	return ok;
}

bool snapstore_save_now(const char *dir, const roster_input *in,
			const roster *r, const diag_list *d,
			const snapstore_mark *first,
			char **path, char *err, size_t errsize)
{
	*path = NULL;
	char *mine = NULL;
	if (!dir && !(dir = mine = cache_dir(err, errsize)))
		return false;
	bool ok = save(dir, in, r, d, first, mine == NULL, path, err, errsize);
	free(mine);
	return ok;
}

void snapstore_save_later(const roster_input *in, const roster *r,
			  const diag_list *d, const snapstore_mark *first)
{
	if (!snapstore_enabled() || r->snapshot || !r->inputs_complete || r->dir_errno)
		return;
	/* tests: here and now; else in a detached worker */
	bool here = later_inline();
	if (!here && !later_detach())
		return;
	char err[512], *path = NULL, *dir = cache_dir(err, sizeof(err));
	if (dir)
		save(dir, in, r, d, first, false, &path, err, sizeof(err));
	else
		logf_("could not write: %s", err);
	free(dir);
	free(path);
	if (!here)
		_exit(0);
}

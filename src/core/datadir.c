/* datadir.c: the synced data directory's layout (datadir.h). */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE /* timegm (POSIX.1-2024; glibc and musl have it) */
#endif
#include "teamtui/datadir.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* inputs.c: see inputs.h. */
#include "teamtui/inputs.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xxhash.h>

#include "teamtui/arena.h"

struct inputs_slot {
	size_t index; /* + 1; 0 empty */
};

static inputs *recording;

void inputs_start(inputs *rec)
{
	recording = rec;
	if (!rec->cwd) {
		char buf[4096];
		rec->cwd = getcwd(buf, sizeof(buf)) ? strdup(buf) : NULL;
		if (!rec->cwd)
			rec->failed = true; /* relative paths cannot be made absolute */
	}
}

void inputs_stop(void)
{
	recording = NULL;
}

void inputs_free(inputs *rec)
{
	if (!rec)
		return;
	for (size_t i = 0; i < rec->n; i++)
		free((char *)rec->v[i].path);
	free(rec->v);
	free(rec->slots);
	free(rec->cwd);
	*rec = (inputs){0};
}

static bool rehash(inputs *rec)
{
	size_t n = rec->nslots ? rec->nslots * 2 : 1024;
	struct inputs_slot *s = calloc(n, sizeof(*s));
	if (!s)
		return false;
	for (size_t i = 0; i < rec->n; i++) {
		size_t h = arena_hash(rec->v[i].path, strlen(rec->v[i].path)) & (n - 1);
		while (s[h].index)
			h = (h + 1) & (n - 1);
		s[h].index = i + 1;
	}
	free(rec->slots);
	rec->slots = s;
	rec->nslots = n;
	return true;
}

static void note(inputs *rec, const char *path, int rc, const struct stat *st)
{
	if (rec->failed)
		return;
	char *abs;
	if (path[0] == '/') {
		abs = strdup(path);
	} else {
		size_t a = strlen(rec->cwd), b = strlen(path);
		abs = malloc(a + b + 2);
		if (abs) {
			memcpy(abs, rec->cwd, a);
			abs[a] = '/';
			memcpy(abs + a + 1, path, b + 1);
		}
	}
	if (!abs || (2 * (rec->n + 1) > rec->nslots && !rehash(rec))) {
		free(abs);
		rec->failed = true;
		return;
	}
	size_t h = arena_hash(abs, strlen(abs)) & (rec->nslots - 1);
	while (rec->slots[h].index) {
		if (!strcmp(rec->v[rec->slots[h].index - 1].path, abs)) {
			free(abs); /* seen: the first look stands */
			return;
		}
		h = (h + 1) & (rec->nslots - 1);
	}
	if (rec->n == rec->cap) {
		size_t cap = rec->cap ? rec->cap * 2 : 64;
		input_file *v = realloc(rec->v, cap * sizeof(*v));
		if (!v) {
			free(abs);
			rec->failed = true;
			return;
		}
		rec->v = v;
		rec->cap = cap;
	}
	input_file f = {.path = abs, .exists = rc == 0};
	if (rc == 0) {
		f.mode = (uint32_t)st->st_mode;
		f.size = (uint64_t)st->st_size;
		f.ino = (uint64_t)st->st_ino;
		f.dev = (uint64_t)st->st_dev;
		f.mtime_ns = (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
	}
	rec->v[rec->n++] = f;
	rec->slots[h].index = rec->n;
}

int inputs_stat(const char *path, struct stat *st)
{
	int rc = stat(path, st);
	if (recording) {
		int e = errno;
		/* a path that cannot be looked at for another reason than its
		 * absence (EACCES, ELOOP) is noted as missing: any change makes
		 * the next look differ */
		note(recording, path, rc, st);
		errno = e;
	}
	return rc;
}

bool inputs_unchanged(const input_file *f)
{
	struct stat st;
	if (stat(f->path, &st) != 0)
		return !f->exists && errno == ENOENT;
	return f->exists && f->mode == (uint32_t)st.st_mode &&
	       f->size == (uint64_t)st.st_size && f->ino == (uint64_t)st.st_ino &&
	       f->dev == (uint64_t)st.st_dev &&
	       f->mtime_ns == (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
}

void inputs_identity(const input_file *v, size_t n, uint64_t out[2])
{
	XXH3_state_t *st = XXH3_createState();
	if (!st) {
		out[0] = out[1] = 0;
		return;
	}
	XXH3_128bits_reset(st);
	for (size_t i = 0; i < n; i++) {
		const input_file *f = &v[i];
		/* fixed-width numbers, the path with its NUL: unambiguous */
		uint64_t w[4] = {f->exists, f->mode, f->size, (uint64_t)f->mtime_ns};
		XXH3_128bits_update(st, f->path, strlen(f->path) + 1);
		XXH3_128bits_update(st, w, sizeof(w));
	}
	XXH128_hash_t h = XXH3_128bits_digest(st);
	XXH3_freeState(st);
	out[0] = h.high64;
	out[1] = h.low64;
}

/* digeststore.c: see digeststore.h.
 *
 * One directory per roster input, CACHE/changes/KEY/ (0700), holding
 * (every file 0600):
 *
 *   index        the version list, a few hundred bytes:
 *                  teamtui-changes 1
 *                  next SEQ                  the next version's number
 *                  inputs HEX32              inputs_identity() of the load
 *                                            the newest version stands for
 *                  looked HASH WHEN SEEN     the version last looked at
 *                                            (its hash and record time) and
 *                                            when (optional)
 *                  v SEQ HASH WHEN           a version, newest first
 *   v-SEQ.full   the newest version's digest (digest_format)
 *   v-SEQ.delta  an older version: the delta (digest_delta) that turns
 *                the next newer version into it
 *   lock         locked (fcntl) while a writer changes the store
 *
 * So at 100,000 people the store holds one full digest (~10 MB) and
 * nine deltas of what changed. A version's files are written once, under
 * a new number, to a temporary file renamed into place; the index last,
 * the same way; files no version names are removed after. Writers take
 * the lock (and read the index again under it); readers do not: a reader
 * that finds a file gone (a writer turned the full version it wanted into
 * a delta) reads the index again and retries once. */
#include "teamtui/digeststore.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "teamtui/cache.h"
#include "teamtui/inputs.h"
#include "teamtui/snapshot.h"
#include "teamtui/yload.h"

enum {
	INDEX_FORMAT = 1,
	INDEX_MAX_BYTES = 64 * 1024,
	DIGEST_MAX_BYTES = 1024 * 1024 * 1024,
	LOCK_TRIES = 250, /* 20 ms apart: 5 s */
};

struct version {
	uint64_t seq, hash;
	time_t when;
};

struct digeststore {
	char *dir;
	struct version v[DIGESTSTORE_KEEP];
	size_t n;
	uint64_t next;
	bool has_inputs;
	uint64_t inputs[2];
	bool has_looked;
	uint64_t looked_hash;
	time_t looked_vwhen, looked_when;
	char warning[1024];
	int lock;
};

time_t digeststore_now(void)
{
	const char *fixed = getenv("TEAMTUI_NOW");
	char *end;
	if (fixed && *fixed) {
		long long v = strtoll(fixed, &end, 10);
		if (!*end)
			return (time_t)v;
	}
	return time(NULL);
}

static void warn(digeststore *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warn(digeststore *s, const char *fmt, ...)
{
	if (s->warning[0]) /* the first one says it: one line */
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->warning, sizeof(s->warning), fmt, ap);
	va_end(ap);
}

const char *digeststore_warning(const digeststore *s)
{
	return s->warning;
}

/* mkdir 0700 unless it is there; it must then be a directory of ours. */
static bool own_dir(const char *path, char *err, size_t errsize)
{
	struct stat st;
	if (mkdir(path, 0700) != 0 && errno != EEXIST) {
		snprintf(err, errsize, "cannot create %s: %s", path, strerror(errno));
		return false;
	}
	if (lstat(path, &st) != 0) {
		snprintf(err, errsize, "cannot stat %s: %s", path, strerror(errno));
		return false;
	}
	if (!S_ISDIR(st.st_mode)) {
		snprintf(err, errsize, "%s is not a directory", path);
		return false;
	}
	if (st.st_uid != getuid()) {
		snprintf(err, errsize, "%s belongs to another user", path);
		return false;
	}
	if ((st.st_mode & 0777) != 0700 && chmod(path, 0700) != 0) {
		snprintf(err, errsize, "cannot chmod 700 %s: %s", path, strerror(errno));
		return false;
	}
	return true;
}

static void file_name(const struct version *v, bool full, char *out, size_t size)
{
	snprintf(out, size, "v-%" PRIu64 ".%s", v->seq, full ? "full" : "delta");
}

/* ------------------------------------------------------------ the index */

static bool parse_u64(const char *s, int base, uint64_t *out, const char **end)
{
	if (!((*s >= '0' && *s <= '9') || (base == 16 && *s >= 'a' && *s <= 'f')))
		return false;
	errno = 0;
	char *e;
	unsigned long long v = strtoull(s, &e, base);
	if (errno || (base == 16 && e - s != 16))
		return false;
	*out = v;
	*end = e;
	return true;
}

static bool parse_time(const char *s, time_t *out, const char **end)
{
	if (!((*s >= '0' && *s <= '9') || *s == '-'))
		return false;
	errno = 0;
	char *e;
	long long v = strtoll(s, &e, 10);
	if (errno || e == s)
		return false;
	*out = (time_t)v;
	*end = e;
	return true;
}

static bool expect(const char **s, const char *w)
{
	size_t n = strlen(w);
	if (strncmp(*s, w, n))
		return false;
	*s += n;
	return true;
}

/* Read text into s's version list; false with the line at fault in err. */
static bool parse_index(digeststore *s, const char *text, size_t len, char *err,
			size_t errsize)
{
	s->n = 0;
	s->next = 1;
	s->has_inputs = s->has_looked = false;
	int line = 0;
	bool seen_next = false;
	for (size_t at = 0; at < len;) {
		const char *l = text + at, *nl = memchr(l, '\n', len - at);
		line++;
		if (!nl) {
			snprintf(err, errsize, "line %d: cut short", line);
			return false;
		}
		size_t ll = (size_t)(nl - l);
		at += ll + 1;
		char buf[160];
		if (ll >= sizeof(buf) || memchr(l, '\0', ll)) {
			snprintf(err, errsize, "line %d: not a line of an index", line);
			return false;
		}
		memcpy(buf, l, ll);
		buf[ll] = '\0';
		const char *p = buf;
		uint64_t a, b;
		time_t t1;
		bool ok;
		if (line == 1) {
			ok = expect(&p, "teamtui-changes ") && parse_u64(p, 10, &a, &p) && !*p;
			if (ok && a != INDEX_FORMAT) {
				snprintf(err, errsize, "line 1: format %" PRIu64 ", this teamtui reads %d",
					 a, INDEX_FORMAT);
				return false;
			}
		} else if (expect(&p, "next ")) {
			ok = !seen_next && parse_u64(p, 10, &s->next, &p) && !*p && s->next;
			seen_next = true;
		} else if (expect(&p, "inputs ")) {
			ok = !s->has_inputs && strlen(p) == 32;
			char half[17];
			for (int k = 0; ok && k < 2; k++) {
				memcpy(half, p + 16 * k, 16);
				half[16] = '\0';
				const char *e;
				ok = parse_u64(half, 16, &s->inputs[k], &e) && !*e;
			}
			s->has_inputs = ok;
		} else if (expect(&p, "looked ")) {
			ok = !s->has_looked && parse_u64(p, 16, &s->looked_hash, &p) &&
			     expect(&p, " ") && parse_time(p, &s->looked_vwhen, &p) &&
			     expect(&p, " ") && parse_time(p, &s->looked_when, &p) && !*p;
			s->has_looked = ok;
		} else if (expect(&p, "v ")) {
			ok = s->n < DIGESTSTORE_KEEP && parse_u64(p, 10, &a, &p) && a &&
			     expect(&p, " ") && parse_u64(p, 16, &b, &p) && expect(&p, " ") &&
			     parse_time(p, &t1, &p) && !*p;
			if (ok && s->n && a >= s->v[s->n - 1].seq) {
				snprintf(err, errsize, "line %d: versions out of order", line);
				return false;
			}
			if (ok)
				s->v[s->n++] = (struct version){a, b, t1};
		} else {
			ok = false;
		}
		if (!ok) {
			snprintf(err, errsize, "line %d: %s", line,
				 line == 1 ? "not a teamtui version list" : "not understood");
			return false;
		}
	}
	if (!line) {
		snprintf(err, errsize, "empty");
		return false;
	}
	if (!seen_next || (s->n && s->v[0].seq >= s->next)) {
		snprintf(err, errsize, "no next version number, or a wrong one");
		return false;
	}
	return true;
}

static char *format_index(const digeststore *s)
{
	size_t size = 256 + 64 * (s->n + 1);
	char *t = malloc(size);
	if (!t)
		return NULL;
	size_t o = (size_t)snprintf(t, size, "teamtui-changes %d\nnext %" PRIu64 "\n",
				    INDEX_FORMAT, s->next);
	if (s->has_inputs)
		o += (size_t)snprintf(t + o, size - o, "inputs %016" PRIx64 "%016" PRIx64 "\n",
				      s->inputs[0], s->inputs[1]);
	if (s->has_looked)
		o += (size_t)snprintf(t + o, size - o, "looked %016" PRIx64 " %lld %lld\n",
				      s->looked_hash, (long long)s->looked_vwhen,
				      (long long)s->looked_when);
	for (size_t i = 0; i < s->n; i++)
		o += (size_t)snprintf(t + o, size - o, "v %" PRIu64 " %016" PRIx64 " %lld\n",
				      s->v[i].seq, s->v[i].hash, (long long)s->v[i].when);
	return t;
}

/* Read the index again; a corrupt one is dropped (and said). */
static void load_index(digeststore *s)
{
	char err[512];
	size_t len = 0;
	char *text = cache_read_file(s->dir, "index", INDEX_MAX_BYTES, &len, err, sizeof(err));
	bool ok = text && parse_index(s, text, len, err, sizeof(err));
	free(text);
	if (!ok) {
		s->n = 0;
		s->next = 1;
		s->has_inputs = s->has_looked = false;
	}
	if (!ok && *err) {
		char *path = yload_join(s->dir, "index");
		warn(s, "dropped the version list %s: %s", path ? path : "index", err);
		if (path)
			unlink(path);
		free(path);
	}
}

static bool save_index(digeststore *s, char *err, size_t errsize)
{
	char *t = format_index(s);
	if (!t) {
		snprintf(err, errsize, "out of memory");
		return false;
	}
	bool ok = cache_write_file(s->dir, "index", t, strlen(t), err, errsize);
	free(t);
	return ok;
}

/* ------------------------------------------------------------ the lock */

static bool lock(digeststore *s, char *err, size_t errsize)
{
	char *path = yload_join(s->dir, "lock");
	int fd = path ? open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600) : -1;
	if (fd < 0) {
		snprintf(err, errsize, "cannot open %s: %s", path ? path : "lock",
			 path ? strerror(errno) : "out of memory");
		free(path);
		return false;
	}
	struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
	for (int i = 0; i < LOCK_TRIES; i++) {
		if (fcntl(fd, F_SETLK, &fl) == 0) {
			s->lock = fd;
			free(path);
			return true;
		}
		if (errno != EACCES && errno != EAGAIN && errno != EINTR)
			break;
		struct timespec ts = {0, 20 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	snprintf(err, errsize, "cannot lock %s: %s", path,
		 errno == EACCES || errno == EAGAIN ? "another teamtui holds it"
						    : strerror(errno));
	close(fd);
	free(path);
	return false;
}

static void unlock(digeststore *s)
{
	if (s->lock >= 0)
		close(s->lock); /* closing drops the lock */
	s->lock = -1;
}

/* Remove the version files no version names, and temporary files an hour
 * old (a writer that died). Under the lock. */
static void sweep(digeststore *s)
{
	DIR *d = opendir(s->dir);
	if (!d)
		return;
	time_t now = time(NULL);
	struct dirent *e;
	while ((e = readdir(d))) {
		const char *n = e->d_name;
		bool remove = false;
		if (strstr(n, ".tmp")) { /* cache_write_file's, of a writer that died */
			struct stat st;
			char *p = yload_join(s->dir, n);
			remove = p && lstat(p, &st) == 0 && st.st_mtime + 3600 < now;
			free(p);
		} else if (!strncmp(n, "v-", 2)) {
			remove = true;
			for (size_t i = 0; remove && i < s->n; i++) {
				char want[64];
				file_name(&s->v[i], i == 0, want, sizeof(want));
				remove = strcmp(want, n) != 0;
			}
		}
		if (remove) {
			char *p = yload_join(s->dir, n);
			if (p)
				unlink(p);
			free(p);
		}
	}
	closedir(d);
}

/* ------------------------------------------------------------ the API */

digeststore *digeststore_open(const roster_input *in, char *err, size_t errsize)
{
	*err = '\0';
	char *cache = cache_dir(err, errsize);
	if (!cache)
		return NULL;
	uint64_t key[2];
	char name[40];
	char *changes = yload_join(cache, "changes");
	free(cache);
	if (!changes) {
		snprintf(err, errsize, "out of memory");
		return NULL;
	}
	if (!snapshot_roster_key(in, "digeststore", key)) {
		snprintf(err, errsize, "cannot resolve the roster directory %s", in->dir);
		free(changes);
		return NULL;
	}
	snprintf(name, sizeof(name), "%016" PRIx64 "%016" PRIx64, key[0], key[1]);
	digeststore *s = calloc(1, sizeof(*s));
	if (s)
		s->dir = yload_join(changes, name);
	if (!s || !s->dir) {
		snprintf(err, errsize, "out of memory");
		free(changes);
		free(s);
		return NULL;
	}
	s->lock = -1;
	bool ok = own_dir(changes, err, errsize) && own_dir(s->dir, err, errsize);
	free(changes);
	if (!ok) {
		digeststore_close(s);
		return NULL;
	}
	load_index(s);
	return s;
}

void digeststore_close(digeststore *s)
{
	if (!s)
		return;
	unlock(s);
	free(s->dir);
	free(s);
}

const char *digeststore_dir(const digeststore *s)
{
	return s->dir;
}

bool digeststore_current(digeststore *s, const roster *r)
{
	if (!s->n || !s->has_inputs || !r->inputs_complete)
		return false;
	uint64_t id[2];
	inputs_identity(r->inputs, r->ninputs, id);
	return id[0] == s->inputs[0] && id[1] == s->inputs[1];
}

/* The digest in dir/name: a full one (base NULL), or base patched. */
static digest *read_version(digeststore *s, const char *name, digest *base,
			    uint64_t want, char *err, size_t errsize, bool *missing)
{
	size_t len = 0;
	char why[512];
	char *text = cache_read_file(s->dir, name, DIGEST_MAX_BYTES, &len, why, sizeof(why));
	*missing = !text && !*why;
	if (!text) {
		snprintf(err, errsize, "%s/%s: %s", s->dir, name, *why ? why : "missing");
		return NULL;
	}
	digest *d = base;
	if (!base) {
		d = digest_parse(text, len, why, sizeof(why));
	} else if (!digest_patch(base, text, len, why, sizeof(why))) {
		d = NULL;
	}
	free(text);
	if (d && d->hash != want) {
		snprintf(why, sizeof(why), "its hash is %016" PRIx64 ", the list says %016" PRIx64,
			 d->hash, want);
		if (!base)
			digest_free(d);
		d = NULL;
	}
	if (!d)
		snprintf(err, errsize, "%s/%s: %s", s->dir, name, why);
	return d;
}

/* Drop version `from` and every older one (they are reached through it),
 * under the lock, if the list still has it. */
static void drop_from(digeststore *s, uint64_t seq)
{
	char err[512];
	if (!lock(s, err, sizeof(err)))
		return;
	load_index(s);
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].seq == seq) {
			s->n = i;
			if (save_index(s, err, sizeof(err)))
				sweep(s);
			break;
		}
	unlock(s);
}

bool digeststore_record_digest(digeststore *s, const roster *r, const digest *d,
			       char *err, size_t errsize)
{
	if (!lock(s, err, errsize))
		return false;
	load_index(s);
	uint64_t id[2] = {0, 0};
	bool has_inputs = r && r->inputs_complete;
	if (has_inputs)
		inputs_identity(r->inputs, r->ninputs, id);
	bool ok = true;
	if (s->n && s->v[0].hash == d->hash) { /* the same: what it stands for */
		if (s->has_inputs != has_inputs || s->inputs[0] != id[0] || s->inputs[1] != id[1]) {
			s->has_inputs = has_inputs;
			s->inputs[0] = id[0];
			s->inputs[1] = id[1];
			ok = save_index(s, err, errsize);
		}
		unlock(s);
		return ok;
	}
	struct version nv = {s->next, d->hash, digeststore_now()};
	char name[64];
	size_t len = 0;
	char *text = digest_format(d, &len);
	file_name(&nv, true, name, sizeof(name));
	if (!text) {
		snprintf(err, errsize, "out of memory");
		ok = false;
	} else {
		ok = cache_write_file(s->dir, name, text, len, err, errsize);
	}
	free(text);
	if (ok && s->n) { /* the old newest becomes a delta from the new one */
		char why[768];
		bool missing;
		file_name(&s->v[0], true, name, sizeof(name));
		digest *old = read_version(s, name, NULL, s->v[0].hash, why, sizeof(why), &missing);
		char *delta = old ? digest_delta(d, old, &len) : NULL;
		file_name(&s->v[0], false, name, sizeof(name));
		if (!old) {
			warn(s, "dropped %zu version%s: %s", s->n, s->n == 1 ? "" : "s", why);
			s->n = 0;
		} else if (!delta) {
			snprintf(err, errsize, "out of memory");
			ok = false;
		} else {
			ok = cache_write_file(s->dir, name, delta, len, err, errsize);
		}
		free(delta);
		digest_free(old);
	}
	if (ok) {
		size_t keep = s->n < DIGESTSTORE_KEEP - 1 ? s->n : DIGESTSTORE_KEEP - 1;
		memmove(&s->v[1], &s->v[0], keep * sizeof(s->v[0]));
		s->v[0] = nv;
		s->n = keep + 1;
		s->next++;
		s->has_inputs = has_inputs;
		s->inputs[0] = id[0];
		s->inputs[1] = id[1];
		ok = save_index(s, err, errsize);
	}
	sweep(s); /* what a failure left, too */
	unlock(s);
	return ok;
}

bool digeststore_record(digeststore *s, const roster *r, resolver *rs, char *err,
			size_t errsize)
{
	digest *d = digest_of(r, rs);
	if (!d) {
		snprintf(err, errsize, "out of memory");
		return false;
	}
	bool ok = digeststore_record_digest(s, r, d, err, errsize);
	digest_free(d);
	return ok;
}

size_t digeststore_count(const digeststore *s)
{
	return s->n;
}

time_t digeststore_when(const digeststore *s, size_t i)
{
	return i < s->n ? s->v[i].when : (time_t)-1;
}

uint64_t digeststore_hash(const digeststore *s, size_t i)
{
	return i < s->n ? s->v[i].hash : 0;
}

static digest *load_once(digeststore *s, size_t i, char *err, size_t errsize,
			 bool *missing, uint64_t *bad_seq)
{
	char name[64];
	file_name(&s->v[0], true, name, sizeof(name));
	*bad_seq = s->v[0].seq;
	digest *d = read_version(s, name, NULL, s->v[0].hash, err, errsize, missing);
	for (size_t k = 1; d && k <= i; k++) {
		file_name(&s->v[k], false, name, sizeof(name));
		*bad_seq = s->v[k].seq;
		if (!read_version(s, name, d, s->v[k].hash, err, errsize, missing)) {
			digest_free(d);
			d = NULL;
		}
	}
	return d;
}

digest *digeststore_load(digeststore *s, size_t i, char *err, size_t errsize)
{
	if (i >= s->n) {
		snprintf(err, errsize, "no version %zu (%zu kept)", i, s->n);
		return NULL;
	}
	bool missing = false;
	uint64_t bad = 0, seq = s->v[i].seq;
	digest *d = load_once(s, i, err, errsize, &missing, &bad);
	if (!d && missing) { /* a writer may have moved it on: once more */
		load_index(s);
		size_t k = 0;
		while (k < s->n && s->v[k].seq != seq)
			k++;
		if (k == s->n) {
			snprintf(err, errsize, "version %zu was dropped while it was read", i);
			return NULL;
		}
		i = k;
		d = load_once(s, i, err, errsize, &missing, &bad);
	}
	if (!d) {
		size_t at = 0;
		while (at < s->n && s->v[at].seq != bad)
			at++;
		size_t gone = s->n - at;
		size_t m = strlen(err);
		if (m < errsize)
			snprintf(err + m, errsize - m, "; dropped %s%zu version%s",
				 at ? "the " : "all ", gone, gone == 1 ? "" : "s");
		drop_from(s, bad);
	}
	return d;
}

long digeststore_looked(const digeststore *s, time_t *when)
{
	if (!s->has_looked)
		return -1;
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].hash == s->looked_hash && s->v[i].when == s->looked_vwhen) {
			if (when)
				*when = s->looked_when;
			return (long)i;
		}
	return -1;
}

bool digeststore_mark_looked(digeststore *s, size_t i, char *err, size_t errsize)
{
	if (i >= s->n) {
		snprintf(err, errsize, "no version %zu (%zu kept)", i, s->n);
		return false;
	}
	struct version v = s->v[i];
	if (!lock(s, err, errsize))
		return false;
	load_index(s);
	bool found = false;
	for (size_t k = 0; k < s->n && !found; k++)
		found = s->v[k].seq == v.seq;
	bool ok = found;
	if (!found)
		snprintf(err, errsize, "version %zu is no longer kept", i);
	else {
		s->has_looked = true;
		s->looked_hash = v.hash;
		s->looked_vwhen = v.when;
		s->looked_when = digeststore_now();
		ok = save_index(s, err, errsize);
	}
	unlock(s);
	return ok;
}

/* cli_changes.c: `teamtui changes [--since DATE|VERSION] [--json]`.
 *
 * The versions to compare with are those the digest store recorded for
 * this roster input (digeststore.h) and, when the roster's people came
 * from the synced data directory, that directory's history (datadir.h),
 * each history version loaded as the roster would be with its team.yml
 * (and its product data, when the roster's came from there too). They
 * are merged by time, newest first. A history version whose files are
 * the current ones is the current version, without a load; the others
 * are loaded only when chosen or walked over (--since N). */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE /* timegm (POSIX.1-2024; glibc and musl have it) */
#endif
#include "teamtui/out_json.h"
#include "teamtui/cli_changes.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "teamtui/changes.h"
#include "teamtui/check.h"
#include "teamtui/cli.h"
#include "teamtui/datadir.h"
#include "teamtui/digest.h"
#include "teamtui/digeststore.h"
#include "teamtui/handbook.h"
#include "teamtui/sanitize.h"
#include "teamtui/utf8.h"
#include "teamtui/yload.h"

/* ------------------------------------------------------------ --since */

typedef enum { SINCE_NONE, SINCE_NUMBER, SINCE_STAMP, SINCE_DATE } since_kind;

struct since {
	since_kind kind;
	long n;		/* SINCE_NUMBER */
	char stamp[17]; /* SINCE_STAMP: a prefix */
	time_t t;	/* SINCE_DATE */
};

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

static int num(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS][Z]" (or a space for the T): local
 * time unless it ends in Z. */
static bool parse_date(const char *s, time_t *out)
{
	size_t len = strlen(s);
	bool utc = len && s[len - 1] == 'Z';
	if (utc)
		len--;
	if (len != 10 && len != 16 && len != 19)
		return false;
	if (!digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' ||
	    !digits(s + 8, 2))
		return false;
	struct tm tm = {0};
	tm.tm_year = num(s, 4) - 1900;
	tm.tm_mon = num(s + 5, 2) - 1;
	tm.tm_mday = num(s + 8, 2);
	if (len > 10) {
		if ((s[10] != 'T' && s[10] != ' ') || !digits(s + 11, 2) || s[13] != ':' ||
		    !digits(s + 14, 2))
			return false;
		tm.tm_hour = num(s + 11, 2);
		tm.tm_min = num(s + 14, 2);
		if (len == 19) {
			if (s[16] != ':' || !digits(s + 17, 2))
				return false;
			tm.tm_sec = num(s + 17, 2);
		}
	} else if (utc) {
		return false; /* a day is local: "2026-11-28Z" means nothing */
	}
	if (tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 ||
	    tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60)
		return false;
	tm.tm_isdst = -1;
	*out = utc ? timegm(&tm) : mktime(&tm);
	return *out != (time_t)-1;
}

/* Is s the start of a history stamp, "YYYYMMDDTHHMMSSZ" (five characters
 * at least, so that a small number is a count)? */
static bool stamp_prefix(const char *s)
{
	static const char shape[] = "DDDDDDDDTDDDDDDZ";
	size_t n = strlen(s);
	if (n < 5 || n > 16)
		return false;
	for (size_t i = 0; i < n; i++)
		if (shape[i] == 'D' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != shape[i])
			return false;
	return true;
}

static bool parse_since(const char *s, time_t now, struct since *out)
{
	memset(out, 0, sizeof(*out));
	if (!s)
		return true;
	size_t n = strlen(s);
	if (digits(s, n) && n <= 4) {
		out->kind = SINCE_NUMBER;
		out->n = num(s, n);
		return out->n > 0;
	}
	if (stamp_prefix(s)) {
		out->kind = SINCE_STAMP;
		memcpy(out->stamp, s, n + 1);
		return true;
	}
	out->kind = SINCE_DATE;
	if (!strcmp(s, "yesterday")) {
		out->t = now - 86400;
		return true;
	}
	if (n >= 2 && n <= 7 && digits(s, n - 1) && strchr("hdw", s[n - 1])) {
		long k = num(s, n - 1);
		long unit = s[n - 1] == 'h' ? 3600 : s[n - 1] == 'd' ? 86400 : 7 * 86400;
		out->t = now - (time_t)(k * unit);
		return true;
	}
	return parse_date(s, &out->t);
}

/* ------------------------------------------------------------ versions */

struct cand {
	bool history;
	size_t i; /* the store's version, or the history's */
	time_t when;
	bool known; /* hash */
	uint64_t hash;
	bool unusable; /* it could not be read */
	digest *d;     /* loaded */
};

struct ctx {
	FILE *out;
	const roster_input *in;
	time_t now;
	digest *cur;
	digeststore *s;
	const char *ddir; /* the synced data directory the people came from */
	bool data_from_d;
	datadir_version *hist;
	size_t nhist;
	struct cand *c; /* newest first */
	size_t n;
	char *cwd;
};

static void say(const char *fmt, const char *arg)
{
	char *a = sanitize(arg, SANITIZE_VISIBLE);
	fputs("teamtui: changes: ", stderr);
	fprintf(stderr, fmt, a ? a : "");
	fputc('\n', stderr);
	free(a);
}

/* Did the load read the file at path (the same file: device and inode)? */
static bool read_by_load(const roster *r, const char *dir, const char *name)
{
	char *path = yload_join(dir, name);
	struct stat st;
	bool found = false;
	if (path && stat(path, &st) == 0)
		for (size_t i = 0; !found && i < r->ninputs; i++) {
			const input_file *f = &r->inputs[i];
			found = f->exists && S_ISREG(f->mode) && f->ino == (uint64_t)st.st_ino &&
				f->dev == (uint64_t)st.st_dev;
		}
	free(path);
	return found;
}

/* Do a/name and b/name hold the same bytes (or are both missing)? */
static bool same_file(const char *a, const char *b, const char *name)
{
	char *pa = yload_join(a, name), *pb = yload_join(b, name);
	struct stat sa, sb;
	bool ha = pa && stat(pa, &sa) == 0, hb = pb && stat(pb, &sb) == 0;
	bool same = !ha && !hb;
	if (ha && hb && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino)
		same = true;
	else if (ha && hb && sa.st_size == sb.st_size) {
		FILE *fa = fopen(pa, "rb"), *fb = fopen(pb, "rb");
		same = fa && fb;
		char x[8192], y[8192];
		while (same) {
			size_t na = fread(x, 1, sizeof(x), fa), nb = fread(y, 1, sizeof(y), fb);
			same = na == nb && !memcmp(x, y, na);
			if (na < sizeof(x))
				break;
		}
		if (fa)
			fclose(fa);
		if (fb)
			fclose(fb);
	}
	free(pa);
	free(pb);
	return same;
}

/* Is history version v the current data (the files the load read)? */
static bool history_is_current(const struct ctx *x, const datadir_version *v)
{
	if (!same_file(v->path, x->ddir, "team.yml"))
		return false;
	for (size_t k = 0; x->data_from_d && k < DATADIR_NFILES; k++)
		if (!same_file(v->path, x->ddir, datadir_files[k]))
			return false;
	return true;
}

/* History version v loaded as the roster would be with its files; NULL
 * when it holds nobody (a damaged history is no version to compare with:
 * everyone would have joined). */
static digest *load_history(const struct ctx *x, const datadir_version *v)
{
	char *people = yload_join(v->path, "team.yml");
	if (!people)
		return NULL;
	roster_input hin = {x->in->dir, people, x->data_from_d ? v->path : x->in->data, NULL};
	diag_list d;
	diag_init(&d);
	roster *hr = roster_load_input(&hin, &d);
	resolver *hrs = hr && hr->npeople ? resolver_new(hr) : NULL;
	digest *dg = hrs ? digest_of(hr, hrs) : NULL;
	resolver_free(hrs);
	roster_free(hr);
	diag_free(&d);
	free(people);
	return dg;
}

/* Load c's digest (and learn its hash); false when it cannot be read. */
static bool load(struct ctx *x, struct cand *c)
{
	if (c->d)
		return true;
	if (c->unusable)
		return false;
	char err[1024];
	if (c->history) {
		c->d = load_history(x, &x->hist[c->i]);
		if (!c->d)
			say("warning: the synced version %s holds nobody; skipped",
			    x->hist[c->i].stamp);
	} else {
		c->d = digeststore_load(x->s, c->i, err, sizeof(err));
		if (!c->d) {
			say("warning: %s", err);
			/* a corrupt version was dropped, and the older ones */
			size_t kept = digeststore_count(x->s);
			for (size_t k = 0; k < x->n; k++)
				if (!x->c[k].history && x->c[k].i >= kept)
					x->c[k].unusable = true;
		}
	}
	if (!c->d) {
		c->unusable = true;
		return false;
	}
	c->known = true;
	c->hash = c->d->hash;
	return true;
}

static int newest_first(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	if (x->when != y->when)
		return x->when > y->when ? -1 : 1;
	if (x->history != y->history) /* a recorded one first */
		return x->history ? 1 : -1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static bool gather(struct ctx *x, const roster *r)
{
	const roster_input *in = x->in;
	if (handbook_is_data_dir(in->dir))
		x->ddir = in->dir;
	else if (in->synced)
		x->ddir = in->synced;
	if (x->ddir && !read_by_load(r, x->ddir, "team.yml"))
		x->ddir = NULL; /* the people came from elsewhere */
	if (x->ddir) {
		x->data_from_d = read_by_load(r, x->ddir, "stages.yml");
		char err[512];
		if (!datadir_history(x->ddir, &x->hist, &x->nhist, err, sizeof(err)))
			say("warning: %s", err);
	}
	size_t ns = x->s ? digeststore_count(x->s) : 0;
	x->c = calloc(ns + x->nhist + 1, sizeof(*x->c));
	if (!x->c)
		return false;
	for (size_t i = 0; i < ns; i++)
		x->c[x->n++] = (struct cand){.i = i, .when = digeststore_when(x->s, i),
					     .known = true, .hash = digeststore_hash(x->s, i)};
	for (size_t i = 0; i < x->nhist; i++) {
		struct cand c = {.history = true, .i = i, .when = x->hist[i].when};
		if (history_is_current(x, &x->hist[i])) {
			c.known = true;
			c.hash = x->cur->hash;
		}
		x->c[x->n++] = c;
	}
	qsort(x->c, x->n, sizeof(*x->c), newest_first);
	return true;
}

/* Is c a version to count (not known to be the current one)? */
static bool counts(const struct ctx *x, const struct cand *c)
{
	return !c->unusable && !(c->known && c->hash == x->cur->hash);
}

/* Its place among the versions before the current one (1 the newest),
 * and how many there are; 0 when it is the current one. */
static long position(const struct ctx *x, const struct cand *t, long *of)
{
	long k = 0, pos = 0;
	for (size_t i = 0; i < x->n; i++) {
		if (!counts(x, &x->c[i]))
			continue;
		k++;
		if (&x->c[i] == t)
			pos = k;
	}
	*of = k;
	return pos;
}

/* The nth version before the current one; the oldest (*short_ set) when
 * there are fewer; NULL when there is none. A synced version is loaded
 * when the walk reaches it (whether it is the current one is known only
 * then), a recorded one only when chosen (its hash is in the index). */
static struct cand *nth(struct ctx *x, long n, bool *short_)
{
	long k = 0;
	*short_ = false;
	for (size_t i = 0; i < x->n; i++) {
		struct cand *c = &x->c[i];
		if (!counts(x, c))
			continue;
		bool at = k + 1 == n || (c->history && !c->known);
		if (at && (!load(x, c) || !counts(x, c)))
			continue; /* unreadable, or the current version after all */
		if (++k == n)
			return c;
	}
	/* past the last one: the oldest that can be read */
	struct cand *last = NULL;
	for (size_t i = x->n; !last && i-- > 0;)
		if (counts(x, &x->c[i]) && load(x, &x->c[i]) && counts(x, &x->c[i]))
			last = &x->c[i];
	*short_ = last != NULL;
	return last;
}

/* ------------------------------------------------------------ output */

static void local_time(time_t t, char *buf, size_t size)
{
	struct tm tm;
	if (!localtime_r(&t, &tm) || !strftime(buf, size, "%Y-%m-%d %H:%M", &tm))
		snprintf(buf, size, "%lld", (long long)t);
}

static void iso_time(time_t t, char *buf, size_t size)
{
	struct tm tm;
	if (!gmtime_r(&t, &tm) || !strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(buf, size, "%lld", (long long)t);
}

/* A table of text cells, each column but the last padded to its widest
 * cell (at most COL_MAX columns), two spaces apart, indented by two. */
enum { NCOLS = 3, COL_MAX = 48 };

struct grid {
	char *(*cell)[NCOLS];
	size_t n, cap;
};

static void grid_row(struct grid *g, const char *a, const char *b, const char *c)
{
	if (g->n == g->cap) {
		size_t cap = g->cap ? 2 * g->cap : 16;
		void *v = realloc(g->cell, cap * sizeof(*g->cell));
		if (!v)
			return;
		g->cell = v;
		g->cap = cap;
	}
	const char *in[NCOLS] = {a, b, c};
	for (int k = 0; k < NCOLS; k++)
		g->cell[g->n][k] = in[k] && *in[k] ? sanitize(in[k], SANITIZE_LINE) : NULL;
	g->n++;
}

static void grid_print(struct grid *g, FILE *out)
{
	size_t w[NCOLS] = {0};
	for (size_t i = 0; i < g->n; i++)
		for (int k = 0; k < NCOLS; k++) {
			size_t cw = g->cell[i][k] ? utf8_width(g->cell[i][k]) : 0;
			if (cw > w[k] && cw <= COL_MAX)
				w[k] = cw;
		}
	for (size_t i = 0; i < g->n; i++) {
		int last = NCOLS - 1;
		while (last > 0 && !g->cell[i][last])
			last--;
		fputs("  ", out);
		for (int k = 0; k <= last; k++) {
			const char *s = g->cell[i][k] ? g->cell[i][k] : "";
			fputs(s, out);
			if (k == last)
				break;
			for (size_t p = utf8_width(s); p < w[k]; p++)
				fputc(' ', out);
			fputs("  ", out);
		}
		fputc('\n', out);
		for (int k = 0; k < NCOLS; k++)
			free(g->cell[i][k]);
	}
	free(g->cell);
	memset(g, 0, sizeof(*g));
}

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *f, ...)
{
	va_list ap;
	va_start(ap, f);
	int n = vsnprintf(NULL, 0, f, ap);
	va_end(ap);
	char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
	if (s) {
		va_start(ap, f);
		vsnprintf(s, (size_t)n + 1, f, ap);
		va_end(ap);
	}
	return s;
}

/* "Name (slug)", or the slug when there is no name. */
static char *who(const char *name, const char *slug)
{
	return name && *name ? fmt("%s (%s)", name, slug) : fmt("%s", slug);
}

static const char *or_none(const char *s, const char *none)
{
	return s && *s ? s : none;
}

/* The table's file as `check` names it: openable from where teamtui
 * runs. */
static char *where(const struct ctx *x, const change *c)
{
	char *p = check_path(x->in, c->file, x->cwd);
	char *w = p ? fmt("%s:%d", p, c->line) : NULL;
	free(p);
	return w;
}

static const char *table_kind_word(digest_table_kind k)
{
	return k == DIGEST_COUNTERPARTS ? "counterparts" : "members";
}

static int cmp_group_move(const void *a, const void *b)
{
	const change *x = *(const change *const *)a, *y = *(const change *const *)b;
	int c = strcmp(x->slug, y->slug);
	if (!c)
		c = strcmp(x->group, y->group);
	if (!c && x->table != y->table)
		c = x->table < y->table ? -1 : 1;
	if (!c && x->kind != y->kind) /* left, then entered */
		c = x->kind == CHANGE_GROUP_LEFT ? -1 : 1;
	return c;
}

static int cmp_table_change(const void *a, const void *b)
{
	const change *x = *(const change *const *)a, *y = *(const change *const *)b;
	int c = strcmp(x->file, y->file);
	if (!c && x->line != y->line)
		c = x->line < y->line ? -1 : 1;
	if (!c && x->kind != y->kind)
		c = x->kind < y->kind ? -1 : 1;
	return c;
}

static void heading(FILE *out, const char *title, size_t n)
{
	if (n)
		fprintf(out, "%s (%zu)\n", title, n);
}

static void print_text(const struct ctx *x, const digest *old, const change_list *cl,
		       const char *header)
{
	FILE *out = x->out;
	fputs(header, out);
	fputc('\n', out);
	struct grid g = {0};
	static const struct {
		change_kind k;
		const char *title;
	} simple[] = {{CHANGE_JOINED, "Joined"},   {CHANGE_LEFT, "Left"},
		      {CHANGE_RENAMED, "Renamed"}, {CHANGE_MOVED, "Moved"},
		      {CHANGE_TITLE, "New title"}};
	for (size_t s = 0; s < sizeof(simple) / sizeof(*simple); s++) {
		change_kind k = simple[s].k;
		heading(out, simple[s].title, cl->count[k]);
		for (size_t i = 0; i < cl->n; i++) {
			const change *c = &cl->v[i];
			if (c->kind != k)
				continue;
			char *w = who(c->name, c->slug), *b = NULL, *e = NULL;
			const digest_person *p;
			switch (k) {
			case CHANGE_JOINED:
			case CHANGE_LEFT:
				p = digest_person_of(k == CHANGE_JOINED ? x->cur : old, c->slug);
				if (p && *p->reports_to)
					e = fmt("reports to %s", p->reports_to);
				grid_row(&g, w, p ? p->role : NULL, e);
				break;
			case CHANGE_RENAMED:
				p = digest_person_of(x->cur, c->slug);
				free(w);
				w = fmt("%s \u2192 %s", c->old_value, c->new_value);
				b = p && *p->gitlab ? fmt("(%s, @%s)", or_none(c->name, c->slug),
							  p->gitlab[0] == '@' ? p->gitlab + 1 : p->gitlab)
						    : fmt("(%s)", or_none(c->name, c->slug));
				grid_row(&g, w, b, NULL);
				break;
			case CHANGE_MOVED:
				b = fmt("reports to %s \u2192 %s", or_none(c->old_value, "nobody"),
					or_none(c->new_value, "nobody"));
				grid_row(&g, w, b, NULL);
				break;
			default:
				b = fmt("%s \u2192 %s", or_none(c->old_value, "(none)"),
					or_none(c->new_value, "(none)"));
				grid_row(&g, w, b, NULL);
			}
			free(w);
			free(b);
			free(e);
		}
		grid_print(&g, out);
	}
	/* group moves: by person, then group */
	size_t ng = cl->count[CHANGE_GROUP_ENTERED] + cl->count[CHANGE_GROUP_LEFT];
	size_t nt = cl->count[CHANGE_TABLE_EMPTIED] + cl->count[CHANGE_TABLE_LOST_MANAGER];
	const change **v = malloc((cl->n + 1) * sizeof(*v));
	if (!v)
		return;
	size_t k = 0;
	for (size_t i = 0; i < cl->n; i++)
		if (cl->v[i].kind == CHANGE_GROUP_ENTERED || cl->v[i].kind == CHANGE_GROUP_LEFT)
			v[k++] = &cl->v[i];
	qsort(v, k, sizeof(*v), cmp_group_move);
	heading(out, "Group moves", ng);
	for (size_t i = 0; i < k; i++) {
		const change *c = v[i];
		char *w = who(c->name, c->slug);
		char *b = fmt("%s %s (%s)", c->kind == CHANGE_GROUP_LEFT ? "left" : "entered",
			      or_none(c->group_name, c->group), table_kind_word(c->table));
		char *at = where(x, c);
		grid_row(&g, w, b, at);
		free(w);
		free(b);
		free(at);
	}
	grid_print(&g, out);
	k = 0;
	for (size_t i = 0; i < cl->n; i++)
		if (cl->v[i].kind == CHANGE_TABLE_EMPTIED ||
		    cl->v[i].kind == CHANGE_TABLE_LOST_MANAGER)
			v[k++] = &cl->v[i];
	qsort(v, k, sizeof(*v), cmp_table_change);
	heading(out, "Tables", nt);
	for (size_t i = 0; i < k; i++) {
		const change *c = v[i];
		char *at = where(x, c);
		char *call = *or_none(c->manager, "")
				 ? fmt("%s \"%s\"", c->shortcode, c->manager)
				 : fmt("%s", c->shortcode);
		char *line = fmt("%s: the %s table of %s (%s) %s (%s)", at ? at : "",
				 table_kind_word(c->table), or_none(c->group_name, c->group),
				 c->group,
				 c->kind == CHANGE_TABLE_EMPTIED ? "is empty now"
								 : "no longer shows its manager row",
				 call ? call : "");
		grid_row(&g, line, NULL, NULL);
		free(at);
		free(call);
		free(line);
	}
	grid_print(&g, out);
	free(v);
}

/* ------------------------------------------------------------ JSON */

static cJSON *jstr(const char *s)
{
	return out_json_str(s, SANITIZE_LINE);
}

static cJSON *jhash(uint64_t h)
{
	char buf[17];
	snprintf(buf, sizeof(buf), "%016" PRIx64, h);
	return cJSON_CreateString(buf);
}

static cJSON *jtime(time_t t)
{
	char buf[64];
	iso_time(t, buf, sizeof(buf));
	return cJSON_CreateString(buf);
}

static cJSON *jversion(const struct ctx *x, const struct cand *t)
{
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	long of, pos = position(x, t, &of);
	out_json_add(o, "version", pos ? cJSON_CreateNumber((double)pos) : cJSON_CreateNull());
	out_json_add(o, "of", cJSON_CreateNumber((double)of));
	out_json_add(o, "when", jtime(t->when));
	out_json_add(o, "source", cJSON_CreateString(t->history ? "synced" : "recorded"));
	out_json_add(o, "stamp", t->history ? cJSON_CreateString(x->hist[t->i].stamp)
				   : cJSON_CreateNull());
	out_json_add(o, "hash", jhash(t->hash));
	return o;
}

static cJSON *jchange(const struct ctx *x, const digest *old, const change *c)
{
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	bool table = c->kind == CHANGE_TABLE_EMPTIED || c->kind == CHANGE_TABLE_LOST_MANAGER;
	out_json_add(o, "kind", cJSON_CreateString(change_kind_name(c->kind)));
	out_json_add(o, "slug", jstr(c->slug));
	out_json_add(o, "name", jstr(c->name));
	out_json_add(o, "old", jstr(c->old_value));
	out_json_add(o, "new", jstr(c->new_value));
	out_json_add(o, "group", jstr(c->group));
	out_json_add(o, "group_name", jstr(c->group_name));
	out_json_add(o, "table", c->group ? cJSON_CreateString(table_kind_word(c->table))
				 : cJSON_CreateNull());
	char *path = c->file ? check_path(x->in, c->file, x->cwd) : NULL;
	out_json_add(o, "file", jstr(path));
	free(path);
	out_json_add(o, "line", c->file ? cJSON_CreateNumber(c->line) : cJSON_CreateNull());
	if (c->kind == CHANGE_JOINED || c->kind == CHANGE_LEFT) {
		const digest_person *p =
		    digest_person_of(c->kind == CHANGE_JOINED ? x->cur : old, c->slug);
		out_json_add(o, "role", jstr(p ? p->role : NULL));
		out_json_add(o, "reports_to", jstr(p && *p->reports_to ? p->reports_to : NULL));
		out_json_add(o, "gitlab", jstr(p && *p->gitlab ? p->gitlab : NULL));
	}
	if (table) {
		out_json_add(o, "shortcode", jstr(c->shortcode));
		out_json_add(o, "manager", jstr(c->manager && *c->manager ? c->manager : NULL));
	}
	return o;
}

static bool print_json(const struct ctx *x, const struct cand *t, const digest *old,
		       const change_list *cl)
{
	cJSON *doc = cJSON_CreateObject();
	if (!doc)
		return false;
	out_json_add(doc, "since", t ? jversion(x, t) : cJSON_CreateNull());
	cJSON *until = cJSON_CreateObject();
	if (until) {
		out_json_add(until, "when", jtime(x->now));
		out_json_add(until, "hash", jhash(x->cur->hash));
	}
	out_json_add(doc, "until", until);
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; a && cl && i < cl->n; i++)
		cJSON_AddItemToArray(a, jchange(x, old, &cl->v[i]));
	out_json_add(doc, "changes", a);
	cJSON *counts = cJSON_CreateObject();
	for (int k = 0; counts && k < CHANGE_NKINDS; k++)
		out_json_add(counts, change_kind_name((change_kind)k),
		    cJSON_CreateNumber(cl ? (double)cl->count[k] : 0));
	out_json_add(doc, "counts", counts);
	char *s = cJSON_Print(doc);
	cJSON_Delete(doc);
	if (!s)
		return false;
	fputs(s, x->out);
	fputc('\n', x->out);
	cJSON_free(s);
	return true;
}

/* ------------------------------------------------------------ the command */

static int usage(const char *since)
{
	char *s = sanitize(since, SANITIZE_VISIBLE);
	fprintf(stderr,
		"teamtui: --since takes a date (YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS][Z], "
		"yesterday, Nh, Nd, Nw) or a version (N back, or a sync stamp such as "
		"20261130T150203Z), not '%s'\nTry 'teamtui --help'.\n",
		s ? s : "");
	free(s);
	return CLI_USAGE;
}

int cli_changes_check_since(const char *since)
{
	struct since sn;
	return parse_since(since, digeststore_now(), &sn) ? CLI_OK : usage(since);
}

/* The version to compare with, per --since; NULL when there is none (said
 * on stderr). *rc is set when that is an error. */
static struct cand *choose(struct ctx *x, const struct since *sn, const char *since,
			   int *rc)
{
	*rc = CLI_OK;
	bool short_ = false;
	struct cand *t = NULL;
	char when[64];
	switch (sn->kind) {
	case SINCE_NONE: {
		long looked = x->s ? digeststore_looked(x->s, NULL) : -1;
		for (size_t i = 0; looked >= 0 && i < x->n && !t; i++)
			if (!x->c[i].history && x->c[i].i == (size_t)looked && load(x, &x->c[i]))
				t = &x->c[i];
		if (!t)
			t = nth(x, 1, &short_);
		break;
	}
	case SINCE_NUMBER:
		t = nth(x, sn->n, &short_);
		if (t && short_) {
			long of;
			position(x, t, &of);
			local_time(t->when, when, sizeof(when));
			fprintf(stderr, "teamtui: changes: no version %ld, only %ld; comparing "
					"with the oldest, %s\n",
				sn->n, of, when);
		}
		break;
	case SINCE_STAMP: {
		size_t found = 0;
		size_t len = strlen(sn->stamp);
		for (size_t i = 0; i < x->n; i++)
			if (x->c[i].history &&
			    !strncmp(x->hist[x->c[i].i].stamp, sn->stamp, len) && found++ == 0)
				t = &x->c[i];
		if (!found) {
			say(x->ddir ? "no synced version %s (teamtui sync keeps them)"
				    : "no synced version %s: this roster's people are not the "
				      "synced data's",
			    since);
			*rc = CLI_FAIL;
			return NULL;
		}
		if (found > 1) {
			say("%s names several synced versions; give more of the stamp", since);
			*rc = CLI_FAIL;
			return NULL;
		}
		if (!load(x, t)) {
			*rc = CLI_FAIL;
			return NULL;
		}
		return t;
	}
	case SINCE_DATE:
		for (size_t i = 0; i < x->n && !t; i++)
			if (x->c[i].when <= sn->t && load(x, &x->c[i]))
				t = &x->c[i];
		for (size_t i = x->n; !t && i-- > 0;)
			if (load(x, &x->c[i])) {
				t = &x->c[i];
				local_time(t->when, when, sizeof(when));
				char *d = sanitize(since, SANITIZE_VISIBLE);
				fprintf(stderr,
					"teamtui: changes: no version as old as %s; comparing with "
					"the oldest, %s\n",
					d ? d : "", when);
				free(d);
			}
		break;
	}
	if (!t)
		fputs("teamtui: changes: no earlier version of this roster yet: versions "
		      "are recorded each time teamtui loads it\n",
		      stderr);
	return t;
}

int cli_changes(FILE *out, const roster_input *in, const roster *r, resolver *rs,
		const char *since, bool json, diag_list *d)
{
	/* (the loads of history versions report nothing) */
	struct ctx x = {.out = out, .in = in, .now = digeststore_now()};
	struct since sn;
	if (!parse_since(since, x.now, &sn))
		return usage(since);
	x.cur = digest_of(r, rs);
	if (!x.cur) {
		fputs("teamtui: out of memory\n", stderr);
		return CLI_FAIL;
	}
	char err[1024];
	x.s = digeststore_open(in, err, sizeof(err));
	if (!x.s)
		say("warning: versions are not kept: %s", err);
	else if (*digeststore_warning(x.s))
		say("warning: %s", digeststore_warning(x.s));
	/* a roster that did not load whole is no version of the organisation:
	 * what could not be read would count as left, then as joined again */
	if (d->errors)
		say("warning: the roster has errors (teamtui check): what could not be "
		    "read counts as left, and this version is not recorded%s", "");
	x.cwd = check_cwd();
	int rc = CLI_OK;
	if (!gather(&x, r)) {
		fputs("teamtui: out of memory\n", stderr);
		rc = CLI_FAIL;
		goto done;
	}
	struct cand *t = choose(&x, &sn, since, &rc);
	change_list cl = {0};
	bool have = t && t->d && changes_between(t->d, x.cur, &cl);
	if (t && !have) {
		fputs("teamtui: out of memory\n", stderr);
		rc = CLI_FAIL;
	} else if (json && (t || rc == CLI_OK)) {
		if (!print_json(&x, t, t ? t->d : NULL, have ? &cl : NULL))
			rc = CLI_FAIL;
	} else if (t) {
		char when[64], header[256];
		long of, pos = position(&x, t, &of);
		local_time(t->when, when, sizeof(when));
		char ver[128];
		if (pos)
			snprintf(ver, sizeof(ver), " (version %ld of %ld%s%s)", pos, of,
				 t->history ? ", synced " : "",
				 t->history ? x.hist[t->i].stamp : "");
		else
			snprintf(ver, sizeof(ver), " (the current version)");
		snprintf(header, sizeof(header), "%s since %s%s", cl.n ? "Changes" : "No changes",
			 when, ver);
		print_text(&x, t->d, &cl, header);
	}
	if (have)
		changes_free(&cl);
	/* this version, for next time (after the answer: never instead of it) */
	if (x.s && !d->errors && !digeststore_record_digest(x.s, r, x.cur, err, sizeof(err)))
		say("warning: cannot record this version: %s", err);
done:
	for (size_t i = 0; i < x.n; i++)
		digest_free(x.c[i].d);
	free(x.c);
	datadir_versions_free(x.hist, x.nhist);
	digeststore_close(x.s);
	digest_free(x.cur);
	free(x.cwd);
	return rc;
}

/* handbook.c: a handbook checkout's pages, tables and data as a roster. */
#include "teamtui/handbook.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "teamtui/page.h"
#include "teamtui/redirects.h"
#include "teamtui/shortcode.h"
#include "teamtui/stages.h"
#include "teamtui/table.h"
#include "teamtui/inputs.h"

enum {
	PAGE_MAX_BYTES = 16 * 1024 * 1024, /* a bigger page is skipped */
	PAGE_MAX_DEPTH = 32,
};

static const char HANDBOOK_SITE[] = "https://handbook.gitlab.com";

static bool is_dir(const char *path)
{
	struct stat st;
	return inputs_stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_file(const char *path)
{
	struct stat st;
	return inputs_stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

bool handbook_is_checkout(const char *dir)
{
	char *p = yload_join(dir, "content/handbook");
	bool yes = p && is_dir(p);
	free(p);
	return yes;
}

/* Is dir/name a regular file? */
static bool has_file(const char *dir, const char *name)
{
	char *p = dir ? yload_join(dir, name) : NULL;
	bool yes = p && is_file(p);
	free(p);
	return yes;
}

bool handbook_is_data_dir(const char *dir)
{
	return has_file(dir, "team.yml") && has_file(dir, "stages.yml") &&
	       !has_file(dir, "groups.yml") && !handbook_is_checkout(dir);
}

static void people_from(yload *c, const char *x, const char *shown,
			people_buf *out)
{
	struct stat st;
	if (inputs_stat(x, &st) != 0) {
		diag_add(c->diags, DIAG_ERROR, shown, 0, 0, "people: %s",
			 strerror(errno));
		return;
	}
	if (S_ISREG(st.st_mode)) {
		people_load_list(c, x, shown, out);
		return;
	}
	static const char *const tries[] = {"team.yml", "team_members",
					    "data/team_members", NULL};
	for (const char *const *t = tries; S_ISDIR(st.st_mode) && *t; t++) {
		char *p = yload_join(x, *t);
		bool list = !strcmp(*t, "team.yml");
		if (p && (list ? is_file(p) : is_dir(p))) {
			if (list) {
				people_load_list(c, p, arena_intern(c->model, p, strlen(p)),
						 out);
			} else {
				p[strlen(p) - strlen("/team_members")] = '\0';
				people_load_tree(c, *p ? p : ".", out);
			}
			free(p);
			return;
		}
		free(p);
	}
	/* x is the team_members directory itself */
	size_t n = strlen(x);
	while (n > 1 && x[n - 1] == '/')
		n--;
	if (S_ISDIR(st.st_mode) && n >= 12 && !strncmp(x + n - 12, "team_members", 12) &&
	    (n == 12 || x[n - 13] == '/')) {
		char *parent = strndup(x, n - 12);
		if (parent)
			people_load_tree(c, *parent ? parent : ".", out);
		free(parent);
		return;
	}
	diag_add(c->diags, DIAG_ERROR, shown, 0, 0,
		 "people: not a team.yml, a directory holding team.yml or "
		 "team_members/, or a www-gitlab-com checkout");
}

void handbook_load_people(yload *c, const roster_input *src, people_buf *out)
{
	size_t errors = c->diags->errors;
	if (!src->people && !handbook_is_checkout(src->dir)) {
		/* a data directory (handbook_is_data_dir): its own team.yml */
		char *p = yload_join(src->dir, "team.yml");
		if (p)
			people_load_list(c, p, "team.yml", out);
		free(p);
	} else if (!src->people) {
		char *p = yload_join(src->dir, "data/public/team.yml");
		char *s = src->synced ? yload_join(src->synced, "team.yml") : NULL;
		if (p && is_file(p))
			people_load_list(c, p, "data/public/team.yml", out);
		else if (s && is_file(s)) /* what `teamtui sync` fetched */
			people_load_list(c, s, arena_intern(c->model, s, strlen(s)), out);
		else if (p)
			diag_add(c->diags, DIAG_ERROR, "data/public/team.yml", 0, 0,
				 "no people: data/public/ is filled by the handbook's "
				 "`make sync-data`, or run `teamtui sync`; or give --people "
				 "PATH (a team.yml, a team_members/ tree or a www-gitlab-com "
				 "checkout)");
		free(p);
		free(s);
	} else {
		const char *shown = arena_intern(c->model, src->people,
						 strlen(src->people));
		people_from(c, src->people, shown, out);
		if (!out->n && c->diags->errors == errors)
			diag_add(c->diags, DIAG_ERROR, shown, 0, 0,
				 "people: nobody in it");
	}
}

/* ------------------------------------------------------------ pages */

struct page_group {
	const char *file;  /* content/handbook/... */
	const char *url;   /* /handbook/.../ */
	page_text text;
	people_table *tables;
	size_t ntables;
	int first_line;
	const product_group *product; /* matched stages.yml group */
};

struct ctx {
	yload *c;
	roster *r;
	const char *root;
	table_regexes rx;
	struct page_group *pages;
	size_t npages, cap;
	char **paths;
	size_t npaths, pcap;
	const char **urls; /* every page's URL path, for the stale-path lint */
	size_t nurls;
};

static void report(void *vx, srcloc at, const char *fmt, ...)
{
	struct ctx *x = vx;
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* a page Hugo would not build is a warning: the rest still loads */
	diag_add(x->c->diags, DIAG_WARNING, at.file, at.line, at.col, "%s", msg);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every .md file under content/handbook/, relative to the checkout root.
 * Linked directories are not followed (a loop or a walk out of the
 * checkout); linked files are read. */
static void walk(struct ctx *x, const char *rel, int depth)
{
	char *abs = yload_join(x->root, rel);
	struct stat dst; /* its entries' names: noted for the snapshot */
	DIR *d = abs && inputs_stat(abs, &dst) == 0 ? opendir(abs) : NULL;
	if (!d) {
		if (abs)
			diag_add(x->c->diags, DIAG_WARNING,
				 arena_intern(x->c->model, rel, strlen(rel)), 0, 0,
				 "cannot read: %s", strerror(errno));
		free(abs);
		return;
	}
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char *sub = yload_join(rel, e->d_name), *full = yload_join(abs, e->d_name);
		struct stat st;
		if (sub && full && lstat(full, &st) == 0) {
			size_t n = strlen(e->d_name);
			if (S_ISDIR(st.st_mode) && depth < PAGE_MAX_DEPTH) {
				walk(x, sub, depth + 1);
			} else if (n > 3 && !strcmp(e->d_name + n - 3, ".md") &&
				   (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode))) {
				if (x->npaths == x->pcap) {
					size_t cap = x->pcap ? x->pcap * 2 : 256;
					char **v = realloc(x->paths, cap * sizeof(*v));
					if (!v)
						goto next;
					x->paths = v;
					x->pcap = cap;
				}
				x->paths[x->npaths++] = sub;
				sub = NULL;
			}
		}
next:
		free(sub);
		free(full);
	}
	closedir(d);
	free(abs);
}

/* Read a whole file (regular files only, up to PAGE_MAX_BYTES). */
static char *slurp(struct ctx *x, const char *rel, const char *shown,
		   size_t *len)
{
	char *abs = yload_join(x->root, rel);
	const char *why = NULL;
	int fd = abs ? yload_open(abs, &why) : -1;
	free(abs);
	if (fd < 0) {
		diag_add(x->c->diags, DIAG_WARNING, shown, 0, 0, "cannot read: %s",
			 why ? why : strerror(errno));
		return NULL;
	}
	struct stat st;
	char *buf = NULL;
	if (fstat(fd, &st) == 0 && st.st_size > PAGE_MAX_BYTES) {
		diag_add(x->c->diags, DIAG_WARNING, shown, 0, 0,
			 "page over %d MB; skipped", PAGE_MAX_BYTES >> 20);
		close(fd);
		return NULL;
	}
	size_t cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 4096, n = 0;
	buf = malloc(cap);
	while (buf) {
		if (n + 1 >= cap) {
			char *g = cap < PAGE_MAX_BYTES + 2 ? realloc(buf, cap * 2) : NULL;
			if (!g) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = g;
			cap *= 2;
		}
		ssize_t k = read(fd, buf + n, cap - n - 1);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		n += (size_t)k;
	}
	close(fd);
	if (buf)
		buf[n] = '\0';
	*len = n;
	return buf;
}

/* content/handbook/a/b/_index.md -> /handbook/a/b/ ; a/b/c.md -> /handbook/a/b/c/ */
static const char *page_url(struct ctx *x, const char *file)
{
	const char *p = file + strlen("content");
	size_t n = strlen(p) - 3; /* without .md */
	const char *base = p + n;
	while (base > p && base[-1] != '/')
		base--;
	size_t blen = (size_t)(p + n - base);
	if ((blen == 6 && !strncmp(base, "_index", 6)) ||
	    (blen == 5 && !strncmp(base, "index", 5)))
		n = (size_t)(base - p);
	char *s = redirects_slashed(p, n);
	if (!s)
		return NULL;
	const char *out = arena_intern(x->c->model, s, strlen(s));
	free(s);
	return out;
}

static const char *hdup(struct ctx *x, const char *s)
{
	return s ? arena_intern(x->c->model, s, strlen(s)) : NULL;
}

static bool add_table(struct ctx *x, struct page_group *pg, const sc_call *call,
		      table_kind kind, const char *file)
{
	people_table *t = &pg->tables[pg->ntables];
	memset(t, 0, sizeof(*t));
	t->kind = kind;
	t->shortcode = hdup(x, call->name);
	t->named = call->named;
	t->loc = (srcloc){file, call->line, call->col};
	t->params = arena_calloc(x->c->model, call->nparams + 1, sizeof(table_param));
	if (!t->params)
		return false;
	for (size_t i = 0; i < call->nparams; i++) {
		const sc_param *p = &call->params[i];
		t->params[t->nparams++] = (table_param){
		    hdup(x, p->name), hdup(x, p->value), p->type == SC_STRING,
		    p->quoted, (srcloc){file, p->line, p->col}};
	}
	const page_heading *h = page_heading_at(&pg->text, call->line);
	t->heading = h ? hdup(x, h->text) : NULL;
	if (!table_decode(t, x->c->model, &x->rx, report, x))
		return false;
	pg->ntables++;
	return true;
}

static bool has_call_start(const char *s, size_t n)
{
	for (const char *p = s; (p = memchr(p, '{', (size_t)(s + n - p)));) {
		if (p + 2 < s + n && p[1] == '{' && (p[2] == '<' || p[2] == '%'))
			return true;
		p++;
	}
	return false;
}

/* " (the call opened at L:C)" when the lexer stopped inside a call that
 * opened on an earlier line: the last "{{<" or "{{%" before `at` with no
 * closing delimiter between. Lines end at \n, \r\n or \r; columns count
 * characters, as everywhere. */
static void call_start(const char *text, size_t len, size_t at, int at_line,
		       char *out, size_t size)
{
	if (at > len)
		at = len;
	size_t open = SIZE_MAX;
	for (size_t i = at; i-- > 0;) {
		if (i + 2 < at && text[i + 1] == '}' && text[i + 2] == '}' &&
		    (text[i] == '>' || text[i] == '%'))
			return; /* a call closed after the last opening */
		if (i + 2 < len && text[i] == '{' && text[i + 1] == '{' &&
		    (text[i + 2] == '<' || text[i + 2] == '%')) {
			open = i;
			break;
		}
	}
	if (open == SIZE_MAX)
		return;
	int line = 1, col = 1;
	for (size_t i = 0; i < open; i++) {
		if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= len || text[i + 1] != '\n'))) {
			line++;
			col = 1;
		} else if (((unsigned char)text[i] & 0xC0) != 0x80 && text[i] != '\r') {
			col++;
		}
	}
	if (line != at_line)
		snprintf(out, size, " (the call opened at %d:%d)", line, col);
}

static void read_page(struct ctx *x, const char *rel)
{
	const char *file = hdup(x, rel);
	size_t len = 0;
	char *text = slurp(x, rel, file, &len);
	if (!text)
		return;
	if (!has_call_start(text, len)) {
		free(text);
		return;
	}
	arena *scratch = arena_new();
	sc_page sp;
	if (!scratch || !shortcode_scan(text, len, 1, scratch, &sp)) {
		arena_free(scratch);
		free(text);
		return;
	}
	if (sp.failed) {
		/* Hugo quotes the text up to the line's end: not its newline */
		char msg[400];
		snprintf(msg, sizeof(msg), "%s", sp.error ? sp.error : "?");
		for (char *q = msg; *q; q++)
			if (*q == '\n' || *q == '\r')
				memmove(q, q + 1, strlen(q)), q--;
		char opened[64] = "";
		call_start(text, len, sp.error_offset, sp.error_line, opened,
			   sizeof(opened));
		diag_add(x->c->diags, DIAG_WARNING, file, sp.error_line,
			 sp.error_col, "Hugo cannot build this page: %s%s; the rest of "
			 "the page is not read", msg, opened);
	}
	size_t n = 0;
	table_kind k;
	for (size_t i = 0; i < sp.ncalls; i++)
		n += !sp.calls[i].closing && table_kind_of(sp.calls[i].name, &k);
	if (n && (x->npages < x->cap ||
		  (x->pages = realloc(x->pages, (x->cap = x->cap ? x->cap * 2 : 64) *
							  sizeof(*x->pages))))) {
		struct page_group *pg = &x->pages[x->npages];
		memset(pg, 0, sizeof(*pg));
		pg->file = file;
		pg->url = page_url(x, rel);
		pg->tables = arena_calloc(x->c->model, n, sizeof(people_table));
		if (pg->url && pg->tables &&
		    page_read(file, text, len, x->c->model, x->c->diags, &pg->text)) {
			for (size_t i = 0; i < sp.ncalls; i++)
				if (!sp.calls[i].closing &&
				    table_kind_of(sp.calls[i].name, &k))
					add_table(x, pg, &sp.calls[i], k, file);
			pg->first_line = pg->ntables ? pg->tables[0].loc.line : 1;
			x->npages++;
		}
	} else if (n) {
		x->cap = 0; /* realloc failed: x->pages is gone */
		x->npages = 0;
	}
	arena_free(scratch);
	free(text);
}

/* ------------------------------------------------------------ matching */

/* A stages.yml `handbook` value as a site path: "/handbook/x/y/". It may
 * be relative to /handbook/, start with '/', be a full URL, or carry an
 * #anchor. NULL for something else (malloc'd). */
static char *handbook_path(const char *v)
{
	const char *p = v;
	const char *scheme = strstr(p, "://");
	if (scheme) {
		p = strchr(scheme + 3, '/');
		if (!p)
			return strdup("/");
	}
	while (*p == '/')
		p++;
	size_t n = strcspn(p, "#?");
	bool rooted = !strncmp(p, "handbook/", 9) || (n == 8 && !strncmp(p, "handbook", 8));
	size_t size = n + 16;
	char *s = malloc(size);
	if (!s)
		return NULL;
	snprintf(s, size, "/%s%.*s", rooted ? "" : "handbook/", (int)n, p);
	n = strlen(s);
	if (s[n - 1] != '/')
		s[n++] = '/', s[n] = '\0';
	return s;
}

static bool page_has_alias(const struct page_group *pg, const char *path)
{
	for (size_t i = 0; i < pg->text.naliases; i++) {
		char *a = handbook_path(pg->text.aliases[i]);
		bool hit = a && !strcmp(a, path);
		free(a);
		if (hit)
			return true;
	}
	return false;
}

static bool page_has_label(const struct page_group *pg, const char *label)
{
	for (size_t i = 0; i < pg->text.nlabels; i++)
		if (!strcmp(pg->text.labels[i], label))
			return true;
	return false;
}

static bool page_uses_tag(const struct page_group *pg, const strlist *tags)
{
	for (size_t t = 0; t < pg->ntables; t++) {
		const people_table *pt = &pg->tables[t];
		for (size_t i = 0; i < tags->n; i++) {
			const char *tag = tags->v[i];
			for (size_t d = 0; d < pt->departments.n; d++)
				if (!strcmp(pt->departments.v[d], tag))
					return true;
			if ((pt->team && !strcmp(pt->team->source, tag)) ||
			    (pt->role && !strcmp(pt->role->source, tag)))
				return true;
		}
	}
	return false;
}

static int cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Is url the URL path of a page of the checkout (with or without a table,
 * or an alias of one with a table)? */
static bool known_url(const struct ctx *x, const char *url)
{
	if (bsearch(&url, x->urls, x->nurls, sizeof(char *), cmp_cstr))
		return true;
	for (size_t i = 0; i < x->npages; i++)
		if (page_has_alias(&x->pages[i], url))
			return true;
	return false;
}

/* A stages.yml `handbook` value that points into the handbook: a path,
 * or a URL on handbook.gitlab.com (or about.gitlab.com/handbook/). */
static bool handbook_site(const char *v)
{
	const char *s = strstr(v, "://");
	if (!s)
		return true;
	s += 3;
	return !strncmp(s, "handbook.gitlab.com/", 20) ||
	       !strncmp(s, "about.gitlab.com/handbook/", 26);
}

static void match_pages(struct ctx *x, const product_data *pd,
			const redirects *rd)
{
	bool *taken = calloc(pd->ngroups + 1, sizeof(bool));
	if (!taken)
		return;
	/* 1: the group's handbook path, after redirects and aliases */
	for (size_t g = 0; g < pd->ngroups; g++) {
		const product_group *pg = &pd->groups[g];
		char *path = pg->handbook ? handbook_path(pg->handbook) : NULL;
		char *moved = path ? redirects_follow(rd, path) : NULL;
		for (size_t i = 0; moved && i < x->npages && !taken[g]; i++) {
			struct page_group *p = &x->pages[i];
			if (!strcmp(p->url, moved) || !strcmp(p->url, path) ||
			    page_has_alias(p, moved) || page_has_alias(p, path)) {
				if (p->product) { /* a page is one group's */
					diag_add(x->c->diags, DIAG_WARNING,
						 pg->handbook_loc.file, pg->handbook_loc.line,
						 pg->handbook_loc.col,
						 "group '%s' names the page of group '%s' (%s); "
						 "the page stays '%s''s",
						 pg->key, p->product->key, p->file,
						 p->product->key);
					taken[g] = true;
					break;
				}
				p->product = pg;
				taken[g] = true;
			}
		}
		if (moved && !taken[g] && x->nurls && !known_url(x, moved) &&
		    !known_url(x, path) && handbook_site(pg->handbook))
			diag_add(x->c->diags, DIAG_WARNING, pg->handbook_loc.file,
				 pg->handbook_loc.line, pg->handbook_loc.col,
				 strcmp(path, moved)
				     ? "handbook path '%s' names no page of the checkout "
				       "(layouts/index.redirects moves it to '%s')"
				     : "handbook path '%s' names no page of the checkout%s",
				 pg->handbook, strcmp(path, moved) ? moved : "");
		free(path);
		free(moved);
	}
	/* 2: the group's label on the page; 3: a team tag used by a table */
	for (int pass = 0; pass < 2; pass++)
		for (size_t g = 0; g < pd->ngroups; g++) {
			const product_group *pg = &pd->groups[g];
			char *label = pass == 0 ? stages_group_label(pg) : NULL;
			for (size_t i = 0; !taken[g] && i < x->npages; i++) {
				struct page_group *p = &x->pages[i];
				if (p->product)
					continue;
				if (pass == 0 ? label && page_has_label(p, label)
					      : page_uses_tag(p, &pg->team_tags)) {
					p->product = pg;
					taken[g] = true;
				}
			}
			free(label);
		}
	free(taken);
}

/* ------------------------------------------------------------ groups */

struct sbuf {
	const char **v;
	size_t n, cap;
};

static void sbuf_add(struct ctx *x, struct sbuf *b, const char *s, size_t len)
{
	if (!s || !len)
		return;
	for (size_t i = 0; i < b->n; i++)
		if (strlen(b->v[i]) == len && !strncmp(b->v[i], s, len))
			return;
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 16;
		const char **v = realloc(b->v, cap * sizeof(*v));
		if (!v)
			return;
		b->v = v;
		b->cap = cap;
	}
	const char *in = arena_intern(x->c->model, s, len);
	if (in)
		b->v[b->n++] = in;
}

static void sbuf_add_owned(struct ctx *x, struct sbuf *b, char *s)
{
	if (s)
		sbuf_add(x, b, s, strlen(s));
	free(s);
}

static strlist sbuf_finish(struct ctx *x, struct sbuf *b)
{
	strlist l = {arena_calloc(x->c->model, b->n + 1, sizeof(char *)), 0};
	if (l.v && b->n) {
		memcpy(l.v, b->v, b->n * sizeof(char *));
		l.n = b->n;
	}
	free(b->v);
	*b = (struct sbuf){0};
	return l;
}

static const product_stage *find_pstage(const product_data *pd, const char *key)
{
	for (size_t i = 0; key && i < pd->nstages; i++)
		if (!strcmp(pd->stages[i].key, key))
			return &pd->stages[i];
	return NULL;
}

static const stage *find_stage(const roster *r, const char *id)
{
	for (size_t i = 0; id && i < r->nstages; i++)
		if (!strcmp(r->stages[i].id, id))
			return &r->stages[i];
	return NULL;
}

static const product_category *find_category(const product_data *pd,
					     const char *key)
{
	for (size_t i = 0; i < pd->ncategories; i++)
		if (!strcmp(pd->categories[i].key, key))
			return &pd->categories[i];
	return NULL;
}

static const person *by_name(const roster *r, const char *name)
{
	for (size_t i = 0; i < r->npeople; i++)
		if (r->people[i].name && !strcmp(r->people[i].name, name))
			return &r->people[i];
	const char *h = name[0] == '@' ? name + 1 : name;
	for (size_t i = 0; i < r->npeople; i++)
		if (r->people[i].gitlab && !strcmp(r->people[i].gitlab, h))
			return &r->people[i];
	return NULL;
}

static char *with_prefix(const char *prefix, const char *s)
{
	size_t n = strlen(prefix) + strlen(s) + 1;
	char *out = malloc(n);
	if (out)
		snprintf(out, n, "%s%s",
			 strncmp(s, prefix, strlen(prefix)) ? prefix : "", s);
	return out;
}

/* The OKR project and labels of a page link to GitLab's OKR issues
 * ("https://gitlab.com/gitlab-com/gitlab-OKRs/-/issues?label_name[]=..."
 * or .../work_items?...): the project is the link's path before "/-/"; the
 * labels are the page's group:: labels (page.c reads a link's label_name[]
 * values among the page's labels). */
static void okrs_from_links(struct ctx *x, const page_text *pt, group *g)
{
	for (size_t i = 0; i < pt->nlinks; i++) {
		const char *u = pt->links[i].url;
		const char *host = strstr(u, "://");
		const char *path = host ? strchr(host + 3, '/') : NULL;
		const char *end = path ? strstr(path, "/-/") : NULL;
		if (!end || end <= path + 1)
			continue;
		const char *project = arena_strndup(x->c->model, path + 1,
						    (size_t)(end - path - 1));
		if (!project || !strstr(project, "gitlab-OKRs"))
			continue;
		g->okrs.project = project;
		g->okrs.kind = strstr(end, "work_items") ? "work_items" : "issues";
		struct sbuf lb = {0};
		for (size_t k = 0; k < pt->nlabels; k++)
			if (!strncmp(pt->labels[k], "group::", 7))
				sbuf_add(x, &lb, pt->labels[k], strlen(pt->labels[k]));
		g->okrs.labels = sbuf_finish(x, &lb);
		return;
	}
}

static void fill_from_product(struct ctx *x, const product_data *pd,
			      const product_group *pg, group *g,
			      struct sbuf *ch, struct sbuf *lb)
{
	roster *r = x->r;
	g->id = pg->key;
	g->name = pg->name;
	g->stage_id = pg->stage_key;
	g->stage = find_stage(r, pg->stage_key);
	if (!g->description)
		g->description = pg->description;
	const product_stage *ps = find_pstage(pd, pg->stage_key);
	if (pg->slack_channel)
		sbuf_add_owned(x, ch, with_prefix("#", pg->slack_channel));
	if (pg->slack_alias)
		sbuf_add_owned(x, ch, with_prefix("@", pg->slack_alias));
	sbuf_add_owned(x, lb, stages_group_label(pg));
	if (ps)
		sbuf_add_owned(x, lb, stages_stage_label(ps));
	for (size_t i = 0; i < pg->categories.n; i++) {
		const product_category *pc = find_category(pd, pg->categories.v[i]);
		if (pc)
			sbuf_add_owned(x, lb, stages_category_label(pc));
	}
	g->staff = pg->nstaff ? arena_calloc(r->arena, pg->nstaff, sizeof(staff_entry))
			      : NULL;
	for (size_t i = 0; g->staff && i < pg->nstaff; i++) {
		g->staff[g->nstaff] = pg->staff[i];
		g->staff[g->nstaff++].person = by_name(r, pg->staff[i].name);
	}
	if (!g->loc.file)
		g->loc = pg->loc;
}

static void add_link(struct ctx *x, group_link *links, size_t *n,
		     const char *title, const char *url)
{
	if (!url)
		return;
	for (size_t i = 0; i < *n; i++)
		if (!strcmp(links[i].url, url))
			return;
	links[(*n)++] = (group_link){hdup(x, title), hdup(x, url)};
}

static void build_group(struct ctx *x, const product_data *pd,
			struct page_group *pg, const product_group *prod,
			group *g)
{
	roster *r = x->r;
	struct sbuf ch = {0}, lb = {0};
	size_t nl = (pg ? pg->text.nlinks : 0) + 5;
	g->links = arena_calloc(r->arena, nl, sizeof(group_link));
	if (pg) {
		g->page = pg->file;
		g->loc = (srcloc){pg->file, pg->first_line, 1};
		g->name = pg->text.title ? pg->text.title : pg->url;
		g->description = pg->text.description;
		size_t n = strlen(HANDBOOK_SITE) + strlen(pg->url) + 1;
		char *full = malloc(n);
		if (full)
			snprintf(full, n, "%s%s", HANDBOOK_SITE, pg->url);
		g->handbook = hdup(x, full);
		free(full);
		/* the page's path under content/handbook/ is the id */
		const char *id = pg->url + strlen("/handbook/");
		size_t idn = strlen(id);
		while (idn && id[idn - 1] == '/')
			idn--;
		g->id = arena_intern(r->arena, idn ? id : "handbook", idn ? idn : 8);
		g->tables = pg->tables;
		g->ntables = pg->ntables;
		for (size_t i = 0; i < pg->text.nchannels; i++)
			sbuf_add(x, &ch, pg->text.channels[i].name,
				 strlen(pg->text.channels[i].name));
	}
	if (prod)
		fill_from_product(x, pd, prod, g, &ch, &lb);
	if (pg) {
		bool page_section = false;
		for (size_t i = 0; i < pg->text.nlabels; i++)
			page_section |= !strncmp(pg->text.labels[i], "section::", 9);
		for (size_t i = 0; i < pg->text.nlabels; i++)
			sbuf_add(x, &lb, pg->text.labels[i], strlen(pg->text.labels[i]));
		if (!page_section && g->stage && g->stage->section_id)
			sbuf_add_owned(x, &lb, with_prefix("section::",
							   g->stage->section_id));
		okrs_from_links(x, &pg->text, g);
	} else if (g->stage && g->stage->section_id) {
		sbuf_add_owned(x, &lb, with_prefix("section::", g->stage->section_id));
	}
	g->channels = sbuf_finish(x, &ch);
	g->labels = sbuf_finish(x, &lb);
	/* the Slack link a channel came with on the page (o opens it) */
	for (size_t i = 0; pg && i < g->channels.n; i++)
		for (size_t k = 0; k < pg->text.nchannels; k++) {
			const page_channel *pc = &pg->text.channels[k];
			if (!pc->url || strcmp(pc->name, g->channels.v[i]))
				continue;
			if (!g->channel_urls)
				g->channel_urls = arena_calloc(x->c->model, g->channels.n + 1,
							       sizeof(char *));
			if (g->channel_urls)
				g->channel_urls[i] = arena_intern(x->c->model, pc->url,
								  strlen(pc->url));
			break;
		}
	if (g->links) {
		if (!pg && prod && prod->handbook) {
			char *path = handbook_path(prod->handbook);
			size_t n = strlen(HANDBOOK_SITE) + (path ? strlen(path) : 0) + 1;
			char *full = path ? malloc(n) : NULL;
			if (full)
				snprintf(full, n, "%s%s", HANDBOOK_SITE, path);
			g->handbook = hdup(x, full);
			free(full);
			free(path);
		}
		for (size_t i = 0; pg && i < pg->text.nlinks; i++)
			add_link(x, g->links, &g->nlinks, pg->text.links[i].title,
				 pg->text.links[i].url);
		if (prod && prod->gitlab_group) {
			char *u = with_prefix("https://gitlab.com/", prod->gitlab_group);
			add_link(x, g->links, &g->nlinks, "GitLab group", u);
			free(u);
		}
		if (prod)
			add_link(x, g->links, &g->nlinks, "Direction", prod->direction);
		if (prod)
			add_link(x, g->links, &g->nlinks, "Roadmap", prod->roadmap);
	}
	if (!g->okrs.kind)
		g->okrs.kind = "work_items";
	for (size_t i = 0; i < g->ntables; i++) {
		g->tables[i].id = r->ntables++;
		g->tables[i].group = g->index;
		if (!g->team && table_is_team(g->tables[i].kind))
			g->team = &g->tables[i];
	}
}

static void load_redirects(struct ctx *x, redirects *rd)
{
	memset(rd, 0, sizeof(*rd));
	size_t len;
	char *abs = yload_join(x->root, "layouts/index.redirects");
	bool there = abs && is_file(abs);
	free(abs);
	if (!there)
		return;
	char *text = slurp(x, "layouts/index.redirects", "layouts/index.redirects",
			   &len);
	if (text)
		redirects_parse(text, len, x->c->nodes, rd);
	free(text);
}

void handbook_load_groups(yload *c, const roster_input *src, roster *r)
{
	struct ctx x = {.c = c, .r = r, .root = src->dir};
	r->issues_url = "https://gitlab.com/groups/gitlab-org/-/issues";
	product_data pd;
	if (src->data && !is_dir(src->data))
		diag_add(c->diags, DIAG_ERROR,
			 arena_intern(c->model, src->data, strlen(src->data)), 0, 0,
			 "data: %s", is_file(src->data) ? "not a directory"
						       : strerror(errno));
	bool checkout = handbook_is_checkout(src->dir);
	char *data = src->data ? strdup(src->data)
		     : checkout ? yload_join(src->dir, "data/public")
				: strdup(src->dir); /* a data directory */
	const char *prefix = src->data ? src->data : checkout ? "data/public" : "";
	if (data && !src->data && checkout && src->people) { /* a www-gitlab-com checkout */
		char *st = yload_join(data, "stages.yml"), *alt = yload_join(src->people, "data");
		char *alt_st = alt ? yload_join(alt, "stages.yml") : NULL;
		if (st && alt_st && !is_file(st) && is_file(alt_st)) {
			free(data);
			data = alt;
			alt = NULL;
			prefix = arena_intern(c->model, data, strlen(data));
		}
		free(st);
		free(alt);
		free(alt_st);
	}
	if (data && !src->data && checkout && src->synced && !has_file(data, "stages.yml") &&
	    has_file(src->synced, "stages.yml")) { /* what `teamtui sync` fetched */
		free(data);
		data = strdup(src->synced);
		prefix = data ? arena_intern(c->model, data, strlen(data)) : "";
	}
	if (data && (!src->data || is_dir(src->data)))
		stages_load(c, data, prefix, r, &pd);
	else
		memset(&pd, 0, sizeof(pd));
	free(data);
	redirects rd;
	load_redirects(&x, &rd);
	if (checkout) /* a data directory has no pages */
		walk(&x, "content/handbook", 0);
	if (x.npaths) /* a data directory has none: no NULL to qsort */
		qsort(x.paths, x.npaths, sizeof(char *), cmp_str);
	/* every page's URL (sorted: the paths are), for stale handbook: paths */
	x.urls = calloc(x.npaths + 1, sizeof(char *));
	for (size_t i = 0; i < x.npaths; i++) {
		if (x.urls)
			x.urls[x.nurls++] = page_url(&x, x.paths[i]);
		read_page(&x, x.paths[i]);
		free(x.paths[i]);
	}
	free(x.paths);
	match_pages(&x, &pd, &rd);
	free(x.urls);
	/* stages.yml groups in its order (with their page, if any), then the
	 * pages no stages.yml group claims, in path order */
	r->groups = arena_calloc(r->arena, pd.ngroups + x.npages + 1, sizeof(group));
	for (size_t g = 0; r->groups && g < pd.ngroups; g++) {
		struct page_group *pg = NULL;
		for (size_t i = 0; i < x.npages && !pg; i++)
			if (x.pages[i].product == &pd.groups[g])
				pg = &x.pages[i];
		group *out = &r->groups[r->ngroups];
		out->index = r->ngroups++;
		build_group(&x, &pd, pg, &pd.groups[g], out);
	}
	for (size_t i = 0; r->groups && i < x.npages; i++) {
		if (x.pages[i].product)
			continue;
		group *out = &r->groups[r->ngroups];
		out->index = r->ngroups++;
		build_group(&x, &pd, &x.pages[i], NULL, out);
	}
	free(x.pages);
	table_regexes_finish(r, &x.rx);
}

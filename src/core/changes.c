/* changes.c: see changes.h. Everything is a merge of sorted lists: the
 * digests' people by slug and tables by (group, index), and the rows of
 * every group and kind, sorted here. */
#include "teamtui/changes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "teamtui/arena.h"

struct vec {
	change *v;
	size_t n, cap;
	bool failed;
};

struct ctx {
	const digest *old, *now;
	change_list *out;
	struct vec c;
	/* renames, by old slug and by new slug */
	struct rename {
		const char *from, *to;
	} *by_from, *by_to;
	size_t nren;
};

static const char *copy(struct ctx *x, const char *s)
{
	if (!s)
		return NULL;
	const char *c = arena_intern(x->out->arena, s, strlen(s));
	if (!c)
		x->c.failed = true;
	return c;
}

static change *add(struct ctx *x, change_kind k, const char *slug, const char *name)
{
	if (x->c.failed)
		return NULL;
	if (x->c.n == x->c.cap) {
		size_t cap = x->c.cap ? 2 * x->c.cap : 64;
		change *v = realloc(x->c.v, cap * sizeof(*v));
		if (!v) {
			x->c.failed = true;
			return NULL;
		}
		x->c.v = v;
		x->c.cap = cap;
	}
	change *c = &x->c.v[x->c.n++];
	memset(c, 0, sizeof(*c));
	c->kind = k;
	c->slug = copy(x, slug);
	c->name = copy(x, name);
	return c;
}

static void values(struct ctx *x, change *c, const char *old, const char *now)
{
	if (!c)
		return;
	c->old_value = copy(x, old);
	c->new_value = copy(x, now);
}

static void where(struct ctx *x, change *c, const digest_table *t)
{
	if (!c)
		return;
	c->group = copy(x, t->group);
	c->group_name = copy(x, t->group_name);
	c->table = t->kind;
	c->file = copy(x, t->file);
	c->line = t->line;
}

/* ------------------------------------------------------------ renames */

struct handle {
	char *key; /* lower case, without a leading '@' */
	const digest_person *p;
};

static int cmp_handle(const void *a, const void *b)
{
	return strcmp(((const struct handle *)a)->key, ((const struct handle *)b)->key);
}

static char *handle_key(const char *h)
{
	if (*h == '@')
		h++;
	char *k = strdup(h);
	for (char *c = k; c && *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	return k;
}

/* The leavers' and joiners' handles, sorted (those without one left out). */
static struct handle *handles(const digest_person *const *v, size_t n, size_t *out,
			      bool *failed)
{
	struct handle *h = malloc((n + 1) * sizeof(*h));
	*out = 0;
	if (!h) {
		*failed = true;
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		const char *g = v[i]->gitlab;
		if (!*g || (g[0] == '@' && !g[1]))
			continue;
		if (!(h[*out].key = handle_key(g))) {
			*failed = true;
			break;
		}
		h[(*out)++].p = v[i];
	}
	qsort(h, *out, sizeof(*h), cmp_handle);
	return h;
}

static void handles_free(struct handle *h, size_t n)
{
	for (size_t i = 0; h && i < n; i++)
		free(h[i].key);
	free(h);
}

static int cmp_from(const void *a, const void *b)
{
	return strcmp(((const struct rename *)a)->from, ((const struct rename *)b)->from);
}

static int cmp_to(const void *a, const void *b)
{
	return strcmp(((const struct rename *)a)->to, ((const struct rename *)b)->to);
}

/* The new slug of a renamed old slug, or NULL. */
static const char *renamed_to(const struct ctx *x, const char *from)
{
	struct rename key = {from, NULL};
	const struct rename *r = x->nren ? bsearch(&key, x->by_from, x->nren,
						   sizeof(key), cmp_from)
					 : NULL;
	return r ? r->to : NULL;
}

static bool is_rename_target(const struct ctx *x, const char *to)
{
	struct rename key = {NULL, to};
	return x->nren && bsearch(&key, x->by_to, x->nren, sizeof(key), cmp_to);
}

/* An old slug as the new version names the same person. */
static const char *translate(const struct ctx *x, const char *slug)
{
	const char *to = renamed_to(x, slug);
	return to ? to : slug;
}

/* Pair leavers and joiners by handle; mark the paired ones in *_used. */
static void find_renames(struct ctx *x, const digest_person **left, size_t nleft,
			 const digest_person **joined, size_t njoined)
{
	bool failed = false;
	size_t nl, nj;
	struct handle *hl = handles(left, nleft, &nl, &failed);
	struct handle *hj = handles(joined, njoined, &nj, &failed);
	size_t cap = nl < nj ? nl : nj;
	x->by_from = malloc((cap + 1) * sizeof(struct rename));
	x->by_to = malloc((cap + 1) * sizeof(struct rename));
	if (failed || !x->by_from || !x->by_to) {
		x->c.failed = true;
		handles_free(hl, nl);
		handles_free(hj, nj);
		return;
	}
	for (size_t i = 0, j = 0; i < nl && j < nj;) {
		int c = strcmp(hl[i].key, hj[j].key);
		if (c < 0) {
			i++;
		} else if (c > 0) {
			j++;
		} else {
			size_t ei = i, ej = j;
			while (ei < nl && !strcmp(hl[ei].key, hl[i].key))
				ei++;
			while (ej < nj && !strcmp(hj[ej].key, hj[j].key))
				ej++;
			if (ei - i == 1 && ej - j == 1) { /* unambiguous */
				x->by_from[x->nren].from = hl[i].p->slug;
				x->by_from[x->nren++].to = hj[j].p->slug;
			}
			i = ei;
			j = ej;
		}
	}
	memcpy(x->by_to, x->by_from, x->nren * sizeof(struct rename));
	qsort(x->by_from, x->nren, sizeof(struct rename), cmp_from);
	qsort(x->by_to, x->nren, sizeof(struct rename), cmp_to);
	handles_free(hl, nl);
	handles_free(hj, nj);
}

/* ------------------------------------------------------------- people */

static void compare_person(struct ctx *x, const digest_person *op, const digest_person *np)
{
	if (strcmp(op->role, np->role))
		values(x, add(x, CHANGE_TITLE, np->slug, np->name), op->role, np->role);
	const char *was = *op->reports_to ? translate(x, op->reports_to) : "";
	if (strcmp(was, np->reports_to) && strcmp(op->reports_to, np->reports_to))
		values(x, add(x, CHANGE_MOVED, np->slug, np->name), op->reports_to,
		       np->reports_to);
}

static void people(struct ctx *x)
{
	const digest *o = x->old, *n = x->now;
	const digest_person **left = malloc((o->npeople + 1) * sizeof(*left));
	const digest_person **joined = malloc((n->npeople + 1) * sizeof(*joined));
	/* the people in both, as (old, new) pairs */
	const digest_person **both = malloc((2 * o->npeople + 1) * sizeof(*both));
	size_t nleft = 0, njoined = 0, nboth = 0;
	if (!left || !joined || !both) {
		x->c.failed = true;
		free(left);
		free(joined);
		free(both);
		return;
	}
	for (size_t i = 0, j = 0; i < o->npeople || j < n->npeople;) {
		int c = i == o->npeople ? 1
			: j == n->npeople ? -1
					  : strcmp(o->people[i].slug, n->people[j].slug);
		if (c < 0) {
			left[nleft++] = &o->people[i++];
		} else if (c > 0) {
			joined[njoined++] = &n->people[j++];
		} else {
			both[2 * nboth] = &o->people[i++];
			both[2 * nboth++ + 1] = &n->people[j++];
		}
	}
	find_renames(x, left, nleft, joined, njoined);
	for (size_t i = 0; i < nboth; i++) /* after the renames: translate() */
		compare_person(x, both[2 * i], both[2 * i + 1]);
	for (size_t i = 0; i < nleft; i++) {
		const digest_person *p = left[i];
		const char *to = renamed_to(x, p->slug);
		if (!to) {
			add(x, CHANGE_LEFT, p->slug, p->name);
			continue;
		}
		const digest_person *np = digest_person_of(n, to);
		if (!np)
			continue;
		values(x, add(x, CHANGE_RENAMED, np->slug, np->name), p->slug, np->slug);
		compare_person(x, p, np);
	}
	for (size_t j = 0; j < njoined; j++)
		if (!is_rename_target(x, joined[j]->slug))
			add(x, CHANGE_JOINED, joined[j]->slug, joined[j]->name);
	free(left);
	free(joined);
	free(both);
}

/* ------------------------------------------------------- group moves */

struct row {
	const char *group;
	digest_table_kind kind;
	const char *slug; /* the new version's name for the person */
	const digest_table *table;
};

static int cmp_row(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int c = strcmp(x->group, y->group);
	if (c)
		return c;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	c = strcmp(x->slug, y->slug);
	if (c)
		return c;
	return x->table->index < y->table->index ? -1 : x->table->index > y->table->index;
}

/* Every row of every table of d, each (group, kind, slug) once (its first
 * table), sorted; old slugs translated when `old`. */
static struct row *rows_of(struct ctx *x, const digest *d, bool old, size_t *n)
{
	size_t total = 0;
	for (size_t i = 0; i < d->ntables; i++)
		total += d->tables[i].n;
	struct row *v = malloc((total + 1) * sizeof(*v));
	*n = 0;
	if (!v) {
		x->c.failed = true;
		return NULL;
	}
	for (size_t i = 0; i < d->ntables; i++) {
		const digest_table *t = &d->tables[i];
		for (size_t k = 0; k < t->n; k++)
			v[(*n)++] = (struct row){t->group, t->kind,
						 old ? translate(x, t->slugs[k]) : t->slugs[k], t};
	}
	qsort(v, *n, sizeof(*v), cmp_row);
	size_t o = 0;
	for (size_t i = 0; i < *n; i++) {
		if (o && !strcmp(v[o - 1].group, v[i].group) && v[o - 1].kind == v[i].kind &&
		    !strcmp(v[o - 1].slug, v[i].slug))
			continue;
		v[o++] = v[i];
	}
	*n = o;
	return v;
}

static int cmp_key(const struct row *x, const struct row *y)
{
	int c = strcmp(x->group, y->group);
	if (c)
		return c;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return strcmp(x->slug, y->slug);
}

/* The table a change about old table t points to: the new version's at
 * the same place, else t. */
static const digest_table *current(const struct ctx *x, const digest_table *t)
{
	const digest_table *n = digest_table_of(x->now, t->group, t->index);
	return n && n->kind == t->kind ? n : t;
}

static void group_moves(struct ctx *x)
{
	size_t no = 0, nn = 0;
	struct row *ov = rows_of(x, x->old, true, &no);
	struct row *nv = rows_of(x, x->now, false, &nn);
	for (size_t i = 0, j = 0; !x->c.failed && (i < no || j < nn);) {
		int c = i == no ? 1 : j == nn ? -1 : cmp_key(&ov[i], &nv[j]);
		if (c == 0) {
			i++, j++;
			continue;
		}
		const struct row *r = c < 0 ? &ov[i++] : &nv[j++];
		const digest_person *np = digest_person_of(x->now, r->slug);
		if (!np)
			continue; /* left the organisation (or not a person) */
		if (c > 0 && !digest_person_of(x->old, r->slug) && !is_rename_target(x, r->slug))
			continue; /* joined it */
		change *ch = add(x, c < 0 ? CHANGE_GROUP_LEFT : CHANGE_GROUP_ENTERED, np->slug,
				 np->name);
		where(x, ch, c < 0 ? current(x, r->table) : r->table);
	}
	free(ov);
	free(nv);
}

/* ------------------------------------------------------------- tables */

static void tables(struct ctx *x)
{
	const digest *o = x->old;
	for (size_t i = 0; i < o->ntables; i++) {
		const digest_table *ot = &o->tables[i];
		const digest_table *nt = digest_table_of(x->now, ot->group, ot->index);
		if (!nt || nt->kind != ot->kind)
			continue;
		change_kind k;
		if (ot->n && !nt->n)
			k = CHANGE_TABLE_EMPTIED;
		else if (ot->manager_row && !nt->manager_row)
			k = CHANGE_TABLE_LOST_MANAGER;
		else
			continue;
		change *c = add(x, k, NULL, NULL);
		where(x, c, nt);
		if (c) {
			c->shortcode = copy(x, nt->shortcode);
			c->manager = copy(x, nt->manager);
		}
	}
}

/* ---------------------------------------------------------- the list */

static int cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int cmp_change(const void *a, const void *b)
{
	const change *x = a, *y = b;
	int c;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if ((c = cmp_str(x->slug, y->slug)) || (c = cmp_str(x->group, y->group)))
		return c;
	if (x->table != y->table)
		return x->table < y->table ? -1 : 1;
	if ((c = cmp_str(x->file, y->file)))
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

bool changes_between(const digest *old, const digest *now, change_list *out)
{
	memset(out, 0, sizeof(*out));
	if (!(out->arena = arena_new()))
		return false;
	struct ctx x = {.old = old, .now = now, .out = out};
	people(&x);
	if (!x.c.failed)
		group_moves(&x);
	if (!x.c.failed)
		tables(&x);
	free(x.by_from);
	free(x.by_to);
	out->v = x.c.v;
	out->n = x.c.n;
	if (x.c.failed) {
		changes_free(out);
		return false;
	}
	if (out->n)
		qsort(out->v, out->n, sizeof(*out->v), cmp_change);
	for (size_t i = 0; i < out->n; i++)
		out->count[out->v[i].kind]++;
	return true;
}

void changes_free(change_list *c)
{
	free(c->v);
	arena_free(c->arena);
	memset(c, 0, sizeof(*c));
}

static void part(char *buf, size_t size, size_t *o, size_t n, const char *one,
		 const char *many)
{
	if (!n || *o >= size)
		return;
	int k = snprintf(buf + *o, size - *o, "%s%zu %s", *o ? ", " : "", n,
			 n == 1 ? one : many);
	if (k > 0)
		*o += (size_t)k;
}

void changes_summary(const change_list *c, char *buf, size_t size)
{
	if (!size)
		return;
	buf[0] = '\0';
	size_t o = 0;
	const size_t *n = c->count;
	part(buf, size, &o, n[CHANGE_JOINED], "joined", "joined");
	part(buf, size, &o, n[CHANGE_LEFT], "left", "left");
	part(buf, size, &o, n[CHANGE_RENAMED], "renamed", "renamed");
	part(buf, size, &o, n[CHANGE_MOVED], "moved", "moved");
	part(buf, size, &o, n[CHANGE_TITLE], "new title", "new titles");
	part(buf, size, &o, n[CHANGE_GROUP_ENTERED] + n[CHANGE_GROUP_LEFT], "group move",
	     "group moves");
	part(buf, size, &o, n[CHANGE_TABLE_EMPTIED], "table emptied", "tables emptied");
	part(buf, size, &o, n[CHANGE_TABLE_LOST_MANAGER], "table lost its manager",
	     "tables lost their manager");
	if (!o)
		snprintf(buf, size, "no changes");
}

const char *change_kind_name(change_kind k)
{
	static const char *const names[CHANGE_NKINDS] = {
	    "joined",	     "left",	   "renamed",	    "moved",
	    "title",	     "group-entered", "group-left", "table-emptied",
	    "table-lost-manager"};
	return (unsigned)k < CHANGE_NKINDS ? names[k] : "?";
}

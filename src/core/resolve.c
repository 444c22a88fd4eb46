/* resolve.c: the handbook's people tables, evaluated as its templates
 * render them, memoised. */
#include "teamtui/resolve.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ICU is loaded by the collator's first use; its names call through
 * icuso's table */
#define ICUSO_NAMES
#include "teamtui/icuso.h"

#include "teamtui/litindex.h"
#include "teamtui/pattern.h"
#include "teamtui/snapshot.h"

/* The distinct roles a regex matches, found once when a table needs
 * everyone it matches. */
struct rxset {
	uint32_t *roles; /* role ids, ascending */
	size_t n;
	bool done;
};

/* Past this many regexes matched against every role, index the literals
 * of all of them: `show` needs two or three sets, `check` thousands. */
enum { INDEX_AFTER = 8 };

struct resolver {
	const roster *r;
	arena *arena;
	struct rxset *sets;   /* per pattern id */
	pattern **compiled;   /* per pattern id: compiled here, for a roster
				 mapped from a snapshot (its regexes keep only
				 their source) */
	size_t nsets;	      /* how many are done */
	bool *limit_reported; /* per pattern id */
	group_team **teams; /* per group index */
	table_rows **rows;  /* per table id */
	uint32_t *seen;	    /* chain walk stamps, per person */
	uint32_t stamp;
	/* people by distinct role, in roster order: role_people[role_start[k]
	 * .. role_start[k+1]) hold role k. A regex is tested once per role,
	 * never once per person. Built on first use, with each role's text
	 * and its length in bytes. */
	size_t *role_start, *role_people;
	const char **role_text;
	size_t *role_len;
	/* the literal index: per pattern id, the roles that contain its
	 * required literal (pattern_required), ascending; NULL when it has
	 * none (then every role is a candidate). cand is NULL until the index
	 * is built, and stays so when building it failed. */
	bool index_tried;
	uint32_t **cand;
	size_t *ncand;
	const person **first_match; /* per table id: manager-role's person */
	bool *first_done;
	UCollator *collator; /* opened on first use; NULL if ICU failed */
	bool collator_tried;
	diag_list diags;
};

static const person *staff_manager(const group *g);

resolver *resolver_new(const roster *r)
{
	resolver *rs = calloc(1, sizeof(*rs));
	if (!rs)
		return NULL;
	rs->r = r;
	rs->arena = arena_new();
	rs->sets = calloc(r->npatterns + 1, sizeof(*rs->sets));
	rs->compiled = calloc(r->npatterns + 1, sizeof(*rs->compiled));
	rs->limit_reported = calloc(r->npatterns + 1, sizeof(bool));
	rs->teams = calloc(r->ngroups + 1, sizeof(*rs->teams));
	rs->rows = calloc(r->ntables + 1, sizeof(*rs->rows));
	rs->seen = calloc(r->npeople + 1, sizeof(*rs->seen));
	rs->first_match = calloc(r->ntables + 1, sizeof(*rs->first_match));
	rs->first_done = calloc(r->ntables + 1, sizeof(bool));
	diag_init(&rs->diags);
	if (!rs->arena || !rs->sets || !rs->compiled || !rs->limit_reported ||
	    !rs->teams || !rs->rows || !rs->seen || !rs->first_match ||
	    !rs->first_done) {
		resolver_free(rs);
		return NULL;
	}
	/* a snapshot's teams, resolved when it was written (snapshot.h) */
	const group_team *teams = snapshot_teams(r);
	for (size_t g = 0; teams && g < r->ngroups; g++) {
		rs->teams[g] = (group_team *)&teams[g];
		for (size_t k = 0; k < teams[g].ntables; k++) {
			const table_rows *row = &teams[g].tables[k];
			if (row->table && row->table->id < r->ntables)
				rs->rows[row->table->id] = (table_rows *)row;
		}
	}
	return rs;
}

static void free_index(resolver *rs)
{
	if (rs->cand)
		for (size_t i = 0; i < rs->r->npatterns; i++)
			free(rs->cand[i]);
	free(rs->cand);
	free(rs->ncand);
	rs->cand = NULL;
	rs->ncand = NULL;
}

void resolver_free(resolver *rs)
{
	if (!rs)
		return;
	if (rs->sets)
		for (size_t i = 0; i < rs->r->npatterns; i++)
			free(rs->sets[i].roles);
	free(rs->sets);
	if (rs->compiled)
		for (size_t i = 0; i < rs->r->npatterns; i++)
			pattern_free(rs->compiled[i]);
	free(rs->compiled);
	free_index(rs);
	free(rs->limit_reported);
	free(rs->teams);
	free(rs->rows);
	free(rs->seen);
	free(rs->role_start);
	free(rs->role_people);
	free(rs->role_text);
	free(rs->role_len);
	free(rs->first_match);
	free(rs->first_done);
	if (rs->collator)
		ucol_close(rs->collator);
	arena_free(rs->arena);
	diag_free(&rs->diags);
	free(rs);
}

/* rx's compiled pattern: the roster's, or (a roster from a snapshot)
 * compiled here on first use; NULL when rx is invalid. */
static const pattern *rx_pattern(resolver *rs, const role_regex *rx)
{
	if (rx->re || rx->invalid || rx->id >= rs->r->npatterns)
		return rx->re;
	if (!rs->compiled[rx->id]) {
		char err[256];
		size_t off;
		rs->compiled[rx->id] = pattern_compile(rx->source, err, sizeof(err), &off);
	}
	return rs->compiled[rx->id];
}

/* One regex on one role's raw HTML, saying once per regex when it gives
 * up (the person named is the one whose role was being tested). */
static bool test_role(resolver *rs, const role_regex *rx, const person *p,
		      const char *role, size_t len, bool candidate)
{
	const pattern *re = rx_pattern(rs, rx);
	if (!re)
		return false;
	pattern_result pr = candidate ? pattern_match_candidate(re, role, len)
				      : pattern_match(re, role, len);
	if (pr == PATTERN_LIMIT && !rs->limit_reported[rx->id]) {
		rs->limit_reported[rx->id] = true;
		diag_add(&rs->diags, DIAG_WARNING, rx->loc.file, rx->loc.line,
			 rx->loc.col,
			 "regex '%s' gave up on the role of '%s' (too much "
			 "backtracking); treated as no match",
			 rx->source, p->slug);
	}
	return pr == PATTERN_MATCH;
}

static bool index_roles(resolver *rs);
static const struct rxset *role_set(resolver *rs, const role_regex *rx);

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

bool resolve_role_matches(resolver *rs, const role_regex *rx, const person *p)
{
	if (!rx || rx->invalid || p->role_id < 0)
		return false; /* no role never matches; a bad regex matches nobody */
	const struct rxset *set = rx->id < rs->r->npatterns ? &rs->sets[rx->id] : NULL;
	if (set && set->done) {
		uint32_t k = (uint32_t)p->role_id;
		return set->n && bsearch(&k, set->roles, set->n, sizeof(k), cmp_u32);
	}
	/* one person (a card, a report kept by a team regex): test the role
	 * itself rather than every role of the roster */
	return test_role(rs, rx, p, p->role_html, strlen(p->role_html), false);
}

/* Is s an item of l? (group-by-slugs keeps a number or a bool given as a
 * slug as a NULL item: it equals nothing.) */
static bool contains(const strlist *l, const char *s)
{
	for (size_t i = 0; s && i < l->n; i++)
		if (l->v[i] && (l->v[i] == s || !strcmp(l->v[i], s)))
			return true;
	return false;
}

/* Go's `intersect`: do the lists share a string? */
static bool intersects(const strlist *a, const strlist *b)
{
	for (size_t i = 0; i < a->n; i++)
		if (contains(b, a->v[i]))
			return true;
	return false;
}

/* Slugs, reports_to and manager slugs are all interned in the roster's
 * arena (people.c, groups.c, table.c), so equal means the same address. */
static bool same(const char *a, const char *b)
{
	return a && a == b;
}

static bool matches(resolver *rs, const role_regex *rx, const person *p)
{
	return rx && resolve_role_matches(rs, rx, p);
}

static bool index_roles(resolver *rs)
{
	if (rs->role_start)
		return true;
	const roster *r = rs->r;
	size_t *start = calloc(r->nroles + 2, sizeof(size_t));
	size_t *people = malloc((r->npeople + 1) * sizeof(size_t));
	size_t *fill = calloc(r->nroles + 1, sizeof(size_t));
	if (!start || !people || !fill) {
		free(start);
		free(people);
		free(fill);
		return false;
	}
	for (size_t i = 0; i < r->npeople; i++)
		if (r->people[i].role_id >= 0)
			start[r->people[i].role_id + 1]++;
	for (size_t k = 0; k < r->nroles; k++)
		start[k + 1] += start[k];
	for (size_t i = 0; i < r->npeople; i++) {
		int k = r->people[i].role_id;
		if (k >= 0)
			people[start[k] + fill[k]++] = i;
	}
	free(fill);
	const char **text = malloc((r->nroles + 1) * sizeof(*text));
	size_t *len = malloc((r->nroles + 1) * sizeof(*len));
	if (!text || !len) {
		free(text);
		free(len);
		free(start);
		free(people);
		return false;
	}
	for (size_t k = 0; k < r->nroles; k++) {
		const person *p = start[k + 1] > start[k] ? &r->people[people[start[k]]]
							 : NULL;
		text[k] = p ? p->role_html : "";
		len[k] = strlen(text[k]);
	}
	rs->role_start = start;
	rs->role_people = people;
	rs->role_text = text;
	rs->role_len = len;
	return true;
}

struct scan {
	resolver *rs;
	uint32_t role;
	uint32_t *last; /* per pattern id: the last role + 1 it was found in */
	size_t *cap;
	bool oom;
};

static void found_literal(void *ctx, size_t id)
{
	struct scan *sc = ctx;
	resolver *rs = sc->rs;
	if (sc->last[id] == sc->role + 1)
		return; /* twice in one role */
	sc->last[id] = sc->role + 1;
	if (rs->ncand[id] == sc->cap[id]) {
		size_t cap = sc->cap[id] ? sc->cap[id] * 2 : 8;
		uint32_t *v = realloc(rs->cand[id], cap * sizeof(*v));
		if (!v) {
			sc->oom = true;
			return;
		}
		rs->cand[id] = v;
		sc->cap[id] = cap;
	}
	rs->cand[id][rs->ncand[id]++] = sc->role;
}

/* Every distinct role scanned once for the literals of every regex
 * (litindex.h); no index (cand NULL) when out of memory: then sets are
 * found by testing every role, as before the index. */
static void build_index(resolver *rs)
{
	const roster *r = rs->r;
	size_t np = r->npatterns;
	const char **lits = calloc(np + 1, sizeof(*lits));
	rs->cand = calloc(np + 1, sizeof(*rs->cand));
	rs->ncand = calloc(np + 1, sizeof(*rs->ncand));
	struct scan sc = {rs, 0, calloc(np + 1, sizeof(uint32_t)),
			  calloc(np + 1, sizeof(size_t)), false};
	litindex *ix = NULL;
	if (lits && rs->cand && rs->ncand && sc.last && sc.cap) {
		for (size_t i = 0; i < np; i++) {
			const pattern *re = rx_pattern(rs, r->patterns[i]);
			lits[i] = re ? pattern_required(re) : NULL;
		}
		ix = litindex_new(lits, np);
	}
	for (size_t k = 0; ix && !sc.oom && k < r->nroles; k++) {
		sc.role = (uint32_t)k;
		litindex_scan(ix, rs->role_text[k], rs->role_len[k], found_literal, &sc);
	}
	bool ok = ix && !sc.oom;
	litindex_free(ix);
	free(lits);
	free(sc.last);
	free(sc.cap);
	if (!ok)
		free_index(rs);
}

/* The roles rx matches (NULL only when out of memory). Without a literal
 * index every role is tested, the literal pre-check first (pattern.c);
 * with one, only the roles holding rx's required literal. */
static const struct rxset *role_set(resolver *rs, const role_regex *rx)
{
	if (!rx || rx->id >= rs->r->npatterns || !index_roles(rs))
		return NULL;
	struct rxset *set = &rs->sets[rx->id];
	if (set->done)
		return set;
	const roster *r = rs->r;
	if (!rs->index_tried && rs->nsets >= INDEX_AFTER && r->nroles) {
		rs->index_tried = true;
		build_index(rs);
	}
	const pattern *re = rx_pattern(rs, rx);
	const char *lit = re ? pattern_required(re) : NULL;
	bool by_index = rs->cand && lit;
	size_t ncand = by_index ? rs->ncand[rx->id] : r->nroles;
	uint32_t *out = malloc((ncand + 1) * sizeof(*out));
	if (!out)
		return NULL;
	size_t n = 0;
	for (size_t j = 0; re && j < ncand; j++) {
		uint32_t k = by_index ? rs->cand[rx->id][j] : (uint32_t)j;
		if (rs->role_start[k + 1] == rs->role_start[k])
			continue;
		const person *p = &r->people[rs->role_people[rs->role_start[k]]];
		if (test_role(rs, rx, p, rs->role_text[k], rs->role_len[k], by_index))
			out[n++] = k;
	}
	set->roles = out;
	set->n = n;
	set->done = true;
	rs->nsets++;
	return set;
}

static int cmp_index(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

/* Everyone whose role matches rx, in roster order, in a malloc'd array. */
static size_t *matching_people(resolver *rs, const role_regex *rx, size_t *n)
{
	*n = 0;
	const struct rxset *set = role_set(rs, rx);
	if (!set)
		return NULL;
	size_t total = 0;
	for (size_t j = 0; j < set->n; j++)
		total += rs->role_start[set->roles[j] + 1] - rs->role_start[set->roles[j]];
	size_t *out = malloc((total + 1) * sizeof(*out));
	if (!out)
		return NULL;
	for (size_t j = 0; j < set->n; j++) {
		uint32_t k = set->roles[j];
		size_t m = rs->role_start[k + 1] - rs->role_start[k];
		memcpy(out + *n, rs->role_people + rs->role_start[k], m * sizeof(*out));
		*n += m;
	}
	if (*n > 1 && set->n > 1)
		qsort(out, *n, sizeof(*out), cmp_index);
	return out;
}

size_t resolve_role_count(resolver *rs, const role_regex *rx,
			  const person **first)
{
	if (first)
		*first = NULL;
	const struct rxset *set = role_set(rs, rx);
	if (!set)
		return 0;
	size_t n = 0, best = SIZE_MAX;
	for (size_t j = 0; j < set->n; j++) {
		uint32_t k = set->roles[j];
		n += rs->role_start[k + 1] - rs->role_start[k];
		if (rs->role_people[rs->role_start[k]] < best)
			best = rs->role_people[rs->role_start[k]];
	}
	if (first && best != SIZE_MAX)
		*first = &rs->r->people[best];
	return n;
}

/* The first person in roster order whose role matches rx (Hugo's
 * `index (where team "role" "like" RE) 0`), or NULL; cached per table. */
static const person *first_match(resolver *rs, const people_table *t,
				 const role_regex *rx)
{
	if (!rx)
		return NULL;
	if (t->id < rs->r->ntables && rs->first_done[t->id])
		return rs->first_match[t->id];
	const person *found = NULL;
	resolve_role_count(rs, rx, &found); /* the earliest of the matches */
	if (t->id < rs->r->ntables) {
		rs->first_match[t->id] = found;
		rs->first_done[t->id] = true;
	}
	return found;
}

/* The manager row of a table (team-by-manager-slug: the slug's person;
 * team-by-manager-role and team-by-departments: manager-role's first
 * match), or NULL. */
static const person *table_manager(resolver *rs, const people_table *t)
{
	switch (t->kind) {
	case TABLE_TEAM_BY_MANAGER_SLUG:
		return roster_person(rs->r, t->manager);
	case TABLE_TEAM_BY_MANAGER_ROLE:
	case TABLE_TEAM_BY_DEPARTMENTS:
		return first_match(rs, t, t->manager_role);
	default:
		return NULL;
	}
}

/* stable-counterparts' $manager: "" (or `manager`), replaced by
 * manager-role's first match; nil when manager-role matches nobody. */
static const char *counterpart_manager(resolver *rs, const people_table *t,
				       bool *nil)
{
	*nil = false;
	if (!t->manager_role)
		return t->manager_given ? t->manager : NULL;
	const person *m = first_match(rs, t, t->manager_role);
	*nil = m == NULL;
	return m ? m->slug : NULL;
}

/* Is p a row of stable-counterparts table t whose manager is mgr? */
static bool is_counterpart(resolver *rs, const people_table *t,
			   const char *mgr, bool nil, const person *p)
{
	if (t->never_matches || !matches(rs, t->role, p))
		return false;
	if (nil) { /* reports_to ne nil: only those who have one stay */
		if (!p->reports_to)
			return false;
	} else if (mgr && (same(p->slug, mgr) || same(p->reports_to, mgr) ||
			   !strcmp(p->slug, mgr) ||
			   (p->reports_to && !strcmp(p->reports_to, mgr)))) {
		return false;
	}
	if (t->other_manager_roles && p->reports_to) {
		const person *m = roster_person(rs->r, p->reports_to);
		if (m && resolve_role_matches(rs, t->other_manager_roles, m))
			return false;
	}
	return true;
}

static bool in_departments(const people_table *t, const person *p)
{
	return intersects(&p->departments, &t->departments) ||
	       intersects(&p->team_tags, &t->departments);
}

/* Hugo's `in .expertise TERM`: a substring of the HTML string, or an item
 * of the list; else a field of that name set to true. */
static bool has_expertise(const people_table *t, const person *p)
{
	if (!t->term || !*t->term)
		return false;
	if (p->expertise_html ? strstr(p->expertise_html, t->term) != NULL
			      : contains(&p->expertise, t->term))
		return true;
	return contains(&p->true_fields, t->term);
}

/* A direct report of mgr kept by the table's team regex and department
 * (team-by-manager-slug, team-by-manager-role). */
static bool report_kept(resolver *rs, const people_table *t,
			const person *mgr, const person *p)
{
	if (!mgr || !same(p->reports_to, mgr->slug) || t->never_matches)
		return false;
	if (t->team && !resolve_role_matches(rs, t->team, p))
		return false;
	if (t->departments.n && !in_departments(t, p))
		return false;
	return true;
}

/* A growable person list in a malloc'd buffer, copied into the arena. */
struct pbuf {
	const person **v;
	size_t n, cap;
};

static bool pbuf_push(struct pbuf *b, const person *p)
{
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 32;
		const person **v = realloc(b->v, cap * sizeof(*v));
		if (!v)
			return false;
		b->v = v;
		b->cap = cap;
	}
	b->v[b->n++] = p;
	return true;
}

static plist pbuf_finish(resolver *rs, struct pbuf *b)
{
	plist l = {arena_calloc(rs->arena, b->n + 1, sizeof(person *)), 0};
	if (l.v && b->n) {
		memcpy(l.v, b->v, b->n * sizeof(person *));
		l.n = b->n;
	}
	free(b->v);
	*b = (struct pbuf){0};
	return l;
}

static bool push_reports(resolver *rs, const people_table *t,
			 const person *mgr, struct pbuf *b)
{
	size_t n;
	const person *first = roster_person(rs->r, mgr->slug);
	const size_t *reps = roster_reports(rs->r, first ? first : mgr, &n);
	/* department: those listing it in departments first, then those
	 * tagged with it in team_tags ($departmentMembers | append
	 * $tagMembers | uniq) */
	bool dept = t->departments.n > 0;
	for (int pass = 0; pass < (dept ? 2 : 1); pass++)
		for (size_t i = 0; i < n; i++) {
			const person *p = &rs->r->people[reps[i]];
			if (!report_kept(rs, t, mgr, p))
				continue;
			bool in_dept = dept && intersects(&p->departments,
							  &t->departments);
			if (dept && (pass == 0) != in_dept)
				continue;
			if (!pbuf_push(b, p))
				return false;
		}
	return true;
}

static UCollator *collator(resolver *rs)
{
	if (!rs->collator_tried) {
		rs->collator_tried = true;
		UErrorCode st = U_ZERO_ERROR;
		/* the handbook's site language, English: CLDR's root order;
		 * without ICU (icuso_load), as without a collator: bytes */
		rs->collator = icuso_load(NULL, 0) ? ucol_open("en", &st) : NULL;
		if (U_FAILURE(st)) {
			if (rs->collator)
				ucol_close(rs->collator);
			rs->collator = NULL;
		}
	}
	return rs->collator;
}

struct keyed {
	const person *p;
	size_t pos;
};

/* Insertion into a merge sort keeps it stable without qsort's missing
 * context argument. */
static int cmp_name(UCollator *coll, const struct keyed *x,
		    const struct keyed *y)
{
	const char *nx = x->p->name ? x->p->name : "";
	const char *ny = y->p->name ? y->p->name : "";
	int c;
	UErrorCode st = U_ZERO_ERROR;
	c = coll ? (int)ucol_strcollUTF8(coll, nx, -1, ny, -1, &st) : 0;
	if (!coll || U_FAILURE(st))
		c = strcmp(nx, ny);
	if (c)
		return c;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static void merge_sort(UCollator *coll, struct keyed *v, struct keyed *tmp,
		       size_t n)
{
	if (n < 2)
		return;
	size_t h = n / 2;
	merge_sort(coll, v, tmp, h);
	merge_sort(coll, v + h, tmp, n - h);
	size_t i = 0, j = h, k = 0;
	while (i < h && j < n)
		tmp[k++] = cmp_name(coll, &v[j], &v[i]) < 0 ? v[j++] : v[i++];
	while (i < h)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof(*v));
}

/* Hugo's `sort LIST "name"`: the site language's collator, stable. */
static bool sort_by_name(resolver *rs, struct pbuf *b)
{
	struct keyed *k = malloc((2 * b->n + 1) * sizeof(*k));
	if (!k)
		return false;
	for (size_t i = 0; i < b->n; i++)
		k[i] = (struct keyed){b->v[i], i};
	merge_sort(collator(rs), k, k + b->n, b->n);
	for (size_t i = 0; i < b->n; i++)
		b->v[i] = k[i].p;
	free(k);
	return true;
}

/* departments intersect D, then team_tags intersect D, each once */
static bool push_departments(resolver *rs, const people_table *t,
			     struct pbuf *b)
{
	const roster *r = rs->r;
	uint32_t stamp = ++rs->stamp;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < r->npeople; i++) {
			const person *p = &r->people[i];
			const strlist *l = pass ? &p->team_tags : &p->departments;
			if (rs->seen[i] == stamp || !intersects(l, &t->departments))
				continue;
			rs->seen[i] = stamp;
			if (!pbuf_push(b, p))
				return false;
		}
	return true;
}

/* Everyone matching rx (and t->team when given), roster order. */
static bool push_matching(resolver *rs, const people_table *t,
			  const role_regex *rx, const char *excluded, bool nil,
			  struct pbuf *b)
{
	size_t n = 0;
	size_t *cand = rx && !t->never_matches ? matching_people(rs, rx, &n)
					       : NULL;
	bool ok = true;
	for (size_t j = 0; ok && j < n; j++) {
		const person *p = &rs->r->people[cand[j]];
		bool keep = t->kind == TABLE_STABLE_COUNTERPARTS
				? is_counterpart(rs, t, excluded, nil, p)
				: !t->team || resolve_role_matches(rs, t->team, p);
		if (keep)
			ok = pbuf_push(b, p);
	}
	free(cand);
	return ok;
}

static bool eval(resolver *rs, const people_table *t, table_rows *out,
		 struct pbuf *b)
{
	const roster *r = rs->r;
	out->manager = table_manager(rs, t);
	switch (t->kind) {
	case TABLE_TEAM_BY_MANAGER_SLUG:
	case TABLE_TEAM_BY_MANAGER_ROLE:
		if (!out->manager)
			return true; /* unknown manager: an empty table */
		return pbuf_push(b, out->manager) &&
		       push_reports(rs, t, out->manager, b);
	case TABLE_TEAM_BY_DEPARTMENTS: {
		if (out->manager && !pbuf_push(b, out->manager))
			return false;
		struct pbuf m = {0};
		bool ok = push_departments(rs, t, &m) && sort_by_name(rs, &m);
		for (size_t i = 0; ok && i < m.n; i++)
			ok = pbuf_push(b, m.v[i]);
		free(m.v);
		return ok;
	}
	case TABLE_DEPARTMENT_MEMBERS:
		return push_departments(rs, t, b);
	case TABLE_STABLE_COUNTERPARTS:
		out->excluded = counterpart_manager(rs, t, &out->manager_nil);
		return push_matching(rs, t, t->role, out->excluded,
				     out->manager_nil, b);
	case TABLE_MEMBERS_BY_ROLE:
		return push_matching(rs, t, t->role, NULL, false, b);
	case TABLE_GROUP_BY_SLUGS:
		for (size_t i = 0; i < t->values.n; i++) {
			const person *p = roster_person(r, t->values.v[i]);
			if (p && !pbuf_push(b, p))
				return false;
		}
		return true;
	case TABLE_MEMBER_AND_ROLE_BY_GITLAB:
		for (size_t i = 0; i < t->values.n; i++)
			for (size_t j = 0; t->values.v[i] && j < r->npeople; j++) {
				const char *h = r->people[j].gitlab;
				if (h && !strcmp(h, t->values.v[i]) &&
				    !pbuf_push(b, &r->people[j]))
					return false;
			}
		return true;
	case TABLE_GROUP_BY_EXPERTISE:
		for (size_t j = 0; j < r->npeople; j++)
			if (has_expertise(t, &r->people[j]) &&
			    !pbuf_push(b, &r->people[j]))
				return false;
		return true;
	case TABLE_NKINDS:
		break;
	}
	return true;
}

const table_rows *resolve_table(resolver *rs, const people_table *t)
{
	bool cached = t->id < rs->r->ntables;
	if (cached && rs->rows[t->id])
		return rs->rows[t->id];
	table_rows *out = arena_calloc(rs->arena, 1, sizeof(*out));
	if (!out)
		return NULL;
	out->table = t;
	struct pbuf b = {0};
	if (!eval(rs, t, out, &b)) {
		free(b.v);
		return NULL;
	}
	out->people = pbuf_finish(rs, &b);
	if (cached)
		rs->rows[t->id] = out;
	return out;
}

const group_team *resolve_group(resolver *rs, const group *g)
{
	if (rs->teams[g->index])
		return rs->teams[g->index];
	group_team *t = arena_calloc(rs->arena, 1, sizeof(*t));
	if (!t)
		return NULL;
	t->tables = arena_calloc(rs->arena, g->ntables + 1, sizeof(*t->tables));
	if (!t->tables)
		return NULL;
	t->ntables = g->ntables;
	const table_rows **rows = calloc(g->ntables + 1, sizeof(*rows));
	if (!rows)
		return NULL;
	for (size_t k = 0; k < g->ntables; k++)
		if (!(rows[k] = resolve_table(rs, &g->tables[k]))) {
			free(rows);
			return NULL;
		}
	uint32_t stamp = ++rs->stamp; /* marks people already in the union */
	struct pbuf all = {0};
	for (size_t k = 0; k < g->ntables; k++) {
		t->tables[k] = *rows[k];
		if (&g->tables[k] == g->team) {
			t->manager = rows[k]->manager;
			t->members = rows[k]->people;
		}
		if (g->tables[k].kind != TABLE_STABLE_COUNTERPARTS)
			continue;
		t->ncounterpart_tables++;
		for (size_t j = 0; j < rows[k]->people.n; j++) {
			const person *p = rows[k]->people.v[j];
			if (rs->seen[p->index] != stamp) {
				rs->seen[p->index] = stamp;
				pbuf_push(&all, p);
			}
		}
	}
	free(rows);
	t->counterparts = pbuf_finish(rs, &all);
	if (!g->team)
		t->manager = staff_manager(g);
	rs->teams[g->index] = t;
	return t;
}

bool resolve_all(resolver *rs)
{
	for (size_t i = 0; i < rs->r->ngroups; i++)
		if (!resolve_group(rs, &rs->r->groups[i]))
			return false;
	return true;
}

/* Is p a row of t? 2: its manager row, 1: another row, 0: not. The same
 * predicates as eval(), without building the table: a person card on a
 * 100,000-person roster must not wait for 3,000 teams. */
static int table_has(resolver *rs, const people_table *t, const person *p)
{
	const person *m;
	const char *mgr;
	bool nil;
	switch (t->kind) {
	case TABLE_TEAM_BY_MANAGER_SLUG:
	case TABLE_TEAM_BY_MANAGER_ROLE:
		m = table_manager(rs, t);
		return !m ? 0 : m == p ? 2 : report_kept(rs, t, m, p);
	case TABLE_TEAM_BY_DEPARTMENTS:
		return table_manager(rs, t) == p ? 2 : in_departments(t, p);
	case TABLE_DEPARTMENT_MEMBERS:
		return in_departments(t, p);
	case TABLE_STABLE_COUNTERPARTS:
		if (t->never_matches || !matches(rs, t->role, p))
			return 0; /* the cheap test first */
		mgr = counterpart_manager(rs, t, &nil);
		return is_counterpart(rs, t, mgr, nil, p);
	case TABLE_MEMBERS_BY_ROLE:
		return !t->never_matches && matches(rs, t->role, p) &&
		       (!t->team || matches(rs, t->team, p));
	case TABLE_GROUP_BY_SLUGS:
		return contains(&t->values, p->slug) &&
		       roster_person(rs->r, p->slug) == p;
	case TABLE_MEMBER_AND_ROLE_BY_GITLAB:
		return p->gitlab && contains(&t->values, p->gitlab);
	case TABLE_GROUP_BY_EXPERTISE:
		return has_expertise(t, p);
	case TABLE_NKINDS:
		break;
	}
	return 0;
}

const membership *resolve_person_groups(resolver *rs, const person *p,
					size_t *n)
{
	*n = 0;
	membership *out = arena_calloc(rs->arena, rs->r->ngroups + 1,
				       sizeof(*out));
	if (!out)
		return NULL;
	for (size_t i = 0; i < rs->r->ngroups; i++) {
		const group *g = &rs->r->groups[i];
		int in_team = g->team ? table_has(rs, g->team, p) : 0;
		if (in_team) {
			out[(*n)++] = (membership){
			    g, in_team == 2 ? MEMBERSHIP_MANAGER : MEMBERSHIP_MEMBER, NULL};
			continue;
		}
		size_t k = 0;
		while (k < g->ntables &&
		       !(g->tables[k].kind == TABLE_STABLE_COUNTERPARTS &&
			 table_has(rs, &g->tables[k], p)))
			k++;
		if (k < g->ntables) {
			out[(*n)++] = (membership){g, MEMBERSHIP_COUNTERPART, NULL};
			continue;
		}
		for (k = 0; k < g->nstaff; k++)
			if (g->staff[k].person == p) {
				out[(*n)++] = (membership){g, MEMBERSHIP_NAMED,
							   g->staff[k].field};
				break;
			}
	}
	return out;
}

const char *resolve_membership_name(const membership *m)
{
	switch (m->kind) {
	case MEMBERSHIP_MANAGER:
		return "manager";
	case MEMBERSHIP_MEMBER:
		return "member";
	case MEMBERSHIP_COUNTERPART:
		return "counterpart";
	case MEMBERSHIP_NAMED:
		return m->field ? m->field : "named";
	}
	return "?";
}

/* A group with no members table: the manager stages.yml names for it. */
static const person *staff_manager(const group *g)
{
	static const char *const fields[] = {
	    "backend_engineering_manager", "em", "fullstack_engineering_manager",
	    "frontend_engineering_manager", NULL};
	for (const char *const *f = fields; *f; f++)
		for (size_t k = 0; k < g->nstaff; k++)
			if (g->staff[k].person && !strcmp(g->staff[k].field, *f))
				return g->staff[k].person;
	return NULL;
}

manager_chain resolve_manager_chain(resolver *rs, const person *p)
{
	manager_chain ch = {0};
	struct pbuf b = {0};
	uint32_t stamp = ++rs->stamp;
	rs->seen[p->index] = stamp;
	for (const person *cur = p; cur->reports_to;) {
		const person *m = roster_person(rs->r, cur->reports_to);
		if (!m) {
			ch.dangling = cur->reports_to;
			break;
		}
		if (rs->seen[m->index] == stamp) {
			ch.cycle = true;
			break;
		}
		rs->seen[m->index] = stamp;
		pbuf_push(&b, m);
		cur = m;
	}
	ch.people = pbuf_finish(rs, &b);
	return ch;
}

const diag_list *resolve_diags(const resolver *rs)
{
	return &rs->diags;
}

/* resolve.c: team-by-manager-slug and stable-counterparts, memoised. */
#include "teamtui/resolve.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { MEMO_UNKNOWN = 0, MEMO_NO = 1, MEMO_YES = 2 };

struct resolver {
	const roster *r;
	arena *arena;
	uint8_t **memo; /* per pattern id: per role id */
	bool *limit_reported; /* per pattern id */
	group_team **teams; /* per group index */
	uint32_t *seen;	    /* chain walk stamps, per person */
	uint32_t stamp;
	/* people by distinct role, in roster order: role_people[role_start[k]
	 * .. role_start[k+1]) hold role k. A regex is tested once per role,
	 * never once per person. Built on first use. */
	size_t *role_start, *role_people;
	const char **table_mgr; /* per counterpart_rule.id, once done */
	bool *table_mgr_done;
	diag_list diags;
};

resolver *resolver_new(const roster *r)
{
	resolver *rs = calloc(1, sizeof(*rs));
	if (!rs)
		return NULL;
	rs->r = r;
	rs->arena = arena_new();
	rs->memo = calloc(r->npatterns + 1, sizeof(*rs->memo));
	rs->limit_reported = calloc(r->npatterns + 1, sizeof(bool));
	rs->teams = calloc(r->ngroups + 1, sizeof(*rs->teams));
	rs->seen = calloc(r->npeople + 1, sizeof(*rs->seen));
	rs->table_mgr = calloc(r->ncounterpart_rules + 1, sizeof(*rs->table_mgr));
	rs->table_mgr_done = calloc(r->ncounterpart_rules + 1, sizeof(bool));
	diag_init(&rs->diags);
	if (!rs->arena || !rs->memo || !rs->limit_reported || !rs->teams ||
	    !rs->seen || !rs->table_mgr || !rs->table_mgr_done) {
		resolver_free(rs);
		return NULL;
	}
	return rs;
}

void resolver_free(resolver *rs)
{
	if (!rs)
		return;
	if (rs->memo)
		for (size_t i = 0; i < rs->r->npatterns; i++)
			free(rs->memo[i]);
	free(rs->memo);
	free(rs->limit_reported);
	free(rs->teams);
	free(rs->seen);
	free(rs->role_start);
	free(rs->role_people);
	free(rs->table_mgr);
	free(rs->table_mgr_done);
	arena_free(rs->arena);
	diag_free(&rs->diags);
	free(rs);
}

bool resolve_role_matches(resolver *rs, const role_regex *rx, const person *p)
{
	if (!rx || !rx->re || p->role_id < 0)
		return false; /* no role never matches; a bad regex matches nobody */
	uint8_t *memo = rs->memo[rx->id];
	if (!memo) {
		memo = rs->memo[rx->id] = calloc(rs->r->nroles + 1, 1);
		if (!memo) /* no memo: still answer correctly, just slower */
			return pattern_match(rx->re, p->role_html,
					     strlen(p->role_html)) == PATTERN_MATCH;
	}
	uint8_t *m = &memo[p->role_id];
	if (*m == MEMO_UNKNOWN) {
		pattern_result pr = pattern_match(rx->re, p->role_html,
						  strlen(p->role_html));
		if (pr == PATTERN_LIMIT && !rs->limit_reported[rx->id]) {
			rs->limit_reported[rx->id] = true;
			diag_add(&rs->diags, DIAG_WARNING, rx->loc.file,
				 rx->loc.line, rx->loc.col,
				 "regex '%s' gave up on the role of '%s' (too much "
				 "backtracking); treated as no match",
				 rx->source, p->slug);
		}
		*m = pr == PATTERN_MATCH ? MEMO_YES : MEMO_NO;
	}
	return *m == MEMO_YES;
}

static bool contains(const strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i] == s || !strcmp(l->v[i], s))
			return true;
	return false;
}

/* Slugs, reports_to and manager slugs are all interned in the roster's
 * arena (people.c, groups.c), so equal means the same address. */
static bool same(const char *a, const char *b)
{
	return a && a == b;
}

/* Is p a direct report kept by the team rule? (not the manager himself) */
static bool team_keeps(resolver *rs, const team_rule *t, const person *p)
{
	if (!same(p->reports_to, t->manager))
		return false;
	if (t->team && !resolve_role_matches(rs, t->team, p))
		return false;
	if (t->department && !contains(&p->departments, t->department) &&
	    !contains(&p->team_tags, t->department))
		return false;
	return true;
}

/* Does p's manager (the first person with p's reports_to slug, as
 * everywhere else) have a role matching rx? */
static bool manager_role_matches(resolver *rs, const role_regex *rx,
				 const person *p)
{
	const person *m = p->reports_to ? roster_person(rs->r, p->reports_to)
					: NULL;
	return m && resolve_role_matches(rs, rx, m);
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
	rs->role_start = start;
	rs->role_people = people;
	return true;
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
	if (!index_roles(rs))
		return NULL;
	const roster *r = rs->r;
	size_t *out = NULL, cap = 0;
	for (size_t k = 0; k < r->nroles; k++) {
		const size_t *v = rs->role_people + rs->role_start[k];
		size_t m = rs->role_start[k + 1] - rs->role_start[k];
		if (!m || !resolve_role_matches(rs, rx, &r->people[v[0]]))
			continue;
		if (*n + m > cap) {
			cap = (*n + m) * 2;
			size_t *grown = realloc(out, cap * sizeof(*out));
			if (!grown)
				break;
			out = grown;
		}
		memcpy(out + *n, v, m * sizeof(*v));
		*n += m;
	}
	if (*n > 1)
		qsort(out, *n, sizeof(*out), cmp_index);
	return out;
}

/* The table's manager: `manager`, or the first person in roster order
 * whose role matches manager-role (none: no manager, nobody excluded). */
static const char *table_manager(resolver *rs, const counterpart_rule *cr)
{
	if (!cr->manager_role)
		return cr->manager;
	if (rs->table_mgr_done[cr->id])
		return rs->table_mgr[cr->id];
	const char *slug = NULL;
	if (index_roles(rs)) {
		/* the first person of each matching role; the earliest wins */
		size_t best = SIZE_MAX;
		for (size_t k = 0; k < rs->r->nroles; k++) {
			size_t first = rs->role_people[rs->role_start[k]];
			if (rs->role_start[k + 1] > rs->role_start[k] && first < best &&
			    resolve_role_matches(rs, cr->manager_role, &rs->r->people[first]))
				best = first;
		}
		slug = best == SIZE_MAX ? NULL : rs->r->people[best].slug;
	}
	rs->table_mgr[cr->id] = slug;
	rs->table_mgr_done[cr->id] = true;
	return slug;
}

static bool is_counterpart(resolver *rs, const counterpart_rule *cr,
			   const char *mgr, const person *p)
{
	if (!cr->role || !resolve_role_matches(rs, cr->role, p))
		return false;
	if (mgr && (same(p->slug, mgr) || same(p->reports_to, mgr)))
		return false;
	if (cr->other_manager_roles &&
	    manager_role_matches(rs, cr->other_manager_roles, p))
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

static void resolve_members(resolver *rs, const group *g, group_team *t,
			    struct pbuf *b)
{
	const team_rule *tr = g->team;
	t->manager = tr ? roster_person(rs->r, tr->manager) : NULL;
	if (!t->manager)
		return; /* unknown manager: an empty team */
	pbuf_push(b, t->manager);
	size_t n;
	const size_t *reps = roster_reports(rs->r, t->manager, &n);
	/* department: those listing it in departments first, then those
	 * tagged with it in team_tags */
	for (int pass = 0; pass < (tr->department ? 2 : 1); pass++) {
		for (size_t i = 0; i < n; i++) {
			const person *p = &rs->r->people[reps[i]];
			if (!team_keeps(rs, tr, p))
				continue;
			bool in_dept = tr->department &&
				       contains(&p->departments, tr->department);
			if (tr->department && (pass == 0) != in_dept)
				continue;
			pbuf_push(b, p);
		}
	}
}

const group_team *resolve_group(resolver *rs, const group *g)
{
	if (rs->teams[g->index])
		return rs->teams[g->index];
	group_team *t = arena_alloc(rs->arena, sizeof(*t));
	if (!t)
		return NULL;
	struct pbuf b = {0};
	resolve_members(rs, g, t, &b);
	t->members = pbuf_finish(rs, &b);

	t->tables = arena_calloc(rs->arena, g->ncounterparts + 1,
				 sizeof(*t->tables));
	if (!t->tables)
		return NULL;
	t->ntables = g->ncounterparts;
	uint32_t stamp = ++rs->stamp; /* marks people already in the union */
	struct pbuf all = {0};
	for (size_t k = 0; k < g->ncounterparts; k++) {
		counterpart_table *ct = &t->tables[k];
		ct->rule = &g->counterparts[k];
		ct->manager_slug = table_manager(rs, ct->rule);
		size_t n = 0;
		size_t *cand = ct->rule->role ? matching_people(rs, ct->rule->role, &n)
					      : NULL;
		for (size_t j = 0; j < n; j++) {
			const person *p = &rs->r->people[cand[j]];
			if (!is_counterpart(rs, ct->rule, ct->manager_slug, p))
				continue;
			pbuf_push(&b, p);
			if (rs->seen[cand[j]] != stamp) {
				rs->seen[cand[j]] = stamp;
				pbuf_push(&all, p);
			}
		}
		free(cand);
		ct->people = pbuf_finish(rs, &b);
	}
	t->counterparts = pbuf_finish(rs, &all);
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


const membership *resolve_person_groups(resolver *rs, const person *p,
					size_t *n)
{
	*n = 0;
	membership *out = arena_calloc(rs->arena, rs->r->ngroups + 1,
				       sizeof(*out));
	if (!out)
		return NULL;
	/* p against each group's rules, with the same predicates as
	 * resolve_group but without resolving whole groups: a person card on
	 * a 100,000-person roster must not wait for 3,000 teams */
	for (size_t i = 0; i < rs->r->ngroups; i++) {
		const group *g = &rs->r->groups[i];
		const person *m = g->team ? roster_person(rs->r, g->team->manager)
					  : NULL;
		if (m && m == p) {
			out[(*n)++] = (membership){g, MEMBERSHIP_MANAGER};
			continue;
		}
		if (m && team_keeps(rs, g->team, p)) {
			out[(*n)++] = (membership){g, MEMBERSHIP_MEMBER};
			continue;
		}
		for (size_t k = 0; k < g->ncounterparts; k++) {
			const counterpart_rule *cr = &g->counterparts[k];
			/* the cheap test first: the table manager costs a scan */
			if (!cr->role || !resolve_role_matches(rs, cr->role, p))
				continue;
			if (is_counterpart(rs, cr, table_manager(rs, cr), p)) {
				out[(*n)++] = (membership){g, MEMBERSHIP_COUNTERPART};
				break;
			}
		}
	}
	return out;
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

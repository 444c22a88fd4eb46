/* roster.c: load a roster directory and build its indexes. */
#include "teamtui/roster.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "teamtui/groups.h"
#include "teamtui/people.h"
#include "teamtui/yload.h"

static size_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ull;
	}
	return (size_t)h;
}

static size_t hash_ptr(const void *p)
{
	uint64_t h = (uint64_t)(uintptr_t)p;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	return (size_t)h;
}

/* Slug index: the first person of each slug (duplicates are errors, and
 * the handbook also takes the first). */
static bool index_slugs(roster *r, diag_list *diags)
{
	size_t n = 16;
	while (n < r->npeople * 2)
		n *= 2;
	r->slug_slots = arena_calloc(r->arena, n, sizeof(size_t));
	if (!r->slug_slots)
		return false;
	r->nslug_slots = n;
	for (size_t i = 0; i < r->npeople; i++) {
		person *p = &r->people[i];
		size_t j = hash_str(p->slug) & (n - 1);
		for (; r->slug_slots[j]; j = (j + 1) & (n - 1))
			if (r->people[r->slug_slots[j] - 1].slug == p->slug)
				break;
		if (r->slug_slots[j]) {
			const person *first = &r->people[r->slug_slots[j] - 1];
			diag_add(diags, DIAG_ERROR, p->loc.file, p->loc.line,
				 p->loc.col, "duplicate slug '%s' (first defined at %s:%d:%d)",
				 p->slug, first->loc.file, first->loc.line,
				 first->loc.col);
			continue;
		}
		r->slug_slots[j] = i + 1;
	}
	return true;
}

/* Direct reports in compressed rows: reports[reports_start[m] ..
 * reports_start[m+1]) are the people whose reports_to is m's slug. */
static bool index_reports(roster *r)
{
	size_t n = r->npeople;
	r->reports_start = arena_calloc(r->arena, n + 1, sizeof(size_t));
	r->reports = arena_calloc(r->arena, n ? n : 1, sizeof(size_t));
	size_t *manager = malloc((n ? n : 1) * sizeof(size_t));
	if (!r->reports_start || !r->reports || !manager) {
		free(manager);
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		const person *m = r->people[i].reports_to
				      ? roster_person(r, r->people[i].reports_to)
				      : NULL;
		manager[i] = m ? m->index : SIZE_MAX;
		if (m)
			r->reports_start[m->index + 1]++;
	}
	for (size_t i = 0; i < n; i++)
		r->reports_start[i + 1] += r->reports_start[i];
	size_t *fill = calloc(n ? n : 1, sizeof(size_t));
	if (!fill) {
		free(manager);
		return false;
	}
	for (size_t i = 0; i < n; i++) /* in roster order */
		if (manager[i] != SIZE_MAX)
			r->reports[r->reports_start[manager[i]] + fill[manager[i]]++] = i;
	free(fill);
	free(manager);
	return true;
}

/* Number the distinct raw roles so regex results can be memoised per
 * role rather than per person. */
static bool number_roles(roster *r)
{
	size_t n = 16;
	while (n < r->npeople * 2)
		n *= 2;
	const char **slots = calloc(n, sizeof(*slots));
	int *ids = calloc(n, sizeof(*ids));
	if (!slots || !ids) {
		free(slots);
		free(ids);
		return false;
	}
	for (size_t i = 0; i < r->npeople; i++) {
		person *p = &r->people[i];
		if (!p->role_html) {
			p->role_id = -1;
			continue;
		}
		size_t j = hash_ptr(p->role_html) & (n - 1);
		while (slots[j] && slots[j] != p->role_html)
			j = (j + 1) & (n - 1);
		if (!slots[j]) {
			slots[j] = p->role_html;
			ids[j] = (int)r->nroles++;
		}
		p->role_id = ids[j];
	}
	free(slots);
	free(ids);
	return true;
}

static char *join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s/%s", dir, name);
	return p;
}

static bool exists(const char *path, bool want_dir)
{
	struct stat st;
	return stat(path, &st) == 0 && (want_dir ? S_ISDIR(st.st_mode)
						 : S_ISREG(st.st_mode));
}

static void load_people(yload *c, const char *dir, people_buf *pb)
{
	char *team = join(dir, "team.yml"), *tree = join(dir, "team_members");
	if (!team || !tree) {
		free(team);
		free(tree);
		return;
	}
	bool has_list = exists(team, false), has_tree = exists(tree, true);
	if (has_list) {
		if (has_tree)
			diag_add(c->diags, DIAG_WARNING, "team_members", 0, 0,
				 "both team.yml and team_members/ exist; using team.yml");
		people_load_list(c, team, "team.yml", pb);
	} else if (has_tree) {
		people_load_tree(c, dir, pb);
	} else {
		diag_add(c->diags, DIAG_ERROR, dir, 0, 0,
			 "no team.yml or team_members/ directory: no people");
	}
	free(team);
	free(tree);
}

roster *roster_load(const char *dir, diag_list *diags)
{
	roster *r = calloc(1, sizeof(*r));
	if (!r)
		return NULL;
	r->arena = arena_new();
	yload c = {.model = r->arena, .nodes = arena_new(), .diags = diags};
	if (!r->arena || !c.nodes) {
		arena_free(c.nodes);
		roster_free(r);
		return NULL;
	}
	r->dir = arena_strdup(r->arena, dir);
	struct stat st;
	int rc = stat(dir, &st), err = rc ? errno : ENOTDIR;
	if (rc || !S_ISDIR(st.st_mode)) {
		diag_add(diags, DIAG_ERROR, dir, 0, 0, "roster directory: %s",
			 strerror(err));
		r->issues_url = "";
		arena_free(c.nodes);
		return r;
	}
	people_buf pb = {0};
	load_people(&c, dir, &pb);
	r->people = arena_calloc(r->arena, pb.n ? pb.n : 1, sizeof(person));
	if (r->people && pb.n)
		memcpy(r->people, pb.v, pb.n * sizeof(person));
	free(pb.v);
	r->npeople = r->people ? pb.n : 0;
	for (size_t i = 0; i < r->npeople; i++)
		r->people[i].index = i;
	arena_free(c.nodes);
	c.nodes = arena_new();
	char *gpath = join(dir, "groups.yml");
	if (gpath && c.nodes)
		groups_load(&c, gpath, r);
	free(gpath);
	arena_free(c.nodes);
	yload_release(&c);
	if (!index_slugs(r, diags) || !index_reports(r) || !number_roles(r)) {
		roster_free(r);
		return NULL;
	}
	return r;
}

void roster_free(roster *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->npatterns; i++)
		pattern_free(r->patterns[i]->re);
	arena_free(r->arena);
	free(r);
}

const person *roster_person(const roster *r, const char *slug)
{
	if (!r->nslug_slots || !slug)
		return NULL;
	size_t mask = r->nslug_slots - 1, j = hash_str(slug) & mask;
	for (; r->slug_slots[j]; j = (j + 1) & mask) {
		const person *p = &r->people[r->slug_slots[j] - 1];
		if (p->slug == slug || !strcmp(p->slug, slug))
			return p;
	}
	return NULL;
}

const person *roster_person_by_handle(const roster *r, const char *handle)
{
	if (handle[0] == '@')
		handle++;
	for (size_t i = 0; i < r->npeople; i++)
		if (r->people[i].gitlab && !strcasecmp(r->people[i].gitlab, handle))
			return &r->people[i];
	return NULL;
}

const group *roster_group(const roster *r, const char *id)
{
	for (size_t i = 0; i < r->ngroups; i++)
		if (!strcmp(r->groups[i].id, id))
			return &r->groups[i];
	return NULL;
}

const size_t *roster_reports(const roster *r, const person *p, size_t *n)
{
	size_t i = p->index;
	*n = r->reports_start[i + 1] - r->reports_start[i];
	return r->reports + r->reports_start[i];
}

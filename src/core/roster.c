/* roster.c: load a roster directory and build its indexes. */
#include "teamtui/roster.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "teamtui/groups.h"
#include "teamtui/handbook.h"
#include "teamtui/people.h"
#include "teamtui/yload.h"
#include "teamtui/inputs.h"
#include "teamtui/snapshot.h"

static size_t hash_str(const char *s)
{
	return arena_hash(s, strlen(s));
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
		size_t j = arena_hash_ptr(p->role_html) & (n - 1);
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

/* Is `name` in the roster directory there? 1 yes (of the wanted type),
 * 0 not there, -1 there but unusable: the reason, the real one (the
 * stat's errno, or what the path is instead), is reported. */
static int present(yload *c, const char *dir, const char *name, bool want_dir)
{
	char *path = yload_join(dir, name);
	if (!path)
		return -1;
	struct stat st;
	int rc = inputs_stat(path, &st), e = errno;
	free(path);
	if (rc < 0) {
		if (e == ENOENT)
			return 0;
		diag_add(c->diags, DIAG_ERROR, name, 0, 0, "cannot read: %s",
			 strerror(e));
		return -1;
	}
	if (want_dir ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode))
		return 1;
	const char *what = yload_file_kind(st.st_mode);
	diag_add(c->diags, DIAG_ERROR, name, 0, 0, "%s, not a %s; skipped",
		 what ? what : "is a file", want_dir ? "directory" : "file");
	return -1;
}

static void load_people(yload *c, const char *dir, people_buf *pb)
{
	int list = present(c, dir, "team.yml", false);
	int tree = present(c, dir, "team_members", true);
	if (list > 0) {
		if (tree > 0)
			diag_add(c->diags, DIAG_WARNING, "team_members", 0, 0,
				 "both team.yml and team_members/ exist; using team.yml");
		char *team = yload_join(dir, "team.yml");
		if (team)
			people_load_list(c, team, "team.yml", pb);
		free(team);
	} else if (tree > 0) {
		people_load_tree(c, dir, pb);
	} else if (list == 0 && tree == 0) {
		diag_add(c->diags, DIAG_ERROR, dir, 0, 0,
			 "no team.yml or team_members/ directory: no people");
	}
}

roster *roster_load(const char *dir, diag_list *diags)
{
	roster_input in = {.dir = dir};
	return roster_load_input(&in, diags);
}

static roster *load_input(const roster_input *in, diag_list *diags);

roster *roster_load_input(const roster_input *in, diag_list *diags)
{
	inputs rec = {0};
	inputs_start(&rec);
	roster *r = load_input(in, diags);
	inputs_stop();
	if (r) { /* into the model, paths interned */
		r->inputs = arena_calloc(r->arena, rec.n + 1, sizeof(input_file));
		r->inputs_complete = r->inputs && !rec.failed;
		for (size_t i = 0; r->inputs && i < rec.n; i++) {
			r->inputs[i] = rec.v[i];
			r->inputs[i].path = arena_strdup(r->arena, rec.v[i].path);
			r->inputs_complete &= r->inputs[i].path != NULL;
		}
		r->ninputs = r->inputs ? rec.n : 0;
	}
	inputs_free(&rec);
	return r;
}

static roster *load_input(const roster_input *in, diag_list *diags)
{
	const char *dir = in->dir;
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
	int rc = inputs_stat(dir, &st), err = rc ? errno : ENOTDIR;
	if (!rc && S_ISDIR(st.st_mode)) /* a directory, but can we look in? */
		err = access(dir, R_OK | X_OK) ? errno : 0;
	if (err) {
		r->dir_errno = err;
		diag_add(diags, DIAG_ERROR, dir, 0, 0, "roster directory: %s",
			 strerror(err));
		r->issues_url = "";
		arena_free(c.nodes);
		return r;
	}
	people_buf pb = {0};
	r->handbook = handbook_is_checkout(dir) || handbook_is_data_dir(dir);
	if (r->handbook || in->people) /* --people: the same forms for both */
		handbook_load_people(&c, in, &pb);
	else
		load_people(&c, dir, &pb);
	/* the list joins the arena as it is (no copy of 100,000 records),
	 * trimmed to its length */
	person *v = pb.n ? realloc(pb.v, pb.n * sizeof(person)) : NULL;
	if (v && arena_adopt(r->arena, v)) {
		r->people = v;
	} else {
		r->people = arena_calloc(r->arena, pb.n ? pb.n : 1, sizeof(person));
		if (r->people && pb.n)
			memcpy(r->people, v ? v : pb.v, pb.n * sizeof(person));
		free(v ? v : pb.v);
	}
	r->npeople = r->people ? pb.n : 0;
	for (size_t i = 0; i < r->npeople; i++)
		r->people[i].index = i;
	arena_free(c.nodes);
	c.nodes = arena_new();
	if (!index_slugs(r, diags) || !index_reports(r) || !number_roles(r)) {
		arena_free(c.nodes);
		yload_release(&c);
		roster_free(r);
		return NULL;
	}
	if (r->handbook && c.nodes) {
		handbook_load_groups(&c, in, r);
	} else {
		char *gpath = yload_join(dir, "groups.yml");
		if (gpath && c.nodes)
			groups_load(&c, gpath, r);
		free(gpath);
	}
	arena_free(c.nodes);
	yload_release(&c);
	return r;
}

void roster_free(roster *r)
{
	if (!r)
		return;
	if (r->snapshot) { /* everything is in the mapping */
		snapshot_close(r->snapshot);
		free(r);
		return;
	}
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

/* Ids equal when '-' and '_' are taken as one (stages.yml's
 * custom_models is the groups.yml sample's custom-models). */
static bool same_id(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (*a != *b && !((*a == '-' || *a == '_') && (*b == '-' || *b == '_')))
			return false;
	return *a == *b;
}

const group *roster_group(const roster *r, const char *id)
{
	for (size_t i = 0; i < r->ngroups; i++)
		if (!strcmp(r->groups[i].id, id))
			return &r->groups[i];
	for (size_t i = 0; i < r->ngroups; i++)
		if (same_id(r->groups[i].id, id))
			return &r->groups[i];
	return NULL;
}

const size_t *roster_reports(const roster *r, const person *p, size_t *n)
{
	return roster_reports_at(r, p->index, n);
}

const size_t *roster_reports_at(const roster *r, size_t i, size_t *n)
{
	*n = r->reports_start[i + 1] - r->reports_start[i];
	return r->reports + r->reports_start[i];
}

/* One word of a role text: its length, spaces and tabs end it. */
static size_t word_len(const char *s)
{
	return strcspn(s, " \t");
}

static const char *skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

project_role_kind roster_project_role(const char *text, const char **area)
{
	const char *p = skip_space(text);
	size_t n = word_len(p);
	project_role_kind k = PROJECT_ROLE_OTHER;
	if (n == 10 && !strncasecmp(p, "maintainer", n)) {
		k = PROJECT_ROLE_MAINTAINER;
	} else if (n == 8 && !strncasecmp(p, "reviewer", n)) {
		k = PROJECT_ROLE_REVIEWER;
	} else if (n == 18 && (!strncasecmp(p, "trainee_maintainer", n) ||
			       !strncasecmp(p, "trainee-maintainer", n))) {
		k = PROJECT_ROLE_TRAINEE_MAINTAINER;
	} else if (n == 7 && !strncasecmp(p, "trainee", n)) {
		const char *q = skip_space(p + n);
		if (word_len(q) == 10 && !strncasecmp(q, "maintainer", 10)) {
			k = PROJECT_ROLE_TRAINEE_MAINTAINER;
			n = (size_t)(q - p) + 10;
		}
	}
	if (area) {
		const char *rest = skip_space(p + n);
		*area = k != PROJECT_ROLE_OTHER && *rest ? rest : NULL;
	}
	return k;
}

/* The length of s without the spaces and tabs at its end. */
static int trimmed_len(const char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return (int)n;
}

project_role_kind roster_project_best(const project_role *pr)
{
	project_role_kind best = PROJECT_ROLE_OTHER;
	for (size_t i = 0; pr && i < pr->roles.n; i++) {
		project_role_kind k = roster_project_role(pr->roles.v[i], NULL);
		if (k > best)
			best = k;
	}
	return best;
}

const char *roster_project_role_name(project_role_kind k)
{
	switch (k) {
	case PROJECT_ROLE_MAINTAINER:
		return "maintainer";
	case PROJECT_ROLE_TRAINEE_MAINTAINER:
		return "trainee maintainer";
	case PROJECT_ROLE_REVIEWER:
		return "reviewer";
	default:
		return NULL;
	}
}

char *roster_project_role_text(const char *text)
{
	const char *area;
	const char *name = roster_project_role_name(roster_project_role(text, &area));
	if (!name)
		return strdup(text);
	size_t n = strlen(name) + (area ? strlen(area) + 3 : 0) + 1;
	char *out = malloc(n);
	if (out && area)
		snprintf(out, n, "%s (%.*s)", name, trimmed_len(area), area);
	else if (out)
		snprintf(out, n, "%s", name);
	return out;
}

char *roster_project_roles_text(const strlist *roles)
{
	size_t cap = 1, n = 0;
	char *out = calloc(1, cap);
	for (size_t i = 0; out && i < roles->n; i++) {
		char *t = roster_project_role_text(roles->v[i]);
		size_t need = n + (i ? 2 : 0) + (t ? strlen(t) : 0) + 1;
		char *o = t ? realloc(out, need) : NULL;
		if (!o) {
			free(t);
			free(out);
			return NULL;
		}
		out = o;
		n += (size_t)sprintf(out + n, "%s%s", i ? ", " : "", t);
		free(t);
	}
	return out;
}

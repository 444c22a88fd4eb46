/* groups.c: groups.yml. Unknown keys in a group are warned about (a typo
 * in a shortcode name would otherwise silently empty a team). */
#include "teamtui/groups.h"

#include "teamtui/table.h"
#include "teamtui/inputs.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char DEFAULT_ISSUES_URL[] =
    "https://gitlab.com/groups/gitlab-org/-/issues";

struct ctx {
	yload *c;
	roster *r;
	table_regexes rx;
};

/* Slugs compare by address in the resolver: make sure one is interned
 * even when it is too long for the parser to have done it. */
static const char *intern_slug(yload *c, const char *s)
{
	return s ? arena_intern(c->model, s, strlen(s)) : NULL;
}

static role_regex *compile(struct ctx *x, const ynode *n, const char *field)
{
	const char *src = yload_str(x->c, n, field);
	if (!src)
		return NULL;
	char err[256];
	size_t off;
	bool ok;
	role_regex *rr = table_regex(x->c->model, &x->rx, src, yload_loc(x->c, n),
				     err, sizeof(err), &off, &ok);
	if (rr && !ok) {
		ynode at = *n; /* point at the offending character */
		at.col = yload_value_column(x->c, n, off ? off - 1 : 0);
		yload_error(x->c, &at, "invalid regex in '%s': %s", field, err);
	}
	return rr;
}

/* The map's scalar pairs as the call's named parameters (for `tables`
 * and JSON: a groups.yml rule is the same call written as YAML). */
static void map_params(yload *c, const ynode *n, people_table *t)
{
	t->named = true;
	t->params = arena_calloc(c->model, n->n + 1, sizeof(table_param));
	for (size_t i = 0; t->params && i < n->n; i++) {
		const ynode *k = n->items[2 * i], *v = n->items[2 * i + 1];
		if (k->kind != YNODE_SCALAR || v->kind != YNODE_SCALAR ||
		    k->overridden)
			continue;
		t->params[t->nparams++] = (table_param){
		    k->str, v->str, true, !v->plain, yload_loc(c, v)};
	}
}

/* Warn about keys a map should not have. */
static void check_keys(yload *c, const ynode *map, const char *what,
		       const char *const *known)
{
	for (size_t i = 0; i < map->n; i++) {
		const ynode *k = map->items[2 * i];
		size_t j = 0;
		if (k->kind == YNODE_SCALAR)
			while (known[j] && strcmp(known[j], k->str))
				j++;
		if (k->kind != YNODE_SCALAR || !known[j])
			yload_warning(c, k, "unknown key '%s' in %s; ignored",
				      k->kind == YNODE_SCALAR ? k->str : "?", what);
	}
}

/* Iterate a top-level block (sections/stages/groups): checks the id and
 * returns the value node, or NULL to skip this pair. */
static const ynode *entry(yload *c, const ynode *map, size_t i,
			  const char *what)
{
	const ynode *k = map->items[2 * i], *v = map->items[2 * i + 1];
	if (k->overridden) /* the parser warned, naming both lines: the
			      later entry of the same id is the one read */
		return NULL;
	if (k->kind != YNODE_SCALAR || yload_blank(k->str)) {
		yload_error(c, k, "%s ids must be non-empty strings", what);
		return NULL;
	}
	if (!yload_id_clean(k->str)) {
		yload_error(c, k, "%s id '%s' has control characters or spaces at its "
				  "ends: it would show as another; skipped", what, k->str);
		return NULL;
	}
	return v;
}

static void load_sections(struct ctx *x, const ynode *n)
{
	yload *c = x->c;
	if (ynode_is_null(n) || !yload_expect_map(c, n, "sections"))
		return;
	x->r->sections = arena_calloc(c->model, n->n + 1, sizeof(section));
	for (size_t i = 0; x->r->sections && i < n->n; i++) {
		const ynode *v = entry(c, n, i, "section");
		if (!v)
			continue;
		section *s = &x->r->sections[x->r->nsections++];
		s->id = n->items[2 * i]->str;
		s->loc = yload_loc(c, n->items[2 * i]);
		if (v->kind == YNODE_SCALAR && !ynode_is_null(v))
			s->name = yload_str(c, v, s->id); /* `dev: Dev` shorthand */
		else if (!ynode_is_null(v) && yload_expect_map(c, v, s->id))
			s->name = yload_str(c, ynode_get(v, "name"), "name");
		if (!s->name)
			s->name = s->id;
	}
}

static const section *find_section(const roster *r, const char *id)
{
	for (size_t i = 0; i < r->nsections; i++)
		if (!strcmp(r->sections[i].id, id))
			return &r->sections[i];
	return NULL;
}

static const stage *find_stage(const roster *r, const char *id)
{
	for (size_t i = 0; i < r->nstages; i++)
		if (!strcmp(r->stages[i].id, id))
			return &r->stages[i];
	return NULL;
}

static void load_stages(struct ctx *x, const ynode *n)
{
	yload *c = x->c;
	if (ynode_is_null(n) || !yload_expect_map(c, n, "stages"))
		return;
	x->r->stages = arena_calloc(c->model, n->n + 1, sizeof(stage));
	for (size_t i = 0; x->r->stages && i < n->n; i++) {
		const ynode *v = entry(c, n, i, "stage");
		if (!v || !yload_expect_map(c, v, n->items[2 * i]->str))
			continue;
		stage *s = &x->r->stages[x->r->nstages++];
		s->id = n->items[2 * i]->str;
		s->loc = yload_loc(c, n->items[2 * i]);
		s->name = yload_str(c, ynode_get(v, "name"), "name");
		if (!s->name)
			s->name = s->id;
		const ynode *sn = ynode_get(v, "section");
		s->section_id = yload_str(c, sn, "section");
		if (s->section_id) {
			s->section = find_section(x->r, s->section_id);
			if (!s->section)
				yload_error(c, sn, "unknown section '%s'", s->section_id);
		} else {
			yload_warning(c, n->items[2 * i], "stage '%s' has no section", s->id);
		}
	}
}

static bool load_team_rule(struct ctx *x, const ynode *n, people_table *t)
{
	static const char *const keys[] = {"manager", "team", "department", NULL};
	yload *c = x->c;
	if (ynode_is_null(n) || !yload_expect_map(c, n, "team-by-manager-slug"))
		return false;
	check_keys(c, n, "team-by-manager-slug", keys);
	memset(t, 0, sizeof(*t));
	t->kind = TABLE_TEAM_BY_MANAGER_SLUG;
	t->shortcode = "team-by-manager-slug";
	t->loc = yload_loc(c, n);
	const ynode *mn = ynode_get(n, "manager");
	t->manager = intern_slug(c, yload_id(c, mn, "manager"));
	t->manager_given = t->manager != NULL;
	t->manager_loc = yload_loc(c, mn ? mn : n);
	if (!t->manager) {
		yload_error(c, n, "team-by-manager-slug needs a 'manager' slug");
		return false;
	}
	map_params(c, n, t);
	const ynode *tn = ynode_get(n, "team");
	if (!ynode_is_null(tn))
		t->team = compile(x, tn, "team");
	const char *dept = yload_str(c, ynode_get(n, "department"), "department");
	if (dept && *dept) {
		t->departments.v = arena_calloc(c->model, 1, sizeof(char *));
		if (t->departments.v)
			t->departments.v[t->departments.n++] = dept;
	}
	return true;
}

static bool load_counterpart_rule(struct ctx *x, const ynode *n,
				  people_table *out)
{
	static const char *const keys[] = {"manager", "manager-role", "role",
					   "other-manager-roles", NULL};
	yload *c = x->c;
	if (!yload_expect_map(c, n, "stable-counterparts"))
		return false;
	check_keys(c, n, "stable-counterparts", keys);
	memset(out, 0, sizeof(*out));
	out->kind = TABLE_STABLE_COUNTERPARTS;
	out->shortcode = "stable-counterparts";
	out->loc = yload_loc(c, n);
	map_params(c, n, out);
	const ynode *mn = ynode_get(n, "manager");
	out->manager = intern_slug(c, yload_id(c, mn, "manager"));
	out->manager_given = out->manager && *out->manager;
	out->manager_loc = yload_loc(c, mn ? mn : n);
	const ynode *v;
	if (!ynode_is_null(v = ynode_get(n, "manager-role")))
		out->manager_role = compile(x, v, "manager-role");
	if (!ynode_is_null(v = ynode_get(n, "role")))
		out->role = compile(x, v, "role");
	if (!out->role && !(v && v->kind != YNODE_SCALAR)) /* none, or blank */
		yload_warning(c, n, "stable-counterparts without 'role' lists nobody");
	if (!ynode_is_null(v = ynode_get(n, "other-manager-roles")))
		out->other_manager_roles = compile(x, v, "other-manager-roles");
	return true;
}

static void load_links(yload *c, const ynode *n, group *g)
{
	if (ynode_is_null(n))
		return;
	if (n->kind == YNODE_MAP) { /* {title: url} shorthand */
		g->links = arena_calloc(c->model, n->n + 1, sizeof(group_link));
		for (size_t i = 0; g->links && i < n->n; i++) {
			if (n->items[2 * i]->overridden)
				continue; /* the later one is read (warned by ydoc) */
			const char *t = yload_str(c, n->items[2 * i], "links");
			const char *u = yload_str(c, n->items[2 * i + 1], "links");
			if (t && u)
				g->links[g->nlinks++] = (group_link){t, u};
		}
		return;
	}
	if (n->kind != YNODE_SEQ) {
		yload_error(c, n, "'links' must be a list of {title, url}, not %s",
			    ynode_kind_name(n));
		return;
	}
	g->links = arena_calloc(c->model, n->n + 1, sizeof(group_link));
	for (size_t i = 0; g->links && i < n->n; i++) {
		const ynode *it = n->items[i];
		if (!yload_expect_map(c, it, "links item"))
			continue;
		const char *t = yload_str(c, ynode_get(it, "title"), "title");
		const char *u = yload_str(c, ynode_get(it, "url"), "url");
		if (!u) {
			yload_error(c, it, "link without a 'url'; skipped");
			continue;
		}
		g->links[g->nlinks++] = (group_link){t ? t : u, u};
	}
}

static void load_okrs(yload *c, const ynode *n, group *g)
{
	static const char *const keys[] = {"project", "labels", "kind", NULL};
	if (ynode_is_null(n) || !yload_expect_map(c, n, "okrs"))
		return;
	check_keys(c, n, "okrs", keys);
	g->okrs.project = yload_str(c, ynode_get(n, "project"), "project");
	g->okrs.labels = yload_strlist(c, ynode_get(n, "labels"), "labels");
	const ynode *kn = ynode_get(n, "kind");
	const char *kind = yload_str(c, kn, "kind");
	if (kind && strcmp(kind, "issues") && strcmp(kind, "work_items")) {
		yload_error(c, kn, "okrs kind must be 'work_items' or 'issues', not '%s'",
			    kind);
		kind = NULL;
	}
	g->okrs.kind = arena_intern(c->model, kind ? kind : "work_items",
				    strlen(kind ? kind : "work_items"));
}

static void load_group(struct ctx *x, const ynode *k, const ynode *v, group *g)
{
	static const char *const keys[] = {
	    "name",	"stage",  "description", "handbook",
	    "team-by-manager-slug", "stable-counterparts", "channels",
	    "labels",	"links",  "okrs",	 NULL};
	yload *c = x->c;
	g->id = k->str;
	g->loc = yload_loc(c, k);
	check_keys(c, v, "a group", keys);
	g->name = yload_str(c, ynode_get(v, "name"), "name");
	if (!g->name)
		g->name = g->id;
	const ynode *sn = ynode_get(v, "stage");
	g->stage_id = yload_str(c, sn, "stage");
	if (g->stage_id) {
		g->stage = find_stage(x->r, g->stage_id);
		if (!g->stage)
			yload_error(c, sn, "unknown stage '%s'", g->stage_id);
	} else {
		yload_warning(c, k, "group '%s' has no stage", g->id);
	}
	g->description = yload_str(c, ynode_get(v, "description"), "description");
	g->handbook = yload_str(c, ynode_get(v, "handbook"), "handbook");
	const ynode *tn = ynode_get(v, "team-by-manager-slug");
	const ynode *cn = ynode_get(v, "stable-counterparts");
	bool list = cn && cn->kind == YNODE_SEQ;
	size_t n = 1 + (ynode_is_null(cn) ? 0 : list ? cn->n : 1);
	g->tables = arena_calloc(c->model, n, sizeof(people_table));
	if (g->tables && load_team_rule(x, tn, &g->tables[0]))
		g->team = &g->tables[g->ntables++];
	for (size_t i = 0; g->tables && i + 1 < n; i++)
		if (load_counterpart_rule(x, list ? cn->items[i] : cn,
					  &g->tables[g->ntables]))
			g->ntables++;
	for (size_t i = 0; i < g->ntables; i++) {
		g->tables[i].id = x->r->ntables++;
		g->tables[i].group = g->index;
	}
	g->channels = yload_strlist(c, ynode_get(v, "channels"), "channels");
	g->labels = yload_strlist(c, ynode_get(v, "labels"), "labels");
	load_links(c, ynode_get(v, "links"), g);
	load_okrs(c, ynode_get(v, "okrs"), g);
}

static void load_groups(struct ctx *x, const ynode *n)
{
	yload *c = x->c;
	if (ynode_is_null(n) || !yload_expect_map(c, n, "groups"))
		return;
	x->r->groups = arena_calloc(c->model, n->n + 1, sizeof(group));
	for (size_t i = 0; x->r->groups && i < n->n; i++) {
		const ynode *v = entry(c, n, i, "group");
		if (!v || !v->complete || !yload_expect_map(c, v, n->items[2 * i]->str))
			continue;
		group *g = &x->r->groups[x->r->ngroups];
		g->index = x->r->ngroups++;
		load_group(x, n->items[2 * i], v, g);
	}
}

void groups_load(yload *c, const char *path, roster *r)
{
	static const char *const keys[] = {"sections", "stages", "groups",
					   "issues_url", NULL};
	struct ctx x = {.c = c, .r = r};
	size_t before = c->diags->count;
	ynode *root = yload_file(c, path, "groups.yml", true);
	r->issues_url = DEFAULT_ISSUES_URL;
	if (!root || ynode_is_null(root)) {
		struct stat st;
		if (c->diags->count == before)
			diag_add(c->diags, DIAG_WARNING, "groups.yml", 0, 0,
				 inputs_stat(path, &st) == 0
				     ? "groups.yml is empty: no groups to show"
				     : "no groups.yml in the roster: no groups to show");
		return;
	}
	if (!yload_expect_map(c, root, "groups.yml"))
		return;
	check_keys(c, root, "groups.yml", keys);
	load_sections(&x, ynode_get(root, "sections"));
	load_stages(&x, ynode_get(root, "stages"));
	load_groups(&x, ynode_get(root, "groups"));
	const char *url = yload_str(c, ynode_get(root, "issues_url"), "issues_url");
	if (url)
		r->issues_url = url;
	table_regexes_finish(r, &x.rx);
}

/* stages.c: sections.yml, stages.yml and categories.yml. */
#include "teamtui/stages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "teamtui/strbuf.h"

static ynode *load(yload *c, const char *dir, const char *prefix,
		   const char *name)
{
	char *path = yload_join(dir, name), *display = yload_join(prefix, name);
	ynode *root = NULL;
	if (path && display) {
		size_t n = strlen(display);
		if (!*prefix) /* yload_join("", x) gave "/x" */
			memmove(display, display + 1, n);
		const char *shown = arena_intern(c->model, display, strlen(display));
		size_t before = c->diags->count;
		root = yload_file(c, path, shown, true);
		if (!root && c->diags->count == before)
			diag_add(c->diags, DIAG_WARNING, shown, 0, 0,
				 "no %s: %s", name,
				 !strcmp(name, "stages.yml")
				     ? "no stages or groups beyond the pages"
				     : "names and labels derived from ids");
	}
	free(path);
	free(display);
	return root;
}

/* "TBD", "TBH", "tbd" and blanks are no value */
static const char *value(yload *c, const ynode *n, const char *field)
{
	const char *s = n && n->kind == YNODE_SCALAR ? yload_str(c, n, field)
						      : NULL;
	if (!s || yload_blank(s) || !strcasecmp(s, "TBD") || !strcasecmp(s, "TBH"))
		return NULL;
	return s;
}

static void slack(yload *c, const ynode *n, const char **channel,
		  const char **alias)
{
	*channel = NULL;
	if (alias)
		*alias = NULL;
	if (!n || n->kind != YNODE_MAP)
		return;
	*channel = value(c, ynode_get(n, "channel"), "channel");
	if (alias)
		*alias = value(c, ynode_get(n, "alias"), "alias");
}

/* People fields of a stages.yml group, by display name or handle. */
static const char *const staff_fields[] = {
	"backend_engineering_manager", "frontend_engineering_manager",
	"fullstack_engineering_manager", "fullstack_managers", "em", "pm",
	"pdm", "ux", "uxr", "tech_writer", "sets", "qm", "support",
	"appsec_engineer", "infrasec_engineer", "pmm", "cm", NULL};

static void read_staff(yload *c, const ynode *v, product_group *g)
{
	size_t cap = 0;
	for (const char *const *f = staff_fields; *f; f++) {
		const ynode *n = ynode_get(v, *f);
		cap += !n ? 0 : n->kind == YNODE_SEQ ? n->n : 1;
	}
	if (!cap || !(g->staff = arena_calloc(c->model, cap, sizeof(staff_entry))))
		return;
	for (const char *const *f = staff_fields; *f; f++) {
		const ynode *n = ynode_get(v, *f);
		if (!n)
			continue;
		size_t k = n->kind == YNODE_SEQ ? n->n : 1;
		for (size_t i = 0; i < k; i++) {
			const ynode *it = n->kind == YNODE_SEQ ? n->items[i] : n;
			if (it->kind != YNODE_SCALAR || ynode_is_null(it) ||
			    yload_blank(it->str) || it->str[0] == '#')
				continue; /* "#docs Slack channel" is no person */
			g->staff[g->nstaff++] = (staff_entry){
			    *f, it->str, NULL, yload_loc(c, it)};
		}
	}
}

static void read_group(yload *c, const char *stage, const ynode *k,
		       const ynode *v, product_group *g)
{
	g->key = k->str;
	g->stage_key = stage;
	g->loc = yload_loc(c, k);
	g->name = value(c, ynode_get(v, "name"), "name");
	if (!g->name)
		g->name = g->key;
	g->description = value(c, ynode_get(v, "description"), "description");
	g->label = value(c, ynode_get(v, "label"), "label");
	const ynode *h = ynode_get(v, "handbook");
	g->handbook = value(c, h, "handbook");
	g->handbook_loc = yload_loc(c, h ? h : k);
	g->gitlab_group = value(c, ynode_get(v, "gitlab_group"), "gitlab_group");
	g->direction = value(c, ynode_get(v, "direction"), "direction");
	g->roadmap = value(c, ynode_get(v, "roadmap"), "roadmap");
	slack(c, ynode_get(v, "slack"), &g->slack_channel, &g->slack_alias);
	g->categories = yload_strlist(c, ynode_get(v, "categories"), "categories");
	size_t ntags = 0;
	for (size_t i = 0; i < v->n; i++) {
		const ynode *kk = v->items[2 * i];
		size_t len = kk->kind == YNODE_SCALAR ? strlen(kk->str) : 0;
		ntags += len > 8 && !strcmp(kk->str + len - 8, "team_tag");
	}
	g->team_tags.v = arena_calloc(c->model, ntags + 1, sizeof(char *));
	for (size_t i = 0; g->team_tags.v && i < v->n; i++) {
		const ynode *kk = v->items[2 * i];
		size_t len = kk->kind == YNODE_SCALAR ? strlen(kk->str) : 0;
		const char *t;
		if (len > 8 && !strcmp(kk->str + len - 8, "team_tag") &&
		    (t = value(c, v->items[2 * i + 1], kk->str)))
			g->team_tags.v[g->team_tags.n++] = t;
	}
	read_staff(c, v, g);
}

static void load_sections(yload *c, const ynode *root, roster *r)
{
	if (!root || !yload_expect_map(c, root, "sections.yml"))
		return;
	r->sections = arena_calloc(c->model, root->n + 1, sizeof(section));
	for (size_t i = 0; r->sections && i < root->n; i++) {
		const ynode *k = root->items[2 * i], *v = root->items[2 * i + 1];
		if (k->kind != YNODE_SCALAR || k->overridden || !yload_id_clean(k->str))
			continue;
		section *s = &r->sections[r->nsections++];
		s->id = k->str;
		s->loc = yload_loc(c, k);
		s->name = v->kind == YNODE_MAP ? value(c, ynode_get(v, "name"), "name")
					       : NULL;
		if (!s->name)
			s->name = s->id;
	}
}

static const section *find_section(const roster *r, const char *id)
{
	for (size_t i = 0; id && i < r->nsections; i++)
		if (!strcmp(r->sections[i].id, id))
			return &r->sections[i];
	return NULL;
}

static void load_stages(yload *c, const ynode *root, roster *r,
			product_data *out)
{
	if (!root || !yload_expect_map(c, root, "stages.yml"))
		return;
	const ynode *stages = ynode_get(root, "stages");
	if (!stages || !yload_expect_map(c, stages, "stages"))
		return;
	size_t ngroups = 0;
	for (size_t i = 0; i < stages->n; i++) {
		const ynode *gs = stages->items[2 * i + 1]->kind == YNODE_MAP
				      ? ynode_get(stages->items[2 * i + 1], "groups")
				      : NULL;
		ngroups += gs && gs->kind == YNODE_MAP ? gs->n : 0;
	}
	r->stages = arena_calloc(c->model, stages->n + 1, sizeof(stage));
	out->stages = arena_calloc(c->model, stages->n + 1, sizeof(product_stage));
	out->groups = arena_calloc(c->model, ngroups + 1, sizeof(product_group));
	if (!r->stages || !out->stages || !out->groups)
		return;
	for (size_t i = 0; i < stages->n; i++) {
		const ynode *k = stages->items[2 * i], *v = stages->items[2 * i + 1];
		if (k->kind != YNODE_SCALAR || k->overridden ||
		    !yload_id_clean(k->str) || !yload_expect_map(c, v, k->str))
			continue;
		stage *s = &r->stages[r->nstages++];
		s->id = k->str;
		s->loc = yload_loc(c, k);
		s->name = value(c, ynode_get(v, "display_name"), "display_name");
		if (!s->name)
			s->name = value(c, ynode_get(v, "name"), "name");
		if (!s->name)
			s->name = s->id;
		const ynode *sn = ynode_get(v, "section");
		s->section_id = value(c, sn, "section");
		s->section = find_section(r, s->section_id);
		if (s->section_id && !s->section && r->nsections)
			yload_warning(c, sn, "unknown section '%s'", s->section_id);
		product_stage *ps = &out->stages[out->nstages++];
		ps->key = s->id;
		ps->label = value(c, ynode_get(v, "label"), "label");
		slack(c, ynode_get(v, "slack"), &ps->slack_channel, NULL);
		const ynode *gs = ynode_get(v, "groups");
		if (!gs || ynode_is_null(gs) || !yload_expect_map(c, gs, "groups"))
			continue;
		for (size_t j = 0; j < gs->n; j++) {
			const ynode *gk = gs->items[2 * j], *gv = gs->items[2 * j + 1];
			if (gk->kind != YNODE_SCALAR || gk->overridden ||
			    !yload_id_clean(gk->str) || !yload_expect_map(c, gv, gk->str))
				continue;
			read_group(c, s->id, gk, gv, &out->groups[out->ngroups++]);
		}
	}
}

static void load_categories(yload *c, const ynode *root, product_data *out)
{
	if (!root || !yload_expect_map(c, root, "categories.yml"))
		return;
	out->categories = arena_calloc(c->model, root->n + 1,
				       sizeof(product_category));
	for (size_t i = 0; out->categories && i < root->n; i++) {
		const ynode *k = root->items[2 * i], *v = root->items[2 * i + 1];
		if (k->kind != YNODE_SCALAR || k->overridden || v->kind != YNODE_MAP)
			continue;
		product_category *pc = &out->categories[out->ncategories++];
		pc->key = k->str;
		pc->name = value(c, ynode_get(v, "name"), "name");
		if (!pc->name)
			pc->name = pc->key;
		pc->label = value(c, ynode_get(v, "label"), "label");
	}
}

void stages_load(yload *c, const char *dir, const char *prefix, roster *r,
		 product_data *out)
{
	memset(out, 0, sizeof(*out));
	load_sections(c, load(c, dir, prefix, "sections.yml"), r);
	load_stages(c, load(c, dir, prefix, "stages.yml"), r, out);
	load_categories(c, load(c, dir, prefix, "categories.yml"), out);
}

char *stages_group_label(const product_group *g)
{
	if (g->label)
		return strdup(g->label);
	char *s = strbuf_concat("group::", g->key);
	for (char *p = s ? s + 7 : NULL; p && *p; p++)
		if (*p == '_')
			*p = ' ';
	return s;
}

char *stages_stage_label(const product_stage *s)
{
	return s->label ? strdup(s->label) : strbuf_concat("devops::", s->key);
}

char *stages_category_label(const product_category *c)
{
	return c->label ? strdup(c->label) : strbuf_concat("Category:", c->name);
}

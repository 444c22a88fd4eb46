/* stages: GitLab's product data files (www-gitlab-com data/, copied to a
 * handbook checkout's data/public/ by its sync script): sections.yml,
 * stages.yml (`stages:` map, each stage with its `groups:`) and
 * categories.yml. Field meanings: the handbook's product/categories page
 * and www-gitlab-com lib/{section,stage,group,category}.rb. */
#ifndef TEAMTUI_STAGES_H
#define TEAMTUI_STAGES_H

#include "teamtui/roster.h"
#include "teamtui/yload.h"

/* A stages.yml group, before it becomes a roster group. */
typedef struct product_group {
	const char *key, *stage_key, *name, *description;
	const char *label;	/* `label`, or NULL (derived: group::<key>) */
	const char *handbook;	/* as written, or NULL */
	const char *gitlab_group, *direction, *roadmap;
	const char *slack_channel, *slack_alias; /* NULL, "TBD" dropped */
	strlist categories;	/* keys into categories.yml */
	strlist team_tags;	/* values of be_team_tag, fe_team_tag, ... */
	staff_entry *staff;	/* person still NULL: resolved by the caller */
	size_t nstaff;
	srcloc loc;
	srcloc handbook_loc;
} product_group;

typedef struct product_stage {
	const char *key, *label; /* label NULL: derived devops::<key> */
	const char *slack_channel;
} product_stage;

typedef struct product_category {
	const char *key, *name, *label; /* label NULL: Category:<name> */
} product_category;

typedef struct product_data {
	product_group *groups;
	size_t ngroups;
	product_stage *stages;
	size_t nstages;
	product_category *categories;
	size_t ncategories;
} product_data;

/* Read DIR/sections.yml, DIR/stages.yml and DIR/categories.yml (display
 * names PREFIX + file name, e.g. "data/public/stages.yml") into
 * r->sections and r->stages and *out (all in c->model). A missing file is
 * a warning naming it; problems are located diagnostics. */
void stages_load(yload *c, const char *dir, const char *prefix, roster *r,
		 product_data *out);

/* The labels GitLab derives (lib/group.rb, stage.rb, category.rb):
 * "group::" + key with '_' as ' ' unless `label`; "devops::" + stage key
 * unless `label`; "Category:" + name unless `label`. malloc'd. */
char *stages_group_label(const product_group *g);
char *stages_stage_label(const product_stage *s);
char *stages_category_label(const product_category *c);

#endif

/* roster: the organisation model, loaded from a roster directory.
 *
 * Everything lives in one arena and is immutable after roster_load():
 * strings are interned (equal strings share one pointer), people and
 * groups sit in arrays in roster order. The resolver (resolve.h) turns the
 * groups' rules into member lists; this module only loads and indexes. */
#ifndef TEAMTUI_ROSTER_H
#define TEAMTUI_ROSTER_H

#include <stdbool.h>
#include <stddef.h>

#include "teamtui/arena.h"
#include "teamtui/diag.h"
#include "teamtui/inputs.h"
#include "teamtui/pattern.h"

typedef struct strlist {
	const char **v;
	size_t n;
} strlist;

typedef struct srcloc {
	const char *file; /* interned, relative to the roster directory */
	int line, col;
} srcloc;

typedef struct project_role {
	const char *project;
	strlist roles; /* "maintainer backend", "reviewer", ... */
} project_role;

/* What one of those role texts says, by its first word (GitLab's
 * team.yml `projects:` values: "maintainer backend", "trainee_maintainer
 * frontend", "reviewer database"), ordered by standing. */
typedef enum {
	PROJECT_ROLE_OTHER,
	PROJECT_ROLE_REVIEWER,
	PROJECT_ROLE_TRAINEE_MAINTAINER,
	PROJECT_ROLE_MAINTAINER,
} project_role_kind;

typedef enum { PERSON_PERSON, PERSON_VACANCY } person_type;

typedef struct person {
	size_t index; /* roster order */
	const char *slug;
	person_type type;
	/* (next to type, in one cache line with the strings a list reads) */
	bool public_; /* `public:` (default true) */
	bool placeholder;
	const char *type_name; /* as written ("person" when missing) */
	const char *name;
	const char *role_html; /* raw, what regexes match; NULL if none */
	const char *role;      /* plain text */
	int role_id;	       /* distinct role_html number, -1 without one */
	const char *job_title, *reports_to, *gitlab, *division;
	const char *locality, *country, *pronouns, *timezone;
	const char *working_hours; /* as written ("09:00-17:00 Mon-Fri",
				     workhours.h), or NULL */
	const char *expertise_html;
	strlist expertise; /* plain text items of the <li> list */
	strlist departments, specialty, domain_expertise, team_tags;
	strlist true_fields; /* keys whose value is the boolean true */
	project_role *projects;
	size_t nprojects;
	srcloc loc, reports_to_loc;
} person;

typedef struct section {
	const char *id, *name;
	srcloc loc;
} section;

typedef struct stage {
	const char *id, *name, *section_id;
	const section *section; /* NULL when section_id names nothing */
	srcloc loc;
} stage;

/* A regex from groups.yml, compiled once at load (NULL when invalid). */
typedef struct role_regex {
	const char *source;
	bool invalid; /* the source does not compile: it matches nobody */
	pattern *re;  /* compiled at load; NULL when invalid, or when the
			 roster was mapped from a snapshot (the resolver then
			 compiles it on first use) */
	size_t id; /* index in roster.patterns, for the resolver's memo */
	srcloc loc;
} role_regex;

/* A people table: one call of a handbook shortcode that lists people
 * (a page's `{{< team-by-manager-slug "slug" >}}`, or a groups.yml
 * `team-by-manager-slug:` / `stable-counterparts:` map, which is the same
 * call written as YAML). table.h names the kinds and decodes parameters;
 * resolve.h evaluates them as the handbook's templates do. */
typedef enum {
	TABLE_TEAM_BY_MANAGER_SLUG,
	TABLE_STABLE_COUNTERPARTS, /* engineering/stable-counterparts, or
				      the older stable-counterparts */
	TABLE_TEAM_BY_MANAGER_ROLE,
	TABLE_TEAM_BY_DEPARTMENTS,
	TABLE_GROUP_BY_SLUGS,
	TABLE_MEMBERS_BY_ROLE,
	TABLE_DEPARTMENT_MEMBERS,
	TABLE_MEMBER_AND_ROLE_BY_GITLAB,
	TABLE_GROUP_BY_EXPERTISE,
	TABLE_NKINDS
} table_kind;

typedef struct table_param {
	const char *name;  /* NULL for a positional parameter */
	const char *value; /* as Hugo reads it (escapes applied) */
	bool is_string;	   /* false: Hugo typed it a bool or a number */
	bool quoted;	   /* written "..." or `...` (loc is the quote) */
	srcloc loc;
} table_param;

typedef struct people_table {
	size_t id;	   /* index among all the roster's tables, for caches */
	size_t group;	   /* index of its group in roster.groups */
	table_kind kind;
	const char *shortcode; /* the name as written */
	bool named;	   /* named parameters (false: positional or none) */
	table_param *params;
	size_t nparams;
	const char *heading; /* nearest heading above the call, or NULL */
	srcloc loc;	     /* the call's opening {{ (groups.yml: the map) */
	/* What the template reads, decoded from the parameters (table.h):
	 * NULL or empty when the template reads nothing there. */
	const char *manager;	/* a slug (interned), as given */
	bool manager_given;	/* manager set, even to a non-string value */
	srcloc manager_loc;
	role_regex *manager_role, *role, *team, *other_manager_roles;
	strlist departments;	/* team-by-departments, department(-members),
				   team-by-manager-slug's department */
	strlist values;		/* group-by-slugs slugs, gitlab handles */
	const char *term;	/* group-by-expertise */
	bool never_matches;	/* a selector Hugo cannot match (a number or
				   bool where a string is read) */
} people_table;

/* A person stages.yml names for a group by display name or GitLab handle
 * (backend_engineering_manager, pm, ux, tech_writer, ...). */
typedef struct staff_entry {
	const char *field;    /* the stages.yml key: "pm", "ux", ... */
	const char *name;     /* as written */
	const person *person; /* by exact name, else gitlab handle; or NULL */
	srcloc loc;
} staff_entry;

typedef struct link {
	const char *title, *url;
} group_link;

typedef struct okr_source {
	const char *project; /* NULL when the group has none */
	strlist labels;
	const char *kind; /* "work_items" (default) or "issues" */
} okr_source;

typedef struct group {
	size_t index;
	const char *id, *name, *stage_id, *description, *handbook;
	const stage *stage; /* NULL when stage_id names nothing */
	people_table *tables; /* page order (groups.yml: team, then the
				 stable-counterparts maps) */
	size_t ntables;
	const people_table *team; /* the first table that is not
				     stable-counterparts: the members */
	const char *page;	  /* handbook page, relative to the checkout
				     root; NULL for a groups.yml group */
	staff_entry *staff;	  /* people stages.yml names for the group */
	size_t nstaff;
	strlist channels, labels;
	/* NULL, or channels.n entries: the Slack link (slack.com/archives/...)
	 * the handbook page gives the channel, else NULL */
	const char **channel_urls;
	group_link *links;
	size_t nlinks;
	okr_source okrs;
	srcloc loc;
} group;

typedef struct roster {
	arena *arena;
	const char *dir;
	bool handbook; /* loaded from a handbook checkout */
	int dir_errno; /* 0, or why the directory itself cannot be read
			  (ENOENT, ENOTDIR, EACCES): nothing was loaded */
	person *people;
	size_t npeople;
	section *sections;
	size_t nsections;
	stage *stages;
	size_t nstages;
	group *groups;
	size_t ngroups;
	role_regex **patterns; /* every compiled regex, by role_regex.id */
	size_t npatterns;
	size_t nroles; /* distinct role_html strings (role_id < nroles) */
	size_t ntables; /* people_table.id < this */
	const char *issues_url; /* base of label issue-list links */
	/* indexes */
	size_t *slug_slots; /* open addressing: person index + 1, 0 empty */
	size_t nslug_slots;
	size_t *reports_start, *reports; /* direct reports, CSR by manager */
	/* every file and directory the load looked at (inputs.h), in the
	 * order it did; inputs_complete is false when memory ran out while
	 * noting them (then no snapshot may stand for this roster) */
	input_file *inputs;
	size_t ninputs;
	bool inputs_complete;
	/* the snapshot this roster was mapped from (snapshot.h), or NULL:
	 * it also holds the resolved teams and the who-search index */
	struct snapshot *snapshot;
} roster;

/* Where a roster comes from: a roster directory (groups.yml) or a handbook
 * checkout, with people and product data optionally from elsewhere
 * (`--people`, `--data`; handbook.h). */
typedef struct roster_input {
	const char *dir;
	const char *people; /* NULL: the checkout's own */
	const char *data;   /* NULL: the checkout's own */
	/* the data directory `teamtui sync` fills (config_data_dir), or NULL:
	 * a handbook checkout without data/public/team.yml (or stages.yml)
	 * takes its people (or product data) from there */
	const char *synced;
} roster_input;

/* Load a roster from src: a handbook checkout when src->dir has
 * content/handbook/, or a synced data directory (team.yml and stages.yml,
 * no groups.yml: handbook_is_data_dir) as a checkout without pages
 * (handbook.h), else as roster_load(). NULL only when out of memory. */
roster *roster_load_input(const roster_input *src, diag_list *diags);

/* Load the roster directory `dir`: groups.yml plus either team.yml or
 * team_members/{person,vacancy}/.../SLUG.yml. Problems go to diags; whatever
 * loaded is kept. NULL only when out of memory. */
roster *roster_load(const char *dir, diag_list *diags);
void roster_free(roster *r);

/* The first person with this slug, or NULL. */
const person *roster_person(const roster *r, const char *slug);
/* The first person with this gitlab handle (a leading '@' is ignored). */
const person *roster_person_by_handle(const roster *r, const char *handle);
const group *roster_group(const roster *r, const char *id);
/* Direct reports of p (everyone whose reports_to is p's slug), roster
 * order. */
const size_t *roster_reports(const roster *r, const person *p, size_t *n);
/* The same for the person at r->people[index], without reading it. */
const size_t *roster_reports_at(const roster *r, size_t index, size_t *n);

/* The kind of a project role text, by its first word as a whole word
 * (case-insensitive): "maintainer", "trainee_maintainer" (also spelt
 * "trainee-maintainer" or "trainee maintainer"), "reviewer"; anything
 * else is PROJECT_ROLE_OTHER. *area is the rest after the word and its
 * spaces ("backend"), or NULL when there is none or the kind is OTHER. */
project_role_kind roster_project_role(const char *text, const char **area);
/* The highest standing among a project's roles. */
project_role_kind roster_project_best(const project_role *pr);
/* "maintainer", "trainee maintainer", "reviewer"; NULL for OTHER. */
const char *roster_project_role_name(project_role_kind k);
/* A role text as people read it: "trainee maintainer (backend)",
 * "maintainer", or the text itself when it is none of the known kinds.
 * malloc'd; NULL when out of memory. */
char *roster_project_role_text(const char *text);
/* All of a project's roles that way, joined with ", ". malloc'd. */
char *roster_project_roles_text(const strlist *roles);

/* Limits on what a roster may hold; past them the loader reports and
 * skips instead of exhausting memory. */
enum {
	ROSTER_MAX_FILE_BYTES = 256 * 1024 * 1024,
	ROSTER_MAX_FILES = 200000,
	ROSTER_MAX_TREE_DEPTH = 8,
};

#endif

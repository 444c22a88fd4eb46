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
	const char *type_name; /* as written ("person" when missing) */
	const char *name;
	const char *role_html; /* raw, what regexes match; NULL if none */
	const char *role;      /* plain text */
	int role_id;	       /* distinct role_html number, -1 without one */
	const char *job_title, *reports_to, *gitlab, *division;
	const char *locality, *country, *pronouns, *timezone;
	const char *expertise_html;
	strlist expertise; /* plain text items of the <li> list */
	strlist departments, specialty, domain_expertise, team_tags;
	project_role *projects;
	size_t nprojects;
	bool public_; /* `public:` (default true) */
	bool placeholder;
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
	pattern *re;
	size_t id; /* index in roster.patterns, for the resolver's memo */
	srcloc loc;
} role_regex;

typedef struct team_rule { /* team-by-manager-slug */
	const char *manager;
	role_regex *team;       /* optional role filter */
	const char *department; /* optional */
	srcloc loc, manager_loc;
} team_rule;

typedef struct counterpart_rule { /* one stable-counterparts map */
	size_t id; /* index among all the roster's rules, for caches */
	const char *manager;	 /* optional slug */
	role_regex *manager_role; /* optional */
	role_regex *role;
	role_regex *other_manager_roles;
	srcloc loc, manager_loc;
} counterpart_rule;

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
	team_rule *team;    /* NULL without team-by-manager-slug */
	counterpart_rule *counterparts;
	size_t ncounterparts;
	strlist channels, labels;
	group_link *links;
	size_t nlinks;
	okr_source okrs;
	srcloc loc;
} group;

typedef struct roster {
	arena *arena;
	const char *dir;
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
	size_t ncounterpart_rules; /* counterpart_rule.id < this */
	const char *issues_url; /* base of label issue-list links */
	/* indexes */
	size_t *slug_slots; /* open addressing: person index + 1, 0 empty */
	size_t nslug_slots;
	size_t *reports_start, *reports; /* direct reports, CSR by manager */
} roster;

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

/* fuzz-handbook: a whole handbook checkout through roster_load (handbook.c:
 * the page walk, shortcode_scan, page_read, table_decode with every regex
 * through pattern_compile, stages_load, redirects_parse and the matching
 * of stages.yml groups to pages by handbook path, redirect, alias, label
 * and team tag), next to a fixed data/public/team.yml, sections.yml and
 * categories.yml; then every table of every group resolved, and
 * everything fz_check_roster checks.
 *
 * Feeds: the input split at its first "\n%%stages.yml%%\n" and, after it,
 * the first "\n%%index.redirects%%\n": the page
 * content/handbook/x/_index.md, data/public/stages.yml and
 * layouts/index.redirects (a part whose marker is missing is no file).
 * Asserts: no memory error, leak or undefined behaviour; the fixed people
 * all load; only the page has tables, and each table's location is in it
 * (line and column >= 1, parameters not above the call); every table has
 * a non-empty shortcode name of its kind, its group's index, and an id
 * below r->ntables that no other table has; a group's `team` is its first
 * team table; stage and section pointers match their ids; staff people
 * are the roster's; resolve_table gives, cached, rows of roster people
 * with the manager row first where the template puts one;
 * table_department_group is never NULL; everything fz_check_roster checks;
 * the diagnostics pass fz_check_diags. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz-common.h"
#include "fuzz-roster.h"
#include "teamtui/resolve.h"
#include "teamtui/roster.h"
#include "teamtui/table.h"

#include "fuzz-roster.h"

#define PAGE "content/handbook/x/_index.md"
#define NPEOPLE 13

/* A small Create stage as the handbook's team.yml writes it: roles as
 * job-family links, departments, team tags, expertise lists, a `true`
 * field, a vacancy, a dangling manager. Names are the ones the stages.yml
 * seeds give as staff. */
static const char team_yml[] =
    "- slug: vp-development\n"
    "  type: person\n"
    "  name: Val Prentice\n"
    "  role: <a href=\"/job-families/engineering/development/management/vp/\">VP of Development</a>\n"
    "  gitlab: vprentice\n"
    "  departments: [Engineering Function, Development Department]\n"
    "- slug: marisol-quintero\n"
    "  name: Marisol Quintero\n"
    "  role: <a href=\"/job-families/engineering/development/management/senior-engineering-manager/\">Senior Engineering Manager</a>, Create\n"
    "  reports_to: vp-development\n"
    "  gitlab: mquintero\n"
    "  departments: [Engineering Function, Dev Section, Create Stage]\n"
    "- slug: petra-novakova\n"
    "  name: Petra Nováková\n"
    "  role: <a href=\"/job-families/engineering/development/management/engineering-manager/#engineering-manager\">Engineering Manager</a>, Create:Source Code\n"
    "  reports_to: marisol-quintero\n"
    "  gitlab: petra-n\n"
    "  departments:\n"
    "    - Engineering Function\n"
    "    - Create Stage\n"
    "    - Source Code Team\n"
    "  team_tags: [Source Code Team]\n"
    "- slug: adaeze-nnamdi\n"
    "  name: Adaeze Nnamdi\n"
    "  role: <a href=\"/job-families/engineering/frontend-engineer/#frontend-engineer\">Frontend Engineer</a>, Create:Source Code\n"
    "  reports_to: petra-novakova\n"
    "  gitlab: adaeze-nnamdi-dev\n"
    "  departments: [Engineering Function, Source Code Team]\n"
    "  specialty: [Source Code, Frontend]\n"
    "- slug: bruno-caldeira\n"
    "  name: Bruno Caldeira\n"
    "  role: <a href=\"/job-families/engineering/backend-engineer/#senior-backend-engineer\">Senior Backend Engineer</a>, Create:Source Code\n"
    "  reports_to: petra-novakova\n"
    "  gitlab: bruno-caldeira-dev\n"
    "  departments: [Engineering Function, Source Code Team, Merge Request Coach]\n"
    "  expertise: \"<li><a href=\\\"/handbook/marketing/merge-request-coach-lifecycle/\\\">Merge request coach</a></li><li>Git</li><li>Rails</li>\"\n"
    "  mentor: true\n"
    "  projects:\n"
    "    gitlab: [maintainer backend, reviewer database]\n"
    "- slug: arjun-mehta\n"
    "  name: Arjun Mehta\n"
    "  role: <a href=\"/job-families/engineering/development/management/backend-engineering-manager/\">Backend Engineering Manager</a>, Create:Code Review\n"
    "  reports_to: marisol-quintero\n"
    "  gitlab: mehta.arjun\n"
    "  departments: [Engineering Function, Create Stage, Code Review BE Team]\n"
    "- slug: reid-clarke\n"
    "  name: Reid Clarke\n"
    "  role: <a href=\"/job-families/engineering/development/management/frontend-engineering-manager/\">Frontend Engineering Manager</a>, Create:Code Review\n"
    "  reports_to: marisol-quintero\n"
    "  gitlab: reidc-gl\n"
    "  departments: [Engineering Function, Code Review FE Team]\n"
    "- slug: code-review-backend-tbh\n"
    "  type: vacancy\n"
    "  name: Backend Engineer\n"
    "  role: Backend Engineer, Create:Code Review\n"
    "  reports_to: arjun-mehta\n"
    "- slug: ines-carvalho\n"
    "  name: Inês Carvalho\n"
    "  role: <a href=\"/job-families/product/product-manager/#senior-product-manager\">Senior Product Manager</a>, Create:Source Code\n"
    "  reports_to: product-director-tbh\n"
    "  gitlab: icarvalho\n"
    "  departments: [Product Management, Create Product Group]\n"
    "- slug: rosalind-achebe\n"
    "  name: Rosalind Achebe\n"
    "  role: <a href=\"/job-families/product/product-designer/\">Product Designer</a>, Create:Source Code, Create:Code Review\n"
    "  gitlab: rachebe\n"
    "  departments: [UX, Create UX Team]\n"
    "  expertise: \"<li>LLM evaluation</li><li>Design systems</li>\"\n"
    "- slug: quentin-marais\n"
    "  name: Quentin Marais\n"
    "  role: <a href=\"/job-families/product/technical-writer/\">Technical Writer</a>, Create\n"
    "  gitlab: qmarais\n"
    "  departments: [Technical Writing]\n"
    "  public: true\n"
    "- slug: sofia-castellano\n"
    "  name: Sofía Castellano\n"
    "  role: <a href=\"/job-families/engineering/software-engineer-in-test/\">Software Engineer in Test</a>, Secure:Static Analysis\n"
    "  reports_to: vulnerability-research-em\n"
    "  gitlab: scastellano\n"
    "  departments: [Engineering Function, Static Analysis BE Team]\n"
    "  team_tags: [Secure:Static Analysis]\n"
    "  domain_expertise: [SAST]\n"
    "- slug: lost\n"
    "  name: Lost Engineer\n"
    "  role: Backend Engineer\n"
    "  reports_to: nobody-here\n"
    "  departments: [Fullstack Runner Core Team]\n";

static const char sections_yml[] =
    "dev:\n"
    "  name: Dev\n"
    "  slack:\n"
    "    channel: s_dev\n"
    "sec:\n"
    "  name: Sec\n";

static const char categories_yml[] =
    "source_code_management:\n"
    "  name: Source Code Management\n"
    "  stage: create\n"
    "code_review_workflow:\n"
    "  name: Code Review Workflow\n"
    "  stage: create\n"
    "  label: Category:Code Review\n";

static char *root, *page, *stages, *redirects_file;

static void write_fixed(const char *dir, const char *name, const char *text)
{
	char *p = fz_path(dir, name);
	fz_write(p, (const uint8_t *)text, strlen(text));
	free(p);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	root = fz_path(fz_tmpdir(), "handbook");
	char *d = fz_path(root, "content/handbook/x");
	fz_mkdirs(d);
	free(d);
	d = fz_path(root, "layouts");
	fz_mkdirs(d);
	free(d);
	d = fz_path(root, "data/public");
	fz_mkdirs(d);
	write_fixed(d, "team.yml", team_yml);
	write_fixed(d, "sections.yml", sections_yml);
	write_fixed(d, "categories.yml", categories_yml);
	stages = fz_path(d, "stages.yml");
	free(d);
	page = fz_path(root, PAGE);
	redirects_file = fz_path(root, "layouts/index.redirects");
	return 0;
}

static const uint8_t *find(const uint8_t *s, size_t n, const char *what)
{
	size_t k = strlen(what);
	for (size_t i = 0; i + k <= n; i++)
		if (s[i] == (uint8_t)what[0] && !memcmp(s + i, what, k))
			return s + i;
	return NULL;
}

/* Write data[0..n) to path, or remove the file when data is NULL. */
static void put(const char *path, const uint8_t *data, size_t n)
{
	if (data)
		fz_write(path, data, n);
	else
		unlink(path);
}

static int is_person(const roster *r, const person *p)
{
	return p >= r->people && p < r->people + r->npeople;
}

static void check_rows(const roster *r, resolver *rs, const people_table *t)
{
	const table_rows *rows = resolve_table(rs, t);
	FZ_CHECK(rows != NULL, "resolve_table: out of memory");
	FZ_CHECK(resolve_table(rs, t) == rows, "table %zu: not cached", t->id);
	FZ_CHECK(rows->table == t, "table %zu: rows of another table", t->id);
	FZ_CHECK(!rows->manager || is_person(r, rows->manager),
		 "table %zu: manager row not a roster person", t->id);
	const plist *l = &rows->people;
	for (size_t i = 0; i < l->n; i++)
		FZ_CHECK(is_person(r, l->v[i]),
			 "table %zu: row %zu is not a roster person", t->id, i);
	switch (t->kind) {
	case TABLE_TEAM_BY_MANAGER_SLUG:
		FZ_CHECK(!rows->manager || rows->manager == roster_person(r, t->manager),
			 "table %zu: manager row is not '%s'", t->id, t->manager);
		/* fall through */
	case TABLE_TEAM_BY_MANAGER_ROLE:
		FZ_CHECK(!rows->manager == !l->n,
			 "table %zu: %zu rows, manager %s", t->id, l->n,
			 rows->manager ? rows->manager->slug : "none");
		/* fall through */
	case TABLE_TEAM_BY_DEPARTMENTS:
		FZ_CHECK(!rows->manager || (l->n && l->v[0] == rows->manager),
			 "table %zu: the manager row is not first", t->id);
		break;
	case TABLE_GROUP_BY_SLUGS:
		FZ_CHECK(l->n <= t->values.n, "table %zu: %zu rows for %zu slugs",
			 t->id, l->n, t->values.n);
		break;
	default:
		break;
	}
}

static void check_tables(const roster *r)
{
	unsigned char *seen = calloc(r->ntables + 1, 1);
	FZ_CHECK(seen != NULL, "out of memory");
	size_t total = 0, pages = 0;
	resolver *rs = resolver_new(r);
	FZ_CHECK(rs != NULL, "resolver_new: out of memory");
	for (size_t gi = 0; gi < r->ngroups; gi++) {
		const group *g = &r->groups[gi];
		FZ_CHECK(!g->page || !strcmp(g->page, PAGE), "group '%s' on page '%s'",
			 g->id, g->page);
		pages += g->page != NULL;
		FZ_CHECK(g->page || !g->ntables, "group '%s': tables without a page",
			 g->id);
		FZ_CHECK(!g->stage || !strcmp(g->stage->id, g->stage_id),
			 "group '%s' points at the wrong stage", g->id);
		for (size_t k = 0; k < g->nstaff; k++)
			FZ_CHECK(g->staff[k].field && g->staff[k].name &&
				     (!g->staff[k].person || is_person(r, g->staff[k].person)),
				 "group '%s': staff entry %zu malformed", g->id, k);
		const people_table *team = NULL;
		for (size_t k = 0; k < g->ntables; k++) {
			const people_table *t = &g->tables[k];
			total++;
			FZ_CHECK(t->id < r->ntables, "table id %zu of %zu", t->id,
				 r->ntables);
			FZ_CHECK(!seen[t->id], "table id %zu given twice", t->id);
			seen[t->id] = 1;
			FZ_CHECK(t->group == gi, "table %zu: group %zu, in group %zu",
				 t->id, t->group, gi);
			FZ_CHECK(t->loc.file && !strcmp(t->loc.file, PAGE),
				 "table %zu in '%s'", t->id, t->loc.file);
			FZ_CHECK(t->loc.line >= 1 && t->loc.col >= 1,
				 "table %zu at line %d column %d", t->id, t->loc.line,
				 t->loc.col);
			table_kind kind;
			FZ_CHECK(t->shortcode && *t->shortcode &&
				     table_kind_of(t->shortcode, &kind) && kind == t->kind,
				 "table %zu: shortcode '%s' is not of kind %d", t->id,
				 t->shortcode ? t->shortcode : "(null)", (int)t->kind);
			for (size_t j = 0; j < t->nparams; j++) {
				const table_param *p = &t->params[j];
				FZ_CHECK(p->value && (!p->name == !t->named),
					 "table %zu: parameter %zu malformed", t->id, j);
				FZ_CHECK(p->loc.file == t->loc.file &&
					     p->loc.line >= t->loc.line && p->loc.col >= 1,
					 "table %zu: parameter %zu at %d:%d, call at %d",
					 t->id, j, p->loc.line, p->loc.col, t->loc.line);
			}
			if (!team && table_is_team(t->kind))
				team = t;
			check_rows(r, rs, t);
		}
		FZ_CHECK(g->team == team, "group '%s': team is not its first team table",
			 g->id);
	}
	FZ_CHECK(pages <= 1, "%zu groups on the one page", pages);
	FZ_CHECK(total == r->ntables, "%zu tables in groups, r->ntables %zu", total,
		 r->ntables);
	resolver_free(rs);
	free(seen);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char sm[] = "\n%%stages.yml%%\n",
			  rm[] = "\n%%index.redirects%%\n";
	const uint8_t *end = data + size;
	const uint8_t *s = find(data, size, sm);
	const uint8_t *sd = s ? s + strlen(sm) : NULL;
	const uint8_t *rdm = sd ? find(sd, (size_t)(end - sd), rm) : NULL;
	const uint8_t *rd = rdm ? rdm + strlen(rm) : NULL;
	put(page, data, (size_t)((s ? s : end) - data));
	put(stages, sd, (size_t)((rdm ? rdm : end) - (sd ? sd : end)));
	put(redirects_file, rd, (size_t)(end - (rd ? rd : end)));

	diag_list diags;
	diag_init(&diags);
	roster *r = roster_load(root, &diags);
	FZ_CHECK(r != NULL, "roster_load: out of memory");
	FZ_CHECK(r->handbook, "not loaded as a handbook checkout");
	FZ_CHECK(r->npeople == NPEOPLE, "the fixed team.yml gave %zu people",
		 r->npeople);
	FZ_CHECK(r->issues_url != NULL, "no issues_url");
	for (size_t i = 0; i < r->nstages; i++) {
		const stage *st = &r->stages[i];
		FZ_CHECK(!st->section || !strcmp(st->section->id, st->section_id),
			 "stage '%s' points at the wrong section", st->id);
	}
	for (size_t i = 0; i < r->npeople; i++) {
		char *dg = table_department_group(&r->people[i]);
		FZ_CHECK(dg != NULL, "table_department_group: NULL for '%s'",
			 r->people[i].slug);
		free(dg);
	}
	check_tables(r);
	fz_check_roster(r, &diags);
	roster_free(r);
	diag_free(&diags);
	return 0;
}

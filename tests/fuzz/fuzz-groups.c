/* fuzz-groups: a groups.yml in a roster directory next to a fixed
 * team.yml, through roster_load (groups_load: sections, stages, groups,
 * rules, links, okrs; every regex through pattern_compile), then every
 * group resolved, every person's groups and chain, the lint and the search
 * index (fz_check_roster).
 *
 * Feeds: the input as groups.yml's bytes.
 * Asserts: no memory error, leak or undefined behaviour; the fixed
 * people all load; every group's stage/section pointer is the one its id
 * names; everything fz_check_roster checks; the diagnostics pass
 * fz_check_diags. */
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"
#include "fuzz-roster.h"
#include "teamtui/roster.h"

/* A small organisation: two managers, reports, a cycle, a dangling
 * manager, a vacancy, HTML roles. */
static const char team_yml[] =
    "- slug: sean-carroll\n"
    "  name: Sean Carroll\n"
    "  role: <a href=\"/job-families/\">Engineering Manager</a>, Custom Models\n"
    "  reports_to: boss\n"
    "  departments: [Engineering, Custom Models]\n"
    "- slug: boss\n"
    "  name: Boss\n"
    "  role: VP of Engineering\n"
    "- slug: ada\n"
    "  name: Ada\n"
    "  role: Senior Backend Engineer, Custom Models\n"
    "  reports_to: sean-carroll\n"
    "  team_tags: [Runner Core]\n"
    "  projects: {gitlab: [maintainer backend, reviewer]}\n"
    "- slug: pm\n"
    "  name: Pat Manager\n"
    "  role: Senior Product Manager, Create:Custom Models\n"
    "  reports_to: boss\n"
    "- slug: fe\n"
    "  role: Frontend Engineer, Custom Models\n"
    "  reports_to: fe-manager\n"
    "- slug: fe-manager\n"
    "  role: Frontend Engineering Manager\n"
    "  reports_to: boss\n"
    "- slug: loop-a\n"
    "  role: Engineer\n"
    "  reports_to: loop-b\n"
    "- slug: loop-b\n"
    "  role: Engineer\n"
    "  reports_to: loop-a\n"
    "- slug: lost\n"
    "  role: Backend Engineer\n"
    "  reports_to: nobody-here\n"
    "- slug: vacancy-backend\n"
    "  type: vacancy\n"
    "  name: Backend Engineer\n"
    "  reports_to: sean-carroll\n";

static char *root, *groups;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	root = fz_path(fz_tmpdir(), "groups-roster");
	fz_mkdirs(root);
	char *t = fz_path(root, "team.yml");
	fz_write(t, (const uint8_t *)team_yml, strlen(team_yml));
	free(t);
	groups = fz_path(root, "groups.yml");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_write(groups, data, size);
	diag_list diags;
	diag_init(&diags);
	roster *r = roster_load(root, &diags);
	FZ_CHECK(r != NULL, "roster_load: out of memory");
	FZ_CHECK(r->npeople == 10, "the fixed team.yml gave %zu people",
		 r->npeople);
	for (size_t i = 0; i < r->nstages; i++) {
		const stage *s = &r->stages[i];
		FZ_CHECK(!s->section || !strcmp(s->section->id, s->section_id),
			 "stage '%s' points at the wrong section", s->id);
	}
	for (size_t i = 0; i < r->ngroups; i++) {
		const group *g = &r->groups[i];
		FZ_CHECK(!g->stage || !strcmp(g->stage->id, g->stage_id),
			 "group '%s' points at the wrong stage", g->id);
		FZ_CHECK(g->okrs.kind == NULL || !strcmp(g->okrs.kind, "issues") ||
			     !strcmp(g->okrs.kind, "work_items"),
			 "group '%s': okrs kind '%s'", g->id, g->okrs.kind);
		for (size_t k = 0; k < g->nlinks; k++)
			FZ_CHECK(g->links[k].title && g->links[k].url,
				 "group '%s': link %zu incomplete", g->id, k);
	}
	FZ_CHECK(r->issues_url != NULL, "no issues_url");
	fz_check_roster(r, &diags);
	roster_free(r);
	diag_free(&diags);
	return 0;
}

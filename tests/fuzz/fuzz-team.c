/* fuzz-team: a team.yml, streamed item by item through people_load_list,
 * inside a whole roster load (roster_load: the slug and reports indexes,
 * role numbering) next to a fixed groups.yml whose rules name the usual
 * slugs and roles, so the resolver, the lint and the search index run
 * over the fuzzed people.
 *
 * Feeds: the input as team.yml's bytes.
 * Asserts: no memory error, leak or undefined behaviour; everything
 * fz_check_roster checks (indexes consistent, resolve_group and
 * resolve_person_groups agree, manager chains end properly, search hits
 * in range and best first); the diagnostics pass fz_check_diags. */
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"
#include "fuzz-roster.h"
#include "teamtui/roster.h"

static const char groups_yml[] =
    "sections:\n"
    "  dev: Dev\n"
    "stages:\n"
    "  create:\n"
    "    name: Create\n"
    "    section: dev\n"
    "groups:\n"
    "  custom-models:\n"
    "    name: Custom Models\n"
    "    stage: create\n"
    "    team-by-manager-slug:\n"
    "      manager: sean-carroll\n"
    "      team: Engineer\n"
    "    stable-counterparts:\n"
    "      - role: Product Manager(.*)Custom Models\n"
    "      - manager-role: Engineering Manager(.*)Custom Models\n"
    "        role: (?i)custom models\n"
    "        other-manager-roles: Frontend\n"
    "    labels: [\"group::custom models\"]\n"
    "    channels: [\"#g_custom-models\"]\n"
    "  everyone:\n"
    "    name: Everyone\n"
    "    stage: create\n"
    "    team-by-manager-slug:\n"
    "      manager: boss\n"
    "      department: Engineering\n"
    "    stable-counterparts:\n"
    "      manager: boss\n"
    "      role: \"^(a|b|c)+$|.\"\n";

static char *root, *team;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	root = fz_path(fz_tmpdir(), "team-roster");
	fz_mkdirs(root);
	char *g = fz_path(root, "groups.yml");
	fz_write(g, (const uint8_t *)groups_yml, strlen(groups_yml));
	free(g);
	team = fz_path(root, "team.yml");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_write(team, data, size);
	diag_list diags;
	diag_init(&diags);
	roster *r = roster_load(root, &diags);
	FZ_CHECK(r != NULL, "roster_load: out of memory");
	FZ_CHECK(r->ngroups == 2, "the fixed groups.yml gave %zu groups",
		 r->ngroups);
	fz_check_roster(r, &diags);
	roster_free(r);
	diag_free(&diags);
	return 0;
}

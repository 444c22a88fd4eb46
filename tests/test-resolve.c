/* test-resolve.c: every rule of team-by-manager-slug and
 * stable-counterparts, with exact expected lists in roster order. */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "teamtui/check.h"
#include "teamtui/pattern.h"

/* Roster order is file order. Roles are raw HTML where it matters: the
 * regexes see the tags. */
static const char team[] =
    "- {slug: cto, name: Cleo Tran, role: Chief Technology Officer, reports_to: ceo}\n"
    "- {slug: em-a, name: Ada Example, role: '<a href=\"/job-families/eng/em/\">Engineering Manager</a>, Dev:Alpha', reports_to: cto}\n"
    "- {slug: be-1, role: '<a href=\"/jf/be/\">Backend Engineer</a>, Dev:Alpha', reports_to: em-a, team_tags: [Alpha Team]}\n"
    "- {slug: be-2, role: 'Frontend Engineer, Dev:Alpha', reports_to: em-a, departments: [Alpha Team], public: false}\n"
    "- {slug: vac-1, type: vacancy, role: 'Backend Engineer, Dev:Alpha', reports_to: em-a, departments: [Alpha Team], team_tags: [Alpha Team]}\n"
    "- {slug: lead-1, role: 'Staff Engineer, Dev:Alpha', reports_to: em-a}\n"
    "- {slug: deep-1, role: 'Backend Engineer, Dev:Alpha', reports_to: lead-1}\n"
    "- {slug: pm-1, role: 'Product Manager, Dev:Alpha', reports_to: pm-dir}\n"
    "- {slug: pm-dir, role: 'Director of Product, Dev', reports_to: cto}\n"
    "- {slug: ux-mgr, role: 'UX Manager, Dev:Alpha', reports_to: cto}\n"
    "- {slug: ux-1, role: 'Product Designer, Dev:Alpha', reports_to: ux-mgr}\n"
    "- {slug: norole, name: No Role, reports_to: em-a}\n"
    "- {slug: em-b, role: 'Engineering Manager, Dev:Beta', reports_to: cto}\n"
    "- {slug: x-1, role: 'Backend Engineer, Dev:Beta', reports_to: em-b}\n"
    "- {slug: em-a2, role: 'Engineering Manager, Dev:Alpha', reports_to: cto}\n"
    "- {slug: loop-a, role: Looper, reports_to: loop-b}\n"
    "- {slug: loop-b, role: Looper, reports_to: loop-a}\n"
    "- slug: g-1\n"
    "  role: |\n"
    "    Backend Engineer, Dev:Gamma\n";

static const char groups[] =
    "sections: {dev: {name: Dev}}\n"
    "stages: {alpha-stage: {name: Alpha Stage, section: dev}}\n"
    "groups:\n"
    "  alpha:\n"
    "    stage: alpha-stage\n"
    "    team-by-manager-slug: {manager: em-a}\n"
    "    stable-counterparts: {manager-role: 'Engineering Manager(.*)Dev:Alpha', role: 'Dev:Alpha'}\n"
    "  alpha-team:\n"
    "    stage: alpha-stage\n"
    "    team-by-manager-slug: {manager: em-a, team: Backend}\n"
    "  alpha-dept:\n"
    "    stage: alpha-stage\n"
    "    team-by-manager-slug: {manager: em-a, department: Alpha Team}\n"
    "  alpha-omr:\n"
    "    stage: alpha-stage\n"
    "    stable-counterparts: {manager-role: 'Engineering Manager(.*)Dev:Alpha', role: 'Dev:Alpha', other-manager-roles: UX Manager}\n"
    "  nomatch-mgr:\n"
    "    stage: alpha-stage\n"
    "    stable-counterparts: {manager: lead-1, manager-role: Nobody Matches, role: 'Dev:Alpha'}\n"
    "  slug-mgr:\n"
    "    stage: alpha-stage\n"
    "    stable-counterparts: {manager: lead-1, role: 'Dev:Alpha'}\n"
    "  unknown:\n"
    "    stage: alpha-stage\n"
    "    team-by-manager-slug: {manager: ghost}\n"
    "    stable-counterparts: {manager: ghost, role: 'Dev:Beta'}\n"
    "  norole-sc:\n"
    "    stage: alpha-stage\n"
    "    stable-counterparts: {manager-role: 'Engineering Manager(.*)Dev:Alpha'}\n"
    "  two-tables:\n"
    "    stage: alpha-stage\n"
    "    stable-counterparts:\n"
    "    - {manager: cto, role: 'Dev:Beta'}\n"
    "    - {manager-role: 'Engineering Manager(.*)Dev:Alpha', role: 'Engineer, Dev:Alpha'}\n"
    "    - {role: 'Backend Engineer, Dev:Beta'}\n"
    "  html:\n"
    "    stage: alpha-stage\n"
    "    stable-counterparts: {role: job-families}\n"
    "  nocase:\n"
    "    stage: alpha-stage\n"
    "    stable-counterparts: {role: '(?i)dev:beta'}\n"
    "  withcase:\n"
    "    stage: alpha-stage\n"
    "    stable-counterparts: {role: 'dev:beta'}\n"
    "  caret:\n"
    "    stage: alpha-stage\n"
    "    stable-counterparts: {role: '^Backend'}\n"
    "  dollar:\n"
    "    stage: alpha-stage\n"
    "    stable-counterparts: {role: 'Gamma$'}\n"
    "  dollar-nl:\n"
    "    stage: alpha-stage\n"
    "    stable-counterparts: {role: 'Gamma\\n$'}\n";

static void test_members(roster *r)
{
	tap_is_str(t_team(r, "alpha"),
		   "em-a be-1 be-2 vac-1 lead-1 norole | deep-1 pm-1 ux-mgr ux-1 em-a2",
		   "team-by-manager-slug: manager first, direct reports in roster "
		   "order (vacancy, public:false, no role kept); counterparts: "
		   "role minus manager minus reports, second level stays");
	tap_is_str(t_team(r, "alpha-team"), "em-a be-1 vac-1 | ",
		   "team: regex filters reports, never the manager");
	tap_is_str(t_team(r, "alpha-dept"), "em-a be-2 vac-1 be-1 | ",
		   "department: departments first, then team_tags, no duplicates");
	tap_is_str(t_team(r, "unknown"), " | em-b x-1",
		   "unknown manager: empty team; unknown counterpart manager "
		   "excludes nobody");
}

static void test_counterparts(roster *r)
{
	tap_is_str(t_team(r, "alpha-omr"), " | deep-1 pm-1 ux-mgr em-a2",
		   "other-manager-roles removes the reports of matching managers, "
		   "not the managers");
	tap_is_str(t_team(r, "nomatch-mgr"),
		   " | em-a be-1 be-2 vac-1 lead-1 deep-1 pm-1 ux-mgr ux-1 em-a2",
		   "manager-role matching nobody: no manager (even over manager:), "
		   "nobody excluded");
	tap_is_str(t_team(r, "slug-mgr"),
		   " | em-a be-1 be-2 vac-1 pm-1 ux-mgr ux-1 em-a2",
		   "manager slug: the manager and direct reports are excluded");
	tap_is_str(t_team(r, "norole-sc"), " | ", "no role: nobody");
	tap_is_str(t_team(r, "two-tables"), " | x-1 deep-1",
		   "a list of maps: tables joined in order, each person once");
	tap_is_str(t_team(r, "html"), " | em-a",
		   "regexes match the raw role HTML (href)");
	tap_is_str(t_team(r, "nocase"), " | em-b x-1", "(?i) ignores case");
	tap_is_str(t_team(r, "withcase"), " | ", "case-sensitive by default");
	tap_is_str(t_team(r, "caret"), " | vac-1 deep-1 x-1 g-1",
		   "^ anchors at the start of the raw role");
	tap_is_str(t_team(r, "dollar"), " | ",
		   "$ matches only at the very end, as in RE2 (role ends in \\n)");
	tap_is_str(t_team(r, "dollar-nl"), " | g-1", "\\n$ matches the folded role");

	resolver *rs = resolver_new(r);
	const group_team *t = resolve_group(rs, roster_group(r, "two-tables"));
	tap_is_int((long long)t->ntables, 3, "three tables");
	tap_is_str(t_slugs(&t->tables[0].people), "x-1", "table 1 (manager: cto)");
	tap_is_str(t_slugs(&t->tables[1].people), "deep-1",
		   "table 2: 'Engineer, Dev:Alpha' does not match across </a>");
	tap_is_str(t_slugs(&t->tables[2].people), "x-1", "table 3 repeats x-1");
	tap_is_str(t->tables[1].excluded, "em-a",
		   "manager-role takes the FIRST match in roster order");
	t = resolve_group(rs, roster_group(r, "alpha"));
	tap_is_str(t->manager ? t->manager->slug : NULL, "em-a", "manager");
	resolver_free(rs);
}

static void test_people(roster *r)
{
	resolver *rs = resolver_new(r);
	manager_chain ch = resolve_manager_chain(rs, roster_person(r, "deep-1"));
	tap_is_str(t_slugs(&ch.people), "lead-1 em-a cto", "manager chain");
	tap_is_str(ch.dangling, "ceo", "chain ends at a dangling slug");
	tap_ok(!ch.cycle, "no cycle");
	ch = resolve_manager_chain(rs, roster_person(r, "loop-a"));
	tap_is_str(t_slugs(&ch.people), "loop-b", "a cycle stops the chain");
	tap_ok(ch.cycle && !ch.dangling, "cycle reported");
	ch = resolve_manager_chain(rs, roster_person(r, "em-b"));
	tap_is_str(t_slugs(&ch.people), "cto", "chain of em-b");

	size_t n;
	const size_t *reps = roster_reports(r, roster_person(r, "em-a"), &n);
	plist l = {malloc(n * sizeof(person *)), n};
	for (size_t i = 0; i < n; i++)
		l.v[i] = &r->people[reps[i]];
	tap_is_str(t_slugs(&l), "be-1 be-2 vac-1 lead-1 norole", "direct reports");
	free(l.v);

	const membership *ms = resolve_person_groups(rs, roster_person(r, "em-a"), &n);
	char buf[512] = "";
	for (size_t i = 0; i < n; i++) {
		strcat(buf, ms[i].group->id);
		strcat(buf, ms[i].kind == MEMBERSHIP_MANAGER  ? "=manager "
			    : ms[i].kind == MEMBERSHIP_MEMBER ? "=member "
							      : "=counterpart ");
	}
	tap_is_str(buf,
		   "alpha=manager alpha-team=manager alpha-dept=manager "
		   "nomatch-mgr=counterpart slug-mgr=counterpart html=counterpart ",
		   "groups of em-a");
	resolver_free(rs);
}

static void test_check(roster *r)
{
	diag_list d;
	diag_init(&d);
	resolver *rs = resolver_new(r);
	check_roster(r, rs, &d);
	diag_sort(&d);
	tap_is_str(t_diags(&d),
		   "groups.yml:7:41: warning: manager-role 'Engineering Manager(.*)Dev:Alpha' matches 2 people; only the first, 'em-a' (Ada Example), counts\n"
		   "groups.yml:16:41: warning: manager-role 'Engineering Manager(.*)Dev:Alpha' matches 2 people; only the first, 'em-a' (Ada Example), counts\n"
		   "groups.yml:19:58: warning: manager-role regex 'Nobody Matches' matches "
		   "nobody's role; Hugo's manager is then nil, so everyone with a "
		   "reports_to whose role matches 'role' is listed, the manager's own "
		   "reports too\n"
		   "groups.yml:25:37: warning: manager 'ghost' is not in the roster; the team is empty\n"
		   "groups.yml:26:36: warning: manager 'ghost' is not in the roster; nobody is excluded\n"
		   "groups.yml:29:41: warning: manager-role 'Engineering Manager(.*)Dev:Alpha' matches 2 people; only the first, 'em-a' (Ada Example), counts\n"
		   "groups.yml:34:22: warning: manager-role 'Engineering Manager(.*)Dev:Alpha' matches 2 people; only the first, 'em-a' (Ada Example), counts\n"
		   "groups.yml:44:33: warning: regex 'dev:beta' matches nobody's role; with "
		   "(?i) it would match 2 people\n"
		   "groups.yml:50:33: warning: regex 'Gamma$' matches nobody's role; without "
		   "its '$' it would match 1 person (roles end in \"</a>\" when the group "
		   "is inside the link)\n"
		   "team.yml:16:44: warning: reports_to cycle: loop-a -> loop-b -> loop-a",
		   "check: unknown managers, several or no manager-role matches (with the "
		   "(?i) and $ hints), cycles");
	resolver_free(rs);
	diag_free(&d);
}

static bool in_list(const plist *l, const person *p)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i] == p)
			return true;
	return false;
}

/* resolve_person_groups tests one person against the rules; it must agree
 * with resolving each group whole, for every person and group. */
static void test_person_groups_agree(roster *r, const char *what)
{
	resolver *whole = resolver_new(r), *single = resolver_new(r);
	size_t mismatches = 0, memberships = 0;
	for (size_t i = 0; i < r->npeople; i++) {
		const person *p = &r->people[i];
		size_t n, k = 0;
		const membership *ms = resolve_person_groups(single, p, &n);
		for (size_t gi = 0; gi < r->ngroups; gi++) {
			const group_team *t = resolve_group(whole, &r->groups[gi]);
			int want = t->manager == p		  ? MEMBERSHIP_MANAGER
				   : in_list(&t->members, p)	  ? MEMBERSHIP_MEMBER
				   : in_list(&t->counterparts, p) ? MEMBERSHIP_COUNTERPART
								  : -1;
			int got = -1;
			if (k < n && ms[k].group == &r->groups[gi])
				got = (int)ms[k++].kind;
			mismatches += got != want;
			memberships += want >= 0;
		}
	}
	tap_ok(mismatches == 0 && memberships > 0,
	       "%s: person-by-person groups agree with whole groups (%zu memberships, %zu mismatches)",
	       what, memberships, mismatches);
	resolver_free(whole);
	resolver_free(single);
}

/* Every table as its people's slugs, group by group, one line each. */
static char *all_tables(roster *r, resolver *rs, bool fresh)
{
	size_t cap = 1 << 16, n = 0;
	char *out = malloc(cap);
	out[0] = '\0';
	for (size_t gi = 0; gi < r->ngroups; gi++) {
		resolver *one = fresh ? resolver_new(r) : rs;
		const group_team *t = resolve_group(one, &r->groups[gi]);
		for (size_t k = 0; t && k < t->ntables; k++) {
			const char *line = t_slugs(&t->tables[k].people);
			size_t need = strlen(r->groups[gi].id) + strlen(line) + 8;
			if (n + need >= cap)
				out = realloc(out, cap = 2 * (cap + need));
			n += (size_t)sprintf(out + n, "%s#%zu: %s\n", r->groups[gi].id, k, line);
		}
		if (fresh)
			resolver_free(one);
	}
	return out;
}

/* The literal index (litindex.h) changes how fast, never what: every table
 * of every group resolved in a fresh resolver (a few regexes: each tested
 * on every role) equals the same table after resolve_all (thousands: only
 * the roles holding each regex's literal), and every regex's count equals
 * pattern_match on each person's role. */
static void test_index_agrees(roster *r, const char *what)
{
	resolver *rs = resolver_new(r);
	resolve_all(rs);
	char *indexed = all_tables(r, rs, false), *direct = all_tables(r, NULL, true);
	tap_ok(!strcmp(indexed, direct) && strlen(direct) > 0,
	       "%s: every table is the same with the literal index as without", what);
	size_t wrong = 0, matched = 0;
	for (size_t k = 0; k < r->npatterns; k++) {
		const role_regex *rx = r->patterns[k];
		size_t want = 0;
		const person *first = NULL, *want_first = NULL;
		for (size_t i = 0; rx->re && i < r->npeople; i++) {
			const char *role = r->people[i].role_html;
			if (role && pattern_match(rx->re, role, strlen(role)) == PATTERN_MATCH &&
			    !want++)
				want_first = &r->people[i];
		}
		wrong += resolve_role_count(rs, rx, &first) != want || first != want_first;
		matched += want > 0;
	}
	tap_ok(wrong == 0 && matched > 0,
	       "%s: every regex's count and first match agree with matching each role "
	       "(%zu regexes, %zu match someone, %zu wrong)", what, r->npatterns, matched, wrong);
	free(indexed);
	free(direct);
	resolver_free(rs);
}

/* A roster with more regexes than the resolver tests one by one, of every
 * shape the index must handle: a required literal (at the start, at the
 * end, inside HTML), none ((?i), a top-level |), a literal occurring in
 * many roles, a literal in no role, a literal the regex then rejects. */
static void test_index_generated(void)
{
	size_t cap = 1 << 17, tn = 0, gn = 0;
	char *team = malloc(cap), *groups = malloc(cap);
	tn += (size_t)sprintf(team + tn, "- {slug: ceo, role: Chief Executive Officer}\n");
	for (int g = 0; g < 24; g++) {
		tn += (size_t)sprintf(team + tn,
			"- {slug: em-%d, role: '<a href=\"/jf/em/\">Engineering Manager</a>, Stage %d:Group %d', reports_to: ceo}\n",
			g, g % 3, g);
		for (int i = 0; i < 6; i++)
			tn += (size_t)sprintf(team + tn,
				"- {slug: p-%d-%d, role: '<a href=\"/jf/%s/\">%s Engineer</a>, Stage %d:Group %d%s', reports_to: em-%d}\n",
				g, i, i % 2 ? "be" : "fe", i % 2 ? "Backend" : "Frontend", g % 3,
				(g + i) % 24, i == 5 ? ", Extra" : "", i == 4 ? (g + 1) % 24 : g);
	}
	gn += (size_t)sprintf(groups + gn, "sections: {s: {name: S}}\nstages: {t: {name: T, section: s}}\ngroups:\n");
	static const char *const shapes[] = {
		"Engineering Manager(.*)Stage %d:Group %d(,|$)",
		"(?i)backend engineer.*stage %d:group %d$",
		"Stage %d:Group %d,|Group %d$",
		"[Ff]rontend Engineer</a>, Stage %d:Group %d",
		"Engineer</a>, Stage %d:Group %d, Extra",
		"Stage %d:Group %d and nobody",
		"^<a href=\"/jf/be/\">Backend Engineer</a>, Stage %d:Group %d$",
		"Group %d$",
	};
	for (int g = 0; g < 24; g++) {
		char re[160], mre[160];
		const char *shape = shapes[g % 8];
		if (g % 8 == 7)
			snprintf(re, sizeof(re), shape, g);
		else
			snprintf(re, sizeof(re), shape, g % 3, g, g);
		snprintf(mre, sizeof(mre), shapes[0], g % 3, g);
		gn += (size_t)sprintf(groups + gn,
			"  g%d:\n    name: G%d\n    stage: t\n    team-by-manager-slug: {manager: em-%d}\n"
			"    stable-counterparts: {manager-role: '%s', role: '%s'}\n",
			g, g, g, mre, re);
	}
	diag_list d;
	diag_init(&d);
	roster *r = t_roster(team, groups, &d);
	tap_ok(r && r->npatterns == 48 && r->npeople == 24 * 7 + 1 && d.errors == 0,
	       "generated: %zu regexes, %zu people, %zu errors", r ? r->npatterns : 0,
	       r ? r->npeople : 0, d.errors);
	if (d.count)
		printf("# %s\n", t_diags(&d));
	/* hand-checked answers, so agreement alone cannot hide a shared fault */
	tap_is_str(t_team(r, "g1"), "em-1 p-0-4 p-1-0 p-1-1 p-1-2 p-1-3 p-1-5 | p-22-3",
		   "generated g1: (?i) matches whoever the index cannot narrow");
	test_index_agrees(r, "generated");
	roster_free(r);
	diag_free(&d);
	free(team);
	free(groups);
}

int main(void)
{
	diag_list d;
	diag_init(&d);
	roster *r = t_roster(team, groups, &d);
	tap_is_str(t_diags(&d), "groups.yml:29:26: warning: stable-counterparts without 'role' lists nobody",
		   "fixture loads with only the expected warning");
	test_members(r);
	test_counterparts(r);
	test_people(r);
	test_check(r);
	test_person_groups_agree(r, "fixture");
	test_index_agrees(r, "fixture");
	roster_free(r);
	diag_free(&d);

	const char *srcdir = getenv("srcdir");
	char path[4096];
	snprintf(path, sizeof(path), "%s/data", srcdir ? srcdir : ".");
	diag_init(&d);
	r = roster_load(path, &d);
	tap_ok(r && r->npeople >= 150 && r->ngroups >= 15 && d.count == 0,
	       "the sample loads cleanly (%zu people, %zu groups, %zu diagnostics)",
	       r ? r->npeople : 0, r ? r->ngroups : 0, d.count);
	test_person_groups_agree(r, "sample");
	test_index_agrees(r, "sample");
	roster_free(r);
	diag_free(&d);
	test_index_generated();
	return tap_done();
}

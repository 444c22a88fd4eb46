/* test-handbook.c: a handbook checkout as a roster. Each people-table
 * shortcode's rules with exact rows (layouts/_shortcodes/ of the
 * handbook), pages to groups, and the bundled checkout against its
 * hand-computed table oracle (data/handbook/expected.tsv) and against the
 * groups.yml sample it repeats. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "teamtui/check.h"
#include "teamtui/resolve.h"
#include "teamtui/roster.h"

/* People for the rule tests, in slug order as team.yml is. */
static const char TEAM[] =
    "- {slug: ann, name: Ann Zed, role: '<a href=\"/j/em\">Engineering Manager, Dev:Alpha</a>', reports_to: boss, gitlab: ann, departments: [Dev BE Team]}\n"
    "- {slug: bea, name: émile Bea, role: '<a href=\"/j/be\">Backend Engineer</a>, Dev:Alpha', reports_to: ann, gitlab: bea, departments: [Dev BE Team, Dev Group]}\n"
    "- {slug: boss, name: Big Boss, role: '<a href=\"/j/d\">Director, Dev</a>', gitlab: boss}\n"
    "- {slug: cal, name: Zoë Cal, role: '<a href=\"/j/fe\">Frontend Engineer, Dev:Alpha</a>', reports_to: ann, gitlab: cal, team_tags: [Dev BE Team], expertise: '<li>Ruby</li><li>Go</li>'}\n"
    "- {slug: dee, name: Dee Ellis, role: '<a href=\"/j/pm\">Product Manager, Dev:Alpha</a>', reports_to: pmlead, gitlab: dee, mentor: true}\n"
    "- {slug: eve, name: Eve Free, role: 'Backend Engineer, Dev:Alpha', gitlab: eve, expertise: [Go, Rust]}\n"
    "- {slug: fay, name: Ann Zed, role: '<a href=\"/j/em\">Engineering Manager, Dev:Alpha</a>', reports_to: boss, gitlab: fay}\n"
    "- {slug: pmlead, name: Pat Lead, role: 'Group Manager, Product', reports_to: boss, gitlab: pmlead}\n";

static char *checkout(const char *page)
{
	char *dir = t_mkdir();
	t_write(dir, "data/public/team.yml", TEAM);
	t_write(dir, "content/handbook/team/_index.md", page);
	return dir;
}

/* The rows of every table of the one page, "slugs; slugs; ...". */
static const char *rows(const char *page, const char *want, const char *name)
{
	diag_list d;
	diag_init(&d);
	roster_input in = {checkout(page), NULL, NULL, NULL};
	roster *r = roster_load_input(&in, &d);
	resolver *rs = resolver_new(r);
	static char buf[4096];
	buf[0] = '\0';
	for (size_t i = 0; i < r->ngroups; i++)
		for (size_t k = 0; k < r->groups[i].ntables; k++) {
			const table_rows *tr = resolve_table(rs, &r->groups[i].tables[k]);
			if (buf[0])
				strcat(buf, "; ");
			strcat(buf, t_slugs(&tr->people));
		}
	tap_is_str(buf, want, name);
	resolver_free(rs);
	roster_free(r);
	diag_free(&d);
	return buf;
}

/* check's warnings for one page (file:line:col: warning: ...). */
static void lint(const char *page, const char *want, const char *name)
{
	diag_list d;
	diag_init(&d);
	roster_input in = {checkout(page), NULL, NULL, NULL};
	roster *r = roster_load_input(&in, &d);
	resolver *rs = resolver_new(r);
	diag_list c;
	diag_init(&c);
	for (size_t i = 0; i < d.count; i++) /* the loader's, minus "no stages.yml" */
		if (!strstr(d.items[i].message, ".yml:") &&
		    !strstr(d.items[i].file, "data/public/"))
			diag_add(&c, d.items[i].severity, d.items[i].file, d.items[i].line,
				 d.items[i].column, "%s", d.items[i].message);
	check_roster(r, rs, &c);
	diag_sort(&c);
	tap_is_str(t_diags(&c), want, name);
	diag_free(&c);
	resolver_free(rs);
	roster_free(r);
	diag_free(&d);
}

static void test_manager_slug(void)
{
	rows("{{< team-by-manager-slug \"ann\" >}}", "ann bea cal",
	     "team-by-manager-slug positional: the manager, then reports in slug order");
	rows("{{< team-by-manager-slug manager=\"ann\" team=\"Backend\" >}}", "ann bea",
	     "team= filters the reports (the manager row stays)");
	rows("{{< team-by-manager-slug manager=\"ann\" department=\"Dev BE Team\" >}}",
	     "ann bea cal", "department=: departments first, then team_tags");
	rows("{{< team-by-manager-slug manager=\"ann\" department=\"Dev Group\" >}}",
	     "ann bea", "department= matches whole items only");
	rows("{{< team-by-manager-slug \"nobody\" >}}", "", "unknown slug: an empty table");
	rows("{{< team-by-manager-slug \"ann\" team=\"x\" >}}", "",
	     "mixing positional and named: Hugo refuses the page");
	rows("{{< team-by-manager-slug 42 >}}", "", "a number is no slug");
	rows("{{< team-by-manager-slug manager = \"ann\" team = \"Frontend\" >}}",
	     "ann cal", "key = \"value\" with spaces is named");
}

static void test_counterparts(void)
{
	rows("{{% engineering/stable-counterparts role=\"Dev:Alpha\" manager=\"ann\" %}}",
	     "dee eve fay", "manager=: the manager and its reports are left out");
	rows("{{% stable-counterparts role=\"Dev:Alpha\" manager-role=\"Engineering Manager\" %}}",
	     "dee eve fay", "the older name; manager-role takes the first match (ann)");
	rows("{{% engineering/stable-counterparts role=\"Dev:Alpha\" manager-role=\"Nobody\" %}}",
	     "ann bea cal dee fay",
	     "manager-role matching nobody: nil manager, so only people with a "
	     "reports_to stay (eve has none), the manager's reports included");
	rows("{{% engineering/stable-counterparts role=\"Dev:Alpha\" %}}",
	     "ann bea cal dee eve fay", "no manager: nobody left out");
	rows("{{% engineering/stable-counterparts role=\"Dev:Alpha\" "
	     "other-manager-roles=\"Engineering Manager\" %}}",
	     "ann dee eve fay", "other-manager-roles drops their reports, not them");
	rows("{{% engineering/stable-counterparts manager=\"ann\" %}}", "",
	     "no role: an empty table");
	rows("{{% engineering/stable-counterparts role=\"dev:alpha\" %}}", "",
	     "like is case-sensitive");
	rows("{{% engineering/stable-counterparts role=\"(?i)dev:alpha\" %}}",
	     "ann bea cal dee eve fay", "(?i) ignores case");
	rows("{{% engineering/stable-counterparts role=\"Alpha$\" %}}", "bea eve",
	     "$ sees the raw HTML: a role ending in </a> does not match");
	rows("{{% engineering/stable-counterparts role=\"href\" manager=\"Manager, Dev\" %}}",
	     "ann bea boss cal dee fay", "a role text as manager= excludes nobody");
}

static void test_other_shortcodes(void)
{
	rows("{{< team-by-manager-role \"Engineering Manager\" >}}", "ann bea cal",
	     "team-by-manager-role: the first match, then its reports");
	rows("{{< team-by-manager-role role=\"Engineering Manager\" team=\"Frontend\" >}}",
	     "ann cal", "team-by-manager-role with team=");
	rows("{{< team-by-manager-role \"Nobody\" >}}", "",
	     "team-by-manager-role: no manager, no rows (not the unmanaged)");
	rows("{{< team-by-departments \"Dev BE Team\" >}}", "ann bea cal",
	     "team-by-departments: sorted by name with the CLDR collator "
	     "(Ann, émile, Zoë; byte order would put émile last)");
	rows("{{< team-by-departments departments=\"Dev Group,Dev BE Team\" "
	     "manager-role=\"Director\" >}}",
	     "boss ann bea cal", "departments= split on commas; manager-role row first");
	rows("{{< team-by-departments \"Dev Group,Dev BE Team\" >}}", "",
	     "a positional department is not split");
	rows("{{< team-by-departments departments=\"Dev Group, Dev BE Team\" >}}", "bea",
	     "no trimming after the comma");
	rows("{{< group-by-slugs \"eve\" \"nobody\" \"ann\" \"eve\" >}}", "eve ann eve",
	     "group-by-slugs: parameter order, unknown dropped, repeats kept");
	rows("{{< group-by-slugs 42 \"ann\" true >}}", "ann",
	     "group-by-slugs: a number or a bool names nobody");
	{ /* and the person card's view of the same table (fuzz-handbook) */
		diag_list d;
		diag_init(&d);
		roster_input in = {checkout("{{< group-by-slugs 42 \"ann\" >}}"), NULL, NULL, NULL};
		roster *r = roster_load_input(&in, &d);
		resolver *rs = resolver_new(r);
		size_t n = 0;
		const membership *m = resolve_person_groups(rs, roster_person(r, "ann"), &n);
		tap_ok(n == 1 && !strcmp(resolve_membership_name(&m[0]), "member"),
		       "a person in such a table is its member (%zu groups)", n);
		resolve_person_groups(rs, roster_person(r, "bea"), &n);
		tap_ok(n == 0, "and nobody else is (%zu groups)", n);
		resolver_free(rs);
		roster_free(r);
		diag_free(&d);
	}
	rows("{{< members-by-role \"Engineer\" team=\"x\" >}}", "",
	     "members-by-role: mixed parameters refuse the page");
	rows("{{< members-by-role role=\"Engineer\" team=\"Backend\" >}}", "bea eve",
	     "members-by-role: both regexes");
	rows("{{< department-members \"Dev BE Team\" >}}", "ann bea cal",
	     "department-members: departments then team_tags");
	rows("{{< member-and-role-by-gitlab \"eve\" \"ann\" \"ghost\" >}}", "eve ann",
	     "member-and-role-by-gitlab: handle order");
	rows("{{< member-and-role-by-gitlab username=\"cal\" >}}", "cal",
	     "member-and-role-by-gitlab username=");
	rows("{{< group-by-expertise \"Go\" >}}", "cal eve",
	     "group-by-expertise: substring of the HTML, item of a list");
	rows("{{< group-by-expertise \"mentor\" >}}", "dee",
	     "group-by-expertise: a field set to true");
	rows("{{< group-by-expertise \"Rus\" >}}", "",
	     "group-by-expertise: list items match whole");
}

static void test_pages(void)
{
	rows("# Team\n```\n{{< team-by-manager-slug \"ann\" >}}\n```\n"
	     "<!-- {{< group-by-slugs \"eve\" >}} -->\n"
	     "{{</* group-by-slugs \"boss\" */>}}\n",
	     "ann bea cal; eve", "calls in code fences and HTML comments run; "
				 "the comment form does not");
	rows("{{< group-by-slugs \"eve\" >}}\n{{< team-by-manager-slug \"ann >}}\n"
	     "{{< group-by-slugs \"boss\" >}}\n",
	     "eve", "a quote that never ends: the page stops there, as Hugo's build");
	lint("## Members\n{{< team-by-manager-slug \"anm\" >}}\n"
	     "{{< team-by-manager-slug manager=\"ann\" role=\"x\" >}}\n"
	     "{{% engineering/stable-counterparts role=\"Dev:alpha$\" manager=\"Manager, Dev\" %}}\n"
	     "{{< team-by-departments \"A,B\" >}}\n"
	     "{{< group-by-slugs \"eve\" \"boos\" >}}\n"
	     "{{% engineering/stable-counterparts role=\"Dev:Alpha\" manager-role=\"Engineering Manager\" %}}\n",
	     "content/handbook/team/_index.md:2:26: warning: manager 'anm' is not in "
	     "the roster; the team is empty; did you mean 'ann'?\n"
	     "content/handbook/team/_index.md:3:45: warning: team-by-manager-slug has "
	     "no parameter 'role'; Hugo ignores it\n"
	     "content/handbook/team/_index.md:4:42: warning: regex 'Dev:alpha$' matches "
	     "nobody's role; with (?i) it would match 2 people\n"
	     "content/handbook/team/_index.md:4:63: warning: manager 'Manager, Dev' is "
	     "not a slug; nobody is excluded\n"
	     "content/handbook/team/_index.md:5:1: warning: team-by-departments: a "
	     "positional department is not split on commas: 'A,B' is one department "
	     "(use departments=\"A,B\")\n"
	     "content/handbook/team/_index.md:6:26: warning: group-by-slugs: no person "
	     "'boos'; the row is dropped; did you mean 'boss'?\n"
	     "content/handbook/team/_index.md:7:67: warning: manager-role 'Engineering "
	     "Manager' matches 2 people; only the first, 'ann' (Ann Zed), counts",
	     "check lints what Hugo renders silently, at the call's positions");
	lint("{{< team-by-manager-slug \"ann\" >}}\n{{< x \"unterminated >}}\n",
	     "content/handbook/team/_index.md:2:8: warning: Hugo cannot build this "
	     "page: unterminated quoted string in shortcode parameter-argument: "
	     "'unterminated >}}'; the rest of the page is not read",
	     "a lexer error is a located warning; the tables before it load");
	lint("{{< team-by-manager-slug >}}\n{{< team-by-manager-slug manager=\"\" >}}\n"
	     "{{< team-by-manager-role team=\"x\" >}}\n{{< members-by-role >}}\n"
	     "{{< department-members dept=\"x\" >}}\n{{< group-by-expertise >}}\n"
	     "{{< member-and-role-by-gitlab >}}\n",
	     "content/handbook/team/_index.md:1:1: warning: team-by-manager-slug needs a "
	     "manager slug (positional, or manager=); Hugo stops the build here\n"
	     "content/handbook/team/_index.md:2:1: warning: team-by-manager-slug needs a "
	     "manager slug (positional, or manager=); Hugo stops the build here\n"
	     "content/handbook/team/_index.md:3:1: warning: team-by-manager-role needs a "
	     "manager role (positional, or role=); Hugo stops the build here\n"
	     "content/handbook/team/_index.md:3:31: warning: regex 'x' matches nobody's "
	     "role\n"
	     "content/handbook/team/_index.md:4:1: warning: members-by-role needs a role "
	     "(positional, or role=); Hugo stops the build here\n"
	     "content/handbook/team/_index.md:5:1: warning: department-members needs a "
	     "positional department; Hugo stops the build here\n"
	     "content/handbook/team/_index.md:5:29: warning: department-members has no "
	     "parameter 'dept'; Hugo ignores it\n"
	     "content/handbook/team/_index.md:6:1: warning: group-by-expertise needs a "
	     "positional term; Hugo stops the build here\n"
	     "content/handbook/team/_index.md:7:1: warning: member-and-role-by-gitlab needs "
	     "at least one positional GitLab username; Hugo stops the build here",
	     "a missing required parameter: the template's errorf, located");
	lint("{{< team-by-manager-slug \"ann\" team=\"a(\" >}}\n"
	     "{{< team-by-manager-slug manager=\"ann\" team=\"Ü(b\" >}}\n"
	     "{{< team-by-manager-slug manager=\"ann\" team=`x\\1` >}}\n",
	     "content/handbook/team/_index.md:1:32: warning: Hugo cannot build this page: "
	     "got named parameter 'team'. Cannot mix named and positional parameters; "
	     "the rest of the page is not read",
	     "mixing stops the page before its regex is read");
	lint("{{< team-by-manager-slug manager=\"ann\" team=\"Ü(b\" >}}\n"
	     "{{< team-by-manager-slug manager=\"ann\" team=`x\\1` >}}\n",
	     "content/handbook/team/_index.md:1:49: warning: invalid regex in 'team': "
	     "missing closing parenthesis; Hugo stops the build here\n"
	     "content/handbook/team/_index.md:2:47: warning: invalid regex in 'team': "
	     "backreferences are not RE2 syntax; Hugo stops the build here",
	     "an invalid regex at its offending character (the closing quote when "
	     "a parenthesis is missing), counted in characters");
	lint("{{% engineering/stable-counterparts role=\"^Engineering Manager\" %}}\n",
	     "content/handbook/team/_index.md:1:42: warning: regex '^Engineering Manager' "
	     "matches nobody's role; it would match the role text of 2 people, but Hugo "
	     "matches the role's HTML (\"<a href=...>Title</a>, Stage:Group\")",
	     "a regex written against the role as shown: say so");
	lint("# T\n{{< group-by-slugs \"ann\" >}}\n\n{{< team-by-manager-slug\n"
	     "  manager=\"ann\"\n\n## Next\n",
	     "content/handbook/team/_index.md:7:1: warning: Hugo cannot build this page: "
	     "unrecognized character in shortcode action: U+0023 '#'. Note: Parameters "
	     "with non-alphanumeric args must be quoted (the call opened at 4:1); the "
	     "rest of the page is not read",
	     "an unclosed call: where Hugo stops, and where the call opened");
}

/* A page's OKR link gives the group its OKR source. */
static void test_okr_links(void)
{
	static const struct {
		const char *link, *project, *labels, *name;
	} cases[] = {
	    {"https://gitlab.com/gitlab-com/gitlab-OKRs/-/work_items?label_name[]=group%3A%3Aalpha",
	     "gitlab-com/gitlab-OKRs", "group::alpha", "a work-items link: project and label"},
	    {"https://gitlab-OKRs/-/issues?label_name[]=group::alpha", NULL, "",
	     "no path before /-/: no project (fuzz-handbook)"},
	    {"https://gitlab.com/-/gitlab-OKRs/issues", NULL, "", "/-/ first: no project"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char page[512];
		snprintf(page, sizeof(page),
			 "- OKRs: [our OKRs](%s)\n\n{{< group-by-slugs \"ann\" >}}\n",
			 cases[i].link);
		diag_list d;
		diag_init(&d);
		roster_input in = {checkout(page), NULL, NULL, NULL};
		roster *r = roster_load_input(&in, &d);
		const group *g = r->ngroups ? &r->groups[0] : NULL;
		tap_is_str(g ? g->okrs.project : "(no group)", cases[i].project,
			   cases[i].name);
		if (cases[i].project)
			tap_is_str(t_join(&g->okrs.labels), cases[i].labels, cases[i].name);
		roster_free(r);
		diag_free(&d);
	}
}

/* Pages named in, in.md, index.md: only the last two are the folder's. */
static void test_page_urls(void)
{
	char *dir = t_mkdir();
	t_write(dir, "data/public/team.yml", TEAM);
	t_write(dir, "content/handbook/x/_index.md", "{{< group-by-slugs \"ann\" >}}");
	t_write(dir, "content/handbook/x/in.md", "{{< group-by-slugs \"bea\" >}}");
	t_write(dir, "content/handbook/x/i.md", "{{< group-by-slugs \"cal\" >}}");
	t_write(dir, "content/handbook/y/index.md", "{{< group-by-slugs \"dee\" >}}");
	diag_list d;
	diag_init(&d);
	roster *r = roster_load(dir, &d);
	char ids[256] = "";
	for (size_t i = 0; r && i < r->ngroups; i++) {
		strcat(ids, i ? " " : "");
		strcat(ids, r->groups[i].id);
	}
	tap_is_str(ids, "x x/i x/in y", "_index.md and index.md are their folder; "
					"in.md and i.md are pages of their own");
	roster_free(r);
	diag_free(&d);
}

/* stages.yml groups to pages: by handbook path after redirects and
 * aliases, by label, by team tag; stale paths and doubly claimed pages. */
static void test_matching(void)
{
	char *dir = t_mkdir();
	t_write(dir, "data/public/team.yml", TEAM);
	t_write(dir, "data/public/sections.yml", "dev: {name: Dev}\n");
	t_write(dir, "data/public/stages.yml",
		"stages:\n"
		"  s:\n"
		"    display_name: S\n"
		"    section: dev\n"
		"    groups:\n"
		"      moved: {name: Moved, handbook: old/place/}\n"
		"      aliased: {name: Aliased, handbook: /handbook/was/here}\n"
		"      labelled: {name: Labelled}\n"
		"      tagged: {name: Tagged, be_team_tag: Dev BE Team}\n"
		"      twice: {name: Twice, handbook: 'https://handbook.gitlab.com/handbook/new/place/#team'}\n"
		"      stale: {name: Stale, handbook: gone/}\n"
		"      elsewhere: {name: Elsewhere, handbook: 'https://about.gitlab.com/direction/x/'}\n");
	t_write(dir, "layouts/index.redirects",
		"{{ range $p := site.Pages }}{{ end }}\n"
		"/handbook/old/* /handbook/mid/:splat 301\n"
		"/handbook/mid/place/ /handbook/new/place/ 301\n");
	t_write(dir, "content/handbook/new/place/_index.md", "{{< group-by-slugs \"ann\" >}}");
	t_write(dir, "content/handbook/al/_index.md",
		"---\naliases: [/handbook/was/here]\n---\n{{< group-by-slugs \"bea\" >}}");
	t_write(dir, "content/handbook/lab.md", "~\"group::labelled\"\n{{< group-by-slugs \"cal\" >}}");
	t_write(dir, "content/handbook/tag.md", "{{< team-by-departments \"Dev BE Team\" >}}");
	t_write(dir, "content/handbook/other.md", "{{< group-by-slugs \"dee\" >}}");
	diag_list d;
	diag_init(&d);
	roster *r = roster_load(dir, &d);
	char got[1024] = "";
	for (size_t i = 0; i < r->ngroups; i++) {
		const group *g = &r->groups[i];
		size_t n = strlen(got);
		snprintf(got + n, sizeof(got) - n, "%s%s=%s", i ? " " : "", g->id,
			 g->page ? g->page + strlen("content/handbook/") : "-");
	}
	tap_is_str(got,
		   "moved=new/place/_index.md aliased=al/_index.md labelled=lab.md "
		   "tagged=tag.md twice=- stale=- elsewhere=- other=other.md",
		   "pages matched by a redirected path (a :splat, then a chain), an "
		   "alias, a label, a team tag; stages.yml order, then the rest");
	tap_is_str(t_diags(&d),
		   "data/public/categories.yml: warning: no categories.yml: names "
		   "and labels derived from ids\n"
		   "data/public/stages.yml:10:38: warning: group 'twice' names the page of "
		   "group 'moved' (content/handbook/new/place/_index.md); the page stays "
		   "'moved''s\n"
		   "data/public/stages.yml:11:38: warning: handbook path 'gone/' names no "
		   "page of the checkout",
		   "a page claimed twice and a stale path are warned about at stages.yml");
	roster_free(r);
	diag_free(&d);
}

/* --people and --data: every form, and every way they can be wrong. */
static void test_sources(const char *src)
{
	char team[4096], tree[4096], data[4096];
	snprintf(team, sizeof(team), "%s/data/handbook/data/public/team.yml", src);
	snprintf(tree, sizeof(tree), "%s/data/team_members", src);
	snprintf(data, sizeof(data), "%s/data/handbook/data/public", src);
	char *co = t_mkdir(); /* a checkout without data/public/ */
	/* paths that exist nowhere: under a fresh directory, never /nonexistent
	 * (some machines have it: nobody's home) */
	char missing_tree[4096], missing_data[4096];
	snprintf(missing_tree, sizeof(missing_tree), "%s/missing/team_members", co);
	snprintf(missing_data, sizeof(missing_data), "%s/missing", co);
	t_write(co, "content/handbook/x/_index.md", "{{< team-by-manager-slug \"sean-carroll\" >}}");
	char *www = t_mkdir(); /* a www-gitlab-com checkout */
	t_write(www, "data/team_members/person/a/ann.yml", "name: Ann\nrole: Engineer\n");
	t_write(www, "data/stages.yml", "stages:\n  s:\n    display_name: S\n");
	struct {
		const char *people, *data;
		size_t npeople, nstages, errors;
		const char *first, *name;
	} cases[] = {
	    {NULL, NULL, 0, 0, 1, "no people: data/public/ is filled by the "
				  "handbook's `make sync-data`, or run `teamtui sync`; "
				  "or give --people PATH "
				  "(a team.yml, a team_members/ tree or a www-gitlab-com "
				  "checkout)", "no data/public: an error that says how"},
	    {team, data, 183, 9, 0, NULL, "--people team.yml, --data dir"},
	    {tree, NULL, 183, 0, 0, NULL, "--people a team_members/ tree"},
	    {www, NULL, 1, 1, 0, NULL, "--people a www-gitlab-com checkout "
				       "(stages.yml from its data/ too)"},
	    {missing_tree, NULL, 0, 0, 1,
	     "people: No such file or directory", "a missing team_members path"},
	    {"/dev/null", NULL, 0, 0, 1,
	     "people: not a team.yml, a directory holding team.yml or "
	     "team_members/, or a www-gitlab-com checkout", "a device"},
	    {team, missing_data, 183, 0, 1, "data: No such file or directory",
	     "a missing --data directory is an error"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		diag_list d;
		diag_init(&d);
		roster_input in = {co, cases[i].people, cases[i].data, NULL};
		roster *r = roster_load_input(&in, &d);
		const char *first = NULL;
		for (size_t k = 0; k < d.count && !first; k++)
			if (d.items[k].severity == DIAG_ERROR)
				first = d.items[k].message;
		tap_ok(r->npeople == cases[i].npeople && r->nstages == cases[i].nstages &&
			   d.errors == cases[i].errors,
		       "%s: %zu people, %zu stages, %zu errors", cases[i].name,
		       r->npeople, r->nstages, d.errors);
		if (cases[i].first)
			tap_is_str(first, cases[i].first, cases[i].name);
		roster_free(r);
		diag_free(&d);
	}
	/* a groups.yml roster takes --people in the same forms */
	char roster_dir[4096];
	snprintf(roster_dir, sizeof(roster_dir), "%s/data", src);
	diag_list d;
	diag_init(&d);
	roster_input in = {roster_dir, team, NULL, NULL};
	roster *r = roster_load_input(&in, &d);
	tap_ok(r->npeople == 183 && r->ngroups == 19 && !d.errors && !d.warnings,
	       "groups.yml roster with --people team.yml: %zu people, %zu groups, "
	       "%zu errors, %zu warnings", r->npeople, r->ngroups, d.errors,
	       d.warnings);
	roster_free(r);
	diag_free(&d);
}

/* The bundled checkout: every table against the hand-computed rows. */
static void test_oracle(const char *src)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/data/handbook", src);
	diag_list d;
	diag_init(&d);
	roster *r = roster_load(path, &d);
	tap_ok(r && r->handbook && d.errors == 0,
	       "data/handbook loads as a checkout without errors (%zu)", d.errors);
	resolver *rs = resolver_new(r);
	snprintf(path, sizeof(path), "%s/data/handbook/expected.tsv", src);
	FILE *f = fopen(path, "r");
	char line[8192];
	size_t n = 0, bad = 0, ntables = 0;
	for (size_t i = 0; i < r->ngroups; i++)
		ntables += r->groups[i].ntables;
	while (f && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		char *file = strtok(line, "\t"), *ln = strtok(NULL, "\t");
		char *sc = strtok(NULL, "\t"), *slugs = strtok(NULL, "\t");
		const people_table *found = NULL;
		for (size_t i = 0; !found && i < r->ngroups; i++)
			for (size_t k = 0; k < r->groups[i].ntables; k++) {
				const people_table *t = &r->groups[i].tables[k];
				if (!strcmp(t->loc.file, file) && t->loc.line == atoi(ln))
					found = t;
			}
		n++;
		const char *got = found ? t_slugs(&resolve_table(rs, found)->people)
					: "(no table)";
		if (!found || strcmp(found->shortcode, sc) ||
		    strcmp(got, slugs ? slugs : "")) {
			bad++;
			tap_is_str(got, slugs ? slugs : "", file);
		}
	}
	if (f)
		fclose(f);
	tap_ok(n == 60 && n == ntables && !bad,
	       "all %zu tables of data/handbook render the oracle's rows "
	       "(%zu tables loaded, %zu differ)", n, ntables, bad);
	resolver_free(rs);

	/* the same organisation written as groups.yml */
	snprintf(path, sizeof(path), "%s/data", src);
	diag_list d2;
	diag_init(&d2);
	roster *s = roster_load(path, &d2);
	size_t same = 0, differ = 0;
	for (size_t i = 0; i < s->ngroups; i++) {
		const group *g = roster_group(r, s->groups[i].id);
		const char *a = t_team(s, s->groups[i].id);
		const char *b = g ? t_team(r, g->id) : "(missing)";
		if (!strcmp(a, b)) {
			same++;
		} else {
			differ++;
			tap_is_str(b, a, s->groups[i].id);
		}
	}
	tap_ok(same == 19 && !differ,
	       "the 19 groups.yml groups have the same members and counterparts "
	       "in both samples (%zu same, %zu differ)", same, differ);
	tap_is_str(roster_group(r, "custom-models") ? roster_group(r, "custom-models")->id
						    : NULL,
		   "custom_models", "ids match with '-' for '_'");
	roster_free(s);
	diag_free(&d2);
	roster_free(r);
	diag_free(&d);
}

int main(void)
{
	const char *src = getenv("srcdir");
	test_manager_slug();
	test_counterparts();
	test_other_shortcodes();
	test_pages();
	test_page_urls();
	test_matching();
	test_okr_links();
	test_sources(src ? src : ".");
	test_oracle(src ? src : ".");
	return tap_done();
}

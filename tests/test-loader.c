/* test-loader.c: the roster loader on good and bad input. Bad input must
 * give a located diagnostic and keep everything else. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "teamtui/resolve.h"
#include "teamtui/yload.h"

static const person *P(const roster *r, const char *slug)
{
	const person *p = roster_person(r, slug);
	if (!p)
		tap_ok(false, "person %s exists", slug);
	return p;
}

static void test_fields(void)
{
	diag_list d;
	diag_init(&d);
	roster *r = t_roster(
	    "- slug: ana\n"
	    "  type: person\n"
	    "  name: Ana Émile\n"
	    "  role: <a href='/job-families/x/'>Senior Backend Engineer</a>,\n"
	    "    Create:Source &amp; Code\n"
	    "  job_title: null\n"
	    "  reports_to: ~\n"
	    "  gitlab: 12345\n"
	    "  departments: [Eng, Create Stage]\n"
	    "  specialty: Source Code\n"
	    "  expertise: \"<li><a href=\\\"/handbook/x\\\">Merge request coach</a></li><li>GraphQL &amp; REST</li>\"\n"
	    "  domain_expertise: [PostgreSQL]\n"
	    "  projects:\n"
	    "    gitlab: maintainer backend\n"
	    "    omnibus-gitlab: [reviewer, maintainer]\n"
	    "  public: false\n"
	    "  placeholder: yes\n"
	    "  timezone: Europe/Lisbon\n"
	    "  unknown_field: {ignored: true}\n"
	    "- slug: bo\n"
	    "  role: '<a href=\"\">Product Manager</a>'\n"
	    "  specialty: [A, B]\n"
	    "- {slug: cy, type: vacancy}\n",
	    NULL, &d);
	tap_is_str(t_diags(&d),
		   "groups.yml: warning: no groups.yml in the roster: no groups to show",
		   "clean fields load without diagnostics");
	tap_is_int((long long)r->npeople, 3, "three people");
	const person *p = P(r, "ana");
	tap_is_str(p->name, "Ana Émile", "name");
	tap_is_str(p->role, "Senior Backend Engineer, Create:Source & Code",
		   "role: tags stripped, entity decoded, fold joined");
	tap_is_str(p->role_html,
		   "<a href='/job-families/x/'>Senior Backend Engineer</a>, Create:Source &amp; Code",
		   "role_html is the raw string");
	tap_ok(!p->job_title && !p->reports_to, "null and ~ are null");
	tap_is_str(p->gitlab, "12345", "a number is read as its text");
	tap_is_str(t_join(&p->departments), "Eng|Create Stage", "departments");
	tap_is_str(t_join(&p->specialty), "Source Code", "specialty as a string");
	tap_is_str(t_join(&p->expertise), "Merge request coach|GraphQL & REST",
		   "expertise <li> items as plain text");
	tap_is_int((long long)p->nprojects, 2, "two projects");
	tap_is_str(t_join(&p->projects[1].roles), "reviewer|maintainer",
		   "project roles list");
	tap_is_str(t_join(&p->projects[0].roles), "maintainer backend",
		   "project role string");
	tap_ok(!p->public_ && p->placeholder, "public false, placeholder yes");
	tap_is_str(p->timezone, "Europe/Lisbon", "timezone");
	p = P(r, "bo");
	tap_is_str(p->role, "Product Manager", "href=\"\" role");
	tap_is_str(t_join(&p->specialty), "A|B", "specialty as a list");
	tap_ok(p->public_, "public defaults to true");
	p = P(r, "cy");
	tap_ok(p->type == PERSON_VACANCY && !p->role && p->role_id == -1,
	       "vacancy without role");
	roster_free(r);
	diag_free(&d);
}

static void test_tree(void)
{
	char *dir = t_mkdir();
	t_write(dir, "team_members/person/z/zed.yml", "name: Zed\nreports_to: Bob\n");
	t_write(dir, "team_members/person/b/Bob.yml", "name: Bob Upper\n");
	t_write(dir, "team_members/person/a/amy.yaml",
		"- {slug: amy, name: Amy, reports_to: Bob}\n");
	t_write(dir, "team_members/person/a/deeper/al.yml",
		"slug: not-al\nname: Al\n");
	t_write(dir, "team_members/person/a/.hidden.yml", "name: Hidden\n");
	t_write(dir, "team_members/person/a/notes.txt", "not yaml\n");
	t_write(dir, "team_members/vacancy/be-vacancy.yml",
		"name: Backend Engineer (Vacancy)\ntype: person\n");
	t_write(dir, "team_members/person/e/empty.yml", "");
	t_write(dir, "groups.yml", "groups: {}\n");
	diag_list d;
	diag_init(&d);
	roster *r = roster_load(dir, &d);
	diag_sort(&d);
	plist all = {malloc(r->npeople * sizeof(person *)), r->npeople};
	for (size_t i = 0; i < r->npeople; i++)
		all.v[i] = &r->people[i];
	tap_is_str(t_slugs(&all), "Bob al amy be-vacancy zed",
		   "tree: slug byte order, vacancies among people, .yml and .yaml, "
		   "subdirectories, dot files and other files skipped");
	free(all.v);
	tap_ok(r->people[3].type == PERSON_VACANCY, "vacancy/ forces type vacancy");
	tap_is_str(t_diags(&d),
		   "team_members/person/a/deeper/al.yml:1:7: warning: slug 'not-al' differs from the file name; using 'al'\n"
		   "team_members/person/e/empty.yml: warning: empty person file; skipped",
		   "tree diagnostics");
	size_t n;
	roster_reports(r, roster_person(r, "Bob"), &n);
	tap_is_int((long long)n, 2, "reports across files");
	roster_free(r);
	diag_free(&d);
}

static void test_type_errors(void)
{
	diag_list d;
	diag_init(&d);
	roster *r = t_roster(
	    "- slug: a\n"
	    "  name: [not, a, string]\n"
	    "  departments: {a: map}\n"
	    "  public: maybe\n"
	    "  projects: [x]\n"
	    "  role: Engineer\n"
	    "- name: No Slug\n"
	    "- just a string\n"
	    "- slug: a\n"
	    "  name: Second A\n",
	    "sections: {dev: Dev}\n"
	    "stages:\n"
	    "  s1: {name: S1, section: nope}\n"
	    "groups:\n"
	    "  g1:\n"
	    "    stage: missing\n"
	    "    team-by-manager-slug: {team: x}\n"
	    "    stable-counterparts: {role: 'Custom (Models'}\n"
	    "    chanels: ['#typo']\n"
	    "  g2:\n"
	    "    stage: s1\n"
	    "    stable-counterparts:\n"
	    "    - {role: '(?=lookahead)'}\n"
	    "    - {role: \"(a)\\\\1\"}\n"
	    "  g3: {stage: nope}\n"
	    "  g3: {stage: s1}\n",
	    &d);
	diag_sort(&d);
	tap_is_str(t_diags(&d),
		   "groups.yml:3:27: error: unknown section 'nope'\n"
		   "groups.yml:6:12: error: unknown stage 'missing'\n"
		   "groups.yml:7:27: error: team-by-manager-slug needs a 'manager' slug\n"
		   "groups.yml:8:48: error: invalid regex in 'role': missing closing parenthesis\n"
		   "groups.yml:9:5: warning: unknown key 'chanels' in a group; ignored\n"
		   "groups.yml:13:15: error: invalid regex in 'role': lookaround, atomic groups and other (? constructs are not RE2 syntax\n"
		   "groups.yml:14:18: error: invalid regex in 'role': backreferences are not RE2 syntax\n"
		   "groups.yml:16:3: warning: duplicate key 'g3': replaces the one at line 15, column 3\n"
		   "team.yml:2:9: error: 'name' must be a string, not a list\n"
		   "team.yml:3:16: error: 'departments' must be a list of strings, not a map\n"
		   "team.yml:4:11: error: 'public' must be true or false, not a string\n"
		   "team.yml:5:13: error: 'projects' must be a map, not a list\n"
		   "team.yml:7:3: error: person without a slug; skipped\n"
		   "team.yml:8:3: error: a person must be a map, not a string; skipped\n"
		   "team.yml:9:3: error: duplicate slug 'a' (first defined at team.yml:1:3)",
		   "wrong types, missing slugs, duplicates, bad regexes, unknown "
		   "stage/section: each located, the rest kept");
	tap_is_int((long long)r->npeople, 2, "both a's kept (lookups use the first)");
	tap_is_str(P(r, "a")->role, "Engineer", "the first a keeps its good fields");
	tap_is_int((long long)r->ngroups, 3, "g1, g2 and the later g3 kept");
	tap_is_str(roster_group(r, "g3")->stage_id, "s1",
		   "the later g3 is the one read (the earlier one's unknown stage is not)");
	roster_free(r);
	diag_free(&d);
}

static void test_syntax_error(void)
{
	diag_list d;
	diag_init(&d);
	roster *r = t_roster("- {slug: one, reports_to: boss}\n"
			     "- {slug: two, reports_to: boss}\n"
			     "- slug: three\n"
			     "  name: [unclosed\n"
			     "- {slug: four}\n",
			     "groups: {g: {team-by-manager-slug: {manager: boss}}}\n",
			     &d);
	tap_is_int((long long)r->npeople, 2, "entries before a syntax error are kept");
	tap_ok(d.errors >= 1 && strstr(t_diags(&d), "team.yml:5:3: error: YAML syntax: did not find expected ',' or ']'"),
	       "the syntax error is located: %s", t_diags(&d));
	roster_free(r);
	diag_free(&d);
}

static void test_hostile(void)
{
	diag_list d;
	diag_init(&d);
	/* alias bomb: each level doubles; expanded it would be 2^30 strings */
	char bomb[8192] = "- &p {slug: p1, departments: &l0 [x, x]}\n";
	for (int i = 1; i <= 30; i++) {
		char line[128];
		snprintf(line, sizeof(line), "- {slug: b%d, departments: &l%d [*l%d, *l%d]}\n",
			 i, i, i - 1, i - 1);
		strcat(bomb, line);
	}
	strcat(bomb, "- *p\n- {slug: self, departments: &s [*s]}\n- {slug: last}\n");
	roster *r = t_roster(bomb, NULL, &d);
	tap_ok(r->npeople == 34, "alias bomb: loads without expanding (%zu people)",
	       r->npeople);
	/* an alias shares its anchor's node, but stands where it is written */
	tap_ok(strstr(t_diags(&d), "team.yml:32:3: error: duplicate slug 'p1' (first defined at team.yml:1:3)") != NULL,
	       "an alias of a whole person is a duplicate, reported at the alias");
	tap_ok(strstr(t_diags(&d), "team.yml:33:33: error: undefined alias 's' (read as null)") != NULL,
	       "a self-referencing anchor is an undefined alias: %s", t_diags(&d));
	tap_ok(roster_person(r, "last") != NULL, "and the file goes on after it");
	roster_free(r);
	diag_free(&d);

	/* nesting 100,000 deep */
	size_t depth = 100000;
	char *deep = malloc(depth * 2 + 64);
	strcpy(deep, "- {slug: ok}\n- ");
	size_t o = strlen(deep);
	memset(deep + o, '[', depth);
	memset(deep + o + depth, ']', depth);
	strcpy(deep + o + 2 * depth, "\n");
	diag_init(&d);
	r = t_roster(deep, NULL, &d);
	free(deep);
	tap_ok(r->npeople == 1 && strstr(t_diags(&d),
					 "team.yml:2:202: error: nesting deeper than 200 levels"),
	       "deep nesting stops with an error, keeps what came before: %s",
	       t_diags(&d));
	roster_free(r);
	diag_free(&d);

	/* invalid UTF-8 and a raw control byte */
	diag_init(&d);
	r = t_roster("- {slug: u1, name: \"Bad \xff\xfe byte\"}\n"
		     "- {slug: u2, name: \"Bell \x07 here\"}\n"
		     "- {slug: u3, name: Fine}\n",
		     NULL, &d);
	tap_ok(r->npeople == 3, "non-UTF-8: every person kept");
	tap_is_str(P(r, "u1")->name, "Bad \xef\xbf\xbd\xef\xbf\xbd byte",
		   "invalid bytes become U+FFFD");
	tap_ok(strstr(t_diags(&d), "team.yml:1:25: warning: 3 invalid UTF-8 or control bytes replaced by U+FFFD") != NULL,
	       "located warning: %s", t_diags(&d));
	roster_free(r);
	diag_free(&d);
}

/* team.yml is mapped and read once; libyaml checks its UTF-8. A bad byte
 * far into the file is found only after many people were handed over:
 * the file is read again, repaired, and nobody counts twice. */
static void test_late_bad_byte(void)
{
	size_t n = 3000, cap = n * 64 + 64, len = 0;
	char *team = malloc(cap);
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(team + len, cap - len, "- {slug: p%zu, name: %s}\n", i,
					i == n - 10 ? "\"Late \xc3 byte\"" : "Someone");
	diag_list d;
	diag_init(&d);
	roster *r = t_roster(team, NULL, &d);
	tap_ok(r->npeople == n, "late bad byte: every person once (%zu)", r->npeople);
	tap_is_str(P(r, "p2990")->name, "Late \xef\xbf\xbd byte", "repaired on the second reading");
	tap_is_str(t_diags(&d),
		   "team.yml:2991:29: warning: 1 invalid UTF-8 or control byte replaced by U+FFFD\n"
		   "groups.yml: warning: no groups.yml in the roster: no groups to show",
		   "only the second reading's diagnostics");
	roster_free(r);
	diag_free(&d);
	free(team);
}

/* A mapped file cut short while it is parsed (an editor rewriting it in
 * place): no SIGBUS; it is read again, and the items start over. */
struct shrink {
	const char *path;
	int items, restarts;
	char seen[64];
};

static void shrink_item(void *ctx, const ynode *it)
{
	struct shrink *s = ctx;
	if (!it) {
		s->restarts++;
		s->seen[0] = '\0';
		return;
	}
	if (!s->items++)
		truncate(s->path, 8); /* "- a\n- b\n" */
	if (it->kind == YNODE_SCALAR && strlen(s->seen) + it->len < sizeof(s->seen) - 1)
		strcat(s->seen, it->str);
}

static void test_shrinking_file(void)
{
	char *dir = t_mkdir();
	size_t cap = 300000, len = 0;
	char *text = malloc(cap);
	len += (size_t)snprintf(text, cap, "- a\n- b\n");
	while (len + 16 < cap)
		len += (size_t)snprintf(text + len, cap - len, "- xxxxxxxxxxxx\n");
	t_write(dir, "list.yml", text);
	char path[4096];
	snprintf(path, sizeof(path), "%s/list.yml", dir);
	diag_list d;
	diag_init(&d);
	yload c = {.model = arena_new(), .nodes = arena_new(), .diags = &d};
	struct shrink s = {path, 0, 0, ""};
	ynode *root = yload_file_items(&c, path, "list.yml", shrink_item, &s);
	tap_ok(root && s.restarts == 1 && !strcmp(s.seen, "ab") && !d.count,
	       "a file cut short while mapped is read again: %d restart(s), items '%s', %s",
	       s.restarts, s.seen, t_diags(&d));
	yload_release(&c);
	arena_free(c.nodes);
	arena_free(c.model);
	diag_free(&d);
	free(text);
}

static void test_many_files(void)
{
	char *dir = t_mkdir();
	char name[64], body[128];
	for (int i = 0; i < 10000; i++) {
		snprintf(name, sizeof(name), "team_members/person/%c/p%05d.yml",
			 'a' + i % 26, i);
		snprintf(body, sizeof(body), "name: Person %d\nreports_to: p%05d\n", i,
			 i / 10);
		t_write(dir, name, body);
	}
	t_write(dir, "groups.yml", "groups: {}\n");
	diag_list d;
	diag_init(&d);
	roster *r = roster_load(dir, &d);
	tap_ok(r->npeople == 10000 && d.count == 0,
	       "10,000 files load (%zu people, %zu diagnostics)", r->npeople, d.count);
	tap_is_str(r->people[9999].slug, "p09999", "ordered by slug");
	size_t n;
	roster_reports(r, roster_person(r, "p00001"), &n);
	tap_is_int((long long)n, 10, "reports indexed");
	roster_free(r);
	diag_free(&d);
}

static void test_big_files(void)
{
	/* 100 MB: one person whose expertise is a 100 MB scalar */
	char *dir = t_mkdir();
	char path[4200];
	snprintf(path, sizeof(path), "%s/team.yml", dir);
	FILE *f = fopen(path, "w");
	fputs("- {slug: small}\n- slug: big\n  domain_expertise: [", f);
	static char chunk[1 << 20];
	memset(chunk, 'x', sizeof(chunk));
	for (int i = 0; i < 100; i++)
		fwrite(chunk, 1, sizeof(chunk), f);
	fputs("]\n- {slug: after}\n", f);
	fclose(f);
	diag_list d;
	diag_init(&d);
	roster *r = roster_load(dir, &d);
	tap_ok(r->npeople == 3 && r->people[1].domain_expertise.n == 1 &&
		   strlen(r->people[1].domain_expertise.v[0]) == 100u << 20,
	       "a 100 MB file loads");
	roster_free(r);
	diag_free(&d);

	/* over the cap: a sparse 300 MB file is refused before reading */
	int fd = open(path, O_WRONLY | O_TRUNC);
	tap_ok(fd >= 0 && ftruncate(fd, 300L << 20) == 0, "sparse 300 MB file");
	close(fd);
	diag_init(&d);
	r = roster_load(dir, &d);
	tap_ok(r->npeople == 0 &&
		   strstr(t_diags(&d), "team.yml: error: file is larger than 256 MB; skipped"),
	       "a file over 256 MB is refused: %s", t_diags(&d));
	roster_free(r);
	diag_free(&d);
}

static void test_catastrophic_regex(void)
{
	diag_list d;
	diag_init(&d);
	roster *r = t_roster(
	    "- {slug: v, role: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab}\n"
	    "- {slug: w, role: aaaa}\n",
	    "groups: {g: {stable-counterparts: {role: '(a|aa)+$'}}}\n", &d);
	resolver *rs = resolver_new(r);
	const group_team *t = resolve_group(rs, &r->groups[0]);
	tap_is_str(t_slugs(&t->counterparts), "w",
		   "catastrophic regex: gives up on the hostile role, matches the other");
	tap_ok(strstr(t_diags(resolve_diags(rs)), "too much backtracking") != NULL,
	       "and says so: %s", t_diags(resolve_diags(rs)));
	resolver_free(rs);
	roster_free(r);
	diag_free(&d);
}

int main(void)
{
	test_fields();
	test_tree();
	test_type_errors();
	test_syntax_error();
	test_hostile();
	test_late_bad_byte();
	test_shrinking_file();
	test_many_files();
	test_big_files();
	test_catastrophic_regex();
	return tap_done();
}

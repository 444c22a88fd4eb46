/* test-input.c: input that people actually produce by accident, and that
 * hostile files produce on purpose: keys that are not strings, repeated
 * keys, byte-order marks and UTF-16, positions an editor can jump to,
 * merge conflicts, empty values, NULs, files that are not files, links,
 * project roles read as words, queries too long to search. Each case
 * checks the exact diagnostics and the exact model that loads anyway. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"
#include "teamtui/config.h"
#include "teamtui/search.h"

static void write_bytes(const char *dir, const char *name, const char *buf,
			size_t len)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(buf, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		exit(99);
	}
}

/* Diagnostics sorted, without the "no groups.yml" notice of rosters
 * that have only people. */
static const char *diags(diag_list *d)
{
	diag_sort(d);
	const char *all = t_diags(d);
	static const char notice[] =
	    "groups.yml: warning: no groups.yml in the roster: no groups to show";
	const char *at = strstr(all, notice);
	if (!at)
		return all;
	static char buf[8192];
	size_t pre = (size_t)(at - all);
	snprintf(buf, sizeof(buf), "%.*s%s", (int)(pre && all[pre - 1] == '\n' ? pre - 1 : pre),
		 all, at[sizeof(notice) - 1] == '\n' && pre == 0 ? at + sizeof(notice)
								   : at + sizeof(notice) - 1);
	return buf;
}

/* Issue 8, fault 2: a map or a list used as a key. */
static void test_keys_not_strings(void)
{
	diag_list d;
	diag_init(&d);
	roster *r = t_roster("- slug: m\n"
			     "  {x: y}: 1\n"
			     "  name: Manager\n"
			     "- slug: a\n"
			     "  ? [k]\n"
			     "  : v\n"
			     "  reports_to: m\n",
			     "sections:\n"
			     "  {foo: bar}: 123\n"
			     "  dev: Dev\n"
			     "stages:\n"
			     "  s1: {name: S1, section: dev}\n"
			     "groups:\n"
			     "  ? [a, b]\n"
			     "  : {stage: s1}\n"
			     "  g1: {stage: s1, team-by-manager-slug: {manager: m}}\n",
			     &d);
	tap_is_str(diags(&d),
		   "groups.yml:2:3: error: a key must be a string, not a map; this entry is skipped\n"
		   "groups.yml:7:5: error: a key must be a string, not a list; this entry is skipped\n"
		   "team.yml:2:3: error: a key must be a string, not a map; this entry is skipped\n"
		   "team.yml:5:5: error: a key must be a string, not a list; this entry is skipped",
		   "a map or list as a key: located errors, no crash");
	tap_ok(r->nsections == 1 && !strcmp(r->sections[0].id, "dev") &&
		       r->ngroups == 1 && !strcmp(r->groups[0].id, "g1"),
	       "the rest of groups.yml loads (section dev, group g1)");
	tap_is_str(roster_person(r, "m") ? roster_person(r, "m")->name : "(none)",
		   "Manager", "the person map keeps its other keys");
	tap_is_str(t_team(r, "g1"), "m a | ", "and the team resolves");
	roster_free(r);
	diag_free(&d);

	/* the same in config.yml: the roster key beside it still counts */
	char *cfgdir = t_mkdir();
	t_write(cfgdir, "teamtui/config.yml", "? {a: b}\n: 1\nroster: /some/where\n");
	setenv("XDG_CONFIG_HOME", cfgdir, 1);
	unsetenv("TEAMTUI_ROSTER");
	diag_init(&d);
	roster_source from;
	char *dir = config_roster_dir(NULL, &from, &d);
	char want[4400];
	snprintf(want, sizeof(want),
		 "%s/teamtui/config.yml:1:3: error: a key must be a string, not a map; this entry is skipped",
		 cfgdir);
	tap_is_str(t_diags(&d), want, "config.yml: the key is reported");
	tap_is_str(dir, "/some/where", "config.yml: roster: still read");
	free(dir);
	diag_free(&d);
	unsetenv("XDG_CONFIG_HOME");
}

/* Issue 8, fault 6: every repeated key, in maps of any size. */
static void test_duplicate_keys(void)
{
	diag_list d;
	diag_init(&d);
	roster *r = t_roster("- slug: a\n"
			     "  name: First\n"
			     "  role: Engineer\n"
			     "  name: Second\n"
			     "- slug: b\n"
			     "  role: Product Manager\n",
			     "groups:\n"
			     "  g:\n"
			     "    stable-counterparts: {role: Engineer}\n"
			     "    name: G\n"
			     "    stable-counterparts: {role: Product, role: Product Manager}\n",
			     &d);
	tap_is_str(diags(&d),
		   "groups.yml:2:3: warning: group 'g' has no stage\n"
		   "groups.yml:5:5: warning: duplicate key 'stable-counterparts': replaces the one at line 3, column 5\n"
		   "groups.yml:5:42: warning: duplicate key 'role': replaces the one at line 5, column 27\n"
		   "team.yml:4:3: warning: duplicate key 'name': replaces the one at line 2, column 3",
		   "two stable-counterparts keys, two roles, two names: each a warning naming both lines");
	tap_is_str(roster_person(r, "a")->name, "Second", "the later key wins");
	tap_is_str(t_team(r, "g"), " | b", "the later table is the one resolved");
	tap_is_int((long long)d.warnings, 4, "check counts them as warnings");
	roster_free(r);
	diag_free(&d);

	/* a map far over 4,096 entries: 5,000 groups, one id twice */
	size_t n = 5000;
	char *g = malloc(n * 40 + 64);
	size_t o = (size_t)sprintf(g, "groups:\n");
	for (size_t i = 0; i < n; i++)
		o += (size_t)sprintf(g + o, "  g%zu: {name: G%zu}\n", i, i);
	sprintf(g + o, "  g17: {name: Again}\n");
	diag_init(&d);
	r = t_roster("- {slug: p}\n", g, &d);
	free(g);
	tap_ok(strstr(t_diags(&d), "groups.yml:5002:3: warning: duplicate key 'g17': replaces the one at line 19, column 3") != NULL,
	       "a duplicate in a 5,001-entry map is found");
	tap_is_int((long long)r->ngroups, 5000, "5,000 distinct groups");
	tap_is_str(roster_group(r, "g17") ? roster_group(r, "g17")->name : "(none)",
		   "Again", "the later g17 is the one read");
	roster_free(r);
	diag_free(&d);
}

/* Issue 8, fault 5: byte-order marks, CRLF and CR, UTF-16 and UTF-32. */
static void test_encodings(void)
{
	diag_list d;
	diag_init(&d);
	char *dir = t_mkdir();
	t_write(dir, "team.yml",
		"\xEF\xBB\xBF- slug: a\r\n  name: Ana\r\n- slug: b\r\n  reports_to: a\r\n");
	t_write(dir, "groups.yml",
		"\xEF\xBB\xBFgroups:\r\n  g:\r\n    stage: x\r\n    team-by-manager-slug: {manager: a}\r\n");
	roster *r = roster_load(dir, &d);
	tap_is_str(t_diags(&d), "groups.yml:3:12: error: unknown stage 'x'",
		   "BOM + CRLF: no syntax error, positions as an editor shows them");
	tap_is_str(t_team(r, "g"), "a b | ", "BOM + CRLF: the team is whole");
	roster_free(r);
	diag_free(&d);

	diag_init(&d);
	r = t_roster("- slug: a\r  name: [x]\r- slug: b\r", NULL, &d);
	tap_is_str(diags(&d), "team.yml:2:9: error: 'name' must be a string, not a list",
		   "CR line ends: read as lines");
	tap_is_int((long long)r->npeople, 2, "CR line ends: both people");
	roster_free(r);
	diag_free(&d);

#define B(lit) lit, sizeof(lit) - 1 /* bytes with NULs, and their count */
	static const struct {
		const char *name, *bytes;
		size_t len;
		const char *want;
	} cases[] = {
	    {"UTF-16LE with a BOM", B("\xFF\xFE-\0 \0{\0s\0l\0u\0g\0:\0 \0a\0}\0\n\0"),
	     "team.yml: error: UTF-16 text; save it as UTF-8"},
	    {"UTF-16BE with a BOM", B("\xFE\xFF\0-\0 \0{\0s\0l\0u\0g\0:\0 \0a\0}\0\n"),
	     "team.yml: error: UTF-16 text; save it as UTF-8"},
	    {"UTF-16LE without a BOM", B("-\0 \0{\0s\0l\0u\0g\0:\0 \0a\0}\0\n\0"),
	     "team.yml: error: UTF-16 text; save it as UTF-8"},
	    {"UTF-16BE without a BOM", B("\0-\0 \0{\0s\0l\0u\0g\0:\0 \0a\0}\0\n"),
	     "team.yml: error: UTF-16 text; save it as UTF-8"},
	    {"UTF-32LE with a BOM", B("\xFF\xFE\0\0-\0\0\0 \0\0\0a\0\0\0"),
	     "team.yml: error: UTF-32 text; save it as UTF-8"},
	    {"UTF-32BE with a BOM", B("\0\0\xFE\xFF\0\0\0-\0\0\0 \0\0\0a"),
	     "team.yml: error: UTF-32 text; save it as UTF-8"},
	    {"UTF-32LE without a BOM", B("-\0\0\0 \0\0\0a\0\0\0"),
	     "team.yml: error: UTF-32 text; save it as UTF-8"},
	    {"UTF-32BE without a BOM", B("\0\0\0-\0\0\0 \0\0\0a"),
	     "team.yml: error: UTF-32 text; save it as UTF-8"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		diag_init(&d);
		dir = t_mkdir();
		write_bytes(dir, "team.yml", cases[i].bytes, cases[i].len);
		t_write(dir, "groups.yml", "groups: {g: {name: G}}\n");
		r = roster_load(dir, &d);
		char name[128];
		snprintf(name, sizeof(name), "%s: one clear line, nothing half-read", cases[i].name);
		diag_sort(&d);
		const char *all = t_diags(&d);
		char want[256];
		snprintf(want, sizeof(want),
			 "groups.yml:1:10: warning: group 'g' has no stage\n%s", cases[i].want);
		tap_is_str(all, want, name);
		tap_ok(r->npeople == 0 && r->ngroups == 1, "%s: no people, groups.yml still read",
		       cases[i].name);
		roster_free(r);
		diag_free(&d);
	}

	/* a UTF-16 groups.yml: the people still load */
	diag_init(&d);
	dir = t_mkdir();
	t_write(dir, "team.yml", "- {slug: a}\n");
	write_bytes(dir, "groups.yml", B("\xFF\xFEg\0r\0o\0u\0p\0s\0:\0\n\0"));
	r = roster_load(dir, &d);
	tap_is_str(t_diags(&d), "groups.yml: error: UTF-16 text; save it as UTF-8",
		   "UTF-16 groups.yml: refused in one line");
	tap_is_int((long long)r->npeople, 1, "and team.yml still loads");
	roster_free(r);
	diag_free(&d);

	/* config.yml with a BOM and CRLF */
	char *cfgdir = t_mkdir();
	t_write(cfgdir, "teamtui/config.yml", "\xEF\xBB\xBFroster: /from/bom\r\n");
	setenv("XDG_CONFIG_HOME", cfgdir, 1);
	diag_init(&d);
	roster_source from;
	char *rd = config_roster_dir(NULL, &from, &d);
	tap_ok(rd && !strcmp(rd, "/from/bom") && d.count == 0,
	       "config.yml with a BOM and CRLF: read (%s)", rd ? rd : "(null)");
	free(rd);
	diag_free(&d);
	unsetenv("XDG_CONFIG_HOME");
}

/* Issue 8, fault 7: positions editors can use. */
static void test_positions(void)
{
	diag_list d;
	diag_init(&d);
	/* U+2028 inside a quoted value, U+0085 in a comment, U+2029 in a
	 * plain value: later lines keep their numbers */
	roster *r = t_roster("- slug: a\n"
			     "  name: \"Ivo\xE2\x80\xA8 Brandt\"\n"
			     "  locality: \"Porto\xC2\x85\"\n"
			     "- slug: b\n"
			     "  name: [x]\n"
			     "  locality: Porto\xE2\x80\xA9\n"
			     "- slug: c\n"
			     "  public: maybe\n",
			     NULL, &d);
	tap_is_str(diags(&d),
		   "team.yml:2:13: warning: invisible U+2028 (line separator): YAML reads it as a line break; delete it, or write it as an escape in double quotes\n"
		   "team.yml:3:19: warning: invisible U+0085 (next line): YAML reads it as a line break; delete it, or write it as an escape in double quotes\n"
		   "team.yml:5:9: error: 'name' must be a string, not a list\n"
		   "team.yml:6:18: warning: invisible U+2029 (paragraph separator): YAML reads it as a line break; delete it, or write it as an escape in double quotes\n"
		   "team.yml:8:11: error: 'public' must be true or false, not a string",
		   "U+2028/U+0085/U+2029: warned where they stand, later lines not shifted");
	tap_is_int((long long)r->npeople, 3, "all three people");
	roster_free(r);
	diag_free(&d);

	/* where the broken construct began */
	diag_init(&d);
	r = t_roster("- slug: a\n"
		     "  name: \"unterminated\n"
		     "- slug: b\n",
		     NULL, &d);
	tap_is_str(diags(&d),
		   "team.yml:1:3: error: entry cut short by the syntax error; skipped\n"
		   "team.yml:4:1: error: YAML syntax: found unexpected end of stream while scanning a quoted scalar that began at line 2, column 9",
		   "a syntax error also names the line its construct began on");
	roster_free(r);
	diag_free(&d);

	/* git conflict markers */
	diag_init(&d);
	r = t_roster("- slug: a\n"
		     "<<<<<<< HEAD\n"
		     "  name: A1\n"
		     "=======\n"
		     "  name: A2\n"
		     ">>>>>>> topic\n"
		     "- slug: b\n",
		     "groups:\n"
		     "  g:\n"
		     "<<<<<<< ours\r\n"
		     "    name: One\n"
		     "|||||||\n"
		     "=======\n"
		     "    name: Two\n"
		     ">>>>>>>\n",
		     &d);
	diag_sort(&d);
	const char *all = t_diags(&d);
	static const char *const conflicts[] = {
	    "groups.yml:3:1: error: unresolved merge conflict (a '<<<<<<<' line)",
	    "groups.yml:5:1: error: unresolved merge conflict (a '|||||||' line)",
	    "groups.yml:6:1: error: unresolved merge conflict (a '=======' line)",
	    "groups.yml:8:1: error: unresolved merge conflict (a '>>>>>>>' line)",
	    "team.yml:2:1: error: unresolved merge conflict (a '<<<<<<<' line)",
	    "team.yml:4:1: error: unresolved merge conflict (a '=======' line)",
	    "team.yml:6:1: error: unresolved merge conflict (a '>>>>>>>' line)",
	};
	for (size_t i = 0; i < sizeof(conflicts) / sizeof(*conflicts); i++)
		tap_ok(strstr(all, conflicts[i]) != NULL, "conflict marker at its own line: %s",
		       conflicts[i]);
	tap_ok(roster_person(r, "a") != NULL, "the entry before the conflict loads");
	roster_free(r);
	diag_free(&d);

	/* what a conflict's first marker ends was whole: it loads */
	diag_init(&d);
	r = t_roster("- slug: m\n"
		     "  name: Manager\n"
		     "- slug: a\n"
		     "  reports_to: m\n"
		     "<<<<<<< HEAD\n"
		     "- slug: b\n"
		     "=======\n"
		     "- slug: c\n"
		     ">>>>>>> topic\n",
		     "groups:\n"
		     "  widgets:\n"
		     "    name: Widgets\n"
		     "    team-by-manager-slug:\n"
		     "      manager: m\n"
		     "<<<<<<< HEAD\n"
		     "  gadgets: {name: Gadgets}\n"
		     "=======\n"
		     "  gizmos: {name: Gizmos}\n"
		     ">>>>>>> theirs\n",
		     &d);
	tap_is_str(t_team(r, "widgets"), "m a | ",
		   "a group written out before a conflict marker loads whole");
	tap_is_int((long long)r->npeople, 2, "and the people before it");
	tap_ok(!strstr(t_diags(&d), "cut short"), "nothing is said to be cut short");
	/* and nothing that merely looks like one */
	roster_free(r);
	diag_free(&d);
	diag_init(&d);
	r = t_roster("- slug: a\n  name: \"<<<<<<< not at the start\"\n"
		     "- slug: b\n  description: |\n    ======== eight\n",
		     NULL, &d);
	tap_is_str(diags(&d), "", "no conflict where none is");
	roster_free(r);
	diag_free(&d);
}

/* Issue 8, fault 8: empty and blank values count as absent. */
static void test_empty_values(void)
{
	diag_list d;
	diag_init(&d);
	roster *r = t_roster("- slug: a\n"
			     "  name: \"  \"\n"
			     "  gitlab: ''\n"
			     "  role: \"<span> </span>\"\n"
			     "  specialty: \"\"\n"
			     "  departments: [\"\", Widgets, \"\\t\", \"\\u00a0\"]\n"
			     "  team_tags: [\"\"]\n"
			     "  expertise: \"<li></li><li> </li><li>Go</li>\"\n"
			     "  reports_to: \"\"\n",
			     "groups:\n"
			     "  g:\n"
			     "    name: ''\n"
			     "    description: ' '\n"
			     "    channels: ['', '#g']\n"
			     "    labels: [' ']\n",
			     &d);
	const person *p = roster_person(r, "a");
	tap_ok(p && !p->name && !p->gitlab && !p->role && !p->reports_to,
	       "blank name, gitlab, role and reports_to are absent");
	tap_is_int((long long)p->specialty.n, 0, "specialty: \"\" is no specialty");
	tap_is_str(t_join(&p->departments), "Widgets", "[\"\", Widgets, blanks] is [Widgets]");
	tap_is_int((long long)p->team_tags.n, 0, "[\"\"] is an empty list");
	tap_is_str(t_join(&p->expertise), "Go", "blank <li> items are left out");
	const group *g = roster_group(r, "g");
	tap_ok(g && !strcmp(g->name, "g") && !g->description,
	       "a blank group name falls back to the id; blank description absent");
	tap_is_str(t_join(&g->channels), "#g", "blank channels left out");
	tap_is_int((long long)g->labels.n, 0, "blank labels left out");
	roster_free(r);
	diag_free(&d);
}

/* Issue 8, fault 15: a NUL inside a value, and queries too long. */
static void test_nul_and_limits(void)
{
	diag_list d;
	diag_init(&d);
	roster *r = t_roster("- slug: ivo\n"
			     "  name: \"Ivo\\0Brandt\"\n"
			     "  \"na\\0me\": x\n",
			     NULL, &d);
	tap_is_str(roster_person(r, "ivo")->name, "Ivo\xEF\xBF\xBD" "Brandt",
		   "an escaped NUL is shown as U+FFFD, the name not cut");
	tap_is_str(diags(&d),
		   "team.yml:2:9: warning: a NUL character (\\0) in this value is shown as U+FFFD\n"
		   "team.yml:3:3: warning: a NUL character (\\0) in this key is shown as U+FFFD",
		   "and a located warning says so");
	search_index *s = search_build(r);
	search_hit hits[4];
	tap_is_int((long long)search_query(s, "brandt", hits, 4), 1,
		   "the part after the NUL is searchable");
	char q[1200];
	memset(q, 'a', sizeof(q) - 1);
	q[sizeof(q) - 1] = '\0';
	tap_is_str(search_query_problem(q), "the query is longer than 1000 bytes",
		   "a query over 1000 bytes is refused");
	tap_is_int((long long)search_query(s, q, hits, 4), 0, "and not searched cut short");
	tap_is_str(search_query_problem("one two three four five six seven eight nine"),
		   "the query has more than 8 words to look for; leave some out",
		   "nine words to look for: refused, not cut to eight");
	tap_ok(search_query_problem("who is the person to ask about the brandt label in the channel") == NULL,
	       "filler words do not count");
	tap_is_int((long long)search_query(s, "who do i ask about the brandt label in the channel", hits, 4), 1,
		   "and such a question still finds the person");
	search_free(s);
	roster_free(r);
	diag_free(&d);

	/* a reason longer than its room ends visibly, on a whole character */
	char yml[1024];
	size_t o = (size_t)snprintf(yml, sizeof(yml), "- slug: long\n  domain_expertise: [\"zebra ");
	for (int i = 0; i < 150; i++)
		o += (size_t)snprintf(yml + o, sizeof(yml) - o, "\xC3\xA9");
	snprintf(yml + o, sizeof(yml) - o, "\"]\n");
	diag_init(&d);
	r = t_roster(yml, NULL, &d);
	s = search_build(r);
	size_t n = search_query(s, "zebra", hits, 4);
	size_t len = n ? strlen(hits[0].reason) : 0;
	tap_ok(n == 1 && len <= 199 && len >= 190 && !strcmp(hits[0].reason + len - 3, "...") &&
		       ((unsigned char)hits[0].reason[len - 4] == 0xA9),
	       "a long reason is cut on a character boundary with '...' (%zu bytes)", len);
	search_free(s);
	roster_free(r);
	diag_free(&d);
}

/* Issue 8, fault 9: project roles are words. */
static void test_project_roles(void)
{
	static const struct {
		const char *text;
		project_role_kind kind;
		const char *area, *shown;
	} cases[] = {
	    {"maintainer backend", PROJECT_ROLE_MAINTAINER, "backend", "maintainer (backend)"},
	    {"maintainer", PROJECT_ROLE_MAINTAINER, NULL, "maintainer"},
	    {"trainee_maintainer backend", PROJECT_ROLE_TRAINEE_MAINTAINER, "backend",
	     "trainee maintainer (backend)"},
	    {"Trainee Maintainer frontend", PROJECT_ROLE_TRAINEE_MAINTAINER, "frontend",
	     "trainee maintainer (frontend)"},
	    {"trainee-maintainer", PROJECT_ROLE_TRAINEE_MAINTAINER, NULL, "trainee maintainer"},
	    {"reviewer database", PROJECT_ROLE_REVIEWER, "database", "reviewer (database)"},
	    {"maintainers_lead", PROJECT_ROLE_OTHER, NULL, "maintainers_lead"},
	    {"owner", PROJECT_ROLE_OTHER, NULL, "owner"},
	    {"backend maintainer", PROJECT_ROLE_OTHER, NULL, "backend maintainer"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		const char *area;
		project_role_kind k = roster_project_role(cases[i].text, &area);
		char *shown = roster_project_role_text(cases[i].text);
		tap_ok(k == cases[i].kind &&
			       ((!area && !cases[i].area) ||
				(area && cases[i].area && !strcmp(area, cases[i].area))) &&
			       shown && !strcmp(shown, cases[i].shown),
		       "'%s' -> kind %d, area %s, shown '%s' (got %d, %s, '%s')", cases[i].text,
		       cases[i].kind, cases[i].area ? cases[i].area : "-", cases[i].shown, k,
		       area ? area : "-", shown ? shown : "");
		free(shown);
	}

	/* ranked and explained as what they are */
	diag_list d;
	diag_init(&d);
	roster *r = t_roster("- slug: tia\n"
			     "  name: Tia Trainee\n"
			     "  projects: {gitlab: trainee_maintainer backend}\n"
			     "- slug: max\n"
			     "  name: Max Maintainer\n"
			     "  projects: {gitlab: maintainer backend}\n"
			     "- slug: rex\n"
			     "  name: Rex Reviewer\n"
			     "  projects: {gitlab: [reviewer backend]}\n",
			     NULL, &d);
	search_index *s = search_build(r);
	search_hit hits[4];
	size_t n = search_query(s, "gitlab maintainer", hits, 4);
	tap_ok(n == 2 && hits[0].person == roster_person(r, "max") &&
		       hits[1].person == roster_person(r, "tia"),
	       "'gitlab maintainer': the maintainer, then the trainee (%zu hits)", n);
	tap_is_str(n >= 2 ? hits[1].reason : "", "trainee maintainer: gitlab (backend)",
		   "the trainee is called one");
	tap_is_str(n >= 1 ? hits[0].reason : "", "maintainer: gitlab (backend)",
		   "the maintainer's reason");
	n = search_query(s, "gitlab", hits, 4);
	tap_ok(n == 3 && hits[0].person == roster_person(r, "max") &&
		       hits[1].person == roster_person(r, "tia") &&
		       hits[2].person == roster_person(r, "rex"),
	       "'gitlab': maintainer, trainee maintainer, reviewer");
	tap_is_str(n == 3 ? hits[2].reason : "", "reviewer: gitlab (backend)",
		   "the reviewer's reason");
	search_free(s);
	roster_free(r);
	diag_free(&d);

	/* the role whose area the query names counts, not the best elsewhere */
	diag_init(&d);
	r = t_roster("- slug: t\n"
		     "  projects: {gitlab: [trainee_maintainer backend, maintainer frontend]}\n"
		     "- slug: m\n"
		     "  projects: {gitlab: maintainer backend}\n",
		     NULL, &d);
	s = search_build(r);
	n = search_query(s, "backend", hits, 4);
	tap_ok(n == 2 && hits[0].person == roster_person(r, "m") && hits[0].score > hits[1].score,
	       "'backend': the backend maintainer above the backend trainee");
	tap_is_str(n == 2 ? hits[1].reason : "", "trainee maintainer: gitlab (backend)",
		   "and the trainee is named for the area asked about");
	n = search_query(s, "frontend", hits, 4);
	tap_is_str(n == 1 ? hits[0].reason : "", "maintainer: gitlab (frontend)",
		   "'frontend': the same person, as the frontend maintainer");
	search_free(s);
	roster_free(r);
	diag_free(&d);
	diag_init(&d);
	r = t_roster("- slug: tia\n"
		     "  projects: {gitlab: trainee_maintainer backend}\n",
		     NULL, &d);
	s = search_build(r);
	char *text = roster_project_roles_text(&roster_person(r, "tia")->projects[0].roles);
	tap_is_str(text, "trainee maintainer (backend)", "the card's words");
	free(text);
	search_free(s);
	roster_free(r);
	diag_free(&d);
}

static const char *strip_dir(const char *all, const char *dir)
{
	static char buf[8192];
	size_t dl = strlen(dir), o = 0;
	for (const char *p = all; *p && o + 1 < sizeof(buf);) {
		if (!strncmp(p, dir, dl)) {
			o += (size_t)snprintf(buf + o, sizeof(buf) - o, "DIR");
			p += dl;
		} else {
			buf[o++] = *p++;
		}
	}
	buf[o] = '\0';
	return buf;
}

/* Issue 8, faults 13 and 14: files that are not files, and the real cause
 * of every I/O error. Each load must return: a FIFO never blocks. */
static void test_special_files(void)
{
	diag_list d;
	diag_init(&d);
	char *dir = t_mkdir(), path[4200];
	snprintf(path, sizeof(path), "%s/groups.yml", dir);
	tap_ok(mkfifo(path, 0600) == 0, "a FIFO as groups.yml");
	snprintf(path, sizeof(path), "%s/team.yml", dir);
	tap_ok(symlink("/dev/null", path) == 0, "a link to a device as team.yml");
	roster *r = roster_load(dir, &d);
	tap_is_str(diags(&d),
		   "groups.yml: error: is a FIFO, not a file; skipped\n"
		   "team.yml: error: is a device, not a file; skipped",
		   "FIFO and device: refused in one line each, without blocking");
	roster_free(r);
	diag_free(&d);

	/* a FIFO where the config file should be */
	char *cfgdir = t_mkdir();
	snprintf(path, sizeof(path), "%s/teamtui", cfgdir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/teamtui/config.yml", cfgdir);
	tap_ok(mkfifo(path, 0600) == 0, "a FIFO as config.yml");
	setenv("XDG_CONFIG_HOME", cfgdir, 1);
	diag_init(&d);
	roster_source from;
	char *rd = config_roster_dir(NULL, &from, &d);
	tap_is_str(strip_dir(t_diags(&d), cfgdir),
		   "DIR/teamtui/config.yml: error: is a FIFO, not a file; skipped",
		   "config.yml as a FIFO: refused, no hang");
	free(rd);
	diag_free(&d);
	unsetenv("XDG_CONFIG_HOME");

	/* team.yml a directory; team_members a file */
	dir = t_mkdir();
	snprintf(path, sizeof(path), "%s/team.yml", dir);
	mkdir(path, 0700);
	t_write(dir, "team_members", "not a directory\n");
	diag_init(&d);
	r = roster_load(dir, &d);
	tap_is_str(diags(&d),
		   "team.yml: error: is a directory, not a file; skipped\n"
		   "team_members: error: is a file, not a directory; skipped",
		   "a directory named team.yml, a file named team_members: said as such");
	roster_free(r);
	diag_free(&d);

	/* special files inside team_members/ */
	dir = t_mkdir();
	t_write(dir, "team_members/person/a/ann.yml", "name: Ann\n");
	snprintf(path, sizeof(path), "%s/team_members/person/a/fifo.yml", dir);
	mkfifo(path, 0600);
	diag_init(&d);
	r = roster_load(dir, &d);
	tap_is_str(diags(&d), "team_members/person/a/fifo.yml: warning: is a FIFO, not a file; skipped",
		   "a FIFO among person files: warned, skipped");
	tap_is_int((long long)r->npeople, 1, "the real file is read");
	roster_free(r);
	diag_free(&d);

	/* nothing to search or read: the errno of the call that failed
	 * (as root, permissions are no obstacle: drop to nobody to see them) */
	if (geteuid() == 0) {
		dir = t_mkdir();
		chmod(dir, 0755);
		t_write(dir, "team.yml", "- {slug: a}\n");
		t_write(dir, "groups.yml", "groups: {}\n");
		char sub[4200];
		snprintf(sub, sizeof(sub), "%s/closed", dir);
		mkdir(sub, 0700);
		t_write(sub, "team.yml", "- {slug: a}\n");
		snprintf(path, sizeof(path), "%s/team.yml", dir);
		chmod(path, 0600);
		int pfd[2];
		if (pipe(pfd) == 0) {
			pid_t pid = fork();
			if (pid == 0) {
				close(pfd[0]);
				if (setgid(65534) || setuid(65534))
					_exit(3);
				diag_list cd;
				diag_init(&cd);
				roster *cr = roster_load(dir, &cd);
				diag_sort(&cd);
				dprintf(pfd[1], "%s\n", t_diags(&cd));
				roster_free(cr);
				diag_init(&cd);
				cr = roster_load(sub, &cd);
				dprintf(pfd[1], "%s\n", strip_dir(t_diags(&cd), sub));
				/* a config file behind a directory we may not search */
				setenv("XDG_CONFIG_HOME", sub, 1);
				diag_init(&cd);
				roster_source from;
				free(config_roster_dir(NULL, &from, &cd));
				dprintf(pfd[1], "%s", strip_dir(t_diags(&cd), sub));
				_exit(0);
			}
			close(pfd[1]);
			char out[2048] = "";
			size_t o = 0;
			ssize_t k;
			while ((k = read(pfd[0], out + o, sizeof(out) - 1 - o)) > 0)
				o += (size_t)k;
			out[o] = '\0';
			close(pfd[0]);
			waitpid(pid, NULL, 0);
			tap_is_str(out,
				   "team.yml: error: cannot read: Permission denied\n"
				   "DIR: error: roster directory: Permission denied\n"
				   "DIR/teamtui/config.yml: error: cannot read: Permission denied",
				   "an unreadable team.yml, an unsearchable roster directory and config directory: the real cause");
		}
	} else {
		tap_ok(true, "# SKIP permissions need root to drop to nobody");
	}
}

/* Issue 8, fault 12: links in team_members/ are followed while they stay
 * inside the roster directory. */
static void test_links(void)
{
	char *outside = t_mkdir();
	t_write(outside, "eve.yml", "name: Eve Outside\n");
	char *dir = t_mkdir(), link[4200], target[4200];
	t_write(dir, "team_members/person/a/ann.yml", "name: Ann\n");
	t_write(dir, "shared/bo.yml", "name: Bo Shared\n");
	snprintf(link, sizeof(link), "%s/team_members/person/b", dir);
	mkdir(link, 0700);
	snprintf(link, sizeof(link), "%s/team_members/person/b/bo.yml", dir);
	tap_ok(symlink("../../../shared/bo.yml", link) == 0, "link to a file inside");
	snprintf(link, sizeof(link), "%s/team_members/person/e", dir);
	mkdir(link, 0700);
	snprintf(link, sizeof(link), "%s/team_members/person/e/eve.yml", dir);
	snprintf(target, sizeof(target), "%s/eve.yml", outside);
	tap_ok(symlink(target, link) == 0, "link to a file outside");
	snprintf(link, sizeof(link), "%s/team_members/person/loop", dir);
	tap_ok(symlink("..", link) == 0, "link to a directory already read");
	snprintf(link, sizeof(link), "%s/team_members/person/z.yml", dir);
	tap_ok(symlink("nowhere.yml", link) == 0, "a dangling link");
	t_write(dir, "more/cy.yml", "name: Cy\n");
	snprintf(link, sizeof(link), "%s/team_members/person/more", dir);
	tap_ok(symlink("../../more", link) == 0, "link to a directory inside");
	diag_list d;
	diag_init(&d);
	roster *r = roster_load(dir, &d);
	tap_is_str(diags(&d),
		   "team_members/person/e/eve.yml: warning: symbolic link to outside the roster directory; skipped\n"
		   "team_members/person/loop: warning: a directory read already (through a symbolic link); skipped\n"
		   "team_members/person/z.yml: warning: symbolic link to nothing (No such file or directory); skipped",
		   "outside, loop, dangling: each a warning");
	tap_is_str(r->npeople == 3 ? r->people[0].name : "", "Ann", "ann read");
	tap_ok(r->npeople == 3 && roster_person(r, "bo") && roster_person(r, "cy") &&
		       !roster_person(r, "eve"),
	       "links inside followed (bo, cy), outside not (eve): %zu people", r->npeople);
	roster_free(r);
	diag_free(&d);
	/* team_members/person itself a link out of the roster */
	dir = t_mkdir();
	t_write(outside, "person/x/outsider.yml", "name: Outsider\n");
	t_write(dir, "team_members/vacancy/v.yml", "name: V\n");
	snprintf(link, sizeof(link), "%s/team_members/person", dir);
	snprintf(target, sizeof(target), "%s/person", outside);
	tap_ok(symlink(target, link) == 0, "team_members/person links outside");
	diag_init(&d);
	r = roster_load(dir, &d);
	tap_is_str(diags(&d),
		   "team_members/person: warning: symbolic link to outside the roster directory; skipped",
		   "a person/ link that leaves the roster: refused");
	tap_ok(r->npeople == 1 && !roster_person(r, "outsider"), "only the vacancy inside is read");
	roster_free(r);
	diag_free(&d);

	/* a link to a sibling directory: the real one is read, the link
	 * is the one called "read already", whatever readdir's order */
	dir = t_mkdir();
	t_write(dir, "team_members/person/zz/p.yml", "name: P\n");
	snprintf(link, sizeof(link), "%s/team_members/person/aa", dir);
	tap_ok(symlink("zz", link) == 0, "person/aa -> zz");
	diag_init(&d);
	r = roster_load(dir, &d);
	tap_is_str(diags(&d),
		   "team_members/person/aa: warning: a directory read already (through a symbolic link); skipped",
		   "the link is blamed, not the real directory");
	tap_ok(r->npeople == 1 && !strcmp(r->people[0].loc.file, "team_members/person/zz/p.yml"),
	       "and the person is read under its real path");
	roster_free(r);
	diag_free(&d);

	/* an empty tree is said */
	dir = t_mkdir();
	t_write(dir, "team_members/person/README.md", "not a person\n");
	diag_init(&d);
	r = roster_load(dir, &d);
	tap_is_str(diags(&d),
		   "team_members: warning: no person files (*.yml under person/ or vacancy/): no people",
		   "a tree with no person files: a warning");
	roster_free(r);
	diag_free(&d);
}

/* Inputs the fuzzers found (tests/fuzz/regress/fuzz-team/): each once
 * crashed or read freed memory under ASan/UBSan. */
static void test_fuzz_regressions(void)
{
	diag_list d;
	diag_init(&d);
	roster *r = t_roster(":", NULL, &d);
	tap_is_str(diags(&d),
		   "team.yml:1:1: error: YAML syntax: did not find expected key while parsing a block mapping\n"
		   "team.yml:1:1: error: team.yml must be a list of people, not a map",
		   "an empty map (':'): an error, no null-pointer arithmetic");
	roster_free(r);
	diag_free(&d);
	diag_init(&d);
	r = t_roster("- *U\n- {slug: after}\n", NULL, &d);
	tap_is_str(diags(&d),
		   "team.yml:1:3: error: a person must be a map, not null; skipped\n"
		   "team.yml:1:3: error: undefined alias 'U' (read as null)",
		   "an undefined alias as a whole entry: its placeholder outlives the item");
	tap_ok(roster_person(r, "after") != NULL, "and the next entry loads");
	roster_free(r);
	diag_free(&d);

}

/* What a first review found (issue 8's kinds, more examples of each). */
static void test_review(void)
{
	diag_list d;
	diag_init(&d);
	/* an id that would print as another's: refused, never shown */
	roster *r = t_roster("- {slug: \"b\\e[0moss\", name: Mallory}\n"
			     "- {slug: boss, name: Real Boss}\n"
			     "- {slug: \" pad \", name: Padded}\n"
			     "- {slug: x, gitlab: \"h\\u202eh\", reports_to: \"boss \"}\n",
			     "groups:\n"
			     "  g: {team-by-manager-slug: {manager: \"b\\e[0moss\"}}\n",
			     &d);
	tap_is_str(diags(&d),
		   "groups.yml:2:3: warning: group 'g' has no stage\n"
		   "groups.yml:2:29: error: team-by-manager-slug needs a 'manager' slug\n"
		   "groups.yml:2:39: error: 'manager' has control characters or spaces at its ends ('b\x1b[0moss'): it would show as another; ignored\n"
		   "team.yml:1:10: error: 'slug' has control characters or spaces at its ends ('b\x1b[0moss'): it would show as another; ignored\n"
		   "team.yml:1:10: error: person without a slug; skipped\n"
		   "team.yml:3:10: error: 'slug' has control characters or spaces at its ends (' pad '): it would show as another; ignored\n"
		   "team.yml:3:10: error: person without a slug; skipped\n"
		   "team.yml:4:21: error: 'gitlab' has control characters or spaces at its ends ('h\u202eh'): it would show as another; ignored\n"
		   "team.yml:4:45: error: 'reports_to' has control characters or spaces at its ends ('boss '): it would show as another; ignored",
		   "ids with controls or padding: errors, no impersonation");
	tap_ok(r->npeople == 2 && !roster_person(r, "x")->gitlab && !roster_person(r, "x")->reports_to,
	       "Real Boss and x load; x's bad handle and manager are dropped");
	roster_free(r);
	diag_free(&d);

	/* blank shorthand names, a blank role, blank and repeated projects,
	 * repeated links */
	diag_init(&d);
	r = t_roster("- slug: a\n"
		     "  projects: {gitlab: maintainer, gitlab: reviewer, \"\": maintainer,\n"
		     "             www: [\"\", \" maintainer\"], docs: \"\",\n"
		     "             api: \"  trainee_maintainer   backend  \"}\n",
		     "sections: {dev: \"  \"}\n"
		     "stages: {st: {name: S, section: dev}}\n"
		     "groups:\n"
		     "  g:\n"
		     "    stage: st\n"
		     "    stable-counterparts: {role: \" \"}\n"
		     "    links: {Docs: 'https://a.example', Docs: 'https://b.example'}\n",
		     &d);
	tap_is_str(r->sections[0].name, "dev", "a blank section name falls back to the id");
	tap_ok(strstr(t_diags(&d), "groups.yml:6:26: warning: stable-counterparts without 'role' lists nobody") != NULL,
	       "a blank role: the 'lists nobody' warning");
	const group *g = roster_group(r, "g");
	tap_ok(g->nlinks == 1 && !strcmp(g->links[0].url, "https://b.example"),
	       "a repeated link title: the later one, once");
	const person *p = roster_person(r, "a");
	char got[256] = "";
	for (size_t i = 0; p && i < p->nprojects; i++) {
		char *t = roster_project_roles_text(&p->projects[i].roles);
		size_t o = strlen(got);
		snprintf(got + o, sizeof(got) - o, "%s%s: %s", i ? "; " : "", p->projects[i].project, t);
		free(t);
	}
	tap_is_str(got, "gitlab: reviewer; www: maintainer; api: trainee maintainer (backend)",
		   "projects: the later of two, no blank name, no empty role list, trimmed area");
	tap_ok(strstr(t_diags(&d), "team.yml:2:52: error: project names must not be empty") != NULL,
	       "a blank project name is an error");
	roster_free(r);
	diag_free(&d);

	/* an alias is reported where it stands */
	diag_init(&d);
	r = t_roster("- &p\n"
		     "  slug: boss\n"
		     "- slug: y\n"
		     "  name: *p\n"
		     "- *p\n",
		     NULL, &d);
	tap_is_str(diags(&d),
		   "team.yml:4:9: error: 'name' must be a string, not a map\n"
		   "team.yml:5:3: error: duplicate slug 'boss' (first defined at team.yml:1:3)",
		   "errors about an alias point at the alias");
	roster_free(r);
	diag_free(&d);

	/* an empty groups.yml is not a missing one */
	diag_init(&d);
	r = t_roster("- {slug: a}\n", "# nothing yet\n", &d);
	tap_is_str(t_diags(&d), "groups.yml: warning: groups.yml is empty: no groups to show",
		   "an empty groups.yml is called empty");
	roster_free(r);
	diag_free(&d);

	/* punctuation of other scripts separates words in a query */
	diag_init(&d);
	r = t_roster("- {slug: q, name: Quinn, expertise: [GraphQL, Vue]}\n", NULL, &d);
	search_index *s = search_build(r);
	search_hit hits[2];
	static const char *const queries[] = {"\u00abGraphQL\u00bb", "\u00bfGraphQL?",
					      "\u00a1GraphQL!", "\u00b7GraphQL",
					      "\u00a7GraphQL", "\u300cGraphQL\u300d",
					      "GraphQL\u3001Vue", "\uff08GraphQL\uff09"};
	for (size_t i = 0; i < sizeof(queries) / sizeof(*queries); i++)
		tap_is_int((long long)search_query(s, queries[i], hits, 2), 1, queries[i]);
	tap_is_str(search_query_problem("  !? "),
		   "nothing to look for: the query has no letters or digits",
		   "a query of nothing but punctuation is refused");
	search_free(s);
	roster_free(r);
	diag_free(&d);
}

/* theme: and mouse: (issue 10): the values, the defaults, and a value
 * that is neither, as a warning that keeps the default. */
static void interface(const char *yml, config_theme want_theme, bool want_mouse,
		      const char *want_diags, const char *name)
{
	char *cfgdir = t_mkdir();
	t_write(cfgdir, "teamtui/config.yml", yml);
	setenv("XDG_CONFIG_HOME", cfgdir, 1);
	diag_list d;
	diag_init(&d);
	config_theme theme = (config_theme)-1;
	bool mouse = !want_mouse;
	config_interface(&theme, &mouse, &d);
	char want[4400];
	snprintf(want, sizeof(want), want_diags, cfgdir);
	tap_ok(theme == want_theme && mouse == want_mouse, "%s: theme %d, mouse %d", name,
	       (int)theme, (int)mouse);
	tap_is_str(t_diags(&d), want, "  ... and its diagnostics");
	diag_free(&d);
	unsetenv("XDG_CONFIG_HOME");
}

static void test_interface_settings(void)
{
	interface("roster: /x\n", CONFIG_THEME_AUTO, true, "", "neither: auto, the mouse on");
	interface("theme: light\nmouse: false\n", CONFIG_THEME_LIGHT, false, "",
		  "light, no mouse");
	interface("theme: mono\nmouse: off\n", CONFIG_THEME_MONO, false, "", "mono, mouse: off");
	interface("theme: dark\nmouse: yes\n", CONFIG_THEME_DARK, true, "", "dark, mouse: yes");
	interface("theme: solarized\n", CONFIG_THEME_AUTO, true,
		  "%s/teamtui/config.yml:1:1: warning: theme 'solarized' is not auto, dark, light or mono; using auto",
		  "an unknown theme: a warning, auto");
	interface("mouse: maybe\n", CONFIG_THEME_AUTO, true,
		  "%s/teamtui/config.yml:1:1: warning: mouse 'maybe' is not true or false; the mouse stays on",
		  "an unknown mouse value: a warning, on");
	interface("roster: /x\n\n  # the theme\ntheme: lihgt\n", CONFIG_THEME_AUTO, true,
		  "%s/teamtui/config.yml:4:1: warning: theme 'lihgt' is not auto, dark, light or mono; using auto",
		  "a typo is not taken for light");
}

int main(void)
{
	test_interface_settings();
	test_keys_not_strings();
	test_duplicate_keys();
	test_encodings();
	test_positions();
	test_empty_values();
	test_nul_and_limits();
	test_project_roles();
	test_special_files();
	test_links();
	test_fuzz_regressions();
	test_review();
	return tap_done();
}

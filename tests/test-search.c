/* test-search.c: "who do I ask?" against the sample organisation: the
 * expected top results, in order, and the reason shown for the first. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "teamtui/search.h"
#include "teamtui/utf8.h"

static const struct {
	const char *query;
	const char *top;    /* kind:id of the first results, in order */
	const char *reason; /* of the first result; NULL: not checked */
} cases[] = {
	/* the questions from the issue */
	{"who owns GraphQL?", "p:jose-munoz p:lena-hoffmann p:reka-szasz p:zoe-bronte",
	 "expertise: GraphQL"},
	{"who is the PM for Custom Models?", "p:clemence-arnaud",
	 "role: Senior Product Manager, AI-powered:Custom Models"},
	{"which channel for group::custom models?", "g:custom-models",
	 "label: group::custom models"},
	{"who maintains omnibus-gitlab?", "p:ottilie-marsh p:oleksandr-marchenko",
	 "maintainer: omnibus-gitlab"},
	/* accents, both ways */
	{"Szasz", "p:reka-szasz", "name: Szász Réka"},
	{"szász réka", "p:reka-szasz", "name: Szász Réka"},
	{"jose munoz", "p:jose-munoz", "name: José Muñoz"},
	{"lukasz", "p:lukasz-wojcik", "name: Łukasz Wójcik"},
	/* typos, a swap, a missing space, a prefix */
	{"grapql", "p:jose-munoz p:lena-hoffmann", "expertise: GraphQL"},
	{"grpahql", "p:jose-munoz", "expertise: GraphQL"},
	{"gitlay", "g:gitaly", "group: Gitaly"},
	{"sean carol", "p:sean-carroll", "name: Sean Carroll"},
	{"custommodels", "g:custom-models", "group: Custom Models"},
	{"custo", "g:custom-models", "group: Custom Models"},
	{"kubernets", "p:barnaby-quill", "expertise: Kubernetes"},
	/* several words: all in the same record */
	{"pm duo chat", "p:nikhil-rao", "role: Product Manager, AI-powered:Duo Chat"},
	{"set custom models", "p:sigrid-aasen",
	 "role: Software Engineer in Test, AI-powered:Custom Models"},
	{"em runner", "p:matias-ferreyra", NULL},
	{"maintainer backend", "p:ahmad-nazari",
	 "maintainer: gitlab (backend)"},
	{"maintainer gitaly", "p:adebayo-ogunleye p:mattias-holmberg",
	 "maintainer: gitaly"},
	/* labels and channels */
	{"devops::ai-powered", "g:custom-models g:duo-chat g:ai-framework",
	 "label: devops::ai-powered"},
	{"#g_gitaly", "g:gitaly", "channel: #g_gitaly"},
	{"group::gitaly", "g:gitaly", "label: group::gitaly"},
	/* handles and slugs */
	{"@hanakoy", "p:hanako-yamada", "handle: @hanakoy"},
	{"sean-carroll", "p:sean-carroll", NULL},
	{"山田", "p:hanako-yamada", "name: 山田 花子"},
	{"ليلى", "p:layla-haddad", NULL},
	/* a group's name first, then its people */
	{"duo chat", "g:duo-chat p:ayaan-siddiqui", "group: Duo Chat"},
	/* vacancies come after the people who can answer */
	{"backend engineer custom models", "p:anneke-visser", NULL},
	/* nothing */
	{"xyzzy", "", NULL},
	{"graphql kubernetes postgres omnibus", "", NULL},
	{"", "", NULL},
	{"?!", "", NULL},
};

/* Lookups by id or name (issue 10): the level, then "=ID" for an answer
 * or "N: ID ID ..." for the candidates (all of them here: at most 10).
 * D: the sample organisation (data/); F: the fixture of fictional people
 * and groups in tests/golden/fixtures/lookup. */
static const struct {
	char roster; /* 'D' or 'F' */
	char kind;   /* 'p' person, 'g' group */
	const char *query;
	const char *want;
} lookups[] = {
	/* an exact slug; a handle, with or without @, in any case */
	{'F', 'p', "sean-ocean", "ID =sean-ocean"},
	{'F', 'p', "@socean", "HANDLE =sean-ocean"},
	{'F', 'p', "@SOCEAN", "HANDLE =sean-ocean"},
	{'F', 'p', "SOcean", "HANDLE =sean-ocean"},
	/* a first name: the only Sean, though Seana starts the same */
	{'F', 'p', "Sean", "WORDS =sean-ocean"},
	{'F', 'p', "sean", "WORDS =sean-ocean"},
	{'F', 'p', "SEAN OCEAN", "NAME =sean-ocean"},
	{'F', 'p', "ocean sean", "WORDS =sean-ocean"},
	{'F', 'p', "sea", "PREFIX 2: sean-ocean seana-reef"},
	{'F', 'p', "sea oce", "PREFIX =sean-ocean"},
	{'F', 'p', "oce sea", "PREFIX =sean-ocean"},
	/* a shared first name: all, the first names first; one more letter
	 * decides */
	{'F', 'p', "robin", "WORDS 3: robin-ash robin-birch zed-robin"},
	{'F', 'p', "Robin B", "PREFIX =robin-birch"},
	{'F', 'p', "robin birch", "NAME =robin-birch"},
	/* more words whole first: Zed Robin, then Robinson Zahn */
	{'F', 'p', "robin z", "PREFIX 2: zed-robin robinson-zahn"},
	/* a handle wins over a name's word: birch is Kit Marlowe's handle */
	{'F', 'p', "birch", "HANDLE =kit-marlowe"},
	{'F', 'p', "@Birch", "HANDLE =kit-marlowe"},
	/* '@' is only ever a handle: no name, no slug */
	{'F', 'p', "@robin", "NONE"},
	{'F', 'p', "@sean-ocean", "NONE"},
	/* accents either way, precomposed or combining */
	{'F', 'p', "amelie", "WORDS =amelie-durand"},
	{'F', 'p', "AMÉLIE", "WORDS =amelie-durand"},
	{'F', 'p', "Ame\xcc\x81lie durand", "NAME =amelie-durand"},
	{'F', 'p', "amel", "PREFIX 2: amelia-stone amelie-durand"},
	{'F', 'p', "jose", "WORDS =jose-pardo"},
	{'F', 'p', "José", "WORDS =jose-pardo"},
	{'F', 'p', "jos", "PREFIX 2: jose-pardo josefa-lind"},
	/* an exact slug wins over a name that reads as it; a name over a
	 * slug read as words */
	{'F', 'p', "alex-north", "ID =alex-north"},
	{'F', 'p', "Alex North", "NAME =alex-north-2"},
	{'F', 'p', "alex", "WORDS =alex-north-2"},
	{'F', 'p', "alexandra", "WORDS =alex-north"},
	/* a name in another script: by itself, or by its slug's words */
	{'F', 'p', "田中", "WORDS =mei-tanaka"},
	{'F', 'p', "tanaka", "WORDS =mei-tanaka"},
	{'F', 'p', "Mei Tanaka", "NAME =mei-tanaka"},
	/* each word its own name word, found by matching, not greedily */
	{'F', 'p', "an anni", "PREFIX =annika-an"},
	{'F', 'p', "an an", "PREFIX =annika-an"},
	{'F', 'p', "an an an", "FUZZY 2: annika-an alex-north"},
	/* people first, then vacancies; two vacancies of one name */
	{'F', 'p', "eng", "PREFIX 3: enzo-engel vacancy-harbour-backend vacancy-search-backend"},
	{'F', 'p', "Backend Engineer (Vacancy)", "NAME 2: vacancy-harbour-backend vacancy-search-backend"},
	{'F', 'p', "backend search", "WORDS =vacancy-search-backend"},
	/* the who-search over names, handles and slugs: candidates only */
	{'F', 'p', "oceam", "FUZZY 1: sean-ocean"},
	{'F', 'p', "hwar", "FUZZY 1: hana-ward"},
	/* nobody */
	{'F', 'p', "nobody", "NONE"},
	{'F', 'p', "@nobody", "NONE"},
	{'F', 'p', "@", "NONE"},
	{'F', 'p', "", "NONE"},
	{'F', 'p', " - ", "NONE"},
	/* groups: the id, the name in any case and punctuation, its words */
	{'F', 'g', "deep-water", "ID =deep-water"},
	{'F', 'g', "deep_water", "ID =deep-water"},
	{'F', 'g', "Deep Water", "NAME =deep-water"},
	{'F', 'g', "DEEP-WATER", "NAME =deep-water"},
	{'F', 'g', "water", "WORDS =deep-water"},
	{'F', 'g', "de wa", "PREFIX =deep-water"},
	{'F', 'g', "deep", "WORDS 2: deep-sea deep-water"},
	{'F', 'g', "tide current", "NAME =tide"},
	{'F', 'g', "Tide & Current", "NAME =tide"},
	/* one group's id is another's name: the id wins, exactly */
	{'F', 'g', "search", "ID =search"},
	{'F', 'g', "Search", "NAME =code-search"},
	{'F', 'g', "global", "WORDS =search"},
	/* a whole word over the start of others: Deep Sea, not Search */
	{'F', 'g', "sea", "WORDS =deep-sea"},
	{'F', 'g', "sear", "PREFIX 2: code-search search"},
	{'F', 'g', "serch", "FUZZY 2: search code-search"},
	{'F', 'g', "Sean", "NONE"},
	/* the sample organisation */
	{'D', 'p', "Sean", "WORDS =sean-carroll"},
	{'D', 'p', "sean-carroll", "ID =sean-carroll"},
	{'D', 'p', "amelie", "WORDS =amelie-dubois"},
	{'D', 'p', "Réka", "WORDS =reka-szasz"},
	{'D', 'p', "reka szasz", "NAME =reka-szasz"},
	{'D', 'p', "lukasz", "WORDS =lukasz-wojcik"},
	{'D', 'p', "hanako", "WORDS =hanako-yamada"},
	{'D', 'p', "山田", "WORDS =hanako-yamada"},
	{'D', 'p', "HANAKOY", "HANDLE =hanako-yamada"},
	{'D', 'p', "@hanakoy", "HANDLE =hanako-yamada"},
	{'D', 'p', "bea", "WORDS =bea-lindahl"},
	{'D', 'p', "beat", "PREFIX 2: beatrix-hollis beatriz-salgado"},
	{'D', 'p', "mat", "PREFIX 3: mateus-rocha matias-ferreyra mattias-holmberg"},
	{'D', 'p', "gret", "PREFIX 2: greta-lindgren grete-mikkelsen"},
	/* a name that starts with the query before one that has it later */
	{'D', 'p', "el", "PREFIX 2: elif-aydin conrad-ellery"},
	{'D', 'p', "carrol", "PREFIX =sean-carroll"},
	{'D', 'p', "carol", "FUZZY 1: sean-carroll"},
	{'D', 'p', "sean carol", "FUZZY 1: sean-carroll"},
	{'D', 'g', "Gitaly", "NAME =gitaly"},
	{'D', 'g', "gitaly", "ID =gitaly"},
	{'D', 'g', "Duo Chat", "NAME =duo-chat"},
	{'D', 'g', "duo chat", "NAME =duo-chat"},
	{'D', 'g', "duo-chat", "ID =duo-chat"},
	{'D', 'g', "'Duo Chat'", "NAME =duo-chat"},
	{'D', 'g', "\"AI Framework\"", "NAME =ai-framework"},
	{'D', 'g', "chat", "WORDS =duo-chat"},
	{'D', 'g', "pipe", "PREFIX =pipeline-execution"},
	{'D', 'g', "registry", "WORDS 2: container-registry package-registry"},
	{'D', 'g', "code", "WORDS 2: code-review source-code"},
	{'D', 'g', "gitlay", "FUZZY 1: gitaly"},
	{'D', 'g', "Sean Carroll", "NONE"},
};

static const char *const level_names[] = {"NONE",   "ID",	"HANDLE", "NAME",
					  "WORDS", "PREFIX", "FUZZY"};

/* A lookup's result as the table above writes it; "BAD ..." when the
 * answer is not the only candidate or the count and the list disagree. */
static const char *lookup_str(search_lookup m, const char *const *cand_ids,
			      size_t max)
{
	static char buf[1024];
	const char *answer = m.person ? m.person->slug : m.group ? m.group->id : NULL;
	if (m.level == SEARCH_LOOKUP_NONE)
		snprintf(buf, sizeof(buf), "%s%s", m.count ? "BAD count " : "NONE",
			 answer ? " BAD answer" : "");
	else if (answer)
		snprintf(buf, sizeof(buf), "%s =%s%s", level_names[m.level], answer,
			 m.count != 1 || !max || strcmp(cand_ids[0], answer)
			     ? " BAD: not the only candidate"
			     : "");
	else {
		snprintf(buf, sizeof(buf), "%s %zu:", level_names[m.level], m.count);
		for (size_t i = 0; i < m.count && i < max; i++) {
			strncat(buf, " ", sizeof(buf) - strlen(buf) - 1);
			strncat(buf, cand_ids[i], sizeof(buf) - strlen(buf) - 1);
		}
	}
	return buf;
}

/* Look `query` up as a person or group in r (with the index s, or NULL),
 * keeping `max` candidates. */
static const char *lookup(const roster *r, search_index *s, char kind,
			  const char *query, size_t max)
{
	const char *cand_ids[16] = {0};
	search_lookup m;
	if (kind == 'p') {
		const person *c[16] = {0};
		m = search_person_lookup(r, s, query, max ? c : NULL, max);
		for (size_t i = 0; i < max && i < m.count; i++)
			cand_ids[i] = c[i] ? c[i]->slug : "(null)";
		if (m.group)
			return "BAD: a group from a person lookup";
	} else {
		const group *c[16] = {0};
		m = search_group_lookup(r, s, query, max ? c : NULL, max);
		for (size_t i = 0; i < max && i < m.count; i++)
			cand_ids[i] = c[i] ? c[i]->id : "(null)";
		if (m.person)
			return "BAD: a person from a group lookup";
	}
	return lookup_str(m, cand_ids, max);
}

static void test_lookups(const char *srcdir)
{
	char path[4096];
	diag_list d;
	diag_init(&d);
	snprintf(path, sizeof(path), "%s/data", srcdir);
	roster *data = roster_load(path, &d);
	snprintf(path, sizeof(path), "%s/tests/golden/fixtures/lookup", srcdir);
	roster *fix = roster_load(path, &d);
	tap_is_int((long long)d.errors, 0, "lookup rosters load without errors");
	tap_ok(fix->npeople == 19 && fix->ngroups == 6, "the fixture: 19 people, 6 groups");
	search_index *sd = search_build(data), *sf = search_build(fix);
	for (size_t i = 0; i < sizeof(lookups) / sizeof(*lookups); i++) {
		const roster *r = lookups[i].roster == 'D' ? data : fix;
		search_index *s = lookups[i].roster == 'D' ? sd : sf;
		char name[512];
		snprintf(name, sizeof(name), "lookup %s %c '%s' -> %s",
			 lookups[i].kind == 'p' ? "person" : "group", lookups[i].roster,
			 lookups[i].query, lookups[i].want);
		tap_is_str(lookup(r, s, lookups[i].kind, lookups[i].query, 10),
			   lookups[i].want, name);
		/* without an index: the same, but nothing from the who-search */
		const char *plain = strncmp(lookups[i].want, "FUZZY", 5) ? lookups[i].want
									 : "NONE";
		tap_is_str(lookup(r, NULL, lookups[i].kind, lookups[i].query, 10), plain,
			   "  ... and without an index");
	}
	/* fewer candidates kept than found: all are counted, the best kept */
	tap_is_str(lookup(data, sd, 'p', "mat", 2), "PREFIX 3: mateus-rocha matias-ferreyra",
		   "lookup keeps the best max, counts all");
	tap_is_str(lookup(data, sd, 'p', "mat", 0), "PREFIX 3:", "lookup with max 0 still counts");
	tap_is_str(lookup(data, sd, 'p', "Sean", 0), "WORDS =sean-carroll BAD: not the only candidate",
		   "lookup with max 0 still answers (no candidate written)");
	tap_is_str(lookup(data, sd, 'g', "gitlay", 0), "FUZZY 1:",
		   "a fuzzy lookup with max 0 says there is something");
	/* queries too long for the who-search still go by id and handle */
	char big[2200];
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	tap_is_str(lookup(data, sd, 'p', big, 10), "NONE", "a 2199-byte query finds nobody");
	char many[400] = "";
	for (int i = 0; i < 70; i++)
		strcat(many, "sean ");
	tap_is_str(lookup(data, sd, 'p', many, 10), "NONE",
		   "a query of 70 words is nobody's name");
	/* repeatable, and the who-search unharmed by a lookup's field mask */
	search_hit h[10];
	lookup(data, sd, 'p', "oceam sean carol", 10);
	size_t n = search_query(sd, "custom models", h, 10);
	tap_ok(n > 1 && h[0].kind == SEARCH_GROUP && !strcmp(h[0].group->id, "custom-models"),
	       "after a fuzzy lookup the who-search looks in every field again");
	n = search_query(sd, "graphql", h, 10);
	tap_ok(n > 0 && !strcmp(h[0].reason, "expertise: GraphQL"),
	       "  ... expertise included");
	search_free(sd);
	search_free(sf);
	roster_free(data);
	roster_free(fix);
	diag_free(&d);
}

static const char *ids(const search_hit *h, size_t n, size_t want)
{
	static char buf[512];
	buf[0] = '\0';
	for (size_t i = 0; i < n && i < want; i++) {
		char one[128];
		snprintf(one, sizeof(one), "%s%c:%s", i ? " " : "",
			 h[i].kind == SEARCH_PERSON ? 'p' : 'g',
			 h[i].kind == SEARCH_PERSON ? h[i].person->slug : h[i].group->id);
		strncat(buf, one, sizeof(buf) - strlen(buf) - 1);
	}
	return buf;
}

int main(void)
{
	utf8_locale_init();
	char *f = search_fold("Szász Réka ÆØÅ Łódź Ĳssel Straße Ame\xcc\x81lie Nguyễn Thị 山田");
	tap_is_str(f, "szasz reka aeoa lodz ijssel strasse amelie nguyen thi 山田",
		   "folding: lower case, accents off, ligatures spelt out");
	free(f);

	const char *srcdir = getenv("srcdir");
	char path[4096];
	snprintf(path, sizeof(path), "%s/data", srcdir ? srcdir : ".");
	diag_list d;
	diag_init(&d);
	roster *r = roster_load(path, &d);
	search_index *s = search_build(r);
	tap_ok(s != NULL, "the index builds");
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		search_hit hits[10];
		size_t n = search_query(s, cases[i].query, hits, 10);
		size_t want = 0;
		for (const char *c = cases[i].top; *c; c++)
			want += *c == ':';
		char name[256];
		snprintf(name, sizeof(name), "'%s' -> %s", cases[i].query,
			 *cases[i].top ? cases[i].top : "nothing");
		tap_is_str(ids(hits, n, want ? want : 10), cases[i].top, name);
		if (cases[i].reason && n)
			tap_is_str(hits[0].reason, cases[i].reason, "  ... because");
	}
	/* the same query twice gives the same answer (no state left behind) */
	search_hit a[10], b[10];
	size_t na = search_query(s, "custom models", a, 10);
	search_query(s, "xyzzy graphql", b, 10);
	size_t nb = search_query(s, "custom models", b, 10);
	char first[512];
	snprintf(first, sizeof(first), "%s", ids(a, na, 10));
	tap_ok(na == nb && na > 0, "repeatable: as many results");
	tap_is_str(ids(b, nb, 10), first, "repeatable: in the same order");
	/* the team after its group (issue 10): manager, then stable
	 * counterparts, then the people whose role mentions the word */
	static const struct {
		const char *query, *top, *second_reason;
	} teams[] = {
		{"gitaly", "g:gitaly p:seoyeon-park p:cosmin-ionescu p:dorothea-finch p:adebayo-ogunleye",
		 "manager of Gitaly"},
		{"custom models",
		 "g:custom-models p:sean-carroll p:beatrix-hollis p:clemence-arnaud p:priyanka-sethi "
		 "p:sigrid-aasen p:tariq-mansour p:anneke-visser",
		 "manager of Custom Models"},
		{"group::custom models", "g:custom-models p:sean-carroll p:beatrix-hollis",
		 "manager of Custom Models"},
		/* a person named by the query: no group named, nothing moves */
		{"sean carroll", "p:sean-carroll", NULL},
		/* a group found by its description only is not "named" */
		{"graphql", "p:jose-munoz p:lena-hoffmann", NULL},
	};
	resolver *rs = resolver_new(r);
	for (size_t i = 0; i < sizeof(teams) / sizeof(*teams); i++) {
		search_hit hits[10];
		size_t n = search_query_team(s, rs, teams[i].query, hits, 10);
		size_t want = 0;
		for (const char *c = teams[i].top; *c; c++)
			want += *c == ':';
		char name[512];
		snprintf(name, sizeof(name), "team: '%s' -> %s", teams[i].query, teams[i].top);
		tap_is_str(ids(hits, n, want), teams[i].top, name);
		if (teams[i].second_reason && n > 1)
			tap_is_str(hits[1].reason, teams[i].second_reason, "  ... the second because");
		bool once = true; /* each person once */
		for (size_t a = 0; a < n; a++)
			for (size_t b = a + 1; b < n; b++)
				once &= !(hits[a].kind == SEARCH_PERSON && hits[b].kind == SEARCH_PERSON &&
					  hits[a].person == hits[b].person);
		tap_ok(once, "  ... each person once");
	}
	search_hit few[3];
	tap_is_int((long long)search_query_team(s, rs, "custom models", few, 3), 3,
		   "team: max is kept (3 of them)");
	resolver_free(rs);
	search_free(s);
	roster_free(r);
	diag_free(&d);
	test_lookups(srcdir ? srcdir : ".");
	return tap_done();
}

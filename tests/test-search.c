/* test-search.c: "who do I ask?" against the sample organisation: the
 * expected top results, in order, and the reason shown for the first. */
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
	search_free(s);
	roster_free(r);
	diag_free(&d);
	return tap_done();
}

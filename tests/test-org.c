/* test-org.c: the org under a person (org.h): the tree's shape and order,
 * sizes, levels, vacancies, cycles, dangling managers, a chain 100,000
 * deep with a small stack, and the role rules on the sample's titles. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "tap.h"
#include "teamtui/org.h"
#include "teamtui/resolve.h"
#include "teamtui/snapshot.h"

static const char team[] =
    "- slug: ceo\n"
    "  name: Ada Top\n"
    "  role: Chief Executive Officer\n"
    "  reports_to: the-board\n" /* names nobody: a root */
    "- slug: vpe\n"
    "  role: VP of Engineering\n"
    "  reports_to: ceo\n"
    "- slug: em\n"
    "  role: <a href=\"/x\">Engineering Manager</a>, Build:Kilns\n"
    "  reports_to: vpe\n"
    "- slug: be\n"
    "  role: Senior Backend Engineer, Build:Kilns\n"
    "  reports_to: em\n"
    "- slug: set\n"
    "  role: Software Engineer in Test, Build:Kilns\n"
    "  reports_to: em\n"
    "- slug: open-be\n"
    "  type: vacancy\n"
    "  role: Backend Engineer, Build:Kilns\n"
    "  reports_to: em\n"
    "- slug: pm\n"
    "  role: Senior Product Manager, Build:Kilns\n"
    "  reports_to: ceo\n"
    "- slug: open-head\n"
    "  type: vacancy\n"
    "  role: Head of Data\n"
    "  reports_to: ceo\n"
    "- slug: ds\n"
    "  role: Senior Data Scientist\n"
    "  reports_to: open-head\n"
    "- slug: fe\n" /* after its manager's other reports in the file */
    "  role: Frontend Engineer, Build:Kilns\n"
    "  reports_to: em\n"
    /* a cycle: a -> c -> b -> a (reports_to), with x under b */
    "- slug: a\n"
    "  role: Engineering Manager\n"
    "  reports_to: c\n"
    "- slug: b\n"
    "  role: Backend Engineer\n"
    "  reports_to: a\n"
    "- slug: c\n"
    "  role: Director of Engineering\n"
    "  reports_to: b\n"
    "- slug: x\n"
    "  role: Technical Writer\n"
    "  reports_to: b\n"
    "- slug: lone\n"
    "  role: UX Designer\n"
    "  reports_to: em-typo\n";

/* The tree as "slug(depth)" in pre-order, '*' after a cycle's repeat. */
static const char *shape(const org_tree *t)
{
	static char buf[1024];
	size_t o = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < t->n && o < sizeof(buf) - 64; i++)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%s(%" PRIu32 ")%s",
				      i ? " " : "", t->nodes[i].person->slug,
				      t->nodes[i].depth, t->nodes[i].cycle ? "*" : "");
	return buf;
}

static const org_node *node(const org_tree *t, const char *slug)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->nodes[i].person->slug, slug) && !t->nodes[i].cycle)
			return &t->nodes[i];
	return NULL;
}

/* "direct/size/vacancies/levels" of one node. */
static const char *counts(const org_tree *t, const char *slug)
{
	static char buf[64];
	const org_node *n = node(t, slug);
	if (!n)
		return "(absent)";
	snprintf(buf, sizeof(buf), "%" PRIu32 "/%" PRIu32 "/%" PRIu32 "/%" PRIu32, n->direct, n->size,
		 n->vacancies, n->levels);
	return buf;
}

/* The mix of a node as "e m p d q w o". */
static const char *mix(const org_tree *t, const char *slug)
{
	static char buf[64];
	const org_node *n = node(t, slug);
	if (!n)
		return "(absent)";
	snprintf(buf, sizeof(buf), "%" PRIu32 " %" PRIu32 " %" PRIu32 " %" PRIu32 " %" PRIu32 " %" PRIu32 " %" PRIu32, org_mix(t, n, 0),
		 org_mix(t, n, 1), org_mix(t, n, 2), org_mix(t, n, 3), org_mix(t, n, 4),
		 org_mix(t, n, 5), org_mix(t, n, 6));
	return buf;
}

static void test_tree(const roster *r)
{
	org_tree *t = org_build(r, roster_person(r, "ceo"));
	tap_is_str(shape(t),
		   "ceo(0) vpe(1) em(2) be(3) set(3) open-be(3) fe(3) pm(1) "
		   "open-head(1) ds(2)",
		   "pre-order, each level in roster order (fe after the vacancy, as "
		   "in the file); a dangling reports_to is no obstacle to the root");
	tap_is_str(counts(t, "ceo"), "2/7/2/3",
		   "the root: direct people, everyone below, vacancies apart, levels");
	tap_is_str(counts(t, "em"), "3/3/1/1", "a manager: the vacancy is no report");
	tap_is_str(counts(t, "vpe"), "1/4/1/2", "sizes add up the levels");
	tap_is_str(counts(t, "open-head"), "1/1/0/1",
		   "a vacancy's own report counts in its org");
	tap_is_str(counts(t, "be"), "0/0/0/0", "a leaf");
	tap_is_str(mix(t, "ceo"), "2 2 1 0 1 0 1",
		   "the mix: engineers, managers, product, design, quality, "
		   "writers, other (the data scientist), vacancies not in it");
	const org_node *em = node(t, "em");
	tap_ok(em && em->kind == ORG_MANAGER && node(t, "set")->kind == ORG_QUALITY,
	       "each node's own kind");
	tap_ok(em && em->end == (size_t)(node(t, "fe") - t->nodes) + 1 &&
		       node(t, "fe")->last && !node(t, "be")->last &&
		       node(t, "vpe")->end == (size_t)(node(t, "pm") - t->nodes),
	       "end: one past the subtree; last: the last child");
	tap_ok(t->nodes[0].parent == ORG_NONE && node(t, "ds")->parent ==
			   (size_t)(node(t, "open-head") - t->nodes),
	       "parents");
	org_free(t);

	t = org_build(r, roster_person(r, "lone"));
	tap_ok(t && t->n == 1 && t->nodes[0].size == 0 && t->nodes[0].levels == 0,
	       "a root without reports (its manager names nobody)");
	org_free(t);
}

static void test_cycle(const roster *r)
{
	org_tree *t = org_build(r, roster_person(r, "a"));
	tap_is_str(shape(t), "a(0) b(1) c(2) a(3)* x(2)",
		   "a cycle: the person already on the path is shown once more, "
		   "marked, and not descended into");
	tap_is_str(counts(t, "a"), "1/3/0/2", "the cycle's repeat counts nowhere");
	tap_is_str(counts(t, "c"), "0/0/0/0", "not even as a level");
	tap_is_str(mix(t, "a"), "1 1 0 0 0 1 0", "nor in the mix");
	org_free(t);
	t = org_build(r, roster_person(r, "b"));
	tap_is_str(shape(t), "b(0) c(1) a(2) b(3)* x(1)", "from anywhere on the cycle");
	org_free(t);
}

/* A chain 100,000 long: p0 <- p1 <- ... <- p99999, with p0's manager the
 * last (a cycle through all of them) when `loop`. Built under a 1 MiB
 * stack limit: a recursive walk would need far more. */
static void test_deep(bool loop)
{
	enum { N = 100000 };
	char *yml = malloc((size_t)N * 64);
	size_t o = 0;
	for (int i = 0; i < N; i++) {
		o += (size_t)sprintf(yml + o, "- slug: p%d\n  role: Backend Engineer\n", i);
		if (i)
			o += (size_t)sprintf(yml + o, "  reports_to: p%d\n", i - 1);
		else if (loop)
			o += (size_t)sprintf(yml + o, "  reports_to: p%d\n", N - 1);
	}
	diag_list d;
	diag_init(&d);
	roster *r = t_roster(yml, NULL, &d);
	free(yml);
	struct rlimit old, small;
	bool limited = getrlimit(RLIMIT_STACK, &old) == 0;
	small = old;
	small.rlim_cur = 1024 * 1024;
	if (limited && (old.rlim_cur == RLIM_INFINITY || old.rlim_cur > small.rlim_cur))
		limited = setrlimit(RLIMIT_STACK, &small) == 0;
	org_tree *t = org_build(r, roster_person(r, "p0"));
	if (limited)
		setrlimit(RLIMIT_STACK, &old);
	tap_ok(t && t->n == (size_t)N + loop, "%s: every one of %d people, once%s",
	       loop ? "a cycle 100,000 long" : "a chain 100,000 deep", N,
	       loop ? ", and the cycle's repeat" : "");
	tap_ok(t && t->nodes[0].size == N - 1 && t->nodes[0].levels == (size_t)N - 1 &&
		       org_mix(t, &t->nodes[0], ORG_ENGINEER) == N - 1 && t->nodes[0].direct == 1,
	       "its root: size, levels, mix");
	tap_ok(t && t->nodes[N - 1].depth == N - 1 && t->nodes[N / 2].size == N / 2 - 1 &&
		       t->nodes[N / 2].end == (size_t)N + loop,
	       "the middle and the bottom");
	tap_ok(t && (!loop || (t->nodes[N].cycle && t->nodes[N].person == t->nodes[0].person)),
	       "the bottom's report is the root again, marked");
	org_free(t);
	roster_free(r);
	diag_free(&d);
}

/* Every title of the sample (data/, data/handbook/), and its kind: the
 * role shapes the rules were written for. */
static const struct {
	const char *title;
	org_kind kind;
} titles[] = {
    {"Backend Engineer", ORG_ENGINEER},
    {"Senior Backend Engineer", ORG_ENGINEER},
    {"Senior Backend Engineer (Team Lead)", ORG_ENGINEER},
    {"Staff Backend Engineer", ORG_ENGINEER},
    {"Frontend Engineer", ORG_ENGINEER},
    {"Senior Frontend Engineer", ORG_ENGINEER},
    {"Staff Frontend Engineer", ORG_ENGINEER},
    {"Staff Machine Learning Engineer", ORG_ENGINEER},
    {"Site Reliability Engineer", ORG_ENGINEER},
    {"Senior Site Reliability Engineer", ORG_ENGINEER},
    {"Security Engineer", ORG_ENGINEER},
    {"Senior Support Engineer", ORG_ENGINEER},
    {"Principal Engineer", ORG_ENGINEER},
    {"Engineering Fellow", ORG_ENGINEER},
    {"Software Engineer in Test", ORG_QUALITY},
    {"Senior Software Engineer in Test", ORG_QUALITY},
    {"Quality Engineering Manager", ORG_MANAGER},
    {"Director of Quality Engineering", ORG_MANAGER},
    {"Engineering Manager", ORG_MANAGER},
    {"Senior Engineering Manager", ORG_MANAGER},
    {"Backend Engineering Manager", ORG_MANAGER},
    {"Frontend Engineering Manager", ORG_MANAGER},
    {"Director of Engineering", ORG_MANAGER},
    {"VP of Development", ORG_MANAGER},
    {"Chief Technology Officer", ORG_MANAGER},
    {"Product Manager", ORG_PRODUCT},
    {"Senior Product Manager", ORG_PRODUCT},
    {"Principal Product Manager", ORG_PRODUCT},
    {"Director of Product Management", ORG_MANAGER},
    {"VP of Product Management", ORG_MANAGER},
    {"Product Designer", ORG_DESIGN},
    {"Senior Product Designer", ORG_DESIGN},
    {"Product Design Manager", ORG_MANAGER},
    {"Director of Product Design", ORG_MANAGER},
    {"Technical Writer", ORG_WRITER},
    {"Senior Technical Writer", ORG_WRITER},
    {"Technical Writing Manager", ORG_MANAGER},
    {"Staff Developer Advocate", ORG_OTHER},
    {"Senior Data Scientist", ORG_OTHER},
};

/* Each person of the roster at `dir` has a title of the table (or no
 * role) and is classified as it says. */
static void test_sample_titles(const char *dir, const char *name)
{
	diag_list d;
	diag_init(&d);
	roster_input in = {dir, NULL, NULL, NULL};
	roster *r = roster_load_input(&in, &d);
	size_t unknown = 0, wrong = 0, seen[ORG_NKINDS] = {0};
	const char *first = NULL;
	for (size_t i = 0; r && i < r->npeople; i++) {
		const person *p = &r->people[i];
		org_kind k = org_classify(p);
		seen[k]++;
		if (!p->role || !*p->role) {
			wrong += k != ORG_OTHER;
			continue;
		}
		size_t n = strcspn(p->role, ","), t = 0;
		while (t < sizeof(titles) / sizeof(*titles) &&
		       (strlen(titles[t].title) != n || strncmp(titles[t].title, p->role, n)))
			t++;
		if (t == sizeof(titles) / sizeof(*titles)) {
			unknown++;
			first = first ? first : p->role;
		} else if (titles[t].kind != k) {
			wrong++;
			first = first ? first : p->role;
		}
	}
	tap_ok(r && r->npeople > 150 && !unknown && !wrong,
	       "%s: every role's title is a known shape (%zu unknown) and "
	       "classified as listed (%zu wrong)%s%s",
	       name, unknown, wrong, first ? "; first: " : "", first ? first : "");
	tap_ok(seen[ORG_ENGINEER] && seen[ORG_MANAGER] && seen[ORG_PRODUCT] &&
		       seen[ORG_DESIGN] && seen[ORG_QUALITY] && seen[ORG_WRITER] &&
		       seen[ORG_OTHER],
	       "%s: every kind occurs (%zu engineers, %zu managers, %zu product, "
	       "%zu design, %zu quality, %zu writers, %zu other)",
	       name, seen[0], seen[1], seen[2], seen[3], seen[4], seen[5], seen[6]);
	roster_free(r);
	diag_free(&d);
}

static void test_rules(void)
{
	for (size_t t = 0; t < sizeof(titles) / sizeof(*titles); t++)
		if (org_classify_role(titles[t].title) != titles[t].kind)
			tap_ok(false, "title '%s'", titles[t].title);
	static const struct {
		const char *role;
		org_kind kind;
		const char *why;
	} cases[] = {
	    {"Backend Engineer, Quality", ORG_ENGINEER, "the title only: not the groups after a comma"},
	    {"Engineering Manager, Create:Source Code", ORG_MANAGER, "a manager"},
	    {"senior product manager", ORG_PRODUCT, "words in any case"},
	    {"Head of Data", ORG_MANAGER, "Head of"},
	    {"Vice President, Sales", ORG_MANAGER, "Vice President"},
	    {"Senior SET", ORG_QUALITY, "SET as written"},
	    {"Settlement Analyst", ORG_OTHER, "SET as a whole word only"},
	    {"Set Designer", ORG_DESIGN, "set is not SET"},
	    {"SDET", ORG_QUALITY, "SDET"},
	    {"UX Researcher", ORG_DESIGN, "UX"},
	    {"Linux Engineer", ORG_ENGINEER, "UX inside a word is not UX"},
	    {"Writer", ORG_WRITER, "a writer"},
	    {"Web Developer", ORG_ENGINEER, "a developer"},
	    {"Developer Advocate", ORG_OTHER, "a developer advocate is no engineer"},
	    {"Engineering Director", ORG_MANAGER, "Engineering is not Engineer"},
	    {"Engineering Coordinator", ORG_OTHER, "nor here"},
	    {"Managers' Assistant", ORG_OTHER, "Manager inside a longer word"},
	    {"Manager, Support Engineering", ORG_MANAGER, "Manager as the title"},
	    {"Senior Manager", ORG_MANAGER, "after seniority words"},
	    {"Senior Group Manager, Sales", ORG_MANAGER, "two of them"},
	    {"Content Marketing Manager", ORG_OTHER, "an individual contributor's Manager"},
	    {"Technical Program Manager", ORG_OTHER, "another"},
	    {"Manager (Interim)", ORG_OTHER, "Manager and more is not the whole title"},
	    {"Group Product Manager", ORG_PRODUCT, "Product Manager before Manager"},
	    {"UX Research Manager", ORG_MANAGER, "Research Manager"},
	    {"Head  of Data", ORG_OTHER, "phrases are spaced as written"},
	    {"Ingénieur Engineer", ORG_ENGINEER, "UTF-8 around a word"},
	    {"Chef Engineer", ORG_ENGINEER, "Chef is not Chief"},
	    {"", ORG_OTHER, "an empty role"},
	    {NULL, ORG_OTHER, "no role"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		tap_is_str(org_kind_name(org_classify_role(cases[i].role), 2),
			   org_kind_name(cases[i].kind, 2), cases[i].why);
	tap_ok(!strcmp(org_kind_name(ORG_ENGINEER, 1), "engineer") &&
		       !strcmp(org_kind_name(ORG_WRITER, 3), "writers") &&
		       !strcmp(org_kind_name(ORG_DESIGN, 1), "design") &&
		       !strcmp(org_kind_name(ORG_NKINDS, 1), "other"),
	       "the kinds' names, one and many");
	person p = {.role = NULL, .job_title = "Product Designer"};
	tap_ok(org_classify(&p) == ORG_DESIGN, "without a role: the job title");
	p.role = "";
	tap_ok(org_classify(&p) == ORG_DESIGN, "an empty role is none");
	p.role = "Engineering Manager";
	tap_ok(org_classify(&p) == ORG_MANAGER, "the role before the job title");
}

/* A snapshot lays the names, slugs and roles out in the order `org`
 * lists their people (snapshot.c's org_order): everyone under each person
 * nobody manages, depth first, in roster order; the people in cycles
 * last. So an org's lines read them from one stretch of the mapping. */
static void test_snapshot_order(void)
{
	char *dir = t_mkdir();
	t_write(dir, "team.yml", team);
	roster_input in = {dir, NULL, NULL, NULL};
	diag_list d, d2;
	diag_init(&d);
	diag_init(&d2);
	roster *r = roster_load_input(&in, &d);
	resolver *rs = r ? resolver_new(r) : NULL;
	char path[4096], err[512] = "", why[512] = "";
	snprintf(path, sizeof(path), "%s/snap", t_mkdir()); /* not in dir: it
								  would change it */
	bool wrote = rs && snapshot_write(path, &in, r, &d, rs, NULL, false, err, sizeof(err));
	roster *m = wrote ? snapshot_open(path, &in, &d2, why, sizeof(why)) : NULL;
	tap_ok(m != NULL, "the fixture's snapshot written and mapped%s%s%s", err, *why ? ": " : "", why);
	if (!m) {
		tap_ok(false, "the slugs lie in org order (no snapshot)");
		tap_ok(false, "each person's name, slug and role together (no snapshot)");
	} else {
		static const char *const want[] = {
		    "ceo", "vpe", "em", "be", "set", "open-be", "fe", "pm",
		    "open-head", "ds", "lone", "a", "b", "c", "x"};
		const size_t n = sizeof(want) / sizeof(*want);
		char got[256] = "";
		uintptr_t last = 0;
		bool rising = true;
		for (size_t i = 0; i < n; i++) {
			const person *p = roster_person(m, want[i]);
			uintptr_t at = p ? (uintptr_t)p->slug : 0;
			rising = rising && at > last;
			last = at;
		}
		/* the people by where their slugs lie */
		for (size_t k = 0; k < n; k++) {
			const person *best = NULL;
			for (size_t i = 0; i < m->npeople; i++) {
				const person *p = &m->people[i];
				bool before_best = !best || (uintptr_t)p->slug < (uintptr_t)best->slug;
				bool after_last = !k || (uintptr_t)p->slug > last;
				if (before_best && after_last)
					best = p;
			}
			if (!best)
				break;
			last = (uintptr_t)best->slug;
			snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%s",
				 k ? " " : "", best->slug);
		}
		tap_is_str(got, "ceo vpe em be set open-be fe pm open-head ds lone a b c x",
			   "the slugs lie in org order: under ceo depth first, lone, then the cycle in roster order");
		const person *ceo = roster_person(m, "ceo");
		tap_ok(rising && ceo && (uintptr_t)ceo->name < (uintptr_t)ceo->slug &&
			       (uintptr_t)ceo->slug < (uintptr_t)ceo->role,
		       "each person's name, slug and role together, in that order");
	}
	roster_free(m);
	resolver_free(rs);
	roster_free(r);
	diag_free(&d);
	diag_free(&d2);
}

int main(void)
{
	diag_list d;
	diag_init(&d);
	roster *r = t_roster(team, NULL, &d);
	tap_ok(r && r->npeople == 15, "the fixture loads (%zu people)", r ? r->npeople : 0);
	test_tree(r);
	test_cycle(r);
	roster_free(r);
	diag_free(&d);
	test_deep(false);
	test_deep(true);
	test_rules();
	test_snapshot_order();
	const char *src = getenv("srcdir");
	char path[4096];
	snprintf(path, sizeof(path), "%s/data", src ? src : ".");
	test_sample_titles(path, "data/");
	snprintf(path, sizeof(path), "%s/data/handbook", src ? src : ".");
	test_sample_titles(path, "data/handbook/");
	return tap_done();
}

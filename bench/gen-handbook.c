/* gen-handbook: write a deterministic, GitLab-handbook-shaped checkout for
 * the `teamtui --roster CHECKOUT check` benchmark (bench/run.sh).
 * Usage: gen-handbook PAGES PEOPLE OUTDIR                (libc + POSIX only)
 *
 * OUTDIR/data/public/{team,stages,sections,categories}.yml,
 * OUTDIR/layouts/index.redirects and PAGES pages under
 * OUTDIR/content/handbook/. Everything is fictional; only the shapes follow
 * the real checkout (see shared/research/handbook-sources.md):
 * - team.yml: a list of maps sorted by slug (byte order), roles as HTML
 *   with "Stage:Group" inside or after the anchor, folded at 80 columns the
 *   way Ruby's to_yaml folds them, reports_to forming a tree whose line
 *   managers have 5-10 reports, departments with "<Stage>:<Group> BE Team"
 *   tags, some team_tags, expertise HTML, projects and `|` stories;
 * - stages.yml: 10 sections, 25 stages, 80 groups (names, categories,
 *   slack, handbook paths, some stale and resolved by index.redirects,
 *   *_team_tag, manager and PM names, some TBD or "(Interim)");
 * - pages: sizes drawn from the quantiles of the real English handbook
 *   (impactorbitco/handbook-main@19c6a7e: 4,135 pages, mean 9,792 B,
 *   median 5,610 B), depth 0-6 below content/handbook in the real
 *   proportions; about 90 group pages per 4,000 pages carry people tables
 *   in the real mix of shortcodes and parameter forms (2025-12 counts per
 *   80 pages: team-by-manager-slug 32 positional + 31 named,
 *   stable-counterparts 35, team-by-manager-role 21, team-by-departments
 *   18, group-by-slugs 7, department-members 1), the rest carry the real
 *   non-people shortcodes (alert, details, include, member-by-name, ...)
 *   at their real rates.
 * Prints `pages=N people=N group_pages=N bytes=N` (bytes: of the pages);
 * with GEN_HANDBOOK_STATS set, also per-form call counts on stderr. */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- random numbers (one fixed seed: same arguments, same bytes) ---- */
static uint64_t rng_state = 0x243f6a8885a308d3ULL;
static uint64_t rnd(void)
{
	uint64_t x = rng_state;
	x ^= x >> 12, x ^= x << 25, x ^= x >> 27;
	rng_state = x;
	return x * 0x2545f4914f6cdd1dULL;
}
static unsigned pick(size_t n)
{
	return n ? (unsigned)((rnd() >> 32) % n) : 0;
}
static unsigned range(unsigned lo, unsigned hi) /* inclusive */
{
	return lo + pick(hi - lo + 1);
}
static bool chance(unsigned per_mille)
{
	return pick(1000) < per_mille;
}
static double unit(void)
{
	return (double)(rnd() >> 11) / 9007199254740992.0;
}
#define PICK(a) ((a)[pick(COUNT(a))])
/* geometric count with mean `mean` */
static unsigned poisson_ish(double mean)
{
	double p = mean / (1 + mean);
	unsigned n = 0;
	while (n < 20 && unit() < p)
		n++;
	return n;
}

#include "gen-roster-data.h"

static void die(const char *what)
{
	perror(what);
	exit(1);
}
static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die("malloc");
	return p;
}
static char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}

/* snprintf without GCC's truncation guesses: every buffer here is sized
 * for the fixed word lists, and truncation would only shorten a name. */
__attribute__((format(printf, 3, 4))) static void fmt(char *b, size_t n,
						       const char *f, ...)
{
	va_list ap;
	va_start(ap, f);
	vsnprintf(b, n, f, ap);
	va_end(ap);
}

/* ---- growable string ---- */
typedef struct {
	char *p;
	size_t n, cap;
} sbuf;
static void sb_grow(sbuf *b, size_t more)
{
	if (b->n + more + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 4096;
	while (cap < b->n + more + 1)
		cap *= 2;
	char *p = realloc(b->p, cap);
	if (!p)
		die("realloc");
	b->p = p, b->cap = cap;
}
static void sb_put(sbuf *b, const char *s)
{
	size_t n = strlen(s);
	sb_grow(b, n);
	memcpy(b->p + b->n, s, n + 1);
	b->n += n;
}
__attribute__((format(printf, 2, 3))) static void sb_printf(sbuf *b,
							     const char *format,
							     ...)
{
	va_list ap;
	va_start(ap, format);
	int n = vsnprintf(NULL, 0, format, ap);
	va_end(ap);
	if (n < 0)
		return;
	sb_grow(b, (size_t)n);
	va_start(ap, format);
	vsnprintf(b->p + b->n, (size_t)n + 1, format, ap);
	va_end(ap);
	b->n += (size_t)n;
}

/* ---- string set (slugs, handles, page paths) ---- */
typedef struct {
	char **slot;
	size_t cap, n;
} strset;
static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}
/* Adds s; false if it was already there. */
static bool set_add(strset *t, const char *s)
{
	if (2 * (t->n + 1) > t->cap) {
		strset nt = {0};
		nt.cap = t->cap ? t->cap * 2 : 1024;
		nt.slot = calloc(nt.cap, sizeof *nt.slot);
		if (!nt.slot)
			die("calloc");
		for (size_t i = 0; i < t->cap; i++)
			if (t->slot[i]) {
				size_t j = hash(t->slot[i]) & (nt.cap - 1);
				while (nt.slot[j])
					j = (j + 1) & (nt.cap - 1);
				nt.slot[j] = t->slot[i];
			}
		free(t->slot);
		nt.n = t->n;
		*t = nt;
	}
	size_t j = hash(s) & (t->cap - 1);
	while (t->slot[j]) {
		if (!strcmp(t->slot[j], s))
			return false;
		j = (j + 1) & (t->cap - 1);
	}
	t->slot[j] = xstrdup(s);
	t->n++;
	return true;
}

/* Lower-case ASCII; other runs become one separator. Stops at '|'. */
static void slugify(char *out, size_t n, const char *s, char sep)
{
	size_t o = 0;
	for (; *s && *s != '|' && o + 1 < n; s++) {
		char c = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			out[o++] = c;
		else if (sep && o && out[o - 1] != sep)
			out[o++] = sep;
	}
	while (o && out[o - 1] == sep)
		o--;
	out[o] = '\0';
}
static void name_parts(const char *e, char *disp, char *ascii, size_t n)
{
	const char *bar = strchr(e, '|');
	fmt(disp, n, "%.*s", (int)(bar ? bar - e : (long)strlen(e)), e);
	slugify(ascii, n, bar ? bar + 1 : e, '-');
}

/* ==================================================================== */
/* Product taxonomy: 10 sections, 25 stages, 80 groups (real-style names).
 * area: where the stage's group pages live below engineering/. */
static const char *const SECTION_DEF[][2] = {
	{"dev", "Dev"}, {"ci", "CI"}, {"cd", "CD"}, {"sec", "Sec"},
	{"data-science", "Data Science"}, {"analytics", "Analytics"},
	{"fulfillment", "Fulfillment"}, {"core_platform", "Core Platform"},
	{"saas-platforms", "SaaS Platforms"}, {"growth", "Growth"},
};
static const struct {
	const char *key, *name, *section, *area, *groups;
} STAGE_DEF[] = {
	{"manage", "Manage", "dev", "devops", "Import and Integrate|Foundations"},
	{"plan", "Plan", "dev", "devops",
	 "Project Management|Product Planning|Knowledge|Optimize"},
	{"create", "Create", "dev", "devops",
	 "Source Code|Code Review|Remote Development|Editor Extensions|Code Creation"},
	{"mobile", "Mobile", "dev", "devops", "Mobile DevOps"},
	{"verify", "Verify", "ci", "devops",
	 "Pipeline Authoring|Pipeline Execution|Runner Core|CI Platform|CI Functions Platform"},
	{"package", "Package", "ci", "devops", "Package Registry|Container Registry"},
	{"deploy", "Deploy", "cd", "devops", "Environments|Release"},
	{"monitor", "Monitor", "cd", "devops", "Observability|Respond"},
	{"secure", "Secure", "sec", "development/sec",
	 "Static Analysis|Dynamic Analysis|Composition Analysis|Secret Detection|Vulnerability Research"},
	{"software_supply_chain_security", "Software Supply Chain Security",
	 "sec", "development/sec",
	 "Authentication|Authorization|Compliance|Pipeline Security"},
	{"security_risk_management", "Security Risk Management", "sec",
	 "development/sec", "Security Insights|Security Policies|Security Infrastructure"},
	{"govern", "Govern", "sec", "development/sec", "Anti-abuse|Threat Insights"},
	{"ai-powered", "AI-powered", "data-science", "ai",
	 "AI Framework|Duo Chat|Custom Models|Agent Foundations|Workflow Catalog"},
	{"modelops", "ModelOps", "data-science", "ai", "AI Model Validation|MLOps|DataOps"},
	{"analytics", "Analytics", "analytics", "development/analytics",
	 "Analytics Instrumentation|Platform Insights|Product Analytics"},
	{"fulfillment", "Fulfillment", "fulfillment", "development/fulfillment",
	 "Provision|Utilization|Seat Management|Fulfillment Platform|Subscription Management"},
	{"systems", "Systems", "core_platform", "infrastructure-platforms",
	 "Gitaly|Git|Geo"},
	{"gitlab_delivery", "GitLab Delivery", "core_platform",
	 "infrastructure-platforms", "Release-and-Deploy|Distribution|Build"},
	{"data_stores", "Data Stores", "core_platform", "infrastructure-platforms",
	 "Database|Global Search|Database Frameworks"},
	{"tenant_scale", "Tenant Scale", "core_platform", "infrastructure-platforms",
	 "Organizations|Cells Infrastructure|Cloud Connector"},
	{"developer_experience", "Developer Experience", "core_platform",
	 "infrastructure-platforms",
	 "API|Development Analytics|Test Governance|Performance Enablement|Feature Readiness"},
	{"gitlab_dedicated", "GitLab Dedicated", "saas-platforms",
	 "infrastructure-platforms",
	 "Environment Automation|Switchboard|US Public Sector Services"},
	{"production_engineering", "Production Engineering", "saas-platforms",
	 "infrastructure-platforms",
	 "Runway|Observability Infrastructure|Networking and Incident Management"},
	{"acquisition", "Acquisition", "growth", "development/growth",
	 "Acquisition|Activation"},
	{"engagement", "Engagement", "growth", "development/growth",
	 "Engagement|Retention"},
};
#define NSEC COUNT(SECTION_DEF)
#define NSTAGE COUNT(STAGE_DEF)
#define MAXGROUPS 96

struct group {
	char name[48], key[48], dash[48];
	int stage, tagstyle; /* 0 "S:G BE Team", 1 "S:G Team", 2 "G BE Team" */
	bool has_fe;
	char be_tag[96], fe_tag[96];
	int em, fem, pm, pd, set, tw, appsec, sre_mgr;
	int eng[24], neng;
	int page; /* index into pages[] or -1 */
	char path[200]; /* page path below content/handbook, no .md */
	char hb[240];   /* stages.yml handbook value */
	char channel[64];
	char ncats;
	int cat0;
};
struct stage {
	int section, g0, ng;
	int dir, gpm, pdm, principal, appsec, tw;
	char dash[48];
};
struct section {
	int vp, pdir, uxm, setm;
};
static struct group G[MAXGROUPS];
static struct stage S[NSTAGE];
static struct section SEC[NSEC];
static int ngroups;

/* ==================================================================== */
/* People */
enum fam { F_EXEC, F_ENGMGMT, F_EM, F_BE, F_FE, F_FS, F_PM, F_PD, F_TW, F_SET,
	   F_SEC, F_SRE, F_PRINCIPAL, F_OTHER, F_BOARD };
struct person {
	char *name, *slug, *gitlab, *title, *qual, *role, *deps, *tags;
	char *division, *specialty;
	int mgr, fam, nrep;
};
static struct person *P;
static int np, maxp;
static strset slugs, handles;

static const char *const FAMHREF[] = {
	"/job-families/chief-executive-officer/", "/job-families/engineering/engineering-management/",
	"/job-families/engineering/development/backend/manager/",
	"/job-families/engineering/development/backend/",
	"/job-families/engineering/development/frontend/",
	"/job-families/engineering/development/fullstack/",
	"/job-families/product/product-manager/", "/job-families/product/product-designer/",
	"/job-families/product/technical-writer/",
	"/job-families/engineering/software-engineer-in-test/",
	"/job-families/security/security-engineer/",
	"/job-families/engineering/infrastructure/site-reliability-engineer/",
	"/job-families/engineering/principal-engineer/", "", "/job-families/board/",
};

/* Make a new unique slug/handle for a display-ASCII pair. */
static void make_ids(const char *a1, const char *a2, char *slug, char *handle,
		     size_t n)
{
	char base[96], h[96];
	int style = (int)pick(100);
	if (!a2[0]) /* CJK "family-given" */
		fmt(base, sizeof base, "%s", a1);
	else if (style < 40)
		fmt(base, sizeof base, "%.1s%s", a1, a2);
	else if (style < 70)
		fmt(base, sizeof base, "%s-%s", a1, a2);
	else if (style < 80)
		fmt(base, sizeof base, "%s%s", a1, a2);
	else if (style < 88)
		fmt(base, sizeof base, "%s_%s", a1, a2);
	else if (style < 94)
		fmt(base, sizeof base, "%s.%.1s", a1, a2);
	else
		fmt(base, sizeof base, "%s-%.1s", a1, a2);
	for (size_t i = 0; base[i]; i++) /* "de la cruz" and the like */
		if (base[i] == ' ')
			base[i] = '-';
	fmt(slug, n, "%s", base);
	for (int k = 1; !set_add(&slugs, slug); k++)
		fmt(slug, n, "%s%d", base, k);
	/* 63% of slugs equal the GitLab handle; else a variant */
	if (chance(630))
		fmt(h, sizeof h, "%s", slug);
	else
		fmt(h, sizeof h, "%s%s", slug,
			 chance(500) ? "-gitlab" : "1");
	fmt(handle, n, "%s", h);
	for (int k = 2; !set_add(&handles, handle); k++)
		fmt(handle, n, "%s%d", h, k);
}

/* Add a person; -1 when PEOPLE is reached. */
static int add_person(int fam, const char *title, const char *qual, int mgr,
		      const char *deps, const char *tags, const char *division,
		      const char *specialty)
{
	if (np >= maxp)
		return -1;
	struct person *p = &P[np];
	char d1[64], a1[64], d2[64], a2[64], nm[136], slug[96], handle[96];
	if (chance(60)) {
		name_parts(PICK(CJK), nm, a1, sizeof a1);
		a2[0] = '\0';
	} else {
		name_parts(PICK(FIRST), d1, a1, sizeof d1);
		name_parts(PICK(LAST), d2, a2, sizeof d2);
		fmt(nm, sizeof nm, "%s %s", d1, d2);
	}
	make_ids(a1, a2, slug, handle, sizeof slug);
	p->name = xstrdup(nm), p->slug = xstrdup(slug);
	p->gitlab = xstrdup(handle), p->title = xstrdup(title);
	p->qual = xstrdup(qual ? qual : "");
	p->fam = fam, p->mgr = mgr, p->nrep = 0;
	p->deps = xstrdup(deps ? deps : "");
	p->tags = xstrdup(tags ? tags : "");
	p->division = xstrdup(division ? division : "Engineering");
	p->specialty = xstrdup(specialty ? specialty : "");
	if (mgr >= 0)
		P[mgr].nrep++;
	/* role HTML: href empty ~30%; the Stage:Group qualifier inside the
	 * anchor (~55%) or after it */
	sbuf r = {0};
	char href[160], tslug[96];
	if (chance(300)) {
		href[0] = '\0';
	} else if (fam == F_OTHER) {
		slugify(tslug, sizeof tslug, title, '-');
		char ds[64];
		slugify(ds, sizeof ds, p->division, '-');
		fmt(href, sizeof href, "/job-families/%s/%s/", ds, tslug);
	} else {
		fmt(href, sizeof href, "%s", FAMHREF[fam]);
	}
	if (!qual || !*qual)
		sb_printf(&r, "<a href=\"%s\">%s</a>", href, title);
	else if (chance(550))
		sb_printf(&r, "<a href=\"%s\">%s, %s</a>", href, title, qual);
	else
		sb_printf(&r, "<a href=\"%s\">%s</a>, %s", href, title, qual);
	p->role = r.p;
	return np++;
}

/* "a\nb\nc" builders for departments / team_tags */
static char *lines(int n, ...)
{
	sbuf b = {0};
	sb_put(&b, "");
	va_list ap;
	va_start(ap, n);
	for (int i = 0; i < n; i++) {
		const char *s = va_arg(ap, const char *);
		if (s && *s) {
			if (b.n)
				sb_put(&b, "\n");
			sb_put(&b, s);
		}
	}
	va_end(ap);
	return b.p;
}

static const char *sec_dept(int sec)
{
	const char *k = SECTION_DEF[sec][0];
	if (!strcmp(k, "core_platform") || !strcmp(k, "saas-platforms"))
		return "Infrastructure Platforms Department";
	return "Development Department";
}

static const char *const EMTITLE[] = {"Engineering Manager",
	"Engineering Manager", "Backend Engineering Manager",
	"Fullstack Engineering Manager", "Senior Engineering Manager",
	"Engineering Manager", "Backend Engineering Manager",
	"Engineering Manager", "Fullstack Engineering Manager",
	"Senior Engineering Manager", "Engineering Manager",
	"Backend Engineering Manager", "Engineering Manager",
	"Engineering Manager", "Backend Engineering Manager",
	"Engineering Manager", "Engineering Manager", "Senior Engineering Manager",
	"Manager, Software Engineering"};

/* Non-R&D: {department, division, head title, director title, manager
 * title, IC titles...}; team names cycle through TEAMS. */
static const char *const OTHER_TEAMS[] = {"AMER", "EMEA", "APAC", "PubSec",
	"LATAM", "ANZ", "Japan", "Commercial", "Enterprise", "Mid-Market",
	"Central", "Strategic"};
static const char *const MKT_TEAMS[] = {"Developer Relations",
	"Contributor Success", "Developer Advocacy", "Brand", "Field Marketing",
	"Content Marketing", "Digital Marketing", "Events", "Partner Marketing",
	"Marketing Operations", "Product Marketing", "Community"};

static int leads_end; /* people before the group engineers */
static void build_people(void)
{
	char q[160], d[160], t[160], tg[160];
	int ceo = add_person(F_EXEC, "Chief Executive Officer", NULL, -1,
			     "CEO", NULL, "CEO", NULL);
	for (int i = 0; i < 3; i++) /* no reports_to: board and advisors */
		add_person(F_BOARD, i ? "Board Member" : "Board Observer", NULL,
			   -1, "Board", NULL, "Board", NULL);
	int cto = add_person(F_EXEC, "Chief Technology Officer", NULL, ceo,
			     "Engineering Function", NULL, NULL, NULL);
	int cpo = add_person(F_EXEC, "Chief Product Officer", NULL, ceo,
			     "Product Management", NULL, "Product", NULL);
	int ciso = add_person(F_EXEC, "Chief Information Security Officer",
			      NULL, ceo, "Security Department", NULL,
			      "Security", NULL);
	int execs[COUNT(DEPTS)];
	for (size_t k = 0; k < COUNT(DEPTS); k++)
		execs[k] = add_person(F_OTHER, DEPTS[k][2], NULL, ceo,
				      DEPTS[k][0], NULL, DEPTS[k][1], NULL);
	int vpux = add_person(F_ENGMGMT, "VP of User Experience", NULL, cpo,
			      "UX Department", NULL, "Product", NULL);
	int twm = add_person(F_ENGMGMT, "Technical Writing Manager", NULL, vpux,
			     "Technical Writing", NULL, "Product", NULL);
	int twm2 = add_person(F_ENGMGMT, "Technical Writing Manager", NULL,
			      vpux, "Technical Writing", NULL, "Product", NULL);
	int vpq = add_person(F_ENGMGMT, "Director of Engineering, Quality",
			     NULL, cto, "Quality Department", NULL, NULL, NULL);
	int appsecm = add_person(F_SEC, "Manager, Application Security", NULL,
				 ciso, "Security Department", NULL, "Security",
				 NULL);
	int appsecm2 = add_person(F_SEC, "Manager, Application Security", NULL,
				  ciso, "Security Department", NULL,
				  "Security", NULL);
	/* sections */
	for (size_t s = 0; s < NSEC; s++) {
		const char *sn = SECTION_DEF[s][1];
		fmt(d, sizeof d, "%s Section", sn);
		SEC[s].vp = add_person(F_ENGMGMT, s % 3 ? "Senior Director of Engineering"
					: "VP of Engineering", sn, cto,
				       lines(3, "Engineering Function",
					     sec_dept((int)s), d), NULL, NULL, NULL);
		SEC[s].pdir = add_person(F_PM, "Director of Product Management",
					 sn, cpo, lines(2, "Product Management", d),
					 NULL, "Product", NULL);
		SEC[s].uxm = add_person(F_PD, "Product Design Manager", sn, vpux,
					lines(2, "UX Department", d), NULL,
					"Product", NULL);
		SEC[s].setm = s % 2 ? SEC[s - 1].setm :
			add_person(F_SET, "Engineering Manager, Quality", sn, vpq,
				   lines(2, "Quality Department", d), NULL, NULL, NULL);
	}
	/* stages and their leads */
	for (size_t s = 0; s < NSTAGE; s++) {
		struct stage *st = &S[s];
		const char *sn = STAGE_DEF[s].name;
		for (size_t k = 0; k < NSEC; k++)
			if (!strcmp(SECTION_DEF[k][0], STAGE_DEF[s].section))
				st->section = (int)k;
		slugify(st->dash, sizeof st->dash, STAGE_DEF[s].key, '-');
		fmt(d, sizeof d, "%s Section",
			 SECTION_DEF[st->section][1]);
		fmt(t, sizeof t, "%s Stage", sn);
		char *deps = lines(4, "Engineering Function",
				   sec_dept(st->section), d, t);
		st->dir = add_person(F_ENGMGMT, "Director of Engineering", sn,
				     SEC[st->section].vp, deps, NULL, NULL, NULL);
		fmt(q, sizeof q, "%s Stage", sn);
		st->gpm = add_person(F_PM, chance(500) ? "Group Manager, Product Management"
				     : "Principal Product Manager", q,
				     SEC[st->section].pdir,
				     lines(2, "Product Management", t), NULL,
				     "Product", NULL);
		st->principal = s % 2 ? -1 :
			add_person(F_PRINCIPAL, "Principal Engineer", sn, st->dir,
				   deps, NULL, NULL, NULL);
		/* "Senior Security Engineer, Application Security, Plan
		 * (Project Management, Knowledge)" */
		fmt(q, sizeof q, "Application Security, %s", sn);
		st->appsec = add_person(F_SEC, "Senior Security Engineer", q,
					s % 2 ? appsecm : appsecm2,
					lines(1, "Security Department"), NULL,
					"Security", NULL);
		st->tw = add_person(F_TW, chance(500) ? "Senior Technical Writer"
				    : "Technical Writer", sn, s % 2 ? twm : twm2,
				    lines(2, "Technical Writing", t), NULL,
				    "Product", NULL);
		/* groups */
		st->g0 = ngroups;
		const char *gl = STAGE_DEF[s].groups;
		while (*gl && ngroups < MAXGROUPS) {
			const char *bar = strchr(gl, '|');
			size_t len = bar ? (size_t)(bar - gl) : strlen(gl);
			struct group *g = &G[ngroups];
			fmt(g->name, sizeof g->name, "%.*s", (int)len, gl);
			gl += len + (bar != NULL);
			slugify(g->dash, sizeof g->dash, g->name, '-');
			for (size_t i = 0, o = 0; ; i++) { /* key: "_" for spaces */
				char c = g->dash[i];
				g->key[o++] = c == '-' && !strchr(g->name, '-') ? '_' : c;
				if (!c)
					break;
			}
			g->stage = (int)s;
			g->tagstyle = ngroups % 5 == 3 ? 1 : ngroups % 5 == 4 ? 2 : 0;
			if (!strcmp(STAGE_DEF[s].section, "core_platform") ||
			    !strcmp(STAGE_DEF[s].section, "saas-platforms"))
				g->tagstyle = 2;
			if (!strcmp(STAGE_DEF[s].key, "fulfillment"))
				g->tagstyle = 1;
			g->has_fe = g->tagstyle == 0 && chance(450);
			if (g->tagstyle == 0) {
				fmt(g->be_tag, sizeof g->be_tag, "%s:%s BE Team", sn, g->name);
				fmt(g->fe_tag, sizeof g->fe_tag, "%s:%s FE Team", sn, g->name);
			} else if (g->tagstyle == 1) {
				fmt(g->be_tag, sizeof g->be_tag, "%s:%s Team", sn, g->name);
			} else {
				fmt(g->be_tag, sizeof g->be_tag, "%s %s", g->name,
					 chance(500) ? "BE Team" : "Team");
			}
			g->page = -1;
			ngroups++;
		}
		st->ng = ngroups - st->g0;
		st->pdm = SEC[st->section].uxm;
	}
	/* group leads: EMs, PMs, designers, SETs, SREs */
	for (int i = 0; i < ngroups; i++) {
		struct group *g = &G[i];
		struct stage *st = &S[g->stage];
		const char *sn = STAGE_DEF[g->stage].name;
		fmt(q, sizeof q, "%s:%s", sn, g->name);
		fmt(d, sizeof d, "%s Section", SECTION_DEF[st->section][1]);
		fmt(t, sizeof t, "%s:%s Group", sn, g->name);
		const char *emt = PICK(EMTITLE);
		if (g->tagstyle == 1)
			emt = "Fullstack Engineering Manager";
		g->em = add_person(F_EM, emt, q, st->dir,
				   lines(4, "Engineering Function", sec_dept(st->section), d,
					 g->tagstyle == 2 ? g->be_tag : t),
				   NULL, NULL, g->name);
		g->fem = g->has_fe ? add_person(F_EM, "Frontend Engineering Manager", q,
						st->dir, lines(4, "Engineering Function",
							       sec_dept(st->section), d, t),
						NULL, NULL, g->name) : -1;
		g->pm = add_person(F_PM, PICK(((const char *const[]){"Product Manager",
			"Senior Product Manager", "Senior Product Manager",
			"Principal Product Manager"})), q, st->gpm,
				   lines(2, "Product Management", d), chance(600) ? q : NULL,
				   "Product", NULL);
		g->pd = chance(700) ? add_person(F_PD, chance(500) ? "Senior Product Designer"
					  : "Product Designer", q, st->pdm,
					  lines(2, "UX Department", d),
					  chance(500) ? q : NULL, "Product", NULL) : -1;
		g->set = chance(450) ? add_person(F_SET, "Software Engineer in Test", q,
					   SEC[st->section].setm,
					   lines(2, "Quality Department", d), NULL, NULL,
					   NULL) : -1;
		g->tw = st->tw, g->appsec = st->appsec;
		g->sre_mgr = -1;
	}
	leads_end = np;
	/* engineers: round-robin so a small PEOPLE still spreads them; about
	 * 45% of the company is group engineering, 5-9 per group */
	int budget = maxp * 45 / 100 - np;
	int per = ngroups ? budget / ngroups : 0;
	per = per < 0 ? 0 : per > 9 ? 9 : per;
	for (int round = 0; per && round < per + 4; round++)
		for (int i = 0; i < ngroups; i++) {
			struct group *g = &G[i];
			if (round >= per && !g->has_fe)
				continue; /* then 4 more frontend engineers */
			struct stage *st = &S[g->stage];
			const char *sn = STAGE_DEF[g->stage].name;
			if ((round >= 5 && (i * 7 + round) % 9 < round - 4) ||
			    g->neng >= (int)COUNT(g->eng))
				continue; /* groups of 5-9 */
			fmt(q, sizeof q, "%s:%s", sn, g->name);
			fmt(d, sizeof d, "%s Section", SECTION_DEF[st->section][1]);
			static const char *const LVL[] = {"", "Senior ", "Senior ",
				"Staff ", "Intermediate "};
			const char *lvl = LVL[pick(round == 0 ? 4 : 3)];
			int fam = g->tagstyle == 1 ? F_FS : round >= per ? F_FE
				: g->has_fe && round % 3 == 2 ? F_FE
				: chance(150) ? F_FS : F_BE;
			if (g->tagstyle == 2 && round % 4 == 3)
				fam = F_SRE;
			const char *base = fam == F_BE ? "Backend Engineer" :
				fam == F_FE ? "Frontend Engineer" : fam == F_FS ?
				"Fullstack Engineer" : "Site Reliability Engineer";
			fmt(t, sizeof t, "%s%s", lvl, base);
			char tag[120];
			if (fam == F_FE)
				fmt(tag, sizeof tag, "%s", g->fe_tag);
			else if (fam == F_SRE)
				fmt(tag, sizeof tag, "%s SRE", g->name);
			else
				fmt(tag, sizeof tag, "%s", g->be_tag);
			fmt(tg, sizeof tg, "%s", q);
			int mgr = fam == F_FE && g->fem >= 0 ? g->fem : g->em;
			int e = add_person(fam, t, q, mgr,
					   lines(5, "Engineering Function",
						 sec_dept(st->section), d, tag,
						 chance(40) ? "Merge Request Coach" : NULL),
					   g->tagstyle != 2 && chance(250) ? tg : NULL,
					   NULL, chance(700) ? g->name : NULL);
			if (e >= 0)
				g->eng[g->neng++] = e;
		}
	/* the rest of the company: department heads -> directors (up to 8
	 * managers each) -> managers (5-10 reports) -> ICs */
	int dirs[COUNT(DEPTS)] = {0}, dircount[COUNT(DEPTS)] = {0}, nteam[COUNT(DEPTS)] = {0};
	for (size_t k = 0; k < COUNT(DEPTS); k++)
		dirs[k] = -1;
	for (unsigned k = 0; np < maxp; k = (k + 1) % COUNT(DEPTS)) {
		if (execs[k] < 0)
			break;
		const char *team;
		char tn[96];
		if (k == 1) /* Marketing */
			team = MKT_TEAMS[nteam[k] % COUNT(MKT_TEAMS)];
		else
			team = OTHER_TEAMS[nteam[k] % COUNT(OTHER_TEAMS)];
		if (nteam[k] >= (int)(k == 1 ? COUNT(MKT_TEAMS) : COUNT(OTHER_TEAMS)))
			fmt(tn, sizeof tn, "%s %d", team, nteam[k] /
				 (int)(k == 1 ? COUNT(MKT_TEAMS) : COUNT(OTHER_TEAMS)) + 1);
		else
			fmt(tn, sizeof tn, "%s", team);
		nteam[k]++;
		if (dirs[k] < 0 || dircount[k] >= 8) {
			fmt(t, sizeof t, "Director, %s", DEPTS[k][0]);
			dirs[k] = add_person(F_OTHER, t, NULL, execs[k], DEPTS[k][0],
					     NULL, DEPTS[k][1], NULL);
			dircount[k] = 0;
			if (dirs[k] < 0)
				break;
		}
		dircount[k]++;
		fmt(d, sizeof d, "%s", tn);
		int m = add_person(F_OTHER, DEPTS[k][3], tn, dirs[k],
				   lines(2, DEPTS[k][0], d), NULL, DEPTS[k][1], NULL);
		if (m < 0)
			break;
		unsigned n = range(5, 10);
		for (unsigned j = 0; j < n; j++) {
			static const char *const LV[] = {"", "Senior ", "", "Staff "};
			fmt(t, sizeof t, "%s%s", LV[pick(COUNT(LV))],
				 DEPTS[k][4 + pick(2)]);
			if (add_person(F_OTHER, t, chance(500) ? tn : NULL, m,
				       lines(2, DEPTS[k][0], d),
				       k == 1 && chance(300) ? tn : NULL, DEPTS[k][1],
				       NULL) < 0)
				break;
		}
	}
}

/* ---- YAML emission ---- */
static bool plain_ok(const char *s)
{
	static const char *const reserved[] = {"true", "false", "yes", "no",
		"on", "off", "null", "y", "n", "~"};
	if (!*s || strchr("-?:,[]{}#&*!|>'\"%@` ", *s))
		return false;
	if ((*s >= '0' && *s <= '9') || s[strlen(s) - 1] == ' ')
		return false;
	for (const char *p = s; *p; p++) {
		if ((unsigned char)*p < 0x20)
			return false;
		if ((p[0] == ':' && (p[1] == ' ' || !p[1])) ||
		    (p[0] == ' ' && p[1] == '#'))
			return false;
	}
	for (size_t k = 0; k < COUNT(reserved); k++)
		if (!strcmp(s, reserved[k]))
			return false;
	return true;
}
/* Write `key: value` at indent `ind`: plain (folded past 80 columns the
 * way libyaml's emitter folds, as Ruby's to_yaml does), single-quoted,
 * or double-quoted with escapes. */
static void yv(sbuf *b, int ind, const char *key, const char *v)
{
	int col = ind;
	if (key) {
		sb_printf(b, "%*s%s: ", ind, "", key);
		col += (int)strlen(key) + 2;
	} else {
		sb_printf(b, "%*s- ", ind, "");
		col += 2;
	}
	if (!v) {
		b->n--; /* "key:" with no value is null */
		b->p[b->n] = '\0';
		sb_put(b, "\n");
		return;
	}
	if (plain_ok(v)) {
		for (const char *p = v; *p; p++, col++) {
			if (*p == ' ' && col > 80 && p[1] != ' ' && p[-1] != ' ') {
				sb_printf(b, "\n%*s", ind + 2, "");
				col = ind + 1;
				continue;
			}
			char c[2] = {*p, 0};
			sb_put(b, c);
		}
	} else if (!strchr(v, '\'') && !strchr(v, '\n') && !strchr(v, '\\')) {
		sb_printf(b, "'%s'", v);
	} else {
		sb_put(b, "\"");
		for (const char *p = v; *p; p++) {
			if (*p == '"' || *p == '\\')
				sb_printf(b, "\\%c", *p);
			else if (*p == '\n')
				sb_put(b, "\\n");
			else {
				char c[2] = {*p, 0};
				sb_put(b, c);
			}
		}
		sb_put(b, "\"");
	}
	sb_put(b, "\n");
}
static void ylist(sbuf *b, int ind, const char *key, const char *nl)
{
	sb_printf(b, "%*s%s:\n", ind, "", key);
	char item[256];
	while (*nl) {
		const char *e = strchr(nl, '\n');
		size_t len = e ? (size_t)(e - nl) : strlen(nl);
		fmt(item, sizeof item, "%.*s", (int)len, nl);
		yv(b, ind, NULL, item);
		nl += len + (e != NULL);
	}
}

static const char *const STORY[] = {
	"%s joined after several years building developer tools at a startup.",
	"Before that, %s worked on payment systems and fixed far too many flaky tests.",
	"Outside of work %s enjoys hiking, cooking and restoring old bicycles.",
	"%s is happy to chat about remote work, distributed teams and good docs.",
	"%s lives with two cats and an ever growing pile of unread books.",
	"When not reviewing merge requests, %s can be found on a climbing wall.",
	"Ask %s about the best coffee in town, or about sourdough.",
	"%s has contributed to open source since university and still maintains a few gems.",
};

static int cmp_slug(const void *a, const void *b)
{
	return strcmp(P[*(const int *)a].slug, P[*(const int *)b].slug);
}

static void emit_team(sbuf *b)
{
	int *ord = xmalloc((size_t)np * sizeof *ord);
	for (int i = 0; i < np; i++)
		ord[i] = i;
	qsort(ord, (size_t)np, sizeof *ord, cmp_slug);
	sb_put(b, "---\n");
	for (int k = 0; k < np; k++) {
		struct person *p = &P[ord[k]];
		char tmp[512];
		sb_printf(b, "- slug: %s\n  type: person\n", p->slug);
		yv(b, 2, "name", p->name);
		const char *const *l = LOCS[pick(COUNT(LOCS))];
		yv(b, 2, "locality", chance(300) ? l[0] : NULL);
		yv(b, 2, "country", chance(450) ? "Remote" : l[1]);
		yv(b, 2, "role", p->role);
		if (p->mgr >= 0)
			yv(b, 2, "reports_to", P[p->mgr].slug);
		fmt(tmp, sizeof tmp, "%s.jpg", p->gitlab);
		yv(b, 2, "picture", chance(900) ? tmp : "../gitlab-logo-extra-whitespace.png");
		if (chance(400))
			yv(b, 2, "pronouns", PICK(PRONOUNS));
		if (chance(150)) {
			char pr[160];
			fmt(pr, sizeof pr, "%.*s-ee %s", 3, p->slug, "(rhymes with tree)");
			yv(b, 2, "pronunciation", pr);
		}
		yv(b, 2, "twitter", chance(300) ? p->gitlab : NULL);
		yv(b, 2, "linkedin", chance(500) ? p->slug : NULL);
		if (chance(200))
			yv(b, 2, "mastodon", NULL);
		yv(b, 2, "gitlab", p->gitlab);
		if (p->deps[0])
			ylist(b, 2, "departments", p->deps);
		if (p->tags[0])
			ylist(b, 2, "team_tags", p->tags);
		if (p->specialty[0]) {
			if (chance(150)) { /* a list, Workday style */
				fmt(tmp, sizeof tmp, "%s: %s",
					 STAGE_DEF[0].name, p->specialty);
				ylist(b, 2, "specialty", tmp);
			} else {
				yv(b, 2, "specialty", p->specialty);
			}
		}
		if (chance(650)) { /* HTML, as a double-quoted string */
			sbuf e = {0};
			sb_put(&e, "");
			unsigned n = range(1, 3), e0 = pick(COUNT(EXPERT));
			for (unsigned j = 0; j < n; j++)
				sb_printf(&e, "<li>%s</li>\n",
					  EXPERT[(e0 + j) % COUNT(EXPERT)]);
			yv(b, 2, "expertise", e.p);
			free(e.p);
		} else if (chance(300)) {
			yv(b, 2, "expertise", NULL);
		}
		if ((p->fam == F_BE || p->fam == F_FE || p->fam == F_FS ||
		     p->fam == F_EM) && chance(350)) {
			sb_put(b, "  projects:\n");
			unsigned a = pick(COUNT(PROJECTS)), n = range(1, 2);
			for (unsigned j = 0; j < n; j++) {
				const char *r = PICK(PROJROLE);
				if (r[0] == '[') { /* a flow list */
					sb_printf(b, "    %s:\n    - reviewer\n    - maintainer\n",
						  PROJECTS[(a + j) % COUNT(PROJECTS)]);
				} else {
					sb_printf(b, "    %s: %s\n",
						  PROJECTS[(a + j) % COUNT(PROJECTS)], r);
				}
			}
		}
		if (chance(150)) {
			unsigned a = pick(COUNT(SKILLS));
			fmt(tmp, sizeof tmp, "%s\n%s", SKILLS[a],
				 SKILLS[(a + 3) % COUNT(SKILLS)]);
			for (char *c = tmp; *c; c++)
				if (*c == ' ' || *c == '/' || *c == '.')
					*c = '_';
			ylist(b, 2, "domain_expertise", tmp);
		}
		if (chance(680)) {
			char first[64];
			fmt(first, sizeof first, "%s", p->name);
			char *sp = strchr(first, ' ');
			if (sp && !(p->name[0] & 0x80))
				*sp = '\0';
			/* `|` keeps the final newline, `|-` strips it */
			sb_put(b, chance(300) ? "  story: |-\n" : "  story: |\n");
			unsigned n = range(3, 5), s0 = pick(COUNT(STORY));
			for (unsigned j = 0; j < n; j++) {
				sb_put(b, "    ");
				sb_printf(b, STORY[(s0 + j) % COUNT(STORY)], first);
				sb_put(b, j == 1 && chance(300) ? " \n" : "\n");
			}
		}
		yv(b, 2, "job_title", p->title);
		yv(b, 2, "division", p->division);
		if (chance(30))
			sb_put(b, "  public: false\n");
	}
	free(ord);
}

/* ---- stages / sections / categories ---- */
static const char *const CATSFX[] = {"", " Management", " Settings",
	" Insights", " API", " Integrations"};

static const char *pname(int i, int tbd_pm)
{
	if (i < 0 || chance((unsigned)tbd_pm))
		return "TBD";
	return P[i].name;
}

static void emit_sections(sbuf *b)
{
	for (size_t s = 0; s < NSEC; s++) {
		sb_printf(b, "%s:\n", SECTION_DEF[s][0]);
		yv(b, 2, "name", SECTION_DEF[s][1]);
		yv(b, 2, "pm", pname(SEC[s].pdir, 30));
		sb_put(b, "  em:\n");
		yv(b, 2, NULL, pname(SEC[s].vp, 0));
		sb_put(b, "  pdm:\n");
		yv(b, 2, NULL, pname(SEC[s].uxm, 50));
		yv(b, 2, "sm", chance(500) ? "TBD" : pname(SEC[s].setm, 0));
		sb_printf(b, "  direction: \"/direction/%s/\"\n", SECTION_DEF[s][0]);
		sb_printf(b, "  slack:\n    channel: s_%s\n", SECTION_DEF[s][0]);
		sb_printf(b, "  handbook: engineering/development/%s/\n",
			  SECTION_DEF[s][0]);
	}
}

static void emit_stages(sbuf *b)
{
	sb_put(b, "stages:\n");
	for (size_t s = 0; s < NSTAGE; s++) {
		struct stage *st = &S[s];
		sb_printf(b, "  %s:\n", STAGE_DEF[s].key);
		yv(b, 4, "display_name", STAGE_DEF[s].name);
		sb_printf(b, "    marketing: %s\n", s % 4 ? "true" : "false");
		sb_printf(b, "    section: %s\n", STAGE_DEF[s].section);
		if (s % 6 == 2)
			sb_printf(b, "    label: devops::%s\n", STAGE_DEF[s].key);
		sb_printf(b, "    slack:\n      channel: s_%s\n", STAGE_DEF[s].key);
		sb_printf(b, "    handbook: /handbook/engineering/%s/%s/\n",
			  STAGE_DEF[s].area, st->dash);
		sb_printf(b, "    gitlab_group: gitlab-org/%s-stage\n", st->dash);
		yv(b, 4, "pm", pname(st->gpm, 40));
		sb_put(b, "    em:\n");
		yv(b, 4, NULL, pname(st->dir, 0));
		sb_put(b, "    pdm:\n");
		yv(b, 4, NULL, pname(st->pdm, 60));
		sb_printf(b, "    direction: \"/direction/%s/\"\n", STAGE_DEF[s].key);
		sb_printf(b, "    roadmap: true\n    established: %u\n    lifecycle: %u\n",
			  2014 + (unsigned)(s % 10), 1 + (unsigned)(s % 7));
		sb_put(b, "    groups:\n");
		for (int i = st->g0; i < st->g0 + st->ng; i++) {
			struct group *g = &G[i];
			sb_printf(b, "      %s:\n", g->key);
			yv(b, 8, "name", g->name);
			if (i % 16 == 5)
				sb_printf(b, "        label: group::%s::%s\n",
					  STAGE_DEF[s].key, g->dash);
			sb_printf(b, "        focus: %s\n", i % 3 ? "core" : "growth");
			yv(b, 8, "handbook", g->hb);
			sb_printf(b, "        group_link: \"product/categories/#%s-group\"\n",
				  g->dash);
			sb_printf(b, "        gitlab_group: gitlab-org/%s-stage/%s\n",
				  st->dash, g->dash);
			sb_put(b, "        categories:\n");
			for (int c = 0; c < g->ncats; c++) {
				char ck[96], cn[96];
				fmt(cn, sizeof cn, "%s%s", g->name, CATSFX[c]);
				slugify(ck, sizeof ck, cn, '_');
				sb_printf(b, "        - %s\n", ck);
			}
			if (i % 7 == 3)
				sb_put(b, "        slack:\n          channel: TBD\n");
			else
				sb_printf(b, "        slack:\n          channel: %s\n          alias: %s\n",
					  g->channel, g->key);
			yv(b, 8, "be_team_tag", g->be_tag);
			if (g->has_fe)
				yv(b, 8, "fe_team_tag", g->fe_tag);
			/* people values: names, some "(Interim)", some TBD/TBH */
			char nm[160];
			if (P[g->em].title[0] == 'F' && g->tagstyle == 1) {
				yv(b, 8, "fullstack_engineering_manager", pname(g->em, 30));
			} else {
				if (chance(60))
					fmt(nm, sizeof nm, "%s (Interim)", P[g->em].name);
				else
					fmt(nm, sizeof nm, "%s", pname(g->em, 30));
				yv(b, 8, "backend_engineering_manager", nm);
			}
			if (g->fem >= 0)
				yv(b, 8, "frontend_engineering_manager", pname(g->fem, 50));
			if (chance(100)) {
				sb_put(b, "        pm:\n");
				yv(b, 8, NULL, pname(g->pm, 0));
				yv(b, 8, NULL, "TBH");
			} else {
				yv(b, 8, "pm", pname(g->pm, 40));
			}
			sb_put(b, "        pdm:\n");
			yv(b, 8, NULL, pname(S[s].pdm, 0));
			if (g->pd >= 0) {
				sb_put(b, "        ux:\n");
				yv(b, 8, NULL, pname(g->pd, 0));
			}
			sb_put(b, "        tech_writer:\n");
			yv(b, 8, NULL, i % 9 == 4 ? "#docs Slack channel" : pname(g->tw, 0));
			if (g->set >= 0) {
				sb_put(b, "        sets:\n");
				yv(b, 8, NULL, pname(g->set, 50));
			}
			yv(b, 8, "appsec_engineer", pname(g->appsec, 100));
			yv(b, 8, "support", i % 4 ? "TBD" : "Support Engineer (EMEA)");
			sb_printf(b, "        usage_driver_score: %u\n        asp_driver_score: %u\n",
				  (unsigned)(i * 7 % 10), (unsigned)(i * 3 % 10));
		}
	}
}

static int ncategories;
static void emit_categories(sbuf *b)
{
	static const char *const MAT[] = {"minimal", "viable", "complete",
		"lovable", "planned"};
	for (int i = 0; i < ngroups; i++) {
		struct group *g = &G[i];
		for (int c = 0; c < g->ncats; c++) {
			char ck[96], cn[96];
			fmt(cn, sizeof cn, "%s%s", g->name, CATSFX[c]);
			slugify(ck, sizeof ck, cn, '_');
			sb_printf(b, "%s:\n", ck);
			yv(b, 2, "name", cn);
			sb_printf(b, "  stage: %s\n", STAGE_DEF[g->stage].key);
			if (c == 1)
				sb_printf(b, "  label: \"Category:%s\"\n", cn);
			sb_put(b, "  feature_labels:\n");
			sb_printf(b, "  - %s\n", ck);
			sb_printf(b, "  maturity: %s\n", MAT[(i + c) % COUNT(MAT)]);
			sb_printf(b, "  available: 20%02d-%02d-22\n", 15 + (i + c) % 10,
				  1 + (i * 5 + c) % 12);
			sb_printf(b, "  documentation: https://docs.gitlab.com/user/%s/%s/\n",
				  S[g->stage].dash, ck);
			sb_printf(b, "  direction: \"/direction/%s/%s/\"\n",
				  STAGE_DEF[g->stage].key, ck);
			sb_printf(b, "  marketing_page: \"/features/%s/\"\n", ck);
			fmt(cn, sizeof cn, "Everything about %s%s in GitLab: how "
				 "teams use it.", g->name, CATSFX[c]);
			yv(b, 2, "description", cn);
			ncategories++;
		}
	}
}

/* ==================================================================== */
/* Pages */
struct page {
	char *path; /* below content/handbook, with ".md" */
	int depth;
};
static struct page *pages;
static int npages, maxpages;
static strset paths;
struct dir {
	char *path; /* below content/handbook, "" for the root */
	int depth;
};
static struct dir *dirs;
static int ndirs, capdirs;
static char *outdir;
static long long page_bytes;
static size_t *sizes;

/* Real English handbook page sizes (impactorbitco/handbook-main@19c6a7e,
 * 4,135 pages, mean 9,792 B, median 5,610 B): quantiles at 0, 2, ..., 98,
 * 99, 99.5, 99.8 and 100 %, interpolated linearly (expected mean 9.82 kB). */
static const double QV[] = {21, 103, 138, 210, 329, 624, 859, 1085, 1288,
	1497, 1682, 1894, 2118, 2374, 2632, 2866, 3131, 3382, 3677, 3907, 4210,
	4440, 4688, 4941, 5320, 5612, 5970, 6384, 6800, 7203, 7653, 8087, 8525,
	9106, 9582, 10032, 10655, 11479, 12505, 13389, 14359, 15422, 16751,
	18187, 20058, 22360, 25291, 29814, 36681, 49025, 61579, 79719, 120565,
	219683};
static double qp(size_t k)
{
	return k < 50 ? k / 50.0 : k == 50 ? .99 : k == 51 ? .995 : k == 52 ? .998 : 1;
}
static size_t draw_size(void)
{
	double u = unit();
	size_t k = 0;
	while (k + 2 < COUNT(QV) && u > qp(k + 1))
		k++;
	double f = (u - qp(k)) / (qp(k + 1) - qp(k));
	return (size_t)(QV[k] + f * (QV[k + 1] - QV[k]));
}

static void mkdirs(const char *path)
{
	char tmp[4096];
	fmt(tmp, sizeof tmp, "%s", path);
	for (char *p = tmp + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			if (mkdir(tmp, 0777) && errno != EEXIST)
				die(tmp);
			*p = '/';
		}
	if (mkdir(tmp, 0777) && errno != EEXIST)
		die(tmp);
}

static void write_file(const char *rel, const sbuf *b)
{
	char path[4096];
	fmt(path, sizeof path, "%s/%s", outdir, rel);
	char *slash = strrchr(path, '/');
	*slash = '\0';
	mkdirs(path);
	*slash = '/';
	FILE *f = fopen(path, "w");
	if (!f)
		die(path);
	if (b->n && fwrite(b->p, 1, b->n, f) != b->n)
		die(path);
	if (fclose(f))
		die(path);
}

static int find_dir(const char *path)
{
	for (int i = ndirs - 1; i >= 0; i--)
		if (!strcmp(dirs[i].path, path))
			return i;
	return -1;
}
static int add_dir(const char *path, int depth)
{
	if (ndirs == capdirs) {
		capdirs = capdirs ? capdirs * 2 : 256;
		dirs = realloc(dirs, (size_t)capdirs * sizeof *dirs);
		if (!dirs)
			die("realloc");
	}
	dirs[ndirs].path = xstrdup(path);
	dirs[ndirs].depth = depth;
	return ndirs++;
}

/* Reserve a page path (below content/handbook); -1 if taken or full. */
static int reserve_page(const char *rel, int depth)
{
	if (npages >= maxpages || !set_add(&paths, rel))
		return -1;
	pages[npages].path = xstrdup(rel);
	pages[npages].depth = depth;
	return npages++;
}

static const char *const WORDS[] = {"onboarding", "workflow", "on-call",
	"runbooks", "releases", "hiring", "okrs", "incident-management",
	"tools", "processes", "team", "meetings", "training", "metrics",
	"reporting", "policies", "guides", "operations", "programs",
	"enablement", "strategy", "planning", "reviews", "escalations",
	"automation", "dashboards", "communication", "playbooks", "faq",
	"budget", "compliance", "access-requests", "vendors", "contracts",
	"partners", "accounts", "forecasting", "renewals", "events", "content",
	"brand", "campaigns", "analytics", "data", "pipelines", "warehouse",
	"models", "quality", "testing", "security", "vulnerability",
	"threat", "audit", "controls", "risk", "privacy", "benefits",
	"compensation", "learning", "leadership", "mentoring", "career",
	"interviews", "handbook", "style", "templates", "roadmap", "direction",
	"customers", "support", "tickets", "escalation", "sla", "readiness",
	"certification", "architecture", "performance", "scalability",
	"infrastructure", "monitoring", "logging", "backups", "recovery",
	"migrations", "deployments", "triage", "labels", "issues",
	"merge-requests", "code-review", "retrospectives", "milestones",
	"capacity", "estimation", "goals", "values", "culture", "remote",
	"travel", "expenses", "payroll", "tax", "legal", "trademarks",
	"licensing", "procurement", "it", "laptops", "okta", "slack",
};
static const char *const AREAS[][2] = { /* {name, weight per mille} */
	{"engineering", "260"}, {"security", "130"}, {"marketing", "97"},
	{"customer-success", "86"}, {"support", "75"}, {"company", "60"},
	{"product", "50"}, {"sales", "45"}, {"eta", "45"}, {"legal", "27"},
	{"enterprise-data", "23"}, {"solutions-architects", "19"},
	{"finance", "18"}, {"business-technology", "17"},
	{"people-group", "16"}, {"tools-and-tips", "8"},
	{"total-rewards", "6"}, {"leadership", "6"}, {"resellers", "4"},
	{"hiring", "8"}, {"values", "2"},
};
/* Real page depth below content/handbook, per mille (depth 0..6). */
static const unsigned DEPTHW[] = {2, 86, 276, 237, 267, 102, 30};

/* A directory at `depth` (creating a new one, with its _index.md page,
 * sometimes or when none exists). */
static int get_dir(int depth)
{
	if (depth == 0)
		return 0;
	if (depth == 1) {
		unsigned u = pick(1000), acc = 0;
		const char *area = AREAS[0][0];
		for (size_t i = 0; i < COUNT(AREAS); i++) {
			acc += (unsigned)atoi(AREAS[i][1]);
			if (u < acc) {
				area = AREAS[i][0];
				break;
			}
		}
		int d = find_dir(area);
		if (d < 0) {
			d = add_dir(area, 1);
			char rel[256];
			fmt(rel, sizeof rel, "%s/_index.md", area);
			reserve_page(rel, 1);
		}
		return d;
	}
	int have = 0;
	for (int i = 0; i < ndirs; i++)
		have += dirs[i].depth == depth;
	if (have && !chance(depth >= 5 ? 330 : 200)) {
		int k = (int)pick((size_t)have);
		for (int i = 0; i < ndirs; i++)
			if (dirs[i].depth == depth && k-- == 0)
				return i;
	}
	int parent = get_dir(depth - 1);
	char rel[512];
	for (int tries = 0; tries < 50; tries++) {
		if (tries < 10)
			fmt(rel, sizeof rel, "%s/%s", dirs[parent].path, PICK(WORDS));
		else
			fmt(rel, sizeof rel, "%s/%s-%s", dirs[parent].path,
				 PICK(WORDS), PICK(WORDS));
		if (find_dir(rel) < 0)
			break;
	}
	int d = find_dir(rel);
	if (d >= 0)
		return d;
	d = add_dir(rel, depth);
	char ix[600];
	fmt(ix, sizeof ix, "%s/_index.md", rel);
	reserve_page(ix, depth);
	return d;
}

/* ---- Markdown filler ---- */
static const char *const VOCAB[] = {"the", "team", "handbook", "process",
	"issue", "merge request", "review", "release", "milestone", "we",
	"our", "customers", "should", "can", "must", "every", "each", "week",
	"quarter", "owner", "DRI", "async", "sync", "meeting", "agenda",
	"label", "board", "priority", "severity", "workflow", "deliverable",
	"feedback", "results", "iteration", "transparency", "collaboration",
	"efficiency", "diversity", "is", "are", "for", "with", "to", "in",
	"on", "and", "or", "when", "before", "after", "please", "use",
	"create", "update", "document", "escalate", "triage", "schedule",
	"ensure", "track", "measure", "report", "dashboard", "metric", "goal",
	"OKR", "Slack", "GitLab", "project", "group", "stage", "section",
	"manager", "engineer", "designer", "counterpart", "on-call",
	"incident", "runbook", "service", "database", "pipeline", "runner",
	"deployment", "environment", "feature flag", "rollout", "rollback",
	"documentation", "onboarding", "training", "a", "an", "this", "that",
	"these", "new", "existing", "relevant", "weekly", "monthly"};

/* Length of a page's URL path: "a/b/_index.md" -> "a/b", "a/c.md" -> "a/c". */
static int url_len(const char *pp)
{
	size_t len = strlen(pp) - 3; /* ".md" */
	if (len >= 7 && !strncmp(pp + len - 7, "/_index", 7))
		len -= 7;
	else if (len == 6 && !strncmp(pp, "_index", 6))
		len = 0;
	return (int)len;
}

static void sentence(sbuf *b)
{
	unsigned n = range(8, 22);
	for (unsigned i = 0; i < n; i++) {
		const char *w = PICK(VOCAB);
		if (i)
			sb_put(b, " ");
		if (i == 0 && w[0] >= 'a' && w[0] <= 'z') {
			char c[2] = {(char)(w[0] - 'a' + 'A'), 0};
			sb_put(b, c);
			sb_put(b, w + 1);
		} else if (chance(25) && npages > 0) {
			const char *pp = pages[pick((size_t)npages)].path;
			sb_printf(b, "[%s](/handbook/%.*s/)", w, url_len(pp), pp);
		} else if (chance(15)) {
			sb_printf(b, "[%s](https://gitlab.com/gitlab-org/gitlab/-/issues/%u)",
				  w, range(1000, 500000));
		} else if (chance(20)) {
			sb_printf(b, "`%s`", w);
		} else if (chance(15)) {
			sb_printf(b, "**%s**", w);
		} else {
			sb_put(b, w);
		}
	}
	sb_put(b, ". ");
}
static void paragraph(sbuf *b)
{
	unsigned n = range(2, 5);
	for (unsigned i = 0; i < n; i++)
		sentence(b);
	b->p[--b->n] = '\0';
	sb_put(b, "\n\n");
}
static void title_from(char *out, size_t n, const char *slug)
{
	size_t o = 0;
	bool up = true;
	for (; *slug && o + 1 < n; slug++) {
		char c = *slug;
		if (c == '-' || c == '_') {
			out[o++] = ' ', up = true;
			continue;
		}
		out[o++] = up && c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
		up = false;
	}
	out[o] = '\0';
}
static void heading(sbuf *b, int level)
{
	char t[96];
	title_from(t, sizeof t, PICK(WORDS));
	sb_printf(b, "%.*s %s\n\n", level, "######", t);
}
static void block(sbuf *b)
{
	unsigned k = pick(100);
	if (k < 45) {
		paragraph(b);
	} else if (k < 55) {
		heading(b, chance(600) ? 2 : 3);
	} else if (k < 70) {
		unsigned n = range(3, 8);
		for (unsigned i = 0; i < n; i++) {
			sb_put(b, chance(150) ? "  - " : "- ");
			sentence(b);
			b->p[--b->n] = '\0';
			sb_put(b, "\n");
		}
		sb_put(b, "\n");
	} else if (k < 75) {
		unsigned n = range(3, 6);
		for (unsigned i = 0; i < n; i++) {
			sb_printf(b, "%u. ", i + 1);
			sentence(b);
			b->p[--b->n] = '\0';
			sb_put(b, "\n");
		}
		sb_put(b, "\n");
	} else if (k < 83) {
		unsigned cols = range(2, 4), rows = range(2, 8);
		for (unsigned c = 0; c < cols; c++) {
			char t[64];
			title_from(t, sizeof t, PICK(WORDS));
			sb_printf(b, "| %s ", t);
		}
		sb_put(b, "|\n");
		for (unsigned c = 0; c < cols; c++)
			sb_put(b, "| --- ");
		sb_put(b, "|\n");
		for (unsigned r = 0; r < rows; r++) {
			for (unsigned c = 0; c < cols; c++)
				sb_printf(b, "| %s %s ", PICK(VOCAB), PICK(VOCAB));
			sb_put(b, "|\n");
		}
		sb_put(b, "\n");
	} else if (k < 88) {
		static const char *const LANG[] = {"shell", "yaml", "ruby", "",
			"json", "sql", "plaintext"};
		sb_printf(b, "```%s\n", PICK(LANG));
		unsigned n = range(2, 10);
		for (unsigned i = 0; i < n; i++)
			sb_printf(b, "%s %s --%s=%u\n", PICK(WORDS), PICK(WORDS),
				  PICK(WORDS), range(1, 99));
		sb_put(b, "```\n\n");
	} else if (k < 90) {
		sb_put(b, "> ");
		sentence(b);
		sb_put(b, "\n\n");
	} else if (k < 95) {
		unsigned n = range(2, 6);
		for (unsigned i = 0; i < n; i++) {
			char t[96];
			title_from(t, sizeof t, PICK(WORDS));
			if (npages && chance(600)) {
				const char *pp = pages[pick((size_t)npages)].path;
				sb_printf(b, "- [%s](/handbook/%.*s/)\n", t,
					  url_len(pp), pp);
			} else {
				sb_printf(b, "- [%s](https://docs.gitlab.com/%s/%s/)\n", t,
					  PICK(WORDS), PICK(WORDS));
			}
		}
		sb_put(b, "\n");
	} else {
		paragraph(b);
		if (chance(200))
			sb_put(b, "<!-- markdownlint-disable MD044 -->\n\n");
	}
}

/* Non-people shortcodes at their real per-page rates (2025-12, per 4,135
 * pages): alert 446, member-by-name 319, include 296, details 218,
 * youtube 159, label 97, panel 93, member-by-gitlab 48, note 19, tableau
 * (rare). Design-document headers are per design-doc page. */
static unsigned n_nonpeople[12];
static const char *const NONPEOPLE_NAME[] = {"alert", "member-by-name",
	"include", "details", "youtube", "label", "panel", "member-by-gitlab",
	"note", "tableau", "engineering/design-document-header", "comment-form"};
static void nonpeople(sbuf *b, unsigned kind)
{
	n_nonpeople[kind]++;
	const struct person *p = np ? &P[pick((size_t)np)] : NULL;
	switch (kind) {
	case 0:
		sb_printf(b, "{{%% alert title=\"%s\" color=\"%s\" %%}}\n",
			  chance(500) ? "Note" : "Important",
			  chance(500) ? "primary" : "warning");
		paragraph(b);
		sb_put(b, "{{% /alert %}}\n\n");
		break;
	case 1:
		if (!p)
			break;
		if (chance(50)) /* unknown name: grey placeholder in Hugo */
			sb_put(b, "- {{< member-by-name \"Former Team Member\" >}}\n\n");
		else if (chance(80))
			sb_printf(b, "- {{< member-by-name \"%s (Interim)\" >}}\n\n", p->name);
		else
			sb_printf(b, "- {{< member-by-name \"%s\" >}}\n\n", p->name);
		break;
	case 2:
		sb_printf(b, "{{%% include \"includes/%s/%s.md\" %%}}\n\n",
			  PICK(WORDS), PICK(WORDS));
		break;
	case 3:
		sb_put(b, "{{% details summary=\"Click to expand\" %}}\n\n");
		paragraph(b);
		sb_put(b, "{{% /details %}}\n\n");
		break;
	case 4:
		sb_printf(b, "{{< youtube \"%c%c%c%u\" >}}\n\n", 'a' + pick(26),
			  'A' + pick(26), 'a' + pick(26), range(100000, 999999));
		break;
	case 5:
		sb_printf(b, "{{< label name=\"%s::%s\" color=\"#%06X\" >}}\n\n",
			  PICK(WORDS), PICK(WORDS), pick(0xFFFFFF));
		break;
	case 6:
		sb_put(b, "{{< panel header=\"**Note**\" header-bg=\"info\" >}}\n");
		sentence(b);
		sb_put(b, "\n{{< /panel >}}\n\n");
		break;
	case 7:
		if (p)
			sb_printf(b, "{{< member-by-gitlab \"%s\" >}}\n\n", p->gitlab);
		break;
	case 8:
		sb_put(b, "{{< note >}}\n");
		sentence(b);
		sb_put(b, "\n{{< /note >}}\n\n");
		break;
	case 9:
		sb_printf(b, "{{< tableau height=\"600px\" toolbar=\"hidden\" "
			  "src=\"https://us-west-2b.online.tableau.com/t/gitlabpublic/views/%s/%s\" >}}\n"
			  "  {{< tableau/filters \"GROUP_NAME\"=\"%s\" >}}\n{{< /tableau >}}\n\n",
			  PICK(WORDS), PICK(WORDS), PICK(WORDS));
		break;
	case 11: /* the handbook documents its shortcodes: literal text */
		sb_put(b, "```md\n{{</* team-by-manager-slug \"your-manager-slug\" */>}}\n"
		       "{{</* engineering/stable-counterparts role=\"Stage:Group\" */>}}\n```\n\n");
		break;
	}
}
static const double NONPEOPLE_RATE[] = {446, 319, 296, 218, 159, 97, 93, 48,
	19, 12, 0, 2};

static void front_matter(sbuf *b, const char *title, bool desc, int extra)
{
	sb_put(b, "---\n");
	if (chance(150) || strchr(title, ':'))
		sb_printf(b, "title: \"%s\"\n", title);
	else
		sb_printf(b, "title: %s\n", title);
	if (desc) {
		sb_put(b, "description: \"");
		sentence(b);
		b->n -= 2;
		b->p[b->n] = '\0';
		sb_put(b, ".\"\n");
	}
	if (extra == 1)
		sb_put(b, "weight: 10\n");
	else if (extra == 2)
		sb_put(b, "twitter_image: /images/tweets/handbook-gitlab.png\n");
	else if (extra == 3)
		sb_put(b, "aliases:\n- /handbook/old-location/\n");
	sb_put(b, "---\n\n");
}

/* Add blocks up to about `target` bytes: the last block stays only if
 * that lands nearer the target than dropping it. */
static void fill(sbuf *b, size_t target)
{
	while (b->n < target) {
		size_t before = b->n;
		block(b);
		if (b->n > target && b->n - target > target - before) {
			b->n = before;
			b->p[b->n] = '\0';
			break;
		}
	}
}

static void write_page(int pi, const sbuf *b)
{
	char rel[600];
	fmt(rel, sizeof rel, "content/handbook/%s", pages[pi].path);
	write_file(rel, b);
	page_bytes += (long long)b->n;
	sizes[pi] = b->n;
}

static void normal_page(int pi)
{
	sbuf b = {0};
	char t[128];
	const char *base = strrchr(pages[pi].path, '/');
	base = base ? base + 1 : pages[pi].path;
	if (!strcmp(base, "_index.md")) {
		const char *e = pages[pi].path + strlen(pages[pi].path) - 10;
		const char *s = e;
		while (s > pages[pi].path && s[-1] != '/')
			s--;
		fmt(t, sizeof t, "%.*s", (int)(e - s + 1), s);
		if (!t[0] || e < pages[pi].path)
			fmt(t, sizeof t, "handbook");
	} else {
		fmt(t, sizeof t, "%.*s", (int)(strlen(base) - 3), base);
	}
	char title[128];
	title_from(title, sizeof title, t);
	bool design = strstr(pages[pi].path, "design-documents/") &&
		      strcmp(base, "_index.md") == 0 &&
		      !strstr(pages[pi].path, "design-documents/_index.md");
	if (design) {
		sb_printf(&b, "---\ntitle: %s\nstatus: %s\ncreation-date: \"2024-%02u-%02u\"\n"
			  "authors: [ \"@%s\" ]\ncoach: \"@%s\"\napprovers: [ ]\n"
			  "owning-stage: \"~devops::%s\"\nparticipating-stages: []\n"
			  "toc_hide: true\n---\n\n",
			  title, chance(500) ? "implemented" : "proposed",
			  range(1, 12), range(1, 28), np ? P[pick((size_t)np)].gitlab : "x",
			  np ? P[pick((size_t)np)].gitlab : "y",
			  STAGE_DEF[pick(NSTAGE)].key);
		nonpeople(&b, 10);
	} else {
		front_matter(&b, title, chance(600), chance(40) ? (int)range(1, 3) : 0);
	}
	size_t target = draw_size();
	/* interleave blocks with the non-people shortcodes */
	unsigned want[12] = {0}, total = 0;
	for (unsigned k = 0; k < COUNT(NONPEOPLE_RATE); k++)
		if (NONPEOPLE_RATE[k] > 0)
			total += want[k] = poisson_ish(NONPEOPLE_RATE[k] / 4135.0);
	for (unsigned k = 0; total; k = (k + 1) % 12) {
		if (!want[k])
			continue;
		if (b.n < target)
			for (unsigned j = range(0, 3); j; j--)
				block(&b);
		nonpeople(&b, k);
		want[k]--, total--;
	}
	fill(&b, target);
	write_page(pi, &b);
	free(b.p);
}

/* ---- group pages ---- */
enum form { SLUG_POS, SLUG_NAMED, SC, ROLE, DEPS, GBS, DMEM, NFORMS };
static const char *const FORM_NAME[] = {"team-by-manager-slug positional",
	"team-by-manager-slug named", "engineering/stable-counterparts",
	"team-by-manager-role", "team-by-departments", "group-by-slugs",
	"department-members"};
/* calls per 80 people pages, 2025-12 */
static const int FORM_REAL[] = {32, 31, 35, 21, 18, 7, 1};
static unsigned n_form[NFORMS], n_markup, n_angle, n_sc_neither;

static void open_call(sbuf *b, bool markup, const char *name)
{
	sb_printf(b, "{{%c %s ", markup ? '%' : '<', name);
	n_markup += markup, n_angle += !markup;
}
static void close_call(sbuf *b, bool markup)
{
	sb_put(b, markup ? "%}}\n\n" : ">}}\n\n");
}

/* One people-table call of `form` for group g (gi < 0: a non-stages
 * team led by person `lead`). */
static void people_call(sbuf *b, enum form f, int gi, int lead,
			const char *dept, int nth)
{
	struct group *g = gi >= 0 ? &G[gi] : NULL;
	int em = g ? g->em : lead;
	if (nth > 0 && g) { /* another table on the page: a sibling team */
		if (nth == 1 && g->fem >= 0) {
			em = g->fem;
		} else {
			const struct stage *st = &S[g->stage];
			g = &G[st->g0 + (gi - st->g0 + nth) % st->ng];
			em = g->em;
		}
	} else if (nth > 0 && lead >= 0) { /* a peer manager */
		for (int i = lead + 1; i < np; i++)
			if (P[i].mgr == P[lead].mgr && P[i].nrep > 0 && --nth == 0) {
				em = i;
				break;
			}
	}
	const char *sn = g ? STAGE_DEF[g->stage].name : "";
	const char *gn = g ? g->name : dept;
	char sg[128];
	fmt(sg, sizeof sg, "%s:%s", sn, gn);
	const char *ems = em >= 0 ? P[em].slug : "former-manager";
	bool m;
	n_form[f]++;
	switch (f) {
	case SLUG_POS:
		open_call(b, false, "team-by-manager-slug");
		sb_printf(b, "\"%s\" ", chance(40) ? "departed-manager" : ems);
		close_call(b, false);
		break;
	case SLUG_NAMED: {
		m = chance(200);
		open_call(b, m, "team-by-manager-slug");
		unsigned v = g ? pick(10) : 0;
		switch (v) {
		case 0: sb_printf(b, "manager=\"%s\" ", ems); break;
		case 1: sb_printf(b, "manager=\"%s\" team=\"%s\" ", ems, sg); break;
		case 2: sb_printf(b, "manager=\"%s\" team=\"%s\" ", ems, gn); break;
		case 3: sb_printf(b, "manager=\"%s\" team=\"(Principal|%s)\" ", ems, gn); break;
		case 4: sb_printf(b, "manager=\"%s\" team=\"Engineer(.*)%s\" ", ems, sg); break;
		case 5: sb_printf(b, "manager=\"%s\" team=\"(?i)Engineer(.*)%s\" ", ems, sg); break;
		case 6: sb_printf(b, "manager=\"%s\" department=\"%s\" ", ems, g->be_tag); break;
		case 7: sb_printf(b, "manager=\"%s\" role=\"%s|%s\" ", ems, gn, sn); break;
		case 8: { /* wrong case: `like` is case-sensitive */
			char bad[128];
			fmt(bad, sizeof bad, "%s", sg);
			for (char *c = bad + 1; *c; c++)
				if (c[-1] == ':' || c[-1] == '-') {
					*c = (char)(*c >= 'a' && *c <= 'z' ? *c - 32
						    : *c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
					break;
				}
			sb_printf(b, "manager=\"%s\" team=\"%s\"", ems, bad);
			break;
		}
		default: sb_printf(b, "manager=\"%s\" team=\"%s(.*)\"", ems, gn); break;
		}
		close_call(b, m);
		break;
	}
	case SC: {
		m = chance(260);
		open_call(b, m, "engineering/stable-counterparts");
		unsigned v = pick(20);
		if (v < 8) { /* neither manager nor manager-role */
			n_sc_neither++;
			switch (v % 4) {
			case 0: sb_printf(b, "role=\"%s\" ", sg); break;
			case 1: sb_printf(b, "role=\"[&,] %s( API)?\" ", sg); break;
			case 2: sb_printf(b, "role=\"(Product Manager|Technical Writer|Software Engineer in Test|Security Engineer).*(%s|%s \\(%s)|%s\" ",
					  sg, sn, gn, sn); break;
			default: sb_printf(b, "role=\"%s\" other-manager-roles=\"Engineering Manager(.*)%s:(.*)|Director of Engineering(.*)%s\" ",
					   sn, sn, sn); break;
			}
		} else if (v < 17) {
			const char *emt = em >= 0 ? P[em].title : "Engineering Manager";
			switch (v % 3) {
			case 0: sb_printf(b, "manager-role=\"Engineering Manager(.*)%s\" role=\"%s\" ", sg, gn); break;
			case 1: sb_printf(b, "role=\"%s\" manager-role=\"%s, %s\" ", gn, emt, sg); break;
			default: sb_printf(b, "manager-role=\"Engineering Manager(.*)%s\" role=\"(.*)%s$|Product Manager(.*)%s Stage|Security(.*)%s|Principal(.*)%s$\" ",
					   sg, sg, sn, sn, sn); break;
			}
		} else if (v < 19) {
			sb_printf(b, "manager=\"%s\" role=\"[,&] %s|Principal Engineer, %s\" ", ems, gn, sn);
		} else { /* a role text given as the manager slug */
			sb_printf(b, "manager=\"Manager, %s\" role=\"(?i)%s|(?i)%s section\" ", sg, gn, sn);
		}
		close_call(b, m);
		break;
	}
	case ROLE: {
		const char *emt = em >= 0 ? P[em].title : "Engineering Manager";
		unsigned v = pick(21);
		open_call(b, false, "team-by-manager-role");
		if (v < 4)
			sb_printf(b, "\"Engineering Manager(.%c)%s\" ", v % 2 ? '+' : '*', sg);
		else if (v < 10)
			sb_printf(b, "role=\"Engineering Manager(.*)%s\" ", sg);
		else if (v < 13)
			sb_printf(b, "role=\"%s, %s\" team=\"%s\" ", emt, sg, gn);
		else if (v < 16)
			sb_printf(b, "role=\"Engineering(.*)Manager(.*)%s\" team=\"Engineer\" ", sg);
		else if (v < 18)
			sb_printf(b, "role=\"Senior Engineering Manager(.*)%s\" team=\".*(Frontend|Fullstack).*%s\" ", sg, sg);
		else if (v < 20)
			sb_printf(b, "role=\"Manager(.*)%s\" team=\"[,&] %s\" ", sg, sg);
		else
			sb_printf(b, "role = \"Engineering Manager(.*)%s\" team = \"%s\"", sg, gn);
		close_call(b, false);
		break;
	}
	case DEPS: {
		unsigned v = pick(6);
		m = v < 1;
		if (!g) {
			open_call(b, false, "team-by-departments");
			sb_printf(b, "\"%s\" ", dept);
			close_call(b, false);
			break;
		}
		if (v == 5) {
			sb_put(b, "{{<team-by-departments ");
			n_angle++;
		} else {
			open_call(b, m, "team-by-departments");
		}
		if (v < 3 || v == 5)
			sb_printf(b, "\"%s\" ", g->be_tag);
		else if (v == 3 && g->has_fe)
			sb_printf(b, "departments=\"%s,%s\" ", g->be_tag, g->fe_tag);
		else if (v == 3)
			sb_printf(b, "departments=\"%s,%s SRE\" ", g->be_tag, gn);
		else
			sb_printf(b, "departments=\"%s\"  ", g->be_tag);
		close_call(b, m);
		break;
	}
	case GBS: {
		open_call(b, false, "group-by-slugs");
		int n = g ? (int)range(1, 8) : 1;
		for (int i = 0; i < n; i++) {
			int who = g && g->neng ? g->eng[(i * 3 + 1) % g->neng] : em;
			if (i == 0 && g)
				who = g->pm;
			if (chance(60) || who < 0)
				sb_put(b, "former-member ");
			else
				sb_printf(b, "%s ", P[who].slug);
		}
		if (chance(300)) { /* "slug>}}" as on a real page */
			b->p[--b->n] = '\0';
			sb_put(b, ">}}\n\n");
		} else {
			close_call(b, false);
		}
		break;
	}
	case DMEM:
		open_call(b, false, "department-members");
		sb_put(b, "\"Merge Request Coach\" ");
		close_call(b, false);
		break;
	default:
		break;
	}
}

static void common_links(sbuf *b, const struct group *g, int style)
{
	char lbl[96];
	fmt(lbl, sizeof lbl, "%s", g->name);
	for (char *c = lbl; *c; c++)
		*c = (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
	char lblu[96];
	fmt(lblu, sizeof lblu, "%s", lbl);
	for (char *c = lblu; *c; c++)
		if (*c == ' ')
			*c = '+';
	char slack[160];
	unsigned ss = pick(80);
	if (ss < 45)
		fmt(slack, sizeof slack, "[#%s](https://gitlab.enterprise.slack.com/archives/C0%07X%X)",
			 g->channel, pick(0xFFFFFFF), pick(16));
	else if (ss < 65)
		fmt(slack, sizeof slack, "[#%s](https://gitlab.slack.com/archives/%s)",
			 g->channel, g->channel);
	else if (ss < 71)
		fmt(slack, sizeof slack, "[#%s](https://gitlab.slack.com/messages/%s)",
			 g->channel, g->channel);
	else
		fmt(slack, sizeof slack, "`#%s`", g->channel);
	if (style == 0) {
		sb_put(b, "## Common Links\n\n");
		sb_printf(b, "- Slack Channel: %s\n", slack);
		sb_printf(b, "- Slack Handle: `@%s`\n", g->key);
		sb_printf(b, "- Issue Tracker: [~group::%s](https://gitlab.com/dashboard/issues?sort=created_date&state=opened&label_name[]=group::%s)\n",
			  lbl, lblu);
		sb_printf(b, "- Team board: [%s](https://gitlab.com/groups/gitlab-org/-/boards/%u)\n\n",
			  g->name, range(1000000, 9999999));
	} else if (style == 1) {
		sb_put(b, "## Common Links\n\n| **Category** | **Handle** |\n|---|---|\n");
		sb_printf(b, "| GitLab Group Handle | [`@gitlab-org/%s`](https://gitlab.com/gitlab-org/%s) |\n",
			  g->dash, g->dash);
		sb_printf(b, "| Slack Channel | %s |\n", slack);
		sb_printf(b, "| Team Boards | [Team Board](https://gitlab.com/groups/gitlab-org/-/boards/%u) |\n",
			  range(1000000, 9999999));
		sb_printf(b, "| Issue Tracker | [gitlab-org/%s](https://gitlab.com/gitlab-org/%s/-/issues) |\n\n",
			  g->dash, g->dash);
	} else {
		sb_put(b, "## How to reach us\n\n");
		sb_printf(b, "- Slack Channel: %s\n", slack);
		sb_printf(b, "- Issue Tracker: [`~\"group::%s\"`](https://gitlab.com/groups/gitlab-org/-/issues/?label_name%%5B%%5D=group%%3A%%3A%s)\n\n",
			  lbl, lblu);
	}
	if (chance(350))
		sb_printf(b, "Our OKRs are tracked in [gitlab-com/gitlab-OKRs](https://gitlab.com/gitlab-com/gitlab-OKRs/-/issues/?label_name%%5B%%5D=group%%3A%%3A%s).\n\n",
			  lblu);
	if (chance(300))
		sb_printf(b, "### Organisational Labels\n\n- `~\"group::%s\"`\n- `~\"devops::%s\"`\n- `~\"section::%s\"`\n\n",
			  lbl, STAGE_DEF[g->stage].key, SECTION_DEF[S[g->stage].section][1]);
}

/* calls[] of one group page: forms in page order */
struct gpage {
	int gi, lead, page;
	const char *dept;
	int calls[12], ncalls;
};

static void group_page(struct gpage *gp)
{
	sbuf b = {0};
	int pi = gp->page;
	const struct group *g = gp->gi >= 0 ? &G[gp->gi] : NULL;
	char title[160];
	if (g) {
		unsigned v = pick(4);
		if (v == 0)
			fmt(title, sizeof title, "%s Group", g->name);
		else if (v == 1)
			fmt(title, sizeof title, "%s:%s Engineering Team",
				 STAGE_DEF[g->stage].name, g->name);
		else
			fmt(title, sizeof title, "%s Team", g->name);
	} else {
		fmt(title, sizeof title, "%s", gp->dept);
	}
	front_matter(&b, title, chance(690), 0);
	sb_printf(&b, "## %s\n\n", chance(500) ? "Vision" : "About us");
	paragraph(&b);
	if (g && chance(550))
		sb_printf(&b, "The %s group is part of the [%s stage](/handbook/product/categories/#%s-stage) "
			  "and works in `#%s` on Slack.\n\n", g->name,
			  STAGE_DEF[g->stage].name, S[g->stage].dash, g->channel);
	if (g && chance(800))
		common_links(&b, g, (int)pick(3));
	else
		paragraph(&b);
	bool sc_heading = false;
	sb_put(&b, chance(690) ? "## Team Members\n\n" : "### Who we are\n\n");
	if (chance(80)) /* a hand-written table first, as some real pages */
		sb_put(&b, "| Name | Role |\n| --- | --- |\n| (see below) | Engineer |\n\n");
	for (int c = 0; c < gp->ncalls; c++) {
		if (gp->calls[c] == SC && !sc_heading) {
			sb_put(&b, chance(900) ? "## Stable Counterparts\n\n"
					       : "### Counterparts\n\n");
			sb_put(&b, "The following members of other functional teams are our stable counterparts:\n\n");
			sc_heading = true;
		} else if (c > 0 && gp->calls[c] != SC) {
			char t[96];
			title_from(t, sizeof t, PICK(WORDS));
			sb_printf(&b, "### %s\n\n", t);
		}
		int nth = 0;
		for (int k = 0; k < c; k++)
			nth += gp->calls[k] == gp->calls[c];
		people_call(&b, (enum form)gp->calls[c], gp->gi, gp->lead, gp->dept, nth);
	}
	size_t target = draw_size();
	if (target < 4000)
		target = 4000 + target;
	/* a few non-people shortcodes, like other pages */
	if (chance(150))
		nonpeople(&b, 0);
	fill(&b, target);
	write_page(pi, &b);
	free(b.p);
}

/* ---- redirects ---- */
static void emit_redirects(sbuf *b, int ngp, struct gpage *gps)
{
	sb_put(b, "# Redirects for GitLab Pages (generated test checkout).\n#\n"
	       "# The template part turns front matter aliases into redirect lines;\n"
	       "# the static lines follow it.\n\n");
	sb_put(b, "{{ $aliases := newScratch -}}\n{{- range $p := .Site.Pages -}}\n"
	       "{{- $aliases.Add $p.RelPermalink $p.Aliases -}}\n{{- end -}}\n"
	       "{{- range $permalink, $redirects := $aliases.Values -}}\n"
	       "{{- range $r := $redirects }}\n{{ $r }} {{ $permalink }} 301\n"
	       "{{- end -}}\n{{- end }}\n\n");
	sb_put(b, "/handbook/*.html /handbook/:splat/ 301\n"
	       "/job-families/*.html /job-families/:splat/ 301\n");
	int lines301 = 2;
	/* stale stages.yml handbook paths: old stage dirs -> new ones */
	sb_put(b, "\n# DevOps handbook structure reorganization - remove 2026-03-02\n");
	for (size_t s = 0; s < NSTAGE && lines301 < 60; s++) {
		if (s % 3)
			continue;
		sb_printf(b, "/handbook/engineering/development/%s/%s/ /handbook/engineering/%s/%s/ 301\n",
			  STAGE_DEF[s].section, S[s].dash, STAGE_DEF[s].area, S[s].dash);
		sb_printf(b, "/handbook/engineering/development/%s/%s/* /handbook/engineering/%s/%s/:splat%s 301\n",
			  STAGE_DEF[s].section, S[s].dash, STAGE_DEF[s].area, S[s].dash,
			  s == 3 ? " " : "");
		lines301 += 2;
	}
	/* direct moves of group pages, a chain and an external target */
	sb_put(b, "\n# Group pages moved - remove 2025-09-30\n");
	for (int i = 0; i < ngp && lines301 < 90; i++) {
		if (gps[i].gi < 0 || i % 4)
			continue;
		struct group *g = &G[gps[i].gi];
		char cur[240];
		fmt(cur, sizeof cur, "%s", g->path);
		sb_printf(b, "/handbook/engineering/old/%s/%s/ /handbook/engineering/interim/%s/ 301\n",
			  S[g->stage].dash, g->dash, g->dash);
		sb_printf(b, "/handbook/engineering/interim/%s/ /handbook/%s/ 301\n", g->dash, cur);
		lines301 += 2;
	}
	sb_put(b, "/handbook/product/ux/technical-writing/fundamentals/ https://university.gitlab.com/courses/technical-writing-fundamentals 301\n");
	sb_put(b, "/handbook/it/end-user-services/onboarding101/faq/ /handbook/security/corporate/end-user-services/onboarding101/faq/\n");
	lines301++;
	/* the rest: moves between generated pages, by topic */
	static const char *const TOPIC[] = {"Security Logging pages reorg",
		"Product Dev pages reorg", "IT Team move to CorpSec",
		"Old Infrastructure Department moved", "Marketing restructure",
		"Support handbook cleanup", "Office of the CEO removal"};
	unsigned t = 0;
	while (lines301 < 175 && npages > 0) {
		if (lines301 % 12 == 0)
			sb_printf(b, "\n# %s - remove 2025-%02u-%02u\n",
				  TOPIC[t++ % COUNT(TOPIC)], range(1, 12), range(1, 28));
		const char *pp = pages[pick((size_t)npages)].path;
		size_t len = (size_t)url_len(pp);
		const char *slash = strchr(pp, '/');
		if (!slash || (size_t)(slash - pp) >= len) {
			lines301++; /* top-level page: count it anyway */
			sb_printf(b, "/handbook/%s-old/ /handbook/%.*s/ 301\n", PICK(WORDS),
				  (int)len, pp);
			continue;
		}
		bool splat = chance(250);
		sb_printf(b, "/handbook/%s%.*s/%s /handbook/%.*s/%s%s301\n",
			  PICK(((const char *const[]){"it", "engineering/infrastructure",
				"people-operations", "marketing/community"})),
			  (int)(len - (size_t)(slash - pp)), slash, splat ? "*" : "",
			  (int)len, pp, splat ? ":splat" : "", lines301 % 31 == 7 ? "  " : " ");
		lines301++;
	}
	sb_put(b, "\n");
}

/* ==================================================================== */
static bool parse_num(const char *s, unsigned long max, unsigned long *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s || *end || *s == '-' || v > max)
		return false;
	*out = (unsigned long)v;
	return true;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	unsigned long npg, npp;
	if (argc != 4 || !parse_num(argv[1], 2000000, &npg) || npg < 1 ||
	    !parse_num(argv[2], 5000000, &npp) || npp < 1) {
		fputs("usage: gen-handbook PAGES PEOPLE OUTDIR\n", stderr);
		return 2;
	}
	maxp = (int)npp, maxpages = (int)npg;
	outdir = argv[3];
	mkdirs(outdir);
	P = xmalloc((size_t)maxp * sizeof *P);
	pages = xmalloc((size_t)maxpages * sizeof *pages);
	sizes = calloc((size_t)maxpages, sizeof *sizes);
	if (!sizes)
		die("calloc");
	build_people();
	for (int i = 0; i < ngroups; i++)
		if (G[i].em < 0 || G[i].pm < 0 || leads_end >= maxp) {
			fprintf(stderr, "gen-handbook: %d people cannot staff the "
				"leads of all %d groups (500 or more can)\n", maxp, ngroups);
			return 2;
		}

	/* stages.yml handbook paths and page locations */
	for (int i = 0; i < ngroups; i++) {
		struct group *g = &G[i];
		struct stage *st = &S[g->stage];
		const char *area = STAGE_DEF[g->stage].area;
		if (!strcmp(area, "ai"))
			fmt(g->path, sizeof g->path, "engineering/ai/%s", g->dash);
		else
			fmt(g->path, sizeof g->path, "engineering/%s/%s/%s", area,
				 st->dash, g->dash);
		fmt(g->channel, sizeof g->channel, "g_%s", g->key);
		g->ncats = (char)(i % 2 ? 3 : 2);
		if (i % 3 == 0)
			g->ncats = (char)3;
	}

	/* pages: the root, areas and group pages first, then the rest */
	add_dir("", 0);
	reserve_page("_index.md", 0);
	unsigned long gpn = npg * 90 / 4000;
	if (gpn < 1)
		gpn = 1;
	if (gpn > npg / 3)
		gpn = npg / 3;
	struct gpage *gps = calloc(gpn ? gpn : 1, sizeof *gps);
	if (!gps)
		die("calloc");
	int ngp = 0;
	for (unsigned long k = 0; k < gpn; k++) {
		struct gpage *gp = &gps[ngp];
		char rel[400];
		int depth;
		gp->lead = -1;
		if (k < (unsigned long)ngroups) {
			/* spread over the groups when there are fewer pages */
			int gi = (int)(gpn >= (unsigned long)ngroups ? k
				       : k * (unsigned long)ngroups / gpn);
			struct group *g = &G[gi];
			gp->gi = gi;
			bool own_dir = gi % 9 < 5 || !strcmp(STAGE_DEF[g->stage].area, "ai");
			bool backend = gi % 11 == 6; /* code-review/backend/_index.md */
			/* intermediate _index.md pages */
			char dir[300];
			fmt(dir, sizeof dir, "%s", g->path);
			char *slash = strrchr(dir, '/');
			*slash = '\0';
			for (char *p = dir; ; p++) {
				if (*p == '/' || !*p) {
					char save = *p;
					*p = '\0';
					int dd = 0;
					for (char *q = dir; *q; q++)
						dd += *q == '/';
					if (find_dir(dir) < 0) {
						add_dir(dir, dd + 1);
						fmt(rel, sizeof rel, "%s/_index.md", dir);
						reserve_page(rel, dd + 1);
					}
					*p = save;
					if (!save)
						break;
				}
			}
			depth = 0;
			for (char *q = g->path; *q; q++)
				depth += *q == '/';
			if (backend) {
				fmt(rel, sizeof rel, "%s/_index.md", g->path);
				reserve_page(rel, depth + 1);
				add_dir(g->path, depth + 1);
				fmt(rel, sizeof rel, "%s/backend/_index.md", g->path);
				strcat(g->path, "/backend"); /* fits: paths < 120 */
				depth += 2;
			} else if (own_dir) {
				fmt(rel, sizeof rel, "%s/_index.md", g->path);
				add_dir(g->path, depth + 1);
				depth++;
			} else {
				fmt(rel, sizeof rel, "%s.md", g->path);
			}
			gp->page = reserve_page(rel, depth);
			g->page = gp->page;
			/* stages.yml handbook: exact, stale (redirected),
			 * anchored, full URL or with a leading slash */
			unsigned v = (unsigned)gi % 20;
			if (v < 12)
				fmt(g->hb, sizeof g->hb, "%s/", g->path);
			else if (v < 14)
				fmt(g->hb, sizeof g->hb, "/handbook/%s/", g->path);
			else if (v < 17 && g->stage % 3 == 0 &&
				 strcmp(STAGE_DEF[g->stage].area, "ai"))
				fmt(g->hb, sizeof g->hb, "engineering/development/%s/%s/%s/",
					 STAGE_DEF[g->stage].section, S[g->stage].dash,
					 strrchr(g->path, '/') + 1);
			else if (v < 18)
				fmt(g->hb, sizeof g->hb, "product/categories/#%s-group", g->dash);
			else if (v < 19)
				fmt(g->hb, sizeof g->hb, "https://handbook.gitlab.com/handbook/%s/",
					 g->path);
			else
				fmt(g->hb, sizeof g->hb, "engineering/old/%s/%s/",
					 S[g->stage].dash, g->dash);
		} else {
			/* teams outside stages.yml: marketing / support pages
			 * led by a non-R&D manager */
			static const char *const TEAMS[] = {"Developer Relations",
				"Contributor Success", "Developer Advocacy", "Community"};
			const char *tn = TEAMS[(k - (unsigned long)ngroups) % COUNT(TEAMS)];
			unsigned long extra = (k - (unsigned long)ngroups) / COUNT(TEAMS);
			char tq[96];
			if (extra)
				fmt(tq, sizeof tq, "%s %lu", tn, extra + 1);
			else
				fmt(tq, sizeof tq, "%s", tn);
			int lead = -1;
			for (int i = 0; i < np && lead < 0; i++)
				if (!strcmp(P[i].qual, tq) && P[i].nrep > 0)
					lead = i;
			char slug[96];
			slugify(slug, sizeof slug, tn, '-');
			int dd = find_dir("marketing");
			if (dd < 0) {
				add_dir("marketing", 1);
				reserve_page("marketing/_index.md", 1);
			}
			if (find_dir("marketing/developer-relations") < 0) {
				add_dir("marketing/developer-relations", 2);
				reserve_page("marketing/developer-relations/_index.md", 2);
			}
			if (extra)
				fmt(rel, sizeof rel, "marketing/developer-relations/%s-%lu.md",
				    slug, extra + 1);
			else
				fmt(rel, sizeof rel, "marketing/developer-relations/%s.md", slug);
			gp->gi = -1, gp->lead = lead, gp->dept = xstrdup(tq);
			gp->page = reserve_page(rel, 2);
		}
		if (gp->page >= 0)
			ngp++;
	}

	/* Assign shortcode calls to the group pages in the real proportions:
	 * every page gets one primary team table; leftover quota becomes
	 * extra tables on pages of the same form; counterparts go to
	 * distinct pages. */
	int quota[NFORMS];
	for (int f = 0; f < NFORMS; f++)
		quota[f] = (FORM_REAL[f] * ngp + 40) / 80;
	if (ngp > 0 && quota[DMEM] == 0 && ngp >= 20)
		quota[DMEM] = 1;
	{
		int prim[NFORMS] = {0}, total = 0;
		for (int f = 0; f < NFORMS; f++)
			if (f != SC)
				total += quota[f];
		/* primaries proportional to quotas, largest remainder */
		int given = 0;
		for (int f = 0; f < NFORMS; f++)
			if (f != SC && total) {
				prim[f] = quota[f] * ngp / total;
				given += prim[f];
			}
		given += quota[DMEM] - prim[DMEM];
		prim[DMEM] = quota[DMEM];
		for (int f = 0; given < ngp; f = (f + 1) % NFORMS)
			if (f != SC && f != DMEM && prim[f] < quota[f] + 1)
				prim[f]++, given++;
		/* non-stages pages take slug/departments/department-members */
		int *order = xmalloc((size_t)(ngp ? ngp : 1) * sizeof *order);
		int no = 0;
		for (int f = 0; f < NFORMS; f++)
			for (int j = 0; j < prim[f]; j++)
				order[no++] = f;
		for (int i = no - 1; i > 0; i--) { /* shuffle */
			int j = (int)pick((size_t)i + 1), t = order[i];
			order[i] = order[j], order[j] = t;
		}
		for (int i = 0; i < ngp; i++) {
			int f = order[i];
			if (gps[i].gi < 0 && f != SLUG_POS && f != DEPS && f != DMEM) {
				/* swap with a stage-group page holding a fitting form */
				for (int j = 0; j < ngp; j++)
					if (gps[j].gi >= 0 && (order[j] == SLUG_POS ||
							       order[j] == DEPS || order[j] == DMEM)) {
						order[i] = order[j], order[j] = f;
						break;
					}
			}
		}
		for (int i = 0; i < ngp; i++) {
			gps[i].calls[gps[i].ncalls++] = order[i];
			quota[order[i]]--;
		}
		free(order);
		/* extras: pages of the same form, a few carry several */
		for (int f = 0; f < NFORMS; f++)
			for (int tries = 0; quota[f] > 0 && f != SC && tries < 10000; tries++) {
				int i = (int)pick((size_t)ngp);
				if (gps[i].calls[0] != f || gps[i].ncalls >= 6 ||
				    (gps[i].gi < 0 && f != SLUG_POS && f != DEPS))
					continue;
				gps[i].calls[gps[i].ncalls++] = f;
				quota[f]--;
			}
		/* counterparts: one per page, on stage-group pages */
		for (int tries = 0; quota[SC] > 0 && tries < 10000; tries++) {
			int i = (int)pick((size_t)ngp);
			bool has = false;
			for (int c = 0; c < gps[i].ncalls; c++)
				has |= gps[i].calls[c] == SC;
			if (has || gps[i].gi < 0 || gps[i].ncalls >= 12)
				continue;
			gps[i].calls[gps[i].ncalls++] = SC;
			quota[SC]--;
		}
	}

	/* the other pages */
	int first_group_pages_end = npages;
	(void)first_group_pages_end;
	int dd_arch = -1;
	while (npages < maxpages) {
		if (chance(50)) { /* a design document */
			if (dd_arch < 0) {
				if (find_dir("engineering") < 0) {
					add_dir("engineering", 1);
					reserve_page("engineering/_index.md", 1);
				}
				if (find_dir("engineering/architecture") < 0) {
					add_dir("engineering/architecture", 2);
					reserve_page("engineering/architecture/_index.md", 2);
				}
				dd_arch = add_dir("engineering/architecture/design-documents", 3);
				reserve_page("engineering/architecture/design-documents/_index.md", 3);
				continue;
			}
			char rel[300];
			fmt(rel, sizeof rel,
				 "engineering/architecture/design-documents/%s-%s/_index.md",
				 PICK(WORDS), PICK(WORDS));
			reserve_page(rel, 4);
			continue;
		}
		unsigned u = pick(1000), acc = 0;
		int depth = 0;
		for (size_t k = 0; k < COUNT(DEPTHW); k++) {
			acc += DEPTHW[k];
			if (u < acc) {
				depth = (int)k;
				break;
			}
		}
		int d = get_dir(depth);
		if (npages >= maxpages)
			break;
		char rel[600];
		for (int tries = 0; tries < 20; tries++) {
			const char *w1 = PICK(WORDS), *w2 = PICK(WORDS);
			if (tries < 3 && chance(400))
				fmt(rel, sizeof rel, "%s%s%s.md", dirs[d].path,
					 *dirs[d].path ? "/" : "", w1);
			else
				fmt(rel, sizeof rel, "%s%s%s-%s.md", dirs[d].path,
					 *dirs[d].path ? "/" : "", w1, w2);
			if (reserve_page(rel, depth) >= 0)
				break;
		}
	}

	/* write pages: group pages from their recipes, others filler */
	bool *is_group = calloc((size_t)npages + 1, 1);
	if (!is_group)
		die("calloc");
	for (int i = 0; i < ngp; i++)
		is_group[gps[i].page] = true;
	int doc_page = -1;
	for (int i = 0; i < npages && doc_page < 0; i++)
		if (!is_group[i] && pages[i].depth >= 2)
			doc_page = i;
	for (int i = 0; i < npages; i++) {
		if (is_group[i])
			continue;
		if (i == doc_page) { /* shortcode docs with the comment form */
			sbuf b = {0};
			front_matter(&b, "Editing Team Pages", true, 0);
			paragraph(&b);
			nonpeople(&b, 11);
			fill(&b, 6000);
			write_page(i, &b);
			free(b.p);
			continue;
		}
		normal_page(i);
	}
	for (int i = 0; i < ngp; i++)
		group_page(&gps[i]);

	/* data/public and layouts */
	sbuf b = {0};
	emit_team(&b);
	write_file("data/public/team.yml", &b);
	long long team_bytes = (long long)b.n;
	b.n = 0;
	emit_stages(&b);
	write_file("data/public/stages.yml", &b);
	b.n = 0;
	emit_sections(&b);
	write_file("data/public/sections.yml", &b);
	b.n = 0;
	emit_categories(&b);
	write_file("data/public/categories.yml", &b);
	b.n = 0;
	emit_redirects(&b, ngp, gps);
	write_file("layouts/index.redirects", &b);
	free(b.p);

	printf("pages=%d people=%d group_pages=%d bytes=%lld\n", npages, np, ngp,
	       page_bytes);
	if (getenv("GEN_HANDBOOK_STATS")) {
		size_t *s = xmalloc((size_t)npages * sizeof *s);
		memcpy(s, sizes, (size_t)npages * sizeof *s);
		qsort(s, (size_t)npages, sizeof *s, cmp_size);
		int idx = 0, dep[8] = {0};
		for (int i = 0; i < npages; i++) {
			const char *p = pages[i].path;
			size_t l = strlen(p);
			idx += l >= 9 && !strcmp(p + l - 9, "_index.md");
			dep[pages[i].depth < 7 ? pages[i].depth : 7]++;
		}
		fprintf(stderr, "mean=%.0f median=%zu p10=%zu p90=%zu max=%zu "
			"index_pages=%d team_yml_bytes=%lld bytes_per_person=%.0f "
			"groups=%d stages=%zu sections=%zu categories=%d\n",
			(double)page_bytes / npages, s[npages / 2], s[npages / 10],
			s[npages * 9 / 10], s[npages - 1], idx, team_bytes,
			(double)team_bytes / np, ngroups, NSTAGE, NSEC, ncategories);
		fprintf(stderr, "depth:");
		for (int i = 0; i < 8; i++)
			fprintf(stderr, " %d=%d", i, dep[i]);
		fputc('\n', stderr);
		for (int f = 0; f < NFORMS; f++)
			fprintf(stderr, "%-34s %u\n", FORM_NAME[f], n_form[f]);
		fprintf(stderr, "stable-counterparts without manager/manager-role %u\n"
			"people calls {{< %u, {{%% %u\n", n_sc_neither, n_angle, n_markup);
		for (size_t k = 0; k < COUNT(NONPEOPLE_NAME); k++)
			fprintf(stderr, "%-34s %u\n", NONPEOPLE_NAME[k], n_nonpeople[k]);
		free(s);
	}
	return 0;
}

/* gen-roster: write a deterministic, GitLab-shaped synthetic organisation
 * (OUTDIR/team.yml and OUTDIR/groups.yml) for teamtui benchmarks.
 * Usage: gen-roster PEOPLE GROUPS OUTDIR [SEED]        (libc + POSIX only) */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define SNP(b, ...) snprintf(b, sizeof b, __VA_ARGS__)

/* Each person has its own xorshift stream seeded from (seed, index), so
 * anyone (e.g. a manager) can be regenerated on demand and the file order
 * can be shuffled without changing anybody's attributes. */
static uint64_t splitmix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x ? x : 1; /* xorshift state must never be zero */
}
static uint64_t xs(uint64_t *s)
{
	uint64_t x = *s;
	x ^= x >> 12, x ^= x << 25, x ^= x >> 27;
	*s = x;
	return x * 0x2545f4914f6cdd1dULL;
}
static unsigned pick(uint64_t *s, size_t n)
{
	return (unsigned)((xs(s) >> 32) % n);
}
#define PICK(r, a) ((a)[pick(r, COUNT(a))])
static bool chance(uint64_t *s, unsigned per_mille)
{
	return pick(s, 1000) < per_mille;
}

#include "gen-roster-data.h"

#define NDEPT COUNT(DEPTS)
#define TEAM 12 /* other-staff team: 1 manager + 11 reports */

/* The roster index space is laid out in blocks, in this order. */
enum kind { K_CEO, K_SVP, K_DIR, K_FVP, K_FM, K_DVP, K_EM, K_CP, K_ENG, K_OTH };
struct org {
	unsigned long n, ngr, nsec, nst, per, extra;
	unsigned long o[K_OTH + 1]; /* first index of each kind's block */
	uint64_t seed;
};
struct person {
	enum kind k;
	unsigned long i, a; /* a: section/stage/group, or other-staff offset */
	unsigned b;         /* function or department */
	bool vacancy, hidden;
	uint64_t rng;
	char name[136], slug[160], handle[96];
};

/* Display names unique for any count: "Dev", ..., "Dev 2"; groups always
 * carry their number so every group name (and role suffix) is distinct. */
static void label(char *buf, size_t n, const char *const *base, size_t nb,
		  unsigned long i, bool num)
{
	if (num)
		snprintf(buf, n, "%s %lu", base[i % nb], i + 1);
	else if (i < nb)
		snprintf(buf, n, "%s", base[i]);
	else
		snprintf(buf, n, "%s %lu", base[i % nb], i / nb + 1);
}
#define SEC(b, i) label(b, sizeof b, SECTIONS, COUNT(SECTIONS), i, false)
#define STG(b, i) label(b, sizeof b, STAGES, COUNT(STAGES), i, false)
#define GRP(b, i) label(b, sizeof b, GROUPS, COUNT(GROUPS), i, true)

/* Lower-case ASCII; other runs become one separator (or vanish if sep==0). */
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
/* Split a "Display|ascii" table entry. */
static void name_parts(const char *e, char *disp, char *ascii, size_t n)
{
	const char *bar = strchr(e, '|');
	snprintf(disp, n, "%.*s", (int)(bar ? bar - e : (long)strlen(e)), e);
	slugify(ascii, n, bar ? bar + 1 : e, bar ? '-' : 0);
}

static unsigned long stage_of(const struct org *g, unsigned long grp)
{
	return grp * g->nst / g->ngr;
}
static unsigned long section_of(const struct org *g, unsigned long st)
{
	return st * g->nsec / g->nst;
}

static void make_person(const struct org *g, unsigned long i,
			struct person *p)
{
	memset(p, 0, sizeof *p);
	p->i = i;
	p->k = K_CEO;
	while (p->k < K_OTH && i >= g->o[p->k + 1])
		p->k++;
	unsigned long off = i - g->o[p->k];
	if (p->k == K_FM || p->k == K_CP) { /* 3 functions per stage/group */
		p->a = off / 3, p->b = (unsigned)(off % 3);
	} else if (p->k == K_FVP || p->k == K_DVP) {
		p->b = (unsigned)off;
	} else if (p->k == K_ENG) { /* first `extra` groups get one more */
		unsigned long big = g->extra * (g->per + 1);
		p->a = off < big ? off / (g->per + 1)
				 : g->extra + (off - big) / g->per;
	} else {
		p->a = off;
		p->b = (unsigned)(off / TEAM % NDEPT); /* K_OTH only */
	}
	p->rng = splitmix(g->seed ^ splitmix(i));
	char d1[64], a1[64], d2[64], a2[64];
	if (chance(&p->rng, 60)) {
		name_parts(PICK(&p->rng, CJK), p->name, a1, sizeof a1);
		const char *given = strchr(a1, '-'); /* "family-given" */
		SNP(p->slug, "%s-%lu", a1, i);
		SNP(p->handle, "%.1s%s%lu", a1, given ? given + 1 : a1, i);
	} else {
		name_parts(PICK(&p->rng, FIRST), d1, a1, sizeof d1);
		name_parts(PICK(&p->rng, LAST), d2, a2, sizeof d2);
		SNP(p->name, "%s %s", d1, d2);
		SNP(p->slug, "%s-%s-%lu", a1, a2, i);
		SNP(p->handle, "%.1s%s%lu", a1, a2, i);
	}
	/* Only leaves are vacant; EMs stay public so each manager-role
	 * regex has exactly one target. */
	bool leaf = p->k == K_ENG || (p->k == K_OTH && p->a % TEAM != 0);
	p->vacancy = chance(&p->rng, 24) && leaf;
	p->hidden = chance(&p->rng, 10) && !p->vacancy && p->k != K_EM;
	if (p->vacancy)
		SNP(p->slug, "vacancy-%lu", i);
}

static long manager_of(const struct org *g, const struct person *p)
{
	const unsigned long *o = g->o;
	switch (p->k) {
	case K_CEO: return -1;
	case K_SVP: case K_FVP: case K_DVP: return 0;
	case K_DIR: return (long)(o[K_SVP] + section_of(g, p->a));
	case K_FM: return (long)(o[K_FVP] + p->b);
	case K_EM: return (long)(o[K_DIR] + stage_of(g, p->a));
	case K_CP: return (long)(o[K_FM] + stage_of(g, p->a) * 3 + p->b);
	case K_ENG: return (long)(o[K_EM] + p->a);
	case K_OTH: break;
	}
	if (p->a % TEAM == 0)
		return (long)(o[K_DVP] + p->b);
	return (long)(o[K_OTH] + p->a - p->a % TEAM);
}

/* YAML output: plain when obviously safe, otherwise double-quoted. */
static bool plain_ok(const char *s)
{
	static const char *const reserved[] = {"true", "false", "yes", "no",
		"on", "off", "null", "y", "n"};
	const unsigned char *p = (const unsigned char *)s;
	if (*p < 0x80 && !((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
		return false;
	for (; *p; p++)
		if (*p < 0x80 && !((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z') &&
		    !(*p >= '0' && *p <= '9') && !strchr(" ._/-()'&+", *p))
			return false;
	if (p[-1] == ' ')
		return false;
	for (size_t k = 0; k < COUNT(reserved); k++)
		if (strcasecmp(s, reserved[k]) == 0)
			return false;
	return true;
}
static void put_quoted(FILE *f, const char *s)
{
	putc('"', f);
	for (;;) { /* copy safe runs in one fwrite: this is the hot path */
		size_t run = 0;
		while ((unsigned char)s[run] >= 0x20 && s[run] != '"' &&
		       s[run] != '\\' && s[run] != 0x7f)
			run++;
		fwrite(s, 1, run, f);
		s += run;
		if (!*s)
			break;
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else
			fprintf(f, "\\x%02x", (unsigned)(unsigned char)*s);
		s++;
	}
	putc('"', f);
}
/* `lead` is everything before the value: "  name: " or "  - ". */
static void kv(FILE *f, const char *lead, const char *v)
{
	fputs(lead, f);
	if (plain_ok(v))
		fputs(v, f);
	else
		put_quoted(f, v);
	putc('\n', f);
}

static void emit_person(FILE *f, const struct org *g, struct person *p)
{
	char title[96], sfx[160] = "", d1[64], d2[192] = "", div[32] = "";
	char spec[32] = "", st[48], gr[48], fam[96], anc[96], dsl[32];
	char role[512], buf[1024];
	uint64_t *r = &p->rng;
	unsigned k = p->b, lvl; /* draws in separate statements: argument
				* evaluation order differs between compilers */
	const char *base;
	STG(st, p->k == K_DIR || p->k == K_FM ? p->a : stage_of(g, p->a));
	SNP(d1, "Engineering Function");
	switch (p->k) {
	case K_CEO:
		SNP(title, "Chief Executive Officer"), SNP(d1, "CEO");
		SNP(div, "CEO");
		break;
	case K_SVP:
		SNP(title, "VP of Engineering"), SEC(sfx, p->a);
		SNP(d2, "%s Section", sfx);
		break;
	case K_DIR:
		SNP(title, "Director of Engineering"), SNP(sfx, "%s", st);
		SNP(d2, "%s Stage", st);
		break;
	case K_FVP: case K_FM:
		SNP(title, "%s", FNS[k][p->k == K_FM]);
		SNP(d1, "%s", FNS[k][3]), SNP(div, "%s", FNS[k][4]);
		if (p->k == K_FM)
			SNP(sfx, "%s", st), SNP(d2, "%s Stage", st);
		break;
	case K_DVP: case K_OTH:
		if (p->k == K_DVP) {
			SNP(title, "%s", DEPTS[k][2]);
		} else if (p->a % TEAM == 0) {
			SNP(title, "%s", DEPTS[k][3]);
		} else {
			lvl = pick(r, 2);
			SNP(title, "%s%s", LEVEL[lvl], DEPTS[k][4 + pick(r, 2)]);
		}
		SNP(d1, "%s", DEPTS[k][0]), SNP(div, "%s", DEPTS[k][1]);
		break;
	case K_EM: case K_CP: case K_ENG:
		GRP(gr, p->a);
		SNP(sfx, "%s:%s", st, gr), SNP(d2, "%s Stage", st);
		SNP(spec, "%s", GROUPS[p->a % COUNT(GROUPS)]);
		if (p->k == K_EM) {
			SNP(title, "%s", PICK(r, EMT));
		} else if (p->k == K_ENG) { /* 10% Staff, else even split */
			lvl = pick(r, 10) ? pick(r, 2) : 2;
			SNP(title, "%s%s", LEVEL[lvl], PICK(r, ENGT));
		} else {
			SNP(title, "%s%s", LEVEL[pick(r, 3)], FNS[k][2]);
			SNP(d1, "%s", FNS[k][3]), SNP(div, "%s", FNS[k][4]);
		}
		break;
	}
	if (!div[0])
		SNP(div, "Engineering");
	/* Job-family URL like GitLab's: family drops the seniority prefix. */
	base = title;
	for (size_t l = 1; l < COUNT(LEVEL); l++)
		if (!strncmp(title, LEVEL[l], strlen(LEVEL[l])))
			base = title + strlen(LEVEL[l]);
	slugify(fam, sizeof fam, base, '-');
	slugify(anc, sizeof anc, title, '-');
	slugify(dsl, sizeof dsl, div, '-');
	SNP(role, "<a href=\"/job-families/%s/%s/#%s\">%s</a>%s%s", dsl, fam,
	    anc, title, sfx[0] ? ", " : "", sfx);

	fprintf(f, "- slug: %s\n  type: %s\n", p->slug,
		p->vacancy ? "vacancy" : "person");
	kv(f, "  name: ", p->vacancy ? "Open Position" : p->name);
	kv(f, "  role: ", role);
	kv(f, "  job_title: ", title);
	long m = manager_of(g, p);
	if (chance(r, 100) && m >= 0) { /* dangling: index >= n is unused */
		name_parts(PICK(r, LAST), buf, anc, sizeof anc);
		fprintf(f, "  reports_to: former-%s-%lu\n", anc, g->n + p->i);
	} else if (m >= 0) {
		struct person mp;
		make_person(g, (unsigned long)m, &mp);
		fprintf(f, "  reports_to: %s\n", mp.slug);
	}
	if (!p->vacancy)
		fprintf(f, "  gitlab: %s\n", p->handle);
	fputs("  departments:\n", f);
	kv(f, "  - ", d1);
	if (d2[0])
		kv(f, "  - ", d2);
	kv(f, "  division: ", div);
	if (spec[0])
		kv(f, "  specialty: ", spec);
	if (p->vacancy)
		return;
	if (chance(r, 500)) {
		size_t o = 0;
		unsigned e = pick(r, COUNT(EXPERT)), ne = 1 + pick(r, 3);
		for (unsigned j = 0; j < ne; j++) /* distinct items */
			o += (size_t)snprintf(buf + o, sizeof buf - o,
				"<li>%s</li>", EXPERT[(e + j) % COUNT(EXPERT)]);
		kv(f, "  expertise: ", buf);
		if (chance(r, 500)) {
			unsigned a = pick(r, COUNT(SKILLS));
			unsigned b = (a + 1 + pick(r, 5)) % COUNT(SKILLS);
			fprintf(f, "  domain_expertise: [%s, %s]\n", SKILLS[a],
				SKILLS[b]);
		}
	}
	if ((p->k == K_ENG || p->k == K_EM) && chance(r, 500)) {
		unsigned a = pick(r, COUNT(PROJECTS)), np = 1 + pick(r, 2);
		fputs("  projects:\n", f);
		for (unsigned j = 0; j < np; j++)
			fprintf(f, "    %s: %s\n", PROJECTS[(a + j) %
				COUNT(PROJECTS)], PICK(r, PROJROLE));
	}
	const char *const *l = LOCS[pick(r, COUNT(LOCS))];
	kv(f, "  locality: ", l[0]);
	kv(f, "  country: ", l[1]);
	if (pick(r, 5))
		kv(f, "  pronouns: ", PICK(r, PRONOUNS));
	kv(f, "  timezone: ", l[2]);
	if (p->hidden)
		fputs("  public: false\n", f);
}

/* Escape regex metacharacters (ERE and PCRE2) so names match literally. */
static void rx_escape(char *out, size_t n, const char *s)
{
	size_t o = 0;
	for (; *s && o + 2 < n; s++) {
		if (strchr(".[]()*+?{}|^$\\", *s))
			out[o++] = '\\';
		out[o++] = *s;
	}
	out[o] = '\0';
}

static void emit_groups(FILE *f, const struct org *g)
{
	char nm[48], id[48], st[48], sid[48], sec[48], secid[48];
	char sx[96], gx[96], rx[256], lbl[48];
	fputs("sections:\n", f);
	for (unsigned long s = 0; s < g->nsec; s++) {
		SEC(nm, s), slugify(id, sizeof id, nm, '-');
		fprintf(f, "  %s: {name: %s}\n", id, nm);
	}
	fputs("stages:\n", f);
	for (unsigned long s = 0; s < g->nst; s++) {
		STG(nm, s), slugify(id, sizeof id, nm, '-');
		SEC(sec, section_of(g, s));
		slugify(secid, sizeof secid, sec, '-');
		fprintf(f, "  %s: {name: %s, section: %s}\n", id, nm, secid);
	}
	fputs("groups:\n", f);
	for (unsigned long i = 0; i < g->ngr; i++) {
		struct person em;
		make_person(g, g->o[K_EM] + i, &em);
		GRP(nm, i), slugify(id, sizeof id, nm, '-');
		STG(st, stage_of(g, i)), slugify(sid, sizeof sid, st, '-');
		SEC(sec, section_of(g, stage_of(g, i)));
		slugify(secid, sizeof secid, sec, '-');
		slugify(lbl, sizeof lbl, nm, ' ');
		fprintf(f, "  %s:\n", id);
		kv(f, "    name: ", nm);
		fprintf(f, "    stage: %s\n", sid);
		snprintf(rx, sizeof rx, "The %s group owns \"%s\" features in"
			 " the %s stage — see the handbook.", nm,
			 GROUPS[i % COUNT(GROUPS)], st);
		kv(f, "    description: ", rx);
		fprintf(f, "    handbook: https://handbook.example.com/"
			"handbook/engineering/%s/%s/%s/\n", secid, sid, id);
		fprintf(f, "    team-by-manager-slug: {manager: %s}\n",
			em.slug);
		/* Roles end in STAGE:GROUP; "(,|$)" keeps "Runner 1" from
		 * also matching "Runner 12" (or "Runner 1, ..." follow-ons). */
		rx_escape(sx, sizeof sx, st), rx_escape(gx, sizeof gx, nm);
		fputs("    stable-counterparts:\n      manager-role: ", f);
		snprintf(rx, sizeof rx, "Engineering Manager(.*)%s:%s(,|$)",
			 sx, gx);
		put_quoted(f, rx);
		fputs("\n      role: ", f);
		snprintf(rx, sizeof rx, "%s:%s(,|$)", sx, gx);
		put_quoted(f, rx);
		slugify(rx, sizeof rx, nm, '_');
		fprintf(f, "\n    channels: [\"#g_%s\"]\n", rx);
		fprintf(f, "    labels: [\"group::%s\", \"devops::%s\", "
			"\"section::%s\"]\n", lbl, sid, secid);
		fprintf(f, "    links: [{title: Issue tracker, url: \"https:"
			"//gitlab.example.com/groups/gitlab-org/-/issues?"
			"label_name[]=group::%s\"}]\n", lbl);
		fprintf(f, "    okrs: {project: gitlab-com/gitlab-OKRs, "
			"labels: [\"group::%s\"]}\n", lbl);
	}
}

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

/* GitLab's file is not in hierarchy order: shuffle, so reports_to often
 * points forward and the loader cannot rely on managers coming first. */
static void emit_team(FILE *f, const struct org *g)
{
	uint32_t *order = malloc(g->n * sizeof *order + 1);
	if (!order) {
		perror("malloc");
		exit(1);
	}
	for (unsigned long i = 0; i < g->n; i++)
		order[i] = (uint32_t)i;
	uint64_t r = splitmix(g->seed * 2 + 1);
	for (unsigned long i = g->n; i > 1; i--) {
		unsigned long j = (unsigned long)(xs(&r) % i);
		uint32_t t = order[i - 1];
		order[i - 1] = order[j], order[j] = t;
	}
	for (unsigned long i = 0; i < g->n; i++) {
		struct person p;
		make_person(g, order[i], &p);
		emit_person(f, g, &p);
	}
	free(order);
}

/* Write DIR/NAME with emit(); returns its size in bytes, exits on error. */
static long long write_out(const char *dir, const char *name, char *path,
			   void (*emit)(FILE *, const struct org *),
			   const struct org *g)
{
	snprintf(path, 4096, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(1);
	}
	setvbuf(f, NULL, _IOFBF, 1 << 20); /* 100k people are ~55 MB */
	emit(f, g);
	long long bytes = (long long)ftello(f);
	if (ferror(f) | fclose(f)) { /* not ||: fclose must always run */
		perror(path);
		exit(1);
	}
	return bytes;
}

int main(int argc, char **argv)
{
	struct org g = {.seed = 1};
	unsigned long seed = 1; /* g.seed is 64-bit even where long is not */
	if (argc < 4 || argc > 5 || !parse_num(argv[1], 50000000, &g.n) ||
	    !parse_num(argv[2], 1000000, &g.ngr) || g.ngr == 0 ||
	    (argc == 5 && !parse_num(argv[4], (unsigned long)-1, &seed))) {
		fputs("usage: gen-roster PEOPLE GROUPS OUTDIR [SEED]\n",
		      stderr);
		return 2;
	}
	g.seed = seed;
	g.nsec = g.ngr / 20 < 3 ? 3 : g.ngr / 20;
	g.nst = g.ngr / 5 < 6 ? 6 : g.ngr / 5;
	const unsigned long size[K_ENG] = {1, g.nsec, g.nst, 3, 3 * g.nst,
		NDEPT, g.ngr, 3 * g.ngr};
	for (int k = K_SVP; k <= K_ENG; k++)
		g.o[k] = g.o[k - 1] + size[k - 1];
	if (g.n < g.o[K_ENG]) {
		fprintf(stderr, "gen-roster: %lu groups need at least %lu "
			"people\n", g.ngr, g.o[K_ENG]);
		return 2;
	}
	/* ~PEOPLE/(2*GROUPS) engineers per group; the rest is non-R&D. */
	unsigned long eng = g.n / (2 * g.ngr) * g.ngr, room = g.n - g.o[K_ENG];
	eng = eng < room ? eng : room;
	g.per = eng / g.ngr, g.extra = eng % g.ngr;
	g.o[K_OTH] = g.o[K_ENG] + eng;
	if (mkdir(argv[3], 0777) != 0 && errno != EEXIST) {
		perror(argv[3]);
		return 1;
	}

	char tpath[4096], gpath[4096];
	long long tbytes = write_out(argv[3], "team.yml", tpath, emit_team, &g);
	long long gbytes = write_out(argv[3], "groups.yml", gpath, emit_groups,
				     &g);

	char nm[48], id[48];
	struct person em, ceo;
	GRP(nm, 0), slugify(id, sizeof id, nm, '-');
	make_person(&g, g.o[K_EM], &em);
	make_person(&g, g.o[K_CEO], &ceo); /* the top of the org */
	printf("people=%lu groups=%lu file=%s bytes=%lld\n", g.n, g.ngr, tpath,
	       tbytes);
	printf("first_group=%s first_manager=%s groups_file=%s "
	       "groups_bytes=%lld ceo=%s\n", id, em.slug, gpath, gbytes,
	       ceo.slug);
	return 0;
}

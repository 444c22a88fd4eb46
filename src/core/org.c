/* org.c: the subtree under a person over the direct-reports index, built
 * with an explicit stack and summed bottom-up in reverse pre-order. */
#include "teamtui/org.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The rule table of org_classify_role (org.h says it in prose: keep the
 * two together). First match wins. */
enum {
	RULE_EXACT_CASE = 1, /* an abbreviation: "SET", not "set" */
	/* the whole title, but for seniority words before it ("Manager",
	 * "Senior Manager", "Group Manager": GitLab's "Manager, Support") */
	RULE_WHOLE_TITLE = 2,
};
static const struct org_rule {
	const char *phrase;
	int flags;
	org_kind kind;
} rules[] = {
    {"Product Manager", 0, ORG_PRODUCT},
    {"Engineering Manager", 0, ORG_MANAGER},
    {"Design Manager", 0, ORG_MANAGER},
    {"UX Manager", 0, ORG_MANAGER},
    {"Research Manager", 0, ORG_MANAGER},
    {"Writing Manager", 0, ORG_MANAGER},
    {"Manager", RULE_WHOLE_TITLE, ORG_MANAGER},
    {"Director", 0, ORG_MANAGER},
    {"VP", RULE_EXACT_CASE, ORG_MANAGER},
    {"Vice President", 0, ORG_MANAGER},
    {"Head of", 0, ORG_MANAGER},
    {"Chief", 0, ORG_MANAGER},
    {"Software Engineer in Test", 0, ORG_QUALITY},
    {"SET", RULE_EXACT_CASE, ORG_QUALITY},
    {"SDET", RULE_EXACT_CASE, ORG_QUALITY},
    {"Quality", 0, ORG_QUALITY},
    {"Designer", 0, ORG_DESIGN},
    {"UX", RULE_EXACT_CASE, ORG_DESIGN},
    {"Technical Writer", 0, ORG_WRITER},
    {"Writer", 0, ORG_WRITER},
    {"Developer Advocate", 0, ORG_OTHER},
    {"Engineer", 0, ORG_ENGINEER},
    {"Developer", 0, ORG_ENGINEER},
    {"Engineering Fellow", 0, ORG_ENGINEER},
};

/* The words RULE_WHOLE_TITLE lets stand before its phrase. */
static const char *const seniority[] = {
    "Associate", "Intermediate", "Junior", "Senior", "Staff", "Principal",
    "Distinguished", "Group", "Lead",
};

/* Letters, digits, and any byte of a UTF-8 sequence, make words. */
static bool is_word(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c >= 0x80;
}

static unsigned char lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* Does s[0..n) start with phrase, ending at a word's end? */
static bool phrase_at(const char *s, size_t n, const char *phrase, bool exact)
{
	size_t m = 0;
	for (; phrase[m]; m++) {
		if (m == n)
			return false;
		unsigned char a = (unsigned char)s[m], b = (unsigned char)phrase[m];
		if (exact ? a != b : lower(a) != lower(b))
			return false;
	}
	return m == n || !is_word((unsigned char)s[m]);
}

enum { MAX_WORDS = 32 };

/* The title's words: their offsets (at most MAX_WORDS: the rest of a
 * longer title is not read). */
static size_t words_of(const char *s, size_t n, size_t *at)
{
	size_t k = 0;
	for (size_t i = 0; i < n && k < MAX_WORDS; i++)
		if (is_word((unsigned char)s[i]) &&
		    (!i || !is_word((unsigned char)s[i - 1])))
			at[k++] = i;
	return k;
}

static bool is_seniority(const char *w, size_t n)
{
	for (size_t i = 0; i < sizeof(seniority) / sizeof(*seniority); i++)
		if (phrase_at(w, n, seniority[i], false))
			return true;
	return false;
}

static bool rule_matches(const struct org_rule *r, const char *s, size_t n,
			 const size_t *at, size_t nw)
{
	bool exact = r->flags & RULE_EXACT_CASE;
	if (r->flags & RULE_WHOLE_TITLE) {
		size_t k = 0;
		while (k + 1 < nw && is_seniority(s + at[k], n - at[k]))
			k++;
		if (k >= nw || !phrase_at(s + at[k], n - at[k], r->phrase, exact))
			return false;
		size_t end = at[k] + strlen(r->phrase); /* nothing after it */
		while (end < n && !is_word((unsigned char)s[end]))
			end++;
		return end == n;
	}
	for (size_t k = 0; k < nw; k++)
		if (phrase_at(s + at[k], n - at[k], r->phrase, exact))
			return true;
	return false;
}

org_kind org_classify_role(const char *role)
{
	if (!role)
		return ORG_OTHER;
	size_t n = strcspn(role, ","), at[MAX_WORDS]; /* the title */
	size_t nw = words_of(role, n, at);
	for (size_t i = 0; i < sizeof(rules) / sizeof(*rules); i++)
		if (rule_matches(&rules[i], role, n, at, nw))
			return rules[i].kind;
	return ORG_OTHER;
}

org_kind org_classify(const person *p)
{
	if (p->role && *p->role)
		return org_classify_role(p->role);
	return org_classify_role(p->job_title);
}

const char *org_kind_name(org_kind k, size_t n)
{
	static const char *const one[ORG_NKINDS] = {
	    "engineer", "manager", "product", "design", "quality", "writer", "other"};
	static const char *const many[ORG_NKINDS] = {
	    "engineers", "managers", "product", "design", "quality", "writers", "other"};
	if ((unsigned)k >= ORG_NKINDS)
		k = ORG_OTHER;
	return n == 1 ? one[k] : many[k];
}

void org_free(org_tree *t)
{
	if (!t)
		return;
	free(t->nodes);
	free(t->mix);
	free(t);
}

uint32_t org_mix(const org_tree *t, const org_node *nd, int k)
{
	return nd->mix_row == ORG_NONE ? 0 : t->mix[nd->mix_row][k];
}

/* What org_build remembers of the kinds it found. */
struct kind_memo {
	/* by distinct role (role_id): the kind + 1 of that role's people
	 * (equal role_html, equal plain role), KIND_BY_PERSON when that role
	 * reads as empty (each person's job title decides), 0 unknown */
	unsigned char *by_role;
	/* by title (a role's text before its comma; many roles, few titles):
	 * open addressing, `cap` a power of two */
	const char **title;
	size_t *len, n, cap;
	unsigned char *kind;
};

enum { KIND_UNKNOWN = 0, KIND_BY_PERSON = 0xFF };

static size_t title_hash(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037u; /* FNV-1a */
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return (size_t)h;
}

/* org_classify_role(role), by its title; remembered while there is room */
static org_kind title_kind(struct kind_memo *m, const char *role)
{
	size_t n = strcspn(role, ",");
	if (!m->cap)
		return org_classify_role(role);
	size_t i = title_hash(role, n) & (m->cap - 1);
	for (; m->title[i]; i = (i + 1) & (m->cap - 1))
		if (m->len[i] == n && !memcmp(m->title[i], role, n))
			return (org_kind)m->kind[i];
	org_kind k = org_classify_role(role);
	if (m->n < m->cap / 2) {
		m->title[i] = role;
		m->len[i] = n;
		m->kind[i] = (unsigned char)k;
		m->n++;
	}
	return k;
}

/* org_classify(p), each distinct role and title once. A role whose kind
 * is known costs no look at its text: on a 100,000-person roster mapped
 * from a snapshot, that is a cache miss saved per person. */
static org_kind kind_of(const person *p, struct kind_memo *m)
{
	if (!m->by_role || p->role_id < 0)
		return p->role && *p->role ? title_kind(m, p->role) : org_classify(p);
	unsigned char *k = &m->by_role[p->role_id];
	if (*k == KIND_UNKNOWN)
		*k = p->role && *p->role ? (unsigned char)(title_kind(m, p->role) + 1)
					 : KIND_BY_PERSON;
	return *k == KIND_BY_PERSON ? org_classify(p) : (org_kind)(*k - 1);
}

/* A node for p, its kind and vacancy left for later (p is not read: the
 * walk touches only the reports index). */
static void add_node(org_tree *t, const person *p, size_t parent, size_t depth)
{
	org_node *nd = &t->nodes[t->n++];
	memset(nd, 0, sizeof(*nd));
	nd->person = p;
	nd->parent = (uint32_t)parent;
	nd->depth = (uint32_t)depth;
	nd->end = (uint32_t)t->n; /* until its subtree is done */
	nd->mix_row = ORG_NONE;
}

/* Each node's kind and vacancy. The people are read in roster order, the
 * order they lie in memory (seen[i]: person i is in the org), not in the
 * tree's: a 100,000-person org would otherwise wait for memory at each. */
static bool fill_kinds(const roster *r, org_tree *t, const unsigned char *seen,
		       struct kind_memo *m)
{
	unsigned char *pk = malloc(r->npeople ? r->npeople : 1);
	if (!pk)
		return false;
	for (size_t i = 0; i < r->npeople; i++) {
		/* each distinct role is read once, where it lies: ask for it
		 * ahead, so that the misses overlap */
		if (i + 16 < r->npeople && r->people[i + 16].role)
			__builtin_prefetch(r->people[i + 16].role);
		if (seen[i]) {
			const person *p = &r->people[i];
			pk[i] = (unsigned char)kind_of(p, m) |
				(p->type == PERSON_VACANCY ? 0x80 : 0);
		}
	}
	for (size_t i = 0; i < t->n; i++) {
		org_node *nd = &t->nodes[i];
		unsigned char k = pk[nd->person - r->people];
		nd->kind = k & 0x7F;
		nd->vacancy = k & 0x80;
	}
	free(pk);
	return true;
}

/* One person on the path being walked: their node, their reports and
 * how many of them have been taken. */
struct frame {
	size_t node, person, nrep, next;
	const size_t *reps;
};

static void memo_free(struct kind_memo *m)
{
	free(m->by_role);
	free(m->title);
	free(m->len);
	free(m->kind);
}

org_tree *org_build(const roster *r, const person *root)
{
	org_tree *t = calloc(1, sizeof(*t));
	/* state[i]: ON_PATH while person i is on the path from the root to the
	 * node being expanded (whose frames are path[0..depth]), then SEEN */
	enum { ON_PATH = 1, SEEN = 2 };
	unsigned char *state = calloc(r->npeople ? r->npeople : 1, 1);
	size_t pcap = 64, depth = 0;
	struct frame *path = malloc(pcap * sizeof(*path));
	/* (without them, each person is classified on their own) */
	struct kind_memo m = {calloc(r->nroles ? r->nroles : 1, 1), NULL, NULL,
			      0, 256, NULL};
	m.title = calloc(m.cap, sizeof(*m.title));
	m.len = malloc(m.cap * sizeof(*m.len));
	m.kind = malloc(m.cap);
	if (!m.title || !m.len || !m.kind)
		m.cap = 0;
	if (!t || !state || !path || r->npeople >= UINT32_MAX)
		goto fail;
	/* everyone once, and a cycle's repeat (only the root can be reached
	 * again: each person has one manager): room for all from the start,
	 * touched only as used, never copied */
	t->nodes = malloc((r->npeople + 1) * sizeof(*t->nodes));
	if (!t->nodes)
		goto fail;
	add_node(t, root, ORG_NONE, 0);
	state[root->index] = ON_PATH;
	path[0] = (struct frame){0, root->index, 0, 0, NULL};
	path[0].reps = roster_reports_at(r, root->index, &path[0].nrep);
	size_t rows = 0; /* of the mix: one per node with reports */
	if (path[0].nrep)
		t->nodes[0].mix_row = (uint32_t)rows++;
	for (;;) {
		struct frame *f = &path[depth];
		if (f->next == f->nrep) { /* every report done: up */
			t->nodes[f->node].end = (uint32_t)t->n;
			state[f->person] = SEEN;
			if (!depth)
				break;
			depth--;
			continue;
		}
		if (f->next + 4 < f->nrep) /* whose reports come next */
			__builtin_prefetch(&r->reports_start[f->reps[f->next + 4]]);
		size_t pi = f->reps[f->next++];
		const person *c = &r->people[pi];
		size_t ci = t->n;
		if (ci > r->npeople) /* cannot be: see above */
			goto fail;
		add_node(t, c, f->node, depth + 1);
		t->nodes[ci].last = f->next == f->nrep;
		if (state[pi]) { /* back up the path: a cycle (SEEN, twice a
				    report, cannot be: one manager each) */
			t->nodes[ci].cycle = true;
			continue;
		}
		if (depth + 1 == pcap) {
			struct frame *v = realloc(path, pcap * 2 * sizeof(*v));
			if (!v)
				goto fail;
			path = v;
			pcap *= 2;
		}
		state[pi] = ON_PATH;
		depth++;
		path[depth] = (struct frame){ci, pi, 0, 0, NULL};
		path[depth].reps = roster_reports_at(r, pi, &path[depth].nrep);
		if (path[depth].nrep)
			t->nodes[ci].mix_row = (uint32_t)rows++;
	}
	free(path);
	path = NULL;
	if (!fill_kinds(r, t, state, &m))
		goto fail;
	free(state);
	memo_free(&m);
	t->mix = calloc(rows ? rows : 1, sizeof(*t->mix));
	if (!t->mix)
		goto fail_tree;
	/* children follow their parent in pre-order: in reverse, each node is
	 * complete before it is added to its parent */
	for (size_t i = t->n; i-- > 1;) {
		const org_node *c = &t->nodes[i];
		if (c->cycle)
			continue;
		org_node *p = &t->nodes[c->parent];
		uint32_t *pm = t->mix[p->mix_row]; /* p has a report: c */
		if (c->vacancy) {
			p->direct_vacancies++;
			p->vacancies++;
		} else {
			p->direct++;
			p->size++;
			pm[c->kind]++;
		}
		if (c->mix_row != ORG_NONE) {
			p->size += c->size;
			p->vacancies += c->vacancies;
			for (size_t k = 0; k < ORG_NKINDS; k++)
				pm[k] += t->mix[c->mix_row][k];
		}
		if (c->levels + 1 > p->levels)
			p->levels = c->levels + 1;
	}
	return t;
fail:
	memo_free(&m);
	free(state);
	free(path);
fail_tree:
	org_free(t);
	return NULL;
}

/* org.c: the subtree under a person over the direct-reports index, built
 * with an explicit stack and summed bottom-up in reverse pre-order. */
#include "teamtui/org.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The rule table of org_classify_role (org.h says it in prose: keep the
 * two together). First match wins. */
static const struct org_rule {
	const char *phrase;
	bool exact_case; /* an abbreviation: "SET", not "set" */
	org_kind kind;
} rules[] = {
    {"Product Manager", false, ORG_PRODUCT},
    {"Manager", false, ORG_MANAGER},
    {"Director", false, ORG_MANAGER},
    {"VP", true, ORG_MANAGER},
    {"Vice President", false, ORG_MANAGER},
    {"Head of", false, ORG_MANAGER},
    {"Chief", false, ORG_MANAGER},
    {"Software Engineer in Test", false, ORG_QUALITY},
    {"SET", true, ORG_QUALITY},
    {"SDET", true, ORG_QUALITY},
    {"Quality", false, ORG_QUALITY},
    {"Designer", false, ORG_DESIGN},
    {"UX", true, ORG_DESIGN},
    {"Technical Writer", false, ORG_WRITER},
    {"Writer", false, ORG_WRITER},
    {"Developer Advocate", false, ORG_OTHER},
    {"Engineer", false, ORG_ENGINEER},
    {"Developer", false, ORG_ENGINEER},
    {"Engineering Fellow", false, ORG_ENGINEER},
};

static bool is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c >= 0x80;
}

static unsigned char lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* Does s[0..n) hold phrase as whole words? */
static bool has_phrase(const char *s, size_t n, const char *phrase, bool exact)
{
	size_t m = strlen(phrase);
	for (size_t i = 0; i + m <= n; i++) {
		if (i && is_alnum((unsigned char)s[i - 1]))
			continue;
		if (i + m < n && is_alnum((unsigned char)s[i + m]))
			continue;
		size_t k = 0;
		while (k < m && (exact ? s[i + k] == phrase[k]
				       : lower((unsigned char)s[i + k]) ==
					     lower((unsigned char)phrase[k])))
			k++;
		if (k == m)
			return true;
	}
	return false;
}

org_kind org_classify_role(const char *role)
{
	if (!role)
		return ORG_OTHER;
	size_t n = strcspn(role, ","); /* the title, before the groups */
	for (size_t i = 0; i < sizeof(rules) / sizeof(*rules); i++)
		if (has_phrase(role, n, rules[i].phrase, rules[i].exact_case))
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
	free(t);
}

/* Room for one more node; false when out of memory. */
static bool reserve(org_tree *t, size_t *cap)
{
	if (t->n < *cap)
		return true;
	size_t c = *cap ? *cap * 2 : 64;
	if (c > SIZE_MAX / sizeof(org_node))
		return false;
	org_node *v = realloc(t->nodes, c * sizeof(*v));
	if (!v)
		return false;
	t->nodes = v;
	*cap = c;
	return true;
}

static void add_node(org_tree *t, const person *p, size_t parent, size_t depth)
{
	org_node *nd = &t->nodes[t->n++];
	memset(nd, 0, sizeof(*nd));
	nd->person = p;
	nd->parent = parent;
	nd->depth = depth;
	nd->end = t->n; /* until its subtree is done */
	nd->kind = org_classify(p);
}

org_tree *org_build(const roster *r, const person *root)
{
	org_tree *t = calloc(1, sizeof(*t));
	/* on_path[i]: person i is on the path from the root to the node being
	 * expanded; stack[d]: the node at depth d of that path, and next[d]:
	 * how many of its reports have been taken */
	bool *on_path = calloc(r->npeople ? r->npeople : 1, sizeof(*on_path));
	size_t cap = 0, scap = 64, depth = 0;
	size_t *stack = malloc(scap * sizeof(*stack));
	size_t *next = malloc(scap * sizeof(*next));
	if (!t || !on_path || !stack || !next || !reserve(t, &cap))
		goto fail;
	add_node(t, root, ORG_NONE, 0);
	on_path[root->index] = true;
	stack[0] = 0;
	next[0] = 0;
	for (;;) {
		size_t ni = stack[depth];
		size_t nrep;
		const size_t *reps = roster_reports(r, t->nodes[ni].person, &nrep);
		if (next[depth] == nrep) { /* every report done: up */
			t->nodes[ni].end = t->n;
			on_path[t->nodes[ni].person->index] = false;
			if (!depth)
				break;
			depth--;
			continue;
		}
		const person *c = &r->people[reps[next[depth]++]];
		if (!reserve(t, &cap))
			goto fail;
		size_t ci = t->n;
		add_node(t, c, ni, depth + 1);
		t->nodes[ci].last = next[depth] == nrep;
		if (on_path[c->index]) { /* back up the path: a cycle */
			t->nodes[ci].cycle = true;
			continue;
		}
		if (depth + 1 == scap) {
			size_t *s = realloc(stack, scap * 2 * sizeof(*s));
			if (s)
				stack = s;
			size_t *x = s ? realloc(next, scap * 2 * sizeof(*x)) : NULL;
			if (!x)
				goto fail;
			next = x;
			scap *= 2;
		}
		on_path[c->index] = true;
		depth++;
		stack[depth] = ci;
		next[depth] = 0;
	}
	free(on_path);
	free(stack);
	free(next);
	/* children follow their parent in pre-order: in reverse, each node is
	 * complete before it is added to its parent */
	for (size_t i = t->n; i-- > 1;) {
		const org_node *c = &t->nodes[i];
		if (c->cycle)
			continue;
		org_node *p = &t->nodes[c->parent];
		bool vacancy = c->person->type == PERSON_VACANCY;
		if (vacancy) {
			p->direct_vacancies++;
			p->vacancies++;
		} else {
			p->direct++;
			p->size++;
			p->mix[c->kind]++;
		}
		p->size += c->size;
		p->vacancies += c->vacancies;
		for (size_t k = 0; k < ORG_NKINDS; k++)
			p->mix[k] += c->mix[k];
		if (c->levels + 1 > p->levels)
			p->levels = c->levels + 1;
	}
	return t;
fail:
	free(on_path);
	free(stack);
	free(next);
	org_free(t);
	return NULL;
}

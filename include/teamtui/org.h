/* org: the organisation under one person, by reports_to.
 *
 * `teamtui org SLUG` (issue 13): everyone under a person, nested by
 * reports_to as the roster's direct-reports index has it (roster_reports),
 * with per person the direct reports, the org's size and depth, and the
 * mix of roles. Each level is in roster order: team.yml's order (GitLab's
 * is sorted by slug), or the team_members/ files' as loaded; as a
 * directory lists people and the handbook's tables do, never by the size
 * of their orgs. Pure: no output here (out_text, out_json and out_dot
 * print it). */
#ifndef TEAMTUI_ORG_H
#define TEAMTUI_ORG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "teamtui/roster.h"

/* What a role text says a person does, for the mix (org_classify_role). */
typedef enum {
	ORG_ENGINEER,
	ORG_MANAGER,
	ORG_PRODUCT,
	ORG_DESIGN,
	ORG_QUALITY,
	ORG_WRITER,
	ORG_OTHER,
	ORG_NKINDS
} org_kind;

/* The most levels an org is shown to (`--depth` at most, and the
 * default): deeper people are counted, not shown, so that a roster's
 * 100,000-long reports_to chain prints 1,000 lines, not 100,000 lines of
 * ever-growing indentation. */
enum { ORG_MAX_DEPTH = 1000 };

/* No node: the root's parent. */
#define ORG_NONE UINT32_MAX

/* One person in the tree. Nodes are in pre-order: a node's subtree is
 * nodes[i + 1 .. end), its first child (if any) is nodes[i + 1] and each
 * next sibling starts at the previous one's end. */
typedef struct org_node {
	const person *person;
	/* (32-bit counts and indices, the kind in a byte, the mix apart: a
	 * node is 48 bytes, not 136, which a 100,000-person org writes and
	 * walks twice; a roster holds far fewer than 2^32 people) */
	uint32_t parent; /* node index; ORG_NONE for the root */
	uint32_t end;	 /* one past the last node of the subtree */
	uint32_t depth;	 /* 0 for the root, 1 for its direct reports, ... */
	uint32_t direct; /* direct reports who are people (not vacancies) */
	uint32_t direct_vacancies; /* direct reports that are vacancies */
	uint32_t size;	  /* people below, every level; vacancies and the
			     person itself not counted */
	uint32_t vacancies; /* vacancies below, every level */
	uint32_t levels;    /* levels below: 0 without reports */
	/* the row of org_tree.mix that counts the people below by kind, or
	 * ORG_NONE for a person with no reports (whose mix is all 0): most
	 * of an org; read it with org_mix */
	uint32_t mix_row;
	bool last;     /* the last of its parent's children */
	bool vacancy;  /* person->type == PERSON_VACANCY */
	/* person is already on the path above (a reports_to cycle, which can
	 * only lead back to the root): shown, not descended into, counted
	 * nowhere; the manager chain says "reports_to cycle" for the same */
	bool cycle;
	unsigned char kind; /* org_classify(person), an org_kind */
} org_node;

typedef struct org_tree {
	org_node *nodes; /* nodes[0] is the root */
	size_t n;
	/* mix[row][kind]: the people below a node by kind (a row sums to
	 * the node's size), one row per node with reports (mix_row) */
	uint32_t (*mix)[ORG_NKINDS];
} org_tree;

/* The people below node nd of t whose kind is k (org_kind, < ORG_NKINDS):
 * 0 for a node without reports. */
uint32_t org_mix(const org_tree *t, const org_node *nd, int k);

/* The org under `root`: every person whose reports_to chain reaches root,
 * walked iteratively (an explicit stack: a chain 100,000 deep needs no C
 * stack), each once. A reports_to slug that names nobody makes its person
 * a root of their own and is nobody's report: `org` of them starts there.
 * Vacancies (type: vacancy) are nodes like people but counted apart.
 * Returns a malloc'd tree for org_free, or NULL when out of memory (or
 * when the roster holds 2^32 people or more: a node counts in 32 bits). */
org_tree *org_build(const roster *r, const person *root);
void org_free(org_tree *t);

/* The kind of a plain role text (person.role), by the first rule of this
 * table that the title matches; the title is the text before its first
 * comma ("Engineering Manager, Create:Source Code" -> "Engineering
 * Manager"), as GitLab's team.yml writes title, then groups. A rule
 * matches a phrase as whole words (letters, digits and non-ASCII make
 * words), ASCII letters in any case, except the upper-case abbreviations,
 * matched as written:
 *
 *   1. "Product Manager"                         product (any seniority)
 *   2. "Engineering Manager", "Design Manager", "UX Manager",
 *      "Research Manager", "Writing Manager", "Director", "VP",
 *      "Vice President", "Head of", "Chief", and "Manager" as the whole
 *      title but for seniority words (Senior, Staff, Principal, Group,
 *      Lead, Associate, Intermediate, Junior, Distinguished: GitLab's
 *      "Manager, Support Engineering")         manager: a people manager
 *      of any function ("Quality Engineering Manager", "Director of
 *      Product Management"); "Content Marketing Manager" or "Program
 *      Manager" name no reports, and are not
 *   3. "Software Engineer in Test", "SET", "SDET", "Quality"   quality
 *   4. "Designer", "UX"                          design
 *   5. "Technical Writer", "Writer"              writer
 *   6. "Developer Advocate"                      other (not an engineer)
 *   7. "Engineer", "Developer", "Engineering Fellow"           engineer
 *   8. anything else, and no role               other
 *
 * Only a title's first 32 words are read. The rules were written for the
 * role shapes of GitLab's team.yml, data/ and data/handbook/ (every title
 * there is listed with its kind in tests/test-org.c). NULL gives
 * ORG_OTHER. */
org_kind org_classify_role(const char *role);
/* A person's kind: their role, else their job_title, else ORG_OTHER. */
org_kind org_classify(const person *p);
/* The kind's name for a count of n: "engineer"/"engineers", "manager"/
 * "managers", "product", "design", "quality", "writer"/"writers",
 * "other". With n != 1 it is the key of --json's mix. */
const char *org_kind_name(org_kind k, size_t n);

#endif

/* rosterdiff.c: see rosterdiff.h. The people's changes are changes.h's,
 * over the two rosters' digests: one diff in the code base. */
#include "teamtui/rosterdiff.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "teamtui/changes.h"
#include "teamtui/digest.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Is slug one of v[0..n) (sorted)? */
static bool listed(const char **v, size_t n, const char *slug)
{
	return n && bsearch(&slug, v, n, sizeof(*v), cmp_str);
}

void roster_diff_digests(const roster *old, const digest *a, const roster *now,
			 const digest *b, roster_changes *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < now->ngroups; i++)
		out->groups_added += !roster_group(old, now->groups[i].id);
	for (size_t i = 0; i < old->ngroups; i++)
		out->groups_removed += !roster_group(now, old->groups[i].id);
	change_list c;
	if (!a || !b || !changes_between(a, b, &c))
		return; /* out of memory: no people counted */
	out->people_added = c.count[CHANGE_JOINED];
	out->people_removed = c.count[CHANGE_LEFT];
	out->people_renamed = c.count[CHANGE_RENAMED];
	/* moved: a new reports_to, or another group; else changed: a new
	 * title, name or GitLab handle. Each person counts once. */
	const char **moved = malloc((c.n + 1) * sizeof(*moved));
	size_t nmoved = 0;
	for (size_t i = 0; moved && i < c.n; i++) {
		change_kind k = c.v[i].kind;
		if (k == CHANGE_MOVED || k == CHANGE_GROUP_ENTERED || k == CHANGE_GROUP_LEFT)
			moved[nmoved++] = c.v[i].slug;
	}
	if (moved) {
		qsort(moved, nmoved, sizeof(*moved), cmp_str);
		size_t u = 0;
		for (size_t i = 0; i < nmoved; i++)
			if (!u || strcmp(moved[u - 1], moved[i]))
				moved[u++] = moved[i];
		nmoved = u;
		out->people_moved = nmoved;
	}
	const char **renamed = malloc((c.n + 1) * sizeof(*renamed));
	size_t nrenamed = 0;
	for (size_t i = 0; renamed && i < c.n; i++)
		if (c.v[i].kind == CHANGE_RENAMED)
			renamed[nrenamed++] = c.v[i].slug;
	if (renamed)
		qsort(renamed, nrenamed, sizeof(*renamed), cmp_str);
	for (size_t i = 0; i < b->npeople; i++) {
		const digest_person *np = &b->people[i];
		const digest_person *op = digest_person_of(a, np->slug);
		if (!op || listed(moved, nmoved, np->slug) ||
		    listed(renamed, nrenamed, np->slug))
			continue; /* joined, renamed or moved: said as that */
		out->people_changed += strcmp(op->name, np->name) || strcmp(op->role, np->role) ||
				       strcmp(op->gitlab, np->gitlab);
	}
	free(moved);
	free(renamed);
	changes_free(&c);
}

void roster_diff(const roster *old, resolver *ors, const roster *now, resolver *nrs,
		 roster_changes *out)
{
	digest *a = digest_of(old, ors), *b = a ? digest_of(now, nrs) : NULL;
	roster_diff_digests(old, a, now, b, out);
	digest_free(a);
	digest_free(b);
}

static void part(char *buf, size_t size, size_t *o, size_t n, const char *fmt,
		 const char *one, const char *many)
{
	if (!n || *o >= size)
		return;
	int k = snprintf(buf + *o, size - *o, "%s", *o ? ", " : "");
	if (k > 0)
		*o += (size_t)k;
	if (*o >= size)
		return;
	k = snprintf(buf + *o, size - *o, fmt, n, n == 1 ? one : many);
	if (k > 0)
		*o += (size_t)k;
}

void roster_diff_text(const roster *old, resolver *ors, const roster *now,
		      resolver *nrs, char *buf, size_t size)
{
	roster_changes c;
	roster_diff(old, ors, now, nrs, &c);
	roster_changes_text(&c, buf, size);
}

void roster_diff_digests_text(const roster *old, const digest *a, const roster *now,
			      const digest *b, char *buf, size_t size)
{
	roster_changes c;
	roster_diff_digests(old, a, now, b, &c);
	roster_changes_text(&c, buf, size);
}

void roster_changes_text(const roster_changes *cp, char *buf, size_t size)
{
	roster_changes c = *cp;
	size_t o = 0;
	if (!size)
		return;
	buf[0] = '\0';
	part(buf, size, &o, c.people_added, "+%zu %s", "person", "people");
	part(buf, size, &o, c.people_removed, "%zu %s removed", "person", "people");
	part(buf, size, &o, c.people_renamed, "%zu %s", "renamed", "renamed");
	part(buf, size, &o, c.people_moved, "%zu %s", "moved", "moved");
	part(buf, size, &o, c.people_changed, "%zu %s", "changed", "changed");
	part(buf, size, &o, c.groups_added, "+%zu %s", "group", "groups");
	part(buf, size, &o, c.groups_removed, "%zu %s removed", "group", "groups");
	if (!o)
		snprintf(buf, size, "no changes");
}

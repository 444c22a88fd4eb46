/* rosterdiff.c: see rosterdiff.h. */
#include "teamtui/rosterdiff.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static bool same_text(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* The same groups (by id, in the resolver's order) for p in both. */
static bool same_groups(resolver *ors, const person *op, resolver *nrs, const person *np)
{
	size_t on = 0, nn = 0;
	const membership *om = resolve_person_groups(ors, op, &on);
	const membership *nm = resolve_person_groups(nrs, np, &nn);
	if (on != nn)
		return false;
	for (size_t i = 0; i < on; i++) {
		bool found = false;
		for (size_t k = 0; k < nn && !found; k++)
			found = !strcmp(om[i].group->id, nm[k].group->id);
		if (!found)
			return false;
	}
	return true;
}

void roster_diff(const roster *old, resolver *ors, const roster *now, resolver *nrs,
		 roster_changes *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < now->npeople; i++) {
		const person *np = &now->people[i];
		const person *op = roster_person(old, np->slug);
		if (!op) {
			out->people_added++;
		} else if (!same_text(op->reports_to, np->reports_to) ||
			   !same_groups(ors, op, nrs, np)) {
			out->people_moved++;
		} else if (!same_text(op->name, np->name) || !same_text(op->role, np->role) ||
			   !same_text(op->gitlab, np->gitlab)) {
			out->people_changed++;
		}
	}
	for (size_t i = 0; i < old->npeople; i++)
		out->people_removed += !roster_person(now, old->people[i].slug);
	for (size_t i = 0; i < now->ngroups; i++)
		out->groups_added += !roster_group(old, now->groups[i].id);
	for (size_t i = 0; i < old->ngroups; i++)
		out->groups_removed += !roster_group(now, old->groups[i].id);
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
	size_t o = 0;
	if (!size)
		return;
	buf[0] = '\0';
	part(buf, size, &o, c.people_added, "+%zu %s", "person", "people");
	part(buf, size, &o, c.people_removed, "%zu %s removed", "person", "people");
	part(buf, size, &o, c.people_moved, "%zu %s", "moved", "moved");
	part(buf, size, &o, c.people_changed, "%zu %s", "changed", "changed");
	part(buf, size, &o, c.groups_added, "+%zu %s", "group", "groups");
	part(buf, size, &o, c.groups_removed, "%zu %s removed", "group", "groups");
	if (!o)
		snprintf(buf, size, "no changes");
}

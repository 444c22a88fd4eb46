/* table.c: the people-table shortcodes and the parameters each template
 * reads (layouts/_shortcodes/ of the handbook). */
#include "teamtui/table.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct kind_info {
	const char *name;
	const char *const *named; /* the .Get "x" names it reads */
	size_t positional;	  /* how many .Get N it reads */
	bool team;
};

static const char *const p_manager_slug[] = {"manager", "team", "department",
					      NULL};
static const char *const p_counterparts[] = {"manager", "manager-role", "role",
					     "other-manager-roles", NULL};
static const char *const p_role_team[] = {"role", "team", NULL};
static const char *const p_departments[] = {"manager-role", "departments",
					    "department", NULL};
static const char *const p_none[] = {NULL};
static const char *const p_username[] = {"username", NULL};

static const struct kind_info kinds[TABLE_NKINDS] = {
	[TABLE_TEAM_BY_MANAGER_SLUG] = {"team-by-manager-slug", p_manager_slug, 1,
					true},
	[TABLE_STABLE_COUNTERPARTS] = {"engineering/stable-counterparts",
				       p_counterparts, 0, false},
	[TABLE_TEAM_BY_MANAGER_ROLE] = {"team-by-manager-role", p_role_team, 1,
					true},
	[TABLE_TEAM_BY_DEPARTMENTS] = {"team-by-departments", p_departments, 1,
				       true},
	/* range .Params: every value, positional or named */
	[TABLE_GROUP_BY_SLUGS] = {"group-by-slugs", NULL, SIZE_MAX, true},
	[TABLE_MEMBERS_BY_ROLE] = {"members-by-role", p_role_team, 1, true},
	[TABLE_DEPARTMENT_MEMBERS] = {"department-members", p_none, 1, true},
	[TABLE_MEMBER_AND_ROLE_BY_GITLAB] = {"member-and-role-by-gitlab",
					     p_username, SIZE_MAX, true},
	[TABLE_GROUP_BY_EXPERTISE] = {"group-by-expertise", p_none, 1, true},
};

bool table_kind_of(const char *shortcode, table_kind *out)
{
	if (!strcmp(shortcode, "stable-counterparts")) { /* the older name */
		*out = TABLE_STABLE_COUNTERPARTS;
		return true;
	}
	for (int k = 0; k < TABLE_NKINDS; k++)
		if (!strcmp(kinds[k].name, shortcode)) {
			*out = (table_kind)k;
			return true;
		}
	return false;
}

const char *table_kind_name(table_kind k)
{
	return k < TABLE_NKINDS ? kinds[k].name : "?";
}

bool table_is_team(table_kind k)
{
	return k < TABLE_NKINDS && kinds[k].team;
}

const char *const *table_known_params(table_kind k)
{
	static const char *const all[] = {NULL};
	return k < TABLE_NKINDS && kinds[k].named ? kinds[k].named : all;
}

size_t table_positional_params(table_kind k)
{
	return k < TABLE_NKINDS ? kinds[k].positional : 0;
}

role_regex *table_regex(arena *a, table_regexes *rx, const char *src,
			srcloc loc, char *err, size_t errsize, size_t *erroff,
			bool *ok)
{
	role_regex *rr = arena_calloc(a, 1, sizeof(*rr));
	if (!rr)
		return NULL;
	rr->source = src;
	rr->loc = loc;
	*erroff = 0;
	rr->re = pattern_compile(src, err, errsize, erroff);
	*ok = rr->re != NULL;
	rr->invalid = !*ok;
	if (rx->n == rx->cap) {
		size_t cap = rx->cap ? rx->cap * 2 : 64;
		role_regex **v = realloc(rx->v, cap * sizeof(*v));
		if (!v) {
			pattern_free(rr->re);
			return NULL;
		}
		rx->v = v;
		rx->cap = cap;
	}
	rr->id = rx->n;
	rx->v[rx->n++] = rr;
	return rr;
}

bool table_regexes_finish(roster *r, table_regexes *rx)
{
	role_regex **v = arena_calloc(r->arena, rx->n + 1, sizeof(*v));
	bool ok = v != NULL;
	if (ok && rx->n)
		memcpy(v, rx->v, rx->n * sizeof(*v));
	if (ok) {
		r->patterns = v;
		r->npatterns = rx->n;
	} else {
		for (size_t i = 0; i < rx->n; i++)
			pattern_free(rx->v[i]->re);
	}
	free(rx->v);
	*rx = (table_regexes){0};
	return ok;
}

/* .Get "name" on a named call, .Get N on a positional one (Hugo's
 * ShortcodeWithPage.Get: the other kind of key gives nil). */
static const table_param *get(const people_table *t, const char *name,
			      size_t pos)
{
	if (t->named) {
		if (!name)
			return NULL;
		/* a repeated name: the later value wins (a Go map) */
		const table_param *found = NULL;
		for (size_t i = 0; i < t->nparams; i++)
			if (t->params[i].name && !strcmp(t->params[i].name, name))
				found = &t->params[i];
		return found;
	}
	return pos < t->nparams && name == NULL ? &t->params[pos] : NULL;
}

/* Go templates' `with`: an empty string, false and 0 are not set. */
static bool truthy(const table_param *p)
{
	if (!p || !*p->value)
		return false;
	if (p->is_string)
		return true;
	return strcmp(p->value, "false") && strtod(p->value, NULL) != 0;
}

/* `with (.Get 0)` else `with (.Get "name")` */
static const table_param *pos_or_named(const people_table *t, const char *name)
{
	const table_param *p = get(t, NULL, 0);
	return truthy(p) ? p : truthy(get(t, name, 0)) ? get(t, name, 0) : NULL;
}

static const table_param *named(const people_table *t, const char *name)
{
	const table_param *p = get(t, name, 0);
	return truthy(p) ? p : NULL;
}

static role_regex *regex_param(people_table *t, const table_param *p,
			       arena *a, table_regexes *rx, table_report error,
			       void *ctx, bool *oom)
{
	if (!p)
		return NULL;
	if (!p->is_string) { /* `like` needs a string: matches nobody */
		t->never_matches = true;
		return NULL;
	}
	char err[256];
	size_t off;
	bool ok;
	role_regex *rr = table_regex(a, rx, p->value, p->loc, err, sizeof(err),
				     &off, &ok);
	if (!rr) {
		*oom = true;
		return NULL;
	}
	if (!ok) {
		/* the offending character: PCRE2's offset is just past it, in
		 * bytes; columns count characters, from the opening quote */
		srcloc at = p->loc;
		size_t end = off ? off - 1 : 0, chars = 0;
		for (size_t i = 0; i < end && p->value[i]; i++)
			chars += ((unsigned char)p->value[i] & 0xC0) != 0x80;
		at.col += (int)chars + (p->quoted ? 1 : 0);
		error(ctx, at, "invalid regex in '%s': %s; Hugo stops the build here",
		      p->name ? p->name : "0", err);
	}
	return rr;
}

/* Append the pieces of s split on ',' (strings.Split: no trimming, empty
 * pieces kept) to l. */
static bool split_into(arena *a, strlist *l, const char *s, bool split)
{
	size_t n = 1;
	for (const char *q = s; split && *q; q++)
		n += *q == ',';
	const char **v = arena_calloc(a, l->n + n, sizeof(char *));
	if (!v)
		return false;
	if (l->n)
		memcpy(v, l->v, l->n * sizeof(char *));
	size_t k = l->n;
	for (const char *q = s;;) {
		const char *e = split ? strchr(q, ',') : NULL;
		size_t len = e ? (size_t)(e - q) : strlen(q);
		if (!(v[k++] = arena_intern(a, q, len)))
			return false;
		if (!e)
			break;
		q = e + 1;
	}
	l->v = v;
	l->n = k;
	return true;
}

bool table_decode(people_table *t, arena *a, table_regexes *rx,
		  table_report error, void *ctx)
{
	bool oom = false;
	const table_param *p;
	/* what the template's errorf stops the build for */
	const char *needs = NULL;
	switch (t->kind) {
	case TABLE_TEAM_BY_MANAGER_SLUG:
		if (!pos_or_named(t, "manager"))
			needs = "a manager slug (positional, or manager=)";
		break;
	case TABLE_TEAM_BY_MANAGER_ROLE:
		if (!pos_or_named(t, "role"))
			needs = "a manager role (positional, or role=)";
		break;
	case TABLE_MEMBERS_BY_ROLE:
		if (!pos_or_named(t, "role"))
			needs = "a role (positional, or role=)";
		break;
	case TABLE_DEPARTMENT_MEMBERS:
	case TABLE_GROUP_BY_EXPERTISE:
		if (!truthy(get(t, NULL, 0)))
			needs = t->kind == TABLE_DEPARTMENT_MEMBERS
				    ? "a positional department"
				    : "a positional term";
		break;
	case TABLE_MEMBER_AND_ROLE_BY_GITLAB:
		if (!t->named && !t->nparams)
			needs = "at least one positional GitLab username";
		break;
	default:
		break;
	}
	if (needs)
		error(ctx, t->loc, "%s needs %s; Hugo stops the build here",
		      t->shortcode, needs);
	switch (t->kind) {
	case TABLE_TEAM_BY_MANAGER_SLUG:
		if ((p = pos_or_named(t, "manager"))) {
			t->manager_given = true;
			t->manager_loc = p->loc;
			if (p->is_string)
				t->manager = arena_intern(a, p->value, strlen(p->value));
			else
				t->never_matches = true;
		}
		t->team = regex_param(t, named(t, "team"), a, rx, error, ctx, &oom);
		if ((p = named(t, "department")) &&
		    !split_into(a, &t->departments, p->value, false))
			return false;
		break;
	case TABLE_STABLE_COUNTERPARTS:
		if ((p = named(t, "manager"))) {
			t->manager_given = true;
			t->manager_loc = p->loc;
			t->manager = arena_intern(a, p->value, strlen(p->value));
		}
		t->manager_role = regex_param(t, named(t, "manager-role"), a, rx,
					      error, ctx, &oom);
		t->role = regex_param(t, named(t, "role"), a, rx, error, ctx, &oom);
		t->other_manager_roles = regex_param(
		    t, named(t, "other-manager-roles"), a, rx, error, ctx, &oom);
		break;
	case TABLE_TEAM_BY_MANAGER_ROLE:
		t->manager_role = regex_param(t, pos_or_named(t, "role"), a, rx,
					      error, ctx, &oom);
		t->team = regex_param(t, named(t, "team"), a, rx, error, ctx, &oom);
		break;
	case TABLE_MEMBERS_BY_ROLE:
		t->role = regex_param(t, pos_or_named(t, "role"), a, rx, error, ctx,
				      &oom);
		t->team = regex_param(t, named(t, "team"), a, rx, error, ctx, &oom);
		break;
	case TABLE_TEAM_BY_DEPARTMENTS:
		if (t->named) {
			t->manager_role = regex_param(t, named(t, "manager-role"), a,
						      rx, error, ctx, &oom);
			if ((p = named(t, "departments")) &&
			    !split_into(a, &t->departments, p->value, true))
				return false;
			if ((p = named(t, "department")) &&
			    !split_into(a, &t->departments, p->value, true))
				return false;
		} else if ((p = get(t, NULL, 0)) &&
			   !split_into(a, &t->departments, p->value, false)) {
			return false;
		}
		break;
	case TABLE_DEPARTMENT_MEMBERS:
		if ((p = get(t, NULL, 0)) && truthy(p) &&
		    !split_into(a, &t->departments, p->value, false))
			return false;
		break;
	case TABLE_GROUP_BY_EXPERTISE:
		if ((p = get(t, NULL, 0)) && truthy(p))
			t->term = arena_strdup(a, p->value);
		break;
	case TABLE_GROUP_BY_SLUGS:
	case TABLE_MEMBER_AND_ROLE_BY_GITLAB: {
		/* range .Params: positional in order; named in key order (Go
		 * templates range over a map by sorted key). The gitlab one
		 * reads only `username` when named. */
		size_t n = t->nparams;
		const char **v = arena_calloc(a, n + 1, sizeof(char *));
		if (!v)
			return false;
		t->values = (strlist){v, 0};
		if (t->kind == TABLE_MEMBER_AND_ROLE_BY_GITLAB && t->named) {
			if ((p = named(t, "username")))
				v[t->values.n++] = arena_intern(a, p->value,
								strlen(p->value));
			break;
		}
		size_t *order = malloc((n + 1) * sizeof(size_t));
		if (!order)
			return false;
		for (size_t i = 0; i < n; i++)
			order[i] = i;
		for (size_t i = 1; t->named && i < n; i++) /* insertion sort */
			for (size_t j = i; j > 0 &&
					   strcmp(t->params[order[j - 1]].name,
						  t->params[order[j]].name) > 0;
			     j--) {
				size_t tmp = order[j];
				order[j] = order[j - 1];
				order[j - 1] = tmp;
			}
		for (size_t i = 0; i < n; i++) {
			const table_param *q = &t->params[order[i]];
			/* a repeated name keeps only its last value */
			if (t->named && i + 1 < n &&
			    !strcmp(q->name, t->params[order[i + 1]].name))
				continue;
			/* a number or bool never equals a slug: kept as no row */
			v[t->values.n++] = q->is_string ? arena_intern(a, q->value,
								       strlen(q->value))
							: NULL;
		}
		free(order);
		break;
	}
	case TABLE_NKINDS:
		break;
	}
	return !oom;
}

/* Hugo's strings.Replace: every occurrence of `from` removed. */
static void remove_all(char *s, const char *from)
{
	size_t n = strlen(from);
	char *w = s;
	for (const char *r = s; *r;) {
		if (!strncmp(r, from, n)) {
			r += n;
			continue;
		}
		*w++ = *r++;
	}
	*w = '\0';
}

char *table_department_group(const person *p)
{
	const char *found = NULL;
	bool group = false;
	for (size_t i = 0; i < p->departments.n && !found; i++) {
		if (strstr(p->departments.v[i], "Group"))
			found = p->departments.v[i], group = true;
		else if (strstr(p->departments.v[i], "Team"))
			found = p->departments.v[i];
	}
	char *s = strdup(found ? found : "None");
	if (!s || !found)
		return s;
	if (group) {
		remove_all(s, "Group");
	} else {
		remove_all(s, "BE");
		remove_all(s, "FE");
		remove_all(s, "Fullstack");
		remove_all(s, " Team");
	}
	size_t b = strspn(s, " "), e = strlen(s);
	while (e > b && s[e - 1] == ' ')
		e--;
	memmove(s, s + b, e - b);
	s[e - b] = '\0';
	return s;
}

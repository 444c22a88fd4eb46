/* check.c: roster-wide warnings. */
#include "teamtui/check.h"

#include <errno.h>
#include <stdlib.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "teamtui/suggest.h"
#include "teamtui/table.h"
#include "teamtui/snapshot.h"

/* ", did you mean 'a' or 'b'?" for an unknown slug, or "". */
static void closest_slugs(const roster *r, const char *slug, char *buf,
			  size_t size)
{
	buf[0] = '\0';
	const char **slugs = malloc((r->npeople + 1) * sizeof(char *));
	if (!slugs)
		return;
	for (size_t i = 0; i < r->npeople; i++)
		slugs[i] = r->people[i].slug;
	const char *best[3];
	size_t k = suggest_closest(slug, slugs, r->npeople, best, 3);
	size_t o = 0;
	for (size_t i = 0; i < k && o < size; i++)
		o += (size_t)snprintf(buf + o, size - o, "%s'%s'",
				      i == 0 ? "; did you mean " : i + 1 == k ? " or " : ", ",
				      best[i]);
	if (k && o < size)
		snprintf(buf + o, size - o, "?");
	free(slugs);
}

/* How many people a regex variant matches (src compiled afresh), on the
 * raw role HTML, or on the role as text (plain). */
static size_t count_in(const roster *r, const char *src, bool plain)
{
	char err[128];
	size_t off, n = 0;
	pattern *p = pattern_compile(src, err, sizeof(err), &off);
	if (!p)
		return 0;
	for (size_t i = 0; i < r->npeople; i++) {
		const char *role = plain ? r->people[i].role : r->people[i].role_html;
		n += role && pattern_match(p, role, strlen(role)) == PATTERN_MATCH;
	}
	pattern_free(p);
	return n;
}

static size_t count_matches(const roster *r, const char *src)
{
	return count_in(r, src, false);
}

/* "regex 'R' matches nobody's role", with what would match: the same
 * regex ignoring case, or without its '$' anchors (a role's group name
 * often sits inside the <a> text, before "</a>"). */
static void nobody(const roster *r, const role_regex *rx, const char *what,
		   const char *then, diag_list *out)
{
	char hint[160] = "";
	size_t len = strlen(rx->source);
	char *v = malloc(len + 5);
	if (v) {
		size_t n;
		snprintf(v, len + 5, "(?i)%s", rx->source);
		if (strncmp(rx->source, "(?i)", 4) && (n = count_matches(r, v)))
			snprintf(hint, sizeof(hint), "; with (?i) it would match %zu %s",
				 n, n == 1 ? "person" : "people");
		size_t o = 0;
		for (size_t i = 0; i < len; i++) /* drop unescaped '$' */
			if (!(rx->source[i] == '$' && (i == 0 || rx->source[i - 1] != '\\')))
				v[o++] = rx->source[i];
		v[o] = '\0';
		if (o < len && !hint[0] && (n = count_matches(r, v)))
			snprintf(hint, sizeof(hint),
				 "; without its '$' it would match %zu %s (roles end "
				 "in \"</a>\" when the group is inside the link)",
				 n, n == 1 ? "person" : "people");
		free(v);
		if (!hint[0] && (n = count_in(r, rx->source, true)))
			snprintf(hint, sizeof(hint),
				 "; it would match the role text of %zu %s, but Hugo "
				 "matches the role's HTML (\"<a href=...>Title</a>, "
				 "Stage:Group\")",
				 n, n == 1 ? "person" : "people");
	}
	diag_add(out, DIAG_WARNING, rx->loc.file, rx->loc.line, rx->loc.col,
		 "%sregex '%s' matches nobody's role%s%s", what, rx->source, hint,
		 then);
}

static bool is_slug(const char *s)
{
	for (; *s; s++)
		if (!(*s >= 'a' && *s <= 'z') && !(*s >= '0' && *s <= '9') &&
		    !strchr("-_.", *s) && !(*s >= 'A' && *s <= 'Z'))
			return false;
	return true;
}

static bool known_param(const people_table *t, const table_param *p,
			size_t pos)
{
	if (!p->name)
		return pos < table_positional_params(t->kind);
	if (t->kind == TABLE_GROUP_BY_SLUGS)
		return true; /* range .Params reads every value */
	for (const char *const *k = table_known_params(t->kind); *k; k++)
		if (!strcmp(*k, p->name))
			return true;
	return false;
}

/* What Hugo renders silently for one table of a handbook page, or of
 * groups.yml (whose rules are the same calls). */
static void check_table(const roster *r, resolver *rs, const group *g,
			const people_table *t, diag_list *out)
{
	char buf[256];
	const char *name = t->shortcode;
	for (size_t i = 0; g->page && i < t->nparams; i++) {
		const table_param *p = &t->params[i];
		if (known_param(t, p, i))
			continue;
		if (p->name)
			diag_add(out, DIAG_WARNING, p->loc.file, p->loc.line, p->loc.col,
				 "%s has no parameter '%s'; Hugo ignores it", name,
				 p->name);
		else
			diag_add(out, DIAG_WARNING, p->loc.file, p->loc.line, p->loc.col,
				 "%s reads %zu positional parameter%s; '%s' is ignored",
				 name, table_positional_params(t->kind),
				 table_positional_params(t->kind) == 1 ? "" : "s",
				 p->value);
	}
	if (t->kind == TABLE_TEAM_BY_MANAGER_SLUG && t->manager &&
	    !roster_person(r, t->manager)) {
		closest_slugs(r, t->manager, buf, sizeof(buf));
		diag_add(out, DIAG_WARNING, t->manager_loc.file, t->manager_loc.line,
			 t->manager_loc.col,
			 "manager '%s' is not in the roster; the team is empty%s",
			 t->manager, g->page ? buf : "");
	}
	if (t->kind == TABLE_STABLE_COUNTERPARTS && t->manager && *t->manager &&
	    !t->manager_role && !roster_person(r, t->manager))
		diag_add(out, DIAG_WARNING, t->manager_loc.file, t->manager_loc.line,
			 t->manager_loc.col,
			 is_slug(t->manager)
			     ? "manager '%s' is not in the roster; nobody is excluded"
			     : "manager '%s' is not a slug; nobody is excluded",
			 t->manager);
	if (t->manager_role && !t->manager_role->invalid) {
		const person *first;
		size_t n = resolve_role_count(rs, t->manager_role, &first);
		const role_regex *rx = t->manager_role;
		if (n > 1)
			diag_add(out, DIAG_WARNING, rx->loc.file, rx->loc.line, rx->loc.col,
				 "manager-role '%s' matches %zu people; only the first, "
				 "'%s' (%s), counts", rx->source, n, first->slug,
				 first->name ? first->name : first->slug);
		else if (!n && t->kind == TABLE_STABLE_COUNTERPARTS && t->role)
			nobody(r, rx, "manager-role ",
			       "; Hugo's manager is then nil, so everyone with a "
			       "reports_to whose role matches 'role' is listed, the "
			       "manager's own reports too",
			       out);
	}
	if ((t->kind == TABLE_TEAM_BY_DEPARTMENTS && !t->named) ||
	    t->kind == TABLE_DEPARTMENT_MEMBERS)
		for (size_t i = 0; i < t->departments.n; i++)
			if (strchr(t->departments.v[i], ','))
				diag_add(out, DIAG_WARNING, t->loc.file, t->loc.line,
					 t->loc.col,
					 "%s: a positional department is not split on "
					 "commas: '%s' is one department%s",
					 name, t->departments.v[i],
					 t->kind == TABLE_TEAM_BY_DEPARTMENTS
					     ? " (use departments=\"A,B\")"
					     : "");
	if (t->kind == TABLE_GROUP_BY_SLUGS || t->kind == TABLE_MEMBER_AND_ROLE_BY_GITLAB)
		for (size_t i = 0; i < t->values.n; i++) {
			const char *v = t->values.v[i];
			bool found = v && (t->kind == TABLE_GROUP_BY_SLUGS
					       ? roster_person(r, v) != NULL
					       : roster_person_by_handle(r, v) != NULL);
			if (found || !v)
				continue;
			if (t->kind == TABLE_GROUP_BY_SLUGS)
				closest_slugs(r, v, buf, sizeof(buf));
			else
				buf[0] = '\0';
			srcloc at = t->loc; /* the parameter that names it */
			for (size_t k = 0; k < t->nparams; k++)
				if (t->params[k].value && !strcmp(t->params[k].value, v)) {
					at = t->params[k].loc;
					break;
				}
			diag_add(out, DIAG_WARNING, at.file, at.line, at.col,
				 "%s: no %s '%s'; the row is dropped%s", name,
				 t->kind == TABLE_GROUP_BY_SLUGS ? "person" : "GitLab user",
				 v, buf);
		}
}

/* "'A', 'B' or 'C'" of a list, cut short past a few. */
static void quoted_list(const strlist *l, char *buf, size_t size)
{
	size_t o = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < l->n && i < 4 && o < size; i++) {
		int k = snprintf(buf + o, size - o, "%s'%s'",
				 i == 0 ? "" : i + 1 == l->n ? " or " : ", ", l->v[i]);
		o += k > 0 ? (size_t)k : 0;
	}
	if (l->n > 4 && o < size)
		snprintf(buf + o, size - o, " or %zu more", l->n - 4);
}

/* Why table t (of group g) lists nobody, when nothing else says so
 * already: NULL then. Said already: a missing parameter the template
 * needs (the loader's error), an unknown manager slug ("the team is
 * empty"), a regex that is invalid or matches nobody (at the regex), an
 * unknown slug or handle of group-by-slugs or member-and-role-by-gitlab
 * (at its row), a groups.yml stable-counterparts without role (the
 * loader's warning). The handbook renders such a table as its header
 * alone, which nobody notices when a title change empties it. */
static const char *empty_reason(resolver *rs, const group *g, const people_table *t,
				const table_rows *rows, char *buf, size_t size)
{
	char list[200];
	role_regex *const rxs[] = {t->manager_role, t->role, t->team,
				   t->other_manager_roles};
	for (size_t i = 0; i < sizeof(rxs) / sizeof(*rxs); i++)
		if (rxs[i] && rxs[i]->invalid)
			return NULL; /* an error already */
	if (t->never_matches)
		return "a selector is not a string (a number or true/false), so the "
		       "template matches nobody";
	switch (t->kind) {
	case TABLE_TEAM_BY_MANAGER_SLUG:
	case TABLE_TEAM_BY_MANAGER_ROLE:
		return NULL; /* no manager: said above, or an error */
	case TABLE_TEAM_BY_DEPARTMENTS:
	case TABLE_DEPARTMENT_MEMBERS:
		if (!t->departments.n) /* department-members: an error */
			return t->kind == TABLE_TEAM_BY_DEPARTMENTS ? "it names no department"
								    : NULL;
		quoted_list(&t->departments, list, sizeof(list));
		snprintf(buf, size, "nobody's departments or team_tags include %s%s", list,
			 t->manager_role ? "" : ", and it has no manager-role");
		return buf;
	case TABLE_STABLE_COUNTERPARTS:
	case TABLE_MEMBERS_BY_ROLE: {
		if (!t->role) /* members-by-role: an error; groups.yml: a warning */
			return g->page && t->kind == TABLE_STABLE_COUNTERPARTS ? "it has no role"
									       : NULL;
		size_t n = resolve_role_count(rs, t->role, NULL);
		if (!n || t->kind == TABLE_MEMBERS_BY_ROLE)
			return NULL; /* the regex's own warning */
		if (rows->manager_nil)
			snprintf(buf, size,
				 "none of the %zu %s role '%s' matches has a reports_to "
				 "(manager-role matches nobody: Hugo's manager is nil)",
				 n, n == 1 ? "person" : "people", t->role->source);
		else if (rows->excluded)
			snprintf(buf, size,
				 "role '%s' matches %zu %s, each the manager '%s' or one of "
				 "their reports%s",
				 t->role->source, n, n == 1 ? "person" : "people", rows->excluded,
				 t->other_manager_roles ? ", or a report of a manager "
							  "other-manager-roles matches"
							: "");
		else
			snprintf(buf, size,
				 "role '%s' matches %zu %s, each a report of a manager "
				 "other-manager-roles matches",
				 t->role->source, n, n == 1 ? "person" : "people");
		return buf;
	}
	case TABLE_GROUP_BY_SLUGS:
	case TABLE_MEMBER_AND_ROLE_BY_GITLAB:
		for (size_t i = 0; i < t->values.n; i++)
			if (t->values.v[i])
				return NULL; /* each unknown one is said */
		if (t->kind == TABLE_MEMBER_AND_ROLE_BY_GITLAB && !t->named && !t->nparams)
			return NULL; /* the template's errorf, said by the loader */
		return t->values.n ? "none of its values is a string" : "it names nobody";
	case TABLE_GROUP_BY_EXPERTISE:
		if (!t->term || !*t->term)
			return NULL; /* an error */
		snprintf(buf, size, "nobody's expertise holds '%s'", t->term);
		return buf;
	case TABLE_NKINDS:
		break;
	}
	return NULL;
}

static void check_empty(resolver *rs, const group *g, const people_table *t,
			diag_list *out)
{
	const table_rows *rows = resolve_table(rs, t);
	char buf[512];
	const char *why =
	    rows && !rows->people.n ? empty_reason(rs, g, t, rows, buf, sizeof(buf)) : NULL;
	if (why)
		diag_add(out, DIAG_WARNING, t->loc.file, t->loc.line, t->loc.col,
			 "%s table lists nobody: %s", t->shortcode, why);
}

static void check_tables(const roster *r, resolver *rs, diag_list *out,
			 bool *said)
{
	for (size_t i = 0; i < r->ngroups; i++) {
		const group *g = &r->groups[i];
		for (size_t k = 0; k < g->ntables; k++) {
			const people_table *t = &g->tables[k];
			check_table(r, rs, g, t, out);
			check_empty(rs, g, t, out);
			if (t->kind == TABLE_STABLE_COUNTERPARTS && t->role &&
			    t->manager_role) /* said with what nil does */
				said[t->manager_role->id] = true;
		}
		for (size_t k = 0; k < g->nstaff; k++)
			if (!g->staff[k].person)
				diag_add(out, DIAG_WARNING, g->staff[k].loc.file,
					 g->staff[k].loc.line, g->staff[k].loc.col,
					 "%s '%s' of group '%s' is nobody in the roster "
					 "(stages.yml names people by exact name or "
					 "GitLab handle)",
					 g->staff[k].field, g->staff[k].name, g->id);
	}
}

static void check_regexes(const roster *r, resolver *rs, diag_list *out,
			  const bool *said)
{
	for (size_t k = 0; k < r->npatterns; k++) {
		const role_regex *rx = r->patterns[k];
		if (rx->invalid || said[k])
			continue; /* already an error */
		if (!resolve_role_count(rs, rx, NULL))
			nobody(r, rx, "", "", out);
	}
}

/* Each person has at most one manager, so the reports_to graph is a set of
 * chains that may end in a loop: colour it once, report each loop once. */
static void check_cycles(const roster *r, diag_list *out)
{
	size_t n = r->npeople;
	unsigned char *colour = calloc(n + 1, 1); /* 0 new, 1 on path, 2 done */
	size_t *path = malloc((n + 1) * sizeof(size_t));
	if (!colour || !path) {
		free(colour);
		free(path);
		return;
	}
	for (size_t start = 0; start < n; start++) {
		size_t len = 0, i = start;
		while (colour[i] == 0) {
			colour[i] = 1;
			path[len++] = i;
			const person *m = roster_person(r, r->people[i].reports_to);
			if (!m)
				break;
			i = m->index;
		}
		if (colour[i] == 1 && len && r->people[path[len - 1]].reports_to &&
		    roster_person(r, r->people[path[len - 1]].reports_to) ==
			&r->people[i]) {
			/* the loop is path[j..len) where path[j] == i */
			size_t j = 0;
			while (path[j] != i)
				j++;
			size_t first = path[j];
			for (size_t q = j; q < len; q++)
				if (path[q] < first)
					first = path[q];
			char msg[1024];
			size_t o = 0;
			/* print the loop starting from its first person in roster order */
			size_t at = j;
			while (path[at] != first)
				at++;
			for (size_t q = 0; q <= len - j && o < sizeof(msg) - 64; q++) {
				size_t idx = path[j + (at - j + q) % (len - j)];
				o += (size_t)snprintf(msg + o, sizeof(msg) - o, "%s%s",
						      q ? " -> " : "", r->people[idx].slug);
			}
			const person *f = &r->people[first];
			diag_add(out, DIAG_WARNING, f->reports_to_loc.file,
				 f->reports_to_loc.line, f->reports_to_loc.col,
				 "reports_to cycle: %s", msg);
		}
		for (size_t q = 0; q < len; q++)
			colour[path[q]] = 2;
	}
	free(colour);
	free(path);
}

void check_roster(const roster *r, resolver *rs, diag_list *out)
{
	bool *said = calloc(r->npatterns + 1, sizeof(bool));
	if (!r->npeople) /* every table would be empty: one error says why */
		free(said), said = NULL;
	if (said) {
		check_tables(r, rs, out, said);
		check_regexes(r, rs, out, said);
	}
	free(said);
	check_cycles(r, out);
	resolve_all(rs);
	const diag_list *rd = resolve_diags(rs);
	for (size_t i = 0; i < rd->count; i++) {
		const diag *d = &rd->items[i];
		diag_add(out, d->severity, d->file, d->line, d->column, "%s",
			 d->message);
	}
}

/* ------------------------------------------------ what `check` reports */

/* The loader's diagnostics and the lints, files as the loader named them,
 * unsorted. */
static void lint_all(const roster *r, const diag_list *loaded, diag_list *out)
{
	diag_init(out);
	diag_append(out, loaded);
	resolver *rs = resolver_new(r); /* fresh: nothing cached changes a word */
	if (rs)
		check_roster(r, rs, out);
	else
		diag_add(out, DIAG_ERROR, "", 0, 0,
			 "out of memory: the roster was not checked");
	resolver_free(rs);
}

struct where {
	const roster_input *in;
	const char *cwd;
};

static char *rename_file(const char *file, void *ctx)
{
	const struct where *w = ctx;
	return check_path(w->in, file, w->cwd);
}

void check_report(const roster_input *in, const roster *r,
		  const diag_list *loaded, const char *cwd, diag_list *out)
{
	lint_all(r, loaded, out);
	struct where w = {in, cwd};
	diag_map_files(out, rename_file, &w);
	diag_sort(out); /* by the names shown: the order the reader sees */
}

void check_counts(const roster *r, const diag_list *loaded, size_t *errors,
		  size_t *warnings)
{
	if (snapshot_lint_counts(r, errors, warnings)) { /* counted when written */
		*errors += loaded->errors;
		*warnings += loaded->warnings;
		return;
	}
	diag_list l;
	lint_all(r, loaded, &l);
	*errors = l.errors;
	*warnings = l.warnings;
	diag_free(&l);
}

/* The length of s without its trailing slashes (a lone "/" is kept). */
static size_t trimmed_len(const char *s)
{
	size_t n = strlen(s);
	while (n > 1 && s[n - 1] == '/')
		n--;
	return n;
}

/* Is `file` the path `given` (as the user wrote it), or under it? */
static bool is_given(const char *given, const char *file, bool under)
{
	if (!given || !*given)
		return false;
	size_t n = trimmed_len(given);
	if (strncmp(file, given, n))
		return false;
	return trimmed_len(file) == n || (under && file[n] == '/');
}

/* p made relative to cwd when it is absolute and inside it (malloc'd). */
static char *shorten(const char *p, const char *cwd)
{
	size_t n = cwd && cwd[0] == '/' ? trimmed_len(cwd) : 0;
	if (p[0] == '/' && n > 1 && !strncmp(p, cwd, n)) {
		if (p[n] == '\0')
			return strdup(".");
		if (p[n] == '/') {
			const char *rest = p + n;
			while (*rest == '/')
				rest++;
			return strdup(*rest ? rest : ".");
		}
	}
	return strdup(p);
}

char *check_path(const roster_input *in, const char *file, const char *cwd)
{
	if (!file || !*file)
		return strdup("");
	const char *dir = in ? in->dir : NULL;
	if (file[0] == '/' || !dir || !*dir || is_given(dir, file, false) ||
	    (in && (is_given(in->people, file, true) ||
		    is_given(in->data, file, true))))
		return shorten(file, cwd); /* named as the user gave it */
	/* the roster's own file: under the directory as it was given */
	while (dir[0] == '.' && dir[1] == '/') { /* "./data" is "data" */
		dir += 2;
		while (*dir == '/')
			dir++;
	}
	size_t n = *dir ? trimmed_len(dir) : 0;
	if (n == 1 && dir[0] == '.')
		n = 0; /* the roster is where teamtui runs: "team.yml" */
	size_t len = n + 1 + strlen(file) + 1;
	char *p = malloc(len);
	if (!p)
		return NULL;
	if (n)
		snprintf(p, len, "%.*s%s%s", (int)n, dir,
			 dir[n - 1] == '/' ? "" : "/", file);
	else
		snprintf(p, len, "%s", file);
	char *s = shorten(p, cwd);
	free(p);
	return s;
}

/* Does p have a "." or ".." component? ($PWD must not, as for pwd -L) */
static bool has_dots(const char *p)
{
	for (const char *c = p; (c = strchr(c, '/')); c++) {
		const char *e = c + 1;
		if (e[0] == '.' && (e[1] == '/' || !e[1] ||
				    (e[1] == '.' && (e[2] == '/' || !e[2]))))
			return true;
	}
	return false;
}

char *check_cwd(void)
{
	const char *pwd = getenv("PWD");
	struct stat a, b;
	if (pwd && pwd[0] == '/' && !has_dots(pwd) && !stat(pwd, &a) &&
	    !stat(".", &b) && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
		return strdup(pwd);
	size_t size = 256;
	for (;;) { /* getcwd(NULL, 0) is not POSIX */
		char *buf = malloc(size);
		if (!buf)
			return NULL;
		if (getcwd(buf, size))
			return buf;
		free(buf);
		if (errno != ERANGE || size > 65536)
			return NULL;
		size *= 2;
	}
}

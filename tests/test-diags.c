/* test-diags.c: the TUI's `!` lists exactly what `teamtui check` prints
 * (issue 10). For several rosters, each given as a relative path, as an
 * absolute path from inside the source tree and as an absolute path from
 * elsewhere, the rows the diagnostics view builds (in-process, the way
 * the TUI builds them) are compared line for line with what the teamtui
 * binary ($TEAMTUI, else ./teamtui) prints for `check` from the same
 * directory; check_counts with check's totals; each row's file:line:column
 * with its text; then how check_path names files, and a reload. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"
#include "teamtui/check.h"
#include "teamtui/sanitize.h"
#include "teamtui/ui.h"

static char start_dir[PATH_MAX]; /* where the test was started */
static char abs_src[PATH_MAX];	 /* $srcdir, absolute */
static const char *rel_src;	 /* $srcdir as given (make: "..") */
static char *home;		 /* an empty HOME: no config file */

/* A single-quoted shell word (malloc'd). */
static char *quoted(const char *s)
{
	size_t n = 3;
	for (const char *c = s; *c; c++)
		n += *c == '\'' ? 4 : 1;
	char *q = malloc(n), *o = q;
	*o++ = '\'';
	for (const char *c = s; *c; c++) {
		if (*c == '\'') {
			memcpy(o, "'\\''", 4);
			o += 4;
		} else {
			*o++ = *c;
		}
	}
	*o++ = '\'';
	*o = '\0';
	return q;
}

typedef struct {
	char **v;
	size_t n;
} lines;

static void lines_free(lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static void lines_add(lines *l, const char *s)
{
	l->v = realloc(l->v, (l->n + 1) * sizeof(char *));
	if (!l->v)
		exit(99);
	l->v[l->n++] = strdup(s);
}

/* What `teamtui --roster DIR [--people P] [--data D] check` prints, run
 * in `cwd`, one entry a line; *rc its exit status. */
static lines run_check(const char *cwd, const roster_input *in, int *rc)
{
	const char *prog = getenv("TEAMTUI");
	char bin[PATH_MAX + 16];
	if (!prog || !*prog) {
		snprintf(bin, sizeof(bin), "%s/teamtui", start_dir);
		prog = bin;
	} else if (prog[0] != '/') { /* relative to where the test started */
		snprintf(bin, sizeof(bin), "%s/%s", start_dir, prog);
		prog = bin;
	}
	char *qc = quoted(cwd), *qh = quoted(home), *qp = quoted(prog),
	     *qd = quoted(in->dir);
	char *qpe = in->people ? quoted(in->people) : NULL;
	char *qda = in->data ? quoted(in->data) : NULL;
	size_t n = strlen(qc) + strlen(qh) * 2 + strlen(qp) + strlen(qd) +
		   (qpe ? strlen(qpe) : 0) + (qda ? strlen(qda) : 0) + 256;
	char *cmd = malloc(n);
	snprintf(cmd, n,
		 "cd %s && unset TEAMTUI_ROSTER && HOME=%s XDG_CONFIG_HOME=%s "
		 "LC_ALL=C.UTF-8 %s --roster %s%s%s%s%s check </dev/null",
		 qc, qh, qh, qp, qd, qpe ? " --people " : "", qpe ? qpe : "",
		 qda ? " --data " : "", qda ? qda : "");
	lines out = {0};
	FILE *p = popen(cmd, "r");
	if (!p) {
		perror("popen");
		exit(99);
	}
	char *buf = NULL;
	size_t cap = 0;
	ssize_t len;
	while ((len = getline(&buf, &cap, p)) >= 0) {
		if (len && buf[len - 1] == '\n')
			buf[len - 1] = '\0';
		lines_add(&out, buf);
	}
	free(buf);
	int st = pclose(p);
	*rc = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	free(qc), free(qh), free(qp), free(qd), free(qpe), free(qda), free(cmd);
	return out;
}

static void go(const char *dir)
{
	if (chdir(dir) != 0) {
		perror(dir);
		exit(99);
	}
	setenv("PWD", dir, 1); /* as a shell's cd would */
}

/* The diagnostics view of roster `in`, built in `cwd` as the TUI builds
 * it; its rows compared with `check` run there. Returns the view's
 * diagnostic lines (for exact checks by the caller). */
/* The diagnostics the view lists (one selectable row each; a long one
 * wraps onto text rows after it). */
static size_t entries(const view *v)
{
	size_t n = 0;
	for (size_t i = 0; i < v->rows.n; i++)
		n += v->rows.v[i].kind == ROW_CHANNEL;
	return n;
}

static lines compare(const char *what, const char *cwd, const roster_input *in)
{
	int rc;
	lines want = run_check(cwd, in, &rc);
	go(cwd);
	diag_list d;
	diag_init(&d);
	roster *r = roster_load_input(in, &d);
	tui t = {.dir = in->dir, .input = in, .r = r, .diags = d};
	view *v = ui_view_new(&t, ui_views[VIEW_DIAGS], NULL);
	lines got = {0};
	char heading[512] = "";
	bool rows_ok = v != NULL, locs_ok = v != NULL;
	for (size_t i = 0; v && i < v->rows.n; i++) {
		const row *rw = &v->rows.v[i];
		if (i == 0) {
			snprintf(heading, sizeof(heading), "%s", rw->cells[0]);
			continue;
		}
		if (rw->kind == ROW_TEXT && rw->indent > 0)
			continue; /* a long line's later lines (wrapped) */
		/* a diagnostic's row: its whole line is what y copies */
		const char *text = rw->kind == ROW_CHANNEL ? rw->copy : rw->cells[0];
		lines_add(&got, text ? text : "(null)");
		if (rw->kind == ROW_TEXT) /* "(N more not shown)" */
			continue;
		/* the row's location is the start of its text */
		char *f = sanitize(rw->file ? rw->file : "", SANITIZE_VISIBLE);
		char loc[4200];
		if (rw->line > 0)
			snprintf(loc, sizeof(loc), "%s:%d:%d: ", f, rw->line, rw->column);
		else
			snprintf(loc, sizeof(loc), "%s%s", f, *f ? ": " : "");
		if (strncmp(rw->copy, loc, strlen(loc)) ||
		    strncmp(rw->copy, rw->cells[0], strlen(rw->cells[0]))) {
			if (locs_ok)
				printf("# row %zu: location '%s' vs '%s'\n", i, loc, rw->cells[0]);
			locs_ok = false;
		}
		free(f);
	}
	/* check's last line is its totals; the view says them first */
	const char *totals = want.n ? want.v[want.n - 1] : "";
	size_t nwant = want.n ? want.n - 1 : 0;
	if (got.n != nwant) {
		printf("# %zu rows, check printed %zu lines\n", got.n, nwant);
		rows_ok = false;
	}
	for (size_t i = 0; i < got.n && i < nwant; i++)
		if (strcmp(got.v[i], want.v[i])) {
			if (rows_ok)
				printf("# line %zu:\n#   view:  %s\n#   check: %s\n", i + 1,
				       got.v[i], want.v[i]);
			rows_ok = false;
		}
	tap_ok(rows_ok, "%s: every line of check, in its order, and nothing else", what);
	char want_head[600];
	snprintf(want_head, sizeof(want_head), "%s in %s", totals, in->dir);
	tap_is_str(heading, want_head, "  ... the heading: check's totals");
	tap_ok(locs_ok, "  ... each row carries its file:line:column");
	size_t errors = 0, warnings = 0;
	check_counts(r, &d, &errors, &warnings);
	char counts[128];
	snprintf(counts, sizeof(counts), "%zu error%s, %zu warning%s", errors,
		 errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
	tap_is_str(counts, totals, "  ... check_counts: the same totals");
	tap_is_int(rc, errors ? 1 : 0, "  ... check's exit status");
	if (v) {
		rows_free(&v->rows);
		free(v);
	}
	roster_free(r);
	diag_free(&d);
	lines_free(&want);
	go(start_dir);
	return got;
}

static char *path2(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 2;
	char *p = malloc(n);
	snprintf(p, n, "%s/%s", a, b);
	return p;
}

/* One roster three ways: relative from the test's directory, absolute
 * from the source tree, absolute from a directory outside it. The lines
 * of the last two come back in *in_src and *outside (freed by the
 * caller with lines_free). */
static void three_ways(const char *rel, const char *people, const char *data,
		       const char *outside_dir, lines *in_src, lines *outside)
{
	char *r1 = path2(rel_src, rel), *r2 = path2(abs_src, rel);
	char *p1 = people ? path2(rel_src, people) : NULL;
	char *p2 = people ? path2(abs_src, people) : NULL;
	char *d1 = data ? path2(rel_src, data) : NULL;
	char *d2 = data ? path2(abs_src, data) : NULL;
	char what[600];
	roster_input a = {r1, p1, d1, NULL}, b = {r2, p2, d2, NULL};
	snprintf(what, sizeof(what), "%s%s%s, given as %s", rel,
		 people ? " --people " : "", people ? people : "", r1);
	lines l = compare(what, start_dir, &a);
	lines_free(&l);
	snprintf(what, sizeof(what), "%s%s%s, absolute, from the source tree", rel,
		 people ? " --people " : "", people ? people : "");
	l = compare(what, abs_src, &b);
	if (in_src)
		*in_src = l;
	else
		lines_free(&l);
	snprintf(what, sizeof(what), "%s%s%s, absolute, from elsewhere", rel,
		 people ? " --people " : "", people ? people : "");
	l = compare(what, outside_dir, &b);
	if (outside)
		*outside = l;
	else
		lines_free(&l);
	free(r1), free(r2), free(p1), free(p2), free(d1), free(d2);
}

static const char *first(const lines *l)
{
	return l->n ? l->v[0] : "(none)";
}

static void test_rosters(void)
{
	char *elsewhere = t_mkdir();
	char real[PATH_MAX];
	if (realpath(elsewhere, real))
		elsewhere = real;
	lines src = {0}, out = {0};

	/* the handbook sample: its 8 warnings are all lints */
	three_ways("data/handbook", NULL, NULL, elsewhere, &src, &out);
	tap_is_int((long long)src.n, 8, "data/handbook: the 8 warnings of check");
	tap_is_str(first(&src),
		   "data/handbook/content/handbook/engineering/ai/_index.md:16:85: warning: "
		   "group-by-slugs: no person 'ai-powered-director-tbh'; the row is dropped",
		   "  ... named from the source tree, where the editor opens them");
	char want[PATH_MAX + 200];
	snprintf(want, sizeof(want),
		 "%s/data/handbook/data/public/stages.yml:232:13: warning: pm 'Idris "
		 "Bello (Interim)' of group 'container_registry' is nobody in the roster "
		 "(stages.yml names people by exact name or GitLab handle)",
		 abs_src);
	tap_is_str(out.n ? out.v[out.n - 1] : "(none)", want,
		   "  ... absolute from elsewhere (a lint of stages.yml, last in file order)");
	lines_free(&src);
	lines_free(&out);

	three_ways("data", NULL, NULL, elsewhere, NULL, NULL);
	three_ways("tests/golden/fixtures/lint", NULL, NULL, elsewhere, &src, NULL);
	tap_is_int((long long)src.n, 16, "lint: 12 errors and 4 warnings, lints among them");
	tap_is_str(src.n > 3 ? src.v[3] : "(none)",
		   "tests/golden/fixtures/lint/groups.yml:28:16: warning: manager "
		   "'gus-nobody' is not in the roster; the team is empty",
		   "  ... a lint between the loader's errors, in line order");
	lines_free(&src);
	three_ways("tests/golden/fixtures/regex-columns", NULL, NULL, elsewhere, NULL, NULL);
	three_ways("tests/golden/fixtures/hostile", NULL, NULL, elsewhere, &src, NULL);
	tap_is_str(first(&src),
		   "tests/golden/fixtures/hostile/groups.yml:22:12: error: unknown stage "
		   "'deploy\\x1b[31m'",
		   "hostile: controls shown as check shows them (\\x1b), not dropped");
	lines_free(&src);
	three_ways("tests/golden/fixtures/edge", NULL, NULL, elsewhere, NULL, NULL);
	three_ways("tests/golden/fixtures/hb-hostile", NULL, NULL, elsewhere, NULL, NULL);
	/* --people outside the checkout: named as given, not under the roster */
	three_ways("data/handbook", "data/team_members", NULL, elsewhere, NULL, NULL);
	three_ways("tests/golden/fixtures/no-such-roster", NULL, NULL, elsewhere, &src, NULL);
	tap_is_str(first(&src),
		   "tests/golden/fixtures/no-such-roster: error: roster directory: No such "
		   "file or directory",
		   "a missing roster: the directory as given, not inside itself");
	lines_free(&src);

	/* past DIAG_MAX: the same lines, the same "(N more not shown)"; the
	 * lint comes after the loader's 10010 errors, so it is counted only */
	char *big = t_mkdir();
	size_t n = 10010, size = n * 64 + 64, o = 0;
	char *team = malloc(size);
	for (size_t i = 0; i < n; i++)
		o += (size_t)snprintf(team + o, size - o,
				      "- slug: p%zu\n  name: P %zu\n  public: maybe\n", i, i);
	t_write(big, "team.yml", team);
	t_write(big, "groups.yml",
		"sections:\n  core:\n    name: Core\nstages:\n  build:\n"
		"    name: Build\n    section: core\ngroups:\n  widgets:\n"
		"    name: Widgets\n    stage: build\n    team-by-manager-slug:\n"
		"      manager: nobody-at-all\n");
	free(team);
	roster_input in = {big, NULL, NULL, NULL};
	lines l = compare("10010 errors and a lint (past the cap of 10000)", elsewhere, &in);
	tap_is_str(l.n ? l.v[l.n - 1] : "(none)", "(11 more not shown)",
		   "  ... the last row says how many more, as check does");
	tap_is_int((long long)l.n, 10001, "  ... after the 10000 it keeps");
	lines_free(&l);
}

/* A reload gives the view a new roster: built again, the lints are the
 * new roster's, not kept from the old one. */
static void test_reload(void)
{
	char *lint = path2(abs_src, "tests/golden/fixtures/lint");
	char *hb = path2(abs_src, "data/handbook");
	roster_input a = {lint, NULL, NULL, NULL}, b = {hb, NULL, NULL, NULL};
	diag_list d;
	diag_init(&d);
	roster *r = roster_load_input(&a, &d);
	tui t = {.dir = lint, .input = &a, .r = r, .diags = d};
	view *v = ui_view_new(&t, ui_views[VIEW_DIAGS], NULL);
	tap_ok(v && entries(v) == 16, "lint: a heading and 16 diagnostics");
	roster_free(t.r);
	diag_free(&t.diags);
	diag_init(&d);
	t.r = roster_load_input(&b, &d);
	t.diags = d;
	t.input = &b;
	t.dir = hb;
	rows_clear(&v->rows);
	tap_ok(v->ops->build(v, &t), "rebuilt after the roster changed");
	char want[PATH_MAX + 64];
	snprintf(want, sizeof(want), "0 errors, 8 warnings in %s", hb);
	tap_is_str(v->rows.n ? v->rows.v[0].cells[0] : "(none)", want,
		   "  ... the new roster's totals, lints included");
	tap_is_int((long long)entries(v), 8, "  ... and its 8 diagnostics, no more");
	tap_ok(v->rows.n > 1 && v->rows.v[1].file && v->rows.v[1].line == 16 &&
		       v->rows.v[1].column == 85,
	       "  ... each with its location (the first: line 16, column 85)");
	rows_free(&v->rows);
	free(v);
	roster_free(t.r);
	diag_free(&t.diags);
	free(lint);
	free(hb);
}

static void path(const roster_input *in, const char *file, const char *cwd,
		 const char *want, const char *name)
{
	char *p = check_path(in, file, cwd);
	tap_is_str(p, want, name);
	free(p);
}

static void test_paths(void)
{
	roster_input rel = {"data/handbook", NULL, NULL, NULL};
	path(&rel, "team.yml", "/home/u/src", "data/handbook/team.yml",
	     "a roster's file under the directory as given");
	path(&rel, "", "/home/u/src", "", "no file stays no file");
	roster_input slash = {"data/handbook//", NULL, NULL, NULL};
	path(&slash, "team.yml", NULL, "data/handbook/team.yml", "trailing slashes dropped");
	roster_input dot = {".", NULL, NULL, NULL}, dotslash = {"./data", NULL, NULL, NULL};
	path(&dot, "groups.yml", "/x", "groups.yml", "roster '.': the name alone");
	path(&dotslash, "groups.yml", "/x", "data/groups.yml", "'./data' is 'data'");
	roster_input up = {"../hb", NULL, NULL, NULL};
	path(&up, "team.yml", "/home/u/src", "../hb/team.yml",
	     "a relative directory is already relative to where teamtui runs");
	roster_input abs = {"/home/u/hb", NULL, NULL, NULL};
	path(&abs, "content/handbook/a.md", "/home/u/hb", "content/handbook/a.md",
	     "absolute, started in the roster: relative");
	path(&abs, "content/handbook/a.md", "/home/u", "hb/content/handbook/a.md",
	     "absolute, started above it: relative");
	path(&abs, "content/handbook/a.md", "/home/u/hb/content", "handbook/a.md",
	     "absolute, started inside the roster: relative to there");
	path(&abs, "team.yml", "/home/u/hb/content", "/home/u/hb/team.yml",
	     "absolute, not under where it started (no ../): absolute");
	path(&abs, "team.yml", "/home/u/h", "/home/u/hb/team.yml",
	     "a directory whose name merely starts like cwd is not inside it");
	path(&abs, "team.yml", "/tmp", "/home/u/hb/team.yml", "elsewhere: absolute");
	path(&abs, "team.yml", NULL, "/home/u/hb/team.yml", "cwd unknown: absolute");
	path(&abs, "team.yml", "/", "/home/u/hb/team.yml", "started in /: absolute");
	path(&abs, "/home/u/hb", "/home/u", "hb",
	     "the directory itself (it cannot be read): as given, then shortened");
	roster_input people = {"/home/u/hb", "tm", "../www/data", NULL};
	path(&people, "tm/person/a.yml", "/home/u", "tm/person/a.yml",
	     "--people: named as given, not under the roster");
	path(&people, "tm", "/home/u", "tm", "--people itself");
	path(&people, "../www/data/stages.yml", "/home/u", "../www/data/stages.yml",
	     "--data: as given");
	path(&people, "tmx/a.yml", "/home/u", "hb/tmx/a.yml",
	     "a roster file that only starts with the --people name is the roster's");
	path(&people, "/home/u/.config/teamtui/config.yml", "/home/u",
	     ".config/teamtui/config.yml", "the config file: absolute, shortened");
	roster_input missing = {"nosuch/", NULL, NULL, NULL};
	path(&missing, "nosuch/", NULL, "nosuch/", "the directory as given, slash and all");
}

int main(void)
{
	if (!getcwd(start_dir, sizeof(start_dir)))
		return 99;
	rel_src = getenv("srcdir");
	if (!rel_src || !*rel_src)
		rel_src = ".";
	if (!realpath(rel_src, abs_src))
		return 99;
	home = t_mkdir();
	test_paths();
	test_rosters();
	test_reload();
	return tap_done();
}

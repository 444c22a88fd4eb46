/* tap.c: see tap.h. */
#include "tap.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int n_run, n_failed;

/* Strings handed to tests live until tap_done() frees them all. */
static char **kept;
static size_t nkept, capkept;

static char *keep(char *s)
{
	if (nkept == capkept) {
		capkept = capkept ? capkept * 2 : 64;
		kept = realloc(kept, capkept * sizeof(*kept));
		if (!kept)
			exit(99);
	}
	kept[nkept++] = s;
	return s;
}
static char *dirs[64];
static size_t ndirs;

bool tap_ok(bool cond, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("%s %d - ", cond ? "ok" : "not ok", ++n_run);
	vprintf(fmt, ap);
	putchar('\n');
	va_end(ap);
	if (!cond)
		n_failed++;
	fflush(stdout);
	return cond;
}

bool tap_is_str(const char *got, const char *want, const char *name)
{
	bool ok = got && want ? !strcmp(got, want) : got == want;
	if (!tap_ok(ok, "%s", name)) {
		printf("#   got:  '%s'\n#   want: '%s'\n", got ? got : "(null)",
		       want ? want : "(null)");
	}
	return ok;
}

bool tap_is_int(long long got, long long want, const char *name)
{
	bool ok = got == want;
	if (!tap_ok(ok, "%s", name))
		printf("#   got: %lld, want: %lld\n", got, want);
	return ok;
}

static void rm_rf(const char *dir)
{
	char cmd[4200];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
}

int tap_done(void)
{
	for (size_t i = 0; i < nkept; i++)
		free(kept[i]);
	free(kept);
	for (size_t i = 0; i < ndirs; i++) {
		rm_rf(dirs[i]);
		free(dirs[i]);
	}
	printf("1..%d\n", n_run);
	return n_failed ? 1 : 0;
}

char *t_mkdir(void)
{
	const char *tmp = getenv("TMPDIR");
	char *p = malloc(4096);
	snprintf(p, 4096, "%s/teamtui-test.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(p)) {
		perror("mkdtemp");
		exit(99);
	}
	if (ndirs < sizeof(dirs) / sizeof(*dirs))
		dirs[ndirs++] = p;
	else
		keep(p);
	return p;
}

void t_write(const char *dir, const char *name, const char *content)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	for (char *s = path + strlen(dir) + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		if (mkdir(path, 0700) < 0 && errno != EEXIST) {
			perror(path);
			exit(99);
		}
		*s = '/';
	}
	FILE *f = fopen(path, "w");
	if (!f || fputs(content, f) < 0 || fclose(f) != 0) {
		perror(path);
		exit(99);
	}
}


const char *t_join(const strlist *l)
{
	size_t n = 1;
	for (size_t i = 0; i < l->n; i++)
		n += strlen(l->v[i]) + 1;
	char *s = calloc(1, n);
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			strcat(s, "|");
		strcat(s, l->v[i]);
	}
	return keep(s);
}

const char *t_slugs(const plist *l)
{
	size_t n = 1;
	for (size_t i = 0; i < l->n; i++)
		n += strlen(l->v[i]->slug) + 1;
	char *s = calloc(1, n);
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			strcat(s, " ");
		strcat(s, l->v[i]->slug);
	}
	return keep(s);
}

const char *t_diags(const diag_list *d)
{
	size_t n = 1;
	char line[2048];
	for (size_t i = 0; i < d->count; i++) {
		diag_format(&d->items[i], line, sizeof(line));
		n += strlen(line) + 1;
	}
	char *s = calloc(1, n);
	for (size_t i = 0; i < d->count; i++) {
		diag_format(&d->items[i], line, sizeof(line));
		if (i)
			strcat(s, "\n");
		strcat(s, line);
	}
	return keep(s);
}

roster *t_roster(const char *team_yml, const char *groups_yml, diag_list *d)
{
	char *dir = t_mkdir();
	if (team_yml)
		t_write(dir, "team.yml", team_yml);
	if (groups_yml)
		t_write(dir, "groups.yml", groups_yml);
	return roster_load(dir, d);
}

const char *t_team(roster *r, const char *id)
{
	const group *g = roster_group(r, id);
	if (!g)
		return "(no such group)";
	resolver *rs = resolver_new(r);
	const group_team *t = resolve_group(rs, g);
	const char *m = t_slugs(&t->members), *c = t_slugs(&t->counterparts);
	char *s = malloc(strlen(m) + strlen(c) + 4);
	sprintf(s, "%s | %s", m, c);
	resolver_free(rs);
	return keep(s);
}

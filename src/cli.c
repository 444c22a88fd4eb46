/* cli.c: `teamtui [--roster DIR] [--json] COMMAND [ARG]`. Options may come
 * before or after the command, as scripts write them both ways. */
#include "teamtui/cli.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "teamtui/check.h"
#include "teamtui/config.h"
#include "teamtui/gitlab.h"
#include "teamtui/out_json.h"
#include "teamtui/out_okrs.h"
#include "teamtui/out_text.h"
#include "teamtui/resolve.h"
#include "teamtui/roster.h"
#include "teamtui/sanitize.h"
#include "teamtui/screen.h"
#include "teamtui/search.h"
#include "teamtui/suggest.h"
#include "teamtui/ui.h"

struct args {
	const char *roster;
	bool json, help, version, offline, refresh;
	const char *command;
	const char *arg;
	char query[1024]; /* who: every word after the command */
	long limit;	  /* who --limit */
};

static const char usage_text[] =
    "usage: teamtui [--roster DIR] [--json] [COMMAND [ARG]]\n"
    "\n"
    "commands:\n"
    "  groups        the tree of sections, stages and groups\n"
    "  show GROUP    a group card: manager, members, counterparts, channels,\n"
    "                labels, links, OKR source\n"
    "  person SLUG   a person card (SLUG or @gitlab-handle)\n"
    "  check         lint the roster (file:line:column: error|warning: ...)\n"
    "  who QUERY     who do I ask? people and groups ranked, each with why\n"
    "                (--limit N, default 10)\n"
    "  okrs GROUP    the group's OKRs from GitLab (--offline: the cache only;\n"
    "                --refresh: ask GitLab even when the cache is fresh)\n"
    "  (none)        the interactive directory; the groups tree when stdout\n"
    "                is not a terminal or TERM is dumb\n"
    "\n"
    "options:\n"
    "  --roster DIR  the roster directory (else $TEAMTUI_ROSTER, then\n"
    "                'roster:' in ~/.config/teamtui/config.yml, then the\n"
    "                bundled sample)\n"
    "  --json        print JSON instead of text\n"
    "  -h, --help    this help\n"
    "  --version     the version\n"
    "\n"
    "exit status: 0 ok, 1 not found or roster errors, 2 usage\n";

static int usage_error(const char *fmt, const char *arg)
{
	char *shown = sanitize(arg, SANITIZE_VISIBLE);
	fputs("teamtui: ", stderr);
	fprintf(stderr, fmt, shown ? shown : "");
	free(shown);
	fputs("\nTry 'teamtui --help'.\n", stderr);
	return CLI_USAGE;
}

static int parse_args(int argc, char **argv, struct args *a)
{
	bool options_done = false;
	for (int i = 1; i < argc; i++) {
		const char *s = argv[i];
		if (!options_done && s[0] == '-' && s[1]) {
			if (!strcmp(s, "--")) {
				options_done = true;
			} else if (!strcmp(s, "--json")) {
				a->json = true;
			} else if (!strcmp(s, "--offline")) {
				a->offline = true;
			} else if (!strcmp(s, "--refresh")) {
				a->refresh = true;
			} else if (!strcmp(s, "-h") || !strcmp(s, "--help")) {
				a->help = true;
			} else if (!strcmp(s, "--version")) {
				a->version = true;
			} else if (!strcmp(s, "--roster")) {
				if (i + 1 >= argc)
					return usage_error("--roster needs a directory%s", "");
				a->roster = argv[++i];
			} else if (!strncmp(s, "--roster=", 9)) {
				a->roster = s + 9;
			} else if (!strcmp(s, "--limit") || !strncmp(s, "--limit=", 8)) {
				const char *v = s[7] == '=' ? s + 8 : i + 1 < argc ? argv[++i] : "";
				char *end;
				a->limit = strtol(v, &end, 10);
				if (!*v || *end || a->limit < 1 || a->limit > 10000)
					return usage_error("--limit needs a number from 1 to 10000, not '%s'", v);
			} else {
				return usage_error("unknown option '%s'", s);
			}
		} else if (!a->command) {
			a->command = s;
		} else if (!strcmp(a->command, "who")) {
			/* who takes the rest as one query: teamtui who custom models */
			size_t l = strlen(a->query);
			snprintf(a->query + l, sizeof(a->query) - l, "%s%s", l ? " " : "", s);
			a->arg = a->query;
		} else if (!a->arg) {
			a->arg = s;
		} else {
			return usage_error("unexpected argument '%s'", s);
		}
	}
	return CLI_OK;
}

/* "no group 'x'; did you mean: a, b?" on one line. */
static void not_found(const char *what, const char *query,
		      const char *const *ids, size_t n, const char *hint)
{
	const char *best[3];
	size_t k = suggest_closest(query, ids, n, best, 3);
	char *q = sanitize(query, SANITIZE_VISIBLE);
	fprintf(stderr, "teamtui: no %s '%s'", what, q ? q : "");
	free(q);
	for (size_t i = 0; i < k; i++) {
		fputs(i ? ", " : "; did you mean: ", stderr);
		sanitize_fputs(best[i], stderr);
	}
	fputs(k ? "?\n" : "", stderr);
	if (!k)
		fprintf(stderr, " (%s)\n", hint);
}

/* Loader errors on stderr for the commands that are not `check`: the
 * answer may be incomplete, so say so, briefly. */
static void report_roster_errors(diag_list *d)
{
	diag_sort(d); /* the first errors in file order, as `check` lists them */
	size_t shown = 0;
	for (size_t i = 0; i < d->count && shown < 3; i++) {
		if (d->items[i].severity != DIAG_ERROR)
			continue;
		char line[2048];
		diag_format(&d->items[i], line, sizeof(line));
		sanitize_fputs_flags(line, SANITIZE_VISIBLE, stderr);
		fputc('\n', stderr);
		shown++;
	}
	fprintf(stderr, "teamtui: the roster has %zu error%s; what loaded is shown (see 'teamtui check')\n",
		d->errors, d->errors == 1 ? "" : "s");
}

static const group *find_group(const roster *r, const char *id);

static int cmd_show(const roster *r, resolver *rs, const struct args *a)
{
	const group *g = find_group(r, a->arg);
	if (!g)
		return CLI_FAIL;
	if (a->json)
		return out_json_group(stdout, r, rs, g) ? CLI_OK : CLI_FAIL;
	out_text_group(stdout, r, rs, g);
	return CLI_OK;
}

static int cmd_person(const roster *r, resolver *rs, const struct args *a)
{
	const person *p = a->arg[0] == '@' ? NULL : roster_person(r, a->arg);
	if (!p)
		p = roster_person_by_handle(r, a->arg);
	if (!p) {
		const char **ids = malloc((r->npeople + 1) * sizeof(*ids));
		for (size_t i = 0; ids && i < r->npeople; i++)
			ids[i] = r->people[i].slug;
		not_found("person", a->arg, ids, ids ? r->npeople : 0,
			  "'teamtui who NAME' searches names");
		free(ids);
		return CLI_FAIL;
	}
	if (a->json)
		return out_json_person(stdout, r, rs, p) ? CLI_OK : CLI_FAIL;
	out_text_person(stdout, r, rs, p);
	return CLI_OK;
}

static int cmd_check(const roster *r, resolver *rs, diag_list *d,
		     const struct args *a)
{
	check_roster(r, rs, d);
	diag_sort(d);
	if (a->json)
		out_json_diags(stdout, d);
	else
		out_text_diags(stdout, d);
	return d->errors ? CLI_FAIL : CLI_OK;
}

static bool needs_arg(const char *cmd)
{
	return !strcmp(cmd, "show") || !strcmp(cmd, "person") || !strcmp(cmd, "who") ||
	       !strcmp(cmd, "okrs");
}

static const group *find_group(const roster *r, const char *id)
{
	const group *g = roster_group(r, id);
	if (!g) {
		const char **ids = malloc((r->ngroups + 1) * sizeof(*ids));
		for (size_t i = 0; ids && i < r->ngroups; i++)
			ids[i] = r->groups[i].id;
		not_found("group", id, ids, ids ? r->ngroups : 0,
			  "'teamtui groups' lists them");
		free(ids);
	}
	return g;
}

/* okrs: one fetch, driven to its end here (the CLI may block; the TUI
 * drives the same client from its input loop instead). */
static int cmd_okrs(const roster *r, const struct args *a)
{
	const group *g = find_group(r, a->arg);
	if (!g)
		return CLI_FAIL;
	if (!g->okrs.project) {
		char *id = sanitize(g->id, SANITIZE_VISIBLE);
		fprintf(stderr, "teamtui: group '%s' has no okrs: source in groups.yml\n",
			id ? id : "");
		free(id);
		return CLI_FAIL;
	}
	gitlab_config cfg;
	char err[512] = "";
	diag_list cd; /* the GitLab settings' own problems */
	diag_init(&cd);
	bool ok = gitlab_config_load(&cfg, &cd);
	gitlab_client *c = ok ? gitlab_new(&cfg, err, sizeof(err)) : NULL;
	gitlab_config_free(&cfg);
	for (size_t i = 0; i < cd.count; i++) {
		char line[2048];
		diag_format(&cd.items[i], line, sizeof(line));
		sanitize_fputs_flags(line, SANITIZE_VISIBLE, stderr);
		fputc('\n', stderr);
	}
	diag_free(&cd);
	if (!c) {
		if (*err)
			fprintf(stderr, "teamtui: %s\n", err);
		return CLI_FAIL;
	}
	gitlab_fetch *f = gitlab_fetch_okrs(c, &g->okrs, a->offline, a->refresh);
	while (f && gitlab_state(f) == FETCH_RUNNING && gitlab_step(c, 1000) > 0)
		;
	int rc = CLI_FAIL;
	if (f) {
		if (a->json)
			out_okrs_json(stdout, g, f);
		else if (gitlab_fetched_at(f)) /* nothing to show: stderr says why */
			out_okrs_text(stdout, g, f);
		if (gitlab_error(f)) {
			char *e = sanitize(gitlab_error(f), SANITIZE_VISIBLE);
			fprintf(stderr, "teamtui: %s\n", e ? e : "");
			free(e);
		}
		/* shown from the cache after a failure: still an answer */
		rc = gitlab_fetched_at(f) ? CLI_OK : CLI_FAIL;
	}
	gitlab_free(c);
	return rc;
}

static int cmd_who(const roster *r, resolver *rs, const struct args *a)
{
	search_index *s = search_build(r);
	size_t max = a->limit ? (size_t)a->limit : 10;
	search_hit *hits = s ? calloc(max, sizeof(*hits)) : NULL;
	if (!hits) {
		search_free(s);
		fputs("teamtui: out of memory\n", stderr);
		return CLI_FAIL;
	}
	size_t n = search_query(s, a->arg, hits, max);
	if (a->json)
		out_json_hits(stdout, rs, hits, n);
	else
		out_text_hits(stdout, rs, hits, n);
	if (!n) {
		char *q = sanitize(a->arg, SANITIZE_VISIBLE);
		fprintf(stderr, "teamtui: nobody and no group matches '%s'\n", q ? q : "");
		free(q);
	}
	free(hits);
	search_free(s);
	return n ? CLI_OK : CLI_FAIL;
}

int cli_run(int argc, char **argv)
{
	struct args a = {0};
	int rc = parse_args(argc, argv, &a);
	if (rc != CLI_OK)
		return rc;
	if (a.help || (a.command && !strcmp(a.command, "help"))) {
		fputs(usage_text, stdout);
		return CLI_OK;
	}
	if (a.version) {
		puts(PACKAGE_STRING);
		return CLI_OK;
	}
	const char *cmd = a.command ? a.command : "groups";
	static const char *const known[] = {"groups", "show", "person", "check",
					    "who", "okrs"};
	size_t k = 0;
	while (k < sizeof(known) / sizeof(*known) && strcmp(known[k], cmd))
		k++;
	if (k == sizeof(known) / sizeof(*known))
		return usage_error("unknown command '%s'", cmd);
	if (needs_arg(cmd) && !a.arg)
		return usage_error("'%s' needs an argument", cmd);
	if (!needs_arg(cmd) && a.arg)
		return usage_error("unexpected argument '%s'", a.arg);

	diag_list d;
	diag_init(&d);
	roster_source from;
	char *dir = config_roster_dir(a.roster, &from, &d);
	roster *r = dir ? roster_load(dir, &d) : NULL;
	resolver *rs = r ? resolver_new(r) : NULL;
	if (!rs) {
		fputs("teamtui: out of memory\n", stderr);
		roster_free(r);
		free(dir);
		diag_free(&d);
		return CLI_FAIL;
	}
	if (!a.command && !a.json && screen_usable()) {
		/* the interactive directory; it owns the roster while it runs */
		resolver_free(rs);
		rs = NULL;
		int ui = ui_run(dir, &r, &d);
		if (ui >= 0) { /* 0, or 128 + the signal that ended it */
			roster_free(r);
			free(dir);
			diag_free(&d);
			return ui;
		}
		rs = resolver_new(r); /* no usable terminal after all: text */
		if (!rs) {
			roster_free(r);
			free(dir);
			diag_free(&d);
			return CLI_FAIL;
		}
	}
	if (!strcmp(cmd, "check")) {
		rc = cmd_check(r, rs, &d, &a);
	} else {
		if (!strcmp(cmd, "show"))
			rc = cmd_show(r, rs, &a);
		else if (!strcmp(cmd, "person"))
			rc = cmd_person(r, rs, &a);
		else if (!strcmp(cmd, "who"))
			rc = cmd_who(r, rs, &a);
		else if (!strcmp(cmd, "okrs"))
			rc = cmd_okrs(r, &a);
		else if (a.json)
			rc = out_json_groups(stdout, r) ? CLI_OK : CLI_FAIL;
		else
			out_text_groups(stdout, r);
		/* a regex that gave up may have left someone out: say so */
		const diag_list *rd = resolve_diags(rs);
		for (size_t i = 0; i < rd->count; i++) {
			char line[2048];
			diag_format(&rd->items[i], line, sizeof(line));
			sanitize_fputs_flags(line, SANITIZE_VISIBLE, stderr);
			fputc('\n', stderr);
		}
		if (d.errors) {
			report_roster_errors(&d);
			rc = CLI_FAIL;
		}
	}
	fflush(stdout); /* the hint follows the output it explains */
	if (from == ROSTER_FROM_SAMPLE && !r->npeople && d.errors) {
		char *cfg = config_path();
		fprintf(stderr, "teamtui: no roster: pass --roster DIR, set TEAMTUI_ROSTER, "
				"or put 'roster: DIR' in %s\n", cfg ? cfg : "config.yml");
		free(cfg);
	}
	if ((fflush(stdout) != 0 || ferror(stdout)) && rc == CLI_OK)
		rc = CLI_FAIL; /* a full disk or closed pipe is not success */
	resolver_free(rs);
	roster_free(r);
	free(dir);
	diag_free(&d);
	return rc;
}

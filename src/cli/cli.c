/* cli.c: `teamtui [--roster DIR] [--json] COMMAND [ARG]`. Options may come
 * before or after the command, as scripts write them both ways. */
#include "teamtui/cli.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "teamtui/check.h"
#include "teamtui/cli_changes.h"
#include "teamtui/cliargs.h"
#include "teamtui/cli_config.h"
#include "teamtui/complete.h"
#include "teamtui/cli_sync.h"
#include "teamtui/config.h"
#include "teamtui/digeststore.h"
#include "teamtui/gitlab.h"
#include "teamtui/later.h"
#include "teamtui/escalate.h"
#include "teamtui/me.h"
#include "teamtui/mestate.h"
#include "teamtui/org.h"
#include "teamtui/out_dot.h"
#include "teamtui/out_json.h"
#include "teamtui/pager.h"
#include "teamtui/textwidth.h"
#include "teamtui/tzinfo.h"
#include "teamtui/workhours.h"
#include "teamtui/utf8.h"
#include "teamtui/out_okrs.h"
#include "teamtui/out_text.h"
#include "teamtui/resolve.h"
#include "teamtui/roster.h"
#include "teamtui/sanitize.h"
#include "teamtui/screen.h"
#include "teamtui/search.h"
#include "teamtui/snapstore.h"
#include "teamtui/suggest.h"
#include "teamtui/ui.h"
#include "teamtui/awake.h"

struct args {
	const char *roster;
	const char *people, *data; /* --people PATH, --data DIR */
	bool json, help, version, offline, refresh;
	bool no_pager; /* --no-pager */
	bool no_snapshot; /* --no-snapshot */
	bool quiet;	  /* sync --quiet */
	const char *since; /* changes --since DATE|VERSION */
	const char *output; /* snapshot --output DIR */
	const char *command;
	const char *arg;
	char query[SEARCH_MAX_QUERY_BYTES + 1]; /* who: the words after it */
	long limit;	  /* who --limit */
	long depth;	  /* org --depth (0: not given) */
	bool dot;	  /* org --dot */
	bool awake;	  /* who, show --awake */
	const char *at;	  /* who, show, person, escalate --at TIME */
	uint32_t given;	  /* the options given: bit (1u << cli_opt) */
};

/* Where commands print: stdout, or a buffer that is cut to the
 * terminal's width before it reaches stdout (see fit_to_terminal). */
static FILE *out_fp;

static const char usage_text[] =
    "usage: teamtui [--roster DIR] [--json] [COMMAND [ARG]]\n"
    "\n"
    "commands:\n"
    "  groups        the tree of sections, stages and groups\n"
    "  show GROUP    a group card: manager, members, counterparts, channels,\n"
    "                labels, links, OKR source\n"
    "  person SLUG   a person card (SLUG or @gitlab-handle; 'me': you)\n"
    "  org SLUG      everyone under a person, by reports_to: a tree with each\n"
    "                one's direct reports, org size and mix of roles\n"
    "                (--depth N: N levels, 1 to 1000; --dot: a Graphviz graph)\n"
    "  escalate SLUG|GROUP  whom to ask, in order: a person, their manager,\n"
    "                the skip-level and on up; a group's manager, its stable\n"
    "                counterparts (product, design, quality, writer,\n"
    "                security), then up; each awake or not ('me': you)\n"
    "  check         lint the roster (file:line:column: error|warning: ...)\n"
    "  who QUERY     who do I ask? people and groups ranked, each with why\n"
    "                (--limit N, default 10)\n"
    "  --awake       with who and show: only the people inside their working\n"
    "                hours now, in their own time zone (groups stay)\n"
    "  --at TIME     with --awake, person and escalate: another moment than\n"
    "                now: HH:MM (today here), YYYY-MM-DDTHH:MM (here)\n"
    "                or YYYY-MM-DDTHH:MMZ (UTC)\n"
    "  tables [PAGE|GROUP]  every people table of the roster (or of one page\n"
    "                or group): file:line, the shortcode call, its rows as\n"
    "                the handbook renders them\n"
    "  snapshot      write the roster's snapshot now: loaded, resolved and\n"
    "                indexed, for the next start (--output DIR: a shared\n"
    "                directory, e.g. /var/cache/teamtui, for snapshot_dir:)\n"
    "  sync          fetch the organisation's data (team.yml, stages.yml,\n"
    "                sections.yml, categories.yml) into the data directory\n"
    "                (-q, --quiet: errors only); exit 1 when any file failed\n"
    "  changes       who joined, left, moved or changed title, and group\n"
    "                moves, since you last looked (--since DATE|VERSION)\n"
    "  config        every setting and where it came from (--json)\n"
    "  version       the version (also --version)\n"
    "  help          this help (also -h, --help)\n"
    "  okrs GROUP    the group's OKRs from GitLab (--offline: the cache only;\n"
    "                --refresh: ask GitLab even when the cache is fresh)\n"
    "  (none)        the interactive directory; the groups tree when stdout\n"
    "                is not a terminal or TERM is dumb\n"
    "\n"
    "options:\n"
    "  --roster DIR  a roster directory or a handbook checkout (else\n"
    "                $TEAMTUI_ROSTER, then 'roster:' in the config file, then the\n"
    "                data 'teamtui sync' fetched, then the bundled sample)\n"
    "  --people PATH the people: a team.yml, a team_members/ tree or a\n"
    "                www-gitlab-com checkout (else 'people:' in the config\n"
    "                file, then data/public/team.yml, then the synced team.yml)\n"
    "  --data DIR    the directory of stages.yml, sections.yml and\n"
    "                categories.yml (else 'data:', then data/public/, then\n"
    "                the synced data)\n"
    "  --json        print JSON instead of text\n"
    "  --no-pager    do not page: output on a terminal goes through\n"
    "                $TEAMTUI_PAGER, else $PAGER, else less (LESS=FRX)\n"
    "  --no-snapshot read the roster's files, not a snapshot, and leave none\n"
    "                (also TEAMTUI_NO_SNAPSHOT=1; check always reads the files)\n"
    "  -h, --help    this help\n"
    "  --version     the version\n"
    "\n"
    "\n"
    "In the interactive directory, ? lists every key.\n"
    "\n"
    "environment: TEAMTUI_ROSTER (the roster), GITLAB_HOST and GITLAB_TOKEN\n"
    "  (okrs), TEAMTUI_PAGER or PAGER, BROWSER (o opens links), NO_COLOR,\n"
    "  TERM, XDG_CONFIG_HOME, XDG_CACHE_HOME, XDG_DATA_HOME, TEAMTUI_NO_SNAPSHOT,\n"
    "  USER and XDG_STATE_HOME (me)\n"
    "config file: ${XDG_CONFIG_HOME:-~/.config}/teamtui/config.yml (roster:,\n"
    "  people:, data:, gitlab_host:, gitlab_token:, ca_cert:, snapshot_dir:,\n"
    "  data_dir:, sync:, working_hours:, me:, theme:, mouse:); the system's\n"
    "  for snapshot_dir:, data_dir: and sync: (see FILES in man teamtui)\n"
    "exit status: 0 ok, 1 not found or roster errors, 2 usage\n"
    "see also: man teamtui, man teamtui-roster\n";

static int usage_error(const char *fmt, const char *arg)
{
	char *shown = sanitize(arg, SANITIZE_VISIBLE);
	fputs("teamtui: ", stderr);
	fprintf(stderr, fmt, shown ? shown : "");
	free(shown);
	fputs("\nTry 'teamtui --help'.\n", stderr);
	return CLI_USAGE;
}

/* One option's word (and its value: inline after '=', else the next
 * word, *i moved past it), checked and stored in *a. */
static int take_option(cli_opt o, const char *inline_value, int argc, char **argv,
		       int *i, struct args *a)
{
	const cli_option *p = &cli_options[o];
	const char *v = NULL;
	if (p->value != CLI_VALUE_NONE) {
		v = inline_value ? inline_value : *i + 1 < argc ? argv[++*i] : "";
		if (!*v && p->needs)
			return usage_error("%s", p->needs);
	}
	a->given |= 1u << o;
	char *end;
	switch (o) {
	case CLI_OPT_ROSTER: a->roster = v; break;
	case CLI_OPT_PEOPLE: a->people = v; break;
	case CLI_OPT_DATA: a->data = v; break;
	case CLI_OPT_JSON: a->json = true; break;
	case CLI_OPT_NO_PAGER: a->no_pager = true; break;
	case CLI_OPT_NO_SNAPSHOT: a->no_snapshot = true; break;
	case CLI_OPT_LIMIT:
		a->limit = strtol(v, &end, 10);
		if (!*v || *end || a->limit < 1 || a->limit > 10000)
			return usage_error("--limit needs a number from 1 to 10000, not '%s'", v);
		break;
	case CLI_OPT_AWAKE: a->awake = true; break;
	case CLI_OPT_AT: a->at = v; break;
	case CLI_OPT_DEPTH:
		a->depth = strtol(v, &end, 10);
		if (!*v || *end || a->depth < 1 || a->depth > ORG_MAX_DEPTH)
			return usage_error("--depth needs a number from 1 to 1000, not '%s'", v);
		break;
	case CLI_OPT_DOT: a->dot = true; break;
	case CLI_OPT_OUTPUT: a->output = v; break;
	case CLI_OPT_QUIET: a->quiet = true; break;
	case CLI_OPT_SINCE: a->since = v; break;
	case CLI_OPT_OFFLINE: a->offline = true; break;
	case CLI_OPT_REFRESH: a->refresh = true; break;
	case CLI_OPT_HELP: a->help = true; break;
	case CLI_OPT_VERSION: a->version = true; break;
	case CLI_NOPTS: break;
	}
	return CLI_OK;
}

static int parse_args(int argc, char **argv, struct args *a)
{
	bool options_done = false;
	for (int i = 1; i < argc; i++) {
		const char *s = argv[i];
		if (!options_done && s[0] == '-' && s[1]) {
			const char *inline_value;
			cli_opt o = cliargs_option(s, &inline_value);
			if (!strcmp(s, "--")) {
				options_done = true;
			} else if (o == CLI_NOPTS) {
				return usage_error("unknown option '%s'", s);
			} else {
				int rc = take_option(o, inline_value, argc, argv, &i, a);
				if (rc != CLI_OK)
					return rc;
			}
		} else if (!a->command) {
			a->command = s;
		} else if (!strcmp(a->command, "who")) {
			/* who takes the rest as one query: teamtui who custom models */
			size_t l = strlen(a->query);
			if (l + (l ? 1 : 0) + strlen(s) > SEARCH_MAX_QUERY_BYTES)
				return usage_error("%s", "the query is longer than 1000 bytes");
			if (l)
				a->query[l++] = ' ';
			memcpy(a->query + l, s, strlen(s) + 1);
			a->arg = a->query;
		} else if (a->arg && (!strcmp(a->command, "show") ||
				      !strcmp(a->command, "person") ||
				      !strcmp(a->command, "org") ||
				      !strcmp(a->command, "escalate"))) {
			/* a name in several words: teamtui show duo chat */
			size_t l = a->arg == a->query ? strlen(a->query) : 0;
			if (a->arg != a->query) {
				if (strlen(a->arg) > SEARCH_MAX_QUERY_BYTES)
					return usage_error("%s", "the name is longer than 1000 bytes");
				l = strlen(a->arg);
				memcpy(a->query, a->arg, l + 1);
				a->arg = a->query;
			}
			if (l + 1 + strlen(s) > SEARCH_MAX_QUERY_BYTES)
				return usage_error("%s", "the name is longer than 1000 bytes");
			a->query[l++] = ' ';
			memcpy(a->query + l, s, strlen(s) + 1);
		} else if (!a->arg) {
			a->arg = s;
		} else {
			return usage_error("unexpected argument '%s'", s);
		}
	}
	return CLI_OK;
}

/* "no group 'x'; did you mean: a, b?" on one line: the lookup's own
 * near misses first (first[0..nfirst), the who-search's by name), then
 * the ids closest to the query, three at most. */
static void not_found(const char *what, const char *query,
		      const char *const *first, size_t nfirst,
		      const char *const *ids, size_t n, const char *hint, bool json)
{
	const char *best[3], *close[3];
	size_t k = 0, nclose = suggest_closest(query, ids, n, close, 3);
	for (size_t i = 0; i < nfirst + nclose && k < 3; i++) {
		const char *c = i < nfirst ? first[i] : close[i - nfirst];
		bool dup = false;
		for (size_t j = 0; j < k; j++)
			dup |= !strcmp(best[j], c);
		if (!dup)
			best[k++] = c;
	}
	char *q = sanitize(query, SANITIZE_VISIBLE);
	if (json) { /* scripts read stdout: say it there too */
		char msg[600];
		snprintf(msg, sizeof(msg), "no %s '%s'", what, q ? q : "");
		out_json_error(out_fp, msg, what, query, best, k);
	}
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

enum { AMBIGUOUS_SHOWN = 10 }; /* candidates an ambiguous lookup names */

/* "ambiguous group 'code': 2 groups match: code-review (Code Review),
 * source-code (Source Code)" on one line, the first AMBIGUOUS_SHOWN of
 * `count` candidates (ids[i] named names[i]) best first; with --json also
 * an error object of kind "ambiguous" whose suggestions are those ids.
 * Exit status: as not found. */
static void ambiguous(const char *what, const char *whats, const char *query,
		      const char *const *ids, const char *const *names,
		      size_t count, bool json)
{
	size_t shown = count < AMBIGUOUS_SHOWN ? count : AMBIGUOUS_SHOWN;
	char *q = sanitize(query, SANITIZE_VISIBLE);
	if (json) {
		char msg[600];
		snprintf(msg, sizeof(msg), "ambiguous %s '%s': %zu %s match", what,
			 q ? q : "", count, whats);
		out_json_error(out_fp, msg, "ambiguous", query, ids, shown);
	}
	fprintf(stderr, "teamtui: ambiguous %s '%s': %zu %s match: ", what,
		q ? q : "", count, whats);
	free(q);
	for (size_t i = 0; i < shown; i++) {
		if (i)
			fputs(", ", stderr);
		sanitize_fputs_flags(ids[i], SANITIZE_VISIBLE, stderr);
		if (names[i] && *names[i]) {
			fputs(" (", stderr);
			sanitize_fputs(names[i], stderr);
			fputc(')', stderr);
		}
	}
	if (count > shown)
		fprintf(stderr, ", and %zu more", count - shown);
	fputc('\n', stderr);
}

/* A lookup `m` of `arg` that gave no answer, said: several found by id or
 * name are ambiguous(); else not_found(), the lookup's near misses (the
 * who-search's) first. ids[i], names[i]: its candidates, best first;
 * all[0..nall): every id, for the closest ones. */
static void lookup_failed(const char *what, const char *whats, const char *arg,
			  search_lookup m, const char *const *ids,
			  const char *const *names, const char *const *all,
			  size_t nall, const char *hint, bool json)
{
	size_t shown = m.count < AMBIGUOUS_SHOWN ? m.count : AMBIGUOUS_SHOWN;
	if (m.level != SEARCH_LOOKUP_FUZZY && m.count > 1)
		ambiguous(what, whats, arg, ids, names, m.count, json);
	else
		not_found(what, arg, ids, shown, all, nall, hint, json);
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
		diag_print(&d->items[i], stderr);
		shown++;
	}
	fprintf(stderr, "teamtui: the roster has %zu error%s; what loaded is shown (see 'teamtui check')\n",
		d->errors, d->errors == 1 ? "" : "s");
}

/* The first error writing standard output (0: none yet). */
static int output_errno;


/* The terminal's width in columns when stdout is one: $COLUMNS when it is
 * a number, else the tty's size; 0 when stdout is not a terminal (piped
 * output is never cut). */
static size_t terminal_columns(void)
{
	if (!isatty(STDOUT_FILENO))
		return 0;
	const char *c = getenv("COLUMNS");
	char *end;
	long n = c ? strtol(c, &end, 10) : 0;
	if (c && *c && !*end && n > 0 && n < 100000)
		return (size_t)n;
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* Write the captured text to stdout, each line cut to `cols` columns with
 * "…" (display widths from wcwidth), as tig and htop never wrap a row. */
static void fit_to_terminal(const char *text, size_t len, size_t cols)
{
	char buf[4096];
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - text - i) : len - i;
		char *line = strndup(text + i, n);
		if (line && utf8_width(line) > cols) {
			textwidth_fit(line, cols, buf, sizeof(buf));
			fputs(buf, stdout);
		} else if (line) {
			fputs(line, stdout);
		}
		free(line);
		if (nl)
			fputc('\n', stdout);
		i += n + (nl ? 1 : 0);
	}
}

static void flush_output(void)
{
	errno = 0;
	if ((fflush(stdout) != 0 || ferror(stdout)) && !output_errno)
		output_errno = errno ? errno : EIO;
}

/* What was to be written must have been: a full disk or a pipe closed
 * early is said in one line (as coreutils do), and is no success. */
static int finish_output(int rc)
{
	flush_output();
	if (!output_errno)
		return rc;
	fprintf(stderr, "teamtui: write error: %s\n", strerror(output_errno));
	return rc == CLI_OK ? CLI_FAIL : rc;
}

static void no_roster_hint(void)
{
	char *cfg = config_path();
	fputs("teamtui: no roster: pass --roster DIR, set TEAMTUI_ROSTER, or put "
	      "'roster: DIR' in ", stderr);
	sanitize_fputs_flags(cfg ? cfg : "config.yml", SANITIZE_VISIBLE, stderr);
	fputc('\n', stderr);
	free(cfg);
}

/* Falling back to the sample is said, with why: nothing named a roster,
 * or the config file was there but gave none (its diagnostics say why). */
static void sample_notice(const char *dir, const diag_list *d)
{
	char *cfg = config_path();
	struct stat st;
	bool has_cfg = cfg && lstat(cfg, &st) == 0;
	const char *cfg_file = NULL;
	for (size_t i = 0; has_cfg && i < d->count; i++)
		if (cfg && !strcmp(d->items[i].file, cfg))
			cfg_file = cfg;
	fputs("teamtui: ", stderr);
	if (cfg_file) {
		sanitize_fputs_flags(cfg_file, SANITIZE_VISIBLE, stderr);
		fputs(" gives no usable 'roster:' (see its errors)", stderr);
	} else {
		fputs("no --roster, TEAMTUI_ROSTER or 'roster:' in the config file", stderr);
	}
	fputs("; showing the sample organisation in ", stderr);
	sanitize_fputs_flags(dir, SANITIZE_VISIBLE, stderr);
	fputc('\n', stderr);
	free(cfg);
}

/* The roster directory itself is unusable: every diagnostic (the
 * config file's too), and how to name another. */
static void report_fatal(diag_list *d, roster_source from)
{
	diag_sort(d);
	for (size_t i = 0; i < d->count; i++) {
		diag_print(&d->items[i], stderr);
	}
	if (from == ROSTER_FROM_SAMPLE)
		no_roster_hint();
}


static const group *find_group(const roster *r, const char *arg, bool json);

static int cmd_show(const roster *r, resolver *rs, const struct args *a,
		    const awake_ctx *aw)
{
	const group *g = find_group(r, a->arg, a->json);
	if (!g)
		return CLI_FAIL;
	if (a->json)
		return out_json_group(out_fp, r, rs, g, a->awake ? aw : NULL) ? CLI_OK
									     : CLI_FAIL;
	out_text_group(out_fp, r, rs, g, a->awake ? aw : NULL);
	return CLI_OK;
}

/* config.yml's me: v names nobody in r: the error at its line, with the
 * closest slugs, into out. */
static void me_unknown(const roster *r, const config_me_value *v, diag_list *out)
{
	const char **all = malloc((r->npeople + 1) * sizeof(*all));
	const char *best[3];
	size_t k = 0;
	for (size_t i = 0; all && i < r->npeople; i++)
		all[i] = r->people[i].slug;
	if (all)
		k = suggest_closest(v->value, all, r->npeople, best, 3);
	char hint[400] = "";
	size_t o = 0;
	for (size_t i = 0; i < k && o < sizeof(hint); i++)
		o += (size_t)snprintf(hint + o, sizeof(hint) - o, "%s'%s'",
				      i ? ", " : "; did you mean ", best[i]);
	if (k && o < sizeof(hint))
		snprintf(hint + o, sizeof(hint) - o, "?");
	diag_add(out, DIAG_ERROR, v->file, v->line, v->col,
		 "me: '%s' names nobody in the roster (a slug or a GitLab handle)%s",
		 v->value, hint);
	free(all);
}

/* "me" (me.h, mestate.h): the person config.yml's me: names, else the
 * guess confirmed before, else a guess from $USER or git's user.email,
 * said once on stderr and kept as confirmed (so said only the first
 * time). NULL, said, when me: names nobody (an error at its line) or
 * nothing names anyone. */
static const person *find_me(const roster *r, bool json)
{
	mestate m;
	diag_list d;
	diag_init(&d);
	bool ok = mestate_resolve(r, &m, &d);
	if (m.state_err[0]) {
		fputs("teamtui: warning: me: ", stderr);
		sanitize_fputs_flags(m.state_err, SANITIZE_VISIBLE, stderr);
		fputc('\n', stderr);
	}
	char *cfg = config_path();
	const char *cfg_shown = cfg ? cfg : "config.yml";
	const person *p = ok ? m.answer.person : NULL;
	if (p && me_is_guess(m.answer.source)) {
		char err[512];
		fputs("teamtui: me: taken to be ", stderr);
		sanitize_fputs(p->name && *p->name ? p->name : p->slug, stderr);
		fputs(" (", stderr);
		sanitize_fputs(p->slug, stderr);
		fprintf(stderr, "), guessed from %s '", me_source_name(m.answer.source));
		sanitize_fputs_flags(m.answer.matched, SANITIZE_VISIBLE, stderr);
		fputs("'; put \"me: ", stderr);
		sanitize_fputs(p->slug, stderr);
		fputs("\" in ", stderr);
		sanitize_fputs_flags(cfg_shown, SANITIZE_VISIBLE, stderr);
		fputs(" to make it sure\n", stderr);
		if (!mestate_write(p->slug, err, sizeof(err))) {
			fputs("teamtui: warning: me: the guess is not kept: ", stderr);
			sanitize_fputs_flags(err, SANITIZE_VISIBLE, stderr);
			fputc('\n', stderr);
		}
	} else if (!p) {
		for (size_t i = 0; i < d.count; i++) /* why me: was not read */
			diag_print(&d.items[i], stderr);
		char msg[600];
		if (m.answer.config_unknown) {
			diag_list e;
			diag_init(&e);
			me_unknown(r, &m.config, &e);
			for (size_t i = 0; i < e.count; i++)
				diag_print(&e.items[i], stderr);
			diag_free(&e);
			snprintf(msg, sizeof(msg), "me: 'me:' in the config file names nobody "
						   "in the roster");
		} else {
			fputs("teamtui: me: who you are is not known: no 'me:' in ", stderr);
			sanitize_fputs_flags(cfg_shown, SANITIZE_VISIBLE, stderr);
			fputs(", and neither $USER", stderr);
			if (m.user) {
				fputs(" '", stderr);
				sanitize_fputs_flags(m.user, SANITIZE_VISIBLE, stderr);
				fputc('\'', stderr);
			}
			fputs(" nor git's user.email", stderr);
			if (m.email) {
				fputs(" '", stderr);
				sanitize_fputs_flags(m.email, SANITIZE_VISIBLE, stderr);
				fputc('\'', stderr);
			}
			fputs(" names anyone in the roster; put \"me: YOUR-SLUG\" in it\n",
			      stderr);
			snprintf(msg, sizeof(msg), "me: who you are is not known; put 'me: "
						   "YOUR-SLUG' in the config file");
		}
		if (json)
			out_json_error(out_fp, msg, "person", "me", NULL, 0);
	}
	free(cfg);
	diag_free(&d);
	mestate_free(&m);
	return p;
}

/* One kind of thing a command's argument names, for find_thing(): people
 * (search_person_lookup) or groups (search_group_lookup). */
struct lookup_kind {
	const char *what, *whats; /* "person", "people" */
	const char *hint;	  /* said when nothing is close */
	/* the lookup, over cands typed as the kind's own */
	search_lookup (*run)(const roster *r, search_index *s, const char *arg,
			     const void **cands, size_t max);
	size_t (*count)(const roster *r);
	const char *(*id)(const roster *r, size_t i); /* every id, for "did you mean" */
	const char *(*cand_id)(const void *c);
	const char *(*cand_name)(const void *c);
};

/* (each copies its typed candidates out: no pointer read as another type) */
static search_lookup run_person(const roster *r, search_index *s, const char *arg,
				const void **cands, size_t max)
{
	const person *v[AMBIGUOUS_SHOWN];
	max = max < AMBIGUOUS_SHOWN ? max : AMBIGUOUS_SHOWN;
	search_lookup m = search_person_lookup(r, s, arg, v, max);
	for (size_t i = 0; i < m.count && i < max; i++)
		cands[i] = v[i];
	return m;
}
static size_t count_people(const roster *r) { return r->npeople; }
static const char *person_id(const roster *r, size_t i) { return r->people[i].slug; }
static const char *cand_slug(const void *c) { return ((const person *)c)->slug; }
static const char *cand_pname(const void *c) { return ((const person *)c)->name; }

static search_lookup run_group(const roster *r, search_index *s, const char *arg,
			       const void **cands, size_t max)
{
	const group *v[AMBIGUOUS_SHOWN];
	max = max < AMBIGUOUS_SHOWN ? max : AMBIGUOUS_SHOWN;
	search_lookup m = search_group_lookup(r, s, arg, v, max);
	for (size_t i = 0; i < m.count && i < max; i++)
		cands[i] = v[i];
	return m;
}
static size_t count_groups(const roster *r) { return r->ngroups; }
static const char *group_id(const roster *r, size_t i) { return r->groups[i].id; }
static const char *cand_gid(const void *c) { return ((const group *)c)->id; }
static const char *cand_gname(const void *c) { return ((const group *)c)->name; }

static const struct lookup_kind people_kind = {
	"person", "people", "'teamtui who NAME' searches names", run_person,
	count_people, person_id, cand_slug, cand_pname};
static const struct lookup_kind groups_kind = {
	"group", "groups", "'teamtui groups' lists them", run_group,
	count_groups, group_id, cand_gid, cand_gname};

/* Look `arg` up as kind k: first without the who-search's index, then,
 * when nothing matched, with it (its near misses, by name). cands[0 ..
 * AMBIGUOUS_SHOWN) are the candidates. Nothing is said. */
static search_lookup probe(const roster *r, const struct lookup_kind *k,
			   const char *arg, const void **cands)
{
	search_lookup m = k->run(r, NULL, arg, cands, AMBIGUOUS_SHOWN);
	search_index *s = NULL;
	if (m.level == SEARCH_LOOKUP_NONE && (s = search_build(r)))
		m = k->run(r, s, arg, cands, AMBIGUOUS_SHOWN);
	search_free(s);
	return m;
}

/* The answer of a probe m (the person or the group), or NULL. */
static const void *answer_of(search_lookup m)
{
	return m.person ? (const void *)m.person : (const void *)m.group;
}

/* Say why probe m of `arg` as kind k gave no answer (lookup_failed). */
static void probe_failed(const roster *r, const struct lookup_kind *k,
			 const char *arg, search_lookup m, const void **cands,
			 bool json)
{
	const char *ids[AMBIGUOUS_SHOWN], *names[AMBIGUOUS_SHOWN];
	for (size_t i = 0; i < m.count && i < AMBIGUOUS_SHOWN; i++) {
		ids[i] = k->cand_id(cands[i]);
		names[i] = k->cand_name(cands[i]);
	}
	size_t n = k->count(r);
	const char **all = malloc((n + 1) * sizeof(*all));
	for (size_t i = 0; all && i < n; i++)
		all[i] = k->id(r, i);
	lookup_failed(k->what, k->whats, arg, m, ids, names, all, all ? n : 0,
		      k->hint, json);
	free(all);
}

/* The thing of kind k that `arg` names (an id, a unique name or part of
 * one: search.h), or NULL when it names several (listed on stderr) or
 * none ("did you mean", by name and by id). */
static const void *find_thing(const roster *r, const struct lookup_kind *k,
			      const char *arg, bool json)
{
	const void *cands[AMBIGUOUS_SHOWN];
	search_lookup m = probe(r, k, arg, cands);
	const void *found = answer_of(m);
	if (!found)
		probe_failed(r, k, arg, m, cands, json);
	return found;
}

/* The group `arg` names (search_group_lookup()). */
static const group *find_group(const roster *r, const char *arg, bool json)
{
	return find_thing(r, &groups_kind, arg, json);
}

/* The person `arg` names (search_person_lookup(): a slug, @handle or
 * handle, a unique name or part of one), or NULL when it names several
 * (listed on stderr) or nobody ("did you mean", by name and by slug).
 * "me" is the user (find_me). */
static const person *find_person(const roster *r, const char *arg, bool json)
{
	if (!strcmp(arg, "me"))
		return find_me(r, json);
	return find_thing(r, &people_kind, arg, json);
}

/* org: the tree under the person `arg` names (found as `person` finds
 * them), as text, JSON or DOT, --depth levels deep. */
static bool free_at_exit(void);

static int cmd_org(const roster *r, resolver *rs, const struct args *a)
{
	const person *p = find_person(r, a->arg, a->json);
	if (!p)
		return CLI_FAIL;
	org_tree *t = org_build(r, p);
	if (!t) {
		fputs("teamtui: out of memory\n", stderr);
		return CLI_FAIL;
	}
	size_t depth = a->depth ? (size_t)a->depth : ORG_MAX_DEPTH;
	bool ok = true;
	if (a->json)
		ok = out_json_org(out_fp, t, depth);
	else if (a->dot)
		ok = out_dot_org(out_fp, r, rs, t, depth);
	else
		out_text_org(out_fp, t, depth);
	if (free_at_exit()) /* else the process's end does it: 5 MB at
			       100,000 people, a millisecond of munmap */
		org_free(t);
	if (!ok)
		fputs("teamtui: out of memory\n", stderr);
	return ok ? CLI_OK : CLI_FAIL;
}

static int cmd_person(const roster *r, resolver *rs, const struct args *a,
		      const awake_ctx *aw)
{
	const person *p = find_person(r, a->arg, a->json);
	if (!p)
		return CLI_FAIL;
	if (a->json)
		return out_json_person(out_fp, r, rs, p, aw) ? CLI_OK : CLI_FAIL;
	out_text_person(out_fp, r, rs, p, aw);
	return CLI_OK;
}

/* escalate: the argument names a person (as `person` finds them, "me"
 * too) or a group (as `show` does). Both are looked up; the more exact
 * lookup decides (search.h's levels: an id, then a handle, a whole name,
 * words, a prefix): its one answer, or the several it found listed as
 * `person` or `show` lists them. When a person and a group match as
 * exactly, several on either side are listed; one each: the group when
 * the argument is its id exactly, else the person, and stderr says so.
 * Nothing: "did you mean" over people and groups. */
static int cmd_escalate(const roster *r, resolver *rs, const struct args *a,
			const awake_ctx *aw)
{
	const person *p = NULL;
	const group *g = NULL;
	if (!strcmp(a->arg, "me")) {
		if (!(p = find_me(r, a->json)))
			return CLI_FAIL;
	} else {
		const void *pc[AMBIGUOUS_SHOWN], *gc[AMBIGUOUS_SHOWN];
		search_lookup pm = probe(r, &people_kind, a->arg, pc);
		search_lookup gm = probe(r, &groups_kind, a->arg, gc);
		/* the exact levels only: a typo is never an answer */
		bool pany = pm.level != SEARCH_LOOKUP_NONE && pm.level != SEARCH_LOOKUP_FUZZY;
		bool gany = gm.level != SEARCH_LOOKUP_NONE && gm.level != SEARCH_LOOKUP_FUZZY;
		if (pany && gany && pm.level != gm.level) /* the more exact decides */
			*(pm.level < gm.level ? &gany : &pany) = false;
		if (pany && gany && (pm.count > 1 || gm.count > 1)) {
			/* as exact as each other, and several: list those */
			if (pm.count > 1)
				gany = false;
			else
				pany = false;
		}
		if (pany && gany) { /* one person and one group, as exact */
			bool group_wins = gm.level == SEARCH_LOOKUP_ID;
			fputs("teamtui: '", stderr);
			sanitize_fputs_flags(a->arg, SANITIZE_VISIBLE, stderr);
			fputs("' names the group ", stderr);
			sanitize_fputs(gm.group->id, stderr);
			fputs(" and the person ", stderr);
			sanitize_fputs(pm.person->slug, stderr);
			fputs(group_wins ? "; taking the group\n" : "; taking the person\n", stderr);
			*(group_wins ? &pany : &gany) = false;
		}
		if (pany && !pm.person) {
			probe_failed(r, &people_kind, a->arg, pm, pc, a->json);
			return CLI_FAIL;
		}
		if (gany && !gm.group) {
			probe_failed(r, &groups_kind, a->arg, gm, gc, a->json);
			return CLI_FAIL;
		}
		p = pany ? pm.person : NULL;
		g = gany ? gm.group : NULL;
		if (!p && !g) {
			/* "did you mean": the near misses of both, then the
			 * closest slugs and ids */
			const char *first[2 * AMBIGUOUS_SHOWN];
			size_t nfirst = 0;
			for (size_t i = 0; i < pm.count && i < 3; i++)
				first[nfirst++] = ((const person *)pc[i])->slug;
			for (size_t i = 0; i < gm.count && i < 3; i++)
				first[nfirst++] = ((const group *)gc[i])->id;
			const char **all = malloc((r->npeople + r->ngroups + 1) * sizeof(*all));
			size_t nall = 0;
			for (size_t i = 0; all && i < r->npeople; i++)
				all[nall++] = r->people[i].slug;
			for (size_t i = 0; all && i < r->ngroups; i++)
				all[nall++] = r->groups[i].id;
			not_found("person or group", a->arg, first, nfirst, all, nall,
				  "'teamtui who NAME' searches names", a->json);
			free(all);
			return CLI_FAIL;
		}
	}
	escalate_path path;
	bool ok = p ? escalate_person(r, rs, p, aw, &path)
		    : escalate_group(r, rs, g, aw, &path);
	if (!ok) {
		fputs("teamtui: out of memory\n", stderr);
		return CLI_FAIL;
	}
	if (a->json)
		ok = out_json_escalate(out_fp, &path, aw);
	else
		out_text_escalate(out_fp, &path, aw);
	int rc = ok && path.n ? CLI_OK : CLI_FAIL;
	if (!path.n)
		fputs("teamtui: nobody to ask\n", stderr);
	escalate_free(&path);
	return rc;
}

/* What check_report gives, the list the TUI's `!` shows too: the
 * loader's diagnostics `d` and the lints, files where an editor started
 * here finds them. */
static int cmd_check(const roster_input *in, const roster *r,
		     const diag_list *d, const struct args *a)
{
	diag_list rep;
	char *cwd = check_cwd();
	check_report(in, r, d, cwd, &rep);
	free(cwd);
	if (a->json)
		out_json_diags(out_fp, &rep);
	else
		out_text_diags(out_fp, &rep);
	int rc = rep.errors ? CLI_FAIL : CLI_OK;
	diag_free(&rep);
	return rc;
}

/* teamtui snapshot [--output DIR]: the roster loaded from its files (the
 * caller did), resolved, indexed and written now; its path and size on
 * stdout. Roster errors do not stop it (the snapshot keeps them, as the
 * files have them). */
static int cmd_snapshot(const roster_input *in, const roster *r,
			const diag_list *d, const snapstore_mark *first,
			const struct args *a)
{
	char err[512], *path = NULL;
	if (!snapstore_save_now(a->output, in, r, d, first, &path, err, sizeof(err))) {
		fputs("teamtui: snapshot: ", stderr);
		sanitize_fputs_flags(err, SANITIZE_VISIBLE, stderr);
		fputc('\n', stderr);
		free(path);
		return CLI_FAIL;
	}
	struct stat st;
	long long bytes = stat(path, &st) == 0 ? (long long)st.st_size : -1;
	char *shown = sanitize(path, SANITIZE_VISIBLE);
	printf("%s\t%lld bytes, %zu people, %zu groups\n", shown ? shown : "", bytes,
	       r->npeople, r->ngroups);
	free(shown);
	free(path);
	return finish_output(CLI_OK);
}

/* Commands whose argument may be left out. */
static int cmp_table(const void *x, const void *y)
{
	const people_table *a = *(const people_table *const *)x;
	const people_table *b = *(const people_table *const *)y;
	int c = strcmp(a->loc.file ? a->loc.file : "", b->loc.file ? b->loc.file : "");
	if (c)
		return c;
	return a->loc.line != b->loc.line ? (a->loc.line < b->loc.line ? -1 : 1)
		: a->loc.col != b->loc.col ? (a->loc.col < b->loc.col ? -1 : 1)
		: (a->id > b->id) - (a->id < b->id);
}

/* A page named the ways people name it, reduced to its path under
 * content/handbook/ without ".md", "/_index" or "/index" and slashes at
 * the ends: "content/handbook/a/b/_index.md", "a/b/_index.md",
 * "/handbook/a/b/", "a/b" all give "a/b". malloc'd. */
static char *page_key(const char *s)
{
	while (*s == '/')
		s++;
	if (!strncmp(s, "content/", 8))
		s += 8;
	if (!strncmp(s, "handbook/", 9))
		s += 9;
	char *k = strdup(s);
	if (!k)
		return NULL;
	size_t n = strlen(k);
	while (n && k[n - 1] == '/')
		k[--n] = '\0';
	if (n > 3 && !strcmp(k + n - 3, ".md"))
		k[n -= 3] = '\0';
	static const char *const tails[] = {"/_index", "/index", "_index", "index"};
	for (size_t i = 0; i < 4; i++) {
		size_t t = strlen(tails[i]);
		if (n >= t && !strcmp(k + n - t, tails[i]) &&
		    (i < 2 || n == t)) {
			k[n -= t] = '\0';
			break;
		}
	}
	return k;
}

/* The handbook page `arg` names (a path from the checkout root, from
 * content/handbook/, its URL path, or a file or directory path from the
 * current directory), or NULL. *exists: arg is a page of the checkout,
 * with or without a people table. */
static const group *find_page(const roster *r, const char *arg, bool *exists)
{
	*exists = false;
	char *want = NULL;
	char *real = realpath(arg, NULL), *root = realpath(r->dir, NULL);
	size_t rl = root ? strlen(root) : 0;
	if (real && root && !strncmp(real, root, rl) && real[rl] == '/') {
		want = page_key(real + rl + 1);
		*exists = true;
	} else {
		want = page_key(arg);
	}
	free(real);
	free(root);
	const group *found = NULL;
	for (size_t i = 0; want && !found && i < r->ngroups; i++) {
		char *k = r->groups[i].page ? page_key(r->groups[i].page) : NULL;
		if (k && !strcmp(k, want))
			found = &r->groups[i];
		free(k);
	}
	free(want);
	return found;
}

static int cmd_tables(const roster *r, resolver *rs, const struct args *a)
{
	const people_table **v = malloc((r->ntables + 1) * sizeof(*v));
	if (!v)
		return CLI_FAIL;
	size_t n = 0;
	const group *only = NULL;
	if (a->arg) {
		bool exists = false;
		only = r->handbook ? find_page(r, a->arg, &exists) : NULL;
		if (!only && exists) { /* a page, but no people table on it */
			fputs("teamtui: no people table on the page '", stderr);
			sanitize_fputs_flags(a->arg, SANITIZE_VISIBLE, stderr);
			fputs("'\n", stderr);
		} else if (!only && !(only = find_group(r, a->arg, a->json))) {
			free(v);
			return CLI_FAIL;
		}
		if (only && !only->ntables) {
			fputs("teamtui: group '", stderr);
			sanitize_fputs_flags(only->id, SANITIZE_VISIBLE, stderr);
			fputs("' has no people table (", stderr);
			fputs(only->nstaff ? "stages.yml names its people: teamtui show "
					   : "teamtui show ",
			      stderr);
			sanitize_fputs_flags(only->id, SANITIZE_VISIBLE, stderr);
			fputs(")\n", stderr);
		}
	}
	for (size_t i = 0; i < r->ngroups; i++)
		for (size_t k = 0; (!a->arg || only == &r->groups[i]) &&
				   k < r->groups[i].ntables; k++)
			v[n++] = &r->groups[i].tables[k];
	qsort(v, n, sizeof(*v), cmp_table);
	bool ok = true;
	if (a->json)
		ok = out_json_tables(out_fp, r, rs, v, n);
	else
		out_text_tables(out_fp, r, rs, v, n);
	free(v);
	return ok ? CLI_OK : CLI_FAIL;
}

/* okrs: one fetch, driven to its end here (the CLI may block; the TUI
 * drives the same client from its input loop instead). */
static int cmd_okrs(const roster *r, const struct args *a)
{
	const group *g = find_group(r, a->arg, a->json);
	if (!g)
		return CLI_FAIL;
	if (!g->okrs.project) {
		char *id = sanitize(g->id, SANITIZE_VISIBLE);
		if (r->handbook)
			fprintf(stderr, "teamtui: group '%s' has no OKR source: its page "
					"has no link to gitlab-com/gitlab-OKRs\n",
				id ? id : "");
		else
			fprintf(stderr, "teamtui: group '%s' has no okrs: source in "
					"groups.yml\n",
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
		diag_print(&cd.items[i], stderr);
	}
	diag_free(&cd);
	if (*err) { /* why there is no client, or a notice ("running without a cache") */
		char *e = sanitize(err, SANITIZE_VISIBLE);
		fprintf(stderr, "teamtui: %s\n", e ? e : "");
		free(e);
	}
	if (!c)
		return CLI_FAIL;
	gitlab_fetch *f = gitlab_fetch_okrs(c, &g->okrs, a->offline, a->refresh);
	while (f && gitlab_state(f) == FETCH_RUNNING && gitlab_step(c, 1000) > 0)
		;
	int rc = CLI_FAIL;
	if (f) {
		if (a->json)
			out_okrs_json(out_fp, g, f);
		else if (gitlab_fetched_at(f)) /* nothing to show: stderr says why */
			out_okrs_text(out_fp, g, f);
		if (gitlab_error(f)) {
			char *e = sanitize(gitlab_error(f), SANITIZE_VISIBLE);
			fprintf(stderr, "teamtui: %s\n", e ? e : "");
			free(e);
		}
		if (gitlab_warning(f)) { /* an incomplete list, a cache that failed */
			char *w = sanitize(gitlab_warning(f), SANITIZE_VISIBLE);
			fprintf(stderr, "teamtui: warning: %s\n", w ? w : "");
			free(w);
		}
		/* shown from the cache after a failure: still an answer */
		rc = gitlab_fetched_at(f) ? CLI_OK : CLI_FAIL;
	}
	gitlab_free(c);
	return rc;
}

/* The hits of who --awake: people who are not awake dropped (groups
 * stay), in order; the number kept. *off, *unknown: how many dropped. */
static size_t keep_awake(const awake_ctx *aw, search_hit *hits, size_t n,
			 size_t *off, size_t *unknown)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		person_time t;
		if (hits[i].kind == SEARCH_PERSON) {
			awake_person(aw, hits[i].person, &t);
			if (t.awake != AWAKE_YES) {
				++*(t.awake == AWAKE_OFF_HOURS ? off : unknown);
				continue;
			}
		}
		hits[k++] = hits[i];
	}
	return k;
}

static int cmd_who(const roster *r, resolver *rs, const struct args *a,
		   const awake_ctx *aw)
{
	const char *problem = search_query_problem(a->arg);
	if (problem)
		return usage_error("%s", problem);
	search_index *s = search_build(r);
	size_t limit = a->limit ? (size_t)a->limit : 10;
	/* with --awake, as many hits as it takes for `limit` awake ones:
	 * asked for in growing batches, as most hits may be asleep */
	size_t max = a->awake ? limit * 4 : limit, n = 0, off = 0, unknown = 0;
	search_hit *hits = NULL;
	for (;;) {
		search_hit *more = s ? realloc(hits, max * sizeof(*hits)) : NULL;
		if (!more) {
			free(hits);
			search_free(s);
			fputs("teamtui: out of memory\n", stderr);
			return CLI_FAIL;
		}
		hits = more;
		memset(hits, 0, max * sizeof(*hits));
		size_t got = search_query_team(s, rs, a->arg, hits, max);
		n = got;
		off = unknown = 0;
		if (a->awake)
			n = keep_awake(aw, hits, got, &off, &unknown);
		if (!a->awake || n >= limit || got < max || max >= r->npeople + r->ngroups)
			break;
		max *= 4;
	}
	if (n > limit)
		n = limit;
	if (a->json)
		out_json_hits(out_fp, rs, hits, n, a->awake ? aw : NULL);
	else
		out_text_hits(out_fp, rs, hits, n, a->awake ? aw : NULL);
	if (a->awake && (off || unknown))
		fprintf(stderr, "teamtui: not shown: %zu off hours, %zu with no known time "
				"zone\n", off, unknown);
	if (!n) {
		char *q = sanitize(a->arg, SANITIZE_VISIBLE);
		fprintf(stderr, a->awake ? "teamtui: nobody awake and no group matches '%s'\n"
					 : "teamtui: nobody and no group matches '%s'\n",
			q ? q : "");
		free(q);
	}
	free(hits);
	search_free(s);
	return n ? CLI_OK : CLI_FAIL;
}

/* Whether a one-shot command (show, who, check, ...) frees the roster
 * and the rest before it returns to exit. Freeing a 100,000-person roster
 * takes tens of milliseconds of work that the kernel does anyway when the
 * process ends, so it is skipped, except in a build with AddressSanitizer
 * (its leak check must keep its meaning) and when TEAMTUI_FREE_AT_EXIT is
 * set to anything but "" or "0" (valgrind runs, leak hunts). The
 * interactive directory always frees what it replaces. */
/* After any load without errors, the roster's version for `teamtui
 * changes` and the TUI's What's new (digeststore.h): when the newest
 * recorded version does not stand for r's files, record r, in a detached worker (later.h), so
 * no command waits for it. */
static void record_later(const roster_input *in, const roster *r, resolver *rs,
			 const diag_list *d)
{
	/* a roster that did not load whole is no version of the organisation:
	 * what could not be read would count as left, then as joined again */
	if (r->dir_errno || !r->inputs_complete || d->errors)
		return;
	char err[256];
	digeststore *s = digeststore_open(in, err, sizeof(err));
	if (!s || digeststore_current(s, r)) {
		digeststore_close(s);
		return;
	}
	bool here = later_inline();
	if (here || later_detach()) {
		digeststore_record(s, r, rs, err, sizeof(err));
		if (!here)
			_exit(0);
	}
	digeststore_close(s);
}

static bool free_at_exit(void)
{
#if defined(__SANITIZE_ADDRESS__)
	return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
	return true;
#endif
#endif
	const char *v = getenv("TEAMTUI_FREE_AT_EXIT");
	return v && *v && strcmp(v, "0");
}

int cli_run(int argc, char **argv)
{
	out_fp = stdout;
	if (argc > 1 && !strcmp(argv[1], cli_commands[CLI_CMD_COMPLETE].name))
		return complete_run(argc - 2, argv + 2, stdout);
	struct args a = {0};
	int rc = parse_args(argc, argv, &a);
	if (rc != CLI_OK)
		return rc;
	if (a.help || (a.command && !strcmp(a.command, "help"))) {
		fputs(usage_text, stdout);
		return finish_output(CLI_OK);
	}
	if (a.version || (a.command && !strcmp(a.command, "version"))) {
		/* (teamtui --version extra: 'extra' is no command here) */
		const char *extra = a.version && a.command && strcmp(a.command, "version")
					    ? a.command
					    : a.arg;
		if (extra)
			return usage_error("unexpected argument '%s'", extra);
		puts(PACKAGE_STRING);
		return finish_output(CLI_OK);
	}
	const char *cmd = a.command ? a.command : "groups";
	cli_cmd c = cliargs_command(cmd);
	if (c == CLI_NCMDS || cli_commands[c].hidden) {
		const char *known[CLI_NCMDS], *best[1];
		size_t nknown = 0;
		for (int k = 0; k < CLI_NCMDS; k++)
			if (!cli_commands[k].hidden)
				known[nknown++] = cli_commands[k].name;
		if (suggest_closest(cmd, known, nknown, best, 1)) {
			char *shown = sanitize(cmd, SANITIZE_VISIBLE);
			fprintf(stderr, "teamtui: unknown command '%s' (did you mean '%s'?)\n"
					"Try 'teamtui --help'.\n",
				shown ? shown : "", best[0]);
			free(shown);
			return CLI_USAGE;
		}
		return usage_error("unknown command '%s'", cmd);
	}
	/* options a command does not take are mistakes, not no-ops */
	if (a.offline && a.refresh)
		return usage_error("--offline and --refresh contradict each other%s", "");
	for (int o = 0; o < CLI_NOPTS; o++)
		if ((a.given & (1u << o)) && !(cli_options[o].commands & CLI_CMD_BIT(c))) {
			char msg[200];
			cliargs_not_here((cli_opt)o, msg, sizeof(msg));
			return usage_error("%s", msg);
		}
	if (a.dot && a.json)
		return usage_error("--dot and --json contradict each other%s", "");
	if (a.at && !a.awake && c != CLI_CMD_PERSON && c != CLI_CMD_ESCALATE)
		return usage_error("--at goes with --awake%s", "");
	if (a.since && cli_changes_check_since(a.since) != CLI_OK)
		return CLI_USAGE;
	time_t moment = digeststore_now();
	if (a.at) {
		char why[160];
		if (!tz_parse_moment(a.at, moment, &moment, why, sizeof(why)))
			return usage_error("--at: %s", why);
	}
	if (cli_commands[c].arg_required && !a.arg)
		return usage_error("'%s' needs an argument", cmd);
	if (cli_commands[c].arg == CLI_ARG_NONE && a.arg)
		return usage_error("unexpected argument '%s'", a.arg);

	if (!strcmp(cmd, "sync")) { /* the data first; no roster is read */
		bool updated = false;
		rc = cli_sync(a.quiet, &updated);
		return finish_output(rc);
	}
	if (!strcmp(cmd, "config")) { /* the settings; no roster is read */
		cli_config_flags f = {a.roster, a.people, a.data};
		return finish_output(cli_config_run(stdout, &f, a.json));
	}
	diag_list d;
	diag_init(&d);
	roster_source from;
	char *dir = config_roster_dir(a.roster, &from, &d);
	if (dir && from == ROSTER_FROM_SAMPLE) /* a fallback says so */
		sample_notice(dir, &d);
	char *people = NULL, *data = NULL;
	config_data_paths(&people, &data, &d);
	/* what `teamtui sync` fetched: a checkout without data/public uses it */
	char *synced = from == ROSTER_FROM_SYNC ? NULL : config_data_dir(NULL, &d);
	config_theme theme;
	bool mouse;
	config_interface(&theme, &mouse, &d);
	/* working hours: said (to stderr) when this command uses them, and
	 * always in check's list */
	awake_ctx aw = {NULL, NULL, WORK_HOURS_DEFAULT};
	bool timed = a.awake || !strcmp(cmd, "person") || !strcmp(cmd, "escalate");
	diag_list hd;
	diag_init(&hd);
	config_working_hours(&aw.hours, &hd);
	diag_append(&d, &hd);
	for (size_t i = 0; timed && i < hd.count; i++)
		diag_print(&hd.items[i], stderr);
	diag_free(&hd);
	roster_input in = {dir, a.people ? a.people : people,
			   a.data ? a.data : data, synced};
	/* check reads the files, always; snapshot makes one from them */
	bool use_snapshot = strcmp(cmd, "check") && strcmp(cmd, "snapshot") &&
			    !a.no_snapshot;
	/* the roster's diagnostics start here */
	snapstore_mark first = snapstore_mark_of(&d);
	roster *r = dir ? snapstore_load(&in, use_snapshot, &d) : NULL;
	resolver *rs = r ? resolver_new(r) : NULL;
	if (!rs) {
		fputs("teamtui: out of memory\n", stderr);
		roster_free(r);
		free(dir);
		diag_free(&d);
		return CLI_FAIL;
	}
	if (r->dir_errno && strcmp(cmd, "check")) {
		/* nothing to show: say why, and open no empty directory */
		report_fatal(&d, from);
		resolver_free(rs);
		roster_free(r);
		free(dir);
		free(people);
		free(data);
		free(synced);
		diag_free(&d);
		return CLI_FAIL;
	}
	/* tzdata's tables, and the moment asked about (tzinfo.h) */
	tz_db *tzdb = NULL;
	if (timed) {
		char tzerr[512] = "";
		aw.db = tzdb = tz_db_open(NULL, tzerr, sizeof(tzerr));
		aw.clock = tz_clock_new(moment);
		if (!tzdb) {
			fputs("teamtui: warning: ", stderr);
			sanitize_fputs_flags(tzerr, SANITIZE_VISIBLE, stderr);
			fputs(": only timezone fields tell time zones\n", stderr);
		}
	}
	if (!strcmp(cmd, "snapshot")) {
		rc = cmd_snapshot(&in, r, &d, &first, &a);
		goto done;
	}
	char why[256] = ""; /* why there is no TUI, or what it fell back on */
	if (!a.command && !a.json && screen_usable(why, sizeof(why))) {
		if (use_snapshot) /* for next time, while this one runs */
			snapstore_save_later(&in, r, &d, &first);
		/* the interactive directory; it owns the roster while it runs */
		resolver_free(rs);
		rs = NULL;
		screen_set_theme(theme == CONFIG_THEME_DARK	 ? THEME_DARK
				 : theme == CONFIG_THEME_LIGHT ? THEME_LIGHT
				 : theme == CONFIG_THEME_MONO  ? THEME_MONO
							       : THEME_AUTO);
		screen_set_mouse(mouse);
		int ui = ui_run(&in, &r, &d, why, sizeof(why));
		if (ui >= 0) { /* 0, 1 (the terminal went away), 128 + a signal */
			if (*why) { /* the terminal is back: what the TUI fell back on */
				fputs("teamtui: ", stderr);
				sanitize_fputs_flags(why, SANITIZE_VISIBLE, stderr);
				fputc('\n', stderr);
			}
			roster_free(r);
			free(dir);
			free(people);
			free(data);
			free(synced);
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
	if (*why) { /* no fallback is silent: one line on why it is text */
		fputs("teamtui: ", stderr);
		sanitize_fputs_flags(why, SANITIZE_VISIBLE, stderr);
		fputs("; printing the directory as text\n", stderr);
	}
	/* text on a terminal goes through the pager, as git's does */
	/* text cards fit the terminal (diagnostics are never cut: their
	 * messages matter whole); measured before the pager takes stdout */
	/* (nor DOT: a cut line would be no graph) */
	size_t cols = a.json || a.dot || !strcmp(cmd, "check") ? 0 : terminal_columns();
	char *captured = NULL;
	size_t ncaptured = 0;
	out_fp = cols ? open_memstream(&captured, &ncaptured) : stdout;
	if (!out_fp)
		out_fp = stdout, cols = 0;
	out_text_set_columns(cols);
	/* (not on a terminal the directory was refused for: a pager could not
	 * drive it either) */
	bool paged = !a.no_pager && !*why && pager_start();
	if (!strcmp(cmd, "check")) {
		config_me_value me;
		if (config_me(&me, &d) && me.value && !me_match(r, me.value))
			me_unknown(r, &me, &d); /* the user's own line, linted too */
		config_me_free(&me);
		rc = cmd_check(&in, r, &d, &a);
	} else {
		if (!strcmp(cmd, "show"))
			rc = cmd_show(r, rs, &a, &aw);
		else if (!strcmp(cmd, "person"))
			rc = cmd_person(r, rs, &a, aw.clock ? &aw : NULL);
		else if (!strcmp(cmd, "org"))
			rc = cmd_org(r, rs, &a);
		else if (!strcmp(cmd, "escalate"))
			rc = cmd_escalate(r, rs, &a, aw.clock ? &aw : NULL);
		else if (!strcmp(cmd, "who"))
			rc = cmd_who(r, rs, &a, &aw);
		else if (!strcmp(cmd, "okrs"))
			rc = cmd_okrs(r, &a);
		else if (!strcmp(cmd, "tables"))
			rc = cmd_tables(r, rs, &a);
		else if (!strcmp(cmd, "changes"))
			rc = cli_changes(out_fp, &in, r, rs, a.since, a.json, &d);
		else if (a.json)
			rc = out_json_groups(out_fp, r) ? CLI_OK : CLI_FAIL;
		else
			out_text_groups(out_fp, r);
		/* a regex that gave up may have left someone out: say so */
		const diag_list *rd = resolve_diags(rs);
		for (size_t i = 0; i < rd->count; i++) {
			diag_print(&rd->items[i], stderr);
		}
		if (d.errors) {
			report_roster_errors(&d);
			rc = CLI_FAIL;
		}
	}
	if (cols) { /* the captured text, cut to the terminal */
		fclose(out_fp);
		out_fp = stdout;
		fit_to_terminal(captured ? captured : "", ncaptured, cols);
		free(captured);
	}
	flush_output(); /* the hint follows the output it explains */
	if (from == ROSTER_FROM_SAMPLE && !r->npeople && d.errors)
		no_roster_hint();
	rc = finish_output(rc); /* a full disk or closed pipe is not success */
	if (use_snapshot && !r->snapshot) /* the answer is out: for next time */
		snapstore_save_later(&in, r, &d, &first);
	if (strcmp(cmd, "changes")) /* (which records it itself) */
		record_later(&in, r, rs, &d);
	if (paged)
		pager_finish();
done:
	if (free_at_exit()) { /* else the process's end does it (above) */
		resolver_free(rs);
		roster_free(r);
		diag_free(&d);
	}
	tz_clock_free(aw.clock);
	tz_db_free(tzdb);
	free(dir);
	free(people);
	free(data);
	free(synced);
	return rc;
}

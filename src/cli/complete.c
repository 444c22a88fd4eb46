/* complete.c: see complete.h. */
#include "teamtui/complete.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "teamtui/cliargs.h"
#include "teamtui/config.h"
#include "teamtui/diag.h"
#include "teamtui/roster.h"
#include "teamtui/sanitize.h"
#include "teamtui/snapstore.h"

/* A word as the shell will pass it to teamtui (malloc'd; NULL when
 * memory runs out): the scripts hand over the words as typed, so quotes
 * and backslashes are removed here (POSIX sh's rules: '...' literal,
 * "..." with \ before $ ` " \ only, \ outside quotes; an unclosed quote
 * is the word still being typed) and a leading unquoted ~ or ~/ becomes
 * $HOME. Other expansions ($VAR, ~user, globs) are left as typed. */
static char *dequote(const char *w)
{
	const char *home = getenv("HOME");
	size_t hl = home ? strlen(home) : 0;
	char *out = malloc(strlen(w) + hl + 1), *o = out;
	if (!out)
		return NULL;
	if (w[0] == '~' && (w[1] == '/' || !w[1]) && home) {
		memcpy(o, home, hl);
		o += hl;
		w++;
	}
	enum { PLAIN, SINGLE, DOUBLE } q = PLAIN;
	for (; *w; w++) {
		char c = *w;
		if (q == SINGLE) {
			if (c == '\'')
				q = PLAIN;
			else
				*o++ = c;
		} else if (q == DOUBLE) {
			if (c == '"')
				q = PLAIN;
			else if (c == '\\' && w[1] && strchr("$`\"\\", w[1]))
				*o++ = *++w;
			else
				*o++ = c;
		} else if (c == '\'') {
			q = SINGLE;
		} else if (c == '"') {
			q = DOUBLE;
		} else if (c == '\\') {
			if (w[1])
				*o++ = *++w;
		} else {
			*o++ = c;
		}
	}
	*o = '\0';
	return out;
}

/* What the words before the cursor say. */
struct before {
	cli_cmd cmd;		/* CLI_NCMDS: none yet */
	size_t nargs;		/* the command's arguments so far */
	cli_opt wants;		/* the last word was this option, which
				   takes the next word: CLI_NOPTS if not */
	const char *roster, *people, *data;
};

static void read_before(int n, char **words, struct before *b)
{
	bool options_done = false;
	*b = (struct before){CLI_NCMDS, 0, CLI_NOPTS, NULL, NULL, NULL};
	for (int i = 0; i < n; i++) {
		const char *w = words[i];
		if (b->wants != CLI_NOPTS) { /* the value of the option before */
			const char **to = b->wants == CLI_OPT_ROSTER ? &b->roster
					  : b->wants == CLI_OPT_PEOPLE ? &b->people
					  : b->wants == CLI_OPT_DATA   ? &b->data
								       : NULL;
			if (to)
				*to = w;
			b->wants = CLI_NOPTS;
			continue;
		}
		if (!options_done && w[0] == '-' && w[1]) {
			if (!strcmp(w, "--")) {
				options_done = true;
				continue;
			}
			const char *v;
			cli_opt o = cliargs_option(w, &v);
			if (o == CLI_NOPTS)
				continue;
			if (v) {
				if (o == CLI_OPT_ROSTER)
					b->roster = v;
				else if (o == CLI_OPT_PEOPLE)
					b->people = v;
				else if (o == CLI_OPT_DATA)
					b->data = v;
			} else if (cli_options[o].value != CLI_VALUE_NONE) {
				b->wants = o;
			}
		} else if (b->cmd == CLI_NCMDS) {
			b->cmd = cliargs_command(w);
			if (b->cmd == CLI_NCMDS) /* an unknown command: nothing fits */
				b->cmd = CLI_CMD_COMPLETE;
		} else {
			b->nargs++;
		}
	}
}

/* A candidate the shells take as one word, and that reaches the terminal
 * as it is: no whitespace, nothing sanitize() would change (a control, an
 * escape sequence, a bidi override), and no leading ':' (a directive). */
static bool shell_word(const char *s)
{
	if (!s || !*s || *s == ':')
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p <= ' ' || *p == 0x7f)
			return false;
	char *clean = sanitize(s, SANITIZE_LINE);
	bool same = clean && !strcmp(clean, s);
	free(clean);
	return same;
}

static void candidate(FILE *out, const char *prefix, const char *word, const char *desc)
{
	if (!shell_word(word))
		return;
	fputs(prefix, out);
	fputs(word, out);
	if (desc && *desc) {
		char *d = sanitize(desc, SANITIZE_LINE);
		if (d) {
			fputc('\t', out);
			fputs(d, out);
			free(d);
		}
	}
	fputc('\n', out);
}

static bool starts(const char *s, const char *prefix)
{
	return s && !strncmp(s, prefix, strlen(prefix));
}

/* Does some word of `name` start with `prefix`, case aside? */
static bool name_starts(const char *name, const char *prefix)
{
	size_t n = strlen(prefix);
	if (!name || !n)
		return false;
	for (const char *w = name; *w; w++)
		if ((w == name || w[-1] == ' ') && !strncasecmp(w, prefix, n))
			return true;
	return false;
}

static roster *load(const struct before *b)
{
	diag_list d;
	diag_init(&d);
	roster_source from;
	char *dir = config_roster_dir(b->roster, &from, &d);
	char *people = NULL, *data = NULL;
	config_data_paths(&people, &data, &d);
	char *synced = from == ROSTER_FROM_SYNC ? NULL : config_data_dir(NULL, &d);
	roster_input in = {dir, b->people ? b->people : people, b->data ? b->data : data,
			   synced};
	snapstore_mark first = snapstore_mark_of(&d);
	roster *r = dir ? snapstore_load(&in, true, &d) : NULL;
	if (r && !r->snapshot) /* the next Tab starts from it */
		snapstore_save_later(&in, r, &d, &first);
	diag_free(&d);
	free(dir);
	free(people);
	free(data);
	free(synced);
	return r;
}

static void groups(FILE *out, const roster *r, const char *cur)
{
	for (size_t i = 0; i < r->ngroups; i++) {
		const group *g = &r->groups[i];
		if (roster_group(r, g->id) != g) /* a duplicate id: the one taken */
			continue;
		if (starts(g->id, cur) || name_starts(g->name, cur))
			candidate(out, "", g->id, g->name);
	}
}

static void people(FILE *out, const roster *r, const char *cur)
{
	if (starts("me", cur))
		candidate(out, "", "me", "you (me: in config.yml)");
	bool handle = *cur == '@';
	const char *h = handle ? strchr(cur, '@') + 1 : cur; /* the handle's start */
	for (size_t i = 0; i < r->npeople; i++) {
		const person *p = &r->people[i];
		if (roster_person(r, p->slug) != p) /* a duplicate slug: the one taken */
			continue;
		if (handle) {
			if (p->gitlab && *p->gitlab && starts(p->gitlab, h))
				candidate(out, "@", p->gitlab, p->name);
		} else if (starts(p->slug, cur) || name_starts(p->name, cur)) {
			candidate(out, "", p->slug, p->name);
		}
	}
}

/* The value of option o, `cur` typed so far, each candidate written
 * after `prefix` ("--at=" when the value is in the option's word). */
static void value(FILE *out, cli_opt o, const char *prefix, const char *cur)
{
	switch (cli_options[o].value) {
	case CLI_VALUE_DIR: fputs(":dirs\n", out); break;
	case CLI_VALUE_PATH: fputs(":files\n", out); break;
	case CLI_VALUE_TIME:
		if (starts("now", cur))
			candidate(out, prefix, "now", "this moment");
		break;
	default: break;
	}
}

static int complete_words(int n, char **words, FILE *out);

int complete_run(int n, char **words, FILE *out)
{
	char **plain = calloc((size_t)n + 1, sizeof(*plain));
	int k = 0;
	while (plain && k < n && (plain[k] = dequote(words[k])) != NULL)
		k++;
	int rc = plain && k == n ? complete_words(n, plain, out) : 0;
	for (int i = 0; plain && i < k; i++)
		free(plain[i]);
	free(plain);
	return rc;
}

static int complete_words(int n, char **words, FILE *out)
{
	const char *cur = n > 0 ? words[n - 1] : "";
	struct before b;
	read_before(n > 0 ? n - 1 : 0, words, &b);
	if (b.cmd == CLI_CMD_COMPLETE)
		return 0;
	if (b.wants != CLI_NOPTS) { /* an option's value */
		value(out, b.wants, "", cur);
		return 0;
	}
	const char *inline_value;
	cli_opt given = !strncmp(cur, "--", 2) && strchr(cur, '=')
				? cliargs_option(cur, &inline_value)
				: CLI_NOPTS;
	if (given != CLI_NOPTS && inline_value) { /* --at=N: its value */
		char prefix[64];
		snprintf(prefix, sizeof(prefix), "%.*s", (int)(inline_value - cur), cur);
		value(out, given, prefix, inline_value);
		return 0;
	}
	if (*cur == '-' && !(b.cmd != CLI_NCMDS && cli_commands[b.cmd].arg == CLI_ARG_TEXT &&
			     b.nargs && cur[1] != '-')) {
		uint32_t bit = b.cmd == CLI_NCMDS ? CLI_CMDS_ALL : CLI_CMD_BIT(b.cmd);
		for (int o = 0; o < CLI_NOPTS; o++) {
			const cli_option *p = &cli_options[o];
			if (!(p->commands & bit))
				continue;
			if (starts(p->name, cur))
				candidate(out, "", p->name, p->summary);
			if (p->alias && starts(p->alias, cur))
				candidate(out, "", p->alias, p->summary);
		}
		return 0;
	}
	if (b.cmd == CLI_NCMDS) {
		for (int c = 0; c < CLI_NCMDS; c++)
			if (!cli_commands[c].hidden && starts(cli_commands[c].name, cur))
				candidate(out, "", cli_commands[c].name, cli_commands[c].summary);
		return 0;
	}
	cli_arg_kind kind = cli_commands[b.cmd].arg;
	if (b.nargs || (kind != CLI_ARG_GROUP && kind != CLI_ARG_PERSON &&
			kind != CLI_ARG_PERSON_GROUP))
		return 0;
	roster *r = load(&b);
	if (!r)
		return 0;
	if (kind != CLI_ARG_GROUP)
		people(out, r, cur);
	if (kind != CLI_ARG_PERSON)
		groups(out, r, cur);
	roster_free(r);
	return 0;
}

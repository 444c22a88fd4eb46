/* cliargs.c: see cliargs.h. */
#include "teamtui/cliargs.h"

#include <stdio.h>
#include <string.h>

const cli_command cli_commands[CLI_NCMDS] = {
    [CLI_CMD_GROUPS] = {"groups", NULL, CLI_ARG_NONE, false, false,
			"the tree of sections, stages and groups"},
    [CLI_CMD_SHOW] = {"show", "GROUP", CLI_ARG_GROUP, true, false,
		      "a group card: manager, members, counterparts, channels"},
    [CLI_CMD_PERSON] = {"person", "SLUG", CLI_ARG_PERSON, true, false,
			"a person card (SLUG, @handle or me)"},
    [CLI_CMD_ORG] = {"org", "SLUG", CLI_ARG_PERSON, true, false,
		     "everyone under a person, by reports_to"},
    [CLI_CMD_ESCALATE] = {"escalate", "SLUG|GROUP", CLI_ARG_PERSON_GROUP, true, false,
			  "whom to ask, in order, and who is awake"},
    [CLI_CMD_CHECK] = {"check", NULL, CLI_ARG_NONE, false, false,
		       "lint the roster (file:line:column: error|warning: ...)"},
    [CLI_CMD_WHO] = {"who", "QUERY", CLI_ARG_TEXT, true, false,
		     "who do I ask? people and groups ranked, each with why"},
    [CLI_CMD_TABLES] = {"tables", "[PAGE|GROUP]", CLI_ARG_GROUP, false, false,
			"every people table: the shortcode call and its rows"},
    [CLI_CMD_SNAPSHOT] = {"snapshot", NULL, CLI_ARG_NONE, false, false,
			  "write the roster's snapshot now"},
    [CLI_CMD_SYNC] = {"sync", NULL, CLI_ARG_NONE, false, false,
		      "fetch the organisation's data files"},
    [CLI_CMD_CHANGES] = {"changes", NULL, CLI_ARG_NONE, false, false,
			 "who joined, left, moved or changed title"},
    [CLI_CMD_OKRS] = {"okrs", "GROUP", CLI_ARG_GROUP, true, false,
		      "the group's OKRs from GitLab"},
    [CLI_CMD_CONFIG] = {"config", NULL, CLI_ARG_NONE, false, false,
			"every setting and where it came from"},
    [CLI_CMD_VERSION] = {"version", NULL, CLI_ARG_NONE, false, false, "the version"},
    [CLI_CMD_HELP] = {"help", NULL, CLI_ARG_NONE, false, false, "the usage"},
    [CLI_CMD_COMPLETE] = {"__complete", "WORD...", CLI_ARG_WORDS, false, true,
			  "complete the last word (for the shells' scripts)"},
};

#define ONLY(c) CLI_CMD_BIT(CLI_CMD_##c)

const cli_option cli_options[CLI_NOPTS] = {
    [CLI_OPT_ROSTER] = {"--roster", NULL, CLI_VALUE_DIR, "--roster needs a directory",
			CLI_CMDS_ALL, "a roster directory or a handbook checkout"},
    [CLI_OPT_PEOPLE] = {"--people", NULL, CLI_VALUE_PATH, "--people needs a path",
			CLI_CMDS_ALL, "a team.yml, team_members/ or www-gitlab-com checkout"},
    [CLI_OPT_DATA] = {"--data", NULL, CLI_VALUE_DIR, "--data needs a directory",
		      CLI_CMDS_ALL, "the directory of stages.yml and sections.yml"},
    [CLI_OPT_JSON] = {"--json", NULL, CLI_VALUE_NONE, NULL, CLI_CMDS_ALL,
		      "print JSON instead of text"},
    [CLI_OPT_NO_PAGER] = {"--no-pager", NULL, CLI_VALUE_NONE, NULL, CLI_CMDS_ALL,
			  "do not page"},
    [CLI_OPT_NO_SNAPSHOT] = {"--no-snapshot", NULL, CLI_VALUE_NONE, NULL, CLI_CMDS_ALL,
			     "read the roster's files, not a snapshot"},
    [CLI_OPT_LIMIT] = {"--limit", NULL, CLI_VALUE_NUMBER, NULL, ONLY(WHO),
		       "at most N results (1 to 10000, default 10)"},
    [CLI_OPT_AWAKE] = {"--awake", NULL, CLI_VALUE_NONE, NULL, ONLY(WHO) | ONLY(SHOW),
		       "only the people inside their working hours"},
    [CLI_OPT_AT] = {"--at", NULL, CLI_VALUE_TIME,
		    "--at needs a time: now, HH:MM, YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MMZ",
		    ONLY(WHO) | ONLY(SHOW) | ONLY(PERSON) | ONLY(ESCALATE),
		    "another moment than now (HH:MM, YYYY-MM-DDTHH:MM[Z])"},
    [CLI_OPT_DEPTH] = {"--depth", NULL, CLI_VALUE_NUMBER, NULL, ONLY(ORG),
		       "N levels (1 to 1000)"},
    [CLI_OPT_DOT] = {"--dot", NULL, CLI_VALUE_NONE, NULL, ONLY(ORG), "a Graphviz graph"},
    [CLI_OPT_OUTPUT] = {"--output", NULL, CLI_VALUE_DIR, "--output needs a directory",
			ONLY(SNAPSHOT), "the directory to write the snapshot to"},
    [CLI_OPT_QUIET] = {"--quiet", "-q", CLI_VALUE_NONE, NULL, ONLY(SYNC), "errors only"},
    [CLI_OPT_SINCE] = {"--since", NULL, CLI_VALUE_TEXT, "--since needs a date or a version",
		       ONLY(CHANGES), "since a date (YYYY-MM-DD) or a version"},
    [CLI_OPT_OFFLINE] = {"--offline", NULL, CLI_VALUE_NONE, NULL, ONLY(OKRS),
			 "the cache only"},
    [CLI_OPT_REFRESH] = {"--refresh", NULL, CLI_VALUE_NONE, NULL, ONLY(OKRS),
			 "ask GitLab even when the cache is fresh"},
    [CLI_OPT_HELP] = {"--help", "-h", CLI_VALUE_NONE, NULL, CLI_CMDS_ALL, "the usage"},
    [CLI_OPT_VERSION] = {"--version", NULL, CLI_VALUE_NONE, NULL, CLI_CMDS_ALL,
			 "the version"},
};

cli_cmd cliargs_command(const char *name)
{
	for (int c = 0; c < CLI_NCMDS; c++)
		if (!strcmp(cli_commands[c].name, name))
			return (cli_cmd)c;
	return CLI_NCMDS;
}

cli_opt cliargs_option(const char *arg, const char **inline_value)
{
	*inline_value = NULL;
	for (int o = 0; o < CLI_NOPTS; o++) {
		const cli_option *p = &cli_options[o];
		size_t n = strlen(p->name);
		if (!strcmp(arg, p->name) || (p->alias && !strcmp(arg, p->alias)))
			return (cli_opt)o;
		if (p->value != CLI_VALUE_NONE && !strncmp(arg, p->name, n) && arg[n] == '=') {
			*inline_value = arg + n + 1;
			return (cli_opt)o;
		}
	}
	return CLI_NOPTS;
}

void cliargs_not_here(cli_opt o, char *out, size_t size)
{
	uint32_t m = cli_options[o].commands;
	int total = 0;
	for (int k = 0; k < CLI_NCMDS; k++)
		total += !!(m & CLI_CMD_BIT(k));
	size_t len = (size_t)snprintf(out, size, "%s is an option of ", cli_options[o].name);
	int seen = 0;
	for (int k = 0; k < CLI_NCMDS && len < size; k++) {
		if (!(m & CLI_CMD_BIT(k)))
			continue;
		const char *sep = !seen ? "" : seen == total - 1 ? " and " : ", ";
		len += (size_t)snprintf(out + len, size - len, "%s'%s'", sep, cli_commands[k].name);
		seen++;
	}
	if (len < size)
		snprintf(out + len, size - len, " only");
}

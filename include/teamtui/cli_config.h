/* cli_config: `teamtui config`, every effective setting and where it came
 * from, as `git config --list --show-origin` lists them: one line each,
 *
 *   ORIGIN <tab> KEY=VALUE
 *
 * ORIGIN is `default`, `command line:--roster`, `env:TEAMTUI_ROSTER`,
 * `file:PATH:LINE` (the setting's line, for an editor to jump to) or
 * `synced` (the roster: the data directory `teamtui sync` filled). With
 * --json, an array of {key, value, origin: {kind, name, file, line}}.
 * The origins are those the functions deciding the values report
 * (config.h, gitlab.h's gitlab_settings_read, pager.h's pager_setting):
 * nothing is looked up a second way here. */
#ifndef TEAMTUI_CLI_CONFIG_H
#define TEAMTUI_CLI_CONFIG_H

#include <stdbool.h>
#include <stdio.h>

/* The options of the command line that are settings (NULL: not given). */
typedef struct cli_config_flags {
	const char *roster; /* --roster DIR */
	const char *people; /* --people PATH */
	const char *data;   /* --data DIR */
} cli_config_flags;

/* Print the settings on out (text, or JSON with json), after the config
 * files' diagnostics on stderr (file:line:col: error: ..., sorted). Every
 * value and path is sanitized (sanitize.h, controls shown as \xHH); a
 * token is never printed, only whether it is set, its length and where
 * from ("<set, 26 bytes>"); a value not set is "(not set)" (JSON null).
 * Returns CLI_OK, or CLI_FAIL when a config file has errors (warnings
 * alone are not) or memory runs out; write errors are the caller's to
 * check. */
int cli_config_run(FILE *out, const cli_config_flags *flags, bool json);

#endif

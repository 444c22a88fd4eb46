/* cli: the command line: argument parsing, roster discovery, dispatch to
 * the text and JSON views, exit codes (0 ok, 1 not found or roster errors,
 * 2 usage). */
#ifndef TEAMTUI_CLI_H
#define TEAMTUI_CLI_H

enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

/* Run the command line; returns the exit code. Called once, by main: a
 * one-shot command leaves the roster for the process's exit to free
 * (unless built with AddressSanitizer or TEAMTUI_FREE_AT_EXIT=1). */
int cli_run(int argc, char **argv);

#endif

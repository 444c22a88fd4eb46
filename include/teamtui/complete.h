/* complete: `teamtui __complete WORD...`, the answer the shells'
 * completion scripts (completions/) ask for when Tab is pressed. */
#ifndef TEAMTUI_COMPLETE_H
#define TEAMTUI_COMPLETE_H
#include <stdio.h>

/* Complete the last of words[0..n) (the words after `teamtui`, the last
 * one being the word under the cursor, possibly ""; n == 0 is as one
 * ""), given the words before it, and print the candidates to out, one
 * per line: CANDIDATE, or CANDIDATE TAB DESCRIPTION. The candidates are
 * what the word can become:
 *   - before the command: the commands (cliargs.h's table, not the
 *     hidden ones);
 *   - a word that starts with '-': the options the command takes (every
 *     option before the command), long names and short aliases;
 *   - a command's argument: group ids (a group also by the start of its
 *     name), person slugs, @handles and "me", as cli_commands says,
 *     read from the roster the words (--roster, --people, --data) and the
 *     config name, through its snapshot (so a 2,000-person roster answers
 *     in a few ms);
 *   - an option's value: "now" for --at; for a path, the single line
 *     ":dirs" or ":files", telling the script to complete paths itself.
 * A candidate that would not survive the shell (whitespace, a control
 * character, a leading ':') is left out; descriptions are sanitized
 * (sanitize.h) and cut to one line. Nothing goes to stderr: the roster's
 * diagnostics are for `teamtui check`. Returns 0 (an exit status). */
int complete_run(int n, char **words, FILE *out);

#endif

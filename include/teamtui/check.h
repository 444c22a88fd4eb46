/* check: lint a roster. The loader's own diagnostics plus what only a
 * resolved roster shows: unknown manager slugs, regexes that match nobody,
 * people tables that list nobody for a reason nothing else says
 * ("team-by-departments table lists nobody: nobody's departments or
 * team_tags include 'X'"), reports_to cycles, regexes that gave up
 * backtracking. */
#ifndef TEAMTUI_CHECK_H
#define TEAMTUI_CHECK_H

#include "teamtui/diag.h"
#include "teamtui/resolve.h"
#include "teamtui/roster.h"

/* Append the rule warnings for r to out (the loader's are already there).
 * Part of check_report, which is what `teamtui check` and the TUI's `!`
 * show: call that one to show a roster's problems. */
void check_roster(const roster *r, resolver *rs, diag_list *out);

/* Everything `teamtui check` reports for the roster r loaded from `in`,
 * in the order it prints it: copies of `loaded` (the diagnostics of
 * loading it, config file's included, as the loader named their files)
 * plus check_roster's lints, run on a resolver of its own (so what the
 * caller's resolver has cached cannot change a word), every file renamed
 * by check_path(in, file, cwd), then sorted (diag_sort). The one list for
 * the command (cli.c) and the TUI's `!` view: same lines, same order,
 * same totals (out->errors, out->warnings; out->suppressed past DIAG_MAX).
 * `out` is initialised here (anything in it before is not freed); the
 * caller frees it with diag_free. r and loaded are only read. `cwd` is
 * check_cwd()'s answer, or NULL (then no path is shortened). */
void check_report(const roster_input *in, const roster *r,
		  const diag_list *loaded, const char *cwd, diag_list *out);

/* The totals check_report would give, "N errors, M warnings" as `check`
 * ends, without keeping the list (for a status line: it lints the whole
 * roster, so call it once per load or reload, not per frame). */
void check_counts(const roster *r, const diag_list *loaded, size_t *errors,
		  size_t *warnings);

/* Where a diagnostic's file is, named so that an editor started in `cwd`
 * opens it (malloc'd; NULL when out of memory). The loader names a
 * roster's own files relative to the roster directory ("team.yml",
 * "content/handbook/x/_index.md") and what the user gave as given (the
 * directory itself when it is unusable, --people and --data paths and
 * what is under them, the config file): the first are put under in->dir
 * as it was given ("data/handbook/content/..."; nothing is put before
 * them when it is "."), the others kept. Then a path that is absolute and
 * inside `cwd` is made relative to it; any other is left as it is (a
 * relative one is already relative to where teamtui was started). ""
 * (no file) stays "". */
char *check_path(const roster_input *in, const char *file, const char *cwd);

/* The directory teamtui was started in, for check_path: $PWD when it is
 * absolute and names the current directory (the path the user sees, with
 * its symbolic links), else getcwd(); malloc'd, NULL when neither is
 * known (e.g. the directory was removed). teamtui never changes directory,
 * so asking later gives the same answer. */
char *check_cwd(void);

#endif

/* cli_changes: `teamtui changes [--since DATE|VERSION] [--json]`. */
#ifndef TEAMTUI_CLI_CHANGES_H
#define TEAMTUI_CLI_CHANGES_H

#include <stdbool.h>
#include <stdio.h>

#include "teamtui/diag.h"
#include "teamtui/resolve.h"
#include "teamtui/roster.h"

/* Print what changed in roster r (loaded from `in`, resolved by rs) since
 * `since` (NULL: since the user last looked, else the version before the
 * newest) to out, as text or JSON, and record r as the newest version
 * unless d (the load's diagnostics) has errors: a roster that did not load
 * whole is no version (a warning says so). Returns the exit code. */
/* Is `since` a value --since takes? CLI_OK, else the usage error is
 * said on stderr and CLI_USAGE returned: checked before the roster is
 * read, so that a bad option is a usage error whatever the roster. */
int cli_changes_check_since(const char *since);

int cli_changes(FILE *out, const roster_input *in, const roster *r,
		resolver *rs, const char *since, bool json, diag_list *d);

#endif

/* cli_sync: `teamtui sync [--quiet]`, the command's face: which files,
 * the progress bars on a terminal, one line per file, the exit code.
 * The transfers are sync.h's. */
#ifndef TEAMTUI_CLI_SYNC_H
#define TEAMTUI_CLI_SYNC_H

#include <stdbool.h>


/* Run `teamtui sync`: reads the config itself (data_dir:, sync:, the
 * GitLab settings) and prints its own problems and results. quiet:
 * errors only. *updated: whether any file of the data directory was
 * replaced. Returns CLI_OK when every file is current or was updated,
 * CLI_FAIL when any failed (the others are still updated). */
int cli_sync(bool quiet, bool *updated);

#endif

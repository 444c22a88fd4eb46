/* cli_sync.c: stub, filled by the sync work. */
#include "teamtui/cli_sync.h"

#include <stdio.h>

#include "teamtui/cli.h"

int cli_sync(bool quiet, bool *updated)
{
	(void)quiet;
	*updated = false;
	fputs("teamtui: sync: not yet\n", stderr);
	return CLI_FAIL;
}

/* cli_changes.c: stub, filled by the changes work. */
#include "teamtui/cli_changes.h"

#include "teamtui/cli.h"

int cli_changes(FILE *out, const roster_input *in, const roster *r,
		resolver *rs, const char *since, bool json, diag_list *d)
{
	(void)out, (void)in, (void)r, (void)rs, (void)since, (void)json, (void)d;
	fputs("teamtui: changes: not yet\n", stderr);
	return CLI_FAIL;
}

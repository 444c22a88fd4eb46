/* main.c: the only place that decides the process's exit code. */
#include "teamtui/cli.h"
#include "teamtui/utf8.h"

int main(int argc, char **argv)
{
	utf8_locale_init(); /* widths by wcwidth need a UTF-8 LC_CTYPE */
	return cli_run(argc, argv);
}

/* main.c: the only place that decides the process's exit code. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "teamtui/cli.h"
#include "teamtui/utf8.h"

/* Descriptors 0, 1 and 2 must be open before anything else opens one:
 * with stdout closed, the next file or socket would become descriptor 1
 * and take the output (the standard guard of setuid-careful programs).
 * A missing one is opened on /dev/null; false when even that fails.
 * *out_closed says whether standard output was one of them. */
static int guard_std_fds(int *out_closed)
{
	*out_closed = 0;
	for (int fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		if (fd == 1)
			*out_closed = 1;
		int n = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
		if (n != fd) { /* the lowest free number must be fd itself */
			if (n >= 0)
				close(n);
			return 0;
		}
	}
	return 1;
}

int main(int argc, char **argv)
{
	int out_closed;
	if (!guard_std_fds(&out_closed))
		return CLI_FAIL;
	utf8_locale_init(); /* widths by wcwidth need a UTF-8 LC_CTYPE */
	int rc = cli_run(argc, argv);
	if (out_closed && rc == CLI_OK) {
		/* what was printed went to /dev/null: not a success (as
		 * coreutils say it) */
		fprintf(stderr, "teamtui: write error: %s\n", strerror(EBADF));
		rc = CLI_FAIL;
	}
	return rc;
}

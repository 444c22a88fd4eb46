/* later.c: see later.h. */
#include "teamtui/later.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

bool later_inline(void)
{
	const char *wait = getenv("TEAMTUI_SNAPSHOT_WAIT");
	return wait && *wait && strcmp(wait, "0");
}

bool later_detach(void)
{
	fflush(NULL); /* nothing buffered is written twice */
	pid_t child = fork();
	if (child < 0)
		return false;
	if (child > 0) { /* the child forks the worker and is gone at once */
		while (waitpid(child, NULL, 0) < 0 && errno == EINTR)
			;
		return false;
	}
	if (fork() != 0)
		_exit(0);
	/* the worker: no terminal, no pipe kept open (a reader of our
	 * output waits for every writer of its pipe to close it) */
	setsid();
	int null = open("/dev/null", O_RDWR);
	for (int fd = 0; fd < 3; fd++)
		if (null >= 0)
			dup2(null, fd);
	long max = sysconf(_SC_OPEN_MAX);
	for (int fd = 3; fd < (max > 0 && max < 65536 ? max : 1024); fd++)
		close(fd);
	return true;
}

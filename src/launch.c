/* launch.c: fork + execvp with a fixed argv. */
#include "teamtui/launch.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int launch_url(const char *url, const char **what)
{
	static char prog[256];
	const char *browser = getenv("BROWSER");
	if (browser && *browser) {
		/* only the first word: $BROWSER is not run through a shell */
		size_t n = strcspn(browser, " \t:");
		if (n >= sizeof(prog))
			n = sizeof(prog) - 1;
		memcpy(prog, browser, n);
		prog[n] = '\0';
	} else {
		strcpy(prog, "xdg-open");
	}
	*what = prog;
	if (strncmp(url, "https://", 8) && strncmp(url, "http://", 7))
		return EINVAL; /* only web links: never a file or a scheme handler */
	int pipefd[2];
	if (pipe(pipefd) < 0)
		return errno;
	fcntl(pipefd[1], F_SETFD, FD_CLOEXEC);
	pid_t pid = fork();
	if (pid < 0) {
		int e = errno;
		close(pipefd[0]);
		close(pipefd[1]);
		return e;
	}
	if (pid == 0) {
		close(pipefd[0]);
		/* detach: a grandchild, so no zombie and no wait for the browser */
		if (fork() != 0)
			_exit(0);
		setsid();
		int fd = open("/dev/null", O_RDWR);
		if (fd >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
		}
		char *argv[] = {prog, (char *)url, NULL};
		execvp(prog, argv);
		int e = errno; /* tell the parent why through the pipe */
		if (write(pipefd[1], &e, sizeof(e)) < 0)
			_exit(127);
		_exit(127);
	}
	close(pipefd[1]);
	waitpid(pid, NULL, 0);
	int e = 0;
	/* closed on exec (success) or holds the errno of a failed exec */
	ssize_t r = read(pipefd[0], &e, sizeof(e));
	close(pipefd[0]);
	return r == (ssize_t)sizeof(e) ? e : 0;
}

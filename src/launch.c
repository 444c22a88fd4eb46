/* launch.c: fork + execvp with a fixed argv, the child set up as a
 * program started from a shell would be: default signal dispositions, an
 * empty signal mask, and no descriptor of teamtui's but 0, 1 and 2 (those
 * on /dev/null). */
#include "teamtui/launch.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

enum { FD_SCAN_MAX = 65536 };

/* The highest open descriptor, found before fork (malloc is not for the
 * child): one poll(2) over every descriptor below the limit, asking for no
 * events, answers POLLNVAL for the closed ones. Descriptors from libraries
 * (libcurl's socket pair) are not close-on-exec, so the child closes
 * everything above 2 up to this. Without memory: the limit itself. */
static int highest_fd(void)
{
	struct rlimit rl;
	long limit = 1024;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
		limit = (long)rl.rlim_cur;
	if (limit > FD_SCAN_MAX || limit <= 0)
		limit = FD_SCAN_MAX;
	struct pollfd *p = malloc((size_t)limit * sizeof(*p));
	if (!p)
		return (int)limit - 1;
	for (long i = 0; i < limit; i++)
		p[i] = (struct pollfd){.fd = (int)i, .events = 0};
	int high = (int)limit - 1;
	if (poll(p, (nfds_t)limit, 0) >= 0) {
		high = -1;
		for (long i = 0; i < limit; i++)
			if (!(p[i].revents & POLLNVAL))
				high = (int)i;
	}
	free(p);
	return high;
}

/* In the child, before exec: only async-signal-safe calls. */
static void child_defaults(int keep_fd, int high)
{
	/* dispositions first, so no signal reaches a handler of teamtui's once
	 * the mask is empty; SIGPIPE (ignored by teamtui) back to default */
	struct sigaction dfl;
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	for (int sig = 1; sig < 65; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			sigaction(sig, &dfl, NULL); /* EINVAL past the last: fine */
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	for (int fd = 3; fd <= high; fd++)
		if (fd != keep_fd)
			close(fd);
	int fd = open("/dev/null", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
}

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
	fcntl(pipefd[0], F_SETFD, FD_CLOEXEC);
	fcntl(pipefd[1], F_SETFD, FD_CLOEXEC);
	int high = highest_fd();
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
		pid_t g = fork();
		if (g < 0) {
			int e = errno;
			if (write(pipefd[1], &e, sizeof(e)) < 0)
				_exit(127);
			_exit(127);
		}
		if (g > 0)
			_exit(0);
		setsid();
		child_defaults(pipefd[1], high);
		char *argv[] = {prog, (char *)url, NULL};
		execvp(prog, argv);
		int e = errno; /* tell the parent why through the pipe */
		if (write(pipefd[1], &e, sizeof(e)) < 0)
			_exit(127);
		_exit(127);
	}
	close(pipefd[1]);
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	int e = 0;
	/* closed on exec (success) or holds the errno of a failed exec */
	ssize_t r = read(pipefd[0], &e, sizeof(e));
	close(pipefd[0]);
	return r == (ssize_t)sizeof(e) ? e : 0;
}

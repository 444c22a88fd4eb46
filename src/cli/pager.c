/* pager.c: the user's pager on standard output (see pager.h). */
#include "teamtui/pager.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile pid_t pager_pid = -1;

/* A signal while the pager runs (Ctrl-C reaches both): let the pager end
 * first, so the terminal is its to restore, then die of the signal, as
 * git's wait_for_pager_signal does. Only async-signal-safe calls. */
static void on_signal(int sig)
{
	if (pager_pid > 0) {
		close(STDOUT_FILENO);
		while (waitpid(pager_pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

const char *pager_setting(const char **from)
{
	const char *p = getenv("TEAMTUI_PAGER");
	*from = "TEAMTUI_PAGER";
	if (!p) {
		p = getenv("PAGER");
		*from = "PAGER";
	}
	if (!p) {
		p = "less";
		*from = NULL;
	}
	return p;
}

static const char *pager_command(void)
{
	const char *from;
	const char *p = pager_setting(&from);
	size_t b = strspn(p, " \t");
	if (!p[b] || !strcmp(p + b, "cat"))
		return NULL;
	return p;
}

bool pager_start(void)
{
	if (pager_pid > 0 || !isatty(STDOUT_FILENO))
		return false;
	const char *term = getenv("TERM"); /* as git: no pager can drive these */
	if (!term || !*term || !strcmp(term, "dumb"))
		return false;
	const char *cmd = pager_command();
	if (!cmd)
		return false;
	int fd[2];
	if (pipe(fd) < 0)
		return false;
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		close(fd[0]);
		close(fd[1]);
		return false;
	}
	if (pid == 0) { /* the pager: reads the pipe, writes the terminal */
		dup2(fd[0], STDIN_FILENO);
		close(fd[0]);
		close(fd[1]);
		setenv("LESS", getenv("LESS") ? getenv("LESS") : "FRX", 1);
		setenv("LV", getenv("LV") ? getenv("LV") : "-c", 1);
		signal(SIGPIPE, SIG_DFL);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	if (dup2(fd[1], STDOUT_FILENO) < 0) {
		close(fd[0]);
		close(fd[1]);
		kill(pid, SIGTERM);
		waitpid(pid, NULL, 0);
		return false;
	}
	close(fd[0]);
	close(fd[1]);
	pager_pid = pid;
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
	for (size_t i = 0; i < sizeof(sigs) / sizeof(*sigs); i++) {
		struct sigaction sa;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		sigaction(sigs[i], &sa, NULL);
	}
	return true;
}

void pager_finish(void)
{
	if (pager_pid <= 0)
		return;
	fflush(stdout);
	fclose(stdout); /* the pager sees the end */
	int st;
	while (waitpid(pager_pid, &st, 0) < 0 && errno == EINTR)
		;
	pager_pid = -1;
}

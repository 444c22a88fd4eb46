/* mestate.c: the state file of `me`, and git's user.email (mestate.h). */
#include "teamtui/mestate.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "teamtui/strbuf.h"

extern char **environ;

enum { STATE_MAX_BYTES = 4096, EMAIL_MAX_BYTES = 255, GIT_TIMEOUT_MS = 2000 };

char *mestate_path(void)
{
	const char *xdg = getenv("XDG_STATE_HOME");
	if (xdg && xdg[0] == '/')
		return strbuf_concat(xdg, "/teamtui/me");
	const char *home = getenv("HOME");
	if (!home || home[0] != '/')
		return NULL;
	return strbuf_concat(home, "/.local/state/teamtui/me");
}

/* s's first line, blanks at its ends trimmed, in place. */
static char *first_line(char *s)
{
	s[strcspn(s, "\r\n")] = '\0';
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

char *mestate_read(char *err, size_t errsize)
{
	err[0] = '\0';
	char *path = mestate_path();
	if (!path)
		return NULL;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		if (errno != ENOENT && errno != ENOTDIR)
			snprintf(err, errsize, "%s: %s", path, strerror(errno));
		free(path);
		return NULL;
	}
	struct stat st;
	char buf[STATE_MAX_BYTES + 1];
	ssize_t got = -1;
	if (fstat(fd, &st) != 0)
		snprintf(err, errsize, "%s: %s", path, strerror(errno));
	else if (!S_ISREG(st.st_mode))
		snprintf(err, errsize, "%s: not a regular file; ignored", path);
	else if (st.st_size > STATE_MAX_BYTES)
		snprintf(err, errsize, "%s: over %d bytes; ignored", path, STATE_MAX_BYTES);
	else if ((got = read(fd, buf, STATE_MAX_BYTES)) < 0)
		snprintf(err, errsize, "%s: %s", path, strerror(errno));
	close(fd);
	free(path);
	if (got <= 0)
		return NULL;
	buf[got] = '\0';
	if (memchr(buf, '\0', (size_t)got)) /* no text file */
		return NULL;
	char *line = first_line(buf);
	return *line ? strdup(line) : NULL;
}

/* mkdir -p of the directories above `path` (0700 for those made). */
static bool make_parents(char *path)
{
	for (char *s = strchr(path + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		bool ok = mkdir(path, 0700) == 0 || errno == EEXIST;
		*s = '/';
		if (!ok)
			return false;
	}
	return true;
}

bool mestate_write(const char *slug, char *err, size_t errsize)
{
	err[0] = '\0';
	char *path = mestate_path();
	if (!path) {
		snprintf(err, errsize, "no HOME or XDG_STATE_HOME to keep it in");
		return false;
	}
	char *tmp = strbuf_concat(path, ".XXXXXX");
	if (!tmp || !make_parents(path)) {
		snprintf(err, errsize, "%s: %s", path, tmp ? strerror(errno) : "out of memory");
		free(tmp);
		free(path);
		return false;
	}
	int fd = mkstemp(tmp);
	bool ok = fd >= 0;
	if (ok) {
		size_t n = strlen(slug);
		ok = write(fd, slug, n) == (ssize_t)n && write(fd, "\n", 1) == 1;
		ok = (fsync(fd) == 0) && ok;
		ok = (close(fd) == 0) && ok;
		ok = ok && rename(tmp, path) == 0;
		int e = errno;
		if (!ok)
			unlink(tmp);
		errno = e;
	}
	if (!ok)
		snprintf(err, errsize, "%s: %s", path, strerror(errno));
	free(tmp);
	free(path);
	return ok;
}

static long elapsed_ms(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

char *mestate_git_email(void)
{
	int p[2];
	if (pipe(p) != 0)
		return NULL;
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, p[1], 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addclose(&fa, p[0]);
	posix_spawn_file_actions_addclose(&fa, p[1]);
	char *argv[] = {"git", "config", "user.email", NULL};
	pid_t pid;
	int rc = posix_spawnp(&pid, "git", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	if (rc != 0) {
		close(p[0]);
		return NULL;
	}
	char buf[EMAIL_MAX_BYTES + 1];
	size_t n = 0;
	bool timeout = false;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		long left = GIT_TIMEOUT_MS - elapsed_ms(&t0);
		struct pollfd pf = {p[0], POLLIN, 0};
		if (left <= 0 || poll(&pf, 1, (int)left) == 0) {
			timeout = true;
			break;
		}
		ssize_t got = read(p[0], buf + n, EMAIL_MAX_BYTES - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		n += (size_t)got;
		if (n == EMAIL_MAX_BYTES) /* enough: the rest is no address */
			break;
	}
	close(p[0]);
	if (timeout || n == EMAIL_MAX_BYTES)
		kill(pid, SIGKILL);
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (timeout || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return NULL;
	buf[n] = '\0';
	char *line = first_line(buf);
	return *line ? strdup(line) : NULL;
}

bool mestate_resolve(const roster *r, mestate *m, diag_list *diags)
{
	memset(m, 0, sizeof(*m));
	config_me(&m->config, diags);
	if (!m->config.value) {
		m->confirmed = mestate_read(m->state_err, sizeof(m->state_err));
		const char *u = getenv("USER");
		m->user = u && *u ? u : NULL;
	}
	if (me_resolve(r, m->config.value, m->confirmed, m->user, NULL, &m->answer))
		return true;
	if (m->answer.config_unknown)
		return false;
	m->email = mestate_git_email();
	if (m->email)
		me_email_local(m->email, m->email_local, sizeof(m->email_local));
	return me_resolve(r, NULL, m->confirmed, m->user,
			  m->email_local[0] ? m->email_local : NULL, &m->answer);
}

void mestate_free(mestate *m)
{
	config_me_free(&m->config);
	free(m->confirmed);
	free(m->email);
	memset(m, 0, sizeof(*m));
}

/* launch.c: plans (which argv, foreground or detached) built from
 * $BROWSER, $VISUAL and $EDITOR without a shell, and a runner that tries
 * them in order with fork + execve, the child set up as a program started
 * from a shell would be: default signal dispositions, an empty signal
 * mask, and no descriptor of teamtui's but 0, 1 and 2 (on /dev/null when
 * detached, teamtui's terminal when foreground). See launch.h. */
#include "teamtui/launch.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ; /* POSIX: the application declares it */

enum { FD_SCAN_MAX = 65536, PATH_BUF = 4096 };

/* ---- words ---------------------------------------------------------- */

/* A growable NULL-terminated vector of malloc'd strings. */
typedef struct strv {
	char **v;
	size_t n, cap;
} strv;

static void strv_free(strv *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	*s = (strv){0};
}

/* Append `str` (taken over; freed on failure). */
static int strv_take(strv *s, char *str)
{
	if (!str)
		return ENOMEM;
	if (s->n + 2 > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 8;
		char **v = realloc(s->v, cap * sizeof(*v));
		if (!v) {
			free(str);
			return ENOMEM;
		}
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = str;
	s->v[s->n] = NULL;
	return 0;
}

static int strv_add(strv *s, const char *str)
{
	return strv_take(s, strdup(str));
}

/* A growable byte buffer for the word being read. */
typedef struct buf {
	char *p;
	size_t n, cap;
} buf;

static int buf_put(buf *b, char c)
{
	if (b->n + 2 > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 32;
		char *p = realloc(b->p, cap);
		if (!p)
			return ENOMEM;
		b->p = p;
		b->cap = cap;
	}
	b->p[b->n++] = c;
	b->p[b->n] = '\0';
	return 0;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* NULL, "" or only blanks. */
static bool unset(const char *s)
{
	if (!s)
		return true;
	while (is_blank(*s))
		s++;
	return !*s;
}

/* Split `s` into entries of words (launch.h: blanks, '...', "...", and a
 * backslash outside quotes; with `colons`, an unquoted ':' ends an entry).
 * Entries without words are dropped. *out is an array of *count strv. */
static int split_entries(const char *s, bool colons, strv **out, size_t *count)
{
	strv *ents = NULL;
	size_t n = 0, cap = 0;
	strv cur = {0};
	buf w = {0};
	bool in_word = false;
	int e = 0;
	*out = NULL;
	*count = 0;
	for (const char *c = s;; c++) {
		bool end = !*c || (colons && *c == ':');
		if (end || is_blank(*c)) { /* a word ends */
			if (in_word) {
				e = strv_take(&cur, w.p ? w.p : strdup(""));
				w = (buf){0};
				in_word = false;
				if (e)
					break;
			}
			if (end && cur.n) { /* an entry ends */
				if (n == cap) {
					size_t nc = cap ? cap * 2 : 4;
					strv *ne = realloc(ents, nc * sizeof(*ne));
					if (!ne) {
						e = ENOMEM;
						break;
					}
					ents = ne;
					cap = nc;
				}
				ents[n++] = cur;
				cur = (strv){0};
			}
			if (!*c)
				break;
			continue;
		}
		in_word = true;
		if (*c == '\'') {
			const char *q = strchr(c + 1, '\'');
			if (!q) {
				e = EINVAL;
				break;
			}
			for (c++; c < q && !e; c++)
				e = buf_put(&w, *c);
			c = q;
		} else if (*c == '"') {
			for (c++; *c && *c != '"' && !e; c++) {
				if (*c == '\\' && (c[1] == '"' || c[1] == '\\'))
					c++;
				e = buf_put(&w, *c);
			}
			if (!e && !*c)
				e = EINVAL;
		} else if (*c == '\\') {
			if (!c[1])
				e = EINVAL;
			else
				e = buf_put(&w, *++c);
		} else {
			e = buf_put(&w, *c);
		}
		if (e)
			break;
	}
	free(w.p);
	strv_free(&cur);
	if (e) {
		for (size_t i = 0; i < n; i++)
			strv_free(&ents[i]);
		free(ents);
		return e;
	}
	*out = ents;
	*count = n;
	return 0;
}

static void entries_free(strv *ents, size_t n)
{
	for (size_t i = 0; i < n; i++)
		strv_free(&ents[i]);
	free(ents);
}

/* ---- plans ---------------------------------------------------------- */

void launch_plan_free(launch_plan *p)
{
	for (size_t i = 0; i < p->count; i++) {
		for (char **a = p->cmds[i].argv; a && *a; a++)
			free(*a);
		free(p->cmds[i].argv);
	}
	free(p->cmds);
	p->cmds = NULL;
	p->count = 0;
}

static bool same_argv(char *const *a, char *const *b)
{
	for (; *a && *b; a++, b++)
		if (strcmp(*a, *b))
			return false;
	return !*a && !*b;
}

/* Append argv (taken over, emptied) unless the plan already has it. */
static int plan_take(launch_plan *p, strv *argv, bool foreground)
{
	if (!argv->n)
		return 0;
	for (size_t i = 0; i < p->count; i++)
		if (same_argv(p->cmds[i].argv, argv->v)) {
			strv_free(argv);
			return 0;
		}
	launch_cmd *c = realloc(p->cmds, (p->count + 1) * sizeof(*c));
	if (!c) {
		strv_free(argv);
		return ENOMEM;
	}
	p->cmds = c;
	p->cmds[p->count++] = (launch_cmd){.argv = argv->v, .foreground = foreground};
	*argv = (strv){0};
	return 0;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

static bool in_list(const char *name, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(name, *list))
			return true;
	return false;
}

/* Text-mode browsers: they need the terminal. */
static const char *const text_browsers[] = {
    "lynx", "w3m", "elinks", "links", "links2", "browsh", "carbonyl", "www-browser", NULL};
/* The defaults' order (launch.h). */
static const char *const default_text[] = {
    "www-browser", "w3m", "lynx", "elinks", "links2", "links", NULL};
/* Programs that hand the URL to whatever is configured. */
static const char *const dispatchers[] = {"xdg-open", "sensible-browser", NULL};
/* Graphical browsers, left out without a display: xdg-open's list for
 * has_display (x-www-browser:firefox:iceweasel:seamonkey:mozilla:
 * epiphany:konqueror:chromium:chromium-browser:google-chrome), Python
 * webbrowser's register_X_browsers(), and their packaged siblings. */
static const char *const x_browsers[] = {
    "x-www-browser", "gnome-www-browser", "firefox", "firefox-esr", "mozilla-firefox",
    "iceweasel", "seamonkey", "mozilla", "netscape", "epiphany", "konqueror",
    "chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
    "brave-browser", "opera", "vivaldi", "microsoft-edge", "librewolf", "falkon",
    "qutebrowser", NULL};

static bool has_arg(char *const *argv, const char *arg)
{
	for (; *argv; argv++)
		if (!strcmp(*argv, arg))
			return true;
	return false;
}

static bool browser_foreground(char *const *argv, bool display)
{
	const char *b = base_name(argv[0]);
	if (in_list(b, dispatchers))
		return !display;
	if ((!strcmp(b, "links") || !strcmp(b, "links2")) && has_arg(argv, "-g"))
		return false; /* Links' graphics mode */
	return in_list(b, text_browsers);
}

/* `word` with "%s" replaced by `url` and "%%" by "%"; *found set when a
 * "%s" was there. */
static char *substitute(const char *word, const char *url, bool *found)
{
	buf b = {0};
	int e = 0;
	for (const char *c = word; *c && !e; c++) {
		if (c[0] == '%' && c[1] == '%') {
			e = buf_put(&b, '%');
			c++;
		} else if (c[0] == '%' && c[1] == 's') {
			for (const char *u = url; *u && !e; u++)
				e = buf_put(&b, *u);
			*found = true;
			c++;
		} else {
			e = buf_put(&b, *c);
		}
	}
	if (e) {
		free(b.p);
		return NULL;
	}
	return b.p ? b.p : strdup("");
}

/* One $BROWSER entry into the plan. */
static int add_browser_entry(launch_plan *p, strv *words, const char *url,
			     bool display)
{
	bool background = false;
	if (words->n > 1 && !strcmp(words->v[words->n - 1], "&")) {
		free(words->v[--words->n]);
		words->v[words->n] = NULL;
		background = true;
	}
	strv argv = {0};
	bool found = false;
	int e = 0;
	for (size_t i = 0; i < words->n && !e; i++)
		e = strv_take(&argv, substitute(words->v[i], url, &found));
	if (!e && !found)
		e = strv_add(&argv, url);
	if (e) {
		strv_free(&argv);
		return e;
	}
	if (!display && in_list(base_name(argv.v[0]), x_browsers)) {
		strv_free(&argv);
		return 0;
	}
	return plan_take(p, &argv, !background && browser_foreground(argv.v, display));
}

static int add_simple(launch_plan *p, const char *prog, const char *url, bool fg)
{
	strv argv = {0};
	int e = strv_add(&argv, prog);
	if (!e)
		e = strv_add(&argv, url);
	if (e) {
		strv_free(&argv);
		return e;
	}
	return plan_take(p, &argv, fg);
}

static bool url_ok(const char *url)
{
	if (!url || (strncmp(url, "https://", 8) && strncmp(url, "http://", 7)))
		return false;
	for (const unsigned char *c = (const unsigned char *)url; *c; c++)
		if (*c < 0x20 || *c == 0x7f)
			return false;
	return true;
}

int launch_plan_url(const char *url, const launch_env *env, launch_plan *out)
{
	*out = (launch_plan){0};
	if (!url_ok(url))
		return EINVAL;
	int e = 0;
	if (!unset(env->browser)) {
		strv *ents;
		size_t n;
		e = split_entries(env->browser, true, &ents, &n);
		for (size_t i = 0; i < n && !e; i++)
			e = add_browser_entry(out, &ents[i], url, env->display);
		entries_free(ents, n);
	}
	if (!e && env->display)
		e = add_simple(out, "xdg-open", url, false);
	for (size_t i = 0; default_text[i] && !e; i++)
		e = add_simple(out, default_text[i], url, true);
	if (!e && !env->display)
		e = add_simple(out, "xdg-open", url, true);
	if (e)
		launch_plan_free(out);
	return e;
}

/* How an editor takes a position (launch.h). */
typedef enum { POS_NONE, POS_PLUS, POS_PLUS_COLON, POS_PLUS_COMMA, POS_SUFFIX, POS_VSCODE } pos_style;

static pos_style editor_style(const char *prog)
{
	static const char *const plus[] = {"vi", "vim", "nvim", "nvi", "gvim", "view", "mg",
					   "joe", "jmacs", "jstar", "jpico", "pico", NULL};
	static const char *const plus_colon[] = {"emacs", "emacsclient", "micro", "kak", NULL};
	static const char *const plus_comma[] = {"nano", "ne", NULL};
	static const char *const suffix[] = {"hx", "helix", NULL};
	static const char *const vscode[] = {"code", "code-insiders", "code-oss", "codium",
					     "vscodium", NULL};
	char name[64];
	const char *b = base_name(prog);
	size_t len = strcspn(b, ".");
	if (len >= sizeof(name))
		return POS_NONE;
	memcpy(name, b, len);
	name[len] = '\0';
	return in_list(name, plus)	   ? POS_PLUS
	       : in_list(name, plus_colon) ? POS_PLUS_COLON
	       : in_list(name, plus_comma) ? POS_PLUS_COMMA
	       : in_list(name, suffix)	   ? POS_SUFFIX
	       : in_list(name, vscode)	   ? POS_VSCODE
					   : POS_NONE;
}

static char *aprintf(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *aprintf(const char *f, ...)
{
	va_list ap;
	va_start(ap, f);
	int n = vsnprintf(NULL, 0, f, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	char *p = malloc((size_t)n + 1);
	if (!p)
		return NULL;
	va_start(ap, f);
	vsnprintf(p, (size_t)n + 1, f, ap);
	va_end(ap);
	return p;
}

int launch_plan_editor(const char *file, int line, int column,
		       const launch_env *env, launch_plan *out)
{
	*out = (launch_plan){0};
	if (!file || !*file)
		return EINVAL;
	bool dumb = !env->term || !*env->term || !strcmp(env->term, "dumb");
	const char *value = !dumb && !unset(env->visual) ? env->visual
			    : !unset(env->editor)	     ? env->editor
			    : dumb			     ? NULL
							     : "vi";
	if (!value)
		return ENOTTY; /* git: "Terminal is dumb, but EDITOR unset" */
	strv *ents;
	size_t n;
	int e = split_entries(value, false, &ents, &n);
	if (e)
		return e;
	if (n != 1) {
		entries_free(ents, n);
		return EINVAL;
	}
	strv argv = ents[0];
	free(ents);
	char *path = NULL; /* the file as one argument, never an option */
	if (file[0] == '-' || file[0] == '+')
		path = aprintf("./%s", file);
	else
		path = strdup(file);
	if (!path) {
		strv_free(&argv);
		return ENOMEM;
	}
	if (line <= 0)
		line = column = 0;
	if (column < 0)
		column = 0;
	switch (line ? editor_style(argv.v[0]) : POS_NONE) {
	case POS_PLUS:
		e = strv_take(&argv, aprintf("+%d", line));
		break;
	case POS_PLUS_COLON:
		e = strv_take(&argv, column ? aprintf("+%d:%d", line, column)
					    : aprintf("+%d", line));
		break;
	case POS_PLUS_COMMA:
		e = strv_take(&argv, column ? aprintf("+%d,%d", line, column)
					    : aprintf("+%d", line));
		break;
	case POS_SUFFIX:
	case POS_VSCODE: {
		char *pos = column ? aprintf("%s:%d:%d", path, line, column)
				   : aprintf("%s:%d", path, line);
		free(path);
		path = pos;
		if (!path)
			e = ENOMEM;
		break;
	}
	case POS_NONE:
		break;
	}
	if (!e && editor_style(argv.v[0]) == POS_VSCODE) {
		if (!has_arg(argv.v, "--wait") && !has_arg(argv.v, "-w"))
			e = strv_add(&argv, "--wait");
		if (!e && line)
			e = strv_add(&argv, "-g");
	}
	if (!e)
		e = strv_take(&argv, path);
	else
		free(path);
	if (!e)
		e = plan_take(out, &argv, true);
	else
		strv_free(&argv);
	if (e)
		launch_plan_free(out);
	return e;
}

void launch_env_get(launch_env *env)
{
	const char *d = getenv("DISPLAY"), *w = getenv("WAYLAND_DISPLAY");
	*env = (launch_env){
	    .browser = getenv("BROWSER"),
	    .visual = getenv("VISUAL"),
	    .editor = getenv("EDITOR"),
	    .term = getenv("TERM"),
	    .display = (d && *d) || (w && *w),
	};
}

/* ---- running -------------------------------------------------------- */

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

/* In the child, before exec: only async-signal-safe calls (libcurl's
 * resolver may have threads). */
static void child_defaults(int keep_fd, int high, bool devnull)
{
	/* dispositions first, so no signal reaches a handler of teamtui's once
	 * the mask is empty; SIGPIPE (ignored by teamtui) and SIGINT/SIGQUIT
	 * (ignored while a foreground child runs) back to default */
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
	if (!devnull)
		return; /* foreground: the terminal stays as 0, 1 and 2 */
	int fd = open("/dev/null", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
}

/* Report errno `e` to the parent through the pipe and end. */
static void child_fail(int fd, int e)
{
	if (write(fd, &e, sizeof(e)) < 0)
		_exit(127);
	_exit(127);
}

static bool executable(const char *path, int *why)
{
	struct stat st;
	if (stat(path, &st) < 0 || !S_ISREG(st.st_mode))
		return false;
	if (access(path, X_OK) < 0) {
		*why = EACCES;
		return false;
	}
	return true;
}

/* The file exec would run for `prog`, into out[PATH_BUF]: as execvp's
 * search (POSIX exec, "The PATH environment variable"): a name with a
 * '/' is used as it is; else each PATH directory in turn ("" is the
 * current directory), confstr(_CS_PATH) when PATH is unset. */
static int resolve(const char *prog, char *out)
{
	int why = ENOENT;
	if (!*prog)
		return ENOENT;
	if (strchr(prog, '/')) {
		if (strlen(prog) >= PATH_BUF)
			return ENAMETOOLONG;
		strcpy(out, prog);
		return executable(out, &why) ? 0 : why;
	}
	const char *path = getenv("PATH");
	char def[PATH_BUF];
	if (!path) {
		size_t n = confstr(_CS_PATH, def, sizeof(def));
		path = n > 0 && n <= sizeof(def) ? def : "/bin:/usr/bin";
	}
	for (const char *d = path;; d++) {
		size_t len = strcspn(d, ":");
		int n = len ? snprintf(out, PATH_BUF, "%.*s/%s", (int)len, d, prog)
			    : snprintf(out, PATH_BUF, "./%s", prog);
		if (n > 0 && n < PATH_BUF && executable(out, &why))
			return 0;
		d += len;
		if (!*d)
			break;
	}
	return why;
}

static int cloexec_pipe(int fd[2])
{
	if (pipe(fd) < 0)
		return errno;
	fcntl(fd[0], F_SETFD, FD_CLOEXEC);
	fcntl(fd[1], F_SETFD, FD_CLOEXEC);
	return 0;
}

/* Wait for exec: 0 when the pipe closed on it, else the child's errno. */
static int read_exec_result(int fd)
{
	int e = 0;
	ssize_t r;
	while ((r = read(fd, &e, sizeof(e))) < 0 && errno == EINTR)
		;
	return r == (ssize_t)sizeof(e) ? e : 0;
}

static int run_detached(const char *path, char *const *argv)
{
	int pipefd[2];
	int e = cloexec_pipe(pipefd);
	if (e)
		return e;
	int high = highest_fd();
	pid_t pid = fork();
	if (pid < 0) {
		e = errno;
		close(pipefd[0]);
		close(pipefd[1]);
		return e;
	}
	if (pid == 0) {
		close(pipefd[0]);
		/* detach: a grandchild, so no zombie and no wait for the browser */
		pid_t g = fork();
		if (g < 0)
			child_fail(pipefd[1], errno);
		if (g > 0)
			_exit(0);
		setsid();
		child_defaults(pipefd[1], high, true);
		execve(path, argv, environ);
		child_fail(pipefd[1], errno);
	}
	close(pipefd[1]);
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	/* closed on exec (success) or holds the errno of a failed exec */
	e = read_exec_result(pipefd[0]);
	close(pipefd[0]);
	return e;
}

static int run_foreground(const char *path, char *const *argv,
			  const launch_hooks *hooks, int *status)
{
	int pipefd[2];
	int e = cloexec_pipe(pipefd);
	if (e)
		return e;
	int high = highest_fd();
	if (hooks->pause)
		hooks->pause();
	/* as system(3) (POSIX): SIGINT and SIGQUIT ignored, SIGCHLD blocked
	 * while waiting; as mutt_system(): SIGTSTP and SIGCONT at their
	 * defaults, so Ctrl-Z stops teamtui with its child and no handler
	 * (curses has one for SIGTSTP) draws over the child's screen */
	struct sigaction ign, dfl, old_int, old_quit, old_tstp, old_cont;
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	dfl = ign;
	dfl.sa_handler = SIG_DFL;
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	sigaction(SIGTSTP, &dfl, &old_tstp);
	sigaction(SIGCONT, &dfl, &old_cont);
	sigset_t chld, old_mask;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &old_mask);
	pid_t pid = fork();
	if (pid == 0) {
		close(pipefd[0]);
		child_defaults(pipefd[1], high, false);
		execve(path, argv, environ);
		child_fail(pipefd[1], errno);
	}
	if (pid < 0)
		e = errno;
	close(pipefd[1]);
	if (pid > 0) {
		e = read_exec_result(pipefd[0]);
		int st = 0;
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
		*status = st;
	}
	close(pipefd[0]);
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	sigaction(SIGTSTP, &old_tstp, NULL);
	sigaction(SIGCONT, &old_cont, NULL);
	if (hooks->resume)
		hooks->resume();
	return e;
}

int launch_run(const launch_plan *p, const launch_hooks *hooks,
	       launch_result *res)
{
	launch_result r = {.index = -1, .failed = -1};
	for (size_t i = 0; i < p->count; i++) {
		const launch_cmd *c = &p->cmds[i];
		char path[PATH_BUF];
		int status = 0, e;
		if (c->foreground && !hooks)
			e = ENOTTY; /* no terminal to hand over */
		else if (!(e = resolve(c->argv[0], path)))
			e = c->foreground ? run_foreground(path, c->argv, hooks, &status)
					  : run_detached(path, c->argv);
		if (!e) {
			r.index = (int)i;
			r.status = status;
			snprintf(r.what, sizeof(r.what), "%s", c->argv[0]);
			break;
		}
		if (!r.error) {
			r.error = e;
			r.failed = (int)i;
			snprintf(r.what, sizeof(r.what), "%s", c->argv[0]);
		}
	}
	if (res)
		*res = r;
	return r.index >= 0 ? 0 : r.error ? r.error : ENOENT;
}

static int plan_and_run(int e, launch_plan *plan, const launch_hooks *hooks,
			launch_result *res)
{
	if (e) {
		if (res)
			*res = (launch_result){.index = -1, .error = e, .failed = -1};
		return e;
	}
	e = launch_run(plan, hooks, res);
	launch_plan_free(plan);
	return e;
}

int launch_open_url(const char *url, const launch_hooks *hooks,
		    launch_result *res)
{
	launch_env env;
	launch_env_get(&env);
	launch_plan plan;
	return plan_and_run(launch_plan_url(url, &env, &plan), &plan, hooks, res);
}

int launch_open_editor(const char *file, int line, int column,
		       const launch_hooks *hooks, launch_result *res)
{
	launch_env env;
	launch_env_get(&env);
	launch_plan plan;
	return plan_and_run(launch_plan_editor(file, line, column, &env, &plan), &plan,
			    hooks, res);
}

int launch_url(const char *url, const char **what)
{
	static char prog[sizeof(((launch_result *)0)->what)];
	launch_result r;
	int e = launch_open_url(url, NULL, &r);
	snprintf(prog, sizeof(prog), "%s", r.what[0] ? r.what : "the browser");
	*what = prog;
	return e;
}

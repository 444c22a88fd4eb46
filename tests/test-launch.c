/* test-launch.c: the launcher's plans ($BROWSER lists, %s, quoting,
 * foreground or detached, the defaults with and without a display, the
 * editor's position arguments and VISUAL/EDITOR precedence), then real
 * runs on fake programs (shell scripts that write their arguments to a
 * file) in a PATH of their own: foreground ones waited for with the
 * terminal hooks around them, detached ones polled for, fallbacks past
 * missing, unexecutable and unexec-able programs, and what the child
 * inherits (signals, mask, descriptors, output). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"
#include "teamtui/launch.h"

#define U "https://ex.org/p"

static launch_env env_b(const char *browser, bool display)
{
	return (launch_env){.browser = browser, .display = display, .term = "xterm"};
}

/* Command i of a plan as "fg prog|arg|arg" or "bg ...", "(none)" past
 * the end. */
static const char *cmd_str(const launch_plan *p, size_t i)
{
	static char s[4096];
	if (i >= p->count)
		return "(none)";
	size_t n = (size_t)snprintf(s, sizeof(s), "%s", p->cmds[i].foreground ? "fg " : "bg ");
	for (char **a = p->cmds[i].argv; *a && n < sizeof(s); a++)
		n += (size_t)snprintf(s + n, sizeof(s) - n, "%s%s", a == p->cmds[i].argv ? "" : "|",
				      *a);
	return s;
}

/* The first command planned for `url` under $BROWSER=`browser`. */
static void first(const char *browser, bool display, const char *url, const char *want,
		  const char *name)
{
	launch_env env = env_b(browser, display);
	launch_plan p;
	int e = launch_plan_url(url, &env, &p);
	tap_is_int(e, 0, name);
	tap_is_str(cmd_str(&p, 0), want, name);
	launch_plan_free(&p);
}

/* Whether the plan has a command whose program is `prog`. */
static bool plan_has(const launch_plan *p, const char *prog)
{
	for (size_t i = 0; i < p->count; i++)
		if (!strcmp(p->cmds[i].argv[0], prog))
			return true;
	return false;
}

static void test_browser_lists(void)
{
	first("w3m", true, U, "fg w3m|" U, "a text browser runs in the foreground");
	first("firefox --new-window", true, U, "bg firefox|--new-window|" U,
	      "arguments kept, the URL appended, detached");
	first("my-browser %s --flag", true, U, "bg my-browser|" U "|--flag",
	      "%s takes the URL where it stands");
	first("b x%sy", true, U, "bg b|x" U "y", "%s inside a word");
	first("echo %%s%s", true, U, "bg echo|%s" U, "%% is a literal %, then %s is the URL");
	first("echo %%s", true, U, "bg echo|%s|" U, "only %% there: no %s, the URL appended");
	first("echo 100%", true, U, "bg echo|100%|" U, "a lone % stays");
	first("::lynx", true, U, "fg lynx|" U, "empty entries are skipped");
	first(" : \t:lynx", true, U, "fg lynx|" U, "blank entries are skipped");
	first("/usr/local/bin/lynx -accept_all_cookies", true, U,
	      "fg /usr/local/bin/lynx|-accept_all_cookies|" U, "a path: its basename decides");
	first("'my browser' --title \"a b\" x\\ y", true, U,
	      "bg my browser|--title|a b|x y|" U, "single, double quotes and backslashes");
	first("prog '' \"\"", true, U, "bg prog|||" U, "empty quotes are empty arguments");
	first("prog \"a\\\"b\\\\c\\d\"", true, U, "bg prog|a\"b\\c\\d|" U,
	      "in double quotes only \\\" and \\\\ are escapes");
	first("prog '$HOME' ~ *", true, U, "bg prog|$HOME|~|*|" U, "nothing is expanded");
	first("firefox 'ext+container:name=A&url=%s'", true, U,
	      "bg firefox|ext+container:name=A&url=" U, "a quoted ':' does not split the list");
	first("a\\:b", true, U, "bg a:b|" U, "nor does an escaped one");
	first("firefox %s &", true, U, "bg firefox|" U, "Python's trailing & is dropped");
	first("lynx %s &", true, U, "bg lynx|" U, "... and makes even a text browser detached");

	launch_env env = env_b("lynx:firefox", true);
	launch_plan p;
	launch_plan_url(U, &env, &p);
	tap_is_str(cmd_str(&p, 1), "bg firefox|" U, "lynx:firefox: firefox second");
	tap_is_str(cmd_str(&p, 2), "bg xdg-open|" U, "then the defaults");
	launch_plan_free(&p);
	env = env_b("lynx:firefox:chromium --incognito:my-gui", false);
	launch_plan_url(U, &env, &p);
	tap_is_str(cmd_str(&p, 0), "fg lynx|" U, "no display: lynx first");
	tap_is_str(cmd_str(&p, 1), "bg my-gui|" U, "unknown programs are still tried");
	tap_ok(!plan_has(&p, "firefox") && !plan_has(&p, "chromium"),
	       "no display: known graphical browsers are left out");
	launch_plan_free(&p);

	env = env_b("lynx:lynx:xdg-open", true);
	launch_plan_url(U, &env, &p);
	size_t nlynx = 0, nxdg = 0;
	for (size_t i = 0; i < p.count; i++) {
		nlynx += !strcmp(p.cmds[i].argv[0], "lynx");
		nxdg += !strcmp(p.cmds[i].argv[0], "xdg-open");
	}
	tap_ok(nlynx == 1 && nxdg == 1, "a command is never planned twice (%zu, %zu)", nlynx, nxdg);
	launch_plan_free(&p);

	static const char *const bad[] = {"lynx 'abc", "lynx \"abc", "lynx abc\\", NULL};
	for (size_t i = 0; bad[i]; i++) {
		env = env_b(bad[i], true);
		p = (launch_plan){.count = 99};
		tap_ok(launch_plan_url(U, &env, &p) == EINVAL && p.count == 0 && !p.cmds,
		       "malformed $BROWSER is EINVAL: %s", bad[i]);
	}
}

static void test_untrusted_urls(void)
{
	static const char evil[] = "https://ex.org/a b'c\"d$(touch /tmp/x);e`id`|f&g:h%s%%i\\j";
	launch_env env = env_b("lynx", true);
	launch_plan p;
	tap_is_int(launch_plan_url(evil, &env, &p), 0, "a hostile URL is planned");
	tap_ok(p.count && p.cmds[0].argv[1] && !strcmp(p.cmds[0].argv[1], evil) &&
		   !p.cmds[0].argv[2],
	       "... as one argv element, unchanged");
	launch_plan_free(&p);
	env = env_b("b --url=%s --x", true);
	launch_plan_url(evil, &env, &p);
	tap_ok(p.count && !strncmp(p.cmds[0].argv[1], "--url=", 6) &&
		   !strcmp(p.cmds[0].argv[1] + 6, evil) && !strcmp(p.cmds[0].argv[2], "--x"),
	       "... substituted for %%s: its own %%s and %%%% are not expanded again");
	launch_plan_free(&p);

	static const char *const refused[] = {"file:///etc/passwd", "javascript:alert(1)",
					      "-https://x", "HTTPS", "",
					      "https://x/\x1b[2J", "https://x/\nhttps://y",
					      "https://x/\x7f", NULL};
	for (size_t i = 0; refused[i]; i++) {
		env = env_b("lynx", true);
		tap_is_int(launch_plan_url(refused[i], &env, &p), EINVAL,
			   "refused: not an http(s) URL, or a control character in it");
	}
	tap_is_int(launch_plan_url(NULL, &env, &p), EINVAL, "refused: no URL");
	tap_is_int(launch_plan_url("http://ex.org/\xc3\xa9", &env, &p), 0,
		   "UTF-8 is not a control character");
	launch_plan_free(&p);
}

static void test_foreground_detection(void)
{
	static const struct {
		const char *browser;
		bool display;
		const char *want;
	} cases[] = {
	    {"lynx", true, "fg"},	  {"elinks", true, "fg"},  {"links", true, "fg"},
	    {"links2", true, "fg"},	  {"links2 -g", true, "bg"}, {"browsh", true, "fg"},
	    {"www-browser", true, "fg"},   {"xdg-open", true, "bg"}, {"xdg-open", false, "fg"},
	    {"sensible-browser", true, "bg"}, {"sensible-browser", false, "fg"},
	    {"firefox", true, "bg"},	  {"lynx-wrapper", true, "bg"}, {"LYNX", true, "bg"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		launch_env env = env_b(cases[i].browser, cases[i].display);
		launch_plan p;
		launch_plan_url(U, &env, &p);
		char got[3] = "";
		if (p.count)
			memcpy(got, p.cmds[0].foreground ? "fg" : "bg", 3);
		char name[128];
		snprintf(name, sizeof(name), "%s %s a display: %s", cases[i].browser,
			 cases[i].display ? "with" : "without", cases[i].want);
		tap_is_str(got, cases[i].want, name);
		launch_plan_free(&p);
	}
}

static void test_defaults(void)
{
	static const char *const with[] = {"bg xdg-open|" U, "fg www-browser|" U, "fg w3m|" U,
					   "fg lynx|" U, "fg elinks|" U, "fg links2|" U,
					   "fg links|" U, "(none)"};
	static const char *const without[] = {"fg www-browser|" U, "fg w3m|" U, "fg lynx|" U,
					      "fg elinks|" U, "fg links2|" U, "fg links|" U,
					      "fg xdg-open|" U, "(none)"};
	static const char *const unset_values[] = {NULL, "", " \t"};
	for (size_t v = 0; v < 3; v++)
		for (int d = 0; d < 2; d++) {
			launch_env env = env_b(unset_values[v], d);
			launch_plan p;
			launch_plan_url(U, &env, &p);
			const char *const *want = d ? with : without;
			bool same = true;
			for (size_t i = 0; i < 8; i++)
				if (strcmp(cmd_str(&p, i), want[i])) {
					same = false;
					tap_is_str(cmd_str(&p, i), want[i], "  the default at this place");
				}
			tap_ok(same, "$BROWSER %s, %s a display: %s", v ? "blank" : "unset",
			       d ? "with" : "without",
			       d ? "xdg-open, then the text browsers"
				 : "the text browsers, then xdg-open in the foreground");
			launch_plan_free(&p);
		}
}

/* The editor's argv for `value` as $VISUAL (TERM=xterm). */
static void editor(const char *value, const char *file, int line, int col, const char *want)
{
	launch_env env = {.visual = value, .term = "xterm"};
	launch_plan p;
	int e = launch_plan_editor(file, line, col, &env, &p);
	char name[160];
	snprintf(name, sizeof(name), "$VISUAL %s, %s at %d:%d", value, file, line, col);
	tap_ok(!e && p.count == 1 && p.cmds[0].foreground, "%s: one foreground command", name);
	tap_is_str(cmd_str(&p, 0), want, name);
	launch_plan_free(&p);
}

static void test_editor_plans(void)
{
	editor("vi", "f.yml", 12, 5, "fg vi|+12|f.yml");
	editor("vim", "f.yml", 12, 5, "fg vim|+12|f.yml");
	editor("nvim", "f.yml", 12, 0, "fg nvim|+12|f.yml");
	editor("/usr/bin/vim.basic", "f.yml", 12, 5, "fg /usr/bin/vim.basic|+12|f.yml");
	editor("mg", "f.yml", 3, 1, "fg mg|+3|f.yml");
	editor("joe", "f.yml", 3, 1, "fg joe|+3|f.yml");
	editor("nano", "f.yml", 12, 5, "fg nano|+12,5|f.yml");
	editor("nano", "f.yml", 12, 0, "fg nano|+12|f.yml");
	editor("ne", "f.yml", 12, 5, "fg ne|+12,5|f.yml");
	editor("emacs", "f.yml", 12, 5, "fg emacs|+12:5|f.yml");
	editor("emacsclient -t", "f.yml", 12, 5, "fg emacsclient|-t|+12:5|f.yml");
	editor("emacs -nw", "f.yml", 12, 0, "fg emacs|-nw|+12|f.yml");
	editor("micro", "f.yml", 12, 5, "fg micro|+12:5|f.yml");
	editor("kak", "f.yml", 12, 5, "fg kak|+12:5|f.yml");
	editor("hx", "f.yml", 12, 5, "fg hx|f.yml:12:5");
	editor("code", "f.yml", 12, 5, "fg code|--wait|-g|f.yml:12:5");
	editor("code --wait", "f.yml", 12, 5, "fg code|--wait|-g|f.yml:12:5");
	editor("codium -w", "f.yml", 12, 0, "fg codium|-w|-g|f.yml:12");
	editor("code", "f.yml", 0, 0, "fg code|--wait|f.yml");
	editor("my-editor --flag", "f.yml", 12, 5, "fg my-editor|--flag|f.yml");
	editor("vim", "f.yml", 0, 5, "fg vim|f.yml");
	editor("vim", "-rf", 2, 0, "fg vim|+2|./-rf");
	editor("vim", "+x.yml", 2, 0, "fg vim|+2|./+x.yml");
	editor("code", "-x.yml", 2, 3, "fg code|--wait|-g|./-x.yml:2:3");
	editor("'my ed' -x", "a b'$(id)\".yml", 1, 1, "fg my ed|-x|a b'$(id)\".yml");

	static const struct {
		const char *visual, *editor, *term, *want;
		int err;
	} prec[] = {
	    {"vim", "nano", "xterm", "fg vim|f", 0},
	    {"vim", "nano", "dumb", "fg nano|f", 0},
	    {"vim", "nano", NULL, "fg nano|f", 0},
	    {NULL, "nano", "xterm", "fg nano|f", 0},
	    {"", "nano", "xterm", "fg nano|f", 0},
	    {"  ", "nano", "xterm", "fg nano|f", 0},
	    {NULL, NULL, "xterm", "fg vi|f", 0},
	    {NULL, "", "xterm", "fg vi|f", 0},
	    {NULL, NULL, "dumb", "(none)", ENOTTY},
	    {"vim", NULL, "dumb", "(none)", ENOTTY},
	    {"vim 'x", NULL, "xterm", "(none)", EINVAL},
	};
	for (size_t i = 0; i < sizeof(prec) / sizeof(*prec); i++) {
		launch_env env = {.visual = prec[i].visual, .editor = prec[i].editor,
				  .term = prec[i].term};
		launch_plan p;
		int e = launch_plan_editor("f", 0, 0, &env, &p);
		char name[160];
		snprintf(name, sizeof(name), "VISUAL=%s EDITOR=%s TERM=%s: %s",
			 prec[i].visual ? prec[i].visual : "(unset)",
			 prec[i].editor ? prec[i].editor : "(unset)",
			 prec[i].term ? prec[i].term : "(unset)", prec[i].want);
		tap_is_int(e, prec[i].err, name);
		tap_is_str(cmd_str(&p, 0), prec[i].want, "  the command");
		launch_plan_free(&p);
	}
	launch_env env = {.visual = "vim", .term = "xterm"};
	launch_plan p;
	tap_is_int(launch_plan_editor("", 1, 1, &env, &p), EINVAL, "no file: EINVAL");
	tap_is_int(launch_plan_editor(NULL, 1, 1, &env, &p), EINVAL, "NULL file: EINVAL");
}

/* ---- real runs ------------------------------------------------------ */

static char *dir, *bin;
static int n_pause, n_resume;
static char marker[4096];

static void on_pause(void)
{
	n_pause++;
	FILE *f = fopen(marker, "w");
	if (f)
		fclose(f);
}

static void on_resume(void)
{
	n_resume++;
	unlink(marker);
}

static const launch_hooks hooks = {on_pause, on_resume};

static const char *path_in(const char *base, const char *name)
{
	static char p[2][4096];
	static int k;
	k ^= 1;
	snprintf(p[k], sizeof(p[k]), "%s/%s", base, name);
	return p[k];
}

/* A fake program bin/name: records its arguments (one a line) in
 * dir/out.name, written whole at once (mv), after `before` and then runs
 * `after` (shell text, %s in them is dir). */
static void fake(const char *name, const char *before, const char *after)
{
	char body[8192];
	snprintf(body, sizeof(body),
		 "#!/bin/sh\nPATH=/usr/bin:/bin\nD='%s'\n%s\n"
		 "for a in \"$@\"; do printf '%%s\\n' \"$a\"; done > \"$D/out.%s.tmp\"\n"
		 "mv \"$D/out.%s.tmp\" \"$D/out.%s\"\n%s\n",
		 dir, before ? before : "", name, name, name, after ? after : "");
	t_write(bin, name, body);
	chmod(path_in(bin, name), 0755);
}

static bool exists(const char *path)
{
	return access(path, F_OK) == 0;
}

/* Wait (polling, at most 10 s) for `path` to exist. */
static bool wait_for(const char *path)
{
	for (int i = 0; i < 1000; i++) {
		if (exists(path))
			return true;
		nanosleep(&(struct timespec){.tv_nsec = 10 * 1000 * 1000}, NULL);
	}
	return false;
}

/* The content of a file ("(missing)" when it cannot be read). */
static const char *slurp(const char *path)
{
	static char s[8192];
	FILE *f = fopen(path, "r");
	if (!f)
		return "(missing)";
	size_t n = fread(s, 1, sizeof(s) - 1, f);
	s[n] = '\0';
	fclose(f);
	return s;
}

static launch_plan plan_of(const char *browser, bool display)
{
	launch_env env = env_b(browser, display);
	launch_plan p = {0};
	if (launch_plan_url(U, &env, &p))
		tap_ok(false, "planning %s", browser);
	return p;
}

/* Standard output to `path` for the duration of a run. */
static int saved_stdout = -1;
static void capture_begin(const char *path)
{
	fflush(stdout);
	saved_stdout = dup(1);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(fd, 1);
	close(fd);
}
static void capture_end(void)
{
	fflush(stdout);
	dup2(saved_stdout, 1);
	close(saved_stdout);
}

static volatile sig_atomic_t got_int;
static void on_int(int sig)
{
	(void)sig;
	got_int++;
}

static void test_foreground_run(void)
{
	fake("lynx", "sleep 0.3 2>/dev/null || sleep 1\n[ -e \"$D/paused\" ] && echo yes > \"$D/saw-pause\"\necho fg-out",
	     "exit 3");
	launch_plan p = plan_of("lynx", true);
	n_pause = n_resume = 0;
	launch_result r;
	capture_begin(path_in(dir, "stdout.fg"));
	int e = launch_run(&p, &hooks, &r);
	capture_end();
	tap_is_int(e, 0, "foreground: started");
	tap_is_int(r.index, 0, "  the first command");
	tap_is_str(r.what, "lynx", "  named");
	tap_is_str(slurp(path_in(dir, "out.lynx")), U "\n",
		   "  it ran and ended before launch_run returned (waited for)");
	tap_ok(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 3, "  its exit status is reported");
	tap_ok(exists(path_in(dir, "saw-pause")), "  the terminal was handed over before it started");
	tap_ok(n_pause == 1 && n_resume == 1 && !exists(marker), "  and taken back after (%d, %d)",
	       n_pause, n_resume);
	tap_is_str(slurp(path_in(dir, "stdout.fg")), "fg-out\n", "  on teamtui's standard output");
	launch_plan_free(&p);

	/* SIGINT: ignored by teamtui while it waits, default in the child */
	fake("w3m", "kill -INT $PPID", "kill -INT $$; echo survived > \"$D/w3m-survived\"");
	struct sigaction sa, old, now;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_int;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old);
	got_int = 0;
	p = plan_of("w3m", true);
	e = launch_run(&p, &hooks, &r);
	tap_ok(e == 0 && got_int == 0, "SIGINT to teamtui while the child runs is ignored");
	tap_ok(WIFSIGNALED(r.status) && WTERMSIG(r.status) == SIGINT &&
		   !exists(path_in(dir, "w3m-survived")),
	       "  while the child dies of it (its disposition is the default)");
	sigaction(SIGINT, NULL, &now);
	tap_ok(now.sa_handler == on_int, "  teamtui's handler is back afterwards");
	sigaction(SIGINT, &old, NULL);
	launch_plan_free(&p);

}

/* ---- what the child inherits ----------------------------------------- */

static char self[4096]; /* this program, run as a child with --report */

/* As the child: write what it inherited to `out` (whole, via rename):
 * blocked signals, signals not at their default, open descriptors above
 * 2, whether standard output is /dev/null, whether it leads a session. */
static int report(const char *out)
{
	char line[1024] = "";
	size_t n = 0;
	sigset_t m;
	sigprocmask(SIG_BLOCK, NULL, &m);
	n += (size_t)snprintf(line + n, sizeof(line) - n, "blocked:");
	for (int sig = 1; sig < 32; sig++)
		if (sigismember(&m, sig))
			n += (size_t)snprintf(line + n, sizeof(line) - n, " %d", sig);
	/* the signals a terminal program handles or ignores (not those a
	 * sanitizer's runtime takes in this very process, SIGSEGV, ...) */
	static const int sigs[] = {SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGTERM, SIGTSTP,
				   SIGCONT, SIGCHLD, SIGWINCH, SIGUSR1, SIGUSR2, SIGALRM};
	n += (size_t)snprintf(line + n, sizeof(line) - n, "\nnot default:");
	for (size_t i = 0; i < sizeof(sigs) / sizeof(*sigs); i++) {
		struct sigaction sa;
		if (sigaction(sigs[i], NULL, &sa) == 0 && sa.sa_handler != SIG_DFL)
			n += (size_t)snprintf(line + n, sizeof(line) - n, " %d", sigs[i]);
	}
	n += (size_t)snprintf(line + n, sizeof(line) - n, "\nopen:");
	for (int fd = 3; fd < 1024; fd++)
		if (fcntl(fd, F_GETFD) >= 0)
			n += (size_t)snprintf(line + n, sizeof(line) - n, " %d", fd);
	struct stat o, dn;
	bool null = fstat(1, &o) == 0 && stat("/dev/null", &dn) == 0 && S_ISCHR(o.st_mode) &&
		    o.st_rdev == dn.st_rdev;
	snprintf(line + n, sizeof(line) - n, "\nstdout: %s\nsession leader: %s\n",
		 null ? "/dev/null" : "other", getsid(0) == getpid() ? "yes" : "no");
	char tmp[4200];
	snprintf(tmp, sizeof(tmp), "%s.tmp", out);
	FILE *f = fopen(tmp, "w");
	if (!f)
		return 1;
	fputs(line, f);
	fclose(f);
	return rename(tmp, out) ? 1 : 0;
}

static void nothing(int sig)
{
	(void)sig;
}

/* Run this program as a child reporting to dir/report.`name`, with
 * teamtui-like state around it: SIGUSR1 blocked, SIGPIPE ignored, SIGHUP,
 * SIGTERM, SIGWINCH and SIGTSTP handled, descriptor 9 open. */
static const char *child_report(const char *name, bool foreground)
{
	char browser[8300];
	snprintf(browser, sizeof(browser), "'%s' --report '%s/report.%s'", self, dir, name);
	launch_plan p = plan_of(browser, true);
	p.cmds[0].foreground = foreground;
	launch_plan one = {.cmds = p.cmds, .count = 1};

	sigset_t usr1, before, after;
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, &before);
	struct sigaction h, ign, saved[5];
	memset(&h, 0, sizeof(h));
	h.sa_handler = nothing;
	sigemptyset(&h.sa_mask);
	ign = h;
	ign.sa_handler = SIG_IGN;
	static const int handled[] = {SIGHUP, SIGTERM, SIGWINCH, SIGTSTP};
	for (int i = 0; i < 4; i++)
		sigaction(handled[i], &h, &saved[i]);
	sigaction(SIGPIPE, &ign, &saved[4]);
	int fd = open(self, O_RDONLY);
	dup2(fd, 9);
	if (fd != 9)
		close(fd);

	char out[4200];
	snprintf(out, sizeof(out), "%s/report.%s", dir, name);
	launch_result r;
	int e = launch_run(&one, &hooks, &r);
	bool ok = e == 0 && wait_for(out);

	sigprocmask(SIG_BLOCK, NULL, &after);
	struct sigaction now;
	sigaction(SIGTSTP, NULL, &now);
	tap_ok(sigismember(&after, SIGUSR1) && !sigismember(&after, SIGCHLD) &&
		   now.sa_handler == nothing,
	       "%s: teamtui's mask and handlers are as they were", name);
	close(9);
	for (int i = 0; i < 4; i++)
		sigaction(handled[i], &saved[i], NULL);
	sigaction(SIGPIPE, &saved[4], NULL);
	sigprocmask(SIG_SETMASK, &before, NULL);
	launch_plan_free(&p);
	tap_ok(ok, "%s: the child ran", name);
	return slurp(out);
}

static void test_child_setup(void)
{
	if (!self[0]) {
		tap_ok(false, "cannot find this program to run it as a child");
		return;
	}
	n_pause = n_resume = 0;
	tap_is_str(child_report("fg", true),
		   "blocked:\nnot default:\nopen:\nstdout: other\nsession leader: no\n",
		   "foreground child: empty mask, default dispositions, only 0-2 open, "
		   "teamtui's stdout, teamtui's session");
	tap_ok(n_pause == 1 && n_resume == 1, "  with the terminal handed over and back");
	tap_is_str(child_report("bg", false),
		   "blocked:\nnot default:\nopen:\nstdout: /dev/null\nsession leader: yes\n",
		   "detached child: empty mask, default dispositions, only 0-2 open, "
		   "/dev/null, a session of its own");
}

static void test_descriptors(void)
{
	int fd = open(path_in(dir, "out.lynx"), O_RDONLY);
	tap_ok(fd >= 0 && dup2(fd, 9) == 9, "a descriptor of teamtui's as 9 (not close-on-exec)");
	if (fd != 9)
		close(fd);
	const char *check = "if { true <&9; } 2>/dev/null; then echo open; else echo closed; fi "
			    "> \"$D/fd9.$1\"";
	fake("links", check, NULL);
	fake("gui", check, NULL);
	launch_env env = env_b("links fg", true);
	launch_plan p;
	launch_plan_url(U, &env, &p);
	launch_run(&p, &hooks, NULL);
	launch_plan_free(&p);
	tap_is_str(slurp(path_in(dir, "fd9.fg")), "closed\n", "foreground: teamtui's fd 9 is closed");
	env = env_b("gui bg", true);
	launch_plan_url(U, &env, &p);
	launch_run(&p, &hooks, NULL);
	launch_plan_free(&p);
	tap_ok(wait_for(path_in(dir, "out.gui")), "detached: it ran");
	tap_is_str(slurp(path_in(dir, "fd9.bg")), "closed\n", "detached: teamtui's fd 9 is closed");
	tap_ok(fcntl(9, F_GETFD) >= 0, "  and still open in teamtui");
	close(9);
}

static void test_detached_run(void)
{
	fake("fakea", "echo bg-out\necho $PPID > \"$D/ppid\"", NULL);
	launch_plan p = plan_of("fakea --x", true);
	n_pause = n_resume = 0;
	launch_result r;
	capture_begin(path_in(dir, "stdout.bg"));
	int e = launch_run(&p, &hooks, &r);
	bool ran = wait_for(path_in(dir, "out.fakea"));
	capture_end();
	tap_ok(e == 0 && r.index == 0 && !strcmp(r.what, "fakea"), "detached: started");
	tap_ok(ran, "  it ran (polled for)");
	tap_is_str(slurp(path_in(dir, "out.fakea")), "--x\n" U "\n", "  with its arguments");
	tap_ok(n_pause == 0 && n_resume == 0, "  the terminal was not handed over");
	tap_is_str(slurp(path_in(dir, "stdout.bg")), "", "  its output went to /dev/null");
	tap_ok(atol(slurp(path_in(dir, "ppid"))) != (long)getpid(),
	       "  a grandchild: teamtui is not its parent");
	launch_plan_free(&p);
}

static void test_fallbacks(void)
{
	/* missing programs */
	fake("fakeb", NULL, NULL);
	unlink(path_in(dir, "out.fakea"));
	launch_plan p = plan_of("nothere:nope %s:fakeb --y:fakea", true);
	launch_result r;
	int e = launch_run(&p, &hooks, &r);
	tap_ok(e == 0 && r.index == 2, "missing programs are skipped: the third entry started");
	tap_ok(r.error == ENOENT && r.failed == 0 && !strcmp(r.what, "fakeb"),
	       "  the first failure is kept (ENOENT, entry 0), what names the one started");
	tap_ok(wait_for(path_in(dir, "out.fakeb")), "  fakeb ran");
	tap_is_str(slurp(path_in(dir, "out.fakeb")), "--y\n" U "\n", "  with its arguments");
	tap_ok(!exists(path_in(dir, "out.fakea")), "  fakea, after it, did not");
	launch_plan_free(&p);

	/* a program found but not executable: skipped without the terminal */
	t_write(bin, "noexec", "#!/bin/sh\nexit 0\n");
	chmod(path_in(bin, "noexec"), 0644);
	/* a program that passes the lookup but whose exec fails (no #!) */
	t_write(bin, "broken", "this is not a program\n");
	chmod(path_in(bin, "broken"), 0755);
	unlink(path_in(dir, "out.lynx"));
	fake("lynx", NULL, NULL);
	launch_env env = env_b("noexec %s:lynx", true);
	launch_plan_url(U, &env, &p);
	p.cmds[0].foreground = true;
	n_pause = n_resume = 0;
	e = launch_run(&p, &hooks, &r);
	tap_ok(e == 0 && r.index == 1 && r.error == EACCES,
	       "not executable: EACCES, the next one runs");
	tap_ok(n_pause == 1 && n_resume == 1, "  the terminal was handed over once, for lynx only");
	launch_plan_free(&p);

	unlink(path_in(dir, "out.lynx"));
	env = env_b("broken %s:lynx", true);
	launch_plan_url(U, &env, &p);
	p.cmds[0].foreground = true;
	n_pause = n_resume = 0;
	e = launch_run(&p, &hooks, &r);
	tap_ok(e == 0 && r.index == 1 && r.error == ENOEXEC && r.failed == 0,
	       "foreground exec failure (ENOEXEC) moves on to the next");
	tap_ok(n_pause == 2 && n_resume == 2 && !exists(marker),
	       "  the terminal came back after the failed one too (%d, %d)", n_pause, n_resume);
	tap_is_str(slurp(path_in(dir, "out.lynx")), U "\n", "  lynx ran");
	launch_plan_free(&p);

	static const launch_hooks free_terminal = {NULL, NULL};
	unlink(path_in(dir, "out.lynx"));
	p = plan_of("lynx", true);
	e = launch_run(&p, &free_terminal, &r);
	tap_ok(e == 0 && r.index == 0 && exists(path_in(dir, "out.lynx")),
	       "hooks without functions: the terminal is free, lynx runs");
	launch_plan_free(&p);

	unlink(path_in(dir, "out.fakea"));
	p = plan_of("broken:fakea", true);
	e = launch_run(&p, &hooks, &r);
	tap_ok(e == 0 && r.index == 1 && r.error == ENOEXEC,
	       "detached exec failure (ENOEXEC) moves on to the next");
	tap_ok(wait_for(path_in(dir, "out.fakea")), "  fakea ran");
	launch_plan_free(&p);

	p = plan_of("nothere:broken", true);
	launch_plan only = {.cmds = p.cmds, .count = 2};
	e = launch_run(&only, &hooks, &r);
	tap_ok(e == ENOENT && r.index == -1 && r.error == ENOENT && !strcmp(r.what, "nothere"),
	       "nothing started: the first failure is returned and named");
	launch_plan_free(&p);
	launch_plan empty = {0};
	tap_is_int(launch_run(&empty, &hooks, &r), ENOENT, "an empty plan: ENOENT");

	/* an absolute path, not looked up in PATH */
	unlink(path_in(dir, "out.fakeb"));
	char abs[4096];
	snprintf(abs, sizeof(abs), "'%s/fakeb' --abs", bin);
	p = plan_of(abs, true);
	e = launch_run(&p, &hooks, &r);
	tap_ok(e == 0 && wait_for(path_in(dir, "out.fakeb")), "a program given by its path");
	launch_plan_free(&p);

	/* no terminal to hand over: foreground commands are skipped */
	unlink(path_in(dir, "out.lynx"));
	unlink(path_in(dir, "out.fakeb"));
	p = plan_of("lynx:fakeb", true);
	e = launch_run(&p, NULL, &r);
	tap_ok(e == 0 && r.index == 1 && r.error == ENOTTY,
	       "without hooks a foreground command is skipped (ENOTTY)");
	tap_ok(wait_for(path_in(dir, "out.fakeb")) && !exists(path_in(dir, "out.lynx")),
	       "  the detached one after it ran, lynx did not");
	launch_plan_free(&p);
}

static void test_environment(void)
{
	/* launch_open_url and launch_url read the environment */
	unsetenv("DISPLAY");
	unsetenv("WAYLAND_DISPLAY");
	setenv("BROWSER", "lynx", 1);
	static const char evil[] = "https://ex.org/x y'z\"$(touch pwned);`touch pwned2`";
	fake("lynx", "cd \"$D\"", NULL);
	unlink(path_in(dir, "out.lynx"));
	launch_result r;
	n_pause = 0;
	int e = launch_open_url(evil, &hooks, &r);
	tap_ok(e == 0 && n_pause == 1, "launch_open_url: $BROWSER=lynx in the foreground");
	char want[8192];
	snprintf(want, sizeof(want), "%s\n", evil);
	tap_is_str(slurp(path_in(dir, "out.lynx")), want, "  the hostile URL arrived unchanged");
	tap_ok(!exists(path_in(dir, "pwned")) && !exists(path_in(dir, "pwned2")),
	       "  and nothing in it was run");

	setenv("BROWSER", "lynx:fakeb %s", 1);
	unlink(path_in(dir, "out.fakeb"));
	const char *what = NULL;
	e = launch_url(U, &what);
	tap_ok(e == 0 && what && !strcmp(what, "fakeb"),
	       "launch_url (no terminal hooks): lynx skipped, fakeb started (%s)",
	       what ? what : "(null)");
	tap_ok(wait_for(path_in(dir, "out.fakeb")), "  fakeb ran");
	e = launch_url("file:///etc/passwd", &what);
	tap_ok(e == EINVAL && what && *what, "launch_url: a file URL is EINVAL, what still set");

	unsetenv("BROWSER");
	unlink(path_in(bin, "w3m")); /* before lynx in the defaults */
	unlink(path_in(bin, "elinks"));
	fake("xdg-open", NULL, NULL);
	unlink(path_in(dir, "out.lynx"));
	n_pause = 0;
	e = launch_open_url(U, &hooks, &r);
	tap_ok(e == 0 && !strcmp(r.what, "lynx") && n_pause == 1,
	       "no $BROWSER, no display: the text browser in PATH, in the foreground (%s)", r.what);
	setenv("DISPLAY", ":0", 1);
	unlink(path_in(dir, "out.xdg-open"));
	e = launch_open_url(U, &hooks, &r);
	tap_ok(e == 0 && !strcmp(r.what, "xdg-open") && wait_for(path_in(dir, "out.xdg-open")),
	       "with a display: xdg-open, detached");
	unsetenv("DISPLAY");

	fake("vim", NULL, NULL);
	setenv("VISUAL", "vim", 1);
	setenv("TERM", "xterm", 1);
	n_pause = n_resume = 0;
	char file[4096];
	snprintf(file, sizeof(file), "%s/my roster;$(id).yml", dir);
	e = launch_open_editor(file, 3, 7, &hooks, &r);
	snprintf(want, sizeof(want), "+3\n%s\n", file);
	tap_ok(e == 0 && n_pause == 1 && n_resume == 1,
	       "launch_open_editor: $VISUAL in the foreground");
	tap_is_str(slurp(path_in(dir, "out.vim")), want, "  at +LINE, the file as one argument");
	unsetenv("VISUAL");
	setenv("EDITOR", "nothere", 1);
	e = launch_open_editor(file, 3, 7, &hooks, &r);
	tap_ok(e == ENOENT && !strcmp(r.what, "nothere"), "a missing $EDITOR: ENOENT, named");
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "--report"))
		return report(argv[2]);
	if (!realpath(argv[0], self))
		self[0] = '\0';
	test_browser_lists();
	test_untrusted_urls();
	test_foreground_detection();
	test_defaults();
	test_editor_plans();

	const char *path = getenv("PATH");
	char *old_path = strdup(path ? path : "/usr/bin:/bin");
	dir = t_mkdir();
	t_write(dir, "bin/.keep", "");
	bin = strdup(path_in(dir, "bin"));
	snprintf(marker, sizeof(marker), "%s/paused", dir);
	setenv("PATH", bin, 1);
	test_foreground_run();
	test_descriptors();
	test_child_setup();
	test_detached_run();
	test_fallbacks();
	test_environment();
	free(bin);
	setenv("PATH", old_path, 1); /* tap_done removes the directory with rm */
	free(old_path);
	return tap_done();
}

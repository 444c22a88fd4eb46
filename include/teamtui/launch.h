/* launch: start the user's browser on a URL, or the user's editor at a
 * file:line:column, always through an argv (never a shell: URLs and file
 * names come from untrusted rosters). Two steps: a plan (which commands,
 * in which order, and whether each needs the terminal), pure and
 * testable; then a run, which tries the plan's commands in order until
 * one starts. A graphical program is started detached (its own session,
 * /dev/null as 0, 1 and 2); a text-mode one runs in the foreground on
 * teamtui's terminal, handed over by the caller's hooks (the TUI passes
 * screen_pause and screen_resume) and waited for, as git runs an editor
 * and mutt a viewer. */
#ifndef TEAMTUI_LAUNCH_H
#define TEAMTUI_LAUNCH_H

#include <stdbool.h>
#include <stddef.h>

/* One command of a plan. */
typedef struct launch_cmd {
	char **argv;	 /* NULL-terminated; argv[0] is the program, looked up
			    in PATH unless it has a '/' */
	bool foreground; /* needs the terminal: run on it and waited for */
} launch_cmd;

/* Commands to try in order; launch_run stops at the first that starts.
 * Owns every string (launch_plan_free). */
typedef struct launch_plan {
	launch_cmd *cmds;
	size_t count;
} launch_plan;

/* What the plans read from the environment, as one value so that they
 * stay pure. NULL and "" both mean unset. */
typedef struct launch_env {
	const char *browser; /* $BROWSER */
	const char *visual;  /* $VISUAL */
	const char *editor;  /* $EDITOR */
	const char *term;    /* $TERM */
	bool display;	     /* $DISPLAY or $WAYLAND_DISPLAY non-empty */
} launch_env;

/* Fill *env from getenv(3). The strings are the environment's own: valid
 * until it changes. */
void launch_env_get(launch_env *env);

/* The plan for opening `url` (http:// or https:// only, with no control
 * character: else EINVAL; a roster's link must never reach a file or
 * scheme handler, and no valid URL holds a control character, RFC 3986).
 *
 * $BROWSER, as the BROWSER convention (Eric S. Raymond,
 * http://www.catb.org/~esr/BROWSER/) and its users define it (xdg-utils'
 * xdg-open, open_envvar(); Python's webbrowser module, "the os.pathsep
 * separated list of browsers to try ahead of the platform defaults"):
 *  - a ':'-separated list of commands, in the order given; empty entries
 *    are skipped (as xdg-open does);
 *  - each entry is split into words by teamtui itself, never by a shell:
 *    blanks (space, tab, newline) separate words; '...' quotes literally;
 *    "..." quotes with \" and \\ as the only escapes; outside quotes a
 *    backslash quotes the next character. Nothing is expanded ($, `, ~,
 *    globs are plain characters). A ':' inside quotes or after a
 *    backslash does not end the entry (an extension: Python and xdg-open
 *    split at every ':', CPython issue 133138). An unterminated quote or
 *    a trailing backslash makes the whole value EINVAL;
 *  - in each word, "%s" is replaced by the URL and "%%" by "%" (the
 *    convention's rule; other '%' sequences stay as they are). An entry
 *    with no "%s" gets the URL as its last argument. Substitution happens
 *    after splitting, so the URL is always exactly one argv element (or
 *    part of one), whatever it contains;
 *  - a last word "&" (Python's webbrowser: run in the background) is
 *    dropped and makes the entry detached.
 * After the $BROWSER entries (or alone, without $BROWSER) come the
 * defaults: with a display, xdg-open (detached), then the text browsers;
 * without one (SSH to a shared box), the text browsers first, then
 * xdg-open, which can then only hand the URL to a text browser itself.
 * The text browsers, in order: www-browser (Debian's alternative for the
 * system's text browser), w3m, lynx, elinks, links2, links (xdg-open's
 * own fallback list, www-browser:links2:elinks:links:lynx:w3m, with w3m
 * and lynx, the most common, moved first). A command already in the plan
 * (same argv) is not repeated.
 *
 * Foreground or detached, by the program's basename: the text browsers
 * (lynx, w3m, elinks, links, links2 without -g, browsh, carbonyl,
 * www-browser) run in the foreground; xdg-open and sensible-browser
 * dispatch to whatever is configured, so they run in the foreground
 * without a display (only a text browser can answer there) and detached
 * with one; anything else is a graphical browser, detached. Without a
 * display, the graphical browsers that xdg-open tries only with a display
 * (x-www-browser, firefox, chromium, google-chrome, ...: see launch.c)
 * are left out of the plan, as xdg-open and Python's webbrowser leave
 * them out, so BROWSER=firefox:lynx does the right thing over SSH.
 *
 * Fills *out (free with launch_plan_free); 0, EINVAL, or ENOMEM (then
 * *out is empty). */
int launch_plan_url(const char *url, const launch_env *env, launch_plan *out);

/* The plan for editing `file` (one argv element, never split, prefixed
 * with "./" when it starts with '-' or '+' so that no editor reads it as
 * an option) at `line` and `column` (1-based, as teamtui's diagnostics
 * count them: lines as editors count them, columns in characters; 0 when
 * unknown). One command, always foreground.
 *
 * The editor, as git chooses one (git's editor.c, git_editor(), without
 * git's own GIT_EDITOR and core.editor): $VISUAL when TERM is set and
 * not "dumb", else $EDITOR, else "vi"; with a dumb terminal and no
 * $EDITOR, ENOTTY. Its value is split into words as $BROWSER entries are
 * (no ':' lists, no '%' substitution).
 *
 * The position, by the editor's basename (up to its first '.', so
 * vim.basic is vim), as each documents it in its manual:
 *  - vi, vim, nvim, nvi, gvim, view, mg, joe, jmacs, jstar, jpico, pico:
 *    "+LINE" before the file (vim(1) "+[num]", mg(1) "+number", joe(1)
 *    "+nnn"; no column: vim's own column commands count bytes);
 *  - emacs, emacsclient, micro, kak: "+LINE:COLUMN" (the Emacs manual,
 *    "Action Arguments"; micro(1) "+LINE[:COL]"; kak(1) "+line[:column]");
 *  - nano, ne: "+LINE,COLUMN" (nano(1), ne(1) "+[N[,M]]");
 *  - hx, helix: "FILE:LINE:COLUMN" (hx --help, "file[:row[:col]]");
 *  - code, code-insiders, code-oss, codium, vscodium: "--wait" (unless
 *    already given as --wait or -w) and "-g FILE:LINE:COLUMN" (VS Code's
 *    command-line documentation, --goto);
 *  - anything else: the file alone.
 * Without a column, the forms above end at LINE; without a line, only
 * the file is given.
 *
 * Fills *out (free with launch_plan_free); 0, EINVAL (no file, or a
 * malformed $VISUAL/$EDITOR), ENOTTY, or ENOMEM. */
int launch_plan_editor(const char *file, int line, int column,
		       const launch_env *env, launch_plan *out);

/* Free every string of *p and empty it (safe on an empty plan). */
void launch_plan_free(launch_plan *p);

/* How the caller hands its terminal over to a foreground command and
 * takes it back: the TUI passes {screen_pause, screen_resume}. Either may
 * be NULL (a caller whose terminal is already free: the command line,
 * tests). */
typedef struct launch_hooks {
	void (*pause)(void);  /* before the command starts */
	void (*resume)(void); /* after it has ended */
} launch_hooks;

/* What launch_run did. */
typedef struct launch_result {
	int index;     /* the command that started, or -1 */
	int status;    /* its wait status (waitpid(2)) when foreground, else 0 */
	int error;     /* errno of the first command that failed, 0 if none */
	int failed;    /* that command's index, or -1 */
	char what[64]; /* argv[0] of the command that started, else of the
			  first that failed, else "" (cut to fit) */
} launch_result;

/* Try the commands of *p in order until one starts:
 *  - its program is looked up first (PATH, or confstr(_CS_PATH) when PATH
 *    is unset; an executable regular file): a program that is not there
 *    fails with ENOENT (EACCES when not executable) at no cost, without
 *    touching the terminal;
 *  - a detached command (a grandchild: no zombie, nobody waits) runs in a
 *    session of its own with /dev/null as 0, 1 and 2; it has started when
 *    its exec succeeded (a close-on-exec pipe tells the parent);
 *  - a foreground command: hooks->pause, then the child, on teamtui's
 *    0, 1 and 2, is waited for, teamtui ignoring SIGINT and SIGQUIT and
 *    blocking SIGCHLD meanwhile (POSIX system(3)) and with SIGTSTP and
 *    SIGCONT at their defaults (mutt's mutt_system(): Ctrl-Z stops both,
 *    and no handler of curses redraws over the child), all restored
 *    afterwards, then hooks->resume. A foreground command whose exec
 *    fails (ENOEXEC, ...) gets resume too, and the next is tried. With
 *    `hooks` NULL there is no terminal to hand over: foreground commands
 *    are skipped (ENOTTY).
 * Either way the child starts as from a shell: default signal
 * dispositions, an empty signal mask, no descriptor of teamtui's but 0,
 * 1 and 2, and the environment unchanged.
 * Fills *res (may be NULL). Returns 0 once a command started (for a
 * foreground one: it has run and ended; its exit status is the caller's
 * to judge), else the errno of the first failure (ENOENT for an empty
 * plan). */
int launch_run(const launch_plan *p, const launch_hooks *hooks,
	       launch_result *res);

/* launch_plan_url on the environment (launch_env_get), then launch_run.
 * Returns as launch_run, or the planning error. */
int launch_open_url(const char *url, const launch_hooks *hooks,
		    launch_result *res);

/* launch_plan_editor on the environment (launch_env_get), then
 * launch_run. Returns as launch_run, or the planning error. */
int launch_open_editor(const char *file, int line, int column,
		       const launch_hooks *hooks, launch_result *res);

/* launch_open_url(url, NULL, ...): only detached commands run (a caller
 * that cannot hand its terminal over). *what names the program started
 * or tried, "the browser" for a refused URL (static storage, valid until
 * the next call). Returns as launch_open_url. Kept for callers
 * written before the foreground mode; new code calls launch_open_url. */
int launch_url(const char *url, const char **what);

#endif

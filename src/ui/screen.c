/* screen.c: ncursesw set-up, themes, text output, input and signals. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "teamtui/screen.h"

#include <curses.h>
#include <errno.h>
#include <term.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "teamtui/sanitize.h"
#include "teamtui/textwidth.h"
#include "teamtui/translit.h"
#include "teamtui/utf8.h"


static SCREEN *scr;
static bool colors;
static screen_theme theme = THEME_AUTO;
static bool mouse_wanted = true;
/* what the terminal can show: everything (UTF-8 and a modern terminal),
 * UTF-8 text but ASCII glyphs (vt100, the Linux console), or ASCII only
 * (a locale that is not UTF-8) */
static enum { SHOW_UTF8, SHOW_GLYPHS_ASCII, SHOW_ASCII } showing;
static char colour_note[128]; /* what screen_close hands back */
static volatile sig_atomic_t ended_by, continued;

/* SIGCONT: back from a stop (Ctrl-Z, then fg). The terminal may have
 * been resized meanwhile, and a stopped process gets no SIGWINCH (the
 * shell had the terminal): screen_getkey asks the terminal its size. */
static void on_continue(int sig)
{
	(void)sig;
	continued = 1;
}

static void on_signal(int sig)
{
	ended_by = sig;
}

/* What a fatal signal needs to put the terminal back, computed while
 * nothing is wrong: the terminal's own exit sequences (terminfo, padding
 * removed) and the tty modes from before curses changed them. The
 * handler only uses write(2), tcsetattr(3) and raise(3), which are
 * async-signal-safe. */
static char restore_seq[256];
static size_t restore_len;
static struct termios tty_modes;
static volatile sig_atomic_t tty_modes_saved, fatal_armed;
/* Signals whose default action ends the process (most with a core) and
 * that teamtui does not handle otherwise; only those still at SIG_DFL are
 * taken (a sanitizer's, a profiler's or an inherited SIG_IGN are left). */
static const int fatal_signals[] = {
	SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGQUIT, SIGTRAP, SIGSYS,
	SIGXCPU, SIGXFSZ, SIGUSR1, SIGUSR2, SIGALRM,
};
enum { NFATAL = sizeof(fatal_signals) / sizeof(*fatal_signals) };
static bool fatal_taken[NFATAL];

static void on_fatal(int sig)
{
	int e = errno;
	if (fatal_armed) {
		if (restore_len) {
			ssize_t w = write(STDOUT_FILENO, restore_seq, restore_len);
			(void)w; /* nothing better to do with a failure here */
		}
		if (tty_modes_saved)
			tcsetattr(STDOUT_FILENO, TCSANOW, &tty_modes);
	}
	errno = e;
	/* SA_RESETHAND made the action the default again, and SA_NODEFER
	 * lets it be delivered now: the real exit status, and a core */
	raise(sig);
}

/* Append terminfo capability `name` to restore_seq, without its padding
 * ($<5>): it is written raw, not through tputs. */
static void add_cap(const char *name)
{
	const char *c = tigetstr(name);
	if (!c || c == (const char *)-1)
		return;
	for (; *c; c++) {
		const char *end;
		if (c[0] == '$' && c[1] == '<' && (end = strchr(c, '>'))) {
			c = end;
			continue;
		}
		if (restore_len + 1 < sizeof(restore_seq))
			restore_seq[restore_len++] = *c;
	}
}

static void fatal_arm(void)
{
	restore_len = 0;
	add_cap("op");	  /* the default colours */
	add_cap("sgr0");  /* no attributes */
	add_cap("rmkx");  /* keypad off */
	add_cap("cnorm"); /* the cursor visible */
	add_cap("rmcup"); /* the normal screen */
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_fatal;
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < NFATAL; i++) {
		struct sigaction old;
		fatal_taken[i] = sigaction(fatal_signals[i], NULL, &old) == 0 &&
				 !(old.sa_flags & SA_SIGINFO) && old.sa_handler == SIG_DFL &&
				 sigaction(fatal_signals[i], &sa, NULL) == 0;
	}
	fatal_armed = 1;
}

static void fatal_disarm(void)
{
	fatal_armed = 0;
	for (size_t i = 0; i < NFATAL; i++)
		if (fatal_taken[i]) {
			signal(fatal_signals[i], SIG_DFL);
			fatal_taken[i] = false;
		}
}

/* TERM, as the reasons quote it (cut; sanitized by whoever prints it). */
static const char *term_name(void)
{
	const char *term = getenv("TERM");
	return term ? term : "";
}

bool screen_usable(char *why, size_t size)
{
	const char *term = getenv("TERM");
	const char *reason = !isatty(STDIN_FILENO)    ? "standard input is not a terminal"
			     : !isatty(STDOUT_FILENO) ? "standard output is not a terminal"
			     : !term || !*term	      ? "TERM is not set"
			     : !strcmp(term, "dumb")  ? "TERM is 'dumb'"
						      : NULL;
	if (reason && size)
		snprintf(why, size, "%s", reason);
	return !reason;
}

enum { PAIR_HEADING = 1, PAIR_ACCENT, PAIR_WARNING, PAIR_ERROR, PAIR_TITLE,
       PAIR_DIM };

/* The size is the terminal's own. COLUMNS and LINES may describe another
 * (a stale export, a parent's), and ncurses prefers them to the
 * terminal's answer, and keeps them across a resize; use_env(FALSE)
 * loses resizes too. So when the terminal knows its size they are
 * dropped (a pty nobody sized, as script(1) without a terminal makes,
 * still gets them). */
static void trust_tty_size(void)
{
#ifdef TIOCGWINSZ
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0) {
		unsetenv("COLUMNS");
		unsetenv("LINES");
	}
#endif
}

/* Whether TERM names a terminal curses can drive, asked of setupterm
 * before newterm: a newterm that fails leaks what it allocated (ncurses
 * 6.4), and it says nothing of why. False with `why` filled. */
static bool term_known(char *why, size_t size)
{
	int err = 0;
	if (setupterm(NULL, STDOUT_FILENO, &err) == OK) {
		del_curterm(cur_term);
		return true;
	}
	if (size && err == -1)
		snprintf(why, size, "no terminfo database was found (TERM '%.64s')", term_name());
	else if (size) /* unknown, generic or hardcopy */
		snprintf(why, size, "TERM '%.64s' has no usable terminfo entry", term_name());
	return false;
}

/* COLORFGBG ("15;0": white on black), set by rxvt, Konsole and others:
 * the last field is the background's colour number; 7 and 9-15 are
 * light. Without it, dark (most terminals' default). */
static bool background_is_light(void)
{
	const char *v = getenv("COLORFGBG");
	const char *last = v ? strrchr(v, ';') : NULL;
	if (!last)
		return false;
	int bg = atoi(last + 1);
	return bg == 7 || (bg >= 9 && bg <= 15);
}

/* Terminals whose fonts lack box drawing and arrows as UTF-8 text: the
 * VT100 family and the Linux console (its 256- or 512-glyph font). */
static bool ascii_glyphs_term(void)
{
	const char *t = term_name();
	return !strncmp(t, "vt", 2) || !strcmp(t, "linux") || !strncmp(t, "linux-", 6) ||
	       !strcmp(t, "ansi");
}

void screen_set_theme(screen_theme th)
{
	theme = th;
}

void screen_set_mouse(bool on)
{
	mouse_wanted = on;
}

bool screen_open(char *why, size_t size)
{
	if (!screen_usable(why, size))
		return false;
	/* the modes to restore after a crash: before curses changes them */
	tty_modes_saved = tcgetattr(STDOUT_FILENO, &tty_modes) == 0;
	trust_tty_size();
	if (!term_known(why, size))
		return false;
	scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		if (size)
			snprintf(why, size, "TERM '%.64s' could not be set up", term_name());
		return false;
	}
	set_term(scr);
	if (!getenv("ESCDELAY"))
		set_escdelay(25); /* Esc answers at once, arrows still parse */
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	/* NO_COLOR (no-color.org) and monochrome terminals get attributes only */
	const char *nc = getenv("NO_COLOR");
	colors = has_colors() && !(nc && *nc);
	colour_note[0] = '\0';
	if (!has_colors() && !(nc && *nc))
		snprintf(colour_note, sizeof(colour_note),
			 "TERM '%.64s' has no colours; used bold and reverse video instead", term_name());
	if (theme == THEME_MONO)
		colors = false;
	if (colors) {
		start_color();
		/* the terminal's own foreground and background are the base;
		 * colours only mark what differs */
		use_default_colors();
		bool light = theme == THEME_LIGHT ||
			     (theme == THEME_AUTO && background_is_light());
		init_pair(PAIR_HEADING, light ? COLOR_BLUE : COLOR_CYAN, -1);
		init_pair(PAIR_ACCENT, light ? COLOR_MAGENTA : COLOR_GREEN, -1);
		init_pair(PAIR_WARNING, light ? COLOR_RED : COLOR_YELLOW, -1);
		init_pair(PAIR_ERROR, COLOR_RED, -1);
		init_pair(PAIR_TITLE, light ? COLOR_WHITE : COLOR_BLACK,
			  light ? COLOR_BLUE : COLOR_CYAN);
	}
	showing = strcmp(utf8_user_codeset(), "UTF-8") ? SHOW_ASCII
		  : ascii_glyphs_term()			 ? SHOW_GLYPHS_ASCII
							 : SHOW_UTF8;
	if (mouse_wanted) {
		mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED |
			  BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
		mouseinterval(200); /* ms between a double-click's clicks */
	}
	/* a dropped SSH connection or a kill must end us, not leave a process
	 * spinning: no SA_RESTART, so a blocked read returns */
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_continue;
	sigaction(SIGCONT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	fatal_arm();
	return true;
}

void screen_close(char *note, size_t size)
{
	if (size)
		note[0] = '\0';
	if (!scr)
		return;
	curs_set(1);
	/* a terminal without an alternate screen (vt100) would keep the
	 * interface on it, and the notes printed after would land on top */
	const char *rmcup = tigetstr("rmcup");
	if (!rmcup || rmcup == (const char *)-1) {
		erase();
		refresh();
	}
	endwin();
	fatal_disarm();
	delscreen(scr);
	scr = NULL;
	if (size)
		snprintf(note, size, "%s", colour_note);
}

void screen_pause(void)
{
	def_prog_mode();
	endwin();
}

/* Curses at the size the terminal has now, the whole screen to be
 * drawn again (what a child or the shell left on it goes). */
static void refit(void)
{
#ifdef TIOCGWINSZ
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0 &&
	    (ws.ws_row != LINES || ws.ws_col != COLS))
		resizeterm(ws.ws_row, ws.ws_col);
#endif
	clearok(curscr, TRUE);
}

void screen_resume(void)
{
	reset_prog_mode();
	/* the terminal may have been resized meanwhile (no SIGWINCH reaches
	 * a stopped process, or one whose child had the terminal): ask it */
	refit();
	continued = 0;
	refresh();
}

void screen_size(int *height, int *width)
{
	getmaxyx(stdscr, *height, *width);
}

void screen_erase(void)
{
	erase();
}

static attr_t style_attr(row_style style)
{
	switch (style) {
	case STYLE_HEADING:
		return A_BOLD | (colors ? COLOR_PAIR(PAIR_HEADING) : 0);
	case STYLE_ACCENT:
		return colors ? COLOR_PAIR(PAIR_ACCENT) : A_NORMAL;
	case STYLE_WARNING:
		return A_BOLD | (colors ? COLOR_PAIR(PAIR_WARNING) : 0);
	case STYLE_ERROR:
		return A_BOLD | (colors ? COLOR_PAIR(PAIR_ERROR) : 0);
	case STYLE_TITLE:
		return colors ? COLOR_PAIR(PAIR_TITLE) | A_BOLD : A_REVERSE | A_BOLD;
	case STYLE_DIM: /* reads on dark and light backgrounds alike */
		return A_DIM;
	default:
		return A_NORMAL;
	}
}

int screen_put(int y, int x, int width, const char *s, row_style style,
	       bool selected, bool pad)
{
	if (width <= 0)
		return 0;
	char *clean = sanitize(s ? s : "", SANITIZE_LINE);
	if (clean && showing != SHOW_UTF8) {
		char *t = translit(clean, showing == SHOW_ASCII ? TRANSLIT_ASCII
								: TRANSLIT_GLYPHS);
		free(clean);
		clean = t;
	}
	if (!clean)
		return 0;
	size_t size = strlen(clean) + 8;
	char *fit = malloc(size);
	int used = 0;
	if (fit) {
		used = (int)textwidth_fit(clean, (size_t)width, fit, size);
		size_t n = strlen(fit);
		/* no ellipsis glyph: tig's mark for cut text */
		if (showing != SHOW_UTF8 && n >= 3 && !strcmp(fit + n - 3, "\u2026"))
			strcpy(fit + n - 3, "~");
		attr_t a = selected ? A_REVERSE | (style == STYLE_HEADING ? A_BOLD : 0)
				    : style_attr(style);
		attron(a);
		mvaddstr(y, x, fit);
		if (pad)
			for (int i = used; i < width; i++)
				addch(' ');
		attroff(a);
	}
	free(fit);
	free(clean);
	return used;
}

void screen_vline(int y, int x, int height)
{
	/* U+2502 rather than ACS: the text is UTF-8 anyway, and the VT100
	 * charset switch that ACS needs is not passed on by every
	 * multiplexer (tmux shows 'x') */
	for (int i = 0; i < height; i++)
		mvaddstr(y + i, x, showing == SHOW_UTF8 ? "\u2502" : "|");
}

void screen_cursor(int y, int x)
{
	if (y < 0) {
		/* a terminal that cannot hide the cursor (vt100) gets it parked
		 * in the bottom-right corner, away from the text */
		if (curs_set(0) == ERR)
			move(LINES - 1, COLS - 1);
		return;
	}
	move(y, x);
	curs_set(1);
}

void screen_flush(void)
{
	refresh();
}

void screen_beep(void)
{
	beep(); /* curses: the bell, or a flash where the terminal has no bell */
}

bool screen_raw(const char *bytes)
{
	return fputs(bytes, stdout) >= 0 && fflush(stdout) == 0;
}

int screen_signal(void)
{
	return (int)ended_by;
}

int screen_getkey(key_event *k, int timeout_ms)
{
	static int errors; /* ERR in a row while blocking: the terminal is gone */
	/* what curses has already read comes first; then the wait is in
	 * poll(2), which a signal always ends (curses' own read is
	 * restarted): SIGCONT after a suspend redraws at once */
	timeout(0);
	wint_t ch;
	int rc = get_wch(&ch);
	if (rc == ERR && timeout_ms != 0 && !ended_by && !continued) {
		struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
		int pr = poll(&p, 1, timeout_ms);
		if (pr > 0 && !(p.revents & POLLIN) &&
		    (p.revents & (POLLHUP | POLLERR | POLLNVAL)))
			return SCREEN_EOF;
		/* input: read it (an Esc waits ESCDELAY for the rest of a
		 * sequence); a signal: let curses say KEY_RESIZE if it was
		 * SIGWINCH */
		timeout(pr > 0 ? -1 : 0);
		rc = get_wch(&ch);
		if (rc == ERR && pr > 0 && !ended_by && !continued)
			return ++errors > 50 ? SCREEN_EOF : SCREEN_TIMEOUT;
		if (rc == ERR && pr == 0)
			return SCREEN_TIMEOUT;
	}
	if (ended_by)
		return SCREEN_EOF;
	if (continued) { /* back from Ctrl-Z: draw at the size there is now */
		continued = 0;
		refit();
		k->code = KEY_RESIZE;
		k->fn = true;
		k->meta = false;
		k->mouse = MOUSE_NONE;
		k->y = k->x = 0;
		if (rc == OK) /* a key that came with it is not lost */
			unget_wch(ch);
		else if (rc == KEY_CODE_YES)
			ungetch((int)ch);
		return SCREEN_KEY;
	}
	if (rc == ERR) /* nothing yet (a timeout, or a signal that ended the wait) */
		return SCREEN_TIMEOUT;
	errors = 0;
	k->code = (int)ch;
	k->fn = rc == KEY_CODE_YES;
	k->meta = false;
	k->mouse = MOUSE_NONE;
	k->y = k->x = 0;
	if (!k->fn && ch == 27) {
		/* Alt-x arrives as ESC x, in one write: already waiting */
		timeout(0);
		wint_t next;
		int rc2 = get_wch(&next);
		if (rc2 == OK) {
			k->code = (int)next;
			k->meta = true;
		} else if (rc2 == KEY_CODE_YES) {
			/* Alt with a function key: Alt-Backspace where the
			 * terminal's kbs is DEL, Alt-Left, Alt-Right */
			k->code = (int)next;
			k->fn = true;
			k->meta = true;
		}
	}
	if (k->fn && ch == KEY_MOUSE) {
		MEVENT me;
		if (getmouse(&me) != OK)
			return SCREEN_TIMEOUT;
		k->y = me.y;
		k->x = me.x;
		k->mouse = me.bstate & BUTTON1_DOUBLE_CLICKED		   ? MOUSE_DOUBLE
			   : me.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED) ? MOUSE_CLICK
			   : me.bstate & BUTTON4_PRESSED		   ? MOUSE_WHEEL_UP
#ifdef BUTTON5_PRESSED
			   : me.bstate & BUTTON5_PRESSED ? MOUSE_WHEEL_DOWN
#endif
							 : MOUSE_NONE;
		if (k->mouse == MOUSE_NONE)
			return SCREEN_TIMEOUT;
	}
	return SCREEN_KEY;
}

int screen_key_code(const char *capname)
{
	int code = key_defined(tigetstr(capname) && tigetstr(capname) != (char *)-1
				   ? tigetstr(capname)
				   : "");
	return code > 0 ? code : 0;
}

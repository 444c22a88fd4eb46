/* screen.c: ncursesw set-up, themes, text output, input and signals. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "teamtui/screen.h"

#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "teamtui/sanitize.h"
#include "teamtui/textwidth.h"

static SCREEN *scr;
static bool colors;
static volatile sig_atomic_t hangup;

static void on_signal(int sig)
{
	hangup = sig;
}

bool screen_usable(void)
{
	const char *term = getenv("TERM");
	return isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) && term && *term &&
	       strcmp(term, "dumb") != 0;
}

enum { PAIR_HEADING = 1, PAIR_ACCENT, PAIR_WARNING, PAIR_ERROR, PAIR_TITLE,
       PAIR_DIM };

bool screen_open(void)
{
	if (!screen_usable())
		return false;
	scr = newterm(NULL, stdout, stdin);
	if (!scr)
		return false;
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
	if (colors) {
		start_color();
		use_default_colors();
		init_pair(PAIR_HEADING, COLOR_CYAN, -1);
		init_pair(PAIR_ACCENT, COLOR_GREEN, -1);
		init_pair(PAIR_WARNING, COLOR_YELLOW, -1);
		init_pair(PAIR_ERROR, COLOR_RED, -1);
		init_pair(PAIR_TITLE, COLOR_BLACK, COLOR_CYAN);
		init_pair(PAIR_DIM, COLOR_BLUE, -1);
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
	signal(SIGPIPE, SIG_IGN);
	return true;
}

void screen_close(void)
{
	if (!scr)
		return;
	curs_set(1);
	endwin();
	delscreen(scr);
	scr = NULL;
}

void screen_pause(void)
{
	def_prog_mode();
	endwin();
}

void screen_resume(void)
{
	reset_prog_mode();
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
	case STYLE_DIM:
		return colors ? COLOR_PAIR(PAIR_DIM) : A_DIM;
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
	if (!clean)
		return 0;
	size_t size = strlen(clean) + 8;
	char *fit = malloc(size);
	int used = 0;
	if (fit) {
		used = (int)textwidth_fit(clean, (size_t)width, fit, size);
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
		mvaddstr(y + i, x, "\u2502");
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

void screen_raw(const char *bytes)
{
	fputs(bytes, stdout);
	fflush(stdout);
}

int screen_signal(void)
{
	return (int)hangup;
}

int screen_getkey(key_event *k, int timeout_ms)
{
	static int errors; /* ERR in a row while blocking: the terminal is gone */
	timeout(timeout_ms);
	wint_t ch;
	int rc = get_wch(&ch);
	if (hangup)
		return SCREEN_EOF;
	if (rc == ERR) {
		if (timeout_ms >= 0)
			return SCREEN_TIMEOUT;
		struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
		if (poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL)))
			return SCREEN_EOF;
		return ++errors > 50 ? SCREEN_EOF : SCREEN_TIMEOUT;
	}
	errors = 0;
	k->code = (int)ch;
	k->fn = rc == KEY_CODE_YES;
	return SCREEN_KEY;
}

/* screen: the one place that talks to the terminal (ncursesw). Everything
 * drawn passes through screen_put, which sanitizes and fits the text. */
#ifndef TEAMTUI_SCREEN_H
#define TEAMTUI_SCREEN_H

#include <stdbool.h>
#include <stddef.h>

#include "teamtui/rows.h"

/* Whether stdin/stdout are a terminal curses can drive (TERM set, not
 * "dumb"). When false, callers print text instead, and `why` (`size`
 * bytes) says why in a few words: "standard output is not a terminal". */
bool screen_usable(char *why, size_t size);
/* Set the terminal up for the whole screen (the alternate screen, no
 * echo, keypad), with its size from the terminal itself (COLUMNS and
 * LINES are dropped from the environment when it knows its size), SIGHUP, SIGTERM and SIGINT ending input
 * (screen_getkey), SIGPIPE ignored, and the fatal signals (SIGSEGV,
 * SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGQUIT, ...) restoring the terminal
 * before the process dies of them. False, with `why` filled, when the
 * terminal cannot be used ("TERM 'xyz' has no usable terminfo entry"). */
bool screen_open(char *why, size_t size);
/* Before screen_open. The palette: colours on the terminal's default
 * background (use_default_colors), for a dark one, a light one, or
 * none; THEME_AUTO reads COLORFGBG (dark when unset). NO_COLOR (set and
 * not empty) means THEME_MONO whatever the theme. */
typedef enum { THEME_AUTO, THEME_DARK, THEME_LIGHT, THEME_MONO } screen_theme;
void screen_set_theme(screen_theme theme);
/* Before screen_open: whether to ask the terminal for mouse events
 * (clicks, double-clicks, the wheel); on by default. */
void screen_set_mouse(bool on);
/* Restore the terminal. `note` gets what the session fell back on
 * ("TERM 'vt100' has no colours; ..."), or "". TERM is quoted
 * unsanitized: the caller prints it. */
void screen_close(char *note, size_t size);
/* Leave curses for a child process or a suspend, and come back (at the
 * terminal's size now, the whole screen redrawn). */
void screen_pause(void);
void screen_resume(void);

void screen_size(int *height, int *width);
void screen_erase(void);
/* Text at (y, x) in at most `width` columns, cut with an ellipsis; with
 * `pad` the rest of the width is filled (selection bars). Returns the
 * columns used. */
int screen_put(int y, int x, int width, const char *s, row_style style,
	       bool selected, bool pad);
void screen_vline(int y, int x, int height);
/* Show the text cursor at (y, x), or hide it (y < 0). */
void screen_cursor(int y, int x);
void screen_flush(void);
/* The terminal's bell (or a visible flash): a key that could not be taken. */
void screen_beep(void);
/* Raw bytes to the terminal outside curses' buffer (OSC 52); false when
 * they could not be written. */
bool screen_raw(const char *bytes);

/* What a mouse event was (screen_set_mouse). */
typedef enum {
	MOUSE_NONE, MOUSE_CLICK, MOUSE_DOUBLE, MOUSE_WHEEL_UP, MOUSE_WHEEL_DOWN
} screen_mouse;

typedef struct key_event {
	int code;  /* a character, or a KEY_* code when fn */
	bool fn;
	bool meta; /* Alt: the key came right after ESC (code is the key) */
	screen_mouse mouse; /* not MOUSE_NONE: a mouse event at (y, x) */
	int y, x;
} key_event;

enum { SCREEN_KEY = 0, SCREEN_TIMEOUT = 1, SCREEN_EOF = 2 };
/* Wait up to timeout_ms (-1: forever) for a key. SCREEN_EOF when the
 * terminal is gone (stdin closed, SIGHUP, SIGTERM, SIGINT). */
int screen_getkey(key_event *k, int timeout_ms);
/* The key code curses gives the key whose terminfo capability is
 * `capname` ("kLFT5": Ctrl-Left), or 0 when the terminal has none. */
int screen_key_code(const char *capname);
/* The signal that ended input (SIGHUP, SIGTERM, SIGINT), or 0. */
int screen_signal(void);

#endif

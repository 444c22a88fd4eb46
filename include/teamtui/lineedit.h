/* lineedit: the one-line editor behind the TUI's prompts, with readline's
 * (emacs mode) keys and a history. Pure: no curses calls, no terminal; the
 * caller maps keys with lineedit_key, applies them with lineedit_apply and
 * draws the text itself (lineedit_view says which part, and where the
 * cursor goes).
 *
 * Text is UTF-8, and every position is a byte offset. The editor moves and
 * deletes by character, where a character is one code point together with
 * the zero-width code points (wcwidth 0: combining marks, ZWJ) that follow
 * it, so "e" U+0301 is one character: Left, Backspace and Delete step over
 * or remove both at once, and the cursor never lands between a letter and
 * its accent (a terminal draws them in one cell). Invalid bytes count as
 * one character each (U+FFFD). Widths come from wcwidth, so call
 * utf8_locale_init() first; an unprintable code point counts as one column.
 *
 * Words (Alt-B, Alt-F, Alt-D, Alt-Backspace, as readline's backward-word,
 * forward-word, kill-word, backward-kill-word) are runs of word characters:
 * ASCII letters and digits, and every non-ASCII character except spaces and
 * punctuation (U+00A0-U+00BF but ª µ º, × ÷, U+2000-U+206F,
 * U+2E00-U+2E7F, U+3000-U+303F, and the fullwidth forms of ASCII
 * punctuation), so "naïve", "größe" and "山田" are single words.
 * Ctrl-W (readline's unix-word-rubout) instead kills back to the previous
 * white space (space, tab, and the Unicode spaces): "foo-bar baz" loses
 * "baz" and then "foo-bar " to Ctrl-W, but "baz", "bar " and "foo-" to
 * Alt-Backspace. */
#ifndef TEAMTUI_LINEEDIT_H
#define TEAMTUI_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
	LINEEDIT_MAX = 256,	    /* bytes of text including the NUL */
	LINEEDIT_HISTORY_MAX = 100, /* entries kept; the oldest go first */
};

/* Finished entries, oldest first (items[n - 1] is the newest); each
 * malloc'd and owned by the history. Zero-initialise it
 * (`lineedit_history h = {0};`) and release it with lineedit_history_free. */
typedef struct lineedit_history {
	char *items[LINEEDIT_HISTORY_MAX];
	size_t n;
} lineedit_history;

/* One prompt's state. Read text/len/cur to draw; change it only through
 * these functions. */
typedef struct lineedit {
	char text[LINEEDIT_MAX];  /* NUL-terminated */
	size_t len, cur;	  /* bytes; cur <= len, always on a character */
	lineedit_history *hist;	  /* borrowed; may be NULL (no history) */
	long hpos;		  /* -1: editing the draft; else the index into
				   * hist->items of the entry being shown */
	char draft[LINEEDIT_MAX]; /* the text typed before walking the history */
	bool refused;		  /* the last lineedit_apply was an insert that
				   * could not be taken: beep */
} lineedit;

typedef enum {
	LE_NONE,
	LE_INSERT, /* insert the code point argument at the cursor */
	LE_LEFT, LE_RIGHT, LE_HOME, LE_END,
	LE_WORD_LEFT,  /* to the start of this or the previous word */
	LE_WORD_RIGHT, /* to the end of this or the next word */
	LE_DELETE_BACK,	    /* Backspace: the character before the cursor */
	LE_DELETE,	    /* Delete, Ctrl-D: the character under the cursor */
	LE_KILL_WORD,	    /* Ctrl-W: back to the previous white space */
	LE_KILL_ALNUM_WORD, /* Alt-Backspace: back to the start of a word */
	LE_KILL_WORD_FORWARD, /* Alt-D: forward to the end of a word */
	LE_KILL_TO_START,   /* Ctrl-U: everything before the cursor */
	LE_KILL_TO_END,	    /* Ctrl-K: everything from the cursor on */
	LE_HISTORY_PREV,    /* Up, Ctrl-P: the next older entry */
	LE_HISTORY_NEXT,    /* Down, Ctrl-N: the next newer entry, then the draft */
} lineedit_op;

/* Start editing `text` (NULL: empty; cut at a character boundary to
 * LINEEDIT_MAX - 1 bytes), the cursor at its end, on the draft, with the
 * history `h` (borrowed, may be NULL) for Up/Down. */
void lineedit_init(lineedit *e, lineedit_history *h, const char *text);

/* Apply one editing operation; `cp` is the code point for LE_INSERT and
 * ignored otherwise. Returns 1 when the text changed (a live search
 * should rerun), 0 when it did not (cursor moves, an op with nothing to
 * do, LE_NONE). e->refused is set when, and only when, this call was an
 * LE_INSERT that was not done: the buffer is full (text unchanged; the
 * caller beeps) or cp is not a printable code point (C0 and C1 controls,
 * DEL, surrogates, beyond U+10FFFF). A zero-width code point inserted at
 * the cursor joins the character before it.
 *
 * History (as bash's): LE_HISTORY_PREV from the draft saves the text as
 * the draft and shows the newest entry; again, older ones; at the oldest
 * it does nothing. LE_HISTORY_NEXT shows newer ones, and past the newest
 * brings the draft back; on the draft it does nothing. Either puts the
 * cursor at the end. Editing a recalled entry edits the text only: the
 * history is unchanged, and walking on drops the edit. With no history
 * both do nothing. */
int lineedit_apply(lineedit *e, lineedit_op op, uint32_t cp);

/* The op for a key as screen_getkey reports it: `code` a character, or a
 * curses KEY_* code when `fn`; `meta` when it came after Esc (Alt).
 *   Left, Ctrl-B / Right, Ctrl-F: a character; Home, Ctrl-A / End, Ctrl-E;
 *   Alt-B, Alt-Left / Alt-F, Alt-Right (and the codes given to
 *   lineedit_set_word_keys): a word; Backspace (KEY_BACKSPACE, 127, 8):
 *   delete back; Delete (KEY_DC), Ctrl-D: delete; Ctrl-W: kill word;
 *   Alt-Backspace (after Esc: 127, 8, KEY_BACKSPACE): kill alphanumeric
 *   word; Alt-D: kill word forward; Ctrl-U, Ctrl-K: kill to start, end;
 *   Ctrl-P / Ctrl-N: history, and Up / Down too when `history_arrows`
 *   (false: the caller uses them to move in a list).
 * Printable code points (not C0 or C1 controls, not DEL, not surrogates,
 * at most U+10FFFF) without `meta` are LE_INSERT of `code`. Everything
 * else (Enter, Esc, Tab, other Alt keys, other function keys) is LE_NONE:
 * the caller's. Upper-case Alt-B, Alt-F, Alt-D count as lower-case. */
lineedit_op lineedit_key(int code, bool fn, bool meta, bool history_arrows);

/* Ctrl-Left/Ctrl-Right and Alt-Left/Alt-Right have no KEY_* constants:
 * ncurses numbers them at run time, so a caller that has curses passes
 * them here once, e.g. key_defined("kLFT5"), key_defined("kRIT5"),
 * key_defined("kLFT3"), key_defined("kRIT3"). From then on lineedit_key
 * maps those codes (with `fn`) to LE_WORD_LEFT / LE_WORD_RIGHT. A code of
 * 0 or less means none (what key_defined returns for an unknown key).
 * Process-wide; not thread-safe. */
void lineedit_set_word_keys(int ctrl_left, int ctrl_right, int alt_left,
			    int alt_right);

/* Add a finished entry as the newest. An empty text is not added; a text
 * equal to an entry already there is moved to the newest place (no
 * duplicates, like bash's erasedups), and beyond LINEEDIT_HISTORY_MAX
 * entries the oldest is freed. The text is copied (cut at a character
 * boundary to LINEEDIT_MAX - 1 bytes, as the editor would hold it); when
 * out of memory nothing is added. Call it between prompts: an editor
 * walking `h` must be restarted with lineedit_init afterwards. */
void lineedit_history_add(lineedit_history *h, const char *text);
/* Free every entry; `h` is empty afterwards (and may be reused). */
void lineedit_history_free(lineedit_history *h);

/* What to draw in `width` columns: *first is the byte offset of the first
 * character shown, *cursor_col the cursor's column counted from it (0 to
 * width - 1; at the end of the text it is the cell after the last
 * character). While the text before the cursor fits in width - 1 columns
 * the view starts at the text's start. Beyond, it jumps by pages of
 * width - context columns, context being width / 4 columns (at most 8),
 * so that a scrolled view keeps at least `context` columns left of the
 * cursor (one less when a wide character straddling the page's edge is
 * left out) and moves a page at a time, not with every keystroke. It
 * depends only on the text and the cursor, not on what was drawn before.
 * width <= 0: *first is the cursor, *cursor_col 0. */
void lineedit_view(const lineedit *e, int width, size_t *first,
		   int *cursor_col);

#endif

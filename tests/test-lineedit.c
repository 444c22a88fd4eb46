/* test-lineedit.c: the prompts' line editor: every op on ASCII, multibyte,
 * wide and combining text, words with punctuation, a full buffer, the
 * history walk, horizontal scrolling, and every key it maps.
 *
 * State is shown as the text with '|' at the cursor, so one string says
 * both; no test text contains '|'. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tap.h"
#include "teamtui/lineedit.h"
#include "teamtui/utf8.h"

static const char *const op_names[] = {
	"NONE", "INSERT", "LEFT", "RIGHT", "HOME", "END", "WORD_LEFT",
	"WORD_RIGHT", "DELETE_BACK", "DELETE", "KILL_WORD", "KILL_ALNUM_WORD",
	"KILL_WORD_FORWARD", "KILL_TO_START", "KILL_TO_END", "HISTORY_PREV",
	"HISTORY_NEXT",
};

/* Whether byte offset i of s (length len) is where a character starts, as
 * the user sees characters: where a code point starts when decoding from
 * the start (an invalid byte is one), and not in front of a zero-width
 * code point (a combining mark belongs to the letter before it), except
 * at 0. */
static bool on_char(const char *s, size_t len, size_t i)
{
	size_t j = 0;
	uint32_t cp;
	while (j < i && j < len)
		j += utf8_decode(s + j, len - j, &cp);
	if (j != i)
		return false; /* inside a sequence, or beyond the end */
	if (i == 0 || i == len)
		return true;
	utf8_decode(s + i, len - i, &cp);
	return wcwidth((wchar_t)cp) != 0;
}

/* "before|after", or what is broken about e. */
static const char *show(const lineedit *e)
{
	static char buf[2 * LINEEDIT_MAX + 64];
	if (e->len >= LINEEDIT_MAX || strnlen(e->text, LINEEDIT_MAX) != e->len)
		snprintf(buf, sizeof(buf), "BAD len %zu, strlen %zu", e->len,
			 strnlen(e->text, LINEEDIT_MAX));
	else if (e->cur > e->len || !on_char(e->text, e->len, e->cur))
		snprintf(buf, sizeof(buf), "BAD cursor %zu inside a character of '%s'",
			 e->cur, e->text);
	else
		snprintf(buf, sizeof(buf), "%.*s|%s", (int)e->cur, e->text,
			 e->text + e->cur);
	return buf;
}

/* Apply op and check the return value and the resulting text and cursor. */
static void t_op(lineedit *e, lineedit_op op, uint32_t cp, int want_rc,
		 const char *want, const char *name)
{
	int rc = lineedit_apply(e, op, cp);
	const char *got = show(e);
	bool ok = rc == want_rc && !strcmp(got, want);
	if (!tap_ok(ok, "%s: %s", op_names[op], name))
		printf("#   got:  '%s' (returned %d)\n#   want: '%s' (returned %d)\n",
		       got, rc, want, want_rc);
}

/* Start on `text` with the cursor `back` characters from its end, moved
 * there with LE_LEFT. */
static void at_h(lineedit *e, lineedit_history *h, const char *text, int back)
{
	lineedit_init(e, h, text);
	while (back-- > 0)
		lineedit_apply(e, LE_LEFT, 0);
}

static void at(lineedit *e, const char *text, int back)
{
	at_h(e, NULL, text, back);
}

static void t_init(const char *text, const char *want, const char *name)
{
	lineedit e;
	lineedit_init(&e, NULL, text);
	bool ok = !strcmp(show(&e), want) && e.hpos == -1 && !e.refused && !e.hist;
	if (!tap_ok(ok, "init: %s", name))
		printf("#   got:  '%s' (hpos %ld)\n#   want: '%s'\n", show(&e), e.hpos, want);
}

/* n copies of c followed by tail, in a kept buffer. */
static const char *rep(char c, size_t n, const char *tail)
{
	static char bufs[4][512];
	static int next;
	char *b = bufs[next++ % 4];
	memset(b, c, n);
	strcpy(b + n, tail);
	return b;
}

static void t_init_ops(void)
{
	lineedit e;
	t_init(NULL, "|", "NULL is empty");
	t_init("", "|", "empty");
	t_init("abc", "abc|", "the cursor at the end");
	t_init("caf\xc3\xa9 \xe5\xb1\xb1", "caf\xc3\xa9 \xe5\xb1\xb1|", "multibyte kept");

	lineedit_init(&e, NULL, rep('a', 300, ""));
	tap_is_int((long long)e.len, LINEEDIT_MAX - 1, "init: 300 bytes cut to 255");
	lineedit_init(&e, NULL, rep('a', 254, "\xc3\xa9"));
	tap_is_int((long long)e.len, 254, "init: a 2-byte character that does not fit is left out whole");
	lineedit_init(&e, NULL, rep('a', 253, "e\xcc\x81"));
	tap_is_int((long long)e.len, 253, "init: e + U+0301 that does not fit is left out whole, not split");
	lineedit_init(&e, NULL, rep('a', 252, "e\xcc\x81"));
	tap_is_int((long long)e.len, 255, "init: e + U+0301 that fits exactly is kept");
}

static void t_chars(void)
{
	lineedit e;
	lineedit_init(&e, NULL, "");
	t_op(&e, LE_INSERT, 'a', 1, "a|", "ASCII");
	t_op(&e, LE_INSERT, 0xE9, 1, "a\xc3\xa9|", "U+00E9, 2 bytes");
	t_op(&e, LE_INSERT, 0x5C71, 1, "a\xc3\xa9\xe5\xb1\xb1|", "CJK, 3 bytes");
	t_op(&e, LE_INSERT, 0x1F600, 1, "a\xc3\xa9\xe5\xb1\xb1\xf0\x9f\x98\x80|", "emoji, 4 bytes");
	tap_is_int((long long)e.len, 10, "INSERT: len counts bytes");
	t_op(&e, LE_LEFT, 0, 0, "a\xc3\xa9\xe5\xb1\xb1|\xf0\x9f\x98\x80", "over 4 bytes");
	t_op(&e, LE_LEFT, 0, 0, "a\xc3\xa9|\xe5\xb1\xb1\xf0\x9f\x98\x80", "over a wide character");
	t_op(&e, LE_LEFT, 0, 0, "a|\xc3\xa9\xe5\xb1\xb1\xf0\x9f\x98\x80", "over 2 bytes");
	t_op(&e, LE_INSERT, 'x', 1, "ax|\xc3\xa9\xe5\xb1\xb1\xf0\x9f\x98\x80", "in the middle");
	t_op(&e, LE_LEFT, 0, 0, "a|x\xc3\xa9\xe5\xb1\xb1\xf0\x9f\x98\x80", "over ASCII");
	t_op(&e, LE_LEFT, 0, 0, "|ax\xc3\xa9\xe5\xb1\xb1\xf0\x9f\x98\x80", "to the start");
	t_op(&e, LE_LEFT, 0, 0, "|ax\xc3\xa9\xe5\xb1\xb1\xf0\x9f\x98\x80", "at the start: nothing");
	t_op(&e, LE_INSERT, 0x5C71, 1, "\xe5\xb1\xb1|ax\xc3\xa9\xe5\xb1\xb1\xf0\x9f\x98\x80", "at the start");
	t_op(&e, LE_RIGHT, 0, 0, "\xe5\xb1\xb1" "a|x\xc3\xa9\xe5\xb1\xb1\xf0\x9f\x98\x80", "over ASCII");
	t_op(&e, LE_RIGHT, 0, 0, "\xe5\xb1\xb1" "ax|\xc3\xa9\xe5\xb1\xb1\xf0\x9f\x98\x80", "again");
	t_op(&e, LE_RIGHT, 0, 0, "\xe5\xb1\xb1" "ax\xc3\xa9|\xe5\xb1\xb1\xf0\x9f\x98\x80", "over 2 bytes");
	t_op(&e, LE_RIGHT, 0, 0, "\xe5\xb1\xb1" "ax\xc3\xa9\xe5\xb1\xb1|\xf0\x9f\x98\x80", "over a wide character");
	t_op(&e, LE_RIGHT, 0, 0, "\xe5\xb1\xb1" "ax\xc3\xa9\xe5\xb1\xb1\xf0\x9f\x98\x80|", "over 4 bytes");
	t_op(&e, LE_RIGHT, 0, 0, "\xe5\xb1\xb1" "ax\xc3\xa9\xe5\xb1\xb1\xf0\x9f\x98\x80|", "at the end: nothing");
	t_op(&e, LE_HOME, 0, 0, "|\xe5\xb1\xb1" "ax\xc3\xa9\xe5\xb1\xb1\xf0\x9f\x98\x80", "to the start");
	t_op(&e, LE_HOME, 0, 0, "|\xe5\xb1\xb1" "ax\xc3\xa9\xe5\xb1\xb1\xf0\x9f\x98\x80", "at the start");
	t_op(&e, LE_END, 0, 0, "\xe5\xb1\xb1" "ax\xc3\xa9\xe5\xb1\xb1\xf0\x9f\x98\x80|", "to the end");
	t_op(&e, LE_END, 0, 0, "\xe5\xb1\xb1" "ax\xc3\xa9\xe5\xb1\xb1\xf0\x9f\x98\x80|", "at the end");
	t_op(&e, LE_DELETE_BACK, 0, 1, "\xe5\xb1\xb1" "ax\xc3\xa9\xe5\xb1\xb1|", "a 4-byte character whole");
	t_op(&e, LE_DELETE_BACK, 0, 1, "\xe5\xb1\xb1" "ax\xc3\xa9|", "a wide character whole");
	t_op(&e, LE_DELETE, 0, 0, "\xe5\xb1\xb1" "ax\xc3\xa9|", "at the end: nothing");
	t_op(&e, LE_LEFT, 0, 0, "\xe5\xb1\xb1" "ax|\xc3\xa9", "back one");
	t_op(&e, LE_DELETE, 0, 1, "\xe5\xb1\xb1" "ax|", "a 2-byte character whole");
	t_op(&e, LE_HOME, 0, 0, "|\xe5\xb1\xb1" "ax", "to the start");
	t_op(&e, LE_DELETE_BACK, 0, 0, "|\xe5\xb1\xb1" "ax", "at the start: nothing");
	t_op(&e, LE_DELETE, 0, 1, "|ax", "a wide character under the cursor");
	t_op(&e, LE_NONE, 0, 0, "|ax", "does nothing");

	/* invalid bytes (from an init text) are characters of their own */
	lineedit_init(&e, NULL, "a\xff\xe5\xb1" "b");
	t_op(&e, LE_LEFT, 0, 0, "a\xff\xe5\xb1|b", "invalid UTF-8: a truncated sequence's byte");
	t_op(&e, LE_LEFT, 0, 0, "a\xff\xe5|\xb1" "b", "invalid UTF-8: its lead byte alone");
	t_op(&e, LE_LEFT, 0, 0, "a\xff|\xe5\xb1" "b", "invalid UTF-8: one byte at a time");
	t_op(&e, LE_DELETE_BACK, 0, 1, "a|\xe5\xb1" "b", "invalid UTF-8: one byte");
}

/* Combining marks: one character with the letter before them. */
static void t_combining(void)
{
	lineedit e;
	lineedit_init(&e, NULL, "e\xcc\x81x");
	t_op(&e, LE_LEFT, 0, 0, "e\xcc\x81|x", "before x");
	t_op(&e, LE_LEFT, 0, 0, "|e\xcc\x81x", "e + U+0301 in one step");
	t_op(&e, LE_RIGHT, 0, 0, "e\xcc\x81|x", "e + U+0301 in one step");
	t_op(&e, LE_DELETE_BACK, 0, 1, "|x", "e + U+0301 together");
	lineedit_init(&e, NULL, "e\xcc\x81x");
	t_op(&e, LE_HOME, 0, 0, "|e\xcc\x81x", "start");
	t_op(&e, LE_DELETE, 0, 1, "|x", "e + U+0301 together");

	lineedit_init(&e, NULL, "a\xcc\x81\xcc\xa3" "b");
	t_op(&e, LE_LEFT, 0, 0, "a\xcc\x81\xcc\xa3|b", "two marks: before b");
	t_op(&e, LE_LEFT, 0, 0, "|a\xcc\x81\xcc\xa3" "b", "a letter with two marks in one step");
	t_op(&e, LE_KILL_WORD_FORWARD, 0, 1, "|", "a word of marked letters");

	lineedit_init(&e, NULL, "ca");
	t_op(&e, LE_INSERT, 0x301, 1, "ca\xcc\x81|", "a typed mark joins the letter before");
	t_op(&e, LE_LEFT, 0, 0, "c|a\xcc\x81", "then moves with it");
	t_op(&e, LE_INSERT, 0x301, 1, "c\xcc\x81|a\xcc\x81", "a mark in the middle");
	t_op(&e, LE_HOME, 0, 0, "|c\xcc\x81" "a\xcc\x81", "start");
	t_op(&e, LE_INSERT, 0x301, 1, "\xcc\x81|c\xcc\x81" "a\xcc\x81", "a mark at the start stands alone");
	t_op(&e, LE_HOME, 0, 0, "|\xcc\x81" "c\xcc\x81" "a\xcc\x81", "start again");
	t_op(&e, LE_INSERT, 'x', 1, "x\xcc\x81|c\xcc\x81" "a\xcc\x81",
	     "a letter typed before a stray mark takes it: the cursor after both");

	lineedit_init(&e, NULL, "\xe5\xb1\xb1\xe7\x94\xb0");
	t_op(&e, LE_DELETE_BACK, 0, 1, "\xe5\xb1\xb1|", "CJK: one wide character");
}

static void t_words(void)
{
	lineedit e;
	lineedit_init(&e, NULL, "foo-bar  baz");
	t_op(&e, LE_WORD_LEFT, 0, 0, "foo-bar  |baz", "to the word's start");
	t_op(&e, LE_WORD_LEFT, 0, 0, "foo-|bar  baz", "over spaces, stops at '-'");
	t_op(&e, LE_WORD_LEFT, 0, 0, "|foo-bar  baz", "over '-'");
	t_op(&e, LE_WORD_LEFT, 0, 0, "|foo-bar  baz", "at the start: nothing");
	t_op(&e, LE_WORD_RIGHT, 0, 0, "foo|-bar  baz", "to the word's end");
	t_op(&e, LE_WORD_RIGHT, 0, 0, "foo-bar|  baz", "over '-'");
	t_op(&e, LE_WORD_RIGHT, 0, 0, "foo-bar  baz|", "over spaces");
	t_op(&e, LE_WORD_RIGHT, 0, 0, "foo-bar  baz|", "at the end: nothing");
	at(&e, "foo-bar  baz", 6);
	t_op(&e, LE_WORD_LEFT, 0, 0, "foo-|bar  baz", "from inside a word's end");
	at(&e, "foo-bar  baz", 10);
	t_op(&e, LE_WORD_RIGHT, 0, 0, "foo|-bar  baz", "from inside a word");

	lineedit_init(&e, NULL, "na\xc3\xafve caf\xc3\xa9");
	t_op(&e, LE_WORD_LEFT, 0, 0, "na\xc3\xafve |caf\xc3\xa9", "accented letters are word characters");
	t_op(&e, LE_WORD_LEFT, 0, 0, "|na\xc3\xafve caf\xc3\xa9", "naïve is one word");
	t_op(&e, LE_WORD_RIGHT, 0, 0, "na\xc3\xafve| caf\xc3\xa9", "naïve is one word");
	lineedit_init(&e, NULL, "\xe5\xb1\xb1\xe7\x94\xb0 \xe8\x8a\xb1\xe5\xad\x90");
	t_op(&e, LE_WORD_LEFT, 0, 0, "\xe5\xb1\xb1\xe7\x94\xb0 |\xe8\x8a\xb1\xe5\xad\x90", "CJK words");
	lineedit_init(&e, NULL, "\xe6\x9d\xb1\xe4\xba\xac\xe3\x80\x81\xe5\xa4\xa7\xe9\x98\xaa");
	t_op(&e, LE_WORD_LEFT, 0, 0, "\xe6\x9d\xb1\xe4\xba\xac\xe3\x80\x81|\xe5\xa4\xa7\xe9\x98\xaa",
	     "the ideographic comma separates words");
	lineedit_init(&e, NULL, "a\xe2\x80\x94" "b");
	t_op(&e, LE_WORD_LEFT, 0, 0, "a\xe2\x80\x94|b", "an em dash separates words");

	/* Ctrl-W: back to white space */
	lineedit_init(&e, NULL, "foo-bar baz");
	t_op(&e, LE_KILL_WORD, 0, 1, "foo-bar |", "the last word");
	t_op(&e, LE_KILL_WORD, 0, 1, "|", "'foo-bar ' whole: '-' is not white space");
	t_op(&e, LE_KILL_WORD, 0, 0, "|", "empty: nothing");
	at(&e, "foo bar  ", 0);
	t_op(&e, LE_KILL_WORD, 0, 1, "foo |", "trailing spaces and the word before them");
	at(&e, "foo bar baz", 4);
	t_op(&e, LE_KILL_WORD, 0, 1, "foo | baz", "from the middle, the rest kept");
	at(&e, "foo bar baz", 6);
	t_op(&e, LE_KILL_WORD, 0, 1, "foo |ar baz", "from inside a word: its start only");
	at(&e, "a\tb", 0);
	t_op(&e, LE_KILL_WORD, 0, 1, "a\t|", "tab is white space");
	at(&e, "x\xc2\xa0y", 0);
	t_op(&e, LE_KILL_WORD, 0, 1, "x\xc2\xa0|", "no-break space is white space");
	at(&e, "x \xe5\xb1\xb1\xe7\x94\xb0", 0);
	t_op(&e, LE_KILL_WORD, 0, 1, "x |", "wide characters whole");

	/* Alt-Backspace: back to a non-alphanumeric */
	lineedit_init(&e, NULL, "foo-bar baz");
	t_op(&e, LE_KILL_ALNUM_WORD, 0, 1, "foo-bar |", "the last word");
	t_op(&e, LE_KILL_ALNUM_WORD, 0, 1, "foo-|", "'bar ': stops at '-'");
	t_op(&e, LE_KILL_ALNUM_WORD, 0, 1, "|", "'foo-'");
	t_op(&e, LE_KILL_ALNUM_WORD, 0, 0, "|", "empty: nothing");
	at(&e, "foo-bar", 0);
	t_op(&e, LE_KILL_ALNUM_WORD, 0, 1, "foo-|", "where Ctrl-W would kill all");
	at(&e, "foo-bar", 0);
	t_op(&e, LE_KILL_WORD, 0, 1, "|", "where Alt-Backspace would keep 'foo-'");
	at(&e, "foo-bar  ", 0);
	t_op(&e, LE_KILL_ALNUM_WORD, 0, 1, "foo-|", "trailing spaces and the word before them");
	at(&e, "foo-bar baz", 4);
	t_op(&e, LE_KILL_ALNUM_WORD, 0, 1, "foo-| baz", "from the middle, the rest kept");
	at(&e, "\xc3\xbc" "ber-gr\xc3\xb6\xc3\x9f" "e", 0);
	t_op(&e, LE_KILL_ALNUM_WORD, 0, 1, "\xc3\xbc" "ber-|", "non-ASCII letters are alphanumeric");
	t_op(&e, LE_KILL_ALNUM_WORD, 0, 1, "|", "über- whole");
	at(&e, "x-e\xcc\x81t\xc3\xa9", 0);
	t_op(&e, LE_KILL_ALNUM_WORD, 0, 1, "x-|", "a combining mark stays in the word");
	at(&e, "x 5\xc2\xb5m", 0);
	t_op(&e, LE_KILL_ALNUM_WORD, 0, 1, "x |", "the micro sign is a letter, as Latin-1's ordinals");
	at(&e, "a\xc2\xbf" "b", 0);
	t_op(&e, LE_KILL_ALNUM_WORD, 0, 1, "a\xc2\xbf|", "Latin-1's inverted question mark is punctuation");
	at(&e, "a.b_c", 0);
	t_op(&e, LE_KILL_ALNUM_WORD, 0, 1, "a.b_|", "'_' is not alphanumeric (as readline)");

	/* Alt-D: forward to the end of a word */
	at(&e, "foo-bar baz", 11);
	t_op(&e, LE_KILL_WORD_FORWARD, 0, 1, "|-bar baz", "the first word");
	t_op(&e, LE_KILL_WORD_FORWARD, 0, 1, "| baz", "'-bar'");
	t_op(&e, LE_KILL_WORD_FORWARD, 0, 1, "|", "' baz'");
	t_op(&e, LE_KILL_WORD_FORWARD, 0, 0, "|", "empty: nothing");
	at(&e, "foo bar", 5);
	t_op(&e, LE_KILL_WORD_FORWARD, 0, 1, "fo| bar", "from inside a word: its end only");
}

static void t_kills(void)
{
	lineedit e;
	at(&e, "foo bar", 3);
	t_op(&e, LE_KILL_TO_START, 0, 1, "|bar", "before the cursor only");
	t_op(&e, LE_KILL_TO_START, 0, 0, "|bar", "at the start: nothing");
	at(&e, "foo bar", 3);
	t_op(&e, LE_KILL_TO_END, 0, 1, "foo |", "from the cursor on");
	t_op(&e, LE_KILL_TO_END, 0, 0, "foo |", "at the end: nothing");
	at(&e, "\xe5\xb1\xb1\xe7\x94\xb0 \xe8\x8a\xb1", 1);
	t_op(&e, LE_KILL_TO_START, 0, 1, "|\xe8\x8a\xb1", "multibyte");
	at(&e, "e\xcc\x81" "e\xcc\x81", 1);
	t_op(&e, LE_KILL_TO_END, 0, 1, "e\xcc\x81|", "combining");
}

static void t_full(void)
{
	lineedit e;
	char full[LINEEDIT_MAX + 1];
	snprintf(full, sizeof(full), "%s|", rep('a', LINEEDIT_MAX - 1, ""));

	lineedit_init(&e, NULL, rep('a', LINEEDIT_MAX - 1, ""));
	t_op(&e, LE_INSERT, 'x', 0, full, "full: refused, text unchanged");
	tap_ok(e.refused, "full: refused is set");
	t_op(&e, LE_LEFT, 0, 0, rep('a', LINEEDIT_MAX - 2, "|a"), "after a refusal");
	tap_ok(!e.refused, "refused is cleared by the next op");
	t_op(&e, LE_INSERT, 'x', 0, rep('a', LINEEDIT_MAX - 2, "|a"), "full: refused in the middle too");
	tap_ok(e.refused, "full in the middle: refused is set");

	lineedit_init(&e, NULL, rep('a', LINEEDIT_MAX - 2, ""));
	t_op(&e, LE_INSERT, 0xE9, 0, rep('a', LINEEDIT_MAX - 2, "|"), "one byte free: a 2-byte character refused");
	tap_ok(e.refused, "2 bytes into 1: refused is set");
	t_op(&e, LE_INSERT, 'x', 1, rep('a', LINEEDIT_MAX - 2, "x|"), "one byte free: ASCII fits");
	tap_ok(!e.refused, "a taken insert clears refused");
	tap_is_int((long long)e.len, LINEEDIT_MAX - 1, "the last byte is used");

	lineedit_init(&e, NULL, rep('a', LINEEDIT_MAX - 4, ""));
	t_op(&e, LE_INSERT, 0x1F600, 0, rep('a', LINEEDIT_MAX - 4, "|"), "3 bytes free: 4 bytes refused");
	t_op(&e, LE_INSERT, 0x5C71, 1, rep('a', LINEEDIT_MAX - 4, "\xe5\xb1\xb1|"), "3 bytes free: 3 bytes fit");

	static const struct { uint32_t cp; const char *name; } bad[] = {
		{0x1B, "ESC"}, {0x0A, "newline"}, {0x00, "NUL"}, {0x7F, "DEL"},
		{0x85, "C1 NEL"}, {0x9B, "C1 CSI"}, {0xD800, "a surrogate"},
		{0x110000, "beyond U+10FFFF"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		char name[64];
		lineedit_init(&e, NULL, "ab");
		snprintf(name, sizeof(name), "%s refused", bad[i].name);
		t_op(&e, LE_INSERT, bad[i].cp, 0, "ab|", name);
		tap_ok(e.refused, "%s: refused is set", bad[i].name);
	}
	lineedit_init(&e, NULL, "ab");
	t_op(&e, LE_INSERT, ' ', 1, "ab |", "space is printable");
	t_op(&e, LE_INSERT, 0xA0, 1, "ab \xc2\xa0|", "no-break space is printable");
}

static const char *hjoin(const lineedit_history *h)
{
	static char buf[4096];
	size_t o = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < h->n && o < sizeof(buf); i++)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%s", i ? "," : "",
				      h->items[i]);
	return buf;
}

static void t_history(void)
{
	lineedit_history h = {0};
	lineedit e;
	lineedit_history_add(&h, "alpha");
	lineedit_history_add(&h, "beta");
	lineedit_history_add(&h, "gamma");
	tap_is_str(hjoin(&h), "alpha,beta,gamma", "history: oldest first");
	lineedit_history_add(&h, "");
	lineedit_history_add(&h, NULL);
	tap_is_str(hjoin(&h), "alpha,beta,gamma", "history: empty and NULL not added");
	lineedit_history_add(&h, "gamma");
	tap_is_str(hjoin(&h), "alpha,beta,gamma", "history: the newest again is not added");
	lineedit_history_add(&h, "alpha");
	tap_is_str(hjoin(&h), "beta,gamma,alpha", "history: an older entry again moves to the newest");

	/* the walk */
	lineedit_init(&e, &h, "");
	lineedit_apply(&e, LE_INSERT, 'd');
	lineedit_apply(&e, LE_INSERT, 'r');
	t_op(&e, LE_HISTORY_NEXT, 0, 0, "dr|", "on the draft: nothing");
	t_op(&e, LE_HISTORY_PREV, 0, 1, "alpha|", "from the draft: the newest");
	tap_is_int(e.hpos, 2, "history: hpos is the newest's index");
	t_op(&e, LE_HISTORY_PREV, 0, 1, "gamma|", "older");
	t_op(&e, LE_HISTORY_PREV, 0, 1, "beta|", "the oldest");
	t_op(&e, LE_HISTORY_PREV, 0, 0, "beta|", "at the oldest: nothing");
	tap_is_int(e.hpos, 0, "history: hpos stays at the oldest");
	t_op(&e, LE_HISTORY_NEXT, 0, 1, "gamma|", "newer");
	t_op(&e, LE_DELETE_BACK, 0, 1, "gamm|", "a recalled entry is edited");
	tap_is_str(hjoin(&h), "beta,gamma,alpha", "history: editing a recalled entry leaves the history");
	t_op(&e, LE_HISTORY_NEXT, 0, 1, "alpha|", "the newest");
	t_op(&e, LE_HISTORY_NEXT, 0, 1, "dr|", "past the newest: the draft back");
	tap_is_int(e.hpos, -1, "history: back on the draft");
	t_op(&e, LE_HISTORY_NEXT, 0, 0, "dr|", "on the draft again: nothing");
	t_op(&e, LE_HISTORY_PREV, 0, 1, "alpha|", "again from the draft");
	t_op(&e, LE_HISTORY_PREV, 0, 1, "gamma|", "the edit was dropped");
	t_op(&e, LE_HISTORY_NEXT, 0, 1, "alpha|", "newer");
	t_op(&e, LE_HISTORY_NEXT, 0, 1, "dr|", "the draft survived two walks");

	at_h(&e, &h, "xy", 2);
	t_op(&e, LE_HISTORY_PREV, 0, 1, "alpha|", "a draft with the cursor at its start");
	t_op(&e, LE_HISTORY_NEXT, 0, 1, "xy|", "the draft comes back with the cursor at the end");

	lineedit_init(&e, &h, "");
	t_op(&e, LE_HISTORY_PREV, 0, 1, "alpha|", "from an empty draft");
	t_op(&e, LE_HISTORY_NEXT, 0, 1, "|", "the empty draft back");

	lineedit_init(&e, &h, "alpha");
	t_op(&e, LE_HISTORY_PREV, 0, 0, "alpha|", "the newest equals the draft: text unchanged");
	tap_is_int(e.hpos, 2, "history: but the walk has started");
	t_op(&e, LE_HISTORY_PREV, 0, 1, "gamma|", "then older");

	lineedit_init(&e, NULL, "q");
	t_op(&e, LE_HISTORY_PREV, 0, 0, "q|", "no history: nothing");
	t_op(&e, LE_HISTORY_NEXT, 0, 0, "q|", "no history: nothing");
	lineedit_history empty = {0};
	lineedit_init(&e, &empty, "q");
	t_op(&e, LE_HISTORY_PREV, 0, 0, "q|", "an empty history: nothing");
	tap_is_int(e.hpos, -1, "history: an empty one is never walked");

	lineedit_history_free(&h);
	tap_is_int((long long)h.n, 0, "history: freed is empty");

	/* the limit, and long entries */
	for (int i = 0; i < 105; i++) {
		char q[16];
		snprintf(q, sizeof(q), "q%d", i);
		lineedit_history_add(&h, q);
	}
	tap_is_int((long long)h.n, LINEEDIT_HISTORY_MAX, "history: at most 100 entries");
	tap_is_str(h.items[0], "q5", "history: the 5 oldest dropped");
	tap_is_str(h.items[h.n - 1], "q104", "history: the newest last");
	lineedit_history_add(&h, "q50");
	tap_ok(h.n == 100 && !strcmp(h.items[99], "q50") && !strcmp(h.items[44], "q49") &&
	       !strcmp(h.items[45], "q51") && !strcmp(h.items[0], "q5"),
	       "history: a full history moves a repeat without dropping the oldest");
	lineedit_history_add(&h, rep('b', 300, ""));
	tap_is_int((long long)strlen(h.items[99]), LINEEDIT_MAX - 1,
		   "history: an entry is cut to what the editor holds");
	tap_is_str(h.items[0], "q6", "history: which dropped the oldest");
	lineedit_history_add(&h, rep('b', 400, ""));
	tap_is_int((long long)h.n, 100, "history: the same cut text is a repeat");
	lineedit_init(&e, &h, "");
	lineedit_apply(&e, LE_HISTORY_PREV, 0);
	tap_is_str(show(&e), rep('b', LINEEDIT_MAX - 1, "|"), "history: a long entry recalled whole");
	lineedit_history_free(&h);
	lineedit_history_free(&h);
	tap_is_int((long long)h.n, 0, "history: freeing twice is harmless");
}

static void t_view1(const char *text, int back, int width, size_t want_first,
		    int want_col, const char *name)
{
	lineedit e;
	at(&e, text, back);
	size_t first = 99999;
	int col = -99;
	lineedit_view(&e, width, &first, &col);
	if (!tap_ok(first == want_first && col == want_col, "view: %s", name))
		printf("#   got:  first %zu, column %d\n#   want: first %zu, column %d\n",
		       first, col, want_first, want_col);
}

static void t_view(void)
{
	/* 12 CJK characters: 36 bytes, 24 columns */
	const char *cjk = "\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1"
			  "\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1"
			  "\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1\xe5\xb1\xb1";
	t_view1("abcdefghi", 0, 10, 0, 9, "fits with the cursor after it");
	t_view1("abcdefghij", 0, 10, 8, 2, "one too many: a page on, 2 columns of context");
	t_view1("abcdefghij", 1, 10, 0, 9, "the cursor on the last column");
	t_view1("abcdefghij", 10, 10, 0, 0, "at the start");
	t_view1("abcdefghijklmnopqrst", 0, 10, 16, 4, "20 columns: the third page");
	t_view1("abcdefghijklmnopqrst", 2, 10, 16, 2, "still in that page, 2 columns of context");
	t_view1("abcdefghijklmnopqrst", 3, 10, 8, 9, "a page back: the cursor on the last column");
	t_view1(cjk, 0, 10, 24, 8, "wide: cursor at the end (24 columns)");
	t_view1(cjk, 7, 10, 12, 2, "wide: cursor at column 10");
	t_view1(cjk, 8, 10, 0, 8, "wide: cursor at column 8 fits");
	t_view1(cjk, 0, 9, 33, 2, "wide: a character cut by the page's edge is left out");
	t_view1(cjk, 0, 2, 36, 0, "wide, 2 columns: just the cursor");
	t_view1(cjk, 1, 2, 33, 0, "wide, 2 columns: the character under the cursor");
	t_view1("e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 0, 10, 0, 3, "combining marks take no column");
	t_view1("abc", 0, 1, 3, 0, "1 column");
	t_view1("abc", 1, 0, 2, 0, "0 columns: the cursor");
	t_view1("abc", 1, -5, 2, 0, "negative width: the cursor");
	t_view1("", 0, 10, 0, 0, "empty");
	t_view1(rep('x', 255, ""), 0, 80, 216, 39, "a full buffer in 80 columns: pages of 72");

	/* Every cursor position and width: the cursor is in the view, the
	 * view starts on a character, and the cursor column is the width of
	 * what is shown before it. */
	char text[LINEEDIT_MAX] = "";
	while (strlen(text) + 20 < sizeof(text))
		strcat(text, "a\xe5\xb1\xb1" "e\xcc\x81" "b\xf0\x9f\x98\x80 cd\xe7\x94\xb0");
	lineedit e;
	lineedit_init(&e, NULL, text);
	int bad = 0, checked = 0;
	for (int width = 1; width <= 40; width++) {
		lineedit_apply(&e, LE_HOME, 0);
		for (;;) {
			size_t first;
			int col;
			lineedit_view(&e, width, &first, &col);
			char shown[LINEEDIT_MAX];
			size_t n = first <= e.cur ? e.cur - first : 0;
			memcpy(shown, e.text + (n ? first : 0), n);
			shown[n] = '\0';
			char before[LINEEDIT_MAX];
			memcpy(before, e.text, e.cur);
			before[e.cur] = '\0';
			bool fits = utf8_width(before) < (size_t)width;
			int ctx = width / 4 < 8 ? width / 4 : 8;
			if (first > e.cur || col < 0 || col >= width ||
			    !on_char(e.text, e.len, first) ||
			    (size_t)col != utf8_width(shown) || (fits && first != 0) ||
			    (!fits && col < ctx - 1)) {
				if (bad++ < 5)
					printf("# width %d cursor %zu: first %zu column %d\n",
					       width, e.cur, first, col);
			}
			checked++;
			if (e.cur == e.len)
				break;
			lineedit_apply(&e, LE_RIGHT, 0);
		}
	}
	tap_ok(bad == 0 && checked > 40 * 100,
	       "view: the cursor always visible, %d positions and widths", checked);
}

struct keycase {
	int code;
	bool fn, meta, arrows;
	lineedit_op want;
	const char *name;
};

static void t_keys(void)
{
	static const struct keycase cases[] = {
		{KEY_LEFT, true, false, true, LE_LEFT, "Left"},
		{KEY_RIGHT, true, false, true, LE_RIGHT, "Right"},
		{KEY_HOME, true, false, true, LE_HOME, "Home"},
		{KEY_END, true, false, true, LE_END, "End"},
		{KEY_BACKSPACE, true, false, true, LE_DELETE_BACK, "KEY_BACKSPACE"},
		{KEY_DC, true, false, true, LE_DELETE, "Delete (KEY_DC)"},
		{KEY_UP, true, false, true, LE_HISTORY_PREV, "Up with history arrows"},
		{KEY_DOWN, true, false, true, LE_HISTORY_NEXT, "Down with history arrows"},
		{KEY_UP, true, false, false, LE_NONE, "Up without history arrows"},
		{KEY_DOWN, true, false, false, LE_NONE, "Down without history arrows"},
		{KEY_ENTER, true, false, true, LE_NONE, "KEY_ENTER is the caller's"},
		{KEY_NPAGE, true, false, true, LE_NONE, "PageDown is the caller's"},
		{KEY_F(1), true, false, true, LE_NONE, "F1 is the caller's"},
		{KEY_LEFT, true, true, true, LE_WORD_LEFT, "Alt-Left (Esc Left)"},
		{KEY_RIGHT, true, true, true, LE_WORD_RIGHT, "Alt-Right (Esc Right)"},
		{KEY_BACKSPACE, true, true, true, LE_KILL_ALNUM_WORD, "Esc KEY_BACKSPACE"},
		{KEY_UP, true, true, true, LE_NONE, "Alt-Up is the caller's"},
		{'A' - '@', false, false, true, LE_HOME, "Ctrl-A"},
		{'E' - '@', false, false, true, LE_END, "Ctrl-E"},
		{'B' - '@', false, false, true, LE_LEFT, "Ctrl-B"},
		{'F' - '@', false, false, true, LE_RIGHT, "Ctrl-F"},
		{127, false, false, true, LE_DELETE_BACK, "Backspace (127)"},
		{8, false, false, true, LE_DELETE_BACK, "Backspace (Ctrl-H, 8)"},
		{'D' - '@', false, false, true, LE_DELETE, "Ctrl-D"},
		{'W' - '@', false, false, true, LE_KILL_WORD, "Ctrl-W"},
		{'U' - '@', false, false, true, LE_KILL_TO_START, "Ctrl-U"},
		{'K' - '@', false, false, true, LE_KILL_TO_END, "Ctrl-K"},
		{'P' - '@', false, false, true, LE_HISTORY_PREV, "Ctrl-P"},
		{'N' - '@', false, false, true, LE_HISTORY_NEXT, "Ctrl-N"},
		{'P' - '@', false, false, false, LE_HISTORY_PREV, "Ctrl-P without history arrows"},
		{'N' - '@', false, false, false, LE_HISTORY_NEXT, "Ctrl-N without history arrows"},
		{'b', false, true, true, LE_WORD_LEFT, "Alt-B"},
		{'B', false, true, true, LE_WORD_LEFT, "Alt-Shift-B"},
		{'f', false, true, true, LE_WORD_RIGHT, "Alt-F"},
		{'F', false, true, true, LE_WORD_RIGHT, "Alt-Shift-F"},
		{'d', false, true, true, LE_KILL_WORD_FORWARD, "Alt-D"},
		{'D', false, true, true, LE_KILL_WORD_FORWARD, "Alt-Shift-D"},
		{127, false, true, true, LE_KILL_ALNUM_WORD, "Alt-Backspace (127)"},
		{8, false, true, true, LE_KILL_ALNUM_WORD, "Alt-Backspace (8)"},
		{'x', false, true, true, LE_NONE, "Alt-X is the caller's"},
		{'a', false, true, true, LE_NONE, "Alt-A is not an insert"},
		{'W' - '@', false, true, true, LE_NONE, "Esc Ctrl-W is the caller's"},
		{'\r', false, false, true, LE_NONE, "Enter (CR)"},
		{'\n', false, false, true, LE_NONE, "Enter (LF)"},
		{27, false, false, true, LE_NONE, "Esc"},
		{'\t', false, false, true, LE_NONE, "Tab"},
		{0, false, false, true, LE_NONE, "NUL"},
		{'C' - '@', false, false, true, LE_NONE, "Ctrl-C"},
		{'G' - '@', false, false, true, LE_NONE, "Ctrl-G"},
		{0x85, false, false, true, LE_NONE, "C1 NEL"},
		{0x9B, false, false, true, LE_NONE, "C1 CSI"},
		{0xD800, false, false, true, LE_NONE, "a surrogate"},
		{0x110000, false, false, true, LE_NONE, "beyond U+10FFFF"},
		{-1, false, false, true, LE_NONE, "a negative code"},
		{'a', false, false, true, LE_INSERT, "a letter"},
		{'A', false, false, true, LE_INSERT, "a capital (not Ctrl-A)"},
		{' ', false, false, true, LE_INSERT, "space"},
		{'~', false, false, true, LE_INSERT, "tilde"},
		{0xA0, false, false, true, LE_INSERT, "no-break space"},
		{0xE9, false, false, true, LE_INSERT, "U+00E9"},
		{0x301, false, false, true, LE_INSERT, "a combining mark"},
		{0x5C71, false, false, true, LE_INSERT, "CJK"},
		{0x1F600, false, false, true, LE_INSERT, "emoji"},
		{'b', false, false, false, LE_INSERT, "b without Alt"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		const struct keycase *c = &cases[i];
		lineedit_op got = lineedit_key(c->code, c->fn, c->meta, c->arrows);
		if (!tap_ok(got == c->want, "key: %s", c->name))
			printf("#   got: %s, want: %s\n", op_names[got], op_names[c->want]);
	}

	/* Ctrl-Left/Right and Alt-Left/Right: codes ncurses makes up at run time */
	tap_ok(lineedit_key(600, true, false, true) == LE_NONE, "key: an unknown extended key is the caller's");
	lineedit_set_word_keys(600, 601, 602, 603);
	tap_ok(lineedit_key(600, true, false, true) == LE_WORD_LEFT, "key: Ctrl-Left once given");
	tap_ok(lineedit_key(601, true, false, true) == LE_WORD_RIGHT, "key: Ctrl-Right once given");
	tap_ok(lineedit_key(602, true, false, true) == LE_WORD_LEFT, "key: Alt-Left (kLFT3) once given");
	tap_ok(lineedit_key(603, true, false, true) == LE_WORD_RIGHT, "key: Alt-Right (kRIT3) once given");
	tap_ok(lineedit_key(600, false, false, true) == LE_INSERT, "key: the same number as a character is a character");
	lineedit_set_word_keys(0, 0, -1, -1);
	tap_ok(lineedit_key(600, true, false, true) == LE_NONE, "key: word keys can be taken back");
	tap_ok(lineedit_key(0, true, false, true) == LE_NONE &&
	       lineedit_key(-1, true, false, true) == LE_NONE,
	       "key: 0 and -1 (key_defined's none) never match");
}

int main(void)
{
	if (!utf8_locale_init()) {
		printf("1..0 # SKIP no UTF-8 locale for wcwidth\n");
		return 0;
	}
	t_init_ops();
	t_chars();
	t_combining();
	t_words();
	t_kills();
	t_full();
	t_history();
	t_view();
	t_keys();
	return tap_done();
}

/* lineedit.c: see lineedit.h. The text is at most 255 bytes, so character
 * boundaries are found by decoding from the start each time: simple, and
 * right even for invalid UTF-8, which cannot be decoded backwards. */
#include "teamtui/lineedit.h"

#include <curses.h> /* the KEY_* constants only */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "teamtui/utf8.h"

static int word_keys[4]; /* lineedit_set_word_keys: Ctrl-Left, Ctrl-Right, Alt-Left, Alt-Right */

static uint32_t cp_at(const char *s, size_t len, size_t i, size_t *n)
{
	uint32_t cp;
	*n = utf8_decode(s + i, len - i, &cp);
	return cp;
}

/* End of the character starting at i < len: one code point and the
 * zero-width ones after it. */
static size_t char_end(const char *s, size_t len, size_t i)
{
	size_t n;
	cp_at(s, len, i, &n);
	i += n;
	while (i < len) {
		uint32_t cp = cp_at(s, len, i, &n);
		if (wcwidth((wchar_t)cp) != 0)
			break;
		i += n;
	}
	return i;
}

/* Start of the character that ends at or contains pos > 0. */
static size_t char_start_before(const char *s, size_t len, size_t pos)
{
	size_t i = 0, start = 0;
	while (i < len && i < pos) {
		start = i;
		i = char_end(s, len, i);
	}
	return start;
}

/* The first character boundary at or after pos. */
static size_t boundary_at_or_after(const char *s, size_t len, size_t pos)
{
	size_t i = 0;
	while (i < len && i < pos)
		i = char_end(s, len, i);
	return i;
}

/* Columns of a character starting with cp. */
static int cp_cols(uint32_t cp)
{
	int w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

static bool is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == 0xA0 || c == 0x1680 ||
	       (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
	       c == 0x202F || c == 0x205F || c == 0x3000;
}

static bool is_word(uint32_t c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		       (c >= 'A' && c <= 'Z');
	if (c >= 0xA0 && c <= 0xBF)
		return c == 0xAA || c == 0xB5 || c == 0xBA; /* ª µ º */
	if (c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x206F) ||
	    (c >= 0x2E00 && c <= 0x2E7F) || (c >= 0x3000 && c <= 0x303F))
		return false;
	/* fullwidth ASCII punctuation */
	if ((c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
	    (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65))
		return false;
	return true;
}

static uint32_t first_cp(const lineedit *e, size_t i)
{
	size_t n;
	return cp_at(e->text, e->len, i, &n);
}

/* Back from pos over the characters whose first code point c has
 * in(c) == skip_when, then over those with in(c) != skip_when: readline's
 * backward-word (is_word, false) and unix-word-rubout (is_space, true). */
static size_t back_over(const lineedit *e, size_t pos, bool (*in)(uint32_t),
			bool skip_when)
{
	while (pos > 0) {
		size_t p = char_start_before(e->text, e->len, pos);
		if (in(first_cp(e, p)) != skip_when)
			break;
		pos = p;
	}
	while (pos > 0) {
		size_t p = char_start_before(e->text, e->len, pos);
		if (in(first_cp(e, p)) == skip_when)
			break;
		pos = p;
	}
	return pos;
}

/* readline's forward-word: past non-word characters, then word ones. */
static size_t word_forward(const lineedit *e, size_t pos)
{
	while (pos < e->len && !is_word(first_cp(e, pos)))
		pos = char_end(e->text, e->len, pos);
	while (pos < e->len && is_word(first_cp(e, pos)))
		pos = char_end(e->text, e->len, pos);
	return pos;
}

/* Remove text[from..to); the cursor goes to `from`. */
static int cut(lineedit *e, size_t from, size_t to)
{
	e->cur = from;
	if (from >= to)
		return 0;
	memmove(e->text + from, e->text + to, e->len - to + 1);
	e->len -= to - from;
	return 1;
}

/* Copy s into buf (LINEEDIT_MAX bytes), cut at a character boundary;
 * returns the length. */
static size_t set_text(char *buf, const char *s)
{
	size_t len = strlen(s), keep = len;
	if (len > LINEEDIT_MAX - 1) {
		keep = 0;
		for (size_t i = 0; i < len;) {
			size_t end = char_end(s, len, i);
			if (end > LINEEDIT_MAX - 1)
				break;
			keep = i = end;
		}
	}
	memmove(buf, s, keep);
	buf[keep] = '\0';
	return keep;
}

/* Show `s` (an entry or the draft), the cursor at the end. */
static int show(lineedit *e, const char *s)
{
	char old[LINEEDIT_MAX];
	memcpy(old, e->text, e->len + 1);
	e->len = set_text(e->text, s);
	e->cur = e->len;
	return strcmp(old, e->text) != 0;
}

void lineedit_init(lineedit *e, lineedit_history *h, const char *text)
{
	e->len = set_text(e->text, text ? text : "");
	e->cur = e->len;
	e->hist = h;
	e->hpos = -1;
	e->draft[0] = '\0';
	e->refused = false;
}

static bool printable(uint32_t cp)
{
	return cp >= 0x20 && !(cp >= 0x7F && cp <= 0x9F) &&
	       !(cp >= 0xD800 && cp <= 0xDFFF) && cp <= 0x10FFFF;
}

static int insert(lineedit *e, uint32_t cp)
{
	char buf[4];
	if (!printable(cp)) {
		e->refused = true;
		return 0;
	}
	size_t n = utf8_encode(cp, buf);
	if (e->len + n > LINEEDIT_MAX - 1) {
		e->refused = true;
		return 0;
	}
	memmove(e->text + e->cur + n, e->text + e->cur, e->len - e->cur + 1);
	memcpy(e->text + e->cur, buf, n);
	e->len += n;
	/* a letter typed before a stray leading mark takes it over */
	e->cur = boundary_at_or_after(e->text, e->len, e->cur + n);
	return 1;
}

static int history(lineedit *e, int dir)
{
	lineedit_history *h = e->hist;
	if (!h || !h->n)
		return 0;
	if (e->hpos >= (long)h->n) /* the history shrank under us */
		e->hpos = (long)h->n - 1;
	if (dir < 0) {
		if (e->hpos == 0)
			return 0;
		if (e->hpos < 0) {
			memcpy(e->draft, e->text, e->len + 1);
			e->hpos = (long)h->n;
		}
		e->hpos--;
		return show(e, h->items[e->hpos]);
	}
	if (e->hpos < 0)
		return 0;
	if (++e->hpos == (long)h->n) {
		e->hpos = -1;
		return show(e, e->draft);
	}
	return show(e, h->items[e->hpos]);
}

int lineedit_apply(lineedit *e, lineedit_op op, uint32_t cp)
{
	e->refused = false;
	switch (op) {
	case LE_NONE:
		return 0;
	case LE_INSERT:
		return insert(e, cp);
	case LE_LEFT:
		if (e->cur > 0)
			e->cur = char_start_before(e->text, e->len, e->cur);
		return 0;
	case LE_RIGHT:
		if (e->cur < e->len)
			e->cur = char_end(e->text, e->len, e->cur);
		return 0;
	case LE_HOME:
		e->cur = 0;
		return 0;
	case LE_END:
		e->cur = e->len;
		return 0;
	case LE_WORD_LEFT:
		e->cur = back_over(e, e->cur, is_word, false);
		return 0;
	case LE_WORD_RIGHT:
		e->cur = word_forward(e, e->cur);
		return 0;
	case LE_DELETE_BACK:
		if (!e->cur)
			return 0;
		return cut(e, char_start_before(e->text, e->len, e->cur), e->cur);
	case LE_DELETE:
		if (e->cur == e->len)
			return 0;
		return cut(e, e->cur, char_end(e->text, e->len, e->cur));
	case LE_KILL_WORD:
		return cut(e, back_over(e, e->cur, is_space, true), e->cur);
	case LE_KILL_ALNUM_WORD:
		return cut(e, back_over(e, e->cur, is_word, false), e->cur);
	case LE_KILL_WORD_FORWARD:
		return cut(e, e->cur, word_forward(e, e->cur));
	case LE_KILL_TO_START:
		return cut(e, 0, e->cur);
	case LE_KILL_TO_END:
		return cut(e, e->cur, e->len);
	case LE_HISTORY_PREV:
		return history(e, -1);
	case LE_HISTORY_NEXT:
		return history(e, 1);
	}
	return 0;
}

void lineedit_set_word_keys(int ctrl_left, int ctrl_right, int alt_left,
			    int alt_right)
{
	word_keys[0] = ctrl_left;
	word_keys[1] = ctrl_right;
	word_keys[2] = alt_left;
	word_keys[3] = alt_right;
}

static lineedit_op fn_key(int code, bool meta, bool history_arrows)
{
	if (meta) { /* Esc, then the key */
		switch (code) {
		case KEY_LEFT:
			return LE_WORD_LEFT;
		case KEY_RIGHT:
			return LE_WORD_RIGHT;
		case KEY_BACKSPACE:
			return LE_KILL_ALNUM_WORD;
		}
		return LE_NONE;
	}
	switch (code) {
	case KEY_LEFT:
		return LE_LEFT;
	case KEY_RIGHT:
		return LE_RIGHT;
	case KEY_HOME:
		return LE_HOME;
	case KEY_END:
		return LE_END;
	case KEY_BACKSPACE:
		return LE_DELETE_BACK;
	case KEY_DC:
		return LE_DELETE;
	case KEY_UP:
		return history_arrows ? LE_HISTORY_PREV : LE_NONE;
	case KEY_DOWN:
		return history_arrows ? LE_HISTORY_NEXT : LE_NONE;
	}
	if (code > 0 && (code == word_keys[0] || code == word_keys[2]))
		return LE_WORD_LEFT;
	if (code > 0 && (code == word_keys[1] || code == word_keys[3]))
		return LE_WORD_RIGHT;
	return LE_NONE;
}

lineedit_op lineedit_key(int code, bool fn, bool meta, bool history_arrows)
{
	if (fn)
		return fn_key(code, meta, history_arrows);
	if (meta) {
		switch (code) {
		case 'b': case 'B':
			return LE_WORD_LEFT;
		case 'f': case 'F':
			return LE_WORD_RIGHT;
		case 'd': case 'D':
			return LE_KILL_WORD_FORWARD;
		case 127: case 8:
			return LE_KILL_ALNUM_WORD;
		}
		return LE_NONE;
	}
	switch (code) {
	case 'A' - '@':
		return LE_HOME;
	case 'E' - '@':
		return LE_END;
	case 'B' - '@':
		return LE_LEFT;
	case 'F' - '@':
		return LE_RIGHT;
	case 127: case 'H' - '@':
		return LE_DELETE_BACK;
	case 'D' - '@':
		return LE_DELETE;
	case 'W' - '@':
		return LE_KILL_WORD;
	case 'U' - '@':
		return LE_KILL_TO_START;
	case 'K' - '@':
		return LE_KILL_TO_END;
	case 'P' - '@':
		return LE_HISTORY_PREV;
	case 'N' - '@':
		return LE_HISTORY_NEXT;
	}
	return printable((uint32_t)code) ? LE_INSERT : LE_NONE; /* negative: huge */
}

/* Index of h's entry equal to s, or -1. */
static long find_entry(const lineedit_history *h, const char *s)
{
	for (size_t i = 0; i < h->n; i++)
		if (!strcmp(h->items[i], s))
			return (long)i;
	return -1;
}

void lineedit_history_add(lineedit_history *h, const char *text)
{
	char buf[LINEEDIT_MAX];
	if (!text || !set_text(buf, text))
		return;
	long at = find_entry(h, buf);
	char *s;
	if (at >= 0) { /* move it to the newest place */
		s = h->items[at];
		memmove(h->items + at, h->items + at + 1,
			(h->n - (size_t)at - 1) * sizeof(*h->items));
		h->items[h->n - 1] = s;
		return;
	}
	if (!(s = strdup(buf)))
		return;
	if (h->n == LINEEDIT_HISTORY_MAX) {
		free(h->items[0]);
		memmove(h->items, h->items + 1, (h->n - 1) * sizeof(*h->items));
		h->n--;
	}
	h->items[h->n++] = s;
}

void lineedit_history_free(lineedit_history *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->items[i]);
	h->n = 0;
}

void lineedit_view(const lineedit *e, int width, size_t *first,
		   int *cursor_col)
{
	*first = e->cur;
	*cursor_col = 0;
	if (width <= 0)
		return;
	/* the cursor's column from the start of the text */
	size_t c = 0, n;
	for (size_t i = 0; i < e->cur; i = char_end(e->text, e->len, i))
		c += (size_t)cp_cols(cp_at(e->text, e->len, i, &n));
	size_t w = (size_t)width;
	if (c < w) {
		*first = 0;
		*cursor_col = (int)c;
		return;
	}
	size_t ctx = w / 4 < 8 ? w / 4 : 8, step = w - ctx;
	size_t start = (c - ctx) / step * step; /* the page's first column */
	/* the first character starting at or after that column */
	size_t i = 0, col = 0;
	while (i < e->cur && col < start) {
		col += (size_t)cp_cols(cp_at(e->text, e->len, i, &n));
		i = char_end(e->text, e->len, i);
	}
	*first = i;
	*cursor_col = (int)(c - col);
}

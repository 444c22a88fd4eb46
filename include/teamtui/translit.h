/* translit: text for a terminal that cannot show all of UTF-8: a non-UTF-8
 * locale (LANG=C, LC_ALL=POSIX) or a terminal without box drawing and
 * arrows (vt100, the Linux console). Pure: no curses. */
#ifndef TEAMTUI_TRANSLIT_H
#define TEAMTUI_TRANSLIT_H

typedef enum {
	/* only the interface's own glyphs: box drawing, arrows, the
	 * ellipsis, middle dots and dashes get their ASCII look
	 * ("\u2502" -> "|", "\u2026" -> "...", "\u25b2" -> "^") */
	TRANSLIT_GLYPHS,
	/* everything as ASCII: the glyphs as above, then every other
	 * character through ICU's "Any-Latin; Latin-ASCII" transform
	 * (Am\u00e9lie -> Amelie, \u0141\u00f3d\u017a -> Lodz, CJK and Cyrillic
	 * romanized), and what still is not ASCII as '?' */
	TRANSLIT_ASCII,
} translit_mode;

/* `s` (UTF-8, sanitized: no control characters) as `mode` says; malloc'd,
 * NULL without memory. ICU is opened on first use; when it cannot be,
 * TRANSLIT_ASCII replaces each non-ASCII character with '?'. The result
 * may be longer than s (one glyph can become three characters). */
char *translit(const char *s, translit_mode mode);

#endif

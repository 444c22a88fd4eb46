/* textwidth.c: see textwidth.h. */
#include "teamtui/textwidth.h"

#include <string.h>
#include <wchar.h>

#include "teamtui/utf8.h"

static int cp_width(uint32_t cp)
{
	int w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w; /* unprintable: shown as one cell by curses */
}

size_t textwidth_fit(const char *s, size_t cols, char *out, size_t size)
{
	static const char ellipsis[] = "\xe2\x80\xa6"; /* U+2026, one column */
	size_t len = strlen(s), i = 0, w = 0;
	/* i: bytes that fit; keep going while the whole string fits */
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		size_t cw = (size_t)cp_width(cp);
		if (w + cw > cols || i + n + 1 > size)
			break;
		w += cw;
		i += n;
	}
	if (i == len) {
		memcpy(out, s, len + 1);
		return w;
	}
	/* too long: back off until the ellipsis fits too */
	if (!cols || size < sizeof(ellipsis)) {
		out[0] = '\0';
		return 0;
	}
	i = 0;
	w = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		size_t cw = (size_t)cp_width(cp);
		/* a zero-width mark belongs to the character before it */
		if (w + cw + 1 > cols && cw > 0)
			break;
		if (i + n + sizeof(ellipsis) > size)
			break;
		w += cw;
		i += n;
	}
	while (i > 0 && s[i - 1] == ' ') { /* "Technical …" reads as a word */
		i--;
		w--;
	}
	memcpy(out, s, i);
	memcpy(out + i, ellipsis, sizeof(ellipsis));
	return w + 1;
}

/* utf8.c: a strict decoder (no overlongs, no surrogates) and helpers. */
#include "teamtui/utf8.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

size_t utf8_decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t n;
	uint32_t v, min;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2; v = c & 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3; v = c & 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4; v = c & 0x07; min = 0x10000;
	} else {
		*cp = UTF8_REPLACEMENT;
		return 1;
	}
	if (len < n)
		goto bad;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			goto bad;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		goto bad;
	*cp = v;
	return n;
bad:
	*cp = UTF8_REPLACEMENT;
	return 1;
}

size_t utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* One step of validation: bytes of a good unit, or 0 when s starts bad. */
static size_t good_unit(const char *s, size_t len)
{
	unsigned char c = (unsigned char)s[0];
	if (c < 0x80)
		return (c >= 0x20 && c != 0x7F) || c == '\t' || c == '\n' || c == '\r';
	uint32_t cp;
	size_t n = utf8_decode(s, len, &cp);
	return cp == UTF8_REPLACEMENT && n == 1 ? 0 : n;
}

size_t utf8_first_bad(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		/* fast path: eight printable ASCII bytes at a time (no byte has
		 * the high bit set, and none is below 0x20 or is DEL) */
		while (i + 8 <= len) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			uint64_t high = w & 0x8080808080808080ull;
			uint64_t ctl = (w - 0x2020202020202020ull) & ~w &
				       0x8080808080808080ull;
			uint64_t del = ((w ^ 0x7F7F7F7F7F7F7F7Full) -
					0x0101010101010101ull) &
				       ~(w ^ 0x7F7F7F7F7F7F7F7Full) &
				       0x8080808080808080ull;
			if (high | ctl | del)
				break;
			i += 8;
		}
		if (i >= len)
			break;
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7F) {
			i++;
			continue;
		}
		size_t n = good_unit(s + i, len - i);
		if (!n)
			return i;
		i += n;
	}
	return len;
}

char *utf8_repair(const char *s, size_t len, size_t *outlen, size_t *nbad)
{
	/* worst case every byte becomes 3 bytes of U+FFFD */
	char *out = malloc(len * 3 + 1);
	if (!out)
		return NULL;
	size_t o = 0, bad = 0;
	for (size_t i = 0; i < len;) {
		size_t n = good_unit(s + i, len - i);
		if (n) {
			memcpy(out + o, s + i, n);
			o += n;
			i += n;
		} else {
			o += utf8_encode(UTF8_REPLACEMENT, out + o);
			bad++;
			i++;
		}
	}
	out[o] = '\0';
	*outlen = o;
	*nbad = bad;
	return out;
}

size_t utf8_width(const char *s)
{
	size_t w = 0, len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += utf8_decode(s + i, len - i, &cp);
		int cw = wcwidth((wchar_t)cp);
		if (cw > 0)
			w += (size_t)cw;
	}
	return w;
}

static bool codeset_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

static char user_codeset[64] = "UTF-8";

const char *utf8_user_codeset(void)
{
	return user_codeset;
}

bool utf8_locale_init(void)
{
	setlocale(LC_ALL, "");
	snprintf(user_codeset, sizeof(user_codeset), "%s", nl_langinfo(CODESET));
	if (codeset_is_utf8())
		return true;
	static const char *const fallbacks[] = {"C.UTF-8", "C.utf8", "en_US.UTF-8"};
	for (size_t i = 0; i < sizeof(fallbacks) / sizeof(*fallbacks); i++)
		if (setlocale(LC_CTYPE, fallbacks[i]) && codeset_is_utf8())
			return true;
	return false;
}

int utf8_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

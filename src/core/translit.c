/* translit.c: see translit.h. */
#include "teamtui/translit.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ICU is loaded on first use (latin_ascii); its names call through
 * icuso's table */
#define ICUSO_NAMES
#include "teamtui/icuso.h"
#include "teamtui/utf8.h"

/* The interface's glyphs and their ASCII look. */
static const struct {
	uint32_t cp;
	const char *ascii;
} glyphs[] = {
	{0x203a, ">"}, {0x2039, "<"}, {0x2502, "|"}, {0x2503, "|"}, {0x2500, "-"}, {0x2501, "-"},
	{0x2026, "..."}, {0x00b7, "-"}, {0x2022, "*"}, {0x2014, "--"},
	{0x2013, "-"}, {0x25b2, "^"}, {0x25bc, "v"}, {0x25b8, ">"},
	{0x25be, "v"}, {0x25cf, "+"}, {0x25cb, "-"}, {0x2192, "->"}, {0x2190, "<-"}, {0x2191, "^"},
	{0x2193, "v"}, {0x21b5, "<-'"}, {0x2713, "+"}, {0x00d7, "x"},
};

static const char *glyph(uint32_t cp)
{
	for (size_t i = 0; i < sizeof(glyphs) / sizeof(*glyphs); i++)
		if (glyphs[i].cp == cp)
			return glyphs[i].ascii;
	return NULL;
}

/* The glyphs replaced; every other character kept. */
static char *replace_glyphs(const char *s)
{
	size_t len = strlen(s), o = 0;
	char *out = malloc(len * 3 + 1); /* a 1-byte UTF-8 glyph never grows */
	if (!out)
		return NULL;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		const char *a = glyph(cp);
		if (a) {
			memcpy(out + o, a, strlen(a));
			o += strlen(a);
		} else {
			memcpy(out + o, s + i, n);
			o += n;
		}
		i += n;
	}
	out[o] = '\0';
	return out;
}

static UTransliterator *latin_ascii(void)
{
	static UTransliterator *tr;
	static int tried;
	if (!tried) {
		tried = 1;
		if (!icuso_load(NULL, 0)) /* as when ICU cannot open it */
			return NULL;
		UChar id[64];
		u_uastrcpy(id, "Any-Latin; Latin-ASCII");
		UErrorCode st = U_ZERO_ERROR;
		tr = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
		if (U_FAILURE(st))
			tr = NULL;
	}
	return tr;
}

/* s through ICU (NULL when ICU failed: the caller falls back on '?'). */
static char *icu_ascii(const char *s)
{
	UTransliterator *tr = latin_ascii();
	if (!tr)
		return NULL;
	UErrorCode st = U_ZERO_ERROR;
	int32_t n16 = 0;
	u_strFromUTF8(NULL, 0, &n16, s, -1, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		return NULL;
	for (int32_t cap = n16 * 4 + 16; cap > 0 && cap < (1 << 26); cap *= 2) {
		UChar *buf = malloc((size_t)cap * sizeof(UChar));
		if (!buf)
			return NULL;
		st = U_ZERO_ERROR;
		u_strFromUTF8(buf, cap, NULL, s, -1, &st);
		int32_t len = n16, limit = n16;
		if (U_SUCCESS(st))
			utrans_transUChars(tr, buf, &len, cap, 0, &limit, &st);
		if (st == U_BUFFER_OVERFLOW_ERROR) {
			free(buf);
			continue;
		}
		char *out = NULL;
		int32_t n8 = 0;
		if (U_SUCCESS(st)) {
			st = U_ZERO_ERROR;
			u_strToUTF8(NULL, 0, &n8, buf, len, &st);
			out = malloc((size_t)n8 + 1);
			st = U_ZERO_ERROR;
			if (out)
				u_strToUTF8(out, n8 + 1, NULL, buf, len, &st);
			if (out && U_FAILURE(st)) {
				free(out);
				out = NULL;
			}
		}
		free(buf);
		return out;
	}
	return NULL;
}

char *translit(const char *s, translit_mode mode)
{
	char *g = replace_glyphs(s);
	if (!g || mode == TRANSLIT_GLYPHS)
		return g;
	bool ascii = true;
	for (const char *p = g; *p && ascii; p++)
		ascii = !((unsigned char)*p & 0x80);
	if (ascii)
		return g;
	char *t = icu_ascii(g);
	const char *src = t ? t : g;
	size_t len = strlen(src), o = 0;
	char *out = malloc(len + 1);
	for (size_t i = 0; out && i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(src + i, len - i, &cp);
		out[o++] = cp < 0x80 ? (char)cp : '?';
		i += n;
	}
	if (out)
		out[o] = '\0';
	free(t);
	free(g);
	return out;
}

/* clipboard.c: OSC 52. */
#include "teamtui/clipboard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "teamtui/sanitize.h"

char *clipboard_base64(const unsigned char *d, size_t len)
{
	static const char tbl[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char *out = malloc((len + 2) / 3 * 4 + 1);
	if (!out)
		return NULL;
	size_t o = 0, i = 0;
	for (; i + 2 < len; i += 3) {
		unsigned v = (unsigned)d[i] << 16 | (unsigned)d[i + 1] << 8 | d[i + 2];
		out[o++] = tbl[v >> 18];
		out[o++] = tbl[(v >> 12) & 63];
		out[o++] = tbl[(v >> 6) & 63];
		out[o++] = tbl[v & 63];
	}
	if (i < len) {
		unsigned v = (unsigned)d[i] << 16 | (i + 1 < len ? (unsigned)d[i + 1] << 8 : 0);
		out[o++] = tbl[v >> 18];
		out[o++] = tbl[(v >> 12) & 63];
		out[o++] = i + 1 < len ? tbl[(v >> 6) & 63] : '=';
		out[o++] = '=';
	}
	out[o] = '\0';
	return out;
}

clipboard_wrap clipboard_wrap_from_env(void)
{
	const char *sty = getenv("STY"), *tmux = getenv("TMUX");
	return sty && *sty && !(tmux && *tmux) ? CLIPBOARD_GNU_SCREEN : CLIPBOARD_PLAIN;
}

enum { SCREEN_CHUNK = 76 }; /* what screen's DCS buffer surely holds */

char *clipboard_osc52(const char *text, clipboard_wrap wrap)
{
	char *clean = sanitize(text, SANITIZE_LINE);
	char *b64 = clean ? clipboard_base64((const unsigned char *)clean, strlen(clean))
			  : NULL;
	free(clean);
	if (!b64)
		return NULL;
	size_t n = strlen(b64) + 16;
	char *osc = malloc(n);
	if (osc)
		snprintf(osc, n, "\033]52;c;%s\a", b64);
	free(b64);
	if (!osc || wrap != CLIPBOARD_GNU_SCREEN)
		return osc;
	/* ESC P chunk ESC \, chunk after chunk: screen passes each on */
	size_t len = strlen(osc), chunks = (len + SCREEN_CHUNK - 1) / SCREEN_CHUNK;
	char *out = malloc(len + chunks * 4 + 1);
	if (out) {
		size_t o = 0;
		for (size_t i = 0; i < len; i += SCREEN_CHUNK) {
			size_t k = len - i < SCREEN_CHUNK ? len - i : SCREEN_CHUNK;
			memcpy(out + o, "\033P", 2);
			memcpy(out + o + 2, osc + i, k);
			memcpy(out + o + 2 + k, "\033\\", 2);
			o += k + 4;
		}
		out[o] = '\0';
	}
	free(osc);
	return out;
}

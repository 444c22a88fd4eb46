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

char *clipboard_osc52(const char *text, int tmux)
{
	char *clean = sanitize(text, SANITIZE_LINE);
	char *b64 = clean ? clipboard_base64((const unsigned char *)clean, strlen(clean))
			  : NULL;
	free(clean);
	if (!b64)
		return NULL;
	size_t n = strlen(b64) + 32;
	char *out = malloc(n);
	if (out) {
		if (tmux) /* tmux passthrough: ESC doubled inside DCS tmux; ... ST */
			snprintf(out, n, "\033Ptmux;\033\033]52;c;%s\a\033\\", b64);
		else
			snprintf(out, n, "\033]52;c;%s\a", b64);
	}
	free(b64);
	return out;
}

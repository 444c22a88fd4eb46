/* sanitize.c: strip escape sequences and controls, repair UTF-8. */
#include "teamtui/sanitize.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "teamtui/strbuf.h"
#include "teamtui/utf8.h"

/* Bidi embeddings, overrides, isolates and marks: a name could otherwise
 * flip the order of everything printed after it on the line. */
static bool is_bidi_control(uint32_t cp)
{
	return cp == 0x061C || cp == 0x200E || cp == 0x200F ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Skip a control string (OSC, DCS, SOS, PM, APC) body from s[i], up to and
 * including its terminator: BEL, ESC \ or the C1 ST (U+009C). */
static size_t skip_string(const char *s, size_t len, size_t i)
{
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (cp == 0x07 || cp == 0x9C)
			return i + n;
		if (cp == 0x1B && i + 1 < len && s[i + 1] == '\\')
			return i + 2;
		if (cp == 0x1B) /* a new sequence ends the string */
			return i;
		i += n;
	}
	return len;
}

/* Skip a CSI body from s[i]: parameter and intermediate bytes, then one
 * final byte. Anything else ends it early (and is handled normally). */
static size_t skip_csi(const char *s, size_t len, size_t i)
{
	while (i < len && (unsigned char)s[i] >= 0x20 &&
	       (unsigned char)s[i] <= 0x3F)
		i++;
	while (i < len && (unsigned char)s[i] >= 0x20 &&
	       (unsigned char)s[i] <= 0x2F)
		i++;
	if (i < len && (unsigned char)s[i] >= 0x40 && (unsigned char)s[i] <= 0x7E)
		i++;
	return i;
}

/* A control character as printable text: \x1b, \u{202e}. */
static size_t visible(uint32_t cp, char *out)
{
	return (size_t)sprintf(out, cp < 0x100 ? "\\x%02x" : "\\u{%04x}", (unsigned)cp);
}

static bool is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0xFEFF ||
	       is_bidi_control(cp);
}

/* A printable ASCII byte: what passes every gate unchanged. */
static bool plain(unsigned char c)
{
	return c >= 0x20 && c < 0x7F;
}

/* s[0..len) made clean into out, which has room for len * 8 + 1 bytes
 * (U+FFFD, 3 bytes, for every bad byte, or \u{hhhh}, 8, per control);
 * returns out. */
static char *sanitize_to(const char *s, size_t len, int flags, char *out)
{
	size_t o = 0;
	for (size_t i = 0; i < len;) {
		if (plain((unsigned char)s[i])) { /* the common case, at once */
			out[o++] = s[i++];
			continue;
		}
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		i += n;
		if ((flags & SANITIZE_VISIBLE) && is_control(cp) &&
		    !(cp == '\n' && (flags & SANITIZE_KEEP_LINES))) {
			o += visible(cp, out + o);
			continue;
		}
		if (cp == 0x1B) {
			unsigned char e = i < len ? (unsigned char)s[i] : 0;
			if (e == '[')
				i = skip_csi(s, len, i + 1);
			else if (e == ']' || e == 'P' || e == 'X' || e == '^' ||
				 e == '_')
				i = skip_string(s, len, i + 1);
			else if (e >= 0x20 && e <= 0x7E)
				i++; /* two-byte sequence such as ESC c */
			continue;
		}
		if (cp == 0x9B) {
			i = skip_csi(s, len, i);
			continue;
		}
		if (cp == 0x90 || cp == 0x9D || cp == 0x98 || cp == 0x9E ||
		    cp == 0x9F) {
			i = skip_string(s, len, i);
			continue;
		}
		if (cp == '\n' && (flags & SANITIZE_KEEP_LINES)) {
			out[o++] = '\n';
			continue;
		}
		if (cp == '\t' || cp == '\n' || cp == '\r') {
			out[o++] = ' ';
			continue;
		}
		if (is_control(cp))
			continue;
		o += utf8_encode(cp, out + o);
	}
	out[o] = '\0';
	return out;
}

char *sanitize(const char *s, int flags)
{
	if (!s)
		s = "";
	size_t len = strlen(s);
	char *out = malloc(len * 8 + 1);
	return out ? sanitize_to(s, len, flags, out) : NULL;
}

int sanitize_fputs(const char *s, FILE *out)
{
	return sanitize_fputs_flags(s, SANITIZE_LINE, out);
}

int sanitize_fputs_flags(const char *s, int flags, FILE *out)
{
	if (!s)
		s = "";
	/* printable ASCII goes out as it is (`teamtui org` prints 100,000
	 * lines); anything else through sanitize_to, in a buffer on the
	 * stack when the text is short */
	size_t len = 0;
	while (plain((unsigned char)s[len]))
		len++;
	if (!s[len])
		return fputs(s, out);
	len += strlen(s + len);
	char buf[2048];
	char *clean = len < (sizeof(buf) - 1) / 8 ? buf : malloc(len * 8 + 1);
	if (!clean)
		return EOF;
	int rc = fputs(sanitize_to(s, len, flags, clean), out);
	if (clean != buf)
		free(clean);
	return rc;
}

/* s[0..n) is all printable ASCII (0x20..0x7E), eight bytes at a time: a
 * byte below 0x20 sets its top bit in w - 0x20.., one of 0x7F or above in
 * w + 0x01.. or in w itself; a borrow or carry into the next byte comes
 * only from a byte that is already caught. */
static bool printable_ascii(const char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		if (((w - 0x20 * ones) | (w + ones) | w) & high)
			return false;
	}
	for (; i < n; i++)
		if (!plain((unsigned char)s[i]))
			return false;
	return true;
}

void sanitize_put(strbuf *b, const char *s, int flags)
{
	if (!s)
		return;
	size_t len = strlen(s);
	if (printable_ascii(s, len)) { /* sanitize would change nothing */
		strbuf_put(b, s, len);
		return;
	}
	if (len > (SIZE_MAX - 1) / 8 - b->n || !strbuf_reserve(b, len * 8))
		return;
	char *out = b->p + b->n;
	sanitize_to(s, len, flags, out);
	b->n += strlen(out);
}

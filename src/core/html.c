/* html.c: tag stripping and entity decoding for roster fragments. */
#include "teamtui/html.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "teamtui/utf8.h"

static const struct {
	const char *name;
	uint32_t cp;
} entities[] = {
	{"amp", '&'},	   {"lt", '<'},	       {"gt", '>'},
	{"quot", '"'},	   {"apos", '\''},     {"nbsp", ' '},
	{"ndash", 0x2013}, {"mdash", 0x2014},  {"hellip", 0x2026},
	{"lsquo", 0x2018}, {"rsquo", 0x2019},  {"ldquo", 0x201C},
	{"rdquo", 0x201D}, {"middot", 0x00B7}, {"copy", 0x00A9},
	{"reg", 0x00AE},   {"trade", 0x2122},  {"bull", 0x2022},
};

/* Decode one entity at s (s[0] == '&') into out (room for 4 bytes).
 * Returns the bytes consumed, 0 if it is not an entity we know. */
static size_t html_entity(const char *s, char *out, size_t *outlen)
{
	const char *semi = memchr(s, ';', strnlen(s, 12));
	if (!semi || semi - s < 3)
		return 0;
	size_t len = (size_t)(semi - s) + 1;
	uint32_t cp = 0;
	if (s[1] == '#') {
		bool hex = s[2] == 'x' || s[2] == 'X';
		const char *p = s + (hex ? 3 : 2);
		if (p == semi)
			return 0;
		for (; p < semi; p++) {
			int d;
			if (*p >= '0' && *p <= '9')
				d = *p - '0';
			else if (hex && *p >= 'a' && *p <= 'f')
				d = *p - 'a' + 10;
			else if (hex && *p >= 'A' && *p <= 'F')
				d = *p - 'A' + 10;
			else
				return 0;
			cp = cp * (hex ? 16 : 10) + (uint32_t)d;
			if (cp > 0x10FFFF)
				return 0;
		}
		/* white space stays white space; other controls and surrogates
		 * decode to nothing useful: refuse them */
		if (cp == '\t' || cp == '\n' || cp == '\r')
			cp = ' ';
		else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			cp = UTF8_REPLACEMENT;
	} else {
		size_t i, n = sizeof(entities) / sizeof(*entities);
		for (i = 0; i < n; i++)
			if (strlen(entities[i].name) == len - 2 &&
			    !memcmp(entities[i].name, s + 1, len - 2))
				break;
		if (i == n)
			return 0;
		cp = entities[i].cp;
	}
	*outlen = utf8_encode(cp, out);
	return len;
}

static bool is_block_tag(const char *tag)
{
	static const char *const blocks[] = {"li", "br", "p", "div", "tr",
					     "ul", "ol"};
	const char *t = tag + 1 + (tag[1] == '/');
	size_t n = strcspn(t, " \t\n/>");
	for (size_t i = 0; i < sizeof(blocks) / sizeof(*blocks); i++)
		if (strlen(blocks[i]) == n && !strncasecmp(t, blocks[i], n))
			return true;
	return false;
}

/* The end of a tag starting at s[0] == '<' (quotes may hide a '>'), or
 * NULL when this '<' does not open a tag (then it is text). */
static const char *tag_end(const char *s)
{
	if (!(s[1] == '/' || s[1] == '!' || ((s[1] | 0x20) >= 'a' &&
					      (s[1] | 0x20) <= 'z')))
		return NULL;
	char quote = 0;
	for (const char *p = s + 1; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '"' || *p == '\'') {
			quote = *p;
		} else if (*p == '>') {
			return p;
		}
	}
	return NULL;
}

char *html_to_text(const char *html, int keep_lines)
{
	size_t len = strlen(html);
	char *out = malloc(len + 1); /* decoding never grows the text */
	if (!out)
		return NULL;
	size_t o = 0;
	bool space = false; /* a fold is pending */
	for (const char *p = html; *p;) {
		char c = *p;
		char sep = 0;
		if (c == '<') {
			const char *end = tag_end(p);
			if (end) {
				if (is_block_tag(p))
					sep = keep_lines ? '\n' : ' ';
				else
					sep = 0;
				p = end + 1;
				if (sep == '\n') {
					while (o && out[o - 1] == ' ')
						o--;
					if (o && out[o - 1] != '\n')
						out[o++] = '\n';
					space = false;
				} else if (sep == ' ') {
					space = o && out[o - 1] != '\n';
				}
				continue;
			}
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = o && out[o - 1] != '\n';
			p++;
			continue;
		}
		char buf[4];
		size_t blen = 1, used = 1;
		buf[0] = c;
		if (c == '&' && !((used = html_entity(p, buf, &blen)) && blen <= used)) {
			buf[0] = c; /* not an entity we know: the '&' is text */
			blen = used = 1;
		}
		p += used;
		if (used > 1 && blen == 1 && buf[0] == ' ') { /* &nbsp; folds too */
			space = o && out[o - 1] != '\n';
			continue;
		}
		if (space) {
			out[o++] = ' ';
			space = false;
		}
		memcpy(out + o, buf, blen);
		o += blen;
	}
	while (o && (out[o - 1] == ' ' || out[o - 1] == '\n'))
		o--;
	out[o] = '\0';
	return out;
}

/* labelurl.c: see labelurl.h. */
#include "teamtui/labelurl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Our own percent-encoder, not libcurl's curl_easy_escape: every `show`
 * and group card builds label links, and libcurl is loaded only when
 * first needed (curlso.h), because loading it and the ~30 libraries it
 * brings (Debian builds them with BIND_NOW) costs 11 ms, measured, at each
 * start. The output is byte for byte curl_easy_escape's (7.88: A-Z a-z 0-9
 * - . _ ~ kept, every other byte %XX in upper case), which test-net
 * compares on all 256 bytes and on UTF-8 text. */
char *labelurl_escape(const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	if (len > ((size_t)-1 - 1) / 3)
		return NULL;
	char *out = malloc(len * 3 + 1), *o = out;
	if (!out)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
			*o++ = (char)c;
		} else {
			*o++ = '%';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
	}
	*o = '\0';
	return out;
}

/* Append "label_name[]=<escaped>" to a malloc'd string. */
static char *append_label(char *s, const char *sep, const char *label)
{
	if (!s)
		return NULL;
	char *esc = labelurl_escape(label, strlen(label));
	if (!esc) {
		free(s);
		return NULL;
	}
	size_t n = strlen(s) + strlen(sep) + strlen(esc) + 16;
	char *out = malloc(n);
	if (out)
		snprintf(out, n, "%s%slabel_name[]=%s", s, sep, esc);
	free(esc);
	free(s);
	return out;
}

char *labelurl_issues(const char *base, const char *label)
{
	return append_label(strdup(base), "?", label);
}

char *labelurl_project(const char *base, const char *project,
		       const char *const *labels, unsigned long nlabels)
{
	/* scheme://host of base */
	const char *host = strstr(base, "://");
	host = host ? host + 3 : base;
	size_t hlen = strcspn(host, "/");
	size_t n = (size_t)(host - base) + hlen + strlen(project) + 16;
	char *s = malloc(n);
	if (!s)
		return NULL;
	snprintf(s, n, "%.*s/%s/-/issues", (int)((size_t)(host - base) + hlen),
		 base, project);
	for (unsigned long i = 0; i < nlabels; i++)
		s = append_label(s, i ? "&" : "?", labels[i]);
	return s;
}

/* labelurl.c: percent-encoding is libcurl's (curl_easy_escape), not ours. */
#include "teamtui/labelurl.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

/* Append "label_name[]=<escaped>" to a malloc'd string. */
static char *append_label(char *s, const char *sep, const char *label)
{
	if (!s)
		return NULL;
	char *esc = curl_easy_escape(NULL, label, 0);
	if (!esc) {
		free(s);
		return NULL;
	}
	size_t n = strlen(s) + strlen(sep) + strlen(esc) + 16;
	char *out = malloc(n);
	if (out)
		snprintf(out, n, "%s%slabel_name[]=%s", s, sep, esc);
	curl_free(esc);
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

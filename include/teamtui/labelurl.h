/* labelurl: the issue-list link of a label, and of an OKR source. */
#ifndef TEAMTUI_LABELURL_H
#define TEAMTUI_LABELURL_H

#include <stddef.h>

/* The len bytes of s (NUL bytes included) percent-encoded as libcurl's
 * curl_easy_escape does, without loading libcurl: A-Z a-z 0-9 - . _ ~ as
 * they are, every other byte as %XX in upper case ("a b/\xc3\xa9" gives
 * "a%20b%2F%C3%A9"). malloc'd, NUL-terminated; NULL without memory. */
char *labelurl_escape(const char *s, size_t len);
/* base + "?label_name[]=" + the label percent-encoded; malloc'd. */
char *labelurl_issues(const char *base, const char *label);
/* https://HOST/PROJECT/-/issues?label_name[]=L1&label_name[]=L2, where
 * HOST comes from `base` (the roster's issues_url); malloc'd. */
char *labelurl_project(const char *base, const char *project,
		       const char *const *labels, unsigned long nlabels);

#endif

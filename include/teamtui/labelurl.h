/* labelurl: the issue-list link of a label, and of an OKR source. */
#ifndef TEAMTUI_LABELURL_H
#define TEAMTUI_LABELURL_H

/* base + "?label_name[]=" + the label percent-encoded; malloc'd. */
char *labelurl_issues(const char *base, const char *label);
/* https://HOST/PROJECT/-/issues?label_name[]=L1&label_name[]=L2, where
 * HOST comes from `base` (the roster's issues_url); malloc'd. */
char *labelurl_project(const char *base, const char *project,
		       const char *const *labels, unsigned long nlabels);

#endif

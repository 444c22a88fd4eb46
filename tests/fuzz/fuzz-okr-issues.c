/* fuzz-okr-issues: one page of GitLab's REST issue list, as
 * okr_parse_issues reads it (cJSON), then the list as the program uses it
 * (fz_check_okrs: display order, the disk cache's JSON round trip).
 *
 * Feeds: the input as the HTTP body, with its exact length (not NUL-
 * terminated, as libcurl hands it over).
 * Asserts: no memory error, leak or undefined behaviour; a failure
 * leaves a reason and adds no item; every item is typed "Issue"; what
 * fz_check_okrs checks. */
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"
#include "fuzz-okr.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *body = malloc(size ? size : 1);
	FZ_CHECK(body != NULL, "out of memory");
	if (size)
		memcpy(body, data, size);
	okr_list l = {0};
	char err[256] = "";
	bool ok = okr_parse_issues(body, size, &l, err, sizeof(err));
	FZ_CHECK(ok || (*err && !l.n), "failed without a reason, or with items");
	for (size_t i = 0; i < l.n; i++)
		FZ_CHECK(l.v[i].type && !strcmp(l.v[i].type, "Issue"),
			 "item %zu is not an Issue", i);
	fz_check_okrs(&l);
	okr_list_free(&l);
	free(body);
	return 0;
}

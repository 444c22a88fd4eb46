/* fuzz-okr-graphql: one page of GitLab's GraphQL workItems answer, as
 * okr_parse_graphql reads it (cJSON, a type check before every read),
 * then the list as the program uses it (fz_check_okrs: display order,
 * the disk cache's JSON round trip).
 *
 * Feeds: the input as the HTTP body, with its exact length (not NUL-
 * terminated, as libcurl hands it over).
 * Asserts: no memory error, leak or undefined behaviour; a failure
 * leaves a reason and no cursor; a cursor only with success; items
 * appended after the ones already in the list (a second page); what
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
	/* a copy of exactly `size` bytes, so reading past it is caught */
	char *body = malloc(size ? size : 1);
	FZ_CHECK(body != NULL, "out of memory");
	if (size)
		memcpy(body, data, size);
	okr_list l = {0};
	char *cursor = (char *)"unset", err[256] = "";
	bool ok = okr_parse_graphql(body, size, &l, &cursor, err, sizeof(err));
	FZ_CHECK(ok || (*err && !cursor), "failed without a reason, or with a cursor");
	size_t first = l.n;
	if (ok && cursor) { /* the next page appends */
		char *cursor2 = NULL;
		ok = okr_parse_graphql(body, size, &l, &cursor2, err, sizeof(err));
		FZ_CHECK(ok && l.n == 2 * first, "the same page twice: %zu items, not %zu",
			 l.n, 2 * first);
		FZ_CHECK(cursor2 && !strcmp(cursor, cursor2), "the cursor changed");
		free(cursor2);
	}
	free(cursor);
	fz_check_okrs(&l);
	okr_list_free(&l);
	free(body);
	return 0;
}

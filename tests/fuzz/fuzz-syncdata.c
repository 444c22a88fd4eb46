/* fuzz-syncdata: the check `teamtui sync` makes of downloaded bytes
 * before they may replace a file of the data directory (syncdata_check),
 * and the words it says of what passed (syncdata_describe).
 *
 * Feeds: the first byte picks the file (its value modulo 5: team.yml,
 * stages.yml, sections.yml, categories.yml, or a name teamtui does not
 * sync); the rest is the file's bytes, NULs and all.
 * Asserts: no memory error, leak or undefined behaviour; the same bytes
 * get the same verdict twice; a pass has a count of at least 1 (product
 * groups only for stages.yml) and no reason; a refusal has a reason of
 * one line, nothing counted, and a reason the output gate leaves clean;
 * an unknown name is always refused; the description of a pass is plain
 * ASCII and names the count. */
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"
#include "teamtui/datadir.h"
#include "teamtui/sanitize.h"
#include "teamtui/syncdata.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	int pick = data[0] % 5;
	const char *name = pick < DATADIR_NFILES ? datadir_files[pick] : "groups.yml";
	/* a copy of exactly the bytes: a read past them is ASan's to catch */
	size_t len = size - 1;
	char *buf = malloc(len ? len : 1);
	FZ_CHECK(buf != NULL, "out of memory");
	memcpy(buf, data + 1, len);

	syncdata_info a, b;
	char why[512], why2[512];
	bool ok = syncdata_check(name, buf, len, &a, why, sizeof(why));
	bool ok2 = syncdata_check(name, buf, len, &b, why2, sizeof(why2));
	FZ_CHECK(ok == ok2 && !strcmp(why, why2) && a.count == b.count && a.groups == b.groups,
		 "two verdicts on the same bytes differ: '%s' / '%s'", why, why2);
	FZ_CHECK(pick < DATADIR_NFILES || !ok, "%s passed", name);
	if (ok) {
		FZ_CHECK(!*why, "a pass with a reason: '%s'", why);
		FZ_CHECK(a.count >= 1, "%s passed with nothing counted", name);
		FZ_CHECK(pick == 1 || a.groups == 0, "%s counted groups", name);
		char words[256];
		syncdata_describe(name, &a, NULL, words, sizeof(words));
		for (const char *p = words; *p; p++)
			FZ_CHECK((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f,
				 "a description that is not plain ASCII: '%s'", words);
		FZ_CHECK(words[0] >= '1' && words[0] <= '9', "no count first: '%s'", words);
	} else {
		FZ_CHECK(*why, "a refusal without a reason");
		FZ_CHECK(!strpbrk(why, "\r\n"), "a reason of more than one line: '%s'", why);
		FZ_CHECK(a.count == 0 && a.groups == 0, "a refusal counted something");
		char *shown = sanitize(why, SANITIZE_VISIBLE);
		FZ_CHECK(shown != NULL, "out of memory");
		fz_check_clean(shown, 0, "the reason, as shown");
		free(shown);
	}
	free(buf);
	return 0;
}

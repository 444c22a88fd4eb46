/* fuzz-syncstate: DATA/.sync/state.json as `teamtui sync` reads it
 * (syncstate_parse), then writes it back (syncstate_format).
 *
 * Feeds: the input as state.json's bytes.
 * Asserts: no memory error, leak or undefined behaviour; a refusal has a
 * reason of one line and leaves an empty state; what is read back is fit
 * to send: every ETag and Last-Modified passes syncstate_header_ok (no
 * control character: no header injection), every key is 32 hex digits or
 * empty, sizes are -1 or more, times not negative; formatting a state and
 * reading the text again gives the same state (the round trip a sync
 * makes from one run to the next). */
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"
#include "teamtui/syncstate.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static bool same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static void check_fit(const syncstate *st)
{
	for (int i = 0; i < DATADIR_NFILES; i++) {
		const syncstate_file *f = &st->file[i];
		FZ_CHECK(!f->etag || syncstate_header_ok(f->etag), "an ETag unfit to send");
		FZ_CHECK(!f->last_modified || syncstate_header_ok(f->last_modified),
			 "a Last-Modified unfit to send");
		size_t k = strlen(f->key);
		FZ_CHECK(k == 0 || (k == 32 && strspn(f->key, "0123456789abcdef") == 32),
			 "a key of %zu characters: '%s'", k, f->key);
		FZ_CHECK(f->size >= -1, "size %lld", f->size);
		FZ_CHECK(f->synced >= 0 && f->checked >= 0, "a negative time");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size ? size : 1);
	FZ_CHECK(text != NULL, "out of memory");
	memcpy(text, data, size);
	syncstate st, again;
	char err[256];
	if (!syncstate_parse(text, size, &st, err, sizeof(err))) {
		FZ_CHECK(*err && !strpbrk(err, "\r\n"), "a refusal's reason: '%s'", err);
		for (int i = 0; i < DATADIR_NFILES; i++)
			FZ_CHECK(!st.file[i].source && !st.file[i].etag && !st.file[i].key[0],
				 "a refusal left a state");
		syncstate_free(&st);
		free(text);
		return 0;
	}
	check_fit(&st);
	char *out = syncstate_format(&st);
	FZ_CHECK(out != NULL, "out of memory");
	FZ_CHECK(syncstate_parse(out, strlen(out), &again, err, sizeof(err)),
		 "its own text is refused: %s", err);
	for (int i = 0; i < DATADIR_NFILES; i++) {
		const syncstate_file *a = &st.file[i], *b = &again.file[i];
		FZ_CHECK(same_str(a->source, b->source) && same_str(a->etag, b->etag) &&
			     same_str(a->last_modified, b->last_modified) &&
			     !strcmp(a->key, b->key) && a->size == b->size &&
			     a->synced == b->synced && a->checked == b->checked,
			 "file %d differs after the round trip", i);
	}
	free(out);
	syncstate_free(&st);
	syncstate_free(&again);
	free(text);
	return 0;
}

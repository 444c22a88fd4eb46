/* fuzz-sanitize: the output gate, sanitize(), with every combination of
 * its flags (SANITIZE_LINE, SANITIZE_KEEP_LINES, SANITIZE_VISIBLE), and
 * sanitize_fputs_flags to /dev/null, and sanitize_put after a prefix.
 *
 * Feeds: the input up to its first NUL as the untrusted string.
 * Asserts: no memory error, leak or undefined behaviour; what sanitize.h
 * promises: valid UTF-8, no C0/C1 control (a newline only with
 * SANITIZE_KEEP_LINES), no ESC and so no escape sequence, no bidi control,
 * no BOM; sanitizing is idempotent (a clean string passes unchanged);
 * without SANITIZE_VISIBLE the output is never longer than the input's
 * three bytes per byte (each bad byte becomes U+FFFD); sanitize_put
 * appends exactly what sanitize returns. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"
#include "teamtui/sanitize.h"
#include "teamtui/strbuf.h"

static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	devnull = fopen("/dev/null", "w");
	FZ_CHECK(devnull != NULL, "cannot open /dev/null");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fz_cstr(data, size);
	static const int flags[] = {
	    SANITIZE_LINE, SANITIZE_KEEP_LINES, SANITIZE_VISIBLE,
	    SANITIZE_KEEP_LINES | SANITIZE_VISIBLE};
	for (size_t i = 0; i < sizeof(flags) / sizeof(*flags); i++) {
		int f = flags[i];
		char *out = sanitize(s, f);
		FZ_CHECK(out != NULL, "sanitize: out of memory");
		fz_check_clean(out, f & SANITIZE_KEEP_LINES, "sanitize output");
		FZ_CHECK((f & SANITIZE_VISIBLE) || strlen(out) <= 3 * strlen(s),
			 "flags %d: output grew past 3 bytes a byte", f);
		strbuf b = {0};
		strbuf_put(&b, "> ", 2);
		sanitize_put(&b, s, f);
		FZ_CHECK(!b.oom && b.n == 2 + strlen(out) && !strcmp(b.p + 2, out),
			 "flags %d: sanitize_put differs from sanitize", f);
		free(b.p);
		char *again = sanitize(out, f);
		FZ_CHECK(again && !strcmp(out, again),
			 "flags %d: sanitize is not idempotent", f);
		free(again);
		free(out);
		FZ_CHECK(sanitize_fputs_flags(s, f, devnull) != EOF,
			 "sanitize_fputs_flags failed");
	}
	char *null_in = sanitize(NULL, SANITIZE_LINE);
	FZ_CHECK(null_in && !*null_in, "sanitize(NULL) is not \"\"");
	free(null_in);
	free(s);
	return 0;
}

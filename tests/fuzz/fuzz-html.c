/* fuzz-html: the role/expertise HTML stripper and entity decoder,
 * html_to_text, in both modes (keep_lines 0: one line; 1: block tags
 * become line breaks).
 *
 * Feeds: the input up to its first NUL as the HTML fragment.
 * Asserts: no memory error, leak or undefined behaviour; the text is
 * never longer than the HTML (the allocation relies on it); white space
 * is folded as documented: no leading or trailing space or newline, no
 * two spaces in a row, no space next to a newline, no empty line, no
 * newline at all in one-line mode; decoding is deterministic. */
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"
#include "teamtui/html.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static void check_text(const char *html, const char *t, int keep_lines)
{
	size_t n = strlen(t);
	FZ_CHECK(n <= strlen(html), "text (%zu bytes) longer than the HTML (%zu)",
		 n, strlen(html));
	if (!n)
		return;
	FZ_CHECK(t[0] != ' ' && t[0] != '\n' && t[n - 1] != ' ' &&
		     t[n - 1] != '\n',
		 "keep_lines=%d: untrimmed ends in '%s'", keep_lines, t);
	FZ_CHECK(!strstr(t, "  "), "keep_lines=%d: two spaces in '%s'",
		 keep_lines, t);
	FZ_CHECK(!strstr(t, " \n") && !strstr(t, "\n ") && !strstr(t, "\n\n"),
		 "keep_lines=%d: line not trimmed or empty in '%s'", keep_lines, t);
	FZ_CHECK(keep_lines || !strchr(t, '\n'), "newline in one-line text '%s'",
		 t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *html = fz_cstr(data, size);
	for (int keep = 0; keep <= 1; keep++) {
		char *t = html_to_text(html, keep);
		FZ_CHECK(t != NULL, "html_to_text: out of memory");
		check_text(html, t, keep);
		char *again = html_to_text(html, keep);
		FZ_CHECK(again && !strcmp(t, again), "html_to_text is not deterministic");
		free(again);
		free(t);
	}
	free(html);
	return 0;
}

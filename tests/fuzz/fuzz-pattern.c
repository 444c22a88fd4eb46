/* fuzz-pattern: the RE2-syntax gate and the matcher: pattern_re2_problem,
 * pattern_compile, pattern_required and pattern_match, checked against
 * PCRE2 itself (compiled here with the same options and limits, matched
 * without pattern.c's literal pre-check).
 *
 * Feeds: the input up to its first NUL; its first line is the regex,
 * the rest the subject (no newline: the regex's text is the subject too).
 * Each regex is also matched against a few fixed roles.
 * Asserts: no memory error, leak or undefined behaviour; the gate and
 * pattern_compile agree (a refused pattern fails to compile with the
 * gate's message at the gate's offset + 1; a compiled one passed the
 * gate); offsets lie within the pattern; the required literal is text of
 * the pattern; the pre-check is sound: whenever PCRE2 matches a subject
 * that is valid UTF-8, pattern_match matches it too (or gives up at the
 * limit). */
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "fuzz-common.h"
#include "teamtui/pattern.h"
#include "teamtui/utf8.h"

/* pattern.c's options and limits (see there) */
enum { MATCH_LIMIT = 200000, DEPTH_LIMIT = 10000 };
static const uint32_t OPTIONS = PCRE2_UTF | PCRE2_DOLLAR_ENDONLY |
				PCRE2_NEVER_BACKSLASH_C | PCRE2_MATCH_INVALID_UTF;

static pcre2_match_context *mctx;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	mctx = pcre2_match_context_create(NULL);
	FZ_CHECK(mctx != NULL, "out of memory");
	pcre2_set_match_limit(mctx, MATCH_LIMIT);
	pcre2_set_depth_limit(mctx, DEPTH_LIMIT);
	return 0;
}

/* PCRE2's own answer: 1 match, 0 no match, -1 gave up. */
static int reference(pcre2_code *code, const char *subject)
{
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(code, NULL);
	FZ_CHECK(md != NULL, "out of memory");
	int rc = pcre2_match(code, (PCRE2_SPTR)subject, strlen(subject), 0, 0,
			     md, mctx);
	pcre2_match_data_free(md);
	return rc >= 0 ? 1 : rc == PCRE2_ERROR_NOMATCH ? 0 : -1;
}

static void compare(const pattern *p, pcre2_code *code, const char *re,
		    const char *subject)
{
	/* Every subject teamtui matches is a role from YAML, which libyaml
	 * only reads as valid UTF-8. On invalid UTF-8 PCRE2 10.42's
	 * interpreter and its JIT disagree (/\B/ on "D\xd4": the JIT
	 * matches at 2, the interpreter does not), and pattern.c interprets
	 * a regex's first matches: no reference answer there. */
	if (utf8_first_bad(subject, strlen(subject)) != strlen(subject))
		return;
	pattern_result got = pattern_match(p, subject, strlen(subject));
	int want = reference(code, subject);
	if (got == PATTERN_LIMIT || want < 0)
		return;
	FZ_CHECK((got == PATTERN_MATCH) == (want == 1),
		 "/%s/ on '%s': pattern_match says %d, PCRE2 says %d (required "
		 "literal '%s')", re, subject, (int)got, want,
		 pattern_required(p) ? pattern_required(p) : "(none)");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *re = fz_cstr(data, size);
	char *nl = strchr(re, '\n');
	const char *subject = re;
	if (nl) {
		*nl = '\0';
		subject = nl + 1;
	}
	size_t relen = strlen(re);

	size_t off = (size_t)-1;
	const char *problem = pattern_re2_problem(re, &off);
	FZ_CHECK(!problem || off < relen || (relen == 0 && off == 0),
		 "gate offset %zu past the pattern (%zu bytes)", off, relen);

	char err[256] = "";
	size_t erroff = (size_t)-1;
	pattern *p = pattern_compile(re, err, sizeof(err), &erroff);
	if (problem) {
		FZ_CHECK(!p, "/%s/ compiled although the gate says: %s", re, problem);
		FZ_CHECK(!strcmp(err, problem), "error '%s', gate said '%s'", err,
			 problem);
		FZ_CHECK(erroff == off + 1, "error offset %zu, gate offset %zu",
			 erroff, off);
	}
	if (!p) {
		FZ_CHECK(*err, "compile failed without a message");
		FZ_CHECK(erroff <= relen + 1, "error offset %zu past the pattern",
			 erroff);
		free(re);
		return 0;
	}
	const char *req = pattern_required(p);
	FZ_CHECK(!req || (strlen(req) >= 3 && strstr(re, req)),
		 "required literal '%s' is not text of /%s/", req, re);

	int code_err;
	PCRE2_SIZE eoff;
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED,
					 OPTIONS, &code_err, &eoff, NULL);
	FZ_CHECK(code != NULL, "/%s/: pattern_compile accepts what PCRE2 refuses",
		 re);
	pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
	static const char *const roles[] = {
	    "", "Senior Backend Engineer, Create:Custom Models",
	    "<a href=\"/job-families/\">Engineering Manager</a>, Custom Models",
	    "Product Manager, Duo Chat", "Frontend Engineer (Ａｓｉａ) — 日本"};
	compare(p, code, re, subject);
	for (size_t i = 0; i < sizeof(roles) / sizeof(*roles); i++)
		compare(p, code, re, roles[i]);
	pcre2_code_free(code);
	pattern_free(p);
	free(re);
	return 0;
}

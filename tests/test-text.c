/* test-text.c: the text helpers: HTML to plain text, the output sanitizer,
 * UTF-8 widths, the RE2 syntax gate, the literal index, "did you mean". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "teamtui/html.h"
#include "teamtui/litindex.h"
#include "teamtui/pattern.h"
#include "teamtui/sanitize.h"
#include "teamtui/strbuf.h"
#include "teamtui/suggest.h"
#include "teamtui/utf8.h"

static void html(const char *in, int lines, const char *want, const char *name)
{
	char *got = html_to_text(in, lines);
	tap_is_str(got, want, name);
	free(got);
}

/* sanitize(in, flags) is want, and sanitize_put appends the same to what
 * a buffer holds (the org's lines are made so) */
static void clean(const char *in, int flags, const char *want, const char *name)
{
	char *got = sanitize(in, flags);
	tap_is_str(got, want, name);
	free(got);
	strbuf b = {0};
	strbuf_put(&b, "> ", 2);
	sanitize_put(&b, in, flags);
	char *with = strbuf_concat("> ", want);
	tap_ok(!b.oom && b.p && with && !strcmp(b.p, with) && b.n == strlen(with),
	       "%s (sanitize_put)", name);
	free(with);
	free(b.p);
}

static void re2(const char *re, const char *want, const char *name)
{
	size_t off;
	tap_is_str(pattern_re2_problem(re, &off), want, name);
}


/* What litindex_scan reports, as "id@end" items joined by spaces (end:
 * the byte offset just past the occurrence, found by brute force). */
struct hits {
	char buf[4096];
	size_t n;
	const char *const *lits;
	const char *text;
	size_t at; /* set by the brute-force side */
};

static void on_hit(void *ctx, size_t id)
{
	struct hits *h = ctx;
	h->n += (size_t)snprintf(h->buf + h->n, sizeof(h->buf) - h->n, "%s%zu",
				 h->n ? " " : "", id);
}

/* Every occurrence by brute force, in the order Aho-Corasick reports them:
 * by where it ends, then longest first (the state, then its dictionary
 * suffixes), equal literals in id order. */
static void brute(const char *const *lits, size_t n, const char *text,
		  size_t len, char *out, size_t size)
{
	size_t o = 0;
	out[0] = '\0';
	for (size_t end = 1; end <= len; end++)
		for (size_t l = end; l >= 1; l--)
			for (size_t i = 0; i < n; i++)
				if (lits[i] && strlen(lits[i]) == l &&
				    !memcmp(text + end - l, lits[i], l))
					o += (size_t)snprintf(out + o, size - o, "%s%zu",
							      o ? " " : "", i);
}

static void lit_case(const char *const *lits, size_t n, const char *text,
		     const char *want, const char *name)
{
	litindex *ix = litindex_new(lits, n);
	struct hits h = {.n = 0};
	h.buf[0] = '\0';
	if (ix)
		litindex_scan(ix, text, strlen(text), on_hit, &h);
	tap_is_str(ix ? h.buf : "(out of memory)", want, name);
	litindex_free(ix);
}

static void test_litindex(void)
{
	/* the textbook example: he, she, his, hers in "ushers" */
	const char *const abc[] = {"he", "she", "his", "hers"};
	lit_case(abc, 4, "ushers", "1 0 3", "ushers: she and he end together, then hers");
	lit_case(abc, 4, "", "", "an empty text has no occurrence");
	lit_case(abc, 4, "xyz", "", "a text with none");
	lit_case(abc, 4, "hishe hers", "2 1 0 0 3", "every occurrence, repeats too");
	const char *const eq[] = {"Create:Code Review", NULL, "", "Create:Code Review", "Code"};
	lit_case(eq, 5, "Backend Engineer, Create:Code Review, Foo",
		 "4 0 3", "equal literals each under their id; NULL and empty skipped");
	const char *const nested[] = {"a", "aa", "aaa"};
	lit_case(nested, 3, "aaaa", "0 1 0 2 1 0 2 1 0",
		 "nested suffixes: every one at every end");
	const char *const utf[] = {"Montr\xc3\xa9", "\303\251al", "\xa9"};
	lit_case(utf, 3, "Montr\xc3\xa9" "al", "0 2 1", "UTF-8 bytes, split sequences too");
	litindex *none = litindex_new(NULL, 0);
	tap_ok(none && litindex_states(none) == 1, "no literals: the root alone");
	struct hits h = {.n = 0};
	if (none)
		litindex_scan(none, "abc", 3, on_hit, &h);
	tap_ok(h.n == 0, "no literals: no hits");
	litindex_free(none);
	/* a thousand random literals over a small alphabet, against brute force */
	unsigned seed = 12345;
	size_t agree = 0, total = 0;
	for (int round = 0; round < 40; round++) {
		enum { NL = 60 };
		char store[NL][8];
		const char *lits[NL];
		for (size_t i = 0; i < NL; i++) {
			seed = seed * 1103515245u + 12345u;
			size_t l = 1 + (seed >> 16) % 6;
			for (size_t k = 0; k < l; k++) {
				seed = seed * 1103515245u + 12345u;
				store[i][k] = "abc,"[(seed >> 16) % 4];
			}
			store[i][l] = '\0';
			lits[i] = store[i];
		}
		char text[64];
		for (size_t k = 0; k < 40; k++) {
			seed = seed * 1103515245u + 12345u;
			text[k] = "abc,"[(seed >> 16) % 4];
		}
		text[40] = '\0';
		static char want[1 << 16];
		brute(lits, NL, text, 40, want, sizeof(want));
		litindex *ix = litindex_new(lits, NL);
		static struct hits got;
		got.n = 0;
		got.buf[0] = '\0';
		if (ix)
			litindex_scan(ix, text, 40, on_hit, &got);
		/* compare as multisets per end: brute's order within one end
		 * is by length, AC's too, so the strings agree exactly */
		total++;
		agree += ix && got.n < sizeof(got.buf) - 1 && !strcmp(got.buf, want);
		litindex_free(ix);
	}
	tap_ok(agree == total, "40 random literal sets: every occurrence, as brute force finds (%zu/%zu)",
	       agree, total);
}

int main(void)
{
	test_litindex();
	html("<a href=\"/job-families/x/\">Senior Backend Engineer</a>, Create:Source Code",
	     0, "Senior Backend Engineer, Create:Source Code", "role with a link");
	html("<a href='/x'>Manager</a>,\n  Plan:Knowledge", 0,
	     "Manager, Plan:Knowledge", "single quotes, folded white space");
	html("<a href=\"a>b\">Q</a>", 0, "Q", "a '>' inside a quoted attribute");
	html("R&amp;D &lt;b&gt; &#233;t&#xE9; &nbsp;x &bogus; &#0;", 0,
	     "R&D <b> été x &bogus; \xef\xbf\xbd", "entities; unknown kept; controls refused");
	html("a < b and 3<4", 0, "a < b and 3<4", "a lone '<' is text");
	html("<li>GraphQL</li><li><a href=\"/h\">Merge request coach</a></li>", 1,
	     "GraphQL\nMerge request coach", "<li> items become lines");
	html("  <ul> <li> x </li> </ul> ", 1, "x", "empty items and blanks trimmed");

	clean("plain ünïcödé 名前", 0, "plain ünïcödé 名前", "text passes unchanged");
	clean("a\x1b[31mred\x1b[0m b", 0, "ared b", "CSI colour sequences removed");
	clean("x\x1b]0;evil title\x07y", 0, "xy", "OSC with BEL removed");
	clean("x\x1b]52;c;ZXZpbA==\x1b\\y", 0, "xy", "OSC 52 clipboard write with ST removed");
	clean("x\x1bPqdata\x1b\\y\x1b" "cz", 0, "xyz", "DCS and ESC c removed");
	clean("a\xc2\x9b" "2Jb\xc2\x85" "c", 0, "abc", "C1 CSI and NEL removed");
	clean("r\xe2\x80\xaetl\xe2\x81\xa6x\xe2\x80\x8f", 0, "rtlx", "bidi controls removed");
	clean("tab\there\nnl\r\x7f\x01", 0, "tab here nl ", "C0 and DEL: tab/newline to space, rest dropped");
	clean("one\ntwo", SANITIZE_KEEP_LINES, "one\ntwo", "newlines kept on request");
	clean("bad\xff\xc0\x80z", 0, "bad\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdz",
	      "invalid and overlong UTF-8 become U+FFFD");
	clean("\x1b[", 0, "", "a truncated sequence at the end");
	clean(NULL, 0, "", "NULL is empty");

	utf8_locale_init();
	tap_is_int((long long)utf8_width("abc"), 3, "ASCII width");
	tap_is_int((long long)utf8_width("山田 花子"), 9, "CJK is double width");
	tap_is_int((long long)utf8_width("Ame\xcc\x81lie"), 6, "a combining mark has no width");
	tap_is_int((long long)utf8_width("ليلى"), 4, "Arabic letters are single width");
	tap_is_int((long long)utf8_width("\xff"), 1, "an invalid byte counts as U+FFFD");

	re2("Engineering Manager(.*)Custom Models", NULL, "the handbook's pattern is RE2");
	re2("(?i)backend|(?P<x>a)[[:alpha:]]{2,3}?\\d\\pL", NULL, "flags, names, classes, lazy counts");
	re2("a{2}+", "possessive quantifiers are not RE2 syntax", "possessive count");
	re2("a}+", NULL, "a literal brace may be repeated");
	re2("[(?=]x", NULL, "inside a class (?= is literal");
	re2("\\Q(?=\\E", NULL, "inside \\Q..\\E (?= is literal");
	re2("(?!x)", "lookaround, atomic groups and other (? constructs are not RE2 syntax", "negative lookahead");
	re2("(?<=x)", "lookaround, atomic groups and other (? constructs are not RE2 syntax", "lookbehind");
	re2("(?>x)", "lookaround, atomic groups and other (? constructs are not RE2 syntax", "atomic group");
	re2("a**", "invalid nested repetition operator", "nested repetition");
	re2("a*+", "possessive quantifiers are not RE2 syntax", "possessive star");
	re2("(a)\\1", "backreferences are not RE2 syntax", "backreference");
	re2("\\Z", "this escape is not RE2 syntax", "\\Z");
	re2("[\\h]", "this escape is not RE2 syntax", "escapes inside a class are checked");
	re2("[\\1]", "backreferences are not RE2 syntax", "\\1 inside a class");
	re2("\\12\\v", NULL, "octal \\12 and \\v are RE2");
	re2("(*UCP)\\bx", "(* verbs are not RE2 syntax", "PCRE verbs");
	re2("a{1001}", "repeat count over 1000", "RE2's repeat limit");
	re2("a{2,1001}", "repeat count over 1000", "RE2's repeat limit, upper bound");
	re2("a{2,1000}", NULL, "1000 is allowed");

	static const struct {
		const char *re, *want;
	} lits[] = {
		{"Engineering Manager(.*)Custom Models", "Engineering Manager"},
		{"Manage:Source Code 1(,|$)", "Manage:Source Code 1"},
		{"Backend Engineers?", "Backend Engineer"},
		{"(?i)custom models", NULL},
		{"Custom Models|Duo Chat", NULL},
		{"a.b", NULL},
	};
	for (size_t i = 0; i < sizeof(lits) / sizeof(*lits); i++) {
		char err[128];
		size_t off;
		pattern *p = pattern_compile(lits[i].re, err, sizeof(err), &off);
		char name[128];
		snprintf(name, sizeof(name), "required literal of '%s'", lits[i].re);
		tap_is_str(p ? pattern_required(p) : "(invalid)", lits[i].want, name);
		pattern_free(p);
	}

	static const char *const ids[] = {"custom-models", "duo-chat", "code-review",
					  "source-code", "gitaly"};
	const char *out[3];
	size_t n = suggest_closest("custom-model", ids, 5, out, 3);
	tap_ok(n == 1 && !strcmp(out[0], "custom-models"), "typo: closest id");
	n = suggest_closest("code", ids, 5, out, 3);
	tap_ok(n == 2 && !strcmp(out[0], "code-review") && !strcmp(out[1], "source-code"),
	       "substring: both ids containing it");
	n = suggest_closest("zzzzzzzz", ids, 5, out, 3);
	tap_is_int((long long)n, 0, "nothing close: no suggestion");

	/* The literal pre-check must never reject what the regex matches
	 * (found by tests/fuzz/fuzz-pattern): escapes, counted repeats and
	 * POSIX-looking text are not literal text, and an optional
	 * character is dropped whole, not its last byte. */
	static const struct {
		const char *re, *subject, *literal;
	} sound[] = {
		{"\\x{0041}BCD", "ABCD", "BCD"},
		{"\\101BCD", "ABCD", "BCD"},
		{"\\012abc", "\nabc", "abc"},
		{"\\p{Greek}+abc", "\xce\xb1" "abc", "abc"},
		{"xa{2,300}", "xaa", NULL},
		{"a{100}", NULL, NULL}, /* subject: 100 a's */
		{"Ingenieur\xc3\xa9?", "Ingenieur", "Ingenieur"},
		{"\\Q)\\E(abcd\\Q(\\E|x)", ")x", NULL},
		{"abcd[[:]|x[:]]", "x:]", NULL},
		/* a stray \E is a no-op: the * repeats the d (fuzz-pattern) */
		{"Frd\\E*", "Frontend", NULL},
	};
	for (size_t i = 0; i < sizeof(sound) / sizeof(*sound); i++) {
		char err[128], name[160], subject[101];
		size_t off;
		if (sound[i].subject) {
			snprintf(subject, sizeof(subject), "%s", sound[i].subject);
		} else {
			memset(subject, 'a', 100);
			subject[100] = '\0';
		}
		pattern *p = pattern_compile(sound[i].re, err, sizeof(err), &off);
		snprintf(name, sizeof(name), "/%s/ matches its example", sound[i].re);
		tap_ok(p && pattern_match(p, subject, strlen(subject)) == PATTERN_MATCH,
		       "%s", name);
		snprintf(name, sizeof(name), "required literal of /%s/", sound[i].re);
		tap_is_str(p ? pattern_required(p) : "(invalid)", sound[i].literal, name);
		pattern_free(p);
	}
	return tap_done();
}

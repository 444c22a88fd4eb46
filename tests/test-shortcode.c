/* test-shortcode: the Hugo shortcode lexer (src/core/shortcode.c).
 *
 * Most cases are Hugo's own: the lexer table of
 * parser/pageparser/pageparser_shortcode_test.go (shortCodeLexerTests,
 * cited by their Go names) and hugolib/shortcode_test.go (before Hugo
 * moved its integration tests, a2469d504^: TestExtractShortcodes,
 * TestShortcodeParams, ...). Where Hugo has no test, the expected value
 * is what Hugo's lexer (the Go code of pagelexer*.go, run on the input)
 * gives. Error positions are Hugo's item position (l.start when errorf
 * runs; for extractShortcode errors the call's "{{").
 *
 * A page is checked as one string, see describe(): calls joined by " | ",
 * each as
 *   NAME DELIM [/close] [self] [named] @LINE:COL PARAMS...
 * with each parameter as [NAME=]`VALUE`TYPE[q]@LINE:COL (TYPE: s string,
 * b bool, i int, f float; q: quoted), then, on failure,
 *   ! LINE:COL@OFFSET MESSAGE */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "teamtui/arena.h"
#include "teamtui/shortcode.h"

static arena *A;

/* growing string for describe() */
typedef struct {
	char *s;
	size_t len, cap;
} buf;

static void put(buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		if (!b->s)
			abort();
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void puts_(buf *b, const char *s)
{
	put(b, s, strlen(s));
}

static void putf(buf *b, const char *fmt, int x, int y)
{
	char tmp[64];
	snprintf(tmp, sizeof(tmp), fmt, x, y);
	puts_(b, tmp);
}

static const char *describe(const sc_page *p)
{
	static char *last;
	buf b = {0};
	puts_(&b, "");
	for (size_t i = 0; i < p->ncalls; i++) {
		const sc_call *c = &p->calls[i];
		if (i)
			puts_(&b, " | ");
		puts_(&b, c->name);
		puts_(&b, c->markup ? " %" : " <");
		if (c->closing)
			puts_(&b, " /close");
		if (c->self_closing)
			puts_(&b, " self");
		if (c->named)
			puts_(&b, " named");
		putf(&b, " @%d:%d", c->line, c->col);
		for (size_t j = 0; j < c->nparams; j++) {
			const sc_param *q = &c->params[j];
			puts_(&b, " ");
			if (q->name) {
				puts_(&b, q->name);
				puts_(&b, "=");
			}
			puts_(&b, "`");
			for (size_t k = 0; k < q->len; k++) {
				if (q->value[k] == '\0')
					puts_(&b, "\\0");
				else
					put(&b, q->value + k, 1);
			}
			puts_(&b, "`");
			puts_(&b, (const char *[]){"s", "b", "i", "f"}[q->type]);
			if (q->quoted)
				puts_(&b, "q");
			putf(&b, "@%d:%d", q->line, q->col);
		}
	}
	if (p->failed) {
		char tmp[64];
		snprintf(tmp, sizeof(tmp), "%s! %d:%d@%zu ", p->ncalls ? " " : "",
			 p->error_line, p->error_col, p->error_offset);
		puts_(&b, tmp);
		puts_(&b, p->error);
	}
	free(last);
	last = b.s;
	return b.s;
}

static sc_page scan_n(const char *s, size_t n, int first_line)
{
	sc_page p;
	if (!shortcode_scan(s, n, first_line, A, &p))
		tap_ok(0, "shortcode_scan ran out of memory");
	return p;
}

static sc_page scan(const char *s)
{
	return scan_n(s, strlen(s), 1);
}

/* describe(scan(in)) == want */
static void is(const char *in, const char *want, const char *name)
{
	sc_page p = scan(in);
	tap_is_str(describe(&p), want, name);
}

#define MIX " Cannot mix named and positional parameters"
#define UNREC(c) "unrecognized character in shortcode action: " c ". Note: " \
	"Parameters with non-alphanumeric args must be quoted"

/* shortCodeLexerTests, pageparser_shortcode_test.go */
static void hugo_lexer_table(void)
{
	is("", "", "empty");
	is(" \t\n", "", "spaces");
	is("to be or not", "", "text");
	is("{{< sc1 >}}", "sc1 < @1:1", "no markup");
	is("{{< sc1 \n >}}", "sc1 < @1:1", "with EOL");
	is("{{< sc/sub >}}", "sc/sub < @1:1", "forward slash inside name");
	is("{{% sc1 %}}", "sc1 % @1:1", "simple with markup");
	is("{{<     sc1     >}}", "sc1 < @1:1", "with spaces");
	is("Hello\n    {{% sc1 %}}", "sc1 % @2:5", "indented on new line");
	is("Hello\n\t{{% sc1 %}}", "sc1 % @2:2", "indented on new line tab");
	is("{{< sc1 %}}", "! 1:9@8 " UNREC("U+0025 '%'"), "mismatched rightDelim");
	is("{{% sc1 %}} inner {{% /sc1 %}}", "sc1 % @1:1 | sc1 % /close @1:19",
	   "inner, markup");
	is("{{< /sc1 >}}", "! 1:5@4 got closing shortcode, but none is open",
	   "close, but no open");
	is("{{< sc1 >}}{{< /another >}}",
	   "sc1 < @1:1 ! 1:17@16 closing tag for shortcode 'another' does not "
	   "match start tag",
	   "close wrong");
	is("{{< sc1 >}}{{< /sc1 >}}{{< /another >}}",
	   "sc1 < @1:1 | sc1 < /close @1:12 ! 1:29@28 closing tag for shortcode "
	   "'another' does not match start tag",
	   "close, but no open, more");
	is("{{< sc1 >}}{{< /sc1 keyword>}}",
	   "sc1 < @1:1 ! 1:21@20 unclosed shortcode", "close with extra keyword");
	is("{{< sc1 3.14 >}}", "sc1 < @1:1 `3.14`f@1:9", "float param, positional");
	is("{{< sc1 param1=3.14 >}}", "sc1 < named @1:1 param1=`3.14`f@1:16",
	   "float param, named");
	is("{{< sc1 param1=`Hello World` >}}",
	   "sc1 < named @1:1 param1=`Hello World`sq@1:16",
	   "named param, raw string");
	is("{{< sc1 param1= 3.14 >}}", "sc1 < named @1:1 param1=`3.14`f@1:17",
	   "float param, named, space before");
	is("{{< sc1 -ziL-Q_456igdO-4 >}}", "sc1 < @1:1 `-ziL-Q_456igdO-4`s@1:9",
	   "Youtube id");
	is("{{< sc1 \"-ziL-.%QigdO-4\" >}}", "sc1 < @1:1 `-ziL-.%QigdO-4`sq@1:9",
	   "non-alphanumerics param quoted");
	is("{{< sc1`Hello World` >}}", "sc1 < @1:1 `Hello World`sq@1:8",
	   "raw string");
	is("{{< sc1`Hello \n\tWorld` >}}", "sc1 < @1:1 `Hello \n\tWorld`sq@1:8",
	   "raw string with newline");
	is("{{< sc1`Hello \\b World` >}}", "sc1 < @1:1 `Hello \\b World`sq@1:8",
	   "raw string with escape character");
	is("{{< sc1 param1   param2 >}}",
	   "sc1 < @1:1 `param1`s@1:9 `param2`s@1:18", "two params");
	is("{{< sc1 />}}", "sc1 < self @1:1", "self-closing");
	is("{{< sc1 />}}{{< sc1 />}}", "sc1 < self @1:1 | sc1 < self @1:13",
	   "multiple self-closing");
	is("{{< sc1 param1 />}}", "sc1 < self @1:1 `param1`s@1:9",
	   "self-closing with param");
	is("{{< sc1 / keyword>}}",
	   "! 1:11@10 closing tag for shortcode 'keyword' does not match start tag",
	   "self-closing with extra keyword");
	is("{{< sc1 >}}ab{{% sc2 param1 %}}cd{{< sc3 >}}ef{{< /sc3 >}}gh"
	   "{{% /sc2 %}}ij{{< /sc1 >}}kl",
	   "sc1 < @1:1 | sc2 % @1:14 `param1`s@1:22 | sc3 < @1:34 | "
	   "sc3 < /close @1:47 | sc2 % /close @1:61 | sc1 < /close @1:75",
	   "nested complex");
	is("{{< sc1 \"param nr. 1\" \"param nr. 2\" >}}",
	   "sc1 < @1:1 `param nr. 1`sq@1:9 `param nr. 2`sq@1:23",
	   "two quoted params");
	is("{{< sc1 param1=\"Hello World\" param2=\"p2Val\">}}",
	   "sc1 < named @1:1 param1=`Hello World`sq@1:16 param2=`p2Val`sq@1:37",
	   "two named params");
	is("{{< sc1 param1=\\\"Hello World\\\"  >}}",
	   "sc1 < named @1:1 param1=`Hello World`sq@1:17", "escaped quotes");
	is("{{< sc1 \\\"param1\\\"  >}}", "sc1 < @1:1 `param1`sq@1:10",
	   "escaped quotes, positional param");
	is("{{< sc1 param1=\\\"Hello \\\"escaped\\\" World\\\"  >}}",
	   "! 1:26@25 got positional parameter 'escaped'." MIX,
	   "escaped quotes inside escaped quotes");
	is("{{< sc1 param1=\"Hello \\\"escaped\\\" World\"  >}}",
	   "sc1 < named @1:1 param1=`Hello \"escaped\" World`sq@1:16",
	   "escaped quotes inside nonescaped quotes");
	is("{{< sc1 \"Hello \\\"escaped\\\" World\"  >}}",
	   "sc1 < @1:1 `Hello \"escaped\" World`sq@1:9",
	   "escaped quotes inside nonescaped quotes in positional param");
	is("{{< sc1 param1=\\`Hello World\\` >}}",
	   "! 1:16@15 unrecognized escape character",
	   "escaped raw string, named param");
	is("{{< sc1 param1 \\`Hello World\\` >}}",
	   "! 1:17@16 unrecognized escape character",
	   "escaped raw string, positional param");
	is("{{< sc1`Hello World``Second Param` >}}",
	   "sc1 < @1:1 `Hello World`sq@1:8 `Second Param`sq@1:21",
	   "two raw string params");
	is("{{< sc1 param2=\"Hello World>}}",
	   "! 1:17@16 unterminated quoted string in shortcode "
	   "parameter-argument: 'Hello World>}}'",
	   "unterminated quote");
	is("{{< sc1`Hello World >}}",
	   "! 1:9@8 unterminated raw string in shortcode parameter-argument: "
	   "'Hello World >}}'",
	   "unterminated raw string");
	is("{{< sc1`Hello World``Second Param >}}",
	   "! 1:22@21 unterminated raw string in shortcode parameter-argument: "
	   "'Second Param >}}'",
	   "unterminated raw string in second argument");
	is("{{< sc1 param1=\"Hello World\" p2 >}}",
	   "! 1:30@29 got positional parameter 'p2'." MIX,
	   "one named param, one not");
	is("{{< sc1 param1=`Hello World``Second Param` >}}",
	   "! 1:29@28 got quoted positional parameter." MIX,
	   "one named param, one quoted positional param, both raw strings");
	is("{{< sc1 param1=\"Hello World\" \"And Universe\" >}}",
	   "! 1:30@29 got quoted positional parameter." MIX,
	   "one named param, one quoted positional param");
	is("{{< sc1 \"param1\" param2=\"And Universe\" >}}",
	   "! 1:18@17 got named parameter 'param2'." MIX,
	   "one quoted positional param, one named param");
	is("{{< sc1 param1 param2=\"Hello World\">}}",
	   "! 1:16@15 got named parameter 'param2'." MIX,
	   "ono positional param, one not");
	is("{{</* sc1 */>}}", "", "commented out");
	is("{{</* sc1 \"**/*.pdf\" */>}}", "",
	   "commented out, with asterisk inside");
	is("{{</* sc1 >}}", "! 1:1@0 comment must be closed",
	   "commented out, missing close");
	is("{{</* sc1 >}}*/", "! 1:1@0 comment must be closed",
	   "commented out, misplaced close");
	is("{{< sc1.inline >}}Hello World{{< /sc1.inline >}}",
	   "sc1.inline < @1:1 | sc1.inline < /close @1:30", "basic inline");
	is("{{< sc1.inline >}}Hello World{{< / sc1.inline >}}",
	   "sc1.inline < @1:1 | sc1.inline < /close @1:30",
	   "basic inline with space");
	is("{{< sc1.inline >}}Hello World{{< /sc1.inline >}}Hello World"
	   "{{< sc1.inline />}}",
	   "sc1.inline < @1:1 | sc1.inline < /close @1:30 | "
	   "sc1.inline < self @1:60",
	   "inline self closing");
	is("{{< sc1.inline >}}{{ .Get 0 }}{{ .Get 1 }}{{< /sc1.inline >}}",
	   "sc1.inline < @1:1 | sc1.inline < /close @1:43",
	   "inline with template syntax");
	is("{{< sc1.inline >}}Hello World{{< sc1 >}}{{< /sc1.inline >}}",
	   "sc1.inline < @1:1 ! 1:30@29 inline shortcodes do not support nesting",
	   "inline with nested shortcode (not supported)");
	is("{{< sc1.Inline >}}Hello World{{< /sc1.Inline >}}",
	   "! 1:5@4 period in shortcode name only allowed for inline identifiers",
	   "inline case mismatch");
}

/* hugolib/shortcode_test.go (a2469d504^) */
static void hugo_extract(void)
{
	/* TestShortcodeParams: ValTyped */
	is("{{< hello true false 33 3.14 >}}",
	   "hello < @1:1 `true`b@1:11 `false`b@1:16 `33`i@1:22 `3.14`f@1:25",
	   "TestShortcodeParams: types positional");
	is("{{< hello b1=true b2=false i1=33 f1=3.14 >}}",
	   "hello < named @1:1 b1=`true`b@1:14 b2=`false`b@1:22 i1=`33`i@1:31 "
	   "f1=`3.14`f@1:37",
	   "TestShortcodeParams: types named");
	is("{{< hello \"true\" trues \"33\" \"3.14\" >}}",
	   "hello < @1:1 `true`sq@1:11 `trues`s@1:18 `33`sq@1:24 `3.14`sq@1:29",
	   "TestShortcodeParams: types string");
	is("{{< hello \"hello \\\"world\\\".\" >}}",
	   "hello < @1:1 `hello \"world\".`sq@1:11",
	   "TestShortcodeParams: escaped quote");
	is("{{< figure src=\"/media/spf13.jpg\" title=\"Steve \\\"Francia\\\".\" >}}",
	   "figure < named @1:1 src=`/media/spf13.jpg`sq@1:16 "
	   "title=`Steve \"Francia\".`sq@1:41",
	   "TestShortcodeParamEscapedQuote");
	/* TestExtractShortcodes */
	is("{{% inner %}}{{< tag >}}{{% /inner %}}",
	   "inner % @1:1 | tag < @1:14 | inner % /close @1:25",
	   "TestExtractShortcodes: outer shortcode markup");
	is("{{< inner >}}Inner Content{{< / inner >}}",
	   "inner < @1:1 | inner < /close @1:27", "TestExtractShortcodes: inner");
	is("{{< inner >}}inner2->{{% inner2 param1 %}}inner2txt->inner3"
	   "{{< inner3>}}inner3txt{{</ inner3 >}}{{% /inner2 %}}final close->"
	   "{{< / inner >}}",
	   "inner < @1:1 | inner2 % @1:22 `param1`s@1:33 | inner3 < @1:60 | "
	   "inner3 < /close @1:82 | inner2 % /close @1:97 | "
	   "inner < /close @1:125",
	   "TestExtractShortcodes: nested, nested inner");
	is("{{< my.inline >}}Hi{{< /my.inline >}}",
	   "my.inline < @1:1 | my.inline < /close @1:20",
	   "TestExtractShortcodes: inline");
	/* TestShortcodeInCodeFenceHyphen: a call in a code fence is a call */
	is("```go\n{{< sc >}}\n```\n\nText.\n", "sc < @2:1",
	   "TestShortcodeInCodeFenceHyphen");
	is("<!-- {{< sc >}} -->", "sc < @1:6", "a call in an HTML comment");
	/* extractShortcode: a parameter before a value is named, so
	 * `key = "value"` is, and mixing it with a positional one is only
	 * caught there, reported at the call's {{ */
	is("{{< sc a = \"b\" c = \"d\" >}}",
	   "sc < named @1:1 a=`b`sq@1:12 c=`d`sq@1:20", "key = \"value\"");
	is("x\n{{< sc a = \"b\" pos >}}",
	   "! 2:1@2 failed to extract shortcode: invalid state: invalid param "
	   "type []interface {} for shortcode \"sc\", expected a slice",
	   "named by spacing, then positional");
	is("{{< sc pos a = \"b\" >}}",
	   "! 1:1@0 failed to extract shortcode: invalid state: invalid param "
	   "type map[string]interface {} for shortcode \"sc\", expected a map",
	   "positional, then named by spacing");
	is("{{< sc a = \"b\" c=\"d\" >}}",
	   "! 1:16@15 got named parameter 'c'." MIX,
	   "named by spacing counts as positional to the lexer");
	is("{{< ok >}} {{< >}}", "ok < @1:1 ! 1:12@11 shortcode has no name",
	   "shortcode has no name");
}

/* the handbook's own calls, parameter forms and escapes */
static void forms(void)
{
	sc_page p = scan("## Team\n\n{{< team-by-manager-slug \"sean-carroll\" >}}\n");
	tap_is_str(describe(&p),
		   "team-by-manager-slug < @3:1 `sean-carroll`sq@3:26",
		   "team-by-manager-slug");
	tap_is_str(shortcode_get_pos(&p.calls[0], 0)->value, "sean-carroll",
		   "get_pos(0)");
	tap_ok(shortcode_get_pos(&p.calls[0], 1) == NULL,
	       "get_pos past the end: NULL (Hugo: \"\")");
	tap_ok(shortcode_get(&p.calls[0], "slug") == NULL,
	       "get by name on a positional call: NULL");

	p = scan("{{% engineering/stable-counterparts manager-role=\"Engineering "
		 "Manager(.*)Custom Models\" role=\"Custom Models\" %}}");
	tap_is_str(describe(&p),
		   "engineering/stable-counterparts % named @1:1 "
		   "manager-role=`Engineering Manager(.*)Custom Models`sq@1:50 "
		   "role=`Custom Models`sq@1:94",
		   "stable-counterparts");
	tap_is_str(shortcode_get(&p.calls[0], "role")->value, "Custom Models",
		   "get(\"role\")");
	tap_ok(shortcode_get(&p.calls[0], "manager") == NULL,
	       "get of a missing name: NULL");
	tap_ok(shortcode_get_pos(&p.calls[0], 0) == NULL,
	       "get_pos on a named call: NULL");

	/* backslashes stay unless the value holds an escaped quote */
	is("{{< sc re=\"a\\.b\\d\" >}}", "sc < named @1:1 re=`a\\.b\\d`sq@1:11",
	   "regex backslashes kept");
	is("{{< sc re=\"a\\.b \\\"q\\\"\" >}}", "sc < named @1:1 re=`a.b \"q\"`sq@1:11",
	   "all backslashes dropped with an escaped quote");
	is("{{< sc x=`a \"b\" \\n` >}}", "sc < named @1:1 x=`a \"b\" \\n`sq@1:10",
	   "raw string keeps quotes and backslashes");
	is("{{< sc \\x y >}}", "sc < @1:1 `x`s@1:9 `y`s@1:11",
	   "a stray backslash is skipped");
	is("{{< sc k=v>}}", "! 1:14@13 unclosed shortcode action",
	   "a bare value runs to the next space, >}} included");
	is("{{< sc\n  a=\"1\"\n  b=\"2\"\n>}}",
	   "sc < named @1:1 a=`1`sq@2:5 b=`2`sq@3:5", "split over lines");
	is("{{< sc a=1 a=2 >}}", "sc < named @1:1 a=`1`i@1:10 a=`2`i@1:14",
	   "a repeated name is kept twice");
	p = scan("{{< sc a=1 a=2 >}}");
	tap_is_str(shortcode_get(&p.calls[0], "a")->value, "2",
		   "get: the last of two equal names wins (a map in Hugo)");
	is("{{< sc 9223372036854775807 -9223372036854775808 9223372036854775808 "
	   "-.5 1. 1e5 ١ >}}",
	   "sc < @1:1 `9223372036854775807`i@1:8 `-9223372036854775808`i@1:28 "
	   "`9223372036854775808`s@1:49 `-.5`f@1:69 `1.`s@1:73 `1e5`s@1:76 "
	   "`١`s@1:80",
	   "ints up to int64, floats as floatRe, the rest strings");
	is("{{< sc a=+7 b=+.5 c=1.5.5 >}}",
	   "sc < named @1:1 a=`+7`i@1:10 b=`+.5`f@1:15 c=`1.5.5`s@1:21",
	   "a bare named value may have a + sign");
	is("{{< sc +7 >}}", "! 1:8@7 " UNREC("U+002B '+'"),
	   "a bare positional value may not");
	is("{{< sc \"a\"`b`c >}}", "sc < @1:1 `a`sq@1:8 `b`sq@1:11 `c`s@1:14",
	   "values need no spaces between them");
	is("{{< café x=\"é\" >}}", "café < named @1:1 x=`é`sq@1:12",
	   "a letter beyond ASCII in a name");
	is("{{< sc \xe2\x80\x9cx\xe2\x80\x9d >}}",
	   "! 1:8@7 " UNREC("U+201C '\xe2\x80\x9c'"), "curly quotes are not quotes");
	is("{{< sc \xc2\xa0 >}}", "! 1:8@7 " UNREC("U+00A0"),
	   "a no-break space is not printable for %#U");
	is("{{<{{<{{<{{<", "! 1:4@3 " UNREC("U+007B '{'"), "repeated {{<");
	is("{{{< sc >}}", "sc < @1:2", "{{ then {{<");
	is("{{% sc x %}} {{< sc />}}", "sc % @1:1 `x`s@1:8 | sc < self @1:14",
	   "markup and self-closing");
}

static void errors_and_ends(void)
{
	is("text {{< sc", "! 1:12@11 unclosed shortcode action", "unclosed {{< at EOF");
	is("{{< sc a=\"x\n\" >}}",
	   "! 1:11@10 unterminated quoted string in shortcode parameter-argument: "
	   "'x\n'",
	   "a quote ends at the newline");
	is("{{< a >}}\n{{< b \"never closed",
	   "a < @1:1 ! 2:8@17 unterminated quoted string in shortcode "
	   "parameter-argument: 'never closed'",
	   "an unterminated quote at EOF keeps the calls before it");
	is("{{< ok >}}{{< bad \"x\" y=\"z\" >}}{{< never >}}",
	   "ok < @1:1 ! 1:23@22 got named parameter 'y'." MIX,
	   "the scan stops at the first error");
	is("{{%/* x */%}} {{%/* x */>}}", "! 1:15@14 comment must be closed",
	   "the markup comment closes with */%}}");
}

static void positions(void)
{
	is("a\r\nb\rc\n{{< sc >}}", "sc < @4:1", "CRLF and a lone CR");
	is("a\r\n\r\n{{< sc\r\n x=\"1\" >}}", "sc < named @3:1 x=`1`sq@4:4",
	   "CRLF inside a call");
	is("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80 {{< sc >}}", "sc < @1:5",
	   "multibyte UTF-8 counts one column each");
	is("\xff\xfe{{< sc >}}", "sc < @1:3", "an invalid byte counts as one");
	sc_page p = scan_n("\n{{< sc >}}", 11, 40);
	tap_is_str(describe(&p), "sc < @41:1", "first_line shifts lines");

	/* a 1 MB page, one call at the end */
	size_t n = 1 << 20;
	char *big = malloc(n + 1);
	if (!big)
		abort();
	int lines = 0;
	for (size_t i = 0; i < n; i++) {
		big[i] = (i % 64 == 63) ? '\n' : 'x';
		if (big[i] == '\n')
			lines++;
	}
	const char *tail = "{{< sc \"end\" >}}";
	memcpy(big + n - strlen(tail), tail, strlen(tail));
	/* the tail overwrote one newline if it crossed one */
	lines = 0;
	for (size_t i = 0; i < n; i++)
		lines += big[i] == '\n';
	p = scan_n(big, n, 1);
	tap_is_int((long long)p.ncalls, 1, "1 MB page: one call");
	tap_is_int(p.calls[0].line, lines + 1, "1 MB page: the call's line");
	tap_is_int(p.calls[0].line, 16384, "1 MB page: line 16384");
	tap_is_int((long long)p.calls[0].end, (long long)n, "1 MB page: end");
	free(big);

	/* binary bytes and NULs: in the text and inside a quoted value */
	static const char bin[] = "\x00\x01{{< sc \"a\x00" "b\" >}}\x00\xff{{< t >}}";
	p = scan_n(bin, sizeof(bin) - 1, 1);
	tap_is_str(describe(&p), "sc < @1:3 `a\\0b`sq@1:10 | t < @1:21",
		   "NUL and binary bytes");
	tap_is_int((long long)p.calls[0].params[0].len, 3,
		   "a value with a NUL: len counts it");
	tap_ok(p.calls[0].params[0].value[3] == '\0',
	       "a value with a NUL: still NUL-terminated");
	p = scan_n("{{< sc \x00 >}}", 12, 1);
	tap_is_str(describe(&p), "! 1:8@7 " UNREC("U+0000"),
		   "a NUL inside a call is an unrecognized character");
	p = scan_n("{{< sc", 4, 1);
	tap_is_str(describe(&p), "! 1:5@4 unclosed shortcode action",
		   "len is respected, not the NUL");
}

int main(void)
{
	A = arena_new();
	hugo_lexer_table();
	hugo_extract();
	forms();
	errors_and_ends();
	positions();
	arena_free(A);
	return tap_done();
}

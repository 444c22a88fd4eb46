/* shortcode: the Hugo shortcode calls of one page, found exactly as Hugo
 * finds them.
 *
 * The rules are Hugo's own: the lexer of parser/pageparser
 * (pagelexer_shortcode.go: delimiters {{< >}} and {{% %}}, the comment
 * form {{</ * ... * />}} (written without the spaces) that is literal text, parameter forms, escapes, raw
 * `strings`) and the parameter typing of hugolib/shortcode.go
 * (extractShortcode: positional or named, never both; a quoted value is a
 * string, a bare one may be a bool, an int or a float, Item.ValTyped).
 * Markdown is not looked at: Hugo runs calls inside fenced code blocks and
 * HTML comments too, so they are calls here.
 *
 * Pure: no I/O, no globals. Everything the result points to lives in the
 * arena passed in. */
#ifndef TEAMTUI_SHORTCODE_H
#define TEAMTUI_SHORTCODE_H

#include <stdbool.h>
#include <stddef.h>

#include "teamtui/arena.h"

/* What Item.ValTyped makes of a value: a quoted ("..." or `...`) value is
 * always a string; a bare one is a bool ("true"/"false"), an int, a float
 * or else a string. */
typedef enum {
	SC_STRING,
	SC_BOOL,
	SC_INT,
	SC_FLOAT,
} sc_type;

typedef struct sc_param {
	const char *name;  /* NULL for a positional parameter */
	const char *value; /* NUL-terminated, after Hugo's escape rules; the
			    * text as written otherwise ("+7" is SC_INT but
			    * stays "+7") */
	size_t len;	   /* bytes of value (it may hold a NUL byte) */
	sc_type type;
	bool quoted;	   /* "..." or `...` */
	int line, col;	   /* of the value's first byte: its opening quote or
			    * backtick when quoted (for \"...\" the quote
			    * after the backslash) */
} sc_param;

typedef struct sc_call {
	const char *name;   /* as written: "engineering/stable-counterparts";
			     * for a closing tag the name after '/'; "" in
			     * the odd call with none ({{< =x >}}) */
	bool markup;	    /* {{% ... %}} (false: {{< ... >}}) */
	bool closing;	    /* {{< /name >}} */
	bool self_closing;  /* {{< name ... />}} */
	bool named;	    /* parameters are named (false: positional or none) */
	sc_param *params;   /* in the order written; a repeated name is kept
			     * twice (shortcode_get finds the last, as
			     * Hugo's map does) */
	size_t nparams;
	size_t offset;	    /* byte offset of the opening "{{" */
	size_t end;	    /* byte offset just past the closing delimiter */
	int line, col;	    /* of the opening "{{" */
} sc_call;

typedef struct sc_page {
	sc_call *calls;	    /* in page order, closing tags included */
	size_t ncalls;
	/* The first error Hugo's lexer or extractShortcode would stop the
	 * build with ("unterminated quoted string in shortcode
	 * parameter-argument", "Cannot mix named and positional parameters",
	 * "unclosed shortcode action", ...). Calls before it are kept; the
	 * scan stops there, as Hugo's does. The position is Hugo's: where
	 * the offending item began (for an unterminated "..." just after
	 * its opening quote, for a character Hugo refuses the character);
	 * for the errors of extractShortcode (mixing named and positional
	 * by `key = value` spacing, "shortcode has no name") the "{{" of
	 * the call. Hugo reports an error inside a shortcode nested in a
	 * closed one ({{< a >}}..{{< /a >}}) at the outer call, as it
	 * depends on the templates; here it is at the call itself. The
	 * message quotes page text as Hugo does (an unterminated raw
	 * string quotes the rest of the page: clip it to show it); a NUL
	 * in the quoted text ends the C string there. */
	bool failed;
	const char *error;  /* NULL when !failed; Hugo's wording */
	size_t error_offset;
	int error_line, error_col;
} sc_page;

/* Find every shortcode call in text[0..len) (a page body: front matter
 * already cut off by the caller, or not: the front matter holds no "{{<").
 * `first_line` is the line number of text[0] in the file (1 when text is
 * the whole file), so positions are the file's. Lines end at \n, \r\n or
 * \r; columns are 1-based and count characters (UTF-8 code points; a byte
 * that is not valid UTF-8 counts as one). Binary bytes and NULs are
 * tolerated. Names and bare values take Unicode letters and digits
 * (unicode.IsLetter/IsDigit; Unicode 14 tables in shortcode.c).
 * `len` may be large (a 1 MB page is scanned in one linear
 * pass). Returns false only when out of memory (out is then partial). */
bool shortcode_scan(const char *text, size_t len, int first_line, arena *a,
		    sc_page *out);

/* The parameter by name (named calls) or position (positional calls), or
 * NULL: Hugo's .Get semantics (ShortcodeWithPage.Get in
 * hugolib/shortcode.go: .Get "x" on a positional call and .Get 0 on a
 * named call are nil). Unlike Hugo, a missing name or an index past the
 * end is NULL too (Hugo gives ""). Of two equal names the last wins.
 * The result points into the call (the arena of the scan). */
const sc_param *shortcode_get(const sc_call *c, const char *name);
const sc_param *shortcode_get_pos(const sc_call *c, size_t index);

#endif

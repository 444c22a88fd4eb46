/* shortcode.c: Hugo's shortcode lexer and the parameter rules of its
 * extractShortcode, redone in C.
 *
 * The scan mirrors parser/pageparser: the main section looks for "{{"
 * and takes it as a call only when "<" or "%" follows
 * (pagelexer.go: lexMainSection, createSectionHandlers); inside a call
 * one rune at a time decides what comes (pagelexer_shortcode.go:
 * lexInsideShortcode and the states it hands over to), with Hugo's
 * `start` (where the current item began) kept as `l->start` because
 * every error is positioned there. When a call is complete, its items
 * are read the way hugolib/shortcode.go (extractShortcode) reads them:
 * a parameter followed by a value is named, any other is positional, and
 * the first mix of the two kinds is an error.
 *
 * Everything Go asks of Unicode (unicode.IsLetter/IsDigit for names and
 * bare words, strconv.IsPrint for %#U in one message) comes from the
 * read-only tables at the end of this file; utf8_decode is Go's
 * utf8.DecodeRune (an invalid byte is U+FFFD, one byte wide). */
#include "teamtui/shortcode.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "teamtui/utf8.h"

#define SC_EOF (-1)

static bool sc_is_alnum_table(uint32_t r);
static bool sc_is_print(int32_t r);

/* The items of one call, as the Go lexer emits them (delimiters left
 * out). TK_VAL only ever follows "=". */
typedef enum { TK_NAME, TK_CLOSE, TK_PARAM, TK_VAL } tok_kind;

typedef struct {
	tok_kind kind;
	const char *val; /* arena copy, escapes already applied */
	size_t len;
	bool quoted;	 /* "..." or `...`: never typed */
	size_t src;	 /* offset of the item as written (quote included) */
} tok;

typedef struct {
	const char *s;
	size_t n;
	size_t pos, start; /* Hugo's l.pos and l.start */
	size_t width;	   /* bytes of the last rune read (for backup) */
	arena *a;
	sc_page *out;
	bool stop, oom;
	int first_line;

	/* line/column cursor: only ever moves forward */
	size_t cur;
	int line, col;

	/* lexer state that outlives a call (lexerShortcodeState) */
	bool in_inline;		  /* isInline */
	const char *cur_name;	  /* currShortcodeName (NULL: "") */
	size_t cur_name_len;
	int closing;		  /* closingState */
	int step;		  /* elementStepNum */
	int pelems;		  /* paramElements: 1 positional, 2 named */
	const char *rdelim;	  /* ">}}" or "%}}" */
	/* openShortcodes: every name seen so far (Hugo never forgets one) */
	const char **seen;
	size_t *seen_len;
	size_t seen_cap, seen_used;

	/* items of the call being lexed */
	tok *toks;
	size_t ntoks, tcap;
	size_t calls_cap;

	/* end of the input without trailing Unicode white space, for the
	 * inline nesting check (computed once, when first needed) */
	size_t trim_end;
	bool trim_known;
} lexer;

/* --- runes ------------------------------------------------------------ */

static int32_t lx_next(lexer *l)
{
	if (l->pos >= l->n) {
		l->width = 0;
		return SC_EOF;
	}
	uint32_t cp;
	size_t w = utf8_decode(l->s + l->pos, l->n - l->pos, &cp);
	l->width = w;
	l->pos += w;
	return (int32_t)cp;
}

static void lx_backup(lexer *l)
{
	l->pos -= l->width;
}

static int32_t lx_peek(lexer *l)
{
	int32_t r = lx_next(l);
	lx_backup(l);
	return r;
}

static bool lx_has_prefix(const lexer *l, const char *p, size_t plen)
{
	return l->n - l->pos >= plen && !memcmp(l->s + l->pos, p, plen);
}

/* isASCIISpace (pagelexer.go) */
static bool is_ascii_space(int32_t r)
{
	return r == ' ' || r == '\t' || r == '\n' || r == '\v' || r == '\f' ||
	       r == '\r';
}

/* unicode.IsSpace: what bytes.TrimSpace removes */
static bool is_unicode_space(int32_t r)
{
	switch (r) {
	case ' ': case '\t': case '\n': case '\v': case '\f': case '\r':
	case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029:
	case 0x202F: case 0x205F: case 0x3000:
		return true;
	default:
		return r >= 0x2000 && r <= 0x200A;
	}
}

/* isAlphaNumeric: '_', unicode.IsLetter, unicode.IsDigit */
static bool is_alnum(int32_t r)
{
	if (r < 0)
		return false;
	if (r < 0x80)
		return r == '_' || (r >= '0' && r <= '9') ||
		       (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z');
	return sc_is_alnum_table((uint32_t)r);
}

/* isAlphaNumericOrHyphen */
static bool is_alnum_h(int32_t r)
{
	return r == '-' || is_alnum(r);
}

/* --- positions -------------------------------------------------------- */

/* Line and column of byte `off`: lines end at \n, \r\n or \r, columns
 * count code points (an invalid byte is one). The cursor moves forward
 * only, so the scan stays linear; a request behind it starts over. */
static void lx_where(lexer *l, size_t off, int *line, int *col)
{
	if (off > l->n)
		off = l->n;
	if (off < l->cur) {
		l->cur = 0;
		l->line = l->first_line;
		l->col = 1;
	}
	while (l->cur < off) {
		unsigned char c = (unsigned char)l->s[l->cur];
		if (c == '\n' || c == '\r') {
			bool crlf = c == '\n' && l->cur > 0 && l->s[l->cur - 1] == '\r';
			if (!crlf && l->line < INT_MAX)
				l->line++;
			l->col = 1;
			l->cur++;
		} else {
			uint32_t cp;
			l->cur += utf8_decode(l->s + l->cur, off - l->cur, &cp);
			if (l->col < INT_MAX)
				l->col++;
		}
	}
	*line = l->line;
	*col = l->col;
}

/* --- memory ----------------------------------------------------------- */

/* a + b + c as one NUL-terminated arena string (each part may hold any
 * byte; a NUL in one ends the C string early, nothing worse) */
static const char *lx_concat(lexer *l, const char *a, const char *b,
			     size_t blen, const char *c)
{
	size_t al = strlen(a), cl = strlen(c);
	char *p = arena_alloc(l->a, al + blen + cl + 1);
	if (!p) {
		l->oom = l->stop = true;
		return NULL;
	}
	memcpy(p, a, al);
	if (blen)
		memcpy(p + al, b, blen);
	memcpy(p + al + blen, c, cl);
	p[al + blen + cl] = '\0';
	return p;
}

/* Record the page's error (Hugo's message, at byte `off`) and stop. */
static void lx_fail_at(lexer *l, size_t off, int line, int col,
		       const char *msg)
{
	l->stop = true;
	if (!msg)
		return; /* out of memory making it */
	l->out->failed = true;
	l->out->error = msg;
	l->out->error_offset = off;
	l->out->error_line = line;
	l->out->error_col = col;
}

static void lx_fail(lexer *l, size_t off, const char *msg)
{
	int line, col;
	lx_where(l, off, &line, &col);
	lx_fail_at(l, off, line, col, msg);
}

/* errorf with the current item (l.current()) quoted in the message */
static void lx_fail_current(lexer *l, const char *pre, const char *post)
{
	lx_fail(l, l->start,
		lx_concat(l, pre, l->s + l->start, l->pos - l->start, post));
}

static bool lx_emit(lexer *l, tok_kind kind, bool quoted, bool unescape,
		    size_t src)
{
	if (l->ntoks == l->tcap) {
		size_t cap = l->tcap ? l->tcap * 2 : 16;
		tok *t = arena_calloc(l->a, cap, sizeof(*t));
		if (!t) {
			l->oom = l->stop = true;
			return false;
		}
		if (l->ntoks)
			memcpy(t, l->toks, l->ntoks * sizeof(*t));
		l->toks = t;
		l->tcap = cap;
	}
	const char *v = l->s + l->start;
	size_t len = l->pos - l->start;
	char *copy = arena_alloc(l->a, len + 1);
	if (!copy) {
		l->oom = l->stop = true;
		return false;
	}
	size_t k = 0;
	for (size_t i = 0; i < len; i++) {
		/* ignoreEscapesAndEmit: no backslash reaches the client */
		if (unescape && v[i] == '\\')
			continue;
		copy[k++] = v[i];
	}
	copy[k] = '\0';
	l->toks[l->ntoks++] = (tok){kind, copy, k, quoted, src};
	l->start = l->pos;
	return true;
}

/* openShortcodes, as a set of names: open addressing in the arena */
static uint64_t sc_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

static bool seen_find(const lexer *l, const char *s, size_t n, size_t *slot)
{
	if (!l->seen_cap)
		return false;
	size_t i = (size_t)sc_hash(s, n) & (l->seen_cap - 1);
	while (l->seen[i]) {
		if (l->seen_len[i] == n && !memcmp(l->seen[i], s, n))
			return true;
		i = (i + 1) & (l->seen_cap - 1);
	}
	*slot = i;
	return false;
}

static bool seen_add(lexer *l, const char *s, size_t n)
{
	size_t slot;
	if (seen_find(l, s, n, &slot))
		return true;
	if ((l->seen_used + 1) * 2 > l->seen_cap) {
		size_t cap = l->seen_cap ? l->seen_cap * 2 : 64;
		const char **k = arena_calloc(l->a, cap, sizeof(*k));
		size_t *kl = arena_calloc(l->a, cap, sizeof(*kl));
		if (!k || !kl) {
			l->oom = l->stop = true;
			return false;
		}
		for (size_t i = 0; i < cap; i++)
			k[i] = NULL;
		for (size_t i = 0; i < l->seen_cap; i++) {
			if (!l->seen[i])
				continue;
			size_t j = (size_t)sc_hash(l->seen[i], l->seen_len[i]) &
				   (cap - 1);
			while (k[j])
				j = (j + 1) & (cap - 1);
			k[j] = l->seen[i];
			kl[j] = l->seen_len[i];
		}
		l->seen = k;
		l->seen_len = kl;
		l->seen_cap = cap;
		seen_find(l, s, n, &slot);
	}
	l->seen[slot] = s;
	l->seen_len[slot] = n;
	l->seen_used++;
	return true;
}

/* --- the states of pagelexer_shortcode.go ----------------------------- */

/* A "..." value (lexShortcodeQuotedParamVal). `esc_ok`: an escaped quote
 * inside is part of the value (false after a backslash: \"...\" then
 * ends at its \"). The value loses every backslash when it holds an
 * escaped quote, and keeps them all otherwise. */
static bool lex_quoted(lexer *l, bool esc_ok, tok_kind kind)
{
	size_t src = l->pos; /* then the opening quote, once found */
	bool open = false, inner_esc = false;
	int esc_state = 0;

	for (;;) {
		int32_t r = lx_next(l);
		if (r == '\\') {
			int32_t p = lx_peek(l);
			if (p == '"') {
				if (open && !esc_ok) {
					lx_backup(l);
					break;
				} else if (open) {
					inner_esc = true;
					esc_state = 1;
				}
			} else if (p == '`') {
				lx_fail(l, l->start, "unrecognized escape character");
				return false;
			}
		} else if (r == SC_EOF || r == '\n') {
			lx_fail_current(l, "unterminated quoted string in shortcode "
				     "parameter-argument: '", "'");
			return false;
		} else if (r == '"') {
			if (esc_state) {
				esc_state = 0;
			} else if (open) {
				lx_backup(l);
				break;
			} else {
				open = true;
				src = l->pos - 1;
				l->start = l->pos;
			}
		}
	}
	if (!lx_emit(l, kind, true, inner_esc, src))
		return false;

	int32_t r = lx_next(l);
	if (r == '\\') {
		if (lx_peek(l) == '"') {
			l->start = l->pos;
			lx_next(l);
			l->start = l->pos;
		}
	} else if (r == '"') {
		l->start = l->pos;
	} else {
		lx_backup(l);
	}
	return true;
}

/* A `raw` value (lexShortCodeParamRawStringVal): no escapes, may span
 * lines. */
static bool lex_raw(lexer *l, tok_kind kind)
{
	size_t src = l->pos;
	bool open = false;

	for (;;) {
		int32_t r = lx_next(l);
		if (r == '`') {
			if (open) {
				lx_backup(l);
				break;
			}
			open = true;
			l->start = l->pos;
		} else if (r == SC_EOF) {
			lx_fail_current(l, "unterminated raw string in shortcode "
				     "parameter-argument: '", "'");
			return false;
		}
	}
	if (!lx_emit(l, kind, true, false, src))
		return false;
	lx_next(l);
	l->start = l->pos;
	return true;
}

/* A parameter, or the name half of name=value (lexShortcodeParam). The
 * lexer's own check against mixing: paramElements is fixed by the first
 * parameter (1 positional, 2 named). `esc`: it came after a backslash. */
static bool lex_param(lexer *l, bool esc, size_t src)
{
	bool first = true, next_eq = false;

	for (;;) {
		int32_t r = lx_next(l);
		if (first) {
			if (r == '"' || (r == '`' && !esc)) {
				if (l->pelems == 2) {
					lx_fail(l, l->start,
						"got quoted positional parameter. Cannot "
						"mix named and positional parameters");
					return false;
				}
				l->pelems = 1;
				lx_backup(l);
				if (r == '"')
					return lex_quoted(l, !esc, TK_PARAM);
				return lex_raw(l, TK_PARAM);
			} else if (r == '`' && esc) {
				lx_fail(l, l->start, "unrecognized escape character");
				return false;
			}
			first = false;
		} else if (r == '=') {
			lx_backup(l);
			next_eq = true;
			break;
		}
		if (!is_alnum_h(r) && r != '.') {
			lx_backup(l);
			break;
		}
	}

	if (l->pelems == 0) {
		l->pelems = next_eq ? 2 : 1;
	} else if (next_eq && l->pelems == 1) {
		lx_fail_current(l, "got named parameter '",
			     "'. Cannot mix named and positional parameters");
		return false;
	} else if (!next_eq && l->pelems == 2) {
		lx_fail_current(l, "got positional parameter '",
			     "'. Cannot mix named and positional parameters");
		return false;
	}
	return lx_emit(l, TK_PARAM, false, false, src);
}

/* Spaces, then the right delimiter, after the name of a closing tag
 * (lexEndOfShortcode). Returns true when the delimiter is next. */
static bool lex_end_of_shortcode(lexer *l)
{
	for (;;) {
		l->in_inline = false;
		if (lx_has_prefix(l, l->rdelim, 3))
			return true;
		int32_t r = lx_next(l);
		if (!is_ascii_space(r)) {
			lx_fail(l, l->start, "unclosed shortcode");
			return false;
		}
		l->start = l->pos;
	}
}

/* A shortcode name (lexIdentifierInShortcode): letters, digits, '_',
 * '-', '/', and a '.' only before "inline ". A name after '/' must have
 * been seen before (openShortcodes, which in Hugo only ever grows). */
static bool lex_identifier(lexer *l)
{
	bool look_for_end = false;

	for (;;) {
		int32_t r = lx_next(l);
		if (is_alnum_h(r) || r == '/')
			continue;
		if (r == '.') {
			l->in_inline = lx_has_prefix(l, "inline ", 7);
			if (!l->in_inline) {
				lx_fail(l, l->start, "period in shortcode name only "
					"allowed for inline identifiers");
				return false;
			}
			continue;
		}
		lx_backup(l);
		const char *w = l->s + l->start;
		size_t wl = l->pos - l->start;
		size_t slot;
		if (l->closing > 0) {
			if (!seen_find(l, w, wl, &slot)) {
				lx_fail_current(l, "closing tag for shortcode '",
					     "' does not match start tag");
				return false;
			}
			look_for_end = true;
		}
		l->closing = 0;
		l->cur_name = w;
		l->cur_name_len = wl;
		if (!seen_add(l, w, wl))
			return false;
		l->step++;
		if (!lx_emit(l, TK_NAME, false, false, l->start))
			return false;
		break;
	}
	if (look_for_end)
		return lex_end_of_shortcode(l);
	return true;
}

/* "U+0025 '%'" as Go's %#U prints it (the character only when
 * strconv.IsPrint says it is printable) */
static void fmt_rune(int32_t r, char *buf, size_t size)
{
	if (sc_is_print(r)) {
		char enc[5];
		size_t n = utf8_encode((uint32_t)r, enc);
		enc[n] = '\0';
		snprintf(buf, size, "U+%04X '%s'", (unsigned)r, enc);
	} else {
		snprintf(buf, size, "U+%04X", (unsigned)r);
	}
}

typedef enum { IN_MORE, IN_END, IN_FAIL } in_result;

/* One step of lexInsideShortcode. */
static in_result lex_inside(lexer *l)
{
	if (lx_has_prefix(l, l->rdelim, 3))
		return IN_END;
	int32_t r = lx_next(l);
	if (r == SC_EOF) {
		/* Hugo lets a call run over lines, so only the end of the
		 * page tells it is unclosed */
		lx_fail(l, l->start, "unclosed shortcode action");
		return IN_FAIL;
	}
	if (is_ascii_space(r)) {
		l->start = l->pos;
		return IN_MORE;
	}
	if (r == '=') {
		/* consumeSpace; a value of some form follows */
		while (l->pos < l->n && is_ascii_space(l->s[l->pos]))
			l->pos++;
		l->start = l->pos;
		int32_t p = lx_peek(l);
		bool ok;
		if (p == '"' || p == '\\') {
			ok = lex_quoted(l, p != '\\', TK_VAL);
		} else if (p == '`') {
			ok = lex_raw(l, TK_VAL);
		} else {
			/* lexShortcodeParamVal: up to the next space, ">}}"
			 * included */
			while (l->pos < l->n && !is_ascii_space(l->s[l->pos]))
				l->pos++;
			ok = lx_emit(l, TK_VAL, false, false, l->start);
		}
		return ok ? IN_MORE : IN_FAIL;
	}
	if (r == '/') {
		if (!l->cur_name) {
			lx_fail(l, l->start, "got closing shortcode, but none is open");
			return IN_FAIL;
		}
		l->closing++;
		l->in_inline = false;
		l->step = 0;
		return lx_emit(l, TK_CLOSE, false, false, l->start) ? IN_MORE
								   : IN_FAIL;
	}
	if (r == '\\') {
		size_t src = l->pos - 1;
		l->start = l->pos;
		int32_t p = lx_peek(l);
		if (p == '"' || p == '`')
			return lex_param(l, true, src) ? IN_MORE : IN_FAIL;
		return IN_MORE;
	}
	if (l->step > 0 && (is_alnum_h(r) || r == '"' || r == '`')) {
		lx_backup(l);
		return lex_param(l, false, l->pos) ? IN_MORE : IN_FAIL;
	}
	if (is_alnum(r)) {
		lx_backup(l);
		return lex_identifier(l) ? IN_MORE : IN_FAIL;
	}
	char rb[32];
	fmt_rune(r, rb, sizeof(rb));
	lx_fail(l, l->start,
		lx_concat(l, "unrecognized character in shortcode action: ", rb,
			  strlen(rb),
			  ". Note: Parameters with non-alphanumeric args must be "
			  "quoted"));
	return IN_FAIL;
}

/* --- extractShortcode ------------------------------------------------- */

static sc_type value_type(const char *v, size_t n);

/* The items of a call as hugolib/shortcode.go reads them. `complete`:
 * the right delimiter was reached; otherwise the lexer failed after these
 * items, and only an error found in them (which Hugo meets first) is
 * recorded here. Returns false when the page stops (error or memory). */
static bool extract(lexer *l, size_t at, int line, int col, bool markup,
		    bool complete)
{
	if (complete && l->ntoks == 0) {
		lx_fail_at(l, at, line, col, "shortcode has no name");
		return false;
	}
	sc_param *params = NULL;
	if (complete && l->ntoks) {
		params = arena_calloc(l->a, l->ntoks, sizeof(*params));
		if (!params) {
			l->oom = l->stop = true;
			return false;
		}
	}
	size_t np = 0;
	enum { P_NONE, P_SLICE, P_MAP } kind = P_NONE;
	const tok *name = NULL;
	bool closing = false, self_closing = false;

	for (size_t i = 0; i < l->ntoks; i++) {
		const tok *t = &l->toks[i];
		const tok *pname = NULL, *val = t;
		if (t->kind == TK_NAME) {
			name = t;
			if (closing)
				break;
			continue;
		}
		if (t->kind == TK_CLOSE) {
			if (name) {
				/* self-closing: Hugo is done with this call */
				self_closing = true;
				break;
			}
			closing = true;
			continue;
		}
		if (t->kind == TK_VAL)
			continue; /* a value with no parameter before it */
		if (i + 1 < l->ntoks && l->toks[i + 1].kind == TK_VAL) {
			if (kind == P_SLICE) {
				lx_fail_at(l, at, line, col,
					   lx_concat(l, "failed to extract shortcode: "
						     "invalid state: invalid param type "
						     "map[string]interface {} for shortcode \"",
						     name ? name->val : "",
						     name ? name->len : 0,
						     "\", expected a map"));
				return false;
			}
			kind = P_MAP;
			pname = t;
			val = &l->toks[++i];
		} else if (i + 1 < l->ntoks || complete) {
			if (kind == P_MAP) {
				lx_fail_at(l, at, line, col,
					   lx_concat(l, "failed to extract shortcode: "
						     "invalid state: invalid param type "
						     "[]interface {} for shortcode \"",
						     name ? name->val : "",
						     name ? name->len : 0,
						     "\", expected a slice"));
				return false;
			}
			kind = P_SLICE;
		} else {
			continue; /* the lexer's error comes next */
		}
		if (!complete)
			continue;
		sc_param *p = &params[np++];
		p->name = pname ? pname->val : NULL;
		p->value = val->val;
		p->len = val->len;
		p->quoted = val->quoted;
		p->type = val->quoted ? SC_STRING : value_type(val->val, val->len);
		lx_where(l, val->src, &p->line, &p->col);
	}
	if (!complete)
		return true;

	sc_page *out = l->out;
	if (out->ncalls == l->calls_cap) {
		size_t cap = l->calls_cap ? l->calls_cap * 2 : 16;
		sc_call *c = arena_calloc(l->a, cap, sizeof(*c));
		if (!c) {
			l->oom = l->stop = true;
			return false;
		}
		if (out->ncalls)
			memcpy(c, out->calls, out->ncalls * sizeof(*c));
		out->calls = c;
		l->calls_cap = cap;
	}
	sc_call *c = &out->calls[out->ncalls++];
	memset(c, 0, sizeof(*c));
	c->name = name ? name->val : "";
	c->markup = markup;
	c->closing = closing;
	c->self_closing = self_closing;
	c->named = kind == P_MAP;
	c->params = np ? params : NULL;
	c->nparams = np;
	c->offset = at;
	c->end = l->pos;
	c->line = line;
	c->col = col;
	return true;
}

/* --- the main section ------------------------------------------------- */

/* bytes.TrimSpace's right end of the whole input (utf8.DecodeLastRune
 * and unicode.IsSpace) */
static size_t trimmed_end(lexer *l)
{
	if (l->trim_known)
		return l->trim_end;
	size_t end = l->n;
	while (end > 0) {
		size_t start = end - 1;
		uint32_t r = (unsigned char)l->s[start];
		size_t w = 1;
		if (r >= 0x80) {
			size_t lim = end >= 4 ? end - 4 : 0;
			while (start > lim && ((unsigned char)l->s[start] & 0xC0) == 0x80)
				start--;
			w = utf8_decode(l->s + start, end - start, &r);
			if (start + w != end) {
				r = UTF8_REPLACEMENT;
				w = 1;
			}
		}
		if (!is_unicode_space((int32_t)r))
			break;
		end -= w;
	}
	l->trim_end = end;
	l->trim_known = true;
	return end;
}

/* Inside an inline shortcode the only call allowed is its closing tag,
 * "{{< /name.inline " (the space is required). At l->pos: "{{<" or
 * "{{%". */
static bool inline_close_ok(lexer *l)
{
	size_t i = l->pos + 3;
	if (!l->cur_name)
		return false;
	while (i < l->n && is_ascii_space((unsigned char)l->s[i]))
		i++;
	if (i >= l->n || l->s[i] != '/')
		return false;
	i++;
	size_t end = trimmed_end(l);
	while (i < end) {
		uint32_t r;
		size_t w = utf8_decode(l->s + i, end - i, &r);
		if (!is_unicode_space((int32_t)r))
			break;
		i += w;
	}
	size_t nl = l->cur_name_len;
	return i < end && end - i >= nl + 1 &&
	       !memcmp(l->s + i, l->cur_name, nl) && l->s[i + nl] == ' ';
}

/* The start of the next "*" "/" followed by the right delimiter, from
 * l->pos; SIZE_MAX when there is none. */
static size_t find_comment_end(const lexer *l)
{
	const char *s = l->s + l->pos;
	size_t n = l->n - l->pos;
	for (size_t i = 0; i + 5 <= n;) {
		const char *star = memchr(s + i, '*', n - i - 4);
		if (!star)
			break;
		i = (size_t)(star - s);
		if (s[i + 1] == '/' && !memcmp(s + i + 2, l->rdelim, 3))
			return i;
		i++;
	}
	return SIZE_MAX;
}

/* One call (or comment) starting at l->pos. */
static void lex_call(lexer *l)
{
	size_t at = l->pos;
	int line, col;
	lx_where(l, at, &line, &col);
	l->start = at;
	if (l->in_inline && !inline_close_ok(l)) {
		lx_fail_at(l, at, line, col,
			   "inline shortcodes do not support nesting");
		return;
	}
	bool markup = l->s[at + 2] == '%';
	l->rdelim = markup ? "%}}" : ">}}";
	l->pos = at + 3;
	if (lx_has_prefix(l, "/*", 2)) {
		/* "{{</" "*" ... "*" "/>}}": text, not a call
		 * (lexShortcodeComment) */
		size_t i = find_comment_end(l);
		if (i == SIZE_MAX || i <= 1) {
			lx_fail_at(l, at, line, col, "comment must be closed");
			return;
		}
		l->pos += i + 5;
		l->start = l->pos;
		return;
	}
	l->start = l->pos;
	l->step = 0;
	l->pelems = 0;
	l->ntoks = 0;
	for (;;) {
		in_result r = lex_inside(l);
		if (r == IN_MORE)
			continue;
		if (r == IN_END) {
			l->closing = 0;
			l->pos += 3;
			l->start = l->pos;
			extract(l, at, line, col, markup, true);
			return;
		}
		break;
	}
	/* the lexer failed (or memory ran out) inside this call: an error
	 * extractShortcode finds in the items before it comes first */
	if (l->oom || !l->out->failed)
		return;
	sc_page saved = *l->out;
	l->out->failed = false;
	l->stop = false;
	if (extract(l, at, line, col, markup, false)) {
		*l->out = saved;
		l->stop = true;
	}
}

bool shortcode_scan(const char *text, size_t len, int first_line, arena *a,
		    sc_page *out)
{
	memset(out, 0, sizeof(*out));
	lexer l;
	memset(&l, 0, sizeof(l));
	l.s = text;
	l.n = text ? len : 0;
	l.a = a;
	l.out = out;
	l.first_line = first_line;
	l.line = first_line;
	l.col = 1;
	l.rdelim = ">}}";

	while (!l.stop && l.pos + 1 < l.n) {
		const char *p = memchr(l.s + l.pos, '{', l.n - l.pos - 1);
		if (!p)
			break;
		l.pos = (size_t)(p - l.s);
		if (l.s[l.pos + 1] != '{') {
			l.pos++;
			continue;
		}
		if (l.pos + 2 < l.n &&
		    (l.s[l.pos + 2] == '<' || l.s[l.pos + 2] == '%'))
			lex_call(&l);
		else
			l.pos++;
	}
	return !l.oom;
}

const sc_param *shortcode_get(const sc_call *c, const char *name)
{
	if (!c || !name || !c->named)
		return NULL;
	/* a map in Hugo: the last of two equal names wins */
	for (size_t i = c->nparams; i-- > 0;)
		if (c->params[i].name && !strcmp(c->params[i].name, name))
			return &c->params[i];
	return NULL;
}

const sc_param *shortcode_get_pos(const sc_call *c, size_t index)
{
	if (!c || c->named || index >= c->nparams)
		return NULL;
	return &c->params[index];
}

/* --- Item.ValTyped ---------------------------------------------------- */

/* digits[0..n) (no sign, leading zeros allowed) <= limit (no leading
 * zeros) */
static bool digits_le(const char *d, size_t n, const char *limit)
{
	while (n > 1 && *d == '0') {
		d++;
		n--;
	}
	size_t ln = strlen(limit);
	if (n != ln)
		return n < ln;
	return memcmp(d, limit, n) <= 0;
}

/* 2^1024 - 2^970: the smallest value strconv.ParseFloat rounds to +Inf
 * (and so refuses with ErrRange) */
static const char float_overflow[] =
    "17976931348623158079372897140530341507993413271003782693617377898044"
    "49682927647509466490179775872070963302864166928879109465555478519404"
    "02630657488671505820681908902000708383676273854845817711531764475730"
    "27006985557136695962284291481986083493647529271907416844436551070434"
    "2711559699508093042880177904174497792";

/* boolRe, intRe (and strconv.Atoi), floatRe (and strconv.ParseFloat) of
 * parser/pageparser/item.go */
static sc_type value_type(const char *v, size_t n)
{
	if ((n == 4 && !memcmp(v, "true", 4)) || (n == 5 && !memcmp(v, "false", 5)))
		return SC_BOOL;
	size_t i = 0;
	bool neg = false;
	if (i < n && (v[i] == '+' || v[i] == '-'))
		neg = v[i++] == '-';
	size_t d0 = i;
	while (i < n && v[i] >= '0' && v[i] <= '9')
		i++;
	size_t nd = i - d0;
	if (i == n)
		return nd && digits_le(v + d0, nd,
				       neg ? "9223372036854775808"
					   : "9223372036854775807")
			   ? SC_INT
			   : SC_STRING;
	if (v[i] != '.')
		return SC_STRING;
	size_t f0 = ++i;
	while (i < n && v[i] >= '0' && v[i] <= '9')
		i++;
	if (i != n || i == f0)
		return SC_STRING;
	/* below the overflow bound when its integer part is */
	size_t k = d0, kn = nd;
	while (kn && v[k] == '0') {
		k++;
		kn--;
	}
	size_t fl = sizeof(float_overflow) - 1;
	if (kn < fl || (kn == fl && memcmp(v + k, float_overflow, fl) < 0))
		return SC_FLOAT;
	return SC_STRING;
}

/* --- Unicode ---------------------------------------------------------- */

/* Code points from U+0080 up that unicode.IsLetter or unicode.IsDigit
 * accepts (general categories L* and Nd), Unicode 14.0, as inclusive
 * ranges. Generated from Python's unicodedata; Go 1.21+ uses Unicode 15,
 * which adds a few hundred letters in new scripts: those count as
 * non-letters here. */
static const uint32_t sc_alnum[][2] = {
	{0xAA, 0xAA}, {0xB5, 0xB5}, {0xBA, 0xBA}, {0xC0, 0xD6}, {0xD8, 0xF6},
	{0xF8, 0x2C1}, {0x2C6, 0x2D1}, {0x2E0, 0x2E4}, {0x2EC, 0x2EC},
	{0x2EE, 0x2EE}, {0x370, 0x374}, {0x376, 0x377}, {0x37A, 0x37D},
	{0x37F, 0x37F}, {0x386, 0x386}, {0x388, 0x38A}, {0x38C, 0x38C},
	{0x38E, 0x3A1}, {0x3A3, 0x3F5}, {0x3F7, 0x481}, {0x48A, 0x52F},
	{0x531, 0x556}, {0x559, 0x559}, {0x560, 0x588}, {0x5D0, 0x5EA},
	{0x5EF, 0x5F2}, {0x620, 0x64A}, {0x660, 0x669}, {0x66E, 0x66F},
	{0x671, 0x6D3}, {0x6D5, 0x6D5}, {0x6E5, 0x6E6}, {0x6EE, 0x6FC},
	{0x6FF, 0x6FF}, {0x710, 0x710}, {0x712, 0x72F}, {0x74D, 0x7A5},
	{0x7B1, 0x7B1}, {0x7C0, 0x7EA}, {0x7F4, 0x7F5}, {0x7FA, 0x7FA},
	{0x800, 0x815}, {0x81A, 0x81A}, {0x824, 0x824}, {0x828, 0x828},
	{0x840, 0x858}, {0x860, 0x86A}, {0x870, 0x887}, {0x889, 0x88E},
	{0x8A0, 0x8C9}, {0x904, 0x939}, {0x93D, 0x93D}, {0x950, 0x950},
	{0x958, 0x961}, {0x966, 0x96F}, {0x971, 0x980}, {0x985, 0x98C},
	{0x98F, 0x990}, {0x993, 0x9A8}, {0x9AA, 0x9B0}, {0x9B2, 0x9B2},
	{0x9B6, 0x9B9}, {0x9BD, 0x9BD}, {0x9CE, 0x9CE}, {0x9DC, 0x9DD},
	{0x9DF, 0x9E1}, {0x9E6, 0x9F1}, {0x9FC, 0x9FC}, {0xA05, 0xA0A},
	{0xA0F, 0xA10}, {0xA13, 0xA28}, {0xA2A, 0xA30}, {0xA32, 0xA33},
	{0xA35, 0xA36}, {0xA38, 0xA39}, {0xA59, 0xA5C}, {0xA5E, 0xA5E},
	{0xA66, 0xA6F}, {0xA72, 0xA74}, {0xA85, 0xA8D}, {0xA8F, 0xA91},
	{0xA93, 0xAA8}, {0xAAA, 0xAB0}, {0xAB2, 0xAB3}, {0xAB5, 0xAB9},
	{0xABD, 0xABD}, {0xAD0, 0xAD0}, {0xAE0, 0xAE1}, {0xAE6, 0xAEF},
	{0xAF9, 0xAF9}, {0xB05, 0xB0C}, {0xB0F, 0xB10}, {0xB13, 0xB28},
	{0xB2A, 0xB30}, {0xB32, 0xB33}, {0xB35, 0xB39}, {0xB3D, 0xB3D},
	{0xB5C, 0xB5D}, {0xB5F, 0xB61}, {0xB66, 0xB6F}, {0xB71, 0xB71},
	{0xB83, 0xB83}, {0xB85, 0xB8A}, {0xB8E, 0xB90}, {0xB92, 0xB95},
	{0xB99, 0xB9A}, {0xB9C, 0xB9C}, {0xB9E, 0xB9F}, {0xBA3, 0xBA4},
	{0xBA8, 0xBAA}, {0xBAE, 0xBB9}, {0xBD0, 0xBD0}, {0xBE6, 0xBEF},
	{0xC05, 0xC0C}, {0xC0E, 0xC10}, {0xC12, 0xC28}, {0xC2A, 0xC39},
	{0xC3D, 0xC3D}, {0xC58, 0xC5A}, {0xC5D, 0xC5D}, {0xC60, 0xC61},
	{0xC66, 0xC6F}, {0xC80, 0xC80}, {0xC85, 0xC8C}, {0xC8E, 0xC90},
	{0xC92, 0xCA8}, {0xCAA, 0xCB3}, {0xCB5, 0xCB9}, {0xCBD, 0xCBD},
	{0xCDD, 0xCDE}, {0xCE0, 0xCE1}, {0xCE6, 0xCEF}, {0xCF1, 0xCF2},
	{0xD04, 0xD0C}, {0xD0E, 0xD10}, {0xD12, 0xD3A}, {0xD3D, 0xD3D},
	{0xD4E, 0xD4E}, {0xD54, 0xD56}, {0xD5F, 0xD61}, {0xD66, 0xD6F},
	{0xD7A, 0xD7F}, {0xD85, 0xD96}, {0xD9A, 0xDB1}, {0xDB3, 0xDBB},
	{0xDBD, 0xDBD}, {0xDC0, 0xDC6}, {0xDE6, 0xDEF}, {0xE01, 0xE30},
	{0xE32, 0xE33}, {0xE40, 0xE46}, {0xE50, 0xE59}, {0xE81, 0xE82},
	{0xE84, 0xE84}, {0xE86, 0xE8A}, {0xE8C, 0xEA3}, {0xEA5, 0xEA5},
	{0xEA7, 0xEB0}, {0xEB2, 0xEB3}, {0xEBD, 0xEBD}, {0xEC0, 0xEC4},
	{0xEC6, 0xEC6}, {0xED0, 0xED9}, {0xEDC, 0xEDF}, {0xF00, 0xF00},
	{0xF20, 0xF29}, {0xF40, 0xF47}, {0xF49, 0xF6C}, {0xF88, 0xF8C},
	{0x1000, 0x102A}, {0x103F, 0x1049}, {0x1050, 0x1055},
	{0x105A, 0x105D}, {0x1061, 0x1061}, {0x1065, 0x1066},
	{0x106E, 0x1070}, {0x1075, 0x1081}, {0x108E, 0x108E},
	{0x1090, 0x1099}, {0x10A0, 0x10C5}, {0x10C7, 0x10C7},
	{0x10CD, 0x10CD}, {0x10D0, 0x10FA}, {0x10FC, 0x1248},
	{0x124A, 0x124D}, {0x1250, 0x1256}, {0x1258, 0x1258},
	{0x125A, 0x125D}, {0x1260, 0x1288}, {0x128A, 0x128D},
	{0x1290, 0x12B0}, {0x12B2, 0x12B5}, {0x12B8, 0x12BE},
	{0x12C0, 0x12C0}, {0x12C2, 0x12C5}, {0x12C8, 0x12D6},
	{0x12D8, 0x1310}, {0x1312, 0x1315}, {0x1318, 0x135A},
	{0x1380, 0x138F}, {0x13A0, 0x13F5}, {0x13F8, 0x13FD},
	{0x1401, 0x166C}, {0x166F, 0x167F}, {0x1681, 0x169A},
	{0x16A0, 0x16EA}, {0x16F1, 0x16F8}, {0x1700, 0x1711},
	{0x171F, 0x1731}, {0x1740, 0x1751}, {0x1760, 0x176C},
	{0x176E, 0x1770}, {0x1780, 0x17B3}, {0x17D7, 0x17D7},
	{0x17DC, 0x17DC}, {0x17E0, 0x17E9}, {0x1810, 0x1819},
	{0x1820, 0x1878}, {0x1880, 0x1884}, {0x1887, 0x18A8},
	{0x18AA, 0x18AA}, {0x18B0, 0x18F5}, {0x1900, 0x191E},
	{0x1946, 0x196D}, {0x1970, 0x1974}, {0x1980, 0x19AB},
	{0x19B0, 0x19C9}, {0x19D0, 0x19D9}, {0x1A00, 0x1A16},
	{0x1A20, 0x1A54}, {0x1A80, 0x1A89}, {0x1A90, 0x1A99},
	{0x1AA7, 0x1AA7}, {0x1B05, 0x1B33}, {0x1B45, 0x1B4C},
	{0x1B50, 0x1B59}, {0x1B83, 0x1BA0}, {0x1BAE, 0x1BE5},
	{0x1C00, 0x1C23}, {0x1C40, 0x1C49}, {0x1C4D, 0x1C7D},
	{0x1C80, 0x1C88}, {0x1C90, 0x1CBA}, {0x1CBD, 0x1CBF},
	{0x1CE9, 0x1CEC}, {0x1CEE, 0x1CF3}, {0x1CF5, 0x1CF6},
	{0x1CFA, 0x1CFA}, {0x1D00, 0x1DBF}, {0x1E00, 0x1F15},
	{0x1F18, 0x1F1D}, {0x1F20, 0x1F45}, {0x1F48, 0x1F4D},
	{0x1F50, 0x1F57}, {0x1F59, 0x1F59}, {0x1F5B, 0x1F5B},
	{0x1F5D, 0x1F5D}, {0x1F5F, 0x1F7D}, {0x1F80, 0x1FB4},
	{0x1FB6, 0x1FBC}, {0x1FBE, 0x1FBE}, {0x1FC2, 0x1FC4},
	{0x1FC6, 0x1FCC}, {0x1FD0, 0x1FD3}, {0x1FD6, 0x1FDB},
	{0x1FE0, 0x1FEC}, {0x1FF2, 0x1FF4}, {0x1FF6, 0x1FFC},
	{0x2071, 0x2071}, {0x207F, 0x207F}, {0x2090, 0x209C},
	{0x2102, 0x2102}, {0x2107, 0x2107}, {0x210A, 0x2113},
	{0x2115, 0x2115}, {0x2119, 0x211D}, {0x2124, 0x2124},
	{0x2126, 0x2126}, {0x2128, 0x2128}, {0x212A, 0x212D},
	{0x212F, 0x2139}, {0x213C, 0x213F}, {0x2145, 0x2149},
	{0x214E, 0x214E}, {0x2183, 0x2184}, {0x2C00, 0x2CE4},
	{0x2CEB, 0x2CEE}, {0x2CF2, 0x2CF3}, {0x2D00, 0x2D25},
	{0x2D27, 0x2D27}, {0x2D2D, 0x2D2D}, {0x2D30, 0x2D67},
	{0x2D6F, 0x2D6F}, {0x2D80, 0x2D96}, {0x2DA0, 0x2DA6},
	{0x2DA8, 0x2DAE}, {0x2DB0, 0x2DB6}, {0x2DB8, 0x2DBE},
	{0x2DC0, 0x2DC6}, {0x2DC8, 0x2DCE}, {0x2DD0, 0x2DD6},
	{0x2DD8, 0x2DDE}, {0x2E2F, 0x2E2F}, {0x3005, 0x3006},
	{0x3031, 0x3035}, {0x303B, 0x303C}, {0x3041, 0x3096},
	{0x309D, 0x309F}, {0x30A1, 0x30FA}, {0x30FC, 0x30FF},
	{0x3105, 0x312F}, {0x3131, 0x318E}, {0x31A0, 0x31BF},
	{0x31F0, 0x31FF}, {0x3400, 0x4DBF}, {0x4E00, 0xA48C},
	{0xA4D0, 0xA4FD}, {0xA500, 0xA60C}, {0xA610, 0xA62B},
	{0xA640, 0xA66E}, {0xA67F, 0xA69D}, {0xA6A0, 0xA6E5},
	{0xA717, 0xA71F}, {0xA722, 0xA788}, {0xA78B, 0xA7CA},
	{0xA7D0, 0xA7D1}, {0xA7D3, 0xA7D3}, {0xA7D5, 0xA7D9},
	{0xA7F2, 0xA801}, {0xA803, 0xA805}, {0xA807, 0xA80A},
	{0xA80C, 0xA822}, {0xA840, 0xA873}, {0xA882, 0xA8B3},
	{0xA8D0, 0xA8D9}, {0xA8F2, 0xA8F7}, {0xA8FB, 0xA8FB},
	{0xA8FD, 0xA8FE}, {0xA900, 0xA925}, {0xA930, 0xA946},
	{0xA960, 0xA97C}, {0xA984, 0xA9B2}, {0xA9CF, 0xA9D9},
	{0xA9E0, 0xA9E4}, {0xA9E6, 0xA9FE}, {0xAA00, 0xAA28},
	{0xAA40, 0xAA42}, {0xAA44, 0xAA4B}, {0xAA50, 0xAA59},
	{0xAA60, 0xAA76}, {0xAA7A, 0xAA7A}, {0xAA7E, 0xAAAF},
	{0xAAB1, 0xAAB1}, {0xAAB5, 0xAAB6}, {0xAAB9, 0xAABD},
	{0xAAC0, 0xAAC0}, {0xAAC2, 0xAAC2}, {0xAADB, 0xAADD},
	{0xAAE0, 0xAAEA}, {0xAAF2, 0xAAF4}, {0xAB01, 0xAB06},
	{0xAB09, 0xAB0E}, {0xAB11, 0xAB16}, {0xAB20, 0xAB26},
	{0xAB28, 0xAB2E}, {0xAB30, 0xAB5A}, {0xAB5C, 0xAB69},
	{0xAB70, 0xABE2}, {0xABF0, 0xABF9}, {0xAC00, 0xD7A3},
	{0xD7B0, 0xD7C6}, {0xD7CB, 0xD7FB}, {0xF900, 0xFA6D},
	{0xFA70, 0xFAD9}, {0xFB00, 0xFB06}, {0xFB13, 0xFB17},
	{0xFB1D, 0xFB1D}, {0xFB1F, 0xFB28}, {0xFB2A, 0xFB36},
	{0xFB38, 0xFB3C}, {0xFB3E, 0xFB3E}, {0xFB40, 0xFB41},
	{0xFB43, 0xFB44}, {0xFB46, 0xFBB1}, {0xFBD3, 0xFD3D},
	{0xFD50, 0xFD8F}, {0xFD92, 0xFDC7}, {0xFDF0, 0xFDFB},
	{0xFE70, 0xFE74}, {0xFE76, 0xFEFC}, {0xFF10, 0xFF19},
	{0xFF21, 0xFF3A}, {0xFF41, 0xFF5A}, {0xFF66, 0xFFBE},
	{0xFFC2, 0xFFC7}, {0xFFCA, 0xFFCF}, {0xFFD2, 0xFFD7},
	{0xFFDA, 0xFFDC}, {0x10000, 0x1000B}, {0x1000D, 0x10026},
	{0x10028, 0x1003A}, {0x1003C, 0x1003D}, {0x1003F, 0x1004D},
	{0x10050, 0x1005D}, {0x10080, 0x100FA}, {0x10280, 0x1029C},
	{0x102A0, 0x102D0}, {0x10300, 0x1031F}, {0x1032D, 0x10340},
	{0x10342, 0x10349}, {0x10350, 0x10375}, {0x10380, 0x1039D},
	{0x103A0, 0x103C3}, {0x103C8, 0x103CF}, {0x10400, 0x1049D},
	{0x104A0, 0x104A9}, {0x104B0, 0x104D3}, {0x104D8, 0x104FB},
	{0x10500, 0x10527}, {0x10530, 0x10563}, {0x10570, 0x1057A},
	{0x1057C, 0x1058A}, {0x1058C, 0x10592}, {0x10594, 0x10595},
	{0x10597, 0x105A1}, {0x105A3, 0x105B1}, {0x105B3, 0x105B9},
	{0x105BB, 0x105BC}, {0x10600, 0x10736}, {0x10740, 0x10755},
	{0x10760, 0x10767}, {0x10780, 0x10785}, {0x10787, 0x107B0},
	{0x107B2, 0x107BA}, {0x10800, 0x10805}, {0x10808, 0x10808},
	{0x1080A, 0x10835}, {0x10837, 0x10838}, {0x1083C, 0x1083C},
	{0x1083F, 0x10855}, {0x10860, 0x10876}, {0x10880, 0x1089E},
	{0x108E0, 0x108F2}, {0x108F4, 0x108F5}, {0x10900, 0x10915},
	{0x10920, 0x10939}, {0x10980, 0x109B7}, {0x109BE, 0x109BF},
	{0x10A00, 0x10A00}, {0x10A10, 0x10A13}, {0x10A15, 0x10A17},
	{0x10A19, 0x10A35}, {0x10A60, 0x10A7C}, {0x10A80, 0x10A9C},
	{0x10AC0, 0x10AC7}, {0x10AC9, 0x10AE4}, {0x10B00, 0x10B35},
	{0x10B40, 0x10B55}, {0x10B60, 0x10B72}, {0x10B80, 0x10B91},
	{0x10C00, 0x10C48}, {0x10C80, 0x10CB2}, {0x10CC0, 0x10CF2},
	{0x10D00, 0x10D23}, {0x10D30, 0x10D39}, {0x10E80, 0x10EA9},
	{0x10EB0, 0x10EB1}, {0x10F00, 0x10F1C}, {0x10F27, 0x10F27},
	{0x10F30, 0x10F45}, {0x10F70, 0x10F81}, {0x10FB0, 0x10FC4},
	{0x10FE0, 0x10FF6}, {0x11003, 0x11037}, {0x11066, 0x1106F},
	{0x11071, 0x11072}, {0x11075, 0x11075}, {0x11083, 0x110AF},
	{0x110D0, 0x110E8}, {0x110F0, 0x110F9}, {0x11103, 0x11126},
	{0x11136, 0x1113F}, {0x11144, 0x11144}, {0x11147, 0x11147},
	{0x11150, 0x11172}, {0x11176, 0x11176}, {0x11183, 0x111B2},
	{0x111C1, 0x111C4}, {0x111D0, 0x111DA}, {0x111DC, 0x111DC},
	{0x11200, 0x11211}, {0x11213, 0x1122B}, {0x11280, 0x11286},
	{0x11288, 0x11288}, {0x1128A, 0x1128D}, {0x1128F, 0x1129D},
	{0x1129F, 0x112A8}, {0x112B0, 0x112DE}, {0x112F0, 0x112F9},
	{0x11305, 0x1130C}, {0x1130F, 0x11310}, {0x11313, 0x11328},
	{0x1132A, 0x11330}, {0x11332, 0x11333}, {0x11335, 0x11339},
	{0x1133D, 0x1133D}, {0x11350, 0x11350}, {0x1135D, 0x11361},
	{0x11400, 0x11434}, {0x11447, 0x1144A}, {0x11450, 0x11459},
	{0x1145F, 0x11461}, {0x11480, 0x114AF}, {0x114C4, 0x114C5},
	{0x114C7, 0x114C7}, {0x114D0, 0x114D9}, {0x11580, 0x115AE},
	{0x115D8, 0x115DB}, {0x11600, 0x1162F}, {0x11644, 0x11644},
	{0x11650, 0x11659}, {0x11680, 0x116AA}, {0x116B8, 0x116B8},
	{0x116C0, 0x116C9}, {0x11700, 0x1171A}, {0x11730, 0x11739},
	{0x11740, 0x11746}, {0x11800, 0x1182B}, {0x118A0, 0x118E9},
	{0x118FF, 0x11906}, {0x11909, 0x11909}, {0x1190C, 0x11913},
	{0x11915, 0x11916}, {0x11918, 0x1192F}, {0x1193F, 0x1193F},
	{0x11941, 0x11941}, {0x11950, 0x11959}, {0x119A0, 0x119A7},
	{0x119AA, 0x119D0}, {0x119E1, 0x119E1}, {0x119E3, 0x119E3},
	{0x11A00, 0x11A00}, {0x11A0B, 0x11A32}, {0x11A3A, 0x11A3A},
	{0x11A50, 0x11A50}, {0x11A5C, 0x11A89}, {0x11A9D, 0x11A9D},
	{0x11AB0, 0x11AF8}, {0x11C00, 0x11C08}, {0x11C0A, 0x11C2E},
	{0x11C40, 0x11C40}, {0x11C50, 0x11C59}, {0x11C72, 0x11C8F},
	{0x11D00, 0x11D06}, {0x11D08, 0x11D09}, {0x11D0B, 0x11D30},
	{0x11D46, 0x11D46}, {0x11D50, 0x11D59}, {0x11D60, 0x11D65},
	{0x11D67, 0x11D68}, {0x11D6A, 0x11D89}, {0x11D98, 0x11D98},
	{0x11DA0, 0x11DA9}, {0x11EE0, 0x11EF2}, {0x11FB0, 0x11FB0},
	{0x12000, 0x12399}, {0x12480, 0x12543}, {0x12F90, 0x12FF0},
	{0x13000, 0x1342E}, {0x14400, 0x14646}, {0x16800, 0x16A38},
	{0x16A40, 0x16A5E}, {0x16A60, 0x16A69}, {0x16A70, 0x16ABE},
	{0x16AC0, 0x16AC9}, {0x16AD0, 0x16AED}, {0x16B00, 0x16B2F},
	{0x16B40, 0x16B43}, {0x16B50, 0x16B59}, {0x16B63, 0x16B77},
	{0x16B7D, 0x16B8F}, {0x16E40, 0x16E7F}, {0x16F00, 0x16F4A},
	{0x16F50, 0x16F50}, {0x16F93, 0x16F9F}, {0x16FE0, 0x16FE1},
	{0x16FE3, 0x16FE3}, {0x17000, 0x187F7}, {0x18800, 0x18CD5},
	{0x18D00, 0x18D08}, {0x1AFF0, 0x1AFF3}, {0x1AFF5, 0x1AFFB},
	{0x1AFFD, 0x1AFFE}, {0x1B000, 0x1B122}, {0x1B150, 0x1B152},
	{0x1B164, 0x1B167}, {0x1B170, 0x1B2FB}, {0x1BC00, 0x1BC6A},
	{0x1BC70, 0x1BC7C}, {0x1BC80, 0x1BC88}, {0x1BC90, 0x1BC99},
	{0x1D400, 0x1D454}, {0x1D456, 0x1D49C}, {0x1D49E, 0x1D49F},
	{0x1D4A2, 0x1D4A2}, {0x1D4A5, 0x1D4A6}, {0x1D4A9, 0x1D4AC},
	{0x1D4AE, 0x1D4B9}, {0x1D4BB, 0x1D4BB}, {0x1D4BD, 0x1D4C3},
	{0x1D4C5, 0x1D505}, {0x1D507, 0x1D50A}, {0x1D50D, 0x1D514},
	{0x1D516, 0x1D51C}, {0x1D51E, 0x1D539}, {0x1D53B, 0x1D53E},
	{0x1D540, 0x1D544}, {0x1D546, 0x1D546}, {0x1D54A, 0x1D550},
	{0x1D552, 0x1D6A5}, {0x1D6A8, 0x1D6C0}, {0x1D6C2, 0x1D6DA},
	{0x1D6DC, 0x1D6FA}, {0x1D6FC, 0x1D714}, {0x1D716, 0x1D734},
	{0x1D736, 0x1D74E}, {0x1D750, 0x1D76E}, {0x1D770, 0x1D788},
	{0x1D78A, 0x1D7A8}, {0x1D7AA, 0x1D7C2}, {0x1D7C4, 0x1D7CB},
	{0x1D7CE, 0x1D7FF}, {0x1DF00, 0x1DF1E}, {0x1E100, 0x1E12C},
	{0x1E137, 0x1E13D}, {0x1E140, 0x1E149}, {0x1E14E, 0x1E14E},
	{0x1E290, 0x1E2AD}, {0x1E2C0, 0x1E2EB}, {0x1E2F0, 0x1E2F9},
	{0x1E7E0, 0x1E7E6}, {0x1E7E8, 0x1E7EB}, {0x1E7ED, 0x1E7EE},
	{0x1E7F0, 0x1E7FE}, {0x1E800, 0x1E8C4}, {0x1E900, 0x1E943},
	{0x1E94B, 0x1E94B}, {0x1E950, 0x1E959}, {0x1EE00, 0x1EE03},
	{0x1EE05, 0x1EE1F}, {0x1EE21, 0x1EE22}, {0x1EE24, 0x1EE24},
	{0x1EE27, 0x1EE27}, {0x1EE29, 0x1EE32}, {0x1EE34, 0x1EE37},
	{0x1EE39, 0x1EE39}, {0x1EE3B, 0x1EE3B}, {0x1EE42, 0x1EE42},
	{0x1EE47, 0x1EE47}, {0x1EE49, 0x1EE49}, {0x1EE4B, 0x1EE4B},
	{0x1EE4D, 0x1EE4F}, {0x1EE51, 0x1EE52}, {0x1EE54, 0x1EE54},
	{0x1EE57, 0x1EE57}, {0x1EE59, 0x1EE59}, {0x1EE5B, 0x1EE5B},
	{0x1EE5D, 0x1EE5D}, {0x1EE5F, 0x1EE5F}, {0x1EE61, 0x1EE62},
	{0x1EE64, 0x1EE64}, {0x1EE67, 0x1EE6A}, {0x1EE6C, 0x1EE72},
	{0x1EE74, 0x1EE77}, {0x1EE79, 0x1EE7C}, {0x1EE7E, 0x1EE7E},
	{0x1EE80, 0x1EE89}, {0x1EE8B, 0x1EE9B}, {0x1EEA1, 0x1EEA3},
	{0x1EEA5, 0x1EEA9}, {0x1EEAB, 0x1EEBB}, {0x1FBF0, 0x1FBF9},
	{0x20000, 0x2A6DF}, {0x2A700, 0x2B738}, {0x2B740, 0x2B81D},
	{0x2B820, 0x2CEA1}, {0x2CEB0, 0x2EBE0}, {0x2F800, 0x2FA1D},
	{0x30000, 0x3134A},
};

/* Code points from U+0080 up that strconv.IsPrint refuses, except the
 * unassigned ones (Cn), which this treats as printable: controls,
 * format characters, separators other than U+0020, surrogates and
 * private use (Cc, Cf, Z*, Cs, Co). Only %#U in one message uses it. */
static const uint32_t sc_unprintable[][2] = {
	{0x80, 0xA0}, {0xAD, 0xAD}, {0x600, 0x605}, {0x61C, 0x61C},
	{0x6DD, 0x6DD}, {0x70F, 0x70F}, {0x890, 0x891}, {0x8E2, 0x8E2},
	{0x1680, 0x1680}, {0x180E, 0x180E}, {0x2000, 0x200F},
	{0x2028, 0x202F}, {0x205F, 0x2064}, {0x2066, 0x206F},
	{0x3000, 0x3000}, {0xD800, 0xF8FF}, {0xFEFF, 0xFEFF},
	{0xFFF9, 0xFFFB}, {0x110BD, 0x110BD}, {0x110CD, 0x110CD},
	{0x13430, 0x13438}, {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A},
	{0xE0001, 0xE0001}, {0xE0020, 0xE007F}, {0xF0000, 0xFFFFD},
	{0x100000, 0x10FFFD},
};

static bool in_ranges(const uint32_t (*t)[2], size_t n, uint32_t r)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (r < t[mid][0])
			hi = mid;
		else if (r > t[mid][1])
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

static bool sc_is_alnum_table(uint32_t r)
{
	return in_ranges(sc_alnum, sizeof(sc_alnum) / sizeof(*sc_alnum), r);
}

static bool sc_is_print(int32_t r)
{
	if (r < 0x20 || r == 0x7F)
		return false;
	if (r < 0x80)
		return true;
	return !in_ranges(sc_unprintable,
			  sizeof(sc_unprintable) / sizeof(*sc_unprintable),
			  (uint32_t)r);
}

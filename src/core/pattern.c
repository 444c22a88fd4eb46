/* pattern.c: PCRE2 with JIT when available, under match and depth limits. */
#include "teamtui/pattern.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Enough for any sane role regex over a role string (a few hundred bytes);
 * a pattern that needs more is backtracking exponentially. */
enum { MATCH_LIMIT = 200000, DEPTH_LIMIT = 10000 };

/* The JIT costs about as much as 40 interpreted matches of a role regex
 * (20 us against 0.5 us, on a role of 150 bytes): a regex the literal
 * index hands a few roles is cheaper interpreted. */
enum { JIT_AFTER = 64 };

struct pattern {
	char *required; /* a literal every match contains, or NULL */
	size_t required_len;
	pcre2_code *code;
	/* made on the first match, not at compile time: a roster of 3,000
	 * groups has 6,000 regexes and a `show` runs two of them (the JIT is
	 * four fifths of compiling). One per pattern: the model is
	 * single-threaded. */
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	bool prepared, jit_tried;
	unsigned calls; /* matches run by the interpreter, up to JIT_AFTER */
	char *source;
};

/* Skip a character class starting at re[i] == '['; returns the index just
 * after its closing ']'. */
static size_t skip_class(const char *re, size_t i)
{
	size_t n = strlen(re);
	i++;
	if (re[i] == '^')
		i++;
	if (re[i] == ']') /* a leading ] is literal */
		i++;
	while (i < n && re[i] != ']') {
		if (re[i] == '\\' && i + 1 < n)
			i += 2;
		else if (re[i] == '[' && re[i + 1] == ':') {
			/* [:alpha:] or [:^alpha:]; anything else is a literal
			 * '[' (as PCRE2 and RE2 read it): never search ahead
			 * for a ":]" further on */
			size_t k = i + 2 + (re[i + 2] == '^');
			while (re[k] >= 'a' && re[k] <= 'z')
				k++;
			i = re[k] == ':' && re[k + 1] == ']' ? k + 2 : i + 1;
		} else
			i++;
	}
	return i < n ? i + 1 : n;
}

/* Length of a counted repetition {n}, {n,} or {n,m} at s, else 0 (then
 * the brace is a literal, in RE2 as in PCRE). */
static size_t counted_repeat(const char *s)
{
	size_t i = 1, d = strspn(s + i, "0123456789");
	if (!d)
		return 0;
	i += d;
	if (s[i] == ',')
		i += 1 + strspn(s + i + 1, "0123456789");
	return s[i] == '}' ? i + 1 : 0;
}

/* What RE2 says of the escape at re[0] == '\\' (NULL: fine). Go reads
 * \1..\7 followed by a digit as octal, a lone digit as a backreference. */
static const char *escape_problem(const char *re)
{
	char e = re[1];
	if (e >= '1' && e <= '9') {
		if (e <= '7' && re[2] >= '0' && re[2] <= '7')
			return NULL;
		return "backreferences are not RE2 syntax";
	}
	if (e && strchr("gkKGZRXhHVNceo", e))
		return "this escape is not RE2 syntax";
	return NULL;
}

const char *pattern_re2_problem(const char *re, size_t *offset)
{
	size_t n = strlen(re);
	bool after_quant = false;
	for (size_t i = 0; i < n;) {
		char c = re[i];
		*offset = i;
		if (c == '\\') {
			char e = re[i + 1];
			if (e == 'Q') { /* literal text up to \E */
				const char *end = strstr(re + i + 2, "\\E");
				i = end ? (size_t)(end - re) + 2 : n;
				after_quant = false;
				continue;
			}
			const char *problem = escape_problem(re + i);
			if (problem)
				return problem;
			i += e ? 2 : 1;
			after_quant = false;
			continue;
		}
		if (c == '[') {
			size_t end = skip_class(re, i);
			for (size_t k = i + 1; k < end; k++) { /* escapes inside */
				*offset = k;
				if (re[k] == '\\' && escape_problem(re + k))
					return escape_problem(re + k);
				k += re[k] == '\\';
			}
			i = end;
			after_quant = false;
			continue;
		}
		if (c == '(' && re[i + 1] == '*')
			return "(* verbs are not RE2 syntax";
		if (c == '(' && re[i + 1] == '?') {
			const char *g = re + i + 2;
			if (*g == 'P' && g[1] == '<')
				; /* named group (?P<name>...) */
			else if (*g == '<' && g[1] != '=' && g[1] != '!')
				; /* named group (?<name>...) */
			else {
				size_t k = strspn(g, "imsU-");
				if (g[k] != ':' && g[k] != ')')
					return "lookaround, atomic groups and other (? constructs are not RE2 syntax";
			}
		}
		size_t qlen = c == '{' ? counted_repeat(re + i) : 0;
		if (qlen && atoi(re + i + 1) > 1000)
			return "repeat count over 1000";
		if (qlen && strchr(re + i, ',') && strchr(re + i, ',') < re + i + qlen &&
		    atoi(strchr(re + i, ',') + 1) > 1000)
			return "repeat count over 1000";
		if (c == '*' || c == '+' || c == '?' || qlen) {
			if (after_quant && c == '+')
				return "possessive quantifiers are not RE2 syntax";
			if (after_quant && c != '?')
				return "invalid nested repetition operator";
			/* a lazy '?' ends the quantifier */
			after_quant = !(after_quant && c == '?');
			i += qlen ? qlen : 1;
			continue;
		}
		after_quant = false;
		i++;
	}
	return NULL;
}

/* Bytes the escape at re[0] == '\\' spans, whatever follows it that is
 * part of it: \x{...} and \xHH, \p{...} and \pL, octal \0oo and \1oo (a
 * digit after \1..\7 makes it octal: see escape_problem); else 2. */
static size_t escape_len(const char *re)
{
	char e = re[1];
	size_t k = 2;
	if (!e)
		return 1;
	if ((e == 'x' || e == 'p' || e == 'P') && re[2] == '{') {
		const char *end = strchr(re + 3, '}');
		return end ? (size_t)(end - re) + 1 : strlen(re);
	}
	if (e == 'x')
		while (k < 4 && re[k] && strchr("0123456789abcdefABCDEF", re[k]))
			k++;
	else if (e == 'p' || e == 'P')
		k = re[2] ? 3 : 2;
	else if (e >= '0' && e <= '7')
		while (k < 4 && re[k] >= '0' && re[k] <= '7')
			k++;
	return k;
}

/* The longest literal run at the top level of re that every match must
 * contain ("Custom Models" in "Engineering Manager(.*)Custom Models"), so
 * most non-matching roles are rejected by strstr without running the
 * regex. Conservative: none when there is a top-level '|', any flag or a
 * \Q...\E quote or a stray \E (a no-op a quantifier skips over); escapes, classes and counted repeats ({1000}) are never
 * part of a run. */
static char *required_literal(const char *re, size_t *len)
{
	if (strstr(re, "(?") || strstr(re, "\\Q") || strstr(re, "\\E"))
		return NULL;
	int depth = 0;
	for (const char *p = re; *p;) {
		if (*p == '\\') {
			p += escape_len(p);
			continue;
		}
		if (*p == '[')
			p = re + skip_class(re, (size_t)(p - re)) - 1;
		else if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		else if (*p == '|' && depth == 0)
			return NULL;
		p++;
	}
	size_t best = 0, best_at = 0;
	depth = 0;
	for (size_t i = 0; re[i];) {
		if (depth == 0 && !strchr("\\.^$|()[]{}*+?", re[i])) {
			size_t j = i;
			while (re[j] && !strchr("\\.^$|()[]{}*+?", re[j]))
				j++;
			size_t n = j - i;
			if (re[j] && strchr("*?{", re[j]) && n) {
				/* the last character is optional: all of its bytes */
				n--;
				while (n && ((unsigned char)re[i + n] & 0xC0) == 0x80)
					n--;
			}
			if (n > best) {
				best = n;
				best_at = i;
			}
			i = j;
			continue;
		}
		size_t q = re[i] == '{' ? counted_repeat(re + i) : 0;
		if (re[i] == '\\')
			i += escape_len(re + i);
		else if (re[i] == '[')
			i = skip_class(re, i);
		else if (q)
			i += q;
		else {
			depth += (re[i] == '(') - (re[i] == ')');
			i++;
		}
	}
	if (best < 3) /* too short to be worth a pre-check */
		return NULL;
	*len = best;
	return strndup(re + best_at, best);
}

pattern *pattern_compile(const char *re, char *err, size_t errsize,
			 size_t *erroffset)
{
	size_t off = 0;
	const char *problem = pattern_re2_problem(re, &off);
	if (problem) {
		snprintf(err, errsize, "%s", problem);
		*erroffset = off + 1;
		return NULL;
	}
	int code;
	PCRE2_SIZE eoff;
	/* DOLLAR_ENDONLY: RE2's $ without (?m) matches only at the very end */
	pcre2_code *c = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED,
				      PCRE2_UTF | PCRE2_DOLLAR_ENDONLY |
					  PCRE2_NEVER_BACKSLASH_C |
					  PCRE2_MATCH_INVALID_UTF,
				      &code, &eoff, NULL);
	if (!c) {
		PCRE2_UCHAR buf[256];
		pcre2_get_error_message(code, buf, sizeof(buf));
		snprintf(err, errsize, "%s", (const char *)buf);
		*erroffset = (size_t)eoff + 1;
		return NULL;
	}
	pattern *p = calloc(1, sizeof(*p));
	if (!p) {
		pcre2_code_free(c);
		snprintf(err, errsize, "out of memory");
		*erroffset = 0;
		return NULL;
	}
	p->code = c;
	p->source = strdup(re);
	p->required = required_literal(re, &p->required_len);
	if (!p->source) {
		pattern_free(p);
		snprintf(err, errsize, "out of memory");
		*erroffset = 0;
		return NULL;
	}
	return p;
}

/* The first match's set-up: the match data and the limits; after
 * JIT_AFTER matches, the JIT (optional: the interpreter answers the same,
 * under the same limits). False when out of memory. */
static bool prepare(pattern *p)
{
	if (p->prepared) {
		if (!p->jit_tried && ++p->calls > JIT_AFTER) {
			p->jit_tried = true;
			pcre2_jit_compile(p->code, PCRE2_JIT_COMPLETE);
		}
		return true;
	}
	p->md = pcre2_match_data_create_from_pattern(p->code, NULL);
	p->mctx = pcre2_match_context_create(NULL);
	if (!p->md || !p->mctx) {
		pcre2_match_data_free(p->md);
		pcre2_match_context_free(p->mctx);
		p->md = NULL;
		p->mctx = NULL;
		return false;
	}
	pcre2_set_match_limit(p->mctx, MATCH_LIMIT);
	pcre2_set_depth_limit(p->mctx, DEPTH_LIMIT);
	p->prepared = true;
	return true;
}

void pattern_free(pattern *p)
{
	if (!p)
		return;
	pcre2_match_data_free(p->md);
	pcre2_match_context_free(p->mctx);
	pcre2_code_free(p->code);
	free(p->source);
	free(p->required);
	free(p);
}

/* The match itself, the literal pre-check done or known to pass. */
static pattern_result run(const pattern *cp, const char *subject, size_t len)
{
	/* the set-up is a cache, not a change of what the pattern is */
	pattern *p = (pattern *)cp;
	if (!prepare(p))
		return PATTERN_LIMIT; /* out of memory: "gave up", as a limit */
	int rc = pcre2_match(p->code, (PCRE2_SPTR)subject, len, 0, 0, p->md,
			     p->mctx);
	if (rc >= 0)
		return PATTERN_MATCH;
	if (rc == PCRE2_ERROR_NOMATCH)
		return PATTERN_NO_MATCH;
	return PATTERN_LIMIT;
}

pattern_result pattern_match(const pattern *p, const char *subject,
			     size_t len)
{
	if (p->required && !strstr(subject, p->required))
		return PATTERN_NO_MATCH;
	return run(p, subject, len);
}

pattern_result pattern_match_candidate(const pattern *p, const char *subject,
				       size_t len)
{
	return run(p, subject, len);
}

const char *pattern_required(const pattern *p)
{
	return p->required;
}

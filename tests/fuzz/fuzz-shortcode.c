/* fuzz-shortcode: the Hugo shortcode lexer, shortcode_scan, and the
 * parameter look-ups shortcode_get and shortcode_get_pos.
 *
 * Feeds: the raw input, every byte of it (NULs included), as a page body,
 * scanned with first_line 1 and again with first_line 100.
 * Asserts: no memory error, leak or undefined behaviour; the scan never
 * runs out of memory; calls are in page order, do not overlap, and each
 * one lies inside the input (offset < end <= size), starts with "{{<" or
 * "{{%" (as `markup` says) and ends with the matching ">}}" or "%}}"; the
 * line and column of each call, parameter and error are what counting
 * the input again gives (lines end at \n, \r\n or \r; columns count code
 * points), and move by exactly 99 lines with first_line 100; parameters
 * lie inside their call, values are NUL-terminated at `len`, names are
 * there exactly on named calls, types agree with the value (a quoted
 * value is a string; bool, int and float look like Hugo's regexps);
 * shortcode_get and shortcode_get_pos find each parameter as Hugo's .Get
 * would; the error, if any, has a message and a position within the
 * input after the last call; the scan is deterministic, and scanning only
 * the input up to the end of the last call finds the same calls and no
 * error. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"
#include "teamtui/arena.h"
#include "teamtui/shortcode.h"
#include "teamtui/utf8.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

/* Line (from 1) and column of byte `off`, counted from the start. */
static void where(const char *s, size_t off, int *line, int *col)
{
	int ln = 1, cl = 1;
	size_t i = 0;
	while (i < off) {
		if (s[i] == '\r' || s[i] == '\n') {
			if (!(s[i] == '\n' && i > 0 && s[i - 1] == '\r'))
				ln++;
			cl = 1;
			i++;
		} else {
			uint32_t cp;
			i += utf8_decode(s + i, off - i, &cp);
			cl++;
		}
	}
	*line = ln;
	*col = cl;
}

/* (l1, c1) <= (l2, c2) */
static bool before_eq(int l1, int c1, int l2, int c2)
{
	return l1 < l2 || (l1 == l2 && c1 <= c2);
}

static bool looks_like(const char *v, size_t n, sc_type t)
{
	size_t i = 0, d;
	switch (t) {
	case SC_STRING:
		return true;
	case SC_BOOL:
		return (n == 4 && !memcmp(v, "true", 4)) ||
		       (n == 5 && !memcmp(v, "false", 5));
	case SC_INT:
	case SC_FLOAT:
		if (i < n && (v[i] == '+' || v[i] == '-'))
			i++;
		d = i;
		while (i < n && v[i] >= '0' && v[i] <= '9')
			i++;
		if (t == SC_INT)
			return i == n && i > d;
		if (i == n || v[i] != '.')
			return false;
		d = ++i;
		while (i < n && v[i] >= '0' && v[i] <= '9')
			i++;
		return i == n && i > d;
	}
	return false;
}

static void check_call(const char *s, size_t size, const sc_call *c,
		       int shift)
{
	FZ_CHECK(c->offset < c->end && c->end <= size,
		 "call at %zu..%zu outside the input (%zu bytes)", c->offset,
		 c->end, size);
	FZ_CHECK(c->end - c->offset >= 6, "call at %zu is %zu bytes", c->offset,
		 c->end - c->offset);
	FZ_CHECK(!memcmp(s + c->offset, c->markup ? "{{%" : "{{<", 3),
		 "call at %zu does not start with its delimiter", c->offset);
	FZ_CHECK(!memcmp(s + c->end - 3, c->markup ? "%}}" : ">}}", 3),
		 "call at %zu does not end with its delimiter", c->offset);
	FZ_CHECK(c->name != NULL, "call at %zu has no name string", c->offset);
	FZ_CHECK(!(c->closing && c->self_closing),
		 "call at %zu both closing and self-closing", c->offset);
	FZ_CHECK(!c->closing || c->nparams == 0,
		 "closing tag at %zu has parameters", c->offset);

	int line, col, eline, ecol;
	where(s, c->offset, &line, &col);
	FZ_CHECK(c->line == line + shift && c->col == col,
		 "call at %zu: %d:%d, counted %d:%d", c->offset, c->line, c->col,
		 line + shift, col);
	where(s, c->end, &eline, &ecol);

	for (size_t i = 0; i < c->nparams; i++) {
		const sc_param *p = &c->params[i];
		FZ_CHECK(p->value && p->value[p->len] == '\0',
			 "call at %zu: value %zu not NUL-terminated", c->offset, i);
		FZ_CHECK(p->len < c->end - c->offset,
			 "call at %zu: value %zu longer than the call", c->offset, i);
		FZ_CHECK(c->named == (p->name != NULL),
			 "call at %zu: parameter %zu named=%d on a named=%d call",
			 c->offset, i, p->name != NULL, c->named);
		FZ_CHECK(!p->quoted || p->type == SC_STRING,
			 "call at %zu: quoted value %zu typed %d", c->offset, i,
			 (int)p->type);
		FZ_CHECK(looks_like(p->value, p->len, p->type),
			 "call at %zu: value %zu '%s' is not a %d", c->offset, i,
			 p->value, (int)p->type);
		FZ_CHECK(before_eq(c->line, c->col, p->line, p->col) &&
			     before_eq(p->line, p->col, eline + shift, ecol),
			 "call at %zu: parameter %zu at %d:%d outside %d:%d..%d:%d",
			 c->offset, i, p->line, p->col, c->line, c->col,
			 eline + shift, ecol);
		if (c->named) {
			const sc_param *g = shortcode_get(c, p->name);
			FZ_CHECK(g && !strcmp(g->name, p->name),
				 "call at %zu: get(\"%s\") misses", c->offset, p->name);
			FZ_CHECK(!shortcode_get_pos(c, i),
				 "call at %zu: get_pos(%zu) on a named call", c->offset,
				 i);
		} else {
			FZ_CHECK(shortcode_get_pos(c, i) == p,
				 "call at %zu: get_pos(%zu) misses", c->offset, i);
		}
	}
	FZ_CHECK(!shortcode_get_pos(c, c->nparams),
		 "call at %zu: get_pos past the end", c->offset);
	FZ_CHECK(c->named || !shortcode_get(c, "x"),
		 "call at %zu: get by name on a positional call", c->offset);
}

static void check_page(const char *s, size_t size, const sc_page *pg,
		       int shift)
{
	for (size_t i = 0; i < pg->ncalls; i++) {
		check_call(s, size, &pg->calls[i], shift);
		if (i)
			FZ_CHECK(pg->calls[i - 1].end <= pg->calls[i].offset,
				 "calls %zu and %zu overlap", i - 1, i);
	}
	FZ_CHECK(pg->failed == (pg->error != NULL), "failed=%d, error %s",
		 pg->failed, pg->error ? "set" : "NULL");
	if (!pg->failed)
		return;
	FZ_CHECK(pg->error[0] != '\0', "empty error message");
	FZ_CHECK(pg->error_offset <= size, "error at %zu, input %zu bytes",
		 pg->error_offset, size);
	FZ_CHECK(!pg->ncalls || pg->error_offset >= pg->calls[pg->ncalls - 1].end,
		 "error at %zu before the end of the last call (%zu)",
		 pg->error_offset, pg->calls[pg->ncalls - 1].end);
	int line, col;
	where(s, pg->error_offset, &line, &col);
	FZ_CHECK(pg->error_line == line + shift && pg->error_col == col,
		 "error at %zu: %d:%d, counted %d:%d", pg->error_offset,
		 pg->error_line, pg->error_col, line + shift, col);
}

static bool same_page(const sc_page *a, const sc_page *b)
{
	if (a->ncalls != b->ncalls || a->failed != b->failed)
		return false;
	if (a->failed && (a->error_offset != b->error_offset ||
			  strcmp(a->error, b->error)))
		return false;
	for (size_t i = 0; i < a->ncalls; i++) {
		const sc_call *x = &a->calls[i], *y = &b->calls[i];
		if (x->offset != y->offset || x->end != y->end ||
		    strcmp(x->name, y->name) || x->nparams != y->nparams ||
		    x->named != y->named || x->closing != y->closing ||
		    x->self_closing != y->self_closing || x->col != y->col)
			return false;
		for (size_t j = 0; j < x->nparams; j++) {
			const sc_param *p = &x->params[j], *q = &y->params[j];
			if (p->len != q->len || memcmp(p->value, q->value, p->len) ||
			    p->type != q->type || p->quoted != q->quoted ||
			    (p->name == NULL) != (q->name == NULL) ||
			    (p->name && strcmp(p->name, q->name)) || p->col != q->col)
				return false;
		}
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* a copy of exactly `size` bytes, so ASan sees any read past it */
	char *s = malloc(size ? size : 1);
	FZ_CHECK(s != NULL, "out of memory");
	if (size)
		memcpy(s, data, size);

	arena *a = arena_new();
	FZ_CHECK(a != NULL, "arena_new: out of memory");
	sc_page pg, again, shifted;
	FZ_CHECK(shortcode_scan(s, size, 1, a, &pg), "shortcode_scan: out of memory");
	check_page(s, size, &pg, 0);

	FZ_CHECK(shortcode_scan(s, size, 100, a, &shifted),
		 "shortcode_scan: out of memory");
	check_page(s, size, &shifted, 99);
	FZ_CHECK(same_page(&pg, &shifted), "first_line changes more than lines");

	FZ_CHECK(shortcode_scan(s, size, 1, a, &again),
		 "shortcode_scan: out of memory");
	FZ_CHECK(same_page(&pg, &again), "shortcode_scan is not deterministic");

	if (pg.ncalls) {
		/* what comes after the last call cannot change the calls */
		size_t end = pg.calls[pg.ncalls - 1].end;
		sc_page pre;
		FZ_CHECK(shortcode_scan(s, end, 1, a, &pre),
			 "shortcode_scan: out of memory");
		pg.failed = false;
		pg.error = NULL;
		FZ_CHECK(same_page(&pg, &pre),
			 "the input cut after the last call (%zu) scans differently",
			 end);
	}
	arena_free(a);
	free(s);
	return 0;
}

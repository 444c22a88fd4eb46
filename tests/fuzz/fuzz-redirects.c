/* fuzz-redirects: the handbook's page moves, layouts/index.redirects, through
 * redirects_parse, then redirects_follow of a few fixed paths and of every
 * rule's own `from` (as written, with its '*' replaced by a rest) and `to`.
 *
 * Feeds: the input, exact length (NULs and all), as the file's text.
 * Asserts: no memory error, leak or undefined behaviour; parsing is
 * deterministic; every rule has a non-empty `from` and `to` without
 * white space, "{{" or a leading '#' on `from`, and lines that increase
 * within the file's line count; following a path ends (at most 16 hops),
 * deterministically, in a path that ends in '/', is no longer than the
 * hops can make it, and starts with the path itself (nothing matched) or
 * with a rule's `to` up to its first ":splat"; a path and the same path
 * with a trailing '/' follow to the same place. */
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"
#include "teamtui/arena.h"
#include "teamtui/redirects.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static void check_rules(const redirects *rd, const uint8_t *data, size_t size)
{
	size_t lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	FZ_CHECK(rd->n <= lines, "%zu rules from %zu lines", rd->n, lines);
	for (size_t i = 0; i < rd->n; i++) {
		const redirect *r = &rd->v[i];
		FZ_CHECK(r->from && r->to && *r->from && *r->to,
			 "rule %zu: empty from or to", i);
		FZ_CHECK(r->from[0] != '#', "rule %zu: a comment kept", i);
		FZ_CHECK(r->line >= 1 && (size_t)r->line <= lines,
			 "rule %zu at line %d of %zu", i, r->line, lines);
		FZ_CHECK(!i || rd->v[i - 1].line < r->line,
			 "rule %zu: two rules from line %d", i, r->line);
		FZ_CHECK(!strpbrk(r->from, " \t\r\n") && !strpbrk(r->to, " \t\r\n"),
			 "rule %zu: white space in '%s' -> '%s'", i, r->from, r->to);
		FZ_CHECK(!strstr(r->from, "{{") && !strstr(r->to, "{{"),
			 "rule %zu: a template line kept", i);
	}
}

static size_t max_to(const redirects *rd)
{
	size_t m = 0;
	for (size_t i = 0; i < rd->n; i++)
		if (strlen(rd->v[i].to) > m)
			m = strlen(rd->v[i].to);
	return m;
}

/* Does s start with the text of some rule's `to` before its ":splat"? */
static int from_a_rule(const redirects *rd, const char *s)
{
	for (size_t i = 0; i < rd->n; i++) {
		const char *to = rd->v[i].to;
		const char *sp = strstr(to, ":splat");
		size_t n = sp ? (size_t)(sp - to) : strlen(to);
		if (!strncmp(s, to, n))
			return 1;
	}
	return 0;
}

static void follow(const redirects *rd, const char *path)
{
	char *a = redirects_follow(rd, path);
	FZ_CHECK(a != NULL, "redirects_follow: out of memory");
	size_t n = strlen(a), pn = strlen(path);
	FZ_CHECK(n && a[n - 1] == '/', "'%s' -> '%s': no trailing '/'", path, a);
	/* each hop: a rule's `to` (its ":splat" replaced by a rest of the
	 * path before it) and a '/' */
	FZ_CHECK(n <= pn + 1 + 16 * (max_to(rd) + 1),
		 "'%s' -> %zu bytes, more than 16 hops make", path, n);
	FZ_CHECK(!strncmp(a, path, pn) || from_a_rule(rd, a),
		 "'%s' -> '%s': neither the path nor a rule's target", path, a);
	char *b = redirects_follow(rd, path);
	FZ_CHECK(b && !strcmp(a, b), "redirects_follow is not deterministic");
	free(b);
	if (!pn || path[pn - 1] != '/') {
		char *slashed = fz_path(path, "");
		b = redirects_follow(rd, slashed);
		FZ_CHECK(b && !strcmp(a, b),
			 "'%s' -> '%s' but '%s' -> '%s'", path, a, slashed, b);
		free(b);
		free(slashed);
	}
	free(a);
}

static const char *const fixed[] = {
    "",
    "/",
    "/handbook/",
    "/handbook/x",
    "/handbook/x/",
    "/handbook/index.html",
    "/handbook/engineering/development/data-science/custom-models/",
    "/handbook/engineering/development/ops/package/container-registry/",
    "/handbook/engineering/development/dev/plan/knowledge",
    "handbook/x/",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	arena *a = arena_new(), *b = arena_new();
	FZ_CHECK(a && b, "arena_new: out of memory");
	redirects rd, again;
	FZ_CHECK(redirects_parse((const char *)data, size, a, &rd),
		 "redirects_parse: out of memory");
	FZ_CHECK(redirects_parse((const char *)data, size, b, &again),
		 "redirects_parse: out of memory");
	FZ_CHECK(rd.n == again.n, "redirects_parse is not deterministic");
	for (size_t i = 0; i < rd.n; i++)
		FZ_CHECK(!strcmp(rd.v[i].from, again.v[i].from) &&
			     !strcmp(rd.v[i].to, again.v[i].to) &&
			     rd.v[i].line == again.v[i].line,
			 "redirects_parse is not deterministic at rule %zu", i);
	arena_free(b);
	check_rules(&rd, data, size);

	for (size_t i = 0; i < sizeof(fixed) / sizeof(*fixed); i++)
		follow(&rd, fixed[i]);
	/* cap the work: a few hundred rules are plenty */
	for (size_t i = 0; i < rd.n && i < 256; i++) {
		const redirect *r = &rd.v[i];
		follow(&rd, r->from);
		follow(&rd, r->to);
		size_t fl = strlen(r->from);
		if (r->from[fl - 1] == '*') {
			char *base = strdup(r->from);
			FZ_CHECK(base != NULL, "out of memory");
			base[fl - 1] = '\0';
			char *rest = fz_path(base, "a/b.html");
			follow(&rd, base);
			follow(&rd, rest);
			free(rest);
			free(base);
		}
	}
	arena_free(a);
	return 0;
}

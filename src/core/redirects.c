/* redirects.c: layouts/index.redirects. */
#include "teamtui/redirects.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool redirects_parse(const char *text, size_t len, arena *a, redirects *out)
{
	size_t lines = 1;
	for (size_t i = 0; i < len; i++)
		lines += text[i] == '\n';
	out->n = 0;
	out->v = arena_calloc(a, lines, sizeof(redirect));
	if (!out->v)
		return false;
	int line = 0;
	for (size_t i = 0; i < len;) {
		size_t e = i;
		while (e < len && text[e] != '\n')
			e++;
		line++;
		const char *f[2];
		size_t fl[2], nf = 0;
		bool skip = false;
		for (size_t j = i; j < e && nf < 2;) {
			while (j < e && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r'))
				j++;
			if (j >= e)
				break;
			size_t s = j;
			while (j < e && text[j] != ' ' && text[j] != '\t' && text[j] != '\r')
				j++;
			if (!nf && text[s] == '#')
				skip = true;
			f[nf] = text + s;
			fl[nf++] = j - s;
		}
		if (memchr(text + i, '{', e - i) && e - i > 1)
			for (size_t j = i; j + 1 < e; j++)
				if (text[j] == '{' && text[j + 1] == '{')
					skip = true;
		if (!skip && nf == 2 && !memchr(f[0], '\0', fl[0]) &&
		    !memchr(f[1], '\0', fl[1])) {
			redirect *r = &out->v[out->n];
			r->from = arena_strndup(a, f[0], fl[0]);
			r->to = arena_strndup(a, f[1], fl[1]);
			r->line = line;
			if (!r->from || !r->to)
				return false;
			out->n++;
		}
		i = e + 1;
	}
	return true;
}

char *redirects_slashed(const char *p, size_t n)
{
	char *s = malloc(n + 2);
	if (!s)
		return NULL;
	memcpy(s, p, n);
	if (!n || s[n - 1] != '/')
		s[n++] = '/';
	s[n] = '\0';
	return s;
}

static char *step(const redirect *r, const char *path)
{
	size_t fl = strlen(r->from);
	if (fl && r->from[fl - 1] == '*') {
		if (strncmp(path, r->from, fl - 1))
			return NULL;
		const char *rest = path + fl - 1;
		const char *sp = strstr(r->to, ":splat");
		size_t n = strlen(r->to) + strlen(rest) + 2;
		char *s = malloc(n);
		if (!s)
			return NULL;
		if (sp)
			snprintf(s, n, "%.*s%s%s", (int)(sp - r->to), r->to, rest,
				 sp + 6);
		else
			snprintf(s, n, "%s", r->to);
		char *out = redirects_slashed(s, strlen(s));
		free(s);
		return out;
	}
	char *from = redirects_slashed(r->from, fl);
	bool hit = from && !strcmp(from, path);
	free(from);
	return hit ? redirects_slashed(r->to, strlen(r->to)) : NULL;
}

char *redirects_follow(const redirects *rd, const char *path)
{
	char *cur = redirects_slashed(path, strlen(path));
	for (int hop = 0; cur && hop < 16; hop++) {
		char *next = NULL;
		for (size_t i = 0; i < rd->n && !next; i++)
			next = step(&rd->v[i], cur);
		if (!next || !strcmp(next, cur)) {
			free(next);
			break;
		}
		free(cur);
		cur = next;
	}
	return cur;
}

/* syncdata.c: the check of a downloaded data file (syncdata.h). */
#include "teamtui/syncdata.h"

#include <stdio.h>
#include <string.h>

#include "teamtui/arena.h"
#include "teamtui/datadir.h"
#include "teamtui/diag.h"
#include "teamtui/ydoc.h"
#include "teamtui/yload.h"

enum { F_TEAM, F_STAGES, F_SECTIONS, F_CATEGORIES };

/* Is the text an HTML (or XML) page? Its first non-blank character is '<'
 * and the next one '!' (<!DOCTYPE, <!--), '?' (<?xml) or a letter
 * (<html>). YAML has no such start: '<' opens no YAML construct, and a
 * plain scalar would be no data file anyway. */
static bool looks_like_html(const char *buf, size_t len)
{
	size_t i = 0;
	while (i < len && strchr(" \t\r\n", buf[i]) && buf[i])
		i++;
	if (i + 1 >= len || buf[i] != '<')
		return false;
	char c = buf[i + 1];
	return c == '!' || c == '?' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool blank_text(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!strchr(" \t\r\n", buf[i]) || !buf[i])
			return false;
	return true;
}

/* ydoc's message without its "YAML syntax: " (the verdict says it). */
static const char *yaml_problem(const char *msg)
{
	static const char prefix[] = "YAML syntax: ";
	return strncmp(msg, prefix, sizeof(prefix) - 1) ? msg : msg + sizeof(prefix) - 1;
}

/* team.yml's entries, one at a time (ydoc_parse_items). */
struct people_count {
	size_t entries, slugs;
};

static void count_person(void *ctx, const ynode *n)
{
	struct people_count *pc = ctx;
	pc->entries++;
	const ynode *slug = n && n->kind == YNODE_MAP ? ynode_get(n, "slug") : NULL;
	if (slug && slug->kind == YNODE_SCALAR && !ynode_is_null(slug) &&
	    !yload_blank(slug->str))
		pc->slugs++;
}

/* Pairs of map m whose value is a map. */
static size_t submaps(const ynode *m)
{
	size_t n = 0;
	for (size_t i = 0; i < m->n; i++)
		if (m->items[2 * i + 1]->kind == YNODE_MAP)
			n++;
	return n;
}

static bool check_tree(int which, const ynode *root, syncdata_info *info, char *why,
		       size_t whysize)
{
	if (which == F_STAGES) {
		const ynode *stages = root->kind == YNODE_MAP ? ynode_get(root, "stages") : NULL;
		if (!stages || stages->kind != YNODE_MAP || !stages->n) {
			snprintf(why, whysize, "no stages: map");
			return false;
		}
		info->count = stages->n;
		for (size_t i = 0; i < stages->n; i++) {
			const ynode *s = stages->items[2 * i + 1];
			const ynode *g = s->kind == YNODE_MAP ? ynode_get(s, "groups") : NULL;
			if (g && g->kind == YNODE_MAP)
				info->groups += g->n;
		}
		return true;
	}
	const char *what = which == F_SECTIONS ? "sections" : "categories";
	if (root->kind != YNODE_MAP) {
		snprintf(why, whysize, "not a map of %s", what);
		return false;
	}
	if (!(info->count = submaps(root))) {
		snprintf(why, whysize, "no %s", what);
		return false;
	}
	return true;
}

bool syncdata_check(const char *name, const char *buf, size_t len,
		    syncdata_info *info, char *why, size_t whysize)
{
	memset(info, 0, sizeof(*info));
	*why = '\0';
	int which = -1;
	for (int i = 0; i < DATADIR_NFILES; i++)
		if (name && !strcmp(name, datadir_files[i]))
			which = i;
	if (which < 0) {
		snprintf(why, whysize, "not a file teamtui syncs");
		return false;
	}
	const char *enc = len ? yload_encoding_problem(buf, len) : NULL;
	if (enc) {
		snprintf(why, whysize, "%s", enc);
		return false;
	}
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
		buf += 3;
		len -= 3;
	}
	if (blank_text(buf, len)) {
		snprintf(why, whysize, "empty file");
		return false;
	}
	if (looks_like_html(buf, len)) {
		snprintf(why, whysize, "an HTML page, not YAML");
		return false;
	}
	arena *nodes = arena_new();
	diag_list diags;
	diag_init(&diags);
	struct people_count pc = {0, 0};
	ydoc_opts o = {.values = nodes};
	if (which == F_TEAM) {
		o.item = count_person;
		o.ctx = &pc;
	}
	ynode *root = nodes ? ydoc_parse_opts(name, buf, len, nodes, nodes, &diags, &o) : NULL;
	bool ok = false;
	const diag *err = NULL;
	for (size_t i = 0; i < diags.count && !err; i++)
		if (diags.items[i].severity == DIAG_ERROR)
			err = &diags.items[i];
	if (!nodes)
		snprintf(why, whysize, "out of memory");
	else if (err && err->line)
		snprintf(why, whysize, "not YAML: line %d column %d: %s", err->line,
			 err->column, yaml_problem(err->message));
	else if (err)
		snprintf(why, whysize, "not YAML: %s", yaml_problem(err->message));
	else if (!root || ynode_is_null(root))
		snprintf(why, whysize, "empty file");
	else if (which == F_TEAM && root->kind != YNODE_SEQ)
		snprintf(why, whysize, "not a list of people");
	else if (which == F_TEAM && !pc.slugs)
		snprintf(why, whysize, "no entry has a slug");
	else if (which == F_TEAM)
		info->count = pc.slugs, ok = true;
	else
		ok = check_tree(which, root, info, why, whysize);
	/* one line: a message of libyaml's never spans two, but be sure */
	for (char *p = why; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	if (!ok)
		memset(info, 0, sizeof(*info));
	diag_free(&diags);
	arena_free(nodes);
	return ok;
}

void syncdata_count(size_t n, char *buf, size_t size)
{
	char digits[32];
	int len = snprintf(digits, sizeof(digits), "%zu", n);
	char out[48];
	size_t o = 0;
	for (int i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	snprintf(buf, size, "%s", out);
}

/* "2,013 people" or "2,013 people (was 2,010)" */
static int counted(char *buf, size_t size, size_t now, const size_t *before,
		   const char *one, const char *many)
{
	char a[48], b[64] = "";
	syncdata_count(now, a, sizeof(a));
	if (before && *before != now) {
		char w[48];
		syncdata_count(*before, w, sizeof(w));
		snprintf(b, sizeof(b), " (was %s)", w);
	}
	return snprintf(buf, size, "%s %s%s", a, now == 1 ? one : many, b);
}

void syncdata_describe(const char *name, const syncdata_info *now,
		       const syncdata_info *before, char *buf, size_t size)
{
	const char *one = "entry", *many = "entries";
	if (!strcmp(name, "team.yml"))
		one = "person", many = "people";
	else if (!strcmp(name, "stages.yml"))
		one = "stage", many = "stages";
	else if (!strcmp(name, "sections.yml"))
		one = "section", many = "sections";
	else if (!strcmp(name, "categories.yml"))
		one = "category", many = "categories";
	int n = counted(buf, size, now->count, before ? &before->count : NULL, one, many);
	if (!strcmp(name, "stages.yml") && n >= 0 && (size_t)n + 2 < size) {
		memcpy(buf + n, ", ", 3);
		counted(buf + n + 2, size - (size_t)n - 2, now->groups,
			before ? &before->groups : NULL, "group", "groups");
	}
}

/* out_text.c: aligned, human-readable cards; widths by wcwidth so CJK and
 * accented names line up. */
#include "teamtui/out_text.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "teamtui/labelurl.h"
#include "teamtui/sanitize.h"
#include "teamtui/strbuf.h"
#include "teamtui/table.h"
#include "teamtui/textwidth.h"
#include "teamtui/utf8.h"

enum { NAME_COLS_MAX = 28, ROLE_COLS_MAX = 56 };

static void put(FILE *f, const char *s)
{
	sanitize_fputs(s ? s : "", f);
}

/* s sanitized, then padded with spaces to `cols` columns. */
static size_t text_cols; /* the terminal's width; 0: no limit (a pipe) */

void out_text_set_columns(size_t cols)
{
	text_cols = cols;
}

static void put_padded(FILE *f, const char *s, size_t cols)
{
	char *clean = sanitize(s, SANITIZE_LINE);
	if (!clean)
		return;
	size_t w = utf8_width(clean);
	if (text_cols && w > cols) { /* on a terminal a cell keeps its column */
		char buf[1024];
		w = textwidth_fit(clean, cols, buf, sizeof(buf));
		fputs(buf, f);
	} else {
		fputs(clean, f);
	}
	for (; w < cols; w++)
		fputc(' ', f);
	free(clean);
}

/* On a terminal of text_cols columns, shrink the name and role columns
 * (role first, down to 16; then the name, down to 12) so that `rest`
 * columns after them (handle, slug) still fit. */
static void fit_columns(size_t lead, size_t rest, size_t *nw, size_t *rw)
{
	if (!text_cols)
		return;
	size_t need = lead + *nw + 2 + *rw + 2 + rest;
	if (need <= text_cols)
		return;
	size_t over = need - text_cols;
	size_t cut = *rw > 16 ? (*rw - 16 < over ? *rw - 16 : over) : 0;
	*rw -= cut;
	over -= cut;
	cut = *nw > 12 ? (*nw - 12 < over ? *nw - 12 : over) : 0;
	*nw -= cut;
}

static size_t clean_width(const char *s)
{
	char *clean = sanitize(s, SANITIZE_LINE);
	size_t w = clean ? utf8_width(clean) : 0;
	free(clean);
	return w;
}

static const char *display_name(const person *p)
{
	return p->name && *p->name ? p->name : p->slug;
}

static const char *person_tags(const person *p)
{
	if (p->type == PERSON_VACANCY)
		return "  [vacancy]";
	if (!p->public_)
		return "  [not public]";
	return "";
}

void out_text_local_brief(const tz_local *l, char *buf, size_t size)
{
	char off[16], hm[16];
	tz_offset_text(l->utc_offset, off, sizeof(off));
	if (!strftime(hm, sizeof(hm), "%H:%M %a", &l->tm))
		hm[0] = '\0';
	snprintf(buf, size, "%s UTC%s", hm, off);
}

/* People as aligned rows: name, plain role, @handle, slug; with aw, their
 * local time after. */
static void put_people_at(FILE *f, const person *const *v, size_t n,
			  const person *manager, const awake_ctx *aw)
{
	size_t nw = 0, rw = 0;
	for (size_t i = 0; i < n; i++) {
		size_t w = clean_width(display_name(v[i]));
		nw = w > nw ? w : nw;
		w = clean_width(v[i]->role);
		rw = w > rw ? w : rw;
	}
	nw = nw > NAME_COLS_MAX ? NAME_COLS_MAX : nw;
	rw = rw > ROLE_COLS_MAX ? ROLE_COLS_MAX : rw;
	size_t hw = 1; /* "@handle" or "-" */
	for (size_t i = 0; i < n; i++)
		if (v[i]->gitlab && 1 + clean_width(v[i]->gitlab) > hw)
			hw = 1 + clean_width(v[i]->gitlab);
	/* with aw, the local time after the name: "12:06 Wed UTC+01:00" */
	size_t tw = aw ? 21 : 0;
	fit_columns(2 + tw, hw + 3, &nw, &rw); /* and room for "  …" */
	for (size_t i = 0; i < n; i++) {
		const person *p = v[i];
		fputs("  ", f);
		put_padded(f, display_name(p), nw);
		fputs("  ", f);
		if (aw) {
			person_time t;
			char when[48] = "";
			awake_person(aw, p, &t);
			if (t.known)
				out_text_local_brief(&t.local, when, sizeof(when));
			fprintf(f, "%-19s  ", when);
		}
		put_padded(f, p->role ? p->role : "", rw);
		fputs("  ", f);
		if (p->gitlab) {
			fputc('@', f);
			put(f, p->gitlab);
		} else {
			fputc('-', f);
		}
		fputs("  (", f);
		put(f, p->slug);
		fputc(')', f);
		if (p == manager)
			fputs("  [manager]", f);
		fputs(person_tags(p), f);
		fputc('\n', f);
	}
}

static void put_people(FILE *f, const person *const *v, size_t n,
		       const person *manager)
{
	put_people_at(f, v, n, manager, NULL);
}

/* A list of people under a heading; with aw only those awake. `call`,
 * when not NULL, prints what goes between the heading and the rows. */
static void put_heading(FILE *f, const char *title, size_t count);
static void put_team(FILE *f, const char *title, const person *const *v, size_t n,
		     const person *manager, const awake_ctx *aw,
		     void (*call)(FILE *, const void *), const void *ctx)
{
	if (!aw) {
		put_heading(f, title, n);
		if (call)
			call(f, ctx);
		put_people(f, v, n, manager);
		return;
	}
	const person **kept = malloc((n ? n : 1) * sizeof(*kept));
	if (!kept)
		return;
	memcpy(kept, v, n * sizeof(*kept));
	awake_count c = {0};
	size_t k = awake_filter(aw, kept, n, &c);
	fputc('\n', f);
	put(f, title);
	fprintf(f, " (%zu awake of %zu)\n", k, n);
	if (call)
		call(f, ctx);
	put_people_at(f, kept, k, manager, aw);
	if (c.off_hours || c.unknown) {
		fputs("  (not shown: ", f);
		if (c.off_hours)
			fprintf(f, "%zu off hours", c.off_hours);
		if (c.unknown)
			fprintf(f, "%s%zu with no known time zone", c.off_hours ? ", " : "",
				c.unknown);
		fputs(")\n", f);
	}
	free(kept);
}

char *out_text_breadcrumb(const group *g)
{
	const char *sec = g->stage && g->stage->section ? g->stage->section->name
							: NULL;
	const char *stg = g->stage ? g->stage->name : NULL;
	size_t n = strlen(g->name) + (sec ? strlen(sec) : 0) +
		   (stg ? strlen(stg) : 0) + 16;
	char *raw = malloc(n);
	if (!raw)
		return NULL;
	snprintf(raw, n, "%s%s%s%s%s", sec ? sec : "", sec ? " \u203a " : "",
		 stg ? stg : "", stg ? " \u203a " : "", g->name);
	char *clean = sanitize(raw, SANITIZE_LINE);
	free(raw);
	return clean;
}

void out_text_groups(FILE *f, const roster *r)
{
	/* sections in file order, their stages, the stages' groups; then
	 * whatever hangs off no known section or stage */
	for (size_t s = 0; s <= r->nsections; s++) {
		const section *sec = s < r->nsections ? &r->sections[s] : NULL;
		bool header = false;
		for (size_t t = 0; t <= r->nstages; t++) {
			const stage *st = t < r->nstages ? &r->stages[t] : NULL;
			if (st && st->section != sec)
				continue;
			bool stage_header = false;
			for (size_t i = 0; i < r->ngroups; i++) {
				const group *g = &r->groups[i];
				if (g->stage != st || (!st && sec))
					continue;
				if (!header) {
					if (sec) {
						put(f, sec->name);
						fputs(" (", f);
						put(f, sec->id);
						fputs(")\n", f);
					} else {
						fputs("(no section)\n", f);
					}
					header = true;
				}
				if (!stage_header) {
					fputs("  ", f);
					if (st) {
						put(f, st->name);
						fputs(" (", f);
						put(f, st->id);
						fputs(")\n", f);
					} else {
						fputs("(no stage)\n", f);
					}
					stage_header = true;
				}
				fputs("    ", f);
				put(f, g->name);
				fputs(" (", f);
				put(f, g->id);
				fputs(")\n", f);
			}
		}
	}
}

static void put_heading(FILE *f, const char *title, size_t count)
{
	fputc('\n', f);
	put(f, title); /* a page's heading: untrusted */
	fprintf(f, " (%zu)\n", count);
}

static void put_list(FILE *f, const char *title, const strlist *l)
{
	if (!l->n)
		return;
	put_heading(f, title, l->n);
	for (size_t i = 0; i < l->n; i++) {
		fputs("  ", f);
		put(f, l->v[i]);
		fputc('\n', f);
	}
}

static void put_field(FILE *f, const char *label, const char *value)
{
	if (!value || !*value)
		return;
	fprintf(f, "  %-12s ", label);
	put(f, value);
	fputc('\n', f);
}

/* The call as written, every value quoted: `name a="x" "y"`. Control
 * characters are shown (\x1b), not removed: a value that differs from
 * what it looks like must look different. */
static void put_call(FILE *f, const people_table *t)
{
	sanitize_fputs_flags(t->shortcode, SANITIZE_VISIBLE, f);
	for (size_t k = 0; k < t->nparams; k++) {
		fputc(' ', f);
		if (t->params[k].name) {
			sanitize_fputs_flags(t->params[k].name, SANITIZE_VISIBLE, f);
			fputc('=', f);
		}
		fputc('"', f);
		sanitize_fputs_flags(t->params[k].value, SANITIZE_VISIBLE, f);
		fputc('"', f);
	}
}

/* A page table's call line and the manager it lacks (put_team's call). */
static void put_table_call(FILE *f, const void *ctx)
{
	const table_rows *tr = ctx;
	const people_table *pt = tr->table;
	fputs("  ", f);
	put_call(f, pt);
	fprintf(f, "  (line %d)\n", pt->loc.line);
	if (pt->kind == TABLE_TEAM_BY_MANAGER_SLUG && pt->manager && !tr->manager) {
		fputs("  (manager '", f);
		sanitize_fputs_flags(pt->manager, SANITIZE_VISIBLE, f);
		fputs("' is not in the roster)\n", f);
	}
	if (pt->kind == TABLE_TEAM_BY_MANAGER_ROLE && pt->manager_role && !tr->manager) {
		fputs("  (no role matches the manager role '", f);
		sanitize_fputs_flags(pt->manager_role->source, SANITIZE_VISIBLE, f);
		fputs("')\n", f);
	}
}

static void put_no_manager(FILE *f, const void *ctx)
{
	const group *g = ctx;
	fputs("  (manager '", f);
	put(f, g->team->manager);
	fputs("' is not in the roster)\n", f);
}

/* "Awake at 2026-11-18 10:06 UTC: inside their working hours" */
/* "2026-11-18 11:06 UTC (Wed)" and "09:00-17:00 Mon-Fri": aw's moment
 * and everyone's working hours (when: 40 bytes, hours: 48). */
static void awake_moment(const awake_ctx *aw, char *when, char *hours)
{
	time_t at = tz_clock_time(aw->clock);
	struct tm tm;
	when[0] = '\0';
	if (gmtime_r(&at, &tm))
		strftime(when, 40, "%Y-%m-%d %H:%M UTC (%a)", &tm);
	work_hours_text(&aw->hours, hours, 48);
}

static void put_awake_moment(FILE *f, const awake_ctx *aw)
{
	char when[40], hours[48];
	awake_moment(aw, when, hours);
	fprintf(f, "Awake at %s: inside their working hours (%s unless their own)\n",
		when, hours);
}

void out_text_group(FILE *f, const roster *r, resolver *rs, const group *g,
		    const awake_ctx *aw)
{
	const group_team *t = resolve_group(rs, g);
	put(f, g->name);
	fputs(" (", f);
	put(f, g->id);
	fputs(")\n", f);
	char *crumb = out_text_breadcrumb(g);
	if (crumb)
		fprintf(f, "%s\n", crumb);
	free(crumb);
	if (g->description) {
		char *d = sanitize(g->description, SANITIZE_KEEP_LINES);
		if (d)
			fprintf(f, "%s\n", d);
		free(d);
	}
	put_field(f, "Handbook", g->handbook);
	if (g->page) {
		fputs("Source: ", f);
		put(f, g->page);
		fprintf(f, ":%d\n", g->loc.line);
	}
	if (!t)
		return;
	if (aw)
		put_awake_moment(f, aw);
	if (g->page) { /* a handbook page: every table under its heading */
		for (size_t k = 0; k < t->ntables; k++) {
			const table_rows *tr = &t->tables[k];
			const people_table *pt = tr->table;
			put_team(f, pt->heading ? pt->heading : pt->shortcode,
				 tr->people.v, tr->people.n, tr->manager, aw,
				 put_table_call, tr);
		}
	} else {
		if (g->team)
			put_team(f, "Members", t->members.v, t->members.n, t->manager, aw,
				 t->manager ? NULL : put_no_manager, g);
		if (t->ncounterpart_tables)
			put_team(f, "Stable counterparts", t->counterparts.v,
				 t->counterparts.n, NULL, aw, NULL, NULL);
	}
	if (g->nstaff) {
		put_heading(f, "Named in stages.yml", g->nstaff);
		for (size_t k = 0; k < g->nstaff; k++) {
			const staff_entry *se = &g->staff[k];
			fputs("  ", f);
			put(f, se->field);
			fputs(": ", f);
			put(f, se->name);
			if (se->person) {
				fputs("  (", f);
				put(f, se->person->slug);
				fputc(')', f);
			} else {
				fputs("  (nobody in the roster)", f);
			}
			fputc('\n', f);
		}
	}
	put_list(f, "Channels", &g->channels);
	if (g->labels.n) {
		put_heading(f, "Labels", g->labels.n);
		for (size_t i = 0; i < g->labels.n; i++) {
			char *url = labelurl_issues(r->issues_url, g->labels.v[i]);
			fputs("  ", f);
			put(f, g->labels.v[i]);
			fputs("  ", f);
			put(f, url);
			fputc('\n', f);
			free(url);
		}
	}
	if (g->nlinks) {
		put_heading(f, "Links", g->nlinks);
		for (size_t i = 0; i < g->nlinks; i++) {
			fputs("  ", f);
			put(f, g->links[i].title);
			fputs("  ", f);
			put(f, g->links[i].url);
			fputc('\n', f);
		}
	}
	if (g->okrs.project) {
		fputs("\nOKRs\n  ", f);
		put(f, g->okrs.project);
		fprintf(f, " (%s", strcmp(g->okrs.kind, "issues")
				       ? "objectives and key results"
				       : "issues");
		for (size_t i = 0; i < g->okrs.labels.n; i++) {
			fputs(i ? ", " : " labelled ", f);
			put(f, g->okrs.labels.v[i]);
		}
		fputs(")\n", f);
		char *url = labelurl_project(r->issues_url, g->okrs.project,
					     g->okrs.labels.v, g->okrs.labels.n);
		fputs("  ", f);
		put(f, url);
		fputc('\n', f);
		free(url);
	}
}

static void put_strlist_inline(FILE *f, const char *label, const strlist *l)
{
	if (!l->n)
		return;
	fprintf(f, "  %-12s ", label);
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			fputs(", ", f);
		put(f, l->v[i]);
	}
	fputc('\n', f);
}


/* "Local time   14:05 Tue (UTC+01:00, Europe/Berlin by country) · in
 * working hours (09:00-17:00 Mon-Fri)", or "time zone unknown: why" */
static void put_local_time(FILE *f, const awake_ctx *aw, const person *p)
{
	person_time t;
	awake_person(aw, p, &t);
	fprintf(f, "  %-12s ", "Local time");
	if (!t.known) {
		fputs("time zone unknown: ", f);
		sanitize_fputs_flags(t.zone.why, SANITIZE_VISIBLE, f);
		fputc('\n', f);
		return;
	}
	char text[256];
	awake_local_text(&t, text, sizeof(text));
	put(f, text);
	fputc('\n', f);
}

void out_text_person(FILE *f, const roster *r, resolver *rs, const person *p,
		     const awake_ctx *aw)
{
	put(f, display_name(p));
	fputs(" (", f);
	put(f, p->slug);
	fputs(")\n", f);
	put_field(f, "Role", p->role);
	put_field(f, "Job title", p->job_title);
	if (p->gitlab) {
		fprintf(f, "  %-12s @", "GitLab");
		put(f, p->gitlab);
		fputc('\n', f);
	}
	put_field(f, "Type", p->type_name);
	if (!p->public_)
		put_field(f, "Public", "no");
	put_field(f, "Pronouns", p->pronouns);
	if (p->locality || p->country) {
		fprintf(f, "  %-12s ", "Location");
		put(f, p->locality ? p->locality : "");
		fputs(p->locality && p->country ? ", " : "", f);
		put(f, p->country ? p->country : "");
		fputc('\n', f);
	}
	put_field(f, "Timezone", p->timezone);
	if (aw)
		put_local_time(f, aw, p);
	put_field(f, "Work hours", p->working_hours);
	put_field(f, "Division", p->division);
	put_strlist_inline(f, "Departments", &p->departments);
	put_strlist_inline(f, "Specialty", &p->specialty);

	manager_chain ch = resolve_manager_chain(rs, p);
	if (ch.people.n || ch.dangling) {
		fputs("\nManager chain\n", f);
		put_people(f, ch.people.v, ch.people.n, NULL);
		if (ch.dangling) {
			fputs("  ", f);
			put(f, ch.dangling);
			fputs("  (not in the roster)\n", f);
		}
		if (ch.cycle)
			fputs("  (reports_to cycle: the chain loops here)\n", f);
	}
	size_t nrep;
	const size_t *reps = roster_reports(r, p, &nrep);
	if (nrep) {
		put_heading(f, "Direct reports", nrep);
		const person **v = malloc(nrep * sizeof(*v));
		for (size_t i = 0; v && i < nrep; i++)
			v[i] = &r->people[reps[i]];
		if (v)
			put_people(f, v, nrep, NULL);
		free(v);
	}
	size_t ng;
	const membership *ms = resolve_person_groups(rs, p, &ng);
	if (ms && ng) {
		put_heading(f, "Groups", ng);
		for (size_t i = 0; i < ng; i++) {
			fputs("  ", f);
			put(f, ms[i].group->name);
			fputs(" (", f);
			put(f, ms[i].group->id);
			fprintf(f, ")  %s\n", resolve_membership_name(&ms[i]));
		}
	}
	put_list(f, "Expertise", &p->expertise);
	put_list(f, "Domain expertise", &p->domain_expertise);
	if (p->nprojects) {
		put_heading(f, "Projects", p->nprojects);
		for (size_t i = 0; i < p->nprojects; i++) {
			fputs("  ", f);
			put(f, p->projects[i].project);
			fputs(": ", f);
			char *roles = roster_project_roles_text(&p->projects[i].roles);
			put(f, roles ? roles : "");
			free(roles);
			fputc('\n', f);
		}
	}
}

/* The glyphs of the org tree: tree(1)'s box drawing, or its ASCII look
 * when the user's locale cannot show it. */
struct org_glyphs {
	const char *branch, *last, *down, *space, *dot, *more;
};

static const struct org_glyphs org_utf8 = {
    "\u251c\u2500\u2500 ", "\u2514\u2500\u2500 ", "\u2502   ", "    ",
    "\u00b7", "\u2026"};
static const struct org_glyphs org_ascii = {"|-- ", "`-- ", "|   ", "    ",
					     "-", "..."};

/* The org's lines are made in a buffer and written in blocks: 100,000
 * people are 100,000 lines, and a stdio call per piece of each would cost
 * more than finding the people. */
/* strbuf_put, in line when there is room: 100,000 lines are a million
 * pieces */
static inline void org_put(strbuf *b, const char *s, size_t n)
{
	if (b->n + n < b->cap) {
		memcpy(b->p + b->n, s, n);
		b->n += n;
		b->p[b->n] = '\0';
	} else {
		strbuf_put(b, s, n);
	}
}

static inline void org_putc(strbuf *b, char c)
{
	org_put(b, &c, 1);
}

static void org_str(strbuf *b, const char *s)
{
	sanitize_put(b, s, SANITIZE_LINE);
}

static void org_num(strbuf *b, size_t v)
{
	char d[24];
	size_t k = sizeof(d);
	do
		d[--k] = (char)('0' + v % 10);
	while (v /= 10);
	org_put(b, d + k, sizeof(d) - k);
}

static inline void org_lit(strbuf *b, const char *s)
{
	org_put(b, s, strlen(s));
}

/* "N direct, M in org, K vacancies" of a node with anyone below it. */
static void org_counts(strbuf *b, const org_node *nd)
{
	org_num(b, nd->direct);
	org_lit(b, " direct, ");
	org_num(b, nd->size);
	org_lit(b, " in org");
	if (nd->vacancies) {
		org_lit(b, ", ");
		org_num(b, nd->vacancies);
		org_lit(b, nd->vacancies == 1 ? " vacancy" : " vacancies");
	}
}

static void org_person(strbuf *b, const person *p)
{
	org_str(b, display_name(p));
	org_lit(b, " (");
	org_str(b, p->slug);
	org_putc(b, ')');
	if (p->role && *p->role) {
		org_lit(b, "  ");
		org_str(b, p->role);
	}
	org_lit(b, person_tags(p));
}

/* A run of the tree's lines, nodes [from, to) of t (from a shown node:
 * depth <= max_depth), made in b and, when f is not NULL, written to f in
 * 64 KiB blocks as they fill. */
struct org_part {
	const org_tree *t;
	const struct org_glyphs *g;
	size_t max_depth, from, to;
	FILE *f;
	strbuf b;
};

static void org_lines(struct org_part *pt)
{
	const org_tree *t = pt->t;
	const struct org_glyphs *g = pt->g;
	size_t max_depth = pt->max_depth;
	strbuf *b = &pt->b;
	/* prefix: one segment per ancestor below the root ("│   " while that
	 * ancestor has siblings to come, else blanks); off[d]: its length
	 * for the children of a node at depth d */
	size_t seg = strlen(g->down) > strlen(g->space) ? strlen(g->down)
						       : strlen(g->space);
	char *prefix = malloc((max_depth + 1) * seg + 1);
	size_t *off = malloc((max_depth + 1) * sizeof(*off));
	if (!prefix || !off || pt->from >= pt->to)
		goto done;
	/* the segments of from's ancestors, as the lines before it left
	 * them: off[] holds each ancestor's node first, root side last */
	size_t d0 = t->nodes[pt->from].depth, j = d0;
	for (uint32_t a = t->nodes[pt->from].parent; j > 1; a = t->nodes[a].parent)
		off[--j] = a;
	off[0] = 0;
	for (j = 1; j < d0; j++) {
		const char *s = t->nodes[off[j]].last ? g->space : g->down;
		memcpy(prefix + off[j - 1], s, strlen(s));
		off[j] = off[j - 1] + strlen(s);
	}
	for (size_t i = pt->from; i < pt->to; i++) {
		const org_node *nd = &t->nodes[i];
		/* the people are far apart in memory: read ahead of their turn */
		if (i + 64 < pt->to)
			__builtin_prefetch(t->nodes[i + 64].person);
		if (i + 32 < pt->to) {
			const person *ahead = t->nodes[i + 32].person;
			__builtin_prefetch(ahead->name);
			__builtin_prefetch(ahead->slug);
			__builtin_prefetch(ahead->role);
		}
		if (pt->f && b->n >= 1 << 16) {
			fwrite(b->p, 1, b->n, pt->f);
			b->n = 0;
		}
		size_t d = nd->depth;
		org_put(b, prefix, off[d - 1]);
		org_lit(b, nd->last ? g->last : g->branch);
		org_person(b, nd->person);
		if (nd->cycle) {
			org_lit(b, "  (reports_to cycle: the chain loops here)\n");
			continue;
		}
		if (nd->size || nd->vacancies) {
			org_lit(b, "  ");
			org_lit(b, g->dot);
			org_putc(b, ' ');
			org_counts(b, nd);
		}
		org_putc(b, '\n');
		const char *s = nd->last ? g->space : g->down;
		memcpy(prefix + off[d - 1], s, strlen(s));
		off[d] = off[d - 1] + strlen(s);
		if (d == max_depth && nd->end > i + 1) { /* the cut */
			size_t more = nd->size + nd->vacancies;
			if (more) {
				org_put(b, prefix, off[d]);
				org_lit(b, g->last);
				org_lit(b, g->more);
				org_putc(b, ' ');
				org_num(b, more);
				org_lit(b, " more below\n");
			}
			i = nd->end - 1;
		}
	}
done:
	free(prefix);
	free(off);
}

static void *org_lines_thread(void *pt)
{
	org_lines(pt);
	return NULL;
}

void out_text_org(FILE *f, const org_tree *t, size_t max_depth)
{
	const struct org_glyphs *g =
	    strcmp(utf8_user_codeset(), "UTF-8") ? &org_ascii : &org_utf8;
	const org_node *root = &t->nodes[0];
	if (max_depth < 1 || max_depth > ORG_MAX_DEPTH)
		max_depth = ORG_MAX_DEPTH;
	/* the lines in two halves, the second made by a thread of its own
	 * while this one makes and writes the first (each line waits for
	 * its person's strings, scattered in memory: at 100,000 people the
	 * lines took longer than loading the snapshot); the second starts
	 * at a shown node */
	size_t half = t->n / 2 > 1 ? t->n / 2 : 1;
	while (half < t->n && t->nodes[half].depth > max_depth)
		half++;
	struct org_part first = {t, g, max_depth, 1, half, f, {0}};
	struct org_part second = {t, g, max_depth, half, t->n, NULL, {0}};
	pthread_t th;
	bool threaded = half < t->n && !pthread_create(&th, NULL, org_lines_thread, &second);
	strbuf *b = &first.b;
	org_person(b, root->person);
	org_putc(b, '\n');
	if (!root->size && !root->vacancies) {
		org_lit(b, "no reports\n");
	} else {
		org_num(b, root->size);
		org_lit(b, " in org, ");
		org_num(b, root->direct);
		org_lit(b, " direct, ");
		org_num(b, root->levels);
		org_lit(b, root->levels == 1 ? " level" : " levels");
		const char *sep = ": ";
		for (int k = 0; k < ORG_NKINDS; k++) {
			if (!org_mix(t, root, k))
				continue;
			org_lit(b, sep);
			org_num(b, org_mix(t, root, k));
			org_putc(b, ' ');
			org_lit(b, org_kind_name((org_kind)k, org_mix(t, root, k)));
			sep = ", ";
		}
		if (root->vacancies) {
			org_lit(b, "; ");
			org_num(b, root->vacancies);
			org_lit(b, root->vacancies == 1 ? " vacancy" : " vacancies");
		}
		org_putc(b, '\n');
	}
	org_lines(&first);
	if (threaded)
		pthread_join(th, NULL);
	else
		org_lines(&second);
	if (first.b.n)
		fwrite(first.b.p, 1, first.b.n, f);
	if (second.b.n)
		fwrite(second.b.p, 1, second.b.n, f);
	free(first.b.p);
	free(second.b.p);
}

void out_text_diags(FILE *f, const diag_list *d)
{
	for (size_t i = 0; i < d->count; i++) {
		diag_print(&d->items[i], f);
	}
	if (d->suppressed)
		fprintf(f, "(%zu more not shown)\n", d->suppressed);
	fprintf(f, "%zu error%s, %zu warning%s\n", d->errors,
		d->errors == 1 ? "" : "s", d->warnings,
		d->warnings == 1 ? "" : "s");
}

/* "@handle", or the first channel of a group: whom to contact. */
static const char *hit_contact(const search_hit *h, char *buf, size_t size)
{
	if (h->kind == SEARCH_PERSON) {
		if (!h->person->gitlab)
			return h->person->slug;
		snprintf(buf, size, "@%s", h->person->gitlab);
		return buf;
	}
	return h->group->channels.n ? h->group->channels.v[0] : h->group->id;
}

void out_text_hits(FILE *f, resolver *rs, const search_hit *hits, size_t n,
		   const awake_ctx *aw)
{
	size_t nw = 0, rw = 0;
	for (size_t i = 0; i < n; i++) {
		const char *name = hits[i].kind == SEARCH_PERSON
				       ? display_name(hits[i].person)
				       : hits[i].group->name;
		size_t w = clean_width(name);
		nw = w > nw ? w : nw;
		w = clean_width(hits[i].reason);
		rw = w > rw ? w : rw;
	}
	nw = nw > NAME_COLS_MAX ? NAME_COLS_MAX : nw;
	rw = rw > ROLE_COLS_MAX ? ROLE_COLS_MAX : rw;
	fit_columns(8, 20, &nw, &rw);
	for (size_t i = 0; i < n; i++) {
		const search_hit *h = &hits[i];
		char buf[256];
		fputs(h->kind == SEARCH_PERSON ? "person  " : "group   ", f);
		put_padded(f, h->kind == SEARCH_PERSON ? display_name(h->person)
						       : h->group->name, nw);
		fputs("  ", f);
		put_padded(f, h->reason, rw);
		fputs("  ", f);
		put(f, hit_contact(h, buf, sizeof(buf)));
		person_time pt;
		if (aw && h->kind == SEARCH_PERSON && (awake_person(aw, h->person, &pt), pt.known)) {
			out_text_local_brief(&pt.local, buf, sizeof(buf));
			fprintf(f, "  %s", buf);
		}
		fputc('\n', f);
		if (h->kind != SEARCH_GROUP)
			continue;
		const group_team *t = resolve_group(rs, h->group);
		if (!t)
			continue;
		fputs("        manager: ", f);
		if (t->manager) {
			put(f, display_name(t->manager));
			if (t->manager->gitlab) {
				fputs(" @", f);
				put(f, t->manager->gitlab);
			}
		} else {
			fputs("-", f);
		}
		for (size_t k = 0; k < t->counterparts.n; k++) {
			const person *p = t->counterparts.v[k];
			fputs(k ? ", " : "; counterparts: ", f);
			put(f, display_name(p));
			if (p->gitlab) {
				fputs(" @", f);
				put(f, p->gitlab);
			}
		}
		fputc('\n', f);
	}
}

void out_text_tables(FILE *f, const roster *r, resolver *rs,
		     const people_table *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const people_table *t = v[i];
		const table_rows *tr = resolve_table(rs, t);
		if (i)
			fputc('\n', f);
		put(f, t->loc.file);
		fprintf(f, ":%d: ", t->loc.line);
		put_call(f, t);
		fputc('\n', f);
		fputs("  group: ", f);
		put(f, r->groups[t->group].id);
		if (t->heading) {
			fputs("; heading: ", f);
			put(f, t->heading);
		}
		fprintf(f, "; %zu row%s\n", tr ? tr->people.n : 0,
			tr && tr->people.n == 1 ? "" : "s");
		if (tr && t->kind == TABLE_DEPARTMENT_MEMBERS) {
			/* the template's own columns: Name | Group | Departments */
			for (size_t k = 0; k < tr->people.n; k++) {
				const person *p = tr->people.v[k];
				char *grp = table_department_group(p);
				fputs("  ", f);
				put(f, display_name(p));
				fputs("  group: ", f);
				put(f, grp);
				fputs("; departments: ", f);
				for (size_t d = 0; d < p->departments.n; d++) {
					fputs(d ? ", " : "", f);
					put(f, p->departments.v[d]);
				}
				fputs("  (", f);
				put(f, p->slug);
				fputs(")\n", f);
				free(grp);
			}
		} else if (tr) {
			put_people(f, tr->people.v, tr->people.n, tr->manager);
		}
	}
}

/* The person of an escalation step, as "Name (slug)". */
static char *step_label(const person *p)
{
	const char *name = display_name(p);
	size_t n = strlen(name) + strlen(p->slug) + 4;
	char *s = malloc(n);
	if (s)
		snprintf(s, n, "%s (%s)", name, p->slug);
	return s;
}

void out_text_escalate(FILE *f, const escalate_path *p, const awake_ctx *aw)
{
	fputs("Whom to ask about ", f);
	if (p->is_group) {
		fputs("the group ", f);
		put(f, p->group->name && *p->group->name ? p->group->name : p->group->id);
		fputs(" (", f);
		put(f, p->group->id);
	} else {
		put(f, display_name(p->person));
		fputs(" (", f);
		put(f, p->person->slug);
	}
	fputs("), in order\n", f);
	if (aw) {
		char when[40], hours[48];
		awake_moment(aw, when, hours);
		fprintf(f, "At %s; awake: inside their working hours (%s unless their "
			   "own)\n", when, hours);
	}
	fputc('\n', f);
	size_t lw = 0, rw = 0, num = p->n >= 10 ? 2 : 1;
	char **labels = calloc(p->n + 1, sizeof(*labels));
	for (size_t i = 0; labels && i < p->n; i++) {
		labels[i] = step_label(p->steps[i].person);
		size_t w = labels[i] ? clean_width(labels[i]) : 0;
		lw = w > lw ? w : lw;
		w = clean_width(p->steps[i].person->role);
		rw = w > rw ? w : rw;
	}
	lw = lw > NAME_COLS_MAX + 24 ? NAME_COLS_MAX + 24 : lw;
	rw = rw > ROLE_COLS_MAX ? ROLE_COLS_MAX : rw;
	fit_columns(4 + num, 30, &lw, &rw);
	for (size_t i = 0; labels && i < p->n; i++) {
		const escalate_step *st = &p->steps[i];
		fprintf(f, "  %*zu. ", (int)num, i + 1);
		put_padded(f, labels[i] ? labels[i] : st->person->slug, lw);
		fputs("  ", f);
		put_padded(f, st->person->role ? st->person->role : "", rw);
		fputs("  \u2014 ", f);
		put(f, st->why);
		if (st->timed) {
			char when[48] = "";
			if (st->time.known)
				out_text_local_brief(&st->time.local, when, sizeof(when));
			if (st->time.awake == AWAKE_YES)
				fprintf(f, "  \u00b7 awake %s", when);
			else if (st->time.awake == AWAKE_OFF_HOURS)
				fprintf(f, "  \u00b7 off hours %s", when);
			else
				fputs("  \u00b7 time zone unknown", f);
		}
		fputs(person_tags(st->person), f);
		fputc('\n', f);
		if (st->over_vacancy) {
			fprintf(f, "  %*s  over a vacancy: ", (int)num, "");
			put(f, display_name(st->over_vacancy));
			fputs(" (", f);
			put(f, st->over_vacancy->slug);
			fputs(")\n", f);
		}
		if (st->note) {
			fprintf(f, "  %*s  ", (int)num, "");
			put(f, st->note);
			fputc('\n', f);
		}
	}
	for (size_t i = 0; labels && i < p->n; i++)
		free(labels[i]);
	free(labels);
	if (p->end == ESCALATE_END_NO_MANAGER)
		fputs(p->n ? "  (no manager: the group's team table has no manager row)\n"
			   : "  nobody to ask: the group's team table has no manager row, "
			     "and it has no counterparts\n",
		      f);
	if (p->nskipped) {
		fputs("\nNot asked (vacancies): ", f);
		for (size_t i = 0; i < p->nskipped; i++) {
			if (i)
				fputs(", ", f);
			put(f, display_name(p->skipped[i]));
			fputs(" (", f);
			put(f, p->skipped[i]->slug);
			fputc(')', f);
		}
		fputc('\n', f);
	}
}

/* view_org.c: the org under a person (`O`): org_build's tree, built once,
 * shown as a tree like the directory's, each open node's direct reports
 * under it (l or Right opens, h or Left closes or goes to the manager,
 * Enter opens the card): per person their role and "N direct · M in
 * org", a reports_to cycle marked where it comes back, vacancies dim.
 * It starts with the root open one level. Only the rows shown are made
 * (ui_org_visible): a toggle costs the open part of the tree, never the
 * whole of a 100,000-person org. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "teamtui/ui.h"

/* Beyond this depth the tree is not indented further (a chain 100,000
 * deep would otherwise leave no room for names). */
enum { MAX_INDENT = 24 };

struct org_state {
	org_tree *tree;	     /* of the roster of generation gen */
	unsigned gen;
	unsigned char *open; /* per node: its reports are shown */
	size_t *vis;	     /* per row: its node (ORG_NONE: the totals) */
	/* the open nodes by slug, kept across a reload */
	char **saved;
	size_t nsaved;
	awake_count awake; /* the people listed by state (`a`) */
};

/* ---- the pieces the person card shares ---------------------------------- */

void ui_org_summary_of(const org_tree *tree, ui_org_summary *out)
{
	memset(out, 0, sizeof(*out));
	if (!tree || !tree->n)
		return;
	const org_node *root = &tree->nodes[0];
	out->size = root->size;
	out->vacancies = root->vacancies;
	out->levels = root->levels;
	out->direct = root->direct;
	out->direct_vacancies = root->direct_vacancies;
	for (size_t k = 0; k < ORG_NKINDS; k++)
		out->mix[k] = org_mix(tree, root, (int)k);
	/* the direct reports with people under them, by size: a top 3 kept
	 * in order (a later one of the same size stays after) */
	for (size_t i = 1; i < tree->n; i = tree->nodes[i].end) {
		const org_node *nd = &tree->nodes[i];
		if (nd->cycle || !nd->size)
			continue;
		size_t k = out->nlargest;
		while (k > 0 && out->largest_size[k - 1] < nd->size)
			k--;
		if (k >= 3)
			continue;
		size_t last = out->nlargest < 3 ? out->nlargest : 2;
		for (size_t j = last; j > k; j--) {
			out->largest[j] = out->largest[j - 1];
			out->largest_size[j] = out->largest_size[j - 1];
		}
		out->largest[k] = nd->person;
		out->largest_size[k] = nd->size;
		if (out->nlargest < 3)
			out->nlargest++;
	}
}

void ui_org_mix_text(const size_t *mix, char *buf, size_t size)
{
	size_t o = 0;
	buf[0] = '\0';
	for (int k = 0; k < ORG_NKINDS && o < size; k++) {
		if (!mix[k])
			continue;
		int n = snprintf(buf + o, size - o, "%s%zu %s", o ? ", " : "", mix[k],
				 org_kind_name((org_kind)k, mix[k]));
		o += n > 0 ? (size_t)n : 0;
	}
}

size_t ui_org_visible(const org_tree *tree, const unsigned char *open, size_t *vis)
{
	size_t n = 0;
	for (size_t i = 0; i < tree->n;) {
		vis[n++] = i;
		i = open[i] && !tree->nodes[i].cycle ? i + 1 : tree->nodes[i].end;
	}
	return n;
}

const person *ui_org_top(const roster *r)
{
	/* every top's org counted in one walk of the reports index (each
	 * person is under one top at most): a roster of 100,000 people with
	 * thousands of dangling managers is one pass, not one org each */
	size_t n = r->npeople;
	unsigned char *seen = calloc(n + 1, 1);
	size_t *stack = malloc((n + 1) * sizeof(*stack));
	const person *best = NULL;
	size_t best_size = 0;
	for (size_t i = 0; seen && stack && i < n; i++) {
		const person *p = &r->people[i];
		if (p->reports_to && *p->reports_to && roster_person(r, p->reports_to))
			continue; /* someone's report: not a top */
		size_t size = 0, top = 0;
		seen[i] = 1;
		stack[top++] = i;
		while (top) {
			size_t k, j = stack[--top];
			const size_t *reps = roster_reports_at(r, j, &k);
			size += j != i;
			for (size_t c = 0; c < k; c++)
				if (!seen[reps[c]]) {
					seen[reps[c]] = 1;
					stack[top++] = reps[c];
				}
		}
		if (!best || size > best_size) {
			best = p;
			best_size = size;
		}
	}
	free(seen);
	free(stack);
	return best;
}

const person *ui_org_subject(tui *t, char *why, size_t size)
{
	view *v = ui_top(t);
	rows *fr = ui_focus(v);
	const row *rw = fr->cursor < fr->n ? &fr->v[fr->cursor] : NULL;
	if (size)
		why[0] = '\0';
	if (v->ops == ui_views[VIEW_PERSON])
		return roster_person(t->r, v->subject);
	if (rw && rw->kind == ROW_PERSON && rw->id)
		return roster_person(t->r, rw->id);
	const group *g = rw && rw->kind == ROW_GROUP && rw->id ? roster_group(t->r, rw->id)
			 : v->ops == ui_views[VIEW_GROUP] ? roster_group(t->r, v->subject)
							   : NULL;
	if (g) {
		const group_team *team = resolve_group(t->rs, g);
		if (team && team->manager)
			return team->manager;
		snprintf(why, size, "%s has no manager in the roster: ", g->name);
	}
	const person *top = ui_org_top(t->r);
	if (size && top) {
		size_t o = strlen(why);
		snprintf(why + o, size - o, "the org under the top of the roster");
	}
	return top;
}

/* ---- the view ------------------------------------------------------------ */

static void saved_free(struct org_state *st)
{
	for (size_t i = 0; i < st->nsaved; i++)
		free(st->saved[i]);
	free(st->saved);
	st->saved = NULL;
	st->nsaved = 0;
}

static void tree_free(struct org_state *st)
{
	org_free(st->tree); /* reads no person: safe after a reload */
	free(st->open);
	free(st->vis);
	st->tree = NULL;
	st->open = NULL;
	st->vis = NULL;
}

/* The tree of the roster now: built when there is none or the roster was
 * reloaded (the open nodes then found again by slug). */
static bool ensure_tree(struct org_state *st, tui *t, const person *root)
{
	if (st->tree && st->gen == t->roster_gen) {
		saved_free(st); /* the same roster: the nodes are as they were */
		return true;
	}
	bool again = st->tree != NULL || st->nsaved;
	tree_free(st);
	st->tree = org_build(t->r, root);
	if (!st->tree)
		return false;
	st->gen = t->roster_gen;
	size_t n = st->tree->n;
	st->open = calloc(n, 1);
	st->vis = malloc((n + 1) * sizeof(*st->vis)); /* the nodes and the totals */
	if (!st->open || !st->vis) {
		tree_free(st);
		return false;
	}
	if (!again) {
		st->open[0] = 1; /* the root's direct reports */
		return true;
	}
	/* the nodes that were open, by person: marked by roster index, then
	 * one pass over the nodes */
	unsigned char *was = calloc(t->r->npeople + 1, 1);
	for (size_t i = 0; was && i < st->nsaved; i++) {
		const person *p = roster_person(t->r, st->saved[i]);
		if (p)
			was[p->index] = 1;
	}
	for (size_t i = 0; was && i < n; i++)
		st->open[i] = was[st->tree->nodes[i].person->index];
	free(was);
	saved_free(st);
	return true;
}

/* "3 direct · 108 in org · 5 vacancies" of a node with anyone under it. */
static char *counts_text(const org_node *nd)
{
	char buf[128];
	int n = snprintf(buf, sizeof(buf), "%zu direct \u00b7 %zu in org", (size_t)nd->direct,
			 (size_t)nd->size);
	if (nd->vacancies && n > 0 && (size_t)n < sizeof(buf))
		snprintf(buf + n, sizeof(buf) - (size_t)n, " \u00b7 %zu %s", (size_t)nd->vacancies,
			 nd->vacancies == 1 ? "vacancy" : "vacancies");
	return strdup(buf);
}

/* The root's totals, as the CLI's org header says them. */
static char *totals_text(const org_tree *t)
{
	const org_node *root = &t->nodes[0];
	if (!root->size && !root->vacancies)
		return strdup("no reports");
	char mix[256], buf[400];
	size_t kinds[ORG_NKINDS];
	for (size_t k = 0; k < ORG_NKINDS; k++)
		kinds[k] = org_mix(t, root, (int)k);
	ui_org_mix_text(kinds, mix, sizeof(mix));
	int n = snprintf(buf, sizeof(buf), "%zu in org, %zu direct, %zu level%s%s%s",
			 (size_t)root->size, (size_t)root->direct, (size_t)root->levels, root->levels == 1 ? "" : "s",
			 *mix ? ": " : "", mix);
	if (root->vacancies && n > 0 && (size_t)n < sizeof(buf))
		snprintf(buf + n, sizeof(buf) - (size_t)n, "; %zu %s", (size_t)root->vacancies,
			 root->vacancies == 1 ? "vacancy" : "vacancies");
	return strdup(buf);
}

static void add_node(view *v, tui *t, struct org_state *st, size_t i)
{
	const org_node *nd = &st->tree->nodes[i];
	const person *p = nd->person;
	bool has = nd->end > i + 1;
	const char *lead;
	row_style lead_style;
	/* only the awake: who has reports stays, holding the tree */
	if (!ui_awake_lead(t, p, &v->rows, &lead, &lead_style, &st->awake) && !has &&
	    !nd->cycle)
		return;
	size_t indent = nd->depth < MAX_INDENT ? nd->depth : MAX_INDENT;
	row *rw = rows_add(&v->rows, ROW_PERSON, STYLE_NORMAL, (int)indent);
	if (!rw)
		return;
	st->vis[v->rows.n - 1] = i;
	rw->item = p;
	rw->id = p->slug;
	rw->lead = lead;
	rw->lead_style = lead_style;
	rw->quiet = nd->vacancy;
	const char *mark = !has || nd->cycle ? "  " : st->open[i] ? "- " : "+ ";
	rw->cells[0] = rows_own(&v->rows, ui_concat(mark, ui_person_name(p)));
	rw->cells[1] = p->role ? p->role : "";
	rw->cells[2] = nd->cycle ? "reports_to cycle: the chain loops here"
		       : nd->size || nd->vacancies ? rows_own(&v->rows, counts_text(nd))
						   : "";
	rw->cells[3] = nd->vacancy ? "vacancy" : !p->public_ ? "not public" : NULL;
	rw->copy = p->slug;
	if (p->gitlab) /* o: their GitLab profile, as on a people row */
		rw->url = rows_own(&v->rows, ui_concat("https://gitlab.com/", p->gitlab));
}

static bool build(view *v, tui *t)
{
	struct org_state *st = v->state;
	const person *root = roster_person(t->r, v->subject);
	if (!root || !ensure_tree(st, t, root))
		return false;
	rows_clear(&v->rows);
	v->rows.tree = true;
	row *rw = rows_add(&v->rows, ROW_TEXT, STYLE_DIM, 0);
	if (rw)
		rw->cells[0] = rows_own(&v->rows, totals_text(st->tree));
	/* the rows shown: into the end of vis, then one row each */
	size_t n = st->tree->n, *order = malloc(n * sizeof(*order));
	size_t nv = order ? ui_org_visible(st->tree, st->open, order) : 0;
	st->awake = (awake_count){0};
	for (size_t i = 0; i < v->rows.n; i++)
		st->vis[i] = ORG_NONE;
	for (size_t k = 0; k < nv && v->rows.n <= n; k++) /* vis: n + 1 rows */
		add_node(v, t, st, order[k]);
	free(order);
	return true;
}

/* The node of the cursor's row, or ORG_NONE. */
static size_t cursor_node(view *v)
{
	struct org_state *st = v->state;
	const rows *r = &v->rows;
	if (!st->tree || r->cursor >= r->n || r->v[r->cursor].kind != ROW_PERSON)
		return ORG_NONE;
	return st->vis[r->cursor];
}

static void to_node(view *v, size_t node)
{
	struct org_state *st = v->state;
	for (size_t i = 0; i < v->rows.n; i++)
		if (v->rows.v[i].kind == ROW_PERSON && st->vis[i] == node) {
			v->rows.cursor = i;
			return;
		}
}

static void toggle(view *v, tui *t, size_t node, bool open)
{
	struct org_state *st = v->state;
	st->open[node] = open;
	size_t top = v->rows.top;
	build(v, t);
	v->rows.top = top < v->rows.n ? top : 0;
	to_node(v, node);
}

static bool request_org(view *v, tui *t, request req)
{
	struct org_state *st = v->state;
	size_t i = cursor_node(v);
	if (i == ORG_NONE)
		return false;
	const org_node *nd = &st->tree->nodes[i];
	bool has = nd->end > i + 1 && !nd->cycle;
	switch (req) {
	case REQ_EXPAND:
		if (!has)
			return false; /* a card: opened */
		if (st->open[i])
			rows_move(&v->rows, 1); /* into the open node */
		else
			toggle(v, t, i, true);
		return true;
	case REQ_COLLAPSE:
		if (has && st->open[i]) {
			toggle(v, t, i, false);
			return true;
		}
		if (nd->parent == ORG_NONE)
			return false; /* the root, closed: back */
		to_node(v, nd->parent);
		return true;
	default:
		return false;
	}
}

static char *title(view *v, tui *t)
{
	struct org_state *st = v->state;
	const person *p = roster_person(t->r, v->subject);
	char buf[400];
	int n = snprintf(buf, sizeof(buf), "Org \u203a %s", p ? ui_person_name(p) : v->subject);
	if (st->tree && n > 0 && (size_t)n < sizeof(buf))
		n += snprintf(buf + n, sizeof(buf) - (size_t)n, " \u00b7 %zu in org",
			      (size_t)st->tree->nodes[0].size);
	if (t->awake_mode == UI_AWAKE_ONLY && n > 0 && (size_t)n < sizeof(buf)) {
		char aw[64];
		ui_awake_count_text(&st->awake, aw, sizeof(aw));
		snprintf(buf + n, sizeof(buf) - (size_t)n, " \u00b7 %s", aw);
	}
	return strdup(buf);
}

/* Before the roster goes: the open nodes as slugs (walking the open part
 * only); the tree itself is kept, unread, until build sees whether the
 * roster is still the same (a GitLab answer) or another (a reload). */
static void release(view *v)
{
	struct org_state *st = v->state;
	if (!st || !st->tree)
		return;
	saved_free(st);
	size_t n = st->tree->n, *order = malloc(n * sizeof(*order));
	size_t nv = order ? ui_org_visible(st->tree, st->open, order) : 0;
	st->saved = calloc(nv + 1, sizeof(char *));
	for (size_t k = 0; st->saved && k < nv; k++) {
		size_t i = order[k];
		if (st->open[i] && (st->saved[st->nsaved] = strdup(st->tree->nodes[i].person->slug)))
			st->nsaved++;
	}
	free(order);
}

static void free_view(view *v)
{
	struct org_state *st = v->state;
	if (!st)
		return;
	tree_free(st);
	saved_free(st);
}

/* Start on the root. */
static void init(view *v, tui *t)
{
	(void)t;
	to_node(v, 0);
}

const view_ops view_org_ops = {
	.name = "org",
	.state_size = sizeof(struct org_state),
	.build = build,
	.init = init,
	.request = request_org,
	.title = title,
	.release = release,
	.free = free_view,
	.hint = "l opens, h closes \u00b7 Enter: the card \u00b7 a: who is awake",
	.people_list = true,
};

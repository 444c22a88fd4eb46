/* out_dot.c: the org as Graphviz DOT; the grammar is Graphviz's
 * (graphviz.org/doc/info/lang.html), labels escString. */
#include "teamtui/out_dot.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "teamtui/sanitize.h"

char *out_dot_escape(const char *s)
{
	char *clean = sanitize(s, SANITIZE_LINE);
	if (!clean)
		return NULL;
	size_t n = strlen(clean);
	/* '&' becomes "&amp;" (5), anything else at most 2 bytes */
	char *out = malloc(n * 5 + 1);
	if (!out) {
		free(clean);
		return NULL;
	}
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		char c = clean[i];
		if (c == '"' || c == '\\') {
			out[o++] = '\\';
			out[o++] = c;
		} else if (c == '&') { /* Graphviz reads &lt; as '<' in labels */
			memcpy(out + o, "&amp;", 5);
			o += 5;
		} else {
			out[o++] = c;
		}
	}
	out[o] = '\0';
	free(clean);
	return out;
}

/* fputs of s escaped, between quotes; false when out of memory. */
static bool put_quoted(FILE *f, const char *s)
{
	char *e = out_dot_escape(s ? s : "");
	if (!e)
		return false;
	fputc('"', f);
	fputs(e, f);
	fputc('"', f);
	free(e);
	return true;
}

/* A person's box: name, then role on a second line. */
static bool put_node(FILE *f, const person *p, const char *indent)
{
	char *name = out_dot_escape(p->name && *p->name ? p->name : p->slug);
	char *role = out_dot_escape(p->role ? p->role : "");
	bool ok = name && role;
	if (ok) {
		fprintf(f, "%sp%zu [label=\"%s%s%s\"", indent, p->index, name,
			*role ? "\\n" : "", role);
		if (p->type == PERSON_VACANCY)
			fputs(", style=dashed", f);
		fputs("];\n", f);
	}
	free(name);
	free(role);
	return ok;
}

/* Which group's cluster each shown node goes in: cluster[i] is a group
 * index, or SIZE_MAX. at[person index] is node index + 1 for the people
 * shown (0: not shown). */
static void assign_clusters(const roster *r, resolver *rs, const size_t *at,
			    size_t *cluster)
{
	for (int pass = 0; pass < 3; pass++) {
		for (size_t gi = 0; gi < r->ngroups; gi++) {
			const group *g = &r->groups[gi];
			const group_team *team = pass < 2 ? resolve_group(rs, g) : NULL;
			const plist *l = !team	   ? NULL
					 : pass == 0 ? &team->members
						     : &team->counterparts;
			size_t n = pass == 2 ? g->nstaff : l ? l->n : 0;
			for (size_t k = 0; k < n; k++) {
				const person *p = pass == 2 ? g->staff[k].person : l->v[k];
				if (p && at[p->index] && cluster[at[p->index] - 1] == SIZE_MAX)
					cluster[at[p->index] - 1] = gi;
			}
		}
	}
}

bool out_dot_org(FILE *f, const roster *r, resolver *rs, const org_tree *t,
		 size_t max_depth)
{
	if (max_depth < 1 || max_depth > ORG_MAX_DEPTH)
		max_depth = ORG_MAX_DEPTH;
	size_t *at = calloc(r->npeople ? r->npeople : 1, sizeof(*at));
	size_t *cluster = malloc(t->n * sizeof(*cluster));
	bool *shown = calloc(t->n, sizeof(*shown));
	size_t *count = calloc(r->ngroups + 1, sizeof(*count));
	size_t *order = malloc(t->n * sizeof(*order));
	bool ok = at && cluster && shown && count && order;
	/* the nodes drawn: above the cut, and not a cycle's repeat */
	for (size_t i = 0; ok && i < t->n; i++) {
		const org_node *nd = &t->nodes[i];
		cluster[i] = SIZE_MAX;
		if (!nd->cycle) {
			shown[i] = true;
			at[nd->person->index] = i + 1;
		}
		if (nd->depth == max_depth)
			i = nd->end - 1;
	}
	if (ok)
		assign_clusters(r, rs, at, cluster);
	/* the shown nodes by cluster (groups' order), the unclustered last;
	 * pre-order within each */
	size_t nshown = 0;
	for (size_t i = 0; ok && i < t->n; i++)
		if (shown[i])
			count[cluster[i] == SIZE_MAX ? r->ngroups : cluster[i]]++;
	for (size_t g = 0, sum = 0; ok && g <= r->ngroups; g++) {
		size_t c = count[g];
		count[g] = sum;
		sum += c;
	}
	for (size_t i = 0; ok && i < t->n; i++)
		if (shown[i]) {
			order[count[cluster[i] == SIZE_MAX ? r->ngroups : cluster[i]]++] = i;
			nshown++;
		}
	if (ok) {
		/* left to right: an org is wide, and names read across */
		fputs("digraph org {\n\trankdir=LR;\n\tnode [shape=box];\n", f);
		for (size_t k = 0; ok && k < nshown;) {
			size_t gi = cluster[order[k]];
			const char *indent = "\t";
			if (gi != SIZE_MAX) {
				fprintf(f, "\tsubgraph cluster_%zu {\n\t\tlabel=", gi);
				ok = put_quoted(f, r->groups[gi].name);
				fputs(";\n", f);
				indent = "\t\t";
			}
			for (; ok && k < nshown && cluster[order[k]] == gi; k++)
				ok = put_node(f, t->nodes[order[k]].person, indent);
			if (gi != SIZE_MAX)
				fputs("\t}\n", f);
		}
		for (size_t i = 1; ok && i < t->n; i++) {
			const org_node *nd = &t->nodes[i];
			fprintf(f, "\tp%zu -> p%zu", t->nodes[nd->parent].person->index,
				nd->person->index);
			fputs(nd->cycle ? " [style=dashed, color=red, label=\"cycle\"];\n"
					: ";\n",
			      f);
			if (nd->depth == max_depth && nd->end > i + 1) {
				size_t more = nd->size + nd->vacancies;
				if (more)
					fprintf(f, "\tmore%zu [shape=plaintext, label=\"\u2026 "
						   "%zu more below\"];\n\tp%zu -> more%zu;\n",
						i, more, nd->person->index, i);
				i = nd->end - 1;
			}
		}
		fputs("}\n", f);
	}
	free(at);
	free(cluster);
	free(shown);
	free(count);
	free(order);
	return ok;
}

/* out_json.c: JSON documents for scripts. Field names are part of the
 * interface (docs/teamtui.1); add, never rename. */
#include "teamtui/out_json.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "teamtui/labelurl.h"
#include "teamtui/out_text.h"
#include "teamtui/sanitize.h"
#include "teamtui/table.h"

cJSON *out_json_str(const char *s, int flags)
{
	if (!s)
		return cJSON_CreateNull();
	char *clean = sanitize(s, flags);
	cJSON *j = clean ? cJSON_CreateString(clean) : NULL;
	free(clean);
	return j;
}

static cJSON *jstr(const char *s)
{
	return out_json_str(s, SANITIZE_KEEP_LINES);
}

void out_json_add(cJSON *obj, const char *key, cJSON *val)
{
	if (val)
		cJSON_AddItemToObject(obj, key, val);
}

static cJSON *jstrlist(const strlist *l)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; a && i < l->n; i++)
		cJSON_AddItemToArray(a, jstr(l->v[i]));
	return a;
}

static cJSON *jperson(const person *p)
{
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	out_json_add(o, "slug", jstr(p->slug));
	out_json_add(o, "name", jstr(p->name));
	out_json_add(o, "role", jstr(p->role));
	out_json_add(o, "role_html", jstr(p->role_html));
	out_json_add(o, "job_title", jstr(p->job_title));
	out_json_add(o, "gitlab", jstr(p->gitlab));
	out_json_add(o, "reports_to", jstr(p->reports_to));
	out_json_add(o, "type", jstr(p->type_name));
	out_json_add(o, "public", cJSON_CreateBool(p->public_));
	return o;
}

/* A person's time fields but "awake" (out_json.h), from t. */
static void add_time_fields(cJSON *o, const person_time *t)
{
	out_json_add(o, "timezone", jstr(t->zone.zone));
	out_json_add(o, "timezone_source", jstr(tz_source_name(t->zone.source)));
	out_json_add(o, "timezone_unknown",
		     out_json_str(t->known ? NULL : t->zone.why, SANITIZE_VISIBLE));
	char off[16], when[48] = "", hours[48];
	tz_offset_text(t->local.utc_offset, off, sizeof(off));
	if (t->known && strftime(when, sizeof(when) - 8, "%Y-%m-%dT%H:%M:%S", &t->local.tm))
		strcat(when, off);
	out_json_add(o, "utc_offset", jstr(t->known ? off : NULL));
	out_json_add(o, "local_time", jstr(t->known ? when : NULL));
	work_hours_text(&t->hours, hours, sizeof(hours));
	out_json_add(o, "working_hours", jstr(hours));
}

/* The time fields of a person (out_json.h). */
static void add_time(cJSON *o, const awake_ctx *aw, const person *p)
{
	person_time t;
	awake_person(aw, p, &t);
	add_time_fields(o, &t);
	out_json_add(o, "awake", t.known ? cJSON_CreateBool(t.awake == AWAKE_YES)
					 : cJSON_CreateNull());
}

/* v[0..n) as a list; with aw, only the awake ones, with their time
 * fields, and the counts in *count. */
static cJSON *jpeople_at(const person *const *v, size_t n, const awake_ctx *aw,
			 awake_count *count)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; a && i < n; i++) {
		person_time t;
		if (aw) {
			awake_person(aw, v[i], &t);
			count->awake += t.awake == AWAKE_YES;
			count->off_hours += t.awake == AWAKE_OFF_HOURS;
			count->unknown += t.awake == AWAKE_UNKNOWN;
			if (t.awake != AWAKE_YES)
				continue;
		}
		cJSON *o = jperson(v[i]);
		if (o && aw)
			add_time(o, aw, v[i]);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static cJSON *jcount(const awake_count *c)
{
	cJSON *o = cJSON_CreateObject();
	out_json_add(o, "awake", cJSON_CreateNumber((double)c->awake));
	out_json_add(o, "off_hours", cJSON_CreateNumber((double)c->off_hours));
	out_json_add(o, "unknown", cJSON_CreateNumber((double)c->unknown));
	return o;
}

static cJSON *jpeople(const person *const *v, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; a && i < n; i++)
		cJSON_AddItemToArray(a, jperson(v[i]));
	return a;
}

static bool emit(FILE *f, cJSON *doc)
{
	char *s = doc ? cJSON_Print(doc) : NULL;
	cJSON_Delete(doc);
	if (!s)
		return false;
	fputs(s, f);
	fputc('\n', f);
	cJSON_free(s);
	return true;
}

static cJSON *jgroup_ref(const group *g)
{
	cJSON *o = cJSON_CreateObject();
	if (o) {
		out_json_add(o, "id", jstr(g->id));
		out_json_add(o, "name", jstr(g->name));
	}
	return o;
}

bool out_json_groups(FILE *f, const roster *r)
{
	cJSON *doc = cJSON_CreateObject(), *secs = cJSON_CreateArray();
	out_json_add(doc, "sections", secs);
	for (size_t s = 0; secs && s < r->nsections; s++) {
		const section *sec = &r->sections[s];
		cJSON *so = cJSON_CreateObject(), *stages = cJSON_CreateArray();
		out_json_add(so, "id", jstr(sec->id));
		out_json_add(so, "name", jstr(sec->name));
		out_json_add(so, "stages", stages);
		for (size_t t = 0; stages && t < r->nstages; t++) {
			const stage *st = &r->stages[t];
			if (st->section != sec)
				continue;
			cJSON *to = cJSON_CreateObject(), *groups = cJSON_CreateArray();
			out_json_add(to, "id", jstr(st->id));
			out_json_add(to, "name", jstr(st->name));
			out_json_add(to, "groups", groups);
			for (size_t i = 0; groups && i < r->ngroups; i++)
				if (r->groups[i].stage == st)
					cJSON_AddItemToArray(groups, jgroup_ref(&r->groups[i]));
			cJSON_AddItemToArray(stages, to);
		}
		cJSON_AddItemToArray(secs, so);
	}
	/* groups whose stage or section is unknown are listed, not lost */
	cJSON *orphans = cJSON_CreateArray();
	out_json_add(doc, "ungrouped", orphans);
	for (size_t i = 0; orphans && i < r->ngroups; i++) {
		const group *g = &r->groups[i];
		if (!g->stage || !g->stage->section)
			cJSON_AddItemToArray(orphans, jgroup_ref(g));
	}
	return emit(f, doc);
}

/* aw's moment in UTC: "2026-11-18T11:06:40Z". */
static cJSON *jmoment(const awake_ctx *aw)
{
	time_t at = tz_clock_time(aw->clock);
	struct tm tm;
	char when[32] = "";
	if (gmtime_r(&at, &tm))
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return jstr(when);
}

/* "file:line" of a location, or null. */
static cJSON *jloc(srcloc at)
{
	if (!at.file)
		return cJSON_CreateNull();
	char buf[64];
	size_t n = strlen(at.file);
	char *s = malloc(n + sizeof(buf));
	if (!s)
		return NULL;
	snprintf(s, n + sizeof(buf), "%s:%d", at.file, at.line);
	cJSON *j = jstr(s);
	free(s);
	return j;
}

/* One table: where it is, how it is called, and its rows as rendered. */
static cJSON *jtable(const roster *r, const table_rows *tr, const awake_ctx *aw)
{
	const people_table *t = tr->table;
	const group *g = &r->groups[t->group];
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	out_json_add(o, "file", jstr(t->loc.file));
	out_json_add(o, "line", cJSON_CreateNumber(t->loc.line));
	out_json_add(o, "column", cJSON_CreateNumber(t->loc.col));
	out_json_add(o, "shortcode", jstr(t->shortcode));
	cJSON *params = cJSON_CreateObject();
	out_json_add(o, "params", params);
	for (size_t i = 0; params && i < t->nparams; i++) {
		char key[32];
		const char *k = t->params[i].name;
		if (!k) {
			snprintf(key, sizeof(key), "%zu", i);
			k = key;
		}
		cJSON_DeleteItemFromObjectCaseSensitive(params, k); /* later wins */
		/* controls shown as \x1b, as check names them: not removed */
		out_json_add(params, k, out_json_str(t->params[i].value, SANITIZE_VISIBLE));
	}
	out_json_add(o, "heading", jstr(t->heading));
	out_json_add(o, "group", jstr(g->id));
	cJSON *rows = cJSON_CreateArray();
	out_json_add(o, "rows", rows);
	for (size_t i = 0; rows && i < tr->people.n; i++) {
		const person *p = tr->people.v[i];
		person_time pt;
		if (aw && (awake_person(aw, p, &pt), pt.awake != AWAKE_YES))
			continue;
		cJSON *row = cJSON_CreateObject();
		if (!row)
			break;
		out_json_add(row, "slug", jstr(p->slug));
		out_json_add(row, "name", jstr(p->name));
		out_json_add(row, "role", jstr(p->role));
		if (t->kind == TABLE_DEPARTMENT_MEMBERS) {
			char *dg = table_department_group(p);
			out_json_add(row, "group", jstr(dg));
			free(dg);
			out_json_add(row, "departments", jstrlist(&p->departments));
		}
		cJSON_AddItemToArray(rows, row);
	}
	return o;
}

bool out_json_error(FILE *f, const char *message, const char *kind,
		    const char *query, const char *const *suggestions, size_t n)
{
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return false;
	out_json_add(o, "error", jstr(message));
	out_json_add(o, "kind", jstr(kind));
	out_json_add(o, "query", out_json_str(query, SANITIZE_VISIBLE));
	cJSON *s = cJSON_CreateArray();
	out_json_add(o, "suggestions", s);
	for (size_t i = 0; s && i < n; i++)
		cJSON_AddItemToArray(s, jstr(suggestions[i]));
	return emit(f, o);
}

bool out_json_tables(FILE *f, const roster *r, resolver *rs,
		     const people_table *const *v, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	if (!a)
		return false;
	for (size_t i = 0; i < n; i++) {
		const table_rows *tr = resolve_table(rs, v[i]);
		if (tr)
			cJSON_AddItemToArray(a, jtable(r, tr, NULL));
	}
	return emit(f, a);
}

bool out_json_group(FILE *f, const roster *r, resolver *rs, const group *g,
		    const awake_ctx *aw)
{
	const group_team *t = resolve_group(rs, g);
	if (!t)
		return false;
	cJSON *o = cJSON_CreateObject();
	out_json_add(o, "id", jstr(g->id));
	out_json_add(o, "name", jstr(g->name));
	out_json_add(o, "stage", jstr(g->stage_id));
	out_json_add(o, "stage_name", jstr(g->stage ? g->stage->name : NULL));
	out_json_add(o, "section", jstr(g->stage ? g->stage->section_id : NULL));
	out_json_add(o, "section_name", jstr(g->stage && g->stage->section
					? g->stage->section->name
					: NULL));
	out_json_add(o, "description", jstr(g->description));
	out_json_add(o, "handbook", jstr(g->handbook));
	out_json_add(o, "manager", t->manager ? jperson(t->manager) : cJSON_CreateNull());
	awake_count mc = {0}, cc = {0}, none = {0};
	out_json_add(o, "members", jpeople_at(t->members.v, t->members.n, aw, &mc));
	out_json_add(o, "counterparts",
		     jpeople_at(t->counterparts.v, t->counterparts.n, aw, &cc));
	cJSON *tables = cJSON_CreateArray();
	out_json_add(o, "counterpart_tables", tables);
	for (size_t k = 0; tables && k < t->ntables; k++)
		if (t->tables[k].table->kind == TABLE_STABLE_COUNTERPARTS)
			cJSON_AddItemToArray(tables, jpeople_at(t->tables[k].people.v,
								t->tables[k].people.n, aw,
								&none));
	if (aw) {
		cJSON *a = cJSON_CreateObject();
		char hours[48];
		work_hours_text(&aw->hours, hours, sizeof(hours));
		out_json_add(a, "at", jmoment(aw));
		out_json_add(a, "working_hours", jstr(hours));
		out_json_add(a, "members", jcount(&mc));
		out_json_add(a, "counterparts", jcount(&cc));
		out_json_add(o, "awake", a);
	}
	cJSON *all = cJSON_CreateArray();
	out_json_add(o, "tables", all);
	for (size_t k = 0; all && k < t->ntables; k++)
		cJSON_AddItemToArray(all, jtable(r, &t->tables[k], aw));
	out_json_add(o, "source", jloc(g->loc));
	cJSON *staff = cJSON_CreateArray();
	out_json_add(o, "staff", staff);
	for (size_t k = 0; staff && k < g->nstaff; k++) {
		const staff_entry *se = &g->staff[k];
		cJSON *e = cJSON_CreateObject();
		if (!e)
			break;
		out_json_add(e, "field", jstr(se->field));
		out_json_add(e, "name", jstr(se->name));
		out_json_add(e, "person", se->person ? jperson(se->person) : cJSON_CreateNull());
		cJSON_AddItemToArray(staff, e);
	}
	out_json_add(o, "channels", jstrlist(&g->channels));
	cJSON *labels = cJSON_CreateArray();
	out_json_add(o, "labels", labels);
	for (size_t i = 0; labels && i < g->labels.n; i++) {
		cJSON *l = cJSON_CreateObject();
		char *url = labelurl_issues(r->issues_url, g->labels.v[i]);
		out_json_add(l, "name", jstr(g->labels.v[i]));
		out_json_add(l, "url", jstr(url));
		free(url);
		cJSON_AddItemToArray(labels, l);
	}
	cJSON *links = cJSON_CreateArray();
	out_json_add(o, "links", links);
	for (size_t i = 0; links && i < g->nlinks; i++) {
		cJSON *l = cJSON_CreateObject();
		out_json_add(l, "title", jstr(g->links[i].title));
		out_json_add(l, "url", jstr(g->links[i].url));
		cJSON_AddItemToArray(links, l);
	}
	if (g->okrs.project) {
		cJSON *k = cJSON_CreateObject();
		char *url = labelurl_project(r->issues_url, g->okrs.project,
					     g->okrs.labels.v, g->okrs.labels.n);
		out_json_add(k, "project", jstr(g->okrs.project));
		out_json_add(k, "labels", jstrlist(&g->okrs.labels));
		out_json_add(k, "kind", jstr(g->okrs.kind));
		out_json_add(k, "url", jstr(url));
		free(url);
		out_json_add(o, "okrs", k);
	} else {
		out_json_add(o, "okrs", cJSON_CreateNull());
	}
	return emit(f, o);
}


bool out_json_person(FILE *f, const roster *r, resolver *rs, const person *p,
		     const awake_ctx *aw)
{
	cJSON *o = jperson(p);
	if (!o)
		return false;
	out_json_add(o, "division", jstr(p->division));
	out_json_add(o, "pronouns", jstr(p->pronouns));
	out_json_add(o, "locality", jstr(p->locality));
	out_json_add(o, "country", jstr(p->country));
	if (aw)
		add_time(o, aw, p);
	else
		out_json_add(o, "timezone", jstr(p->timezone));
	out_json_add(o, "placeholder", cJSON_CreateBool(p->placeholder));
	out_json_add(o, "departments", jstrlist(&p->departments));
	out_json_add(o, "specialty", jstrlist(&p->specialty));
	out_json_add(o, "team_tags", jstrlist(&p->team_tags));
	out_json_add(o, "expertise", jstrlist(&p->expertise));
	out_json_add(o, "domain_expertise", jstrlist(&p->domain_expertise));
	cJSON *projects = cJSON_CreateObject();
	out_json_add(o, "projects", projects);
	for (size_t i = 0; projects && i < p->nprojects; i++) {
		char *key = sanitize(p->projects[i].project, SANITIZE_LINE);
		if (key)
			out_json_add(projects, key, jstrlist(&p->projects[i].roles));
		free(key);
	}
	manager_chain ch = resolve_manager_chain(rs, p);
	out_json_add(o, "manager_chain", jpeople(ch.people.v, ch.people.n));
	out_json_add(o, "manager_chain_dangling", jstr(ch.dangling));
	out_json_add(o, "manager_chain_cycle", cJSON_CreateBool(ch.cycle));
	size_t nrep;
	const size_t *reps = roster_reports(r, p, &nrep);
	cJSON *ra = cJSON_CreateArray();
	out_json_add(o, "reports", ra);
	for (size_t i = 0; ra && i < nrep; i++)
		cJSON_AddItemToArray(ra, jperson(&r->people[reps[i]]));
	size_t ng;
	const membership *ms = resolve_person_groups(rs, p, &ng);
	cJSON *ga = cJSON_CreateArray();
	out_json_add(o, "groups", ga);
	for (size_t i = 0; ga && ms && i < ng; i++) {
		cJSON *g = jgroup_ref(ms[i].group);
		out_json_add(g, "as", jstr(resolve_membership_name(&ms[i])));
		cJSON_AddItemToArray(ga, g);
	}
	return emit(f, o);
}

bool out_json_org(FILE *f, const org_tree *t, size_t max_depth)
{
	if (max_depth < 1 || max_depth > ORG_MAX_DEPTH)
		max_depth = ORG_MAX_DEPTH;
	/* reports[i]: node i's "reports" array, for its children to join */
	cJSON **reports = calloc(t->n, sizeof(*reports));
	cJSON *doc = NULL;
	bool ok = reports != NULL;
	for (size_t i = 0; ok && i < t->n; i++) {
		const org_node *nd = &t->nodes[i];
		cJSON *o = cJSON_CreateObject(), *mix = cJSON_CreateObject();
		if (!o || !mix) {
			cJSON_Delete(o);
			cJSON_Delete(mix);
			ok = false;
			break;
		}
		if (i)
			cJSON_AddItemToArray(reports[nd->parent], o);
		else
			doc = o;
		out_json_add(o, "person", jperson(nd->person));
		out_json_add(o, "kind", cJSON_CreateString(org_kind_name(nd->kind, 2)));
		out_json_add(o, "depth", cJSON_CreateNumber((double)nd->depth));
		if (nd->cycle) /* already above: nothing below it here */
			out_json_add(o, "cycle", cJSON_CreateTrue());
		out_json_add(o, "direct", cJSON_CreateNumber((double)nd->direct));
		out_json_add(o, "size", cJSON_CreateNumber((double)nd->size));
		out_json_add(o, "levels", cJSON_CreateNumber((double)nd->levels));
		out_json_add(o, "vacancies", cJSON_CreateNumber((double)nd->vacancies));
		for (int k = 0; k < ORG_NKINDS; k++)
			out_json_add(mix, org_kind_name((org_kind)k, 2),
				     cJSON_CreateNumber((double)org_mix(t, nd, k)));
		out_json_add(o, "mix", mix);
		reports[i] = cJSON_CreateArray();
		if (!reports[i]) {
			ok = false;
			break;
		}
		out_json_add(o, "reports", reports[i]);
		if (nd->depth == max_depth && nd->end > i + 1) { /* the cut */
			out_json_add(o, "more_below",
				     cJSON_CreateNumber((double)(nd->size + nd->vacancies)));
			i = nd->end - 1;
		}
	}
	free(reports);
	if (!ok) {
		cJSON_Delete(doc);
		return false;
	}
	return emit(f, doc);
}

bool out_json_diags(FILE *f, const diag_list *d)
{
	cJSON *o = cJSON_CreateObject(), *a = cJSON_CreateArray();
	out_json_add(o, "errors", cJSON_CreateNumber((double)d->errors));
	out_json_add(o, "warnings", cJSON_CreateNumber((double)d->warnings));
	out_json_add(o, "diagnostics", a);
	for (size_t i = 0; a && i < d->count; i++) {
		const diag *x = &d->items[i];
		cJSON *e = cJSON_CreateObject();
		out_json_add(e, "file", out_json_str(x->file, SANITIZE_VISIBLE));
		out_json_add(e, "line", cJSON_CreateNumber(x->line));
		out_json_add(e, "column", cJSON_CreateNumber(x->column));
		out_json_add(e, "severity", jstr(diag_severity_name(x->severity)));
		out_json_add(e, "message", out_json_str(x->message, SANITIZE_VISIBLE));
		cJSON_AddItemToArray(a, e);
	}
	return emit(f, o);
}

bool out_json_hits(FILE *f, resolver *rs, const search_hit *hits, size_t n,
		   const awake_ctx *aw)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; a && i < n; i++) {
		const search_hit *h = &hits[i];
		cJSON *o = cJSON_CreateObject();
		bool person = h->kind == SEARCH_PERSON;
		out_json_add(o, "kind", jstr(person ? "person" : "group"));
		out_json_add(o, "id", jstr(person ? h->person->slug : h->group->id));
		out_json_add(o, "name", jstr(person ? (h->person->name ? h->person->name
							     : h->person->slug)
					   : h->group->name));
		out_json_add(o, "score", cJSON_CreateNumber(h->score));
		out_json_add(o, "reason", jstr(h->reason));
		if (person) {
			out_json_add(o, "gitlab", jstr(h->person->gitlab));
			out_json_add(o, "role", jstr(h->person->role));
			if (aw)
				add_time(o, aw, h->person);
		} else {
			const group_team *t = resolve_group(rs, h->group);
			out_json_add(o, "channels", jstrlist(&h->group->channels));
			out_json_add(o, "manager", t && t->manager ? jperson(t->manager)
							  : cJSON_CreateNull());
			out_json_add(o, "counterparts",
			    t ? jpeople(t->counterparts.v, t->counterparts.n)
			      : cJSON_CreateArray());
		}
		cJSON_AddItemToArray(a, o);
	}
	return emit(f, a);
}

bool out_json_escalate(FILE *f, const escalate_path *p, const awake_ctx *aw)
{
	static const char *const ends[] = {"top", "dangling", "cycle", "no_manager"};
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return false;
	out_json_add(o, "kind", jstr(p->is_group ? "group" : "person"));
	out_json_add(o, "of", p->is_group ? jgroup_ref(p->group) : jperson(p->person));
	if (aw)
		out_json_add(o, "at", jmoment(aw));
	cJSON *steps = cJSON_CreateArray();
	out_json_add(o, "steps", steps);
	for (size_t i = 0; steps && i < p->n; i++) {
		const escalate_step *st = &p->steps[i];
		cJSON *e = cJSON_CreateObject();
		if (!e)
			break;
		out_json_add(e, "person", jperson(st->person));
		out_json_add(e, "why", jstr(st->why));
		out_json_add(e, "function", jstr(escalate_function_name(st->function)));
		out_json_add(e, "level", cJSON_CreateNumber((double)st->level));
		if (st->timed) { /* a person's, but "awake" says which of three */
			add_time_fields(e, &st->time);
			out_json_add(e, "awake", jstr(awake_name(st->time.awake)));
		}
		out_json_add(e, "over_vacancy", st->over_vacancy ? jperson(st->over_vacancy)
								 : cJSON_CreateNull());
		out_json_add(e, "note", jstr(st->note));
		cJSON_AddItemToArray(steps, e);
	}
	out_json_add(o, "end", jstr(ends[p->end]));
	out_json_add(o, "dangling", jstr(p->dangling));
	out_json_add(o, "cycle_at", p->cycle_at ? jperson(p->cycle_at) : cJSON_CreateNull());
	out_json_add(o, "skipped", jpeople(p->skipped, p->nskipped));
	return emit(f, o);
}

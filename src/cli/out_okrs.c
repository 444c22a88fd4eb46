/* out_okrs.c: see out_okrs.h. Titles are roster-independent network data:
 * they pass through sanitize like everything else. */
#include "teamtui/out_okrs.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "teamtui/sanitize.h"

void out_okrs_status(const gitlab_fetch *f, char *buf, size_t size)
{
	char age[64] = "";
	if (gitlab_fetched_at(f))
		gitlab_age(gitlab_fetched_at(f), time(NULL), age, sizeof(age));
	const char *err = gitlab_error(f), *warning = gitlab_warning(f);
	int n;
	if (gitlab_state(f) == FETCH_RUNNING)
		n = snprintf(buf, size, "fetching\u2026");
	else if (err && gitlab_fetched_at(f))
		n = snprintf(buf, size, "cached %s (%s)", age, err);
	else if (err)
		n = snprintf(buf, size, "%s", err);
	else
		n = snprintf(buf, size, "%s %s", gitlab_from_cache(f) ? "cached" : "fetched",
			     age);
	if (warning && gitlab_state(f) != FETCH_RUNNING && n >= 0 && (size_t)n < size)
		snprintf(buf + n, size - (size_t)n, "; %s", warning);
}

static void put(FILE *out, const char *s)
{
	sanitize_fputs(s ? s : "", out);
}

void out_okrs_text(FILE *out, const group *g, const gitlab_fetch *f)
{
	char status[1600];
	out_okrs_status(f, status, sizeof(status));
	put(out, g->name);
	fputs(" OKRs: ", out);
	put(out, g->okrs.project);
	for (size_t i = 0; i < g->okrs.labels.n; i++) {
		fputs(i ? ", " : " labelled ", out);
		put(out, g->okrs.labels.v[i]);
	}
	fputs("\n", out);
	put(out, status);
	fputs("\n", out);
	const okr_list *l = gitlab_items(f);
	size_t *order = malloc((l->n + 1) * sizeof(size_t));
	int *depth = malloc((l->n + 1) * sizeof(int));
	size_t n = order && depth ? okr_order(l, order, depth) : 0;
	if (!n && !gitlab_error(f))
		fputs(g->okrs.kind && !strcmp(g->okrs.kind, "issues")
			      ? "(no open issues)\n"
			      : "(no open objectives or key results)\n",
		      out);
	for (size_t k = 0; k < n; k++) {
		const okr_item *it = &l->v[order[k]];
		fprintf(out, "\n%*s", depth[k] * 2, "");
		put(out, it->type ? it->type : "Item");
		fputs(" #", out);
		put(out, it->iid);
		fputs("  ", out);
		put(out, it->title);
		fprintf(out, "\n%*s  ", depth[k] * 2, "");
		put(out, it->state ? it->state : "?");
		if (okr_health_text(it->health)) {
			fputs(" \u00b7 ", out);
			put(out, okr_health_text(it->health));
		}
		if (it->progress >= 0)
			fprintf(out, " \u00b7 %d%%", it->progress);
		if (it->due) {
			fputs(" \u00b7 due ", out);
			put(out, it->due);
		}
		if (it->assignees) {
			fputs(" \u00b7 ", out);
			put(out, it->assignees);
		}
		fprintf(out, "\n%*s  ", depth[k] * 2, "");
		put(out, it->url);
		fputc('\n', out);
	}
	free(order);
	free(depth);
}

static cJSON *jstr(const char *s)
{
	if (!s)
		return cJSON_CreateNull();
	char *c = sanitize(s, SANITIZE_LINE);
	cJSON *j = cJSON_CreateString(c ? c : "");
	free(c);
	return j;
}

static cJSON *item_json(const okr_item *it)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "type", jstr(it->type));
	/* iid: a number, as GitLab's own JSON has it */
	char *end = NULL;
	long iid = it->iid ? strtol(it->iid, &end, 10) : 0;
	cJSON_AddItemToObject(o, "iid", it->iid && *it->iid && !*end
					    ? cJSON_CreateNumber((double)iid)
					    : jstr(it->iid));
	cJSON_AddItemToObject(o, "title", jstr(it->title));
	cJSON_AddItemToObject(o, "state", jstr(it->state));
	cJSON_AddItemToObject(o, "health_status", jstr(it->health));
	cJSON_AddItemToObject(o, "progress", it->progress >= 0
						 ? cJSON_CreateNumber(it->progress)
						 : cJSON_CreateNull());
	cJSON *users = cJSON_CreateArray();
	for (size_t k = 0; users && k < it->nusers; k++) {
		cJSON *u = cJSON_CreateObject();
		cJSON_AddItemToObject(u, "username", jstr(it->users[k].username));
		cJSON_AddItemToObject(u, "name", jstr(it->users[k].name));
		cJSON_AddItemToArray(users, u);
	}
	cJSON_AddItemToObject(o, "assignees", users);
	cJSON_AddItemToObject(o, "due_date", jstr(it->due));
	cJSON_AddItemToObject(o, "url", jstr(it->url));
	cJSON_AddItemToObject(o, "children", cJSON_CreateArray());
	return o;
}

bool out_okrs_json(FILE *out, const group *g, const gitlab_fetch *f)
{
	cJSON *doc = cJSON_CreateObject();
	cJSON_AddItemToObject(doc, "group", jstr(g->id));
	cJSON_AddItemToObject(doc, "project", jstr(g->okrs.project));
	cJSON *labels = cJSON_CreateArray();
	for (size_t i = 0; i < g->okrs.labels.n; i++)
		cJSON_AddItemToArray(labels, jstr(g->okrs.labels.v[i]));
	cJSON_AddItemToObject(doc, "labels", labels);
	cJSON_AddItemToObject(doc, "kind", jstr(g->okrs.kind));
	char when[32] = "";
	time_t at = gitlab_fetched_at(f);
	struct tm tm;
	if (at && gmtime_r(&at, &tm))
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	cJSON_AddItemToObject(doc, "fetched_at", at ? jstr(when) : cJSON_CreateNull());
	cJSON_AddBoolToObject(doc, "from_cache", gitlab_from_cache(f));
	cJSON_AddItemToObject(doc, "error", jstr(gitlab_error(f)));
	/* nested: each item's children under it, in display order */
	const okr_list *l = gitlab_items(f);
	size_t *order = malloc((l->n + 1) * sizeof(size_t));
	int *depth = malloc((l->n + 1) * sizeof(int));
	size_t n = order && depth ? okr_order(l, order, depth) : 0;
	cJSON *items = cJSON_CreateArray(), *stack[18] = {items};
	for (size_t k = 0; k < n; k++) {
		int d = depth[k] < 16 ? depth[k] : 16;
		cJSON *o = item_json(&l->v[order[k]]);
		cJSON_AddItemToArray(stack[d], o);
		stack[d + 1] = cJSON_GetObjectItemCaseSensitive(o, "children");
	}
	cJSON_AddItemToObject(doc, "items", items);
	free(order);
	free(depth);
	char *s = cJSON_Print(doc);
	cJSON_Delete(doc);
	if (!s)
		return false;
	fputs(s, out);
	fputc('\n', out);
	cJSON_free(s);
	return true;
}

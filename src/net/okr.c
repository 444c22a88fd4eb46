/* okr.c: GitLab work items and issues to okr_items. */
#include "teamtui/okr.h"

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* *dst = v, freeing what *dst held. */
static void replace(char **dst, char *v)
{
	free(*dst);
	*dst = v;
}

/* A string member, or NULL when missing, null or not a string. */
static const char *str_of(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) && v->valuestring ? v->valuestring : NULL;
}

static const cJSON *obj_of(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsObject(v) ? v : NULL;
}

static const cJSON *arr_of(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsArray(v) ? v : NULL;
}

void okr_list_free(okr_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		okr_item *it = &l->v[i];
		free(it->iid);
		free(it->title);
		free(it->state);
		free(it->url);
		free(it->type);
		free(it->health);
		free(it->due);
		free(it->assignees);
		for (size_t k = 0; k < it->nusers; k++) {
			free(it->users[k].username);
			free(it->users[k].name);
		}
		free(it->users);
		free(it->parent);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static okr_item *push(okr_list *l)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		okr_item *v = realloc(l->v, cap * sizeof(*v));
		if (!v)
			return NULL;
		l->v = v;
		l->cap = cap;
	}
	okr_item *it = &l->v[l->n++];
	memset(it, 0, sizeof(*it));
	it->progress = -1;
	return it;
}

/* "@alice, @bob" from a list of {username}. */
static char *join_users(const cJSON *users)
{
	size_t n = 1;
	const cJSON *u;
	cJSON_ArrayForEach(u, users) {
		const char *name = str_of(u, "username");
		if (name)
			n += strlen(name) + 3;
	}
	if (n == 1)
		return NULL;
	char *s = calloc(1, n);
	cJSON_ArrayForEach(u, users) {
		const char *name = str_of(u, "username");
		if (!s || !name)
			continue;
		if (*s)
			strcat(s, ", ");
		strcat(s, "@");
		strcat(s, name);
	}
	return s;
}

/* it's assignees from a list of {username, name} (GitLab's user objects,
 * or the cache's): the structured list and the "@a, @b" text, replacing
 * what an earlier widget set. Users without a username are skipped. */
static void set_users(okr_item *it, const cJSON *users)
{
	replace(&it->assignees, join_users(users));
	for (size_t k = 0; k < it->nusers; k++) {
		free(it->users[k].username);
		free(it->users[k].name);
	}
	free(it->users);
	it->users = NULL;
	it->nusers = 0;
	size_t n = 0;
	const cJSON *u;
	cJSON_ArrayForEach(u, users) n += str_of(u, "username") != NULL;
	if (!n || !(it->users = calloc(n, sizeof(*it->users))))
		return;
	cJSON_ArrayForEach(u, users) {
		const char *login = str_of(u, "username");
		if (!login || !(it->users[it->nusers].username = strdup(login)))
			continue;
		it->users[it->nusers++].name = dup_or_null(str_of(u, "name"));
	}
}

/* cJSON keeps its strings NUL-terminated: a "\u0000" escape inside a JSON
 * string would end the C string there and silently drop the rest ("a\u0000b"
 * read as "a"). So before parsing, every such escape is rewritten to
 * "\ufffd", the same length (byte positions in errors stay right): U+FFFD
 * REPLACEMENT CHARACTER, what teamtui shows for anything it cannot show as
 * is (sanitize.c does the same for invalid UTF-8). The lexing follows RFC
 * 8259 section 7: only a backslash that starts an escape inside a string
 * counts, so the text "\\u0000" (an escaped backslash) is left alone. A raw
 * NUL byte is invalid JSON anywhere (section 7: controls must be escaped;
 * section 2: not whitespace); its offset goes to *bad. NULL when out of
 * memory or at a raw NUL. */
static char *without_nul_escapes(const char *json, size_t len, size_t *bad)
{
	char *s = malloc(len + 1);
	if (!s)
		return NULL;
	memcpy(s, json, len);
	s[len] = '\0';
	bool in_string = false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\0') {
			*bad = i;
			free(s);
			return NULL;
		}
		if (!in_string) {
			in_string = s[i] == '"';
		} else if (s[i] == '"') {
			in_string = false;
		} else if (s[i] == '\\' && i + 1 < len) {
			if (len - i >= 6 && !memcmp(s + i + 1, "u0000", 5))
				memcpy(s + i + 1, "ufffd", 5);
			if (s[i + 1] == '\0') {
				*bad = i + 1;
				free(s);
				return NULL;
			}
			i++; /* the escaped character */
		}
	}
	return s;
}

cJSON *okr_json_parse(const char *json, size_t len, char *err, size_t errsize)
{
	size_t bad = (size_t)-1;
	char *text = without_nul_escapes(json, len, &bad);
	if (!text) {
		if (bad != (size_t)-1)
			snprintf(err, errsize, "invalid JSON from the server (a NUL byte at byte %zu)",
				 bad);
		else
			snprintf(err, errsize, "out of memory");
		return NULL;
	}
	const char *end = NULL;
	cJSON *doc = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	if (!doc)
		snprintf(err, errsize, "invalid JSON from the server (near byte %ld)",
			 end ? (long)(end - text) : 0L);
	free(text);
	return doc;
}

/* {"errors":[{"message":...}]}: GraphQL's own failures come with 200 */
static bool graphql_errors(const cJSON *doc, char *err, size_t errsize)
{
	const cJSON *errors = arr_of(doc, "errors");
	const cJSON *first = errors ? cJSON_GetArrayItem(errors, 0) : NULL;
	if (!first)
		return false;
	const char *msg = str_of(first, "message");
	snprintf(err, errsize, "GitLab: %s", msg ? msg : "GraphQL error");
	return true;
}

bool okr_parse_graphql(const char *json, size_t len, okr_list *out,
		       char **next_cursor, char *err, size_t errsize)
{
	*next_cursor = NULL;
	cJSON *doc = okr_json_parse(json, len, err, errsize);
	if (!doc)
		return false;
	bool ok = false;
	if (graphql_errors(doc, err, errsize))
		goto done;
	const cJSON *project = obj_of(obj_of(doc, "data"), "project");
	if (!project) {
		snprintf(err, errsize, "project not found, or private to you");
		goto done;
	}
	const cJSON *items = obj_of(project, "workItems");
	const cJSON *nodes = items ? arr_of(items, "nodes") : NULL;
	if (!nodes) {
		snprintf(err, errsize, "unexpected answer: no workItems.nodes");
		goto done;
	}
	const cJSON *node;
	cJSON_ArrayForEach(node, nodes) {
		if (!cJSON_IsObject(node))
			continue;
		okr_item *it = push(out);
		if (!it)
			break;
		it->iid = dup_or_null(str_of(node, "iid"));
		it->title = dup_or_null(str_of(node, "title"));
		it->state = dup_or_null(str_of(node, "state"));
		it->url = dup_or_null(str_of(node, "webUrl"));
		it->type = dup_or_null(str_of(obj_of(node, "workItemType"), "name"));
		const cJSON *w;
		cJSON_ArrayForEach(w, arr_of(node, "widgets")) {
			const char *type = str_of(w, "type");
			if (!type)
				continue;
			/* a widget type given twice: the later one counts,
			 * the earlier value is freed, not leaked */
			if (!strcmp(type, "HIERARCHY")) {
				replace(&it->parent, dup_or_null(str_of(obj_of(w, "parent"), "iid")));
			} else if (!strcmp(type, "PROGRESS")) {
				const cJSON *p = cJSON_GetObjectItemCaseSensitive(w, "progress");
				if (cJSON_IsNumber(p) && p->valuedouble >= 0 &&
				    p->valuedouble <= 100)
					it->progress = (int)p->valuedouble;
			} else if (!strcmp(type, "HEALTH_STATUS")) {
				replace(&it->health, dup_or_null(str_of(w, "healthStatus")));
			} else if (!strcmp(type, "ASSIGNEES")) {
				set_users(it, arr_of(obj_of(w, "assignees"), "nodes"));
			} else if (!strcmp(type, "START_AND_DUE_DATE")) {
				replace(&it->due, dup_or_null(str_of(w, "dueDate")));
			}
		}
	}
	const cJSON *info = obj_of(items, "pageInfo");
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(info, "hasNextPage")))
		*next_cursor = dup_or_null(str_of(info, "endCursor"));
	ok = true;
done:
	cJSON_Delete(doc);
	return ok;
}

bool okr_parse_issues(const char *json, size_t len, okr_list *out, char *err,
		      size_t errsize)
{
	cJSON *doc = okr_json_parse(json, len, err, errsize);
	if (!doc)
		return false;
	if (!cJSON_IsArray(doc)) {
		const char *msg = str_of(doc, "message");
		snprintf(err, errsize, "unexpected answer%s%s", msg ? ": " : "",
			 msg ? msg : "");
		cJSON_Delete(doc);
		return false;
	}
	const cJSON *issue;
	cJSON_ArrayForEach(issue, doc) {
		if (!cJSON_IsObject(issue))
			continue;
		okr_item *it = push(out);
		if (!it)
			break;
		const cJSON *iid = cJSON_GetObjectItemCaseSensitive(issue, "iid");
		/* an iid is a whole number; anything a long cannot hold (1e300,
		 * inf, NaN) would be undefined to convert: left out */
		if (cJSON_IsNumber(iid) && iid->valuedouble >= 0 &&
		    iid->valuedouble <= 9007199254740992.0 &&
		    iid->valuedouble == (double)(long long)iid->valuedouble) {
			char buf[32];
			snprintf(buf, sizeof(buf), "%lld", (long long)iid->valuedouble);
			it->iid = strdup(buf);
		}
		it->title = dup_or_null(str_of(issue, "title"));
		it->state = dup_or_null(str_of(issue, "state"));
		it->url = dup_or_null(str_of(issue, "web_url"));
		it->type = strdup("Issue");
		it->health = dup_or_null(str_of(issue, "health_status"));
		it->due = dup_or_null(str_of(issue, "due_date"));
		set_users(it, arr_of(issue, "assignees"));
	}
	cJSON_Delete(doc);
	return true;
}

static size_t find(const okr_list *l, const char *iid)
{
	for (size_t i = 0; iid && i < l->n; i++)
		if (l->v[i].iid && !strcmp(l->v[i].iid, iid))
			return i;
	return (size_t)-1;
}

static void place(const okr_list *l, size_t i, int d, size_t *order,
		  int *depth, size_t *n, bool *done)
{
	if (done[i] || d > 16) /* a parent loop in the data cannot recurse */
		return;
	done[i] = true;
	order[*n] = i;
	depth[(*n)++] = d;
	for (size_t k = 0; k < l->n; k++)
		if (!done[k] && l->v[k].parent && l->v[i].iid &&
		    !strcmp(l->v[k].parent, l->v[i].iid))
			place(l, k, d + 1, order, depth, n, done);
}

size_t okr_order(const okr_list *l, size_t *order, int *depth)
{
	bool *done = calloc(l->n + 1, sizeof(bool));
	size_t n = 0;
	if (!done)
		return 0;
	for (size_t i = 0; i < l->n; i++) /* roots: no parent in the list */
		if (find(l, l->v[i].parent) == (size_t)-1)
			place(l, i, 0, order, depth, &n, done);
	for (size_t i = 0; i < l->n; i++) /* a loop of parents: shown flat */
		if (!done[i])
			place(l, i, 0, order, depth, &n, done);
	free(done);
	return n;
}

static void add_str(cJSON *o, const char *key, const char *v)
{
	cJSON_AddItemToObject(o, key, v ? cJSON_CreateString(v) : cJSON_CreateNull());
}

cJSON *okr_to_json(const okr_list *l)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; a && i < l->n; i++) {
		const okr_item *it = &l->v[i];
		cJSON *o = cJSON_CreateObject();
		add_str(o, "type", it->type);
		add_str(o, "iid", it->iid);
		add_str(o, "title", it->title);
		add_str(o, "state", it->state);
		add_str(o, "health_status", it->health);
		cJSON_AddItemToObject(o, "progress", it->progress >= 0
							 ? cJSON_CreateNumber(it->progress)
							 : cJSON_CreateNull());
		cJSON *users = cJSON_CreateArray();
		for (size_t k = 0; users && k < it->nusers; k++) {
			cJSON *u = cJSON_CreateObject();
			add_str(u, "username", it->users[k].username);
			add_str(u, "name", it->users[k].name);
			cJSON_AddItemToArray(users, u);
		}
		cJSON_AddItemToObject(o, "assignees", users);
		add_str(o, "due_date", it->due);
		add_str(o, "parent", it->parent);
		add_str(o, "url", it->url);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

bool okr_from_json(const cJSON *a, okr_list *out)
{
	if (!cJSON_IsArray(a))
		return false;
	const cJSON *o;
	cJSON_ArrayForEach(o, a) {
		if (!cJSON_IsObject(o))
			return false;
		okr_item *it = push(out);
		if (!it)
			return false;
		it->type = dup_or_null(str_of(o, "type"));
		it->iid = dup_or_null(str_of(o, "iid"));
		it->title = dup_or_null(str_of(o, "title"));
		it->state = dup_or_null(str_of(o, "state"));
		it->health = dup_or_null(str_of(o, "health_status"));
		const cJSON *p = cJSON_GetObjectItemCaseSensitive(o, "progress");
		it->progress = cJSON_IsNumber(p) && p->valuedouble >= 0 && p->valuedouble <= 100
				   ? (int)p->valuedouble
				   : -1;
		const cJSON *as = cJSON_GetObjectItemCaseSensitive(o, "assignees");
		if (cJSON_IsString(as)) /* a cache written before the list */
			it->assignees = dup_or_null(as->valuestring);
		else
			set_users(it, as);
		it->due = dup_or_null(str_of(o, "due_date"));
		it->parent = dup_or_null(str_of(o, "parent"));
		it->url = dup_or_null(str_of(o, "url"));
	}
	return true;
}

const char *okr_health_text(const char *health)
{
	if (!health)
		return NULL;
	if (!strcmp(health, "onTrack") || !strcmp(health, "on_track"))
		return "on track";
	if (!strcmp(health, "needsAttention") || !strcmp(health, "needs_attention"))
		return "needs attention";
	if (!strcmp(health, "atRisk") || !strcmp(health, "at_risk"))
		return "at risk";
	return health;
}

/* fuzz-okr.c: see fuzz-okr.h. */
#include "fuzz-okr.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"

static int same_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static void check_order(const okr_list *l)
{
	size_t *order = malloc((l->n + 1) * sizeof(*order));
	int *depth = malloc((l->n + 1) * sizeof(*depth));
	char *seen = calloc(l->n + 1, 1);
	FZ_CHECK(order && depth && seen, "out of memory");
	size_t n = okr_order(l, order, depth);
	FZ_CHECK(n == l->n, "okr_order placed %zu of %zu items", n, l->n);
	for (size_t i = 0; i < n; i++) {
		FZ_CHECK(order[i] < l->n && !seen[order[i]],
			 "okr_order: item %zu placed twice or out of range", order[i]);
		seen[order[i]] = 1;
		FZ_CHECK(depth[i] >= 0 && depth[i] <= 17, "okr_order: depth %d",
			 depth[i]);
		FZ_CHECK(!i ? depth[i] == 0 : depth[i] <= depth[i - 1] + 1,
			 "okr_order: depth jumps to %d at %zu", depth[i], i);
	}
	free(order);
	free(depth);
	free(seen);
}

static void check_round_trip(const okr_list *l)
{
	cJSON *a = okr_to_json(l);
	FZ_CHECK(a != NULL, "okr_to_json: out of memory");
	char *text = cJSON_PrintUnformatted(a);
	cJSON_Delete(a);
	FZ_CHECK(text != NULL, "cJSON_Print: out of memory");
	cJSON *b = cJSON_Parse(text);
	FZ_CHECK(b != NULL, "the cache's JSON does not parse back: %s", text);
	okr_list back = {0};
	FZ_CHECK(okr_from_json(b, &back), "okr_from_json refuses okr_to_json's output");
	cJSON_Delete(b);
	FZ_CHECK(back.n == l->n, "round trip: %zu items, not %zu", back.n, l->n);
	for (size_t i = 0; i < l->n; i++) {
		const okr_item *x = &l->v[i], *y = &back.v[i];
		FZ_CHECK(same_str(x->iid, y->iid) && same_str(x->title, y->title) &&
			     same_str(x->state, y->state) && same_str(x->url, y->url) &&
			     same_str(x->type, y->type) &&
			     same_str(x->health, y->health) &&
			     same_str(x->due, y->due) &&
			     same_str(x->assignees, y->assignees) &&
			     same_str(x->parent, y->parent) &&
			     x->progress == y->progress && x->nusers == y->nusers,
			 "round trip changed item %zu: %s", i, text);
		for (size_t k = 0; k < x->nusers && k < y->nusers; k++)
			FZ_CHECK(same_str(x->users[k].username, y->users[k].username) &&
				     same_str(x->users[k].name, y->users[k].name),
				 "round trip changed assignee %zu of item %zu", k, i);
	}
	okr_list_free(&back);
	free(text);
}

void fz_check_okrs(const okr_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		const okr_item *it = &l->v[i];
		FZ_CHECK(it->progress >= -1 && it->progress <= 100,
			 "item %zu: progress %d", i, it->progress);
		const char *h = okr_health_text(it->health);
		FZ_CHECK((h == NULL) == (it->health == NULL), "health text");
	}
	check_order(l);
	check_round_trip(l);
}

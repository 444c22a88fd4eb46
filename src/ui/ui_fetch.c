/* ui_fetch.c: the interactive directory's GitLab requests: at most one
 * fetch per group's OKRs and per label count, started when a group card
 * opens and driven from the input loop (ui.c), so the interface never
 * waits for the network. */
#include <stdlib.h>
#include <string.h>

#include "teamtui/gitlab.h"
#include "teamtui/ui.h"

struct ui_fetch {
	char *key; /* "okrs\0group-id" or "count\0label" */
	size_t keylen;
	gitlab_fetch *f;
	bool online; /* asked the network (not just the cache) */
};

/* The client, created on first use; NULL (said once) when GitLab is not
 * configured usably. */
static gitlab_client *client(tui *t)
{
	if (t->gl || t->gl_tried)
		return t->gl;
	t->gl_tried = true;
	gitlab_config cfg;
	diag_list d;
	diag_init(&d);
	char err[512] = "";
	if (gitlab_config_load(&cfg, &d))
		t->gl = gitlab_new(&cfg, err, sizeof(err));
	gitlab_config_free(&cfg);
	if (d.count)
		snprintf(t->gl_why, sizeof(t->gl_why), "%s", d.items[0].message);
	else if (*err) /* no client, or a notice: running without a cache */
		snprintf(t->gl_why, sizeof(t->gl_why), "%s", err);
	if (*t->gl_why) /* said once here; the OKR section says it in place */
		ui_message(t, t->gl ? STYLE_WARNING : STYLE_ERROR, "GitLab: %s", t->gl_why);
	diag_free(&d);
	return t->gl;
}

static struct ui_fetch *find(tui *t, const char *kind, const char *what)
{
	size_t k = strlen(kind), w = strlen(what);
	for (size_t i = 0; i < t->nfetches; i++) {
		struct ui_fetch *e = &t->fetches[i];
		if (e->keylen == k + 1 + w && !memcmp(e->key, kind, k + 1) &&
		    !memcmp(e->key + k + 1, what, w))
			return e;
	}
	return NULL;
}

static struct ui_fetch *add(tui *t, const char *kind, const char *what)
{
	if (t->nfetches == t->capfetches) {
		size_t cap = t->capfetches ? t->capfetches * 2 : 16;
		struct ui_fetch *v = realloc(t->fetches, cap * sizeof(*v));
		if (!v)
			return NULL;
		t->fetches = v;
		t->capfetches = cap;
	}
	size_t k = strlen(kind), w = strlen(what);
	char *key = malloc(k + w + 2);
	if (!key)
		return NULL;
	memcpy(key, kind, k + 1);
	memcpy(key + k + 1, what, w + 1);
	struct ui_fetch *e = &t->fetches[t->nfetches++];
	*e = (struct ui_fetch){key, k + 1 + w, NULL, false};
	return e;
}

/* The fetch of a group's OKRs (g) or of a label's count (label): from
 * the cache only when `online` is false (the directory's preview, which
 * must not send a request per cursor move), else from GitLab. A cached
 * answer is upgraded when it is asked for online. */
static gitlab_fetch *get(tui *t, const group *g, const char *label, bool online)
{
	gitlab_client *c = client(t);
	if (!c)
		return NULL;
	const char *kind = g ? "okrs" : "count", *what = g ? g->id : label;
	struct ui_fetch *e = find(t, kind, what);
	if (e && (e->online || !online))
		return e->f;
	if (!e && !(e = add(t, kind, what)))
		return NULL;
	e->f = g ? gitlab_fetch_okrs(c, &g->okrs, !online, false)
		 : gitlab_fetch_count(c, t->r->issues_url, label, !online);
	e->online = online;
	return e->f;
}

bool ui_cache_deferred(tui *t, bool online)
{
	if (online || !t->defer_cache)
		return false;
	t->cache_deferred = true;
	return true;
}

gitlab_fetch *ui_okrs(tui *t, const group *g, bool online)
{
	return g->okrs.project ? get(t, g, NULL, online) : NULL;
}

gitlab_fetch *ui_label_count(tui *t, const char *label, bool online)
{
	return get(t, NULL, label, online);
}

bool ui_fetching(const tui *t)
{
	for (size_t i = 0; i < t->nfetches; i++)
		if (t->fetches[i].f && gitlab_state(t->fetches[i].f) == FETCH_RUNNING)
			return true;
	return false;
}

bool ui_fetch_step(tui *t)
{
	if (!t->gl || !ui_fetching(t))
		return false;
	size_t before = 0, after = 0;
	for (size_t i = 0; i < t->nfetches; i++)
		before += t->fetches[i].f && gitlab_state(t->fetches[i].f) == FETCH_RUNNING;
	gitlab_step(t->gl, 0);
	for (size_t i = 0; i < t->nfetches; i++)
		after += t->fetches[i].f && gitlab_state(t->fetches[i].f) == FETCH_RUNNING;
	return after != before; /* something arrived: redraw with it */
}

void ui_fetch_free(tui *t)
{
	for (size_t i = 0; i < t->nfetches; i++)
		free(t->fetches[i].key);
	free(t->fetches);
	t->fetches = NULL;
	t->nfetches = t->capfetches = 0;
	gitlab_free(t->gl); /* frees the fetches themselves */
	t->gl = NULL;
	t->gl_tried = false;
	t->gl_why[0] = '\0';
}

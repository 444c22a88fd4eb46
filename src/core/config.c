/* config.c: roster discovery. The config file is YAML read with the same
 * loader as the roster, so its errors look the same. */
#include "teamtui/config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "teamtui/arena.h"
#include "teamtui/handbook.h"
#include "teamtui/suggest.h"
#include "teamtui/yload.h"

/* Every key config.yml may have (teamtui(1), FILES). */
static const char *const known_keys[] = {"roster", "people", "data", "gitlab_host",
					 "gitlab_token", "ca_cert", "theme", "mouse",
					 "snapshot_dir", "data_dir", "sync", "working_hours",
					 "me"};
enum { NKNOWN = sizeof(known_keys) / sizeof(*known_keys) };

/* An unknown key is a warning with the closest known one: a typo
 * ("rooster:") must not silently fall back to another roster. */
static void check_keys(yload *c, const ynode *root)
{
	for (size_t i = 0; i < root->n; i++) {
		const ynode *k = root->items[2 * i];
		size_t j = 0;
		while (j < NKNOWN && strcmp(known_keys[j], k->str))
			j++;
		if (j < NKNOWN)
			continue;
		const char *best[1];
		if (suggest_closest(k->str, known_keys, NKNOWN, best, 1))
			yload_warning(c, k, "unknown key '%s'; ignored (did you mean '%s'?)",
				      k->str, best[0]);
		else
			yload_warning(c, k, "unknown key '%s'; ignored", k->str);
	}
}

#ifndef PKGDATADIR
#define PKGDATADIR "/usr/local/share/teamtui"
#endif

static char *concat(const char *a, const char *b, const char *c)
{
	size_t n = strlen(a) + strlen(b) + strlen(c) + 1;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s%s%s", a, b, c);
	return p;
}

char *config_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	if (xdg && xdg[0] == '/')
		return concat(xdg, "/teamtui/config.yml", "");
	const char *home = getenv("HOME");
	if (!home || home[0] != '/') /* no home: no config, not /.config */
		return NULL;
	return concat(home, "/.config/teamtui/config.yml", "");
}

/* `~/x` and paths relative to the config file's directory. */
static char *expand(const char *value, const char *cfg)
{
	if (value[0] == '~' && (value[1] == '/' || !value[1])) {
		const char *home = getenv("HOME");
		return concat(home ? home : "", value + 1, "");
	}
	if (value[0] == '/')
		return strdup(value);
	const char *slash = strrchr(cfg, '/');
	size_t dlen = slash ? (size_t)(slash - cfg) : 0;
	char *dir = strndup(cfg, dlen);
	char *p = dir ? concat(dir, "/", value) : NULL;
	free(dir);
	return p;
}

/* Read the string values of `keys` from the config file into out[] (each
 * malloc'd or NULL); a key whose paths[] is true names a path, taken from
 * the config file's directory when relative. Returns the file's mode (0
 * when there is no file). */
/* Each setting is read on its own (config_roster_dir, config_data_paths,
 * config_interface, ...): what the file itself has wrong is said once,
 * not once per reading. */
static void merge_unique(diag_list *into, const diag_list *from)
{
	for (size_t i = 0; i < from->count; i++) {
		const diag *e = &from->items[i];
		bool seen = false;
		for (size_t k = 0; k < into->count && !seen; k++) {
			const diag *o = &into->items[k];
			seen = o->severity == e->severity && o->line == e->line &&
			       o->column == e->column && !strcmp(o->message, e->message) &&
			       !strcmp(o->file ? o->file : "", e->file ? e->file : "");
		}
		if (!seen)
			diag_add(into, e->severity, e->file, e->line, e->column, "%s", e->message);
	}
}

/* A reader of more than top-level strings: called with the file's root
 * map (cfg: its path) while the file is loaded. */
typedef void (*config_visit)(yload *c, const ynode *root, const char *cfg, void *ctx);

static unsigned read_config_once(const char *const *keys, const bool *paths,
				 char **out, size_t n, diag_list *diags, char *cfg,
				 config_visit visit, void *ctx);

static unsigned read_config(const char *const *keys, const bool *paths,
			    char **out, size_t n, diag_list *diags)
{
	diag_list mine;
	diag_init(&mine);
	unsigned mode = read_config_once(keys, paths, out, n, &mine, config_path(), NULL, NULL);
	merge_unique(diags, &mine);
	diag_free(&mine);
	return mode;
}

/* (cfg: the file's path, malloc'd, freed here; NULL: none) */
static unsigned read_config_once(const char *const *keys, const bool *paths,
				 char **out, size_t n, diag_list *diags, char *cfg,
				 config_visit visit, void *ctx)
{
	for (size_t i = 0; i < n; i++)
		out[i] = NULL;
	if (!cfg)
		return 0;
	struct stat st;
	/* stat, not existence by the mode bits: a file of mode 000 exists
	 * (and the loader says it cannot be read) */
	bool there = stat(cfg, &st) == 0;
	if (!there && errno != ENOENT && errno != ENOTDIR)
		diag_add(diags, DIAG_ERROR, cfg, 0, 0, "cannot read: %s", strerror(errno));
	else if (!there && lstat(cfg, &st) == 0) /* a link to nothing */
		diag_add(diags, DIAG_ERROR, cfg, 0, 0, "symbolic link to nothing; not read");
	unsigned mode = there ? (unsigned)st.st_mode & 0777 : 0;
	arena *a = there ? arena_new() : NULL, *nodes = there ? arena_new() : NULL;
	if (a && nodes) {
		yload c = {.model = a, .nodes = nodes, .diags = diags};
		ynode *root = yload_file(&c, cfg, cfg, true);
		if (root && !ynode_is_null(root) && yload_expect_map(&c, root, "config.yml")) {
			check_keys(&c, root);
			for (size_t i = 0; i < n; i++) {
				const char *v = yload_str(&c, ynode_get(root, keys[i]), keys[i]);
				if (v && *v)
					out[i] = paths[i] ? expand(v, cfg) : strdup(v);
			}
			if (visit)
				visit(&c, root, cfg, ctx);
		}
		yload_release(&c);
	}
	arena_free(a);
	arena_free(nodes);
	free(cfg);
	return mode;
}

void config_data_paths(char **people, char **data, diag_list *diags)
{
	static const char *const keys[] = {"people", "data"};
	static const bool paths[] = {true, true};
	char *v[2];
	read_config(keys, paths, v, 2, diags);
	*people = v[0];
	*data = v[1];
}

void config_interface(config_theme *theme, bool *mouse, diag_list *diags)
{
	static const char *const keys[] = {"theme", "mouse"};
	static const bool paths[] = {false, false};
	static const char *const themes[] = {"auto", "dark", "light", "mono"};
	char *v[2];
	read_config(keys, paths, v, 2, diags);
	*theme = CONFIG_THEME_AUTO;
	*mouse = true;
	char *cfg = v[0] || v[1] ? config_path() : NULL;
	if (v[0]) {
		size_t i = 0;
		while (i < 4 && strcmp(v[0], themes[i]))
			i++;
		if (i < 4)
			*theme = (config_theme)i;
		else
			diag_add(diags, DIAG_WARNING, cfg ? cfg : "config.yml", 0, 0,
				 "theme '%s' is not auto, dark, light or mono; using auto", v[0]);
	}
	if (v[1]) {
		static const char *const off[] = {"false", "no", "off"}, *const on[] = {"true", "yes", "on"};
		bool known = false;
		for (size_t i = 0; i < 3; i++) {
			if (!strcmp(v[1], off[i]))
				*mouse = false, known = true;
			if (!strcmp(v[1], on[i]))
				known = true;
		}
		if (!known)
			diag_add(diags, DIAG_WARNING, cfg ? cfg : "config.yml", 0, 0,
				 "mouse '%s' is not true or false; the mouse stays on", v[1]);
	}
	free(cfg);
	free(v[0]);
	free(v[1]);
}

static char *from_config(diag_list *diags)
{
	static const char *const keys[] = {"roster"};
	static const bool paths[] = {true};
	char *out;
	read_config(keys, paths, &out, 1, diags);
	return out;
}

void config_gitlab(char **host, char **token, char **ca_cert, diag_list *diags)
{
	static const char *const keys[] = {"gitlab_host", "gitlab_token", "ca_cert"};
	static const bool paths[] = {false, false, true};
	char *v[3];
	unsigned mode = read_config(keys, paths, v, 3, diags);
	*host = v[0];
	*token = v[1];
	*ca_cert = v[2];
	if (*token && (mode & 077)) {
		/* a token others can read is a leaked token: do not use it */
		char *cfg = config_path();
		diag_add(diags, DIAG_ERROR, cfg ? cfg : "config.yml", 0, 0,
			 "readable by others (mode %03o): gitlab_token ignored; run chmod 600",
			 mode);
		free(cfg);
		free(*token);
		*token = NULL;
	}
}

#ifndef SYSCONFDIR
#define SYSCONFDIR "/usr/local/etc"
#endif

char *config_system_path(void)
{
	const char *env = getenv("TEAMTUI_SYSTEM_CONFIG");
	return strdup(env && *env ? env : SYSCONFDIR "/teamtui/config.yml");
}

char *config_snapshot_dir(diag_list *diags)
{
	static const char *const keys[] = {"snapshot_dir"};
	static const bool paths[] = {true};
	char *out[1];
	diag_list mine;
	diag_init(&mine);
	read_config_once(keys, paths, out, 1, &mine, config_system_path(), NULL, NULL);
	if (!out[0]) /* a user may point at a shared directory too */
		read_config_once(keys, paths, out, 1, &mine, config_path(), NULL, NULL);
	merge_unique(diags, &mine);
	diag_free(&mine);
	return out[0];
}

char *config_data_dir(bool *shared, diag_list *diags)
{
	static const char *const keys[] = {"data_dir"};
	static const bool paths[] = {true};
	char *out[1];
	diag_list mine;
	diag_init(&mine);
	read_config_once(keys, paths, out, 1, &mine, config_system_path(), NULL, NULL);
	if (!out[0])
		read_config_once(keys, paths, out, 1, &mine, config_path(), NULL, NULL);
	merge_unique(diags, &mine);
	diag_free(&mine);
	if (shared)
		*shared = out[0] != NULL;
	if (out[0])
		return out[0];
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && xdg[0] == '/')
		return concat(xdg, "/teamtui", "");
	const char *home = getenv("HOME");
	if (!home || home[0] != '/')
		return NULL;
	return concat(home, "/.local/share/teamtui", "");
}

struct hours_read {
	work_hours *out;
};

static void read_hours(yload *c, const ynode *root, const char *cfg, void *ctx)
{
	(void)cfg;
	struct hours_read *x = ctx;
	const ynode *n = ynode_get(root, "working_hours");
	if (!n || ynode_is_null(n))
		return;
	const char *v = yload_str(c, n, "working_hours");
	char why[160];
	if (v && !work_hours_parse(v, x->out, why, sizeof(why)))
		yload_warning(c, n, "working_hours: %s; using 09:00-17:00 Mon-Fri", why);
}

void config_working_hours(work_hours *out, diag_list *diags)
{
	*out = WORK_HOURS_DEFAULT;
	struct hours_read x = {out};
	diag_list mine;
	diag_init(&mine);
	read_config_once(NULL, NULL, NULL, 0, &mine, config_path(), read_hours, &x);
	merge_unique(diags, &mine);
	diag_free(&mine);
}

struct me_read {
	config_me_value *out;
	bool oom;
};

static void read_me(yload *c, const ynode *root, const char *cfg, void *ctx)
{
	struct me_read *x = ctx;
	const ynode *n = ynode_get(root, "me");
	if (!n || ynode_is_null(n))
		return;
	const char *v = yload_str(c, n, "me");
	if (!v || !*v)
		return;
	srcloc at = yload_loc(c, n);
	x->out->value = strdup(v);
	x->out->file = strdup(cfg);
	x->out->line = at.line;
	x->out->col = at.col;
	x->oom = !x->out->value || !x->out->file;
}

bool config_me(config_me_value *out, diag_list *diags)
{
	memset(out, 0, sizeof(*out));
	struct me_read x = {out, false};
	diag_list mine;
	diag_init(&mine);
	read_config_once(NULL, NULL, NULL, 0, &mine, config_path(), read_me, &x);
	merge_unique(diags, &mine);
	diag_free(&mine);
	if (x.oom)
		config_me_free(out);
	return !x.oom;
}

void config_me_free(config_me_value *v)
{
	free(v->value);
	free(v->file);
	memset(v, 0, sizeof(*v));
}

/* sync:'s keys: the project form's two, then the files. */
static const char *const sync_keys[2 + DATADIR_NFILES] = {
    "project", "ref", "team.yml", "stages.yml", "sections.yml", "categories.yml"};

struct sync_read {
	config_sync_source *s;
	bool oom;
};

static void read_sync(yload *c, const ynode *root, const char *cfg, void *ctx)
{
	struct sync_read *x = ctx;
	const ynode *m = ynode_get(root, "sync");
	if (!m || ynode_is_null(m))
		return;
	config_sync_source *s = x->s;
	if (!(s->from = strdup(cfg)))
		x->oom = true;
	if (!yload_expect_map(c, m, "sync"))
		return;
	enum { NKEYS = 2 + DATADIR_NFILES };
	for (size_t i = 0; i < m->n; i++) {
		const ynode *k = m->items[2 * i];
		size_t j = 0;
		while (j < NKEYS && strcmp(sync_keys[j], k->str))
			j++;
		if (j == NKEYS) {
			const char *best[1];
			if (suggest_closest(k->str, sync_keys, NKEYS, best, 1))
				yload_warning(c, k, "sync: unknown key '%s'; ignored (did you "
						    "mean '%s'?)", k->str, best[0]);
			else
				yload_warning(c, k, "sync: unknown key '%s'; ignored", k->str);
			continue;
		}
		if (k->overridden) /* the later pair wins (ydoc warned) */
			continue;
		const char *v = yload_str(c, m->items[2 * i + 1], k->str);
		if (!v)
			continue;
		char **slot = j == 0 ? &s->project : j == 1 ? &s->ref : &s->file[j - 2];
		free(*slot);
		if (!(*slot = strdup(v)))
			x->oom = true;
	}
	if (s->ref && !s->project) {
		yload_warning(c, ynode_get(m, "ref"), "sync: 'ref' goes with 'project'; "
						      "ignored");
		free(s->ref);
		s->ref = NULL;
	}
}

bool config_sync(config_sync_source *out, diag_list *diags)
{
	memset(out, 0, sizeof(*out));
	struct sync_read x = {out, false};
	diag_list mine;
	diag_init(&mine);
	read_config_once(NULL, NULL, NULL, 0, &mine, config_system_path(), read_sync, &x);
	if (!out->from) /* no sync: in the system config: the user's */
		read_config_once(NULL, NULL, NULL, 0, &mine, config_path(), read_sync, &x);
	merge_unique(diags, &mine);
	diag_free(&mine);
	for (int i = 0; i < DATADIR_NFILES && !x.oom; i++) {
		const char *name = datadir_files[i];
		if (out->file[i])
			continue;
		if (out->project)
			out->file[i] = concat("data/", name, "");
		else if (!strcmp(name, "team.yml"))
			out->file[i] = strdup(CONFIG_SYNC_TEAM_URL);
		else
			out->file[i] = concat(CONFIG_SYNC_DATA_URL, name, "");
		x.oom = !out->file[i];
	}
	if (x.oom)
		config_sync_free(out);
	return !x.oom;
}

void config_sync_free(config_sync_source *s)
{
	free(s->project);
	free(s->ref);
	for (int i = 0; i < DATADIR_NFILES; i++)
		free(s->file[i]);
	free(s->from);
	memset(s, 0, sizeof(*s));
}

char *config_roster_dir(const char *flag, roster_source *from, diag_list *diags)
{
	if (flag) {
		*from = ROSTER_FROM_FLAG;
		return strdup(flag);
	}
	const char *env = getenv("TEAMTUI_ROSTER");
	if (env && *env) {
		*from = ROSTER_FROM_ENV;
		return strdup(env);
	}
	char *cfg = from_config(diags);
	if (cfg) {
		*from = ROSTER_FROM_CONFIG;
		return cfg;
	}
	char *data = config_data_dir(NULL, diags);
	if (data && handbook_is_data_dir(data)) {
		*from = ROSTER_FROM_SYNC;
		return data;
	}
	free(data);
	*from = ROSTER_FROM_SAMPLE;
	return strdup(PKGDATADIR);
}

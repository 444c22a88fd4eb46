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

void config_origin_free(config_origin *o)
{
	if (!o)
		return;
	free(o->file);
	memset(o, 0, sizeof(*o));
}

/* *at (when not NULL) made a plain origin: kind, with name for an
 * option or a variable. */
/* *at (when not NULL) cleared without being freed: what a public
 * function given an origin does first. */
static void origin_init(config_origin *at)
{
	if (at)
		memset(at, 0, sizeof(*at));
}

static void origin_set(config_origin *at, config_from kind, const char *name)
{
	if (!at)
		return;
	config_origin_free(at);
	at->kind = kind;
	at->name = name;
}

/* *at (when not NULL) made a copy of from. */
static void origin_copy(config_origin *at, const config_origin *from)
{
	if (!at)
		return;
	config_origin_free(at);
	*at = *from;
	at->file = from->file ? strdup(from->file) : NULL;
}

char *config_path_at(config_origin *at)
{
	origin_init(at);
	const char *xdg = getenv("XDG_CONFIG_HOME");
	if (xdg && xdg[0] == '/') {
		origin_set(at, CONFIG_FROM_ENV, "XDG_CONFIG_HOME");
		return concat(xdg, "/teamtui/config.yml", "");
	}
	const char *home = getenv("HOME");
	if (!home || home[0] != '/') /* no home: no config, not /.config */
		return NULL;
	return concat(home, "/.config/teamtui/config.yml", "");
}

char *config_path(void)
{
	return config_path_at(NULL);
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

/* Where the setting `key` of the map is written, for an editor to jump
 * to: its key (of the last pair, the one ynode_get reads), or the value
 * when the key is not found. A FILE origin (its file not copied: cfg). */
static config_origin origin_at(const yload *c, const ynode *map, const char *key,
			       const ynode *value, const char *cfg)
{
	const ynode *at = value;
	for (size_t i = map && map->kind == YNODE_MAP ? map->n : 0; i-- > 0;) {
		const ynode *k = map->items[2 * i];
		if (k->kind == YNODE_SCALAR && !strcmp(k->str, key)) {
			at = k;
			break;
		}
	}
	srcloc l = yload_loc(c, at);
	return (config_origin){CONFIG_FROM_FILE, NULL, (char *)cfg, l.line, l.col};
}

/* A reader of more than top-level strings: called with the file's root
 * map (cfg: its path) while the file is loaded. */
typedef void (*config_visit)(yload *c, const ynode *root, const char *cfg, void *ctx);

static unsigned read_config_once(const char *const *keys, const bool *paths,
				 char **out, config_origin *at, size_t n,
				 diag_list *diags, char *cfg, config_visit visit,
				 void *ctx);

/* read_config_once on the user's config file, its diagnostics merged
 * into diags once each (merge_unique). */
static unsigned read_config(const char *const *keys, const bool *paths,
			    char **out, config_origin *at, size_t n, diag_list *diags)
{
	diag_list mine;
	diag_init(&mine);
	unsigned mode = read_config_once(keys, paths, out, at, n, &mine, config_path(),
					 NULL, NULL);
	merge_unique(diags, &mine);
	diag_free(&mine);
	return mode;
}

/* Read the string values of `keys` from the config file cfg (its path,
 * malloc'd, freed here; NULL: none) into out[] (each malloc'd or NULL); a
 * key whose paths[] is true names a path, taken from the config file's
 * directory when relative. at[] (when not NULL): where each value found
 * is written (CONFIG_FROM_FILE; left alone for a value not found). visit
 * (when not NULL) reads the rest. Returns the file's mode (0 when there
 * is no file). */
static unsigned read_config_once(const char *const *keys, const bool *paths,
				 char **out, config_origin *at, size_t n,
				 diag_list *diags, char *cfg, config_visit visit,
				 void *ctx)
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
				const ynode *node = ynode_get(root, keys[i]);
				const char *v = yload_str(&c, node, keys[i]);
				if (!v || !*v)
					continue;
				out[i] = paths[i] ? expand(v, cfg) : strdup(v);
				if (at) {
					config_origin o = origin_at(&c, root, keys[i], node, cfg);
					origin_copy(&at[i], &o);
				}
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

void config_data_paths_at(const char *people_flag, const char *data_flag,
			  char **people, char **data, config_origin at[2],
			  diag_list *diags)
{
	static const char *const keys[] = {"people", "data"};
	static const bool paths[] = {true, true};
	const char *const flags[] = {people_flag, data_flag};
	static const char *const names[] = {"--people", "--data"};
	char *v[2];
	origin_init(at ? &at[0] : NULL);
	origin_init(at ? &at[1] : NULL);
	read_config(keys, paths, v, at, 2, diags);
	for (int i = 0; i < 2; i++) {
		if (!flags[i])
			continue;
		free(v[i]); /* the option wins over the file */
		v[i] = strdup(flags[i]);
		origin_set(at ? &at[i] : NULL, CONFIG_FROM_FLAG, names[i]);
	}
	*people = v[0];
	*data = v[1];
}

void config_data_paths(char **people, char **data, diag_list *diags)
{
	config_data_paths_at(NULL, NULL, people, data, NULL, diags);
}

const char *config_theme_name(config_theme t)
{
	static const char *const themes[] = {"auto", "dark", "light", "mono"};
	return (unsigned)t < 4 ? themes[t] : "auto";
}

void config_interface_at(config_theme *theme, bool *mouse, config_origin at[2],
			 diag_list *diags)
{
	static const char *const keys[] = {"theme", "mouse"};
	static const bool paths[] = {false, false};
	static const char *const themes[] = {"auto", "dark", "light", "mono"};
	char *v[2];
	config_origin o[2] = {{0}, {0}};
	read_config(keys, paths, v, o, 2, diags);
	*theme = CONFIG_THEME_AUTO;
	*mouse = true;
	char *cfg = v[0] || v[1] ? config_path() : NULL;
	if (v[0]) {
		size_t i = 0;
		while (i < 4 && strcmp(v[0], themes[i]))
			i++;
		if (i < 4) {
			*theme = (config_theme)i;
			origin_copy(at ? &at[0] : NULL, &o[0]);
		} else /* at the key, where an editor finds it */
			diag_add(diags, DIAG_WARNING, o[0].file ? o[0].file : cfg ? cfg : "config.yml",
				 o[0].line, o[0].col,
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
		if (known)
			origin_copy(at ? &at[1] : NULL, &o[1]);
		else
			diag_add(diags, DIAG_WARNING, o[1].file ? o[1].file : cfg ? cfg : "config.yml",
				 o[1].line, o[1].col,
				 "mouse '%s' is not true or false; the mouse stays on", v[1]);
	}
	free(cfg);
	free(v[0]);
	free(v[1]);
	config_origin_free(&o[0]);
	config_origin_free(&o[1]);
}

void config_interface(config_theme *theme, bool *mouse, diag_list *diags)
{
	config_interface_at(theme, mouse, NULL, diags);
}

static char *from_config(config_origin *at, diag_list *diags)
{
	static const char *const keys[] = {"roster"};
	static const bool paths[] = {true};
	char *out;
	read_config(keys, paths, &out, at, 1, diags);
	return out;
}

void config_gitlab_at(char **host, char **token, char **ca_cert,
		      config_origin at[3], diag_list *diags)
{
	static const char *const keys[] = {"gitlab_host", "gitlab_token", "ca_cert"};
	static const bool paths[] = {false, false, true};
	char *v[3];
	config_origin o[3] = {{0}, {0}, {0}};
	unsigned mode = read_config(keys, paths, v, o, 3, diags);
	*host = v[0];
	*token = v[1];
	*ca_cert = v[2];
	if (*token && (mode & 077)) {
		/* a token others can read is a leaked token: do not use it
		 * (said at its line; never the token itself) */
		diag_add(diags, DIAG_ERROR, o[1].file ? o[1].file : "config.yml", o[1].line,
			 o[1].col, "readable by others (mode %03o): gitlab_token ignored; "
				   "run chmod 600", mode);
		free(*token);
		*token = NULL;
		config_origin_free(&o[1]);
	}
	for (int i = 0; i < 3; i++) {
		if (at)
			at[i] = o[i]; /* taken over */
		else
			config_origin_free(&o[i]);
	}
}

void config_gitlab(char **host, char **token, char **ca_cert, diag_list *diags)
{
	config_gitlab_at(host, token, ca_cert, NULL, diags);
}

#ifndef SYSCONFDIR
#define SYSCONFDIR "/usr/local/etc"
#endif

char *config_system_path_at(config_origin *at)
{
	origin_init(at);
	const char *env = getenv("TEAMTUI_SYSTEM_CONFIG");
	if (env && *env)
		origin_set(at, CONFIG_FROM_ENV, "TEAMTUI_SYSTEM_CONFIG");
	return strdup(env && *env ? env : SYSCONFDIR "/teamtui/config.yml");
}

char *config_system_path(void)
{
	return config_system_path_at(NULL);
}

char *config_snapshot_dir_at(config_origin *at, diag_list *diags)
{
	static const char *const keys[] = {"snapshot_dir"};
	static const bool paths[] = {true};
	char *out[1];
	diag_list mine;
	diag_init(&mine);
	origin_init(at);
	read_config_once(keys, paths, out, at, 1, &mine, config_system_path(), NULL, NULL);
	if (!out[0]) /* a user may point at a shared directory too */
		read_config_once(keys, paths, out, at, 1, &mine, config_path(), NULL, NULL);
	merge_unique(diags, &mine);
	diag_free(&mine);
	return out[0];
}

char *config_snapshot_dir(diag_list *diags)
{
	return config_snapshot_dir_at(NULL, diags);
}

char *config_data_dir_at(bool *shared, config_origin *at, diag_list *diags)
{
	static const char *const keys[] = {"data_dir"};
	static const bool paths[] = {true};
	char *out[1];
	diag_list mine;
	diag_init(&mine);
	origin_init(at);
	read_config_once(keys, paths, out, at, 1, &mine, config_system_path(), NULL, NULL);
	if (!out[0])
		read_config_once(keys, paths, out, at, 1, &mine, config_path(), NULL, NULL);
	merge_unique(diags, &mine);
	diag_free(&mine);
	if (shared)
		*shared = out[0] != NULL;
	if (out[0])
		return out[0];
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && xdg[0] == '/') {
		origin_set(at, CONFIG_FROM_ENV, "XDG_DATA_HOME");
		return concat(xdg, "/teamtui", "");
	}
	const char *home = getenv("HOME");
	if (!home || home[0] != '/')
		return NULL;
	return concat(home, "/.local/share/teamtui", "");
}

char *config_data_dir(bool *shared, diag_list *diags)
{
	return config_data_dir_at(shared, NULL, diags);
}

struct hours_read {
	work_hours *out;
	config_origin *at;
};

static void read_hours(yload *c, const ynode *root, const char *cfg, void *ctx)
{
	struct hours_read *x = ctx;
	const ynode *n = ynode_get(root, "working_hours");
	if (!n || ynode_is_null(n))
		return;
	const char *v = yload_str(c, n, "working_hours");
	char why[160];
	if (v && !work_hours_parse(v, x->out, why, sizeof(why))) {
		yload_warning(c, n, "working_hours: %s; using 09:00-17:00 Mon-Fri", why);
	} else if (v && x->at) {
		config_origin o = origin_at(c, root, "working_hours", n, cfg);
		origin_copy(x->at, &o);
	}
}

void config_working_hours_at(work_hours *out, config_origin *at, diag_list *diags)
{
	*out = WORK_HOURS_DEFAULT;
	origin_init(at);
	struct hours_read x = {out, at};
	diag_list mine;
	diag_init(&mine);
	read_config_once(NULL, NULL, NULL, NULL, 0, &mine, config_path(), read_hours, &x);
	merge_unique(diags, &mine);
	diag_free(&mine);
}

void config_working_hours(work_hours *out, diag_list *diags)
{
	config_working_hours_at(out, NULL, diags);
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
	read_config_once(NULL, NULL, NULL, NULL, 0, &mine, config_path(), read_me, &x);
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
	config_origin o = origin_at(c, root, "sync", m, cfg);
	origin_copy(&s->at, &o);
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
		srcloc l = yload_loc(c, k);
		o.line = l.line;
		o.col = l.col;
		origin_copy(j == 0 ? &s->project_at : j == 1 ? &s->ref_at : &s->file_at[j - 2], &o);
	}
	if (s->ref && !s->project) {
		yload_warning(c, ynode_get(m, "ref"), "sync: 'ref' goes with 'project'; "
						      "ignored");
		free(s->ref);
		s->ref = NULL;
		config_origin_free(&s->ref_at);
	}
}

bool config_sync(config_sync_source *out, diag_list *diags)
{
	memset(out, 0, sizeof(*out));
	struct sync_read x = {out, false};
	diag_list mine;
	diag_init(&mine);
	read_config_once(NULL, NULL, NULL, NULL, 0, &mine, config_system_path(), read_sync, &x);
	if (!out->from) /* no sync: in the system config: the user's */
		read_config_once(NULL, NULL, NULL, NULL, 0, &mine, config_path(), read_sync, &x);
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
	for (int i = 0; i < DATADIR_NFILES; i++) {
		free(s->file[i]);
		config_origin_free(&s->file_at[i]);
	}
	free(s->from);
	config_origin_free(&s->at);
	config_origin_free(&s->project_at);
	config_origin_free(&s->ref_at);
	memset(s, 0, sizeof(*s));
}

char *config_roster_dir_at(const char *flag, roster_source *from,
			  config_origin *at, diag_list *diags)
{
	origin_init(at);
	if (flag) {
		*from = ROSTER_FROM_FLAG;
		origin_set(at, CONFIG_FROM_FLAG, "--roster");
		return strdup(flag);
	}
	const char *env = getenv("TEAMTUI_ROSTER");
	if (env && *env) {
		*from = ROSTER_FROM_ENV;
		origin_set(at, CONFIG_FROM_ENV, "TEAMTUI_ROSTER");
		return strdup(env);
	}
	char *cfg = from_config(at, diags);
	if (cfg) {
		*from = ROSTER_FROM_CONFIG;
		return cfg;
	}
	char *data = config_data_dir(NULL, diags);
	if (data && handbook_is_data_dir(data)) {
		*from = ROSTER_FROM_SYNC;
		origin_set(at, CONFIG_FROM_SYNCED, NULL);
		return data;
	}
	free(data);
	*from = ROSTER_FROM_SAMPLE;
	return strdup(PKGDATADIR);
}

char *config_roster_dir(const char *flag, roster_source *from, diag_list *diags)
{
	return config_roster_dir_at(flag, from, NULL, diags);
}

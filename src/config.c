/* config.c: roster discovery. The config file is YAML read with the same
 * loader as the roster, so its errors look the same. */
#include "teamtui/config.h"

#include <stdlib.h>
#include <string.h>

#include "teamtui/arena.h"
#include "teamtui/yload.h"

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
	return concat(home ? home : "", "/.config/teamtui/config.yml", "");
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

static char *from_config(diag_list *diags)
{
	char *cfg = config_path();
	if (!cfg)
		return NULL;
	arena *a = arena_new(), *nodes = arena_new();
	char *out = NULL;
	if (a && nodes) {
		yload c = {.model = a, .nodes = nodes, .diags = diags};
		ynode *root = yload_file(&c, cfg, cfg, true);
		if (root && yload_expect_map(&c, root, "config.yml")) {
			const char *v = yload_str(&c, ynode_get(root, "roster"), "roster");
			if (v && *v)
				out = expand(v, cfg);
		}
		yload_release(&c);
	}
	arena_free(a);
	arena_free(nodes);
	free(cfg);
	return out;
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
	*from = ROSTER_FROM_SAMPLE;
	return strdup(PKGDATADIR);
}

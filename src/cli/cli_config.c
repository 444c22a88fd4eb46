/* cli_config.c: `teamtui config` (cli_config.h): the settings, each with
 * the origin the function that decided it reports. */
#include "teamtui/cli_config.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "teamtui/cli.h"
#include "teamtui/config.h"
#include "teamtui/datadir.h"
#include "teamtui/diag.h"
#include "teamtui/gitlab.h"
#include "teamtui/out_json.h"
#include "teamtui/pager.h"
#include "teamtui/sanitize.h"
#include "teamtui/workhours.h"

/* One setting: its key, its value (malloc'd; NULL: not set) and its
 * origin (owned). */
struct setting {
	char *key;
	char *value;
	config_origin at;
	bool boolean; /* value is "true" or "false": a JSON boolean */
};

struct settings {
	struct setting *v;
	size_t n, cap;
	bool oom;
};

/* Append key=value (both copied; value NULL: not set) from *at, which
 * the list takes over (*at is cleared). */
static void add(struct settings *l, const char *key, const char *value,
		config_origin *at)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 32;
		struct setting *v = realloc(l->v, cap * sizeof(*v));
		if (!v) {
			l->oom = true;
			config_origin_free(at);
			return;
		}
		l->v = v;
		l->cap = cap;
	}
	struct setting *s = &l->v[l->n++];
	s->key = strdup(key);
	s->value = value ? strdup(value) : NULL;
	s->at = *at;
	s->boolean = false;
	memset(at, 0, sizeof(*at));
	if (!s->key || (value && !s->value))
		l->oom = true;
}

/* add() of a true-or-false setting (JSON: a boolean, not a string). */
static void add_bool(struct settings *l, const char *key, bool value, config_origin *at)
{
	size_t n = l->n;
	add(l, key, value ? "true" : "false", at);
	if (l->n > n)
		l->v[n].boolean = true;
}

/* add() with a copy of *at (the caller keeps its own). */
static void add_copy(struct settings *l, const char *key, const char *value,
		     const config_origin *at)
{
	config_origin o = *at;
	o.file = at->file ? strdup(at->file) : NULL;
	if (at->file && !o.file)
		l->oom = true;
	add(l, key, value, &o);
}

static void settings_free(struct settings *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].key);
		free(l->v[i].value);
		config_origin_free(&l->v[i].at);
	}
	free(l->v);
}

/* A config file (`config.user`, `config.system`): its path, then
 * whether there is a file there (stat: a link to one counts), both from
 * *at (taken over). Takes path. */
static void add_file(struct settings *l, const char *key, char *path, config_origin *at)
{
	struct stat st;
	bool there = path && stat(path, &st) == 0;
	char exists[64];
	snprintf(exists, sizeof(exists), "%s.exists", key);
	add_copy(l, key, path, at);
	add_bool(l, exists, there, at);
	free(path);
}

/* sync: its form ("project": GitLab's API, or "urls": one URL per file),
 * then project and ref (the project form), then each file's source. */
static void add_sync(struct settings *l, diag_list *d)
{
	config_sync_source s;
	if (!config_sync(&s, d)) {
		l->oom = true;
		return;
	}
	add_copy(l, "sync", s.project ? "project" : "urls", &s.at);
	if (s.project) {
		add_copy(l, "sync.project", s.project, &s.project_at);
		add_copy(l, "sync.ref", s.ref, &s.ref_at);
	}
	for (int i = 0; i < DATADIR_NFILES; i++) {
		char key[64];
		snprintf(key, sizeof(key), "sync.%s", datadir_files[i]);
		add_copy(l, key, s.file[i], &s.file_at[i]);
	}
	config_sync_free(&s);
}

/* gitlab_host, gitlab_token (never its text: whether it is set, and its
 * length), ca_cert. */
static void add_gitlab(struct settings *l, diag_list *d)
{
	gitlab_settings g;
	gitlab_settings_read(&g, d);
	add(l, "gitlab_host", g.host, &g.host_at);
	char shown[64];
	if (g.token)
		snprintf(shown, sizeof(shown), "<set, %zu bytes>", strlen(g.token));
	add(l, "gitlab_token", g.token ? shown : NULL, &g.token_at);
	add(l, "ca_cert", g.ca_cert, &g.ca_cert_at);
	gitlab_settings_free(&g);
}

/* Every setting, in the order of teamtui(1)'s FILES. */
static void collect(struct settings *l, const cli_config_flags *f, diag_list *d)
{
	config_origin o, two[2];
	add_file(l, "config.user", config_path_at(&o), &o);
	add_file(l, "config.system", config_system_path_at(&o), &o);

	roster_source from;
	char *v = config_roster_dir_at(f->roster, &from, &o, d);
	add(l, "roster", v, &o);
	free(v);
	char *people, *data;
	config_data_paths_at(f->people, f->data, &people, &data, two, d);
	add(l, "people", people, &two[0]);
	add(l, "data", data, &two[1]);
	free(people);
	free(data);
	v = config_data_dir_at(NULL, &o, d);
	add(l, "data_dir", v, &o);
	free(v);
	add_sync(l, d);
	v = config_snapshot_dir_at(&o, d);
	add(l, "snapshot_dir", v, &o);
	free(v);

	add_gitlab(l, d);

	config_theme theme;
	bool mouse;
	config_interface_at(&theme, &mouse, two, d);
	add(l, "theme", config_theme_name(theme), &two[0]);
	add_bool(l, "mouse", mouse, &two[1]);
	work_hours h;
	char text[64];
	config_working_hours_at(&h, &o, d);
	work_hours_text(&h, text, sizeof(text));
	add(l, "working_hours", text, &o);
	config_me_value me;
	if (config_me(&me, d)) {
		config_origin at = {CONFIG_FROM_DEFAULT, NULL, NULL, 0, 0};
		if (me.value)
			at = (config_origin){CONFIG_FROM_FILE, NULL, me.file, me.line, me.col};
		add_copy(l, "me", me.value, &at);
		config_me_free(&me);
	} else {
		l->oom = true;
	}
	const char *pager_from;
	const char *pager = pager_setting(&pager_from);
	o = (config_origin){pager_from ? CONFIG_FROM_ENV : CONFIG_FROM_DEFAULT,
			    pager_from, NULL, 0, 0};
	add(l, "pager", pager, &o);
}

/* "default", "command_line", "env", "file", "synced": JSON's kinds. */
static const char *kind_name(config_from k)
{
	switch (k) {
	case CONFIG_FROM_FLAG:
		return "command_line";
	case CONFIG_FROM_ENV:
		return "env";
	case CONFIG_FROM_FILE:
		return "file";
	case CONFIG_FROM_SYNCED:
		return "synced";
	case CONFIG_FROM_DEFAULT:
		break;
	}
	return "default";
}

/* ORIGIN <tab> KEY=VALUE, sanitized: a value's tab or newline is shown
 * (\x09), so that each setting stays on its line. */
static void print_text(FILE *out, const struct settings *l)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct setting *s = &l->v[i];
		const config_origin *o = &s->at;
		switch (o->kind) {
		case CONFIG_FROM_FLAG:
			fputs("command line:", out);
			sanitize_fputs_flags(o->name, SANITIZE_VISIBLE, out);
			break;
		case CONFIG_FROM_ENV:
			fputs("env:", out);
			sanitize_fputs_flags(o->name, SANITIZE_VISIBLE, out);
			break;
		case CONFIG_FROM_FILE:
			fputs("file:", out);
			sanitize_fputs_flags(o->file, SANITIZE_VISIBLE, out);
			if (o->line > 0)
				fprintf(out, ":%d", o->line);
			break;
		case CONFIG_FROM_SYNCED:
			fputs("synced", out);
			break;
		case CONFIG_FROM_DEFAULT:
			fputs("default", out);
			break;
		}
		fputc('\t', out);
		fputs(s->key, out);
		fputc('=', out);
		sanitize_fputs_flags(s->value ? s->value : "(not set)", SANITIZE_VISIBLE, out);
		fputc('\n', out);
	}
}

static bool print_json(FILE *out, const struct settings *l)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; a && i < l->n; i++) {
		const struct setting *s = &l->v[i];
		cJSON *e = cJSON_CreateObject(), *o = cJSON_CreateObject();
		if (!e || !o) {
			cJSON_Delete(e);
			cJSON_Delete(o);
			cJSON_Delete(a);
			return false;
		}
		out_json_add(e, "key", out_json_str(s->key, SANITIZE_VISIBLE));
		out_json_add(e, "value", s->boolean ? cJSON_CreateBool(!strcmp(s->value, "true"))
						    : out_json_str(s->value, SANITIZE_VISIBLE));
		out_json_add(o, "kind", cJSON_CreateString(kind_name(s->at.kind)));
		out_json_add(o, "name", out_json_str(s->at.name, SANITIZE_VISIBLE));
		out_json_add(o, "file", out_json_str(s->at.file, SANITIZE_VISIBLE));
		out_json_add(o, "line", s->at.kind == CONFIG_FROM_FILE && s->at.line > 0
					    ? cJSON_CreateNumber(s->at.line)
					    : cJSON_CreateNull());
		out_json_add(e, "origin", o);
		cJSON_AddItemToArray(a, e);
	}
	char *text = a ? cJSON_Print(a) : NULL;
	cJSON_Delete(a);
	if (!text)
		return false;
	fputs(text, out);
	fputc('\n', out);
	cJSON_free(text);
	return true;
}

int cli_config_run(FILE *out, const cli_config_flags *flags, bool json)
{
	struct settings l = {0};
	diag_list d;
	diag_init(&d);
	collect(&l, flags, &d);
	/* the files' problems first, in file order, where an editor finds them */
	diag_sort(&d);
	for (size_t i = 0; i < d.count; i++)
		diag_print(&d.items[i], stderr);
	fflush(stderr);
	bool ok = !l.oom;
	if (ok && json)
		ok = print_json(out, &l);
	else if (ok)
		print_text(out, &l);
	if (!ok)
		fputs("teamtui: out of memory\n", stderr);
	int rc = ok && !d.errors ? CLI_OK : CLI_FAIL;
	settings_free(&l);
	diag_free(&d);
	return rc;
}

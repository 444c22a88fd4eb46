/* config: where the roster is, and the user's settings file. */
#ifndef TEAMTUI_CONFIG_H
#define TEAMTUI_CONFIG_H

#include <stdbool.h>

#include "teamtui/datadir.h"
#include "teamtui/diag.h"
#include "teamtui/workhours.h"

/* Where a setting's value came from, as the function that decides the
 * value says it (each function below with a config_origin out-parameter
 * fills it; `teamtui config` lists them, as git config --show-origin). */
typedef enum {
	CONFIG_FROM_DEFAULT, /* built in, or derived from $HOME */
	CONFIG_FROM_FLAG,    /* a command-line option: name is "--roster" ... */
	CONFIG_FROM_ENV,     /* an environment variable: name is its name */
	CONFIG_FROM_FILE,    /* a config file: file, and line and col of the
				setting (its key), for an editor to jump to */
	CONFIG_FROM_SYNCED,  /* the roster: the data directory `teamtui sync`
				fills (config_data_dir) */
} config_from;

typedef struct config_origin {
	config_from kind;
	const char *name; /* FLAG, ENV: the option or the variable (static) */
	char *file;	  /* FILE: the config file's path (malloc'd) */
	int line, col;	  /* FILE: the key's, 1-based (0: unknown) */
} config_origin;

/* Free o->file and clear *o (NULL: nothing). The functions below that
 * take a config_origin *at write it whole, without freeing what it held:
 * pass one that is new or freed; NULL when the origin is not wanted. */
void config_origin_free(config_origin *o);

typedef enum {
	ROSTER_FROM_FLAG,
	ROSTER_FROM_ENV,
	ROSTER_FROM_CONFIG,
	ROSTER_FROM_SYNC,
	ROSTER_FROM_SAMPLE,
} roster_source;

/* The roster directory, malloc'd: `flag` (--roster), then
 * $TEAMTUI_ROSTER, then `roster:` in
 * ${XDG_CONFIG_HOME:-~/.config}/teamtui/config.yml, then the data
 * directory `teamtui sync` fills (config_data_dir) once it holds team.yml
 * and stages.yml (handbook_is_data_dir), then the installed sample.
 * Problems reading the config file go to diags. */
char *config_roster_dir(const char *flag, roster_source *from, diag_list *diags);
/* config_roster_dir, and *at: FLAG "--roster", ENV "TEAMTUI_ROSTER", the
 * FILE line of `roster:`, SYNCED, or DEFAULT for the sample. */
char *config_roster_dir_at(const char *flag, roster_source *from,
			   config_origin *at, diag_list *diags);

/* The data directory `teamtui sync` writes and rosters fall back on
 * (malloc'd; it may not exist yet): `data_dir:` of the system config (a
 * directory shared by the machine's users, written by one sync job), else
 * of the user's config (~ and relative paths as for roster:), else
 * $XDG_DATA_HOME/teamtui when $XDG_DATA_HOME is absolute, else
 * $HOME/.local/share/teamtui (XDG Base Directory Specification 0.8).
 * NULL without any of them (no HOME). *shared (when not NULL) says
 * whether a config file named it. Problems in either file go to diags. */
char *config_data_dir(bool *shared, diag_list *diags);
/* config_data_dir, and *at: the FILE line of `data_dir:`, ENV
 * "XDG_DATA_HOME", or DEFAULT ($HOME's, or NULL returned). */
char *config_data_dir_at(bool *shared, config_origin *at, diag_list *diags);

/* Where `teamtui sync` fetches the data files from: `sync:` of the
 * system config when it has one, else of the user's (as data_dir:), else
 * the defaults. Two forms (teamtui(1), FILES):
 *
 *   sync:                        # one URL per file
 *     team.yml: https://...      # a file left out keeps its default:
 *     stages.yml: https://...    # the URLs the handbook's own
 *                                # scripts/sync-data.sh fetches
 *   sync:                        # GitLab's API, on the GitLab host with
 *     project: my-org/data       # the token rules of gitlab.h (id or path)
 *     ref: main                  # branch, tag or commit (default HEAD)
 *     team.yml: data/team.yml    # paths in the project (default data/FILE)
 *
 * An unknown key in sync: is a warning naming the closest known one; a
 * value that is not a string is an error (both located, file:line:col),
 * and the default is kept. URLs are judged when fetched (sync.h), not here. */
typedef struct config_sync_source {
	char *project; /* the project (API form), or NULL: one URL per file */
	char *ref;     /* the project's ref, or NULL: its default branch */
	/* per datadir_files[i]: its URL, or with a project its path in the
	 * project; never NULL after config_sync */
	char *file[DATADIR_NFILES];
	char *from;    /* the config file whose sync: this is, or NULL when
			  neither file has one (the defaults) */
	/* where sync: itself, project, ref and each file[i] are written:
	 * FILE, or DEFAULT (kind 0, as memset leaves it) for a default */
	config_origin at, project_at, ref_at, file_at[DATADIR_NFILES];
} config_sync_source;

/* The handbook's own sources (its scripts/sync-data.sh). */
#define CONFIG_SYNC_TEAM_URL "https://about.gitlab.com/company/team/team.yml"
#define CONFIG_SYNC_DATA_URL "https://gitlab.com/gitlab-com/www-gitlab-com/-/raw/master/data/"

/* Fill *out (every string malloc'd; free with config_sync_free). Problems
 * go to diags. False only when memory runs out. */
bool config_sync(config_sync_source *out, diag_list *diags);
void config_sync_free(config_sync_source *s);

/* `people:` and `data:` from the config file (paths, ~ and relative
 * ones resolved as for `roster:`), each malloc'd or NULL: where a
 * handbook checkout's people and product data come from (roster.h
 * roster_input). */
void config_data_paths(char **people, char **data, diag_list *diags);
/* config_data_paths, the options first: people_flag (--people) and
 * data_flag (--data), when not NULL, win over the file (copied). at[0]
 * (people) and at[1] (data), when at is not NULL: FLAG, the FILE line, or
 * DEFAULT (NULL given: the roster's own rules, roster.h). */
void config_data_paths_at(const char *people_flag, const char *data_flag,
			  char **people, char **data, config_origin at[2],
			  diag_list *diags);

/* The config file's path, malloc'd (it may not exist):
 * $XDG_CONFIG_HOME/teamtui/config.yml when XDG_CONFIG_HOME is absolute,
 * else $HOME/.config/teamtui/config.yml; NULL without either. */
char *config_path(void);
/* config_path, and *at: ENV "XDG_CONFIG_HOME" or DEFAULT. */
char *config_path_at(config_origin *at);
/* The system-wide config file (malloc'd): $TEAMTUI_SYSTEM_CONFIG when set,
 * else SYSCONFDIR/teamtui/config.yml (/etc/teamtui/config.yml when
 * configured with --sysconfdir=/etc). It is read for snapshot_dir only. */
char *config_system_path(void);
/* config_system_path, and *at: ENV "TEAMTUI_SYSTEM_CONFIG" or DEFAULT. */
char *config_system_path_at(config_origin *at);
/* The shared snapshot directory (snapshot.h) every user of the machine may
 * start from: `snapshot_dir:` of the system config, else of the user's
 * (~ and relative paths as for roster:). malloc'd; NULL when neither sets
 * one. Problems in either file go to diags. */
char *config_snapshot_dir(diag_list *diags);
/* config_snapshot_dir, and *at: the FILE line, or DEFAULT (NULL given). */
char *config_snapshot_dir_at(config_origin *at, diag_list *diags);

/* gitlab_host, gitlab_token and ca_cert from the config file (each
 * malloc'd, NULL when absent). The token is read only when the file is
 * readable by its owner alone; otherwise it is refused with an error at
 * its line. */
void config_gitlab(char **host, char **token, char **ca_cert, diag_list *diags);
/* config_gitlab, and at[0..2] (host, token, ca_cert) when at is not
 * NULL: the FILE line of each value given, else DEFAULT (a refused token
 * too). */
void config_gitlab_at(char **host, char **token, char **ca_cert,
		      config_origin at[3], diag_list *diags);

/* The interactive directory's settings in the config file: `theme:`
 * (auto, dark, light or mono; default auto: COLORFGBG decides) and
 * `mouse:` (true or false; default true). A value that is none of those
 * is a warning, and the default is kept. */
typedef enum {
	CONFIG_THEME_AUTO, CONFIG_THEME_DARK, CONFIG_THEME_LIGHT, CONFIG_THEME_MONO
} config_theme;
void config_interface(config_theme *theme, bool *mouse, diag_list *diags);
/* config_interface, and at[0] (theme), at[1] (mouse) when at is not
 * NULL: the FILE line of a value taken, else DEFAULT. */
void config_interface_at(config_theme *theme, bool *mouse, config_origin at[2],
			 diag_list *diags);
/* "auto", "dark", "light" or "mono" (static). */
const char *config_theme_name(config_theme t);

/* `working_hours:` of the config file (workhours.h's format, e.g.
 * "08:00-16:00 Mon-Fri" or "22:00-06:00 Sun-Thu"): everyone's working
 * hours but those of a person with a working_hours field. Absent, or
 * not in that format (a warning at its line, saying why), it is
 * WORK_HOURS_DEFAULT, 09:00-17:00 Monday to Friday. */
void config_working_hours(work_hours *out, diag_list *diags);
/* config_working_hours, and *at: the FILE line of a value taken, else
 * DEFAULT. */
void config_working_hours_at(work_hours *out, config_origin *at, diag_list *diags);

/* `me:` of the user's config file: who the user is in the roster (a slug
 * or a GitLab handle, with or without '@'; me.h resolves it), and where
 * it is written, for an error at its line when it names nobody. */
typedef struct config_me_value {
	char *value; /* malloc'd; NULL when absent or empty */
	char *file;  /* the config file's path (malloc'd), with value */
	int line, col;
} config_me_value;
/* Fill *out (free with config_me_free). A value that is not a string is
 * an error at its line (in diags), and absent. False only when memory
 * runs out. */
bool config_me(config_me_value *out, diag_list *diags);
void config_me_free(config_me_value *v);

#endif

/* tap.h: a minimal TAP producer for the C unit tests, plus helpers to
 * build throw-away rosters on disk. */
#ifndef TEAMTUI_TESTS_TAP_H
#define TEAMTUI_TESTS_TAP_H

#include <stdbool.h>
#include <stddef.h>

#include "teamtui/diag.h"
#include "teamtui/resolve.h"
#include "teamtui/roster.h"

bool tap_ok(bool cond, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
bool tap_is_str(const char *got, const char *want, const char *name);
bool tap_is_int(long long got, long long want, const char *name);
/* Finish: prints the plan; returns the exit status for main. */
int tap_done(void);

/* A fresh directory under $TMPDIR, removed by tap_done(). */
char *t_mkdir(void);
/* Write `content` to dir/name (parent directories created). */
void t_write(const char *dir, const char *name, const char *content);

/* The items of a string list joined by '|' ("" when empty). */
const char *t_join(const strlist *l);
/* Slugs of a person list joined by spaces ("" when empty). */
const char *t_slugs(const plist *l);
/* All diagnostics as "file:line:col: sev: msg" lines joined by '\n'. */
const char *t_diags(const diag_list *d);

/* Load a roster from two literal files (either may be NULL); the load's
 * diagnostics are added to d, which must be initialized (diag_init). */
roster *t_roster(const char *team_yml, const char *groups_yml, diag_list *d);
/* Members and counterparts of group `id` as "members | counterparts". */
const char *t_team(roster *r, const char *id);

#endif

/* groups: sections, stages and groups from groups.yml, whose keys are the
 * handbook shortcodes' own names and parameters. */
#ifndef TEAMTUI_GROUPS_H
#define TEAMTUI_GROUPS_H

#include "teamtui/roster.h"
#include "teamtui/yload.h"

/* Fill r->sections, r->stages, r->groups, r->patterns and r->issues_url
 * from `path`. A missing file leaves the roster without groups (warned). */
void groups_load(yload *c, const char *path, roster *r);

#endif

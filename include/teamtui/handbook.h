/* handbook: a GitLab handbook checkout as a roster, with nothing written
 * by hand.
 *
 * Layout (gitlab-com/content-sites/handbook): pages under content/handbook/
 * whose people tables are Hugo shortcode calls (shortcode.h, table.h),
 * page moves in layouts/index.redirects and front-matter `aliases`, and
 * the data its sync script (scripts/sync-data.sh) downloads into the
 * git-ignored data/public/: team.yml, stages.yml, sections.yml,
 * categories.yml. People and product data may come from elsewhere
 * (roster_input.people, .data). */
#ifndef TEAMTUI_HANDBOOK_H
#define TEAMTUI_HANDBOOK_H

#include <stdbool.h>

#include "teamtui/people.h"
#include "teamtui/roster.h"
#include "teamtui/yload.h"

/* Is dir a handbook checkout (it has a content/handbook/ directory)? */
bool handbook_is_checkout(const char *dir);
/* Is dir a data directory as `teamtui sync` leaves it: team.yml and
 * stages.yml, and neither groups.yml nor content/handbook/? It loads as a
 * checkout without pages: people from dir/team.yml, sections, stages and
 * groups from dir/stages.yml and its siblings. */
bool handbook_is_data_dir(const char *dir);

/* The people: src->people when given (a team.yml file; a directory
 * holding team.yml or team_members/; a www-gitlab-com checkout, whose
 * data/team_members/ is read), else CHECKOUT/data/public/team.yml, else
 * src->synced's team.yml (a data directory: its own team.yml).
 * Problems go to c->diags. */
void handbook_load_people(yload *c, const roster_input *src,
			  people_buf *out);

/* Everything else, once r->people is loaded and indexed: sections,
 * stages and product groups (src->data, else CHECKOUT/data/public, else a
 * www-gitlab-com checkout's data/, else src->synced; a data directory's
 * own), the redirects, and every page with a
 * people table, turned into r->sections, r->stages, r->groups and
 * r->patterns. Rules for ids, names, channels, labels and links:
 * docs/roster-format.md section 7. */
void handbook_load_groups(yload *c, const roster_input *src, roster *r);

#endif

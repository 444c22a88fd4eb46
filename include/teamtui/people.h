/* people: person records from GitLab's team.yml or team_members/ tree. */
#ifndef TEAMTUI_PEOPLE_H
#define TEAMTUI_PEOPLE_H

#include <stdbool.h>

#include "teamtui/roster.h"
#include "teamtui/yload.h"

/* A growable list of people while loading (malloc'd; the roster copies it
 * into its arena). */
typedef struct people_buf {
	person *v;
	size_t n, cap;
} people_buf;

/* Fill *out from a person map. `slug` overrides the map's own (a tree
 * file's name); `vacancy` forces type vacancy. False when the entry cannot
 * be a person (not a map, no slug); the reason is reported. */
bool people_read(yload *c, const ynode *map, const char *slug, bool vacancy,
		 person *out);

/* team.yml: a list of person maps, in file order. */
void people_load_list(yload *c, const char *path, const char *display,
		      people_buf *out);
/* team_members/: person/ ** /<slug>.yml and vacancy/ ** /<slug>.yml,
 * ordered by slug in byte order. */
void people_load_tree(yload *c, const char *dir, people_buf *out);

#endif

/* out_okrs: `teamtui okrs GROUP` in text and JSON: objectives with their
 * key results nested, where the data came from and how old it is. */
#ifndef TEAMTUI_OUT_OKRS_H
#define TEAMTUI_OUT_OKRS_H

#include <stdbool.h>
#include <stdio.h>

#include "teamtui/gitlab.h"
#include "teamtui/roster.h"

/* One line into buf: "fetching…", "fetched just now", "cached 3 h ago",
 * "cached 3 h ago (ERROR)" or "ERROR", then "; WARNING" when there is one
 * (gitlab_warning). Cut to size (NUL-terminated); not yet sanitized. */
void out_okrs_status(const gitlab_fetch *f, char *buf, size_t size);
void out_okrs_text(FILE *out, const group *g, const gitlab_fetch *f);
bool out_okrs_json(FILE *out, const group *g, const gitlab_fetch *f);

#endif

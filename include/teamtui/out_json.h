/* out_json: the --json output of every command, built with cJSON.
 * Strings pass through sanitize like the text output, so a pipe into
 * `jq -r` cannot carry an escape sequence to a terminal either. */
#ifndef TEAMTUI_OUT_JSON_H
#define TEAMTUI_OUT_JSON_H

#include <stdio.h>

#include "teamtui/diag.h"
#include "teamtui/resolve.h"
#include "teamtui/roster.h"
#include "teamtui/search.h"

/* Each prints one JSON document and a newline; false when out of memory. */
bool out_json_groups(FILE *f, const roster *r);
bool out_json_group(FILE *f, const roster *r, resolver *rs, const group *g);
bool out_json_person(FILE *f, const roster *r, resolver *rs, const person *p);
bool out_json_diags(FILE *f, const diag_list *d);
bool out_json_hits(FILE *f, resolver *rs, const search_hit *hits, size_t n);

#endif

/* search: "who do I ask?" One ranked search over people and groups: names,
 * handles, roles, expertise, projects, labels, channels. Case- and
 * accent-insensitive, whole words and prefixes, a typo or a missing space
 * forgiven in longer words; every word of the query must match the same
 * record. The index is built once; a query touches only the postings of
 * the words it names, never every string. Pure: no curses, no curl. */
#ifndef TEAMTUI_SEARCH_H
#define TEAMTUI_SEARCH_H

#include <stddef.h>

#include "teamtui/roster.h"

typedef struct search_index search_index;

typedef enum { SEARCH_PERSON, SEARCH_GROUP } search_kind;

typedef struct search_hit {
	search_kind kind;
	const person *person; /* SEARCH_PERSON */
	const group *group;   /* SEARCH_GROUP */
	int score;
	char reason[200]; /* why it matched: "expertise: GraphQL" */
} search_hit;

search_index *search_build(const roster *r);
void search_free(search_index *s);

enum {
	SEARCH_MAX_WORDS = 8,		/* words looked for, filler aside */
	SEARCH_MAX_QUERY_BYTES = 1000, /* a query's length in bytes */
};

/* Why `query` cannot be searched as it is (longer than
 * SEARCH_MAX_QUERY_BYTES, more than SEARCH_MAX_WORDS words to look for,
 * more than 64 words in all), as a message to show; NULL when it can.
 * A query is refused, never cut into a different one. */
const char *search_query_problem(const char *query);

/* The best `max` hits for `query`, best first; returns how many (0 for a
 * query search_query_problem() refuses). */
size_t search_query(search_index *s, const char *query, search_hit *out,
		    size_t max);

/* Lower case, accents removed (Szász -> szasz), malloc'd. */
char *search_fold(const char *s);

#endif

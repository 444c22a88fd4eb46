/* search: "who do I ask?" One ranked search over people and groups: names,
 * handles, roles, expertise, projects, labels, channels. Case- and
 * accent-insensitive, whole words and prefixes, a typo or a missing space
 * forgiven in longer words; every word of the query must match the same
 * record. The index is built once; a query touches only the postings of
 * the words it names, never every string. Pure: no curses, no curl. */
#ifndef TEAMTUI_SEARCH_H
#define TEAMTUI_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "teamtui/resolve.h"
#include "teamtui/roster.h"

typedef struct search_index search_index;

typedef enum { SEARCH_PERSON, SEARCH_GROUP } search_kind;

typedef struct search_hit {
	search_kind kind;
	const person *person; /* SEARCH_PERSON */
	const group *group;   /* SEARCH_GROUP */
	int score;
	bool named; /* a group the query named: its name, id, label, channel */
	char reason[200]; /* why it matched: "expertise: GraphQL" */
} search_hit;

/* The index of r's people and groups: built (every field of every person
 * and group folded and split into words), or, when r was mapped from a
 * snapshot that holds one, that index (snapshot.h). NULL when out of
 * memory. */
search_index *search_build(const roster *r);
void search_free(search_index *s);

/* Internal, for snapshot.c (image.h): the index s copied into the image
 * being written, the root's field *field pointed at it; a mapped index
 * checked (every count, every id, every offset) and returned as a usable
 * index whose arrays stay in the mapping (NULL when a check fails);
 * its own memory released (the mapping is the snapshot's); and a number
 * that changes when the index's layout does. */
struct image;
struct snapshot_refs;
void search_image_write(struct image *im, const search_index *s,
			search_index **field, const struct snapshot_refs *refs);
search_index *search_image_read(struct image *im, search_index **field,
				const roster *r, const struct snapshot_refs *refs);
void search_image_release(search_index *s);
size_t search_image_layout(void);

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

/* search_query, with the people to ask about a group next to it: after
 * each group the query named (search_hit.named), its manager and then its
 * stable counterparts (resolve_group: the tables' rows), before the
 * people whose role merely mentions the words. Each person once, at the
 * first place they get; one that was not a hit says why it is there
 * ("manager of Gitaly", "stable counterpart of Gitaly"). Returns how many
 * of `max` were filled, best first. */
size_t search_query_team(search_index *s, resolver *rs, const char *query,
			 search_hit *out, size_t max);

/* Lower case, accents removed (Szász -> szasz), malloc'd. */
char *search_fold(const char *s);

/* Lookup: the one person or group that a command-line argument (`person
 * Sean`, `show 'Duo Chat'`) or the TUI's jump prompt (`p`, `:`) names, by
 * id or by name, or the candidates when it names several. The levels
 * below are tried in order; the first that matches anyone decides and no
 * later level is consulted, so an exact id always wins over a name:
 *
 *   ID      the exact slug or group id, as roster_person() and
 *           roster_group() find it (a group id's '-' and '_' are one).
 *           Not for a query starting with '@'.
 *   HANDLE  people only: the GitLab handle without regard to case, with
 *           or without a leading '@'. A query starting with '@' is only
 *           ever a handle: ID, NAME, WORDS and PREFIX are skipped.
 *   NAME    the whole name, folded as search_fold() folds and split into
 *           words as the who-search splits them (case, accents and
 *           punctuation aside: "duo-chat", "DUO CHAT" and "Duo_Chat" all
 *           name "Duo Chat"); or the whole slug or id read the same way
 *           ("hanako yamada" names hanako-yamada, whose name is 山田 花子).
 *   WORDS   every word of the query is a whole word of the name, each a
 *           different word, in any order ("sean", "réka szász", "chat");
 *           or every one is a word of the slug or id.
 *   PREFIX  every word of the query begins a different word of the name
 *           (or of the slug or id), in any order ("sea car", "amel").
 *   FUZZY   the who-search (search_query) over names, handles and slugs
 *           only (groups: names and ids): a typo, a missing space, the
 *           start of a handle. Only with an index, and never an answer by
 *           itself, even when it finds one: its hits are "did you mean".
 *
 * At each of NAME, WORDS and PREFIX the name is tried before the slug or
 * id: the first of NAME by name, NAME by slug, WORDS by name, WORDS by
 * slug, PREFIX by name, PREFIX by slug that matches anyone decides.
 *
 * So a query that is one person's slug and another's name is the first
 * person; one's handle and another's name, the first; "Alex North" is the
 * person of that name, not Alexandra North whose slug is alex-north; a
 * whole word beats the start of a longer one ("bea" is Bea, not
 * Beatrix), and "sean" is the answer when one Sean exists, Seana aside.
 * Names and slugs of more than 64 words, and queries of more than 64
 * words, are matched only by ID and HANDLE (and FUZZY's own limits).
 *
 * Candidates, best first: people before vacancies, then (PREFIX) more
 * query words that are a whole word, then those whose name (or slug)
 * starts with the query's first word ("e": Eitan Levi before Conrad
 * Ellery), then the folded name in byte order, then roster order; FUZZY
 * keeps the who-search's ranking. Pure: no curses. The rules' source:
 * issue 10 ("`:`/`p` jump finds people the way the who-search does
 * (accents, slugs, handles, partial names), and `person Sean`, `show
 * Gitaly`, `show 'Duo Chat'` accept a unique name as well as an id"); the
 * order of the levels and ties are this module's choice, documented in
 * teamtui(1) under NAMES. */
typedef enum {
	SEARCH_LOOKUP_NONE, /* nobody: no level matched */
	SEARCH_LOOKUP_ID,
	SEARCH_LOOKUP_HANDLE,
	SEARCH_LOOKUP_NAME,
	SEARCH_LOOKUP_WORDS,
	SEARCH_LOOKUP_PREFIX,
	SEARCH_LOOKUP_FUZZY,
} search_lookup_level;

typedef struct search_lookup {
	search_lookup_level level; /* the level that matched (NONE: none) */
	size_t count; /* how many matched at that level (at its step by
			 name, or by slug when none by name), all of them
			 even past `max` (FUZZY: the hits taken, at most
			 max, or 1 when max is 0) */
	/* the answer: the only match at a level before FUZZY; else NULL.
	 * search_person_lookup() sets person, search_group_lookup() group. */
	const person *person;
	const group *group;
} search_lookup;

/* The person `query` names in roster r. Inputs: r; s an index built from
 * r by search_build(), or NULL to skip the FUZZY level (a caller may try
 * without an index first and build one only when the result is NONE);
 * query, UTF-8, any length. Output: the level, the count and the answer
 * as above; cands[0 .. min(count, max)) the candidates of that level,
 * best first (even when there is an answer, it is cands[0]); cands may be
 * NULL when max is 0. Every pointer points into r and lives as long as r;
 * nothing is allocated for the caller. Out of memory reads as NONE. s is
 * used as search_query() uses it (its per-query scratch: one query at a
 * time), and its folded names spare folding every record: over 80,000
 * people a lookup takes about 25 ms with an index, 80 ms without. */
search_lookup search_person_lookup(const roster *r, search_index *s,
				   const char *query, const person **cands,
				   size_t max);

/* The group `query` names in r: the same, with the group's id for the
 * slug, no HANDLE level, and FUZZY over group names and ids. */
search_lookup search_group_lookup(const roster *r, search_index *s,
				  const char *query, const group **cands,
				  size_t max);

#endif

/* search.c: an inverted index of folded words (token -> postings in
 * compressed rows), a sorted token list for prefixes, tokens bucketed by
 * length for typos, and per-query scoring over the postings touched. */
#include "teamtui/search.h"

#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wctype.h>

#include "teamtui/arena.h"
#include "teamtui/image.h"
#include "teamtui/snapshot.h"
#include "teamtui/utf8.h"

typedef enum {
	F_HANDLE, F_SLUG, F_NAME, F_GROUP_NAME, F_GROUP_ID, F_LABEL, F_CHANNEL,
	F_PROJECT, F_ROLE, F_EXPERTISE, F_JOB_TITLE, F_SPECIALTY, F_DOMAIN,
	F_DEPARTMENT, F_STAGE, F_DESCRIPTION, F_ROLE_ABBREV, F_COUNT
} field;

/* How much a word found in each field counts, and how the reason says it.
 * Names and handles first; role and expertise over story-like text. */
static const struct {
	const char *label;
	int weight;
} fields[F_COUNT] = {
	[F_NAME] = {"name", 100},	    [F_HANDLE] = {"handle", 95},
	/* a slug's words (vacancy-senior-backend-...) are weak evidence; a
	 * whole slug gets the exact-match bonus anyway */
	[F_SLUG] = {"slug", 30},	    [F_GROUP_NAME] = {"group", 80},
	[F_GROUP_ID] = {"group", 70},	    [F_LABEL] = {"label", 75},
	[F_CHANNEL] = {"channel", 75},	    [F_PROJECT] = {"project", 55},
	[F_ROLE] = {"role", 50},	    [F_EXPERTISE] = {"expertise", 50},
	[F_JOB_TITLE] = {"job title", 45},  [F_SPECIALTY] = {"specialty", 40},
	[F_DOMAIN] = {"domain expertise", 40}, [F_DEPARTMENT] = {"department", 20},
	[F_STAGE] = {"stage", 25},	    [F_DESCRIPTION] = {"description", 10},
	/* "pm", "em", "set": said on purpose, so above a name's prefix */
	[F_ROLE_ABBREV] = {"role", 90},
};

enum {
	Q_EXACT = 100, Q_PREFIX = 80, Q_TYPO = 60,
	MAX_WORDS = SEARCH_MAX_WORDS, /* words looked for */
	MAX_ALL_WORDS = 64,	      /* with the filler */
};

struct text {
	uint32_t doc;
	uint8_t field;
	const char *value; /* as shown in the reason */
	const project_role *project;
};

struct doc {
	search_kind kind;
	const void *item;
	const char *name, *slug, *handle; /* folded, for exact matches */
	uint32_t first_text, ntexts;	  /* its texts are contiguous */
};

struct posting {
	uint32_t text; /* index in texts */
};

struct search_index {
	const roster *r;
	arena *a;
	struct doc *docs;
	size_t ndocs;
	struct text *texts;
	size_t ntexts, captexts;
	/* tokens: id -> string; postings in CSR by token id */
	const char **tokens;
	size_t ntokens, captokens;
	size_t *tok_slots; /* hash: token id + 1 */
	size_t ntok_slots;
	uint32_t *post_start, *post;
	size_t *sorted;    /* token ids by string, for prefixes */
	/* per query scratch */
	int *score, *word_score;
	uint32_t *word_reason;
	uint32_t *reasons[MAX_WORDS]; /* per word: the text that matched it */
	uint8_t *matched;
	uint32_t *touched;
	size_t ntouched;
	uint32_t fields; /* the fields this query looks in: 1 << field */
	bool mapped; /* from a snapshot: the arrays are the snapshot's */
};

/* Latin-1 Supplement and Latin Extended-A, U+00C0..U+017F, without their
 * accents (generated from Unicode's decompositions). */
static const char *const fold_table[0x180 - 0xC0] = {
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", "x", "o", "u", "u", "u", "u", "y", "th", "ss",
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", "/", "o", "u", "u", "u", "u", "y", "th", "y",
	"a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
	"d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
	"g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
	"i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
	"l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
	"o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
	"s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
	"u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
};

/* Latin Extended Additional, U+1E00..U+1EFF (Vietnamese and others), the
 * same way; "" where there is no plain letter underneath. */
static const char *const fold_extended[0x100] = {
	"a", "a", "b", "b", "b", "b", "b", "b", "c", "c", "d", "d", "d", "d", "d", "d",
	"d", "d", "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "f", "f",
	"g", "g", "h", "h", "h", "h", "h", "h", "h", "h", "h", "h", "i", "i", "i", "i",
	"k", "k", "k", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l", "l", "m", "m",
	"m", "m", "m", "m", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
	"o", "o", "o", "o", "p", "p", "p", "p", "r", "r", "r", "r", "r", "r", "r", "r",
	"s", "s", "s", "s", "s", "s", "s", "s", "s", "s", "t", "t", "t", "t", "t", "t",
	"t", "t", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "v", "v", "v", "v",
	"w", "w", "w", "w", "w", "w", "w", "w", "w", "w", "x", "x", "x", "x", "y", "y",
	"z", "z", "z", "z", "z", "z", "h", "t", "w", "y", "", "", "", "", "ss", "",
	"a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a",
	"a", "a", "a", "a", "a", "a", "a", "a", "e", "e", "e", "e", "e", "e", "e", "e",
	"e", "e", "e", "e", "e", "e", "e", "e", "i", "i", "i", "i", "o", "o", "o", "o",
	"o", "o", "o", "o", "o", "o", "o", "o", "o", "o", "o", "o", "o", "o", "o", "o",
	"o", "o", "o", "o", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u",
	"u", "u", "y", "y", "y", "y", "y", "y", "y", "y", "", "", "", "", "", "",
};

char *search_fold(const char *s)
{
	size_t len = strlen(s);
	char *out = malloc(len * 4 + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += utf8_decode(s + i, len - i, &cp);
		if (cp < 0x80) {
			out[o++] = (char)tolower((int)cp);
		} else if (cp >= 0x300 && cp <= 0x36F) {
			/* combining accents: dropped */
		} else if ((cp >= 0xA0 && cp <= 0xBF && cp != 0xAA && cp != 0xB2 &&
			    cp != 0xB3 && cp != 0xB5 && cp != 0xB9 && cp != 0xBA &&
			    (cp < 0xBC || cp > 0xBE)) ||
			   cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x206F) ||
			   (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
			   (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
			   (cp >= 0xFF5B && cp <= 0xFF65) || cp == 0xFFFD) {
			/* Latin-1 and general punctuation (« » ¿ ¡ · § ×), CJK
			 * and fullwidth punctuation (「」、。！), spaces, dashes,
			 * quotes and U+FFFD (a bad byte, a NUL) separate words
			 * as ASCII punctuation does */
			out[o++] = ' ';
		} else if ((cp >= 0xC0 && cp < 0x180) ||
			   (cp >= 0x1E00 && cp < 0x1F00 && *fold_extended[cp - 0x1E00])) {
			const char *f = cp < 0x180 ? fold_table[cp - 0xC0]
						   : fold_extended[cp - 0x1E00];
			size_t n = strlen(f);
			memcpy(out + o, f, n);
			o += n;
		} else {
			o += utf8_encode((uint32_t)towlower((wint_t)cp), out + o);
		}
	}
	out[o] = '\0';
	return out;
}

/* Word characters: ASCII letters and digits, and everything non-ASCII
 * (CJK, Arabic, ... stay whole words). */
static bool word_char(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

static uint64_t hash_str(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
}

static long token_find(const search_index *s, const char *w, size_t n)
{
	if (!s->ntok_slots)
		return -1;
	size_t mask = s->ntok_slots - 1, j = hash_str(w, n) & mask;
	for (; s->tok_slots[j]; j = (j + 1) & mask) {
		const char *t = s->tokens[s->tok_slots[j] - 1];
		if (!strncmp(t, w, n) && !t[n])
			return (long)s->tok_slots[j] - 1;
	}
	return -1;
}

static bool token_grow(search_index *s)
{
	size_t n = s->ntok_slots ? s->ntok_slots * 2 : 4096;
	size_t *slots = calloc(n, sizeof(*slots));
	if (!slots)
		return false;
	for (size_t i = 0; i < s->ntok_slots; i++) {
		if (!s->tok_slots[i])
			continue;
		const char *t = s->tokens[s->tok_slots[i] - 1];
		size_t j = hash_str(t, strlen(t)) & (n - 1);
		while (slots[j])
			j = (j + 1) & (n - 1);
		slots[j] = s->tok_slots[i];
	}
	free(s->tok_slots);
	s->tok_slots = slots;
	s->ntok_slots = n;
	return true;
}

/* The id of token w[0..n), added if new; -1 when out of memory. */
static long token_add(search_index *s, const char *w, size_t n)
{
	long id = token_find(s, w, n);
	if (id >= 0)
		return id;
	if ((s->ntokens + 1) * 2 > s->ntok_slots && !token_grow(s))
		return -1;
	if (s->ntokens == s->captokens) {
		size_t cap = s->captokens ? s->captokens * 2 : 4096;
		const char **t = realloc(s->tokens, cap * sizeof(*t));
		if (!t)
			return -1;
		s->tokens = t;
		s->captokens = cap;
	}
	const char *copy = arena_strndup(s->a, w, n);
	if (!copy)
		return -1;
	size_t mask = s->ntok_slots - 1, j = hash_str(w, n) & mask;
	while (s->tok_slots[j])
		j = (j + 1) & mask;
	s->tok_slots[j] = s->ntokens + 1;
	s->tokens[s->ntokens] = copy;
	return (long)s->ntokens++;
}

/* (token, text) pairs while building */
struct pair {
	uint32_t token, text;
};
struct pairs {
	struct pair *v;
	size_t n, cap;
};

static void pair_add(struct pairs *p, long token, size_t text)
{
	if (token < 0)
		return;
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 1 << 16;
		struct pair *v = realloc(p->v, cap * sizeof(*v));
		if (!v)
			return;
		p->v = v;
		p->cap = cap;
	}
	p->v[p->n++] = (struct pair){(uint32_t)token, (uint32_t)text};
}

/* Role words people type instead of the title. */
static const struct {
	const char *phrase, *abbrev;
} abbreviations[] = {
	{"product manager", "pm"},	  {"engineering manager", "em"},
	{"product designer", "ux"},	  {"ux designer", "ux"},
	{"software engineer in test", "set"}, {"technical writer", "tw"},
	{"site reliability", "sre"},	  {"frontend", "fe"},
	{"backend", "be"},
};

/* A text of document doc, shown as `value` in reasons; its index, or
 * (size_t)-1 when out of memory. */
static size_t add_text(search_index *s, uint32_t doc, field f,
		       const char *value, const project_role *pr)
{
	if (s->ntexts == s->captexts) {
		size_t cap = s->captexts ? s->captexts * 2 : 4096;
		struct text *t = realloc(s->texts, cap * sizeof(*t));
		if (!t)
			return (size_t)-1;
		s->texts = t;
		s->captexts = cap;
	}
	s->texts[s->ntexts] = (struct text){doc, (uint8_t)f, value, pr};
	return s->ntexts++;
}

static void tokenize(search_index *s, struct pairs *p, size_t ti,
		     const char *value);

static void index_text(search_index *s, struct pairs *p, uint32_t doc,
		       field f, const char *value, const project_role *pr)
{
	if (!value || !*value)
		return;
	size_t ti = add_text(s, doc, f, value, pr);
	if (ti == (size_t)-1)
		return;
	if (pr) /* a project's roles are searchable with it: "maintainer backend" */
		for (size_t i = 0; i < pr->roles.n; i++)
			tokenize(s, p, ti, pr->roles.v[i]);
	tokenize(s, p, ti, value);
}

/* The words of value (and neighbours joined) as postings of text ti. */
static void tokenize(search_index *s, struct pairs *p, size_t ti,
		     const char *value)
{
	char *folded = search_fold(value);
	if (!folded)
		return;
	/* each word, and each pair of neighbours joined ("custommodels"), so
	 * a missing space still matches */
	const char *prev = NULL;
	size_t prevlen = 0;
	for (const char *c = folded; *c;) {
		while (*c && !word_char((unsigned char)*c))
			c++;
		const char *w = c;
		while (*c && word_char((unsigned char)*c))
			c++;
		size_t n = (size_t)(c - w);
		if (!n)
			break;
		pair_add(p, token_add(s, w, n), ti);
		if (prev && prevlen + n < 64) {
			char joined[64];
			memcpy(joined, prev, prevlen);
			memcpy(joined + prevlen, w, n);
			pair_add(p, token_add(s, joined, prevlen + n), ti);
		}
		prev = w;
		prevlen = n;
	}
	free(folded);
}

/* The abbreviations a role answers to ("pm"), as a text of their own
 * whose only words they are. */
static void index_abbreviations(search_index *s, struct pairs *p, uint32_t doc,
				const char *role)
{
	char *folded = role ? search_fold(role) : NULL;
	size_t ti = (size_t)-1;
	for (size_t i = 0; folded && i < sizeof(abbreviations) / sizeof(*abbreviations); i++) {
		if (!strstr(folded, abbreviations[i].phrase))
			continue;
		if (ti == (size_t)-1 && (ti = add_text(s, doc, F_ROLE_ABBREV, role, NULL)) == (size_t)-1)
			break;
		pair_add(p, token_add(s, abbreviations[i].abbrev,
				      strlen(abbreviations[i].abbrev)), ti);
	}
	free(folded);
}

static const char *fold_keep(search_index *s, const char *v)
{
	if (!v)
		return NULL;
	char *f = search_fold(v);
	const char *kept = f ? arena_strdup(s->a, f) : NULL;
	free(f);
	return kept;
}

static void index_person(search_index *s, struct pairs *p, uint32_t d,
			 const person *x)
{
	s->docs[d] = (struct doc){SEARCH_PERSON, x, fold_keep(s, x->name),
				  fold_keep(s, x->slug), fold_keep(s, x->gitlab),
				  (uint32_t)s->ntexts, 0};
	index_text(s, p, d, F_HANDLE, x->gitlab, NULL);
	index_text(s, p, d, F_SLUG, x->slug, NULL);
	/* a vacancy's "name" is a job title, not someone to ask */
	index_text(s, p, d, x->type == PERSON_VACANCY ? F_JOB_TITLE : F_NAME,
		   x->name, NULL);
	index_text(s, p, d, F_ROLE, x->role, NULL);
	index_abbreviations(s, p, d, x->role);
	index_text(s, p, d, F_JOB_TITLE, x->job_title, NULL);
	for (size_t i = 0; i < x->departments.n; i++)
		index_text(s, p, d, F_DEPARTMENT, x->departments.v[i], NULL);
	for (size_t i = 0; i < x->specialty.n; i++)
		index_text(s, p, d, F_SPECIALTY, x->specialty.v[i], NULL);
	for (size_t i = 0; i < x->expertise.n; i++)
		index_text(s, p, d, F_EXPERTISE, x->expertise.v[i], NULL);
	for (size_t i = 0; i < x->domain_expertise.n; i++)
		index_text(s, p, d, F_DOMAIN, x->domain_expertise.v[i], NULL);
	for (size_t i = 0; i < x->nprojects; i++)
		index_text(s, p, d, F_PROJECT, x->projects[i].project, &x->projects[i]);
	s->docs[d].ntexts = (uint32_t)s->ntexts - s->docs[d].first_text;
}

static void index_group(search_index *s, struct pairs *p, uint32_t d,
			const group *g)
{
	s->docs[d] = (struct doc){SEARCH_GROUP, g, fold_keep(s, g->name),
				  fold_keep(s, g->id), NULL, (uint32_t)s->ntexts, 0};
	index_text(s, p, d, F_GROUP_NAME, g->name, NULL);
	index_text(s, p, d, F_GROUP_ID, g->id, NULL);
	if (g->stage) {
		index_text(s, p, d, F_STAGE, g->stage->name, NULL);
		if (g->stage->section)
			index_text(s, p, d, F_STAGE, g->stage->section->name, NULL);
	}
	index_text(s, p, d, F_DESCRIPTION, g->description, NULL);
	for (size_t i = 0; i < g->labels.n; i++)
		index_text(s, p, d, F_LABEL, g->labels.v[i], NULL);
	for (size_t i = 0; i < g->channels.n; i++)
		index_text(s, p, d, F_CHANNEL, g->channels.v[i], NULL);
	s->docs[d].ntexts = (uint32_t)s->ntexts - s->docs[d].first_text;
}

static const search_index *sorting;
static int token_cmp(const void *a, const void *b)
{
	return strcmp(sorting->tokens[*(const size_t *)a],
		      sorting->tokens[*(const size_t *)b]);
}

/* The per-query scratch arrays, sized by the documents. */
static bool alloc_scratch(search_index *s)
{
	s->score = calloc(s->ndocs + 1, sizeof(int));
	s->word_score = calloc(s->ndocs + 1, sizeof(int));
	s->word_reason = calloc(s->ndocs + 1, sizeof(uint32_t));
	s->matched = calloc(s->ndocs + 1, 1);
	s->touched = malloc((s->ndocs + 1) * sizeof(uint32_t));
	bool ok = s->score && s->word_score && s->word_reason && s->matched && s->touched;
	for (size_t w = 0; w < MAX_WORDS; w++)
		ok &= (s->reasons[w] = calloc(s->ndocs + 1, sizeof(uint32_t))) != NULL;
	return ok;
}

search_index *search_build(const roster *r)
{
	search_index *mapped = snapshot_search(r);
	if (mapped)
		return mapped;
	search_index *s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->r = r;
	s->a = arena_new();
	s->ndocs = r->npeople + r->ngroups;
	s->docs = calloc(s->ndocs + 1, sizeof(*s->docs));
	struct pairs p = {0};
	if (!s->a || !s->docs) {
		search_free(s);
		return NULL;
	}
	for (size_t i = 0; i < r->npeople; i++)
		index_person(s, &p, (uint32_t)i, &r->people[i]);
	for (size_t i = 0; i < r->ngroups; i++)
		index_group(s, &p, (uint32_t)(r->npeople + i), &r->groups[i]);
	/* postings in rows by token (counting sort keeps text order) */
	s->post_start = calloc(s->ntokens + 2, sizeof(uint32_t));
	s->post = malloc((p.n + 1) * sizeof(uint32_t));
	uint32_t *fill = calloc(s->ntokens + 1, sizeof(uint32_t));
	s->sorted = malloc((s->ntokens + 1) * sizeof(size_t));
	if (!s->post_start || !s->post || !fill || !s->sorted || !alloc_scratch(s)) {
		free(fill);
		free(p.v);
		search_free(s);
		return NULL;
	}
	for (size_t i = 0; i < p.n; i++)
		s->post_start[p.v[i].token + 1]++;
	for (size_t i = 0; i < s->ntokens; i++)
		s->post_start[i + 1] += s->post_start[i];
	for (size_t i = 0; i < p.n; i++)
		s->post[s->post_start[p.v[i].token] + fill[p.v[i].token]++] = p.v[i].text;
	free(fill);
	free(p.v);
	for (size_t i = 0; i < s->ntokens; i++)
		s->sorted[i] = i;
	sorting = s;
	if (s->ntokens > 1)
		qsort(s->sorted, s->ntokens, sizeof(size_t), token_cmp);
	return s;
}

void search_free(search_index *s)
{
	if (!s || s->mapped) /* a snapshot's: it goes with the snapshot */
		return;
	free(s->docs);
	free(s->texts);
	free(s->tokens);
	free(s->tok_slots);
	free(s->post_start);
	free(s->post);
	free(s->sorted);
	search_image_release(s);
}

/* Edit distance of a and b counting a swap of neighbours as one edit
 * ("gitlay" is one typo from "gitaly"), or limit + 1 once it is certain to
 * exceed the limit. */
static size_t bounded_distance(const char *a, size_t la, const char *b,
			       size_t lb, size_t limit)
{
	if ((la > lb ? la - lb : lb - la) > limit || la > 63 || lb > 63)
		return limit + 1;
	size_t rows[3][64], *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	size_t prev_best = 0; /* a swap reaches back two rows: both must fail */
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		size_t best = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t v = prev[j - 1] + (a[i - 1] != b[j - 1]);
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			cur[j] = v;
			best = v < best ? v : best;
		}
		if (best > limit && prev_best > limit)
			return limit + 1;
		prev_best = best;
		size_t *t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb];
}

/* Credit every text holding token t (match quality q) to its document
 * for the current word, keeping the best field. */
static void credit(search_index *s, size_t t, int q, size_t word)
{
	for (uint32_t k = s->post_start[t]; k < s->post_start[t + 1]; k++) {
		const struct text *tx = &s->texts[s->post[k]];
		uint32_t d = tx->doc;
		if (s->matched[d] != word) /* missed an earlier word: out */
			continue;
		if (!(s->fields >> tx->field & 1)) /* a lookup's fields only */
			continue;
		int sc = fields[tx->field].weight * q / 100;
		if (sc > s->word_score[d]) {
			if (!s->word_score[d])
				s->touched[s->ntouched++] = d;
			s->word_score[d] = sc;
			s->word_reason[d] = s->post[k];
		}
	}
}

/* First sorted index whose token is >= w. */
static size_t lower_bound(const search_index *s, const char *w)
{
	size_t lo = 0, hi = s->ntokens;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strcmp(s->tokens[s->sorted[mid]], w) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void match_word(search_index *s, const char *w, size_t word)
{
	size_t n = strlen(w);
	long exact = token_find(s, w, n);
	if (exact >= 0)
		credit(s, (size_t)exact, Q_EXACT, word);
	/* prefixes: from two characters, or one non-ASCII (CJK) character */
	if (n >= 2 || (unsigned char)w[0] >= 0x80) {
		size_t limit = 5000; /* a one-letter query must stay fast */
		for (size_t i = lower_bound(s, w); i < s->ntokens && limit--; i++) {
			size_t t = s->sorted[i];
			if (strncmp(s->tokens[t], w, n))
				break;
			if ((long)t != exact)
				credit(s, t, Q_PREFIX, word);
		}
	}
	/* typos: one edit in words of five letters or more, two from nine,
	 * against whole words and against the start of longer ones (so a
	 * typo while typing still finds: "sean carol"). The first letter is
	 * taken as typed, which keeps this to one run of the sorted tokens. */
	if (n >= 5) {
		size_t lim = n >= 9 ? 2 : 1;
		char first[2] = {w[0], 0};
		size_t i = lower_bound(s, first);
		for (; i < s->ntokens; i++) {
			size_t t = s->sorted[i];
			const char *tok = s->tokens[t];
			if (tok[0] != w[0])
				break;
			size_t l = strlen(tok);
			if ((long)t == exact || l + lim < n)
				continue;
			size_t d = bounded_distance(w, n, tok, l, lim);
			for (size_t pl = n - lim; d > lim && pl <= n + lim && pl < l; pl++)
				d = bounded_distance(w, n, tok, pl, lim);
			if (d <= lim && strncmp(tok, w, n))
				credit(s, t, Q_TYPO, word);
		}
	}
}

static bool stop_word(const char *w)
{
	static const char *const stops[] = {
	    "who", "whom", "what", "which", "is", "are", "the", "a", "an", "for",
	    "of", "to", "in", "on", "owns", "own", "owner", "do", "i", "ask",
	    "about", "maintains", "maintain", "channel", "slack",
	    "label", "and", "at", "with", "knows"};
	for (size_t i = 0; i < sizeof(stops) / sizeof(*stops); i++)
		if (!strcmp(w, stops[i]))
			return true;
	return false;
}

/* A reason that filled its buffer was cut: end it on a whole character
 * with "...", so a cut is visible and never splits a UTF-8 sequence. */
static void ellipsize(char *out, size_t size)
{
	size_t n = strlen(out);
	if (n + 1 < size)
		return;
	size_t keep = size - 4; /* room for "..." and the NUL */
	while (keep && ((unsigned char)out[keep] & 0xC0) == 0x80)
		keep--; /* out[keep] starts a character: cut before it */
	memcpy(out + keep, "...", 4);
}

/* Does a role's area ("backend", "database frontend") hold one of the
 * query's words, as a word or a word's start? */
static bool area_mentions(const char *area, char *const *words, size_t nw)
{
	char *f = area ? search_fold(area) : NULL;
	bool hit = false;
	for (char *c = f; c && *c && !hit;) {
		while (*c && !word_char((unsigned char)*c))
			c++;
		char *w = c;
		while (*c && word_char((unsigned char)*c))
			c++;
		for (size_t i = 0; i < nw && !hit && c > w; i++)
			hit = strlen(words[i]) <= (size_t)(c - w) &&
			      !strncmp(w, words[i], strlen(words[i]));
	}
	free(f);
	return hit;
}

/* A project's standing for this query: the best role whose area the query
 * names ("backend" picks "trainee_maintainer backend" over "maintainer
 * frontend"); when the query names no area, the best of all its roles. */
static project_role_kind project_standing(const project_role *pr, char *const *words,
					  size_t nw, const char **role, const char **area)
{
	project_role_kind best = PROJECT_ROLE_OTHER, best_named = PROJECT_ROLE_OTHER;
	const char *a_best = NULL, *a_named = NULL;
	bool named = false;
	for (size_t i = 0; pr && i < pr->roles.n; i++) {
		const char *a;
		project_role_kind k = roster_project_role(pr->roles.v[i], &a);
		if (k == PROJECT_ROLE_OTHER)
			continue;
		if (a && area_mentions(a, words, nw) && (!named || k > best_named)) {
			named = true;
			best_named = k;
			a_named = a;
		}
		if (k > best) {
			best = k;
			a_best = a;
		}
	}
	if (named) {
		best = best_named;
		a_best = a_named;
	}
	if (role)
		*role = roster_project_role_name(best);
	if (area)
		*area = a_best;
	return best;
}

static void describe(const struct text *tx, char *const *words, size_t nw, char *out,
		     size_t size)
{
	if (tx->field == F_PROJECT) {
		/* the role of the highest standing for this query, by its
		 * words: a trainee maintainer is said to be one, never
		 * "maintainer" */
		const char *role, *area;
		project_standing(tx->project, words, nw, &role, &area);
		int alen = area ? (int)strlen(area) : 0;
		while (alen && (area[alen - 1] == ' ' || area[alen - 1] == '\t'))
			alen--;
		if (role && area)
			snprintf(out, size, "%s: %s (%.*s)", role, tx->value, alen, area);
		else if (role)
			snprintf(out, size, "%s: %s", role, tx->value);
		else if (tx->project && tx->project->roles.n)
			snprintf(out, size, "project: %s (%s)", tx->value,
				 tx->project->roles.v[0]);
		else
			snprintf(out, size, "project: %s", tx->value);
		return;
	}
	if (tx->field == F_HANDLE)
		snprintf(out, size, "handle: @%s", tx->value);
	else
		snprintf(out, size, "%s: %s", fields[tx->field].label, tx->value);
}

/* How well text tx holds the query words: two points a word found whole,
 * one as a prefix or within the typo allowance. Used to explain a hit. */
static size_t words_in(const struct text *tx, char *const *words, size_t nw)
{
	size_t extra = 0;
	for (size_t i = 0; tx->project && i < tx->project->roles.n; i++)
		extra += strlen(tx->project->roles.v[i]) + 1;
	char *raw = malloc(strlen(tx->value) + extra + 1);
	if (!raw)
		return 0;
	strcpy(raw, tx->value);
	for (size_t i = 0; tx->project && i < tx->project->roles.n; i++) {
		strcat(raw, " ");
		strcat(raw, tx->project->roles.v[i]);
	}
	char *f = search_fold(raw);
	free(raw);
	if (!f)
		return 0;
	size_t count = 0;
	for (size_t wi = 0; wi < nw; wi++) {
		size_t n = strlen(words[wi]), lim = n >= 9 ? 2 : n >= 5 ? 1 : 0;
		size_t best = 0;
		for (const char *c = f; *c && best < 2;) {
			while (*c && !word_char((unsigned char)*c))
				c++;
			const char *w = c;
			while (*c && word_char((unsigned char)*c))
				c++;
			size_t len = (size_t)(c - w);
			if (len >= n && !strncmp(w, words[wi], n))
				best = len == n ? 2 : 1;
			else if (lim && len && !best &&
				 bounded_distance(words[wi], n, w, len, lim) <= lim)
				best = 1;
		}
		count += best;
	}
	free(f);
	return count;
}

/* The text that best explains why doc d matched: the most query words,
 * then the weightiest field ("label: group::custom models"). */
static uint32_t explain(const search_index *s, uint32_t d, char *const *words,
			size_t nw, uint32_t fallback)
{
	uint32_t best = fallback;
	size_t best_n = words_in(&s->texts[fallback], words, nw);
	const struct doc *doc = &s->docs[d];
	for (uint32_t t = doc->first_text; t < doc->first_text + doc->ntexts; t++) {
		size_t c = words_in(&s->texts[t], words, nw);
		if (c > best_n || (c == best_n && c &&
				   fields[s->texts[t].field].weight >
				       fields[s->texts[best].field].weight)) {
			best = t;
			best_n = c;
		}
	}
	return best;
}

/* A candidate while ranking: small, so sorting tens of thousands is cheap;
 * the hit (with its reason) is written only for the ones returned. */
struct ranked {
	int score;
	uint32_t doc, text;
	bool named; /* a group the query named (name, id, label, channel) */
};

static const search_index *ranking;

/* Best first: the score, then a group before a person, then roster
 * order (documents are numbered in it). */
static int rank_cmp(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	bool gx = ranking->docs[x->doc].kind == SEARCH_GROUP;
	bool gy = ranking->docs[y->doc].kind == SEARCH_GROUP;
	if (gx != gy)
		return gx ? -1 : 1;
	return (x->doc > y->doc) - (x->doc < y->doc);
}

/* Keep the best `max` of v[0..n) in v[0..max), sorted: a heap of the
 * best so far with the worst on top, so 80,000 hits for "engineer" cost
 * n log max, not a full sort. Returns how many. */
static size_t top_k(struct ranked *v, size_t n, size_t max)
{
	if (n <= max) {
		if (n > 1)
			qsort(v, n, sizeof(*v), rank_cmp);
		return n;
	}
	/* heap in v[0..max): parent is worse (sorts later) than children */
	for (size_t i = 0; i < n; i++) {
		size_t at;
		if (i < max) {
			at = i;
			while (at && rank_cmp(&v[at], &v[(at - 1) / 2]) > 0) {
				struct ranked t = v[at];
				v[at] = v[(at - 1) / 2];
				v[(at - 1) / 2] = t;
				at = (at - 1) / 2;
			}
			continue;
		}
		if (rank_cmp(&v[i], &v[0]) >= 0)
			continue; /* not better than the worst kept */
		v[0] = v[i];
		for (at = 0;;) {
			size_t l = 2 * at + 1, r = l + 1, worst = at;
			if (l < max && rank_cmp(&v[l], &v[worst]) > 0)
				worst = l;
			if (r < max && rank_cmp(&v[r], &v[worst]) > 0)
				worst = r;
			if (worst == at)
				break;
			struct ranked t = v[at];
			v[at] = v[worst];
			v[worst] = t;
			at = worst;
		}
	}
	qsort(v, max, sizeof(*v), rank_cmp);
	return max;
}

/* The query's words, split in place in `folded`: all[] every word,
 * words[] those that are not the question's filler ("who owns ...?").
 * False when there are more than the search takes: a query is refused,
 * never cut short into another one. */
static bool split_words(char *folded, char **words, size_t *nw, char **all,
			size_t *nall)
{
	*nw = *nall = 0;
	for (char *c = folded; *c;) {
		while (*c && !word_char((unsigned char)*c))
			*c++ = '\0';
		char *w = c;
		while (*c && word_char((unsigned char)*c))
			c++;
		if (c == w)
			break;
		if (*c)
			*c++ = '\0';
		if (*nall == MAX_ALL_WORDS)
			return false;
		all[(*nall)++] = w;
		if (!stop_word(w)) {
			if (*nw == MAX_WORDS)
				return false;
			words[(*nw)++] = w;
		}
	}
	if (!*nw) { /* only filler words: search for them after all */
		if (*nall > MAX_WORDS)
			return false;
		for (; *nw < *nall; (*nw)++)
			words[*nw] = all[*nw];
	}
	return true;
}

const char *search_query_problem(const char *query)
{
	if (strlen(query) > SEARCH_MAX_QUERY_BYTES)
		return "the query is longer than 1000 bytes";
	char *folded = search_fold(query);
	if (!folded)
		return "out of memory";
	char *words[MAX_WORDS], *all[MAX_ALL_WORDS];
	size_t nw, nall;
	bool ok = split_words(folded, words, &nw, all, &nall);
	free(folded);
	if (ok && !nall)
		return "nothing to look for: the query has no letters or digits";
	return ok ? NULL : "the query has more than 8 words to look for; leave some out";
}

/* search_query() looking only in the fields of the mask (1 << field). */
static size_t query_fields(search_index *s, const char *query, search_hit *out,
			   size_t max, uint32_t mask);

size_t search_query(search_index *s, const char *query, search_hit *out,
		    size_t max)
{
	return query_fields(s, query, out, max, (1u << F_COUNT) - 1);
}

static size_t query_fields(search_index *s, const char *query, search_hit *out,
			   size_t max, uint32_t mask)
{
	s->fields = mask;
	if (search_query_problem(query))
		return 0;
	char *folded = search_fold(query);
	if (!folded)
		return 0;
	/* the words, without the question's filler ("who owns ...?") */
	char *words[MAX_WORDS];
	size_t nw = 0, nall = 0;
	bool wants_maintainer = strstr(folded, "maintain") != NULL;
	char *all[MAX_ALL_WORDS];
	split_words(folded, words, &nw, all, &nall);
	size_t found = 0;
	if (!nw) {
		free(folded);
		return 0;
	}
	/* word by word: a document stays in only while it matched them all */
	uint32_t *alive = NULL;
	size_t nalive = 0;
	for (size_t wi = 0; wi < nw; wi++) {
		s->ntouched = 0;
		match_word(s, words[wi], wi);
		for (size_t k = 0; k < s->ntouched; k++) {
			uint32_t d = s->touched[k];
			s->matched[d] = (uint8_t)(wi + 1);
			s->score[d] += s->word_score[d];
			s->reasons[wi][d] = s->word_reason[d];
			s->word_score[d] = 0;
		}
		/* the ones that missed this word are out: reset them */
		uint32_t *next = malloc((s->ntouched + 1) * sizeof(uint32_t));
		size_t nn = 0;
		if (wi == 0) {
			for (size_t k = 0; next && k < s->ntouched; k++)
				next[nn++] = s->touched[k];
		} else {
			for (size_t k = 0; k < nalive; k++) {
				uint32_t d = alive[k];
				if (s->matched[d] == wi + 1) {
					if (next)
						next[nn++] = d;
				} else {
					s->matched[d] = 0;
					s->score[d] = 0;
				}
			}
		}
		free(alive);
		alive = next;
		nalive = next ? nn : 0;
	}
	char *whole = NULL; /* the query as one string: "sean carroll" */
	{
		size_t len = 0;
		for (size_t i = 0; i < nall; i++)
			len += strlen(all[i]) + 1;
		whole = calloc(1, len + 1);
		for (size_t i = 0; whole && i < nall; i++) {
			if (i)
				strcat(whole, " ");
			strcat(whole, all[i]);
		}
	}
	struct ranked *tmp = malloc((nalive + 1) * sizeof(*tmp));
	for (size_t k = 0; tmp && k < nalive; k++) {
		uint32_t d = alive[k];
		const struct doc *doc = &s->docs[d];
		int score = s->score[d];
		/* an exact handle, slug or name first */
		if (whole && ((doc->handle && !strcmp(doc->handle, whole)) ||
			      (doc->slug && !strcmp(doc->slug, whole)) ||
			      (doc->name && !strcmp(doc->name, whole))))
			score += 1000;
		/* then groups whose name or label matched, and maintainers of a
		 * matching project near the top */
		bool named = false;
		project_role_kind standing = PROJECT_ROLE_OTHER;
		uint32_t best = s->reasons[0][d];
		for (size_t i = 0; i < nw; i++) {
			const struct text *tx = &s->texts[s->reasons[i][d]];
			named |= tx->field == F_GROUP_NAME || tx->field == F_LABEL ||
				 tx->field == F_GROUP_ID || tx->field == F_CHANNEL;
			if (tx->field == F_PROJECT) {
				project_role_kind k =
				    project_standing(tx->project, words, nw, NULL, NULL);
				standing = k > standing ? k : standing;
			}
			if (fields[tx->field].weight > fields[s->texts[best].field].weight)
				best = s->reasons[i][d];
		}
		if (doc->kind == SEARCH_GROUP && named)
			score += 200;
		/* every word in one text ("maintainer backend" in one project)
		 * beats the words scattered over several */
		bool together = nw > 1;
		for (size_t i = 1; i < nw; i++)
			together &= s->reasons[i][d] == s->reasons[0][d];
		if (together)
			score += 30;
		/* maintainers of a matching project first, then trainee
		 * maintainers, then reviewers */
		if (standing == PROJECT_ROLE_MAINTAINER)
			score += wants_maintainer ? 150 : 40;
		else if (standing == PROJECT_ROLE_TRAINEE_MAINTAINER)
			score += wants_maintainer ? 75 : 20;
		else if (standing == PROJECT_ROLE_REVIEWER)
			score += 10;
		/* nobody to ask yet: vacancies after the people */
		if (doc->kind == SEARCH_PERSON &&
		    ((const person *)doc->item)->type == PERSON_VACANCY)
			score -= 40;
		tmp[k] = (struct ranked){score, d, best, doc->kind == SEARCH_GROUP && named};
		s->matched[d] = 0;
		s->score[d] = 0;
	}
	if (tmp) {
		ranking = s;
		found = top_k(tmp, nalive, max);
		for (size_t k = 0; k < found; k++) { /* explained: only the shown */
			const struct doc *doc = &s->docs[tmp[k].doc];
			search_hit *h = &out[k];
			memset(h, 0, sizeof(*h));
			h->kind = doc->kind;
			if (doc->kind == SEARCH_PERSON)
				h->person = doc->item;
			else
				h->group = doc->item;
			h->score = tmp[k].score;
			h->named = tmp[k].named;
			uint32_t t = explain(s, tmp[k].doc, words, nw, tmp[k].text);
			describe(&s->texts[t], words, nw, h->reason, sizeof(h->reason));
			ellipsize(h->reason, sizeof(h->reason));
		}
	}
	free(tmp);
	free(whole);
	free(alive);
	free(folded);
	return found;
}

/* Lookup (search.h): one person or group by id, handle or name. */

enum { LOOKUP_MAX_WORDS = 64 }; /* words of a query, a name or a slug */

/* A word of a folded text: n bytes at p, not NUL-terminated. */
struct span {
	const char *p;
	size_t n;
};

/* The words of the folded text f (split as the who-search splits them,
 * at what is not a word character) in w[]; how many, or (size_t)-1 when
 * f is NULL or has more than LOOKUP_MAX_WORDS. */
static size_t lookup_words(const char *f, struct span w[LOOKUP_MAX_WORDS])
{
	if (!f)
		return (size_t)-1;
	size_t n = 0;
	for (const char *c = f; *c;) {
		while (*c && !word_char((unsigned char)*c))
			c++;
		if (!*c)
			break;
		if (n == LOOKUP_MAX_WORDS)
			return (size_t)-1;
		const char *start = c;
		while (*c && word_char((unsigned char)*c))
			c++;
		w[n++] = (struct span){start, (size_t)(c - start)};
	}
	return n;
}

static bool span_eq(struct span a, struct span b)
{
	return a.n == b.n && !memcmp(a.p, b.p, a.n);
}

/* Does word w begin with q? */
static bool span_starts(struct span w, struct span q)
{
	return w.n >= q.n && !memcmp(w.p, q.p, q.n);
}

/* One step of matching query words to name words (Kuhn's augmenting
 * paths): can query word i take a name word, moving others if need be? */
static bool augment(size_t i, const uint64_t *edge, int *owner, uint64_t *seen)
{
	for (size_t j = 0; j < LOOKUP_MAX_WORDS; j++) {
		if (!(edge[i] >> j & 1) || (*seen >> j & 1))
			continue;
		*seen |= 1ull << j;
		if (owner[j] < 0 || augment((size_t)owner[j], edge, owner, seen)) {
			owner[j] = (int)i;
			return true;
		}
	}
	return false;
}

/* Does every query word q[] match a different word of w[] (equal, or
 * with `prefix` also its start)? *whole: how many query words equal some
 * word of w[]. A matching, never a greedy pass: "a ab" covers "ab a". */
static bool words_cover(const struct span *q, size_t nq, const struct span *w,
			size_t nw, bool prefix, size_t *whole)
{
	uint64_t edge[LOOKUP_MAX_WORDS];
	*whole = 0;
	if (!nq || nq > nw)
		return false;
	for (size_t i = 0; i < nq; i++) {
		bool equal = false;
		edge[i] = 0;
		for (size_t j = 0; j < nw; j++) {
			bool eq = span_eq(w[j], q[i]);
			equal |= eq;
			if (eq || (prefix && span_starts(w[j], q[i])))
				edge[i] |= 1ull << j;
		}
		*whole += equal;
		if (!edge[i])
			return false;
	}
	int owner[LOOKUP_MAX_WORDS];
	for (size_t j = 0; j < LOOKUP_MAX_WORDS; j++)
		owner[j] = -1;
	for (size_t i = 0; i < nq; i++) {
		uint64_t seen = 0;
		if (!augment(i, edge, owner, &seen))
			return false;
	}
	return true;
}

/* A record that matched at a NAME, WORDS or PREFIX level. */
struct lookup_cand {
	int score;	 /* within the rank: higher first */
	bool vacancy;	 /* after the people */
	const char *key; /* the folded name, for the order */
	char *owned;	 /* key when it was folded here (no index) */
	size_t index;	 /* roster order */
};

/* How the query words q[] name a record whose folded name and slug (or
 * id) are texts[0] and texts[1]: the best (lowest) rank, 2 * level, plus
 * one when it is the slug's words that match (the name is tried first at
 * each level), or -1 when neither text matches. *score: twice the query
 * words that are a whole word of the text (at PREFIX), one more when the
 * first query word begins the text (the first name: "e" lists Eitan
 * before Conrad Ellery). */
static int name_rank(const struct span *q, size_t nq, const char *const texts[2],
		     int *score)
{
	int best = -1;
	*score = 0;
	for (int t = 0; t < 2; t++) {
		struct span w[LOOKUP_MAX_WORDS];
		size_t nw = lookup_words(texts[t], w), whole = 0;
		if (nw == (size_t)-1 || !nw)
			continue;
		int rank = -1;
		bool same = nw == nq;
		for (size_t i = 0; same && i < nq; i++)
			same = span_eq(w[i], q[i]);
		if (same)
			rank = 2 * SEARCH_LOOKUP_NAME + t;
		else if (words_cover(q, nq, w, nw, false, &whole))
			rank = 2 * SEARCH_LOOKUP_WORDS + t;
		else if (words_cover(q, nq, w, nw, true, &whole))
			rank = 2 * SEARCH_LOOKUP_PREFIX + t;
		if (rank >= 0 && (best < 0 || rank < best)) {
			best = rank;
			*score = 2 * (int)whole + span_starts(w[0], q[0]);
		}
	}
	return best;
}

static int lookup_cand_cmp(const void *a, const void *b)
{
	const struct lookup_cand *x = a, *y = b;
	if (x->vacancy != y->vacancy)
		return x->vacancy ? 1 : -1;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	int c = strcmp(x->key ? x->key : "", y->key ? y->key : "");
	if (c)
		return c;
	return (x->index > y->index) - (x->index < y->index);
}

/* The NAME, WORDS and PREFIX levels over the people (`people`) or the
 * groups of r, with the folded names of the index s when there is one
 * (else folded here): the best level any reaches, how many reach its
 * best rank in *count, and the roster indexes of the first `max` of them,
 * best first, in idx[]. NONE when nobody matches or memory ran out. */
static search_lookup_level lookup_names(const roster *r, search_index *s,
					bool people, const char *query,
					size_t *idx, size_t max, size_t *count)
{
	*count = 0;
	char *qf = search_fold(query);
	struct span q[LOOKUP_MAX_WORDS];
	size_t nq = lookup_words(qf, q);
	size_t n = people ? r->npeople : r->ngroups;
	struct lookup_cand *c = nq && nq != (size_t)-1
					? malloc((n + 1) * sizeof(*c))
					: NULL;
	int best = -1;
	size_t nc = 0;
	for (size_t i = 0; c && i < n; i++) {
		const person *p = people ? &r->people[i] : NULL;
		const group *g = people ? NULL : &r->groups[i];
		const struct doc *doc = s ? &s->docs[people ? i : r->npeople + i] : NULL;
		const char *raw[2] = {p ? p->name : g->name, p ? p->slug : g->id};
		const char *texts[2];
		char *folded[2] = {NULL, NULL};
		for (int t = 0; t < 2; t++) {
			texts[t] = doc ? (t ? doc->slug : doc->name) : NULL;
			if (!texts[t] && raw[t])
				texts[t] = folded[t] = search_fold(raw[t]);
		}
		int score, rank = name_rank(q, nq, texts, &score);
		if (rank >= 0 && (best < 0 || rank <= best)) {
			if (best < 0 || rank < best) { /* a better rank: start over */
				for (size_t k = 0; k < nc; k++)
					free(c[k].owned);
				nc = 0;
				best = rank;
			}
			c[nc++] = (struct lookup_cand){score, p && p->type == PERSON_VACANCY,
						       texts[0], folded[0], i};
			folded[0] = NULL; /* owned by the candidate now */
		}
		free(folded[0]);
		free(folded[1]);
	}
	if (nc > 1)
		qsort(c, nc, sizeof(*c), lookup_cand_cmp);
	for (size_t k = 0; k < nc; k++) {
		if (k < max)
			idx[k] = c[k].index;
		free(c[k].owned);
	}
	*count = nc;
	free(c);
	free(qf);
	return best < 0 ? SEARCH_LOOKUP_NONE : (search_lookup_level)(best / 2);
}

/* The FUZZY level: the who-search in the fields of `mask`, the first
 * `max` (at least 1) of its hits of the wanted kind in idx[] (roster
 * indexes); how many. */
static size_t lookup_fuzzy(search_index *s, const char *query, uint32_t mask,
			   search_kind kind, size_t *idx, size_t max)
{
	search_hit *hits = calloc(max, sizeof(*hits));
	size_t n = hits ? query_fields(s, query, hits, max, mask) : 0, k = 0;
	for (size_t i = 0; i < n; i++)
		if (hits[i].kind == kind)
			idx[k++] = kind == SEARCH_PERSON ? hits[i].person->index
							 : hits[i].group->index;
	free(hits);
	return k;
}

search_lookup search_person_lookup(const roster *r, search_index *s,
				   const char *query, const person **cands,
				   size_t max)
{
	search_lookup res = {SEARCH_LOOKUP_NONE, 0, NULL, NULL};
	size_t cap = max ? max : 1; /* the first is kept for the answer */
	size_t *idx = query ? malloc(cap * sizeof(*idx)) : NULL;
	if (!idx)
		return res;
	bool handle_only = query[0] == '@';
	const person *p = handle_only ? NULL : roster_person(r, query);
	if (p) {
		res.level = SEARCH_LOOKUP_ID;
		res.count = 1;
		idx[0] = p->index;
	}
	const char *h = query + handle_only;
	for (size_t i = 0; !p && *h && i < r->npeople; i++) {
		if (!r->people[i].gitlab || strcasecmp(r->people[i].gitlab, h))
			continue;
		if (res.count < cap)
			idx[res.count] = i;
		res.count++;
		res.level = SEARCH_LOOKUP_HANDLE;
	}
	if (res.level == SEARCH_LOOKUP_NONE && !handle_only)
		res.level = lookup_names(r, s, true, query, idx, cap, &res.count);
	if (res.level == SEARCH_LOOKUP_NONE && s) {
		uint32_t mask = handle_only ? 1u << F_HANDLE
					    : 1u << F_NAME | 1u << F_HANDLE | 1u << F_SLUG;
		res.count = lookup_fuzzy(s, query, mask, SEARCH_PERSON, idx, cap);
		res.level = res.count ? SEARCH_LOOKUP_FUZZY : SEARCH_LOOKUP_NONE;
	}
	for (size_t k = 0; k < res.count && k < max; k++)
		cands[k] = &r->people[idx[k]];
	if (res.count == 1 && res.level < SEARCH_LOOKUP_FUZZY)
		res.person = &r->people[idx[0]];
	free(idx);
	return res;
}

search_lookup search_group_lookup(const roster *r, search_index *s,
				  const char *query, const group **cands,
				  size_t max)
{
	search_lookup res = {SEARCH_LOOKUP_NONE, 0, NULL, NULL};
	size_t cap = max ? max : 1;
	size_t *idx = query ? malloc(cap * sizeof(*idx)) : NULL;
	if (!idx)
		return res;
	const group *g = roster_group(r, query);
	if (g) {
		res.level = SEARCH_LOOKUP_ID;
		res.count = 1;
		idx[0] = g->index;
	} else {
		res.level = lookup_names(r, s, false, query, idx, cap, &res.count);
	}
	if (res.level == SEARCH_LOOKUP_NONE && s) {
		res.count = lookup_fuzzy(s, query, 1u << F_GROUP_NAME | 1u << F_GROUP_ID,
					 SEARCH_GROUP, idx, cap);
		res.level = res.count ? SEARCH_LOOKUP_FUZZY : SEARCH_LOOKUP_NONE;
	}
	for (size_t k = 0; k < res.count && k < max; k++)
		cands[k] = &r->groups[idx[k]];
	if (res.count == 1 && res.level < SEARCH_LOOKUP_FUZZY)
		res.group = &r->groups[idx[0]];
	free(idx);
	return res;
}

/* Whether out[0..n) already has person p. */
static bool has_person(const search_hit *out, size_t n, const person *p)
{
	for (size_t i = 0; i < n; i++)
		if (out[i].kind == SEARCH_PERSON && out[i].person == p)
			return true;
	return false;
}

/* p as the next hit, after the group g it works for: its own hit (from
 * raw) when it had one, else a new one saying why it is there. */
static void add_team_person(search_hit *out, size_t *o, size_t max, const search_hit *raw,
			    size_t nraw, const person *p, const group *g, const char *as)
{
	if (!p || *o >= max || has_person(out, *o, p))
		return;
	search_hit *h = &out[(*o)++];
	memset(h, 0, sizeof(*h));
	h->kind = SEARCH_PERSON;
	h->person = p;
	for (size_t i = 0; i < nraw; i++)
		if (raw[i].kind == SEARCH_PERSON && raw[i].person == p)
			h->score = raw[i].score;
	snprintf(h->reason, sizeof(h->reason), "%s of %s", as, g->name ? g->name : g->id);
	ellipsize(h->reason, sizeof(h->reason));
}

size_t search_query_team(search_index *s, resolver *rs, const char *query,
			 search_hit *out, size_t max)
{
	size_t cap = max + 64;
	search_hit *raw = malloc(cap * sizeof(*raw));
	if (!raw)
		return search_query(s, query, out, max);
	size_t n = search_query(s, query, raw, cap), o = 0;
	for (size_t i = 0; i < n && o < max; i++) {
		const search_hit *h = &raw[i];
		if (h->kind == SEARCH_PERSON && has_person(out, o, h->person))
			continue; /* placed already, after its group */
		out[o++] = *h;
		if (h->kind != SEARCH_GROUP || !h->named)
			continue;
		const group_team *team = resolve_group(rs, h->group);
		if (!team)
			continue;
		add_team_person(out, &o, max, raw, n, team->manager, h->group, "manager");
		for (size_t k = 0; k < team->counterparts.n; k++)
			add_team_person(out, &o, max, raw, n, team->counterparts.v[k], h->group,
					"stable counterpart");
	}
	free(raw);
	return o;
}

/* ---- the index in a snapshot (snapshot.h, image.h) ------------------- */

size_t search_image_layout(void)
{
	return sizeof(search_index) * 1000003 + sizeof(struct doc) * 1009 +
	       sizeof(struct text) * 31 + F_COUNT;
}

/* The index's texts [from, to): each of a document, in a known field,
 * with its value, and a project of its own person's when it names one. */
struct texts_job {
	image *im;
	search_index *s;
	const roster *r;
	const snapshot_refs *refs;
	struct text *texts;
	size_t from, to, ndocs;
	bool ok;
};

static void check_texts(struct texts_job *j)
{
	image *im = j->im;
	const roster *r = j->r;
	const snapshot_refs *refs = j->refs;
	bool w = image_writing(im);
	for (size_t t = j->from; image_ok(im) && t < j->to; t++) {
		struct text *x = &j->texts[t];
		if (!w && (x->doc >= j->ndocs || x->field >= F_COUNT)) {
			image_fail(im);
			break;
		}
		image_strings(im, &x->value, 1);
		if (!w && !x->value) /* what the reason quotes */
			image_fail(im);
		if (!x->project)
			continue;
		/* a project is one of its person's (the document's) */
		const person *p = x->doc < r->npeople ? &((const person *)refs->people.at)[x->doc]
						      : NULL;
		image_span pr = {0};
		if (p) {
			pr.at = p->projects;
			pr.n = p->nprojects;
			pr.size = sizeof(project_role);
			pr.off = p->projects ? (w ? image_where(im, p->projects)
						  : image_offset(im, p->projects))
					     : 0;
		}
		size_t k = w && x->project ? (size_t)(x->project - r->people[x->doc].projects) : 0;
		if (p)
			image_element(im, &x->project, &pr, k);
		else
			image_fail(im);
	}
}

static void *check_texts_job(void *arg)
{
	check_texts(arg);
	return NULL;
}

/* Every array of the index, visited: written (copied into the image) or
 * read (each offset, count and id checked). */
static void image_visit(image *im, search_index *s, const roster *r,
			const snapshot_refs *refs)
{
	bool w = image_writing(im);
	image_span ds = image_array(im, &s->docs, s->ndocs, sizeof(struct doc), 8);
	image_span ts = image_array(im, &s->texts, s->ntexts, sizeof(struct text), 8);
	image_span ks = image_array(im, &s->tokens, s->ntokens, sizeof(char *), 8);
	image_span sl = image_array(im, &s->tok_slots, s->ntok_slots, sizeof(size_t), 8);
	image_span ps = image_array(im, &s->post_start, s->ntokens + 1, sizeof(uint32_t), 4);
	size_t npost = ps.at ? ((uint32_t *)ps.at)[s->ntokens] : 0;
	image_span po = image_array(im, &s->post, npost, sizeof(uint32_t), 4);
	image_span so = image_array(im, &s->sorted, s->ntokens, sizeof(size_t), 8);
	if (!image_ok(im))
		return;
	if (!w && (s->ndocs != r->npeople + r->ngroups ||
		   (s->ntok_slots & (s->ntok_slots - 1)) || s->ntokens >= s->ntok_slots ||
		   s->ntexts > UINT32_MAX)) {
		image_fail(im);
		return;
	}
	struct doc *docs = ds.at;
	for (size_t d = 0; image_ok(im) && d < ds.n; d++) {
		struct doc *x = &docs[d];
		bool person = d < r->npeople;
		if (!w && (x->kind != (person ? SEARCH_PERSON : SEARCH_GROUP) ||
			   x->first_text > ts.n || x->ntexts > ts.n - x->first_text)) {
			image_fail(im);
			break;
		}
		image_element(im, &x->item, person ? &refs->people : &refs->groups,
			      person ? d : d - r->npeople);
		if (!w && !x->item) /* every document is someone or some group */
			image_fail(im);
		image_string(im, &x->name);
		image_string(im, &x->slug);
		image_string(im, &x->handle);
	}
	struct texts_job job = {im, s, r, refs, ts.at, 0, ts.n, ds.n, true};
	/* reading a shared mapping writes nothing: half the texts (most of
	 * the index) are checked on a second thread, with a reader of its own */
	pthread_t worker;
	struct texts_job half = job;
	bool threaded = false;
	if (!w && !image_moved(im) && ts.n > 65536 &&
	    (half.im = image_reader_like(im)) != NULL) {
		half.from = job.to = ts.n / 2;
		threaded = pthread_create(&worker, NULL, check_texts_job, &half) == 0;
		if (!threaded)
			image_free(half.im);
	}
	check_texts(&job);
	if (threaded) {
		pthread_join(worker, NULL);
		if (!image_ok(half.im))
			image_fail(im);
		image_free(half.im);
	}
	for (size_t k = 0; k < ks.n; k++)
		image_string(im, &((const char **)ks.at)[k]);
	if (w)
		return;
	const size_t *slots = sl.at, *sorted = so.at;
	const uint32_t *start = ps.at, *post = po.at;
	size_t empty = 0;
	for (size_t i = 0; image_ok(im) && i < sl.n; i++) {
		empty += !slots[i];
		if (slots[i] > s->ntokens || (slots[i] && !((const char **)ks.at)[slots[i] - 1]))
			image_fail(im);
	}
	if (sl.n && !empty)
		image_fail(im);
	for (size_t k = 0; image_ok(im) && k < s->ntokens; k++)
		if (start[k] > start[k + 1] || sorted[k] >= s->ntokens ||
		    !((const char **)ks.at)[k])
			image_fail(im);
	for (size_t i = 0; image_ok(im) && i < npost; i++)
		if (post[i] >= ts.n)
			image_fail(im);
	if (image_ok(im) && start[0] != 0)
		image_fail(im);
}

void search_image_write(image *im, const search_index *s, search_index **field,
			const snapshot_refs *refs)
{
	uint64_t off;
	search_index *copy = image_alloc(im, sizeof(*copy), &off);
	if (!copy)
		return;
	*copy = *s;
	/* nothing per query, no arena: the reader makes its own */
	copy->r = NULL;
	copy->a = NULL;
	copy->score = copy->word_score = NULL;
	copy->word_reason = copy->touched = NULL;
	copy->matched = NULL;
	for (size_t w = 0; w < MAX_WORDS; w++)
		copy->reasons[w] = NULL;
	image_point(im, field, off);
	image_visit(im, copy, s->r, refs);
}

search_index *search_image_read(image *im, search_index **field, const roster *r,
				const snapshot_refs *refs)
{
	image_span one = image_array(im, field, 1, sizeof(search_index), 8);
	if (!one.at)
		return NULL;
	search_index *m = one.at;
	if (m->r || m->a || m->score || m->word_score || m->word_reason ||
	    m->matched || m->touched) {
		image_fail(im);
		return NULL;
	}
	image_visit(im, m, r, refs);
	if (!image_ok(im))
		return NULL;
	search_index *s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	*s = *m;
	s->r = r;
	s->a = arena_new();
	s->mapped = true;
	if (!s->a || !alloc_scratch(s)) {
		search_image_release(s);
		return NULL;
	}
	return s;
}

/* (also the end of search_free: the arena, the scratch, s itself) */
void search_image_release(search_index *s)
{
	if (!s)
		return;
	arena_free(s->a);
	free(s->score);
	free(s->word_score);
	free(s->word_reason);
	free(s->matched);
	free(s->touched);
	for (size_t w = 0; w < MAX_WORDS; w++)
		free(s->reasons[w]);
	free(s);
}

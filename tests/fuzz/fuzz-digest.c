/* fuzz-digest: the digest store's files (digest.h): a digest's text
 * through digest_parse, or a delta's through digest_patch, and what
 * parses through changes_between (changes.h).
 *
 * Feeds: the input, exact length (NULs and all). When it starts with
 * "teamtui-digest-delta" it is a delta, applied with digest_patch to a
 * copy of a fixed seed digest (whose hash a delta must name to apply);
 * otherwise it is a digest's text.
 * Asserts: no memory error, leak or undefined behaviour; a refusal says
 * why in one line starting "line N: " (N within the input's lines), and
 * a refused patch leaves the seed as it was (its text, byte for byte);
 * what parses is in order (people by slug, unique; tables by group and
 * index, unique), every string is there and NUL-free, and
 * digest_format of it parses again to the same text and hash; the
 * changes from the seed to it and back are well-formed (sorted by kind,
 * counts that add up, the values each kind promises), a digest against
 * itself has none, and the delta seed -> it, applied to the seed, gives
 * it again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"
#include "teamtui/changes.h"
#include "teamtui/digest.h"

static const char SEED[] =
    "teamtui-digest 1 people 4 tables 3\n"
    "p\tann\tAnn\tEngineering Manager\t\tann\n"
    "p\tbo\tBo \\x1b[1m\tBackend Engineer\tann\tBO\n"
    "p\tcy\tCy\tDesigner\tann\t@cy\n"
    "p\tdi\t\xc3\x89" "di\tPM\t\t\n"
    "t\tg\tG\tmembers\t0\tteam-by-manager-slug\tgroups.yml\t7\tann\t1\t3\tann\tbo\tcy\n"
    "t\tg\tG\tcounterparts\t1\tstable-counterparts\tgroups.yml\t9\tann\t0\t1\tdi\n"
    "t\th\tH\\tx\tmembers\t0\tteam-by-departments\tp.md\t3\t\t0\t0\n";

static digest *seed;
static char *seed_text;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	char err[256];
	seed = digest_parse(SEED, strlen(SEED), err, sizeof(err));
	FZ_CHECK(seed != NULL, "the seed does not parse: %s", err);
	seed_text = digest_format(seed, NULL);
	FZ_CHECK(seed_text && !strcmp(seed_text, SEED), "the seed does not round-trip");
	return 0;
}

static void check_error(const char *err, const uint8_t *data, size_t size)
{
	size_t lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	long n = -1;
	FZ_CHECK(!strcmp(err, "out of memory") || sscanf(err, "line %ld: ", &n) == 1,
		 "a refusal without its line: '%s'", err);
	FZ_CHECK(n == -1 || (n >= 1 && (size_t)n <= lines), "line %ld of %zu", n, lines);
	FZ_CHECK(!strchr(err, '\n'), "a refusal of more than one line");
}

static void check_digest(const digest *d)
{
	for (size_t i = 0; i < d->npeople; i++) {
		const digest_person *p = &d->people[i];
		FZ_CHECK(p->slug && p->name && p->role && p->reports_to && p->gitlab,
			 "person %zu: a NULL field", i);
		FZ_CHECK(!i || strcmp(d->people[i - 1].slug, p->slug) < 0,
			 "people out of order at %zu", i);
		FZ_CHECK(digest_person_of(d, p->slug) == p, "digest_person_of misses %zu", i);
	}
	for (size_t i = 0; i < d->ntables; i++) {
		const digest_table *t = &d->tables[i];
		FZ_CHECK(t->group && t->group_name && t->shortcode && t->file && t->manager,
			 "table %zu: a NULL field", i);
		FZ_CHECK(t->kind == DIGEST_MEMBERS || t->kind == DIGEST_COUNTERPARTS,
			 "table %zu: kind %d", i, (int)t->kind);
		FZ_CHECK(t->line >= 0, "table %zu: line %d", i, t->line);
		for (size_t k = 0; k < t->n; k++)
			FZ_CHECK(t->slugs[k] != NULL, "table %zu row %zu: NULL", i, k);
		if (i) {
			const digest_table *u = &d->tables[i - 1];
			int c = strcmp(u->group, t->group);
			FZ_CHECK(c < 0 || (c == 0 && u->index < t->index),
				 "tables out of order at %zu", i);
		}
		FZ_CHECK(digest_table_of(d, t->group, t->index) == t, "digest_table_of misses %zu",
			 i);
	}
}

static void check_changes(const digest *a, const digest *b)
{
	change_list c;
	FZ_CHECK(changes_between(a, b, &c), "changes_between: out of memory");
	size_t sum = 0;
	for (int k = 0; k < CHANGE_NKINDS; k++)
		sum += c.count[k];
	FZ_CHECK(sum == c.n, "counts add up to %zu, not %zu", sum, c.n);
	for (size_t i = 0; i < c.n; i++) {
		const change *x = &c.v[i];
		FZ_CHECK(!i || c.v[i - 1].kind <= x->kind, "changes out of order at %zu", i);
		bool table = x->kind == CHANGE_TABLE_EMPTIED || x->kind == CHANGE_TABLE_LOST_MANAGER;
		bool group = x->kind == CHANGE_GROUP_ENTERED || x->kind == CHANGE_GROUP_LEFT;
		bool values = x->kind == CHANGE_RENAMED || x->kind == CHANGE_MOVED ||
			      x->kind == CHANGE_TITLE;
		FZ_CHECK(table ? !x->slug : x->slug && x->name, "change %zu: the person", i);
		FZ_CHECK(!values || (x->old_value && x->new_value && strcmp(x->old_value, x->new_value)),
			 "change %zu: no values, or equal ones", i);
		FZ_CHECK(!(table || group) || (x->group && x->group_name && x->file),
			 "change %zu: no table", i);
		FZ_CHECK(!table || (x->shortcode && x->manager), "change %zu: no call", i);
		if (x->kind == CHANGE_JOINED || x->kind == CHANGE_RENAMED || group)
			FZ_CHECK(digest_person_of(b, x->slug) != NULL, "change %zu: not in the new", i);
		if (x->kind == CHANGE_LEFT)
			FZ_CHECK(digest_person_of(a, x->slug) && !digest_person_of(b, x->slug),
				 "change %zu: a leaver who is there", i);
	}
	char buf[300];
	changes_summary(&c, buf, sizeof(buf));
	FZ_CHECK(!strcmp(buf, "no changes") == (c.n == 0), "summary '%s' of %zu", buf, c.n);
	changes_free(&c);
}

static void check_parsed(digest *d)
{
	check_digest(d);
	size_t len;
	char *text = digest_format(d, &len);
	FZ_CHECK(text != NULL, "digest_format: out of memory");
	char err[256];
	digest *again = digest_parse(text, len, err, sizeof(err));
	FZ_CHECK(again != NULL, "what digest_format wrote does not parse: %s", err);
	FZ_CHECK(again->hash == d->hash, "another hash after a round trip");
	char *text2 = digest_format(again, NULL);
	FZ_CHECK(text2 && !strcmp(text, text2), "the text changes on a second round trip");
	free(text2);
	digest_free(again);
	free(text);
	change_list c;
	FZ_CHECK(changes_between(d, d, &c) && c.n == 0, "a digest against itself has changes");
	changes_free(&c);
	check_changes(seed, d);
	check_changes(d, seed);
	/* seed + delta(seed -> d) = d */
	char *delta = digest_delta(seed, d, &len);
	FZ_CHECK(delta != NULL, "digest_delta: out of memory");
	digest *s = digest_parse(seed_text, strlen(seed_text), err, sizeof(err));
	FZ_CHECK(s && digest_patch(s, delta, len, err, sizeof(err)),
		 "the delta to a parsed digest does not apply: %s", err);
	char *want = digest_format(d, NULL), *got = digest_format(s, NULL);
	FZ_CHECK(want && got && !strcmp(want, got), "seed + delta is not the digest");
	free(want);
	free(got);
	free(delta);
	digest_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	char err[512] = "";
	static const char DELTA[] = "teamtui-digest-delta";
	if (size >= sizeof(DELTA) - 1 && !memcmp(data, DELTA, sizeof(DELTA) - 1)) {
		digest *s = digest_parse(seed_text, strlen(seed_text), err, sizeof(err));
		FZ_CHECK(s != NULL, "the seed: %s", err);
		uint64_t h = s->hash;
		if (digest_patch(s, text, size, err, sizeof(err))) {
			check_parsed(s);
		} else {
			check_error(err, data, size);
			char *now = digest_format(s, NULL);
			FZ_CHECK(now && !strcmp(now, seed_text) && s->hash == h,
				 "a refused delta changed the digest");
			free(now);
		}
		digest_free(s);
		return 0;
	}
	digest *d = digest_parse(text, size, err, sizeof(err));
	if (!d) {
		check_error(err, data, size);
		return 0;
	}
	check_parsed(d);
	digest_free(d);
	return 0;
}

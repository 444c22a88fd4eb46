/* fuzz-snapshot: the checks a snapshot passes before it is used
 * (snapshot.h, image.h): snapshot_check_buffer over images made from a
 * real one, resealed (snapshot_reseal) so the checks behind the
 * checksums are reached: the header, every section, every offset, count
 * and index, then the teams and the search index.
 *
 * The seed image: the sample handbook checkout (data/handbook of the
 * source tree; $FUZZ_ROSTER, else the FUZZ_ROSTER_DIR this harness was
 * built with), loaded, resolved and indexed once in LLVMFuzzerInitialize,
 * with two diagnostics added, written by snapshot_write into the scratch
 * directory under a fixed relative name (so the address it prefers, and
 * every pointer in it, is the same from run to run) and read back.
 *
 * Feeds: the first byte picks a mode (its value % 4):
 *   0     patches: a copy of the seed, patched, resealed;
 *   1     used: as 0, and when the image passes, it is written to a file,
 *         mapped by snapshot_open and used: every group's team, every
 *         person's groups, manager chain and slug lookup, a few role
 *         regexes, searches and lookups over the mapped index;
 *   2     raw: the rest of the input is the image (not resealed);
 *   3     truncated: a 4-byte little-endian length (modulo the seed's
 *         length + 1) cuts the seed, then patches as above, resealed.
 * A patch is a 4-byte little-endian offset, a control byte c and
 * 1 + (c & 7) data bytes. The offset is taken modulo the image's length,
 * or, when c & 0x10, picks one of the seed's "structural" words (a word
 * of the header, or a pointer field: a word holding base + an offset
 * inside the image) and moves ((c >> 5) % 5) - 2 words from it (the
 * counts beside a pointer). The data bytes overwrite the image there, or,
 * when c & 0x08, are a signed little-endian number added to the aligned
 * 64-bit word there (a count + 1, a pointer moved by 8: relative changes
 * that do not depend on the address the image prefers).
 * Asserts: no memory error, leak, undefined behaviour or hang (libFuzzer's
 * -timeout); the seed itself passes every check (in
 * LLVMFuzzerInitialize), resealing it changes nothing, and a patched image
 * whose bytes all stayed the same passes too; in mode 1, what
 * snapshot_open returns for an image that passed is usable: its
 * diagnostics pass fz_check_diags, every team member, manager,
 * membership, lookup answer and search hit is one of the roster's people
 * or groups (a patched string may make a lookup miss: the checks are of
 * structure, not of text). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz-common.h"
#include "teamtui/resolve.h"
#include "teamtui/roster.h"
#include "teamtui/search.h"
#include "teamtui/snapshot.h"
#include "teamtui/table.h"

#ifndef FUZZ_ROSTER_DIR
#error FUZZ_ROSTER_DIR must name the sample roster (Makefile.am sets it)
#endif

enum { HEADER = 4096, HEADER_WORDS = 32 };

static unsigned char *seed;
static size_t seed_len;
static size_t *structural; /* offsets of the seed's structural words */
static size_t nstructural;
static roster_input seed_in; /* what the seed stands for (mode 1) */
static char *use_path;	     /* where mode 1 writes an image */

static unsigned char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	FZ_CHECK(f != NULL, "cannot open %s", path);
	FZ_CHECK(fseek(f, 0, SEEK_END) == 0, "cannot seek %s", path);
	long n = ftell(f);
	FZ_CHECK(n > 0, "%s is empty", path);
	rewind(f);
	unsigned char *buf = malloc((size_t)n);
	FZ_CHECK(buf && fread(buf, 1, (size_t)n, f) == (size_t)n, "cannot read %s", path);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static uint64_t word(const unsigned char *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof(v));
	return v;
}

/* The header words, and every word of the seed that holds a pointer
 * (base + an offset inside the image). The base is the page-aligned word
 * the header keeps just before the image's size. */
static void find_structure(void)
{
	uint64_t base = 0;
	for (size_t o = 8; o + 8 <= 512; o += 8)
		if (word(seed + o) == seed_len && word(seed + o - 8) &&
		    word(seed + o - 8) % 4096 == 0) {
			base = word(seed + o - 8);
			break;
		}
	FZ_CHECK(base != 0, "no base address in the seed's header");
	structural = malloc((HEADER_WORDS + seed_len / 8) * sizeof(size_t));
	FZ_CHECK(structural != NULL, "out of memory");
	for (size_t o = 0; o < HEADER_WORDS * 8; o += 8)
		structural[nstructural++] = o;
	for (size_t o = HEADER; o + 8 <= seed_len; o += 8) {
		uint64_t v = word(seed + o);
		if (v >= base + HEADER && v - base < seed_len)
			structural[nstructural++] = o;
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	const char *dir = fz_roster_dir(FUZZ_ROSTER_DIR);
	roster_input in = {dir, NULL, NULL, NULL};
	seed_in = in;
	diag_list diags;
	diag_init(&diags);
	roster *r = roster_load_input(&in, &diags);
	FZ_CHECK(r && r->npeople && r->ngroups && !diags.errors,
		 "cannot load the roster %s (%zu errors)", dir, diags.errors);
	/* the diagnostics section should hold something */
	diag_add(&diags, DIAG_WARNING, "team.yml", 3, 7, "fuzz: a warning");
	diag_add(&diags, DIAG_ERROR, "groups.yml", 0, 0, "fuzz: an error");
	resolver *rs = resolver_new(r);
	search_index *s = search_build(r);
	FZ_CHECK(rs && s, "out of memory");
	/* written as "seed.snap" from inside the scratch directory: the
	 * address an image prefers is a hash of the path it is written to */
	int here = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	FZ_CHECK(here >= 0 && chdir(fz_tmpdir()) == 0, "cannot change to %s", fz_tmpdir());
	char err[512];
	FZ_CHECK(snapshot_write("seed.snap", &in, r, &diags, rs, s, false, err, sizeof(err)),
		 "snapshot_write: %s", err);
	seed = read_file("seed.snap", &seed_len);
	unlink("seed.snap");
	FZ_CHECK(fchdir(here) == 0, "cannot change back");
	close(here);
	search_free(s);
	resolver_free(rs);
	roster_free(r);
	diag_free(&diags);

	FZ_CHECK(seed_len > HEADER + 8, "the seed is %zu bytes", seed_len);
	FZ_CHECK(snapshot_check_buffer(seed, seed_len), "the seed fails its checks");
	unsigned char *copy = malloc(seed_len);
	FZ_CHECK(copy != NULL, "out of memory");
	memcpy(copy, seed, seed_len);
	FZ_CHECK(snapshot_reseal(copy, seed_len) && !memcmp(copy, seed, seed_len),
		 "resealing the seed changes it");
	free(copy);
	find_structure();
	use_path = fz_path(fz_tmpdir(), "use.snap");
	return 0;
}

/* Apply the patches in data[0..size) to buf[0..len); true when a byte
 * changed. */
static int patch(unsigned char *buf, size_t len, const uint8_t *data, size_t size)
{
	int changed = 0;
	while (size >= 6 && len >= 8) {
		uint32_t off32 = (uint32_t)data[0] | (uint32_t)data[1] << 8 |
				 (uint32_t)data[2] << 16 | (uint32_t)data[3] << 24;
		unsigned c = data[4];
		size_t n = 1 + (c & 7);
		data += 5;
		size -= 5;
		if (n > size)
			n = size;
		size_t off = off32 % len;
		if (c & 0x10) {
			long shift = (long)((c >> 5) % 5) - 2;
			long o = (long)structural[off32 % nstructural] + 8 * shift;
			off = o < 0 ? 0 : (size_t)o;
		}
		if (c & 0x08) { /* add to the word */
			off &= ~(size_t)7;
			if (off <= len - 8) {
				uint64_t delta = 0;
				for (size_t k = 0; k < n; k++)
					delta |= (uint64_t)data[k] << (8 * k);
				if (n < 8 && (data[n - 1] & 0x80)) /* sign-extend */
					delta |= ~(uint64_t)0 << (8 * n);
				uint64_t v = word(buf + off) + delta;
				changed |= delta != 0;
				memcpy(buf + off, &v, sizeof(v));
			}
		} else {
			for (size_t k = 0; k < n && off + k < len; k++) {
				changed |= buf[off + k] != data[k];
				buf[off + k] = data[k];
			}
		}
		data += n;
		size -= n;
	}
	return changed;
}

static bool is_person(const roster *r, const person *p)
{
	return p >= r->people && p < r->people + r->npeople;
}

static bool is_group(const roster *r, const group *g)
{
	return g >= r->groups && g < r->groups + r->ngroups;
}

static void check_plist(const roster *r, const plist *l, const char *what)
{
	for (size_t k = 0; k < l->n; k++)
		FZ_CHECK(is_person(r, l->v[k]), "%s %zu: not a person of the roster", what, k);
}

/* Map the image (it passed snapshot_check_buffer) as a start would and
 * use what it holds. */
static void use(const unsigned char *buf, size_t len)
{
	fz_write(use_path, buf, len);
	diag_list d;
	diag_init(&d);
	char why[256];
	roster *r = snapshot_open(use_path, &seed_in, &d, why, sizeof(why));
	if (!r) { /* an input's stat or the key patched: stale, refused */
		diag_free(&d);
		return;
	}
	fz_check_diags(&d);
	resolver *rs = resolver_new(r);
	search_index *s = search_build(r);
	FZ_CHECK(rs && s, "out of memory");
	for (size_t i = 0; i < r->npeople; i++) {
		const person *p = &r->people[i];
		/* a patched string may no longer be where its index says:
		 * not found is fine, a found one is a person */
		const person *by_slug = roster_person(r, p->slug);
		FZ_CHECK(!by_slug || is_person(r, by_slug), "person %zu: slug lookup", i);
		size_t n;
		const membership *m = resolve_person_groups(rs, p, &n);
		for (size_t k = 0; m && k < n; k++)
			FZ_CHECK(is_group(r, m[k].group) && resolve_membership_name(&m[k]),
				 "person %zu: membership %zu is not a group", i, k);
		manager_chain c = resolve_manager_chain(rs, p);
		check_plist(r, &c.people, "manager chain");
	}
	for (size_t g = 0; g < r->ngroups; g++) {
		const group *gr = &r->groups[g];
		const group *by_id = roster_group(r, gr->id);
		FZ_CHECK(!by_id || is_group(r, by_id), "group %zu: id lookup", g);
		const group_team *t = resolve_group(rs, gr);
		FZ_CHECK(t != NULL, "group %zu: no team", g);
		FZ_CHECK(!t->manager || is_person(r, t->manager), "group %zu: manager", g);
		check_plist(r, &t->members, "member");
		check_plist(r, &t->counterparts, "counterpart");
		for (size_t k = 0; k < t->ntables; k++) {
			check_plist(r, &t->tables[k].people, "table row");
			FZ_CHECK(t->tables[k].table == NULL ||
				     t->tables[k].table == &gr->tables[k],
				 "group %zu: table %zu", g, k);
		}
		for (size_t k = 0; k < gr->ntables; k++)
			(void)table_kind_name(gr->tables[k].kind);
	}
	for (size_t k = 0; k < r->npatterns; k += 7) /* a few, they cost */
		(void)resolve_role_count(rs, r->patterns[k], NULL);
	static const char *const queries[] = {"code review", "sean", "gitaly pm", "a"};
	for (size_t q = 0; q < sizeof(queries) / sizeof(*queries); q++) {
		search_hit hits[10];
		size_t n = search_query_team(s, rs, queries[q], hits, 10);
		for (size_t k = 0; k < n; k++)
			FZ_CHECK(hits[k].kind == SEARCH_PERSON ? is_person(r, hits[k].person)
							       : is_group(r, hits[k].group),
				 "query %zu hit %zu: not of the roster", q, k);
		const person *pc[4];
		const group *gc[4];
		(void)search_person_lookup(r, s, queries[q], pc, 4);
		(void)search_group_lookup(r, s, queries[q], gc, 4);
	}
	size_t errors, warnings;
	FZ_CHECK(snapshot_lint_counts(r, &errors, &warnings), "no lint counts");
	search_free(s);
	resolver_free(rs);
	roster_free(r);
	diag_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	unsigned mode = data[0] % 4;
	data++;
	size--;
	unsigned char *buf;
	size_t len;
	if (mode == 2) { /* raw (copied: the image is read in place, aligned) */
		len = size;
		buf = malloc(len ? len : 1);
		FZ_CHECK(buf != NULL, "out of memory");
		if (len)
			memcpy(buf, data, len);
		(void)snapshot_check_buffer(buf, len);
		free(buf);
		return 0;
	}
	len = seed_len;
	if (mode == 3) {
		uint32_t want = 0;
		for (size_t k = 0; k < 4 && k < size; k++)
			want |= (uint32_t)data[k] << (8 * k);
		len = want % (seed_len + 1);
		data += size < 4 ? size : 4;
		size -= size < 4 ? size : 4;
	}
	buf = malloc(len ? len : 1);
	FZ_CHECK(buf != NULL, "out of memory");
	memcpy(buf, seed, len);
	int changed = patch(buf, len, data, size);
	(void)snapshot_reseal(buf, len);
	bool ok = snapshot_check_buffer(buf, len);
	FZ_CHECK(ok || mode > 1 || changed,
		 "the seed, unchanged, fails its checks");
	if (ok && mode == 1)
		use(buf, len);
	free(buf);
	return 0;
}

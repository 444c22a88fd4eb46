/* snapshot.c: see snapshot.h. */
#include "teamtui/snapshot.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xxhash.h>

#include "config.h"
#include "teamtui/check.h"
#include "teamtui/image.h"
#include "teamtui/inputs.h"

enum {
	HEADER_BYTES = 4096,
	NSECTIONS = 4,
	SEC_IDENTITY = 0,
	SEC_MODEL = 1,
	SEC_TEAMS = 2,
	SEC_SEARCH = 3,
};

static const char MAGIC[8] = {'t', 'e', 'a', 'm', 't', 'u', 'i', '\x1a'};

/* Where images prefer to be mapped: above the heap and below the shared
 * libraries on x86-64 and arm64 (48-bit addresses), 64 GiB apart by
 * roster so two snapshots in one process rarely collide. */
static const uint64_t BASE_LOW = 0x200000000000ull;

struct header {
	char magic[8];
	uint32_t format, header_bytes;
	char version[32];
	uint64_t layout; /* layout() of the writer */
	uint64_t base;	 /* the address the image prefers */
	uint64_t size;	 /* of the whole file */
	uint64_t root;	 /* offset of struct root */
	uint64_t key[2]; /* roster_key() of the roster input it stands for */
	struct {
		uint64_t off, len, hash;
	} sec[NSECTIONS];
	uint64_t hash; /* XXH3 of the bytes above */
};

/* The image's first object after the header. */
struct root {
	roster *roster;
	role_regex *regexes; /* every role_regex, by id */
	size_t nregexes;
	input_file *inputs;
	size_t ninputs;
	diag *diags;
	size_t ndiags, errors, warnings, suppressed;
	group_team *teams; /* section 2: one per group */
	size_t nteams;
	search_index *search; /* section 3, or NULL */
	/* check_counts() of the roster without its load diagnostics, so a
	 * directory mapped from here shows its status without a check */
	size_t lint_errors, lint_warnings;
};

struct snapshot {
	unsigned char *map;
	size_t len;
	bool moved;
	image *reader;
	const struct header *h;
	struct root *root;
	snapshot_refs refs;
	int teams_state, search_state; /* 0 unchecked, 1 good, -1 bad */
	search_index *search;
	bool in_memory; /* snapshot_check_buffer's copy, not a mapping */
	char *path;	/* the file, removed when a lazy section proves
			   damaged and it is this user's (the next start
			   then writes it anew) */
	bool owned;
};

/* A section checked late (teams, search) failed: the answer falls back
 * on computing it; the file is removed so that it is not trusted again
 * and the next start writes a sound one. */
static void drop(snapshot *s)
{
	if (s->path && s->owned)
		unlink(s->path);
}

/* The layout of everything an image holds: a build whose structures
 * differ (another compiler, another version, other options) never reads
 * another's snapshot. */
static uint64_t layout(void)
{
	const size_t sizes[] = {
	    sizeof(void *), sizeof(size_t), sizeof(roster), sizeof(person),
	    sizeof(group), sizeof(people_table), sizeof(table_param),
	    sizeof(role_regex), sizeof(section), sizeof(stage),
	    sizeof(staff_entry), sizeof(group_link), sizeof(project_role),
	    sizeof(strlist), sizeof(srcloc), sizeof(diag), sizeof(input_file),
	    sizeof(group_team), sizeof(table_rows), sizeof(plist),
	    sizeof(struct root), sizeof(struct header), search_image_layout(),
	    offsetof(person, role_id), offsetof(person, projects),
	    offsetof(person, public_),
	    offsetof(group, okrs), offsetof(people_table, values),
	    offsetof(roster, reports), offsetof(group_team, counterparts),
	    SNAPSHOT_FORMAT, 0x0102030405060708u};
	return XXH3_64bits(sizes, sizeof(sizes));
}

bool snapshot_roster_key(const roster_input *in, const char *salt, uint64_t key[2])
{
	char *d = realpath(in->dir, NULL);
	char *p = in->people ? realpath(in->people, NULL) : NULL;
	char *a = in->data ? realpath(in->data, NULL) : NULL;
	XXH3_state_t *st = d ? XXH3_createState() : NULL;
	bool ok = st != NULL;
	if (ok) {
		/* missing --people/--data: the key still differs from none */
		const char *parts[] = {d, in->people ? (p ? p : in->people) : "",
				       in->data ? (a ? a : in->data) : "", salt ? salt : "",
				       in->synced ? in->synced : ""};
		XXH3_128bits_reset(st);
		for (size_t i = 0; i < 5; i++)
			XXH3_128bits_update(st, parts[i], strlen(parts[i]) + 1);
		XXH128_hash_t h = XXH3_128bits_digest(st);
		XXH3_freeState(st);
		key[0] = h.high64;
		key[1] = h.low64;
	}
	free(d);
	free(p);
	free(a);
	return ok;
}

/* Which roster input a snapshot stands for: its key salted with this
 * build's version (a new teamtui never maps an older one's image). */
static bool roster_key(const roster_input *in, uint64_t key[2])
{
	return snapshot_roster_key(in, PACKAGE_VERSION, key);
}

char *snapshot_path(const char *dir, const roster_input *in)
{
	uint64_t key[2];
	if (!roster_key(in, key))
		return NULL;
	size_t n = strlen(dir) + 64;
	char *out = malloc(n);
	if (out)
		snprintf(out, n, "%s/roster-%016llx%016llx.snap", dir,
			 (unsigned long long)key[0], (unsigned long long)key[1]);
	return out;
}

/* ---- the model, visited (writing and reading) --------------------- */

static void expect_set(image *im, const void *field);

static void v_loc(image *im, srcloc *l)
{
	image_string(im, &l->file);
}

/* A string list; its items are never NULL but in a table's values
 * (group-by-slugs keeps a number given as a slug as NULL). */
static void v_strlist_nulls(image *im, strlist *l, bool nulls)
{
	image_span s = image_array(im, &l->v, l->n, sizeof(char *), 8);
	if (s.at)
		image_strings(im, s.at, s.n);
	for (size_t i = 0; !nulls && image_ok(im) && i < s.n; i++)
		expect_set(im, &((const char **)s.at)[i]);
}

static void v_strlist(image *im, strlist *l)
{
	v_strlist_nulls(im, l, false);
}

/* Reading: an index read from the file must be what its position says,
 * or below a bound, before anything uses it to index an array. */
static void expect(image *im, bool ok)
{
	if (!ok)
		image_fail(im);
}

/* Reading: a bool read from the file must hold 0 or 1 before anything
 * reads it as a bool (any other byte is undefined behaviour). */
static bool is_bool(const void *field)
{
	unsigned char b;
	memcpy(&b, field, 1);
	return b <= 1;
}

/* A diagnostic as diag_add makes them: a known severity, a message, no
 * negative position. */
static bool diag_ok(const diag *x)
{
	return (x->severity == DIAG_WARNING || x->severity == DIAG_ERROR) &&
	       x->message && x->line >= 0 && x->column >= 0;
}

/* The root's counts agree with its diagnostics: those kept, and those
 * past the cap (counted, not kept). */
static void diag_counts_ok(image *im, const struct root *root, const image_span *ds)
{
	size_t kept_errors = 0;
	for (size_t i = 0; image_ok(im) && i < ds->n; i++)
		kept_errors += ((diag *)ds->at)[i].severity == DIAG_ERROR;
	expect(im, root->ndiags <= DIAG_MAX && root->errors >= kept_errors &&
			   root->warnings >= ds->n - kept_errors &&
			   root->errors + root->warnings == ds->n + root->suppressed);
}

/* A pointer field that must not be NULL (its readers never check). */
static void expect_set(image *im, const void *field)
{
	void *p;
	memcpy(&p, field, sizeof(p));
	expect(im, p != NULL);
}

static void v_person(image *im, person *p, size_t i, size_t nroles)
{
	static const size_t strs[] = {
	    offsetof(person, slug),	     offsetof(person, type_name),
	    offsetof(person, name),	     offsetof(person, role_html),
	    offsetof(person, role),	     offsetof(person, job_title),
	    offsetof(person, reports_to),    offsetof(person, gitlab),
	    offsetof(person, division),	     offsetof(person, locality),
	    offsetof(person, country),	     offsetof(person, pronouns),
	    offsetof(person, timezone),	     offsetof(person, working_hours),
	    offsetof(person, expertise_html),
	    offsetof(person, loc.file),	     offsetof(person, reports_to_loc.file)};
	image_string_fields(im, p, strs, sizeof(strs) / sizeof(*strs));
	strlist *lists[] = {&p->expertise, &p->departments, &p->specialty,
			    &p->domain_expertise, &p->team_tags, &p->true_fields};
	for (size_t k = 0; k < sizeof(lists) / sizeof(*lists); k++)
		v_strlist(im, lists[k]);
	image_span pr = image_array(im, &p->projects, p->nprojects,
				    sizeof(project_role), 8);
	project_role *v = pr.at;
	for (size_t k = 0; k < pr.n; k++) {
		image_string(im, &v[k].project);
		expect_set(im, &v[k].project);
		v_strlist(im, &v[k].roles);
	}
	expect(im, is_bool(&p->public_) && is_bool(&p->placeholder));
	expect(im, p->index == i && p->slug &&
		       (p->type == PERSON_PERSON || p->type == PERSON_VACANCY) &&
		       (p->role_id < 0 ? p->role_id == -1 && !p->role_html
				       : (size_t)p->role_id < nroles && p->role_html));
}

/* A role_regex field: element `id` of the roster's regexes. */
static void v_regex_ref(image *im, role_regex **f, const image_span *rx)
{
	size_t k = image_writing(im) && *f ? (*f)->id : 0;
	image_element(im, f, rx, k);
}

static void v_table(image *im, people_table *t, size_t g, size_t ntables,
		    const image_span *rx)
{
	image_string(im, &t->shortcode);
	image_span ps = image_array(im, &t->params, t->nparams, sizeof(table_param), 8);
	table_param *params = ps.at;
	for (size_t k = 0; k < ps.n; k++) {
		image_string(im, &params[k].name);
		image_string(im, &params[k].value);
		v_loc(im, &params[k].loc);
		expect(im, is_bool(&params[k].is_string) && is_bool(&params[k].quoted));
	}
	image_string(im, &t->heading);
	v_loc(im, &t->loc);
	image_string(im, &t->manager);
	v_loc(im, &t->manager_loc);
	v_regex_ref(im, &t->manager_role, rx);
	v_regex_ref(im, &t->role, rx);
	v_regex_ref(im, &t->team, rx);
	v_regex_ref(im, &t->other_manager_roles, rx);
	v_strlist(im, &t->departments);
	v_strlist_nulls(im, &t->values, true);
	image_string(im, &t->term);
	expect(im, is_bool(&t->named) && is_bool(&t->manager_given) &&
		       is_bool(&t->never_matches));
	expect(im, t->group == g && t->id < ntables && t->kind < TABLE_NKINDS);
}

/* A person field: element p->index of the people. */
static void v_person_ref(image *im, const person **f, const image_span *people)
{
	size_t k = image_writing(im) && *f ? (*f)->index : 0;
	image_element(im, f, people, k);
}

/* (writing: src_stages is the source's stage array, which g->stage
 * points into) */
static void v_group(image *im, group *g, size_t i, size_t ntables,
		    const stage *src_stages, snapshot_refs *refs,
		    const image_span *stages)
{
	const char **strs[] = {&g->id, &g->name, &g->stage_id, &g->description,
			       &g->handbook, &g->page, &g->okrs.project, &g->okrs.kind};
	for (size_t k = 0; k < sizeof(strs) / sizeof(*strs); k++)
		image_string(im, strs[k]);
	size_t k = image_writing(im) && g->stage ? (size_t)(g->stage - src_stages) : 0;
	image_element(im, &g->stage, stages, k);
	/* the team table is one of the group's tables: where, before the
	 * tables move */
	size_t team = image_writing(im) && g->team ? (size_t)(g->team - g->tables) : 0;
	image_span ts = image_array(im, &g->tables, g->ntables, sizeof(people_table), 8);
	refs->tables[i] = ts;
	for (size_t t = 0; t < ts.n; t++)
		v_table(im, &((people_table *)ts.at)[t], i, ntables, &refs->regexes);
	image_element(im, &g->team, &ts, team);
	image_span ss = image_array(im, &g->staff, g->nstaff, sizeof(staff_entry), 8);
	staff_entry *staff = ss.at;
	for (size_t s = 0; s < ss.n; s++) {
		image_string(im, &staff[s].field);
		image_string(im, &staff[s].name);
		v_person_ref(im, &staff[s].person, &refs->people);
		v_loc(im, &staff[s].loc);
	}
	v_strlist(im, &g->channels);
	v_strlist(im, &g->labels);
	image_span cu = image_array(im, &g->channel_urls,
				    g->channel_urls ? g->channels.n : 0, sizeof(char *), 8);
	for (size_t c = 0; c < cu.n; c++)
		image_string(im, &((const char **)cu.at)[c]);
	image_span ls = image_array(im, &g->links, g->nlinks, sizeof(group_link), 8);
	group_link *links = ls.at;
	for (size_t l = 0; l < ls.n; l++) {
		image_string(im, &links[l].title);
		image_string(im, &links[l].url);
	}
	v_strlist(im, &g->okrs.labels);
	v_loc(im, &g->loc);
	expect(im, g->index == i && g->id && g->name);
}

/* The roster r: the image's copy (its pointers still the source's until
 * visited), or the mapped one. */
/* Writing: the people of src in the order `org` lists them: each
 * person, then everyone under them, depth first, their direct reports in
 * roster order (roster_reports_at), starting from each person who is
 * nobody's report, in roster order; the people in reports_to cycles last,
 * in roster order. A malloc'd array of npeople indices, or NULL when out
 * of memory. */
static size_t *org_order(const roster *src)
{
	size_t n = src->npeople, k = 0, top = 0;
	if (!src->reports_start || !src->reports)
		return NULL;
	size_t *order = malloc((n ? n : 1) * sizeof(*order));
	size_t *stack = malloc((n ? n : 1) * sizeof(*stack));
	unsigned char *taken = calloc(n ? n : 1, 1); /* 1: a report, 2: listed */
	if (!order || !stack || !taken) {
		free(order);
		order = NULL;
		goto done;
	}
	for (size_t i = 0; i < src->reports_start[n]; i++)
		taken[src->reports[i]] = 1;
	for (size_t root = 0; root <= n; root++) {
		if (root < n && taken[root])
			continue;
		if (root == n) { /* the cycles' people, left over */
			for (size_t i = 0; i < n; i++)
				if (taken[i] != 2)
					order[k++] = i;
			break;
		}
		stack[top++] = root;
		while (top) {
			size_t i = stack[--top], nr;
			taken[i] = 2;
			order[k++] = i;
			const size_t *rep = roster_reports_at(src, i, &nr);
			/* (each person is one manager's report: pushed once) */
			for (size_t j = nr; j-- > 0;)
				if (taken[rep[j]] != 2)
					stack[top++] = rep[j];
		}
	}
done:
	free(stack);
	free(taken);
	return order;
}

static void v_roster(image *im, roster *r, snapshot_refs *refs)
{
	const roster src = *r; /* writing: where the source arrays are */
	if (image_writing(im)) {
		r->arena = NULL;
		r->snapshot = NULL;
		r->inputs = NULL; /* the identity section's, set at open */
		r->ninputs = 0;
	}
	expect(im, !r->arena && !r->snapshot && !r->inputs && !r->ninputs &&
		       is_bool(&r->handbook) && is_bool(&r->inputs_complete));
	/* sizes the resolver allocates by: no larger than what they count */
	expect(im, r->nroles <= r->npeople && r->npatterns == refs->regexes.n &&
		       (image_writing(im) ||
			r->ntables <= image_size(im) / sizeof(people_table)));
	image_string(im, &r->dir);
	image_string(im, &r->issues_url);
	refs->people = image_array(im, &r->people, r->npeople, sizeof(person), 8);
	/* writing: the names, slugs and roles first, in the order `org`
	 * lists their people (org_order): an org's lines then read them in
	 * the order they lie, not scattered over the mapping (at 100,000
	 * people, waiting for them was half of `org`'s time); the rest of
	 * each person's strings and lists after, in roster order, as the
	 * checks read them */
	size_t *order = image_writing(im) ? org_order(&src) : NULL;
	for (size_t k = 0; order && k < refs->people.n; k++) {
		const person *p = &src.people[order[k]];
		image_string_place(im, p->name);
		image_string_place(im, p->slug);
		image_string_place(im, p->role);
	}
	free(order);
	for (size_t i = 0; i < refs->people.n; i++)
		v_person(im, &((person *)refs->people.at)[i], i, r->nroles);
	image_span secs = image_array(im, &r->sections, r->nsections, sizeof(section), 8);
	static const size_t sec_strs[] = {offsetof(section, id), offsetof(section, name),
					  offsetof(section, loc.file)};
	for (size_t i = 0; i < secs.n; i++)
		image_string_fields(im, &((section *)secs.at)[i], sec_strs, 3);
	image_span sts = image_array(im, &r->stages, r->nstages, sizeof(stage), 8);
	for (size_t i = 0; i < sts.n; i++) {
		static const size_t stage_strs[] = {offsetof(stage, id), offsetof(stage, name),
						    offsetof(stage, section_id),
						    offsetof(stage, loc.file)};
		stage *s = &((stage *)sts.at)[i];
		image_string_fields(im, s, stage_strs, 4);
		size_t k = image_writing(im) && s->section
				   ? (size_t)(s->section - src.sections) : 0;
		image_element(im, &s->section, &secs, k);
	}
	/* patterns: pointers into the regexes array (visited by the root) */
	image_span ps = image_array(im, &r->patterns, r->npatterns, sizeof(role_regex *), 8);
	expect(im, ps.n == refs->regexes.n);
	for (size_t k = 0; k < ps.n; k++) {
		image_element(im, &((role_regex **)ps.at)[k], &refs->regexes, k);
		expect_set(im, &((role_regex **)ps.at)[k]);
	}
	refs->groups = image_array(im, &r->groups, r->ngroups, sizeof(group), 8);
	refs->tables = calloc(refs->groups.n + 1, sizeof(image_span));
	if (!refs->tables) {
		image_fail(im);
		return;
	}
	for (size_t i = 0; i < refs->groups.n; i++)
		v_group(im, &((group *)refs->groups.at)[i], i, r->ntables, src.stages,
			refs, &sts);
	/* indexes: every value that indexes an array is checked */
	image_span sl = image_array(im, &r->slug_slots, r->nslug_slots, sizeof(size_t), 8);
	size_t used = 0;
	for (size_t i = 0; i < sl.n; i++) {
		size_t v = ((size_t *)sl.at)[i];
		expect(im, v <= r->npeople);
		used += v != 0;
	}
	expect(im, (sl.n & (sl.n - 1)) == 0 && (sl.n == 0 || used < sl.n));
	size_t np = r->npeople;
	image_span rs = image_array(im, &r->reports_start, np + 1, sizeof(size_t), 8);
	image_span rp = image_array(im, &r->reports, np ? np : 1, sizeof(size_t), 8);
	const size_t *start = rs.at, *rep = rp.at;
	expect(im, start && rep && start[0] == 0);
	for (size_t i = 0; image_ok(im) && i < np; i++)
		expect(im, start[i] <= start[i + 1] && rep[i] < np);
	expect(im, !image_ok(im) || start[np] <= np);
}

static void v_regexes(image *im, role_regex *v, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		if (image_writing(im))
			v[k].re = NULL; /* compiled again on first use (resolve.c) */
		expect(im, !v[k].re);
		image_string(im, &v[k].source);
		v_loc(im, &v[k].loc);
		expect(im, v[k].id == k && v[k].source && is_bool(&v[k].invalid));
	}
}

static void v_plist(image *im, plist *l, const image_span *people)
{
	image_span s = image_array(im, &l->v, l->n, sizeof(person *), 8);
	for (size_t i = 0; i < s.n; i++) {
		v_person_ref(im, &((const person **)s.at)[i], people);
		expect_set(im, &((const person **)s.at)[i]);
	}
}

static void v_teams(image *im, group_team *teams, size_t n,
		    const snapshot_refs *refs)
{
	for (size_t g = 0; g < n; g++) {
		group_team *t = &teams[g];
		const image_span *tables = &refs->tables[g];
		v_person_ref(im, &t->manager, &refs->people);
		v_plist(im, &t->members, &refs->people);
		v_plist(im, &t->counterparts, &refs->people);
		image_span rs = image_array(im, &t->tables, t->ntables, sizeof(table_rows), 8);
		expect(im, rs.n == tables->n && t->ncounterpart_tables <= rs.n);
		for (size_t k = 0; image_ok(im) && k < rs.n; k++) {
			table_rows *row = &((table_rows *)rs.at)[k];
			image_element(im, &row->table, tables, k);
			expect(im, is_bool(&row->manager_nil));
			v_person_ref(im, &row->manager, &refs->people);
			image_string(im, &row->excluded);
			v_plist(im, &row->people, &refs->people);
			expect(im, row->table == &((people_table *)tables->at)[k]);
		}
	}
}

/* ---- writing -------------------------------------------------------- */

static uint64_t section_hash(const unsigned char *buf, uint64_t off, uint64_t len)
{
	return XXH3_64bits(buf + off, (size_t)len);
}

static bool write_all(int fd, const unsigned char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

/* XXH3 of the image's bytes [off, off + len), run by run. */
static uint64_t chunks_hash(const image *im, uint64_t off, uint64_t len)
{
	XXH3_state_t *st = XXH3_createState();
	if (!st)
		return 0;
	XXH3_64bits_reset(st);
	const unsigned char *p;
	size_t n;
	uint64_t at;
	for (size_t i = 0; image_chunk(im, i, &p, &n, &at); i++) {
		uint64_t lo = at > off ? at : off, hi = at + n < off + len ? at + n : off + len;
		if (lo < hi)
			XXH3_64bits_update(st, p + (lo - at), (size_t)(hi - lo));
	}
	uint64_t h = XXH3_64bits_digest(st);
	XXH3_freeState(st);
	return h;
}

/* The image of everything, header filled in, pointers made offsets;
 * NULL when out of memory or a check failed. */
static image *build(const roster *r, const diag_list *d, resolver *rs,
		    search_index *s, uint64_t base, const uint64_t key[2])
{
	image *im = image_writer(base);
	snapshot_refs refs = {0};
	uint64_t hoff, roff, sec[NSECTIONS + 1];
	if (!im)
		return NULL;
	struct header *h = image_alloc(im, HEADER_BYTES, &hoff);
	/* 0: the identity */
	sec[SEC_IDENTITY] = image_mark(im);
	struct root *root = image_alloc(im, sizeof(*root), &roff);
	if (root) {
		root->inputs = r->inputs;
		root->ninputs = r->ninputs;
		image_span in = image_array(im, &root->inputs, r->ninputs,
					    sizeof(input_file), 8);
		for (size_t i = 0; i < in.n; i++)
			image_string(im, &((input_file *)in.at)[i].path);
	}
	/* 1: the model */
	sec[SEC_MODEL] = image_mark(im);
	if (root && image_ok(im)) {
		/* the regexes first: tables point into them */
		uint64_t off;
		role_regex *rx = image_alloc(im, (r->npatterns + 1) * sizeof(role_regex), &off);
		if (rx) {
			for (size_t k = 0; k < r->npatterns; k++)
				rx[k] = *r->patterns[k];
			image_point(im, &root->regexes, off);
			root->nregexes = r->npatterns;
			refs.regexes = (image_span){rx, off, r->npatterns, sizeof(role_regex), NULL};
			v_regexes(im, rx, r->npatterns);
		}
		roster *copy = image_alloc(im, sizeof(roster), &off);
		if (copy) {
			*copy = *r;
			image_point(im, &root->roster, off);
			v_roster(im, copy, &refs);
		}
		root->diags = d->items;
		image_span ds = image_array(im, &root->diags, d->count, sizeof(diag), 8);
		for (size_t i = 0; i < ds.n; i++) {
			image_string(im, &((diag *)ds.at)[i].file);
			image_string(im, &((diag *)ds.at)[i].message);
		}
		root->ndiags = ds.n;
		root->errors = d->errors;
		diag_list none;
		diag_init(&none);
		check_counts(r, &none, &root->lint_errors, &root->lint_warnings);
		root->warnings = d->warnings;
		root->suppressed = d->suppressed;
	}
	/* 2: the teams */
	sec[SEC_TEAMS] = image_mark(im);
	if (root && image_ok(im) && resolve_all(rs)) {
		uint64_t off;
		group_team *teams = image_alloc(im, (r->ngroups + 1) * sizeof(group_team), &off);
		for (size_t g = 0; teams && g < r->ngroups; g++) {
			const group_team *t = resolve_group(rs, &r->groups[g]);
			if (!t) {
				image_fail(im);
				break;
			}
			teams[g] = *t;
		}
		if (teams && image_ok(im)) {
			image_point(im, &root->teams, off);
			root->nteams = r->ngroups;
			v_teams(im, teams, r->ngroups, &refs);
		}
	} else {
		image_fail(im);
	}
	/* 3: the search index */
	sec[SEC_SEARCH] = image_mark(im);
	if (root && s && image_ok(im))
		search_image_write(im, s, &root->search, &refs);
	sec[NSECTIONS] = image_mark(im);
	/* one NUL at the very end: every string read ends inside the file */
	uint64_t nul;
	image_alloc(im, 8, &nul);
	free(refs.tables);
	if (!image_ok(im) || !h) {
		image_free(im);
		return NULL;
	}
	image_finish(im);
	memcpy(h->magic, MAGIC, sizeof(MAGIC));
	h->format = SNAPSHOT_FORMAT;
	h->header_bytes = HEADER_BYTES;
	snprintf(h->version, sizeof(h->version), "%s", PACKAGE_VERSION);
	h->layout = layout();
	h->base = base;
	h->size = image_size(im);
	h->root = roff;
	h->key[0] = key[0];
	h->key[1] = key[1];
	for (int i = 0; i < NSECTIONS; i++) {
		h->sec[i].off = sec[i];
		h->sec[i].len = sec[i + 1] - sec[i];
		h->sec[i].hash = chunks_hash(im, sec[i], h->sec[i].len);
	}
	h->hash = XXH3_64bits(h, offsetof(struct header, hash));
	return im;
}

/* The preferred address for the file at path: the same for the same
 * path, different for most others. */
static uint64_t base_for(const char *path)
{
	return BASE_LOW + ((XXH3_64bits(path, strlen(path)) & 0xff) << 36);
}

bool snapshot_write(const char *path, const roster_input *in, const roster *r,
		    const diag_list *d, resolver *rs, search_index *s, bool shared,
		    char *err, size_t errsize)
{
	*err = '\0';
	uint64_t key[2];
	if (!roster_key(in, key)) {
		snprintf(err, errsize, "cannot write %s: %s: %s", path, in->dir,
			 strerror(errno));
		return false;
	}
	if (r->snapshot || !r->inputs_complete || r->dir_errno) {
		snprintf(err, errsize, "cannot write %s: the load's inputs were not all noted",
			 path);
		return false;
	}
	image *im = build(r, d, rs, s, base_for(path), key);
	if (!im) {
		snprintf(err, errsize, "cannot write %s: out of memory, or a value the "
			 "reader would refuse", path);
		return false;
	}
	size_t n = strlen(path) + 16;
	char *tmp = malloc(n);
	int fd = -1;
	if (tmp) {
		snprintf(tmp, n, "%s.XXXXXX", path);
		fd = mkstemp(tmp);
	}
	bool ok = fd >= 0 && fchmod(fd, shared ? 0644 : 0600) == 0;
	const unsigned char *bytes;
	size_t len;
	uint64_t at;
	for (size_t i = 0; ok && image_chunk(im, i, &bytes, &len, &at); i++)
		ok = write_all(fd, bytes, len);
	int e = errno;
	if (fd >= 0 && close(fd) != 0 && ok) {
		ok = false;
		e = errno;
	}
	if (ok && rename(tmp, path) != 0) {
		ok = false;
		e = errno;
	}
	if (!ok) {
		snprintf(err, errsize, "cannot write %s: %s", tmp ? tmp : path,
			 tmp ? strerror(e) : "out of memory");
		if (fd >= 0)
			unlink(tmp);
	}
	free(tmp);
	image_free(im);
	return ok;
}

/* ---- reading -------------------------------------------------------- */

static void say(char *why, size_t whysize, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void say(char *why, size_t whysize, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, whysize, fmt, ap);
	va_end(ap);
}

/* The owner and mode rules for a file others could have written: this
 * user's or root's, and writable by nobody else. */
static const char *untrusted(const struct stat *st)
{
	static char buf[64];
	if (st->st_uid != getuid() && st->st_uid != 0) {
		snprintf(buf, sizeof(buf), "owned by uid %lu", (unsigned long)st->st_uid);
		return buf;
	}
	if (st->st_mode & 022)
		return "writable by others";
	return NULL;
}

static bool section_ok(const snapshot *s, int i)
{
	const struct header *h = s->h;
	return section_hash(s->map, h->sec[i].off, h->sec[i].len) == h->sec[i].hash;
}

struct hash_job {
	const snapshot *s;
	int section;
	bool ok;
};

static void *hash_section(void *arg)
{
	struct hash_job *job = arg;
	job->ok = section_ok(job->s, job->section);
	return NULL;
}

void snapshot_close(snapshot *s)
{
	if (!s)
		return;
	if (s->search)
		search_image_release(s->search);
	image_free(s->reader);
	free(s->refs.tables);
	free(s->path);
	if (s->map && !s->in_memory)
		munmap(s->map, s->len);
	free(s);
}

/* Map the file: at the address it prefers when that is free (then
 * read-only and shared), else anywhere, privately, to move its
 * pointers. */
static bool map_file(snapshot *s, int fd, size_t len, uint64_t base)
{
	void *want = (void *)(uintptr_t)base;
	void *m = mmap(want, len, PROT_READ, MAP_SHARED, fd, 0);
	if (m != MAP_FAILED && m != want) {
		munmap(m, len);
		m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	}
	if (m == MAP_FAILED)
		return false;
	s->map = m;
	s->len = len;
	s->moved = m != want;
	return true;
}

static bool header_ok(const struct header *h, size_t size, const uint64_t key[2],
		      char *why, size_t whysize)
{
	if (memcmp(h->magic, MAGIC, sizeof(MAGIC))) {
		say(why, whysize, "not a teamtui snapshot");
		return false;
	}
	if (h->format != SNAPSHOT_FORMAT || h->header_bytes != HEADER_BYTES ||
	    h->hash != XXH3_64bits(h, offsetof(struct header, hash))) {
		say(why, whysize, "another snapshot format");
		return false;
	}
	char version[sizeof(h->version) + 1];
	memcpy(version, h->version, sizeof(h->version));
	version[sizeof(h->version)] = '\0';
	if (strcmp(version, PACKAGE_VERSION)) {
		say(why, whysize, "made by teamtui %s", version);
		return false;
	}
	if (h->layout != layout()) {
		say(why, whysize, "made by another build of teamtui");
		return false;
	}
	if (key && (h->key[0] != key[0] || h->key[1] != key[1])) {
		say(why, whysize, "it stands for another roster");
		return false;
	}
	bool ok = h->size == size && h->base % 4096 == 0 && h->root < size;
	uint64_t end = HEADER_BYTES;
	for (int i = 0; ok && i < NSECTIONS; i++) { /* in order, back to back */
		ok = h->sec[i].off == end && h->sec[i].len <= size - end;
		end += h->sec[i].len;
	}
	if (!ok)
		say(why, whysize, "its sections do not fit its size");
	return ok;
}

/* Reading: the root, at the offset the header gives (NULL when out of
 * bounds). */
static struct root *read_root(snapshot *s)
{
	uint64_t rootv = s->h->base + s->h->root;
	image_span rs = image_array(s->reader, &rootv, 1, sizeof(struct root), 8);
	return s->root = rs.at;
}

/* Reading: the identity's inputs, each with a path and a sound bool. */
static image_span read_inputs(image *im, struct root *root)
{
	image_span ins = image_array(im, &root->inputs, root->ninputs,
				     sizeof(input_file), 8);
	for (size_t i = 0; i < ins.n; i++) {
		image_string(im, &((input_file *)ins.at)[i].path);
		expect_set(im, &((input_file *)ins.at)[i].path);
		expect(im, is_bool(&((input_file *)ins.at)[i].exists));
	}
	return ins;
}

/* Reading: the model (the regexes, the roster, the load's diagnostics and
 * their counts); the roster (NULL when out of bounds) and in *ds the
 * diagnostics. */
static roster *read_model(snapshot *s, struct root *root, image_span *ds)
{
	s->refs.regexes = image_array(s->reader, &root->regexes, root->nregexes,
				      sizeof(role_regex), 8);
	v_regexes(s->reader, s->refs.regexes.at, s->refs.regexes.n);
	image_span rr = image_array(s->reader, &root->roster, 1, sizeof(roster), 8);
	if (rr.at)
		v_roster(s->reader, rr.at, &s->refs);
	*ds = image_array(s->reader, &root->diags, root->ndiags, sizeof(diag), 8);
	for (size_t i = 0; i < ds->n; i++) {
		image_string(s->reader, &((diag *)ds->at)[i].file);
		image_string(s->reader, &((diag *)ds->at)[i].message);
		expect(s->reader, diag_ok(&((diag *)ds->at)[i]));
	}
	diag_counts_ok(s->reader, root, ds);
	return rr.at;
}

roster *snapshot_open(const char *path, const roster_input *in,
		      diag_list *diags, char *why, size_t whysize)
{
	*why = '\0';
	uint64_t key[2];
	if (!roster_key(in, key)) {
		say(why, whysize, "%s", strerror(errno));
		return NULL;
	}
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		if (errno != ENOENT)
			say(why, whysize, "%s", strerror(errno));
		return NULL;
	}
	struct stat st;
	struct header h;
	snapshot *s = NULL;
	roster *r = NULL;
	const char *bad;
	if (fstat(fd, &st) != 0) {
		say(why, whysize, "%s", strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		say(why, whysize, "not a regular file");
		goto out;
	}
	if ((bad = untrusted(&st))) {
		say(why, whysize, "%s", bad);
		goto out;
	}
	if (st.st_size < HEADER_BYTES + 8 || (uint64_t)st.st_size > SIZE_MAX / 2 ||
	    pread(fd, &h, sizeof(h), 0) != (ssize_t)sizeof(h)) {
		say(why, whysize, "truncated");
		goto out;
	}
	if (!header_ok(&h, (size_t)st.st_size, key, why, whysize))
		goto out;
	s = calloc(1, sizeof(*s));
	if (!s || !map_file(s, fd, (size_t)st.st_size, h.base)) {
		say(why, whysize, "cannot be mapped");
		goto out;
	}
	s->h = (const struct header *)s->map;
	s->path = strdup(path);
	s->owned = st.st_uid == getuid();
	/* the file may have changed since the header was read */
	if (memcmp(s->h, &h, sizeof(h)) || s->map[s->len - 1] != '\0' ||
	    !section_ok(s, SEC_IDENTITY)) {
		say(why, whysize, "checksum of its identity does not match");
		goto out;
	}
	s->reader = image_reader(s->map, s->len, h.base);
	if (!s->reader)
		goto out;
	/* the root, then the inputs: one stat each */
	struct root *root = read_root(s);
	if (!root) {
		say(why, whysize, "its root is out of bounds");
		goto out;
	}
	image_span ins = read_inputs(s->reader, root);
	if (!image_ok(s->reader) || !ins.n) {
		say(why, whysize, "its inputs are out of bounds");
		goto out;
	}
	for (size_t i = 0; i < ins.n; i++)
		if (!inputs_unchanged(&((input_file *)ins.at)[i])) {
			say(why, whysize, "stale: %s changed", ((input_file *)ins.at)[i].path);
			goto out;
		}
	/* the model: its checksum on a thread of its own while its offsets
	 * are checked here (both read every page: they overlap); in a
	 * private mapping the check moves pointers, so the checksum first */
	struct hash_job job = {s, SEC_MODEL, false};
	pthread_t hasher;
	bool threaded = !s->moved && pthread_create(&hasher, NULL, hash_section, &job) == 0;
	if (!threaded)
		hash_section(&job);
	if (!threaded && !job.ok) {
		say(why, whysize, "checksum of the model does not match");
		goto out;
	}
	image_span ds;
	roster *model = read_model(s, root, &ds);
	if (threaded)
		pthread_join(hasher, NULL);
	if (!job.ok) {
		say(why, whysize, "checksum of the model does not match");
		goto out;
	}
	if (!image_ok(s->reader) || !model) {
		say(why, whysize, "an offset in the model is out of bounds");
		goto out;
	}
	r = malloc(sizeof(*r));
	if (!r)
		goto out;
	*r = *model;
	r->inputs = ins.at;
	r->ninputs = ins.n;
	r->inputs_complete = true;
	r->snapshot = s;
	/* the load's diagnostics, and the counts of those past the cap */
	size_t e0 = diags->errors, w0 = diags->warnings;
	for (size_t i = 0; i < ds.n; i++) {
		const diag *x = &((diag *)ds.at)[i];
		diag_add(diags, x->severity, x->file, x->line, x->column, "%s", x->message);
	}
	diags->errors = e0 + root->errors;
	diags->warnings = w0 + root->warnings;
	diags->suppressed += root->suppressed;
	s = NULL;
out:
	snapshot_close(s);
	close(fd);
	return r;
}

const group_team *snapshot_teams(const roster *r)
{
	snapshot *s = r->snapshot;
	if (!s)
		return NULL;
	if (!s->teams_state) {
		s->teams_state = -1;
		struct root *root = s->root;
		if (section_ok(s, SEC_TEAMS) && root->nteams == r->ngroups) {
			image_span ts = image_array(s->reader, &root->teams, root->nteams,
						    sizeof(group_team), 8);
			if (ts.at || !root->nteams)
				v_teams(s->reader, ts.at, ts.n, &s->refs);
			if (image_ok(s->reader) && (ts.at || !root->nteams))
				s->teams_state = 1;
		}
		if (s->teams_state < 0)
			drop(s);
	}
	return s->teams_state > 0 ? s->root->teams : NULL;
}

search_index *snapshot_search(const roster *r)
{
	snapshot *s = r->snapshot;
	if (!s)
		return NULL;
	if (!s->search_state) {
		s->search_state = -1;
		if (s->root->search) { /* checksum and offsets at once, as the model's */
			struct hash_job job = {s, SEC_SEARCH, false};
			pthread_t hasher;
			bool threaded = !s->moved &&
					pthread_create(&hasher, NULL, hash_section, &job) == 0;
			if (!threaded)
				hash_section(&job);
			if (threaded || job.ok)
				s->search = search_image_read(s->reader, &s->root->search, r,
							      &s->refs);
			if (threaded)
				pthread_join(hasher, NULL);
			if (s->search && job.ok && image_ok(s->reader)) {
				s->search_state = 1;
			} else {
				search_image_release(s->search);
				s->search = NULL;
				drop(s);
			}
		}
	}
	return s->search_state > 0 ? s->search : NULL;
}

bool snapshot_lint_counts(const roster *r, size_t *errors, size_t *warnings)
{
	if (!r->snapshot)
		return false;
	*errors = r->snapshot->root->lint_errors;
	*warnings = r->snapshot->root->lint_warnings;
	return true;
}

bool snapshot_reseal(void *buf, size_t len)
{
	struct header *h = buf;
	if (len < HEADER_BYTES)
		return false;
	for (int i = 0; i < NSECTIONS; i++)
		if (h->sec[i].off <= len && h->sec[i].len <= len - h->sec[i].off)
			h->sec[i].hash = section_hash(buf, h->sec[i].off, h->sec[i].len);
	h->hash = XXH3_64bits(h, offsetof(struct header, hash));
	return true;
}

bool snapshot_check_buffer(const void *buf, size_t len)
{
	char why[256];
	struct header h; /* buf need not be aligned */
	if (len < HEADER_BYTES + 8)
		return false;
	memcpy(&h, buf, sizeof(h));
	if (!header_ok(&h, len, NULL, why, sizeof(why)))
		return false;
	snapshot *s = calloc(1, sizeof(*s));
	void *copy = NULL;
	if (!s || posix_memalign(&copy, 4096, len)) {
		free(s);
		return false;
	}
	memcpy(copy, buf, len);
	s->in_memory = true;
	s->map = copy;
	s->len = len;
	s->h = copy;
	s->moved = (uint64_t)(uintptr_t)copy != s->h->base;
	bool ok = s->map[len - 1] == '\0';
	for (int i = 0; ok && i < NSECTIONS; i++)
		ok = section_ok(s, i);
	roster *r = NULL;
	if (ok && (s->reader = image_reader(s->map, s->len, s->h->base))) {
		struct root *root = read_root(s);
		if (root) {
			read_inputs(s->reader, root);
			image_span ds;
			roster *model = read_model(s, root, &ds);
			if (model && image_ok(s->reader) && (r = malloc(sizeof(*r)))) {
				*r = *model;
				r->snapshot = s;
			}
		}
		ok = r != NULL;
	}
	if (ok) { /* the lazy sections, and a walk of what they hold */
		const group_team *teams = snapshot_teams(r);
		ok = teams || !s->root->nteams;
		for (size_t g = 0; teams && g < r->ngroups; g++)
			for (size_t k = 0; k < teams[g].members.n; k++)
				ok &= roster_person(r, teams[g].members.v[k]->slug) != NULL;
		if (s->root->search)
			ok &= snapshot_search(r) != NULL;
	}
	if (r)
		roster_free(r); /* and s with it */
	else
		snapshot_close(s);
	free(copy);
	return ok;
}

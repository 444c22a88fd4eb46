/* digest.c: see digest.h.
 *
 * The text form, version 1 (one record a line, fields separated by a tab,
 * every line ending in "\n"):
 *
 *   teamtui-digest 1 people N tables M
 *   p SLUG NAME ROLE REPORTS_TO GITLAB                  N lines, by slug
 *   t GROUP GROUP_NAME KIND INDEX SHORTCODE FILE LINE MANAGER ROW K S1..SK
 *                                                       M lines, by group
 *                                                       id, then index
 *
 * KIND is "members" or "counterparts", ROW "1" when the manager row is
 * shown, K the number of row slugs that follow. A delta (digest_delta)
 * has the header "teamtui-digest-delta 1 base HASH hash HASH people N
 * tables M" and the same records, plus "-p SLUG" and "-t GROUP INDEX" for
 * records the base has and the version does not; each part is in key
 * order. HASH: 16 lower-case hex digits.
 *
 * Escapes, in every field: "\\" a backslash, "\t" a tab, "\n" a newline,
 * "\r" a carriage return, "\xHH" any other byte below 0x20, 0x7f, or a
 * byte that is not part of valid UTF-8. Raw bytes are valid UTF-8 with no
 * control character; a reader refuses anything else. */
#include "teamtui/digest.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "teamtui/arena.h"
#include "teamtui/strbuf.h"
#include "teamtui/utf8.h"

enum { DIGEST_FORMAT = 1 };

static const char HEADER[] = "teamtui-digest";
static const char DELTA_HEADER[] = "teamtui-digest-delta";

/* ------------------------------------------------------------ the hash */

static void h_str(XXH3_state_t *st, const char *s)
{
	XXH3_64bits_update(st, s, strlen(s) + 1);
}

static void h_num(XXH3_state_t *st, uint64_t v)
{
	unsigned char b[8];
	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	XXH3_64bits_update(st, b, 8);
}

/* XXH3-64 of the content: every field but a table's file and line (where
 * a call is moves with every edit above it; what it lists is the
 * content). 0 when out of memory. */
static uint64_t content_hash(const digest *d)
{
	XXH3_state_t *st = XXH3_createState();
	if (!st)
		return 0;
	XXH3_64bits_reset(st);
	h_num(st, d->npeople);
	for (size_t i = 0; i < d->npeople; i++) {
		const digest_person *p = &d->people[i];
		h_str(st, p->slug);
		h_str(st, p->name);
		h_str(st, p->role);
		h_str(st, p->reports_to);
		h_str(st, p->gitlab);
	}
	h_num(st, d->ntables);
	for (size_t i = 0; i < d->ntables; i++) {
		const digest_table *t = &d->tables[i];
		h_str(st, t->group);
		h_str(st, t->group_name);
		h_num(st, t->kind);
		h_num(st, t->index);
		h_str(st, t->shortcode);
		h_str(st, t->manager);
		h_num(st, t->manager_row);
		h_num(st, t->n);
		for (size_t k = 0; k < t->n; k++)
			h_str(st, t->slugs[k]);
	}
	uint64_t h = XXH3_64bits_digest(st);
	XXH3_freeState(st);
	return h;
}

/* ------------------------------------------------------ building one */

static const char *dup_str(arena *a, const char *s)
{
	if (!s)
		s = "";
	return arena_intern(a, s, strlen(s));
}

static int cmp_person(const void *x, const void *y)
{
	const digest_person *a = x, *b = y;
	return strcmp(a->slug, b->slug);
}

static int cmp_table_key(const char *ga, size_t ia, const char *gb, size_t ib)
{
	int c = strcmp(ga, gb);
	if (c)
		return c;
	return ia < ib ? -1 : ia > ib;
}

static int cmp_table(const void *x, const void *y)
{
	const digest_table *a = x, *b = y;
	return cmp_table_key(a->group, a->index, b->group, b->index);
}

static digest *digest_empty(void)
{
	digest *d = calloc(1, sizeof(*d));
	if (d && !(d->arena = arena_new())) {
		free(d);
		d = NULL;
	}
	return d;
}

void digest_free(digest *d)
{
	if (!d)
		return;
	/* the two arrays are malloc'd (digest_patch replaces them), the rest
	 * lives in the arena */
	free(d->people);
	free(d->tables);
	arena_free(d->arena);
	free(d);
}

struct group_id {
	const char *id;
	size_t index;
};

static int cmp_group_id(const void *x, const void *y)
{
	const struct group_id *a = x, *b = y;
	int c = strcmp(a->id, b->id);
	return c ? c : a->index < b->index ? -1 : a->index > b->index;
}

/* dup[g]: group g has the id of an earlier group (whose tables count, as
 * roster_group finds the first); NULL when out of memory. */
static bool *duplicate_ids(const roster *r)
{
	bool *dup = calloc(r->ngroups + 1, sizeof(bool));
	struct group_id *v = malloc((r->ngroups + 1) * sizeof(*v));
	if (!dup || !v) {
		free(dup);
		free(v);
		return NULL;
	}
	for (size_t i = 0; i < r->ngroups; i++)
		v[i] = (struct group_id){r->groups[i].id, i};
	qsort(v, r->ngroups, sizeof(*v), cmp_group_id);
	for (size_t i = 1; i < r->ngroups; i++)
		dup[v[i].index] = !strcmp(v[i - 1].id, v[i].id);
	free(v);
	return dup;
}

digest *digest_of(const roster *r, resolver *rs)
{
	if (!resolve_all(rs))
		return NULL;
	digest *d = digest_empty();
	if (!d)
		return NULL;
	arena *a = d->arena;
	d->people = malloc((r->npeople + 1) * sizeof(*d->people));
	bool ok = d->people != NULL;
	for (size_t i = 0; ok && i < r->npeople; i++) {
		const person *p = &r->people[i];
		if (roster_person(r, p->slug) != p)
			continue; /* a slug twice: the first one, as lookups do */
		digest_person *o = &d->people[d->npeople++];
		o->slug = dup_str(a, p->slug);
		o->name = dup_str(a, p->name);
		o->role = dup_str(a, p->role);
		o->reports_to = dup_str(a, p->reports_to);
		o->gitlab = dup_str(a, p->gitlab);
		ok = o->slug && o->name && o->role && o->reports_to && o->gitlab;
	}
	if (ok)
		qsort(d->people, d->npeople, sizeof(*d->people), cmp_person);
	size_t ntables = 0;
	for (size_t g = 0; g < r->ngroups; g++)
		ntables += r->groups[g].ntables;
	d->tables = ok ? malloc((ntables + 1) * sizeof(*d->tables)) : NULL;
	bool *dup = ok ? duplicate_ids(r) : NULL;
	ok = ok && d->tables && dup;
	for (size_t g = 0; ok && g < r->ngroups; g++) {
		const group *gr = &r->groups[g];
		if (!gr->ntables || dup[g])
			continue;
		const group_team *team = resolve_group(rs, gr);
		ok = team != NULL;
		for (size_t k = 0; ok && k < gr->ntables; k++) {
			const people_table *t = &gr->tables[k];
			const table_rows *rows = &team->tables[k];
			digest_table *o = &d->tables[d->ntables++];
			memset(o, 0, sizeof(*o));
			o->group = dup_str(a, gr->id);
			o->group_name = dup_str(a, gr->name);
			o->kind = t->kind == TABLE_STABLE_COUNTERPARTS ? DIGEST_COUNTERPARTS
								       : DIGEST_MEMBERS;
			o->index = k;
			o->shortcode = dup_str(a, t->shortcode);
			o->file = dup_str(a, t->loc.file);
			o->line = t->loc.line;
			o->manager = dup_str(a, t->manager);
			o->manager_row = rows->manager != NULL;
			o->n = rows->people.n;
			o->slugs = arena_calloc(a, o->n + 1, sizeof(char *));
			ok = o->group && o->group_name && o->shortcode && o->file &&
			     o->manager && o->slugs;
			for (size_t j = 0; ok && j < o->n; j++)
				ok = (o->slugs[j] = dup_str(a, rows->people.v[j]->slug)) != NULL;
		}
	}
	free(dup);
	if (ok) {
		qsort(d->tables, d->ntables, sizeof(*d->tables), cmp_table);
		d->hash = content_hash(d);
	}
	if (!ok) {
		digest_free(d);
		return NULL;
	}
	return d;
}

const digest_person *digest_person_of(const digest *d, const char *slug)
{
	size_t lo = 0, hi = d->npeople;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(d->people[mid].slug, slug);
		if (!c)
			return &d->people[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const digest_table *digest_table_of(const digest *d, const char *group, size_t index)
{
	size_t lo = 0, hi = d->ntables;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_table_key(d->tables[mid].group, d->tables[mid].index, group, index);
		if (!c)
			return &d->tables[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* ------------------------------------------------------------ writing */

static void field(strbuf *b, const char *s)
{
	strbuf_putc(b, '\t');
	size_t len = strlen(s), run = 0;
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		size_t n = 1;
		bool plain;
		if (c < 0x80) {
			plain = c >= 0x20 && c != 0x7f && c != '\\';
		} else {
			uint32_t cp;
			n = utf8_decode(s + i, len - i, &cp);
			plain = !(cp == UTF8_REPLACEMENT && n == 1);
		}
		if (plain) {
			i += n;
			run += n;
			continue;
		}
		strbuf_put(b, s + i - run, run);
		run = 0;
		char e[5];
		switch (c) {
		case '\\': strbuf_put(b, "\\\\", 2); break;
		case '\t': strbuf_put(b, "\\t", 2); break;
		case '\n': strbuf_put(b, "\\n", 2); break;
		case '\r': strbuf_put(b, "\\r", 2); break;
		default:
			snprintf(e, sizeof(e), "\\x%02x", c);
			strbuf_put(b, e, 4);
		}
		i++;
	}
	strbuf_put(b, s + len - run, run);
}

static void put_person(strbuf *b, const digest_person *p)
{
	strbuf_putc(b, 'p');
	field(b, p->slug);
	field(b, p->name);
	field(b, p->role);
	field(b, p->reports_to);
	field(b, p->gitlab);
	strbuf_putc(b, '\n');
}

static void put_table(strbuf *b, const digest_table *t)
{
	strbuf_putc(b, 't');
	field(b, t->group);
	field(b, t->group_name);
	field(b, t->kind == DIGEST_COUNTERPARTS ? "counterparts" : "members");
	strbuf_printf(b, "\t%zu", t->index);
	field(b, t->shortcode);
	field(b, t->file);
	strbuf_printf(b, "\t%d", t->line);
	field(b, t->manager);
	strbuf_printf(b, "\t%d\t%zu", t->manager_row ? 1 : 0, t->n);
	for (size_t k = 0; k < t->n; k++)
		field(b, t->slugs[k]);
	strbuf_putc(b, '\n');
}

static char *finish(strbuf *b, size_t *len)
{
	if (b->oom) {
		free(b->p);
		return NULL;
	}
	if (len)
		*len = b->n;
	return b->p;
}

char *digest_format(const digest *d, size_t *len)
{
	strbuf b = {0};
	strbuf_reserve(&b, d->npeople * 64 + d->ntables * 128);
	strbuf_printf(&b, "%s %d people %zu tables %zu\n", HEADER, DIGEST_FORMAT, d->npeople,
	     d->ntables);
	for (size_t i = 0; i < d->npeople; i++)
		put_person(&b, &d->people[i]);
	for (size_t i = 0; i < d->ntables; i++)
		put_table(&b, &d->tables[i]);
	return finish(&b, len);
}

static bool same_person(const digest_person *a, const digest_person *b)
{
	return !strcmp(a->slug, b->slug) && !strcmp(a->name, b->name) &&
	       !strcmp(a->role, b->role) && !strcmp(a->reports_to, b->reports_to) &&
	       !strcmp(a->gitlab, b->gitlab);
}

static bool same_table(const digest_table *a, const digest_table *b)
{
	if (strcmp(a->group, b->group) || strcmp(a->group_name, b->group_name) ||
	    a->kind != b->kind || a->index != b->index ||
	    strcmp(a->shortcode, b->shortcode) || strcmp(a->file, b->file) ||
	    a->line != b->line || strcmp(a->manager, b->manager) ||
	    a->manager_row != b->manager_row || a->n != b->n)
		return false;
	for (size_t k = 0; k < a->n; k++)
		if (strcmp(a->slugs[k], b->slugs[k]))
			return false;
	return true;
}

char *digest_delta(const digest *base, const digest *d, size_t *len)
{
	strbuf body = {0};
	size_t np = 0, nt = 0;
	size_t i = 0, j = 0;
	while (i < base->npeople || j < d->npeople) {
		int c = i == base->npeople ? 1
			: j == d->npeople  ? -1
					   : strcmp(base->people[i].slug, d->people[j].slug);
		if (c < 0) { /* only in base */
			strbuf_put(&body, "-p", 2);
			field(&body, base->people[i++].slug);
			strbuf_putc(&body, '\n');
			np++;
		} else if (c > 0) {
			put_person(&body, &d->people[j++]);
			np++;
		} else {
			if (!same_person(&base->people[i], &d->people[j])) {
				put_person(&body, &d->people[j]);
				np++;
			}
			i++, j++;
		}
	}
	i = j = 0;
	while (i < base->ntables || j < d->ntables) {
		const digest_table *x = i < base->ntables ? &base->tables[i] : NULL;
		const digest_table *y = j < d->ntables ? &d->tables[j] : NULL;
		int c = !x ? 1 : !y ? -1 : cmp_table_key(x->group, x->index, y->group, y->index);
		if (c < 0) {
			strbuf_put(&body, "-t", 2);
			field(&body, x->group);
			strbuf_printf(&body, "\t%zu\n", x->index);
			nt++, i++;
		} else if (c > 0) {
			put_table(&body, y);
			nt++, j++;
		} else {
			if (!same_table(x, y)) {
				put_table(&body, y);
				nt++;
			}
			i++, j++;
		}
	}
	if (body.oom) {
		free(body.p);
		return NULL;
	}
	strbuf b = {0};
	strbuf_printf(&b, "%s %d base %016" PRIx64 " hash %016" PRIx64 " people %zu tables %zu\n",
	     DELTA_HEADER, DIGEST_FORMAT, base->hash, d->hash, np, nt);
	strbuf_put(&b, body.p ? body.p : "", body.n);
	free(body.p);
	return finish(&b, len);
}

/* ------------------------------------------------------------ reading */

struct reader {
	const char *text;
	size_t len, at; /* the next line starts at `at` */
	int line;	/* the number of the line last read */
	const char *cur;
	size_t curlen; /* the line last read, without its newline */
	char *err;
	size_t errsize;
	bool failed;
	arena *arena;
	/* the fields of the current line, unescaped */
	char *scratch;
	size_t scratch_cap;
	const char **f;
	size_t *flen;
	size_t nf, fcap;
};

static bool fail(struct reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool fail(struct reader *r, const char *fmt, ...)
{
	if (r->failed)
		return false;
	r->failed = true;
	int k = snprintf(r->err, r->errsize, "line %d: ", r->line);
	if (k < 0 || (size_t)k >= r->errsize)
		return false;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->err + k, r->errsize - (size_t)k, fmt, ap);
	va_end(ap);
	return false;
}

/* The next line; false at the end of the text or when it does not end in
 * a newline. */
static bool next_line(struct reader *r)
{
	if (r->at >= r->len)
		return false;
	r->line++;
	const char *s = r->text + r->at;
	const char *nl = memchr(s, '\n', r->len - r->at);
	if (!nl)
		return fail(r, "the text ends inside a line (cut short?)");
	r->cur = s;
	r->curlen = (size_t)(nl - s);
	r->at += r->curlen + 1;
	return true;
}

/* Split the current line at tabs and unescape each field into scratch. */
static bool split(struct reader *r)
{
	r->nf = 0;
	if (r->scratch_cap < r->curlen + 1) {
		char *s = realloc(r->scratch, r->curlen + 1);
		if (!s)
			return fail(r, "out of memory");
		r->scratch = s;
		r->scratch_cap = r->curlen + 1;
	}
	char *o = r->scratch;
	const char *s = r->cur;
	size_t len = r->curlen, start = 0;
	for (size_t i = 0;; ) {
		if (i == len || s[i] == '\t') {
			if (r->nf == r->fcap) {
				size_t cap = r->fcap ? 2 * r->fcap : 16;
				const char **f = realloc(r->f, cap * sizeof(*f));
				size_t *fl = f ? realloc(r->flen, cap * sizeof(*fl)) : NULL;
				if (f)
					r->f = f;
				if (!f || !fl)
					return fail(r, "out of memory");
				r->flen = fl;
				r->fcap = cap;
			}
			r->f[r->nf] = r->scratch + start;
			r->flen[r->nf] = (size_t)(o - r->scratch) - start;
			r->nf++;
			if (i == len)
				break;
			*o++ = '\0';
			start = (size_t)(o - r->scratch);
			i++;
			continue;
		}
		unsigned char c = (unsigned char)s[i];
		if (c == '\\') {
			if (i + 1 >= len)
				return fail(r, "a backslash ends the line");
			char e = s[i + 1];
			if (e == '\\' || e == 't' || e == 'n' || e == 'r') {
				*o++ = e == '\\' ? '\\' : e == 't' ? '\t' : e == 'n' ? '\n' : '\r';
				i += 2;
			} else if (e == 'x' && i + 3 < len && utf8_hex_digit(s[i + 2]) >= 0 &&
				   utf8_hex_digit(s[i + 3]) >= 0) {
				int v = utf8_hex_digit(s[i + 2]) * 16 + utf8_hex_digit(s[i + 3]);
				if (!v)
					return fail(r, "a NUL byte (\\x00) in a field");
				*o++ = (char)v;
				i += 4;
			} else if (e == 'x') {
				return fail(r, "bad escape: \\x needs two hex digits");
			} else if ((unsigned char)e >= 0x20 && (unsigned char)e < 0x7f) {
				return fail(r, "bad escape '\\%c'", e);
			} else {
				return fail(r, "bad escape: a backslash before byte 0x%02x",
					    (unsigned char)e);
			}
			continue;
		}
		if (c < 0x20 || c == 0x7f)
			return fail(r, "a control character (0x%02x) in a field", c);
		if (c >= 0x80) {
			uint32_t cp;
			size_t n = utf8_decode(s + i, len - i, &cp);
			if (cp == UTF8_REPLACEMENT && n == 1)
				return fail(r, "invalid UTF-8 (byte 0x%02x)", c);
			memcpy(o, s + i, n);
			o += n;
			i += n;
			continue;
		}
		*o++ = (char)c;
		i++;
	}
	*o = '\0';
	return true;
}

static const char *str_at(struct reader *r, size_t k)
{
	const char *s = arena_intern(r->arena, r->f[k], r->flen[k]);
	if (!s)
		fail(r, "out of memory");
	return s;
}

/* A field as an error message may show it: 40 bytes at most, anything
 * but printable ASCII as '?' (the message is one line of plain text). */
static const char *shown(const char *s, size_t n, char out[41])
{
	size_t k = 0;
	for (; k < n && k < 40; k++)
		out[k] = s[k] >= 0x20 && s[k] < 0x7f ? s[k] : '?';
	out[k] = '\0';
	return out;
}

/* A decimal number without sign, at most max. */
static bool number(struct reader *r, size_t k, uint64_t max, uint64_t *out,
		   const char *what)
{
	const char *s = r->f[k];
	size_t n = r->flen[k];
	uint64_t v = 0;
	char buf[41];
	if (!n || n > 19 || (n > 1 && s[0] == '0'))
		return fail(r, "bad %s '%s'", what, shown(s, n, buf));
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return fail(r, "bad %s '%s'", what, shown(s, n, buf));
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	if (v > max)
		return fail(r, "%s %" PRIu64 " is out of range", what, v);
	*out = v;
	return true;
}

static bool read_person(struct reader *r, digest_person *p)
{
	if (r->nf != 6)
		return fail(r, "a person has 5 fields, not %zu", r->nf - 1);
	p->slug = str_at(r, 1);
	p->name = str_at(r, 2);
	p->role = str_at(r, 3);
	p->reports_to = str_at(r, 4);
	p->gitlab = str_at(r, 5);
	return !r->failed;
}

static bool read_table(struct reader *r, digest_table *t)
{
	if (r->nf < 11)
		return fail(r, "a table has at least 10 fields, not %zu", r->nf - 1);
	uint64_t index, line, row, n;
	if (!number(r, 4, 1000000000, &index, "table index") ||
	    !number(r, 7, 2147483647, &line, "line number") ||
	    !number(r, 9, 1, &row, "manager row flag") ||
	    !number(r, 10, 1000000000, &n, "row count"))
		return false;
	if (n != r->nf - 11)
		return fail(r, "the table says %" PRIu64 " rows and has %zu", n, r->nf - 11);
	if (!strcmp(r->f[3], "members"))
		t->kind = DIGEST_MEMBERS;
	else if (!strcmp(r->f[3], "counterparts"))
		t->kind = DIGEST_COUNTERPARTS;
	else
		return fail(r, "a table's kind is 'members' or 'counterparts'");
	t->group = str_at(r, 1);
	t->group_name = str_at(r, 2);
	t->index = (size_t)index;
	t->shortcode = str_at(r, 5);
	t->file = str_at(r, 6);
	t->line = (int)line;
	t->manager = str_at(r, 8);
	t->manager_row = row == 1;
	t->n = (size_t)n;
	t->slugs = arena_calloc(r->arena, t->n + 1, sizeof(char *));
	if (!t->slugs)
		return fail(r, "out of memory");
	for (size_t k = 0; k < t->n && !r->failed; k++)
		t->slugs[k] = str_at(r, 11 + k);
	return !r->failed;
}

/* "WORD" at s as a whole space-separated word; advances *s. */
static bool word(const char **s, const char *end, const char *w)
{
	size_t n = strlen(w);
	if ((size_t)(end - *s) < n || memcmp(*s, w, n))
		return false;
	*s += n;
	if (*s < end && **s != ' ')
		return false;
	if (*s < end)
		(*s)++;
	return true;
}

static bool hnum(const char **s, const char *end, uint64_t *v, bool hex)
{
	const char *p = *s;
	uint64_t x = 0;
	size_t n = 0;
	while (p < end && *p != ' ') {
		int d = hex ? utf8_hex_digit(*p) : (*p >= '0' && *p <= '9' ? *p - '0' : -1);
		if (d < 0 || (hex && *p >= 'A' && *p <= 'F') || ++n > (hex ? 16u : 18u))
			return false;
		x = x * (hex ? 16 : 10) + (uint64_t)d;
		p++;
	}
	if (!n || (hex && n != 16))
		return false;
	*v = x;
	*s = p < end ? p + 1 : p;
	return true;
}

/* The header line: "NAME 1 [base H hash H] people N tables M". */
static bool read_header(struct reader *r, const char *name, uint64_t *base,
			uint64_t *hash, uint64_t *np, uint64_t *nt)
{
	if (!next_line(r)) {
		r->line = 1;
		return r->failed ? false : fail(r, "empty: not a %s", name);
	}
	const char *s = r->cur, *end = r->cur + r->curlen;
	uint64_t version;
	if (!word(&s, end, name))
		return fail(r, "not a %s", name);
	if (!hnum(&s, end, &version, false))
		return fail(r, "no format number after '%s'", name);
	if (version != DIGEST_FORMAT)
		return fail(r, "format %" PRIu64 ", this teamtui reads %d", version,
			    DIGEST_FORMAT);
	if (base && (!word(&s, end, "base") || !hnum(&s, end, base, true) ||
		     !word(&s, end, "hash") || !hnum(&s, end, hash, true)))
		return fail(r, "bad header: 'base HASH hash HASH' expected");
	if (!word(&s, end, "people") || !hnum(&s, end, np, false) ||
	    !word(&s, end, "tables") || !hnum(&s, end, nt, false) || s != end)
		return fail(r, "bad header: 'people N tables M' expected");
	/* every record is at least two bytes: a count past that is a lie
	 * (and must not size an allocation) */
	if (*np > r->len / 2 || *nt > r->len / 2 || *np + *nt > r->len / 2)
		return fail(r, "the header counts more records than the text can hold");
	return true;
}

static void reader_free(struct reader *r)
{
	free(r->scratch);
	free(r->f);
	free(r->flen);
}

static void set_err(char *err, size_t errsize, const char *msg)
{
	if (errsize)
		snprintf(err, errsize, "%s", msg);
}

digest *digest_parse(const char *text, size_t len, char *err, size_t errsize)
{
	char dummy[1];
	if (!err || !errsize)
		err = dummy, errsize = sizeof(dummy);
	*err = '\0';
	digest *d = digest_empty();
	if (!d) {
		set_err(err, errsize, "out of memory");
		return NULL;
	}
	struct reader r = {.text = text, .len = len, .err = err, .errsize = errsize,
			   .arena = d->arena};
	uint64_t np = 0, nt = 0;
	bool ok = read_header(&r, HEADER, NULL, NULL, &np, &nt);
	if (ok) {
		d->people = malloc((np + 1) * sizeof(*d->people));
		d->tables = malloc((nt + 1) * sizeof(*d->tables));
		if (!d->people || !d->tables)
			ok = fail(&r, "out of memory");
	}
	for (uint64_t i = 0; ok && i < np + nt; i++) {
		if (!next_line(&r)) {
			ok = r.failed ? false
				      : fail(&r, "the header says %" PRIu64 " records, the text "
						 "has %" PRIu64 " (cut short?)", np + nt, i);
			break;
		}
		if (!split(&r)) {
			ok = false;
			break;
		}
		bool person = i < np;
		if (strcmp(r.f[0], person ? "p" : "t")) {
			ok = fail(&r, "a %s record expected ('%s')", person ? "person" : "table",
				  person ? "p" : "t");
			break;
		}
		if (person) {
			digest_person *p = &d->people[d->npeople];
			ok = read_person(&r, p);
			if (ok && d->npeople && strcmp(d->people[d->npeople - 1].slug, p->slug) >= 0)
				ok = fail(&r, "people out of order (or a slug twice)");
			d->npeople += ok;
		} else {
			digest_table *t = &d->tables[d->ntables];
			memset(t, 0, sizeof(*t));
			ok = read_table(&r, t);
			if (ok && d->ntables && cmp_table(&d->tables[d->ntables - 1], t) >= 0)
				ok = fail(&r, "tables out of order (or one twice)");
			d->ntables += ok;
		}
	}
	if (ok && r.at < r.len) {
		r.line++;
		ok = fail(&r, "more records than the header says");
	}
	if (ok && !(d->hash = content_hash(d)))
		ok = fail(&r, "out of memory");
	reader_free(&r);
	if (!ok) {
		digest_free(d);
		return NULL;
	}
	return d;
}

/* The next delta record's fields; false at the end or on an error. */
static bool delta_line(struct reader *r)
{
	if (!next_line(r))
		return r->failed ? false : fail(r, "fewer records than the header says (cut short?)");
	return split(r);
}

bool digest_patch(digest *d, const char *text, size_t len, char *err, size_t errsize)
{
	char dummy[1];
	if (!err || !errsize)
		err = dummy, errsize = sizeof(dummy);
	*err = '\0';
	struct reader r = {.text = text, .len = len, .err = err, .errsize = errsize,
			   .arena = d->arena};
	uint64_t base = 0, hash = 0, np = 0, nt = 0;
	bool ok = read_header(&r, DELTA_HEADER, &base, &hash, &np, &nt);
	if (ok && base != d->hash)
		ok = fail(&r, "a delta against version %016" PRIx64 ", not %016" PRIx64,
			  base, d->hash);
	/* the new arrays: at most every old record plus every new one */
	digest_person *people = ok ? malloc((d->npeople + np + 1) * sizeof(*people)) : NULL;
	digest_table *tables = ok ? malloc((d->ntables + nt + 1) * sizeof(*tables)) : NULL;
	if (ok && (!people || !tables))
		ok = fail(&r, "out of memory");
	size_t npeople = 0, ntables = 0, i = 0;
	/* records in key order, merged with the base's */
	const char *last = NULL;
	for (uint64_t k = 0; ok && k < np; k++) {
		if (!(ok = delta_line(&r)))
			break;
		bool del = !strcmp(r.f[0], "-p");
		digest_person p = {0};
		if (del && r.nf != 2)
			ok = fail(&r, "'-p' takes one slug");
		else if (del)
			ok = (p.slug = str_at(&r, 1)) != NULL;
		else if (strcmp(r.f[0], "p"))
			ok = fail(&r, "a person record expected ('p' or '-p')");
		else
			ok = read_person(&r, &p);
		if (ok && last && strcmp(last, p.slug) >= 0)
			ok = fail(&r, "people out of order (or a slug twice)");
		if (!ok)
			break;
		last = p.slug;
		while (i < d->npeople && strcmp(d->people[i].slug, p.slug) < 0)
			people[npeople++] = d->people[i++];
		bool in_base = i < d->npeople && !strcmp(d->people[i].slug, p.slug);
		if (del && !in_base) {
			ok = fail(&r, "'-p' of a slug the version does not have");
			break;
		}
		i += in_base;
		if (!del)
			people[npeople++] = p;
	}
	while (ok && i < d->npeople)
		people[npeople++] = d->people[i++];
	i = 0;
	digest_table prev = {0};
	for (uint64_t k = 0; ok && k < nt; k++) {
		if (!(ok = delta_line(&r)))
			break;
		bool del = !strcmp(r.f[0], "-t");
		digest_table t = {0};
		uint64_t index;
		if (del && r.nf != 3)
			ok = fail(&r, "'-t' takes a group and an index");
		else if (del && (ok = number(&r, 2, 1000000000, &index, "table index"))) {
			t.group = str_at(&r, 1);
			t.index = (size_t)index;
			ok = t.group != NULL;
		} else if (!del && strcmp(r.f[0], "t"))
			ok = fail(&r, "a table record expected ('t' or '-t')");
		else if (!del)
			ok = read_table(&r, &t);
		if (ok && k && cmp_table(&prev, &t) >= 0)
			ok = fail(&r, "tables out of order (or one twice)");
		if (!ok)
			break;
		prev = t;
		while (i < d->ntables && cmp_table(&d->tables[i], &t) < 0)
			tables[ntables++] = d->tables[i++];
		bool in_base = i < d->ntables && !cmp_table(&d->tables[i], &t);
		if (del && !in_base) {
			ok = fail(&r, "'-t' of a table the version does not have");
			break;
		}
		i += in_base;
		if (!del)
			tables[ntables++] = t;
	}
	while (ok && i < d->ntables)
		tables[ntables++] = d->tables[i++];
	if (ok && r.at < r.len) {
		r.line++;
		ok = fail(&r, "more records than the header says");
	}
	reader_free(&r);
	if (ok) {
		digest_person *op = d->people;
		digest_table *ot = d->tables;
		size_t on = d->npeople, ont = d->ntables;
		uint64_t oh = d->hash;
		d->people = people;
		d->npeople = npeople;
		d->tables = tables;
		d->ntables = ntables;
		d->hash = content_hash(d);
		uint64_t got = d->hash;
		if (got != hash) { /* not the version it says: put d back */
			d->people = op, d->npeople = on, d->tables = ot, d->ntables = ont;
			d->hash = oh;
			snprintf(err, errsize, "line 1: the patched version's hash is %016" PRIx64
				 ", the delta says %016" PRIx64, got, hash);
			free(people);
			free(tables);
			return false;
		}
		free(op);
		free(ot);
		return true;
	}
	free(people);
	free(tables);
	return false;
}

/* fuzz-page: the handbook page reader, page_read, and page_heading_at.
 *
 * Feeds: the raw input, every byte of it (NULs included), as the text of
 * a page (front matter, headings, channels, labels, links).
 * Asserts: no memory error, leak (the arena and the diagnostics are
 * freed) or undefined behaviour; page_read never fails; body_offset and
 * body_line lie within the file; every string the page holds is a
 * non-NULL C string (names, labels and URLs non-empty; a channel name
 * starts with '#' unless it came with its Slack URL); headings have levels
 * 1..6 and strictly increasing lines from body_line to the file's last
 * line; channels and links have non-decreasing lines in the body; names, labels
 * and URLs are each listed once; page_heading_at gives each heading for
 * its own line, the one before for the line above it, NULL above the
 * first and the last one far below; reading twice gives the same result;
 * the diagnostics pass fz_check_diags. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"
#include "teamtui/page.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

/* Lines as page.c counts them: ends at "\n", "\r\n" or "\r". */
static int count_lines(const uint8_t *d, size_t n)
{
	int lines = 1;
	for (size_t i = 0; i < n; i++) {
		if (d[i] == '\n' || (d[i] == '\r' && !(i + 1 < n && d[i + 1] == '\n')))
			lines++;
	}
	return lines;
}

static void check_str(const char *s, bool nonempty, const char *what)
{
	FZ_CHECK(s != NULL, "%s is NULL", what);
	FZ_CHECK(!nonempty || s[0], "%s is empty", what);
}

static int same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static void check_page(const page_text *p, size_t size, int nlines)
{
	FZ_CHECK(p->body_offset <= size, "body_offset %zu past the end (%zu)",
		 p->body_offset, size);
	FZ_CHECK(p->body_line >= 1 && p->body_line <= nlines + 1,
		 "body_line %d outside 1..%d", p->body_line, nlines + 1);
	for (size_t i = 0; i < p->naliases; i++)
		check_str(p->aliases[i], false, "alias");
	int last = 0;
	for (size_t i = 0; i < p->nheadings; i++) {
		const page_heading *h = &p->headings[i];
		check_str(h->text, false, "heading text");
		FZ_CHECK(h->level >= 1 && h->level <= 6, "heading level %d", h->level);
		FZ_CHECK(h->line > last, "heading line %d after %d", h->line, last);
		FZ_CHECK(h->line >= p->body_line && h->line <= nlines,
			 "heading line %d outside %d..%d", h->line, p->body_line, nlines);
		last = h->line;
		FZ_CHECK(page_heading_at(p, h->line) == h, "heading_at(%d) is not heading %zu",
			 h->line, i);
		FZ_CHECK(page_heading_at(p, h->line - 1) == (i ? h - 1 : NULL),
			 "heading_at(%d) is not the heading before", h->line - 1);
	}
	FZ_CHECK(page_heading_at(p, INT_MAX) ==
		     (p->nheadings ? &p->headings[p->nheadings - 1] : NULL),
		 "heading_at(INT_MAX) is not the last heading");
	FZ_CHECK(page_heading_at(p, 0) == NULL, "heading_at(0) is not NULL");
	last = 0;
	for (size_t i = 0; i < p->nchannels; i++) {
		const page_channel *c = &p->channels[i];
		check_str(c->name, true, "channel name");
		FZ_CHECK(c->name[0] == '#' || c->url, "channel '%s' without # nor url", c->name);
		FZ_CHECK(!c->url || c->url[0], "empty channel url");
		FZ_CHECK(c->line >= last && c->line >= p->body_line && c->line <= nlines,
			 "channel line %d", c->line);
		last = c->line;
		for (size_t j = 0; j < i; j++)
			FZ_CHECK(strcmp(p->channels[j].name, c->name), "channel '%s' twice", c->name);
	}
	for (size_t i = 0; i < p->nlabels; i++) {
		check_str(p->labels[i], true, "label");
		for (size_t j = 0; j < i; j++)
			FZ_CHECK(strcmp(p->labels[j], p->labels[i]), "label '%s' twice",
				 p->labels[i]);
	}
	last = 0;
	for (size_t i = 0; i < p->nlinks; i++) {
		const page_link *l = &p->links[i];
		check_str(l->title, false, "link title");
		check_str(l->url, true, "link url");
		FZ_CHECK(l->line >= last && l->line >= p->body_line && l->line <= nlines,
			 "link line %d", l->line);
		last = l->line;
		for (size_t j = 0; j < i; j++)
			FZ_CHECK(strcmp(p->links[j].url, l->url), "link '%s' twice", l->url);
	}
}

static void check_same(const page_text *a, const page_text *b)
{
	FZ_CHECK(a->has_front_matter == b->has_front_matter && same(a->title, b->title) &&
		     same(a->description, b->description) && a->naliases == b->naliases &&
		     a->body_offset == b->body_offset && a->body_line == b->body_line &&
		     a->nheadings == b->nheadings && a->nchannels == b->nchannels &&
		     a->nlabels == b->nlabels && a->nlinks == b->nlinks,
		 "two reads differ in counts or front matter");
	for (size_t i = 0; i < a->naliases; i++)
		FZ_CHECK(same(a->aliases[i], b->aliases[i]), "alias %zu differs", i);
	for (size_t i = 0; i < a->nheadings; i++)
		FZ_CHECK(a->headings[i].level == b->headings[i].level &&
			     a->headings[i].line == b->headings[i].line &&
			     same(a->headings[i].text, b->headings[i].text),
			 "heading %zu differs", i);
	for (size_t i = 0; i < a->nchannels; i++)
		FZ_CHECK(same(a->channels[i].name, b->channels[i].name) &&
			     same(a->channels[i].url, b->channels[i].url) &&
			     a->channels[i].line == b->channels[i].line,
			 "channel %zu differs", i);
	for (size_t i = 0; i < a->nlabels; i++)
		FZ_CHECK(same(a->labels[i], b->labels[i]), "label %zu differs", i);
	for (size_t i = 0; i < a->nlinks; i++)
		FZ_CHECK(same(a->links[i].title, b->links[i].title) &&
			     same(a->links[i].url, b->links[i].url) &&
			     a->links[i].line == b->links[i].line,
			 "link %zu differs", i);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* a copy of exactly `size` bytes: reading past it is an ASan error */
	char *text = malloc(size ? size : 1);
	FZ_CHECK(text != NULL, "out of memory");
	if (size)
		memcpy(text, data, size);
	int nlines = count_lines(data, size);

	arena *a = arena_new(), *b = arena_new();
	FZ_CHECK(a && b, "arena_new: out of memory");
	diag_list da, db;
	diag_init(&da);
	diag_init(&db);
	page_text pa, pb;
	FZ_CHECK(page_read("fuzz.md", text, size, a, &da, &pa), "page_read failed");
	fz_check_diags(&da);
	check_page(&pa, size, nlines);
	FZ_CHECK(page_read("fuzz.md", text, size, b, &db, &pb), "page_read failed (again)");
	check_same(&pa, &pb);
	FZ_CHECK(da.count == db.count, "diagnostics differ between reads");
	for (size_t i = 0; i < da.count; i++)
		FZ_CHECK(da.items[i].line == db.items[i].line &&
			     !strcmp(da.items[i].message, db.items[i].message),
			 "diagnostic %zu differs between reads", i);
	diag_free(&da);
	diag_free(&db);
	arena_free(a);
	arena_free(b);
	free(text);
	return 0;
}

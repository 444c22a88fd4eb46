/* page: what a handbook page (a .md file under content/handbook/) says about its
 * team, read from its text: front matter, headings, Slack channels,
 * labels and links.
 *
 * The page is Markdown with YAML front matter between "---" lines. Only
 * plain text rules are applied (no Markdown renderer): headings are ATX
 * ("## Team Members", with optional closing #s and a trailing {#anchor})
 * and setext (a line of "===" or "---" under a text line), not inside
 * fenced code blocks (``` or ~~~) nor HTML comment blocks. Shortcode
 * calls are found elsewhere (shortcode.h); page_heading_at() tells which
 * heading is above one. The exact rules for every field are at the top
 * of src/core/page.c.
 *
 * Pure: no I/O. Strings live in the arena passed in; they are raw page
 * text (untrusted: sanitize at output), never NULL where present and
 * free of NULs (a NUL in the page becomes U+FFFD). Lines count as editors
 * count them ("\n", "\r\n" or a lone "\r" ends one), from 1 at the
 * file's first line, front matter included. Linear in the page's size,
 * whatever its bytes. */
#ifndef TEAMTUI_PAGE_H
#define TEAMTUI_PAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "teamtui/arena.h"
#include "teamtui/diag.h"

typedef struct page_heading {
	int level; /* 1..6 */
	const char *text; /* without #s, emphasis markers and {#anchor} */
	int line;
} page_heading;

typedef struct page_link {
	const char *title; /* the row or list item label ("Issue Tracker";
			      "Team Boards: Build" when the row has several
			      links), else the link text ("OKRs"), else a
			      name from the URL ("acme/boards/42") */
	const char *url;
	int line;
} page_link;

typedef struct page_channel {
	const char *name; /* "#g_custom_models", with its #; only a link by
			     channel ID whose text is not a channel name
			     but that says "Slack Channel" is named by its
			     text as written ("General Slack Channel") */
	const char *url;  /* the slack.com/archives/... link it came with, or NULL */
	int line;
} page_channel;

typedef struct page_text {
	/* front matter (YAML between a first line "---" and the next "---"
	 * or "..." line); body_offset/body_line say where the body starts */
	bool has_front_matter;
	const char *title, *description; /* NULL when absent */
	const char **aliases;		 /* as written; naliases entries */
	size_t naliases;
	size_t body_offset;
	int body_line;
	page_heading *headings; /* in page order */
	size_t nheadings;
	page_channel *channels; /* each name once, first occurrence */
	size_t nchannels;
	const char **labels; /* ~"group::x", ~group::x, `~"x"`, `~x y` and
				label_name[]= in URLs: "group::x"; each
				once, page order */
	size_t nlabels;
	page_link *links; /* issue trackers, boards, OKR links, label-filtered
			     issue lists; each URL once, page order */
	size_t nlinks;
} page_text;

/* Read text[0..len) (any bytes; NULL with len 0 is an empty page) of the
 * page `file` (used only to locate diagnostics, as file:line:column).
 * Fills *out (zeroed first); every string and array in it lives in `a`,
 * owned by the caller (arena_free releases it). Problems (front matter
 * that is not YAML: ydoc's errors, downgraded; invalid UTF-8 in it; a
 * front matter that never ends; a title, description or alias that is a
 * list or map) are warnings in diags (may be NULL); whatever could be
 * read is kept. False only when out of memory (then *out is partial).
 * Rules: src/core/page.c's header, after the real pages described in
 * /work/shared/research/handbook-sources.md sections 5 and 8. */
bool page_read(const char *file, const char *text, size_t len, arena *a,
	       diag_list *diags, page_text *out);

/* The nearest heading at or above `line` (any level): the last one
 * whose line is <= `line` (binary search), or NULL when there is none or
 * p is NULL. Points into p->headings. */
const page_heading *page_heading_at(const page_text *p, int line);

#endif

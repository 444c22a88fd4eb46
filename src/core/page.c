/* page.c: what a handbook page's text says about its team.
 *
 * Plain-text rules over the page's lines, no Markdown renderer. Every
 * rule below was chosen from the shapes real group pages use (see
 * /work/shared/research/handbook-sources.md, sections 5 and 8: Custom
 * Models, Code Review BE, Test Governance, Environments, Gitaly...).
 *
 * Lines end at "\n", "\r\n" or a lone "\r" (as ydoc and editors count).
 *
 * FRONT MATTER. The first line (after an optional UTF-8 byte-order mark)
 * is exactly "---" plus optional spaces or tabs; it ends at the next line
 * that is "---" or "..." (trailing spaces or tabs allowed). The text from
 * the opening "---" up to the closing line goes to ydoc as it stands, so
 * YAML positions are file positions ("---" is YAML's document start).
 * Invalid UTF-8 or control bytes in it are replaced by U+FFFD first, with
 * one warning at the first. ydoc's errors become warnings (a page is
 * still read). Keys: title and description (any scalar, kept as written;
 * null = absent; a list or map: warning, ignored), aliases (a string, or
 * a list whose scalar items are kept; other items and a map: warning).
 * A root that is not a map: warning. No closing line: a warning at line
 * 1 and the whole file is body (has_front_matter false).
 *
 * HEADINGS. ATX: up to 3 spaces, 1 to 6 '#', then a space, a tab or the
 * end of the line; the text drops a closing run of '#' (preceded by a
 * space), then a trailing "{#anchor}", then a closing run again. Setext:
 * a line of only '=' (level 1) or only '-' (level 2), up to 3 spaces
 * before and any spaces after, right under a paragraph line; the
 * heading is that one line (its line number). A paragraph line is a
 * non-blank line that is not a heading, fence, comment start, thematic
 * break, list item, table row ('|'), blockquote ('>'), HTML ('<') or
 * shortcode ("{{") line; a line indented 4+ continues a paragraph but
 * does not start one. So "---" after a blank line or after a list item
 * is a thematic break. Heading text loses every "**", "__" and '`', then
 * surrounding white space; NULs become U+FFFD.
 * No headings inside fenced code (a line of 3+ '`' or '~' at any
 * indentation, since fences sit in list items; a '`' fence's info string
 * has no '`'; it closes at a line of the same character, at least as
 * many, nothing after but spaces; unclosed: to the end of the file) nor
 * inside an HTML comment block (a line starting, after up to 3 spaces,
 * with "<!--", up to the first line holding "-->").
 *
 * Everything below is read from every body line, code and comments
 * included (quick-action examples in code name real labels).
 *
 * ROW AND ITEM LABELS. A table row "| Label | ... |" has the label of
 * its first cell; a list item ("-", "*", "+", "1." or "1)" then a space)
 * "- Label: ..." has the text before its first ':'. The label loses '*',
 * '`' and "__", surrounding spaces and a trailing ':'; it is not a label
 * when empty, longer than 64 bytes, or holding one of "[]()<>".
 *
 * LINKS FOUND. Markdown inline links [text](dest) and [text](<dest>
 * "title") (nested brackets, balanced parentheses in dest, backslash
 * escapes; images "![..](..)" are skipped; code spans are not special,
 * so `[#g_x](url)` is a link), and bare http:// and https:// URLs (up to
 * white space, a control byte, '<', '>', '"', '`' or '|', minus
 * trailing ".,:;!?*_~'" and an unbalanced ')' or ']').
 *
 * CHANNELS ("#name", each name once: the first occurrence wins, a later
 * one with a URL fills a missing url):
 * - tokens "#g_x", "#s_x", "#f_x" (name chars [A-Za-z0-9_-]) in text, in
 *   code or in link text, whose '#' follows the line start, white space,
 *   a byte >= 0x80 or one of ([`*_"',;|>{:\ (not "page#g_x", "##g_x",
 *   nor inside a URL); "_#g_x_" drops the closing '_'. On a line whose
 *   label holds "Slack Channel" (any case: "Team Slack Channels" too),
 *   any "#name" token counts;
 * - a link or bare URL to http(s)://[*.]slack.com/archives/X,
 *   .../messages/X or .../channels/X (url = that URL): the name is the
 *   link text's "#name" when the text starts with one ('`', "**" and "__"
 *   dropped first), else "#X" when X is a name, else (X is an ID: capitals
 *   and digits only) the whole link text, so tidied, when the line's label
 *   or the link text holds "Slack Channel": the one case of a name that
 *   need not start with '#'. A bare URL by ID gives nothing.
 *
 * LABELS (each once, page order):
 * - ~"any text" (closing quote on the line, at most 255 bytes);
 * - a code span opening with '~', holding a space and no other '~', '"'
 *   or '`': all of it (`~group::custom models` is "group::custom models": GitLab
 *   would read only "group::custom", but every page writing it that way
 *   means the whole label);
 * - bare ~name: a letter, then [A-Za-z0-9_.?&:-], minus trailing ".:?&";
 *   the '~' not after a letter, digit, '~', '/' or '\', nor before '~';
 * - in any URL's query, each parameter label_name[]= (also written
 *   label_name%5B%5D=, also after a stray "amp;"), percent-decoded with
 *   '+' as space; "None" and "Any" (GitLab's filters) are not labels.
 *   not[label_name][]= excludes a label and is skipped.
 *
 * TEAM LINKS (each URL once, page order; never a slack.com URL nor an
 * in-page "#anchor"): a link or bare URL is kept when
 * - its URL is a gitlab.com (or www.gitlab.com) list: a path segment
 *   "boards" or "epic_boards", or a last path segment (one trailing '/'
 *   dropped) "issues", "epics" or "work_items" (so /-/issues/?label...,
 *   dashboard/issues, /groups/x/-/epics; not /-/issues/new or
 *   /-/issues/42); or
 * - the line's label or the link's text holds one of the words Issue
 *   Tracker, Board, OKR, Epic, Roadmap, Team Page, Handbook, GitLab Group,
 *   Repository, Repositories (case-insensitive, an 's' plural allowed,
 *   standing alone: no letter, digit, '/', '.', '_' or '-' before it nor
 *   after it, except a full stop: "Boards" and "Team handbook." count,
 *   "Dashboard", "content/handbook/x" and "gitlab-OKRs" do not).
 * Title: the line's label ("Issue Tracker"), or "label: text" when the
 * line keeps more than one link and the text says something else; with
 * no label the link text with '`', "**", "__" and a label's ~"..."
 * dropped; with no text either, the URL's path without "groups/", "/-"
 * and trailing '/' ("gitlab-org/boards/42"), or the URL itself.
 *
 * Cost: one pass over each line for structure, one for links, one for
 * the rest; searches ahead (a closing quote, '>', ')' or '`') are cached
 * per line; a link destination that fails turns the balanced-parenthesis
 * rule off for the rest of its line (later destinations end at the first
 * ')'), and link parsing stops on a line once it has looked at 8 times
 * the line's length plus 4096 bytes, so any input costs linear time. */
#include "teamtui/page.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "teamtui/utf8.h"
#include "teamtui/strbuf.h"
#include "teamtui/ydoc.h"

enum { LABEL_MAX = 64, GITLAB_LABEL_MAX = 255, OPENERS = 32 };

/* ---- small helpers ---- */

static bool is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_alnum(unsigned char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t';
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool ci_prefix(const char *s, size_t len, const char *p)
{
	size_t n = strlen(p);
	if (len < n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (lower(s[i]) != p[i])
			return false;
	return true;
}

/* Part of a path, host name or identifier around a word. */
static bool word_glue(unsigned char c)
{
	return is_alnum(c) || c == '/' || c == '.' || c == '_' || c == '-';
}

/* s[0..len) holds the lowercase word `w` (an 's' plural allowed) standing
 * alone: no letter, digit, '/', '.', '_' or '-' before it; none but a
 * sentence's '.' (not followed by a letter or digit) after it. */
static bool has_word(const char *s, size_t len, const char *w)
{
	size_t n = strlen(w);
	for (size_t i = 0; i + n <= len; i++) {
		if (i > 0 && word_glue((unsigned char)s[i - 1]))
			continue;
		if (!ci_prefix(s + i, len - i, w))
			continue;
		size_t e = i + n;
		if (e < len && lower(s[e]) == 's')
			e++;
		if (e >= len)
			return true;
		if (s[e] == '.' && (e + 1 >= len || !is_alnum((unsigned char)s[e + 1])))
			return true;
		if (!word_glue((unsigned char)s[e]))
			return true;
	}
	return false;
}

static bool says_slack_channel(const char *s, size_t len)
{
	for (size_t i = 0; i + 13 <= len; i++)
		if (ci_prefix(s + i, len - i, "slack channel"))
			return true;
	return false;
}

static const char *const LINK_WORDS[] = {
	"issue tracker", "board", "okr", "epic", "roadmap", "team page",
	"handbook", "gitlab group", "repository", "repositories",
};

static bool says_link(const char *s, size_t len)
{
	for (size_t i = 0; i < sizeof(LINK_WORDS) / sizeof(LINK_WORDS[0]); i++)
		if (has_word(s, len, LINK_WORDS[i]))
			return true;
	return false;
}

/* ---- a set of strings, by index into the owner's array ---- */

typedef struct sslot {
	const char *s; /* NULL: empty */
	size_t len, idx;
	uint64_t h;
} sslot;

typedef struct sset {
	sslot *t;
	size_t cap, n;
} sset;

static uint64_t hash(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
	return h ^ (h >> 29);
}

/* The index stored for s, or SIZE_MAX. */
static size_t sset_find(const sset *t, const char *s, size_t len, uint64_t h)
{
	if (!t->cap)
		return SIZE_MAX;
	for (size_t i = h & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
		const sslot *e = &t->t[i];
		if (!e->s)
			return SIZE_MAX;
		if (e->h == h && e->len == len && !memcmp(e->s, s, len))
			return e->idx;
	}
}

static bool sset_add(sset *t, const char *s, size_t len, uint64_t h, size_t idx)
{
	if ((t->n + 1) * 2 > t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		sslot *nt = calloc(cap, sizeof(*nt));
		if (!nt)
			return false;
		for (size_t i = 0; i < t->cap; i++) {
			if (!t->t[i].s)
				continue;
			size_t j = t->t[i].h & (cap - 1);
			while (nt[j].s)
				j = (j + 1) & (cap - 1);
			nt[j] = t->t[i];
		}
		free(t->t);
		t->t = nt;
		t->cap = cap;
	}
	size_t j = h & (t->cap - 1);
	while (t->t[j].s)
		j = (j + 1) & (t->cap - 1);
	t->t[j] = (sslot){s, len, idx, h};
	t->n++;
	return true;
}

/* ---- per-line "next occurrence of a byte" cache ---- */

typedef struct nextc {
	bool valid;
	size_t from, at;
} nextc;

/* The first index >= p of ch in s[0..len), or len. Linear over a line
 * as long as p does not go backwards. */
static size_t next_char(nextc *c, const char *s, size_t len, size_t p, char ch)
{
	if (c->valid && p >= c->from && c->at >= p)
		return c->at;
	const char *q = p < len ? memchr(s + p, ch, len - p) : NULL;
	c->valid = true;
	c->from = p;
	c->at = q ? (size_t)(q - s) : len;
	return c->at;
}

/* ---- the builder ---- */

typedef struct mdlink {
	size_t start, text_s, text_e, dest_s, dest_e, end;
	bool image; /* ![alt](src): skipped whole */
} mdlink;

typedef struct cand {
	size_t url_s, url_e, text_s, text_e;
	bool has_text;
} cand;

typedef struct builder {
	const char *file;
	arena *a;
	diag_list *diags;
	bool oom;
	strbuf tmp, tmp2, lab; /* scratch; lab: the line's label */
	page_heading *heads;
	size_t nheads, capheads;
	page_channel *chans;
	size_t nchans, capchans;
	sset chanset;
	const char **labels;
	size_t nlabels, caplabels;
	sset labelset;
	page_link *links;
	size_t nlinks, caplinks;
	sset linkset;
	/* the current line */
	const char *s;
	size_t len;
	int line;
	const char *label; /* its row or item label (cleaned), or NULL */
	size_t label_len;
	bool slack_ctx;
	mdlink *ml;
	size_t nml, capml;
	cand *cands;
	size_t ncands, capcands;
	nextc nq, nbt;
} builder;

static bool grow(builder *b, void **v, size_t *cap, size_t n, size_t elem)
{
	if (n < *cap)
		return true;
	size_t c = *cap ? *cap * 2 : 16;
	void *p = realloc(*v, c * elem);
	if (!p) {
		b->oom = true;
		return false;
	}
	*v = p;
	*cap = c;
	return true;
}

static void warn(builder *b, int line, int col, const char *msg, const char *arg)
{
	if (b->diags)
		diag_add(b->diags, DIAG_WARNING, b->file, line, col, msg, arg);
}

/* s[0..len) in the arena, each NUL as U+FFFD. */
static const char *dup_clean(builder *b, const char *s, size_t len)
{
	size_t nul = 0;
	for (size_t i = 0; i < len; i++)
		nul += !s[i];
	char *p = arena_alloc(b->a, len + 2 * nul + 1);
	if (!p) {
		b->oom = true;
		return NULL;
	}
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i]) {
			p[o++] = s[i];
		} else {
			memcpy(p + o, "\xEF\xBF\xBD", 3);
			o += 3;
		}
	}
	p[o] = '\0';
	return p;
}

/* Trim spaces and tabs off both ends of [*s, *s + *len). */
static void trim(const char **s, size_t *len)
{
	while (*len && is_space((unsigned char)**s)) {
		(*s)++;
		(*len)--;
	}
	while (*len && is_space((unsigned char)(*s)[*len - 1]))
		(*len)--;
}

/* Into b: s[0..len) without '`', "**" and "__" (and every '*' when
 * `stars`), trimmed. */
static void strip_marks(strbuf *out, const char *s, size_t len, bool stars)
{
	out->n = 0;
	strbuf_put(out, "", 0);
	size_t from = 0;
	for (size_t i = 0; i < len;) {
		size_t skip = 0;
		if (s[i] == '`' || (stars && s[i] == '*'))
			skip = 1;
		else if (i + 1 < len && (s[i] == '*' || s[i] == '_') && s[i + 1] == s[i])
			skip = 2;
		if (!skip) {
			i++;
			continue;
		}
		strbuf_put(out, s + from, i - from);
		i += skip;
		from = i;
	}
	strbuf_put(out, s + from, len - from);
	if (out->oom)
		return;
	const char *t = out->p;
	size_t n = out->n;
	trim(&t, &n);
	memmove(out->p, t, n);
	out->n = n;
	out->p[n] = '\0';
}

/* ---- results ---- */

static void add_heading(builder *b, int level, const char *s, size_t len, int line)
{
	strip_marks(&b->tmp, s, len, false);
	if (b->tmp.oom) {
		b->oom = true;
		return;
	}
	if (!grow(b, (void **)&b->heads, &b->capheads, b->nheads, sizeof(*b->heads)))
		return;
	const char *t = dup_clean(b, b->tmp.p, b->tmp.n);
	if (t)
		b->heads[b->nheads++] = (page_heading){level, t, line};
}

/* The form a string is stored and compared in: itself, or (holding a
 * NUL) its arena copy with U+FFFD for each NUL. */
static bool stored_form(builder *b, const char **s, size_t *len)
{
	if (!*len || !memchr(*s, 0, *len))
		return true;
	const char *c = dup_clean(b, *s, *len);
	if (!c)
		return false;
	*s = c;
	*len = strlen(c);
	return true;
}

static void add_channel(builder *b, const char *name, size_t nlen,
			const char *url, size_t ulen)
{
	if (!stored_form(b, &name, &nlen))
		return;
	uint64_t h = hash(name, nlen);
	size_t i = sset_find(&b->chanset, name, nlen, h);
	if (i != SIZE_MAX) {
		if (url && !b->chans[i].url)
			b->chans[i].url = dup_clean(b, url, ulen);
		return;
	}
	if (!grow(b, (void **)&b->chans, &b->capchans, b->nchans, sizeof(*b->chans)))
		return;
	const char *n = dup_clean(b, name, nlen);
	const char *u = url ? dup_clean(b, url, ulen) : NULL;
	if (!n || (url && !u))
		return;
	if (!sset_add(&b->chanset, n, nlen, h, b->nchans)) {
		b->oom = true;
		return;
	}
	b->chans[b->nchans++] = (page_channel){n, u, b->line};
}

/* "#" + s[0..len) as a channel name. */
static void add_channel_hash(builder *b, const char *s, size_t len,
			     const char *url, size_t ulen)
{
	b->tmp2.n = 0;
	strbuf_put(&b->tmp2, "#", 1);
	strbuf_put(&b->tmp2, s, len);
	if (b->tmp2.oom) {
		b->oom = true;
		return;
	}
	add_channel(b, b->tmp2.p, b->tmp2.n, url, ulen);
}

static void add_label(builder *b, const char *s, size_t len)
{
	if (!len || !stored_form(b, &s, &len))
		return;
	uint64_t h = hash(s, len);
	if (sset_find(&b->labelset, s, len, h) != SIZE_MAX)
		return;
	if (!grow(b, (void **)&b->labels, &b->caplabels, b->nlabels, sizeof(*b->labels)))
		return;
	const char *l = dup_clean(b, s, len);
	if (!l)
		return;
	if (!sset_add(&b->labelset, l, len, h, b->nlabels)) {
		b->oom = true;
		return;
	}
	b->labels[b->nlabels++] = l;
}

/* ---- URLs ---- */

/* The host of an http(s) URL: [*hs, *he), and where its path starts. */
static bool url_host(const char *u, size_t len, size_t *hs, size_t *he)
{
	size_t p;
	if (ci_prefix(u, len, "https://"))
		p = 8;
	else if (ci_prefix(u, len, "http://"))
		p = 7;
	else
		return false;
	size_t e = p;
	while (e < len && u[e] != '/' && u[e] != '?' && u[e] != '#' && u[e] != ':')
		e++;
	*hs = p;
	*he = e;
	return e > p;
}

static bool host_is(const char *h, size_t n, const char *name)
{
	size_t k = strlen(name);
	if (n == k)
		return ci_prefix(h, n, name);
	return n > k && h[n - k - 1] == '.' && ci_prefix(h + n - k, k, name);
}

/* Where the path of an http(s) URL starts and ends (before ? or #). */
static void url_path(const char *u, size_t len, size_t he, size_t *ps, size_t *pe)
{
	size_t p = he;
	while (p < len && u[p] != '/' && u[p] != '?' && u[p] != '#')
		p++; /* a :port */
	size_t e = p;
	while (e < len && u[e] != '?' && u[e] != '#')
		e++;
	*ps = p;
	*pe = e;
}

/* A slack.com archives/messages/channels URL: its X in [*xs, *xe). */
static bool slack_target(const char *u, size_t len, size_t *xs, size_t *xe)
{
	size_t hs, he, ps, pe;
	if (!url_host(u, len, &hs, &he) || !host_is(u + hs, he - hs, "slack.com"))
		return false;
	url_path(u, len, he, &ps, &pe);
	static const char *const kinds[] = {"/archives/", "/messages/", "/channels/"};
	for (size_t k = 0; k < 3; k++) {
		size_t n = strlen(kinds[k]);
		if (pe - ps > n && !memcmp(u + ps, kinds[k], n)) {
			size_t s = ps + n, e = s;
			while (e < pe && u[e] != '/')
				e++;
			*xs = s;
			*xe = e;
			return e > s;
		}
	}
	return false;
}

static bool is_slack(const char *u, size_t len)
{
	size_t hs, he;
	return url_host(u, len, &hs, &he) && host_is(u + hs, he - hs, "slack.com");
}

static bool is_slack_id(const char *s, size_t len)
{
	if (!len || !(s[0] >= 'A' && s[0] <= 'Z'))
		return false;
	for (size_t i = 0; i < len; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
			return false;
	return true;
}

static bool seg_is(const char *s, size_t len, const char *w)
{
	return len == strlen(w) && !memcmp(s, w, len);
}

/* A gitlab.com issue list, epic list, work item list or board. */
static bool is_list_url(const char *u, size_t len)
{
	size_t hs, he, ps, pe;
	if (!url_host(u, len, &hs, &he))
		return false;
	size_t hl = he - hs;
	if (!((hl == 10 && ci_prefix(u + hs, hl, "gitlab.com")) ||
	      (hl == 14 && ci_prefix(u + hs, hl, "www.gitlab.com"))))
		return false;
	url_path(u, len, he, &ps, &pe);
	if (pe > ps && u[pe - 1] == '/')
		pe--;
	size_t last_s = pe;
	for (size_t i = ps; i < pe;) {
		while (i < pe && u[i] == '/')
			i++;
		size_t e = i;
		while (e < pe && u[e] != '/')
			e++;
		if (e > i) {
			if (seg_is(u + i, e - i, "boards") ||
			    seg_is(u + i, e - i, "epic_boards"))
				return true;
			last_s = i;
		}
		i = e;
	}
	return seg_is(u + last_s, pe - last_s, "issues") ||
	       seg_is(u + last_s, pe - last_s, "epics") ||
	       seg_is(u + last_s, pe - last_s, "work_items");
}

/* Percent-decode s[0..len) into out ('+' as space when `plus`). */
static void pct_decode(strbuf *out, const char *s, size_t len, bool plus)
{
	out->n = 0;
	strbuf_put(out, "", 0);
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '%' && i + 2 < len && utf8_hex_digit(s[i + 1]) >= 0 &&
		    utf8_hex_digit(s[i + 2]) >= 0) {
			c = (char)(utf8_hex_digit(s[i + 1]) * 16 + utf8_hex_digit(s[i + 2]));
			i += 2;
		} else if (c == '+' && plus) {
			c = ' ';
		}
		strbuf_put(out, &c, 1);
	}
}

/* Labels from label_name[]= parameters in the URL's query. */
static void labels_of_url(builder *b, const char *u, size_t len)
{
	const char *q = memchr(u, '?', len);
	if (!q)
		return;
	size_t i = (size_t)(q - u) + 1;
	size_t end = i;
	while (end < len && u[end] != '#')
		end++;
	while (i < end) {
		size_t e = i;
		while (e < end && u[e] != '&')
			e++;
		const char *eq = memchr(u + i, '=', e - i);
		if (eq) {
			size_t ks = i, ke = (size_t)(eq - u);
			if (ke - ks >= 4 && !memcmp(u + ks, "amp;", 4))
				ks += 4;
			pct_decode(&b->tmp, u + ks, ke - ks, false);
			if (b->tmp.oom) {
				b->oom = true;
				return;
			}
			if (seg_is(b->tmp.p, b->tmp.n, "label_name[]")) {
				size_t vs = ke + 1;
				pct_decode(&b->tmp, u + vs, e - vs, true);
				if (b->tmp.oom) {
					b->oom = true;
					return;
				}
				if (!seg_is(b->tmp.p, b->tmp.n, "None") &&
				    !seg_is(b->tmp.p, b->tmp.n, "Any"))
					add_label(b, b->tmp.p, b->tmp.n);
			}
		}
		i = e + 1;
	}
}

/* A name for a link with no words: the URL's path, tidied. */
static void url_name(strbuf *out, const char *u, size_t len)
{
	out->n = 0;
	strbuf_put(out, "", 0);
	size_t hs, he, ps, pe;
	if (!url_host(u, len, &hs, &he)) {
		strbuf_put(out, u, len);
		return;
	}
	url_path(u, len, he, &ps, &pe);
	while (ps < pe && u[ps] == '/')
		ps++;
	while (pe > ps && u[pe - 1] == '/')
		pe--;
	if (pe - ps > 7 && !memcmp(u + ps, "groups/", 7))
		ps += 7;
	if (ps == pe) {
		strbuf_put(out, u, len);
		return;
	}
	size_t from = ps;
	for (size_t i = ps; i + 3 <= pe; i++) {
		if (!memcmp(u + i, "/-/", 3)) {
			strbuf_put(out, u + from, i - from);
			from = i + 2; /* keep the second '/' */
			i += 2;
		}
	}
	strbuf_put(out, u + from, pe - from);
}

/* Everything a URL says (with its link text, when it has one). */
static void url_found(builder *b, size_t us, size_t ue, bool has_text,
		      size_t ts, size_t te)
{
	const char *u = b->s + us;
	size_t ulen = ue - us;
	if (!ulen)
		return;
	size_t xs, xe;
	if (slack_target(u, ulen, &xs, &xe)) {
		const char *t = has_text ? b->s + ts : "";
		size_t tlen = has_text ? te - ts : 0;
		strip_marks(&b->tmp, t, tlen, false);
		if (b->tmp.oom) {
			b->oom = true;
			return;
		}
		size_t k = 1;
		while (k < b->tmp.n && (is_alnum((unsigned char)b->tmp.p[k]) ||
					b->tmp.p[k] == '_' || b->tmp.p[k] == '-'))
			k++;
		if (b->tmp.n && b->tmp.p[0] == '#' && k > 1) {
			add_channel(b, b->tmp.p, k, u, ulen);
		} else if (!is_slack_id(u + xs, xe - xs)) {
			add_channel_hash(b, u + xs, xe - xs, u, ulen);
		} else if (b->tmp.n && (b->slack_ctx || says_slack_channel(t, tlen))) {
			add_channel(b, b->tmp.p, b->tmp.n, u, ulen);
		}
	}
	labels_of_url(b, u, ulen);
	if (u[0] == '#' || is_slack(u, ulen))
		return;
	bool keep = is_list_url(u, ulen) ||
		    (b->label && says_link(b->label, b->label_len)) ||
		    (has_text && says_link(b->s + ts, te - ts));
	if (!keep)
		return;
	if (!grow(b, (void **)&b->cands, &b->capcands, b->ncands, sizeof(*b->cands)))
		return;
	b->cands[b->ncands++] = (cand){us, ue, ts, te, has_text};
}

/* Link text, tidied for a title: no '`', "**", "__", no ~"..." markup. */
static void text_title(strbuf *out, const char *s, size_t len)
{
	strip_marks(out, s, len, false);
	if (out->oom || !out->n || out->p[0] != '~')
		return;
	size_t a = 1, e = out->n;
	if (e - a >= 2 && out->p[a] == '"' && out->p[e - 1] == '"') {
		a++;
		e--;
	}
	memmove(out->p, out->p + a, e - a);
	out->n = e - a;
	out->p[out->n] = '\0';
	const char *t = out->p;
	size_t n = out->n;
	trim(&t, &n);
	memmove(out->p, t, n);
	out->n = n;
	out->p[n] = '\0';
}

/* The line's candidate links, titled, into the page's list. */
static void flush_links(builder *b)
{
	for (size_t i = 0; i < b->ncands && !b->oom; i++) {
		const cand *c = &b->cands[i];
		const char *u = b->s + c->url_s;
		size_t ulen = c->url_e - c->url_s;
		const char *url = u;
		size_t klen = ulen;
		if (!stored_form(b, &url, &klen))
			return;
		uint64_t h = hash(url, klen);
		if (sset_find(&b->linkset, url, klen, h) != SIZE_MAX)
			continue;
		strbuf *t = &b->tmp;
		if (c->has_text)
			text_title(t, b->s + c->text_s, c->text_e - c->text_s);
		else
			t->n = 0;
		if (t->oom) {
			b->oom = true;
			return;
		}
		if (b->label) {
			bool other = b->ncands > 1 && t->n &&
				     !(t->n == b->label_len &&
				       !memcmp(t->p, b->label, t->n));
			b->tmp2.n = 0;
			strbuf_put(&b->tmp2, b->label, b->label_len);
			if (other) {
				strbuf_put(&b->tmp2, ": ", 2);
				strbuf_put(&b->tmp2, t->p, t->n);
			}
			t = &b->tmp2;
		} else if (!t->n) {
			url_name(t, u, ulen);
		}
		if (t->oom) {
			b->oom = true;
			return;
		}
		if (!grow(b, (void **)&b->links, &b->caplinks, b->nlinks, sizeof(*b->links)))
			return;
		const char *title = dup_clean(b, t->p, t->n);
		url = dup_clean(b, url, klen);
		if (!title || !url)
			return;
		if (!sset_add(&b->linkset, url, klen, h, b->nlinks)) {
			b->oom = true;
			return;
		}
		b->links[b->nlinks++] = (page_link){title, url, b->line};
	}
	b->ncands = 0;
}

/* ---- tokens in text ---- */

static bool chan_char(unsigned char c)
{
	return is_alnum(c) || c == '_' || c == '-';
}

static bool label_char(unsigned char c)
{
	return is_alnum(c) || c == '_' || c == '-' || c == '.' || c == '?' ||
	       c == '&' || c == ':';
}

static bool chan_may_follow(unsigned char c)
{
	return is_space(c) || c >= 0x80 || (c && strchr("([`*_\"',;|>{:\\", c));
}

/* A channel token at s[j] == '#'; returns where scanning goes on. */
static size_t try_channel(builder *b, size_t j)
{
	const char *s = b->s;
	if (j > 0 && !chan_may_follow((unsigned char)s[j - 1]))
		return j + 1;
	size_t k = j + 1;
	while (k < b->len && chan_char((unsigned char)s[k]))
		k++;
	size_t n = k - (j + 1);
	if (!n)
		return j + 1;
	size_t use = n;
	if (j > 0 && s[j - 1] == '_' && s[j + n] == '_' && use > 1)
		use--;
	bool gsf = n > 2 && (s[j + 1] == 'g' || s[j + 1] == 's' || s[j + 1] == 'f') &&
		   s[j + 2] == '_';
	if (gsf || b->slack_ctx)
		add_channel(b, s + j, use + 1, NULL, 0);
	return k;
}

/* A label at s[j] == '~' inside the region ending at `to`. */
static size_t try_label(builder *b, size_t j, size_t to)
{
	const char *s = b->s;
	if (j > 0) {
		unsigned char p = (unsigned char)s[j - 1];
		if (is_alnum(p) || p == '~' || p == '/' || p == '\\')
			return j + 1;
	}
	if (j + 1 >= to)
		return j + 1;
	if (s[j + 1] == '"') {
		size_t q = next_char(&b->nq, s, b->len, j + 2, '"');
		if (q >= to || q == j + 2 || q - (j + 2) > GITLAB_LABEL_MAX)
			return j + 2;
		add_label(b, s + j + 2, q - (j + 2));
		return q + 1;
	}
	if (!is_alpha((unsigned char)s[j + 1]))
		return j + 1;
	if (j > 0 && s[j - 1] == '`') {
		size_t bt = next_char(&b->nbt, s, b->len, j + 1, '`');
		if (bt < to && bt - (j + 1) <= GITLAB_LABEL_MAX) {
			size_t e = bt;
			bool ok = true, space = false;
			for (size_t i = j + 1; i < bt && ok; i++) {
				ok = s[i] != '~' && s[i] != '"';
				space |= s[i] == ' ';
			}
			ok &= space;
			while (e > j + 1 && is_space((unsigned char)s[e - 1]))
				e--;
			if (ok) {
				add_label(b, s + j + 1, e - (j + 1));
				return bt + 1;
			}
		}
	}
	size_t k = j + 1;
	while (k < to && label_char((unsigned char)s[k]))
		k++;
	size_t e = k;
	while (e > j + 1 && strchr(".:?&", s[e - 1]))
		e--;
	add_label(b, s + j + 1, e - (j + 1));
	return k;
}

/* A bare URL starting at s[j]; its end (exclusive), or j when none. */
static size_t bare_url_end(builder *b, size_t j, size_t to)
{
	const char *s = b->s;
	size_t n = to - j;
	if (!(ci_prefix(s + j, n, "https://") || ci_prefix(s + j, n, "http://")))
		return j;
	if (j > 0 && is_alnum((unsigned char)s[j - 1]))
		return j;
	size_t e = j;
	long paren = 0, brack = 0;
	while (e < to) {
		unsigned char c = (unsigned char)s[e];
		if (c <= 0x20 || c == 0x7f || strchr("<>\"`|", c))
			break;
		paren += c == '(' ? 1 : c == ')' ? -1 : 0;
		brack += c == '[' ? 1 : c == ']' ? -1 : 0;
		e++;
	}
	while (e > j) {
		char c = s[e - 1];
		if (strchr(".,:;!?*_~'", c)) {
			e--;
		} else if (c == ')' && paren < 0) {
			paren++;
			e--;
		} else if (c == ']' && brack < 0) {
			brack++;
			e--;
		} else {
			break;
		}
	}
	return e;
}

/* Channel and label tokens and bare URLs in s[from..to). */
static void scan_plain(builder *b, size_t from, size_t to)
{
	const char *s = b->s;
	size_t j = from;
	while (j < to && !b->oom) {
		char c = s[j];
		if (c == '#') {
			j = try_channel(b, j);
		} else if (c == '~') {
			j = try_label(b, j, to);
		} else if (c == 'h' || c == 'H') {
			size_t e = bare_url_end(b, j, to);
			if (e > j + 8) {
				url_found(b, j, e, false, 0, 0);
				j = e;
			} else {
				j++;
			}
		} else {
			j++;
		}
	}
}

/* ---- Markdown links of a line ---- */

enum dest_mode { DEST_BALANCED, DEST_SIMPLE, DEST_DEAD };

typedef struct dscan {
	enum dest_mode mode;
	size_t work, budget; /* bytes looked at; DEST_DEAD past the budget */
	nextc gt, lt, dq, sq, rp;
} dscan;

/* Spaces and tabs from p on, counted as work. */
static size_t skip_spaces(const char *s, size_t len, size_t p, dscan *d)
{
	size_t q = p;
	while (q < len && is_space((unsigned char)s[q]))
		q++;
	d->work += q - p;
	return q;
}

/* A link destination after "](" at s[p]; sets m's dest and end. Any
 * failure of the balanced-parenthesis scan turns it off for the rest
 * of the line, and all the work of the line's scans is bounded by a
 * budget (8 times the line, plus 4096), so no line costs more than
 * linear time however its brackets are arranged. */
static bool parse_dest(const char *s, size_t len, size_t p, dscan *d, mdlink *m)
{
	bool ok = false;
	p = skip_spaces(s, len, p, d);
	size_t ds, de;
	if (p < len && s[p] == '<') {
		size_t gt = next_char(&d->gt, s, len, p + 1, '>');
		size_t lt = next_char(&d->lt, s, len, p + 1, '<');
		if (gt >= len) {
			d->mode = DEST_DEAD; /* no '>' further on this line */
			return false;
		}
		if (lt < gt)
			goto out;
		ds = p + 1;
		de = gt;
		p = gt + 1;
	} else {
		size_t q = p;
		long depth = 0;
		while (q < len) {
			unsigned char c = (unsigned char)s[q];
			if (c <= 0x20 || c == 0x7f)
				break;
			if (c == '\\' && q + 1 < len) {
				q += 2;
				continue;
			}
			if (c == '(' && d->mode == DEST_BALANCED)
				depth++;
			if (c == ')') {
				if (!depth)
					break;
				depth--;
			}
			q++;
		}
		d->work += q - p;
		if (q >= len)
			goto out;
		ds = p;
		de = q;
		p = q;
	}
	size_t after = p;
	p = skip_spaces(s, len, p, d);
	if (p < len && s[p] == ')') {
		ok = true;
	} else if (p > after && p < len && (s[p] == '"' || s[p] == '\'' || s[p] == '(')) {
		nextc *nc = s[p] == '"' ? &d->dq : s[p] == '\'' ? &d->sq : &d->rp;
		size_t c = next_char(nc, s, len, p + 1, s[p] == '(' ? ')' : s[p]);
		if (c < len) {
			p = skip_spaces(s, len, c + 1, d);
			ok = p < len && s[p] == ')';
		}
	}
	if (ok) {
		m->dest_s = ds;
		m->dest_e = de;
		m->end = p + 1;
		return true;
	}
out:
	if (d->mode == DEST_BALANCED)
		d->mode = DEST_SIMPLE;
	if (d->work > d->budget)
		d->mode = DEST_DEAD;
	return false;
}

static void find_links(builder *b)
{
	const char *s = b->s;
	size_t len = b->len;
	size_t open[OPENERS], nopen = 0;
	dscan d = {.mode = DEST_BALANCED, .budget = 8 * len + 4096};
	b->nml = 0;
	for (size_t i = 0; i < len && !b->oom;) {
		char c = s[i];
		if (c == '\\' && i + 1 < len) {
			i += 2;
			continue;
		}
		if (c == '[') {
			if (nopen == OPENERS) {
				memmove(open, open + 1, (OPENERS - 1) * sizeof(open[0]));
				nopen--;
			}
			open[nopen++] = i++;
			continue;
		}
		if (c != ']' || !nopen) {
			i++;
			continue;
		}
		size_t o = open[--nopen];
		mdlink m = {o, o + 1, i, 0, 0, 0, false};
		if (i + 1 < len && s[i + 1] == '(' && d.mode != DEST_DEAD &&
		    parse_dest(s, len, i + 2, &d, &m)) {
			m.image = o > 0 && s[o - 1] == '!';
			if (m.image) {
				m.start = o - 1;
			} else {
				/* an image inside this link's text is part of it */
				while (b->nml && b->ml[b->nml - 1].start > o)
					b->nml--;
				nopen = 0; /* no link inside a link */
			}
			if (!grow(b, (void **)&b->ml, &b->capml, b->nml, sizeof(*b->ml)))
				return;
			b->ml[b->nml++] = m;
			i = m.end;
			continue;
		}
		i++;
	}
}

/* ---- line structure ---- */

/* The row or item label of the line, cleaned, into b->label. */
static void line_label(builder *b)
{
	const char *s = b->s;
	size_t len = b->len, i = 0, ls, le;
	b->label = NULL;
	b->label_len = 0;
	b->slack_ctx = false;
	while (i < len && is_space((unsigned char)s[i]))
		i++;
	if (i < len && s[i] == '|') {
		ls = i + 1;
		le = ls;
		while (le < len && s[le] != '|' && le - ls <= LABEL_MAX * 2)
			le++;
		if (le >= len || s[le] != '|')
			return;
	} else {
		size_t m = i;
		if (m < len && (s[m] == '-' || s[m] == '*' || s[m] == '+')) {
			m++;
		} else {
			while (m < len && m - i < 9 && s[m] >= '0' && s[m] <= '9')
				m++;
			if (m == i || m >= len || (s[m] != '.' && s[m] != ')'))
				return;
			m++;
		}
		if (m >= len || !is_space((unsigned char)s[m]))
			return;
		ls = m;
		le = ls;
		while (le < len && s[le] != ':' && le - ls <= LABEL_MAX * 2 &&
		       !strchr("[(`<|", s[le]))
			le++;
		if (le >= len || s[le] != ':')
			return;
	}
	for (size_t k = ls; k < le; k++)
		if (strchr("[]()<>", s[k]) || !s[k])
			return;
	strip_marks(&b->tmp2, s + ls, le - ls, true);
	if (b->tmp2.oom) {
		b->oom = true;
		return;
	}
	size_t n = b->tmp2.n;
	while (n && b->tmp2.p[n - 1] == ':')
		n--;
	while (n && is_space((unsigned char)b->tmp2.p[n - 1]))
		n--;
	if (!n || n > LABEL_MAX)
		return;
	b->lab.n = 0;
	strbuf_put(&b->lab, b->tmp2.p, n);
	if (b->lab.oom) {
		b->oom = true;
		return;
	}
	b->label = b->lab.p;
	b->label_len = n;
	b->slack_ctx = says_slack_channel(b->label, n);
}

static void scan_line(builder *b, const char *s, size_t len, int line)
{
	b->s = s;
	b->len = len;
	b->line = line;
	b->nq = b->nbt = (nextc){0};
	b->ncands = 0;
	line_label(b);
	find_links(b);
	size_t i = 0;
	for (size_t k = 0; k < b->nml && !b->oom; k++) {
		const mdlink *m = &b->ml[k];
		scan_plain(b, i, m->start);
		if (!m->image) {
			url_found(b, m->dest_s, m->dest_e, true, m->text_s, m->text_e);
			scan_plain(b, m->text_s, m->text_e);
		}
		i = m->end;
	}
	if (!b->oom)
		scan_plain(b, i, len);
	if (!b->oom)
		flush_links(b);
}

static size_t indent_of(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && s[i] == ' ')
		i++;
	return i;
}

static bool blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!is_space((unsigned char)s[i]))
			return false;
	return true;
}

/* A fence opening: its character and length, else 0. */
static size_t fence_open(const char *s, size_t len, char *ch)
{
	size_t i = 0;
	while (i < len && is_space((unsigned char)s[i]))
		i++;
	if (i >= len || (s[i] != '`' && s[i] != '~'))
		return 0;
	char c = s[i];
	size_t n = 0;
	while (i + n < len && s[i + n] == c)
		n++;
	if (n < 3)
		return 0;
	if (c == '`' && memchr(s + i + n, '`', len - i - n))
		return 0;
	*ch = c;
	return n;
}

static bool fence_close(const char *s, size_t len, char ch, size_t flen)
{
	size_t i = 0;
	while (i < len && is_space((unsigned char)s[i]))
		i++;
	size_t n = 0;
	while (i + n < len && s[i + n] == ch)
		n++;
	return n >= flen && blank(s + i + n, len - i - n);
}

/* Only `c` (at least one), spaces after: a setext underline. */
static bool underline(const char *s, size_t len, char c)
{
	size_t i = indent_of(s, len);
	if (i > 3 || i >= len || s[i] != c)
		return false;
	while (i < len && s[i] == c)
		i++;
	return blank(s + i, len - i);
}

/* Three or more of one of - * _, spaces between allowed. */
static bool thematic(const char *s, size_t len)
{
	size_t i = indent_of(s, len), n = 0;
	if (i > 3 || i >= len || (s[i] != '-' && s[i] != '*' && s[i] != '_'))
		return false;
	char c = s[i];
	for (; i < len; i++) {
		if (s[i] == c)
			n++;
		else if (!is_space((unsigned char)s[i]))
			return false;
	}
	return n >= 3;
}

static bool has_text(const char *s, size_t len, const char *w)
{
	size_t n = strlen(w);
	for (size_t i = 0; i + n <= len; i++)
		if (!memcmp(s + i, w, n))
			return true;
	return false;
}

/* An ATX heading: its level (and text span), else 0. */
static int atx(const char *s, size_t len, size_t *ts, size_t *te)
{
	size_t i = indent_of(s, len);
	if (i > 3)
		return 0;
	size_t n = 0;
	while (i + n < len && s[i + n] == '#')
		n++;
	if (n < 1 || n > 6)
		return 0;
	i += n;
	if (i < len && !is_space((unsigned char)s[i]))
		return 0;
	size_t a = i, e = len;
	for (int pass = 0; pass < 3; pass++) {
		while (e > a && is_space((unsigned char)s[e - 1]))
			e--;
		if (pass == 1) { /* {#anchor} */
			if (e > a && s[e - 1] == '}') {
				size_t k = e - 1;
				while (k > a && s[k - 1] != '{' && s[k - 1] != '}')
					k--;
				if (k > a && s[k - 1] == '{' && s[k] == '#')
					e = k - 1;
			}
			continue;
		}
		size_t k = e;
		while (k > a && s[k - 1] == '#')
			k--;
		if (k < e && (k == a || is_space((unsigned char)s[k - 1])))
			e = k;
	}
	while (e > a && is_space((unsigned char)s[e - 1]))
		e--;
	while (a < e && is_space((unsigned char)s[a]))
		a++;
	*ts = a;
	*te = e;
	return (int)n;
}

/* Lines that cannot be a setext heading's text. */
static bool not_paragraph(const char *s, size_t len)
{
	size_t i = indent_of(s, len);
	if (i >= len)
		return true;
	char c = s[i];
	if (c == '|' || c == '>' || c == '<' || c == '\t')
		return true;
	if (len - i >= 2 && c == '{' && s[i + 1] == '{')
		return true;
	if ((c == '-' || c == '*' || c == '+') && (i + 1 == len || is_space((unsigned char)s[i + 1])))
		return true;
	size_t d = i;
	while (d < len && d - i < 9 && s[d] >= '0' && s[d] <= '9')
		d++;
	if (d > i && d < len && (s[d] == '.' || s[d] == ')') &&
	    (d + 1 == len || is_space((unsigned char)s[d + 1])))
		return true;
	return false;
}

/* The end of the line starting at i, and where the next one starts. */
static size_t line_end(const char *t, size_t len, size_t i, size_t *next)
{
	size_t e = i;
	while (e < len && t[e] != '\n' && t[e] != '\r')
		e++;
	*next = e < len ? e + 1 + (t[e] == '\r' && e + 1 < len && t[e + 1] == '\n') : len;
	return e;
}

static void read_body(builder *b, const char *t, size_t len, size_t pos, int line)
{
	char fch = 0;
	size_t flen = 0; /* > 0: inside a fence */
	bool comment = false, para = false;
	const char *ps = NULL;
	size_t plen = 0;
	int pline = 0;
	while (pos < len && !b->oom) {
		size_t next, e = line_end(t, len, pos, &next);
		const char *s = t + pos;
		size_t n = e - pos;
		size_t ts, te;
		int lvl;
		char c;
		size_t fl;
		if (flen) {
			if (fence_close(s, n, fch, flen))
				flen = 0;
			para = false;
		} else if (comment) {
			if (has_text(s, n, "-->"))
				comment = false;
			para = false;
		} else if ((fl = fence_open(s, n, &c))) {
			fch = c;
			flen = fl;
			para = false;
		} else if (indent_of(s, n) <= 3 && n - indent_of(s, n) >= 4 &&
			   !memcmp(s + indent_of(s, n), "<!--", 4)) {
			comment = !has_text(s + indent_of(s, n) + 4, n - indent_of(s, n) - 4, "-->");
			para = false;
		} else if ((lvl = atx(s, n, &ts, &te))) {
			add_heading(b, lvl, s + ts, te - ts, line);
			para = false;
		} else if (para && (underline(s, n, '=') || underline(s, n, '-'))) {
			const char *h = ps;
			size_t hl = plen;
			trim(&h, &hl);
			add_heading(b, underline(s, n, '=') ? 1 : 2, h, hl, pline);
			para = false;
		} else if (blank(s, n) || thematic(s, n) || not_paragraph(s, n)) {
			para = false;
		} else if (indent_of(s, n) >= 4) {
			if (para) {
				ps = s;
				plen = n;
				pline = line;
			}
		} else {
			para = true;
			ps = s;
			plen = n;
			pline = line;
		}
		scan_line(b, s, n, line);
		pos = next;
		if (line < INT32_MAX)
			line++;
	}
}

/* ---- front matter ---- */

static bool dash_line(const char *s, size_t len, const char *w)
{
	return len >= 3 && !memcmp(s, w, 3) && blank(s + 3, len - 3);
}

static const char *fm_string(builder *b, const ynode *root, const char *key)
{
	const ynode *n = ynode_get(root, key);
	if (!n || ynode_is_null(n))
		return NULL;
	if (n->kind != YNODE_SCALAR) {
		if (b->diags)
			diag_add(b->diags, DIAG_WARNING, b->file, n->line, n->col,
				 "front matter: %s is %s, not a string; ignored", key,
				 ynode_kind_name(n));
		return NULL;
	}
	const char *s = arena_strndup(b->a, n->str, n->len);
	if (!s)
		b->oom = true;
	return s;
}

static void fm_aliases(builder *b, const ynode *root, page_text *out)
{
	const ynode *n = ynode_get(root, "aliases");
	if (!n || ynode_is_null(n))
		return;
	if (n->kind == YNODE_MAP) {
		warn(b, n->line, n->col,
		     "front matter: aliases is %s, not a string or a list; ignored",
		     "a map");
		return;
	}
	size_t cnt = n->kind == YNODE_SCALAR ? 1 : n->n;
	const char **v = arena_calloc(b->a, cnt ? cnt : 1, sizeof(*v));
	if (!v) {
		b->oom = true;
		return;
	}
	size_t k = 0;
	for (size_t i = 0; i < cnt; i++) {
		const ynode *it = n->kind == YNODE_SCALAR ? n : n->items[i];
		if (ynode_is_null(it))
			continue;
		if (it->kind != YNODE_SCALAR) {
			if (b->diags)
				diag_add(b->diags, DIAG_WARNING, b->file, it->line, it->col,
					 "front matter: an alias is %s, not a string; ignored",
					 ynode_kind_name(it));
			continue;
		}
		v[k] = arena_strndup(b->a, it->str, it->len);
		if (!v[k]) {
			b->oom = true;
			return;
		}
		k++;
	}
	out->aliases = k ? v : NULL;
	out->naliases = k;
}

/* Parse the YAML of yaml[0..len) (the opening "---" line included). */
static void fm_parse(builder *b, const char *yaml, size_t len, page_text *out)
{
	char *fixed = NULL;
	size_t bad = utf8_first_bad(yaml, len);
	if (bad < len) {
		int line = 1, col = 1;
		for (size_t i = 0; i < bad; i++) {
			unsigned char c = (unsigned char)yaml[i];
			if (c == '\n' || (c == '\r' && !(i + 1 < len && yaml[i + 1] == '\n'))) {
				line++;
				col = 1;
			} else if (c != '\r' && (c & 0xC0) != 0x80) {
				col++;
			}
		}
		size_t flen, nbad;
		fixed = utf8_repair(yaml, len, &flen, &nbad);
		if (!fixed) {
			b->oom = true;
			return;
		}
		if (b->diags)
			diag_add(b->diags, DIAG_WARNING, b->file, line, col,
				 "front matter: %zu invalid UTF-8 or control byte%s "
				 "replaced by U+FFFD",
				 nbad, nbad == 1 ? "" : "s");
		yaml = fixed;
		len = flen;
	}
	arena *tmp = arena_new();
	diag_list yd;
	diag_init(&yd);
	if (!tmp) {
		free(fixed);
		b->oom = true;
		return;
	}
	const ynode *root = ydoc_parse(b->file, yaml, len, tmp, tmp, &yd);
	for (size_t i = 0; i < yd.count && b->diags; i++)
		diag_add(b->diags, DIAG_WARNING, b->file, yd.items[i].line,
			 yd.items[i].column, "%s", yd.items[i].message);
	diag_free(&yd);
	if (root && !ynode_is_null(root) && root->kind != YNODE_MAP) {
		if (b->diags)
			diag_add(b->diags, DIAG_WARNING, b->file, root->line, root->col,
				 "front matter is %s, not a map; ignored",
				 ynode_kind_name(root));
	} else if (root) {
		out->title = fm_string(b, root, "title");
		out->description = fm_string(b, root, "description");
		fm_aliases(b, root, out);
	}
	arena_free(tmp);
	free(fixed);
}

/* ---- the API ---- */

/* A malloc'd array's n items copied into the arena (NULL when none). */
static void *keep(builder *b, const void *v, size_t n, size_t elem)
{
	if (!n || b->oom)
		return NULL;
	void *p = arena_alloc(b->a, n * elem);
	if (!p) {
		b->oom = true;
		return NULL;
	}
	memcpy(p, v, n * elem);
	return p;
}

/* Front matter first (its own text, to ydoc), then the body line by line:
 * structure (fences, comments, headings), then links, then tokens. The
 * lists grow in malloc'd arrays, copied to the arena at the end. */
bool page_read(const char *file, const char *text, size_t len, arena *a,
	       diag_list *diags, page_text *out)
{
	memset(out, 0, sizeof(*out));
	builder b = {.file = file ? file : "(page)", .a = a, .diags = diags};
	if (!text)
		len = 0;
	size_t p = 0;
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		p = 3;
	out->body_offset = p;
	out->body_line = 1;
	size_t next, e = len ? line_end(text, len, p, &next) : p;
	if (len && dash_line(text + p, e - p, "---")) {
		size_t pos = next;
		int line = 2;
		bool closed = false;
		while (pos < len) {
			size_t nx, le = line_end(text, len, pos, &nx);
			if (dash_line(text + pos, le - pos, "---") ||
			    dash_line(text + pos, le - pos, "...")) {
				fm_parse(&b, text + p, pos - p, out);
				out->has_front_matter = true;
				out->body_offset = nx;
				out->body_line = line + 1;
				closed = true;
				break;
			}
			pos = nx;
			if (line < INT32_MAX)
				line++;
		}
		if (!closed)
			warn(&b, 1, 1,
			     "front matter never ends: no closing \"---\" line; the "
			     "whole file is read as %s",
			     "Markdown");
	}
	read_body(&b, text, len, out->body_offset, out->body_line);

	out->headings = keep(&b, b.heads, b.nheads, sizeof(*b.heads));
	out->nheadings = out->headings ? b.nheads : 0;
	out->channels = keep(&b, b.chans, b.nchans, sizeof(*b.chans));
	out->nchannels = out->channels ? b.nchans : 0;
	out->labels = keep(&b, b.labels, b.nlabels, sizeof(*b.labels));
	out->nlabels = out->labels ? b.nlabels : 0;
	out->links = keep(&b, b.links, b.nlinks, sizeof(*b.links));
	out->nlinks = out->links ? b.nlinks : 0;
	free(b.tmp.p);
	free(b.tmp2.p);
	free(b.lab.p);
	free(b.heads);
	free(b.chans);
	free(b.labels);
	free(b.links);
	free(b.ml);
	free(b.cands);
	free(b.chanset.t);
	free(b.labelset.t);
	free(b.linkset.t);
	return !b.oom;
}

/* Headings are in strictly increasing line order: a binary search for the
 * last one at or above `line`. */
const page_heading *page_heading_at(const page_text *p, int line)
{
	if (!p || !p->nheadings || p->headings[0].line > line)
		return NULL;
	size_t lo = 0, hi = p->nheadings; /* headings[lo].line <= line */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (p->headings[mid].line <= line)
			lo = mid;
		else
			hi = mid;
	}
	return &p->headings[lo];
}

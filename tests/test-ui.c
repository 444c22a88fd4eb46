/* test-ui.c: the pieces of the interactive directory that need no
 * terminal: fitting text to columns, the row cursor and search, the key
 * table, OSC 52, cursors across a reload. */
#include <curses.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "teamtui/clipboard.h"
#include "teamtui/icuso.h"
#include "teamtui/keys.h"
#include "teamtui/resolve.h"
#include "teamtui/rosterdiff.h"
#include "teamtui/rows.h"
#include "teamtui/translit.h"
#include "teamtui/ui.h"
#include "teamtui/textwidth.h"
#include "teamtui/utf8.h"

static void fit(const char *s, size_t cols, const char *want, size_t want_w,
		const char *name)
{
	char out[256];
	size_t w = textwidth_fit(s, cols, out, sizeof(out));
	tap_is_str(out, want, name);
	tap_is_int((long long)w, (long long)want_w, "  ... and its width");
}

static void test_fit(void)
{
	fit("Sean Carroll", 20, "Sean Carroll", 12, "fits: unchanged");
	fit("Sean Carroll", 12, "Sean Carroll", 12, "exactly fits");
	fit("Sean Carroll", 8, "Sean Ca\xe2\x80\xa6", 8, "cut with an ellipsis");
	fit("山田 花子", 6, "山田\xe2\x80\xa6", 5, "CJK: two columns each; no space before the ellipsis");
	fit("山田花子", 6, "山田\xe2\x80\xa6", 5,
	    "a wide character that would straddle the edge is left out");
	fit("Ame\xcc\x81lie Dubois", 5, "Ame\xcc\x81l\xe2\x80\xa6", 5,
	    "a combining mark stays with its letter");
	fit("Ame\xcc\x81lie", 3, "Am\xe2\x80\xa6", 3,
	    "the mark goes with its letter when the letter is cut");
	fit("ليلى حداد", 4, "ليل\xe2\x80\xa6", 4, "right-to-left text is cut in logical order");
	fit("Pippa 🌻 Larkspur", 9, "Pippa 🌻\xe2\x80\xa6", 9, "emoji are two columns");
	fit("Pippa 🌻 Larkspur", 8, "Pippa\xe2\x80\xa6", 6, "an emoji and the ellipsis do not fit in 8");
	fit("abc", 0, "", 0, "no room at all");
	fit("abc", 1, "\xe2\x80\xa6", 1, "room for the ellipsis only");
}

static void test_rows(void)
{
	rows r = {0};
	static const char *const names[] = {"Alpha", "Bravo", "Charlie", "Delta"};
	row *h = rows_add(&r, ROW_TEXT, STYLE_HEADING, 0);
	h->cells[0] = "Members (2)";
	for (int i = 0; i < 2; i++)
		rows_add(&r, ROW_PERSON, STYLE_NORMAL, 1)->cells[0] = names[i];
	rows_add(&r, ROW_TEXT, STYLE_NORMAL, 0);
	rows_add(&r, ROW_TEXT, STYLE_HEADING, 0)->cells[0] = "Counterparts (2)";
	for (int i = 2; i < 4; i++)
		rows_add(&r, ROW_PERSON, STYLE_NORMAL, 1)->cells[0] = names[i];
	rows_first(&r);
	tap_is_int((long long)r.cursor, 1, "the cursor starts on the first selectable row");
	tap_ok(rows_move(&r, 1) && r.cursor == 2, "down");
	tap_ok(rows_move(&r, 1) && r.cursor == 5, "down skips blank lines and headings");
	tap_ok(rows_move(&r, 10) && r.cursor == 6, "a big step stops at the last row");
	tap_ok(!rows_move(&r, 1), "nothing below the last row");
	rows_first(&r);
	tap_ok(rows_next_section(&r, 1) && r.cursor == 5, "Tab: the next section's first row");
	tap_ok(rows_next_section(&r, -1) && r.cursor == 1, "Shift-Tab: back");
	tap_is_int(rows_find(&r, "char", r.cursor, 1, false), 5, "search, case-insensitive");
	tap_is_int(rows_find(&r, "alpha", 5, 1, false), 1, "search wraps around");
	tap_is_int(rows_find(&r, "delta", 1, -1, false), 6, "backwards wraps too");
	tap_is_int(rows_find(&r, "members", 0, 1, true), -1, "headings are not matches");
	r.cursor = 6;
	rows_scroll(&r, 3);
	tap_is_int((long long)r.top, 4, "scrolling keeps the cursor on screen");
	r.cursor = 1;
	rows_scroll(&r, 3);
	tap_is_int((long long)r.top, 0, "and shows the heading above the first item");
	rows_own(&r, strdup("owned"));
	rows_free(&r);
}

static void test_keys(void)
{
	tap_is_int(keys_lookup('j', false), REQ_DOWN, "j moves down");
	tap_is_int(keys_lookup(KEY_DOWN, true), REQ_DOWN, "so does Down");
	tap_is_int(keys_lookup(KEY_DOWN, false), REQ_NONE,
		   "a typed character with KEY_DOWN's number is not Down");
	tap_is_int(keys_lookup('q', false), REQ_QUIT, "q quits");
	char buf[128];
	tap_is_str(keys_names(REQ_ENTER, buf, sizeof(buf)), "Enter",
		   "one name for Enter, whatever the terminal sends");
	tap_is_str(keys_names(REQ_BACK, buf, sizeof(buf)), "Backspace, [, Ctrl-O", "back: Backspace, [, Ctrl-O");
	tap_is_str(keys_names(REQ_CANCEL, buf, sizeof(buf)), "Esc", "Esc steps back one level");
	tap_is_int(keys_lookup('q', false), REQ_QUIT, "q: back, or quit at the top");
	tap_is_int(keys_lookup('Q', false), REQ_QUIT_ALL, "Q: quit from anywhere");
	tap_is_int(keys_lookup(']', false), REQ_FORWARD, "]: forward");
	tap_is_int(keys_lookup('R', false), REQ_SORT_REVERSE, "R: reverse the sort");
	tap_is_int(keys_lookup('a', false), REQ_AWAKE,
		   "a: who is awake (on the opening screen it is still typed: ui.c)");
	tap_is_int(keys_lookup('O', false), REQ_ORG, "O: the org");
	tap_is_int(keys_lookup('e', false), REQ_ESCALATE, "e: whom to ask, in order");
	tap_is_int(keys_lookup('m', false), REQ_ME, "m: me");
	tap_is_int(keys_lookup('b', false), REQ_NONE, "b: unbound (types on the opening screen)");
	tap_is_int(keys_lookup(-1, false), REQ_NONE, "the help-only entries are never looked up");
	/* every request a key can make has a line in the help */
	size_t missing = 0;
	for (const key_binding *k = keys_table; k->name; k++) {
		const key_binding *h = keys_table;
		while (h->name && !(h->req == k->req && h->help))
			h++;
		missing += !h->name;
	}
	tap_is_int((long long)missing, 0, "every bound request is described in the help");
}

static void test_clipboard(void)
{
	char *b = clipboard_base64((const unsigned char *)"@sean-carroll", 13);
	tap_is_str(b, "QHNlYW4tY2Fycm9sbA==", "base64");
	free(b);
	b = clipboard_base64((const unsigned char *)"ab", 2);
	tap_is_str(b, "YWI=", "base64, one pad");
	free(b);
	b = clipboard_base64((const unsigned char *)"", 0);
	tap_is_str(b, "", "base64, empty");
	free(b);
	char *s = clipboard_osc52("#g_custom_models", CLIPBOARD_PLAIN);
	tap_is_str(s, "\033]52;c;I2dfY3VzdG9tX21vZGVscw==\a", "OSC 52");
	free(s);
	s = clipboard_osc52("a\033]0;t\ab", CLIPBOARD_PLAIN);
	tap_is_str(s, "\033]52;c;YWI=\a", "the copied text is sanitized first");
	free(s);
	s = clipboard_osc52("x", CLIPBOARD_GNU_SCREEN);
	tap_is_str(s, "\033P\033]52;c;eA==\a\033\\", "GNU screen: wrapped in its DCS passthrough");
	free(s);
	/* 60 bytes: 80 of base64, an OSC of 88 bytes: chunks of 76 and 12 */
	s = clipboard_osc52("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
			    CLIPBOARD_GNU_SCREEN);
	tap_is_str(s,
		   "\033P\033]52;c;YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFh"
		   "YWFhYWFhYWFhY\033\\\033PWFhYWFhYWFh\a\033\\",
		   "GNU screen: chunks of at most 76 bytes, each wrapped");
	free(s);

	/* plain inside tmux: tmux takes OSC 52 with set-clipboard on, and
	 * drops a passthrough unless allow-passthrough is on (off by default) */
	unsetenv("STY");
	setenv("TMUX", "/tmp/tmux-1000/default,1234,0", 1);
	tap_is_int(clipboard_wrap_from_env(), CLIPBOARD_PLAIN, "inside tmux: plain OSC 52");
	unsetenv("TMUX");
	tap_is_int(clipboard_wrap_from_env(), CLIPBOARD_PLAIN, "a bare terminal: plain");
	setenv("STY", "1234.pts-0.host", 1);
	tap_is_int(clipboard_wrap_from_env(), CLIPBOARD_GNU_SCREEN, "inside GNU screen: wrapped");
	setenv("TMUX", "/tmp/tmux-1000/default,1234,0", 1);
	tap_is_int(clipboard_wrap_from_env(), CLIPBOARD_PLAIN,
		   "tmux inside GNU screen: plain (tmux is the one that reads it)");
	setenv("STY", "", 1);
	unsetenv("TMUX");
	tap_is_int(clipboard_wrap_from_env(), CLIPBOARD_PLAIN, "an empty STY is no screen");
	unsetenv("STY");
}

/* Cursors that survive the strings they were taken from (a reload). */
static void test_anchors(void)
{
	rows r = {0};
	static const char *const slugs[] = {"ada", "cyd", "dee"};
	rows_add(&r, ROW_TEXT, STYLE_HEADING, 0)->cells[0] = "Members (3)";
	for (int i = 0; i < 3; i++) {
		row *rw = rows_add(&r, ROW_PERSON, STYLE_NORMAL, 1);
		rw->cells[0] = rw->id = slugs[i];
	}
	r.cursor = 2; /* cyd */
	r.top = 1;
	row_anchor a = {0};
	rows_anchor_take(&r, &a);
	tap_ok(a.set && a.key && !strcmp(a.key, "cyd") && a.index == 2,
	       "the anchor holds the row's id and number");
	char *key = a.key;
	/* the rows rebuilt from a new roster: someone new before cyd */
	rows_clear(&r);
	r.cursor = r.top = 0;
	rows_add(&r, ROW_TEXT, STYLE_HEADING, 0)->cells[0] = "Members (4)";
	static const char *const again[] = {"ada", "ben", "cyd", "dee"};
	char copy[4][8];
	for (int i = 0; i < 4; i++) {
		snprintf(copy[i], sizeof(copy[i]), "%s", again[i]); /* other strings */
		row *rw = rows_add(&r, ROW_PERSON, STYLE_NORMAL, 1);
		rw->cells[0] = rw->id = copy[i];
	}
	rows_anchor_restore(&r, &a);
	tap_is_int((long long)r.cursor, 3, "the cursor follows its item, not its row number");
	tap_is_int((long long)r.top, 1, "and the scroll position comes back");
	tap_ok(a.key == key, "restoring leaves the anchor as it was");
	/* gone: the same row number, on a selectable row */
	rows_clear(&r);
	rows_add(&r, ROW_TEXT, STYLE_HEADING, 0)->cells[0] = "Members (1)";
	rows_add(&r, ROW_PERSON, STYLE_NORMAL, 1)->id = "ada";
	rows_add(&r, ROW_TEXT, STYLE_NORMAL, 0);
	rows_anchor_restore(&r, &a);
	tap_is_int((long long)r.cursor, 1,
		   "an item that is gone: the same row number, clamped, moved onto a selectable row");
	/* the same id on a row of another kind is not the same item */
	rows_clear(&r);
	row *g = rows_add(&r, ROW_GROUP, STYLE_NORMAL, 0);
	g->id = "cyd";
	rows_add(&r, ROW_PERSON, STYLE_NORMAL, 0)->id = "cyd";
	rows_anchor_restore(&r, &a);
	tap_is_int((long long)r.cursor, 1, "a group with a person's slug is not that person");
	rows_anchor_free(&a);
	tap_ok(!a.set && !a.key, "freed: unset");
	rows_clear(&r);
	r.cursor = 5;
	rows_anchor_restore(&r, &a);
	tap_is_int((long long)r.cursor, 5, "an unset anchor leaves the cursor alone");
	rows_anchor_take(&r, &a);
	rows_anchor_restore(&r, &a);
	tap_ok(r.cursor == 0 && !a.key, "no rows: nothing to name, the cursor at 0");
	rows_anchor_free(&a);
	/* no id: what the row copies, else its text */
	rows_add(&r, ROW_LINK, STYLE_NORMAL, 0)->copy = "https://example.com/a";
	rows_add(&r, ROW_LINK, STYLE_NORMAL, 0)->copy = "https://example.com/b";
	r.cursor = 1;
	rows_anchor_take(&r, &a);
	tap_is_str(a.key, "https://example.com/b", "a row without an id is named by what it copies");
	rows_anchor_free(&a);
	rows_free(&r);
}

static void tl(const char *s, translit_mode m, const char *want, const char *name)
{
	char *got = translit(s, m);
	tap_is_str(got, want, name);
	free(got);
}

static void test_translit(void)
{
	tl("Am\u00e9lie Dubois", TRANSLIT_ASCII, "Amelie Dubois", "ASCII: accents dropped");
	tl("\u0141\u00f3d\u017a", TRANSLIT_ASCII, "Lodz", "ASCII: \u0141 is L");
	tl("Zo\u00eb Bront\u00eb", TRANSLIT_ASCII, "Zoe Bronte", "ASCII: diaeresis");
	tl("\u5c71\u7530 \u82b1\u5b50", TRANSLIT_ASCII, "shan tian hua zi", "ASCII: CJK romanized by ICU");
	tl("a \u2502 b \u00b7 c\u2026", TRANSLIT_ASCII, "a | b - c...", "ASCII: the glyphs");
	tl("Name \u25b2 \u203a x", TRANSLIT_GLYPHS, "Name ^ > x", "glyphs only: arrows");
	tl("\u25cf 14:05 \u25cb 03:05 ?", TRANSLIT_GLYPHS, "+ 14:05 - 03:05 ?",
	   "glyphs only: the awake markers");
	tl("Am\u00e9lie \u2502", TRANSLIT_GLYPHS, "Am\u00e9lie |", "glyphs only: letters kept");
	tl("", TRANSLIT_ASCII, "", "empty");
	tl("\xf0\x9f\x8c\xbb sun", TRANSLIT_ASCII, "? sun", "no ASCII form: a visible '?'");
}

/* ICU, loaded by the first transliteration (icuso): the libraries of the
 * headers' version, every function found, and they answer. */
static void test_icuso(void)
{
	char err[300] = "";
	tap_ok(icuso_load(err, sizeof(err)), "icuso: %s and %s load %s", ICUSO_LIB_UC,
	       ICUSO_LIB_I18N, err);
	char want[64];
	snprintf(want, sizeof(want), "libicui18n.so.%d", U_ICU_VERSION_MAJOR_NUM);
	tap_is_str(ICUSO_LIB_I18N, want, "icuso: the soname of the headers' major version");
	size_t found = 0, all = 0;
#define COUNT(field, name, lib) found += icuso_fn.field != NULL, all++;
	ICUSO_FUNCS(COUNT)
#undef COUNT
	tap_ok(all && found == all, "icuso: all %zu functions resolved (%zu)", all, found);
	UErrorCode st = U_ZERO_ERROR;
	UCollator *c = icuso_fn.col_open ? icuso_fn.col_open("en", &st) : NULL;
	tap_ok(c && U_SUCCESS(st) &&
		       icuso_fn.col_strcoll_utf8(c, "\u00e9mile", -1, "Zo\u00eb", -1, &st) ==
			   UCOL_LESS,
	       "icuso: the collator answers (\u00e9mile before Zo\u00eb)");
	if (c)
		icuso_fn.col_close(c);
}

static void diff_text(const char *team1, const char *team2, const char *groups,
		      const char *want, const char *name)
{
	diag_list d1, d2;
	diag_init(&d1);
	diag_init(&d2);
	roster *a = t_roster(team1, groups, &d1), *b = t_roster(team2, groups, &d2);
	resolver *ra = a ? resolver_new(a) : NULL, *rb = b ? resolver_new(b) : NULL;
	char buf[200] = "";
	if (ra && rb)
		roster_diff_text(a, ra, b, rb, buf, sizeof(buf));
	tap_is_str(buf, want, name);
	resolver_free(ra);
	resolver_free(rb);
	roster_free(a);
	roster_free(b);
	diag_free(&d1);
	diag_free(&d2);
}

static void test_rosterdiff(void)
{
	const char *groups = "sections: {s: {name: S}}\n"
			     "stages: {t: {name: T, section: s}}\n"
			     "groups:\n"
			     "  g: {name: G, stage: t, team-by-manager-slug: ann}\n"
			     "  h: {name: H, stage: t, team-by-manager-slug: bo}\n";
	const char *base = "- {slug: ann, name: Ann, role: EM}\n"
			   "- {slug: bo, name: Bo, role: EM}\n"
			   "- {slug: cy, name: Cy, role: BE, reports_to: ann}\n";
	diff_text(base, base, groups, "no changes", "the same roster: no changes");
	diff_text(base,
		  "- {slug: ann, name: Ann, role: EM}\n"
		  "- {slug: bo, name: Bo, role: EM}\n"
		  "- {slug: cy, name: Cy, role: BE, reports_to: bo}\n"
		  "- {slug: di, name: Di, role: FE, reports_to: ann}\n"
		  "- {slug: ed, name: Ed, role: FE, reports_to: bo}\n",
		  groups, "+2 people, 1 moved", "two new people, one moved to another manager");
	diff_text(base,
		  "- {slug: ann, name: Ann, role: Director}\n"
		  "- {slug: cy, name: Cy, role: BE, reports_to: ann}\n",
		  groups, "1 person removed, 1 changed", "one gone, one retitled");
}

static const char *src_path(const char *rel, char *buf, size_t size)
{
	const char *src = getenv("srcdir");
	snprintf(buf, size, "%s/%s", src && *src ? src : ".", rel);
	return buf;
}

static size_t node_of(const org_tree *t, const char *slug)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->nodes[i].person->slug, slug))
			return i;
	return ORG_NONE;
}

/* The org view's pieces: the card's summary, the rows shown, the top. */
static void test_org(void)
{
	char dir[4096];
	diag_list d;
	diag_init(&d);
	roster *r = roster_load(src_path("tests/golden/fixtures/org", dir, sizeof(dir)), &d);
	const person *ada = r ? roster_person(r, "ada-quill") : NULL;
	tap_ok(ada != NULL, "the org fixture loads");
	if (!ada) {
		roster_free(r);
		diag_free(&d);
		return;
	}
	org_tree *t = org_build(r, ada);
	ui_org_summary s;
	ui_org_summary_of(t, &s);
	tap_ok(s.size == 15 && s.vacancies == 2 && s.levels == 3 && s.direct == 3 &&
		       s.direct_vacancies == 1,
	       "summary: 15 people, 2 vacancies apart, 3 levels, 3 direct and a vacancy");
	tap_is_int((long long)s.nlargest, 3, "the three largest sub-teams");
	tap_ok(s.nlargest == 3 && !strcmp(s.largest[0]->slug, "bram-oake") &&
		       s.largest_size[0] == 6 && !strcmp(s.largest[1]->slug, "iris-lowe") &&
		       s.largest_size[1] == 4 && !strcmp(s.largest[2]->slug, "mo-grant") &&
		       s.largest_size[2] == 1,
	       "largest first: Bram (6), Iris (4), then Mo (1) before the vacant seat's "
	       "team of 1 (a tie: the tree's order)");
	char buf[256];
	ui_org_mix_text(s.mix, buf, sizeof(buf));
	tap_is_str(buf, "2 engineers, 4 managers, 1 product, 2 design, 2 quality, 1 writer, 3 other",
		   "the mix, as the CLI's org header says it");
	size_t zero[ORG_NKINDS] = {0};
	ui_org_mix_text(zero, buf, sizeof(buf));
	tap_is_str(buf, "", "nobody: no mix");
	/* the rows shown: closed subtrees are skipped whole */
	unsigned char *open = calloc(t->n, 1);
	size_t *vis = malloc(t->n * sizeof(*vis));
	tap_is_int((long long)ui_org_visible(t, open, vis), 1, "all closed: the root alone");
	open[0] = 1;
	size_t n = ui_org_visible(t, open, vis);
	tap_ok(n == 5 && vis[1] == node_of(t, "bram-oake") &&
		       vis[4] == node_of(t, "vacancy-head-of-data"),
	       "the root open: it and its 4 direct reports (a vacancy too)");
	size_t cora = node_of(t, "cora-vance");
	open[cora] = 1; /* open, but under a closed node: not shown */
	tap_is_int((long long)ui_org_visible(t, open, vis), 5, "an open node under a closed one is hidden");
	open[node_of(t, "bram-oake")] = 1;
	n = ui_org_visible(t, open, vis);
	tap_ok(n == 11 && vis[2] == node_of(t, "bram-oake") + 1 && vis[3] == cora + 1,
	       "Bram open: Cora, her 4, and Gus under him (11 rows)");
	free(open);
	free(vis);
	org_free(t);
	/* a cycle: its node is shown, never opened */
	t = org_build(r, roster_person(r, "loop-a"));
	open = malloc(t ? t->n : 1);
	vis = malloc((t ? t->n : 1) * sizeof(*vis));
	memset(open, 1, t ? t->n : 1);
	n = t ? ui_org_visible(t, open, vis) : 0;
	tap_ok(t && n == t->n && t->nodes[vis[3]].cycle, "everything open: the cycle's node is shown");
	free(open);
	free(vis);
	org_free(t);
	tap_ok(ui_org_top(r) == ada, "the top of the fixture: Ada, the largest org of those "
				     "who report to nobody in it");
	roster_free(r);
	diag_free(&d);
	diag_init(&d);
	r = roster_load(src_path("data", dir, sizeof(dir)), &d);
	const person *top = r ? ui_org_top(r) : NULL;
	tap_is_str(top ? top->slug : "", "helena-marchetti",
		   "the top of the sample: its CTO (her manager is not in it)");
	roster_free(r);
	diag_free(&d);
}

/* Who is awake: the modes, the markers, the counts. */
static void test_awake(void)
{
	tap_ok(ui_awake_next(UI_AWAKE_OFF) == UI_AWAKE_MARKED &&
		       ui_awake_next(UI_AWAKE_MARKED) == UI_AWAKE_ONLY &&
		       ui_awake_next(UI_AWAKE_ONLY) == UI_AWAKE_OFF,
	       "a cycles: off, marked, only the awake, off");
	struct tm tm = {.tm_hour = 14, .tm_min = 5, .tm_wday = 3, .tm_mday = 18, .tm_mon = 10,
			.tm_year = 126};
	char buf[64];
	row_style st;
	ui_awake_lead_text(AWAKE_YES, &tm, buf, sizeof(buf), &st);
	tap_ok(!strcmp(buf, "\u25cf 14:05 Wed") && st == STYLE_ACCENT, "awake: \u25cf and the time there");
	ui_awake_lead_text(AWAKE_OFF_HOURS, &tm, buf, sizeof(buf), &st);
	tap_ok(!strcmp(buf, "\u25cb 14:05 Wed") && st == STYLE_DIM, "off hours: \u25cb, dim");
	ui_awake_lead_text(AWAKE_UNKNOWN, &tm, buf, sizeof(buf), &st);
	tap_is_str(buf, "?", "no known zone: ?, and no time (never a guess)");
	awake_count c = {4, 3, 2};
	ui_awake_count_text(&c, buf, sizeof(buf));
	tap_is_str(buf, "awake now: 4 of 9", "the count");

	/* on a people list: the sample at the screens' moment */
	char dir[4096];
	diag_list d;
	diag_init(&d);
	roster *r = roster_load(src_path("data", dir, sizeof(dir)), &d);
	tui t = {.r = r};
	t.awake.hours = WORK_HOURS_DEFAULT;
	char err[256];
	t.awake.db = t.tzdb = tz_db_open(src_path("tests/golden/fixtures/zoneinfo", dir, sizeof(dir)),
					 err, sizeof(err));
	t.awake.clock = tz_clock_new(1795000000); /* Wed 18 Nov 2026 11:06:40 UTC */
	t.awake_ready = true;
	static const char *const who[] = {"anneke-visser", "hanako-yamada", "sean-carroll"};
	const person *p[3];
	for (int i = 0; i < 3; i++)
		p[i] = r ? roster_person(r, who[i]) : NULL;
	if (!r || !p[0] || !p[1] || !p[2] || !t.tzdb || !t.awake.clock) {
		tap_ok(false, "the sample and tzdata's fixture tables load");
		ui_awake_free(&t);
		roster_free(r);
		diag_free(&d);
		return;
	}
	rows out = {0};
	awake_count n = {0};
	const char *lead;
	tap_ok(ui_awake_lead(&t, p[0], &out, &lead, &st, &n) && !lead && !n.awake,
	       "off: listed, unmarked, not counted");
	t.awake_mode = UI_AWAKE_MARKED;
	bool all = true;
	const char *want[] = {"\u25cf 12:06 Wed", "\u25cb 20:06 Wed", "?"};
	for (int i = 0; i < 3; i++) {
		all = all && ui_awake_lead(&t, p[i], &out, &lead, &st, &n) && lead &&
		      !strcmp(lead, want[i]);
	}
	tap_ok(all && n.awake == 1 && n.off_hours == 1 && n.unknown == 1,
	       "marked: everyone listed; Anneke awake in Amsterdam, Hanako off hours in Tokyo, "
	       "Sean's zone unknown");
	t.awake_mode = UI_AWAKE_ONLY;
	tap_ok(ui_awake_lead(&t, p[0], &out, &lead, &st, NULL) &&
		       !ui_awake_lead(&t, p[1], &out, &lead, &st, NULL) &&
		       !ui_awake_lead(&t, p[2], &out, &lead, &st, NULL),
	       "only the awake: the others are not listed");
	rows_clear(&out);
	size_t at = ui_people_heading(&out, "Members", 3);
	awake_count m = {0};
	for (int i = 0; i < 3; i++)
		ui_people_row(&out, &t, p[i], NULL, &m);
	ui_people_heading_done(&out, &t, at, "Members", &m);
	tap_ok(out.n == 3 && !strcmp(out.v[at].cells[0], "Members \u00b7 awake now: 1 of 3") &&
		       out.v[2].item == p[0] && out.v[2].lead,
	       "a list's heading says how many are awake; only Anneke's row is left");
	rows_free(&out);
	ui_awake_free(&t);
	roster_free(r);
	diag_free(&d);
}


/* The status line's yes/no question: y and n answer it, Esc withdraws
 * it, any other key withdraws it and acts as always. */
static int answered; /* 1 yes, 0 no, -1 not called */
static void note_answer(tui *t, bool yes)
{
	(void)t;
	answered = yes;
}

static void test_question(void)
{
	tui t = {0};
	answered = -1;
	tap_ok(!ui_question_key(&t, 'y', false, false) && answered == -1,
	       "no question: y is y (copy)");
	ui_ask(&t, note_answer, "Are you %s? y: yes, n: no", "Ada");
	tap_ok(t.question && !strcmp(t.status, "Are you Ada? y: yes, n: no"),
	       "the question is on the status line");
	tap_ok(ui_question_key(&t, 'y', false, false) && answered == 1 && !t.question,
	       "y answers yes, once");
	ui_ask(&t, note_answer, "?");
	tap_ok(ui_question_key(&t, 'N', false, false) && answered == 0, "N answers no");
	answered = -1;
	ui_ask(&t, note_answer, "?");
	tap_ok(ui_question_key(&t, 27, false, false) && answered == -1 && !t.question &&
		       !t.status[0],
	       "Esc withdraws it, quietly");
	ui_ask(&t, note_answer, "?");
	tap_ok(!ui_question_key(&t, 'j', false, false) && answered == -1 && !t.question,
	       "another key withdraws it and is handled as always");
	ui_ask(&t, note_answer, "?");
	tap_ok(!ui_question_key(&t, 'y', false, true) && answered == -1 && !t.question,
	       "Alt-y is no answer");
}

/* A tui over a fixture roster, at the screens' moment, tzdata's tables
 * the fixture's (as golden.sh and screen.sh fix them). */
static bool tui_open(tui *t, const char *rel, roster **r, diag_list *d)
{
	char dir[4096];
	diag_init(d);
	memset(t, 0, sizeof(*t));
	*r = roster_load(src_path(rel, dir, sizeof(dir)), d);
	t->r = *r;
	t->rs = *r ? resolver_new(*r) : NULL;
	t->awake.hours = WORK_HOURS_DEFAULT;
	char err[256];
	t->awake.db = t->tzdb = tz_db_open(src_path("tests/golden/fixtures/zoneinfo", dir, sizeof(dir)),
					   err, sizeof(err));
	t->awake_ready = true;
	return t->rs && t->tzdb;
}

static void tui_close(tui *t, roster *r, diag_list *d)
{
	ui_close_views(t);
	ui_me_free(t);
	ui_awake_free(t);
	resolver_free(t->rs);
	roster_free(r);
	diag_free(d);
}

/* The row whose first cell is `text`, or NULL. */
static const row *row_named(const rows *r, const char *text)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->v[i].cells[0] && !strcmp(r->v[i].cells[0], text))
			return &r->v[i];
	return NULL;
}

static void test_escalate_view(void)
{
	setenv("TEAMTUI_NOW", "1795000000", 1); /* Wed 18 Nov 2026 11:06:40 UTC */
	tui t;
	roster *r;
	diag_list d;
	if (!tui_open(&t, "tests/golden/fixtures/escalate", &r, &d)) {
		tap_ok(false, "the escalate fixture and tzdata's fixture tables load");
		tui_close(&t, r, &d);
		return;
	}
	char *subject = ui_escalate_subject(NULL, roster_group(r, "widgets"));
	tap_is_str(subject, "group widgets", "a group's subject");
	view *v = ui_view_new(&t, ui_views[VIEW_ESCALATE], subject);
	free(subject);
	size_t steps = 0;
	for (size_t i = 0; v && i < v->rows.n; i++)
		steps += v->rows.v[i].kind == ROW_PERSON && v->rows.v[i].lead && *v->rows.v[i].lead;
	tap_is_int((long long)steps, 9, "Widgets: nine steps, each with its lead");
	const row *first = v ? row_named(&v->rows, "1. Wren Ashby") : NULL;
	tap_ok(first && !strcmp(first->lead, "\u25cf 11:06 Wed") && first->lead_style == STYLE_ACCENT &&
		       !strcmp(first->cells[2], "\u2014 manager of Widgets") && first->id &&
		       !strcmp(first->id, "wren-ashby"),
	       "1. the manager, awake, whatever a's mode (off)");
	const row *sec = v ? row_named(&v->rows, "6. Mina Frost") : NULL;
	tap_ok(sec && !strcmp(sec->lead, "\u25cb 22:06 Wed") &&
		       !strcmp(sec->cells[2], "\u2014 security counterpart by stable-counterparts"),
	       "6. security by the title, off hours at 22:06 in her zone");
	const row *vac = v ? row_named(&v->rows, "Product Manager (Vacancy)") : NULL;
	tap_ok(vac && vac->quiet && vac->kind == ROW_PERSON && row_named(&v->rows, "Not asked (vacancies)"),
	       "the vacant counterpart is no step: listed, dim, under Not asked");
	tap_ok(v && ui_view_new(&t, ui_views[VIEW_ESCALATE], "group no-such-group") == NULL &&
		       ui_view_new(&t, ui_views[VIEW_ESCALATE], "widgets") == NULL,
	       "a subject that names nothing (after a reload): no view");
	/* the who-search's line */
	char *ask = ui_escalate_ask_now(&t, roster_group(r, "widgets"));
	tap_is_str(ask, "ask now: Wren Ashby (manager of Widgets)",
		   "ask now: the first awake step");
	free(ask);
	setenv("TEAMTUI_NOW", "1795259200", 1); /* Saturday: a new clock */
	unsigned gen = t.awake_clock_gen;
	ask = ui_escalate_ask_now(&t, roster_group(r, "widgets"));
	tap_is_str(ask, "nobody on the path is awake now", "on Saturday nobody is");
	tap_ok(t.awake_clock_gen != gen, "the clock was renewed (what was worked out is stale)");
	free(ask);
	if (v) {
		rows_free(&v->rows);
		free(v->subject);
		free(v);
	}
	tui_close(&t, r, &d);
	setenv("TEAMTUI_NOW", "1795000000", 1);
	/* the org fixture: over a vacant manager, to a dangling reports_to */
	if (!tui_open(&t, "tests/golden/fixtures/org", &r, &d)) {
		tap_ok(false, "the org fixture loads");
		tui_close(&t, r, &d);
		return;
	}
	v = ui_open(&t, VIEW_ESCALATE, "person pat-rowe");
	tap_ok(v && row_named(&v->rows, "2. Ada Quill") &&
		       row_named(&v->rows, "   over a vacancy: Head of Data (Vacancy) (vacancy-head-of-data)") &&
		       row_named(&v->rows, "   reports_to 'board-of-directors' names nobody in the "
					   "roster: the chain ends here"),
	       "Pat: Ada over the vacant Head of Data, and where the chain ends, as dim lines");
	tui_close(&t, r, &d);
	unsetenv("TEAMTUI_NOW");
}

/* Me: a guess asked about, y kept in the state file, n remembered;
 * nobody said with how to set me:. */
static void test_me(void)
{
	char home[] = "/tmp/teamtui-test-ui-XXXXXX";
	if (!mkdtemp(home)) {
		tap_ok(false, "a temporary HOME");
		return;
	}
	setenv("HOME", home, 1);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("XDG_STATE_HOME");
	setenv("GIT_DIR", "/dev/null/none", 1); /* git answers nothing */
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("USER", "aquill", 1);		/* Ada Quill's handle */
	tui t;
	roster *r;
	diag_list d;
	if (!tui_open(&t, "tests/golden/fixtures/org", &r, &d)) {
		tap_ok(false, "the org fixture loads");
		tui_close(&t, r, &d);
		return;
	}
	ui_me_open(&t);
	tap_ok(t.question && !strcmp(t.status, "Are you Ada Quill (ada-quill)? guessed from $USER "
					      "'aquill'. y: yes, n: no"),
	       "a guess: asked first, nothing opened");
	tap_ok(!t.depth, "  ... and no view opened yet");
	ui_question_key(&t, 'n', false, false);
	tap_ok(!t.depth && strstr(t.status, "put \"me: YOUR-SLUG\" in ~/.config/teamtui/config.yml"),
	       "n: how to set me:, and no view");
	ui_me_open(&t);
	tap_ok(!t.question && !t.depth && strstr(t.status, "you are not Ada Quill"),
	       "n is remembered: not asked again");
	ui_me_free(&t);
	ui_me_open(&t);
	ui_question_key(&t, 'y', false, false);
	view *v = ui_top(&t);
	tap_ok(v && v->ops == ui_views[VIEW_ME] && !strcmp(v->subject, "ada-quill"),
	       "y: my view opens");
	char path[4200], line[64] = "";
	snprintf(path, sizeof(path), "%s/.local/state/teamtui/me", home);
	FILE *f = fopen(path, "r");
	if (f) {
		if (!fgets(line, sizeof(line), f))
			line[0] = '\0';
		fclose(f);
	}
	tap_is_str(line, "ada-quill\n", "  ... and the guess is kept in the state file");
	tap_ok(v && row_named(&v->rows, "My manager") && row_named(&v->rows, "My team (4)") &&
		       row_named(&v->rows, "Bram Oake") && row_named(&v->rows, "Iris Lowe") &&
		       row_named(&v->rows, "Mo Grant"),
	       "my view: my manager's heading, my direct reports (a vacancy too)");
	ui_close_views(&t);
	ui_me_free(&t);
	ui_me_open(&t);
	tap_ok(!t.question && (v = ui_top(&t)) && v->ops == ui_views[VIEW_ME],
	       "confirmed: m opens the view at once");
	ui_close_views(&t);
	ui_me_free(&t);
	unlink(path);
	setenv("USER", "nobody-here", 1);
	ui_me_open(&t);
	tap_ok(!t.depth && strstr(t.status, "who you are is not known") &&
		       strstr(t.status, "$USER 'nobody-here'") &&
		       !strcmp(t.status_tail, "; put \"me: YOUR-SLUG\" in ~/.config/teamtui/config.yml"),
	       "nobody: the CLI's words, how to set me: in full");
	tui_close(&t, r, &d);
	snprintf(path, sizeof(path), "%s/.local/state/teamtui", home);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/.local/state", home);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/.local", home);
	rmdir(path);
	rmdir(home);
	unsetenv("GIT_DIR");
}

int main(void)
{
	utf8_locale_init();
	test_fit();
	test_rows();
	test_keys();
	test_clipboard();
	test_anchors();
	test_translit();
	test_icuso();
	test_rosterdiff();
	test_org();
	test_awake();
	test_question();
	test_escalate_view();
	test_me();
	return tap_done();
}

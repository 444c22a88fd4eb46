/* test-changes.c: digests (digest.h), what changed between two
 * (changes.h), the digest store (digeststore.h), the reload's summary
 * (rosterdiff.h) over them, and check's "table lists nobody". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tap.h"
#include "teamtui/changes.h"
#include "teamtui/check.h"
#include "teamtui/digest.h"
#include "teamtui/digeststore.h"
#include "teamtui/rosterdiff.h"

/* ------------------------------------------------------------ helpers */

static char *cat(char *acc, const char *s)
{
	size_t a = acc ? strlen(acc) : 0;
	char *r = realloc(acc, a + strlen(s) + 1);
	memcpy(r + a, s, strlen(s) + 1);
	return r;
}

/* The digest of a roster from two literal files. */
static digest *dig(const char *team, const char *groups)
{
	diag_list d;
	diag_init(&d);
	roster *r = t_roster(team, groups, &d);
	resolver *rs = r ? resolver_new(r) : NULL;
	digest *g = rs ? digest_of(r, rs) : NULL;
	resolver_free(rs);
	roster_free(r);
	diag_free(&d);
	return g;
}

static digest *parse(const char *text, char *err, size_t errsize)
{
	return digest_parse(text, strlen(text), err, errsize);
}

/* The changes, one a line: "KIND SLUG (NAME) OLD -> NEW @ GROUP/TABLE
 * FILE:LINE [SHORTCODE MANAGER]", each part only when it is set. */
static char *describe(const change_list *c)
{
	char *out = cat(NULL, "");
	for (size_t i = 0; i < c->n; i++) {
		const change *x = &c->v[i];
		char line[512];
		int o = snprintf(line, sizeof(line), "%s", change_kind_name(x->kind));
		if (x->slug)
			o += snprintf(line + o, sizeof(line) - (size_t)o, " %s (%s)", x->slug,
				      x->name);
		if (x->old_value || x->new_value)
			o += snprintf(line + o, sizeof(line) - (size_t)o, " '%s' -> '%s'",
				      x->old_value, x->new_value);
		if (x->group)
			o += snprintf(line + o, sizeof(line) - (size_t)o, " @ %s/%s %s:%d",
				      x->group,
				      x->table == DIGEST_COUNTERPARTS ? "counterparts" : "members",
				      x->file, x->line);
		if (x->shortcode)
			o += snprintf(line + o, sizeof(line) - (size_t)o, " [%s '%s']",
				      x->shortcode, x->manager);
		snprintf(line + o, sizeof(line) - (size_t)o, "\n");
		out = cat(out, line);
	}
	return out;
}

static void expect_changes(const digest *a, const digest *b, const char *want,
			   const char *name)
{
	change_list c;
	bool ok = a && b && changes_between(a, b, &c);
	tap_ok(ok, "%s: computed", name);
	if (!ok)
		return;
	char *got = describe(&c);
	tap_is_str(got, want, name);
	free(got);
	changes_free(&c);
}

/* ------------------------------------------------------------ digests */

static const char *const GROUPS =
    "sections: {s: {name: S}}\n"
    "stages: {t: {name: T, section: s}}\n"
    "groups:\n"
    "  g:\n"
    "    name: G\n"
    "    stage: t\n"
    "    team-by-manager-slug: {manager: ann}\n"
    "    stable-counterparts: {manager: ann, role: 'Designer'}\n"
    "  h:\n"
    "    name: H\n"
    "    stage: t\n"
    "    team-by-manager-slug: {manager: bo}\n"
    "    stable-counterparts:\n"
    "      - {role: 'PM'}\n"
    "      - {role: 'Writer'}\n";

static void test_roundtrip(void)
{
	const char *team = "- {slug: ann, name: Ann, role: EM, gitlab: ann}\n"
			   "- {slug: bo, name: \"B\\to\\\\ \\n\\e[31m\", role: EM}\n"
			   "- {slug: cy, name: Cy, role: Designer, reports_to: bo}\n"
			   "- {slug: ann, name: Ann Again}\n"; /* a slug twice */
	digest *d = dig(team, GROUPS);
	tap_ok(d != NULL, "digest_of: a digest");
	if (!d)
		return;
	tap_is_int((long long)d->npeople, 3, "digest_of: a slug twice counts once");
	tap_is_str(digest_person_of(d, "ann")->name, "Ann", "digest_of: the first of a slug");
	tap_is_str(digest_person_of(d, "bo")->name, "B\to\\ \n\x1b[31m",
		   "digest_of: strings as the roster has them");
	tap_is_int((long long)d->ntables, 5, "digest_of: every table");
	const digest_table *t = digest_table_of(d, "g", 1);
	tap_ok(t && t->kind == DIGEST_COUNTERPARTS && t->n == 1 && !strcmp(t->slugs[0], "cy") &&
		       !t->manager_row && !strcmp(t->manager, "ann") &&
		       !strcmp(t->file, "groups.yml") && t->line == 8,
	       "digest_of: g's counterparts: cy, manager ann, groups.yml:8");
	t = digest_table_of(d, "h", 0);
	tap_ok(t && t->kind == DIGEST_MEMBERS && t->manager_row && t->n == 2 &&
		       !strcmp(t->slugs[0], "bo") && !strcmp(t->shortcode, "team-by-manager-slug"),
	       "digest_of: h's members, manager row first");
	size_t len;
	char *text = digest_format(d, &len);
	char err[200] = "";
	digest *e = text ? digest_parse(text, len, err, sizeof(err)) : NULL;
	tap_ok(e != NULL, "digest_parse reads what digest_format wrote %s", err);
	tap_ok(e && e->hash == d->hash, "and its hash is the same");
	size_t len2;
	char *again = e ? digest_format(e, &len2) : NULL;
	tap_ok(again && len2 == len && !memcmp(again, text, len),
	       "and it writes the same text again");
	tap_ok(text && !strstr(text, "\x1b") && strstr(text, "B\\to\\\\ \\n\\x1b[31m"),
	       "fields are escaped: no raw control character");
	free(again);
	free(text);
	digest_free(e);
	digest_free(d);

	/* hostile text a digest could never hold raw */
	const char *hostile = "teamtui-digest 1 people 2 tables 1\n"
			      "p\ta\\xff\\x80b\tN\\x01\\x7f\t\t\t\n"
			      "p\tz\t\xc3\xa9t\xc3\xa9\tr\tq\t@H\n"
			      "t\tg\t\t\tmembers\t0\tsc\tf\t3\t\t0\t2\ta\\xff\\x80b\tz\n";
	/* (the group name field above is "\t" + "", so the fields shift:
	 * that is a parse error, not a digest) */
	digest *h = parse(hostile, err, sizeof(err));
	tap_ok(!h, "a table line with a field too many is refused (%s)", err);
	digest_free(h);
	hostile = "teamtui-digest 1 people 2 tables 1\n"
		  "p\ta\\xff\\x80b\tN\\x01\\x7f\t\t\t\n"
		  "p\tz\t\xc3\xa9t\xc3\xa9\tr\tq\t@H\n"
		  "t\tg\t\tmembers\t0\tsc\tf\t3\t\t0\t2\ta\\xff\\x80b\tz\n";
	h = parse(hostile, err, sizeof(err));
	tap_ok(h != NULL, "escaped bytes that are not UTF-8 or are controls parse %s", err);
	if (h) {
		tap_is_str(h->people[0].slug, "a\xff\x80" "b", "\\xff\\x80: the raw bytes");
		tap_is_str(h->people[0].name, "N\x01\x7f", "\\x01\\x7f: the raw bytes");
		tap_is_str(h->people[1].name, "\xc3\xa9t\xc3\xa9", "UTF-8 as it is");
		tap_ok(h->tables[0].n == 2 && h->tables[0].slugs[0] == h->people[0].slug,
		       "row slugs are the people's strings");
		char *out = digest_format(h, &len);
		tap_is_str(out, hostile, "and they are written back the same way");
		free(out);
	}
	digest_free(h);
}

static void bad(const char *text, const char *want, const char *name)
{
	char err[300] = "";
	digest *d = digest_parse(text, strlen(text), err, sizeof(err));
	tap_ok(!d, "refused: %s", name);
	tap_is_str(err, want, name);
	digest_free(d);
}

static void test_parse_errors(void)
{
	const char *H = "teamtui-digest 1 people 1 tables 0\n";
	char buf[400];
	bad("", "line 1: empty: not a teamtui-digest", "empty");
	bad("hello\n", "line 1: not a teamtui-digest", "not a digest");
	bad("teamtui-digest 2 people 0 tables 0\n", "line 1: format 2, this teamtui reads 1",
	    "another format");
	bad("teamtui-digest 1 people 0\n", "line 1: bad header: 'people N tables M' expected",
	    "header cut short");
	bad("teamtui-digest 1 people 99999999 tables 0\n",
	    "line 1: the header counts more records than the text can hold", "a count that lies");
	snprintf(buf, sizeof(buf), "%sp\ta\\q\tA\t\t\t\n", H);
	bad(buf, "line 2: bad escape '\\q'", "unknown escape");
	snprintf(buf, sizeof(buf), "%sp\ta\\x4\tA\t\t\t\n", H);
	bad(buf, "line 2: bad escape: \\x needs two hex digits", "short \\x");
	snprintf(buf, sizeof(buf), "%sp\ta\\x00\tA\t\t\t\n", H);
	bad(buf, "line 2: a NUL byte (\\x00) in a field", "NUL");
	snprintf(buf, sizeof(buf), "%sp\ta\\\n", H);
	bad(buf, "line 2: a backslash ends the line", "trailing backslash");
	snprintf(buf, sizeof(buf), "%sp\ta\x1b[31m\tA\t\t\t\n", H);
	bad(buf, "line 2: a control character (0x1b) in a field", "raw ESC");
	snprintf(buf, sizeof(buf), "%sp\ta\rb\tA\t\t\t\n", H);
	bad(buf, "line 2: a control character (0x0d) in a field", "raw CR");
	snprintf(buf, sizeof(buf), "%sp\ta\xc3\tA\t\t\t\n", H);
	bad(buf, "line 2: invalid UTF-8 (byte 0xc3)", "invalid UTF-8");
	snprintf(buf, sizeof(buf), "%sp\ta\tA\t\t\n", H);
	bad(buf, "line 2: a person has 5 fields, not 4", "a field missing");
	snprintf(buf, sizeof(buf), "%sp\ta\tA\t\t\t", H);
	bad(buf, "line 2: the text ends inside a line (cut short?)", "no final newline");
	bad(H, "line 1: the header says 1 records, the text has 0 (cut short?)", "records missing");
	snprintf(buf, sizeof(buf), "%sp\ta\tA\t\t\t\np\tb\tB\t\t\t\n", H);
	bad(buf, "line 3: more records than the header says", "a record too many");
	bad("teamtui-digest 1 people 2 tables 0\np\tb\tB\t\t\t\np\ta\tA\t\t\t\n",
	    "line 3: people out of order (or a slug twice)", "out of order");
	bad("teamtui-digest 1 people 2 tables 0\np\ta\tB\t\t\t\np\ta\tA\t\t\t\n",
	    "line 3: people out of order (or a slug twice)", "a slug twice");
	bad("teamtui-digest 1 people 0 tables 1\nt\tg\tG\tboth\t0\ts\tf\t1\t\t0\t0\n",
	    "line 2: a table's kind is 'members' or 'counterparts'", "bad kind");
	bad("teamtui-digest 1 people 0 tables 1\nt\tg\tG\tmembers\t0\ts\tf\t-1\t\t0\t0\n",
	    "line 2: bad line number '-1'", "negative line");
	bad("teamtui-digest 1 people 0 tables 1\nt\tg\tG\tmembers\t0\ts\tf\t1\t\t2\t0\n",
	    "line 2: manager row flag 2 is out of range", "bad flag");
	bad("teamtui-digest 1 people 0 tables 1\nt\tg\tG\tmembers\t0\ts\tf\t1\t\t0\t3\ta\n",
	    "line 2: the table says 3 rows and has 1", "row count");
	bad("teamtui-digest 1 people 0 tables 1\np\ta\tA\t\t\t\n",
	    "line 2: a table record expected ('t')", "a person where a table goes");
	bad("teamtui-digest 1 people 0 tables 2\n"
	    "t\tg\tG\tmembers\t1\ts\tf\t1\t\t0\t0\nt\tg\tG\tmembers\t0\ts\tf\t1\t\t0\t0\n",
	    "line 3: tables out of order (or one twice)", "tables out of order");
}

/* ------------------------------------------------------------ changes */

static void test_kinds(void)
{
	const char *v1 = "- {slug: ann, name: Ann, role: EM, gitlab: ann}\n"
			 "- {slug: bo, name: Bo, role: EM, gitlab: bo}\n"
			 "- {slug: cy, name: Cy, role: BE, reports_to: ann, gitlab: cy}\n"
			 "- {slug: di, name: Di, role: Designer, gitlab: Di-H}\n"
			 "- {slug: ed, name: Ed, role: BE, reports_to: di, gitlab: ed}\n"
			 "- {slug: fay, name: Fay, role: PM, gitlab: fay}\n"
			 "- {slug: gus, name: Gus, role: BE, reports_to: bo}\n";
	const char *v2 = "- {slug: ann, name: Ann, role: EM, gitlab: ann}\n"
			 "- {slug: cy, name: Cy, role: Senior BE, reports_to: bo2, gitlab: cy}\n"
			 "- {slug: di-hall, name: Di Hall, role: Writer, gitlab: '@di-h'}\n"
			 "- {slug: ed, name: Ed, role: BE, reports_to: di-hall, gitlab: ed}\n"
			 "- {slug: fay, name: Fay, role: PM, reports_to: ann, gitlab: fay}\n"
			 "- {slug: gus, name: Gus, role: BE, reports_to: bo}\n"
			 "- {slug: hal, name: Hal, role: BE, reports_to: ann}\n";
	digest *a = dig(v1, GROUPS), *b = dig(v2, GROUPS);
	expect_changes(
	    a, b,
	    "joined hal (Hal)\n"
	    "left bo (Bo)\n"
	    "renamed di-hall (Di Hall) 'di' -> 'di-hall'\n"
	    "moved cy (Cy) 'ann' -> 'bo2'\n"
	    "moved fay (Fay) '' -> 'ann'\n"
	    "title cy (Cy) 'BE' -> 'Senior BE'\n"
	    "title di-hall (Di Hall) 'Designer' -> 'Writer'\n"
	    "group-entered di-hall (Di Hall) @ h/counterparts groups.yml:15\n"
	    "group-entered fay (Fay) @ g/members groups.yml:7\n"
	    "group-left cy (Cy) @ g/members groups.yml:7\n"
	    "group-left di-hall (Di Hall) @ g/counterparts groups.yml:8\n"
	    "group-left gus (Gus) @ h/members groups.yml:12\n"
	    "table-emptied @ g/counterparts groups.yml:8 [stable-counterparts 'ann']\n"
	    "table-emptied @ h/members groups.yml:12 [team-by-manager-slug 'bo']\n",
	    "every kind a groups.yml roster has: a leaver's groups are not listed (bo), "
	    "a renamed manager is no move (ed), a rename keeps its title change, a "
	    "manager's leaving empties the table and moves the team out (gus)");
	change_list c;
	if (a && b && changes_between(a, b, &c)) {
		char buf[200];
		changes_summary(&c, buf, sizeof(buf));
		tap_is_str(buf,
			   "1 joined, 1 left, 1 renamed, 2 moved, 2 new titles, 5 group "
			   "moves, 2 tables emptied",
			   "changes_summary");
		changes_summary(&c, buf, 20);
		tap_is_str(buf, "1 joined, 1 left, 1", "changes_summary: cut to the size");
		tap_is_int((long long)c.count[CHANGE_GROUP_LEFT], 3, "count[] per kind");
		changes_free(&c);
	}
	if (a && changes_between(a, a, &c)) {
		char buf[200];
		changes_summary(&c, buf, sizeof(buf));
		tap_is_str(buf, "no changes", "changes_summary: none");
		tap_is_int((long long)c.n, 0, "a digest against itself: nothing");
		changes_free(&c);
	}
	/* the reload's line over the same */
	digest_free(a);
	digest_free(b);
	tap_is_str(change_kind_name(CHANGE_TABLE_LOST_MANAGER), "table-lost-manager",
		   "change_kind_name");
	tap_is_str(change_kind_name(CHANGE_GROUP_ENTERED), "group-entered",
		   "change_kind_name: group-entered");
}

/* Digests written by hand: what a roster of groups.yml cannot show. */
static void test_tables_by_hand(void)
{
	char err[200];
	const char *P = "p\tann\tAnn\tEM\t\tann\n"
			"p\tbo\tBo\tBE\tann\tbo\n"
			"p\tcy\tCy\tBE\tann\tcy\n";
	char a[1024], b[1024];
	/* two members tables of g (one joined list), one counterparts */
	snprintf(a, sizeof(a),
		 "teamtui-digest 1 people 3 tables 3\n%s"
		 "t\tg\tG\tmembers\t0\tteam-by-departments\tp.md\t5\t\t1\t2\tann\tbo\n"
		 "t\tg\tG\tmembers\t1\tgroup-by-slugs\tp.md\t9\t\t0\t1\tcy\n"
		 "t\tg\tG\tcounterparts\t2\tstable-counterparts\tp.md\t12\t\t0\t0\n",
		 P);
	snprintf(b, sizeof(b),
		 "teamtui-digest 1 people 3 tables 3\n%s"
		 "t\tg\tG\tmembers\t0\tteam-by-departments\tp.md\t6\t\t0\t1\tcy\n"
		 "t\tg\tG\tmembers\t1\tgroup-by-slugs\tp.md\t10\t\t0\t1\tbo\n"
		 "t\tg\tG\tcounterparts\t2\tstable-counterparts\tp.md\t13\t\t0\t1\tann\n",
		 P);
	digest *x = parse(a, err, sizeof(err)), *y = parse(b, err, sizeof(err));
	expect_changes(x, y,
		       "group-entered ann (Ann) @ g/counterparts p.md:13\n"
		       "group-left ann (Ann) @ g/members p.md:6\n"
		       "table-lost-manager @ g/members p.md:6 [team-by-departments '']\n",
		       "tables of one kind are joined: bo and cy moved between members "
		       "tables, no move; ann left the members for the counterparts; the "
		       "manager row lost; lines are the new version's");
	tap_ok(x && y && x->hash != y->hash, "other rows: another hash");
	digest_free(y);
	/* only lines moved: the same content */
	snprintf(b, sizeof(b),
		 "teamtui-digest 1 people 3 tables 3\n%s"
		 "t\tg\tG\tmembers\t0\tteam-by-departments\tp.md\t50\t\t1\t2\tann\tbo\n"
		 "t\tg\tG\tmembers\t1\tgroup-by-slugs\tq.md\t90\t\t0\t1\tcy\n"
		 "t\tg\tG\tcounterparts\t2\tstable-counterparts\tp.md\t120\t\t0\t0\n",
		 P);
	y = parse(b, err, sizeof(err));
	tap_ok(x && y && x->hash == y->hash,
	       "a table's file and line are not content: the same hash");
	digest_free(y);
	/* a table of another kind at the same place is not compared */
	snprintf(b, sizeof(b),
		 "teamtui-digest 1 people 3 tables 3\n%s"
		 "t\tg\tG\tcounterparts\t0\tstable-counterparts\tp.md\t5\t\t0\t0\n"
		 "t\tg\tG\tmembers\t1\tgroup-by-slugs\tp.md\t9\t\t0\t1\tcy\n"
		 "t\tg\tG\tcounterparts\t2\tstable-counterparts\tp.md\t12\t\t0\t0\n",
		 P);
	y = parse(b, err, sizeof(err));
	expect_changes(x, y,
		       "group-left ann (Ann) @ g/members p.md:5\n"
		       "group-left bo (Bo) @ g/members p.md:5\n",
		       "a table that changed kind: no table change, its rows left");
	digest_free(y);
	digest_free(x);
}

static void test_renames(void)
{
	const char *G = "groups: {}\n";
	/* two leavers with one handle: no rename */
	digest *a = dig("- {slug: a1, gitlab: same}\n- {slug: a2, gitlab: same}\n", G);
	digest *b = dig("- {slug: b1, gitlab: SAME}\n", G);
	expect_changes(a, b, "joined b1 ()\nleft a1 ()\nleft a2 ()\n",
		       "a handle two leavers had renames nobody");
	digest_free(a);
	digest_free(b);
	a = dig("- {slug: a1}\n", G);
	b = dig("- {slug: b1}\n", G);
	expect_changes(a, b, "joined b1 ()\nleft a1 ()\n", "no handle: no rename");
	digest_free(a);
	digest_free(b);
	a = dig("- {slug: a1, gitlab: '@'}\n", G);
	b = dig("- {slug: b1, gitlab: '@'}\n", G);
	expect_changes(a, b, "joined b1 ()\nleft a1 ()\n", "a lone '@' is no handle");
	digest_free(a);
	digest_free(b);
	a = dig("- {slug: a1, gitlab: x, name: A}\n- {slug: keep, gitlab: y}\n", G);
	b = dig("- {slug: keep, gitlab: x}\n- {slug: z9, gitlab: '@X', name: Z}\n", G);
	expect_changes(a, b, "renamed z9 (Z) 'a1' -> 'z9'\n",
		       "a leaver and a joiner share a handle ('@' and case aside): one "
		       "rename, though someone who stayed has it now");
	digest_free(a);
	digest_free(b);
	/* reports of a renamed manager, and a report moved to another */
	a = dig("- {slug: m, gitlab: m}\n- {slug: r1, reports_to: m}\n"
		"- {slug: r2, reports_to: m}\n- {slug: o}\n",
		G);
	b = dig("- {slug: m2, gitlab: M}\n- {slug: r1, reports_to: m2}\n"
		"- {slug: r2, reports_to: o}\n- {slug: o}\n",
		G);
	expect_changes(a, b, "renamed m2 () 'm' -> 'm2'\nmoved r2 () 'm' -> 'o'\n",
		       "a renamed manager's reports did not move");
	digest_free(a);
	digest_free(b);
}

/* ------------------------------------------------------------ deltas */

static void test_delta(void)
{
	const char *v1 = "- {slug: ann, name: Ann, role: EM}\n"
			 "- {slug: bo, name: Bo, role: EM}\n"
			 "- {slug: cy, name: Cy, role: Designer, reports_to: bo}\n";
	const char *v2 = "- {slug: ann, name: Ann, role: EM}\n"
			 "- {slug: cy, name: Cy, role: PM, reports_to: ann}\n"
			 "- {slug: di, name: \"D\\ti\", role: Writer}\n";
	digest *a = dig(v1, GROUPS), *b = dig(v2, GROUPS);
	size_t len, alen;
	char *delta = a && b ? digest_delta(b, a, &len) : NULL;
	tap_ok(delta != NULL, "digest_delta");
	char *want = a ? digest_format(a, &alen) : NULL;
	char err[300] = "";
	bool ok = delta && digest_patch(b, delta, len, err, sizeof(err));
	tap_ok(ok, "digest_patch %s", err);
	char *got = ok ? digest_format(b, &len) : NULL;
	tap_ok(got && want && !strcmp(got, want) && b->hash == a->hash,
	       "new + delta(new -> old) = old, byte for byte");
	free(got);
	/* b is a now: the same delta again is against another version */
	ok = delta && digest_patch(b, delta, strlen(delta), err, sizeof(err));
	tap_ok(!ok && strstr(err, "line 1: a delta against version "),
	       "a delta against another version is refused (%s)", err);
	char *same = digest_delta(a, a, &len);
	tap_ok(same && !strchr(strchr(same, '\n') + 1, '\n'),
	       "no difference: the header alone");
	free(same);
	/* corrupt deltas leave the digest as it was */
	digest *c = dig(v2, GROUPS);
	char *d2 = c && a ? digest_delta(c, a, &len) : NULL;
	if (d2) {
		uint64_t h = c->hash;
		size_t n = c->npeople;
		char *cut = strdup(d2);
		cut[len - 5] = '\0';
		tap_ok(!digest_patch(c, cut, strlen(cut), err, sizeof(err)) && c->hash == h &&
			       c->npeople == n,
		       "a delta cut short: refused, the digest unchanged (%s)", err);
		free(cut);
		char *wrong = strdup(d2);
		char *p = strstr(wrong, " hash ");
		p[6] = p[6] == 'a' ? 'b' : 'a';
		tap_ok(!digest_patch(c, wrong, strlen(wrong), err, sizeof(err)) &&
			       c->hash == h && strstr(err, "the delta says"),
		       "a delta whose result is not the version it names: refused (%s)", err);
		free(wrong);
		const char *gone = "-p\tnobody\n";
		char buf[256];
		snprintf(buf, sizeof(buf),
			 "teamtui-digest-delta 1 base %016llx hash %016llx people 1 tables 0\n%s",
			 (unsigned long long)c->hash, (unsigned long long)c->hash, gone);
		tap_ok(!digest_patch(c, buf, strlen(buf), err, sizeof(err)) &&
			       !strcmp(err, "line 2: '-p' of a slug the version does not have"),
		       "removing someone it does not have: refused (%s)", err);
	}
	free(d2);
	digest_free(c);
	free(want);
	free(delta);
	digest_free(a);
	digest_free(b);
}

/* ------------------------------------------------------------ the store */

static roster *load_team(const char *dir, const char *team)
{
	t_write(dir, "team.yml", team);
	diag_list d;
	diag_init(&d);
	roster *r = roster_load(dir, &d);
	diag_free(&d);
	return r;
}

static bool record(digeststore *s, roster *r)
{
	resolver *rs = resolver_new(r);
	char err[512] = "";
	bool ok = digeststore_record(s, r, rs, err, sizeof(err));
	if (!ok)
		printf("# record: %s\n", err);
	resolver_free(rs);
	return ok;
}

static void test_store(void)
{
	char *cache = t_mkdir();
	setenv("XDG_CACHE_HOME", cache, 1);
	char *dir = t_mkdir();
	t_write(dir, "groups.yml", GROUPS);
	roster_input in = {dir, NULL, NULL, NULL};
	char err[1024] = "";
	digeststore *s = digeststore_open(&in, err, sizeof(err));
	tap_ok(s != NULL, "digeststore_open %s", err);
	if (!s)
		return;
	struct stat st;
	tap_ok(stat(digeststore_dir(s), &st) == 0 && (st.st_mode & 0777) == 0700,
	       "its directory is 0700");
	tap_is_int((long long)digeststore_count(s), 0, "a new store is empty");
	tap_is_int(digeststore_looked(s, NULL), -1, "nothing looked at yet");
	setenv("TEAMTUI_NOW", "1000", 1);
	roster *r1 = load_team(dir, "- {slug: ann, name: Ann, role: EM}\n");
	tap_ok(!digeststore_current(s, r1), "not current before a record");
	tap_ok(record(s, r1), "record version 1");
	tap_ok(digeststore_current(s, r1), "current after it");
	tap_is_int((long long)digeststore_count(s), 1, "one version");
	tap_ok(record(s, r1), "the same again");
	tap_is_int((long long)digeststore_count(s), 1, "still one version");
	char path[4096];
	snprintf(path, sizeof(path), "%s/v-1.full", digeststore_dir(s));
	tap_ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600, "v-1.full, 0600");
	setenv("TEAMTUI_NOW", "2000", 1);
	roster *r2 = load_team(dir, "- {slug: ann, name: Ann, role: EM}\n- {slug: bo}\n");
	tap_ok(!digeststore_current(s, r2), "an edit: not current");
	tap_ok(record(s, r2), "record version 2");
	tap_is_int((long long)digeststore_count(s), 2, "two versions");
	tap_is_int((long long)digeststore_when(s, 0), 2000, "recorded when TEAMTUI_NOW says");
	tap_is_int((long long)digeststore_when(s, 1), 1000, "the older one's time");
	snprintf(path, sizeof(path), "%s/v-1.delta", digeststore_dir(s));
	tap_ok(stat(path, &st) == 0, "the older one is a delta now");
	snprintf(path, sizeof(path), "%s/v-1.full", digeststore_dir(s));
	tap_ok(stat(path, &st) != 0, "and its full digest is gone");
	digest *d1 = digeststore_load(s, 1, err, sizeof(err));
	tap_ok(d1 && d1->npeople == 1 && d1->hash == digeststore_hash(s, 1),
	       "version 1 read back through the delta %s", err);
	digest_free(d1);
	tap_ok(digeststore_mark_looked(s, 1, err, sizeof(err)), "mark version 1 looked at");
	time_t when = 0;
	tap_is_int(digeststore_looked(s, &when), 1, "looked: version 1");
	tap_is_int((long long)when, 2000, "and when");
	/* another process's view */
	digeststore *s2 = digeststore_open(&in, err, sizeof(err));
	tap_ok(s2 && digeststore_count(s2) == 2 && digeststore_looked(s2, NULL) == 1 &&
		       digeststore_current(s2, r2),
	       "a second open sees the same");
	digeststore_close(s2);
	/* twelve more versions: ten kept */
	roster *rs[12];
	for (int i = 0; i < 12; i++) {
		char team[256];
		snprintf(team, sizeof(team), "- {slug: ann, name: Ann, role: EM%d}\n", i);
		char now[32];
		snprintf(now, sizeof(now), "%d", 3000 + i);
		setenv("TEAMTUI_NOW", now, 1);
		rs[i] = load_team(dir, team);
		record(s, rs[i]);
	}
	tap_is_int((long long)digeststore_count(s), DIGESTSTORE_KEEP, "ten versions kept");
	tap_is_int(digeststore_looked(s, NULL), -1, "the looked-at version was dropped");
	digest *d9 = digeststore_load(s, 9, err, sizeof(err));
	tap_ok(d9 && !strcmp(d9->people[0].role, "EM2"),
	       "the oldest kept, through nine deltas %s", err);
	digest_free(d9);
	int files = 0;
	{
		char cmd[4200];
		snprintf(cmd, sizeof(cmd), "ls %s | grep -c '^v-'", digeststore_dir(s));
		FILE *p = popen(cmd, "r");
		if (p && fscanf(p, "%d", &files) != 1)
			files = -1;
		if (p)
			pclose(p);
	}
	tap_is_int(files, DIGESTSTORE_KEEP, "one file a version: old ones removed");
	/* a corrupt delta: that version and the older ones go */
	snprintf(path, sizeof(path), "%s/v-%d.delta", digeststore_dir(s), 10);
	FILE *f = fopen(path, "w");
	if (f) {
		fputs("teamtui-digest-delta 1 garbage\n", f);
		fclose(f);
	}
	/* versions 14 (the newest) down to 5 are kept: 10 is the fifth */
	digest *dc = digeststore_load(s, DIGESTSTORE_KEEP - 1, err, sizeof(err));
	tap_ok(!dc && strstr(err, "v-10.delta: line 1: bad header") && strstr(err, "dropped"),
	       "a corrupt delta: refused (%s)", err);
	tap_is_int((long long)digeststore_count(s), 4, "it and the older versions are dropped");
	digeststore_close(s);
	/* a corrupt index is dropped with a warning */
	s2 = digeststore_open(&in, err, sizeof(err));
	snprintf(path, sizeof(path), "%s/index", s2 ? digeststore_dir(s2) : "");
	digeststore_close(s2);
	f = fopen(path, "w");
	if (f) {
		fputs("teamtui-changes 1\nnext 1\nv zz\n", f);
		fclose(f);
	}
	s = digeststore_open(&in, err, sizeof(err));
	tap_ok(s && digeststore_count(s) == 0 &&
		       strstr(digeststore_warning(s), "dropped the version list ") &&
		       strstr(digeststore_warning(s), ": line 3: not understood"),
	       "a corrupt index: dropped, said (%s)", s ? digeststore_warning(s) : "");
	tap_ok(s && record(s, rs[11]) && digeststore_count(s) == 1, "and recording starts over");
	digeststore_close(s);
	roster_free(r1);
	roster_free(r2);
	for (int i = 0; i < 12; i++)
		roster_free(rs[i]);
	unsetenv("TEAMTUI_NOW");
}

/* ------------------------------------------------------------ the rest */

static void test_rosterdiff(void)
{
	const char *groups = "groups: {}\n";
	diag_list d1, d2;
	diag_init(&d1);
	diag_init(&d2);
	roster *a = t_roster("- {slug: ann, gitlab: ann}\n- {slug: bo, name: Bo}\n", groups, &d1);
	roster *b = t_roster("- {slug: ann2, gitlab: ANN}\n- {slug: bo, name: Bob}\n", groups, &d2);
	resolver *ra = resolver_new(a), *rb = resolver_new(b);
	char buf[200];
	roster_diff_text(a, ra, b, rb, buf, sizeof(buf));
	tap_is_str(buf, "1 renamed, 1 changed", "rosterdiff: a rename, a new name");
	resolver_free(ra);
	resolver_free(rb);
	roster_free(a);
	roster_free(b);
	diag_free(&d1);
	diag_free(&d2);
}

static const char *lint(roster *r)
{
	resolver *rs = resolver_new(r);
	diag_list out;
	diag_init(&out);
	check_roster(r, rs, &out);
	const char *s = t_diags(&out);
	diag_free(&out);
	resolver_free(rs);
	return s;
}

static void test_check(void)
{
	diag_list d;
	diag_init(&d);
	roster *r = t_roster("- {slug: ann, role: EM}\n- {slug: bo, role: Designer, reports_to: ann}\n",
			     "groups:\n"
			     "  g:\n"
			     "    team-by-manager-slug: {manager: ann}\n"
			     "    stable-counterparts: {manager: ann, role: Designer}\n",
			     &d);
	tap_is_str(lint(r),
		   "groups.yml:4:26: warning: stable-counterparts table lists nobody: role "
		   "'Designer' matches 1 person, each the manager 'ann' or one of their "
		   "reports",
		   "check: a counterparts table whose matches are all left out");
	roster_free(r);
	diag_free(&d);
	/* a handbook page */
	char *hb = t_mkdir();
	t_write(hb, "content/handbook/x/_index.md",
		"---\ntitle: X\n---\n\n"
		"{{< team-by-departments departments=\"Nowhere Team,Gone\" >}}\n\n"
		"{{< group-by-expertise \"juggling\" >}}\n\n"
		"{{< engineering/stable-counterparts manager=\"ann\" >}}\n\n"
		"{{< team-by-departments departments=\"Here\" >}}\n");
	t_write(hb, "data/public/team.yml",
		"- {slug: ann, name: Ann, role: EM, departments: [Here]}\n");
	t_write(hb, "data/public/stages.yml", "stages: {}\n");
	diag_init(&d);
	roster_input in = {hb, NULL, NULL, NULL};
	r = roster_load_input(&in, &d);
	tap_is_str(lint(r),
		   "content/handbook/x/_index.md:5:1: warning: team-by-departments table "
		   "lists nobody: nobody's departments or team_tags include 'Nowhere Team' "
		   "or 'Gone', and it has no manager-role\n"
		   "content/handbook/x/_index.md:7:1: warning: group-by-expertise table lists "
		   "nobody: nobody's expertise holds 'juggling'\n"
		   "content/handbook/x/_index.md:9:1: warning: engineering/stable-counterparts "
		   "table lists nobody: it has no role",
		   "check: handbook tables that list nobody, each with its reason");
	roster_free(r);
	diag_free(&d);
}

int main(void)
{
	test_roundtrip();
	test_parse_errors();
	test_kinds();
	test_tables_by_hand();
	test_renames();
	test_delta();
	test_store();
	test_rosterdiff();
	test_check();
	return tap_done();
}

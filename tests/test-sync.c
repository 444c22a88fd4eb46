/* test-sync: the pieces of `teamtui sync` that need no network: the check
 * of downloaded bytes (syncdata.h), state.json (syncstate.h), the data
 * directory's writer side (datadir.h: temporary files, the lock, versions
 * and their pruning) and the sync: map of config.yml (config.h). The
 * transfers themselves are tests/sync.sh's, against a loopback server. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tap.h"
#include "teamtui/config.h"
#include "teamtui/datadir.h"
#include "teamtui/syncdata.h"
#include "teamtui/syncstate.h"

static void verdict(const char *name, const char *text, const char *want)
{
	syncdata_info info;
	char why[256];
	bool ok = syncdata_check(name, text, strlen(text), &info, why, sizeof(why));
	char label[300];
	size_t o = (size_t)snprintf(label, sizeof(label), "%s '", name);
	for (const char *p = text; *p && p - text < 30 && o < 200; p++) { /* one line */
		unsigned char c = (unsigned char)*p;
		o += (size_t)snprintf(label + o, sizeof(label) - o, c < 0x20 || c > 0x7e ? "\\x%02x" : "%c", c);
	}
	snprintf(label + o, sizeof(label) - o, "': %s", want);
	tap_is_str(ok ? "ok" : why, want, label);
}

static void test_check(void)
{
	verdict("team.yml", "", "empty file");
	verdict("team.yml", " \n\t\r\n", "empty file");
	verdict("team.yml", "# only a comment\n", "empty file");
	verdict("team.yml", "\xEF\xBB\xBF", "empty file");
	verdict("team.yml", "<!DOCTYPE html><html></html>", "an HTML page, not YAML");
	verdict("stages.yml", "\n  <html><body>502</body></html>", "an HTML page, not YAML");
	verdict("team.yml", "<?xml version=\"1.0\"?><e/>", "an HTML page, not YAML");
	verdict("team.yml", "- slug: a\n  name: [x\n", "not YAML: line 3 column 1: did not "
		"find expected ',' or ']' while parsing a flow sequence that began at line 2, "
		"column 9");
	verdict("team.yml", "- slug: \"a\xff\"\n", "not YAML: line 1 column 11: invalid "
		"leading UTF-8 octet");
	verdict("team.yml", "slug: a\n", "not a list of people");
	verdict("team.yml", "[]\n", "no entry has a slug");
	verdict("team.yml", "- name: A\n- slug: ''\n- slug: [x]\n", "no entry has a slug");
	verdict("team.yml", "- slug: a\n- name: no slug\n- slug: b\n", "ok");
	verdict("stages.yml", "stages: []\n", "no stages: map");
	verdict("stages.yml", "stages: {}\n", "no stages: map");
	verdict("stages.yml", "- a\n", "no stages: map");
	verdict("stages.yml", "stages:\n  create:\n    groups:\n      a: {}\n      b: {}\n", "ok");
	verdict("sections.yml", "- dev\n", "not a map of sections");
	verdict("sections.yml", "dev: x\n", "no sections");
	verdict("sections.yml", "dev: {name: Dev}\n", "ok");
	verdict("categories.yml", "a: 1\n", "no categories");
	verdict("categories.yml", "a: {name: A}\nb: {name: B}\n", "ok");
	verdict("groups.yml", "x: {}\n", "not a file teamtui syncs");
	/* UTF-16 by its byte-order mark */
	syncdata_info info;
	char why[256];
	tap_ok(!syncdata_check("team.yml", "\xff\xfe-\0 \0", 6, &info, why, sizeof(why)) &&
		       !strcmp(why, "UTF-16 text; save it as UTF-8"),
	       "UTF-16 is refused: %s", why);
	/* a NUL byte inside: libyaml refuses the character */
	tap_ok(!syncdata_check("team.yml", "- slug: a\0b\n", 12, &info, why, sizeof(why)) &&
		       !strncmp(why, "not YAML: line 1 column 10: ", 28),
	       "a NUL byte is refused where it is: %s", why);

	const char *team = "- slug: a\n- slug: b\n- {name: c}\n";
	tap_ok(syncdata_check("team.yml", team, strlen(team), &info, why, sizeof(why)) &&
		       info.count == 2 && info.groups == 0,
	       "team.yml: the people with a slug are counted (%zu)", info.count);
	const char *stages = "stages:\n  create:\n    groups: {a: {}, b: {}}\n"
			     "  plan:\n    groups: {c: {}}\n  empty: {}\n";
	tap_ok(syncdata_check("stages.yml", stages, strlen(stages), &info, why, sizeof(why)) &&
		       info.count == 3 && info.groups == 3,
	       "stages.yml: stages and groups counted (%zu, %zu)", info.count, info.groups);

	char buf[128];
	syncdata_info now = {2013, 0}, before = {2010, 0};
	syncdata_describe("team.yml", &now, &before, buf, sizeof(buf));
	tap_is_str(buf, "2,013 people (was 2,010)", "describe: people, with the count before");
	syncdata_describe("team.yml", &now, &now, buf, sizeof(buf));
	tap_is_str(buf, "2,013 people", "describe: the same count is not repeated");
	syncdata_info s1 = {52, 141}, s0 = {52, 140};
	syncdata_describe("stages.yml", &s1, &s0, buf, sizeof(buf));
	tap_is_str(buf, "52 stages, 141 groups (was 140)", "describe: stages and groups");
	syncdata_info one = {1, 0};
	syncdata_describe("sections.yml", &one, NULL, buf, sizeof(buf));
	tap_is_str(buf, "1 section", "describe: one");
	syncdata_count(1000000, buf, sizeof(buf));
	tap_is_str(buf, "1,000,000", "thousands grouped");
	syncdata_count(999, buf, sizeof(buf));
	tap_is_str(buf, "999", "no comma under a thousand");
}

static void test_state(void)
{
	syncstate st;
	char err[256];
	const char *text =
	    "{\"version\":1,\"files\":{\"team.yml\":{\"source\":\"https://h/team.yml\","
	    "\"key\":\"0123456789abcdef0123456789abcdef\",\"etag\":\"\\\"v1\\\"\","
	    "\"last_modified\":\"Tue, 01 Dec 2026 10:00:00 GMT\",\"size\":12,"
	    "\"synced\":1796119200,\"checked\":1796205600},"
	    "\"stages.yml\":{\"key\":\"XYZ\",\"etag\":\"a\\r\\nX-Evil: 1\",\"size\":-3},"
	    "\"other.yml\":{\"etag\":\"x\"}}}";
	tap_ok(syncstate_parse(text, strlen(text), &st, err, sizeof(err)), "state parses");
	syncstate_file *t = &st.file[0], *s = &st.file[1];
	tap_is_str(t->etag, "\"v1\"", "the ETag, quotes kept");
	tap_is_str(t->last_modified, "Tue, 01 Dec 2026 10:00:00 GMT", "Last-Modified");
	tap_is_int(t->size, 12, "size");
	tap_is_int((long long)t->checked, 1796205600LL, "checked");
	tap_ok(!s->etag, "an ETag with a CR LF is dropped (it would go back into a header)");
	tap_ok(!s->key[0], "a key that is not 32 hex digits is dropped");
	tap_is_int(s->size, -1, "a negative size is unknown");
	char *again = syncstate_format(&st);
	syncstate st2;
	tap_ok(again && syncstate_parse(again, strlen(again), &st2, err, sizeof(err)) &&
		       !strcmp(st2.file[0].etag, "\"v1\"") && st2.file[0].size == 12 &&
		       !strcmp(st2.file[0].key, "0123456789abcdef0123456789abcdef"),
	       "format, then parse: the same state");
	free(again);
	syncstate_free(&st);
	syncstate_free(&st2);
	tap_ok(!syncstate_parse("[1,2]", 5, &st, err, sizeof(err)) &&
		       !strcmp(err, "not a sync state: no \"files\" object"),
	       "not a state: %s", err);
	tap_ok(!syncstate_parse("{\"files\":", 9, &st, err, sizeof(err)) &&
		       !strncmp(err, "not JSON (near byte ", 20),
	       "not JSON: %s", err);
	syncstate_free(&st);
}

static bool exists(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);
	struct stat st;
	snprintf(p, n, "%s/%s", dir, name);
	bool yes = stat(p, &st) == 0;
	free(p);
	return yes;
}

static void test_writer(void)
{
	char *dir = t_mkdir(), err[600], p[1024];
	snprintf(p, sizeof(p), "%s/a/b/teamtui", dir);
	tap_ok(datadir_prepare(p, false, err, sizeof(err)), "prepare creates the directory "
	       "and its parents");
	struct stat st;
	stat(p, &st);
	tap_is_int(st.st_mode & 0777, 0700, "... 0700 (personal)");
	tap_ok(exists(p, ".sync") && exists(p, "history"), "... with .sync/ and history/");

	bool busy;
	int lock = datadir_lock(p, &busy, err, sizeof(err));
	tap_ok(lock >= 0, "the lock is taken");
	int second = datadir_lock(p, &busy, err, sizeof(err));
	tap_ok(second < 0 && busy && !*err, "a second taker is told it is busy");
	close(lock);
	second = datadir_lock(p, &busy, err, sizeof(err));
	tap_ok(second >= 0, "... and gets it once the first lets go");
	close(second);

	tap_ok(datadir_write(p, "team.yml", "- slug: a\n", 10, err, sizeof(err)), "write");
	snprintf(p + strlen(p), 32, "/team.yml");
	stat(p, &st);
	tap_is_int(st.st_mode & 0777, 0644, "... 0644");
	p[strlen(p) - 9] = '\0';

	char stamp[17], stamp2[17];
	time_t when = 1796119200; /* 2026-12-01T10:00:00Z */
	tap_ok(datadir_record(p, when, false, stamp, err, sizeof(err)), "record a version");
	tap_is_str(stamp, "20261201T100000Z", "... stamped in UTC");
	tap_ok(datadir_record(p, when, false, stamp2, err, sizeof(err)), "record another in "
	       "the same second");
	tap_is_str(stamp2, "20261201T100001Z", "... the next free second");
	char h1[1100], h2[1100];
	snprintf(h1, sizeof(h1), "%s/history/%s/team.yml", p, stamp);
	snprintf(h2, sizeof(h2), "%s/history/%s/team.yml", p, stamp2);
	struct stat a, b;
	tap_ok(stat(h1, &a) == 0 && stat(h2, &b) == 0 && a.st_ino == b.st_ino,
	       "both hold the same file (one inode)");
	for (int i = 0; i < 12; i++)
		datadir_record(p, when + 100 + i, false, stamp, err, sizeof(err));
	tap_ok(datadir_prune(p, DATADIR_KEEP, err, sizeof(err)), "prune");
	datadir_version *v;
	size_t n;
	datadir_history(p, &v, &n, err, sizeof(err));
	tap_is_int((long long)n, DATADIR_KEEP, "... the newest 10 are left");
	tap_is_str(n ? v[0].stamp : "", "20261201T100151Z", "... newest first");
	datadir_versions_free(v, n);

	/* leftovers of an interrupted writer */
	char *tmp;
	int fd = datadir_temp(p, "stages.yml", &tmp, err, sizeof(err));
	tap_ok(fd >= 0 && strstr(tmp, "/.stages.yml."), "a temporary file: %s", tmp ? tmp : err);
	close(fd);
	datadir_clean(p);
	tap_ok(access(tmp, F_OK) != 0, "datadir_clean removes it");
	free(tmp);

	/* a shared directory: 0755 whatever the umask */
	mode_t old = umask(077);
	snprintf(p, sizeof(p), "%s/shared", dir);
	tap_ok(datadir_prepare(p, true, err, sizeof(err)), "a shared directory");
	stat(p, &st);
	tap_is_int(st.st_mode & 0777, 0755, "... 0755 under umask 077");
	umask(old);
}

static void test_config(void)
{
	char *home = t_mkdir();
	setenv("XDG_CONFIG_HOME", home, 1);
	setenv("TEAMTUI_SYSTEM_CONFIG", "/dev/null/none", 1);
	diag_list d;
	diag_init(&d);
	config_sync_source s;
	tap_ok(config_sync(&s, &d), "no config: the defaults");
	tap_is_str(s.file[0], CONFIG_SYNC_TEAM_URL, "... team.yml from about.gitlab.com");
	tap_is_str(s.file[1], CONFIG_SYNC_DATA_URL "stages.yml", "... stages.yml from www-gitlab-com");
	tap_ok(!s.project && !s.from, "... one URL per file, from no file");
	config_sync_free(&s);

	t_write(home, "teamtui/config.yml",
		"sync:\n  team.yml: https://example.test/t.yml\n  stages.yml: [x]\n");
	config_sync(&s, &d);
	tap_is_str(s.file[0], "https://example.test/t.yml", "a URL of the config");
	tap_is_str(s.file[1], CONFIG_SYNC_DATA_URL "stages.yml", "a wrong one keeps the default");
	config_sync_free(&s);
	const char *diags = t_diags(&d);
	tap_ok(strstr(diags, "config.yml:3:15: error: 'stages.yml' must be a string, not a list") != NULL,
	       "... and is a located error: %s", diags);
	diag_free(&d);

	diag_init(&d);
	t_write(home, "teamtui/config.yml",
		"sync:\n  project: 42\n  ref: v1.0\n  sections.yml: x/s.yml\n  categories: y\n");
	config_sync(&s, &d);
	tap_is_str(s.project, "42", "the project form: the project");
	tap_is_str(s.ref, "v1.0", "... its ref");
	tap_is_str(s.file[0], "data/team.yml", "... paths default to data/FILE");
	tap_is_str(s.file[2], "x/s.yml", "... or as given");
	diags = t_diags(&d);
	tap_ok(strstr(diags, "config.yml:5:3: warning: sync: unknown key 'categories'; ignored "
			     "(did you mean 'categories.yml'?)") != NULL,
	       "an unknown key: a warning with the closest one: %s", diags);
	config_sync_free(&s);
	diag_free(&d);
	unsetenv("XDG_CONFIG_HOME");
}

int main(void)
{
	test_check();
	test_state();
	test_writer();
	test_config();
	return tap_done();
}

/* test-net.c: the network layer without a network: parsing GitLab's
 * answers (nulls, pages, errors), nesting key results, the cache files and
 * their modes, and the GitLab settings. The HTTP side is tested against a
 * fake server in tests/okrs.sh. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tap.h"
#include "teamtui/cache.h"
#include "teamtui/gitlab.h"
#include "teamtui/okr.h"

static const char page[] =
    "{\"data\":{\"project\":{\"workItems\":{\"pageInfo\":{\"hasNextPage\":true,"
    "\"endCursor\":\"Y3Vyc29yMQ\"},\"nodes\":["
    "{\"iid\":\"12\",\"title\":\"Ship \\u001b[31mcustom\\u001b[0m models\",\"state\":\"OPEN\","
    "\"webUrl\":\"https://gitlab.example/o/-/work_items/12\",\"workItemType\":{\"name\":\"Objective\"},"
    "\"widgets\":[{\"type\":\"HIERARCHY\",\"parent\":null},{\"type\":\"PROGRESS\",\"progress\":40},"
    "{\"type\":\"HEALTH_STATUS\",\"healthStatus\":\"onTrack\"},"
    "{\"type\":\"ASSIGNEES\",\"assignees\":{\"nodes\":[{\"username\":\"ada\",\"name\":\"Ada\"},"
    "{\"username\":\"bo\",\"name\":null}]}},{\"type\":\"START_AND_DUE_DATE\",\"dueDate\":\"2026-12-31\"}]},"
    "{\"iid\":\"13\",\"title\":\"KR one\",\"state\":\"OPEN\",\"webUrl\":null,"
    "\"workItemType\":{\"name\":\"Key Result\"},\"widgets\":[{\"type\":\"HIERARCHY\","
    "\"parent\":{\"iid\":\"12\"}},{\"type\":\"PROGRESS\",\"progress\":null},"
    "{\"type\":\"HEALTH_STATUS\",\"healthStatus\":null},{\"type\":\"NOTES\"}]},"
    "{\"iid\":\"14\",\"title\":\"KR of a parent elsewhere\",\"workItemType\":{\"name\":\"Key Result\"},"
    "\"widgets\":[{\"type\":\"HIERARCHY\",\"parent\":{\"iid\":\"99\"}}]},"
    "null, 7, {\"iid\":15}]}}}}";

static void test_graphql(void)
{
	okr_list l = {0};
	char *cursor = NULL, err[256] = "";
	tap_ok(okr_parse_graphql(page, strlen(page), &l, &cursor, err, sizeof(err)),
	       "a page parses: %s", err);
	tap_is_int((long long)l.n, 4, "four items (null and 7 skipped; iid 15 is a number: kept, no iid)");
	tap_is_str(cursor, "Y3Vyc29yMQ", "the next page's cursor");
	tap_is_str(l.v[0].title, "Ship \x1b[31mcustom\x1b[0m models",
		   "titles are kept raw (sanitized when shown)");
	tap_is_str(l.v[0].assignees, "@ada, @bo", "assignees");
	tap_ok(l.v[0].progress == 40 && !strcmp(l.v[0].health, "onTrack") &&
		   !strcmp(l.v[0].due, "2026-12-31") && !l.v[0].parent,
	       "progress, health, due date; a null parent");
	tap_ok(l.v[1].progress == -1 && !l.v[1].health && !l.v[1].url &&
		   !strcmp(l.v[1].parent, "12"),
	       "nulls are normal: no progress, health or URL");
	tap_ok(!l.v[3].iid && !l.v[3].title, "a node of the wrong types keeps nothing it cannot read");

	size_t order[8];
	int depth[8];
	size_t n = okr_order(&l, order, depth);
	char got[128] = "";
	for (size_t i = 0; i < n; i++) {
		char one[32];
		snprintf(one, sizeof(one), "%s%s@%d", i ? " " : "",
			 l.v[order[i]].iid ? l.v[order[i]].iid : "-", depth[i]);
		strcat(got, one);
	}
	tap_is_str(got, "12@0 13@1 14@0 -@0",
		   "key results under their objective; a missing parent at the top");

	cJSON *j = okr_to_json(&l);
	okr_list back = {0};
	tap_ok(okr_from_json(j, &back) && back.n == l.n &&
		   !strcmp(back.v[0].title, l.v[0].title) && back.v[1].progress == -1 &&
		   !strcmp(back.v[1].parent, "12"),
	       "the cache form reads back the same");
	cJSON_Delete(j);
	okr_list_free(&back);
	okr_list_free(&l);
	free(cursor);

	okr_list e = {0};
	const char *ge = "{\"errors\":[{\"message\":\"Field 'workItems' doesn't exist\"}]}";
	tap_ok(!okr_parse_graphql(ge, strlen(ge), &e, &cursor, err, sizeof(err)) &&
		   !strcmp(err, "GitLab: Field 'workItems' doesn't exist"),
	       "GraphQL errors come back as the reason: %s", err);
	const char *np = "{\"data\":{\"project\":null}}";
	tap_ok(!okr_parse_graphql(np, strlen(np), &e, &cursor, err, sizeof(err)) &&
		   !strcmp(err, "project not found, or private to you"),
	       "a null project: %s", err);
	tap_ok(!okr_parse_graphql("{\"data\":{\"proj", 14, &e, &cursor, err, sizeof(err)) &&
		   !strncmp(err, "invalid JSON from the server", 28),
	       "invalid JSON: %s", err);
	okr_list_free(&e);
}

static void test_issues(void)
{
	const char *json = "[{\"iid\":3,\"title\":\"Hire\",\"state\":\"opened\",\"web_url\":"
			   "\"https://gitlab.example/p/-/issues/3\",\"assignees\":[{\"username\":\"cy\"}],"
			   "\"due_date\":null,\"health_status\":\"at_risk\"}]";
	okr_list l = {0};
	char err[256];
	tap_ok(okr_parse_issues(json, strlen(json), &l, err, sizeof(err)) && l.n == 1 &&
		   !strcmp(l.v[0].iid, "3") && !strcmp(l.v[0].type, "Issue") &&
		   !strcmp(okr_health_text(l.v[0].health), "at risk") && !l.v[0].due,
	       "REST issues");
	okr_list_free(&l);
	tap_ok(!okr_parse_issues("{\"message\":\"404 Project Not Found\"}", 35, &l, err,
				 sizeof(err)) &&
		   !strcmp(err, "unexpected answer: 404 Project Not Found"),
	       "an error object instead of a list: %s", err);
	okr_list_free(&l);
}

static void test_cache(void)
{
	char *home = t_mkdir(), path[4200], err[256];
	setenv("XDG_CACHE_HOME", home, 1);
	char *dir = cache_dir(err, sizeof(err));
	struct stat st;
	snprintf(path, sizeof(path), "%s/teamtui", home);
	tap_ok(dir && !strcmp(dir, path) && stat(dir, &st) == 0 && (st.st_mode & 0777) == 0700,
	       "the cache directory is created 0700");
	chmod(dir, 0755);
	free(dir);
	dir = cache_dir(err, sizeof(err));
	tap_ok(dir && stat(dir, &st) == 0 && (st.st_mode & 0777) == 0700,
	       "and made 0700 again when it was looser");
	const char *parts[] = {"https://gitlab.com", "tokenhash", "work_items", "p", "l"};
	const char *other[] = {"https://gitlab.com", "tokenhash", "work_items", "pl", ""};
	char k1[33], k2[33];
	cache_key(parts, 5, k1);
	cache_key(other, 5, k2);
	tap_ok(strlen(k1) == 32 && strcmp(k1, k2), "keys: 32 hex digits; 'p','l' is not 'pl',''");
	tap_ok(cache_write(dir, k1, "{\"x\":1}", err, sizeof(err)), "write");
	snprintf(path, sizeof(path), "%s/%s.json", dir, k1);
	tap_ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600, "files are 0600");
	size_t len = 0;
	char *text = cache_read(dir, k1, &len);
	tap_is_str(text, "{\"x\":1}", "read back");
	free(text);
	cache_drop(dir, k1);
	tap_ok(!cache_read(dir, k1, &len), "dropped");
	free(dir);
}

static void test_config(void)
{
	char *home = t_mkdir();
	setenv("HOME", home, 1);
	setenv("XDG_CONFIG_HOME", home, 1);
	unsetenv("GITLAB_TOKEN");
	struct {
		const char *host, *base;
	} hosts[] = {
		{NULL, "https://gitlab.com"},
		{"gitlab.example.com", "https://gitlab.example.com"},
		{"https://gitlab.example.com/", "https://gitlab.example.com"},
		{"http://127.0.0.1:8080", "http://127.0.0.1:8080"},
		{"http://gitlab.example.com", NULL},
	};
	for (size_t i = 0; i < sizeof(hosts) / sizeof(*hosts); i++) {
		if (hosts[i].host)
			setenv("GITLAB_HOST", hosts[i].host, 1);
		else
			unsetenv("GITLAB_HOST");
		gitlab_config c;
		diag_list d;
		diag_init(&d);
		bool ok = gitlab_config_load(&c, &d);
		char name[128];
		snprintf(name, sizeof(name), "GITLAB_HOST=%s", hosts[i].host ? hosts[i].host : "(unset)");
		tap_ok(ok == (hosts[i].base != NULL) &&
			       (!ok || !strcmp(c.base, hosts[i].base)),
		       "%s -> %s", name, hosts[i].base ? hosts[i].base : "refused (plain http)");
		gitlab_config_free(&c);
		diag_free(&d);
	}
	unsetenv("GITLAB_HOST");
	t_write(home, "teamtui/config.yml", "gitlab_token: glpat-secret\ngitlab_host: gitlab.example.org\n");
	char path[4200];
	snprintf(path, sizeof(path), "%s/teamtui/config.yml", home);
	chmod(path, 0644);
	gitlab_config c;
	diag_list d;
	diag_init(&d);
	gitlab_config_load(&c, &d);
	tap_ok(!c.token && d.errors == 1 &&
		   strstr(t_diags(&d), "readable by others (mode 644): gitlab_token ignored"),
	       "a token in a file others can read is refused: %s", t_diags(&d));
	tap_is_str(c.base, "https://gitlab.example.org", "gitlab_host from the config file");
	gitlab_config_free(&c);
	diag_free(&d);
	chmod(path, 0600);
	diag_init(&d);
	gitlab_config_load(&c, &d);
	tap_is_str(c.token, "glpat-secret", "read from a 0600 file");
	gitlab_config_free(&c);
	setenv("GITLAB_TOKEN", "from-env", 1);
	gitlab_config_load(&c, &d);
	tap_is_str(c.token, "from-env", "GITLAB_TOKEN wins over the file");
	gitlab_config_free(&c);
	diag_free(&d);
	unsetenv("GITLAB_TOKEN");
}

static void test_age(void)
{
	char b[32];
	gitlab_age(1000, 1030, b, sizeof(b));
	tap_is_str(b, "just now", "age: seconds");
	gitlab_age(1000, 1000 + 4 * 60, b, sizeof(b));
	tap_is_str(b, "4 min ago", "age: minutes");
	gitlab_age(1000, 1000 + 3 * 3600 + 5, b, sizeof(b));
	tap_is_str(b, "3 h ago", "age: hours");
	gitlab_age(1000, 1000 + 5 * 86400, b, sizeof(b));
	tap_is_str(b, "5 days ago", "age: days");
}

int main(void)
{
	test_graphql();
	test_issues();
	test_cache();
	test_config();
	test_age();
	return tap_done();
}

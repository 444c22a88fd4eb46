/* fuzz-person: one GitLab-style person file,
 * team_members/person/x/fuzz-person.yml, read by the people loader's tree
 * walk (people_load_tree: yload_file, ydoc, people_read, html_to_text of the
 * role and expertise).
 *
 * Feeds: the input as the file's bytes (any encoding, any size).
 * Asserts: no memory error, leak or undefined behaviour; at most one
 * person comes back and its slug is the file name's; every string field
 * is NUL-terminated, and the output gate makes it clean; the diagnostics
 * pass fz_check_diags (counters add up, positions sane, printable). */
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"
#include "teamtui/people.h"
#include "teamtui/sanitize.h"

static char *root, *file;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	root = fz_path(fz_tmpdir(), "person-roster");
	char *dir = fz_path(root, "team_members/person/x");
	fz_mkdirs(dir);
	file = fz_path(dir, "fuzz-person.yml");
	free(dir);
	return 0;
}

static void check_str(const char *s, const char *what)
{
	if (!s)
		return;
	char *clean = sanitize(s, SANITIZE_LINE);
	FZ_CHECK(clean != NULL, "sanitize: out of memory");
	fz_check_clean(clean, 0, what);
	free(clean);
}

static void check_list(const strlist *l, const char *what)
{
	for (size_t i = 0; i < l->n; i++) {
		FZ_CHECK(l->v[i] != NULL, "%s: NULL item %zu", what, i);
		check_str(l->v[i], what);
	}
}

static void check_person(const person *p)
{
	FZ_CHECK(p->slug && !strcmp(p->slug, "fuzz-person"),
		 "slug '%s' is not the file name's", p->slug ? p->slug : "(null)");
	FZ_CHECK(p->type_name != NULL, "no type name");
	FZ_CHECK(!p->role || p->role_html, "a role text without its HTML");
	const char *strs[] = {p->type_name, p->name, p->role_html, p->role,
			      p->job_title, p->reports_to, p->gitlab,
			      p->division, p->locality, p->country,
			      p->pronouns, p->timezone, p->expertise_html};
	for (size_t i = 0; i < sizeof(strs) / sizeof(*strs); i++)
		check_str(strs[i], "person field");
	FZ_CHECK(!p->reports_to || *p->reports_to, "empty reports_to kept");
	check_list(&p->expertise, "expertise");
	check_list(&p->departments, "departments");
	check_list(&p->specialty, "specialty");
	check_list(&p->domain_expertise, "domain_expertise");
	check_list(&p->team_tags, "team_tags");
	for (size_t i = 0; i < p->nprojects; i++) {
		check_str(p->projects[i].project, "project");
		check_list(&p->projects[i].roles, "project roles");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_write(file, data, size);
	diag_list diags;
	diag_init(&diags);
	yload c = {.model = arena_new(), .nodes = arena_new(), .diags = &diags};
	FZ_CHECK(c.model && c.nodes, "out of memory");
	people_buf pb = {0};
	people_load_tree(&c, root, &pb);
	FZ_CHECK(pb.n <= 1, "one file gave %zu people", pb.n);
	for (size_t i = 0; i < pb.n; i++)
		check_person(&pb.v[i]);
	if (!pb.n)
		FZ_CHECK(diags.count + diags.suppressed > 0,
			 "the person was dropped without a diagnostic");
	fz_check_diags(&diags);
	free(pb.v);
	yload_release(&c);
	arena_free(c.nodes);
	arena_free(c.model);
	diag_free(&diags);
	return 0;
}

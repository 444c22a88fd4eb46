/* test-escalate.c: whom to ask, in order (escalate.h): a person's chain
 * to the top, a cycle, a dangling reports_to, vacancies skipped; a
 * group's manager, its counterparts by function, then the chain, nobody
 * twice; the function rules; and `me` (me.h, mestate.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "teamtui/escalate.h"
#include "teamtui/me.h"
#include "teamtui/mestate.h"
#include "teamtui/resolve.h"

static const char team[] =
    "- slug: ceo\n"
    "  name: Ada Top\n"
    "  role: Chief Executive Officer\n"
    "  reports_to: the-board\n" /* names nobody */
    "  gitlab: atop\n"
    "- slug: vpe\n"
    "  name: Vic Pell\n"
    "  role: VP of Engineering\n"
    "  reports_to: ceo\n"
    "- slug: em\n"
    "  name: Em Kiln\n"
    "  role: Engineering Manager, Build:Kilns\n"
    "  reports_to: vpe\n"
    "- slug: be\n"
    "  name: Bea End\n"
    "  role: Senior Backend Engineer, Build:Kilns\n"
    "  reports_to: em\n"
    "- slug: pm\n"
    "  name: Pam Mills\n"
    "  role: Senior Product Manager, Build:Kilns\n"
    "  reports_to: ceo\n"
    "- slug: ux\n"
    "  name: Ux Lee\n"
    "  role: Product Designer, Build:Kilns\n"
    "  reports_to: ceo\n"
    "- slug: set\n"
    "  name: Set Tan\n"
    "  role: Software Engineer in Test, Build:Kilns\n"
    "  reports_to: ceo\n"
    "- slug: tw\n"
    "  name: Tia Writ\n"
    "  role: Technical Writer, Build:Kilns\n"
    "  reports_to: ceo\n"
    "- slug: sec\n"
    "  name: Sec Ure\n"
    "  role: Staff Application Security Engineer, Build:Kilns\n"
    "  reports_to: ceo\n"
    "- slug: sre\n"
    "  name: Sre Ops\n"
    "  role: Site Reliability Engineer, Build:Kilns\n"
    "  reports_to: ceo\n"
    "- slug: open-pm\n"
    "  type: vacancy\n"
    "  role: Product Manager, Build:Kilns\n"
    "  reports_to: ceo\n"
    /* the VP is a counterpart too: listed once, as the counterpart */
    "- slug: open-head\n"
    "  type: vacancy\n"
    "  name: Head of Data (Vacancy)\n"
    "  role: Head of Data\n"
    "  reports_to: ceo\n"
    "- slug: ds\n"
    "  name: Dee Sci\n"
    "  role: Senior Data Scientist\n"
    "  reports_to: open-head\n"
    "- slug: top-open\n"
    "  type: vacancy\n"
    "  role: Chief Data Officer\n"
    "- slug: dx\n"
    "  name: Dex Under\n"
    "  role: Data Engineer\n"
    "  reports_to: top-open\n"
    /* a cycle: a -> c -> b -> a */
    "- slug: a\n"
    "  name: Al A\n"
    "  role: Engineering Manager, Build:Glaze\n"
    "  reports_to: c\n"
    "- slug: b\n"
    "  name: Bo B\n"
    "  role: Backend Engineer, Build:Glaze\n"
    "  reports_to: a\n"
    "- slug: c\n"
    "  name: Cy C\n"
    "  role: Director of Engineering\n"
    "  reports_to: b\n"
    "- slug: typo\n"
    "  name: Ty Po\n"
    "  role: Backend Engineer\n"
    "  reports_to: e-m\n"
    "- slug: open-em\n"
    "  type: vacancy\n"
    "  role: Engineering Manager, Build:Clay\n"
    "  reports_to: vpe\n";

static const char groups[] =
    "sections:\n"
    "  make: Make\n"
    "stages:\n"
    "  build: {name: Build, section: make}\n"
    "groups:\n"
    "  kilns:\n"
    "    stage: build\n"
    "    name: Kilns\n"
    "    team-by-manager-slug: {manager: em}\n"
    "    stable-counterparts:\n"
    "      manager-role: \"Engineering Manager, Build:Kilns\"\n"
    "      role: \"Build:Kilns|VP of Engineering\"\n"
    "  glaze:\n"
    "    stage: build\n"
    "    name: Glaze\n"
    "    team-by-manager-slug: {manager: a}\n"
    "  clay:\n"
    "    stage: build\n"
    "    name: Clay\n"
    "    team-by-manager-slug: {manager: open-em}\n"
    "  nobody:\n"
    "    stage: build\n"
    "    name: Nobody Here\n"
    "    stable-counterparts:\n"
    "      role: \"Build:Kilns\"\n";

static char buf[4096];

/* "slug:function:level" of each step, joined by spaces. */
static const char *steps(const escalate_path *p)
{
	size_t o = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < p->n && o < sizeof(buf); i++)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%s:%s:%zu", i ? " " : "",
				      p->steps[i].person->slug,
				      escalate_function_name(p->steps[i].function),
				      p->steps[i].level);
	return buf;
}

static const char *skipped(const escalate_path *p)
{
	size_t o = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < p->nskipped && o < sizeof(buf); i++)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%s", i ? " " : "",
				      p->skipped[i]->slug);
	return buf;
}

static void test_person(const roster *r, resolver *rs)
{
	escalate_path p;
	tap_ok(escalate_person(r, rs, roster_person(r, "be"), NULL, &p), "person path");
	tap_is_str(steps(&p), "be:asked:0 em:manager:1 vpe:skip_level:2 ceo:chain:3",
		   "the person, manager, skip-level, on to the top");
	tap_is_str(p.steps[0].why, "the person asked about", "why of the person");
	tap_is_str(p.steps[1].why, "manager of Bea End", "why of the manager");
	tap_is_str(p.steps[2].why, "skip-level of Bea End", "why of the skip-level");
	tap_is_str(p.steps[3].why, "3 levels above Bea End", "why further up");
	tap_is_int(p.end, ESCALATE_END_DANGLING, "ends at a dangling reports_to");
	tap_is_str(p.dangling, "the-board", "which slug names nobody");
	tap_is_str(p.steps[3].note, "reports_to 'the-board' names nobody in the roster: "
				    "the chain ends here", "the last step says why");
	tap_ok(!p.steps[0].note && !p.steps[2].note, "only the last step has a note");
	tap_ok(!p.steps[0].timed, "no awake_ctx: no times");
	escalate_free(&p);

	escalate_person(r, rs, roster_person(r, "b"), NULL, &p);
	tap_is_str(steps(&p), "b:asked:0 a:manager:1 c:skip_level:2", "a cycle: each once");
	tap_is_int(p.end, ESCALATE_END_CYCLE, "ends at the cycle");
	tap_is_str(p.cycle_at ? p.cycle_at->slug : "", "b", "it comes back to the person");
	tap_is_str(p.steps[2].note, "reports_to cycle: the chain comes back to Bo B here",
		   "the cycle said on the last step");
	escalate_free(&p);

	escalate_person(r, rs, roster_person(r, "typo"), NULL, &p);
	tap_is_str(steps(&p), "typo:asked:0", "a dangling manager: the person alone");
	tap_is_str(p.steps[0].note, "reports_to 'e-m' names nobody in the roster: "
				    "the chain ends here", "and why");
	escalate_free(&p);

	escalate_person(r, rs, roster_person(r, "ceo"), NULL, &p);
	tap_is_str(steps(&p), "ceo:asked:0", "the top: the person alone");
	escalate_free(&p);

	escalate_person(r, rs, roster_person(r, "ds"), NULL, &p);
	tap_is_str(steps(&p), "ds:asked:0 ceo:skip_level:2",
		   "a vacant manager is skipped, and counts as a level");
	tap_is_str(p.steps[1].over_vacancy ? p.steps[1].over_vacancy->slug : "",
		   "open-head", "the step says over which vacancy");
	tap_is_str(skipped(&p), "open-head", "the vacancy is listed as skipped");
	escalate_free(&p);

	escalate_person(r, rs, roster_person(r, "dx"), NULL, &p);
	tap_is_str(steps(&p), "dx:asked:0", "only a vacancy above: no one to climb to");
	tap_is_int(p.end, ESCALATE_END_TOP, "the vacancy is the top");
	tap_is_str(p.steps[0].note, "above: only the vacancy top-open",
		   "the last step says a vacancy is above");
	escalate_free(&p);

	escalate_person(r, rs, roster_person(r, "open-em"), NULL, &p);
	tap_is_str(steps(&p), "vpe:manager:1 ceo:skip_level:2",
		   "a vacancy asked about is no step");
	tap_is_str(skipped(&p), "open-em", "but it is listed as skipped");
	tap_ok(!p.steps[0].over_vacancy, "and its manager is not 'over' it");
	escalate_free(&p);
}

static void test_group(const roster *r, resolver *rs)
{
	escalate_path p;
	tap_ok(escalate_group(r, rs, roster_group(r, "kilns"), NULL, &p), "group path");
	tap_is_str(steps(&p), "em:manager:1 pm:product:0 ux:design:0 set:quality:0 "
			      "tw:writer:0 sec:security:0 vpe:counterpart:0 sre:counterpart:0 "
			      "ceo:chain:3",
		   "manager, counterparts by function, then the chain, nobody twice");
	tap_is_str(p.steps[0].why, "manager of Kilns", "the manager's why names the group");
	tap_is_str(p.steps[1].why, "product counterpart by stable-counterparts", "product");
	tap_is_str(p.steps[2].why, "design counterpart by stable-counterparts", "design");
	tap_is_str(p.steps[3].why, "quality counterpart by stable-counterparts", "quality");
	tap_is_str(p.steps[4].why, "technical writing counterpart by stable-counterparts",
		   "writer");
	tap_is_str(p.steps[5].why, "security counterpart by stable-counterparts", "security");
	tap_is_str(p.steps[8].why, "3 levels above Kilns", "the chain counts from the group");
	tap_is_str(skipped(&p), "open-pm", "a vacant counterpart is skipped");
	bool twice = false;
	for (size_t i = 0; i < p.n; i++)
		for (size_t j = i + 1; j < p.n; j++)
			twice |= p.steps[i].person == p.steps[j].person;
	tap_ok(!twice, "no person twice");
	escalate_free(&p);

	escalate_group(r, rs, roster_group(r, "glaze"), NULL, &p);
	tap_is_str(steps(&p), "a:manager:1 c:skip_level:2 b:chain:3",
		   "a group whose manager is in a cycle");
	tap_is_str(p.steps[1].why, "skip-level of Glaze", "skip-level of the group");
	tap_is_int(p.end, ESCALATE_END_CYCLE, "the cycle ends it");
	escalate_free(&p);

	escalate_group(r, rs, roster_group(r, "clay"), NULL, &p);
	tap_is_str(steps(&p), "vpe:skip_level:2 ceo:chain:3",
		   "a vacant group manager: the chain above it");
	tap_is_str(p.steps[0].over_vacancy ? p.steps[0].over_vacancy->slug : "", "open-em",
		   "over the vacancy");
	escalate_free(&p);

	escalate_group(r, rs, roster_group(r, "nobody"), NULL, &p);
	tap_is_int(p.end, ESCALATE_END_NO_MANAGER, "no team table: no manager");
	tap_ok(p.n > 0 && p.steps[0].function == ESCALATE_PRODUCT,
	       "the counterparts still are asked");
	escalate_free(&p);
}

static void test_functions(const roster *r)
{
	static const struct {
		const char *slug;
		escalate_function f;
	} want[] = {{"pm", ESCALATE_PRODUCT}, {"ux", ESCALATE_DESIGN},
		    {"set", ESCALATE_QUALITY}, {"tw", ESCALATE_WRITER},
		    {"sec", ESCALATE_SECURITY}, {"sre", ESCALATE_COUNTERPART},
		    {"em", ESCALATE_COUNTERPART}};
	for (size_t i = 0; i < sizeof(want) / sizeof(*want); i++)
		tap_is_str(escalate_function_name(escalate_function_of(roster_person(r, want[i].slug))),
			   escalate_function_name(want[i].f), want[i].slug);
	person p = {0};
	static const struct {
		const char *role;
		escalate_function f;
	} roles[] = {{"Security Engineer", ESCALATE_SECURITY},
		     {"Senior Security Engineering Manager, Secure", ESCALATE_SECURITY},
		     {"Product Security Engineer", ESCALATE_SECURITY},
		     {"Product Manager, Security", ESCALATE_PRODUCT},
		     {"Backend Engineer, Secure:Security Policies", ESCALATE_COUNTERPART},
		     {"SecOps Engineer", ESCALATE_COUNTERPART},
		     {"Securityish Engineer", ESCALATE_COUNTERPART}};
	for (size_t i = 0; i < sizeof(roles) / sizeof(*roles); i++) {
		p.role = roles[i].role;
		tap_is_str(escalate_function_name(escalate_function_of(&p)),
			   escalate_function_name(roles[i].f), roles[i].role);
	}
}

static void test_me(const roster *r)
{
	me_answer a;
	tap_ok(me_resolve(r, "vpe", "pm", "ux", "set", &a) && a.source == ME_FROM_CONFIG &&
		       !strcmp(a.person->slug, "vpe"),
	       "me: config's slug first");
	tap_ok(me_resolve(r, "@ATop", NULL, NULL, NULL, &a) && !strcmp(a.person->slug, "ceo"),
	       "me: config's handle, @ and case aside");
	tap_ok(!me_resolve(r, "nobody", "pm", "ux", NULL, &a) && a.config_unknown && !a.person,
	       "me: config naming nobody is no guess");
	tap_ok(!me_resolve(r, "open-pm", NULL, NULL, NULL, &a) && a.config_unknown,
	       "me: a vacancy is nobody");
	tap_ok(me_resolve(r, NULL, "pm", "ux", "set", &a) && a.source == ME_FROM_CONFIRMED &&
		       !strcmp(a.person->slug, "pm"),
	       "me: then the confirmed guess");
	tap_ok(me_resolve(r, "", "gone", "atop", "set", &a) && a.source == ME_FROM_USER &&
		       a.stale_confirmed && !strcmp(a.person->slug, "ceo"),
	       "me: a stale confirmation passed over; $USER as a handle");
	tap_ok(me_resolve(r, NULL, NULL, "root", "set", &a) && a.source == ME_FROM_GIT_EMAIL &&
		       !strcmp(a.matched, "set"),
	       "me: then git's email");
	tap_ok(!me_resolve(r, NULL, NULL, "root", "nope", &a) && a.source == ME_NONE &&
		       !a.config_unknown,
	       "me: nobody");
	tap_ok(me_is_guess(ME_FROM_USER) && me_is_guess(ME_FROM_GIT_EMAIL) &&
		       !me_is_guess(ME_FROM_CONFIG) && !me_is_guess(ME_FROM_CONFIRMED),
	       "me: which are guesses");
	char local[16];
	tap_ok(me_email_local(" Ada.Quill@example.com", local, sizeof(local)) &&
		       !strcmp(local, "Ada.Quill"),
	       "email local part");
	tap_ok(!me_email_local("no-at-sign", local, sizeof(local)) &&
		       !me_email_local("@example.com", local, sizeof(local)) &&
		       !me_email_local("averyveryverylongname@x", local, sizeof(local)),
	       "no local part");

	/* the state file: written whole, read back, over an older one */
	char *dir = t_mkdir();
	setenv("XDG_STATE_HOME", dir, 1);
	char err[512];
	char *got = mestate_read(err, sizeof(err));
	tap_ok(!got && !err[0], "no state file: nothing, and no error");
	tap_ok(mestate_write("pm", err, sizeof(err)), "state written (%s)", err);
	tap_ok(mestate_write("ux", err, sizeof(err)), "and rewritten");
	got = mestate_read(err, sizeof(err));
	tap_is_str(got ? got : err, "ux", "the last one is read back");
	free(got);
	char path[1024];
	snprintf(path, sizeof(path), "%s/teamtui/me", dir);
	FILE *f = fopen(path, "r");
	char line[64] = "";
	tap_ok(f && fgets(line, sizeof(line), f) && !strcmp(line, "ux\n"), "one line");
	if (f)
		fclose(f);
	char *p = mestate_path();
	tap_is_str(p ? p : "", path, "the path under XDG_STATE_HOME");
	free(p);
	unsetenv("XDG_STATE_HOME");
	setenv("HOME", "/home/someone", 1);
	p = mestate_path();
	tap_is_str(p ? p : "", "/home/someone/.local/state/teamtui/me", "else under HOME");
	free(p);
}

int main(void)
{
	diag_list d;
	diag_init(&d);
	roster *r = t_roster(team, groups, &d);
	tap_is_str(t_diags(&d), "", "the test roster loads clean");
	resolver *rs = resolver_new(r);
	test_person(r, rs);
	test_group(r, rs);
	test_functions(r);
	test_me(r);
	resolver_free(rs);
	roster_free(r);
	diag_free(&d);
	return tap_done();
}

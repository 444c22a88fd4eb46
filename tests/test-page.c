/* test-page: page_read() and page_heading_at() on pages shaped like real
 * handbook group pages (custom-models, code-review backend, test-governance,
 * environments, gitaly...), with made-up names, handles and IDs; then
 * hostile inputs. Every check compares exact values. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "teamtui/page.h"

static arena *A;
static diag_list D;
static char out[1 << 16];

/* Read text[0..len) as "content/handbook/x/_index.md"; fresh diagnostics. */
static page_text rd(const char *text, size_t len)
{
	page_text p;
	diag_free(&D);
	diag_init(&D);
	if (!page_read("x.md", text, len, A, &D, &p))
		tap_ok(0, "page_read: out of memory");
	return p;
}

static page_text rds(const char *text)
{
	return rd(text, strlen(text));
}

static void cat(const char *s)
{
	size_t n = strlen(out);
	snprintf(out + n, sizeof(out) - n, "%s", s);
}

/* "level:line:text|..." */
static const char *heads(const page_text *p)
{
	out[0] = '\0';
	for (size_t i = 0; i < p->nheadings; i++) {
		char b[64];
		snprintf(b, sizeof(b), "%s%d:%d:", i ? "|" : "", p->headings[i].level,
			 p->headings[i].line);
		cat(b);
		cat(p->headings[i].text);
	}
	return out;
}

/* "#name=url@line|#name@line" (url left out when NULL) */
static const char *chans(const page_text *p)
{
	out[0] = '\0';
	for (size_t i = 0; i < p->nchannels; i++) {
		char b[32];
		if (i)
			cat("|");
		cat(p->channels[i].name);
		if (p->channels[i].url) {
			cat("=");
			cat(p->channels[i].url);
		}
		snprintf(b, sizeof(b), "@%d", p->channels[i].line);
		cat(b);
	}
	return out;
}

static const char *labels(const page_text *p)
{
	out[0] = '\0';
	for (size_t i = 0; i < p->nlabels; i++) {
		if (i)
			cat("|");
		cat(p->labels[i]);
	}
	return out;
}

/* "title=url@line|..." */
static const char *links(const page_text *p)
{
	out[0] = '\0';
	for (size_t i = 0; i < p->nlinks; i++) {
		char b[32];
		if (i)
			cat("|");
		cat(p->links[i].title);
		cat("=");
		cat(p->links[i].url);
		snprintf(b, sizeof(b), "@%d", p->links[i].line);
		cat(b);
	}
	return out;
}

static const char *aliases(const page_text *p)
{
	out[0] = '\0';
	for (size_t i = 0; i < p->naliases; i++) {
		if (i)
			cat("|");
		cat(p->aliases[i]);
	}
	return out;
}

static const char *str(const char *s)
{
	return s ? s : "(null)";
}

/* A page shaped like engineering/ai/custom-models/_index.md. */
static const char CUSTOM[] =
	"---\n"					      /* 1 */
	"title: Widget Models Group\n"		      /* 2 */
	"description: \"The Widget Models group builds models.\"\n" /* 3 */
	"---\n"					      /* 4 */
	"\n"					      /* 5 */
	"## Vision\n"				      /* 6 */
	"\n"					      /* 7 */
	"### Team Members\n"			      /* 8 */
	"\n"					      /* 9 */
	"{{< team-by-manager-slug manager=\"pat-q\" team=\"AI-powered:Widget Models\" >}}\n" /* 10 */
	"\n"					      /* 11 */
	"### How to reach us\n"			      /* 12 */
	"\n"					      /* 13 */
	"- Issue Tracker: [`~group::widget models`](https://gitlab.com/dashboard/issues?sort=title_asc&state=opened&label_name[]=group::widget+models)\n" /* 14 */
	"- Slack Channel: [#g_widget_models](https://example.enterprise.slack.com/archives/C01ABCDEF12)\n" /* 15 */
	"- Label Subscription: [`~group::widget models`](https://gitlab.com/groups/acme/-/labels?subscribed=&search=group%3A%3Awidget+models)\n" /* 16 */
	"\n"					      /* 17 */
	"#### Organisational Labels\n"		      /* 18 */
	"\n"					      /* 19 */
	"- `~\"group::widget models\"`\n"	      /* 20 */
	"- `~\"devops::ai-powered\"`\n"		      /* 21 */
	"- `~\"Category:Model tuning\"`\n"	      /* 22 */
	"\n"					      /* 23 */
	"### Planning Board\n"			      /* 24 */
	"\n"					      /* 25 */
	"The [Planning Board](https://gitlab.com/groups/acme/-/boards/1234567?milestone_title=17.7&label_name[]=group%3A%3Awidget%20models) is made by the PM. Apply `~workflow::ready for development` and ~Deliverable.\n" /* 26 */
	"\n"					      /* 27 */
	"1. The primary channel is the [#g_widget_models](https://example.enterprise.slack.com/archives/C01ABCDEF12) Slack channel.\n"; /* 28 */

/* Shaped like infrastructure-platforms/developer-experience/test-governance. */
static const char GOVERN[] =
	"---\n"
	"title: \"Test Stewards Group\"\n"
	"---\n"
	"\n"
	"## Common Links\n" /* 5 */
	"\n"
	"| **Category**            | **Handle** |\n" /* 7 */
	"|-------------------------|------------|\n"
	"| **GitLab Group Handle** | [`@acme-dx/stewards`](https://gitlab.com/acme-dx/stewards) |\n" /* 9 */
	"| **Slack Channel**       | [`#g_test-stewards`](https://example.enterprise.slack.com/archives/C064ABCDEF5) |\n" /* 10 */
	"| **Slack Handle**        | `@dx-stewards` |\n"
	"| **Team Boards**         | [Build](https://gitlab.com/groups/acme/-/boards/11), [Plan](https://gitlab.com/groups/acme/-/boards/12) |\n" /* 12 */
	"| **Issue Tracker**       | [`tracker`](https://gitlab.com/groups/acme/stewards/-/issues) |\n" /* 13 */
	"| **GitLab Repositories** | [stewards](https://gitlab.com/acme/stewards) |\n" /* 14 */
	"\n"
	"## Team members\n" /* 16 */
	"\n"
	"{{< team-by-manager-slug \"sam-k\" >}}\n" /* 18 */
	"\n"
	"```mermaid\n" /* 20 */
	"# not a heading\n"
	"graph LR\n"
	"```\n" /* 23 */
	"\n"
	"<!--\n" /* 25 */
	"## How we work\n"
	"-->\n" /* 27 */
	"\n"
	"## Team meetings\n"; /* 29 */

/* Shaped like devops/runner/environments: Slack links by name and ID. */
static const char ENVS[] =
	"## Common Links\n" /* 1 */
	"\n"
	"- [General Slack Channel](https://example.slack.com/archives/C04AAAAAAAA)\n" /* 3 */
	"- [Standup](https://example.slack.com/archives/CPJ6BBBBB)\n" /* 4 */
	"- Agent for Kubernetes: [`f_agent_for_kubes`](https://example.slack.com/archives/f_agent_for_kubes)\n" /* 5 */
	"- Terraform provider: [`terraform-provider`](https://example.slack.com/archives/terraform-provider)\n" /* 6 */
	"- Details page: [`#f_env_details`](https://example.slack.com/archives/C04CCCCCCCC)\n" /* 7 */
	"- Ask in [#s_fulfil](https://example.slack.com/channels/s_fulfil) or [#s_grow](https://example.slack.com/messages/s_grow)\n" /* 8 */
	"- Slack Channel: [team room](https://example.slack.com/archives/C05DDDDDDDD)\n" /* 9 */
	"- Slack Channel: #team-room-2\n" /* 10 */
	"| Slack Channel | #g_tabled, #elsewhere |\n" /* 11 */
	"Talk in *#g_duo_talk* or _#g_under_ or `#s_plan`, not page#g_nope or ##g_nope2 or #g_.\n" /* 12 */
	"See https://example.slack.com/archives/g_bare_link and #g_widget_models.\n" /* 13 */
	"Again [#g_widget_models](https://example.slack.com/archives/C01ABCDEF12) and #s_plan.\n"; /* 14 */

static void test_front_matter(void)
{
	page_text p = rds(CUSTOM);
	tap_ok(p.has_front_matter, "custom: front matter");
	tap_is_str(str(p.title), "Widget Models Group", "custom: title");
	tap_is_str(str(p.description), "The Widget Models group builds models.",
		   "custom: description");
	tap_is_int((long long)p.body_offset, (long long)(strstr(CUSTOM, "---\n\n## V") - CUSTOM) + 4,
		   "custom: body_offset just after the closing ---");
	tap_is_int(p.body_line, 5, "custom: body_line");
	tap_is_int((long long)D.count, 0, "custom: no diagnostics");

	p = rds("# Just a page\n");
	tap_ok(!p.has_front_matter && !p.title && p.body_offset == 0 && p.body_line == 1,
	       "no front matter: body from the start");
	tap_is_str(heads(&p), "1:1:Just a page", "no front matter: heading");

	p = rds("\xEF\xBB\xBF---  \ntitle: BOM page\n---\n## After\n");
	tap_is_str(str(p.title), "BOM page", "BOM and trailing spaces on the first ---");
	tap_is_str(heads(&p), "2:4:After", "BOM: heading line counted from the file");
	tap_is_int((long long)p.body_offset, 29, "BOM: body_offset in bytes of the file");

	p = rds("---\r\ntitle: CRLF page\r\naliases: /handbook/old/\r\n...\r\n"
		"Setext\r\n======\r\n");
	tap_is_str(str(p.title), "CRLF page", "CRLF front matter closed by ...");
	tap_is_str(aliases(&p), "/handbook/old/", "aliases: one string");
	tap_is_str(heads(&p), "1:5:Setext", "CRLF: setext heading");
	tap_is_int(p.body_line, 5, "CRLF: body_line");

	p = rds("---\ntitle: Old\naliases:\n  - /a/\n  - /b/\n  - [x]\n  -\n---\n");
	tap_is_str(aliases(&p), "/a/|/b/", "aliases: a list; the list item skipped");
	tap_is_str(t_diags(&D),
		   "x.md:6:5: warning: front matter: an alias is a list, not a string; ignored",
		   "aliases: a non-string item is a warning at its position");

	p = rds("---\ntitle:\n  - a\n  - b\ndescription: 42\n---\nbody\n");
	tap_ok(!p.title, "title list: ignored");
	tap_is_str(str(p.description), "42", "description: a plain number kept as written");
	tap_is_str(t_diags(&D),
		   "x.md:3:3: warning: front matter: title is a list, not a string; ignored",
		   "title list: warning at the value");

	p = rds("---\ntitle: Never ends\n## Heading\n");
	tap_ok(!p.has_front_matter && !p.title, "unterminated: no front matter");
	tap_is_int((long long)p.body_offset, 0, "unterminated: body is the whole file");
	tap_is_str(t_diags(&D),
		   "x.md:1:1: warning: front matter never ends: no closing \"---\" "
		   "line; the whole file is read as Markdown",
		   "unterminated: warning at line 1");
	tap_is_str(heads(&p), "2:3:Heading", "unterminated: the body's heading");

	p = rds("---\ntitle: ok\ndescription: [unclosed\nx: y\n---\n## B\n");
	tap_is_str(t_diags(&D),
		   "x.md:4:2: warning: YAML syntax: did not find expected ',' or ']' while "
		   "parsing a flow sequence that began at line 3, column 14\n"
		   "x.md:3:14: warning: front matter: description is a list, not a string; ignored",
		   "invalid YAML: warnings (not errors) at file positions");
	tap_is_str(str(p.title), "ok", "invalid YAML: the title before the error kept");
	tap_is_str(heads(&p), "2:6:B", "invalid YAML: body still read");

	p = rds("---\n- a\n- b\n---\n");
	tap_is_str(t_diags(&D), "x.md:2:1: warning: front matter is a list, not a map; ignored",
		   "front matter list: warning");

	p = rds("---\ntitle: \"caf\xC3\xA9\"\ndescription: \"bad \xFF byte\"\n---\n");
	tap_is_str(str(p.description), "bad \xEF\xBF\xBD byte", "front matter: bad byte replaced");
	tap_is_str(t_diags(&D),
		   "x.md:3:19: warning: front matter: 1 invalid UTF-8 or control byte replaced by U+FFFD",
		   "front matter: bad byte warned where it is");

	p = rds("---\n---\n---\nText\n---\n");
	tap_ok(p.has_front_matter && !p.title, "empty front matter");
	tap_is_str(heads(&p), "2:4:Text", "after an empty front matter: --- then setext");
}

static void test_headings(void)
{
	page_text p = rds(CUSTOM);
	tap_is_str(heads(&p),
		   "2:6:Vision|3:8:Team Members|3:12:How to reach us|4:18:Organisational Labels|"
		   "3:24:Planning Board",
		   "custom: ATX headings");
	const page_heading *h = page_heading_at(&p, 10);
	tap_is_str(h ? h->text : "(null)", "Team Members", "heading_at: the call on line 10");
	tap_ok(page_heading_at(&p, 5) == NULL, "heading_at: nothing above line 6");
	h = page_heading_at(&p, 6);
	tap_is_str(h ? h->text : "(null)", "Vision", "heading_at: a heading's own line");
	h = page_heading_at(&p, 100000);
	tap_is_str(h ? h->text : "(null)", "Planning Board", "heading_at: past the end");

	p = rds("# One #\n"
		"## Two ##   \n"
		"### Three {#three-anchor}\n"
		"#### **Bold** and `code` __under__ ####\n"
		"##### C# ##\n"
		"###### Six\n"
		"####### Seven\n"
		"#NoSpace\n"
		"    # indented code\n"
		"   # three spaces\n"
		"##\n"
		"## 🚀 Team {#team}\n");
	tap_is_str(heads(&p),
		   "1:1:One|2:2:Two|3:3:Three|4:4:Bold and code under|5:5:C#|6:6:Six|"
		   "1:10:three spaces|2:11:|2:12:🚀 Team",
		   "ATX: closing #s, anchors, emphasis, levels, indentation");

	p = rds("Title\n=====\n\nSub\n---\n\n---\nafter blank\n\n- item\n---\n"
		"| a | b |\n---\nPara\n- - -\nLast\n  ---  \n");
	tap_is_str(heads(&p), "1:1:Title|2:4:Sub|2:16:Last",
		   "setext: under paragraphs only; --- after a blank, an item, a row is a break");

	p = rds("```sh\n# comment\n```\n~~~~\n# in tilde\n~~~\n# still in\n~~~~~\n"
		"## Out\n   ```ruby\n## in\n  ```\n```\n## open to the end\n");
	tap_is_str(heads(&p), "2:9:Out", "fences: ``` and ~~~, closing length, unclosed");

	p = rds("<!--\n## hidden\n-->\n## shown\n<!-- one line --> \n## shown too\n");
	tap_is_str(heads(&p), "2:4:shown|2:6:shown too", "HTML comment blocks hide headings");

	p = rds(GOVERN);
	tap_is_str(heads(&p), "2:5:Common Links|2:16:Team members|2:29:Team meetings",
		   "test-governance: mermaid and comment skipped");
	h = page_heading_at(&p, 18);
	tap_is_str(h ? h->text : "(null)", "Team members", "test-governance: call's heading");
}

static void test_channels(void)
{
	page_text p = rds(CUSTOM);
	tap_is_str(chans(&p),
		   "#g_widget_models=https://example.enterprise.slack.com/archives/C01ABCDEF12@15",
		   "custom: list item channel with its archive ID link, once");

	p = rds(GOVERN);
	tap_is_str(chans(&p),
		   "#g_test-stewards=https://example.enterprise.slack.com/archives/C064ABCDEF5@10",
		   "test-governance: table row channel");

	p = rds(ENVS);
	tap_is_str(chans(&p),
		   "General Slack Channel=https://example.slack.com/archives/C04AAAAAAAA@3|"
		   "#f_agent_for_kubes=https://example.slack.com/archives/f_agent_for_kubes@5|"
		   "#terraform-provider=https://example.slack.com/archives/terraform-provider@6|"
		   "#f_env_details=https://example.slack.com/archives/C04CCCCCCCC@7|"
		   "#s_fulfil=https://example.slack.com/channels/s_fulfil@8|"
		   "#s_grow=https://example.slack.com/messages/s_grow@8|"
		   "team room=https://example.slack.com/archives/C05DDDDDDDD@9|"
		   "#team-room-2@10|#g_tabled@11|#elsewhere@11|"
		   "#g_duo_talk@12|#g_under@12|#s_plan@12|"
		   "#g_bare_link=https://example.slack.com/archives/g_bare_link@13|"
		   "#g_widget_models=https://example.slack.com/archives/C01ABCDEF12@13",
		   "environments: names, IDs, Slack Channel rows and items, tokens");

	p = rds("Ask #g_late first.\nThen [#g_late](https://x.slack.com/archives/C0LATE12) "
		"and [#g_late](https://y.slack.com/archives/C0OTHER1).\n");
	tap_is_str(chans(&p), "#g_late=https://x.slack.com/archives/C0LATE12@1",
		   "a later link fills a missing url; the first url stays");

	p = rds("[#g_x](https://example.com/not-slack) and https://app.slack.com/client/T1/C2 "
		"and [Slack](https://example.slack.com/archives/C0IDONLY1)\n");
	tap_is_str(chans(&p), "#g_x@1", "non-Slack url, client links and bare IDs give nothing");

	p = rds("| **Team Slack Channel** | `[#g_fleet](https://example.enterprise.slack.com/archives/C0ACEFLEET)` - team |\n");
	tap_is_str(chans(&p), "#g_fleet=https://example.enterprise.slack.com/archives/C0ACEFLEET@1",
		   "a link written inside backticks still counts");
}

static void test_labels(void)
{
	page_text p = rds(CUSTOM);
	tap_is_str(labels(&p),
		   "group::widget models|devops::ai-powered|Category:Model tuning|"
		   "workflow::ready for development|Deliverable",
		   "custom: quoted, code-span, URL-encoded and bare labels, once each");

	p = rds("Use ~\"type::bug\", ~backend, ~Deliverable. and ~\"workflow::in dev\".\n"
		"Not ~~strike~~, a~b, about ~10 people, https://x.org/~user, ~ alone or ~\"\".\n"
		"`~type::feature` `~\"a, b\"` `~group::x y` ~type: ~frontend-weight::<n>\n");
	tap_is_str(labels(&p),
		   "type::bug|backend|Deliverable|workflow::in dev|type::feature|a, b|group::x y|"
		   "type|frontend-weight",
		   "labels: quoted, bare (trailing punctuation dropped), code spans; not ~~ a~b ~10");

	p = rds("- [Planning](https://gitlab.com/acme/meta/-/issues/?sort=due_date&label_name%5B%5D=group%3A%3Acode%20review&label_name%5B%5D=Planning%20Issue)\n"
		"- [Sec](https://gitlab.com/acme/app/-/issues/?label_name%5B%5D=security&amp;not%5Blabel_name%5D%5B%5D=type%3A%3Afeature&amp;label_name%5B%5D=sev%3A%3A2)\n"
		"- [Rel](https://gitlab.com/acme/app/-/boards/42?not[label_name][]=type%3A%3Afeature&label_name[]=group::code+review&label_name[]=None&label_name[]=%ZZbad%2)\n");
	tap_is_str(labels(&p),
		   "group::code review|Planning Issue|security|sev::2|%ZZbad%2",
		   "labels from label_name[] parameters: decoded; not[...] and None skipped");
}

static void test_links(void)
{
	page_text p = rds(CUSTOM);
	tap_is_str(links(&p),
		   "Issue Tracker=https://gitlab.com/dashboard/issues?sort=title_asc&state=opened&label_name[]=group::widget+models@14|"
		   "Planning Board=https://gitlab.com/groups/acme/-/boards/1234567?milestone_title=17.7&label_name[]=group%3A%3Awidget%20models@26",
		   "custom: the issue tracker item and the board in prose");

	p = rds(GOVERN);
	tap_is_str(links(&p),
		   "GitLab Group Handle=https://gitlab.com/acme-dx/stewards@9|"
		   "Team Boards: Build=https://gitlab.com/groups/acme/-/boards/11@12|"
		   "Team Boards: Plan=https://gitlab.com/groups/acme/-/boards/12@12|"
		   "Issue Tracker=https://gitlab.com/groups/acme/stewards/-/issues@13|"
		   "GitLab Repositories=https://gitlab.com/acme/stewards@14",
		   "test-governance: table rows titled by their first cell");

	p = rds("## Commonly Monitored Issue Lists\n"
		"- [OKRs](https://gitlab.com/acme/OKRs/-/issues/?state=opened)\n"
		"- [Release Board](https://gitlab.com/groups/acme/-/boards/2159734)\n"
		"- [Error Dashboard](https://dashboards.example.net/d/x)\n"
		"- [New issue](https://gitlab.com/acme/app/-/issues/new?template=x)\n"
		"- [One issue](https://gitlab.com/acme/app/-/issues/17099)\n"
		"- [`~\"group::gizmo\"`](https://gitlab.com/groups/acme/-/work_items?label_name%5B%5D=group%3A%3Agizmo)\n"
		"- [Epics](https://gitlab.com/groups/acme/-/epics?state=opened) and [roadmap](#roadmap)\n"
		"- Old style: https://gitlab.com/retro/plan/issues?scope=all.\n"
		"- [Release Board again](https://gitlab.com/groups/acme/-/boards/2159734)\n"
		"- [Team handbook](/handbook/engineering/gizmo/) and [keyboard](https://example.com/k)\n"
		"- [content/handbook/x.md](https://gitlab.com/a/-/blob/x.md) [acme-OKRs](https://example.com/o) [Our OKRs.](https://example.com/okr)\n"
		"- (see https://gitlab.com/groups/acme/-/epic_boards/7)\n");
	tap_is_str(links(&p),
		   "OKRs=https://gitlab.com/acme/OKRs/-/issues/?state=opened@2|"
		   "Release Board=https://gitlab.com/groups/acme/-/boards/2159734@3|"
		   "group::gizmo=https://gitlab.com/groups/acme/-/work_items?label_name%5B%5D=group%3A%3Agizmo@7|"
		   "Epics=https://gitlab.com/groups/acme/-/epics?state=opened@8|"
		   "Old style=https://gitlab.com/retro/plan/issues?scope=all@9|"
		   "Team handbook=/handbook/engineering/gizmo/@11|"
		   "Our OKRs.=https://example.com/okr@12|"
		   "acme/epic_boards/7=https://gitlab.com/groups/acme/-/epic_boards/7@13",
		   "issue lists, boards, keywords; not dashboards, new or single issues, anchors");

	p = rds("See <https://gitlab.com/groups/acme/-/boards/9> and "
		"[x](https://gitlab.com/a/b/-/issues \"title\") and "
		"[y](<https://gitlab.com/c/-/issues?x=(1)>) and "
		"[z](https://gitlab.com/d/-/issues?q=(a)(b)).\n");
	tap_is_str(links(&p),
		   "acme/boards/9=https://gitlab.com/groups/acme/-/boards/9@1|"
		   "x=https://gitlab.com/a/b/-/issues@1|"
		   "y=https://gitlab.com/c/-/issues?x=(1)@1|"
		   "z=https://gitlab.com/d/-/issues?q=(a)(b)@1",
		   "autolinks, titles, <destinations>, balanced parentheses");

	p = rds("![board](https://gitlab.com/groups/acme/-/boards/5) "
		"[![badge](https://img.example/b.svg)](https://gitlab.com/groups/acme/-/boards/6)\n");
	tap_is_str(links(&p), "![badge](https://img.example/b.svg)=https://gitlab.com/groups/acme/-/boards/6@1",
		   "images are not links; a linked image is");
}

static void test_hostile(void)
{
	static const char nul[] = "## A\0B\n#g_a\0b ~\"x\0y\" [t\0](https://gitlab.com/g/-/boards/1)\n";
	page_text p = rd(nul, sizeof(nul) - 1);
	tap_is_str(heads(&p), "2:1:A\xEF\xBF\xBD" "B", "NUL in a heading: U+FFFD");
	tap_is_str(labels(&p), "x\xEF\xBF\xBDy", "NUL in a label: U+FFFD");
	tap_is_str(links(&p), "t\xEF\xBF\xBD=https://gitlab.com/g/-/boards/1@2",
		   "NUL in link text: U+FFFD");
	tap_is_str(chans(&p), "#g_a@2", "NUL ends a channel token");

	p = rds("---");
	tap_ok(!p.has_front_matter && p.nheadings == 0 && D.count == 1,
	       "a file that is only ---: warning, no heading");
	p = rd("", 0);
	tap_ok(p.nheadings == 0 && p.body_line == 1 && D.count == 0, "empty file");
	p = rd(NULL, 0);
	tap_ok(p.nheadings == 0, "NULL text");

	p = rds("\xFF\xFE# x\n## \xC3\x28 bad\n#g_\xE2\x82 [\xF0](https://gitlab.com/a/-/issues)\n");
	tap_is_str(heads(&p), "2:2:\xC3\x28 bad", "invalid UTF-8 kept raw in headings");
	tap_is_int((long long)p.nlinks, 1, "invalid UTF-8 link text still a link");

	size_t n = 1 << 20;
	char *big = malloc(n + 64);
	memcpy(big, "## ", 3);
	memset(big + 3, 'x', n);
	memcpy(big + 3 + n, "\n#g_end\n", 9);
	p = rds(big);
	tap_is_int((long long)strlen(p.nheadings ? p.headings[0].text : ""), (long long)n,
		   "1 MB heading kept whole");
	tap_is_str(chans(&p), "#g_end@2", "the line after a 1 MB line");

	/* linear on pathological lines: brackets, parens, quotes, tildes */
	const char *pats[] = {"[", "](", "[a](((", "[a](<", "~\"", "`~a ", "[a](x \"",
			      "[a](x", "[a](x  ", "[a](<x", "[a](x 'y'",
			      "https://gitlab.com/a/-/issues?label_name[]=", "#g_", "`~"};
	for (size_t i = 0; i < sizeof(pats) / sizeof(pats[0]); i++) {
		size_t k = strlen(pats[i]), m = 0;
		while (m + k < n) {
			memcpy(big + m, pats[i], k);
			m += k;
		}
		memcpy(big + m, " y\n", 4); /* a failure only at the very end */
		p = rds(big);
		tap_ok(1, "pathological line of \"%s\" read", pats[i]);
	}
	free(big);

	p = rds("```\n## in an unterminated fence\n#g_still_found\n");
	tap_is_str(heads(&p), "", "unterminated fence: no heading");
	tap_is_str(chans(&p), "#g_still_found@3", "unterminated fence: channels still read");
}

int main(void)
{
	A = arena_new();
	diag_init(&D);
	test_front_matter();
	test_headings();
	test_channels();
	test_labels();
	test_links();
	test_hostile();
	diag_free(&D);
	arena_free(A);
	return tap_done();
}

/* escalate: whom to ask, in order (issue 13, "Escalation").
 *
 * For a person: the person, their manager, the skip-level, and on up the
 * reports_to chain to the top. For a group: the manager of its team table
 * (resolve.h's group_team.manager), then its stable counterparts by
 * function (product, design, quality, technical writing, security, then
 * any other counterpart), then that manager's chain upward. Nobody is
 * listed twice (the first step a person earns is theirs). Pure: no
 * output; the caller prints (out_text, out_json) or draws (the TUI).
 *
 * A chain ends as the person card's manager chain does
 * (resolve_manager_chain): at someone without reports_to (the top), at a
 * reports_to that names nobody (dangling), or where it comes back on
 * itself (a cycle); the path says which in `end`, and the last step's
 * `note` says it in words.
 *
 * Vacancies (type: vacancy) are nobody to ask: they are never a step.
 * The chain goes on through a vacant manager to whom they report (the
 * next step's `over_vacancy` names the vacancy, and the levels count it:
 * above a vacant manager is the skip-level); a vacant counterpart is left
 * out; both are listed in `skipped`. */
#ifndef TEAMTUI_ESCALATE_H
#define TEAMTUI_ESCALATE_H

#include <stdbool.h>
#include <stddef.h>

#include "teamtui/awake.h"
#include "teamtui/resolve.h"
#include "teamtui/roster.h"

/* What a step is to the person or group asked about. */
typedef enum {
	ESCALATE_ASKED,	     /* the person asked about */
	ESCALATE_MANAGER,    /* one level above: their manager; a group's
				team-table manager */
	ESCALATE_SKIP_LEVEL, /* two levels above */
	ESCALATE_CHAIN,	     /* three or more levels above */
	ESCALATE_PRODUCT,    /* the counterparts, by escalate_function_of */
	ESCALATE_DESIGN,
	ESCALATE_QUALITY,
	ESCALATE_WRITER,
	ESCALATE_SECURITY,
	ESCALATE_COUNTERPART, /* a counterpart of none of those functions */
	ESCALATE_NFUNCTIONS
} escalate_function;

/* How the manager chain ended. */
typedef enum {
	ESCALATE_END_TOP,      /* someone with no reports_to: the top */
	ESCALATE_END_DANGLING, /* a reports_to that names nobody */
	ESCALATE_END_CYCLE,    /* reports_to came back on itself */
	ESCALATE_END_NO_MANAGER, /* a group without a team-table manager: no
				    chain at all */
} escalate_end;

typedef struct escalate_step {
	const person *person;
	escalate_function function;
	size_t level;	    /* levels above the subject (0: the person asked
			       about, or a counterpart); vacancies count */
	char *why;	    /* "manager of Ada Quill", "skip-level of AI
			       Framework", "product counterpart by
			       stable-counterparts" (malloc'd; the roster's
			       strings as they are: sanitize to print) */
	const person *over_vacancy; /* the vacant manager just below this
				       step, skipped; or NULL */
	char *note;	    /* how the chain ended, on its last step (malloc'd),
			       or NULL */
	bool timed;	    /* time is filled (an awake_ctx was given) */
	person_time time;
} escalate_step;

typedef struct escalate_path {
	bool is_group;
	const person *person; /* the subject: a person ... */
	const group *group;   /* ... or a group */
	escalate_step *steps; /* malloc'd, in asking order */
	size_t n;
	escalate_end end;
	const char *dangling; /* ESCALATE_END_DANGLING: the slug that names
				 nobody */
	const person *cycle_at; /* ESCALATE_END_CYCLE: the person the chain
				   came back to */
	const person **skipped; /* the vacancies left out (malloc'd) */
	size_t nskipped;
} escalate_path;

/* The path for person p (roster r, resolver rs over r). With aw (may be
 * NULL), each step's time is filled by awake_person. *out is the
 * caller's; free it with escalate_free. False only when out of memory
 * (then *out is empty). A vacancy asked about is not a step (the path
 * starts at whom it reports to, and lists it in skipped). */
bool escalate_person(const roster *r, resolver *rs, const person *p,
		     const awake_ctx *aw, escalate_path *out);

/* The path for group g: its team-table manager (group_team.manager; none
 * when the group has no members table or it has no manager row: end is
 * then ESCALATE_END_NO_MANAGER), its stable counterparts (group_team.
 * counterparts) in function order (escalate_function_of: product,
 * design, quality, writer, security, then the others), each in the
 * handbook's row order, then the manager's chain. The same arguments
 * and errors as escalate_person. */
bool escalate_group(const roster *r, resolver *rs, const group *g,
		    const awake_ctx *aw, escalate_path *out);

void escalate_free(escalate_path *p);

/* A person's function as a counterpart, from their role (else job
 * title), by this table, the first rule that holds:
 *
 *   1. org_classify_role (org.h) says product, design, quality or
 *      writer: that ("Senior Product Manager", "Product Designer",
 *      "Software Engineer in Test", "Technical Writer")
 *   2. the title (the role before its first comma, as org.h reads it)
 *      has the word "Security" (any case, a whole word: "Security
 *      Engineer", "Staff Application Security Engineer", "Security
 *      Engineering Manager"; not "Secure" nor "SecOps")   security
 *   3. anything else                                    counterpart
 *
 * So "Product Security Engineer" is security, and "Product Manager,
 * Security" is product (the title is "Product Manager"). Returns
 * ESCALATE_PRODUCT .. ESCALATE_COUNTERPART. */
escalate_function escalate_function_of(const person *p);

/* "asked", "manager", "skip_level", "chain", "product", "design",
 * "quality", "writer", "security", "counterpart": --json's "function". */
const char *escalate_function_name(escalate_function f);

#endif

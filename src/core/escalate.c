/* escalate.c: whom to ask, in order (escalate.h). */
#include "teamtui/escalate.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "teamtui/org.h"

static const char *const function_names[ESCALATE_NFUNCTIONS] = {
    "asked", "manager", "skip_level", "chain", "product", "design",
    "quality", "writer", "security", "counterpart"};

const char *escalate_function_name(escalate_function f)
{
	return (unsigned)f < ESCALATE_NFUNCTIONS ? function_names[f] : "counterpart";
}

static bool word_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c >= 0x80;
}

/* Does the title (s up to its first comma) hold `word` as a whole word,
 * ASCII letters in any case? */
static bool title_has_word(const char *s, const char *word)
{
	size_t wl = strlen(word);
	const char *end = strchr(s, ',');
	if (!end)
		end = s + strlen(s);
	for (const char *p = s; p + wl <= end; p++) {
		if ((p > s && word_char((unsigned char)p[-1])) || strncasecmp(p, word, wl))
			continue;
		if (p + wl == end || !word_char((unsigned char)p[wl]))
			return true;
	}
	return false;
}

escalate_function escalate_function_of(const person *p)
{
	switch (org_classify(p)) {
	case ORG_PRODUCT:
		return ESCALATE_PRODUCT;
	case ORG_DESIGN:
		return ESCALATE_DESIGN;
	case ORG_QUALITY:
		return ESCALATE_QUALITY;
	case ORG_WRITER:
		return ESCALATE_WRITER;
	default:
		break;
	}
	const char *title = p->role ? p->role : p->job_title;
	if (title && title_has_word(title, "Security"))
		return ESCALATE_SECURITY;
	return ESCALATE_COUNTERPART;
}

static char *format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *format(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	char *s = malloc((size_t)n + 1);
	if (!s)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

static const char *name_of(const person *p)
{
	return p->name && *p->name ? p->name : p->slug;
}

/* The path being built. */
struct build {
	const roster *r;
	const awake_ctx *aw;
	escalate_path *out;
	size_t cap;
	bool *seen; /* by person index: already a step */
	bool oom;
};

static escalate_step *add_step(struct build *b, const person *p,
			       escalate_function f, size_t level, char *why)
{
	if (!why)
		b->oom = true;
	if (b->oom) {
		free(why);
		return NULL;
	}
	escalate_path *o = b->out;
	if (o->n == b->cap) {
		size_t cap = b->cap ? 2 * b->cap : 8;
		escalate_step *v = realloc(o->steps, cap * sizeof(*v));
		if (!v) {
			free(why);
			b->oom = true;
			return NULL;
		}
		o->steps = v;
		b->cap = cap;
	}
	escalate_step *s = &o->steps[o->n++];
	memset(s, 0, sizeof(*s));
	s->person = p;
	s->function = f;
	s->level = level;
	s->why = why;
	b->seen[p->index] = true;
	if (b->aw) {
		awake_person(b->aw, p, &s->time);
		s->timed = true;
	}
	return s;
}

static void skip(struct build *b, const person *p)
{
	escalate_path *o = b->out;
	for (size_t i = 0; i < o->nskipped; i++)
		if (o->skipped[i] == p)
			return;
	const person **v = realloc(o->skipped, (o->nskipped + 1) * sizeof(*v));
	if (!v) {
		b->oom = true;
		return;
	}
	v[o->nskipped++] = p;
	o->skipped = v;
}

/* "manager of X", "skip-level of X", "N levels above X" */
static char *level_why(size_t level, const char *subject)
{
	if (level == 1)
		return format("manager of %s", subject);
	if (level == 2)
		return format("skip-level of %s", subject);
	return format("%zu levels above %s", level, subject);
}

static escalate_function level_function(size_t level)
{
	return level == 1 ? ESCALATE_MANAGER
	       : level == 2 ? ESCALATE_SKIP_LEVEL
			    : ESCALATE_CHAIN;
}

/* The chain above `from` (who is at level `base`), as steps; vacancies
 * skipped; the end noted on the last step. */
static void chain(struct build *b, resolver *rs, const person *from, size_t base,
		  const person *vacancy_below, const char *subject)
{
	manager_chain ch = resolve_manager_chain(rs, from);
	escalate_path *o = b->out;
	const person *below = vacancy_below;
	for (size_t i = 0; i < ch.people.n && !b->oom; i++) {
		const person *m = ch.people.v[i];
		size_t level = base + i + 1;
		if (m->type == PERSON_VACANCY) {
			skip(b, m);
			below = m;
			continue;
		}
		if (b->seen[m->index]) { /* a counterpart already */
			below = NULL;
			continue;
		}
		escalate_step *s = add_step(b, m, level_function(level),
					    level, level_why(level, subject));
		if (s)
			s->over_vacancy = below;
		below = NULL;
	}
	const person *last = ch.people.n ? ch.people.v[ch.people.n - 1] : from;
	if (ch.dangling) {
		o->end = ESCALATE_END_DANGLING;
		o->dangling = ch.dangling;
	} else if (ch.cycle) {
		o->end = ESCALATE_END_CYCLE;
		o->cycle_at = last->reports_to ? roster_person(b->r, last->reports_to)
					       : NULL;
	} else {
		o->end = ESCALATE_END_TOP;
	}
	if (b->oom || !o->n)
		return;
	escalate_step *s = &o->steps[o->n - 1];
	const char *top_vacancy = below ? name_of(below) : NULL;
	if (o->end == ESCALATE_END_DANGLING)
		s->note = top_vacancy
			      ? format("above: the vacancy %s, whose reports_to "
				       "'%s' names nobody in the roster",
				       top_vacancy, ch.dangling)
			      : format("reports_to '%s' names nobody in the "
				       "roster: the chain ends here", ch.dangling);
	else if (o->end == ESCALATE_END_CYCLE)
		s->note = format("reports_to cycle: the chain comes back to %s "
				 "here", o->cycle_at ? name_of(o->cycle_at) : "?");
	else if (top_vacancy)
		s->note = format("above: only the vacancy %s", top_vacancy);
	else
		return;
	if (!s->note)
		b->oom = true;
}

static bool start(struct build *b, const roster *r, const awake_ctx *aw,
		  escalate_path *out)
{
	memset(out, 0, sizeof(*out));
	memset(b, 0, sizeof(*b));
	b->r = r;
	b->aw = aw;
	b->out = out;
	b->seen = calloc(r->npeople + 1, sizeof(*b->seen));
	return b->seen != NULL;
}

static bool finish(struct build *b)
{
	free(b->seen);
	if (b->oom) {
		escalate_free(b->out);
		return false;
	}
	return true;
}

bool escalate_person(const roster *r, resolver *rs, const person *p,
		     const awake_ctx *aw, escalate_path *out)
{
	struct build b;
	if (!start(&b, r, aw, out))
		return false;
	out->person = p;
	const char *subject = name_of(p);
	if (p->type == PERSON_VACANCY) { /* its own line says it is one */
		skip(&b, p);
		b.seen[p->index] = true;
	} else {
		add_step(&b, p, ESCALATE_ASKED, 0, strdup("the person asked about"));
	}
	if (!b.oom)
		chain(&b, rs, p, 0, NULL, subject);
	return finish(&b);
}

bool escalate_group(const roster *r, resolver *rs, const group *g,
		    const awake_ctx *aw, escalate_path *out)
{
	struct build b;
	if (!start(&b, r, aw, out))
		return false;
	out->is_group = true;
	out->group = g;
	const group_team *t = resolve_group(rs, g);
	if (!t) {
		b.oom = true;
		return finish(&b);
	}
	const char *subject = g->name && *g->name ? g->name : g->id;
	const person *m = t->manager;
	if (m && m->type == PERSON_VACANCY)
		skip(&b, m);
	else if (m)
		add_step(&b, m, ESCALATE_MANAGER, 1, level_why(1, subject));
	static const char *const what[] = {
	    [ESCALATE_PRODUCT] = "product counterpart",
	    [ESCALATE_DESIGN] = "design counterpart",
	    [ESCALATE_QUALITY] = "quality counterpart",
	    [ESCALATE_WRITER] = "technical writing counterpart",
	    [ESCALATE_SECURITY] = "security counterpart",
	    [ESCALATE_COUNTERPART] = "counterpart"};
	for (int f = ESCALATE_PRODUCT; f <= ESCALATE_COUNTERPART && !b.oom; f++)
		for (size_t i = 0; i < t->counterparts.n && !b.oom; i++) {
			const person *c = t->counterparts.v[i];
			if (b.seen[c->index] || escalate_function_of(c) != (escalate_function)f)
				continue;
			if (c->type == PERSON_VACANCY) {
				skip(&b, c);
				continue;
			}
			add_step(&b, c, (escalate_function)f, 0,
				 format("%s by stable-counterparts", what[f]));
		}
	if (!m)
		out->end = ESCALATE_END_NO_MANAGER;
	else if (!b.oom)
		chain(&b, rs, m, 1, m->type == PERSON_VACANCY ? m : NULL, subject);
	return finish(&b);
}

void escalate_free(escalate_path *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n; i++) {
		free(p->steps[i].why);
		free(p->steps[i].note);
	}
	free(p->steps);
	free(p->skipped);
	memset(p, 0, sizeof(*p));
}

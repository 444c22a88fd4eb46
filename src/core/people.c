/* people.c: GitLab-shaped person records. Every field is optional and may
 * be null; a wrong type drops that field (reported), never the person. */
#include "teamtui/people.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "teamtui/html.h"
#include "teamtui/inputs.h"
#include "teamtui/tzinfo.h"
#include "teamtui/workhours.h"

static bool push(people_buf *b, const person *p)
{
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 256;
		person *v = realloc(b->v, cap * sizeof(*v));
		if (!v)
			return false;
		b->v = v;
		b->cap = cap;
	}
	b->v[b->n++] = *p;
	return true;
}

static const char *intern(yload *c, const char *s)
{
	return s ? arena_intern(c->model, s, strlen(s)) : NULL;
}

/* The person fields we read, in one table: a map is scanned once and each
 * key is matched by address against these names interned in the same
 * arena (a hot path: 100,000 people times 20 fields). */
enum field {
	F_SLUG, F_TYPE, F_NAME, F_ROLE, F_JOB_TITLE, F_REPORTS_TO, F_GITLAB,
	F_DIVISION, F_LOCALITY, F_COUNTRY, F_PRONOUNS, F_TIMEZONE, F_WORKING_HOURS,
	F_DEPARTMENTS, F_SPECIALTY, F_DOMAIN_EXPERTISE, F_TEAM_TAGS,
	F_EXPERTISE, F_PROJECTS, F_PUBLIC, F_PLACEHOLDER, F_COUNT
};

static const char *const field_names[F_COUNT] = {
	"slug", "type", "name", "role", "job_title", "reports_to", "gitlab",
	"division", "locality", "country", "pronouns", "timezone", "working_hours",
	"departments", "specialty", "domain_expertise", "team_tags",
	"expertise", "projects", "public", "placeholder",
};

/* What people_read keeps across people in the loader's context (its
 * memo; freed by yload_release): which interned key is which field, and
 * the plain text of each distinct HTML role and expertise (a roster of
 * 100,000 people has a few thousand of each). */
enum { KEY_SLOTS = 64, ZONE_SLOTS = 256 };
struct html_text {
	const char *html; /* interned in the model; NULL: an empty slot */
	int lines;	  /* html_to_text's keep_lines */
	const char *text; /* role: the plain text, NULL when blank */
	strlist items;	  /* expertise: the items */
};
struct memo {
	struct key_slot {
		const char *name; /* interned; NULL: empty */
		int field;
	} keys[KEY_SLOTS];
	struct html_text *html;
	size_t nhtml, html_slots;
	/* timezone values already judged (interned, so by address): a
	 * roster has a few hundred zones for its thousands of people */
	struct zone_slot {
		const char *zone; /* NULL: empty */
		bool ok;
	} zones[ZONE_SLOTS];
	int tzdata; /* 0 not looked yet, 1 tzdata's zones are there, -1 not */
};

static void memo_free(void *m)
{
	if (m)
		free(((struct memo *)m)->html);
	free(m);
}

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

static size_t ptr_slot(const void *p, size_t slots)
{
	uint64_t h = (uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15ull;
	return (size_t)(h >> 40) & (slots - 1);
}

/* The context's memo, made on first use (NULL when out of memory). */
static struct memo *memo_of(yload *c)
{
	if (c->memo && c->memo_free == memo_free)
		return c->memo;
	if (c->memo) /* another loader's: not ours to reuse */
		return NULL;
	struct memo *m = calloc(1, sizeof(*m));
	if (!m)
		return NULL;
	for (int i = 0; i < F_COUNT; i++) {
		const char *k = intern(c, field_names[i]);
		if (!k) {
			free(m);
			return NULL;
		}
		size_t j = ptr_slot(k, KEY_SLOTS);
		while (m->keys[j].name)
			j = (j + 1) & (KEY_SLOTS - 1);
		m->keys[j] = (struct key_slot){k, i};
	}
	c->memo = m;
	c->memo_free = memo_free;
	return m;
}

/* Does `zone` (interned) name a zone of tzdata (tz_zone_exists)? True
 * as well when tzdata's zones are not installed at all (UTC is missing):
 * then every field would be wrong, and the fault is the machine's. */
static bool zone_known(yload *c, const char *zone)
{
	struct memo *m = memo_of(c);
	if (!m)
		return tz_zone_exists(zone);
	if (!m->tzdata)
		m->tzdata = tz_zone_exists("UTC") ? 1 : -1;
	if (m->tzdata < 0)
		return true;
	struct zone_slot *z = &m->zones[ptr_slot(zone, ZONE_SLOTS)];
	if (z->zone != zone) { /* empty, or another's: judged afresh */
		z->zone = zone;
		z->ok = tz_zone_exists(zone);
	}
	return z->ok;
}

/* The slot of (html, lines) in the memo: found, or empty to fill; NULL
 * when out of memory. */
static struct html_text *html_slot(struct memo *m, const char *html, int lines)
{
	if ((m->nhtml + 1) * 2 > m->html_slots) {
		size_t n = m->html_slots ? m->html_slots * 2 : 256;
		struct html_text *t = calloc(n, sizeof(*t));
		if (!t)
			return NULL;
		for (size_t i = 0; i < m->html_slots; i++) {
			if (!m->html[i].html)
				continue;
			size_t j = ptr_slot(m->html[i].html, n);
			while (t[j].html)
				j = (j + 1) & (n - 1);
			t[j] = m->html[i];
		}
		free(m->html);
		m->html = t;
		m->html_slots = n;
	}
	size_t j = ptr_slot(html, m->html_slots);
	for (; m->html[j].html; j = (j + 1) & (m->html_slots - 1))
		if (m->html[j].html == html && m->html[j].lines == lines)
			break;
	return &m->html[j];
}

/* A value the model keeps, from the node n whose text s is (s NULL:
 * none). Values parse into the tree's arena (values_in_nodes): copied
 * into the model here, interned (equal values share one copy: roles,
 * places, titles repeat) unless `unique`, as names and handles mostly
 * are. */
static const char *keep(yload *c, const ynode *n, const char *s, bool unique)
{
	if (!s)
		return NULL;
	if (!c->values_in_nodes) /* already the model's */
		return unique ? s : arena_intern(c->model, s, n->len);
	return unique ? arena_strndup(c->model, s, n->len)
		      : arena_intern(c->model, s, n->len);
}

/* A key as the model keeps it (keys are interned when short). */
static const char *keep_key(yload *c, const ynode *k)
{
	return k->interned ? k->str : arena_intern(c->model, k->str, k->len);
}

/* Plain text of an HTML role (interned; NULL when it is only markup),
 * once per distinct role. */
static const char *plain(yload *c, const char *html)
{
	if (!html)
		return NULL;
	struct memo *m = memo_of(c);
	struct html_text *slot = m ? html_slot(m, html, 0) : NULL;
	if (slot && slot->html)
		return slot->text;
	char *t = html_to_text(html, 0);
	const char *r = intern(c, t);
	bool ok = r || !t; /* not out of memory */
	free(t);
	if (r && yload_blank(r))
		r = NULL; /* markup and nothing else */
	if (slot && ok) {
		*slot = (struct html_text){html, 0, r, {0}};
		m->nhtml++;
	}
	return r;
}

/* The items of an expertise <li> list, once per distinct list. */
static strlist html_items(yload *c, const char *html)
{
	strlist out = {0};
	struct memo *m = memo_of(c);
	struct html_text *slot = m ? html_slot(m, html, 1) : NULL;
	if (slot && slot->html)
		return slot->items;
	char *text = html_to_text(html, 1);
	if (!text)
		return out;
	size_t lines = 1;
	for (const char *p = text; *p; p++)
		lines += *p == '\n';
	out.v = arena_calloc(c->model, lines, sizeof(char *));
	for (char *line = text, *next; out.v && line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (!yload_blank(line) && (out.v[out.n] = intern(c, line)))
			out.n++;
	}
	free(text);
	if (slot && out.v) {
		*slot = (struct html_text){html, 1, NULL, out};
		m->nhtml++;
	}
	return out;
}

/* Expertise: GitLab's `<li>` HTML string, or a plain list. */
static strlist expertise_items(yload *c, const ynode *n, const char **html)
{
	*html = NULL;
	if (n && n->kind == YNODE_SEQ)
		return yload_strlist(c, n, "expertise");
	const char *s = keep(c, n, yload_str(c, n, "expertise"), false);
	strlist out = {0};
	if (!s)
		return out;
	*html = s;
	return html_items(c, s);
}

/* projects: {project: role | [roles]} */
static void read_projects(yload *c, const ynode *n, person *p)
{
	if (ynode_is_null(n) || !yload_expect_map(c, n, "projects"))
		return;
	p->projects = arena_calloc(c->model, n->n ? n->n : 1,
				   sizeof(*p->projects));
	if (!p->projects)
		return;
	for (size_t i = 0; i < n->n; i++) {
		const ynode *k = n->items[2 * i], *v = n->items[2 * i + 1];
		if (k->overridden) /* the later one is read (warned by ydoc) */
			continue;
		if (yload_blank(k->str)) {
			yload_error(c, k, "project names must not be empty");
			continue;
		}
		project_role *pr = &p->projects[p->nprojects];
		pr->project = keep_key(c, k);
		pr->roles = yload_strlist(c, v, k->str);
		if (pr->roles.n && pr->project) /* a project with no role says
						   nothing */
			p->nprojects++;
	}
}

/* Fill f[] with the value of each known key (the last one wins, as in
 * Ruby's reading of duplicate keys). */
static void collect_fields(yload *c, const ynode *map, const ynode **f)
{
	memset(f, 0, F_COUNT * sizeof(*f));
	struct memo *m = memo_of(c);
	if (!m)
		return; /* out of memory: as if no field were there */
	for (size_t i = 0; i < map->n; i++) {
		const ynode *key = map->items[2 * i];
		if (!key->interned)
			continue; /* too long to be a field's name */
		size_t j = ptr_slot(key->str, KEY_SLOTS);
		for (; m->keys[j].name; j = (j + 1) & (KEY_SLOTS - 1))
			if (m->keys[j].name == key->str) {
				f[m->keys[j].field] = map->items[2 * i + 1];
				break;
			}
	}
}

static const char *id_field(yload *c, const ynode **f, enum field i)
{
	return yload_id(c, f[i], field_names[i]);
}

static strlist list_field(yload *c, const ynode **f, enum field i)
{
	return yload_strlist(c, f[i], field_names[i]);
}

/* The keys whose value is the boolean true (`mentor: true`): the handbook's
 * group-by-expertise also lists people by such a field. */
static strlist true_fields(yload *c, const ynode *map)
{
	strlist out = {0};
	size_t n = 0;
	for (size_t i = 0; i < map->n; i++)
		n += map->items[2 * i]->kind == YNODE_SCALAR &&
		     ynode_bool(map->items[2 * i + 1]) == 1;
	if (!n || !(out.v = arena_calloc(c->model, n, sizeof(char *))))
		return out;
	for (size_t i = 0; i < map->n; i++) {
		const ynode *k = map->items[2 * i];
		if (k->kind == YNODE_SCALAR && ynode_bool(map->items[2 * i + 1]) == 1 &&
		    (out.v[out.n] = keep_key(c, k)))
			out.n++;
	}
	return out;
}

bool people_read(yload *c, const ynode *map, const char *slug, bool vacancy,
		 person *out)
{
	if (map && map->kind == YNODE_SEQ && map->n == 1) /* [ {...} ] */
		map = map->items[0];
	if (!map || map->kind != YNODE_MAP) {
		yload_error(c, map, "a person must be a map, not %s; skipped",
			    ynode_kind_name(map));
		return false;
	}
	const ynode *f[F_COUNT];
	collect_fields(c, map, f);
	memset(out, 0, sizeof(*out));
	out->loc = yload_loc(c, map);
	const char *own = id_field(c, f, F_SLUG);
	if (slug && !yload_id_clean(slug)) {
		yload_error(c, map, "file name '%s' has control characters or spaces at "
				    "its ends: not a slug; skipped", slug);
		return false;
	}
	if (slug) {
		if (own && strcmp(own, slug))
			yload_warning(c, f[F_SLUG], "slug '%s' differs from the file name; using '%s'",
				      own, slug);
	} else if (!own || !*own) {
		yload_error(c, f[F_SLUG] ? f[F_SLUG] : map,
			    "person without a slug; skipped");
		return false;
	}
	/* The scalar fields, checked in order (what is wrong is reported in
	 * that order), then interned together: slugs and roles are many and
	 * seldom in cache, and one batch fetches their slots at once. */
	enum { K_SLUG, K_TYPE, K_ROLE, K_JOB, K_REPORTS, K_DIVISION, K_LOCALITY,
	       K_COUNTRY, K_PRONOUNS, K_TIMEZONE, K_WORKING_HOURS, K_COUNT };
	const char *raw[K_COUNT], *kept[K_COUNT];
	size_t len[K_COUNT] = {0};
	raw[K_SLUG] = slug ? slug : own;
	len[K_SLUG] = slug ? strlen(slug) : f[F_SLUG]->len;
	raw[K_TYPE] = yload_str(c, f[F_TYPE], "type");
	const char *name = yload_str(c, f[F_NAME], "name");
	raw[K_ROLE] = yload_str(c, f[F_ROLE], "role");
	raw[K_JOB] = yload_str(c, f[F_JOB_TITLE], "job_title");
	raw[K_REPORTS] = id_field(c, f, F_REPORTS_TO);
	const char *gitlab = id_field(c, f, F_GITLAB);
	static const enum field place[] = {F_DIVISION, F_LOCALITY, F_COUNTRY,
					   F_PRONOUNS, F_TIMEZONE, F_WORKING_HOURS};
	for (size_t k = 0; k < sizeof(place) / sizeof(*place); k++)
		raw[K_DIVISION + k] = yload_str(c, f[place[k]], field_names[place[k]]);
	static const enum field from[K_COUNT] = {
		F_SLUG, F_TYPE, F_ROLE, F_JOB_TITLE, F_REPORTS_TO, F_DIVISION,
		F_LOCALITY, F_COUNTRY, F_PRONOUNS, F_TIMEZONE, F_WORKING_HOURS};
	for (size_t k = 1; k < K_COUNT; k++)
		len[k] = raw[k] ? f[from[k]]->len : 0;
	arena_intern_n(c->model, K_COUNT, raw, len, kept);
	struct memo *m = kept[K_ROLE] ? memo_of(c) : NULL;
	if (m && m->html_slots) /* the role's text is looked up last */
		PREFETCH(&m->html[ptr_slot(kept[K_ROLE], m->html_slots)]);
	out->slug = kept[K_SLUG];
	if (!out->slug)
		return false; /* out of memory */
	out->type_name = kept[K_TYPE];
	if (vacancy)
		out->type_name = intern(c, "vacancy");
	else if (!out->type_name)
		out->type_name = intern(c, "person");
	out->type = !strcmp(out->type_name, "vacancy") ? PERSON_VACANCY
						       : PERSON_PERSON;
	out->name = keep(c, f[F_NAME], name, true);
	/* the raw role, interned: the resolver numbers distinct roles by
	 * address, and its text is worked out once per distinct role */
	out->role_html = kept[K_ROLE];
	out->role_id = -1;
	out->job_title = kept[K_JOB];
	/* slugs are compared by address in the resolver: always interned */
	out->reports_to = kept[K_REPORTS];
	if (out->reports_to && !*out->reports_to)
		out->reports_to = NULL;
	out->reports_to_loc = yload_loc(c, f[F_REPORTS_TO] ? f[F_REPORTS_TO] : map);
	out->gitlab = keep(c, f[F_GITLAB], gitlab, true);
	out->division = kept[K_DIVISION];
	out->locality = kept[K_LOCALITY];
	out->country = kept[K_COUNTRY];
	out->pronouns = kept[K_PRONOUNS];
	out->timezone = kept[K_TIMEZONE];
	out->working_hours = kept[K_WORKING_HOURS];
	if (out->timezone && *out->timezone && !zone_known(c, out->timezone))
		yload_warning(c, f[F_TIMEZONE], "timezone '%s' names no zone of tzdata "
						"(e.g. 'Europe/Berlin'); their local time is "
						"unknown", out->timezone);
	work_hours wh;
	char why[160];
	if (out->working_hours && !work_hours_parse(out->working_hours, &wh, why, sizeof(why)))
		yload_warning(c, f[F_WORKING_HOURS], "working_hours: %s; the default "
						     "hours apply", why);
	out->departments = list_field(c, f, F_DEPARTMENTS);
	out->specialty = list_field(c, f, F_SPECIALTY);
	out->domain_expertise = list_field(c, f, F_DOMAIN_EXPERTISE);
	out->team_tags = list_field(c, f, F_TEAM_TAGS);
	out->expertise = expertise_items(c, f[F_EXPERTISE], &out->expertise_html);
	read_projects(c, f[F_PROJECTS], out);
	out->public_ = yload_bool(c, f[F_PUBLIC], "public", true);
	out->placeholder = yload_bool(c, f[F_PLACEHOLDER], "placeholder", false);
	out->true_fields = true_fields(c, map);
	out->role = plain(c, out->role_html);
	return true;
}

struct list_ctx {
	yload *c;
	people_buf *out;
	size_t before; /* out->n before this file */
	size_t seen;
};

/* One entry of team.yml, straight from the parser. */
static void list_item(void *ctx, const ynode *it)
{
	struct list_ctx *x = ctx;
	if (!it) { /* the file is read again: forget this reading's people */
		x->out->n = x->before;
		x->seen = 0;
		return;
	}
	x->seen++;
	if (!it->complete) { /* cut short by a syntax error */
		yload_error(x->c, it, "entry cut short by the syntax error; skipped");
		return;
	}
	person p;
	if (people_read(x->c, it, NULL, false, &p))
		push(x->out, &p);
}

void people_load_list(yload *c, const char *path, const char *display,
		      people_buf *out)
{
	size_t before = c->diags->count + c->diags->suppressed;
	struct list_ctx x = {c, out, out->n, 0};
	bool values = c->values_in_nodes;
	c->values_in_nodes = true; /* people_read copies what it keeps */
	ynode *root = yload_file_items(c, path, display, list_item, &x);
	c->values_in_nodes = values;
	if (root && !ynode_is_null(root) && root->kind != YNODE_SEQ)
		yload_error(c, root, "team.yml must be a list of people, not %s",
			    ynode_kind_name(root));
	else if (!x.seen && c->diags->count + c->diags->suppressed == before)
		diag_add(c->diags, DIAG_WARNING, c->file, 0, 0,
			 "team.yml lists nobody");
}

/* A file found under team_members/. */
struct entry {
	char *path, *display, *slug;
	bool vacancy;
};

struct walk {
	yload *c;
	struct entry *v;
	size_t n, cap;
	bool capped;
	char *root; /* the roster directory, resolved: links must stay in it */
	struct dir_id {
		dev_t dev;
		ino_t ino;
	} *seen; /* directories read so far: a link never reads one twice */
	size_t nseen, capseen;
};

/* Remember a directory; false when it was read already (or no memory). */
static bool first_visit(struct walk *w, const struct stat *st)
{
	for (size_t i = 0; i < w->nseen; i++)
		if (w->seen[i].dev == st->st_dev && w->seen[i].ino == st->st_ino)
			return false;
	if (w->nseen == w->capseen) {
		size_t cap = w->capseen ? w->capseen * 2 : 64;
		struct dir_id *v = realloc(w->seen, cap * sizeof(*v));
		if (!v)
			return false;
		w->seen = v;
		w->capseen = cap;
	}
	w->seen[w->nseen++] = (struct dir_id){st->st_dev, st->st_ino};
	return true;
}

static bool grow_entries(struct walk *w)
{
	size_t cap = w->cap ? w->cap * 2 : 256;
	struct entry *v = realloc(w->v, cap * sizeof(*v));
	if (!v)
		return false;
	w->v = v;
	w->cap = cap;
	return true;
}

/* Is the resolved path `real` below the resolved roster directory? */
static bool under_root(const struct walk *w, const char *real)
{
	size_t rl = w->root ? strlen(w->root) : 0;
	return w->root && !strncmp(real, w->root, rl) && real[rl] == '/';
}

/* Does `path` (a directory the walk starts from) resolve to a place
 * inside the roster directory? Else a warning, and false. */
static bool inside(struct walk *w, const char *path, const char *display)
{
	char *real = realpath(path, NULL);
	bool in = real && under_root(w, real);
	if (real && !in)
		diag_add(w->c->diags, DIAG_WARNING, display, 0, 0,
			 "symbolic link to outside the roster directory; skipped");
	free(real);
	return in;
}

/* A symbolic link under team_members/: followed when its target is
 * inside the roster directory, refused (with a warning) otherwise. On
 * success *target is the resolved path (malloc'd) and *st its status. */
static bool follow_link(struct walk *w, const char *child, const char *cdisp,
			char **target, struct stat *st)
{
	*target = realpath(child, NULL);
	if (!*target) {
		diag_add(w->c->diags, DIAG_WARNING, cdisp, 0, 0,
			 "symbolic link to nothing (%s); skipped", strerror(errno));
		return false;
	}
	if (!under_root(w, *target)) {
		diag_add(w->c->diags, DIAG_WARNING, cdisp, 0, 0,
			 "symbolic link to outside the roster directory; skipped");
		free(*target);
		*target = NULL;
		return false;
	}
	if (inputs_stat(*target, st) < 0) {
		diag_add(w->c->diags, DIAG_WARNING, cdisp, 0, 0,
			 "cannot read the link's target: %s; skipped", strerror(errno));
		free(*target);
		*target = NULL;
		return false;
	}
	return true;
}

static bool is_yaml_name(const char *name, size_t *stem)
{
	size_t n = strlen(name);
	if (name[0] == '.')
		return false;
	if (n > 4 && !strcmp(name + n - 4, ".yml")) {
		*stem = n - 4;
		return true;
	}
	if (n > 5 && !strcmp(name + n - 5, ".yaml")) {
		*stem = n - 5;
		return true;
	}
	return false;
}

static void walk_dir(struct walk *w, const char *path, const char *display,
		     bool vacancy, int depth);

/* One name of a directory. `links` says which pass this is: real entries
 * first, then symbolic links, so a link to a sibling directory never
 * makes the real one "read already". */
static void visit(struct walk *w, const char *path, const char *display,
		  const char *name, bool vacancy, int depth, bool links)
{
	size_t plen = strlen(path) + strlen(name) + 2;
	size_t dlen = strlen(display) + strlen(name) + 2;
	char *child = malloc(plen), *cdisp = malloc(dlen);
	if (!child || !cdisp) {
		free(child);
		free(cdisp);
		return;
	}
	snprintf(child, plen, "%s/%s", path, name);
	snprintf(cdisp, dlen, "%s/%s", display, name);
	struct stat st;
	/* lstat first: a link is followed only when it stays inside the
	 * roster directory, and never into a directory read already (no
	 * loops, nobody twice) */
	bool ok = lstat(child, &st) == 0;
	if (!ok && !links)
		diag_add(w->c->diags, DIAG_WARNING, cdisp, 0, 0,
			 "cannot read: %s; skipped", strerror(errno));
	if (ok && S_ISLNK(st.st_mode) != links)
		ok = false; /* the other pass's */
	if (ok && links) {
		char *target;
		ok = follow_link(w, child, cdisp, &target, &st);
		if (ok) {
			free(child);
			child = target;
		}
	}
	size_t stem;
	if (ok && S_ISDIR(st.st_mode)) {
		if (depth >= ROSTER_MAX_TREE_DEPTH)
			diag_add(w->c->diags, DIAG_WARNING, cdisp, 0, 0,
				 "directory nested too deep; skipped");
		else if (!first_visit(w, &st))
			diag_add(w->c->diags, DIAG_WARNING, cdisp, 0, 0,
				 "a directory read already (through a symbolic link); skipped");
		else
			walk_dir(w, child, cdisp, vacancy, depth + 1);
	} else if (ok && is_yaml_name(name, &stem) && !S_ISREG(st.st_mode)) {
		const char *what = yload_file_kind(st.st_mode);
		diag_add(w->c->diags, DIAG_WARNING, cdisp, 0, 0, "%s, not a file; skipped",
			 what ? what : "is not a file");
	} else if (ok && S_ISREG(st.st_mode) && is_yaml_name(name, &stem)) {
		if (w->n == ROSTER_MAX_FILES) {
			if (!w->capped)
				diag_add(w->c->diags, DIAG_ERROR, cdisp, 0, 0,
					 "more than %d person files; the rest are skipped",
					 ROSTER_MAX_FILES);
			w->capped = true;
		} else if (w->n < w->cap || grow_entries(w)) {
			w->v[w->n++] = (struct entry){child, cdisp, strndup(name, stem), vacancy};
			return; /* the entry owns both paths now */
		}
	}
	free(child);
	free(cdisp);
}

static void walk_dir(struct walk *w, const char *path, const char *display,
		     bool vacancy, int depth)
{
	struct stat dst; /* its entries' names: noted for the snapshot */
	DIR *d = inputs_stat(path, &dst) == 0 ? opendir(path) : NULL;
	if (!d) {
		struct stat st;
		const char *what = errno == ENOTDIR && stat(path, &st) == 0
					   ? yload_file_kind(st.st_mode) : NULL;
		if (what)
			diag_add(w->c->diags, DIAG_ERROR, display, 0, 0,
				 "%s, not a directory; skipped", what);
		else if (errno != ENOENT)
			diag_add(w->c->diags, DIAG_ERROR, display, 0, 0,
				 "cannot read directory: %s", strerror(errno));
		return;
	}
	/* the names first: the directory is read once, visited twice */
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			char **v = realloc(names, cap * sizeof(*v));
			if (!v)
				break;
			names = v;
		}
		if (!(names[n] = strdup(de->d_name)))
			break;
		n++;
	}
	closedir(d);
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < n; i++)
			visit(w, path, display, names[i], vacancy, depth, pass == 1);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static int entry_cmp(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;
	int c = strcmp(a->slug ? a->slug : "", b->slug ? b->slug : "");
	return c ? c : strcmp(a->path, b->path);
}

void people_load_tree(yload *c, const char *dir, people_buf *out)
{
	struct walk w = {.c = c, .root = realpath(dir, NULL)};
	size_t n = strlen(dir) + 32;
	char *sub = malloc(n);
	if (!sub) {
		free(w.root);
		return;
	}
	struct stat st;
	static const char *const parts[] = {"team_members", "team_members/person",
					    "team_members/vacancy"};
	bool usable[3];
	for (size_t i = 0; i < 3; i++) {
		/* these may be links too: they must stay inside the roster */
		snprintf(sub, n, "%s/%s", dir, parts[i]);
		usable[i] = (i == 0 || usable[0]) && inputs_stat(sub, &st) == 0 &&
			    inside(&w, sub, parts[i]);
		if (usable[i])
			first_visit(&w, &st);
	}
	if (usable[1]) {
		snprintf(sub, n, "%s/team_members/person", dir);
		walk_dir(&w, sub, "team_members/person", false, 0);
	}
	if (usable[2]) {
		snprintf(sub, n, "%s/team_members/vacancy", dir);
		walk_dir(&w, sub, "team_members/vacancy", true, 0);
	}
	if (!w.n && usable[0])
		diag_add(c->diags, DIAG_WARNING, "team_members", 0, 0,
			 "no person files (*.yml under person/ or vacancy/): no people");
	free(sub);
	free(w.root);
	free(w.seen);
	if (w.n > 1)
		qsort(w.v, w.n, sizeof(*w.v), entry_cmp);
	arena_mark empty = arena_save(c->nodes);
	bool values = c->values_in_nodes;
	c->values_in_nodes = true; /* people_read copies what it keeps */
	for (size_t i = 0; i < w.n; i++) {
		struct entry *e = &w.v[i];
		size_t before = c->diags->count + c->diags->suppressed;
		ynode *root = e->slug ? yload_file(c, e->path, e->display, false)
				      : NULL;
		person p;
		if (root && root->complete && !ynode_is_null(root)) {
			if (people_read(c, root, e->slug, e->vacancy, &p))
				push(out, &p);
		} else if (c->diags->count + c->diags->suppressed == before) {
			diag_add(c->diags, DIAG_WARNING, e->display, 0, 0,
				 "empty person file; skipped");
		} else if (root) {
			yload_error(c, root, "person cut short by the error above; skipped");
		}
		/* each file's tree is garbage once read: reuse its memory */
		arena_restore(c->nodes, empty);
		free(e->path);
		free(e->display);
		free(e->slug);
	}
	c->values_in_nodes = values;
	free(w.v);
}

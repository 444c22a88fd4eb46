/* people.c: GitLab-shaped person records. Every field is optional and may
 * be null; a wrong type drops that field (reported), never the person. */
#include "teamtui/people.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "teamtui/html.h"
#include "teamtui/inputs.h"

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

/* Plain text of an HTML field, interned. */
static const char *plain(yload *c, const char *html)
{
	if (!html)
		return NULL;
	char *t = html_to_text(html, 0);
	const char *r = intern(c, t);
	free(t);
	return r;
}

/* Expertise: GitLab's `<li>` HTML string, or a plain list. */
static strlist expertise_items(yload *c, const ynode *n, const char **html)
{
	*html = NULL;
	if (n && n->kind == YNODE_SEQ)
		return yload_strlist(c, n, "expertise");
	const char *s = yload_str(c, n, "expertise");
	strlist out = {0};
	if (!s)
		return out;
	*html = s;
	char *text = html_to_text(s, 1);
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
		if (!yload_blank(line))
			out.v[out.n++] = intern(c, line);
	}
	free(text);
	return out;
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
		pr->project = k->str;
		pr->roles = yload_strlist(c, v, k->str);
		if (pr->roles.n) /* a project with no role says nothing */
			p->nprojects++;
	}
}

/* The person fields we read, in one table: a map is scanned once and each
 * key is matched by address against these names interned in the same
 * arena (a hot path: 100,000 people times 20 fields). */
enum field {
	F_SLUG, F_TYPE, F_NAME, F_ROLE, F_JOB_TITLE, F_REPORTS_TO, F_GITLAB,
	F_DIVISION, F_LOCALITY, F_COUNTRY, F_PRONOUNS, F_TIMEZONE,
	F_DEPARTMENTS, F_SPECIALTY, F_DOMAIN_EXPERTISE, F_TEAM_TAGS,
	F_EXPERTISE, F_PROJECTS, F_PUBLIC, F_PLACEHOLDER, F_COUNT
};

static const char *const field_names[F_COUNT] = {
	"slug", "type", "name", "role", "job_title", "reports_to", "gitlab",
	"division", "locality", "country", "pronouns", "timezone",
	"departments", "specialty", "domain_expertise", "team_tags",
	"expertise", "projects", "public", "placeholder",
};

/* Fill f[] with the value of each known key (the last one wins, as in
 * Ruby's reading of duplicate keys). */
static void collect_fields(yload *c, const ynode *map, const ynode **f)
{
	if (c->keys_owner != field_names) {
		for (size_t i = 0; i < F_COUNT; i++)
			c->keys[i] = intern(c, field_names[i]);
		c->keys_owner = field_names;
	}
	memset(f, 0, F_COUNT * sizeof(*f));
	for (size_t i = 0; i < map->n; i++) {
		const char *k = map->items[2 * i]->str; /* interned, or NULL */
		for (size_t j = 0; k && j < F_COUNT; j++)
			if (c->keys[j] == k) {
				f[j] = map->items[2 * i + 1];
				break;
			}
	}
}

static const char *str_field(yload *c, const ynode **f, enum field i)
{
	return yload_str(c, f[i], field_names[i]);
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
		if (k->kind == YNODE_SCALAR && ynode_bool(map->items[2 * i + 1]) == 1)
			out.v[out.n++] = intern(c, k->str);
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
		out->slug = intern(c, slug);
	} else if (own && *own) {
		out->slug = intern(c, own);
	} else {
		yload_error(c, f[F_SLUG] ? f[F_SLUG] : map,
			    "person without a slug; skipped");
		return false;
	}
	out->type_name = str_field(c, f, F_TYPE);
	if (vacancy)
		out->type_name = intern(c, "vacancy");
	else if (!out->type_name)
		out->type_name = intern(c, "person");
	out->type = !strcmp(out->type_name, "vacancy") ? PERSON_VACANCY
						       : PERSON_PERSON;
	out->name = str_field(c, f, F_NAME);
	out->role_html = intern(c, str_field(c, f, F_ROLE));
	out->role = plain(c, out->role_html);
	if (out->role && yload_blank(out->role))
		out->role = NULL; /* markup and nothing else */
	out->role_id = -1;
	out->job_title = str_field(c, f, F_JOB_TITLE);
	/* slugs are compared by address in the resolver: always interned */
	out->reports_to = intern(c, id_field(c, f, F_REPORTS_TO));
	if (out->reports_to && !*out->reports_to)
		out->reports_to = NULL;
	out->reports_to_loc = yload_loc(c, f[F_REPORTS_TO] ? f[F_REPORTS_TO] : map);
	out->gitlab = id_field(c, f, F_GITLAB);
	out->division = str_field(c, f, F_DIVISION);
	out->locality = str_field(c, f, F_LOCALITY);
	out->country = str_field(c, f, F_COUNTRY);
	out->pronouns = str_field(c, f, F_PRONOUNS);
	out->timezone = str_field(c, f, F_TIMEZONE);
	out->departments = list_field(c, f, F_DEPARTMENTS);
	out->specialty = list_field(c, f, F_SPECIALTY);
	out->domain_expertise = list_field(c, f, F_DOMAIN_EXPERTISE);
	out->team_tags = list_field(c, f, F_TEAM_TAGS);
	out->expertise = expertise_items(c, f[F_EXPERTISE], &out->expertise_html);
	read_projects(c, f[F_PROJECTS], out);
	out->public_ = yload_bool(c, f[F_PUBLIC], "public", true);
	out->placeholder = yload_bool(c, f[F_PLACEHOLDER], "placeholder", false);
	out->true_fields = true_fields(c, map);
	return true;
}

struct list_ctx {
	yload *c;
	people_buf *out;
	size_t seen;
};

/* One entry of team.yml, straight from the parser. */
static void list_item(void *ctx, const ynode *it)
{
	struct list_ctx *x = ctx;
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
	struct list_ctx x = {c, out, 0};
	ynode *root = yload_file_items(c, path, display, list_item, &x);
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
	free(w.v);
}

/* ydoc.c: libyaml events to a positioned tree, with an explicit stack so
 * depth costs no C stack, and a hash table for anchors. */
#include "teamtui/ydoc.h"

#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <yaml.h>

struct anchor {
	const char *name; /* interned */
	ynode *node;
};

struct builder {
	const char *file;
	arena *nodes, *strings, *values;
	diag_list *diags;
	/* children of all open containers, in order; each open container
	 * remembers where its children start */
	ynode **pending;
	size_t npending, cap;
	struct frame {
		ynode *node;
		size_t start;
		const char *anchor;
		bool block; /* block style: ended by a line indented less */
	} stack[YDOC_MAX_DEPTH];
	size_t depth;
	struct anchor *anchors;
	size_t nanchors, anchor_slots;
	ynode *root;
	bool failed;
	int err_line, err_col; /* where the construct a syntax error broke
				  began (editors' count), 0 without one */
	/* streaming of the root sequence's items (ydoc_parse_items) */
	void (*item)(void *ctx, const ynode *node);
	void *ctx;
	arena_mark item_mark; /* the nodes arena before the current item */
	bool anchored; /* an anchor was seen: items may be shared, keep all */
	/* Editors' positions: the character index where each line starts,
	 * built only when the text holds a character that libyaml counts as
	 * a line break and editors do not (U+0085, U+2028, U+2029). */
	size_t *line_starts;
	size_t nline_starts;
	bool reader_error; /* libyaml refused a character */
};

/* Line and column (1-based, characters) of libyaml's mark, as an editor
 * counts them: lines end at \n, \r\n or \r only. */
static inline void mark_pos(const struct builder *b, yaml_mark_t m, int *line,
			    int *col)
{
	if (!b->nline_starts) { /* libyaml's own count is the editors' */
		*line = (int)m.line + 1;
		*col = (int)m.column + 1;
		return;
	}
	size_t lo = 0, hi = b->nline_starts; /* last start <= m.index */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (b->line_starts[mid] <= m.index)
			lo = mid;
		else
			hi = mid;
	}
	*line = (int)lo + 1;
	*col = (int)(m.index - b->line_starts[lo]) + 1;
}

/* The first U+0085, U+2028 or U+2029 (UTF-8: C2 85, E2 80 A8, E2 80 A9)
 * in [p, end), or NULL: two memchr scans, each byte looked at O(1) times. */
static const char *odd_break(const char *p, const char *end)
{
	const char *e2 = NULL;
	bool e2_known = false;
	while (p < end) {
		if (!e2_known || (e2 && e2 < p)) {
			e2 = memchr(p, 0xE2, (size_t)(end - p));
			e2_known = true;
		}
		const char *lim = e2 ? e2 : end;
		const char *c2 = memchr(p, 0xC2, (size_t)(lim - p));
		if (c2) {
			if (c2 + 1 < end && (unsigned char)c2[1] == 0x85)
				return c2;
			p = c2 + 1;
			continue;
		}
		if (!e2)
			return NULL;
		if (e2 + 2 < end && (unsigned char)e2[1] == 0x80 &&
		    ((unsigned char)e2[2] == 0xA8 || (unsigned char)e2[2] == 0xA9))
			return e2;
		p = e2 + 1;
	}
	return NULL;
}

/* When the text has U+0085, U+2028 or U+2029: warn at each one, and
 * number lines the editors' way for every later position. */
static void map_lines(struct builder *b, const char *buf, size_t len)
{
	if (!odd_break(buf, buf + len))
		return;
	size_t cap = 256, n = 0, ci = 0;
	size_t *v = malloc(cap * sizeof(*v));
	if (!v)
		return;
	v[n++] = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)buf[i];
		if ((ch & 0xC0) == 0x80)
			continue; /* inside a character */
		bool brk = ch == '\n' || (ch == '\r' && !(i + 1 < len && buf[i + 1] == '\n'));
		const char *what = NULL;
		if (ch == 0xC2 && i + 1 < len && (unsigned char)buf[i + 1] == 0x85)
			what = "U+0085 (next line)";
		else if (ch == 0xE2 && i + 2 < len && (unsigned char)buf[i + 1] == 0x80 &&
			 (unsigned char)buf[i + 2] == 0xA8)
			what = "U+2028 (line separator)";
		else if (ch == 0xE2 && i + 2 < len && (unsigned char)buf[i + 1] == 0x80 &&
			 (unsigned char)buf[i + 2] == 0xA9)
			what = "U+2029 (paragraph separator)";
		if (what)
			diag_add(b->diags, DIAG_WARNING, b->file, (int)n,
				 (int)(ci - v[n - 1]) + 1,
				 "invisible %s: YAML reads it as a line break; "
				 "delete it, or write it as an escape in double quotes",
				 what);
		ci++;
		if (brk) {
			if (n == cap) {
				size_t *nv = realloc(v, cap * 2 * sizeof(*v));
				if (!nv) {
					free(v);
					return;
				}
				v = nv;
				cap *= 2;
			}
			v[n++] = ci;
		}
	}
	b->line_starts = v;
	b->nline_starts = n;
}

/* Lines a git merge left behind: "<<<<<<< ours", "|||||||", "=======",
 * ">>>>>>> theirs" at the start of a line. Each is an error on its own
 * line, so an editor lands on the conflict, not on the YAML error it
 * causes further down. Seven marker characters in a row always cover
 * exactly one index that is 6 modulo 7: one look at every seventh byte
 * finds every marker (HTML's '<', '=' and '>' are common in a roster,
 * so scanning for each marker character would stop thousands of times).
 * Reported marker by marker, each in file order. */
static void find_conflicts(struct builder *b, const char *buf, size_t len)
{
	static const char marks[] = "<|=>";
	struct hit {
		const char *p;
		int mark;
	} *hits = NULL;
	size_t nhits = 0, cap = 0;
	for (size_t i = 6; i < len; i += 7) {
		char ch = buf[i];
		if (ch != '<' && ch != '|' && ch != '=' && ch != '>')
			continue;
		if (buf[i - 1] != ch && (i + 1 >= len || buf[i + 1] != ch))
			continue; /* a lone one: the usual case */
		size_t s = i; /* where the run of ch starts */
		while (s > 0 && buf[s - 1] == ch && i - s < 7)
			s--;
		if (i - s >= 7 || (s > 0 && buf[s - 1] != '\n') || s + 7 > len)
			continue;
		size_t k = 1;
		while (k < 7 && buf[s + k] == ch)
			k++;
		/* ======= stands alone; the others may name a side */
		char next = s + 7 < len ? buf[s + 7] : '\n';
		if (k < 7 || !(next == '\n' || next == '\r' || (ch != '=' && next == ' ')))
			continue;
		if (nhits == cap) {
			size_t ncap = cap ? cap * 2 : 8;
			struct hit *v = realloc(hits, ncap * sizeof(*v));
			if (!v)
				break;
			hits = v;
			cap = ncap;
		}
		hits[nhits++] = (struct hit){buf + s, (int)(strchr(marks, ch) - marks)};
	}
	for (int m = 0; m < 4; m++)
		for (size_t h = 0; h < nhits; h++) {
			if (hits[h].mark != m)
				continue;
			const char *p = hits[h].p;
			int line = 1;
			for (const char *q = buf; (q = memchr(q, '\n', (size_t)(p - q))); q++)
				line++;
			diag_add(b->diags, DIAG_ERROR, b->file, line, 1,
				 "unresolved merge conflict (a '%.7s' line)", p);
		}
	free(hits);
}

static size_t hash_ptr(const void *p)
{
	size_t h = (size_t)(uintptr_t)p;
	return (h >> 4) * 2654435761u;
}

static bool anchor_put(struct builder *b, const char *name, ynode *node)
{
	if ((b->nanchors + 1) * 2 > b->anchor_slots) {
		size_t n = b->anchor_slots ? b->anchor_slots * 2 : 64;
		struct anchor *t = calloc(n, sizeof(*t));
		if (!t)
			return false;
		for (size_t i = 0; i < b->anchor_slots; i++) {
			if (!b->anchors[i].name)
				continue;
			size_t j = hash_ptr(b->anchors[i].name) & (n - 1);
			while (t[j].name)
				j = (j + 1) & (n - 1);
			t[j] = b->anchors[i];
		}
		free(b->anchors);
		b->anchors = t;
		b->anchor_slots = n;
	}
	size_t mask = b->anchor_slots - 1, j = hash_ptr(name) & mask;
	while (b->anchors[j].name && b->anchors[j].name != name)
		j = (j + 1) & mask;
	if (!b->anchors[j].name)
		b->nanchors++;
	b->anchors[j] = (struct anchor){name, node}; /* redefinition wins */
	return true;
}

static ynode *anchor_get(struct builder *b, const char *name)
{
	if (!b->anchor_slots)
		return NULL;
	size_t mask = b->anchor_slots - 1, j = hash_ptr(name) & mask;
	for (; b->anchors[j].name; j = (j + 1) & mask)
		if (b->anchors[j].name == name)
			return b->anchors[j].node;
	return NULL;
}

static const char *intern_cstr(struct builder *b, const yaml_char_t *s)
{
	return s ? arena_intern(b->strings, (const char *)s,
				strlen((const char *)s))
		 : NULL;
}

static bool push_child(struct builder *b, ynode *n)
{
	if (!b->depth) { /* the document's root */
		if (!b->root)
			b->root = n;
		return true;
	}
	if (b->npending == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 256;
		ynode **p = realloc(b->pending, cap * sizeof(*p));
		if (!p)
			return false;
		b->pending = p;
		b->cap = cap;
	}
	b->pending[b->npending++] = n;
	return true;
}

/* Is the next node the key of a map pair? */
static bool is_key_position(const struct builder *b)
{
	if (!b->depth)
		return false;
	const struct frame *f = &b->stack[b->depth - 1];
	return f->node->kind == YNODE_MAP && (b->npending - f->start) % 2 == 0;
}

static ynode *new_node(struct builder *b, ynode_kind kind, yaml_mark_t m)
{
	ynode *n = arena_alloc(b->nodes, sizeof(*n));
	if (n) {
		n->kind = kind;
		mark_pos(b, m, &n->line, &n->col);
		n->offset = m.index;
		n->str = ""; /* lists and maps have no text */
	}
	return n;
}

static size_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return (size_t)h;
}

/* Keys are interned when short, so equal short keys share a pointer;
 * long ones (never equal to a short one) compare by content. */
static size_t key_hash(const ynode *k)
{
	return k->interned ? hash_ptr(k->str) : hash_bytes(k->str, k->len);
}

static bool key_eq(const ynode *a, const ynode *b)
{
	if (a->interned && b->interned)
		return a->str == b->str;
	return a->len == b->len && !memcmp(a->str, b->str, a->len);
}

static void report_duplicate(struct builder *b, ynode *first, const ynode *again)
{
	first->overridden = true;
	diag_add(b->diags, DIAG_WARNING, b->file, again->line, again->col,
		 "duplicate key '%.80s%s': replaces the one at line %d, column %d",
		 again->str, again->len > 80 ? "..." : "", first->line, first->col);
}

/* Every repeated key of a map's pairs (keys at kv[0], kv[2], ...): a
 * 64-bit filter for the usual small map, a hash set for any larger one,
 * so no map is too big to check. */
static void check_duplicates(struct builder *b, ynode **kv, size_t npairs)
{
	if (npairs < 2)
		return;
	if (npairs <= 64) {
		uint64_t seen = 0;
		for (size_t j = 0; j < npairs; j++) {
			ynode *k = kv[2 * j];
			uint64_t bit = 1ull << (key_hash(k) & 63);
			if (seen & bit)
				for (size_t i = j; i-- > 0;)
					if (!kv[2 * i]->overridden && key_eq(kv[2 * i], k)) {
						report_duplicate(b, kv[2 * i], k);
						break;
					}
			seen |= bit;
		}
		return;
	}
	size_t slots = 128;
	while (slots < npairs * 2)
		slots *= 2;
	size_t *t = calloc(slots, sizeof(*t)); /* pair index + 1, 0 empty */
	if (!t)
		return;
	for (size_t j = 0; j < npairs; j++) {
		ynode *k = kv[2 * j];
		size_t h = key_hash(k) & (slots - 1);
		while (t[h] && !key_eq(kv[2 * (t[h] - 1)], k))
			h = (h + 1) & (slots - 1);
		if (t[h])
			report_duplicate(b, kv[2 * (t[h] - 1)], k);
		t[h] = j + 1; /* the latest of equal keys */
	}
	free(t);
}

/* A map's pairs as they close: a key must be a string (a list or map
 * used as a key is reported and its pair dropped: no loader ever sees a
 * key without text); short keys are interned, aliases included, so
 * loaders may compare keys by address; repeats are reported. Returns the
 * new number of nodes (keys and values) in kv. */
static size_t check_pairs(struct builder *b, ynode **kv, size_t count)
{
	size_t out = 0;
	for (size_t i = 0; i + 1 < count; i += 2) {
		ynode *k = kv[i];
		if (k->kind != YNODE_SCALAR) {
			diag_add(b->diags, DIAG_ERROR, b->file, k->line, k->col,
				 "a key must be a string, not %s; this entry is skipped",
				 k->kind == YNODE_MAP ? "a map" : "a list");
			continue;
		}
		if (!k->interned && k->len <= YDOC_INTERN_MAX) {
			const char *s = arena_intern(b->strings, k->str, k->len);
			if (s) { /* same text: safe even if k is shared by an alias */
				k->str = s;
				k->interned = true;
			}
		}
		kv[out++] = k;
		kv[out++] = kv[i + 1];
	}
	check_duplicates(b, kv, out / 2);
	return out;
}

/* The root sequence's latest item is complete: hand it over, forget it,
 * and give its memory back unless an alias could still point into it. */
static void deliver_item(struct builder *b)
{
	if (!b->item || b->depth != 1 || b->stack[0].node->kind != YNODE_SEQ ||
	    b->npending <= b->stack[0].start)
		return;
	b->item(b->ctx, b->pending[--b->npending]);
	if (!b->anchored)
		arena_restore(b->nodes, b->item_mark);
}

/* Close the innermost container: move its children into the arena. */
static bool close_container(struct builder *b, bool complete)
{
	struct frame *f = &b->stack[--b->depth];
	size_t count = b->npending - f->start;
	ynode *n = f->node;
	if (n->kind == YNODE_MAP && count % 2) /* a key with no value yet */
		count--;
	if (n->kind == YNODE_MAP && count)
		count = check_pairs(b, b->pending + f->start, count);
	n->items = arena_calloc(b->nodes, count ? count : 1, sizeof(ynode *));
	if (!n->items)
		return false;
	if (count)
		memcpy(n->items, b->pending + f->start, count * sizeof(ynode *));
	n->n = n->kind == YNODE_MAP ? count / 2 : count;
	n->complete = complete;
	b->npending = f->start;
	if (f->anchor)
		anchor_put(b, f->anchor, n);
	deliver_item(b);
	return true;
}

static void error_at(struct builder *b, yaml_mark_t m, const char *msg)
{
	int line, col;
	mark_pos(b, m, &line, &col);
	diag_add(b->diags, DIAG_ERROR, b->file, line, col, "%s", msg);
	b->failed = true;
}

/* libyaml's reader gives a byte offset, not a mark. */
static yaml_mark_t mark_of_offset(const char *buf, size_t len, size_t off)
{
	yaml_mark_t m = {0, 0, 0};
	for (size_t i = 0; i < off && i < len; i++) {
		unsigned char ch = (unsigned char)buf[i];
		if ((ch & 0xC0) == 0x80)
			continue;
		m.index++;
		if (ch == '\n' || (ch == '\r' && !(i + 1 < len && buf[i + 1] == '\n'))) {
			m.line++;
			m.column = 0;
		} else if (ch != '\r') {
			m.column++;
		}
	}
	return m;
}

/* A syntax error where libyaml detected it, naming where the construct
 * it broke began when that is elsewhere. */
static void syntax_error(struct builder *b, const yaml_parser_t *p,
			 const char *buf, size_t len)
{
	char msg[512];
	const char *problem = p->problem ? p->problem : "error";
	yaml_mark_t at = p->error == YAML_READER_ERROR
			     ? mark_of_offset(buf, len, p->problem_offset)
			     : p->problem_mark;
	int pl, pc;
	mark_pos(b, at, &pl, &pc);
	b->err_line = pl;
	b->err_col = pc;
	if (p->context) {
		int cl, cc;
		mark_pos(b, p->context_mark, &cl, &cc);
		b->err_line = cl;
		b->err_col = cc;
		if (cl != pl)
			snprintf(msg, sizeof(msg),
				 "YAML syntax: %s %s that began at line %d, column %d",
				 problem, p->context, cl, cc);
		else
			snprintf(msg, sizeof(msg), "YAML syntax: %s %s", problem,
				 p->context);
	} else {
		snprintf(msg, sizeof(msg), "YAML syntax: %s", problem);
	}
	error_at(b, at, msg);
}

/* A scalar's text for the tree: a NUL (from a "\0" escape) would end
 * every C string early, so it becomes U+FFFD, visibly, with a warning. */
static const char *scalar_text(struct builder *b, const yaml_event_t *ev,
			       bool key, const ynode *at, size_t *len)
{
	const char *v = (const char *)ev->data.scalar.value;
	size_t n = ev->data.scalar.length;
	char *tmp = NULL;
	/* only a double-quoted escape (\0, \x00, \u0000, \U00000000) makes
	 * one: a raw NUL byte is refused by libyaml's reader, and repaired
	 * before a second reading (yload.c) */
	if (ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE &&
	    memchr(v, 0, n)) {
		size_t nul = 0;
		for (size_t i = 0; i < n; i++)
			nul += !v[i];
		tmp = malloc(n + 2 * nul + 1);
		if (!tmp)
			return NULL;
		size_t o = 0;
		for (size_t i = 0; i < n; i++) {
			if (v[i]) {
				tmp[o++] = v[i];
			} else {
				memcpy(tmp + o, "\xEF\xBF\xBD", 3);
				o += 3;
			}
		}
		tmp[o] = '\0';
		diag_add(b->diags, DIAG_WARNING, b->file, at->line, at->col,
			 "a NUL character (\\0) in this %s is shown as U+FFFD",
			 key ? "key" : "value");
		v = tmp;
		n = o;
	}
	/* map keys repeat in every record: share them (and let loaders
	 * compare keys by address); values are copied, and the loaders
	 * intern the few they compare (slugs, roles) */
	const char *s = key && n <= YDOC_INTERN_MAX ? arena_intern(b->strings, v, n)
						    : arena_strndup(b->values, v, n);
	free(tmp);
	*len = n;
	return s;
}

/* One event; false stops the parse (error already reported). */
static bool on_event(struct builder *b, yaml_event_t *ev)
{
	ynode *n;
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (b->root) {
			int line, col;
			mark_pos(b, ev->start_mark, &line, &col);
			diag_add(b->diags, DIAG_WARNING, b->file, line, col,
				 "only the first YAML document is read");
			return false;
		}
		return true;
	case YAML_SCALAR_EVENT:
		if (b->depth == 1)
			b->item_mark = arena_save(b->nodes);
		n = new_node(b, YNODE_SCALAR, ev->start_mark);
		if (!n)
			return false;
		bool key = is_key_position(b);
		n->str = scalar_text(b, ev, key, n, &n->len);
		if (!n->str)
			return false;
		n->interned = key && n->len <= YDOC_INTERN_MAX;
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		n->complete = true;
		if (ev->data.scalar.anchor) {
			b->anchored = true;
			anchor_put(b, intern_cstr(b, ev->data.scalar.anchor), n);
		}
		if (!push_child(b, n))
			return false;
		deliver_item(b);
		return true;
	case YAML_ALIAS_EVENT:
		n = anchor_get(b, intern_cstr(b, ev->data.alias.anchor));
		if (!n) { /* report it, read it as null, and go on */
			if (b->depth == 1) /* the placeholder is this item's */
				b->item_mark = arena_save(b->nodes);
			int line, col;
			mark_pos(b, ev->start_mark, &line, &col);
			diag_add(b->diags, DIAG_ERROR, b->file, line, col,
				 "undefined alias '%s' (read as null)",
				 (const char *)ev->data.alias.anchor);
			n = new_node(b, YNODE_SCALAR, ev->start_mark);
			if (!n)
				return false;
			n->str = "";
			n->plain = n->complete = true;
		} else {
			/* the anchored node, but standing where the alias does:
			 * a shallow copy (children stay shared, so an alias bomb
			 * still costs one node per alias), so what is reported
			 * about it points at the alias, not at the anchor */
			if (b->depth == 1)
				b->item_mark = arena_save(b->nodes);
			ynode *at = new_node(b, n->kind, ev->start_mark);
			if (!at)
				return false;
			int line = at->line, col = at->col;
			size_t offset = at->offset;
			*at = *n;
			at->line = line;
			at->col = col;
			at->offset = offset;
			at->overridden = false;
			n = at;
		}
		if (!push_child(b, n))
			return false;
		deliver_item(b);
		return true;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT: {
		if (b->depth == YDOC_MAX_DEPTH) {
			char msg[64];
			snprintf(msg, sizeof(msg), "nesting deeper than %d levels",
				 YDOC_MAX_DEPTH);
			error_at(b, ev->start_mark, msg);
			return false;
		}
		bool seq = ev->type == YAML_SEQUENCE_START_EVENT;
		if (b->depth == 1)
			b->item_mark = arena_save(b->nodes);
		n = new_node(b, seq ? YNODE_SEQ : YNODE_MAP, ev->start_mark);
		if (!n || !push_child(b, n))
			return false;
		const yaml_char_t *anchor = seq ? ev->data.sequence_start.anchor
						: ev->data.mapping_start.anchor;
		b->anchored |= anchor != NULL;
		bool block = seq ? ev->data.sequence_start.style != YAML_FLOW_SEQUENCE_STYLE
				 : ev->data.mapping_start.style != YAML_FLOW_MAPPING_STYLE;
		b->stack[b->depth++] = (struct frame){n, b->npending,
						      intern_cstr(b, anchor), block};
		return true;
	}
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return close_container(b, true);
	default:
		return true;
	}
}

ynode *ydoc_parse(const char *file, const char *buf, size_t len, arena *nodes,
		  arena *strings, diag_list *diags)
{
	return ydoc_parse_opts(file, buf, len, nodes, strings, diags, NULL);
}

ynode *ydoc_parse_items(const char *file, const char *buf, size_t len,
			arena *nodes, arena *strings, diag_list *diags,
			void (*item)(void *ctx, const ynode *node), void *ctx)
{
	ydoc_opts o = {.item = item, .ctx = ctx};
	return ydoc_parse_opts(file, buf, len, nodes, strings, diags, &o);
}

ynode *ydoc_parse_opts(const char *file, const char *buf, size_t len,
		       arena *nodes, arena *strings, diag_list *diags,
		       ydoc_opts *o)
{
	struct builder b = {.file = file, .nodes = nodes, .strings = strings,
			    .values = o && o->values ? o->values : strings,
			    .diags = diags, .item = o ? o->item : NULL,
			    .ctx = o ? o->ctx : NULL};
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser)) {
		diag_add(diags, DIAG_ERROR, file, 0, 0, "out of memory");
		return NULL;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	map_lines(&b, buf, len);
	find_conflicts(&b, buf, len);
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev)) {
			b.reader_error = parser.error == YAML_READER_ERROR;
			syntax_error(&b, &parser, buf, len);
			break;
		}
		bool go_on = on_event(&b, &ev);
		bool end = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		if (!go_on || end)
			break;
	}
	/* keep what was parsed: close what is still open, marked incomplete,
	 * except a block container that the broken construct, starting on a
	 * later line and indented less, had ended already (a merge
	 * conflict's marker at column 1 ends every nested block: what came
	 * before it is whole) */
	while (b.depth) {
		const struct frame *f = &b.stack[b.depth - 1];
		bool ended = f->block && b.err_line > f->node->line &&
			     b.err_col < f->node->col;
		if (!close_container(&b, ended))
			break;
	}
	yaml_parser_delete(&parser);
	free(b.pending);
	free(b.anchors);
	free(b.line_starts);
	if (o)
		o->reader_error = b.reader_error;
	return b.root;
}

bool ynode_is_null(const ynode *n)
{
	if (!n)
		return true;
	if (n->kind != YNODE_SCALAR || !n->plain)
		return false;
	const char *s = n->str;
	switch (n->len) {
	case 0:
		return true;
	case 1:
		return s[0] == '~';
	case 4:
		return !memcmp(s, "null", 4) || !memcmp(s, "Null", 4) ||
		       !memcmp(s, "NULL", 4);
	default:
		return false;
	}
}

/* One of three spellings: all lower case, capitalised, all upper case
 * (YAML 1.1 takes no other: "tRUE" is a string). */
static bool spelt(const char *s, size_t len, const char *lower)
{
	if (!memcmp(s, lower, len))
		return true;
	if (s[0] != lower[0] - ('a' - 'A'))
		return false;
	bool cap = true, upper = true;
	for (size_t i = 1; i < len; i++) {
		cap &= s[i] == lower[i];
		upper &= s[i] == lower[i] - ('a' - 'A');
	}
	return cap || upper;
}

int ynode_bool(const ynode *n)
{
	if (!n || n->kind != YNODE_SCALAR || !n->plain)
		return -1;
	const char *s = n->str;
	switch (n->len) { /* true yes on / false no off, as Ruby reads them */
	case 2:
		return spelt(s, 2, "on") ? 1 : spelt(s, 2, "no") ? 0 : -1;
	case 3:
		return spelt(s, 3, "yes") ? 1 : spelt(s, 3, "off") ? 0 : -1;
	case 4:
		return spelt(s, 4, "true") ? 1 : -1;
	case 5:
		return spelt(s, 5, "false") ? 0 : -1;
	default:
		return -1;
	}
}

const ynode *ynode_get(const ynode *map, const char *key)
{
	if (!map || map->kind != YNODE_MAP)
		return NULL;
	for (size_t i = map->n; i-- > 0;) {
		const ynode *k = map->items[2 * i];
		if (k->kind == YNODE_SCALAR && !strcmp(k->str, key))
			return map->items[2 * i + 1];
	}
	return NULL;
}

const char *ynode_kind_name(const ynode *n)
{
	if (ynode_is_null(n))
		return "null";
	switch (n->kind) {
	case YNODE_SEQ:
		return "a list";
	case YNODE_MAP:
		return "a map";
	default:
		return "a string";
	}
}

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
	arena *nodes, *strings;
	diag_list *diags;
	/* children of all open containers, in order; each open container
	 * remembers where its children start */
	ynode **pending;
	size_t npending, cap;
	struct frame {
		ynode *node;
		size_t start;
		const char *anchor;
	} stack[YDOC_MAX_DEPTH];
	size_t depth;
	struct anchor *anchors;
	size_t nanchors, anchor_slots;
	ynode *root;
	bool failed;
	/* streaming of the root sequence's items (ydoc_parse_items) */
	void (*item)(void *ctx, const ynode *node);
	void *ctx;
	arena_mark item_mark; /* the nodes arena before the current item */
	bool anchored; /* an anchor was seen: items may be shared, keep all */
};

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
		n->line = (int)m.line + 1;
		n->col = (int)m.column + 1;
		n->offset = m.index;
	}
	return n;
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
	diag_add(b->diags, DIAG_ERROR, b->file, (int)m.line + 1,
		 (int)m.column + 1, "%s", msg);
	b->failed = true;
}

/* One event; false stops the parse (error already reported). */
static bool on_event(struct builder *b, yaml_event_t *ev)
{
	ynode *n;
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (b->root) {
			diag_add(b->diags, DIAG_WARNING, b->file,
				 (int)ev->start_mark.line + 1,
				 (int)ev->start_mark.column + 1,
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
		/* map keys repeat in every record: share them (and let loaders
		 * compare keys by address); values are copied, and the loaders
		 * intern the few they compare (slugs, roles) */
		n->str = is_key_position(b) && ev->data.scalar.length <= YDOC_INTERN_MAX
				 ? arena_intern(b->strings,
						(const char *)ev->data.scalar.value,
						ev->data.scalar.length)
				 : arena_strndup(b->strings,
						 (const char *)ev->data.scalar.value,
						 ev->data.scalar.length);
		if (!n->str)
			return false;
		n->len = ev->data.scalar.length;
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
			diag_add(b->diags, DIAG_ERROR, b->file,
				 (int)ev->start_mark.line + 1,
				 (int)ev->start_mark.column + 1,
				 "undefined alias '%s' (read as null)",
				 (const char *)ev->data.alias.anchor);
			n = new_node(b, YNODE_SCALAR, ev->start_mark);
			if (!n)
				return false;
			n->str = "";
			n->plain = n->complete = true;
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
		b->stack[b->depth++] = (struct frame){n, b->npending,
						      intern_cstr(b, anchor)};
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
	return ydoc_parse_items(file, buf, len, nodes, strings, diags, NULL, NULL);
}

ynode *ydoc_parse_items(const char *file, const char *buf, size_t len,
			arena *nodes, arena *strings, diag_list *diags,
			void (*item)(void *ctx, const ynode *node), void *ctx)
{
	struct builder b = {.file = file, .nodes = nodes, .strings = strings,
			    .diags = diags, .item = item, .ctx = ctx};
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser)) {
		diag_add(diags, DIAG_ERROR, file, 0, 0, "out of memory");
		return NULL;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev)) {
			char msg[512];
			if (parser.context)
				snprintf(msg, sizeof(msg), "YAML syntax: %s %s",
					 parser.problem ? parser.problem : "error",
					 parser.context);
			else
				snprintf(msg, sizeof(msg), "YAML syntax: %s",
					 parser.problem ? parser.problem : "error");
			error_at(&b, parser.problem_mark, msg);
			break;
		}
		bool go_on = on_event(&b, &ev);
		bool end = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		if (!go_on || end)
			break;
	}
	/* keep what was parsed: close what is still open, marked incomplete */
	while (b.depth)
		if (!close_container(&b, false))
			break;
	yaml_parser_delete(&parser);
	free(b.pending);
	free(b.anchors);
	return b.root;
}

bool ynode_is_null(const ynode *n)
{
	if (!n)
		return true;
	if (n->kind != YNODE_SCALAR || !n->plain)
		return false;
	const char *s = n->str;
	return !s[0] || !strcmp(s, "~") || !strcmp(s, "null") ||
	       !strcmp(s, "Null") || !strcmp(s, "NULL");
}

int ynode_bool(const ynode *n)
{
	static const char *const yes[] = {"true", "True", "TRUE", "yes", "Yes",
					  "YES", "on", "On", "ON"};
	static const char *const no[] = {"false", "False", "FALSE", "no", "No",
					 "NO", "off", "Off", "OFF"};
	if (!n || n->kind != YNODE_SCALAR || !n->plain)
		return -1;
	for (size_t i = 0; i < sizeof(yes) / sizeof(*yes); i++) {
		if (!strcmp(n->str, yes[i]))
			return 1;
		if (!strcmp(n->str, no[i]))
			return 0;
	}
	return -1;
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

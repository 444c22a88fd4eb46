/* rows.c: cursor, scrolling and search over view rows. */
#include "teamtui/rows.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

void rows_clear(rows *r)
{
	for (size_t i = 0; i < r->nowned; i++)
		free(r->owned[i]);
	r->nowned = 0;
	r->n = 0;
	r->colw_w = -1;
}

void rows_free(rows *r)
{
	rows_clear(r);
	free(r->v);
	free(r->owned);
	memset(r, 0, sizeof(*r));
}

row *rows_add(rows *r, row_kind kind, row_style style, int indent)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		row *v = realloc(r->v, cap * sizeof(*v));
		if (!v)
			return NULL;
		r->v = v;
		r->cap = cap;
	}
	row *rw = &r->v[r->n++];
	memset(rw, 0, sizeof(*rw));
	r->colw_w = -1; /* new content: measure again */
	rw->kind = kind;
	rw->style = style;
	rw->indent = indent;
	return rw;
}

const char *rows_own(rows *r, char *s)
{
	if (!s)
		return NULL;
	if (r->nowned == r->capowned) {
		size_t cap = r->capowned ? r->capowned * 2 : 32;
		char **v = realloc(r->owned, cap * sizeof(*v));
		if (!v) {
			free(s);
			return NULL;
		}
		r->owned = v;
		r->capowned = cap;
	}
	r->owned[r->nowned++] = s;
	return s;
}

bool rows_selectable(const row *rw)
{
	return rw->kind != ROW_TEXT;
}

bool rows_move(rows *r, long delta)
{
	if (!r->n)
		return false;
	size_t old = r->cursor;
	long step = delta < 0 ? -1 : 1;
	long remaining = labs(delta);
	size_t i = r->cursor, last = r->cursor;
	while (remaining > 0) {
		if ((step < 0 && i == 0) || (step > 0 && i + 1 >= r->n))
			break;
		i = (size_t)((long)i + step);
		if (rows_selectable(&r->v[i])) {
			last = i;
			remaining--;
		}
	}
	r->cursor = last;
	return r->cursor != old;
}

void rows_first(rows *r)
{
	r->cursor = 0;
	r->top = 0;
	if (r->n && !rows_selectable(&r->v[0]))
		rows_move(r, 1);
}

void rows_last(rows *r)
{
	if (!r->n)
		return;
	r->cursor = r->n - 1;
	if (!rows_selectable(&r->v[r->cursor]))
		rows_move(r, -1);
}

void rows_scroll(rows *r, size_t height)
{
	if (!height)
		return;
	if (r->cursor >= r->n)
		r->cursor = r->n ? r->n - 1 : 0;
	if (r->cursor < r->top)
		r->top = r->cursor;
	/* show the heading above the first item when scrolling to the top */
	while (r->top > 0 && r->top == r->cursor && !rows_selectable(&r->v[r->top - 1]))
		r->top--;
	if (r->cursor >= r->top + height)
		r->top = r->cursor - height + 1;
	if (r->n > height && r->top > r->n - height)
		r->top = r->n - height;
	if (r->n <= height)
		r->top = 0;
}

static bool icontains(const char *hay, const char *needle)
{
	if (!hay)
		return false;
	size_t n = strlen(needle);
	for (const char *h = hay; *h; h++) {
		size_t i = 0;
		while (i < n && h[i] &&
		       tolower((unsigned char)h[i]) == tolower((unsigned char)needle[i]))
			i++;
		if (i == n)
			return true;
	}
	return false;
}

long rows_find(const rows *r, const char *needle, size_t from, int dir,
	       bool include_from)
{
	if (!r->n || !*needle)
		return -1;
	for (size_t k = include_from ? 0 : 1; k <= r->n; k++) {
		/* k rows forward or backward from `from`, wrapping around */
		size_t i = (from + (dir > 0 ? k : r->n - k % r->n)) % r->n;
		const row *rw = &r->v[i];
		if (!rows_selectable(rw))
			continue;
		for (int c = 0; c < ROW_CELLS; c++)
			if (icontains(rw->cells[c], needle))
				return (long)i;
	}
	return -1;
}

bool rows_next_section(rows *r, int dir)
{
	size_t i = r->cursor;
	/* find the heading of the current section, then the next/previous */
	for (;;) {
		if ((dir > 0 && i + 1 >= r->n) || (dir < 0 && i == 0))
			return false;
		i = dir > 0 ? i + 1 : i - 1;
		bool heading = r->v[i].style == STYLE_HEADING;
		if (!heading)
			continue;
		if (dir < 0) { /* the heading of the current section: skip it */
			size_t j = i;
			while (j < r->n && !rows_selectable(&r->v[j]))
				j++;
			if (j >= r->cursor)
				continue;
		}
		size_t j = i;
		while (j < r->n && !rows_selectable(&r->v[j]))
			j++;
		if (j < r->n && j != r->cursor) {
			r->cursor = j;
			return true;
		}
	}
}

/* The text that names a row across a reload. */
static const char *row_key(const row *rw)
{
	return rw->id ? rw->id : rw->copy ? rw->copy : rw->cells[0];
}

void rows_anchor_take(const rows *r, row_anchor *a)
{
	memset(a, 0, sizeof(*a));
	a->set = true;
	a->index = r->cursor;
	a->top = r->top;
	if (r->cursor >= r->n)
		return;
	const row *rw = &r->v[r->cursor];
	a->kind = rw->kind;
	a->tag = rw->tag;
	const char *key = row_key(rw);
	a->key = key ? strdup(key) : NULL;
}

void rows_anchor_restore(rows *r, const row_anchor *a)
{
	if (!a->set)
		return;
	r->top = a->top;
	for (size_t i = 0; a->key && i < r->n; i++) {
		const row *rw = &r->v[i];
		const char *key = row_key(rw);
		if (rw->kind == a->kind && rw->tag == a->tag && key && !strcmp(key, a->key)) {
			r->cursor = i;
			return;
		}
	}
	if (!r->n) {
		r->cursor = r->top = 0;
		return;
	}
	r->cursor = a->index < r->n ? a->index : r->n - 1;
	if (!rows_selectable(&r->v[r->cursor]) && !rows_move(r, 1))
		rows_move(r, -1);
}

void rows_anchor_free(row_anchor *a)
{
	free(a->key);
	memset(a, 0, sizeof(*a));
}

/* diag.c: the diagnostic list. */
#include "teamtui/diag.h"

#include "teamtui/sanitize.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void diag_init(diag_list *l)
{
	memset(l, 0, sizeof(*l));
}

void diag_free(diag_list *l)
{
	for (size_t i = 0; i < l->count; i++) {
		free((char *)l->items[i].file);
		free(l->items[i].message);
	}
	free(l->items);
	diag_init(l);
}

void diag_add(diag_list *l, diag_severity sev, const char *file, int line,
	      int column, const char *fmt, ...)
{
	if (sev == DIAG_ERROR)
		l->errors++;
	else
		l->warnings++;
	if (l->count >= DIAG_MAX) {
		l->suppressed++;
		return;
	}
	if (l->count == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		diag *items = realloc(l->items, cap * sizeof(*items));
		if (!items) {
			l->suppressed++;
			return;
		}
		l->items = items;
		l->cap = cap;
	}
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *msg = malloc(n > 0 ? (size_t)n + 1 : 1);
	char *f = strdup(file ? file : "");
	if (!msg || !f) {
		free(msg);
		free(f);
		l->suppressed++;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(msg, (size_t)n + 1, fmt, ap);
	va_end(ap);
	l->items[l->count++] = (diag){sev, f, line, column, msg};
}

diag_mark diag_save(const diag_list *l)
{
	return (diag_mark){l->count, l->errors, l->warnings, l->suppressed};
}

void diag_rewind(diag_list *l, diag_mark m)
{
	for (size_t i = m.count; i < l->count; i++) {
		free((char *)l->items[i].file);
		free(l->items[i].message);
	}
	if (m.count < l->count)
		l->count = m.count;
	l->errors = m.errors;
	l->warnings = m.warnings;
	l->suppressed = m.suppressed;
}

static int diag_cmp(const void *pa, const void *pb)
{
	const diag *a = pa, *b = pb;
	int c = strcmp(a->file, b->file);
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->column != b->column)
		return a->column < b->column ? -1 : 1;
	/* qsort is not stable: fall back to the message, then the severity,
	 * so output is fixed */
	if ((c = strcmp(a->message, b->message)))
		return c;
	return (int)a->severity - (int)b->severity;
}

void diag_sort(diag_list *l)
{
	if (l->count > 1)
		qsort(l->items, l->count, sizeof(*l->items), diag_cmp);
}

const char *diag_severity_name(diag_severity sev)
{
	return sev == DIAG_ERROR ? "error" : "warning";
}

void diag_format(const diag *d, char *buf, size_t size)
{
	const char *sev = diag_severity_name(d->severity);
	if (d->line > 0)
		snprintf(buf, size, "%s:%d:%d: %s: %s", d->file, d->line,
			 d->column, sev, d->message);
	else if (d->file[0])
		snprintf(buf, size, "%s: %s: %s", d->file, sev, d->message);
	else
		snprintf(buf, size, "%s: %s", sev, d->message);
}

char *diag_string(const diag *d)
{
	size_t n = strlen(d->file) + strlen(d->message) + 64;
	char *s = malloc(n);
	if (s)
		diag_format(d, s, n);
	return s;
}

void diag_print(const diag *d, FILE *out)
{
	char *s = diag_line(d); /* the one definition of the line */
	if (s)
		fputs(s, out);
	else
		sanitize_fputs_flags(d->message, SANITIZE_VISIBLE, out);
	fputc('\n', out);
	free(s);
}

char *diag_line(const diag *d)
{
	char *s = diag_string(d);
	char *clean = s ? sanitize(s, SANITIZE_VISIBLE) : NULL;
	free(s);
	return clean;
}

void diag_append(diag_list *dst, const diag_list *src)
{
	size_t errors = 0, warnings = 0;
	for (size_t i = 0; i < src->count; i++) {
		const diag *d = &src->items[i];
		diag_add(dst, d->severity, d->file, d->line, d->column, "%s",
			 d->message);
		if (d->severity == DIAG_ERROR)
			errors++;
		else
			warnings++;
	}
	/* what src counted but did not keep (past its cap, out of memory) */
	dst->errors += src->errors > errors ? src->errors - errors : 0;
	dst->warnings += src->warnings > warnings ? src->warnings - warnings : 0;
	dst->suppressed += src->suppressed;
}

void diag_map_files(diag_list *l, char *(*map)(const char *file, void *ctx),
		    void *ctx)
{
	for (size_t i = 0; i < l->count; i++) {
		char *f = map(l->items[i].file, ctx);
		if (!f)
			continue;
		free((char *)l->items[i].file);
		l->items[i].file = f;
	}
}

#include "newsdesk/base/diag.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/buf.h"
#include "newsdesk/base/sanitize.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define ND_DIAG_DEFAULT_MAX 100000

void nd_diag_init(struct nd_diag *d)
{
	memset(d, 0, sizeof(*d));
	d->max = ND_DIAG_DEFAULT_MAX;
}

void nd_diag_release(struct nd_diag *d)
{
	size_t i;

	for (i = 0; i < d->count; i++) {
		free(d->items[i].path);
		free(d->items[i].message);
	}
	free(d->items);
	d->items = NULL;
	d->count = d->cap = d->errors = d->dropped = 0;
}

static char *sanitized_copy(const char *s)
{
	struct nd_buf b = ND_BUF_INIT;

	if (s == NULL)
		return NULL;
	nd_sanitize(&b, s, strlen(s), ND_SAN_LINE);
	return nd_buf_detach(&b, NULL);
}

void nd_diag_add(struct nd_diag *d, enum nd_severity sev, const char *path,
		 unsigned line, unsigned col, const char *fmt, ...)
{
	struct nd_buf msg = ND_BUF_INIT;
	struct nd_problem *p;
	va_list ap;

	if (sev == ND_ERROR)
		d->errors++;
	if (d->count >= d->max) {
		d->dropped++;
		return;
	}
	nd_grow(&d->items, &d->cap, d->count + 1, sizeof(*d->items));
	va_start(ap, fmt);
	nd_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	p = &d->items[d->count++];
	p->path = sanitized_copy(path);
	p->line = line;
	p->col = col;
	p->severity = sev;
	p->message = sanitized_copy(msg.data);
	nd_buf_release(&msg);
}

void nd_diag_add_err(struct nd_diag *d, enum nd_severity sev,
		     const char *path, const struct nd_err *e)
{
	nd_diag_add(d, sev, path, e->line, e->col, "%s", e->message);
}

void nd_diag_move(struct nd_diag *dst, struct nd_diag *src)
{
	size_t i;

	for (i = 0; i < src->count; i++) {
		if (dst->count >= dst->max) {
			free(src->items[i].path);
			free(src->items[i].message);
			dst->dropped++;
			continue;
		}
		nd_grow(&dst->items, &dst->cap, dst->count + 1,
			sizeof(*dst->items));
		dst->items[dst->count++] = src->items[i];
	}
	dst->errors += src->errors;
	dst->dropped += src->dropped;
	free(src->items);
	src->items = NULL;
	src->count = src->cap = src->errors = src->dropped = 0;
}

char *nd_diag_format(const struct nd_problem *p)
{
	struct nd_buf b = ND_BUF_INIT;

	if (p->path != NULL)
		nd_buf_addf(&b, "%s:", p->path);
	if (p->line != 0) {
		nd_buf_addf(&b, "%u:", p->line);
		if (p->col != 0)
			nd_buf_addf(&b, "%u:", p->col);
	}
	nd_buf_addf(&b, "%s%s%s", b.len ? " " : "",
		    p->severity == ND_WARNING ? "warning: " : "", p->message);
	return nd_buf_detach(&b, NULL);
}

static int before(const struct nd_problem *a, const struct nd_problem *b)
{
	return a->line < b->line || (a->line == b->line && a->col < b->col);
}

/* Insertion sort: a file has a handful of problems, and it is stable. */
void nd_diag_sort_from(struct nd_diag *d, size_t first)
{
	struct nd_problem tmp;
	size_t i, j;

	for (i = first + 1; i < d->count; i++) {
		tmp = d->items[i];
		for (j = i; j > first && before(&tmp, &d->items[j - 1]); j--)
			d->items[j] = d->items[j - 1];
		d->items[j] = tmp;
	}
}

#include "newsdesk/present/view.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/buf.h"

#include <stdlib.h>
#include <string.h>

void nd_view_init(struct nd_view *v)
{
	memset(v, 0, sizeof(*v));
	v->sort = ND_SORT_DATE;
	v->desc = 1;
}

void nd_view_release(struct nd_view *v)
{
	free(v->ids);
	nd_query_free(v->limit);
	free(v->limit_text);
	memset(v, 0, sizeof(*v));
}

void nd_view_set_limit(struct nd_view *v, struct nd_query *q, char *text)
{
	nd_query_free(v->limit);
	free(v->limit_text);
	v->limit = q;
	v->limit_text = text;
}

void nd_view_remove_row(struct nd_view *v, size_t row,
			const struct nd_index *idx)
{
	if (row >= v->count)
		return;
	/* The summary may already say "removed"; count by what was shown. */
	if (v->unpublished > 0 && idx->items[v->ids[row]].published != 1)
		v->unpublished--;
	memmove(&v->ids[row], &v->ids[row + 1],
		(v->count - row - 1) * sizeof(*v->ids));
	v->count--;
	if (v->cursor >= v->count && v->cursor > 0)
		v->cursor = v->count - 1;
}

long nd_view_row_of(const struct nd_view *v, uint32_t id)
{
	size_t i;

	for (i = 0; i < v->count; i++) {
		if (v->ids[i] == id)
			return (long)i;
	}
	return -1;
}

int nd_view_rebuild(struct nd_view *v, const struct nd_index *idx,
		    long keep_id)
{
	size_t i, old_cursor = v->cursor;
	long row;

	nd_grow(&v->ids, &v->cap, idx->count + 1, sizeof(*v->ids));
	v->count = 0;
	v->unpublished = 0;
	for (i = 0; i < idx->count; i++) {
		if (!idx->items[i].removed && nd_query_match(v->limit, idx, i)) {
			v->ids[v->count++] = (uint32_t)i;
			v->unpublished += idx->items[i].published != 1;
		}
	}
	if (nd_sort_ids(idx, v->ids, v->count, v->sort, v->desc) != 0)
		return -1;
	row = keep_id >= 0 ? nd_view_row_of(v, (uint32_t)keep_id) : -1;
	if (row >= 0)
		v->cursor = (size_t)row;
	else
		v->cursor = old_cursor < v->count ? old_cursor
			    : v->count ? v->count - 1 : 0;
	return 0;
}

long nd_view_selected(const struct nd_view *v)
{
	return v->count ? (long)v->ids[v->cursor] : -1;
}

void nd_view_scroll(struct nd_view *v, size_t height)
{
	if (height == 0)
		height = 1;
	if (v->count <= height) {
		v->top = 0;
		return;
	}
	if (v->cursor < v->top)
		v->top = v->cursor;
	else if (v->cursor >= v->top + height)
		v->top = v->cursor - height + 1;
	/* Never leave blank rows below the end when rows could fill them. */
	if (v->top + height > v->count)
		v->top = v->count - height;
}

void nd_view_goto(struct nd_view *v, size_t row, size_t height)
{
	v->cursor = v->count == 0 ? 0 : row < v->count ? row : v->count - 1;
	nd_view_scroll(v, height);
}

void nd_view_move(struct nd_view *v, long delta, size_t height)
{
	long row = (long)v->cursor + delta;

	if (row < 0)
		row = 0;
	nd_view_goto(v, (size_t)row, height);
}

long nd_view_find(const struct nd_view *v, const struct nd_index *idx,
		  const struct nd_query *q, size_t from, int dir,
		  int *wrapped)
{
	size_t n = v->count, k, row;

	*wrapped = 0;
	if (n == 0)
		return -1;
	if (from >= n)
		from = n - 1;
	for (k = 0; k < n; k++) {
		if (dir > 0) {
			row = (from + k) % n;
			if (row < from)
				*wrapped = 1;
		} else {
			row = (from + n - k) % n;
			if (row > from)
				*wrapped = 1;
		}
		if (nd_query_match(q, idx, v->ids[row]))
			return (long)row;
	}
	return -1;
}

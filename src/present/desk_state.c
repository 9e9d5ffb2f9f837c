#include "newsdesk/present/desk_state.h"

#include "newsdesk/base/alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void marks_alloc(struct nd_desk_state *st)
{
	st->marks_cap = st->idx->count;
	st->tagged = nd_xcalloc(st->marks_cap + 1, 1);
	st->decided = nd_xcalloc(st->marks_cap + 1, 1);
	st->ntagged = 0;
}

void nd_desk_state_init(struct nd_desk_state *st, struct nd_index *idx)
{
	memset(st, 0, sizeof(*st));
	st->idx = idx;
	nd_view_init(&st->view);
	marks_alloc(st);
}

static void back_entry_release(struct nd_back *b)
{
	free(b->path);
	free(b->limit_text);
}

void nd_desk_state_release(struct nd_desk_state *st)
{
	size_t i;

	for (i = 0; i < st->nback; i++)
		back_entry_release(&st->back[i]);
	free(st->back);
	free(st->tagged);
	free(st->decided);
	nd_query_free(st->saved_limit);
	free(st->saved_limit_text);
	nd_view_release(&st->view);
	nd_index_free(st->idx);
	memset(st, 0, sizeof(*st));
}

void nd_desk_message(struct nd_desk_state *st, int error, const char *fmt,
		     ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(st->message, sizeof(st->message), fmt, ap);
	va_end(ap);
	st->message_error = error;
}

static char *selected_path(const struct nd_desk_state *st)
{
	long id = nd_view_selected(&st->view);

	return id >= 0 ? nd_xstrdup(nd_index_get(st->idx, (size_t)id)->path)
		       : NULL;
}

/* Marks by id in the old index move to the same paths in the new one. */
static size_t remap(unsigned char *from, const struct nd_index *old,
		    unsigned char *to, const struct nd_index *idx)
{
	size_t i, lost = 0;
	long id;

	for (i = 0; i < old->count; i++) {
		if (!from[i])
			continue;
		id = old->items[i].removed ? -1
			: nd_index_find_path(idx, old->items[i].path);
		if (id >= 0 && !idx->items[id].removed)
			to[id] = 1;
		else
			lost++;
	}
	return lost;
}

size_t nd_desk_state_reload(struct nd_desk_state *st, struct nd_index *idx)
{
	unsigned char *tagged = st->tagged, *decided = st->decided;
	struct nd_index *old = st->idx;
	char *path = selected_path(st);
	size_t lost, i;

	st->idx = idx;
	marks_alloc(st);
	lost = remap(tagged, old, st->tagged, idx);
	remap(decided, old, st->decided, idx);
	for (i = 0; i < idx->count; i++)
		st->ntagged += st->tagged[i];
	nd_view_rebuild(&st->view, idx,
			path ? nd_index_find_path(idx, path) : -1);
	free(path);
	free(tagged);
	free(decided);
	nd_index_free(old);
	return lost;
}

int nd_desk_tag(struct nd_desk_state *st, size_t id)
{
	if (id >= st->marks_cap)
		return 0;
	st->tagged[id] = !st->tagged[id];
	st->ntagged += st->tagged[id] ? 1 : (size_t)-1;
	return st->tagged[id];
}

void nd_desk_untag_all(struct nd_desk_state *st)
{
	memset(st->tagged, 0, st->marks_cap);
	st->ntagged = 0;
}

size_t nd_desk_tags_prune(struct nd_desk_state *st)
{
	size_t i, n = 0;

	for (i = 0; i < st->marks_cap; i++) {
		if (st->tagged[i] && st->idx->items[i].removed) {
			st->tagged[i] = 0;
			n++;
		}
	}
	st->ntagged -= n;
	return n;
}

int nd_desk_set_limit(struct nd_desk_state *st, const char *text,
		      struct nd_err *err)
{
	long keep = nd_view_selected(&st->view);
	struct nd_query *q = NULL;

	if (text != NULL && text[0] != '\0' &&
	    nd_query_compile(text, &q, err) != 0)
		return -1;
	nd_view_set_limit(&st->view, q, q ? nd_xstrdup(text) : NULL);
	nd_view_rebuild(&st->view, st->idx, keep);
	return 0;
}

void nd_desk_push_back(struct nd_desk_state *st)
{
	struct nd_back *b;

	nd_grow(&st->back, &st->back_cap, st->nback + 1, sizeof(*st->back));
	b = &st->back[st->nback++];
	b->path = selected_path(st);
	b->limit_text = st->view.limit_text ? nd_xstrdup(st->view.limit_text)
					    : NULL;
	b->level = st->level;
}

static int same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	       (a != NULL && b != NULL && strcmp(a, b) == 0);
}

int nd_desk_pop_back(struct nd_desk_state *st)
{
	struct nd_back b;
	struct nd_err err;
	long id, row;

	if (st->nback == 0) {
		nd_desk_message(st, 0, "nothing to go back to");
		return -1;
	}
	b = st->back[--st->nback];
	/* The limit was valid when it was pushed: it compiles again. */
	if (!same(b.limit_text, st->view.limit_text))
		nd_desk_set_limit(st, b.limit_text, &err);
	id = b.path ? nd_index_find_path(st->idx, b.path) : -1;
	row = id >= 0 ? nd_view_row_of(&st->view, (uint32_t)id) : -1;
	if (row >= 0)
		nd_view_goto(&st->view, (size_t)row, 1);
	else
		nd_desk_message(st, 1, "that article is no longer shown");
	st->level = b.level;
	back_entry_release(&b);
	return 0;
}

/*
 * view: the list the desk shows — which articles, in what order, which
 * one is selected and which rows are on screen. No curses.
 *
 * A view holds article ids, never pointers into the index, and keeps the
 * selection by id: a new limit, sort or reload puts the cursor back on the
 * same article when it is still shown (by path after a reload, since ids
 * change), else on the row nearest where it was. Scrolling keeps the
 * cursor on screen and moves the window as little as it can.
 * The view owns its ids and its limit query; nd_view_release() frees.
 */
#ifndef NEWSDESK_VIEW_H
#define NEWSDESK_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "newsdesk/model/index.h"
#include "newsdesk/model/query.h"
#include "newsdesk/model/sort.h"

struct nd_view {
	uint32_t *ids;
	size_t count, cap;
	size_t unpublished; /* rows not published, counted on rebuild */
	size_t cursor; /* row of the selection (0 when empty) */
	size_t top;    /* first row on screen */
	enum nd_sort_key sort;
	int desc;
	struct nd_query *limit; /* NULL: everything */
	char *limit_text;
};

void nd_view_init(struct nd_view *v);
void nd_view_release(struct nd_view *v);
/* Recomputes the rows from idx (limit, then sort), keeping the selected
 * article if it is still shown. keep_id < 0: no article to keep. */
int nd_view_rebuild(struct nd_view *v, const struct nd_index *idx,
		    long keep_id);
/* Takes ownership of q and text (either may be NULL to clear). */
void nd_view_set_limit(struct nd_view *v, struct nd_query *q, char *text);
/* Selected article id, or -1 when the view is empty. */
long nd_view_selected(const struct nd_view *v);
/* Moves the cursor by delta rows (clamped) and scrolls for height rows. */
void nd_view_move(struct nd_view *v, long delta, size_t height);
void nd_view_goto(struct nd_view *v, size_t row, size_t height);
/* Keeps the cursor within the window of height rows. */
void nd_view_scroll(struct nd_view *v, size_t height);
/* Row of the next article matching q, searching from row from in
 * direction dir (+1 or -1) and wrapping; -1 when none matches.
 * *wrapped is set when the search went past an end. */
long nd_view_find(const struct nd_view *v, const struct nd_index *idx,
		  const struct nd_query *q, size_t from, int dir,
		  int *wrapped);
/* Takes one row out (a rejected article) without rebuilding: the cursor
 * then rests on the row that followed it. */
void nd_view_remove_row(struct nd_view *v, size_t row,
			const struct nd_index *idx);
/* Row showing article id, or -1. */
long nd_view_row_of(const struct nd_view *v, uint32_t id);

#endif

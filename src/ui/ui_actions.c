/* Actions on the whole desk: search, limit, sort, reload, jump, back. */
#include "ui.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/model/loader.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

struct search_ctx {
	size_t origin; /* the row the search started from */
};

/* Incremental: every edit searches again from where we started. */
static void search_step(struct ui *u, const char *text, void *arg)
{
	struct search_ctx *c = arg;
	struct nd_err err;
	struct nd_query *q;
	int wrapped;
	long row;

	if (text[0] == '\0') {
		nd_view_goto(&u->view, c->origin, (size_t)ui_list_height(u));
		ui_select_changed(u);
		return;
	}
	if (nd_query_compile(text, &q, &err) != 0)
		return; /* half-typed: wait for more */
	row = nd_view_find(&u->view, u->idx, q, c->origin, 1, &wrapped);
	nd_query_free(q);
	if (row >= 0 && (size_t)row != u->view.cursor) {
		nd_view_goto(&u->view, (size_t)row, (size_t)ui_list_height(u));
		ui_select_changed(u);
	}
}

void ui_search(struct ui *u)
{
	struct search_ctx c = { u->view.cursor };
	struct nd_err err;
	struct nd_query *q;
	char *text;

	text = ui_prompt(u, "Search: ", "", search_step, &c);
	if (text == NULL || text[0] == '\0') {
		if (u->view.cursor != c.origin) {
			nd_view_goto(&u->view, c.origin,
				     (size_t)ui_list_height(u));
			ui_select_changed(u);
		}
		free(text);
		return;
	}
	if (nd_query_compile(text, &q, &err) != 0) {
		ui_message(u, 1, "bad search at column %u: %s", err.col,
			   err.message);
		free(text);
		return;
	}
	nd_query_free(u->search);
	free(u->search_text);
	u->search = q;
	u->search_text = text;
	if (nd_query_match(q, u->idx, (size_t)nd_view_selected(&u->view)) == 0)
		ui_message(u, 1, "not found: %s", text);
}

void ui_search_again(struct ui *u, int dir)
{
	int wrapped;
	long row;
	size_t from;

	if (u->search == NULL) {
		ui_message(u, 1, "no search yet: press / to search");
		return;
	}
	if (u->view.count == 0)
		return;
	from = dir > 0 ? (u->view.cursor + 1) % u->view.count
		       : (u->view.cursor + u->view.count - 1) % u->view.count;
	row = nd_view_find(&u->view, u->idx, u->search, from, dir, &wrapped);
	if (row < 0) {
		ui_message(u, 1, "not found: %s", u->search_text);
		return;
	}
	if (dir > 0 && (size_t)row <= u->view.cursor)
		wrapped = 1;
	if (dir < 0 && (size_t)row >= u->view.cursor)
		wrapped = 1;
	nd_view_goto(&u->view, (size_t)row, (size_t)ui_list_height(u));
	ui_select_changed(u);
	if (wrapped)
		ui_message(u, 0, "search wrapped");
}

void ui_limit(struct ui *u)
{
	struct nd_err err;
	struct nd_query *q = NULL;
	long keep = nd_view_selected(&u->view);
	char *text;

	text = ui_prompt(u, "Limit: ", u->view.limit_text, NULL, NULL);
	if (text == NULL)
		return;
	if (nd_query_compile(text, &q, &err) != 0) {
		ui_message(u, 1, "bad limit at column %u: %s (list unchanged)",
			   err.col, err.message);
		free(text);
		return;
	}
	if (q == NULL) {
		free(text);
		text = NULL;
	}
	nd_view_set_limit(&u->view, q, text);
	nd_view_rebuild(&u->view, u->idx, keep);
	ui_select_changed(u);
	ui_message(u, 0, q ? "%zu articles match" : "limit cleared: %zu "
		   "articles", u->view.count);
}

void ui_sort(struct ui *u)
{
	static const struct {
		int key;
		enum nd_sort_key sort;
	} keys[] = {
		{ 'd', ND_SORT_DATE },	   { 'q', ND_SORT_QUALITY },
		{ 'h', ND_SORT_HEAT },	   { 'p', ND_SORT_PROVIDER },
		{ 't', ND_SORT_TITLE },	   { 'f', ND_SORT_PATH },
	};
	long keep = nd_view_selected(&u->view);
	size_t i;
	int key;

	key = ui_choose(u, "Sort by: (d)ate (q)uality (h)eat (p)rovider "
			   "(t)itle (f)ile path; capital reverses: ");
	if (key < 0)
		return;
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (key != keys[i].key && key != keys[i].key - 32)
			continue;
		u->view.sort = keys[i].sort;
		u->view.desc = nd_sort_natural_desc(keys[i].sort) ^
			       (key == keys[i].key - 32);
		nd_view_rebuild(&u->view, u->idx, keep);
		nd_view_scroll(&u->view, (size_t)ui_list_height(u));
		ui_message(u, 0, "sorted by %s, %s", nd_sort_name(u->view.sort),
			   u->view.desc ? "descending" : "ascending");
		return;
	}
	ui_message(u, 1, "no such sort key");
}

void ui_reverse(struct ui *u)
{
	long keep = nd_view_selected(&u->view);

	u->view.desc = !u->view.desc;
	nd_view_rebuild(&u->view, u->idx, keep);
	nd_view_scroll(&u->view, (size_t)ui_list_height(u));
}

/* Paths survive a reload; ids do not. */
static char *selected_path(const struct ui *u)
{
	long id = nd_view_selected(&u->view);

	return id >= 0 ? nd_xstrdup(nd_index_get(u->idx, (size_t)id)->path) : NULL;
}

void ui_reload(struct ui *u)
{
	struct nd_index *idx;
	struct nd_load_stats st;
	struct nd_diag d;
	char *path = selected_path(u);
	long keep = -1;

	nd_diag_init(&d);
	if (nd_loader_load(u->dir, &u->load_opts, &idx, &d, &st) != 0) {
		ui_message(u, 1, "cannot reload: %s", d.count ?
			   d.items[0].message : "unknown error");
		nd_diag_release(&d);
		free(path);
		return;
	}
	nd_index_free(u->idx);
	u->idx = idx;
	u->load_problems = d.count;
	ui_marks_reset(u); /* ids change with a reload */
	if (path != NULL)
		keep = nd_index_find_path(idx, path);
	nd_view_rebuild(&u->view, idx, keep);
	u->art_id = -2; /* the file may have changed: parse it again */
	ui_select_changed(u);
	ui_message(u, d.count != 0, "reloaded: %zu articles%s", idx->count,
		   d.count ? "; some files have problems ('newsdesk check')"
			   : "");
	nd_diag_release(&d);
	free(path);
}

static void push_back(struct ui *u)
{
	char *path = selected_path(u);

	if (path == NULL)
		return;
	nd_grow(&u->back, &u->back_cap, u->nback + 1, sizeof(*u->back));
	u->back[u->nback].path = path;
	u->back[u->nback++].focus = u->focus;
}

void ui_jump(struct ui *u, long id)
{
	long row = nd_view_row_of(&u->view, (uint32_t)id);

	push_back(u);
	if (row < 0) {
		/* Hidden by the limit: show everything to show it. */
		nd_view_set_limit(&u->view, NULL, NULL);
		nd_view_rebuild(&u->view, u->idx, id);
		row = nd_view_row_of(&u->view, (uint32_t)id);
		ui_message(u, 0, "limit cleared to show the related article");
	} else {
		ui_message(u, 0, "jumped to the related article (back "
			   "returns)");
	}
	if (row >= 0)
		nd_view_goto(&u->view, (size_t)row, (size_t)ui_list_height(u));
	u->focus = PANE_DETAIL;
	ui_select_changed(u);
}

void ui_back(struct ui *u)
{
	struct back_entry e;
	long id, row;

	if (u->showing_related >= 0) {
		u->showing_related = -1;
		u->doc_valid = 0;
		u->detail_top = 0;
		return;
	}
	if (u->nback == 0) {
		ui_message(u, 0, "nothing to go back to");
		return;
	}
	e = u->back[--u->nback];
	id = nd_index_find_path(u->idx, e.path);
	free(e.path);
	row = id >= 0 ? nd_view_row_of(&u->view, (uint32_t)id) : -1;
	if (row < 0) {
		ui_message(u, 1, "that article is no longer shown");
		return;
	}
	nd_view_goto(&u->view, (size_t)row, (size_t)ui_list_height(u));
	u->focus = e.focus;
	ui_select_changed(u);
}

/* Routing an action to the mode that takes it, and the actions on the
 * whole desk: search, limit, sort, reload, layout, theme, jump and back. */
#include "ui.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/model/loader.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void goto_row(struct ui *u, size_t row)
{
	nd_view_goto(&u->st.view, row, (size_t)ui_list_height(u));
}

/* How many rows match q, and which of them the cursor is on (1-based). */
static size_t count_matches(struct ui *u, const struct nd_query *q,
			    size_t *nth)
{
	const struct nd_view *v = &u->st.view;
	size_t i, n = 0;

	*nth = 0;
	for (i = 0; i < v->count; i++) {
		if (nd_query_match(q, u->st.idx, v->ids[i])) {
			n++;
			if (i == v->cursor)
				*nth = n;
		}
	}
	return n;
}

/* Incremental: every edit searches again from where the prompt began. */
static void search_change(struct ui *u, const char *text)
{
	struct nd_err err;
	struct nd_query *q;
	int wrapped;
	long row;

	if (text[0] == '\0' || nd_query_compile(text, &q, &err) != 0) {
		goto_row(u, u->search_origin); /* empty or half-typed */
		return;
	}
	row = nd_view_find(&u->st.view, u->st.idx, q, u->search_origin, 1,
			   &wrapped);
	nd_query_free(q);
	goto_row(u, row >= 0 ? (size_t)row : u->search_origin);
}

static void say_match(struct ui *u, int wrapped)
{
	size_t nth, n = count_matches(u, u->search, &nth);

	ui_message(u, 0, "%zu/%zu: %s%s", nth, n, u->search_text,
		   wrapped ? " (search wrapped)" : "");
}

/* A failed or cancelled search returns to where it started, and a
 * search that found nothing is not kept for n. */
static void search_done(struct ui *u, const char *text)
{
	struct nd_err err;
	struct nd_query *q;
	int wrapped;
	long row;

	goto_row(u, u->search_origin);
	if (text == NULL || text[0] == '\0')
		return;
	if (nd_query_compile(text, &q, &err) != 0) {
		ui_message(u, 1, "bad search at column %u: %s", err.col,
			   err.message);
		return;
	}
	row = q ? nd_view_find(&u->st.view, u->st.idx, q, u->search_origin,
			       1, &wrapped) : -1;
	if (row < 0) {
		nd_query_free(q);
		ui_message(u, 1, "not found: %s", text);
		return;
	}
	nd_query_free(u->search);
	free(u->search_text);
	u->search = q;
	u->search_text = nd_xstrdup(text);
	goto_row(u, (size_t)row);
	say_match(u, 0);
}

static void search_again(struct ui *u, int dir)
{
	const struct nd_view *v = &u->st.view;
	int wrapped;
	long row;
	size_t from;

	if (u->search == NULL) {
		ui_message(u, 1, "no search yet: press / to search");
		return;
	}
	if (v->count == 0)
		return;
	from = dir > 0 ? (v->cursor + 1) % v->count
		       : (v->cursor + v->count - 1) % v->count;
	row = nd_view_find(v, u->st.idx, u->search, from, dir, &wrapped);
	if (row < 0) {
		ui_message(u, 1, "not found: %s", u->search_text);
		return;
	}
	wrapped = dir > 0 ? (size_t)row <= v->cursor
			  : (size_t)row >= v->cursor;
	goto_row(u, (size_t)row);
	say_match(u, wrapped);
}

static int search(struct ui *u, const char *arg)
{
	u->search_origin = u->st.view.cursor;
	if (arg != NULL) {
		search_done(u, arg);
		return RE_RESELECT;
	}
	ui_prompt_start(u, "search", "Search: ", u->search_text,
			COMPLETE_QUERY, search_change, search_done);
	return RE_NONE;
}

static void limit_done(struct ui *u, const char *text)
{
	struct nd_err err;

	if (text == NULL) {
		ui_message(u, 0, "limit cancelled: the list is unchanged");
		return;
	}
	if (nd_desk_set_limit(&u->st, text, &err) != 0) {
		ui_message(u, 1, "bad limit at column %u: %s (list unchanged)",
			   err.col, err.message);
		return;
	}
	if (u->st.view.limit)
		ui_message(u, 0, "%zu articles match", u->st.view.count);
	else
		ui_message(u, 0, "limit cleared: %zu articles",
			   u->st.view.count);
}

static int limit(struct ui *u, const char *arg)
{
	if (arg != NULL)
		limit_done(u, arg);
	else
		ui_prompt_start(u, "limit", "Limit: ", u->st.view.limit_text,
				COMPLETE_QUERY, NULL, limit_done);
	return RE_RESELECT;
}

static void sort_by(struct ui *u, enum nd_sort_key key, int reverse)
{
	struct nd_view *v = &u->st.view;
	long keep = nd_view_selected(v);

	v->sort = key;
	v->desc = nd_sort_natural_desc(key) ^ reverse;
	nd_view_rebuild(v, u->st.idx, keep);
	ui_message(u, 0, "sorted by %s, %s", nd_sort_name(v->sort),
		   v->desc ? "descending" : "ascending");
}

static void sort_key(struct ui *u, int key)
{
	static const struct {
		int key;
		enum nd_sort_key sort;
	} keys[] = {
		{ 'd', ND_SORT_DATE },	   { 'q', ND_SORT_QUALITY },
		{ 'h', ND_SORT_HEAT },	   { 'p', ND_SORT_PROVIDER },
		{ 't', ND_SORT_TITLE },	   { 'f', ND_SORT_PATH },
	};
	size_t i;

	if (key < 0)
		return;
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (key == keys[i].key || key == keys[i].key - 32) {
			sort_by(u, keys[i].sort, key == keys[i].key - 32);
			return;
		}
	}
	ui_message(u, 1, "no such sort key: d, q, h, p, t or f");
}

static int sort(struct ui *u, const char *arg)
{
	enum nd_sort_key key;
	int rev = arg != NULL && arg[0] == '-';

	if (arg == NULL) {
		ui_menu_start(u, "Sort by: (d)ate (q)uality (h)eat (p)rovider "
			      "(t)itle (f)ile path; capital reverses: ",
			      sort_key);
		return RE_NONE;
	}
	if (nd_sort_parse(arg + rev, &key) != 0)
		ui_message(u, 1, "no such sort key '%s': date, quality, heat, "
			   "provider, title or path (-date reverses)", arg);
	else
		sort_by(u, key, rev);
	return RE_RESELECT;
}

static int reverse(struct ui *u)
{
	struct nd_view *v = &u->st.view;

	v->desc = !v->desc;
	nd_view_rebuild(v, u->st.idx, nd_view_selected(v));
	return RE_RESELECT;
}

void ui_reload(struct ui *u)
{
	struct nd_index *idx;
	struct nd_load_stats st;
	struct nd_diag d;
	size_t lost;

	nd_diag_init(&d);
	if (nd_loader_load(u->dir, &u->load_opts, &idx, &d, &st) != 0) {
		ui_message(u, 1, "cannot reload: %s", d.count ?
			   d.items[0].message : "unknown error");
		nd_diag_release(&d);
		return;
	}
	lost = nd_desk_state_reload(&u->st, idx);
	u->art_id = -2; /* the file may have changed: parse it again */
	ui_message(u, d.count != 0, "reloaded: %zu articles%s%s", idx->count,
		   lost ? "; tags of articles that left are dropped" : "",
		   d.count ? "; some files have problems ('newsdesk check')"
			   : "");
	nd_diag_release(&d);
}

static void theme_done(struct ui *u, const char *name)
{
	if (name == NULL || name[0] == '\0')
		return;
	if (ui_theme_load(u, name) == 0)
		ui_message(u, 0, "theme: %s", name);
	term_theme_apply(u);
}

static int theme(struct ui *u, const char *arg)
{
	if (arg != NULL)
		theme_done(u, arg);
	else
		ui_prompt_start(u, "theme", "Theme: ", NULL, COMPLETE_NONE,
				NULL, theme_done);
	return RE_REPAINT;
}

static int layout(struct ui *u)
{
	u->layout = (u->layout + 1) % ND_LAYOUT_COUNT;
	u->no_preview = 0;
	u->doc_valid = 0;
	ui_message(u, 0, "layout: %s", u->layout == ND_LAYOUT_AUTO
		   ? "auto (a preview beside the list when it fits)"
		   : u->layout == ND_LAYOUT_WIDE ? "side by side" : "stacked");
	return RE_RELAYOUT;
}

void ui_jump(struct ui *u, long id)
{
	long row = nd_view_row_of(&u->st.view, (uint32_t)id);
	struct nd_err err;

	nd_desk_push_back(&u->st);
	if (row < 0) {
		/* Hidden by the limit: show everything to show it; back
		 * brings the limit back. */
		nd_desk_set_limit(&u->st, NULL, &err);
		row = nd_view_row_of(&u->st.view, (uint32_t)id);
		ui_message(u, 0, "limit cleared to show the related article "
			   "(q returns)");
	} else {
		ui_message(u, 0, "jumped to the related article (q returns)");
	}
	if (row >= 0)
		goto_row(u, (size_t)row);
	u->focus = PANE_DETAIL;
}

int ui_back(struct ui *u)
{
	if (u->st.nback == 0) {
		ui_message(u, 0, "nothing to go back to (q quits)");
		return RE_NONE;
	}
	nd_desk_pop_back(&u->st);
	u->focus = u->st.level == ND_LEVEL_ARTICLE ? PANE_DETAIL : PANE_LIST;
	nd_view_scroll(&u->st.view, (size_t)ui_list_height(u));
	return RE_RELAYOUT | RE_RESELECT;
}

int ui_desk_action(struct ui *u, enum nd_action a, const char *arg)
{
	switch (a) {
	case ND_ACT_HELP:
		u->help_on = 1;
		u->help.top = 0;
		return RE_NONE;
	case ND_ACT_REDRAW:
		return RE_REPAINT;
	case ND_ACT_COMMAND:
		ui_cmdline_start(u);
		return RE_NONE;
	case ND_ACT_SEARCH:
		return search(u, arg);
	case ND_ACT_SEARCH_NEXT:
	case ND_ACT_SEARCH_PREV:
		search_again(u, a == ND_ACT_SEARCH_NEXT ? 1 : -1);
		return RE_RESELECT;
	case ND_ACT_LIMIT:
		return limit(u, arg);
	case ND_ACT_SORT:
		return sort(u, arg);
	case ND_ACT_REVERSE:
		return reverse(u);
	case ND_ACT_RELOAD:
		ui_reload(u);
		return RE_RESELECT | RE_DOC;
	case ND_ACT_LAYOUT:
		return layout(u);
	case ND_ACT_ZOOM:
		u->no_preview = !u->no_preview;
		return RE_RELAYOUT;
	case ND_ACT_THEME:
		return theme(u, arg);
	default:
		break;
	}
	if (ui_triage_action(u, a, arg) || ui_fetch_action(u, a))
		return RE_RESELECT | RE_DOC;
	return RE_UNBOUND;
}

static int mode_key(struct ui *u, enum nd_action a)
{
	if (u->help_on)
		return ui_help_key(u, a);
	if (ui_reader_open(u))
		return ui_reader_key(u, a);
	if (u->st.level == ND_LEVEL_ARTICLE)
		return ui_article_key(u, a);
	return ui_list_key(u, a);
}

/* The active mode first, then the desk; ';' waits for a decision, and any
 * other action cancels it (a flag on the action table, not enum order). */
int ui_dispatch(struct ui *u, enum nd_action a, const char *arg)
{
	int re = RE_UNBOUND;

	if (ui_bulk_running(u) && !ui_mode_takes(u, a)) {
		ui_message(u, 1, "a bulk decision is running (Esc stops it)");
		return RE_NONE;
	}
	if (arg == NULL)
		re = mode_key(u, a);
	if ((re & RE_UNBOUND) && !u->help_on && ui_mode_takes(u, a))
		re = ui_desk_action(u, a, arg);
	if (re & RE_UNBOUND)
		ui_message(u, 1, "'%s' does nothing in the %s (? lists its "
			   "keys)", nd_action_info(a)->name,
			   u->help_on ? "help" : ui_mode_name(u));
	if (a != ND_ACT_TAG_PREFIX &&
	    !(nd_action_flags(a) & ND_ACTF_DECISION))
		u->tag_prefix = 0;
	return re & ~RE_UNBOUND;
}

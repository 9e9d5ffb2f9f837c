/* The index: the list of articles, its header line, and its keys. The
 * title gets every column the others leave; columns that do not fit are
 * dropped (heat, quality, provider, date, in that order) before it is
 * cut short. */
#include "ui.h"

#include "newsdesk/base/datetime.h"
#include "newsdesk/base/utf8.h"

#include <stdio.h>
#include <string.h>

enum { COL_DATE = 1, COL_QUALITY = 2, COL_HEAT = 4, COL_PROVIDER = 8 };

static const struct {
	int col, width;
} columns[] = {
	/* dropped from the top first */
	{ COL_HEAT, 5 },
	{ COL_QUALITY, 5 },
	{ COL_PROVIDER, 15 },
	{ COL_DATE, 11 },
};

/* The widest title on screen, to know what the title needs. */
static size_t widest_title(const struct ui *u, size_t h)
{
	const struct nd_view *v = &u->st.view;
	size_t i, w, max = 0;

	for (i = 0; i < h && v->top + i < v->count; i++) {
		const struct nd_summary *s = nd_index_get(u->st.idx,
							  v->ids[v->top + i]);

		w = nd_text_width(s->title, s->title_len);
		if (w > max)
			max = w;
	}
	return max;
}

/* Which columns show at width w: each is dropped while the title would
 * get less than it needs (its widest on screen, or UI_TITLE_COMFORT). */
static int pick_columns(const struct ui *u, int w, size_t h)
{
	size_t need = widest_title(u, h), i;
	int cols = COL_DATE | COL_QUALITY | COL_HEAT | COL_PROVIDER;
	int used = 3 + 11 + 5 + 5 + 15;

	if (need > UI_TITLE_COMFORT)
		need = UI_TITLE_COMFORT;
	for (i = 0; i < sizeof(columns) / sizeof(columns[0]); i++) {
		if (w - used >= (int)need)
			break;
		cols &= ~columns[i].col;
		used -= columns[i].width;
	}
	return cols;
}

static const char *search_mark(const struct ui *u)
{
	const char *t = u->search_text;

	/* a plain word or phrase is marked; a field query is not text */
	if (t == NULL || strpbrk(t, ":()\"<>=") != NULL)
		return NULL;
	return t;
}

static int num(const struct ui *u, int y, int x, int w, int32_t v)
{
	char tmp[16];

	if (v == ND_NUM_UNKNOWN)
		snprintf(tmp, sizeof(tmp), "%4s ", "-");
	else
		snprintf(tmp, sizeof(tmp), "%4d ", (int)v);
	(void)u;
	return term_text(y, x, w, tmp, strlen(tmp), 0);
}

static const char *mark_of(const struct ui *u, size_t id)
{
	if (u->st.tagged[id])
		return "*";
	if (u->st.decided[id])
		return u->ascii ? "+" : "\xE2\x9C\x93";
	return " ";
}

static void row(struct ui *u, size_t id, int y, int x, int w, int selected,
		int cols)
{
	const struct nd_summary *s = nd_index_get(u->st.idx, id);
	enum nd_role meta = selected ? ND_ROLE_LIST_SELECTED : ND_ROLE_LIST_META;
	enum nd_role main = selected		? ND_ROLE_LIST_SELECTED
			    : s->published != 1 ? ND_ROLE_LIST_UNPUBLISHED
						: ND_ROLE_LIST_NORMAL;
	const char *prov;
	char tmp[32];
	size_t plen;
	int col = 0;

	term_fill(y, x, w, selected ? ND_ROLE_LIST_SELECTED
				    : ND_ROLE_LIST_NORMAL);
	term_role(u->st.tagged[id] && !selected ? ND_ROLE_LIST_TAGGED : main);
	col += term_text(y, x, w, mark_of(u, id), strlen(mark_of(u, id)), 0);
	term_role(main);
	col += term_text(y, x + col, w - col, s->published == 1 ? "  " : "N ",
			 2, 0);
	term_role(meta);
	if (cols & COL_DATE) {
		if (s->date == ND_TIME_NONE)
			snprintf(tmp, sizeof(tmp), "%-10s", "-");
		else
			nd_date_format(s->date, tmp);
		col += term_text(y, x + col, w - col, tmp, strlen(tmp), 0) + 1;
	}
	if (cols & COL_QUALITY)
		col += num(u, y, x + col, w - col, s->quality);
	if (cols & COL_HEAT)
		col += num(u, y, x + col, w - col, s->heat);
	if (cols & COL_PROVIDER) {
		prov = nd_index_str(u->st.idx, s->provider ? s->provider
							   : s->domain, &plen);
		ui_content(u, y, x + col, 14 < w - col ? 14 : w - col, prov,
			   plen, 1);
		col += 15;
	}
	if (col < w)
		ui_content_marked(u, y, x + col, w - col, s->title,
				  s->title_len, main, search_mark(u));
}

static void list_title(struct ui *u)
{
	const struct nd_view *v = &u->st.view;
	char title[96];

	/* the row counter, as mutt shows it */
	snprintf(title, sizeof(title), "Articles  %zu/%zu",
		 v->count ? v->cursor + 1 : 0, v->count);
	ui_pane_title(u, PANE_LIST, title);
}

void ui_list_draw(struct ui *u)
{
	const struct rect *r = &u->panes[PANE_LIST];
	struct nd_view *v = &u->st.view;
	int h = ui_list_height(u), i, cols;
	const char *msg;
	size_t n;

	if (!u->pane_visible[PANE_LIST])
		return;
	nd_view_scroll(v, (size_t)h);
	list_title(u);
	cols = pick_columns(u, r->w, (size_t)h);
	for (i = 0; i < h; i++) {
		n = v->top + (size_t)i;
		if (n >= v->count)
			term_fill(r->y + 1 + i, r->x, r->w, ND_ROLE_NORMAL);
		else
			row(u, v->ids[n], r->y + 1 + i, r->x, r->w,
			    n == v->cursor, cols);
	}
	if (v->count == 0 && h > 0) {
		msg = v->limit ? "no article matches the limit (l, then "
				 "Enter on an empty line, clears it)"
			       : "no articles";
		term_role(ND_ROLE_LIST_META);
		term_text(r->y + 1, r->x + 2, r->w - 2, msg, strlen(msg), 0);
	}
}

int ui_list_key(struct ui *u, enum nd_action a)
{
	struct nd_view *v = &u->st.view;
	struct nd_scroller s = { v->count, (size_t)ui_list_height(u),
				 v->cursor, v->top, 1 };

	if (nd_scroller_act(&s, a) >= 0) {
		v->cursor = s.cursor;
		v->top = s.top;
		return RE_RESELECT;
	}
	switch (a) {
	case ND_ACT_OPEN:
		if (v->count == 0)
			return RE_NONE;
		u->st.level = ND_LEVEL_ARTICLE;
		u->focus = PANE_DETAIL;
		u->detail.top = 0;
		return RE_RELAYOUT | RE_RESELECT;
	case ND_ACT_QUIT:
		return RE_QUIT;
	case ND_ACT_BACK:
		return ui_back(u);
	default:
		return RE_UNBOUND;
	}
}

void ui_header_draw(struct ui *u)
{
	const struct nd_view *v = &u->st.view;
	char text[512], extra[128] = "";
	size_t dl = strlen(u->dir_shown), used;

	if (u->st.triage)
		snprintf(extra, sizeof(extra), "  TRIAGE %zu done / %zu left",
			 u->st.triage_done, u->st.triage_left);
	if (u->st.ntagged)
		snprintf(extra + strlen(extra), sizeof(extra) - strlen(extra),
			 "  %zu tagged%s", u->st.ntagged,
			 u->tag_prefix ? ";" : "");
	snprintf(text, sizeof(text), " newsdesk  %zu/%zu shown  %zu "
		 "unpublished%s  sort: %s %s%s%s", v->count,
		 u->st.idx->count - u->st.idx->removed, v->unpublished, extra,
		 nd_sort_name(v->sort), v->desc ? "desc" : "asc",
		 v->limit_text ? "  limit: " : "",
		 v->limit_text ? v->limit_text : "");
	term_fill(0, 0, u->cols, ND_ROLE_HEADER);
	ui_content(u, 0, 0, u->cols, text, strlen(text), 0);
	/* The directory goes right-aligned when there is room for it. */
	used = nd_text_width(text, strlen(text)) + 2;
	if (dl + used < (size_t)u->cols)
		ui_content(u, 0, u->cols - (int)dl - 1, (int)dl, u->dir_shown,
			   dl, 0);
}

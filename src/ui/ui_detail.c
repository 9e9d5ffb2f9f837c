/* The detail pane (one article, or one related item) and the related
 * pane (the article's related items, with jumps to those we have). */
#include "ui.h"

#include "newsdesk/base/datetime.h"
#include "newsdesk/base/sanitize.h"
#include "newsdesk/base/str.h"
#include "newsdesk/present/detail.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

static void ensure_doc(struct ui *u, int width)
{
	if (u->doc_valid && u->doc_width == width)
		return;
	nd_doc_release(&u->doc);
	nd_doc_init(&u->doc, (size_t)(width > 2 ? width - 1 : 1),
		    u->ascii ? ND_SAN_ASCII : 0);
	if (u->art != NULL && u->showing_related >= 0 &&
	    (size_t)u->showing_related < u->art->nrelated)
		nd_detail_related(&u->doc, &u->art->related[u->showing_related]);
	else if (u->art != NULL)
		nd_detail_article(&u->doc, u->art);
	if (u->art != NULL && u->check_id == u->art_id &&
	    u->check_result[0]) {
		nd_doc_blank(&u->doc);
		nd_doc_text(&u->doc, ND_ROLE_DETAIL_TEXT, u->check_result,
			    strlen(u->check_result));
		nd_doc_end_para(&u->doc, 0, "Link check ", ND_ROLE_DETAIL_LABEL);
	}
	u->doc_width = width;
	u->doc_valid = 1;
}

static size_t detail_height(const struct ui *u)
{
	int h = u->panes[PANE_DETAIL].h - 1;

	return h > 0 ? (size_t)h : 0;
}

static void clamp_detail(struct ui *u)
{
	size_t h = detail_height(u);

	if (u->doc.count <= h)
		u->detail_top = 0;
	else if (u->detail_top > u->doc.count - h)
		u->detail_top = u->doc.count - h;
}

void ui_detail_draw(struct ui *u)
{
	struct rect r = u->panes[PANE_DETAIL];
	char title[96];

	if (!u->pane_visible[PANE_DETAIL])
		return;
	ensure_doc(u, r.w);
	clamp_detail(u);
	if (u->doc.count > detail_height(u))
		snprintf(title, sizeof(title), "%s  %zu-%zu/%zu",
			 u->showing_related >= 0 ? "Related item" : "Detail",
			 u->detail_top + 1,
			 u->detail_top + detail_height(u) < u->doc.count
				 ? u->detail_top + detail_height(u)
				 : u->doc.count, u->doc.count);
	else
		snprintf(title, sizeof(title), "%s", u->showing_related >= 0
						     ? "Related item" : "Detail");
	ui_pane_title(u, PANE_DETAIL, title);
	r.y++;
	r.h--;
	if (r.h > 0)
		ui_doc_lines(u, &u->doc, u->detail_top, r);
}

static int scroll_detail(struct ui *u, long delta)
{
	size_t before = u->detail_top;

	if (delta < 0 && (size_t)-delta > u->detail_top)
		u->detail_top = 0;
	else
		u->detail_top = (size_t)((long)u->detail_top + delta);
	clamp_detail(u);
	return u->detail_top != before ? REDRAW_DETAIL : 0;
}

int ui_detail_key(struct ui *u, enum nd_action a)
{
	long h = (long)detail_height(u), page = h > 1 ? h - 1 : 1;

	switch (a) {
	case ND_ACT_DOWN:
		return scroll_detail(u, 1);
	case ND_ACT_UP:
		return scroll_detail(u, -1);
	case ND_ACT_PAGE_DOWN:
		return scroll_detail(u, page);
	case ND_ACT_PAGE_UP:
		return scroll_detail(u, -page);
	case ND_ACT_HALF_DOWN:
		return scroll_detail(u, h / 2 ? h / 2 : 1);
	case ND_ACT_HALF_UP:
		return scroll_detail(u, -(h / 2 ? h / 2 : 1));
	case ND_ACT_TOP:
		u->detail_top = 0;
		return REDRAW_DETAIL;
	case ND_ACT_BOTTOM:
		u->detail_top = u->doc.count;
		clamp_detail(u);
		return REDRAW_DETAIL;
	default:
		return 0;
	}
}

static size_t related_height(const struct ui *u)
{
	int h = u->panes[PANE_RELATED].h - 1;

	return h > 0 ? (size_t)h : 0;
}

static size_t related_count(const struct ui *u)
{
	return u->art != NULL ? u->art->nrelated : 0;
}

static long related_target(const struct ui *u, size_t i)
{
	const struct nd_related *r = &u->art->related[i];

	return nd_index_find_url(u->idx, r->web_url.s, r->web_url.len);
}

static void related_row(struct ui *u, size_t i, int y, int x, int w)
{
	const struct nd_related *r = &u->art->related[i];
	int sel = i == u->rel_cursor && u->focus == PANE_RELATED;
	enum nd_role meta = sel ? ND_ROLE_LIST_SELECTED : ND_ROLE_LIST_META;
	enum nd_role main = sel ? ND_ROLE_LIST_SELECTED : ND_ROLE_LIST_NORMAL;
	const char *mark = related_target(u, i) >= 0
				   ? (u->ascii ? "> " : "\xE2\x86\x92 ") : "  ";
	char tmp[32];
	int col = 0;

	ui_fill(y, x, w, main, u);
	ui_role(u, main);
	col += ui_text(y, x, w, mark, strlen(mark), 0);
	ui_role(u, meta);
	if (w >= 50) {
		const struct nd_text *p = r->provider.name.s ? &r->provider.name
							     : &r->provider.domain;

		ui_content(u, y, x + col, 14, p->s ? p->s : "", p->len, 1);
		col += 15;
	}
	if (w >= 36) {
		if (r->date == ND_TIME_NONE)
			snprintf(tmp, sizeof(tmp), "%-10s", "-");
		else
			nd_date_format(r->date, tmp);
		col += ui_text(y, x + col, w - col, tmp, strlen(tmp), 0) + 1;
	}
	if (w >= 44) {
		if (r->quality == ND_UNKNOWN)
			snprintf(tmp, sizeof(tmp), "%4s", "-");
		else
			snprintf(tmp, sizeof(tmp), "%4lld", r->quality);
		col += ui_text(y, x + col, w - col, tmp, strlen(tmp), 0) + 1;
	}
	ui_role(u, main);
	if (col < w)
		ui_content(u, y, x + col, w - col, r->title.s ? r->title.s : "",
			   r->title.len, 0);
}

static void related_scroll(struct ui *u)
{
	size_t h = related_height(u), n = related_count(u);

	if (h == 0)
		h = 1;
	if (u->rel_cursor >= n)
		u->rel_cursor = n ? n - 1 : 0;
	if (u->rel_cursor < u->rel_top)
		u->rel_top = u->rel_cursor;
	else if (u->rel_cursor >= u->rel_top + h)
		u->rel_top = u->rel_cursor - h + 1;
	if (n <= h)
		u->rel_top = 0;
	else if (u->rel_top + h > n)
		u->rel_top = n - h;
}

void ui_related_draw(struct ui *u)
{
	const struct rect *r = &u->panes[PANE_RELATED];
	size_t h = related_height(u), n = related_count(u), i;
	char title[64];

	if (!u->pane_visible[PANE_RELATED])
		return;
	related_scroll(u);
	snprintf(title, sizeof(title), "Related  %zu", n);
	ui_pane_title(u, PANE_RELATED, title);
	for (i = 0; i < h; i++) {
		int y = r->y + 1 + (int)i;

		if (u->rel_top + i < n)
			related_row(u, u->rel_top + i, y, r->x, r->w);
		else
			ui_fill(y, r->x, r->w, ND_ROLE_NORMAL, u);
	}
	if (n == 0 && h > 0) {
		ui_role(u, ND_ROLE_LIST_META);
		ui_text(r->y + 1, r->x + 2, r->w - 2,
			ND_LIT("no related items"), 0);
	}
}

static int related_open(struct ui *u)
{
	long id;

	if (related_count(u) == 0)
		return 0;
	id = related_target(u, u->rel_cursor);
	if (id >= 0) {
		ui_jump(u, id);
		return REDRAW_ALL | RELOAD_ARTICLE;
	}
	/* Not in this directory: show what the item itself says. */
	u->showing_related = (long)u->rel_cursor;
	u->doc_valid = 0;
	u->detail_top = 0;
	ui_message(u, 0, "not in this directory: showing the related item "
		   "(back returns)");
	return REDRAW_ALL;
}

int ui_related_key(struct ui *u, enum nd_action a)
{
	size_t h = related_height(u), n = related_count(u), before;

	before = u->rel_cursor;
	switch (a) {
	case ND_ACT_DOWN:
		if (u->rel_cursor + 1 < n)
			u->rel_cursor++;
		break;
	case ND_ACT_UP:
		if (u->rel_cursor > 0)
			u->rel_cursor--;
		break;
	case ND_ACT_PAGE_DOWN:
	case ND_ACT_HALF_DOWN:
		u->rel_cursor += h > 1 ? h - 1 : 1;
		break;
	case ND_ACT_PAGE_UP:
	case ND_ACT_HALF_UP:
		u->rel_cursor = u->rel_cursor > h ? u->rel_cursor - h : 0;
		break;
	case ND_ACT_TOP:
		u->rel_cursor = 0;
		break;
	case ND_ACT_BOTTOM:
		u->rel_cursor = n ? n - 1 : 0;
		break;
	case ND_ACT_OPEN:
		return related_open(u);
	default:
		return 0;
	}
	related_scroll(u);
	return u->rel_cursor != before ? REDRAW_RELATED : 0;
}

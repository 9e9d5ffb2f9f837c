/* The list pane, the header line and the status line. */
#include "ui.h"

#include "newsdesk/base/datetime.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

int ui_list_height(const struct ui *u)
{
	int h = u->panes[PANE_LIST].h - 1;

	return h > 0 ? h : 0;
}

static void num(char *out, size_t cap, int32_t v)
{
	if (v == ND_NUM_UNKNOWN)
		snprintf(out, cap, "%4s", "-");
	else
		snprintf(out, cap, "%4d", (int)v);
}

/* Columns drop out as the pane narrows; the title always stays. */
static void row(struct ui *u, const struct nd_summary *s, int y, int x,
		int w, int selected)
{
	enum nd_role meta = selected ? ND_ROLE_LIST_SELECTED : ND_ROLE_LIST_META;
	enum nd_role main = selected		? ND_ROLE_LIST_SELECTED
			    : s->published != 1 ? ND_ROLE_LIST_UNPUBLISHED
						: ND_ROLE_LIST_NORMAL;
	char tmp[32];
	const char *prov;
	size_t plen;
	int col = 0;

	size_t id = (size_t)(s - u->idx->items);
	const char *mark = u->tagged[id] ? "*"
			   : u->decided[id] ? (u->ascii ? "+" : "\xE2\x9C\x93")
					    : " ";

	ui_fill(y, x, w, selected ? ND_ROLE_LIST_SELECTED : ND_ROLE_LIST_NORMAL,
		u);
	ui_role(u, u->tagged[id] && !selected ? ND_ROLE_LIST_TAGGED : main);
	col += ui_text(y, x, w, mark, strlen(mark), 0);
	ui_role(u, main);
	col += ui_text(y, x + col, w - col, s->published == 1 ? "  " : "N ",
		       sizeof("N ") - 1, 0);
	if (w >= 31) {
		ui_role(u, meta);
		if (s->date == ND_TIME_NONE)
			snprintf(tmp, sizeof(tmp), "%-10s", "-");
		else
			nd_date_format(s->date, tmp);
		col += ui_text(y, x + col, w - col, tmp, strlen(tmp), 0) + 1;
	}
	if (w >= 50) {
		num(tmp, sizeof(tmp), s->quality);
		col += ui_text(y, x + col, w - col, tmp, strlen(tmp), 0) + 1;
	}
	if (w >= 60) {
		num(tmp, sizeof(tmp), s->heat);
		col += ui_text(y, x + col, w - col, tmp, strlen(tmp), 0) + 1;
	}
	if (w >= 40) {
		prov = nd_index_str(u->idx, s->provider ? s->provider
							: s->domain, &plen);
		ui_content(u, y, x + col, 14 < w - col ? 14 : w - col, prov,
			   plen, 1);
		col += 15;
	}
	if (col < w) {
		ui_role(u, main);
		ui_content(u, y, x + col, w - col, s->title, s->title_len, 0);
	}
}

void ui_list_draw(struct ui *u)
{
	const struct rect *r = &u->panes[PANE_LIST];
	int h = ui_list_height(u), i;
	char title[96];
	size_t n;

	if (!u->pane_visible[PANE_LIST])
		return;
	nd_view_scroll(&u->view, (size_t)h);
	snprintf(title, sizeof(title), "Articles  %zu", u->view.count);
	ui_pane_title(u, PANE_LIST, title);
	for (i = 0; i < h; i++) {
		n = u->view.top + (size_t)i;
		if (n >= u->view.count) {
			ui_fill(r->y + 1 + i, r->x, r->w, ND_ROLE_NORMAL, u);
			continue;
		}
		row(u, nd_index_get(u->idx, u->view.ids[n]), r->y + 1 + i,
		    r->x, r->w, n == u->view.cursor);
	}
	if (u->view.count == 0 && h > 0) {
		const char *msg = u->view.limit ? "no article matches the limit"
						: "no articles";

		ui_role(u, ND_ROLE_LIST_META);
		ui_text(r->y + 1, r->x + 2, r->w - 2, msg, strlen(msg), 0);
	}
}

int ui_list_key(struct ui *u, enum nd_action a)
{
	size_t h = (size_t)ui_list_height(u), before = u->view.cursor;
	long page = h > 1 ? (long)h - 1 : 1;

	switch (a) {
	case ND_ACT_DOWN:
		nd_view_move(&u->view, 1, h);
		break;
	case ND_ACT_UP:
		nd_view_move(&u->view, -1, h);
		break;
	case ND_ACT_PAGE_DOWN:
		nd_view_move(&u->view, page, h);
		break;
	case ND_ACT_PAGE_UP:
		nd_view_move(&u->view, -page, h);
		break;
	case ND_ACT_HALF_DOWN:
		nd_view_move(&u->view, (long)(h / 2 ? h / 2 : 1), h);
		break;
	case ND_ACT_HALF_UP:
		nd_view_move(&u->view, -(long)(h / 2 ? h / 2 : 1), h);
		break;
	case ND_ACT_TOP:
		nd_view_goto(&u->view, 0, h);
		break;
	case ND_ACT_BOTTOM:
		nd_view_goto(&u->view, u->view.count ? u->view.count - 1 : 0,
			     h);
		break;
	case ND_ACT_OPEN:
		if (u->view.count == 0)
			return 0;
		u->focus = PANE_DETAIL;
		return REDRAW_ALL;
	default:
		return 0;
	}
	return u->view.cursor != before ? REDRAW_ALL | RELOAD_ARTICLE
					: REDRAW_LIST;
}

void ui_header_draw(struct ui *u)
{
	char text[512];
	size_t unpub = u->view.unpublished;
	int cols = COLS;

	char extra[96] = "";

	if (u->triage)
		snprintf(extra, sizeof(extra), "  TRIAGE %zu done / %zu left",
			 u->triage_done, u->triage_left);
	if (u->ntagged)
		snprintf(extra + strlen(extra), sizeof(extra) - strlen(extra),
			 "  %zu tagged%s", u->ntagged, u->tag_prefix ? ";" : "");
	snprintf(text, sizeof(text), " newsdesk  %zu/%zu shown  %zu "
		 "unpublished%s  sort: %s %s%s%s", u->view.count,
		 u->idx->count - u->idx->removed, unpub, extra, nd_sort_name(u->view.sort),
		 u->view.desc ? "desc" : "asc", u->view.limit_text
		 ? "  limit: " : "", u->view.limit_text ? u->view.limit_text
							 : "");
	ui_fill(0, 0, cols, ND_ROLE_HEADER, u);
	ui_content(u, 0, 0, cols, text, strlen(text), 0);
	/* The directory goes right-aligned when there is room for it. */
	{
		size_t dl = strlen(u->dir_shown);
		int used = (int)strlen(text) + 2;

		if ((int)dl + used < cols)
			ui_content(u, 0, cols - (int)dl - 1, (int)dl,
				   u->dir_shown,
				   dl, 0);
	}
}

void ui_status_draw(struct ui *u)
{
	static const char desk_hint[] = "? help  / search  l limit  s sort  "
					"o read  Tab pane  q quit";
	static const char reader_hint[] = "f follow link  / search  h back  "
					  "v source  O browser  y copy  q close";
	const char *hint = ui_reader_open(u) ? reader_hint : desk_hint;
	int y = LINES - 1;

	if (u->job != NULL && !u->message[0]) {
		ui_job_status(u);
		return;
	}
	if (u->message[0]) {
		ui_fill(y, 0, COLS, u->message_error ? ND_ROLE_STATUS_ERROR
						     : ND_ROLE_STATUS, u);
		ui_content(u, y, 0, COLS, u->message, strlen(u->message), 0);
		return;
	}
	ui_fill(y, 0, COLS, ND_ROLE_STATUS, u);
	ui_role(u, ND_ROLE_LIST_META);
	ui_text(y, 0, COLS, hint, strlen(hint), 0);
}

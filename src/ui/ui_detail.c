/* The article: its fields, excerpt and body (the preview beside the list,
 * or full width once opened), and its related items below, with jumps to
 * those in this directory. */
#include "ui.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/datetime.h"
#include "newsdesk/base/sanitize.h"
#include "newsdesk/base/str.h"
#include "newsdesk/present/detail.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void ensure_doc(struct ui *u, int width)
{
	if (u->doc_valid && u->doc_width == width)
		return;
	nd_doc_release(&u->doc);
	nd_doc_init(&u->doc, 1, 0);
	if (ui_layout_job_wanted(u, width))
		return; /* an empty doc until the thread hands its own over */
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

static void sync_detail(struct ui *u)
{
	int h = u->panes[PANE_DETAIL].h - 1;

	u->detail.list = 0;
	u->detail.count = u->doc.count;
	u->detail.height = h > 0 ? (size_t)h : 0;
	nd_scroller_clamp(&u->detail);
}

void ui_detail_draw(struct ui *u)
{
	struct rect r = u->panes[PANE_DETAIL];
	const char *what = u->showing_related >= 0 ? "Related item" : "Detail";
	size_t last;
	char title[96];

	if (!u->pane_visible[PANE_DETAIL])
		return;
	ensure_doc(u, r.w);
	sync_detail(u);
	last = u->detail.top + u->detail.height;
	if (u->doc.count > u->detail.height)
		snprintf(title, sizeof(title), "%s  %zu-%zu/%zu", what,
			 u->detail.top + 1,
			 last < u->doc.count ? last : u->doc.count,
			 u->doc.count);
	else
		snprintf(title, sizeof(title), "%s", what);
	if (ui_layout_job_running(u) && !u->doc_valid)
		snprintf(title, sizeof(title), "%s  laying out a long article"
			 " (Esc cancels)", what);
	ui_pane_title(u, PANE_DETAIL, title);
	r.y++;
	r.h--;
	if (r.h > 0)
		ui_doc_lines(u, &u->doc, u->detail.top, r,
			     u->st.level == ND_LEVEL_ARTICLE ? u->find_text
							     : NULL);
}

static size_t related_count(const struct ui *u)
{
	return u->art != NULL ? u->art->nrelated : 0;
}

static void sync_related(struct ui *u)
{
	int h = u->panes[PANE_RELATED].h - 1;

	u->related.list = 1;
	u->related.count = related_count(u);
	u->related.height = h > 0 ? (size_t)h : 0;
	nd_scroller_clamp(&u->related);
}

static long related_target(const struct ui *u, size_t i)
{
	const struct nd_related *r = &u->art->related[i];

	return nd_index_find_url(u->st.idx, r->web_url.s, r->web_url.len);
}

static void related_row(struct ui *u, size_t i, int y, int x, int w)
{
	const struct nd_related *r = &u->art->related[i];
	int sel = i == u->related.cursor && u->focus == PANE_RELATED;
	enum nd_role meta = sel ? ND_ROLE_LIST_SELECTED : ND_ROLE_LIST_META;
	enum nd_role main = sel ? ND_ROLE_LIST_SELECTED : ND_ROLE_LIST_NORMAL;
	const char *mark = related_target(u, i) >= 0
				   ? (u->ascii ? "> " : "\xE2\x86\x92 ") : "  ";
	const struct nd_text *p = r->provider.name.s ? &r->provider.name
						     : &r->provider.domain;
	char tmp[32];
	int col = 0;

	term_fill(y, x, w, main);
	term_role(main);
	col += term_text(y, x, w, mark, strlen(mark), 0);
	term_role(meta);
	if (w >= 50) {
		ui_content(u, y, x + col, 14, p->s ? p->s : "", p->len, 1);
		col += 15;
	}
	if (w >= 36) {
		if (r->date == ND_TIME_NONE)
			snprintf(tmp, sizeof(tmp), "%-10s", "-");
		else
			nd_date_format(r->date, tmp);
		col += term_text(y, x + col, w - col, tmp, strlen(tmp), 0) + 1;
	}
	term_role(main);
	if (col < w)
		ui_content(u, y, x + col, w - col, r->title.s ? r->title.s : "",
			   r->title.len, 0);
}

void ui_related_draw(struct ui *u)
{
	const struct rect *r = &u->panes[PANE_RELATED];
	size_t n = related_count(u), i;
	char title[64];

	if (!u->pane_visible[PANE_RELATED])
		return;
	sync_related(u);
	snprintf(title, sizeof(title), "Related  %zu%s", n,
		 u->focus == PANE_RELATED ? "" : "  (Tab)");
	ui_pane_title(u, PANE_RELATED, title);
	for (i = 0; i < u->related.height; i++) {
		int y = r->y + 1 + (int)i;

		if (u->related.top + i < n)
			related_row(u, u->related.top + i, y, r->x, r->w);
		else
			term_fill(y, r->x, r->w, ND_ROLE_NORMAL);
	}
}

static int related_open(struct ui *u)
{
	long id;

	if (related_count(u) == 0)
		return RE_NONE;
	id = related_target(u, u->related.cursor);
	if (id >= 0) {
		ui_jump(u, id);
		return RE_RELAYOUT | RE_RESELECT;
	}
	/* Not in this directory: show what the item itself says. */
	u->showing_related = (long)u->related.cursor;
	u->doc_valid = 0;
	u->detail.top = 0;
	u->focus = PANE_DETAIL;
	ui_message(u, 0, "not in this directory: showing the related item "
		   "(q returns)");
	return RE_DOC;
}

/* q, Esc, h, Left: one level up. A related item shown returns to its
 * article; a jump returns to where it started; else the index. */
static int leave(struct ui *u)
{
	if (u->showing_related >= 0) {
		u->showing_related = -1;
		u->doc_valid = 0;
		u->detail.top = 0;
		return RE_DOC;
	}
	if (u->st.nback > 0 &&
	    u->st.back[u->st.nback - 1].level == ND_LEVEL_ARTICLE)
		return ui_back(u);
	u->st.level = ND_LEVEL_INDEX;
	u->focus = PANE_LIST;
	return RE_RELAYOUT | RE_RESELECT;
}

static void article_search_done(struct ui *u, const char *text)
{
	if (text == NULL)
		return;
	if (text[0] == '\0') {
		free(u->find_text);
		u->find_text = NULL;
		return;
	}
	free(u->find_text);
	u->find_text = nd_xstrdup(text);
	ui_doc_search(u, &u->doc, &u->detail, text, 1, 0, &u->find_at);
}

static int article_search(struct ui *u, enum nd_action a)
{
	if (a == ND_ACT_SEARCH) {
		ui_prompt_start(u, "find", "Search article: ", u->find_text,
				COMPLETE_NONE, NULL, article_search_done);
		return RE_NONE;
	}
	if (u->find_text == NULL) {
		ui_message(u, 1, "no search yet: press / to search");
		return RE_NONE;
	}
	ui_doc_search(u, &u->doc, &u->detail, u->find_text,
		      a == ND_ACT_SEARCH_PREV ? -1 : 1, 1, &u->find_at);
	return RE_NONE;
}

static int focused_key(struct ui *u, enum nd_action a)
{
	if (u->focus == PANE_RELATED) {
		sync_related(u);
		if (nd_scroller_act(&u->related, a) >= 0)
			return RE_NONE;
		return a == ND_ACT_OPEN ? related_open(u) : RE_UNBOUND;
	}
	sync_detail(u);
	if (nd_scroller_act(&u->detail, a) >= 0)
		return RE_NONE;
	if (a == ND_ACT_OPEN && u->pane_visible[PANE_RELATED]) {
		u->focus = PANE_RELATED;
		return RE_NONE;
	}
	return RE_UNBOUND;
}

int ui_article_key(struct ui *u, enum nd_action a)
{
	switch (a) {
	case ND_ACT_QUIT:
	case ND_ACT_BACK:
		return leave(u);
	case ND_ACT_FOCUS_NEXT:
	case ND_ACT_FOCUS_PREV:
		if (!u->pane_visible[PANE_RELATED]) {
			ui_message(u, 0, "this article has no related items");
			return RE_NONE;
		}
		u->focus = u->focus == PANE_RELATED ? PANE_DETAIL
						    : PANE_RELATED;
		return RE_NONE;
	case ND_ACT_SEARCH:
	case ND_ACT_SEARCH_NEXT:
	case ND_ACT_SEARCH_PREV:
		return article_search(u, a);
	default:
		return focused_key(u, a);
	}
}

/* Roles to curses attributes, and text drawn clipped to a width. */
#include "ui.h"

#include "newsdesk/base/sanitize.h"
#include "newsdesk/base/utf8.h"

#include <curses.h>
#include <string.h>

static attr_t role_attr[ND_ROLE_COUNT];

static attr_t attrs_of(unsigned a)
{
	attr_t r = A_NORMAL;

	if (a & ND_ATTR_BOLD)
		r |= A_BOLD;
	if (a & ND_ATTR_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & ND_ATTR_REVERSE)
		r |= A_REVERSE;
	if (a & ND_ATTR_DIM)
		r |= A_DIM;
#ifdef A_ITALIC
	if (a & ND_ATTR_ITALIC)
		r |= A_ITALIC;
#endif
	return r;
}

void ui_theme_apply(struct ui *u)
{
	int r, default_ok = 0;

	if (u->ncolors >= 8)
		default_ok = use_default_colors() == OK;
	for (r = 0; r < ND_ROLE_COUNT; r++) {
		struct nd_style s = nd_theme_style(&u->theme, r, u->ncolors);

		role_attr[r] = attrs_of(s.attrs);
		if (u->ncolors < 8 || COLOR_PAIRS <= r + 1)
			continue;
		/* Without default colours, "default" is white on black. */
		if (!default_ok && s.fg < 0)
			s.fg = COLOR_WHITE;
		if (!default_ok && s.bg < 0)
			s.bg = COLOR_BLACK;
		init_pair((short)(r + 1), s.fg, s.bg);
		role_attr[r] |= COLOR_PAIR(r + 1);
	}
}

void ui_role(const struct ui *u, enum nd_role r)
{
	(void)u;
	attrset(role_attr[r < ND_ROLE_COUNT ? r : 0]);
}

int ui_text(int y, int x, int w, const char *s, size_t len, int pad)
{
	size_t used = 0, fit;

	if (w <= 0)
		return 0;
	fit = nd_text_fit(s, len, (size_t)w, &used);
	if (fit > 0)
		mvaddnstr(y, x, s, (int)fit);
	else
		move(y, x);
	if (pad && (int)used < w)
		hline(' ', w - (int)used);
	return (int)used;
}

int ui_content(const struct ui *u, int y, int x, int w, const char *s,
	       size_t len, int pad)
{
	struct nd_buf b = ND_BUF_INIT;
	int used;

	nd_sanitize(&b, s, len, ND_SAN_LINE | (u->ascii ? ND_SAN_ASCII : 0));
	used = ui_text(y, x, w, b.data, b.len, pad);
	nd_buf_release(&b);
	return used;
}

void ui_fill(int y, int x, int w, enum nd_role r, const struct ui *u)
{
	if (w <= 0)
		return;
	ui_role(u, r);
	mvhline(y, x, ' ', w);
}

void ui_pane_title(const struct ui *u, enum ui_pane p, const char *title)
{
	const struct rect *r = &u->panes[p];
	enum nd_role role = u->focus == p ? ND_ROLE_PANE_TITLE_FOCUS
					  : ND_ROLE_PANE_TITLE;

	ui_fill(r->y, r->x, r->w, role, u);
	ui_text(r->y, r->x + 1, r->w - 1, title, strlen(title), 0);
}

/* One doc line: spans in their roles, the gaps in the pane's text role. */
static void doc_line(const struct ui *u, const struct nd_line *l, int y,
		     int x, int w)
{
	size_t at = 0, i;
	int col = 0;

	for (i = 0; i <= l->nspans && col < w; i++) {
		size_t start = i < l->nspans ? l->spans[i].off : l->len;

		if (start > at) {
			ui_role(u, ND_ROLE_DETAIL_TEXT);
			col += ui_text(y, x + col, w - col, l->text + at,
				       start - at, 0);
			at = start;
		}
		if (i < l->nspans && col < w) {
			ui_role(u, l->spans[i].role);
			col += ui_text(y, x + col, w - col, l->text + at,
				       l->spans[i].len, 0);
			at += l->spans[i].len;
		}
	}
}

void ui_doc_lines(const struct ui *u, const struct nd_doc *doc, size_t top,
		  struct rect r)
{
	int row;

	for (row = 0; row < r.h; row++) {
		ui_fill(r.y + row, r.x, r.w, ND_ROLE_NORMAL, u);
		if (top + (size_t)row < doc->count)
			doc_line(u, &doc->lines[top + (size_t)row], r.y + row,
				 r.x, r.w);
	}
}

/* A line editor on the status line, for search and limit queries. */
#include "ui.h"

#include "newsdesk/base/buf.h"
#include "newsdesk/base/sanitize.h"
#include "newsdesk/base/utf8.h"

#include <curses.h>
#include <string.h>

struct line {
	struct nd_buf text;
	size_t cursor; /* byte offset */
};

static size_t prev_char(const struct line *l, size_t at)
{
	while (at > 0) {
		at--;
		if (((unsigned char)l->text.data[at] & 0xC0) != 0x80)
			break;
	}
	return at;
}

static size_t next_char(const struct line *l, size_t at)
{
	uint32_t cp;

	if (at >= l->text.len)
		return at;
	return at + nd_utf8_decode(l->text.data + at, l->text.len - at, &cp);
}

static void erase_range(struct line *l, size_t from, size_t to)
{
	memmove(l->text.data + from, l->text.data + to, l->text.len - to + 1);
	l->text.len -= to - from;
	l->cursor = from;
}

static void insert(struct line *l, int key)
{
	char enc[4];
	size_t n = nd_utf8_encode((uint32_t)key, enc);

	if (nd_buf_grow(&l->text, n) != 0)
		return;
	memmove(l->text.data + l->cursor + n, l->text.data + l->cursor,
		l->text.len - l->cursor + 1);
	memcpy(l->text.data + l->cursor, enc, n);
	l->text.len += n;
	l->cursor += n;
}

static void draw(struct ui *u, const char *label, const struct line *l)
{
	int y = LINES - 1, lw = (int)strlen(label), cw = COLS - lw - 1, x;
	size_t before, skip = 0, off = 0;

	ui_fill(y, 0, COLS, ND_ROLE_STATUS, u);
	ui_role(u, ND_ROLE_PROMPT);
	ui_text(y, 0, COLS, label, strlen(label), 0);
	ui_role(u, ND_ROLE_STATUS);
	/* Keep the cursor on screen: drop text from the left if needed. */
	before = nd_text_width(l->text.data, l->cursor);
	if (cw > 0 && before > (size_t)cw) {
		off = nd_text_fit(l->text.data, l->cursor,
				  before - (size_t)cw, &skip);
		if (skip < before - (size_t)cw)
			off = nd_text_fit(l->text.data, l->cursor,
					  before - (size_t)cw + 2, &skip);
	}
	if (cw > 0)
		ui_content(u, y, lw, cw, l->text.data + off, l->text.len - off,
			   0);
	x = lw + (int)(before - skip);
	move(y, x < COLS - 1 ? x : COLS - 1);
}

/* 1: accepted, 0: cancelled, 2: edited, 3: nothing changed. */
static int edit(struct line *l, int key)
{
	size_t at;

	switch (key) {
	case ND_KEY_ENTER:
		return 1;
	case ND_KEY_ESC:
	case ND_KEY_EOF:
	case ND_KEY_CTRL('g'):
		return 0;
	case ND_KEY_BACKSPACE:
	case ND_KEY_CTRL('h'):
		if (l->cursor == 0)
			return 3;
		erase_range(l, prev_char(l, l->cursor), l->cursor);
		return 2;
	case ND_KEY_DELETE:
	case ND_KEY_CTRL('d'):
		if (l->cursor >= l->text.len)
			return 3;
		erase_range(l, l->cursor, next_char(l, l->cursor));
		return 2;
	case ND_KEY_LEFT:
	case ND_KEY_CTRL('b'):
		l->cursor = prev_char(l, l->cursor);
		return 3;
	case ND_KEY_RIGHT:
	case ND_KEY_CTRL('f'):
		l->cursor = next_char(l, l->cursor);
		return 3;
	case ND_KEY_HOME:
	case ND_KEY_CTRL('a'):
		l->cursor = 0;
		return 3;
	case ND_KEY_END:
	case ND_KEY_CTRL('e'):
		l->cursor = l->text.len;
		return 3;
	case ND_KEY_CTRL('u'):
		erase_range(l, 0, l->cursor);
		return 2;
	case ND_KEY_CTRL('w'):
		at = l->cursor;
		while (at > 0 && l->text.data[at - 1] == ' ')
			at--;
		while (at > 0 && l->text.data[at - 1] != ' ')
			at--;
		erase_range(l, at, l->cursor);
		return 2;
	default:
		if (key >= 0x20 && key < ND_KEY_BASE && key != 0x7F) {
			insert(l, key);
			return 2;
		}
		return 3;
	}
}

char *ui_prompt(struct ui *u, const char *label, const char *initial,
		ui_prompt_fn on_change, void *ctx)
{
	struct line l;
	int key, r;

	nd_buf_init(&l.text, 4096);
	nd_buf_adds(&l.text, initial ? initial : "");
	l.cursor = l.text.len;
	curs_set(1);
	for (;;) {
		draw(u, label, &l);
		refresh();
		key = ui_read_key();
		if (key == ND_KEY_RESIZE) {
			ui_layout(u);
			continue;
		}
		r = edit(&l, key);
		if (r == 0 || r == 1)
			break;
		if (r == 2 && on_change != NULL) {
			on_change(u, l.text.data, ctx);
			ui_list_draw(u);
			ui_detail_draw(u);
			ui_related_draw(u);
			ui_header_draw(u);
		}
	}
	curs_set(0);
	if (r == 0) {
		nd_buf_release(&l.text);
		return NULL;
	}
	return nd_buf_detach(&l.text, NULL);
}

int ui_choose(struct ui *u, const char *label)
{
	int key;

	ui_fill(LINES - 1, 0, COLS, ND_ROLE_STATUS, u);
	ui_role(u, ND_ROLE_PROMPT);
	ui_text(LINES - 1, 0, COLS, label, strlen(label), 0);
	refresh();
	do
		key = ui_read_key();
	while (key == ND_KEY_RESIZE);
	return key == ND_KEY_ESC || key == ND_KEY_CTRL('g') ? -1 : key;
}

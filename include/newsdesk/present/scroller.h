/*
 * scroller: the one way every list and text view of the desk moves.
 *
 * A list has a cursor (the selected row) and a window of height rows that
 * follows it; a text has only the window. The same actions mean the same
 * everywhere: down/up one line, page-down/page-up a window less one line
 * (one line stays for context, as in less and mutt), half-down/half-up
 * half a window, top/bottom the ends. The window never shows blank rows
 * below the end when there is more above. No curses; plain numbers.
 */
#ifndef NEWSDESK_SCROLLER_H
#define NEWSDESK_SCROLLER_H

#include <stddef.h>

#include "newsdesk/present/keys.h"

struct nd_scroller {
	size_t count;  /* rows (a list) or lines (a text) */
	size_t height; /* rows on screen; 0 is allowed (nothing shows) */
	size_t cursor; /* the selected row of a list; 0 when empty */
	size_t top;    /* first row on screen */
	int list;      /* 1: the cursor moves, the window follows */
};

/* Applies a movement action. Returns 1 when cursor or top changed, 0
 * when it was a movement with nothing to do (at an end), -1 when a is
 * not a movement action. */
int nd_scroller_act(struct nd_scroller *s, enum nd_action a);
/* Puts the cursor (a list) or the window's top (a text) on row. */
void nd_scroller_goto(struct nd_scroller *s, size_t row);
/* After count or height changed: cursor within the rows, window within
 * the text, the cursor inside the window. */
void nd_scroller_clamp(struct nd_scroller *s);
/* Rows a page moves: height less one, at least one. */
size_t nd_scroller_page(const struct nd_scroller *s);

#endif

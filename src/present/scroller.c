#include "newsdesk/present/scroller.h"

size_t nd_scroller_page(const struct nd_scroller *s)
{
	return s->height > 1 ? s->height - 1 : 1;
}

static size_t half(const struct nd_scroller *s)
{
	return s->height / 2 ? s->height / 2 : 1;
}

static size_t last_top(const struct nd_scroller *s)
{
	return s->count > s->height ? s->count - s->height : 0;
}

void nd_scroller_clamp(struct nd_scroller *s)
{
	if (s->list) {
		if (s->cursor >= s->count)
			s->cursor = s->count ? s->count - 1 : 0;
		/* No rows to show: the cursor is the top. */
		if (s->cursor < s->top || s->height == 0)
			s->top = s->cursor;
		else if (s->cursor >= s->top + s->height)
			s->top = s->cursor - s->height + 1;
	}
	if (s->top > last_top(s))
		s->top = last_top(s);
	/* a list whose window was pulled up must still show the cursor */
	if (s->list && s->height > 0 && s->cursor >= s->top + s->height)
		s->top = s->cursor - s->height + 1;
}

void nd_scroller_goto(struct nd_scroller *s, size_t row)
{
	if (s->list)
		s->cursor = row;
	else
		s->top = row;
	nd_scroller_clamp(s);
}

/* Moves by delta rows: a list moves its cursor and, for a page, its
 * window with it (the cursor keeps its place on screen, as in mutt); a
 * text moves its window. */
static void move(struct nd_scroller *s, long delta, int window_too)
{
	size_t *at = s->list ? &s->cursor : &s->top;
	size_t d = (size_t)(delta < 0 ? -delta : delta);

	if (delta < 0)
		*at = *at > d ? *at - d : 0;
	else
		*at = *at + d;
	if (s->list && window_too) {
		if (delta < 0)
			s->top = s->top > d ? s->top - d : 0;
		else
			s->top = s->top + d;
	}
	nd_scroller_clamp(s);
}

int nd_scroller_act(struct nd_scroller *s, enum nd_action a)
{
	size_t cursor = s->cursor, top = s->top;

	switch (a) {
	case ND_ACT_DOWN:
		move(s, 1, 0);
		break;
	case ND_ACT_UP:
		move(s, -1, 0);
		break;
	case ND_ACT_PAGE_DOWN:
		move(s, (long)nd_scroller_page(s), 1);
		break;
	case ND_ACT_PAGE_UP:
		move(s, -(long)nd_scroller_page(s), 1);
		break;
	case ND_ACT_HALF_DOWN:
		move(s, (long)half(s), 1);
		break;
	case ND_ACT_HALF_UP:
		move(s, -(long)half(s), 1);
		break;
	case ND_ACT_TOP:
		s->top = 0;
		nd_scroller_goto(s, 0);
		break;
	case ND_ACT_BOTTOM:
		nd_scroller_goto(s, s->list ? (s->count ? s->count - 1 : 0)
					    : last_top(s));
		break;
	default:
		return -1;
	}
	return s->cursor != cursor || s->top != top;
}

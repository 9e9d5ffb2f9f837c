#include "newsdesk/present/lineedit.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/utf8.h"
#include "newsdesk/present/keys.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void nd_lineedit_init(struct nd_lineedit *e)
{
	memset(e, 0, sizeof(*e));
	nd_buf_init(&e->text, ND_LINEEDIT_MAX);
}

static void free_recall(struct nd_lineedit *e)
{
	size_t i;

	for (i = 0; i < e->nrecall; i++)
		free(e->recall[i]);
	free(e->recall);
	e->recall = NULL;
	e->nrecall = e->recall_at = 0;
}

void nd_lineedit_release(struct nd_lineedit *e)
{
	nd_buf_release(&e->text);
	free_recall(e);
	free(e->typed);
	memset(e, 0, sizeof(*e));
}

void nd_lineedit_set(struct nd_lineedit *e, const char *s)
{
	nd_buf_reset(&e->text);
	nd_buf_adds(&e->text, s);
	e->cursor = e->text.len;
}

void nd_lineedit_set_recall(struct nd_lineedit *e, const char *const *items,
			    size_t n)
{
	size_t i;

	free_recall(e);
	e->recall = nd_xcalloc(n ? n : 1, sizeof(*e->recall));
	for (i = 0; i < n; i++)
		e->recall[i] = nd_xstrdup(items[i]);
	e->nrecall = e->recall_at = n;
}

static size_t prev_char(const struct nd_lineedit *e, size_t at)
{
	while (at > 0) {
		at--;
		if (((unsigned char)e->text.data[at] & 0xC0) != 0x80)
			break;
	}
	return at;
}

static size_t next_char(const struct nd_lineedit *e, size_t at)
{
	uint32_t cp;

	if (at >= e->text.len)
		return at;
	return at + nd_utf8_decode(e->text.data + at, e->text.len - at, &cp);
}

static enum nd_edit_result erase(struct nd_lineedit *e, size_t from,
				 size_t to)
{
	if (from == to)
		return ND_EDIT_MOVED;
	memmove(e->text.data + from, e->text.data + to, e->text.len - to + 1);
	e->text.len -= to - from;
	e->cursor = from;
	return ND_EDIT_CHANGED;
}

static enum nd_edit_result insert(struct nd_lineedit *e, const char *s,
				  size_t n)
{
	/* At the cap the key is refused, as with any outside input. */
	if (e->text.len + n > ND_LINEEDIT_MAX || nd_buf_grow(&e->text, n))
		return ND_EDIT_MOVED;
	memmove(e->text.data + e->cursor + n, e->text.data + e->cursor,
		e->text.len - e->cursor + 1);
	memcpy(e->text.data + e->cursor, s, n);
	e->text.len += n;
	e->cursor += n;
	return ND_EDIT_CHANGED;
}

static size_t word_back(const struct nd_lineedit *e)
{
	size_t at = e->cursor;

	while (at > 0 && e->text.data[at - 1] == ' ')
		at--;
	while (at > 0 && e->text.data[at - 1] != ' ')
		at--;
	return at;
}

/* Up and Down: the line being typed is kept while older ones show. */
static enum nd_edit_result recall(struct nd_lineedit *e, int dir)
{
	size_t to = e->recall_at;

	if (dir < 0 && to > 0)
		to--;
	else if (dir > 0 && to < e->nrecall)
		to++;
	if (to == e->recall_at)
		return ND_EDIT_MOVED;
	if (e->recall_at == e->nrecall) {
		free(e->typed);
		e->typed = nd_xstrdup(e->text.data);
	}
	e->recall_at = to;
	nd_lineedit_set(e, to < e->nrecall ? e->recall[to]
			   : e->typed ? e->typed : "");
	return ND_EDIT_CHANGED;
}

static enum nd_edit_result moving(struct nd_lineedit *e, int key)
{
	switch (key) {
	case ND_KEY_LEFT:
	case ND_KEY_CTRL('b'):
		e->cursor = prev_char(e, e->cursor);
		return ND_EDIT_MOVED;
	case ND_KEY_RIGHT:
	case ND_KEY_CTRL('f'):
		e->cursor = next_char(e, e->cursor);
		return ND_EDIT_MOVED;
	case ND_KEY_HOME:
	case ND_KEY_CTRL('a'):
		e->cursor = 0;
		return ND_EDIT_MOVED;
	case ND_KEY_END:
	case ND_KEY_CTRL('e'):
		e->cursor = e->text.len;
		return ND_EDIT_MOVED;
	case ND_KEY_UP:
	case ND_KEY_CTRL('p'):
		return recall(e, -1);
	case ND_KEY_DOWN:
	case ND_KEY_CTRL('n'):
		return recall(e, 1);
	default:
		return ND_EDIT_IGNORED;
	}
}

static enum nd_edit_result deleting(struct nd_lineedit *e, int key)
{
	switch (key) {
	case ND_KEY_BACKSPACE:
	case ND_KEY_CTRL('h'):
		return erase(e, prev_char(e, e->cursor), e->cursor);
	case ND_KEY_DELETE:
	case ND_KEY_CTRL('d'):
		return erase(e, e->cursor, next_char(e, e->cursor));
	case ND_KEY_CTRL('w'):
		return erase(e, word_back(e), e->cursor);
	case ND_KEY_CTRL('u'):
		return erase(e, 0, e->cursor);
	case ND_KEY_CTRL('k'):
		return erase(e, e->cursor, e->text.len);
	default:
		return ND_EDIT_IGNORED;
	}
}

enum nd_edit_result nd_lineedit_key(struct nd_lineedit *e, int key)
{
	enum nd_edit_result r;
	char enc[4];

	switch (key) {
	case ND_KEY_ENTER:
		return ND_EDIT_ACCEPT;
	case ND_KEY_ESC:
	case ND_KEY_CTRL('g'):
	case ND_KEY_EOF:
		return ND_EDIT_CANCEL;
	case ND_KEY_TAB:
		return ND_EDIT_COMPLETE;
	default:
		break;
	}
	r = moving(e, key);
	if (r == ND_EDIT_IGNORED)
		r = deleting(e, key);
	if (r == ND_EDIT_IGNORED && key >= 0x20 && key < ND_KEY_BASE &&
	    key != 0x7F && !(key >= 0x80 && key < 0xA0))
		r = insert(e, enc, nd_utf8_encode((uint32_t)key, enc));
	return r;
}

size_t nd_lineedit_word_start(const struct nd_lineedit *e)
{
	size_t at = e->cursor;

	while (at > 0 && e->text.data[at - 1] != ' ' &&
	       e->text.data[at - 1] != '(' && e->text.data[at - 1] != ':')
		at--;
	return at;
}

static size_t agree(const char *a, const char *b, size_t n)
{
	size_t i = 0;

	while (i < n && a[i] != '\0' && a[i] == b[i])
		i++;
	return i;
}

size_t nd_lineedit_complete(struct nd_lineedit *e, const char *const *words,
			    size_t n)
{
	size_t start = nd_lineedit_word_start(e), len = e->cursor - start;
	const char *word = e->text.data + start, *first = NULL;
	size_t i, matched = 0, common = 0;

	for (i = 0; i < n; i++) {
		if (strncmp(words[i], word, len) != 0)
			continue;
		if (matched++ == 0) {
			first = words[i];
			common = strlen(first);
		} else {
			common = agree(first, words[i], common);
		}
	}
	if (matched > 0 && common > len) {
		char *add = nd_xmemdup(first + len, common - len);

		insert(e, add, common - len);
		free(add);
	}
	return matched;
}

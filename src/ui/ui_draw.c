/* Drawing helpers over the terminal: content through the sanitizer, pane
 * titles, laid-out docs with search matches marked, the status line. */
#include "ui.h"

#include "newsdesk/base/sanitize.h"
#include "newsdesk/base/utf8.h"

#include <string.h>

int ui_content(const struct ui *u, int y, int x, int w, const char *s,
	       size_t len, int pad)
{
	struct nd_buf b = ND_BUF_INIT;
	int used;

	nd_sanitize(&b, s, len, ND_SAN_LINE | (u->ascii ? ND_SAN_ASCII : 0));
	used = term_text(y, x, w, b.data, b.len, pad);
	nd_buf_release(&b);
	return used;
}

void ui_pane_title(const struct ui *u, enum ui_pane p, const char *title)
{
	const struct rect *r = &u->panes[p];
	enum nd_role role = u->focus == p ? ND_ROLE_PANE_TITLE_FOCUS
					  : ND_ROLE_PANE_TITLE;

	term_fill(r->y, r->x, r->w, role);
	term_text(r->y, r->x + 1, r->w - 1, title, strlen(title), 0);
}

/* Where the folded needle next occurs in a line, as a byte offset and
 * length in the line; -1 when it does not. Case is folded one byte at a
 * time for ASCII only, so offsets stay those of the line. */
static long find_mark(const char *s, size_t len, const char *needle,
		      size_t from, size_t *mlen)
{
	size_t n = strlen(needle), i, k;

	if (n == 0)
		return -1;
	for (i = from; i + n <= len; i++) {
		for (k = 0; k < n; k++) {
			unsigned char a = (unsigned char)s[i + k];
			unsigned char b = (unsigned char)needle[k];

			if (a >= 'A' && a <= 'Z')
				a = (unsigned char)(a + 32);
			if (b >= 'A' && b <= 'Z')
				b = (unsigned char)(b + 32);
			if (a != b)
				break;
		}
		if (k == n) {
			*mlen = n;
			return (long)i;
		}
	}
	return -1;
}

/* Draws bytes [at, end) of a line in role, with the search matches in
 * them in the search role; returns the columns used. */
static int run(const char *s, size_t at, size_t end, enum nd_role role,
	       const char *mark, int y, int x, int w)
{
	size_t mlen = 0;
	long m;
	int col = 0;

	while (at < end && col < w) {
		m = mark ? find_mark(s, end, mark, at, &mlen) : -1;
		if (m < 0)
			m = (long)end;
		term_role(role);
		col += term_text(y, x + col, w - col, s + at, (size_t)m - at, 0);
		at = (size_t)m;
		if (at < end && col < w) {
			term_role_marked(role);
			col += term_text(y, x + col, w - col, s + at, mlen, 0);
			at += mlen;
		}
	}
	return col;
}

/* One doc line: spans in their roles, the gaps in the pane's text role. */
static void doc_line(const struct nd_line *l, int y, int x, int w,
		     const char *mark)
{
	size_t at = 0, i;
	int col = 0;

	for (i = 0; i <= l->nspans && col < w; i++) {
		size_t start = i < l->nspans ? l->spans[i].off : l->len;

		if (start > at) {
			col += run(l->text, at, start, ND_ROLE_DETAIL_TEXT,
				   mark, y, x + col, w - col);
			at = start;
		}
		if (i < l->nspans && col < w) {
			col += run(l->text, at, at + l->spans[i].len,
				   l->spans[i].role, mark, y, x + col,
				   w - col);
			at += l->spans[i].len;
		}
	}
}

void ui_doc_lines(const struct ui *u, const struct nd_doc *doc, size_t top,
		  struct rect r, const char *mark)
{
	int row;

	(void)u;
	for (row = 0; row < r.h; row++) {
		term_fill(r.y + row, r.x, r.w, ND_ROLE_NORMAL);
		if (top + (size_t)row < doc->count)
			doc_line(&doc->lines[top + (size_t)row], r.y + row,
				 r.x, r.w, mark && mark[0] ? mark : NULL);
	}
}

/* The bottom line: a running job, the message, or the mode's hint. */
void ui_status_line(struct ui *u, const char *hint)
{
	int y = u->rows - 1;
	char line[400];

	if (ui_bulk_running(u)) {
		ui_bulk_status(u, line, sizeof(line));
		term_fill(y, 0, u->cols, ND_ROLE_STATUS);
		ui_content(u, y, 0, u->cols, line, strlen(line), 0);
		return;
	}
	if (u->job != NULL && !u->st.message[0]) {
		ui_job_status(u, line, sizeof(line));
		term_fill(y, 0, u->cols, ND_ROLE_STATUS);
		ui_content(u, y, 0, u->cols, line, strlen(line), 0);
		return;
	}
	if (u->st.message[0]) {
		term_fill(y, 0, u->cols, u->st.message_error
					     ? ND_ROLE_STATUS_ERROR
					     : ND_ROLE_STATUS);
		ui_content(u, y, 0, u->cols, u->st.message,
			   strlen(u->st.message), 0);
		return;
	}
	term_fill(y, 0, u->cols, ND_ROLE_STATUS);
	term_role(ND_ROLE_LIST_META);
	term_text(y, 0, u->cols, hint, strlen(hint), 0);
}

int ui_content_marked(const struct ui *u, int y, int x, int w,
		      const char *s, size_t len, enum nd_role role,
		      const char *mark)
{
	struct nd_buf b = ND_BUF_INIT;
	int used;

	nd_sanitize(&b, s, len, ND_SAN_LINE | (u->ascii ? ND_SAN_ASCII : 0));
	used = run(b.data, 0, b.len, role, mark && mark[0] ? mark : NULL, y,
		   x, w);
	nd_buf_release(&b);
	return used;
}

static int line_has(const struct nd_line *l, const struct nd_buf *fold)
{
	return nd_fold_contains(l->text, l->len, fold->data, fold->len);
}

void ui_doc_search(struct ui *u, const struct nd_doc *doc,
		   struct nd_scroller *s, const char *needle, int dir,
		   int again, size_t *found)
{
	struct nd_buf fold = ND_BUF_INIT;
	size_t i, n = doc->count, at = 0, total = 0, nth = 0, line;

	if (needle == NULL || needle[0] == '\0' || n == 0)
		return;
	nd_casefold(&fold, needle, strlen(needle));
	for (i = 0; i < n; i++)
		total += line_has(&doc->lines[i], &fold) != 0;
	/* from the last match (the window may not move on a short text) */
	if (!again || *found >= n)
		*found = s->top;
	for (i = again ? 1 : 0; total && i <= n; i++) {
		line = (*found + (dir > 0 ? i : n - i)) % n;
		if (line_has(&doc->lines[line], &fold)) {
			at = line;
			break;
		}
	}
	if (total == 0) {
		ui_message(u, 1, "not found: %s", needle);
		nd_buf_release(&fold);
		return;
	}
	for (i = 0; i <= at; i++)
		nth += line_has(&doc->lines[i], &fold) != 0;
	*found = at;
	s->top = at;
	nd_scroller_clamp(s);
	/* a match near the end shows below the top: the count still holds */
	ui_message(u, 0, "%zu/%zu: %s", nth, total, needle);
	nd_buf_release(&fold);
}

#include "newsdesk/present/doc.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/sanitize.h"
#include "newsdesk/base/str.h"
#include "newsdesk/base/utf8.h"
#include "newsdesk/present/wrap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void nd_doc_init(struct nd_doc *doc, size_t width, int san_flags)
{
	memset(doc, 0, sizeof(*doc));
	nd_buf_init(&doc->para, 0);
	doc->width = width ? width : 1;
	doc->san_flags = san_flags;
}

void nd_doc_release(struct nd_doc *doc)
{
	size_t i;

	for (i = 0; i < doc->count; i++) {
		free(doc->lines[i].text);
		free(doc->lines[i].spans);
	}
	for (i = 0; i < doc->nlinks; i++)
		free(doc->links[i]);
	free(doc->links);
	free(doc->lines);
	free(doc->pspans);
	nd_buf_release(&doc->para);
	nd_doc_init(doc, doc->width, doc->san_flags);
}

static void add_pspan(struct nd_doc *doc, size_t off, size_t len,
		      enum nd_role role)
{
	struct nd_span *last = doc->npspans ? &doc->pspans[doc->npspans - 1]
					    : NULL;

	if (len == 0)
		return;
	if (last != NULL && last->role == role && last->off + last->len == off) {
		last->len += (uint32_t)len;
		return;
	}
	nd_grow(&doc->pspans, &doc->pspans_cap, doc->npspans + 1,
		sizeof(*doc->pspans));
	doc->pspans[doc->npspans].off = (uint32_t)off;
	doc->pspans[doc->npspans].len = (uint32_t)len;
	doc->pspans[doc->npspans++].role = role;
}

void nd_doc_text(struct nd_doc *doc, enum nd_role role, const char *s,
		 size_t len)
{
	size_t before = doc->para.len;

	nd_sanitize(&doc->para, s, len, ND_SAN_LINE | doc->san_flags);
	add_pspan(doc, before, doc->para.len - before, role);
}

void nd_doc_break(struct nd_doc *doc)
{
	nd_buf_addc(&doc->para, '\n');
}

static struct nd_line *new_line(struct nd_doc *doc)
{
	struct nd_line *l;

	nd_grow(&doc->lines, &doc->cap, doc->count + 1, sizeof(*doc->lines));
	l = &doc->lines[doc->count++];
	memset(l, 0, sizeof(*l));
	return l;
}

/* Room for n spans, taken at once: every line knows how many spans it
 * gets before it takes them, so none grows one by one. */
static void line_spans_alloc(struct nd_line *l, size_t n)
{
	if (n != 0)
		l->spans = nd_xcalloc(n, sizeof(*l->spans));
}

/* Appends a span to a line that has room for it (line_spans_alloc). */
static void line_span(struct nd_line *l, size_t off, size_t len,
		      enum nd_role role)
{
	if (len == 0)
		return;
	l->spans[l->nspans].off = (uint32_t)off;
	l->spans[l->nspans].len = (uint32_t)len;
	l->spans[l->nspans++].role = role;
}

struct wrap_ctx {
	struct nd_doc *doc;
	size_t indent;
	const char *prefix;
	size_t prefix_len, prefix_width;
	enum nd_role prefix_role;
	int first;
	/* The first paragraph span that may reach the next line: lines come
	 * in order, so the spans before it ended before it. */
	size_t span;
};

static size_t span_end(const struct nd_span *sp)
{
	return (size_t)sp->off + sp->len;
}

/* Moves c->span past the paragraph spans that end by lo, then counts
 * those from it on that start before hi: the spans of the line [lo, hi).
 * A span is looked at once for every line it reaches (and once more when
 * passed), so wrapping is linear in the paragraph, not lines x spans. */
static size_t spans_until(struct wrap_ctx *c, size_t lo, size_t hi)
{
	const struct nd_doc *doc = c->doc;
	size_t i;

	while (c->span < doc->npspans && span_end(&doc->pspans[c->span]) <= lo)
		c->span++;
	i = c->span;
	while (i < doc->npspans && doc->pspans[i].off < hi)
		i++;
	return i - c->span;
}

/* Copies one wrapped slice of the paragraph into a new line, with the
 * spans that overlap it. */
static int emit(void *arg, const char *s, size_t len)
{
	struct wrap_ctx *c = arg;
	struct nd_doc *doc = c->doc;
	size_t lo = (size_t)(s - doc->para.data), hi = lo + len, i, pre, n;
	struct nd_buf text = ND_BUF_INIT;
	struct nd_line *l = new_line(doc);
	int prefixed = c->first && c->prefix_len != 0;

	n = spans_until(c, lo, hi);
	line_spans_alloc(l, n + (size_t)prefixed);
	nd_buf_pad(&text, ' ', c->indent);
	if (prefixed) {
		nd_buf_add(&text, c->prefix, c->prefix_len);
		line_span(l, c->indent, c->prefix_len, c->prefix_role);
	} else {
		nd_buf_pad(&text, ' ', c->prefix_width);
	}
	pre = text.len;
	nd_buf_add(&text, s, len);
	for (i = c->span; i < c->span + n; i++) {
		const struct nd_span *sp = &doc->pspans[i];
		size_t a = sp->off > lo ? sp->off : lo;
		size_t b = span_end(sp) < hi ? span_end(sp) : hi;

		if (a < b)
			line_span(l, pre + a - lo, b - a, sp->role);
	}
	l->text = nd_buf_detach(&text, &l->len);
	c->first = 0;
	return 0;
}

/* Deeply nested lists and quotes would push text off the pane: the
 * indent stops growing at half the width. */
static size_t cap_indent(const struct nd_doc *doc, size_t indent)
{
	return indent > doc->width / 2 ? doc->width / 2 : indent;
}

void nd_doc_end_para(struct nd_doc *doc, size_t indent, const char *prefix,
		     enum nd_role prefix_role)
{
	size_t plen = prefix ? strlen(prefix) : 0;
	size_t pw = prefix ? nd_text_width(prefix, plen) : 0;
	struct wrap_ctx c = { doc, cap_indent(doc, indent), prefix, plen, pw,
			      prefix_role, 1, 0 };
	size_t width = doc->width > c.indent + pw + 8
			       ? doc->width - c.indent - pw
			       : 8;

	if (doc->para.len > 0)
		nd_wrap(doc->para.data, doc->para.len, width, emit, &c);
	nd_buf_reset(&doc->para);
	doc->npspans = 0;
}

void nd_doc_line(struct nd_doc *doc, size_t indent, enum nd_role role,
		 const char *s, size_t len)
{
	struct nd_buf text = ND_BUF_INIT;
	struct nd_line *l = new_line(doc);
	size_t used;

	if (l == NULL)
		return;
	indent = cap_indent(doc, indent);
	nd_buf_pad(&text, ' ', indent);
	nd_sanitize(&text, s, len, ND_SAN_LINE | doc->san_flags);
	/* Cut at the width: preformatted text is not wrapped. */
	text.len = nd_text_fit(text.data, text.len, doc->width, &used);
	text.data[text.len] = '\0';
	if (text.len > indent) {
		line_spans_alloc(l, 1);
		line_span(l, indent, text.len - indent, role);
	}
	l->text = nd_buf_detach(&text, &l->len);
}

void nd_doc_blank(struct nd_doc *doc)
{
	/* Never two blank lines in a row, never one at the top. */
	if (doc->count == 0 || doc->lines[doc->count - 1].len == 0)
		return;
	nd_doc_line(doc, 0, ND_ROLE_NORMAL, "", 0);
}

size_t nd_doc_link(struct nd_doc *doc, const char *url, size_t len)
{
	char *copy;

	nd_grow(&doc->links, &doc->links_cap, doc->nlinks + 1,
		sizeof(*doc->links));
	copy = nd_xmalloc(len + 1);
	memcpy(copy, url, len);
	copy[len] = '\0';
	doc->links[doc->nlinks++] = copy;
	return doc->nlinks;
}

void nd_doc_links(struct nd_doc *doc)
{
	char num[24];
	size_t i;

	if (doc->nlinks == 0)
		return;
	nd_doc_blank(doc);
	nd_doc_text(doc, ND_ROLE_DETAIL_LABEL, ND_LIT("Links"));
	nd_doc_end_para(doc, 0, NULL, ND_ROLE_NORMAL);
	for (i = 0; i < doc->nlinks; i++) {
		snprintf(num, sizeof(num), "[%zu] ", i + 1);
		nd_doc_text(doc, ND_ROLE_DETAIL_URL, doc->links[i],
			    strlen(doc->links[i]));
		nd_doc_end_para(doc, 0, num, ND_ROLE_MD_LINK);
	}
}

#define MAX_TABLE_COLS 32

static const char *next_cell(const char *cell, size_t *len)
{
	const char *tab = strchr(cell, '\t');

	*len = tab ? (size_t)(tab - cell) : strlen(cell);
	return tab ? tab + 1 : NULL;
}

void nd_doc_table(struct nd_doc *doc, char *const *rows, size_t nrows,
		  size_t indent)
{
	size_t widths[MAX_TABLE_COLS] = { 0 }, r, c, w, len;
	struct nd_buf line = ND_BUF_INIT;
	const char *cell, *next;

	for (r = 0; r < nrows; r++) {
		for (c = 0, cell = rows[r]; cell && c < MAX_TABLE_COLS;
		     c++, cell = next) {
			next = next_cell(cell, &len);
			w = nd_text_width(cell, len);
			if (w > widths[c])
				widths[c] = w;
		}
	}
	for (r = 0; r < nrows; r++) {
		nd_buf_reset(&line);
		for (c = 0, cell = rows[r]; cell && c < MAX_TABLE_COLS;
		     c++, cell = next) {
			next = next_cell(cell, &len);
			if (c > 0)
				nd_buf_adds(&line, " \xE2\x94\x82 ");
			nd_buf_add(&line, cell, len);
			if (next != NULL)
				nd_buf_pad(&line, ' ', widths[c] -
					   nd_text_width(cell, len));
		}
		nd_doc_line(doc, indent, r == 0 ? ND_ROLE_MD_STRONG
					     : ND_ROLE_DETAIL_TEXT,
			    line.data, line.len);
	}
	nd_buf_release(&line);
	nd_doc_blank(doc);
}

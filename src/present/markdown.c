/*
 * Markdown -> doc, on md4c's callbacks. md4c does the parsing (a
 * CommonMark-conformant, well-kept parser); this file only decides how
 * each block and span looks in a terminal.
 */
#include "newsdesk/present/doc.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/sanitize.h"
#include "newsdesk/base/str.h"
#include "newsdesk/base/utf8.h"
#include "newsdesk/present/blocks.h"

#include <md4c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COLS 32

struct table {
	struct nd_buf cells[MAX_COLS]; /* the current row */
	unsigned ncells;
	char **rows; /* finished rows: cells joined with '\t' */
	size_t nrows, cap;
};

struct md {
	struct nd_doc *doc;
	struct nd_blocks b; /* roles, lists, quotes: shared with html.c */
	int in_code, in_cell, tight;
	struct nd_buf code;
	struct table table;
	struct nd_buf href;
};

static enum nd_role role(const struct md *m)
{
	return nd_blocks_role(&m->b);
}

static size_t indent(const struct md *m)
{
	return nd_blocks_indent(&m->b);
}

static void flush(struct md *m)
{
	nd_blocks_flush(&m->b);
}

static void table_row_done(struct md *m)
{
	struct table *t = &m->table;
	struct nd_buf row = ND_BUF_INIT;
	unsigned i;

	for (i = 0; i < t->ncells; i++) {
		if (i > 0)
			nd_buf_addc(&row, '\t');
		nd_buf_add(&row, t->cells[i].data,
			   t->cells[i].len);
		nd_buf_reset(&t->cells[i]);
	}
	t->ncells = 0;
	nd_grow(&t->rows, &t->cap, t->nrows + 1, sizeof(*t->rows));
	t->rows[t->nrows++] = nd_buf_detach(&row, NULL);
}

static void table_done(struct md *m)
{
	struct table *t = &m->table;
	size_t r;

	nd_doc_table(m->doc, t->rows, t->nrows, indent(m));
	for (r = 0; r < t->nrows; r++)
		free(t->rows[r]);
	free(t->rows);
	/* The cell buffers stay for the next table; nd_doc_markdown frees. */
	t->rows = NULL;
	t->nrows = t->cap = 0;
	t->ncells = 0;
}

static void code_done(struct md *m)
{
	const char *p = m->code.data, *end, *nl;

	end = p + m->code.len;
	while (p != NULL && p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		nd_doc_line(m->doc, indent(m) + 4, ND_ROLE_MD_CODE, p,
			    nl ? (size_t)(nl - p) : (size_t)(end - p));
		p = nl ? nl + 1 : NULL;
	}
	nd_buf_reset(&m->code);
	nd_doc_blank(m->doc);
}

static int enter_block(MD_BLOCKTYPE type, void *detail, void *arg)
{
	struct md *m = arg;

	switch (type) {
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		nd_blocks_list_enter(&m->b, type == MD_BLOCK_OL,
				     type == MD_BLOCK_OL
					     ? ((MD_BLOCK_OL_DETAIL *)detail)->start
					     : 0);
		m->tight = type == MD_BLOCK_UL
				   ? ((MD_BLOCK_UL_DETAIL *)detail)->is_tight
				   : ((MD_BLOCK_OL_DETAIL *)detail)->is_tight;
		break;
	case MD_BLOCK_LI:
		nd_blocks_item(&m->b);
		break;
	case MD_BLOCK_QUOTE:
		nd_blocks_quote_enter(&m->b);
		break;
	case MD_BLOCK_H:
		flush(m);
		nd_blocks_push_role(&m->b, ND_ROLE_MD_HEADING);
		break;
	case MD_BLOCK_CODE:
		flush(m);
		m->in_code = 1;
		break;
	case MD_BLOCK_HR:
		flush(m);
		break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD:
		m->in_cell = 1;
		break;
	default:
		break;
	}
	return 0;
}

static void hr(struct md *m)
{
	struct nd_buf b = ND_BUF_INIT;
	size_t i, n = m->doc->width > 40 ? 40 : m->doc->width;

	for (i = 0; i < n; i++)
		nd_buf_adds(&b, "\xE2\x94\x80");
	nd_doc_line(m->doc, 0, ND_ROLE_BORDER, b.data, b.len);
	nd_buf_release(&b);
	nd_doc_blank(m->doc);
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *arg)
{
	struct md *m = arg;

	(void)detail;
	switch (type) {
	case MD_BLOCK_P:
		flush(m);
		if (m->b.nlists == 0 || !m->tight)
			nd_doc_blank(m->doc);
		break;
	case MD_BLOCK_H:
		flush(m);
		nd_blocks_pop_role(&m->b);
		nd_doc_blank(m->doc);
		break;
	case MD_BLOCK_LI:
		flush(m);
		break;
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		nd_blocks_list_leave(&m->b);
		break;
	case MD_BLOCK_QUOTE:
		nd_blocks_quote_leave(&m->b);
		break;
	case MD_BLOCK_CODE:
		m->in_code = 0;
		code_done(m);
		break;
	case MD_BLOCK_HR:
		hr(m);
		break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD:
		m->in_cell = 0;
		if (m->table.ncells < MAX_COLS)
			m->table.ncells++;
		break;
	case MD_BLOCK_TR:
		table_row_done(m);
		break;
	case MD_BLOCK_TABLE:
		table_done(m);
		break;
	default:
		break;
	}
	return 0;
}

static int enter_span(MD_SPANTYPE type, void *detail, void *arg)
{
	struct md *m = arg;
	MD_SPAN_A_DETAIL *a = detail;

	switch (type) {
	case MD_SPAN_EM:
		nd_blocks_push_role(&m->b, ND_ROLE_MD_EMPH);
		break;
	case MD_SPAN_STRONG:
		nd_blocks_push_role(&m->b, ND_ROLE_MD_STRONG);
		break;
	case MD_SPAN_CODE:
		nd_blocks_push_role(&m->b, ND_ROLE_MD_CODE);
		break;
	case MD_SPAN_A:
		nd_buf_reset(&m->href);
		nd_buf_add(&m->href, a->href.text, a->href.size);
		nd_blocks_push_role(&m->b, ND_ROLE_MD_LINK);
		break;
	case MD_SPAN_IMG:
		nd_blocks_push_role(&m->b, ND_ROLE_MD_EMPH);
		if (!m->in_cell)
			nd_doc_text(m->doc, ND_ROLE_MD_EMPH,
				    ND_LIT("[image: "));
		break;
	default:
		nd_blocks_push_role(&m->b, role(m));
		break;
	}
	return 0;
}

static int leave_span(MD_SPANTYPE type, void *detail, void *arg)
{
	struct md *m = arg;
	char num[24];
	size_t n;

	(void)detail;
	nd_blocks_pop_role(&m->b);
	if (type == MD_SPAN_A && !m->in_cell) {
		n = nd_doc_link(m->doc, m->href.data,
				m->href.len);
		snprintf(num, sizeof(num), "[%zu]", n);
		nd_doc_text(m->doc, ND_ROLE_MD_LINK, num, strlen(num));
	} else if (type == MD_SPAN_IMG && !m->in_cell) {
		nd_doc_text(m->doc, ND_ROLE_MD_EMPH, ND_LIT("]"));
	}
	return 0;
}

/* The entities people type; others are shown as written. */
static size_t decode_entity(const char *s, size_t len, char out[8])
{
	static const struct {
		const char *name;
		const char *utf8;
	} named[] = {
		{ "&amp;", "&" },     { "&lt;", "<" },	    { "&gt;", ">" },
		{ "&quot;", "\"" },   { "&apos;", "'" },    { "&nbsp;", " " },
		{ "&mdash;", "\xE2\x80\x94" }, { "&ndash;", "\xE2\x80\x93" },
		{ "&hellip;", "\xE2\x80\xA6" }, { "&copy;", "\xC2\xA9" },
	};
	unsigned long cp;
	size_t i;

	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
		if (strlen(named[i].name) == len &&
		    memcmp(named[i].name, s, len) == 0) {
			memcpy(out, named[i].utf8, strlen(named[i].utf8));
			return strlen(named[i].utf8);
		}
	}
	if (len > 3 && s[1] == '#') {
		cp = s[2] == 'x' || s[2] == 'X' ? strtoul(s + 3, NULL, 16)
						 : strtoul(s + 2, NULL, 10);
		/* The sanitiser neutralises controls this could produce. */
		if (cp > 0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF))
			return nd_utf8_encode((uint32_t)cp, out);
	}
	memcpy(out, ND_LIT("\xEF\xBF\xBD"));
	return 3;
}

static void cell_text(struct md *m, const char *s, size_t len)
{
	struct nd_buf *b = &m->table.cells[m->table.ncells % MAX_COLS];

	nd_sanitize(b, s, len, ND_SAN_LINE | m->doc->san_flags);
}

static int text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE size, void *arg)
{
	struct md *m = arg;
	char ent[8];

	if (m->in_code) {
		nd_buf_add(&m->code, s, size);
		return 0;
	}
	if (type == MD_TEXT_ENTITY) {
		size = (MD_SIZE)decode_entity(s, size, ent);
		s = ent;
	} else if (type == MD_TEXT_NULLCHAR) {
		s = "\xEF\xBF\xBD", size = 3;
	} else if (type == MD_TEXT_SOFTBR) {
		s = " ", size = 1;
	}
	if (m->in_cell) {
		cell_text(m, s, size);
	} else if (type == MD_TEXT_BR) {
		nd_doc_break(m->doc);
	} else {
		nd_doc_text(m->doc, type == MD_TEXT_HTML ? ND_ROLE_MD_CODE
							 : role(m), s, size);
	}
	return 0;
}

int nd_doc_markdown(struct nd_doc *doc, const char *md, size_t len)
{
	MD_PARSER p;
	struct md m;
	unsigned i;
	char *copy;
	int r;

	memset(&p, 0, sizeof(p));
	memset(&m, 0, sizeof(m));
	nd_buf_init(&m.code, 0);
	nd_buf_init(&m.href, 0);
	for (i = 0; i < MAX_COLS; i++)
		nd_buf_init(&m.table.cells[i], 0);
	p.abi_version = 0;
	p.flags = MD_DIALECT_GITHUB | MD_FLAG_NOHTMLBLOCKS;
	p.enter_block = enter_block;
	p.leave_block = leave_block;
	p.enter_span = enter_span;
	p.leave_span = leave_span;
	p.text = text;
	m.doc = doc;
	nd_blocks_init(&m.b, doc);
	/* md4c (0.4.8) reads the byte after the text it is given when a
	 * link is left open at the very end ("[a](b"): hand it a copy that
	 * ends in a NUL, never the middle of the caller's buffer (fuzzing
	 * found a ')' there making a 4 GB allocation). */
	copy = nd_xmemdup(md, len);
	r = md_parse(copy, (MD_SIZE)len, &p, &m);
	free(copy);
	flush(&m);
	nd_doc_links(doc);
	nd_buf_release(&m.code);
	nd_buf_release(&m.href);
	for (i = 0; i < MAX_COLS; i++)
		nd_buf_release(&m.table.cells[i]);
	for (i = 0; i < m.table.nrows; i++)
		free(m.table.rows[i]);
	free(m.table.rows);
	return r == 0 ? 0 : -1;
}

const char *nd_markdown_library_version(void)
{
	return "md4c " NEWSDESK_MD4C_VERSION;
}

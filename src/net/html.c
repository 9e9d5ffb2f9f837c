#include "newsdesk/net/html.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/sanitize.h"
#include "newsdesk/base/str.h"
#include "newsdesk/present/blocks.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_DEPTH 200

struct walk {
	struct nd_doc *doc;
	const char *base;
	struct nd_blocks b; /* roles, lists, quotes: shared with markdown.c */
	unsigned depth;
};

/* name is a lower-case literal. The first letter is compared first (its
 * ASCII case bit set): every element is tested against a score of names
 * on every pass over the page, and most differ there. */
static int is(const xmlNode *n, const char *name)
{
	const char *s = (const char *)n->name;

	return n->type == XML_ELEMENT_NODE && (s[0] | 0x20) == name[0] &&
	       strcasecmp(s, name) == 0;
}

static int skipped(const xmlNode *n)
{
	static const char *const names[] = {
		"script", "style", "noscript", "nav", "header", "footer",
		"aside", "form", "iframe", "svg", "button", "select",
		"template", "head", "object", "canvas",
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (is(n, names[i]))
			return 1;
	}
	return 0;
}

static size_t text_len(const xmlNode *n, unsigned depth)
{
	size_t total = 0;

	if (depth > MAX_DEPTH)
		return 0;
	for (; n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE && n->content != NULL)
			total += strlen((const char *)n->content);
		else if (n->type == XML_ELEMENT_NODE && !skipped(n))
			total += text_len(n->children, depth + 1);
	}
	return total;
}

/* What one pass over the page finds, outside the skipped elements and
 * above MAX_DEPTH: the first <article>, <main>, <body> and <title> in
 * document order, and the element whose direct <p> children hold the
 * most text. One pass, not one per landmark: a hostile page has a
 * million elements. */
struct landmarks {
	xmlNode *article, *main, *body, *title, *densest;
	size_t score;
};

static void first(xmlNode **slot, xmlNode *n, const char *name)
{
	if (*slot == NULL && is(n, name))
		*slot = n;
}

static size_t paragraph_text(const xmlNode *n, unsigned depth)
{
	const xmlNode *c;
	size_t score = 0;

	for (c = n->children; c != NULL; c = c->next) {
		if (is(c, "p"))
			score += text_len(c->children, depth + 1);
	}
	return score;
}

static void survey(xmlNode *n, struct landmarks *m, unsigned depth)
{
	size_t score;

	for (; n != NULL && depth < MAX_DEPTH; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || skipped(n))
			continue;
		first(&m->article, n, "article");
		first(&m->main, n, "main");
		first(&m->body, n, "body");
		first(&m->title, n, "title");
		score = paragraph_text(n, depth);
		if (score > m->score) {
			m->score = score;
			m->densest = n;
		}
		survey(n->children, m, depth + 1);
	}
}

/* <article>, else <main>, else the densest element if it holds some
 * text, else <body>, else the root. */
static xmlNode *main_content(const struct landmarks *m, xmlNode *root)
{
	if (m->article != NULL)
		return m->article;
	if (m->main != NULL)
		return m->main;
	if (m->densest != NULL && m->score > 200)
		return m->densest;
	return m->body != NULL ? m->body : root;
}

static enum nd_role role(const struct walk *w)
{
	return nd_blocks_role(&w->b);
}

static size_t indent(const struct walk *w)
{
	return nd_blocks_indent(&w->b);
}

static void flush(struct walk *w)
{
	nd_blocks_flush(&w->b);
}

/* HTML collapses runs of white space into one space. */
static void text(struct walk *w, const char *s)
{
	struct nd_buf b = ND_BUF_INIT;
	int space = w->doc->para.len == 0 ||
		    w->doc->para.data[w->doc->para.len - 1] == ' ';

	for (; *s; s++) {
		if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') {
			if (!space)
				nd_buf_addc(&b, ' ');
			space = 1;
		} else {
			nd_buf_addc(&b, *s);
			space = 0;
		}
	}
	if (b.len)
		nd_doc_text(w->doc, role(w), b.data, b.len);
	nd_buf_release(&b);
}

static void raw_text(const xmlNode *n, struct nd_buf *out, unsigned depth)
{
	for (; n != NULL && depth < MAX_DEPTH; n = n->next) {
		if (n->type == XML_TEXT_NODE && n->content != NULL)
			nd_buf_adds(out, (const char *)n->content);
		else if (n->type == XML_ELEMENT_NODE)
			raw_text(n->children, out, depth + 1);
	}
}

static void pre(struct walk *w, const xmlNode *n)
{
	struct nd_buf b = ND_BUF_INIT;
	const char *p, *nl;

	flush(w);
	raw_text(n->children, &b, w->depth);
	for (p = b.data; p != NULL && *p; p = nl ? nl + 1 : NULL) {
		nl = strchr(p, '\n');
		nd_doc_line(w->doc, indent(w) + 4, ND_ROLE_MD_CODE, p,
			    nl ? (size_t)(nl - p) : strlen(p));
	}
	nd_buf_release(&b);
	nd_doc_blank(w->doc);
}

/* One row: its cells' text, white space collapsed, joined by tabs. */
static char *row_text(struct walk *w, const xmlNode *tr)
{
	struct nd_buf line = ND_BUF_INIT, cell = ND_BUF_INIT;
	const xmlNode *c;
	size_t i;
	int first = 1, space;

	for (c = tr->children; c != NULL; c = c->next) {
		if (!is(c, "td") && !is(c, "th"))
			continue;
		nd_buf_reset(&cell);
		raw_text(c->children, &cell, w->depth);
		if (!first)
			nd_buf_addc(&line, '\t');
		first = 0;
		space = 1;
		for (i = 0; i < cell.len; i++) {
			char ch = cell.data[i];
			int ws = ch == ' ' || ch == '\t' || ch == '\n' ||
				 ch == '\r';

			if (ws && !space)
				nd_buf_addc(&line, ' ');
			else if (!ws)
				nd_buf_addc(&line, ch);
			space = ws;
		}
	}
	nd_buf_release(&cell);
	return nd_buf_detach(&line, NULL);
}

static void collect_rows(struct walk *w, const xmlNode *n, char ***rows,
			 size_t *nrows, size_t *cap, unsigned depth)
{
	for (; n != NULL && depth < 8; n = n->next) {
		if (is(n, "tr")) {
			nd_grow(rows, cap, *nrows + 1, sizeof(**rows));
			(*rows)[(*nrows)++] = row_text(w, n);
		} else if (is(n, "thead") || is(n, "tbody") || is(n, "tfoot")) {
			collect_rows(w, n->children, rows, nrows, cap,
				     depth + 1);
		}
	}
}

/* Cells go through the sanitiser first: a tab in them would split one. */
static void table(struct walk *w, const xmlNode *n)
{
	struct nd_buf safe = ND_BUF_INIT;
	char **rows = NULL, *p, *cell;
	size_t nrows = 0, cap = 0, i;

	flush(w);
	collect_rows(w, n->children, &rows, &nrows, &cap, 0);
	for (i = 0; i < nrows; i++) {
		nd_buf_reset(&safe);
		for (cell = rows[i]; cell != NULL; cell = p) {
			p = strchr(cell, '\t');
			if (cell != rows[i])
				nd_buf_addc(&safe, '\t');
			nd_sanitize(&safe, cell, p ? (size_t)(p - cell)
						  : strlen(cell),
				    ND_SAN_LINE | w->doc->san_flags);
			p = p ? p + 1 : NULL;
		}
		free(rows[i]);
		rows[i] = nd_buf_detach(&safe, NULL);
	}
	if (nrows > 0)
		nd_doc_table(w->doc, rows, nrows, indent(w));
	for (i = 0; i < nrows; i++)
		free(rows[i]);
	free(rows);
	nd_buf_release(&safe);
}

static void walk(struct walk *w, xmlNode *n);

static void link(struct walk *w, xmlNode *n)
{
	xmlChar *href = xmlGetProp(n, (const xmlChar *)"href");
	xmlChar *abs = href ? xmlBuildURI(href, (const xmlChar *)w->base) : NULL;
	const char *url = (const char *)(abs ? abs : href);
	char num[24];

	nd_blocks_push_role(&w->b, ND_ROLE_MD_LINK);
	walk(w, n->children);
	nd_blocks_pop_role(&w->b);
	if (url != NULL && (nd_skip_prefix_ci(url, "http://") != NULL ||
			    nd_skip_prefix_ci(url, "https://") != NULL)) {
		snprintf(num, sizeof(num), "[%zu]",
			 nd_doc_link(w->doc, url, strlen(url)));
		nd_doc_text(w->doc, ND_ROLE_MD_LINK, num, strlen(num));
	}
	xmlFree(href);
	xmlFree(abs);
}

static void list_item(struct walk *w, xmlNode *n)
{
	nd_blocks_item(&w->b);
	walk(w, n->children);
	flush(w);
}

static void list(struct walk *w, xmlNode *n, int ordered)
{
	nd_blocks_list_enter(&w->b, ordered, 1);
	walk(w, n->children);
	nd_blocks_list_leave(&w->b);
}

static void block(struct walk *w, xmlNode *n, enum nd_role r, int blank)
{
	flush(w);
	if (r != ND_ROLE_NORMAL)
		nd_blocks_push_role(&w->b, r);
	walk(w, n->children);
	if (r != ND_ROLE_NORMAL)
		nd_blocks_pop_role(&w->b);
	flush(w);
	if (blank)
		nd_doc_blank(w->doc);
}

static void inline_role(struct walk *w, xmlNode *n, enum nd_role r)
{
	nd_blocks_push_role(&w->b, r);
	walk(w, n->children);
	nd_blocks_pop_role(&w->b);
}

static int heading(const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE && (n->name[0] == 'h' ||
					       n->name[0] == 'H') &&
	       n->name[1] >= '1' && n->name[1] <= '6' && n->name[2] == '\0';
}

static void element(struct walk *w, xmlNode *n)
{
	xmlChar *alt;

	if (skipped(n))
		return;
	if (heading(n))
		block(w, n, ND_ROLE_MD_HEADING, 1);
	else if (is(n, "p"))
		block(w, n, ND_ROLE_NORMAL, 1);
	else if (is(n, "br"))
		nd_doc_break(w->doc);
	else if (is(n, "ul") || is(n, "ol"))
		list(w, n, is(n, "ol"));
	else if (is(n, "li"))
		list_item(w, n);
	else if (is(n, "blockquote")) {
		nd_blocks_quote_enter(&w->b);
		block(w, n, ND_ROLE_NORMAL, 0);
		nd_blocks_quote_leave(&w->b);
	} else if (is(n, "pre"))
		pre(w, n);
	else if (is(n, "table"))
		table(w, n);
	else if (is(n, "a"))
		link(w, n);
	else if (is(n, "em") || is(n, "i"))
		inline_role(w, n, ND_ROLE_MD_EMPH);
	else if (is(n, "strong") || is(n, "b"))
		inline_role(w, n, ND_ROLE_MD_STRONG);
	else if (is(n, "code"))
		inline_role(w, n, ND_ROLE_MD_CODE);
	else if (is(n, "img")) {
		alt = xmlGetProp(n, (const xmlChar *)"alt");
		if (alt != NULL && alt[0]) {
			nd_doc_text(w->doc, ND_ROLE_MD_EMPH,
				    ND_LIT("[image: "));
			nd_doc_text(w->doc, ND_ROLE_MD_EMPH, (const char *)alt,
				    strlen((const char *)alt));
			nd_doc_text(w->doc, ND_ROLE_MD_EMPH, ND_LIT("]"));
		}
		xmlFree(alt);
	} else if (is(n, "div") || is(n, "section") || is(n, "article") ||
		   is(n, "main") || is(n, "figure") || is(n, "figcaption") ||
		   is(n, "dd") || is(n, "dt") || is(n, "hr"))
		block(w, n, ND_ROLE_NORMAL, 0);
	else
		walk(w, n->children);
}

static void walk(struct walk *w, xmlNode *n)
{
	if (++w->depth > MAX_DEPTH) {
		w->depth--;
		return;
	}
	for (; n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE && n->content != NULL)
			text(w, (const char *)n->content);
		else if (n->type == XML_ELEMENT_NODE)
			element(w, n);
	}
	w->depth--;
}

static char *page_title(const struct landmarks *m, xmlNode *root)
{
	xmlNode *t = m->title;
	struct nd_buf b = ND_BUF_INIT;

	if (t == NULL) {
		/* <title> lives in <head>, which survey() skips: look there. */
		xmlNode *c;

		for (c = root ? root->children : NULL; c; c = c->next) {
			if (is(c, "head"))
				for (t = c->children; t && !is(t, "title");)
					t = t->next;
			if (t != NULL)
				break;
		}
	}
	if (t == NULL)
		return NULL;
	raw_text(t->children, &b, 0);
	return nd_buf_detach(&b, NULL);
}

/* libxml2 reports bad bytes and charset trouble on stderr by default,
 * which would write over the desk's screen: the page is shown as well as
 * it parses instead. */
static void quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void quiet_structured(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

int nd_html_render(struct nd_doc *doc, const char *html, size_t len,
		   const char *charset, const char *base_url, char **title)
{
	struct landmarks m;
	struct walk w;
	xmlNode *root;
	xmlDoc *d;

	xmlSetGenericErrorFunc(NULL, quiet);
	xmlSetStructuredErrorFunc(NULL, quiet_structured);

	if (title != NULL)
		*title = NULL;
	d = htmlReadMemory(html, (int)(len > 0x7fffffff ? 0x7fffffff : len),
			   base_url, charset,
			   HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
				   HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	if (d == NULL)
		return -1;
	memset(&w, 0, sizeof(w));
	w.doc = doc;
	nd_blocks_init(&w.b, doc);
	w.base = base_url;
	memset(&m, 0, sizeof(m));
	root = xmlDocGetRootElement(d);
	survey(root, &m, 0);
	if (title != NULL)
		*title = page_title(&m, root);
	walk(&w, main_content(&m, root));
	flush(&w);
	nd_doc_links(doc);
	xmlFreeDoc(d);
	return 0;
}

const char *nd_html_library_version(void)
{
	static char v[48];
	/* xmlParserVersion is the running library's, as "20914". */
	long n = strtol(xmlParserVersion, NULL, 10);

	snprintf(v, sizeof(v), "libxml2 %ld.%ld.%ld", n / 10000,
		 n / 100 % 100, n % 100);
	return v;
}

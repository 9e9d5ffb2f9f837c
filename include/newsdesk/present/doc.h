/*
 * doc: styled, wrapped text for a pane — the detail pane, the help screen
 * and the reader — with no curses in it.
 *
 * A doc is built paragraph by paragraph: text is appended in runs, each
 * with a role (theme.h); the text is sanitised on the way in. Ending a
 * paragraph wraps it to the doc's width, with an indent and an optional
 * first-line prefix (a bullet, "│ " for quotes), into lines whose spans
 * say which bytes get which role. Preformatted paragraphs are cut, not
 * wrapped. The view draws lines; when the width changes the caller builds
 * the doc again (one article is cheap to lay out). Laying out is linear
 * in the text and its runs, however many there are: each wrapped line
 * looks only at the runs that reach it, and takes its spans in one
 * allocation.
 * The doc owns its lines; nd_doc_release() frees them.
 */
#ifndef NEWSDESK_DOC_H
#define NEWSDESK_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "newsdesk/base/buf.h"
#include "newsdesk/present/theme.h"

struct nd_span {
	uint32_t off, len;
	enum nd_role role;
};

struct nd_line {
	char *text; /* sanitised UTF-8, NUL-terminated */
	size_t len;
	struct nd_span *spans;
	size_t nspans;
};

struct nd_doc {
	struct nd_line *lines;
	size_t count, cap;
	size_t width;
	int san_flags; /* ND_SAN_ASCII for non-UTF-8 terminals */
	/* the paragraph being built */
	struct nd_buf para;
	struct nd_span *pspans;
	size_t npspans, pspans_cap;
	/* links seen by the markdown renderer, numbered from 1 */
	char **links;
	size_t nlinks, links_cap;
};

void nd_doc_init(struct nd_doc *doc, size_t width, int san_flags);
void nd_doc_release(struct nd_doc *doc);
/* Appends text (sanitised, one line: breaks become spaces) to the
 * paragraph being built. */
void nd_doc_text(struct nd_doc *doc, enum nd_role role, const char *s,
		 size_t len);
/* A hard line break inside the paragraph. */
void nd_doc_break(struct nd_doc *doc);
/* Ends the paragraph: wraps it at width - indent, the first line after
 * prefix (whose columns the other lines are indented by too). */
void nd_doc_end_para(struct nd_doc *doc, size_t indent, const char *prefix,
		     enum nd_role prefix_role);
/* Adds one line as it is (cut at the width): for code and tables. */
void nd_doc_line(struct nd_doc *doc, size_t indent, enum nd_role role,
		 const char *s, size_t len);
void nd_doc_blank(struct nd_doc *doc);
/* Remembers a link and returns its number. */
size_t nd_doc_link(struct nd_doc *doc, const char *url, size_t len);

/* A table: rows of cells joined by '\t' (cells hold no tab), the first
 * row the header; columns padded to their widest cell (at most 32). */
void nd_doc_table(struct nd_doc *doc, char *const *rows, size_t nrows,
		  size_t indent);
/* Ends the doc with a "Links" list: "[n] URL" for each link seen. */
void nd_doc_links(struct nd_doc *doc);

/* Renders Markdown with md4c into doc (headings, paragraphs, lists,
 * quotes, code, tables, emphasis, links numbered [n]). */
int nd_doc_markdown(struct nd_doc *doc, const char *md, size_t len);

/* "md4c 0.4.8": the version built against (md4c has no run-time
 * version call), for --version. */
const char *nd_markdown_library_version(void);

#endif

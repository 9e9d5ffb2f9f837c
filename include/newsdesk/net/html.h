/*
 * html: a fetched page -> readable text in a doc (the only module that
 * knows libxml2).
 *
 * libxml2's HTML parser does the parsing (recovering from broken markup,
 * decoding entities, converting the page's charset to UTF-8). This module
 * picks the main content — <article>, else <main>, else the element whose
 * paragraphs hold the most text, else <body> — skips scripts, styles,
 * navigation, headers, footers, asides and forms, and lays out headings,
 * paragraphs, lists, quotes, preformatted text and simple tables. Links to
 * http(s) pages are numbered [n] (resolved against the page's URL) and
 * listed at the end; doc->links holds them. All text goes through the
 * doc, so through the sanitiser.
 */
#ifndef NEWSDESK_HTML_H
#define NEWSDESK_HTML_H

#include <stddef.h>

#include "newsdesk/present/doc.h"

/* charset: from the Content-Type header, or NULL to let the page say.
 * *title (malloc'd, may be NULL) receives the page's <title>. */
int nd_html_render(struct nd_doc *doc, const char *html, size_t len,
		   const char *charset, const char *base_url, char **title);

/* "libxml2 2.9.14": the library in use, for --version. */
const char *nd_html_library_version(void);

#endif

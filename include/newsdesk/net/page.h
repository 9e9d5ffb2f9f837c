/*
 * page: a URL to readable text, through the cache.
 *
 * A cached copy is revalidated (ETag, Last-Modified) and used when the
 * server says it is current; a fresh page replaces it. When the network
 * fails, a cached copy is used and the page says so; --offline uses only
 * the cache. The text is laid out by html (for HTML pages) or shown as it
 * is (plain text). No curses; the fetch itself may run in a thread.
 */
#ifndef NEWSDESK_PAGE_H
#define NEWSDESK_PAGE_H

#include <stddef.h>

#include "newsdesk/base/buf.h"
#include "newsdesk/present/doc.h"
#include "newsdesk/net/fetch.h"

struct nd_page_opts {
	int offline;
	const char *cache_dir; /* NULL: no cache */
	size_t cache_limit;
	struct nd_fetch_opts fetch;
};

struct nd_page {
	char *url;	     /* after redirects */
	char *content_type;
	char *charset;
	struct nd_buf raw;   /* the page as received */
	int from_cache;	     /* 1: cache (current), 2: cache (network failed) */
	char note[ND_ERR_MAX + 32]; /* why the cache was used, or "" */
	struct nd_err err;   /* why there is no page (code: nd_fetch_error) */
};

int nd_page_get(const char *url, const struct nd_page_opts *o,
		struct nd_page *p);
void nd_page_release(struct nd_page *p);
/* Lays the page out in doc; *title gets the page's title (malloc'd). */
int nd_page_render(const struct nd_page *p, struct nd_doc *doc,
		   char **title);

#endif

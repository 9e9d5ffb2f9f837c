#include "newsdesk/net/page.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/str.h"
#include "newsdesk/net/cache.h"
#include "newsdesk/net/html.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static char *charset_of(const char *ct)
{
	const char *c;

	if (ct == NULL)
		return NULL;
	for (c = ct; *c; c++) {
		if (strncasecmp(c, ND_LIT("charset=")) == 0) {
			c += 8;
			if (*c == '"')
				c++;
			return nd_xmemdup(c, strcspn(c, "\"; "));
		}
	}
	return NULL;
}

static char *dup_or_null(const char *s)
{
	return s != NULL && s[0] ? nd_xstrdup(s) : NULL;
}

static void from_entry(struct nd_page *p, struct nd_cache_entry *e)
{
	p->url = dup_or_null(e->url);
	p->content_type = dup_or_null(e->content_type);
	p->charset = charset_of(e->content_type);
	nd_buf_add(&p->raw, e->body.data, e->body.len);
}

static void from_fetch(struct nd_page *p, const char *url,
		       struct nd_fetch_result *r)
{
	p->url = nd_xstrdup(r->effective_url ? r->effective_url : url);
	p->content_type = dup_or_null(r->content_type);
	p->charset = dup_or_null(r->charset);
	nd_buf_add(&p->raw, r->body.data, r->body.len);
}

static void store(const struct nd_page_opts *o, const char *url,
		  struct nd_fetch_result *r)
{
	struct nd_cache_entry e;

	if (o->cache_dir == NULL)
		return;
	memset(&e, 0, sizeof(e));
	nd_buf_init(&e.body, 0);
	e.url = (char *)url;
	e.content_type = r->content_type;
	e.etag = r->etag;
	e.last_modified = r->last_modified;
	e.body = r->body; /* borrowed, not freed here */
	nd_cache_put(o->cache_dir, &e, o->cache_limit);
}

int nd_page_get(const char *url, const struct nd_page_opts *o,
		struct nd_page *p)
{
	struct nd_cache_entry e;
	struct nd_fetch_result r;
	struct nd_fetch_opts fo = o->fetch;
	int cached;

	memset(p, 0, sizeof(*p));
	nd_buf_init(&p->raw, 0);
	cached = o->cache_dir != NULL && nd_cache_get(o->cache_dir, url, &e) == 0;
	if (o->offline) {
		if (!cached) {
			nd_err_set(&p->err, "not in the cache (offline)");
			p->err.code = ND_FETCH_OTHER;
			return -1;
		}
		from_entry(p, &e);
		p->from_cache = 1;
		snprintf(p->note, sizeof(p->note), "offline: the cached copy");
		nd_cache_entry_release(&e);
		return 0;
	}
	if (cached) {
		fo.etag = e.etag && e.etag[0] ? e.etag : NULL;
		fo.last_modified = e.last_modified && e.last_modified[0]
					   ? e.last_modified : NULL;
	}
	if (nd_fetch(url, &fo, &r) == 0 && !r.not_modified) {
		store(o, url, &r);
		from_fetch(p, url, &r);
	} else if (cached &&
		   (r.not_modified || r.err.code != ND_FETCH_CANCELLED)) {
		from_entry(p, &e);
		p->from_cache = r.not_modified ? 1 : 2;
		if (!r.not_modified)
			snprintf(p->note, sizeof(p->note), "the cached copy: "
				 "%s", r.err.message);
	} else {
		p->err = r.err;
	}
	nd_fetch_result_release(&r);
	if (cached)
		nd_cache_entry_release(&e);
	return p->err.code == ND_FETCH_OK ? 0 : -1;
}

void nd_page_release(struct nd_page *p)
{
	free(p->url);
	free(p->content_type);
	free(p->charset);
	nd_buf_release(&p->raw);
	memset(p, 0, sizeof(*p));
	nd_buf_init(&p->raw, 0);
}

static int is_html(const struct nd_page *p)
{
	if (p->content_type == NULL) /* sniff */
		return p->raw.len > 0 && (strstr(p->raw.data, "<html") ||
					  strstr(p->raw.data, "<HTML") ||
					  strstr(p->raw.data, "<!DOCTYPE") ||
					  strstr(p->raw.data, "<p>"));
	return strstr(p->content_type, "html") != NULL ||
	       strstr(p->content_type, "xml") != NULL;
}

int nd_page_render(const struct nd_page *p, struct nd_doc *doc, char **title)
{
	const char *s = p->raw.data, *nl;
	size_t len = p->raw.len;

	if (title != NULL)
		*title = NULL;
	if (is_html(p))
		return nd_html_render(doc, s, len, p->charset, p->url, title);
	while (len > 0) { /* plain text: lines as they are, wrapped */
		nl = memchr(s, '\n', len);
		nd_doc_text(doc, ND_ROLE_DETAIL_TEXT, s, nl ? (size_t)(nl - s)
							    : len);
		nd_doc_end_para(doc, 0, NULL, ND_ROLE_NORMAL);
		if (nl == NULL)
			break;
		len -= (size_t)(nl - s) + 1;
		s = nl + 1;
	}
	return 0;
}

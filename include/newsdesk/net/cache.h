/*
 * cache: fetched pages kept on disk, for offline reading and revalidation.
 *
 * $XDG_CACHE_HOME/newsdesk/pages/ (else ~/.cache/newsdesk/pages/) holds,
 * per URL (named by a hash of it), the body and a small header file with
 * the URL, content type, ETag, Last-Modified and fetch time. Entries are
 * written whole (temporary file, then rename). When the cache grows past
 * its limit the oldest entries go first.
 */
#ifndef NEWSDESK_CACHE_H
#define NEWSDESK_CACHE_H

#include <stddef.h>

#include "newsdesk/base/buf.h"

#define ND_CACHE_DEFAULT_LIMIT (64u * 1024 * 1024)

struct nd_cache_entry {
	char *url, *content_type, *etag, *last_modified;
	long long fetched; /* unix time */
	struct nd_buf body;
};

/* The cache directory (malloc'd), or NULL without HOME. */
char *nd_cache_dir(void);
/* 0 and *e when url is cached; -1 otherwise. */
int nd_cache_get(const char *dir, const char *url, struct nd_cache_entry *e);
int nd_cache_put(const char *dir, const struct nd_cache_entry *e,
		 size_t limit);
void nd_cache_entry_release(struct nd_cache_entry *e);

#endif

/*
 * index: compact summaries of every loaded article, for lists and queries.
 *
 * Built for 100,000+ articles: a summary holds only what the list, the
 * query language and the sorts need; strings live in the index's pool and
 * provider, domain, category, type and topics are interned ids. The full
 * article is parsed again from .path on demand (nd_article_load).
 *
 * An article id is its position in the index, which is ordered by path, so
 * ids do not change while the index lives. Views keep ids (or paths across
 * a reload, see nd_index_find_path), never pointers into the index.
 * The index owns everything in it; free it with nd_index_free().
 */
#ifndef NEWSDESK_INDEX_H
#define NEWSDESK_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "newsdesk/model/article.h"
#include "newsdesk/base/strpool.h"

#define ND_NUM_UNKNOWN INT32_MIN

struct nd_stories;
/* Who a file is: a summary stays valid while all of this still holds. */
struct nd_file_key {
	uint64_t size, ino, dev;
	int64_t mtime_ns, ctime_ns;
};

struct nd_summary {
	const char *path; /* full path as opened */
	const char *title, *excerpt, *web_url, *original_url;
	uint32_t title_len, excerpt_len, web_url_len, original_url_len;
	uint32_t rel_at; /* path + rel_at is the path below the root */
	int64_t date;	 /* ND_TIME_NONE when missing */
	int32_t quality, heat; /* ND_NUM_UNKNOWN when missing or unknown */
	uint32_t provider, domain, category, type; /* interned, 0 = none */
	uint32_t topics_at;			   /* into index->topics */
	uint16_t ntopics, nrelated;
	int8_t published; /* -1 missing, 0, 1 */
	uint8_t warnings; /* problems found while loading, capped at 255 */
	uint8_t removed;  /* moved away (rejected) since the load */
	/* Read (1) or not (0): never from the file; the read state store
	 * (write/readstate.h) fills it after a load, the query's read:
	 * tests it. */
	uint8_t read;
};

struct nd_index {
	char *root;
	struct nd_summary *items;
	size_t count, cap;
	uint32_t *topics;
	size_t ntopics, topics_cap;
	struct nd_strpool pool;
	size_t removed; /* summaries marked removed (rejected) */
	/* webUrl and originalUrl -> id + 1 (0 = empty), open addressing;
	 * so a related-item jump is one lookup, not a walk of the index. */
	uint32_t *urls;
	size_t urls_cap;
	/* Stories for story: and dups: queries, or NULL; not owned (the
	 * caller builds them with nd_stories_build and frees them). */
	const struct nd_stories *stories;
	/* A digest of each summary's file key when it was read (the loader
	 * sets them; NULL for an index built otherwise): an incremental
	 * refresh compares them with a new stat. 8 bytes, not the key's 40:
	 * 3 MB at 100k, and a collision needs 2^64 luck. */
	uint64_t *keys;
	size_t keys_cap;
};

/* What the index takes from an article. A view points into the article;
 * a copy owns one block (so a loader thread can free the article where it
 * was made, instead of handing hundreds of allocations across threads). */
struct nd_entry {
	const char *path;
	struct nd_text title, excerpt, web_url, original_url;
	struct nd_text provider, domain, category, type;
	const struct nd_text *topics;
	size_t ntopics, nrelated;
	int64_t date;
	long long quality, heat;
	int published;
	char *block; /* NULL for a view */
};

int nd_index_entry_copy(struct nd_entry *e, const struct nd_article *a);
/* Turns a view into a copy: everything it points at, into one block. */
int nd_index_entry_own(struct nd_entry *e);
void nd_index_entry_release(struct nd_entry *e);

struct nd_index *nd_index_new(const char *root);
void nd_index_free(struct nd_index *idx);
/* Adds a summary of a; rel_at is where the path below the root starts.
 * Returns the new id, or -1 when out of memory. */
long nd_index_add(struct nd_index *idx, const struct nd_article *a,
		  size_t rel_at, unsigned warnings);
long nd_index_add_entry(struct nd_index *idx, const struct nd_entry *e,
			size_t rel_at, unsigned warnings);
/* Refreshes article id from a (after a decision was written), keeping its
 * id and path; a NULL marks it removed (rejected), a later call with an
 * article brings it back. */
int nd_index_update(struct nd_index *idx, size_t id,
		    const struct nd_article *a);

/* Makes room for n summaries (and their keys) at once. */
void nd_index_reserve(struct nd_index *idx, size_t n);
/* Records id's file key (the loader, after adding it). */
void nd_index_set_key(struct nd_index *idx, size_t id,
		      const struct nd_file_key *key);
uint64_t nd_file_key_digest(const struct nd_file_key *key);
/* A view of summary id as an entry, to add it to another index; topics
 * are decoded into *topics (grown with nd_grow, *cap its size). */
void nd_index_entry_of(const struct nd_index *idx, size_t id,
		       struct nd_entry *e, struct nd_text **topics,
		       size_t *cap);

const struct nd_summary *nd_index_get(const struct nd_index *idx, size_t id);
const char *nd_index_str(const struct nd_index *idx, uint32_t sid,
			 size_t *len);
/* Id of the article at path, or -1. O(log n). */
long nd_index_find_path(const struct nd_index *idx, const char *path);
/* Builds the URL table; the loader calls it once the index is complete. */
int nd_index_build_urls(struct nd_index *idx);
/* Id of the article whose webUrl or originalUrl is url, or -1 (the first
 * in path order when several share it). */
long nd_index_find_url(const struct nd_index *idx, const char *url,
		       size_t len);

#endif

/*
 * strpool: an arena for the index's strings, with interning.
 *
 * 100,000 articles hold a few hundred providers, topics and categories:
 * nd_strpool_intern() stores each distinct string once and hands out a small
 * id (0 means "none"); nd_strpool_copy() stores a string without interning.
 * Strings live until nd_strpool_release(); they are NUL-terminated, may hold
 * NUL (keep the length) and never move, so pointers to them stay valid.
 */
#ifndef NEWSDESK_STRPOOL_H
#define NEWSDESK_STRPOOL_H

#include <stddef.h>
#include <stdint.h>

struct nd_strpool_chunk;

struct nd_strpool_entry {
	const char *s;
	uint32_t len;
	uint32_t hash;
};

struct nd_strpool {
	struct nd_strpool_chunk *chunks;
	struct nd_strpool_entry *strs; /* by id; strs[0] is the empty "none" */
	uint32_t nstrs, strs_cap;
	uint32_t *table; /* open addressing: ids, 0 = empty */
	uint32_t table_cap;
	size_t bytes; /* arena bytes handed out, for the bench */
};

void nd_strpool_init(struct nd_strpool *p);
void nd_strpool_release(struct nd_strpool *p);
/* Copies s[0..len) into the arena (and a NUL after it). */
const char *nd_strpool_copy(struct nd_strpool *p, const char *s, size_t len);
/* Returns the id of s, adding it if new; 0 for s == NULL or a string
 * longer than 4 GiB. */
uint32_t nd_strpool_intern(struct nd_strpool *p, const char *s, size_t len);
/* The string of an id (id 0 gives "" of length 0). */
const char *nd_strpool_str(const struct nd_strpool *p, uint32_t id,
			   size_t *len);

#endif

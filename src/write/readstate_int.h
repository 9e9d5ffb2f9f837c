/* Private to readstate.c and readstate_file.c: the store's table. */
#ifndef NEWSDESK_READSTATE_INT_H
#define NEWSDESK_READSTATE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "newsdesk/base/strpool.h"

struct rs_entry {
	const char *key; /* in .arena */
	uint32_t len;
	uint8_t read;
	uint8_t changed; /* set here since the last load or save */
};

struct nd_readstate {
	char *path;
	struct nd_strpool arena; /* key bytes only: never interned */
	struct rs_entry *items;
	size_t count, cap;
	uint32_t *table; /* open addressing: item + 1, 0 = empty */
	size_t table_cap;
	size_t nread, pending;
};

/* The entry of key, or NULL; rs_add finds or adds it (unread). */
struct rs_entry *rs_find(const struct nd_readstate *rs, const char *key,
			 size_t len);
struct rs_entry *rs_add(struct nd_readstate *rs, const char *key, size_t len);
/* Sets an entry's state, keeping the counts. */
void rs_set(struct nd_readstate *rs, struct rs_entry *e, int read);
void rs_clear(struct nd_readstate *rs);

#endif

/*
 * sort: orders a view (an array of article ids) by one key.
 *
 * The sort is stable: equal keys keep the order they had, so sorting by
 * provider after sorting by date lists each provider's articles by date.
 * Missing values (no date, unknown quality or heat, no provider, no title)
 * go last in both directions. Titles and providers compare without case.
 */
#ifndef NEWSDESK_SORT_H
#define NEWSDESK_SORT_H

#include <stddef.h>
#include <stdint.h>

#include "newsdesk/model/index.h"

enum nd_sort_key {
	ND_SORT_DATE,
	ND_SORT_QUALITY,
	ND_SORT_HEAT,
	ND_SORT_PROVIDER,
	ND_SORT_TITLE,
	ND_SORT_PATH,
	ND_SORT_COUNT
};

/* "date", "quality", "heat", "provider", "title", "path" -> key. */
int nd_sort_parse(const char *name, enum nd_sort_key *key);
const char *nd_sort_name(enum nd_sort_key key);
/* The natural direction of a key: newest, best, hottest first; A to Z.
 * The CLI's -r and the desk's reverse flip it. */
int nd_sort_natural_desc(enum nd_sort_key key);
/* Sorts ids in place; -1 when out of memory (ids unchanged). */
int nd_sort_ids(const struct nd_index *idx, uint32_t *ids, size_t n,
		enum nd_sort_key key, int descending);

#endif

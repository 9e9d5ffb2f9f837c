/*
 * search: saved searches, named queries from the config's 'searches:'
 *
 *   searches:                 # name: query, in the order shown
 *     unread AI: "read:no topic:AI"
 *     to triage: published:no quality>=50
 *
 * like neomutt's virtual mailboxes and newsboat's query feeds. The config
 * reader (config.h) compiles each query once and refuses a bad one with
 * the config's file, line and the search's name. nd_search_count() counts
 * what each would show (and of that, how many unread and unpublished) in
 * one pass over the index: each article is matched against every search
 * (some ten milliseconds per search at 100,000 articles).
 * The searches belong to the config; nd_search_list_release() frees.
 */
#ifndef NEWSDESK_SEARCH_H
#define NEWSDESK_SEARCH_H

#include <stddef.h>

#include "newsdesk/model/index.h"
#include "newsdesk/model/query.h"

struct nd_search {
	char *name;
	char *text;		/* the query as written */
	struct nd_query *query; /* NULL: the empty query, everything */
};

struct nd_search_list {
	struct nd_search *items;
	size_t count, cap;
};

struct nd_search_count {
	size_t shown, unread, unpublished;
};

/* Adds a search (name and text copied, q taken), replacing one of the
 * same name in its place. */
void nd_search_add(struct nd_search_list *l, const char *name,
		   const char *text, struct nd_query *q);
void nd_search_list_release(struct nd_search_list *l);
/* The search named name (exactly), or NULL. */
const struct nd_search *nd_search_find(const struct nd_search_list *l,
				       const char *name);
/* out[i] for l->items[i]; removed (rejected) articles are not counted. */
void nd_search_count(const struct nd_search_list *l,
		     const struct nd_index *idx, struct nd_search_count *out);

#endif

/* Saved searches: the list the config holds, and their counts. */
#include "newsdesk/present/search.h"

#include "newsdesk/base/alloc.h"

#include <stdlib.h>
#include <string.h>

void nd_search_add(struct nd_search_list *l, const char *name,
		   const char *text, struct nd_query *q)
{
	struct nd_search *s = (struct nd_search *)nd_search_find(l, name);

	if (s != NULL) {
		free(s->text);
		nd_query_free(s->query);
	} else {
		nd_grow(&l->items, &l->cap, l->count + 1, sizeof(*l->items));
		s = &l->items[l->count++];
		s->name = nd_xstrdup(name);
	}
	s->text = nd_xstrdup(text);
	s->query = q;
}

void nd_search_list_release(struct nd_search_list *l)
{
	size_t i;

	for (i = 0; i < l->count; i++) {
		free(l->items[i].name);
		free(l->items[i].text);
		nd_query_free(l->items[i].query);
	}
	free(l->items);
	memset(l, 0, sizeof(*l));
}

const struct nd_search *nd_search_find(const struct nd_search_list *l,
				       const char *name)
{
	size_t i;

	for (i = 0; i < l->count; i++) {
		if (strcmp(l->items[i].name, name) == 0)
			return &l->items[i];
	}
	return NULL;
}

void nd_search_count(const struct nd_search_list *l,
		     const struct nd_index *idx, struct nd_search_count *out)
{
	size_t i, k;

	memset(out, 0, l->count * sizeof(*out));
	for (i = 0; i < idx->count; i++) {
		const struct nd_summary *s = &idx->items[i];

		if (s->removed)
			continue;
		for (k = 0; k < l->count; k++) {
			if (!nd_query_match(l->items[k].query, idx, i))
				continue;
			out[k].shown++;
			out[k].unread += s->read == 0;
			out[k].unpublished += s->published != 1;
		}
	}
}

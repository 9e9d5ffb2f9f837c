/* Builds a small in-memory index from front-matter snippets. */
#ifndef NEWSDESK_INDEX_FIXTURE_H
#define NEWSDESK_INDEX_FIXTURE_H

#include "test.h"

#include "newsdesk/model/index.h"

static inline struct nd_index *fixture_index(const char *const *docs,
					     size_t n)
{
	struct nd_index *idx = nd_index_new("mem");
	struct nd_article *a;
	struct nd_diag d;
	char path[64];
	size_t i, len;

	for (i = 0; i < n; i++) {
		char *data = test_dup(docs[i], &len);

		snprintf(path, sizeof(path), "mem/%03zu.md", i);
		nd_diag_init(&d);
		if (nd_article_parse(path, data, len, &a, &d) != 0)
			fail_msg("fixture %zu: %s", i, d.items[0].message);
		assert_int_equal(nd_index_add(idx, a, 4, 0), (long)i);
		nd_article_free(a);
		nd_diag_release(&d);
	}
	return idx;
}

#endif

/* Saved searches: counts over an index, and a 100k figure (printed). */
#include "index_fixture.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/present/search.h"

#include <time.h>

static const char *const docs[] = {
	"---\ntitle: a\npublished: true\ntopics: [AI]\nquality: 80\n---\n",
	"---\ntitle: b\npublished: false\ntopics: [AI]\nquality: 20\n---\n",
	"---\ntitle: c\ntopics: [Space]\nquality: 90\n---\n",
	"---\ntitle: d\npublished: false\ntopics: [Space, AI]\n---\n",
};

static void add(struct nd_search_list *l, const char *name, const char *q)
{
	struct nd_query *compiled;
	struct nd_err err;

	assert_int_equal(nd_query_compile(q, &compiled, &err), 0);
	nd_search_add(l, name, q, compiled);
}

static void test_counts(void **state)
{
	struct nd_index *idx = fixture_index(docs, ARRAY_LEN(docs));
	struct nd_search_list l = { 0 };
	struct nd_search_count n[4];

	(void)state;
	add(&l, "ai", "topic:AI");
	add(&l, "good", "quality>=80");
	add(&l, "all", "");
	add(&l, "none", "topic:nothing");
	add(&l, "good", "quality>=90"); /* replaces, keeps the place */
	assert_int_equal(l.count, 4);
	assert_string_equal(l.items[1].text, "quality>=90");
	idx->items[0].read = 1;
	idx->items[3].read = 1;
	idx->items[2].removed = 1; /* rejected: not counted */
	nd_search_count(&l, idx, n);
	assert_int_equal(n[0].shown, 3);
	assert_int_equal(n[0].unread, 1);
	assert_int_equal(n[0].unpublished, 2);
	assert_int_equal(n[1].shown, 0);
	assert_int_equal(n[2].shown, 3);
	assert_int_equal(n[2].unread, 1);
	assert_int_equal(n[2].unpublished, 2);
	assert_int_equal(n[3].shown, 0);
	nd_search_list_release(&l);
	nd_index_free(idx);
}

/* 100,000 summaries, 8 searches: the time goes to stderr, for the record
 * (speed is never asserted in a test). */
static void test_100k(void **state)
{
	static const char *const queries[] = {
		"topic:AI", "read:no", "published:no quality>=50",
		"provider:example.org", "\"fusion\" OR topic:Space",
		"date>=2023-01-01 heat>10", "-read:yes category:news",
		"type:opinion",
	};
	struct nd_index *idx = fixture_index(docs, ARRAY_LEN(docs));
	struct nd_search_list l = { 0 };
	struct nd_search_count n[8];
	struct timespec a, b;
	size_t i;
	char name[8];

	(void)state;
	while (idx->count < 100000) {
		nd_grow(&idx->items, &idx->cap, idx->count + 1,
			sizeof(*idx->items));
		idx->items[idx->count] = idx->items[idx->count % 4];
		idx->items[idx->count].read = idx->count % 3 == 0;
		idx->count++;
	}
	for (i = 0; i < ARRAY_LEN(queries); i++) {
		snprintf(name, sizeof(name), "s%zu", i);
		add(&l, name, queries[i]);
	}
	clock_gettime(CLOCK_MONOTONIC, &a);
	nd_search_count(&l, idx, n);
	clock_gettime(CLOCK_MONOTONIC, &b);
	fprintf(stderr, "search counts, 100k articles x %zu searches: "
		"%.1f ms\n", l.count, (double)(b.tv_sec - a.tv_sec) * 1e3 +
		(double)(b.tv_nsec - a.tv_nsec) / 1e6);
	assert_int_equal(n[0].shown, 75000);
	nd_search_list_release(&l);
	nd_index_free(idx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_100k),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

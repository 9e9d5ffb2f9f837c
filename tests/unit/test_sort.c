#include "index_fixture.h"

#include "newsdesk/model/sort.h"

static const char *const docs[] = {
	"---\ntitle: banana\nquality: 50\nheat: 3\npublishedDateTime: 2023-05-02\n"
	"provider: {name: Zeta}\n---\n",
	"---\ntitle: Apple\nquality: 50\nheat: -1\npublishedDateTime: 2023-05-03\n"
	"provider: {name: alpha}\n---\n",
	"---\ntitle: cherry\nquality: 120\nheat: 9\n"
	"provider: {domain: mid.example}\n---\n",
	"---\nquality: 10\nheat: 1\npublishedDateTime: 2023-05-01\n---\n",
	"---\ntitle: apple\npublishedDateTime: 2023-05-03\n"
	"provider: {name: Alpha}\n---\n",
};

static void check(struct nd_index *idx, enum nd_sort_key key, int desc,
		  const uint32_t *want)
{
	uint32_t ids[ARRAY_LEN(docs)];
	size_t i;

	for (i = 0; i < ARRAY_LEN(docs); i++)
		ids[i] = (uint32_t)i;
	assert_int_equal(nd_sort_ids(idx, ids, ARRAY_LEN(docs), key, desc), 0);
	for (i = 0; i < ARRAY_LEN(docs); i++) {
		if (ids[i] != want[i])
			fail_msg("sort %s%s: position %zu is %u, want %u",
				 nd_sort_name(key), desc ? " desc" : "", i,
				 ids[i], want[i]);
	}
}

static void test_sorts(void **state)
{
	struct nd_index *idx = fixture_index(docs, ARRAY_LEN(docs));
	/* Ties keep input order; missing values go last both ways. */
	static const uint32_t date_asc[] = { 3, 0, 1, 4, 2 };
	static const uint32_t date_desc[] = { 1, 4, 0, 3, 2 };
	static const uint32_t quality_desc[] = { 2, 0, 1, 3, 4 };
	static const uint32_t quality_asc[] = { 3, 0, 1, 2, 4 };
	static const uint32_t heat_desc[] = { 2, 0, 3, 1, 4 };
	static const uint32_t title_asc[] = { 1, 4, 0, 2, 3 };
	static const uint32_t title_desc[] = { 2, 0, 1, 4, 3 };
	static const uint32_t provider_asc[] = { 1, 4, 2, 0, 3 };

	(void)state;
	check(idx, ND_SORT_DATE, 0, date_asc);
	check(idx, ND_SORT_DATE, 1, date_desc);
	check(idx, ND_SORT_QUALITY, 1, quality_desc);
	check(idx, ND_SORT_QUALITY, 0, quality_asc);
	check(idx, ND_SORT_HEAT, 1, heat_desc);
	check(idx, ND_SORT_TITLE, 0, title_asc);
	check(idx, ND_SORT_TITLE, 1, title_desc);
	check(idx, ND_SORT_PROVIDER, 0, provider_asc);
	nd_index_free(idx);
}

static void test_names(void **state)
{
	enum nd_sort_key k;

	(void)state;
	assert_int_equal(nd_sort_parse("heat", &k), 0);
	assert_int_equal(k, ND_SORT_HEAT);
	assert_int_equal(nd_sort_parse("nope", &k), -1);
	assert_string_equal(nd_sort_name(ND_SORT_PROVIDER), "provider");
}

/* Stability on a large view: equal keys keep their relative order. */
static void test_stable_large(void **state)
{
	struct nd_index *idx = fixture_index(docs, ARRAY_LEN(docs));
	size_t n = 10000, i;
	uint32_t *ids = malloc(n * sizeof(*ids));

	(void)state;
	for (i = 0; i < n; i++)
		ids[i] = (uint32_t)(i % 2); /* ids 0 and 1 share quality 50 */
	assert_int_equal(nd_sort_ids(idx, ids, n, ND_SORT_QUALITY, 1), 0);
	for (i = 0; i < n; i++)
		assert_int_equal(ids[i], i % 2);
	free(ids);
	nd_index_free(idx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sorts),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_stable_large),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

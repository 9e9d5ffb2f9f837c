#include "test.h"

#include "newsdesk/base/strpool.h"

static void test_intern_dedups(void **state)
{
	struct nd_strpool p;
	uint32_t a, b, c;
	size_t len;

	(void)state;
	nd_strpool_init(&p);
	a = nd_strpool_intern(&p, "AI", 2);
	b = nd_strpool_intern(&p, "AI", 2);
	c = nd_strpool_intern(&p, "ai", 2);
	assert_true(a != 0);
	assert_int_equal(a, b);
	assert_true(a != c);
	assert_string_equal(nd_strpool_str(&p, a, &len), "AI");
	assert_int_equal(len, 2);
	assert_int_equal(nd_strpool_intern(&p, NULL, 0), 0);
	assert_string_equal(nd_strpool_str(&p, 0, &len), "");
	assert_int_equal(nd_strpool_intern(&p, "a\0b", 3),
			 nd_strpool_intern(&p, "a\0b", 3));
	assert_true(nd_strpool_intern(&p, "a\0b", 3) != nd_strpool_intern(&p, "a", 1));
	nd_strpool_release(&p);
}

static void test_many_strings_stay_put(void **state)
{
	struct nd_strpool p;
	const char *first;
	char tmp[32];
	uint32_t id0, i;
	size_t len;

	(void)state;
	nd_strpool_init(&p);
	id0 = nd_strpool_intern(&p, "s0", 2);
	first = nd_strpool_str(&p, id0, NULL);
	for (i = 1; i < 50000; i++) {
		snprintf(tmp, sizeof(tmp), "s%u", i);
		assert_int_equal(nd_strpool_intern(&p, tmp, strlen(tmp)), id0 + i);
	}
	assert_ptr_equal(nd_strpool_str(&p, id0, NULL), first);
	assert_string_equal(nd_strpool_str(&p, id0 + 4242, &len), "s4242");
	/* a copy bigger than a chunk */
	{
		size_t n = 1024 * 1024;
		char *big = malloc(n);
		const char *c;

		memset(big, 'x', n);
		c = nd_strpool_copy(&p, big, n);
		assert_non_null(c);
		assert_int_equal(c[n], '\0');
		free(big);
	}
	nd_strpool_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_intern_dedups),
		cmocka_unit_test(test_many_strings_stay_put),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

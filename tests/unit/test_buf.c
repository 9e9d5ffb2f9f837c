#include "test.h"

#include "newsdesk/base/buf.h"

static void test_append_and_nul(void **state)
{
	struct nd_buf b = ND_BUF_INIT;

	(void)state;
	assert_int_equal(nd_buf_add(&b, "ab\0cd", 5), 0);
	assert_int_equal(b.len, 5);
	assert_int_equal(b.data[5], '\0');
	assert_memory_equal(b.data, "ab\0cd", 5);
	assert_int_equal(nd_buf_addf(&b, "%d-%s", 42, "x"), 0);
	assert_memory_equal(b.data + 5, "42-x", 5);
	nd_buf_release(&b);
}

static void test_limit_refuses_and_keeps(void **state)
{
	struct nd_buf b;

	(void)state;
	nd_buf_init(&b, 8);
	assert_int_equal(nd_buf_adds(&b, "12345678"), 0);
	assert_int_equal(nd_buf_addc(&b, '9'), -1);
	assert_int_equal(b.len, 8);
	assert_string_equal(b.data, "12345678");
	assert_int_equal(nd_buf_addf(&b, "%s", "more"), -1);
	assert_int_equal(b.len, 8);
	nd_buf_release(&b);
}

static void test_detach_hands_over(void **state)
{
	struct nd_buf b = ND_BUF_INIT;
	size_t len;
	char *p;

	(void)state;
	p = nd_buf_detach(&b, &len);
	assert_non_null(p);
	assert_int_equal(len, 0);
	assert_string_equal(p, "");
	free(p);
	nd_buf_pad(&b, '-', 3);
	p = nd_buf_detach(&b, &len);
	assert_string_equal(p, "---");
	assert_null(b.data);
	free(p);
}

/* A buffer that has only grown is still a valid empty string. */
static void test_grown_empty_is_terminated(void **state)
{
	struct nd_buf b = ND_BUF_INIT;

	(void)state;
	assert_int_equal(nd_buf_grow(&b, 100), 0);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	nd_buf_release(&b);
}

static void test_grow_many(void **state)
{
	struct nd_buf b = ND_BUF_INIT;
	int i;

	(void)state;
	for (i = 0; i < 10000; i++)
		assert_int_equal(nd_buf_addc(&b, (char)('a' + i % 26)), 0);
	assert_int_equal(b.len, 10000);
	assert_int_equal(b.data[9999], 'a' + 9999 % 26);
	nd_buf_reset(&b);
	assert_int_equal(b.len, 0);
	nd_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_append_and_nul),
		cmocka_unit_test(test_limit_refuses_and_keeps),
		cmocka_unit_test(test_detach_hands_over),
		cmocka_unit_test(test_grow_many),
		cmocka_unit_test(test_grown_empty_is_terminated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

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
	/* Detached: the buffer is empty again, and still a string. */
	assert_ptr_equal(b.data, nd_buf_empty);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	free(p);
}

/* The contract: data is never NULL, in every state a buffer can be in. */
static void test_data_never_null(void **state)
{
	struct nd_buf b = ND_BUF_INIT, c;

	(void)state;
	assert_non_null(b.data);
	assert_int_equal(b.data[0], '\0');
	nd_buf_init(&c, 4);
	assert_non_null(c.data);
	assert_int_equal(c.data[0], '\0');
	/* An empty append, a reset and a release of an empty buffer. */
	assert_int_equal(nd_buf_add(&b, "", 0), 0);
	assert_ptr_equal(b.data, nd_buf_empty);
	nd_buf_reset(&b);
	nd_buf_release(&b);
	assert_ptr_equal(b.data, nd_buf_empty);
	nd_buf_adds(&b, "x");
	nd_buf_release(&b);
	assert_ptr_equal(b.data, nd_buf_empty);
	assert_string_equal(b.data, "");
	/* An empty format adds nothing and allocates nothing. */
	assert_int_equal(nd_buf_addf(&b, "%s", ""), 0);
	assert_ptr_equal(b.data, nd_buf_empty);
	/* The shared empty string was never written to. */
	assert_int_equal(nd_buf_empty[0], '\0');
	nd_buf_release(&c);
}

/* A refused append marks the buffer full, and the mark sticks until a
 * reset, so the owner can check once per output. */
static void test_full_is_sticky(void **state)
{
	struct nd_buf b;

	(void)state;
	nd_buf_init(&b, 4);
	assert_int_equal(nd_buf_adds(&b, "abc"), 0);
	assert_false(b.full);
	assert_int_equal(nd_buf_adds(&b, "de"), -1);
	assert_true(b.full);
	/* Would fit, but the output is already cut: refused too. */
	assert_int_equal(nd_buf_addc(&b, 'd'), -1);
	assert_int_equal(nd_buf_pad(&b, ' ', 1), -1);
	assert_string_equal(b.data, "abc");
	nd_buf_reset(&b);
	assert_false(b.full);
	assert_int_equal(nd_buf_adds(&b, "abcd"), 0);
	assert_int_equal(b.limit, 4);
	/* A limit near SIZE_MAX must not wrap around. */
	assert_int_equal(nd_buf_grow(&b, SIZE_MAX - 1), -1);
	nd_buf_release(&b);
}

/* ND_LIT passes a literal's length as the compiler counts it. */
static void test_literal_length(void **state)
{
	struct nd_buf b = ND_BUF_INIT;

	(void)state;
	nd_buf_add(&b, ND_LIT("a\0b"));
	assert_int_equal(b.len, 3);
	assert_true(ND_IS(b.data, b.len, "a\0b"));
	assert_false(ND_IS(b.data, b.len, "a"));
	nd_buf_release(&b);
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
		cmocka_unit_test(test_data_never_null),
		cmocka_unit_test(test_full_is_sticky),
		cmocka_unit_test(test_literal_length),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

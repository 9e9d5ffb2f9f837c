#include "test.h"

#include "newsdesk/base/buf.h"
#include "newsdesk/present/wrap.h"

static int collect(void *ctx, const char *line, size_t len)
{
	struct nd_buf *b = ctx;

	nd_buf_add(b, line, len);
	return nd_buf_addc(b, '|');
}

static void check(const char *in, size_t width, const char *want,
		  long lines)
{
	struct nd_buf b = ND_BUF_INIT;

	assert_int_equal(nd_wrap(in, strlen(in), width, collect, &b), lines);
	assert_string_equal(b.data, want);
	nd_buf_release(&b);
}

static void test_wrap_table(void **state)
{
	(void)state;
	check("the quick brown fox", 10, "the quick|brown fox|", 2);
	check("the quick brown fox", 100, "the quick brown fox|", 1);
	check("abcdefghijkl", 5, "abcde|fghij|kl|", 3);
	check("a\n\nb", 10, "a||b|", 3);
	check("trailing\n", 10, "trailing|", 1);
	check("", 10, "|", 1);
	/* 日本語 is six columns: three fit in 6, two in 5. */
	check("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 5,
	      "\xE6\x97\xA5\xE6\x9C\xAC|\xE8\xAA\x9E|", 2);
	/* A wide character in a one-column line still moves on. */
	check("\xE6\x97\xA5\xE6\x9C\xAC", 1, "\xE6\x97\xA5|\xE6\x9C\xAC|", 2);
	check("word  spaced   out", 7, "word|spaced|out|", 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wrap_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

#include "test.h"

#include "newsdesk/base/utf8.h"

static void test_decode_table(void **state)
{
	static const struct {
		const char *in;
		size_t len;
		uint32_t cp;
		size_t used;
	} cases[] = {
		{ "A", 1, 'A', 1 },
		{ "\xC3\xA9", 2, 0xE9, 2 },
		{ "\xE2\x82\xAC", 3, 0x20AC, 3 },
		{ "\xF0\x9F\x8E\xAE", 4, 0x1F3AE, 4 },
		{ "\xC0\xAF", 2, ND_UTF8_INVALID, 1 },	   /* overlong */
		{ "\xED\xA0\x80", 3, ND_UTF8_INVALID, 1 }, /* surrogate */
		{ "\xF4\x90\x80\x80", 4, ND_UTF8_INVALID, 1 }, /* > 10FFFF */
		{ "\xE2\x82", 2, ND_UTF8_INVALID, 1 },	   /* truncated */
		{ "\x80", 1, ND_UTF8_INVALID, 1 },
		{ "\xFF", 1, ND_UTF8_INVALID, 1 },
	};
	size_t i, n;
	uint32_t cp;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		n = nd_utf8_decode(cases[i].in, cases[i].len, &cp);
		assert_int_equal(cp, cases[i].cp);
		assert_int_equal(n, cases[i].used);
	}
}

static void test_encode_roundtrip(void **state)
{
	static const uint32_t cps[] = { 0x41, 0xE9, 0x7FF, 0x800, 0xFFFD,
					0x10000, 0x10FFFF };
	char buf[4];
	size_t i, n;
	uint32_t back;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cps); i++) {
		n = nd_utf8_encode(cps[i], buf);
		assert_int_equal(nd_utf8_decode(buf, n, &back), n);
		assert_int_equal(back, cps[i]);
	}
}

static void test_valid_reports_offset(void **state)
{
	size_t bad = 0;

	(void)state;
	assert_true(nd_utf8_valid("h\xC3\xA9llo", 6, &bad));
	assert_false(nd_utf8_valid("ab\xFF" "cd", 5, &bad));
	assert_int_equal(bad, 2);
}

static void test_widths(void **state)
{
	(void)state;
	assert_int_equal(nd_text_width("abc", 3), 3);
	/* CJK is two columns, combining marks none, whatever LANG says. */
	assert_int_equal(nd_text_width("\xE6\x97\xA5\xE6\x9C\xAC", 6), 4);
	assert_int_equal(nd_text_width("e\xCC\x81", 3), 1);
	assert_int_equal(nd_text_width("\xF0\x9F\x8E\xAE", 4), 2);
}

static void test_fit_never_splits(void **state)
{
	size_t used;

	(void)state;
	/* "日本語" is 6 columns; 5 columns hold two characters. */
	assert_int_equal(nd_text_fit("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 9,
				     5, &used), 6);
	assert_int_equal(used, 4);
	assert_int_equal(nd_text_fit("abcdef", 6, 3, &used), 3);
	assert_int_equal(nd_text_fit("abc", 3, 0, &used), 0);
}

static void test_fold(void **state)
{
	(void)state;
	assert_true(nd_fold_equal("Hello", 5, "hELLO", 5));
	assert_true(nd_fold_equal("\xC3\x89T\xC3\x89", 5, "\xC3\xA9t\xC3\xA9", 5));
	/* Cyrillic: "ЗОНД" and "зонд" */
	assert_true(nd_fold_equal("\xD0\x97\xD0\x9E\xD0\x9D\xD0\x94", 8,
				  "\xD0\xB7\xD0\xBE\xD0\xBD\xD0\xB4", 8));
	assert_true(nd_fold_contains("The Quick Brown", 15, "quick", 5));
	assert_false(nd_fold_contains("The Quick Brown", 15, "quack", 5));
	assert_true(nd_fold_contains("abc", 3, "", 0));
	assert_false(nd_fold_contains("ab", 2, "abc", 3));
	assert_true(nd_fold_compare("apple", 5, "Banana", 6) < 0);
	assert_true(nd_fold_compare("b", 1, "B", 1) == 0);
	assert_true(nd_fold_compare("ab", 2, "a", 1) > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_table),
		cmocka_unit_test(test_encode_roundtrip),
		cmocka_unit_test(test_valid_reports_offset),
		cmocka_unit_test(test_widths),
		cmocka_unit_test(test_fit_never_splits),
		cmocka_unit_test(test_fold),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

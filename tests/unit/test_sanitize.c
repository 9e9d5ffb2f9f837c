#include "test.h"

#include "newsdesk/base/sanitize.h"

struct san_case {
	const char *in;
	size_t len; /* 0: strlen */
	int flags;
	const char *out;
};

static const struct san_case cases[] = {
	{ "plain text", 0, ND_SAN_LINE, "plain text" },
	{ "clear \x1b[2J screen", 0, ND_SAN_LINE, "clear ^[[2J screen" },
	{ "osc \x1b]52;c;aGk=\x07", 0, ND_SAN_LINE, "osc ^[]52;c;aGk=^G" },
	{ "c1 \xC2\x9B" "31m", 0, ND_SAN_LINE, "c1 <U+009B>31m" },
	{ "cr\rover", 0, ND_SAN_LINE, "cr^Mover" },
	{ "bs\b", 0, ND_SAN_LINE, "bs^H" },
	{ "del\x7f", 0, ND_SAN_LINE, "del^?" },
	{ "rlo \xE2\x80\xAE" "cba", 0, ND_SAN_LINE, "rlo <U+202E>cba" },
	{ "zw\xE2\x80\x8Bsp", 0, ND_SAN_LINE, "zwsp" },
	{ "bom\xEF\xBB\xBFx", 0, ND_SAN_LINE, "bomx" },
	{ "bad \xFF byte", 0, ND_SAN_LINE, "bad \xEF\xBF\xBD byte" },
	{ "nul\0x", 5, ND_SAN_LINE, "nul^@x" },
	{ "line\r\nbreak\nhere", 0, ND_SAN_LINE, "line break here" },
	{ "line\r\nbreak", 0, ND_SAN_MULTILINE, "line\nbreak" },
	{ "url\xE2\x80\xA8x", 0, ND_SAN_LINE, "url<U+2028>x" },
	{ "para\xE2\x80\xA8x", 0, ND_SAN_MULTILINE, "para\nx" },
	{ "a\tb", 0, ND_SAN_LINE, "a b" },
	{ "ab\tc", 0, ND_SAN_MULTILINE, "ab      c" },
	{ "caf\xC3\xA9 \xE6\x97\xA5", 0, ND_SAN_LINE, "caf\xC3\xA9 \xE6\x97\xA5" },
	{ "caf\xC3\xA9", 0, ND_SAN_ASCII, "caf?" },
	{ "lone\rcr", 0, ND_SAN_MULTILINE, "lone^Mcr" },
};

static void test_table(void **state)
{
	struct nd_buf b = ND_BUF_INIT;
	size_t i, len;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		len = cases[i].len ? cases[i].len : strlen(cases[i].in);
		nd_buf_reset(&b);
		assert_int_equal(nd_sanitize(&b, cases[i].in, len,
					     cases[i].flags), 0);
		assert_string_equal(b.data, cases[i].out);
	}
	nd_buf_release(&b);
}

/* Whatever goes in, nothing below 0x20 (but "\n" in multi-line), no DEL
 * and no C1 byte pair comes out. */
static void test_no_control_survives(void **state)
{
	struct nd_buf b = ND_BUF_INIT;
	unsigned char in[512];
	size_t i, k;
	int round, flags;

	(void)state;
	srand(1);
	for (round = 0; round < 2000; round++) {
		for (i = 0; i < sizeof(in); i++)
			in[i] = (unsigned char)rand();
		flags = round % 2 ? ND_SAN_MULTILINE : ND_SAN_LINE;
		nd_buf_reset(&b);
		nd_sanitize(&b, (const char *)in, sizeof(in), flags);
		for (k = 0; k < b.len; k++) {
			unsigned char c = (unsigned char)b.data[k];

			assert_false(c < 0x20 && !(c == '\n' && flags));
			assert_false(c == 0x7f);
			if (c == 0xC2 && k + 1 < b.len)
				assert_false((unsigned char)b.data[k + 1] < 0xA0);
		}
	}
	nd_buf_release(&b);
}

static void test_empty_into_fresh_buffer(void **state)
{
	struct nd_buf b = ND_BUF_INIT;

	(void)state;
	assert_int_equal(nd_sanitize(&b, "", 0, ND_SAN_LINE), 0);
	assert_non_null(b.data);
	assert_string_equal(b.data, "");
	nd_buf_release(&b);
}

static void test_is_safe(void **state)
{
	(void)state;
	assert_true(nd_sanitize_cp_is_safe('a'));
	assert_true(nd_sanitize_cp_is_safe(0x65E5));
	assert_false(nd_sanitize_cp_is_safe(0x1B));
	assert_false(nd_sanitize_cp_is_safe(0x9B));
	assert_false(nd_sanitize_cp_is_safe(0x202E));
	assert_false(nd_sanitize_cp_is_safe(0x200B));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_no_control_survives),
		cmocka_unit_test(test_is_safe),
		cmocka_unit_test(test_empty_into_fresh_buffer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

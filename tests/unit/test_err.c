#include "test.h"

#include "newsdesk/base/diag.h"
#include "newsdesk/base/err.h"

static void test_set_returns_minus_one_and_places(void **state)
{
	struct nd_err e;

	(void)state;
	memset(&e, 0x55, sizeof(e));
	assert_int_equal(nd_err_set(&e, "cannot open '%s'", "x.md"), -1);
	assert_string_equal(e.message, "cannot open 'x.md'");
	assert_int_equal(e.line, 0);
	assert_int_equal(e.col, 0);
	assert_int_equal(e.code, 0);
	assert_int_equal(nd_err_at(&e, 3, 7, "bad %s", "tab"), -1);
	assert_int_equal(e.line, 3);
	assert_int_equal(e.col, 7);
	/* A caller that does not want the reason passes NULL. */
	assert_int_equal(nd_err_set(NULL, "ignored"), -1);
}

/* Raw input quoted in a message never reaches a terminal raw. */
static void test_message_is_sanitised(void **state)
{
	struct nd_err e;

	(void)state;
	nd_err_set(&e, "duplicate key '%s'", "ti\x1b[2Jtle\n");
	assert_null(strchr(e.message, '\x1b'));
	assert_null(strchr(e.message, '\n'));
	assert_non_null(strstr(e.message, "^["));
}

/* Cut to fit, never in the middle of a character. */
static void test_long_message_cut_at_a_character(void **state)
{
	char big[2 * ND_ERR_MAX];
	struct nd_err e;
	size_t i, n;

	(void)state;
	/* "é" is two bytes: an odd cut would split one. */
	for (i = 0; i + 2 < sizeof(big); i += 2)
		memcpy(big + i, "\xC3\xA9", 2);
	big[i] = '\0';
	nd_err_set(&e, "x%s", big);
	n = strlen(e.message);
	assert_true(n < ND_ERR_MAX);
	assert_true(n >= ND_ERR_MAX - 3);
	/* The last byte ends a character: 'x' then whole "é"s. */
	assert_int_equal((n - 1) % 2, 0);
	assert_int_equal((unsigned char)e.message[n - 1], 0xA9);
}

static void test_diag_takes_an_err(void **state)
{
	struct nd_diag d;
	struct nd_err e;
	char *s;

	(void)state;
	nd_diag_init(&d);
	nd_err_at(&e, 4, 1, "duplicate key 'title' (first at line 2)");
	nd_diag_add_err(&d, ND_ERROR, "x.md", &e);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.errors, 1);
	s = nd_diag_format(&d.items[0]);
	assert_string_equal(s, "x.md:4:1: duplicate key 'title' (first at "
			       "line 2)");
	free(s);
	nd_diag_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_set_returns_minus_one_and_places),
		cmocka_unit_test(test_message_is_sanitised),
		cmocka_unit_test(test_long_message_cut_at_a_character),
		cmocka_unit_test(test_diag_takes_an_err),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

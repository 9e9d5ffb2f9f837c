#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "newsdesk/present/scroller.h"

struct step {
	enum nd_action a;
	size_t cursor, top; /* after the action */
	int ret;
};

static void run(struct nd_scroller s, const struct step *steps, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int r = nd_scroller_act(&s, steps[i].a);

		assert_int_equal(r, steps[i].ret);
		assert_int_equal(s.cursor, steps[i].cursor);
		assert_int_equal(s.top, steps[i].top);
	}
}

/* 100 rows, 10 on screen: a page is 9, half a page 5. */
static void test_list(void **state)
{
	static const struct step steps[] = {
		{ ND_ACT_UP, 0, 0, 0 },
		{ ND_ACT_DOWN, 1, 0, 1 },
		{ ND_ACT_PAGE_DOWN, 10, 9, 1 },
		{ ND_ACT_PAGE_UP, 1, 0, 1 },
		{ ND_ACT_HALF_DOWN, 6, 5, 1 },
		{ ND_ACT_HALF_UP, 1, 0, 1 },
		{ ND_ACT_BOTTOM, 99, 90, 1 },
		{ ND_ACT_DOWN, 99, 90, 0 },
		{ ND_ACT_PAGE_DOWN, 99, 90, 0 },
		{ ND_ACT_PAGE_UP, 90, 81, 1 },
		{ ND_ACT_TOP, 0, 0, 1 },
		{ ND_ACT_SEARCH, 0, 0, -1 },
	};
	struct nd_scroller s = { 100, 10, 0, 0, 1 };

	(void)state;
	run(s, steps, sizeof(steps) / sizeof(steps[0]));
}

/* A text moves its window only; it stops where the last line shows. */
static void test_text(void **state)
{
	static const struct step steps[] = {
		{ ND_ACT_DOWN, 0, 1, 1 },
		{ ND_ACT_PAGE_DOWN, 0, 10, 1 },
		{ ND_ACT_PAGE_DOWN, 0, 15, 1 },
		{ ND_ACT_DOWN, 0, 15, 0 },
		{ ND_ACT_HALF_UP, 0, 10, 1 },
		{ ND_ACT_PAGE_UP, 0, 1, 1 },
		{ ND_ACT_BOTTOM, 0, 15, 1 },
		{ ND_ACT_TOP, 0, 0, 1 },
	};
	struct nd_scroller s = { 25, 10, 0, 0, 0 };

	(void)state;
	run(s, steps, sizeof(steps) / sizeof(steps[0]));
}

/* Short content, a one-row window and an empty list never go wrong. */
static void test_edges(void **state)
{
	static const struct step shorter[] = {
		{ ND_ACT_PAGE_DOWN, 0, 0, 0 },
		{ ND_ACT_BOTTOM, 0, 0, 0 },
	};
	static const struct step one_row[] = {
		{ ND_ACT_PAGE_DOWN, 1, 1, 1 },
		{ ND_ACT_HALF_DOWN, 2, 2, 1 },
		{ ND_ACT_BOTTOM, 4, 4, 1 },
	};
	static const struct step empty[] = {
		{ ND_ACT_DOWN, 0, 0, 0 },
		{ ND_ACT_BOTTOM, 0, 0, 0 },
	};
	struct nd_scroller text = { 5, 10, 0, 0, 0 };
	struct nd_scroller list = { 5, 1, 0, 0, 1 };
	struct nd_scroller none = { 0, 10, 0, 0, 1 };

	(void)state;
	run(text, shorter, 2);
	run(list, one_row, 3);
	run(none, empty, 2);
}

/* A window that grows after a resize shows no blank rows at the end. */
static void test_clamp_after_resize(void **state)
{
	struct nd_scroller s = { 100, 10, 99, 90, 1 };

	(void)state;
	s.height = 30;
	nd_scroller_clamp(&s);
	assert_int_equal(s.top, 70);
	s.height = 0;
	nd_scroller_clamp(&s);
	assert_int_equal(s.cursor, 99);
	s.count = 50;
	s.height = 10;
	nd_scroller_clamp(&s);
	assert_int_equal(s.cursor, 49);
	assert_int_equal(s.top, 40);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_clamp_after_resize),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

#include "index_fixture.h"

#include "newsdesk/present/view.h"

static struct nd_index *make(size_t n)
{
	static char docs[64][128];
	const char *ptrs[64];
	size_t i;

	for (i = 0; i < n; i++) {
		snprintf(docs[i], sizeof(docs[i]),
			 "---\ntitle: t%02zu\nquality: %zu\npublished: %s\n---\n",
			 i, (i * 7) % 10, i % 3 == 0 ? "true" : "false");
		ptrs[i] = docs[i];
	}
	return fixture_index(ptrs, n);
}

static void test_scroll_maths(void **state)
{
	struct nd_index *idx = make(50);
	struct nd_view v;

	(void)state;
	nd_view_init(&v);
	v.sort = ND_SORT_PATH;
	v.desc = 0;
	assert_int_equal(nd_view_rebuild(&v, idx, -1), 0);
	assert_int_equal(v.count, 50);
	nd_view_move(&v, 12, 10);
	assert_int_equal(v.cursor, 12);
	assert_int_equal(v.top, 3); /* cursor on the last row of 10 */
	nd_view_move(&v, -5, 10);
	assert_int_equal(v.cursor, 7);
	assert_int_equal(v.top, 3); /* still on screen: no scroll */
	nd_view_move(&v, -100, 10);
	assert_int_equal(v.cursor, 0);
	assert_int_equal(v.top, 0);
	nd_view_move(&v, 1000, 10);
	assert_int_equal(v.cursor, 49);
	assert_int_equal(v.top, 40);
	/* a taller window never leaves blank rows below the end */
	nd_view_scroll(&v, 30);
	assert_int_equal(v.top, 20);
	nd_view_scroll(&v, 100);
	assert_int_equal(v.top, 0);
	nd_view_scroll(&v, 0); /* a 1x1 terminal has no list rows at all */
	assert_int_equal(v.top, 49);
	nd_view_release(&v);
	nd_index_free(idx);
}

static void test_limit_keeps_selection(void **state)
{
	struct nd_index *idx = make(30);
	struct nd_err err;
	struct nd_query *q;
	struct nd_view v;
	long sel;

	(void)state;
	nd_view_init(&v);
	v.sort = ND_SORT_PATH;
	v.desc = 0;
	nd_view_rebuild(&v, idx, -1);
	nd_view_goto(&v, 4, 10); /* t04: published: false */
	sel = nd_view_selected(&v);
	assert_int_equal(sel, 4);
	assert_int_equal(nd_query_compile("published:no", &q, &err), 0);
	nd_view_set_limit(&v, q, strdup("published:no"));
	nd_view_rebuild(&v, idx, sel);
	assert_int_equal(v.count, 20);
	assert_int_equal(v.unpublished, 20);
	assert_int_equal(nd_view_selected(&v), 4);
	/* sorting keeps it too */
	v.sort = ND_SORT_QUALITY;
	v.desc = 1;
	nd_view_rebuild(&v, idx, sel);
	assert_int_equal(nd_view_selected(&v), 4);
	/* a limit that hides it puts the cursor on a row nearby */
	assert_int_equal(nd_query_compile("published:yes", &q, &err), 0);
	nd_view_set_limit(&v, q, strdup("published:yes"));
	nd_view_rebuild(&v, idx, sel);
	assert_int_equal(v.count, 10);
	assert_true(v.cursor < v.count);
	/* an empty view */
	assert_int_equal(nd_query_compile("quality>100", &q, &err), 0);
	nd_view_set_limit(&v, q, NULL);
	nd_view_rebuild(&v, idx, sel);
	assert_int_equal(v.count, 0);
	assert_int_equal(nd_view_selected(&v), -1);
	nd_view_move(&v, 1, 10);
	assert_int_equal(v.cursor, 0);
	nd_view_release(&v);
	nd_index_free(idx);
}

static void test_find_wraps(void **state)
{
	struct nd_index *idx = make(10);
	struct nd_err err;
	struct nd_query *q;
	struct nd_view v;
	int wrapped;

	(void)state;
	nd_view_init(&v);
	v.sort = ND_SORT_PATH;
	v.desc = 0;
	nd_view_rebuild(&v, idx, -1);
	assert_int_equal(nd_query_compile("published:yes", &q, &err), 0);
	/* published: rows 0, 3, 6, 9 */
	assert_int_equal(nd_view_find(&v, idx, q, 1, 1, &wrapped), 3);
	assert_false(wrapped);
	assert_int_equal(nd_view_find(&v, idx, q, 7, 1, &wrapped), 9);
	assert_int_equal(nd_view_find(&v, idx, q, 10, 1, &wrapped), 9);
	assert_int_equal(nd_view_find(&v, idx, q, 5, -1, &wrapped), 3);
	assert_int_equal(nd_view_find(&v, idx, q, 8, 1, &wrapped), 9);
	nd_query_free(q);
	assert_int_equal(nd_query_compile("t07", &q, &err), 0);
	assert_int_equal(nd_view_find(&v, idx, q, 8, 1, &wrapped), 7);
	assert_true(wrapped);
	nd_query_free(q);
	assert_int_equal(nd_query_compile("nothing", &q, &err), 0);
	assert_int_equal(nd_view_find(&v, idx, q, 0, 1, &wrapped), -1);
	nd_query_free(q);
	nd_view_release(&v);
	nd_index_free(idx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scroll_maths),
		cmocka_unit_test(test_limit_keeps_selection),
		cmocka_unit_test(test_find_wraps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

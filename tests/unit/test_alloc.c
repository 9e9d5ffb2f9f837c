#include "test.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/buf.h"

#include <stdint.h>

static jmp_buf escape;
static size_t failed_bytes;
static int cleanups;

/* The handler must not return: it leaves through longjmp, as the real
 * one leaves through _exit. */
static void handler(size_t bytes)
{
	failed_bytes = bytes;
	longjmp(escape, 1);
}

static void cleanup(void)
{
	cleanups++;
}

static int setup(void **state)
{
	(void)state;
	failed_bytes = 0;
	cleanups = 0;
	nd_alloc_set_oom_handler(handler);
	nd_alloc_set_cleanup(cleanup);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	nd_alloc_set_oom_handler(NULL);
	nd_alloc_set_cleanup(NULL);
	return 0;
}

/* Sizes no machine can give: the handler runs, after the cleanup, with
 * the size asked for, and nothing is returned to the caller. */
static void test_impossible_sizes_reach_the_handler(void **state)
{
	volatile int returned = 0;
	void *p;

	(void)state;
	if (setjmp(escape) == 0) {
		p = nd_xmalloc(SIZE_MAX - 16);
		returned = p != NULL;
	}
	assert_false(returned);
	assert_int_equal(failed_bytes, SIZE_MAX - 16);
	assert_int_equal(cleanups, 1);

	nd_alloc_set_cleanup(cleanup);
	if (setjmp(escape) == 0)
		returned = nd_xcalloc(SIZE_MAX / 2, 4) != NULL;
	assert_false(returned);
	assert_int_equal(failed_bytes, SIZE_MAX); /* overflowed: capped */
	assert_int_equal(cleanups, 2);
}

/* The cleanup runs once, even when it is what fails next. */
static void test_cleanup_runs_once(void **state)
{
	(void)state;
	if (setjmp(escape) == 0)
		nd_alloc_fail(1);
	assert_int_equal(cleanups, 1);
	if (setjmp(escape) == 0)
		nd_alloc_fail(1);
	assert_int_equal(cleanups, 1);
}

/* nd_grow: doubling, and a count that overflows is refused through the
 * handler instead of wrapping to a small allocation. */
static void test_grow(void **state)
{
	int *a = NULL;
	size_t cap = 0;
	volatile int wrapped = 0;

	(void)state;
	nd_grow(&a, &cap, 1, sizeof(*a));
	assert_int_equal(cap, 8);
	nd_grow(&a, &cap, 9, sizeof(*a));
	assert_int_equal(cap, 16);
	nd_grow(&a, &cap, 3, sizeof(*a));
	assert_int_equal(cap, 16);
	a[15] = 1;
	if (setjmp(escape) == 0) {
		nd_grow(&a, &cap, SIZE_MAX / 2, sizeof(*a));
		wrapped = 1;
	}
	assert_false(wrapped);
	assert_int_equal(cap, 16);
	free(a);
}

static void test_dups(void **state)
{
	char *s;

	(void)state;
	s = nd_xmemdup("a\0b", 3);
	assert_memory_equal(s, "a\0b", 4);
	free(s);
	s = nd_xmemdup(NULL, 0);
	assert_string_equal(s, "");
	free(s);
	s = nd_xstrdup("newsdesk");
	assert_string_equal(s, "newsdesk");
	free(s);
	/* Zero-sized requests still give a pointer the caller may free. */
	s = nd_xmalloc(0);
	assert_non_null(s);
	free(s);
}

/* A buffer past memory goes to the same handler, not a -1 that some
 * caller would ignore. */
static void test_buffer_out_of_memory(void **state)
{
	struct nd_buf b = ND_BUF_INIT;
	volatile int returned = 0;

	(void)state;
	nd_buf_adds(&b, "x");
	if (setjmp(escape) == 0) {
		nd_buf_grow(&b, SIZE_MAX - 8);
		returned = 1;
	}
	assert_false(returned);
	assert_string_equal(b.data, "x");
	nd_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_impossible_sizes_reach_the_handler, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_cleanup_runs_once, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_grow, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dups, setup, teardown),
		cmocka_unit_test_setup_teardown(test_buffer_out_of_memory,
						setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

#include "test.h"

#include "newsdesk/present/keys.h"
#include "newsdesk/present/lineedit.h"

#include <string.h>

/* Types each key of a script; returns the last result. */
static enum nd_edit_result keys(struct nd_lineedit *e, const int *k, size_t n)
{
	enum nd_edit_result r = ND_EDIT_IGNORED;
	size_t i;

	for (i = 0; i < n; i++)
		r = nd_lineedit_key(e, k[i]);
	return r;
}

static void type(struct nd_lineedit *e, const char *s)
{
	for (; *s; s++)
		nd_lineedit_key(e, (unsigned char)*s);
}

struct edit_case {
	const char *start;
	int keys[6];
	size_t nkeys;
	const char *text;
	size_t cursor;
};

static void test_keys(void **state)
{
	static const struct edit_case cases[] = {
		{ "topic:AI", { ND_KEY_CTRL('a'), 'x' }, 2, "xtopic:AI", 1 },
		{ "topic:AI", { ND_KEY_CTRL('a'), ND_KEY_CTRL('e'), '!' }, 3,
		  "topic:AI!", 9 },
		{ "abc", { ND_KEY_LEFT, ND_KEY_LEFT, ND_KEY_CTRL('k') }, 3,
		  "a", 1 },
		{ "abc", { ND_KEY_CTRL('b'), ND_KEY_CTRL('u') }, 2, "c", 0 },
		{ "one two", { ND_KEY_CTRL('w') }, 1, "one ", 4 },
		{ "one two  ", { ND_KEY_CTRL('w') }, 1, "one ", 4 },
		{ "abc", { ND_KEY_HOME, ND_KEY_DELETE }, 2, "bc", 0 },
		{ "abc", { ND_KEY_HOME, ND_KEY_CTRL('f'), ND_KEY_BACKSPACE },
		  3, "bc", 0 },
		{ "", { ND_KEY_BACKSPACE, ND_KEY_LEFT, ND_KEY_DELETE }, 3, "",
		  0 },
		/* a character of two bytes goes whole */
		{ "d\xC3\xA9", { ND_KEY_BACKSPACE }, 1, "d", 1 },
		{ "d\xC3\xA9", { ND_KEY_LEFT, 'x' }, 2, "dx\xC3\xA9", 2 },
		/* controls never get in */
		{ "a", { 0x1b - 1, 0x7f, 0x9b }, 3, "a", 1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct nd_lineedit e;

		nd_lineedit_init(&e);
		nd_lineedit_set(&e, cases[i].start);
		keys(&e, cases[i].keys, cases[i].nkeys);
		assert_string_equal(e.text.data, cases[i].text);
		assert_int_equal(e.cursor, cases[i].cursor);
		nd_lineedit_release(&e);
	}
}

static void test_accept_cancel(void **state)
{
	struct nd_lineedit e;

	(void)state;
	nd_lineedit_init(&e);
	assert_int_equal(nd_lineedit_key(&e, 'a'), ND_EDIT_CHANGED);
	assert_int_equal(nd_lineedit_key(&e, ND_KEY_LEFT), ND_EDIT_MOVED);
	assert_int_equal(nd_lineedit_key(&e, ND_KEY_ENTER), ND_EDIT_ACCEPT);
	assert_int_equal(nd_lineedit_key(&e, ND_KEY_ESC), ND_EDIT_CANCEL);
	assert_int_equal(nd_lineedit_key(&e, ND_KEY_CTRL('g')), ND_EDIT_CANCEL);
	assert_int_equal(nd_lineedit_key(&e, ND_KEY_TAB), ND_EDIT_COMPLETE);
	assert_int_equal(nd_lineedit_key(&e, ND_KEY_F0 + 1), ND_EDIT_IGNORED);
	nd_lineedit_release(&e);
}

/* Up walks back from the newest, Down returns to what was typed. */
static void test_recall(void **state)
{
	const char *items[] = { "old", "newer", "current" };
	struct nd_lineedit e;

	(void)state;
	nd_lineedit_init(&e);
	nd_lineedit_set_recall(&e, items, 3);
	type(&e, "typ");
	nd_lineedit_key(&e, ND_KEY_UP);
	assert_string_equal(e.text.data, "current");
	nd_lineedit_key(&e, ND_KEY_UP);
	nd_lineedit_key(&e, ND_KEY_UP);
	assert_string_equal(e.text.data, "old");
	assert_int_equal(nd_lineedit_key(&e, ND_KEY_UP), ND_EDIT_MOVED);
	assert_string_equal(e.text.data, "old");
	nd_lineedit_key(&e, ND_KEY_DOWN);
	assert_string_equal(e.text.data, "newer");
	nd_lineedit_key(&e, ND_KEY_DOWN);
	nd_lineedit_key(&e, ND_KEY_DOWN);
	assert_string_equal(e.text.data, "typ");
	assert_int_equal(e.cursor, 3);
	nd_lineedit_release(&e);
}

static void test_complete(void **state)
{
	static const char *const words[] = { "published:", "provider:",
					     "topic:", "type:" };
	struct nd_lineedit e;

	(void)state;
	nd_lineedit_init(&e);
	type(&e, "AI OR pu");
	assert_int_equal(nd_lineedit_complete(&e, words, 4), 1);
	assert_string_equal(e.text.data, "AI OR published:");
	nd_lineedit_set(&e, "(p");
	assert_int_equal(nd_lineedit_complete(&e, words, 4), 2);
	assert_string_equal(e.text.data, "(p"); /* pu/pr: no common part */
	nd_lineedit_set(&e, "t");
	assert_int_equal(nd_lineedit_complete(&e, words, 4), 2);
	nd_lineedit_set(&e, "x");
	assert_int_equal(nd_lineedit_complete(&e, words, 4), 0);
	assert_string_equal(e.text.data, "x");
	/* a value after a field: the word starts after the ':' */
	nd_lineedit_set(&e, "topic:Sc");
	assert_int_equal(nd_lineedit_word_start(&e), 6);
	nd_lineedit_release(&e);
}

static void test_cap(void **state)
{
	struct nd_lineedit e;
	size_t i;

	(void)state;
	nd_lineedit_init(&e);
	for (i = 0; i < ND_LINEEDIT_MAX + 10; i++)
		nd_lineedit_key(&e, 'x');
	assert_int_equal(e.text.len, ND_LINEEDIT_MAX);
	nd_lineedit_release(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_accept_cancel),
		cmocka_unit_test(test_recall),
		cmocka_unit_test(test_complete),
		cmocka_unit_test(test_cap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

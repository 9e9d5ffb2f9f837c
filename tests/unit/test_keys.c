#include "test.h"

#include "newsdesk/present/keys.h"

static void test_parse_and_name(void **state)
{
	static const struct {
		const char *name;
		int key;
	} cases[] = {
		{ "j", 'j' },	       { "G", 'G' },
		{ "C-d", 4 },	       { "c-F", 6 },
		{ "Down", ND_KEY_DOWN }, { "pgdn", ND_KEY_PGDN },
		{ "Enter", ND_KEY_ENTER }, { "Tab", ND_KEY_TAB },
		{ "S-Tab", ND_KEY_BTAB }, { "Space", ' ' },
		{ "F1", ND_KEY_F0 + 1 }, { "F12", ND_KEY_F0 + 12 },
		{ "?", '?' },	       { "Esc", ND_KEY_ESC },
	};
	char buf[16];
	size_t i;
	int key;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		assert_int_equal(nd_key_parse(cases[i].name, &key), 0);
		assert_int_equal(key, cases[i].key);
		/* names round-trip (modulo case) */
		assert_int_equal(nd_key_parse(nd_key_name(key, buf, sizeof(buf)),
					      &key), 0);
		assert_int_equal(key, cases[i].key);
	}
	assert_int_equal(nd_key_parse("F13", &key), -1);
	assert_int_equal(nd_key_parse("jj", &key), -1);
	assert_int_equal(nd_key_parse("C-", &key), -1);
	assert_int_equal(nd_key_parse("", &key), -1);
	assert_string_equal(nd_key_name(4, buf, sizeof(buf)), "C-d");
}

static void test_defaults_and_rebind(void **state)
{
	struct nd_keymap km;
	char keys[64];

	(void)state;
	assert_int_equal(nd_keymap_default(&km), 0);
	assert_int_equal(nd_keymap_lookup(&km, 'j'), ND_ACT_DOWN);
	assert_int_equal(nd_keymap_lookup(&km, ND_KEY_DOWN), ND_ACT_DOWN);
	assert_int_equal(nd_keymap_lookup(&km, '/'), ND_ACT_SEARCH);
	assert_int_equal(nd_keymap_lookup(&km, 'x'), ND_ACT_NONE);
	nd_keymap_keys_for(&km, ND_ACT_DOWN, keys, sizeof(keys));
	assert_string_equal(keys, "j, Down");
	assert_int_equal(nd_keymap_bind(&km, 'x', ND_ACT_QUIT), 0);
	assert_int_equal(nd_keymap_lookup(&km, 'x'), ND_ACT_QUIT);
	assert_int_equal(nd_keymap_bind(&km, 'j', ND_ACT_NONE), 0);
	assert_int_equal(nd_keymap_lookup(&km, 'j'), ND_ACT_NONE);
	nd_keymap_keys_for(&km, ND_ACT_DOWN, keys, sizeof(keys));
	assert_string_equal(keys, "Down");
	nd_keymap_release(&km);
}

static void test_every_action_named_and_helped(void **state)
{
	int a;

	(void)state;
	for (a = 0; a < ND_ACT_COUNT; a++) {
		const struct nd_action_info *i = nd_action_info(a);

		assert_non_null(i->name);
		assert_non_null(i->help);
		assert_int_equal(nd_action_by_name(i->name), a);
	}
	assert_int_equal(nd_action_by_name("nope"), ND_ACT_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_and_name),
		cmocka_unit_test(test_defaults_and_rebind),
		cmocka_unit_test(test_every_action_named_and_helped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

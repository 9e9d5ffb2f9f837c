#include "test.h"

#include "newsdesk/present/blocks.h"

static void test_roles_nest_and_clamp(void **state)
{
	struct nd_doc doc;
	struct nd_blocks b;
	unsigned i;

	(void)state;
	nd_doc_init(&doc, 40, 0);
	nd_blocks_init(&b, &doc);
	assert_int_equal(nd_blocks_role(&b), ND_ROLE_DETAIL_TEXT);
	nd_blocks_push_role(&b, ND_ROLE_MD_EMPH);
	assert_int_equal(nd_blocks_role(&b), ND_ROLE_MD_EMPH);
	/* Far deeper than kept: the deepest kept role stands in, and every
	 * pop matches its push. */
	for (i = 0; i < 100000; i++)
		nd_blocks_push_role(&b, i < ND_BLOCKS_MAX - 2
						? ND_ROLE_MD_STRONG
						: ND_ROLE_MD_CODE);
	assert_int_equal(nd_blocks_role(&b), ND_ROLE_MD_CODE);
	for (i = 0; i < 100000; i++)
		nd_blocks_pop_role(&b);
	assert_int_equal(nd_blocks_role(&b), ND_ROLE_MD_EMPH);
	nd_blocks_pop_role(&b);
	nd_blocks_pop_role(&b); /* one too many: harmless */
	assert_int_equal(nd_blocks_role(&b), ND_ROLE_DETAIL_TEXT);
	nd_blocks_quote_enter(&b);
	assert_int_equal(nd_blocks_role(&b), ND_ROLE_MD_QUOTE);
	assert_int_equal(nd_blocks_indent(&b), 2);
	nd_blocks_quote_leave(&b);
	nd_blocks_quote_leave(&b); /* unbalanced: stays at 0 */
	assert_int_equal(nd_blocks_indent(&b), 0);
	nd_doc_release(&doc);
}

static const char *line(const struct nd_doc *doc, size_t i)
{
	assert_true(i < doc->count);
	return doc->lines[i].text;
}

static void add_item(struct nd_blocks *b, const char *text)
{
	nd_blocks_item(b);
	nd_doc_text(b->doc, ND_ROLE_DETAIL_TEXT, text, strlen(text));
	nd_blocks_flush(b);
}

static void test_lists_number_and_indent(void **state)
{
	struct nd_doc doc;
	struct nd_blocks b;
	unsigned i;

	(void)state;
	nd_doc_init(&doc, 40, 0);
	nd_blocks_init(&b, &doc);
	nd_blocks_list_enter(&b, 1, 3);
	add_item(&b, "three");
	add_item(&b, "four");
	nd_blocks_list_enter(&b, 0, 0);
	add_item(&b, "inner");
	nd_blocks_list_leave(&b);
	add_item(&b, "five");
	nd_blocks_list_leave(&b);
	assert_string_equal(line(&doc, 0), "3. three");
	assert_string_equal(line(&doc, 1), "4. four");
	assert_string_equal(line(&doc, 2), "  \xE2\x80\xA2 inner");
	assert_string_equal(line(&doc, 3), "5. five");
	assert_string_equal(line(&doc, 4), ""); /* the outer list's end */
	/* Lists nested past the bound still balance and stay in the pane
	 * (the doc caps the indent at half the width). */
	for (i = 0; i < 1000; i++)
		nd_blocks_list_enter(&b, 1, 1);
	add_item(&b, "deep");
	for (i = 0; i < 1000; i++)
		nd_blocks_list_leave(&b);
	assert_int_equal(b.nlists, 0);
	nd_doc_release(&doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roles_nest_and_clamp),
		cmocka_unit_test(test_lists_number_and_indent),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

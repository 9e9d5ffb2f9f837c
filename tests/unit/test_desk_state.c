#include "index_fixture.h"

#include "newsdesk/present/desk_state.h"

static const char *const docs[] = {
	"---\ntitle: a\ntopics: [AI]\n---\n",
	"---\ntitle: b\n---\n",
	"---\ntitle: c\ntopics: [AI]\n---\n",
	"---\ntitle: d\n---\n",
};

static void start(struct nd_desk_state *st, size_t n)
{
	nd_desk_state_init(st, fixture_index(docs, n));
	st->view.sort = ND_SORT_PATH;
	st->view.desc = 0;
	nd_view_rebuild(&st->view, st->idx, -1);
}

/* A reload keeps tags and the selection by path; gone ones drop. */
static void test_reload_keeps_tags(void **state)
{
	struct nd_desk_state st;

	(void)state;
	start(&st, 4);
	nd_desk_tag(&st, 1);
	nd_desk_tag(&st, 3);
	nd_view_goto(&st.view, 1, 10);
	/* the new index lacks d (index 3) */
	assert_int_equal(nd_desk_state_reload(&st, fixture_index(docs, 3)), 1);
	assert_int_equal(st.ntagged, 1);
	assert_true(st.tagged[1]);
	assert_int_equal(nd_view_selected(&st.view), 1);
	assert_int_equal(st.view.count, 3);
	nd_desk_state_release(&st);
}

static void test_limit_kept_on_reload(void **state)
{
	struct nd_desk_state st;
	struct nd_err err;

	(void)state;
	start(&st, 4);
	assert_int_equal(nd_desk_set_limit(&st, "topic:AI", &err), 0);
	assert_int_equal(st.view.count, 2);
	nd_desk_state_reload(&st, fixture_index(docs, 4));
	assert_int_equal(st.view.count, 2);
	assert_string_equal(st.view.limit_text, "topic:AI");
	/* a bad limit leaves the view as it was */
	assert_int_equal(nd_desk_set_limit(&st, "topic:AI OR (", &err), -1);
	assert_int_equal(st.view.count, 2);
	assert_int_equal(nd_desk_set_limit(&st, "", &err), 0);
	assert_int_equal(st.view.count, 4);
	assert_null(st.view.limit_text);
	nd_desk_state_release(&st);
}

/* Back returns to the article, the limit and the level it came from. */
static void test_back_restores_limit(void **state)
{
	struct nd_desk_state st;
	struct nd_err err;

	(void)state;
	start(&st, 4);
	nd_desk_set_limit(&st, "topic:AI", &err);
	nd_view_goto(&st.view, 1, 10); /* c */
	st.level = ND_LEVEL_ARTICLE;
	nd_desk_push_back(&st);
	nd_desk_set_limit(&st, NULL, &err); /* a jump cleared it */
	nd_view_goto(&st.view, 3, 10);
	st.level = ND_LEVEL_INDEX;
	assert_int_equal(nd_desk_pop_back(&st), 0);
	assert_string_equal(st.view.limit_text, "topic:AI");
	assert_int_equal(nd_view_selected(&st.view), 2);
	assert_int_equal(st.level, ND_LEVEL_ARTICLE);
	assert_int_equal(nd_desk_pop_back(&st), -1);
	assert_string_equal(st.message, "nothing to go back to");
	nd_desk_state_release(&st);
}

static void test_prune_removed(void **state)
{
	struct nd_desk_state st;

	(void)state;
	start(&st, 4);
	nd_desk_tag(&st, 0);
	nd_desk_tag(&st, 2);
	assert_int_equal(nd_desk_tag(&st, 2), 0); /* untagged again */
	nd_desk_tag(&st, 2);
	nd_index_update(st.idx, 2, NULL); /* rejected */
	assert_int_equal(nd_desk_tags_prune(&st), 1);
	assert_int_equal(st.ntagged, 1);
	nd_desk_untag_all(&st);
	assert_int_equal(st.ntagged, 0);
	assert_false(st.tagged[0]);
	nd_desk_state_release(&st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reload_keeps_tags),
		cmocka_unit_test(test_limit_kept_on_reload),
		cmocka_unit_test(test_back_restores_limit),
		cmocka_unit_test(test_prune_removed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

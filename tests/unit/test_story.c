#include "test.h"
#include "index_fixture.h"

#include "newsdesk/model/query.h"
#include "newsdesk/model/story.h"

/* Invented headline pairs shaped like real corpora's, with the rule's verdict (every word
 * weighing 1 here; in a directory rare words weigh more). */
static void test_pairs(void **state)
{
	static const struct {
		const char *a, *b;
		int same;
	} rows[] = {
		/* the same story, other outlets */
		{ "Ferrylink booking portal misconfiguration exposes 12 million "
		  "records", "Ferrylink booking portal misconfigurations expose 12 "
		  "million records", 1 },
		{ "Ferrylink Makes Portal Changes Following \xe2\x80\x98"
		  "Sensitive Data\xe2\x80\x99 Exposure: Auditors",
		  "Ferrylink Makes Portal Changes Following 'Sensitive "
		  "Data' Exposure: Auditors", 1 },
		{ "Ferrylink uses GPT-3 to add AI features to its booking app",
		  "FERRYLINK USES GPT-3 TO ADD AI FEATURES TO ITS BOOKING APP", 1 },
		{ "Harbourline Releases DeckCrew a New Family of ISTM Fleet "
		  "Crew Products", "RE-TRANSMISSION: Harbourline Releases "
		  "DeckCrew a New Family of ITSM Fleet Crew Products", 1 },
		/* sharing a subject is not the same story */
		{ "Ferrylink fleshes out its booking app",
		  "Ferrylink makes some changes to paying for its booking app", 0 },
		{ "Add your timetables to the harbour app",
		  "Announcing fare zone variables", 0 },
		{ "The new rules of the game", "The rules of the new game "
		  "show", 1 },
		{ "Of the and to", "A the of", 0 }, /* stop words only */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		double s = nd_story_headline_similarity(
			rows[i].a, strlen(rows[i].a), rows[i].b,
			strlen(rows[i].b));

		if ((s >= ND_STORY_THRESHOLD) != rows[i].same)
			fail_msg("row %zu: %.2f", i, s);
	}
}

static const char *const docs[] = {
	/* 0, 1, 2: one story over two days and three outlets */
	"---\ntitle: Ferrylink booking portal misconfiguration exposes 12 million "
	"records\npublishedDateTime: 2021-08-23T10:00:00Z\nprovider: {name: "
	"Coast Post}\nwebUrl: https://z/1\n---\n",
	"---\ntitle: Ferrylink booking portal misconfigurations expose 12 million "
	"records\npublishedDateTime: 2021-08-24T10:00:00Z\npublished: true\n"
	"quality: 10\nprovider: {name: Harbour Times}\n---\n",
	"---\ntitle: \"Ferrylink booking portal misconfiguration exposes 12 "
	"million data records\"\npublishedDateTime: 2021-08-25T09:00:00Z\n"
	"quality: 90\nprovider: {name: Quayside}\n---\n",
	/* 3: the same headline, a week later: outside the window */
	"---\ntitle: Ferrylink booking portal misconfiguration exposes 12 million "
	"records\npublishedDateTime: 2021-09-01T10:00:00Z\n---\n",
	/* 4: same words, no date: never grouped */
	"---\ntitle: Ferrylink booking portal misconfiguration exposes 12 million "
	"records\n---\n",
	/* 5, 6, 7: unrelated headlines of the same days */
	"---\ntitle: Ferrylink app gets a new timetable bar\npublishedDateTime: "
	"2021-08-23T11:00:00Z\n---\n",
	"---\ntitle: Harbour search is generally available\n"
	"publishedDateTime: 2021-08-24T11:00:00Z\n---\n",
	"---\ntitle: Ferrylink portals add a new timetable for search\n"
	"publishedDateTime: 2021-08-24T12:00:00Z\nrelated:\n  - title: x\n"
	"    webUrl: https://z/1\n---\n",
};

static void test_groups_and_queries(void **state)
{
	struct nd_index *idx = fixture_index(docs, sizeof(docs) /
						     sizeof(docs[0]));
	struct nd_story_link link = { 7, 0 };
	const struct nd_story *st;
	struct nd_stories *s;
	struct nd_query *q;
	struct nd_err err;
	char text[32];

	(void)state;
	nd_index_build_urls(idx);
	s = nd_stories_build(idx, NULL, NULL, 0);
	assert_non_null(s);
	assert_int_equal(s->count, 1);
	st = &s->items[0];
	assert_int_equal(st->count, 3);
	assert_int_equal(s->members[st->first], 0);
	assert_int_equal(s->members[st->first + 2], 2);
	assert_int_equal(st->best, 1); /* the published one */
	assert_int_equal(s->of[3], 0);
	assert_int_equal(s->of[4], 0);
	assert_int_equal(s->of[5], 0);
	assert_ptr_equal(nd_stories_find(s, st->id), st);
	assert_null(nd_stories_find(s, "00000000"));
	/* story: and dups: */
	idx->stories = s;
	snprintf(text, sizeof(text), "story:%s", st->id);
	assert_int_equal(nd_query_compile(text, &q, &err), 0);
	assert_true(nd_query_uses_stories(q));
	assert_true(nd_query_match(q, idx, 2));
	assert_false(nd_query_match(q, idx, 3));
	nd_query_free(q);
	assert_int_equal(nd_query_compile("dups:no", &q, &err), 0);
	assert_false(nd_query_match(q, idx, 1));
	assert_true(nd_query_match(q, idx, 4));
	nd_query_free(q);
	assert_int_equal(nd_query_compile("dups:maybe", &q, &err), -1);
	nd_stories_free(s);
	/* a related item is evidence, but not enough for strangers: the
	 * loaded link is found, and still does not join 7 to 0 */
	{
		struct nd_story_link *links;

		assert_int_equal(nd_story_links_load(idx, &links), 0);
		free(links); /* mem/ paths are not on disk */
	}
	s = nd_stories_build(idx, NULL, &link, 1);
	assert_int_equal(s->of[7], 0);
	nd_stories_free(s);
	idx->stories = NULL;
	nd_index_free(idx);
}

/* A related link halves the threshold for two headlines that are close
 * but below it. */
static void test_related_is_evidence(void **state)
{
	static const char *const two[] = {
		"---\ntitle: Ferrylink to rebrand its booking portals as Quay "
		"Pages\npublishedDateTime: 2022-05-10T10:00:00Z\n---\n",
		"---\ntitle: Quay Pages is what Ferrylink now calls its "
		"portals, a new product\npublishedDateTime: "
		"2022-05-11T10:00:00Z\n---\n",
	};
	struct nd_index *idx = fixture_index(two, 2);
	struct nd_story_link link = { 1, 0 };
	struct nd_story_opts o;
	struct nd_stories *s;

	(void)state;
	nd_story_opts_default(&o);
	o.threshold = 0.5; /* they score 0.27: linked, 0.25 is enough */
	s = nd_stories_build(idx, &o, NULL, 0);
	assert_int_equal(s->count, 0);
	nd_stories_free(s);
	s = nd_stories_build(idx, &o, &link, 1);
	assert_int_equal(s->count, 1);
	nd_stories_free(s);
	nd_index_free(idx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pairs),
		cmocka_unit_test(test_groups_and_queries),
		cmocka_unit_test(test_related_is_evidence),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

#include "index_fixture.h"

#include "newsdesk/model/query.h"

static const char *const docs[] = {
	/* 0 */ "---\ntitle: \"Cryptominers pivot to AI\"\nexcerpt: GPU farms\n"
		"published: false\nquality: 27\nheat: -1\ncategory: news\n"
		"type: article\npublishedDateTime: 2023-05-11T20:53:00Z\n"
		"provider: {name: PC Gamer, domain: pcgamer.com}\n"
		"topics: [AI Hardware, AI]\n---\n",
	/* 1 */ "---\ntitle: \"Zonde: ЗОНД видит гейзеры\"\npublished: true\n"
		"quality: 120\nheat: 8\ncategory: science\n"
		"publishedDateTime: 2023-06-01T00:00:00Z\n"
		"provider: {name: Nature, domain: www.nature.com}\n"
		"topics: [Space]\n---\n",
	/* 2 */ "---\ntitle: Night trains return\nexcerpt: \"rail AND sleeper\"\n"
		"quality: 50\nheat: 3\ntype: opinion\n"
		"publishedDateTime: 2019-10-03T08:00:01Z\n---\n",
};

static unsigned matches(struct nd_index *idx, const char *text)
{
	struct nd_err err;
	struct nd_query *q;
	unsigned mask = 0;
	size_t i;

	if (nd_query_compile(text, &q, &err) != 0)
		fail_msg("'%s' failed at %u: %s", text, err.col,
			 err.message);
	for (i = 0; i < idx->count; i++) {
		if (nd_query_match(q, idx, i))
			mask |= 1u << i;
	}
	nd_query_free(q);
	return mask;
}

static void test_matching(void **state)
{
	static const struct {
		const char *q;
		unsigned mask;
	} cases[] = {
		{ "", 7 },
		{ "crypto", 1 },
		{ "CRYPTO gpu", 1 },
		{ "\"gpu farms\"", 1 },
		{ "\"farms gpu\"", 0 },
		{ "зонд", 2 },
		{ "published:no", 5 },
		{ "published:yes", 2 },
		{ "published:missing", 4 },
		{ "topic:ai", 1 },
		{ "topic:\"AI Hardware\"", 1 },
		{ "topic:hardware", 0 },
		{ "provider:\"pc gamer\"", 1 },
		{ "provider:pcgamer.com", 1 },
		{ "provider:nature.com", 2 },
		{ "provider:ature.com", 0 },
		{ "category:NEWS", 1 },
		{ "type:opinion", 4 },
		{ "quality>=50", 6 },
		{ "quality>100", 2 },
		{ "quality=27", 1 },
		{ "quality:27", 1 },
		{ "quality!=27", 6 },
		{ "heat<10", 6 },
		{ "heat>=0", 6 },
		{ "NOT heat>=0", 1 },
		{ "after:2023-05-01", 3 },
		{ "before:2023-05-01", 4 },
		{ "date:2023-05-11", 1 },
		{ "date>=2023-06-01", 2 },
		{ "crypto OR night", 5 },
		{ "crypto OR night quality>40", 1 | 4 },
		{ "(crypto OR night) quality>40", 4 },
		{ "-crypto", 6 },
		{ "NOT (crypto OR zonde)", 4 },
		{ "rail AND sleeper", 4 },
		{ "\"rail AND sleeper\"", 4 },
		{ "published:no -topic:ai", 4 },
		{ "http://x", 0 },
	};
	struct nd_index *idx = fixture_index(docs, ARRAY_LEN(docs));
	size_t i;
	unsigned got;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		got = matches(idx, cases[i].q);
		if (got != cases[i].mask)
			fail_msg("'%s' matched %u, want %u", cases[i].q, got,
				 cases[i].mask);
	}
	nd_index_free(idx);
}

static void test_errors(void **state)
{
	static const struct {
		const char *q;
		size_t column;
		const char *needle;
	} cases[] = {
		{ "(crypto", 8, "missing ')'" },
		{ "crypto)", 7, "unexpected ')'" },
		{ "\"open", 1, "unterminated quote" },
		{ "topc:AI", 1, "unknown field 'topc'" },
		{ "quality>=high", 10, "expects a whole number" },
		{ "published:maybe", 11, "expects yes, no" },
		{ "read:maybe", 6, "read: expects yes or no" },
		{ "after:yesterday", 7, "expects a date" },
		{ "after:2023-13-01", 12, "expects a date" },
		{ "OR crypto", 1, "needs a term before it" },
		{ "crypto OR", 10, "ends where a term was expected" },
		{ "topic:", 7, "missing value" },
		{ "topic>AI", 1, "cannot be compared" },
		{ "NOT", 4, "ends where a term" },
		{ "é (", 4, "ends where a term" },
	};
	struct nd_err err;
	struct nd_query *q;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		assert_int_equal(nd_query_compile(cases[i].q, &q, &err), -1);
		assert_null(q);
		if (strstr(err.message, cases[i].needle) == NULL ||
		    err.col != cases[i].column)
			fail_msg("'%s': got %u '%s', want %zu '%s'",
				 cases[i].q, err.col, err.message,
				 cases[i].column, cases[i].needle);
	}
}

static void test_deep_parens_refused(void **state)
{
	char q[400];
	struct nd_err err;
	struct nd_query *out;

	(void)state;
	memset(q, '(', sizeof(q) - 1);
	q[sizeof(q) - 1] = '\0';
	assert_int_equal(nd_query_compile(q, &out, &err), -1);
	assert_non_null(strstr(err.message, "nested too deep"));
	memset(q, '-', sizeof(q) - 2);
	q[sizeof(q) - 2] = 'x';
	assert_int_equal(nd_query_compile(q, &out, &err), -1);
}

/* read: tests the flag the read state store fills in the summaries. */
static void test_read(void **state)
{
	static const struct {
		const char *q;
		unsigned mask;
	} cases[] = {
		{ "read:yes", 2 },   { "read:no", 5 },
		{ "read:true", 2 },  { "READ:N", 5 },
		{ "-read:no", 2 },   { "read:no published:no", 5 },
		{ "read:yes OR topic:ai", 3 },
	};
	struct nd_index *idx = fixture_index(docs, ARRAY_LEN(docs));
	size_t i;

	(void)state;
	assert_int_equal(matches(idx, "read:yes"), 0); /* none until filled */
	idx->items[1].read = 1;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		if (matches(idx, cases[i].q) != cases[i].mask)
			fail_msg("'%s': got %u, want %u", cases[i].q,
				 matches(idx, cases[i].q), cases[i].mask);
	}
	nd_index_free(idx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matching),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_read),
		cmocka_unit_test(test_deep_parens_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

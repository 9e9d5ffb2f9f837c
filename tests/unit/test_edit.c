#include "test.h"

#include "newsdesk/base/fileio.h"
#include "newsdesk/write/edit.h"

struct set_case {
	const char *in, *key, *value, *out;
};

static const struct set_case sets[] = {
	/* plain replace, comment kept */
	{ "---\nquality: 27 # editor's\npublished: false\n---\nbody\n",
	  "quality", "42",
	  "---\nquality: 42 # editor's\npublished: false\n---\nbody\n" },
	/* CRLF stays CRLF */
	{ "---\r\ntitle: x\r\npublished: false\r\n---\r\nbody\r\n",
	  "published", "true",
	  "---\r\ntitle: x\r\npublished: true\r\n---\r\nbody\r\n" },
	/* non-ASCII before the key: offsets are bytes, not characters */
	{ "---\ntitle: \"\xC3\x9Cn\xC3\xAF \xE6\x97\xA5\xE6\x9C\xAC\"\n"
	  "published: false\n---\n",
	  "published", "true",
	  "---\ntitle: \"\xC3\x9Cn\xC3\xAF \xE6\x97\xA5\xE6\x9C\xAC\"\n"
	  "published: true\n---\n" },
	/* a folded multi-line value before it is left byte for byte */
	{ "---\nsecured: >\n  abc/def\n  ghi==\npublished: false\n---\n",
	  "published", "true",
	  "---\nsecured: >\n  abc/def\n  ghi==\npublished: true\n---\n" },
	/* missing key: a new line before the closing marker */
	{ "---\ntitle: x\n---\nbody\n", "published", "true",
	  "---\ntitle: x\npublished: true\n---\nbody\n" },
	{ "---\r\ntitle: x\r\n---\r\n", "published", "false",
	  "---\r\ntitle: x\r\npublished: false\r\n---\r\n" },
	/* the '...' end marker and a BOM */
	{ "\xEF\xBB\xBF---\ntitle: x\n...\n", "quality", "5",
	  "\xEF\xBB\xBF---\ntitle: x\nquality: 5\n...\n" },
	/* an empty value keeps its colon-space */
	{ "---\npublished:\ntitle: x\n---\n", "published", "true",
	  "---\npublished: true\ntitle: x\n---\n" },
	/* quoted values are replaced whole */
	{ "---\nquality: \"27\"\n---\n", "quality", "28",
	  "---\nquality: 28\n---\n" },
	/* flow mapping style is kept */
	{ "---\n{title: x, published: false}\n---\n", "published", "true",
	  "---\n{title: x, published: true}\n---\n" },
};

struct topic_case {
	const char *in, *topic;
	int add;
	const char *out;
};

static const struct topic_case topics[] = {
	{ "---\ntopics:\n  - AI\n  - Space\nx: 1\n---\n", "Climate", 1,
	  "---\ntopics:\n  - AI\n  - Space\n  - Climate\nx: 1\n---\n" },
	{ "---\r\ntopics:\r\n    - AI # first\r\nx: 1\r\n---\r\n", "Climate",
	  1, "---\r\ntopics:\r\n    - AI # first\r\n    - Climate\r\n"
	  "x: 1\r\n---\r\n" },
	{ "---\ntopics:\n  - AI\n  - Space\n  - Energy\n---\n", "space", 0,
	  "---\ntopics:\n  - AI\n  - Energy\n---\n" },
	{ "---\ntopics:\n  - AI\n---\n", "AI", 0, "---\ntopics:\n  []\n---\n" },
	{ "---\ntopics: [AI, Space]\n---\n", "Climate", 1,
	  "---\ntopics: [AI, Space, Climate]\n---\n" },
	{ "---\ntopics: []\n---\n", "Climate", 1,
	  "---\ntopics: [Climate]\n---\n" },
	{ "---\ntopics: [AI, Space, Energy]\n---\n", "Space", 0,
	  "---\ntopics: [AI, Energy]\n---\n" },
	{ "---\ntopics: [AI, Space]\n---\n", "Space", 0,
	  "---\ntopics: [AI]\n---\n" },
	{ "---\ntopics: [AI]\n---\n", "AI", 0, "---\ntopics: []\n---\n" },
	{ "---\ntitle: x\n---\n", "AI Hardware", 1,
	  "---\ntitle: x\ntopics:\n  - AI Hardware\n---\n" },
	{ "---\ntopics: AI\n---\n", "Space", 1,
	  "---\ntopics: [AI, Space]\n---\n" },
	{ "---\ntopics:\ntitle: x\n---\n", "Space", 1,
	  "---\ntopics: [Space]\ntitle: x\n---\n" },
	{ "---\ntopics: [AI]\n---\n", "AI: the \"future\"", 1,
	  "---\ntopics: [AI, \"AI: the \\\"future\\\"\"]\n---\n" },
	{ "---\ntopics: [AI]\n---\n", "true", 1,
	  "---\ntopics: [AI, \"true\"]\n---\n" },
	/* A scalar whose bytes mean something in a flow list (found by
	 * fuzz_edit): its value is quoted, so one topic stays one. */
	{ "---\ntopics: AI, Space\n---\n", "ML", 1,
	  "---\ntopics: [\"AI, Space\", ML]\n---\n" },
	{ "---\ntopics: C++ {x}\n---\n", "ML", 1,
	  "---\ntopics: [\"C++ {x}\", ML]\n---\n" },
	{ "---\ntopics: \"AI\"\n---\n", "ML", 1,
	  "---\ntopics: [AI, ML]\n---\n" },
};

static void test_sets(void **state)
{
	struct nd_buf out = ND_BUF_INIT;
	struct nd_err err;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(sets); i++) {
		if (nd_edit_set(sets[i].in, strlen(sets[i].in), sets[i].key,
				sets[i].value, &out, &err) != 0)
			fail_msg("case %zu: %s", i, err.message);
		if (out.len != strlen(sets[i].out) ||
		    memcmp(out.data, sets[i].out, out.len) != 0)
			fail_msg("case %zu:\n%s\nwant:\n%s", i, out.data,
				 sets[i].out);
	}
	nd_buf_release(&out);
}

static void test_topics(void **state)
{
	struct nd_buf out = ND_BUF_INIT;
	struct nd_err err;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(topics); i++) {
		if (nd_edit_topic(topics[i].in, strlen(topics[i].in),
				  topics[i].topic, topics[i].add, &out,
				  &err) != 0)
			fail_msg("case %zu: %s", i, err.message);
		if (out.len != strlen(topics[i].out) ||
		    memcmp(out.data, topics[i].out, out.len) != 0)
			fail_msg("case %zu:\n%s\nwant:\n%s", i, out.data,
				 topics[i].out);
	}
	nd_buf_release(&out);
}

static void test_refusals(void **state)
{
	struct nd_buf out = ND_BUF_INIT;
	struct nd_err err;

	(void)state;
	assert_int_equal(nd_edit_set("---\ntopics: [a]\n---\n", 19, "topics",
				     "1", &out, &err), -1);
	assert_non_null(strstr(err.message, "not a value"));
	assert_int_equal(nd_edit_set("---\ntitle: [\n---\n", 17, "quality",
				     "1", &out, &err), -1);
	assert_non_null(strstr(err.message, "cannot parse"));
	assert_int_equal(nd_edit_set("no front matter\n", 16, "quality", "1",
				     &out, &err), -1);
	assert_int_equal(nd_edit_topic("---\ntopics: [AI]\n---\n", 20, "ai", 1,
				       &out, &err), -1);
	assert_non_null(strstr(err.message, "already has topic"));
	assert_int_equal(nd_edit_topic("---\ntopics: [AI]\n---\n", 20, "X", 0,
				       &out, &err), -1);
	assert_non_null(strstr(err.message, "has no topic"));
	/* a value that would not read back is refused */
	assert_int_equal(nd_edit_set("---\nquality: 1\n---\n", 18, "quality",
				     "2\nextra: [", &out, &err), -1);
	nd_buf_release(&out);
}

/* libyaml ends a line at a lone CR, NEL, LS and PS too: removing a
 * field or a topic takes its own line only (found by fuzz_edit). */
static void test_remove_at_every_line_break(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "---\ntitle: x\nquality: 40\rheat: 3\n---\n",
		  "---\ntitle: x\nheat: 3\n---\n" },
		{ "---\ntitle: x\nquality: 40\xC2\x85heat: 3\n---\n",
		  "---\ntitle: x\nheat: 3\n---\n" },
		{ "---\ntitle: x\nquality: 40\xE2\x80\xA8heat: 3\n---\n",
		  "---\ntitle: x\nheat: 3\n---\n" },
		{ "---\rtitle: x\rquality: 40\rheat: 3\r---\r", NULL },
		{ "---\r\ntitle: x\r\nquality: 40\r\nheat: 3\r\n---\r\n",
		  "---\r\ntitle: x\r\nheat: 3\r\n---\r\n" },
	};
	struct nd_buf out = ND_BUF_INIT;
	struct nd_err err;
	size_t i;
	int r;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		r = nd_edit_remove(cases[i].in, strlen(cases[i].in), "quality",
				   &out, &err);
		if (cases[i].out == NULL) /* the file's own markers are LF */
			continue;
		if (r != 0)
			fail_msg("case %zu: %s", i, err.message);
		if (strcmp(out.data, cases[i].out) != 0)
			fail_msg("case %zu: got '%s'", i, out.data);
	}
	/* A topic on a block list ending in a lone CR. */
	r = nd_edit_topic("---\ntopics:\n  - AI\n  - ML\rheat: 3\n---\n",
			  38, "ML", 0, &out, &err);
	if (r == 0)
		assert_non_null(strstr(out.data, "heat: 3"));
	nd_buf_release(&out);
}

/* The seed file: one line changes, every other byte stays. */
static void test_seed_one_line(void **state)
{
	struct nd_buf out = ND_BUF_INIT, want = ND_BUF_INIT;
	struct nd_err err;
	struct nd_err cause;
	char *data, *at;
	size_t len;

	(void)state;
	assert_int_equal(nd_read_file(FIXTURES "/seed.md", 1 << 20, &data,
				      &len, &cause), 0);
	assert_int_equal(nd_edit_set(data, len, "published", "true", &out,
				     &err), 0);
	at = strstr(data, "published: false");
	assert_non_null(at);
	nd_buf_add(&want, data, (size_t)(at - data));
	nd_buf_adds(&want, "published: true");
	nd_buf_adds(&want, at + 16);
	assert_int_equal(out.len, want.len);
	assert_memory_equal(out.data, want.data, want.len);
	/* and back again gives the original bytes */
	assert_int_equal(nd_edit_set(out.data, out.len, "published", "false",
				     &want, &err), 0);
	assert_int_equal(want.len, len);
	assert_memory_equal(want.data, data, len);
	free(data);
	nd_buf_release(&out);
	nd_buf_release(&want);
}

static void test_get(void **state)
{
	char *v;
	const char *doc = "---\nquality: \"27\" # c\n---\n";

	(void)state;
	v = nd_edit_get(doc, strlen(doc), "quality");
	assert_non_null(v);
	assert_string_equal(v, "\"27\"");
	free(v);
	assert_null(nd_edit_get("---\nq: 1\n---\n", 12, "quality"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sets),
		cmocka_unit_test(test_topics),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_seed_one_line),
		cmocka_unit_test(test_remove_at_every_line_break),
		cmocka_unit_test(test_get),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

#include "test.h"

#include "newsdesk/model/json.h"

static void test_strings(void **state)
{
	static const struct {
		const char *in;
		size_t len;
		const char *out;
	} cases[] = {
		{ "plain", 5, "\"plain\"" },
		{ "q\"b\\", 4, "\"q\\\"b\\\\\"" },
		{ "nl\n\t", 4, "\"nl\\n\\t\"" },
		{ "esc\x1b[2J", 7, "\"esc\\u001b[2J\"" },
		{ "nul\0", 4, "\"nul\\u0000\"" },
		{ "c1\xC2\x9B", 4, "\"c1\\u009b\"" },
		{ "bad\xFF", 4, "\"bad\\ufffd\"" },
		{ "ls\xE2\x80\xA8", 5, "\"ls\\u2028\"" },
		{ "rlo\xE2\x80\xAE", 6, "\"rlo\\u202e\"" },
		{ "caf\xC3\xA9", 5, "\"caf\xC3\xA9\"" },
	};
	struct nd_buf b = ND_BUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		nd_buf_reset(&b);
		nd_json_string(&b, cases[i].in, cases[i].len);
		assert_string_equal(b.data, cases[i].out);
	}
	nd_buf_release(&b);
}

static void test_article(void **state)
{
	size_t len;
	char *data = test_dup("---\ntitle: T\nquality: 27\nheat: -1\n"
			      "published: false\nq: \"27\"\nn: ~\nf: 1.5\n"
			      "l: [a, {k: v}]\n---\nbody\n", &len);
	struct nd_buf b = ND_BUF_INIT;
	struct nd_article *a;
	struct nd_diag d;

	(void)state;
	nd_diag_init(&d);
	assert_int_equal(nd_article_parse("x.md", data, len, &a, &d), 0);
	nd_json_article(&b, a);
	assert_string_equal(b.data,
			    "{\"path\": \"x.md\", \"title\": \"T\", \"quality\": "
			    "27, \"heat\": -1, \"published\": false, \"q\": "
			    "\"27\", \"n\": null, \"f\": 1.5, \"l\": [\"a\", "
			    "{\"k\": \"v\"}], \"body\": \"body\\n\"}");
	nd_buf_release(&b);
	nd_article_free(a);
	nd_diag_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_article),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

#include "test.h"

#include "newsdesk/model/frontmatter.h"

static void test_split_table(void **state)
{
	static const struct {
		const char *in;
		size_t yaml_start, yaml_len, body_start;
		int bom, crlf;
	} cases[] = {
		{ "---\na: 1\n---\nbody", 4, 5, 13, 0, 0 },
		{ "---\r\na: 1\r\n---\r\nbody", 5, 6, 16, 0, 1 },
		{ "\xEF\xBB\xBF---\na: 1\n---\n", 7, 5, 16, 1, 0 },
		{ "---\na: 1\n...\nbody", 4, 5, 13, 0, 0 },
		{ "---  \na: 1\n---", 6, 5, 14, 0, 0 },
		{ "---\n---\n", 4, 0, 8, 0, 0 },
	};
	struct nd_fm_split s;
	struct nd_err err;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		assert_int_equal(nd_fm_split(cases[i].in, strlen(cases[i].in),
					     &s, &err), 0);
		assert_int_equal(s.yaml_start, cases[i].yaml_start);
		assert_int_equal(s.yaml_len, cases[i].yaml_len);
		assert_int_equal(s.body_start, cases[i].body_start);
		assert_int_equal(s.has_bom, cases[i].bom);
		assert_int_equal(s.crlf, cases[i].crlf);
	}
}

static void test_split_errors(void **state)
{
	static const struct {
		const char *in;
		const char *msg;
	} cases[] = {
		{ "", "empty file" },
		{ "title: x\n", "no front matter" },
		{ "--- x\n", "no front matter" },
		{ "----\n", "no front matter" },
		{ "---\ntitle: x\n", "unterminated" },
		{ "---\ntitle: x\n----\n", "unterminated" },
	};
	struct nd_fm_split s;
	struct nd_err err;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		assert_int_equal(nd_fm_split(cases[i].in, strlen(cases[i].in),
					     &s, &err), -1);
		assert_non_null(strstr(err.message, cases[i].msg));
	}
}

static void test_parse_lines_are_file_lines(void **state)
{
	static const struct nd_yaml_limits lim = ND_YAML_DEFAULT_LIMITS;
	const char *text = "---\ntitle: x\nquality: [1\n---\n";
	struct nd_fm_split s;
	struct nd_err err;
	struct nd_node *root;

	(void)state;
	assert_int_equal(nd_fm_parse(text, strlen(text), &lim, &s, &root, &err),
			 -1);
	assert_int_equal(err.line, 4);
	text = "---\ntitle: x\nq: \"\xFF\"\n---\n";
	assert_int_equal(nd_fm_parse(text, strlen(text), &lim, &s, &root, &err),
			 -1);
	assert_int_equal(err.line, 3);
	assert_int_equal(err.col, 5);
	assert_non_null(strstr(err.message, "invalid UTF-8"));
	text = "---\ntitle: x\nq: 1\n---\n";
	assert_int_equal(nd_fm_parse(text, strlen(text), &lim, &s, &root, &err),
			 0);
	assert_int_equal(nd_map_get(root, "q")->line, 3);
	nd_node_free(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_table),
		cmocka_unit_test(test_split_errors),
		cmocka_unit_test(test_parse_lines_are_file_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

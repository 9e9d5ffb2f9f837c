#include "test.h"

#include "newsdesk/model/yamltree.h"

static const struct nd_yaml_limits lim = ND_YAML_DEFAULT_LIMITS;

static struct nd_node *parse_ok(const char *text)
{
	struct nd_err err;
	struct nd_node *root = NULL;
	int r = nd_yaml_parse(text, strlen(text), 0, &lim, &root, &err);

	if (r != 0)
		fail_msg("unexpected error %u:%u %s", err.line, err.col,
			 err.message);
	return root;
}

static void parse_err(const char *text, size_t len, unsigned line,
		      unsigned col, const char *needle)
{
	struct nd_err err;
	struct nd_node *root = NULL;

	assert_int_equal(nd_yaml_parse(text, len, 0, &lim, &root, &err), -1);
	assert_null(root);
	if (strstr(err.message, needle) == NULL)
		fail_msg("message '%s' lacks '%s'", err.message, needle);
	if (line != 0)
		assert_int_equal(err.line, line);
	if (col != 0)
		assert_int_equal(err.col, col);
}

static void test_mapping_in_order(void **state)
{
	struct nd_node *r = parse_ok("b: 1\na: \"two\"\nc: [x, y]\nd:\n  e: f\n");

	(void)state;
	assert_int_equal(r->kind, ND_NODE_MAP);
	assert_int_equal(nd_map_size(r), 4);
	assert_string_equal(nd_map_key(r, 0)->str, "b");
	assert_string_equal(nd_map_key(r, 1)->str, "a");
	assert_true(nd_map_value(r, 0)->plain);
	assert_false(nd_map_value(r, 1)->plain);
	assert_int_equal(nd_map_get(r, "c")->count, 2);
	assert_string_equal(nd_map_get(nd_map_get(r, "d"), "e")->str, "f");
	assert_int_equal(nd_map_get(r, "a")->line, 2);
	assert_int_equal(nd_map_get(r, "a")->col, 4);
	assert_null(nd_map_get(r, "zzz"));
	nd_node_free(r);
}

static void test_nul_in_scalar(void **state)
{
	struct nd_node *r = parse_ok("t: \"a\\0b\"\n");
	const struct nd_node *t = nd_map_get(r, "t");

	(void)state;
	assert_int_equal(t->len, 3);
	assert_memory_equal(t->str, "a\0b", 3);
	nd_node_free(r);
}

static void test_typed_reads(void **state)
{
	struct nd_node *r = parse_ok("i: 27\nn: -1\nf: 27.6\nq: \"27\"\nb: yes\n"
				     "B: False\nz: ~\ne:\ns: text\nx: 1e3\n");
	long long v;
	int b;

	(void)state;
	assert_int_equal(nd_node_int(nd_map_get(r, "i"), &v), 0);
	assert_int_equal(v, 27);
	assert_int_equal(nd_node_int(nd_map_get(r, "n"), &v), 0);
	assert_int_equal(v, -1);
	assert_int_equal(nd_node_int(nd_map_get(r, "f"), &v), 0);
	assert_int_equal(v, 28);
	assert_int_equal(nd_node_int(nd_map_get(r, "q"), &v), -1);
	assert_int_equal(nd_node_int(nd_map_get(r, "s"), &v), -1);
	assert_int_equal(nd_node_int(nd_map_get(r, "x"), &v), 0);
	assert_int_equal(v, 1000);
	/* YAML 1.2: "yes" is a string, but one we can name as 1.1's bool. */
	assert_int_equal(nd_node_bool(nd_map_get(r, "b"), &b), -1);
	assert_true(nd_node_is_yaml11_bool(nd_map_get(r, "b")));
	assert_false(nd_node_is_yaml11_bool(nd_map_get(r, "s")));
	assert_int_equal(nd_node_bool(nd_map_get(r, "B"), &b), 0);
	assert_int_equal(b, 0);
	assert_int_equal(nd_node_bool(nd_map_get(r, "s"), &b), -1);
	assert_true(nd_node_is_null(nd_map_get(r, "z")));
	assert_true(nd_node_is_null(nd_map_get(r, "e")));
	assert_false(nd_node_is_null(nd_map_get(r, "q")));
	assert_true(nd_node_is_number(nd_map_get(r, "f")));
	assert_false(nd_node_is_number(nd_map_get(r, "q")));
	nd_node_free(r);
}

/* YAML 1.2's core schema, spelling by spelling. */
static void test_core_schema_bools(void **state)
{
	static const struct {
		const char *yaml;
		int want; /* 1, 0, or -1: not a bool */
	} cases[] = {
		{ "v: true\n", 1 },   { "v: True\n", 1 },  { "v: TRUE\n", 1 },
		{ "v: false\n", 0 },  { "v: False\n", 0 }, { "v: FALSE\n", 0 },
		{ "v: tRUE\n", -1 },  { "v: yes\n", -1 },  { "v: on\n", -1 },
		{ "v: off\n", -1 },   { "v: y\n", -1 },    { "v: \"true\"\n", -1 },
		{ "v: 'false'\n", -1 }, { "v: truex\n", -1 },
	};
	struct nd_node *r;
	size_t i;
	int b;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		r = parse_ok(cases[i].yaml);
		b = -1;
		if (nd_node_bool(nd_map_get(r, "v"), &b) != 0)
			b = -1;
		if (b != cases[i].want)
			fail_msg("%s: got %d, want %d", cases[i].yaml, b,
				 cases[i].want);
		nd_node_free(r);
	}
	r = parse_ok("a: ~\nb: NULL\nc: Null\nd: nULL\n");
	assert_true(nd_node_is_null(nd_map_get(r, "a")));
	assert_true(nd_node_is_null(nd_map_get(r, "b")));
	assert_true(nd_node_is_null(nd_map_get(r, "c")));
	assert_false(nd_node_is_null(nd_map_get(r, "d")));
	nd_node_free(r);
}

static void test_alias_copied(void **state)
{
	struct nd_node *r = parse_ok("a: &x {k: v}\nb: *x\n");

	(void)state;
	assert_string_equal(nd_map_get(nd_map_get(r, "b"), "k")->str, "v");
	nd_node_free(r);
}

static void test_errors(void **state)
{
	char *deep;
	size_t i, n = 100000;

	(void)state;
	parse_err("a: 1\na: 2\n", 10, 2, 1, "duplicate key 'a' (first at line 1)");
	parse_err("a: &x [1, *x]\n", 14, 1, 11, "cycle");
	parse_err("a: *nope\n", 9, 1, 4, "unknown alias");
	parse_err("? [k]\n: v\n", 10, 1, 3, "mapping keys");
	parse_err("a: [1, 2\n", 9, 0, 0, "did not find expected");
	parse_err("a: 1\n\tb: 2\n", 11, 2, 1, "tab character");
	parse_err("a: b: c\n", 8, 1, 5, "mapping values are not allowed");
	/* A 100,000-deep list stops at the limit at once. */
	deep = malloc(2 * n + 1);
	for (i = 0; i < n; i++) {
		deep[i] = '[';
		deep[n + i] = ']';
	}
	deep[2 * n] = '\0';
	parse_err(deep, 2 * n, 1, 33, "nesting deeper than 32");
	free(deep);
}

static void test_alias_bomb(void **state)
{
	const char *bomb =
		"a: &a [x,x,x,x,x,x,x,x,x,x]\n"
		"b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
		"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
		"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
		"e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
		"f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n";

	(void)state;
	parse_err(bomb, strlen(bomb), 0, 0, "more than 100000 nodes");
}

static void test_many_keys_duplicate(void **state)
{
	struct nd_buf_like {
		char *p;
		size_t len;
	} b;
	size_t i, cap = 60000 * 16;

	(void)state;
	b.p = malloc(cap);
	b.len = 0;
	for (i = 0; i < 40000; i++)
		b.len += (size_t)snprintf(b.p + b.len, cap - b.len, "k%zu: 1\n",
					  i);
	b.len += (size_t)snprintf(b.p + b.len, cap - b.len, "k7: 2\n");
	parse_err(b.p, b.len, 40001, 1, "duplicate key 'k7' (first at line 8)");
	free(b.p);
}

static void test_empty_document(void **state)
{
	struct nd_err err;
	struct nd_node *root = (struct nd_node *)&err;

	(void)state;
	assert_int_equal(nd_yaml_parse("", 0, 0, &lim, &root, &err), 0);
	assert_null(root);
	assert_int_equal(nd_yaml_parse("# only a comment\n", 17, 0, &lim, &root,
				       &err), 0);
	assert_null(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mapping_in_order),
		cmocka_unit_test(test_nul_in_scalar),
		cmocka_unit_test(test_typed_reads),
		cmocka_unit_test(test_core_schema_bools),
		cmocka_unit_test(test_alias_copied),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_alias_bomb),
		cmocka_unit_test(test_many_keys_duplicate),
		cmocka_unit_test(test_empty_document),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

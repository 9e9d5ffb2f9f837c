#include "test.h"

#include "newsdesk/present/history.h"

#include <sys/stat.h>
#include <unistd.h>

static void test_kinds_and_dups(void **state)
{
	struct nd_history h;
	const char **of;
	size_t n;

	(void)state;
	nd_history_init(&h);
	nd_history_add(&h, "limit", "topic:AI");
	nd_history_add(&h, "search", "lander");
	nd_history_add(&h, "limit", "topic:AI"); /* twice in a row: once */
	nd_history_add(&h, "limit", "");	 /* empty: not kept */
	nd_history_add(&h, "limit", "a\tb\nc\x1b");
	of = nd_history_of(&h, "limit", &n);
	assert_int_equal(n, 2);
	assert_string_equal(of[0], "topic:AI");
	assert_string_equal(of[1], "abc");
	free(of);
	of = nd_history_of(&h, "search", &n);
	assert_int_equal(n, 1);
	free(of);
	nd_history_release(&h);
}

static void test_cap(void **state)
{
	struct nd_history h;
	const char **of;
	char text[16];
	size_t n, i;

	(void)state;
	nd_history_init(&h);
	nd_history_add(&h, "search", "kept");
	for (i = 0; i < ND_HISTORY_MAX + 5; i++) {
		snprintf(text, sizeof(text), "q%zu", i);
		nd_history_add(&h, "limit", text);
	}
	of = nd_history_of(&h, "limit", &n);
	assert_int_equal(n, ND_HISTORY_MAX);
	assert_string_equal(of[0], "q5");
	free(of);
	of = nd_history_of(&h, "search", &n);
	assert_int_equal(n, 1);
	free(of);
	nd_history_release(&h);
}

/* Saved, loaded back the same; the folder is made; no temp file stays. */
static void test_round_trip(void **state)
{
	char dir[] = "/tmp/nd-hist-XXXXXX", path[128];
	const char **of;
	struct nd_history h, back;
	struct nd_err err;
	size_t n;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/a/b/history", dir);
	nd_history_init(&h);
	nd_history_init(&back);
	assert_int_equal(nd_history_load(&back, path, &err), 0); /* missing */
	assert_int_equal(back.count, 0);
	nd_history_add(&h, "limit", "quality>=50");
	nd_history_add(&h, "search", "mars");
	assert_int_equal(nd_history_save(&h, path, &err), 0);
	assert_int_equal(nd_history_load(&back, path, &err), 0);
	of = nd_history_of(&back, "limit", &n);
	assert_int_equal(n, 1);
	assert_string_equal(of[0], "quality>=50");
	free(of);
	nd_history_release(&h);
	nd_history_release(&back);
	snprintf(path, sizeof(path), "rm -r %s", dir);
	assert_int_equal(access(dir, F_OK), 0);
	{
		char cmd[160];
		FILE *p;
		int lines = 0, c;

		snprintf(cmd, sizeof(cmd), "find %s -name '*.tmp'", dir);
		p = popen(cmd, "r");
		while ((c = fgetc(p)) != EOF)
			lines += c == '\n';
		pclose(p);
		assert_int_equal(lines, 0);
	}
	assert_int_equal(system(path), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds_and_dups),
		cmocka_unit_test(test_cap),
		cmocka_unit_test(test_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

#include "test.h"

#include "newsdesk/base/xdg.h"

struct xdg_case {
	enum nd_xdg_kind kind;
	const char *var, *value, *home, *name, *want;
};

static const char *const vars[] = { "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
				    "XDG_STATE_HOME", "XDG_DATA_HOME" };

static void set_env(const char *name, const char *value)
{
	if (value != NULL)
		setenv(name, value, 1);
	else
		unsetenv(name);
}

static void test_paths(void **state)
{
	static const struct xdg_case cases[] = {
		{ ND_XDG_CONFIG, "XDG_CONFIG_HOME", "/x/conf", "/h",
		  "config.yaml", "/x/conf/newsdesk/config.yaml" },
		{ ND_XDG_CONFIG, "XDG_CONFIG_HOME", NULL, "/h", "config.yaml",
		  "/h/.config/newsdesk/config.yaml" },
		{ ND_XDG_CACHE, "XDG_CACHE_HOME", NULL, "/h", "pages",
		  "/h/.cache/newsdesk/pages" },
		{ ND_XDG_STATE, "XDG_STATE_HOME", NULL, "/h", "journal",
		  "/h/.local/state/newsdesk/journal" },
		{ ND_XDG_DATA, "XDG_DATA_HOME", NULL, "/h", "themes",
		  "/h/.local/share/newsdesk/themes" },
		{ ND_XDG_STATE, "XDG_STATE_HOME", "/s", "/h", "",
		  "/s/newsdesk" },
		/* The spec: relative and empty values are ignored. */
		{ ND_XDG_CACHE, "XDG_CACHE_HOME", "rel/dir", "/h", "pages",
		  "/h/.cache/newsdesk/pages" },
		{ ND_XDG_CACHE, "XDG_CACHE_HOME", "", "/h", "pages",
		  "/h/.cache/newsdesk/pages" },
		{ ND_XDG_STATE, "XDG_STATE_HOME", NULL, NULL, "journal",
		  NULL },
		{ ND_XDG_STATE, "XDG_STATE_HOME", NULL, "", "journal", NULL },
		{ ND_XDG_STATE, "XDG_STATE_HOME", "/s", NULL, "journal",
		  "/s/newsdesk/journal" },
	};
	size_t i, v;
	char *got;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		for (v = 0; v < ARRAY_LEN(vars); v++)
			unsetenv(vars[v]);
		set_env(cases[i].var, cases[i].value);
		set_env("HOME", cases[i].home);
		got = nd_xdg_path(cases[i].kind, cases[i].name);
		if (cases[i].want == NULL) {
			assert_null(got);
		} else {
			assert_non_null(got);
			assert_string_equal(got, cases[i].want);
		}
		free(got);
	}
}

static void test_expand_home(void **state)
{
	static const char *const cases[][2] = {
		{ "~/news", "/home/ed/news" }, { "~", "/home/ed" },
		{ "~ed/news", "~ed/news" },    { "/abs", "/abs" },
		{ "rel/~/x", "rel/~/x" },      { "", "" },
	};
	size_t i;
	char *got;

	(void)state;
	setenv("HOME", "/home/ed", 1);
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		got = nd_xdg_expand_home(cases[i][0]);
		assert_string_equal(got, cases[i][1]);
		free(got);
	}
	unsetenv("HOME");
	got = nd_xdg_expand_home("~/news");
	assert_string_equal(got, "~/news");
	free(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_expand_home),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

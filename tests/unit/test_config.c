#include "test.h"

#include "newsdesk/present/config.h"

#include <unistd.h>

static char path[64];

static void write_cfg(const char *text)
{
	FILE *f;
	int fd;

	snprintf(path, sizeof(path), "/tmp/nd-config-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
}

static void test_full_config(void **state)
{
	struct nd_config c;
	struct nd_diag d;

	(void)state;
	setenv("HOME", "/home/ed", 1);
	write_cfg("dir: ~/news\ntheme: light\nlayout: tall\nsort: quality\n"
		  "reverse: true\nlimit: \"published:no\"\nmouse: yes\n"
		  "opener: \"w3m -N\"\nfetch-timeout: 5\nconnect-timeout: 2\n"
		  "hyperlinks: true\nprivate-redirects: true\n"
		  "follow-links: true\nstory-threshold: 55\nstory-days: 0\nwatch: false\n"
		  "keys:\n  down: [C-n, J]\n  quit: x\n  none: [L]\n");
	assert_int_equal(nd_config_init(&c), 0);
	assert_int_equal(c.watch, 1); /* on unless turned off */
	nd_diag_init(&d);
	assert_int_equal(nd_config_load(&c, path, 0, &d), 0);
	assert_int_equal(d.count, 0);
	assert_int_equal(c.watch, 0);
	assert_string_equal(c.dir, "/home/ed/news");
	assert_string_equal(c.theme, "light");
	assert_int_equal(c.layout, ND_LAYOUT_TALL);
	assert_int_equal(c.sort, ND_SORT_QUALITY);
	assert_int_equal(c.reverse, 1);
	assert_string_equal(c.limit, "published:no");
	assert_int_equal(c.mouse, 1);
	assert_string_equal(c.opener, "w3m -N");
	assert_int_equal(c.fetch_timeout_ms, 5000);
	assert_int_equal(c.connect_timeout_ms, 2000);
	assert_int_equal(c.hyperlinks, 1);
	assert_int_equal(c.private_redirects, 1);
	assert_int_equal(c.follow_links, 1);
	assert_int_equal(c.story_threshold, 55);
	assert_int_equal(c.story_days, 0);
	assert_int_equal(nd_keymap_lookup(&c.keys, ND_KEY_CTRL('n')),
			 ND_ACT_DOWN);
	assert_int_equal(nd_keymap_lookup(&c.keys, 'J'), ND_ACT_DOWN);
	assert_int_equal(nd_keymap_lookup(&c.keys, 'j'), ND_ACT_DOWN);
	assert_int_equal(nd_keymap_lookup(&c.keys, 'x'), ND_ACT_QUIT);
	assert_int_equal(nd_keymap_lookup(&c.keys, 'L'), ND_ACT_NONE);
	unlink(path);
	nd_diag_release(&d);
	nd_config_release(&c);
}

static void test_bad_entries_named(void **state)
{
	struct nd_config c;
	struct nd_diag d;

	(void)state;
	write_cfg("layout: diagonal\nsort: size\ncolour: red\nkeys:\n"
		  "  jump: j\n  down: [Hyper-j]\nmouse: maybe\n"
		  "follow-links: [yes]\nstory-threshold: 0.4\n");
	nd_config_init(&c);
	nd_diag_init(&d);
	assert_int_equal(nd_config_load(&c, path, 0, &d), 0);
	assert_int_equal(d.count, 8);
	assert_int_equal(d.items[0].line, 1);
	assert_non_null(strstr(d.items[0].message, "layout"));
	assert_int_equal(d.items[1].line, 2);
	assert_non_null(strstr(d.items[2].message, "unknown setting 'colour'"));
	assert_non_null(strstr(d.items[3].message, "unknown action 'jump'"));
	assert_non_null(strstr(d.items[4].message, "unknown key name"));
	assert_int_equal(d.items[5].line, 7);
	assert_int_equal(d.items[6].line, 8);
	assert_string_equal(d.items[6].message,
			    "'follow-links' takes true or false; ignored");
	assert_string_equal(d.items[7].message,
			    "'story-threshold' is a whole number, 1 to 100; "
			    "ignored");
	assert_int_equal(c.story_threshold, 40);
	/* defaults kept */
	assert_int_equal(c.layout, ND_LAYOUT_AUTO);
	assert_int_equal(c.follow_links, 0);
	assert_int_equal(c.sort, ND_SORT_DATE);
	unlink(path);
	nd_diag_release(&d);
	nd_config_release(&c);
}

/* searches: keeps the file's order; a bad query names the search, the
 * line and the column in the query, and only that search is dropped. */
static void test_searches(void **state)
{
	struct nd_config c;
	struct nd_diag d;

	(void)state;
	write_cfg("searches:\n  zeta: read:no\n  alpha: \"topic:AI OR (x\"\n"
		  "  mid: \"\"\n  \"\": x\n  list: [a]\n"
		  "  beta: published:no quality>=50\n");
	nd_config_init(&c);
	nd_diag_init(&d);
	assert_int_equal(nd_config_load(&c, path, 0, &d), 0);
	assert_int_equal(c.searches.count, 3);
	assert_string_equal(c.searches.items[0].name, "zeta");
	assert_string_equal(c.searches.items[1].name, "mid");
	assert_null(c.searches.items[1].query); /* everything */
	assert_string_equal(c.searches.items[2].name, "beta");
	assert_string_equal(c.searches.items[2].text,
			    "published:no quality>=50");
	assert_non_null(c.searches.items[2].query);
	assert_int_equal(d.count, 3);
	assert_int_equal(d.items[0].line, 3);
	assert_int_equal(d.items[0].col, 10);
	assert_string_equal(d.items[0].message,
			    "saved search 'alpha': bad query at column 15: "
			    "missing ')' for the '(' at column 13; ignored");
	assert_int_equal(d.items[1].line, 5);
	assert_non_null(strstr(d.items[2].message, "'list' takes a query"));
	assert_null(nd_search_find(&c.searches, "alpha"));
	assert_non_null(nd_search_find(&c.searches, "beta"));
	unlink(path);
	nd_diag_release(&d);
	nd_config_release(&c);
}

static void test_not_yaml_and_missing(void **state)
{
	struct nd_config c;
	struct nd_diag d;

	(void)state;
	write_cfg("dir: [unclosed\n");
	nd_config_init(&c);
	nd_diag_init(&d);
	assert_int_equal(nd_config_load(&c, path, 0, &d), -1);
	assert_int_equal(d.items[0].line, 2);
	unlink(path);
	nd_diag_release(&d);
	nd_diag_init(&d);
	assert_int_equal(nd_config_load(&c, "/nonexistent/c.yaml", 1, &d), 0);
	assert_int_equal(d.count, 0);
	assert_int_equal(nd_config_load(&c, "/nonexistent/c.yaml", 0, &d), -1);
	assert_int_equal(d.count, 1);
	nd_diag_release(&d);
	nd_config_release(&c);
}

static void test_default_path(void **state)
{
	char *p;

	(void)state;
	setenv("XDG_CONFIG_HOME", "/x/cfg", 1);
	p = nd_config_default_path();
	assert_string_equal(p, "/x/cfg/newsdesk/config.yaml");
	free(p);
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", "/home/ed", 1);
	p = nd_config_default_path();
	assert_string_equal(p, "/home/ed/.config/newsdesk/config.yaml");
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_config),
		cmocka_unit_test(test_bad_entries_named),
		cmocka_unit_test(test_searches),
		cmocka_unit_test(test_not_yaml_and_missing),
		cmocka_unit_test(test_default_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

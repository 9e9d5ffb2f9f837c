#include "test.h"

#include "newsdesk/present/theme.h"

#include <unistd.h>

static char *write_tmp(const char *text)
{
	static char path[64];
	FILE *f;
	int fd;

	snprintf(path, sizeof(path), "/tmp/nd-theme-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	return path;
}

static void test_shipped_themes_load_clean(void **state)
{
	static const char *const names[] = { "dark", "light", "high-contrast",
					     "mono" };
	struct nd_theme t;
	struct nd_diag d;
	char path[256];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(names); i++) {
		snprintf(path, sizeof(path), THEMES "/%s.yaml", names[i]);
		nd_diag_init(&d);
		assert_int_equal(nd_theme_load(path, &t, &d), 0);
		if (d.count != 0)
			fail_msg("%s: %s", path, d.items[0].message);
		assert_string_equal(t.name, names[i]);
		nd_diag_release(&d);
	}
}

static void test_dark_file_is_the_builtin(void **state)
{
	struct nd_theme file, builtin;
	struct nd_diag d;
	int r;

	(void)state;
	nd_diag_init(&d);
	assert_int_equal(nd_theme_load(THEMES "/dark.yaml", &file, &d), 0);
	nd_theme_default(&builtin);
	for (r = 0; r < ND_ROLE_COUNT; r++) {
		if (memcmp(&file.roles[r], &builtin.roles[r],
			   sizeof(builtin.roles[r])) != 0)
			fail_msg("role %s differs", nd_theme_role_name(r));
	}
	nd_diag_release(&d);
}

static void test_broken_theme_reported(void **state)
{
	struct nd_theme t, def;
	struct nd_diag d;
	char *p;

	(void)state;
	nd_theme_default(&def);
	nd_diag_init(&d);
	p = write_tmp("name: x\nroles:\n  header: {fg: cyan\n");
	assert_int_equal(nd_theme_load(p, &t, &d), -1);
	assert_int_equal(d.items[0].line, 4);
	assert_memory_equal(&t.roles, &def.roles, sizeof(def.roles));
	unlink(p);
	nd_diag_release(&d);

	nd_diag_init(&d);
	p = write_tmp("name: x\nroles:\n  header: {fg: purple}\n"
		      "  nosuch: {fg: red}\n  list.selected: {fg: 200, "
		      "attrs: [bold, blink]}\n");
	assert_int_equal(nd_theme_load(p, &t, &d), 0);
	assert_int_equal(d.count, 3);
	assert_int_equal(d.items[0].line, 3);
	assert_non_null(strstr(d.items[0].message, "unknown colour"));
	assert_non_null(strstr(d.items[1].message, "unknown role"));
	assert_non_null(strstr(d.items[2].message, "unknown attribute"));
	assert_int_equal(t.roles[ND_ROLE_LIST_SELECTED].fg, 200);
	assert_int_equal(t.roles[ND_ROLE_LIST_SELECTED].attrs, ND_ATTR_BOLD);
	/* the bad role kept its default */
	assert_memory_equal(&t.roles[ND_ROLE_HEADER],
			    &def.roles[ND_ROLE_HEADER], sizeof(struct nd_style));
	unlink(p);
	nd_diag_release(&d);
}

static void test_colors_parse(void **state)
{
	(void)state;
	assert_int_equal(nd_theme_color_parse("cyan", 4), 6);
	assert_int_equal(nd_theme_color_parse("Bright-Red", 10), 9);
	assert_int_equal(nd_theme_color_parse("default", 7), ND_COLOR_DEFAULT);
	assert_int_equal(nd_theme_color_parse("255", 3), 255);
	assert_int_equal(nd_theme_color_parse("256", 3), -2);
	assert_int_equal(nd_theme_color_parse("-1", 2), -2);
	assert_int_equal(nd_theme_color_parse("", 0), -2);
}

static void test_effective_styles(void **state)
{
	struct nd_theme t;
	struct nd_style s;

	(void)state;
	nd_theme_default(&t);
	t.roles[ND_ROLE_DETAIL_URL].fg = 21; /* a 256-colour blue */
	s = nd_theme_style(&t, ND_ROLE_DETAIL_URL, 256);
	assert_int_equal(s.fg, 21);
	s = nd_theme_style(&t, ND_ROLE_DETAIL_URL, 8);
	assert_int_equal(s.fg, 4); /* nearest basic: blue */
	/* grey on 8 colours: dim default, never invisible black */
	s = nd_theme_style(&t, ND_ROLE_BORDER, 8);
	assert_int_equal(s.fg, ND_COLOR_DEFAULT);
	assert_true(s.attrs & ND_ATTR_DIM);
	s = nd_theme_style(&t, ND_ROLE_BORDER, 16);
	assert_int_equal(s.fg, 8);
	/* no colour: the selection is still reverse */
	s = nd_theme_style(&t, ND_ROLE_LIST_SELECTED, 0);
	assert_int_equal(s.fg, ND_COLOR_DEFAULT);
	assert_int_equal(s.bg, ND_COLOR_DEFAULT);
	assert_true(s.attrs & ND_ATTR_REVERSE);
	s = nd_theme_style(&t, ND_ROLE_STATUS_ERROR, 0);
	assert_true(s.attrs & ND_ATTR_REVERSE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_themes_load_clean),
		cmocka_unit_test(test_dark_file_is_the_builtin),
		cmocka_unit_test(test_broken_theme_reported),
		cmocka_unit_test(test_colors_parse),
		cmocka_unit_test(test_effective_styles),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

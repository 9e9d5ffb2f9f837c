#include "test.h"

#include "newsdesk/write/journal.h"

#include <unistd.h>

static char path[64];

static int setup(void **state)
{
	(void)state;
	snprintf(path, sizeof(path), "/tmp/nd-journal-%d/j", (int)getpid());
	unlink(path);
	return 0;
}

static void change(const char *group, const char *root, const char *file,
		   const char *field, const char *old, const char *new)
{
	struct nd_change c = { (char *)file, (char *)field, (char *)old,
			       (char *)new, NULL, NULL };
	struct nd_err err;

	assert_int_equal(nd_journal_change(path, group, root, &c, &err), 0);
}

static void mark(char kind, const char *group)
{
	struct nd_err err;

	assert_int_equal(nd_journal_mark(path, kind, group, &err),
			 0);
}

static const char *undo_id(const struct nd_journal *j, const char *root)
{
	const struct nd_group *g = nd_journal_undo_target(j, root);

	return g ? g->id : "none";
}

static const char *redo_id(const struct nd_journal *j, const char *root)
{
	const struct nd_group *g = nd_journal_redo_target(j, root);

	return g ? g->id : "none";
}

static void reread(struct nd_journal *j)
{
	struct nd_diag d;

	nd_journal_release(j);
	nd_diag_init(&d);
	assert_int_equal(nd_journal_read(j, path, &d), 0);
	nd_diag_release(&d);
}

static void test_round_trip_and_escaping(void **state)
{
	struct nd_journal j;
	struct nd_diag d;

	(void)state;
	change("g1", "/news", "/news/a\tb.md", "published", "=false",
	       "=true");
	change("g1", "/news", "/news/c.md", "topics+", "!", "=line\nbreak\\");
	nd_diag_init(&d);
	assert_int_equal(nd_journal_read(&j, path, &d), 0);
	assert_int_equal(j.count, 1);
	assert_int_equal(j.groups[0].count, 2);
	assert_string_equal(j.groups[0].changes[0].path, "/news/a\tb.md");
	assert_string_equal(j.groups[0].changes[1].new, "=line\nbreak\\");
	assert_string_equal(j.groups[0].changes[1].snapshot, "-");
	nd_journal_release(&j);
	nd_diag_release(&d);
}

static void test_undo_redo_order(void **state)
{
	struct nd_journal j;
	struct nd_err err;

	(void)state;
	memset(&j, 0, sizeof(j));
	change("g1", "/news", "/news/a.md", "quality", "=1", "=2");
	change("g2", "/news/sub", "/news/sub/b.md", "quality", "=1", "=2");
	change("g3", "/other", "/other/c.md", "quality", "=1", "=2");
	reread(&j);
	assert_string_equal(undo_id(&j, "/news"), "g2"); /* below /news */
	assert_string_equal(undo_id(&j, NULL), "g3");
	assert_string_equal(redo_id(&j, "/news"), "none");
	mark('U', "g2");
	mark('U', "g1");
	reread(&j);
	assert_string_equal(undo_id(&j, "/news"), "none");
	assert_string_equal(redo_id(&j, "/news"), "g1"); /* undone last */
	mark('R', "g1");
	reread(&j);
	assert_string_equal(redo_id(&j, "/news"), "g2"); /* redo twice */
	assert_string_equal(undo_id(&j, "/news"), "g1");
	change("g4", "/news", "/news/a.md", "quality", "=2", "=3");
	reread(&j);
	/* something new was done: g2 can no longer be redone */
	assert_string_equal(redo_id(&j, "/news"), "none");
	assert_string_equal(undo_id(&j, "/news"), "g4");
	/* a failed change is withdrawn; an aborted group is never undone */
	assert_int_equal(nd_journal_failed(path, "g4", "/news/a.md",
					   "quality", &err), 0);
	mark('A', "g4");
	reread(&j);
	assert_string_equal(undo_id(&j, "/news"), "g1");
	nd_journal_release(&j);
}

static void test_torn_line_ignored(void **state)
{
	struct nd_journal j;
	struct nd_diag d;
	FILE *f;

	(void)state;
	change("g1", "/n", "/n/a.md", "quality", "=1", "=2");
	f = fopen(path, "a");
	fputs("D\tg2\t123\t/n\t/n/b.md\tqual", f); /* no newline: a crash */
	fclose(f);
	nd_diag_init(&d);
	assert_int_equal(nd_journal_read(&j, path, &d), 0);
	assert_int_equal(j.count, 1);
	nd_journal_release(&j);
	nd_diag_release(&d);
}

static void test_missing_is_empty(void **state)
{
	struct nd_journal j;
	struct nd_diag d;

	(void)state;
	nd_diag_init(&d);
	assert_int_equal(nd_journal_read(&j, "/nonexistent/j", &d), 0);
	assert_int_equal(j.count, 0);
	assert_null(nd_journal_undo_target(&j, NULL));
	nd_journal_release(&j);
	nd_diag_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_round_trip_and_escaping, setup),
		cmocka_unit_test_setup(test_undo_redo_order, setup),
		cmocka_unit_test_setup(test_torn_line_ignored, setup),
		cmocka_unit_test_setup(test_missing_is_empty, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

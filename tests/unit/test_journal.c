#include "test.h"
#include "fault.h"

#include "newsdesk/base/fileio.h"
#include "newsdesk/write/journal.h"

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64], path[96];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/nd-journal-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/j", dir);
	nd_journal_io_reset();
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	nd_journal_io_reset();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd);
}

/* The whole file (NULL when missing). */
static char *slurp(const char *p, size_t *len)
{
	struct nd_err cause;
	char *data;

	if (nd_read_file(p, 1 << 26, &data, len, &cause) != 0)
		return NULL;
	return data;
}

static void append_bytes(const char *p, const char *s, size_t n)
{
	FILE *f = fopen(p, "a");

	assert_non_null(f);
	assert_int_equal(fwrite(s, 1, n, f), n);
	fclose(f);
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

static ssize_t no_space(int fd, const void *p, size_t n)
{
	(void)fd, (void)p, (void)n;
	errno = ENOSPC;
	return -1;
}

static ssize_t no_progress(int fd, const void *p, size_t n)
{
	(void)fd, (void)p, (void)n;
	return 0;
}

static int failing_fsync(int fd)
{
	(void)fd;
	errno = EIO;
	return -1;
}

static void test_failed_append_leaves_no_trace(void **state)
{
	static const struct {
		ssize_t (*write)(int, const void *, size_t);
		int (*fsync)(int);
		const char *why;
	} cases[] = {
		{ fault_short_write, fsync, "No space left" },
		{ no_space, fsync, "No space left" },
		{ no_progress, fsync, "No space left" },
		{ write, failing_fsync, "Input/output error" },
	};
	struct nd_change c = { (char *)"/n/a.md", (char *)"quality",
			       (char *)"=1", (char *)"=2", NULL, NULL };
	struct nd_journal j;
	struct nd_diag d;
	struct nd_err err;
	char *before, *after;
	size_t i, blen, alen;

	(void)state;
	change("g1", "/n", "/n/a.md", "quality", "=1", "=2");
	before = slurp(path, &blen);
	assert_non_null(before);
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		fault_calls = 0;
		nd_journal_io.write = cases[i].write;
		nd_journal_io.fsync = cases[i].fsync;
		assert_int_equal(nd_journal_change(path, "g2", "/n", &c, &err),
				 -1);
		nd_journal_io_reset();
		assert_non_null(
			strstr(err.message, "cannot write the journal"));
		assert_non_null(strstr(err.message, cases[i].why));
		after = slurp(path, &alen);
		assert_non_null(after);
		if (alen != blen || memcmp(before, after, blen) != 0)
			fail_msg("case %zu: the journal changed:\n%s", i,
				 after);
		free(after);
	}
	/* the next append reads back as if nothing had happened */
	change("g3", "/n", "/n/b.md", "quality", "=1", "=2");
	nd_diag_init(&d);
	assert_int_equal(nd_journal_read(&j, path, &d), 0);
	assert_int_equal(d.count, 0);
	assert_int_equal(j.bad_lines, 0);
	assert_int_equal(j.count, 2);
	assert_string_equal(j.groups[1].id, "g3");
	assert_string_equal(j.groups[1].changes[0].path, "/n/b.md");
	nd_journal_release(&j);
	nd_diag_release(&d);
	free(before);
}

/* The bytes the journal writes for one change of group g. */
static char *record_of(const char *g, const char *file, size_t *len)
{
	char saved[sizeof(path)], *data;

	memcpy(saved, path, sizeof(path));
	snprintf(path, sizeof(path), "%s/scratch", dir);
	unlink(path);
	change(g, "/n", file, "quality", "=1", "=2");
	data = slurp(path, len);
	assert_non_null(data);
	unlink(path);
	memcpy(path, saved, sizeof(path));
	return data;
}

static void assert_warned_at(const struct nd_diag *d, unsigned line)
{
	assert_int_equal(d->count, 1);
	assert_int_equal(d->items[0].severity, ND_WARNING);
	assert_string_equal(d->items[0].path, path);
	assert_int_equal(d->items[0].line, line);
	assert_non_null(strstr(d->items[0].message, "torn"));
}

/* A crash mid-append tears the last record; an old version then glued
 * the next one onto it. Both are reported and the rest is read. */
static void test_torn_and_glued_records(void **state)
{
	struct nd_journal j;
	struct nd_diag d;
	size_t n2, n3;
	char *r2 = record_of("g2", "/n/b.md", &n2);
	char *r3 = record_of("g3", "/n/c.md", &n3);

	(void)state;
	change("g1", "/n", "/n/a.md", "quality", "=1", "=2");
	append_bytes(path, r2, n2 - 9); /* the crash */
	nd_diag_init(&d);
	assert_int_equal(nd_journal_read(&j, path, &d), 0);
	assert_int_equal(j.count, 1);
	assert_warned_at(&d, 2);
	nd_journal_release(&j);
	nd_diag_release(&d);

	append_bytes(path, r3, n3); /* glued onto the torn one */
	change("g4", "/n", "/n/d.md", "quality", "=1", "=2");
	nd_diag_init(&d);
	assert_int_equal(nd_journal_read(&j, path, &d), 0);
	assert_warned_at(&d, 2);
	assert_int_equal(j.count, 3);
	assert_string_equal(j.groups[0].id, "g1");
	assert_string_equal(j.groups[1].id, "g3");
	assert_string_equal(j.groups[1].changes[0].path, "/n/c.md");
	assert_string_equal(j.groups[2].id, "g4");
	assert_int_equal(j.groups[2].count, 1);
	nd_journal_release(&j);
	nd_diag_release(&d);
	free(r2);
	free(r3);
}

/* A record whose bytes changed (a bad sector, an editor) is not read. */
static void test_damaged_record_skipped(void **state)
{
	struct nd_journal j;
	struct nd_diag d;
	size_t n;
	char *r = record_of("g2", "/n/b.md", &n);

	(void)state;
	change("g1", "/n", "/n/a.md", "quality", "=1", "=2");
	r[n - 3] = r[n - 3] == 'x' ? 'y' : 'x'; /* "=2" becomes "=x" */
	append_bytes(path, r, n);
	change("g3", "/n", "/n/c.md", "quality", "=1", "=2");
	nd_diag_init(&d);
	assert_int_equal(nd_journal_read(&j, path, &d), 0);
	assert_int_equal(j.count, 2);
	assert_string_equal(j.groups[1].id, "g3");
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].line, 2);
	nd_journal_release(&j);
	nd_diag_release(&d);
	free(r);
}

/* Journals written before records were framed are still read. */
static void test_reads_unframed_journal(void **state)
{
	static const char old[] =
		"D\tg1\t100\t/n\t/n/a\\tb.md\tpublished\t=false\t=true\t-\t-\n"
		"D\tg1\t100\t/n\t/n/c.md\tquality\t!\t=5\t-\t-\n"
		"F\tg1\t100\t/n/c.md\tquality\n"
		"D\tg2\t101\t/n\t/n/c.md\ttopics+\t!\t=AI\t/s/g2-0\tab12\n"
		"U\tg2\t102\n";
	struct nd_journal j;
	struct nd_diag d;

	(void)state;
	append_bytes(path, old, sizeof(old) - 1);
	change("g3", "/n", "/n/d.md", "quality", "=1", "=2");
	nd_diag_init(&d);
	assert_int_equal(nd_journal_read(&j, path, &d), 0);
	assert_int_equal(d.count, 0);
	assert_int_equal(j.count, 3);
	assert_int_equal(j.groups[0].count, 1);
	assert_string_equal(j.groups[0].changes[0].path, "/n/a\tb.md");
	assert_int_equal(j.groups[1].state, 1);
	assert_string_equal(j.groups[1].changes[0].snapshot, "/s/g2-0");
	assert_string_equal(undo_id(&j, "/n"), "g3");
	nd_journal_release(&j);
	nd_diag_release(&d);
}

/* Nothing of g2 or g3 was done (each change failed): undo and redo pass
 * over them. */
static void test_undo_skips_groups_that_failed(void **state)
{
	struct nd_journal j;
	struct nd_err err;

	(void)state;
	memset(&j, 0, sizeof(j));
	change("g1", "/n", "/n/a.md", "quality", "=1", "=2");
	change("g2", "/n", "/n/a.md", "quality", "=2", "=3");
	change("g2", "/n", "/n/b.md", "published", "=false", "=true");
	assert_int_equal(nd_journal_failed(path, "g2", "/n/a.md", "quality",
					   &err), 0);
	assert_int_equal(nd_journal_failed(path, "g2", "/n/b.md", "published",
					   &err), 0);
	reread(&j);
	assert_string_equal(undo_id(&j, "/n"), "g1");
	assert_int_equal(j.groups[1].count, 0);
	assert_int_equal(j.groups[1].state, 2);
	mark('U', "g1");
	change("g3", "/n", "/n/a.md", "quality", "=1", "=4");
	assert_int_equal(nd_journal_failed(path, "g3", "/n/a.md", "quality",
					   &err), 0);
	reread(&j);
	/* nothing was done since g1 was undone: it can be redone */
	assert_string_equal(undo_id(&j, "/n"), "none");
	assert_string_equal(redo_id(&j, "/n"), "g1");
	nd_journal_release(&j);
}

static off_t size_of(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 ? st.st_size : -1;
}

static void snapshot_of(const char *group, char *out, size_t cap)
{
	char *snaps = nd_journal_snapshot_dir(path);
	FILE *f;

	mkdir(snaps, 0700);
	snprintf(out, cap, "%s/%s-0", snaps, group);
	free(snaps);
	f = fopen(out, "w");
	assert_non_null(f);
	fputs("before\n", f);
	fclose(f);
}

static void snap_change(const char *group, const char *snap)
{
	struct nd_change c = { (char *)"/n/a.md", (char *)"topics+",
			       (char *)"!", (char *)"=AI", (char *)snap,
			       (char *)"0123456789abcdef" };
	struct nd_err err;

	assert_int_equal(nd_journal_change(path, group, "/n", &c, &err), 0);
}

static size_t changes_of(struct nd_journal *j, const char *id)
{
	size_t i;

	reread(j);
	for (i = 0; i < j->count; i++) {
		if (strcmp(j->groups[i].id, id) == 0)
			return j->groups[i].count;
	}
	return 0;
}

/* With a 4 KiB threshold, 300 decisions: the journal stays small, undo
 * and redo keep their order, a decision under way when the journal is
 * compacted stays whole, and the snapshots of the groups dropped are
 * removed. */
static void test_compaction_keeps_undo(void **state)
{
	char id[32], first_snap[128], last_snap[128];
	struct nd_journal j;
	off_t biggest = 0, now, at_long = 0;
	int i, step = 0;

	(void)state;
	memset(&j, 0, sizeof(j));
	nd_journal_io.rotate_at = 4096;
	snapshot_of("g0", first_snap, sizeof(first_snap));
	snap_change("g0", first_snap);
	for (i = 1; i < 300; i++) {
		snprintf(id, sizeof(id), "g%d", i);
		change(id, i % 2 ? "/n" : "/m", "/x/a.md", "quality", "=1",
		       "=2");
		now = size_of(path);
		biggest = now > biggest ? now : biggest;
		/* "long" begins just before a compaction, ends just after */
		if (i > 100 && step == 0 && now > 4096 - 400) {
			change("long", "/n", "/n/long-1.md", "quality", "=1",
			       "=2");
			at_long = size_of(path);
			step = 1;
		} else if (step == 1 && now < at_long) {
			change("long", "/n", "/n/long-2.md", "quality", "=1",
			       "=2");
			assert_int_equal(changes_of(&j, "long"), 2);
			step = 2;
		}
	}
	snapshot_of("g300", last_snap, sizeof(last_snap));
	snap_change("g300", last_snap);
	mark('U', "g300");
	mark('U', "g299");
	assert_int_equal(step, 2);
	assert_true(biggest <= 4096);
	reread(&j);
	assert_true(j.count < 60);
	assert_string_equal(undo_id(&j, "/n"), "g297");
	assert_string_equal(redo_id(&j, "/n"), "g299");
	assert_string_equal(undo_id(&j, "/m"), "g298");
	assert_string_equal(j.groups[j.count - 1].id, "g300");
	assert_int_equal(access(first_snap, F_OK), -1);
	assert_int_equal(access(last_snap, F_OK), 0);
	nd_journal_release(&j);
}

/* Past its read cap a journal could not be read at all: an append that
 * would take it there is refused, even in one enormous decision. The next
 * decision drops that one to make room (a small cap through the hook). */
static void test_never_past_its_cap(void **state)
{
	struct nd_change c = { (char *)"/n/a.md", (char *)"quality",
			       (char *)"=1", (char *)"=2", NULL, NULL };
	struct nd_journal j;
	struct nd_err err;
	size_t accepted = 0;
	int i, rc = 0;

	(void)state;
	memset(&j, 0, sizeof(j));
	nd_journal_io.rotate_at = 1024;
	nd_journal_io.max = 4096;
	for (i = 0; i < 200 && rc == 0; i++) {
		rc = nd_journal_change(path, "big", "/n", &c, &err);
		accepted += rc == 0;
		assert_true(size_of(path) <= 4096);
	}
	assert_int_equal(rc, -1);
	assert_non_null(strstr(err.message, "is full"));
	reread(&j);
	assert_int_equal(j.count, 1);
	assert_int_equal(j.groups[0].count, accepted);
	change("other", "/n", "/n/b.md", "quality", "=1", "=2");
	assert_true(size_of(path) <= 1024);
	reread(&j);
	assert_int_equal(j.count, 1);
	assert_string_equal(undo_id(&j, "/n"), "other");
	nd_journal_release(&j);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_round_trip_and_escaping),
		T(test_undo_redo_order),
		T(test_torn_line_ignored),
		T(test_missing_is_empty),
		T(test_failed_append_leaves_no_trace),
		T(test_torn_and_glued_records),
		T(test_damaged_record_skipped),
		T(test_reads_unframed_journal),
		T(test_undo_skips_groups_that_failed),
		T(test_compaction_keeps_undo),
		T(test_never_past_its_cap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

#include "test.h"

#include "newsdesk/base/fileio.h"
#include "newsdesk/model/article.h"
#include "newsdesk/write/safewrite.h"
#include "newsdesk/write/triage.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64], journal[128];

static const char a_text[] =
	"---\r\ntitle: \"A\"\r\nquality: 27 # keep\r\npublished: false\r\n"
	"topics:\r\n  - AI\r\n  - Space\r\nsecured: >\r\n  abc\r\n  def\r\n"
	"---\r\nbody\r\n";
static const char b_text[] = "---\ntitle: B\ntopics: [AI]\n---\n";

static char *path_of(const char *name)
{
	static char p[4][160];
	static int k;

	k = (k + 1) % 4;
	snprintf(p[k], sizeof(p[k]), "%s/%s", dir, name);
	return p[k];
}

static void put(const char *name, const char *text)
{
	FILE *f;
	char *p = path_of(name);

	mkdir(path_of("sub"), 0755);
	f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static char *slurp(const char *name)
{
	struct nd_err cause;
	char *data;
	size_t len;

	if (nd_read_file(path_of(name), 1 << 20, &data, &len, &cause) != 0)
		return NULL;
	return data;
}

static void assert_file(const char *name, const char *want)
{
	char *now = slurp(name);

	assert_non_null(now);
	if (strcmp(now, want) != 0)
		fail_msg("%s is\n%s\nwant\n%s", name, now, want);
	free(now);
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/nd-triage-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(journal, sizeof(journal), "%s.state/journal", dir);
	put("a.md", a_text);
	put("sub/b.md", b_text);
	return 0;
}

static int teardown(void **state)
{
	char cmd[256];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s' '%s.state'", dir, dir);
	return system(cmd);
}

static enum nd_status apply(struct nd_triage *t, const char *name,
			    struct nd_decision d, const struct nd_expect *e)
{
	struct nd_result r;

	nd_triage_apply(t, path_of(name), &d, e, &r);
	nd_triage_result_release(&r);
	return r.status;
}

static const struct nd_group *last_group(struct nd_journal *j, int redo)
{
	struct nd_diag d;

	nd_journal_release(j);
	nd_diag_init(&d);
	nd_journal_read(j, journal, &d);
	nd_diag_release(&d);
	return redo ? nd_journal_redo_target(j, dir)
		    : nd_journal_undo_target(j, dir);
}

static void test_decisions_and_undo(void **state)
{
	struct nd_decision pub = { ND_SET_PUBLISHED, 1, NULL };
	struct nd_decision q = { ND_ADD_QUALITY, 5, NULL };
	struct nd_decision addt = { ND_ADD_TOPIC, 0, "Climate" };
	struct nd_decision rmt = { ND_REMOVE_TOPIC, 0, "space" };
	struct nd_journal j;
	struct nd_triage t;

	(void)state;
	memset(&j, 0, sizeof(j));
	assert_int_equal(nd_triage_init(&t, dir, journal), 0);
	nd_triage_begin(&t);
	assert_int_equal(apply(&t, "a.md", pub, NULL), ND_DONE);
	assert_int_equal(apply(&t, "a.md", q, NULL), ND_DONE);
	assert_int_equal(apply(&t, "a.md", rmt, NULL), ND_DONE);
	assert_int_equal(apply(&t, "a.md", addt, NULL), ND_DONE);
	assert_int_equal(apply(&t, "sub/b.md", pub, NULL), ND_DONE);
	assert_file("a.md", "---\r\ntitle: \"A\"\r\nquality: 32 # keep\r\n"
			    "published: true\r\ntopics:\r\n  - AI\r\n"
			    "  - Climate\r\nsecured: >\r\n  abc\r\n  def\r\n"
			    "---\r\nbody\r\n");
	assert_file("sub/b.md", "---\ntitle: B\ntopics: [AI]\n"
				"published: true\n---\n");
	/* the same again is nothing to do */
	nd_triage_begin(&t);
	assert_int_equal(apply(&t, "a.md", pub, NULL), ND_NOTHING);
	assert_int_equal(apply(&t, "a.md", addt, NULL), ND_NOTHING);
	/* undo puts back every byte; redo makes it again */
	assert_true(nd_triage_undo(&t, last_group(&j, 0), 0, NULL, NULL) == 5);
	assert_file("a.md", a_text);
	assert_file("sub/b.md", b_text);
	assert_true(nd_triage_undo(&t, last_group(&j, 1), 1, NULL, NULL) == 5);
	assert_file("sub/b.md", "---\ntitle: B\ntopics: [AI]\n"
				"published: true\n---\n");
	assert_true(nd_triage_undo(&t, last_group(&j, 0), 0, NULL, NULL) == 5);
	assert_file("a.md", a_text);
	nd_journal_release(&j);
	nd_triage_release(&t);
}

static void test_conflict_and_dry_run(void **state)
{
	struct nd_decision pub = { ND_SET_PUBLISHED, 1, NULL };
	struct nd_expect seen = { 1, 1, 0, 0 }; /* "I saw it published" */
	struct nd_triage t;

	(void)state;
	assert_int_equal(nd_triage_init(&t, dir, journal), 0);
	nd_triage_begin(&t);
	/* the file says false: someone changed it since we looked */
	seen.published = 1;
	assert_int_equal(apply(&t, "a.md", (struct nd_decision){
		ND_SET_PUBLISHED, 0, NULL }, &seen), ND_CONFLICT);
	assert_file("a.md", a_text);
	seen.published = 0;
	t.dry_run = 1;
	assert_int_equal(apply(&t, "a.md", pub, &seen), ND_DONE);
	assert_file("a.md", a_text);
	t.dry_run = 0;
	assert_int_equal(apply(&t, "a.md", pub, &seen), ND_DONE);
	nd_triage_release(&t);
}

static const char elsewhere[] = "---\ntitle: A\npublished: false\n---\n"
				 "written in place elsewhere\n";

/* While newsdesk writes its temporary file, another program rewrites
 * a.md in place (no flock, same inode). Without the lease (which would
 * make this process's own open wait on itself): the checks before the
 * rename are what is tested. */
static int no_lease(int fd, int type)
{
	(void)fd;
	(void)type;
	errno = EACCES;
	return -1;
}

static ssize_t write_meanwhile(int fd, const void *p, size_t n)
{
	int other = open(path_of("a.md"), O_WRONLY | O_TRUNC);

	if (other >= 0) {
		(void)!write(other, elsewhere, sizeof(elsewhere) - 1);
		close(other);
	}
	nd_safewrite_io.write = write;
	return write(fd, p, n);
}

static void test_changed_while_written_is_conflict(void **state)
{
	struct nd_decision pub = { ND_SET_PUBLISHED, 1, NULL };
	struct nd_triage t;
	struct nd_result r;

	(void)state;
	assert_int_equal(nd_triage_init(&t, dir, journal), 0);
	nd_triage_begin(&t);
	nd_safewrite_io.write = write_meanwhile;
	nd_safewrite_io.setlease = no_lease;
	nd_triage_apply(&t, path_of("a.md"), &pub, NULL, &r);
	nd_safewrite_io_reset();
	assert_int_equal(r.status, ND_CONFLICT);
	if (strstr(r.message, "changed on disk") == NULL)
		fail_msg("message: %s", r.message);
	assert_file("a.md", elsewhere);
	assert_int_equal(t.done, 0);
	nd_triage_release(&t);
}

static void test_reject_and_back(void **state)
{
	struct nd_decision rej = { ND_REJECT, 0, NULL };
	struct nd_journal j;
	struct nd_triage t;
	struct nd_result r;

	(void)state;
	memset(&j, 0, sizeof(j));
	assert_int_equal(nd_triage_init(&t, dir, journal), 0);
	nd_triage_begin(&t);
	nd_triage_apply(&t, path_of("sub/b.md"), &rej, NULL, &r);
	assert_int_equal(r.status, ND_DONE);
	assert_non_null(strstr(r.new_path, "/.rejected/sub/b.md"));
	nd_triage_result_release(&r);
	assert_int_equal(access(path_of("sub/b.md"), F_OK), -1);
	assert_file(".rejected/sub/b.md", b_text);
	assert_true(nd_triage_undo(&t, last_group(&j, 0), 0, NULL, NULL) == 1);
	assert_file("sub/b.md", b_text);
	assert_int_equal(access(path_of(".rejected/sub/b.md"), F_OK), -1);
	nd_journal_release(&j);
	nd_triage_release(&t);
}

static void test_parse(void **state)
{
	struct nd_decision d;
	struct nd_err err;
	char what[64];

	(void)state;
	assert_int_equal(nd_triage_parse("published=true", &d, &err), 0);
	assert_int_equal(d.kind, ND_SET_PUBLISHED);
	assert_int_equal(nd_triage_parse("quality-=5", &d, &err), 0);
	assert_int_equal(d.kind, ND_ADD_QUALITY);
	assert_int_equal(d.num, -5);
	assert_int_equal(nd_triage_parse("topic+=AI Hardware", &d, &err),
			 0);
	assert_string_equal(d.topic, "AI Hardware");
	nd_triage_describe(&d, what, sizeof(what));
	assert_string_equal(what, "add topic 'AI Hardware'");
	assert_int_equal(nd_triage_parse("quality=x", &d, &err), -1);
	assert_int_equal(nd_triage_parse("title=x", &d, &err), -1);
	assert_non_null(strstr(err.message, "cannot read 'title=x'"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_decisions_and_undo, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_conflict_and_dry_run,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_reject_and_back, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_changed_while_written_is_conflict, setup,
			teardown),
		cmocka_unit_test(test_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

#include "test.h"
#include "fault.h"

#include "newsdesk/base/fileio.h"
#include "newsdesk/model/article.h"
#include "newsdesk/write/safewrite.h"
#include "newsdesk/write/triage.h"

#include <dirent.h>
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
	nd_journal_io_reset();
	return 0;
}

static int teardown(void **state)
{
	char cmd[256];

	(void)state;
	nd_journal_io_reset();
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

/* Quality arithmetic never overflows (UBSan would stop the test), and
 * no decision writes a quality outside 0..ND_QUALITY_MAX. */
static void test_quality_arithmetic_is_checked(void **state)
{
	struct nd_decision up = { ND_ADD_QUALITY, ND_QUALITY_MAX, NULL };
	struct nd_decision down = { ND_ADD_QUALITY, -ND_QUALITY_MAX, NULL };
	struct nd_decision set = { ND_SET_QUALITY, ND_QUALITY_MAX + 1, NULL };
	static const char huge[] =
		"---\ntitle: H\nquality: 9223372036854775800\n---\n";
	struct nd_triage t;

	(void)state;
	put("h.md", huge);
	assert_int_equal(nd_triage_init(&t, dir, journal), 0);
	nd_triage_begin(&t);
	assert_int_equal(apply(&t, "h.md", up, NULL), ND_FAILED);
	assert_file("h.md", huge);
	assert_int_equal(apply(&t, "h.md", set, NULL), ND_FAILED);
	assert_file("h.md", huge);
	/* A value past the range is no number to step from: refused. */
	put("h.md", "---\ntitle: H\nquality: 1000004\n---\n");
	assert_int_equal(apply(&t, "h.md", up, NULL), ND_FAILED);
	assert_int_equal(apply(&t, "h.md", down, NULL), ND_FAILED);
	assert_file("h.md", "---\ntitle: H\nquality: 1000004\n---\n");
	/* Down from the top stops at 0. */
	put("h.md", "---\ntitle: H\nquality: 1000000\n---\n");
	assert_int_equal(apply(&t, "h.md", down, NULL), ND_DONE);
	assert_file("h.md", "---\ntitle: H\nquality: 0\n---\n");
	assert_int_equal(apply(&t, "h.md", down, NULL), ND_NOTHING);
	nd_triage_release(&t);
}

static void test_conflict_and_dry_run(void **state)
{
	struct nd_decision pub = { ND_SET_PUBLISHED, 1, NULL };
	struct nd_expect seen = { 1, 1, 0, 0, 0, 0 }; /* "I saw it published" */
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

/* A full disk for the journal's next append. */
static void fail_journal(void)
{
	fault_calls = 0;
	nd_journal_io.write = fault_short_write;
}

static char *journal_bytes(size_t *len)
{
	struct nd_err cause;
	char *data;

	if (nd_read_file(journal, 1 << 24, &data, len, &cause) != 0)
		return NULL;
	return data;
}

static int snapshots(void)
{
	char *snaps = nd_journal_snapshot_dir(journal);
	DIR *d = opendir(snaps);
	struct dirent *e;
	int n = 0;

	free(snaps);
	while (d != NULL && (e = readdir(d)) != NULL)
		n += e->d_name[0] != '.';
	if (d != NULL)
		closedir(d);
	return n;
}

/* The journal cannot be written: the decision is refused before the file
 * is touched, the journal is as it was, and the next decision is fine. */
static void test_journal_full_refuses(void **state)
{
	struct nd_decision pub = { ND_SET_PUBLISHED, 1, NULL };
	struct nd_decision addt = { ND_ADD_TOPIC, 0, "Climate" };
	struct nd_journal j;
	struct nd_triage t;
	struct nd_result r;
	struct nd_diag d;
	size_t blen, alen;
	char *before, *after;

	(void)state;
	assert_int_equal(nd_triage_init(&t, dir, journal), 0);
	nd_triage_begin(&t);
	assert_int_equal(apply(&t, "sub/b.md", pub, NULL), ND_DONE);
	before = journal_bytes(&blen);
	assert_non_null(before);
	fail_journal();
	nd_triage_apply(&t, path_of("a.md"), &pub, NULL, &r);
	assert_int_equal(r.status, ND_FAILED);
	assert_non_null(strstr(r.message, "cannot write the journal"));
	assert_non_null(strstr(r.message, "file not changed"));
	fail_journal();
	assert_int_equal(apply(&t, "a.md", addt, NULL), ND_FAILED);
	nd_journal_io_reset();
	assert_file("a.md", a_text);
	assert_int_equal(snapshots(), 0); /* none left behind */
	after = journal_bytes(&alen);
	assert_non_null(after);
	assert_true(alen == blen && memcmp(before, after, blen) == 0);
	/* the same decision again, with room on the disk */
	assert_int_equal(apply(&t, "a.md", pub, NULL), ND_DONE);
	nd_diag_init(&d);
	assert_int_equal(nd_journal_read(&j, journal, &d), 0);
	assert_int_equal(d.count, 0);
	assert_int_equal(j.count, 1);
	assert_int_equal(j.groups[0].count, 2);
	assert_string_equal(j.groups[0].changes[1].field, "published");
	nd_journal_release(&j);
	nd_diag_release(&d);
	nd_triage_release(&t);
	free(before);
	free(after);
}

/* One decision over 40 files, the disk full for the 20th: the journal
 * lists the 39 changes made, and undo puts every file back. */
static void test_forty_with_a_failure(void **state)
{
	struct nd_decision pub = { ND_SET_PUBLISHED, 1, NULL };
	const struct nd_group *g;
	struct nd_journal j;
	struct nd_triage t;
	char name[32];
	size_t k;
	int i;

	(void)state;
	memset(&j, 0, sizeof(j));
	for (i = 0; i < 40; i++) {
		snprintf(name, sizeof(name), "n%02d.md", i);
		put(name, b_text);
	}
	assert_int_equal(nd_triage_init(&t, dir, journal), 0);
	nd_triage_begin(&t);
	for (i = 0; i < 40; i++) {
		snprintf(name, sizeof(name), "n%02d.md", i);
		if (i == 20)
			fail_journal();
		assert_int_equal(apply(&t, name, pub, NULL),
				 i == 20 ? ND_FAILED : ND_DONE);
		nd_journal_io_reset();
	}
	g = last_group(&j, 0);
	assert_non_null(g);
	assert_int_equal(g->count, 39);
	for (k = 0; k < g->count; k++) {
		snprintf(name, sizeof(name), "/n%02zu.md", k < 20 ? k : k + 1);
		assert_non_null(strstr(g->changes[k].path, name));
	}
	assert_int_equal(nd_triage_undo(&t, g, 0, NULL, NULL), 39);
	for (i = 0; i < 40; i++) {
		snprintf(name, sizeof(name), "n%02d.md", i);
		assert_file(name, b_text);
	}
	nd_journal_release(&j);
	nd_triage_release(&t);
}

struct seen {
	int failed;
	char message[300];
};

static void note(void *ctx, const char *p, const struct nd_result *r)
{
	struct seen *s = ctx;

	(void)p;
	if (r->status == ND_FAILED) {
		s->failed++;
		snprintf(s->message, sizeof(s->message), "%s", r->message);
	}
}

/* Undo writes down that it undid before it touches a file: when it
 * cannot, nothing is undone and the caller hears why. */
static void test_undo_refused_when_journal_full(void **state)
{
	struct nd_decision pub = { ND_SET_PUBLISHED, 1, NULL };
	struct seen seen = { 0, "" };
	struct nd_journal j;
	struct nd_triage t;
	char *before;

	(void)state;
	memset(&j, 0, sizeof(j));
	assert_int_equal(nd_triage_init(&t, dir, journal), 0);
	nd_triage_begin(&t);
	assert_int_equal(apply(&t, "a.md", pub, NULL), ND_DONE);
	before = slurp("a.md");
	fail_journal();
	assert_int_equal(nd_triage_undo(&t, last_group(&j, 0), 0, note,
					&seen), -1);
	nd_journal_io_reset();
	assert_file("a.md", before);
	assert_int_equal(seen.failed, 1);
	assert_non_null(strstr(seen.message, "cannot write the journal"));
	assert_non_null(strstr(seen.message, "nothing undone"));
	/* and it still can be undone */
	assert_int_equal(nd_triage_undo(&t, last_group(&j, 0), 0, NULL, NULL),
			 1);
	assert_file("a.md", a_text);
	free(before);
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
	/* Out of range, and steps whose negation or sum would overflow. */
	assert_int_equal(nd_triage_parse("quality=1000001", &d, &err), -1);
	assert_non_null(strstr(err.message, "from -1 to 1000000"));
	assert_int_equal(nd_triage_parse("quality=1000000", &d, &err), 0);
	assert_int_equal(nd_triage_parse("quality-=-9223372036854775808", &d,
					 &err), -1);
	assert_int_equal(nd_triage_parse("quality+=9223372036854775807", &d,
					 &err), -1);
}

/* The rule: only the field a decision changes is compared with what the
 * caller saw. Table: the field changed on disk, the decision, the
 * outcome. */
static void test_conflict_on_decided_field_only(void **state)
{
	static const struct {
		const char *disk; /* a.md as the shell left it */
		struct nd_decision d;
		enum nd_status want;
	} rows[] = {
		/* published changed: quality and topics go ahead */
		{ "---\ntitle: A\nquality: 27\npublished: true\n---\n",
		  { ND_ADD_QUALITY, 5, NULL }, ND_DONE },
		{ "---\ntitle: A\nquality: 27\npublished: true\n---\n",
		  { ND_ADD_TOPIC, 0, "AI" }, ND_DONE },
		{ "---\ntitle: A\nquality: 27\npublished: true\n---\n",
		  { ND_SET_PUBLISHED, 1, NULL }, ND_CONFLICT },
		/* quality changed: publish goes ahead, quality conflicts */
		{ "---\ntitle: A\nquality: 40\npublished: false\n---\n",
		  { ND_SET_PUBLISHED, 1, NULL }, ND_DONE },
		{ "---\ntitle: A\nquality: 40\npublished: false\n---\n",
		  { ND_SET_QUALITY, 50, NULL }, ND_CONFLICT },
		{ "---\ntitle: A\nquality: 40\npublished: false\n---\n",
		  { ND_ADD_QUALITY, -1, NULL }, ND_CONFLICT },
		/* heat changed: only heat conflicts */
		{ "---\ntitle: A\nquality: 27\npublished: false\nheat: 9\n---\n",
		  { ND_SET_HEAT, 3, NULL }, ND_CONFLICT },
		{ "---\ntitle: A\nquality: 27\npublished: false\nheat: 9\n---\n",
		  { ND_SET_QUALITY, 3, NULL }, ND_DONE },
	};
	/* what the caller showed: quality 27, unpublished, heat unknown */
	struct nd_expect seen = { 1, 0, 1, 27, 1, ND_UNKNOWN };
	struct nd_triage t;
	struct nd_result r;
	size_t i;

	(void)state;
	assert_int_equal(nd_triage_init(&t, dir, journal), 0);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		put("a.md", rows[i].disk);
		nd_triage_begin(&t);
		nd_triage_apply(&t, path_of("a.md"), &rows[i].d, &seen, &r);
		if (r.status != rows[i].want)
			fail_msg("row %zu: %d (%s)", i, r.status, r.message);
		/* the caller reads again after a change or a conflict */
		assert_int_equal(r.reread, 1);
		if (r.status == ND_CONFLICT) {
			assert_non_null(strstr(r.message, "(now "));
			assert_file("a.md", rows[i].disk);
		}
		nd_triage_result_release(&r);
	}
	nd_triage_release(&t);
}

/* -1..1,000,000, whole numbers only, in the file and in the decision. */
static void test_ranges(void **state)
{
	static const char half[] = "---\ntitle: H\nquality: 5.5\n---\n";
	struct nd_decision up = { ND_ADD_QUALITY, 5, NULL };
	struct nd_decision huge = { ND_SET_QUALITY, 99999999999LL, NULL };
	struct nd_decision minus = { ND_SET_HEAT, -1, NULL };
	struct nd_decision two = { ND_SET_HEAT, -2, NULL };
	struct nd_article *a;
	struct nd_triage t;
	struct nd_result r;
	struct nd_diag d;

	(void)state;
	put("h.md", half);
	nd_diag_init(&d);
	assert_int_equal(nd_article_load(path_of("h.md"), &a, &d), 0);
	assert_true(a->quality == ND_UNKNOWN);
	assert_int_equal(d.count, 1);
	assert_non_null(strstr(d.items[0].message, "whole number"));
	nd_article_free(a);
	nd_diag_release(&d);
	assert_int_equal(nd_triage_init(&t, dir, journal), 0);
	nd_triage_begin(&t);
	nd_triage_apply(&t, path_of("h.md"), &up, NULL, &r);
	assert_int_equal(r.status, ND_FAILED);
	assert_non_null(strstr(r.message, "'5.5', not a whole number"));
	assert_int_equal(apply(&t, "h.md", huge, NULL), ND_FAILED);
	assert_int_equal(apply(&t, "h.md", two, NULL), ND_FAILED);
	assert_file("h.md", half);
	assert_int_equal(apply(&t, "h.md", minus, NULL), ND_DONE);
	assert_int_equal(apply(&t, "h.md", minus, NULL), ND_NOTHING);
	assert_file("h.md", "---\ntitle: H\nquality: 5.5\nheat: -1\n---\n");
	nd_triage_release(&t);
}

static void test_parse_words(void **state)
{
	static const struct {
		const char *text;
		int ok;
		long long num;
	} rows[] = {
		{ "published=TRUE", 1, 1 },  { "published=True", 1, 1 },
		{ "published=FALSE", 1, 0 }, { "published=tRUE", 0, 0 },
		{ "quality=-1", 1, -1 },     { "quality=-2", 0, 0 },
		{ "quality=2147483648", 0, 0 }, { "quality=5.5", 0, 0 },
		{ "quality=99999999999", 0, 0 }, { "heat=1000000", 1, 1000000 },
		{ "heat=1000001", 0, 0 },    { "quality+=-5", 0, 0 },
	};
	struct nd_decision d;
	struct nd_err err;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		int rc = nd_triage_parse(rows[i].text, &d, &err);

		if ((rc == 0) != rows[i].ok)
			fail_msg("%s: %d", rows[i].text, rc);
		if (rc == 0)
			assert_true(d.num == rows[i].num);
		else
			assert_non_null(strstr(err.message, "1000000"));
	}
}

struct heard {
	int n;
	char last[300];
};

static void hear(void *ctx, const char *p, const struct nd_result *r)
{
	struct heard *h = ctx;

	(void)p;
	h->n++;
	snprintf(h->last, sizeof(h->last), "%s", r->message);
}

/* Undo says what it did, to which article, and where the file now is. */
static void test_undo_words(void **state)
{
	struct nd_decision pub = { ND_SET_PUBLISHED, 1, NULL };
	struct nd_decision rej = { ND_REJECT, 0, NULL };
	struct nd_undo_outcome o;
	struct heard h = { 0, "" };
	struct nd_journal j;
	struct nd_triage t;

	(void)state;
	memset(&j, 0, sizeof(j));
	assert_int_equal(nd_triage_init(&t, dir, journal), 0);
	nd_triage_begin(&t);
	assert_int_equal(apply(&t, "a.md", pub, NULL), ND_DONE);
	assert_int_equal(nd_triage_revert(&t, last_group(&j, 0), 0, hear, &h,
					  &o), 1);
	assert_string_equal(o.message, "undid: published yes -> no, \"A\"");
	assert_string_equal(h.last, "published yes -> no, \"A\"");
	assert_int_equal(o.npaths, 1);
	assert_non_null(strstr(o.paths[0], "/a.md"));
	nd_undo_outcome_release(&o);
	assert_int_equal(nd_triage_revert(&t, last_group(&j, 1), 1, NULL, NULL,
					  &o), 1);
	assert_string_equal(o.message, "redid: published no -> yes, \"A\"");
	nd_undo_outcome_release(&o);
	/* a bulk reject: counted, and the paths are where the files are */
	nd_triage_begin(&t);
	assert_int_equal(apply(&t, "a.md", rej, NULL), ND_DONE);
	assert_int_equal(apply(&t, "sub/b.md", rej, NULL), ND_DONE);
	assert_int_equal(nd_triage_revert(&t, last_group(&j, 0), 0, NULL, NULL,
					  &o), 2);
	assert_non_null(strstr(o.message, "undid 2 changes (first: "
					  "unrejected (back from .rejected/), "
					  "\"B\")"));
	assert_int_equal(o.npaths, 2);
	assert_non_null(strstr(o.paths[0], "/sub/b.md"));
	assert_null(strstr(o.paths[0], ".rejected"));
	nd_undo_outcome_release(&o);
	nd_journal_release(&j);
	nd_triage_release(&t);
}

/* One root for rejected files; unreject puts a file back, and is undone. */
static void test_reject_root_and_unreject(void **state)
{
	struct nd_decision rej = { ND_REJECT, 0, NULL };
	struct nd_decision unrej = { ND_UNREJECT, 0, NULL };
	struct nd_journal j;
	struct nd_triage t;
	char *root, *real = realpath(dir, NULL);

	(void)state;
	memset(&j, 0, sizeof(j));
	/* nothing known: the file's own directory */
	root = nd_triage_find_root(path_of("sub/b.md"), journal);
	assert_non_null(strstr(root, "/sub"));
	free(root);
	/* a decision made on dir: the journal knows it as a root */
	assert_int_equal(nd_triage_init(&t, dir, journal), 0);
	nd_triage_begin(&t);
	assert_int_equal(apply(&t, "a.md", (struct nd_decision){
		ND_SET_PUBLISHED, 1, NULL }, NULL), ND_DONE);
	root = nd_triage_find_root(path_of("sub/b.md"), journal);
	assert_string_equal(root, real);
	free(root);
	nd_triage_begin(&t);
	assert_int_equal(apply(&t, "sub/b.md", rej, NULL), ND_DONE);
	assert_file(".rejected/sub/b.md", b_text);
	assert_int_equal(apply(&t, ".rejected/sub/b.md", rej, NULL),
			 ND_NOTHING);
	/* .rejected/ now exists: found without the journal; a rejected
	 * file's root is the part before .rejected */
	root = nd_triage_find_root(path_of("sub/none.md"), NULL);
	assert_null(root); /* no such file */
	root = nd_triage_find_root(path_of("a.md"), NULL);
	assert_string_equal(root, real);
	free(root);
	root = nd_triage_find_root(path_of(".rejected/sub/b.md"), NULL);
	assert_string_equal(root, real);
	free(root);
	nd_triage_begin(&t);
	assert_int_equal(apply(&t, ".rejected/sub/b.md", unrej, NULL),
			 ND_DONE);
	assert_file("sub/b.md", b_text);
	assert_int_equal(apply(&t, "sub/b.md", unrej, NULL), ND_NOTHING);
	assert_int_equal(nd_triage_undo(&t, last_group(&j, 0), 0, NULL, NULL),
			 1);
	assert_file(".rejected/sub/b.md", b_text);
	nd_journal_release(&j);
	nd_triage_release(&t);
	free(real);
}

/* Resolving a story: one group, publish one and reject the rest; one
 * undo puts all back. */
static void test_resolve_story(void **state)
{
	char *others[] = { path_of("sub/b.md") }, *now;
	struct nd_journal j;
	struct nd_triage t;

	(void)state;
	memset(&j, 0, sizeof(j));
	assert_int_equal(nd_triage_init(&t, dir, journal), 0);
	assert_int_equal(nd_triage_resolve(&t, path_of("a.md"), others, 1,
					   NULL, NULL), 2);
	assert_int_equal(access(path_of("sub/b.md"), F_OK), -1);
	assert_file(".rejected/sub/b.md", b_text);
	now = slurp("a.md");
	assert_non_null(now);
	assert_non_null(strstr(now, "published: true\r\n"));
	free(now);
	assert_int_equal(last_group(&j, 0)->count, 2);
	assert_int_equal(nd_triage_undo(&t, last_group(&j, 0), 0, NULL, NULL),
			 2);
	assert_file("a.md", a_text);
	assert_file("sub/b.md", b_text);
	nd_journal_release(&j);
	nd_triage_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_decisions_and_undo, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_quality_arithmetic_is_checked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_conflict_and_dry_run,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_reject_and_back, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_journal_full_refuses,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_forty_with_a_failure,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_undo_refused_when_journal_full, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_changed_while_written_is_conflict, setup,
			teardown),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_parse_words),
		cmocka_unit_test_setup_teardown(test_resolve_story, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_conflict_on_decided_field_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ranges, setup, teardown),
		cmocka_unit_test_setup_teardown(test_undo_words, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_reject_root_and_unreject,
						setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

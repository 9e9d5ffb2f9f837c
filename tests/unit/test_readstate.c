/* The read state store: identity, round trip, atomic and merged writes,
 * corrupt files set aside, and a 100k figure (printed, not asserted). */
#include "index_fixture.h"

#include "newsdesk/base/buf.h"
#include "newsdesk/write/readstate.h"

#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *const docs[] = {
	/* 0 */ "---\ntitle: A\nwebUrl: https://w.example/a\n"
		"originalUrl: https://o.example/a\n---\n",
	/* 1 */ "---\ntitle: B\noriginalUrl: https://o.example/b\n---\n",
	/* 2 */ "---\ntitle: C\n---\n",
	/* 3 */ "---\ntitle: D\nwebUrl: \"https://w.example/d\\ttab\\\\x\"\n---\n",
};

static char dir[64], path[128];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/nd-readstate-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/state/read", dir);
	return 0;
}

static int teardown(void **state)
{
	char cmd[160];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	return 0;
}

static char *slurp(const char *p)
{
	FILE *f = fopen(p, "rb");
	char *buf = calloc(1, 1 << 16);

	assert_non_null(f);
	assert_true(fread(buf, 1, (1 << 16) - 1, f) < (1 << 16) - 1);
	fclose(f);
	return buf;
}

static void make_state_dir(void)
{
	char d[96];

	snprintf(d, sizeof(d), "%s/state", dir);
	assert_int_equal(mkdir(d, 0700), 0);
}

static void put(const char *p, const char *text)
{
	FILE *f = fopen(p, "wb");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Entries of the state directory whose names start with prefix. */
static int count_files(const char *prefix)
{
	char d[96];
	struct dirent *e;
	DIR *dp;
	int n = 0;

	snprintf(d, sizeof(d), "%s/state", dir);
	dp = opendir(d);
	if (dp == NULL)
		return -1;
	while ((e = readdir(dp)) != NULL)
		n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
	closedir(dp);
	return n;
}

static void test_identity(void **state)
{
	struct nd_index *idx = fixture_index(docs, ARRAY_LEN(docs));
	struct nd_buf b = ND_BUF_INIT;
	static const char *const want[] = {
		"u\thttps://w.example/a", "u\thttps://o.example/b",
		"p\t002.md", "u\thttps://w.example/d\ttab\\x",
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(want); i++) {
		nd_readstate_identity(nd_index_get(idx, i), &b);
		assert_string_equal(b.data, want[i]);
	}
	nd_buf_release(&b);
	nd_index_free(idx);
}

static struct nd_readstate *load(int mode, struct nd_diag *d)
{
	struct nd_readstate *rs = nd_readstate_new(path);

	nd_diag_init(d);
	assert_int_equal(nd_readstate_load(rs, mode, d), 0);
	return rs;
}

static void test_round_trip(void **state)
{
	struct nd_index *idx = fixture_index(docs, ARRAY_LEN(docs));
	struct nd_diag d;
	struct nd_readstate *rs = load(ND_READSTATE_WRITABLE, &d);
	char *text;

	(void)state;
	assert_int_equal(d.count, 0);
	assert_int_equal(count_files("read"), 1); /* the lock, no file yet */
	assert_int_equal(nd_readstate_set(rs, idx, 0, 1), 1);
	assert_int_equal(nd_readstate_set(rs, idx, 0, 1), 0);
	assert_int_equal(nd_readstate_set(rs, idx, 2, 1), 1);
	assert_int_equal(nd_readstate_set(rs, idx, 3, 1), 1);
	assert_int_equal(nd_readstate_set(rs, idx, 1, 0), 0);
	assert_true(idx->items[0].read && !idx->items[1].read);
	assert_int_equal(nd_readstate_pending(rs), 3);
	assert_int_equal(nd_readstate_save(rs, &d), 0);
	assert_int_equal(nd_readstate_pending(rs), 0);
	text = slurp(path);
	assert_string_equal(text, "newsdesk-read 1\nu\thttps://w.example/a\n"
			    "p\t002.md\nu\thttps://w.example/d\\x09tab\\x5cx\n");
	free(text);
	/* Atomic: the temporary file was renamed, none is left. */
	assert_int_equal(count_files("read."), 1); /* read.lock */
	nd_readstate_free(rs);
	nd_diag_release(&d);

	rs = load(ND_READSTATE_READONLY, &d);
	assert_int_equal(nd_readstate_count(rs), 3);
	idx->items[0].read = 0;
	nd_readstate_apply(rs, idx);
	assert_true(idx->items[0].read && !idx->items[1].read &&
		    idx->items[2].read && idx->items[3].read);
	nd_readstate_free(rs);
	nd_diag_release(&d);
	nd_index_free(idx);
}

/* The same article under another path (moved, regenerated) keeps its
 * state through its URL; one known by its path only does not. */
static void test_moved_keeps_state(void **state)
{
	static const char *const moved[] = {
		"---\ntitle: X\n---\n",
		"---\ntitle: A again\nwebUrl: https://w.example/a\n---\n",
		"---\ntitle: B again\noriginalUrl: https://o.example/b\n---\n",
	};
	struct nd_index *idx = fixture_index(docs, ARRAY_LEN(docs)), *idx2;
	struct nd_diag d;
	struct nd_readstate *rs = load(ND_READSTATE_WRITABLE, &d);

	(void)state;
	nd_readstate_set(rs, idx, 0, 1);
	nd_readstate_set(rs, idx, 1, 1);
	nd_readstate_set(rs, idx, 2, 1); /* p 002.md */
	assert_int_equal(nd_readstate_save(rs, &d), 0);
	nd_readstate_free(rs);
	rs = load(ND_READSTATE_READONLY, &d);
	idx2 = fixture_index(moved, ARRAY_LEN(moved));
	nd_readstate_apply(rs, idx2);
	assert_false(idx2->items[0].read);
	assert_true(idx2->items[1].read && idx2->items[2].read);
	assert_true(nd_readstate_is_read(rs, idx2, 1));
	assert_false(nd_readstate_is_read(rs, idx2, 0));
	nd_readstate_free(rs);
	nd_diag_release(&d);
	nd_index_free(idx);
	nd_index_free(idx2);
}

static void test_mark_many_and_undo(void **state)
{
	struct nd_index *idx = fixture_index(docs, ARRAY_LEN(docs));
	static const uint32_t all[] = { 0, 1, 2, 3 };
	struct nd_diag d;
	struct nd_readstate *rs = load(ND_READSTATE_WRITABLE, &d);
	uint32_t *changed, *again;

	(void)state;
	nd_readstate_set(rs, idx, 1, 1);
	assert_int_equal(nd_readstate_mark(rs, idx, all, 4, 1, &changed), 3);
	assert_int_equal(changed[0], 0);
	assert_int_equal(changed[1], 2);
	assert_int_equal(changed[2], 3);
	assert_int_equal(nd_readstate_mark(rs, idx, changed, 3, 0, &again), 3);
	assert_true(!idx->items[0].read && idx->items[1].read &&
		    !idx->items[2].read && !idx->items[3].read);
	free(again);
	assert_int_equal(nd_readstate_mark(rs, idx, all, 0, 1, &again), 0);
	assert_null(again);
	free(changed);
	nd_readstate_free(rs);
	nd_diag_release(&d);
	nd_index_free(idx);
}

/* Two desks: each saves only its own changes into the file as it is. */
static void test_two_writers_merge(void **state)
{
	struct nd_index *idx = fixture_index(docs, ARRAY_LEN(docs));
	struct nd_diag d;
	struct nd_readstate *a, *b;

	(void)state;
	a = load(ND_READSTATE_WRITABLE, &d);
	nd_readstate_set(a, idx, 3, 1);
	assert_int_equal(nd_readstate_save(a, &d), 0);
	b = load(ND_READSTATE_WRITABLE, &d);
	nd_readstate_set(a, idx, 0, 1);
	nd_readstate_set(b, idx, 1, 1);
	nd_readstate_set(b, idx, 3, 0); /* b unmarks what a marked */
	assert_int_equal(nd_readstate_save(a, &d), 0);
	assert_int_equal(nd_readstate_save(b, &d), 0);
	/* b now also holds a's mark. */
	assert_int_equal(nd_readstate_count(b), 2);
	nd_readstate_free(a);
	a = load(ND_READSTATE_READONLY, &d);
	nd_readstate_apply(a, idx);
	assert_true(idx->items[0].read && idx->items[1].read &&
		    !idx->items[3].read);
	assert_int_equal(d.count, 0);
	nd_readstate_free(a);
	nd_readstate_free(b);
	nd_diag_release(&d);
	nd_index_free(idx);
}

/* Two processes saving 40 times each, under the lock: nothing is lost. */
static void writer(const struct nd_index *tmpl, int who)
{
	struct nd_index *idx = fixture_index(docs, ARRAY_LEN(docs));
	struct nd_readstate *rs = nd_readstate_new(path);
	struct nd_diag d;
	char u[64];
	int i;

	(void)tmpl;
	nd_diag_init(&d);
	for (i = 0; i < 40; i++) {
		snprintf(u, sizeof(u), "https://w.example/%d-%d", who, i);
		idx->items[0].web_url = u;
		idx->items[0].web_url_len = (uint32_t)strlen(u);
		nd_readstate_set(rs, idx, 0, 1);
		if (nd_readstate_save(rs, &d) != 0)
			_exit(1);
	}
	idx->items[0].web_url = NULL;
	nd_readstate_free(rs);
	nd_diag_release(&d);
	nd_index_free(idx);
}

static void test_concurrent_processes(void **state)
{
	struct nd_diag d;
	struct nd_readstate *rs;
	pid_t pid;
	int status;

	(void)state;
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		writer(NULL, 1);
		_exit(0);
	}
	writer(NULL, 2);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	rs = load(ND_READSTATE_READONLY, &d);
	assert_int_equal(nd_readstate_count(rs), 80);
	nd_readstate_free(rs);
	nd_diag_release(&d);
}

static const char corrupt[] =
	"newsdesk-read 1\n"
	"u\thttps://w.example/a\n"
	"x\tgarbage\n"
	"u\thttps://bad.example/\\xZZ\n"
	"p\t002.md\n"
	"u\tcut off";

static void test_corrupt_read_only(void **state)
{
	struct nd_diag d;
	struct nd_readstate *rs;
	char *text;

	(void)state;
	rs = nd_readstate_new(path);
	nd_diag_init(&d);
	assert_int_equal(nd_readstate_load(rs, ND_READSTATE_READONLY, &d), 0);
	assert_int_equal(count_files(""), -1); /* nothing created */
	nd_readstate_free(rs);
	nd_diag_release(&d);

	make_state_dir();
	put(path, corrupt);
	rs = load(ND_READSTATE_READONLY, &d);
	assert_int_equal(nd_readstate_count(rs), 2);
	assert_int_equal(d.count, 4);
	assert_int_equal(d.items[0].line, 3);
	assert_int_equal(d.items[1].line, 4);
	assert_int_equal(d.items[2].line, 6);
	assert_string_equal(d.items[2].message, "the last line is cut off");
	assert_string_equal(d.items[0].path, path);
	text = slurp(path); /* untouched */
	assert_string_equal(text, corrupt);
	free(text);
	assert_int_equal(count_files("read."), 0);
	nd_readstate_free(rs);
	nd_diag_release(&d);
}

/* A writable load sets the file aside, keeps the good lines, says so. */
static void test_corrupt_set_aside(void **state)
{
	struct nd_diag d;
	struct nd_readstate *rs;
	char *text;

	(void)state;
	make_state_dir();
	put(path, corrupt);
	rs = load(ND_READSTATE_WRITABLE, &d);
	assert_int_equal(nd_readstate_count(rs), 2);
	assert_int_equal(d.count, 4);
	assert_int_equal(d.items[3].severity, ND_WARNING);
	assert_non_null(strstr(d.items[3].message, "set aside as"));
	assert_non_null(strstr(d.items[3].message, ".corrupt-"));
	assert_int_equal(count_files("read.corrupt-"), 1);
	text = slurp(path);
	assert_string_equal(text, "newsdesk-read 1\nu\thttps://w.example/a\n"
			    "p\t002.md\n");
	free(text);
	nd_readstate_free(rs);
	nd_diag_release(&d);
	/* Clean now: a second load is quiet. */
	rs = load(ND_READSTATE_WRITABLE, &d);
	assert_int_equal(d.count, 0);
	nd_readstate_free(rs);
	nd_diag_release(&d);
}

static void test_not_a_state_file(void **state)
{
	struct nd_diag d;
	struct nd_readstate *rs;

	(void)state;
	make_state_dir();
	put(path, "p\tx.md\n");
	rs = load(ND_READSTATE_READONLY, &d);
	assert_int_equal(d.items[0].line, 1);
	assert_non_null(strstr(d.items[0].message, "not a read state file"));
	nd_readstate_free(rs);
	nd_diag_release(&d);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* 100,000 articles: the figures go to stderr for the record (speed is
 * never asserted in a test). */
static void test_100k(void **state)
{
	enum { N = 100000 };
	struct nd_index *idx = fixture_index(docs, 1);
	struct nd_readstate *rs;
	struct nd_diag d;
	struct nd_buf urls = ND_BUF_INIT;
	size_t i;
	double t0, t1, t2, t3;

	(void)state;
	for (i = 0; i < N; i++)
		nd_buf_addf(&urls, "https://news.example.org/2024/%zu/story",
			    i * 7919);
	rs = load(ND_READSTATE_WRITABLE, &d);
	t0 = now();
	for (i = 0; i < N; i++) {
		char u[64];

		snprintf(u, sizeof(u), "https://news.example.org/2024/%zu/story",
			 i * 7919);
		idx->items[0].web_url = u;
		idx->items[0].web_url_len = (uint32_t)strlen(u);
		nd_readstate_set(rs, idx, 0, 1);
	}
	idx->items[0].web_url = NULL;
	idx->items[0].web_url_len = 0;
	t1 = now();
	assert_int_equal(nd_readstate_save(rs, &d), 0);
	t2 = now();
	nd_readstate_free(rs);
	rs = load(ND_READSTATE_READONLY, &d);
	t3 = now();
	assert_int_equal(nd_readstate_count(rs), N);
	fprintf(stderr, "readstate 100k: mark %.1f ms, save %.1f ms, "
		"load %.1f ms\n", (t1 - t0) * 1e3, (t2 - t1) * 1e3,
		(t3 - t2) * 1e3);
	nd_readstate_free(rs);
	nd_diag_release(&d);
	nd_buf_release(&urls);
	nd_index_free(idx);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_identity),
		T(test_round_trip),
		T(test_moved_keeps_state),
		T(test_mark_many_and_undo),
		T(test_two_writers_merge),
		T(test_concurrent_processes),
		T(test_corrupt_read_only),
		T(test_corrupt_set_aside),
		T(test_not_a_state_file),
		T(test_100k),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* The persistent index: a warm load equals a cold one, every change to a
 * file is seen, and no damaged cache is trusted. */
#include "test.h"

#include "newsdesk/base/fileio.h"
#include "newsdesk/model/article.h"
#include "newsdesk/model/icache.h"
#include "newsdesk/model/loader.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char root[64], cache[64];

/* Racy-clean guard: files changed in the last 100 ms are not cached. */
static void settle(void)
{
	struct timespec ts = { 0, 150 * 1000000L };

	nanosleep(&ts, NULL);
}

static void write_file(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
}

static void put(const char *rel, const char *text)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	write_file(path, text, strlen(text));
}

static void make_parents(const char *path)
{
	char p[512];
	char *s;

	snprintf(p, sizeof(p), "%s", path);
	for (s = p + strlen(root) + 1; *s != '\0'; s++) {
		if (*s == '/') {
			*s = '\0';
			mkdir(p, 0755);
			*s = '/';
		}
	}
}

/* Copies every file below src into root, keeping the tree. */
static void copy_tree(const char *src, const char *prefix)
{
	struct nd_diag d;
	struct nd_err err;
	char **paths, *data, dst[512];
	size_t n, i, size, skipped, sl = strlen(src);

	nd_diag_init(&d);
	assert_int_equal(nd_loader_walk(src, NULL, &paths, &n, &d, &skipped),
			 0);
	for (i = 0; i < n; i++) {
		if (nd_read_file(paths[i], ND_MAX_FILE_BYTES, &data, &size,
				 &err) != 0)
			continue;
		snprintf(dst, sizeof(dst), "%s/%s%s", root, prefix,
			 paths[i] + sl);
		make_parents(dst);
		write_file(dst, data, size);
		free(data);
	}
	nd_loader_walk_free(paths, n);
	nd_diag_release(&d);
}

static void rm_tree(const char *dir)
{
	char **paths;
	size_t n, i, skipped;
	struct nd_diag d;

	nd_diag_init(&d);
	if (nd_loader_walk(dir, NULL, &paths, &n, &d, &skipped) == 0) {
		for (i = 0; i < n; i++)
			unlink(paths[i]);
		nd_loader_walk_free(paths, n);
	}
	nd_diag_release(&d);
}

static int setup(void **state)
{
	char many[96];
	int i;

	(void)state;
	snprintf(root, sizeof(root), "/tmp/nd-icache-XXXXXX");
	snprintf(cache, sizeof(cache), "/tmp/nd-icache-c-XXXXXX");
	if (mkdtemp(root) == NULL || mkdtemp(cache) == NULL)
		return -1;
	copy_tree(SAMPLES, "s");
	copy_tree(FIXTURES "/hostile", "h");
	/* Enough files for the thread pool to start. */
	snprintf(many, sizeof(many), "%s/m", root);
	mkdir(many, 0755);
	for (i = 0; i < 300; i++) {
		char rel[32], text[160];

		snprintf(rel, sizeof(rel), "m/%03d.md", i);
		snprintf(text, sizeof(text),
			 "---\ntitle: T%d\nquality: %s\ntopics: [a, b%d]\n"
			 "published: %s\n---\nbody\n",
			 i, i % 7 ? "5" : "high", i % 3,
			 i % 11 ? "true" : "yes");
		put(rel, text);
	}
	settle();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	rm_tree(root);
	rm_tree(cache);
	return 0;
}

struct result {
	struct nd_index *idx;
	struct nd_diag diag;
	struct nd_load_stats st;
};

static void load(struct result *r, int no_cache, unsigned threads)
{
	struct nd_load_opts o;

	memset(&o, 0, sizeof(o));
	o.cache_dir = cache;
	o.no_cache = no_cache;
	o.threads = threads;
	nd_diag_init(&r->diag);
	assert_int_equal(nd_loader_load(root, &o, &r->idx, &r->diag, &r->st),
			 0);
}

static void release(struct result *r)
{
	nd_index_free(r->idx);
	nd_diag_release(&r->diag);
}

static void same_str(const struct nd_index *a, uint32_t x,
		     const struct nd_index *b, uint32_t y)
{
	size_t la, lb;
	const char *sa = nd_index_str(a, x, &la), *sb = nd_index_str(b, y, &lb);

	assert_int_equal(x != 0, y != 0);
	assert_int_equal(la, lb);
	assert_memory_equal(sa, sb, la);
}

static void same_summary(const struct nd_index *a, const struct nd_index *b,
			 size_t i)
{
	const struct nd_summary *x = nd_index_get(a, i), *y = nd_index_get(b, i);
	size_t t;

	assert_string_equal(x->path, y->path);
	assert_int_equal(x->rel_at, y->rel_at);
	assert_int_equal(x->title_len, y->title_len);
	assert_memory_equal(x->title, y->title, x->title_len);
	assert_int_equal(x->excerpt_len, y->excerpt_len);
	assert_memory_equal(x->excerpt, y->excerpt, x->excerpt_len);
	assert_int_equal(x->web_url_len, y->web_url_len);
	assert_memory_equal(x->web_url, y->web_url, x->web_url_len);
	assert_int_equal(x->original_url_len, y->original_url_len);
	assert_memory_equal(x->original_url, y->original_url,
			    x->original_url_len);
	assert_int_equal(x->date, y->date);
	assert_int_equal(x->quality, y->quality);
	assert_int_equal(x->heat, y->heat);
	same_str(a, x->provider, b, y->provider);
	same_str(a, x->domain, b, y->domain);
	same_str(a, x->category, b, y->category);
	same_str(a, x->type, b, y->type);
	assert_int_equal(x->ntopics, y->ntopics);
	for (t = 0; t < x->ntopics; t++)
		same_str(a, a->topics[x->topics_at + t], b,
			 b->topics[y->topics_at + t]);
	assert_int_equal(x->nrelated, y->nrelated);
	assert_int_equal(x->published, y->published);
	assert_int_equal(x->warnings, y->warnings);
	assert_int_equal(x->removed, y->removed);
}

static void same_result(const struct result *a, const struct result *b)
{
	size_t i;

	assert_int_equal(a->idx->count, b->idx->count);
	for (i = 0; i < a->idx->count; i++)
		same_summary(a->idx, b->idx, i);
	assert_int_equal(a->diag.count, b->diag.count);
	assert_int_equal(a->diag.errors, b->diag.errors);
	for (i = 0; i < a->diag.count; i++) {
		const struct nd_problem *p = &a->diag.items[i];
		const struct nd_problem *q = &b->diag.items[i];

		assert_string_equal(p->path, q->path);
		assert_int_equal(p->line, q->line);
		assert_int_equal(p->col, q->col);
		assert_int_equal(p->severity, q->severity);
		assert_string_equal(p->message, q->message);
	}
	assert_int_equal(a->st.files, b->st.files);
	assert_int_equal(a->st.loaded, b->st.loaded);
	assert_int_equal(a->st.failed, b->st.failed);
	assert_int_equal(a->st.skipped, b->st.skipped);
	assert_int_equal(a->st.bytes, b->st.bytes);
}

/* Loads warm and compares with a cold load; returns the warm stats. */
static struct nd_load_stats check_warm(void)
{
	struct result cold, warm;
	struct nd_load_stats st;

	load(&warm, 0, 0);
	load(&cold, 1, 0);
	assert_int_equal(cold.st.cached, 0);
	same_result(&cold, &warm);
	st = warm.st;
	release(&cold);
	release(&warm);
	return st;
}

static void test_warm_equals_cold(void **state)
{
	struct nd_load_stats st;
	struct result one;

	(void)state;
	load(&one, 0, 1); /* writes the cache */
	release(&one);
	st = check_warm();
	assert_int_equal(st.cached, st.files);
	assert_int_equal(st.cache_written, 0);
	assert_string_equal(st.cache_note, "");
	/* Any number of threads, the same. */
	load(&one, 0, 3);
	assert_int_equal(one.st.cached, one.st.files);
	release(&one);
}

/* Two calls may share one expression (a rename): two buffers. */
static char *at(const char *rel)
{
	static char path[2][512];
	static int k;

	k = !k;
	snprintf(path[k], sizeof(path[k]), "%s/%s", root, rel);
	return path[k];
}

/* Loads warm after a change: changed files counted by what was parsed. */
static void expect_parsed(size_t parsed)
{
	struct nd_load_stats st = check_warm();

	assert_int_equal(st.files - st.cached, parsed);
	st = check_warm(); /* and the rewritten cache serves it all */
	assert_int_equal(st.cached, st.files);
}

static void test_touch_edit_delete_add_rename(void **state)
{
	struct timespec times[2] = { { 0, UTIME_NOW }, { 0, UTIME_NOW } };

	(void)state;
	check_warm();
	assert_int_equal(utimensat(AT_FDCWD, at("m/001.md"), times, 0), 0);
	settle();
	expect_parsed(1);
	put("m/002.md", "---\ntitle: Edited\n---\n");
	settle();
	expect_parsed(1);
	assert_int_equal(unlink(at("m/003.md")), 0);
	expect_parsed(0);
	put("m/new.md", "---\ntitle: New\nheat: zzz\n---\n");
	settle();
	expect_parsed(1);
	assert_int_equal(rename(at("m/004.md"), at("m/zz-renamed.md")), 0);
	settle();
	expect_parsed(1);
}

/* Same size, same mtime, new inode (and ctime): still seen. */
static void test_same_size_same_mtime(void **state)
{
	struct stat st;
	struct timespec times[2];
	struct result r;
	long id;

	(void)state;
	put("m/010.md", "---\ntitle: AAAA\n---\n");
	settle();
	check_warm();
	assert_int_equal(stat(at("m/010.md"), &st), 0);
	put("m/010.tmp-new", "---\ntitle: BBBB\n---\n");
	times[0] = st.st_atim;
	times[1] = st.st_mtim;
	assert_int_equal(utimensat(AT_FDCWD, at("m/010.tmp-new"), times, 0), 0);
	assert_int_equal(rename(at("m/010.tmp-new"), at("m/010.md")), 0);
	settle();
	expect_parsed(1);
	load(&r, 0, 0);
	id = nd_index_find_path(r.idx, at("m/010.md"));
	assert_true(id >= 0);
	assert_string_equal(nd_index_get(r.idx, (size_t)id)->title, "BBBB");
	release(&r);
}

static char *cache_file(void)
{
	char *real = realpath(root, NULL), *f;

	assert_non_null(real);
	f = nd_icache_file(cache, real);
	free(real);
	return f;
}

/* Damages the cache with fn, checks it is refused for why, rebuilt. */
static void damaged(void (*fn)(const char *file), const char *why)
{
	char *file = cache_file();
	struct nd_load_stats st;

	check_warm();
	fn(file);
	st = check_warm();
	assert_int_equal(st.cached, 0);
	assert_int_equal(st.cache_written, 1);
	assert_non_null(strstr(st.cache_note, why));
	st = check_warm();
	assert_int_equal(st.cached, st.files);
	free(file);
}

static void patch(const char *file, long off, const void *bytes, size_t n)
{
	int fd = open(file, O_RDWR);

	assert_true(fd >= 0);
	if (off < 0)
		off += lseek(fd, 0, SEEK_END);
	assert_int_equal(pwrite(fd, bytes, n, off), (ssize_t)n);
	close(fd);
}

static void truncate_half(const char *file)
{
	struct stat st;

	assert_int_equal(stat(file, &st), 0);
	assert_int_equal(truncate(file, st.st_size / 2), 0);
}

static void flip_byte(const char *file)
{
	patch(file, -100, "\xff\x00\xff", 3);
}

static void bump_version(const char *file)
{
	uint32_t v = ND_ICACHE_VERSION + 1;

	patch(file, 8, &v, 4);
}

static void swap_endian(const char *file)
{
	uint32_t v = 0x04030201u;

	patch(file, 12, &v, 4);
}

static void garbage(const char *file)
{
	write_file(file, "not a cache at all, but long enough to have a "
			 "header's worth of bytes in it, surely",
		   80);
}

static void test_damaged_caches(void **state)
{
	(void)state;
	damaged(truncate_half, "truncated");
	damaged(flip_byte, "checksum");
	damaged(bump_version, "version");
	damaged(swap_endian, "byte order");
	damaged(garbage, "not a newsdesk index cache");
}

static void test_no_cache_writes_nothing(void **state)
{
	char dir[96];
	struct nd_load_opts o;
	struct nd_index *idx;
	struct nd_diag d;
	struct nd_load_stats st;
	struct stat sb;

	(void)state;
	snprintf(dir, sizeof(dir), "%s/never", cache);
	memset(&o, 0, sizeof(o));
	o.cache_dir = dir;
	o.no_cache = 1;
	nd_diag_init(&d);
	assert_int_equal(nd_loader_load(root, &o, &idx, &d, &st), 0);
	assert_int_equal(st.cached, 0);
	assert_int_equal(st.cache_written, 0);
	assert_int_equal(stat(dir, &sb), -1);
	assert_int_equal(errno, ENOENT);
	nd_index_free(idx);
	nd_diag_release(&d);
	/* And without any directory (the library's default): none. */
	nd_diag_init(&d);
	assert_int_equal(nd_loader_load(root, NULL, &idx, &d, &st), 0);
	assert_int_equal(st.cache_written, 0);
	nd_index_free(idx);
	nd_diag_release(&d);
}

/* Processes that load and rewrite the same cache at once never leave a
 * cache that is refused or wrong. */
static void test_concurrent_writers(void **state)
{
	char rel[32];
	pid_t kids[4];
	int i, k, status;
	struct result r;

	(void)state;
	for (k = 0; k < 4; k++) {
		kids[k] = fork();
		assert_true(kids[k] >= 0);
		if (kids[k] != 0)
			continue;
		for (i = 0; i < 4; i++) {
			snprintf(rel, sizeof(rel), "m/k%d.md", k);
			put(rel, i % 2 ? "---\ntitle: odd\n---\n"
				       : "---\ntitle: even!\n---\n");
			load(&r, 0, 1);
			release(&r);
		}
		_exit(0);
	}
	for (k = 0; k < 4; k++) {
		assert_int_equal(waitpid(kids[k], &status, 0), kids[k]);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	settle();
	load(&r, 0, 0);
	assert_string_equal(r.st.cache_note, "");
	release(&r);
	expect_parsed(0);
}

/* Files the event-stream summary must judge as the full reader does:
 * kept when clean, handed over when not. */
static const char *const tricky[] = {
	"---\ntitle: ''\nprovider: ~\ntopics: ~\nrelated: []\n---\n",
	"---\ntitle: \"a\\0b\"\ntopics: [\"x\\0y\", ~, z]\n---\n",
	"---\nprovider: PC Gamer\ntopics: AI\n---\n",
	"---\nprovider: {name: N, domain: d.example, images: [{url: u}]}\n---\n",
	"---\nprovider: [a]\n---\n",
	"---\nimages: x\n---\n",
	"---\nimages: [x]\n---\n",
	"---\nimages: [{url: u, width: 3.0, height: '4', isCached: yes}]\n---\n",
	"---\nrelated: [{title: [t]}]\n---\n",
	"---\nrelated: [{title: t, quality: high, extra: {a: [1, 2]}}]\n---\n",
	"---\nrelated: [{provider: {name: [x]}}]\n---\n",
	"---\nrelated: [{publishedDateTime: yesterday}]\n---\n",
	"---\nrelated:\n  - title: a\n    title: b\n---\n",
	"---\nrelated: [x, {a: 1}]\n---\n",
	"---\nheat: -1\nquality: 1e3\npublished: False\n---\n",
	"---\nheat: '5'\n---\n",
	"---\npublished: \"true\"\n---\n",
	"---\npublished: on\n---\n",
	"---\ntopics: [[a]]\n---\n",
	"---\ntopics: {a: b}\n---\n",
	"---\ntitle: &a x\nexcerpt: *a\n---\n",
	"---\nunknown: {deep: {deeper: [1, {x: y}]}}\ntitle: ok\n---\n",
	"---\n? [a]\n: b\n---\n",
	"---\npublishedDateTime: 2023-04-05T06:07:08Z\nsecured: {a: b}\n---\n",
	"---\ncategory: !!str 5\ntype: \"\"\n---\n",
	"---\n- a\n---\n",
	"---\n---\n",
	"---\ntitle: x\n",
	"---\ntitle: [unclosed\n---\n",
	"---\ntitle:\tx\n---\n",
	"---\ntitle: \"\\u0001\\u202e\"\n---\n",
	"\xef\xbb\xbf---\r\ntitle: crlf\r\n---\r\n",
};

/* A reference index, one nd_article_load per file in path order. */
static void load_reference(struct result *r)
{
	char **paths;
	size_t n, i, first;
	struct nd_article *a;

	memset(&r->st, 0, sizeof(r->st));
	nd_diag_init(&r->diag);
	assert_int_equal(nd_loader_walk(root, NULL, &paths, &n, &r->diag,
					&r->st.skipped), 0);
	r->idx = nd_index_new(root);
	r->st.files = n;
	for (i = 0; i < n; i++) {
		first = r->diag.count;
		if (nd_article_load(paths[i], &a, &r->diag) != 0) {
			r->st.failed++;
			continue;
		}
		r->st.loaded++;
		r->st.bytes += a->size;
		nd_index_add(r->idx, a, strlen(root) + 1,
			     (unsigned)(r->diag.count - first));
		nd_article_free(a);
	}
	nd_loader_walk_free(paths, n);
}

static void test_fast_path_equals_full_reader(void **state)
{
	struct result ref, got;
	char rel[32], dir[96];
	size_t i;

	(void)state;
	snprintf(dir, sizeof(dir), "%s/t", root);
	mkdir(dir, 0755);
	for (i = 0; i < ARRAY_LEN(tricky); i++) {
		snprintf(rel, sizeof(rel), "t/%02zu.md", i);
		put(rel, tricky[i]);
	}
	load_reference(&ref);
	load(&got, 1, 2);
	same_result(&ref, &got);
	release(&got);
	load(&got, 1, 1);
	same_result(&ref, &got);
	release(&got);
	release(&ref);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fast_path_equals_full_reader),
		cmocka_unit_test(test_warm_equals_cold),
		cmocka_unit_test(test_touch_edit_delete_add_rename),
		cmocka_unit_test(test_same_size_same_mtime),
		cmocka_unit_test(test_damaged_caches),
		cmocka_unit_test(test_no_cache_writes_nothing),
		cmocka_unit_test(test_concurrent_writers),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

#include "test.h"

#include "newsdesk/model/loader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static char root[64];

static void write_at(const char *dir, const char *rel, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void put(const char *rel, const char *text)
{
	write_at(root, rel, text);
}

static void sub(const char *rel)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	assert_int_equal(mkdir(path, 0755), 0);
}

static int setup(void **state)
{
	char path[256];

	(void)state;
	snprintf(root, sizeof(root), "/tmp/nd-loader-XXXXXX");
	assert_non_null(mkdtemp(root));
	sub("b");
	sub("b/deep");
	sub(".hidden");
	put("a.md", "---\ntitle: A\npublished: true\n---\n");
	put("b/c.md", "---\ntitle: C\nquality: x\n---\n");
	put("b/deep/d.md", "---\ntitle: D\n---\n");
	put("b/broken.md", "---\ntitle: [\n---\n");
	put(".keep", "");
	put(".hidden/e.md", "---\ntitle: E\n---\n");
	snprintf(path, sizeof(path), "%s/b/loop", root);
	assert_int_equal(symlink("..", path), 0);
	snprintf(path, sizeof(path), "%s/dangling.md", root);
	assert_int_equal(symlink("nowhere.md", path), 0);
	snprintf(path, sizeof(path), "%s/fifo.md", root);
	assert_int_equal(mkfifo(path, 0600), 0);
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	return system(cmd) == 0 ? 0 : -1;
}

static int has_problem(const struct nd_diag *d, const char *file,
		       const char *needle)
{
	size_t i;

	for (i = 0; i < d->count; i++) {
		if (strstr(d->items[i].path, file) != NULL &&
		    strstr(d->items[i].message, needle) != NULL)
			return 1;
	}
	return 0;
}

static void test_load_tree(void **state)
{
	struct nd_load_opts opts = { .threads = 2 };
	struct nd_load_stats st;
	struct nd_index *idx;
	struct nd_diag d;
	char path[256];

	(void)state;
	nd_diag_init(&d);
	assert_int_equal(nd_loader_load(root, &opts, &idx, &d, &st), 0);
	assert_int_equal(st.files, 4);
	assert_int_equal(st.loaded, 3);
	assert_int_equal(st.failed, 1);
	assert_int_equal(st.skipped, 3);
	assert_int_equal(idx->count, 3);
	/* ids follow path order: a.md, b/c.md, b/deep/d.md */
	assert_memory_equal(idx->items[0].title, "A", 1);
	assert_memory_equal(idx->items[1].title, "C", 1);
	assert_string_equal(idx->items[2].path + idx->items[2].rel_at,
			    "b/deep/d.md");
	assert_int_equal(idx->items[1].warnings, 1);
	assert_true(has_problem(&d, "broken.md", "did not find expected"));
	assert_true(has_problem(&d, "c.md", "should be a number"));
	assert_true(has_problem(&d, "loop", "already visited"));
	assert_true(has_problem(&d, "dangling.md", "broken symbolic link"));
	assert_true(has_problem(&d, "fifo.md", "FIFO"));
	snprintf(path, sizeof(path), "%s/b/c.md", root);
	assert_int_equal(nd_index_find_path(idx, path), 1);
	assert_int_equal(nd_index_find_path(idx, "/nope"), -1);
	nd_index_free(idx);
	nd_diag_release(&d);
}

static void test_same_result_any_threads(void **state)
{
	struct nd_load_opts one = { .threads = 1 }, many = { .threads = 4 };
	struct nd_index *a, *b;
	struct nd_diag d1, d2;
	size_t i;

	(void)state;
	nd_diag_init(&d1);
	nd_diag_init(&d2);
	assert_int_equal(nd_loader_load(root, &one, &a, &d1, NULL), 0);
	assert_int_equal(nd_loader_load(root, &many, &b, &d2, NULL), 0);
	assert_int_equal(a->count, b->count);
	for (i = 0; i < a->count; i++)
		assert_string_equal(a->items[i].path, b->items[i].path);
	assert_int_equal(d1.count, d2.count);
	for (i = 0; i < d1.count; i++)
		assert_string_equal(d1.items[i].message, d2.items[i].message);
	nd_index_free(a);
	nd_index_free(b);
	nd_diag_release(&d1);
	nd_diag_release(&d2);
}

static void test_missing_root(void **state)
{
	struct nd_index *idx;
	struct nd_diag d;

	(void)state;
	nd_diag_init(&d);
	assert_int_equal(nd_loader_load("/nonexistent/dir", NULL, &idx, &d, NULL), -1);
	assert_null(idx);
	assert_non_null(strstr(d.items[0].message, "cannot open"));
	nd_diag_release(&d);
}

static void test_single_file_root(void **state)
{
	struct nd_index *idx;
	struct nd_diag d;
	char path[256];

	(void)state;
	snprintf(path, sizeof(path), "%s/a.md", root);
	nd_diag_init(&d);
	assert_int_equal(nd_loader_load(path, NULL, &idx, &d, NULL), 0);
	assert_int_equal(idx->count, 1);
	assert_string_equal(idx->items[0].path + idx->items[0].rel_at, "a.md");
	nd_index_free(idx);
	nd_diag_release(&d);
}

static void test_samples(void **state)
{
	struct nd_load_stats st;
	struct nd_index *idx;
	struct nd_diag d;

	(void)state;
	nd_diag_init(&d);
	assert_int_equal(nd_loader_load(SAMPLES, NULL, &idx, &d, &st), 0);
	assert_int_equal(d.count, 0);
	assert_true(idx->count >= 40);
	assert_int_equal(st.failed, 0);
	/* every article is found by its own URL through the table */
	{
		size_t i;

		assert_true(idx->urls_cap > 0);
		for (i = 0; i < idx->count; i++)
			assert_int_equal(nd_index_find_url(idx,
				idx->items[i].web_url,
				idx->items[i].web_url_len), (long)i);
		assert_int_equal(nd_index_find_url(idx, "https://nope", 12),
				 -1);
		assert_int_equal(nd_index_find_url(idx, "", 0), -1);
	}
	nd_index_free(idx);
	nd_diag_release(&d);
}

/* More files than the loader's window, every third one broken: each good
 * file lands once, in order, whatever the thread count. */
static void test_many_files_mixed(void **state)
{
	unsigned threads[] = { 1, 2, 3 };
	char dir[] = "/tmp/nd-many-XXXXXX", path[128], want[32], cmd[64];
	struct nd_load_opts opts;
	struct nd_index *idx;
	struct nd_diag d;
	size_t i, t, k;
	FILE *f;

	(void)state;
	memset(&opts, 0, sizeof(opts));
	assert_non_null(mkdtemp(dir));
	for (i = 0; i < 3000; i++) {
		snprintf(path, sizeof(path), "%s/%05zu.md", dir, i);
		f = fopen(path, "w");
		assert_non_null(f);
		if (i % 3 == 2)
			fputs("no front matter\n", f);
		else
			fprintf(f, "---\ntitle: t%05zu\n---\n", i);
		fclose(f);
	}
	for (t = 0; t < ARRAY_LEN(threads); t++) {
		opts.threads = threads[t];
		nd_diag_init(&d);
		assert_int_equal(nd_loader_load(dir, &opts, &idx, &d, NULL), 0);
		assert_int_equal(idx->count, 2000);
		assert_int_equal(d.count, 1000);
		for (i = 0, k = 0; i < 3000; i++) {
			if (i % 3 == 2)
				continue;
			snprintf(want, sizeof(want), "t%05zu", i);
			assert_int_equal(idx->items[k].title_len, 6);
			assert_memory_equal(idx->items[k].title, want, 6);
			k++;
		}
		nd_index_free(idx);
		nd_diag_release(&d);
	}
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* A tree of its own: base/news is the root, base/outside a directory a
 * link leads to, base/elsewhere.md a file a link leads to. */
static char base[64];

static void put_in(const char *rel, const char *text)
{
	write_at(base, rel, text);
}

static void link_in(const char *target, const char *rel)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", base, rel);
	assert_int_equal(symlink(target, path), 0);
}

static void dir_in(const char *rel)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", base, rel);
	assert_int_equal(mkdir(path, 0755), 0);
}

/* Names an editor, patch or our own writer leaves beside an article: each
 * holds a good article, so only the name can keep it out of the index. */
static const char *const leftovers[] = {
	"x.md~", "#x.md#", "4913", "x.md.orig", "x.md.rej", "x.md.bak",
	"x.md.tmp", "x.md.swp", "x.md.swo", "X.MD.BAK", ".x.md.swp",
	"x.md.newsdesk-tmp", ".x.md.newsdesk-tmp",
	".x.md.Ab3dE9.newsdesk-tmp",
};

static void make_link_tree(void)
{
	char path[256];
	size_t i;

	snprintf(base, sizeof(base), "/tmp/nd-walk-XXXXXX");
	assert_non_null(mkdtemp(base));
	dir_in("news");
	dir_in("news/in");
	dir_in("news/.store");
	dir_in("news/.other");
	dir_in("outside");
	put_in("news/a.md", "---\ntitle: A\n---\n");
	put_in("news/y.bak.md", "---\ntitle: Y\n---\n");
	put_in("news/in/b.md", "---\ntitle: B\n---\n");
	put_in("news/.store/c.md", "---\ntitle: C\n---\n");
	put_in("news/.other/d.md", "---\ntitle: D\n---\n");
	put_in("outside/o.md", "---\ntitle: O\n---\n");
	put_in("elsewhere.md", "---\ntitle: F\n---\n");
	link_in(".store", "news/shelf");
	snprintf(path, sizeof(path), "%s/news/.other", base);
	link_in(path, "news/abs");
	link_in("../elsewhere.md", "news/f.md");
	link_in("../outside", "news/out");
	for (i = 0; i < ARRAY_LEN(leftovers); i++) {
		snprintf(path, sizeof(path), "news/%s", leftovers[i]);
		put_in(path, "---\ntitle: junk\n---\n");
	}
}

static void remove_link_tree(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", base);
	assert_int_equal(system(cmd), 0);
}

static size_t problems_naming(const struct nd_diag *d, const char *file)
{
	size_t i, n = 0;

	for (i = 0; i < d->count; i++)
		n += strstr(d->items[i].path, file) != NULL;
	return n;
}

static void assert_rels(const struct nd_index *idx, const char *const *want,
			size_t n)
{
	size_t i;

	assert_int_equal(idx->count, n);
	for (i = 0; i < n; i++)
		assert_string_equal(idx->items[i].path + idx->items[i].rel_at,
				    want[i]);
}

static void test_links_and_leftovers(void **state)
{
	static const char *const inside[] = { "a.md", "abs/d.md", "f.md",
		"in/b.md", "shelf/c.md", "y.bak.md" };
	static const char *const all[] = { "a.md", "abs/d.md", "f.md",
		"in/b.md", "out/o.md", "shelf/c.md", "y.bak.md" };
	struct nd_load_opts opts;
	struct nd_load_stats st;
	struct nd_index *idx;
	struct nd_diag d;
	char news[128];

	(void)state;
	make_link_tree();
	snprintf(news, sizeof(news), "%s/news", base);
	memset(&opts, 0, sizeof(opts));
	nd_diag_init(&d);
	assert_int_equal(nd_loader_load(news, &opts, &idx, &d, &st), 0);
	assert_rels(idx, inside, ARRAY_LEN(inside));
	/* The link out, once, and nothing about the leftovers. */
	assert_int_equal(d.count, 1);
	assert_int_equal(problems_naming(&d, "/news/out"), 1);
	assert_non_null(strstr(d.items[0].message, "symbolic link to a "
				"directory outside"));
	assert_non_null(strstr(d.items[0].message, "follow-links"));
	assert_int_equal(st.skipped, 1);
	nd_index_free(idx);
	nd_diag_release(&d);

	opts.follow_links = 1;
	nd_diag_init(&d);
	assert_int_equal(nd_loader_load(news, &opts, &idx, &d, &st), 0);
	assert_rels(idx, all, ARRAY_LEN(all));
	assert_int_equal(d.count, 0);
	assert_int_equal(st.skipped, 0);
	nd_index_free(idx);
	nd_diag_release(&d);
	remove_link_tree();
}

/* 'check' asks the walk for our stale temporary files; a load does not. */
static void test_walk_reports_our_temps(void **state)
{
	struct nd_load_opts opts;
	struct nd_diag d;
	char news[128], **paths;
	size_t n, skipped;

	(void)state;
	make_link_tree();
	snprintf(news, sizeof(news), "%s/news", base);
	memset(&opts, 0, sizeof(opts));
	opts.report_temps = 1;
	nd_diag_init(&d);
	assert_int_equal(nd_loader_walk(news, &opts, &paths, &n, &d, &skipped),
			 0);
	assert_int_equal(n, 6);
	assert_int_equal(d.count, 4);
	assert_int_equal(problems_naming(&d, "/news/out"), 1);
	assert_int_equal(problems_naming(&d, "/news/x.md.newsdesk-tmp"), 1);
	assert_int_equal(problems_naming(&d, "/news/.x.md.newsdesk-tmp"), 1);
	assert_int_equal(problems_naming(&d,
					 "/news/.x.md.Ab3dE9.newsdesk-tmp"), 1);
	assert_true(has_problem(&d, ".x.md.Ab3dE9.newsdesk-tmp",
				"temporary file left by an interrupted write"));
	assert_int_equal(skipped, 1);
	nd_loader_walk_free(paths, n);
	nd_diag_release(&d);
	remove_link_tree();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_tree),
		cmocka_unit_test(test_same_result_any_threads),
		cmocka_unit_test(test_missing_root),
		cmocka_unit_test(test_single_file_root),
		cmocka_unit_test(test_samples),
		cmocka_unit_test(test_many_files_mixed),
		cmocka_unit_test(test_links_and_leftovers),
		cmocka_unit_test(test_walk_reports_our_temps),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

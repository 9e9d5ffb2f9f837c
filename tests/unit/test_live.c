/* The desk's live APIs: a load in the background (progress, cancel, the
 * done fd), the incremental refresh, and the directory watch. */
#include "test.h"

#include "newsdesk/model/loadtask.h"
#include "newsdesk/model/loader.h"
#include "newsdesk/model/watch.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define FILES 2000

static char root[64];

static void put(const char *rel, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static char *at(const char *rel)
{
	static char path[2][256];
	static int k;

	k = !k;
	snprintf(path[k], sizeof(path[k]), "%s/%s", root, rel);
	return path[k];
}

static int setup(void **state)
{
	char rel[32], text[96];
	int i;

	(void)state;
	snprintf(root, sizeof(root), "/tmp/nd-live-XXXXXX");
	if (mkdtemp(root) == NULL)
		return -1;
	mkdir(at("d"), 0755);
	for (i = 0; i < FILES; i++) {
		snprintf(rel, sizeof(rel), "d/%05d.md", i);
		snprintf(text, sizeof(text), "---\ntitle: T%d\nheat: %s\n---\n",
			 i, i % 100 ? "3" : "hot");
		put(rel, text);
	}
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	return system(cmd) == 0 ? 0 : -1;
}

static void wait_readable(int fd)
{
	struct pollfd p = { fd, POLLIN, 0 };

	assert_int_equal(poll(&p, 1, 60000), 1);
}

static void test_background_load(void **state)
{
	struct nd_loadtask *t;
	struct nd_load_opts o;
	struct nd_load_stats st;
	struct nd_index *idx;
	struct nd_diag d;
	struct nd_err err;
	size_t done, total, last = 0;
	struct pollfd p;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.threads = 2;
	o.no_cache = 1;
	assert_int_equal(nd_loadtask_start(root, &o, NULL, &t, &err), 0);
	p.fd = nd_loadtask_fd(t);
	p.events = POLLIN;
	/* Progress only grows, and never past the total. */
	while (poll(&p, 1, 1) == 0) {
		nd_loadtask_progress(t, &done, &total);
		assert_true(done >= last);
		assert_true(total == 0 || done <= total);
		last = done;
	}
	assert_true(nd_loadtask_done(t));
	nd_loadtask_progress(t, &done, &total);
	assert_int_equal(done, FILES);
	assert_int_equal(total, FILES);
	nd_diag_init(&d);
	assert_int_equal(nd_loadtask_finish(t, &idx, &d, &st, NULL), 0);
	assert_int_equal(idx->count, FILES);
	assert_int_equal(d.count, FILES / 100); /* heat: hot */
	assert_int_equal(st.loaded, FILES);
	nd_index_free(idx);
	nd_diag_release(&d);
}

static void test_cancel(void **state)
{
	struct nd_loadtask *t;
	struct nd_load_opts o;
	struct nd_index *idx;
	struct nd_diag d;
	struct nd_err err;
	unsigned threads;

	(void)state;
	for (threads = 1; threads <= 3; threads++) {
		memset(&o, 0, sizeof(o));
		o.threads = threads;
		o.no_cache = 1;
		assert_int_equal(nd_loadtask_start(root, &o, NULL, &t, &err),
				 0);
		nd_loadtask_cancel(t);
		wait_readable(nd_loadtask_fd(t));
		nd_diag_init(&d);
		/* Cancelled at once: no index, and the reason. (A load that
		 * finished first is fine too: the race is the caller's.) */
		if (nd_loadtask_finish(t, &idx, &d, NULL, NULL) != 0) {
			assert_null(idx);
			assert_string_equal(d.items[d.count - 1].message,
					    "load cancelled");
		} else {
			nd_index_free(idx);
		}
		nd_diag_release(&d);
	}
}

static struct nd_index *load_cold(void)
{
	struct nd_load_opts o;
	struct nd_index *idx;
	struct nd_diag d;

	memset(&o, 0, sizeof(o));
	o.no_cache = 1;
	nd_diag_init(&d);
	assert_int_equal(nd_loader_load(root, &o, &idx, &d, NULL), 0);
	nd_diag_release(&d);
	return idx;
}

static void same_index(const struct nd_index *a, const struct nd_index *b)
{
	size_t i;

	assert_int_equal(a->count, b->count);
	for (i = 0; i < a->count; i++) {
		assert_string_equal(a->items[i].path, b->items[i].path);
		assert_int_equal(a->items[i].title_len, b->items[i].title_len);
		assert_memory_equal(a->items[i].title, b->items[i].title,
				    a->items[i].title_len);
		assert_int_equal(a->items[i].heat, b->items[i].heat);
		assert_int_equal(a->items[i].warnings, b->items[i].warnings);
	}
}

static void test_refresh(void **state)
{
	struct nd_index *old = load_cold(), *idx, *cold;
	struct nd_refresh ch;
	struct nd_load_stats st;
	struct nd_diag d;
	struct timespec ts = { 0, 20 * 1000000L };

	(void)state;
	nanosleep(&ts, NULL); /* a new mtime for the edit below */
	put("d/00007.md", "---\ntitle: Edited\nheat: warm\n---\n");
	put("d/new.md", "---\ntitle: New\n---\n");
	assert_int_equal(unlink(at("d/00009.md")), 0);
	assert_int_equal(rename(at("d/00011.md"), at("d/zz.md")), 0);
	nd_diag_init(&d);
	assert_int_equal(nd_loader_refresh(old, root, NULL, &idx, &d, &st,
					   &ch), 0);
	assert_int_equal(ch.nadded, 2);
	assert_string_equal(ch.added[0], at("d/new.md"));
	assert_string_equal(ch.added[1], at("d/zz.md"));
	assert_int_equal(ch.nchanged, 1);
	assert_string_equal(ch.changed[0], at("d/00007.md"));
	assert_int_equal(ch.nremoved, 2);
	assert_string_equal(ch.removed[0], at("d/00009.md"));
	assert_string_equal(ch.removed[1], at("d/00011.md"));
	/* Only the parsed files' problems: the edit's warning. */
	assert_int_equal(d.count, 1);
	assert_string_equal(d.items[0].path, at("d/00007.md"));
	cold = load_cold();
	same_index(cold, idx);
	nd_refresh_release(&ch);
	nd_diag_release(&d);
	/* Nothing changed since: an empty refresh, the same index. */
	nd_diag_init(&d);
	nd_index_free(old);
	old = idx;
	assert_int_equal(nd_loader_refresh(old, root, NULL, &idx, &d, &st,
					   &ch), 0);
	assert_int_equal(ch.nadded + ch.nchanged + ch.nremoved, 0);
	assert_int_equal(d.count, 0);
	same_index(cold, idx);
	nd_refresh_release(&ch);
	nd_diag_release(&d);
	nd_index_free(old);
	nd_index_free(idx);
	nd_index_free(cold);
}

static void test_refresh_in_background(void **state)
{
	struct nd_index *old = load_cold(), *idx;
	struct nd_loadtask *t;
	struct nd_refresh ch;
	struct nd_diag d;
	struct nd_err err;

	(void)state;
	put("d/bg.md", "---\ntitle: Background\n---\n");
	assert_int_equal(nd_loadtask_start(root, NULL, old, &t, &err), 0);
	wait_readable(nd_loadtask_fd(t));
	nd_diag_init(&d);
	assert_int_equal(nd_loadtask_finish(t, &idx, &d, NULL, &ch), 0);
	assert_int_equal(ch.nadded, 1);
	assert_int_equal(idx->count, old->count + 1);
	nd_refresh_release(&ch);
	nd_diag_release(&d);
	nd_index_free(old);
	nd_index_free(idx);
}

/* Waits up to ms for the watch to report; 1 when it did. */
static int reported(struct nd_watch *w, int ms)
{
	struct pollfd p;
	int waited = 0, t;

	while (waited < ms) {
		t = nd_watch_timeout_ms(w);
		if (t < 0 || t > 50)
			t = 50;
		p.fd = nd_watch_fd(w);
		p.events = POLLIN;
		poll(&p, p.fd >= 0 ? 1 : 0, t);
		waited += t > 0 ? t : 1;
		if (nd_watch_check(w))
			return 1;
	}
	return 0;
}

static void watch_sees_changes(int force_poll)
{
	struct nd_watch_opts o = { 1, force_poll, 100, 100 };
	struct nd_watch *w;
	struct nd_err err;
	int i;

	assert_int_equal(nd_watch_open(root, &o, &w, &err), 0);
	assert_int_equal(nd_watch_polling(w), force_poll);
	assert_false(reported(w, 300)); /* quiet: nothing */
	/* A burst of writes: reported once, after the quiet time. */
	for (i = 0; i < 5; i++)
		put("d/burst.md", "---\ntitle: burst\n---\n");
	assert_true(reported(w, 3000));
	assert_false(reported(w, 300));
	/* A new directory (no article yet: polling need not tell), then
	 * a file in it, which both must see. */
	mkdir(at(force_poll ? "p" : "q"), 0755);
	assert_int_equal(reported(w, 500), !force_poll);
	put(force_poll ? "p/x.md" : "q/x.md", "---\ntitle: x\n---\n");
	assert_true(reported(w, 3000));
	assert_int_equal(unlink(at("d/burst.md")), 0);
	assert_true(reported(w, 3000));
	nd_watch_free(w);
}

static void test_watch_inotify(void **state)
{
	(void)state;
	watch_sees_changes(0);
}

static void test_watch_polling(void **state)
{
	(void)state;
	watch_sees_changes(1);
}

static void test_watch_off(void **state)
{
	struct nd_watch_opts o = { 0, 0, 100, 100 };
	struct nd_watch *w;
	struct nd_err err;

	(void)state;
	assert_int_equal(nd_watch_open(root, &o, &w, &err), 0);
	assert_int_equal(nd_watch_fd(w), -1);
	assert_int_equal(nd_watch_timeout_ms(w), -1);
	put("d/off.md", "---\ntitle: off\n---\n");
	assert_false(nd_watch_check(w));
	nd_watch_free(w);
	assert_int_equal(nd_watch_open("/no/such/dir", &o, &w, &err), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_background_load),
		cmocka_unit_test(test_cancel),
		cmocka_unit_test(test_refresh),
		cmocka_unit_test(test_refresh_in_background),
		cmocka_unit_test(test_watch_inotify),
		cmocka_unit_test(test_watch_polling),
		cmocka_unit_test(test_watch_off),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

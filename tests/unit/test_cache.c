#include "test.h"

#include "newsdesk/net/cache.h"
#include "newsdesk/net/page.h"

#include "server.h"

#include <sys/stat.h>

static struct test_server srv;
static char dir[64];

static int up(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/nd-cache-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	return test_server_start(&srv);
}

static int down(void **state)
{
	char cmd[128];

	(void)state;
	test_server_stop(&srv);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd);
}

static void put(const char *url, size_t size)
{
	struct nd_cache_entry e;

	memset(&e, 0, sizeof(e));
	e.url = (char *)url;
	e.content_type = (char *)"text/plain";
	nd_buf_init(&e.body, 0);
	nd_buf_pad(&e.body, 'x', size);
	assert_int_equal(nd_cache_put(dir, &e, 250 * 1024), 0);
	nd_buf_release(&e.body);
}

static void test_put_get_evict(void **state)
{
	struct nd_cache_entry e;
	char url[64];
	int i, kept = 0;

	(void)state;
	for (i = 0; i < 5; i++) {
		snprintf(url, sizeof(url), "https://x.example/%d", i);
		put(url, 100 * 1024);
		sleep(i == 4 ? 0 : 1); /* distinct ages, oldest first out */
	}
	for (i = 0; i < 5; i++) {
		snprintf(url, sizeof(url), "https://x.example/%d", i);
		if (nd_cache_get(dir, url, &e) == 0) {
			kept++;
			assert_int_equal(e.body.len, 100 * 1024);
			assert_true(i >= 3); /* the newest two fit in 250 KiB */
			nd_cache_entry_release(&e);
		}
	}
	assert_int_equal(kept, 2);
	assert_int_equal(nd_cache_get(dir, "https://never.example/", &e), -1);
}

static void test_revalidate_and_offline(void **state)
{
	struct nd_page_opts o;
	struct nd_page p;
	char url[128];

	(void)state;
	memset(&o, 0, sizeof(o));
	o.cache_dir = dir;
	snprintf(url, sizeof(url), "%s/etag", srv.base);
	assert_int_equal(nd_page_get(url, &o, &p), 0);
	assert_int_equal(p.from_cache, 0);
	nd_page_release(&p);
	/* the server answers 304 to the cached ETag: the copy is used */
	assert_int_equal(nd_page_get(url, &o, &p), 0);
	assert_int_equal(p.from_cache, 1);
	assert_non_null(strstr(p.raw.data, "Lunar lander"));
	nd_page_release(&p);
	/* the network fails: the copy is used, and the page says so */
	snprintf(url, sizeof(url), "%s/etag", srv.base);
	o.offline = 1;
	assert_int_equal(nd_page_get(url, &o, &p), 0);
	assert_non_null(strstr(p.note, "offline"));
	nd_page_release(&p);
	assert_int_equal(nd_page_get("http://127.0.0.1:1/none", &o, &p), -1);
	assert_non_null(strstr(p.err.message, "not in the cache"));
	nd_page_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_put_get_evict),
		cmocka_unit_test(test_revalidate_and_offline),
	};
	return cmocka_run_group_tests(tests, up, down);
}

#include "test.h"

#include "newsdesk/net/fetch.h"

#include "server.h"

static struct test_server srv;

static int up(void **state)
{
	(void)state;
	return test_server_start(&srv);
}

static int down(void **state)
{
	(void)state;
	test_server_stop(&srv);
	return 0;
}

/* For the cases that must not time out: only a hang guard, far above
 * what any of them takes, so a loaded machine cannot turn a "too large"
 * into a "timeout". ctest's TIMEOUT is the outer guard. */
#define GENEROUS_MS 60000L

static enum nd_fetch_error get(const char *path, struct nd_fetch_result *r,
			       long timeout_ms, size_t max)
{
	struct nd_fetch_opts o;
	char url[256];

	memset(&o, 0, sizeof(o));
	o.timeout_ms = timeout_ms;
	o.max_bytes = max;
	snprintf(url, sizeof(url), "%s%s", srv.base, path);
	nd_fetch(url, &o, r);
	return r->err.code;
}

static void test_cases(void **state)
{
	static const struct {
		const char *path;
		enum nd_fetch_error want;
		long status;
		const char *needle;
	} cases[] = {
		{ "/pages/article.html", ND_FETCH_OK, 200, NULL },
		{ "/404", ND_FETCH_HTTP, 404, "HTTP 404" },
		{ "/500", ND_FETCH_HTTP, 500, "HTTP 500" },
		{ "/chain/5", ND_FETCH_OK, 200, NULL },
		{ "/chain/12", ND_FETCH_REDIRECTS, 302, "too many redirects" },
		{ "/loop", ND_FETCH_REDIRECTS, 302, "too many redirects" },
		{ "/to-file", ND_FETCH_PROTOCOL, 302, "not http(s)" },
		{ "/to-ftp", ND_FETCH_PROTOCOL, 302, "not http(s)" },
		/* redirects that reach elsewhere on loopback are refused */
		{ "/to-port/9", ND_FETCH_PRIVATE, 302, "private or loopback" },
		{ "/to-other-loopback", ND_FETCH_PRIVATE, 302, "loopback" },
		{ "/to-self", ND_FETCH_OK, 200, NULL },
		{ "/endless", ND_FETCH_TOO_LARGE, 200, "too large" },
		{ "/bomb", ND_FETCH_TOO_LARGE, 200, "too large" },
		{ "/latin1", ND_FETCH_OK, 200, NULL },
		{ "/cp1252", ND_FETCH_OK, 200, NULL },
		{ "/invalid-utf8", ND_FETCH_OK, 200, NULL },
		{ "/no-type", ND_FETCH_OK, 200, NULL },
		{ "/binary", ND_FETCH_NOT_TEXT, 200, "binary" },
		{ "/image", ND_FETCH_NOT_TEXT, 200, "image/png" },
	};
	struct nd_fetch_result r;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		get(cases[i].path, &r, GENEROUS_MS, 1 << 20);
		if (r.err.code != (int)cases[i].want ||
		    r.status != cases[i].status ||
		    (cases[i].needle && !strstr(r.err.message, cases[i].needle)))
			fail_msg("%s: error class %d, status %ld '%s'",
				 cases[i].path, r.err.code, r.status,
				 r.err.message);
		/* the cap holds after decoding too */
		assert_true(r.body.len <= 1 << 20);
		nd_fetch_result_release(&r);
	}
	get("/latin1", &r, GENEROUS_MS, 0);
	assert_string_equal(r.charset, "ISO-8859-1");
	nd_fetch_result_release(&r);
}

/* The switch lifts the guard: the redirect is then followed, and only
 * fails because nothing listens on port 9 there. */
static void test_private_redirects_switch(void **state)
{
	struct nd_fetch_opts o;
	struct nd_fetch_result r;
	char url[256];

	(void)state;
	memset(&o, 0, sizeof(o));
	o.timeout_ms = GENEROUS_MS;
	o.private_redirects = 1;
	snprintf(url, sizeof(url), "%s/to-port/9", srv.base);
	assert_int_equal(nd_fetch(url, &o, &r), -1);
	assert_int_equal(r.err.code, ND_FETCH_REFUSED);
	nd_fetch_result_release(&r);
	/* The server listens on 127.0.0.1 only: refused, not blocked. */
	snprintf(url, sizeof(url), "%s/to-other-loopback", srv.base);
	assert_int_equal(nd_fetch(url, &o, &r), -1);
	assert_int_equal(r.err.code, ND_FETCH_REFUSED);
	nd_fetch_result_release(&r);
}

static void test_timeout_and_cancel(void **state)
{
	struct nd_fetch_result r;
	struct nd_fetch_opts o;
	atomic_int cancel = 1;
	char url[128];

	(void)state;
	/* /slow needs 20 s for its body: a 700 ms limit ends it as a timeout
	 * however loaded the machine is (an unanswered connect times out
	 * the same way). The outcome is checked, not the time it took. */
	assert_int_equal(get("/slow", &r, 700, 0), ND_FETCH_TIMEOUT);
	assert_non_null(strstr(r.err.message, "timed out"));
	nd_fetch_result_release(&r);
	/* A fetch whose cancel flag is up reports cancelled, not a timeout
	 * or an error of its own. */
	memset(&o, 0, sizeof(o));
	o.cancel = &cancel;
	snprintf(url, sizeof(url), "%s/slow", srv.base);
	assert_int_equal(nd_fetch(url, &o, &r), -1);
	assert_int_equal(r.err.code, ND_FETCH_CANCELLED);
	assert_non_null(strstr(r.err.message, "cancelled"));
	nd_fetch_result_release(&r);
}

static void test_etag(void **state)
{
	struct nd_fetch_result r;
	struct nd_fetch_opts o;
	char url[128];

	(void)state;
	memset(&o, 0, sizeof(o));
	snprintf(url, sizeof(url), "%s/etag", srv.base);
	assert_int_equal(nd_fetch(url, &o, &r), 0);
	assert_string_equal(r.etag, "\"v1\"");
	nd_fetch_result_release(&r);
	o.etag = "\"v1\"";
	assert_int_equal(nd_fetch(url, &o, &r), 0);
	assert_true(r.not_modified);
	nd_fetch_result_release(&r);
}

static void test_refused_urls(void **state)
{
	struct nd_fetch_result r;
	struct nd_fetch_opts o;
	struct nd_err why;

	(void)state;
	memset(&o, 0, sizeof(o));
	assert_int_equal(nd_fetch("file:///etc/passwd", &o, &r), -1);
	assert_int_equal(r.err.code, ND_FETCH_BAD_URL);
	nd_fetch_result_release(&r);
	assert_int_equal(nd_fetch_url_check("-x http://a", &why), -1);
	assert_int_equal(nd_fetch_url_check("https://a.b/c d", &why), -1);
	assert_int_equal(nd_fetch_url_check("HTTPS://a.b/c", &why), 0);
	assert_int_equal(nd_fetch("http://127.0.0.1:1/", &o, &r), -1);
	assert_int_equal(r.err.code, ND_FETCH_REFUSED);
	nd_fetch_result_release(&r);
}

/* Fetching and opening agree: a URL past 8 KiB goes nowhere. */
static void test_long_url(void **state)
{
	char url[ND_FETCH_URL_MAX + 2];
	struct nd_fetch_result r;
	struct nd_fetch_opts o;
	struct nd_err why;
	int n;

	(void)state;
	memset(&o, 0, sizeof(o));
	n = snprintf(url, sizeof(url), "%s/pages/article.html?q=", srv.base);
	memset(url + n, 'a', sizeof(url) - 1 - (size_t)n);
	url[sizeof(url) - 1] = '\0';
	assert_int_equal(nd_fetch(url, &o, &r), -1);
	assert_int_equal(r.err.code, ND_FETCH_BAD_URL);
	assert_string_equal(r.err.message, "the URL is longer than 8 KiB");
	nd_fetch_result_release(&r);
	url[ND_FETCH_URL_MAX] = '\0';
	assert_int_equal(nd_fetch_url_check(url, &why), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_timeout_and_cancel),
		cmocka_unit_test(test_private_redirects_switch),
		cmocka_unit_test(test_etag),
		cmocka_unit_test(test_refused_urls),
		cmocka_unit_test(test_long_url),
	};
	return cmocka_run_group_tests(tests, up, down);
}

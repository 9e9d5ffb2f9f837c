#include "test.h"

#include "newsdesk/base/fileio.h"
#include "newsdesk/net/html.h"

#include <unistd.h>

/* Renders tests/fetch/pages/NAME at 70 columns and compares it with
 * tests/fetch/golden/NAME.txt (UPDATE_GOLDEN=1 rewrites the golden). */
static void golden(const char *name, const char *charset)
{
	struct nd_err cause;
	char path[512], *html, *want, *title;
	struct nd_buf got = ND_BUF_INIT;
	struct nd_doc doc;
	size_t len, wlen, i;
	FILE *f;

	snprintf(path, sizeof(path), FETCH_TESTS "/pages/%s", name);
	assert_int_equal(nd_read_file(path, 1 << 20, &html, &len, &cause), 0);
	nd_doc_init(&doc, 70, 0);
	assert_int_equal(nd_html_render(&doc, html, len, charset,
					"http://news.example/a/b.html", &title),
			 0);
	nd_buf_addf(&got, "title: %s\n", title ? title : "(none)");
	for (i = 0; i < doc.count; i++) {
		nd_buf_add(&got, doc.lines[i].text, doc.lines[i].len);
		nd_buf_addc(&got, '\n');
	}
	snprintf(path, sizeof(path), FETCH_TESTS "/golden/%s.txt", name);
	if (getenv("UPDATE_GOLDEN") != NULL) {
		f = fopen(path, "w");
		fwrite(got.data, 1, got.len, f);
		fclose(f);
	}
	assert_int_equal(nd_read_file(path, 1 << 20, &want, &wlen, &cause), 0);
	if (wlen != got.len || memcmp(want, got.data, wlen) != 0)
		fail_msg("%s differs:\n%s", name, got.data);
	free(want);
	free(html);
	free(title);
	nd_buf_release(&got);
	nd_doc_release(&doc);
}

static void test_pages(void **state)
{
	(void)state;
	golden("article.html", NULL);
	golden("links.html", NULL);
	golden("hostile.html", NULL);
	golden("latin1.html", "ISO-8859-1");
	golden("cp1252.html", "windows-1252");
}

static void test_links_resolved(void **state)
{
	const char *html = "<html><body><main><p><a href=\"/x\">x</a> "
			   "<a href=\"mailto:a@b\">mail</a> <a href=\"y.html\">"
			   "y</a></p></main></body></html>";
	struct nd_doc doc;

	(void)state;
	nd_doc_init(&doc, 60, 0);
	assert_int_equal(nd_html_render(&doc, html, strlen(html), NULL,
					"https://n.example/dir/page", NULL), 0);
	assert_int_equal(doc.nlinks, 2);
	assert_string_equal(doc.links[0], "https://n.example/x");
	assert_string_equal(doc.links[1], "https://n.example/dir/y.html");
	nd_doc_release(&doc);
}

static void test_densest_block(void **state)
{
	const char *html = "<html><body><div id=menu><p>Home</p></div>"
			   "<div id=story><p>This paragraph is the story and it "
			   "is long enough to win, with many many words in it, "
			   "more words than any menu would ever hold.</p><p>"
			   "A second paragraph of the story adds more text so "
			   "that the score passes the threshold of two hundred "
			   "characters easily.</p></div></body></html>";
	struct nd_doc doc;

	(void)state;
	nd_doc_init(&doc, 200, 0);
	nd_html_render(&doc, html, strlen(html), NULL, NULL, NULL);
	assert_true(doc.count >= 2);
	assert_non_null(strstr(doc.lines[0].text, "This paragraph"));
	nd_doc_release(&doc);
}

/* libxml2 must never write to stderr: in the desk that is the screen. */
static void test_quiet_on_bad_bytes(void **state)
{
	const char page[] = "<html><body><p>bad \x81\x81\x81 bytes</p></body>"
			    "</html>";
	char tmpl[] = "/tmp/nd-stderr-XXXXXX", buf[64];
	struct nd_doc doc;
	int fd = mkstemp(tmpl), saved = dup(2);
	ssize_t n;

	(void)state;
	dup2(fd, 2);
	nd_doc_init(&doc, 60, 0);
	nd_html_render(&doc, page, sizeof(page) - 1, "windows-1252", NULL,
		       NULL);
	nd_doc_release(&doc);
	nd_doc_init(&doc, 60, 0);
	nd_html_render(&doc, page, sizeof(page) - 1, "utf-8", NULL, NULL);
	nd_doc_release(&doc);
	dup2(saved, 2);
	close(saved);
	n = pread(fd, buf, sizeof(buf), 0);
	close(fd);
	unlink(tmpl);
	assert_int_equal(n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_links_resolved),
		cmocka_unit_test(test_densest_block),
		cmocka_unit_test(test_quiet_on_bad_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

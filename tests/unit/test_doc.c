#include "test.h"

#include "newsdesk/base/utf8.h"
#include "newsdesk/present/detail.h"
#include "newsdesk/present/doc.h"

/* The doc as plain text, one line per line, "|" at each end. */
static char *plain(const struct nd_doc *doc)
{
	struct nd_buf b = ND_BUF_INIT;
	size_t i;

	for (i = 0; i < doc->count; i++) {
		nd_buf_add(&b, doc->lines[i].text, doc->lines[i].len);
		nd_buf_adds(&b, "|\n");
	}
	return nd_buf_detach(&b, NULL);
}

static int has_span(const struct nd_line *l, const char *text,
		    enum nd_role role)
{
	size_t i, n = strlen(text);

	for (i = 0; i < l->nspans; i++) {
		if (l->spans[i].role == role && l->spans[i].len == n &&
		    memcmp(l->text + l->spans[i].off, text, n) == 0)
			return 1;
	}
	return 0;
}

static void test_wrapped_spans(void **state)
{
	struct nd_doc doc;
	char *s;

	(void)state;
	nd_doc_init(&doc, 20, 0);
	nd_doc_text(&doc, ND_ROLE_DETAIL_TEXT, "plain words then ", 17);
	nd_doc_text(&doc, ND_ROLE_MD_STRONG, "bold words", 10);
	nd_doc_text(&doc, ND_ROLE_DETAIL_TEXT, " end \x1b[2J", 9);
	nd_doc_end_para(&doc, 2, "- ", ND_ROLE_DETAIL_LABEL);
	s = plain(&doc);
	assert_string_equal(s, "  - plain words|\n"
			       "    then bold words|\n"
			       "    end ^[[2J|\n");
	assert_true(has_span(&doc.lines[0], "- ", ND_ROLE_DETAIL_LABEL));
	assert_true(has_span(&doc.lines[1], "bold words", ND_ROLE_MD_STRONG));
	assert_true(has_span(&doc.lines[1], "then ", ND_ROLE_DETAIL_TEXT));
	free(s);
	nd_doc_release(&doc);
}

static void test_markdown(void **state)
{
	const char *md = "# Title\n\nSome *emph* and **strong** with "
			 "[a link](https://x.example/a).\n\n"
			 "- one\n- two\n\n1. first\n2. second\n\n"
			 "> quoted\n\n```\ncode  line\n```\n\n"
			 "| a | bb |\n|---|----|\n| ccc | d |\n\n"
			 "&amp; &#65; &#x1b;\n";
	struct nd_doc doc;
	char *s;

	(void)state;
	nd_doc_init(&doc, 60, 0);
	assert_int_equal(nd_doc_markdown(&doc, md, strlen(md)), 0);
	s = plain(&doc);
	assert_string_equal(s,
			    "Title|\n"
			    "|\n"
			    "Some emph and strong with a link[1].|\n"
			    "|\n"
			    "\xE2\x80\xA2 one|\n"
			    "\xE2\x80\xA2 two|\n"
			    "|\n"
			    "1. first|\n"
			    "2. second|\n"
			    "|\n"
			    "  quoted|\n"
			    "|\n"
			    "    code  line|\n"
			    "|\n"
			    "a   \xE2\x94\x82 bb|\n"
			    "ccc \xE2\x94\x82 d|\n"
			    "|\n"
			    "& A ^[|\n"
			    "|\n"
			    "Links|\n"
			    "[1] https://x.example/a|\n");
	assert_true(has_span(&doc.lines[0], "Title", ND_ROLE_MD_HEADING));
	assert_true(has_span(&doc.lines[2], "emph", ND_ROLE_MD_EMPH));
	assert_true(has_span(&doc.lines[2], "strong", ND_ROLE_MD_STRONG));
	assert_true(has_span(&doc.lines[2], "a link[1]", ND_ROLE_MD_LINK));
	assert_true(has_span(&doc.lines[10], "quoted", ND_ROLE_MD_QUOTE));
	assert_true(has_span(&doc.lines[12], "code  line", ND_ROLE_MD_CODE));
	assert_int_equal(doc.nlinks, 1);
	free(s);
	nd_doc_release(&doc);
}

static void test_detail_of_seed(void **state)
{
	struct nd_article *a;
	struct nd_diag d;
	struct nd_doc doc;
	char *s;

	(void)state;
	nd_diag_init(&d);
	assert_int_equal(nd_article_load(FIXTURES "/seed.md", &a, &d), 0);
	nd_doc_init(&doc, 50, 0);
	nd_detail_article(&doc, a);
	s = plain(&doc);
	assert_non_null(strstr(s, "Cryptominers hope they can find a second "
				  "life by|\nturning their mining operations "
				  "into AI farms|\n"));
	assert_non_null(strstr(s, "Provider   PC Gamer (pcgamer.com)|\n"));
	assert_non_null(strstr(s, "Published  no|\n"));
	assert_non_null(strstr(s, "Date       2023-05-11 20:53 UTC|\n"));
	assert_non_null(strstr(s, "Heat       unknown|\n"));
	assert_non_null(strstr(s, "Topics     AI Hardware, AI|\n"));
	assert_non_null(strstr(s, "Images     https://cdn.mos.cms.futurecdn"));
	assert_non_null(strstr(s, "(1200x675, cached)|\n"));
	/* a URL longer than the pane is broken, never past the width */
	{
		size_t i;

		for (i = 0; i < doc.count; i++)
			assert_true(doc.lines[i].len <= 50);
	}
	free(s);
	nd_doc_release(&doc);
	nd_article_free(a);
	nd_diag_release(&d);
}

/* md4c must never read past the text it is given: here the byte after
 * it is a ')' that would close the link (found by fuzz_html). */
static void test_markdown_reads_only_its_text(void **state)
{
	static const char buf[] = "[a](b)";
	struct nd_doc doc;
	size_t i;

	(void)state;
	nd_doc_init(&doc, 40, 0);
	assert_int_equal(nd_doc_markdown(&doc, buf, sizeof(buf) - 2), 0);
	assert_int_equal(doc.nlinks, 0);
	for (i = 0; i < doc.count; i++)
		assert_null(strstr(doc.lines[i].text, "[1]"));
	nd_doc_release(&doc);
}

static void test_markdown_edges(void **state)
{
	static const char *const inputs[] = {
		"```\n```\n", "| a |\n|---|\n", "> \n", "- \n", "\0\0",
		"[x]()", "![]()", "# \n", "1. \n2.\n",
	};
	struct nd_doc doc;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(inputs); i++) {
		nd_doc_init(&doc, 30, 0);
		assert_int_equal(nd_doc_markdown(&doc, inputs[i],
						 strlen(inputs[i])), 0);
		nd_doc_release(&doc);
	}
	/* emphasis nested deeper than the renderer keeps (UBSan watches) */
	{
		struct nd_buf deep = ND_BUF_INIT;
		int k;

		/* "*w0 _w1 *w2 ... x y_ y* ...": 24 nested emphases */
		for (k = 0; k < 24; k++)
			nd_buf_addf(&deep, "%cw%d ", k % 2 ? '_' : '*', k);
		nd_buf_adds(&deep, "x");
		for (k = 23; k >= 0; k--)
			nd_buf_addf(&deep, " y%c", k % 2 ? '_' : '*');
		nd_doc_init(&doc, 30, 0);
		nd_doc_markdown(&doc, deep.data, deep.len);
		nd_doc_release(&doc);
		/* lists nested 20 deep still fit the width */
		nd_buf_reset(&deep);
		for (k = 0; k < 20; k++) {
			nd_buf_pad(&deep, ' ', (size_t)k * 2);
			nd_buf_adds(&deep, "- nested item text\n");
		}
		nd_doc_init(&doc, 30, 0);
		nd_doc_markdown(&doc, deep.data, deep.len);
		for (i = 0; i < doc.count; i++)
			assert_true(nd_text_width(doc.lines[i].text,
						  doc.lines[i].len) <= 30);
		nd_doc_release(&doc);
		nd_buf_release(&deep);
	}
}

/* A paragraph far bigger than any page: one-letter words, each word and
 * each space a run of its own role, and every 1,000 words a run of code
 * 100 words long (a span across several lines). Wrapped at 20 columns
 * (24 less the indent and the "- " prefix): ten words a line. */
#define BIG_WORDS 1200000
#define BIG_PER_LINE 10

/* The role of byte off of the paragraph: word i is at 2i, its space at
 * 2i + 1. */
static enum nd_role big_role(size_t off)
{
	size_t word = off / 2;

	if (word % 1000 < 100)
		return ND_ROLE_MD_CODE;
	if (off % 2)
		return ND_ROLE_DETAIL_TEXT;
	return word % 2 ? ND_ROLE_MD_EMPH : ND_ROLE_MD_STRONG;
}

/* Line k holds words [10k, 10k + 10) after four columns ("  - " on the
 * first line, "    " after it); its spans tile the text after those
 * with the paragraph's roles, each span as long as its run allows. */
static void check_big_line(const struct nd_line *l, size_t k)
{
	size_t words = BIG_WORDS - k * BIG_PER_LINE, at = 4, i, j, off;

	if (words > BIG_PER_LINE)
		words = BIG_PER_LINE;
	assert_int_equal(l->len, 4 + 2 * words - 1);
	assert_memory_equal(l->text, k == 0 ? "  - " : "    ", 4);
	i = 0;
	if (k == 0) {
		assert_true(l->nspans > 0);
		assert_int_equal(l->spans[0].off, 2);
		assert_int_equal(l->spans[0].len, 2);
		assert_int_equal(l->spans[0].role, ND_ROLE_DETAIL_LABEL);
		i = 1;
	}
	for (; i < l->nspans; i++) {
		assert_int_equal(l->spans[i].off, at);
		assert_true(l->spans[i].len > 0);
		for (j = 0; j < l->spans[i].len; j++, at++) {
			off = k * BIG_PER_LINE * 2 + at - 4;
			assert_int_equal(l->text[at], off % 2 ? ' ' : 'w');
			assert_int_equal(l->spans[i].role, big_role(off));
		}
		if (i + 1 < l->nspans)
			assert_int_not_equal(l->spans[i].role,
					     l->spans[i + 1].role);
	}
	assert_int_equal(at, l->len);
}

/* Each wrapped line looks only at the spans that reach it: a fraction
 * of a second. A layout that looked at every span for every line (120,000
 * lines x 2.2M spans) takes minutes here, and ctest's TIMEOUT (120 s) is
 * what fails it; no time is asserted. */
static void test_huge_paragraph(void **state)
{
	struct nd_doc doc;
	size_t i;

	(void)state;
	nd_doc_init(&doc, 24, 0);
	for (i = 0; i < BIG_WORDS; i++) {
		nd_doc_text(&doc, big_role(2 * i), "w", 1);
		nd_doc_text(&doc, big_role(2 * i + 1), " ", 1);
	}
	nd_doc_end_para(&doc, 2, "- ", ND_ROLE_DETAIL_LABEL);
	assert_int_equal(doc.count,
			 (BIG_WORDS + BIG_PER_LINE - 1) / BIG_PER_LINE);
	for (i = 0; i < doc.count; i++)
		check_big_line(&doc.lines[i], i);
	nd_doc_release(&doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wrapped_spans),
		cmocka_unit_test(test_markdown),
		cmocka_unit_test(test_detail_of_seed),
		cmocka_unit_test(test_markdown_edges),
		cmocka_unit_test(test_markdown_reads_only_its_text),
		cmocka_unit_test(test_huge_paragraph),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

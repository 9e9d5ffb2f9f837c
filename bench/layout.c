#include "layout.h"

#include "newsdesk/base/buf.h"
#include "newsdesk/net/html.h"
#include "newsdesk/present/doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define WIDTH 80
#define REPEATS 3

struct kind {
	const char *name;
	void (*gen)(struct nd_buf *b, size_t n);
	void (*lay)(struct nd_doc *doc, const char *s, size_t len);
};

double nd_bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* "*a* *a* ...": one paragraph whose spans alternate emphasis and text,
 * the body that froze the desk. */
static void gen_md(struct nd_buf *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		nd_buf_adds(b, "*a* ");
}

static void lay_md(struct nd_doc *doc, const char *s, size_t len)
{
	nd_doc_markdown(doc, s, len);
}

static void gen_words(struct nd_buf *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		nd_buf_adds(b, "a ");
}

/* The doc alone, no parser: one run per word and per space. */
static void lay_doc(struct nd_doc *doc, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2) {
		nd_doc_text(doc, ND_ROLE_MD_STRONG, s + i, 1);
		nd_doc_text(doc, ND_ROLE_DETAIL_TEXT, s + i + 1, 1);
	}
	nd_doc_end_para(doc, 0, NULL, ND_ROLE_NORMAL);
}

static void gen_html(struct nd_buf *b, size_t n)
{
	size_t i;

	nd_buf_adds(b, "<html><body><p>");
	for (i = 0; i < n; i++)
		nd_buf_adds(b, "<b>a</b> ");
	nd_buf_adds(b, "</p></body></html>");
}

/* Every link gets a number in the text and a line in the list. */
static void gen_links(struct nd_buf *b, size_t n)
{
	size_t i;

	nd_buf_adds(b, "<html><body><p>");
	for (i = 0; i < n; i++)
		nd_buf_addf(b, "<a href=\"/%zu\">a</a> ", i);
	nd_buf_adds(b, "</p></body></html>");
}

static void lay_html(struct nd_doc *doc, const char *s, size_t len)
{
	char *title = NULL;

	nd_html_render(doc, s, len, NULL, "https://bench.example/", &title);
	free(title);
}

/* Seconds of this process's CPU time: on a shared machine the wall clock
 * also counts the other programs' turns, which would drown the ratio. */
static double cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The best of a few runs: other work on the machine only adds time. */
static double time_kind(const struct kind *k, size_t n, size_t *lines,
			size_t *bytes)
{
	struct nd_buf in = ND_BUF_INIT;
	struct nd_doc doc;
	double best = -1, t;
	int r;

	k->gen(&in, n);
	*bytes = in.len;
	for (r = 0; r < REPEATS; r++) {
		nd_doc_init(&doc, WIDTH, 0);
		t = cpu_now();
		k->lay(&doc, in.data, in.len);
		t = cpu_now() - t;
		*lines = doc.count;
		nd_doc_release(&doc);
		if (best < 0 || t < best)
			best = t;
	}
	nd_buf_release(&in);
	return best;
}

/* Twice the spans must give twice the lines, give or take the fixed
 * ones (the "Links" heading, blank lines, a last short line) and the
 * link numbers, which grow a digit now and then. */
static int lines_double(size_t l1, size_t l2)
{
	return l1 > 0 && l2 + 8 >= 2 * l1 && l2 <= 2 * l1 + l1 / 8 + 8;
}

int nd_bench_layout(size_t n, int quiet)
{
	static const struct kind kinds[] = {
		{ "layout md *a*", gen_md, lay_md },
		{ "layout doc runs", gen_words, lay_doc },
		{ "layout html <b>", gen_html, lay_html },
		{ "layout html <a>", gen_links, lay_html },
	};
	size_t i, l1, l2, b1, b2;
	double t1, t2;
	int fail = 0;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		t1 = time_kind(&kinds[i], n, &l1, &b1);
		t2 = time_kind(&kinds[i], 2 * n, &l2, &b2);
		if (!lines_double(l1, l2))
			fail = 1;
		if (quiet)
			continue;
		printf("%-17s %.1f / %.1f ms CPU for %zu / %zu spans (%.1f MB)"
		       "  x%.2f  %zu / %zu lines\n",
		       kinds[i].name, t1 * 1000, t2 * 1000, n, 2 * n,
		       (double)b2 / (1024.0 * 1024.0), t1 > 0 ? t2 / t1 : 0.0,
		       l1, l2);
	}
	return fail ? -1 : 0;
}

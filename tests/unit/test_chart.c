/* Chart layout: golden pages at several widths and in ASCII; at every
 * size from 40x12 to 200x50 the lines fit, end in no blank, and every
 * bar's query picks exactly the articles it counts. UPDATE_GOLDEN=1
 * rewrites tests/fixtures/chart/. */
#include "test.h"

#include <time.h>

#include "newsdesk/base/utf8.h"
#include "newsdesk/model/loader.h"
#include "newsdesk/model/query.h"
#include "newsdesk/present/chart.h"

static struct nd_index *load_samples(void)
{
	struct nd_index *idx;
	struct nd_diag d;
	size_t i;

	nd_diag_init(&d);
	assert_int_equal(nd_loader_load(SAMPLES, NULL, &idx, &d, NULL), 0);
	nd_diag_release(&d);
	for (i = 0; i < idx->count; i++)
		idx->items[i].read = i % 3 == 0; /* some read */
	return idx;
}

static char *page_text(const struct nd_chart *c)
{
	size_t i, len = 1, at = 0;
	char *s;

	for (i = 0; i < c->count; i++)
		len += strlen(c->lines[i].text) + 1;
	s = malloc(len);
	for (i = 0; i < c->count; i++) {
		size_t n = strlen(c->lines[i].text);

		memcpy(s + at, c->lines[i].text, n);
		at += n;
		s[at++] = '\n';
	}
	s[at] = '\0';
	return s;
}

static void compare_golden(const char *name, const char *got)
{
	char path[512], *want;
	FILE *f;
	long n;

	snprintf(path, sizeof(path), "%s/chart/%s", FIXTURES, name);
	if (getenv("UPDATE_GOLDEN") != NULL) {
		f = fopen(path, "wb");
		assert_non_null(f);
		fputs(got, f);
		fclose(f);
		return;
	}
	f = fopen(path, "rb");
	if (f == NULL)
		fail_msg("no golden %s (UPDATE_GOLDEN=1 makes it)", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	want = calloc(1, (size_t)n + 1);
	assert_int_equal(fread(want, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	if (strcmp(want, got) != 0)
		fail_msg("%s differs:\n%s", name, got);
	free(want);
}

static void golden(const char *name, size_t w, size_t h, int ascii,
		   const char *query)
{
	struct nd_index *idx = load_samples();
	struct nd_chart_opts o = { w, h, ascii };
	struct nd_query *q = NULL;
	struct nd_err err;
	struct nd_tally t;
	struct nd_chart c;
	uint32_t *ids = malloc(idx->count * sizeof(*ids));
	size_t i, n = 0;
	char *text;

	assert_int_equal(nd_query_compile(query, &q, &err), 0);
	for (i = 0; i < idx->count; i++) {
		if (nd_query_match(q, idx, i))
			ids[n++] = (uint32_t)i;
	}
	nd_tally_count(&t, idx, ids, n);
	nd_chart_init(&c);
	nd_chart_page(&c, &t, idx, &o);
	text = page_text(&c);
	compare_golden(name, text);
	free(text);
	free(ids);
	nd_chart_release(&c);
	nd_tally_release(&t);
	nd_query_free(q);
	nd_index_free(idx);
}

static void test_golden_pages(void **state)
{
	(void)state;
	golden("page-80x24.txt", 80, 24, 0, "");
	golden("page-40x12.txt", 40, 12, 0, "");
	golden("page-40x12-ascii.txt", 40, 12, 1, "");
	golden("page-120x0-ascii.txt", 120, 0, 1, "");
	golden("page-200x50-2023.txt", 200, 50, 0, "after:2023-01-01");
	golden("page-60x20-weeks.txt", 60, 20, 0,
	       "after:2023-04-01 before:2023-06-01");
	golden("page-40x12-empty.txt", 40, 12, 0, "topic:nothing");
}

static size_t matches(const struct nd_index *idx, const char *query)
{
	struct nd_query *q;
	struct nd_err err;
	size_t i, n = 0;

	if (nd_query_compile(query, &q, &err) != 0)
		fail_msg("target query '%s': %s", query, err.message);
	for (i = 0; i < idx->count; i++)
		n += (size_t)nd_query_match(q, idx, i);
	nd_query_free(q);
	return n;
}

static void check_page(const struct nd_index *idx, size_t w, size_t h,
		       int ascii)
{
	struct nd_chart_opts o = { w, h, ascii };
	struct nd_tally t;
	struct nd_chart c;
	size_t i, len;

	nd_tally_count(&t, idx, NULL, 0);
	nd_chart_init(&c);
	nd_chart_page(&c, &t, idx, &o);
	for (i = 0; i < c.count; i++) {
		const char *s = c.lines[i].text;

		len = strlen(s);
		if (nd_text_width(s, len) > w)
			fail_msg("%zux%zu line %zu too wide: '%s'", w, h, i, s);
		if (len > 0 && s[len - 1] == ' ')
			fail_msg("%zux%zu line %zu ends in a blank", w, h, i);
		if (ascii && !nd_utf8_valid(s, len, NULL))
			fail_msg("not text");
	}
	for (i = 0; i < c.ntargets; i++) {
		const struct nd_chart_target *tg = &c.targets[i];

		assert_true(tg->line + tg->lines <= c.count);
		assert_true(tg->col + tg->cols <= w);
		if (matches(idx, tg->query) != tg->count)
			fail_msg("'%s' (%s) picks %zu, the bar says %zu",
				 tg->query, tg->label, matches(idx, tg->query),
				 tg->count);
	}
	nd_chart_release(&c);
	nd_tally_release(&t);
}

static void test_every_size(void **state)
{
	struct nd_index *idx = load_samples();
	size_t w, h;

	(void)state;
	for (w = 40; w <= 200; w += 7) {
		for (h = 12; h <= 50; h += 19) {
			check_page(idx, w, h, 0);
			check_page(idx, w, h, 1);
		}
	}
	nd_index_free(idx);
}

/* 100,000 articles (the samples, repeated): the time goes to stderr, for
 * the record; speed is never asserted in a test. */
static void test_100k(void **state)
{
	struct nd_index *idx = load_samples();
	struct nd_chart_opts o = { 80, 24, 0 };
	struct timespec a, b;
	struct nd_tally t;
	struct nd_chart c;
	size_t n = idx->count;

	(void)state;
	idx->items = realloc(idx->items, 100000 * sizeof(*idx->items));
	for (; idx->count < 100000; idx->count++)
		idx->items[idx->count] = idx->items[idx->count % n];
	idx->cap = idx->count;
	clock_gettime(CLOCK_MONOTONIC, &a);
	nd_tally_count(&t, idx, NULL, 0);
	nd_chart_init(&c);
	nd_chart_page(&c, &t, idx, &o);
	clock_gettime(CLOCK_MONOTONIC, &b);
	fprintf(stderr, "tally and chart page, 100k articles: %.1f ms\n",
		(double)(b.tv_sec - a.tv_sec) * 1e3 +
			(double)(b.tv_nsec - a.tv_nsec) / 1e6);
	assert_int_equal(t.total, 100000);
	nd_chart_release(&c);
	nd_tally_release(&t);
	nd_index_free(idx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_pages),
		cmocka_unit_test(test_every_size),
		cmocka_unit_test(test_100k),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

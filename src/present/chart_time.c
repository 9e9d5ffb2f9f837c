/* The time chart: articles per day, week or month as vertical bars. */
#include "newsdesk/present/chart.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/datetime.h"

#include "chart_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum unit { U_DAY, U_WEEK, U_MONTH };

struct buckets {
	enum unit unit;
	size_t n;
	int64_t *start; /* day number where each bucket begins, n + 1 */
	size_t *count;
	size_t max, hidden; /* hidden: articles before the first bucket */
};

static int64_t floor_div(int64_t a, int64_t b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/* 1970-01-01 was a Thursday: Monday on or before day d. */
static int64_t monday(int64_t d)
{
	return d - (d + 3 - floor_div(d + 3, 7) * 7);
}

/* Months since year 0 of day d, and back (Hinnant's civil algorithms). */
static int64_t month_of(int64_t d)
{
	int64_t z = d + 719468, era = floor_div(z, 146097);
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153, m = mp < 10 ? mp + 3 : mp - 9;

	return (yoe + era * 400 + (m <= 2)) * 12 + m - 1;
}

static int64_t day_of_month(int64_t mi)
{
	int64_t y = floor_div(mi, 12), m = mi - y * 12 + 1;
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = floor_div(y, 400);
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void fill(struct buckets *b, const struct nd_tally *t)
{
	size_t i, k = 0;

	b->count = nd_xcalloc(b->n, sizeof(*b->count));
	for (i = 0; i < t->ndays; i++) {
		if (t->days[i] < b->start[0]) {
			b->hidden++;
			continue;
		}
		while (k + 1 < b->n && t->days[i] >= b->start[k + 1])
			k++;
		if (++b->count[k] > b->max)
			b->max = b->count[k];
	}
}

/* The finest unit whose buckets fit in cols columns; months beyond that
 * keep the latest. */
static void choose(struct buckets *b, const struct nd_tally *t, size_t cols)
{
	int64_t first = t->days[0], last = t->days[t->ndays - 1], m0, m1;
	size_t i;

	if ((uint64_t)(last - first) < cols) {
		b->unit = U_DAY, b->n = (size_t)(last - first + 1);
	} else if ((uint64_t)(monday(last) - monday(first)) / 7 < cols) {
		b->unit = U_WEEK;
		b->n = (size_t)((monday(last) - monday(first)) / 7 + 1);
		first = monday(first);
	} else {
		m0 = month_of(first), m1 = month_of(last);
		b->unit = U_MONTH;
		if ((uint64_t)(m1 - m0) >= cols)
			m0 = m1 - (int64_t)cols + 1;
		b->n = (size_t)(m1 - m0 + 1);
		first = m0;
	}
	b->start = nd_xmalloc((b->n + 1) * sizeof(*b->start));
	for (i = 0; i <= b->n; i++) {
		if (b->unit == U_MONTH)
			b->start[i] = day_of_month(first + (int64_t)i);
		else
			b->start[i] = first + (int64_t)i *
					      (b->unit == U_WEEK ? 7 : 1);
	}
	fill(b, t);
}

static void day_text(int64_t day, int month, char out[11])
{
	nd_date_format(day * 86400, out);
	if (month)
		out[7] = '\0';
}

/* The query and label of bucket i. */
static void describe(const struct buckets *b, size_t i, char *q, char *label,
		     size_t cap)
{
	char a[11], z[11];

	day_text(b->start[i], 0, a);
	day_text(b->start[i + 1], 0, z);
	if (b->unit == U_DAY) {
		snprintf(q, cap, "date:%s", a);
		snprintf(label, cap, "%s", a);
		return;
	}
	snprintf(q, cap, "date>=%s date<%s", a, z);
	if (b->unit == U_WEEK)
		snprintf(label, cap, "week of %s", a);
	else
		snprintf(label, cap, "%.7s", a);
}

struct geometry {
	size_t gutter, colw, barw, rows, first_line;
};

static void bar_rows(struct nd_chart *c, const struct buckets *b,
		     const struct geometry *g, int ascii)
{
	struct nd_buf tmp = ND_BUF_INIT;
	struct chart_line l;
	size_t r, i, k, units;

	for (r = g->rows; r-- > 0;) {
		cl_init(&l);
		nd_buf_reset(&tmp);
		if (r + 1 == g->rows)
			nd_buf_addf(&tmp, "%*zu ", (int)g->gutter - 1, b->max);
		else
			nd_buf_pad(&tmp, ' ', g->gutter);
		cl_add(&l, ND_CHART_AXIS, tmp.data, tmp.len);
		nd_buf_reset(&tmp);
		for (i = 0; i < b->n; i++) {
			units = chart_units(b->count[i], b->max, g->rows, ascii);
			for (k = 0; k < g->barw; k++)
				chart_vcell(&tmp, units > r * 8 ? units - r * 8
							       : 0, ascii);
			nd_buf_pad(&tmp, ' ', g->colw - g->barw);
		}
		cl_add(&l, ND_CHART_BAR, tmp.data, tmp.len);
		chart_push(c, &l, -1);
	}
	nd_buf_release(&tmp);
}

/* The first bucket's date under the first bar, the last's under the last
 * when both fit. */
static void axis_line(struct nd_chart *c, const struct buckets *b,
		      const struct geometry *g)
{
	struct chart_line l;
	struct nd_buf tmp = ND_BUF_INIT;
	char a[11], z[11];
	size_t end = g->gutter + (b->n - 1) * g->colw + g->barw, len;
	int month = b->unit == U_MONTH;

	day_text(b->start[0], month, a);
	day_text(b->start[b->n - 1], month, z);
	len = strlen(a);
	nd_buf_pad(&tmp, ' ', g->gutter);
	nd_buf_adds(&tmp, a);
	if (b->n > 1 && end >= g->gutter + 2 * len + 1) {
		nd_buf_pad(&tmp, ' ', end - len - tmp.len);
		nd_buf_adds(&tmp, z);
	}
	cl_init(&l);
	cl_add(&l, ND_CHART_AXIS, tmp.data, tmp.len);
	chart_push(c, &l, -1);
	nd_buf_release(&tmp);
}

static void targets(struct nd_chart *c, const struct buckets *b,
		    const struct geometry *g)
{
	char q[64], label[64];
	size_t i;
	long t;

	for (i = 0; i < b->n; i++) {
		if (b->count[i] == 0)
			continue;
		describe(b, i, q, label, sizeof(q));
		t = chart_target(c, q, label, b->count[i]);
		c->targets[t].line = g->first_line;
		c->targets[t].lines = g->rows;
		c->targets[t].col = g->gutter + i * g->colw;
		c->targets[t].cols = g->barw;
	}
}

static void heading(struct nd_chart *c, const struct nd_tally *t,
		    const struct buckets *b)
{
	static const char *const names[] = { "day", "week", "month" };
	struct chart_line l;
	struct nd_buf tmp = ND_BUF_INIT;

	nd_buf_addf(&tmp, "Articles per %s", names[b->unit]);
	if (t->total > t->ndays)
		nd_buf_addf(&tmp, " (%zu undated)", t->total - t->ndays);
	if (b->hidden != 0)
		nd_buf_addf(&tmp, " (%zu earlier not shown)", b->hidden);
	cl_init(&l);
	cl_add(&l, ND_CHART_TITLE, tmp.data, tmp.len);
	chart_push(c, &l, -1);
	nd_buf_release(&tmp);
}

static size_t time_rows(const struct nd_chart_opts *o)
{
	if (o->height == 0)
		return 8;
	return o->height < 7 ? 3 : o->height > 20 ? 16 : o->height - 4;
}

void nd_chart_time(struct nd_chart *c, const struct nd_tally *t,
		   const struct nd_chart_opts *o, size_t rows)
{
	struct buckets b;
	struct geometry g;
	struct chart_line l;
	size_t width = o->width < 20 ? 20 : o->width;

	if (t->ndays == 0) {
		cl_init(&l);
		cl_add(&l, ND_CHART_TITLE, ND_LIT("Articles per day: none "
						  "dated"));
		chart_push(c, &l, -1);
		return;
	}
	memset(&b, 0, sizeof(b));
	memset(&g, 0, sizeof(g));
	g.gutter = chart_digits(t->ndays) + 1;
	choose(&b, t, width - g.gutter);
	g.gutter = chart_digits(b.max) + 1;
	g.colw = (width - g.gutter) / b.n;
	g.colw = g.colw < 1 ? 1 : g.colw > 8 ? 8 : g.colw;
	g.barw = g.colw > 1 ? g.colw - 1 : 1;
	g.rows = rows ? rows : time_rows(o);
	heading(c, t, &b);
	g.first_line = c->count;
	bar_rows(c, &b, &g, o->ascii);
	axis_line(c, &b, &g);
	targets(c, &b, &g);
	free(b.start);
	free(b.count);
}

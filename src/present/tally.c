/* Counting a set of articles once, for the charts. */
#include "newsdesk/present/tally.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/datetime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int nd_tally_bucket(int32_t v)
{
	if (v < 0)
		return 0;
	return v >= 100 ? ND_TALLY_BUCKETS - 1 : 1 + v / 20;
}

const char *nd_tally_bucket_label(int b)
{
	static const char *const labels[ND_TALLY_BUCKETS] = {
		"<0", "0-19", "20-39", "40-59", "60-79", "80-99", "100+",
	};

	return b >= 0 && b < ND_TALLY_BUCKETS ? labels[b] : "?";
}

void nd_tally_bucket_query(int b, const char *field, char *out, size_t cap)
{
	if (b <= 0)
		snprintf(out, cap, "%s<0", field);
	else if (b >= ND_TALLY_BUCKETS - 1)
		snprintf(out, cap, "%s>=100", field);
	else
		snprintf(out, cap, "%s>=%d %s<%d", field, (b - 1) * 20, field,
			 b * 20);
}

static int by_day(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* Whole days, rounding towards the past (dates before 1970 too). */
static int64_t day_of(int64_t t)
{
	return t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
}

static void count_one(struct nd_tally *t, const struct nd_index *idx,
		      const struct nd_summary *s)
{
	uint32_t prov = s->provider ? s->provider : s->domain;
	size_t i;

	t->total++;
	t->published += s->published == 1;
	t->unpublished += s->published != 1;
	t->pub_missing += s->published == -1;
	t->read += s->read != 0;
	t->unread += s->read == 0;
	if (prov != 0)
		t->by[ND_BY_PROVIDER][prov]++;
	else
		t->none[ND_BY_PROVIDER]++;
	if (s->category != 0)
		t->by[ND_BY_CATEGORY][s->category]++;
	else
		t->none[ND_BY_CATEGORY]++;
	for (i = 0; i < s->ntopics; i++)
		t->by[ND_BY_TOPIC][idx->topics[s->topics_at + i]]++;
	t->none[ND_BY_TOPIC] += s->ntopics == 0;
	if (s->quality == ND_NUM_UNKNOWN)
		t->quality_unknown++;
	else
		t->quality[nd_tally_bucket(s->quality)]++;
	if (s->heat == ND_NUM_UNKNOWN)
		t->heat_unknown++;
	else
		t->heat[nd_tally_bucket(s->heat)]++;
	if (s->date != ND_TIME_NONE)
		t->days[t->ndays++] = day_of(s->date);
}

void nd_tally_count(struct nd_tally *t, const struct nd_index *idx,
		    const uint32_t *ids, size_t n)
{
	size_t i, k;

	memset(t, 0, sizeof(*t));
	if (ids == NULL)
		n = idx->count;
	t->nstrs = idx->pool.nstrs + 1;
	for (k = 0; k < ND_BY_COUNT; k++)
		t->by[k] = nd_xcalloc(t->nstrs, sizeof(size_t));
	t->days = nd_xmalloc((n ? n : 1) * sizeof(*t->days));
	for (i = 0; i < n; i++) {
		const struct nd_summary *s = &idx->items[ids ? ids[i] : i];

		if (!s->removed)
			count_one(t, idx, s);
	}
	qsort(t->days, t->ndays, sizeof(*t->days), by_day);
}

void nd_tally_release(struct nd_tally *t)
{
	size_t k;

	for (k = 0; k < ND_BY_COUNT; k++)
		free(t->by[k]);
	free(t->days);
	memset(t, 0, sizeof(*t));
}

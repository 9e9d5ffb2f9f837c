#include "newsdesk/sort.h"

#include "newsdesk/datetime.h"
#include "newsdesk/utf8.h"

#include <stdlib.h>
#include <string.h>

static const char *const names[ND_SORT_COUNT] = {
	"date", "quality", "heat", "provider", "title", "path",
};

int nd_sort_parse(const char *name, enum nd_sort_key *key)
{
	int i;

	for (i = 0; i < ND_SORT_COUNT; i++) {
		if (strcmp(name, names[i]) == 0) {
			*key = (enum nd_sort_key)i;
			return 0;
		}
	}
	return -1;
}

const char *nd_sort_name(enum nd_sort_key key)
{
	return key < ND_SORT_COUNT ? names[key] : "?";
}

struct ctx {
	const struct nd_index *idx;
	enum nd_sort_key key;
	int desc;
};

static int missing(const struct ctx *c, const struct nd_summary *s)
{
	switch (c->key) {
	case ND_SORT_DATE:
		return s->date == ND_TIME_NONE;
	case ND_SORT_QUALITY:
		return s->quality == ND_NUM_UNKNOWN;
	case ND_SORT_HEAT:
		return s->heat == ND_NUM_UNKNOWN;
	case ND_SORT_PROVIDER:
		return s->provider == 0 && s->domain == 0;
	case ND_SORT_TITLE:
		return s->title_len == 0;
	default:
		return 0;
	}
}

static int num_cmp(long long a, long long b)
{
	return (a > b) - (a < b);
}

static int provider_cmp(const struct ctx *c, const struct nd_summary *a,
			const struct nd_summary *b)
{
	size_t al, bl;
	const char *as = nd_index_str(c->idx, a->provider ? a->provider
							  : a->domain, &al);
	const char *bs = nd_index_str(c->idx, b->provider ? b->provider
							  : b->domain, &bl);

	return nd_fold_compare(as, al, bs, bl);
}

static int key_cmp(const struct ctx *c, const struct nd_summary *a,
		   const struct nd_summary *b)
{
	switch (c->key) {
	case ND_SORT_DATE:
		return num_cmp(a->date, b->date);
	case ND_SORT_QUALITY:
		return num_cmp(a->quality, b->quality);
	case ND_SORT_HEAT:
		return num_cmp(a->heat, b->heat);
	case ND_SORT_PROVIDER:
		return provider_cmp(c, a, b);
	case ND_SORT_TITLE:
		return nd_fold_compare(a->title, a->title_len, b->title,
				       b->title_len);
	default:
		return strcmp(a->path, b->path);
	}
}

static int cmp(const struct ctx *c, uint32_t x, uint32_t y)
{
	const struct nd_summary *a = &c->idx->items[x], *b = &c->idx->items[y];
	int ma = missing(c, a), mb = missing(c, b), r;

	if (ma || mb)
		return ma - mb;
	r = key_cmp(c, a, b);
	return c->desc ? -r : r;
}

/* Bottom-up merge sort: stable, O(n log n), no recursion. */
static void merge_pass(const struct ctx *c, const uint32_t *src, uint32_t *dst,
		       size_t n, size_t width)
{
	size_t lo, mid, hi, i, j, k;

	for (lo = 0; lo < n; lo += 2 * width) {
		mid = lo + width < n ? lo + width : n;
		hi = lo + 2 * width < n ? lo + 2 * width : n;
		i = lo, j = mid, k = lo;
		while (i < mid && j < hi)
			dst[k++] = cmp(c, src[j], src[i]) < 0 ? src[j++]
							      : src[i++];
		while (i < mid)
			dst[k++] = src[i++];
		while (j < hi)
			dst[k++] = src[j++];
	}
}

int nd_sort_ids(const struct nd_index *idx, uint32_t *ids, size_t n,
		enum nd_sort_key key, int descending)
{
	struct ctx c = { idx, key, descending };
	uint32_t *tmp, *src = ids, *dst, *t;
	size_t width;

	if (n < 2)
		return 0;
	tmp = malloc(n * sizeof(*tmp));
	if (tmp == NULL)
		return -1;
	dst = tmp;
	for (width = 1; width < n; width *= 2) {
		merge_pass(&c, src, dst, n, width);
		t = src, src = dst, dst = t;
	}
	if (src != ids)
		memcpy(ids, src, n * sizeof(*ids));
	free(tmp);
	return 0;
}

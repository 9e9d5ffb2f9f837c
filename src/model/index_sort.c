#include "newsdesk/model/sort.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/buf.h"
#include "newsdesk/base/datetime.h"
#include "newsdesk/base/utf8.h"

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

int nd_sort_natural_desc(enum nd_sort_key key)
{
	return key == ND_SORT_DATE || key == ND_SORT_QUALITY ||
	       key == ND_SORT_HEAT;
}

const char *nd_sort_name(enum nd_sort_key key)
{
	return key < ND_SORT_COUNT ? names[key] : "?";
}

/*
 * Sorting 100,000 ids must feel instant. Chasing each id into the index
 * and decoding titles on every comparison is slow, so each id first gets a
 * 64-bit key: the value itself for numbers, the first eight bytes of the
 * case-folded text for strings (UTF-8 byte order is code point order).
 * Only equal text prefixes fall back to the full comparison.
 */
struct ent {
	uint64_t k, k2; /* k2: the next eight bytes, for text keys */
	uint32_t id;
	uint8_t missing;
};

struct ctx {
	const struct nd_index *idx;
	enum nd_sort_key key;
	int desc;
};

static int is_text_key(enum nd_sort_key k)
{
	return k == ND_SORT_PROVIDER || k == ND_SORT_TITLE || k == ND_SORT_PATH;
}

static const char *text_of(const struct ctx *c, const struct nd_summary *s,
			   size_t *len)
{
	if (c->key == ND_SORT_TITLE) {
		*len = s->title_len;
		return s->title;
	}
	if (c->key == ND_SORT_PATH) {
		*len = strlen(s->path);
		return s->path;
	}
	return nd_index_str(c->idx, s->provider ? s->provider : s->domain, len);
}

static uint64_t signed_key(int64_t v)
{
	return (uint64_t)v ^ (1ULL << 63);
}

static uint64_t be64(const struct nd_buf *b, size_t at)
{
	uint64_t k = 0;
	size_t i;

	for (i = at; i < at + 8; i++)
		k = (k << 8) | (i < b->len ? (unsigned char)b->data[i] : 0);
	return k;
}

/* Folding may change byte lengths, so fold a little more than 16. */
static void prefix_key(struct ent *e, const char *s, size_t len,
		       struct nd_buf *tmp, int fold)
{
	nd_buf_reset(tmp);
	if (fold)
		nd_casefold(tmp, s, len > 48 ? 48 : len);
	else
		nd_buf_add(tmp, s, len > 16 ? 16 : len);
	e->k = be64(tmp, 0);
	e->k2 = be64(tmp, 8);
}

static void make_ent(const struct ctx *c, uint32_t id, struct ent *e,
		     struct nd_buf *tmp)
{
	const struct nd_summary *s = &c->idx->items[id];
	const char *t;
	size_t len;

	e->id = id;
	e->k2 = 0;
	switch (c->key) {
	case ND_SORT_DATE:
		e->missing = s->date == ND_TIME_NONE;
		e->k = signed_key(s->date);
		return;
	case ND_SORT_QUALITY:
		e->missing = s->quality == ND_NUM_UNKNOWN;
		e->k = signed_key(s->quality);
		return;
	case ND_SORT_HEAT:
		e->missing = s->heat == ND_NUM_UNKNOWN;
		e->k = signed_key(s->heat);
		return;
	default:
		t = text_of(c, s, &len);
		e->missing = len == 0;
		prefix_key(e, t, len, tmp, c->key != ND_SORT_PATH);
	}
}

static int full_text_cmp(const struct ctx *c, uint32_t x, uint32_t y)
{
	const struct nd_summary *a = &c->idx->items[x], *b = &c->idx->items[y];
	const char *as, *bs;
	size_t al, bl;

	if (c->key == ND_SORT_PATH)
		return strcmp(a->path, b->path);
	as = text_of(c, a, &al);
	bs = text_of(c, b, &bl);
	return nd_fold_compare(as, al, bs, bl);
}

static int cmp(const struct ctx *c, const struct ent *a, const struct ent *b)
{
	int r;

	if (a->missing || b->missing)
		return a->missing - b->missing;
	if (a->k != b->k)
		r = a->k < b->k ? -1 : 1;
	else if (a->k2 != b->k2)
		r = a->k2 < b->k2 ? -1 : 1;
	else if (is_text_key(c->key))
		r = full_text_cmp(c, a->id, b->id);
	else
		r = 0;
	return c->desc ? -r : r;
}

/* Bottom-up merge sort: stable, O(n log n), no recursion. */
static void merge_pass(const struct ctx *c, const struct ent *src,
		       struct ent *dst, size_t n, size_t width)
{
	size_t lo, mid, hi, i, j, k;

	for (lo = 0; lo < n; lo += 2 * width) {
		mid = lo + width < n ? lo + width : n;
		hi = lo + 2 * width < n ? lo + 2 * width : n;
		i = lo, j = mid, k = lo;
		while (i < mid && j < hi)
			dst[k++] = cmp(c, &src[j], &src[i]) < 0 ? src[j++]
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
	struct nd_buf tmp = ND_BUF_INIT;
	struct ent *buf, *src, *dst, *t;
	size_t width, i;

	if (n < 2)
		return 0;
	buf = nd_xmalloc(2 * n * sizeof(*buf));
	src = buf;
	dst = buf + n;
	for (i = 0; i < n; i++)
		make_ent(&c, ids[i], &src[i], &tmp);
	nd_buf_release(&tmp);
	for (width = 1; width < n; width *= 2) {
		merge_pass(&c, src, dst, n, width);
		t = src, src = dst, dst = t;
	}
	for (i = 0; i < n; i++)
		ids[i] = src[i].id;
	free(buf);
	return 0;
}

#include "newsdesk/model/index.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/buf.h"
#include "newsdesk/base/datetime.h"
#include "newsdesk/base/hash.h"

#include <stdlib.h>
#include <string.h>

struct nd_index *nd_index_new(const char *root)
{
	struct nd_index *idx = nd_xcalloc(1, sizeof(*idx));

	idx->root = nd_xstrdup(root != NULL ? root : "");
	nd_strpool_init(&idx->pool);
	return idx;
}

void nd_index_free(struct nd_index *idx)
{
	if (idx == NULL)
		return;
	nd_strpool_release(&idx->pool);
	free(idx->items);
	free(idx->topics);
	free(idx->urls);
	free(idx->keys);
	free(idx->root);
	free(idx);
}

static int32_t clamp32(long long v)
{
	if (v == ND_UNKNOWN)
		return ND_NUM_UNKNOWN;
	if (v > INT32_MAX)
		return INT32_MAX;
	if (v <= INT32_MIN)
		return INT32_MIN + 1;
	return (int32_t)v;
}

/* A summary needs no more than this of any one text. */
#define TEXT_CAP 4096

static size_t capped(struct nd_text t)
{
	return t.len > TEXT_CAP ? TEXT_CAP : t.len;
}

static void entry_view(struct nd_entry *e, const struct nd_article *a)
{
	e->path = a->path;
	e->title = a->title;
	e->excerpt = a->excerpt;
	e->web_url = a->web_url;
	e->original_url = a->original_url;
	e->provider = a->provider.name;
	e->domain = a->provider.domain;
	e->category = a->category;
	e->type = a->type;
	e->topics = a->topics;
	e->ntopics = a->ntopics;
	e->nrelated = a->nrelated;
	e->date = a->date;
	e->quality = a->quality;
	e->heat = a->heat;
	e->published = a->published;
	e->block = NULL;
}

static void take(char **at, struct nd_text *t)
{
	size_t n = capped(*t);

	if (t->s == NULL)
		return;
	memcpy(*at, t->s, n);
	(*at)[n] = '\0';
	t->s = *at;
	t->len = n;
	*at += n + 1;
}

int nd_index_entry_copy(struct nd_entry *e, const struct nd_article *a)
{
	entry_view(e, a);
	return nd_index_entry_own(e);
}

int nd_index_entry_own(struct nd_entry *e)
{
	struct nd_text *texts[8], *topics;
	size_t need, i, plen = strlen(e->path) + 1;
	const char *path = e->path;
	char *at;

	texts[0] = &e->title, texts[1] = &e->excerpt, texts[2] = &e->web_url;
	texts[3] = &e->original_url, texts[4] = &e->provider;
	texts[5] = &e->domain, texts[6] = &e->category, texts[7] = &e->type;
	need = plen + e->ntopics * sizeof(*topics);
	for (i = 0; i < 8; i++)
		need += capped(*texts[i]) + 1;
	for (i = 0; i < e->ntopics; i++)
		need += capped(e->topics[i]) + 1;
	e->block = nd_xmalloc(need);
	topics = (struct nd_text *)(void *)e->block;
	at = e->block + e->ntopics * sizeof(*topics);
	for (i = 0; i < e->ntopics; i++) {
		topics[i] = e->topics[i];
		take(&at, &topics[i]);
	}
	e->topics = topics;
	for (i = 0; i < 8; i++)
		take(&at, texts[i]);
	memcpy(at, path, plen);
	e->path = at;
	return 0;
}

void nd_index_entry_release(struct nd_entry *e)
{
	free(e->block);
	e->block = NULL;
}

static const char *copy_text(struct nd_strpool *p, struct nd_text t,
			     uint32_t *len)
{
	size_t n = capped(t);

	*len = (uint32_t)n;
	return nd_strpool_copy(p, t.s != NULL ? t.s : "", n);
}

static uint32_t intern(struct nd_strpool *p, struct nd_text t)
{
	return t.s != NULL ? nd_strpool_intern(p, t.s, t.len) : 0;
}

static void add_topics(struct nd_index *idx, const struct nd_entry *e,
		       struct nd_summary *s)
{
	size_t i, n = e->ntopics > UINT16_MAX ? UINT16_MAX : e->ntopics;

	nd_grow(&idx->topics, &idx->topics_cap, idx->ntopics + n,
		sizeof(*idx->topics));
	s->topics_at = (uint32_t)idx->ntopics;
	s->ntopics = (uint16_t)n;
	for (i = 0; i < n; i++)
		idx->topics[idx->ntopics++] = intern(&idx->pool, e->topics[i]);
}

long nd_index_add_entry(struct nd_index *idx, const struct nd_entry *e,
			size_t rel_at, unsigned warnings)
{
	struct nd_summary *s;
	struct nd_strpool *p = &idx->pool;

	nd_grow(&idx->items, &idx->cap, idx->count + 1, sizeof(*idx->items));
	s = &idx->items[idx->count];
	memset(s, 0, sizeof(*s));
	s->path = nd_strpool_copy(p, e->path, strlen(e->path));
	s->rel_at = (uint32_t)rel_at;
	s->title = copy_text(p, e->title, &s->title_len);
	s->excerpt = copy_text(p, e->excerpt, &s->excerpt_len);
	s->web_url = copy_text(p, e->web_url, &s->web_url_len);
	s->original_url = copy_text(p, e->original_url, &s->original_url_len);
	s->date = e->date;
	s->quality = clamp32(e->quality);
	s->heat = clamp32(e->heat);
	s->provider = intern(p, e->provider);
	s->domain = intern(p, e->domain);
	s->category = intern(p, e->category);
	s->type = intern(p, e->type);
	s->nrelated = e->nrelated > UINT16_MAX ? UINT16_MAX
					       : (uint16_t)e->nrelated;
	s->published = (int8_t)e->published;
	s->warnings = warnings > 255 ? 255 : (uint8_t)warnings;
	add_topics(idx, e, s);
	return (long)idx->count++;
}

int nd_index_update(struct nd_index *idx, size_t id,
		    const struct nd_article *a)
{
	struct nd_summary keep;
	struct nd_entry e;
	size_t n;

	if (id >= idx->count)
		return -1;
	if (a == NULL) {
		idx->removed += !idx->items[id].removed;
		idx->items[id].removed = 1;
		return 0;
	}
	idx->removed -= idx->items[id].removed;
	/* Build the new summary at the end, then move it into place: the
	 * path (and so the id) stays, the rest is read again. */
	keep = idx->items[id];
	entry_view(&e, a);
	e.path = keep.path;
	n = idx->count;
	if (nd_index_add_entry(idx, &e, keep.rel_at, keep.warnings) < 0)
		return -1;
	idx->items[id] = idx->items[n];
	idx->items[id].path = keep.path;
	idx->items[id].read = keep.read; /* state outside the file */
	idx->count = n;
	return 0;
}

long nd_index_add(struct nd_index *idx, const struct nd_article *a,
		  size_t rel_at, unsigned warnings)
{
	struct nd_entry e;

	entry_view(&e, a);
	return nd_index_add_entry(idx, &e, rel_at, warnings);
}

const struct nd_summary *nd_index_get(const struct nd_index *idx, size_t id)
{
	return id < idx->count ? &idx->items[id] : NULL;
}

const char *nd_index_str(const struct nd_index *idx, uint32_t sid, size_t *len)
{
	return nd_strpool_str(&idx->pool, sid, len);
}

long nd_index_find_path(const struct nd_index *idx, const char *path)
{
	size_t lo = 0, hi = idx->count, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(idx->items[mid].path, path);
		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static int same(const char *a, size_t alen, const char *b, size_t blen)
{
	return alen == blen && alen != 0 && memcmp(a, b, alen) == 0;
}

static int matches(const struct nd_summary *s, const char *url, size_t len)
{
	return same(s->web_url, s->web_url_len, url, len) ||
	       same(s->original_url, s->original_url_len, url, len);
}

static size_t url_hash(const char *s, size_t len)
{
	return (size_t)nd_hash64(s, len);
}

static void url_insert(struct nd_index *idx, const char *url, size_t len,
		       uint32_t id)
{
	size_t mask = idx->urls_cap - 1, j = url_hash(url, len) & mask;

	if (len == 0)
		return;
	while (idx->urls[j] != 0) {
		if (matches(&idx->items[idx->urls[j] - 1], url, len))
			return; /* keep the first in path order */
		j = (j + 1) & mask;
	}
	idx->urls[j] = id + 1;
}

int nd_index_build_urls(struct nd_index *idx)
{
	size_t cap = 16, i;

	while (cap < idx->count * 4)
		cap *= 2;
	free(idx->urls);
	idx->urls = nd_xcalloc(cap, sizeof(*idx->urls));
	idx->urls_cap = cap;
	for (i = 0; i < idx->count; i++) {
		const struct nd_summary *s = &idx->items[i];

		url_insert(idx, s->web_url, s->web_url_len, (uint32_t)i);
		url_insert(idx, s->original_url, s->original_url_len,
			   (uint32_t)i);
	}
	return 0;
}

long nd_index_find_url(const struct nd_index *idx, const char *url,
		       size_t len)
{
	size_t i, mask, j;

	if (len == 0)
		return -1;
	if (idx->urls_cap == 0) {
		for (i = 0; i < idx->count; i++) {
			if (matches(&idx->items[i], url, len))
				return (long)i;
		}
		return -1;
	}
	mask = idx->urls_cap - 1;
	for (j = url_hash(url, len) & mask; idx->urls[j] != 0;
	     j = (j + 1) & mask) {
		if (matches(&idx->items[idx->urls[j] - 1], url, len))
			return (long)idx->urls[j] - 1;
	}
	return -1;
}

void nd_index_set_key(struct nd_index *idx, size_t id,
		      const struct nd_file_key *key)
{
	if (id >= idx->count)
		return;
	nd_grow(&idx->keys, &idx->keys_cap, idx->count, sizeof(*idx->keys));
	idx->keys[id] = nd_file_key_digest(key);
}

uint64_t nd_file_key_digest(const struct nd_file_key *key)
{
	uint64_t v[5];

	/* Field by field: the struct's padding (none today) is no input. */
	v[0] = key->size;
	v[1] = key->ino;
	v[2] = key->dev;
	v[3] = (uint64_t)key->mtime_ns;
	v[4] = (uint64_t)key->ctime_ns;
	return nd_hash64(v, sizeof(v));
}

static struct nd_text text_of(const struct nd_index *idx, uint32_t sid)
{
	struct nd_text t = { NULL, 0 };

	if (sid != 0)
		t.s = nd_index_str(idx, sid, &t.len);
	return t;
}

/* The summary keeps "" for a missing text: so does the copy. */
static struct nd_text own_text(const char *s, uint32_t len)
{
	struct nd_text t = { s, len };

	return t;
}

void nd_index_entry_of(const struct nd_index *idx, size_t id,
		       struct nd_entry *e, struct nd_text **topics,
		       size_t *cap)
{
	const struct nd_summary *s = &idx->items[id];
	size_t i;

	memset(e, 0, sizeof(*e));
	e->path = s->path;
	e->title = own_text(s->title, s->title_len);
	e->excerpt = own_text(s->excerpt, s->excerpt_len);
	e->web_url = own_text(s->web_url, s->web_url_len);
	e->original_url = own_text(s->original_url, s->original_url_len);
	e->provider = text_of(idx, s->provider);
	e->domain = text_of(idx, s->domain);
	e->category = text_of(idx, s->category);
	e->type = text_of(idx, s->type);
	nd_grow(topics, cap, (size_t)s->ntopics + 1, sizeof(**topics));
	for (i = 0; i < s->ntopics; i++)
		(*topics)[i] = text_of(idx, idx->topics[s->topics_at + i]);
	e->topics = *topics;
	e->ntopics = s->ntopics;
	e->nrelated = s->nrelated;
	e->date = s->date;
	e->quality = s->quality == ND_NUM_UNKNOWN ? ND_UNKNOWN : s->quality;
	e->heat = s->heat == ND_NUM_UNKNOWN ? ND_UNKNOWN : s->heat;
	e->published = (int)s->published; /* -1, 0 or 1: signed on purpose */
}

void nd_index_reserve(struct nd_index *idx, size_t n)
{
	/* Exactly n: doubling past 65,536 summaries would waste 3 MB. */
	if (n <= idx->cap)
		return;
	idx->items = nd_xrealloc(idx->items, n * sizeof(*idx->items));
	idx->cap = n;
	idx->keys = nd_xrealloc(idx->keys, n * sizeof(*idx->keys));
	idx->keys_cap = n;
}

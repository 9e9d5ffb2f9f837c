/* The read state store: its table and what the desk and the CLI call. */
#include "newsdesk/write/readstate.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/hash.h"
#include "newsdesk/base/xdg.h"

#include "readstate_int.h"

#include <stdlib.h>
#include <string.h>

char *nd_readstate_default_path(void)
{
	return nd_xdg_path(ND_XDG_STATE, "read");
}

struct nd_readstate *nd_readstate_new(const char *path)
{
	struct nd_readstate *rs = nd_xcalloc(1, sizeof(*rs));

	rs->path = nd_xstrdup(path);
	nd_strpool_init(&rs->arena);
	return rs;
}

void rs_clear(struct nd_readstate *rs)
{
	nd_strpool_release(&rs->arena);
	nd_strpool_init(&rs->arena);
	free(rs->items);
	free(rs->table);
	rs->items = NULL;
	rs->table = NULL;
	rs->count = rs->cap = rs->table_cap = 0;
	rs->nread = rs->pending = 0;
}

void nd_readstate_free(struct nd_readstate *rs)
{
	if (rs == NULL)
		return;
	rs_clear(rs);
	nd_strpool_release(&rs->arena);
	free(rs->path);
	free(rs);
}

const char *nd_readstate_path(const struct nd_readstate *rs)
{
	return rs->path;
}

size_t nd_readstate_pending(const struct nd_readstate *rs)
{
	return rs->pending;
}

size_t nd_readstate_count(const struct nd_readstate *rs)
{
	return rs->nread;
}

static size_t slot_of(const struct nd_readstate *rs, const char *key,
		      size_t len)
{
	size_t mask = rs->table_cap - 1, i = nd_hash64(key, len) & mask;
	const struct rs_entry *e;

	while (rs->table[i] != 0) {
		e = &rs->items[rs->table[i] - 1];
		if (e->len == len && memcmp(e->key, key, len) == 0)
			break;
		i = (i + 1) & mask;
	}
	return i;
}

struct rs_entry *rs_find(const struct nd_readstate *rs, const char *key,
			 size_t len)
{
	size_t i;

	if (rs->table_cap == 0)
		return NULL;
	i = slot_of(rs, key, len);
	return rs->table[i] ? &rs->items[rs->table[i] - 1] : NULL;
}

/* Keeps the table at most half full, so probes stay short. */
static void table_grow(struct nd_readstate *rs)
{
	size_t i;

	free(rs->table);
	rs->table_cap = rs->table_cap ? rs->table_cap * 2 : 1024;
	rs->table = nd_xcalloc(rs->table_cap, sizeof(*rs->table));
	for (i = 0; i < rs->count; i++)
		rs->table[slot_of(rs, rs->items[i].key, rs->items[i].len)] =
			(uint32_t)i + 1;
}

struct rs_entry *rs_add(struct nd_readstate *rs, const char *key, size_t len)
{
	struct rs_entry *e = rs_find(rs, key, len);

	if (e != NULL)
		return e;
	if (len > UINT32_MAX || rs->count >= UINT32_MAX - 1)
		nd_alloc_fail(len);
	if ((rs->count + 1) * 2 > rs->table_cap)
		table_grow(rs);
	nd_grow(&rs->items, &rs->cap, rs->count + 1, sizeof(*rs->items));
	e = &rs->items[rs->count];
	memset(e, 0, sizeof(*e));
	e->key = nd_strpool_copy(&rs->arena, key, len);
	e->len = (uint32_t)len;
	rs->table[slot_of(rs, key, len)] = (uint32_t)++rs->count;
	return e;
}

void rs_set(struct nd_readstate *rs, struct rs_entry *e, int read)
{
	read = read != 0;
	if (e->read == read)
		return;
	rs->nread += read ? 1 : (size_t)-1;
	e->read = (uint8_t)read;
}

void nd_readstate_identity(const struct nd_summary *s, struct nd_buf *out)
{
	nd_buf_reset(out);
	if (s->web_url_len != 0) {
		nd_buf_add(out, ND_LIT("u\t"));
		nd_buf_add(out, s->web_url, s->web_url_len);
	} else if (s->original_url_len != 0) {
		nd_buf_add(out, ND_LIT("u\t"));
		nd_buf_add(out, s->original_url, s->original_url_len);
	} else {
		nd_buf_add(out, ND_LIT("p\t"));
		nd_buf_adds(out, s->path + s->rel_at);
	}
}

static int lookup(const struct nd_readstate *rs, const struct nd_summary *s,
		  struct nd_buf *key)
{
	const struct rs_entry *e;

	nd_readstate_identity(s, key);
	e = rs_find(rs, key->data, key->len);
	return e != NULL && e->read;
}

void nd_readstate_apply(const struct nd_readstate *rs, struct nd_index *idx)
{
	struct nd_buf key = ND_BUF_INIT;
	size_t i;

	for (i = 0; i < idx->count; i++)
		idx->items[i].read = (uint8_t)lookup(rs, &idx->items[i], &key);
	nd_buf_release(&key);
}

int nd_readstate_is_read(const struct nd_readstate *rs,
			 const struct nd_index *idx, size_t id)
{
	struct nd_buf key = ND_BUF_INIT;
	int r;

	if (id >= idx->count)
		return 0;
	r = lookup(rs, &idx->items[id], &key);
	nd_buf_release(&key);
	return r;
}

static int set_one(struct nd_readstate *rs, struct nd_index *idx, size_t id,
		   int read, struct nd_buf *key)
{
	struct rs_entry *e;

	if (id >= idx->count)
		return 0;
	idx->items[id].read = (uint8_t)(read != 0);
	nd_readstate_identity(&idx->items[id], key);
	e = read ? rs_add(rs, key->data, key->len)
		 : rs_find(rs, key->data, key->len);
	if (e == NULL || e->read == (read != 0))
		return 0;
	rs_set(rs, e, read);
	if (!e->changed)
		rs->pending++;
	e->changed = 1;
	return 1;
}

int nd_readstate_set(struct nd_readstate *rs, struct nd_index *idx, size_t id,
		     int read)
{
	struct nd_buf key = ND_BUF_INIT;
	int r = set_one(rs, idx, id, read, &key);

	nd_buf_release(&key);
	return r;
}

size_t nd_readstate_mark(struct nd_readstate *rs, struct nd_index *idx,
			 const uint32_t *ids, size_t n, int read,
			 uint32_t **changed)
{
	struct nd_buf key = ND_BUF_INIT;
	uint32_t *out = NULL;
	size_t i, k = 0, cap = 0;

	for (i = 0; i < n; i++) {
		if (!set_one(rs, idx, ids[i], read, &key))
			continue;
		nd_grow(&out, &cap, k + 1, sizeof(*out));
		out[k++] = ids[i];
	}
	nd_buf_release(&key);
	*changed = out;
	return k;
}

#include "newsdesk/base/strpool.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/hash.h"

#include <stdlib.h>
#include <string.h>

#define CHUNK_SIZE (256u * 1024)

struct nd_strpool_chunk {
	struct nd_strpool_chunk *next;
	size_t used, cap;
	char data[];
};

void nd_strpool_init(struct nd_strpool *p)
{
	memset(p, 0, sizeof(*p));
}

void nd_strpool_release(struct nd_strpool *p)
{
	struct nd_strpool_chunk *c = p->chunks, *next;

	while (c != NULL) {
		next = c->next;
		free(c);
		c = next;
	}
	free(p->strs);
	free(p->table);
	memset(p, 0, sizeof(*p));
}

static char *arena_alloc(struct nd_strpool *p, size_t n)
{
	struct nd_strpool_chunk *c = p->chunks;
	size_t cap;

	if (c == NULL || c->cap - c->used < n) {
		cap = n > CHUNK_SIZE ? n : CHUNK_SIZE;
		c = nd_xmalloc(sizeof(*c) + cap);
		c->used = 0;
		c->cap = cap;
		/* A big one-off string goes behind the current chunk so the
		 * space left in that chunk is not wasted. */
		if (n > CHUNK_SIZE && p->chunks != NULL) {
			c->next = p->chunks->next;
			p->chunks->next = c;
		} else {
			c->next = p->chunks;
			p->chunks = c;
		}
	}
	c->used += n;
	p->bytes += n;
	return c->data + c->used - n;
}

const char *nd_strpool_copy(struct nd_strpool *p, const char *s, size_t len)
{
	char *d = arena_alloc(p, len + 1);

	if (len != 0)
		memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

static uint32_t hash_bytes(const char *s, size_t len)
{
	return (uint32_t)nd_hash64(s, len);
}

static void table_grow(struct nd_strpool *p)
{
	uint32_t ncap = p->table_cap ? p->table_cap * 2 : 256, i, j;
	uint32_t *t = nd_xcalloc(ncap, sizeof(*t));

	for (i = 1; i < p->nstrs; i++) {
		j = p->strs[i].hash & (ncap - 1);
		while (t[j] != 0)
			j = (j + 1) & (ncap - 1);
		t[j] = i;
	}
	free(p->table);
	p->table = t;
	p->table_cap = ncap;
}

static void strs_reserve(struct nd_strpool *p)
{
	struct nd_strpool_entry *n;
	uint32_t ncap;

	if (p->nstrs == 0) {
		p->strs = nd_xcalloc(16, sizeof(*p->strs));
		p->strs_cap = 16;
		p->strs[0].s = "";
		p->nstrs = 1;
	}
	if (p->nstrs < p->strs_cap)
		return;
	ncap = p->strs_cap * 2;
	n = nd_xrealloc(p->strs, ncap * sizeof(*n));
	p->strs = n;
	p->strs_cap = ncap;
}

uint32_t nd_strpool_intern(struct nd_strpool *p, const char *s, size_t len)
{
	uint32_t h, j, id;
	const char *copy;

	if (s == NULL || len > UINT32_MAX)
		return 0;
	strs_reserve(p);
	if ((p->nstrs + 1) * 2 > p->table_cap)
		table_grow(p);
	h = hash_bytes(s, len);
	j = h & (p->table_cap - 1);
	while ((id = p->table[j]) != 0) {
		if (p->strs[id].hash == h && p->strs[id].len == len &&
		    memcmp(p->strs[id].s, s, len) == 0)
			return id;
		j = (j + 1) & (p->table_cap - 1);
	}
	copy = nd_strpool_copy(p, s, len);
	id = p->nstrs++;
	p->strs[id].s = copy;
	p->strs[id].len = (uint32_t)len;
	p->strs[id].hash = h;
	p->table[j] = id;
	return id;
}

const char *nd_strpool_str(const struct nd_strpool *p, uint32_t id, size_t *len)
{
	if (id == 0 || id >= p->nstrs) {
		if (len != NULL)
			*len = 0;
		return "";
	}
	if (len != NULL)
		*len = p->strs[id].len;
	return p->strs[id].s;
}

/*
 * The persistent index's file format, read and written. Layout, in the
 * writer's byte order (a reader of the other order refuses the file):
 *
 *   header (64 bytes): magic, version, 0x01020304, header size, record
 *     count, payload length, checksum of the payload, root length
 *   payload: the root's real path, then the records, each padded to a
 *     multiple of 8 bytes (so the checksum folds whole 64-bit words)
 *   record: length, flags, identity, numbers, counts, 8 text lengths
 *     (UINT32_MAX: missing), then the path below the root, the texts,
 *     the topics and the problems, each as length + bytes
 *
 * Every length is checked against the bytes that remain before use, so
 * any file (a fuzzer's included) is refused or read, never overrun.
 */
#include "newsdesk/model/icache.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/buf.h"
#include "newsdesk/base/hash.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "icache_fmt.h"

struct nd_icache {
	const unsigned char *base; /* the whole file */
	size_t len;
	int mapped;
	size_t count;
	size_t *offs; /* of each record, from base */
	size_t dropped; /* bytes before this were handed back */
};

void nd_icache_seal(void *data, size_t len)
{
	struct header h;

	if (len < HEADER_SIZE)
		return;
	memcpy(&h, data, sizeof(h));
	h.checksum = fold(FOLD_SEED, (const unsigned char *)data + HEADER_SIZE,
			  len - HEADER_SIZE);
	memcpy(data, &h, sizeof(h));
}

char *nd_icache_file(const char *dir, const char *root_real)
{
	char hex[17];
	size_t n = strlen(dir) + 32;
	char *p = nd_xmalloc(n);

	nd_hash_hex(root_real, strlen(root_real), hex);
	snprintf(p, n, "%s%sindex-%s.bin", dir,
		 dir[0] != '\0' && dir[strlen(dir) - 1] == '/' ? "" : "/",
		 hex);
	return p;
}

/* ---- reading ---- */

struct cursor {
	const unsigned char *p, *end;
	int bad;
};

static const unsigned char *take(struct cursor *c, size_t n)
{
	const unsigned char *at = c->p;

	if (c->bad || (size_t)(c->end - c->p) < n) {
		c->bad = 1;
		return NULL;
	}
	c->p += n;
	return at;
}

static uint32_t get32(struct cursor *c)
{
	const unsigned char *at = take(c, 4);
	uint32_t v = 0;

	if (at != NULL)
		memcpy(&v, at, 4);
	return v;
}

static uint64_t get64(struct cursor *c)
{
	const unsigned char *at = take(c, 8);
	uint64_t v = 0;

	if (at != NULL)
		memcpy(&v, at, 8);
	return v;
}

static void get_text(struct cursor *c, uint32_t len, struct nd_text *t)
{
	t->s = NULL;
	t->len = 0;
	if (len == MISSING)
		return;
	t->s = (const char *)take(c, len);
	t->len = t->s != NULL ? len : 0;
}

static void get_topics(struct cursor *c, struct nd_icache_rec *rec,
		       struct nd_text **topics, size_t *cap)
{
	size_t i, n = rec->entry.ntopics;

	if (n > (size_t)(c->end - c->p) / 4) {
		c->bad = 1;
		return;
	}
	nd_grow(topics, cap, n + 1, sizeof(**topics));
	for (i = 0; i < n && !c->bad; i++)
		get_text(c, get32(c), &(*topics)[i]);
	rec->entry.topics = *topics;
}

/* Walks the problems once to check their bounds. */
static void skip_problems(struct cursor *c, size_t n)
{
	size_t i;

	for (i = 0; i < n && !c->bad; i++) {
		get32(c);
		get32(c);
		get32(c);
		take(c, get32(c));
	}
}

static void get_fixed(struct cursor *c, struct nd_icache_rec *rec,
		      uint32_t *lens)
{
	struct nd_entry *e = &rec->entry;
	uint32_t flags = get32(c);
	size_t i;

	rec->ok = (flags & 1u) != 0;
	rec->size = get64(c);
	rec->key.size = get64(c);
	rec->key.ino = get64(c);
	rec->key.dev = get64(c);
	rec->key.mtime_ns = (int64_t)get64(c);
	rec->key.ctime_ns = (int64_t)get64(c);
	e->date = (int64_t)get64(c);
	e->quality = (long long)get64(c);
	e->heat = (long long)get64(c);
	e->published = (int)(int32_t)get32(c);
	e->nrelated = get32(c);
	e->ntopics = get32(c);
	rec->nproblems = get32(c);
	lens[NTEXTS] = get32(c); /* the path below the root */
	for (i = 0; i < NTEXTS; i++)
		lens[i] = get32(c);
}

/* Decodes the record at off; -1 when it is malformed. */
static int decode(const struct nd_icache *ch, size_t off,
		  struct nd_icache_rec *rec, struct nd_text **topics,
		  size_t *cap, size_t *next)
{
	struct nd_text *texts[NTEXTS];
	struct nd_text rel;
	uint32_t lens[NTEXTS + 1], len;
	struct cursor c = { ch->base + off, ch->base + ch->len, 0 };
	size_t i;

	memset(rec, 0, sizeof(*rec));
	len = get32(&c);
	if (c.bad || len % 8 != 0 || len < REC_FIXED ||
	    len > (size_t)(c.end - c.p) + 4)
		return -1;
	c.end = ch->base + off + len;
	get_fixed(&c, rec, lens);
	texts[0] = &rec->entry.title, texts[1] = &rec->entry.excerpt;
	texts[2] = &rec->entry.web_url, texts[3] = &rec->entry.original_url;
	texts[4] = &rec->entry.provider, texts[5] = &rec->entry.domain;
	texts[6] = &rec->entry.category, texts[7] = &rec->entry.type;
	get_text(&c, lens[NTEXTS], &rel);
	rec->rel = rel.s;
	rec->rel_len = rel.len;
	for (i = 0; i < NTEXTS; i++)
		get_text(&c, lens[i], texts[i]);
	get_topics(&c, rec, topics, cap);
	rec->problems = c.p;
	skip_problems(&c, rec->nproblems);
	rec->problems_len = (size_t)(c.p - rec->problems);
	if (c.bad || rec->rel == NULL || (size_t)(c.end - c.p) >= 8)
		return -1;
	*next = off + len;
	return 0;
}

static int check_header(const struct header *h, size_t len,
			struct nd_err *err)
{
	if (memcmp(h->magic, MAGIC, 8) != 0)
		return nd_err_set(err, "not a newsdesk index cache");
	if (h->endian != ENDIAN_MARK)
		return nd_err_set(err, "written with the other byte order");
	if (h->version != ND_ICACHE_VERSION)
		return nd_err_set(err, "version %u, not %u", h->version,
				  ND_ICACHE_VERSION);
	if (h->header_size != HEADER_SIZE || h->payload_len % 8 != 0 ||
	    h->payload_len != len - HEADER_SIZE)
		return nd_err_set(err, "truncated or padded");
	if (h->root_len > h->payload_len)
		return nd_err_set(err, "bad root length");
	return 0;
}

/* Hands pages before off back to the system: the file stays on disk and
 * in the page cache, but not in our resident set. */
static void drop_to(struct nd_icache *c, size_t off)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);

	off &= ~(page - 1);
	if (off < c->dropped)
		c->dropped = 0; /* a new pass from the start */
	if (!c->mapped || off <= c->dropped + ((size_t)1 << 20))
		return;
	/* The mapping is private and read-only: dropped pages come back
	 * from the file if they are touched again. */
	madvise((void *)(uintptr_t)(c->base + c->dropped), off - c->dropped,
		MADV_DONTNEED);
	c->dropped = off;
}

/* Strictly in path order, as the walk sorts (strcmp). */
static int before(const struct nd_icache_rec *a, const struct nd_icache_rec *b)
{
	size_t n = a->rel_len < b->rel_len ? a->rel_len : b->rel_len;
	int c = memcmp(a->rel, b->rel, n);

	return c < 0 || (c == 0 && a->rel_len < b->rel_len);
}

static int scan_records(struct nd_icache *c, size_t off, struct nd_err *err)
{
	struct nd_icache_rec rec, prev;
	struct nd_text *topics = NULL;
	size_t cap = 0, i, next;
	int r = 0;

	memset(&prev, 0, sizeof(prev));
	for (i = 0; i < c->count && r == 0; i++) {
		c->offs[i] = off;
		if (i > 0)
			drop_to(c, c->offs[i - 1]);
		if (decode(c, off, &rec, &topics, &cap, &next) != 0) {
			r = nd_err_set(err, "record %zu is malformed", i);
			break;
		}
		if (i > 0 && !before(&prev, &rec))
			r = nd_err_set(err, "records out of order");
		prev = rec;
		off = next;
	}
	if (r == 0 && off != c->len)
		r = nd_err_set(err, "bytes after the last record");
	free(topics);
	return r;
}

/* Checksums in windows, dropping each behind it when mapped, so a big
 * cache never sits in memory whole. */
static uint64_t checksum(struct nd_icache *c)
{
	size_t at = HEADER_SIZE, n, win = (size_t)1 << 20;
	uint64_t h = FOLD_SEED;

	while (at < c->len) {
		n = c->len - at < win ? c->len - at : win;
		h = fold(h, c->base + at, n);
		at += n;
		drop_to(c, at);
	}
	c->dropped = 0; /* the next pass starts over */
	return h;
}

static int check_root(const struct nd_icache *c, const struct header *h,
		      const char *root_real, struct nd_err *err)
{
	size_t n = strlen(root_real);

	if (h->root_len != n ||
	    memcmp(c->base + HEADER_SIZE, root_real, n) != 0)
		return nd_err_set(err, "made for another directory");
	return 0;
}

static int validate(struct nd_icache *c, const char *root_real,
		    struct nd_err *err)
{
	struct header h;
	size_t first;

	if (c->len < HEADER_SIZE)
		return nd_err_set(err, "truncated header");
	memcpy(&h, c->base, sizeof(h));
	if (check_header(&h, c->len, err) != 0 ||
	    check_root(c, &h, root_real, err) != 0)
		return -1;
	first = HEADER_SIZE + ((h.root_len + 7u) & ~(size_t)7);
	if (first > c->len || h.count > (c->len - first) / REC_FIXED)
		return nd_err_set(err, "bad record count");
	if (checksum(c) != h.checksum)
		return nd_err_set(err, "checksum mismatch");
	c->count = h.count;
	c->offs = nd_xcalloc(c->count + 1, sizeof(*c->offs));
	if (scan_records(c, first, err) != 0)
		return -1;
	c->dropped = 0;
	return 0;
}

int nd_icache_parse(const void *data, size_t len, const char *root_real,
		    struct nd_icache **out, struct nd_err *err)
{
	struct nd_icache *c = nd_xcalloc(1, sizeof(*c));

	c->base = data;
	c->len = len;
	*out = NULL;
	if (validate(c, root_real, err) != 0) {
		nd_icache_free(c);
		return -1;
	}
	*out = c;
	return 0;
}

static int open_failed(struct nd_err *err, const char *file, int fd)
{
	int e = errno;

	if (fd >= 0)
		close(fd);
	nd_err_set(err, "cannot read '%s': %s", file, strerror(e));
	if (err != NULL)
		err->code = e;
	return -1;
}

int nd_icache_open(const char *file, const char *root_real,
		   struct nd_icache **out, struct nd_err *err)
{
	struct nd_icache *c;
	struct stat st;
	void *m;
	int fd = open(file, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

	*out = NULL;
	if (fd < 0 || fstat(fd, &st) != 0)
		return open_failed(err, file, fd);
	if (!S_ISREG(st.st_mode) || st.st_size < (off_t)HEADER_SIZE) {
		close(fd);
		return nd_err_set(err, "'%s' is truncated", file);
	}
	m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return open_failed(err, file, -1);
	madvise(m, (size_t)st.st_size, MADV_SEQUENTIAL);
	c = nd_xcalloc(1, sizeof(*c));
	c->base = m;
	c->len = (size_t)st.st_size;
	c->mapped = 1;
	if (validate(c, root_real, err) != 0) {
		nd_icache_free(c);
		return -1;
	}
	*out = c;
	return 0;
}

void nd_icache_free(struct nd_icache *c)
{
	if (c == NULL)
		return;
	if (c->mapped)
		munmap((void *)(uintptr_t)c->base, c->len);
	free(c->offs);
	free(c);
}

size_t nd_icache_count(const struct nd_icache *c)
{
	return c->count;
}

void nd_icache_get(const struct nd_icache *c, size_t i,
		   struct nd_icache_rec *rec, struct nd_text **topics,
		   size_t *ntopics_cap)
{
	size_t next;

	/* Validated when opened: decoding again cannot fail, but if it
	 * did, an empty failed record is the safe answer. */
	if (i >= c->count ||
	    decode(c, c->offs[i], rec, topics, ntopics_cap, &next) != 0) {
		memset(rec, 0, sizeof(*rec));
		rec->rel = "";
	}
}

void nd_icache_key(const struct nd_icache *c, size_t i, const char **rel,
		   size_t *rel_len, struct nd_file_key *key)
{
	struct cursor cur = { c->base + c->offs[i] + 4, c->base + c->len, 0 };
	struct nd_icache_rec rec;
	uint32_t lens[NTEXTS + 1];

	/* The record was validated when the cache was opened. */
	get_fixed(&cur, &rec, lens);
	*key = rec.key;
	*rel = (const char *)take(&cur, lens[NTEXTS]);
	*rel_len = *rel != NULL ? lens[NTEXTS] : 0;
	if (*rel == NULL)
		*rel = "";
}

void nd_icache_rec_problems(const struct nd_icache_rec *rec,
			    const char *path, struct nd_diag *diag)
{
	struct cursor c = { rec->problems, NULL, 0 };
	uint32_t line, col, sev, len;
	const char *msg;
	size_t i;

	c.end = rec->problems + rec->problems_len;
	for (i = 0; i < rec->nproblems; i++) {
		line = get32(&c);
		col = get32(&c);
		sev = get32(&c);
		len = get32(&c);
		msg = (const char *)take(&c, len);
		if (msg == NULL)
			return;
		nd_diag_add(diag, sev ? ND_ERROR : ND_WARNING, path, line, col,
			    "%.*s", (int)len, msg);
	}
}

void nd_icache_done_before(struct nd_icache *c, size_t i)
{
	if (i < c->count)
		drop_to(c, c->offs[i]);
}

/* Writing the persistent index's file (format: icache.c, icache_fmt.h). */
#include "newsdesk/model/icache.h"

#include "icache_fmt.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/buf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct nd_icache_writer {
	char *file, *tmp;
	FILE *f;
	struct header h;
	uint64_t sum;
	struct nd_buf rec; /* the record being built */
	int failed;
};

static void put32(struct nd_buf *b, uint32_t v)
{
	nd_buf_add(b, &v, 4);
}

static void put64(struct nd_buf *b, uint64_t v)
{
	nd_buf_add(b, &v, 8);
}

static uint32_t text_len(struct nd_text t)
{
	return t.s == NULL ? MISSING : (uint32_t)t.len;
}

static void put_text(struct nd_buf *b, struct nd_text t)
{
	if (t.s != NULL)
		nd_buf_add(b, t.s, t.len);
}

/* Pads to a multiple of 8 with zeros, the checksum's word size. */
static void pad8(struct nd_buf *b)
{
	static const char zeros[8];

	nd_buf_add(b, zeros, (8 - b->len % 8) % 8);
}

static void write_out(struct nd_icache_writer *w, const void *p, size_t n)
{
	w->sum = fold(w->sum, p, n);
	if (!w->failed && fwrite(p, 1, n, w->f) != n)
		w->failed = 1;
}

int nd_icache_writer_open(const char *file, const char *root_real,
			  struct nd_icache_writer **out, struct nd_err *err)
{
	struct nd_icache_writer *w = nd_xcalloc(1, sizeof(*w));
	size_t n = strlen(file) + 16;
	int fd;

	*out = NULL;
	w->file = nd_xstrdup(file);
	w->tmp = nd_xmalloc(n);
	snprintf(w->tmp, n, "%s.XXXXXX", file);
	fd = mkstemp(w->tmp);
	if (fd < 0 || (w->f = fdopen(fd, "wb")) == NULL) {
		nd_err_set(err, "cannot write '%s': %s", w->tmp,
			   strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(w->tmp);
		}
		free(w->tmp);
		free(w->file);
		free(w);
		return -1;
	}
	nd_buf_init(&w->rec, 0);
	memcpy(w->h.magic, MAGIC, 8);
	w->h.version = ND_ICACHE_VERSION;
	w->h.endian = ENDIAN_MARK;
	w->h.header_size = HEADER_SIZE;
	w->h.root_len = (uint32_t)strlen(root_real);
	w->sum = FOLD_SEED;
	/* The header is written last, once the checksum is known. */
	if (fwrite(&w->h, 1, sizeof(w->h), w->f) != sizeof(w->h))
		w->failed = 1;
	nd_buf_add(&w->rec, root_real, w->h.root_len);
	pad8(&w->rec);
	write_out(w, w->rec.data, w->rec.len);
	*out = w;
	return 0;
}

/* The order decode() and get_fixed() read. */
static void put_fixed(struct nd_buf *b, const struct nd_file_key *key,
		      uint64_t size, const struct nd_entry *e, int ok,
		      size_t nproblems, size_t rel_len)
{
	const struct nd_text *texts[NTEXTS] = {
		&e->title,    &e->excerpt, &e->web_url,  &e->original_url,
		&e->provider, &e->domain,  &e->category, &e->type,
	};
	size_t i;

	put32(b, 0); /* the length, set when the record is complete */
	put32(b, ok ? 1u : 0u);
	put64(b, size);
	put64(b, key->size);
	put64(b, key->ino);
	put64(b, key->dev);
	put64(b, (uint64_t)key->mtime_ns);
	put64(b, (uint64_t)key->ctime_ns);
	put64(b, (uint64_t)e->date);
	put64(b, (uint64_t)e->quality);
	put64(b, (uint64_t)e->heat);
	put32(b, (uint32_t)(int32_t)e->published);
	put32(b, (uint32_t)e->nrelated);
	put32(b, (uint32_t)e->ntopics);
	put32(b, (uint32_t)nproblems);
	put32(b, (uint32_t)rel_len);
	for (i = 0; i < NTEXTS; i++)
		put32(b, text_len(*texts[i]));
}

static void put_texts(struct nd_buf *b, const struct nd_entry *e)
{
	const struct nd_text *texts[NTEXTS] = {
		&e->title,    &e->excerpt, &e->web_url,  &e->original_url,
		&e->provider, &e->domain,  &e->category, &e->type,
	};
	size_t i;

	for (i = 0; i < NTEXTS; i++)
		put_text(b, *texts[i]);
}

void nd_icache_writer_add(struct nd_icache_writer *w, const char *rel,
			  const struct nd_file_key *key, uint64_t size,
			  const struct nd_entry *entry,
			  const struct nd_diag *diag, size_t first)
{
	static const struct nd_entry failed = { .published = -1 };
	const struct nd_entry *e = entry != NULL ? entry : &failed;
	struct nd_buf *b = &w->rec;
	size_t i, rl = strlen(rel);
	uint32_t len;

	nd_buf_reset(b);
	put_fixed(b, key, size, e, entry != NULL, diag->count - first, rl);
	nd_buf_add(b, rel, rl);
	put_texts(b, e);
	for (i = 0; i < e->ntopics; i++) {
		put32(b, text_len(e->topics[i]));
		put_text(b, e->topics[i]);
	}
	for (i = first; i < diag->count; i++) {
		const struct nd_problem *p = &diag->items[i];

		put32(b, p->line);
		put32(b, p->col);
		put32(b, p->severity == ND_ERROR);
		put32(b, (uint32_t)strlen(p->message));
		nd_buf_adds(b, p->message);
	}
	pad8(b);
	len = (uint32_t)b->len;
	memcpy(b->data, &len, 4);
	write_out(w, b->data, b->len);
	w->h.count++;
}

static void writer_free(struct nd_icache_writer *w)
{
	nd_buf_release(&w->rec);
	free(w->tmp);
	free(w->file);
	free(w);
}

void nd_icache_writer_abort(struct nd_icache_writer *w)
{
	if (w == NULL)
		return;
	fclose(w->f);
	unlink(w->tmp);
	writer_free(w);
}

int nd_icache_writer_commit(struct nd_icache_writer *w, struct nd_err *err)
{
	long end;
	int r = 0;

	end = w->failed || fflush(w->f) != 0 ? -1 : ftell(w->f);
	if (end < (long)HEADER_SIZE) {
		nd_err_set(err, "cannot write '%s'", w->tmp);
		nd_icache_writer_abort(w);
		return -1;
	}
	w->h.payload_len = (uint64_t)end - HEADER_SIZE;
	w->h.checksum = w->sum;
	/* No fsync: the cache can always be rebuilt, and a file torn by a
	 * crash fails its checksum. The rename is what keeps concurrent
	 * readers and writers from ever seeing half a file. */
	if (fseek(w->f, 0, SEEK_SET) != 0 ||
	    fwrite(&w->h, 1, sizeof(w->h), w->f) != sizeof(w->h) ||
	    fclose(w->f) != 0) {
		unlink(w->tmp);
		r = nd_err_set(err, "cannot write '%s'", w->tmp);
	} else if (rename(w->tmp, w->file) != 0) {
		r = nd_err_set(err, "cannot rename '%s': %s", w->tmp,
			       strerror(errno));
		unlink(w->tmp);
	}
	writer_free(w);
	return r;
}

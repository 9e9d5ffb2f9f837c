/* libFuzzer target: any bytes as a persistent-index cache file, as they
 * are and with the checksum made to match (so the fuzzer gets past it to
 * the records). Must never crash, hang or leak; every text of an accepted
 * record lies inside the input, and replayed problems are safe to print. */
#include "newsdesk/model/icache.h"

#include "fuzz_common.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

#define ROOT "/fuzz/news"

static void inside(const void *p, size_t n, const unsigned char *data,
		   size_t size)
{
	const unsigned char *q = p;

	if (p == NULL)
		return;
	if (q < data || q + n > data + size)
		abort();
}

static void read_all(const struct nd_icache *c, const unsigned char *data,
		     size_t size)
{
	struct nd_icache_rec rec;
	struct nd_file_key key;
	struct nd_text *topics = NULL;
	struct nd_diag d;
	const char *rel;
	size_t cap = 0, i, t, rl;

	nd_diag_init(&d);
	for (i = 0; i < nd_icache_count(c); i++) {
		nd_icache_key(c, i, &rel, &rl, &key);
		nd_icache_get(c, i, &rec, &topics, &cap);
		inside(rec.rel, rec.rel_len, data, size);
		inside(rec.entry.title.s, rec.entry.title.len, data, size);
		inside(rec.entry.type.s, rec.entry.type.len, data, size);
		for (t = 0; t < rec.entry.ntopics; t++)
			inside(rec.entry.topics[t].s, rec.entry.topics[t].len,
			       data, size);
		if (rl != rec.rel_len || key.ino != rec.key.ino)
			abort();
		nd_icache_rec_problems(&rec, ROOT "/x.md", &d);
	}
	fuzz_check_diag(&d);
	nd_diag_release(&d);
	free(topics);
}

static void try_parse(const unsigned char *data, size_t size)
{
	struct nd_icache *c;
	struct nd_err err;

	if (nd_icache_parse(data, size, ROOT, &c, &err) == 0) {
		read_all(c, data, size);
		nd_icache_free(c);
	}
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	unsigned char *sealed;
	struct nd_icache *c;
	struct nd_err err;

	try_parse(data, size);
	sealed = malloc(size + 1);
	if (sealed == NULL)
		return 0;
	memcpy(sealed, data, size);
	nd_icache_seal(sealed, size);
	try_parse(sealed, size);
	/* And through the file reader (mmap). */
	if (nd_icache_open(fuzz_tmpfile("cache.bin", sealed, size), ROOT, &c,
			   &err) == 0)
		nd_icache_free(c);
	free(sealed);
	return 0;
}

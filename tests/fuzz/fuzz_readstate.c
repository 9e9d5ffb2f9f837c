/* libFuzzer target: any bytes as the read state file, loaded read-only
 * (a writable load would set corrupt inputs aside, piling up files).
 * Must never crash, hang or leak; it holds no more identities than the
 * input has lines, every message is safe to print, and asking about an
 * article works. */
#include "newsdesk/base/alloc.h"
#include "newsdesk/write/readstate.h"

#include "fuzz_common.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static void ask(const struct nd_readstate *rs)
{
	static const char *const urls[] = { "https://example.org/a", "" };
	struct nd_index *idx = nd_index_new("/r");
	struct nd_summary s;
	size_t i;

	for (i = 0; i < 2; i++) {
		memset(&s, 0, sizeof(s));
		s.path = "/r/x.md";
		s.rel_at = 3;
		s.web_url = urls[i];
		s.web_url_len = (uint32_t)strlen(urls[i]);
		nd_grow(&idx->items, &idx->cap, idx->count + 1,
			sizeof(*idx->items));
		idx->items[idx->count++] = s;
	}
	nd_readstate_apply(rs, idx);
	if (nd_readstate_is_read(rs, idx, 0) != idx->items[0].read)
		abort();
	nd_index_free(idx);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const char *path = fuzz_tmpfile("read", data, size);
	struct nd_readstate *rs = nd_readstate_new(path);
	struct nd_diag d;
	size_t lines = 0, i;

	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	nd_diag_init(&d);
	if (nd_readstate_load(rs, ND_READSTATE_READONLY, &d) == 0) {
		if (nd_readstate_count(rs) > lines ||
		    nd_readstate_pending(rs) != 0)
			abort();
		ask(rs);
	}
	fuzz_check_diag(&d);
	nd_readstate_free(rs);
	nd_diag_release(&d);
	return 0;
}

/* libFuzzer target: the sanitiser's promise, checked on any bytes. */
#include "newsdesk/base/sanitize.h"

#include "newsdesk/base/utf8.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static const int modes[] = { ND_SAN_LINE, ND_SAN_MULTILINE,
				     ND_SAN_ASCII };
	struct nd_buf b = ND_BUF_INIT;
	size_t m, i, n;
	uint32_t cp;

	for (m = 0; m < 3; m++) {
		nd_buf_reset(&b);
		nd_sanitize(&b, (const char *)data, size, modes[m]);
		for (i = 0; i < b.len; i += n) {
			n = nd_utf8_decode(b.data + i, b.len - i, &cp);
			if (cp == '\n' && modes[m] == ND_SAN_MULTILINE)
				continue;
			if (!nd_sanitize_cp_is_safe(cp))
				abort();
		}
	}
	nd_buf_release(&b);
	return 0;
}

/* libFuzzer target: any bytes as an article file. Must never crash, hang
 * or leak; a loaded article must be printable as JSON. */
#include "newsdesk/model/article.h"

#include "newsdesk/model/json.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct nd_buf out = ND_BUF_INIT;
	struct nd_article *a;
	struct nd_diag d;
	char *copy = malloc(size + 1);

	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	nd_diag_init(&d);
	if (nd_article_parse("fuzz.md", copy, size, &a, &d) == 0) {
		nd_json_article(&out, a);
		nd_article_free(a);
	}
	nd_buf_release(&out);
	nd_diag_release(&d);
	return 0;
}

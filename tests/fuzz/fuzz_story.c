/* libFuzzer target: any bytes as two headlines (split at the first
 * newline), cut into words by the story rule. Must never crash, read out
 * of bounds or hang; the similarity is symmetric and within 0..1. */
#include "newsdesk/model/story.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const char *s = (const char *)data;
	const char *nl = memchr(s, '\n', size);
	size_t alen = nl != NULL ? (size_t)(nl - s) : size;
	const char *b = nl != NULL ? nl + 1 : s + size;
	size_t blen = size - (size_t)(b - s);
	double ab = nd_story_headline_similarity(s, alen, b, blen);
	double ba = nd_story_headline_similarity(b, blen, s, alen);

	if (ab < 0 || ab > 1 || ab != ba)
		abort();
	return 0;
}

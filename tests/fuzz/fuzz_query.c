/* libFuzzer target: any text as a query, compiled and run on a small
 * index. Must never crash; an error must carry a column inside the text. */
#include "newsdesk/model/query.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static struct nd_index *sample_index(void)
{
	static const char doc[] =
		"---\ntitle: Cryptominers pivot\nexcerpt: GPU farms\n"
		"published: false\nquality: 27\nheat: 3\ncategory: news\n"
		"publishedDateTime: 2023-05-11T20:53:00Z\n"
		"provider: {name: PC Gamer, domain: pcgamer.com}\n"
		"topics: [AI, Space]\n---\n";
	struct nd_index *idx = nd_index_new("fuzz");
	struct nd_article *a;
	struct nd_diag d;
	char *copy = malloc(sizeof(doc));

	memcpy(copy, doc, sizeof(doc));
	nd_diag_init(&d);
	if (nd_article_parse("fuzz.md", copy, sizeof(doc) - 1, &a, &d) == 0) {
		nd_index_add(idx, a, 0, 0);
		nd_article_free(a);
	}
	nd_diag_release(&d);
	return idx;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static struct nd_index *idx;
	struct nd_err err;
	struct nd_query *q;
	char *text;

	if (idx == NULL)
		idx = sample_index();
	text = malloc(size + 1);
	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (nd_query_compile(text, &q, &err) == 0) {
		nd_query_match(q, idx, 0);
		nd_query_free(q);
	} else if (err.col > size + 1) {
		abort();
	}
	free(text);
	return 0;
}

/* libFuzzer target: any bytes as a fetched page and as a Markdown body.
 * Must never crash, hang or leak, and every line stays within the width. */
#include "newsdesk/present/doc.h"

#include "newsdesk/base/utf8.h"
#include "newsdesk/net/html.h"

#include "fuzz_common.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static void check(const struct nd_doc *doc)
{
	size_t i;

	for (i = 0; i < doc->count; i++) {
		/* code lines are cut, prose wrapped: never past the width */
		if (nd_text_width(doc->lines[i].text, doc->lines[i].len) >
		    doc->width + 8)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	/* md4c and libxml2 are not built with ASan: a guard page after the
	 * input makes them fault on a read past its end (md4c 0.4.8 reads
	 * md[len] after an unclosed link at the very end). */
	const char *in = fuzz_guarded(data, size);
	struct nd_doc doc;
	char *title = NULL;

	nd_doc_init(&doc, 60, 0);
	nd_html_render(&doc, in, size, size % 2 ? "windows-1252" : NULL,
		       "https://fuzz.example/a/", &title);
	check(&doc);
	nd_doc_release(&doc);
	free(title);
	nd_doc_init(&doc, 40, 0);
	nd_doc_markdown(&doc, in, size);
	check(&doc);
	nd_doc_release(&doc);
	return 0;
}

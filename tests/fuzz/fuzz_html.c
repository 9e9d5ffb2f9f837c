/* libFuzzer target: any bytes as a fetched page and as a Markdown body.
 * Must never crash, hang or leak, and every line stays within the width. */
#include "newsdesk/present/doc.h"
#include "newsdesk/net/html.h"
#include "newsdesk/base/utf8.h"

#include <stdlib.h>
#include <string.h>

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
	struct nd_doc doc;
	char *title = NULL, *md;

	nd_doc_init(&doc, 60, 0);
	nd_html_render(&doc, (const char *)data, size, size % 2 ? "windows-1252"
				: NULL, "https://fuzz.example/a/", &title);
	check(&doc);
	nd_doc_release(&doc);
	free(title);
	/* md4c 0.4.8 reads md[len] (an unclosed link at the very end); a
	 * ')' there closes the link past the end. Putting one there makes a
	 * dependence on that byte crash every time instead of by chance. */
	md = malloc(size + 1);
	if (md == NULL)
		return 0;
	memcpy(md, data, size);
	md[size] = ')';
	nd_doc_init(&doc, 40, 0);
	nd_doc_markdown(&doc, md, size);
	check(&doc);
	nd_doc_release(&doc);
	free(md);
	return 0;
}

#include "newsdesk/present/blocks.h"

#include <stdio.h>
#include <string.h>

void nd_blocks_init(struct nd_blocks *b, struct nd_doc *doc)
{
	memset(b, 0, sizeof(*b));
	b->doc = doc;
}

/* Deeper than kept: the deepest entry kept stands in. */
static unsigned slot(unsigned depth)
{
	return depth < ND_BLOCKS_MAX ? depth : ND_BLOCKS_MAX - 1;
}

enum nd_role nd_blocks_role(const struct nd_blocks *b)
{
	if (b->nroles != 0)
		return b->roles[slot(b->nroles - 1)];
	return b->quote ? ND_ROLE_MD_QUOTE : ND_ROLE_DETAIL_TEXT;
}

void nd_blocks_push_role(struct nd_blocks *b, enum nd_role r)
{
	if (b->nroles < ND_BLOCKS_MAX)
		b->roles[b->nroles] = r;
	b->nroles++;
}

void nd_blocks_pop_role(struct nd_blocks *b)
{
	if (b->nroles != 0)
		b->nroles--;
}

size_t nd_blocks_indent(const struct nd_blocks *b)
{
	return 2 * ((size_t)b->quote + (b->nlists ? b->nlists - 1 : 0));
}

void nd_blocks_flush(struct nd_blocks *b)
{
	const char *prefix = b->bullet[0] ? b->bullet : NULL;

	if (b->doc->para.len == 0 && prefix == NULL)
		return;
	nd_doc_end_para(b->doc, nd_blocks_indent(b), prefix,
			ND_ROLE_DETAIL_LABEL);
	b->bullet[0] = '\0';
}

void nd_blocks_list_enter(struct nd_blocks *b, int ordered, unsigned start)
{
	nd_blocks_flush(b);
	if (b->nlists < ND_BLOCKS_MAX) {
		b->lists[b->nlists].ordered = ordered;
		b->lists[b->nlists].next = start;
	}
	b->nlists++;
}

void nd_blocks_list_leave(struct nd_blocks *b)
{
	nd_blocks_flush(b);
	if (b->nlists != 0)
		b->nlists--;
	if (b->nlists == 0)
		nd_doc_blank(b->doc);
}

void nd_blocks_item(struct nd_blocks *b)
{
	unsigned k;

	nd_blocks_flush(b);
	if (b->nlists == 0) /* an item outside any list: a plain bullet */
		k = ND_BLOCKS_MAX;
	else
		k = slot(b->nlists - 1);
	if (k < ND_BLOCKS_MAX && b->lists[k].ordered)
		snprintf(b->bullet, sizeof(b->bullet), "%u. ",
			 b->lists[k].next++);
	else
		snprintf(b->bullet, sizeof(b->bullet), "\xE2\x80\xA2 ");
}

void nd_blocks_quote_enter(struct nd_blocks *b)
{
	nd_blocks_flush(b);
	b->quote++;
}

void nd_blocks_quote_leave(struct nd_blocks *b)
{
	nd_blocks_flush(b);
	if (b->quote != 0)
		b->quote--;
	nd_doc_blank(b->doc);
}

/*
 * blocks: the state both page renderers (Markdown bodies, markdown.c;
 * fetched HTML, net/html.c) keep while they walk a document into a doc:
 * the stack of span roles, the stack of lists with their numbering, the
 * quote depth, the bullet waiting for an item's first paragraph, and so
 * the indent and the paragraph ends. One bound for both: nesting deeper
 * than ND_BLOCKS_MAX keeps counting (so every leave matches its enter)
 * but reuses the deepest entry kept, so a hostile page nested 100,000
 * deep costs nothing and reads nothing out of bounds.
 */
#ifndef NEWSDESK_PRESENT_BLOCKS_H
#define NEWSDESK_PRESENT_BLOCKS_H

#include "newsdesk/present/doc.h"

#define ND_BLOCKS_MAX 16

struct nd_blocks {
	struct nd_doc *doc;
	enum nd_role roles[ND_BLOCKS_MAX];
	unsigned nroles;
	struct {
		int ordered;
		unsigned next;
	} lists[ND_BLOCKS_MAX];
	unsigned nlists;
	unsigned quote;
	char bullet[24]; /* waiting for the item's first paragraph */
};

void nd_blocks_init(struct nd_blocks *b, struct nd_doc *doc);
/* The role of text here: the innermost span's, else quote or body. */
enum nd_role nd_blocks_role(const struct nd_blocks *b);
void nd_blocks_push_role(struct nd_blocks *b, enum nd_role r);
void nd_blocks_pop_role(struct nd_blocks *b);
/* Ends the paragraph being built (and a list item's bullet). */
void nd_blocks_flush(struct nd_blocks *b);
/* A list starts (numbered from start when ordered) or ends; the end of
 * the outermost one leaves a blank line. */
void nd_blocks_list_enter(struct nd_blocks *b, int ordered, unsigned start);
void nd_blocks_list_leave(struct nd_blocks *b);
/* An item starts: the next bullet ("• " or "3. ") waits for its text. */
void nd_blocks_item(struct nd_blocks *b);
void nd_blocks_quote_enter(struct nd_blocks *b);
void nd_blocks_quote_leave(struct nd_blocks *b);
/* Columns of indent for a paragraph here (quotes and nested lists). */
size_t nd_blocks_indent(const struct nd_blocks *b);

#endif

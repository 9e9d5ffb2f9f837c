/*
 * detail: what the detail pane says about an article or a related item,
 * laid out as a doc (labels, values with hanging indents, the excerpt,
 * the Markdown body rendered). No curses.
 */
#ifndef NEWSDESK_DETAIL_H
#define NEWSDESK_DETAIL_H

#include "newsdesk/model/article.h"
#include "newsdesk/present/doc.h"

/* Column where values start, after the labels. */
#define ND_DETAIL_LABEL_WIDTH 11

void nd_detail_article(struct nd_doc *doc, const struct nd_article *a);
/* A related item that has no article of its own in the index. */
void nd_detail_related(struct nd_doc *doc, const struct nd_related *r);

#endif

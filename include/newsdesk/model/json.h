/*
 * json: writing JSON that is safe to print.
 *
 * Strings are escaped so the output is valid JSON (invalid UTF-8 becomes
 * U+FFFD) and also safe on a terminal: every character the sanitiser
 * would neutralise (controls, ESC, C1, bidi, zero-width, U+2028/9) is
 * written as a \uXXXX escape. Plain YAML scalars that read as numbers,
 * booleans or null are written as such; everything else is a string.
 */
#ifndef NEWSDESK_JSON_H
#define NEWSDESK_JSON_H

#include <stddef.h>

#include "newsdesk/model/article.h"
#include "newsdesk/base/buf.h"
#include "newsdesk/model/yamltree.h"

int nd_json_string(struct nd_buf *out, const char *s, size_t len);
int nd_json_node(struct nd_buf *out, const struct nd_node *n);
/* {"path": ..., every front-matter field in file order, "body": ...}
 * ("body" only when the file has one). No trailing newline. */
int nd_json_article(struct nd_buf *out, const struct nd_article *a);

#endif

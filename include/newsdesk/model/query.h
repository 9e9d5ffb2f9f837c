/*
 * query: the search language shared by the CLI (-q) and the desk.
 *
 *   word "quoted phrase"      title or excerpt contains it, without case
 *   published:yes|no          no also matches a missing field
 *   published:missing         the field is absent
 *   read:yes|no               the summary's read flag (from the read
 *                             state store, write/readstate.h; all unread
 *                             until nd_readstate_apply)
 *   topic:X  category:X  type:X       equal, without case
 *   provider:X                name equal, or domain equal or ending ".X"
 *   quality>=50 heat<10 quality:27    = != < <= > >=; unknown never matches
 *   date>=2023-05-01 after:D before:D after is >= D, before is < D
 *   story:ID                  in that story (model/story.h)
 *   dups:yes|no               in a story with others, or alone
 *   a b  a AND b  a OR b  NOT a  -a  ( ... )
 *
 * AND binds tighter than OR. Values may be quoted: topic:"AI Hardware".
 * A syntax error names the 1-based character column in the query (in
 * err->col; err->line is 0).
 * story: and dups: read the stories attached to the index
 * (idx->stories); without them no article is in a story.
 * Compile once, match many times; nd_query_free() frees.
 */
#ifndef NEWSDESK_QUERY_H
#define NEWSDESK_QUERY_H

#include <stddef.h>

#include "newsdesk/base/err.h"
#include "newsdesk/model/index.h"

struct nd_query;

int nd_query_compile(const char *text, struct nd_query **out,
		     struct nd_err *err);
int nd_query_match(const struct nd_query *q, const struct nd_index *idx,
		   size_t id);
void nd_query_free(struct nd_query *q);
/* Whether q has story: or dups: (so the caller builds the stories). */
int nd_query_uses_stories(const struct nd_query *q);

#endif

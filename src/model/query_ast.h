/* Private to query.c and query_eval.c: the compiled form of a query. */
#ifndef NEWSDESK_QUERY_AST_H
#define NEWSDESK_QUERY_AST_H

#include <stddef.h>
#include <stdint.h>

enum q_kind {
	Q_AND, Q_OR, Q_NOT,
	Q_TEXT, Q_PUBLISHED, Q_TOPIC, Q_PROVIDER, Q_CATEGORY, Q_TYPE,
	Q_QUALITY, Q_HEAT, Q_DATE, Q_STORY, Q_DUPS,
	Q_READ, /* num: 1 read, 0 unread */
};

enum q_op { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE };

struct nd_query {
	enum q_kind kind;
	struct nd_query *left, *right; /* AND, OR; NOT uses left */
	char *text;		       /* folded, for text and string fields */
	size_t len;
	enum q_op op;
	int64_t num; /* number or time; Q_PUBLISHED: 1, 0, or -1 missing */
};

#endif

/* Matching a compiled query against one summary of the index. */
#include "newsdesk/model/query.h"

#include "newsdesk/base/datetime.h"
#include "newsdesk/base/utf8.h"

#include "query_ast.h"

#include "newsdesk/model/story.h"

#include <string.h>

static int compare(long long v, enum q_op op, long long want)
{
	switch (op) {
	case OP_EQ:
		return v == want;
	case OP_NE:
		return v != want;
	case OP_LT:
		return v < want;
	case OP_LE:
		return v <= want;
	case OP_GT:
		return v > want;
	default:
		return v >= want;
	}
}

static int str_equal(const struct nd_index *idx, uint32_t sid,
		     const struct nd_query *q)
{
	size_t len;
	const char *s;

	if (sid == 0)
		return 0;
	s = nd_index_str(idx, sid, &len);
	return nd_fold_equal(s, len, q->text, q->len);
}

/* provider:X is the name, the domain, or a parent domain of it. */
static int provider_match(const struct nd_index *idx,
			  const struct nd_summary *s, const struct nd_query *q)
{
	size_t len;
	const char *d;

	if (str_equal(idx, s->provider, q) || str_equal(idx, s->domain, q))
		return 1;
	if (s->domain == 0)
		return 0;
	d = nd_index_str(idx, s->domain, &len);
	return len > q->len && d[len - q->len - 1] == '.' &&
	       nd_fold_equal(d + len - q->len, q->len, q->text, q->len);
}

static int topic_match(const struct nd_index *idx, const struct nd_summary *s,
		       const struct nd_query *q)
{
	size_t i;

	for (i = 0; i < s->ntopics; i++) {
		if (str_equal(idx, idx->topics[s->topics_at + i], q))
			return 1;
	}
	return 0;
}

/* The story of s, or NULL: none attached, or s stands alone. */
static const struct nd_story *story_of(const struct nd_index *idx,
				       const struct nd_summary *s)
{
	size_t id = (size_t)(s - idx->items);

	if (idx->stories == NULL || id >= idx->stories->nof ||
	    idx->stories->of[id] == 0)
		return NULL;
	return &idx->stories->items[idx->stories->of[id] - 1];
}

static int in_story(const struct nd_index *idx, const struct nd_summary *s,
		    const char *id)
{
	const struct nd_story *st = story_of(idx, s);

	return st != NULL && id != NULL && strcmp(st->id, id) == 0;
}

static int eval(const struct nd_query *q, const struct nd_index *idx,
		const struct nd_summary *s)
{
	switch (q->kind) {
	case Q_AND:
		return eval(q->left, idx, s) && eval(q->right, idx, s);
	case Q_OR:
		return eval(q->left, idx, s) || eval(q->right, idx, s);
	case Q_NOT:
		return !eval(q->left, idx, s);
	case Q_TEXT:
		return nd_fold_contains(s->title, s->title_len, q->text,
					q->len) ||
		       nd_fold_contains(s->excerpt, s->excerpt_len, q->text,
					q->len);
	case Q_PUBLISHED:
		if (q->num == -1)
			return s->published == -1;
		return q->num == 1 ? s->published == 1 : s->published != 1;
	case Q_TOPIC:
		return topic_match(idx, s, q);
	case Q_PROVIDER:
		return provider_match(idx, s, q);
	case Q_CATEGORY:
		return str_equal(idx, s->category, q);
	case Q_TYPE:
		return str_equal(idx, s->type, q);
	case Q_QUALITY:
		return s->quality != ND_NUM_UNKNOWN &&
		       compare(s->quality, q->op, q->num);
	case Q_HEAT:
		return s->heat != ND_NUM_UNKNOWN &&
		       compare(s->heat, q->op, q->num);
	case Q_READ:
		return s->read == q->num;
	case Q_STORY:
		return in_story(idx, s, q->text);
	case Q_DUPS:
		return (story_of(idx, s) != NULL) == (q->num == 1);
	default:
		return s->date != ND_TIME_NONE &&
		       compare(s->date, q->op, q->num);
	}
}

int nd_query_uses_stories(const struct nd_query *q)
{
	if (q == NULL)
		return 0;
	return q->kind == Q_STORY || q->kind == Q_DUPS ||
	       nd_query_uses_stories(q->left) ||
	       nd_query_uses_stories(q->right);
}

int nd_query_match(const struct nd_query *q, const struct nd_index *idx,
		   size_t id)
{
	const struct nd_summary *s = nd_index_get(idx, id);

	if (s == NULL)
		return 0;
	return q == NULL || eval(q, idx, s);
}

/* libFuzzer target: the front-matter splice (write/edit.h) on any file.
 *
 * The first byte picks one edit from a table (a field and a value), the
 * rest is the file. The contract is checked, not just survival: when the
 * edit succeeds, the result parses as an article, the edited field holds
 * the new value, every other top-level field parses to the same value as
 * before, the body keeps its bytes and a CRLF file stays CRLF; whether it
 * succeeds or not, the input is untouched. */
#include "newsdesk/write/edit.h"

#include "newsdesk/base/utf8.h"
#include "newsdesk/model/article.h"
#include "newsdesk/model/frontmatter.h"
#include "newsdesk/model/yamltree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

enum op { SET, REMOVE, TOPIC_ADD, TOPIC_DEL };

struct edit {
	enum op op;
	const char *field;
	const char *value; /* YAML text for SET, a topic for TOPIC_* */
};

/* Sixteen edits: what triage does, and values that need quoting. */
static const struct edit edits[] = {
	{ SET, "published", "true" },
	{ SET, "published", "false" },
	{ SET, "quality", "0" },
	{ SET, "quality", "42" },
	{ SET, "heat", "3" },
	{ SET, "heat", "\"very hot\"" },
	{ REMOVE, "published", NULL },
	{ REMOVE, "quality", NULL },
	{ REMOVE, "heat", NULL },
	{ TOPIC_ADD, "topics", "AI" },
	{ TOPIC_ADD, "topics", "Space Race" },
	{ TOPIC_ADD, "topics", "C++: \"x\" #1" },
	{ TOPIC_ADD, "topics", "\303\211conomie" },
	{ TOPIC_DEL, "topics", "ai" },
	{ TOPIC_DEL, "topics", "space" },
	{ TOPIC_DEL, "topics", "\303\251conomie" },
};

#define EDIT_COUNT (sizeof(edits) / sizeof(edits[0]))

/* Values compare by what they parse to, not where they are. */
static int same_node(const struct nd_node *a, const struct nd_node *b)
{
	size_t i;

	if (a == NULL || b == NULL)
		return a == b;
	if (a->kind != b->kind)
		return 0;
	if (a->kind == ND_NODE_SCALAR)
		return a->plain == b->plain && a->len == b->len &&
		       memcmp(a->str, b->str, a->len) == 0;
	if (a->count != b->count)
		return 0;
	for (i = 0; i < a->count; i++) {
		if (!same_node(a->items[i], b->items[i]))
			return 0;
	}
	return 1;
}

/* Keys may hold NUL bytes, so they are looked up by length. */
static const struct nd_node *find(const struct nd_node *map, const char *key,
				  size_t klen)
{
	size_t i;

	for (i = 0; i < nd_map_size(map); i++) {
		const struct nd_node *k = nd_map_key(map, i);

		if (k->len == klen && memcmp(k->str, key, klen) == 0)
			return nd_map_value(map, i);
	}
	return NULL;
}

static const struct nd_node *get(const struct nd_node *map, const char *key)
{
	return find(map, key, strlen(key));
}

/* Every top-level key but field: present on both sides, same value. */
static int others_same(const struct nd_node *before,
		       const struct nd_node *after, const char *field)
{
	size_t nb = nd_map_size(before), na = nd_map_size(after);
	size_t flen = strlen(field), i;

	nb -= get(before, field) != NULL;
	na -= get(after, field) != NULL;
	if (na != nb)
		return 0;
	for (i = 0; i < nd_map_size(before); i++) {
		const struct nd_node *k = nd_map_key(before, i);

		if (k->len == flen && memcmp(k->str, field, flen) == 0)
			continue;
		if (!same_node(nd_map_value(before, i),
			       find(after, k->str, k->len)))
			return 0;
	}
	return 1;
}

/* topics as the article reader sees its shape: missing or null is no
 * list, a lone scalar a list of one. */
static size_t topic_items(const struct nd_node *v,
			  const struct nd_node *const **items)
{
	static const struct nd_node *one[1];

	if (v == NULL || nd_node_is_null(v))
		return 0;
	if (v->kind == ND_NODE_SEQ) {
		*items = (const struct nd_node *const *)v->items;
		return v->count;
	}
	one[0] = v;
	*items = one;
	return 1;
}

/* A topic is its text: quoting it (as a scalar turned list may need) is
 * no change, but turning it null or into another kind of node is. */
static int same_topic(const struct nd_node *a, const struct nd_node *b)
{
	if (a->kind != ND_NODE_SCALAR || b->kind != ND_NODE_SCALAR)
		return same_node(a, b);
	return nd_node_is_null(a) == nd_node_is_null(b) && a->len == b->len &&
	       memcmp(a->str, b->str, a->len) == 0;
}

static int is_topic(const struct nd_node *n, const char *t)
{
	return n->kind == ND_NODE_SCALAR &&
	       nd_fold_equal(n->str, n->len, t, strlen(t));
}

/* Adding appends the topic; removing drops the first that matches. */
static int topics_ok(const struct nd_node *before, const struct nd_node *after,
		     const struct edit *e)
{
	const struct nd_node *const *b = NULL;
	size_t nb = topic_items(before, &b), i, skip = nb, k = 0;

	if (after == NULL || after->kind != ND_NODE_SEQ)
		return 0;
	if (e->op == TOPIC_ADD) {
		const struct nd_node *last;

		if (after->count != nb + 1)
			return 0;
		last = after->items[nb];
		if (last->kind != ND_NODE_SCALAR ||
		    last->len != strlen(e->value) ||
		    memcmp(last->str, e->value, last->len) != 0)
			return 0;
	} else {
		for (i = 0; i < nb && skip == nb; i++) {
			if (is_topic(b[i], e->value))
				skip = i;
		}
		if (skip == nb || after->count + 1 != nb)
			return 0;
	}
	for (i = 0; i < nb; i++) {
		if (i != skip && !same_topic(b[i], after->items[k++]))
			return 0;
	}
	return 1;
}

static int field_ok(const struct nd_node *before, const struct nd_node *after,
		    const struct edit *e)
{
	static const struct nd_yaml_limits lim = ND_YAML_DEFAULT_LIMITS;
	struct nd_err ye;
	struct nd_node *want;
	int ok;

	switch (e->op) {
	case SET:
		if (nd_yaml_parse(e->value, strlen(e->value), 0, &lim, &want,
				  &ye) != 0)
			abort();
		ok = same_node(get(after, e->field), want);
		nd_node_free(want);
		return ok;
	case REMOVE:
		return get(before, e->field) != NULL &&
		       get(after, e->field) == NULL;
	default:
		return topics_ok(get(before, e->field), get(after, e->field),
				 e);
	}
}

/* 1 when every LF in s is part of a CRLF. */
static int all_crlf(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r'))
			return 0;
	}
	return 1;
}

static char *copy_of(const char *s, size_t len)
{
	char *c = malloc(len + 1);

	if (c == NULL)
		abort();
	memcpy(c, s, len);
	c[len] = '\0';
	return c;
}

static int run(const struct edit *e, const char *file, size_t len,
	       struct nd_buf *out)
{
	struct nd_err err;

	switch (e->op) {
	case SET:
		return nd_edit_set(file, len, e->field, e->value, out, &err);
	case REMOVE:
		return nd_edit_remove(file, len, e->field, out, &err);
	default:
		return nd_edit_topic(file, len, e->value, e->op == TOPIC_ADD,
				     out, &err);
	}
}

/* Names the broken promise: every failure is an abort() in check(), so
 * the message is what tells one bug from another. */
static void broken(const struct edit *e, const char *what)
{
	fprintf(stderr, "fuzz_edit: edit %d (%s %s): %s\n",
		(int)(e - edits), e->field, e->value ? e->value : "-", what);
	abort();
}

/* The result is an article; only removing the one field there was may
 * leave an empty front matter (the undo of a field added to one). */
static void check_article(const struct edit *e, const struct nd_node *before,
			  const struct nd_node *after, const struct nd_buf *out)
{
	struct nd_article *a;
	struct nd_diag d;

	if (after == NULL) {
		if (e->op != REMOVE || nd_map_size(before) != 1)
			broken(e, "the front matter is left empty");
		return;
	}
	nd_diag_init(&d);
	if (nd_article_parse("edited.md", copy_of(out->data, out->len),
			     out->len, &a, &d) != 0)
		broken(e, "the result is not an article");
	nd_article_free(a);
	nd_diag_release(&d);
}

static void check(const struct edit *e, const char *file, size_t len,
		  const struct nd_buf *out)
{
	static const char *const promise[] = {
		[SET] = "the field does not hold the value",
		[REMOVE] = "the field is still there",
		[TOPIC_ADD] = "the topics are not the old ones plus the topic",
		[TOPIC_DEL] = "the topics are not the old ones less the topic",
	};
	static const struct nd_yaml_limits lim = ND_YAML_DEFAULT_LIMITS;
	struct nd_fm_split bs, as;
	struct nd_err ye;
	struct nd_node *before, *after;
	size_t blen;

	/* The edit parsed the file, so this parses too (maybe empty). */
	if (nd_fm_parse(file, len, &lim, &bs, &before, &ye) != 0)
		broken(e, "it took an input that does not parse");
	if (nd_fm_parse(out->data, out->len, &lim, &as, &after, &ye) != 0)
		broken(e, "the result does not parse");
	check_article(e, before, after, out);
	if (!field_ok(before, after, e))
		broken(e, promise[e->op]);
	if (!others_same(before, after, e->field))
		broken(e, "another field changed");
	blen = len - bs.body_start;
	if (out->len - as.body_start != blen ||
	    memcmp(out->data + as.body_start, file + bs.body_start, blen) != 0)
		broken(e, "the body changed");
	if (all_crlf(file, len) && !all_crlf(out->data, out->len))
		broken(e, "a CRLF file got a bare LF");
	nd_node_free(before);
	nd_node_free(after);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct nd_buf out = ND_BUF_INIT;
	const struct edit *e;
	char *file;
	size_t len;

	if (size == 0)
		return 0;
	e = &edits[data[0] % EDIT_COUNT];
	len = size - 1;
	file = copy_of((const char *)data + 1, len);
	if (run(e, file, len, &out) == 0)
		check(e, file, len, &out);
	if (memcmp(file, data + 1, len) != 0)
		broken(e, "the input was changed");
	nd_buf_release(&out);
	free(file);
	return 0;
}

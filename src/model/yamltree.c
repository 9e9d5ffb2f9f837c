/*
 * Builds the tree from libyaml's event stream with an explicit stack, so a
 * deep document costs neither C stack nor time: we stop at the depth limit
 * on the first event past it.
 */
#include "newsdesk/model/yamltree.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/buf.h"
#include "newsdesk/base/utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

struct anchor {
	char *name;
	struct nd_node *node; /* NULL while the node is still open */
};

struct frame {
	struct nd_node *node;
	char *anchor; /* registered when the node closes */
};

struct builder {
	const struct nd_yaml_limits *lim;
	const char *text;
	size_t len;
	unsigned line_base;
	struct nd_err *err;
	struct nd_node *root;
	struct frame *stack;
	unsigned depth;
	size_t nodes;
	struct anchor *anchors;
	size_t nanchors, anchors_cap;
};

static int fail(struct builder *b, unsigned line0, unsigned col0,
		const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int fail(struct builder *b, unsigned line0, unsigned col0,
		const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	nd_err_vat(b->err, line0 + 1 + b->line_base, col0 + 1, fmt, ap);
	va_end(ap);
	return -1;
}

static void node_free_shallow_items(struct nd_node *n)
{
	free(n->str);
	free(n->items);
	free(n);
}

void nd_node_free(struct nd_node *n)
{
	size_t i;

	if (n == NULL)
		return;
	/* Height is capped at max_depth, so recursion is bounded. */
	for (i = 0; i < n->count; i++)
		nd_node_free(n->items[i]);
	node_free_shallow_items(n);
}

static struct nd_node *new_node(struct builder *b, enum nd_node_kind kind,
				const yaml_mark_t *m)
{
	struct nd_node *n;

	if (b->nodes >= b->lim->max_nodes) {
		fail(b, (unsigned)m->line, (unsigned)m->column,
		     "more than %zu nodes (an alias bomb?)", b->lim->max_nodes);
		return NULL;
	}
	n = nd_xcalloc(1, sizeof(*n));
	b->nodes++;
	n->kind = kind;
	n->line = (unsigned)m->line + 1 + b->line_base;
	n->col = (unsigned)m->column + 1;
	n->start = m->index;
	n->height = 1;
	return n;
}

static void add_item(struct nd_node *parent, struct nd_node *child)
{
	struct nd_node **p;
	size_t ncap;

	/* Grow in powers of two: count alone tells the capacity. */
	if ((parent->count & (parent->count - 1)) == 0) {
		ncap = parent->count ? parent->count * 2 : 2;
		/* An array of pointers: sizeof(*p) is a pointer's size. */
		/* NOLINTNEXTLINE(bugprone-sizeof-expression) */
		p = nd_xrealloc(parent->items, ncap * sizeof(*p));
		parent->items = p;
	}
	parent->items[parent->count++] = child;
	if (child->height + 1 > parent->height)
		parent->height = child->height + 1;
}

static const char *describe_key(const struct nd_node *k, char *out,
				size_t cap)
{
	size_t n = k->len < cap - 1 ? k->len : cap - 1;
	size_t i;

	for (i = 0; i < n; i++)
		out[i] = (k->str[i] >= 0x20 && k->str[i] != 0x7f) ? k->str[i]
								  : '?';
	out[n] = '\0';
	return out;
}

static int key_cmp(const void *a, const void *b)
{
	const struct nd_node *x = *(struct nd_node *const *)a;
	const struct nd_node *y = *(struct nd_node *const *)b;
	int c;

	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	c = memcmp(x->str, y->str, x->len);
	if (c != 0)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

static int report_duplicate(struct builder *b, const struct nd_node *first,
			    const struct nd_node *again)
{
	char name[64];

	return fail(b, again->line - 1 - b->line_base, again->col - 1,
		    "duplicate key '%s' (first at line %u)",
		    describe_key(again, name, sizeof(name)), first->line);
}

/* Sorting keeps this O(n log n): a hostile map may have 50,000 keys. */
static int check_duplicates(struct builder *b, struct nd_node *map)
{
	size_t n = map->count / 2, i;
	struct nd_node **keys;
	int r = 0;

	if (n < 2)
		return 0;
	/* keys is an array of pointers to the key nodes. */
	/* NOLINTNEXTLINE(bugprone-sizeof-expression) */
	keys = nd_xmalloc(n * sizeof(*keys));
	for (i = 0; i < n; i++)
		keys[i] = map->items[2 * i];
	/* NOLINTNEXTLINE(bugprone-sizeof-expression) */
	qsort(keys, n, sizeof(*keys), key_cmp);
	for (i = 1; i < n && r == 0; i++) {
		if (keys[i]->len == keys[i - 1]->len &&
		    memcmp(keys[i]->str, keys[i - 1]->str, keys[i]->len) == 0)
			r = report_duplicate(b, keys[i - 1], keys[i]);
	}
	free(keys);
	return r;
}

/* Takes n: on a refusal n is freed and -1 returned here, not fail()'s
 * value, so the analyser (which cannot see through a variadic call) also
 * knows n is gone. */
static int attach(struct builder *b, struct nd_node *n, const yaml_mark_t *m)
{
	unsigned line = (unsigned)m->line, col = (unsigned)m->column;
	struct nd_node *parent;

	if (b->depth == 0) {
		if (b->root == NULL) {
			b->root = n;
			return 0;
		}
		nd_node_free(n);
		fail(b, line, col, "more than one document");
		return -1;
	}
	parent = b->stack[b->depth - 1].node;
	if (parent->kind == ND_NODE_MAP && parent->count % 2 == 0 &&
	    n->kind != ND_NODE_SCALAR) {
		const char *what = n->kind == ND_NODE_MAP ? "mapping"
							  : "sequence";

		nd_node_free(n);
		fail(b, line, col, "mapping keys must be plain text, not a %s",
		     what);
		return -1;
	}
	if (b->depth + n->height - 1 > b->lim->max_depth) {
		nd_node_free(n);
		fail(b, line, col, "nesting deeper than %u levels",
		     b->lim->max_depth);
		return -1;
	}
	add_item(parent, n);
	return 0;
}

static char *dup_anchor(const yaml_char_t *a)
{
	return a != NULL ? nd_xstrdup((const char *)a) : NULL;
}

static int remember_anchor(struct builder *b, char *name, struct nd_node *n)
{
	if (name == NULL)
		return 0;
	nd_grow(&b->anchors, &b->anchors_cap, b->nanchors + 1,
		sizeof(*b->anchors));
	b->anchors[b->nanchors].name = name;
	b->anchors[b->nanchors].node = n;
	b->nanchors++;
	return 0;
}

static struct nd_node *copy_tree(struct builder *b, const struct nd_node *src,
				 const yaml_mark_t *m)
{
	struct nd_node *n = new_node(b, src->kind, m);
	size_t i;

	if (n == NULL)
		return NULL;
	n->plain = src->plain;
	n->start = src->start;
	n->end = src->end;
	n->line = src->line;
	n->col = src->col;
	if (src->str != NULL) {
		n->str = nd_xmalloc(src->len + 1);
		memcpy(n->str, src->str, src->len + 1);
		n->len = src->len;
	}
	for (i = 0; i < src->count; i++) {
		struct nd_node *c = copy_tree(b, src->items[i], m);

		if (c == NULL) {
			nd_node_free(n);
			return NULL;
		}
		add_item(n, c);
	}
	return n;
}

static int on_alias(struct builder *b, const yaml_event_t *ev)
{
	const char *name = (const char *)ev->data.alias.anchor;
	const yaml_mark_t *m = &ev->start_mark;
	struct nd_node *n;
	size_t i;

	/* The newest anchor of a name wins, as YAML says. */
	for (i = b->nanchors; i-- > 0;) {
		if (strcmp(b->anchors[i].name, name) != 0)
			continue;
		if (b->anchors[i].node == NULL)
			return fail(b, (unsigned)m->line, (unsigned)m->column,
				    "alias '*%.64s' refers to a node that "
				    "contains it (a cycle)", name);
		n = copy_tree(b, b->anchors[i].node, m);
		if (n == NULL)
			return -1;
		return attach(b, n, m);
	}
	return fail(b, (unsigned)m->line, (unsigned)m->column,
		    "unknown alias '*%.64s'", name);
}

static int on_scalar(struct builder *b, const yaml_event_t *ev)
{
	const yaml_mark_t *m = &ev->start_mark;
	struct nd_node *n;
	size_t len = ev->data.scalar.length;

	if (len > b->lim->max_scalar)
		return fail(b, (unsigned)m->line, (unsigned)m->column,
			    "value longer than %zu bytes", b->lim->max_scalar);
	n = new_node(b, ND_NODE_SCALAR, m);
	if (n == NULL)
		return -1;
	n->end = ev->end_mark.index;
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
		   ev->data.scalar.plain_implicit;
	n->str = nd_xmalloc(len + 1);
	memcpy(n->str, ev->data.scalar.value, len);
	n->str[len] = '\0';
	n->len = len;
	if (attach(b, n, m) != 0)
		return -1;
	if (ev->data.scalar.anchor != NULL &&
	    remember_anchor(b, dup_anchor(ev->data.scalar.anchor), n) != 0)
		return fail(b, (unsigned)m->line, 0, "out of memory");
	return 0;
}

static int on_open(struct builder *b, const yaml_event_t *ev,
		   enum nd_node_kind kind)
{
	const yaml_mark_t *m = &ev->start_mark;
	const yaml_char_t *anchor = kind == ND_NODE_MAP
					    ? ev->data.mapping_start.anchor
					    : ev->data.sequence_start.anchor;
	struct nd_node *n;

	if (b->depth >= b->lim->max_depth)
		return fail(b, (unsigned)m->line, (unsigned)m->column,
			    "nesting deeper than %u levels", b->lim->max_depth);
	n = new_node(b, kind, m);
	if (n == NULL)
		return -1;
	if (attach(b, n, m) != 0)
		return -1;
	b->stack[b->depth].node = n;
	b->stack[b->depth].anchor = dup_anchor(anchor);
	if (anchor != NULL) {
		/* Registered open (node NULL) so an inner alias is a cycle. */
		if (remember_anchor(b, dup_anchor(anchor), NULL) != 0)
			return fail(b, (unsigned)m->line, 0, "out of memory");
	}
	b->depth++;
	return 0;
}

static int on_close(struct builder *b, const yaml_event_t *ev)
{
	struct frame *f = &b->stack[b->depth - 1];
	size_t i;

	f->node->end = ev->end_mark.index;
	b->depth--;
	if (f->node->kind == ND_NODE_MAP && check_duplicates(b, f->node) != 0) {
		free(f->anchor);
		return -1;
	}
	if (f->anchor != NULL) {
		for (i = b->nanchors; i-- > 0;) {
			if (b->anchors[i].node == NULL &&
			    strcmp(b->anchors[i].name, f->anchor) == 0) {
				b->anchors[i].node = f->node;
				break;
			}
		}
		free(f->anchor);
	}
	return 0;
}

static int on_event(struct builder *b, const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		return on_scalar(b, ev);
	case YAML_ALIAS_EVENT:
		return on_alias(b, ev);
	case YAML_SEQUENCE_START_EVENT:
		return on_open(b, ev, ND_NODE_SEQ);
	case YAML_MAPPING_START_EVENT:
		return on_open(b, ev, ND_NODE_MAP);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return on_close(b, ev);
	case YAML_DOCUMENT_START_EVENT:
		if (b->root != NULL)
			return fail(b, (unsigned)ev->start_mark.line,
				    (unsigned)ev->start_mark.column,
				    "more than one document");
		return 0;
	default:
		return 0;
	}
}

/* libyaml reports reader errors as a byte offset; turn it into a place. */
static void place_of_offset(const char *text, size_t len, size_t off,
			    unsigned *line0, unsigned *col0)
{
	size_t i = 0, n;
	uint32_t cp;

	*line0 = 0;
	*col0 = 0;
	while (i < off && i < len) {
		if (text[i] == '\n') {
			(*line0)++;
			*col0 = 0;
			i++;
			continue;
		}
		n = nd_utf8_decode(text + i, len - i, &cp);
		(*col0)++;
		i += n;
	}
}

/* Finds the byte that libyaml's (line, column) names, to explain it. */
static int char_at(const char *text, size_t len, size_t line0, size_t col0)
{
	size_t i = 0, n;
	uint32_t cp;

	while (line0 > 0 && i < len) {
		if (text[i++] == '\n')
			line0--;
	}
	while (col0 > 0 && i < len && text[i] != '\n') {
		n = nd_utf8_decode(text + i, len - i, &cp);
		i += n;
		col0--;
	}
	return i < len ? (unsigned char)text[i] : -1;
}

static int libyaml_error(struct builder *b, const yaml_parser_t *p)
{
	unsigned line0, col0;
	const char *problem = p->problem ? p->problem : "invalid YAML";

	if (p->error == YAML_READER_ERROR) {
		place_of_offset(b->text, b->len, p->problem_offset, &line0,
				&col0);
		return fail(b, line0, col0, "%s", problem);
	}
	if (p->error == YAML_MEMORY_ERROR)
		return fail(b, 0, 0, "out of memory");
	line0 = (unsigned)p->problem_mark.line;
	col0 = (unsigned)p->problem_mark.column;
	if (char_at(b->text, b->len, line0, col0) == '\t')
		return fail(b, line0, col0,
			    "tab character where YAML allows only spaces");
	if (p->context != NULL)
		return fail(b, line0, col0, "%s %s (line %u)", problem,
			    p->context,
			    (unsigned)p->context_mark.line + 1 + b->line_base);
	return fail(b, line0, col0, "%s", problem);
}

static void builder_release(struct builder *b)
{
	size_t i;

	for (i = 0; i < b->depth; i++)
		free(b->stack[i].anchor);
	for (i = 0; i < b->nanchors; i++)
		free(b->anchors[i].name);
	free(b->anchors);
	free(b->stack);
}

int nd_yaml_parse(const char *text, size_t len, unsigned line_base,
		  const struct nd_yaml_limits *lim, struct nd_node **root,
		  struct nd_err *err)
{
	struct builder b;
	yaml_parser_t parser;
	yaml_event_t ev;
	int r = 0, done = 0;

	memset(&b, 0, sizeof(b));
	memset(err, 0, sizeof(*err));
	b.lim = lim;
	b.text = text;
	b.len = len;
	b.line_base = line_base;
	b.err = err;
	*root = NULL;
	b.stack = nd_xcalloc(lim->max_depth + 1, sizeof(*b.stack));
	if (!yaml_parser_initialize(&parser)) {
		free(b.stack);
		nd_alloc_fail(sizeof(parser)); /* it only fails for memory */
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	while (!done && r == 0) {
		if (!yaml_parser_parse(&parser, &ev)) {
			r = libyaml_error(&b, &parser);
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		r = on_event(&b, &ev);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	if (r != 0)
		nd_node_free(b.root); /* open nodes hang from the root too */
	else
		*root = b.root;
	builder_release(&b);
	return r;
}

static void yev_of(const yaml_event_t *ev, struct nd_yev *out)
{
	memset(out, 0, sizeof(*out));
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		out->kind = ND_YEV_SCALAR;
		out->str = (const char *)ev->data.scalar.value;
		out->len = ev->data.scalar.length;
		out->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
			     ev->data.scalar.plain_implicit;
		out->anchored = ev->data.scalar.anchor != NULL;
		break;
	case YAML_SEQUENCE_START_EVENT:
		out->kind = ND_YEV_SEQ;
		out->anchored = ev->data.sequence_start.anchor != NULL;
		break;
	case YAML_MAPPING_START_EVENT:
		out->kind = ND_YEV_MAP;
		out->anchored = ev->data.mapping_start.anchor != NULL;
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		out->kind = ND_YEV_END;
		break;
	case YAML_DOCUMENT_START_EVENT:
		out->kind = ND_YEV_DOC;
		break;
	default:
		out->kind = ND_YEV_OTHER;
		break;
	}
}

int nd_yaml_stream(const char *text, size_t len, nd_yev_fn fn, void *ctx)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	struct nd_yev y;
	int r = 0, done = 0;

	if (!yaml_parser_initialize(&parser))
		nd_alloc_fail(sizeof(parser)); /* it only fails for memory */
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	while (!done && r == 0) {
		if (!yaml_parser_parse(&parser, &ev)) {
			r = -1;
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		if (ev.type == YAML_ALIAS_EVENT) {
			memset(&y, 0, sizeof(y));
			y.kind = ND_YEV_OTHER;
			y.anchored = 1;
			r = fn(ctx, &y);
		} else if (ev.type != YAML_STREAM_START_EVENT &&
			   ev.type != YAML_STREAM_END_EVENT &&
			   ev.type != YAML_DOCUMENT_END_EVENT) {
			yev_of(&ev, &y);
			r = fn(ctx, &y);
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	return r;
}

const char *nd_yaml_library_version(void)
{
	static char v[48];

	snprintf(v, sizeof(v), "libyaml %s", yaml_get_version_string());
	return v;
}

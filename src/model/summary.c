/*
 * A summary straight from the YAML event stream: no tree, and of a
 * related item nothing but its count and the types of its fields.
 *
 * This is the fast path of a cold load, and it only ever vouches for a
 * clean file. Anything that would make the full reader (article.c) warn
 * or fail -- a field of the wrong type, a duplicate key, an alias, a
 * nesting or size near the limits, invalid UTF-8, a syntax error -- makes
 * it give up, and the loader parses that file fully. So messages, lines
 * and columns come from one place, and the result equals the full
 * reader's by construction. The types are judged by the same functions
 * (nd_node_int, nd_node_bool, nd_node_is_null, nd_time_parse).
 */
#include "summary.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/buf.h"
#include "newsdesk/base/datetime.h"
#include "newsdesk/base/hash.h"
#include "newsdesk/base/utf8.h"
#include "newsdesk/model/frontmatter.h"

#include <stdlib.h>
#include <string.h>

/* Well inside the tree's limits (ND_YAML_DEFAULT_LIMITS), so a file
 * near them is judged by the full reader. */
#define MAX_DEPTH 24
#define MAX_NODES 50000
#define MAX_SCALAR (512 * 1024)
#define MAX_KEYS 64 /* per mapping; more goes to the full reader */

#define GIVE_UP 1

enum ctx { C_ROOT, C_PROVIDER, C_RPROVIDER, C_IMAGES, C_IMAGE, C_TOPICS,
	   C_RELATED, C_REL, C_SKIP };

enum field {
	F_NONE, F_TEXT, F_DATE, F_INT, F_BOOL, F_PROVIDER, F_TOPICS,
	F_IMAGES, F_RELATED,
};

/* Texts the summary keeps, in nd_entry's order (see texts_of). */
enum { T_TITLE, T_EXCERPT, T_WEB, T_ORIG, T_PROV, T_DOMAIN, T_CAT, T_TYPE,
       NTEXT };

struct key_def {
	const char *name;
	enum field field;
	int slot; /* T_*, or -1: checked, not kept */
};

static const struct key_def root_keys[] = {
	{ "category", F_TEXT, T_CAT },	   { "title", F_TEXT, T_TITLE },
	{ "excerpt", F_TEXT, T_EXCERPT },  { "publishedDateTime", F_DATE, 0 },
	{ "originalUrl", F_TEXT, T_ORIG }, { "webUrl", F_TEXT, T_WEB },
	{ "type", F_TEXT, T_TYPE },	   { "quality", F_INT, 0 },
	{ "heat", F_INT, 1 },		   { "published", F_BOOL, 0 },
	{ "provider", F_PROVIDER, 0 },	   { "topics", F_TOPICS, 0 },
	{ "images", F_IMAGES, 0 },	   { "related", F_RELATED, 0 },
	{ "secured", F_TEXT, -1 },	   { NULL, F_NONE, 0 },
};
static const struct key_def provider_keys[] = {
	{ "name", F_TEXT, T_PROV },
	{ "domain", F_TEXT, T_DOMAIN },
	{ "images", F_IMAGES, 0 },
	{ NULL, F_NONE, 0 },
};
static const struct key_def image_keys[] = {
	{ "url", F_TEXT, -1 },	   { "width", F_INT, -1 },
	{ "height", F_INT, -1 },   { "isCached", F_BOOL, -1 },
	{ NULL, F_NONE, 0 },
};
static const struct key_def rel_keys[] = {
	{ "title", F_TEXT, -1 },   { "excerpt", F_TEXT, -1 },
	{ "webUrl", F_TEXT, -1 },  { "type", F_TEXT, -1 },
	{ "publishedDateTime", F_DATE, -1 },
	{ "quality", F_INT, -1 },  { "provider", F_PROVIDER, -1 },
	{ "images", F_IMAGES, -1 }, { NULL, F_NONE, 0 },
};

struct frame {
	enum ctx ctx;
	int is_map, want_key;
	const struct key_def *key; /* of the value to come (NULL: unknown) */
	size_t keys_at, nkeys;	   /* this mapping's key hashes */
};

struct sum {
	struct frame stack[MAX_DEPTH];
	unsigned depth;
	size_t nodes;
	int docs, root_seen;
	uint64_t keys[MAX_DEPTH * MAX_KEYS];
	size_t nkeys;
	struct nd_buf arena; /* kept texts, NUL after each */
	size_t text_at[NTEXT], text_len[NTEXT];
	int text_set[NTEXT];
	size_t *topics; /* arena offset, length; pairs */
	size_t ntopics, topics_cap;
	int64_t date;
	long long quality, heat;
	int published;
	size_t nrelated;
};

static const struct key_def *keys_of(enum ctx c)
{
	switch (c) {
	case C_ROOT:
		return root_keys;
	case C_PROVIDER:
	case C_RPROVIDER:
		return provider_keys;
	case C_IMAGE:
		return image_keys;
	case C_REL:
		return rel_keys;
	default:
		return NULL;
	}
}

static const struct key_def *find_key(enum ctx c, const struct nd_yev *ev)
{
	const struct key_def *k = keys_of(c);

	for (; k != NULL && k->name != NULL; k++) {
		if (strlen(k->name) == ev->len &&
		    memcmp(k->name, ev->str, ev->len) == 0)
			return k;
	}
	return NULL;
}

static struct nd_node scalar_node(const struct nd_yev *ev)
{
	struct nd_node n;

	memset(&n, 0, sizeof(n));
	n.kind = ND_NODE_SCALAR;
	n.str = (char *)(uintptr_t)ev->str; /* read, never written */
	n.len = ev->len;
	n.plain = ev->plain;
	return n;
}

static size_t keep(struct sum *s, const struct nd_yev *ev)
{
	size_t at = s->arena.len;

	nd_buf_add(&s->arena, ev->str, ev->len);
	nd_buf_addc(&s->arena, '\0');
	return at;
}

static void add_topic(struct sum *s, const struct nd_yev *ev)
{
	nd_grow(&s->topics, &s->topics_cap, 2 * s->ntopics + 2,
		sizeof(*s->topics));
	s->topics[2 * s->ntopics] = keep(s, ev);
	s->topics[2 * s->ntopics++ + 1] = ev->len;
}

static int in_root(const struct sum *s)
{
	return s->depth == 1;
}

/* A scalar where a typed value is expected: the full reader's checks. */
static int typed(struct sum *s, const struct key_def *k,
		 const struct nd_node *n)
{
	long long v;
	int64_t t;
	size_t at;
	int b;

	switch (k->field) {
	case F_DATE:
		if (nd_time_parse(n->str, n->len, &t, &at) != 0)
			return GIVE_UP;
		if (in_root(s))
			s->date = t;
		return 0;
	case F_INT:
		if (nd_node_int(n, &v) != 0 || nd_score_parse(n, &v) != 0)
			return GIVE_UP; /* the full reader warns */
		if (in_root(s) && k->slot == 0)
			s->quality = v;
		else if (in_root(s))
			s->heat = v == -1 ? ND_UNKNOWN : v;
		return 0;
	default: /* F_BOOL */
		if (nd_node_bool(n, &b) != 0)
			return GIVE_UP;
		if (in_root(s) && k->slot == 0)
			s->published = b;
		return 0;
	}
}

static int keep_text(struct sum *s, int slot, const struct nd_yev *ev)
{
	/* Only the top-level article's texts (and its provider's) count. */
	if (slot < 0 || (s->depth > 1 && s->stack[s->depth - 1].ctx !=
						 C_PROVIDER))
		return 0;
	s->text_at[slot] = keep(s, ev);
	s->text_len[slot] = ev->len; /* a value may hold NUL */
	s->text_set[slot] = 1;
	return 0;
}

static int scalar_value(struct sum *s, const struct key_def *k,
			const struct nd_yev *ev)
{
	struct nd_node n = scalar_node(ev);

	if (k == NULL || nd_node_is_null(&n))
		return 0;
	switch (k->field) {
	case F_TEXT:
		return keep_text(s, k->slot, ev);
	case F_PROVIDER: /* "provider: PC Gamer" is the name */
		if (in_root(s))
			keep_text(s, T_PROV, ev);
		return 0;
	case F_TOPICS: /* "topics: AI" is one topic */
		if (in_root(s))
			add_topic(s, ev);
		return 0;
	case F_IMAGES:
	case F_RELATED:
		return GIVE_UP; /* the full reader warns: not a list */
	default:
		return typed(s, k, &n);
	}
}

/* The context a collection opens in, or GIVE_UP's -1. */
static int child_ctx(const struct sum *s, const struct key_def *k,
		     int is_map)
{
	if (k == NULL)
		return C_SKIP;
	switch (k->field) {
	case F_PROVIDER:
		return !is_map ? -1 : in_root(s) ? C_PROVIDER : C_RPROVIDER;
	case F_TOPICS:
		return is_map ? -1 : C_TOPICS;
	case F_IMAGES:
		return is_map ? -1 : C_IMAGES;
	case F_RELATED:
		return is_map ? -1 : C_RELATED;
	default:
		return -1; /* a collection where a scalar belongs */
	}
}

/* The context of an item of a sequence, or -1. */
static int item_ctx(struct sum *s, enum ctx seq, int is_map)
{
	switch (seq) {
	case C_IMAGES:
		return is_map ? C_IMAGE : -1;
	case C_RELATED:
		if (!is_map)
			return -1;
		s->nrelated++;
		return C_REL;
	case C_SKIP:
		return C_SKIP;
	default: /* C_TOPICS: topics are texts */
		return -1;
	}
}

static int push(struct sum *s, int ctx, int is_map)
{
	struct frame *f;

	if (ctx < 0 || s->depth >= MAX_DEPTH)
		return GIVE_UP;
	f = &s->stack[s->depth++];
	f->ctx = (enum ctx)ctx;
	f->is_map = is_map;
	f->want_key = 1;
	f->key = NULL;
	f->keys_at = s->nkeys;
	f->nkeys = 0;
	return 0;
}

static int on_key(struct sum *s, struct frame *f, const struct nd_yev *ev)
{
	uint64_t h;
	size_t i;

	if (ev->kind != ND_YEV_SCALAR || f->nkeys >= MAX_KEYS)
		return GIVE_UP;
	/* Equal hashes are taken for a duplicate: the full reader then
	 * says which key, or finds none and loads the file anyway. */
	h = nd_hash64(ev->str, ev->len);
	for (i = 0; i < f->nkeys; i++) {
		if (s->keys[f->keys_at + i] == h)
			return GIVE_UP;
	}
	s->keys[s->nkeys++] = h;
	f->nkeys++;
	f->key = find_key(f->ctx, ev);
	f->want_key = 0;
	return 0;
}

static int on_node(struct sum *s, const struct nd_yev *ev)
{
	struct frame *f = &s->stack[s->depth - 1];
	int is_map = ev->kind == ND_YEV_MAP;

	if (f->is_map && f->want_key)
		return on_key(s, f, ev);
	if (f->is_map) {
		f->want_key = 1;
		if (ev->kind == ND_YEV_SCALAR)
			return scalar_value(s, f->key, ev);
		return push(s, child_ctx(s, f->key, is_map), is_map);
	}
	if (ev->kind == ND_YEV_SCALAR) {
		struct nd_node n = scalar_node(ev);

		if (f->ctx == C_TOPICS && !nd_node_is_null(&n) &&
		    s->depth == 2)
			add_topic(s, ev);
		return f->ctx == C_TOPICS || f->ctx == C_SKIP ? 0 : GIVE_UP;
	}
	return push(s, item_ctx(s, f->ctx, is_map), is_map);
}

static int on_end(struct sum *s)
{
	struct frame *f = &s->stack[--s->depth];

	s->nkeys = f->keys_at;
	return 0;
}

static int on_event(void *ctx, const struct nd_yev *ev)
{
	struct sum *s = ctx;

	if (ev->kind == ND_YEV_OTHER || ev->anchored)
		return GIVE_UP; /* aliases: the full reader's business */
	if (ev->kind == ND_YEV_DOC)
		return ++s->docs > 1 ? GIVE_UP : 0;
	if (ev->kind == ND_YEV_END)
		return on_end(s);
	if (++s->nodes > MAX_NODES ||
	    (ev->kind == ND_YEV_SCALAR && ev->len > MAX_SCALAR))
		return GIVE_UP;
	if (s->depth == 0) {
		/* The front matter must be one mapping. */
		if (s->root_seen || ev->kind != ND_YEV_MAP)
			return GIVE_UP;
		s->root_seen = 1;
		return push(s, C_ROOT, 1);
	}
	return on_node(s, ev);
}

static void sum_init(struct sum *s)
{
	memset(s, 0, sizeof(*s));
	nd_buf_init(&s->arena, 0);
	s->date = ND_TIME_NONE;
	s->quality = ND_UNKNOWN;
	s->heat = ND_UNKNOWN;
	s->published = -1;
}

static void texts_of(struct nd_entry *e, const struct sum *s)
{
	struct nd_text *t[NTEXT] = { &e->title,	   &e->excerpt, &e->web_url,
				     &e->original_url, &e->provider,
				     &e->domain,   &e->category, &e->type };
	size_t i;

	for (i = 0; i < NTEXT; i++) {
		t[i]->s = s->text_set[i] ? s->arena.data + s->text_at[i] : NULL;
		t[i]->len = s->text_set[i] ? s->text_len[i] : 0;
	}
}

static void build(struct nd_entry *e, const char *path, struct sum *s)
{
	struct nd_text *topics = nd_xcalloc(s->ntopics + 1, sizeof(*topics));
	size_t i;

	memset(e, 0, sizeof(*e));
	e->path = path;
	texts_of(e, s);
	for (i = 0; i < s->ntopics; i++) {
		topics[i].s = s->arena.data + s->topics[2 * i];
		topics[i].len = s->topics[2 * i + 1];
	}
	e->topics = topics;
	e->ntopics = s->ntopics;
	e->nrelated = s->nrelated;
	e->date = s->date;
	e->quality = s->quality;
	e->heat = s->heat;
	e->published = s->published;
	nd_index_entry_own(e);
	free(topics);
}

int nd_summary_fast(const char *path, const char *data, size_t size,
		    struct nd_entry *out)
{
	struct nd_fm_split split;
	struct nd_err err;
	struct sum *s;
	size_t bad;
	int r;

	if (nd_fm_split(data, size, &split, &err) != 0 ||
	    !nd_utf8_valid(data + split.yaml_start, split.yaml_len, &bad))
		return GIVE_UP;
	s = nd_xmalloc(sizeof(*s));
	sum_init(s);
	r = nd_yaml_stream(data + split.yaml_start, split.yaml_len, on_event,
			   s);
	if (r == 0 && !s->root_seen)
		r = GIVE_UP; /* empty front matter: an error to explain */
	if (r == 0)
		build(out, path, s);
	nd_buf_release(&s->arena);
	free(s->topics);
	free(s);
	return r == 0 ? 0 : GIVE_UP;
}

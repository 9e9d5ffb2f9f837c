#include "newsdesk/model/article.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/datetime.h"
#include "newsdesk/base/fileio.h"
#include "newsdesk/base/str.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char *const known_fields[] = {
	"category", "title",   "excerpt", "publishedDateTime", "originalUrl",
	"webUrl",   "type",    "quality", "heat",	       "published",
	"provider", "topics",  "images",  "related",	       "secured",
};

static int known_field(const char *key, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(known_fields) / sizeof(known_fields[0]); i++) {
		if (strlen(known_fields[i]) == len &&
		    memcmp(known_fields[i], key, len) == 0)
			return 1;
	}
	return 0;
}

/* Context for reading one article: where warnings go. */
struct reader {
	const char *path;
	struct nd_diag *diag;
};

static void wrong_type(struct reader *r, const char *field,
		       const struct nd_node *n, const char *want)
{
	if (n->kind == ND_NODE_SCALAR) {
		int len = n->len > 40 ? 40 : (int)n->len;

		nd_diag_add(r->diag, ND_WARNING, r->path, n->line, n->col,
			    "field '%s' should be %s, found '%.*s%s'; ignored",
			    field, want, len, n->str, n->len > 40 ? "..." : "");
		return;
	}
	nd_diag_add(r->diag, ND_WARNING, r->path, n->line, n->col,
		    "field '%s' should be %s, found %s; ignored", field, want,
		    nd_node_kind_name(n));
}

static void read_text(struct reader *r, const struct nd_node *map,
		      const char *field, struct nd_text *out)
{
	const struct nd_node *n = nd_map_get(map, field);

	out->s = NULL;
	out->len = 0;
	if (n == NULL || nd_node_is_null(n))
		return;
	if (n->kind != ND_NODE_SCALAR) {
		wrong_type(r, field, n, "text");
		return;
	}
	out->s = n->str;
	out->len = n->len;
}

/* The field's node when it holds a number (its value in *v); NULL when
 * it is missing, null or (with a warning) not a number. */
static const struct nd_node *number_node(struct reader *r,
					 const struct nd_node *map,
					 const char *field, long long *v)
{
	const struct nd_node *n = nd_map_get(map, field);

	if (n == NULL || nd_node_is_null(n))
		return NULL;
	if (nd_node_int(n, v) != 0) {
		wrong_type(r, field, n, "a number");
		return NULL;
	}
	return n;
}

static long long read_int(struct reader *r, const struct nd_node *map,
			  const char *field)
{
	long long v;

	return number_node(r, map, field, &v) != NULL ? v : ND_UNKNOWN;
}

int nd_score_parse(const struct nd_node *n, long long *out)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(n->str, &end, 10);
	if (errno != 0 || end == n->str || *end != '\0' || v < ND_SCORE_MIN ||
	    v > ND_SCORE_MAX)
		return -1;
	*out = v;
	return 0;
}

/* quality and heat: a whole number written as one (no 5.5, no 1e3), in
 * ND_SCORE_MIN..ND_SCORE_MAX; anything else is a warning and missing. */
static long long read_score(struct reader *r, const struct nd_node *map,
			    const char *field)
{
	long long v;
	const struct nd_node *n = number_node(r, map, field, &v);

	if (n == NULL)
		return ND_UNKNOWN;
	if (nd_score_parse(n, &v) != 0) {
		nd_diag_add(r->diag, ND_WARNING, r->path, n->line, n->col,
			    "field '%s' should be a whole number from %d to "
			    "%d, found '%.*s'; ignored", field, ND_SCORE_MIN,
			    ND_SCORE_MAX, n->len > 40 ? 40 : (int)n->len,
			    n->str);
		return ND_UNKNOWN;
	}
	return v;
}

/* "false" in quotes: a string that meant to be a bool. */
static int quoted_bool(const struct nd_node *n)
{
	return n->kind == ND_NODE_SCALAR && !n->plain &&
	       (ND_IS(n->str, n->len, "true") ||
		ND_IS(n->str, n->len, "false"));
}

static int read_bool(struct reader *r, const struct nd_node *map,
		     const char *field)
{
	const struct nd_node *n = nd_map_get(map, field);
	int v;

	if (n == NULL || nd_node_is_null(n))
		return -1;
	if (nd_node_bool(n, &v) == 0)
		return v;
	if (nd_node_is_yaml11_bool(n))
		nd_diag_add(r->diag, ND_WARNING, r->path, n->line, n->col,
			    "field '%s' is '%s', a string in YAML 1.2: write "
			    "true or false; ignored", field, n->str);
	else if (quoted_bool(n))
		nd_diag_add(r->diag, ND_WARNING, r->path, n->line, n->col,
			    "field '%s' is the quoted string \"%s\": write %s "
			    "without quotes; ignored", field, n->str, n->str);
	else
		wrong_type(r, field, n, "true or false");
	return -1;
}

static int64_t read_date(struct reader *r, const struct nd_node *map,
			 const char *field)
{
	const struct nd_node *n = nd_map_get(map, field);
	int64_t t;
	size_t at;

	if (n == NULL || nd_node_is_null(n))
		return ND_TIME_NONE;
	if (n->kind != ND_NODE_SCALAR) {
		wrong_type(r, field, n, "a date");
		return ND_TIME_NONE;
	}
	if (nd_time_parse(n->str, n->len, &t, &at) != 0) {
		nd_diag_add(r->diag, ND_WARNING, r->path, n->line,
			    n->col + (unsigned)at + !n->plain,
			    "field '%s' is not an ISO-8601 date; ignored",
			    field);
		return ND_TIME_NONE;
	}
	return t;
}

/* A list field; a lone scalar where a list is expected is taken as one
 * item, as people write "topics: AI" by hand. */
static const struct nd_node *read_list(struct reader *r,
				       const struct nd_node *map,
				       const char *field, size_t *count,
				       int *single)
{
	const struct nd_node *n = nd_map_get(map, field);

	*count = 0;
	*single = 0;
	if (n == NULL || nd_node_is_null(n))
		return NULL;
	if (n->kind == ND_NODE_SEQ) {
		*count = n->count;
		return n;
	}
	if (n->kind == ND_NODE_SCALAR) {
		*count = 1;
		*single = 1;
		return n;
	}
	wrong_type(r, field, n, "a list");
	return NULL;
}

static int read_images(struct reader *r, const struct nd_node *map,
		       struct nd_image **out, size_t *nout)
{
	const struct nd_node *list, *item;
	size_t n, i;
	int single, cached;

	*out = NULL;
	*nout = 0;
	list = read_list(r, map, "images", &n, &single);
	if (list == NULL || single) {
		if (single)
			wrong_type(r, "images", list, "a list");
		return 0;
	}
	*out = nd_xcalloc(n ? n : 1, sizeof(**out));
	for (i = 0; i < n; i++) {
		item = list->items[i];
		if (item->kind != ND_NODE_MAP) {
			wrong_type(r, "images", item, "a mapping");
			continue;
		}
		struct nd_image *im = &(*out)[(*nout)++];

		read_text(r, item, "url", &im->url);
		im->width = read_int(r, item, "width");
		im->height = read_int(r, item, "height");
		cached = read_bool(r, item, "isCached");
		im->cached = cached;
	}
	return 0;
}

static int read_provider(struct reader *r, const struct nd_node *map,
			 struct nd_provider *p)
{
	const struct nd_node *n = nd_map_get(map, "provider");

	memset(p, 0, sizeof(*p));
	if (n == NULL || nd_node_is_null(n))
		return 0;
	if (n->kind == ND_NODE_SCALAR) {
		/* "provider: PC Gamer" is read as the name. */
		p->name.s = n->str;
		p->name.len = n->len;
		return 0;
	}
	if (n->kind != ND_NODE_MAP) {
		wrong_type(r, "provider", n, "a mapping");
		return 0;
	}
	read_text(r, n, "name", &p->name);
	read_text(r, n, "domain", &p->domain);
	return read_images(r, n, &p->images, &p->nimages);
}

static int read_topics(struct reader *r, struct nd_article *a)
{
	const struct nd_node *list;
	size_t n, i;
	int single;

	list = read_list(r, a->fm, "topics", &n, &single);
	if (list == NULL)
		return 0;
	a->topics = nd_xcalloc(n ? n : 1, sizeof(*a->topics));
	for (i = 0; i < n; i++) {
		const struct nd_node *t = single ? list : list->items[i];

		if (t->kind != ND_NODE_SCALAR || nd_node_is_null(t)) {
			if (t->kind != ND_NODE_SCALAR)
				wrong_type(r, "topics", t, "text");
			continue;
		}
		a->topics[a->ntopics].s = t->str;
		a->topics[a->ntopics++].len = t->len;
	}
	return 0;
}

static int read_related_item(struct reader *r, const struct nd_node *item,
			     struct nd_related *rel)
{
	rel->node = item;
	read_text(r, item, "title", &rel->title);
	read_text(r, item, "excerpt", &rel->excerpt);
	read_text(r, item, "webUrl", &rel->web_url);
	read_text(r, item, "type", &rel->type);
	rel->date = read_date(r, item, "publishedDateTime");
	rel->quality = read_int(r, item, "quality");
	if (read_provider(r, item, &rel->provider) != 0)
		return -1;
	return read_images(r, item, &rel->images, &rel->nimages);
}

static int read_related(struct reader *r, struct nd_article *a)
{
	const struct nd_node *list;
	size_t n, i;
	int single;

	list = read_list(r, a->fm, "related", &n, &single);
	if (list == NULL)
		return 0;
	if (single) {
		wrong_type(r, "related", list, "a list");
		return 0;
	}
	a->related = nd_xcalloc(n ? n : 1, sizeof(*a->related));
	for (i = 0; i < n; i++) {
		if (list->items[i]->kind != ND_NODE_MAP) {
			wrong_type(r, "related", list->items[i], "a mapping");
			continue;
		}
		if (read_related_item(r, list->items[i],
				      &a->related[a->nrelated++]) != 0)
			return -1;
	}
	return 0;
}

static int list_unknown(struct nd_article *a)
{
	size_t i, n = nd_map_size(a->fm);

	a->unknown = nd_xcalloc(n ? n : 1, sizeof(*a->unknown));
	for (i = 0; i < n; i++) {
		const struct nd_node *k = nd_map_key(a->fm, i);

		if (!known_field(k->str, k->len))
			a->unknown[a->nunknown++] = i;
	}
	return 0;
}

static int read_fields(struct reader *r, struct nd_article *a)
{
	const struct nd_node *m = a->fm;
	long long heat;

	read_text(r, m, "category", &a->category);
	read_text(r, m, "title", &a->title);
	read_text(r, m, "excerpt", &a->excerpt);
	read_text(r, m, "originalUrl", &a->original_url);
	read_text(r, m, "webUrl", &a->web_url);
	read_text(r, m, "type", &a->type);
	read_text(r, m, "secured", &a->secured);
	a->date = read_date(r, m, "publishedDateTime");
	a->quality = read_score(r, m, "quality");
	heat = read_score(r, m, "heat");
	a->heat = heat == -1 ? ND_UNKNOWN : heat;
	a->published = read_bool(r, m, "published");
	if (read_provider(r, m, &a->provider) != 0 || read_topics(r, a) != 0 ||
	    read_images(r, m, &a->images, &a->nimages) != 0 ||
	    read_related(r, a) != 0 || list_unknown(a) != 0)
		return -1;
	return 0;
}

static void free_provider(struct nd_provider *p)
{
	free(p->images);
}

void nd_article_free(struct nd_article *a)
{
	size_t i;

	if (a == NULL)
		return;
	for (i = 0; i < a->nrelated; i++) {
		free_provider(&a->related[i].provider);
		free(a->related[i].images);
	}
	free(a->related);
	free(a->images);
	free(a->topics);
	free(a->unknown);
	free_provider(&a->provider);
	nd_node_free(a->fm);
	free(a->data);
	free(a->path);
	free(a);
}

static int parse_failed(struct nd_article *a, struct nd_diag *diag,
			const struct nd_err *err)
{
	nd_diag_add(diag, ND_ERROR, a->path, err->line, err->col, "%s",
		    err->message);
	return -1;
}

static int build(struct nd_article *a, struct nd_diag *diag)
{
	static const struct nd_yaml_limits lim = ND_YAML_DEFAULT_LIMITS;
	struct nd_err err;
	struct reader r = { a->path, diag };
	size_t first;

	if (nd_fm_parse(a->data, a->size, &lim, &a->split, &a->fm, &err) != 0)
		return parse_failed(a, diag, &err);
	if (a->fm == NULL) {
		nd_diag_add(diag, ND_ERROR, a->path, a->split.yaml_line, 1,
			    "front matter is empty");
		return -1;
	}
	if (a->fm->kind != ND_NODE_MAP) {
		nd_diag_add(diag, ND_ERROR, a->path, a->fm->line, a->fm->col,
			    "front matter must be a mapping of fields, "
			    "found %s", nd_node_kind_name(a->fm));
		return -1;
	}
	a->body.s = a->data + a->split.body_start;
	a->body.len = a->size - a->split.body_start;
	first = diag->count;
	if (read_fields(&r, a) != 0) {
		nd_diag_add(diag, ND_ERROR, a->path, 0, 0, "out of memory");
		return -1;
	}
	/* Fields are read in a fixed order; report them in file order. */
	nd_diag_sort_from(diag, first);
	return 0;
}

int nd_article_parse(const char *path, char *data, size_t size,
		     struct nd_article **out, struct nd_diag *diag)
{
	struct nd_article *a = nd_xcalloc(1, sizeof(*a));

	*out = NULL;
	a->path = nd_xstrdup(path);
	a->data = data;
	a->size = size;
	a->date = ND_TIME_NONE;
	if (build(a, diag) != 0) {
		nd_article_free(a);
		return -1;
	}
	*out = a;
	return 0;
}

int nd_article_load(const char *path, struct nd_article **out,
		    struct nd_diag *diag)
{
	char *data;
	size_t size;
	struct nd_err cause;

	*out = NULL;
	if (nd_read_file(path, ND_MAX_FILE_BYTES, &data, &size, &cause) != 0) {
		nd_diag_add_err(diag, ND_ERROR, path, &cause);
		return -1;
	}
	return nd_article_parse(path, data, size, out, diag);
}

/* newsdesk list: the index as a table, TSV or JSON Lines. */
#include "cli.h"

#include "newsdesk/base/alloc.h"
#include "newsdesk/base/datetime.h"
#include "newsdesk/model/json.h"
#include "newsdesk/model/query.h"
#include "newsdesk/model/sort.h"
#include "newsdesk/present/config.h"
#include "newsdesk/model/story.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

enum format { FMT_TABLE, FMT_TSV, FMT_JSON };

struct list_opts {
	const char *dir, *query, *search;
	enum nd_sort_key key;
	int reverse;
	enum format format;
	long limit;
	struct nd_load_opts load;
};

static void put_num(struct nd_buf *b, int32_t v, size_t width)
{
	char tmp[16];

	if (v == ND_NUM_UNKNOWN)
		snprintf(tmp, sizeof(tmp), "-");
	else
		snprintf(tmp, sizeof(tmp), "%d", (int)v);
	cli_cell(b, tmp, strlen(tmp), width, 1);
}

static void put_date(struct nd_buf *b, int64_t t, int full)
{
	char tmp[24];

	if (t == ND_TIME_NONE)
		nd_buf_adds(b, full ? "" : "-         ");
	else if (full)
		nd_time_format(t, tmp), nd_buf_adds(b, tmp);
	else
		nd_date_format(t, tmp), nd_buf_adds(b, tmp);
}

static void provider_of(const struct nd_index *idx, const struct nd_summary *s,
			const char **p, size_t *len)
{
	*p = nd_index_str(idx, s->provider ? s->provider : s->domain, len);
}

/* The number columns: 4 wide, wider when a value shown needs it (any
 * accepted value, up to 1000000, fits without a cut). */
static size_t num_width(const struct nd_index *idx, const uint32_t *ids,
			size_t n)
{
	size_t i, w = 4, k;
	char tmp[16];

	for (i = 0; i < n; i++) {
		const struct nd_summary *s = nd_index_get(idx, ids[i]);

		k = (size_t)snprintf(tmp, sizeof(tmp), "%d", (int)s->quality);
		if (s->quality != ND_NUM_UNKNOWN && k > w)
			w = k;
		k = (size_t)snprintf(tmp, sizeof(tmp), "%d", (int)s->heat);
		if (s->heat != ND_NUM_UNKNOWN && k > w)
			w = k;
	}
	return w;
}

static void table_header(struct nd_buf *b, size_t w)
{
	nd_buf_adds(b, "   DATE       ");
	cli_cell(b, "QUAL", 4, w, 0);
	nd_buf_addc(b, ' ');
	cli_cell(b, "HEAT", 4, w, 0);
	nd_buf_adds(b, " PROVIDER         TITLE\n");
}

static void table_row(struct nd_buf *b, const struct nd_index *idx,
		      const struct nd_summary *s, size_t w)
{
	const char *prov;
	size_t plen, used = 3 + 11 + 2 * (w + 1) + 17;

	cli_marks(b, s);
	nd_buf_addc(b, ' ');
	put_date(b, s->date, 0);
	nd_buf_addc(b, ' ');
	put_num(b, s->quality, w);
	nd_buf_addc(b, ' ');
	put_num(b, s->heat, w);
	nd_buf_addc(b, ' ');
	provider_of(idx, s, &prov, &plen);
	cli_cell(b, prov, plen, 16, 0);
	nd_buf_addc(b, ' ');
	cli_cell(b, s->title, s->title_len,
		 cli.columns > used + 10 ? cli.columns - used : 0, 0);
	/* Padding from a cut title would leave trailing blanks. */
	while (b->len > 0 && b->data[b->len - 1] == ' ')
		b->len--;
	nd_buf_addc(b, '\n');
}

static void tsv_header(struct nd_buf *b)
{
	nd_buf_adds(b, "path\tpublished\tdate\tquality\theat\tprovider\t"
		       "domain\tcategory\ttype\ttopics\ttitle\tread\n");
}

static void tsv_str(struct nd_buf *b, const struct nd_index *idx, uint32_t id)
{
	size_t len;
	const char *s = nd_index_str(idx, id, &len);

	cli_put(b, s, len);
	nd_buf_addc(b, '\t');
}

static void tsv_row(struct nd_buf *b, const struct nd_index *idx,
		    const struct nd_summary *s)
{
	char tmp[16];
	size_t i;

	cli_put(b, s->path, strlen(s->path));
	nd_buf_adds(b, s->published == 1   ? "\ttrue\t"
		       : s->published == 0 ? "\tfalse\t"
					   : "\t\t");
	put_date(b, s->date, 1);
	nd_buf_addc(b, '\t');
	if (s->quality != ND_NUM_UNKNOWN)
		snprintf(tmp, sizeof(tmp), "%d", (int)s->quality),
			nd_buf_adds(b, tmp);
	nd_buf_addc(b, '\t');
	if (s->heat != ND_NUM_UNKNOWN)
		snprintf(tmp, sizeof(tmp), "%d", (int)s->heat),
			nd_buf_adds(b, tmp);
	nd_buf_addc(b, '\t');
	tsv_str(b, idx, s->provider);
	tsv_str(b, idx, s->domain);
	tsv_str(b, idx, s->category);
	tsv_str(b, idx, s->type);
	for (i = 0; i < s->ntopics; i++) {
		size_t len;
		const char *t = nd_index_str(idx, idx->topics[s->topics_at + i],
					     &len);

		if (i > 0)
			nd_buf_addc(b, ',');
		cli_put(b, t, len);
	}
	nd_buf_addc(b, '\t');
	cli_put(b, s->title, s->title_len);
	nd_buf_adds(b, s->read ? "\ttrue\n" : "\tfalse\n");
}

/* Adds "story": the id of the article's story, when it has company. */
/* What is not in the file closes the object: the story id (absent when
 * the article stands alone) and the read state. */
static void json_extra(struct nd_buf *b, const struct nd_index *idx,
		       const struct nd_summary *s)
{
	const struct nd_stories *st = idx->stories;
	size_t id = (size_t)(s - idx->items);

	if (b->len == 0 || b->data[b->len - 1] != '}')
		return;
	b->len--;
	if (st != NULL && id < st->nof && st->of[id] != 0)
		nd_buf_addf(b, ", \"story\": \"%s\"",
			    st->items[st->of[id] - 1].id);
	nd_buf_adds(b, s->read ? ", \"read\": true}" : ", \"read\": false}");
}

static int json_row(struct nd_buf *b, const struct nd_index *idx,
		    const struct nd_summary *s)
{
	struct nd_article *a;
	struct nd_diag d;

	nd_diag_init(&d);
	if (nd_article_load(s->path, &a, &d) != 0) {
		cli_print_problems(&d, stderr);
		nd_diag_release(&d);
		return -1;
	}
	nd_json_article(b, a);
	json_extra(b, idx, s);
	nd_buf_addc(b, '\n');
	nd_article_free(a);
	nd_diag_release(&d);
	return 0;
}

static int parse_args(int argc, char **argv, struct list_opts *o)
{
	static const struct option longs[] = {
		{ "query", required_argument, NULL, 'q' },
		{ "sort", required_argument, NULL, 's' },
		{ "reverse", no_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'f' },
		{ "limit", required_argument, NULL, 'n' },
		{ "follow-links", no_argument, NULL, 'L' },
		{ "search", required_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 },
	};
	char *end;
	int c;

	memset(o, 0, sizeof(*o));
	o->dir = ".";
	o->key = ND_SORT_DATE;
	while ((c = getopt_long(argc, argv, "q:s:rf:n:", longs, NULL)) != -1) {
		switch (c) {
		case 'q':
			o->query = optarg;
			break;
		case 's':
			if (nd_sort_parse(optarg, &o->key) != 0) {
				cli_error("unknown sort key '%s' (date, quality,"
					  " heat, provider, title, path)",
					  optarg);
				return -1;
			}
			break;
		case 'r':
			o->reverse = 1;
			break;
		case 'f':
			if (strcmp(optarg, "table") == 0)
				o->format = FMT_TABLE;
			else if (strcmp(optarg, "tsv") == 0)
				o->format = FMT_TSV;
			else if (strcmp(optarg, "json") == 0)
				o->format = FMT_JSON;
			else {
				cli_error("unknown format '%s' (table, tsv, "
					  "json)", optarg);
				return -1;
			}
			break;
		case 'n':
			o->limit = strtol(optarg, &end, 10);
			if (o->limit <= 0 || *end != '\0') {
				cli_error("--limit takes a positive number");
				return -1;
			}
			break;
		case 'L':
			o->load.follow_links = 1;
			break;
		case 'S':
			o->search = optarg;
			break;
		default:
			cli_bad_option(argv);
			return -1;
		}
	}
	if (optind < argc)
		o->dir = argv[optind++];
	if (optind < argc) {
		cli_error("list takes one directory; unexpected '%s'",
			  argv[optind]);
		return -1;
	}
	return 0;
}

/* The articles both queries match (either may be NULL: everything). */
static uint32_t *select_ids(const struct nd_index *idx, const struct nd_query *q,
			    const struct nd_query *q2, size_t *n)
{
	uint32_t *ids = nd_xmalloc((idx->count ? idx->count : 1) * sizeof(*ids));
	size_t i;

	*n = 0;
	if (ids == NULL)
		return NULL;
	for (i = 0; i < idx->count; i++) {
		if (nd_query_match(q, idx, i) && nd_query_match(q2, idx, i))
			ids[(*n)++] = (uint32_t)i;
	}
	return ids;
}

static int print_rows(const struct list_opts *o, const struct nd_index *idx,
		      const uint32_t *ids, size_t n)
{
	struct nd_buf b = ND_BUF_INIT;
	size_t i, w = num_width(idx, ids, n);
	int r = EXIT_OK;

	if (o->format == FMT_TABLE)
		table_header(&b, w);
	else if (o->format == FMT_TSV)
		tsv_header(&b);
	for (i = 0; i < n; i++) {
		const struct nd_summary *s = nd_index_get(idx, ids[i]);

		if (o->format == FMT_TABLE)
			table_row(&b, idx, s, w);
		else if (o->format == FMT_TSV)
			tsv_row(&b, idx, s);
		else if (json_row(&b, idx, s) != 0)
			r = EXIT_PROBLEMS;
		if (b.len > 65536)
			cli_flush(&b);
	}
	cli_flush(&b);
	nd_buf_release(&b);
	return r;
}

static void unknown_search(const char *name, const struct nd_config *c,
			   const char *path)
{
	struct nd_buf known = ND_BUF_INIT;
	size_t i;

	for (i = 0; i < c->searches.count; i++)
		nd_buf_addf(&known, "%s'%s'", i ? ", " : "",
			    c->searches.items[i].name);
	if (c->searches.count == 0)
		cli_error("unknown search '%s' (no searches in '%s')", name,
			  path);
	else
		cli_error("unknown search '%s' (known: %s)", name, known.data);
	nd_buf_release(&known);
}

/* The saved search's query (compiled by the config), taken out of c. */
static int find_search(const char *name, struct nd_config *c,
		       struct nd_query **q)
{
	char *path = nd_config_default_path();
	struct nd_search *s;
	struct nd_diag d;
	int r = 0;

	nd_diag_init(&d);
	if (path != NULL)
		nd_config_load(c, path, 1, &d);
	cli_print_problems(&d, stderr);
	nd_diag_release(&d);
	s = (struct nd_search *)nd_search_find(&c->searches, name);
	if (s == NULL) {
		unknown_search(name, c, path ? path : "~/.config/newsdesk");
		r = -1;
	} else {
		*q = s->query;
		s->query = NULL;
	}
	free(path);
	return r;
}

int cmd_list(int argc, char **argv)
{
	struct list_opts o;
	struct nd_err qe;
	struct nd_query *q = NULL, *sq = NULL;
	struct nd_index *idx = NULL;
	struct nd_config cfg;
	struct nd_stories *stories = NULL;
	uint32_t *ids;
	size_t n;
	int r;

	if (parse_args(argc, argv, &o) != 0)
		return EXIT_USAGE;
	if (o.query != NULL && nd_query_compile(o.query, &q, &qe) != 0) {
		cli_error("bad query at column %u: %s", qe.col, qe.message);
		return EXIT_USAGE;
	}
	nd_config_init(&cfg);
	r = o.search != NULL ? find_search(o.search, &cfg, &sq) : 0;
	nd_config_release(&cfg);
	if (r == 0)
		r = cli_load(o.dir, &o.load, &idx, 0);
	else
		r = EXIT_USAGE;
	if (r != 0) {
		nd_query_free(q);
		return r;
	}
	cli_apply_read_state(idx);
	if (o.format == FMT_JSON || nd_query_uses_stories(q) ||
	    nd_query_uses_stories(sq))
		stories = cli_stories(idx);
	ids = select_ids(idx, q, sq, &n);
	if (ids == NULL || nd_sort_ids(idx, ids, n, o.key,
				       nd_sort_natural_desc(o.key) != o.reverse) != 0) {
		cli_error("out of memory");
		r = EXIT_PROBLEMS;
	} else {
		r = print_rows(&o, idx, ids,
			       o.limit > 0 && (size_t)o.limit < n
				       ? (size_t)o.limit : n);
	}
	free(ids);
	nd_query_free(q);
	nd_query_free(sq);
	nd_stories_free(stories);
	nd_index_free(idx);
	return r;
}

/* newsdesk stats: counts by published state, provider, topic, category. */
#include "cli.h"

#include "newsdesk/base/alloc.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

struct count {
	uint32_t sid;
	size_t n;
};

static int by_count(const void *a, const void *b)
{
	const struct count *x = a, *y = b;

	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return (x->sid > y->sid) - (x->sid < y->sid);
}

/* counts is indexed by interned id; prints the non-zero ones, most first. */
static void print_counts(struct nd_buf *b, const struct nd_index *idx,
			 const char *title, const size_t *counts, size_t none)
{
	uint32_t n = idx->pool.nstrs, i, k = 0;
	struct count *rows = nd_xmalloc((n ? n : 1) * sizeof(*rows));
	size_t len;
	const char *s;

	for (i = 1; i < n; i++) {
		if (counts[i] != 0)
			rows[k].sid = i, rows[k++].n = counts[i];
	}
	qsort(rows, k, sizeof(*rows), by_count);
	nd_buf_addf(b, "\n%s (%u):\n", title, (unsigned)k);
	for (i = 0; i < k; i++) {
		s = nd_index_str(idx, rows[i].sid, &len);
		nd_buf_addf(b, "%8zu  ", rows[i].n);
		cli_put(b, s, len);
		nd_buf_addc(b, '\n');
	}
	if (none != 0)
		nd_buf_addf(b, "%8zu  (none)\n", none);
	free(rows);
}

enum { BY_PROVIDER, BY_TOPIC, BY_CATEGORY, BY_COUNT };

static void tally(const struct nd_index *idx, size_t *counts[BY_COUNT],
		  size_t none[BY_COUNT], size_t pub[3])
{
	size_t i, t;

	for (i = 0; i < idx->count; i++) {
		const struct nd_summary *s = &idx->items[i];
		uint32_t prov = s->provider ? s->provider : s->domain;

		pub[s->published + 1]++;
		if (prov != 0)
			counts[BY_PROVIDER][prov]++;
		else
			none[BY_PROVIDER]++;
		if (s->category != 0)
			counts[BY_CATEGORY][s->category]++;
		else
			none[BY_CATEGORY]++;
		for (t = 0; t < s->ntopics; t++)
			counts[BY_TOPIC][idx->topics[s->topics_at + t]]++;
		if (s->ntopics == 0)
			none[BY_TOPIC]++;
	}
}

int cmd_stats(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "follow-links", no_argument, NULL, 'L' },
		{ NULL, 0, NULL, 0 },
	};
	struct nd_load_opts lo;
	struct nd_buf b = ND_BUF_INIT;
	struct nd_index *idx;
	size_t *counts[BY_COUNT], none[BY_COUNT] = { 0 }, pub[3] = { 0 };
	int c, i, r;

	memset(&lo, 0, sizeof(lo));
	while ((c = getopt_long(argc, argv, "", longs, NULL)) != -1) {
		if (c != 'L')
			return cli_bad_option(argv);
		lo.follow_links = 1;
	}
	if (argc - optind > 1) {
		cli_error("usage: %s stats [--follow-links] [DIR]", cli.prog);
		return EXIT_USAGE;
	}
	r = cli_load(optind < argc ? argv[optind] : ".", &lo, &idx, 0);
	if (r != 0)
		return r;
	for (i = 0; i < BY_COUNT; i++)
		counts[i] = nd_xcalloc(idx->pool.nstrs + 1, sizeof(size_t));
	tally(idx, counts, none, pub);
	nd_buf_addf(&b, "articles     %8zu\npublished    %8zu\nunpublished  "
		    "%8zu\n  (no published field: %zu)\n", idx->count, pub[2],
		    pub[0] + pub[1], pub[0]);
	print_counts(&b, idx, "Providers", counts[BY_PROVIDER],
		     none[BY_PROVIDER]);
	print_counts(&b, idx, "Topics", counts[BY_TOPIC], none[BY_TOPIC]);
	print_counts(&b, idx, "Categories", counts[BY_CATEGORY],
		     none[BY_CATEGORY]);
	cli_flush(&b);
	for (i = 0; i < BY_COUNT; i++)
		free(counts[i]);
	nd_buf_release(&b);
	nd_index_free(idx);
	return r;
}
